"""Roles written around a person's name, read by the real spaCy pipeline (generator/extract/actors.py).

Each kind of wording news uses for a role has positive cases and, where a rule could overreach, a negative
one: a lower-case job written before a name with the place or body it belongs to; ranks and titles of
several words kept whole and out of the name; titles abbreviated with a full stop (and AP's party tag);
"its" and "whose" roles named after their body; and roles that must not be given (someone else's words,
another clause, whom someone told). The sentences are invented for these tests.
"""
from __future__ import annotations

import pytest

from conftest import people_of


def role_of(nlp, text: str, name: str) -> str | None:
    people = people_of(nlp, text)
    assert name in people, f"{name!r} not found as a person in {sorted(people)}"
    return people[name]["role"]


def roles_of(nlp, text: str, name: str) -> list[str]:
    return [r.strip() for r in (role_of(nlp, text, name) or "").split(";") if r.strip()]


# ---------------------------------------------------------------- 1. a lower-case role before the name

@pytest.mark.parametrize("text, name, expected", [
    # a place before the job is part of the role, and keeps its capital at the start of a sentence
    ("Dubbo grazier Ned Partridge has sold most of his ewes since autumn.", "Ned Partridge", "Dubbo grazier"),
    ("The hearing was adjourned by magistrate Corinne Aldana until June.", "Corinne Aldana", "magistrate"),
    # a body's nickname before a role the tagger reads as a verb
    ("The equaliser came when a cross was headed into his own net by Rovers defender Callum Tierney.",
     "Callum Tierney", "Rovers defender"),
    ("Another neighbor, Dolores Whitacre, said the couple kept to themselves.", "Dolores Whitacre", "neighbor"),
    ("Neighbour Graham Pettigrew said he heard two bangs.", "Graham Pettigrew", "neighbour"),
    ("Veteran wicketkeeper Sunil Rathore took four catches.", "Sunil Rathore", "veteran wicketkeeper"),
    ("The club said chief selector Omar Haidari watched from the stand.", "Omar Haidari", "chief selector"),
    # a role in apposition before the name whose body's name has an "of" inside it
    ("Markets slipped after a Reserve Bank of India deputy governor, Kavita Menon, warned of inflation.",
     "Kavita Menon", "Reserve Bank of India deputy governor"),
    ("A University of Otago lecturer, Hemi Walker, said the survey was small.", "Hemi Walker",
     "University of Otago lecturer"),
    # a numbered ward or district before the post is part of it
    ("District 4 commissioner Lorraine Acheampong said the clinic would stay open.", "Lorraine Acheampong",
     "District 4 commissioner"),
    # a member of a legislature by the letters of the seat, and the seat after "for"
    ("Fianna Fáil TD for Galway West Eamon Kilbride raised the closures in the Dáil.", "Eamon Kilbride",
     "Fianna Fáil TD for Galway West"),
    # an acronym opening the sentence, which the tagger may take for a verb, is the body the post is in
    ("INMO assistant director of industrial relations Grainne Foley said wards were full.", "Grainne Foley",
     "INMO assistant director of industrial relations"),
    # a portfolio of an adjective and a noun after the post's "of"
    ("Talks resumed, director of public affairs Rosalind Mbeki said.", "Rosalind Mbeki",
     "director of public affairs"),
])
def test_lower_case_role_before_a_name(nlp, text, name, expected):
    assert expected in roles_of(nlp, text, name)


def test_a_role_before_a_rank_keeps_both(nlp):
    roles = roles_of(nlp, "Crews reached the barn at dawn, fire department spokesperson Capt. Miguel Arroyo said.",
                     "Miguel Arroyo")
    assert "fire department spokesperson" in roles and "Captain" in roles


def test_place_and_station_before_a_rank_are_one_role(nlp):
    text = "Riverside police station SHO Inspector Tariq Mahmood Abbasi said three men were held."
    assert role_of(nlp, text, "Tariq Mahmood Abbasi") == "Riverside police station SHO Inspector"


def test_a_place_and_rank_read_as_a_name_are_the_next_names_role(nlp):
    people = people_of(nlp, "Lahore SSP Dr Imran Qureshi-Malik, who visited the site, said six men were held.")
    assert people["Imran Qureshi-Malik"]["role"] == "Lahore SSP"
    assert not any("SSP" in name for name in people)


@pytest.mark.parametrize("text, name", [
    # whom someone spoke to is no role
    ("He told reporters Inspector Keith Loughlin would lead the inquiry.", "Keith Loughlin"),
    # a role noun in another clause is not the next name's role
    ("After the verdict the lawyer thanked the jury, but Marta Kessel said nothing.", "Marta Kessel"),
    ("The farmer sold the land and Priya Castellano bought it.", "Priya Castellano"),
])
def test_no_role_from_someone_else_or_another_clause(nlp, text, name):
    roles = roles_of(nlp, text, name)
    assert not any(w in r.lower() for r in roles for w in ("reporter", "lawyer", "farmer")), roles


def test_a_role_stays_with_its_own_person(nlp):
    text = ("Beekeeper Helen Mayberry lost most of her hives. Kevin Strathdee, who lives next door, "
            "said the frost came early.")
    people = people_of(nlp, text)
    assert people["Helen Mayberry"]["role"] == "beekeeper"
    assert "beekeeper" not in (people["Kevin Strathdee"]["role"] or "").lower()


# ---------------------------------------------------------------- 2. ranks and titles of several words

@pytest.mark.parametrize("text, name, expected", [
    ("Detective Senior Constable Rhys Tanner told the court the car was found burnt out.", "Rhys Tanner",
     "Detective Senior Constable"),
    ("Leading Senior Constable Mia Fordyce said the driver was breath-tested.", "Mia Fordyce",
     "Leading Senior Constable"),
    ("Senior Sergeant Owen Kaczmarek said two people were arrested.", "Owen Kaczmarek", "Senior Sergeant"),
    ("Deputy Premier Lachlan Ormsby announced the grant on Friday.", "Lachlan Ormsby", "Deputy Premier"),
])
def test_rank_of_several_words_is_the_whole_role(nlp, text, name, expected):
    people = people_of(nlp, text)
    assert name in people, sorted(people)  # the rank is no part of the name
    assert people[name]["role"] == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Grand Chief Amos Keeshig of the Anishinabek Nation called for an inquiry.", "Amos Keeshig",
     "Grand Chief of the Anishinabek Nation"),
    ("Sgt. Wendell Roy of the Yukon RCMP said the road was closed.", "Wendell Roy", "Sergeant of the Yukon RCMP"),
])
def test_a_title_keeps_the_named_body_written_after_the_name(nlp, text, name, expected):
    assert role_of(nlp, text, name) == expected


def test_of_and_a_common_noun_after_a_title_is_not_a_body(nlp):
    assert role_of(nlp, "Mayor Dana Whitfield of course disagreed with the plan.", "Dana Whitfield") == "Mayor"


# ---------------------------------------------------------------- 3. abbreviated titles with a full stop

@pytest.mark.parametrize("text, name, expected", [
    ("Coun. Bryce Wapass said the reserve had asked for a new road twice.", "Bryce Wapass", "Councillor"),
    ("Det. Frank Ibarra said the car had been stolen.", "Frank Ibarra", "Detective"),
    ("Rep. Marisol Benavidez, D-Texas, said she would seek a hearing.", "Marisol Benavidez",
     "Representative (D-Texas: Democrat)"),
    ("Sen. Curtis Hollenbeck (R-Utah) asked the agency to explain the delay.", "Curtis Hollenbeck",
     "Senator (R-Utah: Republican)"),
    # AP's state abbreviations written out for readers who do not know them
    ("Rep. Lydia Castellanos-Reyes (D-Ariz.) questioned the agency's figures.", "Lydia Castellanos-Reyes",
     "Representative (D-Ariz.: Democrat, Arizona)"),
    ("Sen. Harlan Drummond, R-Okla., voted against the bill.", "Harlan Drummond",
     "Senator (R-Okla.: Republican, Oklahoma)"),
])
def test_abbreviated_title_is_a_role_and_never_a_person(nlp, text, name, expected):
    people = people_of(nlp, text)
    assert people[name]["role"] == expected
    assert not any(n.rstrip(".") in ("Coun", "Det", "Rep", "Sen") for n in people), sorted(people)


def test_a_title_with_a_full_stop_does_not_end_the_sentence(nlp):
    """The parser may end a sentence at "Sgt." and cut the role before it off the name."""
    text = "The family was asleep when the fire started, county sheriff spokesperson Sgt. Lena Morrow said."
    roles = roles_of(nlp, text, "Lena Morrow")
    assert "Sergeant" in roles and "county sheriff spokesperson" in roles


# ---------------------------------------------------------------- "its" and "whose"

def test_its_role_names_the_body_of_the_sentence_before(nlp):
    text = "The Harbour Board met on Monday. Its chairman, Vernon Tulloch, said the dredging would start in May."
    assert role_of(nlp, text, "Vernon Tulloch") == "chairman of the Harbour Board"


def test_whose_role_names_the_body_it_follows(nlp):
    text = "The Ferrydale Rowing Club, whose captain, Hugo Tresize, won the sculls, celebrated."
    assert role_of(nlp, text, "Hugo Tresize") == "captain of the Ferrydale Rowing Club"


def test_its_after_a_body_with_no_name_names_no_body(nlp):
    text = "The regional council and its chief executive, Petra Wilmot, face a review."
    assert role_of(nlp, text, "Petra Wilmot") == "chief executive"


def test_its_role_and_a_job_before_the_name_are_both_kept(nlp):
    text = ("Residents' group Keep Marlow Green said it would appeal. Its spokesperson, retired surveyor "
            "Norman Eastwick, said the field floods every winter.")
    roles = roles_of(nlp, text, "Norman Eastwick")
    assert "retired surveyor" in roles and "spokesperson of Keep Marlow Green" in roles


# ---------------------------------------------------------------- other wording

def test_a_participle_after_the_role_ends_it(nlp):
    text = "Ross Quinlan, the veteran goalkeeper signed from Celtic last summer, kept a clean sheet."
    assert role_of(nlp, text, "Ross Quinlan") == "veteran goalkeeper"


def test_brackets_with_initials_stay_in_a_role_before_a_comma(nlp):
    text = "The Chief Executive of the National Roads Agency (NRA), Dr Ama Owusu-Bekoe, said repairs would start."
    assert role_of(nlp, text, "Ama Owusu-Bekoe") == "Chief Executive of the National Roads Agency (NRA)"


def test_a_role_in_a_place_before_a_comma(nlp):
    text = "The police spokesman in Goma, Major Eric Kabila-Ndaye, said the road had reopened."
    assert "police spokesman in Goma" in roles_of(nlp, text, "Eric Kabila-Ndaye")


def test_a_relations_bare_surname_names_the_relative_in_full(nlp):
    text = "Carla Vesey was hurt in the crash. Vesey's brother, Liam Vesey, said she was recovering."
    assert role_of(nlp, text, "Liam Vesey") == "Carla Vesey's brother"


def test_a_courtesy_title_before_the_surname_stays_as_written(nlp):
    text = "Darren Pike was charged on Monday. Mr Pike's lawyer, Sofia Brandt, said he would plead not guilty."
    assert role_of(nlp, text, "Sofia Brandt") == "Mr Pike's lawyer"


@pytest.mark.parametrize("text, name, expected", [
    ("Brandvik, which was founded by the chemist Oskar Brandvik in Bergen in 1911, employs 2,000 people.",
     "Oskar Brandvik", "founder of Brandvik"),
    ("Merriweather Mills, founded in 1952 by Agnes Merriweather in Leeds, still weaves wool.",
     "Agnes Merriweather", "founder of Merriweather Mills"),
    ("Martin Ruiz founded Ruiz Analytics in 2004 and sold it last year.", "Martin Ruiz",
     "founder of Ruiz Analytics"),
    # the body as the passive subject, or named in apposition to the noun the participle describes
    ("Brindle Analytics was founded in 2019 by Tomas Ek, a former bank clerk.", "Tomas Ek",
     "founder of Brindle Analytics"),
    ("Marlow Mills, the Leeds-based maker of wool blankets and rugs founded by Edith Marlow in 1888, said sales "
     "fell.", "Edith Marlow", "founder of Marlow Mills"),
])
def test_founded_by_makes_the_person_its_founder(nlp, text, name, expected):
    assert expected in roles_of(nlp, text, name)


def test_founded_by_with_no_named_body_gives_no_founder(nlp):
    text = "The firm, founded by Oskar Lindahl in 1990, makes pumps for ships."
    assert not any("founder" in r for r in roles_of(nlp, text, "Oskar Lindahl"))


def test_a_town_the_model_took_for_a_name_stays_in_the_role(nlp):
    text = "George police spokesperson Captain Malcolm Pojie-Jacobs said a man had been arrested."
    assert "George police spokesperson" in roles_of(nlp, text, "Malcolm Pojie-Jacobs")


@pytest.mark.parametrize("text, name, expected", [
    ("Cllr Rosa Imrie, who chairs the licensing committee, said the bar would close.", "Rosa Imrie",
     "chair of the licensing committee"),
    ("Omar Farouk, who heads the Riverside Tenants Union, said rents had doubled.", "Omar Farouk",
     "head of the Riverside Tenants Union"),
    ("Jo Bellamy, who owns a bakery in Hexham, said flour prices rose.", "Jo Bellamy", "owner of a bakery"),
])
def test_who_holds_a_post_is_read_as_the_post(nlp, text, name, expected):
    assert expected in roles_of(nlp, text, name)


def test_who_with_a_verb_of_a_post_but_no_body_gives_no_role(nlp):
    assert role_of(nlp, "Ann Hadley, who leads a quiet life in Kent, said nothing.", "Ann Hadley") is None


def test_an_abbreviated_rank_inside_a_longer_role_is_written_out(nlp):
    assert role_of(nlp, "RCMP Cpl. Tania Lindgren said the highway was closed.", "Tania Lindgren") == "RCMP Corporal"


def test_a_relation_after_his_names_the_person_it_belongs_to(nlp):
    people = people_of(nlp, "The victims were Karim Haddad, 70, his wife Leila Haddad, 66, and his grandson "
                            "Sami Nassar, 12.")
    assert people["Leila Haddad"]["role"] == "wife of Karim Haddad"
    assert people["Sami Nassar"]["role"] == "grandson of Karim Haddad"
    assert people["Karim Haddad"]["role"] == "70"  # his age; the next name in the list is no role of his


def test_a_relation_after_her_in_another_sentence_names_nobody(nlp):
    text = "Tom Hale was hurt in the crash. His brother, Jim Hale, said he was recovering."
    assert role_of(nlp, text, "Jim Hale") == "brother"


def test_the_next_one_in_a_list_is_not_a_role(nlp):
    text = "The dead were named as Yusuf Omar, 40, and a neighbour, Amina Sheikh, 52."
    assert role_of(nlp, text, "Yusuf Omar") == "40"  # his age, not the neighbour's role


def test_a_second_role_joined_by_and_a_ends_the_first(nlp):
    text = ("Walid Hamdan, the managing director of Hamdan Steel & Sons and a grandson of its founder, said "
            "300 jobs would go.")
    assert role_of(nlp, text, "Walid Hamdan") == "managing director of Hamdan Steel & Sons"


@pytest.mark.parametrize("text, name, expected", [
    ("From Canberra, the ABC's Petra Lindholm reports.", "Petra Lindholm", "ABC reporter"),
    ("CNN's Marcus Okafor asked the senator about the vote.", "Marcus Okafor", "CNN journalist"),
])
def test_a_name_after_a_news_outlets_possessive_is_its_journalist(nlp, text, name, expected):
    assert role_of(nlp, text, name) == expected


def test_a_name_after_a_companys_possessive_is_no_journalist(nlp):
    assert role_of(nlp, "Apple's Tim Cook spoke at the launch.", "Tim Cook") is None


def test_the_next_persons_role_in_a_list_is_not_taken(nlp):
    text = ("Guests included Bundesbank President Karl Otto Poehl, French Finance Minister Edouard Balladur "
            "and others.")
    roles = roles_of(nlp, text, "Karl Otto Poehl")
    assert roles == ["Bundesbank President"]


def test_a_person_inside_an_of_phrase_stays_in_the_role(nlp):
    text = "Ramon Cruz, a close associate of former President Ferdinand Marcos, denied the claim."
    assert "close associate of former President Ferdinand Marcos" in roles_of(nlp, text, "Ramon Cruz")


def test_a_verb_before_a_role_word_is_not_part_of_it(nlp):
    text = "The injuries piled up, leaving rookie Tomas Brenner to start in goal."
    assert role_of(nlp, text, "Tomas Brenner") == "rookie"


def test_one_before_a_role_is_no_part_of_it(nlp):
    assert role_of(nlp, "One witness, Felicity Sandoval, said she hid.", "Felicity Sandoval") == "witness"


def test_a_role_ending_the_sentence_in_an_abbreviation(nlp):
    text = '"We are devastated," said Joan Pelletier, chief executive of Marlow Foods Ltd.'
    assert role_of(nlp, text, "Joan Pelletier") == "chief executive of Marlow Foods Ltd."


def test_the_town_of_a_workplace_comes_off_the_role(nlp):
    text = "Rates will fall, said Dewi Hartono, an economist at PT Bank Sentosa Jaya in Jakarta."
    assert role_of(nlp, text, "Dewi Hartono") == "economist at PT Bank Sentosa Jaya"


def test_a_long_role_after_a_name_is_read_whole(nlp):
    text = ("Heat is the danger, said Dr. Mira Castellanos, an assistant professor of environmental health at "
            "Tulane University's Celia Scott Weatherhead School of Public Health.")
    assert role_of(nlp, text, "Mira Castellanos") == ("assistant professor of environmental health at Tulane "
                                                      "University's Celia Scott Weatherhead School of Public Health")


def test_the_unions_role_names_the_union_named_before(nlp):
    text = ("The Transport Workers Union called the strike. The union's national secretary, Steve Murphy, "
            "said members would walk out.")
    assert role_of(nlp, text, "Steve Murphy") == "national secretary of the Transport Workers Union"


def test_the_companys_role_never_names_a_news_outlet(nlp):
    text = ("BHP shares fell, Reuters reported. The company's chief financial officer, Vandita Pant, said "
            "costs rose.")
    assert "Reuters" not in (role_of(nlp, text, "Vandita Pant") or "")


def test_a_role_between_an_inverted_verb_and_the_name_is_read(nlp):
    """'"…," added shop steward X': the role written after the verb of an inverted quote, before the name."""
    text = '"The canteen has been shut for a month," added shop steward Dana Okafor.'
    assert role_of(nlp, text, "Dana Okafor") == "shop steward"


def test_a_party_standing_in_apposition_is_part_of_the_role(nlp):
    text = ("The bill was drafted by Sen. Mara Quist, a Vermont Democrat, and Rep. Leon Hale, a Republican from "
            "Ohio, who both sit on the farm committee.")
    found = people_of(nlp, text)
    assert "Vermont Democrat" in (found["Mara Quist"]["role"] or ""), found
    assert "Republican from Ohio" in (found["Leon Hale"]["role"] or ""), found


# ---------------------------------------------------------------- the age and home town after a name

@pytest.mark.parametrize("text, name, expected", [
    ("Priya Nandakumar, 29, of Fremont, told officers she heard two shots.", "Priya Nandakumar", "29, of Fremont"),
    ("The fire spread to the home of Walter Grzybowski, 77, of Lowell, Mass., around midnight.",
     "Walter Grzybowski", "77, of Lowell, Mass."),
    ("Aoife Brennan, 58, from Ballina, said the queue had not moved for hours.", "Aoife Brennan", "58, from Ballina"),
    # with no role noun, the age is what the article says of who the person is
    ("Sandra Whitfield, 44, said the water had reached the second step by dawn.", "Sandra Whitfield", "44"),
    # a role noun after the age is the role, as before
    ("Imelda Oyelaran, 36, a midwife at the clinic, said supplies ran out on Friday.", "Imelda Oyelaran",
     "midwife at the clinic"),
])
def test_the_age_and_home_town_after_a_name(nlp, text, name, expected):
    assert expected in roles_of(nlp, text, name)


@pytest.mark.parametrize("text, name", [
    # a count after the name that no age is, or a home town that a clause goes on from, is no role
    ("Reporters asked Graham Tolliver, 2024's top scorer, about the trade.", "Graham Tolliver"),
    ("Colette Marchetti, 250, was the number on the ballot.", "Colette Marchetti"),
])
def test_no_age_role_from_what_is_no_age(nlp, text, name):
    assert not any(r[:1].isdigit() for r in roles_of(nlp, text, name))


@pytest.mark.parametrize("text, name, position", [
    # a team sport's position, with the team before it (data/person_role_nouns.txt)
    ("Eagles cornerback Jalen Moss intercepted two passes in the fourth quarter.", "Jalen Moss", "cornerback"),
    ("Sharks kicker Tom Varley missed from 40 yards.", "Tom Varley", "kicker"),
])
def test_a_team_sports_position_before_the_name_is_the_role(nlp, text, name, position):
    assert any(r.lower().endswith(position) for r in roles_of(nlp, text, name)), role_of(nlp, text, name)
