"""Recognising a review in extracted blocks: where its cover ends, its fields, its sections and points.

`layout` splits the blocks into cover, contents pages and body; `sections` reads the body's
sections and points; `cover` and `dates` read the fields. Nothing is guessed into a field
that the cover does not support: what is not found stays a placeholder in the draft, with
the candidates listed in the import's report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import wording
from .board_names import find_board, find_boards_in, is_board_name
from .clean import tidy
from .cover import (
    Found,
    TypesFound,
    cover_lines,
    find_review_type,
    labelled,
    most_frequent_type,
    mostly_capitals,
    sentence_case,
    title_from_line,
    title_problem,
    type_label,
    types_in,
)
from .dates import announced_publication, cover_dates, dates_in, labelled_publication
from .document import PARAGRAPH, Block, Extracted
from .headings import body_like, heading_key
from .layout import Layout, lay_out
from .model import TYPE_AUDIENCE, BoardRegistry, PartialDate
from .people import find_pseudonym, find_reviewers, names_someone
from .sections import Section, split_sections

__all__ = ["Found", "Recognised", "recognise", "review_audience", "summary_text"]

#: A title taken from a cover line runs to this many words, or to the longer limit when it
#: names whom the review is about and no shorter line names the review.
TITLE_WORDS = 14
LONG_TITLE_WORDS = 24
#: A summary is the first paragraph of at least this many words.
SUMMARY_WORDS = 12


@dataclass
class Recognised:
    fields: dict[str, Found]
    sections: list[Section]
    layout: Layout
    #: Body text before the first heading: the draft holds it under "Left out by the import".
    unplaced: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Whom the review is about ('children', 'adults', or 'all' when either or not known), and how it was told.
    audience: str = "all"
    audience_how: str = ""
    #: Cover dates that were not taken as the publication date, with the text around them.
    other_dates: list[str] = field(default_factory=list)

    def section(self, kind: str) -> Section | None:
        return next((section for section in self.sections if section.kind == kind), None)

    @property
    def cover(self) -> list[Block]:
        return self.layout.cover


def _title(
    lines: list[str], extracted: Extracted, reviewers: list[str], furniture: list[str]
) -> tuple[Found | None, bool]:
    """The title and whether it should be rebuilt from the type and pseudonym (a line in capitals)."""
    lines = _run_on(lines)
    title = labelled(lines, "title")
    if title and title_problem(title, furniture) is None:
        return Found(title, "labelled 'Title' on the cover"), False
    repeated = {line for line in lines if lines.count(line) > 1}  # a running header, printed on each page
    candidates = [
        candidate
        for candidate in (" ".join(title_from_line(line, reviewers).split()) for line in lines if line not in repeated)
        if len(candidate.split()) <= LONG_TITLE_WORDS
        and not re.match(r"^\d", candidate)
        and title_problem(candidate, furniture) is None
        and not is_board_name(candidate)
    ]
    typed = [candidate for candidate in candidates if types_in(candidate)]
    named = [candidate for candidate in typed if names_someone(candidate)]
    # "REPORT INTO THE DEATH OF “Mary”": a report that names whom it is about, though not its type.
    typed += [
        c for c in candidates if c not in typed and names_someone(c) and re.search(r"\b(?:report|review)\b", c, re.I)
    ]
    short = [candidate for candidate in [*named, *typed] if len(candidate.split()) <= TITLE_WORDS]
    composed = _composed_title(lines, furniture)
    for candidate in [*short, *named, *typed]:
        if composed is not None and _line_of(lines, str(composed.value)) < _line_of(lines, candidate):
            return composed, mostly_capitals(str(composed.value))  # the cover's own title comes first
        return Found(candidate, "the cover's line that names the review"), mostly_capitals(candidate)
    if composed is not None:
        return composed, mostly_capitals(str(composed.value))
    dated = [title_from_line(line) for line in lines if re.search(r"[-–—|]\s*published\b", line, re.I)]
    for candidate in dated:
        if candidate and title_problem(candidate, furniture) is None:
            return Found(candidate, "the cover's line that announces the review's publication"), False
    hint = extracted.title_hint
    # A text file's first line is only a guess: it must name the review, or be followed by text that does.
    plain = extracted.format == "plain text" and not (
        hint and (types_in(hint) or names_someone(hint) or any(types_in(b.text) for b in extracted.blocks[1:3]))
    )
    if hint and title_problem(title_from_line(hint), furniture) is None and not is_board_name(hint) and not plain:
        how = {
            "PDF": "the largest text on the first page",
            "Word": "the document's title",
            "HTML": "the page's main heading",
        }
        return Found(title_from_line(tidy(hint)), how.get(extracted.format, "the first line")), mostly_capitals(hint)
    return None, False


def _run_on(lines: list[str]) -> list[str]:
    """Cover lines with a line that breaks off ("Report into the death of") joined to the short
    line that ends it ("Emma")."""
    joined: list[str] = []
    for line in lines:
        if joined and _RUNS_ON_LINE.search(joined[-1]) and len(line.split()) <= 4:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _line_of(lines: list[str], title: str) -> int:
    """The first cover line a title is taken from (its first words)."""
    start = " ".join(title.split()[:3]).lower()
    return next(
        (index for index, line in enumerate(lines) if " ".join(line.split()).lower().startswith(start)), len(lines)
    )


#: "Thematic Safeguarding Adult Review" anywhere on a cover: the review is thematic too.
_THEMATIC = re.compile(r"\bthematic\s+[\w ]{3,50}?\breview\b", re.I)
_RUNS_ON_LINE = re.compile(r"\b(?:of|to|concerning|regarding)$", re.I)
_GOES_ON = re.compile(r"^(?:into\s+the\s+death\s+of|in\s+respect\s+of|relating\s+to|concerning|regarding)\b", re.I)


def _composed_title(lines: list[str], furniture: list[str]) -> Found | None:
    """A title written over two lines: the subject above the type ("Winterbourne View Hospital" /
    "A Serious Case Review"), the type above the subject ("SERIOUS CASE REVIEW" / "In respect of
    Child C"), or a report above whom it concerns ("INDEPENDENT OVERVIEW REPORT" / "INTO THE DEATH
    OF “Mary”")."""
    for index, line in enumerate(lines[1:], start=1):
        above = lines[index - 1]
        if _RUNS_ON_LINE.search(line) and index + 1 < len(lines) and len(lines[index + 1].split()) <= 4:
            line = f"{line} {lines[index + 1]}"  # "INTO THE DEATH OF" / "“Mary”"
        if (
            _GOES_ON.match(line)
            and names_someone(line)
            and re.search(r"\b(?:report|review)\b", above, re.I)
            and title_problem(f"{above} {line}", furniture) in (None, "it names only the kind of document")
        ):
            line = _GOES_ON.sub(lambda match: match.group(0).lower(), line)  # "In Respect Of" joins a sentence
            return Found(f"{above} {line}", "the cover's two lines that name the review", "check it")
    for index, line in enumerate(lines[1:], start=1):
        if not types_in(line) or title_problem(line, furniture) != "it names only the kind of document":
            continue
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if names_someone(below) and len(below.split()) <= 8 and not dates_in(below):
            return Found(f"{line} {below}", "the cover's two lines that name the review", "check it")
        above = lines[index - 1]
        for board in find_boards_in(above):
            above = re.sub(re.escape(board), "", above, flags=re.I).strip(" –—-:,")
        organisation = re.search(r"\b(?:board|partnership|council|committee|trust|service|team)\b", above, re.I)
        if (
            above
            and len(above.split()) <= 8
            and not organisation
            and title_problem(above, furniture) is None
            and not dates_in(above)
        ):
            return Found(f"{above}: {line}", "the cover's two lines that name the review", "check it")
    return None


def _fallback_title(blocks: list[Block], furniture: list[str]) -> Found | None:
    """A line near the start of the text that names the review ("Domestic Homicide Review into the
    death of Edie"), when the cover has none: not confident."""
    for block in blocks[:30]:
        candidate = title_from_line(tidy(block.text))
        if (
            types_in(candidate)
            and len(candidate.split()) <= TITLE_WORDS
            and title_problem(candidate, furniture) is None
        ):
            return Found(candidate, "a line near the start of the text that names the review", "check it", False)
    return None


def recognise(extracted: Extracted, registry: BoardRegistry, known_boards: list[str] | None = None) -> Recognised:
    known_boards = list(known_boards or [])
    layout = lay_out(extracted.blocks)
    unplaced, sections = split_sections(layout.body)
    lines = cover_lines(layout.cover)
    cover_text = "\n".join(lines)
    furniture_text = "\n".join(extracted.furniture)
    body_text = "\n".join(block.text for block in layout.body)
    fields: dict[str, Found] = {}
    notes: list[str] = []

    # Review type: labelled, in a cover line, in the running header, else the most named in the text.
    types = find_review_type(
        [
            ("labelled on the cover", labelled(lines, "review_type") or ""),
            ("on the cover", cover_text),
            ("in the running header or footer", furniture_text),
        ]
    )
    if types is None:
        slug, words = most_frequent_type(body_text)
        if slug and words:
            types = TypesFound((slug,), words, "the review type most often named in the text")
    if types is not None and "thematic-review" not in types.slugs:
        thematic = find_review_type([("on the cover", match.group(0)) for match in _THEMATIC.finditer(cover_text)])
        if thematic is not None and set(types.slugs) <= set(thematic.slugs):
            types = TypesFound((*types.slugs, "thematic-review"), thematic.words, types.where, types.others)
    if types is not None:
        joint = " (a joint review)" if len(types.slugs) > 1 else ""
        fields["review_type"] = Found(types.slugs, f"'{types.words}' {types.where}{joint}")
        if types.others:
            notes.append(
                f"the text {types.where.removeprefix('labelled ')} also names "
                + ", ".join(f"'{other}'" for other in types.others)
                + ": if this is a joint review, list each type under review_type"
            )

    reviewers, reviewers_how = find_reviewers(lines, [block.text for block in layout.body[:6]])
    if reviewers:
        fields["reviewer"] = Found(tuple(reviewers), reviewers_how, "check each is a reviewer, author or chair")

    # Title, then the pseudonym (from the title and cover first). In order: the cover's own title;
    # a line at the text's start that names the review and its subject; the type and pseudonym;
    # a title the cover writes over two lines; a line at the text's start that names the review.
    own = cover_lines(layout.cover[layout.site_header :]) or lines  # the document's cover, not a site's header
    title, rebuild = _title(own, extracted, reviewers, extracted.furniture)
    fallback = _fallback_title([*unplaced, *layout.body], extracted.furniture) if title is None else None
    titled = title or fallback
    pseudonym, where, sure = find_pseudonym(
        [("in the title", str(titled.value) if titled else ""), ("on the cover", cover_text)],
        body_text,
        _places(lines, furniture_text),
    )
    if pseudonym:
        trusted = sure and (titled is None or titled.confident or where != "in the title")
        fields["pseudonym"] = Found(pseudonym, where, confident=trusted)
    if title is not None and rebuild and names_someone(sentence_case(str(title.value))):
        title = Found(sentence_case(str(title.value)), title.how, "the cover writes it in capitals", title.confident)
    elif title is None and fallback is not None and names_someone(str(fallback.value)):
        title = fallback
    elif (title is None or rebuild) and types is not None and pseudonym:
        title = Found(
            f"{type_label(types.slugs)}: {pseudonym}",
            "built from the review type and pseudonym",
            "the document has no title of its own" if title is None else "the cover writes it in capitals",
            confident=bool(title) or sure,
        )
    title = title or _composed_title(lines, extracted.furniture) or fallback
    if title is not None:
        fields["title"] = title

    # Board
    board, where, sure = find_board(
        [
            ("labelled on the cover", labelled(lines, "board") or "", True),
            ("on the cover", cover_text, True),
            ("in the running header or footer", furniture_text, True),
            ("in the text", body_text, False),
        ],
        registry,
        known_boards,
    )
    if board:
        fields["board"] = Found(board, where, None if sure else "not on the cover: check it", confident=sure)

    # Publication date: labelled as such on the cover, or the only date on it that no event claims.
    dates = cover_dates(layout.cover[layout.site_header :])
    before_text = labelled_publication(cover_lines(unplaced[:15]))
    if dates.labelled is not None:
        fields["published"] = Found(dates.labelled, "labelled as the publication date on the cover")
    elif before_text is not None:
        fields["published"] = Found(before_text, "labelled as the publication date before the text's first heading")
    elif (announced := announced_publication(block.text for block in [*layout.cover, *layout.body][:4])) is not None:
        fields["published"] = Found(announced, "the date the board's page says it published the review on")
    elif dates.only is not None:
        fields["published"] = Found(
            dates.only,
            "the only date on the cover",
            "not labelled as the publication date: check it, and name the file with its year once sure",
            confident=False,
        )
    published = fields.get("published")
    others = sorted(
        {f"{date.long()} ('{context}')" for date, context in dates.seen if not published or date != published.value}
    )

    summary = _summary(sections)
    if summary:
        fields["summary"] = summary

    audience, audience_how = review_audience(fields, cover_text, furniture_text)
    return Recognised(fields, sections, layout, unplaced, notes, audience, audience_how, others)


def _places(lines: list[str], furniture: str) -> list[str]:
    """The board names of a cover and its running headers: their words are places, not pseudonyms."""
    return find_boards_in("\n".join([*lines, furniture]))


def _summary(sections: list[Section]) -> Found | None:
    """The first paragraph of running text in the summary of events (or the background)."""
    for kind in (wording.SUMMARY, wording.BACKGROUND):
        for section in (s for s in sections if s.kind == kind):
            for block in section.blocks:
                if block.kind == PARAGRAPH or re.match(r"^\d+\.\d", block.label):
                    words = block.text.split()
                    if len(words) >= SUMMARY_WORDS and body_like(block):
                        text = summary_text(block.text)
                        note = None if text == tidy(block.text) else "shortened to fit (at most 1,000 characters)"
                        return Found(text, f"the first paragraph of '{section.heading}'", note)
    return None


_ADULT_BOARD = re.compile(r"\bsafeguarding adults?\b", re.I)
_CHILDREN_BOARD = re.compile(r"\b(?:safeguarding children(?:'s|\u2019s)?|child protection)\b", re.I)


def review_audience(fields: dict[str, Found], *texts: str) -> tuple[str, str]:
    """Whom the review is about, as the site reads it (`Review.audience`), and how that was told.

    From its types first (a safeguarding adults review is about adults, a serious case review
    about children; a domestic homicide, learning or thematic review may be about either),
    then from the board's name ("Safeguarding Adults Board"), then from the pseudonym
    ("Adult D", "Child K"). 'all' when none of these tells.
    """
    found = fields.get("review_type")
    slugs: tuple[str, ...] = found.value if found and isinstance(found.value, tuple) else ()
    kinds = {TYPE_AUDIENCE[slug] for slug in slugs} - {"all"}
    if len(kinds) == 1:
        return kinds.pop(), "from the review type"
    if kinds:
        return "all", "from the review types (about children and adults)"
    board = str(fields["board"].value) if "board" in fields else ""
    for text, how in ((board, "from the board's name"), ("\n".join(texts), "from the cover")):
        adults, children = bool(_ADULT_BOARD.search(text)), bool(_CHILDREN_BOARD.search(text))
        if adults != children:
            return ("adults" if adults else "children"), how
    pseudonym = str(fields["pseudonym"].value) if "pseudonym" in fields else ""
    if pseudonym.startswith("Adult"):
        return "adults", "from the pseudonym"
    if pseudonym.startswith(("Child", "Baby", "Infant", "Young")):
        return "children", "from the pseudonym"
    return "all", ""


def summary_text(text: str, limit: int = 1000) -> str:
    """A paragraph as a summary: whole sentences up to `limit` characters."""
    text = tidy(text)
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[: limit - 1].rsplit(" ", 1)[0] + "…"


def is_generic(text: str) -> bool:
    """Whether a title names only the kind of document ("Executive summary")."""
    return heading_key(text) in wording.GENERIC_TITLES


def published_date(recognised: Recognised) -> PartialDate | None:
    found = recognised.fields.get("published")
    return found.value if found and isinstance(found.value, PartialDate) else None
