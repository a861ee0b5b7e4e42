"""Corrections for the whole archive: ``corrections.yml`` fixes an entity once, in every article.

A seed's front-matter corrects its own article (``corrections``); this file is the maintainer's,
beside ``mkdocs.yml`` (``--corrections PATH`` names another). It lists entities:

    entities:
      - name: Crete                       # as the pages show it
        type: place                       # person | organisation | place (place = not an actor)
      - name: Robert F. Kennedy Jr.
        aliases: [Kennedy, RFK Jr]        # in every article, an entity named so is this one
      - name: Covid
        not_entity: true                  # removed as an actor or place everywhere

**Reading.** The file is read like a seed's front-matter, with the same defences (``seed``): a
regular file only (a symbolic link, FIFO or device is refused; ``seed.read_bounded``), at most
``seed.MAX_FILE_BYTES``, UTF-8, NFC, the YAML event stream checked for depth, alias bombs and
tags before it is composed (``seed.compose_yaml``), duplicate keys refused, YAML 1.2 scalars
(``seed.SeedLoader``). Then the schema (``schema.EntityCorrection``), then what the entries say
together (``_meaning_problems``): an entry that changes nothing, ``not_entity`` beside another
key, a name without a letter or digit, two entries for one name, one name made two entities, one
entity given two types. Every problem is a ``Problem`` (``file:line:column: key: what — fix``),
all of them at once, as one ``SeedError``; a missing or empty file is no corrections.

**Matching.** An entry matches an extracted actor, location or source by its *name* (what the
page shows), compared with ``pages.name_key`` (case, accents, spacing and separators do not
matter), the key that gives entities their pages. An alias is not looked for among an entity's
own aliases: when an article's extraction already joined "Kennedy" to a fuller name, that
article's evidence stands.

**Applying** (``apply``), to every article's extraction after the cache and before its
front-matter corrections, in this order:

1. ``not_entity``: actors and locations of that name go, and the name leaves alias lists. A source
   of that name stays a source (its quotes were still said by someone) but becomes an unnamed
   one, described in the article's words: it leaves the named-sources pages. A ``via`` of that
   name is dropped.
2. ``aliases`` and ``canonical``: an actor, location or source named by the entry's name or an
   alias takes the canonical name (default: the entry's name) and keeps the old one as an alias;
   one that now shares its name with another in the article merges into it (mentions summed,
   sentences and aliases joined; sources' quotes joined).
3. ``type``: ``person``/``organisation`` sets an actor's (and a named source's) type, and moves a
   location of that name to the actors; ``place`` moves an actor to the locations (its type,
   country and coordinates from the gazetteers when they know the name), merging into a location
   of that name if the article has one. A source stays a source whatever its type; one named by a
   place is an organisation (a town or country that speaks is its council or government).

Every field changed is listed in the item's ``corrected`` (the page marks it edited); a source's
``kind`` (where ``models.Source`` has one) is kept in step with what changed.

**Precedence.** The front-matter of one article wins for that article: an entry is not applied to
an article whose front-matter corrects any name the entry names (its name, an alias or its
canonical name), so the article's own correction sees the extraction as it was.

Because this runs after the extraction cache (and is not part of its key), changing the file
never re-parses an article; the build fingerprint includes it, so a build does notice it.
"""
from __future__ import annotations

import copy
import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, TypeVar

from pydantic import ValidationError

from . import seed as seed_io
from .corrections import _norm as front_matter_norm
from .errors import Problem, SeedError
from .models import Actor, Extraction, Location, Source
from .schema import ArchiveCorrectionsFile, EntityCorrection, FrontMatter

DEFAULT_PATH = Path("corrections.yml")
ENTRY_KEYS = tuple(EntityCorrection.model_fields)
FILE_KEYS = tuple(ArchiveCorrectionsFile.model_fields)


def key(name: str) -> str:
    """The matching key of a name: ``pages.name_key``, the key that gives an entity its page.

    Imported when first used: ``pages`` imports ``article``, which imports this module."""
    from .pages import name_key

    return name_key(name)


@dataclass
class ArchiveCorrections:
    """A valid corrections file, with its entries compiled into look-ups by ``key``.

    ``removed``: name key → entry index (``not_entity``). ``renamed``: name key → (canonical name,
    entry index), for every name and alias that is not already the canonical name as written.
    ``types``: canonical key → (type, entry index). ``positions``: (line, column) of each path in
    the file, e.g. ``("entities", 0, "name")``, for warnings.
    """

    path: str
    entries: list[EntityCorrection] = field(default_factory=list)
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    renamed: dict[str, tuple[str, int]] = field(default_factory=dict)
    types: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, entry in enumerate(self.entries):
            if entry.not_entity:
                self.removed[key(entry.name)] = i
                continue
            canonical = entry.canonical or entry.name
            for name in (entry.name, *entry.aliases):
                if key(name) != key(canonical):
                    self.renamed[key(name)] = (canonical, i)
            if entry.canonical is not None:  # also respells the canonical name itself ('Mcdonald's' → 'McDonald's')
                self.renamed[key(canonical)] = (canonical, i)
            if entry.type is not None:
                self.types[key(canonical)] = (entry.type, i)

    def names_of(self, index: int) -> list[str]:
        """Every name entry ``index`` speaks of: its name, aliases and canonical name."""
        entry = self.entries[index]
        return [entry.name, *entry.aliases, *([entry.canonical] if entry.canonical else [])]


# --- reading ---------------------------------------------------------------------------------

def load(path: str | Path | None = None) -> ArchiveCorrections:
    """The corrections file at ``path`` (default ``corrections.yml`` in the working folder).

    With no ``path`` given, a missing file means no corrections; a path given explicitly must
    exist. Raises ``SeedError`` with every problem found (``file:line:column``); never reads
    through a symbolic link, never more than ``seed.MAX_FILE_BYTES``.
    """
    required = path is not None
    path = Path(path) if path is not None else DEFAULT_PATH
    name = str(path)

    def refuse(message: str, hint: str) -> SeedError:
        return SeedError([Problem(name, 1, 1, None, message, hint)])

    if not os.path.lexists(path):
        if required:
            raise refuse("no such file", "check the path given to --corrections, or create the file")
        return ArchiveCorrections(name)
    try:
        raw = seed_io.read_bounded(path, seed_io.MAX_FILE_BYTES)
    except seed_io.Refused as exc:
        hint = {"link": "replace the link with the file itself; the corrections file is never read through a link",
                "size": "keep one entry per entity, and only the entities that need correcting"}.get(
            exc.reason, "the corrections file must be a regular text file")
        raise refuse(str(exc), hint) from None
    except OSError as exc:
        raise refuse(f"cannot read file ({exc.strerror})", "check the file's permissions") from None
    return parse(seed_io.decode(raw, name), name)


def parse(text: str, name: str) -> ArchiveCorrections:
    """Validate the text of a corrections file; ``SeedError`` with every problem, else the corrections."""
    try:
        seed_io.check_text(text, name, 1)
        node, aliases = seed_io.compose_yaml(text, name, 1)
    except SeedError as exc:
        raise SeedError([_reworded(p) for p in exc.problems]) from None
    problems = seed_io.key_problems(node, name, 1) + seed_io.scalar_problems(node, name, 1)
    try:
        data = seed_io.construct(node, text, name, 1)
    except SeedError as exc:
        raise SeedError(problems + exc.problems) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SeedError(problems + [Problem(name, 1, 1, None, "the file is not a mapping of keys to values",
                                            "start it with 'entities:' and list one '- name: …' entry per entity")])
    if "entities" in data and data["entities"] is None:  # 'entities:' with nothing under it yet
        data["entities"] = []
    positions = seed_io.node_positions(node, 1)
    sources = seed_io.node_sources(node, text)
    problems += _schema_problems(data, positions, name, sources, aliases)
    entries = _valid_entries(data)
    problems += _meaning_problems(entries, positions, name)
    if any(not p.warning for p in problems):
        raise SeedError(problems)
    return ArchiveCorrections(name, [entry for _, entry in entries], positions)


def _reworded(problem: Problem) -> Problem:
    """A problem the seed reader words for front-matter, worded for this file."""
    message = problem.message.replace("front-matter", "the corrections file")
    hint = problem.hint or ""
    if hint.startswith("a seed needs far fewer"):
        hint = (f"the file is limited to {seed_io.MAX_YAML_NODES:,} values: one entry per entity, and only "
                "the entities that need correcting")
    return replace(problem, message=message, hint=hint.replace("front-matter", "corrections file") or None)


def _schema_problems(data: dict, positions: dict, name: str, sources: dict, aliases: dict) -> list[Problem]:
    try:
        ArchiveCorrectionsFile.model_validate(data)
        return []
    except ValidationError as exc:
        errors = exc.errors()
    problems = []
    for err in errors:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("literal[", "function-"))))
        line, column = seed_io.nearest_position(loc, positions, 1)
        use = aliases.get(loc)
        message, hint = _describe(err, loc, data, f"*{use.anchor}" if use else sources.get(loc))
        if use is not None:
            line, column = use.line, use.column
            hint = (f"'*{use.anchor}' repeats the value anchored at line {use.anchor_line}; "
                    "write the value itself here instead of the alias")
        problems.append(Problem(name, line, column, seed_io.key_name(loc), message, hint))
    return problems


EMPTY_FIX = {
    "name": "write the name as the pages show it, or delete the entry",
    "canonical": "write the name the entity's page should have, or delete the line",
    "aliases": "write the alias, or delete the empty one",
}


def _describe(err: dict, loc: tuple, data: dict, source: str | None) -> tuple[str, str | None]:
    """(what is wrong, how to fix it), in this file's words; ``seed.describe`` for what is worded alike."""
    kind = err["type"]
    field_name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = list(FILE_KEYS if len(loc) <= 1 else ENTRY_KEYS)
        close = difflib.get_close_matches(field_name, allowed, n=1, cutoff=0.6)
        return "unknown key", f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
    if kind in ("string_too_short", "string_pattern_mismatch", "too_short"):
        what = str(loc[-2]) if isinstance(loc[-1], int) else field_name
        return "is empty", EMPTY_FIX.get(what, "write it, or delete the line")
    shown = repr(err.get("input")) if source is None else source if source[:1] in "'\"*" else f"'{source}'"
    if kind in ("model_type", "dict_type") and len(loc) == 2 and loc[0] == "entities":
        return (f"{shown} has the wrong type (expected a mapping of keys)",
                "write each entry as '- name: …' with its correction on the lines below, e.g. '  type: place'")
    if kind == "too_long" and isinstance(err.get("input"), list):
        limit = err.get("ctx", {}).get("max_length")
        return (f"lists {len(err['input']):,} {field_name}, more than {limit}",
                "keep the names articles really use; each is matched against every article")
    if kind == "literal_error" and field_name == "type":
        return f"{shown} is not allowed", \
            "use 'person', 'organisation' or 'place' (a place is not an actor)"
    return seed_io.describe(err, loc, data, source)


def _valid_entries(data: dict) -> list[tuple[int, EntityCorrection]]:
    """The entries the schema accepts, with their index in the file."""
    entries = data.get("entities")
    if not isinstance(entries, list):
        return []
    valid = []
    for i, raw in enumerate(entries):
        try:
            valid.append((i, EntityCorrection.model_validate(raw)))
        except ValidationError:
            pass  # reported by _schema_problems
    return valid


def _meaning_problems(entries: list[tuple[int, EntityCorrection]], positions: dict,
                      name: str) -> list[Problem]:
    """What valid entries say that cannot be done: see the module docstring, "Reading"."""
    problems: list[Problem] = []

    def at(i: int, *path) -> tuple[int, int]:
        return seed_io.nearest_position(("entities", i, *path), positions, 1)

    def report(i: int, path: tuple, message: str, hint: str) -> None:
        line, column = at(i, *path)
        problems.append(Problem(name, line, column, seed_io.key_name(("entities", i, *path)), message, hint))

    names: dict[str, int] = {}  # name key → entry index
    claims: dict[str, tuple[int, str | None]] = {}  # any name's key → (entry index, target key; None: removed)
    typed: dict[str, tuple[int, str]] = {}  # target key → (entry index, type)
    by_index = dict(entries)
    for i, entry in entries:
        if entry.not_entity:
            for extra in ("type", "aliases", "canonical"):
                if extra in entry.model_fields_set:
                    report(i, (extra,), f"'not_entity: true' removes {entry.name!r} everywhere, so '{extra}:' "
                           "has nothing to correct", f"delete '{extra}:', or delete 'not_entity:' to keep the "
                           "entity and correct it")
        elif entry.type is None and not entry.aliases and entry.canonical is None:
            report(i, ("name",), f"the entry for {entry.name!r} changes nothing",
                   "give 'type:', 'aliases:', 'canonical:' or 'not_entity: true', or delete the entry")
        spelled = [(("name",), entry.name)] + [(("aliases", j), a) for j, a in enumerate(entry.aliases)]
        if entry.canonical is not None:
            spelled.append((("canonical",), entry.canonical))
        blank = [(path, text) for path, text in spelled if not key(text)]
        for path, text in blank:
            report(i, path, f"{text!r} has no letter or digit",
                   "names are matched without case, accents and punctuation: write the name in letters or digits")
        if blank:
            continue
        first = names.get(key(entry.name))
        if first is not None:
            report(i, ("name",), f"{entry.name!r} already has an entry, at line {at(first, 'name')[0]}",
                   "keep one entry per entity: put its type, aliases and canonical name together")
            continue
        names[key(entry.name)] = i
        target = None if entry.not_entity else key(entry.canonical or entry.name)
        for path, text in spelled:
            other = claims.setdefault(key(text), (i, target))
            if other[1] != target:
                j, what = other
                does = "removes it (not_entity)" if what is None else \
                    f"makes it {(by_index[j].canonical or by_index[j].name)!r}"
                mine = "removes it" if target is None else f"makes it {(entry.canonical or entry.name)!r}"
                report(i, path, f"{text!r} is also named by the entry at line {at(j, 'name')[0]}, which {does}; "
                       f"this one {mine}", "one name can be one entity only: keep it in one of the two entries")
        if entry.type is not None and target is not None:
            previous = typed.setdefault(target, (i, entry.type))
            if previous[1] != entry.type:
                report(i, ("type",), f"the entry at line {at(previous[0], 'name')[0]} gives "
                       f"{(entry.canonical or entry.name)!r} the type {previous[1]!r}; this one {entry.type!r}",
                       "one entity has one type: keep one of them")
    return problems


# --- applying --------------------------------------------------------------------------------

def front_matter_names(fm: FrontMatter) -> frozenset[str]:
    """The names an article's front-matter corrects (actors', locations' and sources'), as
    ``_precedence_key``s: an archive entry naming any of them is not applied to that article."""
    names: list[str] = []
    for c in (*fm.actors, *fm.locations):
        names += [c.name, *c.aliases]
    for s in fm.sources:
        names += [s.name, *([s.rename] if s.rename else [])]
    return frozenset(_precedence_key(n) for n in names)


def _precedence_key(name: str) -> str:
    """Front-matter matching is looser (a leading "the", a possessive 's): both sides alike here."""
    return key(front_matter_norm(name))


T = TypeVar("T", Actor, Location, Source)


def apply(extraction: Extraction, archive: ArchiveCorrections | None,
          skip: frozenset[str] = frozenset()) -> Extraction:
    """``extraction`` with the archive's corrections applied (module docstring, "Applying").

    ``skip``: ``front_matter_names`` of the article; entries naming one of them are left out.
    Returns ``extraction`` itself when no entry matches anything in it, else a corrected copy.
    """
    if archive is None or not archive.entries:
        return extraction
    left_out = {i for i in range(len(archive.entries))
                if skip and any(_precedence_key(n) in skip for n in archive.names_of(i))}
    removed = {k for k, i in archive.removed.items() if i not in left_out}
    renamed = {k: name for k, (name, i) in archive.renamed.items() if i not in left_out}
    types = {k: kind for k, (kind, i) in archive.types.items() if i not in left_out}
    present = {key(n) for n in _names(extraction)}
    present |= {key(a) for item in (*extraction.actors, *extraction.locations) for a in item.aliases}
    if not present & (removed | renamed.keys() | types.keys()):
        return extraction
    ex = copy.deepcopy(extraction)
    _remove(ex, removed)
    _rename(ex, renamed)
    _retype(ex, types)
    return ex


def _names(ex: Extraction) -> list[str]:
    """The names an entry can match in one extraction: actors', locations' and sources' (and via)."""
    names = [a.name for a in ex.actors] + [loc.name for loc in ex.locations]
    names += [s.name for s in ex.sources if s.name] + [s.via for s in ex.sources if s.via]
    return names


def _mark(item: Actor | Location | Source, what: str) -> None:
    if what not in item.corrected:
        item.corrected.append(what)


def _remove(ex: Extraction, removed: set[str]) -> None:
    if not removed:
        return
    ex.actors = [a for a in ex.actors if key(a.name) not in removed]
    ex.locations = [loc for loc in ex.locations if key(loc.name) not in removed]
    for item in (*ex.actors, *ex.locations):
        kept = [alias for alias in item.aliases if key(alias) not in removed]
        if kept != item.aliases:
            item.aliases = kept
            _mark(item, "aliases")
    for source in ex.sources:
        if source.name and key(source.name) in removed:
            # still a source (someone said it), but not one to name: described in the article's words
            source.descriptor = source.descriptor or source.name
            source.name, source.is_outlet = None, False
            if getattr(source, "kind", None) == "document":
                source.anonymous = False  # "the Covid report" is still a document, and a document is never anonymous
            else:
                source.anonymous = True
                _set_kind(source, "unnamed" if source.type == "person" else "body")
            _mark(source, "name")
        if source.via and key(source.via) in removed:
            source.via = None
            _mark(source, "via")


def _rename(ex: Extraction, renamed: dict[str, str]) -> None:
    if not renamed:
        return
    changed: set[int] = set()
    for item in (*ex.actors, *ex.locations):
        new = renamed.get(key(item.name))
        if new is not None and new != item.name:
            if key(new) != key(item.name) and item.name not in item.aliases:
                item.aliases.append(item.name)
            item.name = new
            _mark(item, "name")
            changed.add(id(item))
    for source in ex.sources:
        new = renamed.get(key(source.name)) if source.name else None
        if new is not None and new != source.name:
            source.name = new
            _mark(source, "name")
            changed.add(id(source))
        via = renamed.get(key(source.via)) if source.via else None
        if via is not None and via != source.via:
            source.via = via
            _mark(source, "via")
    ex.actors = _merge_renamed(ex.actors, changed, _merge_entity)
    ex.locations = _merge_renamed(ex.locations, changed, _merge_entity)
    ex.sources = _merge_renamed(ex.sources, changed, _merge_source)


def _merge_renamed(items: list[T], changed: set[int], merge: Callable[[T, T], None]) -> list[T]:
    """Items that share a name once renamed become one: the one that had the name keeps it (else
    the first), in its place. Items alike before any renaming are left as the extraction made them."""
    groups: dict[str, list[T]] = {}
    for item in items:
        if item.name is not None and not getattr(item, "anonymous", False):
            groups.setdefault(key(item.name), []).append(item)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) < 2 or not any(id(item) in changed for item in group):
            continue
        keeper = next((item for item in group if id(item) not in changed), group[0])
        for item in group:
            if item is not keeper:
                merge(keeper, item)
                dropped.add(id(item))
    return [item for item in items if id(item) not in dropped]


def _merge_entity(keeper: Actor | Location, other: Actor | Location) -> None:
    """``other`` (the same entity under another name) into ``keeper``: mentions summed, sentences
    and aliases joined; a role or coordinates only ``other`` has are kept."""
    keeper.mentions += other.mentions
    keeper.sentences = sorted(set(keeper.sentences) | set(other.sentences))
    aliases = [*keeper.aliases, *other.aliases, other.name]
    keeper.aliases = sorted({a for a in aliases if key(a) != key(keeper.name)})
    for name in ("role", "country_code", "lat", "lon"):  # an actor merged into a place brings no role
        if hasattr(keeper, name) and getattr(keeper, name) is None and getattr(other, name, None) is not None:
            setattr(keeper, name, getattr(other, name))
    for what in other.corrected:
        _mark(keeper, what)
    _mark(keeper, "name")


def _merge_source(keeper: Source, other: Source) -> None:
    """One speaker under two names: their quotes together, in the article's order."""
    keeper.quotes = sorted([*keeper.quotes, *other.quotes], key=lambda q: q.sentence)
    keeper.via = keeper.via or other.via
    _mark(keeper, "name")


def _retype(ex: Extraction, types: dict[str, str]) -> None:
    if not types:
        return
    for actor in list(ex.actors):
        kind = types.get(key(actor.name))
        if kind is None:
            continue
        if kind == "place":
            ex.actors.remove(actor)
            location = next((loc for loc in ex.locations if key(loc.name) == key(actor.name)), None)
            if location is None:
                ex.locations.append(_as_location(actor))
            else:
                _merge_entity(location, actor)
                _mark(location, "type")
        elif actor.type != kind:
            actor.type = kind  # type: ignore[assignment]
            _mark(actor, "type")
    for location in list(ex.locations):
        kind = types.get(key(location.name))
        if kind not in ("person", "organisation"):
            continue
        ex.locations.remove(location)
        actor = next((a for a in ex.actors if key(a.name) == key(location.name)), None)
        if actor is None:
            actor = Actor(name=location.name, type=kind, aliases=list(location.aliases),  # type: ignore[arg-type]
                          mentions=location.mentions, sentences=list(location.sentences),
                          corrected=[*location.corrected])
            ex.actors.append(actor)
        else:
            actor.mentions += location.mentions
            actor.sentences = sorted(set(actor.sentences) | set(location.sentences))
            actor.type = kind  # type: ignore[assignment]
        _mark(actor, "type")
    for source in ex.sources:
        kind = types.get(key(source.name)) if source.name and not source.anonymous else None
        if kind == "place":
            kind = "organisation"  # a place that speaks is its council or government: a body, never a person
        if kind is not None and source.type != kind and not source.is_outlet:
            source.type = kind  # type: ignore[assignment]
            if getattr(source, "kind", None) in ("person", "body"):
                _set_kind(source, "person" if kind == "person" else "body")
            _mark(source, "type")


def _set_kind(source: Source, kind: str) -> None:
    """Sources that carry a ``kind`` (``models.SourceKind``) keep it in step with the fields changed here."""
    if getattr(source, "kind", None) is not None:
        source.kind = kind  # type: ignore[attr-defined]


def _as_location(actor: Actor) -> Location:
    """An actor that is a place, as a location: kind, country and coordinates from the gazetteers
    when they know the name (the same look-up extraction uses), else a place of type 'other'."""
    from .extract.locations import lookup

    reading = lookup(actor.name, "GPE", "")
    location = Location(name=actor.name, type="other", aliases=list(actor.aliases), mentions=actor.mentions,
                        sentences=list(actor.sentences), corrected=[*actor.corrected])
    if reading is not None and reading.type != "other":
        location.type = reading.type  # type: ignore[assignment]
        location.country_code, location.lat, location.lon = reading.country_code, reading.lat, reading.lon
    _mark(location, "type")
    return location


# --- reporting -------------------------------------------------------------------------------

def unmatched_problems(archive: ArchiveCorrections | None, extractions: list[Extraction]) -> list[Problem]:
    """A warning for each entry that names nothing in any of ``extractions`` (the whole archive,
    as extracted): a misspelt entry would otherwise do nothing without a word."""
    if archive is None or not archive.entries:
        return []
    present = {key(name) for ex in extractions for name in _names(ex)}
    out = []
    for i, entry in enumerate(archive.entries):
        if not any(key(n) in present for n in archive.names_of(i)):
            line, column = archive.positions.get(("entities", i, "name"), (1, 1))
            out.append(Problem(archive.path, line, column, f"entities[{i}]",
                               f"{entry.name!r} matches nothing in the archive",
                               "check the spelling against the pages (the whole name is matched, "
                               "without case or accents), or delete the entry", warning=True))
    return out
