"""Extraction does work in proportion to the article's length, never more (issue 16, point 2).

No clock here (timings belong in ``make bench``): the work is counted instead, as the number of
Python and Cython function calls profiled inside our own pipeline components (``digest_paragraphs``,
``digest_gazetteer``, ``digest_entity_fixes`` and the extractors). spaCy's Cython code reports its
calls to the profiler too, so a rule that rebuilds ``doc.ents`` or scans every entity for each
token shows up as well as a Python loop inside a loop.

Each text is built from one block of news-like paragraphs, repeated 1, 4 and 8 times with other
people, places and numbers in every copy, so the article grows the way a long article does: more
names, more sources, more figures. Work that is linear grows 4× and 8×; a rule that looks at every
earlier entity, quote or figure for each new one grows 16× and 64×. The thresholds leave room for
n log n (sorting, bisecting) and for fixed costs, and for nothing quadratic.
"""
from __future__ import annotations

import cProfile

import pytest

# Name pools: every copy of the block gets its own people, firms and places.
GIVEN = ["Mireille", "Tobias", "Ngozi", "Henrik", "Paulina", "Rashid", "Ingeborg", "Matteo", "Svetlana", "Kwame",
         "Beatrix", "Dmitri", "Yasmin", "Casimir", "Odile", "Fergus", "Anneliese", "Ruben", "Thandiwe", "Lorcan"]
FAMILY = ["Achterberg", "Valcourt", "Okonjo", "Lindahl", "Brzezinska", "Qureshi", "Solheim", "Capaldi", "Orlova",
          "Mensah", "Falkenrath", "Yegorov", "Haddadi", "Wierzba", "Delorme", "Macready", "Vollmer", "Esteves",
          "Mthembu", "Culhane", "Stromberg", "Ilunga", "Paredes", "Whitlock"]
FIRMS = ["Corvel", "Brightwater", "Stanmore", "Halvard", "Pennock", "Quillan", "Ravensby", "Tarrant", "Ossory",
         "Kelston", "Marbury", "Duncliffe"]

# One block of wording the rules read: reporting verbs and their subjects, pronouns, "the company said",
# "according to", quotes that float or run over paragraphs, honorifics, acronyms spelled out, titles and
# appositions, government bodies, outlets, unnamed sources, hedged figures, ages, dates, qualified places.
BLOCK = """\
{DATELINE}, {COUNTRY} (Reuters) - {FIRM} Holdings said on Monday it would cut {N1} jobs at its plant in {CITY}, as the chief executive, {P1}, warned that orders had fallen by nearly {N2}% this year.
"We did not take this decision lightly," {P1S} told the BBC. "The market has changed."
The company said in a statement that about {N3} workers would be offered other roles, and that the {CITY} site would close by March {D1}.
Mr {P2S}, a union organiser at the plant, said members had been given no warning. He told reporters that the union would ballot for strike action.
According to figures published by the Office for National Statistics (ONS), more than {N4} people work in the sector in {REGION}.
A senior official at the {COUNTRY_ADJ} trade ministry, who spoke on condition of anonymity, said the government was "watching closely". The official added that talks with {FIRM} had been "constructive".
{P3}, 54, a machinist who has worked at the site for {N5} years, said: "It is the only big employer in town.
"Half the street works there."
Analysts at {FIRM2} Capital said in a note that the cuts could save up to ${N6}m a year. The bank said shares had risen {N7} per cent in early trading.
The {COUNTRY_ADJ} economy minister, {P4}, said she would meet {FIRM} executives on Thursday. She said the ministry had offered support worth {N8} million euros.
Ms {P4S} visited {CITY2}, {COUNTRY}, last week, where {N9} jobs were lost when a smaller plant shut in {D2}.
It said two dozen apprentices would keep their places. Dr {P5} of the University of {CITY2} said the region had lost at least {N10} factory jobs since {D2}.
"""
# (country, adjective, two of its cities)
COUNTRIES = [("France", "French", "Lyon", "Lille"), ("Portugal", "Portuguese", "Porto", "Braga"),
             ("Poland", "Polish", "Gdansk", "Poznan"), ("Finland", "Finnish", "Tampere", "Turku"),
             ("Ireland", "Irish", "Cork", "Galway"), ("Austria", "Austrian", "Graz", "Linz"),
             ("Spain", "Spanish", "Bilbao", "Zaragoza"), ("Sweden", "Swedish", "Malmo", "Uppsala"),
             ("Italy", "Italian", "Turin", "Genoa"), ("Netherlands", "Dutch", "Utrecht", "Eindhoven")]
WOMEN = ["Mireille", "Ngozi", "Paulina", "Ingeborg", "Svetlana", "Beatrix", "Yasmin", "Odile", "Anneliese", "Thandiwe"]


def news_block(k: int) -> str:
    """Copy ``k`` of the block: its own people, firms, places and numbers."""
    people = [(GIVEN[(k * 5 + j) % len(GIVEN)], FAMILY[(k * 5 + j) % len(FAMILY)]) for j in range(5)]
    people[3] = (WOMEN[k % len(WOMEN)], people[3][1])  # "she" in the block
    country, adjective, city, city2 = COUNTRIES[k % len(COUNTRIES)]
    values = {f"N{j}": str(20 + (k * 37 + j * 101) % 880) for j in range(1, 11)}
    values["N2"] = str(5 + (k * 7) % 40)  # a share
    values["N5"] = str(3 + (k * 11) % 35)  # years in a job
    values["N7"] = str(2 + (k * 3) % 15)  # a rise in shares
    return BLOCK.format(
        DATELINE=city.upper(), CITY=city, CITY2=city2, COUNTRY=country, COUNTRY_ADJ=adjective,
        REGION=f"the {adjective} north", FIRM=FIRMS[k % len(FIRMS)], FIRM2=FIRMS[(k + 3) % len(FIRMS)],
        P1=" ".join(people[0]), P1S=people[0][1], P2S=people[1][1], P3=" ".join(people[2]), P4=" ".join(people[3]),
        P4S=people[3][1], P5=" ".join(people[4]), D1=str(2026 + k % 3), D2=str(2001 + k % 20), **values)


def repeated_line(k: int) -> str:
    """The same short statement, line after line: one source and one figure mentioned over and over."""
    return "\n".join(["Lisbon said 9."] * 40) + "\n"


def nested_reports(k: int) -> str:
    """One sentence that never ends, each clause reporting the next ("X said that Y told her that …"):
    a rule that walks each reporting verb's whole clause walks the rest of the sentence each time."""
    verbs = ["said", "told reporters", "claimed", "insisted"]
    return " ".join(f"{GIVEN[(k + j) % len(GIVEN)]} {FAMILY[(k * 3 + j) % len(FAMILY)]} {verbs[j % 4]} that"
                    for j in range(40)) + f" {k + 2} ships had sailed from Porto and "


def run_counting(nlp, text: str) -> tuple[int, dict]:
    """Parse ``text`` with the real pipeline; returns (calls made inside our components, the extraction).

    The model's own components run unprofiled; ours run one by one under cProfile (a C profiler, so
    counting costs little). The extractors are called directly so that a failing rule fails the test
    instead of being reported and skipped by the component's safety net.
    """
    from generator.extract import extract_doc

    profiler = cProfile.Profile()
    doc = nlp.make_doc(text)
    extraction = None
    for name, component in nlp.pipeline:
        if name == "digest_extract":
            profiler.enable()
            extraction = extract_doc(doc)
            profiler.disable()
        elif name.startswith("digest_"):
            profiler.enable()
            doc = component(doc)
            profiler.disable()
        else:
            doc = component(doc)
    assert extraction is not None, "the pipeline has no digest_extract component"
    return sum(entry.callcount for entry in profiler.getstats()), extraction


@pytest.mark.parametrize("make_copy", [news_block, repeated_line, nested_reports],
                         ids=["news", "one-line-repeated", "nested-reports"])
def test_extraction_work_grows_linearly_with_the_text(nlp, make_copy):
    run_counting(nlp, make_copy(0))  # word lists and gazetteers load on first use: not the text's work
    calls = {}
    for copies in (1, 4, 8):
        text = "".join(make_copy(k) for k in range(copies))
        calls[copies], extraction = run_counting(nlp, text)
        # the text was really read: the rules found something in every copy
        assert extraction["sources"] and extraction["figures"]
        if make_copy is news_block:
            assert len(extraction["actors"]) >= 5 * copies and extraction["locations"]
    assert calls[4] <= 4.6 * calls[1], calls
    assert calls[8] <= 9 * calls[1], calls
