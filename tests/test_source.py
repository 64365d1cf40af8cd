"""Strict reading of front matter: every malformed file gives a problem with its line."""

from __future__ import annotations

from casereviews.model.source import parse_document

PATH = "content/reviews/x.md"


def messages(raw: bytes) -> list[str]:
    document, problems = parse_document(raw, PATH)
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
        f"{PATH}: the file is empty: expected front matter between two '---' lines, then the text"
    ]


def test_not_utf8_names_the_line():
    """Bytes that are not UTF-8 are reported with their line."""
    assert messages(b"---\ntitle: A\nsummary: caf\xe9\n---\n") == [
        f"{PATH}:3: is not UTF-8 text: found byte 0xe9, expected UTF-8 (save the file with UTF-8 encoding)"
    ]


def test_missing_front_matter():
    """A file that does not open with '---' has no front matter: a problem, never a page."""
    assert messages(b"# Title\n\nText\n") == [
        f"{PATH}:1: found '# Title' on the first line, expected '---' to open the front matter"
    ]


def test_unclosed_front_matter():
    """Front matter that is never closed is a problem."""
    assert messages(b"---\ntitle: A\n") == [
        f"{PATH}:1: the front matter is never closed: expected a line '---' after it"
    ]


def test_malformed_yaml_gives_the_line():
    """Malformed YAML names the line the parser points at (MkDocs would silently drop it)."""
    raw = b"---\ntitle: A\nstatus: draft\nsummary: [unclosed\n---\n"
    assert messages(raw) == [
        f"{PATH}:4: summary: malformed front matter: while parsing a flow sequence, expected ',' or ']', but got "
        "'<stream end>'; expected valid YAML (check indentation, and quote text that contains a colon)"
    ]


def test_colon_in_unquoted_text():
    """The commonest YAML slip, an unquoted colon, is reported on its line."""
    assert messages(b"---\ntitle: Review: Child M\n---\n") == [
        f'{PATH}:2: title: holds an unquoted colon; quote the text, e.g. title: "Serious case review: Child M"'
    ]


def test_duplicate_key():
    """A key given twice is an error, so a later 'status: published' cannot override a draft."""
    assert messages(b"---\nstatus: draft\ntitle: A\nstatus: published\n---\n") == [
        f"{PATH}:4: status: appears twice (first on line 2): expected each field once"
    ]


def test_front_matter_must_be_fields():
    """Front matter that is a list or text is not fields."""
    assert messages(b"---\n- a\n- b\n---\n") == [
        f"{PATH}:2: the front matter is list, expected fields written as 'name: value' lines"
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
