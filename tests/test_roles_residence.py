"""A resident quoted in local news is described by where they live: "Ada Crane, 59, who has lived on
Marsh Lane since 1990," → "59, resident of Marsh Lane" (``actors.residence``). Real spaCy pipeline;
texts written for these tests."""
from __future__ import annotations

import pytest

from conftest import people_of


def roles(nlp, text: str) -> dict[str, str | None]:
    return {name: person["role"] for name, person in people_of(nlp, text).items()}


@pytest.mark.parametrize("text, name, role", [
    ("The council voted to close the library on Tuesday.\n\n\"We will fight this,\" said Ada Crane, 59, who has "
     "lived on Marsh Lane since 1990.", "Ada Crane", "59, resident of Marsh Lane"),
    ("Floodwater reached the first floors by noon.\n\nBenedikt Sorel, who lives alone in the village of Oberau, "
     "said he had been rescued by boat.", "Benedikt Sorel", "resident of the village of Oberau"),
    ("The new timetable starts in June.\n\nPriyanka Dutt, 34, who still lives in Hounslow, said the trains were "
     "already full.", "Priyanka Dutt", "34, resident of Hounslow"),
])
def test_a_residence_clause_after_the_name_says_where_the_person_lives(nlp, text, name, role):
    assert roles(nlp, text)[name] == role


@pytest.mark.parametrize("text, name", [
    # not a named place
    ("The camp was cleared on Friday.\n\nOwen Marsh, 44, who lives in a tent by the river, said he had "
     "nowhere to go.", "Owen Marsh"),
    # lived there once: may have moved
    ("The mill closed in 1998.\n\nEdna Price, 81, who lived in Saltaire for 40 years, said the town had changed.",
     "Edna Price"),
    # "near" a place is not in it
    ("The plant will open next year.\n\nJules Amati, who lives near Grangemouth, said the smell was worse.",
     "Jules Amati"),
    # the clause goes on to say something else about the place
    ("The road was closed again.\n\nMira Kohl, 52, who lives in Elm Street houses owned by the council, said "
     "repairs had stopped.", "Mira Kohl"),
])
def test_no_named_place_lived_in_now_gives_no_residence(nlp, text, name):
    assert "resident" not in (roles(nlp, text).get(name) or "")


def test_a_role_noun_in_another_mention_still_wins(nlp):
    found = roles(nlp, "Tom Reyes, 47, who lives on Kettle Road, chairs the residents' group.\n\n"
                       "\"It is a scandal,\" said Reyes, a retired teacher, at the meeting.")
    assert found["Tom Reyes"] == "retired teacher"
