"""Bad seeds get one clear line per problem — file:line:column: key: what — fix — and nothing is written."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEED, make_project, run_generator

BODY = "The minister said on Tuesday that 40 people had been hurt.\n"

BROKEN = {
    "yaml_syntax.txt": ("---\ntitle: Talks: resume\ndate: 2025-03-05\n---\n" + BODY, 2, None, "YAML syntax error"),
    "unknown_key.txt": ("---\ntitel: Talks resume\n---\n" + BODY, 2, "titel", "did you mean 'title'?"),
    "wrong_type.txt": ("---\ntitle: Talks\ntags: peace\n---\n" + BODY, 3, "tags", "wrong type"),
    "bad_date.txt": ("---\ntitle: Talks\ndate: next tuesday\n---\n" + BODY, 3, "date", "is not a date"),
    "never_closed.txt": ("---\ntitle: Talks\ndate: 2025-03-05\n" + BODY, 1, None, "never closed"),
    "empty_body.txt": ("---\ntitle: Talks\n---\n\n\n", 4, None, "body is empty"),
    "bad_correction.txt": ("---\ntitle: Talks\nactors:\n  - name: Nobody Atall\n    role: mayor\n---\n" + BODY,
                           4, "actors[0]", "matches nothing"),
}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_kind_of_error_names_file_line_and_key(tmp_path, name):
    text, line, key, message = BROKEN[name]
    path = write(tmp_path, name, text)
    result = run_generator(["check", str(path)], cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:"), first
    if key:
        assert f": {key}: " in first, first
    assert message in first, first


def test_all_problems_are_reported_in_one_run(tmp_path):
    paths = [write(tmp_path, name, text) for name, (text, *_rest) in BROKEN.items()]
    paths.append(write(tmp_path, "not_utf8.txt", b"---\ntitle: x\n---\nCaf\xe9 society\n"))
    result = run_generator(["check", *map(str, paths)], cwd=tmp_path, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for path in paths:
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: ", result.stderr, re.M), path
    assert "byte offset 20" in result.stderr  # len(b"---\ntitle: x\n---\nCaf")


def test_several_problems_in_one_file(tmp_path):
    path = write(tmp_path, "many.txt", "---\ntitel: x\nauthor: [a]\ndate: soon\n---\n" + BODY)
    result = run_generator(["check", str(path)], cwd=tmp_path, check=False)
    lines = result.stderr.splitlines()
    assert any(":2:1: titel: unknown key" in ln for ln in lines)
    assert any(":3:1: author: unknown key — did you mean 'authors'?" in ln for ln in lines)
    assert any(":4:" in ln and "date:" in ln for ln in lines)


def test_broken_seed_stops_the_build_and_changes_nothing(tmp_path):
    project = make_project(tmp_path / "p")
    run_generator(["build", "--site"], cwd=project)
    before = {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) + sorted((project / "site").rglob("*"))
              if p.is_file()}
    write(project / "seeds", "broken.txt", "---\ntitle: [unclosed\n---\n" + BODY)
    result = run_generator(["build", "--site"], cwd=project, check=False)
    assert result.returncode == 1
    assert "broken.txt:2:" in result.stderr and "nothing was written" in result.stderr
    after = {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) + sorted((project / "site").rglob("*"))
             if p.is_file()}
    assert after == before


def test_duplicate_slugs_name_both_files(tmp_path):
    a = write(tmp_path, "a.txt", "---\nslug: same\n---\n" + BODY)
    # another text (the same text twice is one article filed twice: a warning, tests/test_archive_intake.py)
    b = write(tmp_path, "b.txt", "---\nslug: Same\n---\n" + BODY.replace("40", "41"))
    result = run_generator(["check", str(a), str(b)], cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert str(a) in result.stderr and str(b) in result.stderr and "slug" in result.stderr


def test_valid_seed_passes(tmp_path):
    result = run_generator(["check", str(SEED)], cwd=tmp_path)
    assert "1 seed OK" in result.stdout


def test_extract_still_reads_the_body_of_a_seed_with_broken_front_matter(tmp_path):
    broken = write(tmp_path, "broken.txt", "---\ntitle: Talks: resume in Doha\n---\n" + BODY)
    result = run_generator(["extract", "--json", str(broken), str(SEED)], cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "40 people" in lines[0]
    assert f"{broken}:2:" in result.stderr and "front-matter ignored" in result.stderr


def test_new_scaffolds_a_seed_that_checks(tmp_path):
    result = run_generator(["new", "Storm hits: the coast", "--seeds", str(tmp_path / "seeds")], cwd=tmp_path)
    created = list((tmp_path / "seeds").glob("*-storm-hits-the-coast.txt"))
    assert len(created) == 1 and "created" in result.stdout
    assert "1 seed OK" in run_generator(["check", str(created[0])], cwd=tmp_path).stdout
    again = run_generator(["new", "Storm hits: the coast", "--seeds", str(tmp_path / "seeds")], cwd=tmp_path, check=False)
    assert again.returncode == 1 and "already exists" in again.stderr
