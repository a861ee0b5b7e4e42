"""Key figures: every newsworthy number with its hedge, unit, what it counts and its sentence.

A scan over tokens finds number expressions (digits, number words, "a dozen", "hundreds
of", "$5m", "1.2bn", "12 per cent"), then rules drop what is not a figure: calendar
dates and years, times of day, ordinals, phone numbers, numbers inside names, and
small anaphoric numbers ("the two sides"). GDELT's AMOUNTS field is the model; unlike
it we keep percentages and the hedge ("up to", "at least").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Token

from ..models import Figure

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "lakh": 100_000, "crore": 10_000_000,
          "million": 1_000_000, "m": 1_000_000,
          "mn": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
          "b": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
# plural vague amounts: "hundreds of" → at least 100
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
         "billions": 1_000_000_000, "tens": 10}
VAGUE_COMPOUNDS = {("tens", "thousands"): 10_000, ("hundreds", "thousands"): 100_000, ("tens", "millions"): 10_000_000,
                   ("hundreds", "millions"): 100_000_000}
QUALIFIERS = [
    ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"), ("at least", "at least"),
    ("no fewer than", "at least"), ("no less than", "at least"), ("at most", "up to"),
    ("more than", "more than"), ("over", "more than"), ("upwards of", "more than"), ("in excess of", "more than"),
    ("fewer than", "fewer than"), ("less than", "less than"), ("under", "less than"), ("below", "less than"),
    ("almost", "almost"), ("nearly", "nearly"), ("close to", "nearly"), ("just under", "almost"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("circa", "about"), ("c.", "about"),
]
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
                    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
                    "₪": "ILS", "₽": "RUB", "₩": "KRW", "₺": "TRY", "r$": "BRL"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
                  "rubles": "RUB", "shekel": "ILS", "shekels": "ILS", "francs": "CHF", "won": "KRW",
                  "lira": "TRY", "rand": "ZAR", "naira": "NGN", "pesos": "MXN", "riyals": "SAR", "dirhams": "AED"}
CURRENCY_CODES = {"usd", "eur", "gbp", "aud", "cad", "jpy", "cny", "inr", "chf", "nzd"}
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
DURATIONS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
             "month": "months", "year": "years", "decade": "decades", "century": "centuries"}
PERCENT_WORDS = {"%", "percent", "per cent", "percentage points", "pc"}
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


def extract(ctx) -> list[Figure]:
    doc = ctx.doc
    figures: list[Figure] = []
    seen: dict[tuple, Figure] = {}
    in_sentences: dict[tuple, set[int]] = {}  # each figure's sentences as a set: a figure repeated in every
    # sentence made the membership test on its list quadratic
    last_counted: dict[int, Figure] = {}  # per sentence, the last figure with an object and no unit
    phone_chars = [(m.start(), m.end()) for m in PHONE_TEXT.finditer(ctx.text)
                   if sum(ch.isdigit() for ch in m.group()) >= 9]
    # phone numbers do not overlap and come in order: bisect for the one a token may fall in
    phone_starts = [a for a, _ in phone_chars]
    i = 0
    while i < len(doc):
        found = None
        k = bisect_right(phone_starts, doc[i].idx) - 1
        if k >= 0 and doc[i].idx < phone_chars[k][1]:
            i += 1
            continue
        if not ctx.in_credits(doc[i]):
            try:
                found = read_number(doc, i)
            except (ValueError, OverflowError, ZeroDivisionError, IndexError):
                found = None
        if found is None:
            i += 1
            continue
        i = max(found.end, i + 1)
        if not is_figure(doc, found, ctx):
            continue
        sentence = ctx.sentence_index(doc[found.start])
        qualifier, q_start = find_qualifier(doc, found.start, ctx)
        if found.vague:
            qualifier = "at least"
        unit = found.unit or unit_after(doc, found.end)
        obj = counted_object(doc, found, last_counted, sentence, ctx)
        span_start = q_start if q_start is not None else found.start
        span_end = object_end(doc, found, obj)
        text = doc[span_start:span_end].text.strip().rstrip(".,;:")
        value = int(found.value) if float(found.value).is_integer() else round(found.value, 6)
        key = (value, unit, (obj or "").lower())
        if key in seen:
            fig = seen[key]
            if sentence not in in_sentences[key]:
                in_sentences[key].add(sentence)
                fig.sentences.append(sentence)
            continue
        fig = Figure(value=value, qualifier=qualifier if qualifier else None, unit=unit, object=obj,
                     text=text, sentence=sentence, sentences=[sentence])
        seen[key] = fig
        in_sentences[key] = {sentence}
        figures.append(fig)
        if fig.object and not fig.unit:
            last_counted[sentence] = fig
    return figures


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


def read_number(doc, i: int) -> Number | None:
    token = doc[i]
    low = token.lower_
    # "a dozen", "half a million"
    if low in ("a", "an") and i + 1 < len(doc) and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion"):
        value = 12 if doc[i + 1].lower_ == "dozen" else SCALES[doc[i + 1].lower_]
        return Number(i, i + 2, value, None, None)
    if low == "half" and i + 2 < len(doc) and doc[i + 1].lower_ == "a" and doc[i + 2].lower_ in SCALES:
        return Number(i, i + 3, 0.5 * SCALES[doc[i + 2].lower_], None, None)
    if low == "dozen" and not (i > 0 and doc[i - 1].lower_ in ("a", "an")):
        return None
    if low in VAGUE and i + 2 < len(doc) and doc[i + 1].lower_ == "of" and (low, doc[i + 2].lower_) in VAGUE_COMPOUNDS:
        return Number(i, i + 3, VAGUE_COMPOUNDS[(low, doc[i + 2].lower_)], None, None, vague=True)  # "tens of thousands"
    if low in VAGUE and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
        return Number(i, i + 1, VAGUE[low], None, None, vague=True)
    if low in VAGUE and low != "scores" and i + 1 < len(doc) and doc[i + 1].tag_ in ("VBN", "VBD") \
            and doc[i + 1].pos_ in ("VERB", "ADJ"):
        return Number(i, i + 1, VAGUE[low], None, None, vague=True)  # "dozens injured", "hundreds arrested"
    currency = None
    start = i
    if token.text.lower() in CURRENCY_SYMBOLS and i + 1 < len(doc):
        currency = CURRENCY_SYMBOLS[token.text.lower()]
        i += 1
        token = doc[i]
    elif low in CURRENCY_CODES and i + 1 < len(doc) and token_value(doc[i + 1]):
        currency = low.upper()
        i += 1
        token = doc[i]
    elif token.text in ("US", "A", "C", "NZ", "HK", "S", "AU", "CA") and not token.whitespace_ and i + 2 < len(doc) \
            and doc[i + 1].text == "$":
        currency = CURRENCY_SYMBOLS.get(token.text.lower() + "$", "USD")
        i += 2
        token = doc[i]
    unit_match = NUMERIC_UNIT.match(token.text.replace("−", "-"))
    if unit_match and not currency:  # "-5C", "40km"
        unit = unit_match.group(2)
        return Number(start, i + 1, float(unit_match.group(1).replace(",", "")), None, UNIT_SUFFIXES.get(unit, unit))
    read = token_value(token)
    if read is None:
        return None
    if is_age_apposition(doc, i):
        return Number(i, i + 1, read[0], None, "years", age=True)
    if token.lower_ == "one" and not (i + 1 < len(doc) and doc[i + 1].lower_ in SCALES):
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
    # compound number words: "two hundred", "three thousand", "5 million", "twenty-four"
    while end < len(doc):
        nxt = doc[end].lower_
        if nxt.endswith(".") and nxt[:-1] in SCALES:  # "£760m." at the end of a sentence
            nxt = nxt[:-1]
        if nxt in SCALES and nxt not in ("m", "b", "k") or (nxt in ("m", "bn", "b", "k", "mn") and currency) \
                or _counted_scale(doc, end):
            value *= SCALES[nxt]
            end += 1
        elif nxt == "and" and end + 1 < len(doc) and number_word_value(doc[end + 1]) is not None and value >= 100:
            value += number_word_value(doc[end + 1])  # "two hundred and fifty"
            end += 2
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
    # a currency word or code after: "5 million dollars", "300m euros"
    if unit is None and end < len(doc) and doc[end].lower_ in CURRENCY_WORDS and not (
            doc[end].lower_ in ("pound", "pounds") and end + 1 < len(doc) and doc[end + 1].lower_ == "of"):
        unit = CURRENCY_WORDS[doc[end].lower_]
    elif unit is None and end < len(doc) and doc[end].lower_ in CURRENCY_CODES:
        unit = doc[end].text.upper()
    return Number(start, end, value, None, unit)


def is_age_apposition(doc, i: int) -> bool:
    """'Earl Thompson, 67, said': an age between commas after a name."""
    return (0 < i - 1 and i + 1 < len(doc) and doc[i - 1].text == "," and doc[i + 1].text in (",", ")")
            and doc[i - 2].ent_type_ == "PERSON" and re.fullmatch(r"\d{1,3}", doc[i].text) is not None)


def is_figure(doc, n: Number, ctx) -> bool:
    if n.age:
        return True
    first, _last = doc[n.start], doc[n.end - 1]
    text = doc[n.start:n.end].text
    number_token = next((t for t in doc[n.start:n.end] if token_value(t) is not None), first)
    ent = number_token.ent_type_
    if ent == "ORDINAL":
        return False
    if re.search(r"\d:\d\d|\d(am|pm)$", text.lower()) or (n.end < len(doc) and doc[n.end].lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "bst", "et", "utc")):
        return False
    after = " ".join(t.lower_ for t in doc[n.end:n.end + 3])
    if after.startswith(("o'clock", "o’clock", "in the morning", "in the afternoon", "in the evening", "at night")):
        return False  # "at about two in the morning": a time of day
    if PHONE.match(text) or number_token.text.count("-") >= 2:
        return False
    if ent in NAME_ENTS and ent:
        return False
    if n.end < len(doc) and re.match(r"^(st|nd|rd|th)$", doc[n.end].lower_):
        return False
    prev = doc[n.start - 1] if n.start > 0 else None
    nxt = doc[n.end] if n.end < len(doc) else None
    # numbers inside names: "Boeing 747", "Apollo 11", "Route 66"
    if prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_start and prev.whitespace_ \
            and prev.lower_.rstrip(".") not in MONTHS and not n.unit and not (nxt is not None and nxt.pos_ == "NOUN") \
            and prev.ent_type_ not in ("GPE", "NORP", "DATE", "PERSON"):
        return False  # "iPhone 16 held up", "Boeing 747 landed"
    if re.search(r"[A-Za-z]\d|\d[A-Za-z]", number_token.text) and not NUMERIC_SCALED.match(number_token.text) \
            and not NUMERIC_UNIT.match(number_token.text):
        return False
    # labels, not quantities: "section 114", "Route 66", "flight 370"
    if prev is not None and prev.lower_ in LABEL_WORDS and not n.unit:
        return False
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
            and n.value <= 10 and first.lower_ == "one":
        return False
    return True


def is_calendar(doc, n: Number, token: Token, ctx) -> bool:
    text = token.text
    prev = doc[n.start - 1] if n.start > 0 else None
    nxt = doc[n.end] if n.end < len(doc) else None
    if re.fullmatch(r"\d{4}", text) and 1000 <= int(text) <= 2100 and not n.unit:
        hedged = prev is not None and prev.lower_ in ("than", "about", "around", "nearly", "almost", "roughly",
                                                      "approximately", "some", "least", "estimated")
        return not hedged  # "2024 floods" is a year; "more than 2000 soldiers" is a count
    if re.fullmatch(r"\d{1,2}", text) and ((prev is not None and prev.lower_.rstrip(".") in MONTHS) or (
            nxt is not None and nxt.lower_.rstrip(".") in MONTHS)):
        return True
    if re.fullmatch(r"\d{2}s|\d{4}s", text):  # the 1990s
        return True
    if token.ent_type_ in ("DATE", "TIME"):
        sent_ent = ctx.ents.at(token.i)
        if sent_ent is not None:
            words = {t.lower_ for t in sent_ent}
            if words & MONTHS or "ago" in words or any(re.fullmatch(r"\d{4}", t.text) for t in sent_ent):
                return True
            if not (words & (set(DURATIONS) | {d for d in DURATIONS.values()} | {"year-old", "old"})):
                after = doc[sent_ent.end] if sent_ent.end < len(doc) else None
                # "Between 20 and 30 people" mislabelled a date: a count of something is a figure
                return not (after is not None and after.pos_ == "NOUN" and after.tag_ == "NNS")
    return False


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
    if low in ("%", "percent", "pc"):
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
        return f"age of {person.text}" if person is not None else "age"
    k = n.end
    # skip units and connectors: "%", "per cent", "million", "-year-old"
    while k < sent.end and (doc[k].lower_ in PERCENT_WORDS or doc[k].lower_ in ("per", "cent", "of", "-", "–")
                            or doc[k].lower_ in CURRENCY_WORDS or doc[k].lower_ in CURRENCY_CODES
                            or doc[k].lower_ in MEASURES or doc[k].lower_ in ("the", "their", "its", "his", "her")):
        if doc[k].lower_ == "of" and n.unit in ("%",) or doc[k].lower_ == "of" and n.vague or doc[k].lower_ != "of":
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
    if n.unit and k + 1 < sent.end and doc[k].lower_ in ("in", "of", "for") and doc[k + 1].pos_ == "NOUN":
        return doc[k + 1].text
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
            and head.lower_ not in PERCENT_WORDS and head.lower_ not in MEASURES:
        return head.text
    if tail_text:
        return tail_text
    return preceding_noun(doc, n.start, sent.start)


def preceding_noun(doc, start: int, sent_start: int) -> str | None:
    """'the inflation target to 3%' → 'inflation target': the nearest noun phrase before the number."""
    k = start - 1
    while k >= max(sent_start, start - 4) and doc[k].pos_ not in ("NOUN", "PROPN"):
        k -= 1
    if k < sent_start or doc[k].pos_ not in ("NOUN", "PROPN") or doc[k].ent_type_ or doc[k].lower_ in PERCENT_WORDS:
        return None
    j = k
    while j - 1 >= sent_start and doc[j - 1].pos_ in ("NOUN", "ADJ", "PROPN") and doc[j - 1].ent_type_ == "":
        j -= 1
    return doc[j:k + 1].text


def object_end(doc, n: Number, obj: str | None) -> int:
    """Where the figure's text ends: after its unit ("3%", "12 per cent") and the object that follows."""
    end = n.end
    while end < len(doc) and end < n.end + 2 and (
            doc[end].lower_ in ("%", "percent", "per", "cent", "pc", "percentage", "points", "basis")
            or doc[end].lower_ in MEASURES and n.unit is None and unit_after(doc, n.end)):
        end += 1
    if not obj:
        return end
    last_word = obj.split()[-1]
    for k in range(end, min(len(doc), end + 14)):
        if doc[k].text == last_word:
            return k + 1
        if "\n" in doc[k].text:
            break
    return end

