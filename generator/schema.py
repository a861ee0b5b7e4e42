"""The front-matter schema, validated with pydantic; documented key by key in CONTRIBUTING.md.

Types are strict (no silent ``"12"`` → 12.0 or ``1`` → ``True``) and numbers must be finite:
``.nan`` and ``.inf`` would reach the pages and the JSON data as ``NaN``/``Infinity``, which no
strict JSON parser reads. Text that must say something (a title, a name) must hold a
non-space character, and text that names something (a title, a tag, an author, a correction's
name) must hold a *visible* one: a title of only zero-width spaces or Hangul fillers would make a
blank link on every page. ``seed.describe`` turns each pydantic error into a message with a fix.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictStr, field_validator
from pydantic_core import PydanticCustomError

NOT_BLANK = r"\S"  # at least one character that is not a space
MAX_TAGS = 50  # each tag is a page; a seed needs a handful
MAX_AUTHORS = 50

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, stable since 6.0): what a
# renderer draws as nothing. Some of these are letters by category (U+3164 HANGUL FILLER is Lo),
# so the category test below does not catch them. Python's unicodedata has no such property and
# no pinned package offers it without a C extension (``regex``'s ``\p{DI}``), hence the table.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
    "\u2800]"  # BRAILLE PATTERN BLANK: a symbol by category, blank on screen
)
# spaces, controls, format characters, surrogates, unassigned, and marks with no base to sit on
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn", "Mn", "Me"}


def is_visible(char: str) -> bool:
    """Whether one character draws something on screen (a letter, digit, symbol, punctuation).

    Spaces, controls, format characters (U+200B, U+00AD, bidi controls, tag characters),
    combining marks on their own (U+034F, U+FE0F, U+0301) and the filler letters of Hangul and
    Braille (U+3164, U+115F, U+2800) are not.
    """
    return unicodedata.category(char) not in _INVISIBLE_CATEGORIES and not _IGNORABLE.match(char)


def has_visible(text: str) -> bool:
    """Whether ``text`` holds at least one visible character (``is_visible``)."""
    return any(is_visible(c) for c in text)


def _visible(text: str) -> str:
    """A text that is not blank must show something: spaces only are "empty", invisible only is this."""
    if text.strip() and not has_visible(text):
        shown = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(text) if not c.isspace())
        raise PydanticCustomError("invisible_text", "holds no visible character (only {shown})", {"shown": shown})
    return text


def _tag_text(text: str) -> str:
    """A tag names a page: it needs a letter or digit, or '.', '-' and '_' would all share one."""
    _visible(text)
    if not any(c.isalnum() for c in text):
        raise PydanticCustomError("no_alphanumeric", "has no letter or digit", {})
    return text


Text = Annotated[StrictStr, AfterValidator(_visible)]
Tag = Annotated[StrictStr, Field(min_length=1, pattern=NOT_BLANK), AfterValidator(_tag_text)]
Author = Annotated[StrictStr, Field(min_length=1, pattern=NOT_BLANK), AfterValidator(_visible)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorCorrection(_Strict):
    name: Text = Field(min_length=1, pattern=NOT_BLANK)
    role: Text | None = None
    type: Literal["person", "organisation"] | None = None
    aliases: list[Text] = []
    exclude: StrictBool = False


class LocationCorrection(_Strict):
    name: Text = Field(min_length=1, pattern=NOT_BLANK)
    type: Literal["country", "city", "region", "facility", "other"] | None = None
    country_code: StrictStr | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    lat: StrictFloat | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: StrictFloat | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    aliases: list[Text] = []
    exclude: StrictBool = False


class FigureCorrection(_Strict):
    text: Text = Field(min_length=1, pattern=NOT_BLANK)
    value: StrictFloat | None = Field(default=None, allow_inf_nan=False)
    qualifier: StrictStr | None = None
    unit: StrictStr | None = None
    object: StrictStr | None = None
    exclude: StrictBool = False


class SourceCorrection(_Strict):
    name: Text = Field(min_length=1, pattern=NOT_BLANK)  # matched against a source's name or descriptor
    rename: Text | None = None
    anonymous: StrictBool | None = None
    exclude: StrictBool = False


class FrontMatter(_Strict):
    title: Text | None = Field(default=None, min_length=1, max_length=300, pattern=NOT_BLANK)
    date: dt.date | None = None
    outlet: Text | None = Field(default=None, max_length=200)
    url: StrictStr | None = Field(default=None, max_length=2000)
    authors: list[Author] = Field(default=[], max_length=MAX_AUTHORS)
    tags: list[Tag] = Field(default=[], max_length=MAX_TAGS)
    summary: Text | None = Field(default=None, max_length=2000)
    slug: Text | None = Field(default=None, min_length=1, max_length=200, pattern=NOT_BLANK)
    language: StrictStr = "en"
    draft: StrictBool = False
    actors: list[ActorCorrection] = []
    locations: list[LocationCorrection] = []
    figures: list[FigureCorrection] = []
    sources: list[SourceCorrection] = []

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Dates arrive as text (``seed.SeedLoader`` has no implicit timestamps): ``YYYY-MM-DD`` only.

        Python's ``fromisoformat`` also reads ISO week dates (``2025-W01-1``), ordinal dates and
        the basic form (``20250101T1200``): none of them is what a contributor means to type, so
        only the calendar date in its extended form passes. ``date``/``datetime`` objects are
        still accepted, for callers that build front-matter in Python.
        """
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
        if value is not None and not isinstance(value, dt.date):
            raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
        return value


ARTICLE_KEYS = tuple(FrontMatter.model_fields)

EntityName = Annotated[StrictStr, Field(min_length=1, max_length=300, pattern=NOT_BLANK), AfterValidator(_visible)]


class EntityCorrection(_Strict):
    """One entry of the archive's corrections file (``corrections.yml``), applied to every article.

    ``name`` is matched against extracted names with ``pages.name_key``. ``type`` ``place`` means
    "not an actor": the entity becomes a location. ``aliases`` are other names that are this
    entity in every article; ``canonical`` the name its page takes (default: ``name``).
    ``not_entity`` removes it everywhere and allows no other key. What the entries say together
    (conflicts, entries that change nothing) is checked by ``archive_corrections``.
    """

    name: EntityName
    type: Literal["person", "organisation", "place"] | None = None
    aliases: list[EntityName] = Field(default=[], max_length=100)
    canonical: EntityName | None = None
    not_entity: StrictBool = False


class ArchiveCorrectionsFile(_Strict):
    """The whole corrections file: one list of entity entries (CONTRIBUTING.md, "Correcting an entity everywhere")."""

    entities: list[EntityCorrection] = []
