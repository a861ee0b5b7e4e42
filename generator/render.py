"""Stage 5: page models → Markdown (and feeds), through Jinja2 templates.

Headings and prose are Markdown; tables, lists and the article text are HTML blocks between
``<!-- digest:html -->`` markers, which ``mkdocs_hooks.py`` passes through MkDocs untouched
(Python-Markdown would render them the same, only much slower at archive scale).

This is the one place where text enters a page. Every value a template prints goes
through ``escape`` (the environment's ``finalize``), which makes it inert both as
Markdown and as HTML: seed text is always shown as text, never run as HTML, script,
link or template. Only values built here as ``Markup`` (our own links and anchors)
pass through unchanged.

Every other output is made safe here too, by one function, ``clean_text``: it removes the
characters that XML 1.0 or YAML (MkDocs' front-matter) cannot hold, and the bidi controls that
would reorder text on screen, whatever reached this stage
(seed text, a cached extraction, a correction). ``escape`` (pages), ``front_matter``,
``render_xml`` (the RSS feed) and ``to_json`` (feeds and data) all use it, so a feed parses as
XML, every JSON file parses strictly (non-finite numbers are written as ``null``) and MkDocs keeps
each page's front-matter.
"""
from __future__ import annotations

import html
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"

# Only what Markdown or HTML would act on: tags and entities, links, code, emphasis, table cells,
# attribute lists, template braces and "#" (a heading at the start of a line; at the end of a
# heading, closing hashes that Markdown strips). Apostrophes and most punctuation stay as they are.
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"`*_[]\\|{}#"}
_ENTITIES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})
# What a value can still start a block with once _ENTITIES is applied: "-"/"+" (list, rule,
# setext line), "=" (setext line), "!" (admonition), ":" and "~" (definition, fence in other
# extensions), and "1." / "1)" (ordered list).
_LINE_START = re.compile(r"^(?:([-+=!:~])|(\d+)([.)])(?=\s|$))")

# Characters XML 1.0 refuses (C0 controls but tab, newline and carriage return; lone surrogates;
# U+FFFE, U+FFFF) or YAML refuses in a document (also DEL and C1 controls), and the
# non-characters (U+FDD0..U+FDEF, U+nFFFE/U+nFFFF of every plane), which no text should carry.
# Line and paragraph separators (U+0085, U+2028, U+2029, and VT, FF, FS..US) are breaks to YAML:
# they become spaces, like the other whitespace in a value; the rest are dropped. A terminal
# colour or cursor code ("\x1b[31m", pasted from a console) goes whole, not leaving "[31m" behind.
# The bidirectional embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069) are
# dropped too: they reorder what follows them on screen ("Trojan Source"), so a title or a link
# could show one text and hold another. The plain marks (U+200E, U+200F, U+061C) change no order
# beyond one character and stay: Arabic and Hebrew text needs them.
_UNSAFE = re.compile("\x1b\\[[0-9;]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                     + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17)) + "]")
_AS_SPACE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def clean_text(text: str) -> str:
    """``text`` without the characters no output of ours may carry (see ``_UNSAFE``).

    The one place text is made fit for XML 1.0, YAML and UTF-8 files: line-separator controls
    become a space, every other refused character is dropped (a stray control character inside
    a word, as in pasted text, leaves the word whole). Tab, newline and carriage return stay.
    ANSI colour codes go whole. Returns ``text`` itself when nothing needs removing (the common
    case: one regex search).
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: " " if m.group() in _AS_SPACE else "", text)


def escape(value: Any) -> str:
    """Text → inert Markdown+HTML on one line. ``None`` prints as nothing; ``Markup`` is ours and passes.

    Whatever the text holds or starts with, it shows as written: never a heading, rule, list,
    quote, table, link, tag or template, and no character Markdown would swallow.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return _escaped(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """``escape`` of a plain string, remembered: names, roles, places and numbers are printed on many
    pages (19 calls in 20 repeat an earlier one, measured at 2,000 articles). Only ``str`` comes here, never
    ``Markup``, which compares equal to the same plain text but must pass unescaped."""
    text = " ".join(clean_text(text).split())  # no newline can start a new Markdown block
    text = text.translate(_ENTITIES)
    return _LINE_START.sub(_entity_for_block_start, text)


def _entity_for_block_start(match: re.Match) -> str:
    if match.group(1):
        return f"&#{ord(match.group(1))};"
    return f"{match.group(2)}&#{ord(match.group(3))};"


def link(text: Any, href: str, **attrs: str) -> Markup:
    """A Markdown link whose text is escaped and whose target we built ourselves."""
    extra = " ".join(f'{k.rstrip("_")}="{v}"' for k, v in attrs.items())
    return Markup(f"[{escape(text)}]({href})" + (f"{{ {extra} }}" if extra else ""))


def anchor(text: Any, url: str, **attrs: str) -> Markup:
    """An HTML link for the pre-rendered blocks: text escaped, URL built by ``pages.href`` or ``safe_url``."""
    extra = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())
    return Markup(f'<a href="{html.escape(url, quote=True)}"{extra}>{escape(text)}</a>')


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else ('javascript:', 'data:', an address holding
    control characters or bidi controls, see ``_UNSAFE``) is shown as text, never linked."""
    if url and not _UNSAFE.search(url) and re.match(r"^https?://[^\s<>\"'`]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def front_matter(meta: dict[str, Any]) -> Markup:
    """YAML front-matter for MkDocs. Values are HTML-escaped: themes print some of them raw.

    Each value is written as JSON on one line, which YAML reads as the same plain data; strings
    are ``clean_text``-ed and their whitespace collapsed first, because YAML refuses DEL, C1
    controls and U+FFFE (MkDocs would then drop the whole block and print it on the page) and
    folds line separators inside a quoted value.
    """
    lines = [f"{key}: {json.dumps(_escape_meta(value), ensure_ascii=False, sort_keys=True)}"
             for key, value in sorted(meta.items()) if value not in (None, [], "")]
    if not lines:  # an empty block is not front-matter to MkDocs: it would show as two rules
        return Markup("")
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


def _escape_meta(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(clean_text(value).split())
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
            '"', "&quot;").replace("'", "&#39;").replace("{", "&#123;").replace("}", "&#125;")
    if isinstance(value, list):
        return [_escape_meta(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape_meta(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        finalize=escape,
        autoescape=False,  # escaping is ``finalize``: Markdown needs more than HTML escaping
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["link"] = link
    env.filters["a"] = anchor
    env.filters["safe_url"] = safe_url
    env.filters["number"] = format_number
    env.globals["front_matter"] = front_matter
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def format_number(value: float | int | None) -> str:
    """'1,200', '0.25', '3.14159'; '' for None and '—' for NaN or an infinity (no number to show)."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.3g}"


@lru_cache(maxsize=1)
def xml_environment() -> jinja2.Environment:
    """XML templates: every printed value is ``clean_text``-ed (``finalize``), then XML-escaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              finalize=_clean_value, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _clean_value(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def render_xml(template: str, **context: Any) -> str:
    """Render an XML template (the RSS feed): well-formed XML 1.0 whatever the values hold."""
    return xml_environment().get_template(template).render(**context)


def to_json(data: Any, compact: bool = False) -> str:
    """``data`` as strict JSON text (RFC 8259), ending in a newline; keys sorted.

    Strings (keys too) are ``clean_text``-ed, and a float that is NaN or infinite is written as
    ``null``: JSON has no such numbers, and ``json.dumps`` would otherwise write ``NaN``, which
    strict parsers refuse. ``allow_nan=False`` makes any other way one could slip through an error.
    """
    data = json_safe(data)
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def json_safe(data: Any) -> Any:
    """A copy of plain data (dicts, lists, tuples, str, numbers, bool, None) fit for strict JSON."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {clean_text(k) if isinstance(k, str) else k: json_safe(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [json_safe(v) for v in data]
    return data
