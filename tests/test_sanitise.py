"""Authors' HTML: what Markdown makes of a body is sanitised, and what is refused is reported."""

from __future__ import annotations

import markdown
import pytest

from casereviews.render.point_html import PointHtml
from casereviews.render.sanitise import clean, needs_cleaning, refused_problem
from sitekit import DEFAULT_BODY, SiteProject

#: The site's Markdown extensions (mkdocs.yml).
OPTIONS = {"extensions": ["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.smartsymbols"]}

#: Body Markdown that ran in Chromium before the sanitiser, and what the author is told.
HOSTILE = {
    "script": ("Text <script>alert(1)</script> more.", "<script>"),
    "image handler": ('<img src="x.png" onerror="alert(1)">', "onerror="),
    "svg": ('<svg onload="alert(1)"><circle r="1"/></svg>', "<svg>"),
    "details": ('<details ontoggle="alert(1)" open>x</details>', "ontoggle="),
    "iframe": ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe>"),
    "attribute list": ('A paragraph.\n{: onclick="alert(1)" }', "onclick="),
    "javascript link": ("[Read more](javascript:alert(1))", "javascript:"),
    "entity scheme": ("[Read more](&#106;avascript:alert(1))", "javascript:"),
    "reference link": ("[Read more][r]\n\n[r]: javascript:alert(1)", "javascript:"),
    "base": ('<base href="https://other.example/">', "<base>"),
    "refresh": ('<meta http-equiv="refresh" content="0;url=https://other.example/">', "<meta>"),
    "style attribute": ('<p style="background:url(https://other.example/x.png)">x</p>', "style="),
    "style element": ("<style>body{background:url(//other.example/x)}</style>", "<style>"),
    "data image": ("![chart](data:image/svg+xml;base64,PHN2Zz4=)", "data:"),
    "form": ('<form action="https://other.example/"><input name="q"></form>', "<form>"),
}


def html_of(text: str) -> str:
    return markdown.Markdown(**OPTIONS).convert(text)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markdown_is_cleaned_and_named(name: str):
    """Each payload is seen by the quick test, removed by the sanitiser, and named for the author."""
    text, named = HOSTILE[name]
    assert needs_cleaning(text)
    cleaned = clean(html_of(text))
    assert named in cleaned.refused
    lowered = cleaned.html.lower()
    for word in ("<script", "onerror", "onload", "ontoggle", "onclick", "javascript:", "<iframe", "<base", "<meta"):
        assert word not in lowered
    assert "other.example" not in lowered and "data:" not in lowered


def test_ordinary_markdown_is_left_as_it_is():
    """Text, links, ids, classes, tables and admonitions are not cleaned and lose nothing."""
    text = (
        "Some *text*, a [link](https://example.org/report.pdf), [a page](../other/) and `code`.\n\n"
        "1. {#father-not-known} A point.\n\n| Agency | Actions |\n|:--|--:|\n| Police | 3 |\n\n"
        '!!! note "Why"\n    Because.\n\nA paragraph with a class.\n{: .lead }\n'
    )
    assert not needs_cleaning(text.replace("{: .lead }", ""))
    html = html_of(text)
    cleaned = clean(html)
    assert cleaned.refused == ()
    assert 'class="lead"' in cleaned.html and 'href="https://example.org/report.pdf"' in cleaned.html
    assert 'class="admonition note"' in cleaned.html and "text-align:left" in cleaned.html


def test_the_problem_names_the_file_line_and_fix():
    """A refused tag is reported at the line it is written on, with what to do."""
    body = "## Summary of events\n\nWhat happened.\n\n<script>fetch('/x')</script>\n"
    problem = refused_problem("content/reviews/child-t.md", body, 12, html_of)
    assert str(problem) == (
        "content/reviews/child-t.md:16: found <script>, which the site never publishes (it removes scripts, "
        "styles, event handlers such as onclick=, javascript: and data: addresses, frames, forms, <base> and "
        "<meta>); expected text, links and images only; delete it, or link to the page that has it"
    )
    assert refused_problem("content/reviews/child-t.md", DEFAULT_BODY, 12, html_of) is None


def test_points_are_cleaned_too():
    """A point's HTML (theme pages, briefings, review lists) never holds a handler or a script."""
    points = PointHtml(OPTIONS)
    html = str(points.inline('Share information <img src="x.png" onerror="alert(1)"> now.'))
    assert "onerror" not in html and '<img src="x.png">' in html


@pytest.mark.site
def test_a_body_with_refused_html_stops_the_build_with_each_place_named(project: SiteProject):
    """`make build` lists every refused thing in every file at its line, with no traceback, and publishes nothing."""
    project.write_review("child-t", body=DEFAULT_BODY + "\n<script>alert(1)</script>\n")
    project.write_review("child-u", body="[Read more](javascript:alert(1))\n\n" + DEFAULT_BODY)
    (project.content / "about" / "contact.md").write_text(
        '# Contact\n\nWrite to us.\n{: onclick="alert(1)" }\n', encoding="utf-8"
    )
    result = project.build_atomic()
    assert result.returncode != 0
    assert "content/reviews/child-t.md:" in result.output and "found <script>" in result.output
    assert "content/reviews/child-u.md:" in result.output and "found javascript:" in result.output
    assert "content/about/contact.md:4: found onclick=" in result.output
    assert "Traceback" not in result.output
    assert not (project.root / "site").exists()
