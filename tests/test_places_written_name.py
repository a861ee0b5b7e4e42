"""The extraction contract names a place "under the fullest name the article gives" (the eval contract),
while the site keeps the gazetteer's name, which links one place across articles.

``locations.written_name`` picks the article's own name; ``models.contract_location`` gives it as the
contract's ``name``, the gazetteer's name then among the aliases. Checked on the function and on the
real pipeline, in wordings of AP datelines and party tags, and of division names.
"""
from __future__ import annotations

import pytest

from conftest import digest_of
from generator.extract.locations import written_name
from generator.models import Location, contract_location


@pytest.mark.parametrize("name, forms, want", [
    ("Tennessee", ["Tenn."], "Tenn."),  # never spelt out: the article's abbreviation is its name
    ("Tennessee", ["Tenn.", "Tennessee"], None),  # spelt out once: the full name
    ("Copperbelt", ["Copperbelt", "Copperbelt Province"], "Copperbelt Province"),
    ("Kaduna", ["Kaduna State"], "Kaduna State"),
    ("Kaduna", ["Kaduna", "Kaduna state"], None),  # a lower-case noun after the name is no part of it
    ("Alabama", ["north Alabama", "northwest Alabama"], None),  # a direction is no part of the name
    ("Ohio", ["OHIO"], None),  # a dateline's capitals are no written form
    ("Oregon", ["R-Oregon"], None),  # a party's letter is no part of the name
    ("Oregon", ["D-Ore."], "Ore."),
    ("Scotland", ["Scotland", "Scotland Yard"], None),  # only a division word makes a fuller name
])
def test_the_fullest_name_the_article_writes(name, forms, want):
    assert written_name(name, forms) == want


def test_the_contract_gives_the_written_name_and_keeps_the_gazetteers_as_an_alias():
    loc = Location(name="California", type="region", country_code="US", aliases=["Calif."], written="Calif.")
    data = contract_location(loc)
    assert data["name"] == "Calif." and "California" in data["aliases"] and "Calif." not in data["aliases"]
    assert "written" not in data
    plain = contract_location(Location(name="Ghana", type="country", country_code="GH"))
    assert plain["name"] == "Ghana" and "written" not in plain


def test_an_ap_story_names_the_state_as_it_writes_it(nlp):
    text = ("FRESNO, Calif. (AP) — A judge on Tuesday blocked the sale of a farm owned by a retired "
            "teacher from Reno, Nev., after Sen. Dana Whitcombe, D-Calif., asked state officials to review it.")
    places = {loc["name"]: loc for loc in digest_of(nlp, text)["locations"]}
    state = places.get("California")
    assert state is not None, places  # the site's name: the one place page for every article
    assert state["written"] == "Calif." and state["country_code"] == "US"
    assert contract_location(Location(**state))["name"] == "Calif."


def test_a_province_named_in_full_is_named_in_full(nlp):
    text = ("Floods cut the road between Kitwe and Ndola in Zambia's Copperbelt Province on Monday. Farmers "
            "across the Copperbelt said the maize harvest was lost.")
    places = {loc["name"]: loc for loc in digest_of(nlp, text)["locations"]}
    region = next((p for p in places.values() if p["name"].startswith("Copperbelt")), None)
    assert region is not None, places
    assert contract_location(Location(**region))["name"] == "Copperbelt Province"
