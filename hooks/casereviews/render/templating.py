"""Jinja templates for generated pages and fragments, with autoescaping always on.

Templates live in `render/templates/`; a board may restyle one by putting a file of the
same name in `overrides/casereviews/`, which is searched first. Every value is escaped
unless a template marks it safe, so author text (titles, summaries, board names) can never
become markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import urls
from ..model import vocabulary
from ..model.action_plan import STAGES as ACTION_STAGES
from ..model.dates import long_date
from .views import plural

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The folder under the theme's custom_dir where a board may override our templates.
OVERRIDE_FOLDER = "casereviews"


@dataclass(frozen=True)
class Heading:
    """A heading of a fragment, for the page's table of contents."""

    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Fragment:
    """HTML from our templates that a page shows as it is, never read by Markdown, and the
    headings it holds (the adapter adds them to the page's table of contents)."""

    html: Markup
    headings: tuple[Heading, ...] = ()


class _HeadingRecorder:
    """`toc` in a fragment's template: the `heading` macro records each heading it writes."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []

    def add(self, level: int, anchor: object, text: object) -> str:
        self.headings.append(Heading(level, str(anchor), str(text)))
        return ""


class Templates:
    """One Jinja environment per build: our templates, a board's overrides searched first."""

    def __init__(self, override_dirs: Iterable[Path] = ()) -> None:
        folders = [str(folder) for folder in override_dirs if folder.is_dir()] + [str(TEMPLATES)]
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown attribute lists start with '{#': Jinja comments are '{## … ##}' here.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.environment.filters.update(long_date=long_date, plural=plural)
        self.environment.globals.update(
            href=urls.href,
            urls=urls,
            review_types=vocabulary.REVIEW_TYPES,
            agencies=vocabulary.AGENCIES,
            stages=ACTION_STAGES,
        )

    def render(self, name: str, **values: Any) -> str:
        return self.environment.get_template(name).render(**values)

    def fragment(self, name: str, **values: Any) -> Fragment:
        """Template `name` rendered as HTML (autoescaped), with the headings its `heading` macro wrote."""
        recorder = _HeadingRecorder()
        html = self.environment.get_template(name).render(toc=recorder, **values)
        return Fragment(Markup(html.strip()), tuple(recorder.headings))  # noqa: S704 - an autoescaped template's output
