"""Orchestrates one benchmark run per corpus size, prints the table, writes ``.bench/results.json``.

For each size, in a throw-away project folder (the repository's ``mkdocs.yml`` and
hand-written ``docs/`` pages, like ``tests/conftest.py``'s ``make_project``, plus a
generated corpus in ``seeds/``):

1. bare spaCy baseline: one process, ``spacy.load(model)`` + ``list(nlp.pipe(texts))`` over the
   same article bodies the generator parses;
2. cold ``python -m generator build --jobs 2`` (empty ``.cache/``; ``--jobs`` changes it);
3. the same build again with nothing changed;
4. the build after one seed's body changed (exactly one extraction should be redone: counted from
   the cache's writes and from the build's own "(1 parsed, …)");
5. in turn, ``--repeat`` times (the round with the median ratio counts): the bare MkDocs baseline,
   ``mkdocs build`` of as many plain one-paragraph pages as the generated ``docs/`` holds, minimal
   nav, Material theme, search plugin; for reference, the same with as many pages as articles (the
   site has about four pages per article); ``python -m generator site`` on the generated docs
   (MkDocs, then Pagefind); and Pagefind alone over the HTML it built (``search.index_site``): the
   MkDocs step is the site step less that;
6. bare MkDocs over the same generated Markdown without our configuration (what the hooks save),
   then page and search-index sizes. ``--no-references`` skips the reference-only builds (the
   per-article baseline and this one).

Generator commands run as ``python -m generator ...`` with cwd = the temporary project,
``PYTHONPATH`` = the repository root (or, with ``--snapshot``, a copy of ``generator/`` taken at
the start) and ``CI=1``, as the tests run them.

Every timed step first waits (``--wait-quiet``, up to 180 s) until other processes use under a
quarter of a CPU, then records how much CPU the rest of the machine used meanwhile; a step that
was disturbed, or that ran while ``generator/`` or ``mkdocs.yml`` was being edited, is flagged
with a WARNING in the table and in the JSON (``other_load_cpus``, ``code_changed``).

Then (``bench/scaling.py``) extraction time against one article's length: one long news-like
body of about 30, 120 and 960 KB, parsed by bare spaCy and by our pipeline in fresh processes;
the ratio must stay flat as the text grows.

Usage: ``make bench`` (300, 3,000 and 10,000 articles, then the scaling), ``make bench BENCH_ARGS=--quick``
(300 only), ``make bench BENCH_ARGS=--scaling`` (the scaling only), ``python -m bench --articles 3000``
or ``BENCH_ARTICLES=3000 make bench``; ``--help`` for the rest.
The exit status is 0 whether or not the targets are met (it is a report); 1 only if a step failed.
"""
from __future__ import annotations

import argparse
import ast
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import corpus, scaling
from .measure import Measured, StepFailed, has_gnu_time, run, tree_size, wait_for_quiet

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / ".bench" / "results.json"
DEFAULT_SIZES = (300, 3000, 10000)
QUICK_SIZES = (300,)
DEFAULT_JOBS = 2  # the cold build's --jobs: the target is stated for two parser processes
DEFAULT_SEED = 20250101

# (key, label, target, comparison): comparison "le" means value <= target passes
EXTRACTION_FAILED = "warning: extraction failed on a text"  # generator/pipeline.py, when a rule raises
TARGETS = {
    "cold_build_vs_spacy": 0.6,  # with --jobs 2 (bare spaCy is one process)
    "nochange_vs_cold": 0.05,
    "incremental_vs_cold": 0.05,
    "mkdocs_step_vs_mkdocs": 1.5,  # our MkDocs step alone (generator site less Pagefind)
    # MkDocs + Pagefind ÷ bare MkDocs is reported, not judged: issue 17 asks Pagefind ÷ the MkDocs step as
    # a reference figure (Pagefind is a binary we do not tune), and the MkDocs step alone ≤ 1.5
    "largest_article_kb": 60.0,
    "search_index_vs_text": 1.5,
}

SPACY_BASELINE = (
    "import json, sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "texts = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "docs = list(nlp.pipe(texts))\n"
    "print(len(docs), sum(len(doc) for doc in docs))\n"
)

MKDOCS_BASELINE_CONFIG = """\
site_name: MkDocs baseline
site_url: https://baseline.example.org/
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  /pages/
plugins:
  - search
"""


def default_model() -> str:
    """The generator's model: ``$DIGEST_SPACY_MODEL`` or its ``DEFAULT_MODEL`` (read without importing spaCy)."""
    if os.environ.get("DIGEST_SPACY_MODEL"):
        return os.environ["DIGEST_SPACY_MODEL"]
    for path in sorted((ROOT / "generator").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DEFAULT_MODEL" for t in node.targets):
                try:
                    return ast.literal_eval(node.value)
                except ValueError:
                    continue
    raise SystemExit("bench: no DEFAULT_MODEL = '...' in generator/*.py; pass --model or set DIGEST_SPACY_MODEL")


def subprocess_env(model: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(STATE["code_root"]), "CI": "1", "DIGEST_SPACY_MODEL": model,
           "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    return env


def make_project(tmp: Path) -> Path:
    """Like tests/conftest.py ``make_project``: the site configuration and the hand-written pages."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    (tmp / "generator").symlink_to(Path(STATE["code_root"]) / "generator", target_is_directory=True)  # mkdocs.yml's hooks: live there
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns(
        "index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.*", ".generated*"))
    (tmp / "seeds").mkdir(exist_ok=True)
    return tmp


# set from the command line: how long to wait for a quiet machine; where the generator's code is imported from
STATE: dict = {"max_wait": 180.0, "code_root": ROOT, "repeat": 3, "jobs": DEFAULT_JOBS, "references": True}


def code_fingerprint() -> str:
    """The generator's code, templates and data, and the site configuration, as imported by the steps."""
    digest = hashlib.sha256()
    root = Path(STATE["code_root"])
    files = sorted(p for p in (root / "generator").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path, name in [*((p, str(p.relative_to(root))) for p in files), (ROOT / "mkdocs.yml", "mkdocs.yml")]:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()


def timed(cmd: list[str], *, cwd: Path, env: dict[str, str], log=None) -> Measured:
    """``measure.run`` after waiting for other processes to go quiet, so both sides of a ratio see a quiet machine;
    notes whether the generator's code changed while the step ran (someone editing it mid-benchmark)."""
    log = log or (lambda m: print(m, file=sys.stderr, flush=True))
    if STATE["max_wait"] > 0:
        wait_for_quiet(STATE["max_wait"], BUSY_THRESHOLD, log)
    before = code_fingerprint()
    measured = run(cmd, cwd=cwd, env=env)
    if not before == code_fingerprint() == STATE["fingerprint"]:
        measured.extra["code_changed"] = True
    return measured


def generator(args: list[str], project: Path, env: dict[str, str]) -> Measured:
    return timed([sys.executable, "-m", "generator", *args], cwd=project, env=env)


def cache_state(project: Path) -> dict[str, int]:
    """Cache file → mtime (ns): which extractions a build wrote."""
    root = project / ".cache" / "extract"
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.json")}


def rewritten(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for key, mtime in after.items() if before.get(key) != mtime)


def allowed_tags(project: Path) -> list[str] | None:
    """``extra: tags_allowed`` in the project's mkdocs.yml, if the site limits its tags."""
    import yaml

    try:
        config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_permissive_loader()) or {}
    except (OSError, yaml.YAMLError):
        return None
    tags = (config.get("extra") or {}).get("tags_allowed")
    return [str(t) for t in tags] if tags else None


def _permissive_loader():
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml may hold !ENV or !!python/name tags: read them as nothing
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return Loader


def count_pages(docs: Path) -> dict[str, int]:
    pages = sorted(docs.rglob("*.md"))
    counts: dict[str, int] = {"total": len(pages)}
    for page in pages:
        rel = page.relative_to(docs)
        kind = rel.parts[0] if len(rel.parts) > 1 else "top level"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


PAGEFIND_STEP = (
    "import sys\n"
    "from pathlib import Path\n"
    "from generator import search\n"
    "search.index_site(Path(sys.argv[1]), quiet=True)\n"
)

SAME_CONTENT_CONFIG = MKDOCS_BASELINE_CONFIG.replace("not_in_nav: |\n  /pages/\n", "not_in_nav: |\n  /*/\n") + """\
markdown_extensions:
  - tables
  - admonition
  - attr_list
"""


def make_same_content_baseline(folder: Path, docs: Path) -> Path:
    """The generated Markdown itself under a bare configuration: what our site set-up adds to its content."""
    shutil.copytree(docs, folder / "docs")
    (folder / "mkdocs.yml").write_text(SAME_CONTENT_CONFIG, encoding="utf-8")
    return folder


def make_mkdocs_baseline(folder: Path, pages: int, paragraphs: list[str]) -> Path:
    """``pages`` plain one-paragraph pages: the home page in the nav, the rest under ``not_in_nav``."""
    (folder / "docs" / "pages").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_BASELINE_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Home\n\n" + paragraphs[0] + "\n", encoding="utf-8")
    for i in range(1, pages):
        text = paragraphs[i % len(paragraphs)]
        (folder / "docs" / "pages" / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n{text}\n", encoding="utf-8")
    return folder


BUSY_THRESHOLD = 0.25  # CPUs kept busy by other processes during a step


def busy(m: Measured) -> str:
    load = m.other_load
    out = f" — WARNING: other processes kept {load:.1f} CPUs busy meanwhile" if load and load > BUSY_THRESHOLD else ""
    if m.extra.get("code_changed"):
        out += " — WARNING: the generator's code or mkdocs.yml changed since this size's first step"
    return out


def parsed_count(stdout: str) -> int | None:
    """How many articles the build says it parsed ("(1 parsed, 2999 from the cache)"), if it says so."""
    import re

    match = re.search(r"\((\d+) parsed, \d+ from the cache\)", stdout)
    return int(match.group(1)) if match else None


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= target else "FAIL"


def bench_size(n: int, tmp_root: Path, model: str, seed: int, log) -> dict:
    env = subprocess_env(model)
    STATE["fingerprint"] = code_fingerprint()  # steps that see other code than this are flagged
    project = make_project(tmp_root / f"project-{n}")
    t0 = time.perf_counter()
    articles = corpus.generate(project / "seeds", n, seed, allowed_tags=allowed_tags(project))
    corpus_s = time.perf_counter() - t0
    words = sum(a.words for a in articles)
    log(f"[{n}] corpus: {n} articles, {words:,} words ({corpus_s:.1f} s to generate) in {project}")

    bodies_file = tmp_root / f"bodies-{n}.json"
    bodies_file.write_text(json.dumps([a.body for a in articles], ensure_ascii=False), encoding="utf-8")

    log(f"[{n}] bare spaCy baseline ...")
    spacy_base = timed([sys.executable, "-c", SPACY_BASELINE, model, str(bodies_file)], cwd=tmp_root, env=env)
    spacy_base.check("spaCy baseline")
    docs_count, tokens = (int(x) for x in spacy_base.stdout.split()[:2])
    log(f"[{n}]   {spacy_base.wall_s:.1f} s ({tokens:,} tokens, {tokens / spacy_base.wall_s:,.0f} tokens/s){busy(spacy_base)}")

    log(f"[{n}] cold build ...")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = generator(["build", "--jobs", str(STATE["jobs"])], project, env).check("cold build")
    after_cold = cache_state(project)
    log(f"[{n}]   {cold.wall_s:.1f} s, {len(after_cold)} extractions cached{busy(cold)}")

    log(f"[{n}] no-change build ...")
    warm = generator(["build", "--jobs", str(STATE["jobs"])], project, env).check("no-change build")
    after_warm = cache_state(project)
    warm_reextracted = rewritten(after_cold, after_warm)
    log(f"[{n}]   {warm.wall_s:.1f} s, {warm_reextracted} re-extracted{busy(warm)}")

    changed = articles[n // 2]
    corpus.change_one(changed)
    log(f"[{n}] one changed seed ({changed.path.name}) ...")
    incr = generator(["build", "--jobs", str(STATE["jobs"])], project, env).check("incremental build")
    after_incr = cache_state(project)
    incr_reextracted = rewritten(after_warm, after_incr)
    incr_parsed = parsed_count(incr.stdout)  # what the build itself says it parsed with spaCy
    log(f"[{n}]   {incr.wall_s:.1f} s, {incr_reextracted} re-extracted{busy(incr)}")

    docs = project / "docs"
    pages = count_pages(docs)
    generated_docs_bytes = tree_size(docs)
    baseline_dir = make_mkdocs_baseline(tmp_root / f"mkdocs-baseline-{n}", pages["total"],
                                         [a.body.split("\n", 1)[0] for a in articles])
    per_article_dir = make_mkdocs_baseline(tmp_root / f"mkdocs-baseline-articles-{n}", n,
                                           [a.body.split("\n", 1)[0] for a in articles]) if STATE["references"] else None

    def mkdocs_build(folder: Path, what: str) -> Measured:
        return timed([sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "--site-dir",
                      str(folder / "site")], cwd=folder, env=env).check(what)

    def pagefind_step() -> Measured:
        """Pagefind alone over the site ``generator site`` just built (its bundle removed first)."""
        shutil.rmtree(project / "site" / "pagefind", ignore_errors=True)
        return timed([sys.executable, "-c", PAGEFIND_STEP, str(project / "site")], cwd=project, env=env
                     ).check("Pagefind indexing")

    # The MkDocs step and its baselines take seconds, and a shared machine drifts by more than 10 %
    # between minutes: run them in turn, STATE["repeat"] times, and keep the round with the median ratio.
    # `generator site` is MkDocs then Pagefind (generator/search.py); Pagefind is then timed alone over
    # the same built HTML, and the MkDocs step is the difference.
    rounds = []
    for i in range(STATE["repeat"]):
        log(f"[{n}] MkDocs round {i + 1}/{STATE['repeat']}: bare mkdocs ({pages['total']:,} pages), "
            + (f"bare mkdocs ({n:,} pages), " if per_article_dir else "") + "generator site, Pagefind alone ...")
        base = mkdocs_build(baseline_dir, "MkDocs baseline")
        per_article = mkdocs_build(per_article_dir, "MkDocs per-article baseline") if per_article_dir else None
        built = generator(["site"], project, env).check("generator site")
        pagefind = pagefind_step()
        mkdocs_step = max(0.0, built.wall_s - pagefind.wall_s)
        rounds.append((mkdocs_step / base.wall_s, base, per_article, built, pagefind, mkdocs_step))
        log(f"[{n}]   bare {base.wall_s:.1f} s"
            + (f", bare per-article {per_article.wall_s:.1f} s" if per_article else "")
            + f", generator site {built.wall_s:.1f} s of which Pagefind {pagefind.wall_s:.1f} s: "
            f"MkDocs step ÷ bare {mkdocs_step / base.wall_s:.2f}{busy(base)}{busy(built)}{busy(pagefind)}")
    rounds.sort(key=lambda r: r[0])
    _, mk_base, mk_articles, site, pagefind, mkdocs_step_s = rounds[len(rounds) // 2]
    all_ratios = [round(r[0], 3) for r in rounds]
    if per_article_dir:
        shutil.rmtree(per_article_dir, ignore_errors=True)

    mk_same = None
    if STATE["references"]:
        same_dir = make_same_content_baseline(tmp_root / f"mkdocs-same-content-{n}", docs)
        log(f"[{n}] bare MkDocs over the same generated Markdown ...")
        mk_same = timed([sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(same_dir / "site")],
                        cwd=same_dir, env=env).check("MkDocs same-content baseline")
        log(f"[{n}]   {mk_same.wall_s:.1f} s{busy(mk_same)}")
        shutil.rmtree(same_dir, ignore_errors=True)

    site_dir = project / "site"
    article_pages = list((site_dir / "articles").glob("*/index.html"))
    largest = max(article_pages, key=lambda p: p.stat().st_size)
    article_sizes = sorted(p.stat().st_size for p in article_pages)
    largest_any = max(site_dir.rglob("*.html"), key=lambda p: p.stat().st_size)
    # the Pagefind bundle's index data (generator/search.py): what search can download, all of it
    index_bytes = sum(f.stat().st_size for f in (site_dir / "pagefind").rglob("*")
                      if f.is_file() and f.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"))
    text_bytes = sum(len(a.body.encode("utf-8")) for a in articles)
    baseline_index = baseline_dir / "site" / "search" / "search_index.json"
    cache_bytes = tree_size(project / ".cache" / "extract")
    seed_bytes = tree_size(project / "seeds")

    ratios = {
        "cold_build_vs_spacy": cold.wall_s / spacy_base.wall_s,
        "nochange_vs_cold": warm.wall_s / cold.wall_s,
        "incremental_vs_cold": incr.wall_s / cold.wall_s,
        "mkdocs_step_vs_mkdocs": mkdocs_step_s / mk_base.wall_s,
        "largest_article_kb": largest.stat().st_size / 1024,
        "search_index_vs_text": index_bytes / text_bytes,
    }
    reference = {"pagefind_vs_mkdocs_step": pagefind.wall_s / mkdocs_step_s if mkdocs_step_s else None,
                 "site_vs_mkdocs": site.wall_s / mk_base.wall_s,
                 **({"site_vs_same_content": site.wall_s / mk_same.wall_s} if mk_same else {}),
                 **({"site_vs_mkdocs_as_many_pages_as_articles": site.wall_s / mk_articles.wall_s} if mk_articles else {})}
    result = {
        "articles": n,
        "words": words,
        "article_text_bytes": text_bytes,
        "seed_bytes": seed_bytes,
        "corpus_generation_s": round(corpus_s, 2),
        "spacy_tokens": tokens,
        "steps": {
            "spacy_baseline": spacy_base.as_dict(),
            "cold_build": {**cold.as_dict(), "extractions_cached": len(after_cold), "said": last_line(cold.stdout)},
            "nochange_build": {**warm.as_dict(), "reextracted": warm_reextracted, "said": last_line(warm.stdout)},
            "incremental_build": {**incr.as_dict(), "reextracted": incr_reextracted, "parsed": incr_parsed,
                                  "changed_seed": changed.path.name,
                                  "said": last_line(incr.stdout)},
            "mkdocs_baseline": {**mk_base.as_dict(), "pages": pages["total"],
                                "search_index_bytes": baseline_index.stat().st_size if baseline_index.exists() else None,
                                "site_bytes": tree_size(baseline_dir / "site")},
            "mkdocs_same_content": mk_same.as_dict() if mk_same else None,
            "mkdocs_baseline_articles": {**mk_articles.as_dict(), "pages": n} if mk_articles else None,
            "generator_site": {**site.as_dict(), "site_bytes": tree_size(site_dir),
                               "mkdocs_step_vs_mkdocs_rounds": all_ratios},
            "mkdocs_step": {"wall_s": round(mkdocs_step_s, 3),
                            "how": "generator site less Pagefind timed alone over the same HTML"},
            "pagefind": pagefind.as_dict(),
        },
        "pages": pages,
        "generated_docs_bytes": generated_docs_bytes,
        "extraction_cache_bytes": cache_bytes,
        "largest_article_page": {"file": str(largest.relative_to(site_dir)), "bytes": largest.stat().st_size},
        "largest_page_any_kind": {"file": str(largest_any.relative_to(site_dir)), "bytes": largest_any.stat().st_size},
        "article_page_bytes": {"min": article_sizes[0], "median": article_sizes[len(article_sizes) // 2],
                               "max": article_sizes[-1]},
        "search_index_bytes": index_bytes,
        "ratios": {k: round(v, 4) for k, v in ratios.items()},
        "reference_ratios": {k: None if v is None else round(v, 4) for k, v in reference.items()},
        "targets": TARGETS,
        "verdicts": {k: verdict(v, TARGETS[k]) for k, v in ratios.items()},
        "checks": {
            "nochange_reextracts_nothing": "PASS" if warm_reextracted == 0 else "FAIL",
            "one_changed_seed_reextracts_one": "PASS" if incr_reextracted == 1 and incr_parsed in (1, None) else "FAIL",
            # a rule that raises leaves the article's panels empty with a warning, and a build of
            # fewer entities is a faster one: every timing above would flatter the code
            "every_extraction_succeeds": "FAIL" if any(EXTRACTION_FAILED in m.stderr for m in (cold, warm, incr))
                                         else "PASS",
        },
        "memory": {
            "cold_build_max_process_rss_kb": cold.max_rss_kb,
            "cold_build_tree_peak_rss_kb": cold.tree_rss_kb,
            "cold_build_tree_peak_pss_kb": cold.tree_pss_kb,
            "cold_build_pss_per_article_kb": round(cold.tree_pss_kb / n, 1) if cold.tree_pss_kb else None,
            "cold_build_max_rss_per_article_kb": round(cold.max_rss_kb / n, 1) if cold.max_rss_kb else None,
            "cold_build_tree_rss_per_article_kb": round(cold.tree_rss_kb / n, 1) if cold.tree_rss_kb else None,
            "spacy_baseline_max_rss_kb": spacy_base.max_rss_kb,
            "nochange_build_max_rss_kb": warm.max_rss_kb,
            "site_max_process_rss_kb": site.max_rss_kb,
            "mkdocs_baseline_max_rss_kb": mk_base.max_rss_kb,
        },
    }
    if not STATE.get("keep"):  # --keep leaves the built site, e.g. for bench/search_bytes.py --site
        shutil.rmtree(project / "site", ignore_errors=True)  # the largest thing on disk; results are recorded
    shutil.rmtree(baseline_dir / "site", ignore_errors=True)
    return result


# -- report ------------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 600 else f"{seconds / 60:.1f} min"


def fmt_mb(kb: int | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024:,.0f} MB"


def print_table(r: dict, out) -> None:
    s, ratios, v = r["steps"], r["ratios"], r["verdicts"]
    n = r["articles"]
    ref = r["reference_ratios"]
    jobs = r.get("jobs", DEFAULT_JOBS)
    rows = [
        (f"1. cold build (--jobs {jobs}) ÷ bare spaCy (1 process)", fmt_s(s["cold_build"]["wall_s"]),
         fmt_s(s["spacy_baseline"]["wall_s"]), f"{ratios['cold_build_vs_spacy']:.2f}", "≤ 0.6", v["cold_build_vs_spacy"]),
        ("2. no-change build ÷ cold build", fmt_s(s["nochange_build"]["wall_s"]), fmt_s(s["cold_build"]["wall_s"]),
         f"{ratios['nochange_vs_cold']:.3f}", "≤ 0.05", v["nochange_vs_cold"]),
        ("3. one changed seed ÷ cold build", fmt_s(s["incremental_build"]["wall_s"]), fmt_s(s["cold_build"]["wall_s"]),
         f"{ratios['incremental_vs_cold']:.3f}", "≤ 0.05", v["incremental_vs_cold"]),
        ("   ... articles re-parsed (cache writes / build's own count)",
         f"{s['incremental_build']['reextracted']} / {s['incremental_build'].get('parsed')}", "", "", "1",
         r["checks"]["one_changed_seed_reextracts_one"]),
        ("   no-change build re-extracts nothing", f"{s['nochange_build']['reextracted']} re-extracted", "", "", "0",
         r["checks"]["nochange_reextracts_nothing"]),
        ("   every extraction succeeds (no 'extraction failed' warning)", "", "", "", "none",
         r["checks"]["every_extraction_succeeds"]),
        (f"4. MkDocs step ÷ bare mkdocs ({r['pages']['total']:,} plain pages)", fmt_s(s["mkdocs_step"]["wall_s"]),
         fmt_s(s["mkdocs_baseline"]["wall_s"]), f"{ratios['mkdocs_step_vs_mkdocs']:.2f}", "≤ 1.5",
         v["mkdocs_step_vs_mkdocs"]),
        ("5. Pagefind indexing ÷ MkDocs step", fmt_s(s["pagefind"]["wall_s"]), fmt_s(s["mkdocs_step"]["wall_s"]),
         "n/a" if ref.get("pagefind_vs_mkdocs_step") is None else f"{ref['pagefind_vs_mkdocs_step']:.2f}", "—",
         "reference"),
        ("   generator site (MkDocs + Pagefind) ÷ bare mkdocs", fmt_s(s["generator_site"]["wall_s"]),
         fmt_s(s["mkdocs_baseline"]["wall_s"]), f"{ref['site_vs_mkdocs']:.2f}", "—", "reference"),
    ]
    if s.get("mkdocs_same_content"):
        rows.append(("   generator site ÷ bare mkdocs, same Markdown", fmt_s(s["generator_site"]["wall_s"]),
                     fmt_s(s["mkdocs_same_content"]["wall_s"]), f"{ref['site_vs_same_content']:.2f}", "—",
                     "reference"))
    if s.get("mkdocs_baseline_articles"):
        rows.append((f"   generator site ÷ bare mkdocs ({n:,} pages, one per article)",
                     fmt_s(s["generator_site"]["wall_s"]), fmt_s(s["mkdocs_baseline_articles"]["wall_s"]),
                     f"{ref['site_vs_mkdocs_as_many_pages_as_articles']:.2f}", "—", "reference"))
    rows += [
        ("largest article page (HTML)", f"{ratios['largest_article_kb']:.1f} KB", "", "", "≤ 60 KB",
         v["largest_article_kb"]),
        ("search index ÷ article text", f"{r['search_index_bytes'] / 2**20:.2f} MB",
         f"{r['article_text_bytes'] / 2**20:.2f} MB", f"{ratios['search_index_vs_text']:.2f}", "≤ 1.5",
         v["search_index_vs_text"]),
    ]
    widths = [max(len(str(row[i])) for row in rows + [HEADER]) for i in range(len(HEADER))]
    print(f"\n== {n:,} articles: {r['words']:,} words, {r['article_text_bytes'] / 2**20:.2f} MB of article text ==",
          file=out)
    line = "  ".join(str(h).ljust(w) for h, w in zip(HEADER, widths))
    print(line, file=out)
    print("-" * len(line), file=out)
    for row in rows:
        cells = [str(c).ljust(w) for c, w in zip(row, widths)]
        if row[-1] == "FAIL":
            cells[-1] = "FAIL  <<<"
        print("  ".join(cells).rstrip(), file=out)
    s = {name: step for name, step in s.items() if step}  # --no-references: those steps are None
    disturbed = [f"{name} ({step['other_load_cpus']:.1f} CPUs)" for name, step in s.items()
                 if (step.get("other_load_cpus") or 0) > BUSY_THRESHOLD]
    if disturbed:
        print(f"  WARNING: other processes were busy during: {', '.join(disturbed)} — those timings are unreliable",
              file=out)
    changed = [name for name, step in s.items() if step.get("code_changed")]
    if changed:
        print(f"  WARNING: the generator's code or mkdocs.yml changed since this size's first step, during or before: "
              f"{', '.join(changed)} — results mix code versions (a build after a code change re-renders everything)",
              file=out)
    m = r["memory"]
    print(f"\n  search index size: {r['search_index_bytes'] / 2**20:.2f} MB "
          f"(bare MkDocs baseline's: {(s['mkdocs_baseline']['search_index_bytes'] or 0) / 2**20:.2f} MB)", file=out)
    print(f"  peak memory, cold build: largest process {fmt_mb(m['cold_build_max_process_rss_kb'])} RSS; "
          f"whole process tree {fmt_mb(m['cold_build_tree_peak_rss_kb'])} RSS, "
          f"{fmt_mb(m['cold_build_tree_peak_pss_kb'])} PSS "
          f"(bare spaCy: {fmt_mb(m['spacy_baseline_max_rss_kb'])})", file=out)
    print(f"  per article: {m['cold_build_max_rss_per_article_kb']} KB largest-process RSS, "
          f"{m.get('cold_build_tree_rss_per_article_kb')} KB tree RSS, "
          f"{m['cold_build_pss_per_article_kb']} KB tree PSS", file=out)
    print(f"  peak memory, other steps: no-change build {fmt_mb(m['nochange_build_max_rss_kb'])}, "
          f"generator site {fmt_mb(m['site_max_process_rss_kb'])} (bare mkdocs {fmt_mb(m['mkdocs_baseline_max_rss_kb'])})",
          file=out)
    pages = ", ".join(f"{k} {v:,}" for k, v in r["pages"].items() if k != "total")
    print(f"  generated docs: {r['pages']['total']:,} pages ({pages}); "
          f"article pages {r['article_page_bytes']['median'] / 1024:.1f} KB median, "
          f"largest {r['largest_article_page']['file']}", file=out)
    print(f"  largest page of any kind: {r['largest_page_any_kind']['bytes'] / 1024:,.1f} KB "
          f"({r['largest_page_any_kind']['file']})", file=out)


HEADER = ("measure", "value", "baseline", "ratio", "target", "result")


def memory_growth(runs: list[dict]) -> dict | None:
    """Marginal memory per extra article between the smallest and largest run, next to the data per article."""
    if len(runs) < 2:
        return None
    small, large = runs[0], runs[-1]
    extra = large["articles"] - small["articles"]
    if extra <= 0:
        return None
    out = {"from_articles": small["articles"], "to_articles": large["articles"]}
    for key in ("cold_build_max_process_rss_kb", "cold_build_tree_peak_pss_kb"):
        a, b = small["memory"][key], large["memory"][key]
        out[key.replace("cold_build_", "marginal_") + "_per_article"] = None if a is None or b is None else round(
            (b - a) / extra, 1)
    out["seed_kb_per_article"] = round(large["seed_bytes"] / large["articles"] / 1024, 2)
    out["extraction_json_kb_per_article"] = round(large["extraction_cache_bytes"] / large["articles"] / 1024, 2)
    out["generated_docs_kb_per_article"] = round(large["generated_docs_bytes"] / large["articles"] / 1024, 2)
    return out


def print_memory_per_article(runs: list[dict], out) -> None:
    """Peak memory of the cold build ÷ articles at each size: linear growth keeps the figures flat or falling."""
    print("\n== peak memory of the cold build per article ==", file=out)
    for r in runs:
        m = r["memory"]
        print(f"  {r['articles']:>6,} articles: largest process {m['cold_build_max_rss_per_article_kb']} KB, "
              f"process tree RSS {m.get('cold_build_tree_rss_per_article_kb')} KB, "
              f"tree PSS {m['cold_build_pss_per_article_kb']} KB per article "
              f"(tree peak {fmt_mb(m['cold_build_tree_peak_rss_kb'])} RSS)", file=out)


def print_growth(g: dict, out) -> None:
    print(f"\n== memory growth, {g['from_articles']:,} → {g['to_articles']:,} articles (cold build) ==", file=out)
    print(f"  marginal largest-process RSS: {g['marginal_max_process_rss_kb_per_article']} KB per extra article; "
          f"marginal tree PSS: {g['marginal_tree_peak_pss_kb_per_article']} KB per extra article", file=out)
    print(f"  the data per article: seed {g['seed_kb_per_article']} KB, extraction JSON "
          f"{g['extraction_json_kb_per_article']} KB, generated docs {g['generated_docs_kb_per_article']} KB", file=out)


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def git_dirty() -> list[str]:
    """Uncommitted changes to what is measured (the generator, its templates and data)."""
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--", "generator", "mkdocs.yml", "docs"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line[3:] for line in out.splitlines()]


def parse_sizes(values: list[str]) -> list[int]:
    sizes = []
    for value in values:
        for part in value.replace(",", " ").split():
            size = int(part)
            if size < 1:
                raise argparse.ArgumentTypeError("article counts must be positive")
            sizes.append(size)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 300-article corpus")
    parser.add_argument("--articles", action="append", metavar="N[,N...]",
                        help="corpus sizes to run, in order (default: $BENCH_ARTICLES or 300,3000,10000)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("BENCH_SEED", DEFAULT_SEED)),
                        help="corpus random seed (default: $BENCH_SEED or %(default)s)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: $DIGEST_SPACY_MODEL or the generator's)")
    parser.add_argument("--wait-quiet", type=float, default=180.0, metavar="SECONDS",
                        help="before each timed step, wait up to this long for other processes to stop using CPU "
                             "(default: %(default)s; 0: never wait)")
    parser.add_argument("--repeat", type=int, default=None, metavar="N",
                        help="rounds of the MkDocs comparison (default: 3) and of the scaling measurement (default: 1), "
                             "run in turn; the median ratio counts")
    parser.add_argument("--scaling", action="store_true",
                        help="extraction time ÷ bare spaCy on one long text of 30, 120 and 960 KB; alone, unless "
                             "--articles or --quick is given too (a plain `make bench` runs it after the articles)")
    parser.add_argument("--scaling-sizes", action="append", metavar="KB[,KB...]",
                        help=f"text sizes for --scaling, in KB (default: {','.join(map(str, scaling.DEFAULT_SIZES_KB))}; "
                             f"at most {scaling.MAX_SIZE_KB}, the seed limit)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, metavar="N",
                        help="parser processes of the generator's builds (default: %(default)s, as the targets assume)")
    parser.add_argument("--no-references", action="store_true",
                        help="skip the reference-only MkDocs baselines (one plain page per article; the generated "
                             "Markdown under a bare configuration): an hour less at 10,000 articles on 2 cores")
    parser.add_argument("--snapshot", action="store_true",
                        help="run a copy of generator/ taken at the start, so edits made meanwhile cannot mix versions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project folders")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results (default: .bench/results.json)")
    args = parser.parse_args(argv)
    try:
        scaling_sizes = scaling.parse_sizes_kb(args.scaling_sizes)
    except (ValueError, argparse.ArgumentTypeError) as exc:
        parser.error(f"--scaling-sizes: {exc}")
    if args.articles:
        sizes = parse_sizes(args.articles)
    elif os.environ.get("BENCH_ARTICLES"):
        sizes = parse_sizes([os.environ["BENCH_ARTICLES"]])
    elif args.scaling and not args.quick:
        sizes = []  # --scaling alone
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    run_scaling = args.scaling or not (args.quick or args.articles or os.environ.get("BENCH_ARTICLES"))
    model = args.model or default_model()
    STATE["max_wait"] = args.wait_quiet
    STATE["repeat"] = max(1, args.repeat or 3)
    STATE["jobs"] = max(1, args.jobs)
    STATE["references"] = not args.no_references
    STATE["keep"] = args.keep

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    tmp_root = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    if args.snapshot:
        shutil.copytree(ROOT / "generator", tmp_root / "code" / "generator",
                        ignore=shutil.ignore_patterns("__pycache__"))
        STATE["code_root"] = tmp_root / "code"
    env = subprocess_env(model)
    log(f"bench: sizes {sizes}, model {model}, seed {args.seed}, {os.cpu_count()} CPUs, "
        f"memory via {'GNU time' if has_gnu_time() else 'getrusage wrapper'}; working in {tmp_root}")
    # warm the OS file cache (interpreter, spaCy, the model, MkDocs, Material) so neither side of a ratio pays it
    warm = run([sys.executable, "-c", f"import spacy, mkdocs.commands.build, material, generator.cli; spacy.load({model!r})"],
               cwd=tmp_root, env=env)
    runs: list[dict] = []
    scaled = None
    error = None
    try:
        warm.check("warm-up (import spaCy, load the model, import MkDocs)")
        for n in sizes:
            size_started = time.perf_counter()
            result = bench_size(n, tmp_root, model, args.seed, log)
            result["bench_seconds"] = round(time.perf_counter() - size_started, 1)
            result["jobs"] = STATE["jobs"]
            runs.append(result)
            print_table(result, sys.stdout)
            sys.stdout.flush()
        if run_scaling:
            scaling_started = time.perf_counter()
            scaled = scaling.bench_scaling(scaling_sizes, max(1, args.repeat or 1), model, args.seed, env,
                                           STATE["max_wait"], BUSY_THRESHOLD, log)
            scaled["bench_seconds"] = round(time.perf_counter() - scaling_started, 1)
            scaling.print_scaling(scaled, sys.stdout, BUSY_THRESHOLD)
            sys.stdout.flush()
    except StepFailed as exc:
        error = str(exc)
        print(f"\nERROR: {exc}", file=sys.stderr)
    finally:
        if args.keep:
            log(f"bench: kept {tmp_root}")
        else:
            shutil.rmtree(tmp_root, ignore_errors=True)

    if runs:
        print_memory_per_article(runs, sys.stdout)
    growth = memory_growth(runs)
    if growth:
        print_growth(growth, sys.stdout)
    total = time.perf_counter() - started
    failed = [f"{r['articles']}: {k}" for r in runs for k, v in {**r["verdicts"], **r["checks"]}.items() if v == "FAIL"]
    if scaled and scaled["verdict"] == "FAIL":
        failed.append("scaling: extraction ÷ bare spaCy grows with the text")
    per_size = ", ".join([f"{r['articles']:,} articles {fmt_s(r['bench_seconds'])}" for r in runs]
                         + ([f"scaling {fmt_s(scaled['bench_seconds'])}"] if scaled else []))
    print(f"\nbench took {fmt_s(total)} ({per_size}); "
          + (f"FAIL: {len(failed)} target(s) missed — {'; '.join(failed)}" if failed else "all targets met"))

    report = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "uncommitted_changes": git_dirty(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "model": model,
        "seed": args.seed,
        "code": {"root": "snapshot of generator/ at start" if args.snapshot else str(ROOT),
                 "fingerprint_at_end": code_fingerprint()},
        "sizes": sizes,
        "memory_method": "GNU time -v + /proc PSS sampling" if has_gnu_time() else "getrusage wrapper + /proc PSS sampling",
        "bench_seconds": round(total, 1),
        "runs": runs,
        "scaling": scaled,
        "memory_growth": growth,
        "failed_targets": failed,
        "error": error,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.output}")
    return 1 if error else 0
