"""Strict reading of a Markdown file with YAML front matter.

MkDocs' own meta parser drops malformed YAML silently, which would publish a page whose
`status: draft` was lost. This reader never guesses: a file that is empty, not UTF-8,
lacks front matter, or whose YAML is malformed, has duplicate keys or is not a mapping
gives a problem with the line the parser points at, and no document.

The YAML is read with two YAML 1.1 surprises switched off: dates stay text (so an impossible
date is our error message, not a traceback) and only true/false are booleans (so a
pseudonym "No" stays a string).

Front matter is parsed with libyaml's C parser when PyYAML has it (its wheels ship it), with
the same strict construction. Anything the C parser refuses is read again by PyYAML's own
parser, so every message (its wording and its line) is PyYAML's, with or without libyaml;
a file both accept gives the same document either way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from .messages import message

FRONT_MATTER_FENCE = "---"

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, first_line: int, mark: yaml.Mark) -> None:
        super().__init__()
        self.key = key
        self.first_line = first_line
        self.mark = mark


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without timestamps or yes/no booleans, refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # SafeLoader reports unhashable keys itself
            if key in seen:
                raise _DuplicateKey(key, seen[key], key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_CParser: Any
try:
    from yaml import _yaml

    _CParser = _yaml.CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = None


def _c_strict_loader() -> type[StrictLoader] | None:
    """StrictLoader's construction and resolvers on libyaml's parser, or None without libyaml."""
    if _CParser is None:
        return None

    parser = _CParser

    class CStrictLoader(parser, StrictLoader):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            parser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return CStrictLoader


#: The strict loader on libyaml's C parser (about ten times faster), or None without libyaml.
C_STRICT_LOADER = _c_strict_loader()


@dataclass(frozen=True)
class ScalarValue:
    """One text value of the front matter as YAML reads it (folded), and the lines it spans.

    `where` names it for messages: 'summary', 'keywords[2]', 'subjects[1].pseudonym'.
    `source` holds the file's lines from `line` to the value's last line, so a value
    folded over several lines can be mapped back to the line of any of its words.
    """

    key: str
    where: str
    text: str
    line: int
    source: tuple[str, ...]


@dataclass
class SourceDocument:
    """A file split into validated-as-YAML front matter and a Markdown body."""

    path: str
    meta: dict[str, Any]
    key_lines: dict[str, int]
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    scalars: tuple[ScalarValue, ...] = ()
    digest: str = ""

    def line_of(self, key: str, index: int | None = None) -> int | None:
        """The file line of a top-level key, or of item `index` of its list value."""
        if index is not None:
            lines = self.item_lines.get(key, [])
            if index < len(lines):
                return lines[index]
        return self.key_lines.get(key)

    def line_within(self, key: str, index: int | None, part: str | None) -> int | None:
        """The file line of field `part` of item `index` of `key` (e.g. action_plan[3].status).

        Falls back to the item's line (a missing field), then to the key's.
        """
        if index is not None and part is not None:
            where = f"{key}[{index + 1}].{part}"
            for scalar in self.scalars:
                if scalar.where == where or scalar.where.startswith((where + "[", where + ".")):
                    return scalar.line
        return self.line_of(key, index)


def read_document(path: Path, display_path: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Read one file strictly; return the document, or None with the problems found."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display_path, None, None, message("unreadable", reason=error.strerror))]
    return parse_document(raw, display_path)


#: Where libyaml and PyYAML differ: libyaml accepts a tab between tokens, a comment right after
#: a block scalar's indicator, '? ' inside a flow collection's plain text and a byte order mark
#: inside the text, and places an explicit key's missing value elsewhere. Front matter holding
#: any of them is read by PyYAML alone (a fuzz test of both parsers found these).
_LIBYAML_DIFFERS = re.compile(r"\t|\ufeff|[|>][-+0-9]*#|\?(?:\s|$)", re.MULTILINE)


def parse_document(
    raw: bytes, display_path: str, *, libyaml: bool = True
) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse the bytes of one file strictly (see the module docstring).

    `libyaml=False` reads with PyYAML's pure-Python parser only (as without libyaml).
    """

    def problem(message: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, None, message)]

    if not raw.strip():
        return problem(message("empty-file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return problem(message("not-utf8", byte=f"0x{raw[error.start]:02x}"), line)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].rstrip() != FRONT_MATTER_FENCE:
        return problem(message("no-front-matter", f"{lines[0][:40]!r} on the first line"), 1)
    closing = next((index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "...")), None)
    if closing is None:
        return problem(message("unclosed-front-matter"), 1)

    front_matter = "\n".join(lines[1:closing])
    fast = libyaml and C_STRICT_LOADER is not None and not _LIBYAML_DIFFERS.search(front_matter)
    loader = C_STRICT_LOADER if fast and C_STRICT_LOADER is not None else StrictLoader
    meta, key_lines, item_lines, problems, node = _parse_yaml(front_matter, display_path, loader)
    if meta is None and loader is not StrictLoader:  # the messages are always PyYAML's own
        meta, key_lines, item_lines, problems, node = _parse_yaml(front_matter, display_path, StrictLoader)
    if meta is None:
        return None, problems
    body_lines = lines[closing + 1 :]
    return (
        SourceDocument(
            path=display_path,
            meta=meta,
            key_lines=key_lines,
            item_lines=item_lines,
            body="\n".join(body_lines),
            body_line=closing + 2,
            scalars=tuple(_scalar_values(node, lines)),
            digest=hashlib.sha256(raw).hexdigest(),
        ),
        [],
    )


def plain_document(raw: bytes, display_path: str) -> SourceDocument:
    """A page without front matter: all of it is body."""
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return SourceDocument(display_path, {}, {}, body=text, digest=hashlib.sha256(raw).hexdigest())


_FIRST_LINE = 2  # the front matter's first line in the file, after the opening '---'


ParsedYaml = tuple[dict[str, Any] | None, dict[str, int], dict[str, list[int]], list[Problem], yaml.Node | None]


#: Lists and mappings nested deeper than this are not front matter (a review's deepest, an action
#: plan's progress notes, is four).
MAX_DEPTH = 12
_TOO_DEEP = message("too-deep", depth=MAX_DEPTH)


class RefusedShapeError(yaml.YAMLError):
    """Front matter that is valid YAML but not front matter: an alias, a tag, or nesting without end."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line + 1}: {self.message}"


def load_strict_yaml(text: str) -> object:
    """A YAML data file read as strictly as front matter (no tags, no aliases, bounded nesting,
    no duplicate keys); a `yaml.YAMLError` for anything else."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_shape(node, loader)
        return loader.construct_document(node)
    except RecursionError:
        raise RefusedShapeError(0, _TOO_DEEP) from None
    finally:
        loader.dispose()


_DEFAULT_TAGS: dict[type[yaml.Node], str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


def _check_shape(root: yaml.Node, loader: StrictLoader) -> None:
    """Refuse aliases (`&name` … `*name`: the same value used twice, which a few lines can make
    into billions of values), tags (`!!int abc`, `!!binary …`: front matter is plain values)
    and nesting deeper than `MAX_DEPTH`, before anything is built."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise RefusedShapeError(node.start_mark.line, message("yaml-alias"))
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise RefusedShapeError(node.start_mark.line, _TOO_DEEP)
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style  # None from PyYAML, "" from libyaml
            implicit = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))  # type: ignore[no-untyped-call]
            tagged = node.tag != implicit
        else:
            tagged = node.tag != _DEFAULT_TAGS[type(node)]
        if tagged:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise RefusedShapeError(node.start_mark.line, message("yaml-tag", tag=tag))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def _parse_yaml(text: str, display_path: str, loader_class: type[StrictLoader]) -> ParsedYaml:
    """YAML text to a mapping, with the file line of each key and of each list item."""
    if not text.strip():
        return (
            None,
            {},
            {},
            [Problem(display_path, 1, None, message("empty-front-matter"))],
            None,
        )
    loader: StrictLoader | None = None
    try:
        loader = loader_class(text)  # PyYAML's reader refuses control characters here
        node = loader.get_single_node()
        if node is not None:
            _check_shape(node, loader)
        data = loader.construct_document(node) if node is not None else None
    except _DuplicateKey as error:
        line = error.mark.line + _FIRST_LINE
        first = error.first_line + _FIRST_LINE
        return (
            None,
            {},
            {},
            [Problem(display_path, line, str(error.key), message("field-twice", first=first))],
            None,
        )
    except RefusedShapeError as error:
        return None, {}, {}, [Problem(display_path, error.line + _FIRST_LINE, None, error.message)], None
    except RecursionError:
        return None, {}, {}, [Problem(display_path, None, None, _TOO_DEEP)], None
    except yaml.MarkedYAMLError as error:
        # A quote never closed runs to the end: the parser's problem is there, its start is the fault.
        unclosed = bool(error.context and "quoted scalar" in error.context and error.context_mark)
        mark = error.context_mark if unclosed else error.problem_mark or error.context_mark
        error_line = mark.line + _FIRST_LINE if mark else None
        return None, {}, {}, [_yaml_problem(error, text, display_path, error_line)], None
    except yaml.YAMLError as error:  # PyYAML's reader refuses a character before any line is parsed
        return (
            None,
            {},
            {},
            [Problem(display_path, None, None, message("hidden-character", reason=error))],
            None,
        )
    finally:
        if loader is not None:
            loader.dispose()

    if not isinstance(data, dict):
        kind = "nothing" if data is None else "a list" if isinstance(data, list) else "a single value"
        return (
            None,
            {},
            {},
            [Problem(display_path, _FIRST_LINE, None, message("not-fields", kind))],
            None,
        )
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    assert isinstance(node, yaml.MappingNode)  # the data is a mapping, so its node is one
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_lines[key] = key_node.start_mark.line + _FIRST_LINE
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [item.start_mark.line + _FIRST_LINE for item in value_node.value]
    meta = {str(key): value for key, value in data.items()}
    return meta, key_lines, item_lines, [], node


_KEY_AT_START = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _yaml_problem(error: yaml.MarkedYAMLError, text: str, display_path: str, line: int | None) -> Problem:
    """A malformed-YAML problem that names the field on the line the parser points at, and what
    to do in the commonest case: text holding a colon, unquoted."""
    reason = ", ".join(part for part in (error.context, error.problem) if part)
    lines = text.split("\n")
    index = (line - _FIRST_LINE) if line is not None else -1
    key = None
    for candidate in (index, index - 1):  # the parser may point just past the line at fault
        if 0 <= candidate < len(lines) and (match := _KEY_AT_START.match(lines[candidate])):
            key = match.group(1)
            break
    if "while scanning a quoted scalar" in reason:
        return Problem(display_path, line, key, message("unclosed-quote", key=key or "title"))
    if key and "mapping values are not allowed" in reason:
        return Problem(display_path, line, key, message("unquoted-colon", key=key))
    return Problem(display_path, line, key, message("malformed-yaml", reason=reason))


def _scalar_values(node: yaml.Node | None, file_lines: list[str]) -> list[ScalarValue]:
    """Every scalar value under the top-level mapping, with where it is and its lines."""
    found: list[ScalarValue] = []

    def walk(value: yaml.Node, key: str, where: str) -> None:
        if isinstance(value, yaml.ScalarNode):
            first = value.start_mark.line + _FIRST_LINE - 1  # index into file_lines
            last = value.end_mark.line + _FIRST_LINE - 1
            if value.end_mark.column == 0 and last > first:
                last -= 1  # a block scalar ends at the start of the next line
            found.append(ScalarValue(key, where, str(value.value), first + 1, tuple(file_lines[first : last + 1])))
        elif isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                walk(item, key, f"{where}[{index + 1}]")
        elif isinstance(value, yaml.MappingNode):
            for key_node, item in value.value:
                walk(item, key, f"{where}.{key_node.value}")

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            walk(value_node, str(key_node.value), str(key_node.value))
    return found
