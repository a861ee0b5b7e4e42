"""Who someone is, where the article says it in a clause or points back to a body (issue 13, roles), with the
real spaCy pipeline: the post a relative clause names ("who chairs the … committee on …", "who represents
the … ward and voted …"), founders named together after "the company, which was founded … by", a role held
in the body "the trust's" points back to (the body whose name has that noun, not the last one named), a role
owned by a named person or body ("Ann Roe, Hartwell's finance chief,"), and a firm of partners' names
("Ames & Whitlock") that is no person. Rules: ``generator/extract/actors.py`` (``post_held``, ``founder_of``,
``with_owner``/``named_body_before``, ``phrase_until_delimiter``) and ``entities.relabel``."""
from __future__ import annotations

import pytest

from conftest import actor_types, people_of


@pytest.mark.parametrize("text, name, role", [
    ("Sen. Marguerite Olandt, who chairs the Senate committee on coastal erosion, said the money would not "
     "be enough.", "Marguerite Olandt", "chair of the Senate committee on coastal erosion"),
    ("Councillor Wiremu Tapsell, who represents the Te Awa ward and voted against the budget, said rates "
     "would rise.", "Wiremu Tapsell", "representative of the Te Awa ward"),
])
def test_a_post_named_in_a_relative_clause_is_a_role(nlp, text, name, role):
    found = people_of(nlp, text)[name]["role"] or ""
    assert role in found.split("; "), found


def test_founders_named_together_after_the_company_are_its_co_founders(nlp):
    text = ("Dutch shipbuilder Veerman & Kool said on Monday it would shut two yards. The family-run company, "
            "which was founded in Groningen in 1911 by carpenters Hendrik Veerman and Pieter Kool, said it "
            "would keep its design office.")
    people = people_of(nlp, text)
    for name in ("Hendrik Veerman", "Pieter Kool"):
        assert "co-founder of Veerman & Kool" in (people[name]["role"] or "").split("; "), people[name]
    assert actor_types(nlp, text).get("Veerman & Kool") == "organisation"


def test_a_role_in_the_body_a_noun_points_back_to(nlp):
    # the last body named before is the inspectorate; "the trust's" is the trust
    text = ("Inspectors from the Care Quality Commission said the unit was run by North Fenland Hospitals NHS "
            "Trust. The inspectors rated it inadequate. Dr Helen Aske, the trust's chief nurse, said lessons "
            "had been learned.")
    role = people_of(nlp, text)["Helen Aske"]["role"]
    assert role == "chief nurse of North Fenland Hospitals NHS Trust", role


def test_a_role_owned_by_a_named_body_in_apposition(nlp):
    # the company bears its founder's name, so the parser may take "Marwell" for a person: the role is owned
    text = ("Marwell Foods was founded by Otto Marwell in 1952. \"Shoppers are careful,\" Ines Korver, Marwell's "
            "chief financial officer, said on a call with analysts.")
    # (whose is "Marwell's", the firm's or its founder's, is ``owner_named``'s call; the role is kept either way)
    role = people_of(nlp, text)["Ines Korver"]["role"] or ""
    assert role.endswith("Marwell's chief financial officer"), role


@pytest.mark.parametrize("text, firm", [
    # the partners are people of the article too, so their surnames are the article's surnames
    ("Ames & Whitlock said it would appeal the ruling. The firm's founders, Dora Ames and Leon Whitlock, "
     "retired in 2010.", "Ames & Whitlock"),
    ("Lawyers at Brannigan & Hoyle said the case would go on. Senior partner Ruth Brannigan said the family "
     "was relieved.", "Brannigan & Hoyle"),
])
def test_a_firm_of_partners_names_is_no_person(nlp, text, firm):
    assert actor_types(nlp, text).get(firm) != "person"


@pytest.mark.parametrize("text, expected", [
    # a phrase set before the sentence's subject leaves "its" standing for the body the sentence before named
    ("The Harbour Board met on Monday. On Tuesday, its spokesman, Ann Roe, said the unit would close.",
     "spokesman of the Harbour Board"),
    # a field in lower case after "of" says what the post is, not where it is held
    ("The Harbour Board met on Monday. In a statement, its executive director of nursing, Ann Roe, said the unit "
     "would close.", "executive director of nursing at the Harbour Board"),
    # a post whose "of" names where it is held stays as written
    ("The Harbour Board met on Monday. Its head of the Pacific desk, Ann Roe, said the unit would close.",
     "head of the Pacific desk"),
])
def test_its_role_is_held_in_the_body_named_before(nlp, text, expected):
    assert people_of(nlp, text)["Ann Roe"]["role"] == expected


def test_the_company_said_is_followed_back_to_the_companys_name_not_the_agency_it_named(nlp):
    # the sentence before "The company was founded" is about the company ("the company said"), whose name is
    # one sentence further back; the one body it names (a ministry) is not the company
    text = ("Brightwater Dairies, a cooperative in Taranaki, recalled 9,000 tubs of yoghurt on Monday.\n\n"
            "In a notice on its website, the company said it was working with the Ministry for Primary Industries "
            "to find the cause.\n\nThe company was founded in 1962 by Hemi Walker and Joan Pratt.")
    people = people_of(nlp, text)
    for name in ("Hemi Walker", "Joan Pratt"):
        role = people[name]["role"] or ""
        assert "Ministry" not in role, role
        assert role == "co-founder of Brightwater Dairies", role


def test_the_company_after_a_sentence_about_another_body_is_still_its_one_named_company(nlp):
    text = ("The regulator said on Tuesday it had fined Pellham Water £2m for sewage spills.\n\n"
            "The company was founded in 1991 by Ivor Frost.")
    assert (people_of(nlp, text)["Ivor Frost"]["role"] or "") == "founder of Pellham Water"


@pytest.mark.parametrize("text, name, role", [
    ("Leeds City Council said the road would reopen on Friday. A council spokesman, Tom Reed, said crews were "
     "working overnight.", "Tom Reed", "spokesman of Leeds City Council"),
    ("The ministry said it had asked Corvane Ltd for its records.\n\nA company spokesman, Dana Fell, declined "
     "to comment.", "Dana Fell", "spokesman of Corvane Ltd"),
])
def test_a_body_spokesperson_speaks_for_the_body_in_the_story(nlp, text, name, role):
    assert people_of(nlp, text)[name]["role"] == role


def test_a_company_director_is_a_trade_not_a_post_in_the_company_named_nearby(nlp):
    text = "Jane Roe, a company director, said prices would rise. Acme Corp reported a loss on Monday."
    assert people_of(nlp, text)["Jane Roe"]["role"] == "company director"
