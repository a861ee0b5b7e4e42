"""A reader's view of the built site: real headless chromium (Debian's) driven by Playwright.

The seed is built into a throw-away project (``built_project``), its ``site/`` folder is served on
127.0.0.1 by a tiny static server (``site_url``), and every page is opened in one browser launched
once per module (``browser``); the fixtures are in tests/conftest.py, the set-up in tests/browser.py.
Every ``visit`` aborts any request that would leave 127.0.0.1 and records it, so a test that
passes also proves the pages it visited loaded nothing from outside.

These tests fail (never skip) when chromium or Playwright is missing: ``make test`` installs it.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from browser import is_local, search

pytestmark = pytest.mark.browser

ARTICLE_TITLE = "US is holding talks with Hamas over the hostages held in Gaza"
ARTICLE_PATH = "/articles/us-is-holding-talks-with-hamas-over-the-hostages-held-in-gaza/"
ACTOR_PATH = "/actors/karoline-leavitt/"
SECTIONS = ("Key figures", "Actors", "Locations", "Sourcing panel")


# ---------------------------------------------------------------- tests

def test_reader_reaches_the_article_from_the_home_page(visit):
    visit.goto("/")
    page = visit.page
    # the title link in the page body (the table of contents has an in-page link with the same text)
    link = page.locator("article h2 a", has_text=ARTICLE_TITLE).first
    link.wait_for(state="visible")
    assert link.get_attribute("href").rstrip("/").endswith(ARTICLE_PATH.strip("/"))
    link.click()
    page.wait_for_url(f"**{ARTICLE_PATH}")
    assert visit.path() == ARTICLE_PATH
    assert ARTICLE_TITLE in page.locator("h1").first.inner_text()
    headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
    for section in SECTIONS:
        assert section in headings, (section, headings)
    # and each of them has something under it
    for section in SECTIONS:
        anchor = page.locator(f"article h2:has-text('{section}')")
        assert anchor.locator("xpath=following-sibling::*[1]").count() == 1, section


def test_home_page_headings_are_article_titles(visit):
    visit.goto("/")
    headings = [h.strip() for h in visit.page.locator("article h2").all_inner_texts()]
    assert headings == [ARTICLE_TITLE], headings
    assert visit.page.locator("article hr").count() == 1


def test_search_finds_the_article(visit):
    visit.goto("/")
    items = search(visit, "Boehler")
    hrefs = visit.page.locator("pagefind-modal a.pf-result-link").evaluate_all("links => links.map(a => a.href)")
    paths = [urlsplit(h).path for h in hrefs]
    assert ARTICLE_PATH in paths, paths
    # entity pages are searchable too: the actor's own page is a result
    assert "/actors/adam-boehler/" in paths, paths
    # clicking the result opens the article
    items.locator(f"a[href*='{ARTICLE_PATH.strip('/')}']").first.click()
    visit.page.wait_for_url(f"**{ARTICLE_PATH}*")
    assert visit.path() == ARTICLE_PATH
    assert visit.blocked == []


def test_following_an_actor_and_back(visit):
    visit.goto(ARTICLE_PATH)
    page = visit.page
    # Material wraps tables in a scroll wrapper: the Actors table is the first table after its heading
    row = page.locator("xpath=//h2[@id='actors']/following::table[1]//tr[contains(., 'Karoline Leavitt')]").first
    row.wait_for(state="visible")
    row.get_by_role("link", name="all articles").click()
    page.wait_for_url(f"**{ACTOR_PATH}")
    assert visit.path() == ACTOR_PATH
    assert "Karoline Leavitt" in page.locator("h1").first.inner_text()
    back = page.locator(f"article a[href*='{ARTICLE_PATH.strip('/')}']", has_text=ARTICLE_TITLE).first
    back.wait_for(state="visible")
    back.click()
    page.wait_for_url(f"**{ARTICLE_PATH}")
    assert visit.path() == ARTICLE_PATH
    assert page.locator("article h2#actors").is_visible()


def test_evidence_link_lands_on_a_highlighted_sentence(visit):
    visit.goto(ARTICLE_PATH)
    page = visit.page
    link = page.locator('article a[href="#s-8"]', has_text="59 hostages").first
    link.click()
    page.wait_for_function("location.hash === '#s-8'")
    assert urlsplit(page.url).fragment == "s-8"
    target = page.locator("#s-8")
    # the jump is instant (no smooth scrolling), but wait for the layout rather than assume it
    page.wait_for_function(
        "() => { const r = document.getElementById('s-8').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (box, viewport)
    # not hidden under Material's fixed header
    header = page.locator(".md-header").bounding_box()
    assert header is not None and box["y"] >= header["y"] + header["height"], (box, header)
    # :target is the sentence, and it is highlighted
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "s-8"
    background = page.evaluate("getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert background not in ("transparent", "rgba(0, 0, 0, 0)"), background
    assert "59 hostages" in target.inner_text()


def test_feeds_load(visit):
    page = visit.page
    response = page.request.get(visit.base_url + "/feed.xml")
    assert response.status == 200
    root = ET.fromstring(response.body())
    titles = [item.findtext("title") or "" for item in root.iter("item")]
    assert any("US is holding talks" in t for t in titles), titles
    response = page.request.get(visit.base_url + "/feed.json")
    assert response.status == 200
    feed = json.loads(response.body())
    assert any(item.get("title", "").startswith("US is holding talks") for item in feed["items"])


def test_no_request_leaves_localhost(visit):
    page = visit.page
    visit.goto("/")
    page.wait_for_load_state("networkidle")
    visit.goto(ARTICLE_PATH)
    page.wait_for_load_state("networkidle")
    visit.goto(ACTOR_PATH)
    page.wait_for_load_state("networkidle")
    search(visit, "Boehler")
    page.wait_for_load_state("networkidle")
    assert visit.requests, "no request was recorded"
    outside = [url for url in visit.requests if not is_local(url)]
    assert outside == [], outside
    assert visit.blocked == [], visit.blocked
    # Pagefind's runtime, its worker and index chunks were fetched from the local server
    fetched = [urlsplit(u).path for u in visit.requests]
    assert "/pagefind/pagefind.js" in fetched and "/pagefind/pagefind-worker.js" in fetched, fetched
    assert any(p.startswith("/pagefind/index/") for p in fetched), fetched
    assert visit.page_errors == []


def test_article_page_has_no_console_errors(visit):
    visit.goto(ARTICLE_PATH)
    visit.page.wait_for_load_state("networkidle")
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert visit.blocked == []
