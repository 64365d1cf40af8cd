"""Themes are content: one file per theme in content/themes/, with the words authors use for it.

A review may name a theme by its slug, its title or any alias, in any case and spacing
("Domestic abuse", "domestic-abuse"); `ThemeCatalogue.resolve` maps all of them to the slug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..problems import Problem
from . import vocabulary
from .fields import Field, choice, list_of, paragraph, text, validate_fields
from .messages import message
from .source import SourceDocument

THEME_FIELDS = (
    Field("title", text(80), required=True, description="the theme's name, e.g. 'Domestic violence'"),
    Field("summary", paragraph(300), required=True, description="one sentence on what the theme covers"),
    Field("aliases", list_of(text(80)), description="other words authors use for this theme"),
    Field(
        "suggested_by",
        list_of(text(80)),
        description="words and phrases in a report that point to this theme, for the import's theme suggestions",
    ),
    Field(
        "audience",
        choice(vocabulary.AUDIENCES),
        description="whom the theme concerns: children, adults or all (all when not given)",
    ),
)


def term_key(term: str) -> str:
    """The form in which theme names are compared: lower case, words joined by hyphens."""
    return "-".join(urls.name_words(term))


@dataclass(frozen=True)
class Theme:
    """One theme: slug (its URL), title, aliases, summary and the board's introduction."""

    slug: str
    title: str
    summary: str
    aliases: tuple[str, ...]
    introduction: str
    path: str
    audience: str = "all"
    #: Words and phrases in a report that point to the theme (the import's suggestions read them).
    suggested_by: tuple[str, ...] = ()


def theme_from_document(slug: str, document: SourceDocument) -> tuple[Theme | None, list[Problem]]:
    """Validate a theme file; the theme, or None with the problems found."""
    values, problems = validate_fields(document, THEME_FIELDS)
    if problems:
        return None, problems
    return (
        Theme(
            slug=slug,
            title=values["title"],
            summary=values["summary"],
            aliases=values.get("aliases", ()),
            introduction=document.body,
            path=document.path,
            audience=values.get("audience", "all"),
            suggested_by=values.get("suggested_by", ()),
        ),
        [],
    )


class ThemeCatalogue:
    """Every theme, and the lookup from any name authors use to the theme's slug."""

    def __init__(self, themes: Iterable[Theme]) -> None:
        self.themes: dict[str, Theme] = {theme.slug: theme for theme in sorted(themes, key=lambda t: t.slug)}
        self._names: dict[str, str] = {}
        self.problems: list[Problem] = []
        for theme in self.themes.values():
            for name in (theme.slug, theme.title, *theme.aliases):
                self._claim(term_key(name), theme)

    def _claim(self, key: str, theme: Theme) -> None:
        owner = self._names.setdefault(key, theme.slug)
        if owner != theme.slug:
            other = self.themes[owner]
            wording = message("theme-name-taken", name=key, owner=owner, path=other.path)
            self.problems.append(Problem(theme.path, None, "aliases", wording))

    def resolve(self, term: str) -> str | None:
        """The slug of the theme that `term` names, or None."""
        return self._names.get(term_key(term))

    def names(self) -> list[str]:
        """Every name a theme can be given by, for did-you-mean suggestions."""
        return sorted(self._names)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.themes.values())

    def __len__(self) -> int:
        return len(self.themes)

    def __getitem__(self, slug: str) -> Theme:
        return self.themes[slug]
