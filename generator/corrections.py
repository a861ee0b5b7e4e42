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


Unmatched = tuple[str, int, str, bool]  # (section, index, name, was an exclusion)


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
        if not _correct_source(ex, c):
            unmatched.append(("sources", i, c.name, c.exclude))
    return ex, unmatched


def _find(items, name: str, names_of):
    wanted = _norm(name)
    return next((item for item in items if wanted in {_norm(n) for n in names_of(item)}), None)


def _correct_actor(ex: Extraction, c: ActorCorrection) -> bool:
    actor = _find(ex.actors, c.name, lambda a: [a.name, *a.aliases])
    if c.exclude:
        if actor is None:
            return False
        ex.actors.remove(actor)
        return True
    if actor is None:
        if c.type is None:  # a correction that adds an actor must say what it is
            return False
        ex.actors.append(Actor(name=c.name, type=c.type, role=c.role, aliases=list(c.aliases),
                               corrected=["name", "type"] + (["role"] if c.role else [])))
        return True
    for field in ("role", "type"):
        if getattr(c, field) is not None:
            setattr(actor, field, getattr(c, field))
            actor.corrected.append(field)
    if c.aliases:
        actor.aliases = sorted(set(actor.aliases) | set(c.aliases))
        actor.corrected.append("aliases")
    return True


def _correct_location(ex: Extraction, c: LocationCorrection) -> bool:
    loc = _find(ex.locations, c.name, lambda x: [x.name, *x.aliases])
    if c.exclude:
        if loc is None:
            return False
        ex.locations.remove(loc)
        return True
    if loc is None:
        if c.type is None:
            return False
        loc = Location(name=c.name, type=c.type, corrected=["name", "type"])
        ex.locations.append(loc)
    for field in ("type", "country_code", "lat", "lon"):
        if getattr(c, field) is not None:
            setattr(loc, field, getattr(c, field))
            if field not in loc.corrected:
                loc.corrected.append(field)
    if c.aliases:
        loc.aliases = sorted(set(loc.aliases) | set(c.aliases))
        loc.corrected.append("aliases")
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


def _correct_source(ex: Extraction, c: SourceCorrection) -> bool:
    source: Source | None = _find(ex.sources, c.name, lambda s: [s.name or "", s.descriptor or ""])
    if source is None:
        return False
    if c.exclude:
        ex.sources.remove(source)
        return True
    if c.rename is not None:
        source.name = c.rename
        source.corrected.append("name")
        if c.anonymous is None:
            source.anonymous = False
    if c.anonymous is not None:
        source.anonymous = c.anonymous
        source.corrected.append("anonymous")
        if c.anonymous and source.name and not source.descriptor:
            source.descriptor, source.name = source.name, None
    return True


def unmatched_problems(path: str, unmatched: list[Unmatched], lines: dict[tuple, tuple[int, int]],
                       default_line: int) -> list[Problem]:
    """An edit that matches nothing is an error; an exclusion of something absent only a warning."""
    out = []
    for section, index, name, exclusion in unmatched:
        line, column = lines.get((section, index), (default_line, 1))
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
