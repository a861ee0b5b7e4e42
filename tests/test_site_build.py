"""A real MkDocs Material build of the seed: pages, sections, search index, feeds, no outside hosts."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import run_generator

SECTIONS = ("Key figures", "Actors", "Locations", "Sourcing panel")


def article_html(project) -> str:
    pages = list((project / "site" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    return pages[0].read_text(encoding="utf-8")


def test_article_page_has_its_four_sections(built_project):
    html = article_html(built_project)
    for section in SECTIONS:
        assert re.search(rf"<h2[^>]*>{section}", html), section
    assert 'id="s-8"' in html and "59 hostages" in html
    assert 'href="#s-8"' in html  # an evidence link to the sentence


def test_search_index_holds_the_article(built_project):
    index = json.loads((built_project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("articles/")]
    assert docs and any("Boehler" in d["text"] for d in docs)
    assert not any(d["location"].startswith(("actors/", "places/")) for d in index["docs"])


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def test_no_page_refers_to_an_outside_host(built_project):
    for page in (built_project / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        parser = _Refs()
        parser.feed(text)
        loading = [r for r in parser.refs if r.startswith(("http:", "https:", "//"))]
        # only plain links may leave the site (the original article, the theme's credit), never resources
        for ref in loading:
            assert not re.search(r"\.(js|css|woff2?|png|svg|jpg)(\?|$)", ref), (page, ref)


def test_cross_pages_feeds_and_data(built_project):
    site = built_project / "site"
    assert (site / "actors" / "karoline-leavitt" / "index.html").exists()
    assert (site / "places" / "doha-qa" / "index.html").exists()
    assert (site / "sources" / "axios" / "index.html").exists()
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<rss" in feed and "US is holding talks with Hamas" in feed
    json_feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert json_feed["items"][0]["title"].startswith("US is holding talks")
    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    slug = index["articles"][0]["slug"]
    data = json.loads((site / "data" / "articles" / f"{slug}.json").read_text(encoding="utf-8"))
    assert any(a["name"] == "Karoline Leavitt" for a in data["actors"])


def test_home_lists_the_article(built_project):
    home = (built_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "US is holding talks with Hamas" in home
    assert "articles/us-is-holding-talks" in home


def test_two_builds_are_identical(built_project, tmp_path):
    from conftest import make_project

    other = make_project(tmp_path / "again")
    run_generator(["build", "--site"], cwd=other)
    for path in sorted((built_project / "site").rglob("*")):
        if path.is_file():
            twin = other / "site" / path.relative_to(built_project / "site")
            assert twin.read_bytes() == path.read_bytes(), path


@pytest.fixture(scope="module")
def gold_project(tmp_path_factory):
    from conftest import ROOT, SEED, make_project

    seeds = [SEED, *sorted((ROOT / "tests").glob("gold*/articles/*.txt"))]
    project = make_project(tmp_path_factory.mktemp("gold"), seeds=seeds)
    run_generator(["build", "--site"], cwd=project)
    return project


def article_text_bytes(project) -> int:
    total = 0
    for seed in (project / "seeds").glob("*.txt"):
        text = seed.read_text(encoding="utf-8")
        total += len((text.split("\n---\n", 1)[1] if text.startswith("---") else text).encode("utf-8"))
    return total


def test_search_index_stays_small_and_articles_only(gold_project):
    index = gold_project / "site" / "search" / "search_index.json"
    assert index.stat().st_size <= 1.5 * article_text_bytes(gold_project)
    locations = [d["location"] for d in json.loads(index.read_text(encoding="utf-8"))["docs"]]
    assert all(loc.startswith(("articles/", "about/")) for loc in locations), locations


def test_article_pages_stay_light(gold_project):
    pages = list((gold_project / "site" / "articles").glob("*/index.html"))
    assert len(pages) == 13
    assert max(p.stat().st_size for p in pages) <= 60 * 1024
