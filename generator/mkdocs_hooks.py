"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): pass the generator's HTML blocks through untouched.

The generator writes every table, list and article text as an HTML block between
``<!-- digest:html -->`` and ``<!-- /digest:html -->``. Python-Markdown renders such blocks
correctly on its own, but only after parsing each one with ``html.parser``; Material's search
plugin then parses the page's HTML once more to index it. At archive scale that was most of
the site step. These hooks take the blocks out before Markdown runs, leaving a one-line comment
in their place, and put them back afterwards, so Markdown sees only the headings and prose:

- blocks marked ``indexed`` (the article text) go back in ``on_page_content``, before the
  search plugin indexes the page;
- the others (panels, whose sections are ``data-search-exclude`` anyway) go back after it, in
  ``on_page_context`` with a low priority.

The site is the same with or without these hooks, only slower without. MkDocs does not check
links inside HTML blocks; the generator builds those from its own page list
(``pages.href``), and ``tests/test_site_build.py`` checks every link of a built site.

This file is loaded by MkDocs from its path, not imported as part of the package: it stands alone.
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

BLOCK = re.compile(r"^<!-- digest:html( indexed)? -->\n(.*?)\n<!-- /digest:html -->$", re.MULTILINE | re.DOTALL)
PLACEHOLDER = re.compile(r"<!-- digest:block (\d+) -->")

# page (docs-relative path) → its blocks, as (indexed, html), between on_page_markdown and on_page_context
_blocks: dict[str, list[tuple[bool, str]]] = {}


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- digest:html" not in markdown:
        return markdown
    blocks: list[tuple[bool, str]] = []

    def stash(match: re.Match) -> str:
        blocks.append((bool(match.group(1)), match.group(2)))
        return f"<!-- digest:block {len(blocks) - 1} -->"

    markdown = BLOCK.sub(stash, markdown)
    _blocks[page.file.src_uri] = blocks
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = _blocks.get(page.file.src_uri)
    return _restore(html, blocks, indexed_only=True) if blocks else html


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    blocks = _blocks.pop(page.file.src_uri, None)
    if blocks:
        page.content = _restore(page.content, blocks, indexed_only=False)
    return context


def _restore(html: str, blocks: list[tuple[bool, str]], *, indexed_only: bool) -> str:
    def put_back(match: re.Match) -> str:
        index = int(match.group(1))
        if index >= len(blocks):  # not one of ours (a hand-written page quoting the marker)
            return match.group(0)
        indexed, block = blocks[index]
        return block if indexed or not indexed_only else match.group(0)

    return PLACEHOLDER.sub(put_back, html)
