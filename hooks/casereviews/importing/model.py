"""The importer's one door into the rest of the package, and the switches issue 10 will flip.

Everything the importer needs from the site's content model is named here, so that when
the package is reorganised only this module changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from ..anonymisation import Checker, read_name_list
from ..boards import BoardRegistry, read_registry
from ..body import LEARNING, RECOMMENDATION, SECTION_TITLES
from ..problems import Problem
from ..source import read_document
from ..themes import Theme, ThemeCatalogue, theme_from_document
from ..vocabulary import REVIEW_TYPES

__all__ = [
    "GROUPED_RECOMMENDATIONS",
    "LEARNING_HEADING",
    "PARTIAL_DATES",
    "RECOMMENDATIONS_HEADING",
    "REVIEW_TYPES",
    "TEXT_AFTER_LIST",
    "BoardRegistry",
    "Problem",
    "Theme",
    "ThemeCatalogue",
    "check_anonymisation",
    "load_boards",
    "load_never_publish",
    "load_themes",
]

#: Issue 10: `published` accepts YYYY-MM and YYYY. Until then a partial date is written as a
#: placeholder that quotes the date found.
PARTIAL_DATES = False
#: Issue 10: recommendations may be grouped under `### Agency` headings, numbering restarting.
#: Until then they are one numbered list, each item starting with its agency in bold.
GROUPED_RECOMMENDATIONS = False
#: Issue 10: a closing paragraph may follow a section's list. Until then it is kept in a comment.
TEXT_AFTER_LIST = False

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


def check_anonymisation(path: str, lines: Iterable[tuple[int, str]], names: Iterable[str] = ()) -> list:
    """Anonymisation findings (each with path, line, rule, text) in numbered lines of text."""
    return Checker(names).check(path, list(lines))
