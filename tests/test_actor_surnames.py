"""A person's surname the model reads as a body is that person (extract/actors.py, join_surname_bodies)."""
from __future__ import annotations

from conftest import actors_in, digest_of

LONE_SURNAME = ("Education secretary Corentin Lagarde asked parents on Friday to keep children at home if they "
                "were ill.\n“We are following how quickly the outbreak moves,” Lagarde said. “Absences have fallen "
                "but the cases keep rising.\n“I ask families to be careful, because I do not want to shut schools "
                "next term.”")


def test_a_lone_surname_taken_for_a_body_is_the_one_person_of_that_name(nlp):
    data = digest_of(nlp, LONE_SURNAME)
    actors = actors_in(data)
    assert "Lagarde" not in actors, actors  # no organisation beside the person
    assert actors["Corentin Lagarde"]["type"] == "person" and "Lagarde" in actors["Corentin Lagarde"]["aliases"]
    assert actors["Corentin Lagarde"]["mentions"] >= 2
    assert [(s["name"], s["kind"]) for s in data["sources"]] == [("Corentin Lagarde", "person")]

