"""Curated word lists and gazetteers under ``generator/data/``, loaded once per process.

The lists are data, not code: contributors extend them without touching the rules.
Their combined hash is part of the extraction cache key.
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _tsv(name: str) -> list[dict[str, str]]:
    rows = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(rows, delimiter="\t")]


def data_files_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(line.lower() for line in _lines(name))


def reporting_verbs() -> frozenset[str]:
    return word_set("reporting_verbs.txt")


@lru_cache(maxsize=None)
def speech_verbs() -> frozenset[str]:
    """Lemmas of speech and communication verbs (Levin 1993, class 37, plus news verbs such as
    "allege", "quip"), including ``reporting_verbs()``. Wider and looser than that list, so the
    sources rules trust them only with a clause of their own or right after a quote."""
    return word_set("speech_verbs.txt") | reporting_verbs()


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """Common given names, case-sensitive as written."""
    path = DATA_DIR / "first_names.txt"
    return frozenset(_lines("first_names.txt")) if path.exists() else frozenset()


@lru_cache(maxsize=1 << 16)
def is_first_name(word: str) -> bool:
    """'Eloïse' counts as 'Eloise': the list is mostly written without accents. Remembered per word: the
    rules ask about the same capitalised words over a thousand times per article."""
    if word in first_names():
        return True
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return folded != word and folded in first_names()


def role_nouns() -> frozenset[str]:
    return word_set("role_nouns.txt")


@lru_cache(maxsize=None)
def person_role_nouns() -> frozenset[str]:
    """Nouns that head a named person's role: ``role_nouns`` and ``data/person_role_nouns.txt`` (everyday
    occupations and relations that make no unnamed source and stay on a name; see that file)."""
    return role_nouns() | word_set("person_role_nouns.txt")


def anonymous_markers() -> frozenset[str]:
    return word_set("anonymous_sources.txt")


def anonymity_clauses() -> frozenset[str]:
    """Phrases of a comma-set clause that says why a source is unnamed (``data/anonymity_clauses.txt``)."""
    return word_set("anonymity_clauses.txt")


@lru_cache(maxsize=None)
def titles() -> dict[str, str]:
    """Word before a name → 'honorific' (no role: "Mr", "Dr") or 'title' (becomes the role: "President").

    Case-sensitive as written. The words are ``data/titles.txt``, nameparser's maintained list of titles
    (``nameparser.config.CONSTANTS.titles``, lower case there: capitalised here, and words of up to four
    letters with a full stop too: "Capt.") and the one-word ranks of ``data/ranks.txt``.
    nameparser's list holds words that also start names of bodies and places ("United", "National",
    "Royal", "Supreme") or are common words; titles.txt marks those ``| not`` and they are left out,
    so that "United States" or "Royal Navy" never lose a word to a title.
    """
    from nameparser.config import CONSTANTS

    own: dict[str, str] = {}
    for line in _lines("titles.txt"):
        word, _, kind = (part.strip() for part in line.partition("|"))
        own[word] = kind
    out: dict[str, str] = {}
    for word in sorted(CONSTANTS.titles):
        if not word[:1].isalpha() or any(ch.isdigit() for ch in word):
            continue  # "1st", "2lt": ordinals and codes, never written before a name in prose
        forms = {word[:1].upper() + word[1:]}
        if len(word) <= 4 and word.isalpha():
            forms.add(word[:1].upper() + word[1:] + ".")  # no capitals-only forms: "BP", "DR", "MG" are names
        for form in forms:
            if own.get(form[:1] + form[1:].lower().rstrip(".")) != "not" and own.get(form) != "not":
                out[form] = "title"
    for phrase in title_phrases():
        if len(phrase) == 1:
            out.setdefault(phrase[0], "title")
    out.update({word: kind for word, kind in own.items() if kind != "not"})
    for word, kind in own.items():
        if kind == "not":
            out.pop(word, None)
    return out


@lru_cache(maxsize=None)
def title_phrases() -> dict[tuple[str, ...], str]:
    """``data/ranks.txt``: the words of a rank or title as written → the role it stands for
    (("Det", "Insp") → "Detective Inspector"; ("Master", "Sergeant") → "Master Sergeant").
    Words are as spaCy splits them ("Lt-Col" is ("Lt", "-", "Col")). One-word entries are also in
    ``titles()``; longer ones are matched word by word (``generator/extract/actors.py``)."""
    out: dict[tuple[str, ...], str] = {}
    for line in _lines("ranks.txt"):
        phrase, _, role = (part.strip() for part in line.partition("|"))
        words = tuple(w for w in re.split(r"(\s+|-|/)", phrase) if w.strip())
        out[words] = role or phrase
    return out


@lru_cache(maxsize=None)
def stop_abbreviations() -> frozenset[str]:
    """Abbreviations with a full stop in ``data/ranks.txt`` ("Sgt.", "Lt.", "Cpl."). spaCy's English
    tokenizer splits most of them from their stop, and the parser then ends the sentence there ("Staff
    Sgt. | Maria Lopes was injured"), so ``pipeline.load`` makes each one word."""
    return frozenset(w for words in title_phrases() for w in words
                     if len(w) > 2 and w.endswith(".") and w[:-1].replace(".", "").isalnum())


# nameparser's prefixes that are also everyday English words ("at", "an", "as", "do", "bar"): between two
# names they are a sentence's words far more often than part of a name ("Smith at Lloyds")
NOT_PARTICLES = {"aan", "aen", "an", "ar", "as", "at", "auf", "av", "bar", "bat", "bon", "do", "ed", "en", "er", "es",
                 "et", "heer", "het", "las", "los", "mac", "mc", "op", "san", "santa", "st", "ste", "te", "tho",
                 "thoe", "ua", "vd", "vel"}


@lru_cache(maxsize=None)
def name_particles() -> frozenset[str]:
    """Lower-case words that sit inside a name between the given name and the surname ("van der Berg",
    "de la Fuente", "bin Laden", "ibn Saleh", "dos Santos"): nameparser's prefixes
    (``nameparser.config.CONSTANTS.prefixes``) written without a hyphen, less ``NOT_PARTICLES``, with
    ``EXTRA_PARTICLES``."""
    from nameparser.config import CONSTANTS

    return frozenset(p for p in CONSTANTS.prefixes if p.isalpha()) - NOT_PARTICLES | EXTRA_PARTICLES


# particles nameparser lacks: Kalenjin "arap" ("son of": "Kiprono arap Chelule", "Daniel arap Moi")
EXTRA_PARTICLES = frozenset({"arap"})


@lru_cache(maxsize=None)
def capital_particles() -> frozenset[str]:
    """Capitalised words that open a surname after a given name ("Nic Giolla Bhríde", "Te Rangi", "Delos
    Reyes", "Van Wyk", "Abu Zeid"): ``data/name_particles_capitalised.txt``, case-sensitive as written.
    A capitalised particle also starts many a body's or place's name ("De Beers", "Al Jazeera", "Te
    Papa"), so the rules trust one only inside a person's name or in the short form of a full name."""
    return frozenset(_lines("name_particles_capitalised.txt"))


@lru_cache(maxsize=None)
def hyphen_particles() -> frozenset[str]:
    """Particles written with a hyphen onto the surname ("al-Assad", "el-Sisi", "ash-Sharaa"): nameparser's
    prefixes that end in "-", without it."""
    from nameparser.config import CONSTANTS

    return frozenset(p[:-1] for p in CONSTANTS.prefixes if p.endswith("-") and p[:-1].isalpha())


@lru_cache(maxsize=None)
def post_nominals() -> frozenset[str]:
    """Letters written after a name that are not part of it ("Martin Leigh KC", "Jane Roe MP", "OBE"):
    nameparser's acronym suffixes in capitals, and "KC" (King's Counsel since 2022), which it lacks."""
    from nameparser.config import CONSTANTS

    return frozenset(s.upper() for s in CONSTANTS.suffix_acronyms if s.isascii() and s.isalpha()) | {"KC"}


@lru_cache(maxsize=None)
def name_suffixes() -> frozenset[str]:
    """Lower-case words written after a name that are not the surname ("Jr", "Sr", "III"): nameparser's."""
    from nameparser.config import CONSTANTS

    return frozenset(s for s in CONSTANTS.suffix_not_acronyms if s.isascii() and s.isalpha())


@dataclass(frozen=True)
class NamedEntry:
    canonical: str
    kind: str  # "outlet" or "organisation"
    aliases: tuple[str, ...]


@lru_cache(maxsize=None)
def named_entries() -> tuple[NamedEntry, ...]:
    """Outlets and organisations the small model misses or mistypes."""
    entries = []
    for kind, name in (("outlet", "outlets.txt"), ("organisation", "organisations.txt")):
        for line in _lines(name):
            parts = [p.strip() for p in line.split("|") if p.strip()]
            entries.append(NamedEntry(parts[0], kind, tuple(parts[1:])))
    return tuple(entries)


@lru_cache(maxsize=None)
def named_index() -> dict[str, NamedEntry]:
    """Lowercased surface form (without a leading 'the') → entry."""
    index: dict[str, NamedEntry] = {}
    for entry in named_entries():
        for form in (entry.canonical, *entry.aliases):
            key = strip_the(form).lower()
            index.setdefault(key, entry)
    return index


def strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    demonyms: tuple[str, ...]


@lru_cache(maxsize=None)
def countries() -> tuple[Country, ...]:
    out = []
    for row in _tsv("countries.tsv"):
        out.append(Country(row["iso2"].upper(), row["name"], _split(row.get("aliases")),
                           float(row["lat"]), float(row["lon"]), _split(row.get("demonyms"))))
    return tuple(out)


@lru_cache(maxsize=None)
def country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in countries():
        for form in (country.name, *country.aliases):
            index.setdefault(strip_the(form).lower(), country)
    return index


@lru_cache(maxsize=None)
def demonyms() -> frozenset[str]:
    """Lower-case words for the people of a country (countries.tsv) or of a state or city
    (regional_demonyms.txt, with their plurals in -s)."""
    regional = {w.lower() for w in _lines("regional_demonyms.txt")}
    return frozenset({d.lower() for c in countries() for d in c.demonyms} | regional | {w + "s" for w in regional})


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    type: str
    country_code: str | None
    lat: float | None
    lon: float | None


@lru_cache(maxsize=None)
def places() -> tuple[Place, ...]:
    out = []
    for row in _tsv("places.tsv"):
        out.append(Place(row["name"], _split(row.get("aliases")), row["type"] or "other",
                         (row.get("country_code") or "").upper() or None,
                         float(row["lat"]) if row.get("lat") else None,
                         float(row["lon"]) if row.get("lon") else None))
    return tuple(out)


@lru_cache(maxsize=None)
def place_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in places():
        for form in (place.name, *place.aliases):
            index.setdefault(strip_the(form).lower(), place)
    return index


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(";") if p.strip())


NUMBER_WORD_KINDS = ("cardinal", "scale", "suffix", "fraction", "vague")


@lru_cache(maxsize=None)
def number_words() -> dict[str, dict[str, float]]:
    """``number_words.tsv`` by kind: {"cardinal": {"two": 2.0, …}, "scale": …, "suffix": …, "fraction": …,
    "vague": …}. Raises ValueError naming the line when a row has an unknown kind or a value that is not
    a finite number (a data file is code: a bad row must stop the build, not skew every figure)."""
    out: dict[str, dict[str, float]] = {kind: {} for kind in NUMBER_WORD_KINDS}
    for n, row in enumerate(_tsv("number_words.tsv"), 1):
        value = float(row["value"])
        if row["kind"] not in out or value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"number_words.tsv: row {n} ({row['word']!r}): kind must be one of "
                             f"{', '.join(NUMBER_WORD_KINDS)} and value a finite number")
        out[row["kind"]][row["word"].lower()] = value
    return out


@lru_cache(maxsize=None)
def currency_symbols() -> dict[tuple[str, str], str]:
    """``currency_symbols.tsv``: (bare symbol, the article's ISO country code or "*") → ISO 4217 code."""
    return {(row["symbol"], row["country"].upper()): row["currency"].upper() for row in _tsv("currency_symbols.tsv")}
