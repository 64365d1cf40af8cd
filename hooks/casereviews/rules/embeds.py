"""No page may load anything from another host: images, frames, scripts, styles, media, fonts.

A review body may carry HTML, so an author can paste `<img src="https://…">` or an
`<iframe>`; every visitor's browser would then call that host, which this site promises
never to happen (no tracking, nothing leaves the site). Two checks:

- in the content, each embedded resource with an absolute address (`content_loads`), which
  the policy reports at its file and line;
- after the build, every HTML, CSS and SVG file written is scanned for loads from a host
  other than the site's own (`output_problems`), naming the content file and line that
  brought the address in where one did, else the output file and line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..problems import Problem

#: Elements whose address attributes make the browser fetch something.
_LOADING_TAG = re.compile(
    r"<(img|iframe|frame|script|link|audio|video|source|track|embed|object|input|image|use|feimage|base|meta"
    r"|body|table|td|th|tr)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",  # a quoted value may hold '>'
    re.IGNORECASE | re.DOTALL,
)
#: `<meta http-equiv="refresh" content="0; url=…">`: the browser goes there by itself.
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
#: What a browser's URL parser drops before reading an address: tabs and line breaks anywhere,
#: controls and spaces around it.
_URL_IGNORED = re.compile(r"[\t\n\r]")
#: A CSS escape: a backslash and up to six hex digits (and one space), or any other character.
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: `image-set("a.png" 1x, …)`: addresses as plain strings, loaded as url() is.
_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.IGNORECASE)
_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.DOTALL)
_LOADING_ATTRIBUTES = {"src", "srcset", "href", "xlink:href", "data", "poster", "background", "imagesrcset"}
#: `<link rel=…>` values that only name a page (no fetch): canonical and feed links.
_NON_LOADING_RELS = {"canonical", "alternate", "feed", "author", "license", "help", "next", "prev", "search"}
#: A CSS `url(…)` after its "url" (in any case: see `_css_urls`).
_CSS_URL_REST = re.compile(r"""\(\s*['"]?([^'")\s]+)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_MARKDOWN_IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\[([^\]]*)\]")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCANNED_SUFFIXES = (".html", ".htm", ".css", ".svg")


@dataclass(frozen=True)
class Load:
    """One address a page makes the browser fetch, where it is, and what asks for it."""

    line: int
    element: str
    address: str


def as_browser_reads(address: str) -> str:
    """An address as a browser's URL parser reads it: character references decoded, tabs and
    line breaks gone, surrounding controls and spaces gone, backslashes read as slashes."""
    decoded = html.unescape(address)
    return (
        _URL_IGNORED.sub("", decoded)
        .strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \x1f")
        .replace("\\", "/")
    )


def css_unescaped(text: str) -> str:
    """CSS text with its escapes (`u\\72l(`, `@\\69mport`) and comments (`@import/**/`) read."""

    def character(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    return _CSS_COMMENT.sub(" ", _CSS_ESCAPE.sub(character, text))


def is_foreign(address: str, own_host: str | None = None) -> bool:
    """An absolute or protocol-relative address on a host other than `own_host`, as a browser reads it."""
    address = as_browser_reads(address)
    if not address.startswith("//") and not re.match(r"^[a-z][a-z0-9+.-]*:", address, re.IGNORECASE):
        return False
    parts = urlsplit(address if not address.startswith("//") else "https:" + address)
    if parts.scheme in ("data", "blob", "about", "mailto", "tel"):
        return False
    return not (own_host and parts.hostname == own_host)


def _srcset_addresses(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


class _LineCounter:
    """The line of each offset in `text`, for offsets asked in increasing order: each newline
    is counted once (counting from the start for every tag made a page's scan quadratic)."""

    def __init__(self, text: str) -> None:
        self._text, self._offset, self._line = text, 0, 1

    def __call__(self, offset: int) -> int:
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def loads(text: str) -> list[Load]:
    """Every address in HTML, CSS or SVG text that makes a browser fetch something."""
    found: list[Load] = []
    line_of = _LineCounter(text)
    for tag in _LOADING_TAG.finditer(text):
        element = tag.group(1).lower()
        attributes = {
            match.group(1).lower(): next(value for value in match.groups()[1:] if value is not None)
            for match in _ATTRIBUTE.finditer(tag.group(2))
        }
        if element == "link" and set(attributes.get("rel", "").lower().split()) <= _NON_LOADING_RELS:
            continue
        if element == "meta":
            if attributes.get("http-equiv", "").lower() == "refresh":
                refresh = _REFRESH_URL.search(html.unescape(attributes.get("content", "")))
                if refresh:
                    found.append(Load(line_of(tag.start()), "<meta http-equiv=refresh>", refresh.group(1).strip()))
            continue
        for name, value in attributes.items():
            if name not in _LOADING_ATTRIBUTES:
                continue
            addresses = _srcset_addresses(value) if name.endswith("srcset") else [value]
            found.extend(Load(line_of(tag.start()), f"<{element} {name}>", address) for address in addresses)
    css = css_unescaped(text) if "\\" in text or "/*" in text else text  # most pages have neither
    line_of = _LineCounter(css)
    found.extend(Load(line_of(start), "CSS url()", address) for start, address in _css_urls(css))
    if "@" in css and "@import" in css.lower():  # most pages have none: no need to run the pattern
        line_of = _LineCounter(css)
        imports = _CSS_IMPORT.finditer(css)
        found.extend(Load(line_of(match.start()), "CSS @import", match.group(1)) for match in imports)
    if "image-set(" in css.lower():
        line_of = _LineCounter(css)
        for match in _IMAGE_SET.finditer(css):
            found.extend(
                Load(line_of(match.start()), "CSS image-set()", quoted) for quoted in _QUOTED.findall(match.group(1))
            )
    return found


def _css_urls(text: str) -> Iterator[tuple[int, str]]:
    """Each CSS `url(…)` in `text`, "url" in any case (where it starts, its address): what the
    pattern `url\\(\\s*['"]?([^'")\\s]+)` with IGNORECASE finds, found from each "(" (str.find is
    fast; that pattern, without a literal to search for, was tried at every character: a second
    per 5,000 pages)."""
    position = text.find("(")
    while position >= 0:
        if position >= 3 and text[position - 3 : position].lower() == "url":
            match = _CSS_URL_REST.match(text, position)
            if match is not None:
                yield position - 3, match.group(1)
                position = match.end() - 1  # matches do not overlap: look on after this one
        position = text.find("(", position + 1)


def _markdown_loads(text: str) -> list[Load]:
    """Images written in Markdown, inline or by reference."""
    definitions = {label.lower(): address for label, address in _REFERENCE_DEFINITION.findall(text)}
    found = [
        Load(text.count("\n", 0, match.start()) + 1, "image", match.group(1))
        for match in _MARKDOWN_IMAGE.finditer(text)
    ]
    for match in _MARKDOWN_IMAGE_REFERENCE.finditer(text):
        address = definitions.get(match.group(1).lower())
        if address:
            found.append(Load(text.count("\n", 0, match.start()) + 1, "image", address))
    return found


def content_loads(body: str) -> list[Load]:
    """Each resource from another host embedded in a Markdown body (its lines counted from the
    body's first)."""
    return [load for load in [*loads(body), *_markdown_loads(body)] if is_foreign(load.address)]


def output_problems(
    site_dir: Path,
    own_host: str | None,
    sources: Callable[[], Iterable[tuple[str, str]]],
    paths: Iterable[Path] | None = None,
) -> list[Problem]:
    """Every load from another host in the built site (in `paths` only, when given), traced to
    the content that brought it.

    `sources` gives each content file's display path and text, to find where an address
    came from; it is only called when something was found.
    """
    foreign = [
        found
        for path in sorted(site_dir.rglob("*") if paths is None else paths)
        for found in foreign_loads(site_dir, path, own_host)
    ]
    return traced_problems(foreign, sources)


def foreign_loads(site_dir: Path, path: Path, own_host: str | None) -> list[tuple[str, Load]]:
    """The loads from another host in the file at `path` (an HTML, CSS or SVG file), with its path in the site."""
    if path.suffix.lower() not in _SCANNED_SUFFIXES or not path.is_file():
        return []
    output = path.relative_to(site_dir).as_posix()
    text = path.read_text(encoding="utf-8", errors="replace")
    return [(output, load) for load in loads(text) if is_foreign(load.address, own_host)]


def traced_problems(foreign: list[tuple[str, Load]], sources: Callable[[], Iterable[tuple[str, str]]]) -> list[Problem]:
    """A problem for each of `foreign` (output path, load), traced to the content that brought it
    (`sources`: see `output_problems`)."""
    texts = list(sources()) if foreign else []
    problems = []
    for output, load in foreign:
        origin = _origin(load.address, texts)
        problems.append(
            Problem(
                origin[0] if origin else output,
                origin[1] if origin else load.line,
                None,
                f"{output} would load '{load.address}' ({load.element}) from another host; "
                "expected every page to load only the site's own files",
            )
        )
    return problems


def _origin(address: str, texts: list[tuple[str, str]]) -> tuple[str, int] | None:
    for display_path, text in texts:
        offset = text.find(address)
        if offset >= 0:
            return display_path, text.count("\n", 0, offset) + 1
    return None
