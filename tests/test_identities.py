"""One page per real-world actor or source (issue 13 §1, §6): namesakes of a person and a company stay apart,
a short form with a contradicting title is kept off a full name, generic short names ('the Foundation',
'the Times', "the AG's office") get no page that joins different bodies, software is no actor, words
glued to a name come off it, and an outlet's short form is the outlet.

The rules inside one article run on the real spaCy pipeline (``nlp``); the rules across articles on
hand-built extractions through ``link.link`` and ``pages.build_site`` (they need no parse).
"""
from __future__ import annotations

from conftest import actors_of, digest_of
from generator.link import link, outlet_meant
from generator.models import Actor, Article, Extraction, Quote, Source
from generator.pages import build_site


def story(file: str, sentences: list[str] | None = None, *, actors=(), sources=(), outlet: str | None = None,
          extraction: Extraction | None = None) -> Article:
    sentences = sentences or ["Something happened."]
    ex = extraction or Extraction(sentences=sentences, paragraphs=[list(range(len(sentences)))],
                                  lede_title=sentences[0], actors=list(actors), sources=list(sources))
    slug = file.rsplit("/", 1)[-1].removesuffix(".txt")
    return Article(source_file=file, slug=slug, title=slug.title(), date="2025-05-01", outlet=outlet, url=None,
                   authors=[], tags=[], summary=None, language="en", draft=False, extraction=ex)


def body(name: str, mentions: int = 2, aliases=()) -> Actor:
    return Actor(name=name, type="organisation", mentions=mentions, sentences=[0], aliases=list(aliases))


def quoted(name: str | None, kind: str = "organisation", via: str | None = None, descriptor: str | None = None,
           anonymous: bool = False) -> Source:
    return Source(name=name, type=kind, descriptor=descriptor, anonymous=anonymous, via=via,
                  quotes=[Quote(text="We will look into it.", sentence=0, direct=True, cue="said")])


def source_pages(site) -> dict[str, str]:
    return {e.path: e.title for e in site.entities if e.kind == "source"}


def article_page(site, file: str):
    return next(p for p in site.articles if p.article.source_file == file)


# --- inside one article, real pipeline ----------------------------------------------------------------------

def test_a_surname_whose_title_contradicts_the_full_name_is_not_that_person(nlp):
    """'Governor Lindqvist' is not 'First Lady Saga Lindqvist' (nor is 'Mr. Lindqvist'), in the extraction
    and in linking: the short form stays apart, an uncertain single name, while 'Mrs. Lindqvist' is her."""
    text = ("Governor Lindqvist signed the order on Monday. First Lady Saga Lindqvist opened the library "
            "the same day. Mrs. Lindqvist thanked the volunteers. Mr. Lindqvist did not attend.")
    article = story("seeds/x.txt", extraction=Extraction.from_dict(digest_of(nlp, text)))
    found = {a.name: a for a in article.extraction.actors}
    assert {"Saga Lindqvist", "Lindqvist"} <= set(found), found
    assert found["Saga Lindqvist"].mentions == 2, found
    linking = link([article])
    her, him = linking.actor("seeds/x.txt", found["Saga Lindqvist"]), linking.actor("seeds/x.txt", found["Lindqvist"])
    assert her.confirmed and her.id != him.id and not him.confirmed


def test_a_given_name_before_a_listed_company_makes_a_person_and_his_surname_is_his(nlp):
    """'William Boeing' is a man, not the company of the curated lists, and 'Boeing' said of him (with
    'he') is him; an article about the company keeps the company."""
    about_him = ("In 1916 the timber merchant William Boeing built his first seaplane on Lake Union. "
                 "Boeing said he would build a better one, and he did.")
    found = actors_of(nlp, about_him)
    assert found.get("William Boeing", {}).get("type") == "person", found
    assert "Boeing" not in found, found
    about_it = "Boeing delivered 40 jets in March, and it expects to deliver more in April."
    assert actors_of(nlp, about_it).get("Boeing", {}).get("type") == "organisation"


def test_a_stock_ticker_makes_a_company_of_every_mention(nlp):
    found = actors_of(nlp, "Investors cheered Quarrow Dunmore (NASDAQ:QRDM) on Friday. "
                           "Quarrow Dunmore plans to hire 200 engineers.")
    assert found.get("Quarrow Dunmore", {}).get("type") == "organisation", found
    assert not [a for a in found.values() if a["type"] == "person" and "Dunmore" in a["name"]], found


def test_software_named_like_a_body_is_no_actor_and_no_source_page(nlp):
    """'the Kestrel IDE said the board was unknown': software (a product word ends the name,
    data/non_actors.txt) is no actor, and its 'words' get no source page either."""
    text = "Users of the Kestrel IDE reported crashes. The Kestrel IDE said the board was unknown."
    article = story("seeds/x.txt", extraction=Extraction.from_dict(digest_of(nlp, text)))
    assert "Kestrel IDE" not in {a.name for a in article.extraction.actors}
    site = build_site([article])
    assert "Kestrel IDE" not in {e.title for e in site.entities}, [e.title for e in site.entities]


def test_a_question_word_at_a_headlines_start_is_not_part_of_the_name(nlp):
    found = actors_of(nlp, "Are Delia Forsythe and Tomas Quill really leaving the club?\n"
                           "Coach Delia Forsythe said on Monday she would stay.")
    assert not [n for n in found if n.split()[0] in ("Are", "Is", "Why")], found
    assert "Delia Forsythe" in found


# --- across articles, hand-built extractions ----------------------------------------------------------------

def test_a_generic_short_form_joins_no_body_of_another_article():
    """'the Foundation' that one article joined to the one foundation it names is not that foundation in an
    article that names two others: there it stays its article's, with no page; a lone word that names a
    kind of body ('Authority', 'Commission') never gets a page of its own."""
    site = build_site([
        story("seeds/gala.txt", actors=[body("Ravelin Arts Foundation", 3, aliases=["Foundation"])]),
        story("seeds/audit.txt", actors=[body("Marsh Family Foundation", 3), body("Corbel Foundation", 2),
                                         body("Foundation", 2), body("Authority", 2)]),
    ])
    gala = article_page(site, "seeds/gala.txt").actor_paths[("Ravelin Arts Foundation", "organisation")]
    audit = article_page(site, "seeds/audit.txt").actor_paths
    assert ("Foundation", "organisation") not in audit and ("Authority", "organisation") not in audit
    page = next(e for e in site.entities if e.path == gala)
    assert {a.article.source_file for a in page.appearances} == {"seeds/gala.txt"}


def test_an_office_named_by_a_role_gets_no_page():
    """"the AG's office", "the Governor's office": every state has one, so no page joins them."""
    site = build_site([
        story("seeds/one.txt", sources=[quoted("AG's office"), quoted("Governor’s office")]),
        story("seeds/two.txt", sources=[quoted("AG's office")]),
    ])
    titles = {e.title for e in site.entities}
    assert not titles & {"AG's office", "Governor’s office"}, titles
    assert "AG's office" in {k[1] for k in article_page(site, "seeds/one.txt").uncertain}


def test_a_list_number_before_a_quoted_name_comes_off_it():
    site = build_site([story("seeds/list.txt", sources=[quoted("7 Bram Oduya Jr")])])
    titles = {e.title for e in site.entities}
    assert not [t for t in titles if t[:1].isdigit()], titles


def test_a_short_paper_name_is_the_paper_its_article_names_and_no_page_otherwise():
    """'told the Times' is the one Times the article writes in full; with none (or two) it gets no page,
    so two articles' Times never share one."""
    ny = story("seeds/ny.txt", ["Ms. Okafor told The New York Times last week that she would run.",
                                "She told the Times on Monday she had changed her mind."],
               sources=[quoted("Ada Okafor", "person", via="The Times")])
    la = story("seeds/la.txt", ["The shutdown cost the district millions, the board told the Times."],
               sources=[quoted("Board", via="The Times")])
    site = build_site([ny, la])
    pages = source_pages(site)
    assert "The Times" not in pages.values(), pages
    assert article_page(site, "seeds/ny.txt").source_paths[("The Times", False)] == "sources/the-new-york-times.md"
    assert ("The Times", False) not in article_page(site, "seeds/la.txt").source_paths
    assert outlet_meant("Times", ["The Los Angeles Times and The New York Times both ran it."]) is None


def test_the_first_word_of_the_articles_own_outlet_is_that_outlet():
    """'Marrow is asking the company for comment' in an article Marrow Dispatch published: the outlet's
    page, not an actor or a source page called 'Marrow'."""
    article = story("seeds/own.txt", ["Marrow is asking the company for comment."],
                    sources=[quoted("Marrow")], outlet="Marrow Dispatch")
    site = build_site([article])
    assert set(source_pages(site).values()) == {"Marrow Dispatch"}, source_pages(site)
    assert not [e for e in site.entities if e.kind == "actor"]
    assert link([article]).source("seeds/own.txt", "Marrow") is None


def test_the_last_word_of_the_articles_own_outlet_is_that_outlet_as_an_actor():
    """'the Ledger' in an article the Harbour Ledger published is the paper that another article names in
    full; in an article of no such outlet it stays a bare word with no page (another 'Ledger' may be meant)."""
    own = story("seeds/own.txt", actors=[body("Ledger", 2)], outlet="Harbour Ledger")
    full = story("seeds/full.txt", actors=[body("Harbour Ledger", 2)])
    other = story("seeds/other.txt", actors=[body("Ledger", 2)])
    linking = link([own, full, other])
    paper = linking.actor("seeds/full.txt", full.extraction.actors[0])
    assert linking.actor("seeds/own.txt", own.extraction.actors[0]).id == paper.id
    assert linking.actor("seeds/other.txt", other.extraction.actors[0]).id != paper.id
