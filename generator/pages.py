"""Stage 4: the page model — what each page shows, with every link resolved, before any Markdown.

Article pages, and the pages that tie articles together: one per actor, place, source
or outlet and tag, a home page (latest first) and an archive by month. Paths are
relative to ``docs/``. Links written as Markdown are relative ``.md`` paths (``rel``), which MkDocs
checks and rewrites; links inside the HTML blocks are the URLs MkDocs will publish (``href``).
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .article import slugify
from .models import Article, Figure, Source

HOME_LATEST = 30
MAX_APPEARANCES = 100  # rows on one actor, place, source or tag page
MAIN_ITEMS = 4
QUOTE_PREVIEW = 160


def sentence_anchor(index: int) -> str:
    return f"s-{index}"


@lru_cache(maxsize=65_536)
def rel(from_path: str, to_path: str) -> str:
    """A relative ``.md`` link, for Markdown: MkDocs turns it into a URL and checks it."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes ``path`` (relative to ``docs/``): 'articles/x.md' → 'articles/x/'."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5] if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


@lru_cache(maxsize=262_144)
def href(from_path: str, to_path: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """A relative URL from one page to another, for HTML: MkDocs leaves HTML links as they are."""
    if from_path == to_path and anchor:
        return "#" + anchor
    here, there = page_url(from_path, directory_urls), page_url(to_path, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    url = posixpath.relpath(there or ".", base or ".")
    if (there.endswith("/") or not there) and not url.endswith("/"):
        url += "/"
    return url + ("#" + anchor if anchor else "")


@dataclass
class Appearance:
    """One article in which an entity appears, with what it did there."""

    article: Article
    article_path: str
    detail: str | None
    sentence: int | None


@dataclass
class EntityPage:
    kind: str  # "actor", "place", "source", "tag"
    path: str
    title: str
    subtitle: str | None
    facts: list[tuple[str, str]] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    total: int = 0  # articles it appears in; only the newest MAX_APPEARANCES are listed


@dataclass
class SourcingSummary:
    total: int
    on_record: int
    anonymous: int
    direct: int
    paraphrased: int
    outlets: list[str]


@dataclass
class SourceGroup:
    label: str
    sources: list[Source]


@dataclass
class ArticlePage:
    article: Article
    path: str
    actor_paths: dict[str, str]
    place_paths: dict[str, str]
    source_paths: dict[str, str]
    tag_paths: dict[str, str]
    summary: SourcingSummary
    groups: list[SourceGroup]


@dataclass
class Site:
    articles: list[ArticlePage]
    entities: list[EntityPage]
    months: dict[str, list[Article]]  # "2025-03" → articles, newest first
    undated: list[Article]


def article_path(article: Article) -> str:
    return f"articles/{article.slug}.md"


def actor_path(name: str, kind: str) -> str:
    return f"actors/{slugify(name)}{'-org' if kind == 'organisation' else ''}.md"


def place_path(name: str, country: str | None) -> str:
    return f"places/{slugify(name + ('-' + country if country else ''))}.md"


def source_path(name: str) -> str:
    return f"sources/{slugify(name)}.md"


ANONYMOUS_PAGE = "sources/anonymous.md"


def tag_path(tag: str) -> str:
    return f"tags/{slugify(tag)}.md"


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date or "", a.slug), reverse=True)


def sourcing_summary(article: Article) -> tuple[SourcingSummary, list[SourceGroup]]:
    sources = article.extraction.sources
    quotes = [q for s in sources for q in s.quotes]
    outlets = sorted({s.name for s in sources if s.is_outlet and s.name} | {s.via for s in sources if s.via})
    summary = SourcingSummary(
        total=len(sources),
        on_record=sum(1 for s in sources if not s.anonymous),
        anonymous=sum(1 for s in sources if s.anonymous),
        direct=sum(1 for q in quotes if q.direct),
        paraphrased=sum(1 for q in quotes if not q.direct),
        outlets=outlets,
    )
    groups = [
        SourceGroup("Named people", [s for s in sources if not s.anonymous and s.type == "person"]),
        SourceGroup("Organisations", [s for s in sources if not s.anonymous and s.type != "person" and not s.is_outlet]),
        SourceGroup("Outlets", [s for s in sources if not s.anonymous and s.is_outlet]),
        SourceGroup("Unnamed sources", [s for s in sources if s.anonymous]),
    ]
    return summary, [g for g in groups if g.sources]


def build_site(articles: list[Article]) -> Site:
    articles = [a for a in newest_first(articles) if not a.draft]
    entities: dict[str, EntityPage] = {}

    def entity(kind: str, path: str, title: str, subtitle: str | None = None) -> EntityPage:
        if path not in entities:
            entities[path] = EntityPage(kind, path, title, subtitle)
        return entities[path]

    pages = []
    for article in articles:
        path = article_path(article)
        ex = article.extraction
        actor_paths, place_paths, source_paths, tag_paths = {}, {}, {}, {}
        for actor in ex.actors:
            p = actor_path(actor.name, actor.type)
            actor_paths[actor.name] = p
            page = entity("actor", p, actor.name, actor.type)
            page.appearances.append(Appearance(article, path, actor.role, actor.sentences[0] if actor.sentences else None))
        for loc in ex.locations:
            p = place_path(loc.name, loc.country_code)
            place_paths[loc.name] = p
            page = entity("place", p, loc.name, loc.type)
            if not page.facts:
                page.facts = [("Type", loc.type), ("Country", loc.country_code or "—"),
                              ("Coordinates", f"{loc.lat:.2f}, {loc.lon:.2f}" if loc.lat is not None and loc.lon is not None else "—")]
            page.appearances.append(Appearance(article, path, None, loc.sentences[0] if loc.sentences else None))
        for source in ex.sources:
            first = source.quotes[0] if source.quotes else None
            detail = _preview(first.text) if first else None
            if source.anonymous:
                p = ANONYMOUS_PAGE
                page = entity("source", p, "Unnamed sources", "anonymous")
                page.appearances.append(Appearance(article, path, f"{source.descriptor}: {detail}" if detail else source.descriptor,
                                                   first.sentence if first else None))
            else:
                p = source_path(source.name or "")
                page = entity("source", p, source.name or "", "outlet" if source.is_outlet else source.type)
                page.appearances.append(Appearance(article, path, detail, first.sentence if first else None))
            source_paths[source.name or source.descriptor or ""] = p
            if source.via:
                vp = source_path(source.via)
                source_paths.setdefault(source.via, vp)
                entity("source", vp, source.via, "outlet").appearances.append(
                    Appearance(article, path, f"spoken to by {source.name or source.descriptor}",
                               first.sentence if first else None))
        if article.outlet:
            op = source_path(article.outlet)
            source_paths.setdefault(article.outlet, op)
            entity("source", op, article.outlet, "outlet").appearances.append(
                Appearance(article, path, "published this article", None))
        for tag in article.tags:
            tp = tag_path(tag)
            tag_paths[tag] = tp
            entity("tag", tp, tag, "tag").appearances.append(Appearance(article, path, None, None))
        summary, groups = sourcing_summary(article)
        pages.append(ArticlePage(article, path, actor_paths, place_paths, source_paths, tag_paths, summary, groups))
    months: dict[str, list[Article]] = defaultdict(list)
    undated = []
    for article in articles:
        if article.date:
            months[article.date[:7]].append(article)
        else:
            undated.append(article)
    for page in entities.values():  # one line per article, even if an entity appears twice in it
        seen = set()
        page.appearances = [a for a in page.appearances
                            if not (a.article_path in seen or seen.add(a.article_path))]  # type: ignore[func-returns-value]
        page.total = len(page.appearances)
        page.appearances = page.appearances[:MAX_APPEARANCES]  # newest first; the rest are in the data
    ordered = sorted(entities.values(), key=lambda e: e.path)
    return Site(pages, ordered, dict(sorted(months.items(), reverse=True)), undated)


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_PREVIEW else text[:QUOTE_PREVIEW].rsplit(" ", 1)[0] + "…"


def figure_value(fig: Figure) -> str:
    """'up to 24', '$5,000,000', '12%'."""
    from .render import format_number

    number = format_number(fig.value)
    if fig.unit == "%":
        number += "%"
    elif fig.unit and len(fig.unit) == 3 and fig.unit.isupper():
        number = f"{fig.unit} {number}"
    elif fig.unit:
        number = f"{number} {fig.unit}"
    return f"{fig.qualifier} {number}" if fig.qualifier else number


def main_items(article: Article) -> tuple[list[str], list[str]]:
    ex = article.extraction
    actors = [a.name for a in sorted(ex.actors, key=lambda a: -a.mentions)[:MAIN_ITEMS]]
    places = [loc.name for loc in sorted(ex.locations, key=lambda loc: -loc.mentions)[:MAIN_ITEMS]]
    return actors, places
