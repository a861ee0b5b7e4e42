"""Errors a contributor can act on: file, line, column, key, what is wrong, how to fix it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    key: str | None
    message: str
    hint: str | None = None
    warning: bool = False  # reported, but does not fail the check

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" + (": warning" if self.warning else "")
        what = f"{self.key}: {self.message}" if self.key else self.message
        return f"{where}: {what}" + (f" — {self.hint}" if self.hint else "")


class SeedError(Exception):
    """One or more problems in seed files; the only error the seed parser raises."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A build step failed for a reason that is not a seed's fault (MkDocs, disk, …)."""
