"""A judge's role says which court when the article names one (``actors.the_one_court``, ``in_the_court``,
``data/court_roles.txt``). Real spaCy pipeline; texts written for these tests."""
from __future__ import annotations

import pytest

from conftest import digest_of

from generator import lexicon
from generator.extract import actors


def roles(nlp, text: str) -> dict[str, str | None]:
    return {a["name"]: a["role"] for a in digest_of(nlp, text)["actors"] if a["type"] == "person"}


def test_a_judge_sits_in_the_one_court_the_article_names(nlp):
    found = roles(nlp, "A former care home manager was jailed for six years at Lincoln Crown Court on Friday for "
                       "stealing from residents.\n\nJudge Miriam Achebe told Harold Pike, 58, that he had betrayed "
                       "people who trusted him.\n\nPike had admitted 14 counts of theft.")
    assert found["Miriam Achebe"] == "Judge at Lincoln Crown Court"
    assert found["Harold Pike"] == "58"  # no court role: as written


@pytest.mark.parametrize("text, name", [
    # two courts: which one she sits in is unsaid
    ("The case was moved from the Magistrates' Court to the High Court last year.\n\n"
     "Judge Tomasina Reyes said the delay was regrettable.", "Tomasina Reyes"),
    # a court named for a player is a tennis court, not a court of law
    ("Deepa Zhang beat Jana Wojcik on Court Suzanne-Lenglen on Monday.\n\n"
     "The umpire, Judge Carla Ruiz, warned Zhang twice.", "Carla Ruiz"),
])
def test_no_single_court_leaves_the_judge_as_written(nlp, text, name):
    assert " at " not in (roles(nlp, text).get(name) or "")


def test_only_a_court_role_alone_takes_the_court():
    assert actors.in_the_court("Justice", "the Lahore High Court") == "Justice at the Lahore High Court"
    assert actors.in_the_court("prosecutor", "Derby Crown Court") == "prosecutor"
    assert actors.in_the_court("Sessions Court judge", "the Sessions Court") == "Sessions Court judge"
    assert actors.in_the_court("judge", None) == "judge"


def test_the_court_roles_are_a_data_file_that_says_who_reads_it():
    path = lexicon.DATA_DIR / "court_roles.txt"
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert "generator/extract/actors.py" in " ".join(header)
    assert {"judge", "justice", "magistrate"} <= actors.court_roles()


def test_a_judge_named_with_a_court_keeps_it_and_each_court_counts(nlp):
    found = roles(nlp, "Judge Alma Brandt of the Federal District Court for the Eastern District of Ohio blocked "
                       "the rule in May.\n\nThe state appealed to the Court of Appeals for the Sixth Circuit.\n\n"
                       "Judge Brandt wrote that the plan was unlawful.")
    assert "Sixth Circuit" not in (found.get("Alma Brandt") or ""), found
