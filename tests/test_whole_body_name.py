"""One body, one page: when the model labels a body's name whole once and, elsewhere, only its last words
(the first left out, often at a sentence's start), the short mention is the whole name
(``entities.whole_body_name``). Real spaCy pipeline; texts written for these tests."""
from __future__ import annotations

import pytest

from conftest import actors_of


def bodies(nlp, text: str) -> set[str]:
    return {name for name, a in actors_of(nlp, text).items() if a["type"] == "organisation"}


@pytest.mark.parametrize("text, whole, part", [
    ("Regulators asked Mojave Crest Power to explain why the lines stayed live.\n\nMojave Crest Power said in a "
     "statement that it was cooperating with investigators.", "Mojave Crest Power", "Crest Power"),
    ("The county has sued Tamarack Valley Water over the outage.\n\nTamarack Valley Water said the claim had "
     "no merit and that it would fight it in court.", "Tamarack Valley Water", "Valley Water"),
])
def test_a_body_named_whole_elsewhere_is_not_split_by_a_shorter_mention(nlp, text, whole, part):
    found = bodies(nlp, text)
    assert part not in found, found


def test_a_shorter_name_of_another_body_after_other_words_stays_its_own():
    from spacy.tokens import Doc, Span
    import spacy

    from generator.extract.entities import whole_body_name

    vocab = spacy.blank("en").vocab
    words = ["Royal", "Crest", "Bank", "said", ".", "Crest", "Bank", "fell", "and", "the", "Crest", "Bank", "rose"]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * 12)
    spans = [Span(doc, 0, 3, "ORG"), Span(doc, 5, 7, "ORG"), Span(doc, 10, 12, "ORG")]
    # "Crest Bank" after "." and after "the": the missing word "Royal" is not right before either
    assert [(s.start, s.end) for s in whole_body_name(doc, spans)] == [(0, 3), (5, 7), (10, 12)]
    doc2 = Doc(vocab, words=["Royal", "Crest", "Bank", "said", "Royal", "Crest", "Bank", "fell"],
               sent_starts=[True] + [False] * 7)
    spans2 = [Span(doc2, 0, 3, "ORG"), Span(doc2, 4, 5, "GPE"), Span(doc2, 5, 7, "ORG")]
    assert [(s.start, s.end, s.label_) for s in whole_body_name(doc2, spans2)] == [(0, 3, "ORG"), (4, 7, "ORG")]
