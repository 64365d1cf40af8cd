"""Nothing from outside content/: links are refused, and only pages and images are published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from casereviews.load.catalogue import load_site
from casereviews.load.content_files import outside_content_problems
from sitekit import DEFAULT_BODY, SAMPLE_CONTENT, SiteProject


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, folder)
    return folder


def messages(content: Path) -> list[str]:
    return [str(problem) for problem in outside_content_problems(content, content.parent)]


def test_links_to_a_file_a_folder_or_nothing_are_refused(content: Path, tmp_path: Path):
    """A link to a file outside, to a folder outside, and a dangling link each stop the build, with the fix."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text("Private notes.\n", encoding="utf-8")
    (content / "about" / "passwd.md").symlink_to("/etc/passwd")
    (content / "shared").symlink_to(outside, target_is_directory=True)
    (content / "reviews" / "gone.md").symlink_to(tmp_path / "missing.md")
    assert sorted(messages(content)) == [
        "content/about/passwd.md: is a link to /etc/passwd: expected a file or folder inside content/ itself; "
        "copy it in, then delete the link",
        f"content/reviews/gone.md: is a link to {(tmp_path / 'missing.md').as_posix()}: expected a file or folder "
        "inside content/ itself; copy it in, then delete the link",
        f"content/shared: is a link to {outside.as_posix()}: expected a file or folder inside content/ itself; "
        "copy it in, then delete the link",
    ]


def test_a_dangling_link_is_a_problem_not_a_traceback(content: Path):
    """Loading content with a link to nothing reports it with every other problem."""
    (content / "reviews" / "gone.md").symlink_to(content / "nowhere.md")
    site = load_site(content, dt.date(2026, 11, 22))
    assert any(str(problem).startswith("content/reviews/gone.md: is a link to") for problem in site.problems)


def test_only_pages_and_images_may_be_published(content: Path):
    """Text, XHTML, XML and SVG files would be published unchecked: each is refused; images pass."""
    (content / "images").mkdir()
    (content / "images" / "chart.png").write_bytes(b"\x89PNG")
    (content / "images" / "photo.JPG").write_bytes(b"\xff\xd8")
    for name in ("notes.txt", "page.xhtml", "feed.xml", "diagram.svg"):
        (content / "about" / name).write_text("<x>Jane Smith</x>", encoding="utf-8")
    found = messages(content)
    assert [message.split(":")[0] for message in found] == [
        "content/about/diagram.svg",
        "content/about/feed.xml",
        "content/about/notes.txt",
        "content/about/page.xhtml",
    ]
    assert found[2] == (
        "content/about/notes.txt: is a .txt file, which the site would publish without checking it; expected "
        "Markdown pages and images (.avif, .gif, .jpeg, .jpg, .png, .webp); put text in a page, link a report "
        "with source_url, and convert an SVG to PNG"
    )


def test_the_sample_content_has_nothing_to_refuse():
    assert outside_content_problems(SAMPLE_CONTENT, SAMPLE_CONTENT.parent) == []


@pytest.mark.site
def test_a_linked_file_stops_the_build_and_is_published_nowhere(project: SiteProject, tmp_path: Path):
    """`make build` with a link to a file outside content/ fails, names it, and publishes nothing."""
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nqzxsecretvk\n", encoding="utf-8")
    (project.content / "about" / "secret.md").symlink_to(secret)
    result = project.build_atomic()
    assert result.returncode != 0
    assert "content/about/secret.md: is a link to" in result.output
    assert "Traceback" not in result.output
    assert not (project.root / "site").exists()


def test_a_template_outside_the_theme_is_refused(content: Path):
    """`template:` names a file of the theme, never a path: nothing outside it is read."""
    (content / "about" / "x.md").write_text("---\ntemplate: ../../../../etc/passwd\n---\n\n# X\n", encoding="utf-8")
    site = load_site(content, dt.date(2026, 11, 22))
    assert [str(problem) for problem in site.errors] == [
        "content/about/x.md:2: template: found '../../../../etc/passwd', expected the file name of a page "
        "template in overrides/, e.g. main.html; remove the field (the page then uses the site's own template), "
        "or correct the file name"
    ]


def test_a_tag_in_the_boards_file_is_a_message(content: Path):
    """The boards file is read as strictly as front matter: a tag is a problem, not a traceback."""
    (content / "_data" / "boards.yml").write_text("boards:\n  - name: !!int abc\n", encoding="utf-8")
    site = load_site(content, dt.date(2026, 11, 22))
    assert [str(problem) for problem in site.errors] == [
        "content/_data/boards.yml:2: uses a YAML tag (!!int): expected a plain value; take the tag out and "
        "write the value as README shows, e.g. incident_year: 2013"
    ]


@pytest.mark.site
def test_a_missing_template_stops_the_build_with_its_line(project: SiteProject):
    """A page naming a template the theme does not have is an error at its line, with the choices."""
    (project.content / "about" / "x.md").write_text("---\ntemplate: missing.html\n---\n\n# X\n", encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    assert "content/about/x.md:2: template: found 'missing.html', which is not a template of the theme" in result.output
    assert "Traceback" not in result.output


@pytest.mark.site
def test_make_check_lists_every_hostile_input_at_once_without_a_traceback(project: SiteProject, tmp_path: Path):
    """One file of each kind of hostile or careless input, together: `make check` names every one."""
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Outside\n---\n\nSecret.\n", encoding="utf-8")
    (project.content / "about" / "linked.md").symlink_to(outside)
    (project.content / "about" / "gone.md").symlink_to(tmp_path / "nothing.md")
    (project.content / "about" / "notes.txt").write_text("Jayden Exampleton", encoding="utf-8")
    (project.content / "about" / "styled.md").write_text("---\ntemplate: ../../x.html\n---\n\n# S\n", encoding="utf-8")
    never = project.content / "_data" / "never-publish.txt"
    never.write_text(never.read_text(encoding="utf-8") + "\nJayden Exampleton\n", encoding="utf-8")
    project.write_review("child-a", body=DEFAULT_BODY + "\n<script>alert(1)</script>\n")
    project.write_review("child-b", body=DEFAULT_BODY + "\nA note about Jayden\u00a0Exampleton.\n")
    project.write_review("child-d", status="draft")
    project.write_review("child-e", body=DEFAULT_BODY + "\nSee [the draft](child-d.md).\n")
    accepted = [{"rule": "listed-name", "text": "Jayden Exampleton", "reason": "agreed"}]
    project.write_review("child-f", accepted_findings=accepted)
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nkeywords: [*b, *b]\n"
    project.write("reviews/child-g.md", f"---\ntitle: G\nstatus: published\n{bomb}---\n\nBody.\n")
    project.write("reviews/child-h.md", "---\ntitle: H\nstatus: published\nincident_year: !!int abc\n---\n\nBody.\n")
    project.write("reviews/child-i.md", '---\ntitle: "Unclosed\nstatus: published\npseudonym: Child I\n---\n\nBody.\n')
    result = project.check()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    for expected in (
        "content/about/linked.md: is a link to",
        "content/about/gone.md: is a link to",
        "content/about/notes.txt: is a .txt file",
        "content/about/styled.md:2: template: found '../../x.html'",
        "content/reviews/child-a.md:",
        "found <script>",
        "content/reviews/child-b.md:",
        "listed-name: Jayden\u00a0Exampleton",
        "content/reviews/child-e.md:",
        "which is a draft",
        "content/reviews/child-f.md:",
        "found rule 'listed-name'",
        "content/reviews/child-g.md:4: uses a YAML anchor and alias",
        "content/reviews/child-h.md:4: uses a YAML tag (!!int)",
        "content/reviews/child-i.md:2: title: has a quotation mark that is never closed",
    ):
        assert expected in result.output, expected
