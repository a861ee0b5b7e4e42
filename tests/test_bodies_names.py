"""Bodies' names the small model cuts, truncates or mistypes (issue 13, "organisations F1 ≥ 0.85"), through
the real spaCy pipeline, in wording of our own. One group of tests a kind of fault, each with the cases that
must stay as they are (precision first: no person or place turns into a body on one weak cue):

1. a body's name with "and" inside ("… Fire and Explosives Unit") is one name;
2. a place's local body ("… County Sheriff's Office", "… County Schools") and a broadcaster's call letters;
3. a body's initials that act as one (subject of a reporting verb, "the X militia", the same initials
   elsewhere in the article), but not "CCTV";
4. a club named after its town is the club in a match report, the town elsewhere; the score stays out;
5. a party's name before a member's title ("Liberal Democrat MP");
6. companies and public bodies whose names end in a generic word ("Energy UK", "… Industri");
7. a body's name that goes on with the place it serves ("… of Ohio", "… for the Ninth Circuit"), but not
   what a body does for a place ("a loan from the World Bank for Kenya")."""
from __future__ import annotations

import pytest

from conftest import actor_types, digest_of, types_of


def orgs(nlp, text: str) -> set[str]:
    return {name for name, kind in actor_types(nlp, text).items() if kind == "organisation"}


# --- 1. "and" inside a body's name ------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Agents from the Idaho Bomb and Arson Unit were at the scene on Tuesday.", "Idaho Bomb and Arson Unit"),
    ("The Oregon Fish and Game Service said the bears had been moved.", "Oregon Fish and Game Service"),
    ("A complaint went to the Ethics and Anti-Graft Commission on Friday.", "Ethics and Anti-Graft Commission"),
    ("The Coastal Parks and Recreation Department said the beach would reopen.",
     "Coastal Parks and Recreation Department"),
    ("The Federation of Harbour Pilots and Coastal Rescue Societies said the ferry was safe.",
     "Federation of Harbour Pilots and Coastal Rescue Societies"),
])
def test_a_body_named_with_and_is_one_organisation(nlp, text, name):
    found = orgs(nlp, text)
    assert name in found
    assert not any(other != name and other in name for other in found)  # no half of it left over


def test_a_hyphenated_second_half_and_an_owners_possessive_keep_the_body_whole(nlp):
    found = orgs(nlp, "The Audit and Anti-Fraud Authority said it had opened an inquiry.")
    assert "Audit and Anti-Fraud Authority" in found
    text = ("The mayor wrote to the Senate’s Housing Standards and Rural Roads Committee, which meets in May, "
            "asking for a hearing.")
    found = orgs(nlp, text)
    assert "Housing Standards and Rural Roads Committee" in found
    assert not any("’" in name for name in found)  # the owner is not part of the committee's name


def test_a_body_named_for_its_portfolios_keeps_its_comma(nlp):
    text = "Dubai: The Dubai Electricity, Water and Sewerage Authority will build a second plant."
    found = orgs(nlp, text)
    assert "Dubai Electricity, Water and Sewerage Authority" in found
    assert "Dubai Electricity" not in found


@pytest.mark.parametrize("text, names", [
    ("Officers from Kent Police and Essex Police searched the woods.", {"Kent Police", "Essex Police"}),
    ("Shares in Microsoft and Oracle Financial Services rose.", {"Microsoft", "Oracle Financial Services"}),
])
def test_two_bodies_joined_by_and_stay_two(nlp, text, names):
    assert names <= orgs(nlp, text)


# --- 2. local bodies and broadcasters ----------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Harlan County Schools said classes would resume on Thursday.", "Harlan County Schools"),
    ("Officials of the Lake County Commission met on Monday.", "Lake County Commission"),
    ("The landlord did not answer calls from KOTV 6 on Friday.", "KOTV 6"),
    ("A neighbour told WPTQ News 7 she heard a bang.", "WPTQ News 7"),
])
def test_a_local_body_or_a_station_is_named_whole(nlp, text, name):
    found = types_of(nlp, text)
    assert found.get(name) == "organisation"
    assert "person" not in found.values()


def test_a_county_alone_stays_a_place(nlp):
    found = types_of(nlp, "Heavy snow fell across Harlan County on Monday.")
    assert found.get("Harlan County") not in (None, "organisation", "person")


# --- 3. initials that act as a body ------------------------------------------------------------------------

def test_initials_that_speak_are_a_body(nlp):
    assert "UNSOMA" in orgs(nlp, "The UN monitoring mission UNSOMA said its patrol had been fired on.")


@pytest.mark.parametrize("text, name", [
    ("Villagers blamed the BAKURA militia for the raid. BAKURA denied any part in it.", "BAKURA"),
    ("The army blamed the RUDECO militia, which claims to defend herders.", "RUDECO"),
])
def test_initials_before_militia_are_the_militia_in_every_mention(nlp, text, name):
    assert orgs(nlp, text) == {name}


@pytest.mark.parametrize("text, word", [
    ("CCTV showed the man leaving the shop at 2am.", "CCTV"),
    ("Police said CCTV footage showed a man in a red coat.", "CCTV"),
])
def test_camera_footage_is_no_body(nlp, text, word):
    assert word not in types_of(nlp, text)


@pytest.mark.parametrize("text, word", [
    ("Police said an FIR had been lodged, and the FIR names four men.", "FIR"),
    ("Demand peaked at 48 MLD in July, and the new works adds 20 MLD.", "MLD"),
    ("Sediment reached 9,000 formazin turbidity units (FTU) after the storm.", "FTU"),
])
def test_initials_of_a_document_a_unit_or_a_term_are_no_body(nlp, text, word):
    assert types_of(nlp, text).get(word) != "organisation"


def test_initials_before_a_body_noun_stay_the_body(nlp):
    found = types_of(nlp, "A UN report said 40 people had died. NATO said it was ready to help.")
    assert found.get("UN") == "organisation"
    assert found.get("NATO") == "organisation"


@pytest.mark.parametrize("text, word", [
    ("Ammonia is one of the most common chemicals moved by truck. Crews said the ammonia cloud drifted east.",
     "Ammonia"),
    ("Bromine is among the most toxic cargoes on the line. The car held bromine for a plant in Ohio.", "Bromine"),
])
def test_a_common_noun_opening_a_sentence_is_no_body(nlp, text, word):
    assert word not in types_of(nlp, text)


def test_an_office_before_its_holder_is_no_body(nlp):
    found = types_of(nlp, "The inquiry was chaired by Kisii Senator Mr Joseph Nyakundi, the clerk said.")
    assert "Kisii Senator" not in found
    assert found.get("Joseph Nyakundi") == "person"


# --- 4. clubs named after their towns ----------------------------------------------------------------------

MATCH = ("Ipswich came from behind to beat Luton Town 2-1 and climb to third in the league. Luton led through "
         "a penalty, but Ipswich levelled when their striker headed in. \"We never stopped,\" Ipswich manager "
         "Tom Archer said. Ipswich travel to Hull on Tuesday; Luton host Millwall.")


def test_a_club_named_after_its_town_is_the_club_in_a_match_report(nlp):
    found = types_of(nlp, MATCH)
    assert found.get("Ipswich") == "organisation"
    assert found.get("Luton Town") == "organisation"
    assert not any(name.endswith(("2-1", "2", "-")) for name in found)  # the score is no part of a name
    assert found.get("Tom Archer") == "person"


def test_a_franchise_named_town_and_plural_is_the_team(nlp):
    text = ("Jaipur Lancers beat Pune Falcons by 23 runs in the qualifier. The spinner took three wickets as the "
            "Jaipur innings closed on 187 off 20 overs. The bowler said Jaipur would face Delhi in the final.")
    found = types_of(nlp, text)
    assert found.get("Jaipur Lancers") == "organisation"
    assert found.get("Pune Falcons") == "organisation"
    assert "person" not in found.values()


@pytest.mark.parametrize("text", [
    "Porto beat Benfica 4-1 at home.",
    "Wigan beat Stockport County 2-1 on Saturday.",
    "Lanus rallied to beat Vasco 3-2 in the semi-final.",
])
def test_a_score_after_a_club_is_no_part_of_its_name(nlp, text):
    found = types_of(nlp, text)
    assert found and not any(name[-1:] in "-0123456789" for name in found)


def test_a_town_outside_a_match_report_stays_a_place(nlp):
    text = ("Ipswich council approved the plan by a 9-4 vote on Monday. Residents in Ipswich said the new "
            "road would ease traffic.")
    found = types_of(nlp, text)
    assert found.get("Ipswich") not in ("organisation", "person")


def test_county_sides_in_a_cricket_report_are_teams_not_people(nlp):
    """A county championship report: "Kent 288 for 6", "Lancashire's tall seamer", "Kent head coach": the
    counties are the teams, and a total after a county is no part of its name."""
    text = ("Kent 288 for 6 (Marsh 97) lead Lancashire 241 by 47 runs.\n"
            "Ben Marsh fell three short of a hundred as Kent took the lead on the second day. Lancashire's tall "
            "seamer Ravi Dhillon took four wickets in his first eight overs.\n"
            "Kent head coach Paul Tranter said the pitch would keep turning.")
    found = types_of(nlp, text)
    assert found.get("Kent") == "organisation" and found.get("Lancashire") == "organisation", found
    assert found.get("Ben Marsh") == "person" and not any(n[-1:].isdigit() for n in found), found


def test_words_of_sport_in_a_news_story_make_no_match_report(nlp):
    """"League" in a body's name, a stall's "table" and a court's "penalty" are no match report: a person whose
    given name is also a town ("Carlisle Mendes") stays a person, not a club."""
    text = ("The Campaign League of Fair Voters says the new penalty for late forms is unfair. Its state director, "
            "Carlisle Mendes, said volunteers who staff a registration table outside the library would stop.\n"
            "The penalty takes effect in May.")
    found = types_of(nlp, text)
    assert found.get("Carlisle Mendes") == "person", found


@pytest.mark.parametrize("text, word", [
    ("Oil prices were steady, with Brent crude at $83.03 a barrel.", "Brent"),
    ("Dubai crude traded at $80.50 in Asia, while the dollar slipped.", "Dubai"),
])
def test_an_oil_benchmarks_name_is_no_place_person_or_body(nlp, text, word):
    assert word not in types_of(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Speaking on BBC Radio 2's breakfast show, she said the club would appeal.", "BBC Radio 2"),
    ("The minister told BBC Radio 4 that the figures were wrong.", "BBC Radio 4"),
])
def test_a_channels_number_is_part_of_its_name(nlp, text, name):
    found = orgs(nlp, text)
    assert name in found, found


@pytest.mark.parametrize("text, name", [
    ("A spokesperson for the Campaign to Save Coastal Wales said the survey was flawed.", "Campaign to Save Coastal Wales"),
    ("The Coalition for Fair Bus Fares said it would take the council to court.", "Coalition for Fair Bus Fares"),
])
def test_a_body_named_for_its_cause_is_one_name(nlp, text, name):
    found = orgs(nlp, text)
    assert name in found, found
    assert not any(n != name and n in name for n in found), found


def test_a_cause_in_lower_case_makes_no_body(nlp):
    found = orgs(nlp, "Residents started the campaign to save the pier after the storm in March.")
    assert not found, found


# --- 5. parties ---------------------------------------------------------------------------------------------

def test_a_party_before_a_members_title_is_the_whole_party(nlp):
    found = types_of(nlp, "The Liberal Democrat MP for the seat, Anna Webb, said the plan was unfair.")
    assert found.get("Liberal Democrat") == "organisation"
    assert "Liberal" not in found
    assert found.get("Anna Webb") == "person"


# --- 6. names that end in a generic word -------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Energy UK, which represents suppliers, said prices would fall.", "Energy UK"),
    ("Health Canada approved the drug on Friday.", "Health Canada"),
    ("Analysts at Kramer Lindqvist said the bid was too low.", "Kramer Lindqvist"),
    ("Analysts at Halvorsen Quist said the price was full but fair.", "Halvorsen Quist"),
    ("Norway's Fjellvatten Industri also looked at the plant.", "Fjellvatten Industri"),
    ("Finland's Koskela Industri also bid for the plant.", "Koskela Industri"),
])
def test_a_body_whose_name_ends_in_a_generic_word_is_a_body(nlp, text, name):
    found = types_of(nlp, text)
    assert found.get(name) == "organisation"
    assert "person" not in found.values()


def test_an_indonesian_companys_legal_form_opens_its_name(nlp):
    found = types_of(nlp, "Shares of PT Sinar Harapan Energi slid 4 per cent in Jakarta.")
    assert found.get("PT Sinar Harapan Energi") == "organisation"
    assert "person" not in found.values()


def test_pacific_time_is_no_company(nlp):
    assert "organisation" not in types_of(nlp, "Trading resumes at 9 a.m. PT Monday, the exchange said.").values()


def test_a_bodys_unit_after_its_possessive_is_a_second_body(nlp):
    found = orgs(nlp, "The study, by the University of Leeds' Transport Studies Institute, was published on Monday.")
    assert {"University of Leeds", "Transport Studies Institute"} <= found
    assert not any("'" in name for name in found)


def test_a_persons_possessive_before_a_firm_is_not_a_body(nlp):
    found = types_of(nlp, "Ahmed Khan's Property Group bought the site, the council said.")
    assert found.get("Ahmed Khan") != "organisation"


def test_a_person_at_a_firm_keeps_their_name(nlp):
    found = types_of(nlp, "Analysts at Kramer Lindqvist said the bid was too low, said Maria Olsen, a trader.")
    assert found.get("Maria Olsen") == "person"


def test_a_nation_alone_stays_a_place(nlp):
    found = types_of(nlp, "Water bills in Scotland are lower than in England, the regulator said.")
    assert found.get("Scotland") not in (None, "organisation")


# --- 7. a body of a place ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, place", [
    ("The Sierra Club of Oregon filed the complaint on Monday.", "Sierra Club of Oregon", "Oregon"),
    ("Lawyers from the NAACP of Mississippi said they would appeal.", "NAACP of Mississippi", "Mississippi"),
    ("The National Electoral Commission for Liberia announced the count on Friday.",
     "National Electoral Commission for Liberia", "Liberia"),
    ("The state will take the case to the Court of Appeals for the Ninth Circuit in San Francisco.",
     "Court of Appeals for the Ninth Circuit", None),
    ("Judge Marta Reyes of the District Court for the Eastern District of Michigan dismissed the suit.",
     "District Court for the Eastern District of Michigan", None),
    ("The Survey Office of Norway and Iceland published the maps.", "Survey Office of Norway and Iceland", None),
])
def test_a_body_named_with_the_place_it_serves_keeps_the_place(nlp, text, name, place):
    found = types_of(nlp, text)
    assert found.get(name) == "organisation"
    assert not any(other != name and other in name and kind == "organisation" for other, kind in found.items())
    if place:
        assert place not in found  # part of the body's name, not a place the article is about


@pytest.mark.parametrize("text, body, place", [
    ("The government took a loan from the World Bank for Kenya last year.", "World Bank", "Kenya"),
    ("Aid from the European Commission for Ukraine rose in March.", "European Commission", "Ukraine"),
    ("A survey by Gallup of Ohio voters found little support.", "Gallup", "Ohio"),
    ("Officials from the Red Cross for Syria and Lebanon arrived.", "Red Cross", "Syria"),
])
def test_what_a_body_does_for_a_place_leaves_both_names_apart(nlp, text, body, place):
    found = types_of(nlp, text)
    assert found.get(body) == "organisation"
    assert place in found and found[place] != "organisation"


@pytest.mark.parametrize("text", [
    "Patients were sent on to the Riverbend Community Health Centre in Dunmore, two hours away.",
    "The offer came from the Northgate Farmers Cooperative of Alder Creek and was refused.",
    "The loan was restructured under the Group of 20's debt framework last year.",
])
def test_no_name_ends_in_a_preposition_and_a_numbered_group_keeps_its_number(nlp, text):
    data = digest_of(nlp, text)
    names = [a["name"] for a in data["actors"]] + [loc["name"] for loc in data["locations"]]
    assert names and not [n for n in names if n.split()[-1] in ("in", "of", "at", "and", "the")], names
    if "Group of 20" in text:
        assert "Group of 20" in names, names


@pytest.mark.parametrize("text, name, label, expected", [
    ("Crews cleared Mulberry Flat Road before noon.", "Mulberry Flat Road", "ORG", "LOC"),
    ("Slips closed State Highway 12 overnight.", "State Highway 12", "ORG", "LOC"),
    ("Tankers queued on Kessler Boulevard for hours.", "Kessler Boulevard", "PERSON", "LOC"),
    ("The United Way opened a shelter in the hall.", "United Way", "ORG", "ORG"),  # a charity, not a street
    ("Penny Drive said the shelter was full.", "Penny Drive", "PERSON", "PERSON"),  # a given name and a surname
])
def test_a_road_the_model_took_for_a_body_or_a_person_is_a_place(nlp, text, name, label, expected):
    from spacy.tokens import Span

    from generator.extract.entities import relabel

    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:  # the model's parse only: the label under test is set by hand
        if not _.startswith("digest_") or _ == "digest_paragraphs":
            doc = component(doc)
    start = next(t.i for t in doc if doc[t.i:].text.startswith(name))
    span = Span(doc, start, start + len(nlp.make_doc(name)), label=label)
    assert relabel(span, set(), set(), {}, set()) == expected


@pytest.mark.parametrize("text, body, acronym", [
    ("The Uganda Nurses, Midwives and Allied Workers Union (UNMAWU) said 300 nurses had stopped work.",
     "Uganda Nurses, Midwives and Allied Workers Union", "UNMAWU"),
    ("The Bangladesh Meteorological, Seismic and Hydrological Services Department (Bmshd) issued a red warning. "
     "Bmshd said the storm would reach the coast by night.",
     "Bangladesh Meteorological, Seismic and Hydrological Services Department", "Bmshd"),
])
def test_a_body_named_with_a_comma_and_defined_by_its_acronym_is_one_body(nlp, text, body, acronym):
    # Schwartz and Hearst's long form: the acronym's letters are the initials, in order, of the words before it
    actors = actor_types(nlp, text)
    assert actors.get(body) == "organisation", actors
    assert not {"Midwives", "Seismic", "Allied Workers Union", "Hydrological Services Department"} & set(actors), actors
    assert acronym not in actors or actors[acronym] == "organisation", actors


def test_a_list_of_companies_before_a_ticker_stays_a_list(nlp):
    text = "Shares of Google, Apple and Microsoft Corporation (MSFT) rose on Tuesday."
    actors = actor_types(nlp, text)
    assert "Google, Apple and Microsoft Corporation" not in actors, actors


def test_a_short_name_defined_in_brackets_is_the_body_wherever_it_is_used(nlp):
    # written in title case, as some papers write acronyms ("Pagasa", "Sewa"): no initials look-up finds it
    text = ("The Bangladesh Water Development Board (Bawdeb) issued a flood warning on Friday. Later, Bawdeb "
            "said the river would peak overnight, and Bawdeb engineers were sent to the embankments.")
    data = digest_of(nlp, text)
    bodies = [a for a in data["actors"] if a["type"] == "organisation"]
    assert [a["name"] for a in bodies] == ["Bangladesh Water Development Board"], bodies
    assert "Bawdeb" in bodies[0]["aliases"], bodies


def test_a_listed_body_the_article_writes_short_is_named_as_written_in_the_contract(nlp):
    # the site keys the broadcaster by the lists' name; the extraction contract names it as the article does
    from generator.models import contract_actor

    text = ("SYDNEY - Firefighters held the line overnight, the Rural Fire Service told the ABC. A spokesman "
            "told ABC Radio that crews from Victoria would arrive on Friday. The ABC's weather reporter said "
            "winds would ease.")
    data = digest_of(nlp, text)
    listed = [a for a in data["actors"] if a["name"] == "Australian Broadcasting Corporation"]
    assert listed, data["actors"]  # the site's name, from the lists
    from generator.models import Actor

    contract = contract_actor(Actor(**listed[0]))
    assert contract["name"] == "ABC", contract
    assert "Australian Broadcasting Corporation" in contract["aliases"] and "written" not in contract


@pytest.mark.parametrize("text, body, short", [
    # the model calls the short name's second mention a person
    ("The fire was 40% contained, according to the Colorado Division of Fire Prevention and Control, known as "
     "Cal Blaze. Cal Blaze said crews would work overnight.", "Colorado Division of Fire Prevention and Control",
     "Cal Blaze"),
    ("Roads were closed by the Oregon Department of Transportation, known as Odot, and crews from Odot cleared "
     "debris.", "Oregon Department of Transportation", "Odot"),
])
def test_a_short_name_given_after_known_as_is_the_bodys_alias(nlp, text, body, short):
    actors = {a["name"]: a for a in digest_of(nlp, text)["actors"]}
    assert list(actors) == [body], actors
    assert short in actors[body]["aliases"]


@pytest.mark.parametrize("text, body, short", [
    # the model cuts the name at "for the" into two bodies
    ("According to the United Nations Office for the Coordination of Humanitarian Affairs (OCHA), 12 trucks "
     "crossed.", "United Nations Office for the Coordination of Humanitarian Affairs", "OCHA"),
    # the model calls a coalition a person: the acronym's letters are its words' initials, one each
    ("Barisan Nasional (BN) held the seat, while Gerakan Tanah Air (GTA) lost its deposit.", "Barisan Nasional", "BN"),
    # the model leaves the first word out
    ("The Komisi Pemberantasan Korupsi (KPK) named two suspects on Monday.", "Komisi Pemberantasan Korupsi", "KPK"),
    # the shortest long form: an office's title before the body is no part of its name
    ("The Executive Director of the Coastal Protection Agency (CPA), Dr Ama Mensah, said samples were taken.",
     "Coastal Protection Agency", "CPA"),
])
def test_an_acronym_in_brackets_defines_the_body_the_model_cut_or_mislabelled(nlp, text, body, short):
    actors = {a["name"]: a for a in digest_of(nlp, text)["actors"]}
    assert body in actors and actors[body]["type"] == "organisation", actors
    assert short in actors[body]["aliases"] or short not in actors, actors


def test_initials_in_brackets_after_a_persons_name_make_no_body(nlp):
    types = actor_types(nlp, "Ann Lee (AL) said the count was over.")
    assert types.get("Ann Lee") == "person", types
