"""The front-matter schema, validated with pydantic; documented key by key in CONTRIBUTING.md.

Types are strict (no silent ``"12"`` → 12.0 or ``1`` → ``True``) and numbers must be finite:
``.nan`` and ``.inf`` would reach the pages and the JSON data as ``NaN``/``Infinity``, which no
strict JSON parser reads. Text that must say something (a title, a name) must hold a
non-space character. ``seed.describe`` turns each pydantic error into a message with a fix.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictStr, field_validator

NOT_BLANK = r"\S"  # at least one character that is not a space


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorCorrection(_Strict):
    name: StrictStr = Field(min_length=1, pattern=NOT_BLANK)
    role: StrictStr | None = None
    type: Literal["person", "organisation"] | None = None
    aliases: list[StrictStr] = []
    exclude: StrictBool = False


class LocationCorrection(_Strict):
    name: StrictStr = Field(min_length=1, pattern=NOT_BLANK)
    type: Literal["country", "city", "region", "facility", "other"] | None = None
    country_code: StrictStr | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    lat: StrictFloat | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: StrictFloat | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    aliases: list[StrictStr] = []
    exclude: StrictBool = False


class FigureCorrection(_Strict):
    text: StrictStr = Field(min_length=1, pattern=NOT_BLANK)
    value: StrictFloat | None = Field(default=None, allow_inf_nan=False)
    qualifier: StrictStr | None = None
    unit: StrictStr | None = None
    object: StrictStr | None = None
    exclude: StrictBool = False


class SourceCorrection(_Strict):
    name: StrictStr = Field(min_length=1, pattern=NOT_BLANK)  # matched against a source's name or descriptor
    rename: StrictStr | None = None
    anonymous: StrictBool | None = None
    exclude: StrictBool = False


class FrontMatter(_Strict):
    title: StrictStr | None = Field(default=None, min_length=1, max_length=300, pattern=NOT_BLANK)
    date: dt.date | None = None
    outlet: StrictStr | None = Field(default=None, max_length=200)
    url: StrictStr | None = Field(default=None, max_length=2000)
    authors: list[StrictStr] = []
    tags: list[StrictStr] = []
    summary: StrictStr | None = Field(default=None, max_length=2000)
    slug: StrictStr | None = Field(default=None, min_length=1, max_length=200, pattern=NOT_BLANK)
    language: StrictStr = "en"
    draft: StrictBool = False
    actors: list[ActorCorrection] = []
    locations: list[LocationCorrection] = []
    figures: list[FigureCorrection] = []
    sources: list[SourceCorrection] = []

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Dates arrive as text (``seed.SeedLoader`` has no implicit timestamps): ISO 8601 only.

        ``date``/``datetime`` objects are still accepted, for callers that build front-matter
        in Python.
        """
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError:
                raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
        if value is not None and not isinstance(value, dt.date):
            raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
        return value


ARTICLE_KEYS = tuple(FrontMatter.model_fields)
