"""Search as a reader uses it: Pagefind's index of a real build, queried in Debian's chromium.

Two seeds written for this file are built into a throw-away project (``generator build --site``:
MkDocs, then ``generator/search.py`` runs Pagefind over the HTML), served on 127.0.0.1 and searched
through the header's search box (``docs/javascripts/search.js``), with every request recorded
and any leaving 127.0.0.1 aborted (the ``visit`` fixture, tests/browser.py's ``Visit``). What is asserted:

- a page view downloads nothing of the search (no request under ``/pagefind/``) until the box is used;
- the box is a labelled button in the header of every page kind, reachable and opened from the
  keyboard ("/" and Ctrl+K), its dialog named, Escape closing it and giving focus back;
- a name typed without its accent finds the accented one, either apostrophe finds the other, a
  Greek, a Cyrillic, a Chinese and a Japanese word are found, the CJK ones inside runs written
  without spaces;
- actor, place and tag pages are results too; a result shows its kind, date, outlet and sourcing;
- the index has the facets (kind, actor, place, outlet, tag, year, month), and choosing an outlet
  in the dialog's filter narrows the results;
- the post-build step: a missing or failing Pagefind binary is a clear error and leaves the
  previous site in place; the hidden CJK forms touch only text, never tags, attributes or scripts.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import TIMEOUT_MS, Visit, serve
from conftest import build_site_of, run_generator
from generator import search

SEEDS = {
    "20250311-madrid-budget.txt": """---
title: Spanish budget talks stall in Madrid
date: 2025-03-11
outlet: Iberia Wire
tags: [budget, Spain]
---
MADRID — Prime Minister Pedro Sánchez failed on Tuesday to win support for his budget, officials said.
Qatar’s foreign minister, Mohammed bin Abdulrahman Al Thani, called Sánchez to discuss investment, a spokesperson said.
“We will not sign this budget,” said Carles Puigdemont, whose party holds seven seats.
Protesters in Αθήνα and Москва held banners, and the city government of Beijing, 北京市政府, issued a statement.
In Japan, the 東京都庁舎 was lit in red and yellow.
""",
    "20240902-gulf-gas.txt": """---
title: Gulf gas exports rise
date: 2024-09-02
outlet: Harbour Post
tags: [energy]
---
DOHA — Qatar's gas exports rose by 12 percent in August, the energy ministry said.
Saad al-Kaabi, the energy minister, told reporters that new contracts had been signed with buyers in Asia.
""",
}
BUDGET = "/articles/spanish-budget-talks-stall-in-madrid/"
GAS = "/articles/gulf-gas-exports-rise/"


@pytest.fixture(scope="module")
def search_project(tmp_path_factory) -> Path:
    return build_site_of(tmp_path_factory.mktemp("search"), SEEDS)


@pytest.fixture(scope="module")
def site_url(search_project):
    """This module's two seeds' site, served for conftest's ``visit`` (in place of the seed's)."""
    with serve(search_project / "site") as url:
        yield url


def open_search(visit: Visit, how: str = "click"):
    page = visit.page
    button = page.locator(".md-header .digest-search__button")
    button.wait_for(state="visible")
    if how == "click":
        button.click()
    elif how == "slash":
        page.locator("body").press("/")
    else:
        page.keyboard.press("Control+k")
    page.locator("pagefind-modal dialog[open]").wait_for(state="visible")
    page.wait_for_function("document.activeElement && document.activeElement.matches('pagefind-modal input')")
    return page.locator("pagefind-modal input").first


def results(visit: Visit, query: str) -> list[dict]:
    """Type ``query`` into the open dialog; the results as {path, title, meta, sourcing, excerpt}."""
    page = visit.page
    box = page.locator("pagefind-modal input").first
    box.fill("")
    box.press_sequentially(query, delay=10)
    # the summary says "N results for Q" / "No results for Q" once Pagefind answered for this query
    # ("Searching for Q..." before); then the first results have loaded their data (title links)
    count = page.wait_for_function("""q => {
        const s = document.querySelector('pagefind-modal pagefind-summary'), t = s ? s.textContent.trim() : '';
        if (t === 'No results for ' + q) return {n: 0};
        const m = t.match(/^(\\d+) results? for (.*)$/);
        return m && m[2] === q ? {n: Number(m[1])} : null; }""", arg=query, timeout=TIMEOUT_MS).json_value()["n"]
    page.wait_for_function("n => document.querySelectorAll('pagefind-modal a.pf-result-link').length >= n",
                           arg=min(count, 5), timeout=TIMEOUT_MS)
    return page.locator("pagefind-modal pagefind-results li").evaluate_all("""items => items.map(li => {
        const a = li.querySelector('a.pf-result-link'), text = s => (li.querySelector(s) || {}).textContent || '';
        return {path: a ? new URL(a.href).pathname : null, title: a ? a.textContent.trim() : '',
                meta: text('.digest-result__meta').trim(), sourcing: text('.digest-result__sourcing').trim(),
                excerpt: text('.pf-result-excerpt').trim()}; })""")


def paths(found: list[dict]) -> list[str]:
    return [r["path"] for r in found]


# ---------------------------------------------------------------- the box

@pytest.mark.parametrize("path", ["/", BUDGET, "/actors/", "/archive/"])
def test_a_page_view_downloads_no_search_until_it_is_used(visit, path):
    visit.goto(path)
    visit.page.wait_for_load_state("networkidle")
    assert not [u for u in visit.requests if "/pagefind/" in urlsplit(u).path], visit.requests
    button = visit.page.locator(".md-header .digest-search__button")
    assert button.is_visible()
    assert button.get_attribute("aria-haspopup") == "dialog"
    assert "Search" in (button.inner_text() + (button.get_attribute("title") or ""))
    assert visit.page.locator(".md-header [role='search']").count() == 1
    open_search(visit)
    dialog = visit.page.locator("pagefind-modal dialog[open]")
    assert dialog.get_attribute("aria-label") == "Search this site"
    assert button.get_attribute("aria-expanded") == "true"
    fetched = [urlsplit(u).path for u in visit.requests if "/pagefind/" in urlsplit(u).path]
    assert any(p.endswith("/pagefind/pagefind-component-ui.js") for p in fetched), fetched
    assert visit.blocked == [] and visit.page_errors == []


@pytest.mark.parametrize("how", ["slash", "ctrl-k"])
def test_the_keyboard_opens_and_closes_the_search(visit, how):
    visit.goto(BUDGET)
    open_search(visit, how)
    found = results(visit, "budget")
    assert BUDGET in paths(found)
    visit.page.keyboard.press("Escape")
    visit.page.locator("pagefind-modal dialog[open]").wait_for(state="detached")
    visit.page.wait_for_function("document.activeElement && document.activeElement.matches('.digest-search__button')")
    assert visit.page.locator(".digest-search__button").get_attribute("aria-expanded") == "false"


def test_the_button_is_reached_with_tab(visit):
    visit.goto("/")
    page = visit.page
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.digest-search__button')"):
            break
    else:
        pytest.fail("Tab never reaches the search button")
    page.keyboard.press("Enter")
    page.locator("pagefind-modal dialog[open]").wait_for(state="visible")


# ---------------------------------------------------------------- what it finds

@pytest.mark.parametrize("query, expected", [
    ("Sanchez", BUDGET),           # accent folded
    ("Sánchez", BUDGET),
    ("Qatar's", BUDGET),           # straight apostrophe finds the curly one …
    ("Qatar’s", GAS),              # … and the other way round
    ("Αθήνα", BUDGET),             # Greek
    ("αθηνα", BUDGET),             # Greek without its accent, lower case
    ("Москва", BUDGET),            # Cyrillic
    ("北京", BUDGET),               # Chinese: the start of a run
    ("政府", BUDGET),               # Chinese: a word inside a run written without spaces
    ("都庁", BUDGET),               # Japanese: inside a run
    ("Puigdemont", BUDGET),
])
def test_search_finds_every_name(visit, query, expected):
    visit.goto("/")
    open_search(visit)
    found = results(visit, query)
    assert expected in paths(found), (query, found)
    assert visit.blocked == []


def test_entity_pages_are_results_with_their_kind(visit):
    visit.goto("/")
    open_search(visit)
    found = results(visit, "Puigdemont")
    entity = [r for r in found if r["path"].startswith("/actors/")]
    assert entity, found
    assert entity[0]["meta"].startswith("Actor"), entity
    assert "in 1 article" in entity[0]["sourcing"], entity
    found = results(visit, "Doha")
    assert any(r["path"].startswith("/places/") and r["meta"].startswith("Place") for r in found), found
    found = results(visit, "energy")
    assert any(r["path"].startswith("/tags/") for r in found), found


def test_a_result_shows_date_outlet_and_sourcing(visit):
    visit.goto("/")
    open_search(visit)
    found = [r for r in results(visit, "Puigdemont") if r["path"] == BUDGET]
    assert found, "the article is not a result"
    result = found[0]
    assert result["title"] == "Spanish budget talks stall in Madrid"
    assert result["meta"] == "Article · 2025-03-11 · Iberia Wire", result
    # the article's sourcing bar, as its page shows it (templates/_sourcing_bar.md.j2)
    assert result["sourcing"].startswith("Sourcing: ") and "anonymous" in result["sourcing"], result
    assert "1 direct quote" in result["sourcing"] and "paraphrased" in result["sourcing"], result
    assert "Puigdemont" in result["excerpt"], result
    # the link opens the article
    visit.page.locator(f"pagefind-modal a.pf-result-link[href*='{BUDGET.strip('/')}']").first.click()
    visit.page.wait_for_url(f"**{BUDGET}*")
    assert visit.path() == BUDGET


def test_the_index_has_the_facets_and_a_filter_narrows_results(visit):
    visit.goto("/")
    open_search(visit)
    page = visit.page

    def filter_chunks() -> list[str]:
        return [u for u in visit.requests if "/pagefind/filter/" in urlsplit(u).path]

    # in the dialog: "Qatar" finds both articles, without fetching any filter's values yet
    both = paths(results(visit, "Qatar"))
    assert BUDGET in both and GAS in both, both
    assert filter_chunks() == [], "the first query fetched the filters' values"
    # opening a filter fetches them; choosing an outlet keeps that outlet's article only
    dropdown = page.locator("pagefind-filter-dropdown[filter='outlet']")
    dropdown.locator("button.pf-dropdown-trigger").click()
    dropdown.get_by_role("option", name="Harbour Post").click()
    page.wait_for_function("b => ![...document.querySelectorAll('pagefind-modal a.pf-result-link')]"
                           ".some(a => a.href.includes(b))", arg=BUDGET.strip("/"), timeout=TIMEOUT_MS)
    assert filter_chunks(), "opening a filter fetched no values"
    narrowed = paths(results(visit, "Qatar"))
    assert GAS in narrowed and BUDGET not in narrowed, narrowed
    # every facet is in the index, with its values
    facets = page.evaluate("""async () => {
        const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
        return await pf.filters(); }""")
    for key in ("kind", "actor", "place", "outlet", "tag", "year", "month"):
        assert key in facets, (key, facets)
    assert facets["outlet"] == {"Iberia Wire": 1, "Harbour Post": 1}, facets["outlet"]
    assert facets["year"] == {"2025": 1, "2024": 1}
    assert facets["month"] == {"2025-03": 1, "2024-09": 1}
    assert {"Article", "Actor", "Place", "Tag"} <= set(facets["kind"]), facets["kind"]
    assert "Pedro Sánchez" in facets["actor"], facets["actor"]
    assert {"budget", "Spain", "energy"} <= set(facets["tag"]), facets["tag"]


# ---------------------------------------------------------------- the post-build step

def test_a_missing_or_failing_pagefind_keeps_the_old_site(search_project, tmp_path):
    site = search_project / "site"
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    for binary in (tmp_path / "no-such-pagefind", Path("/bin/false")):
        result = run_generator(["site"], cwd=search_project, check=False, env={"PAGEFIND_BINARY_PATH": str(binary)})
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert "search index" in result.stderr and "site/ is unchanged" in result.stderr, result.stderr
        assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(search_project.glob(".site*")), "staging or old folders left behind"


def test_cjk_forms_touch_only_text():
    html = ('<html><head><title>北京市政府</title><script>var s = "北京市政府";</script></head>'
            '<body><p title="北京市政府" data-x=\'東京都庁\'>北京市政府 said</p><!-- 北京市政府 -->'
            '<style>/* 東京都 */</style><p>一</p></body></html>')
    out = search.add_cjk_forms(html)
    assert out.count("data-digest-search-forms") == 1
    assert '<p title="北京市政府" data-x=\'東京都庁\'>北京市政府<span hidden data-digest-search-forms> 京市政府 市政府 政府 府 </span> said</p>' in out
    for untouched in ('<title>北京市政府</title>', 'var s = "北京市政府";', '<!-- 北京市政府 -->', '/* 東京都 */', '<p>一</p>'):
        assert untouched in out
    plain = "<p>Pedro Sánchez, Αθήνα, Москва</p>"
    assert search.add_cjk_forms(plain) is plain
    assert search.cjk_suffixes("ab" * 20)[0] == ("ba" * 20)[:search.CJK_SUFFIX_CHARS]


def _budget_article(i: int, names: list[str]):
    from generator.models import Actor, Article, Extraction

    actors = [Actor(name=n, type="person", role=None, mentions=2, sentences=[0]) for n in names]
    extraction = Extraction(sentences=[" and ".join(names) + f" met on day {i}."], paragraphs=[[0]],
                            lede_title=f"Meeting {i}", actors=actors)
    return Article(source_file=f"seeds/m{i}.txt", slug=f"meeting-{i}", title=f"Meeting {i}",
                   date=f"2025-02-{1 + i:02d}", outlet=None, url=None, authors=[], tags=[], summary=None,
                   language="en", draft=False, extraction=extraction)


def test_over_the_page_budget_the_least_connected_entities_leave_the_index():
    """Past the budget the most connected entities stay searchable, and an entity page that is
    left out carries no data-pagefind-body, so Pagefind skips it (its name is still in the articles)."""
    from generator import output, pages

    # Ruth Okoro is in three articles, Anil Mehta in two, the others in one each
    arts = [_budget_article(0, ["Ruth Okoro", "Anil Mehta", "Lena Varga"]),
            _budget_article(1, ["Ruth Okoro", "Anil Mehta"]),
            _budget_article(2, ["Ruth Okoro", "Tomas Berg"])]
    site = pages.build_site(arts)
    people = {e.title: e for e in site.entities if e.kind == "actor"}
    assert {"Ruth Okoro", "Anil Mehta", "Lena Varga", "Tomas Berg"} <= set(people)
    pages.mark_searchable(site, budget=len(arts) + 2)
    assert people["Ruth Okoro"].searchable and people["Anil Mehta"].searchable
    assert not people["Lena Varga"].searchable and not people["Tomas Berg"].searchable
    pages.mark_searchable(site)  # the real budget: a small archive is indexed whole
    assert all(e.searchable for e in site.entities)



def test_a_page_left_out_of_the_index_is_not_marked_for_pagefind(monkeypatch):
    from generator import output, pages

    arts = [_budget_article(0, ["Ruth Okoro", "Lena Varga"]), _budget_article(1, ["Ruth Okoro"])]
    site = pages.build_site(arts)
    monkeypatch.setattr(pages, "SEARCH_PAGE_BUDGET", len(arts) + 1)  # room for one entity page
    files = dict(output.render_all(site, site_name="t", site_url="https://t.example/", build_epoch=0))
    ruth = next(text for path, text in files.items() if path.startswith("actors/ruth-okoro"))
    lena = next(text for path, text in files.items() if path.startswith("actors/lena-varga"))
    assert "data-pagefind-body" in ruth
    assert "data-pagefind-body" not in lena
    assert all("data-pagefind-body" in text for path, text in files.items() if path.startswith("articles/"))
