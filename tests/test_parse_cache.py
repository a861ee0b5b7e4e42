"""The parse cache (``analyse.ParseCache``): a rule change re-runs the rules, not spaCy's model.

What is checked, with the real pipeline:
* an extraction made over a restored parse is exactly the one a full ``nlp.pipe`` run makes, for
  every real article in the repository and for odd texts (empty, one word, a dateline, rank
  abbreviations, blank lines, Chinese), whether the parse was cached just now or earlier;
* when every extraction key changes (what a changed rule or data file does), ``extract_bodies``
  recomputes every extraction but hands no text to the model;
* the key follows what the model is given: tokens (a new tokenizer special case), sentence starts
  (a new line), the model's version; and not the rules;
* a damaged, foreign, oversized or linked entry is reported in one line and parsed again; an
  unwritable cache is reported once and the build goes on.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from generator import analyse, lexicon, pipeline
from generator.seed import read_body_only
from generator.settings import model_name

ROOT = Path(__file__).resolve().parent.parent

ODD_TEXTS = [
    "",
    "Word",
    "\n\n",
    "LONDON (Reuters) - The minister said on Monday that talks would resume.\nThey did not.",
    "Staff Sgt. Maria Lopes and Lt. Col. Ade Bello were hurt, Gen. Ruiz said.",
    "The mayor of 北京市 spoke.\n\n\nA second paragraph after blank lines, with “quotes” and 3.5%.",
]


def real_bodies() -> list[str]:
    paths = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/gold*/articles/*.txt")])
    return [read_body_only(p).body for p in paths]


def full_run(nlp, texts: list[str]) -> list[dict]:
    return [doc._.digest for doc in nlp.pipe(texts)]


def test_restored_parses_give_the_full_runs_extraction(nlp, tmp_path):
    texts = real_bodies() + ODD_TEXTS
    assert len(texts) > 30
    expected = full_run(nlp, texts)
    cold = analyse._parse_chunk(texts, model_name(), None, tmp_path / "parse")
    assert len(list((tmp_path / "parse").rglob("*.spacy"))) == len(set(texts))
    warm = analyse._parse_chunk(texts, model_name(), None, tmp_path / "parse")
    uncached = analyse._parse_chunk(texts, model_name(), None, None)
    for text, want, got_cold, got_warm, got_plain in zip(texts, expected, cold, warm, uncached):
        assert got_cold == want, text[:80]
        assert got_warm == want, text[:80]
        assert got_plain == want, text[:80]


def test_a_rule_change_reextracts_without_reparsing(nlp, tmp_path, monkeypatch):
    bodies = real_bodies()[:8]
    cache = analyse.Cache(tmp_path / ".cache")
    first, parsed = analyse.extract_bodies(bodies, jobs=1, cache=cache)
    assert parsed == len(bodies)

    given_to_model: list[str] = []
    real = analyse.parse_without_rules

    def counting(nlp_, texts, prepared=()):
        given_to_model.extend(texts)
        return real(nlp_, texts, prepared)

    monkeypatch.setattr(analyse, "parse_without_rules", counting)
    # what editing a data file does: the data hash, and so every extraction key, changes
    monkeypatch.setattr(lexicon, "data_files_hash", lambda: "a changed rule")
    analyse._static_key_part.cache_clear()
    try:
        again, parsed = analyse.extract_bodies(bodies, jobs=1, cache=cache)
    finally:
        analyse._static_key_part.cache_clear()
    assert parsed == len(bodies)  # every extraction recomputed ...
    assert given_to_model == []  # ... over the cached parses: the model ran on nothing
    assert [e.to_dict() for e in again] == [e.to_dict() for e in first]


def test_two_processes_fill_the_parse_cache_as_one_does(nlp, tmp_path):
    bodies = real_bodies()[:6]
    one, _ = analyse.extract_bodies(bodies, jobs=1, cache=analyse.Cache(tmp_path / "a"))
    two, _ = analyse.extract_bodies(bodies, jobs=2, cache=analyse.Cache(tmp_path / "b"))
    assert [e.to_dict() for e in two] == [e.to_dict() for e in one]
    names = lambda root: sorted(p.name for p in (root / "parse").rglob("*.spacy"))  # noqa: E731
    assert names(tmp_path / "b") == names(tmp_path / "a") and len(names(tmp_path / "a")) == len(set(bodies))


def test_a_rebuild_parses_the_changed_texts_in_workers_while_it_reads_the_others(nlp, tmp_path, monkeypatch):
    """``jobs`` > 1 with some texts cached: the uncached ones go to worker processes at once
    (``_parsing_meanwhile``) and never to the model in this process; a bad entry found on reading
    is parsed after, as before. The extractions are those of a one-process run."""
    bodies = real_bodies()[:5]
    one, _ = analyse.extract_bodies(bodies, jobs=1, cache=analyse.Cache(tmp_path / "a"))
    cache = analyse.Cache(tmp_path / "b")
    analyse.extract_bodies(bodies[:3], jobs=1, cache=cache)
    damaged = cache._path(analyse.cache_key(bodies[0], model_name()))
    damaged.write_bytes(b"{")
    here = []
    real_chunk = analyse._parse_chunk
    monkeypatch.setattr(analyse, "_parse_chunk", lambda texts, *a, **k: here.extend(texts) or real_chunk(texts, *a, **k))
    got, parsed = analyse.extract_bodies(bodies, jobs=2, cache=cache)
    assert [e.to_dict() for e in got] == [e.to_dict() for e in one]
    assert parsed == 3  # two new texts and the damaged entry
    assert here == [bodies[0]]  # in this process: only the damaged entry, found bad on reading
    again, parsed = analyse.extract_bodies(bodies, jobs=2, cache=cache)
    assert parsed == 0 and [e.to_dict() for e in again] == [e.to_dict() for e in one]


def small_pipeline():
    """A tokenizer and our paragraph component: enough to compute keys without loading a model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("digest_paragraphs")
    return nlp


def test_the_key_follows_what_the_model_is_given(tmp_path):
    nlp = small_pipeline()
    keys = analyse.ParseCache(tmp_path, nlp)
    text = "Capt. Ana Ruiz spoke. Then she left."
    before = keys.key(text)
    assert keys.key(text) == before  # stable
    assert keys.key(text.replace(" Then", "\nThen")) != before  # another sentence start (and text)
    nlp.tokenizer.add_special_case("Capt.", [{"ORTH": "Capt."}])  # a new rank in data/ranks.txt does this
    assert analyse.ParseCache(tmp_path, nlp).key(text) != before
    assert analyse.ParseCache(tmp_path, nlp).key("Nothing with a rank.") == keys.key("Nothing with a rank.")
    nlp.meta["version"] = "9.9.9"  # another model version
    assert analyse.ParseCache(tmp_path, nlp).key("Nothing with a rank.") != keys.key("Nothing with a rank.")


def test_the_key_does_not_follow_the_rules(nlp, tmp_path, monkeypatch):
    key = analyse.ParseCache(tmp_path, nlp).key("The minister said so.")
    monkeypatch.setattr(lexicon, "data_files_hash", lambda: "a changed rule")
    monkeypatch.setattr(analyse, "rules_hash", lambda: "changed code")
    assert analyse.ParseCache(tmp_path, nlp).key("The minister said so.") == key


def entry_for(root: Path, nlp, text: str) -> Path:
    key = analyse.ParseCache(root, nlp).key(text)
    return root / key[:2] / f"{key}.spacy"


@pytest.mark.parametrize("damage", ["garbage", "empty", "another text", "too large", "link", "folder link"])
def test_a_bad_entry_is_reported_and_parsed_again(nlp, tmp_path, capfd, monkeypatch, damage):
    root = tmp_path / "parse"
    text, other = "The minister said on Monday that talks would resume.", "Police closed the road in Leeds."
    want = full_run(nlp, [text])
    analyse._parse_chunk([text, other], model_name(), None, root)
    entry = entry_for(root, nlp, text)
    assert entry.is_file()
    if damage == "garbage":
        entry.write_bytes(b"\x00not a DocBin\xff" * 50)
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "another text":
        entry.write_bytes(entry_for(root, nlp, other).read_bytes())
    elif damage == "too large":
        monkeypatch.setattr(analyse, "MAX_PARSE_ENTRY_BYTES", 16)
    elif damage == "link":
        target = tmp_path / "elsewhere.spacy"
        target.write_bytes(entry.read_bytes())
        entry.unlink()
        entry.symlink_to(target)
    elif damage == "folder link":
        moved = tmp_path / "moved"
        entry.parent.rename(moved)
        entry.parent.symlink_to(moved, target_is_directory=True)
    capfd.readouterr()
    assert analyse._parse_chunk([text], model_name(), None, root) == want
    err = capfd.readouterr().err
    assert "parsing the article again" in err or "parsing it again" in err, err
    if damage == "folder link":  # nor written through the link: that is reported as well
        assert err.count("warning") == 2 and "cannot write the parse cache" in err, err
        assert sorted(p.name for p in (tmp_path / "moved").iterdir()) == [entry.name]
    else:
        assert err.count("warning") == 1, err
    if damage in ("garbage", "empty", "another text"):  # replaced by a good entry: no warning the next time
        assert analyse._parse_chunk([text], model_name(), None, root) == want
        assert capfd.readouterr().err == ""


def test_an_unwritable_parse_cache_is_reported_once(nlp, tmp_path, capfd):
    root = tmp_path / "parse"
    root.write_text("a file where the folder should be")
    texts = ["The minister said so.", "Police closed the road.", "A third text."]
    assert analyse._parse_chunk(texts, model_name(), None, root) == full_run(nlp, texts)
    err = capfd.readouterr().err
    assert err.count("cannot write the parse cache") == 1, err


def test_a_linked_parse_folder_turns_the_cache_off(tmp_path):
    cache = tmp_path / ".cache"
    cache.mkdir()
    (tmp_path / "out").mkdir()
    (cache / "parse").symlink_to(tmp_path / "out", target_is_directory=True)
    assert analyse.linked_cache_part(cache) == cache / "parse"


def test_a_build_after_a_rule_change_parses_nothing_with_the_model(tmp_path):
    """End to end: the generator's own code copied, one data file edited, the build run again."""
    import shutil
    import subprocess
    import sys

    from conftest import make_project

    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    project = make_project(tmp_path / "project", seeds=sorted(ROOT.glob("tests/gold/articles/*.txt"))[:3])
    (project / "generator").unlink()  # `python -m` imports from the working folder first: the copy, not ours
    (project / "generator").symlink_to(code / "generator", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(code), "CI": "1"}

    def build() -> str:
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--jobs", "1"], cwd=project, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "(3 parsed, 0 from the cache)" in build()
    entries = {p: p.stat().st_mtime_ns for p in (project / ".cache" / "parse").rglob("*.spacy")}
    assert len(entries) == 3
    with open(code / "generator" / "data" / "reporting_verbs.txt", "a", encoding="utf-8") as handle:
        handle.write("\nexpostulated\n")  # a rule's data: every extraction key changes
    assert "(3 parsed, 0 from the cache)" in build()  # every extraction redone ...
    after = {p: p.stat().st_mtime_ns for p in (project / ".cache" / "parse").rglob("*.spacy")}
    assert after == entries  # ... over the same parses: none written again


def test_an_unwritable_parse_cache_is_reported_once_across_workers(nlp, tmp_path, capfd):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "parse").write_text("a file where the parse cache's folder belongs")
    bodies = real_bodies()[:4]
    capfd.readouterr()
    got, parsed = analyse.extract_bodies(bodies, jobs=2, cache=analyse.Cache(tmp_path / ".cache"))
    assert parsed == len(bodies) and [e.to_dict()["sentences"] for e in got] == [d["sentences"] for d in
                                                                                  full_run(nlp, bodies)]
    err = capfd.readouterr().err
    assert err.count("cannot write the parse cache") == 1, err
    assert len(list((tmp_path / ".cache" / "extract").rglob("*.json"))) == len(bodies)  # extractions still cached
