"""Actors: one entry per person or organisation, under its fullest name, with roles.

NER gives mentions; rules here turn them into entities:
titles come off names and become roles, surnames join full names, outlets and
organisations from the curated lists get their canonical names, acronyms join the
names they abbreviate, and roles are read from the article's own wording
(titles before a name, appositions on either side, "who is …" clauses).
Things the model takes for bodies get no entry (data/non_actors.txt: vehicles and ships, laws and their
initials, "the Amazon" the region, "every New Yorker"), and a short form that names different bodies in
different countries takes the one of the article's country (data/outlet_countries.tsv: "the ABC").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import lexicon
from ..models import Actor, Location
from . import index
from .entities import BETWEEN_PARTICLES, COMMERCIAL_SUFFIXES, IRISH_MUTATED, named_before_known_as

MAX_ROLE_TOKENS = 14
# a role set off by commas after a name may be longer: "an assistant professor of environmental health at
# Emory University's Rollins School of Public Health in Atlanta" (a closing comma or full stop bounds it)
MAX_APPOSITION_TOKENS = 20
NP_INNER = {"of", "for", "and", "-", "–", "on", "at"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# legal forms that end a company's name without naming it: "Tamura Denki Co." is "Tamura Denki"
LEGAL_FORMS = {"co", "co.", "inc", "inc.", "ltd", "ltd.", "plc", "corp", "corp.", "corporation", "company", "llc",
               "gmbh", "ag", "sa", "nv", "bv", "ab", "spa", "pty", "limited", "incorporated"}


@dataclass
class Mention:
    span: Span
    name: str
    type: str
    canonical: str | None = None  # from the curated lists
    roles: tuple[str, ...] = ()
    surface: str | None = None  # the name as written when letters after it came off ("Martin Leigh KC")


# Bodies named by one word that are not short for a longer name in the same article
# ("the House" is not "the White House", "the Senate" not "the Senate Appropriations Committee").
STANDALONE_BODIES = {"House", "Senate", "Congress", "Parliament", "Court", "Cabinet", "Assembly", "Council",
                     "Commons", "Lords", "Knesset", "Duma", "Bundestag", "Kremlin", "Pentagon", "Treasury"}
# Nouns that describe an organisation, not a person, in apposition ("Gavi, the vaccine alliance,")
BODY_NOUNS = {"alliance", "company", "firm", "group", "agency", "organisation", "organization", "party",
              "union", "charity", "coalition", "network", "association", "foundation", "institute", "bank",
              "ministry", "department", "council", "committee", "board", "club", "team", "broadcaster",
              "newspaper", "regulator", "watchdog", "manufacturer", "maker", "retailer", "airline", "lender",
              "trust", "authority", "commission", "university", "district", "utility", "operator", "insurer"}
GOVERNMENT_BODIES = {"government", "ministry", "army", "military", "navy", "parliament", "cabinet", "embassy",
                     "police", "authority", "commission", "council"}
ABBREVIATIONS = {"Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Gen.": "General",
                 "Lt.": "Lieutenant", "Lt": "Lieutenant", "Col.": "Colonel", "Capt.": "Captain", "Sgt.": "Sergeant",
                 "Supt.": "Superintendent", "Atty.": "Attorney", "Pres.": "President", "Sec.": "Secretary",
                 "Prof.": "Professor", "Dr.": "Doctor"}


def without_places(found: list[Actor], places: list[Location]) -> list[Actor]:
    """``found`` less each person whose whole name is also a place of the same article and who has nothing
    of a person about them (no role, no title): "the town of Mir Ali" read once as a place and once as a
    person is one place. One type per name in an article; the place keeps it, since its reading rests on
    a gazetteer or a place cue, the person's only on the model's label. Order is kept."""
    names = {p.name.lower() for p in places} | {a.lower() for p in places for a in p.aliases}
    return [a for a in found if not (a.type == "person" and not a.role and a.name.lower() in names)]


def extract(ctx) -> list[Actor]:
    mentions = [m for ent in ctx.ents.ents if not ctx.in_credits(ent) and (m := to_mention(ent, ctx))]
    mentions += government_bodies(ctx)
    mentions.sort(key=lambda m: m.span.start)
    # Groups that end with one fullest name and type are one entity ("Trump" with a role and without
    # one): the contract has one entry per real-world entity, so they are merged, first one first.
    by_identity: dict[tuple[str, str], list[Mention]] = {}
    for members in group(mentions):
        first = members[0]
        if first.type == "person":
            name = max((m.name for m in members), key=lambda n: (len(n.split()), len(n)))
        else:  # the fullest name the article itself gives ("Agence France-Presse" over "AFP")
            name = max((m.name for m in members), key=lambda n: (len(n.split()), len(n), n))
        by_identity.setdefault((name, first.type), []).extend(members)
    join_role_names(by_identity)
    join_surname_bodies(by_identity)
    actors = []
    people = [key[0] for key in by_identity if key[1] == "person"]
    court = the_one_court(ctx)
    for (name, kind), members in by_identity.items():
        members.sort(key=lambda m: m.span.start)
        aliases = sorted(({m.name for m in members} | {m.surface for m in members if m.surface}) - {name},
                         key=lambda a: (a.lower(), a))
        roles = [owner_named(r, name, people) for m in members for r in m.roles]
        # a judge whose other mention says which court keeps that one (the article may name another)
        sits = court if not any("court" in r.lower().split() for r in roles) else None
        roles = merge_roles([in_the_court(r, sits) for r in roles])
        # the lists' name for a body the article never writes out ("ABC" for the Australian Broadcasting
        # Corporation): the contract names it as written, the fullest form first
        forms = {clean_name(m.span.text) for m in members} | {m.name for m in members if m.canonical is None}
        written = None if kind != "organisation" or name in forms or not forms else \
            max(forms, key=lambda n: (len(n.split()), len(n), n))
        actors.append(Actor(
            name=name,
            type=kind,  # type: ignore[arg-type]
            role="; ".join(roles) or None,
            aliases=aliases,
            mentions=len(members),
            sentences=sorted({ctx.sentence_index(m.span) for m in members}),
            written=written,
        ))
    return actors


@lru_cache(maxsize=1)
def court_roles() -> frozenset[str]:
    """``data/court_roles.txt``: roles held in a court ("judge", "justice", "magistrate")."""
    return lexicon.word_set("court_roles.txt")


def the_one_court(ctx) -> str | None:
    """The court the article names, when it names exactly one ("Derby Crown Court", "the State Supreme
    Court", "the Court of Appeals for the Sixth Circuit"): a name with "Court" after its first word, written
    with "the" where the article writes it. None with no court or several (which one a judge sits in is unsaid).
    A name that opens with "Court" is a tennis or squash court ("Court Philippe-Chatrier"), not one."""
    doc = ctx.doc
    found: dict[str, str] = {}
    for ent in ctx.ents.ents:
        words = [t.text for t in ent]
        if ent.label_ not in ("ORG", "FAC", "GPE", "LOC") or len(words) < 2 or words[0] in ("Court", "the", "The"):
            continue
        if "Court" not in words[1:]:
            continue
        the = ent.start > 0 and doc[ent.start - 1].lower_ == "the"
        found.setdefault(ent.text, f"the {ent.text}" if the else ent.text)
    return next(iter(found.values())) if len(found) == 1 else None


def in_the_court(role: str, court: str | None) -> str:
    """'Judge' → 'Judge at Derby Crown Court' when the role is a court's alone (``court_roles``) and the
    article names one court (``the_one_court``); any other role, or no single court, stays as written."""
    if court is None or role.lower() not in court_roles():
        return role
    return f"{role} at {court}"


OWNER = re.compile(r"^(?:(?P<title>[A-Z][a-z]{1,3}\.?) )?(?P<owner>[A-Z][\w-]*(?: [A-Z][\w-]*)?)(?P<mark>['’]s?) ")


def owner_named(role: str, name: str, people: list[str]) -> str:
    """'Odom's sister' (said of Kayla Odom) → 'Brittany Odom's sister': a role that opens with a person's
    bare surname and a possessive names that person in full when exactly one other person of the article
    has that surname, as the page of the role's holder is read apart from the article. A short name with
    an honorific ('Mr Bains' brother') is the article's own courtesy form and stays as written; so does
    any other role."""
    found = OWNER.match(role)
    if found is None or found["title"]:
        return role
    owner = found["owner"]
    full = {p for p in people if p != name and p.endswith(" " + owner)}
    if len(full) != 1:
        return role
    return f"{full.pop()}{found['mark']} {role[found.end():]}"


def join_surname_bodies(by_identity: dict[tuple[str, str], list[Mention]]) -> None:
    """'Ferrand said' after 'Odile Ferrand', the model reading the lone surname as a body: a one-word
    organisation that is the surname of exactly one person named in full in the article is that person
    (the word becomes an alias), as the sources side already resolves it. Two people of that surname
    leave it alone (which one is unknown), and so does a name the curated lists know as a body."""
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for key in by_identity:
        words = name_words(key[0]) if key[1] == "person" else []
        if len(words) > 1:
            for form in {words[-1].lower(), bare_surname(words[-1]).lower()}:  # "Assad" for "al-Assad"
                by_surname.setdefault(form, []).append(key)
    for key in [k for k in by_identity if k[1] == "organisation" and " " not in k[0]]:
        people = by_surname.get(key[0].lower(), [])
        if len(people) == 1 and (not any(m.canonical for m in by_identity[key])
                                 or means_the_person(by_identity[key], by_identity[people[0]])):
            by_identity[people[0]].extend(by_identity.pop(key))


PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}


def means_the_person(body: list[Mention], person: list[Mention]) -> bool:
    """Whether a surname that the curated lists know as a body ('Tesla') means, in this article, the person
    named in full there ('Nikola Tesla'): the full name comes first, and some lone mention is followed in
    its sentence by a personal pronoun ('Tesla did as he'd promised'). An article on the company that
    names its namesake ('… named after Nikola Tesla') says 'it', not 'he', of the company."""
    if min(m.span.start for m in person) > min(m.span.start for m in body):
        return False
    for m in body:
        sentence = m.span.sent
        if any(t.lower_ in PRONOUNS for t in m.span.doc[m.span.end:sentence.end]):
            return True
    return False


def join_role_names(by_identity: dict[tuple[str, str], list[Mention]]) -> None:
    """'The Treasurer said …' after 'Treasurer Jim Chalmers': a role word the model took for a name is the
    person the article gave that role, so one actor (the word becomes an alias). The person named with
    the role last before it wins, else the first named after it; with nobody in that role it stays."""
    people = [(key, members) for key, members in by_identity.items() if key[1] == "person"]
    holders_of: dict[str, list[tuple[int, tuple[str, str]]]] = {}  # a role's word → who holds it, looked up
    for key, members in people:  # once per word (comparing every role word with every person was quadratic)
        for word in {w.lower() for m in members for r in m.roles for w in normalise_role(r).split()}:
            holders_of.setdefault(word, []).append((members[0].span.start, key))
    for key, members in people:
        word = key[0]
        if " " in word or not (lexicon.titles().get(word) == "title" or word.lower() in lexicon.role_nouns()):
            continue
        first = members[0].span.start
        holders = [h for h in holders_of.get(word.lower(), ()) if h[1] != key and h[1] in by_identity]
        if not holders:
            continue
        before = [h for h in holders if h[0] < first]
        target = max(before)[1] if before else min(holders)[1]
        by_identity[target].extend(by_identity.pop(key))


@lru_cache(maxsize=None)
def non_actors() -> dict[str, frozenset[str]]:
    """data/non_actors.txt by kind ("name", "last", "first", "feature", "featureword", "quantifier") → forms."""
    kinds: dict[str, set[str]] = {}
    for line in (lexicon.DATA_DIR / "non_actors.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, form = line.split("\t", 1)
            kinds.setdefault(kind.strip(), set()).add(form.strip())
    return {kind: frozenset(forms) for kind, forms in kinds.items()}


def law_initials(text: str) -> frozenset[str]:
    """Initials of every law or bill the text names in full ("Affordable Care Act" → "ACA"), so the short
    form is known for a law too. Capitalised words only; "of", "and", "the" inside add no letter."""
    lasts = "|".join(re.escape(w) for w in sorted(non_actors().get("last", ())))
    if not lasts:
        return frozenset()
    found = re.finditer(rf"\b((?:[A-Z][\w’'-]*\s+(?:(?:of|and|the|for|on)\s+)*){{1,8}})({lasts})\b", text)
    out = set()
    for m in found:  # the match may start at a sentence's first word ("Critics of the Affordable Care Act")
        letters = "".join(w[0] for w in m.group(1).split() if w[0].isupper())
        out.update(letters[i:] + m.group(2)[0] for i in range(len(letters)))
    return frozenset(out)


_initials_memo: list = []


def _law_initials_of(doc) -> frozenset[str]:
    """law_initials of the article, read once per article (not once per capitalised mention)."""
    if not (_initials_memo and _initials_memo[0] is doc):
        _initials_memo[:] = [doc, law_initials(index.text(doc))]
    return _initials_memo[1]


def _is_place(word: str) -> bool:
    key = word.lower()
    return key in lexicon.country_index() or key in lexicon.place_index()


def is_non_actor(ent: Span, text: str) -> bool:
    """A thing the model took for a body (data/non_actors.txt): a vehicle or ship, a law or bill or its
    initials, software or a product ('Arduino IDE'), a natural feature that shares a company's name, or a demonym-like name after a quantifier
    ("every New Yorker"). Such a name gets no actor entry: a wrong page is worse than none."""
    kinds = non_actors()
    words = text.split()
    if not words:
        return False
    if text in kinds.get("name", ()) or words[0] in kinds.get("first", ()) \
            or any(text.startswith(name + " ") for name in kinds.get("name", ())) \
            or len(words) > 1 and (words[-1] in kinds.get("last", ()) or words[-1] in kinds.get("product", ())):
        return True
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if text in kinds.get("feature", ()) and (
            before is not None and before.text in kinds.get("featurebefore", ())
            and (before.text != "the" or ent.root.dep_ != "compound")
            and (before.text not in POSSESSIVE or ent.start > 1 and _is_place(ent.doc[ent.start - 2].text))
            or after is not None and after.lower_ in kinds.get("featureword", ())):
        return True  # "the Amazon", "Amazon fires", "Ecuador's Amazon": the feature ("the Amazon deal": the company)
    if before is not None and before.lower_ in kinds.get("quantifier", ()) and ent.root.dep_ != "compound" \
            and not ent.text.lower().startswith("the ") and ent.root.tag_ in ("NNP", "NN"):
        return True  # "every New Yorker knows": a person of a place, not the magazine
    if text.isupper() and len(text) > 1 and text in _law_initials_of(doc):
        return True
    return False


@lru_cache(maxsize=None)
def country_homonyms() -> dict[str, tuple[str, str, str]]:
    """data/outlet_countries.tsv: short form → (home country, other country, the other country's name)."""
    rows = {}
    for line in (lexicon.DATA_DIR / "outlet_countries.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#") and not line.startswith("form\t"):
            form, home, other, name = (c.strip() for c in line.split("\t"))
            rows[form] = (home, other, name)
    return rows


@lru_cache(maxsize=None)
def _demonym_codes() -> dict[str, str]:
    return {d.lower(): c.code for c in lexicon.countries() for d in c.demonyms}


def article_countries(doc) -> frozenset[str]:
    """Codes of the countries an article names: a country, a demonym ("Australian Federal Police"), or a
    place the place list knows. Evidence for which body an ambiguous short form is. Kept for the last
    article asked about, so many mentions of one form read the article once."""
    if _countries_memo and _countries_memo[0] is doc:
        return _countries_memo[1]
    codes = {code for w in index.words(doc) if w[:1].isupper() and (code := _demonym_codes().get(w.lower()))}
    for ent in doc.ents:
        key = lexicon.strip_the(ent.text).lower()
        if (country := lexicon.country_index().get(key)) is not None:
            codes.add(country.code)
        elif (place := lexicon.place_index().get(key)) is not None and place.country_code:
            codes.add(place.country_code)
    _countries_memo[:] = [doc, frozenset(codes)]
    return _countries_memo[1]


_countries_memo: list = []


def canonical_in_country(form: str, canonical: str, doc) -> str | None:
    """The canonical name of a short form that names different bodies in different countries
    ("ABC": the US network, or the Australian Broadcasting Corporation), read from the countries the
    article names; None when it names both homes (no page rather than a wrong one)."""
    row = country_homonyms().get(form)
    if row is None:
        return canonical
    home, other, other_name = row
    codes = article_countries(doc)
    if other in codes:
        return None if home in codes else other_name
    return canonical


def listed_body(ent: Span, text: str, listed: str) -> Mention:
    """A body the curated lists know; a short form of another country's body ("the ABC" in an Australian
    article) goes by that body's own name, since pages key a body by the lists' name of what it is."""
    canonical = canonical_in_country(text, listed, ent.doc)
    return Mention(ent, canonical if canonical and canonical != listed else text, "organisation", canonical=canonical)


def to_mention(ent: Span, ctx) -> Mention | None:
    label = ent.label_
    if label in ("ORG", "FAC", "PRODUCT", "NORP", "GPE") and is_non_actor(ent, clean_name(ent.text)):
        return None
    if ent.id_.startswith(("outlet:", "organisation:")):
        return listed_body(ent, clean_name(ent.text), ent.id_.split(":", 1)[1])
    text = clean_name(ent.text)
    key = lexicon.strip_the(text).lower()
    entry = lexicon.named_index().get(key)
    if label in ("PERSON", "ORG", "NORP", "FAC", "GPE") and entry:
        return listed_body(ent, text, entry.canonical)
    if label == "PERSON":
        if rank_taken_for_name(ent):
            return None  # "Matiari SSP Dr Sanam Ali": a place and a rank, the next name's role
        name_tokens, title_roles, start = strip_titles(ent, ctx)
        if not name_tokens or not looks_like_name(name_tokens):
            return None
        name = clean_name(ent.doc[name_tokens[0].i:name_tokens[-1].i + 1].text)
        if name.lower() in lexicon.country_index() or name.lower() in lexicon.demonyms():
            return None
        after = apposition_after(ent, ctx)
        if after and (head := re.split(r" (?:of|at|for|in|with|from|on) ", after)[0].split()[-1]) in BODY_NOUNS:
            return Mention(ent, name, "organisation")  # "Gavi, the vaccine alliance,"; not "… a University of …"
        # the words before a name are read from where its title starts ("the head of the army, General
        # Amina Diallo"), and only inside its sentence: a role never passes to the next name
        if title_roles and (held := words_before_title(ent, ctx, start)):
            title_roles = [f"{held} {title_roles[0]}"]  # "Hala police station SHO Inspector Jo Roe"
        title_roles = [body_after_title(ent, ctx, role) for role in title_roles]
        found: list[int] = []
        before = title_before(ent, ctx, start, found) or shared_title(ent, ctx, start)
        # "Its spokesperson, retired engineer Jo Roe": a role set off by a comma before the one written
        # right before the name is also the person's
        roles = tuple(title_roles) + tuple(r for r in (before, after, apposition_before(ent, ctx, start)
                                                       or found and apposition_before(ent, ctx, found[0]),
                                                       founder_of(ent, ctx)) if r)
        if not roles and (journalist := outlet_journalist(ent, ctx, start)):
            roles = (journalist,)
        if not roles and sex_title_before(ent) in (["first lady"], ["first gentleman"]):
            roles = (ent.doc[ent.start - 2:ent.start].text,)  # "First Lady Michelle Obama": the model made 'First' a number
        written = clean_name(ent.doc[name_tokens[0].i:ent.end].text)  # "Martin Leigh KC", as sources read it
        surface = written if written != name and ent[-1].text in lexicon.post_nominals() else None
        return Mention(ent, name, "person", roles=roles, surface=surface)
    if label == "ORG":
        if (key in lexicon.country_index() or key in lexicon.demonyms() or key in lexicon.place_index()
                or not any(t.text[:1].isupper() for t in ent) or ent[0].like_num):
            return None
        if title_at(ent.doc, ent.start, ent.end) == ent.end:
            return None  # "DCI Helen Marsh": the model took a rank for a body
        return Mention(ent, text, "organisation")
    return None


def clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(['’]s|['’])$", "", text).strip()
    return lexicon.strip_the(text)


# AP style's party and state after a lawmaker's name: "Rep. Ann Roe, D-N.M.," or "Sen. Ann Roe (R-Ohio)"
PARTY_TAG = re.compile(r"\s*(?:,|\()\s*([DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*(?=[,)]|\.\s|\.?$)")
# words that head a group a person belongs to, written after a titled name ("Sgt. Ann Roe of the RCMP")
BODY_LABELS = ("ORG", "GPE", "NORP", "FAC")


def rank_taken_for_name(ent: Span) -> bool:
    """'Matiari SSP Dr Sanam Ali …': the model read a place and a rank as a person's name. A span that
    ends in a title or rank (not an honorific) and runs straight into another name (a title, an honorific
    or the next person) names nobody: its words are that name's role, which ``title_before`` reads."""
    doc = ent.doc
    end = ent.end
    while end > ent.start + 1 and lexicon.titles().get(doc[end - 1].text) == "honorific":
        end -= 1  # "Lahore SSP Dr" with the honorific taken into the span
    if end - ent.start < 2 or ent.end >= len(doc) or lexicon.titles().get(doc[end - 1].text) != "title":
        return False
    after = doc[ent.end]
    return end < ent.end or after.text in lexicon.titles() or after.ent_type_ == "PERSON" and after.ent_iob_ == "B"


REPORT_VERBS = {"report", "reports", "reported", "reporting"}


def outlet_journalist(ent: Span, ctx, start: int) -> str | None:
    """'the ABC's Sarah Roe reports', 'CNN's Jo Roe': a name right after a news outlet's possessive (an
    outlet of the curated lists) is one of its journalists; a reporter when the sentence has the person
    report. Only for a name with no other role written around it."""
    doc = ent.doc
    if start < 2 or doc[start - 1].text not in POSSESSIVE:
        return None
    outlet = ctx.ents.ending_at(start - 1)
    if outlet is None or not is_outlet(outlet):
        return None
    sent = ctx.sent(ent)
    reports = any(t.lower_ in REPORT_VERBS and t.pos_ == "VERB" for t in doc[ent.end:min(sent.end, ent.end + 3)])
    return f"{clean_name(outlet.text)} {'reporter' if reports else 'journalist'}"


def words_before_title(ent: Span, ctx, start: int) -> str | None:
    """'Hala police station SHO Inspector Jo Roe', 'the sheriff's office spokesperson Sgt. Jo Roe': the
    nouns and adjectives written right before a name's titles (``strip_titles`` took them from ``start``)
    that say where the title is held or what the person does there, when they open their phrase (after a
    determiner, a preposition, a comma or the sentence's start) and do not end in a plural ('told
    reporters Inspector Jo Roe'). None when there are none; ``title_before`` reads a role whose last
    word is itself a role word."""
    doc, sent = ent.doc, ctx.sent(ent)
    i = start - 1
    tokens: list[Token] = []
    while i >= sent.start and len(tokens) < MAX_ROLE_TOKENS:
        t = doc[i]
        if t.ent_type_ == "PERSON" or "\n" in t.text or not (
                t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text in POSSESSIVE and tokens):
            break
        tokens.insert(0, t)
        i -= 1
    while tokens and tokens[0].text in POSSESSIVE:
        tokens.pop(0)
    if not tokens or tokens[-1].tag_ in ("NNS", "NNPS") or title_before(ent, ctx, start) is not None:
        return None
    if i >= sent.start and not (doc[i].pos_ in ("DET", "ADP", "PUNCT", "CCONJ") or doc[i].lower_ in ("said", "says")):
        return None
    return doc[tokens[0].i:tokens[-1].i + 1].text


def town_taken_for_name(held: Span, tokens: list[Token]) -> bool:
    """'George police spokesperson Captain Jo Roe': a one-word name the model took for a person, written
    before lower-case nouns that head a role, modifies that role as a place or body does (the town of
    George; 'Trump administration official' likewise names whose administration). So is a span that ends
    in a lower-case word ('George police'), which names no person."""
    if held[-1].is_lower and held[-1].pos_ == "NOUN":
        return True
    return len(held) == 1 and bool(tokens) and tokens[0].is_lower and tokens[0].pos_ == "NOUN" \
        and held[0].dep_ == "compound" and held[0].head.i >= tokens[0].i


def founder_of(ent: Span, ctx) -> str | None:
    """'Voss, which was founded by the engineer Heinrich Voss', 'Kessler, founded in 1921 by Wilhelm
    Kessler', 'Ann Roe founded Roe Analytics', 'Lumo was founded in 2022 by Ann Roe': the person founded
    the body named there, so 'founder of Voss' ('co-founder' for "co-founded"). The body is the proper
    noun, with its compounds, that the verb describes, has for object or for passive subject, or the name
    a described common noun is in apposition to ("Hartwell Foods, the maker of snacks founded by …"); "the"
    and a body's noun ('the company, which was founded by …') is the body named before it
    (``named_body_before``). Each founder of a list is a co-founder ("by Ann Roe and Tom Hale")."""
    doc, sent = ent.doc, ctx.sent(ent)
    root = ent.root
    # "by Ann Roe and Tom Hale": each is a co-founder
    pair = root.dep_ == "conj" or any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in root.children)
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "by Ann Roe and Tom Hale": both founded it
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        root = root.head  # "by the chemist Oskar Roe": the parser may hang the name on the noun before it
    verb, body = None, None
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.lemma_.lower() == "found":
        verb = root.head.head
        body = verb.head if verb.dep_ in ("acl", "relcl") else \
            next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "Ledgerline was founded by …"
        hops = 0
        while body is not None and body.pos_ != "PROPN" and hops < 4 and body.dep_ in ("pobj", "prep", "conj", "appos"):
            # "Hartwell Foods, the maker of frozen meals and snacks founded by …": up the apposition to its name
            body, hops = body.head, hops + 1
    elif root.dep_ == "nsubj" and root.head.lemma_.lower() == "found" and root.head.tag_ in ("VBD", "VBZ", "VBP"):
        verb = root.head
        body = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb is not None and body is not None and body.pos_ == "NOUN" and body.lemma_.lower() in BODY_NOUNS \
            and any(c.lower_ == "the" for c in body.children):
        # "The family-owned company, which was founded … by …": the body the article named before
        named = named_body_before(body, ctx)
        if named is None or ent.start <= named.start < ent.end:
            return None
        co = pair or verb.i >= 2 and doc[verb.i - 1].text in ("-", "‑") and doc[verb.i - 2].lower_ == "co"
        return f"{'co-' if co else ''}founder of {clean_name(named.text)}"
    if verb is None or body is None or body.pos_ != "PROPN" or not sent.start <= body.i < sent.end:
        return None
    first = body.i
    while first > sent.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i in range(first, body.i + 1) \
            and doc[first - 1].dep_ == "compound":
        first -= 1
    if ent.start <= body.i < ent.end:
        return None
    co = pair or verb.i >= 2 and doc[verb.i - 1].text in ("-", "‑") and doc[verb.i - 2].lower_ == "co"
    return f"{'co-' if co else ''}founder of {clean_name(doc[first:body.i + 1].text)}"


PARTIES = {"D": "Democrat", "R": "Republican", "I": "independent"}  # AP's letters before a lawmaker's state


def party_and_state(tag: str) -> str:
    """AP's 'D-N.M.' written out for readers who do not know the code: 'Democrat, New Mexico' (the state's
    abbreviations are the aliases of ``data/places.tsv``); a state written in full is not written again
    ('R-Utah' → 'Republican'). The role keeps the code before it ("Representative (D-N.M.: Democrat, New Mexico)"), as US readers know it."""
    party, _, state = tag.partition("-")
    place = lexicon.place_index().get(state.lower())
    name = place.name if place is not None and place.country_code == "US" else state
    return PARTIES.get(party, party) if name == state else f"{PARTIES.get(party, party)}, {name}"


def body_after_title(ent: Span, ctx, role: str) -> str:
    """A title's role with what it is held in, when the article writes it right after the name: 'Sgt.
    Ann Roe of the Yukon RCMP' → 'Sgt. of the Yukon RCMP' (written out later: 'Sergeant of …'), 'Grand
    Chief Ann Roe of Kiwetin Council' likewise; AP's party and state, 'Rep. Ann Roe, D-N.M.,' → 'Rep.
    (D-N.M.: Democrat, New Mexico)'. The body must be a named one (an entity) starting right after "of" or "of the"; else the
    role stays as it was."""
    doc, sent = ent.doc, ctx.sent(ent)
    tag = PARTY_TAG.match(ctx.text[ent.end_char:ent.end_char + 40])  # ctx.text: doc.text joins every token
    if tag:
        return f"{role} ({tag.group(1)}: {party_and_state(tag.group(1))})"
    k = ent.end
    if k + 1 >= sent.end or doc[k].lower_ not in ("of", "from"):
        return role
    linked = doc[k].lower_  # "Supt Jo Roe from Lake Macquarie Police District": written as the article has it
    k += 1
    the = doc[k].lower_ == "the"
    if the:
        k += 1
    body = ctx.ents.at(k) if k < sent.end else None
    if body is None or body.start != k or body.label_ not in BODY_LABELS or body.end > sent.end:
        return role
    return f"{role} {linked} {'the ' if the else ''}{clean_name(body.text)}"


MAX_TITLE_WORDS = 5  # the longest rank in data/ranks.txt ("Deputy Assistant Commissioner", "Sgt 1st Class")


def title_at(doc, i: int, limit: int) -> int | None:
    """Where the longest title or rank starting at token ``i`` ends (before ``limit``), or None."""
    phrases = lexicon.title_phrases()
    for n in range(min(MAX_TITLE_WORDS, limit - i), 1, -1):
        if tuple(t.text for t in doc[i:i + n]) in phrases:
            return i + n
    return i + 1 if i < limit and doc[i].text in lexicon.titles() else None


def title_role(doc, start: int, end: int) -> str | None:
    """The role a title or rank states: None for an honorific ("Mr", "Dr"), the expansion of an
    abbreviation ("Det Insp" → "Detective Inspector"), else the words as written ("Treasurer")."""
    words = tuple(t.text for t in doc[start:end])
    phrase = lexicon.title_phrases().get(words)
    if phrase is not None:
        return phrase
    return None if lexicon.titles().get(words[0]) == "honorific" else words[0]


def strip_titles(ent: Span, ctx) -> tuple[list[Token], list[str], int]:
    """Split titles, ranks and honorifics off a PERSON span: (name tokens, roles, where the titles start).

    "Det Insp Jane Roe" → Jane Roe, "Detective Inspector"; "Lt Col Mark Hayes" with the rank left out of
    the span by the model → the same, the title found in the words just before it. Titles come from
    nameparser's list, ``data/titles.txt`` and ``data/ranks.txt`` (``lexicon.titles``, ``title_phrases``).
    A run of titles before the span is only taken when the word before the run is not itself part of a
    name ("Washington DC Mayor Muriel Bowser" is not a Detective Constable); ``title_before`` reads such
    longer descriptions. Consecutive titles make one role ("Deputy Prime Minister").
    """
    doc = ent.doc
    sent = ctx.sent(ent)
    last = ent.end - 1  # at least one word of the span stays the name
    chosen: tuple[int, int, list[str]] | None = None
    for s in range(max(sent.start, ent.start - MAX_TITLE_WORDS), ent.start + 1):
        prev = doc[s - 1] if s > sent.start else None
        if s < ent.start and prev is not None and prev.text[:1].isupper() and (
                not prev.is_sent_start or prev.ent_type_ or prev.pos_ == "PROPN"):
            continue
        pos, roles = s, []
        while pos < last and (end := title_at(doc, pos, last)) is not None:
            role = title_role(doc, pos, end)
            if role:
                roles.append(role)
            pos = end
        if pos >= ent.start and pos > s:
            chosen = (s, pos, roles)
            break
    if chosen is None:
        return drop_post_nominals(list(ent)), [], ent.start
    start, name_start, roles = chosen
    return drop_post_nominals(list(doc[name_start:ent.end])), [" ".join(roles)] if roles else [], start


def drop_post_nominals(tokens: list[Token]) -> list[Token]:
    """'Martin Leigh KC', 'Jane Roe MP', 'Smith Mr' (the model ran into the next name): the letters after a
    name (``lexicon.post_nominals``, in capitals as written) and a stray honorific are not the name."""
    while len(tokens) > 1 and tokens[-1].text in lexicon.post_nominals() or \
            len(tokens) > 1 and lexicon.titles().get(tokens[-1].text) == "honorific":
        tokens.pop()
    return tokens


def looks_like_name(tokens: list[Token]) -> bool:
    if any(any(ch.isdigit() for ch in t.text) for t in tokens):
        return False
    if not any(t.text[:1].isupper() for t in tokens):
        return False
    # "Vincent Lau Ka-chun": a hyphenated given name's lower-case last syllable ends the name; "Nic an tSaoir":
    # an Irish surname's mutation is written in lower case before its capital
    return tokens[-1].text[:1].isupper() or IRISH_MUTATED.fullmatch(tokens[-1].text) is not None and len(tokens) >= 2 \
        and tokens[-2].text in lexicon.capital_particles() | {"an"} or len(tokens) >= 3 and tokens[-2].text in ("-", "‑") \
        and not tokens[-3].whitespace_ and not tokens[-2].whitespace_ and tokens[-3].text[:1].isupper() \
        and tokens[-1].is_alpha and tokens[-1].text.islower()


def is_title_word(word: str) -> bool:
    """'magistrate' for nameparser's 'Magistrate': a title, whatever its case."""
    return lexicon.titles().get(word[:1].upper() + word[1:]) == "title"


def is_role_head(token: Token) -> bool:
    """A word that can head a role: ``data/role_nouns.txt``, or a title ("Mayor", and "magistrate" for
    nameparser's "Magistrate")."""
    titles = lexicon.titles()
    return token.lower_ in lexicon.person_role_nouns() or token.lemma_.lower() in lexicon.person_role_nouns() or (
        titles.get(token.text) == "title") or is_title_word(token.text) or in_law(token) is not None


def in_law(token: Token) -> str | None:
    """'daughter-in-law', split by spaCy into five tokens, read at its last one ("law"): the whole word
    when it is a role noun (``data/role_nouns.txt``), else None."""
    doc, i = token.doc, token.i
    if token.lower_ != "law" or i < 4 or doc[i - 1].text != "-" or doc[i - 2].lower_ != "in" or doc[i - 3].text != "-":
        return None
    word = doc[i - 4:i + 1].text.lower().replace(" ", "")
    return word if word in lexicon.person_role_nouns() else None


ROLE_MODIFIERS = {"former", "acting", "interim", "deputy", "then", "new", "outgoing", "incoming", "retired",
                  "ex", "senior", "junior", "chief", "assistant", "associate", "shadow", "caretaker"}


def title_before(ent: Span, ctx, start: int | None = None, found: list[int] | None = None) -> str | None:
    """The role written right before a name, inside its sentence: 'White House press secretary Karoline
    Leavitt' → 'White House press secretary'; 'Former minister for Women and Equalities Naomi Castellane'
    → 'former minister for Women and Equalities'; 'Director of Kestrel Airport Jo Bloggs' → 'director
    of Kestrel Airport'. ``start`` is where the name's own titles begin (``strip_titles``).

    The head is the last word, or the word before the first "of"/"for" when what follows it is a name
    (capitalised words, "and", "the"): a portfolio or a body. A sentence's first word is lower-cased
    unless it is part of a name. A role found, its first token's index is appended to ``found``."""
    doc, sent = ent.doc, ctx.sent(ent)
    i = (ent.start if start is None else start) - 1
    tokens: list[Token] = []
    while i >= sent.start and len(tokens) < MAX_ROLE_TOKENS:
        t = doc[i]
        if t.ent_type_ == "PERSON" and not ((held := ctx.ents.at(i)) is not None and (
                rank_taken_for_name(held) or town_taken_for_name(held, tokens))) or "\n" in t.text:
            break
        # a role word right before the name may be tagged as a verb: "and substitute Franco Agüero"
        if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.lower_ in ("of", "for", "-") or t.text in POSSESSIVE \
                or t.lower_ == "in" and tokens and tokens[0].text == "-" and i > sent.start and doc[i - 1].text == "-" \
                or t.lower_ in ROLE_MODIFIERS or t.tag_ == "VBG" and tokens and tokens[0].pos_ == "NOUN" \
                and t.dep_ in ("amod", "compound") \
                or not tokens and t.lower_ in lexicon.person_role_nouns() and (  # "by Canaries defender Jo Roe" too
                    i == sent.start or doc[i - 1].pos_ in ("DET", "CCONJ", "PUNCT", "NOUN", "PROPN", "ADJ")) \
                or t.lower_ == "and" and tokens and tokens[0].text[:1].isupper() and i > sent.start \
                and doc[i - 1].text[:1].isupper() \
                or t.lower_ == "the" and tokens and i > sent.start and doc[i - 1].lower_ in ("of", "for") \
                or t.like_num and tokens and i > sent.start and doc[i - 1].text[:1].isupper() \
                and doc[i - 1].pos_ in ("PROPN", "NOUN") \
                or t.is_upper and t.is_alpha and len(t) > 1 and tokens:  # "Ward 13 councillor"; "INMO assistant
            # director", an acronym the tagger took for a verb at a sentence's start
            if t.pos_ == "ADJ" and t.lower_ in ("said", "told"):
                break
            tokens.insert(0, t)
            i -= 1
            continue
        break
    while tokens and (tokens[0].lower_ in NP_INNER | {"the"} or tokens[0].text in POSSESSIVE):
        tokens.pop(0)
    while tokens and lexicon.titles().get(tokens[-1].text) == "honorific":
        tokens.pop()  # "Matiari SSP Dr Sanam Ali": the honorific between a role and the name is neither
    if not tokens:
        return None
    if not is_role_head(tokens[-1]):
        cut = next((j for j, t in enumerate(tokens) if t.lower_ in ("of", "for")), None)
        named = cut is not None and cut + 1 < len(tokens) and all(
            t.text[:1].isupper() or t.lower_ in ("and", "the", "of", "for", "-") or t.text in POSSESSIVE
            for t in tokens[cut + 1:]) and tokens[-1].text[:1].isupper()
        # "Ajax director of football Marco te Velde", "head of research Ana Lind": a portfolio in one or two
        # lower-case nouns after the role's head
        portfolio = cut is not None and 1 <= len(tokens) - cut - 1 <= 2 and all(  # "of industrial relations"
            t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in tokens[cut + 1:]) and tokens[-1].pos_ == "NOUN"
        if not ((named or portfolio) and cut > 0 and is_role_head(tokens[cut - 1])):
            return None
    text = doc[tokens[0].i:tokens[-1].i + 1].text
    if found is not None:
        found.append(tokens[0].i)
    last = tokens[-1]
    if last.tag_ in ("NNS", "NNPS") and i >= sent.start and doc[i].pos_ in ("VERB", "AUX") and not doc[i].is_upper:
        return None  # "he told reporters Inspector Jo Roe …": whom he told, no role
    if last.tag_ in ("NNS", "NNPS") and is_role_head(last):
        # "Commissioners Tom Ridley and Alicia Moreno": each is a commissioner
        singular = last.lemma_.lower() if last.lemma_.lower() != last.lower_ else last.lower_[:-1]
        if singular != last.lower_ and (singular in lexicon.person_role_nouns() or is_title_word(singular)):
            text = text[:len(text) - len(last.text)] + last.text[:1] + singular[1:]
            if len(tokens) == 1:
                return with_owner(text, tokens[0], ctx)  # a title as written, not lower-cased: "Commissioner"
    first = tokens[0]
    following = tokens[1] if len(tokens) > 1 else None
    if first.is_sent_start and not first.ent_type_ and (following is None or not (
            following.text[:1].isupper() or following.like_num)) \
            and (first.lower_ in ROLE_MODIFIERS or (first.lower_ in lexicon.person_role_nouns() or first.pos_ in ("ADJ", "NOUN"))
                 and not is_title_word(first.text)) and not is_town(first.text):  # "Dubbo grazier Jo Roe" keeps it
        text = first.lower_ + text[len(first.text):]  # "Former minister for …" opens its sentence
    return with_owner(text, first, ctx)


OWNER_WORDS = {"its", "whose"}


# the roles that speak for a body: "a council spokesman" is the spokesman of the council in the story
SPOKESPERSON_WORDS = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"}


def with_owner(role: str, first: Token, ctx) -> str:
    """'Its spokesman, Jo Roe,' after 'The Harbour Board met.', 'the Kiwetin Nation, whose chief, Jo Roe,'
    and 'the Council of Mayors, through its chair Jo Roe': a role written after "its" or "whose" is held
    in the body that word stands for, so the role names it ('spokesman of the Harbour Board'). The body
    is the named one (an entity) that "whose" follows, or that "its" follows in its sentence with no common
    noun between them ('the company and its chief executive' names no body); "its" opening a sentence
    stands for the previous sentence's subject, or its only organisation; a role with a field in lower case
    after "of" is held "at" it ('its executive director of nursing' → '… of nursing at the Harbour Board').
    Anything less sure, and a role that already says where it is held ('its head of the Pacific desk'),
    stays as written."""
    doc = first.doc
    k = first.i - 1
    if k >= 0 and doc[k].lower_ in ("his", "her") and role.lower().split()[-1:] and (
            role.lower().split()[-1] in RELATIONS or role.lower().replace(" ", "").endswith("-in-law")):
        relative = relative_of(doc[k], ctx)
        return f"{role} of {relative}" if relative else role
    words = role.split()
    if len(words) == 2 and words[0] == first.text and first.lower_ in BODY_NOUNS and first.is_lower and k >= 0 \
            and doc[k].lower_ in ("a", "an", "the") and words[1].lower() in SPOKESPERSON_WORDS:
        # "A company spokesman, Trevor Sandoval," after "Mojave Crest Power said …": who speaks for a body
        # speaks for the one in the story ("a company director" is a trade, and stays as written)
        body = named_body_before(first, ctx)
        return f"{words[1]} of {body_written(body)}" if body is not None else role
    if first.lower_ in BODY_NOUNS and first.is_lower and first.i + 1 < len(doc) \
            and doc[first.i + 1].text in POSSESSIVE and " of " not in f" {role} ":
        body = named_body_before(first, ctx)  # "the company's chief executive" after "SNCF estimates …"
        rest = role.split(" ", 1)[1] if " " in role else ""
        rest = rest[len(doc[first.i + 1].text):].strip() if rest.startswith(doc[first.i + 1].text) else rest
        if body is None or not rest:
            return role
        return f"{rest} of {body_written(body)}"
    # "its head of research": held in the body all the same, when what follows "of" is a field in lower case
    # ("head of research at the Harbour Board"); "its head of the Pacific desk" says where it is held
    portfolio = " of " in f" {role} " and role.rsplit(" of ", 1)[-1].replace(" and ", " ").replace("-", "").replace(
        " ", "").isalpha() and role.rsplit(" of ", 1)[-1].islower() and not role.rsplit(" of ", 1)[-1].startswith("the ")
    if k < 0 or doc[k].lower_ not in OWNER_WORDS or " of " in f" {role} " and not portfolio:
        return role
    body = owner_of(doc[k], ctx)
    if body is None:
        return role
    return f"{role} {'at' if portfolio else 'of'} {body_written(body)}"


def body_written(body: Span) -> str:
    """A body's name as a role names it: with "the" when the article writes one before it."""
    doc = body.doc
    the = body.start > 0 and doc[body.start - 1].lower_ == "the" and not body.text.lower().startswith("the ")
    return f"{'the ' if the else ''}{clean_name(body.text)}"


# family words a role may be written in after "his" or "her" ("his sons Ali and Reza")
RELATIONS = {"son", "daughter", "wife", "husband", "brother", "sister", "mother", "father", "nephew", "niece",
             "grandson", "granddaughter", "grandfather", "grandmother", "uncle", "aunt", "cousin", "widow",
             "widower", "stepson", "stepdaughter", "stepfather", "stepmother", "fiance", "fiancee", "fiancé",
             "fiancée"}


def relative_of(word: Token, ctx) -> str | None:
    """Whose relative 'his sons Ali Reza' or 'her brother, Tom Hale,' names: the person named last before
    the sentence's first "his" (or "her", the same word) up to this one ('Ali Khan, 62, his sons …, his
    daughter-in-law …' are both Ali Khan's), written as the article names them there; None when no one is
    named before it in the sentence (a pronoun reaching back across sentences is left alone)."""
    doc, sent = word.doc, ctx.sent(word)
    # "Ali Khan, 62, his sons Reza and Omid, his daughter-in-law Sara": each "his" of a list is the first one's
    i = next(t.i for t in doc[sent.start:word.i + 1] if t.lower_ == word.lower_) - 1
    while i >= sent.start:
        if doc[i].ent_type_ == "PERSON":
            person = ctx.ents.at(i)
            if person is None or person.label_ != "PERSON":
                return None
            name = clean_name(person.text)
            return name if len(name.split()) > 1 or not tokens_are_titles(person) else None
        i -= 1
    return None


def tokens_are_titles(span: Span) -> bool:
    return all(t.text in lexicon.titles() for t in span)


def owner_of(word: Token, ctx) -> Span | None:
    """The named body (an entity of ``BODY_LABELS``) that "its" or "whose" at ``word`` stands for, or None
    (the rules are ``with_owner``'s)."""
    doc, sent = word.doc, ctx.sent(word)
    i = word.i - 1
    if word.lower_ == "whose":
        if i > sent.start and doc[i].text == ",":
            i -= 1
        body = ctx.ents.ending_at(i + 1) if i >= sent.start else None
        return body if body is not None and body.label_ in BODY_LABELS else None
    if i > sent.start and doc[i].text == "," and doc[sent.start].pos_ in ("ADP", "ADV") \
            and not any(t.ent_type_ not in ("", "DATE", "TIME") for t in doc[sent.start:i]):
        return body_of_sentence_before(sent, ctx)  # "In a statement, its …": the sentence opens at "its"
    while i >= sent.start:
        t = doc[i]
        if t.ent_type_:
            body = ctx.ents.at(i)
            return body if body is not None and body.label_ in BODY_LABELS else None
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            return None  # "the company and its chief executive": a body with no name, or another one
        i -= 1
    return body_of_sentence_before(sent, ctx)


def is_outlet(span: Span) -> bool:
    """Whether an entity is a news outlet of the curated lists ("Reuters", "the ABC")."""
    return span.id_.startswith("outlet:") or getattr(
        lexicon.named_index().get(lexicon.strip_the(clean_name(span.text)).lower()), "kind", None) == "outlet"


def named_body_before(word: Token, ctx, depth: int = 0) -> Span | None:
    """The body 'the company's …' or 'the union's …' at ``word`` stands for: the last organisation named
    before it whose name has that noun ("the trust" → "… NHS Foundation Trust"), else the last one named
    before it in its sentence (a news outlet aside: 'told Reuters'), else the one the sentence before is
    about (``body_of_sentence_before``). None when there is none."""
    doc, sent = word.doc, ctx.sent(word)
    # "the trust's medical director" after "… run by South Cheshire Hospitals NHS Foundation Trust": the last
    # body named before whose name has the noun, wherever it was named
    noun = word.lower_
    for body in reversed([e for e in ctx.ents.ents if e.end <= word.i and e.label_ == "ORG"]):
        if noun in body.text.lower().split() and not is_outlet(body):
            return body
    for i in range(word.i - 1, sent.start - 1, -1):
        body = ctx.ents.at(i) if doc[i].ent_type_ == "ORG" else None
        if body is not None and body.label_ == "ORG" and not is_outlet(body):
            return body
    return body_of_sentence_before(sent, ctx, noun=noun, depth=depth)


# how many sentences back "the company" may be followed through "the company said …" to the name
MAX_BODY_CHAIN = 3


def body_of_sentence_before(sent: Span, ctx, noun: str | None = None, depth: int = 0) -> Span | None:
    """The body the sentence before ``sent`` is about: its subject when that is a named body, else its only
    organisation; None otherwise, and for an article's first sentence.

    A subject that is the very noun being resolved (``noun``: "the company said it was working with the FDA"
    before "The company was founded by …"; any body's noun for "its") makes the sentence about that
    unnamed body, not its only named one: the subject is followed back instead (``named_body_before``, at
    most ``MAX_BODY_CHAIN`` sentences), and None when that finds no name."""
    doc = sent.doc
    if sent.start == 0:
        return None
    previous = ctx.sent(doc[sent.start - 1])
    while previous.start > 0 and not any(t.is_alpha for t in previous):
        previous = ctx.sent(doc[previous.start - 1])  # a closing quote the parser left as a sentence of its own
    bodies = [e for e in previous.ents if e.label_ in BODY_LABELS]
    subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    if subject is not None and subject.ent_type_:
        body = ctx.ents.at(subject.i)
        return body if body is not None and body.label_ in BODY_LABELS and not is_outlet(body) else None
    if subject is not None and subject.pos_ == "NOUN" and subject.lower_ in BODY_NOUNS and noun in (None, subject.lower_):
        own = [e for e in bodies if e.label_ == "ORG" and not is_outlet(e)
               and subject.left_edge.i <= e.start and e.end <= subject.right_edge.i + 1]
        if own:
            return own[0]  # "Residents' group Keep Marlow Green said …": the subject's own name
        return named_body_before(subject, ctx, depth + 1) if depth < MAX_BODY_CHAIN else None
    orgs = {e.text for e in bodies if e.label_ == "ORG" and not is_outlet(e)}
    return next(e for e in bodies if e.label_ == "ORG" and not is_outlet(e)) if len(orgs) == 1 else None


def is_town(word: str) -> bool:
    """Whether a capitalised word is the name of a town (``locations.city_index``, GeoNames), so that it
    keeps its capital at the start of a sentence; role words ("Farmer") and portfolios ("Finance") are
    no towns there."""
    from .locations import city_index  # locations reads this module's neighbours; imported when first used

    return word.lower() not in lexicon.person_role_nouns() and word.lower() in city_index()


def shared_title(ent: Span, ctx, start: int) -> str | None:
    """'Commissioners Tom Ridley and Alicia Moreno': a title in the plural before the first of two names
    joined by "and" is the second one's too. Only inside the sentence, and only in the plural."""
    doc, sent = ent.doc, ctx.sent(ent)
    k = start - 1
    if k - 1 <= sent.start or doc[k].lower_ != "and" or doc[k - 1].ent_type_ != "PERSON":
        return None
    first = ctx.ents.at(k - 1)
    if first is None or first.label_ != "PERSON":
        return None
    _, _, first_start = strip_titles(first, ctx)
    if first_start - 1 < sent.start or doc[first_start - 1].tag_ not in ("NNS", "NNPS"):
        return None
    return title_before(first, ctx, first_start)


def apposition_after(ent: Span, ctx) -> str | None:
    """'Mick Mulroy, who is also an ex-CIA officer,' and 'Y, the head of the agency,' → the role."""
    doc, sent = ent.doc, ctx.sent(ent)
    k = ent.end
    while k < sent.end and doc[k].text in POSSESSIVE:
        return None  # "Boehler's work": a possessive, not an apposition
    if k >= sent.end - 1 or doc[k].text != ",":
        return None
    k += 1
    age = None
    if k + 1 < sent.end and doc[k].like_num and doc[k + 1].text == ",":  # "Jane Doe, 45, a teacher,"
        age = doc[k].text if AGE.fullmatch(doc[k].text) else None
        k += 2
    if k < sent.end and doc[k].lower_ in ("and", "or", "but"):
        return age  # "Zara Bibi, 25, and a neighbour, …": the next one in a list, not her role
    if age and k + 1 < sent.end and doc[k].lower_ in ("of", "from"):
        home = hometown(doc, k + 1, sent.end)
        if home is not None:
            return f"{age}, {doc[k].lower_} {home}"  # "Cody Lindqvist, 34, of Mesa,": who he is, as news says it
    if k + 1 < sent.end and doc[k].lower_ == "who" and (home := residence(doc, k + 1, sent.end)) is not None:
        return f"{age}, {home}" if age else home  # "Rosa Delgado, 67, who has lived on Pine Canyon Road,"
    role = _apposition_role(doc, k, sent, ctx)
    # "Tyrell Begay, 41, said …": with no role noun, the age is all the article says of who the person is
    return role if role is not None or age is None else age


# a person's age in years, as news writes it after the name; a role that starts with one is that age
AGE = re.compile(r"(?:1[01][0-9]|[1-9][0-9]?)\b(?![.,]?\d)")


def hometown(doc, start: int, end: int) -> str | None:
    """'Mesa', 'Duluth, Minn.', 'Stamford Road, Kettering', 'River Hébert': where a person is from, after
    "NAME, AGE, of" — one or two runs of capitalised words separated by a comma, ending the apposition
    (a comma, the sentence's end or its full stop). None when anything else follows the words."""
    parts: list[str] = []
    k = start
    while len(parts) < 2:
        first = k
        while k < end and k - first < 4 and doc[k].text[:1].isupper() and (doc[k].is_alpha or doc[k].text.endswith(".")
                                                                          or "-" in doc[k].text):
            k += 1
        if k == first:  # no capitalised word: no town ("of the Bronx" is left alone)
            return None
        parts.append(doc[first:k].text)
        if k >= end or doc[k].text != "," or not (k + 1 < end and doc[k + 1].text[:1].isupper()):
            break
        k += 1
    return ", ".join(parts) if _ends_apposition(doc, k, end) else None


def _ends_apposition(doc, k: int, end: int) -> bool:
    return k >= end or doc[k].text in (",", ".", ";", "—", "–") or "\n" in doc[k].text


def _apposition_role(doc, k: int, sent, ctx) -> str | None:
    """The role an apposition gives from token ``k`` (after the name's comma and any age); one held in a body
    the apposition points back to names it ("the trust's medical director" → "medical director of <the
    trust named before>", ``with_owner``)."""
    if k + 1 < sent.end and doc[k].lower_ == "who":
        k += 1
        while k < sent.end and doc[k].pos_ in ("ADV", "AUX") and doc[k].lemma_ != "be":
            k += 1  # "who has also been"
        if k < sent.end and doc[k].lemma_ == "be":
            k += 1
        elif k + 1 < sent.end and doc[k].pos_ == "VERB" and doc[k + 1].lower_ == "as":
            k += 2  # "who returned as prime minister", "who serves as"
        elif (held := post_held(doc, k, sent.end)) is not None:
            return held  # "who chairs the committee": chair of the committee
        else:
            return None
        while k < sent.end and doc[k].pos_ == "ADV":
            k += 1
    determiner = k < sent.end and doc[k].lower_ in ("a", "an", "the", "its", "his", "her", "their", "our")
    if determiner:
        k += 1
    role = phrase_until_delimiter(doc, k, sent.end, any_noun=determiner)
    return with_owner(role, doc[k], ctx) if role is not None and doc[k - 1].lower_ in ("the", "its") else role


# verbs that say which post someone holds ("X, who chairs the committee,"), in the present, and the noun of
# the post; "founded" is said in the past of a founder still alive
POST_VERBS = {"chair": "chair", "head": "head", "lead": "leader", "direct": "director", "own": "owner",
              "manage": "manager", "coach": "coach", "edit": "editor", "found": "founder", "co-found": "co-founder",
              "represent": "representative"}  # "who represents the Heretaunga ward"


def post_held(doc, k: int, end: int) -> str | None:
    """'who chairs the Senate ethics committee' → 'chair of the Senate ethics committee': a verb of
    ``POST_VERBS`` at ``k`` (present tense; "founded" in the past) whose object is a noun phrase up to the
    clause's end. None for anything else ('who leads a quiet life' has no body: its head must be a
    proper noun or a noun the body lists know, see ``is_body_word``)."""
    verb = doc[k]
    noun = POST_VERBS.get(verb.lemma_.lower())
    if noun is None or not (verb.tag_ == "VBZ" or verb.tag_ == "VBD" and noun.endswith("founder")):
        return None
    tokens: list[Token] = []
    j = k + 1
    while j < end and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PART", "CCONJ") or doc[j].lower_ in (
            "of", "for", "on", "'s", "’s", "-", "&")) and doc[j].lower_ not in ("who", "which", "that"):
        tokens.append(doc[j])
        j += 1
    while tokens and (tokens[-1].pos_ in ("DET", "CCONJ", "ADP", "PART") or tokens[-1].text == "-"):
        tokens.pop()
    if not tokens or tokens[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or not is_body_word(tokens):
        return None
    if j < end and doc[j].text not in (",", ".", ";", ")", "—", "–") and doc[j].lower_ not in ("in", "at", "since") \
            and not (doc[j].pos_ == "VERB" and doc[j - 1].lower_ == "and"):  # "… ward and voted against it"
        return None  # the clause goes on ("who owns shares in …"): no plain object
    return f"{noun} of {doc[tokens[0].i:tokens[-1].i + 1].text}"


# what a residence clause says: "who lives in", "who has lived on" (not "near", "off": "lives off his pension")
RESIDENCE_VERBS = {"live", "reside"}
RESIDENCE_PREPOSITIONS = {"in", "on", "at"}
# words after the place that end the clause without changing what it says ("… on Langley Avenue since 1981")
RESIDENCE_CLAUSE_GOES_ON = {"since", "for", "with", "and", "but"}


def residence(doc, k: int, end: int) -> str | None:
    """'resident of Pine Canyon Road' from the relative clause after a name from token ``k`` (after
    "who"): 'has lived on Pine Canyon Road for three decades', 'lives alone in the hamlet of Higashitoyonaga'.
    The verb in the present or present perfect (someone who "lived" there may have moved), then "in", "on"
    or "at" and a noun phrase that ends with a proper noun: a named place, not "in a tent" or "in a
    Brooklyn flat". None for anything else, and when the clause goes on in some other way."""
    while k < end and (doc[k].pos_ == "ADV" or doc[k].pos_ == "AUX" and doc[k].lemma_ == "have"):
        k += 1  # "who has long lived", "who still lives"
    if k >= end or doc[k].lemma_.lower() not in RESIDENCE_VERBS or not (
            doc[k].tag_ in ("VBZ", "VBP") or doc[k].tag_ == "VBN" and doc[k - 1].lemma_ == "have"):
        return None
    k += 1
    while k < end and (doc[k].pos_ == "ADV" or doc[k].lower_ == "alone"):
        k += 1  # "lives alone in" ("alone" is tagged either way)
    if k >= end or doc[k].lower_ not in RESIDENCE_PREPOSITIONS:
        return None
    first = j = k + 1
    while j < end and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ") or doc[j].lower_ == "of") \
            and doc[j].lower_ not in ("who", "which", "that"):
        j += 1
    if j == first or doc[j - 1].pos_ != "PROPN" or not doc[j - 1].text[:1].isupper():
        return None
    if j < end and doc[j].text not in (",", ".", ";", "—", "–") and doc[j].lower_ not in RESIDENCE_CLAUSE_GOES_ON:
        return None
    return f"resident of {doc[first:j].text}"


def is_body_word(tokens: list[Token]) -> bool:
    """Whether a noun phrase names a body or a place one may hold a post in: a proper noun in it, or a head
    noun that says an organisation (``BODY_NOUNS``, ``GOVERNMENT_BODIES``, "committee", "district")."""
    head = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if not head:
        return False
    return any(t.pos_ == "PROPN" for t in tokens) or head[-1].lemma_.lower() in BODY_NOUNS | GOVERNMENT_BODIES | {
        "committee", "district", "panel", "subcommittee", "division", "unit", "squad", "office", "service", "force",
        "campaign", "delegation", "inquiry", "investigation", "review", "programme", "program", "project", "school",
        "hospital", "clinic", "laboratory", "lab", "centre", "center", "court", "tribunal", "team", "side",
        # a business one owns or runs
        "business", "shop", "store", "restaurant", "farm", "cafe", "café", "pub", "bar", "hotel", "bakery",
        "factory", "salon", "garage", "practice", "studio", "gallery", "mine", "vineyard", "winery", "brewery"}


def phrase_until_delimiter(doc, start: int, end: int, any_noun: bool = False) -> str | None:
    """The role phrase up to the closing comma. With ``any_noun`` ("X, a paediatrician at …") any
    common noun may head it; otherwise its head must be a known role word."""
    tokens: list[Token] = []
    k = start
    skipped = False
    while k < end and len(tokens) <= MAX_APPOSITION_TOKENS:
        t = doc[k]
        if t.text == "(" and tokens:
            # "lead at Climate Action Network (CAN) Europe": a short bracketed aside (an acronym) is left out
            # of the role, which goes on after it; an unclosed or long bracket ends the role
            close = next((j for j in range(k + 1, min(k + 6, end)) if doc[j].text == ")"), None)
            if close is None:
                break
            k, skipped = close + 1, True
            continue
        if t.text in (",", ";", ".", ")", "—", "–", ":") or "\n" in t.text or t.lower_ in ("who", "which", "that") \
                and not t.text.isupper():  # "the WHO’s programme" is no "who" clause
            break  # "a 54-year-old driver who has worked …": the role ends at the clause
        if t.lower_ == "and" and k + 1 < end and doc[k + 1].lower_ in ("a", "an", "the", "his", "her", "its", "their") \
                and any(is_role_head(x) for x in tokens):
            break  # "the managing director of Falasi & Sons and a grandson of its founder": the first role
        if t.tag_ == "VBN" and tokens and is_role_head(tokens[-1]) and t.lower_ not in ("based", "designate"):
            break  # "the Danish striker signed from Aarhus in the summer": the role ends at its head
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and tokens and is_role_head(tokens[-1]) \
                and not any(x.lower_ in ("of", "for", "to", "at", "with", "by") for x in tokens):
            # "Karim Haddad, 70, his wife Leila Haddad, 66,", "Bundesbank President Karl Poehl, French Finance
            # Minister Edouard Balladur": the next person in a list, with that person's role, not this one's
            return None
        mistagged = t.text in POSSESSIVE or (t.text.isupper() and len(t.text) > 1)  # "the WHO’s programme"
        if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") and not mistagged and \
                not (t.tag_ in ("VBN", "VBG") and (tokens or any_noun)):  # "a retired teacher"
            return None
        tokens.append(t)
        k += 1
    else:
        # the sentence may end inside an abbreviation that holds its full stop ("… of Acme Ltd."); a role
        # that runs past its length limit is no role
        if k < end or not tokens or not tokens[-1].text.endswith("."):
            return None
    while tokens and tokens[-1].lower_ in NP_INNER | {"the", "a", "an"}:
        tokens.pop()
    # "an economist at Bank Mandala in Jakarta": the town of the place of work is not part of the role
    if len(tokens) > 2 and any(t.lower_ in ("at", "of") for t in tokens[:-2]):
        place = next((j for j in range(len(tokens) - 1, 0, -1) if tokens[j - 1].lower_ == "in"), None)
        if place is not None and all(t.ent_type_ in ("GPE", "LOC") for t in tokens[place:]) \
                and any(t.lower_ in ("at", "of") for t in tokens[:place - 1]):
            tokens = tokens[:place - 1]
    if not tokens or tokens[0].ent_type_ == "PERSON" and not any(t.text in POSSESSIVE for t in tokens[1:5]):
        return None  # the next person of a list; not "Rachel Amsel, Hartwell's chief financial officer,"
    core = [t for t in tokens[:next((j for j, t in enumerate(tokens) if t.pos_ == "ADP"), len(tokens))]]
    head_ok = any(is_role_head(t) for t in tokens) or (any_noun and core and core[-1].pos_ == "NOUN")
    if not head_ok:
        return None
    if skipped:
        return "".join(t.text_with_ws for t in tokens).strip()
    return doc[tokens[0].i:tokens[-1].i + 1].text


def apposition_before(ent: Span, ctx, start: int | None = None) -> str | None:
    """'The special envoy for hostages, Adam Boehler' and 'the minister, Y,' → the role; 'The acting CEO
    of Brightwater, Dr Felix Ormond,' too: ``start`` is where the name's own titles begin."""
    doc, sent = ent.doc, ctx.sent(ent)
    i = (ent.start if start is None else start) - 1
    if i <= sent.start or doc[i].text != ",":
        return None
    i -= 1
    tokens: list[Token] = []
    while i >= sent.start and len(tokens) < MAX_ROLE_TOKENS:
        t = doc[i]
        if "\n" in t.text:
            break
        if t.ent_type_ == "PERSON":
            if not (tokens and tokens[0].text in POSSESSIVE):
                break
            owner = ctx.ents.at(i)  # "Benjamin Netanyahu’s spokesman"
            tokens[:0] = list(doc[owner.start:i + 1])
            i = owner.start - 1
            continue
        if t.text == ")" and not tokens:
            # "The Executive Director of the Environmental Protection Agency (EPA), Dr Jo Roe": the
            # initials in brackets at the end of the role stay in it
            opening = next((j for j in range(i - 1, max(sent.start, i - 6) - 1, -1) if doc[j].text == "("), None)
            if opening is None or opening == sent.start:
                break
            tokens[:0] = list(doc[opening:i + 1])
            i = opening - 1
            continue
        if t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.lower_ in NP_INNER | {"in"} or t.text in POSSESSIVE \
                or t.lower_ in ROLE_MODIFIERS or t.tag_ == "VBG" and tokens and tokens[0].pos_ == "NOUN" or (
                t.pos_ == "DET" and i > sent.start and doc[i - 1].lower_ in ("of", "for", "on", "at")):
            tokens.insert(0, t)
            i -= 1
            continue
        break
    at_boundary = i < sent.start or doc[i].pos_ in ("DET", "ADP", "PUNCT", "CCONJ") or doc[i].lower_ in (
        "said", "says") or (doc[i].pos_ == "PRON" and doc[i].dep_ == "poss")
    while tokens and (tokens[0].lower_ in NP_INNER | {"in", "one"} or tokens[0].text in POSSESSIVE):
        tokens.pop(0)  # "One witness, Jo Roe,": a witness
    if not tokens or not at_boundary:
        return None
    def head_before_preposition(inside_names: bool) -> Token | None:
        # the head is the last noun before the first "of"/"for" ("army spokesman in Ituri"); failing that, not
        # counting one inside a body's name ("a Bank of England deputy governor")
        core = []
        for t in tokens:
            if t.lower_ in ("of", "for", "on", "at", "in") and not (inside_names and t.ent_type_ in ("ORG", "GPE", "FAC")):
                break
            core.append(t)
        return core[-1] if core else None

    if not any(head is not None and is_role_head(head) for head in (head_before_preposition(False),
                                                                     head_before_preposition(True))):
        return None
    return with_owner(doc[tokens[0].i:tokens[-1].i + 1].text, tokens[0], ctx)


def government_bodies(ctx) -> list[Mention]:
    """'Chile’s foreign ministry', 'the UK government', 'the Georgian interior ministry': bodies with no name."""
    out = []
    doc = ctx.doc
    for token in index.tokens(doc, lambda w: w.lower() in GOVERNMENT_BODIES):
        if token.lower_ not in GOVERNMENT_BODIES or token.ent_type_ or token.pos_ not in ("NOUN", "PROPN") \
                or ctx.in_credits(token) or token.text[:1].isupper() and not token.is_sent_start:
            continue
        start = token.i
        while start > 0 and (doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i in range(start, token.i + 1)
                             and doc[start - 1].pos_ in ("NOUN", "ADJ", "PROPN")
                             or doc[start - 1].text in POSSESSIVE and start > 1 and doc[start - 2].ent_type_ in ("GPE", "NORP")):
            start -= 1
            if doc[start].text in POSSESSIVE:
                start -= 1
                while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
                    start -= 1
        if start == token.i:
            continue
        modifiers = doc[start:token.i]
        national = any(t.ent_type_ in ("GPE", "NORP") for t in modifiers)
        departmental = token.lemma_.lower() == "ministry" and any(t.lower_ in GOVERNMENT_MODIFIERS for t in modifiers)
        if token.tag_ == "NNS" or not (national or departmental):
            continue  # "regional governments", "the largest local authority": not one body
        span = doc[start:token.i + 1]
        out.append(Mention(span, clean_name(span.text), "organisation", canonical=body_key(span)))
    return out


def body_key(span: Span) -> str:
    """'Georgia’s government' and 'the Georgian government' are one body."""
    words = []
    for t in span:
        if t.text in POSSESSIVE:
            continue
        country = lexicon.country_index().get(t.lower_) or _country_of_demonym(t.lower_)
        words.append(country.name if country else t.lower_)
    return " ".join(words)


def _country_of_demonym(word: str):
    for country in lexicon.countries():
        if word in {d.lower() for d in country.demonyms}:
            return country
    return None


GOVERNMENT_MODIFIERS = {"foreign", "interior", "defence", "defense", "health", "finance", "justice", "education",
                        "transport", "energy", "economy", "trade", "home", "environment", "agriculture", "labour",
                        "labor", "local", "regional", "federal", "national", "state", "military", "electoral",
                        "communications", "culture", "security", "information"}


def normalise_role(role: str) -> str:
    """Abbreviations with a full stop written out ("Sgt." → "Sergeant"; ranks in ``data/ranks.txt`` are
    written out where they are matched, as "DC" is also a place), an age taken off ("54-year-old teacher")."""
    phrases = lexicon.title_phrases()
    words = [ABBREVIATIONS.get(w) or (phrases.get((w,)) if w.endswith(".") else None) or w for w in role.split()]
    role = " ".join(words)  # "RCMP Cpl." → "RCMP Corporal" (ranks.txt's abbreviations with a full stop too)
    return re.sub(r"^\d+-year-old\s+", "", role)


def merge_roles(roles: list[str]) -> list[str]:
    """Keep distinct roles in order; drop one whose words all appear in a longer one.

    A role seen before is skipped at once (what it says is already kept, in it or in a longer role
    that replaced it), so an actor given the same role at each of many mentions costs one look-up
    per mention, not a comparison with every role kept.
    """
    out: list[tuple[str, set[str]]] = []
    seen: set[str] = set()
    for role in map(normalise_role, roles):
        if role in seen:
            continue
        seen.add(role)
        words = set(role.lower().split())
        if any(words <= kept for _, kept in out):
            continue
        out = [(o, kept) for o, kept in out if not kept <= words]
        out.append((role, words))
    # an age and home town ("66", "34, of Mesa") says who someone is only when no mention gives a role
    described = [o for o, _ in out if not AGE.match(o)]
    return described or [o for o, _ in out]


def name_words(name: str) -> list[str]:
    """A person's name in words, without what follows the surname ("Robert F. Kennedy Jr." → Robert, F.,
    Kennedy): nameparser's suffixes ("Jr", "Sr", "III"), so that "Kennedy" joins the full name."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".,").lower() in lexicon.name_suffixes():
        words.pop()
    return words


def bare_surname(word: str) -> str:
    """'al-Assad' → 'Assad': a surname without the particle written onto it with a hyphen."""
    head, dash, rest = word.partition("-")
    return rest if dash and rest[:1].isupper() and head.lower() in lexicon.hyphen_particles() else word


# lower-case words that go on a run of particles once it has started, though alone they are everyday
# words (``lexicon.NOT_PARTICLES``): "De los Santos", "Nic an tSaoir", "Mac an Bhaird"
INNER_PARTICLES = {"los", "las", "an", "na"}


def is_particle(word: str, inner: bool = False) -> bool:
    """Whether a word of a name is a name particle: lower-case from nameparser's prefixes ("van", "bin",
    "de"), or capitalised from ``lexicon.capital_particles`` ("Nic", "Te", "Delos", "Van"); ``inner``: the
    word comes after another particle, so "los" and "an" count too."""
    return word.lower() in lexicon.name_particles() or word in lexicon.capital_particles() \
        or word.lower() in BETWEEN_PARTICLES or inner and word.lower() in INNER_PARTICLES


def surname_of(words: list[str]) -> str | None:
    """The surname with its particles, when it has some: "Osama bin Laden" → "bin Laden", "Ursula von der
    Leyen" → "von der Leyen", "Caoimhe Nic Giolla Bhríde" → "Nic Giolla Bhríde", "Hemi Te Rangi-Walker" →
    "Te Rangi-Walker" (the short form an article uses for the person). None without particles."""
    for i in range(1, len(words) - 1):
        if is_particle(words[i]) and all(is_particle(w, inner=True) for w in words[i + 1:-1]):
            return " ".join(words[i:])
    return None


def nicknames_of(words: list[str]) -> list[str]:
    """The nickname written in quotes inside a name ('Ramon "Monching" Cruz' → ["Monching"]), which the
    article may use alone for the person; [] without one."""
    text = " ".join(words[1:-1])
    return [m.strip() for m in re.findall(r'["“”]([^"“”]+)["“”]', text) if m.strip()]


def folded_title(role: str) -> str:
    """A title or role as ``link._titles_of`` compares them: lower case, no full stops ('Mrs.' → 'mrs')."""
    return " ".join(role.lower().replace(".", "").split())


def sex_title_before(span: Span) -> list[str]:
    """The man's or woman's title written right before a name ('First Lady Michelle Obama', 'Mrs. Obama'),
    folded, as a one-item list; empty without one. The model often leaves 'First' out of the name as an
    ordinal, so the title is never among the name's stripped roles."""
    from ..link import FEMALE_TITLES, MALE_TITLES

    doc = span.doc
    for k in (2, 1):
        if span.start - k >= 0:
            words = folded_title(doc[span.start - k:span.start].text)
            if words in MALE_TITLES | FEMALE_TITLES:
                return [words]
    return []


def title_contradicts(short: list[str], full: list[str]) -> bool:
    """Whether a surname's titles (``folded_title``) say it is not the person of the full name inside one
    article: a man's honorific against a woman's ('Mr' / 'Mrs', 'First Lady'), or an office the full name
    does not hold when either side carries a sex ('President Obama' beside 'First Lady Michelle Obama').
    Without a sex on either side an office alone contradicts nothing here ('President Trump' after
    'Donald Trump, the businessman' is one man): roles are read loosely from one article's wording."""
    from ..link import FEMALE_TITLES, MALE_TITLES, _title_conflict  # link needs no spaCy; imported late

    def sexed(titles: list[str]) -> bool:
        return any(t.split()[0] in MALE_TITLES | FEMALE_TITLES or "first lady" in t for t in titles if t.split())

    return (sexed(short) or sexed(full)) and _title_conflict(short, full)


def group(mentions: list[Mention]) -> list[list[Mention]]:
    """Cluster mentions into entities, in order of first appearance.

    Each mention is matched against the article's names through look-ups built once (by surname, by
    forename, by initials, by where a name ends): trying every name for every mention made a long
    article quadratic. Where several names qualify, the look-ups keep them in the order they were tried.
    """
    groups: list[list[Mention]] = []
    persons = [m for m in mentions if m.type == "person"]
    full_names = sorted({m.name for m in persons if len(m.name.split()) > 1}, key=lambda n: -len(n.split()))
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    by_both: dict[tuple[str, str], list[str]] = {}
    by_surname: dict[str, list[str]] = {}  # "bin laden" → ["Osama bin Laden"]
    by_inner: dict[str, list[str]] = {}  # "Azlan" → ["Mohd Azlan Hashim"]: a word between the first and the last
    for n in full_names:
        words = name_words(n)
        for w in words[1:-1]:
            if w[:1].isupper() and not is_particle(w, inner=True):
                by_inner.setdefault(w, []).append(n)
        by_last.setdefault(words[-1], []).append(n)
        bare = bare_surname(words[-1])
        if bare != words[-1]:
            by_last.setdefault(bare, []).append(n)  # "Assad" for "Bashar al-Assad"
        by_first.setdefault(words[0], []).append(n)
        for nick in nicknames_of(words):
            by_first.setdefault(nick, []).append(n)  # "Nila" for 'Leonila "Nila" Abad-Alba'
        by_both.setdefault((words[0], words[-1]), []).append(n)
        surname = surname_of(words)
        if surname is not None:
            by_surname.setdefault(surname.lower(), []).append(n)
    starts_of: dict[str, list[int]] = {n: [] for n in full_names}  # a full name → where it is mentioned
    titles_of: dict[str, list[str]] = {n: [] for n in full_names}  # a full name → its titles and roles, folded
    for p in persons:
        if p.name in starts_of:
            starts_of[p.name].append(p.span.start)
            titles_of[p.name].extend([*(folded_title(r) for r in p.roles), *sex_title_before(p.span)])
    mentioned: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (how, word) → mentions of those full names
    # surnames that a titled short form contradicts for every full name of that surname ('President Obama'
    # beside only 'First Lady Michelle Obama'): a bare 'Obama' there may be either person, so it joins neither
    contested: set[str] = set()
    for p in persons:
        words = name_words(p.name)
        mine = [*(folded_title(r) for r in p.roles), *sex_title_before(p.span)]
        candidates = by_last.get(words[0], []) if len(words) == 1 else []
        if mine and candidates and all(title_contradicts(mine, titles_of[n]) for n in candidates):
            contested.add(words[0])

    def latest_before(how: str, word: str, candidates: list[str], start: int) -> str | None:
        """The full name among ``candidates`` mentioned last before token ``start``."""
        if (how, word) not in mentioned:
            mentioned[(how, word)] = sorted((s, n) for n in set(candidates) for s in starts_of[n])
        found = mentioned[(how, word)]
        k = bisect_left(found, (start,)) - 1
        return found[k][1] if k >= 0 else None

    def person_key(m: Mention) -> str:
        words = name_words(m.name)
        surnamed = by_surname.get(m.name.lower())  # "bin Laden", "Von der Leyen"
        if surnamed and m.name not in surnamed:
            if len(set(surnamed)) == 1:
                return surnamed[0]
            return latest_before("surname", m.name.lower(), surnamed, m.span.start) or m.name
        if len(words) == 1:
            if words[0] not in by_last and bare_surname(words[0]) in by_last:
                words = [bare_surname(words[0])]  # "Al-Thani" for "Hamad al-Thani", at a sentence's start
            how = "last" if words[0] in by_last else "first"
            candidates = by_last.get(words[0]) or by_first.get(words[0]) or []
            mine = [*(folded_title(r) for r in m.roles), *sex_title_before(m.span)]
            if not mine and words[0] in contested:  # a bare "Obama" beside a President Obama kept apart
                return m.name
            if mine and candidates:  # "President Obama" is not "First Lady Michelle Obama": it stays apart
                candidates = [n for n in candidates if not title_contradicts(mine, titles_of[n])]
                if not candidates:
                    return m.name
            if len(candidates) == 1:
                return candidates[0]
            if candidates:  # ambiguous surname: the most recent full mention before it
                return latest_before(how, words[0], candidates, m.span.start) or m.name
            inner = set(by_inner.get(words[0], ()))
            titled = bool(mine) or m.span.text.split()[0] != words[0]  # "Datuk" before the name
            if titled and len(inner) == 1:
                # "Datuk Azlan" after "Datuk Mohd Azlan Hashim": a titled short form by the given name after a
                # prefix ("Mohd", "Muhammad"), the way Malay names are shortened; one full name only
                return next(iter(inner))
            return m.name
        for n in by_both.get((words[0], words[-1]), ()):  # "Donald J. Trump" and "Donald Trump"
            if n != m.name and len(n) > len(m.name):
                return n
        return m.name

    orgs = [m for m in mentions if m.type == "organisation"]
    org_names = {m.canonical or m.name for m in orgs}
    orgs_by_last: dict[str, list[str]] = {}
    companies_by_first: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    by_core: dict[str, list[str]] = {}  # a company's name without its legal form → the names with one
    for other in org_names:
        if " " in other:
            orgs_by_last.setdefault(other.split()[-1], []).append(other)
            if other.split()[-1].lower() in COMMERCIAL_SUFFIXES:
                companies_by_first.setdefault(other.split()[0], []).append(other)
        core = other.split()
        while len(core) > 1 and core[-1].lower() in LEGAL_FORMS:
            core = core[:-1]
        if len(core) > 1 and len(core) < len(other.split()):
            by_core.setdefault(" ".join(core), []).append(other)  # "Tamura Denki" for "Tamura Denki Co."
        initials = "".join(w[0] for w in other.split() if w.lower() not in ("of", "the", "and", "for"))
        by_initials.setdefault(initials.upper(), []).append(other)
    org_ending_at = {o.span.end: o for o in orgs}  # the last one in the list wins, as when read backwards
    # "National Institute of Civil Defence (Indeci)", then "Indeci said": a short name defined in brackets
    # right after a body's name is that body there and wherever else the article uses it, capitals or not
    # also one defined by "known as" ("the California Department of Forestry and Fire Protection, known as Cal Fire")
    defined: dict[str, str] = {}
    org_spans_ending_at = {end: m.span for end, m in org_ending_at.items()}
    for o in orgs:
        if o.span.start > 1 and o.span.doc[o.span.start - 1].text == "(":
            previous = org_ending_at.get(o.span.start - 1)
        else:
            named = named_before_known_as(o.span.doc, o.span.start, org_spans_ending_at)
            previous = org_ending_at.get(named.end) if named is not None else None
        if previous is not None and previous is not o:
            defined.setdefault(o.canonical or o.name, (previous.canonical or previous.name).lower())

    def org_key(m: Mention) -> str:
        name = m.canonical or m.name
        if " " not in name and name not in STANDALONE_BODIES:
            # "the Authority" after "the Palestinian Authority"; "Norvane" after "Norvane Systems"
            longer = orgs_by_last.get(name) or companies_by_first.get(name) or []
            if len(longer) == 1:
                return longer[0].lower()
        if name in defined:
            return defined[name]
        if len(by_core.get(name, ())) == 1:
            return by_core[name][0].lower()
        if name.isupper() and 2 <= len(name) <= 6:
            for other in by_initials.get(name, ()):
                if other != name:
                    return other.lower()
        return name.lower()

    index: dict[tuple[str, str], int] = {}
    for m in mentions:
        key = (m.type, person_key(m) if m.type == "person" else org_key(m))
        if key not in index:
            index[key] = len(groups)
            groups.append([])
        groups[index[key]].append(m)
    for members in groups:
        canon = next((m.canonical for m in members if m.canonical), None)
        if canon:
            for m in members:
                m.canonical = canon
    return groups
