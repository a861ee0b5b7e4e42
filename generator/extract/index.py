"""Per-document look-ups built once, so that no rule scans the whole article for each token or mention.

spaCy's ``doc.ents`` rebuilds every entity ``Span`` on each access (a pass over all tokens), and
``span.ents`` reads the whole ``doc.ents`` to pick the few inside the span; ``token.sent`` and
``span.sent`` walk to the sentence's edges. Called once per token, mention or source, each makes
extraction quadratic in the article's length (a 120 KB seed took minutes). The indexes here answer
the same questions, with the same answers, in O(1) or O(log n).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span


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
