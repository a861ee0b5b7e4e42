"""Stage 7: MkDocs renders ``docs/`` into ``site/`` — built beside it, swapped in only on success."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .errors import BuildError


def read_config(project: Path) -> dict:
    try:
        return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"mkdocs.yml: cannot read it ({exc})") from None


def build_site(project: Path, site_dir: Path, *, strict: bool = True, quiet: bool = False) -> None:
    """Run ``mkdocs build`` into a temporary folder, then replace ``site_dir`` with it."""
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
        old = None
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-old.", dir=site_dir.parent))
            os.replace(site_dir, old / "site")
        os.replace(staging, site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        if not quiet and result.stderr.strip():
            print(result.stderr.strip(), file=sys.stderr)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
