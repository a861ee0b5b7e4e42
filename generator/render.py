"""Stage 5: page models → Markdown (and feeds), through Jinja2 templates.

Headings and prose are Markdown; tables, lists and the article text are HTML blocks between
``<!-- digest:html -->`` markers, which ``mkdocs_hooks.py`` passes through MkDocs untouched
(Python-Markdown would render them the same, only much slower at archive scale).

This is the one place where text enters a page. Every value a template prints goes
through ``escape`` (the environment's ``finalize``), which makes it inert both as
Markdown and as HTML: seed text is always shown as text, never run as HTML, script,
link or template. Only values built here as ``Markup`` (our own links and anchors)
pass through unchanged.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"

# Only what Markdown or HTML would act on: tags and entities, links, code, emphasis, table cells,
# attribute lists and template braces. Apostrophes and most punctuation stay as they are.
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"`*_[]\\|{}"}
_ENTITIES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})
_LINE_START = re.compile(r"^(\s*)(\d*)([-+>.)])(?=\s|$)")


def escape(value: Any) -> str:
    """Text → inert Markdown+HTML. ``None`` prints as nothing; ``Markup`` is ours and passes."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())  # no newline can start a new Markdown block
    text = text.translate(_ENTITIES)
    # a leading "-", "1." or ">" would start a list or a quote
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}&#{ord(m.group(3))};", text)


def link(text: Any, href: str, **attrs: str) -> Markup:
    """A Markdown link whose text is escaped and whose target we built ourselves."""
    extra = " ".join(f'{k.rstrip("_")}="{v}"' for k, v in attrs.items())
    return Markup(f"[{escape(text)}]({href})" + (f"{{ {extra} }}" if extra else ""))


def anchor(text: Any, url: str, **attrs: str) -> Markup:
    """An HTML link for the pre-rendered blocks: text escaped, URL built by ``pages.href`` or ``safe_url``."""
    extra = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())
    return Markup(f'<a href="{html.escape(url, quote=True)}"{extra}>{escape(text)}</a>')


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else ('javascript:', 'data:') is shown as text."""
    if url and re.match(r"^https?://[^\s<>\"'`]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def front_matter(meta: dict[str, Any]) -> Markup:
    """YAML front-matter for MkDocs. Values are HTML-escaped: themes print some of them raw.

    Each value is written as JSON, which YAML reads as the same plain data.
    """
    lines = [f"{key}: {json.dumps(_escape_meta(value), ensure_ascii=False, sort_keys=True)}"
             for key, value in sorted(meta.items()) if value not in (None, [], "")]
    return Markup("---\n" + "\n".join(lines) + "\n---\n")


def _escape_meta(value: Any) -> Any:
    if isinstance(value, str):
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
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.3g}"


@lru_cache(maxsize=1)
def xml_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render_xml(template: str, **context: Any) -> str:
    return xml_environment().get_template(template).render(**context)


def to_json(data: Any, compact: bool = False) -> str:
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
