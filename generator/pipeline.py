"""The spaCy pipeline: the pinned English model plus our rule components, registered the spaCy way.

Components added to the model's own pipeline, in order:

* ``digest_paragraphs`` (before the parser): a new line always starts a sentence, so
  sentence indexes follow the article's paragraphs.
* ``digest_gazetteer`` (an ``entity_ruler`` after the NER): outlets, organisations and
  regions from ``generator/data`` that the small model misses.
* ``digest_entity_fixes`` (after the NER): trims possessives off spans ("Adam Boehler’s")
  and repairs labels with article-level evidence (``extract/entities.py``).
* ``digest_extract``: runs the four extractors and stores plain dicts on ``doc._.digest``.

The model is loaded once per process (``load``). Its name comes from the
``DIGEST_SPACY_MODEL`` environment variable, so any installed English pipeline works.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from . import lexicon
from .extract.locations import capitals
from .seed import MAX_FILE_BYTES
from .settings import model_name

UNUSED_COMPONENTS: tuple[str, ...] = ()  # every model component feeds a rule: tagger, parser, lemmas, NER

if not Doc.has_extension("digest"):
    Doc.set_extension("digest", default=None)


@lru_cache(maxsize=2)
def load(name: str | None = None) -> Language:
    nlp = spacy.load(name or model_name(), exclude=list(UNUSED_COMPONENTS))
    # A seed's body has at most as many characters as the file has bytes (UTF-8; NFC never makes more
    # characters than the bytes they came from), so every seed the reader accepts can be parsed: spaCy's
    # default limit equals the seed limit today, and this keeps it so if either changes. The memory a
    # body of that size takes is measured by `make bench BENCH_ARGS=--scaling`.
    nlp.max_length = max(nlp.max_length, MAX_FILE_BYTES)
    from spacy.symbols import ORTH

    from . import lexicon

    for abbreviation in lexicon.stop_abbreviations():  # "Staff Sgt. Maria Lopes": one word, no sentence end
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler) and (compiled := CompiledAttributeMatch.compile(component)):
            component.match = compiled  # AttributeRuler.__call__ asks self.match; the rest stays spaCy's
    nlp.add_pipe("digest_paragraphs", before="parser")
    nlp.add_pipe("digest_gazetteer", after="ner")
    nlp.add_pipe("digest_entity_fixes", after="digest_gazetteer")
    nlp.add_pipe("digest_extract", last=True)
    from .extract.locations import city_index

    city_index()  # built once here, so forked workers share it instead of each building it
    return nlp


class CompiledAttributeMatch:
    """What ``AttributeRuler.match`` returns, found with numpy over the token columns instead of spaCy's
    ``Matcher``: the same sorted ``(rule index, match id, start, end)`` tuples, for rulers whose patterns
    are all plain token tests (``COLUMNS``: an equal value, ``IN``, ``NOT_IN``, ``REGEX``; no operators
    or extensions).

    Why: the English model's ruler (179 rules mapping tags to POS and morphology, and word exceptions)
    went through the ``Matcher`` in ~12 ms per 470-token generated article (``make bench``'s corpus), an
    eighth of the model's whole parse; this takes ~2 ms: a rule needing a word or tag the article lacks
    is skipped on a set lookup, the others are one numpy comparison per test. spaCy's own
    ``set_annotations`` still writes the attributes, so only the finding is ours;
    ``tests/test_attribute_match.py`` compares both over real articles.
    ``compile`` returns None for a ruler it cannot read exactly, which then keeps spaCy's matcher.
    """

    # pattern keys read here: strings compared by their hash, and flags (0/1) in spaCy's token columns
    COLUMNS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
               "IS_DIGIT")

    def __init__(self, ruler, rules: list[tuple[int, int, list[list[tuple]]]], columns: list[int]):
        self.ruler = ruler
        # (rule index, match id, [per token: [(column, op, hashes or regex, hashes as a set)]]), per alternative
        self.rules = rules
        self.columns = columns
        self.searched: dict[tuple[int, int], bool] = {}  # (rule's regex, string hash) -> found

    @classmethod
    def compile(cls, ruler) -> "CompiledAttributeMatch | None":
        from spacy.attrs import IDS

        strings = ruler.vocab.strings
        columns: list[int] = []
        rules = []
        for index, rule in enumerate(ruler.patterns):
            match_id = strings.add(str(index))  # AttributeRuler.add's key for its index-th rule
            for alternative in rule["patterns"]:
                if not isinstance(alternative, list):
                    return None  # a Doc, as a phrase pattern
                tokens = []
                for spec in alternative:
                    tests = [cls._token_test(str(key).upper(), value, strings) for key, value in spec.items()]
                    if None in tests:
                        return None
                    for key, _, _, _ in tests:
                        if IDS[key] not in columns:
                            columns.append(IDS[key])
                    tokens.append([(columns.index(IDS[key]), *rest) for key, *rest in tests])
                if not tokens:
                    return None
                rules.append((index, match_id, tokens))
        return cls(ruler, rules, columns)

    @classmethod
    def _token_test(cls, key: str, value, strings) -> tuple | None:
        """``(key, op, hashes or regex, hashes as a set)`` for one key of a token pattern, or None when it
        is not a test read here."""
        if key not in cls.COLUMNS:
            return None
        if not isinstance(value, dict):
            op, values = "IN", [value]
        elif len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            op, values = next(iter(value.items()))
        else:
            return None
        if op == "REGEX":
            return None if key.startswith("IS_") or not isinstance(values, str) else (key, op, re.compile(values),
                                                                                     frozenset())
        if key.startswith("IS_"):
            if not all(isinstance(v, bool) for v in values):
                return None
            hashed = [int(v) for v in values]
        elif all(isinstance(v, str) for v in values):
            hashed = [strings.add(v) for v in values]
        else:
            return None
        return key, op, numpy.array(hashed, dtype=numpy.uint64), frozenset(hashed)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        table = doc.to_array(self.columns).reshape(n, len(self.columns))
        found = set()  # the Matcher reports a rule's match once, whichever alternative found it
        present = [set(table[:, k].tolist()) for k in range(len(self.columns))]
        for index, match_id, tokens in self.rules:
            width = len(tokens)
            if width > n or any(op == "IN" and present[column].isdisjoint(wanted)
                                for tests in tokens for column, op, _, wanted in tests):
                continue  # a word or tag the rule needs is nowhere in the article (most of the exceptions)
            hit = numpy.ones(n - width + 1, dtype=bool)
            for offset, tests in enumerate(tokens):
                for column, op, values, _ in tests:
                    cells = table[offset:n - width + 1 + offset, column]
                    if op == "REGEX":  # the Matcher's: re.search over the token's string
                        hit &= self._searched(values, cells)
                        continue
                    seen = cells == values[0] if len(values) == 1 else numpy.isin(cells, values)
                    hit &= seen if op == "IN" else ~seen
                if not hit.any():
                    break
            for start in numpy.flatnonzero(hit).tolist():
                found.add((index, match_id, start, start + width))
        return sorted(found)

    def _searched(self, regex: re.Pattern, cells: numpy.ndarray) -> numpy.ndarray:
        strings = self.ruler.vocab.strings
        unique, where = numpy.unique(cells, return_inverse=True)
        found = []
        for value in unique.tolist():
            known = self.searched.get((id(regex), value))
            if known is None:
                known = self.searched[(id(regex), value)] = bool(regex.search(strings[value]))
            found.append(known)
        return numpy.array(found, dtype=bool)[where]


def model_identity(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


SENTENCE_ENDS = {".", "!", "?", "\"", "”", "’", "'", ":", ";", ")"}


@lru_cache(maxsize=None)
def _stopped_titles() -> frozenset[str]:
    """Titles written with a full stop ("Sgt.", "Rep.", "Coun."): the ranks' and the titles' lists."""
    return lexicon.stop_abbreviations() | frozenset(w for w in lexicon.titles() if w.endswith("."))


@Language.component("digest_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A new line starts a sentence; so does the text after a wire dateline ("LONDON (Reuters) -").

    The boundaries are written as one array: setting ``token.is_sent_start`` makes spaCy check the
    whole document for a parse each time, which once per line was quadratic in the article's length.
    """
    from .extract.entities import dateline_length

    if len(doc) < 2:
        return doc
    # int64 view of spaCy's uint64 column: "not a sentence start" is stored as -1
    sent_starts = doc.to_array(SENT_START).view(numpy.int64)
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            sent_starts[token.i + 1] = 1
    # "spokesperson Sgt. Tara Whitlock said", "Coun. Jordan Spence said": the parser ends a sentence at a
    # title's full stop, which cuts the title and the words before it off the name they describe
    stopped = _stopped_titles()
    for token in doc[:-1]:
        if token.text in stopped and doc[token.i + 1].text[:1].isupper() and sent_starts[token.i + 1] != 1:
            sent_starts[token.i + 1] = -1
            before = doc[token.i - 1] if token.i else None  # "… spokesperson Sgt. Tara": nor before it
            if before is not None and sent_starts[token.i] != 1 and before.text not in SENTENCE_ENDS \
                    and not before.is_space:
                sent_starts[token.i] = -1
    end = dateline_length(doc)
    if 0 < end < len(doc):
        sent_starts[end] = 1
        sent_starts[1:end] = -1
    doc.from_array([SENT_START], sent_starts.view(numpy.uint64))
    return doc


@Language.factory("digest_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    """Outlets, organisations and places from the curated lists, as an ``EntityRuler``.

    It runs after the NER and mostly fills gaps, so "Michael Bloomberg" stays a person and
    a longer name the model found ("International Federation of Red Cross …") stays whole.
    Only a listed name that wholly contains a shorter entity of the model's replaces it:
    "Liberal Democrats" over "Democrats", "Reform UK" over "UK".
    """
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=False)
    patterns = []

    def add(label: str, form: str, ent_id: str) -> None:
        form = lexicon.strip_the(form)
        if len(form) >= 2 and form.lower() not in AMBIGUOUS_SHORT_FORMS:
            patterns.append({"label": label, "pattern": form, "id": ent_id})

    for entry in lexicon.named_entries():
        for form in (entry.canonical, *entry.aliases):
            add("ORG", form, f"{entry.kind}:{entry.canonical}")
    for place in lexicon.places():  # single place words are left to the model: many are also names
        for form in (place.name, *place.aliases):
            if " " in form:
                add("FAC" if place.type == "facility" else "LOC", form, f"place:{place.name}")
    # countries and capitals the small model sometimes misses ("Kyiv and Moscow are due to …")
    for country in lexicon.countries():
        for form in (country.name, *country.aliases):
            if form not in AMBIGUOUS_PLACE_WORDS and not (form.isupper() and len(form) <= 3):
                patterns.append({"label": "GPE", "pattern": form})
    for capital in sorted({name for name, _ in capitals() if name}):
        if capital not in AMBIGUOUS_PLACE_WORDS:
            patterns.append({"label": "GPE", "pattern": capital})
    # The phrases are matched on their words (ORTH) alone, yet EntityRuler.add_patterns runs each one through
    # the pipeline before it (a ruler outside the pipeline counts every component as "before"): the tagger,
    # parser and lemmas of ~1,900 names, ~1.5 s of every model load, for nothing the matcher reads.
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
    return LongerNamesFirst(ruler)


class LongerNamesFirst:
    """The gazetteer's ``EntityRuler``, after dropping the model's entities that a listed name contains."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc) -> Doc:
        matches = self.ruler.match(doc)
        if matches and doc.ents:
            # a listed name that contains an entity starts at most as many tokens before the entity's end as
            # the longest match is long: only those starts are looked at, not every match for every entity
            ends_at: dict[int, list[int]] = defaultdict(list)
            for _, start, end in matches:
                ends_at[start].append(end)
            longest = max(end - start for _, start, end in matches)
            doc.ents = [e for e in doc.ents if not any(
                end - start > len(e) and e.end <= end
                for start in range(max(0, e.end - longest), _start_after_the(e) + 1) for end in ends_at.get(start, ()))]
        # What EntityRuler.__call__ does, without matching twice. EntityRuler.set_annotations re-reads the
        # list of entities for each match it adds (quadratic in a long article); it never replaces an entity
        # here (overwrite_ents=False), so it is given only the matches it would keep and an empty list, and
        # the entities already found are put back beside what it added.
        free = [m for m in matches if not any(t.ent_type for t in doc[m[1]:m[2]])]
        found = list(doc.ents)
        doc.ents = []
        self.ruler.set_annotations(doc, free)
        doc.ents = found + list(doc.ents)
        return doc


def _start_after_the(ent) -> int:
    return ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start


# Place names that are as often a person's name or an ordinary word in running text.
AMBIGUOUS_PLACE_WORDS = {"Chad", "Jordan", "Georgia", "Niger", "Turkey", "Male", "Victoria", "Hamilton", "Kingston",
                         "Georgetown", "Lincoln", "Washington", "Israel", "Nice", "Paris", "Sydney", "Florence",
                         "Roseau", "Castries", "Apia", "Avarua", "Alofi", "Adamstown", "Basseterre", "Belmopan"}




# Short aliases that are ordinary words or abbreviations for other things in running text.
AMBIGUOUS_SHORT_FORMS = {"is", "pa", "it", "fed", "who", "ap"}


@Language.component("digest_entity_fixes")
def entity_fixes(doc: Doc) -> Doc:
    from .extract.entities import fix_entities

    return fix_entities(doc)


@Language.component("digest_extract")
def extract_component(doc: Doc) -> Doc:
    """Run the extractors. A rule that fails on some odd text must not take the whole build down:
    the article keeps its text and sentences, and the failure is reported (the property tests call
    ``extract_doc`` directly, so such a failure still fails them)."""
    from .extract import empty_extraction, extract_doc

    try:
        doc._.digest = extract_doc(doc)
    except Exception as exc:  # noqa: BLE001 - reported, never silent
        print(f"warning: extraction failed on a text starting {doc.text[:60]!r}: {exc!r}; "
              "its panels are left empty", file=sys.stderr)
        doc._.digest = empty_extraction(doc)
    return doc
