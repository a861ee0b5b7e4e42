"""``render_plain`` in the MkDocs hooks renders the generator's plain pages (headings, one-line
paragraphs and block placeholders) without Python-Markdown. It must give what Markdown gives, with
the site's extensions, or decline: a differential test over generated pages, hostile text included."""
from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES
from generator import mkdocs_hooks

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list"]


def by_markdown(text: str) -> tuple[str, list[dict]]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}})
    return md.convert(text), md.toc_tokens


def same_html(a: str, b: str) -> bool:
    squash = lambda html: re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()  # noqa: E731
    return squash(a) == squash(b)


WORDS = st.sampled_from(["Key", "figures", "Actors", "Named", "people", "Zürich", "Ōsaka", "São", "Paulo",
                         "’s", "—", "·", "(US)", "1,200", "in", "2", "articles", "Actor", "person",
                         "Città", "Łódź", "Дума", "北京", "a-b", "x.y", "co-op", "\u00a0", "Mr."])
HOSTILE = st.text(alphabet=st.sampled_from(list("ab #*_`[]()!<>&{}|~=-+:.\\\t\"'0123456789é\u00a0\u2028")),
                  min_size=1, max_size=12)
TEXT = st.lists(st.one_of(WORDS, WORDS, WORDS, HOSTILE), min_size=1, max_size=6).map(" ".join)


@st.composite
def chunk(draw, hostile: bool):
    kind = draw(st.sampled_from(["heading", "heading", "paragraph", "placeholder"] + (["raw"] if hostile else [])))
    text = draw(TEXT if hostile else st.lists(WORDS.filter(lambda w: w != "\u00a0"), min_size=1, max_size=6).map(" ".join))
    if kind == "heading":
        level = draw(st.integers(1, 3))
        suffix = draw(st.sampled_from(["", " { data-search-exclude }"]))
        return "#" * level + " " + text + suffix
    if kind == "paragraph":
        return ("Actor " + text) if not hostile else text
    if kind == "placeholder":
        return f"<!-- digest:block {draw(st.integers(0, 3))} -->"
    return draw(st.text(max_size=30))


def page(hostile: bool):
    return st.lists(chunk(hostile), min_size=1, max_size=8).map("\n\n".join)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page(hostile=True))
def test_plain_rendering_is_markdowns_or_nothing(text):
    plain = mkdocs_hooks.render_plain(text)
    if plain is None:
        return
    html, tokens = plain
    expected_html, expected_tokens = by_markdown(text)
    assert same_html(html, expected_html), (text, html, expected_html)
    assert tokens == expected_tokens


@pytest.mark.fuzz
@settings(max_examples=max(50, FUZZ_EXAMPLES // 5), deadline=None)
@given(page(hostile=False))
def test_pages_made_of_headings_paragraphs_and_blocks_take_the_fast_path(text):
    plain = mkdocs_hooks.render_plain(text)
    assert plain is not None, text
    assert same_html(plain[0], by_markdown(text)[0])


def test_repeated_headings_get_the_same_numbered_ids_as_markdown():
    text = "# Actors\n\n## Actors { data-search-exclude }\n\n### Actors\n\n## Key figures\n\n## Key figures"
    html, tokens = mkdocs_hooks.render_plain(text)
    assert re.findall(r'id="([^"]+)"', html) == ["actors", "actors_1", "actors_2", "key-figures", "key-figures_1"]
    assert (html, tokens) == (mkdocs_hooks.render_plain(text)[0], by_markdown(text)[1])


def test_markdown_syntax_sends_the_page_through_markdown():
    for text in ["# Title\n\nSome *emphasis* here", "# A [link](x)", "## Rates & fees", "# Title\n\n    code",
                 "# Title\nUnderlined\n---", "# T\n\n1. one", "# T\n\n| a | b |", "# T\n\n!!! note", "# T \\#"]:
        assert mkdocs_hooks.render_plain(text) is None, text

