"""A real MkDocs Material build of the seed: pages, sections, search index, feeds, no outside hosts."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import run_generator

SECTIONS = ("Key figures", "Actors", "Locations", "Sourcing panel")


def article_html(project) -> str:
    pages = list((project / "site" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    return pages[0].read_text(encoding="utf-8")


def test_article_page_has_its_four_sections(built_project):
    html = article_html(built_project)
    for section in SECTIONS:
        assert re.search(rf"<h2[^>]*>{section}", html), section
    assert 'id="s-8"' in html and "59 hostages" in html
    assert 'href="#s-8"' in html  # an evidence link to the sentence


def indexed_pages(site) -> list[str]:
    """Pages the templates mark for search (data-pagefind-body): what Pagefind must have indexed."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if "data-pagefind-body" in p.read_text(encoding="utf-8"))


def test_search_index_holds_the_article(built_project):
    site = built_project / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = indexed_pages(site)
    assert "articles/us-is-holding-talks-with-hamas-over-the-hostages-held-in-gaza/index.html" in pages
    assert "actors/karoline-leavitt/index.html" in pages  # entity pages are searchable
    assert not [p for p in pages if p in ("index.html", "archive/index.html", "actors/index.html")], pages
    assert entry["languages"]["en"]["page_count"] == len(pages)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def test_no_page_refers_to_an_outside_host(built_project):
    for page in (built_project / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        parser = _Refs()
        parser.feed(text)
        loading = [r for r in parser.refs if r.startswith(("http:", "https:", "//"))]
        # only plain links may leave the site (the original article, the theme's credit), never resources
        for ref in loading:
            assert not re.search(r"\.(js|css|woff2?|png|svg|jpg)(\?|$)", ref), (page, ref)


def test_cross_pages_feeds_and_data(built_project):
    site = built_project / "site"
    assert (site / "actors" / "karoline-leavitt" / "index.html").exists()
    assert (site / "places" / "doha-qa" / "index.html").exists()
    # Axios is quoted and named as an actor: one page, the actor's (an outlet never has a second one)
    assert (site / "actors" / "axios-org" / "index.html").exists()
    assert not (site / "sources" / "axios").exists()
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<rss" in feed and "US is holding talks with Hamas" in feed
    json_feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert json_feed["items"][0]["title"].startswith("US is holding talks")
    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    slug = index["articles"][0]["slug"]
    data = json.loads((site / "data" / "articles" / f"{slug}.json").read_text(encoding="utf-8"))
    assert any(a["name"] == "Karoline Leavitt" for a in data["actors"])


def test_home_lists_the_article(built_project):
    home = (built_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "US is holding talks with Hamas" in home
    assert "articles/us-is-holding-talks" in home


def test_two_builds_are_identical(built_project, tmp_path):
    from conftest import make_project

    other = make_project(tmp_path / "again")
    run_generator(["build", "--site"], cwd=other)
    site = built_project / "site"
    for path in sorted(site.rglob("*")):
        # Pagefind's index chunks are named by a hash of their content, which is not the same from
        # one run to the next (its filter chunks vary): the bundle is compared by its file count
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind":
            twin = other / "site" / path.relative_to(site)
            assert twin.read_bytes() == path.read_bytes(), path
    assert len(list((site / "pagefind").rglob("*"))) == len(list((other / "site" / "pagefind").rglob("*")))


@pytest.fixture(scope="module")
def gold_project(tmp_path_factory):
    from conftest import ROOT, SEED, make_project

    seeds = [SEED, *sorted((ROOT / "tests").glob("gold*/articles/*.txt"))]
    project = make_project(tmp_path_factory.mktemp("gold"), seeds=seeds)
    run_generator(["build", "--site"], cwd=project)
    return project


def article_text_bytes(project) -> int:
    total = 0
    for seed in (project / "seeds").glob("*.txt"):
        text = seed.read_text(encoding="utf-8")
        total += len((text.split("\n---\n", 1)[1] if text.startswith("---") else text).encode("utf-8"))
    return total


def test_search_index_stays_small_and_articles_only(gold_project):
    """A query downloads a few of Pagefind's chunks, never the index: each stays small. The whole
    bundle holds every indexed page's text again (gzipped, for excerpts), the entity pages' too:
    about 3.4 times the article text here; over 5 times would mean panels or listings got in."""
    site = gold_project / "site"
    chunks = [f for f in (site / "pagefind").rglob("*")
              if f.is_file() and f.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")]
    assert max(f.stat().st_size for f in chunks if f.suffix in (".pf_index", ".pf_fragment")) <= 64 * 1024
    assert sum(f.stat().st_size for f in chunks) <= 5 * article_text_bytes(gold_project)
    pages = indexed_pages(site)
    assert all(p.startswith(("articles/", "actors/", "places/", "sources/", "tags/")) for p in pages), pages
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(pages)


def test_article_pages_stay_light(gold_project):
    pages = list((gold_project / "site" / "articles").glob("*/index.html"))
    assert len(pages) == len(list((gold_project / "seeds").glob("*.txt"))) > 10
    assert max(p.stat().st_size for p in pages) <= 60 * 1024


class _Anchors(HTMLParser):
    """Every link (``<a href>``) and every element id of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def test_every_link_in_the_site_lands_on_a_page_and_anchor(gold_project):
    """The generator writes the links of its HTML blocks itself (MkDocs does not check those): all must resolve."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    site = gold_project / "site"
    parsed: dict[str, _Anchors] = {}

    def page(rel: str) -> _Anchors:
        if rel not in parsed:
            parsed[rel] = _Anchors()
            parsed[rel].feed((site / rel).read_text(encoding="utf-8"))
        return parsed[rel]

    checked = 0
    for path in sorted(site.rglob("*.html")):
        here = str(path.relative_to(site))
        for link in page(here).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = here
            if parts.path:
                base = "" if parts.path.startswith("/") else posixpath.dirname(here)  # 404.html links from the root
                target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                if parts.path.endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html")
                assert (site / target).is_file(), f"{here}: {link} → {target} does not exist"
            if parts.fragment and target.endswith(".html"):
                assert unquote(parts.fragment) in page(target).ids, f"{here}: {link} → no #{parts.fragment} in {target}"
            checked += 1
    assert checked > 1000  # every article, entity and index page's links were followed


def test_index_pages_list_their_entries_as_tables(gold_project):
    html = (gold_project / "site" / "actors" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td>', html)
    assert len(rows) > 20 and ("karoline-leavitt/", "Karoline Leavitt") in rows
    archive = (gold_project / "site" / "archive" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<tr><td><a href="\d{4}-\d\d/">\d{4}-\d\d</a></td><td>\d+</td></tr>', archive)


def _normalised(html: str) -> str:
    html = re.sub(r"<!-- /?digest:html( indexed)? -->", "", html)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_the_mkdocs_hooks_change_speed_not_pages(gold_project, tmp_path):
    """Without ``hooks:`` Python-Markdown renders the HTML blocks itself: every page and the search index match."""
    import shutil
    import subprocess
    import sys

    bare = tmp_path / "no-hooks"
    shutil.copytree(gold_project, bare, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache"))
    config = (bare / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - generator/mkdocs_hooks.py\n" in config
    (bare / "mkdocs.yml").write_text(config.replace("hooks:\n  - generator/mkdocs_hooks.py\n", ""), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=bare, check=True,
                   env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"})
    fast, slow = gold_project / "site", bare / "site"
    pages = sorted(str(p.relative_to(fast)) for p in fast.rglob("*.html"))
    assert pages == sorted(str(p.relative_to(slow)) for p in slow.rglob("*.html"))
    forms = re.compile(r"<span hidden data-digest-search-forms>[^<]*</span>")  # added for Pagefind after MkDocs
    for rel in pages:
        assert _normalised(forms.sub("", (fast / rel).read_text(encoding="utf-8"))) == \
            _normalised((slow / rel).read_text(encoding="utf-8")), rel


def test_generated_pages_take_the_hooks_fast_path(gold_project):
    """The generator's templates keep to what ``render_plain`` (the hooks' fast path) reads: if a
    template change stopped that, every page would silently go back through Markdown (correct, but
    slower)."""
    from generator import mkdocs_hooks as hooks

    pages = [p for p in (gold_project / "docs").rglob("*.md") if "<!-- digest:html" in p.read_text(encoding="utf-8")]
    plain = 0
    for path in pages:
        body = path.read_text(encoding="utf-8")
        body = body.split("\n---\n", 1)[1] if body.startswith("---\n") else body
        stashed = hooks.BLOCK.sub("<!-- digest:block 0 -->", body)
        plain += hooks.render_plain(stashed) is not None
    assert len(pages) > 100
    assert plain >= 0.9 * len(pages), f"{plain} of {len(pages)} generated pages are plain"


def test_parts_reused_across_a_folder_keep_every_url_right(tmp_path):
    """The page-independent parts (nav, tabs, footer, scripts: ``digest_once`` in the hooks) are
    rendered once per folder of leaf pages outside the nav. A page with a file under its own URL
    is not such a leaf: each page's script link and nav links must still land on the files."""
    import posixpath
    import subprocess
    import sys

    from conftest import ROOT

    docs = tmp_path / "docs"
    (docs / "notes" / "a").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nThe start.\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nWho we are.\n", encoding="utf-8")
    (docs / "notes" / "a" / "index.md").write_text("# Note A\n\nFirst.\n", encoding="utf-8")
    (docs / "notes" / "a" / "extra.js").write_text("// a script inside a page's folder\n", encoding="utf-8")
    # built after notes/a/ (MkDocs builds a folder's files before its sub-folders): were notes/a/'s
    # parts reused here, its script link would be "extra.js", which is not there from notes/b/
    (docs / "notes" / "b").mkdir()
    (docs / "notes" / "b" / "index.md").write_text("# Note B\n\nMore.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Reuse check\nsite_url: https://example.org/\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'generator' / 'theme'}\n  font: false\n"
        "  features:\n    - navigation.tabs\n"
        f"hooks:\n  - {ROOT / 'generator' / 'mkdocs_hooks.py'}\n"
        "plugins: []\nnav:\n  - Home: index.md\n  - About: about.md\nnot_in_nav: |\n  /notes/\n"
        "extra_javascript:\n  - notes/a/extra.js\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=tmp_path, check=True,
                   env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    site = tmp_path / "site"
    for page in ("notes/a/", "notes/b/", "about/"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]*extra\.js)"', html)
        assert len(scripts) == 1, page
        assert posixpath.normpath(posixpath.join(page, scripts[0])) == "notes/a/extra.js", (page, scripts)
        tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.DOTALL).group(0)
        for href in re.findall(r'href="([^"]+)"', tabs):
            target = posixpath.normpath(posixpath.join(page, href))
            assert (site / target / "index.html").is_file() or target == ".", (page, href)


def test_the_theme_override_copies_the_installed_materials_site_nav_block():
    """generator/theme/main.html re-declares Material's ``site_nav`` block with one change (the nav
    include wrapped in ``once``). An upgrade of mkdocs-material that changes the block would otherwise
    be silently undone by our copy: this fails until the block is copied again."""
    from pathlib import Path

    import material

    def block(text: str) -> str:
        found = re.search(r"{% block site_nav %}(.*?){% endblock %}", text, re.S)
        assert found, "no site_nav block"
        return " ".join(found.group(1).split())

    ours = (Path(__file__).resolve().parent.parent / "generator" / "theme" / "main.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    reuse = '{% call once("nav") %}{% include "partials/nav.html" %}{% endcall %}'
    assert reuse in ours
    assert block(ours.replace(reuse, '{% include "partials/nav.html" %}')) == block(theirs), (
        "mkdocs-material's site_nav block changed: copy it into generator/theme/main.html again, "
        "with the nav include inside once(\"nav\")")
