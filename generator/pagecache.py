"""Incremental rendering: a page whose model did not change since the last build is not rendered again.

At 10,000 articles the site is about 45,000 generated files, and rendering them all (Jinja2, the
sourcing bars, the maps) took most of a one-changed-seed rebuild. A page is a function of its
page model (``pages.ArticlePage``, ``pages.EntityPage``, an article's data) and of the code and
settings that render it, so each page gets a **digest** of exactly those, and ``output.write_site``
reuses the file the last build wrote (a hard link into the staging folder, or a copy where links
are not possible) when the digest is the one recorded for it then:

* **the code and settings** (``Digests.base``): the modules that run while pages are rendered
  (``RENDER_CODE``: output, render, pages, charts, maps, models, files, errors, this one) and every template, the
  Python, Jinja2 and MarkupSafe versions, and the arguments of the render (site name and URL, build
  time, ``use_directory_urls``, whether the world map's shapes exist). The rules, linking and their
  data act on pages only through the page models, which are digested by value: a changed rule
  re-renders only the pages whose models it changed;
* **an article** (``Digests.article``): the whole ``models.Article`` (front-matter, corrected
  extraction, slug, versions, copies), pickled;
* **an article page**: its ``ArticlePage`` with the articles it names (versions) by their digests,
  and each related article by its own page's digest without *its* related list;
* **an entity page**: its ``EntityPage``, every listed article by its digest (a listed article's
  sourcing bar is a function of the article alone).

A page is pickled with the articles it refers to replaced by their digests, so a changed article
re-renders every page that lists it and nothing else. Pickling is by value (no memo: two equal
strings pickle the same whether or not they are one object) and sets are sorted, so the digest of
an unchanged page is the same in every process. The listings (home, indexes, months), the feeds
and ``data/index.json`` span the whole archive and are always rendered: they are a handful of files.

The record (``PageRecord``, ``.cache/pages.json``) maps each generated path to its digest and to
the size and modification time the file had when written; a file is reused only while it is still
a regular file with that size and time, so a page edited, replaced or removed by hand, or a record
from another ``docs/``, is rendered again. ``write_site`` removes the record before swapping the new
pages in and writes it after, so an interrupted build leaves none that could describe the wrong
files. The record is an optimisation only: unreadable, it is ignored; unwritable, reported once.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import stat
import sys
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .files import write_atomically
from .models import Article
from .pages import ArticlePage, EntityPage

RECORD_VERSION = 1
PACKAGE = Path(__file__).parent


# The modules whose code runs while a page is rendered from its model (templates' helpers, filters,
# charts, maps): a module added to that path must be added here.
RENDER_CODE = ("output.py", "render.py", "pages.py", "charts.py", "maps.py", "models.py", "pagecache.py", "files.py",
               "errors.py")
# Modules the render code imports whose work reaches a page only through its model, which is digested
# by value (slugs, word lists, linking, related articles): a change to them re-renders only the pages
# whose models changed. tests/test_incremental_pages.py checks that every generator module the
# render code imports is in one list or the other, so a new import is classified, not forgotten.
THROUGH_MODELS = ("article.py", "lexicon.py", "link.py", "related.py")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the render code (``RENDER_CODE``), every template, and the versions of what renders.

    A change to any of them re-renders every page: telling which pages a template or helper touches
    would be a guess."""
    import importlib.metadata

    digest = hashlib.sha256()
    files = [PACKAGE / name for name in RENDER_CODE] + sorted((PACKAGE / "templates").rglob("*"))
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("jinja2", "markupsafe", "anyascii"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{name}=={importlib.metadata.version(name)}\0".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _article_ref(digest: str) -> None:
    """Stands for an article inside a pickled page (never called: the pickle is only hashed)."""


def _page_ref(digest: str) -> None:
    """Stands for another article's page inside a pickled page (never called)."""


def _entity_state(*values) -> None:
    """Stands for an entity page's fields, its set sorted (never called)."""


class _Pickler(pickle.Pickler):
    """Pickles a page model by value, with the articles and other pages it points to as digests."""

    def __init__(self, file, digests: "Digests"):
        super().__init__(file, protocol=5)
        self.fast = True  # no memo: the bytes depend on the values only, never on which objects are shared
        self.digests = digests

    def reducer_override(self, obj):
        # called for every object but the basic types (str, int, list, dict…), which pickle as they are
        if isinstance(obj, Article):
            return _article_ref, (self.digests.article(obj),)
        if isinstance(obj, ArticlePage):
            return _page_ref, (self.digests.shallow(obj),)
        if isinstance(obj, EntityPage):
            return _entity_state, tuple(sorted(value) if isinstance(value, (set, frozenset)) else value
                                        for value in (getattr(obj, f.name) for f in fields(obj)))
        if isinstance(obj, (set, frozenset)):  # never reached today: a set's order changes between processes
            return _entity_state, (sorted(obj, key=repr),)
        return NotImplemented


class Digests:
    """The digests of one built ``Site``'s page models (hex SHA-256), each computed once.

    ``settings`` is everything else the render reads (site name, URL, build time…): part of ``base``.
    """

    def __init__(self, settings: tuple):
        self.base = hashlib.sha256(f"{RECORD_VERSION}\0{code_digest()}\0{settings!r}".encode()).digest()
        self._articles: dict[int, str] = {}
        self._shallow: dict[int, str] = {}
        self._keep: list = []  # the objects digested, so that no id() is reused while they are cached

    def _hash(self, kind: str, obj) -> str:
        buffer = io.BytesIO()
        _Pickler(buffer, self).dump(obj)
        return hashlib.sha256(self.base + kind.encode() + b"\0" + buffer.getvalue()).hexdigest()

    def article(self, article: Article) -> str:
        """The digest of one article: everything any page could show of it."""
        key = id(article)
        if key not in self._articles:
            self._keep.append(article)
            # an Article holds only dataclasses, lists, str and numbers: plain pickle (C speed), by value
            buffer = io.BytesIO()
            pickler = pickle.Pickler(buffer, protocol=5)
            pickler.fast = True
            pickler.dump(article)
            self._articles[key] = hashlib.sha256(self.base + b"article\0" + buffer.getvalue()).hexdigest()
        return self._articles[key]

    def shallow(self, page: ArticlePage) -> str:
        """An article page's digest without its related articles (what another page may show of it)."""
        key = id(page)
        if key not in self._shallow:
            self._keep.append(page)
            self._shallow[key] = self._hash("shallow", [getattr(page, f.name) for f in fields(page)
                                                         if f.name != "related"])
        return self._shallow[key]

    def article_page(self, page: ArticlePage) -> str:
        """The digest of an article page: its model, and each related article's page without its related list."""
        return self._hash("article-page", [self.shallow(page), page.related])

    def entity_page(self, page: EntityPage) -> str:
        """The digest of an actor's, place's, source's or tag's page."""
        return self._hash("entity-page", page)

    def data(self, article: Article) -> str:
        """The digest of an article's data file (``data/articles/<slug>.json``)."""
        return hashlib.sha256(self.base + b"data\0" + self.article(article).encode()).hexdigest()


class PageRecord:
    """The digests of the pages the last build wrote into ``docs``, kept in ``path`` (``.cache/pages.json``).

    ``reusable(relpath, digest)`` says whether ``docs/relpath`` is still the file rendered from
    ``digest``; ``add`` notes a page of this build; ``save`` writes the new record after the swap.
    """

    def __init__(self, path: Path, docs: Path):
        self.path, self.docs = path, docs
        self.new: dict[str, str] = {}
        self.old: dict[str, list] = {}
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == RECORD_VERSION and data.get("docs") == os.path.abspath(docs):
                    self.old = {str(k): v for k, v in data["pages"].items()}

    def reusable(self, relpath: str, digest: str) -> bool:
        entry = self.old.get(relpath)
        if not entry or entry[0] != digest:
            return False
        try:
            info = os.lstat(self.docs / relpath)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and [info.st_size, info.st_mtime_ns] == entry[1:]

    def add(self, relpath: str, digest: str) -> None:
        self.new[relpath] = digest

    def forget(self) -> None:
        """Remove the stored record (before the swap: from then on it may not describe ``docs``)."""
        with contextlib.suppress(OSError):  # none there, or no folder to hold one (.cache a file)
            if not os.path.islink(self.path.parent):
                self.path.unlink()

    def save(self) -> None:
        """Write the record of this build's pages (their size and time now in ``docs``), atomically."""
        pages = {}
        for relpath, digest in self.new.items():
            with contextlib.suppress(OSError):
                info = os.lstat(self.docs / relpath)
                pages[relpath] = [digest, info.st_size, info.st_mtime_ns]
        record = {"version": RECORD_VERSION, "docs": os.path.abspath(self.docs), "pages": pages}
        try:
            write_atomically(self.path, lambda handle: handle.write(json.dumps(record).encode("utf-8")))
        except OSError as exc:
            print(f"{self.path}: warning: cannot record the pages written ({exc}); the next build renders "
                  "every page again", file=sys.stderr)
