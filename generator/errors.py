"""Errors a contributor can act on: file, line, column, key, what is wrong, how to fix it.

Messages quote untrusted text (YAML keys and values, file names), so every message goes through
``printable`` before it is shown: a seed must not be able to forge a line of output (a fake
``::error file=…::`` CI annotation after a newline), move the cursor or recolour the terminal
(ANSI escapes), or reorder what a reader sees (bidi overrides).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 controls, DEL, invisible format characters (zero-width, bidi embeddings, overrides
# and isolates, the Arabic letter mark, word joiners, BOM, interlinear annotation), line and
# paragraph separators, lone surrogates, the two non-characters and Unicode tag characters.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\ufffe\uffff\U000e0000-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: object) -> str:
    """``str(text)`` on one line, with control and invisible format characters written as escapes.

    ``"a\\nb\\x1b[31m"`` becomes ``a\\nb\\x1b[31m`` with a literal backslash: the text stays
    readable, and nothing in it can start a new line or change how the terminal shows the rest.
    """
    return _UNPRINTABLE.sub(_escape, str(text))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a seed: ``file:line:column: key: message — hint`` (1-based line and column)."""

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
        return printable(f"{where}: {what}" + (f" — {self.hint}" if self.hint else ""))


class SeedError(Exception):
    """One or more problems in seed files; the only error the seed parser raises."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A build step failed for a reason that is not a seed's fault (MkDocs, disk, …)."""
