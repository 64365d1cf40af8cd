"""The Pagefind this site's search index was written for, checked when the index is made.

`bundle` reads and writes Pagefind's own index files to merge the batches' indexes. Their
layout is Pagefind's private format, not promised from one release to the next: a Pagefind
of another release could give an index that the search page cannot read, with no error
anywhere. So the version installed is checked before Pagefind runs, and the version each
batch's index names is checked before it is merged; another version is a problem that stops
the build and says what to do.
"""

from __future__ import annotations

import importlib.metadata

from ..problems import Problem

#: The release series `bundle` reads and writes: any 1.5.x.
SUPPORTED = "1.5"
#: The package that carries Pagefind's program (requirements.txt pins it).
PACKAGE = "pagefind_bin"


def installed() -> str | None:
    """The version of Pagefind installed, or None when it is not installed."""
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None


def supported(version: str) -> bool:
    """Whether `version` is of the release series the index format was written for."""
    return version == SUPPORTED or version.startswith(f"{SUPPORTED}.")


def version_problem(version: str | None, where: str = "installed") -> Problem | None:
    """A problem when `version` (Pagefind's, as `where` names it) is missing or not `SUPPORTED`."""
    fix = (
        "install the version requirements.txt pins (run `make build`, or "
        "`.venv/bin/pip install -r requirements.txt`); a new Pagefind release needs "
        "casereviews/search/bundle.py checked against its index format first"
    )
    if version is None:
        return Problem("pagefind", None, "search index", f"Pagefind is not installed: {fix}")
    if supported(version):
        return None
    return Problem(
        "pagefind",
        None,
        "search index",
        f"Pagefind {version} is {where}, expected {SUPPORTED}.x (the search index format this site "
        f"merges is Pagefind {SUPPORTED}'s): {fix}",
    )
