"""Who is the source, by kind of fault (issue 14): a body's whole name, the named author of a document, an
outlet that reported, coordinated speakers, the unnamed source's own words, a pronoun after an unnamed
speaker, and the people spoken about inside someone else's words. Real spaCy pipeline; texts written for
these tests."""
from __future__ import annotations

import pytest

from conftest import sources_of


def test_a_body_whose_name_has_commas_speaks_as_itself(nlp):
    # the commas are the name's: the phrase is not cut at the first one and handed to another body
    text = ("Halden Cables Ltd. will shut its plant in Moss, the cable maker said on Monday.\n\n"
            "The Ministry of Fisheries, Coasts and Harbours, which lent Halden Cables 30 million kroner last year, "
            "said in a statement it would \u201creview the terms\u201d of the loan.")
    found = sources_of(nlp, text)
    assert "Ministry of Fisheries, Coasts and Harbours" in found, found
    quote = found["Ministry of Fisheries, Coasts and Harbours"]["quotes"][0]
    assert quote["sentence"] == 1 and quote["direct"] is True
    assert all(q["sentence"] != 1 for name, s in found.items() if name.startswith("Halden") for q in s["quotes"])


def test_a_document_by_a_described_body_names_the_body(nlp):
    # "a study by the <description> <Name>": the source is the name, whole, not the description
    text = ("According to a study by the Oslo-based think tank Nordvik Policy Lab, rents rose 9 percent in 2024.\n\n"
            "According to figures compiled by trade body the Western Dairy Federation, milk output fell in March.")
    found = sources_of(nlp, text)
    assert "Nordvik Policy Lab" in found and found["Nordvik Policy Lab"]["kind"] == "body", found
    assert "Western Dairy Federation" in found, found
    assert not any(key.startswith(("a study", "figures")) for key in found), found


def test_an_outlet_that_reported_a_story_is_a_source(nlp):
    # a company "reported revenue" is no source for that alone; an outlet reporting the news is
    text = "The Irish Times had reported the planned sale of the ferry line on Tuesday, citing two bankers."
    found = sources_of(nlp, text)
    assert "The Irish Times" in found or "Irish Times" in found, found
    source = found.get("The Irish Times") or found["Irish Times"]
    assert source["kind"] == "outlet" and source["anonymous"] is False


def test_each_coordinated_speaker_is_a_source(nlp):
    text = "Twelve fishermen were rescued off the cape on Friday, firefighters and police said."
    found = sources_of(nlp, text)
    assert "firefighters" in found and "police" in found, found
    assert found["firefighters"]["anonymous"] is True
    assert found["police"]["kind"] == "body"


@pytest.mark.parametrize("text, descriptors", [
    # a clause with no commas is part of the description, to the clause's own end; a long one is left out
    ("One juror who sat through all six weeks of evidence said the verdict had been unanimous.\n\n"
     "A diplomat, who asked not to be named, said the talks had stalled.\n\n"
     "A harbour pilot who asked not to be named said the channel had silted up.\n\n"
     "Another pilot who has worked the channel for years and who would know if it had been dredged said "
     "nothing had changed.\n\n"
     "A nurse who did not want to be identified out of fear for her job said the ward was exhausted.",
     ["one juror who sat through all six weeks of evidence", "a harbour pilot who asked not to be named",
      "another pilot who has worked the channel for years", "a diplomat, who asked not to be named",
      # a clause that says why the source is unnamed is kept whole, however long
      "a nurse who did not want to be identified out of fear for her job"]),
    ("A depot manager who was not authorised to discuss the timetable with reporters said two lines would close.\n\n"
     "A lecturer who teaches chemistry and asked not to be identified for fear of losing her post said the "
     "labs were shut.\n\n"
     "A prison officer, speaking on condition of anonymity because he feared for his job, said the wing was flooded.\n\n"
     "One clerk, citing the rules of the registry, said the files were sealed.",
     ["a depot manager who was not authorised to discuss the timetable with reporters",
      "a lecturer who teaches chemistry and asked not to be identified for fear of losing her post",
      "a prison officer, speaking on condition of anonymity because he feared for his job",
      "one clerk"]),  # a participle that says nothing of anonymity is an aside
    # a clause set off by commas is an aside ("a resident"), unless it says why the source has no name
    ("A port official, who spoke on condition of anonymity, said the engines were overdue for repair.\n\n"
     "A shop owner, who declined to be identified, said trade had halved since the bridge closed.\n\n"
     "A resident, who has crossed the strait since 1998, said the crossings were getting rougher.",
     ["a port official, who spoke on condition of anonymity", "a shop owner, who declined to be identified",
      "a resident"]),
])
def test_an_unnamed_source_keeps_the_clause_that_says_which_one_or_why_it_is_unnamed(nlp, text, descriptors):
    found = sources_of(nlp, text)
    for descriptor in descriptors:
        assert descriptor in found, (descriptor, found)


def test_he_after_an_unnamed_speaker_is_that_speaker(nlp):
    # a pseudonym inside the unnamed source's own phrase does not take the quote that follows, nor does the
    # named person quoted before them
    text = ("Prosecutor Helga Brandvold told the court the money had been moved to accounts abroad.\n\n"
            "One investor, a 64-year-old former ferry pilot who asked to be identified only as Mr Olsen, told "
            "reporters outside that he had lost his savings. \u201cI have not told my children yet. I do not know "
            "how,\u201d he said.")
    found = sources_of(nlp, text)
    unnamed = found.get("one investor, a 64-year-old former ferry pilot")
    assert unnamed is not None and unnamed["anonymous"] is True, found
    assert any(q["direct"] for q in unnamed["quotes"])
    assert not any(q["direct"] for q in found["Helga Brandvold"]["quotes"]), found
    assert "Olsen" not in found and "Mr Olsen" not in found, found


def test_people_spoken_about_inside_a_report_are_no_sources(nlp):
    # the councillor reports the officers' warning; "he" reports the governor's: the one who speaks is the source
    text = ("One councillor said several members had been warned by planning officers that a refusal would be "
            "overturned.\n\n"
            "The regional Commissioner for Water Resources, Alhaji Musa Danjuma-Bello, toured the valley on Tuesday.\n\n"
            "He said Governor Amina Yusuf-Kano had ordered new pumps and warned that the state would not tolerate "
            "\u201csabotage of our dams.\u201d")
    found = sources_of(nlp, text)
    assert not any("officers" in key for key in found), found
    assert "Amina Yusuf-Kano" not in found, found
    assert found["Alhaji Musa Danjuma-Bello"]["quotes"][0]["direct"] is True, found


def test_a_naming_verb_is_a_cue_only_with_a_quote(nlp):
    # 'called the offer "…"' quotes the speaker; "what he described as …", "called for calm" and "described
    # scenes of …" quote nobody
    text = ("Speaking outside the depot, the union's general secretary, Marta Quiroga, called the offer "
            "\"an insult to every driver.\"\n\n"
            "A fifth envoy, from a southern member state, called the draft \"a gift to polluters.\"\n\n"
            "The fund promised returns from what its founder described as a low-risk shipping venture.\n\n"
            "Commuters who waited for hours described scenes of chaos at the station.\n\n"
            "The mayor called for calm after the flooding.")
    found = sources_of(nlp, text)
    assert found["Marta Quiroga"]["quotes"][0]["direct"] is True, found
    assert [q["sentence"] for q in found["Marta Quiroga"]["quotes"]] == [0], found
    assert "a fifth envoy" in found and found["a fifth envoy"]["anonymous"] is True, found
    assert set(found) == {"Marta Quiroga", "a fifth envoy"}, found


def test_the_organisation_just_quoted_is_the_one_that_said(nlp):
    # "the organisation" names no body by a word of its name: the body quoted just before, not the one the
    # article names most
    text = ("The raid took place in Dorvik, a district in the north. Dorvik has seen three raids this year, and "
            "Dorvik residents fear more.\n\n"
            "Human Rights Watch Europe called the response \"too little, too late.\"\n\n"
            "\"The authorities have failed the villages again and again,\" the organisation said in a post.")
    found = sources_of(nlp, text)
    assert len(found["Human Rights Watch Europe"]["quotes"]) == 2, found
    assert "Dorvik" not in found, found


def test_a_bare_plural_document_is_no_source(nlp):
    text = ("Polls suggest most voters back the plan.\n\n"
            "A poll by Kantor Research found that most voters back the plan.")
    found = sources_of(nlp, text)
    assert set(found) == {"Kantor Research"}, found


def test_a_name_after_a_role_is_never_an_unnamed_source(nlp):
    # the model may read a Dutch name's words as nationalities: the given name and what follows are the name
    text = "Speaking in Rotterdam, Sparta director of football Henk te Molder said only that talks \"continue.\""
    found = sources_of(nlp, text)
    assert "Henk te Molder" in found, found
    assert found["Henk te Molder"]["anonymous"] is False and found["Henk te Molder"]["kind"] == "person"
    assert not any(s["anonymous"] for s in found.values()), found


def test_an_opening_participle_is_not_the_speaker(nlp):
    # the parser may take "Speaking in front of …" for the subject; the name just before the verb speaks
    text = ("The drivers were unmoved. Speaking in front of the bus garage in Saint-Ouen, the secretary-general of "
            "the FO-Transports, Julien Marchetti, called the deal \"a bad joke told to people who drive at night.\"")
    found = sources_of(nlp, text)
    assert "Julien Marchetti" in found and found["Julien Marchetti"]["quotes"][0]["direct"] is True, found
    assert not any(key.startswith("Speaking") for key in found), found


def test_a_finding_inside_reported_words_is_no_source(nlp):
    text = ("The central bank spokesman noted that by bidding only 12 billion, banks themselves had shown they felt "
            "they had plenty of cash.\n\n"
            "Federal auditors found that the agency had overpaid contractors.")
    found = sources_of(nlp, text)
    assert "federal auditors" in found, found  # a finding of its own is a source
    assert not any(key.lower().startswith("banks") for key in found), found


def test_a_name_with_and_inside_is_one_speaker(nlp):
    text = "Rivas said New York investment bank Allen and Co Inc had earlier said it was interested in the shares."
    found = sources_of(nlp, text)
    assert "Allen and Co Inc" in found, found
    assert "Co Inc" not in found and "Allen" not in found, found


def test_the_board_or_the_authority_is_the_one_body_named_with_that_word(nlp):
    found = sources_of(nlp,
                       "The Lower Wensum Water Authority will shut the Hingham treatment works for a month.\n\n"
                       "The plant supplied about 12,000 homes last year, according to figures published by the "
                       "authority.\n\n"
                       "The authority estimates the closure will cost £2.1m.")
    assert set(found) == {"Lower Wensum Water Authority"}, found
    assert [q["sentence"] for q in found["Lower Wensum Water Authority"]["quotes"]] == [1, 2]


@pytest.mark.parametrize("text, not_the_source", [
    # no body of the article is named with the word: not the company the story is about
    ("Harwell Foods said on Tuesday its sales fell 4% in the quarter.\n\n"
     "The board said it would review the dividend in March.", "Harwell Foods"),
    # two bodies are: neither
    ("The Kestrel Valley Water Authority and the Dunmore Housing Authority met on Monday to discuss the "
     "flood plan.\n\nThe authority said the works would resume in April.", "Authority"),
])
def test_the_board_is_no_body_the_article_does_not_name_so_alone(nlp, text, not_the_source):
    found = sources_of(nlp, text)
    assert not any(not_the_source in name and 1 in [q["sentence"] for q in s["quotes"]] for name, s in found.items()), found
