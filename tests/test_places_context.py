"""Places the small model types as a person or a body, and places given the wrong country (issue 13 §4, §6),
with the real spaCy pipeline. What makes a name a place is the sentence around it and the article's other
places — a list it stands in, a county after a comma, a noun in apposition, a river or creek in its name —
never one mention's label; and an ambiguous name keeps its best-known reading unless the article says
otherwise: a county named again, a country named and nothing of the other namesake's, or a run of places
in one country and none in the other's."""
from __future__ import annotations

import pytest

from conftest import actor_types, digest_of, places_of


# ---------------------------------------------------------------- places typed as persons or bodies

@pytest.mark.parametrize("text, expected", [
    # a list joined by commas and "and" that holds a known place: its other towns are places too
    ("Coaches bound for Nantes, Bordeaux and Toulouse were turned back at the border.",
     {"Nantes": "FR", "Bordeaux": "FR", "Toulouse": "FR"}),
    # a county named right after a town and a comma, and again beside another county
    ("Flood sirens sounded in Boston, Lincolnshire, before dawn.\n"
     "Crews from Lincolnshire and Norfolk worked through the night.", {"Lincolnshire": "GB", "Norfolk": "GB"}),
    # two places joined by a dash before a route noun: both are places, whatever the model saw
    ("Gunmen ambushed a convoy on the Abuja–Lokoja highway on Tuesday.", {"Abuja": "NG", "Lokoja": "NG"}),
    ("Traffic on the Lagos-Ibadan expressway crawled for hours.", {"Lagos": "NG", "Ibadan": "NG"}),
    # "travel to" a world city whose name is also a given name
    ("The defender is due to travel to London on Friday to finish the deal.", {"London": "GB"}),
])
def test_a_place_in_a_list_or_after_a_travel_word_is_a_place(nlp, text, expected):
    found = places_of(nlp, text)
    for name, code in expected.items():
        assert found.get(name, (None, None))[1] == code, (name, found, actor_types(nlp, text))
        assert name not in actor_types(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Anglers were warned to stay off the banks of the River Ouse after the storm.", "River Ouse"),
    ("Crews held the fire line along Harlow Creek overnight, the service said.", "Harlow Creek"),
    # no gazetteer knows these: the noun around the name says what it is
    ("Raiders struck Tandoru, a fishing village on the coast, before dawn on Sunday.", "Tandoru"),
    ("Herders drove their cattle deep into the Belvane forest to escape the raids.", "Belvane forest"),
    ("Two patients were moved to Ashgrove hospital after the ward flooded.", "Ashgrove hospital"),
    ("Rebels withdrew into the Sellan hills after the raid, the army said.", "Sellan hills"),
])
def test_a_name_its_own_words_or_an_apposition_call_a_place_is_a_place(nlp, text, name):
    found = places_of(nlp, text)
    assert name in found, (found, actor_types(nlp, text))
    assert name.split()[0] not in actor_types(nlp, text) and name not in actor_types(nlp, text)


def test_a_city_written_with_a_lower_case_city_is_that_city(nlp):
    # "Kano city" beside "Kano State": the city, not a club called "... City" nor a body
    text = "Roads out of Kano city were closed on Friday, police in Kano State said."
    found = places_of(nlp, text)
    assert any(name.startswith("Kano") and kind == "city" and code == "NG" for name, (kind, code) in found.items()), found
    assert "Kano city" not in actor_types(nlp, text) and "Kano" not in actor_types(nlp, text), actor_types(nlp, text)


def test_a_town_named_after_a_city_is_no_person(nlp):
    # "London Colney" is a village in Hertfordshire: the whole name is a town, so no person called London
    text = "Players trained at London Colney on Thursday before flying to Madrid."
    found = places_of(nlp, text)
    assert found.get("London Colney", (None, None))[1] == "GB", found
    assert "London Colney" not in actor_types(nlp, text)


@pytest.mark.parametrize("text, word", [
    # a person whose surname is a town, named as a person in the article
    ("Dr Helen Preston said the results were clear.\nPreston added that more trials would follow.", "Preston"),
    # "Ann Bell, a community leader": the noun after the comma describes a person, not a place
    ("Ann Bell, a community leader in the area, said residents were frightened.", "Ann Bell"),
    # the River Plate the estuary has "the"; River Plate the club has none
    ("River Plate beat Boca Juniors 2-1 on Sunday.", "River Plate"),
    # a military operation named like a place
    ("Soldiers of Operation Iron Gate cleared two roads near the border.", "Operation Iron Gate"),
])
def test_names_used_as_people_bodies_or_operations_stay_out_of_places(nlp, text, word):
    assert word not in places_of(nlp, text), places_of(nlp, text)


# ---------------------------------------------------------------- the right country for a resolved place

def test_a_qualified_town_named_again_keeps_its_county(nlp):
    # the writer introduces the small English town with its county, names the county again, and then
    # writes the town's bare name: it is still the English town, not the far bigger US city
    text = ("Flood sirens sounded in Boston, Lincolnshire, before dawn.\n"
            "Crews from across Lincolnshire and the East Midlands worked through the night.\n"
            "By Tuesday most of Boston had power again, the council said.")
    found = digest_of(nlp, text)["locations"]
    codes = {p["country_code"] for p in found if p["name"].startswith("Boston")}
    assert codes == {"GB"}, found


@pytest.mark.parametrize("text, code", [
    # a region's name that is also a city: the city when the article names the city's country and
    # nothing else of the region's
    ("Speaking in Victoria, the premier said British Columbia would ask Ottawa for more crews.", "CA"),
    # ... and the region when the article is set there
    ("Speaking in Victoria, the premier said Melbourne would reopen its schools on Monday.", "AU"),
])
def test_a_region_or_its_namesake_city_by_the_article_country(nlp, text, code):
    assert places_of(nlp, text).get("Victoria", (None, None))[1] == code, places_of(nlp, text)


def test_a_town_among_places_of_one_country_is_that_country_s(nlp):
    # Saint-Denis is also the capital of Réunion (more people): a story whose other places are all French
    # means the town north of Paris
    text = ("Union leaders met in Saint-Denis on Monday.\n"
            "Marches then set off in Lille, Nantes and Bordeaux.")
    assert places_of(nlp, text).get("Saint-Denis", (None, None))[1] == "FR", places_of(nlp, text)


def test_one_other_place_is_no_run_of_places(nlp):
    # a single US city is not enough to move Hobart out of Tasmania (the rule needs three and none of its own)
    text = "A charter flight from Hobart to Baltimore was delayed for six hours."
    assert places_of(nlp, text).get("Hobart", (None, None))[1] == "AU", places_of(nlp, text)


@pytest.mark.parametrize("text, name, code", [
    # a facility takes the country of the place its name begins with, not of a place named beside it
    ("Customs officers stopped him at Lagos International Airport before a flight to Dubai.",
     "Lagos International Airport", "NG"),
])
def test_a_facility_takes_the_country_in_its_name(nlp, text, name, code):
    assert places_of(nlp, text).get(name, (None, None))[1] == code, places_of(nlp, text)


def test_a_brand_word_in_a_facility_name_gives_no_country(nlp):
    # "Emirates" is also a short name of the United Arab Emirates; in a stadium's name it is a sponsor
    found = places_of(nlp, "The derby at the Emirates Stadium drew a crowd of 60,000 on Saturday.")
    assert found.get("Emirates Stadium", (None, None))[1] != "AE", found
