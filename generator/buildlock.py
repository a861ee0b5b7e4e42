"""One build at a time per project: ``build`` and ``site`` hold an exclusive lock while they run.

Two builds of one project at once would swap their pages into the same ``docs/`` and
``site/`` and each could remove the other's staging folders. So ``build`` and ``site``
take ``fcntl.flock`` on the project folder itself: a lock on the folder needs nothing
writable (it holds even when ``.cache/`` is read-only or a file), and the kernel drops it
when the holder exits, however it exits — a killed build never leaves a stale lock.
The holder's pid is written, best effort, to ``.cache/build.pid`` so a waiting build can
say whom it waits for.

Unix only (``fcntl``); elsewhere builds run unlocked.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildError

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

DEFAULT_WAIT = 900.0  # seconds: longer than a cold build of a few thousand articles with its site
POLL = 0.2  # seconds between attempts while another build holds the lock

_held: int | None = None  # the locked descriptor, while this process holds the lock


def _forget_in_child() -> None:
    # A forked child (the parser pool) inherits the descriptor, and with it the lock: if the
    # parent were killed, orphaned workers would hold it for ever. Closing the child's copy
    # (never LOCK_UN, which would release the parent's lock too) leaves the lock to the parent.
    global _held
    if _held is not None:
        with contextlib.suppress(OSError):
            os.close(_held)
        _held = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


@contextlib.contextmanager
def build_lock(project: Path, *, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the project's build lock for the ``with`` block.

    If another build holds it, print ``waiting for another build (pid N)…`` once to
    stderr and retry every ``POLL`` seconds for up to ``wait`` seconds (0: do not wait);
    then raise ``BuildError`` saying so. Re-entering in a process that holds it is a no-op.
    """
    global _held
    if fcntl is None or _held is not None:
        yield
        return
    fd = os.open(project, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + max(0.0, wait)
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(project)
                if not announced:
                    print(f"waiting for another build ({holder})…", file=sys.stderr, flush=True)
                    announced = True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BuildError(f"another build ({holder}) is still running after waiting {wait:g} s — "
                                     "run this again when it has finished, or give --wait SECONDS") from None
                time.sleep(min(POLL, remaining))
        _held = fd
        _record_pid(project)
        yield
    finally:
        if _held == fd:
            _held = None
        os.close(fd)  # closing the last descriptor releases the lock


def _pid_file(project: Path) -> Path:
    return project / ".cache" / "build.pid"


def _linked(path: Path) -> bool:
    """``.cache`` or the pid file a symbolic link: never read or written through (it could lead out
    of the project, or to a FIFO); the build itself then runs without the cache (cli._cache_folder)."""
    return path.parent.is_symlink() or path.is_symlink()


def _holder(project: Path) -> str:
    path = _pid_file(project)
    try:
        if _linked(path) or not path.is_file():  # a FIFO would block the waiting build
            return "pid unknown"
        with path.open("rb") as handle:  # a pid is short: never read a large file whole
            return f"pid {int(handle.read(32).strip())}"
    except (OSError, ValueError):
        return "pid unknown"


def _record_pid(project: Path) -> None:
    path = _pid_file(project)
    if _linked(path):
        return
    with contextlib.suppress(OSError):  # only for the waiting message: an unwritable .cache is reported elsewhere
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".build.pid.{os.getpid()}")
        tmp.write_text(f"{os.getpid()}\n", encoding="ascii")
        os.replace(tmp, path)
