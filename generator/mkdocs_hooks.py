"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): pass the generator's HTML blocks through untouched.

The generator writes every table, list and article text as an HTML block between
``<!-- digest:html -->`` (or ``<!-- digest:html indexed -->``) and ``<!-- /digest:html -->``.
Python-Markdown renders such blocks correctly on its own, but only after parsing each one with
``html.parser``; at archive scale that was most of the site step. These hooks take the blocks
out before Markdown runs (``on_page_markdown``), leaving a one-line comment in their place, and
put them back in the HTML it returns (``on_page_content``), so Markdown sees only the headings
and prose. (``indexed`` marked the blocks MkDocs' own search plugin was to index; Pagefind,
which replaced it, reads the built HTML, so all blocks now go back at once.)

What is left once the blocks are out is, on a generated page, only headings, one-line paragraphs
and the placeholders. Such a page is rendered by ``render_plain`` (the same HTML, ids and table of
contents as Markdown with the site's extensions; anything it is not sure of goes through Markdown),
and Markdown converts one placeholder. At 20,000 pages that took the MkDocs step from 1.5–1.6× to
1.2–1.4× a bare build of as many plain pages (README, "The MkDocs step").

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
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from mkdocs.structure.toc import get_toc

BLOCK = re.compile(r"^<!-- digest:html( indexed)? -->\n(.*?)\n<!-- /digest:html -->$", re.MULTILINE | re.DOTALL)
PLACEHOLDER = re.compile(r"<!-- digest:block (\d+) -->")

# page (docs-relative path) → its blocks' HTML, between on_page_markdown and on_page_content
_blocks: dict[str, list[str]] = {}


# page (docs-relative path) → its HTML and table of contents, when the whole page was plain
# (``render_plain``): Markdown then converts only a placeholder
_plain: dict[str, tuple[str, list[dict]]] = {}

# The Markdown extensions ``render_plain`` is known to agree with (MkDocs' built-ins and ours, with
# the toc's default slugs and no permalinks); with any other set or setting every page goes through
# Markdown as before. ``tests/test_mkdocs_hooks.py`` compares the two on generated pages.
PLAIN_EXTENSIONS = {"toc", "tables", "fenced_code", "admonition", "attr_list"}
PLAIN_TOC_CONFIGS = ({}, {"permalink": False})
# In a line with none of these, Python-Markdown (with the extensions above) changes nothing: no
# escapes, emphasis, code, links, raw HTML, entities, attribute lists, tables or admonitions.
SPECIAL = re.compile(r"[\\`*_\[\]!<>&{}#|~=\x00-\x1f\x7f]")
HEADING = re.compile(r"(#{1,6}) (\S(?:.*?\S)??)( \{ data-search-exclude \})?")


_fast_path = False  # whether this build's Markdown settings are the ones ``render_plain`` agrees with


def on_config(config):
    global _fast_path
    _fast_path = _plain_config(config)  # once per build, not once per page
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- digest:html" not in markdown:
        return markdown
    blocks: list[str] = []

    def stash(match: re.Match) -> str:
        blocks.append(match.group(2))
        return f"<!-- digest:block {len(blocks) - 1} -->"

    markdown = BLOCK.sub(stash, markdown)
    _blocks[page.file.src_uri] = blocks
    plain = render_plain(markdown) if "title" in page.meta and _fast_path else None
    if plain is None:
        return markdown
    _plain[page.file.src_uri] = plain
    return "<!-- digest:plain -->\n"


def on_page_content(html: str, page, config, files) -> str:
    plain = _plain.pop(page.file.src_uri, None)
    if plain is not None and html.strip() == "<!-- digest:plain -->":
        html, tokens = plain
        page.toc = get_toc(tokens)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= set(_ids(tokens))
    blocks = _blocks.pop(page.file.src_uri, None)
    if not blocks:
        return html

    def put_back(match: re.Match) -> str:
        index = int(match.group(1))
        # a placeholder not of ours (a hand-written page quoting the marker) stays as it is
        return blocks[index] if index < len(blocks) else match.group(0)

    return PLACEHOLDER.sub(put_back, html)


def render_plain(markdown: str) -> tuple[str, list[dict]] | None:
    """The HTML and table-of-contents tokens Python-Markdown would make of a plain page, or None.

    A plain page is what the generator writes once its HTML blocks are stashed: paragraphs of one
    line separated by blank lines, each an ATX heading (optionally with the attribute list
    ``{ data-search-exclude }``), a block placeholder, or a line of text that starts with a letter;
    and no character in any of them that Markdown would read as syntax (``SPECIAL``). Anything else
    returns None and the page goes through Markdown. Returns ``(html, tokens)``: the HTML the
    ``toc`` and ``attr_list`` extensions produce (ids made unique in page order, as the ``toc``
    extension does) and the nested tokens of ``md.toc_tokens``, for ``mkdocs.structure.toc.get_toc``.

    Why: at 20,000 pages, Markdown's block and inline parsing of ~140,000 such headings was about a
    fifth of the MkDocs step; this is the same output for a dictionary lookup per heading.
    """
    html: list[str] = []
    tokens: list[dict] = []
    used: set[str] = set()
    counters: dict[str, int] = {}
    for chunk in markdown.split("\n\n"):
        line = chunk.strip("\n")
        if not line:
            continue
        if "\n" in line:
            return None
        if PLACEHOLDER.fullmatch(line):
            html.append(line)
            continue
        heading = HEADING.fullmatch(line)
        if heading:
            level, text, excluded = len(heading.group(1)), heading.group(2), heading.group(3)
            if SPECIAL.search(text):
                return None
            name = " ".join(text.split())  # the toc's name and slug see whitespace collapsed
            anchor = unique(slugify(name, "-"), used, counters)
            attributes = (" data-search-exclude" if excluded else "") + f' id="{anchor}"'
            html.append(f"<h{level}{attributes}>{text}</h{level}>")
            tokens.append({"level": level, "id": anchor, "name": name, "html": text, "data-toc-label": ""})
            continue
        if line[0].isalpha() and line == line.rstrip() and not SPECIAL.search(line):
            html.append(f"<p>{line}</p>")
            continue
        return None
    return "\n".join(html), nest_toc_tokens(tokens)


def _plain_config(config) -> bool:
    extensions = config["markdown_extensions"]
    return (all(isinstance(e, str) for e in extensions) and set(extensions) <= PLAIN_EXTENSIONS
            and (config["mdx_configs"] or {}).get("toc", {}) in PLAIN_TOC_CONFIGS
            and set(config["mdx_configs"] or {}) <= {"toc"})


def _ids(tokens: list[dict]):
    for token in tokens:
        yield token["id"]
        yield from _ids(token["children"])


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
