"""Stage 1: read a seed file into a ``Seed`` — front-matter and body — or explain what is wrong.

Seeds come from untrusted pull requests, so this stage is defensive, in this order:

1. **The file.** A seed must be a regular file: symbolic links, FIFOs, devices and folders are
   refused (a link to ``/etc/passwd`` or ``.git/config`` would otherwise be published; a FIFO
   would block the build forever; ``/dev/zero`` never ends). The file is opened with
   ``O_NOFOLLOW | O_NONBLOCK``, checked with ``fstat`` on the open descriptor (no race between
   check and read), its size compared with the limit *before* reading, and at most limit + 1
   bytes are read. ``extract`` (the contract tool, run on any path) may follow a link to a
   regular file, and reads only the first ``MAX_FILE_BYTES`` of it.
2. **The text.** UTF-8 only, no NUL bytes; a byte-order mark and CR/CRLF line ends are accepted;
   then everything is normalised to NFC, so text pasted in decomposed form (``a`` + U+0301)
   extracts exactly like the composed form (``á``).
3. **The YAML.** The event stream (``yaml.parse``, iterative) is checked first: nesting depth,
   the number of values with aliases expanded ("billion laughs"), aliases before their anchor,
   and explicit tags (only plain data is read). Only then is it composed (PyYAML's composer is
   recursive) and duplicate keys looked for. Both passes run on libyaml's C parser when PyYAML
   has it (``_FastSeedLoader``: about a tenth of the pure-Python parser's time, which was
   ~17 s of a 10,000-seed rebuild); any problem it meets sends the seed through the
   pure-Python parser again, so every message and mark is the pure-Python one. Scalars are typed like YAML 1.2's core schema
   (``SeedLoader``): ``NO`` and ``on`` stay text, ``10:30`` is not 630, and dates stay text for
   the schema to read, so an impossible date is an error, not a crash.
   Before that, what YAML would misreport is named for what it is (``check_text``): ``%YAML``
   directives, NEL / U+2028 / U+2029 (line breaks to YAML, invisible in an editor), and after a
   syntax error, a key over PyYAML's 1,024 characters. After composing, surrogate-pair escapes
   are joined and lone halves refused (``scalar_problems``), and of a repeated key only the
   value YAML keeps is validated.
4. **The schema** (``schema.FrontMatter``): errors quote the value as the author wrote it, a value
   put in place by an alias is reported at the alias, and problems alike but for a list index
   are reported once with their count.

A first line meant as a front-matter fence but not exactly ``---`` is an error, never body text
(``_fence_attempt``); a body of invisible characters only is empty.

Every problem is reported as a ``Problem`` with its line and column; ``SeedError`` is the only
exception raised for anything a file holds.
"""
from __future__ import annotations

import datetime as dt
import difflib
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import Problem, SeedError, printable
from .models import Seed
from .schema import ARTICLE_KEYS, MAX_AUTHORS, MAX_TAGS, FrontMatter, has_visible, is_visible

MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_BYTES = 64_000
MAX_YAML_DEPTH = 8
MAX_YAML_NODES = 5_000  # counted with aliases expanded
MAX_INT_DIGITS = 100  # Python refuses to parse over 4,300; no field needs more than a few
MAX_KEY_CHARS = 1024  # PyYAML's limit on a simple key; past it, it reports a missing ':'
# YAML takes NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks, editors do not: every
# line and column YAML reports after one would be wrong, so they are refused first.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

STR_TAG = "tag:yaml.org,2002:str"
_SLOW_YAML = re.compile(r"[\t!&*|>%?@`]")  # front-matter the pure-Python parser reads (``compose_yaml``)
# Explicit tags that change nothing a plain value could not say; every other tag is refused
# (``!!python/…`` would run code under an unsafe loader, ``!!set`` is unordered, ``!!binary`` …).
ALLOWED_TAGS = {"!", STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


# --- 1. the file -----------------------------------------------------------------------------

def read_seed(path: str | Path, folder: str | Path | None = None, follow_links: bool = False) -> Seed:
    """Parse and validate one seed; raises ``SeedError`` listing every problem found.

    ``folder`` is the seeds folder the file was found in (or named under): the file's resolved
    path must lie inside it, which refuses ``seeds/linked-dir/x.txt`` when ``linked-dir`` is a
    link out of the folder. A file that is itself a link is refused, unless ``follow_links``
    (for ``extract`` only, whose paths come from the operator, not from a pull request).
    """
    name = str(path)
    if not follow_links and printable(Path(path).name) != Path(path).name:
        # the name reaches pages, feeds and CI logs; a newline in it could forge a log line
        raise SeedError([Problem(name, 1, 1, None, "the file name holds control or invisible characters",
                                 "rename the file with letters, digits, '-' and '_'")])
    raw = read_regular_file(Path(path), name, folder=folder, follow_links=follow_links)
    text = decode(raw, name)
    front_text, body, fm_start, body_line = split_front_matter(text, name)
    problems: list[Problem] = []
    front_matter: dict[str, Any] = {}
    positions: dict[tuple, tuple[int, int]] = {}
    aliases: dict[tuple, _AliasUse] = {}
    if front_text is not None:
        check_text(front_text, name, fm_start)
        node, aliases = compose_yaml(front_text, name, fm_start)
        problems += key_problems(node, name, fm_start)
        problems += scalar_problems(node, name, fm_start)
        try:
            data = construct(node, front_text, name, fm_start)
        except SeedError as exc:
            raise SeedError(problems + exc.problems) from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise SeedError([Problem(name, fm_start, 1, None, "front-matter is not a mapping of keys to values",
                                     "write one 'key: value' per line")])
        positions = node_positions(node, fm_start)
        sources = node_sources(node, front_text)
        problems += validate(data, positions, name, fm_start, sources, aliases)
        front_matter = data
    if not has_visible(body):  # spaces, U+200B, U+3164 … only: nothing to read
        problems.append(Problem(name, body_line, 1, None, "the article body is empty",
                                "put the article text after the front-matter, one paragraph per line"))
    if problems:
        raise SeedError(problems)
    return Seed(path=name, front_matter=front_matter, body=body, body_line=body_line,
                positions=positions)


def read_body_only(path: str | Path) -> Seed:
    """The body of a seed whose front-matter is broken, for ``extract``: text is still news.

    Follows a link to a regular file (``extract`` runs on paths an operator names, such as
    ``tests/gold/articles/*.txt``); still refuses FIFOs, devices, folders and dangling links.
    Reads at most ``MAX_FILE_BYTES``; undecodable bytes are replaced, NUL bytes dropped; an
    unclosed front-matter block is taken as part of the body. Raises ``SeedError`` only when
    the file cannot be read, never for its content.
    """
    name = str(path)
    raw = read_regular_file(Path(path), name, follow_links=True, truncate=True)
    text = raw.replace(b"\x00", b"").decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    try:
        _, body, _, body_line = split_front_matter(text, name)
    except SeedError:
        body, body_line = text, 1
    return Seed(path=name, front_matter={}, body=body, body_line=body_line)


def _file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_file(path: Path, name: str, *, folder: str | Path | None = None, follow_links: bool = False,
                      truncate: bool = False) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_FILE_BYTES``; else ``SeedError``.

    Never blocks and never reads more than ``MAX_FILE_BYTES + 1`` bytes (``read_bounded``).
    ``truncate`` returns the first ``MAX_FILE_BYTES`` of a longer file instead of refusing it.
    """
    def refuse(message: str, hint: str) -> SeedError:
        return SeedError([Problem(name, 1, 1, None, message, hint)])

    link_hint = "replace the link with a copy of the article text; seeds are never read through links"
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise refuse(f"cannot read file ({exc.strerror})", "check the path") from None
    if stat.S_ISLNK(info.st_mode):
        if not follow_links:
            raise refuse("is a symbolic link, not a regular file", link_hint)
        if not path.exists():
            raise refuse("is a symbolic link to nothing (its target does not exist)",
                         "remove the link, or name the file it should point to")
    if folder is not None and not _inside(path, Path(folder)):
        raise refuse("lies outside the seeds folder once links in its path are followed",
                     "move the file itself into the seeds folder; links out of it are not followed")
    try:
        return read_bounded(path, MAX_FILE_BYTES, follow_links=follow_links, truncate=truncate)
    except Refused as exc:
        if exc.reason == "size":
            raise _too_big(name, exc.size or 0, at_least=exc.size is None) from None
        hint = link_hint if exc.reason == "link" else \
            "seeds must be regular text files; put the article text in a file ending in .txt"
        raise refuse(str(exc), hint) from None
    except OSError as exc:
        raise refuse(f"cannot read file ({exc.strerror})", "check the file's permissions") from None


class Refused(Exception):
    """A file ``read_bounded`` will not read. ``reason``: 'link', 'kind' (not a regular file) or
    'size' (``size`` is the size it claimed, or None when it grew past the limit while read)."""

    def __init__(self, reason: str, message: str, size: int | None = None):
        super().__init__(message)
        self.reason, self.size = reason, size


def read_bounded(path: Path, limit: int, *, follow_links: bool = False, truncate: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, read without blocking or following links.

    Shared by seeds and cache entries, which both come from places a pull request can write: a link
    to ``/dev/zero``, a FIFO or a huge sparse file must cost nothing. The kind is checked before
    opening (opening a device can have effects) and again on the open descriptor (the path may have
    changed in between); at most ``limit + 1`` bytes are read, so a file that grows is caught too.
    ``truncate`` returns the first ``limit`` bytes of a longer file. Raises ``Refused``, or ``OSError``
    when the file cannot be opened or read.
    """
    def check(info: os.stat_result) -> None:
        if stat.S_ISLNK(info.st_mode):
            raise Refused("link", "is a symbolic link, not a regular file")
        kind = _file_kind(info.st_mode)
        if kind:
            raise Refused("kind", f"is {kind}, not a regular file")
        if info.st_size > limit and not truncate:
            raise Refused("size", f"is {info.st_size:,} bytes, over the limit of {limit:,}", info.st_size)

    check(os.stat(path, follow_symlinks=follow_links))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since the stat above
            raise Refused("link", "is a symbolic link, not a regular file") from None
        raise
    try:
        check(os.fstat(fd))  # what was opened, whatever the path names now
        chunks: list[bytes] = []
        wanted = limit + (0 if truncate else 1)  # one byte more tells a file that grew
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise Refused("size", f"holds over the limit of {limit:,} bytes")
    return raw


def _too_big(name: str, size: int, at_least: bool = False) -> SeedError:
    over = "over" if at_least else f"{size:,} bytes, over"
    return SeedError([Problem(name, 1, 1, None, f"file is {over} the limit of {MAX_FILE_BYTES:,}",
                              "split the article or trim it")])


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


# --- 2. the text -----------------------------------------------------------------------------

def decode(raw: bytes, name: str) -> str:
    """UTF-8 bytes to NFC text with ``\\n`` line ends; refuses oversized, binary and non-UTF-8 input."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(name, len(raw))
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise SeedError([Problem(name, line, 1, None, f"binary content (NUL byte at byte offset {offset})",
                                 "seeds must be plain UTF-8 text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SeedError([Problem(name, line, column, None,
                                 f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at byte offset {exc.start})",
                                 "save the file as UTF-8")]) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # One spelling per character: NFD text (from macOS file names, some editors) otherwise
    # splits names in the tokenizer and matches no gazetteer entry.
    return unicodedata.normalize("NFC", text)


FENCE_FIX = "the front-matter must start with a line holding exactly '---'"
# What a first line starts with when its author meant a front-matter fence: YAML's '---',
# Markdown's rule '***' and TOML's '+++' (Hugo), typed with one character too many or a comment.
_FENCE_LIKE = re.compile(r"(?:-{3}|\*{3}|\+{3})")
# A line that reads as front-matter: 'key: value' or TOML's 'key = value', the key one word.
_KEY_LINE = re.compile(r"[A-Za-z_][\w-]{0,63}\s*(?::(?:\s|$)|=)")


def _lead_stripped(line: str) -> str:
    """``line`` without leading spaces and invisible characters (extra byte-order marks, U+200B …)."""
    i = 0
    while i < len(line) and (line[i].isspace() or not is_visible(line[i])):
        i += 1
    return line[i:].rstrip()


def _fence_attempt(lines: list[str], name: str) -> SeedError | None:
    """An error if the file starts with what was meant as a front-matter fence but is not one.

    Without this, ``----``, ``--- # notes``, a second byte-order mark before ``---`` or a blank
    line above it make the whole block body text, and the article is titled "---". The first
    line (or the first after blank lines) is a meant fence when, stripped of spaces and invisible
    characters, it starts with ``---``, ``***`` or ``+++`` and either holds nothing else but
    fence characters and a ``# comment``, or the next non-blank line reads as ``key: value``
    (after blank lines, only the latter).
    An article whose text really starts with such a line puts an empty front-matter (a ``---``
    line, then another) above it: after a real fence, the body may start with anything.
    """
    first = 0
    while first < len(lines) - 1 and not lines[first].strip():
        first += 1
    head = _lead_stripped(lines[first])
    if not _FENCE_LIKE.match(head):
        return None
    after = next((ln for ln in lines[first + 1:first + 20] if ln.strip()), "")
    only_fence = re.fullmatch(r"[-*+ \t]*(?:#.*)?", head) is not None
    # after blank lines, a rule followed by prose is the article's own: only 'key: value' tells
    if not (_KEY_LINE.match(after.lstrip()) or (only_fence and first == 0)):
        return None
    if first > 0 and head == "---":
        return SeedError([Problem(name, first + 1, 1, None,
                                  f"the front-matter starts on line {first + 1}, after {first} blank "
                                  f"line{'s' if first > 1 else ''}",
                                  FENCE_FIX + " on line 1: delete the blank lines above it")])
    if head == "---":  # invisible characters before an exact fence: a second BOM, a zero-width space
        return SeedError([Problem(name, first + 1, 1, None, "invisible characters before '---' on the first line",
                                  FENCE_FIX + ": delete what comes before it (retype the line)")])
    shown = head if len(head) <= 40 else head[:39] + "…"
    return SeedError([Problem(name, first + 1, 1, None, f"the first line '{shown}' looks like a front-matter fence",
                              FENCE_FIX + "; if the line is part of the article, put an empty front-matter "
                              "(a '---' line, then another) above it")])


def split_front_matter(text: str, name: str) -> tuple[str | None, str, int, int]:
    """Return (front-matter text or None, body, first front-matter line, first body line).

    The front-matter starts with a first line holding exactly ``---`` (spaces around it allowed)
    and ends with the next line that is exactly ``---`` or ``...``. A first line that was meant as
    a fence but is not one, or a fence line inside the block that is not exactly ``---`` (``----``,
    ``--- # end``), is a ``SeedError``, never silently body text (see ``_fence_attempt``).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problem = _fence_attempt(lines, name)
        if problem:
            raise problem
        return None, text, 1, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            if len(front.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
                raise SeedError([Problem(name, 2, 1, None,
                                         f"front-matter is over the limit of {MAX_FRONT_MATTER_BYTES:,} bytes",
                                         "keep the front-matter short; corrections only list what differs")])
            return front, "\n".join(lines[i + 1:]), 2, i + 2
        if lines[i].startswith(("---", "***", "+++")):
            # unindented, this is no YAML value: a closing fence typed wrong
            raise SeedError([Problem(name, i + 1, 1, None, f"'{lines[i].strip()[:40]}' is not a front-matter fence",
                                     "the front-matter must end with a line holding exactly '---'")])
    raise SeedError([Problem(name, 1, 1, None, "front-matter block is never closed",
                             "end it with a line holding only '---'")])


# --- 3. the YAML -----------------------------------------------------------------------------

class SeedLoader(yaml.SafeLoader):
    """``SafeLoader`` with YAML 1.2 core-schema scalars instead of YAML 1.1's.

    Only ``true``/``false`` are booleans (``yes``, ``NO``, ``on`` stay text), numbers are plain
    decimal, ``0o`` octal or ``0x`` hex (no ``10:30`` → 630, no ``017`` → 15, no ``1_000``), and
    there are no implicit timestamps: ``date:`` stays the text the author wrote, and the schema
    reads it as ISO 8601, so an impossible date is reported, not raised. No ``<<`` merge keys.
    """

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
     "-+0123456789."),
):
    SeedLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(rf"^(?:{_pattern})$"), list(_first))


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    digits = text.lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(None, None, f"a number of {len(digits):,} digits is too long",
                                                node.start_mark)
    if digits.startswith("0o"):
        value = int(digits[2:], 8)
    elif digits.startswith("0x"):
        value = int(digits[2:], 16)
    else:
        value = int(digits, 10)
    return -value if text.startswith("-") else value


SeedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


if getattr(yaml, "__with_libyaml__", False):
    class _FastSeedLoader(yaml.cyaml.CParser, yaml.resolver.BaseResolver):
        """libyaml's parser and composer with ``SeedLoader``'s YAML 1.2 scalar resolution: the same
        events and nodes (marks included: line, column and character index), read in C.

        Used for seeds that parse cleanly only: its error marks differ from the pure-Python
        parser's in places (an unclosed flow sequence is reported a line later), so on any
        problem ``compose_yaml`` reads the seed again with ``SeedLoader``.
        """

        yaml_implicit_resolvers = SeedLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)
else:  # PyYAML built without libyaml: the pure-Python parser does both passes
    _FastSeedLoader = None


def check_text(front: str, name: str, first_line: int) -> None:
    """Refuse what YAML would misreport: directives, and line breaks only YAML sees.

    ``%YAML 1.1`` or ``%TAG`` would change how the rest is read (and need a second ``---``,
    which ends the front-matter), so PyYAML's complaint about a missing document start would
    name the wrong cause. NEL, U+2028 and U+2029 are shown by editors as nothing (or a blank)
    inside a line, while YAML starts a new line at each: they are reported where the editor
    shows them, counting only real line ends.
    """
    problems = []
    for number, line in enumerate(front.split("\n"), start=first_line):
        if re.match(r"%[A-Za-z]", line):  # no plain value starts with '%' at the start of a line
            word = line.split()[0]
            problems.append(Problem(name, number, 1, None, f"YAML directives ('{word[:20]}') are not supported",
                                    "delete the line: the front-matter is read as plain YAML 1.2 data"))
        for match in _YAML_ONLY_BREAKS.finditer(line):
            problems.append(Problem(name, number, match.start() + 1, None,
                                    f"an invisible line separator (U+{ord(match.group()):04X})",
                                    "delete it: the editor shows nothing there, but YAML starts a new line"))
    if problems:
        raise SeedError(problems)


def _long_key(front: str, mark) -> int:
    """The length of the key the YAML error at ``mark`` is about, if it is over ``MAX_KEY_CHARS``, else 0.

    PyYAML gives up looking for a key's ':' after 1,024 characters and reports "could not find
    expected ':'" (or "mapping values are not allowed here") at some later place: the line of
    the mark, or the one before it, holds the long key.
    """
    lines = front.split("\n")
    for index in (mark.line, mark.line - 1):
        if 0 <= index < len(lines):
            # the key starts after indentation, '- ', '? ', or an opening '{' / ',' of a flow mapping
            for key in re.split(r"[{,\[]", lines[index].lstrip(" -?")):
                key = key.split(": ")[0] if ": " in key else key.rstrip(":")
                if len(key.strip()) > MAX_KEY_CHARS:
                    return len(key.strip())
    return 0


def _yaml_syntax_error(exc: yaml.YAMLError, name: str, first_line: int, front: str | None = None) -> SeedError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + first_line) if mark else first_line
    column = (mark.column + 1) if mark else 1
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    length = _long_key(front, mark) if front is not None and mark is not None else 0
    if length:
        return SeedError([Problem(name, line, column, None, f"a key is {length:,} characters long",
                                  f"keys are limited to {MAX_KEY_CHARS:,} characters: shorten it "
                                  "(the keys a seed uses are single words, see CONTRIBUTING.md)")])
    return SeedError([Problem(name, line, column, None, f"YAML syntax error: {what}",
                              "check indentation, colons and quotes; quote values that contain ': ' or '#'")])


def key_name(path: tuple) -> str | None:
    """``('actors', 0, 'name')`` → ``actors[0].name``, the form used in every message."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or None


@dataclass
class _Open:
    """A collection whose end event has not come yet, in ``check_events``."""

    path: tuple  # where it is, for messages
    mapping: bool
    anchor: str | None
    count_at_start: int  # values seen so far, itself included
    depth: int
    deepest: int = 0  # depth of the deepest node inside it so far
    expect_key: bool = True  # a mapping's events alternate key, value
    key: str | None = None
    index: int = -1

    def __post_init__(self) -> None:
        self.deepest = self.depth


@dataclass(frozen=True)
class _AliasUse:
    """Where an alias (``*a``) is written, and where its anchor (``&a``) is, as file lines and columns."""

    line: int
    column: int
    anchor: str
    anchor_line: int


def check_events(front: str, name: str, first_line: int, loader: type = SeedLoader) -> dict[tuple, _AliasUse]:
    """Refuse deep nesting, alias bombs and explicit tags from the event stream, before composing.

    PyYAML's scanner and parser are iterative, its composer and constructor recursive: 2 KB of
    ``[`` overflows Python's stack in the composer, so the depth must be known before it runs.
    Depth counts the top-level mapping as 1 and each value one deeper, so ``tags: [a]`` is 3;
    an alias counts as its anchor's whole subtree, at the alias's depth.

    Returns where each alias is used, by path (``('tags', 3)``), so that a problem with an
    aliased value is reported where the alias is written, not only at its anchor.
    """
    uses: dict[tuple, _AliasUse] = {}
    anchor_lines: dict[str, int] = {}
    count = 0
    aliases = False
    anchors: dict[str, tuple[int, int]] = {}  # anchor → (values in its subtree, its height)
    frames: list[_Open] = []

    def fail(event: yaml.Event, message: str, hint: str, path: tuple = ()) -> SeedError:
        mark = event.start_mark
        return SeedError([Problem(name, mark.line + first_line, mark.column + 1, key_name(path), message, hint)])

    try:
        for event in yaml.parse(front, Loader=loader):
            if isinstance(event, yaml.CollectionEndEvent):
                frame = frames.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (count - frame.count_at_start + 1, frame.deepest - frame.depth + 1)
                if frames:
                    frames[-1].deepest = max(frames[-1].deepest, frame.deepest)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path: tuple = ()
            if frames:  # where this node sits, for messages
                parent = frames[-1]
                if parent.mapping:
                    if parent.expect_key:
                        parent.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    path = parent.path + (parent.key,)
                    parent.expect_key = not parent.expect_key
                else:
                    parent.index += 1
                    path = parent.path + (parent.index,)
            depth = len(frames) + 1
            size, height = 1, 1
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    inside = any(frame.anchor == event.anchor for frame in frames)
                    what = "is inside its own anchor" if inside else "names no anchor defined before it"
                    raise fail(event, f"alias '*{event.anchor}' {what}",
                               "remove the '&anchor' / '*alias' references", path)
                aliases = True
                size, height = anchors[event.anchor]
                uses[path] = _AliasUse(event.start_mark.line + first_line, event.start_mark.column + 1,
                                       event.anchor, anchor_lines.get(event.anchor, first_line))
            else:
                tag = event.tag
                if tag is not None and tag not in ALLOWED_TAGS:
                    shown = tag.replace("tag:yaml.org,2002:", "!!")
                    hint = ("write a list, e.g. [a, b]" if shown in ("!!set", "!!omap", "!!pairs")
                            else "remove the tag: only plain text, numbers, true/false, lists and mappings are read")
                    raise fail(event, f"YAML tag '{shown}' is not allowed", hint, path)
            if depth + height - 1 > MAX_YAML_DEPTH:
                raise fail(event, f"front-matter is nested more than {MAX_YAML_DEPTH} levels deep",
                           "flatten it; no key in the schema needs deeper nesting", path)
            count += size
            if count > MAX_YAML_NODES:
                if aliases:
                    raise fail(event, f"front-matter expands to more than {MAX_YAML_NODES:,} values "
                                      "(YAML anchors and aliases)", "remove the '&anchor' / '*alias' references", path)
                raise fail(event, f"front-matter holds more than {MAX_YAML_NODES:,} values",
                           "a seed needs far fewer: keep tags, authors and corrections to what the article needs",
                           path)
            if frames:
                frames[-1].deepest = max(frames[-1].deepest, depth + height - 1)
            if getattr(event, "anchor", None) is not None and not isinstance(event, yaml.AliasEvent):
                anchor_lines[event.anchor] = event.start_mark.line + first_line
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append(_Open(path, isinstance(event, yaml.MappingStartEvent), event.anchor, count, depth))
            elif isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                anchors[event.anchor] = (1, 1)
    except yaml.YAMLError as exc:
        raise _yaml_syntax_error(exc, name, first_line, front) from None
    return uses


def compose_yaml(front: str, name: str, first_line: int, fast: bool = True) -> tuple[yaml.Node | None, dict[tuple, _AliasUse]]:
    """The node tree of the front-matter, once ``check_events`` has found it safe to build,
    and where its aliases are used (``check_events``).

    ``fast``: read with libyaml (``_FastSeedLoader``) when PyYAML has it; on any problem, and
    always when ``fast`` is false, read with the pure-Python ``SeedLoader``, whose messages
    and marks are the ones reported. Both give the same nodes for a document that parses
    (``tests/test_seed_yaml_fast.py`` compares them). Raises ``SeedError``.
    """
    # libyaml and PyYAML disagree at the edges of YAML (libyaml takes "key\t" and "|# c", PyYAML
    # refuses them; a lone "!" tag is resolved by one only), so the C parser reads only front-matter
    # without tabs or the indicators of tags, anchors, block scalars, directives and reserved
    # characters: plain keys, flow lists, quoted and plain text, comments. tests/test_seed_yaml_fast.py
    # generates front-matter to look for other disagreements.
    if fast and _FastSeedLoader is not None and not _SLOW_YAML.search(front):
        try:
            uses = check_events(front, name, first_line, loader=_FastSeedLoader)
            return yaml.compose(front, Loader=_FastSeedLoader), uses
        except (SeedError, yaml.YAMLError):
            pass  # said again below, by the parser whose marks the messages are written for
    uses = check_events(front, name, first_line)
    try:
        return yaml.compose(front, Loader=SeedLoader), uses
    except yaml.YAMLError as exc:
        raise _yaml_syntax_error(exc, name, first_line, front) from None


def _walk(node: yaml.Node | None):
    """Every (path, value node) pair, depth first, without recursion; aliased nodes once per path."""
    stack: list[tuple[tuple, yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        yield path, current
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((path + (key.value if isinstance(key, yaml.ScalarNode) else "?",), value))
        elif isinstance(current, yaml.SequenceNode):
            for i in range(len(current.value) - 1, -1, -1):
                stack.append((path + (i,), current.value[i]))


def key_problems(node: yaml.Node | None, name: str, first_line: int) -> list[Problem]:
    """Duplicate keys (naming both lines) and keys that are not plain text.

    Also makes every key a string (``1:`` and ``true:`` are the keys "1" and "true"), so the
    schema names unknown keys as written.
    """
    problems = []
    seen_maps: set[int] = set()
    for path, current in _walk(node):
        if not isinstance(current, yaml.MappingNode) or id(current) in seen_maps:
            continue
        seen_maps.add(id(current))  # an aliased mapping is checked once
        first: dict[str, int] = {}
        for key, _value in current.value:
            line, column = key.start_mark.line + first_line, key.start_mark.column + 1
            if not isinstance(key, yaml.ScalarNode):
                problems.append(Problem(name, line, column, key_name(path), "a key must be plain text",
                                        "write 'key: value' with a word as the key"))
                continue
            key.tag = STR_TAG
            if key.value in first:
                problems.append(Problem(name, line, column, key_name(path + (key.value,)),
                                        f"duplicate key, first at line {first[key.value]}",
                                        "keep one (YAML would silently use the last)"))
            else:
                first[key.value] = line
        # a list or mapping as a key cannot be built into a dict: reported above, left out here;
        # of a repeated key only the last is kept, as YAML would, so that the schema's messages
        # quote and place the value that would have been used
        last = {k.value: i for i, (k, _v) in enumerate(current.value) if isinstance(k, yaml.ScalarNode)}
        current.value = [(k, v) for i, (k, v) in enumerate(current.value)
                         if isinstance(k, yaml.ScalarNode) and last[k.value] == i]
    return problems


def scalar_problems(node: yaml.Node | None, name: str, first_line: int) -> list[Problem]:
    """Joins surrogate pairs, refuses lone surrogates, and normalises every key and value to NFC.

    A double-quoted ``"\\ud83d\\ude00"`` (JSON's way to write U+1F600) is two UTF-16 halves to
    PyYAML: the pair is joined into the one character it stands for. A half on its own is no
    character at all (no page, feed or JSON file can hold it): it is reported, and replaced by
    U+FFFD so the schema checks the rest. Escapes such as ``"e\\u0301"`` are written after the
    file's NFC pass, so the values are normalised again here.
    """
    problems = []
    seen: set[int] = set()
    stack: list[tuple[tuple, yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        if id(current) in seen:  # an aliased value is fixed (and reported) once
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                inner = path + (str(key.value) if isinstance(key, yaml.ScalarNode) else "?",)
                stack += [(inner, key), (inner, value)]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(path + (i,), item) for i, item in enumerate(current.value)]
        elif isinstance(current, yaml.ScalarNode) and isinstance(current.value, str):
            text = current.value
            if _SURROGATE.search(text):
                text = _SURROGATE_PAIR.sub(
                    lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
                lone = _SURROGATE.search(text)
                if lone:
                    problems.append(Problem(
                        name, current.start_mark.line + first_line, current.start_mark.column + 1, key_name(path),
                        f"'\\u{ord(lone.group()):04x}' is half of a UTF-16 surrogate pair, not a character",
                        "write the character itself (the file is UTF-8), or its \\U0001F600-style escape"))
                    text = _SURROGATE.sub("\ufffd", text)
            current.value = unicodedata.normalize("NFC", text)
    return problems


def construct(node: yaml.Node | None, front: str, name: str, first_line: int) -> Any:
    """Python values from the checked node tree; a value YAML cannot build is a ``SeedError``."""
    if node is None:
        return None
    loader = SeedLoader(front)
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 1
        what = getattr(exc, "problem", None) or str(exc)
        raise SeedError([Problem(name, line, column, None, f"YAML error: {what}", "quote the value")]) from None
    finally:
        loader.dispose()


def node_positions(node: yaml.Node | None, first_line: int) -> dict[tuple, tuple[int, int]]:
    """Map each path in the document, e.g. ('actors', 0, 'name'), to its (line, column) in the file.

    A key's own path points at the key (where an unknown or duplicate key is); values reached
    only through their key are found by ``nearest_position``.
    """
    positions: dict[tuple, tuple[int, int]] = {}
    for path, current in _walk(node):
        positions.setdefault(path, (current.start_mark.line + first_line, current.start_mark.column + 1))
        if isinstance(current, yaml.MappingNode):
            for key, _value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    positions[path + (key.value,)] = (key.start_mark.line + first_line, key.start_mark.column + 1)
    return positions


def node_sources(node: yaml.Node | None, front: str) -> dict[tuple, str]:
    """Each value's text as the author wrote it (``NO``, ``10:30``), for error messages."""
    sources: dict[tuple, str] = {}
    for path, current in _walk(node):
        if path not in sources:
            text = front[current.start_mark.index:current.end_mark.index].strip()
            sources[path] = text if len(text) <= 60 else text[:59] + "…"
    return sources


# --- 4. the schema ---------------------------------------------------------------------------

def validate(data: dict, positions: dict[tuple, tuple[int, int]], name: str, first_line: int,
             sources: dict[tuple, str] | None = None, aliases: dict[tuple, _AliasUse] | None = None) -> list[Problem]:
    """Schema problems, placed at the value (or nearest key) in the file; each distinct one once.

    A value that is wrong as a whole where an alias (``*a``) put it is reported at the alias,
    with a fix that names the anchor. Problems alike but for a list index (``tags[3]``,
    ``tags[4]`` … from one alias used 90 times, or one anchored mapping used twice) on one line
    are reported once, with how many there were.
    """
    try:
        FrontMatter.model_validate(data)
        return []
    except ValidationError as exc:
        errors = exc.errors()
    problems = []
    for err in errors:
        loc = tuple(err["loc"])
        # pydantic puts a custom validator's failure under the field; unions add the type name
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith(("literal[", "function-"))))
        line, column = nearest_position(loc, positions, first_line)
        source = (sources or {}).get(loc)
        use = (aliases or {}).get(loc)
        if use is not None:
            line, column = use.line, use.column
            message, _hint = describe(err, loc, data, f"*{use.anchor}")
            hint = (f"'*{use.anchor}' repeats the value anchored at line {use.anchor_line} "
                    f"({source}); write the value itself here instead of the alias")
        else:
            message, hint = describe(err, loc, data, source)
        problems.append(Problem(name, line, column, key_name(loc), message, hint))
    return _once_each(problems)


def _once_each(problems: list[Problem]) -> list[Problem]:
    """The first of each group of problems alike but for list indexes, on one line, with its count."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        pattern = re.sub(r"\[\d+\]", "[]", problem.key or "")
        groups.setdefault((problem.line, pattern, problem.message, problem.hint), []).append(problem)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1:
            first = Problem(first.file, first.line, first.column, first.key,
                            f"{first.message} (and {len(group) - 1} more like it on this line)", first.hint)
        out.append(first)
    return out


def nearest_position(loc: tuple, positions: dict[tuple, tuple[int, int]], first_line: int) -> tuple[int, int]:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in positions:
            return positions[loc[:cut]]
    return first_line, 1


def _quoted(source: str | None, value: object) -> str:
    """The value as written (``'NO'``), falling back to Python's repr when there is no source."""
    if source is None:
        return repr(value)
    return source if source[:1] in "'\"" else f"'{source}'"


EMPTY_FIX = {
    "title": "write the headline, or delete the line to take the title from the lede",
    "slug": "write a slug such as 'talks-resume', or delete the line to make one from the title",
    "name": "write the name as the article spells it",
    "text": "write the figure as the article spells it, e.g. '40 people'",
}
LIST_ITEM = {"tags": "tag", "authors": "author", "aliases": "alias"}
LIST_LIMITS = {"tags": MAX_TAGS, "authors": MAX_AUTHORS}
RANGES = {
    "lat": "latitude runs from -90 (South Pole) to 90 (North Pole) degrees",
    "lon": "longitude runs from -180 to 180 degrees (west of Greenwich is negative)",
}


def describe(err: dict, loc: tuple, data: dict, source: str | None = None) -> tuple[str, str | None]:
    """(what is wrong, how to fix it) for one pydantic error, quoting the value as written."""
    kind = err["type"]
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):
        kind = "string_" + kind  # a length limit on text that also has a validator (``schema.Text``)
    field = str(loc[-1]) if loc else ""
    shown = _quoted(source, err.get("input"))
    if kind == "extra_forbidden":
        allowed = allowed_keys(loc, data)
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return "unknown key", hint
    if field == "date" and len(loc) == 1:
        return f"{shown} is not a date{_date_reason(err.get('input'))}", "use YYYY-MM-DD, e.g. 2025-03-05"
    if kind == "finite_number":
        return f"{shown} is not a finite number", "write a number such as 12.5 (.nan and .inf cannot be shown)"
    if kind in ("less_than_equal", "greater_than_equal") and field in RANGES:
        return f"{shown} is out of range: {RANGES[field]}", "check the sign, and that lat and lon are not swapped"
    if kind in ("string_too_short", "string_pattern_mismatch") and field in EMPTY_FIX:
        return "is empty", EMPTY_FIX[field]
    if kind in ("string_too_short", "string_pattern_mismatch") and len(loc) == 2 and isinstance(loc[1], int):
        return "is empty", f"write the {LIST_ITEM.get(str(loc[-2]), 'item')}, or delete the empty one"
    if kind == "invisible_text":
        what = LIST_ITEM.get(str(loc[-2]), "item") if isinstance(loc[-1], int) else field
        return (f"{shown} {err['msg']}",
                EMPTY_FIX.get(what, f"write the {what} in letters or digits, or delete it")
                + "; retype it: what was pasted holds only invisible characters")
    if kind == "no_alphanumeric":
        return f"{shown} has no letter or digit", ("a tag names a page, and tags of punctuation alone would all "
                                                   "share one: write a word, or delete it")
    if kind == "too_long" and field in LIST_LIMITS:
        count = len(err.get("input") or [])
        return (f"lists {count:,} {field}, more than {LIST_LIMITS[field]}",
                f"keep the {LIST_LIMITS[field]} that matter most"
                + ("; each tag makes a page" if field == "tags" else ""))
    if field == "country_code" and kind == "string_pattern_mismatch":
        return _country_code_problem(str(err.get("input")), shown)
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"is longer than {limit:,} characters", "shorten it"
    if kind.endswith("_type") or kind in ("list_type", "model_type", "dict_type"):
        expected = {"string_type": "text", "list_type": "a list", "bool_type": "true or false",
                    "float_type": "a number", "model_type": "a mapping of keys", "dict_type": "a mapping of keys",
                    "date_type": "a date"}.get(kind, kind.removesuffix("_type"))
        if kind == "float_type" and isinstance(err.get("input"), str) and not (source or "")[:1] in "'\"":
            return f"{shown} is not a number", "write a number such as 12.5 (no units, times or commas)"
        return f"{shown} has the wrong type (expected {expected})", fix_for(kind, err.get("input"))
    if kind == "literal_error":
        return f"{shown} is not allowed", err["msg"].replace("Input should be", "use")
    if kind == "missing":
        return "required key is missing", f"add '{field}:'"
    return err["msg"], None


def _date_reason(value: object) -> str:
    """Why text shaped like a date is not one: ``2025-02-30`` → "(day is out of range for month)"."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value) if isinstance(value, str) else None
    if not match:
        return ""
    try:
        dt.date(*map(int, match.groups()))
    except ValueError as exc:
        return f" ({exc})"
    return ""


def _country_code_problem(code: str, shown: str) -> tuple[str, str]:
    if re.fullmatch(r"[A-Za-z]{2}", code.strip()):
        return f"{shown} is not in capital letters", f"write '{code.strip().upper()}'"
    try:
        import pycountry

        found = pycountry.countries.lookup(code.strip()).alpha_2
        return f"{shown} is not a two-letter country code", f"write '{found}' (ISO 3166-1)"
    except (LookupError, ImportError):
        return f"{shown} is not a two-letter country code", "use the ISO 3166-1 code in capitals, e.g. 'FR'"


def fix_for(kind: str, value: object = None) -> str | None:
    if kind == "float_type" and isinstance(value, str):
        return "write the number without quotes, e.g. 12.5"
    if kind == "string_type" and isinstance(value, (dict, list)):
        return "write plain text; quote it if it contains ': ', '#', '[' or '{'"
    return {"string_type": "put the value in quotes",
            "list_type": "write a list, e.g. [a, b] or one '- item' per line",
            "bool_type": "write true or false"}.get(kind)


def allowed_keys(loc: tuple, data: dict) -> list[str]:
    from .schema import ActorCorrection, FigureCorrection, LocationCorrection, SourceCorrection
    if len(loc) <= 1:
        return list(ARTICLE_KEYS)
    model = {"actors": ActorCorrection, "locations": LocationCorrection, "figures": FigureCorrection,
             "sources": SourceCorrection}.get(str(loc[0]))
    return list(model.model_fields) if model else []
