"""Author HTML, sanitised: what an author's Markdown becomes is kept to text, links and images.

Markdown lets an author write HTML, and attribute lists (`{: onclick=… }`), and links to any
scheme. None of it may run on a page about a child who died: after Markdown, each page's author
HTML goes through an allow-list sanitiser (nh3, the binding to Rust's ammonia): no script or
style, no event handler, no `javascript:` or `data:` address, no frame, object, form, `base` or
`meta`; classes and ids are kept.

What the sanitiser removes is never dropped without a word: the HTML is also cleaned with a
permissive list (the same, plus what is refused), and where the two differ the page has
something refused, reported at its file and line. Markdown with no HTML tag, no attribute list
that sets an attribute, and no link to a scheme other than http(s), mailto and tel cannot make
anything refused, and is not cleaned at all (most reviews: no cost).
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import markdown
import nh3

from ..model.messages import message
from ..problems import Problem

#: Bumped when the lists below change: conversions kept between builds are keyed by it.
POLICY_VERSION = f"1-nh3-{importlib.metadata.version('nh3')}"

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
#: The only CSS kept: a table column's alignment, as Markdown's tables write it.
ALLOWED_STYLES = frozenset({"text-align"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: What is refused, so that the permissive cleaning keeps it and the difference shows it.
REFUSED_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
        "button", "textarea", "select", "option", "base", "meta", "link", "svg", "math", "template",
        "noscript", "portal", "video", "audio", "source", "track", "marquee", "dialog",
    }
)  # fmt: skip
REFUSED_ATTRIBUTES = frozenset(
    {"style", "srcdoc", "formaction", "action", "background", "dynsrc", "lowsrc", "poster", "ping", "xmlns", "srcset"}
)
REFUSED_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "ftp", "blob", "filesystem", "jar"})
REFUSED_STYLES = frozenset(
    {"background", "background-image", "behavior", "-moz-binding", "list-style", "list-style-image", "content",
     "cursor", "border-image", "mask", "mask-image", "src"}
)  # fmt: skip


@cache
def _cleaners() -> tuple[nh3.Cleaner, nh3.Cleaner]:
    """The strict cleaner and the permissive one, made once per process."""
    strict = nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        filter_style_properties=set(ALLOWED_STYLES),
    )
    permissive = nh3.Cleaner(
        tags=set(ALLOWED_TAGS | REFUSED_TAGS) - {"style"},  # ammonia filters styles or keeps <style>, not both
        clean_content_tags=set(),
        attributes={
            tag: set(names) | (set(REFUSED_ATTRIBUTES) | {"href", "src"} if tag == "*" else set())
            for tag, names in ALLOWED_ATTRIBUTES.items()
        },
        generic_attribute_prefixes={"aria-", "data-", "on"},
        url_schemes=set(ALLOWED_SCHEMES | REFUSED_SCHEMES),
        link_rel=None,
        filter_style_properties=set(ALLOWED_STYLES | REFUSED_STYLES),
    )
    return strict, permissive


_NEEDS_CLEANING = re.compile(
    r"<[A-Za-z!/?]"  # an HTML tag, comment or autolink
    r"|\{[^}\n]*="  # an attribute list that sets an attribute ({#id} and {.class} set nothing else)
    r"|\]\(\s*<?\s*(?!https?://|mailto:|tel:|#)[^)\s]*?[:&]"  # a link to another scheme, or an entity
    r"|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(?!https?://|mailto:|tel:|#)\S*?[:&]",  # a reference to one
    re.MULTILINE,
)


def needs_cleaning(markdown: str) -> bool:
    """Whether Markdown can make HTML the sanitiser would change (see the module docstring)."""
    return _NEEDS_CLEANING.search(markdown) is not None


@dataclass(frozen=True)
class Cleaned:
    """Author HTML after the sanitiser, and what it refused (empty when nothing)."""

    html: str
    refused: tuple[str, ...] = ()


_REFUSED_TAG = re.compile(r"<(" + "|".join(sorted(REFUSED_TAGS)) + r")\b", re.IGNORECASE)
_STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
_HANDLER = re.compile(r"\s(on[a-z]+|" + "|".join(sorted(REFUSED_ATTRIBUTES)) + r")\s*=", re.IGNORECASE)
_SCHEME = re.compile(r"""(?:href|src|cite)\s*=\s*["']?\s*(""" + "|".join(sorted(REFUSED_SCHEMES)) + r"):", re.I)


def clean(html: str) -> Cleaned:
    """`html` sanitised, with what was refused in it, named for the author: '<script>',
    'onerror=', 'javascript:'."""
    strict, permissive = _cleaners()
    kept = strict.clean(html)
    whole = permissive.clean(html)
    if kept == whole:
        return Cleaned(kept)
    found = ["<style>"] if _STYLE_ELEMENT.search(html) else []
    found += [f"<{match.group(1).lower()}>" for match in _REFUSED_TAG.finditer(whole)]
    found += [f"{match.group(1).lower()}=" for match in _HANDLER.finditer(whole)]
    found += [f"{match.group(1).lower()}:" for match in _SCHEME.finditer(whole)]
    return Cleaned(kept, tuple(dict.fromkeys(found)) or ("markup the site does not publish",))


def refused_line(markdown: str, first_line: int, refused: tuple[str, ...]) -> int:
    """The line of `markdown` (starting at `first_line`) where the first refused thing is written."""
    for word in refused:
        needle = word.strip("<>=:").lower()
        for offset, line in enumerate(markdown.split("\n")):
            if needle and needle in line.lower():
                return first_line + offset
    return first_line


def refused_problem(path: str, markdown: str, first_line: int, convert: Callable[[str], str]) -> Problem | None:
    """The problem with an author's Markdown that makes HTML the site refuses, at its line; None
    when there is none (or the Markdown cannot make any: `needs_cleaning`)."""
    if not needs_cleaning(markdown):
        return None
    refused = clean(convert(markdown)).refused
    if not refused:
        return None
    return Problem(path, refused_line(markdown, first_line, refused), None, message("refused-html", ", ".join(refused)))


def refused_problems(bodies: Iterable[tuple[str, str, int]], markdown_options: Mapping[str, Any]) -> list[Problem]:
    """`refused_problem` for each (path, Markdown, first line), converting with the site's Markdown
    options: what the build and `make check` both report."""
    converter: list[markdown.Markdown] = []

    def convert(text: str) -> str:
        if not converter:  # made only for a file that may hold refused HTML
            converter.append(markdown.Markdown(**markdown_options))
        return converter[0].reset().convert(text)

    found = (refused_problem(path, text, line, convert) for path, text, line in bodies)
    return [problem for problem in found if problem is not None]
