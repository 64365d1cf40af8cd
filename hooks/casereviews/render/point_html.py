"""Learning points and recommendations as HTML, converted once per build, and kept on disk
between builds.

A site at 2,000 reviews has about 38,000 points; converting each with the site's Markdown
extensions took about 5 s of every build and of every first start of the preview (issue 14).
What was converted is kept in one file, named by a hash of everything a conversion depends
on: the versions of Markdown and of the packages whose extensions the site uses, and the
extensions' options. A point is found in it by a hash of its text, so a changed text (or a
changed extension) is converted again and a stale conversion is never shown. The file holds
only the points of the last build that saved it; one that cannot be read costs only time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup

from .sanitise import POLICY_VERSION, clean, needs_cleaning

#: Change when what is kept changes shape or meaning.
FORMAT = "1"


class PointHtml:
    """Learning points and recommendations as HTML: each text converted once per build, with
    the site's Markdown extensions, and shown on review pages and theme pages alike.

    With `folder`, conversions kept by the last build that saved (`save`) are read from it."""

    def __init__(self, markdown_options: Mapping[str, Any], folder: Path | None = None) -> None:
        self._options = markdown_options
        self._converter: markdown.Markdown | None = None  # made when a text is not kept: creating one is costly
        self._html: dict[tuple[str, bool], Markup] = {}
        self._file = folder / f"points-{fingerprint(markdown_options)}.json" if folder is not None else None
        self._kept: dict[str, str] = _read(self._file) if self._file is not None else {}
        self._used: dict[str, str] = {}

    def inline(self, text: str) -> Markup:
        """One paragraph of Markdown as HTML without its <p>."""
        return self._convert(text, block=False)

    def block(self, text: str) -> Markup:
        """Markdown of one or more paragraphs (or lists) as HTML."""
        return self._convert(text, block=True)

    def _convert(self, text: str, block: bool) -> Markup:
        key = (text, block)
        html = self._html.get(key)
        if html is None:
            digest = hashlib.blake2b(f"{int(block)}{text}".encode(), digest_size=16).hexdigest()
            kept = self._kept.get(digest)
            if kept is None:
                if self._converter is None:
                    self._converter = markdown.Markdown(**self._options)
                kept = self._converter.reset().convert(text)
                if needs_cleaning(text):
                    kept = clean(kept).html
                if not block and kept.startswith("<p>") and kept.endswith("</p>") and kept.count("<p>") == 1:
                    kept = kept[3:-4]
            self._used[digest] = kept
            html = self._html[key] = Markup(kept)  # noqa: S704 - Markdown's own output of author text
        return html

    def save(self) -> None:
        """Keep what this build showed for the next (nothing else): when it differs from what was kept."""
        if self._file is None or self._used == self._kept:
            return
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            for stale in self._file.parent.glob("points-*.json"):
                stale.unlink(missing_ok=True)  # another version's or options' conversions
            temporary = self._file.with_name(f".{self._file.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self._used, sort_keys=True), encoding="utf-8")
            temporary.replace(self._file)
            self._kept = dict(self._used)
        except OSError:
            pass


def fingerprint(markdown_options: Mapping[str, Any]) -> str:
    """A hash of everything a conversion depends on but the text: the options, and the code of
    Markdown and of each extension (the version of the package it comes from, or the bytes of
    a module of the project's own)."""
    options = json.dumps(markdown_options, sort_keys=True, default=repr)
    names = {"markdown"} | {
        str(extension).split(":")[0].split(".")[0]
        for extension in markdown_options.get("extensions", [])
        if isinstance(extension, str)
    }
    distributions = _distributions(names)
    code = []
    for name in sorted(names):
        for distribution in sorted(distributions.get(name, [])):
            code.append(f"{distribution}={importlib.metadata.version(distribution)}")
        if name not in distributions:
            spec = importlib.util.find_spec(name)
            origin = Path(spec.origin) if spec is not None and spec.origin else None
            code.append(f"{name}:{hashlib.sha256(origin.read_bytes()).hexdigest() if origin else 'none'}")
    return hashlib.sha256("\0".join([FORMAT, POLICY_VERSION, options, *code]).encode()).hexdigest()[:24]


#: The distributions of the top-level modules the site's Markdown uses, where a module's name is
#: not its distribution's: looked up directly. Any other name is looked up among every installed
#: distribution (`packages_distributions`), which reads them all: most of a second per build.
KNOWN_DISTRIBUTIONS = {"markdown": ["Markdown"], "pymdownx": ["pymdown-extensions"], "material": ["mkdocs-material"]}


def _distributions(names: set[str]) -> dict[str, list[str]]:
    """Top-level module name → the installed distributions that provide it, for `names`."""
    found: dict[str, list[str]] = {}
    unknown = []
    for name in names:
        known = KNOWN_DISTRIBUTIONS.get(name)
        if known is not None and all(_installed(distribution) for distribution in known):
            found[name] = known
        elif importlib.util.find_spec(name) is not None:
            unknown.append(name)
    if unknown:
        every = importlib.metadata.packages_distributions()
        found.update((name, every[name]) for name in unknown if name in every)
    return found


def _installed(distribution: str) -> bool:
    try:
        importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _read(path: Path) -> dict[str, str]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or not all(isinstance(v, str) for v in kept.values()):
        return {}
    return kept
