"""Every output is well-formed, seed text never becomes page structure, every entity has its own address.

Whatever text reaches the page stage (a seed, a cached extraction, a correction): the RSS feed parses
as XML with a strict parser, every JSON file parses with a parser that refuses NaN and Infinity,
MkDocs' own front-matter reader gets back exactly what the generator wrote, text that looks like
Markdown (`# x`, `---`, `1. x`, a title ending in ` #`) shows as written, and distinct names never
share a page (nor take a listing's place). The property tests build the page model directly (no
spaCy) so each example is cheap; the last test is a real build with MkDocs.
"""
from __future__ import annotations

import html
import json
import math
import random
import re
import xml.dom.minidom
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import FUZZ_EXAMPLES, ROOT, make_project, run_generator
from generator.article import RESERVED_SLUGS, slugify
from generator.models import Actor, Article, Extraction, Figure, Location, Quote, Source
from generator.output import render_all
from generator.pages import build_site, name_key, place_key, place_path, tag_path, actor_path, source_path
from generator.pages import ANONYMOUS_PAGE, MAX_CROSS_LINKED, outlet_title, standfirst
from generator.link import outlet_meant
from generator.render import clean_text, safe_url

SITE_URL = "https://digest.example.net/"


# --- what the outputs are read with ----------------------------------------------------------------

def strict_json(text: str):
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def markdown_extensions() -> tuple[list, dict]:
    """The Markdown extensions of the project's mkdocs.yml, as MkDocs passes them to Python-Markdown."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


_NAMES, _CONFIGS = markdown_extensions()
_MD = markdown.Markdown(extensions=_NAMES, extension_configs=_CONFIGS)


def to_html(text: str) -> str:
    _MD.reset()
    return _MD.convert(text)


def shown(text: str | None) -> str:
    """What a page shows of ``text``: the characters no output can hold are gone, spaces collapsed."""
    return " ".join(clean_text(text or "").split())


def written_front_matter(page: str) -> dict:
    """The front-matter block as the generator wrote it: one `key: JSON` line per key (none, no block)."""
    if not page.startswith("---\n"):
        return {}
    block = page[4:page.index("\n---\n")]
    return {key: json.loads(value) for key, value in (line.split(": ", 1) for line in block.split("\n"))}


def unescape_values(value):
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, list):
        return [unescape_values(v) for v in value]
    if isinstance(value, dict):
        return {k: unescape_values(v) for k, v in value.items()}
    return value


def headings(lines: list[str]) -> list[str]:
    """The text of each Markdown heading line once Python-Markdown has rendered them (one conversion
    for all: each line is its own block), entities decoded. Fails unless every line is one heading."""
    rendered = to_html("\n\n".join(lines)).split("\n")
    texts = [re.fullmatch(r"<h(\d)[^>]*>(.*)</h\1>", line) for line in rendered]
    assert len(texts) == len(lines) and all(texts), (lines, rendered)
    return [html.unescape(re.sub(r"<[^>]+>", "", m.group(2))) for m in texts]


# --- hostile values --------------------------------------------------------------------------------

# Characters XML or YAML refuse, line separators, non-characters, a lone surrogate (a YAML "\ud800"
# escape makes one), and starts and ends that Markdown reads as structure.
SPECIALS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1f", "\x7f", "\x80", "\x85", "\x9b", "\u2028",
            "\u2029", "\ufffe", "\uffff", "\ufdd0", "\ud800", "\udfff", "\U0001fffe", "\U0010ffff", "\t", "\n", "\r",
            "# ", "#", " #", " ##", "---", "===", "***", "+++", "___", "1. ", "2) ", "> ", "| a | b |", "- ", "+ ",
            "!!! note", ": ", "~~~", "    ", "<script>", "&amp;", "{{ x }}", "{: .c }", "[x](javascript:y)", "\\",
            "é", "Ω", "Ж", "★", "C++", "C#", "index", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
            "\u2067", "\u2068", "\u2069", "\u200f"]
# The embedding, override and isolate controls: they reorder text on screen ("Trojan Source").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
hostile_text = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=6),
                                  st.text(st.characters(exclude_categories=()), max_size=3)),
                        max_size=5).map("".join)
NAMES = ["index", "Index", "anonymous", "C++", "C#", "C", "c", "Ελλάδα", "Россия", "北京", "★", "Jane Doe",
         "jane-doe", "Acme Org", "Acme", "cafe12", "readme", "Tromsø", "x" * 100]
hostile_name = st.one_of(st.sampled_from(NAMES), hostile_text)
country = st.one_of(st.none(), st.sampled_from(["FR", "QA", "fr", "F.R", "", "\x7f", "Ω"]), hostile_text)


@st.composite
def articles(draw) -> list[Article]:
    """One to three articles whose every text field is hostile.

    Hypothesis draws the hostile material (pools of texts, names, floats and country codes); the
    shape of the articles (how many actors, which text goes where) comes from one drawn seed, so
    that an example costs a few dozen draws rather than hundreds.
    """
    texts = draw(st.lists(hostile_text, min_size=1, max_size=8))
    names = draw(st.lists(hostile_name, min_size=1, max_size=6))
    floats = draw(st.lists(st.floats(), min_size=1, max_size=3))  # NaN and the infinities included
    countries = draw(st.lists(country, min_size=1, max_size=3))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))

    def text() -> str:
        return rnd.choice(texts)

    def name() -> str:
        return rnd.choice(names)

    def maybe(pick):
        return None if rnd.random() < 0.3 else pick()

    def some(pick, most: int) -> list:
        return [pick() for _ in range(rnd.randint(0, most))]

    result = []
    for i in range(rnd.randint(1, 3)):
        sentences = [text() for _ in range(rnd.randint(1, 3))]
        actors = [Actor(name=name(), type=rnd.choice(["person", "organisation"]), role=maybe(text),
                        mentions=1, sentences=[0]) for _ in range(rnd.randint(0, 4))]
        locations = [Location(name=name(), type="city", country_code=rnd.choice(countries),
                              lat=maybe(lambda: rnd.choice(floats)), lon=maybe(lambda: rnd.choice(floats)),
                              mentions=1, sentences=[0]) for _ in range(rnd.randint(0, 3))]
        figures = [Figure(value=rnd.choice(floats), qualifier=maybe(text), unit=maybe(text), object=maybe(text),
                          text=text(), sentence=0, sentences=[0]) for _ in range(rnd.randint(0, 2))]
        sources = [Source(name=maybe(name), descriptor=maybe(text), anonymous=rnd.random() < 0.5, type="person",
                          via=maybe(name), is_outlet=rnd.random() < 0.5,
                          quotes=[Quote(text=text(), direct=rnd.random() < 0.5, cue=None, sentence=len(sentences) - 1)])
                   for _ in range(rnd.randint(0, 2))]
        extraction = Extraction(sentences=sentences, paragraphs=[list(range(len(sentences)))], lede_title=text(),
                                actors=actors, locations=locations, figures=figures, sources=sources,
                                credits=some(text, 1))
        title = text()
        result.append(Article(
            source_file=f"seeds/{i}.txt", slug=f"{slugify(title)}-{i}", title=title,
            date=rnd.choice([None, "2025-03-05", "2024-12-31"]), outlet=maybe(name),
            url=rnd.choice([None, "https://example.org/a", "https://example.org/\x01", "javascript:x",
                            "https://example.org/\u202egpj.exe"]),
            authors=some(text, 2), tags=some(name, 4), summary=maybe(text), language="en", draft=False,
            extraction=extraction))
    return result


# --- property tests --------------------------------------------------------------------------------

@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), hostile_text)
def test_every_output_parses_strictly_and_shows_the_text_as_written(items, site_name):
    site = build_site(items)
    written = list(render_all(site, site_name=site_name, site_url=SITE_URL, build_epoch=0))
    files = dict(written)
    assert len(files) == len(written)  # no file is written twice (a tag "index" over the listing)
    for path, text in files.items():
        text.encode("utf-8")  # writable: no lone surrogate
        assert not BIDI_CONTROLS.search(text), path
        if path.endswith(".json"):
            strict_json(text)
        elif path.endswith(".md"):
            doc, meta = get_data(text)
            assert meta == written_front_matter(text), path  # MkDocs keeps every key, as written
            assert not doc.startswith("---"), path

    # RSS: a strict XML parser reads it, and the titles are the seed's (spaces collapsed by XML's reading)
    feed = files["feed.xml"].encode("utf-8")
    xml.dom.minidom.parseString(feed)
    titles = [" ".join((t.text or "").split()) for t in ET.fromstring(feed).iter("title")]
    assert titles == [shown(site_name)] + [shown(p.article.title) for p in site.articles]
    assert [i["title"] for i in strict_json(files["feed.json"])["items"]] == [clean_text(p.article.title)
                                                                             for p in site.articles]

    titled = [*((p.path, p.article.title) for p in site.articles), *((e.path, e.title) for e in site.entities)]
    first_lines = [get_data(files[path])[0].split("\n", 1)[0] for path, _ in titled]
    assert all(line.startswith("# ") for line in first_lines)
    assert headings(first_lines) == [shown(title) for _, title in titled]  # a trailing " #" too
    for page in site.articles:
        text = files[page.path]
        assert unescape_values(get_data(text)[1]).get("title", "") == shown(page.article.title)
        data = strict_json(files[f"data/articles/{page.article.slug}.json"])
        assert data["title"] == clean_text(page.article.title)
        for fig, out in zip(page.article.extraction.figures, data["figures"]):
            assert out["value"] == (fig.value if math.isfinite(fig.value) else None)

    # the home page: one h1, one h2 per article, our one rule, and no list, quote, code or table
    home = to_html(get_data(files["index.md"])[0])
    assert len(re.findall(r"<h1\b", home)) == 1 and len(re.findall(r"<hr\b", home)) == 1
    assert [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", home, re.S)] == \
        [shown(p.article.title) for p in site.articles]
    for tag in ("<h3", "<h4", "<h5", "<h6", "<li", "<blockquote", "<pre", "<code", "<table", "admonition"):
        assert tag not in home, tag
    paragraphs = {html.unescape(p) for p in re.findall(r"<p(?: [^>]*)?>(.*?)</p>", home, re.S)}
    for page in site.articles:
        intro = shown(standfirst(page.article) or "")  # a card's line: never the sentence its title repeats
        assert not intro or intro in paragraphs, intro


@pytest.mark.fuzz
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_distinct_entities_never_share_a_page_and_none_takes_a_reserved_one(items):
    site = build_site(items)
    owner: dict[str, tuple] = {}
    for page in site.articles:
        ex = page.article.extraction
        file = page.article.source_file
        def outlet_key(name: str, ex=ex, outlet=page.article.outlet) -> str:
            # the outlet a name stands for in this article ('Ars' in an Ars Technica article is Ars
            # Technica: link.outlet_meant), under its one listed name (pages.outlet_title)
            return name_key(outlet_title(outlet_meant(name, ex.sentences, outlet) or name))

        # every actor, place and named source has a page, or is marked uncertain on its article (link.py)
        for key, paths in ([(("actor", a.name, a.type), page.actor_paths) for a in ex.actors]
                           + [(("place", *place_key(loc)), page.place_paths) for loc in ex.locations]
                           + [(("source", s.name or s.descriptor or "", False), page.source_paths)
                              for s in ex.sources if not s.anonymous]):
            assert key[1:] in paths or key in page.uncertain, key
        # one page per identity: an actor's names that linking joined share it, distinct identities never do
        named = [(("actor", site.linking.actor(file, a).id), page.actor_paths[(a.name, a.type)]) for a in ex.actors
                 if (a.name, a.type) in page.actor_paths]
        named += [(("place", site.linking.place(file, loc).id), page.place_paths[place_key(loc)])
                  for loc in ex.locations if place_key(loc) in page.place_paths]
        named += [(("tag", name_key(t)), page.tag_paths[t]) for t in page.article.tags]
        for s in ex.sources:
            path = page.source_paths.get((s.name or s.descriptor or "", False))
            # the unnamed-sources page is shared by design: every source without a name goes there
            if s.anonymous or path is None or path == ANONYMOUS_PAGE:
                continue
            ident = site.linking.source(file, s.name) if s.name else None
            if path.startswith("actors/") and ident is None:
                # the article's outlet or the outlet spoken to, of the same name: the outlet's one page is
                # its actor page (pages.build_site's outlet_page, link.Linking.outlet)
                ident = site.linking.outlet(outlet_title(s.name or ""))
                assert ident is not None, (s, path)
            named.append(((("actor", ident.id) if path.startswith("actors/") else ("source", outlet_key(s.name or s.descriptor or ""))), path))
        # an outlet's entry is the named source's of the same name in the article, when there is one
        named += [(("source", outlet_key(s.via)), page.source_paths[(s.via, False)]) for s in ex.sources
                  if s.via and not page.source_paths[(s.via, False)].startswith("actors/")]
        if page.article.outlet and not page.source_paths[(page.article.outlet, False)].startswith("actors/"):
            named.append((("source", outlet_key(page.article.outlet)), page.source_paths[(page.article.outlet, False)]))
        for who, path in named:
            assert owner.setdefault(path, who) == who, (path, who, owner[path])
    paths = [e.path for e in site.entities]
    assert len(paths) == len(set(paths))
    for path in paths:
        assert re.fullmatch(r"(actors|places|sources|tags)/[a-z0-9]+(-[a-z0-9]+)*\.md", path), path
        stem = path.split("/")[1][:-3]
        assert stem not in RESERVED_SLUGS or path == "sources/anonymous.md", path


# --- the same faults, one example each ------------------------------------------------------------------

def test_names_that_slug_alike_get_their_own_address_and_ordinary_names_keep_theirs():
    tags = ["C++", "C#", "C", "index", "anonymous", "Ελλάδα", "Κρήτη", "Россия", "Україна", "★", "☆"]
    paths = [tag_path(t) for t in tags]
    assert len(set(paths)) == len(tags), paths
    assert "tags/index.md" not in paths and "tags/anonymous.md" not in paths
    assert source_path("Anonymous") != "sources/anonymous.md"
    # the address depends on the name alone: these are the addresses of every build, on every machine
    assert tag_path("C++") == "tags/c-dad76e.md" and tag_path("Ελλάδα") == "tags/ellada-adc2b1.md"
    # ordinary names keep the address they always had; case, accents and spacing are one entity
    assert actor_path("Gérald Darmanin", "person") == actor_path("GERALD DARMANIN", "person") == \
        "actors/gerald-darmanin.md"
    assert actor_path("Hamas", "organisation") == "actors/hamas-org.md"
    assert actor_path("Hamas Org", "person") != actor_path("Hamas", "organisation")
    assert place_path("Doha", "QA") == "places/doha-qa.md" and place_path("Paris", None) == "places/paris.md"
    assert place_path("Paris Fr", None) != place_path("Paris", "FR")
    assert source_path("U.S. Navy") == "sources/u-s-navy.md" and tag_path("Middle East") == "tags/middle-east.md"
    assert tag_path("Facade") == "tags/facade.md" and tag_path("Tromsø") == tag_path("Tromso") == "tags/tromso.md"
    assert tag_path("2024") == "tags/2024.md" and tag_path("123456") != "tags/123456.md"  # that would look hashed


def test_titles_in_other_scripts_get_transliterated_article_slugs():
    assert slugify("Απεργία στα λιμάνια") == "apergia-sta-limania"
    assert slugify("Σεισμός στην Κρήτη") == "seismos-stin-kriti"
    assert slugify("Шторм у побережья") == "shtorm-u-poberezh-ya"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("★ ☆") != slugify("★★") and re.fullmatch(r"[a-z0-9-]+", slugify("★★"))
    assert slugify("index") != "index"


# --- a real build --------------------------------------------------------------------------------------

# Front-matter escapes (the YAML reader refuses these characters raw) and raw ones in the body.
CONTROL_SEED = r'''---
title: "Harbour \x01strike\e[1m halts\x7f ferries\x85 to\u2028 the\uFFFE islands #"
date: 2025-04-01
outlet: "Port\x9b Herald"
summary: "# Not a heading: the ferries \x1f stay in port"
tags: [index, "C++", "C#", Ελλάδα, Россия]
---
''' + "Dock workers in Piraeus stopped work on Tues\x01day\x7f, the seamen\u0085s union said.\n" \
    + "The strike cancelled 40 sailings to the islands\ufffe, port officials said.\n"

GREEK_SEED = """---
title: "Σεισμός κοντά στην Κρήτη ##"
date: 2025-04-02
summary: "--- not a rule"
tags: [Ελλάδα, C]
---
A magnitude 5.1 earthquake struck near Crete on Sunday, damaging about 20 homes, officials said.
"""

CYRILLIC_SEED = """---
title: Шторм у побережья
date: 2025-04-03
tags: [Україна, anonymous]
---
1. Storm waves flooded 12 streets in Odesa on Monday, the city council said.
"""

LEDE_SEEDS = {  # no summary: the home page shows the lede, the article's first sentence
    "rule.txt": ("*** Ferry crews return", "*** Ferry crews returned to work in Piraeus on Wednesday, the union said."),
    "setext.txt": ("=== Ports reopen", "=== Ports reopened on Thursday after a two-day strike, officials said."),
    "plus.txt": ("+++ Fares rise", "+++ Ferry fares will rise by 5% in May, the operators said."),
    "quote.txt": ("> Union ends strike", "> The union ended its strike on Friday, its leader said."),
    "pipe.txt": ("| Timetable | Changed |", "| Timetable | Changed | Ferries will run at night from June, the port said."),
}


class Content(HTMLParser):
    """Headings, rules and list items inside the page's <article> (Material's content area)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.open: list[list] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "hr", "blockquote", "ol", "pre", "code"):
            if tag == "hr":
                self.found.append(("hr", ""))
            else:
                self.open.append([tag, ""])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if self.open and self.open[-1][0] == tag:
            name, text = self.open.pop()
            self.found.append((name, " ".join(text.split())))

    def handle_data(self, data):
        for item in self.open:
            item[1] += data

    def of(self, tag: str) -> list[str]:
        return [text for name, text in self.found if name == tag]


def content(path: Path) -> Content:
    parser = Content()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("wellformed"), seeds=[])
    seeds = {"controls.txt": CONTROL_SEED, "greek.txt": GREEK_SEED, "cyrillic.txt": CYRILLIC_SEED}
    seeds.update({name: f"---\ntitle: {json.dumps(title)}\ndate: 2025-04-0{4 + i}\ntags: [ferries]\n---\n{body}\n"
                  for i, (name, (title, body)) in enumerate(LEDE_SEEDS.items())})
    for name, text in seeds.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    run_generator(["build", "--site"], cwd=project)
    return project


CONTROL_TITLE = "Harbour strike halts ferries to the islands #"


def test_a_real_build_writes_only_well_formed_feeds_data_and_front_matter(hostile_build):
    site, docs = hostile_build / "site", hostile_build / "docs"
    feed = (site / "feed.xml").read_bytes()
    xml.dom.minidom.parseString(feed)
    titles = [" ".join(t.text.split()) for t in ET.fromstring(feed).iter("title")]
    assert CONTROL_TITLE in titles and "Σεισμός κοντά στην Κρήτη ##" in titles
    json_files = sorted(site.rglob("*.json"))
    assert len(json_files) >= 2 + 8  # feed.json, data/index.json, one per article, the search index
    for path in json_files:
        strict_json(path.read_text(encoding="utf-8"))
    generated = [p for p in docs.rglob("*.md") if p.name != "about.md"]
    for path in generated:
        text = path.read_text(encoding="utf-8")
        assert get_data(text)[1] == written_front_matter(text), path
    for path in site.rglob("*.html"):  # MkDocs kept every front-matter block: none is printed on a page
        text = html.unescape(path.read_text(encoding="utf-8"))
        assert 'title: "' not in text and 'description: "' not in text and '{"exclude": true}' not in text, path


def test_seed_text_shows_as_written_never_as_structure(hostile_build):
    site = hostile_build / "site"
    home = content(site / "index.html")
    assert len(home.of("h1")) == 1 and len(home.of("hr")) == 1  # the site name; our rule above the links
    assert CONTROL_TITLE in home.of("h2") and "Σεισμός κοντά στην Κρήτη ##" in home.of("h2")
    assert not home.of("li") and not home.of("blockquote") and not home.of("ol") and not home.of("h3")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", (site / "index.html").read_text(encoding="utf-8"))).split())
    summarised = {"harbour-strike-halts-ferries-to-the-islands.json", "seismos-konta-stin-kriti.json"}
    ledes = [strict_json(p.read_text(encoding="utf-8"))["sentences"][0] for p in (site / "data" / "articles").glob("*.json")
             if p.name not in summarised]
    assert sum(lede.startswith(("1.", "***", "===", "+++", ">", "|")) for lede in ledes) == 6  # spaCy may cut "1." off
    for shown_text in ("# Not a heading: the ferries stay in port", "--- not a rule", *ledes):
        assert " ".join(shown_text.split()) in text, shown_text
    for article in (site / "articles").glob("*/index.html"):
        found = content(article)
        assert len(found.of("h1")) == 1 and not found.of("hr") and not found.of("blockquote")[1:], article
        assert found.of("h2") == ["Key figures", "Actors", "Locations", "Sourcing panel", "Related articles",
                                  "Full text"], article
    # the page whose own text has the controls (other pages may name its title under "Related articles")
    controls = next(p for p in (site / "articles").glob("*/index.html") if "seamen" in p.read_text(encoding="utf-8"))
    assert content(controls).of("h1") == [CONTROL_TITLE]
    assert "Tuesday, the seamen s union" in html.unescape(controls.read_text(encoding="utf-8"))
    for listing in ("archive/2025-04", "tags/ferries"):
        found = content(site / listing / "index.html")
        assert len(found.of("h1")) == 1 and not found.of("hr") and not found.of("li"), listing


def test_every_tag_has_its_own_page_and_the_listing_survives(hostile_build):
    site = hostile_build / "site"
    tags = ["index", "C++", "C#", "Ελλάδα", "Россия", "C", "Україна", "anonymous", "ferries"]
    pages = sorted((site / "tags").glob("*/index.html"))
    titles = [content(p).of("h1")[0] for p in pages]
    assert sorted(titles) == sorted(tags)
    listing = content(site / "tags" / "index.html")
    assert listing.of("h1") == ["Tags"]
    listed = html.unescape((site / "tags" / "index.html").read_text(encoding="utf-8"))
    assert all(f">{tag}</a>" in listed for tag in tags)
    assert (site / "articles" / "harbour-strike-halts-ferries-to-the-islands" / "index.html").is_file()
    assert (site / "articles" / "seismos-konta-stin-kriti" / "index.html").is_file()
    assert (site / "articles" / "shtorm-u-poberezh-ya" / "index.html").is_file()


# --- hostile reordering and page counts ----------------------------------------------------------

BIDI_SEED = """---
title: "Ferry \\u202Egnikrts\\u202C workers \\u2066vote\\u2069 today"
date: 2025-04-09
url: "https://example.org/news/\\u202Efdp.exe"
---
The union \u2067said\u2069 that 300 \u202Dworkers\u202C voted in Piraeus on Wednesday.
"""


def test_bidi_controls_never_reach_a_page_a_feed_or_a_link(tmp_path):
    project = make_project(tmp_path / "p", seeds=[])
    (project / "seeds" / "bidi.txt").write_text(BIDI_SEED, encoding="utf-8")
    run_generator(["build"], cwd=project)
    docs = project / "docs"
    written = [p for p in docs.rglob("*") if p.is_file() and p.suffix in (".md", ".json", ".xml")]
    assert len(written) > 5
    for path in written:
        assert not BIDI_CONTROLS.search(path.read_text(encoding="utf-8")), path
    [article] = (docs / "articles").glob("*.md")
    page = article.read_text(encoding="utf-8")
    assert "Ferry gnikrts workers vote today" in page
    assert "digest-original" not in page and "Original address (not a web link)" in page  # shown, never linked
    for url in ("https://example.org/news/\u202efdp.exe", "https://example.org/\u2066a\u2069"):
        assert safe_url(url) is None, url
    assert clean_text("a\u202eb\u2067c\u2069") == "abc" and clean_text("\u05e9\u200f") == "\u05e9\u200f"


def crowded_article(actors: int, places: int, name: str = "crowded") -> Article:
    """One article naming ``actors`` people and ``places`` places, mentioned 2..40 times each (a name
    mentioned once, with nothing else to confirm it, gets no page at all: link.py's confidence bar)."""
    rnd = random.Random(5)
    extraction = Extraction(
        sentences=["One sentence."], paragraphs=[[0]], lede_title="One sentence.",
        actors=[Actor(name=f"Person {n}" + ("" if name == "crowded" else f" of {name.title()}"), type="person", mentions=rnd.randint(2, 40), sentences=[0])
                for n in range(actors)],
        locations=[Location(name=f"Town {n}" + ("" if name == "crowded" else f" of {name}"), type="city", mentions=rnd.randint(2, 40), sentences=[0])
                   for n in range(places)])
    return Article(source_file=f"seeds/{name}.txt", slug=name, title=name.title(), date="2025-04-10", outlet=None,
                   url=None, authors=[], tags=[], summary=None, language="en", draft=False, extraction=extraction)


def test_one_article_gives_pages_to_its_most_mentioned_actors_and_places_only():
    crowded = crowded_article(MAX_CROSS_LINKED * 3, MAX_CROSS_LINKED + 7)
    ordinary = crowded_article(12, 3, "ordinary")
    site = build_site([crowded, ordinary])
    assert site.capped == [("seeds/crowded.txt", MAX_CROSS_LINKED * 3, MAX_CROSS_LINKED + 7)]
    page = next(p for p in site.articles if p.article is crowded)
    assert len(page.actor_paths) == len(page.place_paths) == MAX_CROSS_LINKED
    for items, paths, key in ((crowded.extraction.actors, page.actor_paths, lambda a: (a.name, a.type)),
                              (crowded.extraction.locations, page.place_paths, place_key)):
        linked = [item.mentions for item in items if key(item) in paths]
        unlinked = [item.mentions for item in items if key(item) not in paths]
        assert min(linked) >= max(unlinked)  # the most mentioned keep their pages
    assert len([e for e in site.entities if e.kind == "actor"]) == MAX_CROSS_LINKED + 12  # + the other article's
    files = dict(render_all(site, site_name="Digest", site_url=SITE_URL, build_epoch=0))
    text = files[page.path]
    assert all(f">Person {n}<" in text for n in range(MAX_CROSS_LINKED * 3))  # every name on its own page
    targets = set(re.findall(r'href="\.\./\.\./(actors|places)/([^/"]+)/"', text))
    assert len(targets) == 2 * MAX_CROSS_LINKED
    assert all(f"{kind}/{slug}.md" in files for kind, slug in targets)  # no link to a page not written
    assert build_site([ordinary]).capped == []


def test_a_real_seed_of_thousands_of_names_builds_with_one_warning_and_no_dead_link(tmp_path):
    from test_build_safety import names_sentence

    project = make_project(tmp_path / "p", seeds=[])
    (project / "seeds" / "names.txt").write_text("---\ntitle: A list of names\ndate: 2025-04-11\n---\n"
                                                 + names_sentence(30_000), encoding="utf-8")
    result = run_generator(["build"], cwd=project)
    warned = [line for line in result.stderr.splitlines() if "get a page of their own" in line]
    assert len(warned) == 1 and warned[0].startswith("seeds/names.txt: warning:"), result.stderr
    docs = project / "docs"
    assert len(list((docs / "actors").glob("*.md"))) <= MAX_CROSS_LINKED + 1  # + the listing
    page = (docs / "articles" / "a-list-of-names.md").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./\.\./actors/([^/"]+)/"', page)
    # at most the cap; fewer, as a name listed once has no page (link.py's confidence bar)
    assert 0 < len(links) <= MAX_CROSS_LINKED and all((docs / "actors" / f"{slug}.md").is_file() for slug in links)
