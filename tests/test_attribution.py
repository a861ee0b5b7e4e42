"""Attribution cues beyond the curated list: the speech-verb lexicon (Levin 1993, class 37) and any verb in
the inverted slot after a quote ('"…," sighed X'). Real spaCy pipeline, texts written for these tests."""
from __future__ import annotations

import pytest

from generator import lexicon


def sources(nlp, text: str) -> dict[str, list[dict]]:
    return {(s["name"] or s["descriptor"]): s["quotes"] for s in nlp(text)._.digest["sources"]}


def test_lexicon_is_broad_and_keeps_the_curated_verbs():
    speech = lexicon.speech_verbs()
    assert lexicon.reporting_verbs() <= speech  # the curated 55 stay
    assert {"say", "tell", "warn", "tweet", "testify"} <= lexicon.reporting_verbs()
    for lemma in ("grumble", "sigh", "mutter", "whisper", "shout", "allege", "recall", "complain", "concede",
                  "quip", "boast", "advise"):
        assert lemma in speech, lemma
    # whose words these are is written down next to them
    text = (lexicon.DATA_DIR / "speech_verbs.txt").read_text(encoding="utf-8")
    assert "Levin" in text and "37.3" in text and "VerbNet" in text


@pytest.mark.parametrize("verb", ["muttered", "whispered", "shouted", "quipped", "conceded", "boasted"])
def test_inverted_lexicon_verb_gives_the_named_speaker(nlp, verb):
    text = (f'"The bridge will not open before the thaw," {verb} Ingrid Solberg, a site engineer. '
            "Work resumed on Monday.")
    found = sources(nlp, text)
    assert "Ingrid Solberg" in found, found
    quote = found["Ingrid Solberg"][0]
    assert quote["direct"] is True and quote["cue"] == verb
    assert quote["text"].startswith("The bridge will not open")


@pytest.mark.parametrize("verb", ["chuckled", "fumed", "shrugged"])
def test_inverted_verb_outside_the_lexicon_is_a_cue_for_a_person(nlp, verb):
    assert verb[:-2] not in lexicon.speech_verbs() and verb[:-1] not in lexicon.speech_verbs()
    text = f'"Nobody reads the small print anyway," {verb} Dario Benedetti, a ferry mechanic.'
    found = sources(nlp, text)
    assert "Dario Benedetti" in found, found
    assert found["Dario Benedetti"][0]["cue"] == verb and found["Dario Benedetti"][0]["direct"] is True


def test_inverted_verb_with_role_before_the_name(nlp):
    text = '"We counted every crate twice," groaned warehouse supervisor Priyanka Raman.'
    found = sources(nlp, text)
    assert "Priyanka Raman" in found and found["Priyanka Raman"][0]["cue"] == "groaned", found


def test_several_inverted_speakers_each_keep_their_quote(nlp):
    text = ('"The ferry was late again," grumbled Olu Adeyemi, a commuter.\n'
            '"It has been late all week," sighed Hana Novak, a teacher on the same boat.\n'
            '"We are fixing the engines," said harbour manager Tomas Brandt.')
    found = sources(nlp, text)
    assert [q["cue"] for q in found.get("Olu Adeyemi", [])] == ["grumbled"], found
    assert [q["cue"] for q in found.get("Hana Novak", [])] == ["sighed"], found
    assert found["Hana Novak"][0]["text"].startswith("It has been late all week")
    assert [q["cue"] for q in found.get("Tomas Brandt", [])] == ["said"], found


@pytest.mark.parametrize("verb", ["alleged", "recalled", "complained"])
def test_news_verbs_with_a_clause_are_cues(nlp, verb):
    text = f"Marguerite Okafor {verb} that the inspectors had never visited the mine."
    found = sources(nlp, text)
    assert "Marguerite Okafor" in found, found
    assert found["Marguerite Okafor"][0]["cue"] == verb and found["Marguerite Okafor"][0]["direct"] is False


@pytest.mark.parametrize("text", [
    "Lena Castellanos recalled 3,000 cars after the brake fault.",  # an object, not words
    '"Closed for repairs," read the sign on the gate.',  # the verb in the slot, but no person speaks
    "The council would continue to “protect the green belt”.",  # a quote inside a plan, no speech verb
])
def test_not_attributions(nlp, text):
    assert sources(nlp, text) == {}
