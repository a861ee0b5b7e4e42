"""The gazetteer (``pipeline.make_gazetteer``) builds its phrase patterns from the names' words alone, not
through the model (``EntityRuler.add_patterns`` would tag and parse each of ~1,900 names at every model load).
The phrases match on ORTH, so the result must be the same: checked against a ruler built spaCy's default
way, over every real article in the repository."""
from __future__ import annotations

from pathlib import Path

from spacy.pipeline import EntityRuler

from generator import analyse
from generator.seed import read_body_only

ROOT = Path(__file__).resolve().parent.parent


def test_the_gazetteer_finds_what_a_ruler_built_through_the_model_finds(nlp):
    ours = nlp.get_pipe("digest_gazetteer").ruler
    assert ours.phrase_matcher_attr is None  # words (ORTH): what makes building without the model exact
    reference = EntityRuler(nlp, name="reference_gazetteer", overwrite_ents=False)
    reference.add_patterns(ours.patterns)  # spaCy's way: each name through the components before the ruler
    assert len(ours.patterns) > 1000 and ours.patterns == reference.patterns
    paths = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/gold*/articles/*.txt")])
    bodies = [read_body_only(p).body for p in paths]
    found = 0
    for doc in nlp.pipe(bodies, disable=list(analyse.RULE_COMPONENTS)):
        matches = sorted(ours.match(doc))
        assert matches == sorted(reference.match(doc))
        found += len(matches)
    assert found > 100
