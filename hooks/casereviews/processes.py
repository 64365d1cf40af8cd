"""Processes of our own that the build runs beside itself (the search index, the checks)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The folder that holds the casereviews package.
HOOKS = Path(__file__).resolve().parents[1]


def module_command(module: str, *arguments: str) -> list[str]:
    """The command that runs `module` of our package (`python -m`) with `arguments`."""
    return [sys.executable, "-m", module, *arguments]


def environment() -> dict[str, str]:
    """The environment of such a command: this one, with our package importable."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HOOKS), os.environ.get("PYTHONPATH")]))}
