"""Build the site atomically: into a temporary folder, swapped into place only on success.

`make build` runs this. MkDocs builds with --strict into a staging folder beside the
target; the hooks validate everything, write the search index and check the output. Only
when the whole build succeeds does the staging folder replace the target, so a failed
build leaves the previous site byte-for-byte as it was. The previous site's URL manifest
is handed to the build, so a published URL that would disappear fails it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST_NAME = "url-manifest.json"
PREVIOUS_MANIFEST_VARIABLE = "REVIEW_SITE_PREVIOUS_MANIFEST"


def build(config_file: Path, target: Path, previous_manifest: Path | None) -> int:
    """Build into a staging folder and swap it into `target`; the exit status."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    manifest = previous_manifest or (target / MANIFEST_NAME)
    if PREVIOUS_MANIFEST_VARIABLE not in environment and manifest.exists():
        environment[PREVIOUS_MANIFEST_VARIABLE] = str(manifest)
    command = [
        sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
        "--config-file", str(config_file), "--site-dir", str(staging),
    ]  # fmt: skip
    try:
        status = subprocess.run(command, env=environment, check=False).returncode
    except KeyboardInterrupt:
        status = 130
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed, so {target} was left exactly as it was.", file=sys.stderr)
        return status
    swap_into_place(staging, target)
    print(f"\nThe site is in {target}.")
    return 0


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames on one file system."""
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-previous-", dir=target.parent))
        retired.rmdir()
        target.rename(retired)
    staging.rename(target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=PROJECT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site", help="where the site goes")
    parser.add_argument(
        "--previous-manifest",
        type=Path,
        help="URL manifest of the last published site (default: the one in --site-dir)",
    )
    arguments = parser.parse_args(argv)
    return build(arguments.config_file, arguments.site_dir, arguments.previous_manifest)


if __name__ == "__main__":
    sys.exit(main())
