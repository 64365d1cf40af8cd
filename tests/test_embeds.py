"""What the output check reads as a load from another host, and where it says it is."""

from __future__ import annotations

import pytest

from casereviews.rules import embeds
from casereviews.rules.embeds import loads


def test_each_load_is_named_at_its_own_line() -> None:
    text = (
        "<p>Text</p>\n"
        '<img src="https://a.example/1.png" alt="">\n'
        "\n"
        '<script src="//b.example/x.js"></script><link rel="canonical" href="https://c.example/">\n'
        '<div style="background: URL(https://d.example/bg.png)"></div>\n'
        "<style>@import 'https://e.example/s.css';</style>\n"
        '<img srcset="https://f.example/1.png 1x, https://g.example/2.png 2x" alt="">\n'
    )
    assert [(load.line, load.element, load.address) for load in loads(text)] == [
        (2, "<img src>", "https://a.example/1.png"),
        (4, "<script src>", "//b.example/x.js"),
        (7, "<img srcset>", "https://f.example/1.png"),
        (7, "<img srcset>", "https://g.example/2.png"),
        (5, "CSS url()", "https://d.example/bg.png"),
        (6, "CSS @import", "https://e.example/s.css"),
    ]


def test_a_page_without_styles_has_no_style_loads() -> None:
    assert (
        loads('<p>A page about the url of a review and how to import it.</p>\n<a href="https://x.example/">x</a>') == []
    )


def test_css_addresses_are_found_in_any_case_and_each_once() -> None:
    """`url(` in any case, with or without quotes and space; a `url(` inside an address is part of it."""
    text = (
        "<style>a { background: Url( 'https://a.example/1.png' ) }\n"
        'b { background: uRL("https://b.example/2.png") } c { mask: url(https://c.example/url(x)) }\n'
        "d { content: '(url)' } e { background: xurl(https://d.example/3.png) } f { background: url() }</style>\n"
    )
    assert [(load.line, load.address) for load in loads(text) if load.element == "CSS url()"] == [
        (1, "https://a.example/1.png"),
        (2, "https://b.example/2.png"),
        (2, "https://c.example/url(x"),
        (3, "https://d.example/3.png"),
    ]


#: Ways round a pattern match that made Chromium fetch another host, each written as a page holds it.
WALKAROUNDS = {
    "base element": '<base href="https://other.example/">',
    "entity in the scheme": '<img src="&#104;ttps://other.example/a.png" alt="">',
    "named entity": '<img src="https&colon;//other.example/a.png" alt="">',
    "backslash host": '<img src="/\\other.example/a.png" alt="">',
    "line break in the scheme": '<img src="ht\ntps://other.example/a.png" alt="">',
    "'>' before the address": '<img alt=">" src="https://other.example/a.png">',
    "CSS escape in url": "<style>p { background: u\\72l(https://other.example/a.png) }</style>",
    "CSS escape in @import": '<style>@\\69mport "https://other.example/a.css";</style>',
    "comment after @import": '<style>@import/**/"https://other.example/a.css";</style>',
    "image-set": "<div style=\"background-image: image-set('https://other.example/a.png' 1x)\"></div>",
    "background attribute": '<table background="https://other.example/a.png"><tr><td>x</td></tr></table>',
    "refresh": '<meta http-equiv="refresh" content="0; url=https://other.example/">',
}


@pytest.mark.parametrize("name", WALKAROUNDS)
def test_a_load_is_found_as_a_browser_reads_the_page(name: str) -> None:
    """Each way round that a browser would still follow is found as a load from another host."""
    found = [load.address for load in embeds.loads(WALKAROUNDS[name]) if embeds.is_foreign(load.address)]
    assert found, name
    assert all("other.example" in embeds.as_browser_reads(address) for address in found)


def test_the_sites_own_addresses_are_not_foreign() -> None:
    """Relative addresses, the site's own host, feeds and canonical links are not loads from elsewhere."""
    page = (
        '<link rel="canonical" href="https://learning.example.org/x/"><img src="../a.png" alt="">'
        '<img src="https://learning.example.org/b.png" alt=""><meta http-equiv="refresh" content="0; url=../y/">'
    )
    own = "learning.example.org"
    assert [load.address for load in embeds.loads(page) if embeds.is_foreign(load.address, own)] == []
