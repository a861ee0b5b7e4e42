"""Property tests: extraction never raises on any text; the seed parser raises only its own error."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES
from generator.errors import SeedError
from generator.seed import read_seed

MARKS = ["\"", "“", "”", "‘", "’", "'", "«", "»", "„", "—", "–", "-", "(", ")", ":", ";", ",", ".", "\n", " "]
WORDS = ["said", "told", "the", "BBC", "according", "to", "US", "Reuters", "she", "he", "official", "sources",
         "$5m", "1.2bn", "up", "to", "24", "59", "hostages", "Karoline", "Leavitt", "Doha", "Gaza", "per", "cent",
         "%", "two", "dozen", "hundreds", "of", "20", "to", "30", "½", "-5", "minus", "3/4", "2012", "Mr", "X",
         "שלום", "مرحبا", "😀", "\u200f", "\u202e", "\x00", "\x1b", "\ufeff", "LONDON", "(AP)", "Ala.", "Paris,",
         "Texas", "Additional", "reporting", "by", "Georgia", "Washington"]
news_like = st.lists(st.sampled_from(WORDS + MARKS), max_size=60).map(" ".join)
any_text = st.text(max_size=300)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(news_like, any_text))
def test_extraction_never_raises(nlp, text):
    from generator.extract import extract_doc

    doc = nlp(text)
    data = extract_doc(doc)  # the rules themselves, without the component's safety net
    assert set(data) >= {"actors", "locations", "figures", "sources", "sentences"}
    for fig in data["figures"]:
        assert 0 <= fig["sentence"] < len(data["sentences"])


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400),
                 st.builds(lambda fm, body: ("---\n" + fm + "\n---\n" + body).encode("utf-8", "surrogatepass"),
                           st.text(max_size=200), st.text(max_size=100))))
def test_seed_parser_raises_only_its_own_error(tmp_path, raw):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(raw)
    try:
        read_seed(path)
    except SeedError as exc:
        assert exc.problems and all(str(p).startswith(f"{path}:") for p in exc.problems)


def test_a_failing_rule_leaves_the_article_readable(nlp, monkeypatch, capsys):
    import generator.extract as extract

    def broken(doc):
        raise RuntimeError("a rule tripped")

    monkeypatch.setattr(extract, "extract_doc", broken)
    data = nlp("The minister spoke. Then she left.")._.digest
    assert data["sentences"] == ["The minister spoke.", "Then she left."] and data["actors"] == []
    assert "extraction failed" in capsys.readouterr().err
