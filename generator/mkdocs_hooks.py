"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): pass the generator's HTML blocks through untouched.

The generator writes every table, list and article text as an HTML block between
``<!-- digest:html -->`` (or ``<!-- digest:html indexed -->``) and ``<!-- /digest:html -->``.
Python-Markdown renders such blocks correctly on its own, but only after parsing each one with
``html.parser``; at archive scale that was most of the site step. These hooks take the blocks
out before Markdown runs (``on_page_markdown``), leaving a one-line comment in their place, and
put them back in the HTML it returns (``on_page_content``), so Markdown sees only the headings
and prose. (``indexed`` marked the blocks MkDocs' own search plugin was to index; Pagefind,
which replaced it, reads the built HTML, so all blocks now go back at once.)

The site is the same with or without these hooks, only slower without. MkDocs does not check
links inside HTML blocks; the generator builds those from its own page list
(``pages.href``), and ``tests/test_site_build.py`` checks every link of a built site.

It also renders the parts of a page that do not depend on the page (the tabs, the sidebar's
nav, the header around the page title, the footer, the scripts) once per folder instead of once
per page: ``generator/theme/main.html`` wraps them in ``digest_once``, which this file puts into
the template environment. At 20,000 pages that was about a third of the template work. What
``digest_once`` may reuse, and why it is the same HTML, is in its docstring.

This file is loaded by MkDocs from its path, not imported as part of the package: it stands alone.
"""
from __future__ import annotations

import posixpath
import re

from jinja2 import pass_context

BLOCK = re.compile(r"^<!-- digest:html( indexed)? -->\n(.*?)\n<!-- /digest:html -->$", re.MULTILINE | re.DOTALL)
PLACEHOLDER = re.compile(r"<!-- digest:block (\d+) -->")

# page (docs-relative path) → its blocks' HTML, between on_page_markdown and on_page_content
_blocks: dict[str, list[str]] = {}


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- digest:html" not in markdown:
        return markdown
    blocks: list[str] = []

    def stash(match: re.Match) -> str:
        blocks.append(match.group(2))
        return f"<!-- digest:block {len(blocks) - 1} -->"

    markdown = BLOCK.sub(stash, markdown)
    _blocks[page.file.src_uri] = blocks
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = _blocks.pop(page.file.src_uri, None)
    if not blocks:
        return html

    def put_back(match: re.Match) -> str:
        index = int(match.group(1))
        # a placeholder not of ours (a hand-written page quoting the marker) stays as it is
        return blocks[index] if index < len(blocks) else match.group(0)

    return PLACEHOLDER.sub(put_back, html)


# (fragment name, folder) → its HTML, for one build (``on_env`` starts it afresh)
_once: dict[tuple[str, str], str] = {}
# every URL folder that holds a file of the site: a page whose URL is one of them is not a leaf
_folders: set[str] = set()


def on_env(env, config, files):
    _once.clear()
    _folders.clear()
    for file in files:
        url = file.url.rstrip("/")
        while url:
            url = posixpath.dirname(url)
            _folders.add(url)
    env.globals["digest_once"] = digest_once
    return env


@pass_context
def digest_once(context, name: str, render=None, caller=None):
    """Render a page-independent part of the page template once per folder, and reuse it.

    Called from ``generator/theme/main.html`` as ``digest_once("tabs", super)`` (``render``: a
    block's parent) or ``{% call digest_once("nav") %}…{% endcall %}`` (``caller``). Returns the
    rendered HTML (markup), the same as ``render()`` would.

    Such a part (tabs, nav, footer, scripts…) depends on the page only through the relative URLs
    it writes (``| url``) and through which nav item is active. So it is reused only for a page
    that is not in the nav (nothing active, no previous/next page) and is a leaf (no file of the
    site lies under its URL); all such pages in one folder (``articles/a/`` and ``articles/b/``)
    get the same relative URL for every file of the site. Any other page (the nav's own pages,
    index pages of a folder) is rendered in full.
    """
    render = render or caller
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or page.previous_page is not None or page.next_page is not None:
        return render()
    url = page.url.rstrip("/")
    if url in _folders or any(item is page for item in nav.pages):
        return render()
    key = (name, posixpath.dirname(url))
    html = _once.get(key)
    if html is None:
        html = _once[key] = render()
    return html
