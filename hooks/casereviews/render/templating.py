"""Jinja templates for generated pages and fragments, with autoescaping always on.

Templates live in `render/templates/`; a board may restyle one by putting a file of the
same name in `overrides/casereviews/`, which is searched first. Every value is escaped
unless a template marks it safe, so author text (titles, summaries, board names) can never
become markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from .. import urls
from ..model import vocabulary
from ..model.action_plan import STAGES as ACTION_STAGES
from ..model.dates import long_date
from .views import plural

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The folder under the theme's custom_dir where a board may override our templates.
OVERRIDE_FOLDER = "casereviews"


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
