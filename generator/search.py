"""Stage 7b: the search index — Pagefind run over the HTML MkDocs built, a plain post-build step.

``site.build_site`` calls ``index_site`` on the staging folder after ``mkdocs build`` succeeded and
before the swap, so a failed index leaves the old ``site/`` in place. It is not an MkDocs hook: it
reads only the built HTML, and would run the same after any other engine.

Pagefind (``pagefind[bin]`` from PyPI: the Python package and its binary wheel, pinned in
requirements.txt) splits the index into small chunks fetched per query,
so the browser downloads a few hundred KB for a search, not the whole site's index. What is
indexed is chosen in the page templates (``data-pagefind-body`` on the title, the article text
and the entity tables; filters and result metadata in ``templates/_search_data.j2``), and the
search box is ``generator/theme/partials/search.html`` with ``docs/javascripts/search.js``.

Pagefind itself folds accents ("Sanchez" finds "Sánchez"), treats a curly and a straight
apostrophe alike and indexes Greek and Cyrillic words. One gap is filled here: on an English
page (all of ours: ``theme.language``) it cuts words at spaces and punctuation only (its
*extended* binary segments Chinese and Japanese, but only on pages marked ``zh``/``ja``), so
a run of Chinese or Japanese characters (written without spaces) is one "word" and only its
start can be found. ``add_cjk_forms`` puts,
after each such run in the built page, a hidden (``hidden``, so never shown nor read aloud) list
of the run's suffixes, up to ``CJK_SUFFIX_CHARS`` characters each; Pagefind matches the start of
words, so any word inside the run is then found, and the result's excerpt still shows the run
in its sentence.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .errors import BuildError

BUNDLE = "pagefind"  # site/pagefind/: the index and Pagefind's scripts, served with the site

# Han ideographs (with extension A, the compatibility block and the supplementary planes),
# hiragana, katakana (with the phonetic extensions, the prolonged sound mark and half-width
# forms) and the iteration mark 々: scripts written without spaces between words. Hangul is
# not here: Korean puts spaces between words, and Pagefind's prefix match finds a noun before
# its particle ("서울" in "서울에서").
_CJK = "\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
CJK_RUN = re.compile(f"[{_CJK}]{{2,}}")
CJK_ANY = re.compile(f"[{_CJK}]")
# Longest suffix indexed: a word inside a run is found if it starts within the run's last 24
# characters or its own suffix is at most this long. Words are rarely over 4 characters; the
# limit keeps a long paragraph of Chinese from growing the page quadratically.
CJK_SUFFIX_CHARS = 24
# Text between tags, outside <script>, <style>, <template> and comments: the only place a run
# is rewritten (an attribute value or a script must never receive markup).
_TAG_OR_RAW = re.compile(r"<!--.*?-->|<(script|style|template|textarea|title)\b.*?</\1\s*>|<[^>]*>",
                         re.DOTALL | re.IGNORECASE)


def cjk_suffixes(run: str) -> list[str]:
    """The suffixes of a run of CJK characters after the first, longest first, each cut to
    ``CJK_SUFFIX_CHARS``: '北京市政府' → ['京市政府', '市政府', '政府', '府']."""
    return [run[i:i + CJK_SUFFIX_CHARS] for i in range(1, len(run))]


def _with_forms(text: str) -> str:
    return CJK_RUN.sub(lambda m: m.group(0) + '<span hidden data-digest-search-forms> '
                       + " ".join(cjk_suffixes(m.group(0))) + " </span>", text)


def add_cjk_forms(html: str) -> str:
    """``html`` with the hidden suffix list after every run of CJK characters in its text.

    Only text between tags changes; tags, comments, attribute values and the content of
    ``script``/``style``/``template``/``textarea``/``title`` are copied as they are. A page
    without CJK characters comes back unchanged (the same object).
    """
    if not CJK_ANY.search(html):
        return html
    out: list[str] = []
    pos = 0
    for match in _TAG_OR_RAW.finditer(html):
        out.append(_with_forms(html[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_with_forms(html[pos:]))
    return "".join(out)


def pagefind_binary() -> Path:
    """The Pagefind executable the ``pagefind`` package finds (``PAGEFIND_BINARY_PATH``, else the
    ``pagefind_bin_extended`` or ``pagefind_bin`` wheel). Raises ``BuildError`` when none is there."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    try:
        binary = get_executable() if get_executable else None
    except OSError:  # a binary wheel whose executable is gone
        binary = None
    if binary is None or not Path(binary).is_file():
        raise BuildError("search index: the Pagefind binary is missing; site/ is unchanged — install the pinned "
                         "dependencies (make build, or pip install -r requirements.txt, which brings "
                         "pagefind[bin]), or set PAGEFIND_BINARY_PATH to a pagefind executable")
    return Path(binary)


def index_site(site_dir: Path, *, quiet: bool = False) -> int:
    """Index the built site in ``site_dir`` (a finished MkDocs output) into ``site_dir/pagefind/``.

    First adds the hidden CJK suffix forms to the pages that need them (``add_cjk_forms``), then
    runs the Pagefind binary with explicit options only: ``PAGEFIND_*`` variables (other than
    ``PAGEFIND_BINARY_PATH``) are dropped and the working directory is ``site_dir``, so a stray
    variable or ``pagefind.yml`` cannot change the index. Returns the number of pages rewritten
    for CJK. Raises ``BuildError`` if the binary is missing, fails, or writes no index.
    """
    binary = pagefind_binary()
    rewritten = 0
    for page in sorted(site_dir.rglob("*.html")):
        if page.is_symlink() or not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        new = add_cjk_forms(html)
        if new is not html:
            page.write_text(new, encoding="utf-8")
            rewritten += 1
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_") or k == "PAGEFIND_BINARY_PATH"}
    cmd = [str(binary), "--site", ".", "--output-subdir", BUNDLE, "--quiet"]
    try:
        result = subprocess.run(cmd, cwd=site_dir, env=env, capture_output=True, text=True)
    except OSError as exc:
        raise BuildError(f"search index: cannot run {binary} ({exc.strerror or exc}); site/ is unchanged — "
                         "reinstall the pinned dependencies (pip install -r requirements.txt)") from None
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file():
        detail = (result.stderr or result.stdout).strip() or f"exit status {result.returncode}, no {BUNDLE}/pagefind-entry.json"
        raise BuildError(f"search index: pagefind failed; site/ is unchanged:\n{detail}")
    if not quiet and result.stderr.strip():
        print(result.stderr.strip(), file=sys.stderr)
    return rewritten
