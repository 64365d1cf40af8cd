"""Recognising a review in extracted blocks: its fields, its sections and their points."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import wording
from .clean import tidy
from .document import BULLET, HEADING, ITEM, PARAGRAPH, Block, Extracted
from .model import REVIEW_TYPES, TYPE_AUDIENCE, BoardRegistry, PartialDate

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "uk"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.I), "my"),
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SECTION_NUMBER = re.compile(r"^(?:section\s+|part\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4}|[a-h])[.):]?\s+", re.I)


def parse_date(text: str, allow_year: bool = False) -> PartialDate | None:
    """The first date in `text`, with its precision; a bare year only when `allow_year`."""
    found: list[tuple[int, PartialDate]] = []
    for pattern, shape in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if shape == "dmy":
                    date = PartialDate(int(groups[2]), _MONTHS[groups[1].lower().rstrip(".")], int(groups[0]))
                elif shape == "mdy":
                    date = PartialDate(int(groups[2]), _MONTHS[groups[0].lower().rstrip(".")], int(groups[1]))
                elif shape == "iso":
                    date = PartialDate(int(groups[0]), int(groups[1]), int(groups[2]))
                elif shape == "uk":
                    date = PartialDate(int(groups[2]), int(groups[1]), int(groups[0]))
                else:
                    date = PartialDate(int(groups[1]), _MONTHS[groups[0].lower().rstrip(".")])
                dt.date(date.year, date.month or 1, date.day or 1)
            except (ValueError, KeyError):
                continue
            found.append((match.start(), date))
    if found:
        position = min(start for start, _ in found)
        # At one position the most precise reading wins ("15 March 2011" over "March 2011").
        return max((date for start, date in found if start == position), key=lambda d: (bool(d.day), bool(d.month)))
    if allow_year:
        year = _YEAR.search(text)
        if year:
            return PartialDate(int(year.group(1)))
    return None


@dataclass
class Found:
    """A field's value as found, and how it was found (for the report)."""

    value: object
    how: str
    note: str | None = None


@dataclass
class Point:
    text: str
    group: str | None = None
    label: str = ""
    subpoints: list[str] = field(default_factory=list)


@dataclass
class Section:
    kind: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2
    points: list[Point] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(point.group for point in self.points if point.group))


@dataclass
class Recognised:
    fields: dict[str, Found]
    sections: list[Section]
    preamble: list[Block]
    notes: list[str] = field(default_factory=list)
    #: Whom the review is about ('children', 'adults', or 'all' when either or not known), and how it was told.
    audience: str = "all"
    audience_how: str = ""

    def section(self, kind: str) -> Section | None:
        return next((section for section in self.sections if section.kind == kind), None)


# --- sections -------------------------------------------------------------------------------------


def heading_key(text: str) -> str:
    """A heading as compared with the wording lists: numbering, final colon and case removed."""
    key = _SECTION_NUMBER.sub("", tidy(text)).strip().rstrip(":").strip().lower()
    return key.replace("\u2019", "'")


def section_kind(text: str, exact: bool = False) -> str | None:
    """The kind of section a heading names, or None."""
    key = heading_key(text)
    if not key or len(key.split()) > 10:
        return None
    if any(key.startswith(words) for words, _ in wording.REVIEW_TYPE_WORDING):
        return None  # "Learning review: Child J" is a title, not the learning section
    for kind, phrases in wording.SECTION_WORDING.items():
        for phrase in phrases:
            if key == phrase or (not exact and key.startswith(phrase + " ")):
                return kind
    return None


def _is_section_start(block: Block) -> str | None:
    if block.kind == HEADING:
        return section_kind(block.text)
    if block.kind == PARAGRAPH or (block.kind == ITEM and re.match(r"^\d{1,2}\.?$", block.label)):
        return section_kind(block.text, exact=True)
    return None


def split_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """The cover text before the first section, and the sections by their headings."""
    first = next((index for index, block in enumerate(blocks) if _is_section_start(block)), None)
    if first is None:
        return blocks, []
    level = blocks[first].level if blocks[first].kind == HEADING else 2
    preamble = blocks[:first]
    sections: list[Section] = []
    for block in blocks[first:]:
        kind = _is_section_start(block)
        if block.kind == HEADING and block.level <= level:
            boundary = True
        elif block.kind == HEADING:
            boundary = kind not in (None, wording.OTHER)  # a deeper heading is a boundary only if it names one
        else:
            boundary = kind is not None
        if boundary:
            heading = _SECTION_NUMBER.sub("", tidy(block.text)).rstrip(":").strip()
            sections.append(Section(kind or wording.OTHER, heading, level=block.level or level))
            continue
        sections[-1].blocks.append(block)
    for section in sections:
        if section.kind in (wording.LEARNING, wording.RECOMMENDATIONS):
            _read_points(section)
    return preamble, sections


def _is_group_heading(block: Block, following: Block | None) -> bool:
    """A heading inside a point section, or a short line with no full stop just before a list."""
    if block.kind == HEADING:
        return True
    return (
        block.kind == PARAGRAPH
        and len(block.text.split()) <= 6
        and not block.text.endswith((".", ";", ","))
        and not (block.text.endswith(":") and len(block.text.split()) > 3)  # "The review found:" leads in
        and following is not None
        and following.kind == ITEM
    )


def _numbered(label: str) -> bool:
    return bool(re.match(r"^\d", label))


def _read_points(section: Section) -> None:
    """The points of a learning or recommendations section, with their agency groups."""
    blocks = section.blocks
    numbered = [block for block in blocks if block.kind == ITEM and _numbered(block.label) and block.level == 0]
    bullets_are_points = not numbered or (
        len(numbered) == 1 or all(block.text.rstrip().endswith(":") for block in numbered)
    )
    if numbered and bullets_are_points and any(block.label == BULLET for block in blocks):
        # "8.1 The panel found that:" followed by bullets: the bullets are the points.
        for block in numbered:
            block.kind = PARAGRAPH
        numbered = []

    def is_top(block: Block) -> bool:
        if block.kind != ITEM or block.level > 0:
            return False
        return _numbered(block.label) if numbered else True

    group: str | None = None
    group_blocks: dict[str, Block] = {}
    points = section.points
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        later_top = any(is_top(other) for other in blocks[index + 1 :])
        if block.kind != ITEM and _is_group_heading(block, following) and later_top:
            group = tidy(block.text).rstrip(":")
            group_blocks.setdefault(group, block)
            continue
        if is_top(block):
            points.append(Point(tidy(block.text), group, block.label))
        elif block.kind == ITEM:
            if points:
                points[-1].subpoints.append(tidy(block.text))
            else:
                section.intro.append(block)
        elif not points:
            section.intro.append(block)
        elif later_top or block.text[:1].islower():
            points[-1].text = f"{points[-1].text} {tidy(block.text)}"
        else:
            section.closing.append(block)
    if len(section.groups) == 1 and all(point.group for point in points):
        # One "group" over the whole list is a lead-in ("The review found"), not a grouping.
        lead_in = group_blocks[section.groups[0]]
        section.intro.append(Block(PARAGRAPH, tidy(lead_in.text), page=lead_in.page))
        for point in points:
            point.group = None
    if not points and section.intro:
        paragraphs = [block for block in section.intro if block.kind in (PARAGRAPH, ITEM)]
        if len(paragraphs) > 1:
            section.notes.append(
                f"'{section.heading}' has no numbered or bulleted list: each of its {len(paragraphs)} "
                "paragraphs was taken as one point"
            )
            section.points.extend(Point(tidy(block.text)) for block in paragraphs)
            section.intro = [block for block in section.intro if block not in paragraphs]


# --- fields ---------------------------------------------------------------------------------------


def labelled(blocks: Iterable[Block], field_name: str) -> str | None:
    """The value after a label such as 'Published:' in the cover text."""
    labels = sorted(wording.FIELD_LABELS[field_name], key=len, reverse=True)
    pattern = re.compile(
        r"^\s*(?:" + "|".join(re.escape(label) for label in labels) + r")\s*(?::|\t|–|—| - )\s*(.+)$", re.I
    )
    for block in blocks:
        for line in block.text.split("\n"):
            match = pattern.match(line)
            if match and match.group(1).strip():
                return tidy(match.group(1))
    return None


#: What joins the types of a joint review: "serious case review and domestic homicide review".
_JOINED = re.compile(r"^\s*(?:and|&|/|,|plus)\s*(?:(?:an?|the)\s+)?$", re.I)


@dataclass(frozen=True)
class TypesFound:
    """The review's types as named in one text: one, or several for a joint review."""

    slugs: tuple[str, ...]
    words: str
    where: str
    #: Other types the same text names, not joined to these (worth a look: a joint review?).
    others: tuple[str, ...] = ()


def find_review_type(texts: Iterable[tuple[str, str]]) -> TypesFound | None:
    """The review's types from texts tried in order of trust (where, text)."""
    for where, text in texts:
        hits = _types_in(text)
        if not hits:
            continue
        chain = [hits[0]]
        for hit in hits[1:]:
            if hit[2] not in {slug for _, _, slug in chain} and _JOINED.match(text[chain[-1][1] : hit[0]]):
                chain.append(hit)
            elif hit[0] > chain[-1][1]:
                break
        slugs = tuple(slug for _, _, slug in chain)
        others = tuple(dict.fromkeys(text[a:b] for a, b, slug in hits if slug not in slugs))
        return TypesFound(slugs, tidy(text[chain[0][0] : chain[-1][1]]), where, others)
    return None


def _types_in(text: str) -> list[tuple[int, int, str]]:
    """Review types named in `text`, in order of appearance: (start, end, slug)."""
    hits: list[tuple[int, int, str]] = []
    for words, slug in wording.REVIEW_TYPE_WORDING:
        for match in re.finditer(rf"\b{re.escape(words)}s?\b", text, re.I):
            if any(start <= match.start() < end for start, end, _ in hits):
                continue
            hits.append((match.start(), match.end(), slug))
    for abbreviation, slug in wording.REVIEW_TYPE_ABBREVIATIONS.items():
        for match in re.finditer(rf"\b{abbreviation}\b", text):
            hits.append((match.start(), match.end(), slug))
    return sorted(hits)


def type_label(slugs: Sequence[str]) -> str:
    """'Serious case review', or 'Serious case review and domestic homicide review' (without '(Wales)')."""
    labels = [re.sub(r"\s*\(.*\)$", "", REVIEW_TYPES[slug]) for slug in slugs]
    first, *others = labels
    rest = [label[0].lower() + label[1:] for label in others]
    return first if not rest else ", ".join([first, *rest[:-1]]) + " and " + rest[-1]


def most_frequent_type(text: str) -> tuple[str | None, str | None]:
    counts: Counter[str] = Counter()
    words_for: dict[str, str] = {}
    for words, slug in wording.REVIEW_TYPE_WORDING:
        matches = re.findall(rf"\b{re.escape(words)}s?\b", text, re.I)
        if matches:
            counts[slug] += len(matches)
            words_for.setdefault(slug, matches[0])
    if not counts:
        return None, None
    slug = max(counts, key=lambda s: (counts[s], s))
    return slug, words_for[slug]


_PSEUDONYM = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in wording.PSEUDONYM_WORDS) + r")\s+([A-Z]{1,2}\d?)\b(?![\w'’-])"
)


def find_pseudonym(texts: Iterable[tuple[str, str]], body: str) -> tuple[str | None, str]:
    for where, text in texts:
        match = _PSEUDONYM.search(text)
        if match:
            return f"{match.group(1)} {match.group(2)}", where
    counts = Counter(f"{m.group(1)} {m.group(2)}" for m in _PSEUDONYM.finditer(body))
    counts = Counter({name: count for name, count in counts.items() if not name.startswith("Family ")} or counts)
    if counts:
        name, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        return name, f"the most frequent name of its kind in the text ({count} times)"
    return None, ""


def _board_pattern() -> re.Pattern[str]:
    kinds = "|".join(re.escape(kind) for kind in sorted(wording.BOARD_KINDS, key=len, reverse=True))
    return re.compile(rf"((?:[A-Z][\w'’.&-]*\s+(?:(?:and|of|upon|on|&)\s+)?){{1,5}}?)(?:{kinds})\b")


_BOARD = _board_pattern()


def _is_board_name(text: str) -> bool:
    """A cover's first line that is the board's name, not the review's title."""
    found = find_boards_in(text)
    return bool(found) and " ".join(found[0].split()).lower() == " ".join(text.split()).lower()


def find_boards_in(text: str) -> list[str]:
    """Board names written out in `text` ("Westmoor Local Safeguarding Children Board")."""
    names = []
    for match in _BOARD.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in wording.NOT_IN_BOARD_NAME:
            words.pop(0)
        kind_words = match.group(0)[len(match.group(1)) :].split()
        if len(words) > len(kind_words):
            names.append(" ".join(words))
    return names


def find_board(texts: list[tuple[str, str]], registry: BoardRegistry, known: Iterable[str]) -> tuple[str | None, str]:
    """The board: a labelled name, a known board named in the text, or a board-like name."""
    known_names = sorted({*registry.names.values(), *known}, key=len, reverse=True)
    for where, text in texts:
        folded = " ".join(text.split()).lower()
        for name in known_names:
            if " ".join(name.split()).lower() in folded:
                return canonical_board(name, registry, known), f"{where} (a board already known to the site)"
        names = find_boards_in(text)
        if names:
            return canonical_board(names[0], registry, known), where
    return None, ""


def canonical_board(name: str, registry: BoardRegistry, known: Iterable[str]) -> str:
    """The name the site shows for this board: the boards file's, else an existing review's spelling."""
    slug = registry.slug_of(name)
    if registry.is_registered(slug):
        return registry.names[slug]
    for other in known:
        if registry.slug_of(other) == slug:
            return other
    return " ".join(name.split())


def recognise(extracted: Extracted, registry: BoardRegistry, known_boards: Iterable[str] = ()) -> Recognised:
    known_boards = list(known_boards)
    preamble, sections = split_sections(extracted.blocks)
    cover = preamble or extracted.blocks[:8]
    cover_text = "\n".join(block.text for block in cover)
    furniture_text = "\n".join(extracted.furniture)
    body_text = "\n".join(block.text for block in extracted.blocks)
    fields: dict[str, Found] = {}
    notes: list[str] = []

    # Title
    title = labelled(cover, "title")
    if title:
        fields["title"] = Found(title, "labelled 'Title' on the cover")
    elif (
        extracted.title_hint
        and heading_key(extracted.title_hint) not in wording.GENERIC_TITLES
        and not _is_board_name(extracted.title_hint)
    ):
        how = {
            "PDF": "the largest text on the first page",
            "Word": "the document's title",
            "HTML": "the page's main heading",
        }
        fields["title"] = Found(tidy(extracted.title_hint), how.get(extracted.format, "the first line"))

    # Review type
    type_sources = [
        ("labelled on the cover", labelled(cover, "review_type") or ""),
        ("in the title", str(fields["title"].value) if "title" in fields else ""),
        ("on the cover", cover_text),
        ("in the running header or footer", furniture_text),
    ]
    types = find_review_type(type_sources)
    if types is None:
        slug, words = most_frequent_type(body_text)
        if slug and words:
            types = TypesFound((slug,), words, "the review type most often named in the text")
    if types is not None:
        joint = " (a joint review)" if len(types.slugs) > 1 else ""
        fields["review_type"] = Found(types.slugs, f"'{types.words}' {types.where}{joint}")
        if types.others:
            notes.append(
                f"the text {types.where.removeprefix('labelled ')} also names "
                + ", ".join(f"'{other}'" for other in types.others)
                + ": if this is a joint review, list each type under review_type"
            )

    # Pseudonym
    pseudonym, where = find_pseudonym(
        [("in the title", str(fields.get("title", Found("", "")).value)), ("on the cover", cover_text)], body_text
    )
    if pseudonym:
        fields["pseudonym"] = Found(pseudonym, where)

    # Title built from type and pseudonym when the document has only a generic one
    if "title" not in fields and types is not None and pseudonym:
        fields["title"] = Found(
            f"{type_label(types.slugs)}: {pseudonym}",
            "built from the review type and pseudonym",
            "the document has no specific title",
        )

    # Board
    board_sources = [
        ("labelled on the cover", labelled(cover, "board") or ""),
        ("on the cover", cover_text),
        ("in the running header or footer", furniture_text),
        ("in the text", body_text),
    ]
    board, where = find_board(board_sources, registry, known_boards)
    if board:
        fields["board"] = Found(board, where)

    # Publication date
    published_label = labelled(cover, "published")
    date = parse_date(published_label, allow_year=True) if published_label else None
    if date:
        fields["published"] = Found(date, "labelled as the publication date on the cover")
    else:
        for block in cover:
            match = re.search(r"\b(?:published|publication)\b[^.\n]{0,20}?", block.text, re.I)
            if match:
                date = parse_date(block.text[match.end() :], allow_year=True)
                if date:
                    fields["published"] = Found(date, "named as the publication date on the cover")
                    break
        if not date:
            dates = {found for found in map(parse_date, (block.text for block in cover)) if found is not None}
            if len(dates) == 1:
                only = dates.pop()
                fields["published"] = Found(
                    only, "the only date on the cover", "not labelled as the publication date: check it"
                )
            elif len(dates) > 1:
                notes.append(
                    "the cover gives several dates ("
                    + ", ".join(d.long() for d in sorted(dates, key=lambda d: d.isoformat()))
                    + "); none is labelled as the publication date"
                )

    # Summary: the first paragraph of the summary of events (or background)
    for kind in (wording.SUMMARY, wording.BACKGROUND):
        section = next((s for s in sections if s.kind == kind), None)
        if section is None:
            continue
        prose = [b for b in section.blocks if b.kind == PARAGRAPH or re.match(r"^\d+\.\d", b.label)]
        paragraph = prose[0] if prose else None
        if paragraph:
            text = summary_text(paragraph.text)
            note = None if text == tidy(paragraph.text) else "shortened to fit (at most 1,000 characters)"
            fields["summary"] = Found(text, f"the first paragraph of '{section.heading}'", note)
            break

    reviewer = labelled(cover, "reviewer")
    if reviewer:
        fields["reviewer"] = Found(
            reviewer, "labelled as the reviewer or author on the cover", "check it names a person"
        )
    audience, audience_how = review_audience(fields, cover_text, furniture_text)
    return Recognised(fields, sections, preamble, notes, audience, audience_how)


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
    if pseudonym and not pseudonym.startswith("Family"):
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
