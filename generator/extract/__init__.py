"""Stage 2: extraction. Turns a parsed spaCy ``Doc`` of an article body into an ``Extraction``.

Each extractor is a module with one ``extract(ctx)`` function; they share a ``DocContext``
that knows the article's sentences, which of them are credit lines, and the per-document
look-ups (``index.py``) that keep every rule linear in the article's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..models import Extraction
from . import actors, figures, index, locations, sources, title
from .entities import dateline_length
from .index import EntityIndex

CREDIT_LINE = re.compile(
    r"^\W*(additional reporting|reporting|writing|editing|edited|written|compiled|produced|"
    r"with reporting|contributing)( and [a-z]+)? by\b"
    r"|\bcontributed( reporting)? to this (report|story|article)\b", re.IGNORECASE)


@dataclass
class DocContext:
    doc: Doc
    sentences: list[Span]  # the article's sentences, blank ones left out: what extraction indexes refer to
    sentence_of_token: list[int]
    credit_sentences: set[int] = field(default_factory=set)
    ents: EntityIndex = None  # type: ignore[assignment]  # doc.ents, read once (set by build_context)
    doc_sentences: list[Span] = field(default_factory=list)  # every sentence spaCy made, blank ones too
    doc_sentence_of_token: list[int] = field(default_factory=list)
    text: str = ""  # doc.text, which spaCy joins from every token at each access: read it once, here
    lede: int = 0  # index of the lede sentence: 1 when a dateline ("COLUMBUS, Ohio —") is a sentence of its own
    _subtree_last: list[int] | None = None

    def sentence_index(self, token: Token | Span) -> int:
        i = token.i if isinstance(token, Token) else token.start
        return self.sentence_of_token[i]

    def in_credits(self, token: Token | Span) -> bool:
        return self.sentence_index(token) in self.credit_sentences

    def subtree_last(self, token: Token) -> Token:
        """The last token ``token.subtree`` yields (the end of its last right child's subtree, and so on
        down), found for the whole document in one pass instead of walking each subtree."""
        if self._subtree_last is None:
            doc = self.doc
            last_right = list(range(len(doc)))  # each token's right child with the highest index, else itself
            for t in doc:
                head = t.head.i
                if t.i > head:
                    last_right[head] = max(last_right[head], t.i)
            ends = list(range(len(doc)))
            for i in range(len(doc) - 1, -1, -1):  # a right child comes after its head: its end is known
                if last_right[i] != i:
                    ends[i] = ends[last_right[i]]
            self._subtree_last = ends
        return self.doc[self._subtree_last[token.i]]

    def sent(self, token: Token | Span) -> Span:
        """What ``token.sent`` / ``span.sent`` return, looked up instead of walked to the sentence's edges
        (that walk, once per mention, is quadratic in a long sentence)."""
        i = token.i if isinstance(token, Token) else token.start
        return self.doc_sentences[self.doc_sentence_of_token[i]]


def build_context(doc: Doc) -> tuple[DocContext, list[list[int]]]:
    sentences: list[Span] = []
    sentence_of_token = [-1] * len(doc)
    doc_sentences: list[Span] = []
    doc_sentence_of_token = [0] * len(doc)
    paragraphs: list[list[int]] = [[]]
    for sent in doc.sents:
        doc_sentence_of_token[sent.start:sent.end] = [len(doc_sentences)] * len(sent)
        doc_sentences.append(sent)
        text = sent.text.strip()
        if not text:
            if "\n" in sent.text and paragraphs[-1]:
                paragraphs.append([])
            continue
        number = len(sentences)
        sentences.append(sent)
        sentence_of_token[sent.start:sent.end] = [number] * len(sent)
        paragraphs[-1].append(number)
        if "\n" in sent[-1].text or "\n" in sent[-1].whitespace_:
            paragraphs.append([])
    # whitespace tokens between sentences belong to the sentence before them
    last = 0
    for i, value in enumerate(sentence_of_token):
        if value == -1:
            sentence_of_token[i] = last
        else:
            last = value
    ctx = DocContext(doc, sentences, sentence_of_token, ents=EntityIndex(doc), doc_sentences=doc_sentences,
                     doc_sentence_of_token=doc_sentence_of_token, text=index.text(doc))
    ctx.lede = 1 if len(sentences) > 1 and dateline_length(doc) == sentences[1].start else 0
    for paragraph in paragraphs:
        if paragraph and CREDIT_LINE.search(sentences[paragraph[0]].text.strip()):
            ctx.credit_sentences.update(paragraph)
    return ctx, [p for p in paragraphs if p]


def extract_doc(doc: Doc) -> dict:
    """Run every extractor; returns the ``Extraction`` as a plain dict (picklable, cacheable)."""
    ctx, paragraphs = build_context(doc)
    found_actors = actors.extract(ctx)
    found_locations = locations.extract(ctx)
    found_actors = actors.without_places(found_actors, found_locations)
    found_figures = figures.extract(ctx, found_locations)
    found_sources = sources.extract(ctx, found_actors)
    extraction = Extraction(
        sentences=[s.text.strip() for s in ctx.sentences],
        paragraphs=paragraphs,
        lede_title=title.from_lede(ctx.sentences[ctx.lede]) if ctx.sentences else "",
        actors=found_actors,
        locations=found_locations,
        figures=found_figures,
        sources=found_sources,
        credits=[ctx.sentences[i].text.strip() for i in sorted(ctx.credit_sentences)],
        lede_sentence=ctx.lede,
    )
    return extraction.to_dict()


def empty_extraction(doc: Doc) -> dict:
    """The article's sentences with no extracted items: what a page shows when a rule failed."""
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()] or [doc.text.strip()]
    return Extraction(sentences=sentences, paragraphs=[list(range(len(sentences)))],
                      lede_title=sentences[0][:120] if sentences and sentences[0] else "Untitled article").to_dict()
