"""The browser tests' shared set-up: a built site served on 127.0.0.1, Debian's chromium, a guarded visit.

``tests/conftest.py`` turns these into fixtures (``browser``, ``site_url``, ``visit``, ``new_visit``);
a module that tests its own site builds it and overrides ``site_url`` with ``serve(its site folder)``.
Every ``Visit`` aborts and records any request that would leave 127.0.0.1, so a browser test that
passes also proves the pages it opened loaded nothing from outside.

Chromium or Playwright missing is a failure (an assertion or an ImportError), never a skip:
``make test`` installs both.
"""
from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
# no sandbox (containers have no user namespaces), and none of chromium's own calls home, so the
# only requests a page makes are the site's
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 800}


class QuietHandler(SimpleHTTPRequestHandler):
    """The standard library's static file handler, without a log line per request on stderr."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the built ``site`` folder on 127.0.0.1 at a free port, in a thread, for the ``with`` block.

    Yields the base URL (``http://127.0.0.1:PORT``, no trailing slash). Raises AssertionError when
    ``site`` holds no ``index.html`` (the build did not run or wrote elsewhere), so a test fails on
    the cause rather than on a 404 later.
    """
    assert (site / "index.html").is_file(), f"no built site in {site}"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium():
    """Debian's chromium (``CHROMIUM``), headless, launched through Playwright for the ``with`` block.

    Yields a Playwright ``Browser``. A missing binary is an AssertionError naming the fix and a
    missing Playwright an ImportError: both fail the tests that need it, neither skips them.
    """
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install Debian's chromium (make chromium)"
    from playwright.sync_api import sync_playwright  # an ImportError here fails the tests too

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def is_local(url: str) -> bool:
    """True for a URL served from 127.0.0.1 or one that needs no network (data:, blob:, about:)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlsplit(url).hostname == "127.0.0.1"


class Visit:
    """One browser context and page, with every request and console message it produced recorded.

    ``context_options`` go to Playwright's ``Browser.new_context`` on top of the defaults (a 1280×800
    viewport, service workers blocked), e.g. ``java_script_enabled=False`` or a phone's viewport.
    Requests that are not ``is_local`` are aborted and listed in ``blocked``; ``requests`` lists
    every URL asked for (workers' included), ``console_errors`` and ``page_errors`` what the page
    reported (favicon misses aside).
    """

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.context = browser.new_context(**{"viewport": VIEWPORT, "service_workers": "block", **context_options})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._guard)
        # context-level so requests of workers (Pagefind searches in a web worker) count too
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _guard(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message):
        if message.type != "error":
            return
        location = (message.location or {}).get("url", "")
        if "favicon" in message.text or "favicon" in location:
            return
        self.console_errors.append(f"{message.text} ({location})")

    def goto(self, path: str):
        """Open ``base_url + path`` and wait for its load event; AssertionError unless the answer is 2xx."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, (path, response and response.status)
        return response

    def path(self) -> str:
        """The path of the page's URL now (after redirects and clicks), e.g. ``/actors/``."""
        return urlsplit(self.page.url).path

    def close(self):
        self.context.close()


def search(visit: Visit, query: str):
    """Open the header's search box (Pagefind's dialog, loaded on first use), type ``query``, and
    wait for Pagefind's first result; returns the locator of the result items. Raises Playwright's
    TimeoutError when nothing is found. tests/test_search.py tests search itself."""
    page = visit.page
    button = page.locator(".md-header .digest-search__button")
    button.wait_for(state="visible")
    button.click()
    box = page.locator("pagefind-modal dialog[open] input").first
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=10)
    items = page.locator("pagefind-modal pagefind-results li:has(a.pf-result-link)")
    items.first.wait_for(state="visible")
    return items
