"""Extraction on Dask (``--executor dask``), and extraction caches reached through an fsspec URL.

``analyse.extract_bodies`` decides what must be parsed (what is not in the content-addressed
cache); this module runs that on a Dask cluster instead of the local process pool:

* by default a ``distributed.LocalCluster`` sized like ``--jobs``: that many worker processes of
  one thread each (spaCy holds the GIL, so threads would not add speed);
* with ``--scheduler ADDRESS`` (or ``DIGEST_DASK_SCHEDULER``) an existing cluster, started with
  ``dask scheduler`` and ``dask worker`` (README, *Extraction on a cluster*).

The unit of work is a batch of seeds (``_extract_batch``), not one article: a task costs the
scheduler a few milliseconds, an article of news length a few tens. A worker process loads the
model once (``pipeline.load`` is cached per process) and writes each result into the cache itself,
atomically, as soon as that article is parsed, so a worker or a whole job that is killed keeps what
it finished and a re-run parses only the rest. Before parsing, a batch skips the entries another
attempt already wrote (the scheduler re-runs the batches of a lost worker elsewhere). A worker
whose code, data or model differ from the client's would file results under keys they do not
belong to, so each batch checks the static part of the key first and fails with a clear message.

Cache locations (``open_cache``): a plain path is ``analyse.Cache`` (no links followed, bounded
reads); a URL (``file://``, ``memory://``, ``s3://`` and whatever else fsspec reaches) is
``FsspecCache``, with the same strict validation on read and writes that appear whole: a temporary
object then a move (a rename on a local or shared POSIX disk; object stores publish a put whole).
``memory://`` lives inside one process, so Dask refuses it (its workers are other processes).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from . import analyse
from .errors import BuildError, printable
from .models import Extraction

SCHEDULER_ENV = "DIGEST_DASK_SCHEDULER"
CACHE_URL_ENV = "DIGEST_CACHE_URL"
EXECUTORS = ("local", "dask")
# Per worker, batches enough that a slow one does not leave the others idle at the end.
BATCHES_PER_WORKER = 2


class FsspecCache:
    """The extraction cache at an fsspec URL: ``URL/XX/KEY.json``, one JSON entry per extraction.

    The same contract as ``analyse.Cache``: an entry is checked strictly before use
    (``analyse.load_extraction``), one that is not a regular file, is larger than
    ``analyse.MAX_ENTRY_BYTES`` or is not a valid extraction is reported in one line and
    re-extracted; a store that cannot be written is reported once and then left alone.
    """

    def __init__(self, url: str):
        import fsspec

        self.url = url.rstrip("/")
        self.fs, base = fsspec.core.url_to_fs(self.url)
        self.base = base.rstrip("/")
        self.root = self.url  # shown in messages, like analyse.Cache.root
        self.writable = True

    def _path(self, key: str) -> str:
        return f"{self.base}/{key[:2]}/{key}.json"

    def get(self, key: str) -> Extraction | None:
        path = self._path(key)
        try:
            info = self.fs.info(path)
        except (FileNotFoundError, OSError):
            return None  # missing or unreachable: re-extract (an unwritable store is reported by put)
        try:
            if info.get("islink") or info.get("type") != "file":
                raise ValueError("not a regular file")
            size = info.get("size")
            if size is None or size > analyse.MAX_ENTRY_BYTES:
                raise ValueError(f"{'unknown size' if size is None else f'{size:,} bytes'} "
                                 f"(a cache entry may hold {analyse.MAX_ENTRY_BYTES:,} bytes)")
            try:
                raw = self.fs.cat_file(path)
            except (FileNotFoundError, OSError):
                return None
            if len(raw) > analyse.MAX_ENTRY_BYTES:  # it grew after info: still refused
                raise ValueError(f"more than {analyse.MAX_ENTRY_BYTES:,} bytes")
            return analyse.load_extraction(raw)
        except ValueError as exc:
            print(printable(f"{self.url}/{key[:2]}/{key}.json: warning: {exc} — not a valid cached extraction; "
                            "re-extracting the article"), file=sys.stderr)
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        if not self.writable:
            return
        path = self._path(key)
        # hidden and unique per writer: two workers writing one key never share a temporary object
        tmp = f"{self.base}/{key[:2]}/.{key}.{uuid.uuid4().hex}.tmp"
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            self.fs.makedirs(f"{self.base}/{key[:2]}", exist_ok=True)
            self.fs.pipe_file(tmp, data)
            self.fs.mv(tmp, path)
        except OSError as exc:
            self.writable = False
            try:
                self.fs.rm(tmp)
            except (OSError, FileNotFoundError):
                pass
            print(printable(f"{self.url}: warning: cannot write the extraction cache ({exc.strerror or exc}) — "
                            "the build goes on without it; check the store's URL and permissions"), file=sys.stderr)


def open_cache(location: str | os.PathLike | None):
    """The extraction cache at ``location``: None → no cache, a URL → ``FsspecCache``, a folder → ``analyse.Cache``.

    A folder given here holds the entries directly (``FOLDER/XX/KEY.json``), as ``.cache/extract``
    does for the default cache.
    """
    if location is None:
        return analyse.Cache(None)
    text = os.fspath(location)
    if "://" in text or "::" in text:
        return FsspecCache(text)
    return analyse.Cache.at(Path(text))


def cache_location(cache) -> str | None:
    """What a worker passes to ``open_cache`` to reach the same cache: a URL, an absolute folder, or None."""
    if isinstance(cache, FsspecCache):
        return cache.url
    if cache.root is None or not cache.writable:
        return None
    return str(Path(cache.root).resolve())


def scheduler_address(given: str | None) -> str | None:
    """``--scheduler``, else ``DIGEST_DASK_SCHEDULER``, else None (a LocalCluster)."""
    address = given or os.environ.get(SCHEDULER_ENV) or None
    return address.strip() if address else None


def parse_on_dask(texts: Sequence[str], keys: Sequence[str], *, model: str, jobs: int, cache,
                  scheduler: str | None = None, batch_size: int | None = None,
                  progress: Callable[[int], None] | None = None) -> list[dict]:
    """Parse ``texts`` on Dask; returns their extractions (``Extraction.to_dict`` shape) in input order.

    ``keys[i]`` is the cache key of ``texts[i]`` (``analyse.cache_key``). The workers write each
    result into ``cache`` as they go; what a worker could not write (or, with a plain folder and an
    outside cluster, a folder that may be on another machine) the client writes as well, which is
    harmless: an entry is replaced whole, with the same bytes. ``jobs`` sizes a LocalCluster;
    ``batch_size`` (articles per task) defaults to ``analyse.BATCH_SIZE``, made smaller so that each
    worker gets at least ``BATCHES_PER_WORKER`` batches.

    Raises ``BuildError`` (one line, no traceback) when the scheduler cannot be reached, the cache is
    per-process (``memory://``), or a batch fails or keeps killing its workers.
    """
    if not texts:
        return []
    if isinstance(cache, FsspecCache) and cache.fs.protocol in ("memory", ("memory",)):
        raise BuildError(f"{cache.url}: a memory:// cache lives inside one process and Dask's workers are other "
                         "processes — give a folder or a shared store's URL (file://, s3://…), or use --executor local")
    location = cache_location(cache)
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - a runtime dependency; only a broken install lacks it
        raise BuildError(f"--executor dask needs the 'distributed' package ({exc}) — run make build, "
                         "which installs requirements.txt") from None
    import dask

    static = analyse._static_key_part(model)
    cluster = None
    try:
        if scheduler:
            timeout = dask.config.get("distributed.comm.timeouts.connect")
            try:
                client = Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise BuildError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({exc}) — start one "
                                 "with 'dask scheduler' and give the address it prints (tcp://HOST:8786), or leave "
                                 f"out --scheduler and {SCHEDULER_ENV} to run on this machine") from None
            workers = len(client.scheduler_info().get("workers", {})) or 1
        else:
            jobs = max(1, min(jobs, len(texts)))
            # processes, one thread each: the parse holds the GIL. No dashboard: it needs a free port and bokeh.
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=40)
            client = Client(cluster)
            workers = jobs
        with client:
            return _run(client, as_completed, texts, keys, model=model, static=static, location=location,
                        cache=cache, outside=bool(scheduler), workers=workers, batch_size=batch_size,
                        progress=progress)
    finally:
        if cluster is not None:
            cluster.close()


def _run(client, as_completed, texts, keys, *, model, static, location, cache, outside, workers, batch_size,
         progress) -> list[dict]:
    size = batch_size or max(1, min(analyse.BATCH_SIZE, -(-len(texts) // (workers * BATCHES_PER_WORKER))))
    order = {key: n for n, key in enumerate(keys)}
    batches = [list(zip(keys[i:i + size], texts[i:i + size])) for i in range(0, len(texts), size)]
    futures = []
    for batch in batches:
        # named by content: a second client asking for the same batch shares the task
        name = hashlib.sha256((static + "\0" + "".join(k for k, _ in batch)).encode()).hexdigest()[:32]
        futures.append(client.submit(_extract_batch, batch, model, static, location, key=f"digest-extract-{name}",
                                     pure=False))
    out: list[dict | None] = [None] * len(texts)
    loads: dict[str, int] = {}
    try:
        for future in as_completed(futures):
            try:
                report = future.result()
            except Exception as exc:  # a task's error, or KilledWorker: reported in one line
                raise BuildError(f"extraction on Dask failed: {type(exc).__name__}: {exc} — the entries already "
                                 "written stay in the cache; fix the cause and run again to parse only the rest") \
                    from None
            loads[report["worker"]] = loads.get(report["worker"], 0) + report["loaded"]
            for key, data, written in report["results"]:
                if not written or (outside and not isinstance(cache, FsspecCache)):
                    cache.put(key, Extraction.from_dict(data))
                out[order[key]] = data
            if progress:
                progress(len(report["results"]))
    finally:
        for future in futures:
            future.release()
    print(f"dask: {len(texts)} article{'s' if len(texts) != 1 else ''} in {len(batches)} "
          f"batch{'es' if len(batches) != 1 else ''} on {len(loads)} worker{'s' if len(loads) != 1 else ''} "
          f"(model loaded {sum(loads.values())} time{'s' if sum(loads.values()) != 1 else ''})", file=sys.stderr)
    return [data for data in out if data is not None]


_LOADED: set[str] = set()  # models this process has loaded (pipeline.load caches the pipeline itself)


def _extract_batch(batch: list[tuple[str, str]], model: str, static: str, location: str | None) -> dict:
    """One task on a worker: parse the ``(key, text)`` pairs of ``batch``, writing each result into the cache.

    Returns ``{"worker": pid@host, "loaded": 1 if this call loaded the model else 0, "results":
    [(key, extraction dict, written to the cache?), ...]}``. An entry already in the cache (from an
    earlier attempt at this batch) is taken from there, not parsed again.
    """
    import socket

    from . import pipeline

    if analyse._static_key_part(model) != static:
        raise RuntimeError(f"worker {socket.gethostname()} has another version of the generator, its data or the "
                           f"model {model!r} than the client — install the same commit and requirements on every "
                           "worker")
    cache = open_cache(location)
    results = []
    todo = []
    for key, text in batch:
        found = cache.get(key)
        if found is not None:
            results.append((key, found.to_dict(), True))
        else:
            todo.append((key, text))
    loaded = 0
    if todo:
        if model not in _LOADED:
            loaded = 1
        nlp = pipeline.load(model)
        _LOADED.add(model)
        for (key, _), doc in zip(todo, nlp.pipe([text for _, text in todo], batch_size=analyse.BATCH_SIZE)):
            extraction = Extraction.from_dict(doc._.digest)
            cache.put(key, extraction)  # before the next article: a killed worker keeps what it finished
            results.append((key, extraction.to_dict(), location is not None and cache.writable))
    return {"worker": f"{os.getpid()}@{socket.gethostname()}", "loaded": loaded, "results": results}
