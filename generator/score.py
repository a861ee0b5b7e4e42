"""Score an extraction against hand-made gold annotations: ``python -m generator.score GOLD PRED``.

GOLD is a JSON list with one object per article: ``id`` (the seed file's name without its
extension) and the lists ``persons``, ``organisations``, ``locations``, ``figures`` and
``sources`` (the format of ``tests/gold*/gold.json``). PRED is what ``python -m generator
extract --json`` prints: JSON Lines in the extraction contract, one article per line, matched to
the gold by its ``source_file``.

What is measured, per category (precision, recall and F1 over all articles together):

- ``persons`` / ``organisations``: actors of that ``type``; ``locations``; ``figures``;
  ``sources`` (a named source by its name, an unnamed one by the article's words for it).
- Rates over the entries that matched: ``roles`` (matched persons whose gold role the predicted
  role states), ``country_codes`` (matched locations with a gold code), ``anonymous_flag`` and
  ``direct_flag`` (matched sources: anonymity, and whether any quote is direct).

Matching is lenient on surface form and strict on identity:

- Names compare after case folding, accents, a leading "the", a trailing possessive 's and all
  punctuation and spacing are set aside ("The U.S.'s" = "US"); US = USA = United States, and
  likewise UK, UN and EU with their long forms. A gold entry also matches under any of its
  ``aliases``, and a named gold source under the aliases of the gold actor or place of that name.
- A figure matches on its value (equal to one part in a million: 1.2e9 = 1,200,000,000); when
  several share a value, the closest text wins.
- An unnamed source and a role match when one's words hold all of the other's (articles,
  prepositions, possessives and plural s aside), the shorter holding at least half the longer's
  words when the prediction is the shorter: "a senior official" = "a senior official in the
  ministry", "Senator" = "U.S. Senator", but "minister" ≠ "local government minister". Words are
  compared with a predicted source's description only: "police" is not "Australian Federal Police".
  A predicted role may list several, separated by ";": one of them has to match.
- Each gold entry is hit by at most one prediction and each prediction hits at most one entry,
  the closest pairs first (same name before an alias, an alias before a word match): a second
  prediction of an entity already hit is a false positive.
- Gold entries marked ``"optional": true`` are neither required nor penalised: predictions
  that match one (one or several: the entry is ambiguous on purpose) count for nothing, and one
  that is missing is not a miss.

Exit status: 0 when every ``--min MEASURE=VALUE`` holds, 1 when one does not, 2 on bad input
(reported as ``file:line:column: key: what is wrong — how to fix it``, never a traceback).
This module reads JSON only: it never loads spaCy, so it runs in a fraction of a second.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import Problem, printable

CATEGORIES = ("persons", "organisations", "locations", "figures", "sources")
RATES = ("roles", "country_codes", "anonymous_flag", "direct_flag")
# F1 under the category's name, precision and recall with _p and _r: the names --min accepts.
MEASURES = tuple(m for c in CATEGORIES for m in (c, f"{c}_p", f"{c}_r")) + RATES
RATE_LABELS = {"roles": "roles", "country_codes": "country codes", "anonymous_flag": "anonymous flag",
               "direct_flag": "direct-quote flag"}
RATE_OF = {"roles": "matched persons with a gold role", "country_codes": "matched places with a gold code",
           "anonymous_flag": "matched sources", "direct_flag": "matched sources"}


class ScoreInputError(Exception):
    """GOLD or PRED cannot be read: one line per problem, each ``file:line:column: key: what — fix``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


# ---------------------------------------------------------------- the two input formats

class _Gold(BaseModel):
    # A misspelt key ("optinal") would silently change what is scored, so unknown keys are errors.
    model_config = ConfigDict(extra="forbid", strict=True)
    note: str | None = None  # free text for the annotator, never scored


class GoldActor(_Gold):
    name: str
    aliases: list[str] = []
    optional: bool = False

    @field_validator("name")
    @classmethod
    def _a_name(cls, name: str) -> str:
        if not name_key(name):
            raise ValueError(f"{json.dumps(name, ensure_ascii=False)} has no letter or digit, so it can match "
                             "nothing — write the name as the article gives it")
        return name


class GoldPerson(GoldActor):
    role: str | None = None


class GoldLocation(GoldActor):
    kind: Literal["country", "city", "region", "facility", "other"] | None = None
    country_code: str | None = None


class GoldFigure(_Gold):
    value: float = Field(allow_inf_nan=False)
    text: str | None = None
    qualifier: str | None = None
    object: str | None = None
    unit: str | None = None
    optional: bool = False


class GoldSource(_Gold):
    speaker: str | None = None
    descriptor: str | None = None
    anonymous: bool
    direct_quote: bool
    cue: str | None = None
    optional: bool = False

    @model_validator(mode="after")
    def _named_or_described(self) -> "GoldSource":
        if not (self.speaker or "").strip() and not (self.descriptor or "").strip():
            raise ValueError("a source needs a name or a description — give 'speaker' (named) or 'descriptor' "
                             "(the article's words for an unnamed one)")
        return self


class GoldArticle(_Gold):
    id: str
    persons: list[GoldPerson]
    organisations: list[GoldActor]
    locations: list[GoldLocation]
    figures: list[GoldFigure]
    sources: list[GoldSource]


class _Pred(BaseModel):
    # The contract has more keys (mentions, sentences, …) than scoring reads: those are let through.
    model_config = ConfigDict(extra="allow", strict=True)


class PredActor(_Pred):
    name: str
    type: Literal["person", "organisation"]
    role: str | None = None


class PredLocation(_Pred):
    name: str
    country_code: str | None = None


class PredFigure(_Pred):
    value: float | None
    text: str | None = None


class PredQuote(_Pred):
    direct: bool


class PredSource(_Pred):
    name: str | None
    descriptor: str | None = None
    anonymous: bool
    quotes: list[PredQuote] = []


class PredArticle(_Pred):
    source_file: str
    actors: list[PredActor]
    locations: list[PredLocation]
    figures: list[PredFigure]
    sources: list[PredSource]


# ---------------------------------------------------------------- reading, with positions for errors

def _json_positions(text: str, start: int = 0) -> dict[tuple, int]:
    """Offsets of every value in a JSON text already known to parse, keyed by its path (("x", 0, "name"))."""
    decoder = json.JSONDecoder()
    positions: dict[tuple, int] = {}
    space = re.compile(r"[ \t\n\r]*")

    def skip(i: int) -> int:
        return space.match(text, i).end()

    def walk(i: int, path: tuple) -> int:
        i = skip(i)
        positions[path] = i
        opening = text[i]
        if opening not in "[{":
            return decoder.raw_decode(text, i)[1]
        closing, index = ("]", 0) if opening == "[" else ("}", None)
        i = skip(i + 1)
        while text[i] != closing:
            if index is None:  # an object: "key": value
                key, end = json.decoder.scanstring(text, i + 1)
                key_at, i = i, walk(skip(end) + 1, path + (key,))
                positions[path + (key,)] = key_at  # a problem with a member is shown at its key
            else:
                i = walk(i, path + (index,))
                index += 1
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        return i + 1

    try:
        walk(start, ())
    except RecursionError:  # deeper than Python's stack, though json parsed it: places down to there
        pass
    positions.setdefault((), start)
    return positions


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _read_text(path: Path) -> str:
    shown = printable(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ScoreInputError([Problem(shown, 1, 1, None, "is a folder, not a file", "give the path of a JSON file")])
    except OSError as exc:
        raise ScoreInputError([Problem(shown, 1, 1, None, f"cannot be read ({exc.strerror or exc})",
                                       "check the path")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8-sig", "replace")
        line, column = _line_column(before, len(before))
        raise ScoreInputError([Problem(shown, line, column, None,
                                       f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x})", "save it as UTF-8")])


def _parse_json(text: str, name: str, line_offset: int = 0) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScoreInputError([Problem(name, exc.lineno + line_offset, exc.colno, None,
                                       f"JSON syntax error: {exc.msg}", "check commas, quotes and brackets")])
    except RecursionError:
        raise ScoreInputError([Problem(name, 1 + line_offset, 1, None, "JSON nested too deeply",
                                       "an article is a flat object of lists")])


def _describe(err: dict) -> tuple[str, str | None]:
    kind, loc = err["type"], err["loc"]
    field_name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        return "unknown key", None  # the caller adds "did you mean"
    if kind == "missing":
        return "required key is missing", f"add \"{field_name}\""
    if kind == "value_error":  # our validators write "what is wrong — how to fix it"
        message, _, hint = err["msg"].removeprefix("Value error, ").partition(" — ")
        return message, hint or None
    if kind == "literal_error":
        return f"{json.dumps(err.get('input'))} is not allowed", err["msg"].replace("Input should be", "use")
    expected = {"string_type": "text in quotes", "list_type": "a list [ … ]", "bool_type": "true or false",
                "float_type": "a number", "int_type": "a number", "model_type": "an object { … }",
                "dict_type": "an object { … }", "model_attributes_type": "an object { … }",
                "none_required": "null"}.get(kind)
    if expected or kind.endswith("_type"):
        shown = json.dumps(err.get("input"), ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:37] + "…"
        return f"{shown} has the wrong type", f"write {expected or kind.removesuffix('_type')}"
    return err["msg"], None


def _validation_problems(exc: ValidationError, model: type[BaseModel], name: str, text: str,
                         positions: dict[tuple, int], prefix: tuple = ()) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])  # the models use no unions but "X | None", which adds no level here
        full = prefix + loc
        cut = next(n for n in range(len(full), -1, -1) if full[:n] in positions)
        line, column = _line_column(text, positions[full[:cut]])
        message, hint = _describe(err)
        if err["type"] == "extra_forbidden":
            allowed = list(_model_at(model, loc[:-1]).model_fields)
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in full).lstrip(".") or None
        problems.append(Problem(name, line, column, key, message, hint))
    return problems


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model class that validates the object at ``loc`` (for listing its allowed keys)."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = getattr(annotation, "__args__", (annotation,))[0]
    return model


def load_gold(path: str | Path) -> list[GoldArticle]:
    """The gold articles of a gold file, validated.

    Raises ``ScoreInputError`` listing every problem (syntax, a missing or misspelt key, a wrong
    type, a repeated ``id``) with its line and column, so an annotator fixes them all in one go.
    """
    path = Path(path)
    name, text = printable(path), _read_text(path)
    data = _parse_json(text, name)
    if not isinstance(data, list):
        raise ScoreInputError([Problem(name, 1, 1, None, "expected a JSON list of articles",
                                       "write [ {\"id\": …, \"persons\": […], …}, … ]")])
    positions = _json_positions(text, len(text) - len(text.lstrip()))
    articles, problems, seen = [], [], {}
    for index, item in enumerate(data):
        try:
            article = GoldArticle.model_validate(item)
        except ValidationError as exc:
            problems += _validation_problems(exc, GoldArticle, name, text, positions, (index,))
            continue
        line, column = _line_column(text, positions[(index, "id")])
        if article.id in seen:
            problems.append(Problem(name, line, column, f"[{index}].id",
                                    f"'{article.id}' is also the id of the article on line {seen[article.id]}",
                                    "give each article its seed file's name once"))
        seen.setdefault(article.id, line)
        articles.append(article)
    if problems:
        raise ScoreInputError(problems)
    return articles


def article_id(source_file: str) -> str:
    """The gold ``id`` of an extracted article: its seed file's name without the extension."""
    return Path(source_file.replace("\\", "/")).stem


def load_predictions(path: str | Path) -> dict[str, PredArticle]:
    """The extracted articles of a JSON Lines file, by article id; blank lines are skipped.

    Raises ``ScoreInputError`` listing every bad line (JSON syntax, a key of the contract
    missing or of the wrong type, an article given twice).
    """
    path = Path(path)
    name, text = printable(path), _read_text(path)
    articles: dict[str, PredArticle] = {}
    lines: dict[str, int] = {}
    problems = []
    # JSON Lines end at "\n" only: str.splitlines would also split at U+2028 and others inside a string
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            item = _parse_json(line, name, number - 1)
        except ScoreInputError as exc:
            problems += exc.problems
            continue
        positions = _json_positions(line, len(line) - len(line.lstrip()))
        try:
            article = PredArticle.model_validate(item)
        except ValidationError as exc:
            for problem in _validation_problems(exc, PredArticle, name, line, positions):
                problems.append(Problem(name, number, problem.column, problem.key, problem.message, problem.hint))
            continue
        key = article_id(article.source_file)
        if key in articles:
            problems.append(Problem(name, number, 1, "source_file",
                                    f"article '{key}' is also on line {lines[key]}", "extract each file once"))
            continue
        articles[key], lines[key] = article, number
    if problems:
        raise ScoreInputError(problems)
    return articles


# ---------------------------------------------------------------- surface forms

# The same country or body under its short and long names (keys as name_key makes them).
_SAME = {"us": "unitedstates", "usa": "unitedstates", "unitedstatesofamerica": "unitedstates",
         "uk": "unitedkingdom", "un": "unitednations", "eu": "europeanunion"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
# Words that say nothing about which role or which unnamed source is meant.
_FILLER = frozenset({"a", "an", "the", "of", "for", "in", "at", "on", "to", "and", "by", "with", "from", "its",
                     "their", "his", "her"})


def _fold(text: str) -> str:
    """Case, accents and apostrophe shapes set aside: "Eloïse’s" → "eloise's"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def name_key(name: str | None) -> str:
    """The form two names are compared in: "The U.S.'s" → "unitedstates", "Al-Shabab" → "alshabab".

    Case, accents, a leading "the", a trailing possessive and every non-letter, non-digit
    character (spaces included) are dropped; short and long names of the same country or body
    (``_SAME``) become one. An empty or missing name gives "" (which matches nothing).
    """
    if not name:
        return ""
    text = re.sub(r"^\W*the\s+", "", _fold(name).strip())
    text = re.sub(r"(?<=[\w.])'s?\W*$", "", text)  # "Hamas's", "Reuters'", "the U.S.'s"
    key = "".join(re.findall(r"[^\W_]", text))
    return _SAME.get(key, key)


def _words(text: str | None) -> frozenset[str]:
    """Content words, singular, without possessives: "the Trust's chief executives" → {trust, chief, executive}."""
    if not text:
        return frozenset()
    folded = re.sub(r"'s\b|'", "", _fold(text)).replace(".", "")
    words = (w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
             for w in re.findall(r"[^\W_]+", folded))
    return frozenset(w for w in words if w not in _FILLER)


def words_match(gold: str | None, predicted: str | None) -> bool:
    """Whether a predicted role or unnamed source's words state the gold one (the rule in the module doc)."""
    if name_key(gold) and name_key(gold) == name_key(predicted):
        return True  # the same words, even if all are filler
    g, p = _words(gold), _words(predicted)
    if not g or not p:
        return False
    return g <= p or (p <= g and 2 * len(p) >= len(g))


# ---------------------------------------------------------------- matching

@dataclass
class Category:
    """The outcome of one category over all articles, and the lines --verbose prints."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        # 2tp / (2tp + fp + fn): the harmonic mean, and 1.0 when there was nothing to find and nothing found
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 1.0


@dataclass
class Rate:
    """Right answers among the matched entries a rate looks at."""

    right: int = 0
    total: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0  # nothing to get wrong


@dataclass
class Report:
    """Everything ``score`` found: per category, per rate, and articles not paired with the other side."""

    categories: dict[str, Category] = field(default_factory=lambda: {c: Category() for c in CATEGORIES})
    rates: dict[str, Rate] = field(default_factory=lambda: {r: Rate() for r in RATES})
    unpredicted: list[str] = field(default_factory=list)  # gold ids with no extracted article
    ungraded: list[str] = field(default_factory=list)  # extracted ids with no gold

    def measures(self) -> dict[str, float]:
        """Every measure (0.0–1.0) under its --min name: ``persons`` (F1), ``persons_p``, … and the rates."""
        values = {}
        for name, cat in self.categories.items():
            values.update({name: cat.f1, f"{name}_p": cat.precision, f"{name}_r": cat.recall})
        values.update({name: rate.value for name, rate in self.rates.items()})
        return values


def _pair(gold: list, pred: list, closeness) -> tuple[dict[int, int], dict[int, set[int]]]:
    """One-to-one pairs (gold index → predicted index), closest first; and the gold entries each prediction matched.

    ``closeness(g, p)`` is 0 for no match and higher for a closer one. Ties go to a required
    gold entry over an optional one, then to the earlier entries, so the result never depends
    on anything but the two lists.
    """
    candidates = sorted(
        (-score, g.optional, gi, pi)
        for gi, g in enumerate(gold) for pi, p in enumerate(pred)
        if (score := closeness(g, p)) > 0)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    matched: dict[int, set[int]] = {}
    for _, _, gi, pi in candidates:
        matched.setdefault(pi, set()).add(gi)
        if gi not in pairs and pi not in taken:
            pairs[gi] = pi
            taken.add(pi)
    return pairs, matched


def _count(cat: Category, article: str, name: str, gold: list, pred: list, pairs: dict[int, int],
           matched: dict[int, set[int]], show_gold, show_pred) -> None:
    for gi, g in enumerate(gold):
        if gi in pairs:
            cat.tp += not g.optional
        elif not g.optional:
            cat.fn += 1
            cat.details.append(f"{article} {name}: missed {show_gold(g)}")
    paired = set(pairs.values())
    for pi, p in enumerate(pred):
        if pi in paired or any(gold[gi].optional for gi in matched.get(pi, ())):
            continue  # an optional entry is never penalised, however many predictions it draws
        cat.fp += 1
        why = " (a second entry for an entity already matched)" if pi in matched else ""
        cat.details.append(f"{article} {name}: extra {show_pred(p)}{why}")


def _name_closeness(keys_of):
    def closeness(gold, predicted_name: str | None) -> int:
        key = name_key(predicted_name)
        if not key:
            return 0
        name, aliases = keys_of(gold)
        return 3 if key == name else 2 if key in aliases else 0
    return closeness


def _actor_keys(gold: GoldActor) -> tuple[str, set[str]]:
    return name_key(gold.name), {name_key(a) for a in gold.aliases} - {""}


def _figure_closeness(gold: GoldFigure, pred: PredFigure) -> float:
    if pred.value is None or not math.isclose(gold.value, pred.value, rel_tol=1e-6, abs_tol=1e-9):
        return 0
    # Among equal values the closest text wins: the share of the shorter text's words the other has.
    g, p = _words(gold.text), _words(pred.text)
    return 1 + (len(g & p) / min(len(g), len(p)) if g and p else 0)


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def score_article(report: Report, gold: GoldArticle, pred: PredArticle) -> None:
    """Add one article's hits, misses and extras to ``report``."""
    art = gold.id
    by_name = _name_closeness(_actor_keys)

    # actors: persons and organisations are scored apart, by the type the extraction gave
    for name, golds, kind in (("persons", gold.persons, "person"), ("organisations", gold.organisations,
                                                                     "organisation")):
        preds = [a for a in pred.actors if a.type == kind]
        pairs, near = _pair(golds, preds, lambda g, p: by_name(g, p.name))
        _count(report.categories[name], art, name, golds, preds, pairs, near,
               lambda g: _show(g.name), lambda p: _show(p.name))
        if name == "persons":
            roles = report.rates["roles"]
            for gi, pi in pairs.items():
                g, p = golds[gi], preds[pi]
                if g.optional or not (g.role or "").strip():
                    continue
                roles.total += 1
                if any(words_match(g.role, part) for part in (p.role or "").split(";")):
                    roles.right += 1
                else:
                    roles.details.append(f"{art} roles: {_show(g.name)} is {_show(g.role)}, extracted {_show(p.role)}")

    pairs, near = _pair(gold.locations, pred.locations, lambda g, p: by_name(g, p.name))
    _count(report.categories["locations"], art, "locations", gold.locations, pred.locations, pairs, near,
           lambda g: _show(g.name), lambda p: _show(p.name))
    codes = report.rates["country_codes"]
    for gi, pi in pairs.items():
        g, p = gold.locations[gi], pred.locations[pi]
        if g.optional or not (g.country_code or "").strip():
            continue
        codes.total += 1
        if (p.country_code or "").strip().upper() == g.country_code.strip().upper():
            codes.right += 1
        else:
            codes.details.append(f"{art} country codes: {_show(g.name)} is {g.country_code}, "
                                 f"extracted {_show(p.country_code)}")

    pairs, near = _pair(gold.figures, pred.figures, _figure_closeness)
    _count(report.categories["figures"], art, "figures", gold.figures, pred.figures, pairs, near,
           lambda g: f"{g.value:g} ({_show(g.text)})", lambda p: f"{p.value:g} ({_show(p.text)})"
           if p.value is not None else f"null ({_show(p.text)})")

    # A named gold source answers to the aliases of the actor or place of that name.
    alias_sets = [(name_key(e.name), {name_key(e.name)} | {name_key(a) for a in e.aliases})
                  for e in (*gold.persons, *gold.organisations, *gold.locations)]

    def source_keys(g: GoldSource) -> tuple[str, set[str]]:
        key = name_key(g.speaker)
        return key, set().union(*(keys for _, keys in alias_sets if key in keys)) - {"", key}

    named = _name_closeness(source_keys)

    def source_closeness(g: GoldSource, p: PredSource) -> float:
        # The same words in the other field (a name given as a description, or the reverse) match
        # a little less closely, so a named and an unnamed source of the same words pair up by kind.
        if g.speaker:
            return max(named(g, p.name), named(g, p.descriptor) - 0.5, 0)
        if name_key(p.descriptor) == name_key(g.descriptor):
            return 3
        if name_key(p.name) == name_key(g.descriptor):
            return 2.5
        # words only against the prediction's own description: "police" is not "Australian Federal Police"
        return 1 if words_match(g.descriptor, p.descriptor) else 0

    pairs, near = _pair(gold.sources, pred.sources, source_closeness)
    _count(report.categories["sources"], art, "sources", gold.sources, pred.sources, pairs, near,
           lambda g: _show(g.speaker or g.descriptor), lambda p: _show(p.name or p.descriptor))
    anonymous, direct = report.rates["anonymous_flag"], report.rates["direct_flag"]
    for gi, pi in pairs.items():
        g, p = gold.sources[gi], pred.sources[pi]
        if g.optional:
            continue
        shown = _show(g.speaker or g.descriptor)
        anonymous.total += 1
        if p.anonymous == g.anonymous:
            anonymous.right += 1
        else:
            anonymous.details.append(f"{art} anonymous flag: {shown} is anonymous={_show(g.anonymous)}, "
                                     f"extracted {_show(p.anonymous)}")
        quoted = any(q.direct for q in p.quotes)
        direct.total += 1
        if quoted == g.direct_quote:
            direct.right += 1
        else:
            direct.details.append(f"{art} direct-quote flag: {shown} is direct={_show(g.direct_quote)}, "
                                  f"extracted {_show(quoted)}")


_EMPTY = PredArticle(source_file="", actors=[], locations=[], figures=[], sources=[])


def score(gold: list[GoldArticle], pred: dict[str, PredArticle]) -> Report:
    """Score every gold article against the extracted article of the same id.

    A gold article with no extraction counts every required entry as missed (and is listed in
    ``Report.unpredicted``); an extraction with no gold article is left out of the counts.
    """
    report = Report()
    for article in gold:
        if article.id not in pred:
            report.unpredicted.append(article.id)
        score_article(report, article, pred.get(article.id, _EMPTY))
    known = {a.id for a in gold}
    report.ungraded = sorted(set(pred) - known)
    return report


# ---------------------------------------------------------------- the command

def format_report(report: Report, verbose: bool = False) -> str:
    """The table of precision, recall and F1, the rates, and with ``verbose`` every miss, extra and wrong flag."""
    lines = [f"{'':15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}"]
    for name, cat in report.categories.items():
        lines.append(f"{name:15} {cat.precision:6.3f} {cat.recall:6.3f} {cat.f1:6.3f} {cat.tp:5} {cat.fp:4} {cat.fn:4}")
    for name, rate in report.rates.items():
        lines.append(f"{RATE_LABELS[name]:17} {rate.value:6.3f}  ({rate.right}/{rate.total} {RATE_OF[name]})")
    for article in report.unpredicted:
        lines.append(f"warning: no extracted article for gold id '{article}' — every entry of it counts as missed")
    if verbose:
        lines += [line for cat in report.categories.values() for line in cat.details]
        lines += [line for rate in report.rates.values() for line in rate.details]
        lines += [f"not in the gold (not scored): {article}" for article in report.ungraded]
    return "\n".join(printable(line) for line in lines)


def parse_minimum(text: str) -> tuple[str, float]:
    """``"persons=0.9"`` → ``("persons", 0.9)``; ``argparse.ArgumentTypeError`` names the fix."""
    measure, sep, value = text.partition("=")
    measure = measure.strip()
    if not sep:
        raise argparse.ArgumentTypeError(f"{printable(text)!r}: expected MEASURE=VALUE, e.g. persons=0.9")
    if measure not in MEASURES:
        close = difflib.get_close_matches(measure, MEASURES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(MEASURES)}"
        raise argparse.ArgumentTypeError(f"{printable(measure)!r}: unknown measure — {hint}")
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(
            f"{measure}: {printable(value)!r} is not a number from 0 to 1 — e.g. {measure}=0.9")
    return measure, number


def main(argv: list[str] | None = None) -> int:
    """The command line; returns the exit status (0 met, 1 a minimum not met, 2 bad input)."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.score",
        description="Score extracted articles (JSON Lines from `python -m generator extract --json`) "
                    "against gold annotations (a JSON list).")
    parser.add_argument("gold", type=Path, help="gold annotations, e.g. tests/gold/gold.json")
    parser.add_argument("pred", type=Path, help="extraction, one article per line")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss, extra and wrong flag")
    parser.add_argument("--min", dest="minimums", action="append", default=[], type=parse_minimum,
                        metavar="MEASURE=VALUE",
                        help=f"fail (exit 1) when a measure is under VALUE; measures: {', '.join(MEASURES)}")
    args = parser.parse_args(argv)
    problems = []
    gold = pred = None
    for loader, path in ((load_gold, args.gold), (load_predictions, args.pred)):
        try:
            loaded = loader(path)
        except ScoreInputError as exc:
            problems += exc.problems
            continue
        if loader is load_gold:
            gold = loaded
        else:
            pred = loaded
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 2
    report = score(gold, pred)
    print(format_report(report, args.verbose))
    measures = report.measures()
    short = [f"{m} {measures[m]:.3f} < {v:g}" for m, v in args.minimums if measures[m] < v]
    summary = " ".join(f"{m}={v:.3f}" for m, v in measures.items())
    print(("SHORT: " + "; ".join(short) if short else "OK") + " | " + summary)
    return 1 if short else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `… | head`: the reader has all it wants
        sys.stderr.close()
        sys.exit(1)
