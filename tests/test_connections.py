"""Connections between pages: the timeline and sourcing charts (generator/charts.py), the offline
map (generator/maps.py), related articles (generator/related.py) and what ``pages.add_connections``
puts on the page model. Pure functions tested on hand-made data; the pages in a real browser are
tested at the end of this file (and need chromium, as tests/test_browser.py does)."""
from __future__ import annotations

import math
import re
from collections import Counter
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import charts, maps
from generator.models import Actor, Article, Extraction, Location, Quote, Source
from generator.pages import add_connections, build_site
from generator.related import related

from browser import serve
from conftest import FUZZ_EXAMPLES, SEED, build_site_of

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(svg: str) -> list[ET.Element]:
    return [r for r in parse(svg).iter(SVG + "rect") if "digest-bar" in (r.get("class") or "")]


# ---------------------------------------------------------------- the timeline

def test_timeline_is_accessible_svg_with_one_bar_per_busy_month_and_gaps_kept():
    svg = charts.timeline_svg({"2024-11": 2, "2025-02": 6, "2025-03": 3})
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(SVG + "title").text == "Articles per month"
    desc = root.find(SVG + "desc").text
    assert "11 articles" in desc and "2025-02: 6" in desc and "5 months" in desc
    found = bars(svg)
    assert [r.find(SVG + "title").text for r in found] == ["2024-11: 2", "2025-02: 6", "2025-03: 3"]
    xs = [float(r.get("x")) for r in found]
    step = xs[2] - xs[1]  # neighbouring months
    assert xs[1] - xs[0] == pytest.approx(3 * step)  # December and January are empty: two slots of gap
    heights = [float(r.get("height")) for r in found]
    assert heights[1] / heights[0] == pytest.approx(3, rel=0.01) and heights[1] / heights[2] == pytest.approx(2, rel=0.01)
    labels = [t.text for t in root.iter(SVG + "text")]
    assert "Nov" in labels and "Jan" in labels and "2025" in labels and "6" in labels  # months, year, peak


def test_timeline_is_the_same_text_whatever_the_order_of_the_months():
    months = {"2025-03": 1, "2023-12": 4, "2024-07": 2}
    assert charts.timeline_svg(months) == charts.timeline_svg(dict(reversed(list(months.items()))))


def test_timeline_over_decades_has_one_bar_a_year():
    svg = charts.timeline_svg({"1990-05": 1, "2025-01": 2, "2025-06": 1})
    assert "per year" in parse(svg).find(SVG + "title").text
    assert [r.find(SVG + "title").text for r in bars(svg)] == ["1990: 1", "2025: 3"]


def test_timeline_refuses_bad_months_and_counts_and_draws_nothing_for_no_months():
    assert charts.timeline_svg({}) == ""
    for bad in ({"2025-13": 1}, {"March": 1}, {"2025-3": 1}, {"2025-03": -1}, {"2025-03": 1.5}):
        with pytest.raises(ValueError):
            charts.timeline_svg(bad)


def test_timeline_title_is_text_never_markup():
    svg = charts.timeline_svg({"2025-01": 1}, label='<script>alert(1)</script> & "x"')
    root = parse(svg)
    assert root.find(SVG + "title").text == '<script>alert(1)</script> & "x"'
    assert not list(root.iter(SVG + "script")) and not list(root.iter("script"))


# ---------------------------------------------------------------- the sourcing chart

def segments(svg: str, y: str) -> list[tuple[str, float]]:
    return [(r.find(SVG + "title").text, float(r.get("width"))) for r in parse(svg).iter(SVG + "rect")
            if r.get("y") == y and r.find(SVG + "title") is not None]


def test_sourcing_chart_stacks_shares_with_their_numbers():
    svg = charts.sourcing_chart_svg(named=6, anonymous=3, documents=1, direct=2, paraphrase=2)
    root = parse(svg)
    assert root.get("role") == "img" and root.find(SVG + "title") is not None
    desc = root.find(SVG + "desc").text
    assert "Named 60% (6)" in desc and "Anonymous 30% (3)" in desc and "Documents 10% (1)" in desc
    assert "Direct quotes 50% (2)" in desc and "Paraphrase 50% (2)" in desc
    sources = segments(svg, "4")
    assert [t for t, _ in sources] == ["Named: 60% (6)", "Anonymous: 30% (3)", "Documents: 10% (1)"]
    widths = [w for _, w in sources]
    assert widths[0] / widths[1] == pytest.approx(2, rel=0.02) and widths[1] / widths[2] == pytest.approx(3, rel=0.05)
    # the legend says the same in words, so colour is never the only cue
    legend = [t.text for t in root.iter(SVG + "text")]
    assert "Named 60% (6)" in legend and "Paraphrase 50% (2)" in legend


def test_sourcing_chart_with_nothing_to_count_says_so():
    svg = charts.sourcing_chart_svg(0, 0, 0, 0, 0)
    assert [t.text for t in parse(svg).iter(SVG + "text")].count("none found") == 2
    with pytest.raises(ValueError):
        charts.sourcing_chart_svg(-1, 0, 0, 0, 0)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6))
def test_shares_add_up_to_100_and_each_is_its_rounded_share(counts):
    result = charts.shares(counts)
    total = sum(counts)
    if total == 0:
        assert result == [0] * len(counts)
        return
    assert sum(result) == 100
    for count, share in zip(counts, result):
        assert abs(share - 100 * count / total) < 1


# ---------------------------------------------------------------- the map

def dots(svg: str) -> list[tuple[str, float, float]]:
    out = []
    for element in parse(svg).iter():
        circle = element.find(SVG + "circle")
        if element.tag in (SVG + "a", SVG + "g") and circle is not None:
            out.append((element.find(SVG + "title").text, float(circle.get("cx")), float(circle.get("cy"))))
    return out


def view(svg: str) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in parse(svg).get("viewBox").split())
    return x, y, w, h


def test_map_dots_sit_inside_the_view_where_their_places_are():
    places = [("Lisbon", 38.72, -9.14, "../places/lisbon-pt/"), ("Madrid", 40.42, -3.70, "../places/madrid-es/"),
              ("Seville", 37.39, -5.98, None)]
    svg = maps.map_svg(places, world_href="../data/world.svg")
    x, y, w, h = view(svg)
    assert w / h == pytest.approx(maps.ASPECT)
    assert w < maps.WORLD_WIDTH * 0.2  # fitted to Iberia, not the world
    found = {name: (cx, cy) for name, cx, cy in dots(svg)}
    assert set(found) == {"Lisbon", "Madrid", "Seville"}
    for cx, cy in found.values():
        assert x < cx < x + w and y < cy < y + h
    # east is right, north is up, and distances keep their proportions (equirectangular)
    assert found["Lisbon"][0] < found["Seville"][0] < found["Madrid"][0]
    assert found["Madrid"][1] < found["Lisbon"][1] < found["Seville"][1]
    lon_ratio = (found["Madrid"][0] - found["Lisbon"][0]) / (found["Seville"][0] - found["Lisbon"][0])
    assert lon_ratio == pytest.approx((-3.70 + 9.14) / (-5.98 + 9.14), rel=0.01)


def test_map_links_each_place_with_an_accessible_name_and_draws_the_shared_shapes():
    svg = maps.map_svg([("Lisbon", 38.72, -9.14, "../places/lisbon-pt/"), ("Porto", 41.15, -8.61, None)],
                       world_href="../../data/world.svg", label="Map of the places in this article")
    root = parse(svg)
    assert root.get("role") == "group" and root.get("aria-label") == "Map of the places in this article"
    links = list(root.iter(SVG + "a"))
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [("../places/lisbon-pt/", "Lisbon")]
    assert [t.text for t in root.iter(SVG + "text")] == ["Lisbon", "Porto"]  # visible labels
    use = root.find(SVG + "use")
    assert use.get("href") == "../../data/world.svg#world" and use.get("aria-hidden") == "true"


def test_map_of_places_across_the_world_shows_the_world():
    svg = maps.map_svg([("Sydney", -33.87, 151.21, None), ("Chicago", 41.88, -87.63, None)], world_href=None)
    assert view(svg) == maps.WORLD_VIEW
    assert parse(svg).find(SVG + "use") is None  # no shapes when none are installed


def test_map_leaves_out_places_without_usable_coordinates_and_joins_places_at_one_spot():
    assert maps.map_svg([("Nowhere", None, None, None), ("Bad", math.nan, 3.0, None),
                         ("Off", 95.0, 10.0, None)], world_href=None) == ""
    svg = maps.map_svg([("Gaza", 31.5, 34.47, None), ("Gaza Strip", 31.5, 34.47, None)], world_href=None)
    assert [name for name, _, _ in dots(svg)] == ["Gaza, Gaza Strip"]


def test_map_names_are_text_never_markup():
    svg = maps.map_svg([('<img src=x onerror="alert(1)">', 10.0, 10.0, 'javascript:"x')], world_href=None)
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("img")]
    assert [t.text for t in root.iter(SVG + "text")] == ['<img src=x onerror="alert(1)">']


def test_topojson_decoding_follows_the_spec():
    # two squares sharing an edge (arc 1), quantised and delta-encoded; the second walks arc 1 reversed
    topology = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [10, 20]},
                "arcs": [[[1, 0], [-1, 0], [0, 1], [1, 0]],  # (11,20) (10,20) (10,21) (11,21)
                         [[1, 1], [0, -1]],  # (11,21) (11,20): the shared edge
                         [[1, 1], [1, 0], [0, -1], [-1, 0]]],  # (11,21) (12,21) (12,20) (11,20)
                "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]]},
                    {"type": "MultiPolygon", "arcs": [[[2, ~1]]]},
                    {"type": None}]}}}
    first, second = maps.decode_topojson(topology)
    assert first == [[(11, 20), (10, 20), (10, 21), (11, 21), (11, 20)]]
    assert second == [[(11, 21), (12, 21), (12, 20), (11, 20), (11, 21)]]
    with pytest.raises(ValueError):
        maps.decode_topojson(topology, "land")


def test_the_installed_country_shapes_cover_the_world():
    svg = maps.world_svg()
    root = parse(svg)
    paths = list(root.iter(SVG + "path"))
    assert len(paths) > 150  # Natural Earth's 1:110m has 177 countries
    assert root.find(SVG + "g").get("id") == maps.WORLD_ID
    # no edge runs across the map: a shape that crosses the antimeridian (Fiji, Russia's far east)
    # is drawn on both sides instead, its copy outside the world's box, where the view clips it
    widest = 0.0
    for p in paths:
        for ring in re.findall(r"M[^MZ]*", p.get("d")):
            xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+) ", ring)]
            widest = max([widest] + [abs(b - a) for a, b in zip(xs, xs[1:])])
    assert widest < maps.WORLD_WIDTH / 4
    dots_x = [float(x) for x in re.findall(r"[ML](-?[\d.]+) ", svg)]
    assert -maps.WORLD_WIDTH < min(dots_x) and max(dots_x) < 2 * maps.WORLD_WIDTH
    assert svg == maps.world_svg.__wrapped__()  # the same text on every build


# ---------------------------------------------------------------- related articles and the page model

def make(slug: str, date: str | None, actors=(), places=(), sources=(), outlet: str | None = None,
         versions=()) -> Article:
    extraction = Extraction(
        sentences=["One sentence."], paragraphs=[[0]], lede_title=slug,
        actors=[Actor(name=name, type=kind, role=role, mentions=1, sentences=[0]) for name, kind, role in actors],
        locations=[Location(name=name, type="city", country_code=cc, lat=lat, lon=lon, mentions=1, sentences=[0])
                   for name, cc, lat, lon in places],
        sources=list(sources))
    return Article(source_file=f"seeds/{slug}.txt", slug=slug, title=slug.replace("-", " ").title(), date=date,
                   outlet=outlet, url=None, authors=[], tags=[], summary=None, language="en", draft=False,
                   extraction=extraction, versions=list(versions))


PERSON = ("Ines Varga", "person", "harbour master")
OTHER = ("Tomas Lind", "person", None)
PORT = ("Rotterdam", "NL", 51.92, 4.48)
CAPITAL = ("Amsterdam", "NL", 52.37, 4.90)


def test_related_ranks_a_shared_person_above_a_shared_place_and_says_why():
    articles = [make("dock-strike", "2025-03-01", actors=[PERSON], places=[CAPITAL]),
                make("same-person", "2025-03-20", actors=[PERSON]),
                make("same-city", "2025-03-02", places=[CAPITAL]),
                make("unrelated", "2025-03-01", actors=[OTHER], places=[PORT])]
    result = related(articles)
    assert [slug for slug, _ in result["dock-strike"]] == ["same-person", "same-city"]
    assert result["dock-strike"][0][1] == "shares Ines Varga · 19 days apart"
    assert result["unrelated"] == []


def test_a_rare_shared_name_weighs_more_than_one_in_every_article():
    common = ("Port Authority", "organisation", None)
    articles = [make("a", "2025-01-01", actors=[common, PERSON]), make("b", "2025-01-01", actors=[common]),
                make("c", "2025-06-01", actors=[common, PERSON])]
    articles += [make(f"filler-{i}", "2025-01-01", actors=[common]) for i in range(10)]
    assert related(articles)["a"][0][0] == "c"  # five months apart, but shares the rare name


def test_closer_in_time_comes_first_among_equals():
    articles = [make("base", "2025-05-10", actors=[PERSON]), make("week-later", "2025-05-17", actors=[PERSON]),
                make("year-later", "2026-05-10", actors=[PERSON]), make("undated", None, actors=[PERSON])]
    assert [slug for slug, _ in related(articles)["base"]] == ["week-later", "undated", "year-later"]


def test_versions_of_one_story_are_one_related_item_and_never_related_to_each_other():
    articles = [make("report", "2025-02-01", actors=[PERSON, OTHER]),
                make("follow-up", "2025-02-02", actors=[PERSON], versions=["follow-up-2"]),
                make("follow-up-2", "2025-02-03", actors=[PERSON, OTHER], versions=["follow-up"]),
                make("aside", "2025-02-01", actors=[PERSON])]
    result = related(articles)
    assert [slug for slug, _ in result["report"]] == ["follow-up-2", "aside"]  # the story's best version, once
    assert "follow-up" not in [slug for slug, _ in result["follow-up-2"]]


def test_related_lists_at_most_five_and_a_name_in_thousands_of_articles_proposes_none():
    articles = [make(f"n-{i}", "2025-01-01", places=[PORT]) for i in range(2_000)]
    articles += [make(f"p-{i}", "2025-01-01", actors=[PERSON], places=[PORT]) for i in range(8)]
    result = related(articles)
    assert len(result["p-0"]) == 5 and all(slug.startswith("p-") for slug, _ in result["p-0"])
    assert result["n-0"] == []  # only the country everyone names: not a reason on its own at this scale


def test_add_connections_fills_timelines_roles_quotes_sourcing_and_maps():
    said = Source(name="Ines Varga", descriptor=None, anonymous=False, type="person",
                  quotes=[Quote(text="We are ready", direct=True, cue="said", sentence=0)])
    unnamed = Source(name=None, descriptor="a dock worker", anonymous=True, type="person",
                     quotes=[Quote(text="work stopped", direct=False, cue="said", sentence=0)])
    articles = [make("one", "2025-01-05", actors=[PERSON], places=[PORT], sources=[said, unnamed], outlet="Harbour Post"),
                make("two", "2025-03-09", actors=[("Ines Varga", "person", "Harbour Master")], places=[PORT],
                     sources=[said], outlet="Harbour Post"),
                make("three", None, actors=[("Ines Varga", "person", "mayor")])]
    site = add_connections(build_site(articles))
    person = next(e for e in site.entities if e.kind == "actor" and e.title == "Ines Varga")
    assert person.timeline == {"2025-01": 1, "2025-03": 1} and person.undated == 1
    assert person.roles == [("Harbour Master", 2), ("mayor", 1)]  # one role however it is capitalised (newest spelling)
    assert [(outlet, n) for outlet, n, _ in person.quoted_by] == [("Harbour Post", 2)]
    outlet = next(e for e in site.entities if e.kind == "source" and e.title == "Harbour Post")
    s = outlet.sourcing
    assert (s.articles, s.named, s.anonymous, s.direct, s.paraphrase) == (2, 2, 1, 2, 1)
    assert [(name, n) for name, n, _ in outlet.quotes] == [("Ines Varga", 2)]
    port = next(e for e in site.entities if e.kind == "place")
    assert port.coordinates == (51.92, 4.48)
    one = next(p for p in site.articles if p.article.slug == "one")
    assert one.map_places == [("Rotterdam", 51.92, 4.48, port.path)]
    assert [(p.article.slug, reason) for p, reason in one.related][0][0] == "two"


def test_the_makefile_installs_the_version_of_the_shapes_the_map_names():
    from conftest import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"WORLD_ATLAS_VERSION := {maps.WORLD_ATLAS_VERSION}\n" in makefile
    for target in ("build:", "pages:", "test:"):
        line = next(line for line in makefile.splitlines() if line.startswith(target))
        assert "$(WORLD_STAMP)" in line, line


def test_missing_shapes_are_a_clear_error_naming_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("DIGEST_WORLD_ATLAS", str(tmp_path / "absent.json"))
    maps.world_svg.cache_clear()
    try:
        with pytest.raises(maps.MapDataMissing, match="make build"):
            maps.world_svg()
    finally:
        monkeypatch.delenv("DIGEST_WORLD_ATLAS")
        maps.world_svg.cache_clear()


# ---------------------------------------------------------------- in a real browser

HARBOUR_STRIKE = """---
title: Rotterdam dockers strike over pay
date: 2025-02-03
outlet: Harbour Post
---
Port workers in Rotterdam walked off the job on Monday, their union said.
Harbour master Ines Varga said the stoppage would cost the port millions of euros a day.
“We are ready to talk at any time,” Varga told reporters in Rotterdam.
A dock worker who asked not to be named said pay talks had stalled in Amsterdam last week.
"""

HARBOUR_DEAL = """---
title: Deal ends the Rotterdam port stoppage
date: 2025-04-10
outlet: Harbour Post
---
Ines Varga, the harbour master of Rotterdam, announced a deal with the dockers' union on Thursday.
“The ships are moving again,” Varga said at a news conference in Rotterdam.
Officials in Antwerp said traffic through the Belgian port would return to normal within a week.
Varga said the coastguard commander, Piet Anders, had told her the northern channel would reopen on Friday.
"""

STRIKE_PATH = "/articles/rotterdam-dockers-strike-over-pay/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The seed and two dated articles about one story's people and places, built into a real site
    and served for conftest's ``visit`` and ``browser`` fixtures (in place of the seed's site)."""
    project = build_site_of(tmp_path_factory.mktemp("connections"),
                            {"strike.txt": HARBOUR_STRIKE, "deal.txt": HARBOUR_DEAL}, seeds=[SEED])
    with serve(project / "site") as url:
        yield url


@pytest.mark.browser
def test_article_page_maps_its_places_and_links_each_to_its_page(visit):
    visit.goto(STRIKE_PATH)
    page = visit.page
    svg = page.locator("svg.digest-map")
    svg.wait_for(state="visible")
    assert svg.get_attribute("aria-label") == "Map of the places in this article"
    page.wait_for_load_state("networkidle")
    # the shared country shapes loaded from the site itself and were drawn
    assert any(u.endswith("/data/world.svg") for u in visit.requests), visit.requests
    assert page.evaluate("document.querySelector('svg.digest-map use').getBBox().width") > 0
    box = svg.bounding_box()
    dot = svg.locator("a[aria-label='Rotterdam'] circle")
    dot_box = dot.bounding_box()
    assert box and dot_box
    assert box["x"] <= dot_box["x"] and dot_box["x"] + dot_box["width"] <= box["x"] + box["width"]
    assert box["y"] <= dot_box["y"] and dot_box["y"] + dot_box["height"] <= box["y"] + box["height"]
    # Amsterdam is north-east of Rotterdam on the map too
    amsterdam = svg.locator("a[aria-label='Amsterdam'] circle").bounding_box()
    assert amsterdam and amsterdam["x"] > dot_box["x"] and amsterdam["y"] < dot_box["y"]
    svg.locator("a[aria-label='Rotterdam']").click()
    page.wait_for_url("**/places/rotterdam-nl/")
    assert "Rotterdam" in page.locator("h1").first.inner_text()
    assert page.locator("svg.digest-map").is_visible() and page.locator("svg.digest-timeline").is_visible()
    assert visit.blocked == [] and visit.page_errors == []


@pytest.mark.browser
def test_article_page_lists_the_related_story_with_a_reason(visit):
    visit.goto(STRIKE_PATH)
    items = visit.page.locator("ul.digest-related li")
    texts = items.all_inner_texts()
    assert any("Deal ends the Rotterdam port stoppage" in t and "Ines Varga" in t for t in texts), texts
    assert not any("US is holding talks" in t for t in texts), texts  # shares nothing with it
    items.get_by_role("link", name="Deal ends the Rotterdam port stoppage").click()
    visit.page.wait_for_url("**/articles/deal-ends-the-rotterdam-port-stoppage/")


@pytest.mark.browser
def test_actor_page_has_a_timeline_of_its_articles_and_its_roles(visit):
    visit.goto("/actors/ines-varga/")
    page = visit.page
    chart = page.locator("svg.digest-timeline")
    chart.wait_for(state="visible")
    assert chart.get_attribute("role") == "img"
    assert "Ines Varga" in chart.get_attribute("aria-label")
    # February and April, March an empty slot between them
    assert chart.locator("rect.digest-bar").count() == 2
    labels = chart.locator("text").evaluate_all("texts => texts.map(t => t.textContent)")  # SVG text has no innerText
    assert labels[:2] == ["1", "0"]  # the count axis
    assert {"Feb", "Mar", "Apr", "2025"} <= set(labels)
    fill = page.evaluate("getComputedStyle(document.querySelector('rect.digest-bar')).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fill != background
    assert "harbour master" in page.locator("article").inner_text().lower()
    assert visit.blocked == []


@pytest.mark.browser
def test_actor_page_says_whom_it_quotes_and_each_article_row_shows_its_sourcing(visit):
    visit.goto("/actors/ines-varga/")
    page = visit.page
    cites = page.locator("article p", has_text="Quotes in its own words")
    assert cites.count() == 1
    assert "Piet Anders (1 article)" in cites.inner_text()
    rows = page.locator("article table tbody tr", has=page.locator("td a[href*='/articles/']"))
    assert rows.count() == 2  # the strike and the deal
    for row in rows.all():  # each listed article with its own sourcing bar, in words
        bar = row.locator(".digest-sourcing-bar")
        assert bar.count() == 1 and "Sourcing:" in bar.inner_text() and "direct" in bar.inner_text()
    cites.get_by_role("link", name="Piet Anders").click()
    page.wait_for_url("**/actors/piet-anders/")
    assert "Quotes no one in its own words" in page.locator("article").inner_text()
    assert visit.blocked == []


@pytest.mark.browser
def test_actors_index_filters_and_sorts_from_the_keyboard(visit):
    visit.goto("/actors/")
    page = visit.page
    rows = page.locator("table[data-digest-table] tbody tr")
    total = rows.count()
    assert total > 5
    box = page.get_by_label("Filter actors")
    box.fill("varga")
    page.wait_for_function("document.querySelector('.digest-filter-count').textContent.includes('of')")
    visible = page.locator("table[data-digest-table] tbody tr:not([hidden])")
    assert visible.count() == 1 and "Ines Varga" in visible.first.inner_text()
    assert page.locator(".digest-filter-count").inner_text() == f"1 of {total} actors shown"
    box.fill("")
    page.wait_for_function(f"document.querySelectorAll('table[data-digest-table] tbody tr:not([hidden])').length === {total}")
    # sort by name from the keyboard: Tab to the header's button, Enter
    name = page.get_by_role("button", name="Name")
    name.focus()
    page.keyboard.press("Enter")
    header = page.locator("table[data-digest-table] th").first
    assert header.get_attribute("aria-sort") == "ascending"
    names = [t.strip().casefold() for t in page.locator("table[data-digest-table] tbody tr td:first-child").all_inner_texts()]
    assert names == sorted(names)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    names = [t.strip().casefold() for t in page.locator("table[data-digest-table] tbody tr td:first-child").all_inner_texts()]
    assert names == sorted(names, reverse=True)
    articles = page.get_by_role("button", name="Articles")
    articles.click()
    counts = [int(t) for t in page.locator("table[data-digest-table] tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts) and header.get_attribute("aria-sort") is None
    assert visit.blocked == [] and visit.page_errors == []


@pytest.mark.browser
def test_index_tables_read_without_javascript(new_visit):
    visit = new_visit(java_script_enabled=False)
    page = visit.page
    visit.goto("/actors/")
    assert page.locator("table[data-digest-table] tbody tr").count() > 5
    assert page.locator(".digest-filter").count() == 0  # no box that would do nothing
    visit.goto(STRIKE_PATH)
    assert page.locator("svg.digest-map a").count() >= 2  # the map needs no script either


def test_control_and_bidi_characters_never_reach_a_chart_or_a_map():
    name = "Ra\u202ebad\u202c\x01 port\x7f"
    for svg in (maps.map_svg([(name, 1.0, 2.0, "x/")], world_href=None),
                charts.timeline_svg({"2025-01": 1}, label=name)):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]", svg)
        parse(svg)


@pytest.mark.browser
def test_table_script_filters_and_sorts_ten_thousand_rows(browser):
    """The index script on a table of 10,000 rows: every row is still there, filtered and sorted right."""
    from conftest import ROOT

    names = [f"Person {i:05d} {'Sánchez' if i % 1000 == 7 else 'Smith'}" for i in range(10_000)]
    rows = "".join(f"<tr><td><a href='#'>{n}</a></td><td>person</td><td>{(i * 7919) % 97}</td></tr>"
                   for i, n in enumerate(names))
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # set_content needs no request at all
    try:
        page = context.new_page()
        page.set_content("<main><table data-digest-table='actors'><thead><tr><th>Name</th><th>Type</th>"
                         f"<th>Articles</th></tr></thead><tbody>{rows}</tbody></table></main>")
        page.add_script_tag(content=(ROOT / "docs" / "javascripts" / "tables.js").read_text(encoding="utf-8"))
        page.get_by_label("Filter actors").fill("sanchez")  # accents folded
        page.wait_for_function("document.querySelector('.digest-filter-count').textContent === '10 of 10000 actors shown'")
        shown = page.locator("tbody tr:not([hidden]) td:first-child").all_inner_texts()
        assert shown == [n for n in names if "Sánchez" in n]
        page.get_by_label("Filter actors").fill("")
        page.get_by_role("button", name="Articles").click()
        counts = page.locator("tbody tr td:nth-child(3)").evaluate_all("cells => cells.map(c => +c.textContent)")
        assert len(counts) == 10_000 and counts == sorted(counts)
        page.get_by_role("button", name="Articles").click()
        counts = page.locator("tbody tr td:nth-child(3)").evaluate_all("cells => cells.map(c => +c.textContent)")
        assert counts == sorted(counts, reverse=True)
        assert page.locator("th").nth(2).get_attribute("aria-sort") == "descending"
    finally:
        context.close()


def test_a_state_and_its_namesake_city_are_not_a_shared_place_for_related_articles():
    def article(slug: str, place_type: str) -> Article:
        made = make(slug, "2026-02-01", places=[("Olympia", "US", 47.0, -122.9)])
        made.extraction.locations[0].type = place_type
        return made

    found = related([article("a", "region"), article("b", "city"), article("c", "city")])
    assert found["a"] == []  # the state shares nothing with the two city articles
    assert [slug for slug, _ in found["b"]] == ["c"]


def brute_force_scores(articles: list[Article]) -> dict[str, dict[str, float]]:
    """The definition in ``related``'s docstring, pair by pair with no index: slug → {other slug: score}
    for every article of another story that shares a light entity (one named in at most MAX_POSTING)."""
    from generator.related import ACTOR_WEIGHT, PLACE_WEIGHT, _closeness, _day, entity_keys, stories
    keys = {a.slug: entity_keys(a) for a in articles}
    df = Counter(key for a in articles for key in keys[a.slug])
    n = len(articles)
    weight = {k: math.log(1 + n / c) * (ACTOR_WEIGHT if k[0] == "actor" else PLACE_WEIGHT) for k, c in df.items()}
    story = stories(articles)
    out: dict[str, dict[str, float]] = {}
    for a in articles:
        out[a.slug] = {}
        for b in articles:
            shared = [k for k in keys[a.slug] if k in keys[b.slug]]
            if story[b.slug] == story[a.slug] or not any(df[k] <= MAX_POSTING_UNDER_TEST for k in shared):
                continue
            out[a.slug][b.slug] = sum(weight[k] for k in shared) * _closeness(_day(a), _day(b))
    return out


MAX_POSTING_UNDER_TEST = 4
NAMES = [("Ines Varga", "person", None), ("Tomas Lind", "person", None), ("Port Authority", "organisation", None),
         ("Ana Ruiz", "person", None), ("Dock Union", "organisation", None)]
SPOTS = [PORT, CAPITAL, ("Utrecht", "NL", 52.09, 5.12), ("Ghent", "BE", 51.05, 3.72)]


@pytest.mark.fuzz
@settings(max_examples=max(50, FUZZ_EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sets(st.integers(0, len(NAMES) - 1), max_size=3),
                          st.sets(st.integers(0, len(SPOTS) - 1), max_size=3),
                          st.one_of(st.none(), st.integers(0, 400))), min_size=1, max_size=14))
def test_related_finds_exactly_the_top_stories_of_the_brute_force_definition(monkeypatch, specs):
    # a low posting cap, so that the heavy entities (summed per pair of masks) and the early stop both run
    monkeypatch.setattr("generator.related.MAX_POSTING", MAX_POSTING_UNDER_TEST)
    monkeypatch.setattr("generator.related.ROW_BLOCK", 4)  # several blocks of articles, as in a large archive
    from datetime import date, timedelta
    articles = [make(f"a{i}", None if day is None else (date(2025, 1, 1) + timedelta(days=day)).isoformat(),
                     actors=[NAMES[j] for j in sorted(names)], places=[SPOTS[j] for j in sorted(spots)])
                for i, (names, spots, day) in enumerate(specs)]
    got = related(articles, top=3)
    scores = brute_force_scores(articles)
    story = {a.slug: min([a.slug, *a.versions]) for a in articles}
    for slug, items in got.items():
        picked = [other for other, _ in items]
        # each story at most once, never the article's own, each by its best version
        assert len({story[o] for o in picked}) == len(picked) and story[slug] not in {story[o] for o in picked}
        best: dict[str, float] = {}
        for other, score in scores[slug].items():
            best[story[other]] = max(best.get(story[other], 0.0), score)
        expected = sorted(best.values(), reverse=True)[:3]
        # the same scores in the same order; equal scores may come in either order (float sums)
        assert [scores[slug][o] for o in picked] == pytest.approx(expected, rel=1e-12, abs=1e-12), slug
