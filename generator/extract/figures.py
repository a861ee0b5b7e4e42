"""Key figures: every newsworthy number with its hedge, unit, what it counts and its sentence.

One small number grammar reads token sequences before units and objects are read
(``read_number``, ``read_fraction``, ``read_range``); its words are data
(``generator/data/number_words.tsv``):

- cardinals in digits and words ("twenty-five", "one hundred and five"), digits grouped by spaces
  ("310 000", also with a no-break or thin space), scales ("1.5bn", "$1.5 billion", "3k", lakh, crore,
  and Canadian "$5-million" with a hyphen), multipliers ("two dozen" = 24, "half a dozen" = 6,
  "one and a half metres" = 1.5 m, "a quarter of a million" = 250,000), a duration with a smaller one
  added ("five years and three months" = 5.25 years: ``compound_duration``);
- fractions as a share of a whole, rounded to two places ("two-thirds of farms" = 0.67,
  "cut by a quarter" = 0.25, "one in five" = 0.2); hedged ones ("about a third") and ranges of them
  ("between a fifth and a quarter") are rough proportions, dropped;
- ranges ("between 40 and 60", "10-15 tonnes", "5–7%", "3,000–4,000 people", "from 10 to 20",
  "between two lakh and three lakh", "R40 million to R55 million"): one figure with ``value`` = the
  low end and ``value_high`` = the top, one unit and object for both, and the top listed again as a
  figure of its own;
- ages: after a name between commas ("R. Devi, 44,"), after "aged"/"the age of" ("aged 61 and 64",
  "aged 18 to 30"); a span counted back ("three weeks ago") is a duration, kept;
- vague quantities ("dozens", "hundreds of thousands", "millions") are read whole and
  dropped: not a precise number, so not a key figure;
- hedges from ``QUALIFIERS`` ("up to", "at least").

Rules then drop what is not a figure: calendar dates and years (a year is told from its
context, never its value: ``is_year``), times of day, ordinals, phone numbers, numbers
inside names, and small anaphoric numbers ("the two sides"). A bare "$" or "¥" takes the
currency of the article's country (``resolve_currencies``, ``currency_symbols.tsv``); a prefixed
one ("HK$386 million", "R$5bn") names its own. A letter symbol means what the article's country
makes it ("R640 million" is rand in South Africa, "Sh30" shillings in Kenya, "P2.35 billion" pesos in
the Philippines, "N150m" naira; ``resolve_letter_symbol``); elsewhere "R2" or "P5" is a label.
GDELT's AMOUNTS field is the model; unlike it we keep percentages and the hedge.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import lexicon
from ..models import Figure, Location
from .entities import dateline_length
from . import index

# The words of the number grammar are data (generator/data/number_words.tsv); values as int where whole.
_WORDS = {kind: {w: int(v) if float(v).is_integer() else v for w, v in table.items()}
          for kind, table in lexicon.number_words().items()}
UNITS_WORDS = _WORDS["cardinal"]
SCALES = {**_WORDS["scale"], **_WORDS["suffix"]}
WORD_SCALES = _WORDS["scale"]  # a scale written as a word: "two dozen", "a million"
FRACTIONS = _WORDS["fraction"]
# plural vague amounts: "dozens", "hundreds of thousands" -- read so that their words are not taken for a
# count, then dropped: a vague quantity is not a key figure (an editor would not print "12" for "dozens")
VAGUE = _WORDS["vague"]
QUALIFIERS = [
    ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"), ("at least", "at least"),
    ("no fewer than", "at least"), ("no less than", "at least"), ("at most", "up to"),
    ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"), ("in excess of", "more than"),
    ("fewer than", "fewer than"), ("less than", "less than"), ("under", "less than"), ("below", "less than"),
    ("almost", "almost"), ("nearly", "nearly"), ("close to", "nearly"), ("just under", "almost"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("circa", "about"), ("c.", "about"),
]
CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₪": "ILS", "₽": "RUB", "₩": "KRW",
                    "₺": "TRY"}


def _is_letter_symbol(symbol: str) -> bool:
    """'R', 'Sh', 'KSh', 'Rs', 'GH¢': a symbol written with letters, capitalised, and no '$' (whose meaning may
    depend on the article's country); 'HK$', 'US$' name their currency with the '$'; 'pesos' is a word."""
    return "$" not in symbol and symbol[:1].isupper() and any("a" <= ch.lower() <= "z" for ch in symbol)


def _is_currency_word(symbol: str) -> bool:
    """'pesos', 'rupees', 'shillings': a currency word written after the amount, in lower case in the table."""
    return symbol.isalpha() and symbol.islower()


# symbols that name their currency themselves ("HK$", "US$", "R$", "₦", "₱"): the '*' rows of
# currency_symbols.tsv that are not letter symbols (those are read by ``resolve_letter_symbol``)
CURRENCY_SYMBOLS.update({symbol.lower(): code for (symbol, country), code in lexicon.currency_symbols().items()
                         if country == "*" and not _is_letter_symbol(symbol) and not _is_currency_word(symbol)
                         and symbol not in CURRENCY_SYMBOLS})
# letter symbols, case as written: symbol → {article's country or '*': ISO code}
LETTER_SYMBOLS: dict[str, dict[str, str]] = {}
for (_symbol, _country), _code in lexicon.currency_symbols().items():
    if _is_letter_symbol(_symbol):
        LETTER_SYMBOLS.setdefault(_symbol, {})[_country] = _code
ROAD_WORDS = {"road", "highway", "expressway", "motorway", "route", "freeway", "bypass", "carriageway"}
# a symbol the tokenizer kept glued to its digits: "HK$386", "NZ$40", "R$5", "N2.2bn", "R640", "Sh412.5",
# "Rs.12", "KSh84" (longest letter symbols first, so that "KSh" is not read as "K")
GLUED_CURRENCY = re.compile(r"^([A-Z]{0,3}\$|₦|%s)(\.?)(\d[\d,]*(?:\.\d+)?)([a-z]{1,3})?$" % "|".join(
    re.escape(s) for s in sorted(LETTER_SYMBOLS, key=len, reverse=True)))
# spaces that South African and SI style put between groups of three digits ("310 000", "4 750 000")
GROUP_SPACES = ("\u00a0", "\u202f", "\u2009")
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
                  "rubles": "RUB", "shekel": "ILS", "shekels": "ILS", "francs": "CHF", "won": "KRW",
                  "lira": "TRY", "rand": "ZAR", "naira": "NGN", "pesos": "MXN", "riyals": "SAR", "dirhams": "AED"}
CURRENCY_CODES = {"usd", "eur", "gbp", "aud", "cad", "jpy", "cny", "inr", "chf", "nzd", "kes", "zar", "ngn", "ghs",
                  "ugx", "tzs", "bdt", "pkr", "hkd", "sgd"}
# codes that are also common words or names elsewhere: a currency only in an article from their country
# ("PHP 3 million" in Manila; "PHP 8" is a programming language)
COUNTRY_CODES_ONLY = {"php": "PH"}
MEASURES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "miles", "mile": "miles", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "ft": "ft", "kg": "kg", "kilograms": "kg", "kilos": "kg", "tonnes": "tonnes",
    "tons": "tons", "tonne": "tonnes", "barrels": "barrels", "litres": "litres", "liters": "litres",
    "gallons": "gallons", "acres": "acres", "hectares": "hectares", "sq": "sq", "mph": "mph",
    "km/h": "km/h", "degrees": "degrees", "c": "°C", "°c": "°C", "°f": "°F", "mw": "MW", "gw": "GW",
    "gigawatts": "GW", "megawatts": "MW", "mb": "MB", "gb": "GB", "points": "points", "pts": "points",
    "bps": "basis points", "bp": "basis points", "mg": "mg", "ml": "ml", "milligrams": "mg",
    "votes": None,
}
MEASURE_UNITS = {u for u in MEASURES.values() if u} - {"points", "degrees"}
DURATIONS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
             "month": "months", "year": "years", "decade": "decades", "century": "centuries"}
PERCENT_WORDS = {"%", "percent", "per cent", "percentage points", "pc", "pct"}
NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "NORP", "GPE", "LOC"}
ANAPHORIC_DETS = {"the", "these", "those", "both", "all"}
LABEL_WORDS = {"section", "article", "chapter", "paragraph", "clause", "resolution", "route", "flight", "page",
               "no", "no.", "number", "room", "gate", "platform", "bus", "line", "level", "grade", "phase", "stage",
               "category", "highway", "interstate", "district", "ward", "unit", "seed", "game", "round", "week",
               "matchday", "episode", "season", "verse", "psalm", "track", "channel", "apartment", "floor",
               "division", "tier", "form", "schedule", "annex", "appendix", "figure", "table", "model", "version",
               "rule", "act", "amendment", "item", "code", "zone"}
PHONE_TEXT = re.compile(r"(?<![\w.,])(?:\+?\d{1,3}[\s.-])?(?:\(?\d{2,5}\)?[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w,])")
YEAR_PREPS = {"in", "since", "by", "from", "until", "till", "of", "before", "after", "during", "to", "and",
              "between", "through", "early", "late", "mid", "-", "–"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec"}
NUMERIC = re.compile(r"^[+\-−]?\d[\d,]*(\.\d+)?$")
NUMERIC_SCALED = re.compile(r"^[+\-−]?(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)\.?$", re.IGNORECASE)
# one token holding a whole range: spaCy keeps "5–7", "3,000–4,000" (en dash) as one token
RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)%?[–—-](\d[\d,]*(?:\.\d+)?)$")  # "2%-5" too
RANGE_DASHES = ("-", "–", "—")
# "rose from 3% to 5%" is a change, not a range: "from … to …" after one of these verbs is two figures
CHANGE_VERBS = {"rise", "fall", "increase", "decrease", "grow", "drop", "climb", "cut", "raise", "reduce",
                "lower", "jump", "slip", "slide", "soar", "plunge", "decline", "shrink", "surge", "go", "move",
                "change", "expand", "boost", "lift", "push", "widen", "narrow", "ease", "edge", "dip", "tumble"}
NUMERIC_UNIT = re.compile(r"^([+\-−]?\d[\d,]*(?:\.\d+)?)(km|kg|mm|cm|mg|ml|mcg|C|F|mph|GW|MW|kW|kWh|GB|MB|ft|lb|lbs)$")
UNIT_SUFFIXES = {"C": "°C", "F": "°F", "lbs": "lb"}
FRACTION = re.compile(r"^(\d+)/(\d+)$")
UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
PHONE = re.compile(r"^\+?\(?\d{2,4}\)?[\s\-.]?\d{3,4}[\s\-.]\d{3,4}$")


@dataclass
class Number:
    start: int  # token index of the first token of the expression (qualifier excluded)
    end: int  # exclusive
    value: float
    qualifier: str | None
    unit: str | None
    vague: bool = False
    age: bool = False
    share: bool = False  # a fraction of a whole ("two-thirds of farms"): its "of" leads to what it counts
    symbol: str | None = None  # a bare "$", "¥" or "£" (or "dollars", "yen"): its currency is the article's
    high: float | None = None  # the top of a range, when this number is one
    high_end: int | None = None  # where the range's second number ends (exclusive)


def extract(ctx, locations: list[Location] | None = None) -> list[Figure]:
    """The article's figures, in order of first mention, one per (value, unit, object, range top).

    ``locations``: the article's places (``locations.extract``), the evidence for what a bare "$" or
    "¥" means (``resolve_currencies``); without them a bare "$" is USD and "¥" JPY."""
    doc = ctx.doc
    figures: list[Figure] = []
    seen: dict[tuple, Figure] = {}
    in_sentences: dict[tuple, set[int]] = {}  # each figure's sentences as a set: a figure repeated in every
    # sentence made the membership test on its list quadratic
    last_counted: dict[int, Figure] = {}  # per sentence, the last figure with an object and no unit
    symbols: dict[int, str] = {}  # id(figure) → the bare symbol its currency must be resolved from
    phone_chars = [(m.start(), m.end()) for m in PHONE_TEXT.finditer(ctx.text)
                   if sum(ch.isdigit() for ch in m.group()) >= 9 and not _grouped_amount(ctx.text, m)]
    # phone numbers do not overlap and come in order: bisect for the one a token may fall in
    phone_starts = [a for a, _ in phone_chars]
    country = article_country(ctx, locations or [])  # also what a letter symbol means: "R15", "Sh30", "P5"
    words = index.words(doc)
    i = 0
    while i < len(doc):
        if not could_start_number(words[i]):
            i += 1  # no number starts at this word: read_number would return None (the test checks it)
            continue
        found = None
        token = doc[i]
        k = bisect_right(phone_starts, token.idx) - 1
        if k >= 0 and token.idx < phone_chars[k][1]:
            i += 1
            continue
        if not ctx.in_credits(token):
            try:
                found = read_number(doc, i, country)
            except (ValueError, OverflowError, ZeroDivisionError, IndexError):
                found = None
        if found is None:
            i += 1
            continue
        i = max(found.end, i + 1)
        if found.vague:
            continue  # "dozens", "hundreds of thousands": not a precise number, so not a key figure
        if found.high is None:
            found = read_range(doc, found, ctx, country)
        if found.high is None and not found.age and not found.share:
            found = compound_duration(doc, found, country)
        i = max(i, found.end)
        if not is_figure(doc, found, ctx):
            continue
        sentence = ctx.sentence_index(doc[found.start])
        qualifier, q_start = find_qualifier(doc, found.start, ctx)
        if found.share and (qualifier is not None or found.high is not None):
            continue  # "about a third", "more than two-thirds", "between a fifth and a quarter": a fraction is
            # already a rounding, and a hedged one or a range of them a rough proportion -- like "dozens", not a
            # key figure
        if q_start is None and found.start > 0 and doc[found.start - 1].lower_ in ("between", "from") \
                and found.high is not None:
            q_start = found.start - 1  # "between 40 and 60": the text keeps its "between"
        unit = found.unit or unit_after(doc, found.end)
        if found.unit is None and unit in MEASURE_UNITS:
            found.unit = unit  # "10-15 tonnes of flour": a measure's "of" leads to what it measures
        obj = counted_object(doc, found, last_counted, sentence, ctx)
        span_start = q_start if q_start is not None else found.start
        span_end = object_end(doc, found, obj)
        text = doc[span_start:span_end].text.strip().rstrip(".,;:")
        ends = [(found.value, found.high)] + ([(found.high, None)] if found.high is not None else [])
        for raw, raw_high in ends:  # a range is listed with both ends, and its top again on its own
            value = _plain(raw)
            high = _plain(raw_high) if raw_high is not None else None
            key = (value, unit, (obj or "").lower(), high)
            if key in seen:
                fig = seen[key]
                if sentence not in in_sentences[key]:
                    in_sentences[key].add(sentence)
                    fig.sentences.append(sentence)
                continue
            fig = Figure(value=value, qualifier=qualifier if qualifier else None, unit=unit, object=obj,
                         text=text, sentence=sentence, value_high=high, sentences=[sentence])
            seen[key] = fig
            in_sentences[key] = {sentence}
            figures.append(fig)
            if found.symbol:
                symbols[id(fig)] = found.symbol
            if fig.object and not fig.unit:
                last_counted[sentence] = fig
    resolve_currencies(figures, symbols, country)
    return figures


@lru_cache(maxsize=1)
def _number_starts() -> frozenset[str]:
    """Lower-case words without a digit that ``read_number`` may start a number at."""
    return frozenset({"a", "an", "one", *UNITS_WORDS, *WORD_SCALES, *SCALES, *VAGUE, *FRACTIONS, *CURRENCY_SYMBOLS,
                      *CURRENCY_CODES, *COUNTRY_CODES_ONLY, *UNICODE_FRACTIONS,
                      *(symbol[:-1] for symbol in CURRENCY_SYMBOLS if symbol.endswith("$"))})  # "US" "$" "5"


def could_start_number(word: str) -> bool:
    """Whether a number may start at a token whose text is ``word``: a digit in it, a hyphen ("two-thirds",
    "twenty-four"), a letter symbol ("KSh", "Rs."), or a word of ``_number_starts``. A superset of where
    ``read_number`` finds one, so that the scan makes a spaCy ``Token`` only there
    (``tests/test_numbers.py`` checks every position of the repository's articles)."""
    return any(c.isdigit() for c in word) or "-" in word or word.lower() in _number_starts() \
        or (word[:-1] if word.endswith(".") else word) in LETTER_SYMBOLS


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


def article_country(ctx, locations: list[Location]) -> str | None:
    """The country an article is from, as evidence for its currency symbols: the country of a wire dateline's
    place ("SYDNEY (Reuters) -") when there is one, else the country the article's places point to most
    (mentions summed per country code, the first named winning a tie); None when no place has a code."""
    coded = [loc for loc in locations if loc.country_code]
    if not coded:
        return None
    if dateline_length(ctx.doc) > 0:
        in_dateline = next((loc for loc in coded if 0 in loc.sentences), None)
        if in_dateline is not None:
            return in_dateline.country_code
    weight: dict[str, int] = {}
    for loc in coded:
        weight[loc.country_code] = weight.get(loc.country_code, 0) + max(loc.mentions, 1)
    return max(weight, key=lambda code: weight[code])  # max keeps the first of equals: dicts keep order


def resolve_currencies(figures: list[Figure], symbols: dict[int, str], country: str | None) -> None:
    """Give each figure written with a bare "$" or "¥" (or "dollars", "yen") the currency of the article's
    country, from ``currency_symbols.tsv``. Which evidence wins, strongest first:

    1. an explicit code or prefix on the amount itself ("US$", "A$", "C$", "AUD 5m", "Canadian dollars"):
       such a figure has no bare symbol and is never changed here;
    2. the country of the article's dateline; 3. the country its places point to most (``article_country``);
    4. the table's default row: "$" is USD, "¥" JPY ("£" is always GBP).
    The outlet is not evidence: extraction sees the body only (front-matter is not in its cache key)."""
    table = lexicon.currency_symbols()
    for fig in figures:
        symbol = symbols.get(id(fig))
        if symbol is None:
            continue
        fig.unit = table.get((symbol, country or "*")) or table.get((symbol, "*")) or fig.unit


def read_range(doc, n: Number, ctx, country: str | None = None) -> Number:
    """``n`` joined with the number after it when the two make a range: "40 to 60", "10-15 tonnes",
    "between $3 and $4", "3%-6%", "from 10 to 20". The range keeps ``n``'s start and value, ends where the
    second number ends, and shares one unit (the first that either end names). Not a range: a second
    number that is not larger ("won 3-2"), units that differ ("fell 0.3% to $15 billion"), "to" after a
    verb of change ("rose from 3% to 5%", "cut 10 to 5"), "and" without "between" before."""
    k = n.end
    if k < len(doc) and doc[k].text == "%" and n.unit is None:
        k += 1  # "3%-6%", "3% to 5%"
    if k + 1 >= len(doc):
        return n
    joint = doc[k].lower_
    before = doc[n.start - 1] if n.start > 0 else None
    if joint in RANGE_DASHES:
        if doc[k - 1].whitespace_ and doc[k].whitespace_:
            return n  # "12 - 3" spaced out is a dash in a sentence, not a range
    elif joint == "to":
        if before is not None and before.lower_ == "from" and before.head.lemma_.lower() in CHANGE_VERBS:
            return n
        if before is not None and before.lemma_.lower() in CHANGE_VERBS:
            return n
    elif joint == "and":
        if before is None or before.lower_ != "between":
            return n
    else:
        return n
    try:
        high = read_number(doc, k + 1, country)
    except (ValueError, OverflowError, ZeroDivisionError, IndexError):
        return n
    if high is None or high.vague or high.share != n.share or high.high is not None:
        return n
    unit = n.unit or (doc[n.end].text == "%" and "%") or None
    high_unit = high.unit or unit_after(doc, high.end)
    if unit and high_unit and unit != high_unit:
        return n
    low_value = n.value
    if high.value > low_value * 1000 and not _has_scale(doc, n) and _has_scale(doc, high):
        low_value *= high.value / _unscaled(doc, high)  # "1.5 to 2 million": the scale covers both ends
    if not high.value > low_value:
        return n
    return Number(n.start, high.end, low_value, None, unit or high.unit, share=n.share, symbol=n.symbol or high.symbol,
                  high=high.value, high_end=high.end, age=n.age)


def _has_scale(doc, n: Number) -> bool:
    return any(t.lower_ in SCALES or NUMERIC_SCALED.match(t.text) for t in doc[n.start:n.end])


def _unscaled(doc, n: Number) -> float:
    """The first number of ``n`` without its scale words ("2 million" → 2), 1 if there is none."""
    for t in doc[n.start:n.end]:
        read = token_value(t)
        if read is not None and read[1] is None:
            return read[0] or 1
    return 1


def number_word_value(token: Token) -> float | None:
    low = token.lower_
    if low in UNITS_WORDS:
        return UNITS_WORDS[low]
    if "-" in low and all(part in UNITS_WORDS for part in low.split("-")):  # twenty-four
        return sum(UNITS_WORDS[p] for p in low.split("-"))
    return None


def token_value(token: Token) -> tuple[float, float | None] | None:
    """(value, scale folded in) for one token, or None."""
    text = token.text.replace("−", "-")
    if NUMERIC.match(text):
        if "," in text and not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
            return None  # "1,2" or a list, not a thousands separator
        return float(text.replace(",", "")), None
    m = NUMERIC_SCALED.match(text)
    if m:
        return float(m.group(1).replace(",", "")) * SCALES[m.group(2).lower()], SCALES[m.group(2).lower()]
    m = FRACTION.match(text)
    if m and int(m.group(2)) in (2, 3, 4, 5, 8, 10) and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)) / int(m.group(2)), None  # "3/4"; not "9/11" or "24/7"
    if text in UNICODE_FRACTIONS:
        return UNICODE_FRACTIONS[text], None
    word = number_word_value(token)
    if word is not None:
        return float(word), None
    return None


def read_number(doc, i: int, country: str | None = None) -> Number | None:
    """The number that starts at token ``i`` (a currency symbol or code before it included), or None.

    ``country``: the ISO code of the article's country (``article_country``), which says what a letter symbol
    means ("R15" is rand in South Africa, a label elsewhere: ``resolve_letter_symbol``). Raises
    ValueError/IndexError on malformed digits; the caller skips those."""
    token = doc[i]
    low = token.lower_
    # "a dozen", "a million" (a scale word after "a" is one of it)
    if low in ("a", "an") and i + 1 < len(doc) and doc[i + 1].lower_ in WORD_SCALES:
        return Number(i, i + 2, WORD_SCALES[doc[i + 1].lower_], None, None)
    fraction = read_fraction(doc, i)
    if fraction is not None:
        return fraction
    if low in WORD_SCALES and not (i > 0 and doc[i - 1].lower_ in ("a", "an")):
        return None  # "dozen" or "hundred" with no count before it
    if low in VAGUE:
        # "hundreds of thousands", "tens of millions", "dozens": read whole, so that no word of it is taken
        # for a count, and marked vague (the caller drops it)
        end = i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in VAGUE:
            end += 2
        return Number(i, end, VAGUE[low], None, None, vague=True)
    currency = None
    symbol = None
    start = i
    if token.text.lower() in CURRENCY_SYMBOLS and i + 1 < len(doc):
        currency = CURRENCY_SYMBOLS[token.text.lower()]
        symbol = token.text if token.text in BARE_SYMBOLS else None  # "$": whose dollar is for the article to say
        i += 1
        token = doc[i]
    elif (low in CURRENCY_CODES or country is not None and COUNTRY_CODES_ONLY.get(low) == country) \
            and i + 1 < len(doc) and token_value(doc[i + 1]):
        currency = low.upper()
        i += 1
        token = doc[i]
    elif token.text.isupper() and token.text.lower() + "$" in CURRENCY_SYMBOLS and not token.whitespace_ \
            and i + 2 < len(doc) and doc[i + 1].text == "$":
        currency = CURRENCY_SYMBOLS[token.text.lower() + "$"]  # "US" "$" "5": split by the tokenizer
        i += 2
        token = doc[i]
    elif (apart := _letter_symbol_apart(doc, i, country)) is not None:
        currency, i = apart  # "KSh 2.6 billion", "Rs. 400", "Tk 500 crore"
        token = doc[i]
    glued = _glued_currency(doc, i, country) if currency is None else None
    if glued is not None:
        currency, glued_value, symbol = glued  # "HK$386", "NZ$40", "N2.2bn": one token
    unit_match = NUMERIC_UNIT.match(token.text.replace("−", "-"))
    if unit_match and not currency:  # "-5C", "40km"
        unit = unit_match.group(2)
        return Number(start, i + 1, float(unit_match.group(1).replace(",", "")), None, UNIT_SUFFIXES.get(unit, unit))
    span = RANGE_TOKEN.match(token.text)
    if span and _thousands_ok(span.group(1)) and _thousands_ok(span.group(2)):
        low_end, high_end = (float(g.replace(",", "")) for g in span.groups())
        if low_end < high_end:  # "5–7", "3,000–4,000": one token, both ends
            unit = currency or _currency_after(doc, i + 1)
            return Number(start, i + 1, low_end, None, unit, symbol=symbol, high=high_end, high_end=i + 1)
    read = (glued_value, None) if glued is not None else token_value(token)
    if read is None:
        return None
    if is_age_apposition(doc, i):
        return Number(i, i + 1, read[0], None, "years", age=True)
    if token.lower_ == "one" and not (i + 1 < len(doc) and doc[i + 1].lower_ in SCALES) and not _and_a_fraction(doc, i + 1):
        return None  # "one of the", "no one": rarely a figure on its own
    value, _ = read
    if i > 1 and doc[i - 1].text in ("-", "−") and not doc[i - 2].whitespace_ and doc[i - 2].text.isalpha():
        return None  # "F-35", "MH-17": part of a name or code
    negative = (i > 0 and doc[i - 1].text in ("-", "−") and not doc[i - 1].whitespace_
                and (i < 2 or (doc[i - 2].whitespace_ and not doc[i - 2].like_num)) and not currency)
    if negative:
        start = i - 1 if start == i else start
    if i > 0 and doc[i - 1].lower_ == "minus":
        negative, start = True, i - 1
    end = i + 1
    spaced = _spaced_groups(doc, i) if read[1] is None else None
    if spaced is not None:
        value, end = spaced  # "310 000", "R2 300 000": one number, not "310" and "000"
    top_scale = read[1] or 1  # the largest scale read so far: "two lakh and three lakh" is two numbers
    # compound number words: "two hundred", "three thousand", "5 million", "twenty-four"
    while end < len(doc):
        nxt = doc[end].lower_
        if nxt.endswith(".") and nxt[:-1] in SCALES:  # "£760m." at the end of a sentence
            nxt = nxt[:-1]
        if nxt == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and end + 1 < len(doc) \
                and WORD_SCALES.get(doc[end + 1].lower_, 0) >= 1000 and (currency or _currency_after(doc, end + 2)):
            value *= WORD_SCALES[doc[end + 1].lower_]  # "$5-million", "C$2.5-billion": Canadian house style
            end += 2
        elif nxt in SCALES and nxt not in ("m", "b", "k") or (nxt in ("m", "bn", "b", "k", "mn") and currency) \
                or _counted_scale(doc, end):
            value *= SCALES[nxt]
            top_scale = max(top_scale, SCALES[nxt])
            end += 1
        elif nxt == "and" and end + 1 < len(doc) and number_word_value(doc[end + 1]) is not None and value >= 100 \
                and not _scaled_again(doc, end + 2, top_scale):
            value += number_word_value(doc[end + 1])  # "two hundred and fifty"
            end += 2
            if end < len(doc) and doc[end].lower_ == "-" and end + 1 < len(doc) \
                    and (number_word_value(doc[end + 1]) or 10) < 10:
                value += number_word_value(doc[end + 1])  # "one hundred and twenty-five", split by the tokenizer
                end += 2
        elif _and_a_fraction(doc, end):
            value += FRACTIONS[doc[end + 2].lower_]  # "one and a half metres", "two and a quarter million"
            end += 3
        elif number_word_value(doc[end]) is not None and number_word_value(token) is not None and value >= 20 \
                and value % 10 == 0 and number_word_value(doc[end]) < 10:
            value += number_word_value(doc[end])
            end += 1
        elif nxt == "-" and end + 1 < len(doc) and number_word_value(token) is not None and value >= 20 \
                and value % 10 == 0 and (number_word_value(doc[end + 1]) or 10) < 10:
            value += number_word_value(doc[end + 1])  # "Twenty-one", split by the tokenizer
            end += 2
        else:
            break
    if negative:
        value = -value
    unit = currency
    if unit is None:
        unit = _currency_after(doc, end)
        if end < len(doc) and doc[end].lower_ in BARE_WORDS:
            symbol = BARE_WORDS[doc[end].lower_]  # "5 million dollars": whose dollars is for the article to say
    if unit is None and 0 < value < 130 and _after_aged(doc, start) and not _duration_follows(doc, end):
        return Number(start, end, value, None, "years", age=True)  # "aged 16", "aged 61 and 64", "aged 18 to 30"
    return Number(start, end, value, None, unit, symbol=symbol)


# a duration and a smaller one added to it, with how many of the smaller make one of the larger
SUB_DURATIONS = {("years", "months"): 12, ("hours", "minutes"): 60, ("minutes", "seconds"): 60,
                 ("weeks", "days"): 7, ("days", "hours"): 24}


def compound_duration(doc, n: Number, country: str | None = None) -> Number:
    """``n`` joined with a smaller duration added to it: "five years and three months" = 5.25 years, "two hours
    and 15 minutes" = 2.25 hours (one figure, in the larger unit, its end after the smaller unit's word).
    ``n`` unchanged when no such duration follows (or the smaller count is not below one of the larger)."""
    unit = unit_after(doc, n.end)
    if n.unit is not None or unit not in DURATION_UNITS or doc[n.end].lower_ in ("-", "–"):
        return n
    k = n.end + 1  # after the larger unit's word
    if k + 1 >= len(doc) or doc[k].lower_ != "and":
        return n
    try:
        part = read_number(doc, k + 1, country)
    except (ValueError, OverflowError, ZeroDivisionError, IndexError):
        return n
    if part is None or part.unit or part.high is not None or part.share or part.vague or part.age \
            or part.end >= len(doc) or doc[part.end].lower_ in ("-", "–"):
        return n
    factor = SUB_DURATIONS.get((unit, unit_after(doc, part.end)))
    if factor is None or not 0 < part.value < factor:
        return n
    return Number(n.start, part.end + 1, n.value + part.value / factor, n.qualifier, unit)


def _scaled_again(doc, k: int, top_scale: float) -> bool:
    """Whether the number word before token ``k`` takes a scale no larger than one already read: "two lakh and
    three lakh" (two numbers, a range or a list), unlike "two hundred and fifty thousand" (one)."""
    if k < len(doc) and doc[k].lower_ == "-" and k + 1 < len(doc) and number_word_value(doc[k + 1]) is not None:
        k += 2  # "… and twenty-five thousand", split by the tokenizer
    return k < len(doc) and doc[k].lower_ in WORD_SCALES and WORD_SCALES[doc[k].lower_] <= top_scale


THREE_DIGITS = re.compile(r"\d{3}")


def _spaced_groups(doc, i: int) -> tuple[float, int] | None:
    """(value, end) of a number written with spaces between groups of three digits, South African and SI style:
    "310 000", "4 750 000", "R310 000", or with a no-break, narrow no-break or thin space (which the tokenizer
    keeps as tokens of their own). Token ``i`` holds the first group (one to three digits, after a letter or
    symbol prefix at most); each further group is exactly three digits after exactly one such space. None when
    no group follows."""
    m = re.fullmatch(r"[^\d.,+\-−]*([1-9]\d{0,2})", doc[i].text)  # "0 415" is no grouped number
    if m is None:
        return None
    digits, j = m.group(1), i
    while True:
        if doc[j].whitespace_ == " " and j + 1 < len(doc) and THREE_DIGITS.fullmatch(doc[j + 1].text):
            j += 1
        elif not doc[j].whitespace_ and j + 2 < len(doc) and doc[j + 1].text in GROUP_SPACES \
                and not doc[j + 1].whitespace_ and THREE_DIGITS.fullmatch(doc[j + 2].text):
            j += 2
        else:
            break
        digits += doc[j].text
    return (float(digits), j + 1) if j > i else None


def _grouped_amount(text: str, match: re.Match) -> bool:
    """Whether a phone-like run of digits is an amount grouped by threes: "4 750 000 000 people", "R2 300 000",
    "… 250 000 000" that goes on from digits before it. A phone number stands alone: "call 083 555 0100."."""
    if not _spaced_thousands_text(match.group()):
        return False
    before, after = text[max(0, match.start() - 2):match.start()], text[match.end():match.end() + 2]
    return bool(re.match(r"\s?[a-z%]", after) or re.search(r"(\d\s|[^\W\d_]|[^\w\s.,])$", before))


def _spaced_thousands_text(text: str) -> bool:
    """'310 000', '12 400 000': digits grouped by threes with spaces (``_spaced_groups``), not a phone number."""
    return re.fullmatch(r"\d{1,3}(?:[ %s]\d{3})+" % "".join(GROUP_SPACES), text) is not None


AGE_WORDS = {"aged", "ages"}
# words the small model puts in a DATE label with a bare number that is an age or a count, not a date
AGE_CONTEXT = {"aged", "ages", "age", "and", "to", "between", "beyond", "past", "over", "under", "about",
               "around", "some", "nearly", "almost", "of", "at", "least", "or"}
# words that may stand between "aged" and its number: "aged about 40", "aged between 18 and 25", "aged at least 16"
AGE_HEDGES = {"between", "about", "around", "over", "under", "roughly", "nearly", "almost", "approximately",
              "from", "least", "at", "just", "some"}


def _after_aged(doc, start: int) -> bool:
    """Whether the number at ``start`` is an age given after "aged"/"ages" or "the age of": "aged 16", both of
    "aged 61 and 64", "aged 19, 23 and 40", "aged about 60", "at the age of 55", "children ages 5 to 11"."""
    k = start - 1
    while k >= 1 and doc[k].lower_ in ("and", "or", ",") and token_value(doc[k - 1]) is not None:
        k -= 2  # back over the ages listed before this one
    hedges = 0
    while k >= 0 and doc[k].lower_ in AGE_HEDGES and hedges < 2:
        k, hedges = k - 1, hedges + 1
    if k < 0:
        return False
    if doc[k].lower_ in AGE_WORDS:
        return True
    return doc[k].lower_ == "of" and k > 0 and doc[k - 1].lower_ in ("age", "ages")


def _duration_follows(doc, end: int) -> bool:
    """'aged 12 years in oak', 'aged between five and 17 months': a duration after the number, or after the
    range or list it starts, makes it no bare age in years (unless "years old")."""
    for k in range(end, min(len(doc), end + 3)):  # "and 17 months": the range's other end and its unit
        if doc[k].is_punct and doc[k].text not in ("-", "–"):
            return False
        unit = unit_after(doc, k)
        if unit in DURATION_UNITS:
            after = k + 1 + (doc[k].lower_ in ("-", "–"))
            return not (after < len(doc) and doc[after].lower_ in ("old", "-old"))
    return False


def _group_by_age(doc, start: int) -> bool:
    """'children under five', 'adults over 65': an age bound that names a group, part of its noun phrase."""
    return start > 1 and doc[start - 1].lower_ in ("under", "over") and doc[start - 2].tag_ == "NNS"


DURATION_UNITS = set(DURATIONS.values())
BARE_SYMBOLS = {"$", "¥"}  # "£" is GBP wherever the article is (currency_symbols.tsv)
BARE_WORDS = {"dollar": "$", "dollars": "$", "yen": "¥"}
# currency words whose currency is the article's country's ("5 million pesos" in Manila, "Sh" spelt out in
# Nairobi): the lower-case rows of currency_symbols.tsv, plural and singular; the '*' row (or none) is the
# default, and the row for the article's country wins (``resolve_currencies``)
for (_word, _country), _code in lexicon.currency_symbols().items():
    if _is_currency_word(_word):
        for _form in {_word, _word[:-1] if _word.endswith("s") else _word}:
            BARE_WORDS[_form] = _word
            if _country == "*" or _form not in CURRENCY_WORDS:
                CURRENCY_WORDS[_form] = lexicon.currency_symbols().get((_word, "*"))


def _glued_currency(doc, i: int, country: str | None) -> tuple[str, float, str | None] | None:
    """(ISO code, value, bare symbol or None) of a token that holds a currency symbol and its digits at once,
    as the tokenizer keeps "HK$386", "NZ$40", "R$5", "N2.2bn", "R640", "Sh412.5", "Rs.12" (a scale suffix
    glued too is folded in: "N2.2bn" = 2.2e9); None for any other token. A prefixed dollar names its currency
    (``currency_symbols.tsv``); a letter symbol means what ``resolve_letter_symbol`` says for the article's
    ``country``, and is no currency where ``_letter_label`` sees a road or a label ("the R62", "N5 highway")."""
    token = doc[i]
    m = GLUED_CURRENCY.match(token.text)
    if m is None:
        return None
    prefix, dot, digits, suffix = m.groups()
    suffixes = _WORDS["suffix"]
    if not _thousands_ok(digits) or (suffix is not None and suffix not in suffixes):
        return None
    value = float(digits.replace(",", "")) * (suffixes[suffix] if suffix else 1)
    if prefix in LETTER_SYMBOLS:
        if dot and len(prefix) == 1:
            return None  # "P.5" is no peso; "Rs.12" is twelve rupees
        glued_scale = suffix is not None or (not token.whitespace_ and i + 1 < len(doc)
                                             and doc[i + 1].lower_ in suffixes)
        code = resolve_letter_symbol(prefix, country, glued_scale)
        if code is None or (not glued_scale and not _scale_after(doc, i + 1) and _letter_label(doc, i, digits)):
            return None
        return code, value, None
    if dot:
        return None
    code = CURRENCY_SYMBOLS.get(prefix.lower())
    if code is None:
        return None
    return code, value, prefix if prefix in BARE_SYMBOLS else None


def resolve_letter_symbol(symbol: str, country: str | None, glued_scale: bool = False) -> str | None:
    """The ISO 4217 code a letter symbol ("R", "P", "Sh", "KSh", "Rs", "Tk", "N") stands for in an article from
    ``country`` (ISO 3166-1 alpha-2, or None when unknown), or None when it is no currency there. From the rows
    of ``currency_symbols.tsv``: the row for the article's country wins ("Rs" in Pakistan is PKR); else the
    symbol's '*' row ("Rs" is INR, "KSh" KES anywhere); a single letter's '*' row (the naira's "N") only with
    a scale glued on (``glued_scale``: "N5m"). A symbol with no '*' row ("R", "P", "K", "Sh") is a currency
    only in the countries listed for it: elsewhere "R2" or "P5" is a label."""
    rows = LETTER_SYMBOLS.get(symbol)
    if not rows:
        return None
    if country is not None and country in rows:
        return rows[country]
    if "*" in rows and (len(symbol) > 1 or glued_scale):
        return rows["*"]
    return None


def _scale_after(doc, k: int) -> bool:
    """A scale word at token ``k``: "R640 million", "P95-million", "Sh3 bn"."""
    if k < len(doc) and doc[k].text in ("-", "‐") and k + 1 < len(doc):
        k += 1
    return k < len(doc) and (doc[k].lower_ in WORD_SCALES or doc[k].lower_ in _WORDS["suffix"])


def _letter_label(doc, i: int, digits: str) -> bool:
    """Whether a letter symbol glued to ``digits`` at token ``i`` (with no scale) is a road or a label, not money:
    "the N1 to Kano", "the R62 near Oudtshoorn", "R300 road", "Form P5". A road or form number has no thousands
    separator and no decimals; "the R350 grant" (a noun after it) and "R15 for a bag of ice" are money."""
    if "," in digits or "." in digits:
        return False
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ROAD_WORDS or prev is not None and prev.lower_ in LABEL_WORDS:
        return True
    return prev is not None and prev.lower_ == "the" and not (nxt is not None and nxt.pos_ == "NOUN")


def _letter_symbol_apart(doc, i: int, country: str | None) -> tuple[str, int] | None:
    """(ISO code, index of the digits) for a letter symbol of two letters or more written apart from its digits:
    "KSh 2.6 billion", "Rs 5 crore", "Rs. 400" (the tokenizer splits the full stop off), "Tk 500", "USh 2bn".
    A single letter apart from digits ("R 20", "P 5") is never read: that is a label or an initial."""
    token = doc[i]
    text = token.text[:-1] if token.text.endswith(".") else token.text
    if len(text) < 2 or text not in LETTER_SYMBOLS:
        return None
    j = i + 1
    if j < len(doc) and doc[j].text == "." and text == token.text and not token.whitespace_:
        j += 1
    if j >= len(doc) or not doc[j].text[:1].isdigit() or token_value(doc[j]) is None:
        return None
    code = resolve_letter_symbol(text, country)
    return (code, j) if code is not None else None


def _thousands_ok(text: str) -> bool:
    """'3,000' and '3000' are numbers; '1,2' and '12,34' are not (a list, or a decimal comma)."""
    return "," not in text or re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text) is not None


def _currency_after(doc, end: int) -> str | None:
    """A currency named after the number: "5 million dollars", "300m euros", "40 Australian dollars", "20 GBP"."""
    if end >= len(doc):
        return None
    low = doc[end].lower_
    if low in CURRENCY_WORDS and not (low in ("pound", "pounds") and end + 1 < len(doc) and doc[end + 1].lower_ == "of"):
        return CURRENCY_WORDS[low]
    if low in CURRENCY_CODES:
        return doc[end].text.upper()
    for width in (1, 2):  # "Canadian dollars", "Hong Kong dollars"
        if end + width < len(doc) and doc[end + width].lower_ in BARE_WORDS:
            code = _country_of(doc[end:end + width].text)
            if code is not None:
                return lexicon.currency_symbols().get((BARE_WORDS[doc[end + width].lower_], code))
    return None


def _country_of(word: str) -> str | None:
    """ISO code of a country named or described by one word: "Australian", "Canada", "US"."""
    country = lexicon.country_index().get(word.lower())
    return country.code if country is not None else _demonym_codes().get(word.lower())


@lru_cache(maxsize=None)
def _demonym_codes() -> dict[str, str]:
    """'australian' → 'AU', built once (the first country listing a demonym keeps it)."""
    out: dict[str, str] = {}
    for c in lexicon.countries():
        for d in c.demonyms:
            out.setdefault(d.lower(), c.code)
    return out


def _and_a_fraction(doc, k: int) -> bool:
    """'… and a half', '… and a quarter' at token ``k``: the fraction added to the whole number before it."""
    return (k + 2 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].lower_ in ("a", "an")
            and doc[k + 2].lower_ in ("half", "quarter", "third"))


SHARE_DETERMINERS = {"the", "their", "its", "his", "her", "our", "your", "my", "them", "that", "those", "these", "all"}


def read_fraction(doc, i: int) -> Number | None:
    """A fraction at token ``i``: "two-thirds", "three quarters of", "a quarter", "half of the wells".

    The value is a share of a whole, rounded to two places (two-thirds → 0.67), and the Number is marked
    ``share`` so that its "of" leads to what it counts. "a quarter of a million" and "half a dozen" are
    plain numbers instead (250,000 and 6). Only a fraction with a count or "a" before it is read: "the
    third", "in the first quarter" are ordinals and dates; "a quarter-point cut", "a third term" are
    modifiers; "two quarters" alone is a duration."""
    n = len(doc)
    low = doc[i].lower_
    count, frac_at = None, None
    ratio = _one_in(doc, i)
    if ratio is not None:
        return ratio
    if "-" in low and low.count("-") == 1:  # "two-thirds" kept as one token
        left, right = low.split("-")
        if left in UNITS_WORDS and right in FRACTIONS:
            count, frac_at = UNITS_WORDS[left], i
    if count is None and low in ("a", "an", "one") and i + 1 < n and doc[i + 1].lower_ in FRACTIONS \
            and not doc[i + 1].lower_.endswith("s"):
        count, frac_at = 1, i + 1
        if doc[i + 1].lower_ == "half" and low != "one":
            return None  # "a half" is too rare a figure, and "an hour and a half" is read elsewhere
        follows = doc[i + 2].lower_ if i + 2 < n else "."
        if follows != "of" and not (i > 0 and doc[i - 1].lower_ == "by") and follows not in (".", ";", "!", "?") \
                and not (follows in ("and", "to", "or") and _fraction_at(doc, i + 3)):
            return None  # "a fifth, booster dose", "one third way": an ordinal; "cut by a third" is a share, and so
            # is "a fifth" in "between a fifth and a quarter of"
    hyphenated = False
    if count is None and (low in UNITS_WORDS or NUMERIC.match(doc[i].text)) and low != "zero":
        k = i + 1
        if k < n and doc[k].text in ("-", "‐") and not doc[i].whitespace_:
            k, hyphenated = k + 1, True
        if k < n and doc[k].lower_ in FRACTIONS and doc[k].lower_ != "half":
            count = UNITS_WORDS[low] if low in UNITS_WORDS else float(doc[i].text.replace(",", ""))
            frac_at = k
            if not hyphenated and not (k + 1 < n and doc[k + 1].lower_ == "of"):
                return None  # "two quarters" is a duration; "two quarters of" is a share
            if count > 10:
                return None
    if count is None and low == "half":
        if i > 0 and (doc[i - 1].lower_ in ("first", "second", "other", "latter", "former", "the", "a", "one")
                      or doc[i - 1].ent_type_ == "ORDINAL"):
            return None  # "the second half of the match": a part, not a share
        if i + 2 < n and doc[i + 1].lower_ in ("a", "an") and doc[i + 2].lower_ in WORD_SCALES:
            return Number(i, i + 3, 0.5 * WORD_SCALES[doc[i + 2].lower_], None, None)  # "half a dozen" = 6
        if i + 1 < n and (doc[i + 1].lower_ == "of" or doc[i + 1].lower_ in SHARE_DETERMINERS):
            return Number(i, i + 1, 0.5, None, None, share=True)  # "half of the wells", "half their value"
        return None
    if count is None:
        return None
    end = frac_at + 1
    after = doc[end] if end < n else None
    if after is not None and (after.text in ("-", "‐") or after.pos_ in ("NOUN", "PROPN") and after.lower_ != "of"):
        return None  # "a quarter-point cut", "a third term", "two-thirds majority" (a threshold, not a share)
    share = count * FRACTIONS[doc[frac_at].lower_]
    # "a quarter of a million": the fraction of a scale is a number, not a share
    if after is not None and after.lower_ == "of":
        k = end + 1 + (end + 1 < n and doc[end + 1].lower_ in ("a", "an"))
        if k < n and doc[k].lower_ in WORD_SCALES:
            return Number(i, k + 1, round(share * WORD_SCALES[doc[k].lower_], 6), None, None)
    return Number(i, end, round(share, 2), None, None, share=True)


def _fraction_at(doc, k: int) -> bool:
    """'a quarter', 'one third', 'three-quarters' at token ``k``: the second end of a range of fractions."""
    if k < len(doc) and "-" in doc[k].lower_:
        left, _, right = doc[k].lower_.partition("-")
        return left in UNITS_WORDS and right in FRACTIONS
    return k + 1 < len(doc) and (doc[k].lower_ in ("a", "an") or doc[k].lower_ in UNITS_WORDS) \
        and doc[k + 1].lower_ in FRACTIONS


def _one_in(doc, i: int) -> Number | None:
    """'one in five', '1 in 4', 'two in every three': a share of a whole (count / whole, two places), like a
    fraction -- so that neither number is read as a count of its own ("five bookings"). The count is at most
    ten and below the whole, the whole at most 1,000 and with no scale or unit after it ("one in 10 years")."""
    n = len(doc)
    if i + 2 >= n or doc[i + 1].lower_ != "in":
        return None
    k = i + 2 + (doc[i + 2].lower_ == "every")
    if k >= n:
        return None
    count, whole = token_value(doc[i]), token_value(doc[k])
    if count is None or whole is None or count[1] is not None or whole[1] is not None:
        return None
    if not (0 < count[0] <= 10 and count[0] < whole[0] <= 1000 and float(whole[0]).is_integer()):
        return None
    if k + 1 < n and (doc[k + 1].lower_ in SCALES or doc[k + 1].lower_ in ("-", "–")
                      or unit_after(doc, k + 1) is not None):
        return None
    return Number(i, k + 1, round(count[0] / whole[0], 2), None, None, share=True)


def is_age_apposition(doc, i: int) -> bool:
    """'Earl Thompson, 67, said', 'R. Devi, 44, of …': an age between commas after a name. The name is a
    PERSON, or a capitalised proper noun the small model left unlabelled or took for an organisation (a
    name with an initial, or one it does not know); a place, a date or a number before the comma is no name."""
    if not (0 < i - 1 and i + 1 < len(doc) and doc[i - 1].text == "," and doc[i + 1].text in (",", ")")
            and re.fullmatch(r"\d{1,3}", doc[i].text) is not None and 0 < int(doc[i].text) < 120):
        return False
    name = doc[i - 2]
    return name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and name.ent_type_ in ("", "ORG")
                                          and name.text[:1].isupper() and name.text[1:].islower())


def is_figure(doc, n: Number, ctx) -> bool:
    if n.age:
        return True
    first, _last = doc[n.start], doc[n.end - 1]
    text = doc[n.start:n.end].text
    number_token = next((t for t in doc[n.start:n.end] if token_value(t) is not None), first)
    ent = number_token.ent_type_
    if ent == "ORDINAL" and ORDINAL_TEXT.fullmatch(number_token.text):
        return False  # "third", "21st"; the small model's ORDINAL on "HK$144.5" or "1bn" is not believed: no ordinal
    if re.search(r"\d:\d\d|\d(am|pm)$", text.lower()) or (n.end < len(doc) and doc[n.end].lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "bst", "et", "utc")):
        return False
    after = " ".join(t.lower_ for t in doc[n.end:n.end + 3])
    if after.startswith(("o'clock", "o’clock", "in the morning", "in the afternoon", "in the evening", "at night")):
        return False  # "at about two in the morning": a time of day
    if PHONE.match(text) and not _spaced_thousands_text(text) or number_token.text.count("-") >= 2:
        return False
    if model_number_tail(doc, n):
        return False  # "Boeing 747-400": the whole is the aircraft's name
    if ent in NAME_ENTS and ent and not score_after_name(doc, n):
        name = ctx.ents.at(number_token.i)
        # a name needs a word of its own: "Apollo 11" is a name; a bare "288", or "85,642–85,643
        # tonnes", that the small model calls a facility or a person is still a number
        # ("81,066–95,124 lorries" tagged PERSON: a lower-case noun is no name of its own)
        if name is None or any(t.is_alpha and not n.start <= t.i < n.end and t.lower_ not in MEASURES
                               and t.lower_ not in CURRENCY_WORDS and not t.is_lower for t in name):
            return False
    if n.end < len(doc) and re.match(r"^(st|nd|rd|th)$", doc[n.end].lower_):
        return False
    prev = doc[n.start - 1] if n.start > 0 else None
    nxt = doc[n.end] if n.end < len(doc) else None
    # numbers inside names: "Boeing 747", "Apollo 11", "Route 66"
    if prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_start and prev.whitespace_ \
            and prev.lower_.rstrip(".") not in MONTHS and not n.unit and not (nxt is not None and nxt.pos_ == "NOUN") \
            and prev.ent_type_ not in ("GPE", "NORP", "DATE", "PERSON") and not score_after_name(doc, n):
        return False  # "iPhone 16 held up", "Boeing 747 landed"
    if re.search(r"[A-Za-z]\d|\d[A-Za-z]", number_token.text) and not NUMERIC_SCALED.match(number_token.text) \
            and not NUMERIC_UNIT.match(number_token.text) and not (n.unit and GLUED_CURRENCY.match(number_token.text)):
        return False
    # labels, not quantities: "section 114", "Route 66", "flight 370"
    if prev is not None and prev.lower_ in LABEL_WORDS and not n.unit:
        return False
    if nxt is not None and nxt.lower_ == "block" and n.end + 1 < len(doc) and doc[n.end + 1].lower_ == "of":
        return False  # "the 4500 block of Elm Street": an address in US police style
    # calendar: years and day numbers of dates
    if is_calendar(doc, n, number_token, ctx):
        return False
    # "a year or two", "a day or two": vague, not a count
    if prev is not None and prev.lower_ == "or" and number_word_value(first) is not None and n.value <= 3:
        return False
    # anaphoric small number words: "the two sides", "both three"
    if prev is not None and prev.lower_ in ANAPHORIC_DETS and number_word_value(first) is not None and n.value <= 3:
        return False
    if first.lower_ in UNITS_WORDS and nxt is not None and nxt.lower_ in ("another", "other", "of") and not n.unit \
            and n.value <= 10 and first.lower_ == "one" and not n.share:
        return False
    return True


def is_calendar(doc, n: Number, token: Token, ctx) -> bool:
    text = token.text
    if n.unit is not None and not doc[n.start].text[:1].isdigit():
        return False  # money written with its symbol ("$2101", "KSh 2101") is never a date, whatever the model says
    prev = doc[n.start - 1] if n.start > 0 else None
    nxt = doc[n.end] if n.end < len(doc) else None
    span = RANGE_TOKEN.match(text)
    if span and all(re.fullmatch(r"\d{4}", g) and 1000 <= int(g) <= 2100 for g in span.groups()):
        return True  # "2019–2021"
    if re.fullmatch(r"\d{4}", text) and 1000 <= int(text) <= 2100:
        return is_year(doc, n)
    if re.fullmatch(r"\d{1,2}", text) and ((prev is not None and prev.lower_.rstrip(".") in MONTHS) or (
            nxt is not None and nxt.lower_.rstrip(".") in MONTHS)):
        return True
    if re.fullmatch(r"\d{2}s|\d{4}s", text):  # the 1990s
        return True
    if re.fullmatch(r"\d{2}", text) and prev is not None and prev.text in ("'", "’") and not prev.whitespace_:
        return True  # "in ’98", "class of '04": a year cut to two digits
    if token.ent_type_ in ("DATE", "TIME") and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return False  # "closed at 7,662.51" taken for a date: no date or time is written with a thousands comma
    if token.ent_type_ in ("DATE", "TIME"):
        sent_ent = ctx.ents.at(token.i)
        if sent_ent is not None:
            words = {t.lower_ for t in sent_ent}
            if "ago" in words and unit_after(doc, n.end) in DURATION_UNITS and n.end + 1 < len(doc) \
                    and doc[n.end + 1].lower_ == "ago" and not words & MONTHS:
                return False  # "only three weeks ago", "11 years ago": a span of time counted back is a figure
            if words & MONTHS or "ago" in words or any(re.fullmatch(r"\d{4}", t.text) for t in sent_ent):
                return True
            if re.fullmatch(r"\d{1,3}", text) and not _group_by_age(doc, n.start) and not (
                    prev is not None and prev.text in ("'", "’")) and all(
                    re.fullmatch(r"\d{1,3}", t.text) or t.lower_ in AGE_CONTEXT for t in sent_ent):
                return False  # "aged 16", "working beyond 62", "when he was 15": the small model's DATE on a bare
                # number of one to three digits ("in ’80" is a year; "Six Thirty", "9-1-1" stay out)
            if not (words & (set(DURATIONS) | {d for d in DURATIONS.values()} | {"year-old", "old"})):
                end = max(sent_ent.end, n.end)  # the label may stop inside the number: "[Between 40 and] 60"
                after = doc[end] if end < len(doc) else None
                # "Between 20 and 30 people", "one and a half metres" mislabelled a date: a count or a
                # measure of something is a figure
                return not (after is not None and after.pos_ == "NOUN" and after.tag_ == "NNS"
                            or unit_after(doc, n.end) is not None or n.unit is not None)
    return False


# before a year: "in 2019", "since 2001", "by 2030"; not "and", "to": "1,500 marchers and 1998 ballots"
YEAR_BEFORE = {"in", "since", "by", "from", "until", "till", "before", "after", "during", "through", "of", "early",
               "late", "mid", "between", "circa", "c.", "around", "year", "summer", "winter", "spring", "autumn",
               "fall"}
# a year that dates a measure: "below 1990 levels", "2019 prices"
YEAR_NOUNS = {"levels", "level", "prices", "terms", "figures", "values", "rates", "standards"}
HEDGES_BEFORE_COUNT = {"than", "about", "nearly", "almost", "roughly", "approximately", "some", "least",
                       "estimated", "over", "under"}


def is_year(doc, n: Number) -> bool:
    """Whether a four-digit number from 1000 to 2100 is a year, read from its context, never its value:
    a month within three words before it ("May 2019", "5 May, 2019") or a word such as "in", "since",
    "by", "until", "from" just before it, a determiner or possessive before it ("the 2024 floods",
    "Britain's 2019 election"), or no counted noun or currency after it ("took office in 2019",
    "2019 was hot"). So "2019 people were arrested" and "paid 1999 pounds" are counts, and "in 2001"
    a year; a hedge ("more than 2000 soldiers") always makes a count."""
    if n.unit is not None and not doc[n.start].text[:1].isdigit():
        return False  # "$2000", "£1999": money written with its symbol is never a year
    prev = doc[n.start - 1] if n.start > 0 else None
    if prev is not None and prev.lower_ in HEDGES_BEFORE_COUNT and prev.lower_ != "around":
        return False
    if any(t.lower_.rstrip(".") in MONTHS for t in doc[max(0, n.start - 3):n.start]):
        return True
    if prev is not None and prev.lower_ in ("and", "or", "&") and n.start > 1 and _year_shaped(doc[n.start - 2]) \
            and is_year(doc, Number(n.start - 2, n.start - 1, float(doc[n.start - 2].text), None, None)):
        return True  # "the 2011 and 2021 censuses": joined to a year, a year
    if prev is not None and (prev.lower_ in YEAR_BEFORE or prev.pos_ in ("DET", "PRON") and prev.lower_ not in (
            "some", "any") or prev.tag_ in ("POS", "PRP$")):
        return True
    k = n.end
    while k < len(doc) and k < n.end + 2 and doc[k].pos_ == "ADJ":
        k += 1
    if k >= len(doc):
        return True
    if doc[k].lower_ in YEAR_NOUNS and n.unit is None:
        return True
    counted = (n.unit is not None or doc[k].tag_ in ("NNS", "NNPS") or doc[k].lower_ in CURRENCY_WORDS
               or doc[k].lower_ in MEASURES)
    return not counted


def _year_shaped(token: Token) -> bool:
    return re.fullmatch(r"\d{4}", token.text) is not None and 1000 <= int(token.text) <= 2100


ORDINAL_TEXT = re.compile(r"\d+(?:st|nd|rd|th)|[^\W\d_][\w-]*", re.IGNORECASE)  # "21st", "third"; not "1bn"
PREPOSITION_QUALIFIERS = {"over", "under", "below"}  # hedges only before a number: 'over 300', not 'over a dozen'


def _counted_scale(doc, end: int) -> bool:
    """'1.5m new homes', '2m people': a bare 'm' or 'k' glued to the number and followed by a plural noun
    is a million or a thousand; '100m sprint' or 'a 10m fall' (a singular noun) stays metres."""
    if doc[end].lower_ not in ("m", "k") or doc[end - 1].whitespace_:
        return False
    k = end + 1
    while k < len(doc) and k <= end + 2 and doc[k].pos_ == "ADJ":
        k += 1
    return k < len(doc) and doc[k].tag_ == "NNS"


def find_qualifier(doc, start: int, ctx) -> tuple[str | None, int | None]:
    """The hedge just before the number at ``start`` ('up to', 'about', ...) and where it begins."""
    sent_start = ctx.sentences[ctx.sentence_index(doc[start])].start
    first = doc[start]
    for phrase, label in QUALIFIERS:
        words = phrase.split()
        s = start - len(words)
        if s < sent_start or [t.lower_ for t in doc[s:start]] != words:
            continue
        if phrase in PREPOSITION_QUALIFIERS and not (first.like_num or first.text[:1].isdigit()):
            continue
        return label, s
    return None, None


def unit_after(doc, end: int) -> str | None:
    if end >= len(doc):
        return None
    t = doc[end]
    low = t.lower_
    if low in ("%", "percent", "pc", "pct"):  # "pct": wire style
        return "%"
    if low == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent":
        return "%"
    if low == "percentage" and end + 1 < len(doc) and doc[end + 1].lower_ in ("point", "points"):
        return "percentage points"
    if low == "basis" and end + 1 < len(doc) and doc[end + 1].lower_ in ("point", "points"):
        return "basis points"
    if low in MEASURES and MEASURES[low]:
        return MEASURES[low]
    if low in ("-", "–") and end + 1 < len(doc):
        low = doc[end + 1].lower_
    lemma = low.rstrip("s") if low.endswith("s") else low
    if lemma in DURATIONS:
        return DURATIONS[lemma]
    return None


def counted_object(doc, n: Number, last_counted: dict[int, Figure], sentence: int, ctx) -> str | None:
    """The noun phrase a number counts: '59 hostages' → 'hostages', 'two direct meetings' → 'direct meetings'.

    ``last_counted``: per sentence, the last figure found so far that has an object and no unit."""
    sent = ctx.sentences[sentence]
    if n.age:
        person = ctx.ents.ending_at(n.start - 1)
        if person is not None and person.label_ != "PERSON":
            person = None
        if person is not None:
            return f"age of {person.text}"
        name = _name_before_comma(doc, n.start, sent.start)
        return f"age of {name}" if name else "age"
    k = n.end
    # skip units and connectors: "%", "per cent", "million", "-year-old"
    while k < sent.end and (doc[k].lower_ in PERCENT_WORDS or doc[k].lower_ in ("per", "cent", "of", "-", "–")
                            or doc[k].lower_ in CURRENCY_WORDS or doc[k].lower_ in CURRENCY_CODES
                            or doc[k].lower_ in MEASURES or doc[k].lower_ in ("the", "their", "its", "his", "her")):
        if doc[k].lower_ == "of" and (n.unit in ("%",) or n.vague or n.share) or doc[k].lower_ != "of":
            k += 1
        else:
            break
    words: list[Token] = []
    while k < sent.end and len(words) < 6:
        t = doc[k]
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or (t.pos_ == "VERB" and t.tag_ in ("VBN", "VBG") and words == [] and
                                                  k + 1 < sent.end and doc[k + 1].pos_ == "NOUN"):
            words.append(t)
            k += 1
            if t.pos_ in ("NOUN", "PROPN") and not (k < sent.end and doc[k].pos_ in ("NOUN", "PROPN")):
                break
        else:
            break
    while words and words[-1].pos_ == "ADJ":
        words.pop()
    if words and len(words) == 1 and (words[0].lower_ in MEASURES or words[0].lower_ in PERCENT_WORDS):
        words = []  # a unit is not what is counted
    if words:
        obj = doc[words[0].i:words[-1].i + 1].text
        # "59 hostages being held in Gaza": keep a short participle clause
        return obj
    # "78 of the 112 drones": what the second number counts
    if k + 2 < sent.end and doc[k].lower_ == "of" and not n.unit:
        j = k + 1 + (doc[k + 1].lower_ in ("the", "its", "their"))
        if j + 1 < sent.end and token_value(doc[j]) is not None and doc[j + 1].pos_ == "NOUN":
            return doc[j + 1].text
    # "£168m in penalties": money or a share of something
    if n.unit and k + 1 < sent.end and doc[k].lower_ in ("in", "of", "for"):
        j = k + 1 + (doc[k + 1].lower_ in ("the", "a", "an", "its", "their") and k + 2 < sent.end)
        if doc[j].pos_ == "NOUN":
            return doc[j].text  # "£168m in penalties", "1,999 pounds for the trophy"
    # the number stands alone ("up to 24 believed to be alive"): it counts what an earlier figure counted
    earlier = [last_counted[sentence]] if sentence in last_counted and not n.unit else []
    tail = []
    j = n.end
    while j < sent.end and doc[j].pos_ in ("VERB", "AUX", "PART", "ADJ", "ADV") and len(tail) < 5:
        tail.append(doc[j])
        j += 1
    tail_text = doc[tail[0].i:tail[-1].i + 1].text if tail else ""
    if earlier:
        return (earlier[-1].object + (" " + tail_text if tail_text else "")).strip()
    head = doc[n.end - 1].head
    if head.pos_ == "NOUN" and n.end - 1 < head.i < sent.end and unit_after(doc, head.i) is None \
            and head.lower_ not in PERCENT_WORDS and head.lower_ not in MEASURES \
            and head.lower_ not in ("cent", "percent", "point", "points") \
            and head.lower_ not in CURRENCY_WORDS:  # "5 per cent", "90 pounds": the unit, not what is counted
        return head.text
    if tail_text:
        return tail_text
    return preceding_noun(doc, n.start, sent.start)


def _name_before_comma(doc, start: int, sent_start: int) -> str | None:
    """'R. Devi, 44': the proper nouns (and initials) right before the comma before token ``start``."""
    k = start - 2
    if k < sent_start or doc[start - 1].text != "," or doc[k].pos_ != "PROPN":
        return None
    j = k
    while j - 1 >= sent_start and (doc[j - 1].pos_ == "PROPN" or re.fullmatch(r"[A-Z]\.", doc[j - 1].text)) \
            and not doc[j - 1].is_sent_start and k - j < 4:
        j -= 1
    return doc[j:k + 1].text


def preceding_noun(doc, start: int, sent_start: int) -> str | None:
    """'the inflation target to 3%' → 'inflation target': the nearest noun phrase before the number."""
    k = start - 1
    while k >= max(sent_start, start - 4) and doc[k].pos_ not in ("NOUN", "PROPN"):
        k -= 1
    if k < sent_start or doc[k].pos_ not in ("NOUN", "PROPN") or doc[k].ent_type_ or doc[k].lower_ in PERCENT_WORDS \
            or doc[k].lower_ in SCALES or any(ch.isdigit() for ch in doc[k].text) or doc[k].text in LETTER_SYMBOLS:
        return None  # an amount ("Sh412.5", "crore") or a symbol ("KSh") before the number is no noun it counts
    j = k
    while j - 1 >= sent_start and doc[j - 1].pos_ in ("NOUN", "ADJ", "PROPN") and doc[j - 1].ent_type_ == "":
        j -= 1
    return doc[j:k + 1].text


def object_end(doc, n: Number, obj: str | None) -> int:
    """Where the figure's text ends: after its unit ("3%", "12 per cent") and the object that follows."""
    end = n.end
    while end < len(doc) and end < n.end + 2 and (
            doc[end].lower_ in ("%", "percent", "per", "cent", "pc", "pct", "percentage", "points", "basis")
            or doc[end].lower_ in MEASURES and (n.unit is None or n.unit in MEASURE_UNITS) and unit_after(doc, n.end)):
        end += 1
    if not obj:
        return end
    last_word = obj.split()[-1]
    for k in range(end, min(len(doc), end + 14)):
        if doc[k].text == last_word:
            return k + 1
        if "\n" in doc[k].text or doc[k].like_num or doc[k].text in CURRENCY_SYMBOLS:
            break  # a figure's text never runs into the next figure
    return end



DASHES = ("-", "–", "—")


def score_after_name(doc, n) -> bool:
    """Whether the number ``n`` is one side of a match score written right after a team's name: "beat
    Hull City 3-1", "past Leicester City 1-0". Both sides are whole numbers of one or two digits after a
    proper noun, so a model number ("Boeing 737-800", "Airbus 320-200") stays part of its name."""
    def small(i: int) -> bool:
        return 0 <= i < len(doc) and re.fullmatch(r"\d{1,2}", doc[i].text) is not None

    def after_name(i: int) -> bool:
        return i > 0 and doc[i - 1].pos_ == "PROPN"

    first = n.start
    if n.end - n.start != 1:
        return False
    if first + 1 < len(doc) and doc[first + 1].text in DASHES and small(first + 2):
        return small(first) and after_name(first)
    if first >= 2 and doc[first - 1].text in DASHES and small(first - 2):
        return small(first) and after_name(first - 2)
    return False


def model_number_tail(doc, n) -> bool:
    """Whether ``n`` is the part after the dash of a model number written after a name: the "400" of
    "Boeing 747-400" (the "747" is refused as a number inside a name)."""
    i = n.start
    return i >= 3 and doc[i - 1].text in DASHES and doc[i - 2].like_num and doc[i - 3].pos_ == "PROPN" \
        and not score_after_name(doc, n)
