"""A headline for an article whose front-matter gives no title: a headline-like cut of its lede.

A reader scanning a list needs one clause, not the first sentence cut off at the 18th word. The
headline is built from the spaCy parse of the lede, and only ever drops *whole* phrases (a word
and everything that depends on it), so it never ends mid-phrase; it is at most ``MAX_CHARS``
characters, and ends in "…" only when even the main clause's core is longer than that.

1. **Which sentence.** The lede (after a wire dateline), unless it is a label rather than a
   sentence: a caption, a section name, a job title alone ("Federal Education Minister") — no
   verb and at most four words, or a verbless line naming a person. Then the first of the next
   ``LOOKAHEAD`` sentences that is a sentence.
2. **Always dropped:** a dateline at the start ("SACRAMENTO —", "Washington (CNN) --", "(CNN)"),
   the reporting frame when the report comes first ("X …, the White House has confirmed" → "X …"),
   "according to …", the closing punctuation, and a leading "The" (headline style).
3. **When still longer than ``MAX_CHARS``**, in this order, stopping as soon as it fits:
   a fronted adverbial before the subject ("After months of talks, …"); asides set off by commas,
   dashes or brackets (", which looked like a C-130,", "(SAG)", an apposition — but never the name
   of a person whose head is only a title, which would leave a job title alone); a long subject's
   participle or relative clause ("Researchers *trying to …* have captured video"), then its
   prepositional phrases other than "of"; and a reporting frame that comes first ("The minister,
   Helena Marsh, has announced that fares …" → "Fares …"), unless what is reported has a pronoun
   for subject or is a question ("announced that he …", "asked what …").
4. **Then a cut at the right**, keeping the longest head-closed prefix (nothing kept depends on a
   dropped word) whose dropped material is optional (modifiers, clauses, conjuncts — never an
   object or the complement a verb needs). A cut at a comma, dash or colon, else before a clause
   ("after the main clause, before a subordinate one"), is preferred to one inside a phrase, and
   that to one before a noun's "of" ("plans for 1,200 homes on the site | of the steelworks"),
   unless the preferred cut loses much more of the sentence.
5. **Else** the words that fit, cut before a preposition or conjunction where possible, and "…".

Everything is done with token indexes and ``left_edge``/``right_edge``, in time linear in the
sentence (a hostile one-sentence seed of 300 KB costs one pass, not one pass per word).
"""
from __future__ import annotations

import re
from itertools import islice

from spacy.tokens import Span, Token

from .. import lexicon

MAX_CHARS = 90  # a two-line headline on a phone; most published headlines are 60-90 characters
MIN_CHARS = 20  # shorter than this, a cut has lost the story: look further, or cut words
LOOKAHEAD = 3  # sentences after a label-like lede that may give the headline
SUBJECT_CHARS = 50  # a subject longer than this loses its participle/relative clauses first
MAX_TOKENS = 400  # beyond this the sentence is one run of names or a list: only its start is read

DASHES = frozenset({"—", "–", "--", "―", "-"})
ASIDE_OPEN = frozenset({",", "(", "—", "–", "--", "―"})
CLOSERS = {",": ",", "(": ")", "—": "—", "–": "–", "--": "--", "―": "―"}
CUT_PUNCT = frozenset({",", ";", ":", "—", "–", "--", "―", "("})
# dependents a headline may lose: modifiers, clauses and conjuncts, never an argument
OPTIONAL = frozenset({"prep", "advmod", "npadvmod", "advcl", "relcl", "acl", "appos", "conj", "cc", "punct",
                      "parataxis", "agent", "dep", "meta", "intj", "preconj", "quantmod", "nmod"})
CLAUSAL = frozenset({"advcl", "relcl", "acl", "conj", "parataxis", "xcomp", "ccomp"})
FRONTED = frozenset({"advcl", "prep", "advmod", "npadvmod", "intj", "dep", "parataxis"})
# a headline never ends on one of these (a dangling article, preposition, conjunction, "to")
DANGLING_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM"})
CAPTION_WORDS = frozenset({"courtesy", "illustration", "photo", "photograph", "image", "picture", "credit", "video",
                           "file", "pictured", "above", "below", "caption", "graphic"})
QUOTES = "“”\"‘’'«»„"


def from_lede(sent: Span) -> str:
    """The headline for the article whose lede is ``sent``: at most ``MAX_CHARS`` characters,
    first letter upper case, no closing full stop; "Untitled article" for a sentence with no words.

    ``sent`` is a sentence of a parsed ``Doc`` (tags and dependencies are read); when it is a
    label rather than a sentence, the next few sentences of the same ``Doc`` are tried.
    """
    for candidate in _sentences(sent):
        headline = _headline(candidate)
        if headline:
            return headline
    return "Untitled article"


def _words(span: Span) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def _is_label(span: Span) -> bool:
    """A caption, a section name or a title alone ("Federal Education Minister", "Courtesy G4",
    "Market Insider"): not a sentence to make a headline of."""
    words = _words(span)
    if len(words) < 2:
        return True
    if words[0].lower_ in CAPTION_WORDS:
        return True
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    if len(words) <= 4:
        return True
    # a verbless line naming a person, all in capitals: a byline or a photo caption
    return all(t.text[:1].isupper() for t in words) and any(t.ent_type_ == "PERSON" for t in words)


def _sentences(sent: Span):
    """The lede, or when it is a label, the next sentences that are not (the lede as a last resort)."""
    if not _is_label(sent):
        yield sent
        return
    doc = sent.doc
    following = (s for s in doc[sent.end:].sents if s.text.strip()) if sent.end < len(doc) else iter(())
    for s in islice(following, LOOKAHEAD):
        if not _is_label(s):
            yield s
            return
    yield sent


class _Clause:
    """The tokens of a sentence still in the headline, in order, with their text."""

    def __init__(self, sent: Span):
        self.doc = sent.doc
        tokens = [t for t in sent if not t.is_space]
        self.truncated = len(tokens) > MAX_TOKENS
        self.keep: list[Token] = tokens[:MAX_TOKENS]
        self.ids = {t.i for t in self.keep}

    def kept(self) -> set[int]:
        return self.ids

    def only(self, tokens: list[Token]) -> None:
        self.keep = tokens
        self.ids = {t.i for t in tokens}

    def drop(self, start: int, end: int) -> None:
        """Drop the tokens whose index is in ``start..end`` (inclusive)."""
        self.only([t for t in self.keep if not start <= t.i <= end])

    def text(self, tokens: list[Token] | None = None) -> str:
        tokens = self.keep if tokens is None else tokens
        out = []
        for n, t in enumerate(tokens):
            if n:
                prev = tokens[n - 1]
                if t.i == prev.i + 1:
                    out.append(prev.whitespace_)
                elif prev.whitespace_ or self.doc[t.i - 1].whitespace_:
                    out.append(" ")
            out.append(t.text)
        if out and out[-1] == ".":  # the full stop ("U.S." and "Fla." are tokens of their own)
            out.pop()
        return _tidy("".join(out))


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,;:)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r"^[\s,;:.\-–—―]+|[\s,;:\-–—―]+$", "", text)
    text = re.sub(r"^\([A-Z][A-Za-z .]{1,20}\)\s*", "", text)  # "(CNN)Winning …": a wire credit
    return _balance(text.strip())


def _balance(text: str) -> str:
    """Drop a quotation mark left alone at either end ('“it's a hoax' → "it's a hoax")."""
    if not text:
        return text
    if text[0] in "“\"‘'" and not _closes(text, text[0]):
        text = text[1:]
    if text and text[-1] in "”\"’'" and not _opens(text, text[-1]):
        text = text[:-1]
    # a quotation opened inside and cut before it closes: 'Global warming - "it's a hoax'
    if text.count('"') % 2:
        i = text.rfind('"')
        text = text[:i] + text[i + 1:]
    if text.count("“") > text.count("”"):
        i = text.rfind("“")
        text = text[:i] + text[i + 1:]
    return " ".join(text.split())


def _closes(text: str, mark: str) -> bool:
    closer = {"“": "”", "‘": "’"}.get(mark, mark)
    return closer in text[1:]


def _opens(text: str, mark: str) -> bool:
    if mark == "’":  # also the apostrophe: an unmatched one at the end is "the Joneses’"
        return True
    opener = {"”": "“"}.get(mark, mark)
    return opener in text[:-1]


def _headline(sent: Span) -> str | None:
    clause = _Clause(sent)
    if not clause.keep:
        return None
    _drop_dateline(clause)
    head = _drop_reporting_frame(clause, sent)
    if head.i not in clause.kept() and clause.keep:
        # the parser hung the sentence on the dateline ('SACRAMENTO' as root): the clause's head is
        # the first kept word whose own head is gone
        ids = clause.kept()
        head = next((t for t in clause.keep if t.head.i not in ids and t.pos_ in ("VERB", "AUX")),
                    next(t for t in clause.keep if t.head.i not in ids or t.head == t))
    _drop_according_to(clause)
    text = clause.text()
    if len(text) > MAX_CHARS:
        for step in (_drop_fronted, _drop_asides, _drop_subject_clauses, _drop_frame_before):
            head = step(clause, head) or head
            text = clause.text()
            if len(text) <= MAX_CHARS:
                break
    if len(text) > MAX_CHARS or clause.truncated:
        text = _cut_right(clause, head) or _cut_words(clause)
    if not text or not any(ch.isalnum() for ch in text):
        return None
    return _finish(text, clause)


def _finish(text: str, clause: _Clause) -> str:
    first = clause.keep[0] if clause.keep else None
    # headline style drops a leading article, but not one that belongs to a name ("The Hague")
    if first is not None and first.lower_ == "the" and not first.ent_type_ and re.match(r"^The\s+[A-Z]", text):
        text = text[4:]
    return text[:1].upper() + text[1:]


def _drop_dateline(clause: _Clause) -> None:
    """'SACRAMENTO — …', 'Washington (CNN) -- …', 'Feb. 23, 2015 -- …', '(CNN) …': a place or date
    and a dash at the start, with no verb before the dash, is a dateline, not the story."""
    keep = clause.keep
    if len(keep) > 2 and keep[0].text == "(":
        close = next((n for n, t in enumerate(keep[:6]) if t.text == ")"), None)
        if close is not None:
            clause.only(keep[close + 1:])
            keep = clause.keep
    for n, t in enumerate(keep[:9]):
        if t.text in DASHES and t.text != "-" or t.text == "-" and t.whitespace_ and n and keep[n - 1].whitespace_:
            before = keep[:n]
            # a place or a date: every word capitalised or a number ('Washington (CNN)', 'Feb. 23, 2015')
            if before and len(keep) - n > 3 and all(b.is_punct or b.like_num or b.text[:1].isupper() for b in before):
                clause.only(keep[n + 1:])
            return
        if t.pos_ in ("VERB", "AUX"):
            return
    glued = re.match(r"^[A-Z][A-Z .,']{2,}(?:--|—|–)", keep[0].text) if keep else None
    if glued and glued.end() < len(keep[0].text):  # "YORK--Verizon" is one token: keep it, the text is cut later
        return


def _drop_reporting_frame(clause: _Clause, sent: Span) -> Token:
    """'X …, officials said' → 'X …'; returns the head of the clause the headline is made of."""
    root = sent.root
    doc = sent.doc
    reporting = root.lemma_.lower() in lexicon.reporting_verbs()
    for report in (c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i):
        # "X, the minister said" and "X: the Russian leader has …" — the first clause is the story
        end = report.right_edge.i
        after = doc[end].text if doc[end].is_punct else doc[end + 1].text if end + 1 < len(doc) else ""
        if reporting and report.dep_ == "ccomp" or after in (":", ";", "—", "–", "--"):
            start, end = report.left_edge.i, report.right_edge.i
            clause.only([t for t in clause.keep if start <= t.i <= end])
            return report
    return root


def _drop_according_to(clause: _Clause) -> None:
    """', according to CNN' and 'According to police, …' say who told it, not what happened."""
    for t in list(clause.keep):
        if t.lower_ == "according" and t.i + 1 < len(clause.doc) and clause.doc[t.i + 1].lower_ == "to":
            _drop_aside(clause, t.left_edge.i, t.right_edge.i)


def _drop_aside(clause: _Clause, start: int, end: int) -> None:
    """Drop ``start..end`` with the punctuation that sets it off: both commas of ', which …,', the
    one before ', causing …' at the end, the brackets of '(SAG)'."""
    doc = clause.doc
    kept = clause.kept()
    before = start - 1 if start > 0 and (start - 1) in kept and doc[start - 1].text in ASIDE_OPEN else None
    after = end + 1 if end + 1 < len(doc) and (end + 1) in kept and doc[end + 1].is_punct else None
    if before is not None:
        closer = CLOSERS.get(doc[before].text)
        if after is not None and doc[after].text == closer:
            end = after  # ', which …,' → both commas go
        start = before
    elif after is not None and doc[after].text in (",", ")") and start == clause.keep[0].i:
        end = after  # 'According to police, …' at the start: the comma after it goes too
    clause.drop(start, end)


def _subject(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i < head.i), None)


def _drop_fronted(clause: _Clause, head: Token) -> None:
    """'After months of talks, X …' → 'X …': an adverbial before the subject, set off by a comma."""
    subject = _subject(head)
    limit = subject.left_edge.i if subject is not None else head.i
    kept = clause.kept()
    for c in list(head.children):
        if c.i < limit and c.dep_ in FRONTED and c.i in kept:
            end = c.right_edge.i  # the comma is the adverbial's last token, or the one after it
            if clause.doc[end].text == ",":
                clause.drop(c.left_edge.i, end)
            elif end + 1 < len(clause.doc) and clause.doc[end + 1].text == ",":
                clause.drop(c.left_edge.i, end + 1)


def _drop_asides(clause: _Clause, head: Token) -> None:
    """Asides set off by punctuation on both sides, in the middle of the clause: ', which …,',
    ', like X,', '(SAG)', ', Fla.,'. An apposition naming a person is kept when the word it
    explains is not a name (dropping 'Jason Clare' from 'The minister, Jason Clare, said' would
    leave a job title alone)."""
    doc = clause.doc
    for t in list(clause.keep):
        if t.i not in clause.kept() or t.dep_ not in OPTIONAL or t.dep_ in ("cc", "punct") or t == head:
            continue
        start, end = t.left_edge.i, t.right_edge.i
        if start == 0 or end + 1 >= len(doc):
            continue
        opener, closer = doc[start - 1].text, doc[end + 1].text
        if opener not in ASIDE_OPEN or CLOSERS.get(opener) != closer:
            continue
        if t.dep_ == "appos" and any(x.ent_type_ == "PERSON" for x in doc[start:end + 1]) \
                and t.head.ent_type_ != "PERSON":
            continue
        if start - 1 not in clause.kept():
            continue
        clause.drop(start - 1, end + 1 if opener != "," or doc[end + 1].text == "," else end)


def _drop_subject_clauses(clause: _Clause, head: Token) -> None:
    """A long subject loses its participle and relative clauses ('Researchers trying to …', 'The
    plane, which …'), not a content clause ('the idea that …', which is what it says)."""
    subject = _subject(head)
    if subject is None or len(doc_text(clause, subject)) <= SUBJECT_CHARS:
        return
    for c in list(subject.rights):
        if c.dep_ == "relcl" or c.dep_ == "acl" and not any(x.dep_ == "mark" for x in c.children) \
                and c.tag_ in ("VBG", "VBN"):
            _drop_aside(clause, c.left_edge.i, c.right_edge.i)
    if len(doc_text(clause, subject)) <= SUBJECT_CHARS:
        return
    # then its prepositional phrases, but not 'of' ('the number of whales' needs it)
    for c in list(subject.rights):
        if c.dep_ == "prep" and c.lower_ != "of" and c.i in clause.kept():
            _drop_aside(clause, c.left_edge.i, c.right_edge.i)


def _drop_frame_before(clause: _Clause, head: Token) -> Token | None:
    """'The minister, Helena Marsh, has announced that fares will be frozen …' → 'Fares will be
    frozen …' when the whole is too long: what was announced is the news. Not when the report's
    subject is a pronoun ('… announced that he will leave'): then it would not say who."""
    if head.lemma_.lower() not in lexicon.reporting_verbs():
        return None
    report = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i and c.i in clause.kept()), None)
    subject = _subject(report) if report is not None else None
    if subject is None or subject.pos_ == "PRON" or report.left_edge.tag_ in ("WP", "WDT", "WRB", "IN") \
            and report.left_edge.lower_ != "that":
        return None  # 'asked what …', 'described how …', 'said if …' are not statements
    mark = {c.i for c in report.children if c.dep_ == "mark"}
    start, end = report.left_edge.i, report.right_edge.i
    clause.only([t for t in clause.keep if start <= t.i <= end and t.i not in mark])
    for step in (_drop_fronted, _drop_asides, _drop_subject_clauses):
        step(clause, report)
    return report


def doc_text(clause: _Clause, token: Token) -> str:
    kept = clause.kept()
    return clause.text([t for t in clause.keep if token.left_edge.i <= t.i <= token.right_edge.i and t.i in kept])


def _cut_right(clause: _Clause, head: Token) -> str | None:
    """The longest prefix of the clause that fits, is head-closed and drops only optional
    dependents; a cut before a clause or at punctuation is preferred (see the module docstring)."""
    keep = clause.keep
    position = {t.i: n for n, t in enumerate(keep)}
    # a prefix keep[:k] is head-closed when no token in it depends on a token after it; the clause's
    # own heads (whose heads were dropped or are outside it) need nothing
    reach = []
    furthest = -1
    for n, t in enumerate(keep):
        h = position.get(t.head.i)
        if h is not None and t.head.i != t.i:
            furthest = max(furthest, h)
        reach.append(furthest)
    letters = [0]  # characters of keep[:k] without spaces: a lower bound of its text's length
    for t in keep:
        letters.append(letters[-1] + len(t.text))
    best_punct = best_clause = best_phrase = best_of = None
    for k in range(len(keep), 0, -1):
        if reach[k - 1] >= k or letters[k] > MAX_CHARS + 4:
            continue
        tokens = keep[:k]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTES + ")"):
            tokens = tokens[:-1]
        if not tokens or tokens[-1].pos_ in DANGLING_POS and tokens[-1].text not in QUOTES + ")" \
                or tokens[-1].dep_ in ("cc", "det", "prep", "mark", "aux", "poss", "case"):
            continue
        text = clause.text(tokens)
        if len(text) > MAX_CHARS:
            continue
        if len(text) < MIN_CHARS or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
            break  # shorter prefixes only lose more
        dropped = [c for t in tokens for c in t.rights if position.get(c.i, -1) >= k]
        if not all(_optional(c, position) for c in dropped):
            continue
        # 'the site | of the former steelworks', 'the number | of whales': a noun's 'of' is
        # part of it, so such a cut comes last
        of_cut = any(c.dep_ == "prep" and c.lower_ == "of" and c.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
                     for c in dropped)
        if of_cut:
            best_of = best_of or text
            continue
        best_phrase = best_phrase or text
        if best_clause is None and (k == len(keep) or any(c.dep_ in CLAUSAL for c in dropped)):
            best_clause = text
        if k == len(keep) or keep[k].text in CUT_PUNCT:
            best_punct = text
            break
    # the longest cut at punctuation, else before a clause, else inside a phrase, else before an
    # 'of' — unless it loses much more than a later kind would ('X said' is no headline)
    longest = max((len(b) for b in (best_punct, best_clause, best_phrase, best_of) if b), default=0)
    for best in (best_punct, best_clause):
        if best is not None and (len(best) >= 40 or len(best) >= 0.6 * longest):
            return best
    if best_phrase is not None and (best_of is None or len(best_phrase) >= 0.85 * len(best_of)):
        return best_phrase
    return best_of


def _optional(dep: Token, position: dict[int, int]) -> bool:
    """May a headline lose ``dep`` (and all under it)? Modifiers and conjuncts yes; a verb's
    object or needed complement no; an infinitive after an object ('promoted X to become …') yes."""
    if dep.dep_ in OPTIONAL or dep.is_punct:
        return True
    if dep.dep_ == "xcomp":
        return any(c.dep_ in ("dobj", "dative") and c.i < dep.i and c.i in position for c in dep.head.children)
    return False


def _cut_words(clause: _Clause) -> str:
    """The words that fit, and "…": only when even the core of the main clause is too long.
    The cut falls before a preposition, conjunction or "to" where one is near the end."""
    keep = clause.keep
    best = None
    for k in range(1, len(keep) + 1):
        text = clause.text(keep[:k])
        if len(text) > MAX_CHARS - 1:
            break
        nxt = keep[k] if k < len(keep) else None
        last = keep[k - 1]
        if last.pos_ in DANGLING_POS or last.dep_ in ("det", "poss", "compound", "amod", "nummod"):
            continue
        if nxt is None or nxt.pos_ in ("ADP", "CCONJ", "SCONJ", "PART") or nxt.is_punct or nxt.tag_ in ("WDT", "WP"):
            best = text
        elif best is None or len(best) < 0.6 * len(text):
            best = text
    if best is None:
        text = clause.text()
        best = text[:MAX_CHARS - 1].rsplit(" ", 1)[0] if " " in text[:MAX_CHARS - 1] else text[:MAX_CHARS - 1]
    best = best.rstrip(" ,;:-–—")
    return best if best == clause.text() else best + "…"
