"""Accuracy is measured with our own scorer (generator/score.py), on the seed and on our own gold articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.score import format_report, load_gold, load_predictions, score as score_extraction

SEED_MINIMUMS = {"persons": 0.95, "organisations": 0.85, "locations": 0.95, "roles": 0.8, "country_codes": 0.95,
                 "figures": 0.9, "sources": 0.9, "anonymous_flag": 0.95, "direct_flag": 0.95}
# Our own articles (tests/gold*/), written independently of the rules. Floors sit a little
# under what the rules reach today, so a regression fails here.
GOLD_MINIMUMS = {"persons": 0.9, "organisations": 0.78, "locations": 0.93, "roles": 0.85, "country_codes": 0.88,
                 "figures": 0.95, "sources": 0.9, "anonymous_flag": 0.95, "direct_flag": 0.92}


def score(gold: Path, files: list[Path], minimums: dict[str, float], tmp_path: Path) -> str:
    """Extract ``files`` with the real pipeline and score them against ``gold``.

    Fails, listing every miss and extra, when a minimum is not met or a gold article was not extracted.
    """
    pred = tmp_path / "pred.jsonl"
    pred.write_text(run_generator(["extract", "--json", *map(str, files)], cwd=ROOT).stdout, encoding="utf-8")
    report = score_extraction(load_gold(gold), load_predictions(pred))
    text = format_report(report, verbose=True)
    assert not report.unpredicted, text
    measures = report.measures()
    short = {field: round(measures[field], 3) for field, value in minimums.items() if measures[field] < value}
    assert not short, f"under the minimum: {short}\n{text}"
    return text


def test_seed_meets_the_issue_figures(tmp_path):
    score(ROOT / "tests" / "gold_seed" / "gold.json", sorted((ROOT / "seeds").glob("000_*.txt")), SEED_MINIMUMS,
          tmp_path)


# tests/gold_c was written blind by a helper session and then used to fix rules (Nov 2026):
# its floors sit just under what the rules reach on it now (locations 0.926).
GOLD_C_MINIMUMS = {**GOLD_MINIMUMS, "organisations": 0.83, "locations": 0.91}
# tests/gold_d, the same way after gold_c's fixes; it first scored persons 0.84, organisations 0.76,
# locations 0.89, sources 0.87, roles 0.81 (the closest thing here to a held-out estimate).
GOLD_D_MINIMUMS = {**GOLD_MINIMUMS, "persons": 0.87, "organisations": 0.77, "locations": 0.88, "sources": 0.85,
                   "roles": 0.8}
# tests/gold_e (8 articles, written blind on 6 December 2026 after every rule of that day) first scored
# persons 0.79, organisations 0.72, locations 0.79, figures 0.91, sources 0.83, roles 0.82, country codes
# 0.87: the honest held-out estimate, far under the issues' targets. Its floors sit just under that first
# score, so they guard against losing ground while rules are fixed in general ways.
GOLD_E_MINIMUMS = {"persons": 0.78, "organisations": 0.71, "locations": 0.78, "figures": 0.9, "sources": 0.82,
                   "roles": 0.8, "country_codes": 0.85, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_f (8 articles in styles no other set has: Indian, Kenyan, Irish, New Zealand, German,
# Philippine, South African and US science news; written blind on 6 December 2026 and scored on the rules
# of b1f3b58) first scored persons 0.74 (precision 0.65), organisations 0.65, locations 0.75, figures 0.89,
# sources 0.81, roles 0.65, country codes 0.98. Floors just under that first score, as for gold_e.
GOLD_F_MINIMUMS = {"persons": 0.73, "organisations": 0.64, "locations": 0.74, "figures": 0.87, "sources": 0.8,
                   "roles": 0.64, "country_codes": 0.95, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_g (8 articles: Pakistani, Ghanaian, Scottish, Malaysian, Jamaican, Emirati, markets and cricket
# news; written blind on 6 December 2026 after gold_f's fixes) first scored persons 0.72 (precision 0.64),
# organisations 0.65, locations 0.69, figures 0.95, sources 0.70, roles 0.40, country codes 0.94 on the
# rules of 7938d2f: gold_f's fixes did not carry over to styles and places they had not seen.
GOLD_G_MINIMUMS = {"persons": 0.71, "organisations": 0.64, "locations": 0.68, "figures": 0.94, "sources": 0.7,
                   "roles": 0.39, "country_codes": 0.92, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_h (10 articles in the MAINSTREAM styles most archives hold: Australian radio news and a
# court story of the early 2000s, AP, a US local TV site, a UK broadsheet, Reuters, CBC, AFP, a US health
# study, a football report; written blind on 6 December 2026) first scored persons 0.90 (precision 0.87),
# organisations 0.74, locations 0.82, figures 0.97, sources 0.81, roles 0.41, country codes 0.98 on the
# rules of cd891a7: nearer the targets than the regional sets, roles far under.
GOLD_H_MINIMUMS = {"persons": 0.89, "organisations": 0.72, "locations": 0.8, "figures": 0.95, "sources": 0.8,
                   "roles": 0.4, "country_codes": 0.95, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_i (10 more mainstream articles: Australian economy, foreign affairs and cricket news of
# 2002–03, CNN politics, BBC health, a UK local crime story, tech funding, a US tornado story, a Reuters
# bombing story from Pakistan, US jobs and earnings; written blind on 6 December 2026, after gold_h's
# fixes) first scored persons 0.92 (precision 0.86), organisations 0.77, locations 0.85, figures 0.99,
# sources 0.86, roles 0.67, country codes 0.94 on the rules of 9b0a38e.
GOLD_I_MINIMUMS = {"persons": 0.9, "organisations": 0.75, "locations": 0.83, "figures": 0.97, "sources": 0.84,
                   "roles": 0.65, "country_codes": 0.92, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_j (10 articles in the styles of the big news sites of 2010–2024: a US federal court ruling,
# a Congress vote, UK politics, a West African election, an Indian disaster story, a Sudan conflict story,
# markets, US local news, a climate study, a football report; written blind on 6 December 2026 after
# gold_i's fixes) first scored persons 0.95 (precision 0.91), organisations 0.77, locations 0.84,
# figures 1.00, sources 0.82, roles 0.54, country codes 0.92 on the rules of 02305ec. Not fitted yet.
GOLD_J_MINIMUMS = {"persons": 0.93, "organisations": 0.75, "locations": 0.82, "figures": 0.98, "sources": 0.8,
                   "roles": 0.52, "country_codes": 0.9, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_k (10 articles in the styles of news sites gold_j did not use: a Reuters earnings wire, AP courts,
# The Irish Times on the Dáil, ABC Australia on a bushfire, The Straits Times, Nation (Kenya), CBC, News24,
# a county cricket report, NPR on a food recall; written blind on 7 December 2026 after gold_j's fixes)
# first scored persons 0.79 (precision 0.70), organisations 0.71, locations 0.70, figures 0.98, sources
# 0.81, roles 0.60, country codes 0.96 on the rules of 43b16e9. Not fitted yet.
# (roles is a rate over the persons matched: finding more of them, without a role, lowers it; floor 0.55)
GOLD_K_MINIMUMS = {"persons": 0.77, "organisations": 0.69, "locations": 0.68, "figures": 0.96, "sources": 0.79,
                   "roles": 0.55, "country_codes": 0.94, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_l (10 articles in house styles no earlier set used: an AFP wire from Senegal, The Washington Post
# on a House hearing, Sky News courts, Deutsche Welle business, The Times of India city news, RNZ local
# government, the Philippine Daily Inquirer on a typhoon, The Independent on the NHS, KSL.com traffic,
# Bloomberg on Treasuries; written blind on 7 December 2026, twelfth session) first scored persons 0.92
# (precision 0.86), organisations 0.80, locations 0.83, figures 1.00, sources 0.87, roles 0.49, country codes
# 0.98, direct-quote flag 0.95 on the rules of 064f44c. Not fitted yet.
GOLD_L_MINIMUMS = {"persons": 0.9, "organisations": 0.78, "locations": 0.81, "figures": 0.97, "sources": 0.85,
                   "roles": 0.46, "country_codes": 0.95, "anonymous_flag": 0.95, "direct_flag": 0.93}
# tests/gold_m (10 articles in the styles of Guardian Australia, the Los Angeles Times, the Irish Independent,
# Al Jazeera English, Mint, Stuff, CNA, the Evening Standard, AP sports and the Financial Times, each with a
# person named like a place of the same story; written blind on 7 December 2026, twelfth session) first
# scored persons 0.84 (precision 0.77), organisations 0.81, locations 0.88, figures 0.96, sources 0.89,
# roles 0.59, country codes 0.95 on the rules of 227d61f. Not fitted yet.
GOLD_M_MINIMUMS = {"persons": 0.82, "organisations": 0.79, "locations": 0.85, "figures": 0.94, "sources": 0.86,
                   "roles": 0.56, "country_codes": 0.93, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_n (10 articles in the styles of BBC News Wales, The New York Times, The Globe and Mail, The Japan
# Times, the Bangkok Post, The Hindu, Daily Maverick, The Sydney Morning Herald, Politico Europe and
# ESPNcricinfo, each with a person named like a place of the story; written blind on 7 December 2026,
# thirteenth session) first scored persons 0.90 (precision 0.84), organisations 0.71, locations 0.84,
# figures 0.98, sources 0.92, roles 0.51, country codes 1.00 on the rules of ca290a1. Not fitted yet.
GOLD_N_MINIMUMS = {"persons": 0.88, "organisations": 0.68, "locations": 0.82, "figures": 0.96, "sources": 0.89,
                   "roles": 0.48, "country_codes": 0.97, "anonymous_flag": 0.95, "direct_flag": 0.95}
# tests/gold_o (10 articles in the styles of the Chicago Tribune, The Telegraph, Kyodo News, Dawn, The National,
# The Korea Herald, The Jakarta Post, Premium Times, USA Today Sports and STAT, each with a person named like a
# place or a team of the story; written blind on 7 December 2026, thirteenth session, after that session's
# first fixes) first scored persons 0.85 (precision 0.81), organisations 0.82, locations 0.82, figures 0.99,
# sources 0.84, roles 0.54, country codes 1.00 on the rules of de74ff2. Not fitted yet.
GOLD_O_MINIMUMS = {"persons": 0.83, "organisations": 0.79, "locations": 0.79, "figures": 0.96, "sources": 0.82,
                   "roles": 0.51, "country_codes": 0.97, "anonymous_flag": 0.95, "direct_flag": 0.95}
# What the rules reach today where a session's general fixes raised a set well past its first score
# (6 December, after the role, organisation, place and source fixes of that evening), held just under:
# a change that loses that ground fails here, not only in someone's reading of ``make eval``.
HELD = {"gold_b": {"organisations": 0.89},
        "gold_e": {"roles": 0.97, "locations": 0.95},
        # gold_f and gold_g raised again in the twelfth session: a name that stands only where places stand
        # is a place, saints' short forms, parishes as first-level divisions
        "gold_f": {"roles": 0.92, "organisations": 0.81, "locations": 0.87, "persons": 0.93},
        "gold_g": {"roles": 0.53, "organisations": 0.78, "sources": 0.79, "persons": 0.8, "locations": 0.81},
        # (gold_h roles 0.72 -> 0.71 in the twelfth session: AP's "D-N.M." is now written out after the code,
        # which one gold role that keeps the bare code no longer holds; four roles of gold_j, gold_k and
        # gold_l that spell the party and state out now match)
        "gold_h": {"persons": 0.93, "organisations": 0.93, "locations": 0.97, "sources": 0.88, "roles": 0.71,
                   "figures": 0.96, "country_codes": 0.98},
        # gold_i after its kinds were fixed (seventh session's evening; first blind score in GOLD_I_MINIMUMS)
        "gold_i": {"persons": 0.94, "organisations": 0.83, "locations": 0.91, "sources": 0.93, "roles": 0.78,
                   "country_codes": 0.97},
        # gold_j after its first kinds were fixed (ninth session: bodies of places, constituencies, local
        # divisions, accents, newspaper datelines, documents' owners; first blind score in GOLD_J_MINIMUMS)
        "gold_j": {"persons": 0.97, "organisations": 0.87, "locations": 0.9, "sources": 0.88, "roles": 0.66},
        # gold_k after its first kinds were fixed (tenth session: constituencies before a member's name, towns
        # named like a person, name particles and Malay names, buildings, datelines before a dash; eleventh
        # session: a place under the name the article writes, an age and home town as who someone is)
        "gold_k": {"persons": 0.93, "organisations": 0.8, "locations": 0.84, "sources": 0.87, "roles": 0.73},
        # gold_l after its first kinds were fixed (twelfth session: place slots, roles in clauses and
        # back-references, firms of partners' names, storms' names, amounts cut from names)
        "gold_l": {"persons": 0.94, "organisations": 0.88, "locations": 0.87, "sources": 0.9, "roles": 0.57}}
MINIMUMS = {folder: {**floors, **HELD.get(folder, {})} for folder, floors in {
    "gold_b": GOLD_MINIMUMS, "gold_c": GOLD_C_MINIMUMS, "gold_d": GOLD_D_MINIMUMS, "gold_e": GOLD_E_MINIMUMS,
    "gold_f": GOLD_F_MINIMUMS, "gold_g": GOLD_G_MINIMUMS, "gold_h": GOLD_H_MINIMUMS,
    "gold_i": GOLD_I_MINIMUMS, "gold_j": GOLD_J_MINIMUMS, "gold_k": GOLD_K_MINIMUMS, "gold_l": GOLD_L_MINIMUMS,
    "gold_m": GOLD_M_MINIMUMS, "gold_n": GOLD_N_MINIMUMS,
    "gold_o": GOLD_O_MINIMUMS}.items()}


@pytest.mark.parametrize("folder", ["gold", "gold_b", "gold_c", "gold_d", "gold_e", "gold_f", "gold_g", "gold_h",
                                    "gold_i", "gold_j", "gold_k", "gold_l", "gold_m",
                                    "gold_n", "gold_o"])
def test_own_gold_articles(folder, tmp_path):
    gold_dir = ROOT / "tests" / folder
    if not (gold_dir / "gold.json").exists():
        pytest.fail(f"{gold_dir}/gold.json is missing")
    files = sorted((gold_dir / "articles").glob("*.txt"))
    assert len(files) >= 5
    score(gold_dir / "gold.json", files, MINIMUMS.get(folder, GOLD_MINIMUMS), tmp_path)
