"""URL stability: a manifest of every public URL, and the check that none disappears.

Trainers put our URLs into courses. Each build writes `url-manifest.json`, listing the
URLs of the files it wrote (pages, redirects, feeds, exports; not hashed assets). Given
the last published site's manifest, a URL that disappears fails the build unless a
redirect (an alias) or a withdrawal notice keeps it working.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .. import urls as scheme
from ..problems import Problem

MANIFEST_NAME = "url-manifest.json"
#: Published files that are not pages but are promised at stable URLs.
DATA_FILES = (scheme.FEED, scheme.CATALOGUE_JSON, scheme.CATALOGUE_CSV, scheme.CATALOGUE_SCHEMA, scheme.SITEMAP)
#: Feeds are promised at any depth: the site's, and one beside each theme and board page.
FEED_FILES = scheme.FEED


def site_files(site_dir: Path) -> list[str]:
    """Every file of a built site (paths relative to it, with '/'), sorted: one walk of its folders."""
    found: list[str] = []
    for folder, folders, names in os.walk(site_dir):
        folders.sort()
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        found.extend(f"{prefix}{name}" for name in names if Path(folder, name).is_file())
    return sorted(found)


def public_urls(site_dir: Path, files: Iterable[str] | None = None) -> list[str]:
    """Root-relative URLs of the pages and data files in a built site, sorted. `files`: its
    files (see `site_files`), when already listed."""
    urls = set()
    for relative in site_files(site_dir) if files is None else files:
        name = relative.rpartition("/")[2]
        if name.endswith(".html") and not relative.startswith(("assets/", "pagefind/")):
            urls.add("/" + relative.removesuffix("index.html") if name == "index.html" else "/" + relative)
        elif name == FEED_FILES or relative in DATA_FILES:
            urls.add("/" + relative)
    return sorted(urls)


def write_manifest(site_dir: Path, urls: Iterable[str]) -> None:
    """Write the manifest (sorted, no timestamp: identical builds write identical bytes)."""
    data = {"urls": sorted(urls)}
    (site_dir / MANIFEST_NAME).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> frozenset[str]:
    """The URLs of a manifest file; raises ValueError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot be read as a URL manifest: {error}") from None
    urls = data.get("urls") if isinstance(data, dict) else None
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise ValueError('is not a URL manifest: expected {"urls": [...]}')
    return frozenset(urls)


def _advice(url: str) -> str:
    if url.startswith("/reviews/") and url.count("/") == 3:
        slug = url.split("/")[2]
        return (
            f"keep content/reviews/{slug}.md with 'status: withdrawn' (a notice stays at the address), "
            f"or add '{slug}' to the aliases of the review that replaces it"
        )
    if url.startswith("/themes/") and url.count("/") == 3:
        return "restore the theme file, or add its old name to the aliases of the theme that replaces it"
    if url.startswith("/boards/") and url.count("/") == 3:
        return "add the board's old spelling under also_written in content/_data/boards.yml"
    return "restore the page that was published there"


def disappeared(previous: frozenset[str], current: Iterable[str]) -> list[Problem]:
    """One problem for each URL of the previous manifest that this build does not serve."""
    missing = sorted(previous - set(current))
    return [
        Problem(url, None, "URL check", f"was published and would disappear with this build: {_advice(url)}")
        for url in missing
    ]
