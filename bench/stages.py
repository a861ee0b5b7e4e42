"""Time the stages after extraction — load, linking, page model, render, write — over a cached archive.

Issue 17's one-changed-seed rebuild re-parses one article; everything else it spends is in the
single-process stages this script times one by one, over an existing project's extraction cache:

1. ``load``: read every seed, look its extraction up in the cache (never parse: a miss stops the
   script), assemble the articles, find copies and versions (``cli.load_articles``, as ``build``);
2. ``link``: ``link.link`` over the published articles (who is who);
3. ``pages``: ``pages.build_site`` (its linking call is served from step 2) and ``add_connections``
   (related articles, timelines, sourcing);
4. ``render``: every page, feed and data file rendered (``output.render_all``);
5. ``write``: the files written into a temporary docs folder and swapped in (``output.swap_in``).

The extraction cache key covers the rules' code and data, so with today's code an old project's
cache would miss every article. ``--code DIR`` takes the key from the copy of ``generator/`` the
cache was built with (the bench keeps one: ``/tmp/digest-bench-*/code``): the cached extractions
are then used as they are, with today's linking, pages and templates. The project is only read;
the pages go to ``--docs`` (default: a temporary folder, removed unless ``--keep-docs``), so two
runs can be compared with ``diff -r``.

Usage, from the repository root::

    .venv/bin/python -m bench.stages --project /tmp/digest-bench-XXXX/project-10000 \\
        --code /tmp/digest-bench-XXXX/code --docs /tmp/docs-after [--profile] [--limit N]

``--profile`` runs each stage under cProfile and prints its top functions (cumulative and own
time; about twice as slow, so read the stage times from a run without it). ``--limit N`` takes
the first N seeds only (sorted by file name), to see how a stage grows with the archive.
``--record FILE`` renders incrementally as ``build`` does (``generator.pagecache``): run once to
write the pages and the record, then again with ``--retitle K`` (the K-th article's title changed
in memory, as an edited seed would) to time what one changed article costs.
Prints one line per stage, in seconds of wall time and of this process's CPU time (on a busy
machine the CPU time is the steadier figure); nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def static_key_part(code: Path, model: str) -> str:
    """``analyse._static_key_part(model)`` as the generator in ``code`` (a folder holding
    ``generator/``) computes it, in a fresh process so that the two versions never mix."""
    probe = ("import json, sys; from generator import analyse; "
             "print(json.dumps(analyse._static_key_part(sys.argv[1])))")
    out = subprocess.run([sys.executable, "-c", probe, model], cwd=code, check=True, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(code)})
    return json.loads(out.stdout)


def cache_only(cache_root: Path):
    """A stand-in for ``analyse.extract_bodies`` that serves every body from ``cache_root`` and never
    parses or writes: a body not in the cache stops the run (its stage times would mean nothing)."""
    from generator import analyse, settings

    cache = analyse.Cache(cache_root)

    def extract_bodies(bodies, **_ignored):
        model = settings.model_name()
        results = []
        for i, body in enumerate(bodies):
            extraction = cache.get(analyse.cache_key(body, model))
            if extraction is None:
                raise SystemExit(f"stages: seed {i + 1} of {len(bodies)} is not in {cache_root}/extract with this "
                                 "key; give --code the generator/ copy the cache was built with")
            results.append(extraction)
        return results, 0

    return extract_bodies


class Stages:
    """Runs stages in turn, printing each one's wall time (and, with ``profile``, its top functions)."""

    def __init__(self, profile: bool, top: int):
        self.profile, self.top, self.times, self.cpu = profile, top, {}, {}

    def run(self, name: str, fn, *args, **kwargs):
        profiler = cProfile.Profile() if self.profile else None
        start, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        try:
            return fn(*args, **kwargs)
        finally:
            if profiler:
                profiler.disable()
            self.times[name] = time.perf_counter() - start
            self.cpu[name] = time.process_time() - cpu
            print(f"{name:>8}: {self.times[name]:8.2f} s wall, {self.cpu[name]:8.2f} s CPU", flush=True)
            if profiler:
                for order in ("cumulative", "tottime"):
                    text = io.StringIO()
                    pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(self.top)
                    lines = text.getvalue().splitlines()
                    start_at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
                    print(f"--- {name}, by {order}:")
                    print("\n".join(line[:160] for line in lines[start_at:] if line.strip()))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__.split("\n\n")[0])
    p.add_argument("--project", type=Path, required=True, help="a built project: seeds/, .cache/extract, mkdocs.yml")
    p.add_argument("--code", type=Path, help="the folder holding the generator/ the cache was built with")
    p.add_argument("--docs", type=Path, help="where to write the pages (default: a temporary folder)")
    p.add_argument("--keep-docs", action="store_true", help="keep the temporary docs folder")
    p.add_argument("--limit", type=int, help="only the first N seeds")
    p.add_argument("--jobs", type=int, default=1, help="processes rendering the article and entity pages, as "
                   "build --jobs (default 1; the CPU time shown is this process's only)")
    p.add_argument("--record", type=Path, help="render incrementally against this page record (as .cache/pages.json): "
                   "the first run writes it, a second one with the same --docs reuses what did not change")
    p.add_argument("--retitle", type=int, metavar="N", help="change the title of the N-th seed's article in memory "
                   "(what one edited seed changes downstream, without parsing it)")
    p.add_argument("--until", choices=["load", "link", "pages", "render"], help="stop after this stage")
    p.add_argument("--profile", action="store_true", help="cProfile each stage")
    p.add_argument("--top", type=int, default=25, help="functions shown per stage with --profile")
    args = p.parse_args(argv)

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("CI", "1")  # no progress bar
    from generator import analyse, cli, link, output, pages, settings, site as site_stage

    project = args.project.resolve()
    if args.code is not None:
        part = static_key_part(args.code.resolve(), settings.model_name())
        analyse._static_key_part = lambda model: part  # the old rules' key: use their extractions as they are
    cli.PROJECT = project  # mkdocs.yml's tags_allowed and site settings; nothing is written there
    analyse.extract_bodies = cache_only(project / ".cache")

    files = cli.seed_files(project / "seeds")[:args.limit]
    ns = argparse.Namespace(seeds=project / "seeds", cache_url=None, no_cache=False, jobs=1, executor="local",
                            scheduler=None, batch_size=None, no_corrections=False,
                            corrections=(project / "corrections.yml") if (project / "corrections.yml").exists() else None,
                            files=None)
    stages = Stages(args.profile, args.top)
    articles, problems = stages.run("load", cli.load_articles, files, ns)
    errors = [p for p in problems if not p.warning]
    if errors:
        print("\n".join(map(str, errors[:10])), file=sys.stderr)
        return 1
    if args.retitle is not None:
        articles[args.retitle].title += " (updated)"
    published = [a for a in pages.newest_first(articles) if not a.draft and a.duplicate_of is None]
    if args.until == "load":
        return 0
    linking = stages.run("link", link.link, published)
    if args.until == "link":
        return 0
    real_link = link.link
    link.link = lambda arts: linking if len(arts) == len(published) else real_link(arts)
    try:
        site = stages.run("pages", lambda: pages.add_connections(pages.build_site(articles)))
    finally:
        link.link = real_link
    if args.until == "pages":
        return 0

    config = site_stage.read_config(project)
    docs = args.docs or Path(tempfile.mkdtemp(prefix="stages-docs-"))
    docs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=docs))
    rendered: list[tuple[str, str | None]] = []
    record = None
    if args.record:
        from generator import pagecache

        record = pagecache.PageRecord(args.record.resolve(), docs)

    def render() -> None:
        for relpath, text in output.render_all(site, site_name=str(config.get("site_name", "News digest")),
                                               site_url=cli._site_url(config), build_epoch=0,
                                               directory_urls=config.get("use_directory_urls", True) is not False,
                                               jobs=args.jobs,
                                               **({"record": record} if record is not None else {})):
            rendered.append((relpath, text))

    def write() -> None:  # as output.write_site
        for relpath, text in rendered:
            target = staging / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                output.reuse(docs / relpath, target)
            else:
                target.write_text(text, encoding="utf-8")
                output.keep_time_if_unchanged(target, docs / relpath)
        if record is not None:
            record.forget()
        output.swap_in(staging, docs)
        if record is not None:
            record.save()

    try:
        stages.run("render", render)
        stages.run("write", write)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    total, cpu = sum(stages.times.values()), sum(stages.cpu.values())
    reused = sum(1 for _, text in rendered if text is None)
    print(f"{'total':>8}: {total:8.2f} s wall, {cpu:8.2f} s CPU ({len(articles):,} articles, {len(rendered):,} files, {reused:,} of them "
          f"reused → {docs})")
    if args.docs is None and not args.keep_docs:
        shutil.rmtree(docs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
