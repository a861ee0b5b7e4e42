"""Bytes a reader downloads for search, measured in the real browser (Debian's chromium).

Builds a generated corpus (``bench/corpus.py``, ``--articles`` articles, default 300) into a
throw-away project with ``generator build --site`` (MkDocs, then Pagefind), serves ``site/`` on
127.0.0.1, and records every response Chromium's network stack reports (Playwright's
``request.sizes()``, which come from the DevTools protocol's network log; worker requests
included) for three steps, each in a fresh browser context (empty cache):

1. a page view with no search (an article page, until the network is idle);
2. the first query: opening the header's search box and typing a word, until the results show;
3. the next query: another word in the same dialog.

Sizes are as sent by this server (no compression; Pagefind's index chunks are gzip files of their
own) and, per response, as a host that gzips text would send it (``gzip -6`` of the body). Target
(issue 17): the first query at most 300 KB at 10,000 articles. A report, not a test: the exit
status is 0 whether or not the target is met. ``--site DIR`` measures an already built site.

Usage: ``make bench`` runs it after the build benchmark (``SEARCH_BENCH_ARGS="--articles 10000"``
for the archive size), or ``python -m bench.search_bytes --articles 10000``. Results also go to
``.bench/search-bytes-N.json``.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TARGET_FIRST_QUERY = 300 * 1024
QUERIES = ("minister", "police")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


def build(n: int, folder: Path, seed: int) -> Path:
    """A project with ``n`` generated articles, built (pages and site); returns its ``site/``."""
    project = folder / f"project-{n}"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "generator").symlink_to(ROOT / "generator", target_is_directory=True)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(
        "index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.*", ".generated*"))
    corpus.generate(project / "seeds", n, seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    subprocess.run([sys.executable, "-m", "generator", "build", "--site"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return project / "site"


def _file(site: Path, url: str) -> Path:
    path = urlsplit(url).path
    file = site / path.lstrip("/")
    return file / "index.html" if path.endswith("/") else file


def _gzip_size(site: Path, url: str) -> int | None:
    try:
        return len(gzip.compress(_file(site, url).read_bytes(), compresslevel=6))
    except OSError:
        return None


def _body_size(site: Path, url: str, reported: int) -> int:
    """The body's size: Chromium reports none for a worker's own script, so the file's size then."""
    try:
        return max(reported, _file(site, url).stat().st_size)
    except OSError:
        return reported


def measure(site: Path, queries: tuple[str, str] = QUERIES) -> dict:
    """The three steps' requests and bytes for the built ``site``."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    article = next(iter(sorted((site / "articles").glob("*/index.html"))))
    path = "/" + str(article.parent.relative_to(site)) + "/"
    steps: dict[str, list[dict]] = {"page view": [], "first query": [], "next query": []}
    current = ["page view"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          or route.request.url.startswith(("data:", "blob:")) else route.abort())

            def finished(request):
                if not request.url.startswith(base):
                    return
                sizes = request.sizes()
                steps[current[0]].append({"url": request.url[len(base):],
                                          "bytes": _body_size(site, request.url, sizes["responseBodySize"])
                                          + sizes["responseHeadersSize"],
                                          "gzip": _gzip_size(site, request.url)})

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            for step, query in (("first query", queries[0]), ("next query", queries[1])):
                current[0] = step
                if step == "first query":
                    page.locator(".digest-search__button").click()
                box = page.locator("pagefind-modal dialog[open] input").first
                box.fill("")
                box.press_sequentially(query, delay=20)
                page.wait_for_function(
                    "q => { const s = document.querySelector('pagefind-modal pagefind-summary');"
                    " const t = s ? s.textContent.trim() : ''; return t.endsWith(' for ' + q) && !t.startsWith('Searching'); }",
                    arg=query, timeout=60_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {name: {"requests": len(reqs), "bytes": sum(r["bytes"] for r in reqs),
                   "gzip": sum((r["gzip"] if r["gzip"] is not None else r["bytes"]) for r in reqs), "detail": reqs}
            for name, reqs in steps.items()}


def report(n: int | None, result: dict, out=sys.stdout) -> None:
    print(f"search bytes{'' if n is None else f' at {n:,} articles'} (Chromium network log; as served / gzip):", file=out)
    for name, r in result.items():
        print(f"  {name:<12} {r['requests']:>3} requests  {r['bytes'] / 1024:8.1f} KB  {r['gzip'] / 1024:8.1f} KB gzip",
              file=out)
    first = result["first query"]
    print(f"  first query target <= 300 KB (issue 17, at 10,000 articles): as served "
          f"{'met' if first['bytes'] <= TARGET_FIRST_QUERY else 'NOT met'}, gzip "
          f"{'met' if first['gzip'] <= TARGET_FIRST_QUERY else 'NOT met'}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bytes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="corpus size to build (default 300)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args(argv)
    tmp = None
    try:
        if args.site:
            site, n = args.site.resolve(), None
        else:
            tmp = Path(tempfile.mkdtemp(prefix="digest-search-bench-"))
            print(f"search bytes: building {args.articles:,} generated articles in {tmp} ...", file=sys.stderr)
            site, n = build(args.articles, tmp, args.seed), args.articles
        result = measure(site)
        report(n, result)
        out = ROOT / ".bench" / f"search-bytes-{n or 'site'}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps({"articles": n, "pages_indexed_html": sum(1 for _ in site.rglob("*.html")),
                                   "pagefind_bundle_bytes": sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()),
                                   **result}, indent=1), encoding="utf-8")
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
