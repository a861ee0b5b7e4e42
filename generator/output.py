"""Stage 6: write the generated pages, feeds and data into ``docs/`` — all or nothing.

Everything is rendered into a temporary folder beside ``docs/`` first; only when all
of it is written are the generated paths swapped in. A failure before the swap leaves
``docs/`` exactly as it was; a kill inside the swap is rolled back by the next build
(``recover``, under the build lock). Hand-written pages in ``docs/`` are never touched.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import os
import shutil
import stat
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from . import charts, maps, pagecache, render
from .errors import BuildError
from .models import Article
from .pages import (MAX_CROSS_LINKED, ArticlePage, Site, add_connections, article_path, build_site, coordinates,
                    figure_value, href,
                    main_items, page_url, rel, sentence_anchor, shown_figures)
from .pages import dated_apart, key_facts, mark_searchable, sourcing_summary, standfirst

# every top-level path in docs/ that the generator owns (and .gitignore lists)
GENERATED = ("index.md", "articles", "actors", "places", "sources", "tags", "archive", "data", "feed.xml", "feed.json")
EDITED = Markup('<span class="digest-edited" title="Corrected by hand in the front-matter">✎ edited</span>')
FEED_ITEMS = 50


def write_site(articles: list[Article], docs: Path, *, site_name: str, site_url: str, build_epoch: int | None,
               directory_urls: bool = True, page_record: Path | None = None, jobs: int = 1) -> Site:
    """``directory_urls`` is MkDocs' ``use_directory_urls``: the HTML blocks link to published URLs.

    ``page_record`` (``.cache/pages.json``; None: render everything) makes the render incremental
    (``generator.pagecache``): an article or entity page whose model did not change since the build
    that wrote the record is not rendered again; its file in ``docs`` is reused as it is.

    An article with more actors or places than ``pages.MAX_CROSS_LINKED`` gets one warning naming
    its seed: only its most mentioned have pages of their own. ``jobs``: processes rendering the
    article and entity pages (``render_all``).
    """
    site = add_connections(build_site(articles))
    for source_file, actors, places in site.capped:
        print(f"{source_file}: warning: {actors:,} actors and {places:,} places — only the {MAX_CROSS_LINKED} most "
              "mentioned of each get a page of their own; the others are listed on the article's page only",
              file=sys.stderr)
    docs.mkdir(parents=True, exist_ok=True)
    record = pagecache.PageRecord(page_record, docs) if page_record is not None else None
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=docs))
    folders: set[Path] = set()
    try:
        for relpath, text in render_all(site, site_name=site_name, site_url=site_url, build_epoch=build_epoch,
                                        directory_urls=directory_urls, record=record, jobs=jobs):
            target = staging / relpath
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            if text is None:  # its model is unchanged since the last build: that build's file, as it is
                reuse(docs / relpath, target)
            else:
                target.write_text(text, encoding="utf-8")
                keep_time_if_unchanged(target, docs / relpath)
        if record is not None:
            record.forget()  # from the swap on, the old record no longer describes docs/
        swap_in(staging, docs)
        if record is not None:
            record.save()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site


def keep_time_if_unchanged(staged: Path, current: Path) -> None:
    """Give ``staged`` the modification time of ``current`` when their bytes are the same.

    Every build renders every page, but a page whose inputs did not change comes out byte for byte
    the same: keeping its time lets whatever looks at times (rsync or another deploy step, an editor,
    ``mkdocs serve``) see only the pages that really changed. ``current`` is only read, and only when
    it is a regular file of the same size; anything else leaves ``staged`` as written.
    """
    try:
        info = os.lstat(current)
        if stat.S_ISREG(info.st_mode) and info.st_size == staged.stat().st_size \
                and current.read_bytes() == staged.read_bytes():
            os.utime(staged, ns=(info.st_atime_ns, info.st_mtime_ns))
    except OSError:
        pass  # no page there yet, or unreadable: the new page keeps its own time


def reuse(current: Path, staged: Path) -> None:
    """Put the file ``current`` (a page of the last build) at ``staged``: a hard link, which costs no
    copy and keeps its time, or a copy with its time where the file system cannot link."""
    try:
        os.link(current, staged, follow_symlinks=False)
    except OSError:
        shutil.copy2(current, staged, follow_symlinks=False)


def swap_in(staging: Path, docs: Path) -> None:
    """Replace each generated path in ``docs`` with the staged one, as one recoverable step.

    The old paths move into a backup folder, ``docs/.generated-old-*``, whose journal lists
    which generated paths ``docs`` held; then the staged paths move in. Only when all are in
    place is the backup renamed ``.generated-trash-*`` and deleted. A rename that fails rolls
    back at once and re-raises the ``OSError``; a kill leaves the backup, and ``recover`` (run
    by the next ``build`` under the build lock) rolls it back, so ``docs`` never stays half
    swapped.
    """
    backup = Path(tempfile.mkdtemp(prefix=".generated-old-", dir=docs))
    try:
        present = [name for name in GENERATED if os.path.lexists(docs / name)]
        _write_journal(backup, present)
        for name in present:
            os.replace(docs / name, backup / name)
        for name in GENERATED:
            if os.path.lexists(staging / name):
                os.replace(staging / name, docs / name)
    except OSError:
        _roll_back(backup, docs)  # if this fails too, the backup stays for recover()
        shutil.rmtree(backup, ignore_errors=True)
        raise
    trash = docs / (".generated-trash-" + backup.name.removeprefix(".generated-old-"))
    os.replace(backup, trash)  # from here on the backup is garbage, never a state to roll back to
    shutil.rmtree(trash, ignore_errors=True)


JOURNAL = ".present"  # in a backup folder: the generated paths docs/ held before the swap, one a line


def _write_journal(backup: Path, present: list[str]) -> None:
    tmp = backup / (JOURNAL + ".tmp")
    tmp.write_text("".join(name + "\n" for name in present), encoding="utf-8")
    os.replace(tmp, backup / JOURNAL)  # a journal is whole or absent; no path moves before it exists


def _roll_back(backup: Path, docs: Path) -> None:
    """Put ``docs`` back as the journal in ``backup`` says it was; safe to repeat after a kill."""
    journal = backup / JOURNAL
    if not journal.is_file():
        # Stopped before the first move (docs/ untouched), or left by a version without journals:
        # then put back only what docs/ lacks, and let the build redo the rest.
        for name in GENERATED:
            if os.path.lexists(backup / name) and not os.path.lexists(docs / name):
                os.replace(backup / name, docs / name)
        return
    present = set(journal.read_text(encoding="utf-8").split())
    for name in GENERATED:
        if os.path.lexists(backup / name):  # moved out, so whatever docs/ has under the name is new
            _remove(docs / name)
            os.replace(backup / name, docs / name)
        elif name not in present:  # absent before the swap, so anything there now is new
            _remove(docs / name)


def recover(docs: Path) -> None:
    """Undo what an interrupted build left in ``docs``: roll back a half-done swap, and remove
    staging, backup and trash folders (``.generated-*``). Call it only while holding the build
    lock (``buildlock.build_lock``): without it these could be another build's live folders."""
    if not docs.is_dir():
        return
    for backup in sorted(docs.glob(".generated-old-*")):
        if backup.is_dir() and not backup.is_symlink():
            _roll_back(backup, docs)
            print(f"{backup}: rolled back the generated pages to before an interrupted build", file=sys.stderr)
    for leftover in sorted(docs.glob(".generated-*")):
        _remove(leftover)
        print(f"{leftover}: removed, left behind by an interrupted build", file=sys.stderr)


def manifest(docs: Path) -> dict[str, list[int]]:
    """Every generated file now in ``docs``: its path relative to ``docs`` → [size in bytes, mtime in ns].

    Stored with the build stamp, it lets the next build trust the stamp only if these very files
    are still there: a generated path removed, replaced or left behind by an interrupted build changes it.
    """
    files: dict[str, list[int]] = {}

    def walk(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, name)
                else:
                    info = entry.stat(follow_symlinks=False)
                    files[name] = [info.st_size, info.st_mtime_ns]

    for name in GENERATED:
        path = docs / name
        if path.is_dir() and not path.is_symlink():
            walk(str(path), name)
        elif os.path.lexists(path):
            info = path.lstat()
            files[name] = [info.st_size, info.st_mtime_ns]
    return dict(sorted(files.items()))


def matches(docs: Path, files: dict[str, list[int]]) -> bool:
    """True if every file in a stored ``manifest`` is still in ``docs``, unchanged."""
    for name, (size, mtime) in files.items():
        try:
            info = os.lstat(docs / name)
        except OSError:
            return False
        if info.st_size != size or info.st_mtime_ns != mtime:
            return False
    return bool(files)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def render_all(site: Site, *, site_name: str, site_url: str, build_epoch: int | None,
               directory_urls: bool = True, record: pagecache.PageRecord | None = None, jobs: int = 1
               ) -> Iterator[tuple[str, str | None]]:
    """Every generated file as (path in docs/, text), one at a time: the site is never all in memory.

    With a ``record`` (``pagecache.PageRecord``), an article, data or entity page whose digest is the
    one recorded for its file comes as (path, None): the caller reuses the file; every page is noted
    in the record. Without one, every text is rendered.

    ``jobs`` > 1 renders the article, data and entity pages (about nine tenths of the render at any
    size) in that many forked processes (``_rendered_in_processes``); the files come out the same and
    in the same order. The cross-article pages, the home page and the feeds stay in this process.
    """
    url = partial(href, directory_urls=directory_urls)
    try:  # the maps' country shapes, written once and drawn by every map (maps.py)
        world: str | None = maps.world_svg()
    except maps.MapDataMissing as error:
        print(f"warning: {error}; the maps show their places without country shapes", file=sys.stderr)
        world = None
    if world:
        yield maps.WORLD_SVG, world
    place_map = partial(_place_map, url=url, world=world is not None)
    mark_searchable(site)
    digests = (pagecache.Digests((site_name, site_url, build_epoch, directory_urls, world is not None))
               if record is not None else None)

    def unchanged(relpath: str, kind: str, model) -> bool:
        if record is None:
            return False
        digest = getattr(digests, kind)(model)
        record.add(relpath, digest)
        return record.reusable(relpath, digest)

    # the article, data and entity pages (nearly all the work, each independent of the others), in output order
    leaves: list[tuple[str, str, int]] = []
    for i, page in enumerate(site.articles):
        leaves.append((page.path, "article_page", i))
        leaves.append((data_path(page.article), "data", i))
    leaves += [(entity.path, "entity_page", i) for i, entity in enumerate(site.entities)]
    context = LeafContext(site, url, place_map)
    todo = [(kind, i) for path, kind, i in leaves if not unchanged(path, kind, context.model(kind, i))]
    forked = jobs > 1 and len(todo) >= PARALLEL_RENDER_MIN and sys.platform.startswith("linux")
    texts = iter(_rendered_in_processes(context, todo, jobs) if forked
                 else (context.render(kind, i) for kind, i in todo))
    wanted = set(todo)
    for path, kind, i in leaves:
        yield path, (next(texts) if (kind, i) in wanted else None)
    yield from render_indexes(site, url, place_map).items()
    articles = [p.article for p in site.articles]
    yield "index.md", render_home(articles, site, site_name)
    yield "feed.xml", render_rss(articles, site_name, site_url, build_epoch, directory_urls)
    yield "feed.json", render_json_feed(articles, site_name, site_url, directory_urls)
    yield "data/index.json", render.to_json({
        "articles": [{"slug": a.slug, "title": a.title, "date": a.date, "outlet": a.outlet, "url": a.url,
                      "tags": a.tags, "page": article_url(a, directory_urls), "data": data_path(a),
                      "actors": [x.name for x in a.extraction.actors],
                      "locations": [x.name for x in a.extraction.locations]} for a in articles]})


# Below this many pages to render, forking workers costs more than it saves (a pool starts in ~0.1 s;
# a page takes ~2 ms): small sites and one-article rebuilds render in this process.
PARALLEL_RENDER_MIN = 200
KIND_LABELS = {"actor": "Actor", "place": "Place", "source": "Source", "tag": "Tag"}
DETAIL_LABELS = {"actor": "Role", "place": "Mention", "source": "Quote or role", "tag": "Lede"}


class LeafContext:
    """What an article, data or entity page is rendered from: ``render(kind, i)`` gives the text of the
    ``i``-th article page (``kind`` "article_page"), its data file ("data") or the ``i``-th entity page
    ("entity_page"), from this site alone, so that any process holding the site renders the same text."""

    def __init__(self, site: Site, url, place_map) -> None:
        self.site, self.url, self.place_map = site, url, place_map
        self.summaries = {p.article.slug: p.summary for p in site.articles}  # each listed article's sourcing bar

    def model(self, kind: str, i: int):
        """What the page is rendered from (``pagecache.Digests`` digests it by kind)."""
        if kind == "article_page":
            return self.site.articles[i]
        return self.site.articles[i].article if kind == "data" else self.site.entities[i]

    def render(self, kind: str, i: int) -> str:
        if kind == "article_page":
            return render_article(self.site.articles[i], self.url, self.place_map)
        if kind == "data":
            return render.to_json(self.site.articles[i].article.contract(), compact=True)
        entity = self.site.entities[i]
        return render.render("entity.md.j2", page=entity, kind_label=KIND_LABELS[entity.kind],
                             **entity_connections(entity, self.place_map), summaries=self.summaries,
                             detail_label=DETAIL_LABELS[entity.kind], href=self.url, anchor=sentence_anchor,
                             data_index=rel(entity.path, "data/index.json"))


_LEAVES: LeafContext | None = None  # the forked render workers' site: inherited from the parent, never pickled


def _render_chunk(pages: list[tuple[str, int]]) -> list[str]:
    assert _LEAVES is not None
    return [_LEAVES.render(kind, i) for kind, i in pages]


def _rendered_in_processes(context: LeafContext, todo: list[tuple[str, int]], jobs: int) -> Iterator[str]:
    """The texts of ``todo`` (``(kind, i)`` as ``LeafContext.render`` takes), in order, rendered by ``jobs``
    forked processes that inherit ``context`` (only the texts travel back): Linux only (``fork``).

    The pages go out in chunks, several per worker (results come back in order), so a worker that drew
    the long pages does not leave the other idle at the end; the caller writes each chunk's files while
    the workers render the next. A page that fails to render raises its error here; a worker that dies
    (killed, out of memory) raises ``BuildError``: the caller has written nothing into ``docs/`` yet.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _LEAVES
    size = max(1, min(500, -(-len(todo) // (jobs * 8))))
    chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
    _LEAVES = context  # set before the workers are forked: they inherit it
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        for texts in pool.map(_render_chunk, chunks):
            yield from texts
    except BrokenProcessPool:
        raise BuildError("a process rendering the pages stopped (killed, or out of memory) — docs/ was left as it "
                         "was; run the build again, or with --jobs 1 to render in one process") from None
    finally:
        _LEAVES = None
        pool.shutdown(wait=True, cancel_futures=True)


def data_path(article: Article) -> str:
    return f"data/articles/{article.slug}.json"


def article_url(article: Article, directory_urls: bool = True) -> str:
    """The article page's URL relative to the site root, for feeds and data."""
    return page_url(article_path(article), directory_urls)


def _place_map(from_path: str, places: list, label: str, *, url=href, world: bool = True) -> Markup:
    """``maps.map_svg`` of ``places`` (name, lat, lon, page path or None) on the page ``from_path``."""
    linked = [(name, lat, lon, url(from_path, path) if path else None) for name, lat, lon, path in places]
    return Markup(maps.map_svg(linked, world_href=url(from_path, maps.WORLD_SVG) if world else None, label=label))


def entity_connections(entity, place_map) -> dict:
    """The SVGs of an entity page (entity.md.j2): timeline, sourcing chart, map; empty when not for its kind."""
    timeline = Markup(charts.timeline_svg(entity.timeline, label=f"Articles per month naming {entity.title}"))
    sourcing = Markup("")
    if entity.sourcing is not None and entity.sourcing.articles:
        s = entity.sourcing
        sourcing = Markup(charts.sourcing_chart_svg(s.named, s.anonymous, s.documents, s.direct, s.paraphrase,
                                                    label=f"Sourcing of {s.articles} article{'s' if s.articles != 1 else ''}"))
    here = Markup("")
    if entity.kind == "place" and entity.coordinates:
        here = place_map(entity.path, [(entity.title, *entity.coordinates, None)], f"Map: where {entity.title} is")
    return {"timeline": timeline, "sourcing_chart": sourcing, "place_map": here}


def render_article(page: ArticlePage, url=href, place_map=None) -> str:
    place_map = place_map or partial(_place_map, url=url)
    return render.render("article.md.j2", page=page, figure_value=figure_value, shown_figures=shown_figures,
                         key_facts=key_facts,
                         place_map=place_map(page.path, page.map_places, "Map of the places in this article")
                         if page.map_places else Markup(""),
                         coordinates=coordinates,
                         anchor=sentence_anchor, href=url, edited=EDITED,
                         data_href=url(page.path, data_path(page.article)))


def render_home(articles: list[Article], site: Site, site_name: str) -> str:
    """The home page: the 30 newest dated articles, then up to 30 undated ones listed apart, by
    title, under a note saying why (``pages.newest_first``): each a card with its standfirst (never
    the sentence its title was cut from), its sourcing bar, and its main actors and places."""
    dated, undated = dated_apart(articles)
    latest, undated_shown = dated[:30], undated[:30]
    # the addresses build_site gave each entity (it settles the rare hash collision)
    pages = {p.article.slug: p for p in site.articles}
    shown = latest + undated_shown
    actor_paths = {a.slug: pages[a.slug].actor_paths for a in shown}
    place_paths = {a.slug: pages[a.slug].place_paths for a in shown}
    n = len(articles)
    if not undated:
        intro = f"{n} article{'s' if n != 1 else ''}, newest first."
    elif not dated:
        intro = ("1 article, without a date." if n == 1 else
                 f"{n} articles, none of them dated: they cannot be placed in time, so they are listed by title.")
    else:
        intro = (f"{n} articles: the {len(dated)} dated ones newest first; the {len(undated)} without a date "
                 "are listed apart below, by title, since they cannot be placed in time.")
    return render.render("home.md.j2", latest=latest, undated=undated_shown, undated_total=len(undated),
                         site_name=site_name, intro=intro,
                         main_items=lambda a: main_items(a, pages[a.slug]),  # only those with pages
                         summaries={a.slug: pages[a.slug].summary for a in shown}, standfirst=standfirst,
                         article_path=article_path, actor_paths=actor_paths, place_paths=place_paths)


MAX_INDEX_MAP = 300  # places on the Places index's map: the most written about (the table lists them all)


def sourcing_bar(summary) -> Markup:
    """The sourcing bar (``templates/_sourcing_bar.md.j2``) of one ``SourcingSummary``, as HTML for a
    table cell or a card; its words are escaped inside the macro."""
    return Markup(render.environment().get_template("_sourcing_bar.md.j2").module.sourcing_bar(summary))


def render_indexes(site: Site, url=href, place_map=None) -> dict[str, str]:
    files = {}

    def listing(path: str, title: str, headers: list[str], rows: list[list], intro: str | None = None,
                filterable: str | None = None, figure: Markup = Markup("")) -> None:
        # filterable: what the rows are ("actors"), for tables.js's filter box and sortable headers
        files[path] = render.render("listing.md.j2", title=title, headers=headers, rows=rows, intro=intro,
                                    filterable=filterable, figure=figure)

    def entity_rows(kind: str, index_path: str) -> list[list]:
        pages = [e for e in site.entities if kind in (e.indexes or [e.kind])]  # a quoted actor is a source too

        def total(e) -> int:  # on the Sources index, an actor counts the articles that quote it
            return len(e.quoted_in) if kind == "source" and e.kind == "actor" else e.total

        pages.sort(key=lambda e: (-total(e), e.title.lower()))
        return [[render.anchor(e.title, url(index_path, e.path)), e.subtitle or "", total(e)] for e in pages]

    mapped = sorted((e for e in site.entities if e.kind == "place" and e.coordinates),
                    key=lambda e: (-e.total, e.title.lower(), e.path))[:MAX_INDEX_MAP]
    places_map = (place_map or partial(_place_map, url=url))(
        "places/index.md", [(e.title, *e.coordinates, e.path) for e in mapped],
        "Map of the places" + (f" ({MAX_INDEX_MAP} most written about)" if len(mapped) == MAX_INDEX_MAP else ""))
    listing("actors/index.md", "Actors", ["Name", "Type", "Articles"], entity_rows("actor", "actors/index.md"),
            filterable="actors")
    listing("places/index.md", "Places", ["Name", "Type", "Articles"], entity_rows("place", "places/index.md"),
            filterable="places", figure=places_map)
    listing("sources/index.md", "Sources and outlets", ["Name", "Kind", "Articles"], entity_rows("source", "sources/index.md"),
            intro="Everyone the articles quote or cite, and the outlets they name. Unnamed sources share one page.",
            filterable="sources")
    listing("tags/index.md", "Tags", ["Tag", "", "Articles"], entity_rows("tag", "tags/index.md"))
    months = [[render.anchor(month, url("archive/index.md", f"archive/{month}.md")), len(items)]
              for month, items in site.months.items()]
    if site.undated:
        months.append([render.anchor("undated", url("archive/index.md", "archive/undated.md")), len(site.undated)])
    dated = sum(len(items) for items in site.months.values())
    listing("archive/index.md", "Archive", ["Month", "Articles"], months,
            intro=f"{dated} dated article{'' if dated == 1 else 's'} by month, newest first."
            + (f" The {len(site.undated)} without a date are listed apart (undated), by title: they cannot be "
               "placed in time." if site.undated else ""))
    for month, items in [*site.months.items(), ("undated", site.undated)]:
        if not items:
            continue
        path = f"archive/{month}.md"
        rows = [[a.date or "—", render.anchor(a.title, url(path, article_path(a))), a.outlet or "",
                 sourcing_bar(sourcing_summary(a)[0])] for a in items]
        listing(path, f"Articles: {month}" if month != "undated" else "Articles without a date",
                ["Date", "Title", "Outlet", "Sourcing"], rows,
                intro=None if month != "undated" else
                "These articles carry no date, so no month or order in time can be given: they are listed by "
                "title, apart from the dated ones.")
    return files


def _rfc822(date: str | None) -> str | None:
    if not date:
        return None
    day = dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)
    return email.utils.format_datetime(day)


def render_rss(articles: list[Article], site_name: str, site_url: str, build_epoch: int | None,
               directory_urls: bool = True) -> str:
    items = [{"title": a.title, "url": site_url + article_url(a, directory_urls), "date": _rfc822(a.date),
              "summary": a.summary or a.lede} for a in articles[:FEED_ITEMS]]
    build_date = email.utils.formatdate(build_epoch, usegmt=True) if build_epoch is not None else None
    return render.render_xml("feed.xml.j2", site_name=site_name, site_url=site_url, items=items,
                             description=f"{site_name}: structured digests of news articles", build_date=build_date)


def render_json_feed(articles: list[Article], site_name: str, site_url: str, directory_urls: bool = True) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site_name,
        "home_page_url": site_url,
        "feed_url": site_url + "feed.json",
        "items": [{"id": site_url + article_url(a, directory_urls), "url": site_url + article_url(a, directory_urls),
                   "title": a.title,
                   "summary": a.summary or a.lede, "content_text": "\n\n".join(a.extraction.sentences[:3]),
                   **({"date_published": f"{a.date}T00:00:00Z"} if a.date else {}),
                   **({"tags": a.tags} if a.tags else {}),
                   "_digest": {"data": site_url + data_path(a)}} for a in articles[:FEED_ITEMS]],
    }
    return render.to_json(feed)
