"""``models.asdict`` (the fast copy used for the cache, the contract and every data file) gives exactly what
``dataclasses.asdict`` gives: same keys in the same order, same values, and copies, not shared lists."""
from __future__ import annotations

import dataclasses
import json
import math

from generator import models
from generator.models import Actor, Extraction, Figure, Location, Quote, Source


def sample() -> Extraction:
    return Extraction(
        sentences=["Ana Díaz said “yes”.", "Prices rose 4.5%."], paragraphs=[[0], [1]], lede_title="Ana Díaz",
        actors=[Actor("Ana Díaz", "person", "mayor", ["Díaz"], 2, [0, 1], ["role"], written="Mayor Ana Díaz")],
        locations=[Location("Lima", "city", "PE", -12.05, -77.04, [], 1, [0], "capital")],
        figures=[Figure(4.5, None, "%", "prices", "4.5%", 1, value_high=math.inf, sentences=[1])],
        sources=[Source("Ana Díaz", "the mayor", False, "person", quotes=[Quote("yes", True, "said", 0)])],
        credits=["Additional reporting by Jo Lee"], lede_sentence=1)


def test_same_data_as_the_standard_asdict():
    ex = sample()
    ours, standard = models.asdict(ex), dataclasses.asdict(ex)
    assert ours == standard
    assert json.dumps(ours, sort_keys=False) == json.dumps(standard, sort_keys=False)  # the same key order
    assert models.asdict((1, [2, (3,)])) == dataclasses.asdict(Quote((1, [2, (3,)]), True, None, 0))["text"]
    assert type(models.asdict((1, 2))) is tuple


def test_lists_are_copies_not_the_models_own():
    ex = sample()
    data = models.asdict(ex)
    data["actors"][0]["aliases"].append("changed")
    data["sources"][0]["quotes"].clear()
    assert ex.actors[0].aliases == ["Díaz"] and len(ex.sources[0].quotes) == 1


def test_round_trip_through_the_cache_shape():
    ex = sample()
    assert Extraction.from_dict(ex.to_dict()) == ex
