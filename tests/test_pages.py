"""The page model: cross-article pages stay readable as the archive grows."""
from __future__ import annotations

from generator.models import Actor, Article, Extraction
from generator.pages import MAX_APPEARANCES, build_site

from conftest import make_project, run_generator


def article(i: int) -> Article:
    extraction = Extraction(sentences=[f"Jane Doe spoke on day {i}."], paragraphs=[[0]], lede_title=f"Day {i}",
                            actors=[Actor(name="Jane Doe", type="person", role="minister", mentions=1, sentences=[0])])
    return Article(source_file=f"seeds/{i}.txt", slug=f"day-{i}", title=f"Day {i}", date=f"2025-01-{1 + i % 28:02d}",
                   outlet=None, url=None, authors=[], tags=[], summary=None, language="en", draft=i == 0,
                   extraction=extraction)


def test_entity_pages_list_the_newest_articles_and_count_them_all():
    site = build_site([article(i) for i in range(MAX_APPEARANCES + 20)])
    page = next(e for e in site.entities if e.title == "Jane Doe")
    assert page.total == MAX_APPEARANCES + 19  # the draft is not published
    assert len(page.appearances) == MAX_APPEARANCES
    dates = [a.article.date for a in page.appearances]
    assert dates == sorted(dates, reverse=True)
    assert all(p.article.slug != "day-0" for p in site.articles)


def test_a_range_is_one_row_of_key_figures(tmp_path):
    """The contract lists a range's top end as its own figure; the page shows the range once, as 'low–high'."""
    import re

    project = make_project(tmp_path / "p", seeds=[])
    (project / "seeds" / "aid.txt").write_text(
        "---\ntitle: Aid lorries\n---\nBetween 40 and 60 lorries cross each day, officials said.\n"
        "Each lorry carries 10–15 tonnes of flour.\n", encoding="utf-8")
    run_generator(["build"], cwd=project)
    page = next((project / "docs" / "articles").glob("*.md")).read_text(encoding="utf-8")
    cells = re.findall(r"<tr><td><strong>([^<]*)</strong>", page)
    assert "40–60" in cells and "10–15 tonnes" in cells, cells
    assert "60" not in cells and "15 tonnes" not in cells, cells


UNNAMED_DOCUMENT_SEEDS = {
    "dredging.txt": "---\ntitle: Harbour dredging costs rise\n---\n"
                    "The cost of dredging the Marlow harbour channel will double by 2027, the report said.\n"
                    "\"We have never seen silt build up this quickly,\" police said on Tuesday.\n",
    "breakfast.txt": "---\ntitle: School meals survey\n---\n"
                     "Fewer than half of pupils eat breakfast before lessons, the report said.\n"
                     "\"Attendance falls when children are hungry,\" police said in a statement.\n",
}


def test_an_unnamed_document_is_no_cross_article_source(tmp_path):
    """Two articles that each cite "the report" cite two different reports: no shared page joins them,
    each article lists its report unlinked, and the unnamed police of both share the unnamed sources page."""
    project = make_project(tmp_path / "p", seeds=[])
    for name, text in UNNAMED_DOCUMENT_SEEDS.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    run_generator(["build"], cwd=project)
    docs = project / "docs"
    assert not [p.name for p in (docs / "sources").glob("*report*")]
    for page in (docs / "articles").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "<strong>the report</strong>" in text, page.name  # listed, as text, not a link
        assert "anonymous.md" in text or "/anonymous/" in text, page.name  # the police link to the shared page
    unnamed = (docs / "sources" / "anonymous.md").read_text(encoding="utf-8")
    assert unnamed.count("police") >= 2 and "the report" not in unnamed


def test_an_unnamed_source_on_the_record_joins_the_unnamed_sources_page():
    """An unnamed source that is not anonymous ("a spokesman" on the record) has no name to link by:
    it is listed on the unnamed sources page, never on a page of its words shared by every article."""
    from generator.models import Quote, Source
    from generator.pages import ANONYMOUS_PAGE

    def told(i: int) -> Article:
        a = article(i + 1)
        a.extraction.sources = [Source(name=None, descriptor="a spokesman", anonymous=False, type="person",
                                       quotes=[Quote(text=f"Day {i} went well", direct=True, cue=None, sentence=0)])]
        return a

    site = build_site([told(i) for i in range(2)])
    assert [e.path for e in site.entities if e.title == "a spokesman"] == []
    unnamed = next(e for e in site.entities if e.path == ANONYMOUS_PAGE)
    assert unnamed.total == 2
    assert all(p.source_paths[("a spokesman", False)] == ANONYMOUS_PAGE for p in site.articles)
