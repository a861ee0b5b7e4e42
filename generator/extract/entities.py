"""Repair the small model's entity spans and labels with article-level evidence, before extraction.

The model labels each mention on its own; an article gives more to go on. Rules here:

* trim possessives, a leading "the" and trailing punctuation off spans;
* join a nationality to the organisation that follows it ("Palestinian" + "Authority");
* a name in our country/region tables is a place, whatever the model said;
* names ending in a company word ("… Commodities", "… Holdings") are organisations,
  names ending in a facility word ("… Airport", "… Air Base") are facilities;
* a mention that shares a surname with a person in the same article is that person,
  and one whose first word is a common given name is a person;
* a city the model labelled as an organisation or a person is a place when the words before it
  say so ("in Cork", "residents of Bath", "flights to Tromsø", "bound for Lyon"; ``data/place_cues.txt``),
  and so is a city or county joined to a place by "and" or in a list ("Limerick and Bath", "Marseille,
  Lyon and Geneva"), a county after a town and a comma ("Boston, Lincolnshire"), a name whose apposition
  calls it a place ("Tandoru, a fishing village on the coast"), a river, lake or creek by its own words
  ("the River Witham", "Smith Creek"), a venue before its noun ("Pilgrim hospital", "the X arena"), and a
  town whose name starts with a city's ("London Colney"); "Operation X" is an operation, no place;
* a town between "a"/"an" or a number and a person noun is where the person is from ("A St Albans man",
  ``town_before_person_noun``), and a town of any size after a place cue is a place when the article names
  its country or one of its regions ("a news conference in Thompson" in a Manitoba story); "X station" is
  a facility only after a place word ("at Flinders Street station"), never a broadcaster's ("a Sydney radio
  station");
* a name right after an office title or rank is a person, never a place ("President Alejandro Toledo");
* a one-word name no gazetteer knows, after an owner's word ("owner of Lumora and Skyvane", "founded
  Velmora"), is a company in every mention ("Lumora declined to comment"), not a place or a person;
* a name particle ("von der", "dos", "bin", "al-"; with a capital "Nic", "Mac", "Te", "Delos") stays inside the
  person's name the model cut around it, and so do a double-barrelled surname's second part ("Te Whata" +
  "-Clarke"), a nickname in quotes ('Rodrigo "Digong" Salcedo') and initials ("P. Lakshmi"); a role word
  run into a name comes off ("Spokesperson Thandeka Mokoena"), and a given name and surname the model saw
  nowhere are a person in an apposition (", Thabo Mkhize,") or when the surname comes again;
* a capitalised role run into the name after it ("Former minister for Women and Equalities Naomi
  Castellane") is cut off: the name is a person, the body after "of" stays one, a portfolio after "for" goes;
* a place-like mention that starts an organisation's name ("Northfield" for
  "Northfield Metals") is that organisation;
* "X and Co (Inc)" is one name, and a legal form alone ("Co", "Co Inc") is never an entity; a law's last
  word the model cut off ("Data Protection" + "Bill") joins it as one LAW span;
* a list's number at a line's start and a possessive left at a span's start are not part of the name;
* a surname the article gave a person is that person even where it speaks ("Ferrand said"), and a name
  followed by a capitalised role (", Country Manager at …") is a person;
* a body the model cut is made whole (``joined_bodies``): at "and" ("Tennessee Bomb and Arson Section"), at
  its portfolios' commas ("X Electricity, Water and Gas Authority"), a place and the head word after it
  ("Maury County Sheriff's Office"), a service noun and a nation ("Water UK"), call letters and a channel
  ("WKRT News 4"), "PT" and an Indonesian company; a body's unit after its possessive is a second body;
* initials are a body when they speak or stand before "militia", in every mention, and no body as a common
  noun, a unit, a spelled-out lower-case term or a title (``initials_of_no_body``); a capitalised common noun
  opening a sentence that the article also writes in lower case, and an office before its holder, are none;
* in a match report a club named after its town is the club, and a score is no part of a name
  (``clubs_in_match_reports``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicon
from . import index

POSSESSIVE = {"'s", "’s", "'", "’", "’S", "'S"}
ORG_SUFFIXES = {"homes", "builders", "construction", "contractors", "developers", "engineering", "logistics",
                "properties", "estates", "ventures", "enterprises", "investments", "securities", "municipality",
                "inc", "inc.", "ltd", "ltd.", "plc", "corp", "corp.", "corporation", "company", "co", "co.", "group",
                "holdings", "partners", "capital", "resources", "metals", "mining", "minerals", "commodities",
                "energy", "bank", "motors", "airlines", "airways", "media", "technologies", "labs", "systems",
                "industries", "pharmaceuticals", "foundation", "institute", "university", "college", "council",
                "party", "union", "association", "federation", "committee", "commission", "agency", "ministry",
                "department", "authority", "services", "trust", "fund", "club", "fc", "ag", "sa", "gmbh", "llc",
                "water", "gas", "power", "electric", "electricity", "rail", "railways", "mail", "telecom",
                "telecoms", "foods", "steel", "oil", "petroleum", "chemicals", "insurance", "pharma", "network",
                "networks", "post", "airport", "bancorp", "brands", "entertainment", "studios", "motor",
                "schools",  # "Maury County Schools": a school district's body
                # trade words more companies end in ("Brightfold Renewables", "Kestrel Realty")
                "renewables", "realty", "developments", "infrastructure", "utilities", "solutions", "consulting",
                "consultants", "software", "robotics", "therapeutics", "biosciences", "semiconductors", "shipping",
                "freight", "aviation", "hotels", "resorts", "textiles", "polymers", "packaging", "cement",
                "fertilisers", "fertilizers", "beverages", "breweries", "plastics", "healthcare", "diagnostics",
                "automotive",
                # the same trade words in the languages companies keep in their names ("Norrvatten Industri")
                "industri", "industrie", "industria", "industrias", "gruppen", "gruppe", "groupe", "grupo", "werke"}
COMMERCIAL_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "plc", "corp", "corp.", "corporation", "holdings", "partners",
                       "capital", "resources", "metals", "mining", "minerals", "commodities", "energy", "motors",
                       "airlines", "airways", "technologies", "labs", "systems", "industries", "pharmaceuticals",
                       "llc", "gmbh", "ag", "sa", "group", "co", "co.", "company"}
FACILITY_SUFFIXES = {"airport", "base", "port", "harbour", "harbor", "station", "bridge", "stadium", "arena", "dam",
                     "crossing", "mine", "plant", "prison", "terminal", "refinery", "reactor", "pipeline", "hospital",
                     "telescope", "observatory", "courthouse", "stand", "grandstand", "pavilion"}  # "the Clem Jones Stand"
CORPORATE_CONTEXT = {"shares", "stock", "ceo", "cfo", "shareholders", "subsidiary", "revenue", "earnings"}
NATURAL_FEATURES = {"desert", "mountains", "peninsula", "strait", "sea", "lake", "river", "valley", "plateau",
                    "glacier", "basin", "delta", "canyon", "gulf", "islands", "archipelago", "creek", "stream", "brook",
                    "gorge", "lagoon", "estuary", "reef", "volcano"}
NATURAL_PREFIXES = {"river", "lake", "loch", "lough", "mount"}  # "the River Witham", "Lake Biwa"
OF_FEATURES = {"strait", "straits", "gulf", "bay", "sea", "isle", "isles"}  # "the Strait of Messina", "Isle of Man"
CLUB_SUFFIXES = {"city", "united", "rovers", "wanderers", "athletic", "albion", "hotspur", "fc", "county"}
LOCATIVE = {"in", "at", "near", "from", "to", "across", "outside", "around", "into", "of", "towards", "toward",
            "through", "via", "inside", "throughout", "between", "and", ","}
PLACE_SUFFIXES = {"street", "road", "avenue", "square", "bay", "springs", "state", "park", "lane", "island", "heights",
                  "islands", "river", "valley", "county", "city", "town", "village", "beach", "hill", "hills"}
LEGAL_FORMS_IN_BRACKETS = {"pty", "pvt", "private", "proprietary"}
FACILITY_PREFIXES = {"court", "port", "fort", "camp", "mount", "estadio", "estádio", "stade", "stadio", "stadion",
                     "aeropuerto", "aeroporto", "aéroport", "hospital"}
NOT_NAMES = {"AI", "LNG", "GDP", "CEO", "CFO", "COO", "MEP", "MEPs", "MP", "MPs", "PM", "TV", "IPO", "EV", "EVs",
             "DNA", "HIV", "PFAS", "CO2", "ESG", "VAT", "SUV", "GMO",  # capitalised words the model takes for bodies
             "GP", "GPs",  # a family doctor ("a GP surgery"), like "MP"
             "MCA", "MCAs", "MLA", "MLAs", "MPP", "MPPs", "MSP", "MSPs", "TD", "TDs",  # members of assemblies
             "Brexit",  # an event, no one's name
             "CCTV",  # closed-circuit cameras ("CCTV footage showed"); the lists leave the broadcaster out for this
             "AG", "DA"}  # an office's holder ("the AG's office": the attorney general's), not a named body
NOT_NAMES |= set(lexicon._lines("not_names.txt"))  # family words, hospital wards, storm ratings
# verbs after a sentence's first word that report a quantity ("Turnout was 68 per cent", "Output fell 3%"): a
# lone capitalised word before one and a number, no person of the article's, is a common noun (``relabel``)
NUMBER_VERBS = {"be", "rise", "fall", "reach", "stand", "top", "hit", "drop", "climb", "increase", "decrease", "dip",
                "jump", "slip", "edge", "surge", "plunge"}
CHANNEL_WORDS = {"radio", "channel", "tv", "television", "news", "fm", "am"}  # "BBC Radio 4", "Channel 4", "Seven News 7"
BENCHMARK_NOUNS = {"crude"}  # after a benchmark's name ("Brent crude"): a price, not a place's or a person's name
# a street's last word, capitalised; not the ones that are also surnames or a charity's name ("Lane", "Way"),
# which ``locations.ROAD_WORDS`` adds where a place cue is already there
STREET_ENDS = {"Road", "Street", "Avenue", "Highway", "Boulevard", "Parkway", "Turnpike", "Pike", "Drive"}
# last words of a place named after a person ("Nelson Mandela Bay"), from three words up ("Michael Bay" is a man)
NAMED_PLACE_ENDS = {"bay", "street", "road", "avenue", "square", "boulevard", "bridge", "drive"}
TIME_ZONES = {"GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "IST", "JST", "AEST", "AEDT"}


def fix_entities(doc: Doc) -> Doc:
    spans = [t for ent in doc.ents for part in split_span(ent) for t in split_at_place(part)]
    from .locations import city_index, named_place_spans  # locations imports this module's lists
    from .noun_adjuncts import adjunct_names  # so do place_slots and noun_adjuncts
    from .place_slots import slotted_places

    spans = named_place_spans(doc, spans)  # "X's Bay", "Co Wicklow": one place's name, before any other rule
    spans = titled_names(doc, spans)
    spans = join_and_the_body(doc, [s for s in (trim(s) for s in spans) if s is not None])
    spans = given_name_before_body(doc, spans)
    spans = role_word_first(doc, join_initials(doc, join_hyphen_surname(doc, join_nickname(doc, spans))))
    spans = unlabelled_names(doc, spans)
    spans = join_place_particle(doc, club_prefix(doc, join_hyphen_given_name(doc, spans)))
    spans = join_law_word(doc, join_and_co(doc, spans))
    spans = role_before_name(doc, join_particles(doc, given_name_before(doc, join_post_nominals(doc, spans))))
    spans = name_after_given_name(doc, spans)
    spans = employer_before_role(doc, spans)
    spans = surname_again(doc, spans)
    spans = join_nationality_to_org(doc, spans)
    countries = {lexicon.country_index()[k].code for s in spans
                 if (k := lexicon.strip_the(s.text).lower()) in lexicon.country_index()}
    spans = joined_bodies(doc, spans)  # after the countries: "Water UK" still says the article is British
    spans = defined_bodies(doc, spans)
    spans = bodies_of_places(doc, spans)
    # "Brandt and Callum" + "Reddish": a given name the model took for a body, with a capitalised word after it
    # that it left out, is the start of a person's name and no body. Dropped, not made a person: the person
    # rules are another helper's (a person found here would also want a role the text does not give)
    covered = {i for s in spans for i in range(s.start, s.end)}
    spans = [s for s in spans if not (
        s.label_ == "ORG" and len(s) == 1 and not s.id_ and lexicon.is_first_name(s.text) and s.end < len(doc)
        and s.end not in covered and doc[s.end].pos_ == "PROPN" and doc[s.end].is_alpha
        and doc[s.end].text[:1].isupper() and doc[s.end].text[1:].islower() and not doc[s.end].is_sent_start
        and doc[s.end].lower_ not in ORG_SUFFIXES | PLACE_SUFFIXES | BODY_END_WORDS)]
    # a first pass on the span alone, so that what the article says about names rests on repaired labels
    first = {id(s): relabel(s, set(), set(), {}, countries) for s in spans}
    # a name the first pass took from the model's person to a body on its context ("the developer, Harcastle
    # Homes,") gives no surname or given name to the article's people: its other mentions ("A Harcastle Homes
    # spokesperson") are the same body, and say so below
    renamed = {s.text for s in spans if s.label_ == "PERSON" and first[id(s)] == "ORG"}
    people = [s for s in spans if first[id(s)] == "PERSON" and s.text not in renamed]
    person_surnames = {s[-1].text for s in people if len(s) > 1}
    person_surnames |= {s[-1].text for s in people if len(s) == 1 and s.start > 0 and doc[s.start - 1].text in lexicon.titles()}
    person_forenames = {s[0].text for s in people if len(s) > 1}
    # 'Rodrigo "Digong" Salcedo': the nickname alone ("Digong told reporters") is that person too
    person_forenames |= {t.text for s in people if len(s) > 3 for t in s[2:-1] if doc[t.i - 1].text in NICK_OPEN}
    org_heads = {s[0].text: s for s in spans if first[id(s)] == "ORG" and len(s) > 1 and s[-1].lower_ in COMMERCIAL_SUFFIXES}
    # "Corvane shares fell", "Corvane CEO Anjali Raman": a one-word name with shares or a chief executive is a company
    words = index.words(doc)
    with_shares = {w for w, after in zip(words, words[1:]) if w[:1].isupper() and after.lower() in CORPORATE_CONTEXT}
    companies = {s.text for s in spans if len(s) == 1 and first[id(s)] == "PERSON" and s.text in with_shares
                 and not lexicon.is_first_name(s.text)}
    # "Activision Blizzard (NASDAQ:ATVI)", "Anheuser-Busch Cos <BUD.N>": a name with a stock ticker is a
    # company in every mention of the article, whatever the model said of each
    text = index.text(doc)
    listed = {s.text for s in spans if TICKER.match(text, s.end_char)}
    # "owner of Lumora and Skyvane": names no gazetteer knows, after an owner's word, are companies
    owned = {s.text for s in owned_names(doc, spans) if s.text not in person_surnames | person_forenames}
    dateline_end = dateline_length(doc)
    if dateline_end and not any(s.start == 0 for s in spans):
        k = 0  # "PESHAWAR, Pakistan, Aug 3 (Reuters) -" with the capitals unlabelled: the place all the same
        while k < dateline_end and doc[k].is_upper and (doc[k].is_alpha or doc[k].text in (".", "-", "'")):
            k += 1
        if k and doc[k].text in (",", "(", "-", "–", "—") and doc[:k].text.replace(" ", "").isalpha():
            spans = [Span(doc, 0, k, label="GPE"), *spans]
    spans = dateline_capitals(doc, spans, dateline_end)
    fixed = []
    dropped: list[Span] = []  # spans ``relabel`` found to be no name at all, on their own
    acting: set[str] = set()
    for span in spans:
        if span.end <= dateline_end and span.text.isupper() and len(span.text) > 2 and span.label_ != "ORG" \
                or span.end <= dateline_end and span.text.isupper() and len(span) == 1 and span.label_ == "ORG" \
                and not span.id_:
            label = "GPE"  # "JOHANNESBURG, May 29 (Reuters) -": the dateline's place
        else:
            label = relabel(span, person_surnames, person_forenames, org_heads, countries)
            if label == "PERSON" and (span[0].text in companies and span[0].text not in person_surnames
                                      or span.text in listed):
                label = "ORG"
            if label in ("GPE", "LOC", "PERSON") and span.text in owned and not span.id_:
                label = "ORG"  # "Lumora declined to comment" after "owner of Lumora": the company, not a person
        if label is None:
            dropped.append(span)
            continue
        if span.label_ in ("GPE", "PERSON") and label == "ORG" and not span.id_:
            acting.add(span.text)
        fixed.append(span if label == span.label_ else Span(doc, span.start, span.end, label=label, span_id=span.id_))
    # a name an apposition calls a place ("Mbidjo, a farming village in ...") is that place in every mention
    # ("people fled Mbidjo"), not a body for having been the object of a verb
    described = {s.text for s in fixed if s.label_ == "GPE" and len(s) <= 3 and not s.id_ and described_as_place(s)}
    acting -= described
    fixed = [Span(doc, s.start, s.end, label="GPE") if s.label_ in ("ORG", "PERSON") and s.text in described
             and not s.id_ and s.text not in person_surnames | person_forenames else s for s in fixed]
    # one name, one kind: "Ofwat said" makes every "Ofwat" in the article the organisation
    fixed = [Span(doc, s.start, s.end, label="ORG", span_id=s.id_) if s.label_ == "GPE" and s.text in acting
             or s.label_ == "PERSON" and (s.text in owned or s.text in renamed and not s.id_) else s for s in fixed]
    # one name, one kind, from the body's side: a one-word name the model saw as a body in one mention and
    # as a person or a place in others ("Ledgerline, a San Francisco-based startup …", "Ledgerline was
    # founded in 2022 by …") is the body in all, unless it is someone's name here or a place or given name
    bodies_here = {s.text for s in fixed if s.label_ == "ORG" and len(s) == 1 and not s.id_ and s.text[:1].isupper()
                   and not lexicon.is_first_name(s.text) and not known_place(s.text.lower(), any_region=True)
                   and s.text.lower() not in city_index_keys() and not division_name(s.text)
                   and s.text.lower() not in city_index()} - person_surnames - person_forenames \
        - {s.text for s in fixed if s.label_ == "GPE" and in_place_context(s)}  # "residents of Kalba": a place
    if bodies_here:
        fixed = [Span(doc, s.start, s.end, label="ORG") if s.label_ in ("PERSON", "GPE") and len(s) == 1
                 and not s.id_ and s.text in bodies_here else s for s in fixed]
        fixed += [Span(doc, s.start, s.end, label="ORG") for s in dropped
                  if len(s) == 1 and s.label_ in ("PERSON", "GPE") and not s.id_ and s.text in bodies_here]
        covered = {i for s in fixed for i in range(s.start, s.end)}
        fixed += [Span(doc, t.i, t.i + 1, label="ORG") for t in doc  # and where the model saw no name at all
                  if t.text in bodies_here and t.i not in covered and t.pos_ == "PROPN"]
        fixed.sort(key=lambda s: s.start)
    # "Shares of Osugi Seiki" after "Osugi Seiki Co.": a company's name without its legal form is the company
    cores = {doc[h.start:h.end - 1].text for h in org_heads.values() if len(h) > 2}
    fixed = [Span(doc, s.start, s.end, label="ORG") if s.label_ == "PERSON" and len(s) > 1 and not s.id_
             and s.text in cores else s for s in fixed]
    fixed = one_word_bodies(doc, fixed, person_surnames | person_forenames)
    taken = person_surnames | person_forenames | set(org_heads) | companies | acting | owned
    fixed = coordinated_places(doc, fixed, taken)
    # one name, one kind, the other way: a town the article names as a place ("residents in Tromsø") is a
    # place in its other one-word mentions too ("the Tromsø council voted"), unless the article uses the
    # word as a surname, a given name or a company's name
    towns_here = {s.text for s in fixed if s.label_ == "GPE" and len(s) == 1 and (
        s.text.lower() in city_index_keys() or division_name(s.text))}  # "Roxas City, Capiz", then "Capiz officials"
    if towns_here:
        fixed = [Span(doc, s.start, s.end, label="GPE") if s.label_ in ("ORG", "PERSON") and len(s) == 1
                 and not s.id_ and s.text in towns_here and s.text not in taken else s for s in fixed]
    before_cues = {(s.start, s.end): s.label_ for s in fixed}
    fixed = noun_cued_places(doc, fixed)
    # "the northwestern town of Mir Ali" made a place by its noun: its other mentions, with no cue of
    # their own ("a resident of Mir Ali, who gave …"), are that place too, not a person or a body
    cued = {s.text for s in fixed if s.label_ == "GPE" and not s.id_
            and before_cues.get((s.start, s.end)) in ("PERSON", "ORG")} - taken
    if cued:
        fixed = [Span(doc, s.start, s.end, label="GPE") if s.label_ in ("ORG", "PERSON") and not s.id_
                 and s.text in cued else s for s in fixed]
    fixed = slotted_places(doc, fixed, set(org_heads) | companies | acting | owned)
    fixed = adjunct_names(doc, fixed)  # "the Ridgeback fire", "the Elizabeth line": a thing's name, no one's
    fixed = known_as(doc, fixed)
    # "Typhoon 'Dindo' nears Bicol … Dindo could dump 200 mm of rain": a storm's name, no one's, in every mention
    storms = storm_names(doc)
    if storms:
        fixed = [s for s in fixed if s.text not in storms or s.label_ not in ("PERSON", "ORG", "GPE", "NORP")]
    fixed = [s for s in fixed if not (len(s) == 1 and s.text.lower() in STORM_NAMERS and s.label_ == "PERSON")]
    fixed = clubs_in_match_reports(doc, fixed, person_surnames | person_forenames)
    fixed = initials_of_no_body(doc, fixed)
    # "Brent crude", "WTI crude": an oil benchmark's name, no place, person or body
    fixed = [s for s in fixed if not (s.end < len(doc) and doc[s.end].lower_ in BENCHMARK_NOUNS and not s.id_
                                      and s.label_ in ("GPE", "LOC", "ORG", "PERSON", "FAC"))]
    fixed = whole_body_name(doc, fixed)  # last: the passes above may be what made the whole name
    doc.user_data.pop(NAMED_COUNTRIES, None)  # gathered from the model's labels, for ``relabel`` only
    doc.ents = filter_spans(fixed)  # whatever the rules did, entities never overlap
    return doc


# words of a match report: two or more of them and a score ("2-1") make an article one ("goal" is not among
# them: "the goal of the policy")
MATCH_WORDS = {"coach", "manager", "striker", "midfielder", "goalkeeper", "keeper", "defender", "winger", "substitute",
               "half-time", "equaliser", "equalizer", "winner", "penalty", "kick-off", "league", "fixture", "derby",
               "relegation", "promotion", "play-off", "table", "season", "innings", "wicket", "touchdown", "quarterback",
               "bowler", "batsman", "batter", "spinner", "overs", "qualifier", "semi-final", "quarter-final", "wickets",
               "seamer"}
# right after a team's name: its people ("Norwich head coach", "Sunderland's goalkeeper") ...
TEAM_NOUNS = {"coach", "manager", "boss", "striker", "midfielder", "goalkeeper", "keeper", "defender", "winger",
              "forward", "captain", "fans", "supporters", "squad", "players", "player", "substitute", "head",
              "innings", "bowlers", "batters", "batting", "bowling", "attack", "defence", "defense", "lineup",
              "seamer", "spinner", "opener", "openers", "batsman", "batter", "bowler", "paceman", "skipper",
              "all-rounder", "wicketkeeper"}
# ... or what a team does (lemmas: "Sunderland levelled", "Norwich host Hull City", "Leeds drew 0-0")
TEAM_VERBS = {"beat", "draw", "lose", "win", "lead", "level", "host", "travel", "concede", "score", "equalise",
              "equalize", "trail", "thrash", "edge", "sack", "sign", "outplay"}
# right before it: "beat Norwich", "against Leeds", "Leeds v Hull"
TEAM_BEFORE = {"beat", "beating", "against", "v", "v.", "vs", "vs.", "versus", "host", "hosts", "hosting", "face",
               "faces", "facing"}
SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b|\b\d{1,3} for \d{1,2}\b")  # "2-1"; cricket's "312 for 7"


KNOWN_AS_ADVERBS = {"also", "better", "commonly", "locally", "widely", "popularly", "formally", "officially"}


def named_before_known_as(doc: Doc, start: int, ends: dict[int, Span]) -> Span | None:
    """The name a "known as" apposition ending right before token ``start`` renames, or None:
    "the California Department of Forestry and Fire Protection, known as Cal Fire," gives the department;
    also "also known as", "(known as …)". Only the words right before: linear."""
    k = start - 1
    if k < 2 or doc[k].lower_ != "as" or doc[k - 1].lower_ != "known":
        return None
    k -= 2
    if k >= 0 and doc[k].lower_ in KNOWN_AS_ADVERBS:
        k -= 1
    if k >= 0 and doc[k].text in (",", "("):
        k -= 1
    return ends.get(k + 1)


def known_as(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name given after another's "known as" is the same kind of thing: "the California Department of
    Forestry and Fire Protection, known as Cal Fire," is a body under its short name, whatever the model
    called "Cal Fire" (a person, here), in every mention; ``actors.group`` makes it the body's alias."""
    ends = {s.end: s for s in spans}
    kinds: dict[str, str] = {}
    for s in spans:
        named = named_before_known_as(doc, s.start, ends)
        if named is not None and named.label_ in ("ORG", "GPE", "LOC", "FAC") and s.label_ != named.label_ \
                and not s.id_ and s.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
            kinds[s.text] = named.label_
    if not kinds:
        return spans
    # one name, one kind: "crews from Cal Fire" later in the article is the same body
    return [Span(doc, s.start, s.end, label=kinds[s.text]) if s.text in kinds and not s.id_
            and s.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP") else s for s in spans]


def storm_names(doc: Doc) -> set[str]:
    """The names the article gives storms: a capitalised word right after a word of ``STORM_NAMERS``,
    quotation marks aside ("Typhoon 'Dindo'", "Supertyphoon Reming"). One look per storm word: linear."""
    names = set()
    for t in index.tokens(doc, lambda w: w.lower() in STORM_NAMERS):
        k = t.i + 1
        while k < len(doc) and k - t.i <= 2 and doc[k].is_quote:
            k += 1
        if k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].text[1:].islower():
            names.add(doc[k].text)
    return names


def match_cue(span: Span) -> bool:
    """The words around a name say a team ("Sunderland beat …", "beat Norwich", "Norwich 2-1", "Norwich's
    goalkeeper", "Norwich head coach")."""
    doc, k = span.doc, span.end
    if span.start > 0 and doc[span.start - 1].lower_ in TEAM_BEFORE:
        return True
    if k < len(doc) and doc[k].text in POSSESSIVE:
        k += 1
    if k >= len(doc):
        return False
    after = doc[k]
    if after.pos_ == "ADJ" and after.is_lower and k > span.end and k + 1 < len(doc):
        after = doc[k + 1]  # "Durham's tall seamer"
    return after.lower_ in TEAM_NOUNS or after.like_num and k + 1 < len(doc) and doc[k + 1].text in ("-", "–") \
        or after.like_num and k + 2 < len(doc) and doc[k + 1].lower_ == "for" and doc[k + 2].like_num \
        or after.pos_ in ("VERB", "AUX") and after.lemma_.lower() in TEAM_VERBS  # "Somerset 312 for 7": a cricket score


def initials_of_no_body(doc: Doc, spans: list[Span]) -> list[Span]:
    """Initials the model took for a body that the article uses as something else, dropped in all their
    mentions (as ORG; a name from our lists stays):

    * a common noun, with "a"/"an" before it and nothing after it in its noun phrase ("an FIR had been
      registered", "an NGO said"; not "a UN report", where the initials name the report's body);
    * a unit, after a number and ending its noun phrase ("a capacity of 60 MIGD,", "2,500 NTU");
    * a term spelled out in lower-case words right before it in brackets ("turbidity units (NTU)");
    * an office's title, right before a person's name ("led by DPP Nurul Ain")."""
    def ends_phrase(s: Span) -> bool:
        return s.end >= len(doc) or doc[s.end].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")

    starts = {s.start: s for s in spans}
    candidates = [s for s in spans if s.label_ == "ORG" and len(s) == 1 and not s.id_ and s.text.isupper()
                  and s.text.isalpha() and len(s.text) >= 2]
    gone = set()
    for s in candidates:
        prev = doc[s.start - 1] if s.start > 0 else None
        if prev is None:
            continue
        words = [t for t in doc[max(0, s.start - 1 - len(s.text)):s.start - 1]]
        if prev.lower_ in ("a", "an") and ends_phrase(s) or prev.like_num and ends_phrase(s) \
                or prev.text == "(" and len(words) == len(s.text) and all(t.is_lower and t.is_alpha for t in words) \
                and "".join(t.text[0] for t in words) == s.text.lower() \
                or s.end in starts and starts[s.end].label_ == "PERSON" \
                or s.end + 1 < len(doc) and lexicon.is_first_name(doc[s.end].text) and doc[s.end + 1].text[:1].isupper():
            gone.add(s.text)
    if not gone:
        return spans
    return [s for s in spans if not (s.label_ == "ORG" and len(s) == 1 and not s.id_ and s.text in gone)]


def clubs_in_match_reports(doc: Doc, spans: list[Span], person_words: set[str]) -> list[Span]:
    """A club named after its town is the club in a match report: "Sunderland beat Norwich City 2-1",
    "Norwich head coach …", "Sunderland's goalkeeper", "Sunderland travel to Preston North End".

    Only in an article with a score and two words of a match report (``MATCH_WORDS``, outside names), or four
    such words without a score. A one-word town's
    name is the club in all its mentions when one of them has a team's words around it (``match_cue``) or
    the article names a club that starts with it ("Norwich" beside "Norwich City"), except where a place's
    words stand around it ("in Sunderland", "a Sunderland lad": a common noun after it); a person's name the
    model gave to a town and more words ("Preston North End") is a club there too. Not a word the
    article gives a person, a given name, or a name from our lists."""
    # words inside a name do not count ("the League of Women Voters", "a Penalty Notice Unit"), nor, without a
    # score, fewer than four ("a registration table", "a penalty" and "the league" in a court story)
    words = len({t.lower_ for t in index.tokens(doc, lambda w: w.lower() in MATCH_WORDS) if not t.ent_type_})
    if words < 2 or words < 4 and not SCORE.search(index.text(doc)):
        return spans
    ends = CLUB_SUFFIXES | club_words()["last"] | {"town"}
    covered = {i for s in spans for i in range(s.start, s.end)}
    # "beat Luton" + "Town 2-1": the model stopped before the club's last word
    # ... or a franchise's plural ("Rangpur" + "Riders", "Khulna Tigers")
    def club_word(k: int, town: Span) -> bool:
        t = doc[k] if k < len(doc) else None
        return t is not None and k not in covered and t.text[:1].isupper() and t.is_alpha and not t.is_sent_start \
            and (t.lower_ in ends or t.tag_ in ("NNPS", "NNS") and t.text.endswith("s") and len(town) == 1
                 and town.text.lower() in city_index_keys())

    spans = [Span(doc, s.start, s.end + 1, label="ORG") if s.label_ in ("ORG", "GPE", "PERSON", "LOC", "FAC", "NORP")
             and club_word(s.end, s) and not s.id_ and s[-1].text[:1].isupper() else s for s in spans]
    spans += [Span(doc, t.i, t.i + 2, label="ORG") for t in doc if t.i not in covered and t.pos_ == "PROPN"
              and t.text[:1].isupper() and t.is_alpha and not lexicon.is_first_name(t.text)
              and club_word(t.i + 1, doc[t.i:t.i + 1])]
    spans.sort(key=lambda s: s.start)
    clubs = {s[0].text for s in spans if s.label_ == "ORG" and len(s) >= 2 and s[-1].lower_ in ends
             or s.label_ in ("ORG", "PERSON") and len(s) == 2 and s[-1].is_alpha and s[-1].text.endswith("s")
             and s[-1].text[:1].isupper() and s[0].lower_ in city_index_keys() and not lexicon.is_first_name(s[0].text)}

    def town(s: Span) -> bool:
        return (not s.id_ or s.id_.startswith("place:")) and (len(s) > 1 or s[0].text not in person_words
                                                               or s[0].text in clubs) \
            and (not lexicon.is_first_name(s[0].text) or len(s) == 1 and division_name(s.text)) \
            and s[0].text[:1].isupper()  # "Kent" is a given name and a county side

    one = [s for s in spans if len(s) == 1 and s.label_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") and town(s)
           and (s.text.lower() in city_index_keys() or s.text in clubs or division_name(s.text))]  # "Somerset"
    covered = {i for s in spans for i in range(s.start, s.end)}
    # "Ipswich came from behind to beat …" at a sentence's start, where the model saw no name
    bare = [Span(doc, t.i, t.i + 1, label="GPE") for t in doc if t.i not in covered and t.pos_ == "PROPN"
            and t.text[:1].isupper() and t.is_alpha and (t.lower_ in city_index_keys() or division_name(t.text))
            and not lexicon.is_first_name(t.text) and t.text not in person_words]
    teams = {s.text for s in one if s.text in clubs or match_cue(s)}
    teams |= {s.text for s in bare if s.text in clubs or match_cue(s)}
    one += [s for s in bare if s.text in teams]
    one_at = {(s.start, s.end) for s in one}  # a set: one look a span, not a scan of the list
    # a surname ending a club's name taken for a person ("Preston North End") is no person's when only that
    # name ends in it: which texts end in each last word, once
    endings: dict[str, set[str]] = {}
    for o in spans:
        if o.label_ == "PERSON":
            endings.setdefault(o[-1].text, set()).add(o.text)
    spans = sorted(spans + [s for s in bare if s.text in teams], key=lambda s: s.start)
    out = []
    for s in spans:
        if (s.start, s.end) in one_at and s.text in teams and s.label_ != "ORG" and not (
                s.start > 0 and doc[s.start - 1].lower_ in ("in", "near", "around", "outside", "across", "of")
                or s.end < len(doc) and doc[s.end].is_lower and doc[s.end].pos_ == "NOUN"
                and doc[s.end].lower_ not in TEAM_NOUNS and doc[s.end].lemma_.lower() not in TEAM_VERBS):
            s = Span(doc, s.start, s.end, label="ORG")
        elif s.label_ in ("PERSON", "FAC") and len(s) >= 2 and town(s) and s[0].text.lower() in city_index_keys() \
                and all(t.text[:1].isupper() for t in s) and not endings.get(s[-1].text, set()) - {s.text}:
            s = Span(doc, s.start, s.end, label="ORG")  # "Preston North End" taken for a person
        out.append(s)
    return out


PLACE_WORD_NOUNS = {"station"}  # a facility noun that is a building only after a place word ("at X station")
NOT_BUILDING_MODIFIERS = {"radio", "television", "tv", "broadcast", "news", "space", "weather"}
MAX_FACILITY_MODIFIERS = 3  # "Sendai nuclear power plant": lower-case words between a name and its facility noun


SEAT_JOINERS = {"and", "&", "-", "upon", "on", "under", "le", "with"}  # inside a constituency's name


def noun_cued_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names a noun around them says are places, whether a gazetteer knows them or not (kinds 'named',
    'division' and 'facility' of ``data/place_cues.txt``): "the port of Aburatsu" and "Ehime prefecture"
    are places (GPE; LOC for a division, so an unknown one is still a region), "the Ikata plant" and "its Sendai nuclear power plant" are facilities (FAC, the
    words up to the noun kept in the name). Spans the model labelled as a body, a person or a place are
    relabelled, unless a curated list or an earlier rule gave them an identity (``span.id_``) — a body
    before a facility noun only after an owner ("Shikoku Electric's Ikata plant", "its Ikata plant"):
    "the Ford plant" is the company's; a
    capitalised run of proper nouns the model left unlabelled becomes a place only for 'named' and
    'division' (a facility needs the model to have seen a name). One look around each span and token:
    linear in the article."""
    from .locations import place_word_before

    cues = place_cues()
    named, division, facility = cues.get("named", ()), cues.get("division", ()), cues.get("facility", ())
    feature, venue = cues.get("feature", ()), cues.get("venue", frozenset())
    seat = cues.get("seat", frozenset())
    facility = frozenset(facility) | venue

    def member_after(j: int) -> int:
        """End of a person's name right after a constituency ("… South-West Declan Hurley said"): a given name
        and capitalised words no entity covers; 0 when there is none."""
        if j >= len(doc) or j in covered or not lexicon.is_first_name(doc[j].text) or doc[j - 1].text == ",":
            return 0
        k = j + 1
        while k < len(doc) and k not in covered and k - j < 4 and (doc[k].text[:1].isupper() and doc[k].is_alpha
                                                                    or doc[k].text in HYPHENS):
            k += 1
        return k if k > j + 1 and doc[k - 1].text[:1].isupper() else 0

    def add_member(j: int) -> int:
        """The member named right after a constituency ending at ``j``, added as a person: where it ends, or
        ``j``."""
        end = member_after(j)
        if end:
            out.append(Span(doc, j, end, label="PERSON"))
            covered.update(range(j, end))
        return end or j

    def named_person_at(k: int) -> bool:
        # a given name, or a name of two words or more the model took for a person ("Clodagh Ennis"), not one
        # word ("Amersham" of "Chesham and Amersham"), with a surname after it ("Glasgow Kelvin," is a seat)
        return (lexicon.is_first_name(doc[k].text) or k in person_starts and len(person_starts[k]) >= 2) \
            and k + 1 < len(doc) and (doc[k + 1].text[:1].isupper() and doc[k + 1].is_alpha
                                      or doc[k + 1].lower_ in lexicon.name_particles())

    def cued(start: int, end: int) -> tuple[str, int] | None:
        if start >= 2 and doc[start - 1].lower_ == "for" and doc[start - 2].text.isupper() \
                and doc[start - 2].lower_ in seat:
            k = end  # "the MP for Chesham and Amersham", "for Stoke-on-Trent North": one constituency
            if end - start > 1:  # "TD for Clare Clodagh Ennis": the member's name may follow with no comma
                k = next((j for j in range(start + 1, end) if named_person_at(j)), end)
            while k + 1 < len(doc) and not (k > start and named_person_at(k)) \
                    and (doc[k].text[:1].isupper() and doc[k].is_alpha and k > start
                                        or doc[k].lower_ in SEAT_JOINERS and (doc[k + 1].text[:1].isupper()
                                                                              or doc[k + 1].lower_ in SEAT_JOINERS)):
                k += 1
            while k > end and not doc[k - 1].text[:1].isupper():
                k -= 1  # no joining word at the end
            return "LOC", k
        if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 2].is_lower and doc[start - 2].lower_ in named:
            j = start - 3  # "the town of X", "the northwestern Pakistani town of X", "the mountain town of X":
            # up to three modifiers of the noun
            while j > 0 and start - 3 - j < 3 and (doc[j].pos_ == "ADJ" or doc[j].ent_type_ == "NORP"
                                                   or doc[j].dep_ in ("amod", "compound") and doc[j].is_lower):
                j -= 1
            if doc[j].lower_ in ("the", "a", "an"):
                return "GPE", end
        if end < len(doc) and doc[end].is_lower and doc[end].lower_ in division:
            return "LOC", end  # a division: 'region' to locations.lookup even when no gazetteer knows it
        if end + 1 < len(doc) and doc[end].lower_ == "border" and doc[end + 1].lower_ in division:
            return "LOC", end  # "the Adre border crossing"
        if end < len(doc) and doc[end].is_lower and doc[end].lower_ in feature:
            return "LOC", end + 1  # "the Kamuku forest": a region, the noun kept in its name
        k = end
        while k < len(doc) and k - end <= MAX_FACILITY_MODIFIERS + 2 and (
                doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN", "VERB") or doc[k].text == "-" and k > end):
            # "coal-fired power plant": lower-case modifiers, hyphens inside them
            if doc[k].lower_ in facility and not (k + 1 < len(doc) and doc[k + 1].is_lower and doc[k + 1].pos_ == "NOUN"):
                if any(t.lower_ in NOT_BUILDING_MODIFIERS for t in doc[end:k]):
                    return None  # "a Sydney radio station": a broadcaster, and Sydney stays the city
                if start > 0 and doc[start - 1].lower_ in ("a", "an") and (
                        known_place(doc[start:end].text.lower(), any_region=True)
                        or doc[start:end].text.lower() in city_index_keys() or division_name(doc[start:end].text)):
                    return "GPE", end  # "a Lancashire hospital": some hospital there, the place is Lancashire
                if doc[k].lower_ in PLACE_WORD_NOUNS and not place_word_before(doc, start):
                    return None  # "Hala police station SHO ...": the unit; "at X station" is the building
                return "FAC", k + 1  # not "the Ikata plant operator": the facility noun ends the phrase
            k += 1
        return None

    out: list[Span] = []
    covered = {i for s in spans for i in range(s.start, s.end)}
    person_starts = {s.start: s for s in spans if s.label_ == "PERSON"}
    for s in spans:
        found = cued(s.start, s.end) if s.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART") \
            and not s.id_ \
            and all(t.text[:1].isupper() for t in s if t.is_alpha) else None
        if found is None or found[0] == s.label_ and found[1] == s.end:
            out.append(s)
            continue
        label, end = found
        if label == "FAC" and s.label_ == "ORG" and doc[end - 1].lower_ not in venue \
                and not (s.start > 0 and (doc[s.start - 1].text in POSSESSIVE or doc[s.start - 1].lower_ in ("its", "their"))):
            out.append(s)  # "the Ford plant": the company's plant, the company stays; "Kyushu Electric's Sendai plant" not
            continue
        out.append(Span(doc, s.start, end, label=label))
        if end < s.end and lexicon.is_first_name(doc[end].text):
            out.append(Span(doc, end, s.end, label="PERSON"))  # "TD for Limerick City Maurice Ó Laoghaire"
        covered.update(range(s.end, end))
        if label == "LOC" and end >= s.end:
            add_member(end)  # "TD for Dublin Bay North Ciara Nolan told …": the member, named with no comma
    k = 0
    while k < len(doc):  # unlabelled proper names: "in Ehime prefecture" when the model saw nothing
        if k in covered or doc[k].pos_ != "PROPN" or not doc[k].text[:1].isupper() or doc[k].is_sent_start:
            k += 1
            continue
        end = k
        while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        found = cued(k, end)
        if found is None and end - k <= 3 and not lexicon.is_first_name(doc[k].text) \
                and not (end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha) \
                and doc[k - 1].lower_ in cues.get("before", ()) and in_place_context(doc[k:end]) \
                and region_end(doc, k) == end:
            found = ("GPE", end)  # "drive in Johor" with the state unlabelled: a state or country after a place cue
        if found is not None and found[0] != "FAC" and not lexicon.is_first_name(doc[k].text):
            out.append(Span(doc, k, found[1], label=found[0]))  # "the Nuba mountains": a feature keeps its noun
            covered.update(range(end, found[1]))
            end = max(end, add_member(found[1]))  # "TD for Cork South-West Declan Hurley"
        k = end
    return sorted(out, key=lambda s: s.start)


# A stock ticker right after a name: "(NASDAQ:ATVI)", "(NYSE: F)", Reuters' "<BUD.N>"
TICKER = re.compile(r"\s*(?:\(\s*(?:NASDAQ|Nasdaq|NYSE|NYSEArca|NYSEMKT|AMEX|LSE|TSX|OTC|OTCQX)\s*:\s*[A-Z][A-Z.]{0,6}\s*\)"
                    r"|<[A-Z]{1,6}\.[A-Z]{1,2}>)")
# a wire's ("LONDON, Ontario (Reuters) -") or a paper's own ("COLUMBUS, Ohio —", "WASHINGTON —") dateline
# also a paper's that ends in a colon ("MUMBAI:") or is a line of its own with the date ("MADURAI, October 10, 2012")
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(,[^()\n—–]{0,40})?\s*(\(([^)\n]{1,40})\))?\s*[-–—]+\s"
                      r"|^[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?::\s|, [^\n]{0,40}\d{4} *\n)")


def dateline_length(doc: Doc) -> int:
    """Token index where a dateline ("LONDON, Ontario (Reuters) -", "COLUMBUS, Ohio —") ends, or 0."""
    found = doc.user_data.get(_DATELINE_END)
    if found is None:
        found = doc.user_data[_DATELINE_END] = _dateline_length(doc)  # asked by four rules: read once
    return found


_DATELINE_END = "digest_dateline_length"  # doc.user_data key


def dateline_capitals(doc: Doc, spans: list[Span], dateline_end: int) -> list[Span]:
    """'KUALA LUMPUR:' with only "KUALA" labelled: a span in capitals inside the dateline (which ends at token
    ``dateline_end``) takes in the capitals after it that no other span starts at, as one place's name."""
    starts = {s.start for s in spans}
    out = []
    for s in spans:
        k = s.end
        while s.text.isupper() and k < dateline_end and k not in starts and doc[k].is_upper and doc[k].is_alpha:
            k += 1
        out.append(s if k == s.end else Span(doc, s.start, k, label=s.label_, span_id=s.id_))
    return out


def _dateline_length(doc: Doc) -> int:
    match = DATELINE.match(index.text(doc))
    if not match:
        return 0
    end_char = match.end()
    for token in doc:
        if token.idx >= end_char:
            return token.i
    return 0


HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame",
              "Lord", "Lady"}


def titled_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Prof Anna Martling', 'Dr Sam Godfrey': what follows an honorific is a person, whatever the model said.

    After an office title or rank ("President Alejandro Toledo", "Mayor Lincoln", "General Jackson"), a
    name the model took for a place is a person: a name right after a personal title is never a place."""
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    dropped: set[int] = set()  # ids of the spans a titled name replaces, taken out once at the end (taking
    # them out of the list at each honorific was quadratic in the number of names)
    titles = lexicon.titles()
    phrases = lexicon.title_phrases()
    words = index.words(doc)
    for span in spans:
        office = None if span.label_ == "PERSON" or span.id_ else next(
            (s + n for s in range(max(0, span.start - 4), span.start + 1) for n in range(5, 0, -1)
             if s + n >= span.end and tuple(words[s:s + n]) in phrases), None)
        if office is not None and office < len(doc) and (doc[office].text[:1].isupper()
                                                         or doc[office].lower_ in ("for", "of", "to")):
            # "Shadow Home Secretary Yvonne Carter", "Secretary of State for Health Wes Stratton": words of
            # an office (``data/ranks.txt``) before a name or its portfolio, taken for a body, are no body
            dropped.add(id(span))
            for i in range(span.start, span.end):
                covered.pop(i, None)
            continue
        if span.label_ != "PERSON" and not span.id_ and tuple(t.text for t in span) in phrases \
                and span.end < len(doc) and doc[span.end].text[:1].isupper():
            dropped.add(id(span))  # "DCI Maureen Slattery" with "DCI" taken for a body: a rank, no body
            for i in range(span.start, span.end):
                covered.pop(i, None)
        elif span.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP") and not span.id_ and len(span) > 1:
            k = span.start  # "Cpl Niamh Oduya" taken for a body: a rank and a name are a person
            while k < span.end - 1 and (end := next((k + n for n in range(5, 0, -1) if tuple(
                    t.text for t in doc[k:k + n]) in phrases and k + n < span.end), None)) is not None:
                k = end
            if k > span.start and span.end - k <= 3 and all(t.text[:1].isupper() for t in doc[k:span.end]) \
                    and rank_ends_at(doc, k - 1, doc[k].text):
                person = Span(doc, span.start, span.end, label="PERSON")
                dropped.add(id(span))
                out.append(person)
                covered.update({i: person for i in range(span.start, span.end)})
    for token in index.tokens(doc, lambda w: w in HONORIFICS or w in titles, None, -1):
        if token.text not in HONORIFICS and token.text not in titles or token.i in covered:
            continue
        start = end = token.i + 1
        while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper() and doc[end].text not in HONORIFICS \
                and doc[end].text not in titles and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
            end += 1
            while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha:
                end += 2  # "Ms Grace Wambui-Karanja": a double-barrelled surname is one word of the name
        if end == start:
            continue
        overlapping = {id(covered[i]): covered[i] for i in range(start, end) if i in covered}
        if any(s.label_ == "PERSON" for s in overlapping.values()):
            continue
        if not overlapping and token.text not in HONORIFICS and rank_ends_at(doc, token.i, doc[start].text):
            pass  # "Lt Col Anselm Rookwood", "Master Sergeant Dwayne Coriander" with no label: a person
        elif token.text not in HONORIFICS and (not overlapping or any(
                s.label_ not in ("GPE", "LOC", "FAC") or s.id_ for s in overlapping.values())):
            # an office title or rank ("President Alejandro Toledo", "Mayor Lincoln") only overrules a
            # place the model saw in the name after it; bodies and unlabelled words are left to the model
            continue
        if any(s.start < start or s.end > end for s in overlapping.values()):
            continue  # part of a longer name the model found
        dropped.update(overlapping)
        name = Span(doc, start, end, label="PERSON")
        out.append(name)
        covered.update({i: name for i in range(start, end)})
    return sorted((s for s in out if id(s) not in dropped), key=lambda s: s.start)


def rank_ends_at(doc: Doc, i: int, next_word: str) -> bool:
    """Whether a rank of ``data/ranks.txt`` ends at token ``i`` that says a person's name follows: an
    abbreviation ("Lt Col", "Sgt", "Det Insp"), a rank of several words ("Master Sergeant"), or a one-word
    rank before a known given name ("Corporal Niamh"). One-word ranks alone are also common words
    ("Major", "General", "Private"), so they need the given name."""
    phrases = lexicon.title_phrases()
    for n in range(5, 0, -1):  # the longest rank first: "Detective Senior Constable", not "Senior Constable"
        if i - n + 1 < 0:
            continue
        words = tuple(t.text for t in doc[i - n + 1:i + 1])
        role = phrases.get(words)
        if role is not None and (n > 1 or role != words[0] or lexicon.is_first_name(next_word)):
            return i - n + 1 == 0 or not doc[i - n].text[:1].isupper() or doc[i - n].is_sent_start
    return False


def join_post_nominals(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Judge Helen Okonjo KC' with "KC" taken for a body: letters after a person's name
    (``lexicon.post_nominals``) belong to that name (``actors`` takes them off it again)."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].label_ == "PERSON" and out[-1].end == span.start and len(span) == 1 \
                and span.text in lexicon.post_nominals() and not span.id_:
            out[-1] = Span(doc, out[-1].start, span.end, label="PERSON")
            continue
        out.append(span)
    return out


def given_name_before(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Minister for Foreign Affairs Penelope Wong' with only "Wong" found: a known given name
    (``lexicon.is_first_name``) right before a one-word person, in no entity, is the start of the name."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        k = span.start - 1
        if span.label_ == "PERSON" and len(span) == 1 and k >= 0 and k not in covered and doc[k].pos_ == "PROPN" \
                and doc[k].text[:1].isupper() and not doc[k].whitespace_ == "" \
                and (lexicon.is_first_name(doc[k].text) or unlisted_given_name(doc[k])):
            span = Span(doc, k, span.end, label="PERSON")
        out.append(span)
    return out


def unlisted_given_name(token) -> bool:
    """'Mehboob Alam, general secretary of …' with only "Alam" found: the word that starts a sentence right
    before a one-word person is that person's given name, though no list of ours has it, when it is no
    English word (WordNet), place, title, nationality or acronym: the small model often drops a name's first
    word at a sentence's start ("Yesterday Alam", "Minister Alam", "Lahore Alam" stay as they are)."""
    text = token.text
    english = _english_words()  # without WordNet no word can be told from a name: none is taken
    return token.is_sent_start and token.is_alpha and text[1:].islower() and len(text) > 2 \
        and english is not None and text.lower() not in english and text not in lexicon.titles() \
        and text.lower() not in lexicon.demonyms() and text.lower() not in lexicon.role_nouns() \
        and not known_place(text.lower(), any_region=True) and text.lower() not in lexicon.named_index()


def name_after_given_name(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Datuk Mohd Azlan Hashim said' with only "Datuk Mohd" found: a person's span that ends in a known given
    name, right before capitalised proper nouns in no entity (at most ``MAX_NAME_TAIL``, then no other
    capitalised word), runs on over them: the rest of the name. So does one right before another person's
    span of at most that many capitalised words ("Datuk Mohd" + "Faizal Rahman"): two names are never
    written side by side with nothing between them."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    starts = {s.start: s for s in spans}
    out: list[Span] = []
    skip = -1
    for span in spans:
        if span.start < skip:
            continue
        k = span.end
        nxt = starts.get(k)
        if span.label_ == "PERSON" and not span.id_ and lexicon.is_first_name(span[-1].text) and span[-1].whitespace_ \
                and nxt is not None and nxt.label_ == "PERSON" and not nxt.id_ and len(nxt) <= MAX_NAME_TAIL \
                and all(t.text[:1].isupper() for t in nxt):
            out.append(Span(doc, span.start, nxt.end, label="PERSON"))  # "Datuk Mohd" + "Faizal Rahman"
            skip = nxt.end
            continue
        if span.label_ == "PERSON" and not span.id_ and lexicon.is_first_name(span[-1].text) and k < len(doc) \
                and span[-1].whitespace_:
            end = k
            while end < len(doc) and end - k < MAX_NAME_TAIL and end not in covered and doc[end].pos_ == "PROPN" \
                    and doc[end].is_alpha and doc[end].text[:1].isupper() and not doc[end].is_sent_start \
                    and doc[end].text not in lexicon.titles() and doc[end - 1].whitespace_:
                end += 1
            if end > k and not (end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha):
                span = Span(doc, span.start, end, label="PERSON")
        out.append(span)
    return out


MAX_NAME_TAIL = 2  # "Mohd" + "Azlan Hashim"


def given_name_before_body(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Nikola Tesla', 'Henry Ford': a known given name (``lexicon.is_first_name``) right before a one-word
    body of the curated lists makes the two a person's name (the list's body is a namesake). The model
    often takes the given name alone for a body ('Nikola' ORG); that one-word span goes."""
    starts = {s.start: s for s in spans}
    drop: set[int] = set()
    out = []
    for span in spans:
        k = span.start - 1
        if span.id_.startswith("organisation:") and len(span) == 1 and k >= 0 and doc[k].whitespace_ \
                and doc[k].text[:1].isupper() and doc[k].text[1:].islower() and lexicon.is_first_name(doc[k].text) \
                and not doc[k].is_sent_start and (k not in starts or len(starts[k]) == 1) \
                and not any(s.start < k < s.end for s in spans):
            if k in starts:
                drop.add(k)
            span = Span(doc, k, span.end, label="PERSON")
        out.append(span)
    return [s for s in out if not (s.start in drop and len(s) == 1 and s.label_ != "PERSON")]


def whole_body_name(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Mojave Crest Power' named whole once, then 'Crest Power' labelled with "Mojave" left out at a
    sentence's start: a body's name that is the end of a longer body name of the same article, whose
    missing first words stand right before it in the text, is that longer name (else one company gets two
    pages). The words before must be exactly the missing ones, capitalised, in the same sentence and part
    of no other name (a place span of exactly those words goes: the model's "Mojave" GPE)."""
    bodies = {tuple(t.text for t in s) for s in spans if s.label_ == "ORG" and len(s) > 1}
    if not bodies:
        return spans
    by_start = {s.start: s for s in spans}
    out: list[Span] = []
    drop: set[int] = set()
    for span in spans:
        words = tuple(t.text for t in span)
        if span.label_ == "ORG" and not span.id_:
            for whole in bodies:
                m = len(whole) - len(words)
                k = span.start - m
                if m <= 0 or whole[m:] != words or k < 0 or doc[k].sent.start != span.sent.start:
                    continue
                if tuple(t.text for t in doc[k:span.start]) != whole[:m] or not all(
                        t.text[:1].isupper() for t in doc[k:span.start]):
                    continue
                covering = [s for s in spans if s is not span and s.start < span.start and s.end > k]
                if any(s.start < k or s.end > span.start for s in covering):
                    continue  # the words belong to a name that reaches outside them
                drop |= {s.start for s in covering}
                span = Span(doc, k, span.end, label="ORG")
                break
        out.append(span)
    return [s for s in out if not (s.start in drop and by_start.get(s.start) is s)]


def join_particles(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Ursula von der' + 'Leyen', 'Maria' + 'dos Santos', 'Nawaf al-Qahtani': a name particle
    (``lexicon.name_particles``, nameparser's prefixes) stays inside the name, so what the model cut
    around it is one person's name. A span holding a particle between a known given name and a
    capitalised word ("Ricardo de la Fuente" taken for a body) is a person. One pass over the spans."""
    particles, hyphened = lexicon.name_particles(), lexicon.hyphen_particles()
    capital = lexicon.capital_particles()
    starting = {s.start: s for s in spans}

    def between(k: int) -> bool:
        """'Marco te Velde': a Dutch particle (``BETWEEN_PARTICLES``) right after a known given name."""
        return doc[k].text in BETWEEN_PARTICLES and k > 0 and lexicon.is_first_name(doc[k - 1].text) \
            and k + 1 < len(doc) and doc[k + 1].tag_ == "NNP"  # not "gave Anna ten Euros"

    covered = {i: s for s in spans for i in range(s.start, s.end)}

    def particle_run(k: int, capitals: bool = False) -> int | None:
        """Where the capitalised word after a run of particles starting at token ``k`` is, or None;
        ``capitals``: capitalised particles ("Mac", "Nic", "Te") count too."""
        seen = False
        while k < len(doc):
            t = doc[k]
            if t.text.islower() and t.text in hyphened and k + 2 < len(doc) and doc[k + 1].text in ("-", "‑") \
                    and not doc[k].whitespace_ and not doc[k + 1].whitespace_:
                k, seen = k + 2, True
                continue
            if t.text.islower() and t.text in particles or capitals and t.text in capital or between(k) \
                    or seen and t.text in ("an", "los", "las"):  # "Nic an tSaoir", "de los Santos"
                k, seen = k + 1, True
                continue
            break
        if seen and k < len(doc) and doc[k].is_alpha and (doc[k].text[:1].isupper() or capitals and IRISH_MUTATED.match(
                doc[k].text)):
            return k
        return None

    out: list[Span] = []
    absorbed: set[int] = set()
    for span in spans:
        if id(span) in absorbed:
            continue
        if span.label_ not in ("PERSON", "ORG", "NORP", "GPE") and not (
                span.label_ in ("DATE", "WORK_OF_ART", "PRODUCT", "EVENT") and not any(t.like_num for t in span)
                and lexicon.is_first_name(span[0].text)) or span.id_:
            out.append(span)  # ("Pieter-Jan du Plessis" taken for a date, "Jan" for January, is still checked)
            continue
        k = span.end
        # "Ciarán Mac" (taken for a body) + "Giolla Phádraig" (a person): a capitalised particle ends a span
        # only inside a person's name
        after = starting.get(span.end)
        personish = span.label_ == "PERSON" or lexicon.is_first_name(span[0].text) \
            or after is not None and after.label_ == "PERSON" and not after.id_
        while k > span.start + 1 and (doc[k - 1].text.islower() and doc[k - 1].text in particles
                                      or personish and doc[k - 1].text in capital or between(k - 1)):
            k -= 1  # "Ursula von der", "Ciarán Mac": the model stopped inside the name
        if len(span) == 1 and span.label_ == "PERSON" and span[0].text in capital:
            k = span.start  # "Nic" + "an tSaoir": the short form cut after its particle
        surname = particle_run(k, capitals=k < span.end)
        label = span.label_
        end = span.end
        begin = span.start  # "Van der Wiel thanked …", "said bin Laden": the particles the model left out
        while begin > 0 and doc[begin - 1].lower_ in particles and begin - 1 not in covered and (
                doc[begin - 1].text.islower() or begin == span.start or doc[begin].text.islower()):
            begin -= 1
        given = given_name_ending(doc, begin - 1, covered)
        if given is not None and not known_place(doc[given:span.end].text.lower()) and (begin < span.start and label in ("PERSON", "ORG", "GPE", "NORP")
                                  or label == "PERSON" and span[0].text in capital and len(span) > 1):
            # "Johannes du" + "Toit", "Superintendent Mere" + "Te Awa-Hopkins": a given name in no entity
            # before the particles is the name's start
            out.append(Span(doc, given, span.end, label="PERSON"))
            continue
        if begin < span.start and begin > 0 and doc[begin - 1].text[:1].isupper() and not doc[begin - 1].is_sent_start:
            begin = span.start  # "Joost van der" + "Wiel": the given name is outside, joined from its side
        if begin < span.start and surname is None and label in ("PERSON", "ORG"):
            out.append(Span(doc, begin, span.end, label=label))
            continue
        if surname is not None and lexicon.is_first_name(span[0].text) or surname is not None and label == "PERSON":
            other = covered.get(surname)
            if other is not None and (other.start < k or other.id_):
                surname = None  # part of some other name
        if surname is not None and (label == "PERSON" or lexicon.is_first_name(span[0].text)
                                    or k < span.end and personish):
            end = surname + 1
            other = covered.get(surname)
            if other is not None:
                absorbed.add(id(other))
                end = max(end, other.end)
            label = "PERSON"
        elif label != "PERSON" and len(span) >= 3 and lexicon.is_first_name(span[0].text) \
                and particle_run(span.start + 1) is not None and particle_run(span.start + 1) < span.end:
            label = "PERSON"  # "Ricardo de la Fuente", whole, taken for a body
        elif label != "PERSON" and len(span) >= 5 and span[1].text in ("-", "‑") and not span[0].whitespace_ \
                and (lexicon.is_first_name(span[0].text) or lexicon.is_first_name(span[2].text)) \
                and particle_run(span.start + 3) is not None and particle_run(span.start + 3) < span.end:
            label = "PERSON"  # "Thabo-Jan van Wyk": a hyphenated given name, taken for a place
        if (span.start, end, label) == (span.start, span.end, span.label_):
            out.append(span)
        else:
            out.append(Span(doc, span.start, end, label=label))
    out = [s for s in out if id(s) not in absorbed]
    return filter_spans(out) if len(out) != len(spans) or any(a is not b for a, b in zip(out, spans)) else out


# a Dutch particle that nameparser's list has but ``lexicon.NOT_PARTICLES`` leaves out: trusted only right after a
# known given name and before a proper noun ("Marco te Velde"). "ten" stays out: "gave Anna ten Euros"
BETWEEN_PARTICLES = {"te"}
# an Irish surname after its particle, with the initial mutation written in lower case before the capital
# ("Nic an tSaoir", "Ó hAodha", "Ní Bhriain" needs none)
IRISH_MUTATED = re.compile(r"(?:t|h|n|m|b|d|g|bh)[A-ZÁÉÍÓÚ]\w+")


def given_name_ending(doc: Doc, k: int, covered: dict) -> int | None:
    """Where a given name in no entity that ends at token ``k`` starts, or None: a known given name
    (``lexicon.is_first_name``) or a proper noun, hyphenated ones whole ("Pieter-Jan", "Marie-Claire"),
    never a title, an honorific or a role word ("Inspector", "Mr", "farmer"), nor a sentence's first word
    that is no known given name ("Yesterday", "Police")."""
    if k < 0 or k in covered or not doc[k].is_alpha or not doc[k].text[:1].isupper() or not doc[k].whitespace_ \
            or doc[k].text.isupper() and len(doc[k].text) > 1:  # "JMC Delos Santos Construction": initials, no name
        return None
    start = k
    if k >= 2 and doc[k - 1].text in ("-", "‑") and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_ \
            and doc[k - 2].is_alpha and doc[k - 2].text[:1].isupper() and k - 2 not in covered:
        start = k - 2
    words = [doc[start].text, doc[k].text]
    known = any(lexicon.is_first_name(w) for w in words)
    if any(w in lexicon.titles() or w in HONORIFICS or w.lower() in lexicon.role_nouns() for w in words):
        return None
    if not known and (doc[k].pos_ != "PROPN" or doc[start].is_sent_start or doc[k].lower_ in lexicon.country_index()
                      or doc[k].lower_ in lexicon.demonyms() or known_place(doc[k].lower_)):
        return None
    return start


# capitalised words of a role's scope that the model takes for a body ("National selector", "Federal treasurer")
SCOPE_WORDS = {"national", "federal", "state", "provincial", "regional", "local", "international", "global", "county"}


def employer_before_role(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Westpac senior economist Anthea Dunstan', 'Nvidia chief executive Jensen Huang': one to three
    capitalised words right before a lower-case role (adjectives and nouns, the last a role noun of
    ``data/role_nouns.txt``) and a person's name are the person's employer: a body, whether the model
    left them unlabelled or took them for a person or a place. Not a place, a nationality, a title or a
    given name ("Queensland premier", "Australian economist", "Former minister"), nor one English word
    (precision first: "Apple chief executive" is left to the model), and not the end of a longer run. One look back from each person's name, a few tokens: linear in the article."""
    from .locations import city_index, english_words, unit_prefixes  # locations imports this module's lists

    starting = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    roles = lexicon.role_nouns() | lexicon.person_role_nouns()
    added: list[Span] = []
    replaced: set[int] = set()
    for span in spans:
        if span.label_ != "PERSON" or span.start < 2 or doc[span.start - 1].lower_ not in roles:
            continue
        j = span.start - 1
        while j >= 0 and span.start - j <= 4 and doc[j].is_lower and doc[j].pos_ in ("ADJ", "NOUN") and j not in covered:
            j -= 1
        end = k = j + 1
        if end == span.start:
            continue  # "Senior Public Prosecutor Jane Doe": a capitalised role, read elsewhere
        while k > 0 and end - k < 3 and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
            k -= 1
        start = k
        if start == end or start > 0 and not doc[start].is_sent_start and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].is_alpha:
            continue
        own = starting.get(start)
        if own is not None and own.end == end and end - start == 1 and own.label_ == "ORG" and not own.id_ \
                and doc[start].lower_ in SCOPE_WORDS:
            replaced.add(id(own))  # "National selector Allan Pike": a word of the role, no body
            continue
        if any(i in covered for i in range(start, end)) and not (
                own is not None and own.end == end and own.label_ in ("PERSON", "GPE") and not own.id_):
            continue  # a name the model saw otherwise, or part of a longer one: not ours to change
        key = doc[start:end].text.lower()
        if known_place(key, any_region=True) or key in lexicon.demonyms() or key in city_index_keys() \
                or key in city_index() or lexicon.titles().get(doc[start].text) or lexicon.is_first_name(doc[start].text) \
                or key in lexicon.country_index() or doc[start:end].text in NOT_NAMES \
                or end - start == 1 and key in (english_words() or ()) or key in unit_prefixes() \
                or any(known_place(t.lower_, any_region=True) or t.lower_ in city_index_keys() for t in doc[start:end]):
            # "Former minister", "Apple chief executive": a word first; "West Berlin mayor": a place's officer
            continue
        if own is not None:
            replaced.add(id(own))
        added.append(Span(doc, start, end, label="ORG"))
    if not added and not replaced:
        return spans
    return sorted([s for s in spans if id(s) not in replaced] + added, key=lambda s: s.start)


def role_before_name(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Former minister for Women and Equalities Naomi Castellane', 'Acting CEO of Marlow Freight Ruth
    Zeller': the model ran a capitalised role, with the portfolio or body it is of, into the name after
    it. The name (two or three capitalised words, the first a given name) is a person; the words before
    it are a role (``actors.title_before`` reads it): after "of"/"at" they name a body and stay one
    ("Marlow Freight"), after "for" a portfolio, no body ("Women and Equalities"). Needs a role word
    (``data/role_nouns.txt`` or a title) before the "of"/"for", inside the sentence."""
    out: list[Span] = []
    changed = False
    for span in spans:
        n = len(span)
        if n < 3 or span.id_ or span.label_ not in ("ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "NORP"):
            out.append(span)
            continue
        cut = None
        for k in range(max(0, n - 3), n - 1):  # the longest name first: "Ruth Ann Zeller", not "Ann Zeller"
            name = span[k:]
            if lexicon.is_first_name(name[0].text) and all(t.text[:1].isupper() and t.text.replace("-", "").replace(
                    "'", "").replace("’", "").isalpha() for t in name) and (k == 0 or span[k - 1].lower_ not in ("and", "&")):
                cut = span.start + k
                break
        if cut is None or cut == span.start:
            out.append(span)
            continue
        j, connector = cut - 1, None
        while j > 0 and j >= span.start - 8 and not doc[j].is_sent_start:  # a few words back, in the sentence
            t = doc[j]  # (span.sent would walk to the sentence's edges: quadratic in a sentence of names)
            if t.lower_ in ("of", "for", "at") and (doc[j - 1].lower_ in lexicon.role_nouns()
                                                    or lexicon.titles().get(doc[j - 1].text) == "title"):
                connector = t
                break
            if not (t.text[:1].isupper() or t.lower_ in ("and", "&", "the", "of", "for", "-")):
                break
            j -= 1
        if connector is None:
            out.append(span)
            continue
        changed = True
        portfolio = any(doc[i].lower_ == "for" for i in range(connector.i, cut))
        body_start = max(span.start, connector.i + 1)
        while body_start < cut and doc[body_start].lower_ in ("the", "of", "for", "and"):
            body_start += 1
        if not portfolio and body_start < cut and span.label_ in ("ORG", "FAC", "GPE"):
            out.append(Span(doc, body_start, cut, label=span.label_))
        out.append(Span(doc, cut, span.end, label="PERSON"))
    return out if changed else spans


def split_span(ent: Span) -> list[Span]:
    """Cut a span at a comma, a bracket or a quote mark: 'Sevenoaks, Kent', 'Institute (Indeci'.

    Parts of a name cut at a comma are places ("City, County"): names of bodies rarely hold one.
    """
    doc = ent.doc
    if ent.id_:
        return [ent]  # a name from our lists, brackets and all: "Communist Party of India (Marxist)"
    end = ent.end
    if ent[-1].lower_ in ("and", "&"):  # "Ministry of Culture, Sports and" + "Tourism": the model stopped short
        while end < len(doc) and end < ent.end + 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
    if comma_body(doc[ent.start:end]):
        return [Span(doc, ent.start, end, label="ORG", kb_id=ent.kb_id_)]  # "Ministry of Economy, Trade and Industry"
    if any(t.text == "(" and t.i + 2 < ent.end and t.nbor(1).lower_ in LEGAL_FORMS_IN_BRACKETS and t.nbor(2).text == ")"
           for t in ent):
        return [ent]  # "Brennholt Southern Africa (Pty) Ltd": one name
    parts: list[Span] = []
    start = ent.start
    label = ent.label_
    for token in ent:
        if token.text in (",", "(", ")", "“", "”", '"', "‘") or token.text == "’" and token.i == start:
            if token.text == "," and label in ("ORG", "PERSON"):
                label = "GPE"
            if token.i > start:
                parts.append(Span(doc, start, token.i, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_))
            start = token.i + 1
    if start == ent.start:
        return [ent]
    if start < ent.end:
        parts.append(Span(doc, start, ent.end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_))
    if label != ent.label_:
        parts = [Span(doc, p.start, p.end, label=label) for p in parts]
    return parts


def defined_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body's name with a comma inside, defined by its acronym in brackets: "the Kenya Medical Practitioners,
    Pharmacists and Dentists Union (KMPDU)", "the Philippine Atmospheric, Geophysical and Astronomical
    Services Administration (Pagasa)". The model cuts such a name at its comma into bodies, places and
    nationalities; the acronym says where the name starts. The long form is found as Schwartz and Hearst
    (2003, "A simple algorithm for identifying abbreviation definitions in biomedical text") find one: the
    acronym's letters, in order, are initials of the capitalised words before the bracket, the first
    letter the first word's and the last the last word's, which must end a body's name (``body_end``,
    ``ORG_SUFFIXES``). Names with a comma are taken, and names the model cut into pieces or left partly
    unlabelled ("the United Nations Office" + "for the" + "Coordination of Humanitarian Affairs (OCHA)": the
    long form then starts where the first piece does), whose last word ends a body's name or whose words'
    initials are the acronym's letters exactly ("Pakatan Harapan (PH)"). Never a person's name. The acronym
    is that body too. One look per bracket: linear."""
    out = spans
    for bracket in index.tokens(doc, lambda w: w == "("):
        k = bracket.i
        if k < 2 or k + 2 >= len(doc) or doc[k + 2].text != ")":
            continue
        short = doc[k + 1].text
        if not (2 <= len(short) <= 8 and short.isalpha() and short[0].isupper()
                and (short.isupper() or short[1:].islower())):
            continue
        ends_body = body_end(doc[k - 1]) or doc[k - 1].lower_ in ORG_SUFFIXES
        capitals: list[int] = []
        j = k - 1
        while j >= 0 and k - j <= 14:
            word = doc[j]
            if word.is_alpha and word.text[:1].isupper() and word.lower_ != "the":
                capitals.append(j)
            elif not (word.text in (",", "&") or word.lower_ in ("and", "of", "for", "on", "the")):
                break
            j -= 1
        capitals.reverse()
        letters = short.lower()
        starts = [i for n, i in enumerate(capitals)
                  if doc[i].text[0].lower() == letters[0] and doc[k - 1].text[0].lower() == letters[-1]
                  and len(capitals) - n <= len(letters) + 2
                  and _subsequence(letters, [doc[c].text[0].lower() for c in capitals[n:]])]
        if not starts:
            continue
        # the longest form when a comma is inside it (the portfolios of one name); else the shortest, as Schwartz
        # and Hearst take it: "the Executive Director of the Environmental Protection Agency (EPA)" defines the agency
        start = starts[0] if any(doc[i].text == "," for i in range(starts[0], k)) else starts[-1]
        # a name the model cut, read whole: "the United Nations Office" + "for the" + "Coordination of
        # Humanitarian Affairs (OCHA)", "Pakatan" + "Harapan (PH)". The long form may start inside the first piece
        inside = [s for s in out if s.start < k and s.end > start]
        # "Pakatan Harapan (PH)", "Barisan Nasional (BN)" labelled a person: every word one letter, in order,
        # and the model saw a name there; not "West Texas Intermediate (WTI)", a benchmark the model saw no
        # name in, or one that starts with a place's name
        exact = bool(inside) and [doc[c].text[0].lower() for c in capitals if c >= start] == list(letters) \
            and not lexicon.is_first_name(doc[start].text) \
            and not any(p.label_ in ("GPE", "LOC") and known_place(lexicon.strip_the(p.text).lower(), any_region=True)
                        for p in inside)
        first = min(inside, key=lambda s: s.start, default=None)
        if first is not None and first.start < start and first.label_ == "ORG":
            start = first.start
        comma = any(doc[i].text == "," for i in range(start, k))
        whole = len(inside) == 1 and inside[0].start == start and inside[0].end == k
        cut = bool(inside) and not whole  # pieces, or one piece with unlabelled words beside it
        # the model had it right; and a person's name is never taken for a body's on a loose match
        if whole and inside[0].label_ == "ORG" or not (comma and ends_body or exact or cut and ends_body
                                                        and len(short) > 2
                                                        and not any(s.label_ == "PERSON" for s in inside)):
            continue
        out = [s for s in out if s.end <= start or s.start >= k]
        out = [Span(doc, s.start, s.end, label="ORG") if s.start == k + 1 and s.end == k + 2 else s for s in out]
        out.append(Span(doc, start, k, label="ORG"))
        if not any(s.start == k + 1 for s in out):
            out.append(Span(doc, k + 1, k + 2, label="ORG"))
        out.sort(key=lambda s: s.start)
    return out


def _subsequence(letters: str, initials: list[str]) -> bool:
    """Whether ``letters`` appear in ``initials`` in order (each initial used once)."""
    it = iter(initials)
    return all(letter in it for letter in letters)


def comma_body(ent: Span) -> bool:
    """'the Ministry of Economy, Trade and Industry', 'Department for Environment, Food and Rural Affairs': a
    body's head word (``data/body_heads.txt``) and "of"/"for", then capitalised portfolios joined by commas
    and a last "and": one body's name, whose commas are no place's ("City, County"). Every other word is
    capitalised, so "the Ministry of Health, officials said" is not taken in."""
    words = [t for t in ent if t.lower_ != "the" or t.i > ent.start]
    if len(words) < 6 or words[0].lower_ not in body_heads() or not words[0].text[:1].isupper() \
            or words[1].lower_ not in ("of", "for", "on"):
        return False
    commas = [i for i, t in enumerate(words) if t.text == ","]
    if not commas or not any(t.lower_ in ("and", "&") for t in words[commas[-1] + 1:-1]):
        return False
    return all(t.text[:1].isupper() or t.lower_ in (",", "and", "&", "of", "for", "on", "the") for t in words[2:]) \
        and words[-1].text[:1].isupper()


@lru_cache(maxsize=1)
def body_heads(kind: str = "") -> frozenset[str]:
    """``data/body_heads.txt``: the head words of a body's name (``kind`` ''), or the portfolio words
    (``kind`` 'portfolio')."""
    return frozenset(word.strip().lower() for word, _, k in (line.partition("|") for line in lexicon._lines(
        "body_heads.txt")) if k.strip() == kind)


def join_and_the_body(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Financial Services' + 'and the' + 'Treasury Bureau': a body cut at "and the", when the first half
    ends in a portfolio word ("Services", "Affairs") and names no body of its own (no head word, in no
    curated list) and the second half, of at most three words, ends in a body's head word (``data/body_heads.txt``)."""
    out: list[Span] = []
    skip = -1
    for i, span in enumerate(spans):
        if i == skip:
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is not None and span.label_ == "ORG" and nxt.label_ == "ORG" and not span.id_ and not nxt.id_ \
                and span[-1].lower_ in body_heads("portfolio") and span[-1].text[:1].isupper() \
                and not any(t.lower_ in body_heads() for t in span) \
                and lexicon.strip_the(span.text).lower() not in lexicon.named_index() \
                and nxt.start == span.end + 2 \
                and doc[span.end].lower_ == "and" and doc[span.end + 1].lower_ == "the" \
                and len([t for t in nxt if t.lower_ != "the"]) <= 3 and nxt[-1].lower_ in body_heads():
            out.append(Span(doc, span.start, nxt.end, label="ORG"))
            skip = i + 1
            continue
        out.append(span)
    return out


# English words written after a name with a hyphen ("Wan Chai-based", "Leeds-born", "Kwok-era"): no syllable
# of a given name, whatever the tagger says of them
NOT_SYLLABLES = {"based", "born", "bred", "led", "run", "owned", "backed", "linked", "made", "style", "era", "area",
                 "wide", "like", "type", "bound", "free", "only", "plus", "esque", "ish"}


def join_hyphen_given_name(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Karen Mok Wing' + '-yee': a Hong Kong or Chinese name written with a hyphenated given name ("Vincent
    Lau Ka-chun") that the model cut at the hyphen is one person's name. A person's span followed, with no
    space, by a hyphen and a lower-case syllable (up to six letters, no further hyphen, no participle or
    adjective: "Wan Chai-based" is no name) takes them in."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        k = span.end
        if span.label_ == "PERSON" and len(span) >= 2 and k + 1 < len(doc) and doc[k].text in ("-", "‑") \
                and not doc[k - 1].whitespace_ and not doc[k].whitespace_ and doc[k + 1].is_alpha \
                and doc[k + 1].text.islower() and len(doc[k + 1].text) <= 6 and k not in covered \
                and doc[k + 1].tag_ not in ("VBN", "VBD", "VBG", "JJ") and doc[k + 1].lower_ not in NOT_SYLLABLES \
                and k + 1 not in covered and not (k + 2 < len(doc) and doc[k + 2].text in ("-", "‑")):
            span = Span(doc, span.start, k + 2, label="PERSON", span_id=span.id_)
        out.append(span)
    return out


NICK_OPEN = {'"', "“"}
NICK_CLOSE = {'"', "”"}
HYPHENS = ("-", "‑")


def surname_tokens(doc: Doc, k: int, limit: int = 3) -> int:
    """Where a surname that starts at token ``k`` ends: up to ``limit`` capitalised words, a part joined by
    a hyphen with no space ("Abad-Alba", "Te Whata-Clarke") counting with the word before it, and a
    lower-case particle before a capitalised word ("dela Cruz"). ``k`` itself when no surname starts there."""
    end, words, particles = k, 0, lexicon.name_particles()
    while end < len(doc) and words < limit:
        tok = doc[end]
        if tok.text[:1].isupper() and tok.is_alpha:
            end, words = end + 1, words + 1
        elif words and tok.text in HYPHENS and not doc[end - 1].whitespace_ and not tok.whitespace_ \
                and end + 1 < len(doc) and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha:
            end += 2
        elif tok.text.islower() and tok.text in particles and end + 1 < len(doc) \
                and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha:
            end += 1
        else:
            break
    return end


def join_nickname(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Ramon "Monching" Cruz', 'Sen. Imelda “Mel” Sarmiento-Cruz of Leyte': a nickname in quotes between a
    given name and a surname is part of one person's name. The model cuts such a name at the quotes and
    takes the pieces for a person, a body or a work ("Mel", "Sarmiento-Cruz of Leyte"); they give way to
    one PERSON span from the given name to the surname, quotes and nickname kept as written (the short
    forms "Mel" and "Sarmiento-Cruz" join it in ``actors.group``). Needs one or two capitalised words in
    tight quotes, a capitalised word right before them and a surname right after, and either a known
    given name first or a person the model saw in those words."""
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    titles = lexicon.titles()
    made: list[Span] = []
    dropped: set[int] = set()
    for t in index.tokens(doc, NICK_OPEN.__contains__, 1, -2):
        i = t.i
        if t.text not in NICK_OPEN or t.whitespace_ or not doc[i - 1].whitespace_:
            continue
        j = i + 1
        while j < len(doc) and j - i <= 2 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j == i + 1 or j >= len(doc) - 1 or doc[j].text not in NICK_CLOSE or doc[j - 1].whitespace_ \
                or not doc[j].whitespace_:
            continue
        end = surname_tokens(doc, j + 1)
        if end == j + 1:
            continue
        start = i
        while start > 0 and i - start < 2 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
                and doc[start - 1].text not in titles and doc[start - 1].text not in HONORIFICS \
                and (start == i or not doc[start].is_sent_start):
            start -= 1
        if start == i:
            continue
        overlapping = {id(s): s for k in range(start, end) if (s := covered.get(k)) is not None}
        if any(s.id_ for s in overlapping.values()) or not (lexicon.is_first_name(doc[start].text) or any(
                s.label_ == "PERSON" for s in overlapping.values())):
            continue
        dropped.update(overlapping)
        made.append(Span(doc, start, end, label="PERSON"))
    if not made:
        return spans
    return sorted([s for s in spans if id(s) not in dropped] + made, key=lambda s: s.start)


def join_hyphen_surname(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Nadia Te Whata' + '-Clarke', 'Mr Otieno' + '-Makori': the model stopped a person's name at the
    hyphen of a double-barrelled surname. A person's span of two words or more, followed with no space by
    a hyphen and a capitalised word that starts no other name, takes them in; so does a one-word span
    when the joined word is a surname of a person the article names in full ("Otieno-Makori" after
    "Daniel Otieno-Makori"). "the Biden-Xi summit", with "Xi" a name of its own, stays two names."""
    starting = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    hyphened = {w for s in spans if s.label_ == "PERSON" and len(s) > 2 for w in s.text.split()[1:] if "-" in w}
    out = []
    for span in spans:
        k = span.end
        if span.label_ in ("PERSON", "ORG") and not span.id_ and k + 1 < len(doc) and doc[k].text in HYPHENS \
                and not doc[k - 1].whitespace_ and not doc[k].whitespace_ and doc[k + 1].text[:1].isupper() \
                and doc[k + 1].is_alpha and k not in covered and k + 1 not in starting and k + 1 not in covered \
                and not (k + 2 < len(doc) and doc[k + 2].text in HYPHENS and not doc[k + 1].whitespace_):
            joined = span[-1].text + "-" + doc[k + 1].text
            if span.label_ == "PERSON" and len(span) >= 2 and span[-1].text[:1].isupper() or joined in hyphened:
                span = Span(doc, span.start, k + 2, label="PERSON")
        out.append(span)
    return out


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def join_initials(doc: Doc, spans: list[Span]) -> list[Span]:
    """'P. Selvi', 'T.R. Sundaram': a name written with initials before the surname, the common way in South
    India and Sri Lanka. The model often leaves the initials out and takes the surname for a body ("Selvi"
    ORG) or labels the whole an organisation. A span of one or two capitalised words right after initials
    (one to three letters, each with a full stop, in no entity) takes them in and is a person; so is a
    span that starts with initials and holds one or two words more. Initials that spell a country or body
    ("U.S.", "U.N.") and names in the curated lists stay as they are; so does a name ending in a company
    word ("J. Crew Group")."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        start = span.start
        while start > 0 and INITIALS.fullmatch(doc[start - 1].text) and doc[start - 1].whitespace_ \
                and start - 1 not in covered and span.start - start < 2:
            start -= 1
        lead = start
        while lead < span.end - 1 and INITIALS.fullmatch(doc[lead].text):
            lead += 1
        words = [t.text for t in doc[lead:span.end]]
        if (start < span.start or lead > span.start) and span.label_ in ("PERSON", "ORG", "GPE", "NORP") \
                and not span.id_ and 1 <= len(words) <= 2 and all(w[:1].isupper() and w.isalpha() for w in words) \
                and words[-1].lower() not in ORG_SUFFIXES \
                and not any(t.text.lower() in lexicon.country_index() or t.text.replace(".", "") in NOT_NAMES
                            or t.text.lower() in lexicon.named_index() for t in doc[start:lead]) \
                and (doc[start:span.end].text.lower() not in lexicon.named_index()):
            span = Span(doc, start, span.end, label="PERSON")
        out.append(span)
    return out


def role_word_first(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Spokesperson Thandeka Mokoena', 'Farmer R. Kannan', 'Economist Lena Brandt': a capitalised role word
    (``data/role_nouns.txt``, no known given name, no title of ``lexicon.titles``: those are read by
    ``actors.strip_titles``) that opens a sentence or a name is no part of the name. Inside a person's span
    it comes off; as a one-word body right before a person's name ("Economist" taken for the magazine,
    with no "the" before it, even where a list names an outlet so) it is dropped. ``actors.title_before``
    reads it as the role."""
    roles, titles = lexicon.person_role_nouns(), lexicon.titles()  # "Grazier Des Roe" too

    def role_word(t) -> bool:
        return t.text[:1].isupper() and t.is_alpha and t.lower_ in roles and t.text not in titles \
            and not lexicon.is_first_name(t.text)

    starting = {s.start: s for s in spans}
    out = []
    changed = False
    for span in spans:
        if span.label_ == "PERSON" and not span.id_ and len(span) >= 3 and role_word(span[0]) \
                and (span[1].text[:1].isupper() and not role_word(span[1])):
            span, changed = Span(doc, span.start + 1, span.end, label="PERSON"), True
        elif span.label_ == "ORG" and not span.id_ and len(span) >= 3 and role_word(span[0]) \
                and lexicon.is_first_name(span[1].text) and all(t.text[:1].isupper() for t in span[1:]):
            # "Neighbour Grace Obi said" taken whole for a body: the role word, then a person by a known given name
            span, changed = Span(doc, span.start + 1, span.end, label="PERSON"), True
        elif span.label_ == "ORG" and len(span) == 1 and (role_word(span[0]) or titles.get(span[0].text) == "title") \
                and (nxt := starting.get(span.end)) is not None and nxt.label_ == "PERSON" \
                and not (span.start > 0 and doc[span.start - 1].lower_ == "the"):
            changed = True
            continue
        out.append(span)
    return out if changed else spans


def unlabelled_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'DA councillor in Knysna, Thabo Mkhize, accused …' with no entity at all: a known given name
    (``lexicon.is_first_name``, hyphenated ones too: "Jan-Willem") and one capitalised proper noun after it
    (hyphenated parts and lower-case particles joined: "Mokoena-Dlamini", "du Preez"), in no entity and in
    no longer run of capitalised words, are a person's name when the pair stands in commas or between a
    sentence's start and a comma (an apposition) or the surname comes
    again elsewhere in the article ("Mkhize told reporters"). A surname that a list, a gazetteer or the
    titles know ("Grace Church", "Jordan Valley") is left alone."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    seen: dict[str, int] = {}
    for word in index.words(doc):
        if word.isalpha() and word[:1].isupper():  # spaCy's is_alpha is str.isalpha
            seen[word] = seen.get(word, 0) + 1
    made = []
    for t in index.tokens(doc, lambda w: w.isalpha() and lexicon.is_first_name(w), None, -1):
        i = t.i
        if i in covered or t.pos_ != "PROPN" or not t.is_alpha or not lexicon.is_first_name(t.text):
            continue
        if i > 0 and not t.is_sent_start and doc[i - 1].is_alpha and doc[i - 1].text[:1].isupper():
            continue  # inside a longer run of capitalised words: the model's call
        given_end = i + 1
        if i + 2 < len(doc) and doc[i + 1].text in HYPHENS and not t.whitespace_ and not doc[i + 1].whitespace_ \
                and doc[i + 2].is_alpha and doc[i + 2].text[:1].isupper() and lexicon.is_first_name(doc[i + 2].text):
            given_end = i + 3  # "Jan-Willem", "Anna-Marie": a hyphenated given name
        run = given_end
        while run + 1 < len(doc) and doc[run].text in lexicon.capital_particles() and run - given_end < 2:
            run += 1  # "Úna Nic Giolla Easpaig", "Saeed Abu Hamdan": the particles open the surname
        end = surname_tokens(doc, run, limit=1)
        if end == run or any(k in covered for k in range(i + 1, end)) or doc[end - 1].pos_ != "PROPN" \
                or end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
            continue
        last = doc[end - 1]
        key = doc[run:end].text.lower()
        whole = doc[i:end].text.lower()  # "Victoria Falls", "Georgia Tech": a place's or a body's whole name
        if whole in lexicon.named_index() or known_place(whole) or whole in city_index_keys() \
                or key in lexicon.named_index() or known_place(key) or key in lexicon.country_index() \
                or key in lexicon.demonyms() or last.text in lexicon.titles() or last.lower_ in lexicon.role_nouns():
            continue
        apposition = (i == 0 or t.is_sent_start or doc[i - 1].text == ",") and end < len(doc) and doc[end].text == ","
        if apposition or seen.get(last.text, 0) > 1:
            made.append(Span(doc, i, end, label="PERSON"))
    if not made:
        return spans
    return sorted(spans + made, key=lambda s: s.start)


def surname_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Te Huia-Brooks said …', 'Nic Giolla Easpaig added …' after "Wiremu Te Huia-Brooks": a person's surname
    of several tokens (a particle run and the surname, or a hyphenated surname) written again where the model
    saw no name, or only its last word ("Kaka" for "Te Kaka"), is that person's short form: one PERSON span
    over the whole of it. Matched case-sensitively, the first letter also capitalised ("Du Toit")."""
    capital, particles = lexicon.capital_particles(), lexicon.name_particles()
    forms: dict[str, set[tuple[str, ...]]] = {}
    for span in spans:
        if len(span) < 3 or span.id_ or not (span.label_ == "PERSON" or span.label_ in ("ORG", "GPE", "NORP")
                                             and (lexicon.is_first_name(span[0].text) or role_before_speaker(span))):
            continue  # "Wiremu Te Huia-Brooks" the model took for a body is still a given name and a surname
        for j in range(span.start + 1, span.end - 1):
            t = doc[j]
            if t.text in capital or t.text.islower() and t.text in particles:
                seq = tuple(x.text for x in doc[j:span.end])
                break
        else:
            seq = ()
            if len(span) >= 4 and doc[span.end - 2].text in HYPHENS and not doc[span.end - 2].whitespace_:
                seq = tuple(x.text for x in doc[span.end - 3:span.end])  # "Otieno-Makori"
        if seq and all(seq[-1] != x for x in ("-", "‑")):
            for form in {seq, (seq[0][:1].upper() + seq[0][1:],) + seq[1:]}:
                forms.setdefault(form[0], set()).add(form)
    if not forms:
        return spans
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    made, dropped = [], set()
    for t in index.tokens(doc, forms.__contains__):
        for form in forms.get(t.text, ()):
            end = t.i + len(form)
            if end > len(doc) or tuple(x.text for x in doc[t.i:end]) != form:
                continue
            inside = {id(s): s for k in range(t.i, end) if (s := covered.get(k)) is not None}
            if any(s.start < t.i or s.end > end or s.id_ for s in inside.values()) \
                    or any(s.start == t.i and s.end == end and s.label_ == "PERSON" for s in inside.values()):
                continue  # ("Ó Karo-Kaka" the model took for a body is the person's short form too)
            if end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper():
                continue  # part of a longer name
            dropped.update(inside)
            made.append(Span(doc, t.i, end, label="PERSON"))
            covered.update({k: made[-1] for k in range(t.i, end)})
    if not made:
        return spans
    return sorted([s for s in spans if id(s) not in dropped] + made, key=lambda s: s.start)


@lru_cache(maxsize=1)
def club_words() -> dict[str, frozenset[str]]:
    """``data/club_words.txt``: 'first' → words that open a club's name (case kept), 'last' → words that end
    one (lower case)."""
    out: dict[str, set[str]] = {"first": set(), "last": set()}
    for line in lexicon._lines("club_words.txt"):
        word, _, kind = (part.strip() for part in line.partition("|"))
        out.setdefault(kind, set()).add(word if kind == "first" else word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def club_prefix(doc: Doc, spans: list[Span]) -> list[Span]:
    """'PSV' + 'Eindhoven', 'FC' + 'Porto': a club's capitalised abbreviation (``data/club_words.txt``, kind
    'first', written in capitals) the model left out of the name after it is part of that name, a club; so
    is such an abbreviation and the capitalised proper nouns after it that the model did not label at all."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    firsts = club_words()["first"]
    out = []
    for span in spans:
        k = span.start - 1
        if k >= 0 and k not in covered and doc[k].text in firsts and doc[k].text.isupper() and doc[k].whitespace_ \
                and span.label_ in ("PERSON", "GPE", "LOC", "ORG", "FAC") and not span.id_.startswith(("outlet:", "organisation:")):
            span = Span(doc, k, span.end, label="ORG")
            covered.add(k)
        out.append(span)
    added = False
    for t in index.tokens(doc, lambda w: w in firsts and w.isupper(), None, -1):  # "three points behind PSV
        # Eindhoven" with no label at all: the abbreviation says a club
        if t.i in covered or t.text not in firsts or not t.text.isupper() or not t.whitespace_:
            continue
        end = t.i + 1
        while end < len(doc) and end < t.i + 4 and end not in covered and doc[end].pos_ == "PROPN" \
                and doc[end].text[:1].isupper() and doc[end].text[1:].islower():
            end += 1
        if end > t.i + 1:
            out.append(Span(doc, t.i, end, label="ORG"))
            covered.update(range(t.i, end))
            added = True
    return sorted(out, key=lambda s: s.start) if added else out


def join_place_particle(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Rio Grande' + 'do Sul', 'Mato Grosso' + 'do Sul': a place the model cut before a lower-case particle
    (``data/place_particles.txt``) is the longer name when a gazetteer knows it (``known_place`` or a
    division of some country); the longest such name wins. Capitalised words after the particle, up to three.
    A name that goes on with hyphens and particles ("Moreton-in-Marsh", ``hyphened_place_end``) is a place
    with no gazetteer asked, labelled or not."""
    particles = lexicon.word_set("place_particles.txt")
    covered = {i for s in spans for i in range(s.start, s.end)}
    hyphened: set[tuple[int, int]] = set()
    out = []
    for span in spans:
        k = span.end
        if span.label_ in ("GPE", "LOC", "ORG", "PERSON", "FAC") and not span.id_.startswith(("outlet:", "organisation:")) \
                and k + 1 < len(doc) and doc[k].text in particles and k not in covered:
            best = None
            for end in range(k + 2, min(len(doc), k + 4) + 1):
                if not doc[end - 1].text[:1].isupper():
                    break
                name = doc[span.start:end].text
                if known_place(lexicon.strip_the(name).lower(), any_region=True) or division_name(lexicon.strip_the(name)):
                    best = end
            if best is not None:  # a piece the model labelled apart ("Sul") goes: filter_spans keeps the longer
                span = Span(doc, span.start, best, label="GPE")
        elif span.label_ in ("GPE", "LOC", "ORG", "PERSON") and not span.id_ and (end := hyphened_place_end(doc, k)):
            span = Span(doc, span.start, end, label="GPE")
            hyphened.add((span.start, span.end))
        out.append(span)
    # "at the Riverside in Chester-le-Street" with no name labelled: the shape alone says it is a town
    for t in index.tokens(doc, lambda w: w == "-", None, -1):
        if t.i > 0 and (head := doc[t.i - 1]).i not in covered and head.is_alpha \
                and head.text[:1].isupper() and head.whitespace_ == "" and (end := hyphened_place_end(doc, t.i)):
            out.append(Span(doc, head.i, end, label="GPE"))
            hyphened.add((head.i, end))
    # the shape says what the name is: later rules read no body in "Bourton-on-the-Water"'s last word
    doc.user_data.setdefault(LISTED_PLACES, set()).update(hyphened)
    return filter_spans(out)


HYPHENED_PARTICLES = {"in", "on", "upon", "under", "by", "le", "la", "les", "sur", "sous", "en", "the", "de", "du",
                      "des", "next", "cum", "super", "over"}


def hyphened_place_end(doc: Doc, k: int) -> int | None:
    """Where a place's name that goes on with hyphens and lower-case particles after token ``k - 1`` ends:
    "Moreton" + "-in-Marsh", "Stow" + "-on-the-Wold", "Saint-Jean" + "-sur-Richelieu", "Chester" +
    "-le-Street"; None when no such tail follows. English and French town names take this shape and no
    person's or body's name does, so no gazetteer is asked."""
    j = k
    particles = 0
    while j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in HYPHENED_PARTICLES \
            and doc[j + 1].text.islower() and doc[j].whitespace_ == "" and doc[j + 1].whitespace_ == "":
        j += 2
        particles += 1
    if particles and j + 1 < len(doc) and doc[j].text == "-" and doc[j].whitespace_ == "" \
            and doc[j + 1].is_alpha and doc[j + 1].text[:1].isupper():
        return j + 2
    return None


def split_at_place(ent: Span) -> list[Span]:
    """'Highveld Asset Management in Cape Town': the model ran past the name into a place."""
    doc = ent.doc
    if ent.label_ == "ORG":
        for i in range(ent.start + 1, ent.end - 1):
            if doc[i].lower_ in ("in", "at") and doc[i + 1].text[:1].isupper() and \
                    known_place(doc[i + 1:ent.end].text.lower()):
                return [Span(doc, ent.start, i, label="ORG", span_id=ent.id_), Span(doc, i + 1, ent.end, label="GPE")]
    return [ent]


# Words that name a company's legal form and nothing else: alone they are never an entity
LEGAL_FORMS = {"co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "cos", "cos."}


def join_and_co(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Whitford and Co", "Kessler Brothers and Co Inc": the "and Co" (with any legal form after it) is part
    of the name before it, which the model often cut off as an entity of its own ("Co", "Co Inc"). Returns
    the spans with each such name made whole and any span of legal forms alone dropped (an entity named
    "Co" would be a fragment whatever joined it)."""
    out: list[Span] = []
    covered_to = -1
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < covered_to:
            continue  # a fragment the name before it now takes in
        end = span.end
        if end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and doc[end + 1].text in ("Co", "Co.") \
                and not (end + 2 < len(doc) and doc[end + 2].text in ("-", "–")):  # "Tesco and Co-op" is two
            end += 2
            while end < len(doc) and doc[end].lower_ in LEGAL_FORMS:
                end += 1
        if all(t.lower_ in LEGAL_FORMS or t.lower_ in ("and", "&") for t in doc[span.start:end]):
            continue
        if end != span.end:
            span = Span(doc, span.start, end, label="ORG", span_id=span.id_)
            covered_to = end
        out.append(span)
    return out


def join_law_word(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Data Protection" + "Bill": the model often cuts a law's last word (data/non_actors.txt, kind "last")
    off its name and calls it a person. Returns the spans with each such pair made one LAW span, so neither
    half becomes an actor."""
    from .actors import non_actors  # actors imports this module
    lasts = non_actors().get("last", frozenset())
    out: list[Span] = []
    for span in spans:
        if out and len(span) == 1 and span.text in lasts and out[-1].end == span.start and out[-1].label_ == "ORG":
            out[-1] = Span(doc, out[-1].start, span.end, label="LAW")
            continue
        if span.label_ == "ORG" and span.end < len(doc) and doc[span.end].text in lasts \
                and not any(s.start == span.end for s in spans):
            span = Span(doc, span.start, span.end + 1, label="LAW")  # the word left unlabelled
        out.append(span)
    return out


# Words that open a question ("Are Urban Meyer and Nick Saban …?", "Why Donald Trump …"): capitalised at a
# sentence's or headline's start, the model often takes them into the name that follows. Not "Will" or
# "May": given names too.
QUESTION_OPENERS = {"Are", "Is", "Was", "Were", "Do", "Does", "Did", "Has", "Have", "Had", "Can", "Could", "Would",
                    "Should", "Shall", "Might", "Must", "Why", "How", "When", "Where"}


def trim(ent: Span) -> Span | None:
    from .locations import saints_possessive_ends_name

    doc = ent.doc
    start, end = ent.start, ent.end
    while end > start and doc[end - 1].is_space:  # the line break after a paragraph's last word
        end -= 1
    while end > start and doc[end - 1].text in POSSESSIVE and not (
            ent.label_ in ("GPE", "LOC") and doc[start].text in ("St", "St.", "Saint") and end - start > 2
            and saints_possessive_ends_name(doc, end - 1)):
        end -= 1  # "St John's" is a town's whole name (locations.named_place_spans)
    while start < end and (doc[start].lower_ == "the" or doc[start].text in POSSESSIVE):
        start += 1  # "the …", and "’s Air Force One" cut out of "the president’s Air Force One"
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (".",) and \
            not (doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end - 1])):
        end -= 1
    while end > start and doc[end - 1].text == "." and len(doc[end - 1].text) == 1:
        end -= 1
    if end - start > 1 and doc[start].text.isdigit() and doc[start + 1].text[:1].isupper() and \
            (start == 0 or "\n" in doc[start - 1].text_with_ws):
        start += 1  # "6 Halvorsen Jr says …" at a line's start: a list's number, not part of the name
    if end - start > 2 and doc[start].text in QUESTION_OPENERS and (start == 0 or doc[start].is_sent_start
                                                               or "\n" in doc[start - 1].text_with_ws) \
            and all(t.text[:1].isupper() for t in doc[start + 1:end]) and not lexicon.is_first_name(doc[start].text):
        start += 1  # "Are Urban Meyer and Nick Saban …?": a question's verb, not part of the name
    if end - start > 2 and doc[end - 2].text in ("-", "‑") and doc[end - 1].lower_ in ("based", "born", "bred") \
            and not doc[end - 3].whitespace_:
        # "a Sham Shui Po-based trader" taken for a person: the words before "-based" name a place
        return Span(doc, start, end - 2, label="GPE") if end - start > 3 and ent.label_ in ("PERSON", "GPE") else None
    if end - start == 1 and re.fullmatch(r"[A-Z]\.?", doc[start].text):
        return None  # "wrote on X." — a lone letter is no name we can use
    while end - start > 1 and ent.label_ == "PERSON" and doc[end - 1].text.isdigit():
        end -= 1  # "trail Durham 447": a score or a total, no part of a name
    while end - start > 1 and ent.label_ == "ORG" and re.fullmatch(r"\d+(st|nd|rd|th|-|–)?", doc[end - 1].text) \
            and doc[end - 2].lower_ not in CHANNEL_WORDS and doc[end - 2].lower_ != "of" \
            and doc[end - 2].text not in STREET_ENDS | {"Route"}:
        end -= 1  # "Chelsea 11th", "Flamengo 3-2": a rank or a score, not part of the name ("BBC Radio 4",
        # "the Group of 20", "State Highway 2" are)
    amount = next((i for i in range(start + 1, end) if doc[i].like_num and i + 1 < len(doc)
                   and doc[i + 1].lower_ in AMOUNT_SCALES), None)
    if amount is not None:
        end = amount  # "pays Senegal 1.7 million euros" taken whole: an amount is no part of a name
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ"):
        end -= 1  # "the Colchester East Hants Health Centre in Truro" taken with its "in": no name ends so
    score = re.search(r"\s\d{1,2}\s?[-–]\s?(?:\d{1,2})?$", doc[start:end].text)
    if score and end - start > 1 and ent.label_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") and doc[start].text[:1].isupper():
        end = start + len(doc[start:end].char_span(0, score.start(), alignment_mode="contract") or ())
        # "beat Norwich City 2-1" taken whole: the score is no part of the club's name
    # "Peru’s National Institute of …": the possessor is a place, the name starts after it
    for i in range(start, min(end - 1, start + 3)):
        if doc[i].text in POSSESSIVE and i + 1 < end and lexicon.strip_the(doc[start:i].text).lower() in lexicon.country_index():
            start = i + 1
            break
    # "Neighbouring Chile": a capitalised adjective at the start of a sentence
    whole = doc[start:end].text.lower()
    if end - start == 2 and doc[start].is_sent_start and doc[start + 1].text.lower() in lexicon.country_index() \
            and whole not in lexicon.country_index() and whole not in lexicon.place_index() and not ent.id_ \
            and not (doc[start].lower_ in SERVICE_NOUNS and doc[start + 1].lower_ in NATIONS):  # "Health Canada said"
        start += 1
    if end <= start:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_)


def join_nationality_to_org(doc: Doc, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span.label_ == "ORG" and out[-1].label_ == "NORP" and out[-1].end == span.start:
            prev = out.pop()
            out.append(Span(doc, prev.start, span.end, label="ORG", span_id=span.id_))
            continue
        out.append(span)
    return out


# capitalised words that end a body's name ("… Arson Section", "… Sheriff's Office", "… County Schools"): with
# the head words of ``data/body_heads.txt``, what ends a name that ``joined_bodies`` joins
BODY_END_WORDS = {"section", "service", "services", "unit", "division", "branch", "board", "centre", "center",
                  "society", "societies", "squad", "schools", "police", "brigade", "corps", "constabulary",
                  "administration", "institute", "foundation", "tribunal", "force", "forces"}
# capitalised nouns of a public service or trade that, before a country's or a nation's name, make one
# body's name ("Police Scotland", "Water UK", "Health Canada", "Statistics Canada", "Sport England")
SERVICE_NOUNS = {"police", "water", "health", "statistics", "transport", "sport", "tourism", "energy", "universities",
                 "environment", "fisheries", "justice", "education", "housing", "revenue", "food", "nature", "forestry",
                 "heritage", "employment", "skills", "finance", "trade", "maritime", "aviation", "parks", "forest",
                 "forests", "ambulance", "fire", "rail", "roads", "highways", "historic", "cancer", "diabetes", "oil",
                 "gas", "wine", "music", "arts", "science", "research", "innovation", "customs", "immigration"}
NATIONS = {"uk", "u.k.", "britain", "england", "scotland", "wales", "northern ireland", "ireland", "canada",
           "australia", "new zealand", "nz"}
LEGISLATURES = {"senate", "assembly", "parliament", "congress", "house", "cabinet", "legislature"}
CALL_LETTERS = re.compile(r"[KW][A-Z]{3}|[KW][A-Z]{2,3}-(?:TV|FM|AM|DT|LP)")  # "WKRT", "KXLY", "WSB-TV"


def body_end(token) -> bool:
    """A capitalised word that ends a body's name (``BODY_END_WORDS`` or a head word of ``data/body_heads.txt``)."""
    return token.text[:1].isupper() and (token.lower_ in BODY_END_WORDS or token.lower_ in body_heads())


def joined_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """One body's name the model cut in two, or in which it saw only a place, made one ORG span:

    * "Tennessee Bomb" + "and" + "Arson Section", "Fish and" + "Wildlife Service", "Ethics and" +
      "Anti-Corruption Commission": capitalised words, "and" or "&", then a name that ends in a body's word
      (``body_end``). The first half must name no body of its own: more than one word if the model labelled
      it a body, no head word at its end, in no curated list, no known place ("the Home Office and Border
      Force", "Kent Police and Essex Police", "Microsoft and Azure Services" stay two);
    * a place and the capitalised words after it that end in a body's word ("Maury County" + "Sheriff's
      Office", "Knox County Schools" taken whole for a place): the place's body;
    * a service noun before a nation's name ("Police Scotland", "Water UK", ``SERVICE_NOUNS``);
    * a broadcaster's call letters with the "News" and channel number after them ("WKRT News 4", "KXLY 4").

    ``spans`` are every entity of the article, sorted; the result is sorted and keeps no overlap the
    input did not have. Linear in the article's tokens."""
    n = len(doc)
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    starts = {s.start: s for s in spans}
    new: list[Span] = []  # spans to add; tokens they cover drop every span that overlaps them
    for t in index.tokens(doc, lambda w: w.lower() in ("and", "&")):
        k = t.i
        if t.lower_ not in ("and", "&") or k == 0 or k + 1 >= n:
            continue
        b = starts.get(k + 1)
        if b is None or b.label_ != "ORG" or b.id_ or not body_end(b[-1]) \
                or not all(w.text[:1].isupper() or w.lower_ in ("of", "for", "on") or w.text in HYPHENS for w in b):
            continue
        a = covered.get(k - 1) if covered.get(k - 1) is not None and covered[k - 1].end == k else None
        own_and = k in covered and covered[k] is not b  # "Fish and" taken with its "and"
        if own_and:
            a = covered[k]
        if a is not None:
            first = max((i + 1 for i in range(a.start, k) if doc[i].text in POSSESSIVE), default=a.start)
            words = [w for w in doc[first:k] if w.lower_ != "the"]
            if a.label_ != "ORG" or a.id_ or not words or len(words) < 2 and not own_and:
                continue
        else:
            first = k
            while first > 0 and k - first < 3 and first - 1 not in covered and doc[first - 1].text[:1].isupper() \
                    and doc[first - 1].is_alpha and doc[first - 1].pos_ in ("PROPN", "NOUN") \
                    and not lexicon.is_first_name(doc[first - 1].text) and doc[first - 1].text not in lexicon.titles() \
                    and doc[first - 1].text not in HONORIFICS:
                first -= 1
                if doc[first].is_sent_start:
                    break
            words = list(doc[first:k])
            if not words:
                continue
        key = lexicon.strip_the(doc[first:k].text).lower()
        last = words[-1]
        if body_end(last) or last.lower_ in COMMERCIAL_SUFFIXES or key in lexicon.named_index() \
                or key in lexicon.country_index() or known_place(key, any_region=True) or key in city_index_keys() \
                or not all(w.text[:1].isupper() or w.lower_ in ("of", "for") and i > 0 for i, w in enumerate(words)) \
                or any(w.lower_ in body_heads() for w in words):
            # "the Ministry of Defence and Home Office": a first half with a head word is a body of its own;
            # "International Federation of Red Cross and Red Crescent Societies" has none
            continue
        if first > (a.start if a is not None else first):  # "Senate’s County Public …": the owner keeps its name
            new.append(Span(doc, a.start, first - 1, label=a.label_))
        new.append(Span(doc, first, b.end, label="ORG"))
    for s in spans:
        if s.label_ not in ("GPE", "LOC", "ORG", "PERSON") or s.id_ and not s.id_.startswith("place:"):
            continue
        if s.label_ in ("GPE", "LOC", "PERSON") and len(s) >= 2 and body_end(s[-1]) \
                and not lexicon.is_first_name(s[0].text):
            new.append(Span(doc, s.start, s.end, label="ORG"))  # "Knox County Schools" taken for a place or a person
            continue
        if s.label_ not in ("GPE", "LOC"):
            continue
        end, j = 0, s.end
        while j < n and j - s.end < 5 and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].text in POSSESSIVE
                                          and j > s.end) and (j not in covered or covered[j].label_ == "ORG"
                                                              and covered[j].start >= s.end and not covered[j].id_):
            if body_end(doc[j]):
                end = j + 1
            j += 1
        if end and not any(j in covered and covered[j].end > end for j in range(s.end, end)) \
                and not lexicon.is_first_name(doc[s.end].text):
            new.append(Span(doc, s.start, end, label="ORG"))  # "Maury County" + "Sheriff's Office"
        elif s.text.lower() in NATIONS and s.start > 0 and doc[s.start - 1].lower_ in SERVICE_NOUNS \
                and doc[s.start - 1].text[:1].isupper() and (s.start - 1 not in covered or len(covered[s.start - 1]) == 1):
            new.append(Span(doc, s.start - 1, s.end, label="ORG"))  # "Water UK", "Health Canada"
    ends_at = {s.end: s for s in spans}
    for b in spans:
        # "The Sharjah Electricity" + "," + "Water and Gas Authority", "Dubai Roads" + ", Ports" + ", Harbours and
        # … Authority": a body named for its portfolios, cut at its commas (the head word after "and" closes it;
        # the parts before are capitalised single words, the first names no body of its own)
        if b.label_ not in ("ORG", "WORK_OF_ART", "GPE") or b.id_ or len(b) < 4 or b[1].lower_ not in ("and", "&") \
                or not body_end(b[-1]) or not all(w.text[:1].isupper() for w in b if w.i != b.start + 1):
            continue
        a = b
        while a.start > 0 and doc[a.start - 1].text == "," and (p := ends_at.get(a.start - 1)) is not None \
                and p.label_ in ("ORG", "WORK_OF_ART", "GPE", "PERSON") and not p.id_ \
                and all(w.text[:1].isupper() for w in p if w.lower_ != "the"):
            a = p
            if len(p) >= 2:
                break
        if a is not b and len(a) >= 2 and not body_end(a[-1]) and a[-1].lower_ not in COMMERCIAL_SUFFIXES \
                and not known_place(lexicon.strip_the(a.text).lower(), any_region=True):
            new.append(Span(doc, a.start, b.end, label="ORG"))
    for s in spans:  # "the University of the West Indies' Climate Studies Group": a body's unit, two bodies
        if s.label_ != "ORG" or s.id_ or len(s) < 4:
            continue
        cut = next((i for i in range(s.start + 1, s.end - 2) if doc[i].text in POSSESSIVE), None)
        if cut is None:
            continue
        left, right = doc[s.start:cut], doc[cut + 1:s.end]
        if all(t.text[:1].isupper() or t.lower_ in ("and", "&", "of", "for") and t.i > right.start for t in right) \
                and (body_end(right[-1]) or right[-1].lower_ in ORG_SUFFIXES) \
                and any(body_end(t) or t.lower_ in ORG_SUFFIXES | LEGISLATURES for t in left) and left[0].text[:1].isupper():
            new += [Span(doc, left.start, left.end, label="ORG"), Span(doc, right.start, right.end, label="ORG")]
    for t in index.tokens(doc, lambda w: w == "PT"):
        k = t.i
        # "an economist at PT Bank Mandala Raya": an Indonesian company's legal form opens its name (not the
        # Pacific time of "10 a.m. PT")
        if t.text != "PT" or k + 1 >= n or not doc[k + 1].text[:1].isupper() or not doc[k + 1].is_alpha \
                or k > 0 and (doc[k - 1].like_num or doc[k - 1].lower_ in ("a.m.", "p.m.", "am", "pm")) \
                or k + 1 in covered and covered[k + 1].label_ in ("DATE", "TIME"):
            continue
        end = k + 1
        while end < n and end - k <= 5 and doc[end].text[:1].isupper() and doc[end].is_alpha \
                and not (end in covered and covered[end].label_ in ("GPE", "LOC") and end > k + 1
                         and doc[end - 1].lower_ in ("in", "at")):
            end += 1
        new.append(Span(doc, k, end, label="ORG"))
    texts = index.words(doc)
    for k, t in ((k, doc[k]) for k, w in enumerate(texts) if CALL_LETTERS.fullmatch(w)
                 or k + 2 < n and CALL_LETTERS.fullmatch(w + texts[k + 1] + texts[k + 2])):
        if k in covered and (covered[k].start != k or covered[k].label_ not in ("ORG", "PERSON", "GPE")):
            continue
        end = k + 1 if CALL_LETTERS.fullmatch(t.text) else k + 3
        if end < n and doc[end].text in ("News", "NewsChannel"):
            end += 1
        if end < n and doc[end].like_num and doc[end].text.isdigit() and len(doc[end].text) <= 2 \
                and not (end + 1 < n and doc[end + 1].is_lower and doc[end + 1].pos_ in ("NOUN", "ADJ")):
            end += 1
        new.append(Span(doc, k, end, label="ORG"))  # "WKRT News 4", "KXLY 4"
    if not new:
        return spans
    taken = {i for s in new for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted(kept + filter_spans(new), key=lambda s: s.start)


# a court's district or circuit, which ends the court's name ("for the Southern District of Ohio")
COURT_AREA = re.compile(r"(?:the )?(?:(?:Northern|Southern|Eastern|Western|Middle|Central) District|District of "
                        r"Columbia|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|D\.C\.|"
                        r"Federal) Circuit)", re.IGNORECASE)
# last words of a body whose name goes on with "for" and the place it serves ("Electoral Commission for
# Sierra Leone", "Court of Appeals for the Sixth Circuit"); after other bodies "for" starts what the body
# does for a place ("a loan from the World Bank for Kenya")
FOR_PLACE_HEADS = {"commission", "court", "appeals", "council", "committee", "tribunal", "board", "authority",
                   "office", "agency", "department", "ministry", "directorate", "survey", "commissioner"}


def bodies_of_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """A body's name that goes on with the place it serves, which the model cut off, made one ORG span:
    "League of Women Voters" + "of" + "Ohio", "ACLU of Ohio", "Electoral Commission for Sierra Leone",
    "Geological Survey of Denmark and Greenland", "Federal District Court for the Southern District of Ohio",
    "Court of Appeals for the Sixth Circuit". A state's or a country's chapter or body is its own
    organisation, so the place is part of the name and no location mention of its own.

    Guards, each for a way news uses the same words otherwise:

    * the place ends the noun phrase: "a poll by Gallup of Ohio voters" names no body of Ohio;
    * after "for", only a body whose last word is an office's (``FOR_PLACE_HEADS``) and no curated body:
      "a loan from the World Bank for Kenya", "aid from the European Commission for Ukraine" are what it does;
    * a curated body (a known national or international one) takes "of" only with a region or a court's
      district, not a country: "the recognition by the United Nations of Palestine";
    * a one-word body that is no acronym needs an office's word ("Parliament of Ghana", not "Hamas of Gaza").

    ``spans`` are every entity of the article, sorted; the result is sorted, without overlaps."""
    n = len(doc)
    starts = {s.start: s for s in spans}
    covered = {i for s in spans for i in range(s.start, s.end)}
    new: list[Span] = []
    for s in spans:
        if s.label_ == "ORG" and len(s) > 2 and s[-1].lower_ in ("of", "for"):
            s = Span(doc, s.start, s.end - 1, label="ORG", span_id=s.id_)  # "Survey Office of" + "Norway"
        k = s.end
        if s.label_ != "ORG" or k + 1 >= n or doc[k].lower_ not in ("of", "for") or not s[-1].text[:1].isupper() \
                or s.id_ and not s.id_.startswith("organisation:") or s[-1].lower_ in COMMERCIAL_SUFFIXES:
            continue
        last = s[-1].lower_
        if len(s) == 1 and not s.text.isupper() and last not in FOR_PLACE_HEADS | LEGISLATURES | BODY_END_WORDS:
            continue
        curated = bool(s.id_) or lexicon.strip_the(s.text).lower() in lexicon.named_index()
        if doc[k].lower_ == "for" and (curated or last not in FOR_PLACE_HEADS):
            continue
        p = starts.get(k + 1) or doc[k + 1].lower_ == "the" and starts.get(k + 2) or unlabelled_place(doc, k + 1, covered)
        if p is None:
            continue
        court = COURT_AREA.fullmatch(p.text) is not None
        key = lexicon.strip_the(p.text).lower()
        country = key in lexicon.country_index()
        if not court and not (p.label_ in ("GPE", "LOC") or country or known_place(key, any_region=True)):
            continue
        if curated and (country or not court and not division_name(lexicon.strip_the(p.text))
                      and p.label_ not in ("GPE", "LOC")):
            continue
        end = p.end
        if end + 1 < n and doc[end].lower_ in ("of", "and") and (q := starts.get(end + 1)) is not None \
                and (q.label_ in ("GPE", "LOC") or known_place(lexicon.strip_the(q.text).lower(), any_region=True)):
            end = q.end  # "Southern District" + "of Ohio", "Denmark" + "and Greenland"
        if end < n and (doc[end].pos_ in ("NOUN", "PROPN", "NUM") and doc[end].is_alpha or doc[end].text in HYPHENS):
            continue
        new.append(Span(doc, s.start, end, label="ORG"))
    if not new:
        return spans
    taken = {i for s in new for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
    return sorted(kept + filter_spans(new), key=lambda s: s.start)


def region_end(doc: Doc, k: int, covered: set[int] | frozenset[int] = frozenset(), listed: bool = False) -> int:
    """End of the longest name of one to three capitalised words from token ``k``, none in ``covered``, that is
    a country or a state or province ("Ohio", "Co Clare"; with ``listed``, any place of ``data/places.tsv``
    too); 0 when there is none."""
    best = 0
    for end in range(k + 1, min(k + 3, len(doc)) + 1):
        if any(i in covered or not doc[i].text[:1].isupper() for i in range(k, end)):
            break
        words = doc[k:end].text
        if words.lower() in lexicon.country_index() or division_name(words) or listed and words.lower() in lexicon.place_index():
            best = end
    return best


def unlabelled_place(doc: Doc, k: int, covered: set[int]) -> Span | None:
    """A country's or a state's name from token ``k`` that no entity covers ("of Ohio" the model left
    unlabelled), as a GPE span (``region_end``); else None."""
    end = region_end(doc, k, covered)
    return Span(doc, k, end, label="GPE") if end else None


LISTED_PLACES = "digest_listed_places"  # doc.user_data key: (start, end) of names a plural place noun lists
# (or whose hyphens and particles say they are a town: "Moreton-in-Marsh")


@lru_cache(maxsize=1)
def place_cue_nouns() -> frozenset[str]:
    """The nouns of ``data/place_cues.txt`` that make a name before them a building or a site (kinds
    'facility', 'venue', 'head'): "Pilgrim hospital", "the Ikata plant"."""
    cues = place_cues()
    return frozenset().union(*(cues.get(kind, frozenset()) for kind in ("facility", "venue", "head")))


def lower_words(doc: Doc) -> frozenset[str]:
    """The article's words written in lower case (computed once an article, kept in ``doc.user_data``)."""
    words = doc.user_data.get("digest_lower_words")
    if words is None:
        # spaCy's is_lower and is_alpha are str.islower and str.isalpha of the token's text
        words = doc.user_data["digest_lower_words"] = frozenset(
            w for w in index.words(doc) if w.islower() and w.isalpha())
    return words


def name_shaped(parts: list[str]) -> bool:
    """Whether the words ``parts`` are shaped like a person's name: capitalised, but for a particle
    (``lexicon.name_particles``: "Marijke de Vries", "Ahmad bin Ali") or a hyphenated word ("el-Sayed"), the
    last word capitalised; "the Strait of Messina" is not."""
    return parts[-1][:1].isupper() and all(p[:1].isupper() or "-" in p or p.lower() in lexicon.name_particles()
                                           for p in parts)


def relabel(span: Span, surnames: set[str], forenames: set[str], org_heads: dict[str, Span],
            countries: set[str]) -> str | None:
    """The corrected label, or None to drop the span."""
    label = span.label_
    if label == "GPE" and (span.start, span.end) in span.doc.user_data.get(LISTED_PLACES, ()):
        return label  # "the settlements of A, B and C": the list's noun said what they are (locations.py)
    parts = span.text.split()  # "Ann-Sophie Adamsen" is two words, four tokens
    if label in ("PERSON", "ORG", "GPE", "LOC") and not span.id_ and facility_name(parts):
        return "FAC"  # "Marcos de Niza High School", "the Kurri Kurri Community Centre": a building, not a body
    if label in ("ORG", "GPE", "WORK_OF_ART") and 2 <= len(parts) <= 3 and name_shaped(parts) \
            and not span.id_ and span.text.lower() not in lexicon.named_index() \
            and not known_place(span.text.lower()) and parts[-1].lower() not in ORG_SUFFIXES \
            and followed_by_role(span):
        return "PERSON"  # "said Tomoko Arai, director of the agency's tsunami division": a person, whatever the model said
    if label in ("ORG", "GPE", "WORK_OF_ART") and 2 <= len(parts) <= 3 and name_shaped(parts) \
            and not span.id_ and span.text.lower() not in lexicon.named_index() and not known_place(span.text.lower()) \
            and parts[-1].lower() not in ORG_SUFFIXES | PLACE_SUFFIXES and person_role_before(span):
        return "PERSON"  # "the player's agent, Rik Smulders of …": a person's role in apposition before the name
    if label in ("WORK_OF_ART", "PRODUCT") and len(span) == 1 and span.text[:1].isupper() and in_place_context(span) \
            and not lexicon.is_first_name(span.text) and span.text.lower() in city_index_keys():
        return "GPE"  # "residents of Lismore" taken for a title: a town, after a place cue
    if label == "PRODUCT" and not span.id_ and (describing_noun(span) or adjacent_noun(span) or "") \
            in lexicon.word_set("org_nouns.txt"):
        return "ORG"  # "the centrist alliance Renovar" labelled a product: the noun right before says what it is
    if label in ("WORK_OF_ART", "PRODUCT") and not span.id_ and len(parts) >= 2 \
            and all(p[:1].isupper() for p in parts) and parts[-1].lower() in UNLABELLED_BODY_HEADS:
        return "ORG"  # "The Defence Headquarters said" taken for a title: a body's head word ends it
    if label == "PERSON" and not span.id_ and len(parts) >= 2 and not lexicon.is_first_name(parts[0]) \
            and span.end < len(span.doc) and span.doc[span.end].lower_ in PROJECT_NOUNS:
        return None  # "the £310m Witham Quays development": a scheme's name, no one's
    if label == "WORK_OF_ART" and not span.id_ and 2 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts) \
            and parts[-1].lower() in ORG_SUFFIXES and (parts[0].lower() in lexicon.demonyms()
                                                       or ADJECTIVE_ENDING.search(parts[0])
                                                       or known_place(parts[0].lower(), any_region=True)):
        return "ORG"  # "publicly owned Scottish Water" taken for a title: a nation's utility
    if label in ("ORG", "PERSON") and not span.id_ and len(parts) >= 2 and (
            parts[-1] in STREET_ENDS or parts[-1].isdigit() and parts[-2] in STREET_ENDS | {"Route"}) \
            and all(p[:1].isupper() or p[:1].isdigit() for p in parts) \
            and not (label == "PERSON" and lexicon.is_first_name(parts[0]) and len(parts) == 2):
        return "LOC"  # "Sandy Creek Road", "State Highway 5" taken for a body or a person: a road, a place
    if label in ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and len(span) == 1 and span.text in surnames \
            and not span.id_:
        return "PERSON"  # '"…we haven't finished listening," Havelock said': a quote's end makes no title
    if label in ("PERSON", "ORG") and len(parts) >= 3 and "&" in parts[1:-1] and not span.id_:
        return "ORG"  # "Brandt & Lessing", "Kessler & Vance": a firm of partners' names, no one person
    if label not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
        return label
    text = lexicon.strip_the(span.text)
    if text in TIME_ZONES or text in NOT_NAMES:
        return None  # "at 0930 GMT", "AI", "LNG": not anyone's name
    key = text.lower()
    if span.id_.startswith(("outlet:", "organisation:")) or key in lexicon.named_index():
        return "ORG"
    if label == "PERSON" and not span.id_ and len(parts) >= 3 and parts[-1].lower() in NAMED_PLACE_ENDS:
        return "GPE"  # "Nelson Mandela Bay", "Jack London Square": a place named after a person
    if label in ("PERSON", "ORG") and len(span) >= 2 and span[-1].text.isupper() and not span.id_ \
            and span[-1].lower_ in place_cues().get("seat", ()):
        return None  # "Sinn Féin TD", "Independent TD": a party and a member's title, no one's name
    if label in ("ORG", "PERSON") and len(span) == 1 and span.end + 1 < len(span.doc) \
            and span.doc[span.end].text in ("-", "‑") and span.doc[span.end + 1].lower_ == "based" \
            and (key in city_index_keys() or known_place(key, any_region=True)):
        return "GPE"  # "the Abuja-based consultancy": where the body is based, a place
    if label == "ORG" and not span.id_ and portfolio_before_title(span):
        return None  # "Public Works Secretary Ana Cruz", "Finance executive Ms Ng": a role's portfolio, no body
    if label in ("ORG", "PERSON") and len(parts) > 1 and parts[0] in STORM_WORDS \
            and parts[-1].lower() not in BODY_END_WORDS | ORG_SUFFIXES | {"office", "agency", "council"}:
        return None  # "Cyclone Gabrielle": a storm, no body (the "Storm Prediction Center" is one)
    if label == "PERSON" and len(span) == 1 and span[0].tag_ == "NNP" and not span.id_ and span.start > 0 \
            and span.doc[span.start - 1].lower_ == "the" and not lexicon.is_first_name(parts[0]) \
            and parts[0] not in lexicon.titles() and parts[0].lower() not in lexicon.role_nouns() \
            and not known_place(key, any_region=True) \
            and not (span.end < len(span.doc) and (span.doc[span.end].is_lower and span.doc[span.end].pos_ == "NOUN"
                                                   or span.doc[span.end].text in POSSESSIVE)):
        return "ORG"  # "told the Inquirer": no one's name takes "the"; "the Trump administration" keeps its person
    if label == "PERSON" and len(span) == 1 and not span.id_ and employer_before(span) and parts[0] not in surnames \
            and not lexicon.is_first_name(parts[0]) and not known_place(key, any_region=True):
        return "ORG"  # "Analyst Felix Kranz of Berenberg", "an economist at Kessler": the person's employer
    if label == "PERSON" and len(parts) == 2 and len(span) == 2 and not span.id_ and employer_before(span) \
            and span.doc[span.start - 1].lower_ == "at" and not set(parts) & (surnames | forenames) \
            and not any(lexicon.is_first_name(p) for p in parts) and not known_place(key, any_region=True):
        return "ORG"  # "analysts at Baader Helvea": no given name, where analysts work is a firm
    if label in ("PERSON", "ORG", "FAC") and len(parts) >= 3 and parts[0].lower() in OF_FEATURES and parts[1] == "of" \
            and not span.id_:
        return "LOC"  # "the Strait of Messina", "the Gulf of Aden": a sea's name, however the model read its last word
    if label == "ORG" and len(span) == 1 and not span.id_ and span[0].is_alpha and span[0].text[1:].islower() \
            and span[0].dep_ == "compound" and span[0].head.i == span.end and span[0].head.is_lower \
            and span[0].head.pos_ == "NOUN" and span[0].lower_ in lower_words(span.doc) \
            and span[0].lower_ in (_english_words() or ()) and key not in lexicon.named_index() \
            and not known_place(key, any_region=True) and span[0].head.lower_ not in place_cue_nouns():
        # "the State government", "a Ward office", with "state" and "ward" in lower case elsewhere: a common
        # word capitalised before its noun, no body ("Pilgrim hospital" is a venue's name: locations reads it)
        return None
    if label in ("ORG", "GPE") and len(span) == 1 and span.start == span.sent.start and not span.id_ \
            and span[0].is_alpha and span[0].text[1:].islower() and span[0].lower_ in lower_words(span.doc) \
            and not known_place(span[0].lower_, any_region=True) and span[0].lower_ not in city_index_keys():
        return None  # "Chlorine is among …" beside "chlorine gas": a common noun, capitalised at a sentence's start
    if label == "ORG" and len(span) >= 2 and not span.id_ and span[-1].text[:1].isupper() \
            and (span[-1].lower_ in OFFICE_WORDS or span[-1].text in lexicon.titles()) \
            and span.end + 1 < len(span.doc) and (span.doc[span.end].ent_type_ == "PERSON" or span.doc[span.end].text == ","
                                                  and span.doc[span.end + 1].ent_type_ == "PERSON"
                                                  or span.doc[span.end].text in HONORIFICS):
        return None  # "The Federal Agriculture Minister, Ian Roe,", "Nyamira Senator Mr Ole": an office, no body
    if label == "ORG" and len(span) == 1 and span[0].tag_ == "NNS" and span.start == span.sent.start and not span.id_:
        return None  # "Kidnappers demanded …": a plural common noun that opens a sentence, capitalised there
    if label in ("PERSON", "GPE", "LOC") and not span.id_ and kind_after(span) and not lexicon.is_first_name(span[0].text):
        return "ORG"  # "the Shimotsuke business daily": the noun after the name says what it is
    if CODE_NAME.fullmatch(text) and label != "PERSON":
        return None  # "the A16", "N5m for each": a road's number or an amount, no body ("G7" is in the lists)
    if label == "ORG" and portfolio_after_title(span):
        return None  # "the state Commissioner for Internal Security and Home Affairs": a portfolio, no body
    noun = describing_noun(span)
    if (noun or "") in lexicon.word_set("thing_nouns.txt") or adjacent_noun(span) in lexicon.word_set("thing_nouns.txt"):
        # "a tanker, the Aegean Crest", "the cargo ship Baltic Duchess" (right before it, however parsed: a
        # vessel's name is no one's subject): a thing, neither an actor nor a place
        return None
    if label in ("GPE", "LOC") and noun is None:
        noun = adjacent_noun(span)  # "the carrier Qantas" parsed apart: only a person's name needs the parse's tie
    if noun is not None and label in ("PERSON", "GPE", "LOC") and noun in lexicon.word_set("org_nouns.txt") \
            and not lexicon.is_first_name(span[0].text) and span[0].text not in surnames | forenames:
        return "ORG"  # "the maritime security firm Ambrey", "the carrier Qantas": the noun says what it is
    if label == "PERSON" and span.end + 1 < len(span.doc) and span.doc[span.end].text == "," \
            and span.doc[span.end + 1].lower_ == "which" and span[0].text not in surnames | forenames \
            and not (span.start > 0 and span.doc[span.start - 1].text in HONORIFICS):  # "Ms Ann Roe, which …"
        return "GPE" if key in city_index_keys() else "ORG"  # "Eurogas, which represents …": no one is a "which"
    if key in lexicon.country_index():
        return "GPE"
    place = lexicon.place_index().get(key)
    if place is not None:
        return "FAC" if place.type == "facility" else "LOC"
    if label in ("NORP", "ORG", "PERSON") and town_before_person_noun(span, key, surnames | forenames):
        return "GPE"  # "A St Albans man was charged": where he is from, a town
    if label == "NORP":
        return label
    words = [t.text for t in span]
    if len(words) > 1 and words[0] in club_words()["first"] and all(w[:1].isupper() for w in words) \
            and words[1] not in surnames and not known_place(key):
        return "ORG"  # "Real Sociedad", "Club Brugge", "PSV Eindhoven": a club, whatever the model said
    if label in ("ORG", "PERSON", "GPE") and len(words) == 1 and words[0] in surnames and span.start > 0 \
            and (span.doc[span.start - 1].lower_ in ("in", "near", "outside", "around") and in_place_context(span)
                 or qualified_by_region(span)) \
            and (key in city_index_keys() or known_place(key, any_region=True)) \
            and span.doc[span.start - 1].text not in HONORIFICS:
        return "GPE"  # "hospitals in Ennis and Nenagh", "a table in Warren, Ohio": the town a person is named like
    if label in ("ORG", "PERSON") and in_place_context(span) and all(w[:1].isupper() for w in words) \
            and not (set(words) & (surnames | forenames)) and words[0] not in org_heads \
            and (not lexicon.is_first_name(words[0]) or len(words) == 1 and (
                world_city_name(key) or span.doc[span.start - 1].lower_ in ("in", "near", "outside")
                and not (span.end < len(span.doc) and span.doc[span.end].text in POSSESSIVE))) \
            and key in city_index_keys():
        return "GPE"  # "in Cork", "residents of Bath", "flights to Tromsø": a city, whatever the model said
    if label == "ORG" and len(words) == 1 and (in_place_context(span) or building_at(span)) \
            and words[0] not in surnames | forenames \
            and words[0] not in org_heads and town_of_named_country(span.doc, key):
        return "GPE"  # "a news conference in Thompson" in a story from Manitoba: a small town of the country named
    if label in ("ORG", "PERSON", "GPE") and len(words) <= 3 and all(w[:1].isupper() for w in words) \
            and not (set(words) & (surnames | forenames)) and not lexicon.is_first_name(words[0]) \
            and described_as_place(span):  # a GPE too: "stormed Mbidjo" would make it a body below
        return "GPE"  # "Oldbrook, a farming village in the north": the apposition says what it is
    last = words[-1].lower()
    if len(words) > 1 and (last in FACILITY_SUFFIXES or words[0].lower() in FACILITY_PREFIXES and label != "PERSON") \
            and not (label == "ORG" and COURT_AREA.search(span.text)):  # "… Court of Appeals for the Ninth Circuit"
        return "FAC"
    if len(words) > 1 and all(w[:1].isupper() for w in words) and (last in NATURAL_FEATURES or words[0].lower()
                                                                   in NATURAL_PREFIXES and (label != "ORG" or the_before(span))) \
            and not (label == "ORG" and body_end(span[-1])):  # "the Lake County Commission": a body's head word ends it
        return "LOC"  # "Atacama Desert", "Smith Creek", "the River Witham": a place, whatever the model said
    if label in ("PERSON", "GPE", "LOC") and len(words) > 1 and last in ORG_SUFFIXES:
        return "ORG"
    if label in ("GPE", "LOC") and len(words) > 1 and last in CLUB_SUFFIXES | club_words()["last"] and not known_place(key) \
            and words[-1][:1].isupper():
        return "ORG"  # "Manchester City", "Leeds United" (but "Gaza City" is a place, and "Kaduna city" the city)
    if label == "PERSON" and len(words) > 1 and last in club_words()["last"] and not lexicon.is_first_name(words[0]) \
            and words[0] not in forenames and not known_place(key):
        return "ORG"  # "Wolverhampton Wanderers" taken for a person: a club
    if label == "PERSON" and len(words) > 1 and words[0] not in lexicon.first_names() and known_place(key):
        return "GPE"  # "Khan Younis": a city the model took for a name
    if label in ("PERSON", "ORG") and len(words) > 1 and not span.id_ and town_named_after_city(words):
        return "GPE"  # "London Colney": a town whose name starts with a city's, no person or body
    if label in ("FAC", "GPE", "LOC") and len(words) > 1 and words[0] == "Operation":
        return "EVENT"  # "troops of Operation Safe Haven": a military operation, no place
    if label == "ORG" and len(words) > 1 and last not in ORG_SUFFIXES and last not in CLUB_SUFFIXES and known_place(key):
        return "GPE"  # "Minas Gerais", "Belo Horizonte": a state or city the model took for a body
    if label == "PERSON" and words[0].lower() in lexicon.demonyms() and len(words) > 1:
        return "ORG"  # "Georgian Dream": a nationality does not start a person's name
    if len(words) == 1 and words[0] in org_heads and org_heads[words[0]].start != span.start \
            and words[0] not in surnames:
        return "ORG"  # "Norvane" after "Norvane Systems"
    if label in ("PERSON", "ORG") and len(words) == 1 and words[0] not in surnames and _city_in(key, countries):
        return "GPE"  # "Puno" in an article about Peru
    if label in ("GPE", "ORG") and len(words) == 1 and not span.id_ and ADJECTIVE_ENDING.search(words[0]) \
            and span.root.dep_ in ("compound", "amod") and span.root.head.tag_ == "NNS" and span.root.head.is_lower \
            and not known_place(key, any_region=True) and key not in city_index_keys():
        return "NORP"  # "whose Puritan emigrants", "Anglican bishops": a word describing people, no body
    if label in ("GPE", "LOC", "ORG") and len(words) == 1 and not span.id_ and words[0] not in org_heads \
            and person_event_before(span) and not known_place(key, any_region=True) and key not in city_index_keys():
        return "PERSON"  # "after the departure of Jorginho": a player known by one name, not a place
    if label == "GPE" and len(words) == 1 and not known_place(key, any_region=True) and words[0] not in surnames | forenames \
            and not division_name(text) and (
            span.root.dep_ in ("nsubj", "nsubjpass", "poss", "appos")
            or span.start > 0 and span.doc[span.start - 1].lower_ not in LOCATIVE):
        return "ORG"  # "Ofwat said", "its owner, Jingye,": a name no gazetteer knows, not where something is
    if label in ("ORG", "GPE", "LOC") and len(words) <= 3 and name_shaped(words) and (
            words[-1] in surnames or "-" in words[-1] and span[-1].text in surnames
            or (len(words) == 1 and words[0] in forenames)):
        # not "the Strait of Messina" beside Giorgio Messina: "of" is in no one's name
        return "PERSON"  # "el-Sayed" after "Hisham el-Sayed"; "Te Huia-Tomoana" after "Hinerangi Te Huia-Tomoana"
    if label in ("ORG", "GPE", "LOC") and all(p[:1].isupper() for p in parts) and 2 <= len(parts) <= 3 \
            and lexicon.is_first_name(parts[0]) and parts[-1].lower() not in ORG_SUFFIXES | PLACE_SUFFIXES:
        # words as written, so a hyphenated surname ("Nadia Haddad-Morel", four tokens) is one word
        return "PERSON"
    if label == "PERSON" and len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return "ORG"  # "LSEG", "NATO": acronyms are not people
    if label == "PERSON" and len(words) == 1 and re.search(r"[a-z][A-Z]", words[0]) \
            and not re.match(r"(Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O’|O')[A-Z]", words[0]):
        return "ORG"  # "QatarEnergy", "OpenAI": one word with a capital inside is a brand, not a person
    if label == "PERSON" and len(span) == 1 and span[0].pos_ != "PROPN" and words[0] not in surnames:
        return None  # "Exit polls suggested …", "Turnout was …": a common word, not a name
    if label == "PERSON" and len(span) == 1 and span.start == span.sent.start and span.end < len(span.doc) \
            and span.doc[span.end].is_lower and span.doc[span.end].pos_ == "NOUN" and span.root.dep_ in ("amod", "compound") \
            and words[0] not in surnames | forenames and not lexicon.is_first_name(words[0]) \
            and (english := _english_words()) is not None and words[0].lower() in english:
        return None  # "Benchmark copper hit $9,617": a capitalised word of English before its noun, no one's name
    if label == "PERSON" and len(span) == 1 and span.start == span.sent.start and span.end < len(span.doc) \
            and span.doc[span.end].lemma_.lower() in NUMBER_VERBS and words[0] not in surnames | forenames \
            and any(t.like_num for t in span.doc[span.end + 1:span.end + 5]) and not lexicon.is_first_name(words[0]):
        return None  # "Turnout was 68 per cent", "Turnout rose": a capitalised common noun the model took for a name
    return label


def _english_words() -> frozenset[str] | None:
    from .locations import english_words

    return english_words()


PERSON_NOUNS_AFTER_TOWN = {"man", "woman", "men", "women", "boy", "girl", "boys", "girls", "teenager", "teenagers", "teen",
                           "youth", "couple", "family", "mother", "father", "pensioner", "grandmother", "grandfather"}


@lru_cache(maxsize=None)
def facility_heads() -> dict[str, frozenset[str]]:
    """``data/facility_names.txt``: a facility's last word → the words that may come right before it ("*": any)."""
    out = {}
    for line in lexicon._lines("facility_names.txt"):
        head, _, before = (part.strip() for part in line.partition("|"))
        out[head] = frozenset(before.split())
    return out


def facility_name(words: list[str]) -> bool:
    """Whether a name's last two words make it a building or a site (``facility_heads``): "… High School",
    "… Community Centre", "… Complex"; every word capitalised."""
    if len(words) < 2 or not all(w[:1].isupper() or w in lexicon.name_particles() or w in ("of", "the", "and")
                                 for w in words if w.isalpha()):
        return False
    before = facility_heads().get(words[-1].lower())
    return before is not None and ("*" in before or words[-2].lower() in before)


def qualified_by_region(span: Span) -> bool:
    """'Warren, Ohio', 'Ennis, Co Clare': a comma and a state, province or country's name right after the name."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and region_end(doc, span.end + 1, listed=True) > 0


def town_before_person_noun(span: Span, key: str, names: set[str]) -> bool:
    """'A St Albans man', 'a Tarneit woman', 'two Footscray teenagers': a town's name between an article (or
    a number) and a person noun says where the person is from (police and court reports' usual form), so it
    is a place, whatever the model said; a nationality ("a Dutch woman"), a name the article gives a person,
    or a name no gazetteer knows as a town is not."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc) or not doc[span.end].is_lower \
            or doc[span.end].lower_ not in PERSON_NOUNS_AFTER_TOWN or span.id_:
        return False
    before = doc[span.start - 1]
    if not (before.lower_ in ("a", "an") or before.like_num and before.pos_ == "NUM"):
        return False
    if key in lexicon.demonyms() or any(t.text in names for t in span) or lexicon.is_first_name(span[0].text):
        return False
    return all(t.text[:1].isupper() for t in span if t.is_alpha) and key in city_index_keys()


PLACE_APPOSITION_ENDS = {"in", "of", "near", "on", "outside", "north", "south", "east", "west", "about", "some",
                         "just", "close", ",", ".", ";", "that", "where", "which"}


def described_as_place(span: Span) -> bool:
    """'Oldbrook, a farming village in the north', 'Kessel, a suburb of Ghent': an apposition right after the
    name whose head noun is a kind of place (kind 'apposition' of ``data/place_cues.txt``), with at most
    three lower-case words before it; the word after the noun must end the description ("in", "of", a
    comma...), so "Ann Bell, a community leader" and "Acme, a city-based firm" are no places."""
    doc, k = span.doc, span.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("a", "an", "the"):
        return False
    nouns = place_cues().get("apposition", ())
    for i in range(k + 2, min(k + 6, len(doc) - 1)):
        tok = doc[i]
        if not tok.is_lower and tok.text != "-":
            return False
        if tok.lower_ in nouns and tok.pos_ == "NOUN":
            return doc[i + 1].lower_ in PLACE_APPOSITION_ENDS
    return False


def the_before(span: Span) -> bool:
    """Whether "the" stands right before the span (``trim`` takes it off the name): "the River Plate" is
    the estuary, "River Plate" the club."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"


def adjacent_noun(span: Span) -> str:
    """The lemma of the lower-case common noun right before a name, however parsed ("the cargo ship Baltic
    Duchess" → 'ship'); '' when the word before is none. Trusted alone only where a wrong tie costs little
    (a vessel's name, a product label): "the company Smith founded" puts 'company' right before a person."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before.lemma_.lower() if before is not None and before.pos_ == "NOUN" and before.is_lower else ""


def describing_noun(span: Span) -> str | None:
    """The lower-case common noun tied to a name in the parse that says what kind of thing it is, as a
    lemma: a compound right before it ("the security firm Ambrey" → 'firm') or the noun the name is the
    appositive of ("a tanker, the Aegean Crest" → 'tanker'); None when there is none. A noun that is
    only next to the name ("the company Smith founded", Smith the subject of 'founded') is not tied to it."""
    doc, root = span.doc, span.root
    if span.start > 0:
        before = doc[span.start - 1]
        # (a lower-case word the tagger called a proper noun is a common one: "exporters association Anec")
        if before.pos_ in ("NOUN", "PROPN") and before.is_lower and before.head.i == root.i \
                and before.dep_ in ("compound", "nmod", "appos"):
            return before.lemma_.lower()
    # the small model often misses the apposition the commas make ("seized a tanker, the Aegean Crest, near …"
    # parses as an apposition to "talks"): the commas win over the parse; both are asked for, so "after
    # leaving the company, Smith said" is no apposition
    k = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an") else span.start
    if k >= 2 and doc[k - 1].text == "," and span.end < len(doc) and doc[span.end].text == "," \
            and doc[k - 2].pos_ == "NOUN" and doc[k - 2].is_lower:
        return doc[k - 2].lemma_.lower()
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.is_lower and root.head.i < span.start:
        return root.head.lemma_.lower()
    # an apposition after it: "Gavi, the vaccine alliance, said" → 'alliance' (the last noun before the comma)
    k = span.end + 1
    if k + 1 < len(doc) and doc[span.end].text == "," and doc[k].lower_ in ("the", "a", "an"):
        head = None
        for tok in doc[k + 1:k + 6]:
            if tok.text in (",", ";", ".") or tok.lower_ in ("which", "that", "who"):
                return head.lemma_.lower() if head is not None and tok.lower_ != "who" else None
            if not tok.is_lower or tok.pos_ not in ("NOUN", "ADJ", "PROPN", "PART"):
                return None
            head = tok if tok.pos_ == "NOUN" else head
    return None


def followed_by_role(span: Span) -> bool:
    """', director of …', ', a spokeswoman for …', ', the company's chief executive,': a person's role follows."""
    doc = span.doc
    k = span.end
    if k + 1 >= len(doc) or doc[k].text != ",":
        return False
    k += 1
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    head = None
    while k < len(doc) and k < span.end + 8 and (doc[k].pos_ in ("NOUN", "PROPN", "ADJ") or doc[k].text in POSSESSIVE):
        if doc[k].pos_ == "NOUN" or doc[k].pos_ == "PROPN" and doc[k].lower_ in lexicon.role_nouns():
            head = doc[k]  # ", Country Manager at …": a capitalised role is tagged as a name
        k += 1
    return head is not None and head.lemma_.lower() in lexicon.role_nouns() and \
        (k >= len(doc) or doc[k].lower_ in ("of", "at", "for", "in", "with", ",", ".", "and"))


# A road's number ("A16", "M25", "N5") or an amount the tokenizer cut from its unit ("N5" of "N5m"): a capital and
# one to three digits, never a body's name unless a curated list says so ("G7", checked before)
CODE_NAME = re.compile(r"[A-Z]\d{1,3}")
# how adjectives of peoples, faiths and movements end ("Puritan", "Anglican", "Kurdish", "Hellenic", "Baptist")
ADJECTIVE_ENDING = re.compile(r"(?:an|ian|ese|ish|ic|ist)$")
# role nouns that a company or a country fills as often as a person ("its owner, Ardent Mills", "the host,
# Qatar"): after them a name is not a person on that evidence alone
SHARED_ROLES = {"owner", "parent", "partner", "investor", "developer", "contractor", "consultant", "trader", "dealer",
                "landlord", "tenant", "member", "champion", "representative", "counsel", "adviser", "advisor", "lead",
                "host", "heir", "seed", "qualifier", "winner", "employee", "applicant", "nominee", "defendant",
                "resident", "citizen", "victim", "head", "chief", "leader"}


def person_role_before(span: Span) -> bool:
    """', the player's agent, Rik Smulders', 'its rail branch leader, Nadia Haddad-Morel,': the noun the name is
    the appositive of (``describing_noun``) is a person's role (``data/role_nouns.txt``) that no company or
    country fills (not ``SHARED_ROLES``), and the name's first word is a given name or the noun is
    written right before the comma; or a role noun is written, in lower case, right before a name that
    speaks ("the union's chair Ann Roe said")."""
    doc = span.doc
    if role_before_speaker(span):
        return True  # "NKII chair Hinerangi Te Huia-Tomoana said"
    noun = describing_noun(span)
    if noun is None or noun in SHARED_ROLES or noun not in lexicon.role_nouns():
        return False
    return span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].lemma_.lower() == noun \
        or lexicon.is_first_name(span[0].text)


def role_before_speaker(span: Span) -> bool:
    """Whether a role noun of one person (``data/role_nouns.txt``, not ``SHARED_ROLES``) is written in lower
    case right before the name and a speech verb right after it: "the union's chair Ann Roe said"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.is_lower and before.is_alpha and before.lower_ not in SHARED_ROLES \
        and before.lower_ in lexicon.role_nouns() and span.end < len(doc) \
        and doc[span.end].lemma_.lower() in lexicon.speech_verbs()


def portfolio_after_title(span: Span) -> bool:
    """'the state Commissioner for Internal Security and Home Affairs, Alhaji …': a capitalised office title
    (``lexicon.titles``) and "for" before a name that ends in no body's word (``ORG_SUFFIXES``,
    ``data/body_heads.txt``): the office's portfolio, not a body ("Secretary for Health"). A body the
    holder speaks for keeps its article or its own head word ("spokesman for the Environment Agency")."""
    doc = span.doc
    k = span.start
    return k >= 2 and doc[k - 1].lower_ == "for" and doc[k - 2].text[:1].isupper() \
        and lexicon.titles().get(doc[k - 2].text) == "title" and span[-1].lower_ not in ORG_SUFFIXES \
        and span[-1].lower_ not in body_heads()


# lower-case nouns after a name that make it the name of a scheme or a product line, no one's
PROJECT_NOUNS = {"development", "scheme", "project", "estate", "redevelopment", "programme", "program"}
STORM_WORDS = {"Cyclone", "Hurricane", "Typhoon", "Storm", "Tropical"}
# the same words where news writes the storm's name after them, often in quotation marks ("Typhoon 'Dindo'",
# "Supertyphoon Reming", "tropical storm Erin"): a name right after one is a storm's in every mention
STORM_NAMERS = {w.lower() for w in STORM_WORDS} - {"tropical"} | {"supertyphoon", "super-typhoon", "depression"}
AMOUNT_SCALES = {"million", "billion", "trillion", "thousand", "crore", "lakh", "bn", "m", "mn"}
# office words after a portfolio ("Labour Welfare Minister", "Public Works Secretary", "Finance executive")
OFFICE_WORDS = {"minister", "secretary", "executive", "commissioner", "mec", "spokesperson", "spokesman",
                "spokeswoman", "director"}
# words of a portfolio that also name a party or stand alone as a body: alone they are no portfolio
PARTY_WORDS = {"labour", "labor", "national", "federal", "state", "local", "public", "regional", "central", "green"}


def portfolio_before_title(span: Span) -> bool:
    """'Public Works Secretary Ana Cruz', 'Labour Welfare Minister T. R. Sundar', 'the Finance executive Ms
    Ng': capitalised portfolio words (the first of ``data/body_modifiers.txt``) right before an office word
    (``OFFICE_WORDS``) and a name or honorific. One word that also names a party ("Labour Minister") or a
    company ("Tesla chief executive") is left alone."""
    doc, k = span.doc, span.end
    if k + 1 >= len(doc) or doc[k].lower_ not in OFFICE_WORDS or not doc[k + 1].text[:1].isupper():
        return False
    first = span[0].lower_
    if first not in lexicon.word_set("body_modifiers.txt"):
        return False
    return len(span) > 1 and all(t.text[:1].isupper() for t in span if t.is_alpha) or first not in PARTY_WORDS


def employer_before(span: Span) -> bool:
    """'Analyst Felix Kranz of Berenberg', 'an economist at Kessler': "of" right after a person's name, or "at"
    right after a person's role noun (``data/role_nouns.txt``): the name after it is where the person works."""
    doc, k = span.doc, span.start
    if k < 2 or doc[k - 1].lower_ not in ("of", "at"):
        return False
    before = doc[k - 2]
    if doc[k - 1].lower_ == "at":
        return (before.is_lower or before.is_sent_start) and before.lemma_.lower() in lexicon.role_nouns()
    return before.ent_type_ == "PERSON" and before.ent_iob_ in ("B", "I") and before.text[:1].isupper()


def person_event_before(span: Span) -> bool:
    """'after the departure of Jorginho', 'the signing of Casemiro': a noun that only a person has
    (``data/person_of_nouns.txt``: departures, signings, deaths, relatives) and "of" right before the name."""
    doc, k = span.doc, span.start
    return k >= 2 and doc[k - 1].lower_ == "of" and doc[k - 2].is_lower \
        and doc[k - 2].lemma_.lower() in lexicon.word_set("person_of_nouns.txt")


def one_word_bodies(doc: Doc, spans: list[Span], person_words: set[str]) -> list[Span]:
    """One name, one kind, for one-word names: "Feyenoord" the model took for a person in one sentence and for
    a body in another is the body in both, unless the article gives some person that word as a surname or
    given name, it is a known given name, or a title stands before it ("Mr Ford"). Then names the model
    left unlabelled that the words around them say are bodies (``unlabelled_bodies``)."""
    bodies = {s.text for s in spans if s.label_ == "ORG" and len(s) == 1}
    # "the level reached during Gabrielle" after "Cyclone Gabrielle": the storm's name alone is no actor either
    texts = index.words(doc)
    storms = {texts[i + 1] for i in range(len(texts) - 1) if texts[i] in STORM_WORDS and texts[i + 1][:1].isupper()}
    spans = [s for s in spans if not (s.label_ in ("ORG", "PERSON") and s.text in storms and not s.id_)]
    titles = lexicon.titles()
    out = [Span(doc, s.start, s.end, label="ORG") if s.label_ == "PERSON" and len(s) == 1 and not s.id_
           and s.text in bodies and s.text not in person_words and not lexicon.is_first_name(s.text)
           and not (s.start > 0 and (doc[s.start - 1].text in HONORIFICS or doc[s.start - 1].text in titles))
           else s for s in spans]
    # "Boston borough council's planning committee": a place, a lower-case kind of council and "council" is
    # that council, a body (the model's place stays for "Boston" alone elsewhere)
    # "the George Magistrate's Court", "Westminster Magistrates' Court": a court named with a possessive is a
    # place (a facility), not a person called "George Magistrate"
    out = [Span(doc, s.start, s.end + 2, label="FAC") if s.label_ in ("PERSON", "ORG") and not s.id_
           and s[-1].text in COURT_OWNERS and s.end + 1 < len(doc) and doc[s.end].text in POSSESSIVE
           and doc[s.end + 1].text == "Court" else s for s in out]
    starts = {s.start: s for s in out}
    gone: set[int] = set()
    for j, s in enumerate(out):
        council_end = council_after(doc, s.end) if s.label_ in ("GPE", "LOC") and not s.id_ else 0
        if not council_end:
            continue
        others = [starts[i] for i in range(s.end, council_end) if i in starts]
        if all(o.label_ == "ORG" and o[0].is_lower and not o.id_ for o in others):
            out[j] = Span(doc, s.start, council_end, label="ORG")
            gone.update(id(o) for o in others)  # the model's lower-case "council's planning committee" gives way
    out = [s for s in out if id(s) not in gone]
    covered = {i for s in out for i in range(s.start, s.end)}
    # "said Ana Prado, head of research": a known given name the model left out before a one-word place, with a
    # speech verb before it or a person's role after it, makes the two a person's name
    out = [Span(doc, s.start - 1, s.end, label="PERSON") if s.label_ in ("GPE", "LOC") and len(s) == 1
           and not s.id_ and s.start >= 2 and s.start - 1 not in covered and doc[s.start - 1].pos_ == "PROPN"
           and lexicon.is_first_name(doc[s.start - 1].text) and doc[s.start - 1].text[1:].islower()
           and (doc[s.start - 2].lemma_ in ("say", "tell") or followed_by_role(s)) else s for s in out]
    out = [Span(doc, s.start, s.end - 1, label="ORG") if s.label_ == "ORG" and len(s) > 1 and not s.id_
           and s[-1].is_lower and s[-1].lower_ in BODY_KINDS_AFTER and s[-2].text[:1].isupper() else s for s in out]
    # ("the Elabe institute" taken whole: the body is "Elabe", the noun says what kind it is)
    covered = {i for s in out for i in range(s.start, s.end)}
    for j, s in enumerate(out):  # "the risk consultancy SBM Intelligence" with only "Intelligence" found
        k = s.start - 1
        if s.label_ == "ORG" and not s.id_ and k > 0 and k not in covered and doc[k].pos_ == "PROPN" \
                and doc[k].is_alpha and doc[k].text[:1].isupper() and not doc[k].is_sent_start \
                and doc[k].dep_ == "compound" and s.start <= doc[k].head.i < s.end and doc[k].text not in titles \
                and doc[k].text not in HONORIFICS and not lexicon.is_first_name(doc[k].text):
            out[j] = Span(doc, k, s.end, label="ORG")
    added = unlabelled_bodies(doc, out)
    out = sorted(out + added, key=lambda s: s.start) if added else out
    # one name, one kind, for a body's initials: "the RCMP's officers" makes "RCMP are investigating" at a
    # sentence's start, where the model saw no name, the same body
    initials = {s.text for s in out if s.label_ == "ORG" and len(s) == 1 and s.text.isupper() and s.text.isalpha()
                and len(s.text) >= 3}
    if initials:
        covered = {i for s in out for i in range(s.start, s.end)}
        more = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in initials and t.i not in covered]
        out = sorted(out + more, key=lambda s: s.start) if more else out
        # "the Manitoba RCMP" taken for a facility: a place before those initials names the body's branch there
        out = [Span(doc, s.start, s.end, label="ORG") if s.label_ in ("FAC", "GPE", "LOC") and len(s) >= 2
               and s[-1].text in initials and not s.id_ else s for s in out]
    return out


# lower-case nouns that, after a name and at most one other word, say the name is a body's: "the Ifop
# institute", "the Nikkei business daily" (a person is never one; "maker" and the like take a product)
BODY_KINDS_AFTER = {"institute", "pollster", "daily", "newspaper", "broadcaster", "tabloid", "agency",
                    "consultancy", "thinktank", "watchdog", "regulator", "militia"}
# capitalised head words that end a body's name the model left unlabelled ("the Defence Headquarters said")
UNLABELLED_BODY_HEADS = {"headquarters", "command", "directorate", "secretariat", "ministry", "agency",
                         "commission", "authority", "council", "committee", "department", "bureau", "office",
                         "institute", "federation", "association"}
# reporting verbs only a speaker is the subject of: "MONUSCO said", not "an MRI revealed", "DNA suggested"
SPEAKING_VERBS = {"say", "tell", "announce", "add", "claim", "deny", "accuse", "urge", "warn", "vow", "insist", "state",
                  "comment", "respond", "reply", "declare", "acknowledge", "admit", "promise", "confirm", "tweet"}
BRAND_SHAPE = re.compile(r"[A-Z][a-z]+[A-Z]")  # "StoneX", "QatarEnergy"
NOT_BRAND_SHAPE = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")


COURT_OWNERS = {"Magistrate", "Magistrates", "Coroner", "Coroners", "Children", "Sheriff", "Sheriffs"}
COUNCIL_KINDS = {"borough", "county", "city", "district", "town", "parish", "municipal", "regional", "shire"}


def council_after(doc: Doc, k: int) -> int:
    """Where "borough council" / "council" written in lower case right at token ``k`` ends, or 0."""
    if k < len(doc) and doc[k].text == "council":
        return k + 1
    if k + 1 < len(doc) and doc[k].text in COUNCIL_KINDS and doc[k + 1].text == "council":
        return k + 2
    return 0


def kind_after(span: Span) -> bool:
    """'the Ifop institute', 'the Shimotsuke business daily': "the" before the name and, at most two words
    after it, a lower-case noun of ``BODY_KINDS_AFTER`` that ends the noun phrase."""
    doc, k = span.doc, span.end
    if span.start == 0 or doc[span.start - 1].lower_ != "the":
        return False
    for j in range(k, min(k + 2, len(doc))):
        if not (doc[j].is_lower and doc[j].is_alpha):
            return False
        if doc[j].lower_ in BODY_KINDS_AFTER:
            return j + 1 == len(doc) or not (doc[j + 1].is_lower and doc[j + 1].pos_ == "NOUN")
    return False


def unlabelled_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """Bodies the model saw no name in, from the words around them, as new ORG spans:

    * an all-capitals word someone told something, or that something is according to ("told PUNCH that");
    * a capitalised name before a body's kind noun (``BODY_KINDS_AFTER``: "the Ifop institute", "the
      Nikkei business daily"), the noun left out of the name;
    * capitalised words after "the" that end in a body's head word ("the Defence Headquarters said");
    * one word written with a capital inside it, after "at", "by" or "from" ("an analyst at StoneX").

    Only tokens in no entity, never at a sentence's start, in a sentence not written in capitals. One look
    at each token: linear in the article."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    n = len(doc)
    k = 0
    while k < n:
        t = doc[k]
        if k in covered or t.is_sent_start or not t.text[:1].isupper() or t.pos_ != "PROPN" and not (
                t.lower_ in MISSION_HEADS and t.pos_ == "NOUN"):  # "Campaign" tagged a common noun
            k += 1
            continue
        end = k
        while end < n and end - k < 6 and end not in covered and (
                doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN") and not doc[end].is_sent_start
                or doc[end].text in POSSESSIVE and end > k and end + 1 < n and doc[end + 1].text[:1].isupper()
                and end + 1 not in covered and doc[end + 1].lower_ in UNLABELLED_BODY_HEADS):
            end += 1  # "the Maury County Sheriff's Office": a possessive inside, only right before the head word
        prev = doc[k - 1].lower_
        found = None
        if end - k == 1 and t.is_alpha and t.is_upper and len(t) >= 3 and t.text not in NOT_NAMES \
                and t.text not in TIME_ZONES and not (k + 1 < n and doc[k + 1].is_upper and doc[k + 1].is_alpha) \
                and not doc[k - 1].is_upper and (t.dep_ == "dobj" and t.head.lemma_ == "tell" or t.dep_ == "pobj"
                                                 and t.head.lower_ == "to" and t.head.i > 0
                                                 and doc[t.head.i - 1].lower_ == "according"
                                                 or t.dep_ == "nsubj" and t.head.lemma_ in SPEAKING_VERBS
                                                 and not known_place(t.lower_, any_region=True)):
            found = k + 1  # "told PUNCH", "according to NEMA", "the mission MONUSCO said": a body's initials
        elif prev in ("the", "a", "an") or doc[k - 1].text in POSSESSIVE:
            j = end
            while j < n and j - end < 2 and doc[j].is_lower and doc[j].is_alpha:
                if doc[j].lower_ in BODY_KINDS_AFTER and end - k <= 3 and not lexicon.is_first_name(t.text):
                    found = end
                    break
                j += 1
            if found is None and prev == "the" and end - k >= 2 and doc[end - 1].lower_ in UNLABELLED_BODY_HEADS:
                found = end
            if found is None and prev == "the" and end - k <= 3 and doc[end - 1].lower_ in MISSION_HEADS \
                    and end + 2 < n and doc[end].lower_ in ("to", "for", "against"):
                # "the Campaign to Protect Rural England", "the Coalition for Safer Roads": a body named for its
                # cause, every word of the cause capitalised ("the campaign to save the pier" has none)
                j = end + 1
                while j < n and j - end <= 6 and j not in covered and (
                        doc[j].text[:1].isupper() and doc[j].is_alpha
                        or doc[j].lower_ in ("of", "and", "the") and j + 1 < n and doc[j + 1].text[:1].isupper()):
                    j += 1
                if j - end >= 3 and doc[j - 1].text[:1].isupper():
                    found = j
        elif end - k == 1 and prev in ("at", "by", "from") and BRAND_SHAPE.match(t.text) \
                and not NOT_BRAND_SHAPE.match(t.text) and not (k + 1 < n and doc[k + 1].is_lower
                                                               and doc[k + 1].pos_ == "NOUN"):
            found = k + 1
        if found is not None:
            out.append(Span(doc, k, found, label="ORG"))
        k = max(end, k + 1)
    return out


# the head word of a body named for its cause ("the Campaign to Protect Rural England", "the Alliance for Fair Fares")
MISSION_HEADS = {"campaign", "coalition", "alliance", "movement", "committee", "league", "society", "fund", "trust",
                 "network", "forum", "council", "centre", "center", "institute", "foundation", "association"}


OWNER_NOUNS = {"owner", "owners", "founder", "founders", "co-founder", "cofounder", "maker", "makers", "parent",
               "shareholder", "shareholders", "investor", "investors", "backer", "backers", "subsidiary", "unit",
               "division", "rival", "rivals", "ceo", "chairman", "chairwoman", "chair", "boss", "buyer", "seller"}
OWNER_VERBS = {"owns", "owned", "bought", "buys", "buy", "acquired", "acquires", "acquire", "founded", "co-founded",
               "runs", "sold", "sells", "merged", "invested"}


def owned_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'owner of Lumora and Skyvane', 'founded Velmora', 'a stake in Quintaro': one-word names after an
    owner's word, that no gazetteer knows as a place (``known_place``, ``city_index_keys``) and that are
    no given name; a name joined to one by 'and' or a comma goes with it. One look per span: linear."""
    out: list[Span] = []
    chain_end = -1
    for s in spans:
        if s.label_ not in ("GPE", "LOC", "PERSON", "ORG") or len(s) != 1 or s.id_ or not s.text[:1].isupper():
            chain_end = -1
            continue
        k = s.start
        prev = doc[k - 1].lower_ if k else ""
        before = doc[k - 2].lower_ if k >= 2 else ""
        cued = prev == "of" and before in OWNER_NOUNS or prev in OWNER_VERBS \
            or prev == "in" and before in NOT_PLACE_BEFORE_IN \
            or chain_end >= 0 and k in (chain_end + 1, chain_end + 2) and doc[chain_end].lower_ in ("and", ",", "or")
        key = s.text.lower()
        if cued and not known_place(key, any_region=True) and key not in city_index_keys() \
                and not lexicon.is_first_name(s.text):
            out.append(s)
        chain_end = s.end if cued else -1
    return out


NOT_PLACE_BEFORE_IN = {"shares", "stake", "stakes", "investment", "investments", "interest", "holding", "holdings",
                       "position", "job", "jobs", "role", "career", "confidence", "faith", "trust"}  # "a stake in Toyota"


@lru_cache(maxsize=1)
def place_cues() -> dict[str, frozenset[str]]:
    """``data/place_cues.txt``: kind ('before', 'of', 'travel') → the cue words of that kind."""
    out: dict[str, set[str]] = {}
    for line in lexicon._lines("place_cues.txt"):
        word, _, kind = (part.strip() for part in line.partition("|"))
        out.setdefault(kind, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def in_place_context(span: Span) -> bool:
    """Whether the words right before ``span`` say it is a place: 'in Cork', 'residents of Bath',
    'the mayor of Limerick', 'flights to Tromsø', 'a man from Kettering' (cues in ``data/place_cues.txt``).
    Looks at three tokens before the span and one after, so it stays linear in the article's length."""
    doc = span.doc
    k = span.start
    if k == 0 or span.end < len(doc) and doc[span.end].lower_ in CORPORATE_CONTEXT:
        return False  # "in Toyota shares"
    cues = place_cues()
    prev = doc[k - 1].lower_
    before = doc[k - 2].lower_ if k >= 2 else ""
    if prev in cues.get("before", ()):
        return not (prev == "in" and before in NOT_PLACE_BEFORE_IN)
    if prev == "of":
        return before in cues.get("of", ())
    if prev in ("to", "from", "into"):
        return before in cues.get("travel", ()) or prev == "from" and (
            before in cues.get("origin", ())  # "a man from Kettering"
            or before == "and" and k >= 3 and doc[k - 3].like_num)  # "aged 29 and from Corby"
    if prev == "for":
        return before in cues.get("bound", ())  # "bound for Lyon", "left for Cork"
    return False


def city_index_keys() -> frozenset[str]:
    """Town names a place cue may turn into a place: every town of 15,000 people and more, and the small
    towns whose name is no English word or given name (``locations.town_keys``)."""
    from .locations import town_keys

    return town_keys()


def coordinated_places(doc: Doc, spans: list[Span], taken: set[str] = frozenset()) -> list[Span]:
    """'Residents of Limerick and Bath': a one-word name joined by 'and'/'or' to a place, that the model
    left unlabelled and the city gazetteer knows, is a place too, and so is one the model took for a body
    or a person ("outside Ballarat and Bendigo", "from Galway to Sligo") unless ``taken`` holds it (the
    article's surnames, given names, company names); so is an unlabelled one after a cue noun and 'of'
    or a travel word and 'to'/'from' ("flights to Tromsø"). One look per token: linear."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    starting = {s.start: s for s in spans}
    added = []
    relabelled: dict[int, Span] = {}
    for s in spans:
        k = s.end
        if s.label_ == "GPE" and k + 2 < len(doc) and doc[k].text == "," and doc[k + 2].text in (",", ".") \
                and (other := starting.get(k + 1)) is not None and other.label_ in ("ORG", "PERSON") \
                and len(other) == 1 and not other.id_ and other.text not in taken and division_name(other.text):
            # "of Maidstone, Kent,": a division after a place and a comma says where it is, whatever the model said
            relabelled[id(other)] = Span(doc, other.start, other.end, label="GPE")
            continue
        if s.label_ != "GPE" or k + 1 >= len(doc) or not (doc[k].lower_ in ("and", "or") or doc[k].lower_ == "to"
                                                             and s.start > 0 and doc[s.start - 1].lower_ == "from"):
            continue
        t = doc[k + 1]
        other = starting.get(t.i)
        if other is not None and other.label_ in ("ORG", "PERSON") and len(other) == 1 and not other.id_ \
                and t.text not in taken and not lexicon.is_first_name(t.text) and t.lower_ in city_index_keys() \
                and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in CORPORATE_CONTEXT):
            # "outside Ballarat and Bendigo", "from Galway to Sligo" with the second taken for a body
            relabelled[id(other)] = Span(doc, other.start, other.end, label="GPE")
            continue
        if t.i in covered or t.pos_ != "PROPN" or not t.text[:1].isupper() or lexicon.is_first_name(t.text) \
                or t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() or t.lower_ not in city_index_keys():
            continue
        added.append(Span(doc, t.i, t.i + 1, label="GPE"))
        covered.add(t.i)
    # a list joined by commas and a last "and"/"or" that holds a place: its one-word towns and counties the
    # model took for bodies or people are places too ("bound for Marseille, Lyon and Geneva", "for
    # Lincolnshire and Northamptonshire"); one pass over the spans
    lists: list[list[Span]] = []
    joined = False
    for s in sorted(spans, key=lambda s: s.start):
        between = [t.lower_ for t in doc[lists[-1][-1].end:s.start]] if lists else None
        if between in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
            lists[-1].append(s)
            joined = joined or between[-1] in ("and", "or")
        else:
            if lists and not joined:
                lists.pop()  # "Smith, London": a comma alone makes no list
            lists.append([s])
            joined = False
    if lists and not joined:
        lists.pop()
    for items in lists:
        if len(items) < 2 or not any(relabelled.get(id(s), s).label_ == "GPE" for s in items):
            continue
        for other in items:
            if other.label_ in ("ORG", "PERSON") and len(other) == 1 and not other.id_ and other.text not in taken \
                    and not lexicon.is_first_name(other.text) and (other.text.lower() in city_index_keys()
                                                                   or division_name(other.text)) \
                    and not (other.end < len(doc) and doc[other.end].lower_ in CORPORATE_CONTEXT):
                relabelled[id(other)] = Span(doc, other.start, other.end, label="GPE")
    # "flights to Tromsø", "residents of Bath" with no label at all (spaCy's lower_ is str.lower)
    for t in index.tokens(doc, lambda w: w[:1].isupper() and w.lower() in city_index_keys(), 2):
        if t.i in covered or t.pos_ != "PROPN" or not t.text[:1].isupper() or doc[t.i - 1].lower_ not in \
                ("of", "to", "from", "into") or t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() \
                or lexicon.is_first_name(t.text) or t.lower_ not in city_index_keys():
            continue
        if in_place_context(doc[t.i:t.i + 1]):
            added.append(Span(doc, t.i, t.i + 1, label="GPE"))
            covered.add(t.i)
    # "the Kaduna–Kachia road", "the Lagos-Ibadan expressway": two places joined by a dash before a route noun
    # (kind 'route' of ``data/place_cues.txt``); the one the model left unlabelled is a place too
    routes = place_cues().get("route", ())
    placed = {i for s in spans if s.label_ in ("GPE", "LOC") and len(s) == 1 for i in (s.start,)}
    for t in index.tokens(doc, lambda w: w in ("-", "–", "—"), 1, -2):
        if t.text not in ("-", "–", "—") or t.whitespace_ or doc[t.i - 1].whitespace_ or doc[t.i + 2].lower_ not in routes:
            continue
        for known, other in ((doc[t.i - 1], doc[t.i + 1]), (doc[t.i + 1], doc[t.i - 1])):
            if known.i in placed and other.i not in covered and other.is_alpha and other.text[:1].isupper() \
                    and other.pos_ in ("PROPN", "ADJ", "NOUN") and not lexicon.is_first_name(other.text) \
                    and other.lower_ not in lexicon.demonyms():  # not "the Franco-German border"
                added.append(Span(doc, other.i, other.i + 1, label="GPE"))
                covered.add(other.i)
    for s in spans:  # "the Abuja–Lokoja highway" taken whole for a body: two places
        if len(s) == 3 and s[1].text in ("-", "–", "—") and s.end < len(doc) and doc[s.end].lower_ in routes \
                and not s.id_ and (known_place(s[0].lower_) or known_place(s[2].lower_)) \
                and all(t.text[:1].isupper() and t.is_alpha for t in (s[0], s[2])):
            relabelled[id(s)] = None
            added += [Span(doc, s.start, s.start + 1, label="GPE"), Span(doc, s.end - 1, s.end, label="GPE")]
    if relabelled:
        spans = [r for s in spans if (r := relabelled.get(id(s), s)) is not None]
    return sorted(spans + added, key=lambda s: s.start) if added else spans


def town_named_after_city(words: list[str]) -> bool:
    """'London Colney', 'Paris Plage': the whole name is a town in the gazetteer (any size) and its first word a
    town of 15,000 people or more; "Paris Hilton" or "Jackson Browne" is no town, so stays a person."""
    from .locations import city_index, fold, prominent_keys

    towns = city_index().get(" ".join(words).lower(), ())
    return words[0].lower() in prominent_keys() and any(fold(t.name) == fold(" ".join(words)) for t in towns)


def world_city_name(key: str) -> bool:
    """Whether the best-known town called ``key`` is a world city (``locations.world_city``: a national capital
    or a million people): "travel to London" is the city, though London is a given name too."""
    from .locations import city_index, world_city

    towns = city_index().first(key, 1)
    return bool(towns) and world_city(towns[0])


def division_name(name: str) -> bool:
    """A state, province, county or other division of some country (pycountry, every level), or a US state."""
    from .locations import subdivisions, us_states

    return name[:1].isupper() and (name.lower() in subdivisions() or name.lower() in us_states())


def known_place(key: str, any_region: bool = False) -> bool:
    """A lower-cased name any of our gazetteers knows: country, region, facility, US state or county, city,
    or a state or province of more than one word (single words like 'Central' are too often something else,
    unless the model already took the word for a place: ``any_region``)."""
    from .locations import prominent_keys, regions, us_counties, us_states

    # towns under 15,000 people are left out: with no place cue, a name that is also a small town
    # somewhere is far more often a person's or a company's
    return (key in lexicon.country_index() or key in lexicon.place_index() or key in prominent_keys()
            or key in us_states() or key in us_counties() or (any_region or " " in key) and key in regions())


BUILDINGS_AT = {"hospital", "centre", "center", "station", "court", "courthouse", "school", "camp", "base", "rally",
                "meeting", "hearing", "home", "clinic", "airport", "port"}


def building_at(span: Span) -> bool:
    """'treated in hospital at Wangaratta', 'a rally at Bendigo': a building's or gathering's noun, then "at",
    right before the name: where it stands, not an employer ("a job at Ford")."""
    k = span.start
    return k >= 2 and span.doc[k - 1].lower_ == "at" and span.doc[k - 2].lower_ in BUILDINGS_AT


NAMED_COUNTRIES = "named_countries"  # doc.user_data key: the countries the model's own places name


def town_of_named_country(doc: Doc, key: str) -> bool:
    """Whether the gazetteer has a town called ``key`` (any size) in a country the article names, itself or
    by one of its regions ("Manitoba": CA), as the model labelled them; for a name after a place cue only.
    The countries are gathered once per article."""
    from .locations import city_index

    countries = doc.user_data.get(NAMED_COUNTRIES)
    if countries is None:
        countries = set()
        for e in doc.ents:
            k = lexicon.strip_the(e.text).lower()
            if e.label_ in ("GPE", "LOC") and k in lexicon.country_index():
                countries.add(lexicon.country_index()[k].code)
            elif e.label_ in ("GPE", "LOC") and (p := lexicon.place_index().get(k)) is not None and p.country_code:
                countries.add(p.country_code)
        doc.user_data[NAMED_COUNTRIES] = countries
    return any(c.country_code in countries for c in city_index().get(key, ()))


def _city_in(key: str, countries: set[str]) -> bool:
    """Whether one of the three best-known towns called ``key`` is in a country the article names; a town
    under 15,000 people counts only when its name is no English word or given name."""
    from .locations import city_index, town_keys

    return key in town_keys() and any(c.country_code in countries for c in city_index().first(key, 3))
