"""The per-document look-ups of ``generator/extract/index.py`` that rules read instead of making a
``Token`` for every word: ``words``, ``text`` and ``tokens``.

They are a speed-up only (issue 17: the rules ran at about half the cost of the model's own parse), so
what is checked is that each gives what spaCy's own reading gives, with the real pipeline, on real
articles and on texts with the odd tokens rules look for (curly quotes, dashes, honorifics, "&").
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract import index
from generator.seed import read_body_only

ROOT = Path(__file__).resolve().parent.parent

ODD = [
    "",
    "Word",
    "Dr Ama Mensah-Boateng and Mr. Li said “no” – twice – at the Fish & Wildlife Service.\n\nPT Bank Raya rose 5%.",
    "“Digong” Salcedo, 71, told PSV's fans in Tromsø: ‘We go on.’",
]


def texts() -> list[str]:
    paths = sorted(ROOT.glob("tests/gold_k/articles/*.txt"))[:4]
    assert paths, "tests/gold_k/articles holds the blind set these checks read"
    return [read_body_only(p).body for p in paths] + ODD


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(texts()))


def test_words_and_text_are_what_the_tokens_say(docs):
    for doc in docs:
        assert index.words(doc) == [t.text for t in doc]
        assert index.text(doc) == doc.text
        assert index.words(doc) is index.words(doc)  # read once per document, then kept


@pytest.mark.parametrize("start, stop", [(None, None), (None, -1), (1, -2), (2, None), (0, 3), (-4, None), (5, 2)])
def test_tokens_take_the_slice_and_the_test_of_the_words(docs, start, stop):
    tests = [lambda w: w[:1].isupper(), lambda w: w.lower() in ("and", "&"), lambda w: w in ("“", "‘", "–"),
             lambda w: False]
    for doc in docs:
        for keep in tests:
            want = [t.i for t in doc[start:stop] if keep(t.text)] if len(doc) else []
            assert [t.i for t in index.tokens(doc, keep, start, stop)] == want


def test_lower_and_alpha_are_the_string_methods_the_rules_use_instead(docs):
    # the rules test words with str.lower, str.isalpha and str.islower where they read lower_, is_alpha and
    # is_lower before: spaCy defines those lexical attributes as the same string methods
    for doc in docs:
        for token in doc:
            assert token.lower_ == token.text.lower()
            assert token.is_alpha == token.text.isalpha()
            assert token.is_lower == token.text.islower()
