"""Places the model took for people: a name that stands where places stand and nowhere a person does.

A small statistical model labels a village it never saw ("the plant at Bokazo", "customers in Lionel Town,
Hayes and Bog Walk", "In St Elizabeth, farmers …") as a person, and the archive then lists a town among its
people: the fault readers notice first (issue #13). The gazetteer cannot rescue such names (most villages are
in no table), so this stage reads the slot instead:

* a **place slot** is the position right after a locative word of ``data/place_cues.txt`` (kinds 'before'
  and 'slot': "in", "near", "outside", "at" after a noun), after "next to"/"close to" (kind
  'beside') or after a bearing and "of" ("north of", "the outskirts of"; kind 'bearing'), with an optional
  "the" between ("at the Riverside"), or any later member of a list that starts in one ("in Lochcarron,
  Bettyhill, Tongue and Kinlochbervie");
* **person evidence** is what the news says of people and never of places: a title or an honorific before
  the name ("Mr Harris", "farmer Harris"), an age after it ("Harris, 34,"), a speech verb it is the subject
  of ("Harris said"), a given name before a surname ("Ruth Okonjo"; not "Lionel Town"), or a word of the
  name that another person of the article bears.

A name the model called a person, with at least one mention in a place slot and no mention with person
evidence, is a place in every mention; so is a one-word name a gazetteer knows as a place, listed beside a
name the model labelled a place ("alongside Kano, Jigawa and Zamfara"). So is a name **shaped like a place's** (``place_shaped``: "Tākaka
Hill", "Acton Town": a last word of ``PLACE_SHAPED_ENDS`` after a word that is no given name) with no title,
age or speech verb, wherever it stands, even beside a person who bears its first word ("Paul Acton"). So is a one-word name the model called a body (or a nationality no
list of ours knows) inside a list of such places, when nothing in the article says it is a body (no legal
form, no list of ours, no acronym, no verb of its own), and a body's label with no such evidence right
after "in", "near", "along", "residents of" or an age's "of" (split at its "and"). A saint's name ("St Catherine received 27 per cent") is a place wherever it stands: news names
parishes, towns and churches after saints, and no living person is called "St Elizabeth".

Precision first: a name with evidence both ways stays what the model said, and the gazetteer is not asked, so
the place has no coordinates until a table knows it. Linear: one look around each mention.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from .. import lexicon
from .entities import (NOT_PLACE_BEFORE_IN, ORG_SUFFIXES, PLACE_SUFFIXES, POSSESSIVE, body_end, division_name,
                       known_place, place_cues)

SAINT_WORDS = {"St", "St.", "Saint", "Ste", "Ste."}
LIST_JOINS = {",", "and", "or", "&"}
LIST_MEMBER_LIMIT = 8  # members walked back through a list ("in A, B, C, … and H")
# the last word of a place's name that no person's name ends in after a word that is no given name:
# "Tākaka Hill", "Acton Town", "Turnham Green" (but "Damon Hill", "Sarah Green": a given name first)
PLACE_SHAPED_ENDS = {"town", "hill", "hills", "heights", "village", "valley", "beach", "bay", "springs", "island",
                     "green", "park", "creek", "gorge", "point"}


@lru_cache(maxsize=1)
def place_slot_words() -> dict[str, frozenset[str]]:
    """``data/place_cues.txt`` kinds this stage reads: 'before' and 'slot' (the word right before a place),
    'beside' (a word before "to": "next to"), 'bearing' (a word before "of": "north of")."""
    cues = place_cues()
    return {"slot": cues.get("before", frozenset()) | cues.get("slot", frozenset()),
            "beside": cues.get("beside", frozenset()), "bearing": cues.get("bearing", frozenset())}


def opens_slot(doc: Doc, j: int) -> bool:
    """Whether the words ending at token ``j`` open a place slot for the name right after them."""
    if j < 0:
        return False
    words = place_slot_words()
    word = doc[j].lower_
    before = doc[j - 1] if j > 0 else None
    if word == "to" and before is not None:
        return before.lower_ in words["beside"]
    if hometown_before(doc, j):
        return True  # "Ann Roe, 31, from Sandbach": where she is from
    if word == "of" and before is not None:  # "north of Damang", "residents of Bokazo"
        return before.lower_ in words["bearing"] or before.lower_ in place_cues().get("of", ())
    if word not in words["slot"]:
        return False
    if word == "in":
        return before is None or before.lower_ not in NOT_PLACE_BEFORE_IN  # "a stake in Harris"
    if word == "at":
        # "the plant at Bokazo", "his palace at Wassa Akropong"; not "looked at Harris", "analysts at Kessler"
        return before is not None and before.pos_ == "NOUN" and before.is_lower \
            and before.lower_ not in lexicon.person_role_nouns()
    return True


def hometown_before(doc: Doc, j: int) -> bool:
    """Whether token ``j`` is the "of" or "from" of a person's age apposition ("Ann Roe, 31, from …"): what
    follows is a home town (``actors.hometown`` reads it as who the person is)."""
    return j >= 3 and doc[j].lower_ in ("of", "from") and doc[j - 1].text == "," and doc[j - 2].like_num \
        and doc[j - 3].text == ","


def in_place_slot(span: Span, ends: dict[int, Span]) -> bool:
    """Whether ``span`` stands in a place slot, right after its word or later in a list that starts there
    (at most ``LIST_MEMBER_LIMIT`` members back). ``ends`` maps token indices to the spans ending there."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in POSSESSIVE:
        return False  # "headed in Lewis Hartley's corner": the name owns what stands in the slot
    j = span.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    members = 0
    while j >= 0 and members < LIST_MEMBER_LIMIT:
        if opens_slot(doc, j):
            return True
        if doc[j].text not in LIST_JOINS:
            return False
        while j >= 0 and doc[j].text in LIST_JOINS:  # ", and"
            j -= 1
        member = ends.get(j + 1)
        if member is not None:
            j = member.start - 1
        else:  # a capitalised name the model left unlabelled ("Lionel Town"), up to three words
            k = j
            while k >= 0 and j - k < 3 and doc[k].is_alpha and doc[k].text[:1].isupper():
                k -= 1
            if k == j:
                return False
            j = k
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        members += 1
    return False


def person_evidence(span: Span, people_words: set[str]) -> bool:
    """Whether this mention says its name is a person's: a title, honorific or role noun right before it,
    an age after it, the subject of a speech verb, or a word of it another person of the article bears
    (``people_words``)."""
    doc = span.doc
    if any(t.text in people_words for t in span):
        return True
    words = span.text.split()
    if len(words) >= 2 and lexicon.is_first_name(words[0]) and words[-1].lower() not in PLACE_SUFFIXES:
        return True  # "Ruth Okonjo"; not "Lionel Town"
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.text in lexicon.titles() or prev.lower_ in lexicon.role_nouns():
            return True
    after = doc[span.end:span.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].like_num:
        return True  # "Harris, 34,"
    if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_.lower() in lexicon.speech_verbs():
        return True
    if span.root.dep_ != "pobj" and (span.end < len(doc) and doc[span.end].lemma_.lower() in lexicon.speech_verbs()
                                     or span.start > 0 and doc[span.start - 1].lemma_.lower() in lexicon.speech_verbs()):
        return True  # "Harris said", "said Harris", however parsed; not "Residents of Bokazo said"
    return False


def place_shaped(name: str) -> bool:
    """Whether a name of two words or more ends in a word of ``PLACE_SHAPED_ENDS`` after a first word that
    is no given name: "Tākaka Hill", "Acton Town"; not "Damon Hill"."""
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in PLACE_SHAPED_ENDS and not lexicon.is_first_name(words[0])


def people_words(by_text: dict[str, list[Span]]) -> dict[str, set[str]]:
    """For each person's name of the article (``by_text`` keys), the words of it that another full name of
    the article (two words and more) also holds: "Acton" of "Acton" beside "Paul Acton". A lone word the model
    took for a person ("Khor" of "Khor Fakkan") vouches for no one, and a particle ("Al", "de", "Te") is no
    one's word ("Dibba Al Fujairah" beside "Mohammed Al Falasi"). One count for the article: linear."""
    particles = lexicon.capital_particles() | lexicon.name_particles()
    holders = Counter(w for text in by_text if " " in text for w in set(text.split()))  # full names only
    return {text: {w for w in set(text.split()) if holders[w] > (" " in text)} - SAINT_WORDS - particles
            for text in by_text}


def body_evidence(span: Span, bodies: set[str]) -> bool:
    """Whether a name the model called a body is said to be one: an acronym, one of our lists' bodies, a
    name the article already found acting as a body (``bodies``), a body's last word, or the subject of a
    verb."""
    text = span.text
    return bool(span.id_) or text.isupper() or text in bodies or text.lower() in lexicon.named_index() \
        or span[-1].lower_ in ORG_SUFFIXES or span.root.dep_ in ("nsubj", "nsubjpass")


def slotted_places(doc: Doc, spans: list[Span], bodies: set[str] = frozenset()) -> list[Span]:
    """The article's spans with the people and bodies that stand only where places stand relabelled GPE
    (module docstring). ``bodies`` holds names the article already knows as bodies (companies, owners, names
    that act as a body): they stay bodies."""
    starts = {s.start: s for s in spans}
    ends = {s.end: s for s in spans}
    people = [s for s in spans if s.label_ == "PERSON"]
    by_text: dict[str, list[Span]] = {}
    for s in people:
        by_text.setdefault(s.text, []).append(s)
    others_of = people_words(by_text)
    # "homes near Shivane Khurd" labelled a place, "Residents of Shivane Khurd" a person: one name, one kind
    placed_before = {s.text: s.label_ for s in spans if s.label_ in ("GPE", "LOC", "FAC") and not s.id_}
    places: set[str] = set()
    for text, mentions in by_text.items():
        if any(s.id_ for s in mentions) or not all(t[:1].isupper() for t in text.split()):
            continue
        # "Acton Town" beside "Paul Acton": a place named like the article's person is still a place
        shaped = place_shaped(text)
        if any(person_evidence(s, set() if shaped else others_of[text]) for s in mentions):
            continue
        if shaped or mentions[0][0].text in SAINT_WORDS and len(mentions[0]) >= 2 or text in placed_before or any(
                in_place_slot(s, ends) for s in mentions):
            places.add(text)
        elif " " not in text and (known_place(text.lower(), any_region=True) or division_name(text)) and any(
                beside_labelled_place(s, starts, ends) for s in mentions):
            places.add(text)  # "alongside Kano, Jigawa and Zamfara": a place a table knows, listed with places
    # a list of places the model broke into people and bodies: its one-word bodies are places too
    listed: set[int] = set()
    candidates = [s for s in spans if len(s) == 1 and (s.label_ == "ORG" and not body_evidence(s, bodies)
                                                       or s.label_ == "NORP" and s.text.lower() not in lexicon.demonyms())
                  and in_place_slot(s, ends)]
    grown = True
    # "Lochcarron, Bettyhill, Tongue and Kinlochbervie": each member vouches for its neighbours. A slot holds
    # at most LIST_MEMBER_LIMIT members, so the passes are bounded and the whole stays linear
    while grown:
        grown = False
        for s in candidates:
            if s.start not in listed and near_listed_place(s, places, starts, ends):
                listed.add(s.start)
                places.add(s.text)
                grown = True
    # a name the model called a body, right after "in", "near", "outside" (not a verb's "invest in"), in no
    # mention said to be a body: a place ("growth in Havelock North", "a pothole near Vadgaon Budruk")
    bodies_named = {s.text for s in spans if s.label_ == "ORG" and body_evidence(s, bodies)}
    slotted_bodies = {s.start for s in spans if s.label_ == "ORG" and s.start not in listed
                      and s.text not in bodies_named and unlabelled_body_in_slot(s)}
    # "in Te Awanga North and Clive" taken as one place: two, unless a table knows the whole ("Trinidad and Tobago")
    slotted_bodies |= {s.start for s in spans if s.label_ in ("GPE", "LOC", "FAC") and not s.id_
                       and any(t.lower_ == "and" for t in s[1:-1]) and unlabelled_body_in_slot(s)
                       and s.text.lower() not in lexicon.country_index() and s.text.lower() not in lexicon.place_index()}
    out = []
    for s in spans:
        if s.label_ == "PERSON" and s.text in places or s.start in listed:
            out.append(Span(doc, s.start, s.end, label=placed_before.get(s.text, "GPE")))
        elif s.start in slotted_bodies:
            out.extend(split_at_and(s))
        else:
            out.append(s)
    # one name, one kind: a body's mention of a name the article places elsewhere ("near Vadgaon Budruk",
    # then "Residents of Vadgaon Budruk" taken for a body) is that place, unless a mention acts as a body
    placed = {s.text: s.label_ for s in out if s.label_ in ("GPE", "LOC", "FAC") and not s.id_}
    return [Span(doc, s.start, s.end, label=placed[s.text]) if s.label_ == "ORG" and s.text in placed
            and s.text not in bodies_named and not s.id_ else s for s in out]


BODY_SLOT_WORDS = {"in", "near", "outside", "around", "across", "throughout", "inside", "along"}


def unlabelled_body_in_slot(span: Span) -> bool:
    """Whether a name the model called a body stands right after a place word of ``BODY_SLOT_WORDS`` that
    follows no verb ("invested in Ardent" is a body), or after a noun of people and "of" ("residents of",
    kind 'of' of ``data/place_cues.txt``) or a person's age and "of"/"from" ("Ann Roe, 34, of Mesa"); and
    whether it has only capitalised words ("and" between them), no word a body's name ends in ("…
    Council", "… Trust"), and is no name our lists know. "at" opens no such slot: "a job at Kessler" is where someone works."""
    doc = span.doc
    k = span.start - 1
    if k < 1 or span.id_ or span.text.isupper() or span.text.lower() in lexicon.named_index():
        return False
    residents = doc[k].lower_ == "of" and doc[k - 1].lower_ in place_cues().get("of", ()) \
        or hometown_before(doc, k)  # "residents of", "Ann Roe, 31, of Mesa"
    if not residents and (doc[k].lower_ not in BODY_SLOT_WORDS or doc[k - 1].pos_ in ("VERB", "AUX")
                          or doc[k - 1].lower_ in NOT_PLACE_BEFORE_IN):
        return False
    if span.end < len(doc) and doc[span.end].text in POSSESSIVE:
        return False
    words = [t for t in span if t.lower_ != "and"]
    return bool(words) and all(t.is_alpha or "-" in t.text for t in words) \
        and all(t.text[:1].isupper() for t in words) and not body_end(span[-1]) \
        and span[-1].lower_ not in ORG_SUFFIXES and not any(t.text.isupper() for t in words)


def split_at_and(span: Span) -> list[Span]:
    """'Havelock North and Flaxmere' as two places; a name without "and" as one."""
    doc = span.doc
    cuts = [t.i for t in span if t.lower_ == "and"]
    if not cuts:
        return [Span(doc, span.start, span.end, label="GPE")]
    out, start = [], span.start
    for cut in cuts + [span.end]:
        if cut > start:
            out.append(Span(doc, start, cut, label="GPE"))
        start = cut + 1
    return out


def list_members(span: Span, starts: dict[int, Span], ends: dict[int, Span]):
    """The labelled names of the list ``span`` stands in ("," "and" "or" between members), nearest first
    before it, then after it: at most ``LIST_MEMBER_LIMIT`` members each way, unlabelled capitalised names of
    up to three words walked over ("Jigawa" in "Kano, Jigawa and Zamfara")."""
    doc = span.doc
    for step in (-1, 1):
        i = span.start - 1 if step < 0 else span.end
        for _ in range(LIST_MEMBER_LIMIT):
            if not 0 <= i < len(doc) or doc[i].text not in LIST_JOINS:
                break
            while 0 <= i < len(doc) and doc[i].text in LIST_JOINS:
                i += step
            member = (ends.get(i + 1) if step < 0 else starts.get(i)) if 0 <= i < len(doc) else None
            if member is not None:
                yield member
                i = member.start - 1 if step < 0 else member.end
                continue
            j = i
            while 0 <= j < len(doc) and abs(j - i) < 3 and doc[j].is_alpha and doc[j].text[:1].isupper():
                j += step
            if j == i:
                break
            i = j


def beside_labelled_place(span: Span, starts: dict[int, Span], ends: dict[int, Span]) -> bool:
    """Whether a member of the list ``span`` stands in (``list_members``) is a name labelled a place (GPE,
    LOC, FAC): "Kano, Jigawa and Zamfara" with "Jigawa" unlabelled."""
    return any(m.label_ in ("GPE", "LOC", "FAC") for m in list_members(span, starts, ends))


def near_listed_place(span: Span, places: set[str], starts: dict[int, Span], ends: dict[int, Span]) -> bool:
    """Whether a member of the list ``span`` stands in, right before or after it, is one of ``places``."""
    doc = span.doc
    j = span.start - 1
    while j >= 0 and doc[j].text in LIST_JOINS:
        j -= 1
    if (before := ends.get(j + 1)) is not None and before.text in places:
        return True
    k = span.end
    while k < len(doc) and doc[k].text in LIST_JOINS:
        k += 1
    after = starts.get(k)
    return k > span.end and after is not None and after.text in places
