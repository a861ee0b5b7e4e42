"""Stage 1: read a seed file into a ``Seed`` — front-matter and body — or explain what is wrong.

Seeds come from untrusted pull requests, so this stage is defensive: size limits, UTF-8
only, ``yaml.safe_load``-equivalent construction, limits on nesting and on alias
expansion ("billion laughs"), and every problem reported with its line.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import Problem, SeedError
from .models import Seed
from .schema import ARTICLE_KEYS, FrontMatter

MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_BYTES = 64_000
MAX_YAML_DEPTH = 8
MAX_YAML_NODES = 5_000  # counted with aliases expanded


def read_seed(path: str | Path) -> Seed:
    """Parse and validate one seed; raises ``SeedError`` listing every problem found."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError([Problem(name, 1, 1, None, f"cannot read file ({exc.strerror})")]) from None
    text = decode(raw, name)
    front_text, body, fm_start, body_line = split_front_matter(text, name)
    problems: list[Problem] = []
    front_matter: dict[str, Any] = {}
    positions: dict[tuple, tuple[int, int]] = {}
    if front_text is not None:
        node = compose_yaml(front_text, name, fm_start)
        data = construct(node, front_text, name, fm_start)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise SeedError([Problem(name, fm_start, 1, None, "front-matter is not a mapping of keys to values",
                                     "write one 'key: value' per line")])
        positions = node_positions(node, fm_start)
        problems += validate(data, positions, name, fm_start)
        front_matter = data
    if not body.strip():
        problems.append(Problem(name, body_line, 1, None, "the article body is empty",
                                "put the article text after the front-matter, one paragraph per line"))
    if problems:
        raise SeedError(problems)
    return Seed(path=name, front_matter=front_matter, body=body, body_line=body_line,
                positions=positions)


def read_body_only(path: str | Path) -> Seed:
    """The body of a seed whose front-matter is broken, for ``extract``: text is still news.

    Undecodable bytes are replaced, NUL bytes dropped; an unclosed front-matter block is
    taken as part of the body. Never raises for content (only for an unreadable file).
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()[:MAX_FILE_BYTES]
    except OSError as exc:
        raise SeedError([Problem(name, 1, 1, None, f"cannot read file ({exc.strerror})")]) from None
    text = raw.replace(b"\x00", b"").decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        _, body, _, body_line = split_front_matter(text, name)
    except SeedError:
        body, body_line = text, 1
    return Seed(path=name, front_matter={}, body=body, body_line=body_line)


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise SeedError([Problem(name, 1, 1, None, f"file is {len(raw):,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                                 "split the article or trim it")])
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
    return text


def split_front_matter(text: str, name: str) -> tuple[str | None, str, int, int]:
    """Return (front-matter text or None, body, first front-matter line, first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
                raise SeedError([Problem(name, 2, 1, None,
                                         f"front-matter is over the limit of {MAX_FRONT_MATTER_BYTES:,} bytes",
                                         "keep the front-matter short; corrections only list what differs")])
            return front, "\n".join(lines[i + 1:]), 2, i + 2
    raise SeedError([Problem(name, 1, 1, None, "front-matter block is never closed",
                             "end it with a line holding only '---'")])


def compose_yaml(front: str, name: str, first_line: int) -> yaml.Node | None:
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SeedError([Problem(name, line, column, None, f"YAML syntax error: {what}",
                                 "check indentation, colons and quotes; quote values that contain ': ' or '#'")]) from None
    check_size(node, name, first_line)
    return node


def check_size(node: yaml.Node | None, name: str, first_line: int) -> None:
    """Refuse deep nesting and alias bombs before anything is constructed from them."""
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        count += 1
        line = current.start_mark.line + first_line
        if depth > MAX_YAML_DEPTH:
            raise SeedError([Problem(name, line, current.start_mark.column + 1, None,
                                     f"front-matter is nested more than {MAX_YAML_DEPTH} levels deep",
                                     "flatten it; no key in the schema needs deeper nesting")])
        if count > MAX_YAML_NODES:
            raise SeedError([Problem(name, line, current.start_mark.column + 1, None,
                                     f"front-matter expands to more than {MAX_YAML_NODES:,} values (YAML anchors and aliases?)",
                                     "remove the '&anchor' / '*alias' references")])
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in current.value]


def construct(node: yaml.Node | None, front: str, name: str, first_line: int) -> Any:
    if node is None:
        return None
    loader = yaml.SafeLoader(front)
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + first_line) if mark else first_line
        raise SeedError([Problem(name, line, 1, None, f"YAML error: {getattr(exc, 'problem', exc)}",
                                 "quote the value")]) from None
    finally:
        loader.dispose()


def node_positions(node: yaml.Node | None, first_line: int) -> dict[tuple, tuple[int, int]]:
    """Map each path in the document, e.g. ('actors', 0, 'name'), to its (line, column) in the file."""
    positions: dict[tuple, tuple[int, int]] = {}

    def walk(current: yaml.Node, path: tuple) -> None:
        positions[path] = (current.start_mark.line + first_line, current.start_mark.column + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                key_path = path + (key.value,)
                walk(value, key_path)
                positions[key_path] = (key.start_mark.line + first_line, key.start_mark.column + 1)
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                walk(item, path + (i,))

    if node is not None:
        walk(node, ())
    return positions


def validate(data: dict, positions: dict[tuple, tuple[int, int]], name: str, first_line: int) -> list[Problem]:
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
        key = ".".join(str(p) for p in loc) or None
        problems.append(Problem(name, line, column, key, *describe(err, loc, data)))
    return problems


def nearest_position(loc: tuple, positions: dict[tuple, tuple[int, int]], first_line: int) -> tuple[int, int]:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in positions:
            return positions[loc[:cut]]
    return first_line, 1


def describe(err: dict, loc: tuple, data: dict) -> tuple[str, str | None]:
    kind = err["type"]
    field = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = allowed_keys(loc, data)
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return "unknown key", hint
    if field == "date":
        value = err.get("input")
        return f"{value!r} is not a date", "use YYYY-MM-DD"
    if kind.endswith("_type") or kind in ("list_type", "model_type", "dict_type"):
        expected = {"string_type": "text", "list_type": "a list", "bool_type": "true or false",
                    "float_type": "a number", "model_type": "a mapping of keys", "dict_type": "a mapping of keys",
                    "date_type": "a date"}.get(kind, kind.removesuffix("_type"))
        return f"{err.get('input')!r} has the wrong type (expected {expected})", fix_for(kind)
    if kind == "literal_error":
        return f"{err.get('input')!r} is not allowed", err["msg"].replace("Input should be", "use")
    if kind == "missing":
        return "required key is missing", f"add '{field}:'"
    return err["msg"], None


def fix_for(kind: str) -> str | None:
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
