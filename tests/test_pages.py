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
