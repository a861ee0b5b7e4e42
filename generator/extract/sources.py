"""The sourcing panel: who is quoted or cited, named or not, directly or not, and through whom.

Rules in the manner of SFU's Gender Gap Tracker and BBC's Citron:

1. a reporting verb (``data/reporting_verbs.txt``) and its subject: "X said (that) …",
   "X told the BBC …", "first reported by Axios", "Axios, which said …"; a speech verb of the wider
   lexicon (``data/speech_verbs.txt``, Levin 1993 class 37) with a clause of its own ("X alleged that …");
   any verb right after a closing quote and its comma, for a named person ('"…," sighed X, a porter');
2. "according to X";
3. "“…” – X";
4. quoted text with no verb of its own inherits the speaker of the sentence where the
   quote closes, or else the last speaker ("floating" quotes).

Speakers resolve to actors by name, alias or surname; "he"/"she" to the last named
person speaker; "the minister" to the actor with that role. Unnamed sources keep the
article's own words as ``descriptor`` (markers in ``data/anonymous_sources.txt``). A
role-only speaker ("A former official said …") followed by a newly named person who
"added" becomes that person. Quote marks never make this fail: unbalanced marks and
apostrophes are tolerated, and a quote may run over paragraphs.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..models import Actor, Quote, Source
from .index import overlapping

OPENERS = {"“": "”", "«": "»", "„": "“"}
OUTLET_NOUNS = {"site", "website", "newspaper", "paper", "broadcaster", "agency", "outlet", "network",
                "channel", "magazine", "publication", "daily", "tabloid", "wire", "station", "programme", "program"}
INSTITUTION_NOUNS = {"office", "ministry", "department", "government", "army", "military", "police", "agency",
                     "council", "court", "company", "firm", "group", "administration", "authority", "authorities",
                     "embassy", "cabinet", "parliament", "party", "movement", "force", "forces", "command",
                     "service", "commission", "committee", "bank", "board", "union", "organisation",
                     "organization", "presidency", "palace", "regime", "team", "club", "campaign", "spokesman's office"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass
class Attribution:
    sentence: int
    speaker: "Speaker"
    cue: str
    verb: Token | None
    via: str | None
    content: str | None


@dataclass
class Speaker:
    name: str | None
    descriptor: str | None
    anonymous: bool
    type: str
    is_outlet: bool = False
    role_only: bool = False  # "A former official" — may be named in the next sentence

    @property
    def key(self) -> str:
        return (self.name or self.descriptor or "").lower()


def extract(ctx, actors: list[Actor]) -> list[Source]:
    doc = ctx.doc
    spans = QuoteSpans(quote_spans(ctx.text))
    quoted = in_quote_mask(doc, spans.spans)
    # whether each sentence holds quoted words: asked once per reporting verb, so counted once per sentence
    has_quote = [any(quoted[sent.start:sent.end]) for sent in ctx.sentences]
    quotes_before = list(accumulate(quoted, initial=0))  # quoted tokens before each token: any in a range, at once
    resolver = Resolver(ctx, actors)
    per_sentence: dict[int, list[Attribution]] = {}
    for si, sent in enumerate(ctx.sentences):
        if si in ctx.credit_sentences:
            continue
        resolver.current_sentence = si
        found = verb_attributions(ctx, sent, si, quoted, resolver, has_quote[si]) \
            + according_to(ctx, sent, si, resolver) + dash_attribution(ctx, sent, si, quoted, resolver)
        if found:
            per_sentence[si] = found
            resolver.last = found[-1].speaker
    link_described_speakers(ctx, per_sentence, actors)
    sources: dict[str, Source] = {}
    seen: dict[str, set[tuple[int, str]]] = {}
    last_speaker: Speaker | None = None
    for si, sent in enumerate(ctx.sentences):
        if si in ctx.credit_sentences:
            continue
        quote_text = clipped(quoted_text(ctx.text, sent, spans))
        attributions = per_sentence.get(si, [])
        if not attributions and quote_text:
            speaker = speaker_for_floating(ctx, si, spans, per_sentence) or last_speaker
            if speaker is not None:
                add_quote(sources, seen, speaker, Quote(quote_text, True, None, si), None)
            continue
        sentence_text = clipped(sent.text.strip()) if attributions else ""
        for att in attributions:
            direct = bool(quote_text) and (
                len(attributions) == 1 or quote_near(att, has_quote[si], quoted, quotes_before))
            text = quote_text if direct else (att.content or sentence_text)
            add_quote(sources, seen, att.speaker, Quote(text, direct, att.cue, si), att.via)
            last_speaker = att.speaker
    return list(sources.values())


# A quote's text is at most this long (the longest sentence in our real articles has under 350 characters).
# Each source in a sentence gets its quote: without a bound, a sentence thousands of words long with a
# source in every clause would make the extraction quadratic in size, not only in time.
MAX_QUOTE_CHARS = 1_000


def clipped(text: str) -> str:
    """``text``, or its first ``MAX_QUOTE_CHARS`` characters, cut at a word, and " …"."""
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    cut = text[:MAX_QUOTE_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_QUOTE_CHARS // 2 else cut).rstrip() + " …"


def add_quote(sources: dict[str, Source], seen: dict[str, set[tuple[int, str]]], speaker: "Speaker", quote: Quote,
              via: str | None) -> None:
    """Add ``quote`` to the speaker's source unless it already holds the same words from the same sentence.
    ``seen`` holds each source's (sentence, text) pairs, so the check does not read every earlier quote
    (one source quoted in every sentence made that quadratic)."""
    if speaker.key not in sources:
        sources[speaker.key] = Source(name=speaker.name, descriptor=speaker.descriptor, anonymous=speaker.anonymous,
                                      type=speaker.type, via=via, is_outlet=speaker.is_outlet)  # type: ignore[arg-type]
        seen[speaker.key] = set()
    source = sources[speaker.key]
    if via and not source.via:
        source.via = via
    if (quote.sentence, quote.text) not in seen[speaker.key]:
        seen[speaker.key].add((quote.sentence, quote.text))
        source.quotes.append(quote)


# ---------------------------------------------------------------- quote marks

NEW_LINES = re.compile(r"\n*")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, disjoint and in order. Never raises, whatever the marks."""
    spans: list[tuple[int, int]] = []
    offset = 0
    carry = False  # a quote left open at the end of the previous paragraph
    for paragraph in text.split("\n"):
        spans_here, open_at_end = paragraph_quotes(paragraph, carry)
        spans += [(offset + a, offset + b) for a, b in spans_here]
        # the next paragraph's first character, found without copying the rest of the text (which, once
        # per paragraph, was quadratic)
        if open_at_end:
            following = NEW_LINES.match(text, offset + len(paragraph) + 1).end()
            carry = text[following:following + 1] in ("“", '"', "«", "‘")
        else:
            carry = False
        offset += len(paragraph) + 1
    return spans


class QuoteSpans:
    """The quote spans of a text with their starts and ends, to find those overlapping a sentence by
    bisecting rather than by testing every quote of the article for each sentence."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans ``(a, b)`` with ``a < end`` and ``b > start``, in order."""
        return [self.spans[k] for k in overlapping(self.starts, self.ends, start, end)]


def paragraph_quotes(p: str, continuing: bool) -> tuple[list[tuple[int, int]], bool]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for i, ch in enumerate(p):
        if open_at is None:
            if ch in OPENERS:
                open_at, closer = i + 1, OPENERS[ch]
            elif ch == '"':
                open_at, closer = i + 1, '"'
            elif ch == "‘" and (i == 0 or not p[i - 1].isalnum()):
                open_at, closer = i + 1, "’"
            elif ch == "'" and (i == 0 or p[i - 1] in " :(\t") and i + 1 < len(p) and p[i + 1].isalpha():
                open_at, closer = i + 1, "'"  # a straight single quote opening a quotation
        elif ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
            if closer in ("’", "'") and i + 1 < len(p) and p[i + 1].isalpha():
                continue  # an apostrophe inside a single-quoted passage ("it's")
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        # unclosed: the quote runs to the paragraph's end (it continues in the next one, or the mark is stray)
        if len(p) - open_at > 0:
            spans.append((open_at, len(p)))
        return spans, True
    return spans, False


def in_quote_mask(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(doc)
    j = 0
    for token in doc:
        while j < len(spans) and spans[j][1] <= token.idx:
            j += 1
        if j < len(spans) and spans[j][0] <= token.idx < spans[j][1]:
            mask[token.i] = True
    return mask


def quoted_text(text: str, sent: Span, spans: QuoteSpans) -> str:
    """The quoted words in ``sent``; ``text`` is the document's text."""
    start, end = sent.start_char, sent.end_char
    parts = [text[max(a, start):min(b, end)].strip() for a, b in spans.overlapping(start, end)]
    return " … ".join(p for p in parts if p)


def quote_near(att: Attribution, sentence_has_quote: bool, quoted: list[bool], quotes_before: list[int]) -> bool:
    """With several attributions in one sentence, the quote belongs to the one whose clause holds it
    (or to the main verb). ``quotes_before[i]``: how many tokens before token ``i`` are quoted."""
    if att.verb is None:
        return sentence_has_quote
    verb = att.verb
    # the clause lies between its edges: with no quoted token there, it holds none, and its tokens need not
    # be walked (once per verb, a walk over clauses nested in clauses was quadratic)
    in_clause = quotes_before[verb.right_edge.i + 1] > quotes_before[verb.left_edge.i]
    return in_clause and any(quoted[t.i] for t in verb.subtree) or verb.dep_ == "ROOT" and sentence_has_quote


# ---------------------------------------------------------------- attributions

def verb_attributions(ctx, sent: Span, si: int, quoted: list[bool], resolver: "Resolver",
                      sentence_has_quote: bool) -> list[Attribution]:
    out = []
    verbs = lexicon.reporting_verbs()
    speech = lexicon.speech_verbs()
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or quoted[token.i]:
            continue
        lemma = token.lemma_.lower()
        # the curated verbs anywhere; the wide lexicon (data/speech_verbs.txt: "grumble", "allege") with a clause
        # of its own or in the inverted slot; any other verb only in the inverted slot ('"…," sighed X'), and
        # then only for a person by name (checked below)
        after_quote = token.pos_ == "VERB" and closes_quote_before(token, sent, quoted)
        if lemma not in verbs and not after_quote and not (
                lemma in speech and any(c.dep_ in ("ccomp", "parataxis") for c in token.children)):
            continue  # a wide-lexicon verb reports only a clause of its own ("alleged that …"), not an object
        if token.dep_ in ("amod", "acomp") and not after_quote or token.tag_ == "VBG" and token.dep_ not in ("ROOT", "advcl", "xcomp", "conj"):
            continue
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("decline", "refuse", "fail", "want", "plan", "expect"):
            continue  # "declined to comment", "refused to say": nothing was said
        if any(c.dep_ == "neg" for c in token.children) and not any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            continue  # "The Kremlin did not immediately comment"
        if token.lemma_.lower() not in ("tell", "say", "ask", "urge", "accuse", "warn", "describe", "confirm") and \
                any(c.dep_ == "dobj" for c in token.children) and \
                not any(c.dep_ in ("ccomp", "xcomp") for c in token.children) and not sentence_has_quote:
            continue  # "Foden added a third", "Apple reported revenue …": an object, not words
        speaker_token = None
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker_token = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if speaker_token is None:
            speaker_token = next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
        if speaker_token is None and token.dep_ in ("advcl", "xcomp", "conj") and token.head.pos_ in ("VERB", "AUX"):
            # "X thanked senators, saying …", "X visited, ordered an inquiry and said …": the subject of the verb
            # it hangs from, up a chain of coordinated verbs
            head = token.head
            while not any(c.dep_ == "nsubj" for c in head.children) and head.dep_ in ("conj", "dep") \
                    and head.head.pos_ in ("VERB", "AUX") and head.head is not head:
                head = head.head
            speaker_token = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if speaker_token is None and token.i > sent.start and token.doc[token.i - 1].text in INVERSION_MARKS:
            # '"…," said Ruth Chanda, 34, whose …': the parser may hang the name on a later verb
            after = ctx.ents.at(token.i + 1)  # the entity right after the verb, if it starts there
            if after is not None and (after.start != token.i + 1 or after.end > sent.end
                                      or after.label_ not in ("PERSON", "ORG")):
                after = None
            if after is None and after_quote:
                after = name_after_role(ctx, token, sent)
            speaker_token = after.root if after is not None else None
        if speaker_token is None:
            continue
        if speaker_token.lower_ in ("which", "who", "that") and token.dep_ == "relcl":
            speaker_token = antecedent(token.head)
        if lemma not in verbs and lemma not in speech and speaker_token.ent_type_ != "PERSON":
            continue  # an unlisted verb is a cue only for a person by name: '"…," sighed Ana Ruiz, a porter'
        speaker = resolver.resolve(speaker_token, sent)
        if speaker is None:
            continue
        out.append(Attribution(si, speaker, cue_of(token), token, via_of(token, resolver), content_of(token, ctx)))
    return out


def name_after_role(ctx, verb: Token, sent: Span) -> Span | None:
    """The person named after a few role words in the inverted slot: '"…," groaned warehouse supervisor
    Ana Ruiz' (the parser may read the verb as an adjective of the role). At most four words are looked at,
    and none past a punctuation mark, so this is linear and stays in the verb's own noun phrase."""
    for j in range(verb.i + 1, min(verb.i + 5, sent.end)):
        if verb.doc[j].is_punct:
            return None
        ent = ctx.ents.at(j)
        if ent is not None and ent.start == j and ent.end <= sent.end and ent.label_ == "PERSON":
            return ent
    return None


def closes_quote_before(verb: Token, sent: Span, quoted: list[bool]) -> bool:
    """Whether ``verb`` stands right after a closing quote and its comma ('"…," grumbled X', '"…", sighed
    X'), the slot where any verb reports the quote. A comma alone ("In May, announced …") is not enough."""
    i = verb.i
    if i - 2 < sent.start or verb.doc[i - 1].text not in INVERSION_MARKS:
        return False
    before = verb.doc[i - 2]
    # the mark before the verb closes a quote: the token before it is quoted, or is the comma after one
    return quoted[before.i] or before.text in INVERSION_MARKS and i - 3 >= sent.start and quoted[i - 3]


def according_to(ctx, sent: Span, si: int, resolver: "Resolver") -> list[Attribution]:
    out = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            to = token.nbor(1)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None and to.i + 1 < sent.end:
                obj = to.nbor(1)
            if obj is None:
                continue
            if obj.lemma_.lower() in DOCUMENT_NOUNS:  # "according to figures published by the ATP"
                author = document_author(obj)
                if author is None:
                    speaker = Speaker(None, descriptor_text(noun_phrase(obj)), True, "organisation")
                    out.append(Attribution(si, speaker, "according to", None, None, None))
                    continue
                obj = author
            speaker = resolver.resolve(obj, sent, phrase=noun_phrase(obj, keep_preps=True))
            if speaker is not None:
                out.append(Attribution(si, speaker, "according to", None, None, None))
    return out


def dash_attribution(ctx, sent: Span, si: int, quoted: list[bool], resolver: "Resolver") -> list[Attribution]:
    """'“…” – Jane Doe' at the end of a sentence."""
    for token in sent:
        if token.text in ("–", "—", "-") and token.i > sent.start and not quoted[token.i]:
            before = ctx.doc[token.i - 1]
            if before.text in ("”", '"', "»") and token.i + 1 < sent.end:
                nxt = ctx.doc[token.i + 1]
                if nxt.ent_type_ in ("PERSON", "ORG"):
                    speaker = resolver.resolve(nxt, sent)
                    if speaker is not None:
                        return [Attribution(si, speaker, "quoted", None, None, None)]
    return []


def cue_of(verb: Token) -> str:
    """The reporting verb as written, with the channel when it is one: 'said in a statement'."""
    cue = verb.text.lower()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in ("statement", "interview", "post", "briefing"):
                det = next((c.lower_ for c in obj.children if c.dep_ == "det"), "a")
                return f"{cue} in {det} {obj.lower_}"
    return cue


def via_of(verb: Token, resolver: "Resolver") -> str | None:
    """The outlet a source spoke to: 'told the BBC', 'told the US-based news site', 'in an interview with CNN'."""
    candidates = []
    if verb.lemma_.lower() == "tell":
        candidates += [c for c in verb.children if c.dep_ in ("dative", "dobj", "iobj")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "with"):
            candidates += [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for c in candidates:
        outlet = resolver.outlet_for(c)
        if outlet:
            return outlet
    return None


def content_of(verb: Token, ctx) -> str | None:
    """What was said: the verb's clausal complement, without its "that"."""
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if clause is None:
        return None

    def kept(t: Token) -> bool:
        return not (t.dep_ == "mark" and t.head.i == clause.i)

    # Only the clause's first and last tokens (in subtree order) are needed. Walking the whole clause for
    # each reporting verb was quadratic when clauses nest ("A said that B said that …"): the first is
    # found by walking only until it, the last is looked up (the doc's subtree ends are found once).
    first = next((t for t in clause.subtree if kept(t)), None)
    if first is None:
        return None
    last = ctx.subtree_last(clause)
    if not kept(last):
        last = [t for t in clause.subtree if kept(t)][-1]
    start, end = first.idx, last.idx + len(last.text)  # what doc[first.i:last.i + 1].text is, from the text
    if end - start <= 2 * MAX_QUOTE_CHARS:
        return clipped(ctx.text[start:end].strip())
    text = ctx.text[start:start + 2 * MAX_QUOTE_CHARS].strip()  # it is cut anyway: copy no more than that
    return clipped(text) if len(text) > MAX_QUOTE_CHARS else text + " …"


# ---------------------------------------------------------------- speakers

class Resolver:
    """Turns a subject token into a Speaker, resolving names, pronouns and outlet nouns."""

    def __init__(self, ctx, actors: list[Actor]):
        self.ctx = ctx
        self.actors = actors
        self.by_form: dict[str, Actor] = {}
        for actor in actors:
            for form in (actor.name, *actor.aliases):
                self.by_form.setdefault(form.lower(), actor)
        # Look-ups over the actors, built once: the resolver runs for every source in the article, and
        # scanning all actors each time made long articles quadratic.
        # organisations' names of several words, with their place in by_form (the first match wins)
        self.org_forms = {form: (rank, actor) for rank, (form, actor) in enumerate(self.by_form.items())
                          if " " in form and actor.type == "organisation"}
        self.longest_org_form = max(map(len, self.org_forms), default=0)
        # people with a full name, by surname (-1) and by forename (0)
        self.people_by_word: dict[int, dict[str, list[Actor]]] = {-1: {}, 0: {}}
        for actor in actors:
            if actor.type == "person" and len(actor.name.split()) > 1:
                words = actor.name.lower().split()
                for position in (-1, 0):
                    self.people_by_word[position].setdefault(words[position], []).append(actor)
        self.place = {id(actor): i for i, actor in enumerate(actors)}
        self.by_name: dict[str, Actor] = {}  # the first actor of each name
        for actor in actors:
            self.by_name.setdefault(actor.name, actor)
        self.role_words: dict[str, list[int]] = {}  # a word of an actor's role → those actors' places, in order
        for i, actor in enumerate(actors):
            self._index_role(i, actor)
        # the sentence each actor is first named in; actors come in that order, so it is sorted
        firsts = [a.sentences[0] if a.sentences else float("inf") for a in actors]
        self.first_sentences = firsts if all(x <= y for x, y in zip(firsts, firsts[1:])) else None
        self.salience = OrgSalience(actors)
        self.outlets = [e for e in ctx.ents.ents if e.id_.startswith("outlet:")]
        self.outlet_ends = [e.end for e in self.outlets]
        self._subject_people: tuple[list[Span], list[int]] | None = None
        self.anonymous_by_head: dict[str, Speaker] = {}
        self.last: Speaker | None = None
        self.anonymous: list[Speaker] = []
        self.last_person: Speaker | None = None
        self.last_person_at = -1  # sentence where the last named person spoke
        self.current_sentence = 0
        self.last_org: Speaker | None = None

    def actor_for(self, text: str) -> Actor | None:
        words = re.sub(r"(['’]s|['’])$", "", text.strip()).split()
        while len(words) > 1 and words[0] in lexicon.titles():  # "Ms Gelashvili", "Prof Owusu"
            words.pop(0)
        text = lexicon.strip_the(" ".join(words)).lower()
        if text in self.by_form:
            return self.by_form[text]
        # "the Hamas-run health ministry" → "health ministry": an organisation's name of several words that
        # ends the text after a space. Each text's tails are looked up (as long as the longest name), not
        # each name tried; the name first in by_form wins, as when they were tried in turn.
        best: tuple[int, Actor] | None = None
        space = text.find(" ", max(0, len(text) - self.longest_org_form - 1))
        while space != -1:
            found = self.org_forms.get(text[space + 1:])
            if found is not None and (best is None or found[0] < best[0]) and not (
                    set(text[:space + 1].split()) & {"in", "of", "for", "at", "with", "from", "to", "on", "by"}):
                best = found
            space = text.find(" ", space + 1)
        if best is not None:
            return best[1]
        words = text.split()
        if len(words) == 1:  # a surname, else a forename, alone
            for position in (-1, 0):
                matches = self.people_by_word[position].get(words[0], [])
                if len(matches) == 1:
                    return matches[0]
        return None

    def _index_role(self, i: int, actor: Actor) -> None:
        if actor.role:
            for word in set(actor.role.lower().split()):
                insort(self.role_words.setdefault(word, []), i)

    def set_role(self, actor: Actor, role: str) -> None:
        """Give an actor without a role the one the article has just shown ("The prime minister told MPs")."""
        actor.role = role
        self._index_role(self.place[id(actor)], actor)

    def outlet_for(self, token: Token) -> str | None:
        span = noun_phrase(token)
        entry = lexicon.named_index().get(lexicon.strip_the(span.text).lower())
        if entry is None:
            for ent in self.ctx.ents.within(span.start, span.end):
                if ent.id_.startswith("outlet:"):
                    return ent.id_.split(":", 1)[1]
        if entry is not None and entry.kind == "outlet":
            return entry.canonical
        if token.lemma_.lower() in OUTLET_NOUNS and any(t.lower_ in ("the", "this") for t in span):
            return self.last_outlet_before(token.i)
        return None

    def last_outlet_before(self, i: int) -> str | None:
        """The outlet named last before token ``i`` (bisected among the outlets' names, not every entity)."""
        k = bisect_right(self.outlet_ends, i)
        return self.outlets[k - 1].id_.split(":", 1)[1] if k else None

    def remember(self, speaker: Speaker) -> Speaker:
        if not speaker.anonymous:
            if speaker.type == "person":
                self.last_person = speaker
                self.last_person_at = self.current_sentence
            else:
                self.last_org = speaker
        return speaker

    def resolve(self, token: Token, sent: Span, phrase: Span | None = None) -> Speaker | None:
        low = token.lower_
        named = appositive_name(token)
        if named is not None:  # "Netanyahu's spokesman, Omer Dagan, said" → Omer Dagan
            token = named
            low = token.lower_
        if token.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if low in PERSON_PRONOUNS:
                return self.person_for_pronoun(token)
            if low == "it":  # the nearest organisation named before it, else the last one quoted
                return self.org_for_pronoun(token) or self.last_org
            if low in GROUP_PRONOUNS:
                return self.last_org or self.last
            return None
        if low == "one" and self.anonymous and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("them", "those") for g in c.children)
                for c in token.children):
            return self.anonymous[-1]  # "Three EU diplomats confirmed it. One of them said …": the same sources
        span = phrase if phrase is not None and named is None else noun_phrase(token)
        text = span.text.strip()
        # a named person or organisation inside the phrase
        span_ents = self.ctx.ents.within(span.start, span.end)
        ents = [e for e in span_ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") or e.id_]
        head_ent = next((e for e in ents if e.start <= token.i < e.end), None)
        if head_ent is None and token.pos_ == "PROPN":
            actor = self.actor_for(token.text)  # a surname the model did not tag
            if actor is not None:
                return self.remember(Speaker(actor.name, None, False, actor.type))
        if head_ent is not None:
            actor = self.actor_for(head_ent.text)
            if actor is not None:
                entry = lexicon.named_index().get(actor.name.lower())
                # "AFP" is the news agency unless the article spelt it out as another body ("Australian Federal
                # Police (AFP)"): the actor's own name decides
                outlet = entry.kind == "outlet" if entry is not None else \
                    head_ent.id_ == f"outlet:{actor.name}"
                return self.remember(Speaker(actor.name, None, False, actor.type, is_outlet=outlet))
            if head_ent.label_ == "GPE":
                return self.remember(Speaker(lexicon.strip_the(head_ent.text), None, False, "organisation"))
        named_actor = self.actor_for(text)  # "The interior ministry said": a body the article names so
        if named_actor is not None:
            return self.remember(Speaker(named_actor.name, None, False, named_actor.type))
        definite = span[0].lower_ in ("the", "this") and not any(e.label_ in ("PERSON", "ORG") for e in span_ents)
        if definite and token.ent_type_ == "" and token.lemma_.lower() in lexicon.role_nouns():
            # "the minister said": the actor with that role, else the last person quoted
            actor = self.actor_with_role(token.lemma_.lower(), token.i)
            if actor is not None:
                return self.remember(Speaker(actor.name, None, False, actor.type))
            if self.last_person is not None:
                actor = self.by_name.get(self.last_person.name)
                if actor is not None and not actor.role:  # "The prime minister told MPs": now we know
                    self.set_role(actor, re.sub(r"^(the|this)\s+", "", span.text.strip(), flags=re.IGNORECASE))
                return self.last_person
        if definite and token.lemma_.lower() in lexicon.anonymous_markers():
            # "the official said": the unnamed source introduced before
            earlier = self.anonymous_with_head(token.lemma_.lower())
            if earlier is not None:
                return earlier
        if definite and token.lemma_.lower() in ORG_ANAPHORS:
            # "the San Jose-based company said": the organisation named before
            org = self.last_org_actor(token.i, token.lemma_.lower())
            if org is not None:
                return self.remember(Speaker(org.name, None, False, "organisation"))
        if len(span) == 1 and token.tag_ in ("NNS", "NNPS") and token.is_sent_start and not token.ent_type_:
            return Speaker(None, descriptor_text(span), True, "person")  # "Unions accused …": a group, unnamed
        if token.lemma_.lower() in RESEARCH_STAFF:
            # "analysts at Goldman Sachs said in a note": the firm's research, on the record
            firm = next((self.actor_for(e.text) for e in span_ents if e.label_ == "ORG" or e.id_), None)
            if firm is not None and firm.type == "organisation":
                return self.remember(Speaker(firm.name, None, False, "organisation"))
        if token.pos_ == "NOUN" and token.lemma_.lower() in DOCUMENT_HEADS:
            # "the Australian Criminal Intelligence Commission's latest report estimated": the body that wrote it
            author = next((a for e in ents if e.label_ == "ORG" and e.end <= token.i
                           and (a := self.actor_for(e.text)) is not None and a.type == "organisation"), None)
            if author is not None:
                return self.remember(Speaker(author.name, None, False, "organisation"))
        if is_anonymous(span, token, span_ents):
            speaker = Speaker(None, descriptor_text(span), True, "person")
            self.anonymous.append(speaker)
            words = (speaker.descriptor or "").lower().split()
            if words:
                self.anonymous_by_head[words[-1].rstrip("s")] = speaker
            return speaker
        lemma = token.lemma_.lower()
        if lemma in lexicon.role_nouns() and lemma not in INSTITUTION_NOUNS:
            # "A former official said …": may be named in the next sentence, if it is one person
            return Speaker(None, descriptor_text(span), True, "person", role_only=token.tag_ != "NNS")
        if lemma in INSTITUTION_NOUNS and token.tag_ == "NNS" and not any(t.pos_ == "PROPN" for t in span):
            return Speaker(None, descriptor_text(span), True, "organisation")  # "aid agencies say": none named
        if lemma in INSTITUTION_NOUNS or token.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in span):
            name = lexicon.strip_the(text)
            return self.remember(Speaker(name, None, False, "organisation"))
        if token.pos_ in ("NOUN",) and lemma in DOCUMENT_HEADS:
            return Speaker(None, descriptor_text(span), True, "organisation")
        return None

    def person_for_pronoun(self, pronoun: Token) -> Speaker | None:
        """'he'/'she': the last named speaker (Citron), unless a person named since then is the subject
        of a sentence before this one ('Sen. Lindsey Graham voted against it. He told reporters …')."""
        sentence = self.ctx.sentence_of_token[pronoun.i]
        people, at_sentence = self.subject_people()
        # only the subjects of the last two sentences can be meant: bisect to them instead of walking
        # back over every person the article names
        for k in range(bisect_left(at_sentence, sentence) - 1, -1, -1):
            at = at_sentence[k]
            if at < sentence - 2 or at <= self.last_person_at:
                break
            actor = self.actor_for(people[k].text)
            if actor is not None and actor.type == "person":
                return self.remember(Speaker(actor.name, None, False, "person"))
        return self.last_person

    def subject_people(self) -> tuple[list[Span], list[int]]:
        """The people's names that are the subject of their clause, in order, and their sentences."""
        if self._subject_people is None:
            people = [e for e in self.ctx.ents.labelled("PERSON")[0] if e.root.dep_ in ("nsubj", "nsubjpass")]
            self._subject_people = (people, [self.ctx.sentence_of_token[e.start] for e in people])
        return self._subject_people

    def org_for_pronoun(self, pronoun: Token) -> Speaker | None:
        sentence = self.ctx.sentence_of_token[pronoun.i]
        window_start = self.ctx.sentences[max(0, sentence - 1)].start
        orgs, starts = self.ctx.ents.labelled("ORG")
        # the organisations named from the sentence before up to the pronoun, bisected out of the article's
        for k in range(bisect_left(starts, pronoun.i) - 1, bisect_left(starts, window_start) - 1, -1):
            actor = self.actor_for(orgs[k].text)
            if actor is not None and actor.type == "organisation":
                return self.remember(Speaker(actor.name, None, False, "organisation"))
        return None

    def anonymous_with_head(self, head: str) -> Speaker | None:
        """The last unnamed source whose description ends in ``head`` ("officials" for "the official"),
        looked up by that word rather than by reading every unnamed source so far."""
        return self.anonymous_by_head.get(head.rstrip("s"))

    def last_org_actor(self, before: int, noun: str) -> Actor | None:
        """The organisation 'the bank' refers to: one named '… Bank' if any, else the one the story is
        about so far (most sentences naming it), else the last one named."""
        return self.salience.best(self.ctx.sentence_of_token[before], noun)

    def actor_with_role(self, noun: str, before: int) -> Actor | None:
        """The last actor (in the order they are first named) whose role has ``noun`` and who is named by
        the sentence of token ``before``."""
        sentence = self.ctx.sentence_of_token[before]
        with_role = self.role_words.get(noun, [])
        if self.first_sentences is not None:
            # the actors named by then are a prefix of the list: bisect to the last one with the role
            k = bisect_left(with_role, bisect_right(self.first_sentences, sentence))
            return self.actors[with_role[k - 1]] if k else None
        for i in reversed(with_role):
            if self.actors[i].sentences and self.actors[i].sentences[0] <= sentence:
                return self.actors[i]
        return None


class OrgSalience:
    """Which organisation "the company" or "the bank" means at a given sentence: one whose name has that
    word if any, else the one named in most sentences before it (the lede counting twice), then the one
    named last, then the one listed last.

    The tallies are kept as the sentences go by, with the best so far overall and per word of a name:
    a tally only grows, so the best changes only to the organisation just counted. Asking about every
    organisation at each "the company said" made a long article quadratic. A question about an earlier
    sentence than the last one asked (the sources are read in order, so it does not happen) is answered
    by counting afresh.
    """

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.candidates = [i for i, a in enumerate(actors) if a.type == "organisation" and lexicon.named_index().get(
            a.name.lower(), lexicon.NamedEntry("", "", ())).kind != "outlet"]
        self.words = {i: set(actors[i].name.lower().split()) for i in self.candidates}
        self.events = sorted((s, i) for i in self.candidates for s in actors[i].sentences)
        self.done = 0  # events[:done] are counted: those of the sentences before self.upto
        self.upto = -1
        self.tally: dict[int, list[int]] = {}  # actor → [sentences, first, last]
        self.best_all: tuple[int, int, int] | None = None  # (salience, last sentence, actor)
        self.best_word: dict[str, tuple[int, int, int]] = {}

    def best(self, sentence: int, noun: str) -> Actor | None:
        if sentence < self.upto:
            return self._count_afresh(sentence, noun)
        self.upto = sentence
        while self.done < len(self.events) and self.events[self.done][0] < sentence:
            s, i = self.events[self.done]
            self.done += 1
            tally = self.tally.setdefault(i, [0, s, s])
            tally[0] += 1
            tally[1], tally[2] = min(tally[1], s), max(tally[2], s)
            key = (tally[0] + (1 if tally[1] <= 1 else 0), tally[2], i)  # the lede names what the story is about
            self.best_all = max(self.best_all or key, key)
            for word in self.words[i]:
                self.best_word[word] = max(self.best_word.get(word, key), key)
        best = self.best_word.get(noun) or self.best_all
        return self.actors[best[2]] if best is not None else None

    def _count_afresh(self, sentence: int, noun: str) -> Actor | None:
        candidates = []
        for i in self.candidates:
            a = self.actors[i]
            seen = [s for s in a.sentences if s < sentence]
            if seen:
                salience = len(seen) + (1 if min(seen) <= 1 else 0)
                candidates.append((noun in self.words[i], salience, max(seen), i))
        return self.actors[max(candidates)[3]] if candidates else None


DOCUMENT_NOUNS = {"estimate", "figure", "figures", "data", "report", "filing", "statement", "survey", "study",
                  "count", "tally", "analysis", "poll", "document", "documents", "record", "records", "research",
                  "calculation", "calculations", "statistics", "projection", "forecast", "summary", "assessment",
                  "review", "audit", "release", "transcript", "memo", "letter", "post", "announcement", "briefing",
                  "investigation", "inquiry", "findings", "tallies", "results", "numbers", "datum"}
DOCUMENT_HEADS = {"report", "study", "survey", "poll", "data", "document", "filing"}  # "a report said"
INVERSION_MARKS = {",", "”", '"', "’", "'"}  # what ends a quote before "said X"
RESEARCH_STAFF = {"analyst", "economist", "strategist", "researcher"}  # speak for their firm's published research

ORG_ANAPHORS = {"company", "firm", "group", "carrier", "airline", "bank", "lender", "retailer", "manufacturer",
                "insurer", "charity", "organisation", "organization", "party", "union", "council", "seller",
                "buyer", "miner", "producer", "broadcaster", "club", "agency", "ministry", "department"}


def document_author(document: Token) -> Token | None:
    """'an estimate by the IFRC', 'figures published by the ATP', 'LSEG data', 'the company's filing'
    → the author's head word."""
    owner = next((c for c in document.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if owner is not None:
        return owner
    for t in document.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("by", "from", "of", "with") and (t.ent_type_ or t.pos_ == "PROPN"):
            return t
    return next((c for c in document.children if c.dep_ in ("compound", "poss", "amod", "nmod")
                 and (c.ent_type_ or c.pos_ == "PROPN" or c.text.isupper() and len(c.text) > 1)), None)


def appositive_name(token: Token) -> Token | None:
    """A person named in apposition to a described speaker: 'His coach, Rosa Whitfield, said'."""
    if token.ent_type_ == "PERSON":
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
            return child
    doc = token.doc
    right = token.i
    stack = [c for c in token.children if c.dep_ not in ("appos", "punct", "relcl", "acl")]
    while stack:  # the phrase's right edge, not counting what hangs off an apposition or a clause
        t = stack.pop()
        right = max(right, t.i)
        stack += [c for c in t.children if c.dep_ not in ("appos", "relcl", "acl", "punct")]
    if right + 2 < len(doc) and doc[right + 1].text == "," and doc[right + 2].ent_type_ in ("PERSON", "ORG") \
            and doc[right + 2].ent_iob_ == "B":
        end = right + 2
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        if end + 1 < len(doc) and doc[end + 1].text == ",":
            return doc[end]
    return None


def antecedent(noun: Token) -> Token:
    """The person a 'who' clause describes, even when it hangs off a later noun ('a student at X, who')."""
    current = noun
    for _ in range(6):
        if current.ent_type_ == "PERSON":
            return current
        if current.dep_ in ("pobj", "prep", "appos", "compound", "amod") and current.head.i != current.i:
            current = current.head
        else:
            break
    return current if current.ent_type_ == "PERSON" else noun


def noun_phrase(token: Token, keep_preps: bool = False) -> Span:
    """The subject's phrase without relative clauses or appositions after a comma."""
    tokens = [t for t in token.subtree]
    start = token.left_edge.i
    end = token.i + 1
    for t in tokens:
        if t.i <= token.i:
            continue
        if t.text in (",", "(", "—", "–") or t.dep_ in ("relcl", "acl", "appos") or t.lower_ in ("who", "which"):
            break
        end = t.i + 1
    if keep_preps:  # "the International Federation of Red Cross and Red Crescent Societies"
        while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
            end += 1
    while start < token.i and token.doc[start].text in ("“", '"', "”", "‘", "’"):
        start += 1
    return token.doc[start:end]


def is_anonymous(span: Span, head: Token, span_ents: list[Span]) -> bool:
    """Whether a speaker's phrase describes an unnamed source; ``span_ents`` are the entities inside it."""
    markers = lexicon.anonymous_markers()
    if any(e.label_ == "PERSON" for e in span_ents):
        return False
    text = " " + span.text.lower() + " "
    if head.lower_ in markers or head.lemma_.lower() in markers:
        return True
    return any(" " in m and f" {m} " in text for m in markers)


def descriptor_text(span: Span) -> str:
    text = span.text.strip()
    first = span[0]
    if first.is_sent_start and first.pos_ != "PROPN" and first.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
        text = text[:1].lower() + text[1:]
    return text


def speaker_for_floating(ctx, si: int, spans: QuoteSpans, per_sentence: dict[int, list[Attribution]]) -> Speaker | None:
    """Quoted words with no verb: the speaker is where the quote ends (it may run on over sentences
    and paragraphs), or else the one before."""
    sent = ctx.sentences[si]
    text = ctx.text
    # where the sentence's text ends, blanks off: what len(text[:end].rstrip()) is, without copying the text
    # before the sentence (once per sentence, that copy was quadratic)
    text_end = sent.end_char
    while text_end > 0 and text[text_end - 1].isspace():
        text_end -= 1
    runs_on = any(b >= text_end - 1 for _, b in spans.overlapping(sent.start_char, sent.end_char))
    if not runs_on:
        return None
    for later in range(si + 1, min(si + 6, len(ctx.sentences))):
        nxt = ctx.sentences[later]
        if not spans.overlapping(nxt.start_char, nxt.end_char):
            return None  # the quote has ended without naming anyone
        if later in per_sentence:
            return per_sentence[later][0].speaker
    return None


def link_described_speakers(ctx, per_sentence: dict[int, list[Attribution]], actors: list[Actor]) -> None:
    """'A former US official said … Mick Mulroy, who …, added …' — the description names Mulroy."""
    by_name = {a.name: a for a in actors}
    for si in sorted(per_sentence):
        for att in per_sentence[si]:
            if not att.speaker.role_only:
                continue
            nxt = per_sentence.get(si + 1, [])
            named = next((n for n in nxt if n.speaker.type == "person" and not n.speaker.anonymous and n.speaker.name), None)
            actor = by_name.get(named.speaker.name) if named else None
            if actor is None or not actor.sentences or actor.sentences[0] != si + 1:
                att.speaker.role_only = False
                continue
            role = re.sub(r"^(a|an|the)\s+", "", att.speaker.descriptor or "", flags=re.IGNORECASE)
            if role and (not actor.role or role.lower() not in actor.role.lower()):
                actor.role = f"{role}; {actor.role}" if actor.role else role
            att.speaker = named.speaker
