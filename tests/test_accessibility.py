"""Everyone can read it: axe-core in Debian's chromium on every page kind, in light and dark scheme.

The seed is built into a throw-away project (``built_project``) and served by the ``site_url``
fixture; pages are opened through ``new_visit`` (tests/conftest.py, tests/browser.py), whose
``Visit`` aborts and records any request leaving 127.0.0.1. axe-core is injected from the copy
``make test`` installs from the npm registry (pinned in the Makefile) into ``.venv/axe``; the pages
themselves never load it.

What is asserted, per the issue's "Everyone can read it":
- axe-core finds no violation of impact *serious* or *critical* on home, article, actor, place,
  source, tag (the tags index and one tag: the seed has none, so ``TAGGED`` is built beside it),
  archive pages, and with the search dialog open, in both colour schemes;
- Material's palette toggle switches between the light (``default``) and dark (``slate``) scheme,
  and the first scheme follows ``prefers-color-scheme``;
- at 390 CSS px wide (a phone) no page scrolls sideways: ``document.scrollWidth <= 390``.

A missing axe-core, chromium or Playwright is a failure, never a skip.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Visit, search, serve
from conftest import ROOT, SEED, build_site_of
from test_browser import ACTOR_PATH, ARTICLE_PATH

pytestmark = pytest.mark.browser

AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "/",
    "article": ARTICLE_PATH,
    "actor": ACTOR_PATH,
    "place": "/places/gaza-ps/",
    "source": "/sources/harbour-courier/",  # TAGGED's outlet (the seed's outlets are actors too: actors/)
    "outlet and actor": "/actors/axios-org/",
    "tags index": "/tags/",
    "tag": "/tags/harbour-safety/",
    "archive": "/archive/",
    "undated archive": "/archive/undated/",
    "sources index": "/sources/",
    "actors index": "/actors/",
    "places index": "/places/",
}
SCHEMES = {"light": "default", "dark": "slate"}
PHONE_WIDTH = 390
BLOCKING = ("serious", "critical")


# The seed has no tags: a second article, with two, gives the tag pages something to show.
TAGGED = """---
title: Harbour pilots warn of crowded berths
date: 2026-05-04
outlet: Harbour Courier
tags: [Harbour safety, Shipping]
---
Harbour pilots in Rotterdam warned on Monday that berths were too crowded for large container ships.

"We are one gust away from a collision," said Maarten de Vries, who chairs the pilots' association.
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The seed and ``TAGGED`` built into one site, served on 127.0.0.1 (overrides conftest's)."""
    project = build_site_of(tmp_path_factory.mktemp("a11y"), {"tagged.txt": TAGGED}, [SEED])
    with serve(project / "site") as url:
        yield url


def test_the_tag_pages_are_real_pages_of_the_tagged_article(site_url):
    import urllib.request

    index = urllib.request.urlopen(site_url + "/tags/").read().decode()
    assert "harbour-safety/" in index and "Shipping" in index
    tag = urllib.request.urlopen(site_url + PAGES["tag"]).read().decode()
    assert "Harbour pilots warn of crowded berths" in tag


@pytest.fixture(scope="module")
def axe_script() -> Path:
    assert AXE.is_file(), f"{AXE} is missing: `make test` installs axe-core from the npm registry"
    return AXE


def _open(new_visit, media_scheme: str, width: int = 1280) -> Visit:
    """A ``Visit`` (closed after the test) whose browser reports ``prefers-color-scheme: media_scheme``
    ('light'/'dark'), ``width`` CSS px wide."""
    visit = new_visit(viewport={"width": width, "height": 800})
    visit.page.emulate_media(color_scheme=media_scheme)
    return visit


def _axe(visit: Visit, axe_script: Path) -> list[dict]:
    """axe-core's violations of impact serious/critical on the page as it is now, short enough to read."""
    page = visit.page
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [(n["target"], n.get("failureSummary", "")[:300]) for n in v["nodes"][:5]]}
            for v in results["violations"] if v["impact"] in BLOCKING]


def _scheme(visit: Visit) -> str:
    return visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("media", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_axe_violation(new_visit, axe_script, kind, media):
    visit = _open(new_visit, media)
    visit.goto(PAGES[kind])
    visit.page.wait_for_load_state("networkidle")
    # the scheme the reader's system asks for is the one shown (so both schemes are checked)
    assert _scheme(visit) == SCHEMES[media]
    violations = _axe(visit, axe_script)
    assert violations == [], json.dumps(violations, indent=1)
    assert visit.blocked == []


@pytest.mark.parametrize("media", list(SCHEMES))
def test_no_serious_axe_violation_with_search_open(new_visit, axe_script, media):
    visit = _open(new_visit, media)
    visit.goto("/")
    search(visit, "Boehler")
    dialog = visit.page.locator("pagefind-modal dialog[open]")
    assert dialog.get_attribute("aria-label"), "the search dialog has no label"
    box = dialog.locator("input[type='search']").first
    label = visit.page.locator(f"label[for='{box.get_attribute('id')}']")
    assert box.get_attribute("aria-label") or label.text_content().strip(), "the search box has no label"
    assert visit.page.locator(".md-header .digest-search__button").get_attribute("title")
    violations = _axe(visit, axe_script)
    assert violations == [], json.dumps(violations, indent=1)
    assert visit.blocked == []


@pytest.mark.parametrize("media", list(SCHEMES))
def test_palette_toggle_switches_the_scheme(new_visit, media):
    visit = _open(new_visit, media)
    visit.goto(ARTICLE_PATH)
    page = visit.page
    first = _scheme(visit)
    assert first == SCHEMES[media]
    other = SCHEMES["dark" if media == "light" else "light"]
    toggle = page.locator(f"label.md-header__button[for]:visible").first
    assert toggle.get_attribute("title"), "the toggle says what it does"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{other}'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    # the choice is kept on the next page
    visit.goto("/")
    assert _scheme(visit) == other
    page.locator("label.md-header__button[for]:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{first}'")


@pytest.mark.parametrize("kind", ["home", "article", "actor", "place", "source", "archive", "actors index",
                                  "places index", "sources index", "tags index", "tag"])
def test_no_sideways_scrolling_on_a_phone(new_visit, kind):
    visit = _open(new_visit, "light", width=PHONE_WIDTH)
    visit.goto(PAGES[kind])
    page = visit.page
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, (kind, width)
    # a table wider than the screen scrolls inside its own box (Material's scroll wrapper), not the page
    for table in page.locator("article table").all():
        box = table.evaluate(
            "t => { let w = t.parentElement;"
            " while (w && !['auto', 'scroll'].includes(getComputedStyle(w).overflowX)) w = w.parentElement;"
            " return {table: t.getBoundingClientRect().width,"
            " scroller: w ? w.getBoundingClientRect().right : null}; }")
        if box["table"] > PHONE_WIDTH - 32:  # wider than the text column
            assert box["scroller"] is not None and box["scroller"] <= PHONE_WIDTH, (kind, box)


def test_links_in_text_are_underlined(new_visit):
    """Not by colour alone: every link in the article's text, tables and panels (the sourcing
    panel's quote links included) is underlined, in both schemes."""
    for media in SCHEMES:
        visit = _open(new_visit, media)
        visit.goto(ARTICLE_PATH)
        links = visit.page.locator("article a:not(.headerlink)").evaluate_all(
            "links => links.filter(a => a.offsetParent !== null && a.textContent.trim())"
            ".map(a => [a.textContent.trim().slice(0, 40), getComputedStyle(a).textDecorationLine])")
        assert len(links) > 10, links
        plain = [link for link in links if "underline" not in link[1]]
        assert plain == [], (media, plain)
        panel = visit.page.locator("xpath=//h2[@id='sourcing-panel']/following::a[starts-with(@href, '#s-')]")
        assert panel.count() > 0
