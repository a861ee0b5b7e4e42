"""Writing a cache file so that no reader ever sees half of it.

The build's own records (``pagecache.PageRecord``, ``duplicates.ShingleMemo``) are written beside
their final name and renamed over it: a kill leaves the old file or the new one, never a mix, and
a symbolic link in the file's place is replaced, never written through.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Make ``path`` hold what ``write`` writes into the binary handle it is given, atomically.

    Its folder is made if missing. Raises ``OSError`` (nothing left behind: the temporary file is
    removed) when the folder is a symbolic link or the file cannot be written; the caller reports it.
    """
    if os.path.islink(path.parent):
        raise OSError(f"{path.parent} is a symbolic link")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
