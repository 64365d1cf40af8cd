"""The checks of the files a build writes, run in a process of their own as the pages are
written: they find what the same checks find in the finished site, and a file changed after
its check, or a checking process that fails, hides nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from casereviews import processes
from casereviews.output_checks import written

WITHHELD = "a summary of a review that is not published"


def site(tmp_path: Path) -> tuple[written.Checks, list[Path]]:
    site_dir = tmp_path / "site"
    pages = {
        "reviews/one/index.html": '<h2 id="learning-1">Learning</h2><p>Text.</p>',
        "reviews/two/index.html": f'<p id="learning-1">{WITHHELD.replace(" ", "  ")}</p>',
        "about/index.html": '<img src="https://tracker.example.com/pixel.gif"><p>About</p>',
        "assets/site.css": "body { background: url('https://fonts.example.net/a.woff2') }",
    }
    for name, text in pages.items():
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(text, encoding="utf-8")
    checks = written.Checks(
        site_dir,
        {WITHHELD: "the summary of unpublished review content/reviews/draft.md"},
        "learning.example.org",
        frozenset({"reviews/one/index.html", "reviews/two/index.html"}),
    )
    return checks, sorted(site_dir.rglob("*.*"))


def summary(findings: written.Findings) -> tuple[list[str], list[tuple[str, str]], dict[str, set[str]]]:
    return (
        sorted(f"{problem.path}: {problem.message}" for problem in findings.leaks),
        sorted((path, load.address) for path, load in findings.foreign),
        findings.ids,
    )


def test_files_checked_as_they_are_written_give_what_checking_the_site_gives(tmp_path: Path):
    checks, files = site(tmp_path)
    checking = written.WrittenFiles(checks)
    for path in files[:3]:
        checking.written(path)
    found = summary(checking.finish(files))

    assert found == summary(written.check_files(checks, files))
    leaks, foreign, ids = found
    assert leaks == [
        "reviews/two/index.html: contains the summary of unpublished review content/reviews/draft.md; "
        "nothing from this build may be published"
    ]
    assert foreign == [
        ("about/index.html", "https://tracker.example.com/pixel.gif"),
        ("assets/site.css", "https://fonts.example.net/a.woff2"),
    ]
    assert ids == {"reviews/one/index.html": {"learning-1"}, "reviews/two/index.html": {"learning-1"}}


def test_a_file_written_again_after_its_check_is_checked_again(tmp_path: Path):
    checks, files = site(tmp_path)
    page = checks.site_dir / "reviews/one/index.html"
    checking = written.WrittenFiles(checks)
    checking.written(page)
    page.write_text(f"<p>Now it holds {WITHHELD}, and a longer text.</p>", encoding="utf-8")

    leaks, _, ids = summary(checking.finish(files))

    assert [leak.split(":")[0] for leak in leaks] == ["reviews/one/index.html", "reviews/two/index.html"]
    assert ids["reviews/one/index.html"] == set()


def test_a_checking_process_that_fails_hides_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    checks, files = site(tmp_path)
    monkeypatch.setattr(processes, "module_command", lambda module, *arguments: ["python3", "-c", "exit(3)"])
    checking = written.WrittenFiles(checks)
    for path in files:
        checking.written(path)

    assert summary(checking.finish(files)) == summary(written.check_files(checks, files))
    assert len(summary(checking.finish(files))[0]) == 1
