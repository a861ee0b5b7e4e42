"""A rebuild keeps the modification time of every generated file whose bytes did not change
(``output.keep_time_if_unchanged``), so a deploy step that compares times copies only what changed."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from conftest import ROOT, make_project, run_generator


def state(docs: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(docs)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in docs.rglob("*") if p.is_file()}


def test_only_changed_pages_get_a_new_time(tmp_path):
    seeds = sorted(ROOT.glob("tests/gold/articles/*.txt"))[:3]
    project = make_project(tmp_path / "project", seeds=seeds)
    run_generator(["build", "--jobs", "1"], cwd=project)
    before = state(project / "docs")
    old = 1_000_000_000 * 10**9  # 2001: a time no build writes, so a kept time is unmistakable
    for rel in before:
        os.utime(project / "docs" / rel, ns=(old, old))
    before = state(project / "docs")

    seed = project / "seeds" / seeds[0].name  # one article's title changes: its page, the home page, lists ...
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    seed.write_text(text.replace(title, title + " (updated)", 1), encoding="utf-8")
    run_generator(["build", "--jobs", "1"], cwd=project)
    after = state(project / "docs")

    same = [rel for rel in after if rel in before and before[rel][1] == after[rel][1]]
    changed = [rel for rel in after if rel not in before or before[rel][1] != after[rel][1]]
    assert same and changed
    assert all(after[rel][0] == old for rel in same)  # the same bytes: the time of the first build
    assert all(after[rel][0] != old for rel in changed)  # other bytes: a new time
    assert any(rel.startswith("articles/") for rel in changed)
