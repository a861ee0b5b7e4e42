"""The project's scorer (generator/score.py) on small hand-made gold and extraction pairs.

Each matching rule has a case that must match and a case that must not; the command line is run
for real (exit status, --verbose, --min, errors as file:line:column lines, never a traceback).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES, ROOT
from generator.score import (MEASURES, GoldArticle, PredArticle, ScoreInputError, format_report, load_gold,
                             load_predictions, name_key, score)

ID = "100_test_article"


def gold(**lists) -> dict:
    return {"id": ID, "persons": [], "organisations": [], "locations": [], "figures": [], "sources": [], **lists}


def pred(**lists) -> dict:
    return {"source_file": f"tests/gold/articles/{ID}.txt", "actors": [], "locations": [], "figures": [],
            "sources": [], **lists}


def entity(name: str, aliases=(), optional: bool = False, **more) -> dict:
    return {"name": name, "aliases": list(aliases), **({"optional": True} if optional else {}), **more}


def actor(name: str, kind: str = "person", role: str | None = None) -> dict:
    return {"name": name, "type": kind, "role": role, "aliases": [], "mentions": 1, "sentences": [0]}


def figure(value, text: str, optional: bool = False) -> dict:
    return {"value": value, "qualifier": None, "object": None, "text": text, **({"optional": True} if optional else {})}


def gold_source(speaker=None, descriptor=None, anonymous=None, direct=False, optional=False) -> dict:
    anonymous = speaker is None if anonymous is None else anonymous
    return {"speaker": speaker, "descriptor": descriptor, "anonymous": anonymous, "direct_quote": direct, "cue": "said",
            **({"optional": True} if optional else {})}


def source(name=None, descriptor=None, anonymous=None, quotes=(False,)) -> dict:
    return {"name": name, "descriptor": descriptor, "anonymous": name is None if anonymous is None else anonymous,
            "type": "person", "via": None,
            "quotes": [{"text": "words", "direct": direct, "cue": "said", "sentence": 0} for direct in quotes]}


def run(gold_article: dict, pred_article: dict | None):
    preds = {ID: PredArticle.model_validate(pred_article)} if pred_article is not None else {}
    return score([GoldArticle.model_validate(gold_article)], preds)


def counts(report, category: str) -> tuple[int, int, int]:
    cat = report.categories[category]
    return cat.tp, cat.fp, cat.fn


# ---------------------------------------------------------------- names: lenient on surface form

@pytest.mark.parametrize("gold_name, aliases, predicted", [
    ("Hamas", [], "HAMAS"),                              # case
    ("White House", [], "the White House"),              # a leading "the"
    ("The Hague Group", [], "Hague Group"),              # … on either side
    ("Hamas", [], "Hamas's"),                            # a possessive 's
    ("Reuters", [], "Reuters’"),                         # a possessive apostrophe, curly
    ("Washington, D.C.", [], "Washington DC"),           # punctuation
    ("Al-Shabab", [], "al Shabab"),                      # hyphen or space
    ("United States", [], "U.S."),                       # US = United States
    ("US", [], "the United States of America"),
    ("European Union", [], "EU"),
    ("Eloïse Marchand", [], "Eloise Marchand"),          # accents
    ("Karoline Leavitt", ["Leavitt"], "Leavitt"),        # the gold entry's aliases
    ("Climate Action Network Europe", ["CAN Europe"], "Can-Europe"),
])
def test_surface_forms_of_one_name_match(gold_name, aliases, predicted):
    report = run(gold(organisations=[entity(gold_name, aliases)]), pred(actors=[actor(predicted, "organisation")]))
    assert counts(report, "organisations") == (1, 0, 0)


@pytest.mark.parametrize("gold_name, aliases, predicted", [
    ("Ministry of Health", [], "Ministry"),               # part of a name is another name
    ("Karoline Leavitt", [], "Leavitt"),                 # a surname matches only when the gold lists it
    ("United States", [], "United Kingdom"),
    ("Athens", [], "Athens-Clarke County"),
    ("Thebes", [], "bes"),                               # "the" comes off only as a word
    ("Socialists and Democrats", ["S&D"], "Democrats"),
])
def test_other_names_do_not_match(gold_name, aliases, predicted):
    report = run(gold(organisations=[entity(gold_name, aliases)]), pred(actors=[actor(predicted, "organisation")]))
    assert counts(report, "organisations") == (0, 1, 1)


def test_name_key_sets_aside_only_surface_form():
    assert name_key("The U.S.'s") == name_key("united states") == name_key("USA")
    assert name_key("Thebes") == "thebes" and name_key("O’Brien") == name_key("OBrien")
    assert name_key("") == name_key(None) == name_key("—") == ""


def test_a_name_without_letters_matches_nothing_and_is_refused_in_the_gold(tmp_path):
    assert counts(run(gold(persons=[entity("A")]), pred(actors=[actor("!")])), "persons") == (0, 1, 1)
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([gold(persons=[entity("?")])]), encoding="utf-8")
    with pytest.raises(ScoreInputError, match=r'persons\[0\]\.name: "\?" has no letter or digit, so it can match '
                                              r"nothing — write the name as the article gives it"):
        load_gold(path)


# ---------------------------------------------------------------- strict on identity

def test_two_predictions_of_one_entity_are_one_hit_and_one_false_positive():
    for order in (["Karoline Leavitt", "Leavitt"], ["Leavitt", "Karoline Leavitt"]):
        report = run(gold(persons=[entity("Karoline Leavitt", ["Leavitt"])]), pred(actors=[actor(n) for n in order]))
        assert counts(report, "persons") == (1, 1, 0)
        # the full name is the closer match, so the surname is the extra one, whatever the order
        assert report.categories["persons"].details == [
            f'{ID} persons: extra "Leavitt" (a second entry for an entity already matched)']


def test_one_prediction_hits_one_entity_only():
    golds = [entity("John Smith", ["Smith"]), entity("Jane Smith", ["Smith"])]
    report = run(gold(persons=golds), pred(actors=[actor("Smith")]))
    assert counts(report, "persons") == (1, 0, 1)


def test_persons_and_organisations_are_scored_by_the_type_extracted():
    report = run(gold(organisations=[entity("Eurogas")]), pred(actors=[actor("Eurogas", "person")]))
    assert counts(report, "persons") == (0, 1, 0)
    assert counts(report, "organisations") == (0, 0, 1)


# ---------------------------------------------------------------- optional entries

def test_optional_entries_are_neither_required_nor_penalised():
    golds = [entity("Trump"), entity("Obama", ["Barack Obama"], optional=True)]
    assert counts(run(gold(persons=golds), pred(actors=[actor("Trump")])), "persons") == (1, 0, 0)
    assert counts(run(gold(persons=golds), pred(actors=[actor("Trump"), actor("Obama")])), "persons") == (1, 0, 0)
    # an ambiguous entry may draw several predictions: none is counted
    both = pred(actors=[actor("Trump"), actor("Obama"), actor("Barack Obama")])
    assert counts(run(gold(persons=golds), both), "persons") == (1, 0, 0)
    # but a prediction that matches nothing is still an extra
    assert counts(run(gold(persons=golds), pred(actors=[actor("Trump"), actor("Biden")])), "persons") == (1, 1, 0)


def test_an_optional_entry_does_not_take_a_prediction_a_required_one_could_have():
    golds = [figure(2, "the two fronts", optional=True), figure(2, "independents took the remaining two")]
    assert counts(run(gold(figures=golds), pred(figures=[figure(2, "two")])), "figures") == (1, 0, 0)


def test_an_optional_entry_keeps_the_prediction_that_is_about_it():
    golds = [figure(2, "two floors", optional=True), figure(2, "two ballistic missiles")]
    # the prediction is the floors: the missiles are missed, and the floors cost nothing
    assert counts(run(gold(figures=golds), pred(figures=[figure(2, "two floors")])), "figures") == (0, 0, 1)


# ---------------------------------------------------------------- figures

@pytest.mark.parametrize("gold_value, predicted, hit", [
    (24, 24.0, True), (1.5, 1.5, True), (1_200_000_000, 1.2e9, True), (0.25, 0.25000000001, True),
    (24, 25, False), (1.5, 15, False), (3, None, False),
])
def test_figures_match_on_their_value(gold_value, predicted, hit):
    report = run(gold(figures=[figure(gold_value, "x")]), pred(figures=[figure(predicted, "x")]))
    assert counts(report, "figures") == ((1, 0, 0) if hit else (0, 1, 1))


def test_figures_of_one_value_pair_by_their_text():
    golds = [figure(3, "three rounds of qualifying"), figure(3, "almost three hours", optional=True)]
    preds = [figure(3, "almost three hours"), figure(3, "three rounds")]
    assert counts(run(gold(figures=golds), pred(figures=preds)), "figures") == (1, 0, 0)


# ---------------------------------------------------------------- sources

def test_a_named_source_matches_under_its_actors_aliases():
    article = gold(persons=[entity("Mick Mulroy", ["Mulroy"])], sources=[gold_source("Mick Mulroy", direct=True)])
    report = run(article, pred(sources=[source("Mulroy", quotes=(True,))]))
    assert counts(report, "sources") == (1, 0, 0)
    assert counts(run(article, pred(sources=[source("Mulroy's office")])), "sources") == (0, 1, 1)


@pytest.mark.parametrize("gold_words, predicted_words, hit", [
    ("a Palestinian source", "A Palestinian source", True),
    ("A senior official", "a senior official in the Palestinian Authority", True),   # the prediction says more
    ("EU officials", "officials", True),                                              # half the words
    ("One juror", "a juror", True),
    ("A US State Department spokesperson", "a spokesperson", False),                 # too little of it
    ("shipping brokers", "shipping insurers", False),
    ("analysts", "two people familiar with the talks", False),
])
def test_unnamed_sources_match_on_their_words(gold_words, predicted_words, hit):
    report = run(gold(sources=[gold_source(descriptor=gold_words)]), pred(sources=[source(descriptor=predicted_words)]))
    assert counts(report, "sources") == ((1, 0, 0) if hit else (0, 1, 1))


def test_an_unnamed_source_is_not_any_named_body_that_contains_its_words():
    report = run(gold(sources=[gold_source(descriptor="police")]), pred(sources=[source("Australian Federal Police")]))
    assert counts(report, "sources") == (0, 1, 1)


def test_the_anonymous_flag_is_scored_on_matched_sources():
    article = gold(sources=[gold_source("Axios"), gold_source(descriptor="a US official")])
    right = pred(sources=[source("Axios"), source(descriptor="a US official")])
    assert run(article, right).measures()["anonymous_flag"] == 1.0
    wrong = pred(sources=[source(descriptor="Axios", anonymous=True), source(descriptor="a US official")])
    report = run(article, wrong)
    assert counts(report, "sources") == (2, 0, 0)
    assert (report.rates["anonymous_flag"].right, report.rates["anonymous_flag"].total) == (1, 2)


def test_a_named_and_an_unnamed_source_of_the_same_words_pair_by_kind():
    article = gold(sources=[gold_source("police", anonymous=False), gold_source(descriptor="police")])
    report = run(article, pred(sources=[source(descriptor="police"), source("police")]))
    assert counts(report, "sources") == (2, 0, 0)
    assert report.measures()["anonymous_flag"] == 1.0


@pytest.mark.parametrize("gold_direct, quotes, right", [
    (True, (False, True), True),      # quoted directly at least once
    (True, (False,), False),
    (False, (False, False), True),
    (False, (True,), False),
    (True, (), False),
])
def test_the_direct_flag_is_whether_any_quote_is_direct(gold_direct, quotes, right):
    report = run(gold(sources=[gold_source("Sam Kouris", direct=gold_direct)]),
                 pred(sources=[source("Sam Kouris", quotes=quotes)]))
    assert report.rates["direct_flag"].right == int(right) and report.rates["direct_flag"].total == 1


# ---------------------------------------------------------------- roles and country codes

@pytest.mark.parametrize("gold_role, predicted_role, right", [
    ("White House press secretary", "White House press secretary", True),
    ("special envoy for hostages", "US special envoy for hostages", True),      # more detail is fine
    ("Netanyahu’s spokesman", "Benjamin Netanyahu's spokesman", True),
    ("U.S. Senator", "Senator", True),                                           # half the words
    ("Commissioner", "Commissioners", True),
    ("council leader", "Labour politician; council leader", True),              # one of several roles
    ("local government minister", "minister", False),                            # a third of the words
    ("head of the WHO’s Global Malaria Programme", "head", False),
    ("coach", "team doctor", False),
    ("prime minister", None, False),
])
def test_roles(gold_role, predicted_role, right):
    report = run(gold(persons=[entity("Ana Ruiz", role=gold_role)]),
                 pred(actors=[actor("Ana Ruiz", role=predicted_role)]))
    assert (report.rates["roles"].right, report.rates["roles"].total) == (int(right), 1)


def test_roles_count_matched_required_persons_with_a_gold_role_only():
    golds = [entity("Ana Ruiz", role=None), entity("Obama", role="former president", optional=True),
             entity("Li Wei", role="mayor")]
    report = run(gold(persons=golds), pred(actors=[actor("Ana Ruiz", role="mayor"), actor("Obama", role="mayor")]))
    assert report.rates["roles"].total == 0 and report.measures()["roles"] == 1.0


def test_country_codes():
    golds = [entity("Doha", kind="city", country_code="QA"), entity("Middle East", kind="region", country_code=None),
             entity("Gaza", kind="region", country_code="PS"), entity("Cairo", kind="city", country_code="EG")]
    preds = [{"name": "Doha", "type": "city", "country_code": "qa"},
             {"name": "Middle East", "type": "region", "country_code": "EG"},
             {"name": "Gaza", "type": "region", "country_code": "IL"}]
    rate = run(gold(locations=golds), pred(locations=preds)).rates["country_codes"]
    assert (rate.right, rate.total) == (1, 2)  # Middle East has no code to get right; Cairo was not matched


# ---------------------------------------------------------------- the measures

def test_precision_recall_and_f1():
    golds = [entity("A One"), entity("B Two"), entity("C Three")]
    report = run(gold(persons=golds), pred(actors=[actor("A One"), actor("B Two"), actor("D Four")]))
    measures = report.measures()
    assert counts(report, "persons") == (2, 1, 1)
    assert measures["persons_p"] == measures["persons_r"] == measures["persons"] == pytest.approx(2 / 3)
    assert set(measures) == set(MEASURES)


def test_nothing_to_find_and_nothing_found_is_perfect():
    assert set(run(gold(), pred()).measures().values()) == {1.0}
    assert run(gold(), pred(actors=[actor("Extra Person")])).measures()["persons"] == 0.0


def test_a_gold_article_without_an_extraction_is_all_missed():
    report = run(gold(persons=[entity("Ana Ruiz")], figures=[figure(3, "three")]), None)
    assert counts(report, "persons") == (0, 0, 1) and counts(report, "figures") == (0, 0, 1)
    assert report.unpredicted == [ID] and f"no extracted article for gold id '{ID}'" in format_report(report)


def test_an_extraction_without_gold_is_not_scored():
    preds = {"other": PredArticle.model_validate(pred(actors=[actor("Ana Ruiz")]))}
    report = score([GoldArticle.model_validate(gold())], {**preds, ID: PredArticle.model_validate(pred())})
    assert counts(report, "persons") == (0, 0, 0) and report.ungraded == ["other"]


# ---------------------------------------------------------------- the command

def write(tmp_path: Path, gold_articles: list, pred_articles: list) -> tuple[Path, Path]:
    g, p = tmp_path / "gold.json", tmp_path / "pred.jsonl"
    g.write_text(json.dumps(gold_articles, indent=1), encoding="utf-8")
    p.write_text("".join(json.dumps(a) + "\n" for a in pred_articles), encoding="utf-8")
    return g, p


def command(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.score", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True)


@pytest.fixture
def two_of_three(tmp_path):
    return write(tmp_path, [gold(persons=[entity("A One"), entity("B Two"), entity("C Three")],
                                 sources=[gold_source("A One")])],
                 [pred(actors=[actor("A One"), actor("B Two"), actor("D Four")], sources=[source("A One")])])


def test_command_meets_its_minimums(two_of_three):
    result = command(*two_of_three, "--min", "persons=0.6", "--min", "sources=1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK | persons=0.667 ")


def test_command_fails_a_minimum_with_exit_1(two_of_three):
    result = command(*two_of_three, "--min", "persons=0.7", "--min", "sources=1", "--min", "persons_r=0.9")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("SHORT: persons 0.667 < 0.7; persons_r 0.667 < 0.9 | ")


def test_verbose_lists_every_miss_and_extra(two_of_three):
    quiet, loud = command(*two_of_three).stdout, command(*two_of_three, "--verbose").stdout
    assert "missed" not in quiet and "extra" not in quiet
    assert f'{ID} persons: missed "C Three"' in loud and f'{ID} persons: extra "D Four"' in loud
    assert sum(" missed " in line or " extra " in line for line in loud.splitlines()) == 2


@pytest.mark.parametrize("minimum, message", [
    ("person=0.9", "'person': unknown measure — did you mean 'persons'?"),
    ("persons=high", "persons: 'high' is not a number from 0 to 1"),
    ("persons=1.5", "persons: '1.5' is not a number from 0 to 1"),
    ("persons", "expected MEASURE=VALUE"),
])
def test_a_bad_minimum_is_refused(two_of_three, minimum, message):
    result = command(*two_of_three, "--min", minimum)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


GOOD_ARTICLE = json.dumps(gold())


def place(text: str, marker: str) -> tuple[int, int]:
    """1-based line and column of the first ``marker`` in ``text``: where the error must point."""
    offset = text.index(marker)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def reported_at(path, text: str, marker, message: str, load) -> str:
    """Write ``text`` to ``path`` and load it with ``load`` (``load_gold`` / ``load_predictions``), which must
    raise ScoreInputError with a problem ``path:line:column: message…`` at ``marker`` (the first place of a
    string in ``text``, or (line, column)). Returns that place, ``"path:line:column: "``."""
    path.write_text(text, encoding="utf-8")
    line, column = marker if isinstance(marker, tuple) else place(text, marker)
    with pytest.raises(ScoreInputError) as caught:
        load(path)
    where = f"{path}:{line}:{column}: "
    assert any(str(problem).startswith(where + message) for problem in caught.value.problems), caught.value
    return where


# (file text, where the message must point: the first place of a string, or (line, column); the message)
BAD_GOLD = [
    ('[\n  {"id": "a",\n   "persons": [}\n]', "}", "JSON syntax error"),
    ('{"id": "a"}', "{", "expected a JSON list of articles"),
    ('[{"id": "a", "persons": [{"name": "X", "optinal": true}], "organisations": [], "locations": [], '
     '"figures": [], "sources": []}]', '"optinal"', "[0].persons[0].optinal: unknown key — did you mean 'optional'?"),
    ('[\n' + GOOD_ARTICLE + ',\n{"id": "b", "persons": [], "organisations": [], "locations": [], '
     '"figures": [{"value": "3"}], "sources": []}]', '"value"',
     '[1].figures[0].value: "3" has the wrong type — write a number'),
    ('[{"id": "a", "persons": [], "organisations": [], "locations": [], "figures": []}]', '{"id"',
     '[0].sources: required key is missing — add "sources"'),
    ('[{"id": "a", "persons": [], "organisations": [], "locations": [], "figures": [], '
     '"sources": [{"anonymous": true, "direct_quote": false}]}]', '{"anonymous"',
     "[0].sources[0]: a source needs a name or a description — give 'speaker'"),
    ('[\n' + GOOD_ARTICLE + ',\n' + GOOD_ARTICLE + '\n]', (3, 2),
     f"[1].id: '{ID}' is also the id of the article on line 2"),
    ("[" * 100_000, "[", "JSON nested too deeply"),
    ("[" * 900 + "]" * 900, (1, 2), "[0]: " + "[" * 37 + "… has the wrong type — write an object"),  # deep, yet JSON
    ("", "", "JSON syntax error"),
]


@pytest.mark.parametrize("text, marker, message", BAD_GOLD)
def test_bad_gold_is_reported_with_its_place_and_a_fix(tmp_path, text, marker, message):
    g, p = write(tmp_path, [], [pred()])
    where = reported_at(g, text, marker, message, load_gold)
    result = command(g, p)
    assert result.returncode == 2 and where in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


BAD_PRED = [
    ('{"source_file": "a.txt", "actors": [], "locations": [], "figures": [], "sources": []}\n{"source_file": ',
     (2, 17), "JSON syntax error"),
    ('{"source_file": "a.txt", "actors": [{"name": "X", "type": "persn"}], "locations": [], "figures": [], '
     '"sources": []}', '"type"', "actors[0].type: \"persn\" is not allowed — use 'person' or 'organisation'"),
    ('\n\n{"source_file": "a.txt", "actors": []}', "{", "locations: required key is missing"),
    ('{"source_file": "a.txt", "actors": [], "locations": [], "figures": [], "sources": [{"name": null, '
     '"anonymous": "yes"}]}', '"anonymous"', 'sources[0].anonymous: "yes" has the wrong type — write true or false'),
    ('{"source_file": "x/a.txt", "actors": [], "locations": [], "figures": [], "sources": []}\n'
     '{"source_file": "y/a.txt", "actors": [], "locations": [], "figures": [], "sources": []}', (2, 1),
     "source_file: article 'a' is also on line 1"),
    ("[1, 2]", "[", "[1, 2] has the wrong type — write an object"),
]


@pytest.mark.parametrize("text, marker, message", BAD_PRED)
def test_bad_extraction_is_reported_with_its_place_and_a_fix(tmp_path, text, marker, message):
    g, p = write(tmp_path, [gold()], [])
    reported_at(p, text, marker, message, load_predictions)
    result = command(g, p)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_line_of_extraction_ends_at_a_newline_only(tmp_path):
    name = "Ana\u2028Ruiz\x0bMarch\x85o"  # characters str.splitlines would also split at
    g, p = write(tmp_path, [gold(persons=[entity(name)])], [])
    p.write_text(json.dumps(pred(actors=[actor(name)]), ensure_ascii=False) + "\r\n", encoding="utf-8")
    assert counts(score(load_gold(g), load_predictions(p)), "persons") == (1, 0, 0)


def test_unreadable_files_are_reported_not_raised(tmp_path):
    binary = tmp_path / "pred.jsonl"
    binary.write_bytes('{"source_file": "é'.encode() + b'\xff"}\n')
    result = command(tmp_path, binary)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{tmp_path}:1:1: is a folder, not a file" in result.stderr
    assert f"{binary}:1:19: not UTF-8 text (invalid byte 0xff) — save it as UTF-8" in result.stderr
    missing = command(tmp_path / "nothing.json", binary)
    assert missing.returncode == 2 and "nothing.json:1:1: cannot be read (No such file or directory)" in missing.stderr


def test_messages_cannot_forge_output_lines(tmp_path):
    g, p = write(tmp_path, [gold(persons=[{"name": "X", "bad\n::error file=x::forged": 1}])], [pred()])
    result = command(g, p)
    assert result.returncode == 2 and "\n::error" not in result.stderr and "bad\\n::error" in result.stderr


# ---------------------------------------------------------------- properties

names = st.text(st.sampled_from("abcAB .-'’é"), min_size=1, max_size=6).filter(lambda n: name_key(n) != "")
roles = st.none() | st.text(st.sampled_from("ab cd"), max_size=8)
flag = st.booleans()


def unique_names(entry: st.SearchStrategy, key: str = "name") -> st.SearchStrategy:
    """Lists of entries whose names differ (one entity, one entry): the gold annotates each entity once."""
    return st.lists(entry, max_size=5, unique_by=lambda e: name_key(e[key] or e.get("descriptor")))


# Built once: strategies made inside a draw would be re-validated on every example.
gold_articles = st.builds(
    lambda persons, organisations, locations, figures, sources: gold(
        persons=persons, organisations=organisations, locations=locations, figures=figures, sources=sources),
    unique_names(st.builds(lambda n, r, o: entity(n, role=r, optional=o), names, roles, flag)),
    unique_names(st.builds(lambda n, o: entity(n, optional=o), names, flag)),
    unique_names(st.builds(lambda n, c, o: entity(n, country_code=c, optional=o), names,
                           st.none() | st.sampled_from(["US", "QA", "FR"]), flag)),
    st.lists(st.builds(figure, st.integers(0, 4) | st.floats(0, 5, allow_nan=False), names, flag), max_size=6),
    unique_names(st.builds(lambda named, n, direct, o: gold_source(n if named else None, None if named else n,
                                                                   direct=direct, optional=o),
                           flag, names, flag, flag), key="speaker"))


def as_extraction(article: dict, order) -> dict:
    """What a perfect extractor would print for the gold article, in an order of the test's choosing."""
    actors = [actor(e["name"], "person", e.get("role")) for e in article["persons"]]
    actors += [actor(e["name"], "organisation") for e in article["organisations"]]
    return pred(actors=order(actors),
                locations=order([{"name": e["name"], "country_code": e["country_code"]} for e in article["locations"]]),
                figures=order([figure(f["value"], f["text"]) for f in article["figures"]]),
                sources=order([source(s["speaker"], s["descriptor"], quotes=(s["direct_quote"],))
                               for s in article["sources"]]))


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(gold_articles, st.randoms(use_true_random=False))
def test_a_perfect_extraction_scores_one_in_any_order(article, random):
    def order(items):
        return random.sample(items, len(items))

    report = run(article, as_extraction(article, order))
    assert set(report.measures().values()) == {1.0}, format_report(report, verbose=True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "name", "aliases", "optional", "persons", "actors", "sources", "speaker",
                         "descriptor", "value", "source_file", "type", "quotes", "direct"]) | st.text(max_size=5),
        inner, max_size=5),
    max_leaves=20)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(json_values.map(json.dumps), st.text(max_size=200)),
       st.one_of(json_values.map(json.dumps), st.text(max_size=200)))
def test_the_scorer_raises_only_its_own_error(tmp_path, gold_text, pred_text):
    valid = gold(persons=[entity("Ana Ruiz", role="mayor")], sources=[gold_source("Ana Ruiz")])
    g, p = tmp_path / "gold.json", tmp_path / "pred.jsonl"
    # alone, inside a list of articles, and beside a good line of extraction
    for gold_file, pred_file in ((gold_text, pred_text), (f"[{gold_text}]", pred_text + "\n" + json.dumps(pred())),
                                 (json.dumps([valid]), pred_text)):
        g.write_text(gold_file, encoding="utf-8", errors="surrogatepass")
        p.write_text(pred_file, encoding="utf-8", errors="surrogatepass")
        loaded = []
        for load, path in ((load_gold, g), (load_predictions, p)):
            try:
                loaded.append(load(path))
            except ScoreInputError as exc:
                assert exc.problems and all(str(problem).startswith(f"{path}:") for problem in exc.problems)
        if len(loaded) == 2:
            format_report(score(*loaded), verbose=True)
