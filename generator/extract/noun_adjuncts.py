"""Names the model took for people that only name a thing: "the Ridgeback fire", "the Elizabeth line".

A wildfire, a railway line, a report or a prize is often named after a person or a place ("the Ridgeback
fire forced evacuations", "use the Elizabeth line instead"), and a small model labels the name a person: the
archive then lists "Ridgeback" among its people. Such a mention is a **noun adjunct**: a determiner, the
name, then the lower-case noun it modifies ("the" + "Ridgeback" + "fire", parsed as a compound of "fire").

A person's name used as an adjunct still speaks of that person before some nouns ("the Trump
administration", "the Smith family", "the Navalny case"); ``data/person_adjunct_heads.txt`` lists them,
and a name before one of them is kept. Otherwise a name whose mentions are adjuncts or carry no person
evidence (``place_slots.person_evidence``: a title, an age, a speech verb, a given name before a surname,
a word another person of the article bears) is no one: its mentions are dropped from the entities.

A title alone after "the" ("the King Hussein Bridge" cut by the model to "the King") is no one's name either,
unless someone of the article holds it ("Treasurer Jim Chalmers … The Treasurer said": that person).

Precision first: one mention that says the name is a person's keeps every mention. Linear in the mentions.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from .. import lexicon
from .place_slots import people_words, person_evidence

DETERMINERS = {"the", "a", "an", "this", "that"}
MAX_ADJUNCT_GAP = 2  # lower-case words between the name and its noun: "the Ridgeback brush fire"


@lru_cache(maxsize=1)
def person_adjunct_heads() -> frozenset[str]:
    """``data/person_adjunct_heads.txt``: nouns after a name used as an adjunct that still speak of the person."""
    return lexicon.word_set("person_adjunct_heads.txt")


def adjunct_head(span: Span):
    """The lower-case noun ``span`` modifies as a noun adjunct after a determiner, or None: "the Ridgeback
    fire" gives "fire". The parse must make the name's last word a compound of that noun, at most
    ``MAX_ADJUNCT_GAP`` lower-case words after the name."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in DETERMINERS:
        return None
    last = span[-1]
    head = last.head
    if last.dep_ != "compound" or not span.end <= head.i <= span.end + MAX_ADJUNCT_GAP or head.pos_ != "NOUN" \
            or not all(t.is_lower and t.is_alpha for t in doc[span.end:head.i + 1]):
        return None
    return head


def adjunct_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` without the people whose name only modifies a thing's noun (module docstring), and without
    a title standing alone after "the"."""
    people: dict[str, list[Span]] = {}
    for s in spans:
        if s.label_ == "PERSON" and not s.id_:
            people.setdefault(s.text, []).append(s)
    others = people_words(people)
    titles = lexicon.titles()
    # "Treasurer Jim Chalmers …. The Treasurer said": a title someone of the article holds is that person
    held = {s[0].text for s in spans if s.label_ == "PERSON" and len(s) > 1} | {
        doc[s.start - 1].text for s in spans if s.label_ == "PERSON" and s.start > 0}
    dropped: set[str] = set()
    for text, mentions in people.items():
        if len(mentions[0]) == 1 and titles.get(text) == "title" and text not in held and all(
                m.start > 0 and doc[m.start - 1].lower_ == "the" for m in mentions):
            dropped.add(text)  # "the King": a title, no name
            continue
        heads = [adjunct_head(m) for m in mentions]
        if not any(h is not None for h in heads) or any(
                h is not None and (h.lemma_.lower() in person_adjunct_heads() or h.lower_ in person_adjunct_heads())
                for h in heads):
            continue
        own = others.get(text, set())
        if any(h is None and person_evidence(m, own) for m, h in zip(mentions, heads)):
            continue
        dropped.add(text)
    return [s for s in spans if not (s.label_ == "PERSON" and not s.id_ and s.text in dropped)]
