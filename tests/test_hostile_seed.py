"""Untrusted seeds stay text: a hostile seed builds, and a real browser runs none of it."""
from __future__ import annotations

import re

import pytest

from conftest import make_project, run_generator
from browser import serve

HOSTILE = """---
title: "<script>alert('title')</script> {{ 7*7 }} {% raw %}"
outlet: "<img src=x onerror=alert('outlet')>"
url: "javascript:alert('url')"
authors: ["<b onmouseover=alert('author')>Eve</b>"]
tags: ["<svg onload=alert('tag')>", "{{ config }}"]
summary: "[click](javascript:alert('md')) ![x](data:text/html,<script>alert(1)</script>) <!-- comment"
slug: "../../../../etc/passwd"
---
<script>alert("body")</script> The minister said 40 people were hurt in Paris on Monday.
<iframe src="javascript:alert('iframe')"></iframe> {{ 7*7 }} {% if true %}x{% endif %} ${alert('tpl')}
[a link](javascript:alert('link')) and <a href="javascript:alert('a')">an anchor</a>, <img src=x onerror="alert('img')">.
"Quoted <b onclick=alert('q')>bold</b> words," the mayor of Paris, Anne Hidalgo, said.
| a | table | row | --- ** __ `code` # heading
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"), seeds=[])
    (project / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    run_generator(["build", "--site"], cwd=project)
    return project


@pytest.fixture(scope="module")
def site_url(hostile_site):
    """The hostile site served on 127.0.0.1 (overrides conftest's): ``visit`` opens it."""
    with serve(hostile_site / "site") as url:
        yield url


def test_traversal_slug_stays_inside_the_output(hostile_site):
    assert (hostile_site / "docs" / "articles" / "etc-passwd.md").is_file()
    assert (hostile_site / "site" / "articles" / "etc-passwd" / "index.html").is_file()
    assert not (hostile_site.parent / "etc").exists()


def test_generated_markdown_carries_no_live_markup(hostile_site):
    page = (hostile_site / "docs" / "articles" / "etc-passwd.md").read_text(encoding="utf-8")
    meta, body = page.split("\n---\n", 1)  # front-matter values are HTML-escaped for the theme
    assert "<" not in meta and "{{" not in meta
    page = re.sub(r"^<!-- /?digest:html( indexed)? -->$", "", body, flags=re.MULTILINE)  # ours, whole lines only
    # our own SVG (the map of the article's places, generator/maps.py): one line in its figure, and
    # nothing live inside it — the hostile names in it are text
    ours = re.findall(r'^<svg class="digest-(?:map|chart)[^\n]*</svg>$', page, flags=re.MULTILINE)
    for svg in ours:
        assert not re.search(r"<(?:script|iframe|img|foreignObject|image)|\son\w+=|javascript:", svg, re.IGNORECASE), svg
    page = re.sub(r'^<svg class="digest-(?:map|chart)[^\n]*</svg>$', "", page, flags=re.MULTILINE)
    for live in ("<script", "<iframe", "<img", "<svg", "<b ", "<!--", "](javascript:", "](data:", "{{ 7*7 }}",
                 "{% raw %}", "`"):
        assert live not in page, live


def pages_to_visit(site):
    yield "/articles/etc-passwd/"
    yield "/"
    for folder in ("tags", "sources", "actors"):
        for index in sorted((site / "site" / folder).glob("*/index.html")):
            yield "/" + str(index.parent.relative_to(site / "site")) + "/"


def test_no_script_runs_in_a_real_browser(visit, hostile_site):
    dialogs: list[str] = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visited = 0
    for path in pages_to_visit(hostile_site):
        visit.goto(path)
        visit.page.mouse.move(300, 300)
        page = visit.page
        assert page.locator("a[href^='javascript:' i], a[href^='data:' i]").count() == 0, path
        # the only SVG is ours (maps and charts), with nothing live inside
        assert page.locator("article script, article iframe, article img, "
                            "article svg:not(.digest-map):not(.digest-chart), article svg *:is(script, foreignObject, image), "
                            "[onerror], [onload], [onmouseover], [onclick]").count() == 0, path
        visited += 1
    visit.goto("/articles/etc-passwd/")
    text = visit.page.locator("article").inner_text()
    assert "<script>alert(\"body\")</script>" in text  # shown as text
    assert "{{ 7*7 }}" in text and "49" not in text  # not run as a template
    assert "javascript:alert('url')" in text  # the bad URL is shown, not linked
    assert visit.page.title().startswith("<script>alert('title')</script>")
    # search (Pagefind's dialog, opened by the header's button) over the hostile text renders the
    # results as text too: the title shows its markup as characters, and nothing live is added
    # (the one script there is our result template, docs/javascripts/search.js's, never run)
    visit.page.locator(".md-header .digest-search__button").click()
    box = visit.page.locator("pagefind-modal dialog[open] input").first
    box.wait_for(state="visible")
    box.press_sequentially("minister", delay=30)
    result = visit.page.locator("pagefind-modal a.pf-result-link").first
    result.wait_for()
    assert result.inner_text().startswith("<script>alert('title')</script>"), result.inner_text()
    live = visit.page.locator("pagefind-modal :is(pagefind-results, pagefind-summary) "
                              ":is(script:not([type='text/pagefind-template']), iframe, img, svg, "
                              "[onerror], [onload], [onclick], [onmouseover])")
    assert live.count() == 0, live.evaluate_all("nodes => nodes.map(n => n.outerHTML)")
    assert dialogs == [], dialogs
    assert visited >= 4 and not visit.page_errors
    visit.context.close()
