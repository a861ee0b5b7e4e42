"""Extraction time against the article's length: does it grow like spaCy's own parse, or faster?

For each size (about 30, 120 and 960 KB by default) one long news-like body is built from the
repository's real articles (``corpus.long_text``: generated articles one after another, names and
numbers varied). Two fresh processes then parse that same text once, as one document:

* bare spaCy: ``spacy.load(model)``, then ``nlp(text)``;
* ours: ``pipeline.load(model)`` (the model plus our components), then ``nlp(text)`` — what
  extracting one seed of that length costs.

Only the parse is timed (inside the process, after loading and a warm-up sentence), so fixed costs
do not flatter the small sizes. The ratio ours ÷ bare is taken per size, in the same round, on the
same machine; if extraction is linear in the length like the parse, the ratio stays flat. The
verdict: the largest size's ratio is at most ``FLAT_TOLERANCE`` × the smallest's. Peak memory of
each process is recorded too (a 960 KB body is near the 1 MB seed limit).

Run alone with ``make bench BENCH_ARGS=--scaling`` (``--scaling-sizes 30,120,960``, ``--repeat N``
rounds, the median ratio counts); ``make bench`` runs it after the article-count runs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import corpus
from .measure import Measured, StepFailed, run, wait_for_quiet

DEFAULT_SIZES_KB = (30, 120, 960)
MAX_SIZE_KB = 1000  # the seed limit (generator/seed.py MAX_FILE_BYTES): no seed is longer
FLAT_TOLERANCE = 1.5
WARM_UP = "The minister said on Monday that 40 people had been evacuated from Lyon, according to officials."


def child(side: str, model: str, text_file: Path) -> None:
    """In a fresh process: load one side's pipeline, parse the text once, print the timings as JSON."""
    text = text_file.read_text(encoding="utf-8")
    if side == "bare":
        import spacy

        nlp = spacy.load(model)
        nlp.max_length = max(nlp.max_length, len(text) + 1)  # the baseline measures the parse, not the limit
    else:
        from generator import pipeline

        nlp = pipeline.load(model)  # its own max_length: a text it refuses is a failure worth reporting
    nlp(WARM_UP)
    wall, cpu = time.perf_counter(), time.process_time()
    doc = nlp(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out = {"seconds": wall, "cpu_seconds": cpu, "tokens": len(doc), "chars": len(text)}
    if side == "ours":
        digest = doc._.digest or {}
        out.update({k: len(digest.get(k) or []) for k in ("sentences", "actors", "locations", "figures", "sources")})
    print(json.dumps(out))


def measure(side: str, model: str, text_file: Path, env: dict[str, str], max_wait: float, busy: float, log) -> dict:
    """One side's parse of the text in a fresh process; ``env["PYTHONPATH"]`` says where ``generator`` comes from."""
    if max_wait > 0:
        wait_for_quiet(max_wait, busy, log)
    # the generator from env's PYTHONPATH (a --snapshot copy, or the repository), this module from the repository
    env = {**env, "PYTHONPATH": os.pathsep.join([env.get("PYTHONPATH", str(corpus.ROOT)), str(corpus.ROOT)])}
    m: Measured = run([sys.executable, "-m", "bench.scaling", "--child", side, "--model", model, str(text_file)],
                      cwd=text_file.parent, env=env)
    m.check(f"scaling: {side} parse of {text_file.name}")
    if "extraction failed" in m.stderr:
        raise StepFailed(f"scaling: a rule failed on {text_file.name}:\n{m.stderr[-2000:]}")
    result = json.loads(m.stdout.strip().splitlines()[-1])
    result.update({"max_rss_kb": m.max_rss_kb, "other_load_cpus": m.other_load})
    return result


def bench_scaling(sizes_kb: list[int], rounds: int, model: str, seed: int, env: dict[str, str], max_wait: float,
                  busy: float, log) -> dict:
    """Every size, ``rounds`` times (bare then ours, in turn); the median ratio per size counts."""
    tmp = Path(tempfile.mkdtemp(prefix="digest-bench-scaling-"))
    texts, sizes = {}, {}
    results: dict[int, list[dict]] = {kb: [] for kb in sizes_kb}
    try:
        for kb in sizes_kb:
            texts[kb] = tmp / f"text-{kb}kb.txt"
            texts[kb].write_text(corpus.long_text(kb, seed), encoding="utf-8")
            sizes[kb] = texts[kb].stat().st_size
        for round_no in range(1, rounds + 1):
            for kb in sizes_kb:
                log(f"[scaling] round {round_no}/{rounds}: {kb} KB, bare spaCy then ours")
                bare = measure("bare", model, texts[kb], env, max_wait, busy, log)
                ours = measure("ours", model, texts[kb], env, max_wait, busy, log)
                results[kb].append({"bare": bare, "ours": ours, "ratio": ours["seconds"] / bare["seconds"],
                                    "cpu_ratio": ours["cpu_seconds"] / bare["cpu_seconds"]})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_size = []
    for kb in sizes_kb:
        rounds_here = sorted(results[kb], key=lambda r: r["ratio"])
        median = rounds_here[(len(rounds_here) - 1) // 2]
        per_size.append({"kb": kb, "bytes": sizes[kb],
                         "ratio": median["ratio"], "cpu_ratio": median["cpu_ratio"],
                         "ratio_range": [rounds_here[0]["ratio"], rounds_here[-1]["ratio"]],
                         "median_round": median, "rounds": results[kb]})
    first, last = per_size[0], per_size[-1]
    limit = FLAT_TOLERANCE * first["ratio"]
    return {"sizes_kb": sizes_kb, "rounds": rounds, "tolerance": FLAT_TOLERANCE, "per_size": per_size,
            "largest_vs_smallest": last["ratio"] / first["ratio"],
            "verdict": "PASS" if last["ratio"] <= limit else "FAIL"}


def print_scaling(r: dict, out, busy: float) -> None:
    print(f"\n== scaling: one long article, extraction ÷ bare spaCy on the same text "
          f"(one document, one process; median of {r['rounds']} round(s)) ==", file=out)
    header = ("size", "tokens", "bare spaCy", "ours", "ratio", "CPU ratio", "peak RSS bare / ours", "found")
    rows = []
    for s in r["per_size"]:
        m = s["median_round"]
        bare, ours = m["bare"], m["ours"]
        spread = f" ({s['ratio_range'][0]:.2f}–{s['ratio_range'][1]:.2f})" if r["rounds"] > 1 else ""
        rows.append((f"{s['kb']} KB", f"{bare['tokens']:,}", f"{bare['seconds']:.1f} s", f"{ours['seconds']:.1f} s",
                     f"{s['ratio']:.2f}{spread}", f"{s['cpu_ratio']:.2f}",
                     f"{(bare['max_rss_kb'] or 0) / 1024:,.0f} / {(ours['max_rss_kb'] or 0) / 1024:,.0f} MB",
                     f"{ours['actors']} actors, {ours['figures']} figures, {ours['sources']} sources"))
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line, file=out)
    print("-" * len(line), file=out)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
    first, last = r["per_size"][0], r["per_size"][-1]
    print(f"  flat: {last['kb']} KB ratio {last['ratio']:.2f} ÷ {first['kb']} KB ratio {first['ratio']:.2f} = "
          f"{r['largest_vs_smallest']:.2f} (target ≤ {r['tolerance']}) — {r['verdict']}; in CPU time "
          f"{last['cpu_ratio']:.2f} ÷ {first['cpu_ratio']:.2f} = {last['cpu_ratio'] / first['cpu_ratio']:.2f}", file=out)
    disturbed = [f"{s['kb']} KB {side}" for s in r["per_size"] for side in ("bare", "ours")
                 if (s["median_round"][side].get("other_load_cpus") or 0) > busy]
    if disturbed:
        print(f"  WARNING: other processes were busy during: {', '.join(disturbed)} — compare the CPU ratios",
              file=out)


def parse_sizes_kb(values: list[str] | None) -> list[int]:
    if not values:
        return list(DEFAULT_SIZES_KB)
    sizes = [int(part) for value in values for part in value.replace(",", " ").split()]
    if not sizes or any(not 1 <= kb <= MAX_SIZE_KB for kb in sizes):
        raise argparse.ArgumentTypeError(f"scaling sizes are KB between 1 and {MAX_SIZE_KB} (the seed limit)")
    return sorted(sizes)


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling")
    parser.add_argument("--child", choices=("bare", "ours"), required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("text", type=Path)
    args = parser.parse_args(argv)
    child(args.child, args.model, args.text)
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
