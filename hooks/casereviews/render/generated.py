"""A page the site makes, as MkDocs is handed it: front matter in its file, HTML added after Markdown."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import yaml

from .templating import Fragment

#: libyaml's safe dumper when PyYAML has it (ten times faster), else PyYAML's own.
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(**meta: Any) -> str:
    """A YAML front matter block (values are data, dumped safely)."""
    dumped = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=True)
    return "---\n" + dumped + "---\n\n"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the site makes: its front matter (title, description, template) and its HTML."""

    meta: dict[str, Any]
    body: Fragment

    @functools.cached_property
    def source(self) -> str:
        """What the page's file holds: its front matter only (the body is added after Markdown)."""
        return front_matter(**self.meta)
