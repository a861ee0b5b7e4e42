"""Which seeds are copies or versions of one story: a real archive has repeats, and goes in as it is.

* **Copies** (``find_copies``): seeds whose bodies are the same text once runs of whitespace are
  one space (front-matter is ignored: a copy filed again with other tags is still a copy). The
  first in ``order_key`` order is published; each other one is named on its page ("Also filed
  as …") and ``check``/``build`` warn about it — a warning, not an error, because nothing is lost.
* **Versions** (``link_versions``): published seeds, not copies, with the same front-matter title or a Jaccard
  similarity of at least ``THRESHOLD`` over their sets of word 5-gram shingles (an update that
  adds a paragraph, a correction of a figure). Versions are grouped transitively into stories,
  and each page lists the story's other versions, newest first.

Why an exact shingle index and not MinHash + LSH: ``datasketch`` (the maintained MinHash library)
needs SciPy, some 40 MB, only to tune its bands, and its estimates make a link depend on luck near
the threshold. Here every candidate pair is checked with the exact Jaccard of its two shingle
sets, so the links are the same on every machine and every build. It stays near-linear at 10,000
articles because no pair of articles is compared unless they share an indexed shingle:

* a shingle is a CRC-32 of five lower-cased words (deterministic, unlike ``hash()``);
* the index keeps the shingles whose CRC is a multiple of ``SAMPLE`` (all of them for a text of
  fewer than ``SHORT`` shingles), so it holds about an eighth of the words of the archive. Two
  texts with Jaccard ≥ 0.6 and ``SHORT`` shingles or more share at least 120 shingles, and each is
  indexed with chance 1/8: the chance that none is, and a pair is missed, is below 1e-7;
* a shingle already indexed for ``CAP`` articles (boilerplate: "Reporting by …; Editing by …")
  stops proposing candidates, so one common line never makes every pair a candidate. A story in
  more than ``CAP`` versions is still linked, through the shingles its versions do not share with
  all the others;
* a candidate whose shingle count is not within ``THRESHOLD`` of the text's cannot reach it and
  is skipped; any other is compared through its shingles kept as a packed array of 32-bit CRCs
  (4 bytes a shingle, about a tenth of the text), computed once per text: rebuilding them from
  the text at each comparison made the step grow with the candidates (45 shingle passes per text
  at 1,000 generated articles, most of the build's load time).

Time is about linear in the archive's words; memory is the sampled index and the packed arrays.

**Between builds** (``ShingleMemo``, ``.cache/versions.npz``): a text's shingles and the verdict on a
pair of texts are functions of the texts alone, so the build keeps them by text digest. A rebuild
after one seed changed computes the shingles of that text only and compares only the pairs that
hold it (at 10,000 generated articles the index proposes some 500,000 pairs, and comparing them was
half of a one-changed-seed rebuild's load). Which pairs are proposed is still worked out from the
whole archive each time, so the links are exactly those of a build without the memo.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import sys
import zipfile
import zlib
from array import array
from pathlib import Path, PurePath

import numpy as np

from .errors import Problem
from .files import write_atomically
from .models import Article, Seed

SHINGLE_WORDS = 5
THRESHOLD = 0.6
SAMPLE = 8
SHORT = 200
CAP = 32
MAX_VERSIONS = 20  # listed on one page; a story filed a hundred times must not make pages quadratic
_WORD = re.compile(r"\w+")


def normalised_text(body: str) -> str:
    """The body with every run of whitespace one space, and none at the ends: what makes two seeds copies."""
    return " ".join(body.split())


def order_key(article: Article) -> tuple:
    """Which of several seeds comes first (keeps the plain address, is the published copy): the
    earliest date, then the file name, then the whole path; undated seeds after dated ones, so
    that an undated seed added later never takes a dated one's place."""
    return (article.date is None, article.date or "", PurePath(article.source_file).name, article.source_file)


def find_copies(pairs: list[tuple[Article, Seed]]) -> list[Problem]:
    """Mark seeds with the same text as copies; return one warning per copy that is not published.

    Drafts take no part (they are not published, and a draft copy of a published article hides
    nothing). The first copy in ``order_key`` order is published and lists the others in
    ``Article.also_filed``; each other one gets ``Article.duplicate_of`` and the warning
    ``file:1:1: warning: same text as seeds/y.txt — published once, …``.
    """
    by_text: dict[str, list[Article]] = {}
    for article, seed in pairs:
        if not article.draft:
            by_text.setdefault(normalised_text(seed.body), []).append(article)
    problems = []
    for group in by_text.values():
        if len(group) < 2:
            continue
        first, *copies = sorted(group, key=order_key)
        for copy in copies:
            copy.duplicate_of = first.source_file
            first.also_filed.append(copy.source_file)
            problems.append(Problem(
                copy.source_file, 1, 1, None, f"same text as {first.source_file}",
                f"published once, from {first.source_file}, whose page names this file as a copy; "
                "delete one of them if that is right, or change a text if they are different articles",
                warning=True))
    return problems


def shingles(text: str) -> set[int]:
    """CRC-32s of the text's lower-cased word 5-grams (of the whole text, if it has fewer words)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8", "surrogatepass"))} if words else set()
    return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass"))
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def text_digest(text: str) -> bytes:
    """16 bytes that name a text in the ``ShingleMemo`` (BLAKE2b of its UTF-8)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ShingleMemo:
    """What the last build learnt about its texts: each text's shingles and the verdict on each pair
    it compared, by text digest (``text_digest``). Stored in one ``.npz`` file of plain arrays, read
    with ``allow_pickle=False``, never through a symbolic link.

    A memo made under other rules (``RULES``), or that does not hold together (offsets, pair keys
    out of range), is ignored: it only saves time, and the verdicts are recomputed without it.
    """

    RULES = f"shingles v1: {SHINGLE_WORDS} words, {_WORD.pattern}, threshold {THRESHOLD}"

    def __init__(self, path: Path | None = None):
        self.path = path
        self.index: dict[bytes, int] = {}
        self.offsets = np.zeros(1, dtype=np.uint64)
        self.shingles = np.zeros(0, dtype=np.uint32)
        self.checked: set[int] = set()
        self.similar: set[int] = set()
        self.new_texts: list[tuple[bytes, array]] = []
        self.new_checked: list[int] = []
        self.new_similar: list[int] = []
        if path is not None:
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
                self._load(path)

    def _load(self, path: Path) -> None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return
            with np.load(handle, allow_pickle=False) as data:
                if str(data["rules"]) != self.RULES:
                    return
                digests, offsets, shingles = data["digests"], data["offsets"], data["shingles"]
                checked, similar = data["checked"], data["similar"]
        n = len(digests)
        if (digests.dtype != np.dtype("S16") or offsets.dtype != np.uint64 or shingles.dtype != np.uint32
                or checked.dtype != np.uint64 or similar.dtype != np.uint64 or len(offsets) != n + 1
                or offsets[0] != 0 or offsets[-1] != len(shingles) or np.any(np.diff(offsets.astype(np.int64)) < 0)):
            return
        keys = np.concatenate([checked, similar])
        if len(keys) and ((keys >> np.uint64(32)).max() >= n or (keys & np.uint64(0xFFFFFFFF)).max() >= n):
            return
        self.index = {bytes(d): i for i, d in enumerate(digests.tolist())}
        self.offsets, self.shingles = offsets, shingles
        self.checked, self.similar = set(checked.tolist()), set(similar.tolist())

    def known(self, digest: bytes) -> int | None:
        """The text's number in the stored memo, or None when the last build did not have it."""
        return self.index.get(digest)

    def shingles_of(self, known: int) -> array:
        """The stored shingles of text number ``known``, packed (``array('I')``)."""
        packed = array("I")
        packed.frombytes(self.shingles[int(self.offsets[known]):int(self.offsets[known + 1])].tobytes())
        return packed

    @staticmethod
    def pair_key(a: int, b: int) -> int:
        return (min(a, b) << 32) | max(a, b)

    def verdict(self, a: int | None, b: int | None) -> bool | None:
        """Whether the stored texts ``a`` and ``b`` were found similar; None when not compared then."""
        if a is None or b is None:
            return None
        key = self.pair_key(a, b)
        return (key in self.similar) if key in self.checked else None

    def save(self) -> None:
        """Write what this build learnt (its texts, in order, and its compared pairs), atomically.
        A memo that cannot be written is reported in one line; the build goes on."""
        if self.path is None:
            return
        lengths = np.array([len(p) for _, p in self.new_texts], dtype=np.uint64)
        offsets = np.zeros(len(lengths) + 1, dtype=np.uint64)
        np.cumsum(lengths, out=offsets[1:])
        shingles = np.frombuffer(b"".join(p.tobytes() for _, p in self.new_texts), dtype=np.uint32)
        digests = np.array([d for d, _ in self.new_texts], dtype="S16")
        try:
            write_atomically(self.path, lambda handle: np.savez(
                handle, rules=np.array(self.RULES), digests=digests, offsets=offsets, shingles=shingles,
                checked=np.array(self.new_checked, dtype=np.uint64), similar=np.array(self.new_similar, dtype=np.uint64)))
        except OSError as exc:
            print(f"{self.path}: warning: cannot keep the shingles of this build ({exc}); the next build "
                  "computes them again", file=sys.stderr)


def similar_pairs(texts: list[str], memo: ShingleMemo | None = None) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of texts whose shingle sets have Jaccard ≥ ``THRESHOLD``.

    Near-linear in the total number of words (see the module docstring for the index, its
    sampling and its cap); the result is exact for every pair the index proposes. With ``memo``,
    shingles and verdicts the last build stored are reused, and this build's are put in it
    (``memo.save()`` writes them); the pairs returned are the same with or without it.
    """
    index: dict[int, int | list[int]] = {}  # shingle → the articles it is indexed for (an int while one)
    sizes: list[int] = []
    packed: list[array] = []  # each text's shingles, 4 bytes each: a set per text would be ~20× that
    known: list[int | None] = []
    found = []
    for j, text in enumerate(texts):
        digest = text_digest(text) if memo is not None else b""
        known.append(memo.known(digest) if memo is not None else None)
        if known[j] is None:
            mine = shingles(text)
            packed.append(array("I", mine))
        else:
            packed.append(memo.shingles_of(known[j]))
            mine = set(packed[j])
        if memo is not None:
            memo.new_texts.append((digest, packed[j]))
        sizes.append(len(mine))
        candidates: set[int] = set()
        for h in mine:
            held = index.get(h)
            if held is None:
                continue
            if isinstance(held, int):
                candidates.add(held)
            elif len(held) < CAP:
                candidates.update(held)
        for i in sorted(candidates):
            # |A ∩ B| ≤ min and |A ∪ B| ≥ max: sets whose sizes differ too much cannot be similar
            if min(sizes[i], len(mine)) < THRESHOLD * max(sizes[i], len(mine)):
                continue
            similar = memo.verdict(known[i], known[j]) if memo is not None else None
            if similar is None:
                shared = len(mine.intersection(packed[i]))
                similar = shared >= THRESHOLD * (len(mine) + sizes[i] - shared)  # |A ∪ B| = |A| + |B| − |A ∩ B|
            if memo is not None:
                memo.new_checked.append(memo.pair_key(i, j))
                if similar:
                    memo.new_similar.append(memo.pair_key(i, j))
            if similar:
                found.append((i, j))
        every = len(mine) < SHORT
        for h in mine:
            if every or h % SAMPLE == 0:
                held = index.get(h)
                if held is None:
                    index[h] = j
                elif isinstance(held, int):
                    index[h] = [held, j]
                elif len(held) < CAP:
                    held.append(j)
    return found


def link_versions(pairs: list[tuple[Article, Seed]], memo_path: Path | None = None) -> None:
    """Fill ``Article.versions`` of each published seed with the other versions of its story.

    Runs after ``article.settle_slugs`` (versions are listed by slug). A copy gets its original's
    slug, since that is where its text is published. ``memo_path`` (``.cache/versions.npz``) keeps
    the shingles and verdicts between builds (``ShingleMemo``); the links are the same without it.
    """
    slugs = {a.source_file: a.slug for a, _ in pairs}
    for article, _ in pairs:
        if article.duplicate_of is not None:
            article.slug = slugs.get(article.duplicate_of, article.slug)
    live = [(a, s) for a, s in pairs if a.duplicate_of is None and not a.draft]
    parent = list(range(len(live)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_title: dict[str, int] = {}
    for i, (article, seed) in enumerate(live):
        # only a title someone wrote: titles cut from the lede ("Federal Education Minister")
        # are shared by unrelated stories
        key = " ".join(_WORD.findall(article.title.casefold())) if seed.front_matter.get("title") else ""
        if key:
            join(i, by_title.setdefault(key, i))
    memo = ShingleMemo(memo_path) if memo_path is not None else None
    for i, j in similar_pairs([normalised_text(s.body) for _, s in live], memo):
        join(i, j)
    if memo is not None:
        memo.save()
    stories: dict[int, list[Article]] = {}
    for i, (article, _) in enumerate(live):
        stories.setdefault(root(i), []).append(article)
    for story in stories.values():
        if len(story) < 2:
            continue
        newest = sorted(story, key=lambda a: (a.date or "", a.slug), reverse=True)  # as pages.newest_first
        for article in story:
            others = [a.slug for a in newest if a is not article]
            article.versions = others[:MAX_VERSIONS]
            article.versions_total = len(others)
