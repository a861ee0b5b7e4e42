"""Organisations and persons typed on the article's evidence (issue 13 §1 "one type per identity, decided on
all the evidence", §6 precision first). Each kind of fault has its own test, in wording of its own, through
the real spaCy pipeline: companies the model calls people, people it calls bodies or places, words that are
no body at all, and bodies it does not see."""
from __future__ import annotations

import pytest

from conftest import actor_types, digest_of, types_of


# --- companies the model takes for people ---------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    # named in apposition to what it is
    ("The builder, Fernhill Homes, has promised 300 affordable flats. A Fernhill Homes spokesman said the "
     "company was pleased.", "Fernhill Homes"),
    ("The housebuilder behind the scheme, the developer, Lanfield Homes, said 40 flats would be sold "
     "to first-time buyers. A Lanfield Homes spokesman said work would start in June.", "Lanfield Homes"),
    # a name ending in a trade word
    ("The contractor, Lakeview Builders Ltd, was paid in full. Lakeview Builders did not respond.",
     "Lakeview Builders Ltd"),
    ("The tender went to Oduor Construction, and Oduor Construction began work in May.", "Oduor Construction"),
])
def test_a_company_in_apposition_or_ending_in_a_trade_word_is_one_body_in_all_its_mentions(nlp, text, name):
    found = actor_types(nlp, text)
    assert found.get(name) == "organisation"
    assert "person" not in found.values()


@pytest.mark.parametrize("text, name", [
    ("Exports will fall by a tenth, according to the national cereal growers association Grelo. "
     "Grelo said shipments in May were the lowest in a decade.", "Grelo"),
    ("Defaults by small firms doubled last year, figures from the credit bureau Vantrex Data showed.",
     "Vantrex Data"),
    ("Corporate insolvencies rose, according to data from credit bureau Dunmore Experian.", "Dunmore Experian"),
])
def test_a_name_after_a_kind_of_body_is_a_body(nlp, text, name):
    found = actor_types(nlp, text)
    assert found.get(name) == "organisation"
    assert found.get(name) != "person"


def test_a_company_and_its_name_without_the_legal_form_are_one_organisation(nlp):
    text = ("Osugi Seiki Co. will shut its oldest factory next year. Shares of Osugi Seiki fell 4 percent "
            "in Tokyo, and Osugi said the closure would cost 300 jobs.")
    found = digest_of(nlp, text)["actors"]
    orgs = [a for a in found if a["type"] == "organisation"]
    assert [a["name"] for a in orgs if "Osugi" in a["name"]] == ["Osugi Seiki Co."]
    assert not any(a["type"] == "person" and "Osugi" in a["name"] for a in found)


# --- people the model takes for bodies or places ----------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Its regional branch secretary, Odile Fermat-Lacaze, said she would put the offer to members.",
     "Odile Fermat-Lacaze"),
    ("The union's rail leader, Martine Roux-Delcourt, said talks would resume on Monday.", "Martine Roux-Delcourt"),
    ("The striker's agent, Joop Verkerk of the Utrecht-based agency Sportlink, declined to comment.",
     "Joop Verkerk"),
])
def test_a_person_named_after_their_role_is_a_person(nlp, text, name):
    assert actor_types(nlp, text).get(name) == "person"


def test_a_given_name_before_a_place_word_said_by_a_source_is_a_person(nlp):
    text = '"Rains came late," said Ana Prado, head of grain research at AgroMax in Sorocaba.'
    found = types_of(nlp, text)
    assert found.get("Ana Prado") == "person"
    assert "Prado" not in found


def test_a_player_known_by_one_name_is_a_person_not_a_place(nlp):
    text = ("The coach has rebuilt his midfield since the departure of Zorbinho, who joined a club in "
            "Qatar in January.")
    found = types_of(nlp, text)
    assert found.get("Zorbinho") == "person"


@pytest.mark.parametrize("text, role_word", [
    # a role noun a company also fills leaves the model's body alone
    ("Its owner, Kelbridge Capital Partners, bought the stake in March.", "Kelbridge Capital Partners"),
    ("The hosts, Stellwick Rovers, were beaten 2-0 at home.", "Stellwick Rovers"),
])
def test_a_role_a_company_also_fills_makes_no_person(nlp, text, role_word):
    assert actor_types(nlp, text).get(role_word) != "person"


# --- words that are no body ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("Lorries were diverted after a crash closed the M62 near the junction on Tuesday.", "M62"),
    ("Traffic was diverted onto the A38 after the crash.", "A38"),
    ("Kidnappers demanded N80m in ransom, or N4m for each captive, relatives said.", "N80"),
    ("The gang asked for N40m in ransom, N2m for each of the hostages, residents said.", "N2"),
    ("The estate will include a pharmacy and a GP surgery, the council said.", "GP"),
])
def test_a_road_number_an_amount_or_a_common_abbreviation_is_no_body(nlp, text, word):
    assert word not in types_of(nlp, text)


def test_a_bodys_name_from_a_curated_list_that_looks_like_a_code_stays(nlp):
    text = "Finance ministers of the G20 met in Rio on Friday to discuss debt relief."
    assert actor_types(nlp, text).get("G20") == "organisation"


def test_an_adjective_of_a_people_or_faith_before_plural_people_is_no_body(nlp):
    text = "The port, whose Anabaptist refugees built its first mills, has grown by a tenth since 2011."
    assert "Anabaptist" not in actor_types(nlp, text)


@pytest.mark.parametrize("text, portfolio, person", [
    # after an office title
    ("The state Commissioner for Rural Roads and Water Resources, Musa Idris-Kolo, visited the villages on "
     "Monday.", "Rural Roads and Water Resources", "Musa Idris-Kolo"),
    ("The state Commissioner for Local Government and Chieftaincy Affairs, Sani Bala, visited the town.",
     "Local Government and Chieftaincy Affairs", "Sani Bala"),
    # before an office word
    ("Labour Welfare Minister T.R. Sundar visited the injured in hospital.", "Labour Welfare", "T.R. Sundar"),
    ("The committee would summon Finance executive Ms Beatrice Akinyi next week.", "Finance", "Beatrice Akinyi"),
])
def test_a_portfolio_after_an_office_title_or_before_an_office_word_is_no_body(nlp, text, portfolio, person):
    found = actor_types(nlp, text)
    assert portfolio not in found
    assert found.get(person) == "person"


def test_a_plural_common_noun_opening_a_sentence_is_no_body(nlp):
    text = "Smugglers abandoned the boat near the shore. Kidnappers later demanded a ransom, police said."
    assert "Kidnappers" not in actor_types(nlp, text)
    assert "Smugglers" not in actor_types(nlp, text)


def test_the_place_a_body_is_based_in_is_a_place(nlp):
    found = types_of(nlp, "According to the Abuja-based security consultancy BKR Intelligence, attacks rose.")
    assert found.get("Abuja") not in ("organisation", "person", None)
    assert found.get("BKR Intelligence") == "organisation"


# --- bodies the model does not see -----------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("A village chief, Mr Sani Bwari, told HERALD that the attackers had fled into the hills.", "HERALD"),
    ("A fisherman, Mr Obi Kalu, told GUARDIAN that the boats had gone.", "GUARDIAN"),
    ("A survey by the Kantaro institute for a Sunday paper found 52% backed the walkout.", "Kantaro"),
    ("Polls suggest the race is close. A survey by the Elabe institute for a weekly found 48% support.", "Elabe"),
    ("The Hokuto business daily had reported the merger a day earlier.", "Hokuto"),
    ("The Shimotsuke business daily had reported the merger a day earlier.", "Shimotsuke"),
    ("The Naval Headquarters said in a statement that two boats had been seized.", "Naval Headquarters"),
    ("The Army Headquarters said in a statement that two camps had been destroyed.", "Army Headquarters"),
    ('"Yields are down," said Marta Ruiz, head of research at GrainWorks in Rosario.', "GrainWorks"),
    ("Figures compiled by the Accra-based risk consultancy KPL Insight show attacks doubled.", "KPL Insight"),
    # a person's employer, or an outlet, that the model calls a person
    ("Analyst Felix Kranz of Hallstein said the move was overdue.", "Hallstein"),
    ("She told the Inquirer that she had no part in it.", "Inquirer"),
])
def test_a_body_the_context_names_is_found(nlp, text, name):
    assert actor_types(nlp, text).get(name) == "organisation"


def test_the_context_words_make_no_body_of_a_persons_name(nlp):
    text = ("Mr Lemaire told colleagues the plan was sound. The poll institute he founded, run by "
            "Claire Lemaire, found 52% backed it.")
    found = actor_types(nlp, text)
    assert found.get("Claire Lemaire") == "person"
    assert "Lemaire" not in {n for n, t in found.items() if t == "organisation"}


# --- a person's name as a modifier, a body before an office word, a storm and others ---------------------

def test_the_before_a_persons_name_as_a_modifier_keeps_the_person(nlp):
    found = actor_types(nlp, "Senator Joan Harkin said the Harkin amendment would pass. The Harkin team agreed.")
    assert found.get("Joan Harkin") == "person"


def test_a_company_or_party_before_an_office_word_stays_a_body(nlp):
    found = actor_types(nlp, "Tesla chief executive Elon Musk met Labour leader Keir Starmer on Monday.")
    assert found.get("Tesla") == "organisation"
    assert found.get("Labour") == "organisation"


def test_a_named_storm_is_no_actor(nlp):
    found = actor_types(nlp, "Cyclone Gabrielle flooded the valley in 2023, and the council is still rebuilding. "
                             "The river is now a metre below the level it reached during Gabrielle.")
    assert not any("Gabrielle" in name for name in found)


@pytest.mark.parametrize("text, word", [
    ("The MCA for the ward said the audit was flawed.", "MCA"),
    ("Exporters blamed Brexit for the fall in sales.", "Brexit"),
])
def test_an_assembly_members_initials_or_an_event_is_no_actor(nlp, text, word):
    assert word not in actor_types(nlp, text)


def test_a_place_and_its_lower_case_council_is_the_council(nlp):
    text = "Thornby district council's licensing committee refused the plan. Residents in Thornby were relieved."
    found = actor_types(nlp, text)
    assert found.get("Thornby district council") == "organisation"


def test_a_schemes_name_before_its_noun_is_no_person(nlp):
    text = "Planners approved the £80m Saltmarsh Wharf development on Tuesday after a long meeting."
    assert "Saltmarsh Wharf" not in actor_types(nlp, text)


def test_a_bodys_name_the_model_took_for_a_title_is_a_body(nlp):
    text = 'The Defence Headquarters said in Abuja that troops had begun "clearance operations" in the forest.'
    assert actor_types(nlp, text).get("Defence Headquarters") == "organisation"


def test_a_court_named_with_a_possessive_is_a_place_not_a_person(nlp):
    text = "The man was arrested on Monday. He is expected to appear in the Oudtshoorn Magistrate's Court on Friday."
    found = types_of(nlp, text)
    assert "Oudtshoorn Magistrate" not in found
    assert found.get("Oudtshoorn Magistrate's Court") == "facility"


# ---------------------------------------------------------------- labels the model gets wrong around a speaker
# (issue 13, twelfth session). The model's mistakes depend on the whole article, so these take its parse and
# put the wrong label on the span by hand, the way it comes in real articles.

def test_a_surname_after_a_quote_taken_for_a_title_is_the_person(nlp):
    from spacy.tokens import Span

    from generator.extract.entities import relabel

    doc = nlp('"We have not finished listening to people," Tarrant said.')
    k = next(t.i for t in doc if t.text == "Tarrant")
    wrong = Span(doc, k, k + 1, label="WORK_OF_ART")
    assert relabel(wrong, {"Tarrant"}, {"James"}, {}, set()) == "PERSON"
    assert relabel(wrong, set(), set(), {}, set()) == "WORK_OF_ART"  # no one of that name: left alone


def test_a_role_right_before_a_speaker_taken_for_a_body_makes_a_person(nlp):
    from spacy.tokens import Span

    from generator.extract.entities import relabel, surname_again

    doc = nlp("Tenants' association chair Tumanako Te Ao-Marama said rents had doubled. Te Ao-Marama said the "
              "council must act.")
    start = next(t.i for t in doc if t.text == "Tumanako")  # a given name no list of ours holds
    end = next(t.i for t in doc if t.text == "said")
    wrong = Span(doc, start, end, label="ORG")
    assert relabel(wrong, set(), set(), {}, set()) == "PERSON"
    again = [s.text for s in surname_again(doc, [wrong]) if s.label_ == "PERSON"]
    assert again == ["Te Ao-Marama"], again
    # a body the role is written before, speaking, stays a body when the role is one a body may fill
    doc = nlp("The regulator Ofwat said bills would rise.")
    k = next(t.i for t in doc if t.text == "Ofwat")
    assert relabel(Span(doc, k, k + 1, label="ORG"), set(), set(), {}, set()) == "ORG"


@pytest.mark.parametrize("text, surnames, expected", [
    ("Benchmark nickel on the exchange rose 2% on Monday.", set(), None),  # an English word before its noun
    ("Mbeki supporters gathered outside the court.", set(), "PERSON"),  # no English word: a name
    ("Brown told the court she was innocent.", set(), "PERSON"),  # no noun after it: a name, as far as we know
    # "hartley" is a word of English (a unit), but the article names a Jo Hartley: her campaign
    ("Hartley campaign officials declined to comment.", {"Hartley"}, "PERSON"),
])
def test_a_capitalised_english_word_before_its_noun_is_no_one(nlp, text, surnames, expected):
    from spacy.tokens import Span

    from generator.extract.entities import relabel

    doc = nlp(text)
    assert relabel(Span(doc, 0, 1, label="PERSON"), surnames, set(), {}, set()) == expected


def test_a_nations_adjective_within_a_country_is_no_one(nlp):
    # the model calls "Welsh" a person; it is the people of Wales (data/regional_demonyms.txt)
    assert "Welsh" not in actor_types(nlp, "The trust was criticised by the Welsh government last year.")


def test_a_surname_that_is_a_nations_adjective_keeps_its_full_name(nlp):
    text = "The novelist Irvine Welsh said the festival would go ahead."
    assert actor_types(nlp, text).get("Irvine Welsh") == "person"
