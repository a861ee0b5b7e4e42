"""Stage 3: an ``Article`` — the extraction with front-matter metadata and corrections applied."""
from __future__ import annotations

import re
import unicodedata

from . import corrections
from .models import Article, Extraction, Seed
from .schema import FrontMatter

MAX_SLUG = 80


def slugify(text: str) -> str:
    """Reduce any text to ``[a-z0-9-]``: no front-matter value can name a path outside the site."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rsplit("-", 1)[0]
    return text or "article"


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
