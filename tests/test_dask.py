"""Extraction on Dask (``--executor dask``, ``generator/executors.py``), on this machine only.

Real clusters, real model, real builds: a LocalCluster of 2 worker processes; a loopback
``dask scheduler`` with ``dask worker`` subprocesses on 127.0.0.1 addressed with ``--scheduler``
(and with ``DIGEST_DASK_SCHEDULER``); a worker SIGKILLed in the middle of a run, with the run
finishing on another worker; a whole job (client and worker) killed, then a re-run that parses
only what was missing. Each build's ``docs/`` (and, for the two cluster kinds, ``site/`` less
Pagefind's index, see ``tree``) is compared byte for byte with a serial build of the same seeds, and
every cache entry is read back with the strict validation.

Slow (each cluster loads the model in every worker): few, short articles. Marked ``dask``;
``make test`` runs them.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_generator
from generator import analyse, executors
from generator.errors import BuildError

pytestmark = pytest.mark.dask

# The four shortest gold articles (374 to 484 words): real news prose, quick to parse.
ARTICLES = sorted((ROOT / "tests" / "gold" / "articles").glob("*.txt"), key=lambda p: len(p.read_bytes()))[:4]
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}  # both builds date their pages alike
DASK_CLI = str(Path(sys.executable).with_name("dask"))
WAIT = 300  # seconds any one step may take on a loaded machine before the test gives up


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, less Pagefind's index (``site/pagefind/``).

    Pagefind 1.5.2 does not write the same index twice: two ``generator site`` runs over one and the
    same ``docs/`` give filter files of other names and bytes. Every other file of ``site/`` is compared.
    """
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"}


def assert_same_build(project: Path, serial: Path, parts=("docs", "site")) -> None:
    for part in parts:
        ours, theirs = tree(project / part), tree(serial / part)
        assert sorted(ours) == sorted(theirs), f"{part}/: different files"
        different = [name for name in ours if ours[name] != theirs[name]]
        assert not different, f"{part}/: these differ from the serial build: {different[:10]}"


def entries(folder: Path) -> list[Path]:
    """The extraction entries under ``folder`` (content-addressed: ``ab/abcd….json``), not the build's own
    records beside them (``.cache/pages.json``, the pages the last build rendered: generator/pagecache.py)."""
    return sorted(p for p in folder.rglob("*.json") if p.parent.name == p.stem[:2] and p.parent != folder)


def assert_entries_valid(folder: Path, count: int) -> None:
    """``count`` entries, one per article (content-addressed: a key is a file), each a valid extraction."""
    found = entries(folder)
    assert len(found) == count, [p.name for p in found]
    for path in found:
        assert path.name == f"{path.stem}.json" and path.parent.name == path.stem[:2]
        analyse.load_extraction(path.read_bytes())  # raises on anything half-written or wrong
    # a worker killed while writing leaves at most its hidden temporary object, never an entry
    assert len([p for p in folder.rglob("*.tmp")]) <= 1


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    """The same seeds built serially, site included: what every Dask build must equal."""
    project = make_project(tmp_path_factory.mktemp("serial"), ARTICLES)
    run_generator(["build", "--site", "--jobs", "1"], cwd=project, env=ENV)
    return project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Loopback:
    """A ``dask scheduler`` on 127.0.0.1 and the ``dask worker`` processes started on it; all stopped on exit."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.procs.append(subprocess.Popen([DASK_CLI, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                            "--no-dashboard"], cwd=folder, env=self.env,
                                           stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "w")))

    def worker(self, name: str, nanny: bool = True) -> subprocess.Popen:
        proc = subprocess.Popen([DASK_CLI, "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1",
                                 "--nworkers", "1", "--name", name, "--no-dashboard", "--local-directory",
                                 str(self.folder / name), *([] if nanny else ["--no-nanny"])],
                                cwd=self.folder, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=open(self.folder / f"{name}.log", "w"))
        self.procs.append(proc)
        return proc

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=WAIT) as client:
            client.wait_for_workers(count, timeout=WAIT)

    def close(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def loopback(folder: Path):
    cluster = Loopback(folder)
    try:
        yield cluster
    finally:
        cluster.close()


def loads_and_workers(stderr: str) -> tuple[int, int]:
    found = re.search(r"on (\d+) workers? \(model loaded (\d+) times?\)", stderr)
    assert found, stderr
    return int(found.group(2)), int(found.group(1))


def test_local_cluster_of_two_workers_builds_the_serial_site(tmp_path, serial):
    project = make_project(tmp_path / "dask", ARTICLES)
    result = run_generator(["build", "--site", "--executor", "dask", "--jobs", "2"], cwd=project, env=ENV)
    assert f"({len(ARTICLES)} parsed, 0 from the cache)" in result.stdout
    # 4 articles on 2 workers: 2 batches each of 1, or fewer if one worker was quicker; each worker
    # that ran a batch loaded the model exactly once
    loads, workers = loads_and_workers(result.stderr)
    assert 1 <= workers <= 2 and loads == workers
    assert_entries_valid(project / ".cache" / "extract", len(ARTICLES))
    assert_same_build(project, serial)
    # a re-run finds every article in the cache the workers wrote: no batch is sent, no cluster started
    again = run_generator(["extract", "--json", "--executor", "dask", "--jobs", "2",
                           *map(str, sorted((project / "seeds").iterdir()))], cwd=project)
    assert "dask:" not in again.stderr and len(again.stdout.splitlines()) == len(ARTICLES)


def test_loopback_scheduler_and_two_dask_workers(tmp_path, serial):
    project = make_project(tmp_path / "dask", ARTICLES)
    shared = tmp_path / "shared-cache"
    with loopback(tmp_path) as cluster:
        cluster.worker("w1")
        cluster.worker("w2")
        cluster.wait_for_workers(2)
        result = run_generator(["build", "--site", "--executor", "dask", "--scheduler", cluster.address,
                                "--cache-url", shared.as_uri(), "--batch-size", "1"], cwd=project, env=ENV)
    assert f"({len(ARTICLES)} parsed, 0 from the cache)" in result.stdout
    loads, workers = loads_and_workers(result.stderr)
    assert loads == workers  # once per worker process that took a batch, however many batches it took
    assert "in 4 batches" in result.stderr
    # the entries went to the URL, written by the workers: none in the project's own cache
    assert_entries_valid(shared, len(ARTICLES))
    assert not entries(project / ".cache")
    assert_same_build(project, serial)


def start_build(project: Path, shared: Path, address: str) -> subprocess.Popen:
    """``build`` (pages only) on Dask in the background, addressed through DIGEST_DASK_SCHEDULER, one article a task."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1", **ENV, executors.SCHEDULER_ENV: address}
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--executor", "dask",
                             "--cache-url", shared.as_uri(), "--batch-size", "1"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def freeze_after_first_entry(worker: subprocess.Popen, shared: Path, build: subprocess.Popen) -> int:
    """Stop ``worker`` (SIGSTOP) as soon as the first entry is in ``shared``; the entries written by then.

    Stopped before counting, so nothing is written between the count and the kill that follows.
    """
    deadline = time.monotonic() + WAIT
    while not entries(shared):
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "no entry was written"
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGSTOP)
    done = len(entries(shared))
    assert 0 < done < len(ARTICLES), "the worker was not stopped in the middle of the run"
    return done


def test_worker_killed_mid_run_the_run_finishes_on_another(tmp_path, serial):
    project = make_project(tmp_path / "dask", ARTICLES)
    shared = tmp_path / "shared-cache"
    with loopback(tmp_path) as cluster:
        first = cluster.worker("w1", nanny=False)  # no nanny: a killed worker stays dead
        cluster.wait_for_workers(1)
        build = start_build(project, shared, cluster.address)
        try:
            freeze_after_first_entry(first, shared, build)
            os.kill(first.pid, signal.SIGKILL)
            first.wait()
            cluster.worker("w2", nanny=False)  # the scheduler gives it the lost and the remaining batches
            out, err = build.communicate(timeout=WAIT)
        finally:
            if build.poll() is None:
                build.kill()
    assert build.returncode == 0, err
    assert f"({len(ARTICLES)} parsed, 0 from the cache)" in out
    assert_entries_valid(shared, len(ARTICLES))
    assert_same_build(project, serial, parts=("docs",))  # site/ is MkDocs over docs/: the tests above compare it


def test_job_killed_mid_run_a_rerun_parses_only_the_rest(tmp_path, serial):
    project = make_project(tmp_path / "dask", ARTICLES)
    shared = tmp_path / "shared-cache"
    with loopback(tmp_path) as cluster:
        first = cluster.worker("w1", nanny=False)
        cluster.wait_for_workers(1)
        build = start_build(project, shared, cluster.address)
        done = freeze_after_first_entry(first, shared, build)
        build.kill()  # the whole job dies: client and worker
        os.kill(first.pid, signal.SIGKILL)
        build.wait()
        first.wait()
        assert_entries_valid(shared, done)  # what finished is kept whole
        cluster.worker("w2", nanny=False)
        cluster.wait_for_workers(1)
        rerun = start_build(project, shared, cluster.address)
        out, err = rerun.communicate(timeout=WAIT)
    assert rerun.returncode == 0, err
    assert f"({len(ARTICLES) - done} parsed, {done} from the cache)" in out
    assert_entries_valid(shared, len(ARTICLES))
    assert_same_build(project, serial, parts=("docs",))


@pytest.mark.parametrize("store", ["memory", "file"])
def test_cache_at_a_url_is_validated_like_the_local_one(tmp_path, store, nlp, capsys):
    """``memory://`` and ``file://`` stores, in this process (a memory store is per process).

    A second run parses nothing; an entry that is not a valid extraction, or not a regular file, is
    reported and re-extracted; the result equals a run without a cache.
    """
    url = f"memory://digest-{uuid.uuid4().hex}" if store == "memory" else (tmp_path / "store").as_uri()
    bodies = [path.read_text(encoding="utf-8").split("---", 2)[2] for path in ARTICLES[:2]]
    plain, parsed = analyse.extract_bodies(bodies, jobs=1, cache=analyse.Cache(None))
    cache = executors.open_cache(url)
    assert isinstance(cache, executors.FsspecCache)
    assert analyse.extract_bodies(bodies, jobs=1, cache=cache) == (plain, 2)
    assert analyse.extract_bodies(bodies, jobs=1, cache=executors.open_cache(url)) == (plain, 0)

    key = analyse.cache_key(bodies[0], analyse.model_name())
    path = cache._path(key)
    good = cache.fs.cat_file(path)
    entry = json.loads(good)
    entry["sentences"] = "not a list"
    cache.fs.pipe_file(path, json.dumps(entry).encode())
    capsys.readouterr()
    assert analyse.extract_bodies(bodies, jobs=1, cache=executors.open_cache(url)) == (plain, 1)
    warning = capsys.readouterr().err
    assert f"{key}.json: warning: sentences: " in warning and "re-extracting the article" in warning
    assert cache.fs.cat_file(path) == good  # replaced by a valid entry

    cache.fs.rm(path)
    cache.fs.makedirs(path, exist_ok=True)  # a folder where the entry should be
    assert executors.open_cache(url).get(key) is None
    assert "not a regular file" in capsys.readouterr().err


def test_file_store_refuses_a_link_and_a_huge_entry(tmp_path, nlp, capsys):
    body = ARTICLES[0].read_text(encoding="utf-8").split("---", 2)[2]
    key = analyse.cache_key(body, analyse.model_name())
    store = tmp_path / "store"
    cache = executors.open_cache(store.as_uri())
    (store / key[:2]).mkdir(parents=True)
    target = tmp_path / "elsewhere.json"
    analyse.extract_bodies([body], jobs=1, cache=analyse.Cache.at(tmp_path / "good"))
    target.write_bytes(next((tmp_path / "good").rglob("*.json")).read_bytes())  # a valid entry, but reached by a link
    (store / key[:2] / f"{key}.json").symlink_to(target)
    assert cache.get(key) is None and "not a regular file" in capsys.readouterr().err
    (store / key[:2] / f"{key}.json").unlink()
    with open(store / key[:2] / f"{key}.json", "wb") as handle:
        handle.truncate(analyse.MAX_ENTRY_BYTES + 1)  # sparse: nothing of it is read
    assert cache.get(key) is None and "a cache entry may hold" in capsys.readouterr().err


def test_dask_refuses_a_per_process_store(nlp):
    with pytest.raises(BuildError, match="memory:// cache lives inside one process"):
        executors.parse_on_dask(["Some text."], ["0" * 64], model=analyse.model_name(), jobs=2,
                                cache=executors.open_cache("memory://digest-refused"))


def test_unreachable_scheduler_is_one_clear_line(tmp_path):
    project = make_project(tmp_path / "project", ARTICLES[:1])
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    result = run_generator(["check", "--executor", "dask", "--scheduler", address, "--no-cache"], cwd=project,
                           check=False, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"error: --scheduler {address}: cannot reach a Dask scheduler there"), result.stderr
    assert "dask scheduler" in lines[-1]
