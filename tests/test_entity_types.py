"""What kind of thing a name is, from the words the article ties to it (issue 13: "one type per identity,
decided on all the evidence … context words"): the describing noun of ``extract.entities.describing_noun``
and the word lists ``data/org_nouns.txt`` and ``data/thing_nouns.txt``; "which" after a name; a role cut
at a bracketed acronym. Each in wording of its own, through the real spaCy pipeline."""
from __future__ import annotations

import pytest

from conftest import actors_of, digest_of, places_of, types_of
from generator import lexicon


def test_word_lists_are_lower_case_lemmas_with_no_overlap():
    orgs, things = lexicon.word_set("org_nouns.txt"), lexicon.word_set("thing_nouns.txt")
    assert {"firm", "airline", "watchdog"} <= orgs and {"tanker", "spacecraft", "chatbot"} <= things
    assert not orgs & things  # a word cannot say both
    assert all(w == w.lower() and " " not in w for w in orgs | things)


@pytest.mark.parametrize("text, name", [
    ("Figures compiled by the Danish shipping consultancy Torvik show freight rates doubled.", "Torvik"),
    ("Passengers were stranded after the budget airline Skelmor cancelled 40 flights.", "Skelmor"),
    ("The complaint was upheld by the media watchdog Ofrel on Friday.", "Ofrel"),
    # the noun in apposition, after the name or before it
    ("Ofmarra, the water regulator, which oversees twelve utilities, said bills would rise.", "Ofmarra"),
    ("The centrist alliance Renovar took 14 seats in the regional vote.", "Renovar"),
])
def test_a_name_after_or_in_apposition_to_an_organisation_noun_is_an_organisation(nlp, text, name):
    assert types_of(nlp, text).get(name) == "organisation"


@pytest.mark.parametrize("text, name", [
    ("Coastguards boarded a Liberian-registered freighter, the Morning Lark, off the cape on Sunday.", "Morning Lark"),
    ("Engineers said the cargo ship Baltic Duchess had lost power before it ran aground.", "Baltic Duchess"),
])
def test_a_ship_or_other_thing_named_beside_its_noun_is_no_actor_and_no_place(nlp, text, name):
    assert name not in types_of(nlp, text)


def test_a_given_name_after_an_organisation_noun_stays_a_person(nlp):
    found = types_of(nlp, "The firm Margaret Oduya founded in 1998 now employs 300 people, Oduya said.")
    assert found.get("Margaret Oduya") == "person"


def test_a_name_followed_by_which_is_no_person(nlp):
    found = types_of(nlp, "Brelmark, which represents grain traders, said the levy would raise prices.")
    assert found.get("Brelmark") == "organisation"
    found = types_of(nlp, "Amira Castell, who chairs the panel, said the levy would raise prices.")
    assert found.get("Amira Castell") == "person"


def test_a_comma_before_a_name_without_a_closing_one_is_no_apposition(nlp):
    text = "After twenty years at the company, Jorunn Halvik said she would retire in May."
    assert types_of(nlp, text).get("Jorunn Halvik") == "person"


def test_a_role_goes_on_past_a_bracketed_acronym(nlp):
    text = ('"The rules are too weak," said Tobias Renner, campaign lead at Friends of the Baltic Sea (FBS) '
            "Germany.")
    actor = actors_of(nlp, text)["Tobias Renner"]
    assert actor["role"] == "campaign lead at Friends of the Baltic Sea Germany"


def places(nlp, text: str) -> dict[str, str]:
    """name → place type (``places_of`` without the country)."""
    return {name: kind for name, (kind, _) in places_of(nlp, text).items()}


def test_the_kinds_of_place_cue_nouns_load_from_the_data_file():
    from generator.extract.entities import place_cues

    cues = place_cues()
    assert {"port", "village"} <= cues["named"] and {"prefecture", "oblast"} <= cues["division"]
    assert {"plant", "refinery"} <= cues["facility"] and "plant" not in cues["named"]


@pytest.mark.parametrize("text, name, kind", [
    ("Fishing boats were pulled ashore in the village of Tamarup before the storm.", "Tamarup", None),
    ("Shelling hit several towns in Kharvina oblast overnight, officials said.", "Kharvina", "region"),
    ("Inspectors found a crack at Norvale Energy's Brekken refinery last week.", "Brekken refinery", "facility"),
    ("Output at its Osterby coal-fired power plant was halved in June.", "Osterby coal-fired power plant", "facility"),
])
def test_a_noun_that_says_what_a_place_is_makes_it_a_place_known_or_not(nlp, text, name, kind):
    found = places(nlp, text)
    assert name in found, found
    if kind:
        assert found[name] == kind
    assert name.split()[0] not in actors_of(nlp, text)  # not also a body or a person


def test_a_company_before_its_own_plant_stays_the_company(nlp):
    text = "Hundreds of workers at the Brandvik plant in Ohio walked out on Monday, Brandvik said."
    assert "Brandvik plant" not in places(nlp, text)
    text = "Staff at the plant said the Harlow plant operator had not been told."  # the noun does not end the phrase
    assert "Harlow plant" not in places(nlp, text)


def test_a_person_in_apposition_stays_a_person(nlp):
    found = types_of(nlp, "Halvard Lunde, the firm's chief executive, said sales had doubled.")
    assert found.get("Halvard Lunde") == "person"


@pytest.mark.parametrize("text, word", [
    ("Attendance was 41,000, the club said after the match.", "Attendance"),
    ("Turnout rose to 72 per cent in the second round.", "Turnout"),
])
def test_a_capitalised_common_noun_before_a_quantity_is_no_person(nlp, text, word):
    assert word not in types_of(nlp, text)


def test_a_lone_surname_before_was_with_no_number_stays_a_person(nlp):
    text = "Medvin was not available for comment on Tuesday, his office said."
    assert types_of(nlp, text).get("Medvin") in ("person", None)  # never dropped by the quantity rule
    from generator.extract.entities import NUMBER_VERBS

    assert "be" in NUMBER_VERBS and "say" not in NUMBER_VERBS


@pytest.mark.parametrize("text, name", [
    ("Flooding spread along the Korvan valley overnight, officials said.", "Korvan"),
    ("Protesters shut the Waha oilfield on Sunday, cutting output by a third.", "Waha oilfield"),
])
def test_natural_features_and_fields_named_beside_their_noun_are_places(nlp, text, name):
    assert name in places(nlp, text)


# ---------------------------------------------------------------- bodies, places and clubs the model cuts (issue 13 §1)


@pytest.mark.parametrize("text, name", [
    ("The Department for Environment, Food and Rural Affairs issued new guidance on Tuesday.",
     "Department for Environment, Food and Rural Affairs"),
    ("A spokeswoman for the Ministry of Culture, Sports and Tourism declined to comment.",
     "Ministry of Culture, Sports and Tourism"),
    ("Officials from the Home Affairs and the Security Bureau attended the briefing.",
     "Home Affairs and the Security Bureau"),
])
def test_a_bodys_name_with_commas_or_and_the_inside_is_one_organisation(nlp, text, name):
    found = types_of(nlp, text)
    assert found.get(name) == "organisation"
    assert not any(other != name and other in name for other in found)  # no piece of it as a place or a body


def test_two_bodies_joined_by_and_the_stay_two(nlp):
    found = types_of(nlp, "The Federal Reserve and the Treasury Department disagreed over the rescue.")
    assert "Federal Reserve and the Treasury Department" not in found
    assert found.get("Treasury Department") == "organisation"


def test_a_city_then_a_comma_is_still_cut_at_the_comma(nlp):
    found = types_of(nlp, "Flooding hit Sevenoaks, Kent, and Tonbridge on Sunday.")
    assert "Sevenoaks, Kent" not in found


@pytest.mark.parametrize("text, name", [
    ("Soybean planting in Mato Grosso do Sul is running behind last year.", "Mato Grosso do Sul"),
    ("Farmers in Rio Grande do Sul expect a record harvest, the agency said.", "Rio Grande do Sul"),
])
def test_a_place_with_a_lower_case_particle_inside_is_whole(nlp, text, name):
    found = places(nlp, text)
    assert name in found
    assert not any(other != name and other in name for other in found)


@pytest.mark.parametrize("text, name", [
    ("The striker joined Blackburn Rovers on a two-year deal.", "Blackburn Rovers"),
    ("The defender joined Real Sociedad in 2019.", "Real Sociedad"),
    ("Their next opponents, Club Brugge, have won four in a row.", "Club Brugge"),
    ("The leaders sit two points above PSV Eindhoven after ten games.", "PSV Eindhoven"),
    ("Sporting Lisbon rejected a second bid for the defender.", "Sporting Lisbon"),
])
def test_a_sports_club_is_an_organisation(nlp, text, name):
    found = types_of(nlp, text)
    assert found.get(name) == "organisation"
    assert name not in places(nlp, text)


def test_a_name_read_as_a_person_and_a_place_in_one_article_is_the_place():
    from generator.extract.actors import without_places
    from generator.models import Actor, Location

    found = [Actor("Dera Bugti", "person"), Actor("Sana Baloch", "person", role="district officer"),
             Actor("Quetta", "person", role="governor"), Actor("Pakistan Army", "organisation")]
    places = [Location("Dera Bugti", "city", "PK"), Location("Balochistan", "region", "PK", aliases=["Quetta"])]
    kept = [a.name for a in without_places(found, places)]
    assert kept == ["Sana Baloch", "Quetta", "Pakistan Army"]  # a role is a person's evidence: kept


@pytest.mark.parametrize("text", [
    "A roadside bomb killed four soldiers near the eastern Afghan town of Sher Ali on Tuesday, officials said. "
    "Troops then searched the villages around Sher Ali.",
    "Fighting spread to the northern Syrian town of Tal Rifaat overnight. Residents fled Tal Rifaat on foot, a "
    "monitor said.",
])
def test_no_person_shares_its_whole_name_with_a_place_of_its_article(nlp, text):
    """The second mention, with no cue, is the model's person; the first, after "the … town of", a place
    (adjectives between the article and the noun allowed): one name, one type, the place."""
    data = digest_of(nlp, text)
    town = text.split("town of ")[1].split(" ")[0] + " " + text.split("town of ")[1].split(" ")[1]
    assert town in {p["name"] for p in data["locations"]}, data
    places = {p["name"].lower() for p in data["locations"]} | {a.lower() for p in data["locations"] for a in p["aliases"]}
    people = [a["name"] for a in data["actors"] if a["type"] == "person" and not a["role"]]
    assert not [p for p in people if p.lower() in places], data


@pytest.mark.parametrize("text, word", [
    ("In a statement released through police, his family said: “Mum has lived in Harwood for more than 40 years "
     "and has always felt safe there.”", "Mum"),
    ("Three people were treated in A&E after the crash on the bypass, the trust said.", "A&E"),
    ("Forecasters confirmed an EF-2 tornado had crossed the county on Sunday night.", "EF-2"),
    ("Another young Victorian, Tom Hale, took two wickets.", "Victorian"),
    ("Another young Queenslander, 20-year-old Sam Ryde, made 80.", "Queenslander"),
])
def test_family_words_wards_ratings_and_regional_demonyms_are_no_actors(nlp, text, word):
    found = actors_of(nlp, text)
    assert word not in found, found


def test_every_mention_of_a_name_a_place_noun_introduced_is_the_place(nlp):
    text = ("Gunmen stormed a checkpoint near the mountain town of Sher Khan on Friday. A shopkeeper from Sher Khan, "
            "who spoke by telephone, said the firing lasted an hour.")
    data = digest_of(nlp, text)
    assert "Sher Khan" in {p["name"] for p in data["locations"]}, data
    assert "Sher Khan" not in {a["name"] for a in data["actors"]}, data
    assert "Sher Khan" not in {s["name"] for s in data["sources"]}, data


def test_a_one_word_company_is_the_company_in_every_mention(nlp):
    """The model reads a made-up company's name as a body in one mention and as a place, a person or no
    name in the others: every mention is the body."""
    text = ("Tallypoint, a Denver-based startup that automates invoices for mid-sized companies, has raised $48 "
            "million in a Series B round led by Andreessen Horowitz, the company told reporters. The round values "
            "Tallypoint at $410 million. Tallypoint was founded in 2022 by Priya Raman, who previously ran "
            "payments products at Brex. Tallypoint plans to use the new money to double its headcount.")
    data = digest_of(nlp, text)
    mine = [a for a in data["actors"] if a["name"] == "Tallypoint"]
    assert [a["type"] for a in mine] == ["organisation"], data["actors"]
    assert len(mine[0]["sentences"]) >= 3, mine
    assert "company" not in {s["name"] for s in data["sources"]}, data["sources"]


def test_a_name_before_a_role_and_a_person_is_their_employer(nlp):
    text = ("Brackenfold chief economist Dana Ruiz said the rate rise would hurt builders. Tasmanian premier "
            "Jo Lake said the state would cope, and Former minister Ian Grey agreed. Senior Crown Prosecutor "
            "Ana Cole opposed bail. West Berlin mayor Otto Kranz welcomed the vote.")
    found = actors_of(nlp, text)
    assert found.get("Brackenfold", {}).get("type") == "organisation", found
    assert "chief economist" in (found.get("Dana Ruiz", {}).get("role") or ""), found
    assert not {"Tasmanian", "Former", "Senior Crown Prosecutor"} & set(found), found
    assert all(a["type"] == "person" for name, a in found.items() if "Berlin" in name), found


def test_a_roles_scope_word_and_a_grandstand_are_no_actors(nlp):
    text = ("National selector Rhys Calder, who watched from the Bay 13 Stand at the ground, said the young "
            "opener was ready. The Victor Trumper Stand was full by noon.")
    found = actors_of(nlp, text)
    assert "National" not in found and "Rhys Calder" in found, found
    assert not any(name.endswith("Stand") for name in found), found
