"""What the output check reads as a load from another host, and where it says it is."""

from __future__ import annotations

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
