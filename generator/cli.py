"""``python -m generator``: extract, build, check, site, new.

No traceback reaches the user for bad input: seed problems print as
``file:line:column: key: what — fix`` and the command exits 1.
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import gc
import hashlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import analyse, archive_corrections, article as article_stage, buildlock, corrections, duplicates, maps, \
    output, render, site as site_stage
from .settings import DEFAULT_MODEL, model_name
from .errors import BuildError, Problem, SeedError, printable
from .models import Article, Seed
from .seed import MAX_FILE_BYTES, read_body_only, read_seed

PROJECT = Path.cwd()
SEED_SUFFIXES = (".txt", ".md")
# The cyclic collector's thresholds (CPython's default is 700, 10, 10): a build holds the whole
# archive, hundreds of objects per article, and allocates many more while it reads, links and
# renders it; at the default the collector kept walking that live archive. These are mypy's
# (mypy/gctune.py), set for the same reason. Measured at 10,000 generated articles (bench/run.py,
# one changed seed): with these and the freeze in load_articles the rebuild took 34 s instead of
# 54 s, at the same peak memory (930 MB: the archive's objects are not garbage).
GC_THRESHOLDS = (200_000, 30, 30)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--model", help=f"spaCy pipeline to use (default: ${{DIGEST_SPACY_MODEL}} or {DEFAULT_MODEL})")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print each article's extraction as JSON Lines")
    p.add_argument("--json", action="store_true", help="JSON Lines output (the only format; kept for clarity)")
    p.add_argument("files", nargs="+", type=Path)
    _parallel_options(p)
    _corrections_option(p)
    # only here: what the extractor alone finds (make eval); a build or check always applies the archive's file
    p.add_argument("--no-corrections", action="store_true",
                   help="ignore the archive's corrections file (the seeds' own front-matter corrections still apply)")

    p = sub.add_parser("build", help="turn seeds/ into pages under docs/ (add --site to run MkDocs too)")
    p.add_argument("--seeds", type=Path, default=Path("seeds"))
    p.add_argument("--docs", type=Path, default=Path("docs"))
    p.add_argument("--site", action="store_true", help="then build the site with mkdocs build --strict")
    _wait_option(p)
    _parallel_options(p)
    _corrections_option(p)

    p = sub.add_parser("check", help="validate seeds and report every problem")
    p.add_argument("files", nargs="*", type=Path)
    p.add_argument("--seeds", type=Path, default=Path("seeds"))
    _parallel_options(p)
    _corrections_option(p)

    p = sub.add_parser("site", help="build site/ from docs/ with MkDocs, atomically")
    p.add_argument("--site-dir", type=Path, default=Path("site"))
    _wait_option(p)

    p = sub.add_parser("new", help="scaffold a new seed with a front-matter template")
    p.add_argument("title")
    p.add_argument("--seeds", type=Path, default=Path("seeds"))

    args = parser.parse_args(argv)
    if args.model:
        os.environ["DIGEST_SPACY_MODEL"] = args.model
    try:
        return {"extract": cmd_extract, "build": cmd_build, "check": cmd_check, "site": cmd_site,
                "new": cmd_new}[args.command](args)
    except SeedError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found; nothing was written.",
              file=sys.stderr)
        return 1
    except BuildError as exc:  # messages may quote file names from a pull request: one line each
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 1
    except OSError as exc:
        print(printable(f"error: {exc.filename or ''}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _wait_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", type=float, default=buildlock.DEFAULT_WAIT, metavar="SECONDS",
                   help="if another build of this project is running, wait this long for it (default: %(default)g)")


def _corrections_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corrections", type=Path, metavar="PATH",
                   help="the archive's corrections file (default: corrections.yml, if there is one)")


def _parallel_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="parallel processes: parsing, and rendering the pages (default: the number of cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write .cache/")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine's process pool (default), or Dask")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --executor dask: an existing cluster's scheduler, "
                   "e.g. tcp://10.0.0.5:8786 (default: $DIGEST_DASK_SCHEDULER, else a LocalCluster of --jobs workers)")
    p.add_argument("--cache-url", metavar="URL", default=os.environ.get("DIGEST_CACHE_URL") or None,
                   help="the extraction cache: a folder or an fsspec URL that every worker reaches "
                   "(default: $DIGEST_CACHE_URL, else .cache/extract)")
    p.add_argument("--batch-size", type=int, metavar="N", help="articles per Dask task (default: chosen from the count)")


def seed_files(seeds_dir: Path) -> list[Path]:
    """Every entry of ``seeds_dir`` named like a seed (``*.txt``, ``*.md``; not hidden, not README).

    Entries are listed whatever they are — links, folders, FIFOs — so that ``read_seed`` refuses
    them with an error instead of skipping them silently. A seeds folder that is itself a link
    is refused: a pull request could otherwise point it anywhere on the machine. Files that look
    meant as seeds but are not read (see ``unread_seeds``) are named in a warning on stderr.
    """
    if seeds_dir.is_symlink():
        raise BuildError(f"{seeds_dir}: the seeds folder is a symbolic link — make it a real folder")
    if not seeds_dir.is_dir():
        raise BuildError(f"{seeds_dir}: no such folder of seeds")
    for problem in unread_seeds(seeds_dir):
        print(problem, file=sys.stderr)
    return sorted(p for p in seeds_dir.iterdir() if p.suffix in SEED_SUFFIXES
                  and not p.name.startswith((".", "README")))


MAX_UNREAD_LISTED = 1000  # entries looked at in subfolders: a stray node_modules/ must not stall a check


def unread_seeds(seeds_dir: Path) -> list[Problem]:
    """Warnings for files under ``seeds_dir`` that look like seeds but are never read.

    A seed is a ``*.txt`` or ``*.md`` file directly in ``seeds_dir``: one in a subfolder, one
    named ``.TXT`` or ``.Md``, or a hidden ``.x.txt`` would otherwise be skipped without a word
    and the article silently missing from the site. A warning, not an error: the other seeds
    are fine. ``README*`` files and hidden files of other kinds (``.gitkeep``) stay silent; links
    to folders are not followed.
    """
    def looks_like_seed(name: str) -> bool:
        return Path(name).suffix.lower() in SEED_SUFFIXES and not name.startswith("README")

    unread: list[str] = []
    for entry in sorted(seeds_dir.iterdir()):
        if entry.is_dir() and not entry.is_symlink() and entry.suffix not in SEED_SUFFIXES:
            seen = 0
            for folder, dirs, names in os.walk(entry):  # links to folders are listed, not entered
                dirs.sort()
                seen += len(dirs) + len(names)
                unread += [os.path.join(folder, n) for n in sorted(names) if looks_like_seed(n)]
                if seen > MAX_UNREAD_LISTED:
                    break
        elif looks_like_seed(entry.name) and (entry.name.startswith(".") or entry.suffix not in SEED_SUFFIXES):
            unread.append(str(entry))
    return [Problem(path, 1, 1, None, "not read: seeds must be *.txt or *.md files directly in "
                    f"{seeds_dir}/", "move or rename it", warning=True) for path in unread]


def _seeds_folder(path: Path, seeds_dir: Path | None) -> Path | None:
    """``seeds_dir`` if ``path`` is written as a file under it (links not followed), else None."""
    if seeds_dir is None:
        return None
    return seeds_dir if Path(os.path.abspath(path)).is_relative_to(os.path.abspath(seeds_dir)) else None


def load_articles(files: list[Path], args, lenient: bool = False) -> tuple[list[Article], list[Problem]]:
    """Parse, extract and assemble; returns the articles and every problem found in any seed.

    ``lenient`` (for ``extract``) still extracts a seed whose front-matter is broken, from its
    body alone, follows a link to a regular file, and reports every problem of one file or
    between files (clashing slugs) as a warning, so one bad file never hides the others; only a
    file that cannot be read at all (a FIFO, a device, a folder, a dangling link) is an error,
    and it is skipped. Otherwise (``check``, ``build``) a seed must be a regular file, inside
    ``args.seeds`` when it is under it, and every problem is an error.
    """
    seeds: list[Seed] = []
    problems: list[Problem] = []
    seeds_dir = None if lenient else getattr(args, "seeds", None)
    for path in files:
        try:
            seeds.append(read_seed(path, folder=_seeds_folder(path, seeds_dir), follow_links=lenient))
        except SeedError as exc:
            if not lenient:
                problems += exc.problems
                continue
            try:
                body_only = read_body_only(path)
            except SeedError as unreadable:
                problems += unreadable.problems
                continue
            problems += [replace(p, warning=True, hint=(p.hint + "; " if p.hint else "") +
                                 "extracted from the body, front-matter ignored") for p in exc.problems]
            seeds.append(body_only)
    archive = None
    try:
        if not getattr(args, "no_corrections", False):
            archive = archive_corrections.load(getattr(args, "corrections", None))
    except SeedError as exc:  # checked with the seeds, so that every problem is reported at once
        problems += [replace(p, warning=True, hint=(p.hint + "; " if p.hint else "") + "extracted without "
                             "the corrections file") for p in exc.problems] if lenient else exc.problems
    from . import executors

    cache = (executors.open_cache(args.cache_url) if args.cache_url and not args.no_cache
             else analyse.Cache(_cache_folder(args)))
    if args.batch_size is not None and args.batch_size < 1:
        raise BuildError(f"--batch-size {args.batch_size}: give a number of articles of 1 or more")
    with progress_bar(len(seeds)) as advance:
        extractions, parsed = analyse.extract_bodies([s.body for s in seeds], jobs=args.jobs, cache=cache,
                                                     progress=advance, executor=args.executor,
                                                     scheduler=executors.scheduler_address(args.scheduler),
                                                     batch_size=args.batch_size)
    args.parsed = parsed
    articles = []
    allowed_tags = _allowed_tags()
    for seed, extraction in zip(seeds, extractions):
        article, unmatched = article_stage.assemble(seed, extraction, archive)
        found = corrections.unmatched_problems(seed.path, unmatched, seed.positions, seed.body_line)
        problems += [replace(p, warning=True) for p in found] if lenient else found
        if allowed_tags:
            found = _tag_problems(seed, article.tags, allowed_tags)
            problems += [replace(p, warning=True) for p in found] if lenient else found
        articles.append(article)
    if not lenient and not getattr(args, "files", None):  # the whole archive: an entry that matches nothing is a slip
        problems += archive_corrections.unmatched_problems(archive, extractions)
    folder = None if args.no_cache else _cache_folder(args)
    problems += _settle_repeats(list(zip(articles, seeds)), lenient, folder / "versions.npz" if folder else None)
    gc.freeze()  # the archive lives until the process ends: no later collection need walk it (GC_THRESHOLDS)
    return articles, problems


def _settle_repeats(pairs: list[tuple[Article, Seed]], lenient: bool, memo: Path | None = None) -> list[Problem]:
    """What is between seeds: copies of one text (published once, a warning), addresses (an
    explicit 'slug:' that clashes is an error, or a warning when ``lenient``; title-derived ones
    are made unique) and versions of one story (linked; ``memo`` keeps their shingles between
    builds). See ``generator.duplicates``."""
    problems = duplicates.find_copies(pairs)
    problems += article_stage.settle_slugs(pairs, lenient)
    duplicates.link_versions(pairs, memo)
    return problems


def _allowed_tags() -> list[str]:
    """``extra: tags_allowed:`` in mkdocs.yml, if the site limits its tags."""
    if not (PROJECT / "mkdocs.yml").exists():
        return []
    extra = site_stage.read_config(PROJECT).get("extra") or {}
    return [str(t) for t in extra.get("tags_allowed") or []]


def _tag_problems(seed: Seed, tags: list[str], allowed: list[str]) -> list[Problem]:
    problems = []
    for i, tag in enumerate(tags):
        if tag not in allowed:
            line, column = seed.positions.get(("tags", i), seed.positions.get(("tags",), (1, 1)))
            close = difflib.get_close_matches(tag, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use a tag listed under extra: tags_allowed in mkdocs.yml"
            problems.append(Problem(seed.path, line, column, f"tags[{i}]", f"{tag!r} is not an allowed tag", hint))
    return problems


class progress_bar:
    """A tqdm bar on an interactive terminal; silent in CI and pipes."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self) -> Callable[[int], None]:
        if sys.stderr.isatty() and not os.environ.get("CI") and self.total > 20:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="article", file=sys.stderr)
            return self.bar.update
        return lambda n: None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def raise_errors(problems: list[Problem]) -> None:
    """Print warnings; raise the errors, all of them at once."""
    for problem in problems:
        if problem.warning:
            print(problem, file=sys.stderr)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise SeedError(errors)


def cmd_extract(args) -> int:
    if args.no_corrections and args.corrections is not None:
        print("extract: --corrections and --no-corrections: give one of them, not both", file=sys.stderr)
        return 2
    articles, problems = load_articles(list(args.files), args, lenient=True)
    errors = [p for p in problems if not p.warning]  # files that could not be read at all
    for problem in problems:
        print(problem, file=sys.stderr)
    for a in articles:
        # strict JSON whatever the text holds: no NaN, no characters a strict reader refuses
        sys.stdout.write(json.dumps(render.json_safe(a.contract()), ensure_ascii=False, allow_nan=False) + "\n")
    if errors:  # the other files are still printed; the exit status says one was not
        print(f"{len(errors)} file{'s' if len(errors) != 1 else ''} could not be read; the others were extracted.",
              file=sys.stderr)
        return 1
    return 0


def cmd_check(args) -> int:
    files = list(args.files) or seed_files(args.seeds)
    _, problems = load_articles(files, args)
    raise_errors(problems)
    print(f"{len(files)} seed{'s' if len(files) != 1 else ''} OK")
    return 0


def cmd_build(args) -> int:
    """Write the pages into ``docs/`` (and with ``--site`` build ``site/``), holding the build lock.

    The stamp (``.cache/build-fingerprint``) lets a build with unchanged inputs skip the whole
    stage, so it is only trusted when the pages are verifiably those it describes: it is removed
    before the swap into ``docs/`` and written after it, with a manifest of every generated file
    (size and modification time), and all of them must still be there, unchanged.
    """
    files = seed_files(args.seeds)
    _cache_folder(args)  # before the lock, which records its pid in .cache/
    with buildlock.build_lock(PROJECT, wait=args.wait):
        output.recover(args.docs)
        stamp = PROJECT / ".cache" / "build-fingerprint"
        fingerprint = build_fingerprint([*files, args.corrections or archive_corrections.DEFAULT_PATH], args.docs)
        if not args.no_cache and _stamp_holds(stamp, fingerprint, args.docs):
            print(f"nothing changed since the last build: {args.docs}/ is up to date "
                  f"(0 parsed, {len(files)} from the cache)")
        else:
            articles, problems = load_articles(files, args)
            raise_errors(problems)
            config = site_stage.read_config(PROJECT)
            epoch = os.environ.get("SOURCE_DATE_EPOCH")
            if analyse.linked_cache_part(PROJECT / ".cache") is None:  # never unlink through a link out of the project
                _remove_stamp(stamp)  # an interrupted swap must never be taken for a finished one
            output.write_site(articles, args.docs, site_name=str(config.get("site_name", "News digest")),
                              site_url=_site_url(config), build_epoch=int(epoch) if epoch else None,
                              directory_urls=config.get("use_directory_urls", True) is not False,
                              page_record=None if args.no_cache else PROJECT / ".cache" / "pages.json",
                              jobs=args.jobs)
            if not args.no_cache:
                _write_stamp(stamp, fingerprint, output.manifest(args.docs))
            print(f"wrote pages for {len(articles)} article{'s' if len(articles) != 1 else ''} to {args.docs}/ "
                  f"({args.parsed} parsed, {len(articles) - args.parsed} from the cache)")
        if args.site:
            site_dir = PROJECT / "site"
            site_stage.recover(site_dir)
            site_stage.build_site(PROJECT, site_dir)
            print("built site/")
    return 0


def _cache_folder(args) -> Path | None:
    """``.cache`` for this run, or None with ``--no-cache`` or when part of it is a symbolic link.

    Through a link the build would write its pid, stamp and extractions outside the project and
    trust a stamp it did not write, so a linked part turns the cache off for the run (and the
    stamp shortcut with it: ``args.no_cache`` is set), with one warning however often it is asked.
    """
    if getattr(args, "cache_linked", False) or args.no_cache:
        return None
    args.cache_linked = False
    linked = analyse.linked_cache_part(PROJECT / ".cache")
    if linked is None:
        return PROJECT / ".cache"
    args.cache_linked = args.no_cache = True
    print(f"{os.path.relpath(linked)}: warning: is a symbolic link — the build goes on without the cache, "
          "which is never used through a link; replace it with a real folder or file, or delete it",
          file=sys.stderr)
    return None


def _stamp_holds(stamp: Path, fingerprint: str, docs: Path) -> bool:
    """True if the last build had these inputs and its generated files are all in ``docs``, unchanged."""
    try:
        data = json.loads(stamp.read_bytes())
        return data["fingerprint"] == fingerprint and output.matches(docs, data["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return False  # no stamp, an older format or a damaged one: build


def _remove_stamp(stamp: Path) -> None:
    try:
        stamp.unlink(missing_ok=True)
    except OSError as exc:
        if stamp.parent.is_dir():  # a .cache that is a file (or missing) holds no stamp to trust
            print(f"{os.path.relpath(stamp)}: warning: cannot remove the build stamp ({exc.strerror or exc}) — "
                  "the next build checks the pages against it all the same", file=sys.stderr)


def _write_stamp(stamp: Path, fingerprint: str, files: dict[str, list[int]]) -> None:
    """Write the stamp atomically; one that cannot be written only costs the next build its shortcut."""
    tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}")
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "files": files}, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, stamp)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        print(f"{os.path.relpath(stamp)}: warning: cannot write the build stamp ({exc.strerror or exc}) — "
              "the build goes on; the next one redoes the pages instead of skipping them", file=sys.stderr)


def build_fingerprint(files: list[Path], docs: Path) -> str:
    """Everything the generated pages depend on: seeds, the generator's code, templates and data,
    the site configuration, the model and the build date. Equal fingerprints, equal pages.
    Seeds are hashed as they are, never followed: a link or a FIFO is refused by the read anyway."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    inputs = sorted(package.rglob("*.py")) + sorted(package.glob("templates/*")) + sorted(package.glob("data/*"))
    inputs += [PROJECT / "mkdocs.yml", maps.world_atlas_path(), *files]  # the maps' shapes: installed later, pages redone
    for path in inputs:
        digest.update(str(path).encode() + b"\0")
        regular = not path.is_symlink() and path.is_file()
        digest.update(_head(path) if regular else b"-")
    for value in (str(docs.resolve()), os.environ.get("SOURCE_DATE_EPOCH", ""), model_name()):
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


def _head(path: Path) -> bytes:
    """At most one byte more than a seed may hold: a huge file is refused by the read, never hashed whole."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _site_url(config: dict) -> str:
    url = str(config.get("site_url") or "http://127.0.0.1:8000/")
    return url if url.endswith("/") else url + "/"


def cmd_site(args) -> int:
    site_dir = args.site_dir.resolve()
    with buildlock.build_lock(PROJECT, wait=args.wait):
        site_stage.recover(site_dir)
        site_stage.build_site(PROJECT, site_dir)
    print(f"built {args.site_dir}/")
    return 0


NEW_SEED = """---
title: {title}
date: {date}
outlet:
url:
authors: []
tags: []
# Corrections to the extraction go here; see CONTRIBUTING.md.
---
First paragraph of the article (the lede), on one line.
Second paragraph, on its own line.
"""


def cmd_new(args) -> int:
    """Scaffold ``seeds/YYYYMMDD-slug.txt`` whose title is ``args.title`` exactly, quotes, '$' and backticks included.

    The title is checked as a front-matter title would be (visible text, at most 300 characters)
    before anything is written, so the scaffold always passes ``check`` once its body is filled
    in. It is written as a JSON string, which YAML reads back unchanged.
    """
    from .seed import validate

    found = validate({"title": args.title}, {}, "TITLE", 1)
    if any("\ud800" <= c <= "\udfff" for c in args.title):  # argv bytes that were not UTF-8
        raise BuildError("title: holds bytes that are not UTF-8 — retype the title")
    if found:
        # the schema's fixes speak of front-matter lines; here the title is an argument
        raise BuildError("; ".join(f"title: {p.message}" for p in found)
                         + ' — give the headline as readers should see it, e.g. make new TITLE="Storm hits the coast"')
    path = args.seeds / f"{dt.date.today():%Y%m%d}-{article_stage.slugify(args.title)}.txt"
    if path.exists():
        raise BuildError(f"{path} already exists")
    args.seeds.mkdir(parents=True, exist_ok=True)
    title = json.dumps(args.title, ensure_ascii=False)
    path.write_text(NEW_SEED.format(title=title, date=dt.date.today().isoformat()), encoding="utf-8")
    print(f"created {path}: paste the article body below the front-matter, then run make build")
    return 0
