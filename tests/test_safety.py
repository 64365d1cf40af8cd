"""Atomic publishing, stable URLs and the anonymisation check, on real builds."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from sitekit import TEST_NOW, SiteProject, build_script, output_files


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in output_files(site)}


@pytest.mark.site
def test_failed_build_leaves_the_site_byte_for_byte(project: SiteProject):
    """A build that fails midway (after MkDocs wrote pages) leaves the published site untouched."""
    project.write_review("child-t")
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    before = snapshot(first.site_dir)
    assert "reviews/child-t/index.html" in before
    project.write_review(
        "child-t", body="## Learning\n\n1. Call 020 7364 2213 for the family.\n\n## Recommendations\n\n1. R.\n"
    )
    project.write_review("child-u", title="A new review that would have been published")
    failed = project.build_atomic()
    assert failed.returncode == 1
    assert "The build failed, so" in failed.output and "was left exactly as it was" in failed.output
    assert snapshot(first.site_dir) == before
    release = first.site_dir.resolve()
    releases = sorted(path for path in (project.root / ".site-releases").iterdir() if not path.name.startswith("."))
    # the failed build left nothing behind: the release and the record of its pages' keys
    assert releases == [release, release.with_name(f"{release.name}.keys.json")]


@pytest.mark.site
def test_failure_after_pages_are_written_is_also_atomic(project: SiteProject):
    """A failure in the final checks (a URL that would vanish) also leaves the site as it was."""
    project.write_review("child-t")
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    before = snapshot(first.site_dir)
    assert "reviews/child-t/index.html" in before
    project.remove("reviews/child-t.md")
    failed = project.build_atomic()
    assert failed.returncode == 1
    assert "Building documentation" in failed.output  # MkDocs had started writing pages
    assert snapshot(first.site_dir) == before


@pytest.mark.site
def test_removing_a_published_review_fails_until_redirected_or_withdrawn(project: SiteProject):
    """A published URL that disappears fails the build; an alias or a withdrawal keeps it working."""
    project.write_review("child-t")
    assert project.build_atomic().returncode == 0
    project.remove("reviews/child-t.md")
    project.write_review("child-t-renamed")
    result = project.build_atomic()
    assert result.returncode == 1
    assert (
        "/reviews/child-t/: URL check: was published and would disappear with this build: keep "
        "content/reviews/child-t.md with 'status: withdrawn' (a notice stays at the address), or add 'child-t' "
        "to the aliases of the review that replaces it"
    ) in result.output

    project.write_review("child-t-renamed", aliases=["child-t"])
    result = project.build_atomic()
    assert result.returncode == 0, result.output
    redirect = result.page("reviews/child-t/")
    assert '<meta http-equiv="refresh" content="0; url=../child-t-renamed/">' in redirect
    assert '<a href="../child-t-renamed/">' in redirect

    project.write_review(
        "child-t-renamed",
        aliases=["child-t"],
        status="withdrawn",
        withdrawn_on="2026-01-05",
        withdrawn_reason="Replaced.",
    )
    result = project.build_atomic()
    assert result.returncode == 0, result.output
    assert "This review has been withdrawn" in result.page("reviews/child-t-renamed/")
    assert '<a href="../child-t-renamed/">' in result.page("reviews/child-t/")


@pytest.mark.site
def test_previous_manifest_can_be_given_explicitly(project: SiteProject, tmp_path: Path):
    """A manifest of the live site kept elsewhere is honoured (REVIEW_SITE_PREVIOUS_MANIFEST)."""
    manifest = tmp_path / "live-manifest.json"
    manifest.write_text('{"urls": ["/reviews/was-live/"]}', encoding="utf-8")
    result = project.build(REVIEW_SITE_PREVIOUS_MANIFEST=str(manifest))
    assert result.returncode == 1
    assert "/reviews/was-live/: URL check: was published and would disappear" in result.output


@pytest.mark.site
def test_theme_aliases_are_redirects(sample_site):
    """A theme's other names are addresses too: /themes/domestic-abuse/ leads to domestic violence."""
    assert '<a href="../domestic-violence/">Go to Domestic violence</a>' in sample_site.page("themes/domestic-abuse/")


@pytest.mark.site
def test_anonymisation_finding_stops_the_build(project: SiteProject):
    """Identifying details are printed as path:line: rule: text and stop the build."""
    project.write_review(
        "child-t",
        body=(
            "## Summary of events\n\nShe was born on 4 June 2004 at 14 Acacia Avenue, E1 6AN.\n\n"
            "## Learning\n\n1. Ring 020 7364 2213.\n\n## Recommendations\n\n1. Write to a.b@example.org.\n"
        ),
        pseudonym="Jayden Exampleton",
    )
    result = project.build()
    assert result.returncode == 1
    for line in (
        "content/reviews/child-t.md:10: listed-name: Jayden Exampleton",
        "content/reviews/child-t.md:14: date-of-birth-or-death: born on 4 June 2004",
        "content/reviews/child-t.md:14: street-address: 14 Acacia Avenue",
        "content/reviews/child-t.md:14: postcode: E1 6AN",
        "content/reviews/child-t.md:18: phone-number: 020 7364 2213",
        "content/reviews/child-t.md:22: email-address: a.b@example.org",
    ):
        assert line in result.output, line


@pytest.mark.site
def test_accepted_findings_pass_and_stay_in_the_report(project: SiteProject):
    """Inline and front-matter acceptances let the build pass; the check report lists them with reasons."""
    project.write_review(
        "child-t",
        body=(
            "## Learning\n\n1. Call the helpline on 0300 123 4567. <!-- accept phone-number: national helpline -->\n\n"
            "## Recommendations\n\n1. The NSPCC helpline is 0808 800 5000.\n"
        ),
        accepted_findings=[{"rule": "phone-number", "text": "0808 800 5000", "reason": "NSPCC helpline"}],
    )
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("reviews/child-t/")
    assert "0300 123 4567" in html and "accept phone-number" not in html
    report = project.check()
    assert report.returncode == 0
    assert (
        "accepted: content/reviews/child-t.md:17: phone-number: 0300 123 4567 (accepted: national helpline)"
        in report.output
    )
    assert (
        "accepted: content/reviews/child-t.md:21: phone-number: 0808 800 5000 (accepted: NSPCC helpline)"
        in report.output
    )


@pytest.mark.site
def test_withdrawn_review_is_checked_only_where_its_notice_shows(project: SiteProject):
    """A review withdrawn because it identified someone can still be withdrawn: only notice fields are checked."""
    project.write_review(
        "child-t",
        body="## Summary of events\n\nShe was born on 4 June 2004.\n",
        status="withdrawn",
        withdrawn_on="2026-01-05",
        withdrawn_reason="It held a date of birth.",
    )
    assert project.build().returncode == 0
    project.write_review(
        "child-t", status="withdrawn", withdrawn_on="2026-01-05", withdrawn_reason="Call 020 7364 2213 to ask."
    )
    result = project.build()
    assert result.returncode == 1
    assert "content/reviews/child-t.md:11: phone-number: 020 7364 2213" in result.output


@pytest.mark.browser
@pytest.mark.parametrize("interruption", [OSError("disk full"), KeyboardInterrupt()])
def test_an_interrupted_switch_leaves_the_old_site_served(project: SiteProject, monkeypatch, interruption):
    """Stopped at the very moment of the switch, the build leaves the old site in place and served."""
    from browser import serve

    project.write_review("child-t")
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    before = snapshot(first.site_dir)
    project.write_review("child-u", title="Serious case review: Child U")
    script = build_script()

    def interrupted(source, destination):  # type: ignore[no-untyped-def]
        raise interruption

    monkeypatch.setattr(script.os, "replace", interrupted)
    monkeypatch.setenv("REVIEW_SITE_NOW", TEST_NOW)
    if isinstance(interruption, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            script.build(project.config_file, first.site_dir, None)
    else:
        assert script.build(project.config_file, first.site_dir, None) == 1
    assert snapshot(first.site_dir) == before
    with serve(first.site_dir) as url, urllib.request.urlopen(url + "reviews/child-t/") as response:  # noqa: S310
        assert response.status == 200
    assert not (first.site_dir / "reviews" / "child-u").exists()


@pytest.mark.site
def test_readers_never_see_a_missing_site(project: SiteProject):
    """While releases are switched again and again, every read of the site finds a whole page."""
    project.write_review("child-t")
    first = project.build_atomic()
    assert first.returncode == 0, first.output
    script = build_script()
    target = first.site_dir
    releases = script.releases_folder(target)
    misses: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                if b"</html>" not in (target / "index.html").read_bytes():
                    misses.append("partial")
            except OSError as error:
                misses.append(str(error))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(40):
            release = releases / f"build-copy-{number}"
            shutil.copytree(target.resolve(), release, copy_function=os.link)  # a whole release, fast
            script.publish(release, target)
    finally:
        stop.set()
        reader.join()
    assert misses == []
    assert target.is_symlink() and target.resolve() == (releases / "build-copy-39").resolve()
    assert len([path for path in releases.iterdir() if path.name.startswith("build-")]) == script.KEEP_RELEASES
