"""The sourcing panel: who is quoted or cited, named or not, directly or not, and through whom.

Rules in the manner of SFU's Gender Gap Tracker and BBC's Citron:

1. a reporting verb (``data/reporting_verbs.txt``) and its subject: "X said (that) …",
   "X told the BBC …", "first reported by Axios", "Axios, which said …"; a speech verb of the wider
   lexicon (``data/speech_verbs.txt``, Levin 1993 class 37) with a clause of its own ("X alleged that …");
   any verb right after a closing quote and its comma, for a named person ('"…," sighed X, a porter'); a
   naming verb (``data/naming_verbs.txt``: 'X called the offer "a crumb"') only with a quote in its clause.
   A cue inside the words another source reports ("A councillor said members had been warned by officers
   that …") is what that source said: the officers are spoken about, not quoted ("said" and "told" there pass
   on someone's words: a source at second hand);
2. "according to X";
3. layouts with no verb, as spaCy ``Matcher`` / ``DependencyMatcher`` patterns in
   ``data/attribution_patterns.json`` (``attribution_patterns()``): a dash after a quote ("“…” —Commissioner X"),
   a colon lead-in ("And from the chair, X:" then the quote), findings ("officials found that …"), quoted titles
   and slogans (not quotes at all) and "(Sourcing: …)" lines. The data says what to match; ``layout_attributions``
   decides, one small branch per layout, which quote the match attributes;
4. quoted text with no verb of its own inherits the speaker of the sentence where the
   quote closes; else, when it opens a paragraph, the one person the sentence before introduces; else
   the last speaker ("floating" quotes). Quoted words inside a narrative sentence (a term, a title) are
   nobody's quote (``speech_like``).

Each source has a ``kind`` (``models.SourceKind``): a named person, an unnamed person, a body (named or not:
"the interior ministry", "police"), a document ("the report"), an outlet. Only unnamed people and unnamed bodies
("authorities") are anonymous: one institution named by what it is ("police", ``data/one_institution.txt``) and
a party named in the plural ("the Liberals", ``data/party_plurals.txt``) are bodies on the record, a document is on
the record, and a role before a name ("Director of X Airport Jane Roe") never makes the person anonymous. A verb is
a cue only when it reports words (``reports_content``: "can tell when …" is *know*) and its subject can speak
(``can_speak``: not "Rows … show her to be …"). The nouns these rules read are word lists in ``data/``, each with a
header saying what it is: ``institution_nouns.txt``, ``body_plurals.txt``, ``one_institution.txt``,
``document_nouns.txt``, ``document_heads.txt``, ``outlet_nouns.txt``, ``org_anaphors.txt``, ``research_staff.txt``,
``hearsay_nouns.txt`` ("Rumors suggest …": no source at all). Nor is a kind of people ("there are people who
say …"), a statement about everyone ("All engineers would …", "every parent says"), or an embedded tweet's text.

Speakers resolve to actors by name, alias or surname; "he"/"she" to the last named
person speaker; "the minister" to the actor with that role, unless it is the one unnamed source quoted
before with that head word ("A senior party leader, who did not wish to be named, told …" … "the leader said":
``Resolver.unnamed_source_described``); "the Pentagon chief" to the one person named
with a role of that post (``data/post_descriptions.tsv``); "the Facebook founder" / "Mercedes driver says" to the one
person the article names with that brand (``Resolver.person_described``). Unnamed sources keep the
article's own words as ``descriptor`` (markers in ``data/anonymous_sources.txt``). A
role-only speaker ("A former official said …") followed by a newly named person who
"added" becomes that person. Quote marks never make this fail: unbalanced marks and
apostrophes are tolerated, and a quote may run over paragraphs.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..models import Actor, Quote, Source
from . import index
from .index import overlapping

OPENERS = {"“": "”", "«": "»", "„": "“"}
OUTLET_NOUNS = lexicon.word_set("outlet_nouns.txt")  # "the website reported": the outlet named last
INSTITUTION_NOUNS = lexicon.word_set("institution_nouns.txt")  # "the ministry said": a body
# Institutions named by what they are: "police said", "unions warned", "the authorities", "hospitals reported".
# A source with one of these heads is a body (``kind``), not an unnamed person.
GENERIC_BODIES = INSTITUTION_NOUNS | lexicon.word_set("body_plurals.txt")
# One institution of its place, named by what it is ("police said", "the army said"): on the record as that body,
# so not anonymous; plural heads ("authorities", "aid agencies", "unions") leave unsaid which bodies spoke.
ONE_INSTITUTION = lexicon.word_set("one_institution.txt")
# Speakers that can speak by the sound of their head: people by what they do ("-ers", "-ists", "-ants"), so that
# "Dramas … show him to be …" is no source. Other heads need a list (anonymous markers, roles, institutions).
PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "ee", "ees")
WH_WORDS = {"whether", "if", "when", "where", "how", "why", "what", "who"}  # "would not say whether …": no answer
KNOW_MODALS = {"can", "could", "ca", "cannot"}  # "parents can usually tell when …": know, not speak
INDEFINITE = {"a", "an", "many", "some", "several", "few", "most"}  # "one of the people" is an earlier source
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
    document: bool = False  # "the report", "a statement", "court filings": words, not a speaker

    @property
    def key(self) -> str:
        return (self.name or self.descriptor or "").lower()

    @property
    def kind(self) -> str:
        """What an editor keeps apart (``models.SourceKind``): a named person, an unnamed one, a body (named or
        not), a document, an outlet."""
        if self.is_outlet:
            return "outlet"
        if self.document or (self.name is None and self.descriptor and head_word(self.descriptor) in DOCUMENT_NOUNS):
            return "document"
        if self.type == "person" and self.name is None and self.descriptor \
                and head_word(self.descriptor) in GENERIC_BODIES:
            return "body"  # "police", "unions", "authorities": institutions, if unnamed ones
        return ("person" if self.name else "unnamed") if self.type == "person" else "body"


HEAD_ENDS = {"for", "of", "in", "at", "with", "from", "to", "on", "by", "who", "that", "which", "familiar", "close",
             "inside", "within", "near", "among", "under", "about", "into", "across", "outside", "like",
             "briefed", "polled", "published", "released", "seen", "obtained", "filed", "-"}


def head_word(descriptor: str) -> str:
    """The head of a description, lower case: its last word before a preposition or a clause ("a spokesperson
    for the ministry" → "spokesperson"), without a plural s unless the plural is listed ("authorities")."""
    words = []
    for word in descriptor.lower().split():
        if word in HEAD_ENDS and words:
            break
        words.append(word.strip(",.;:()'’\"“”"))
        if word.endswith(","):
            break  # "one victim, a retired driver": the apposition describes the head, it is not it
    word = words[-1] if words else ""
    if word in DOCUMENT_NOUNS or word in GENERIC_BODIES:
        return word
    if word.endswith("ies") and word[:-3] + "y" in DOCUMENT_NOUNS:
        return word[:-3] + "y"  # "studies" is "study", not "studie"
    return word.rstrip("s")


def description_head(descriptor: str) -> str:
    """The head word of a description as written, lower case, plural kept: "a senior CPI(M) leader, who …" →
    "leader", "officials familiar with the talks" → "officials" (``head_word`` makes it "official")."""
    words = []
    for word in descriptor.lower().split():
        if word in HEAD_ENDS and words:
            break
        words.append(word.strip(",.;:()'’\"“”"))
        if word.endswith(","):
            break  # "one victim, a retired driver": the apposition describes the head, it is not it
    return words[-1] if words else ""


def extract(ctx, actors: list[Actor]) -> list[Source]:
    doc = ctx.doc
    matches = pattern_matches(ctx)
    titles = title_quote_starts(ctx, matches)
    # a quoted title or slogan ("the film “Dune”") is not a quote: its span is dropped before anything reads it
    spans = QuoteSpans([span for span in quote_spans(ctx.text) if span[0] not in titles])
    quoted = in_quote_mask(doc, spans.spans)
    # whether each sentence holds quoted words: asked once per reporting verb, so counted once per sentence
    has_quote = [any(quoted[sent.start:sent.end]) for sent in ctx.sentences]
    quotes_before = list(accumulate(quoted, initial=0))  # quoted tokens before each token: any in a range, at once
    resolver = Resolver(ctx, actors)
    per_sentence: dict[int, list[Attribution]] = {}
    matches_at: dict[int, list[PatternMatch]] = {}
    # verbs that report no words here (a comparison, a condition, "asked by X"): no rule reads them as cues
    not_cues = {match.parts["cue"][0] for match in matches if match.pattern.layout == "not_a_cue"}
    for match in matches:
        if match.pattern.layout not in ("title", "not_a_cue"):
            matches_at.setdefault(match.sentence, []).append(match)
    for si, sent in enumerate(ctx.sentences):
        if si in ctx.credit_sentences:
            continue
        resolver.current_sentence = si
        found = verb_attributions(ctx, sent, si, quoted, resolver, has_quote[si], not_cues) \
            + according_to(ctx, sent, si, resolver)
        placed = layout_attributions(ctx, matches_at.get(si, []), sent, si, spans, quoted, resolver,
                                     {a.verb.i for a in found if a.verb is not None} | not_cues)
        for att in found:
            if " in " in att.cue:  # "said in a statement": "the statement" later is this speaker's
                resolver.documents[att.cue.rsplit(" ", 1)[-1]] = att.speaker
        for target, att in [(si, a) for a in found] + placed:
            if target not in ctx.credit_sentences:
                per_sentence.setdefault(target, []).append(att)
        for att in found + [a for _, a in placed]:
            resolver.note_source(att.speaker, si)
        if found or placed:
            resolver.last = (found or [a for _, a in placed])[-1].speaker
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
            speaker = speaker_for_floating(ctx, si, spans, per_sentence, resolver)
            # a quote opened here and closed within two sentences is speech even in a narrative sentence
            # ('… stated, “Beads. From a bead shop.”'); one left open for longer is a stray mark, not a quote
            if speaker is None and (speech_like(ctx, sent, spans) or short_quote_opens(ctx, si, spans)):
                # a quote standing alone: the one person the sentence before introduces, else the last speaker
                speaker = introduced_speaker(ctx, si, resolver) or last_speaker
            if speaker is not None:
                add_quote(sources, seen, speaker, Quote(quote_text, True, None, si), None)
                last_speaker = speaker
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
        kind = speaker.kind
        # only an unnamed person or body is anonymous: a document is words on the record, an outlet is named
        anonymous = speaker.anonymous and kind in ("unnamed", "body") and not speaker.name \
            and not (kind == "body" and head_word(speaker.descriptor or "") in ONE_INSTITUTION)
        sources[speaker.key] = Source(name=speaker.name, descriptor=speaker.descriptor, anonymous=anonymous,
                                      type="organisation" if kind in ("body", "outlet", "document") else "person",
                                      via=via, is_outlet=speaker.is_outlet, kind=kind)  # type: ignore[arg-type]
        seen[speaker.key] = set()
    source = sources[speaker.key]
    if via and not source.via:
        source.via = via
    if (quote.sentence, quote.text) not in seen[speaker.key]:
        seen[speaker.key].add((quote.sentence, quote.text))
        source.quotes.append(quote)


# ---------------------------------------------------------------- declarative layouts (data/attribution_patterns.json)

PATTERN_FILE = "attribution_patterns.json"
LAYOUTS = ("quote_before", "quote_after", "clause", "title", "sourcing_list", "not_a_cue")
ROLES = ("speaker", "cue", "quote", "content")


@dataclass(frozen=True)
class AttributionPattern:
    name: str
    layout: str
    speaker: str  # "person", "agent" (not a document) or "any"
    cue: str | None
    matcher: str  # "token" or "dependency"
    pattern: tuple  # as spaCy takes it (token patterns without their ROLE keys)
    roles: tuple  # token patterns: the ROLE of each element (None when it has none)


@lru_cache(maxsize=None)
def attribution_patterns() -> tuple[AttributionPattern, ...]:
    """The layouts in ``data/attribution_patterns.json``, checked and read once per process.

    Raises ``ValueError`` naming the entry and the key when the file is malformed (an unknown layout or
    role, a missing name): the file is ours, so this is a bug to fix before any article is read.
    """
    data = json.loads((lexicon.DATA_DIR / PATTERN_FILE).read_text(encoding="utf-8"))
    out = []
    for n, entry in enumerate(data["patterns"]):
        where = f"{PATTERN_FILE}: patterns[{n}]"
        for key in ("name", "comment", "matcher", "layout", "speaker", "cue", "pattern"):
            if key not in entry:
                raise ValueError(f"{where}: {key}: missing — every pattern has name, comment, matcher, layout, "
                                 "speaker, cue and pattern")
        if entry["layout"] not in LAYOUTS or entry["matcher"] not in ("token", "dependency") \
                or entry["speaker"] not in ("person", "agent", "any"):
            raise ValueError(f"{where}: layout/matcher/speaker: {entry['layout']!r}/{entry['matcher']!r}/"
                             f"{entry['speaker']!r} is not one of {LAYOUTS} / token, dependency / person, agent, any")
        roles = []
        pattern = []
        for element in entry["pattern"]:
            element = dict(element)
            role = element.pop("ROLE", None)
            if role is not None and role not in ROLES:
                raise ValueError(f"{where}: ROLE: {role!r} is not one of {ROLES}")
            roles.append(role)
            pattern.append(element)
        if entry["layout"] == "not_a_cue" and "cue" not in roles and not any(
                e.get("RIGHT_ID") == "cue" for e in pattern):
            raise ValueError(f"{where}: pattern: a 'not_a_cue' pattern marks the verb it rules out as 'cue'")
        out.append(AttributionPattern(entry["name"], entry["layout"], entry["speaker"], entry["cue"],
                                      entry["matcher"], tuple(pattern), tuple(roles)))
    if len({p.name for p in out}) != len(out):
        raise ValueError(f"{PATTERN_FILE}: name: two patterns share a name — give each its own")
    return tuple(out)


_MATCHERS: dict[int, tuple[Matcher, DependencyMatcher]] = {}


def matchers(vocab) -> tuple[Matcher, DependencyMatcher]:
    """The token and dependency matchers for ``vocab``, built once per vocabulary (once per process: the
    pipeline is loaded once), each pattern added under its name."""
    key = id(vocab)
    if key not in _MATCHERS:
        token, dependency = Matcher(vocab), DependencyMatcher(vocab)
        for p in attribution_patterns():
            if p.matcher == "token":
                token.add(p.name, [list(p.pattern)], greedy="LONGEST")
            else:
                dependency.add(p.name, [list(p.pattern)])
        _MATCHERS[key] = (token, dependency)
    return _MATCHERS[key]


@dataclass
class PatternMatch:
    pattern: AttributionPattern
    sentence: int  # where the match is
    parts: dict[str, list[int]]  # role → token indexes


def pattern_matches(ctx) -> list[PatternMatch]:
    """Every layout of the pattern file found in the article, in text order. Each matcher passes over the
    document once: linear in its length."""
    doc = ctx.doc
    by_name = {p.name: p for p in attribution_patterns()}
    token, dependency = matchers(doc.vocab)
    out: list[tuple[int, PatternMatch]] = []
    for match_id, start, end, alignment in token(doc, with_alignments=True):
        p = by_name[doc.vocab.strings[match_id]]
        parts: dict[str, list[int]] = {}
        for i, element in zip(range(start, end), alignment):
            if p.roles[element] is not None:
                parts.setdefault(p.roles[element], []).append(i)
        out.append((start, PatternMatch(p, ctx.sentence_of_token[start], parts)))
    for match_id, tokens in dependency(doc):
        p = by_name[doc.vocab.strings[match_id]]
        parts = {node["RIGHT_ID"]: [i] for node, i in zip(p.pattern, tokens) if node["RIGHT_ID"] in ROLES}
        out.append((min(tokens), PatternMatch(p, ctx.sentence_of_token[min(tokens)], parts)))
    out.sort(key=lambda item: item[0])
    return [m for _, m in out]



def title_quote_starts(ctx, matches: list[PatternMatch]) -> set[int]:
    """Where the quotes that are titles or slogans start (the character after their opening mark)."""
    starts = set()
    for match in matches:
        if match.pattern.layout == "title":
            mark = ctx.doc[match.parts["quote"][0]]
            starts.add(mark.idx + len(mark.text))
    return starts


def layout_attributions(ctx, matches: list[PatternMatch], sent: Span, si: int, spans: "QuoteSpans",
                        quoted: list[bool], resolver: "Resolver", verbs: set[int]) -> list[tuple[int, Attribution]]:
    """The attributions the pattern file's layouts find in sentence ``si``, each with the sentence whose quote
    it attributes (a dash line attributes the quote before it, a lead-in the quote after it). ``verbs``: the
    tokens already read as reporting verbs in this sentence, not read twice."""
    out: list[tuple[int, Attribution]] = []
    doc = ctx.doc
    for match in matches:
        p, parts = match.pattern, match.parts
        if p.layout == "sourcing_list":
            out += [(si, att) for att in sourcing_list(ctx, match, sent, si, resolver)]
            continue
        speaker_tokens = parts.get("speaker", [])
        if not speaker_tokens:
            continue
        target = si
        cue = p.cue
        verb = None
        content = None
        if p.layout == "quote_before":
            mark = doc[parts["quote"][0]]
            if mark.idx not in spans.end_set or mark.i == 0:
                continue  # the mark closes no quote
            target = ctx.sentence_of_token[mark.i - 1]
        elif p.layout == "quote_after":
            colon = speaker_tokens[-1] + 1
            while colon < len(doc) and doc[colon].text != ":":
                colon += 1
            k = colon + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k >= len(doc) or doc[k].idx + len(doc[k].text) not in spans.start_set:
                continue  # no quote opens after the colon
            if any(t.pos_ == "VERB" for t in doc[sent.start:colon]):
                continue  # the lead-in has a verb: 'She sent a note to Jo Bloggs:' is no attribution
            target = ctx.sentence_of_token[min(k + 1, len(doc) - 1)]
        elif p.layout == "clause":
            verb = doc[parts["cue"][0]]
            if verb.i in verbs or quoted[verb.i] or complement_of_cue(verb, lexicon.speech_verbs()):
                continue  # "The spokesman noted that banks had shown they …": the banks are spoken about
            cue = cue or cue_of(verb)
            content = content_of(verb, ctx) or phrase_text(ctx, doc[parts["content"][0]])
        first, last = speaker_tokens[0], speaker_tokens[-1]
        phrase = doc[first:last + 1] if p.matcher == "token" else None
        token = phrase.root if phrase is not None else doc[first]
        speaker = resolver.resolve(token, sent, phrase=phrase)
        if speaker is None or p.speaker == "person" and (speaker.type != "person" or speaker.anonymous) \
                or p.speaker == "agent" and speaker.kind == "document":
            continue
        out.append((target, Attribution(target, speaker, cue or "", verb, None, content)))
    return out


def phrase_text(ctx, token: Token) -> str:
    """The words of ``token``'s subtree, from the text (clipped)."""
    last = ctx.subtree_last(token)
    return clipped(ctx.text[token.left_edge.idx:last.idx + len(last.text)].strip())


LIST_BREAKS = {",", ";", "and", "&", "/"}


def sourcing_list(ctx, match: PatternMatch, sent: Span, si: int, resolver: "Resolver") -> list[Attribution]:
    """'(Sourcing: Reuters, company filings and the health ministry)': each item up to the closing bracket or
    the sentence's end is a source; an item nobody can resolve is kept as a document in its own words."""
    doc = ctx.doc
    i = match.parts["cue"][0] + 2  # past the word and its colon
    end = next((t.i for t in doc[i:sent.end] if t.text in (")", "]")), sent.end)
    out = []
    start = i
    for j in range(i, end + 1):
        if j == end or doc[j].lower_ in LIST_BREAKS:
            item = doc[start:j]
            start = j + 1
            while len(item) and (item[-1].is_punct or item[-1].is_space):
                item = item[:-1]
            if not len(item) or not any(t.is_alpha for t in item):
                continue
            speaker = resolver.resolve(item.root, sent, phrase=item)
            if speaker is None:
                speaker = Speaker(None, descriptor_text(item), False, "organisation", document=True)
            out.append(Attribution(si, speaker, match.pattern.cue or "sourcing", None, None, sent.text.strip()))
    return out


def speech_like(ctx, sent: Span, spans: "QuoteSpans") -> bool:
    """Whether the quoted words of a sentence with no attribution read as someone's speech: the quote opens the
    sentence or runs into it from the one before, or holds at least half its letters. A term or a name in
    quotation marks inside a narrative sentence ('the so-called “shadow fleet”') is not speech."""
    text = ctx.text
    start, end = sent.start_char, sent.end_char
    while start < end and (text[start].isspace() or text[start] in "“\"«„‘'("):
        start += 1
    inside = spans.overlapping(sent.start_char, sent.end_char)
    if any(a <= start for a, _ in inside):
        return True
    letters = sum(1 for ch in text[sent.start_char:end] if ch.isalnum())
    quoted = sum(1 for a, b in inside for ch in text[max(a, sent.start_char):min(b, end)] if ch.isalnum())
    return letters > 0 and 2 * quoted >= letters


def introduced_speaker(ctx, si: int, resolver: "Resolver") -> Speaker | None:
    """A paragraph that is only a quote, right after a sentence that introduces one person and no other: that
    person ('The regulator named Ana Ruiz chair on Monday.' / '“We start today.”')."""
    if si == 0 or si - 1 in ctx.credit_sentences:
        return None
    sent = ctx.sentences[si]
    text = ctx.text
    before = sent.start_char
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return None  # the quote does not open a paragraph
    previous = ctx.sentences[si - 1]
    people = set()
    for ent in ctx.ents.within(previous.start, previous.end):
        if ent.label_ == "PERSON":
            actor = resolver.actor_for(ent.text)
            if actor is None or actor.type != "person":
                return None
            people.add(actor.name)
    if len(people) != 1:
        return None
    actor = resolver.by_name[people.pop()]
    if not actor.sentences or actor.sentences[0] != si - 1:
        return None  # named before: not introduced here
    return resolver.remember(Speaker(actor.name, None, False, "person"))


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
        self.start_set, self.end_set = set(self.starts), set(self.ends)

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
                      sentence_has_quote: bool, not_cues: frozenset[int] | set[int] = frozenset()) -> list[Attribution]:
    """The attributions of sentence ``si`` found through a verb: a reporting or speech verb and its subject (or
    its agent, or the name after it in the inverted slot). ``not_cues``: token indexes the pattern file's
    'not_a_cue' layouts rule out (a comparison, a condition, "asked by X")."""
    out = []
    verbs = lexicon.reporting_verbs()
    speech = lexicon.speech_verbs()
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or quoted[token.i] or token.i in not_cues:
            continue
        lemma = phrasal_lemma(token)
        # the curated verbs anywhere; the wide lexicon (data/speech_verbs.txt: "grumble", "allege") with a clause
        # of its own or in the inverted slot; any other verb only in the inverted slot ('"…," sighed X'), and
        # then only for a person by name (checked below)
        after_quote = token.pos_ == "VERB" and closes_quote_before(token, sent, quoted)
        if lemma in NAMING_VERBS:
            if not (sentence_has_quote and any(quoted[token.left_edge.i:token.right_edge.i + 1])) \
                    or token.tag_ not in ("VBD", "VBN"):
                # "what he described as a low-risk fund", "called for calm": nobody's words quoted; "…, calling it
                # “…”" goes with the clause it hangs from, whose cue gives the quote its speaker; "experts call it
                # “…”" (the present) is what a thing is called, not what someone said
                continue
        elif lemma not in verbs and not after_quote and not (
                lemma in speech and any(c.dep_ in ("ccomp", "parataxis") for c in token.children)):
            continue  # a wide-lexicon verb reports only a clause of its own ("alleged that …"), not an object
        if token.dep_ in ("amod", "acomp") and not after_quote or token.tag_ == "VBG" and token.dep_ not in ("ROOT", "advcl", "xcomp", "conj"):
            continue
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("decline", "refuse", "fail", "want", "plan", "expect"):
            continue  # "declined to comment", "refused to say": nothing was said
        if any(c.dep_ == "neg" for c in token.children) and not any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            continue  # "The Kremlin did not immediately comment"
        if not reports_content(token, sentence_has_quote):
            continue  # "parents can usually tell when …", "telling them what they want to hear": no words reported
        if inside_reported_content(token, speech):  # speech_verbs() holds the reporting verbs too
            continue  # "insiders tell us that attorneys will ask …": the attorneys' asking is what insiders said
        if token.lemma_.lower() not in ("tell", "say", "ask", "urge", "accuse", "warn", "confirm") \
                and lemma not in NAMING_VERBS and \
                any(c.dep_ == "dobj" for c in token.children) and \
                not any(c.dep_ in ("ccomp", "xcomp") for c in token.children) and not sentence_has_quote \
                and not outlet_reports(token, resolver):
            continue  # "Foden added a third", "Apple reported revenue …": an object, not words
        speaker_token = None
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker_token = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if speaker_token is None:
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
            speaker_token = subjects[0] if subjects else None
            if len(subjects) > 1 and subjects[0].pos_ == "NOUN" and not subjects[0].ent_type_ \
                    and subjects[1].pos_ == "PROPN" and subjects[1].ent_type_ == "PERSON" \
                    and (subjects[1].left_edge.i == subjects[0].right_edge.i + 1
                         or any(t.lemma_ == "identify" and t.head.lemma_ not in ASKED_ANONYMITY
                                for t in sent.doc[subjects[0].i:subjects[1].i])):
                # "Trump's incoming chief of staff Reince Priebus said", "a seller identified only as Bashir
                # said": the parser splits the role from the name into two subjects; the name is who spoke
                speaker_token = subjects[1]
        if speaker_token is None and token.dep_ == "conj" and token.i > sent.start and token.doc[token.i - 1].text == "," \
                and (named := name_before(ctx, token, sent)) is not None and ctx.ents.at(named.i).label_ == "PERSON":
            # "Shares fell after a central bank deputy governor, Sarah Cole, told lawmakers …": the parser made the
            # verb a second one of the sentence's subject; the person named right before it is who spoke
            speaker_token = named
        if speaker_token is None and token.dep_ in ("advcl", "xcomp", "conj") and token.head.pos_ in ("VERB", "AUX"):
            # "X thanked senators, saying …", "X visited, ordered an inquiry and said …": the subject of the verb
            # it hangs from, up a chain of coordinated verbs
            head = token.head
            if token.tag_ == "VBG" and token.dep_ == "advcl" and head.dep_ == "ccomp" \
                    and phrasal_lemma(head.head) in speech:
                # "X said publicly owned Irish Rail showed …, adding that …": the parser hangs the participle on
                # the reported clause, but the one adding is the one saying it, not the subject of what was said
                head = head.head
            while not any(c.dep_ == "nsubj" for c in head.children) and head.dep_ in ("conj", "dep") \
                    and head.head.pos_ in ("VERB", "AUX") and head.head is not head:
                head = head.head
            speaker_token = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if speaker_token is not None and quoted[speaker_token.i] and not quoted[token.i]:
            # '"… someone types numbers into a spreadsheet," Raman, the company's CEO, said': the parser took a
            # word of the quote for the subject; the speaker is the name between the quote and the verb
            name = next((t for t in sent.doc[speaker_token.i + 1:token.i] if not quoted[t.i] and t.pos_ == "PROPN"),
                        None)
            ent = ctx.ents.at(name.i) if name is not None else None
            speaker_token = ent.root if ent is not None and ent.label_ in ("PERSON", "ORG") else name
        if speaker_token is None and token.dep_ == "ROOT" and lemma in verbs:
            # "In Melbourne, Victorian Treasurer Joan Pettigrew says …": the parser hung the name on the
            # opening preposition and left the verb with no subject; the name right before it is the subject
            speaker_token = name_before(ctx, token, sent)
        if speaker_token is not None and speaker_token.dep_ == "csubj" and speaker_token.tag_ == "VBG":
            # "Speaking in front of the depot, the union's leader, Paul Mercier, called …": the parser took the
            # opening participle for the subject; a clause does not speak, the name just before the verb does
            speaker_token = name_before(ctx, token, sent)
        if speaker_token is not None and opens_with_fronted_adverbial(speaker_token, sent):
            # "Outside court, Mr Bains' brother, Gurdev Bains, said …": the parser took the fronted place for
            # the subject; a place does not speak, the name just before the verb does
            speaker_token = name_before(ctx, token, sent)
        if speaker_token is None and token.dep_ == "acl" and token.tag_ == "VBD" and token.head.dep_ == "ROOT" \
                and token.head.pos_ == "NOUN":
            # 'A fifth envoy, from a southern state, called the draft "a gift"': a past tense the parser hung on
            # the noun as a participle; the noun, the sentence's root, is its subject
            speaker_token = token.head
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
            if speaker_token.dep_ == "attr" and any(c.dep_ == "expl" for c in speaker_token.head.children):
                continue  # "there are people who say, write and do hateful things": a kind of people, no source
        if lemma not in verbs and lemma not in speech and lemma not in NAMING_VERBS \
                and speaker_token.ent_type_ != "PERSON":
            continue  # an unlisted verb is a cue only for a person by name: '"…," sighed Ana Ruiz, a porter'
        # "Residents and police said": each speaker of a coordinated subject is a source of its own
        # (not in a clause about a noun: "a charge her family and supporters deny" names who denies, in passing)
        # ("Allen and Co Inc" is one name: a conjunct inside the speaker's name is no speaker of its own)
        conjuncts = [c for c in speaker_token.conjuncts if c.pos_ in ("NOUN", "PROPN") and c.ent_iob_ != "I"] \
            if token.dep_ not in ("relcl", "acl") else []
        for subject in [speaker_token] + conjuncts:
            speaker = resolver.resolve(subject, sent)
            if speaker is not None:
                out.append(Attribution(si, speaker, cue_of(token), token, via_of(token, resolver),
                                       content_of(token, ctx)))
    return out


def outlet_reports(verb: Token, resolver: "Resolver") -> bool:
    """Whether ``verb`` is "report" with a news outlet as its subject: "The Financial Times reported the merger"
    reports news, whatever its object (a company that "reported revenue" reports a figure of its own)."""
    if verb.lemma_.lower() != "report":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and resolver.outlet_for(subject) is not None


def reports_content(verb: Token, sentence_has_quote: bool) -> bool:
    """Whether a cue verb reports words here. An infinitive of what is still to come ("to be announced by"),
    "report to" someone with no words, and "would not say whether" report nothing. "tell" after "can"/"could", or with nobody told and only a
    "when"/"whether"/"if" clause, means *know* ("you can tell when a film is rushed"); a clause that is only a
    free relative ("telling the players what they want to hear") names no words. A quote in the sentence
    always counts as reported content."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return False  # "at a time to be announced by officials": nothing announced yet
    if sentence_has_quote:
        return True
    clauses = [c for c in children if c.dep_ in ("ccomp", "parataxis")]
    if verb.dep_ in ("acl", "relcl") and not clauses and not any(c.dep_ == "xcomp" for c in children) \
            and verb.head.lemma_.lower() not in DOCUMENT_NOUNS and verb.head.lower_ not in DOCUMENT_NOUNS:
        # "the things people say about your brand", "articles written by volunteers": no words given; but
        # "results declared by the commission" are the commission's figures
        return False
    if lemma == "report" and not any(c.i > verb.i for c in clauses) and not any(c.dep_ == "dobj" for c in children) \
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in children):
        # "all engineers would report to him": answer to, not speak; a clause before it ("X explained that …:
        # all engineers would report to him") is not what they reported
        return False
    if any(c.dep_ == "neg" for c in children) and clauses and all(
            c.left_edge.lower_ in WH_WORDS or any(m.dep_ in ("mark", "advmod") and m.lower_ in WH_WORDS
                                                  for m in c.children) for c in clauses):
        return False  # "a spokeswoman would not say whether …": nothing said
    if lemma == "tell":
        if any(c.dep_ == "aux" and c.lower_ in KNOW_MODALS for c in children):
            return False
        if not clauses and not any(c.dep_ == "xcomp" for c in children) and verb.dep_ not in ("ROOT", "parataxis"):
            # "crews didn't just build the frame and tell engineers …": someone told, no words given (the
            # parser hangs what follows on the person told); "X told Reuters." as a sentence of its own stays
            return False
        told = any(c.dep_ in ("dative", "dobj", "iobj") for c in children)
        if not told and clauses and all(any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "whether", "if", "how")
                                            for m in c.children) for c in clauses):
            return False
    if clauses and all(c.left_edge.lower_ == "what" and c.dep_ == "ccomp" for c in clauses) \
            and verb.tag_ == "VBG":
        return False  # "telling them what they want to hear": which words, never said
    return True


NOT_PAST = {"VB", "VBP", "VBZ"}  # a verb in the present, or after a modal ("will ask")
MAX_CLAUSE_STEPS = 12  # clauses in clauses of real sentences go a few levels deep


def inside_reported_content(verb: Token, cue_lemmas: frozenset[str]) -> bool:
    """Whether ``verb`` is part of what another cue reports and tells an act, not an utterance: in "insiders
    tell us that attorneys will ask the clinic to …" or "Ana Ruiz said inspectors consistently disclose
    violations", the asking and disclosing are the content of "tell"/"said", and their subjects are people
    the source talks about. A past one is ruled out too, unless it is "say" or "tell": in "A councillor said
    members had been warned by officers that …" or "He said the governor had ordered pumps and warned that …"
    the warning is an act the councillor or "he" recounts, and the officers and the governor are spoken about;
    but "Officials said Tomas Brandt had told them …" passes on what Brandt said, a source at second hand. Walks
    up the verb's heads through clauses and coordinations only: at most the sentence's depth."""
    if verb.tag_ not in NOT_PAST and verb.lemma_.lower() in SECOND_HAND_VERBS:
        return False
    return complement_of_cue(verb, cue_lemmas)


SECOND_HAND_VERBS = {"say", "tell"}  # inside reported words, still an utterance passed on


def complement_of_cue(verb: Token, cue_lemmas: frozenset[str]) -> bool:
    """Whether ``verb`` heads (or is coordinated into) the clausal complement of a cue verb with a subject:
    "she declared that [Jesus and Santa are white]". At most ``MAX_CLAUSE_STEPS`` heads are read: a cue deeper
    than that is taken as not nested, and every cue's walk stays bounded (many cues under one long chain of
    clauses would otherwise make the sentence quadratic)."""
    current = verb
    for _ in range(MAX_CLAUSE_STEPS):
        if current.dep_ not in ("ccomp", "conj", "xcomp", "parataxis") or current.head is current:
            break
        head = current.head
        if current.dep_ == "ccomp" and head.lemma_.lower() in cue_lemmas \
                and any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in head.children):
            return True
        current = head
    return False


def can_speak(token: Token) -> bool:
    """Whether a common noun heading a speaker's phrase names people or a body that can speak: an anonymous
    marker, a role, an institution, a document, or a noun of people by what they do ("campaigners")."""
    lemma, low = token.lemma_.lower(), token.lower_
    if {lemma, low} & HEARSAY_NOUNS:
        return False  # "Rumors suggest …": ends like "editors" but names no one
    if {lemma, low} & (lexicon.anonymous_markers() | lexicon.role_nouns() | GENERIC_BODIES | DOCUMENT_NOUNS):
        return True
    return low.endswith(PERSON_ENDINGS) and token.tag_ in ("NNS", "NNPS")


def opens_with_fronted_adverbial(subject: Token, sent: Span) -> bool:
    """Whether the subject's phrase is a fronted phrase of place or time that opens the sentence: its first
    word is in data/fronted_adverbials.txt ("Outside court, …") and modifies the subject's own noun."""
    first = subject.left_edge
    return first.i == sent.start and first.lower_ in FRONTED_ADVERBIALS and first.head.i == subject.i \
        and subject.pos_ == "NOUN"


def name_before(ctx, verb: Token, sent: Span) -> Token | None:
    """The head of the person's or body's name that ends right before ``verb``, commas aside ("…, Paul Mercier,
    called"); None when another word stands between them. Reads back at most three tokens."""
    j = verb.i - 1
    while j >= sent.start and j > verb.i - 3 and verb.doc[j].text == ",":
        j -= 1
    ent = ctx.ents.at(j) if j >= sent.start else None
    return ent.root if ent is not None and ent.end == j + 1 and ent.label_ in ("PERSON", "ORG") else None


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
    for token in index.tokens(sent.doc, lambda w: w.lower() == "according", sent.start, sent.end):
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
                document, obj = obj, author
            else:
                document = None
            speaker = resolver.resolve(obj, sent, phrase=noun_phrase(obj))
            if speaker is not None:
                if document is not None:  # "according to a statement from X" … "the statement said": X
                    resolver.documents[document.lemma_.lower()] = speaker
                out.append(Attribution(si, speaker, "according to", None, None, None))
    return out


def phrasal_lemma(verb: Token) -> str:
    """The verb's lemma, with its particle when the pair is a listed verb of its own ("point out",
    ``data/speech_verbs.txt``): "pointed out that …" reports words, "pointed at the map" does not."""
    lemma = verb.lemma_.lower()
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None and f"{lemma} {particle.lower_}" in lexicon.speech_verbs() | NAMING_VERBS:
        return f"{lemma} {particle.lower_}"
    return lemma


def cue_of(verb: Token) -> str:
    """The reporting verb as written, with its particle and the channel when it is one: 'pointed out',
    'said in a statement'."""
    cue = verb.text.lower()
    if " " in phrasal_lemma(verb):
        cue += " " + next(c.lower_ for c in verb.children if c.dep_ == "prt")
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
        # a person's surname the model took for an organisation ("Ferrand said", after "Odile Ferrand") is that
        # person: it never becomes an organisation holding the person's quotes
        for actor in actors:
            if actor.type == "organisation" and len(actor.name.split()) == 1:
                people = self.people_by_word[-1].get(actor.name.lower(), [])
                if len(people) == 1:
                    for form in (actor.name, *actor.aliases):
                        if self.by_form.get(form.lower()) is actor:
                            self.by_form[form.lower()] = people[0]
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
        self.salience = OrgSalience(actors, ctx.lede)
        self.outlets = [e for e in ctx.ents.ents if e.id_.startswith("outlet:")]
        self.outlet_ends = [e.end for e in self.outlets]
        self._subject_people: tuple[list[Span], list[int]] | None = None
        self._paragraph_first: list[int] | None = None
        self.anonymous_by_head: dict[str, Speaker] = {}
        # the unnamed people quoted so far, by the head word they were introduced with ("leader" for "a senior
        # party leader"): each once, with the sentence of their first attribution
        self.unnamed_by_head: dict[str, dict[str, tuple[Speaker, int]]] = {}
        self.documents: dict[str, Speaker] = {}  # "statement" → who made the last one ("said in a statement")
        self.last: Speaker | None = None
        self.anonymous: list[Speaker] = []
        self.last_person: Speaker | None = None
        self.last_person_at = -1  # sentence where the last named person spoke
        self.last_unnamed: tuple[Speaker, int] | None = None  # the last unnamed single person quoted, and where
        self.current_sentence = 0
        self.last_org: Speaker | None = None
        self.last_org_at = -1  # sentence where the last named body spoke

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
                self.last_org_at = self.current_sentence
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
        if {token.lower_, token.lemma_.lower()} & HEARSAY_NOUNS:
            return None  # "Rumors suggest …", "speculation is that …": hearsay, nobody's words
        if span[0].text.startswith("@"):
            return None  # "@jdoe British people say …": an embedded tweet's text, its subject no source
        if span[0].lower_ in ("all", "every", "no") and not any(t.like_num for t in span):
            return None  # "All engineers would …", "no one says …": a statement about everyone, not a speaker
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
        if head_ent is None and token.pos_ == "NOUN" and token.lemma_.lower() in ORG_ANAPHORS:
            # "The IG Metall union said", "the Unite union": the organisation named right before its kind
            before = next((e for e in ents if e.end == token.i and e.label_ in ("ORG", "PERSON")), None)
            actor = self.actor_for(before.text) if before is not None else None
            if actor is not None and actor.type == "organisation":
                return self.remember(Speaker(actor.name, None, False, actor.type))
        named_actor = self.actor_for(text)  # "The interior ministry said": a body the article names so
        if named_actor is not None:
            return self.remember(Speaker(named_actor.name, None, False, named_actor.type))
        holder = self.post_holder(span, token.i) or self.owner_role_holder(token)
        if holder is not None:  # "the Pentagon chief said", after "Defense Secretary Robert Gates": Gates
            return self.remember(Speaker(holder.name, None, False, "person"))
        definite = span[0].lower_ in ("the", "this") and not any(e.label_ in ("PERSON", "ORG") for e in span_ents)
        earlier = self.unnamed_source_described(span, token) if definite else None
        if earlier is not None:  # "A senior party leader, who did not wish to be named, told … the leader said"
            return earlier
        described = self.person_described(span, token)
        if described is not None:  # "the Facebook founder said", in an article naming Mark Zuckerberg so
            return self.remember(Speaker(described.name, None, False, "person"))
        if definite and token.ent_type_ == "" and token.lemma_.lower() in lexicon.role_nouns():
            # "the minister said": the actor with that role, else the last person quoted
            actor = self.actor_with_role(token.lemma_.lower(), token.i)
            if actor is not None:
                return self.remember(Speaker(actor.name, None, False, actor.type))
            actor = self.by_name.get(self.last_person.name) if self.last_person is not None else None
            if self.last_person is not None and (actor is None or not actor.role):
                if actor is not None:  # "The prime minister told MPs", of the person just quoted: now we know
                    self.set_role(actor, re.sub(r"^(the|this)\s+", "", span.text.strip(), flags=re.IGNORECASE))
                return self.last_person
            if self.last_person is not None:
                # the person just quoted has another role ("the mayor said" after a fire chief): someone else,
                # whom the article does not name here; which unnamed source it is, if any, was asked above
                return Speaker(None, unnamed_description(span, token), True, "person")
        if definite and token.lemma_.lower() in lexicon.anonymous_markers():
            # "the official said": the unnamed source introduced before
            earlier = self.anonymous_with_head(token.lemma_.lower())
            if earlier is not None:
                return earlier
        if definite and token.lemma_.lower() in ORG_ANAPHORS:
            # "the San Jose-based company said": the organisation named before; '"…," the group said' right
            # after a body was quoted, when no body's name has that word: the body just quoted
            noun = token.lemma_.lower()
            quoted = self.last_org
            if quoted is not None and not quoted.is_outlet and self.last_org_at >= self.current_sentence - 2 \
                    and not any(noun in words for words in self.salience.words.values()):
                return quoted
            org = self.last_org_actor(token.i, noun)
            if org is not None:
                return self.remember(Speaker(org.name, None, False, "organisation"))
        if definite and token.pos_ == "NOUN" and not span_ents:
            # "the weather service said", after "the National Weather Service": a body whose name holds
            # every word of the phrase (two at least, or one of NAME_BOUND_ANAPHORS: "the board said" after
            # "Betsi Cadwaladr University Health Board"), if only one does
            words = {t.lower_ for t in span if t.is_alpha and t.lower_ not in ("the", "this")}
            enough = len(words) >= 2 or words == {token.lower_} and token.lemma_.lower() in NAME_BOUND_ANAPHORS
            named = [self.actors[i] for i, name in self.salience.words.items() if enough and words <= name]
            if len(named) == 1:
                return self.remember(Speaker(named[0].name, None, False, "organisation"))
        if len(span) == 1 and token.tag_ in ("NNS", "NNPS") and token.is_sent_start and not token.ent_type_ \
                and can_speak(token) and token.lemma_.lower() not in DOCUMENT_NOUNS:
            return Speaker(None, unnamed_description(span, token), True, "person")  # "Unions accused …": a group, unnamed
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
        named = person_after_role(self, span, token, span_ents)
        if named is not None:  # "Director of Kelso Airport Maria Fenwick said": the person, not the airport
            return self.remember(named)
        if token.lemma_.lower() in DOCUMENT_NOUNS and token.pos_ == "NOUN":
            # "a statement from the BBC said", "the company's filing shows": the author speaks; "the statement
            # added", after "X said in a statement": X again; else the document itself
            author = own_author(token)
            if author is not None:
                found = self.resolve(author, sent)
                if found is not None:
                    self.documents[token.lemma_.lower()] = found
                    return found
            if span[0].lower_ in ("the", "this", "that") and token.lemma_.lower() in self.documents:
                return self.documents[token.lemma_.lower()]
            if len(span) == 1 and token.tag_ == "NNS":
                return None  # "Polls suggest …", "Studies show …": no document in particular, nobody's words
            return Speaker(None, descriptor_text(span), False, "organisation", document=True)
        if is_anonymous(span, token, span_ents):
            speaker = Speaker(None, unnamed_description(span, token), True, "person")
            self.anonymous.append(speaker)
            if speaker.descriptor:
                self.anonymous_by_head[description_head(speaker.descriptor).rstrip("s")] = speaker
            return speaker
        lemma = token.lemma_.lower()
        if lemma in lexicon.role_nouns() and lemma not in INSTITUTION_NOUNS:
            # "A former official said …": may be named in the next sentence, if it is one person
            return Speaker(None, unnamed_description(span, token), True, "person", role_only=token.tag_ != "NNS")
        if lemma in INSTITUTION_NOUNS and token.tag_ == "NNS" and not any(t.pos_ == "PROPN" for t in span):
            return Speaker(None, descriptor_text(span), True, "organisation")  # "aid agencies say": none named
        if lexicon.strip_the(text).lower() in lexicon.word_set("party_plurals.txt"):
            return self.remember(Speaker(lexicon.strip_the(text), None, False, "organisation"))  # "the Liberals"
        if lemma not in INSTITUTION_NOUNS and not any(e.label_ in ("PERSON", "ORG") for e in span_ents) and (
                token.ent_type_ == "NORP" and (span[0].lower_ in INDEFINITE or token.tag_ in ("NNS", "NNPS"))
                or span[0].lower_ in INDEFINITE
                and (token.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in span))):
            # "a Michigan Republican", "many Tunisians", "one prominent Democrat": people described, not named
            return Speaker(None, unnamed_description(span, token), True, "person")
        if lemma in INSTITUTION_NOUNS or token.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in span):
            name = lexicon.strip_the(text)
            return self.remember(Speaker(name, None, False, "organisation"))
        if token.pos_ in ("NOUN",) and lemma in DOCUMENT_HEADS:
            return Speaker(None, descriptor_text(span), True, "organisation")
        return None

    def post_holder(self, span: Span, before: int) -> Actor | None:
        """The one person named before token ``before`` whose role is the post a definite description
        stands for ("the Pentagon chief" → a "Defense Secretary", ``data/post_descriptions.tsv``). None when
        the phrase is not such a description, or when no one, or more than one person, holds a matching role:
        a role is never carried to a guess."""
        if span[0].lower_ not in ("the", "this"):
            return None
        roles = post_descriptions().get(" ".join(t.lower_ for t in span[1:]))
        if not roles:
            return None
        sentence = self.ctx.sentence_of_token[before]
        holders = {a.name: a for a in self.actors if a.type == "person" and a.role and a.sentences
                   and a.sentences[0] <= sentence and any(r in a.role.lower() for r in roles)}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def owner_role_holder(self, head: Token) -> Actor | None:
        """The person a "<Name>'s <role>" description stands for: "according to Carlson's attorney", after
        "… introduced her to employment attorney Nancy Roe" is Nancy Roe, a named person, never an anonymous
        source. Only when exactly one person named before has that role word and the sentence that first
        names them names the owner too (so "Smith's lawyer" is never carried to another party's lawyer);
        otherwise None, and the description stays unnamed."""
        lemma = head.lemma_.lower()
        if head.tag_ != "NN" or head.ent_type_ or lemma not in lexicon.role_nouns():
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is None:
            return None
        sentence = self.ctx.sentence_of_token[head.i]
        owner_word = re.compile(r"\b" + re.escape(owner.text) + r"\b")
        holders = {a.name: a for a in (self.actors[i] for i in self.role_words.get(lemma, []))
                   if a.type == "person" and a.sentences and a.sentences[0] < sentence
                   and owner.text not in a.name.split()
                   and owner_word.search(self.ctx.sentences[a.sentences[0]].text)}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def person_for_pronoun(self, pronoun: Token) -> Speaker | None:
        """'he'/'she': the last named speaker (Citron), unless a person named since then is the subject
        of a sentence before this one ('Sen. Lindsey Graham voted against it. He told reporters …')."""
        sentence = self.ctx.sentence_of_token[pronoun.i]
        asked = self.asked_person(pronoun)
        if asked is not None:  # "When asked by a fan …, she responded": the one the passage is about
            return self.remember(Speaker(asked.name, None, False, "person"))
        people, at_sentence = self.subject_people()
        if self.last_unnamed is not None:
            # 'One investor, a retired pilot who asked to be identified only as Mr Olsen, told reporters …' /
            # '"…," he said.': the one person quoted just before (the quote may open a sentence earlier), named or
            # not, unless a named person spoke since or is the subject of a sentence after theirs (names inside
            # their own sentence describe them)
            unnamed, at = self.last_unnamed
            if sentence - 2 <= at < sentence + 1 and at > self.last_person_at \
                    and bisect_right(at_sentence, at) == bisect_left(at_sentence, sentence):
                return unnamed
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

    def asked_person(self, pronoun: Token) -> Actor | None:
        """The person 'he'/'she' is in a sentence that opens with the question put to them ("When asked by a
        fan on Twitter to name her biggest influence, she responded …", "Asked about the deal, he said …"):
        the one asked, who is the person the passage is about, not whoever spoke last. That is the person named
        as the subject of the first sentence of the paragraph and named again in the paragraph before this
        sentence. None (and the usual rule) when the pronoun is not the subject of the main clause, when the
        question names a person outside the asker's phrase, when the question opens the paragraph, or when the
        paragraph's first sentence has no person as its subject."""
        sent = self.ctx.sentences[self.ctx.sentence_of_token[pronoun.i]]
        words = [t for t in sent if not (t.is_punct or t.is_space)][:2]
        if not words or not (words[0].lower_ == "asked" or words[0].lower_ == "when" and len(words) > 1
                             and words[1].lower_ == "asked"):
            return None
        if pronoun.dep_ not in SUBJECT_DEPS or pronoun.head.dep_ != "ROOT":
            return None
        ask = words[-1] if words[-1].lower_ == "asked" else words[0]
        agent = next((c for c in ask.children if c.dep_ == "agent"), None)
        asker = range(agent.left_edge.i, agent.right_edge.i + 1) if agent is not None else range(0)
        if any(e.label_ == "PERSON" and e.start not in asker for e in self.ctx.ents.within(sent.start, pronoun.i)):
            return None  # "Asked about Smith's remarks, she said": Smith may be meant (what she says may name anyone)
        si = self.ctx.sentence_of_token[pronoun.i]
        first = self.paragraph_first()[si]
        if first == si:
            return None
        opener = self.ctx.sentences[first]
        for ent in self.ctx.ents.within(opener.start, opener.end):
            if ent.label_ != "PERSON" or ent.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            actor = self.actor_for(ent.text)
            if actor is None or actor.type != "person":
                return None
            named = bisect_left(actor.sentences, si) - bisect_left(actor.sentences, first)
            return actor if named >= 2 else None
        return None

    def paragraph_first(self) -> list[int]:
        """For each sentence, the first sentence of its paragraph (a new line before it starts one), found once
        for the article."""
        if self._paragraph_first is None:
            text, sentences = self.ctx.text, self.ctx.sentences
            firsts: list[int] = []
            for k, sent in enumerate(sentences):
                start = sent.start_char
                while start < sent.end_char and text[start].isspace():
                    start += 1
                gap = text[sentences[k - 1].start_char:start] if k else "\n"
                firsts.append(k if "\n" in gap[len(gap.rstrip()):] else firsts[k - 1])
            self._paragraph_first = firsts
        return self._paragraph_first

    def subject_people(self) -> tuple[list[Span], list[int]]:
        """The people's names that are the subject of their clause, in order, and their sentences: the subject
        itself or a name in apposition to it ("The state commissioner, Ana Ruiz, visited …")."""
        if self._subject_people is None:
            people = [e for e in self.ctx.ents.labelled("PERSON")[0] if e.root.dep_ in ("nsubj", "nsubjpass")
                      or e.root.dep_ == "appos" and apposed_to_subject(e.root)]
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

    def person_described(self, span: Span, head: Token) -> Actor | None:
        """The named person a description of a role stands for: "the Facebook founder said" in an article that
        names "Facebook founder Mark Zuckerberg", or only Zuckerberg in its sentences about Facebook; "Mercedes
        driver says" (a headline-style phrase with no article) when the article's one person it pairs with
        Mercedes is Lewis Hamilton, his "Mercedes teammate Nico Rosberg" being described otherwise.

        Only for a singular role noun (``data/role_nouns.txt``) that is neither an anonymous marker
        ("spokesman") nor an institution, with at least one capitalised word before it (the brand, team or
        place that makes the description one person's: "Facebook", "Mercedes", "F1"); "the founder" alone
        stays as before. Read in this order, over every sentence but the description's own:
        1. the persons the words describe together with the role noun ("Facebook founder Mark Zuckerberg"):
           exactly one is the answer, several leave it unresolved;
        2. else the persons named in a sentence holding every capitalised word, less those the words describe
           with another noun ("Mercedes teammate Nico Rosberg"): exactly one is the answer;
        3. else, for a headline-style phrase only, when no sentence pairs the words with any person, the one
           person named in the sentence just before, unless their role is another ("Lewis Hamilton reveals …
           F1 world champion says …").
        Otherwise None, and the description resolves as before (a role holder, an unnamed source)."""
        lemma = head.lemma_.lower()
        if head.tag_ != "NN" or head.ent_type_ or lemma not in lexicon.role_nouns() \
                or lemma in lexicon.anonymous_markers() or lemma in INSTITUTION_NOUNS:
            return None
        here = self.ctx.sentence_of_token[head.i]
        start = self.ctx.sentences[here].start
        bare = span[0].i == start or span[0].i == start + 1 and head.doc[start].is_punct
        headline = bare and span[0].pos_ not in ("DET", "NUM") and span[0].lower_ not in INDEFINITE
        if span[0].lower_ not in ("the", "this") and not headline:
            return None  # "a Facebook founder", "one driver": somebody, not the one person
        # a capital is a name's only where it is not the sentence's ("Former champion says" names nothing)
        marks = [t.text for t in span if t.i < head.i and t.text[:1].isupper() and t.lower_ not in ("the", "this")
                 and (t.pos_ == "PROPN" or t.ent_type_ not in ("", "CARDINAL", "ORDINAL", "DATE", "TIME")
                      or t.pos_ in ("NOUN", "ADJ", "NUM") and t.i != start)]
        if not marks:
            return None
        persons = {a.name: a for a in self.actors if a.type == "person" and a.sentences}
        described: dict[str, set[str]] = {}  # person → the head lemmas the marks are written with for them
        paired: set[str] = set()
        for name, actor in persons.items():
            for s in actor.sentences:
                sent = self.ctx.sentences[s]
                if s == here or not all(re.search(r"(?<!\w)" + re.escape(m) + r"(?!\w)", sent.text) for m in marks):
                    continue
                paired.add(name)
                for t in sent:
                    if t.text in marks:
                        reached = self.person_reached(t)
                        if reached is not None and reached[0] in persons:
                            described.setdefault(reached[0], set()).update(reached[1])
        strong = [n for n, lemmas in described.items() if lemma in lemmas]
        if strong:
            return persons[strong[0]] if len(strong) == 1 else None
        weak = [n for n in paired if n not in described]
        if weak:
            return persons[weak[0]] if len(weak) == 1 else None
        if paired or here == 0 or not headline:
            return None  # "Senator Ruth Abney said … Later, the Pentagon chief said": not shown to be her
        before = {a.name for e in self.ctx.ents.within(self.ctx.sentences[here - 1].start, self.ctx.sentences[here - 1].end)
                  if e.label_ == "PERSON" and (a := self.actor_for(e.text)) is not None and a.type == "person"}
        actor = persons.get(next(iter(before))) if len(before) == 1 else None
        return actor if actor is not None and (not actor.role or lemma in actor.role.lower()) else None

    def person_reached(self, mark: Token) -> tuple[str, set[str]] | None:
        """The person a word modifies through its noun phrase ("Mercedes" in "his Mercedes teammate Nico
        Rosberg" → Nico Rosberg) and the lemmas of the nouns on the way ({"teammate"}); None when the word
        modifies no person's name. Follows modifier links only, a few steps: the phrase, not the sentence."""
        lemmas: set[str] = set()
        token = mark
        for _ in range(6):
            if token.ent_type_ == "PERSON" and token is not mark:
                ent = self.ctx.ents.at(token.i)
                actor = self.actor_for(ent.text) if ent is not None else None
                return (actor.name, lemmas) if actor is not None else None
            after = self.ctx.ents.at(token.i + 1) if token.pos_ == "NOUN" and token.i + 1 < len(token.doc) else None
            if after is not None and after.start == token.i + 1 and after.label_ == "PERSON":
                # "his Mercedes teammate Nico Rosberg": the parser may leave the name beside the noun unlinked
                actor = self.actor_for(after.text)
                return (actor.name, lemmas) if actor is not None else None
            if token.dep_ not in ("compound", "amod", "nmod", "appos", "poss", "npadvmod") or token.head is token:
                return None
            token = token.head
            if token.pos_ == "NOUN":
                lemmas.add(token.lemma_.lower())
        return None

    def note_source(self, speaker: Speaker, sentence: int) -> None:
        """Remember an unnamed person just attributed in ``sentence``, under the head word of their description,
        for a definite description that points back to them later (``unnamed_source_described``)."""
        if speaker.name is None and speaker.descriptor and speaker.kind == "unnamed":
            head = description_head(speaker.descriptor)
            sources = self.unnamed_by_head.setdefault(head, {})
            sources.setdefault(speaker.key, (speaker, sentence))
            if head not in PLURAL_PEOPLE and not (head.endswith("s") and not head.endswith("ss")):
                self.last_unnamed = (speaker, sentence)  # one person: "he"/"she" in the next sentence may be them

    def unnamed_source_described(self, span: Span, head: Token) -> Speaker | None:
        """The unnamed source a definite description points back to: "the leader" after "A senior party leader,
        who did not wish to be named, told …", "the senior diplomat" after "A senior Gulf diplomat … said".

        Only when exactly one unnamed person quoted earlier in the article was introduced with that head word
        (singular, as written), every other word of the description was in theirs ("the opposition leader" is
        not "a senior party leader"), and no person with that word in their role was first named since that
        source spoke ("Party leader Jo Roe … the leader said" may be Roe). Otherwise None, and the description
        is resolved as before (a named person with that role, the last unnamed source with that head)."""
        found = self.unnamed_by_head.get(head.lower_, {})
        if len(found) != 1:
            return None
        speaker, at = next(iter(found.values()))
        words = {w.strip(",.;:()'’\"“”").lower() for w in (speaker.descriptor or "").split()}
        if any(t.is_alpha and t.lower_ not in words for t in span[1:] if t.i != head.i):
            return None
        holder = self.actor_with_role(head.lemma_.lower(), head.i)
        if holder is not None and holder.sentences and holder.sentences[0] > at:
            return None
        speaker.role_only = False  # taken up again as the same unnamed source: not a lead-in to a name
        return speaker

    def anonymous_with_head(self, head: str) -> Speaker | None:
        """The last unnamed source whose description ends in ``head`` ("officials" for "the official"),
        looked up by that word rather than by reading every unnamed source so far."""
        return self.anonymous_by_head.get(head.rstrip("s"))

    def last_org_actor(self, before: int, noun: str) -> Actor | None:
        """The organisation 'the bank' refers to: one named '… Bank' if any, else the one the story is
        about so far (most sentences naming it), else the last one named; in the first sentence naming any,
        the first one it names (what a lede is about: "X, a startup …, has raised $30M led by Y, the company
        said" is X)."""
        found = self.salience.best(self.ctx.sentence_of_token[before], noun)
        if found is None and self.ctx.doc[before].tag_ == "NN":
            # "Ledgerline, a startup …, has raised $48M, the company told TechCrunch": the lede (not "the unions")
            sentence = self.ctx.sentences[self.ctx.sentence_of_token[before]]
            for ent in self.ctx.ents.within(sentence.start, before):  # the first: what the sentence is about
                actor = self.actor_for(ent.text) if ent.label_ == "ORG" else None
                if actor is not None and actor.type == "organisation":
                    return actor
        return found

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

    def __init__(self, actors: list[Actor], lede: int = 0) -> None:
        self.actors = actors
        self.lede_end = lede + 1  # the lede and the sentence after it (a dateline of its own does not count)
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
            key = (tally[0] + (1 if tally[1] <= self.lede_end else 0), tally[2], i)  # the lede names what the story is about
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
                salience = len(seen) + (1 if min(seen) <= self.lede_end else 0)
                candidates.append((noun in self.words[i], salience, max(seen), i))
        return self.actors[max(candidates)[3]] if candidates else None


DOCUMENT_NOUNS = lexicon.word_set("document_nouns.txt")  # "the report said": words, not a speaker
HEARSAY_NOUNS = lexicon.word_set("hearsay_nouns.txt")  # "Rumors suggest …": talk with nobody behind it, no source
AUTHORING_VERBS = {"release", "publish", "issue", "compile", "produce", "prepare", "collect", "gather", "file"}
ASKED_ANONYMITY = {"ask", "want", "request", "prefer", "agree", "wish"}  # "asked to be identified only as": a cover name
FRONTED_ADVERBIALS = lexicon.word_set("fronted_adverbials.txt")  # "Outside court, …": a fronted place, no subject
DOCUMENT_HEADS = lexicon.word_set("document_heads.txt")  # "the Commission's latest report estimated"
INVERSION_MARKS = {",", "”", '"', "’", "'"}  # what ends a quote before "said X"
NAMING_VERBS = lexicon.word_set("naming_verbs.txt")  # 'X called the offer "a crumb"': a cue only with a quote
RESEARCH_STAFF = lexicon.word_set("research_staff.txt")  # "analysts at X said in a note": the firm's research

PLURAL_PEOPLE = {"people", "police", "staff", "crew", "personnel", "folk", "youth", "clergy"}  # plurals with no s
ORG_ANAPHORS = lexicon.word_set("org_anaphors.txt")  # "the company said": the organisation named before
NAME_BOUND_ANAPHORS = lexicon.word_set("name_bound_anaphors.txt")  # "the board said": a named '… Board' only
BODY_ANAPHORS = ORG_ANAPHORS | NAME_BOUND_ANAPHORS


def own_author(document: Token) -> Token | None:
    """The author a document's own phrase names: 'the company's filing', 'a statement from the BBC', 'a report
    by Amnesty', 'figures released by the Bureau of Statistics' (a verb of authoring, ``AUTHORING_VERBS``, in
    between). Otherwise only the document's own children are read: in 'exit polls broadcast by X', X broadcast them."""
    for child in document.children:
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            return child
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHORING_VERBS:
            found = own_author(child)  # "figures released by the Bureau of Statistics", "a report published by X"
            if found is not None:
                return found
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            obj = named_apposition(next((c for c in child.children if c.dep_ == "pobj"), None))
            if obj is not None and (obj.ent_type_ or obj.pos_ == "PROPN" or obj.lemma_.lower() in ORG_ANAPHORS
                                    or bare_anaphor(obj, NAME_BOUND_ANAPHORS)):
                return obj
            owner = next((c for c in obj.children if c.dep_ == "poss" and c.ent_type_ == "ORG"), None) \
                if obj is not None and obj.pos_ == "NOUN" else None
            if owner is not None:  # "minutes from the Federal Reserve's January meeting": the body that met
                return owner
    return None


def entity_root(token: Token) -> Token:
    """The head of the named entity ``token`` is in (``token`` itself when it is in none)."""
    doc = token.doc
    if not token.ent_type_:
        return token
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].root


def named_apposition(noun: Token | None) -> Token | None:
    """The name a common noun is written beside: "the risk consultancy Halvard Analytics", "trade body the
    Northern Dairy Federation" → the name's head (the parser hangs it on the noun as an apposition or a
    compound); else the noun itself. The body is the name, never its description."""
    if noun is None or noun.ent_type_ or noun.pos_ != "NOUN":
        return noun
    doc = noun.doc
    start = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "the")
    if start < len(doc) and doc[start].ent_iob_ == "B" and doc[start].ent_type_ in ("ORG", "PERSON"):
        end = start + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].root  # the name right after the noun, however the parser hung it
    return noun


def bare_anaphor(noun: Token, nouns: frozenset[str] | set[str]) -> bool:
    """Whether ``noun`` is one of ``nouns`` standing for a body named elsewhere ("the health board"), not
    part of a name written with it ("the Ifop institute": Ifop is the name)."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in nouns \
        and not any(c.pos_ == "PROPN" or c.ent_type_ for c in noun.children)


def document_author(document: Token) -> Token | None:
    """'an estimate by the IFRC', 'figures published by the ATP', 'LSEG data', 'the company's filing',
    'figures released by the health board' → the author's head word."""
    owner = next((c for c in document.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if owner is not None:
        return owner
    for t in document.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("by", "from", "of", "with"):
            t = named_apposition(t)
            if t.ent_type_:  # "Cross" in "… Federation of Red Cross and Red Crescent Societies": the whole name
                return entity_root(t)
            if t.pos_ == "PROPN":
                return t
            if bare_anaphor(t, BODY_ANAPHORS) \
                    and any(c.lower_ in ("the", "its", "their") for c in t.children):
                return t  # "figures released by the health board": the body named before
    return next((c for c in document.children if c.dep_ in ("compound", "poss", "amod", "nmod")
                 and (c.ent_type_ or c.pos_ == "PROPN" or c.text.isupper() and len(c.text) > 1)), None)


def apposed_to_subject(name: Token) -> bool:
    """Whether a name in apposition belongs to a subject's phrase: "The Commissioner for Water Resources, Ana
    Ruiz, toured …" (the parser may hang the name on the role's last noun). Up a few modifier links only."""
    token = name
    for _ in range(4):
        if token.dep_ not in ("appos", "pobj", "prep", "compound") or token.head is token:
            return False
        token = token.head
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def appositive_name(token: Token) -> Token | None:
    """A person named in apposition to a described speaker: 'His coach, Rosa Whitfield, said'."""
    if token.ent_type_ == "PERSON":
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
            return child
    for t in token.subtree:
        # "A resident, who gave only his first name, Noorullah, said", "a driver identified only as Ahmed":
        # the name the speaker gave is the speaker's
        if t.lemma_ == "name" and t.head.lemma_ in ("give", "offer", "provide") or t.lemma_ == "identify" \
                and t.head.lemma_ not in ASKED_ANONYMITY:  # "asked to be identified only as Mr Olsen": a cover name
            named = next((g for c in t.children for g in ([c] if c.dep_ == "appos" else c.children
                                                          if c.dep_ == "prep" and c.lower_ == "as" else [])
                          if g.ent_type_ == "PERSON"), None)
            if named is not None:
                return named
    doc = token.doc
    right = token.i
    stack = [c for c in token.children if c.dep_ not in ("appos", "punct", "relcl", "acl")]
    while stack:  # the phrase's right edge, not counting what hangs off an apposition or a clause
        t = stack.pop()
        right = max(right, t.i)
        stack += [c for c in t.children if c.dep_ not in ("appos", "relcl", "acl", "punct")]
    start = right + 2
    # "The acting CEO of X, Dr Felix Ormond, said": titles before the name are not part of the entity
    while start < min(len(doc), right + 5) and lexicon.titles().get(doc[start].text) in ("honorific", "title"):
        start += 1
    if start < len(doc) and doc[right + 1].text == "," and doc[start].ent_type_ in ("PERSON", "ORG") \
            and doc[start].ent_iob_ == "B":
        end = start
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


def noun_phrase(token: Token) -> Span:
    """The subject's phrase without relative clauses or appositions after a comma. A phrase never ends inside
    a name: the commas of "the Ministry of Economy, Trade and Industry" are the name's, not an apposition's."""
    tokens = [t for t in token.subtree]
    start = token.left_edge.i
    end = token.i + 1
    for t in tokens:
        if t.i <= token.i:
            continue
        if t.ent_iob_ == "I" and t.i == end:
            end = t.i + 1  # still inside the name the phrase has reached
            continue
        if t.text in (",", "(", "—", "–") or t.dep_ in ("relcl", "acl", "appos") or t.lower_ in ("who", "which") \
                or t.dep_ in ("cc", "conj") and t.head.i == token.i:
            break  # "residents and police": each conjunct is a phrase of its own
        end = t.i + 1
    # "the International Federation of Red Cross and Red Crescent Societies": the name to its end
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    while start < token.i and token.doc[start].text in ("“", '"', "”", "‘", "’"):
        start += 1
    return token.doc[start:end]


def person_after_role(resolver: "Resolver", span: Span, head: Token, span_ents: list[Span]) -> Speaker | None:
    """The person named at the end of a subject that opens with a role ("Director of Kelso Airport Maria
    Fenwick", "Former minister for Women and Equalities Naomi Castellane"): a person entity, or an
    organisation entity whose last two words are a given name and a surname (the model read the role's
    capitals as a body's name). The role never makes a named person anonymous."""
    if head.ent_type_ or head.lemma_.lower() not in lexicon.role_nouns() and head.pos_ != "PROPN":
        return None
    for ent in reversed(span_ents):
        if ent.end != span.end and not (ent.end < span.end and span[-1].is_punct):
            continue
        if ent.label_ == "PERSON":
            actor = resolver.actor_for(ent.text)
            if actor is not None and actor.type == "person":
                return Speaker(actor.name, None, False, "person")
            if len(ent) > 1:
                return Speaker(lexicon.strip_the(ent.text), None, False, "person")
        if ent.label_ == "ORG" and len(ent) > 2 and lexicon.is_first_name(ent[-2].text) \
                and ent[-1].pos_ == "PROPN" and ent[-2].pos_ == "PROPN":
            return Speaker(f"{ent[-2].text} {ent[-1].text}", None, False, "person")
        return None
    written = name_written_after_role(span, head)
    return Speaker(written, None, False, "person") if written is not None else None


def name_written_after_role(span: Span, head: Token) -> str | None:
    """A person's name written after the role, which the model did not label a person ("director of football
    Dennis te Kloese", its words read as nationalities): a known given name after the head, then proper nouns
    only, to the phrase's end or through the name the parser hung on the role in apposition. None when there
    is none: a named person is never left as an unnamed source."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end < span.end + 4 and doc[end].pos_ == "PROPN" and doc[end].dep_ in ("appos", "compound"):
        end += 1
    for t in doc[head.i + 1:end]:
        if t.pos_ == "PROPN" and lexicon.is_first_name(t.text) and t.i + 1 < end \
                and all(w.pos_ == "PROPN" for w in doc[t.i + 1:end]) and doc[end - 1].text[:1].isupper() \
                and not any(w.ent_type_ in ("ORG", "GPE", "FAC", "LOC", "PRODUCT") for w in doc[t.i:end]):
            return doc[t.i:end].text
    return None


@lru_cache(maxsize=None)
def post_descriptions() -> dict[str, tuple[str, ...]]:
    """``data/post_descriptions.tsv``: a description of one post ("pentagon chief") → the roles its holder is
    written with ("defense secretary", …), all lower case."""
    rows = lexicon._tsv("post_descriptions.tsv")
    return {r["description"].lower(): tuple(x.strip().lower() for x in r["roles"].split("|") if x.strip())
            for r in rows}


def is_anonymous(span: Span, head: Token, span_ents: list[Span]) -> bool:
    """Whether a speaker's phrase describes an unnamed source; ``span_ents`` are the entities inside it."""
    markers = lexicon.anonymous_markers()
    if any(e.label_ == "PERSON" for e in span_ents):
        return False
    text = " " + span.text.lower() + " "
    if head.lower_ in markers or head.lemma_.lower() in markers:
        return True
    return any(" " in m and f" {m} " in text for m in markers)


MAX_CLAUSE_WORDS = 8  # "one councillor who voted in favour", "an aide who asked not to be named": short clauses
# a clause saying why the source is unnamed is part of who it is, however it goes on ("an aide who was not
# authorized to speak publicly about the negotiations"), up to a sentence's worth
MAX_ANONYMITY_CLAUSE_WORDS = 24
CLAUSE_BREAKS = {"because", "since", "while", "but", "and", "although", "though", "after", "when", "so"}


def unnamed_description(span: Span, head: Token) -> str:
    """The article's words for an unnamed source, as an annotator writes them: its phrase, with a short clause
    of its own ("one councillor who voted in favour", "a driver who asked not to be named": no comma before
    "who"; at most ``MAX_CLAUSE_WORDS`` words) and a description in apposition ("one investor, a retired ferry
    pilot"), up to the next comma. A clause set off by commas is an aside and stays out, unless it says why the
    source has no name (``data/anonymity_clauses.txt``: "a landlord, who did not want to be named"): annotators
    and readers take that as part of who the source is."""
    doc = head.doc
    end = span.end
    # the parser may hang the clause on the phrase's last noun ("an official at the ministry, who asked not
    # to be named": on "ministry"); a clause of anonymity is still about the source
    hung_inside = {c.i: c for t in span if t.i != head.i for c in t.children if c.dep_ == "relcl" and c.i >= end}
    children = {c.i: c for c in head.children}
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].dep_ == "advcl" \
            and doc[end + 1].head.i == head.head.i != head.i:
        # "A guard, speaking on condition of anonymity, said": the parser may hang the participle on the verb
        hung_inside[end + 1] = doc[end + 1]
    for i in sorted(children.keys() | hung_inside.keys()):
        child = children.get(i) or hung_inside[i]
        if child.i < end or child.dep_ == "punct":
            continue
        if i not in children and not (end < len(doc) and doc[end].text == "," and child.left_edge.i == end + 1):
            continue
        # "…, who did not want to be named," and "…, speaking on condition of anonymity,": set off by commas
        participle = child.dep_ in ("acl", "advcl") and child.tag_ in ("VBG", "VBN")
        if (child.dep_ == "relcl" or participle) and end < len(doc) and doc[end].text == "," \
                and child.left_edge.i == end + 1:
            aside = doc[end + 1:child.right_edge.i + 1]
            if says_why_unnamed(aside):
                end = aside.end
                continue
            break
        if child.dep_ == "relcl" and child.left_edge.i == end and doc[end - 1].text != ",":
            # up to a comma, or a clause of its own inside ("who asked not to be named because …", "… but who")
            last = next((t.i for t in doc[end + 1:child.right_edge.i + 1] if t.text in (",", "(", "—", "–", ";")),
                        child.right_edge.i + 1)
            if says_why_unnamed(doc[end:last]) and last - end <= MAX_ANONYMITY_CLAUSE_WORDS:
                end = last  # "a mayoral aide who was not authorized to speak publicly about the talks": all of it
                continue
            stop = next((t.i for t in doc[end + 1:last] if t.lower_ in CLAUSE_BREAKS), last)
            if stop - end > MAX_CLAUSE_WORDS:
                break  # a long clause tells more about the source than the panel's description needs
            end = stop
        elif child.dep_ == "appos" and child.pos_ == "NOUN" and not child.ent_type_ and doc[end].text == "," \
                and child.left_edge.i == end + 1:
            phrase = noun_phrase(child)  # a name in its own clause ("who asked to be called Mr Olsen") is not in it
            if any(t.ent_type_ in ("PERSON", "ORG") for t in phrase):
                break
            end = phrase.end
        else:
            break
    return descriptor_text(doc[span.start:end] if end > span.end else without_time(span))


def says_why_unnamed(clause: Span) -> bool:
    """Whether ``clause`` (after an unnamed source) says why it is unnamed: it holds a phrase of
    ``data/anonymity_clauses.txt`` ("asked not to be named", "on condition of anonymity", "not authorized")."""
    words = " " + " ".join(t.lower_ for t in clause) + " "
    return any(f" {m} " in words for m in lexicon.anonymity_clauses())


def without_time(span: Span) -> Span:
    """``span`` without a time phrase the parser hung on it ("Local officials on Monday denied …": the
    source is "local officials"); unchanged when nothing else would be left. Only the phrase itself: a
    clause kept after it ("who has worked the channel for years") keeps its own time words."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].ent_type_ in ("DATE", "TIME"):
        end -= 1
    if end < span.end and end > span.start + 1 and span.doc[end - 1].pos_ == "ADP":
        end -= 1  # "on" of "on Monday"
    return span.doc[span.start:end] if end < span.end else span


def descriptor_text(span: Span) -> str:
    text = span.text.strip()
    first = span[0]
    if first.is_sent_start and first.pos_ != "PROPN" and first.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
        text = text[:1].lower() + text[1:]
    return text


def quote_end_after(ctx, si: int, spans: QuoteSpans) -> int | None:
    """Where the quote still open at the end of sentence ``si`` closes (a character offset into the text), or
    None when no quote runs on past it. One closed at the sentence's last mark has ended."""
    sent = ctx.sentences[si]
    text = ctx.text
    # where the sentence's text ends, blanks off: what len(text[:end].rstrip()) is, without copying the text
    # before the sentence (once per sentence, that copy was quadratic)
    text_end = sent.end_char
    while text_end > 0 and text[text_end - 1].isspace():
        text_end -= 1
    return max((b for _, b in spans.overlapping(sent.start_char, sent.end_char) if b >= text_end), default=None)


def short_quote_opens(ctx, si: int, spans: QuoteSpans) -> bool:
    """Whether a quote opens in sentence ``si``, runs on past it and closes within the next two sentences."""
    sent = ctx.sentences[si]
    end = quote_end_after(ctx, si, spans)
    last = ctx.sentences[min(si + 2, len(ctx.sentences) - 1)]
    return end is not None and end <= last.end_char and any(
        a >= sent.start_char and b == end for a, b in spans.overlapping(sent.start_char, sent.end_char))


def speaker_for_floating(ctx, si: int, spans: QuoteSpans, per_sentence: dict[int, list[Attribution]],
                         resolver: "Resolver | None" = None) -> Speaker | None:
    """Quoted words with no verb: the speaker is where the quote ends (it may run on over sentences
    and paragraphs), or the person named right after its closing mark ('“… mighty. … Windsor,” Michael
    Zaleski, president of …'). None when the quote ends naming nobody: a later quote's speaker ('… is a
    goner.” / Sure enough, X said it is “bunk.”') is not this one's, and the next sentence's speaker
    ('"…," Ana Ruiz said. "…" / Students told the paper …') neither."""
    quote_end = quote_end_after(ctx, si, spans)
    if quote_end is None:
        return None
    for later in range(si + 1, min(si + 6, len(ctx.sentences))):
        nxt = ctx.sentences[later]
        if nxt.start_char >= quote_end:
            return None  # the quote has ended without naming anyone
        if later in per_sentence:
            return per_sentence[later][0].speaker
        if nxt.end_char >= quote_end:  # the quote ends in this sentence, which no cue attributes
            return name_after_quote(ctx, nxt, quote_end, resolver) if resolver is not None else None
    return None


def name_after_quote(ctx, sent: Span, quote_end: int, resolver: "Resolver") -> Speaker | None:
    """The person named within three words after a quote's closing mark, with no verb ('“…,” Michael Zaleski,
    president of …'); None when none is."""
    words = [t for t in sent if t.idx >= quote_end and not t.is_punct][:3]
    for token in words:
        ent = ctx.ents.at(token.i)
        if ent is not None and ent.start == token.i and ent.label_ == "PERSON":
            actor = resolver.actor_for(ent.text)
            return resolver.remember(Speaker(actor.name, None, False, "person")) \
                if actor is not None and actor.type == "person" else None
    return None


def link_described_speakers(ctx, per_sentence: dict[int, list[Attribution]], actors: list[Actor]) -> None:
    """'A former US official said … Mick Mulroy, who is also …, added …' — the description names Mulroy.

    Only when the article says it is the one just described: a definite description of one post ('The
    company's chief executive said … Daniel Okafor told Reuters …'), or an indefinite one followed by a
    person introduced with a "who … also …" clause who "added". Otherwise the description stays in its
    own sentence and is never carried to the next person named ('A senior engineer said … Rosa
    Whitcombe said …' are two people)."""
    by_name = {a.name: a for a in actors}
    for si in sorted(per_sentence):
        for att in per_sentence[si]:
            if not att.speaker.role_only:
                continue
            nxt = per_sentence.get(si + 1, [])
            named = next((n for n in nxt if n.speaker.type == "person" and not n.speaker.anonymous and n.speaker.name), None)
            actor = by_name.get(named.speaker.name) if named else None
            clause = re.search(re.escape(actor.name) + r",\s+who\b([^,]*),", ctx.sentences[si + 1].text) \
                if actor is not None and si + 1 < len(ctx.sentences) else None
            definite = (att.speaker.descriptor or "").lower().startswith("the ")
            if actor is None or not actor.sentences or actor.sentences[0] != si + 1 or not definite and (
                    clause is None or " also " not in f" {clause.group(1)} "
                    or named.cue.split()[0] not in ("added", "adds")):
                att.speaker.role_only = False
                continue
            role = re.sub(r"^(a|an|the)\s+", "", att.speaker.descriptor or "", flags=re.IGNORECASE)
            if role and (not actor.role or role.lower() not in actor.role.lower()):
                actor.role = f"{role}; {actor.role}" if actor.role else role
            att.speaker = named.speaker
