"""Stage 4: the page model — what each page shows, with every link resolved, before any Markdown.

Article pages, and the pages that tie articles together: one per actor, place, source
or outlet and tag, a home page (latest first) and an archive by month. Paths are
relative to ``docs/``. Links written as Markdown are relative ``.md`` paths (``rel``), which MkDocs
checks and rewrites; links inside the HTML blocks are the URLs MkDocs will publish (``href``).

Every distinct actor, place, source and tag has its own address, the same on every build
(``entity_slug``): an ordinary name keeps its plain slug ('Gérald Darmanin' →
``actors/gerald-darmanin.md``), and a name whose slug would drop characters ('C++', 'C#'), is in
another script ('Ελλάδα'), is empty or reserved ('index' would overwrite the listing) gets a
short hash of the name after it.
"""
from __future__ import annotations

import math
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from anyascii import anyascii
from markupsafe import Markup

from .article import MAX_SLUG, RESERVED_SLUGS, ascii_slug, stable_hash
from .models import Actor, Article, Figure, Location, Source
from .render import clean_text, escape

if TYPE_CHECKING:
    from .link import Linking

HOME_LATEST = 30
MAX_APPEARANCES = 100  # rows on one actor, place, source or tag page
# Actors and places one article may give pages of their own (its most mentioned; the rest are
# listed on its page only). The most any real article in our caches has is 388 actors (a 10 KB
# piece listing names) and 31 places, so 500 leaves every real article whole, while one hostile
# seed (300 KB, one sentence of 14,460 names) makes at most 500 + 500 pages, not 14,460.
MAX_CROSS_LINKED = 500
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
    detail: str | None  # an actor's role, a source's quote, a tag's nothing
    sentence: int | None
    # An actor's page is also its source page (one page per entity, ``link``): what it said there
    quote: str | None = None
    quote_sentence: int | None = None
    mentions: int = 0  # times named in the article (actors and places)


@dataclass
class EntityPage:
    kind: str  # "actor", "place", "source", "tag"
    path: str
    title: str
    subtitle: str | None
    facts: list[tuple[str, str]] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    total: int = 0  # articles it appears in; only the newest MAX_APPEARANCES are listed
    indexes: list[str] = field(default_factory=list)  # the index pages listing it ('actor', 'source'…)
    quoted_in: set[str] = field(default_factory=set)  # an actor's: the article pages that quote it
    searchable: bool = True  # in the search index (``mark_searchable``: the least connected may not be)
    # Set by ``add_connections`` (after ``build_site``), read by entity.md.j2:
    timeline: dict[str, int] = field(default_factory=dict)  # 'YYYY-MM' → articles that month (all, not only listed)
    undated: int = 0  # articles without a date, not on the timeline
    roles: list[tuple[str, int]] = field(default_factory=list)  # an actor's distinct roles, with articles
    quoted_by: list[tuple[str, int, str | None]] = field(default_factory=list)  # (outlet, articles, page)
    quotes: list[tuple[str, int, str | None]] = field(default_factory=list)  # an outlet's sources: (name, articles, page)
    cites: list[tuple[str, int, str | None]] = field(default_factory=list)  # whom its own words quote: (name, articles, page)
    sourcing: "SourcingCounts | None" = None  # outlets and sources: how the articles are sourced
    coordinates: tuple[float, float] | None = None  # a place's (lat, lon), for the maps


@dataclass
class SourcingCounts:
    """Sources and quotes counted over some articles, for ``charts.sourcing_chart_svg``."""

    articles: int = 0
    named: int = 0
    anonymous: int = 0
    documents: int = 0
    direct: int = 0
    paraphrase: int = 0

    def add(self, article: Article) -> None:
        self.articles += 1
        for source in article.extraction.sources:
            kind = source_kind(source)
            setattr(self, kind, getattr(self, kind) + 1)
            for quote in source.quotes:
                if quote.direct:
                    self.direct += 1
                else:
                    self.paraphrase += 1


def source_kind(source: Source) -> str:
    """'named', 'anonymous' or 'documents': what the sourcing chart counts a source as. Uses
    ``Source.kind`` when the extraction gives it ('document', 'unnamed'), else the anonymous flag."""
    kind = getattr(source, "kind", None)
    if kind == "document":
        return "documents"
    if kind == "unnamed" or source.anonymous:
        return "anonymous"
    return "named"


@dataclass
class SourcingSummary:
    total: int
    on_record: int
    anonymous: int
    direct: int
    paraphrased: int
    outlets: list[str]
    # each kind of source counted apart, in KIND_ORDER, the kinds with none left out: ["3 named people",
    # "2 bodies (1 unnamed)", "1 document"]; what the panel's summary line lists
    kinds: list[str] = field(default_factory=list)


# models.SourceKind: the order the panel lists them in, with each kind's (one, many) label
KIND_ORDER = (("person", "named person", "named people"), ("unnamed", "unnamed person", "unnamed people"),
              ("body", "body", "bodies"), ("document", "document", "documents"), ("outlet", "outlet", "outlets"))
KIND_GROUPS = {"person": "Named people", "unnamed": "Unnamed people", "body": "Bodies", "document": "Documents",
               "outlet": "Outlets"}


@dataclass
class SourceGroup:
    label: str
    sources: list[Source]


@dataclass
class ArticlePage:
    article: Article
    path: str
    # each entity's page, keyed by what tells it apart in the article (one name can be a person
    # and an organisation, a place in two countries, an unnamed source and a named one)
    # only for the ``MAX_CROSS_LINKED`` most mentioned: the others have no page of their own
    actor_paths: dict[tuple[str, str], str]  # (name, type)
    place_paths: dict[tuple[str, str | None, str], str]  # ``place_key``: (name, country code, type)
    source_paths: dict[tuple[str, bool], str]  # (name, or descriptor of an unnamed source; anonymous)
    tag_paths: dict[str, str]
    summary: SourcingSummary
    groups: list[SourceGroup]
    versions: list[Article] = field(default_factory=list)  # other versions of the story, newest first
    # ("actor", name, type), ("place", name, country, type) or ("source", label, anonymous) → why it has no
    # page of its own (``link``: below the confidence bar); the page marks it "(uncertain)"
    uncertain: dict[tuple, str] = field(default_factory=dict)
    actor_kinds: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, type) → the voted type

    def mark(self, key: tuple) -> Markup:
        """' (uncertain)' after an item below the confidence bar, the reason in its title; else nothing."""
        why = self.uncertain.get(key)
        if not why:
            return Markup("")
        return Markup(f' <span class="digest-uncertain" title="Not linked across articles: {escape(why)}">'
                      '(uncertain)</span>')
    # Set by ``add_connections``: (article page, why) of other stories, best first; the places to map
    related: list[tuple["ArticlePage", str]] = field(default_factory=list)
    map_places: list[tuple[str, float, float, str | None]] = field(default_factory=list)  # (name, lat, lon, page)


@dataclass
class Site:
    articles: list[ArticlePage]
    entities: list[EntityPage]
    months: dict[str, list[Article]]  # "2025-03" → articles, newest first
    undated: list[Article]
    # articles whose actors or places were over ``MAX_CROSS_LINKED``: (source file, actors, places)
    capped: list[tuple[str, int, int]] = field(default_factory=list)
    linking: "Linking | None" = None  # who is who (``link.link``): the identities behind the pages


def article_path(article: Article) -> str:
    return f"articles/{article.slug}.md"


# Characters that carry nothing of a name's identity: spaces, dashes, brackets, quotes and the
# sentence punctuation below. 'U.S. Navy', "O'Brien", 'Smith, John' keep today's slugs
# (u-s-navy, o-brien, smith-john). Any other character that the slug cannot hold ('+', '#',
# '&', '@', a letter of another script) makes the name take a hash.
_SEPARATOR_CATEGORIES = frozenset({"Zs", "Pd", "Pc", "Ps", "Pe", "Pi", "Pf"})
_SEPARATOR_CHARS = frozenset(".,:;!?/'\"`·¡¿\t\n\r")
_PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What a hashed address ends with: 6 hex digits, at least one a digit (see _digest), so that
# plain words made of the letters a-f ('facade', 'decade') keep their plain address.
_HASH_TAIL = re.compile(r"(?:^|-)(?=[a-f]*[0-9])[0-9a-f]{6}$")


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """What makes two entity names the same entity (and the same page): the name without case,
    accents, or differences in spacing and separator punctuation.

    'Gérald Darmanin', 'GERALD DARMANIN' and 'Gerald-Darmanin' are one key ('gerald-darmanin'),
    and so are 'Tromsø' and 'Tromso' ('tromso'); 'C++', 'C#' and 'C' are three. Compatibility
    forms fold too ('Ｃ' is 'c'). Characters no output can hold (``render.clean_text``) are
    ignored, as they are on the page.
    """
    text = unicodedata.normalize("NFKD", clean_text(name))
    text = "".join(_latin_letter(ch) for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join("-" if ch in _SEPARATOR_CHARS or unicodedata.category(ch) in _SEPARATOR_CATEGORIES else ch
                   for ch in text)
    return re.sub(r"-{2,}", "-", text).strip("-")


def _latin_letter(ch: str) -> str:
    """A Latin letter that has no decomposition ('ø', 'ł', 'æ', 'ß') as its ASCII spelling, so that
    'Tromsø' and 'Łódź' fold like 'Gérald'; any other character as it is."""
    if ch.isascii() or not unicodedata.name(ch, "").startswith("LATIN "):
        return ch
    return anyascii(ch) or ch


@lru_cache(maxsize=65_536)
def entity_slug(name: str, qualifier: str = "", qualifiers: str = "") -> str:
    """The file name (no folder, no '.md') of the page of the entity ``name``: unique and stable.

    ``qualifier`` tells apart entities that share a name ('org' for an organisation, a country
    code for a place); it ends the slug ('acme-org', 'paris-fr'). ``qualifiers`` is a regex of
    every qualifier this kind of entity can have: a qualifier that does not match it is not put
    in the slug (only in the hash), and no plain name may end like a qualified slug (a person
    'Acme Org' must not take the organisation 'Acme''s page).

    The slug is the name's key (``name_key``) when that is already ``[a-z0-9-]`` — today's
    address for ordinary names — unless it is reserved ('index', 'anonymous'), longer than
    ``MAX_SLUG``, ends like a qualifier or like a hash. Otherwise it is the key transliterated
    (``anyascii``), cut to 60 characters, then 6 hex digits of the SHA-1 of the key and qualifier:
    'c-dad76e' for 'C++', 'ellada-adc2b1' for 'Ελλάδα', 'a7c7ef' for '★'. A hashed slug ends in
    those 6 hex digits (then the qualifier), which no plain slug does, so two distinct keys can
    share a slug only if 24 bits of their SHA-1s *and* their transliterations agree;
    ``build_site`` checks even that, and lengthens the second one's hash.

    Everything is computed from the key, so names that are one entity always get one slug.
    """
    key = name_key(name)
    qualified = bool(qualifier) and bool(qualifiers) and re.fullmatch(qualifiers, qualifier) is not None
    suffix = f"-{qualifier}" if qualified else ""
    plain = ((qualified or not qualifier) and _PLAIN.fullmatch(key) is not None and len(key) <= MAX_SLUG
             and key not in RESERVED_SLUGS and not _HASH_TAIL.search(key)
             and not (qualifiers and re.search(rf"-(?:{qualifiers})$", key)))
    if plain:
        return key + suffix
    base = ascii_slug(key)[:60].rstrip("-")
    digest = _digest(f"{key}\x1f{qualifier}")
    return f"{base}-{digest}{suffix}" if base else f"{digest}{suffix}"


def _digest(text: str) -> str:
    """``stable_hash`` of ``text``, with its last character made a digit when it has none (about
    1 in 360), so that every hashed address matches ``_HASH_TAIL``."""
    digest = stable_hash(text)
    return digest if re.search(r"[0-9]", digest) else digest[:5] + str(int(digest[5], 16) % 10)


def actor_path(name: str, kind: str) -> str:
    return f"actors/{entity_slug(name, 'org' if kind == 'organisation' else '', 'org')}.md"


def place_key(loc) -> tuple[str, str | None, str]:
    """What tells a place apart inside one article, as ``ArticlePage.place_paths`` and the templates key it:
    its name, country code and type. The type is part of it because an article can name a state and the
    city of the same name ("Redmond, Washington" and "Washington, D.C."), which are two places."""
    return (loc.name, loc.country_code, loc.type)


def place_path(name: str, country: str | None) -> str:
    """A place's page: one per name and country ('paris-fr'; 'paris' when the country is unknown)."""
    return f"places/{entity_slug(name, country.casefold() if country else '', '[a-z]{2}')}.md"


def source_path(name: str) -> str:
    return f"sources/{entity_slug(name)}.md"


def outlet_title(name: str) -> str:
    """An outlet's one name for its page: the listed outlet's canonical name for any of its spellings
    ('New York Times', 'NYT' → 'The New York Times', ``data/outlets.txt``), so one paper has one page
    whichever way an article or its front-matter writes it; a name no list knows comes back as it is."""
    from . import lexicon

    entry = lexicon.named_index().get(lexicon.strip_the(name).lower())
    return entry.canonical if entry is not None and entry.kind == "outlet" else name


ANONYMOUS_PAGE = "sources/anonymous.md"  # 'anonymous' is reserved: no named source can take it


def tag_path(tag: str) -> str:
    return f"tags/{entity_slug(tag)}.md"


def newest_first(articles: list[Article]) -> list[Article]:
    """The dated articles newest first (one day's by title), then the undated ones by title.

    Only a date orders articles in time: an undated article is not "older" than a dated one,
    so it is never sorted among them (home and archive list them apart, under a note saying why:
    ``dated_apart``). Titles, not slugs, order the rest, so a list reads A→Z, never Z→A."""
    by_title = sorted(articles, key=lambda a: (a.title.casefold(), a.slug))
    dated = sorted((a for a in by_title if a.date), key=lambda a: a.date, reverse=True)  # stable: ties by title
    return dated + [a for a in by_title if not a.date]


def dated_apart(articles: list[Article]) -> tuple[list[Article], list[Article]]:
    """(the dated articles newest first, the undated ones by title), from any order."""
    ordered = newest_first(articles)
    return [a for a in ordered if a.date], [a for a in ordered if not a.date]


def sourcing_summary(article: Article) -> tuple[SourcingSummary, list[SourceGroup]]:
    """The panel's summary line and its groups, one per kind of source (``models.SourceKind``: named people,
    unnamed people, bodies, documents, outlets, in that order; empty groups left out)."""
    sources = article.extraction.sources
    quotes = [q for s in sources for q in s.quotes]
    outlets = sorted({s.name for s in sources if s.is_outlet and s.name} | {s.via for s in sources if s.via})
    kinds = []
    for kind, one, many in KIND_ORDER:
        of_kind = [s for s in sources if s.kind == kind]
        if of_kind:
            unnamed = sum(1 for s in of_kind if s.anonymous) if kind == "body" else 0
            kinds.append(f"{len(of_kind)} {one if len(of_kind) == 1 else many}"
                         + (f" ({unnamed} unnamed)" if unnamed else ""))
    summary = SourcingSummary(
        total=len(sources),
        on_record=sum(1 for s in sources if not s.anonymous),
        anonymous=sum(1 for s in sources if s.anonymous),
        direct=sum(1 for q in quotes if q.direct),
        paraphrased=sum(1 for q in quotes if not q.direct),
        outlets=outlets,
        kinds=kinds,
    )
    groups = [SourceGroup(KIND_GROUPS[kind], [s for s in sources if s.kind == kind]) for kind, _, _ in KIND_ORDER]
    return summary, [g for g in groups if g.sources]


def build_site(articles: list[Article]) -> Site:
    """The page model of the published ``articles`` (drafts and copies left out).

    Who is who comes from the linking stage (``link.link``, over the extractions alone): every
    actor, named source and place of an article is an ``Identity``, and only identities that pass
    its confidence bar get a cross-article page (``actors/…``, ``places/…``); the rest are listed on
    their article page only, with the reason in ``ArticlePage.uncertain``. A person or body that is
    both an actor and a quoted source has one page, under ``actors/``, listed on the Actors and the
    Sources indexes (``EntityPage.indexes``); outlets and sources that are not actors keep their
    ``sources/…`` pages, and unnamed sources (anonymous or not) share ``ANONYMOUS_PAGE``; an unnamed
    document ("the report") has no cross-article page.
    """
    from .link import link, outlet_meant  # link.py imports name_key from here

    # a copy of another seed's text is published once, on the page of the seed it copies
    articles = [a for a in newest_first(articles) if not a.draft and a.duplicate_of is None]
    linking = link(articles)
    by_slug = {a.slug: a for a in articles}
    entities: dict[str, EntityPage] = {}
    owners: dict[str, tuple] = {}  # path → the entity that has it (kind, key, qualifier)
    moved: dict[tuple, str] = {}  # the rare entity whose hashed path another already had
    listed: dict[tuple[str, str], Appearance] = {}  # (entity page, article page) → its one row

    def address(path: str, kind: str, name: str, qualifier: str = "") -> str:
        """``path``, unless a different entity already has it (24 bits of SHA-1 and the
        transliteration agreeing): then a longer hash, so no page is ever shared."""
        owner = (kind, name_key(name), qualifier)
        if owners.setdefault(path, owner) == owner:
            return path
        if owner not in moved:
            folder, file = path.rsplit("/", 1)
            moved[owner] = f"{folder}/{file[:-3]}-{stable_hash(repr(owner), 12)}.md"
            owners[moved[owner]] = owner
        return moved[owner]

    def entity(kind: str, path: str, title: str, subtitle: str | None = None) -> EntityPage:
        if path not in entities:
            entities[path] = EntityPage(kind, path, title, subtitle, indexes=[kind])
        return entities[path]

    def appear(page: EntityPage, article: Article, path: str, detail: str | None, sentence: int | None, *,
               quote: str | None = None, quote_sentence: int | None = None, mentions: int = 0) -> None:
        """One row per article on an entity's page: a second name of the same entity in the same
        article ("bin Laden" beside "Osama bin Laden", the actor and the source) adds to that row."""
        row = listed.get((page.path, path))
        if row is None:
            row = listed[(page.path, path)] = Appearance(article, path, detail, sentence, quote, quote_sentence, mentions)
            page.appearances.append(row)
            return
        if detail and row.detail and detail.casefold() not in row.detail.casefold():
            row.detail = f"{row.detail}; {detail}"
        row.detail = row.detail or detail
        row.sentence = row.sentence if row.sentence is not None else sentence
        if quote and not row.quote:
            row.quote, row.quote_sentence = quote, quote_sentence
        row.mentions += mentions

    def actor_page(ident) -> EntityPage:
        p = address(actor_path(ident.name, ident.kind), "actor", ident.id)
        page = entity("actor", p, ident.name, ident.kind)
        if not page.facts:
            page.facts = identity_facts(ident)
        return page

    # actor page → article pages naming it only as their outlet: the Actors index counts the others
    outlet_only: dict[str, set[str]] = defaultdict(set)

    def outlet_page(name: str, path: str) -> EntityPage:
        """An outlet's one page: its actor page when the archive names it as an actor too (listed on the
        Sources index as well, counting this article), else its own under ``sources/``."""
        name = outlet_title(name)
        ident = linking.outlet(name)
        if ident is None:
            return entity("source", address(source_path(name), "source", name), name, "outlet")
        page = actor_page(ident)
        if (page.path, path) not in listed:  # an article that names it only as its outlet or the one spoken to
            outlet_only[page.path].add(path)
        if "source" not in page.indexes:
            page.indexes.append("source")
        page.quoted_in.add(path)
        if page.sourcing is None:
            page.sourcing = SourcingCounts()  # marks an outlet's page: add_connections counts its sourcing
        return page

    pages = []
    capped = []
    for article in articles:
        path = article_path(article)
        ex = article.extraction
        actor_paths, place_paths, source_paths, tag_paths = {}, {}, {}, {}
        uncertain: dict[tuple, str] = {}
        actor_kinds: dict[tuple[str, str], str] = {}
        actors, places = most_mentioned(ex.actors), most_mentioned(ex.locations)
        if len(actors) < len(ex.actors) or len(places) < len(ex.locations):
            capped.append((article.source_file, len(ex.actors), len(ex.locations)))
        for actor in ex.actors:
            ident = linking.actor(article.source_file, actor)
            if ident is not None and not ident.confirmed:
                uncertain[("actor", actor.name, actor.type)] = ident.doubt or "below the confidence bar"
            elif ident is not None and ident.is_actor:
                actor_kinds[(actor.name, actor.type)] = ident.kind
        for actor in actors:
            ident = linking.actor(article.source_file, actor)
            if ident is None or not ident.confirmed:
                continue
            page = actor_page(ident)
            actor_paths[(actor.name, actor.type)] = page.path
            appear(page, article, path, actor.role, actor.sentences[0] if actor.sentences else None,
                   mentions=actor.mentions)
        for loc in ex.locations:
            ident = linking.place(article.source_file, loc)
            if ident is not None and not ident.confirmed:
                uncertain[("place", *place_key(loc))] = ident.doubt or "below the confidence bar"
        for loc in places:
            ident = linking.place(article.source_file, loc)
            if ident is not None and not ident.confirmed:
                continue
            # the identity's name: a state named like a city of its country is "Washington (state)", and
            # "New York" the city is on the page of "New York City" (``link._link_places``)
            name = ident.name if ident is not None else loc.name
            p = address(place_path(name, loc.country_code), "place", ident.id if ident is not None else name,
                        loc.country_code or "")
            place_paths[place_key(loc)] = p
            page = entity("place", p, name, loc.type)
            if not page.facts:
                page.facts = [("Type", loc.type), ("Country", loc.country_code or "—"),
                              ("Coordinates", coordinates(loc.lat, loc.lon))]
            appear(page, article, path, None, loc.sentences[0] if loc.sentences else None, mentions=loc.mentions)
        for source in ex.sources:
            first = source.quotes[0] if source.quotes else None
            detail = _preview(first.text) if first else None
            label = source.name or source.descriptor or ""  # what the article page shows for it
            ident = linking.source(article.source_file, source.name) if source.name and not source.anonymous else None
            if not source.name and source.kind == "document":
                # "the report", "a statement": its words name a different document in every article, so a
                # page of its own would join them all; it is listed on its article page only
                p = None
            elif source.anonymous or not source.name:
                # an unnamed source on the record ("police", "a spokesman"): its descriptor is no identity
                # either, so it joins the anonymous ones on the unnamed sources page, never a shared page
                p = ANONYMOUS_PAGE
                page = entity("source", p, "Unnamed sources", "anonymous")
                appear(page, article, path, f"{source.descriptor}: {detail}" if detail else source.descriptor,
                       first.sentence if first else None)
            elif ident is not None and ident.confirmed and ident.is_actor:
                page = actor_page(ident)  # one page per entity: the actor's, which lists its quotes
                if "source" not in page.indexes:
                    page.indexes.append("source")
                page.quoted_in.add(path)
                p = page.path
                appear(page, article, path, None, None, quote=detail, quote_sentence=first.sentence if first else None)
            elif ident is not None:  # below the bar (a generic body of no clear country…): no page
                uncertain[("source", label, source.anonymous)] = ident.doubt or "below the confidence bar"
                p = None
            elif (named := outlet_meant(label, ex.sentences, article.outlet)) is None:
                # "told the Times": the New York, Los Angeles or London paper? the article does not say
                uncertain[("source", label, source.anonymous)] = "a short name several outlets go by"
                p = None
            else:  # 'Ars' in an Ars Technica article is that outlet, on its page
                if source.is_outlet or named != label:
                    page = outlet_page(named, path)
                    p = page.path
                else:
                    p = address(source_path(named), "source", named)
                    page = entity("source", p, named, source.type)
                appear(page, article, path, detail, first.sentence if first else None)
            if p is not None:
                source_paths[(label, source.anonymous)] = p
            via = outlet_meant(source.via, ex.sentences, article.outlet) if source.via else None
            if via:  # "told the Times" only where the article says which Times (link.outlet_meant)
                via_page = outlet_page(via, path)
                source_paths.setdefault((source.via, False), via_page.path)
                appear(via_page, article, path,
                       f"spoken to by {source.name or source.descriptor}", first.sentence if first else None)
        if article.outlet:
            own = outlet_page(article.outlet, path)
            source_paths.setdefault((article.outlet, False), own.path)
            appear(own, article, path, "published this article", None)
        for tag in article.tags:
            tp = address(tag_path(tag), "tag", tag)
            tag_paths[tag] = tp
            appear(entity("tag", tp, tag, "tag"), article, path, None, None)
        summary, groups = sourcing_summary(article)
        pages.append(ArticlePage(article, path, actor_paths, place_paths, source_paths, tag_paths, summary, groups,
                                 [by_slug[s] for s in article.versions if s in by_slug], uncertain=uncertain,
                                 actor_kinds=actor_kinds))
    months: dict[str, list[Article]] = defaultdict(list)
    undated = []
    for article in articles:
        if article.date:
            months[article.date[:7]].append(article)
        else:
            undated.append(article)
    for page in entities.values():  # one row per article (``appear``), newest first
        page.total = len(page.appearances) - len(outlet_only.get(page.path, ()))
        page.appearances = page.appearances[:MAX_APPEARANCES]  # newest first; the rest are in the data
    ordered = sorted(entities.values(), key=lambda e: e.path)
    return Site(pages, ordered, dict(sorted(months.items(), reverse=True)), undated, capped, linking)


# Pages the search index holds at most. Pagefind's first query downloads a list of every indexed page
# (about 6.5 bytes a page, gzip) on top of a fixed ~137 KB (its runtime and dialog) and the query's index
# chunks, measured in chromium by bench/search_bytes.py on the 10,000-article bench site (6 December
# 2026): 20,165 indexed pages gave 306.6 KB gzip for the first query, over issue 17's 300 KB; the same
# site with 16,000 pages indexed (this rule) 282.9 KB.
SEARCH_PAGE_BUDGET = 16_000


def mark_searchable(site: Site, budget: int | None = None) -> None:
    """Keep the search index within ``budget`` pages: every article is indexed, and entity pages
    (actors, places, sources, tags) by how many articles they tie together, most first, while
    there is room (``budget``: ``SEARCH_PAGE_BUDGET`` unless given). Below it every page is indexed; above it, an entity left out is still
    found through the articles that name it. Ties go by path, so the choice is the same on every
    build. Sets ``EntityPage.searchable``; the templates mark only searchable pages for Pagefind.
    """
    room = max(0, (SEARCH_PAGE_BUDGET if budget is None else budget) - len(site.articles))
    ranked = sorted(site.entities, key=lambda e: (-e.total, e.path))
    for rank, entity in enumerate(ranked):
        entity.searchable = rank < room


def most_mentioned(items: list, limit: int = MAX_CROSS_LINKED) -> list:
    """The ``limit`` most mentioned of an article's actors or places (all of them when there are
    no more), in the article's order. Ties keep the article's order, as ``main_items`` does, so the
    home page's main items always have pages."""
    if len(items) <= limit:
        return items
    keep = {id(item) for item in sorted(items, key=lambda item: -item.mentions)[:limit]}
    return [item for item in items if id(item) in keep]


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_PREVIEW else text[:QUOTE_PREVIEW].rsplit(" ", 1)[0] + "…"


def coordinates(lat: float | None, lon: float | None) -> str:
    """'25.29, 51.53', or '—' when either is unknown (None, NaN or infinite)."""
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return "—"
    return f"{lat:.2f}, {lon:.2f}"


def figure_value(fig: Figure) -> str:
    """'up to 24', '$5,000,000', '12%', '40–60 tonnes' for a range; '—' for a value that is NaN or infinite."""
    from .render import format_number

    if isinstance(fig.value, float) and not math.isfinite(fig.value):
        return "—"
    number = format_number(fig.value)
    high = fig.value_high
    if high is not None and not (isinstance(high, float) and not math.isfinite(high)):
        number += "–" + format_number(high)  # a range reads as one figure: '40–60 trucks', '5–7%'
    if fig.unit == "%":
        number += "%"
    elif fig.unit and len(fig.unit) == 3 and fig.unit.isupper():
        number = f"{fig.unit} {number}"
    elif fig.unit:
        number = f"{number} {fig.unit}"
    return f"{fig.qualifier} {number}" if fig.qualifier else number


def shown_figures(figures: list[Figure]) -> list[Figure]:
    """The figures a page lists: a range once, as '40–60'.

    The contract also lists a range's top end as a figure of its own (README, ``value_high``), so
    a program reading only ``value`` sees both ends; on a page that entry would repeat the range.
    """
    tops = {(f.sentence, f.text, f.value_high) for f in figures if f.value_high is not None}
    return [f for f in figures if f.value_high is not None or (f.sentence, f.text, f.value) not in tops]


def main_items(article: Article, page: ArticlePage | None = None) -> tuple[list[Actor], list[Location]]:
    """The article's most mentioned actors and places (at most ``MAIN_ITEMS`` each), for the home page.

    With its ``page``, only those that have a cross-article page (``link``'s confidence bar), each
    entity once (two names of one entity in an article share one page).
    """
    ex = article.extraction
    actors = sorted(ex.actors, key=lambda a: -a.mentions)
    places = sorted(ex.locations, key=lambda loc: -loc.mentions)
    if page is not None:
        seen: set[str] = set()
        actors = [a for a in actors if (p := page.actor_paths.get((a.name, a.type))) and not (p in seen or seen.add(p))]
        places = [loc for loc in places if place_key(loc) in page.place_paths]
    return actors[:MAIN_ITEMS], places[:MAIN_ITEMS]


def identity_facts(ident) -> list[tuple[str, str]]:
    """The facts table of an actor's page: its type, other names, and what linking rested on."""
    facts = [("Type", ident.kind)]
    if ident.aliases:
        facts.append(("Also written", ", ".join(ident.aliases[:12]) + (" …" if len(ident.aliases) > 12 else "")))
    facts.append(("Why this entry", "; ".join(ident.evidence[-6:])))
    return facts


MAX_QUOTE_LINKS = 12  # rows of "quoted by" / "quotes" on one page


def cited_sources(sources: list[Source]) -> list[tuple[Source, Source]]:
    """Pairs (citer, cited) of one article's sources where the cited one speaks inside the citer's words.

    A nested attribution — "The mayor said the police chief had told her the road would stay closed"
    — gives two sources of one sentence: the mayor, whose reported words are "the police chief had
    told her the road would stay closed", and the police chief, whose words "the road would stay
    closed" lie inside them. So B is cited by A when a quote of B has the same sentence as a quote of
    A and its text is a strict part of A's. Only a named citer is kept (an unnamed source's page is
    shared by all of them); the cited one may be unnamed ("engineers"). Quoted words inside a direct
    quote are not attributed by the extractor, so they give no pair. Returns pairs in source order,
    each once.
    """
    pairs: list[tuple[Source, Source]] = []
    for a in sources:
        if a.anonymous or not a.name:
            continue
        spans = [(q.sentence, " ".join(q.text.split())) for q in a.quotes]
        for b in sources:
            if b is a or (b.name and b.name == a.name):
                continue
            if any(qb.sentence == sa and 0 < len(tb := " ".join(qb.text.split())) < len(ta) and tb in ta
                   for qb in b.quotes for sa, ta in spans):
                pairs.append((a, b))
    return pairs


def add_connections(site: Site) -> Site:
    """What ties pages together beyond the article lists, computed on a built ``Site`` (in place):

    * each article's related articles (``related.related``: shared actors and places, time; the
      versions of one story count as one) and the places of its map (those with coordinates);
    * each actor and place page's timeline (articles per month, over all its articles, not only
      the listed ones) and, for actors, the distinct roles it held, and the outlets that quote it
      (articles in which it is a named source, by the article's outlet or the outlet it spoke to);
    * whom each named source quotes in its own words: a source whose reported words, in the same
      sentence, lie inside this source's ("The mayor said the police chief had told her the road
      would stay closed": the mayor cites the police chief), from ``cited_sources``;
    * each outlet's sources (whom its articles quote) and each source page's sourcing counts:
      an outlet over the articles it published (or, if none, those that cite it), any other
      source over the articles it appears in;
    * each place page's coordinates, for its map and the Places index's.

    Reads only ``ArticlePage``'s paths to entity pages, so it works with however ``build_site``
    assigns them. Linear in the articles' entities (``related`` uses an inverted index).
    """
    from .related import related  # related.py imports name_key from here

    by_path = {e.path: e for e in site.entities}
    by_slug = {p.article.slug: p for p in site.articles}
    months: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    roles: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # page → role key → articles
    role_names: dict[tuple[str, str], str] = {}
    quoted_by: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # actor page → outlet → articles
    quotes: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # outlet page → source → articles
    cites: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # source's page → whom it cites → articles
    links: dict[str, str] = {}  # outlet or source name → its page
    published: dict[str, list[Article]] = defaultdict(list)  # outlet page → its articles
    appears: dict[str, list[Article]] = defaultdict(list)  # source page → articles it appears in
    for page in site.articles:
        article, ex = page.article, page.article.extraction
        month = article.date[:7] if article.date else None
        entity_paths = {*page.actor_paths.values(), *page.place_paths.values()}
        for path in entity_paths:
            if month:
                months[path][month] += 1
            elif path in by_path:
                by_path[path].undated += 1
        for actor in ex.actors:
            path = page.actor_paths.get((actor.name, actor.type))
            if path and actor.role:
                key = " ".join(actor.role.casefold().split())
                role_names.setdefault((path, key), actor.role)
                roles[path][key].add(article.slug)
        for (label, anonymous), path in page.source_paths.items():
            links.setdefault(label, path)
            links.setdefault(outlet_title(label), path)  # "NYT" in front-matter: its page is The New York Times's
            if path not in appears or appears[path][-1] is not article:
                appears[path].append(article)
        outlet_path = page.source_paths.get((article.outlet, False)) if article.outlet else None
        if outlet_path:
            published[outlet_path].append(article)
        actor_by_key = {name_key(a.name): page.actor_paths.get((a.name, a.type)) for a in ex.actors}
        for source in ex.sources:
            if source.anonymous or not source.name or source.is_outlet:
                continue
            quoters = {outlet_title(o) for o in (article.outlet, source.via) if o}
            actor_page = actor_by_key.get(name_key(source.name))
            if actor_page:
                for outlet in quoters or {"outlet not given"}:
                    quoted_by[actor_page][outlet].add(article.slug)
            if outlet_path:
                quotes[outlet_path][source.name].add(article.slug)
        for citer, cited in cited_sources(ex.sources):
            citer_page = page.source_paths.get((citer.name or citer.descriptor or "", citer.anonymous))
            if citer_page and citer_page != ANONYMOUS_PAGE:
                cites[citer_page][cited.name or cited.descriptor or ""].add(article.slug)
        page.map_places = [(loc.name, loc.lat, loc.lon, page.place_paths.get(place_key(loc)))
                           for loc in sorted(ex.locations, key=lambda loc: -loc.mentions)
                           if loc.lat is not None and loc.lon is not None
                           and math.isfinite(loc.lat) and math.isfinite(loc.lon)]
        for loc in ex.locations:
            path = page.place_paths.get(place_key(loc))
            entity = by_path.get(path) if path else None
            if (entity is not None and entity.coordinates is None and loc.lat is not None and loc.lon is not None
                    and math.isfinite(loc.lat) and math.isfinite(loc.lon)):
                entity.coordinates = (loc.lat, loc.lon)

    def ranked(counts: dict[str, set]) -> list[tuple[str, int, str | None]]:
        rows = sorted(((name, len(slugs)) for name, slugs in counts.items()), key=lambda r: (-r[1], r[0].casefold(), r[0]))
        return [(name, n, links.get(name)) for name, n in rows[:MAX_QUOTE_LINKS]]

    for entity in site.entities:
        if entity.kind in ("actor", "place"):
            entity.timeline = dict(sorted(months.get(entity.path, {}).items()))
        if entity.kind == "actor":
            entity.roles = sorted(((role_names[(entity.path, key)], len(slugs))
                                   for key, slugs in roles.get(entity.path, {}).items()),
                                  key=lambda r: (-r[1], r[0].casefold(), r[0]))
            entity.quoted_by = ranked(quoted_by.get(entity.path, {}))
        if entity.kind in ("actor", "source"):
            entity.cites = ranked(cites.get(entity.path, {}))
        if entity.kind == "source" or entity.sourcing is not None:  # an outlet's page, either kind
            counts = SourcingCounts()
            for article in published.get(entity.path) or appears.get(entity.path, []):
                counts.add(article)
            entity.sourcing = counts
            entity.quotes = ranked(quotes.get(entity.path, {}))
    for slug, items in related([p.article for p in site.articles]).items():
        by_slug[slug].related = [(by_slug[other], reason) for other, reason in items]
    return site


@dataclass
class KeyFact:
    """One line of an article's key facts: a label ('Figure', 'Who', 'Where'), the fact as text, and
    the sentence it comes from (its evidence link), when known."""

    label: str
    text: str
    sentence: int | None


def key_facts(article: Article) -> list[KeyFact]:
    """Up to three facts for the story header, each from a different panel, in the order a reader
    asks (what, who, where):

    - **Figure**: the figure mentioned first that says what it counts ('at least 19 people', 'GBP
      48,000,000 (terminal)'; not 'two years', whose object is its unit). News
      puts its key number high (inverted pyramid); a bare number ('12') tells nothing on its own,
      and a range is one fact ('40–60 trucks'), as in the Key figures table.
    - **Who**: the most mentioned person (ties: the first named), with the role the article gives
      ('Karoline Leavitt, White House press secretary'); an organisation only if no person is named.
    - **Where**: the most mentioned place (ties: the first), with its country code when it is not
      a country itself ('Gaza (PS)').

    A fact that is missing is left out, never filled with a placeholder; the panels below hold the rest.
    """
    ex = article.extraction
    facts = []
    # what it counts must add to the number: 'two years' has the object 'years', its own unit
    with_object = [f for f in shown_figures(ex.figures)
                   if f.object and f.object.casefold() not in figure_value(f).casefold()]
    if with_object:
        top = min(with_object, key=lambda f: f.sentence)
        value = figure_value(top)  # '240 families' reads as it is; '£' or '%' amounts name what they are of
        facts.append(KeyFact("Figure", f"{value} {top.object}" if not top.unit else f"{value} ({top.object})",
                             top.sentence))
    people = [a for a in ex.actors if a.type == "person"] or list(ex.actors)
    if people:
        main = max(people, key=lambda a: (a.mentions, -(a.sentences[0] if a.sentences else 1 << 30)))
        facts.append(KeyFact("Who", f"{main.name}, {main.role}" if main.role else main.name,
                             main.sentences[0] if main.sentences else None))
    if ex.locations:
        place = max(ex.locations, key=lambda p: (p.mentions, -(p.sentences[0] if p.sentences else 1 << 30)))
        where = place.name if place.type == "country" or not place.country_code else f"{place.name} ({place.country_code})"
        facts.append(KeyFact("Where", where, place.sentences[0] if place.sentences else None))
    return facts


def standfirst(article: Article) -> str | None:
    """The line shown under an article's title on cards: its front-matter summary; else its lede,
    unless the title was cut from that very sentence (then the lede would repeat the title), in
    which case the sentence after it; None when there is no such sentence.

    A title cut from a later sentence (the lede was a caption) is found the same way: the first
    sentence from the lede on that holds the title's words."""
    if article.summary:
        return article.summary
    ex = article.extraction
    sentences = ex.sentences
    if article.title != ex.lede_title:  # a front-matter title: the lede says something else
        return article.lede or None
    words = _words(article.title)
    for i in range(ex.lede_sentence, min(len(sentences), ex.lede_sentence + 4)):
        if words and words <= _words(sentences[i]):
            return sentences[i + 1] if i + 1 < len(sentences) else None
    return article.lede or None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))
