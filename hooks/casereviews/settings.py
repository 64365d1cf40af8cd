"""Every setting a build reads, in one place: a board's settings in mkdocs.yml and the environment.

A board changes three numbers under `extra: casereviews:` (`BOARD_SETTINGS`, checked with
messages that name the key, what was found and what is expected). Everything else a build
reads from outside its files comes from the environment variables of `EnvironmentVariables`; a build
reads them once, when it starts (`EnvironmentVariables.read`). What builds keep between them lives in
one cache folder (`EnvironmentVariables.cache_folder`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, did_you_mean, one_of

CONFIG_FILE = "mkdocs.yml"
#: The key under `extra:` that holds the settings a board may change.
SETTINGS_KEY = "casereviews"


@dataclass(frozen=True)
class Settings:
    """What a board may change in mkdocs.yml `extra: casereviews:`."""

    latest_count: int = 20
    feed_length: int = 50
    related_count: int = 5


@dataclass(frozen=True)
class WholeNumber:
    """A setting that is a whole number in a range: the field of `Settings` it sets, and what it is."""

    field: str
    low: int
    high: int
    meaning: str

    def problem(self, key: str, value: object) -> Problem | None:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            return Problem(
                CONFIG_FILE,
                None,
                key,
                f"found {value!r}, expected a whole number from {self.low} to {self.high} ({self.meaning})",
            )
        return None


#: The schema of `extra: casereviews:`: the name a board writes → what it sets.
BOARD_SETTINGS: dict[str, WholeNumber] = {
    "latest_reviews": WholeNumber("latest_count", 1, 200, "the number of reviews on /reviews/"),
    "feed_length": WholeNumber("feed_length", 1, 500, "the number of entries in each feed"),
    "related_reviews": WholeNumber("related_count", 0, 20, "the number of related reviews on a review page"),
}


def read_board_settings(extra: object) -> tuple[Settings, list[Problem]]:
    """The board's settings from mkdocs.yml's `extra:` mapping, each checked; defaults where not given."""
    given = extra.get(SETTINGS_KEY) if isinstance(extra, Mapping) else None
    if given is None:
        return Settings(), []
    key = f"extra.{SETTINGS_KEY}"
    if not isinstance(given, Mapping):
        return Settings(), [
            Problem(CONFIG_FILE, None, key, f"found {given!r}, expected settings such as feed_length: 50")
        ]
    values: dict[str, int] = {}
    problems = []
    for name, value in given.items():
        setting = BOARD_SETTINGS.get(name)
        if setting is None:
            problems.append(
                Problem(
                    CONFIG_FILE,
                    None,
                    f"{key}.{name}",
                    f"is not a known setting{did_you_mean(str(name), BOARD_SETTINGS)}; "
                    f"expected {one_of(BOARD_SETTINGS)}",
                )
            )
            continue
        problem = setting.problem(f"{key}.{name}", value)
        if problem is not None:
            problems.append(problem)
            continue
        values[setting.field] = value
    return Settings(**values), problems


#: Field of `EnvironmentVariables` → the variable it is read from, and what it does (README lists them).
VARIABLES: dict[str, tuple[str, str]] = {
    "now": ("REVIEW_SITE_NOW", "build the site as at another moment: an ISO date-time with offset"),
    "cache": ("REVIEW_SITE_CACHE", "the folder builds keep things in between them (default .cache/)"),
    "previous_manifest": (
        "REVIEW_SITE_PREVIOUS_MANIFEST",
        "the last published site's url-manifest.json, when it is not in the site folder",
    ),
    "previous_release": (
        "REVIEW_SITE_PREVIOUS_RELEASE",
        "set by scripts/build_site.py: the last release's folder ('' when there is none)",
    ),
    "render_processes": ("REVIEW_SITE_RENDER_PROCESSES", "1 renders in one process, 2 in two (default: processors)"),
    "site_url": ("SITE_URL", "the site's public address, overriding mkdocs.yml's site_url"),
}


@dataclass(frozen=True)
class EnvironmentVariables:
    """The environment variables a build reads (see `VARIABLES`); None where not set."""

    now: str | None = None
    cache: str | None = None
    previous_manifest: str | None = None
    previous_release: str | None = None
    render_processes: str | None = None
    site_url: str | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> EnvironmentVariables:
        """The variables as set now (in `environ`, default the process's environment)."""
        source = os.environ if environ is None else environ
        return cls(**{item.name: source.get(VARIABLES[item.name][0]) for item in fields(cls)})

    def cache_folder(self, project_dir: Path, name: str) -> Path:
        """Where builds keep `name` between them: `<name>/` in the folder REVIEW_SITE_CACHE names,
        else in the project's .cache/."""
        return (Path(self.cache) if self.cache else project_dir / ".cache") / name


def variable(field: str) -> str:
    """The name of the environment variable behind `EnvironmentVariables.<field>`."""
    return VARIABLES[field][0]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for plain settings only: the tags it holds for MkDocs (!!python/name …,
    !ENV) are read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config_file(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, for the scripts that run without MkDocs (`make check`, the
    build script): folders and Markdown extensions."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader
    return data if isinstance(data, dict) else {}


def markdown_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The Markdown extensions of a configuration read by `read_config_file`, as `markdown.Markdown` takes them."""
    extensions: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            extensions.append(entry)
        elif isinstance(entry, dict):
            for name, options in entry.items():
                extensions.append(str(name))
                if isinstance(options, dict):
                    configs[str(name)] = options
    return {"extensions": extensions, "extension_configs": configs}
