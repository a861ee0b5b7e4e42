"""Stage 3: an ``Article`` — the extraction with front-matter metadata and corrections applied."""
from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

from . import corrections
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


def assemble(seed: Seed, extraction: Extraction) -> tuple[Article, list[corrections.Unmatched]]:
    """Build the article; also return corrections that matched nothing (for ``check``)."""
    fm = FrontMatter.model_validate(seed.front_matter)
    corrected, unmatched = corrections.apply(extraction, fm)
    title = fm.title or extraction.lede_title
    article = Article(
        source_file=seed.path,
        slug=slugify(fm.slug or title),
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
