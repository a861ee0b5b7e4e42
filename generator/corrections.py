"""Front-matter corrections, applied on top of the (cached) extraction without re-parsing.

Each correction names the entry it changes; one that matches nothing is reported by
``check`` so a contributor knows their fix did not take. Every field set by hand is
recorded in the entry's ``corrected`` list, which the page shows as a marker.
"""
from __future__ import annotations

import copy
import re

from .errors import Problem
from .models import Actor, Extraction, Figure, Location, Source
from .schema import ActorCorrection, FigureCorrection, FrontMatter, LocationCorrection, SourceCorrection


def _norm(text: str | None) -> str:
    text = (text or "").replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


# (section, index, name, was an exclusion — or, for a correction that matched but cannot hold, what is wrong)
Unmatched = tuple[str, int, str, bool | str]


def apply(extraction: Extraction, fm: FrontMatter) -> tuple[Extraction, list[Unmatched]]:
    """Return the corrected extraction and the corrections that matched nothing."""
    if not (fm.actors or fm.locations or fm.figures or fm.sources):
        return extraction, []
    ex = copy.deepcopy(extraction)
    unmatched: list[Unmatched] = []
    for i, c in enumerate(fm.actors):
        if not _correct_actor(ex, c):
            unmatched.append(("actors", i, c.name, c.exclude))
    for i, c in enumerate(fm.locations):
        if not _correct_location(ex, c):
            unmatched.append(("locations", i, c.name, c.exclude))
    for i, c in enumerate(fm.figures):
        if not _correct_figure(ex, c):
            unmatched.append(("figures", i, c.text, c.exclude))
    for i, c in enumerate(fm.sources):
        result = _correct_source(ex, c)
        if result is not True:
            unmatched.append(("sources", i, c.name, result or c.exclude))
    return ex, unmatched


def _find(items, name: str, names_of):
    wanted = _norm(name)
    return next((item for item in items if wanted in {_norm(n) for n in names_of(item)}), None)


def _correct_actor(ex: Extraction, c: ActorCorrection) -> bool:
    return _correct_entity(ex.actors, c, ("type", "role"), Actor)


def _correct_location(ex: Extraction, c: LocationCorrection) -> bool:
    return _correct_entity(ex.locations, c, ("type", "country_code", "lat", "lon"), Location)


def _correct_entity(items: list, c: ActorCorrection | LocationCorrection, fields: tuple[str, ...], new) -> bool:
    """Remove, add or amend the actor or location that a correction names (by its name or an alias)."""
    item = _find(items, c.name, lambda x: [x.name, *x.aliases])
    if c.exclude:
        if item is None:
            return False
        items.remove(item)
        return True
    if item is None:
        if c.type is None:  # a correction that adds an entry must say what it is
            return False
        item = new(name=c.name, type=c.type, corrected=["name"])
        items.append(item)
    for field in fields:
        if getattr(c, field) is not None:
            setattr(item, field, getattr(c, field))
            if field not in item.corrected:
                item.corrected.append(field)
    if c.aliases:
        item.aliases = sorted(set(item.aliases) | set(c.aliases))
        item.corrected.append("aliases")
    return True


def _correct_figure(ex: Extraction, c: FigureCorrection) -> bool:
    wanted = _norm(c.text)
    fig: Figure | None = next((f for f in ex.figures if wanted == _norm(f.text)), None) or next(
        (f for f in ex.figures if wanted in _norm(f.text) or _norm(f.text) in wanted), None)
    if fig is None:
        return False
    if c.exclude:
        ex.figures.remove(fig)
        return True
    for field in ("value", "qualifier", "unit", "object"):
        if getattr(c, field) is not None:
            setattr(fig, field, getattr(c, field))
            fig.corrected.append(field)
    return True


def _correct_source(ex: Extraction, c: SourceCorrection) -> bool | str:
    """Exclude, rename or (un)anonymise the source a correction names. True when done, False when no
    source matches, or what is wrong when the change cannot hold (nothing is changed then).

    The kinds' rules (``models.SourceKind``, checked on every cache entry by ``analyse``) hold after
    it: a source made anonymous is an unnamed person or an unnamed body (a document or an outlet is
    on the record and cannot be made anonymous), and one named again is a named person or a body."""
    source: Source | None = _find(ex.sources, c.name, lambda s: [s.name or "", s.descriptor or ""])
    if source is None:
        return False
    if c.exclude:
        ex.sources.remove(source)
        return True
    anonymous = c.anonymous if c.anonymous is not None else (False if c.rename is not None else None)
    if anonymous and source.kind in ("document", "outlet"):
        return (f"a source of kind {source.kind!r} is on the record, so it cannot be anonymous — remove "
                "'anonymous: true', or 'exclude: true' if it is no source")
    if anonymous is False and not (c.rename or source.name) and source.kind == "unnamed":
        return ("an unnamed person cannot be made not anonymous (nobody would be named) — give 'rename:' "
                "with the person's name, or remove 'anonymous: false'")
    if c.rename is not None:
        source.name = c.rename
        source.corrected.append("name")
    if anonymous is not None:
        source.anonymous = anonymous
        if c.anonymous is not None:
            source.corrected.append("anonymous")
        if anonymous and source.name and not source.descriptor:
            source.descriptor, source.name = source.name, None
        if anonymous:  # an unnamed person, or an unnamed body ("police")
            source.kind = "unnamed" if source.type == "person" else "body"
        elif source.kind in ("unnamed", "person", "body"):  # named (again): a named person, or a body
            source.kind = "person" if source.type == "person" and source.name else "body"
    return True


def unmatched_problems(path: str, unmatched: list[Unmatched], lines: dict[tuple, tuple[int, int]],
                       default_line: int) -> list[Problem]:
    """An edit that matches nothing is an error; an exclusion of something absent only a warning."""
    out = []
    for section, index, name, exclusion in unmatched:
        line, column = lines.get((section, index), (default_line, 1))
        if isinstance(exclusion, str):  # it matched, but the change cannot hold: the message says why
            what, _, fix = exclusion.partition(" — ")
            out.append(Problem(path, line, column, f"{section}[{index}]", f"{name!r}: {what}", fix))
            continue
        if exclusion:
            out.append(Problem(path, line, column, f"{section}[{index}]",
                               f"{name!r} is not in the extraction, so there is nothing to exclude",
                               "remove this correction if the page is already right", warning=True))
            continue
        hint = "check the spelling against the page" + (
            ", or give 'type:' to add a new entry" if section in ("actors", "locations") else "")
        out.append(Problem(path, line, column, f"{section}[{index}]",
                           f"correction {name!r} matches nothing in the extraction", hint))
    return out
