"""Places the model took for people (issue 13: "a town listed as a person"), with the real spaCy pipeline:
a name that stands where places stand ("in", "near", "at" after a noun, a list that starts in one of
these, "next to", "north of") and nowhere a person does is a place, however little any gazetteer knows of
it; a saint's name is a place; a name with person evidence (a title, a given name, a speech verb, an age, a
possessive after the slot word) stays a person. Rules: ``generator/extract/place_slots.py`` and kinds
'slot', 'beside' and 'bearing' of ``data/place_cues.txt``."""
from __future__ import annotations

import pytest

from conftest import actor_types, digest_of, places_of


@pytest.mark.parametrize("text, places", [
    # a list after "in": the model calls one member a person and another a nationality
    ("Power cuts were reported in Ardnaclash, Tullyroe, Kilbranish and Drumcroon on Sunday.",
     {"Ardnaclash", "Tullyroe", "Kilbranish", "Drumcroon"}),
    # "at" after a noun that is no one's role
    ("The company runs a sawmill at Mbokodweni and a depot near Sekhukhune.", {"Mbokodweni"}),
    # saints name parishes and towns, never the people of a news story
    ("St Barnabas recorded the heaviest rain of the week, while St Ursula stayed dry.", {"St Barnabas", "St Ursula"}),
])
def test_a_name_standing_only_where_places_stand_is_a_place(nlp, text, places):
    found, actors = places_of(nlp, text), actor_types(nlp, text)
    for name in places:
        assert name in found, (name, found, actors)
        assert name not in actors, (name, found, actors)


@pytest.mark.parametrize("text, person", [
    # "between" opens no slot: people are compared, met and contested between
    ("The contest between Ruth Okonjo and Teresa Blanchard-Vey was close, and Blanchard-Vey said she would "
     "ask for a recount.", "Ruth Okonjo"),
    # the name owns what stands in the slot
    ("The striker headed in Dylan Mbeki's cross.", "Dylan Mbeki"),
    # a title in another mention is person evidence for the whole article
    ("Supporters danced in Kiprotich Arap after the count, and Mr Kiprotich Arap thanked them.", "Kiprotich Arap"),
])
def test_a_name_with_person_evidence_stays_a_person(nlp, text, person):
    actors = actor_types(nlp, text)
    assert actors.get(person) == "person", actors
    assert person not in places_of(nlp, text)


def test_a_saints_short_form_finds_the_gazetteers_long_one(nlp):
    # ISO 3166-2 writes "Saint Lucy", a parish of Barbados; the article writes "St Lucy"
    text = "Taps ran dry across Barbados this week. Farmers in St Lucy queued for trucked water."
    found = {name: place for name, place in places_of(nlp, text).items() if name.endswith("Lucy")}
    assert list(found.values()) == [("region", "BB")], found


def test_a_parish_is_a_first_level_division(nlp):
    # Jamaica's parishes are its first-level divisions: "Manchester, Jamaica" is the parish, not the English city
    text = "Water was rationed in Manchester, Jamaica, on Monday as the drought deepened."
    assert places_of(nlp, text).get("Manchester") == ("region", "JM")


def test_one_name_is_one_place_in_an_article(nlp):
    # the second "Clarendon" has no cue beside it; it is still the place the first one named
    text = ("Supplies were cut in parts of Clarendon and St Catherine on Monday. Clarendon received only 18 per "
            "cent of its normal rainfall in February. Farmers in St Elizabeth, Clarendon and Manchester asked for "
            "help, the Jamaica Agricultural Society said.")
    found = [p for p in digest_of(nlp, text)["locations"] if p["name"] == "Clarendon"]
    assert [(p["type"], p["country_code"]) for p in found] == [("region", "JM")], found
