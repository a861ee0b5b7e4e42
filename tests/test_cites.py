"""Whom a source quotes in its own words (issue 15 §3, "who quotes it, and whom it quotes"):
``pages.cited_sources`` finds a nested attribution in one article's extraction, and a real build puts
it on the citer's entity page. The extraction is the real spaCy pipeline's."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.models import Quote, Source
from generator.pages import cited_sources

from conftest import make_project, run_generator

# "told": a reported act such as "warned" inside another source's words is no source of its own
# (extract/sources.py, since a2b9b9f); "said" and "told" there are second-hand sources.
NESTED = (
    "The port director, Helga Marsh, said on Monday that the coastguard commander, Piet Anders, had "
    "told her the northern channel would reopen within a week.\n\n"
    "Marsh said shipping agents had told her that two freighters were still waiting offshore.\n\n"
    "Anders declined to give a date for the southern channel.\n"
)


def test_a_source_reported_inside_another_sources_words_is_cited_by_it(nlp):
    found = [Source(**{**s, "quotes": [Quote(**q) for q in s["quotes"]]}) for s in nlp(NESTED)._.digest["sources"]]
    pairs = {(a.name, b.name or b.descriptor) for a, b in cited_sources(found)}
    assert ("Helga Marsh", "Piet Anders") in pairs
    assert ("Helga Marsh", "shipping agents") in pairs
    assert not any(citer == "Piet Anders" for citer, _ in pairs)  # he reports nobody


def test_quotes_in_different_sentences_or_side_by_side_are_no_citation():
    a = Source(name="Rosa Imhof", descriptor=None, anonymous=False, type="person",
               quotes=[Quote(text="the dam held", direct=False, cue="said", sentence=0)])
    b = Source(name="Lars Veen", descriptor=None, anonymous=False, type="person",
               quotes=[Quote(text="the dam held", direct=False, cue="said", sentence=1),  # same words, other sentence
                       Quote(text="water levels were falling and the dam held", direct=False, cue="said", sentence=0)])
    assert cited_sources([a, b]) == [(b, a)]  # b's words in sentence 0 hold a's, not the other way round
    anonymous = Source(name=None, descriptor="an engineer", anonymous=True, type="person",
                       quotes=[Quote(text="the engineer said the dam held", direct=False, cue="said", sentence=0)])
    assert not any(citer is anonymous for citer, _ in cited_sources([a, anonymous]))  # only a named citer
    empty = Source(name="Ada Pohl", descriptor=None, anonymous=False, type="person",
                   quotes=[Quote(text="  ", direct=False, cue="said", sentence=0)])
    assert cited_sources([a, empty]) == []  # no words, nothing inside anything


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The nested-attribution article built by the real generator (docs/ only: the test reads the Markdown)."""
    tmp = tmp_path_factory.mktemp("cites")
    seed = tmp / "in" / "port.txt"
    seed.parent.mkdir()
    seed.write_text("---\ntitle: Northern channel to reopen\ndate: 2026-04-07\noutlet: Harbour Courier\n---\n"
                    + NESTED, encoding="utf-8")
    project = make_project(tmp / "p", [seed])
    run_generator(["build"], cwd=project)
    return project


def actor_page(project: Path, name: str) -> str:
    return next(text for p in (project / "docs" / "actors").glob("*.md")
                if f"\n# {name}\n" in (text := p.read_text(encoding="utf-8")))


def test_the_citers_page_lists_whom_it_quotes_and_the_cited_page_says_it_quotes_no_one(built: Path):
    marsh, anders = actor_page(built, "Helga Marsh"), actor_page(built, "Piet Anders")
    line = next(l for l in marsh.splitlines() if l.startswith("<p>Quotes in its own words:"))
    assert re.search(r'<a href="[^"]*piet-anders[^"]*">Piet Anders</a> \(1 article\)', line), line
    assert "shipping agents" in line
    assert "<p>Quotes no one in its own words in these articles.</p>" in anders


def test_each_article_on_an_entity_page_carries_the_sourcing_bar_of_its_article_page(built: Path):
    article = next((built / "docs" / "articles").glob("*.md")).read_text(encoding="utf-8")
    bar = re.search(r'<p class="digest-sourcing-bar">.*?</p>', article).group(0)
    assert "named" in bar and "direct" in bar  # the article's own bar, with its counts
    for name in ("Helga Marsh", "Piet Anders"):
        rows = [l for l in actor_page(built, name).splitlines() if l.startswith("<tr><td>2026-04-07</td>")]
        assert len(rows) == 1 and bar in rows[0], rows


def test_one_outlet_written_two_ways_has_one_page(tmp_path: Path):
    """Front-matter 'NYT' and 'New York Times', and a source's 'told The New York Times': one page under
    the listed outlet's name (data/outlets.txt), which lists all three articles."""
    seeds = []
    for n, (outlet, body) in enumerate([
            ("NYT", "The council approved the budget on Monday, the mayor said."),
            ("New York Times", "Rail fares will rise in March, the transport authority said."),
            (None, "“We will appeal,” Lena Brask told The New York Times on Friday.")]):
        seed = tmp_path / "in" / f"{n}.txt"
        seed.parent.mkdir(exist_ok=True)
        meta = f"outlet: {outlet}\n" if outlet else ""
        seed.write_text(f"---\ntitle: Story {n}\ndate: 2026-03-0{n + 1}\n{meta}---\n{body}\n", encoding="utf-8")
        seeds.append(seed)
    project = make_project(tmp_path / "p", seeds)
    run_generator(["build"], cwd=project)
    pages = {f"{p.parent.name}/{p.name}": p.read_text(encoding="utf-8")
             for folder in ("actors", "sources") for p in (project / "docs" / folder).glob("*.md")}
    titles = {path: text.split("\n# ", 1)[-1].split("\n", 1)[0] for path, text in pages.items()}
    times = [path for path, title in titles.items() if title in ("The New York Times", "New York Times", "NYT")]
    assert len(times) == 1 and titles[times[0]] == "The New York Times", times  # one page, however written
    page = pages[times[0]]
    assert all(f"Story {n}" in page for n in range(3)), page


def test_an_outlet_that_is_also_an_actor_has_one_page_on_both_indexes(tmp_path: Path):
    """One page per entity (issue 13 §1): 'the Lakeside Ledger reported …' makes the outlet an actor; its
    front-matter outlet and 'told the Lakeside Ledger' go to that same page, which the Sources index lists
    too and which carries the outlet's sourcing chart. Nothing of it is left under sources/."""
    seeds = []
    for n, body in enumerate([
            "The Lakeside Ledger reported on Monday that the ferry would stop running. “It is a loss,” said Ivo Marek.",
            "The Lakeside Ledger reported that the bridge would reopen. The council confirmed the date.",
            "“We expect delays,” Rhea Lindqvist told the Lakeside Ledger on Tuesday."]):
        seed = tmp_path / "in" / f"{n}.txt"
        seed.parent.mkdir(exist_ok=True)
        seed.write_text(f"---\ntitle: Ledger story {n}\ndate: 2026-05-0{n + 1}\noutlet: Lakeside Ledger\n---\n{body}\n",
                        encoding="utf-8")
        seeds.append(seed)
    project = make_project(tmp_path / "p", seeds)
    run_generator(["build"], cwd=project)
    docs = project / "docs"
    assert not [p for p in (docs / "sources").glob("*ledger*")], "the outlet kept a second page under sources/"
    [page] = [p for p in (docs / "actors").glob("*ledger*")]
    text = page.read_text(encoding="utf-8")
    assert all(f"Ledger story {n}" in text for n in range(3))
    assert "digest-chart" in text  # the outlet's sourcing chart
    assert page.stem in (docs / "sources" / "index.md").read_text(encoding="utf-8")  # listed as a source
    assert page.stem in (docs / "actors" / "index.md").read_text(encoding="utf-8")  # and as an actor
