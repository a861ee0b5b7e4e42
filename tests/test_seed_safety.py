"""Seeds from a pull request are read safely: only regular files inside seeds/, never a hang, never
a traceback, messages that quote what the author wrote and cannot forge a line of output, and
the same text whatever Unicode form it was saved in."""
from __future__ import annotations

import json
import os
import re
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
