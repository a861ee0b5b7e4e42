"""A match score right after a team's name is two figures; a model number after a maker's name is part of
the name. Real spaCy pipeline; wording of our own."""
from __future__ import annotations

import pytest

from conftest import digest_of


def values(nlp, text: str) -> list[float]:
    return sorted(f["value"] for f in digest_of(nlp, text)["figures"])


@pytest.mark.parametrize("text, expected", [
    ("Millwall beat Stoke City 4-2 on Tuesday night.", [2, 4]),
    ("Celtic overcame Hearts 3-1 in front of a full stadium.", [1, 3]),
    ("The Reds edged past Leicester City 1-0 thanks to a late header.", [0, 1]),
])
def test_a_score_after_a_team_name_is_two_figures(nlp, text, expected):
    assert values(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The carrier will retire its Airbus 320-200 jets next year.",
    "Her grandfather flew the Boeing 747-400 for two decades.",
])
def test_a_model_number_after_a_makers_name_is_no_figure(nlp, text):
    assert all(f["value"] not in (320, 200, 747, 400) for f in digest_of(nlp, text)["figures"])
