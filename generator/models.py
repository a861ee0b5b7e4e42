"""The typed data model, in one place.

Data flows one way: ``Seed`` (parsed file) → ``Extraction`` (what NLP found in the
body) → ``Article`` (extraction + front-matter metadata + corrections) → page
models → Markdown.  Everything here is plain dataclasses so it serialises to the
JSON extraction contract (README.md, "How the pipeline is laid out") without surprises.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

ActorType = Literal["person", "organisation"]


def asdict(value: Any) -> Any:
    """``dataclasses.asdict`` of our models, with the same result (field order, lists copied, tuples kept
    as tuples), about four times faster: the standard one deep-copies every string and number, which
    cannot change, and looks up each class's fields again for every object (it was a third of the
    page render at 10,000 articles). Any other value is deep-copied, as the standard one does."""
    if type(value) in _IMMUTABLE:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
        return {name: asdict(getattr(value, name)) for name in names}
    if type(value) in (list, tuple):
        return type(value)(asdict(v) for v in value)
    if type(value) is dict:
        return {asdict(k): asdict(v) for k, v in value.items()}
    return copy.deepcopy(value)


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
LocationType = Literal["country", "city", "region", "facility", "other"]


@dataclass
class Seed:
    """A seed file split into front-matter and body, before any NLP."""

    path: str
    front_matter: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line in the file
    # (line, column) in the file of each front-matter path, e.g. ("actors", 0, "name")
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Actor:
    name: str
    type: ActorType
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    sentences: list[int] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)  # fields set from front-matter
    # The fullest name the article itself writes, when ``name`` is our lists' name for a body the article
    # only gives by another ("ABC" for the Australian Broadcasting Corporation): the extraction contract's
    # name (``contract_actor``). ``name`` stays the lists' name, which the site shows and links by.
    written: str | None = None


def contract_actor(actor: Actor) -> dict[str, Any]:
    """An actor as the extraction contract gives it: under the fullest name the article writes
    (``Actor.written`` when set), the lists' name then among the aliases; no ``written`` key."""
    return _as_written(actor, alias_order=lambda a: (a.lower(), a))


def _as_written(item: Any, alias_order: Any = None) -> dict[str, Any]:
    """``item`` (an Actor or a Location) as data under its ``written`` name when that is set and differs,
    its own ``name`` then among the aliases (in ``alias_order``); the ``written`` key dropped."""
    data = asdict(item)
    written = data.pop("written")
    if written and written != item.name:
        data["name"] = written
        data["aliases"] = sorted({*item.aliases, item.name} - {written}, key=alias_order)
    return data


@dataclass
class Location:
    name: str
    type: LocationType
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    sentences: list[int] = field(default_factory=list)
    resolution: str | None = None  # why this reading of an ambiguous name was chosen
    corrected: list[str] = field(default_factory=list)
    # The fullest name the article itself gives the place, when that is not ``name`` ("Tenn." for
    # Tennessee, "Copperbelt Province"): the extraction contract's name (``contract_location``).
    # ``name`` stays the gazetteer's, which the site shows and links across articles by.
    written: str | None = None


def contract_location(loc: Location) -> dict[str, Any]:
    """A place as the extraction contract gives it: under the fullest name the article gives it
    (``Location.written`` when set), the gazetteer's name then among the aliases; no ``written`` key."""
    return _as_written(loc)


@dataclass
class Figure:
    value: float | int
    qualifier: str | None
    unit: str | None
    object: str | None
    text: str
    sentence: int
    # The top of a range ("between 40 and 60 trucks", "5–7%"): ``value`` is its low end, and both ends
    # share the unit and the object; None when the figure is one number. The high end is also listed as a
    # figure of its own, so a reader of ``value`` alone still sees both ends.
    value_high: float | int | None = None
    sentences: list[int] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    direct: bool
    cue: str | None
    sentence: int


# What an editor keeps apart in a sourcing panel: a named person; an unnamed person (``descriptor`` holds the
# article's words); a body — an organisation or institution, named ("the interior ministry") or not ("police",
# "unions"); a document ("the report", "court filings"); an outlet ("The Times found", or spoken to, ``via``).
SourceKind = Literal["person", "unnamed", "body", "document", "outlet"]


@dataclass
class Source:
    name: str | None
    descriptor: str | None
    anonymous: bool  # only an unnamed person or an unnamed body is anonymous
    type: ActorType
    via: str | None = None
    is_outlet: bool = False
    quotes: list[Quote] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    # None only while constructing: a Source made without one gets the kind its other fields imply
    kind: SourceKind | None = None

    def __post_init__(self) -> None:
        if self.kind is None:
            self.kind = source_kind(self.name, self.anonymous, self.type, self.is_outlet)


def source_kind(name: str | None, anonymous: bool, type: str, is_outlet: bool) -> SourceKind:
    """The kind the other fields imply, for a Source built without one (old code, hand corrections): an outlet,
    else a person named or not, else a body. A document is told only by the extractor, from the words."""
    if is_outlet:
        return "outlet"
    if type == "person":
        return "unnamed" if anonymous or not name else "person"
    return "body"


@dataclass
class Extraction:
    """What the NLP stage finds in an article body; cached by content."""

    sentences: list[str]
    paragraphs: list[list[int]]  # sentence indexes per paragraph
    lede_title: str
    actors: list[Actor] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # "Additional reporting by …" lines
    lede_sentence: int = 0  # 1 when the body opens with a wire dateline

    def to_dict(self) -> dict[str, Any]:
        """The extraction as plain data (the cache's entry). ``written`` is left out where it is None, as
        most actors' and places' is: ``from_dict`` and the cache's loader default it, and an entry for an
        article of thousands of names stays well under ``analyse.MAX_ENTRY_BYTES``."""
        data = asdict(self)
        for item in (*data["actors"], *data["locations"]):
            if item.get("written") is None:
                item.pop("written", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        return cls(
            sentences=list(data["sentences"]),
            paragraphs=[list(p) for p in data["paragraphs"]],
            lede_title=data["lede_title"],
            actors=[Actor(**a) for a in data["actors"]],
            locations=[Location(**loc) for loc in data["locations"]],
            figures=[Figure(**f) for f in data["figures"]],
            sources=[
                Source(**{**s, "quotes": [Quote(**q) for q in s["quotes"]]}) for s in data["sources"]
            ],
            credits=list(data["credits"]),
            lede_sentence=int(data.get("lede_sentence", 0)),
        )


@dataclass
class Article:
    """One article ready for pages: metadata from front-matter plus the corrected extraction."""

    source_file: str
    slug: str
    title: str
    date: str | None
    outlet: str | None
    url: str | None
    authors: list[str]
    tags: list[str]
    summary: str | None
    language: str
    draft: bool
    extraction: Extraction
    # Set by ``load_articles`` once every seed is read (``generator.duplicates``, ``article.settle_slugs``):
    slug_given: bool = False  # the slug is the front-matter's 'slug:', not derived from the title
    duplicate_of: str | None = None  # source file of the same text, published instead of this one
    also_filed: list[str] = field(default_factory=list)  # source files of this text's unpublished copies
    versions: list[str] = field(default_factory=list)  # slugs of other versions of the story, newest first
    versions_total: int = 0  # other versions in all (``versions`` lists at most duplicates.MAX_VERSIONS)

    @property
    def lede(self) -> str:
        ex = self.extraction
        return ex.sentences[ex.lede_sentence] if len(ex.sentences) > ex.lede_sentence else ""

    def contract(self) -> dict[str, Any]:
        """The ``extract --json`` object: every key present, unknowns as null or []."""
        ex = self.extraction
        return {
            "source_file": self.source_file,
            "slug": self.slug,
            "title": self.title,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "authors": self.authors,
            "tags": self.tags,
            "actors": [contract_actor(a) for a in ex.actors],
            "locations": [contract_location(loc) for loc in ex.locations],
            "figures": [asdict(f) for f in ex.figures],
            "sources": [asdict(s) for s in ex.sources],
            "credits": ex.credits,
            "sentences": ex.sentences,
        }
