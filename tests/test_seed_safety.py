"""Seeds from a pull request are read safely: only regular files inside seeds/, never a hang, never
a traceback, messages that quote what the author wrote and cannot forge a line of output, and
the same text whatever Unicode form it was saved in."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES, ROOT, SEED, make_project
from generator.errors import Problem, SeedError, printable
from generator.seed import MAX_FILE_BYTES, MAX_YAML_NODES, read_seed

BODY = "The harbour master said 12 boats were damaged in Cork on Sunday.\n"
LINE = re.compile(r"^(?P<file>[^\n]*?):(?P<line>\d+):(?P<column>\d+): ")
# what must never reach a terminal or a CI log from a seed: C0/C1 controls, DEL, bidi controls
FORGING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def generator(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real CLI in a child process; a hang fails the test instead of stalling the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


def seed(folder: Path, name: str, front: str = "title: Boats damaged\n", body: str = BODY) -> Path:
    path = folder / name
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(SeedError) as info:
        read_seed(path)
    return [str(p) for p in info.value.problems]


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr.replace("YAML error:", ""), result.stderr


# --- 1. a seed is a regular file inside seeds/ ----------------------------------------------------

@pytest.fixture
def hostile_folder(tmp_path):
    """seeds/ with one good seed and every kind of entry that is not a regular file inside it."""
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("---\ntitle: leaked\n---\nCREDENTIAL-7f3a9c the vault key\n", encoding="utf-8")
    project = make_project(tmp_path / "p")
    seeds = project / "seeds"
    (seeds / "link-out.txt").symlink_to(secret)
    (seeds / "link-zero.txt").symlink_to("/dev/zero")
    (seeds / "link-nothing.txt").symlink_to(tmp_path / "no-such-file.txt")
    (seeds / "link-folder.md").symlink_to(secret.parent, target_is_directory=True)
    (seeds / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "folder.txt").mkdir()
    return project


REFUSED = {"link-out.txt": "symbolic link", "link-zero.txt": "symbolic link", "link-nothing.txt": "symbolic link",
           "link-folder.md": "symbolic link", "pipe.txt": "named pipe", "folder.txt": "a folder"}


def test_check_refuses_every_entry_that_is_not_a_regular_file(hostile_folder):
    result = generator(["check"], cwd=hostile_folder)
    assert result.returncode == 1
    no_traceback(result)
    for name, kind in REFUSED.items():
        line = next((ln for ln in result.stderr.splitlines() if ln.startswith(f"seeds/{name}:1:1: ")), None)
        assert line is not None and kind in line and " — " in line, (name, result.stderr)
    assert "CREDENTIAL" not in result.stdout + result.stderr


def test_build_publishes_nothing_a_link_points_to(hostile_folder):
    for entry in ("link-zero.txt", "link-nothing.txt", "link-folder.md", "pipe.txt", "folder.txt"):
        path = hostile_folder / "seeds" / entry
        path.rmdir() if entry == "folder.txt" else path.unlink()
    before = sorted(p.relative_to(hostile_folder) for p in (hostile_folder / "docs").rglob("*"))
    result = generator(["build"], cwd=hostile_folder)
    assert result.returncode == 1 and "seeds/link-out.txt:1:1: is a symbolic link" in result.stderr
    assert sorted(p.relative_to(hostile_folder) for p in (hostile_folder / "docs").rglob("*")) == before
    for folder, _dirs, files in os.walk(hostile_folder):  # every file the build could have written
        for name in files:
            path = Path(folder, name)
            assert path.is_symlink() or b"CREDENTIAL" not in path.read_bytes(), path


def test_files_named_on_the_command_line_are_checked_the_same_way(hostile_folder):
    named = ["seeds/pipe.txt", "seeds/link-zero.txt", "seeds/linked-dir/secret.txt", "seeds/folder.txt",
             str(hostile_folder / "seeds" / SEED.name)]
    result = generator(["check", *named], cwd=hostile_folder)
    assert result.returncode == 1
    no_traceback(result)
    assert "seeds/pipe.txt:1:1: is a named pipe (FIFO), not a regular file" in result.stderr
    assert "seeds/linked-dir/secret.txt:1:1: lies outside the seeds folder" in result.stderr
    assert "seeds/link-zero.txt:1:1: is a symbolic link" in result.stderr
    assert "CREDENTIAL" not in result.stdout + result.stderr
    assert "4 problems found" in result.stderr  # the good seed is not one of them


def test_a_seeds_folder_that_is_a_link_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    seed(real, "a.txt")
    project = tmp_path / "p"
    project.mkdir()
    (project / "seeds").symlink_to(real, target_is_directory=True)
    result = generator(["check"], cwd=project)
    assert result.returncode == 1 and "seeds folder is a symbolic link" in result.stderr
    no_traceback(result)


def test_extract_skips_what_it_cannot_read_and_prints_every_other_file(hostile_folder, tmp_path):
    seeds = hostile_folder / "seeds"
    linked = tmp_path / "gold-link.txt"
    linked.symlink_to(seeds / SEED.name)  # extract runs on paths the operator names: links to files are read
    names = ["pipe.txt", "link-zero.txt", "folder.txt", "link-nothing.txt", SEED.name]
    result = generator(["extract", "--json", *[f"seeds/{n}" for n in names], str(linked)], cwd=hostile_folder)
    no_traceback(result)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source_file"] for d in lines] == [f"seeds/{SEED.name}", str(linked)]
    assert lines[0]["actors"] == lines[1]["actors"] and lines[0]["actors"]
    assert "seeds/pipe.txt:1:1: is a named pipe" in result.stderr
    assert "seeds/link-zero.txt:1:1: is a device" in result.stderr
    assert "seeds/folder.txt:1:1: is a folder" in result.stderr
    assert "seeds/link-nothing.txt:1:1: is a symbolic link to nothing" in result.stderr
    assert result.returncode == 1 and "4 files could not be read; the others were extracted" in result.stderr


def test_size_is_known_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # sparse: 40 GB that would take minutes to read and no memory could hold
        f.truncate(40_000_000_000)
    assert problems(huge) == [f"{huge}:1:1: file is 40,000,000,000 bytes, over the limit of {MAX_FILE_BYTES:,} "
                              "— split the article or trim it"]


def test_a_seed_of_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "full.txt"
    text = "---\ntitle: Full\n---\n"
    path.write_text(text + "x" * (MAX_FILE_BYTES - len(text) - 1) + "\n", encoding="utf-8")
    assert len(read_seed(path).body) == MAX_FILE_BYTES - len(text)


# --- 3a. impossible dates and deep nesting are errors, and the other seeds are still reported ----

@pytest.mark.parametrize("date, reason", [("2025-02-30", "day is out of range for month"),
                                          ("2023-02-29", "day is out of range for month"),
                                          ("2025-04-31", "day is out of range for month"),
                                          ("2025-13-01", "month must be in 1..12"),
                                          ("2025-00-10", "month must be in 1..12")])
def test_impossible_dates_name_the_line_and_the_reason(tmp_path, date, reason):
    path = seed(tmp_path, "d.txt", f"title: Boats\ndate: {date}\n")
    assert problems(path) == [f"{path}:3:1: date: '{date}' is not a date ({reason}) "
                              "— use YYYY-MM-DD, e.g. 2025-03-05"]


def test_real_dates_in_iso_form_are_read(tmp_path):
    path = seed(tmp_path, "d.txt", "title: Boats\ndate: 2024-02-29\n")
    assert read_seed(path).front_matter["date"] == "2024-02-29"  # text: the schema reads it


NESTED = {
    "brackets.txt": "tags: " + "[" * 2000 + "\n",
    "braces.txt": "actors: " + "{name: " * 1500 + "\n",
    "indented.txt": "".join(" " * i + f"k{i}:\n" for i in range(200)),
    "dashes.txt": "tags:\n  " + "- " * 1000 + "x\n",
    "mixed.txt": "figures: " + "[{a: " * 700 + "\n",
}


def test_deep_nesting_of_every_kind_is_one_error_and_others_are_still_reported(tmp_path):
    paths = [seed(tmp_path, name, "title: Deep\n" + front) for name, front in NESTED.items()]
    paths.append(seed(tmp_path, "feb.txt", "title: Feb\ndate: 2025-02-30\n"))
    paths.append(seed(tmp_path, "typo.txt", "titel: Typo\n"))
    result = generator(["check", *map(str, paths)], cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stderr.splitlines()
    for path in paths[:len(NESTED)]:
        mine = [ln for ln in lines if ln.startswith(f"{path}:")]
        assert len(mine) == 1 and "nested more than 8 levels deep" in mine[0], (path, mine)
        assert int(LINE.match(mine[0])["line"]) >= 3
    assert any(ln.startswith(f"{paths[-2]}:3:1: date: '2025-02-30' is not a date") for ln in lines)
    assert any(ln.startswith(f"{paths[-1]}:2:1: titel: unknown key") for ln in lines)
    assert lines[-1] == f"{len(paths)} problems found; nothing was written."


def test_an_alias_counts_at_the_depth_where_it_is_used(tmp_path):
    deep = "a: &deep [[[[[x]]]]]\n"  # 7 levels where it is defined
    path = seed(tmp_path, "alias.txt", deep + "tags: [[*deep]]\n")
    assert any("nested more than 8 levels deep" in p for p in problems(path))


def test_many_values_without_anchors_are_not_blamed_on_anchors(tmp_path):
    path = seed(tmp_path, "tags.txt", "tags: [" + ", ".join(["t"] * 10_000) + "]\n")
    (message,) = problems(path)
    assert f"more than {MAX_YAML_NODES:,} values" in message and "anchor" not in message and "alias" not in message
    bomb = seed(tmp_path, "bomb.txt", "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                + "".join(f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, n in zip("abcd", "bcde")))
    (message,) = problems(bomb)
    assert "anchors and aliases" in message


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    path = seed(tmp_path, "loop.txt", "tags: &t [a, *t]\n")
    (message,) = problems(path)
    assert f"{path}:2:" in message and "alias '*t' is inside its own anchor" in message


# --- 9. front-matter reading ------------------------------------------------------------------

def test_duplicate_keys_name_both_lines(tmp_path):
    path = seed(tmp_path, "dup.txt", "title: Boats damaged\ndate: 2025-03-04\noutlet: Herald\n"
                                     "date: 2025-04-03\ntitle: Boats repaired\n"
                                     "actors:\n  - name: Cork council\n    role: owner\n    role: operator\n")
    assert problems(path) == [
        f"{path}:5:1: date: duplicate key, first at line 3 — keep one (YAML would silently use the last)",
        f"{path}:6:1: title: duplicate key, first at line 2 — keep one (YAML would silently use the last)",
        f"{path}:10:5: actors[0].role: duplicate key, first at line 9 — keep one (YAML would silently use the last)",
    ]


@pytest.mark.parametrize("value, shown, hint", [
    ("!!set {a, b}", "!!set", "write a list"), ("!!omap [a: 1]", "!!omap", "write a list"),
    ("!!binary aGVsbG8=", "!!binary", "remove the tag"), ("!!timestamp 2025-03-05", "!!timestamp", "remove the tag"),
    ("!!python/name:os.system", "!!python/name:os.system", "remove the tag"), ("!local x", "!local", "remove the tag"),
])
def test_tags_other_than_plain_data_are_refused(tmp_path, value, shown, hint):
    path = seed(tmp_path, "tag.txt", f"title: Boats\ntags: {value}\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:3:7: tags: YAML tag '{shown}' is not allowed — ") and hint in message


def test_values_read_as_the_author_wrote_them(tmp_path):
    path = seed(tmp_path, "plain.txt", "title: 2025-03-05\ntags: [yes, no, on, off, NO, 10:30, 1_000]\n"
                                       "outlet: !!str 1e3\n")
    fm = read_seed(path).front_matter
    assert fm == {"title": "2025-03-05", "tags": ["yes", "no", "on", "off", "NO", "10:30", "1_000"], "outlet": "1e3"}


@pytest.mark.parametrize("front, expected", [
    ("draft: NO\n", ":2:1: draft: 'NO' has the wrong type (expected true or false) — write true or false"),
    ("draft: 'yes'\n", ":2:1: draft: 'yes' has the wrong type (expected true or false)"),
    ("outlet: 017\n", ":2:1: outlet: '017' has the wrong type (expected text) — put the value in quotes"),
    ("figures:\n  - text: at half past ten\n    value: 10:30\n",
     ":4:5: figures[0].value: '10:30' is not a number — write a number such as 12.5"),
    ("locations:\n  - name: Cork\n    lat: \"51.9\"\n",
     ":4:5: locations[0].lat: \"51.9\" has the wrong type (expected a number) — write the number without quotes"),
])
def test_type_errors_quote_the_source_text(tmp_path, front, expected):
    path = seed(tmp_path, "t.txt", front)
    assert any(p.startswith(f"{path}{expected}") for p in problems(path)), problems(path)


@pytest.mark.parametrize("number", [".nan", ".NaN", ".inf", "-.inf", "+.INF", "1e999", "-1e400"])
@pytest.mark.parametrize("field", ["value", "lat", "lon"])
def test_non_finite_numbers_are_refused_in_every_number_field(tmp_path, number, field):
    section = "figures:\n  - text: 12 boats\n" if field == "value" else "locations:\n  - name: Cork\n"
    path = seed(tmp_path, "n.txt", f"{section}    {field}: {number}\n")
    (message,) = problems(path)
    assert f":4:5: {section.split(':')[0]}[0].{field}: '{number}' is not a finite number — " in message


def test_better_messages_with_the_right_fix(tmp_path):
    path = seed(tmp_path, "m.txt", "title: ''\nslug: '   '\nlocations:\n  - name: Cork\n    country_code: ie\n"
                                   "    lat: 100\n    lon: -200\n  - name: ' '\n    country_code: Ireland\n")
    assert problems(path) == [
        f"{path}:2:1: title: is empty — write the headline, or delete the line to take the title from the lede",
        f"{path}:3:1: slug: is empty — write a slug such as 'talks-resume', "
        "or delete the line to make one from the title",
        f"{path}:6:5: locations[0].country_code: 'ie' is not in capital letters — write 'IE'",
        f"{path}:7:5: locations[0].lat: '100' is out of range: latitude runs from -90 (South Pole) to 90 (North Pole) "
        "degrees — check the sign, and that lat and lon are not swapped",
        f"{path}:8:5: locations[0].lon: '-200' is out of range: longitude runs from -180 to 180 degrees "
        "(west of Greenwich is negative) — check the sign, and that lat and lon are not swapped",
        f"{path}:9:5: locations[1].name: is empty — write the name as the article spells it",
        f"{path}:10:5: locations[1].country_code: 'Ireland' is not a two-letter country code "
        "— write 'IE' (ISO 3166-1)",
    ]


# --- 8. diagnostics cannot forge lines --------------------------------------------------------

def test_keys_values_and_file_names_cannot_forge_output_lines(tmp_path):
    forged = "::error file=seeds/x.txt,line=1::approved"
    bad = seed(tmp_path, "keys.txt", f'"k\\n{forged}": 1\n"\\e[2J\\e[31mred": 2\n"\\u202eevil": 3\n'
                                     f'draft: "x\\r{forged}\\x85\\x9b"\n')
    named = tmp_path / f"name\n{forged.replace('/', '-')}\x1b]0;title\x07.txt"
    named.write_text("---\ntitle: x\n---\n" + BODY, encoding="utf-8")
    result = generator(["check", str(bad), str(named)], cwd=tmp_path)
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert not FORGING.search(result.stderr.replace("\n", ""))
    assert all(ln.startswith((str(bad) + ":", str(tmp_path / "name\\n"))) for ln in lines[:-1]), lines
    assert not any(ln.startswith("::") for ln in lines)
    assert len(lines) == 6 and lines[-1] == "5 problems found; nothing was written."
    assert "k\\n::error" in result.stderr and "\\x1b[2J" in result.stderr and "\\u202eevil" in result.stderr
    assert "file name holds control or invisible characters" in result.stderr


def test_printable_keeps_text_and_escapes_controls():
    assert printable("Café «São» — 東京 😀") == "Café «São» — 東京 😀"
    assert printable("a\nb\r\tc\x00\x1b[0m\x7f\x85\u202e\u2066\u200b\ud800") == \
        "a\\nb\\r\\tc\\x00\\x1b[0m\\x7f\\x85\\u202e\\u2066\\u200b\\ud800"
    assert str(Problem("f\n.txt", 1, 2, "k\x1b", "v\u2028", "h\x9b")) == "f\\n.txt:1:2: k\\x1b: v\\u2028 — h\\x9b"


# --- 10. Unicode is normalised at read --------------------------------------------------------

def test_decomposed_text_extracts_exactly_like_composed_text(tmp_path):
    text = ("---\ntitle: São Paulo opens two metro lines\nauthors: [Inês Álvarez]\n---\n"
            "SÃO PAULO — José Álvarez, the mayor of São Paulo, opened two metro lines on Monday.\n"
            "\"The city can breathe again,\" Álvarez told reporters in Pinheiros.\n")
    composed, decomposed = tmp_path / "nfc.txt", tmp_path / "nfd.txt"
    composed.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    decomposed.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert composed.read_bytes() != decomposed.read_bytes()
    a, b = read_seed(composed), read_seed(decomposed)
    assert (a.front_matter, a.body) == (b.front_matter, b.body)
    result = generator(["extract", "--json", "--no-cache", str(composed), str(decomposed)], cwd=tmp_path)
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first.pop("source_file") != second.pop("source_file")
    assert first == second
    assert any(loc["name"] == "São Paulo" for loc in first["locations"])
    assert any(actor["name"] == "José Álvarez" for actor in first["actors"])


# --- 11. extract never hides good files ---------------------------------------------------------

def test_cross_file_problems_are_warnings_in_extract_and_errors_in_check(tmp_path):
    # each its own text: the same text twice is a copy (a warning, tests/test_archive_intake.py)
    a = seed(tmp_path, "a.txt", "title: Boats damaged in Cork\n", BODY.replace("12", "13"))
    b = seed(tmp_path, "b.txt", "title: Boats damaged in Cork\n", BODY.replace("12", "14"))  # one title, two addresses
    c = seed(tmp_path, "c.txt", "slug: harbour\n", BODY.replace("12", "15"))
    d = seed(tmp_path, "d.txt", "slug: harbour\ntitle: Other\n", BODY.replace("12", "16"))
    e = seed(tmp_path, "e.txt", "slug: Boats damaged in Cork\n", BODY.replace("12", "17"))  # a title's address
    paths = [str(p) for p in (a, b, c, d, e)]
    result = generator(["extract", "--json", *paths], cwd=tmp_path)
    assert result.returncode == 0
    no_traceback(result)
    assert [json.loads(line)["source_file"] for line in result.stdout.splitlines()] == paths
    warnings = [ln for ln in result.stderr.splitlines() if ": warning: slug: " in ln]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{d}:2:1: warning: slug: slug 'harbour' is also used by {c}")
    assert warnings[1].startswith(f"{e}:2:1: warning: slug: slug 'boats-damaged-in-cork' is also the address "
                                  f"its title gives {a}")
    result = generator(["check", *paths], cwd=tmp_path)
    assert result.returncode == 1 and "2 problems found" in result.stderr
    assert f"{d}:2:1: slug: slug 'harbour' is also used by {c}" in result.stderr


# --- property: hostile seeds raise only SeedError, each problem one clean line ------------------

KEYS = ["title", "date", "tags", "actors", "locations", "figures", "draft", "slug", "k\n::error::x", "\x1b[31m",
        '"k\\n::error::x"', '"\\e[31m\\x9b"', "\u202e", "a\x85b", "title", "date", "<<", "? [a]", "- x", "",
        "&a k", "*a"]
VALUES = ["[" * 30, "{a: " * 20, "&a [x, x, x, x, x]", "*a", "[*a, *a, *a, *a, *a]", "&b {c: *a, d: *a}",
          "!!set {a, b}", "!!python/object/apply:os.system ['true']", "!!binary aGk=", "!x y", "!!str 10:30",
          "9" * 5000, "-" + "9" * 120, "1e999", ".nan", "-.inf", "0x" + "f" * 200, "0o777", "2025-02-30",
          "0000-00-00", "2024-02-29T25:61:00", "10:30", "NO", "~", "''", '"\\x1b[2J\\u202e\\0\\x85\\ud800"',
          "\x1b]8;;x\x07", '"\\e]8;;x\\a\\N\\L"', "\u2028\u2029", "\r", "\t", '"unclosed', "'", "[a, b", "{", "}",
          ": :", "- - -",
          "|\n  block\n  text", ">-\n  folded", "[- x]", "!!int abc", "!!float x", "%YAML 1.1"]
# YAML refuses raw control characters in the whole block: most random text leaves them out, so
# that most examples get past the reader to the limits, tags, keys and the schema
printable_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
fragment = st.one_of(st.sampled_from(VALUES), st.sampled_from(VALUES), printable_text, st.text(max_size=10))
line = st.builds(lambda k, v, indent: " " * indent + f"{k}: {v}",
                 st.one_of(st.sampled_from(KEYS), st.sampled_from(KEYS), printable_text),
                 fragment, st.sampled_from([0, 0, 0, 2, 4]))
front_matter = st.lists(st.one_of(line, fragment), max_size=8).map("\n".join)
hostile_seed = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda fm, body: ("---\n" + fm + "\n---\n" + body).encode("utf-8", "surrogatepass"),
              front_matter, st.sampled_from(["", BODY, BODY, BODY, "\x00", "\u0301\u0301 \ufeff", "\ud800 text"])),
    st.builds(lambda lines, body: ("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8"),
              st.lists(line, min_size=1, max_size=6), st.sampled_from([BODY, "A\u0301lvarez said so.\n"])),
)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(hostile_seed)
def test_hostile_seeds_raise_only_seed_errors_of_clean_lines(tmp_path, raw):
    path = tmp_path / "hostile.txt"
    path.write_bytes(raw)
    try:
        parsed = read_seed(path)
    except SeedError as exc:
        assert exc.problems
        for problem in exc.problems:
            shown = str(problem)
            assert shown.startswith(f"{path}:{problem.line}:{problem.column}: ") and problem.line >= 1
            assert "\n" not in shown and not FORGING.search(shown), shown
        assert str(exc).count("\n") == len(exc.problems) - 1
    else:
        assert parsed.body.strip() and unicodedata.is_normalized("NFC", parsed.body)


# --- 12. red-team follow-up: near-fences, invisible text, YAML that names the wrong cause ---------

NOT_A_FENCE = {  # what a contributor types when meaning '---'; each would make the block body text
    "five-dashes.txt": "-----\ntitle: Boats\n---\n",
    "trailing-note.txt": "---   # the metadata\ntitle: Boats\n---\n",
    "markdown-rule.txt": "***\ntitle: Boats\n***\n",
    "hugo-toml.txt": "+++\ntitle = \"Boats\"\n+++\n",
    "zero-width-first.txt": "\u200b---\ntitle: Boats\n---\n",
    "extra-bom.txt": "\ufeff\ufeff---\ntitle: Boats\n---\n",
}


@pytest.mark.parametrize("name", sorted(NOT_A_FENCE))
def test_a_first_line_meant_as_a_fence_is_an_error_not_body_text(tmp_path, name):
    path = tmp_path / name
    path.write_text(NOT_A_FENCE[name] + BODY, encoding="utf-8")
    (message,) = problems(path)
    assert message.startswith(f"{path}:1:1: ") and "the front-matter must start with a line holding exactly '---'" \
        in message, message


def test_blank_lines_above_the_front_matter_are_an_error_naming_its_line(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n---\ntitle: Boats\n---\n" + BODY, encoding="utf-8")
    (message,) = problems(path)
    assert message.startswith(f"{path}:3:1: the front-matter starts on line 3, after 2 blank lines — ")
    assert "delete the blank lines above it" in message


def test_blank_lines_then_a_rule_then_prose_is_body(tmp_path):
    path = tmp_path / "rule-after-blank.txt"
    path.write_text("\n---\n" + BODY, encoding="utf-8")
    assert read_seed(path).body.strip().startswith("---\nThe harbour master")


def test_a_closing_fence_typed_wrong_is_named(tmp_path):
    path = tmp_path / "close.txt"
    path.write_text("---\ntitle: Boats\n---- \n" + BODY, encoding="utf-8")
    (message,) = problems(path)
    assert message.startswith(f"{path}:3:1: '----' is not a front-matter fence — the front-matter must end with")


@pytest.mark.parametrize("first_line", ["--- Updated at 10:00 GMT: three more boats found ---",
                                        "*** Breaking: the harbour is closed", "---The harbour master said so."])
def test_an_article_starting_with_a_rule_like_line_of_text_is_body(tmp_path, first_line):
    path = tmp_path / "rule.txt"
    path.write_text(first_line + "\n" + BODY, encoding="utf-8")
    parsed = read_seed(path)
    assert parsed.front_matter == {} and parsed.body.startswith(first_line)


def test_an_empty_front_matter_lets_the_body_start_with_a_bare_rule(tmp_path):
    path = tmp_path / "rule.txt"
    path.write_text("---\n---\n***\n" + BODY, encoding="utf-8")
    assert read_seed(path).body == "***\n" + BODY


INVISIBLE = ["\u200b", "\u00ad", "\u3164", "\u2800", "\u115f", "\u034f", "\ufe0f", "\U000e0020", "\u2060\u200d",
             "\u3000\u200c", "\u0301", "\u202e", "\u180e"]


@pytest.mark.parametrize("text", INVISIBLE, ids=[f"U+{ord(t[0]):04X}" for t in INVISIBLE])
def test_text_of_invisible_characters_only_names_nothing(tmp_path, text):
    escaped = json.dumps(text)  # "\u200b": the file shows what the test means
    front = (f"title: {escaped}\noutlet: {escaped}\nslug: {escaped}\nauthors: [{escaped}]\ntags: [Cork, {escaped}]\n"
             f"actors:\n  - name: {escaped}\n    type: person\nsources:\n  - name: Cork\n    rename: {escaped}\n")
    path = seed(tmp_path, "invisible.txt", front)
    found = problems(path)
    keys = ["title", "outlet", "slug", "authors[0]", "tags[1]", "actors[0].name", "sources[0].rename"]
    for key in keys:
        mine = [p for p in found if f": {key}: " in p]
        assert len(mine) == 1 and "holds no visible character (only U+" in mine[0], (key, found)
    assert len(found) == len(keys)


def test_a_body_of_invisible_characters_only_is_empty(tmp_path):
    path = seed(tmp_path, "blank-body.txt", body="\u200b\u3164\n\u2800 \u00ad\n\t\u3000\n")
    assert problems(path) == [f"{path}:4:1: the article body is empty — put the article text after the "
                              "front-matter, one paragraph per line"]


def test_visible_text_with_invisible_characters_in_it_is_kept(tmp_path):
    path = seed(tmp_path, "mixed.txt", 'title: "Cork\\u00adharbour \\u2800 reopens"\ntags: ["C++", "5G", "Ω"]\n')
    assert read_seed(path).front_matter["tags"] == ["C++", "5G", "Ω"]


def test_tags_without_a_letter_or_digit_would_share_a_page_and_are_refused(tmp_path):
    path = seed(tmp_path, "punct.txt", 'tags: [Cork, "...", "-", "_", "•", "🙂"]\n')
    found = problems(path)
    assert len(found) == 5 and all("has no letter or digit" in p for p in found), found
    assert found[0].startswith(f"{path}:2:14: tags[1]: \"...\" has no letter or digit — a tag names a page")


@pytest.mark.parametrize("key, limit", [("tags", 50), ("authors", 50)])
def test_tags_and_authors_are_limited_per_seed(tmp_path, key, limit):
    ok = seed(tmp_path, "ok.txt", f"{key}: [" + ", ".join(f"w{i}" for i in range(limit)) + "]\n")
    assert len(read_seed(ok).front_matter[key]) == limit
    over = seed(tmp_path, "over.txt", f"{key}: [" + ", ".join(f"w{i}" for i in range(limit * 3)) + "]\n")
    assert problems(over) == [f"{over}:2:1: {key}: lists {limit * 3} {key}, more than {limit} — keep the {limit} "
                              "that matter most" + ("; each tag makes a page" if key == "tags" else "")]


def test_a_repeated_key_is_reported_with_the_value_yaml_keeps(tmp_path):
    path = seed(tmp_path, "dup.txt", "draft: false\ntitle: Boats\ndraft: perhaps\nlocations:\n  - name: Cork\n"
                                     "    lat: 51.9\n    lat: north\n")
    assert problems(path) == [
        f"{path}:4:1: draft: duplicate key, first at line 2 — keep one (YAML would silently use the last)",
        f"{path}:4:1: draft: 'perhaps' has the wrong type (expected true or false) — write true or false",
        f"{path}:8:5: locations[0].lat: duplicate key, first at line 7 — keep one (YAML would silently use the last)",
        f"{path}:8:5: locations[0].lat: 'north' is not a number — write a number such as 12.5 (no units, "
        "times or commas)",
    ]


def test_surrogate_escapes_pair_into_one_character_or_are_refused(tmp_path):
    paired = seed(tmp_path, "pair.txt", 'title: "Smile \\ud83d\\ude00"\ntags: ["\\uD83C\\uDF0A waves"]\n')
    assert read_seed(paired).front_matter == {"title": "Smile 😀", "tags": ["🌊 waves"]}
    lone = seed(tmp_path, "lone.txt", 'title: "A\\ud800B"\noutlet: "\\udc00"\ntags: [x, "y\\udbff"]\n'
                                      '"k\\ud801": 1\nactors:\n  - name: "Cork \\ude00"\n    type: person\n')
    found = problems(lone)
    for where, key in [(":2:8: ", "title"), (":3:9: ", "outlet"), (":4:11: ", "tags[1]"), (":5:1: ", "k\\ud801"),
                       (":7:11: ", "actors[0].name")]:
        mine = [p for p in found if p.startswith(f"{lone}{where}{key}: ")]
        assert len(mine) == 1 and "half of a UTF-16 surrogate pair" in mine[0] and \
            "write the character itself" in mine[0], (key, found)
    assert not any("unicode string" in p or "Input should" in p for p in found), found


def test_escaped_accents_are_normalised_like_the_file(tmp_path):
    path = seed(tmp_path, "nfd.txt", 'title: "Cafe\\u0301 owners"\nauthors: ["Ine\\u0301s"]\n')
    assert read_seed(path).front_matter == {"title": "Café owners", "authors": ["Inês".replace("ê", "é")]}


@pytest.mark.parametrize("front, where, words", [
    ("%YAML 1.1\n", ":2:1: ", "YAML directives ('%YAML') are not supported"),
    ("title: Boats\n%TAG !x! tag:example.com,2025:\n", ":3:1: ", "YAML directives ('%TAG') are not supported"),
    ("title: Boats\n" + "k" * 1030 + ": 1\n", ":3:", "a key is 1,030 characters long — keys are limited to 1,024"),
    ("actors:\n  - {name: Cork, " + "r" * 2000 + ": x}\n", ":3:", "a key is 2,000 characters long"),
    ('"' + "k" * 1100 + '": 1\n', ":2:", "a key is 1,102 characters long"),
    ("title: Boats\x85damaged\n", ":2:13: ", "an invisible line separator (U+0085) — delete it"),
    ("tags: [a,\u2028b]\noutlet: x\u2029\n", ":2:10: ", "an invisible line separator (U+2028)"),
])
def test_yaml_problems_name_their_real_cause_where_the_editor_shows_it(tmp_path, front, where, words):
    path = seed(tmp_path, "y.txt", front)
    found = problems(path)
    assert any(p.startswith(f"{path}{where}") and words in p for p in found), found
    assert not any("YAML syntax error" in p for p in found), found


def test_a_separator_is_reported_on_every_line_that_holds_one(tmp_path):
    path = seed(tmp_path, "seps.txt", "title: a\u2028b\nsummary: c\u2029d\n")
    assert [p.split(": ")[0] for p in problems(path)] == [f"{path}:2:9", f"{path}:3:11"]


def test_an_alias_used_many_times_is_one_problem_at_the_alias_with_the_right_fix(tmp_path):
    tags = "tags: [Cork, " + ", ".join(["*people"] * 40) + "]\n"
    path = seed(tmp_path, "alias.txt", "authors: &people [Ann, Bo]\n" + tags)
    (message,) = problems(path)
    assert message.startswith(f"{path}:3:14: tags[1]: '*people' has the wrong type (expected text) "
                              "(and 39 more like it on this line) — '*people' repeats the value anchored at line 2 ")
    assert "write the value itself here instead of the alias" in message and "quote it" not in message


def test_one_mistake_inside_an_anchored_mapping_is_reported_once(tmp_path):
    path = seed(tmp_path, "anchor.txt", "actors:\n  - &council {name: Cork council, rol: owner}\n"
                                        "  - *council\n  - *council\n")
    assert problems(path) == [f"{path}:3:35: actors[0].rol: unknown key (and 2 more like it on this line) "
                              "— did you mean 'role'?"]


@pytest.mark.parametrize("date", ["2025-W01-1", "2025-W10", "20250101", "20250101T1200", "2025-001",
                                  "2025-03-05T10:00", "2025-03-05 10:00:00", "2025-3-5", "+2025-03-05"])
def test_only_calendar_dates_written_yyyy_mm_dd_are_read(tmp_path, date):
    path = seed(tmp_path, "d.txt", f"title: Boats\ndate: {date}\n")
    assert problems(path) == [f"{path}:3:1: date: '{date}' is not a date — use YYYY-MM-DD, e.g. 2025-03-05"]


def test_files_check_would_skip_are_named_in_a_warning(tmp_path):
    project = make_project(tmp_path / "p")
    seeds = project / "seeds"
    (seeds / "2025").mkdir()
    (seeds / "2025" / "march").mkdir()
    for stray in ["2025/boats.txt", "2025/march/cork.md", "LOUD.TXT", "Mixed.Md", ".hidden.txt", ".draft.md"]:
        seed(seeds, stray)
    (seeds / "README.md").write_text("How to add an article.\n", encoding="utf-8")
    (seeds / ".gitkeep").write_text("", encoding="utf-8")
    (seeds / "2025" / "notes.docx").write_bytes(b"PK")
    result = generator(["check"], cwd=project)
    assert result.returncode == 0, result.stderr
    warned = sorted(ln.split(":1:1: ")[0] for ln in result.stderr.splitlines() if ": warning: not read: " in ln)
    assert warned == ["seeds/.draft.md", "seeds/.hidden.txt", "seeds/2025/boats.txt", "seeds/2025/march/cork.md",
                      "seeds/LOUD.TXT", "seeds/Mixed.Md"], result.stderr
    assert all(ln.endswith("seeds must be *.txt or *.md files directly in seeds/ — move or rename it")
               for ln in result.stderr.splitlines() if "not read" in ln)
    assert "README" not in result.stderr and "gitkeep" not in result.stderr and "docx" not in result.stderr
    assert "1 seed OK" in result.stdout


TITLES = ['The "Big" $5m deal `id`', "it's $(shell touch pwned) $$HOME; rm -rf x",
          "Ünïcode — “quotes” \\n ${PATH}"]


@pytest.mark.parametrize("title", TITLES)
def test_make_new_keeps_the_title_exactly_and_runs_nothing_in_it(tmp_path, title):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    # the installed venv, no install step: only the recipe of 'new' is under test
    result = subprocess.run(["make", "-s", "-C", str(tmp_path), "new", f"TITLE={title}", f"VENV={ROOT / '.venv'}",
                             "RUNTIME_STAMP="], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    (created,) = (tmp_path / "seeds").glob("*.txt")
    assert read_seed(created, folder=tmp_path / "seeds").front_matter["title"] == title
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "id").exists()


def test_new_refuses_a_title_check_would_refuse_and_writes_nothing(tmp_path):
    for title in ["\u200b\u3164", "", "x" * 301]:
        result = generator(["new", title, "--seeds", str(tmp_path / "seeds")], cwd=tmp_path)
        assert result.returncode == 1 and result.stderr.startswith("error: title: "), result.stderr
        no_traceback(result)
    assert not (tmp_path / "seeds").exists()
