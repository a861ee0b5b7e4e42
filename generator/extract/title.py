"""A readable title from the lede when the front-matter gives none: its main clause."""
from __future__ import annotations

import re

from spacy.tokens import Span

from .. import lexicon

MAX_WORDS = 18


def from_lede(sent: Span) -> str:
    """'The US is holding talks with Hamas …, the White House has confirmed.' → 'US is holding talks …'."""
    text = sent.text.strip()
    root = sent.root
    if root.lemma_.lower() in lexicon.reporting_verbs():
        clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)
        if clause is not None:
            tokens = list(clause.subtree)
            text = sent.doc[tokens[0].i:tokens[-1].i + 1].text
    text = re.sub(r"^according to [^,]+,\s*", "", text, flags=re.IGNORECASE)
    words = text.split()
    if len(words) > MAX_WORDS:
        for sep in (" – ", " — ", "; ", ", which ", ", who ", ", where ", ", "):
            head = text.split(sep)[0]
            if 4 <= len(head.split()) <= MAX_WORDS:
                text = head
                break
        else:
            text = " ".join(words[:MAX_WORDS]) + "…"
    text = re.sub(r"^[“\"‘']+|[\s.,;:“”\"‘’']+$", "", text).strip()
    text = re.sub(r"^The\s+(?=[A-Z])", "", text)
    return text[:1].upper() + text[1:] if text else "Untitled article"
