"""Stage 3: an ``Article`` — the extraction with front-matter metadata and corrections applied."""
from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

from . import archive_corrections, corrections
from .duplicates import normalised_text, order_key
from .errors import Problem
from .models import Article, Extraction, Seed
from .render import clean_text
from .schema import FrontMatter

MAX_SLUG = 80


# Folder index pages, and names Windows cannot give a file (a clone there must still check out).
RESERVED_SLUGS = frozenset({"index", "readme", "anonymous", "con", "prn", "aux", "nul",
                            *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def slugify(text: str) -> str:
    """Reduce any text to ``[a-z0-9-]``, at most ``MAX_SLUG`` characters, never empty or reserved.

    No front-matter value can name a path outside the site. Text in any script is transliterated
    first ('Σεισμός στην Κρήτη' → 'seismos-stin-kriti', 'Москва' → 'moskva', 'Tromsø' → 'tromso'),
    with ``anyascii`` (ISC licence, no dependencies, maintained, pinned in requirements.txt);
    Unidecode was not chosen because it is GPL, python-slugify because it would add two packages
    for the same table lookup. ASCII text is left as it was, so the slugs of English titles are
    those of earlier versions. Text that leaves nothing ('???', '★') or a reserved name ('index')
    gets ``stable_hash`` of the text instead of one shared address.
    """
    slug = ascii_slug(text)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    if not slug or slug in RESERVED_SLUGS:
        return f"{slug or 'article'}-{stable_hash(text)}"
    return slug


def ascii_slug(text: str) -> str:
    """``text`` transliterated to ASCII, lower case, every run of other characters one '-'.

    May be empty, reserved or long: ``slugify`` and ``pages.entity_slug`` decide what then."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(clean_text(text)).lower()).strip("-")  # no "[31m" left of "\x1b[31m"


def stable_hash(text: str, length: int = 6) -> str:
    """The first ``length`` hex digits of the SHA-1 of ``text`` (UTF-8): the same on every build
    and machine. Lone surrogates (only a YAML escape can make one) are hashed as they are."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def assemble(seed: Seed, extraction: Extraction, archive: archive_corrections.ArchiveCorrections | None = None
             ) -> tuple[Article, list[corrections.Unmatched]]:
    """Build the article; also return corrections that matched nothing (for ``check``).

    ``archive`` (``corrections.yml``) is applied first, then the seed's front-matter corrections,
    which win for this article (``archive_corrections``, "Precedence")."""
    fm = FrontMatter.model_validate(seed.front_matter)
    extraction = archive_corrections.apply(extraction, archive, archive_corrections.front_matter_names(fm))
    corrected, unmatched = corrections.apply(extraction, fm)
    title = fm.title or extraction.lede_title
    article = Article(
        source_file=seed.path,
        slug=slugify(fm.slug or title),
        slug_given=bool(fm.slug),
        title=title,
        date=fm.date.isoformat() if fm.date else None,
        outlet=fm.outlet,
        url=fm.url,
        authors=list(fm.authors),
        tags=list(fm.tags),
        summary=fm.summary,
        language=fm.language,
        draft=fm.draft,
        extraction=corrected,
    )
    return article, unmatched


def settle_slugs(pairs: list[tuple[Article, Seed]], lenient: bool = False) -> list[Problem]:
    """Give every seed its own address, the same from build to build; return the clashes.

    ``pairs`` are every seed read, with its article (``duplicates.find_copies`` has already marked
    the copies: they share their original's address and take no part here). Drafts take part, so
    that publishing one later moves no other article. An explicit ``slug:``
    is the writer's promise of an address, so one that another seed also has (explicitly, or as
    its plain title-derived address) is a problem naming both files — an error, or a warning when
    ``lenient`` (``extract``). Title-derived slugs never clash: among the seeds whose titles give
    one slug, the first in ``duplicates.order_key`` order (date, then file name; undated last)
    keeps it, and each other one adds 6 hex digits of its body's ``stable_hash``
    ('talks-resume-3fa2c1'). That suffix depends on the seed's own text only, and a seed added
    later sorts after the earlier ones of its date, so adding a newer article never moves an
    older one. (Two exceptions, both rare: an undated seed gives up the plain slug to a dated one
    added later, and a new title that ends in an older seed's exact 6 hex digits takes that
    address, the older one then getting 12.) An explicit slug that takes a title's address makes
    every seed of that title add its digits, so even ``extract`` never prints two seeds at one address.

    Sets ``Article.slug`` in place; the problems point at the ``slug:`` line (else ``title:``,
    else 1:1) of the seed at fault.
    """
    published = sorted((p for p in pairs if p[0].duplicate_of is None), key=lambda p: order_key(p[0]))
    problems: list[Problem] = []
    taken: dict[str, Article] = {}

    def clash(seed: Seed, slug: str, other: Article, derived: bool) -> None:
        line, column = seed.positions.get(("slug",), seed.positions.get(("title",), (1, 1)))
        whose = "the address its title gives " if derived else ""
        problems.append(Problem(seed.path, line, column, "slug", f"slug {slug!r} is also {whose or 'used by '}"
                                f"{other.source_file}", "give one of them a different 'slug:'" +
                                ("" if derived else " or title"), warning=lenient))

    by_base: dict[str, list[tuple[Article, Seed]]] = {}
    for article, seed in published:
        if not article.slug_given:
            by_base.setdefault(article.slug, []).append((article, seed))
        elif article.slug in taken:
            clash(seed, article.slug, taken[article.slug], derived=False)
        else:
            taken[article.slug] = article
    suffixed = []
    for base, group in by_base.items():
        owner = taken.get(base)
        if owner is not None:  # an explicit slug has the address: the writer of that slug must choose
            explicit_seed = next(s for a, s in published if a is owner)
            clash(explicit_seed, base, group[0][0], derived=True)
            suffixed += group
        else:
            taken[base] = group[0][0]
            suffixed += group[1:]
    for article, seed in sorted(suffixed, key=lambda p: order_key(p[0])):
        digest = hashlib.sha1(normalised_text(seed.body).encode("utf-8", "surrogatepass")).hexdigest()
        for length in (6, 12, 40):
            candidate = f"{article.slug}-{digest[:length]}"
            if candidate not in taken:
                break
        else:  # 160 bits agreeing: the same text, which find_copies has already made one seed
            candidate = f"{article.slug}-{digest}-{stable_hash(article.source_file)}"
        article.slug = candidate
        taken[candidate] = article
    return problems
