"""The entity-linking stage (generator/link.py): who is who across the archive, and the confidence bar.

Hand-built extractions for the rules that span articles (they need no parse), the real spaCy
pipeline for the rules inside one article, and one real MkDocs build of small invented articles.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.link import generic_bodies, link
from generator.models import Actor, Article, Extraction, Location, Quote, Source
from generator.pages import build_site

from conftest import FUZZ_EXAMPLES, ROOT, make_project, run_generator


def story(file: str, sentences: list[str] | None = None, *, actors=(), places=(), sources=(), lede_sentence=0,
          date="2025-05-01") -> Article:
    sentences = sentences or ["Something happened."]
    extraction = Extraction(sentences=sentences, paragraphs=[list(range(len(sentences)))], lede_title=sentences[0],
                            actors=list(actors), locations=list(places), sources=list(sources),
                            lede_sentence=lede_sentence)
    slug = file.rsplit("/", 1)[-1].removesuffix(".txt")
    return Article(source_file=file, slug=slug, title=slug.replace("-", " ").title(), date=date, outlet=None,
                   url=None, authors=[], tags=[], summary=None, language="en", draft=False, extraction=extraction)


def person(name: str, mentions: int = 1, role: str | None = None, sentences=(0,)) -> Actor:
    return Actor(name=name, type="person", role=role, mentions=mentions, sentences=list(sentences))


def body(name: str, mentions: int = 1, sentences=(0,)) -> Actor:
    return Actor(name=name, type="organisation", mentions=mentions, sentences=list(sentences))


def town(name: str, code: str | None, mentions: int = 1) -> Location:
    return Location(name=name, type="city", country_code=code, lat=1.0 if code else None, lon=1.0 if code else None,
                    mentions=mentions, sentences=[0])


def actor_page_titles(site) -> dict[str, str]:
    return {e.path: e.title for e in site.entities if e.kind == "actor"}


def path_of(site, file: str, name: str, kind: str = "person") -> str | None:
    page = next(p for p in site.articles if p.article.source_file == file)
    return page.actor_paths.get((name, kind))


# --- across articles ------------------------------------------------------------------------------------

def test_a_short_form_takes_the_one_full_name_in_the_archive():
    """An article that names a person by surname only joins the one full name with that surname in
    the whole archive when the two articles share something else (here a town); a name differing only
    by a middle initial is the same person."""
    site = build_site([
        story("seeds/a.txt", actors=[person("Ilse Varga-Nemeth", 2, "fisheries inspector")],
              places=[town("Killybegs", "IE")]),
        story("seeds/b.txt", actors=[person("Varga-Nemeth", 3)], places=[town("Killybegs", "IE")]),
        story("seeds/c.txt", actors=[person("Ilse K. Varga-Nemeth", 1, "inspector")]),
    ])
    paths = {path_of(site, f, n) for f, n in (("seeds/a.txt", "Ilse Varga-Nemeth"), ("seeds/b.txt", "Varga-Nemeth"),
                                                 ("seeds/c.txt", "Ilse K. Varga-Nemeth"))}
    assert len(paths) == 1 and None not in paths, paths
    [page] = [e for e in site.entities if e.path in paths]
    assert page.total == 3 and page.title == "Ilse K. Varga-Nemeth"


def test_namesakes_by_surname_stay_apart_and_the_bare_surname_joins_neither():
    site = build_site([
        story("seeds/a.txt", actors=[person("Colm Ferriter", 2, "harbour master")]),
        story("seeds/b.txt", actors=[person("Nuala Ferriter", 2, "county councillor")]),
        story("seeds/c.txt", actors=[person("Ferriter", 4)]),
    ])
    colm, nuala = path_of(site, "seeds/a.txt", "Colm Ferriter"), path_of(site, "seeds/b.txt", "Nuala Ferriter")
    assert colm and nuala and colm != nuala
    assert path_of(site, "seeds/c.txt", "Ferriter") is None  # ambiguous: no page, marked on its article
    page_c = next(p for p in site.articles if p.article.source_file == "seeds/c.txt")
    assert "several people" in page_c.uncertain[("actor", "Ferriter", "person")]
    assert sorted(actor_page_titles(site).values()) == ["Colm Ferriter", "Nuala Ferriter"]


def test_a_generic_body_is_one_body_per_country_and_none_without_one():
    """'the Government' of an article set in one country is that country's; of an article that
    does not say, it gets no page."""
    assert "government" in generic_bodies() and "opposition" in generic_bodies()
    site = build_site([
        story("seeds/au.txt", actors=[body("Government", 2)], places=[town("Canberra", "AU", 3)]),
        story("seeds/ke.txt", actors=[body("the Government", 2)], places=[town("Nairobi", "KE", 2)]),
        story("seeds/ke2.txt", actors=[body("Government", 1)], places=[town("Mombasa", "KE", 1)],
              sentences=["MOMBASA (Wire) -", "The Government said little."], lede_sentence=1),
        story("seeds/none.txt", actors=[body("Government", 3)]),
    ])
    au = path_of(site, "seeds/au.txt", "Government", "organisation")
    ke = path_of(site, "seeds/ke.txt", "the Government", "organisation")
    assert au and ke and au != ke
    assert path_of(site, "seeds/ke2.txt", "Government", "organisation") == ke
    titles = actor_page_titles(site)
    assert titles[au] == "Government (Australia)" and titles[ke] == "Government (Kenya)"
    assert path_of(site, "seeds/none.txt", "Government", "organisation") is None
    none = next(p for p in site.articles if p.article.source_file == "seeds/none.txt")
    assert "generic body" in none.uncertain[("actor", "Government", "organisation")]


def test_one_type_per_identity_by_all_the_evidence_not_one_label():
    """A company the model once calls a person is an organisation everywhere, on every page."""
    site = build_site([
        story("seeds/a.txt", actors=[person("Karrabee Freight", 1)]),
        story("seeds/b.txt", actors=[body("Karrabee Freight", 2)]),
        story("seeds/c.txt", actors=[body("Karrabee Freight", 3)]),
    ])
    pages = {path_of(site, "seeds/a.txt", "Karrabee Freight", "person"),
             path_of(site, "seeds/b.txt", "Karrabee Freight", "organisation"),
             path_of(site, "seeds/c.txt", "Karrabee Freight", "organisation")}
    assert len(pages) == 1 and None not in pages
    [entity] = [e for e in site.entities if e.path in pages]
    assert entity.subtitle == "organisation" and entity.path.endswith("-org.md")
    a = next(p for p in site.articles if p.article.source_file == "seeds/a.txt")
    assert a.actor_kinds[("Karrabee Freight", "person")] == "organisation"


def test_a_name_that_is_a_place_in_its_article_is_not_an_actor():
    site = build_site([
        story("seeds/fire.txt", ["Crews held the line near Wandiligong overnight."],
              actors=[person("Wandiligong", 3), body("Wandiligong", 1)], places=[town("Wandiligong", "AU", 2)]),
        story("seeds/again.txt", ["Residents of Wandiligong returned."], actors=[person("Wandiligong", 2)]),
    ])
    assert not [e for e in site.entities if e.kind == "actor"]
    fire = next(p for p in site.articles if p.article.source_file == "seeds/fire.txt")
    assert "place" in fire.uncertain[("actor", "Wandiligong", "person")]
    assert fire.place_paths[("Wandiligong", "AU", "city")]  # the place keeps its page


def test_a_gazetteer_town_after_a_place_cue_is_not_an_actor():
    site = build_site([story("seeds/a.txt", ["Hundreds of residents of Ballarat were told to leave.",
                                             "Ballarat has a new pool."],
                             actors=[body("Ballarat", 2, sentences=(0, 1))])])
    assert path_of(site, "seeds/a.txt", "Ballarat", "organisation") is None
    assert "residents of" in site.articles[0].uncertain[("actor", "Ballarat", "organisation")]


def test_descriptions_and_groups_are_not_actors():
    """What the extraction took for a name but is written as a description, a lower-case word or a kind
    of people gets no page, however often it is quoted or mentioned."""
    said = [Source(name=n, descriptor=None, anonymous=False, type="organisation",
                   quotes=[Quote(text="It was a good week.", direct=True, cue="said", sentence=0)])
            for n in ("officials close to the Mayor", "a Harbour Board spokesperson")]
    site = build_site([story("seeds/a.txt", actors=[body("officials close to the Mayor", 3), body("president-elect", 2),
                                                    body("Remainers", 4), body("Kenyans", 2),
                                                    body("Harbour Board", 2), body("Labour party", 2)],
                             sources=said)])
    page = site.articles[0]
    assert set(page.actor_paths) == {("Harbour Board", "organisation"), ("Labour party", "organisation")}
    assert "not written as a name" in page.uncertain[("actor", "president-elect", "organisation")]
    assert "group of people" in page.uncertain[("actor", "Remainers", "organisation")]
    assert "group of people" in page.uncertain[("actor", "Kenyans", "organisation")]
    assert ("source", "a Harbour Board spokesperson", False) in page.uncertain


def test_a_bare_name_joins_across_articles_only_with_something_else_in_common():
    """A one-word short form joins another article's full name only when the two articles share
    another entity (a placed town, a person, a body); a given name alone ('Ian Pellow' vs 'Ian' — or a
    surname that is also a given name) never joins across articles, shared entity or not."""
    harbour = town("Port Tallis", "NZ")
    site = build_site([
        story("seeds/a.txt", actors=[person("Ottoline Quarrender", 2, "ferry captain")], places=[harbour]),
        story("seeds/b.txt", actors=[person("Quarrender", 2)]),  # nothing in common with a.txt
        story("seeds/c.txt", actors=[person("Quarrender", 1), body("Tallis Ferry Company", 2)]),
        story("seeds/d.txt", actors=[body("Tallis Ferry Company", 1), person("Mervyn Thomas", 2, "engineer")]),
        story("seeds/e.txt", actors=[person("Thomas", 3)], places=[harbour]),
        story("seeds/f.txt", actors=[person("Quarrender", 1)], places=[harbour]),
    ])
    captain = path_of(site, "seeds/a.txt", "Ottoline Quarrender")
    assert captain and path_of(site, "seeds/f.txt", "Quarrender") == captain  # the same harbour town
    assert path_of(site, "seeds/b.txt", "Quarrender") is None
    assert path_of(site, "seeds/c.txt", "Quarrender") is None  # shares a body, but with d.txt, not a.txt
    assert path_of(site, "seeds/e.txt", "Thomas") is None  # 'Thomas' is a given name too
    page_b = next(p for p in site.articles if p.article.source_file == "seeds/b.txt")
    assert "single name" in page_b.uncertain[("actor", "Quarrender", "person")]


def test_a_title_that_contradicts_the_full_name_keeps_the_short_form_off_it():
    """'President Varlow' is not the First Lady 'Ines Varlow' of the same article, nor 'Mr Varlow' a
    'Mrs': with no compatible full name in its article, a short form with a title takes the one
    compatible full name of the archive (an article sharing something with it)."""
    hall = town("Marlcombe", "US")
    site = build_site([
        story("seeds/a.txt", actors=[person("Ines Varlow", 3, "First Lady"), person("President Varlow", 1)],
              places=[hall]),
        story("seeds/b.txt", actors=[person("Teodor Varlow", 2, "President")], places=[hall]),
        story("seeds/c.txt", actors=[person("Mrs Quenby", 1), person("Aldous Quenby", 2, "Mr")]),
    ])
    first_lady = path_of(site, "seeds/a.txt", "Ines Varlow")
    president = path_of(site, "seeds/b.txt", "Teodor Varlow")
    assert first_lady and president and first_lady != president
    assert path_of(site, "seeds/a.txt", "President Varlow") == president
    assert path_of(site, "seeds/c.txt", "Mrs Quenby") != path_of(site, "seeds/c.txt", "Aldous Quenby")
    # a role that only names another office ('Vice President') is no proof of the office
    site = build_site([story("seeds/a.txt", actors=[person("Ines Varlow", 3, "Vice President of the board"),
                                                     person("President Varlow", 1)])])
    assert path_of(site, "seeds/a.txt", "President Varlow") != path_of(site, "seeds/a.txt", "Ines Varlow")


def test_a_body_without_its_corporate_suffix_or_its_tail_is_the_same_body_in_its_article():
    """'Brenmoor Brands' beside 'Brenmoor Brands Inc', 'Keswal Chemicals' beside 'Keswal Chemicals and
    Plastics Corp', 'Ostravia Group' beside 'Ostravia SpA' are one body each (suffixes in
    data/corporate_suffixes.txt); in another article, or when two bodies would fit, they stay apart."""
    site = build_site([
        story("seeds/a.txt", actors=[body("Brenmoor Brands Inc", 2), body("Brenmoor Brands", 1),
                                     body("Keswal Chemicals and Plastics Corp", 1), body("Keswal Chemicals", 2),
                                     body("Ostravia SpA", 1), body("Ostravia Group", 1)]),
        story("seeds/b.txt", actors=[body("Halden Foods Ltd", 2), body("Halden Foods Corp", 2),
                                     body("Halden Foods", 1), body("Government", 1)]),
    ])
    for short, full in (("Brenmoor Brands", "Brenmoor Brands Inc"), ("Keswal Chemicals",
                        "Keswal Chemicals and Plastics Corp"), ("Ostravia Group", "Ostravia SpA")):
        one, other = (path_of(site, "seeds/a.txt", n, "organisation") for n in (short, full))
        assert one and one == other, (short, full)
    # 'Halden Foods Ltd' and 'Halden Foods Corp' (perhaps a parent and its subsidiary) both fit
    # 'Halden Foods': nothing says which, so all three stay apart
    ltd, corp, bare = (path_of(site, "seeds/b.txt", n, "organisation")
                       for n in ("Halden Foods Ltd", "Halden Foods Corp", "Halden Foods"))
    assert ltd and corp and ltd != corp and bare not in (ltd, corp)
    # a generic body never joins by its words
    assert path_of(site, "seeds/b.txt", "Government", "organisation") is None


def test_an_acronym_of_a_bodys_words_in_another_order_is_that_body_in_its_article():
    """'NZDF' beside 'N.Z. Fisheries Department' (the acronym of 'N.Z. Department of Fisheries') is
    one body; with two bodies whose initials fit, or a person, it joins none."""
    site = build_site([
        story("seeds/a.txt", actors=[body("N.Z. Fisheries Department", 2), body("NZDF", 2)]),
        story("seeds/b.txt", actors=[body("Kell Trust Board", 2), body("Kell Board Trust", 2), body("KTB", 2),
                                     person("Kirsty Tamsin Beale", 2, "diver")]),
    ])
    assert path_of(site, "seeds/a.txt", "NZDF", "organisation") == \
        path_of(site, "seeds/a.txt", "N.Z. Fisheries Department", "organisation") is not None
    b = {path_of(site, "seeds/b.txt", n, "organisation") for n in ("Kell Trust Board", "Kell Board Trust", "KTB")}
    assert len(b) == 3


def test_a_partys_members_in_the_plural_are_the_party_in_its_country():
    """'Democrats' in an article about the US is the Democratic Party (data/generic_bodies.txt:
    'Democrats | US = Democratic Party'); in an Australian article it stays Australia's generic body."""
    site = build_site([
        story("seeds/us.txt", actors=[body("Democrats", 2)], places=[town("Des Moines", "US", 3)]),
        story("seeds/us2.txt", actors=[body("Democratic Party", 2)], places=[town("Omaha", "US", 2)]),
        story("seeds/au.txt", actors=[body("Democrats", 2)], places=[town("Adelaide", "AU", 2)]),
    ])
    party = path_of(site, "seeds/us2.txt", "Democratic Party", "organisation")
    assert party and path_of(site, "seeds/us.txt", "Democrats", "organisation") == party
    assert actor_page_titles(site)[party] == "Democratic Party"
    au = path_of(site, "seeds/au.txt", "Democrats", "organisation")
    assert au and au != party and actor_page_titles(site)[au] == "Democrats (Australia)"


def test_a_chamber_of_an_article_about_a_states_legislature_gets_no_national_page():
    """A bare 'Senate' or 'House' in an article that speaks of a state's own chamber ('the state
    Senate', 'the Wyoming House') may be the state's: no page, where an article about Congress gives
    'Senate (United States)'. Other generic bodies of that article keep their country."""
    site = build_site([
        story("seeds/state.txt", ["Lawmakers in the state Senate voted on Tuesday.", "The Senate adjourned."],
              actors=[body("Senate", 2, (0, 1)), body("Police", 2)], places=[town("Cheyenne", "US", 3)]),
        story("seeds/named.txt", ["The Wyoming House passed the bill.", "The House then adjourned."],
              actors=[body("House", 2, (1,))],
              places=[town("Cheyenne", "US", 2), Location(name="Wyoming", type="region", country_code="US",
                                                           lat=1.0, lon=1.0, mentions=1, sentences=[0])]),
        story("seeds/congress.txt", ["The Senate confirmed the nominee."], actors=[body("Senate", 2)],
              places=[town("Washington", "US", 2)]),
    ])
    assert path_of(site, "seeds/state.txt", "Senate", "organisation") is None
    assert path_of(site, "seeds/named.txt", "House", "organisation") is None
    state = next(p for p in site.articles if p.article.source_file == "seeds/state.txt")
    assert "generic body" in state.uncertain[("actor", "Senate", "organisation")]
    senate = path_of(site, "seeds/congress.txt", "Senate", "organisation")
    assert senate and actor_page_titles(site)[senate] == "Senate (United States)"
    assert actor_page_titles(site)[path_of(site, "seeds/state.txt", "Police", "organisation")] == \
        "Police (United States)"


def test_a_generic_ministry_is_the_country_its_sentence_qualifies_it_by():
    """'Kenya's Agriculture Ministry' is Kenya's even in an article whose places are elsewhere; 'the
    Peruvian Agriculture Ministry' Peru's; with no qualifier and no country in the article, no page
    (wire copy without a dateline must not merge every country's ministry on one page)."""
    site = build_site([
        story("seeds/ke.txt", ["Kenya's Agriculture Ministry cut its maize forecast."],
              actors=[body("Agriculture Ministry", 2)], places=[town("Kampala", "UG", 3)]),
        story("seeds/pe.txt", ["The Peruvian Agriculture Ministry said quinoa exports rose."],
              actors=[body("Agriculture Ministry", 2)]),
        story("seeds/none.txt", ["The Agriculture Ministry said stocks were ample."],
              actors=[body("Agriculture Ministry", 2)]),
    ])
    titles = actor_page_titles(site)
    assert titles[path_of(site, "seeds/ke.txt", "Agriculture Ministry", "organisation")] == \
        "Agriculture Ministry (Kenya)"
    assert titles[path_of(site, "seeds/pe.txt", "Agriculture Ministry", "organisation")] == \
        "Agriculture Ministry (Peru)"
    assert path_of(site, "seeds/none.txt", "Agriculture Ministry", "organisation") is None


def test_a_short_outlet_name_several_papers_go_by_gets_no_page():
    """'The Times' on second reference is whichever Times the article quoted first (New York, Los
    Angeles, London): it gets no cross-article page, even in two articles of one country, while the
    full names keep theirs."""
    site = build_site([
        story("seeds/ny.txt", actors=[body("The New York Times", 2), body("The Times", 2)],
              places=[town("Albany", "US", 2)]),
        story("seeds/la.txt", actors=[body("Los Angeles Times", 2), body("the Times", 2)],
              places=[town("Pasadena", "US", 2)]),
    ])
    assert path_of(site, "seeds/ny.txt", "The Times", "organisation") is None
    assert path_of(site, "seeds/la.txt", "the Times", "organisation") is None
    assert {"The New York Times", "Los Angeles Times"} <= set(actor_page_titles(site).values())


def test_a_body_and_its_curated_alias_are_one_page_of_one_title():
    """'Federal Reserve' in one article and 'Fed' in another (an alias in data/organisations.txt) are
    one identity, keyed by the canonical name: one page, not two pages titled alike."""
    site = build_site([
        story("seeds/a.txt", actors=[body("Fed", 2)]),
        story("seeds/b.txt", actors=[body("U.S. Federal Reserve", 1)]),
        story("seeds/c.txt", actors=[body("the Federal Reserve", 2)]),
    ])
    paths = {path_of(site, f, n, "organisation") for f, n in (("seeds/a.txt", "Fed"),
             ("seeds/b.txt", "U.S. Federal Reserve"), ("seeds/c.txt", "the Federal Reserve"))}
    assert len(paths) == 1 and None not in paths
    assert list(actor_page_titles(site).values()).count("Federal Reserve") == 1


def test_a_body_joins_the_name_an_article_spelt_it_out_as():
    """An acronym that one article joined to its full name (the extraction's alias) is that body in
    the articles that use the acronym alone."""
    full = Actor(name="Lower Murray Water Authority", type="organisation", aliases=["LMWA"], mentions=3, sentences=[0])
    site = build_site([story("seeds/a.txt", actors=[full]), story("seeds/b.txt", actors=[body("LMWA", 2)])])
    assert path_of(site, "seeds/b.txt", "LMWA", "organisation") == \
        path_of(site, "seeds/a.txt", "Lower Murray Water Authority", "organisation") == "actors/lower-murray-water-authority-org.md"


def test_a_surname_labelled_an_organisation_joins_the_person():
    """The model often takes a surname alone for an organisation: when the archive has one full name
    with that surname it is that person (quotes and all); with two, it is no one's."""
    said = Source(name="Whitcombe", descriptor=None, anonymous=False, type="organisation",
                  quotes=[Quote(text="The levee held.", direct=True, cue="said", sentence=0)])
    site = build_site([story("seeds/a.txt", actors=[person("Ottilie Whitcombe", 2, "engineer")],
                             places=[town("Gundagai", "AU")]),
                       story("seeds/b.txt", actors=[body("Whitcombe", 1)], sources=[said], places=[town("Gundagai", "AU")])])
    assert path_of(site, "seeds/b.txt", "Whitcombe", "organisation") == "actors/ottilie-whitcombe.md"
    b = next(p for p in site.articles if p.article.source_file == "seeds/b.txt")
    assert b.source_paths[("Whitcombe", False)] == "actors/ottilie-whitcombe.md"
    site = build_site([story("seeds/a.txt", actors=[person("Ottilie Whitcombe", 2, "engineer")]),
                       story("seeds/c.txt", actors=[person("Ray Whitcombe", 2, "farmer")]),
                       story("seeds/b.txt", actors=[body("Whitcombe", 1)], sources=[said])])
    assert path_of(site, "seeds/b.txt", "Whitcombe", "organisation") is None


def test_a_name_the_archive_places_on_the_map_is_not_an_actor_on_one_label():
    site = build_site([
        story("seeds/a.txt", places=[town("Carrick Quay", "IE", 3)]),
        story("seeds/b.txt", places=[town("Carrick Quay", "IE", 2)]),
        story("seeds/c.txt", actors=[person("Carrick Quay", 2)]),
    ])
    assert path_of(site, "seeds/c.txt", "Carrick Quay") is None
    assert not [e for e in site.entities if e.kind == "actor"]


def test_the_confidence_bar():
    """Named once with nothing to confirm it: no page. Twice, or with a role, or quoted, or in two
    articles with the same type: a page."""
    quote = Source(name="Petra Olund", descriptor=None, anonymous=False, type="person",
                   quotes=[Quote(text="We will reopen the mill.", direct=True, cue="said", sentence=0)])
    site = build_site([
        story("seeds/a.txt", actors=[person("Bryn Castellow"), person("Aino Reiss", 2), person("Tomas Wexe", role="mayor"),
                                     person("Petra Olund"), body("Orrin Mills Cooperative"), person("Sela Marr")],
              sources=[quote]),
        story("seeds/b.txt", actors=[body("Orrin Mills Cooperative")]),
    ])
    a = site.articles[0] if site.articles[0].article.source_file == "seeds/a.txt" else site.articles[1]
    assert set(a.actor_paths) == {("Aino Reiss", "person"), ("Tomas Wexe", "person"), ("Petra Olund", "person"),
                                  ("Orrin Mills Cooperative", "organisation")}
    assert "named once" in a.uncertain[("actor", "Bryn Castellow", "person")]
    assert ("actor", "Sela Marr", "person") in a.uncertain
    assert 'class="digest-uncertain" title="Not linked across articles: named once' in str(
        a.mark(("actor", "Bryn Castellow", "person")))
    assert str(a.mark(("actor", "Aino Reiss", "person"))) == ""


def test_a_correction_by_hand_confirms_an_actor_and_its_type_wins_the_vote():
    fixed = Actor(name="Quorra Bay Traders", type="organisation", mentions=1, sentences=[0], corrected=["type"])
    site = build_site([
        story("seeds/a.txt", actors=[fixed]),
        story("seeds/b.txt", actors=[person("Quorra Bay Traders", 3)]),
        story("seeds/c.txt", actors=[person("Quorra Bay Traders", 3)]),
    ])
    paths = {path_of(site, f, "Quorra Bay Traders", k) for f, k in (("seeds/a.txt", "organisation"),
                                                                    ("seeds/b.txt", "person"), ("seeds/c.txt", "person"))}
    assert paths == {"actors/quorra-bay-traders-org.md"}


def test_an_actor_who_is_quoted_has_one_page_with_the_quote():
    quote = Source(name="Rafe Okonjo", descriptor=None, anonymous=False, type="person",
                   quotes=[Quote(text="The bridge is safe.", direct=True, cue="said", sentence=1)])
    site = build_site([story("seeds/a.txt", ["Engineer Rafe Okonjo inspected it.", "\"The bridge is safe,\" he said."],
                             actors=[person("Rafe Okonjo", 2, "engineer")], sources=[quote])])
    page = site.articles[0]
    assert page.actor_paths[("Rafe Okonjo", "person")] == page.source_paths[("Rafe Okonjo", False)] == \
        "actors/rafe-okonjo.md"
    [entity] = [e for e in site.entities if e.title == "Rafe Okonjo"]
    assert entity.indexes == ["actor", "source"]
    assert entity.appearances[0].detail == "engineer" and entity.appearances[0].quote == "The bridge is safe."
    assert not [e for e in site.entities if e.path.startswith("sources/") and e.title == "Rafe Okonjo"]


def test_linking_needs_no_spacy():
    """Linking reads extractions only: importing and running it loads no NLP library."""
    code = ("import sys\nfrom generator.link import link\nfrom generator.models import Actor, Article, Extraction\n"
            "ex = Extraction(['A.'], [[0]], 'A.', actors=[Actor('Jo Bloggs', 'person', mentions=2, sentences=[0])])\n"
            "a = Article('s.txt', 's', 'S', None, None, None, [], [], None, 'en', False, ex)\n"
            "assert link([a]).actor('s.txt', ex.actors[0]).confirmed\n"
            "assert 'spacy' not in sys.modules and 'thinc' not in sys.modules, sorted(sys.modules)\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- inside one article, on real extractions -------------------------------------------------------------

def extraction(nlp, text: str) -> Extraction:
    return Extraction.from_dict(nlp(text)._.digest)


def one_article(nlp, text: str) -> tuple:
    article = story("seeds/x.txt")
    article.extraction = extraction(nlp, text)
    linking = link([article])
    return article, linking


def identity_names(article, linking) -> dict[str, str]:
    return {a.name: linking.actor(article.source_file, a).name for a in article.extraction.actors}


@pytest.mark.parametrize("text, full", [
    ("Forces killed Osama bin Laden in 2011. Officials said bin Laden had lived there for years.", "Osama bin Laden"),
    ("Robert F. Kennedy Jr. spoke in Boston on Monday. Kennedy told the crowd he would run again.",
     "Robert F. Kennedy Jr."),
    ("Treasurer Hemi Rangitane announced the budget on Tuesday. The Treasurer said spending would fall.",
     "Hemi Rangitane"),
])
def test_every_name_of_one_person_in_a_real_article_ends_on_one_identity(nlp, text, full):
    """Whether the extraction already joined them (extract/actors.py) or linking did, an article's short
    forms and its fullest name are one identity, named by the fullest name, with one page."""
    article, linking = one_article(nlp, text)
    idents = {linking.actor(article.source_file, a).id for a in article.extraction.actors
              if linking.actor(article.source_file, a).kind == "person"}
    assert len(idents) == 1, identity_names(article, linking)
    assert linking.identities[idents.pop()].name == full


def test_short_forms_the_extraction_left_apart_join_in_their_article():
    """The cases linking adds to the extraction's own merges: a surname of several words, a surname
    after a generational suffix, a surname the model labelled an organisation, a role used as a name
    (one holder), and a role with no holder (a role, not an entity)."""
    a = story("seeds/a.txt", actors=[
        person("Yusuf al Rashidi", 2), person("al Rashidi", 1),
        person("Tobias Wren Jr.", 1, "senator"), body("Wren", 2),
        person("Hemi Rangitane", 1, "Treasurer"), body("The Treasurer", 1),
        body("Premier", 1), person("Marta Wren-Holt", 1, "mayor"), person("Holt", 1)])
    linking = link([a])
    ident = {x.name: linking.actor("seeds/a.txt", x) for x in a.extraction.actors}
    assert ident["al Rashidi"] is ident["Yusuf al Rashidi"]
    assert ident["Wren"] is ident["Tobias Wren Jr."] and ident["Wren"].kind == "person"
    assert ident["The Treasurer"] is ident["Hemi Rangitane"]
    assert ident["Premier"].kind == "role" and not ident["Premier"].confirmed
    assert ident["Holt"] is not ident["Marta Wren-Holt"]  # part of a double-barrelled name is not its surname


# --- one real build ----------------------------------------------------------------------------------------

SEEDS = {
    "flood-nsw.txt": "---\ntitle: Flood waters rise in Lismore\ndate: 2025-02-03\n---\n"
    "Flood waters rose in Lismore, New South Wales, on Monday as rain fell across northern New South Wales.\n"
    "The Government said emergency payments would open on Tuesday. The Government has faced criticism.\n"
    "\"We are moving people to higher ground now,\" said Dana Whitlock, the Lismore mayor.\n"
    "Dana Whitlock said Lismore had not seen water this high since 2022.\n",
    "strike-kenya.txt": "---\ntitle: Nurses strike in Nairobi\ndate: 2025-02-04\n---\n"
    "Nurses walked off the job in Nairobi, Kenya, on Tuesday over unpaid wages.\n"
    "The Government said talks would resume in Nairobi on Friday. The Government blamed the counties.\n"
    "Union leader Gideon Whitlock said the strike would go on until every nurse was paid.\n"
    "Gideon Whitlock told reporters in Nairobi that the nurses were united.\n",
    "whitlock.txt": "---\ntitle: A surname in the news\ndate: 2025-02-05\n---\n"
    "Whitlock said on Wednesday that the matter was closed.\n",
}


def test_a_real_build_links_entities_across_articles(tmp_path):
    project = make_project(tmp_path / "p", seeds=[])
    for name, text in SEEDS.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    run_generator(["build", "--site"], cwd=project)
    docs, site = project / "docs", project / "site"
    actors = {p.stem for p in (docs / "actors").glob("*.md")} - {"index"}
    # one page for the mayor, who is an actor and a quoted source; none under sources/
    assert "dana-whitlock" in actors and not (docs / "sources" / "dana-whitlock.md").exists()
    page = (site / "actors" / "dana-whitlock" / "index.html").read_text(encoding="utf-8")
    assert "We are moving people to higher ground now" in page
    sources_index = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "../actors/dana-whitlock/" in sources_index
    # the two governments are two bodies
    governments = sorted(a for a in actors if a.startswith("government"))
    assert governments == ["government-australia-org", "government-kenya-org"], actors
    # two people who share a surname stay apart, and the bare surname joins neither
    assert "gideon-whitlock" in actors and "whitlock" not in actors
    lone = (docs / "articles" / "a-surname-in-the-news.md").read_text(encoding="utf-8")
    assert "(uncertain)" in lone and "actors/dana-whitlock" not in lone and "actors/gideon-whitlock" not in lone
    # a town is never on the Actors index
    index = (site / "actors" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r">\s*(Lismore|Nairobi|New South Wales|Kenya)\s*<", index)
    # every article page says its panels are machine-extracted and links to how to correct them
    article = (site / "articles" / "flood-waters-rise-in-lismore" / "index.html").read_text(encoding="utf-8")
    assert "machine-extracted" in article and "about/#corrections" in article
    data = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 3


def test_adding_an_article_relinks_the_others_without_parsing_them(tmp_path):
    """Linking runs over the cached extractions: a new article that names a person in full (and the
    same town) gives an older article's bare surname its page, and only the new article is parsed."""
    project = make_project(tmp_path / "p", seeds=[])
    (project / "seeds" / "whitlock.txt").write_text(
        "---\ntitle: The levee in Lismore\ndate: 2025-02-05\n---\n"
        "Whitlock said in Lismore on Wednesday that the levee had held overnight.\n", encoding="utf-8")
    run_generator(["build"], cwd=project)
    lone = project / "docs" / "articles" / "the-levee-in-lismore.md"
    assert "actors/dana-whitlock" not in lone.read_text(encoding="utf-8")
    (project / "seeds" / "flood-nsw.txt").write_text(SEEDS["flood-nsw.txt"], encoding="utf-8")
    output = run_generator(["build"], cwd=project).stdout
    assert re.search(r"\(1 parsed, 1 from the cache\)", output), output
    assert "actors/dana-whitlock" in lone.read_text(encoding="utf-8")


NAME_PARTS = ["Jane", "Doe", "bin", "Laden", "Jr.", "the", "Government", "Police", "Treasurer", "Mr", "Kennedy",
              "O'Brien", "van", "der", "Berg", "Ελλάδα", "C++", "", " ", "-", "'s", "Paris", "Africans", "Bank", "of",
              "J.", "\u200b", "president-elect"]
names = st.lists(st.sampled_from(NAME_PARTS), min_size=0, max_size=5).map(" ".join)


@st.composite
def archives(draw) -> list[Article]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        actors = [Actor(name=draw(names), type=draw(st.sampled_from(["person", "organisation"])),
                        role=draw(st.one_of(st.none(), names)), aliases=draw(st.lists(names, max_size=2)),
                        mentions=draw(st.integers(0, 3)), sentences=[0]) for _ in range(draw(st.integers(0, 5)))]
        places = [Location(name=draw(names), type="city", country_code=draw(st.sampled_from([None, "FR", "AU"])),
                           mentions=draw(st.integers(0, 3)), sentences=[0]) for _ in range(draw(st.integers(0, 3)))]
        sources = [Source(name=draw(st.one_of(st.none(), names)), descriptor=None, anonymous=draw(st.booleans()),
                          type="person", quotes=[Quote(text="x", direct=True, cue=None, sentence=0)])
                   for _ in range(draw(st.integers(0, 2)))]
        out.append(story(f"seeds/{n}.txt", [draw(names) or "x"], actors=actors, places=places, sources=sources,
                         lede_sentence=0))
    return out


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives())
def test_linking_names_every_item_once_and_is_deterministic(items):
    """Whatever the names (empty, particles only, other scripts, generic words), every actor, named
    source and place gets exactly one identity, the same on a second run; an identity with a page
    has a reason, one without it says why not; no identity has a page under two types."""
    first, second = link(items), link(items)
    for article in items:
        ex = article.extraction
        for actor in ex.actors:
            ident = first.actor(article.source_file, actor)
            assert ident is not None and ident.id == second.actor(article.source_file, actor).id
            assert ident.confirmed == (ident.doubt is None) or not ident.is_actor
            assert not ident.confirmed or ident.kind in ("person", "organisation")
            assert 0 <= ident.confidence <= 1
        for source in ex.sources:
            if source.name and not source.anonymous and not source.is_outlet:
                assert first.source(article.source_file, source.name) is not None
        for loc in ex.locations:
            assert first.place(article.source_file, loc).kind == "place"
    site = build_site(items)
    paths = [e.path for e in site.entities]
    assert len(paths) == len(set(paths))


# --- places of one name and country (issue 13 §4) -------------------------------------------------------

def real_story(nlp, file: str, text: str) -> Article:
    """An article whose extraction is the real pipeline's (``load_extraction`` of its digest)."""
    from generator.analyse import load_extraction

    article = story(file)
    article.extraction = load_extraction(json.dumps(nlp(text)._.digest))
    return article


def test_a_state_and_its_namesake_city_get_two_pages_with_titles_apart(nlp):
    """The state and the capital share a name and a country; linking keys the state apart, names it with
    its division word, and every article's mention goes to the right one, under a stable address."""
    articles = [
        real_story(nlp, "seeds/orchard.txt", "Apple growers near Yakima, Washington, lost half their crop. "
                                             "Growers across Washington state asked for aid."),
        real_story(nlp, "seeds/budget.txt", "Senators in Washington argued over the budget until dawn. "
                                            "Lobbyists crowded the halls of Washington all week."),
        real_story(nlp, "seeds/both.txt", "The firm moved from Spokane, Washington, to offices in Washington, D.C."),
    ]
    site = build_site(articles)
    places = {e.path: e for e in site.entities if e.kind == "place"}
    state, capital = places.get("places/washington-state-us.md"), places.get("places/washington-us.md")
    assert state is not None and capital is not None, sorted(places)
    assert (state.title, capital.title) == ("Washington (state)", "Washington")
    assert {r.article.source_file for r in state.appearances} == {"seeds/orchard.txt", "seeds/both.txt"}
    assert {r.article.source_file for r in capital.appearances} == {"seeds/budget.txt", "seeds/both.txt"}
    both = next(p for p in site.articles if p.article.source_file == "seeds/both.txt")
    assert sorted(both.place_paths.get(("Washington", "US", t)) for t in ("city", "region")) == \
        ["places/washington-state-us.md", "places/washington-us.md"], both.place_paths
    again = build_site(list(reversed(articles)))  # the addresses do not depend on the articles' order
    assert {e.path: e.title for e in again.entities if e.kind == "place"} == {p: e.title for p, e in places.items()}


def test_a_city_written_short_joins_its_full_name_and_leaves_the_state_apart(nlp):
    """"New York" the city is the page of "New York City" when an article shows the two are one town;
    "New York" the state keeps a page of its own, titled so a reader can tell it apart."""
    site = build_site([
        real_story(nlp, "seeds/subway.txt", "New York City opened two subway stations. "
                                            "Riders in New York welcomed the change."),
        real_story(nlp, "seeds/museum.txt", "A new museum opened in New York on Friday."),
        real_story(nlp, "seeds/albany.txt", "New York governor Kathy Hochul signed the bill. "
                                            "New York, the nation's fourth-largest state, will pay for it."),
    ])
    places = {e.path: e for e in site.entities if e.kind == "place"}
    city = places.get("places/new-york-city-us.md")
    assert city is not None and city.title == "New York City", sorted(places)
    assert {r.article.source_file for r in city.appearances} == {"seeds/subway.txt", "seeds/museum.txt"}
    state = places.get("places/new-york-state-us.md")
    assert state is not None and state.title == "New York (state)", sorted(places)
    assert [r.article.source_file for r in state.appearances] == ["seeds/albany.txt"]
    assert "places/new-york-us.md" not in places


@pytest.mark.parametrize("name, path, title", [
    ("Oregon", "places/oregon-us.md", "Oregon"),  # no namesake: the plain page
    ("Washington", "places/washington-state-us.md", "Washington (state)"),  # the capital may come later
])
def test_a_state_alone_has_the_address_it_keeps_when_its_city_comes(name, path, title):
    """A state whose bare name reads as a city of its country is titled apart even in an archive that
    never names the city, so its address does not move when the city's first article arrives; any other
    state keeps its plain page."""
    state = Location(name=name, type="region", country_code="US", mentions=2, sentences=[0])
    site = build_site([story("seeds/rain.txt", places=[state])])
    assert [(e.path, e.title) for e in site.entities if e.kind == "place"] == [(path, title)]
    if name == "Washington":  # the capital's first article: the state's page stays where it was
        later = build_site([story("seeds/rain.txt", places=[state]),
                            story("seeds/city.txt", places=[town(name, "US")])])
        pages = {e.path: e for e in later.entities if e.kind == "place"}
        assert pages[path].title == title and [r.article.source_file for r in pages[path].appearances] == \
            ["seeds/rain.txt"]
        assert pages["places/washington-us.md"].title == "Washington"


def test_linking_word_lists_are_data_files_each_with_a_header():
    """link.py's word lists live in generator/data/ (rules as data): each file says what it is, and
    link uses exactly its words."""
    from generator import lexicon, link

    for name, used, sample in (("org_words.txt", link.ORG_WORDS, {"ministry", "plc", "university"}),
                               ("body_modifiers.txt", link.BODY_MODIFIERS, {"foreign", "health"}),
                               ("joining_words.txt", link.JOINING, {"of", "without", "do"}),
                               ("name_particles_link.txt", link.PARTICLES, {"bin", "van", "al"}),
                               ("group_words.txt", link.GROUPS, {"africans", "indigenous australians"})):
        path = lexicon.DATA_DIR / name
        assert path.read_text(encoding="utf-8").startswith("# "), f"{name} has no header saying what it is"
        assert used == lexicon.word_set(name) and sample <= used, name
