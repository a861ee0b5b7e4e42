"""Related articles: for each article, up to ``TOP`` other stories that share its actors and places,
closest in time first among equals.

How an article B is scored for an article A:

* every actor and place the two share adds its weight: the inverse document frequency
  ``log(1 + N / df)`` (N articles, df of them naming the entity), times ``ACTOR_WEIGHT`` for an
  actor and ``PLACE_WEIGHT`` for a place — a shared person says more about the story than a
  shared country, and a name in every other article says little;
* the sum is multiplied by a closeness in time, ``0.5 + 0.5 × exp(−days / TIME_SCALE)``: the same
  people a week apart are more related than years apart, but never less than half;
  undated articles count as ``UNDATED_CLOSENESS``.

Versions of one story (``Article.versions``, from ``duplicates.link_versions``) are one story: an
article never lists its own story's versions (its page already links them as versions), and
another story is listed once, by its best-scoring version. Copies of one text are not
published at all (``duplicate_of``), so they never appear.

Linear-ish: an inverted index from entity to articles proposes candidates; only articles that
share at least one entity are scored, and an entity named in more than ``MAX_POSTING`` articles
(a country in a national archive) adds weight to pairs found through other entities but does not
propose candidates itself, so no entity makes the work quadratic. The scoring runs on numpy arrays
(numpy is spaCy's own dependency), a block of articles at a time.
Ties break on the slug, so the lists are the same on every build.
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import numpy as np

from .link import place_class  # the class of place that keeps a state apart from its namesake city
from .models import Article
from .pages import name_key

TOP = 5
ACTOR_WEIGHT = 1.0
PLACE_WEIGHT = 0.6
TIME_SCALE = 90.0  # days
UNDATED_CLOSENESS = 0.75
MAX_POSTING = 200
ROW_BLOCK = 2048  # articles scored at once: bounds the candidate-pair arrays (~40 B per pair)
REASON_NAMES = 3


def entity_keys(article: Article) -> dict[tuple[str, str, str], str]:
    """The article's actors and places as index keys → the name to show in a reason.

    An actor's key is ('actor', its ``name_key``, its type); a place's ('place', its ``name_key``,
    its country code and whether it is a state or province), so 'Paris' in France and 'Paris' in Texas
    are two places, and so are Washington the state and Washington the capital, as on their pages
    (``link.place_class``).
    """
    keys: dict[tuple[str, str, str], str] = {}
    ex = article.extraction
    for actor in ex.actors:
        key = name_key(actor.name)
        if key:
            keys.setdefault(("actor", key, actor.type), actor.name)
    for loc in ex.locations:
        key = name_key(loc.name)
        if key:
            keys.setdefault(("place", key, f"{loc.country_code or ''}|{place_class(loc)}"), loc.name)
    return keys


def _day(article: Article) -> int | None:
    try:
        return date.fromisoformat(article.date).toordinal() if article.date else None
    except ValueError:
        return None


def stories(articles: list[Article]) -> dict[str, str]:
    """Each slug → its story's id (the smallest slug among the versions linked to it, transitively)."""
    parent = {a.slug: a.slug for a in articles}

    def find(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for article in articles:
        for other in article.versions:
            if other in parent:
                a, b = find(article.slug), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {slug: find(slug) for slug in parent}


def related(articles: list[Article], top: int = TOP) -> dict[str, list[tuple[str, str]]]:
    """slug → up to ``top`` (slug, reason) of related articles of other stories, best first.

    ``reason`` says why in words: 'shares Karoline Leavitt, Gaza · 3 days apart'. Articles that
    share nothing get an empty list. Drafts and unpublished copies should be left out by the caller.

    Computed as arrays (numpy), ``ROW_BLOCK`` articles at a time so that memory stays bounded: the
    light entities' posting lists give every candidate pair and its light score; the heavy entities'
    weight shared by a pair is read from per-article bit masks, a byte at a time through 256-entry
    tables of summed weights. At 10,000 bench articles (2.1 million candidate pairs) this replaced a
    Python loop over the candidates that took ~14 s of CPU (``bench.stages``).
    """
    keys = {a.slug: entity_keys(a) for a in articles}
    story_of = stories(articles)
    n = len(articles)
    slugs = [a.slug for a in articles]
    result: dict[str, list[tuple[str, str]]] = {slug: [] for slug in slugs}
    if n < 2:
        return result
    postings: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, slug in enumerate(slugs):
        for key in keys[slug]:
            postings[key].append(i)
    weight = {key: math.log(1 + n / len(members)) * (ACTOR_WEIGHT if key[0] == "actor" else PLACE_WEIGHT)
              for key, members in postings.items()}
    light = [(np.array(members, dtype=np.int64), weight[key]) for key, members in postings.items()
             if 1 < len(members) <= MAX_POSTING]
    heavy = sorted(key for key, members in postings.items() if len(members) > MAX_POSTING)
    # heavy entities as bits, 8 to a byte; table[b][v] is the weight of the bits set in value v of byte b
    masks = np.zeros((n, max(1, (len(heavy) + 7) // 8)), dtype=np.uint8)
    tables = np.zeros((masks.shape[1], 256), dtype=np.float64)
    values = np.arange(256)
    for bit, key in enumerate(heavy):
        byte, shift = divmod(bit, 8)
        masks[postings[key], byte] |= np.uint8(1 << shift)
        tables[byte] += weight[key] * ((values >> shift) & 1)
    days = [_day(a) for a in articles]  # ordinal days, None when undated
    day = np.array([np.nan if d is None else d for d in days], dtype=np.float64)
    story_ids = {sid: k for k, sid in enumerate(sorted(set(story_of.values())))}
    story = np.array([story_ids[story_of[slug]] for slug in slugs], dtype=np.int64)
    slug_rank = np.empty(n, dtype=np.int64)
    slug_rank[sorted(range(n), key=slugs.__getitem__)] = np.arange(n)

    for lo in range(0, n, ROW_BLOCK):
        hi = min(n, lo + ROW_BLOCK)
        rows_parts, cols_parts, weight_parts = [], [], []
        for members, w in light:
            mine = members[(members >= lo) & (members < hi)]
            if len(mine) == 0:
                continue
            rows_parts.append(np.repeat(mine, len(members)))
            cols_parts.append(np.tile(members, len(mine)))
            weight_parts.append(np.full(len(mine) * len(members), w))
        if not rows_parts:
            continue
        rows, cols, w = np.concatenate(rows_parts), np.concatenate(cols_parts), np.concatenate(weight_parts)
        keep = story[rows] != story[cols]  # never the article itself nor its own story's versions
        rows, cols, w = rows[keep], cols[keep], w[keep]
        if len(rows) == 0:
            continue
        # one light score per pair: contributions sorted by pair, summed in the order the entities came
        pair = rows * n + cols
        order = np.argsort(pair, kind="stable")
        pair, w = pair[order], w[order]
        starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        score = np.add.reduceat(w, starts)
        rows, cols = pair[starts] // n, pair[starts] % n
        shared = masks[rows] & masks[cols]
        for byte in range(masks.shape[1]):
            score = score + tables[byte][shared[:, byte]]
        gap = np.abs(day[rows] - day[cols])
        closeness = np.where(np.isnan(gap), UNDATED_CLOSENESS, 0.5 + 0.5 * np.exp(-gap / TIME_SCALE))
        score = score * closeness
        # per article: best score first, ties on the slug; the first version met of a story is its best
        order = np.lexsort((slug_rank[cols], -score, rows))
        rows, cols = rows[order], cols[order]
        bounds = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1], True])
        for start, stop in zip(bounds[:-1], bounds[1:]):
            i = int(rows[start])
            picked, seen = [], set()
            for j in cols[start:stop].tolist():
                if story[j] in seen:
                    continue
                seen.add(story[j])
                picked.append(j)
                if len(picked) == top:
                    break
            mine = keys[slugs[i]]
            result[slugs[i]] = [(slugs[j], _reason([key for key in keys[slugs[j]] if key in mine], weight,
                                                   keys[slugs[j]], days[i], days[j]))
                                for j in picked]
    return result


def _closeness(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return UNDATED_CLOSENESS
    return 0.5 + 0.5 * math.exp(-abs(a - b) / TIME_SCALE)


def _reason(shared: list, weight: dict, names: dict, a: int | None, b: int | None) -> str:
    top = sorted(shared, key=lambda key: (-weight[key], key))[:REASON_NAMES]
    text = "shares " + ", ".join(names[key] for key in top)
    if len(shared) > len(top):
        text += f" and {len(shared) - len(top)} more"
    if a is not None and b is not None:
        gap = abs(a - b)
        text += " · same day" if gap == 0 else f" · {gap} day{'s' if gap != 1 else ''} apart"
    return text
