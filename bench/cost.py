"""Cost model for extraction on a cluster, and where the single-process stages become the bottleneck.

``make cost`` (or ``python -m bench.cost``) measures, in this process and its children, in CPU
seconds (user + system: what a core is busy for, so a machine shared with other work does not
inflate it the way wall-clock time would):

1. **Extraction**: our spaCy pipeline (``pipeline.load``) over real article bodies — the seeds in
   ``.corpus/seeds`` when that folder is there, else ``tests/gold*/articles`` — one process,
   ``nlp.pipe`` as the workers run it. Reported as core-seconds per 1,000 words (``len(body.split())``),
   the one-off model load per worker process, and from them the hours for 1 million articles of the
   corpus's mean length on N cores (perfect scaling over batches, the load once per core, the
   scheduler's few milliseconds per batch of 16 left out).
2. **The single-process stages** over a generated archive (``bench/corpus.py``) at ``--sizes``:
   a cold ``build`` fills the cache, then a warm one (stamp removed, nothing parsed) times reading
   the cached extractions, linking across the archive and writing the pages; then ``site``
   (MkDocs and Pagefind). A straight line through the sizes gives the cost per article (the slope;
   the intercept is start-up), and the ratio of the last two sizes' per-article costs says whether it
   grows with the archive.

The archive size at which linking + pages become the bottleneck: a build redoes them over the
whole archive of N articles while Dask parses only the new ones, so with C cores a build adding
k articles is held up by the single process once ``pages_per_article × N > extraction_per_article × k / C``.
Printed for a few C and k. Results also go to ``.bench/cost.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / ".bench" / "cost.json"
CORES = (1, 8, 64, 512)
MILLION = 1_000_000


def real_bodies() -> tuple[str, list[str]]:
    """The bodies to time extraction on, and where they came from (read as seeds are)."""
    from generator.errors import SeedError
    from generator.seed import read_seed

    folder = ROOT / ".corpus" / "seeds"
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    where = ".corpus/seeds"
    if not paths:
        paths = sorted(ROOT.glob("tests/gold*/articles/*.txt"))
        where = "tests/gold*/articles"
    bodies = []
    for path in paths:
        try:
            bodies.append(read_seed(path).body)
        except SeedError:
            continue  # the cost is of extraction: a seed with bad front-matter is simply not counted
    return where, bodies


def cpu() -> float:
    """User + system CPU seconds of this process and of the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure_extraction(bodies: list[str]) -> dict:
    from generator import pipeline
    from generator.settings import model_name

    start = cpu()
    nlp = pipeline.load(model_name())
    load = cpu() - start
    words = sum(len(body.split()) for body in bodies)
    start, wall = cpu(), time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    seconds = cpu() - start
    wall = time.perf_counter() - wall
    per_k = seconds / words * 1000
    mean_words = words / len(bodies)
    hours = {cores: (MILLION * mean_words / 1000 * per_k + cores * load) / cores / 3600 for cores in CORES}
    return {"articles": len(bodies), "words": words, "mean_words": round(mean_words, 1),
            "cpu_seconds": round(seconds, 2), "wall_seconds": round(wall, 2),
            "core_seconds_per_1000_words": round(per_k, 4), "model_load_core_seconds": round(load, 2),
            "core_seconds_per_article": round(seconds / len(bodies), 4),
            "hours_for_1M_articles": {str(c): round(h, 2) for c, h in hours.items()}}


def run_generator(args: list[str], project: Path, expect: str | None = None) -> float:
    """CPU seconds of ``python -m generator ARGS`` in ``project`` (its children included).

    ``expect``: text its output must hold (the warm build's "(0 parsed,": a build that re-parsed,
    because the extraction code changed under it, would not time linking and pages alone).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    before = cpu()
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench.cost: generator {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    if expect and expect not in result.stdout:
        raise SystemExit(f"bench.cost: generator {' '.join(args)} did not say {expect!r} (was the generator's "
                         f"code edited during the run?):\n{result.stdout[-1000:]}")
    return cpu() - before


def measure_stages(size: int, jobs: int, log) -> dict:
    from generator import site as site_stage

    with tempfile.TemporaryDirectory(prefix="digest-cost-") as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "generator").symlink_to(ROOT / "generator", target_is_directory=True)
        shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(
            "index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.*", ".generated*"))
        extra = site_stage.read_config(ROOT).get("extra") or {}
        corpus.generate(project / "seeds", size, allowed_tags=[str(t) for t in extra.get("tags_allowed") or []] or None)
        log(f"  {size} articles: cold build (--jobs {jobs})…")
        cold = run_generator(["build", "--jobs", str(jobs)], project)
        (project / ".cache" / "build-fingerprint").unlink()
        log(f"  {size} articles: warm build (linking + pages)…")
        pages = run_generator(["build", "--jobs", "1"], project, expect="(0 parsed,")
        log(f"  {size} articles: site (MkDocs + Pagefind)…")
        site = run_generator(["site"], project)
    return {"articles": size, "cold_build_cpu": round(cold, 2), "pages_cpu": round(pages, 2),
            "site_cpu": round(site, 2)}


def slope(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares line through ``(size, seconds)``: (seconds per article, seconds at size 0)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    b = sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else my / mx
    return b, my - b * mx


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cost", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,900",
                        help="archive sizes for the single-process stages (default: %(default)s); 'none' skips them")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the cold builds")
    parser.add_argument("--reuse-extraction", action="store_true",
                        help="take the extraction figures from the last .bench/cost.json instead of measuring them")
    args = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    if args.reuse_extraction:
        last = json.loads(RESULTS.read_text(encoding="utf-8"))
        where, extraction = last["corpus"], last["extraction"]
    else:
        where, bodies = real_bodies()
        log(f"extraction: {len(bodies)} articles from {where}…")
        extraction = measure_extraction(bodies)
    out = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                       "cores": os.cpu_count(), "load_average": os.getloadavg()},
           "corpus": where, "extraction": extraction}
    e = extraction
    print(f"Extraction ({where}, {e['articles']} articles, {e['words']:,} words, mean {e['mean_words']:.0f}):")
    print(f"  {e['core_seconds_per_1000_words']:.3f} core-seconds per 1,000 words "
          f"({e['core_seconds_per_article']:.3f} per article); model load {e['model_load_core_seconds']:.1f} "
          "core-seconds per worker process")
    print(f"  1 million articles of {e['mean_words']:.0f} words: " +
          ", ".join(f"{h} h on {c} core{'s' if c != '1' else ''}" for c, h in e["hours_for_1M_articles"].items()))

    sizes = [] if args.sizes == "none" else sorted(int(s) for s in args.sizes.split(","))
    if len(sizes) >= 2:
        stages = [measure_stages(size, args.jobs, log) for size in sizes]
        pages_slope, pages_start = slope([(s["articles"], s["pages_cpu"]) for s in stages])
        site_slope, site_start = slope([(s["articles"], s["site_cpu"]) for s in stages])
        per_article = pages_slope + site_slope
        last, before = stages[-1], stages[-2]
        growth = ((last["pages_cpu"] + last["site_cpu"] - pages_start - site_start) / last["articles"]) / \
                 max(1e-9, (before["pages_cpu"] + before["site_cpu"] - pages_start - site_start) / before["articles"])
        extraction_per_article = e["core_seconds_per_article"]
        out["stages"] = stages
        out["single_process"] = {"pages_seconds_per_article": round(pages_slope, 5),
                                 "site_seconds_per_article": round(site_slope, 5),
                                 "start_up_seconds": round(pages_start + site_start, 2),
                                 "per_article_growth_last_two_sizes": round(growth, 3)}
        print("Single-process stages (CPU seconds):")
        for s in stages:
            print(f"  {s['articles']:>6} articles: cold build {s['cold_build_cpu']:.1f}, linking + pages "
                  f"{s['pages_cpu']:.1f}, site {s['site_cpu']:.1f}")
        print(f"  per article: linking + pages {pages_slope * 1000:.1f} ms, site {site_slope * 1000:.1f} ms "
              f"(start-up {pages_start + site_start:.1f} s); per-article cost at {last['articles']} ÷ at "
              f"{before['articles']}: {growth:.2f}")
        # a build that adds k articles: extraction k × e / C on the cluster, then the single process over all N
        rows = {}
        for cores in (8, 64, 512):
            for added in (100, 1000):
                n = added * extraction_per_article / cores / per_article
                rows[f"{cores} cores, {added} new"] = round(n)
        out["bottleneck_archive_size"] = rows
        print(f"  the single process takes longer than the cluster's extraction once the archive holds more than "
              f"(new articles × {extraction_per_article:.3f} s ÷ cores ÷ {per_article * 1000:.1f} ms) articles:")
        for label, n in rows.items():
            print(f"    {label}: {n:,}")
        if pages_slope + site_slope > 0:
            print(f"  a cold build of the whole archive: the single process is the bottleneck beyond "
                  f"{extraction_per_article / per_article:.0f} cores, whatever the size")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"(written to {RESULTS.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
