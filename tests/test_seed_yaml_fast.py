"""The front-matter is read by libyaml's C parser when PyYAML has it, by the pure-Python one otherwise
and whenever the C parser meets a problem. A reader must never see which one ran: the same seed gives
the same values, the same positions and the same messages either way."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES
from generator import seed as seed_io
from generator.errors import SeedError

REPO = Path(__file__).resolve().parent.parent


def outcome(path: Path, fast: bool = True):
    """What ``read_seed`` gives for the file: (front-matter, positions, body) or the problems as text."""
    saved = seed_io._FastSeedLoader
    if not fast:
        seed_io._FastSeedLoader = None
    try:
        seed = seed_io.read_seed(path)
        return ("ok", seed.front_matter, seed.positions, seed.body, seed.body_line)
    except SeedError as exc:
        return ("error", [str(p) for p in exc.problems])
    finally:
        seed_io._FastSeedLoader = saved


def marks(node):
    """Every node's tag, value and (line, column, index) of its start and end, depth first."""
    out = []
    for path, current in seed_io._walk(node):
        value = current.value if isinstance(current, yaml.ScalarNode) else None
        out.append((path, current.tag, value, current.start_mark.line, current.start_mark.column,
                    current.start_mark.index, current.end_mark.index))
    return out


def test_the_installed_yaml_has_the_c_parser():
    # the pinned PyYAML wheel is built with libyaml; without it every seed takes the slow path
    assert yaml.__with_libyaml__ and seed_io._FastSeedLoader is not None


def test_clean_front_matter_is_read_by_the_c_parser(tmp_path, monkeypatch):
    used = []
    real = seed_io.check_events

    def spy(front, name, first_line, loader=seed_io.SeedLoader):
        used.append(loader)
        return real(front, name, first_line, loader=loader)

    monkeypatch.setattr(seed_io, "check_events", spy)
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: Harbour dredging resumes\ndate: 2025-03-04\ntags: [ports, shipping]\n---\n"
                    "Dredgers returned to the harbour mouth on Monday.\n", encoding="utf-8")
    seed = seed_io.read_seed(path)
    assert seed.front_matter["tags"] == ["ports", "shipping"]
    assert used == [seed_io._FastSeedLoader]


def test_a_syntax_error_is_reported_where_the_pure_python_parser_puts_it(tmp_path):
    # an unclosed flow sequence: libyaml marks the line after it, PyYAML the line it opens on
    path = tmp_path / "b.txt"
    path.write_text("---\ntitle: Ferry timetable changes\ntags: [transport, ferries\ndate: 2025-01-02\n---\n"
                    "The winter timetable starts next week.\n", encoding="utf-8")
    assert outcome(path) == outcome(path, fast=False)
    assert outcome(path)[0] == "error"


def test_both_parsers_give_the_same_nodes_and_marks():
    front = ("title: \"Quay – naïve café 😀\"\nauthors:\n  - name: Ana Ruiz\n    role: reporter\n"
             "tags: &t [port, 'ferry']\nrelated: *t\nn: 10:30\nflag: NO\ncount: 0x1f\nratio: 1.5e3\nnone: ~\n"
             "note: >\n  folded\n  text\n")
    # composed directly: anchors and block scalars keep compose_yaml itself on the slow path
    fast = yaml.compose(front, Loader=seed_io._FastSeedLoader)
    slow = yaml.compose(front, Loader=seed_io.SeedLoader)
    assert marks(fast) == marks(slow)
    plain = "title: \"Quay – naïve café 😀\"\ntags: [port, 'ferry', \"dock\"]  # comment\nn: 10:30\n"
    assert marks(seed_io.compose_yaml(plain, "x.txt", 2)[0]) == marks(seed_io.compose_yaml(plain, "x.txt", 2, fast=False)[0])


def test_every_seed_and_gold_article_in_the_repository_reads_the_same(tmp_path):
    files = sorted(REPO.glob("seeds/*.txt")) + sorted(REPO.glob("tests/gold*/articles/*.txt"))
    assert len(files) > 50
    for path in files:
        assert outcome(path) == outcome(path, fast=False), path


# Fragments a front-matter is made of, broken or not: keys, indents, flow brackets, quotes, anchors,
# aliases, tags, comments, block scalars, documents markers, tabs and non-ASCII text.
FRAGMENTS = st.sampled_from([
    "title", "tags", "date", "authors", "name", "x", ": ", ":", "\n", "\n  ", "\n    ", "- ", "-", "[", "]", "{",
    "}", ", ", "'", '"', "&a ", "*a", "&b ", "*b", "!!str ", "!!set ", "!x ", "# c", "|", ">", "---", "...",
    "\t", "2025-01-02", "10:30", "NO", "true", "0x1f", "017", "1e3", "~", "é", "😀", "\\u00e9", "\\ud83d",
    "?", "%YAML 1.2", "a b", "  ", "@", "`", "\u00a0",
])


# what the C parser is given: front-matter without the characters that keep it on the slow path
FAST_FRAGMENTS = st.sampled_from([f for f in FRAGMENTS.elements if not seed_io._SLOW_YAML.search(f)])
FAST_TEXT = st.text(max_size=3).filter(lambda t: not seed_io._SLOW_YAML.search(t))


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.lists(st.one_of(FRAGMENTS, FRAGMENTS, st.text(max_size=3)), max_size=40).map("".join),
                 st.lists(st.one_of(FAST_FRAGMENTS, FAST_FRAGMENTS, FAST_TEXT), max_size=40).map("".join)))
def test_fast_and_pure_python_reading_never_differ(tmp_path, front):
    path = tmp_path / "fuzz.txt"
    path.write_text(f"---\n{front}\n---\nA body line.\n", encoding="utf-8", errors="surrogatepass")
    assert outcome(path) == outcome(path, fast=False)
