"""What one changed template or one changed rule costs: what is re-parsed, re-rendered and rebuilt.

Issue 17 asks that a change to one template or one rule re-render or re-extract only what depends
on it. This measures what the build does today, on a generated corpus (``bench.corpus``) in a
throw-away project that runs a *copy* of ``generator/`` (so the copy can be edited without touching
the repository):

1. a cold ``generator build --jobs J`` (the reference), then ``generator site``;
2. one template changed (a comment appended to ``templates/entity.md.j2``, which only actor, place,
   source and tag pages use): the build's time ÷ cold, how many articles it re-parsed, how many
   Markdown files in ``docs/`` are rewritten (new modification time) and how many really differ;
   then ``generator site`` (MkDocs and Pagefind over every page: MkDocs has no incremental build);
3. one rule changed (a word added to ``data/reporting_verbs.txt``): every extraction key changes;
   with the parse cache (``generator.analyse.ParseCache``) only the rule components run again,
   so the build's time ÷ cold, its own "N parsed" and the parse-cache entries written are reported;
4. the same kind of change again with ``.cache/parse`` deleted first: what a rule change cost
   before the parse cache (spaCy's model over every article).

Usage: ``python -m bench.changes`` (300 articles), ``--articles N``, ``--jobs J`` (default 2).
Writes ``.bench/changes-N.json``. A report: exit status 0 unless a step failed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import corpus
from .measure import run
from .run import allowed_tags, parsed_count

ROOT = Path(__file__).resolve().parent.parent


def docs_state(docs: Path) -> dict[str, tuple[int, str]]:
    """Each generated Markdown/data file in ``docs`` → (mtime in ns, sha256 of its bytes)."""
    return {str(p.relative_to(docs)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in docs.rglob("*") if p.is_file()}


def compare(before: dict, after: dict) -> dict[str, int]:
    rewritten = sum(1 for k, (mtime, _) in after.items() if k not in before or before[k][0] != mtime)
    differ = sum(1 for k, (_, digest) in after.items() if k not in before or before[k][1] != digest)
    return {"files": len(after), "rewritten": rewritten, "content_changed": differ}


def parse_entries(project: Path) -> dict[str, int]:
    root = project / ".cache" / "parse"
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.spacy")} if root.exists() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.changes", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args(argv)
    n = args.articles

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="digest-changes-"))
    code = tmp / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "generator").symlink_to(code / "generator", target_is_directory=True)  # `-m` and the hooks: the copy
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(
        "index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.*", ".generated*"))
    corpus.generate(project / "seeds", n, args.seed, allowed_tags=allowed_tags(project))
    env = {**os.environ, "PYTHONPATH": str(code), "CI": "1", "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    docs = project / "docs"
    steps: dict[str, dict] = {}

    def generator(what: str, *cmd: str) -> dict:
        log(f"[{n}] {what} ...")
        measured = run([sys.executable, "-m", "generator", *cmd], cwd=project, env=env)
        measured.check(what)
        result = {"wall_s": round(measured.wall_s, 2), "parsed": parsed_count(measured.stdout),
                  "cpu_s": None if measured.cpu_s is None else round(measured.cpu_s, 2),
                  "other_load_cpus": None if measured.other_load is None else round(measured.other_load, 2)}
        log(f"[{n}]   {measured.wall_s:.1f} s ({result['cpu_s']} CPU-s), parsed {result['parsed']}, "
            f"other processes {result['other_load_cpus']} CPUs")
        return result

    started = time.perf_counter()
    try:
        steps["cold_build"] = generator("cold build", "build", "--jobs", str(args.jobs))
        steps["cold_site"] = generator("generator site", "site")
        before = docs_state(docs)

        with open(code / "generator" / "templates" / "entity.md.j2", "a", encoding="utf-8") as handle:
            handle.write("{{ '' }}<!-- bench: a changed template -->\n")
        steps["template_build"] = generator("build after one template changed", "build", "--jobs", str(args.jobs))
        steps["template_build"]["docs"] = compare(before, docs_state(docs))
        steps["template_site"] = generator("generator site after it", "site")

        parses = parse_entries(project)
        with open(code / "generator" / "data" / "reporting_verbs.txt", "a", encoding="utf-8") as handle:
            handle.write("\nexpostulated\n")
        before = docs_state(docs)
        steps["rule_build"] = generator("build after one rule changed (parse cache kept)", "build", "--jobs",
                                        str(args.jobs))
        after = parse_entries(project)
        steps["rule_build"]["parse_cache_written"] = sum(1 for k, v in after.items() if parses.get(k) != v)
        steps["rule_build"]["docs"] = compare(before, docs_state(docs))

        shutil.rmtree(project / ".cache" / "parse")
        with open(code / "generator" / "data" / "reporting_verbs.txt", "a", encoding="utf-8") as handle:
            handle.write("remonstrated\n")
        steps["rule_build_no_parse_cache"] = generator("build after one rule changed, no parse cache (as before it)",
                                                       "build", "--jobs", str(args.jobs))
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    cold = steps["cold_build"]["wall_s"]
    ratios = {
        "template_build_vs_cold": steps["template_build"]["wall_s"] / cold,
        "template_site_vs_site": steps["template_site"]["wall_s"] / steps["cold_site"]["wall_s"],
        "rule_build_vs_cold": steps["rule_build"]["wall_s"] / cold,
        "rule_build_no_parse_cache_vs_cold": steps["rule_build_no_parse_cache"]["wall_s"] / cold,
    }
    cpu = {name: step.get("cpu_s") for name, step in steps.items()}
    if all(cpu.values()):  # CPU seconds of the whole process tree: far less disturbed by a busy machine
        ratios.update({
            "template_build_vs_cold_cpu": cpu["template_build"] / cpu["cold_build"],
            "rule_build_vs_cold_cpu": cpu["rule_build"] / cpu["cold_build"],
            "rule_build_no_parse_cache_vs_cold_cpu": cpu["rule_build_no_parse_cache"] / cpu["cold_build"],
        })
    t, r = steps["template_build"], steps["rule_build"]
    print(f"\n== one changed template or rule, {n:,} articles, --jobs {args.jobs} ==")
    print(f"  cold build {cold:.1f} s ({steps['cold_build']['parsed']} parsed); generator site "
          f"{steps['cold_site']['wall_s']:.1f} s")
    print(f"  template (entity.md.j2) changed: build {t['wall_s']:.1f} s = {ratios['template_build_vs_cold']:.3f} × cold, "
          f"{t['parsed']} parsed; docs/: {t['docs']['rewritten']:,} of {t['docs']['files']:,} files rewritten, "
          f"{t['docs']['content_changed']:,} with other content; generator site {steps['template_site']['wall_s']:.1f} s "
          f"= {ratios['template_site_vs_site']:.2f} × the first")
    print(f"  rule (data/reporting_verbs.txt) changed, parse cache kept: build {r['wall_s']:.1f} s = "
          f"{ratios['rule_build_vs_cold']:.3f} × cold; {r['parsed']} extractions redone, {r['parse_cache_written']} "
          f"parses written (articles spaCy's model ran on); docs/: {r['docs']['rewritten']:,} rewritten, "
          f"{r['docs']['content_changed']:,} with other content")
    print(f"  the same without the parse cache (as before it): build {steps['rule_build_no_parse_cache']['wall_s']:.1f} s "
          f"= {ratios['rule_build_no_parse_cache_vs_cold']:.3f} × cold")
    if "rule_build_vs_cold_cpu" in ratios:
        print(f"  in CPU seconds (whole process tree): cold {cpu['cold_build']:.0f}, template change "
              f"{cpu['template_build']:.0f} ({ratios['template_build_vs_cold_cpu']:.2f} × cold), rule change "
              f"{cpu['rule_build']:.0f} ({ratios['rule_build_vs_cold_cpu']:.2f} × cold), rule change without the "
              f"parse cache {cpu['rule_build_no_parse_cache']:.0f} ({ratios['rule_build_no_parse_cache_vs_cold_cpu']:.2f} × cold)")
    disturbed = [k for k, v in steps.items() if (v.get("other_load_cpus") or 0) > 0.25]
    if disturbed:
        print(f"  WARNING: other processes were busy during: {', '.join(disturbed)} — those timings are unreliable")
    report = {"articles": n, "jobs": args.jobs, "steps": steps, "ratios": {k: round(v, 4) for k, v in ratios.items()},
              "bench_seconds": round(time.perf_counter() - started, 1)}
    out = ROOT / ".bench" / f"changes-{n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
