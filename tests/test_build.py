"""Real builds with MkDocs: the sample site, invalid input, and what an author sees."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from sitekit import SAMPLE_CONTENT, BuildResult, SiteProject, output_files

pytestmark = pytest.mark.site
SAMPLE_REVIEWS = sorted(path.stem for path in (SAMPLE_CONTENT / "reviews").glob("*.md"))
SAMPLE_THEMES = sorted(path.stem for path in (SAMPLE_CONTENT / "themes").glob("*.md"))


def status_of(slug: str) -> str:
    text = (SAMPLE_CONTENT / "reviews" / f"{slug}.md").read_text(encoding="utf-8")
    return re.search(r"^status: (\w+)", text, re.MULTILINE).group(1)


def test_sample_site_has_a_page_for_every_published_review_and_theme(sample_site: BuildResult):
    """Each published sample review and each theme gets its page; drafts get none."""
    published = [slug for slug in SAMPLE_REVIEWS if status_of(slug) == "published"]
    drafts = [slug for slug in SAMPLE_REVIEWS if status_of(slug) == "draft"]
    assert len(published) >= 6 and drafts
    for slug in published:
        assert sample_site.exists(f"reviews/{slug}/index.html"), slug
    for slug in drafts:
        assert not sample_site.exists(f"reviews/{slug}")
    for slug in SAMPLE_THEMES:
        assert sample_site.exists(f"themes/{slug}/index.html"), slug
    assert len(SAMPLE_THEMES) >= 13


def test_hubs_and_site_files_exist(sample_site: BuildResult):
    """The hub pages, the 404 page and the site-wide files are written."""
    for path in (
        "index.html",
        "404.html",
        "themes/index.html",
        "years/index.html",
        "boards/index.html",
        "browse/index.html",
        "reviews/index.html",
        "about/index.html",
        "sitemap.xml",
        "url-manifest.json",
    ):
        assert sample_site.exists(path), path


def test_review_page_shows_its_record(sample_site: BuildResult):
    """The review page has its title, metadata panel, theme chips and numbered points with anchors."""
    html = sample_site.page("reviews/2007-tower-hamlets-baby-e/")
    assert '<h1 id="review-title">Serious case review: Baby E</h1>' in html
    assert "<dt>Known as</dt><dd>Baby E</dd>" in html
    assert "<dt>Outcome</dt><dd>Death</dd>" in html
    assert '<a class="review-themes__chip" href="../../themes/domestic-violence/">Domestic violence</a>' in html
    assert 'id="learning-1"' in html and 'id="father-not-known"' in html and 'id="recommendation-6"' in html
    assert '<a class="review-point__link" href="#father-not-known" data-pagefind-ignore>Link to this' in html
    assert "{#father-not-known}" not in html


def test_reviews_stay_out_of_the_navigation(sample_site: BuildResult):
    """The navigation lists hubs only: no page links to a review from its nav."""
    html = sample_site.page("about/")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start : html.index('<nav class="md-nav md-nav--secondary', start)]
    assert "Themes" in nav and "About" in nav
    assert "reviews/2" not in nav


def test_no_page_loads_anything_from_another_host(sample_site: BuildResult):
    """No script, stylesheet, image, font or frame comes from another host (links to reports are fine)."""
    pattern = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    offenders = []
    for path in output_files(sample_site.site_dir):
        if path.suffix == ".html":
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                tag = match.group(0)
                if 'rel="canonical"' not in tag and 'rel="alternate"' not in tag:
                    offenders.append((path.name, tag))
    assert offenders == []
    assert "fonts.googleapis.com" not in sample_site.page("")


def test_two_builds_are_byte_identical(project: SiteProject, tmp_path: Path):
    """Building the same content twice writes identical bytes."""
    project.write_review("child-t")
    first = project.build(tmp_path / "one")
    second = project.build(tmp_path / "two")
    assert first.returncode == second.returncode == 0, first.output

    def digests(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in output_files(site)}

    assert digests(first.site_dir) == digests(second.site_dir)


def test_every_kind_of_invalid_input_is_reported_in_one_run(project: SiteProject):
    """Nine broken files, nine messages naming file, field, line, found and expected; no traceback."""
    project.write_review("good", aliases=["duplicate-slug"])
    project.write("reviews/malformed.md", "---\ntitle: A\nstatus: draft\nsummary: [unclosed\n---\n")
    project.write_review("unknown-key", staus="draft")
    project.write_review("wrong-type", incident_year="two thousand")
    project.write_review("unknown-theme", themes=["neglekt"])
    project.write_review("impossible-date", published="2007-02-30")
    project.write_review("duplicate-slug")
    project.write_review("missing-field", summary=None)
    project.write("reviews/not-utf8.md", b"---\ntitle: Caf\xe9\n---\n")
    project.write("reviews/empty.md", "")
    result = project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    expected = [
        "content/reviews/malformed.md:4: summary: malformed front matter:",
        "content/reviews/unknown-key.md:10: staus: is not a known field (did you mean 'status'?)",
        "content/reviews/wrong-type.md:10: incident_year: found 'two thousand', expected a four-digit year, e.g. 2007",
        "content/reviews/unknown-theme.md:7: themes: found 'neglekt', expected a theme from content/themes/ "
        "(its file name, title or one of its aliases) (did you mean 'neglect'?)",
        "content/reviews/impossible-date.md:5: published: found '2007-02-30', expected a real date",
        "content/reviews/good.md:10: aliases: found 'duplicate-slug', which is already the address of "
        "content/reviews/duplicate-slug.md",
        "content/reviews/missing-field.md: summary: is missing: expected one paragraph of plain text",
        "content/reviews/not-utf8.md:2: is not UTF-8 text: found byte 0xe9",
        "content/reviews/empty.md: the file is empty",
    ]
    for message in expected:
        assert message in result.output, message
    assert "Build stopped: 9 errors in 9 files." in result.output
    assert not any(path.suffix == ".html" for path in output_files(result.site_dir))


def test_make_check_reports_the_same_problems(project: SiteProject):
    """`make check` validates without building and fails on the same problem."""
    project.write_review("unknown-theme", themes=["neglekt"])
    result = project.check()
    assert result.returncode == 1
    assert "error: content/reviews/unknown-theme.md:7: themes: found 'neglekt'" in result.output
    assert "A build would stop." in result.output
    assert not result.site_dir.exists()


def test_malformed_yaml_in_a_draft_fails_the_build(project: SiteProject):
    """A draft whose front matter is malformed stops the build: it can never publish by accident."""
    project.write("reviews/secret.md", "---\ntitle: Secret\nstatus: draft\nthemes: [neglect\n---\n## Body\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/reviews/secret.md:" in result.output and "malformed front matter" in result.output


def test_reserved_and_misplaced_files(project: SiteProject):
    """Files where generated pages go, subfolders and non-Markdown files in reviews/ are errors."""
    project.write("themes/index.md", "---\ntitle: Mine\n---\n")
    project.write("reviews/2007/child-m.md", "---\ntitle: A\n---\n")
    project.write("reviews/report.pdf", b"%PDF-1.4")
    project.write_review("Child-M")
    result = project.build()
    assert result.returncode == 1
    for message in (
        "content/themes/index.md: this page is generated by the site: expected no file here",
        "content/reviews/2007/child-m.md: is in a subfolder: expected it directly in content/reviews/",
        "content/reviews/report.pdf: is not a Markdown file",
        "content/reviews/Child-M.md: the file name 'Child-M.md' is not a valid address",
    ):
        assert message in result.output, message


def test_theme_alias_resolves_and_unknown_alias_collision_is_reported(project: SiteProject):
    """A theme named by alias lists the review on the theme's page; two themes claiming one alias is an error."""
    project.write_review("child-t", themes=["domestic abuse"])
    result = project.build()
    assert result.returncode == 0, result.output
    assert "../../reviews/child-t/" in result.page("themes/domestic-violence/")
    project.write("themes/domestic-abuse-2.md", "---\ntitle: Domestic abuse\nsummary: Again.\n---\nText\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/themes/domestic-violence.md: aliases: 'domestic-abuse' already names the theme" in result.output


def test_warnings_stop_a_strict_build_and_name_the_fix(project: SiteProject):
    """Near-duplicate board names are reported, and stop a strict build until settled."""
    project.write_review("one", board="Testshire Safeguarding Children Board")
    project.write_review("two", board="Testshire City Safeguarding Children Board")
    result = project.build()
    assert result.returncode == 1
    assert (
        "WARNING -  content/_data/boards.yml: boards: 'Testshire City Safeguarding Children Board' and "
        "'Testshire Safeguarding Children Board' look like one board spelt two ways" in result.output
    )
    boards = (project.content / "_data/boards.yml").read_text(encoding="utf-8")
    project.write(
        "_data/boards.yml",
        boards + "  - name: Testshire Safeguarding Children Board\n    also_written: [Testshire City SCB]\n",
    )
    project.write_review("two", board="Testshire City SCB")
    result = project.build()
    assert result.returncode == 0, result.output
    assert result.exists("boards/testshire-safeguarding-children-board/index.html")
    assert not result.exists("boards/testshire-city-safeguarding-children-board/index.html") or (
        "This page has moved" in result.page("boards/testshire-city-safeguarding-children-board/")
    )
