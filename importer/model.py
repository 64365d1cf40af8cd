"""The importer's one door into the rest of the package.

Everything the importer needs from the site's content model is named here, so that when
the package is reorganised only this module changes. The drafts are written in the shapes
the model reads (see `model/body.py` and `model/dates.py`): a publication date with the
precision the source gives (`2011-03`), points grouped under `### ` headings with numbering
restarting in each group, text after a list kept as text, and a list for a joint review.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from casereviews.model.boards import BoardRegistry, read_registry
from casereviews.model.body import group_slug
from casereviews.model.dates import PartialDate
from casereviews.model.placeholders import LEFT_OUT_HEADING, TOKEN
from casereviews.model.sections import LEARNING, RECOMMENDATION, SECTION_TITLES
from casereviews.model.source import read_document
from casereviews.model.themes import Theme, ThemeCatalogue, theme_from_document
from casereviews.model.vocabulary import RECOMMENDATIONS_OPTIONAL, REVIEW_TYPES, TYPE_AUDIENCE
from casereviews.problems import Problem
from casereviews.rules.anonymisation import Checker, Finding, read_name_list, units_from_lines
from casereviews.rules.anonymisation.names import ner_names

__all__ = [
    "LEARNING_HEADING",
    "LEFT_OUT_HEADING",
    "RECOMMENDATIONS_HEADING",
    "RECOMMENDATIONS_OPTIONAL",
    "REVIEW_TYPES",
    "TOKEN",
    "TYPE_AUDIENCE",
    "BoardRegistry",
    "Finding",
    "PartialDate",
    "Problem",
    "Theme",
    "ThemeCatalogue",
    "check_anonymisation",
    "group_slug",
    "is_person_name",
    "load_boards",
    "load_never_publish",
    "load_themes",
]

LEARNING_HEADING = SECTION_TITLES[LEARNING]
RECOMMENDATIONS_HEADING = SECTION_TITLES[RECOMMENDATION]

BOARDS_FILE = "_data/boards.yml"
NAMES_FILE = "_data/never-publish.txt"
THEMES_DIR = "themes"


def load_themes(content_dir: Path) -> ThemeCatalogue:
    """The valid themes of a content folder (invalid ones are `make check`'s business)."""
    themes = []
    for path in sorted((content_dir / THEMES_DIR).glob("*.md")):
        if path.name == "index.md":
            continue
        document, _ = read_document(path, path.as_posix())
        if document is None:
            continue
        theme, _ = theme_from_document(path.stem, document)
        if theme is not None:
            themes.append(theme)
    return ThemeCatalogue(themes)


def load_boards(content_dir: Path) -> BoardRegistry:
    """The boards file, or an empty registry when it is missing or unreadable."""
    path = content_dir / BOARDS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return BoardRegistry()
    registry, _ = read_registry(data, path.as_posix())
    return registry


def load_never_publish(content_dir: Path) -> list[str]:
    """The board's list of names never to publish."""
    try:
        return read_name_list((content_dir / NAMES_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []


def is_person_name(texts: list[str]) -> list[bool]:
    """Whether each text is, whole, a person's name as the named-entity model reads it."""
    spans = ner_names(texts) if texts else []
    return [
        any(start == 0 and end >= len(text.rstrip(". ")) for start, end in found)
        for text, found in zip(texts, spans, strict=True)
    ]


def check_anonymisation(
    path: str, lines: Iterable[tuple[int, str]], names: Iterable[str] = (), allowed_names: Iterable[str] = ()
) -> list[Finding]:
    """Anonymisation findings (each with path, line, rule, text) in numbered lines of text.

    `allowed_names` are names published on purpose (the reviewer), as `make check` allows them."""
    return Checker(names).check(units_from_lines(path, lines), allowed_names=allowed_names)
