#!/usr/bin/env python3
"""The hand check of the real-news corpus's index pages (issue 13 §6) and anonymous sources (issue 14 §3).

``.venv/bin/python corpus/index_check.py`` builds the page model of ``.corpus/seeds/`` the way
``generator build`` does (the same ``cli.load_articles``, extraction cache in ``.cache/``, then
``pages.build_site``; no Markdown is written and MkDocs is not run) and prints the top ``--top``
(100) rows of the Actors, Places and Sources indexes, in the order those index pages list them
(``output.render_indexes``: most articles first, then by name), each with its type, country, page
path, number of articles and a few evidence sentences from different articles. ``--anonymous``
prints instead the fixed random sample of sources labelled anonymous (``ANONYMOUS_SEED``,
``ANONYMOUS_SAMPLE``), with the sentence each was quoted in. ``--tsv`` prints one row per line,
for writing or diffing the gold; ``--json`` prints both, as one object, for the test (which runs
this script in a process of its own, as a user would).

The judgements live in ``tests/index_check/gold.tsv`` and ``tests/index_check/anonymous_sample.tsv``;
``tests/test_index_check.py`` rebuilds the same rows with the functions here and counts the rows
judged right (a row with no judgement counts as wrong, so new rows must be judged).

Why a script of its own rather than reading ``docs/``: the check must not write ``docs/`` (other
people use that tree) and needs the evidence sentences, which the index pages do not carry.
Only the standard library and the generator's own modules are used.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / ".corpus" / "seeds"
INDEXES = ("actor", "place", "source")  # the Actors, Places and Sources indexes, by EntityPage.indexes
ANONYMOUS_SEED = 20261206  # the sample's random seed: written down so that the test re-draws the same 50
ANONYMOUS_SAMPLE = 50
EVIDENCE = 3  # sentences shown per row, each from a different article

sys.path.insert(0, str(ROOT))
# generator.cli takes the project folder (.cache/, corrections.yml) from the working folder at import
with contextlib.chdir(ROOT):
    from generator import cli, pages  # noqa: E402
    from generator.errors import SeedError  # noqa: E402


@dataclass
class Row:
    """One row of an index page, as the reader sees it, plus what an editor needs to judge it."""

    index: str  # 'actor', 'place' or 'source'
    rank: int  # 1-based position on the index page
    name: str
    type: str  # the index's Type/Kind column
    country: str  # places: the ISO code; generic bodies: their country; else ''
    path: str  # the page's path under docs/: the row's key in the gold
    articles: int  # the index's Articles column
    aliases: str = ""  # the page's 'Also written' fact: the other names linking joined to it
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (seed file name, sentence)


@dataclass
class AnonymousRow:
    """One source labelled anonymous in one article, with its descriptor and the sentence it was quoted in."""

    file: str  # seed file name
    descriptor: str
    sentence: int  # index of the first quote's sentence, -1 with no quote
    text: str  # that sentence

    @property
    def key(self) -> str:
        return f"{self.file}#{self.sentence}#{self.descriptor}"


def load_articles(seeds: Path = SEEDS, jobs: int = 2) -> list:
    """The corpus's articles, as ``generator build`` assembles them (extraction cached in ``.cache/``).

    Raises ``SystemExit`` with the seeds' problems, one per line, when a seed does not check, and when
    ``seeds`` is missing (run ``python3 corpus/fetch.py`` first).
    """
    files = cli.seed_files(seeds) if seeds.is_dir() else []
    if not files:
        raise SystemExit(f"{seeds}: no seeds — run `python3 corpus/fetch.py` first to regenerate the corpus")
    args = argparse.Namespace(seeds=seeds, corrections=None, cache_url=None, no_cache=False, jobs=jobs,
                              executor="local", scheduler=None, batch_size=None, files=None)
    try:
        with contextlib.chdir(ROOT):  # the project's corrections.yml, if it has one, as `generator build` reads it
            articles, problems = cli.load_articles(files, args)
    except SeedError as exc:
        problems = exc.problems
    errors = [p for p in problems if not p.warning]
    if errors:
        raise SystemExit("\n".join(str(p) for p in errors) + f"\n{len(errors)} problem(s) in {seeds}")
    return articles


def build(articles: list):
    """``pages.build_site`` then ``pages.add_connections``: the page model ``generator build`` renders."""
    return pages.add_connections(pages.build_site(articles))


def index_rows(site, index: str, top: int = 100) -> list[Row]:
    """The first ``top`` rows of one index page ('actor', 'place' or 'source'), in its order.

    The order and the Articles column are ``output.render_indexes``'s: most articles first, then the
    title without case; on the Sources index an actor counts the articles that quote it.
    """
    by_path = {}  # actor page path → identity, for a generic body's country
    if site.linking is not None:
        for ident in site.linking.identities.values():
            if ident.is_actor:
                by_path.setdefault(pages.actor_path(ident.name, ident.kind), ident)
    chosen = [e for e in site.entities if index in (e.indexes or [e.kind])]

    def total(e) -> int:
        return len(e.quoted_in) if index == "source" and e.kind == "actor" else e.total

    chosen.sort(key=lambda e: (-total(e), e.title.lower()))
    rows = []
    for rank, e in enumerate(chosen[:top], 1):
        facts = dict(e.facts)
        country = facts.get("Country", "") if e.kind == "place" else ""
        ident = by_path.get(e.path) if e.kind == "actor" else None
        if ident is not None and ident.generic and ident.country:
            country = ident.country
        rows.append(Row(index, rank, e.title, e.subtitle or "", "" if country == "—" else country, e.path,
                        total(e), facts.get("Also written", ""), _evidence(e, index)))
    return rows


def _evidence(page, index: str) -> list[tuple[str, str]]:
    out = []
    for app in page.appearances:
        ex = app.article.extraction
        # on the Sources index, a quote says most about who spoke; elsewhere the first mention
        n = app.quote_sentence if index == "source" and app.quote_sentence is not None else app.sentence
        if n is not None and 0 <= n < len(ex.sentences):
            out.append((Path(app.article.source_file).name, ex.sentences[n]))
        elif app.detail:  # an outlet's row: "published this article"
            out.append((Path(app.article.source_file).name, app.detail))
        if len(out) == EVIDENCE:
            break
    return out


def anonymous_sources(articles: list) -> list[AnonymousRow]:
    """Every source labelled anonymous in the published articles, in file order then article order."""
    rows = []
    # drafts and copies are not published (``pages.build_site``), so their sources are on no page
    published = [a for a in articles if not a.draft and a.duplicate_of is None]
    for a in sorted(published, key=lambda a: Path(a.source_file).name):
        ex = a.extraction
        for s in ex.sources:
            if not s.anonymous:
                continue
            n = s.quotes[0].sentence if s.quotes else -1
            text = ex.sentences[n] if 0 <= n < len(ex.sentences) else ""
            rows.append(AnonymousRow(Path(a.source_file).name, s.descriptor or s.name or "", n, text))
    return rows


def anonymous_sample(articles: list, n: int = ANONYMOUS_SAMPLE, seed: int = ANONYMOUS_SEED) -> list[AnonymousRow]:
    """A random sample of ``n`` anonymous sources (all of them if fewer), drawn with ``seed``.

    Each source's place in a random order is the SHA-256 of the seed and its key (file, sentence,
    descriptor), and the ``n`` first are taken. The same corpus and extraction give the same sample,
    and, unlike ``random.sample``, a source more or less elsewhere in the corpus leaves the rest of
    the sample as it was, so a rule change asks for new judgements only for the sources it changed.
    """
    rows = anonymous_sources(articles)
    return sorted(rows, key=lambda r: hashlib.sha256(f"{seed}:{r.key}".encode()).hexdigest())[:n]


def _clean(text: str) -> str:
    return " ".join(text.split()).replace("\t", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--index", choices=INDEXES, action="append", help="only this index (repeatable)")
    parser.add_argument("--anonymous", action="store_true", help="the anonymous-source sample instead")
    parser.add_argument("--tsv", action="store_true", help="one tab-separated row per line")
    parser.add_argument("--json", action="store_true", help="everything the test checks, as one JSON object: "
                        "the top rows of each index and the anonymous sample (tests/test_index_check.py)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    articles = load_articles(args.seeds, args.jobs)
    if args.json:
        site = build(articles)
        json.dump({"articles": len(articles), "anonymous_seed": ANONYMOUS_SEED,
                   "indexes": {i: [dataclasses.asdict(r) for r in index_rows(site, i, args.top)] for i in INDEXES},
                   "anonymous": [{**dataclasses.asdict(r), "key": r.key} for r in anonymous_sample(articles)]},
                  sys.stdout, ensure_ascii=False)
        return 0
    if args.anonymous:
        rows = anonymous_sources(articles)
        sample = anonymous_sample(articles)
        print(f"# {len(sample)} of {len(rows)} anonymous sources in {len(articles)} articles, seed {ANONYMOUS_SEED}")
        for i, r in enumerate(sample, 1):
            if args.tsv:
                print("\t".join([str(i), r.key, _clean(r.descriptor), _clean(r.text)]))
            else:
                print(f"{i:3} {r.descriptor!r}  [{r.file} s{r.sentence}]\n      {_clean(r.text)}")
        return 0
    site = build(articles)
    for index in args.index or INDEXES:
        if not args.tsv:
            print(f"\n=== {index} index: top {args.top} of {len(articles)} articles ===")
        for r in index_rows(site, index, args.top):
            if args.tsv:
                ev = " || ".join(f"[{f}] {_clean(s)}" for f, s in r.evidence)
                print("\t".join([index, str(r.rank), r.path, _clean(r.name), r.type, r.country, str(r.articles), _clean(r.aliases), ev]))
                continue
            print(f"{r.rank:3}. {r.name}  ({r.type}{', ' + r.country if r.country else ''})  {r.path}  "
                  f"{r.articles} articles" + (f"  also: {r.aliases}" if r.aliases else ""))
            for f, s in r.evidence:
                print(f"       [{f}] {_clean(s)[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
