"""Build the site atomically: into a new release folder, switched into place only on success.

`make build` runs this. MkDocs builds with --strict into a new folder under
`.site-releases/` beside the target; the hooks validate everything, write the search index
and check the output. Only when the whole build succeeds is the target, a symbolic link,
pointed at the new release, in one atomic step (`os.replace` of a new link over the old
one): a reader of `site/` sees the old site or the new one, never neither and never a mix.
A failed build leaves the previous site byte-for-byte as it was. The previous site's URL
manifest is handed to the build, so a published URL that would disappear fails it.

The previous release is kept beside the current one, so going back is one link switch.
A target that is still a real folder (from before releases) is moved into the releases
once, then linked.

The build is told which release is current (REVIEW_SITE_PREVIOUS_RELEASE): each page whose
key (everything its output is made from) is unchanged since that release is hard-linked from
it rather than rendered again; every other page is rendered, and every file is checked (see
hooks/casereviews/adapter/releases.py). `--fresh` renders every page.

One build of a site runs at a time (a lock in the releases folder: a second build waits, or
with --no-wait stops), and a build publishes only if the content, configuration and theme
overrides it read are still what is on disk (hooks/casereviews/publishing.py): a withdrawal
saved during a build is never undone by that build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from casereviews.adapter.releases import RECORD_SUFFIX  # noqa: E402
from casereviews.publishing import BuildLock, BuildLockedError, InputFingerprint  # noqa: E402
from casereviews.rules.manifest import MANIFEST_NAME  # noqa: E402
from casereviews.settings import read_config_file, variable  # noqa: E402

PREVIOUS_MANIFEST_VARIABLE = variable("previous_manifest")
#: The current release's folder, for the build to take unchanged pages from (see the docstring).
PREVIOUS_RELEASE_VARIABLE = variable("previous_release")


#: Releases kept: the current one and the one before it.
KEEP_RELEASES = 2


def releases_folder(target: Path) -> Path:
    """Where the builds of `target` are kept: `.site-releases` beside `site`."""
    return target.parent / f".{target.name}-releases"


#: The engines that build the site: MkDocs 1.6 and its maintained fork ProperDocs.
ENGINES = ("mkdocs", "properdocs")


def current_release(target: Path) -> Path | None:
    """The release `target` links to, if it is one."""
    if not target.is_symlink() or not target.is_dir():
        return None
    release = target.resolve()
    return release if release.parent == releases_folder(target).resolve() else None


def build(
    config_file: Path,
    target: Path,
    previous_manifest: Path | None,
    engine: str = "mkdocs",
    fresh: bool = False,
    wait: bool = True,
) -> int:
    """Build into a new release with `engine` and switch `target` to it; the exit status.
    With `fresh`, every page is rendered (none taken from the current release); without
    `wait`, a build that finds another build of the same site running stops at once."""
    target = target.absolute()
    releases = releases_folder(target)
    try:
        with BuildLock(releases, wait=wait, say=sys.stderr):
            return _build(config_file, target, previous_manifest, engine, fresh)
    except BuildLockedError as error:
        print(f"\nNothing was built: {error}.", file=sys.stderr)
        return 75  # EX_TEMPFAIL


def _build(config_file: Path, target: Path, previous_manifest: Path | None, engine: str, fresh: bool) -> int:
    """The build itself, under the lock."""
    releases = releases_folder(target)
    inputs = build_inputs(config_file)
    read = InputFingerprint.of(*inputs)
    staging = Path(tempfile.mkdtemp(prefix=f"build-{time.strftime('%Y%m%d-%H%M%S')}-", dir=releases))
    staging.chmod(0o755)  # served by a web server running as another user
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    manifest = previous_manifest or (target / MANIFEST_NAME)
    if PREVIOUS_MANIFEST_VARIABLE not in environment and manifest.exists():
        environment[PREVIOUS_MANIFEST_VARIABLE] = str(manifest)
    current = None if fresh else current_release(target)
    environment[PREVIOUS_RELEASE_VARIABLE] = str(current) if current else ""
    # Dirty: MkDocs renders only the pages the hooks mark (all of them but those linked from
    # the current release); the new folder starts empty.
    command = [
        sys.executable, "-m", engine, "build", "--strict", "--dirty",
        "--config-file", str(config_file), "--site-dir", str(staging),
    ]  # fmt: skip
    try:
        status = subprocess.run(command, env=environment, check=False).returncode
    except KeyboardInterrupt:
        status = 130
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        record_of(staging).unlink(missing_ok=True)
        print(f"\nThe build failed, so {target} was left exactly as it was.", file=sys.stderr)
        return status
    changed = InputFingerprint.of(*inputs).changed_since(read)
    if changed:
        shutil.rmtree(staging, ignore_errors=True)
        record_of(staging).unlink(missing_ok=True)
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        print(
            f"\nNothing was published: files changed while the site was being built ({shown}), so this "
            f"build may hold what they said before. {target} was left as it was; build again.",
            file=sys.stderr,
        )
        return 1
    try:
        publish(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        record_of(staging).unlink(missing_ok=True)
        print(
            f"\nThe new site could not be switched into place ({error}); {target} was left as it was.", file=sys.stderr
        )
        return 1
    print(f"\nThe site is in {target} (a link to {staging.name} in {releases.name}/).")
    return 0


def build_inputs(config_file: Path) -> tuple[list[Path], list[Path]]:
    """What a build reads that an author or a board changes: the content and theme override
    folders named in the configuration (as MkDocs resolves them), and the configuration."""
    config = read_config_file(config_file)
    base = config_file.parent
    folders = [base / str(config.get("docs_dir") or "docs")]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(base / str(theme["custom_dir"]))
    return folders, [config_file]


def publish(release: Path, target: Path) -> None:
    """Point the link `target` at `release` in one atomic step; keep the previous release.

    The new link is made under a temporary name and renamed over the old one: rename(2)
    replaces a link atomically, so there is no moment without a site.
    """
    releases = release.parent
    if target.exists() and not target.is_symlink():  # a folder from before releases: move it in once
        earlier = releases / "build-earlier"
        shutil.rmtree(earlier, ignore_errors=True)
        target.rename(earlier)
        with (releases / HISTORY_NAME).open("a", encoding="utf-8") as history:
            history.write(f"{earlier.name}\n")  # the release before this one
    link = releases / f".link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(releases.name) / release.name)
    os.replace(link, target)  # noqa: PTH105 - the atomic rename(2) the switch relies on
    _prune(releases, release)


def record_of(release: Path) -> Path:
    """The record of a release's pages' keys, beside it."""
    return release.with_name(f"{release.name}{RECORD_SUFFIX}")


#: The releases published, oldest first, one name a line: what pruning keeps is read from
#: here, never from folders' times (a killed build's staging folder was never published).
HISTORY_NAME = ".published"


def _prune(releases: Path, current: Path) -> None:
    """Remove every release folder (and record) but the current one and the one published
    before it; a staging folder left by a killed build goes too (no build is running: the
    lock is held)."""
    history = releases / HISTORY_NAME
    names = history.read_text(encoding="utf-8").split() if history.exists() else []
    names = [name for name in names if name != current.name and (releases / name).is_dir()] + [current.name]
    history.write_text("\n".join(names[-KEEP_RELEASES:]) + "\n", encoding="utf-8")
    kept = set(names[-KEEP_RELEASES:])
    for path in releases.iterdir():
        if path.is_dir() and path.name.startswith("build-") and path.name not in kept:
            shutil.rmtree(path, ignore_errors=True)
    for record in releases.glob(f"build-*{RECORD_SUFFIX}"):
        if not record.with_name(record.name.removesuffix(RECORD_SUFFIX)).is_dir():
            record.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=PROJECT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site", help="where the site goes")
    parser.add_argument(
        "--previous-manifest",
        type=Path,
        help="URL manifest of the last published site (default: the one in --site-dir)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=os.environ.get("ENGINE") or "mkdocs",
        help="the static site generator (default: mkdocs, or the ENGINE environment variable)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="render every page (take none unchanged from the current release)"
    )
    parser.add_argument(
        "--no-wait", action="store_true", help="stop at once if another build of the same site is running"
    )
    arguments = parser.parse_args(argv)
    return build(
        arguments.config_file,
        arguments.site_dir,
        arguments.previous_manifest,
        arguments.engine,
        arguments.fresh,
        wait=not arguments.no_wait,
    )


if __name__ == "__main__":
    sys.exit(main())
