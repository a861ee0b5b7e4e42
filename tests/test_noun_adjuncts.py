"""A name that only modifies a thing's noun is no one (issue 13: things listed among the archive's people),
with the real spaCy pipeline: "the Elizabeth line", "the Kessler report" name a railway and a document,
while "the Obama administration" still speaks of a person. A name that ends like a place's
("… Town", "… Hill") after a word that is no given name is a place even beside a person who bears its
first word. A common word capitalised before its noun ("the State government") is no body, a sea's name
with "of" is a region, and a paper's dateline without a dash ("KUALA LUMPUR:", "CHENNAI, March 3, 2014" on
a line of its own) is its place. Rules: ``generator/extract/noun_adjuncts.py``,
``data/person_adjunct_heads.txt``, ``place_slots.place_shaped``, ``entities.relabel`` and ``DATELINE``."""
from __future__ import annotations

import pytest

from conftest import actor_types, places_of


@pytest.mark.parametrize("text, name", [
    ("Passengers were asked to use the Elizabeth line instead.", "Elizabeth"),
    ("The Kessler report found that wait times had doubled.", "Kessler"),
])
def test_a_name_that_only_modifies_a_things_noun_is_no_one(nlp, text, name):
    assert name not in actor_types(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("The Obama administration said it would appeal the ruling.", "Obama"),
    ("The talks stalled, and the Reagan doctrine was cited.", "Reagan"),
    # one mention that says the name is a person's keeps the others
    ("The Kessler report was published on Monday. Kessler said the findings were stark.", "Kessler"),
    # a given name before a place's last word: a person's name
    ("Damon Hill said the new circuit was the hardest he had driven.", "Damon Hill"),
])
def test_a_name_with_person_evidence_stays_a_person(nlp, text, name):
    assert actor_types(nlp, text).get(name) == "person"


@pytest.mark.parametrize("text, place, person", [
    # "Acton" is the detective's surname too: the station's name is still a place's
    ("The man was attacked between Acton Town and Turnham Green stations, and Detective Sergeant Mark Acton "
     "said the suspect fled.", "Acton Town", "Mark Acton"),
    ("The road over Pukerau Hill was shut after a slip on Monday.", "Pukerau Hill", None),
])
def test_a_name_shaped_like_a_place_is_a_place(nlp, text, place, person):
    actors = actor_types(nlp, text)
    assert place not in actors, actors
    assert place in places_of(nlp, text)
    if person:
        assert actors.get(person) == "person", actors


def test_names_listed_after_a_plural_place_noun_are_places(nlp):
    text = "Turnout fell sharply in wards such as Kelmarsh and Tumbleby, the count showed."
    found = places_of(nlp, text)
    assert {"Kelmarsh", "Tumbleby"} <= set(found), found
    assert not {"Kelmarsh", "Tumbleby"} & set(actor_types(nlp, text))


def test_a_name_with_a_particle_after_a_role_and_before_said_is_a_person(nlp):
    text = "Vanderhoek chief executive Marijke de Vries said the deal would close in the spring."
    assert actor_types(nlp, text).get("Marijke de Vries") == "person"


def test_a_common_word_capitalised_before_its_noun_is_no_body(nlp):
    # Indian English capitalises "State" before "government"; the article writes "state" too
    text = "The state has 38 districts. The State government sanctioned Rs. 2 crore for the scheme, officials said."
    assert "State" not in actor_types(nlp, text)


def test_a_venues_name_before_its_noun_stays_a_place(nlp):
    text = "Pilgrim hospital in Boston was put on alert, and the hospital said staff were ready."
    assert places_of(nlp, text).get("Pilgrim hospital", (None,))[0] == "facility"


def test_a_seas_name_with_of_is_a_region(nlp):
    assert places_of(nlp, "Fishing boats returned to the Gulf of Gabes on Monday.").get("Gulf of Gabes") == ("region", None)


@pytest.mark.parametrize("text, place", [
    # an Asian paper's dateline ends in a colon, and the model labels only its first word
    ("KUALA LUMPUR: Voters in Port Dickson went to the polls on Saturday, the Election Commission said.", "Kuala Lumpur"),
    # an Indian paper's dateline is a line of its own, with the date
    ("CHENNAI, March 3, 2014\n\nThe corporation said 40 wards would get new water mains this year.", "Chennai"),
])
def test_a_papers_dateline_without_a_dash_is_its_place(nlp, text, place):
    assert place in places_of(nlp, text)
    assert place.split()[0] not in actor_types(nlp, text)


def test_a_seas_name_with_a_persons_surname_in_it_stays_a_place(nlp):
    text = ("Harbour master Ivan Kotor said on Monday that ferries across the Bay of Kotor would stay in port. "
            "Kotor said the wind would drop by Wednesday.")
    assert "Bay of Kotor" not in actor_types(nlp, text)
    assert "Bay of Kotor" in places_of(nlp, text)


def test_a_town_named_with_hyphens_and_particles_is_one_place(nlp):
    # the model labels the first word only, or nothing; "Water" ends no body here
    text = "Crowds gathered in Bourton-on-the-Water and Ashby-de-la-Zouch on Sunday."
    found = places_of(nlp, text)
    assert {"Bourton-on-the-Water", "Ashby-de-la-Zouch"} <= set(found), found
    assert not actor_types(nlp, text)


@pytest.mark.parametrize("text, body", [
    # a trade word ends a company's name
    ("Ardvale Renewables, the Welsh developer, plans 90,000 panels.", "Ardvale Renewables"),
    # a role noun after the comma does not make a company's name a person's
    ("Halvorsen Crest Properties, the Oslo developer, posted a loss.", "Halvorsen Crest Properties"),
])
def test_a_name_ending_in_a_trade_word_is_a_company(nlp, text, body):
    assert actor_types(nlp, text).get(body) == "organisation"
