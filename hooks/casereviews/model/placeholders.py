"""The placeholder check: a value the import could not find must stop `make check`, in any status.

A draft may be incomplete, so `make check` is lenient with drafts. The importer's
placeholders ("TO FILL: the publication date ...") would pass as ordinary text in a draft
and could even be published as text. `placeholder_problems` reports each one as an error,
whatever the review's status; it is meant to be called for every review document the
catalogue reads (see `reviews.review_from_document`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..problems import Problem

#: The token every placeholder starts with. Nothing else in a review should contain it.
TOKEN = "TO FILL:"  # noqa: S105 - a marker in text, not a secret


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
                        f"found the import's placeholder {text.strip()!r}; expected the real value, "
                        "taken from the source report",
                    )
                )
    for offset, line in enumerate(document.body.split("\n")):
        if TOKEN in line:
            shown = line.strip() if len(line.strip()) <= 100 else line.strip()[:97] + "..."
            problems.append(
                Problem(
                    document.path,
                    document.body_line + offset,
                    None,
                    f"found the import's placeholder {shown!r}; expected the real text, taken from the source report",
                )
            )
    return problems
