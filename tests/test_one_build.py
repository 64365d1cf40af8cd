"""One build of a site at a time, and a build publishes only what is still on disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casereviews.publishing import BuildLock, BuildLockedError, InputFingerprint
from sitekit import PROJECT, SiteProject, build_script, canary, canary_body, output_files, readable


def test_a_second_lock_on_the_same_site_is_refused_until_the_first_is_released(tmp_path: Path):
    """While one build holds the lock, another without waiting stops, naming the holder; after, it gets it."""
    running = f"another build of this site is running \\(process {os.getpid()},"
    with BuildLock(tmp_path), pytest.raises(BuildLockedError, match=running), BuildLock(tmp_path, wait=False):
        pass
    with BuildLock(tmp_path, wait=False) as lock:
        assert lock.path.exists()


def test_the_fingerprint_names_what_changed(tmp_path: Path):
    """A changed, an added and a removed file are each named; an untouched folder names none."""
    content = tmp_path / "content"
    (content / "reviews").mkdir(parents=True)
    (content / "reviews" / "a.md").write_text("one", encoding="utf-8")
    (content / "reviews" / "b.md").write_text("two", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    before = InputFingerprint.of([content], [config])
    assert InputFingerprint.of([content], [config]).changed_since(before) == []
    (content / "reviews" / "a.md").write_text("one, withdrawn", encoding="utf-8")
    (content / "reviews" / "b.md").unlink()
    (content / "reviews" / "c.md").write_text("three", encoding="utf-8")
    after = InputFingerprint.of([content], [config])
    assert after.changed_since(before) == [str(content / "reviews" / name) for name in ("a.md", "b.md", "c.md")]


def test_a_killed_builds_folder_is_never_kept_as_the_previous_release(tmp_path: Path):
    """Pruning keeps the release published before the current one, not a newer folder a killed build left."""
    script = build_script()
    target = tmp_path / "site"
    releases = script.releases_folder(target)
    for name in ("build-a", "build-b-killed", "build-c"):
        (releases / name).mkdir(parents=True)
        (releases / name / "index.html").write_text(name, encoding="utf-8")
        if name != "build-b-killed":  # a build killed before it published leaves its folder
            script.publish(releases / name, target)
        time.sleep(0.01)  # each folder newer than the one before
    assert sorted(path.name for path in releases.iterdir() if path.name.startswith("build-")) == ["build-a", "build-c"]
    assert (target / "index.html").read_text(encoding="utf-8") == "build-c"


def build_command(project: SiteProject, *options: str) -> list[str]:
    return [
        sys.executable, str(PROJECT / "scripts" / "build_site.py"),
        "--config-file", str(project.config_file), "--site-dir", str(project.root / "site"), *options,
    ]  # fmt: skip


def site_holds(site: Path, word: str) -> list[str]:
    return [path.relative_to(site).as_posix() for path in output_files(site) if word.encode() in readable(path)]


@pytest.mark.site
def test_a_withdrawal_saved_during_a_build_is_never_undone(project: SiteProject):
    """A build paused mid-way, a withdrawal saved and a second build started, then the first
    resumed: the first publishes nothing, the second publishes the withdrawal, and the site
    never shows the withdrawn text again."""
    secret = canary("race", "body")
    project.write_review("child-t", body=canary_body("race"))
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    site = project.root / "site"
    assert site_holds(site, secret)

    slow = subprocess.Popen(
        build_command(project), env=project.environment(), start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    releases = project.root / ".site-releases"
    known = {path.name for path in releases.iterdir()}
    deadline = time.monotonic() + 60
    while not {path.name for path in releases.iterdir()} - known - {".build.lock"} and time.monotonic() < deadline:
        time.sleep(0.05)  # until the slow build has read its inputs and made its folder
    os.killpg(slow.pid, signal.SIGSTOP)
    try:
        project.write_review(
            "child-t",
            body=canary_body("race"),
            status="withdrawn",
            withdrawn_on="2020-05-01",
            withdrawn_reason="Withdrawn at the family's request.",
        )
        second = subprocess.Popen(
            build_command(project), env=project.environment(),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        time.sleep(2)
        assert second.poll() is None  # waiting for the lock
    finally:
        os.killpg(slow.pid, signal.SIGCONT)
    slow_output, _ = slow.communicate(timeout=300)
    assert slow.returncode == 1, slow_output
    assert "Nothing was published: files changed while the site was being built" in slow_output
    assert "content/reviews/child-t.md" in slow_output
    second_output, _ = second.communicate(timeout=300)
    assert second.returncode == 0, second_output
    assert "Another build of this site is running (process" in second_output
    assert site_holds(site, secret) == []
    assert "Withdrawn at the family" in (site / "reviews" / "child-t" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_a_build_that_will_not_wait_stops_with_a_message(project: SiteProject):
    """With --no-wait, a build that finds another build of the site running stops at once and says why."""
    with BuildLock(project.root / ".site-releases"):
        stopped = subprocess.run(
            build_command(project, "--no-wait"), env=project.environment(), capture_output=True, text=True, check=False
        )
    assert stopped.returncode == 75
    assert "Nothing was built: another build of this site is running (process" in stopped.stderr
    assert not (project.root / "site").exists()
