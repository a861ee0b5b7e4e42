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
propose candidates itself, so no entity makes the work quadratic; candidates are then scored in
order of that weight until none left can enter the top ``TOP`` (an exact bound).
Ties break on the slug, so the lists are the same on every build.
"""
from __future__ import annotations

import math
from collections import defaultdict
from operator import itemgetter
from datetime import date

from .link import place_class  # the class of place that keeps a state apart from its namesake city
from .models import Article
from .pages import name_key

TOP = 5
ACTOR_WEIGHT = 1.0
PLACE_WEIGHT = 0.6
TIME_SCALE = 90.0  # days
UNDATED_CLOSENESS = 0.75
MAX_POSTING = 200
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
    """
    keys = {a.slug: entity_keys(a) for a in articles}
    days = {a.slug: _day(a) for a in articles}
    story = stories(articles)
    n = len(articles)
    postings: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for article in articles:
        for key in keys[article.slug]:
            postings[key].append(article.slug)
    weight = {key: math.log(1 + n / len(slugs)) * (ACTOR_WEIGHT if key[0] == "actor" else PLACE_WEIGHT)
              for key, slugs in postings.items()}
    # The heavy entities (named in more than MAX_POSTING articles: countries, capitals) are few; each
    # article's set of them is a bit mask, and the weight two articles share through them is summed
    # once per distinct pair of masks, not once per candidate (2 million candidates at 10,000 articles).
    bit = {key: 1 << i for i, key in enumerate(sorted(k for k, slugs in postings.items() if len(slugs) > MAX_POSTING))}
    heavy_mask = {slug: sum(bit.get(key, 0) for key in article_keys) for slug, article_keys in keys.items()}
    shared_heavy: dict[tuple[int, int], float] = {}
    heavy_order = {key: i for i, key in enumerate(bit)}
    result: dict[str, list[tuple[str, str]]] = {}
    for article in articles:
        mine = keys[article.slug]
        # the light entities propose candidates and add their weight as they go; the heavy ones
        # (named in more than MAX_POSTING articles, a few per article) are added to those candidates after
        scores: dict[str, float] = defaultdict(float)
        heavy = []
        for key in mine:
            if len(postings[key]) > MAX_POSTING:
                heavy.append(key)
                continue
            for other in postings[key]:
                scores[other] += weight[key]
        # Candidates in order of their light score; a candidate's final score is at most its light
        # score plus every heavy weight (closeness is at most 1), so once that bound is below the
        # top-th best final score so far, no later candidate can enter the list: stop there. Exact,
        # and most articles look at a few dozen candidates instead of hundreds.
        own_story, own_day = story[article.slug], days[article.slug]
        ceiling = sum(weight[key] for key in heavy)
        # summed in one fixed order (the masks' bit order), so a pair's sum is the same float whichever
        # article of the pair is scored first and however ``mine`` happens to be ordered
        heavy_weights = [(key, weight[key]) for key in sorted(heavy, key=heavy_order.__getitem__)]
        own_mask = heavy_mask[article.slug]
        best: dict[str, tuple[float, str]] = {}  # story → (score, slug) of its best version
        leaders: list[tuple[float, str]] = []  # the ``top`` best (score, story), best first
        floor = -1.0
        for other, score in sorted(scores.items(), key=itemgetter(1), reverse=True):
            if score + ceiling < floor:
                break
            if story[other] == own_story:
                continue
            if heavy:
                pair = (own_mask, heavy_mask[other])
                extra = shared_heavy.get(pair)
                if extra is None:
                    others = keys[other]
                    extra = shared_heavy[pair] = sum([w for key, w in heavy_weights if key in others])
                score += extra
            score *= _closeness(own_day, days[other])
            current = best.get(story[other])
            if current is None or (-score, other) < (-current[0], current[1]):
                best[story[other]] = (score, other)
                # a story's score only rises, so the leaders are kept by replacing its entry
                leaders = sorted([(s, st) for s, st in leaders if st != story[other]] + [(score, story[other])],
                                 reverse=True)[:top]
                if len(leaders) == top:
                    floor = leaders[-1][0]
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))[:top]
        result[article.slug] = [(slug, _reason([key for key in keys[slug] if key in mine], weight, keys[slug],
                                               days[article.slug], days[slug]))
                                for _, slug in ranked]
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
