"""The text of a file as readers will see it, in units the anonymisation check reads whole.

A check that reads a file line by line misses what the page shows joined: a date wrapped
over two lines, a `summary: >` folded by YAML, a name split by emphasis marks. Here each
file becomes text units as published:

- every front-matter value after YAML folding (`summary`, `title`, list items, nested values);
- the body's blocks: a paragraph joined across its line breaks, a list item, a heading, a
  table row, with Markdown's inline marks taken away (link text kept, image alt text kept,
  entities decoded, HTML tags dropped but their `alt` and `title` kept);
- the file name and old addresses (`aliases`), which become the page's URL, read as words.

Each unit keeps the file line where it starts and the offsets at which its source went on
to the next line, so a finding still names the line where the match starts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from ..rules.anonymisation import TextUnit, unit_from_lines
from .source import ScalarValue, SourceDocument

#: The name of the unit made from the file name, for messages.
FILE_NAME = "file name"

_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\(?\d{1,3}(?:\.\d{1,3})*[.)]?)[ \t]+(?=\S)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ACCEPT_MARKER = re.compile(r"<!--\s*accept\s+[a-z-]+\s*:.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+[\"'(]([^\"')]*)[\"')])?\s*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\(\s*<?([^)\s>]*)>?(?:\s+[\"'(]([^\"')]*)[\"')])?\s*\)|\[[^\]]*\])")
#: What of a link's address is read as text: `tel:`, `mailto:` and the path, without the scheme
#: and the site's own punctuation (a phone number, an address, a name in a file name).
_ADDRESS_PARTS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?://)?|[/_?#=&]+")
_ATTRIBUTE_TEXT = re.compile(r"""\b(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
#: Every other quoted attribute value of an HTML tag: published in the page (an address, an id).
_ATTRIBUTE_VALUE = re.compile(r"""\b(?!(?:alt|title|aria-label)\b)[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR_LIST = re.compile(r"\{[:#.][^}\n]*\}")
_ATTR_PUNCTUATION = re.compile(r"[{}:#.=\"']")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~=^])")


def _keep_newlines(removed: str) -> str:
    """What replaces removed markup: its line breaks, so later text keeps its line."""
    return "\n" * removed.count("\n")


def _link_text(match: re.Match[str]) -> str:
    """A link as published: its text, and its address and title (in the page's HTML, shown on
    hover, read aloud), the address in words."""
    text, address, title = match.group(1), match.group(2), match.group(3)
    words = _ADDRESS_PARTS.sub(" ", address or "").strip()
    return " ".join(part for part in (text, words, title) if part)


def inline_text(markdown: str) -> str:
    """Inline Markdown and HTML as the reader sees it: marks removed, line breaks kept."""
    text = _COMMENT.sub(
        lambda match: match.group(0) if _ACCEPT_MARKER.fullmatch(match.group(0)) else _keep_newlines(match.group(0)),
        markdown,
    )
    text = _CODE_SPAN.sub(lambda match: match.group(2), text)
    text = _IMAGE.sub(lambda match: " ".join(part for part in match.groups() if part) or "", text)
    text = _LINK.sub(_link_text, text)

    def tag_text(match: re.Match[str]) -> str:
        if _ACCEPT_MARKER.fullmatch(match.group(0)):
            return match.group(0)
        spoken = [first or second for first, second in _ATTRIBUTE_TEXT.findall(match.group(0))]
        spoken += [
            _ADDRESS_PARTS.sub(" ", html.unescape(first or second)).strip()
            for first, second in _ATTRIBUTE_VALUE.findall(match.group(0))
        ]
        spoken = [part for part in spoken if part]
        return (" " + " ".join(spoken) + " " if spoken else "") + _keep_newlines(match.group(0))

    text = re.sub(r"<!--.*?-->|</?[A-Za-z][^<>]*>", tag_text, text, flags=re.DOTALL)
    text = _ATTR_LIST.sub(lambda match: " " + _ATTR_PUNCTUATION.sub(" ", match.group(0)) + " ", text)  # ids, too
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(lambda match: match.group(2), text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def markdown_unit(path: str, field: str | None, first_line: int, lines: list[str]) -> TextUnit | None:
    """One unit from consecutive source lines: inline marks removed, lines joined by spaces."""
    text = inline_text("\n".join(lines))
    if not text.strip():
        return None
    return unit_from_lines(path, enumerate(text.split("\n"), start=first_line), field)


def markdown_units(path: str, body: str, first_line: int) -> list[TextUnit]:
    """The body's blocks as published: paragraphs, list items, headings, table rows, code."""
    units: list[TextUnit] = []
    block: list[str] = []
    block_start = first_line
    in_fence = False

    def flush() -> None:
        if block:
            unit = markdown_unit(path, None, block_start, block)
            if unit is not None:
                units.append(unit)
            block.clear()

    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        line = _BLOCKQUOTE.sub("", raw)
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:  # code is shown as written, line by line
            unit = markdown_unit(path, None, number, [line.replace("<", "&lt;")])
            if unit is not None:
                units.append(unit)
            continue
        if not line.strip() or _TABLE_RULE.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        item = _LIST_ITEM.match(line)
        if heading or _TABLE_ROW.match(line):
            flush()
            text = (
                line[heading.end() :]
                if heading
                else " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
            )
            block_start, block[:] = number, [text]
            flush()
            continue
        if item:
            flush()
            block_start, block[:] = number, [line[item.end() :]]
            continue
        if not block:
            block_start = number
        block.append(line)
    flush()
    return units


def _line_breaks(value: ScalarValue) -> tuple[int, ...]:
    """Offsets in a folded value where its words moved on to the next source line.

    The value's words appear in order in its source lines; each source line is searched
    for the next words, so the offset of the first word found on a later line is a break.
    """
    words = [(match.start(), match.group(0)) for match in re.finditer(r"\S+", value.text)]
    breaks: list[int] = []
    position = 0
    for line_index, line in enumerate(value.source):
        cursor = 0
        first_on_line = True
        while position < len(words):
            found = line.find(words[position][1], cursor)
            if found < 0:
                break
            if first_on_line and line_index > 0:
                breaks.append(words[position][0])
            first_on_line = False
            cursor = found + len(words[position][1])
            position += 1
    return tuple(breaks)


def front_matter_units(document: SourceDocument, keys: Iterable[str] | None = None) -> list[TextUnit]:
    """Every front-matter value (of the given keys, or all) as published: folded, one unit each."""
    wanted = None if keys is None else set(keys)
    units = []
    for value in document.scalars:
        if wanted is not None and value.key not in wanted:
            continue
        text = " ".join(value.text.split())
        if not text:
            continue
        folded = TextUnit(document.path, value.where, value.text.replace("\n", " "), value.line, _line_breaks(value))
        units.append(folded if folded.text == text else _normalised_unit(folded))
    return units


def _normalised_unit(unit: TextUnit) -> TextUnit:
    """The unit with runs of spaces collapsed, offsets of line breaks moved to match."""
    pieces: list[str] = []
    breaks: list[int] = []
    pending = set(unit.line_breaks)
    length = 0
    for index, character in enumerate(unit.text.strip()):
        if index + (len(unit.text) - len(unit.text.lstrip())) in pending:
            breaks.append(length)
        if character.isspace() and pieces and pieces[-1] == " ":
            continue
        pieces.append(" " if character.isspace() else character)
        length += 1
    return TextUnit(unit.path, unit.field, "".join(pieces), unit.line, tuple(breaks))


def address_units(path: str, slug: str, aliases: Iterable[tuple[str, int | None]]) -> list[TextUnit]:
    """The file name and old addresses as words in title case, as a name in them would read."""
    units = [TextUnit(path, FILE_NAME, _address_words(slug), 1)]
    units.extend(
        TextUnit(path, "aliases", _address_words(alias), line or 1) for alias, line in aliases if isinstance(alias, str)
    )
    return units


def _address_words(slug: str) -> str:
    return " ".join(word.capitalize() for word in re.split(r"[-_\s]+", slug) if word)


#: Front matter that is never published: the acceptances quote the findings they accept; an
#: import's fingerprint of its source is hex digits that may look like a number.
UNPUBLISHED_KEYS = frozenset({"accepted_findings", "source_sha256"})


def document_units(document: SourceDocument, *, only: Iterable[str] | None = None) -> Iterator[TextUnit]:
    """Everything of a file that is published as text: its front matter (only the keys given,
    and then no body; else all of it but the acceptances, then the body)."""
    keys = set(only) if only is not None else {value.key for value in document.scalars} - UNPUBLISHED_KEYS
    yield from front_matter_units(document, keys)
    if only is None:
        yield from markdown_units(document.path, document.body, document.body_line)


def document_addresses(document: SourceDocument, slug: str) -> list[TextUnit]:
    """A review's address and old addresses (`aliases`), as words."""
    aliases = document.meta.get("aliases")
    items = aliases if isinstance(aliases, list) else [aliases] if aliases else []
    lines = [document.line_of("aliases", index) for index in range(len(items))]
    return address_units(document.path, slug, zip(items, lines, strict=True))
