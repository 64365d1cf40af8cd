"""What content/ may hold besides pages: images only, and no links (symbolic links) at all.

Anything else would be published as it is, unread by the checks; a link would publish what it
points at, inside content/ or not. Both stop the build, with what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.messages import message
from ..problems import Problem

#: Site data that is read by the build and never published.
DATA_DIR = "_data"


def display_path(path: Path, root: Path) -> str:
    """The path as an author sees it from the project folder, e.g. content/reviews/x.md."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


#: Files other than Markdown that content/ may hold, published as they are: raster images. Any
#: other file would be published unread by the checks (text with a name in it, a page that loads
#: another site), and an SVG can hold script: convert it to PNG.
STATIC_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


def outside_content_problems(docs_dir: Path, root: Path) -> list[Problem]:
    """Links in content/ (to a file or a folder, inside or outside it, or to nothing), and files
    the site would publish without checking them. Links are never followed."""
    problems = []
    for folder, folders, names in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        relative = here.relative_to(docs_dir).parts
        if any(part.startswith(".") for part in relative):
            folders.clear()
            continue
        for name in sorted([*names, *folders]):
            path = here / name
            if path.is_symlink():
                target = path.readlink()
                wording = message("link-in-content", target=target.as_posix(), folder=display_path(docs_dir, root))
                problems.append(Problem(display_path(path, root), None, None, wording))
            elif (
                name in names
                and not name.startswith(".")
                and path.suffix.lower() not in STATIC_SUFFIXES | {".md"}
                and relative[:1] != (DATA_DIR,)
            ):
                kind, suffixes = path.suffix or "file without a type", ", ".join(sorted(STATIC_SUFFIXES))
                wording = message("unchecked-file", kind=kind, suffixes=suffixes)
                problems.append(Problem(display_path(path, root), None, None, wording))
    return problems
