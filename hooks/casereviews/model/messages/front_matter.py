"""Messages about a file's front matter: reading it, its fields and their values."""

from __future__ import annotations

from .entry import Message, found_expected

_YAML_STEP = "check the indentation, and quote text that contains a colon"
_ACCEPTANCE = '- {{rule: …, text: "…", reason: "…"}}'

#: Reading a file and its front matter.
READING: dict[str, Message] = {
    "unreadable": Message(
        "cannot be read: {reason}",
        "check that the file is there and not open in another program, then run the check again",
    ),
    "empty-file": Message(
        "the file is empty: expected front matter between two '---' lines, then the text",
        "write the front matter and the text (see README, 'Adding a review'), or delete the file",
    ),
    "not-utf8": Message(
        "is not UTF-8 text: found byte {byte}, expected UTF-8",
        "save the file with UTF-8 encoding",
    ),
    "no-front-matter": found_expected(
        "'---' to open the front matter",
        "write '---' on the first line, above the fields",
    ),
    "unclosed-front-matter": Message(
        "the front matter is never closed: expected a line '---' after it",
        "add a line '---' after the last field, before the text",
    ),
    "empty-front-matter": Message(
        "the front matter is empty: expected title, status and the other fields",
        "write the fields between the two '---' lines (see README, 'Front-matter fields')",
    ),
    "not-fields": Message(
        "the front matter is {found}, expected fields written as 'name: value' lines",
        "write each field on a line of its own, as 'name: value'",
    ),
    "field-twice": Message(
        "appears twice (first on line {first}): expected each field once",
        "delete one of the two, keeping the right value",
    ),
    "yaml-alias": Message(
        "uses a YAML anchor and alias (&name … *name, or a '<<' merge): expected each value written out in full "
        "where it is used",
        "write the value out in full in each place",
    ),
    "yaml-tag": Message(
        "uses a YAML tag ({tag}): expected a plain value",
        "take the tag out and write the value as README shows, e.g. incident_year: 2013",
    ),
    "too-deep": Message(
        "the front matter nests lists or fields more than {depth} deep: expected fields written as in README",
        "check the indentation against README's examples",
    ),
    "malformed-yaml": Message("malformed front matter: {reason}; expected valid YAML", _YAML_STEP),
    "hidden-character": Message(
        "malformed front matter: {reason}; expected valid YAML",
        "retype the line without the character it names (most editors do not show it)",
    ),
    "unreadable-yaml": Message("cannot be read as YAML: {reason}", _YAML_STEP),
    "unclosed-quote": Message(
        "has a quotation mark that is never closed; expected the text to end with the same mark",
        'add the same mark at the end of the text, e.g. {key}: "Serious case review: Child M"',
    ),
    "unquoted-colon": Message(
        "holds an unquoted colon",
        'quote the text, e.g. {key}: "Serious case review: Child M"',
    ),
}

#: A field, or a part of one, that is unknown or missing.
FIELDS: dict[str, Message] = {
    "unknown-field": Message(
        "is not a known field{hint}; expected {choices}",
        "rename it to one of these, or remove it",
    ),
    "missing-field": Message(
        "is missing: expected {what}",
        "add the field (see README, 'Front-matter fields')",
    ),
    "missing-part": Message(
        "is missing",
        "add it, written as '{part}: …' beside the other fields",
    ),
    "template": found_expected(
        "the file name of a page template in overrides/, e.g. main.html",
        "remove the field (the page then uses the site's own template), or correct the file name",
    ),
}

#: A value that does not fit its field.
VALUES: dict[str, Message] = {
    "text": found_expected("text", "write it as plain text (in quotes if it holds a colon)"),
    "one-line": found_expected("text on one line", "write it on one line"),
    "too-long": found_expected("at most {limit}", "shorten it to {limit} characters or fewer"),
    "not-words": Message(
        "found {found}, {what}; expected words, e.g. {example}",
        "copy the words from the source report's cover or title page",
    ),
    "words-twice": Message(
        "found {found}, the same words twice; expected them once: {once}",
        "write them once",
    ),
    "too-few-words": Message(
        "found {found}, {count}; expected a paragraph of at least {minimum} words saying what happened, "
        "in general terms",
        "write it from the source report's own summary, leaving out names and other identifying details",
    ),
    "paragraph": found_expected(
        "one paragraph of text",
        "write it as one paragraph of plain text, after the field's name",
    ),
    "several-paragraphs": Message(
        "found more than one paragraph, expected one paragraph of plain text",
        "join the paragraphs into one (take out the blank lines between them)",
    ),
    "choice": found_expected("{choices}{hint}", "pick one of the listed values"),
    "slug": found_expected(
        "lower-case letters, digits and hyphens, e.g. 'child-m'",
        "write it in lower case, with hyphens between the words",
    ),
    "date": found_expected("a date written YYYY-MM-DD", "{suggestion}"),
    "partial-date": found_expected(
        "a date written YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only a month or a year",
        "{suggestion}",
    ),
    "unreal-date": found_expected(
        "a real date (that {part} does not exist)",
        "check the date against the source report and correct it",
    ),
    "date-time": found_expected(
        "a date and time written YYYY-MM-DD HH:MM (UK time), e.g. 2026-12-01 09:30",
        "write it that way, the time in 24-hour form",
    ),
    "unreal-date-time": found_expected(
        "a real date and time (that day or time does not exist)",
        "check the date and time and correct them",
    ),
    "year": found_expected("a four-digit year, e.g. 2007", "write the year alone, as four digits"),
    "web-address": found_expected(
        "a web address starting https://",
        "copy the address from the browser's address bar, https:// included",
    ),
    "record": found_expected(
        "fields written as 'name: value' ({fields})",
        "write each on a line of its own, indented under the item",
    ),
    "empty-list": found_expected("a list", "write at least one item under it, each on a line starting '- '"),
    "too-few-items": found_expected("at least {minimum}", "add {missing}"),
    "too-many-items": found_expected("at most {maximum}", "keep the {maximum} that matter most and remove the rest"),
    "listed-twice": found_expected("each once", "remove the repeats"),
}

#: An entry of `accepted_findings`.
ACCEPTANCES: dict[str, Message] = {
    "acceptance-shape": found_expected(
        "'rule', 'text' and 'reason' for each accepted finding",
        f"write it as {_ACCEPTANCE} (the anonymisation check's message gives the line to paste)",
    ),
    "acceptance-key": found_expected(
        "only 'rule', 'text' and 'reason'",
        "rename it to one of these, or remove it",
    ),
    "acceptance-part-missing": Message(
        "'{part}' is missing, expected text",
        "add it: the anonymisation check's message gives the rule and the text, and the reason says why it "
        "identifies no one",
    ),
    "acceptance-listed-name": Message(
        "found rule 'listed-name': a name on the board's never-publish list is never accepted; expected the name "
        "taken out of the text (or off content/_data/never-publish.txt, if it may be published)",
        "remove this entry, then take the name out of the text",
    ),
}
