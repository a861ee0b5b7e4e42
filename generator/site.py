"""Stage 7: MkDocs renders ``docs/`` into ``site/`` — built beside it, indexed for search by
Pagefind (``search.index_site``, a plain step after MkDocs), swapped in only when both succeeded,
and put back by the next build (``recover``) if a kill falls inside the swap."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from . import search
from .errors import BuildError


def read_config(project: Path) -> dict:
    try:
        return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"mkdocs.yml: cannot read it ({exc})") from None


def build_site(project: Path, site_dir: Path, *, strict: bool = True, quiet: bool = False) -> None:
    """Run ``mkdocs build`` into a temporary folder, index it with Pagefind (``search.index_site``:
    ``pagefind/`` inside it), then replace ``site_dir`` with it.

    The old site moves aside (``.site-old.*/site``) and the new one takes its place: two renames,
    with ``recover`` to finish the job if a kill falls between them. Call it holding the build lock.
    Raises ``BuildError`` (``site_dir`` unchanged) if MkDocs or the search index fails.
    """
    staging = Path(tempfile.mkdtemp(prefix=".site.", dir=site_dir.parent))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging),
           "--config-file", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    if quiet:
        cmd.append("--quiet")
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError("mkdocs build failed; site/ is unchanged:\n" + (result.stderr or result.stdout).strip())
        search.index_site(staging, quiet=quiet)  # before the swap: a failed index keeps the old site
        old = None
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-old.", dir=site_dir.parent))
            os.replace(site_dir, old / "site")
        # a kill here leaves no site_dir but a complete .site-old.*/site, which recover() puts back
        try:
            os.replace(staging, site_dir)
        except OSError:
            if old is not None:
                os.replace(old / "site", site_dir)
            raise
        if old is not None:
            trash = old.with_name(".site-trash." + old.name.removeprefix(".site-old."))
            os.replace(old, trash)  # from here on the old site is garbage, never one to restore
            shutil.rmtree(trash, ignore_errors=True)
        if not quiet and result.stderr.strip():
            print(result.stderr.strip(), file=sys.stderr)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo what an interrupted site build left beside ``site_dir``: if ``site_dir`` is missing
    and a complete old site was moved aside (``.site-old.*/site``), put it back; then remove the
    staging, old and trash folders (``.site.*``, ``.site-old.*``, ``.site-trash.*``). Call it only
    while holding the build lock: without it these could be another build's live folders."""
    parent = site_dir.parent
    if not parent.is_dir():
        return
    if not os.path.lexists(site_dir):
        olds = [p for p in parent.glob(".site-old.*/site") if p.is_dir()]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
            os.replace(newest, site_dir)
            print(f"{site_dir}: restored the site an interrupted build had moved aside", file=sys.stderr)
    for pattern in (".site.*", ".site-old.*", ".site-trash.*"):
        for leftover in sorted(parent.glob(pattern)):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
                print(f"{leftover}: removed, left behind by an interrupted build", file=sys.stderr)
