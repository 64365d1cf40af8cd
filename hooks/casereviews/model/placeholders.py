"""The placeholder check: what the import could not find or place must stop `make check`, in any status.

A draft may be incomplete, so `make check` is lenient with drafts. The importer's
placeholders ("TO FILL: the publication date ...") would pass as ordinary text in a draft
and could even be published as text; so would the text it could not place in a section,
which it writes under `## Left out by the import`. `placeholder_problems` reports each
placeholder, and that section while it stands, as an error whatever the review's status;
it is meant to be called for every review document the catalogue reads (see
`reviews.review_from_document`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..problems import Problem, counted
from .messages import message

#: The token every placeholder starts with. Nothing else in a review should contain it.
TOKEN = "TO FILL:"  # noqa: S105 - a marker in text, not a secret
#: The section the import writes the text it could not place under.
LEFT_OUT_HEADING = "Left out by the import"
_LEFT_OUT = re.compile(rf"^##[ \t]+{re.escape(LEFT_OUT_HEADING)}[ \t]*#*[ \t]*$", re.IGNORECASE)
_ANY_SECTION = re.compile(r"^##[ \t]")


def _texts(value: Any) -> Iterator[tuple[int | None, str]]:
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            for _, text in _texts(item):
                yield index, text
    elif isinstance(value, dict):
        for item in value.values():
            for _, text in _texts(item):
                yield None, text


def placeholder_problems(document: Any) -> list[Problem]:
    """One error for each placeholder left in a review's front matter or body.

    `document` is the catalogue's SourceDocument (path, meta, body, body_line, line_of).
    """
    problems: list[Problem] = []
    for key, value in document.meta.items():
        for index, text in _texts(value):
            if TOKEN in text:
                problems.append(
                    Problem(
                        document.path,
                        document.line_of(key, index) if index is not None else document.line_of(key),
                        key,
                        message("placeholder", f"the import's placeholder {text.strip()!r}", what="value"),
                    )
                )
    lines = document.body.split("\n")
    for offset, line in enumerate(lines):
        if _LEFT_OUT.match(line):
            problems.append(_left_out_problem(document, offset, lines))
        if TOKEN in line:
            shown = line.strip() if len(line.strip()) <= 100 else line.strip()[:97] + "..."
            problems.append(
                Problem(
                    document.path,
                    document.body_line + offset,
                    None,
                    message("placeholder", f"the import's placeholder {shown!r}", what="text"),
                )
            )
    return problems


def _left_out_problem(document: Any, offset: int, lines: list[str]) -> Problem:
    """The import's section of text it could not place: how many paragraphs are still in it."""
    following = []
    for line in lines[offset + 1 :]:
        if _ANY_SECTION.match(line):
            break
        following.append(line)
    text = re.sub(r"<!--.*?-->", "", "\n".join(following), flags=re.DOTALL)
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    held = (
        f"it still holds {counted(len(paragraphs), 'paragraph')} of the source's text" if paragraphs else "it is empty"
    )
    return Problem(
        document.path,
        document.body_line + offset,
        None,
        message("left-out", f"the import's section '## {LEFT_OUT_HEADING}': {held}"),
    )
