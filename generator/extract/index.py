"""Per-document look-ups built once, so that no rule scans the whole article for each token or mention.

spaCy's ``doc.ents`` rebuilds every entity ``Span`` on each access (a pass over all tokens), and
``span.ents`` reads the whole ``doc.ents`` to pick the few inside the span; ``token.sent`` and
``span.sent`` walk to the sentence's edges. Called once per token, mention or source, each makes
extraction quadratic in the article's length (a 120 KB seed took minutes). The indexes here answer
the same questions, with the same answers, in O(1) or O(log n).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token


class EntityIndex:
    """The document's entities (``doc.ents``, read once), by position.

    Valid while ``doc.ents`` does not change: it is built after ``entities.fix_entities`` has set
    them, and the extractors only read them.
    """

    def __init__(self, doc: Doc) -> None:
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        # entities never overlap and come in order, so both starts and ends are sorted
        self.starts = [e.start for e in self.ents]
        self.ends = [e.end for e in self.ents]
        self._by_label: dict[str, tuple[list[Span], list[int]]] = {}

    def within(self, start: int, end: int) -> list[Span]:
        """What ``doc[start:end].ents`` returns: the entities wholly inside tokens ``start``..``end``."""
        first = bisect_left(self.starts, start)
        return list(self.ents[first:max(first, bisect_right(self.ends, end))])

    def at(self, i: int) -> Span | None:
        """The entity that holds token ``i``, or None."""
        k = bisect_right(self.starts, i) - 1
        return self.ents[k] if k >= 0 and self.ends[k] > i else None

    def ending_at(self, end: int) -> Span | None:
        """The entity whose last token is ``end - 1``, or None."""
        k = bisect_left(self.ends, end)
        return self.ents[k] if k < len(self.ends) and self.ends[k] == end else None

    def labelled(self, label: str) -> tuple[list[Span], list[int]]:
        """The entities with ``label`` in order, and their start tokens (for bisecting)."""
        if label not in self._by_label:
            ents = [e for e in self.ents if e.label_ == label]
            self._by_label[label] = (ents, [e.start for e in ents])
        return self._by_label[label]


def overlapping(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> range:
    """Indexes of the character spans ``(starts[k], ends[k])`` with ``starts[k] < end`` and ``ends[k] > start``.

    The spans are disjoint and in order (quote spans are), so both lists are sorted and the spans
    that overlap a range are one run, found by bisecting instead of testing every span.
    """
    return range(bisect_right(ends, start), bisect_left(starts, end))


def words(doc: Doc) -> list[str]:
    """Each token's text, in token order, read once per document.

    ``doc[i].text`` and ``for t in doc`` make a new ``Token`` object at each access; rules that only
    compare words (a title before a name, a brand word after one) read this list instead. Kept in
    ``doc.user_data``, so it lives as long as the document; the tokens of a ``Doc`` never change.
    """
    found = doc.user_data.get(_WORDS)
    if found is None:
        found = doc.user_data[_WORDS] = [t.text for t in doc]
    return found


def text(doc: Doc) -> str:
    """``doc.text``, which spaCy joins from every token at each access, joined once per document."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found


_WORDS = "digest_words"  # doc.user_data keys
_TEXT = "digest_text"


def tokens(doc: Doc, keep: Callable[[str], bool], start: int | None = None, stop: int | None = None) -> list[Token]:
    """The tokens of ``doc[start:stop]`` (slice bounds, negatives too) whose text passes ``keep``, in order.

    For a rule whose first test is on the word alone ("an honorific", "'and' or '&'"): only the tokens
    that pass are made into ``Token`` objects, instead of one per word of the article.
    """
    texts = words(doc)
    return [doc[i] for i in range(len(texts))[start:stop] if keep(texts[i])]
