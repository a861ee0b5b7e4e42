"""``pipeline.CompiledAttributeMatch``: the model's attribute ruler finds its matches with numpy, and
finds exactly what spaCy's ``Matcher`` finds.

The ruler maps each fine tag to a part of speech and morphology and holds word exceptions; what it
writes (POS, MORPH, some lemmas) feeds every rule, so a difference here would change extractions.
Checked with the real model over every real article in the repository, then with made-up rulers that
use each kind of test the compiler reads, and with rulers it must leave to spaCy.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from generator import pipeline
from generator.pipeline import CompiledAttributeMatch
from generator.seed import read_body_only
from generator.settings import model_name

ROOT = Path(__file__).resolve().parent.parent


def real_bodies() -> list[str]:
    paths = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/gold*/articles/*.txt")])
    return [read_body_only(p).body for p in paths]


@pytest.fixture(scope="module")
def plain_model():
    """The model as spaCy loads it, with spaCy's own matcher in its attribute ruler."""
    return spacy.load(model_name())


def test_the_pipeline_finds_the_rulers_matches_with_the_compiled_matcher(nlp):
    rulers = [c for _, c in nlp.pipeline if isinstance(c, AttributeRuler)]
    assert rulers, "the pinned model has an attribute ruler"
    assert all(isinstance(r.match, CompiledAttributeMatch) for r in rulers)


def test_every_real_article_gets_the_same_matches_and_the_same_attributes(nlp, plain_model):
    bodies = real_bodies()
    assert len(bodies) > 100
    ruler = plain_model.get_pipe("attribute_ruler")
    compiled = CompiledAttributeMatch.compile(ruler)
    assert compiled is not None
    # the parse up to the ruler, then both finders over the same Doc
    before = [n for n in plain_model.pipe_names if plain_model.pipe_names.index(n) < plain_model.pipe_names.index("attribute_ruler")]
    with plain_model.select_pipes(enable=before):
        docs = list(plain_model.pipe(bodies))
    for doc in docs:
        assert compiled(doc) == AttributeRuler.match(ruler, doc)
    # and our whole pipeline writes the same attributes with either finder
    ours = nlp.get_pipe("attribute_ruler")
    model_only = ["digest_gazetteer", "digest_entity_fixes", "digest_extract"]
    with_compiled = [d.to_array([POS, MORPH, LEMMA, TAG]) for d in nlp.pipe(bodies[:40], disable=model_only)]
    compiled_match = ours.match
    del ours.match  # spaCy's own method again
    try:
        with_spacy = [d.to_array([POS, MORPH, LEMMA, TAG]) for d in nlp.pipe(bodies[:40], disable=model_only)]
    finally:
        ours.match = compiled_match
    assert all((a == b).all() for a, b in zip(with_compiled, with_spacy, strict=True))


def ruler_of(rules: list[tuple[list, dict]], index: int = 0) -> AttributeRuler:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs in rules:
        ruler.add(patterns, attrs, index=index)
    return ruler


MADE_UP = [
    ([[{"LOWER": "ran"}]], {"LEMMA": "run"}),
    ([[{"ORTH": {"IN": ["Ran", "Sat"]}}]], {"POS": "VERB"}),
    ([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_PUNCT": False}]], {"MORPH": "Case=Nom"}),
    ([[{"LOWER": {"REGEX": "^n'?t$"}}]], {"POS": "PART"}),
    ([[{"IS_SPACE": True}]], {"POS": "SPACE"}),
    ([[{"LOWER": "ice"}, {"LOWER": "cream"}]], {"POS": "NOUN"}),
    # two alternatives of one rule over the same token: the Matcher reports the rule's match once
    ([[{"LOWER": "sat"}], [{"ORTH": "Sat"}]], {"LEMMA": "sit"}),
    ([[{"LOWER": "never-seen-word"}]], {"POS": "X"}),
]


@pytest.mark.parametrize("text", ["Ran home, then Sat down and didn't eat ice cream.",
                                  "Sat  \n  ice cream ice", "", "n't nt n'tt ice", "cream ice"])
def test_each_kind_of_token_test_matches_as_spacys_matcher_does(text):
    ruler = ruler_of(MADE_UP)
    compiled = CompiledAttributeMatch.compile(ruler)
    assert compiled is not None
    tokens = spacy.blank("en").make_doc(text)
    doc = Doc(ruler.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    assert compiled(doc) == AttributeRuler.match(ruler, doc)


def test_a_rule_that_covers_two_tokens_writes_where_its_index_says():
    ruler = ruler_of([([[{"LOWER": "ice"}, {"LOWER": "cream"}]], {"LEMMA": "dessert"})], index=1)
    doc = Doc(ruler.vocab, words=["ice", "cream", "ice"])
    ruler.match = CompiledAttributeMatch.compile(ruler)
    ruler(doc)
    assert [t.lemma_ for t in doc] == ["", "dessert", ""]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "very", "OP": "+"}],            # an operator
    [{"LENGTH": {">=": 3}}],                   # a comparison, on a key not read
    [{"_": {"flag": True}}],                   # an extension
    [{"LOWER": {"FUZZY": "colour"}}],          # a predicate not read
    [{"IS_SPACE": "yes"}],                     # a flag given a string
])
def test_a_ruler_with_a_test_the_compiler_does_not_read_keeps_spacys_matcher(pattern):
    assert CompiledAttributeMatch.compile(ruler_of([([pattern], {"POS": "ADV"})])) is None
