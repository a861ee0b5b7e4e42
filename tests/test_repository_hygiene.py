"""What the repository may hold: source, never build products or anything but plain files.

A pull request could force-add (``git add -f``) a cache entry that every build would then trust,
a generated page that hides a hand edit, or a symbolic link that makes a build read or write
outside the checkout. ``.gitignore`` does not stop a forced add; this test does, in CI. It runs
``git`` itself: without git (or outside a checkout) it fails rather than skip, so it is never
silently not run.
"""
from __future__ import annotations

import stat
import subprocess

from conftest import ROOT
from generator.output import GENERATED

# Made by a build or by setting up the project, never written by hand.
BUILD_PRODUCTS = (".cache", "site", ".venv")


def tracked() -> list[tuple[str, str]]:
    """(git mode, path) of every file in the index: what a commit made now would hold."""
    result = subprocess.run(["git", "ls-files", "--stage", "-z"], cwd=ROOT, capture_output=True, check=False)
    assert result.returncode == 0, f"git ls-files failed: {result.stderr.decode(errors='replace')}"
    rows = []
    for entry in result.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        if entry:
            info, path = entry.split("\t", 1)
            rows.append((info.split()[0], path))
    assert rows, "git lists no file: not a checkout of the project?"
    return rows


def test_no_build_product_or_generated_page_is_tracked():
    paths = [path for _, path in tracked()]
    forbidden = [*BUILD_PRODUCTS, *(f"docs/{name}" for name in GENERATED)]
    found = [path for path in paths
             if any(path == root or path.startswith(root + "/") for root in forbidden)]
    assert not found, f"build products are tracked; remove them with git rm --cached: {found[:20]}"
    assert "generator/analyse.py" in paths and "README.md" in paths  # the listing is of this project


def test_every_tracked_entry_is_a_regular_file():
    # git modes: 100644 / 100755 regular files; 120000 a symbolic link; 160000 a submodule
    odd = [(mode, path) for mode, path in tracked() if mode not in ("100644", "100755")]
    assert not odd, f"only regular files may be tracked (links and submodules are not): {odd[:20]}"


def test_the_checkout_matches_the_index_in_kind():
    """A tracked path that is a link or a FIFO in the working tree (made after checkout) is refused too."""
    odd = []
    for _, path in tracked():
        try:
            mode = (ROOT / path).lstat().st_mode
        except FileNotFoundError:
            continue  # deleted in the working tree, not yet committed: nothing to follow
        if not stat.S_ISREG(mode):
            odd.append(path)
    assert not odd, f"tracked paths that are not regular files in the checkout: {odd[:20]}"
