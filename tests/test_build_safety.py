"""A build that cannot be broken by its own cache, and builds that are atomic and take turns.

Real processes throughout: a build is SIGKILLed at an exact rename of its swap (``os.replace``
wrapped in the child process, so the point is deterministic, not timed), the lock is held by
this process while a real build waits for it, and two real builds run at once.
"""
from __future__ import annotations

import gzip
import json
import math
import os
import shutil
import signal
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FUZZ_EXAMPLES, ROOT, SEED, generated_tree, make_project, run_generator

GOLD = sorted((ROOT / "tests" / "gold" / "articles").glob("*.txt"))
GENERATED = ("index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.xml", "feed.json")


def generated(docs: Path) -> dict[str, bytes]:
    """Every generated file under ``docs`` (this test's own list of them), path → bytes."""
    return generated_tree(docs, GENERATED)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in [*(project / "docs").glob(".generated*"), *project.glob(".site*")])


def retitle(project: Path) -> None:
    """Change front-matter only: a different set of pages, and nothing to parse again."""
    seed = project / "seeds" / SEED.name
    seed.write_text("---\ntitle: A retitled digest page\ntags: [retitled]\n---\n" + seed.read_text(encoding="utf-8"),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> dict:
    """A built project (two seeds, site included) and the pages of the same project after ``retitle``."""
    project = make_project(tmp_path_factory.mktemp("template") / "p", seeds=[SEED, GOLD[0]])
    run_generator(["build", "--site"], cwd=project)
    before = generated(project / "docs")
    after_project = copy_project(project, tmp_path_factory.mktemp("after") / "p")
    retitle(after_project)
    run_generator(["build"], cwd=after_project)
    return {"project": project, "before": before, "after": generated(after_project / "docs")}


def copy_project(project: Path, to: Path) -> Path:
    shutil.copytree(project, to, symlinks=True)
    return to


# A build in a child process whose os.replace SIGKILLs the process at a chosen rename of a swap.
KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from generator import cli, output, site

    stage, kill_at = os.environ["KILL_IN"], int(os.environ["KILL_AT"])
    real_replace, calls, inside = os.replace, [0], [False]

    def replace(src, dst, **kwargs):
        if inside[0]:
            calls[0] += 1
            if stage == "site" and calls[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)  # before this rename
        real_replace(src, dst, **kwargs)
        if inside[0] and stage == "docs" and calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)  # after this rename

    def watched(function):
        def run(*args, **kwargs):
            inside[0] = True
            try:
                return function(*args, **kwargs)
            finally:
                inside[0] = False
        return run

    os.replace = replace
    output.swap_in = watched(output.swap_in)
    site.build_site = watched(site.build_site)
    sys.exit(cli.main(sys.argv[1:]))
""")


def killed_build(project: Path, stage: str, at: int, args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1", "KILL_IN": stage, "KILL_AT": str(at)}
    result = subprocess.run([sys.executable, "-c", KILLER, *args], cwd=project, capture_output=True, text=True,
                            env=env)
    assert result.returncode == -signal.SIGKILL, result.stderr
    return result


# Renames in the swap of docs/ with all ten generated paths present: the journal, ten moves out,
# ten moves in, the backup renamed to trash. 1: journal only; 11: all moved out, nothing in;
# 16: half in; 21: all in, backup not yet trash; 22: swap done, stamp not yet written.
@pytest.mark.parametrize("at", [1, 4, 11, 16, 21, 22])
def test_a_build_killed_inside_the_swap_never_leaves_docs_half_swapped(template, tmp_path, at):
    project = copy_project(template["project"], tmp_path / "p")
    run_generator(["build"], cwd=project)  # stamp for this folder
    retitle(project)
    killed_build(project, "docs", at, ["build"])
    assert leftovers(project), "killed inside the swap, with its folders still there"

    # The next build recovers first, even when it then fails on a bad seed: docs/ is one whole build.
    (project / "seeds" / "zz-bad.txt").write_text("---\ndate: next tuesday\n---\nText.\n", encoding="utf-8")
    failed = run_generator(["build"], cwd=project, check=False)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr, failed.stderr
    assert generated(project / "docs") == (template["after"] if at == 22 else template["before"])
    assert leftovers(project) == []

    (project / "seeds" / "zz-bad.txt").unlink()
    rebuilt = run_generator(["build"], cwd=project).stdout
    assert "nothing changed" not in rebuilt and "wrote pages for 2 articles" in rebuilt
    assert generated(project / "docs") == template["after"]
    assert "nothing changed" in run_generator(["build"], cwd=project).stdout  # now the stamp holds


def test_the_stamp_is_trusted_only_while_every_generated_file_is_there(template, tmp_path):
    project = copy_project(template["project"], tmp_path / "p")
    run_generator(["build"], cwd=project)
    page = sorted((project / "docs" / "actors").glob("*.md"))[0]
    page.unlink()
    assert "nothing changed" not in run_generator(["build"], cwd=project).stdout
    assert page.is_file()
    feed = project / "docs" / "feed.xml"
    feed.write_text(feed.read_text(encoding="utf-8")[:100], encoding="utf-8")  # cut short
    assert "nothing changed" not in run_generator(["build"], cwd=project).stdout
    assert generated(project / "docs") == template["before"]
    (project / ".cache" / "build-fingerprint").write_text("0123abc", encoding="utf-8")  # the old format
    assert "nothing changed" not in run_generator(["build"], cwd=project).stdout


def site_tree(site: Path) -> dict[str, object]:
    """Every file of a built site by relative path → bytes, except Pagefind's bundle, compared by
    content under the key ``"pagefind"`` (``pagefind_content``)."""
    tree: dict[str, object] = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                               if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}
    tree["pagefind"] = pagefind_content(site / "pagefind")
    return tree


# Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from run to run, so
# its filter files, their names, the .pf_meta file listing them and pagefind-entry.json's hash are
# not the same bytes twice over the same HTML (the word index and the page fragments are; upstream
# sorts the values after 1.5.2, commit 0b56369, not released; no option or thread count helps).
# So a site's index is compared by what it holds: the stable files byte for byte, the filters
# decoded and their values sorted, the meta file with each filter's hash replaced by its content.
PAGEFIND_SIGNATURE = b"pagefind_dcd"  # the start of every gzipped Pagefind data file


def _cbor(data: bytes, pos: int = 0) -> tuple[object, int]:
    """The CBOR item at ``pos`` → (value, position after it): integers, strings, arrays, maps (as
    lists of pairs), floats and simple values, all Pagefind writes. A reader for the tests only."""
    head, pos = data[pos], pos + 1
    major, info = head >> 5, head & 31
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        raw, pos = data[pos:pos + size], pos + size
        if major == 7 and size > 1:
            return struct.unpack({2: ">e", 4: ">f", 8: ">d"}[size], raw)[0], pos
        arg = int.from_bytes(raw, "big")
    else:
        raise ValueError(f"unsupported CBOR item {head:#x} at byte {pos - 1}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        raw = data[pos:pos + arg]
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major in (4, 5):
        items = []
        for _ in range(arg * (2 if major == 5 else 1)):
            item, pos = _cbor(data, pos)
            items.append(item)
        return (items if major == 4 else list(zip(items[::2], items[1::2]))), pos
    if major == 7:
        return {20: False, 21: True, 22: None}.get(arg, arg), pos
    raise ValueError(f"unsupported CBOR major type {major} at byte {pos - 1}")


def pagefind_data(path: Path) -> object:
    """A gzipped Pagefind data file (.pf_meta, .pf_filter, …) decoded whole."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(PAGEFIND_SIGNATURE), path
    value, end = _cbor(data, len(PAGEFIND_SIGNATURE))
    assert end == len(data), f"{path}: {len(data) - end} bytes after the index"
    return value


def pagefind_content(bundle: Path) -> dict[str, object]:
    """What a Pagefind bundle holds, the same for two runs over the same pages: every file by name
    → bytes, but the filter files (folded into the meta file), each language's meta file decoded
    with its filter list as sorted (filter, sorted values) pairs, and pagefind-entry.json without the
    meta file's hash. A changed page, word, filter value or page number still shows."""
    filters = {path.stem: pagefind_data(path) for path in sorted((bundle / "filter").glob("*.pf_filter"))}
    content: dict[str, object] = {}
    for path in sorted(bundle.rglob("*")):
        name = path.relative_to(bundle).as_posix()
        if not path.is_file() or name.startswith("filter/"):
            continue
        if name == "pagefind-entry.json":
            entry = json.loads(path.read_bytes())
            for language in entry["languages"].values():
                language.pop("hash")
            content[name] = entry
        elif name.endswith(".pf_meta"):
            version, pages, chunks, listed, *rest = pagefind_data(path)
            language = name.split(".")[1].rsplit("_", 1)[0]
            folded = sorted((filter_name, sorted(filters.pop(digest)[1], key=lambda value: value[0]))
                            for filter_name, digest in listed)
            content[f"meta of {language}"] = [version, pages, chunks, folded, *rest]
        else:
            content[name] = path.read_bytes()
    assert not filters, f"filter files no meta file lists: {sorted(filters)}"
    return content


def test_a_site_build_killed_between_its_renames_gets_the_old_site_back(template, tmp_path):
    project = copy_project(template["project"], tmp_path / "p")
    run_generator(["site"], cwd=project)
    old_site = site_tree(project / "site")
    assert "index.html" in old_site
    killed_build(project, "site", 2, ["site"])  # the old site moved aside, the new one not yet in
    assert not (project / "site").exists() and list(project.glob(".site-old.*/site"))

    broken = project / "docs" / "broken.md"  # MkDocs --strict fails on it: the site must come back anyway
    broken.write_text("# Broken\n\n[nowhere](missing-page.md)\n", encoding="utf-8")
    failed = run_generator(["site"], cwd=project, check=False)
    assert failed.returncode == 1 and "mkdocs build failed" in failed.stderr and "Traceback" not in failed.stderr
    assert site_tree(project / "site") == old_site
    assert leftovers(project) == []

    broken.unlink()
    run_generator(["site"], cwd=project)
    assert site_tree(project / "site") == old_site and leftovers(project) == []


def test_staging_folders_left_by_a_killed_build_are_removed(template, tmp_path):
    project = copy_project(template["project"], tmp_path / "p")
    stale = [project / "docs" / ".generated-k1ll3d0x" / "articles" / "x.md",
             project / "docs" / ".generated-trash-k1ll3d0x" / "tags" / "y.md",
             project / ".site.k1ll3d0x" / "index.html",
             project / ".site-old.k1ll3d0x" / "site" / "index.html",
             project / ".site-trash.k1ll3d0x" / "site" / "index.html"]
    for path in stale:
        path.parent.mkdir(parents=True)
        path.write_text("stale", encoding="utf-8")
    result = run_generator(["build", "--site"], cwd=project)
    assert leftovers(project) == []
    assert "left behind by an interrupted build" in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") != "stale"
    assert generated(project / "docs") == template["before"]


def test_a_backup_without_journal_gives_back_what_docs_lacks(template, tmp_path):
    """A backup folder left by a version that wrote no journal: its paths missing from docs/ come back."""
    project = copy_project(template["project"], tmp_path / "p")
    legacy = project / "docs" / ".generated-old-legacy0"
    legacy.mkdir()
    (project / "docs" / "articles").rename(legacy / "articles")
    (project / "docs" / "feed.xml").rename(legacy / "feed.xml")
    (project / "docs" / "index.md").write_text("newer", encoding="utf-8")
    shutil.copy(project / "docs" / "index.md", legacy / "index.md")
    (project / "seeds" / "zz-bad.txt").write_text("---\ndate: next tuesday\n---\nText.\n", encoding="utf-8")
    assert run_generator(["build"], cwd=project, check=False).returncode == 1
    tree = generated(project / "docs")
    assert tree == {**template["before"], "index.md": b"newer"}
    assert leftovers(project) == []


def test_a_second_build_waits_for_the_lock_or_stops_with_a_clear_message(template, tmp_path):
    from generator import buildlock

    project = copy_project(template["project"], tmp_path / "p")
    retitle(project)
    with buildlock.build_lock(project, wait=0):
        refused = run_generator(["build", "--wait", "0"], cwd=project, check=False)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert f"waiting for another build (pid {os.getpid()})…" in refused.stderr
        assert "another build (pid" in refused.stderr and "--wait" in refused.stderr
        assert generated(project / "docs") == template["before"]  # it touched nothing

        waiting = subprocess.Popen([sys.executable, "-m", "generator", "build", "--wait", "600"], cwd=project,
                                   env={**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first_line = waiting.stderr.readline()  # blocks until the build reports that it waits
        assert first_line.startswith("waiting for another build (pid "), first_line
        assert waiting.poll() is None
    stdout, stderr = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, stderr
    assert "wrote pages for 2 articles" in stdout
    assert generated(project / "docs") == template["after"]


def test_two_builds_at_once_both_finish_with_a_whole_site(template, tmp_path):
    project = copy_project(template["project"], tmp_path / "p")
    retitle(project)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    builds = [subprocess.Popen([sys.executable, "-m", "generator", "build", "--site"], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for build in builds:
        stdout, stderr = build.communicate(timeout=600)
        assert build.returncode == 0, stderr
        assert "built site/" in stdout
    assert generated(project / "docs") == template["after"]
    assert leftovers(project) == []
    pages = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("index.html")}
    assert {"index.html", "articles/a-retitled-digest-page/index.html"} <= pages


# --- the extraction cache ---------------------------------------------------------------------------


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "extract").rglob("*.json"))


def test_a_cache_that_cannot_be_written_warns_once_and_the_build_goes_on(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED, GOLD[0]])
    (project / ".cache").write_text("not a folder", encoding="utf-8")
    result = run_generator(["build"], cwd=project)
    assert "wrote pages for 2 articles" in result.stdout and "Traceback" not in result.stderr
    assert result.stderr.count("cannot write the extraction cache") == 1, result.stderr
    assert result.stderr.count("cannot write the build stamp") == 1, result.stderr
    assert (project / "docs" / "index.md").is_file() and (project / "docs" / "feed.xml").is_file()
    again = run_generator(["build"], cwd=project)  # no stamp to trust: built again, never "up to date"
    assert "wrote pages for 2 articles" in again.stdout


def test_a_cache_folder_that_cannot_be_written_warns_once(tmp_path):
    project = make_project(tmp_path / "p", seeds=[SEED, GOLD[0]])
    (project / ".cache").mkdir()
    (project / ".cache" / "extract").write_text("a file where the cache's folder belongs", encoding="utf-8")
    result = run_generator(["build"], cwd=project)
    assert result.stderr.count("cannot write the extraction cache") == 1, result.stderr
    assert "build stamp" not in result.stderr  # the stamp beside it is written as usual
    assert "nothing changed" in run_generator(["build"], cwd=project).stdout


def test_a_full_disk_while_caching_is_reported_once(tmp_path, monkeypatch, capsys):
    import errno
    import io

    from generator import analyse

    cache = analyse.Cache(tmp_path / ".cache")
    extraction = analyse.load_extraction(REAL_ENTRY())

    class FullDisk(io.StringIO):  # the temporary file, on a disk with no room left: every write fails
        def write(self, text):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd, *args, **kwargs):  # the cache opens its temporary file with os.fdopen
        os.close(fd)
        return FullDisk()

    monkeypatch.setattr(analyse.os, "fdopen", fdopen)
    cache.put("ab" * 32, extraction)
    cache.put("cd" * 32, extraction)
    err = capsys.readouterr().err
    assert err.count("cannot write the extraction cache") == 1 and "No space left on device" in err
    assert [p for p in (tmp_path / ".cache").rglob("*") if p.is_file()] == []  # no half-written file


_REAL: list[bytes] = []


def REAL_ENTRY() -> bytes:
    """One real cache entry, made by the real pipeline (once per session)."""
    if not _REAL:
        from generator import analyse

        body = SEED.read_text(encoding="utf-8").split("---\n", 2)[-1]
        extraction = analyse.extract_bodies([body], jobs=1)[0][0]
        _REAL.append(json.dumps(extraction.to_dict(), ensure_ascii=False).encode())
    return _REAL[0]


def mutate(entry: dict, path: tuple, value) -> dict:
    target = entry
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return entry


DELETE = object()
NAN = float("nan")

# Wrong but well-formed JSON, of every kind; those marked † crashed every build before validation.
BAD_ENTRIES = {
    "an actor's name is a number †": (("actors", 0, "name"), 7),
    "a count is text †": (("actors", 0, "mentions"), "six"),
    "a figure's value is text †": (("figures", 0, "value"), "two"),
    "a latitude is text †": (("locations", 0, "lat"), "north"),
    "a country code is a number †": (("locations", 0, "country_code"), 12),
    "the lede title is null †": (("lede_title",), None),
    "a sentence is a number †": (("sentences", 0), 5),
    "text where a list belongs †": (("paragraphs", 1), "ab"),
    "text where the sentence list belongs †": (("sentences",), "just text"),
    "a paragraph's sentence index out of range †": (("paragraphs", 1), [999]),
    "a negative lede index †": (("lede_sentence",), -40),
    "a source's name is a list †": (("sources", 0, "name"), ["White", "House"]),
    "a figure's value is NaN": (("figures", 0, "value"), NAN),
    "a figure's value is infinite": (("figures", 0, "value"), float("inf")),
    "a figure's value is a bool": (("figures", 0, "value"), True),
    "a figure's sentence out of range": (("figures", 0, "sentence"), 999),
    "a mention's sentence is negative": (("actors", 0, "sentences"), [-3]),
    "a quote's sentence out of range": (("sources", 0, "quotes", 0, "sentence"), 999),
    "an actor type that does not exist": (("actors", 0, "type"), "robot"),
    "a latitude off the globe": (("locations", 0, "lat"), 500.0),
    "a lower-case country code": (("locations", 0, "country_code"), "usa"),
    "a flag that is text": (("sources", 0, "anonymous"), "no"),
    "text where the aliases list belongs": (("actors", 0, "aliases"), "Hamas"),
    "a dict where a list of quotes belongs": (("sources", 0, "quotes"), {"text": "x"}),
    "a list where an actor belongs": (("actors", 0), ["Hamas", "organisation"]),
    "a missing key": (("actors", 0, "name"), DELETE),
    "a missing list": (("sentences",), DELETE),
    "negative mentions": (("locations", 0, "mentions"), -1),
    "a figure's value is an integer too large for a float †": (("figures", 0, "value"), 10**400),
    "a range's top is a negative integer too large for a float": (("figures", 0, "value_high"), -(10**330)),
    "a longitude is an integer too large for a float": (("locations", 0, "lon"), 7**2000),
    "the lede index is past the last sentence": (("lede_sentence",), 10_000),
    "an actor's name is empty": (("actors", 0, "name"), ""),
    "an actor's name is only spaces and invisible characters": (("actors", 0, "name"), " \u200b\u202e\t"),
    "a place's name is only spaces": (("locations", 0, "name"), "   "),
}
RAW_BAD = {
    "nesting deep enough to overflow a recursive parser †": b"[" * 100_000,
    "a list where the object belongs": b"[]",
    "null": b"null",
    "not UTF-8": b"\xff\xfe{}",
    "cut short": None,  # the real entry, truncated
}


@pytest.mark.parametrize("kind", [*BAD_ENTRIES, *RAW_BAD])
def test_each_kind_of_bad_cache_entry_is_refused_with_one_line_naming_it(tmp_path, capsys, kind):
    from generator import analyse

    if kind in BAD_ENTRIES:
        raw = json.dumps(mutate(json.loads(REAL_ENTRY()), *BAD_ENTRIES[kind])).encode()
    else:
        raw = RAW_BAD[kind] if RAW_BAD[kind] is not None else REAL_ENTRY()[:200]
    cache = analyse.Cache(tmp_path / ".cache")
    key = "ab" * 32
    path = tmp_path / ".cache" / "extract" / "ab" / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    capsys.readouterr()
    assert cache.get(key) is None
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "re-extracting" in lines[0], lines
    if kind in BAD_ENTRIES:
        field = ".".join(str(step) for step in BAD_ENTRIES[kind][0][:2])
        assert field in lines[0], lines  # it names where the entry is wrong


# Entries that are not regular files, or too big to be one: refused before a byte is read.
# The /dev/zero link ate all memory when it was read whole: the check runs in a child process
# limited to 1 GB of address space, so a regression fails this test instead of the machine.
ENTRY_KINDS_CHILD = textwrap.dedent("""
    import json, os, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from generator import analyse
    cache, key = analyse.Cache(Path(sys.argv[1])), sys.argv[2]
    print(json.dumps(cache.get(key) is None))
""")
ENTRY_KINDS = ["a link to /dev/zero", "a link to a valid entry elsewhere", "a FIFO", "a 1 GB sparse file",
               "a folder", "its XX folder a link to a folder elsewhere"]


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_an_entry_that_is_not_a_small_regular_file_is_refused_unread(tmp_path, kind):
    cache_root = tmp_path / ".cache"
    key = "cd" * 32
    folder = cache_root / "extract" / key[:2]
    folder.mkdir(parents=True)
    path = folder / f"{key}.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / path.name).write_bytes(REAL_ENTRY())
    if kind == "a link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "a link to a valid entry elsewhere":
        path.symlink_to(elsewhere / path.name)
    elif kind == "a FIFO":
        os.mkfifo(path)  # opening it to read would wait for a writer forever
    elif kind == "a 1 GB sparse file":
        with path.open("wb") as handle:
            handle.truncate(1 << 30)
    elif kind == "a folder":
        path.mkdir()
    else:
        folder.rmdir()
        folder.symlink_to(elsewhere, target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", ENTRY_KINDS_CHILD, str(cache_root), key], capture_output=True,
                            text=True, env=env, timeout=120)  # a hang guard, not a timing: a FIFO read never ends
    assert result.returncode == 0 and json.loads(result.stdout) is True, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and path.name in lines[0] and "re-extracting" in lines[0], lines
    assert "Traceback" not in result.stderr
    if kind == "a 1 GB sparse file":
        assert "1,073,741,824 bytes" in lines[0], lines


def test_a_refused_entry_in_a_linked_folder_is_not_rewritten_through_the_link(tmp_path, capsys):
    from generator import analyse

    key = "ef" * 32
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / ".cache" / "extract").mkdir(parents=True)
    (tmp_path / ".cache" / "extract" / key[:2]).symlink_to(elsewhere, target_is_directory=True)
    cache = analyse.Cache(tmp_path / ".cache")
    assert cache.get(key) is None
    cache.put(key, analyse.load_extraction(REAL_ENTRY()))
    assert list(elsewhere.iterdir()) == []  # nothing written outside the cache
    assert "symbolic link" in capsys.readouterr().err


def test_an_entry_up_to_the_limit_is_read_and_one_byte_more_is_refused(tmp_path, monkeypatch):
    from generator import analyse

    path = tmp_path / "entry.json"
    path.write_bytes(REAL_ENTRY())
    monkeypatch.setattr(analyse, "MAX_ENTRY_BYTES", len(REAL_ENTRY()))
    assert analyse.read_entry(path) == REAL_ENTRY()
    monkeypatch.setattr(analyse, "MAX_ENTRY_BYTES", len(REAL_ENTRY()) - 1)
    with pytest.raises(ValueError, match="over the"):
        analyse.read_entry(path)
    assert analyse.read_entry(tmp_path / "missing.json") is None


def test_the_entry_limit_holds_the_extraction_of_a_seed_of_names(tmp_path):
    """The worst kind of text for entry size (one long sentence of names) at the seed's own size
    limit fits under ``MAX_ENTRY_BYTES``: a valid entry is never refused for its size. Measured on
    a 60 KB sample and scaled to 1 MB, with half the room kept as margin."""
    from generator import analyse
    from generator.seed import MAX_FILE_BYTES

    body = names_sentence(60_000)
    extraction = analyse.extract_bodies([body], jobs=1)[0][0]
    assert len(extraction.actors) > 1000  # the sample is what it claims to be
    size = len(json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    assert size / len(body.encode()) * MAX_FILE_BYTES * 2 < analyse.MAX_ENTRY_BYTES


def names_sentence(length: int) -> str:
    """One sentence of made-up two-word names, about ``length`` characters."""
    import random

    rnd = random.Random(16)
    parts = ["ren", "gio", "sun", "mi", "vos", "bar", "nak", "lo", "ka", "tel", "zan", "dra", "per", "ul"]

    def word() -> str:
        return "".join(rnd.choice(parts) for _ in range(rnd.randint(2, 3))).capitalize()

    names = []
    while sum(len(n) + 2 for n in names) < length:
        names.append(f"{word()} {word()}")
    return "Minister " + ", ".join(names) + " and others met on Monday.\n"


CACHE_LINKS = [".cache", ".cache/extract", ".cache/build.pid", ".cache/build-fingerprint"]


@pytest.mark.parametrize("linked", CACHE_LINKS)
def test_a_cache_path_that_is_a_link_is_never_used_and_nothing_is_written_through_it(tmp_path, linked):
    project = make_project(tmp_path / "p", seeds=[SEED])
    outside = tmp_path / "outside"
    outside.mkdir()
    planted = outside / "planted"
    if linked == ".cache":
        (project / ".cache").symlink_to(outside, target_is_directory=True)
    else:
        (project / ".cache").mkdir()
        if linked == ".cache/extract":
            (project / linked).symlink_to(outside, target_is_directory=True)
        else:
            planted.write_text('{"fingerprint": "x", "files": {}}', encoding="utf-8")
            (project / linked).symlink_to(planted)
    before = {p.relative_to(outside): p.read_bytes() for p in outside.rglob("*")}
    result = run_generator(["build"], cwd=project)
    after = {p.relative_to(outside): p.read_bytes() for p in outside.rglob("*")}
    assert after == before, "the build wrote outside the project"
    warnings = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert len(warnings) == 1 and warnings[0].startswith(linked + ":"), result.stderr
    assert "without the cache" in warnings[0] and "Traceback" not in result.stderr
    assert "wrote pages for 1 article" in result.stdout and (project / "docs" / "index.md").is_file()
    assert (project / linked).is_symlink()  # left as it was: the user decides
    again = run_generator(["build"], cwd=project)  # no stamp shortcut through a link
    assert "wrote pages for 1 article" in again.stdout and "(1 parsed, 0 from the cache)" in again.stdout


def test_real_extractions_pass_the_check(tmp_path):
    """The check must accept whatever the pipeline writes, or every build would re-parse."""
    from generator import analyse

    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in [SEED, *GOLD]]
    cache = analyse.Cache(tmp_path / ".cache")
    first, parsed = analyse.extract_bodies(bodies, jobs=1, cache=cache)
    assert parsed == len(bodies)
    again, parsed = analyse.extract_bodies(bodies, jobs=1, cache=cache)
    assert parsed == 0 and again == first


def test_bad_cache_entries_are_re_extracted_by_a_real_build(template, tmp_path):
    project = copy_project(template["project"], tmp_path / "p")
    run_generator(["build"], cwd=project)
    first, second = entries(project)
    first.write_bytes(b"[" * 100_000)
    second.write_text(json.dumps(mutate(json.loads(second.read_bytes()), ("actors", 0, "name"), 7)),
                      encoding="utf-8")
    (project / ".cache" / "build-fingerprint").unlink()  # as if an input had changed
    result = run_generator(["build"], cwd=project)
    assert "(2 parsed, 0 from the cache)" in result.stdout
    warned = [line for line in result.stderr.splitlines() if "re-extracting" in line]
    assert len(warned) == 2 and first.name in warned[0] + warned[1] and second.name in warned[0] + warned[1]
    assert generated(project / "docs") == template["before"]
    from generator import analyse

    for entry in entries(project):  # rewritten with the good extraction
        analyse.load_extraction(entry.read_bytes())


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4),
                           max_leaves=8)


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_entry_that_passes_the_check_always_renders(data):
    """Change any one value of a real entry to any JSON value, or drop it: the check refuses the
    entry, or the entry assembles into an article and renders every page without an exception."""
    from generator import analyse, article, output
    from generator.models import Seed

    entry = json.loads(REAL_ENTRY())
    path: list = []
    node = entry
    while isinstance(node, (dict, list)) and node and data.draw(st.integers(0, 3)) > 0:
        step = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(step)
        node = node[step]
    if not path:
        return
    value = data.draw(JSON_VALUES | st.just(DELETE))
    raw = json.dumps(mutate(entry, tuple(path), value))
    try:
        extraction = analyse.load_extraction(raw)
    except ValueError:
        event("refused")
        return
    event("accepted")
    assert all(math.isfinite(f.value) for f in extraction.figures)
    built, _ = article.assemble(Seed("seeds/fuzz.txt", {}, "Body.", 1), extraction)
    site = output.build_site([built])
    for _, text in output.render_all(site, site_name="Digest", site_url="https://example.org/", build_epoch=0):
        assert isinstance(text, str)
