"""The shapes of a body's Markdown lines, and what the body parser reads of its text besides points.

Line shapes (headings, fences, list items) are shared by the section reader (`model.body`) and
the page-furniture check; reference links are written inline in each point, since a point is
shown on its own away from the definitions; page numbers and running headers left by copying
from a PDF are reported, never removed.
"""

from __future__ import annotations

import re

from ..problems import Problem, counted
from .messages import message

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
NUMBERED = re.compile(r"^[ \t]{0,3}(\d{1,3})([.)])[ \t]+(.*)$")
PARAGRAPH_NUMBER = re.compile(r"^[ \t]{0,3}(\d{1,3})\.(\d{1,3})\.?[ \t]+(.*)$")
BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
#: A link reference definition: `[label]: address "title"` (the title optional).
REFERENCE_DEFINITION = re.compile(
    r"""^[ \t]{0,3}\[([^\]]+)\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+("[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$""", re.MULTILINE
)
#: A code span: a run of backticks, text, and the same run.
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
#: A reference link or image, as Python-Markdown reads one: `[text][label]` (one space or line
#: break allowed between), `[text][]`, or `[label]` alone (then not followed by `(`, `[` or
#: `:`, which make it another thing).
REFERENCE_LINK = re.compile(r"(!?)\[([^\[\]]+)\](?:\s?\[([^\[\]]*)\]|(?!\s?[(\[:]))")


def _label(label: str) -> str:
    """A reference's label as Markdown matches it: in any case, white space as one space."""
    return " ".join(label.lower().split())


def references(body: str) -> dict[str, str]:
    """The body's link reference definitions: label → the link's destination (and title), as
    written inside an inline link's parentheses. The first definition of a label counts."""
    found: dict[str, str] = {}
    for label, address, title in REFERENCE_DEFINITION.findall(body):
        found.setdefault(_label(label), f"{address} {title}" if title else address)
    return found


def resolved(markdown: str, references: dict[str, str]) -> str:
    """`markdown` with its reference links written inline: a point is shown on its own (on theme
    pages, in briefings and exports), away from the definitions at the end of the body."""
    if not references:
        return markdown

    def inline(match: re.Match[str]) -> str:
        bang, text, label = match.group(1), match.group(2), match.group(3)
        destination = references.get(_label(label or text))
        return match.group(0) if destination is None else f"{bang}[{text}]({destination})"

    pieces: list[str] = []
    position = 0
    for span in CODE_SPAN.finditer(markdown):  # left as written: Markdown shows a code span as it is
        pieces += [REFERENCE_LINK.sub(inline, markdown[position : span.start()]), span.group(0)]
        position = span.end()
    return "".join([*pieces, REFERENCE_LINK.sub(inline, markdown[position:])])


def dedent(lines: list[str]) -> list[str]:
    """Continuation lines of an item without the indentation that made them part of it (lazy
    lines, not indented, are left as they are), with a blank line before a list inside the item
    (Markdown needs one after a paragraph)."""
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min((indent for indent in indents if indent), default=0)
    dedented: list[str] = []
    for line in (line[min(cut, len(line) - len(line.lstrip())) :] for line in lines):
        starts_list = bool(BULLET.match(line) or NUMBERED.match(line))
        if (
            starts_list
            and dedented
            and dedented[-1].strip()
            and not (BULLET.match(dedented[-1]) or NUMBERED.match(dedented[-1]))
        ):
            dedented.append("")
        dedented.append(line)
    return dedented


#: A line that is only a page number: "12", "Page 12", "Page 3 of 20", "- 4 -".
PAGE_NUMBER_LINE = re.compile(
    r"^[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?(?:[ \t]*[-–—])?[ \t]*$", re.I
)
#: A running header or footer printed on every page is seen this many times in the text.
RUNNING_LINE_REPEATS = 3


def page_furniture(body: str, body_line: int, path: str) -> list[Problem]:
    """Page numbers and running headers or footers left in the text by copying it from a PDF:
    a line that is only a page number, and a line of three words or more repeated on its own."""
    problems = []
    in_fence = False
    seen: dict[str, list[int]] = {}
    lines = body.split("\n")
    for offset, text in enumerate(lines):
        if FENCE.match(text):
            in_fence = not in_fence
        if in_fence or not text.strip():
            continue
        number = body_line + offset
        alone = (offset == 0 or not lines[offset - 1].strip()) and (
            offset + 1 == len(lines) or not lines[offset + 1].strip()
        )
        if alone and PAGE_NUMBER_LINE.match(text):
            problems.append(Problem(path, number, None, message("page-number", repr(text.strip()))))
        elif alone and len(text.split()) >= 3 and not HEADING.match(text) and not item_or_bullet(text):
            seen.setdefault(" ".join(text.split()), []).append(number)
    for line_text, numbers in seen.items():
        if len(numbers) >= RUNNING_LINE_REPEATS:
            shown = line_text if len(line_text) <= 60 else line_text[:57] + "..."
            lines_given = ", ".join(map(str, numbers))
            wording = message("running-header", repr(shown), times=counted(len(numbers), "time"), lines=lines_given)
            problems.append(Problem(path, numbers[0], None, wording))
    return problems


def item_or_bullet(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text) or PARAGRAPH_NUMBER.match(text))


#: An HTML comment: an editor's note, never published.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def without_comments(body: str) -> str:
    """The body without its HTML comments (outside fenced code, where a comment is shown as
    written), each replaced by its line breaks so every later line keeps its number.

    Everything read from the body (points, section titles) comes from this text, so an editor's
    note inside a point never reaches an export, a feed or a briefing. The anonymisation check
    reads the comments' accept markers from the file itself (`model.published_text`)."""
    if "<!--" not in body:
        return body
    lines: list[str] = []
    prose: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if in_fence or FENCE.match(line):
            if prose:  # the prose before a fence: one text, since a comment may span lines
                lines.extend(_strip_comments("\n".join(prose)).split("\n"))
                prose = []
            lines.append(line)
            in_fence = in_fence != bool(FENCE.match(line))
        else:
            prose.append(line)
    if prose:
        lines.extend(_strip_comments("\n".join(prose)).split("\n"))
    return "\n".join(lines)


def _strip_comments(text: str) -> str:
    return HTML_COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
