"""Sources named by what they are (one person or a few, singular or plural), phrasal reporting verbs,
and a participle that adds to what its speaker said. Real spaCy pipeline; wording of our own."""
from __future__ import annotations

import pytest

from conftest import sources_of


@pytest.mark.parametrize("text, descriptor", [
    ("A Labour frontbencher said the vote would be close.", "a labour frontbencher"),
    ("One shopper told reporters that prices had doubled since spring.", "one shopper"),
    ("Neighbours said the house had been empty for months.", "neighbours"),
    ("A close ally of the governor said she would not stand again.", "a close ally of the governor"),
    ("One Green Party whip, who asked not to be named, said the bill lacked support.",
     "one green party whip, who asked not to be named"),
    ("Several commuters said the trains were late every morning.", "several commuters"),
])
def test_a_person_named_only_by_what_they_are_is_an_unnamed_source(nlp, text, descriptor):
    sources = sources_of(nlp, text)
    found = {key.lower(): s for key, s in sources.items()}
    assert descriptor in found, sources
    assert found[descriptor]["anonymous"] is True and found[descriptor]["name"] is None


@pytest.mark.parametrize("text", ["Her neighbour Grace Obi said the fire started in the garage.",
                                  "Another neighbour, Grace Obi, said the fire started in the garage.",
                                  # the model takes "Neighbour Grace Obi" whole for a body
                                  "Neighbour Grace Obi said the fire started in the garage."])
def test_a_named_person_after_the_same_word_is_on_the_record(nlp, text):
    sources = sources_of(nlp, text)
    assert set(sources) == {"Grace Obi"} and sources["Grace Obi"]["anonymous"] is False


def test_a_phrasal_reporting_verb_with_a_clause_is_a_cue(nlp):
    sources = sources_of(nlp, "Finance ministry officials pointed out that revenue had risen for a third year.")
    assert len(sources) == 1
    (source,) = sources.values()
    assert source["anonymous"] is True and source["quotes"][0]["cue"] == "pointed out"


@pytest.mark.parametrize("text", [
    "The ranger pointed out the nesting site to the visitors.",  # an object, not words
    "The pilot pointed at the mountains to the north.",  # no particle, no clause
])
def test_pointing_at_a_thing_reports_no_words(nlp, text):
    assert sources_of(nlp, text) == {}


def test_adding_belongs_to_the_speaker_not_to_the_subject_of_what_was_said(nlp):
    sources = sources_of(nlp, "Councillor Ruth Amadi said the regional water board had failed the town, "
                              "adding that an inquiry was needed.")
    assert set(sources) == {"Ruth Amadi"}
    assert [q["cue"] for q in sources["Ruth Amadi"]["quotes"]] == ["said", "adding"]


@pytest.mark.parametrize("text, descriptor", [
    ("A senior clerk at the Lands Registry, who asked not to be named, said the files were lost.",
     "a senior clerk at the lands registry, who asked not to be named"),
    ("A technician at the power station, who spoke on condition of anonymity, said two turbines were down.",
     "a technician at the power station, who spoke on condition of anonymity"),
    # an aside about the body, not about why the source has no name, stays out
    ("An inspector at the Lands Registry, which keeps the deeds, said the files were lost.",
     "an inspector at the lands registry"),
])
def test_why_a_source_is_unnamed_stays_with_it_when_the_clause_hangs_on_its_employer(nlp, text, descriptor):
    found = {key.lower(): s for key, s in sources_of(nlp, text).items()}
    assert descriptor in found, found
    assert found[descriptor]["anonymous"] is True
