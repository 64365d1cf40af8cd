"""Full-text search: a Pagefind index of the built site (filled in by the search work)."""

from __future__ import annotations

from pathlib import Path


def build_index(site_dir: Path) -> list[str]:
    """Index the built site; problems found (none yet: search is not built)."""
    return []
