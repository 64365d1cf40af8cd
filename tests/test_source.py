"""Strict reading of front matter: every malformed file gives a problem with its line."""

from __future__ import annotations

import random
from pathlib import Path

from casereviews.model.source import C_STRICT_LOADER, parse_document

PATH = "content/reviews/x.md"
PROJECT = Path(__file__).resolve().parent.parent


def messages(raw: bytes) -> list[str]:
    """The problems of `raw`, which must be the same with libyaml's parser and PyYAML's own."""
    document, problems = parse_document(raw, PATH)
    assert (document, problems) == parse_document(raw, PATH, libyaml=False)
    assert document is None
    return [str(problem) for problem in problems]


def test_reads_fields_lines_and_body():
    """A well-formed file gives its fields, the line of each key and of each list item, and the body."""
    document, problems = parse_document(b"---\ntitle: A\nthemes:\n  - neglect\n  - infants\n---\n## Body\n", PATH)
    assert problems == []
    assert document.meta == {"title": "A", "themes": ["neglect", "infants"]}
    assert document.key_lines == {"title": 2, "themes": 3}
    assert document.item_lines == {"themes": [4, 5]}
    assert document.body == "## Body\n"
    assert document.body_line == 7


def test_empty_file():
    """An empty file is a problem, not a page with no metadata."""
    assert messages(b"  \n") == [
        f"{PATH}: the file is empty: expected front matter between two '---' lines, then the text; "
        "write the front matter and the text (see README, 'Adding a review'), or delete the file"
    ]


def test_not_utf8_names_the_line():
    """Bytes that are not UTF-8 are reported with their line."""
    assert messages(b"---\ntitle: A\nsummary: caf\xe9\n---\n") == [
        f"{PATH}:3: is not UTF-8 text: found byte 0xe9, expected UTF-8; save the file with UTF-8 encoding"
    ]


def test_missing_front_matter():
    """A file that does not open with '---' has no front matter: a problem, never a page."""
    assert messages(b"# Title\n\nText\n") == [
        f"{PATH}:1: found '# Title' on the first line, expected '---' to open the front matter; "
        "write '---' on the first line, above the fields"
    ]


def test_unclosed_front_matter():
    """Front matter that is never closed is a problem."""
    assert messages(b"---\ntitle: A\n") == [
        f"{PATH}:1: the front matter is never closed: expected a line '---' after it; "
        "add a line '---' after the last field, before the text"
    ]


def test_malformed_yaml_gives_the_line():
    """Malformed YAML names the line the parser points at (MkDocs would silently drop it)."""
    raw = b"---\ntitle: A\nstatus: draft\nsummary: [unclosed\n---\n"
    assert messages(raw) == [
        f"{PATH}:4: summary: malformed front matter: while parsing a flow sequence, expected ',' or ']', but got "
        "'<stream end>'; expected valid YAML; check the indentation, and quote text that contains a colon"
    ]


def test_colon_in_unquoted_text():
    """The commonest YAML slip, an unquoted colon, is reported on its line."""
    assert messages(b"---\ntitle: Review: Child M\n---\n") == [
        f'{PATH}:2: title: holds an unquoted colon; quote the text, e.g. title: "Serious case review: Child M"'
    ]


def test_duplicate_key():
    """A key given twice is an error, so a later 'status: published' cannot override a draft."""
    assert messages(b"---\nstatus: draft\ntitle: A\nstatus: published\n---\n") == [
        f"{PATH}:4: status: appears twice (first on line 2): expected each field once; "
        "delete one of the two, keeping the right value"
    ]


def test_front_matter_must_be_fields():
    """Front matter that is a list or text is not fields."""
    assert messages(b"---\n- a\n- b\n---\n") == [
        f"{PATH}:2: the front matter is a list, expected fields written as 'name: value' lines; "
        "write each field on a line of its own, as 'name: value'"
    ]


def test_yes_and_dates_stay_text():
    """YAML 1.1 surprises are off: 'No' stays text, dates stay text for our own date parsing."""
    document, _ = parse_document(b"---\npseudonym: No\npublished: 2007-02-30\nflag: true\n---\n", PATH)
    assert document.meta == {"pseudonym": "No", "published": "2007-02-30", "flag": True}


def test_windows_line_endings_and_bom():
    """Files saved on Windows (CRLF, byte-order mark) read the same."""
    document, problems = parse_document("\ufeff---\r\ntitle: A\r\n---\r\nText\r\n".encode(), PATH)
    assert problems == []
    assert document.meta == {"title": "A"}
    assert document.body == "Text\n"


def test_control_characters_are_a_problem_not_a_fault():
    """A control character in the front matter is reported, with either parser."""
    assert messages(b"---\ntitle: A\x07\n---\n") == [
        f"{PATH}: malformed front matter: unacceptable character #x0007: special characters are not allowed\n"
        '  in "<unicode string>", position 8; expected valid YAML; '
        "retype the line without the character it names (most editors do not show it)"
    ]


def test_libyaml_is_used_where_pyyaml_ships_it():
    """PyYAML's wheels ship libyaml; the pinned one must, or every build reads YAML slowly."""
    assert C_STRICT_LOADER is not None


def test_both_parsers_read_every_sample_file_alike():
    """Every file of the sample content gives the same document with libyaml and without it."""
    paths = sorted((PROJECT / "content").rglob("*.md"))
    assert len(paths) > 20
    for path in paths:
        raw = path.read_bytes()
        assert parse_document(raw, PATH) == parse_document(raw, PATH, libyaml=False), path


#: Text inserted at random into front matter: YAML's punctuation, tabs, odd characters.
MUTATIONS = [
    *(c.encode() for c in ":'\"-[]{},#&*!|>%@`\\? \t\n\r"),
    *(c.encode() for c in ("\x85", "\u2028", "\ufeff", "\xa0", "\x07")),
    b"? ",
    b"\n  x: y",
    b"\n...\n",
    b"&a",
    b"*a",
    b"!!str ",
    b"|#",
]


def test_both_parsers_agree_on_damaged_front_matter():
    """Front matter damaged at random gives the same document or the same problems either way:
    what libyaml would accept and PyYAML refuses (a tab, say) is still refused, with PyYAML's words."""
    rng = random.Random(2026)
    for path in sorted((PROJECT / "content" / "reviews").glob("*.md")):
        raw = path.read_bytes()
        end = raw.index(b"\n---", 4)
        for _ in range(40):
            damaged = bytearray(raw)
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(4, end)
                if rng.random() < 0.3:
                    del damaged[at]
                else:
                    damaged[at:at] = rng.choice(MUTATIONS)
            result = parse_document(bytes(damaged), PATH)
            assert result == parse_document(bytes(damaged), PATH, libyaml=False), bytes(damaged[: end + 4])
