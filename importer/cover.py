"""A review's fields as its cover gives them: title, board, type, reviewers, pseudonym.

Each finder reads the cover first (where a report states its own facts), and says how it
found a value (`Found.how`), which the import's report prints. A value is `confident` when
the cover labels it or states it outright; only confident values go into a file name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import wording
from .clean import tidy
from .document import Block
from .headings import heading_key, section_kind
from .layout import is_page_number
from .model import REVIEW_TYPES, BoardRegistry, is_person_name

_CHROME = re.compile(r"^(?:" + "|".join(wording.SITE_CHROME) + r")$", re.I)
#: A line that starts as a website's banner or a link does: "Quickly leave this website …", "View the report".
_CHROME_START = re.compile(
    r"^(?:" + "|".join(wording.SITE_CHROME[-6:]) + r"|view|download|read|click|access|open|see)\b", re.I
)
#: Protective markings and version notes that covers print beside the title.
_MARKINGS = re.compile(
    r"\b(?:not\s+to\s+be\s+(?:photocopied|copied|circulated)(?:\s+or\s+(?:photocopied|copied|circulated))?"
    r"|official[\s-]+sensitive|official|restricted|confidential|protected|final\s+version|final\s+draft|draft|final)\b",
    re.I,
)


@dataclass
class Found:
    """A field's value as found, how it was found (for the report), and whether a file name may use it."""

    value: object
    how: str
    note: str | None = None
    confident: bool = True


def cover_lines(cover: Iterable[Block]) -> list[str]:
    """The cover's lines, each tidied (a block may hold several lines)."""
    return [tidy(line) for block in cover for line in block.text.split("\n") if line.strip()]


_ANY_LABEL = re.compile(
    r"(?<![\w'’])(?P<label>"
    + "|".join(
        re.escape(label)
        for label in sorted(
            {name for names in wording.FIELD_LABELS.values() for name in names}, key=lambda item: (-len(item), item)
        )
    )
    + r")\s*(?::-?|\t|–|—| - )\s*",
    re.I,
)


def label_values(line: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a cover line: "Title: X" — or several on one line, as a
    repository's cover sheet runs them together ("Title: X LSCB: Y Author: Z")."""
    found = list(_ANY_LABEL.finditer(line))
    if not found or (found[0].start() != 0 and len(found) < 2):
        return []
    if found[0].start() != 0:
        found = [match for match in found if match.start() >= found[0].start()]
    pairs = []
    for match, following in zip(found, [*found[1:], None], strict=True):
        value = line[match.end() : following.start() if following else len(line)]
        pairs.append((match.group("label").lower(), tidy(value)))
    return pairs


def labelled(lines: Iterable[str], field_name: str) -> str | None:
    """The value after a label such as 'Title:' on a cover line."""
    labels = set(wording.FIELD_LABELS[field_name])
    for line in lines:
        for label, value in label_values(line):
            if label in labels and value:
                return value
    return None


# --- review type ----------------------------------------------------------------------------------

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


def types_in(text: str) -> list[tuple[int, int, str]]:
    """Review types named in `text`, in order of appearance: (start, end, slug). "Thematic" just
    before another type ("Thematic Safeguarding Adults Review") names a thematic review too."""
    hits: list[tuple[int, int, str]] = []
    for words, slug in wording.REVIEW_TYPE_WORDING:
        for match in re.finditer(rf"\b{re.escape(words)}s?\b", text, re.I):
            if any(start <= match.start() < end for start, end, _ in hits):
                continue
            hits.append((match.start(), match.end(), slug))
            thematic = re.search(r"\b(?:multi-agency\s+)?thematic\s+$", text[: match.start()], re.I)
            if thematic and slug != "thematic-review":
                hits.append((thematic.start(), match.start(), "thematic-review"))
    for abbreviation, slug in wording.REVIEW_TYPE_ABBREVIATIONS.items():
        for match in re.finditer(rf"\b{abbreviation}\b", text):
            if not any(start <= match.start() < end for start, end, _ in hits):
                hits.append((match.start(), match.end(), slug))
    return sorted(hits)


def find_review_type(texts: Iterable[tuple[str, str]]) -> TypesFound | None:
    """The review's types from texts tried in order of trust (where, text)."""
    for where, text in texts:
        hits = types_in(text)
        if not hits:
            continue
        chain = [hits[0]]
        for hit in hits[1:]:
            between = text[chain[-1][1] : hit[0]]
            if hit[2] not in {slug for _, _, slug in chain} and (_JOINED.match(between) or hit[0] <= chain[-1][1]):
                chain.append(hit)
            elif hit[0] > chain[-1][1]:
                break
        slugs = tuple(dict.fromkeys(slug for _, _, slug in chain))
        if "thematic-review" in slugs and len(slugs) > 1:
            slugs = (*(slug for slug in slugs if slug != "thematic-review"), "thematic-review")
        others = tuple(dict.fromkeys(text[a:b] for a, b, slug in hits if slug not in slugs))
        start, end = min(hit[0] for hit in chain), max(hit[1] for hit in chain)
        return TypesFound(slugs, tidy(text[start:end]), where, others)
    return None


def type_label(slugs: Sequence[str]) -> str:
    """'Serious case review', or 'Serious case review and domestic homicide review' (without '(Wales)')."""
    labels = [re.sub(r"\s*\(.*\)$", "", REVIEW_TYPES[slug]) for slug in slugs]
    first, *others = labels
    rest = [label[0].lower() + label[1:] for label in others]
    return first if not rest else ", ".join([first, *rest[:-1]]) + " and " + rest[-1]


def most_frequent_type(text: str) -> tuple[str | None, str | None]:
    """The review type the text names most often, in words or by its abbreviation ("CSPR")."""
    counts: Counter[str] = Counter()
    words_for: dict[str, str] = {}
    for start, end, slug in types_in(text):
        counts[slug] += 1
        words_for.setdefault(slug, text[start:end])
    if not counts:
        return None, None
    slug = max(counts, key=lambda s: (counts[s], s))
    return slug, words_for[slug]


# --- pseudonym ------------------------------------------------------------------------------------

_LETTERS = r"(?:[A-Z]{1,3}\d?|\d{1,2})"  # "Child AB", "Adult C2", "Child 9"
_WORDS = "|".join(re.escape(word) for word in wording.PSEUDONYM_WORDS)
_PSEUDONYM = re.compile(
    rf"\b({_WORDS}|{_WORDS.upper()}|Child|Adult|Baby|Young Person|CHILD|ADULT|BABY|Mrs\.|Mr\.|Ms\.|Miss\.)\s*(?<=\.|\s)"
    rf"({_LETTERS}(?![\w-]|['’](?!s\b)[A-Za-z])|(?:(?<=Child )|(?<=Adult )|(?<=Baby ))[A-Z][a-z]{{2,14}}\b(?![\w'’-]))"
)
#: "X SAR", "Anna DHR": a name before the type's abbreviation.
_BEFORE_TYPE = re.compile(r"^(?P<name>[A-Z]{1,3}|[A-Z][a-z]{2,14})\s+(?:SAR|DHR|SCR|CSPR|LCSPR|CPR|APR)\b")
#: A cover line that is a name alone, or a name and the month of the death: "Dorothy/April 2018".
_NAME_LINE = re.compile(r"^(?P<name>[A-Z][a-z]{2,14})(?:\s*[/–—-]\s*[A-Za-z]*\s*\d{4})?$")
#: "Child Jody (pseudonym)", "William (not his real name)".
_MARKED = re.compile(
    rf"(?P<name>(?:(?:{_WORDS})\s+)?(?:{_LETTERS}|[A-Z][a-z]{{2,14}}))\s*\((?:a\s+)?(?:pseudonym|not\s+(?:his|her|their)\s+real\s+name)\)"
)
#: "known as X", "the family have chosen the pseudonym Patsy", "altered to William".
_NAMED = re.compile(
    r"\b(?:known\s+as|referred\s+to\s+as|called|pseudonyms?(?:\s+of)?|been\s+(?:altered|changed)\s+to"
    r"|given\s+the\s+name|chose(?:n)?\s+(?:the\s+name|the\s+pseudonym|to\s+call\s+(?:him|her|them))"
    r"|(?:he|she|they)\s+will\s+be\s+called)\s+[\"“‘']?"
    r"(?P<name>(?:(?:" + "|".join(re.escape(word) for word in wording.PSEUDONYM_WORDS) + rf")\s+)?"
    rf"(?:{_LETTERS}|[A-Z][a-z]{{2,14}}))\b[\"”’']?",
)
#: A name in quotes on a cover: “TL”, 'Alina'.
_QUOTED = re.compile(r"[\"“‘']([A-Z][a-z]{2,14}|[A-Z]{1,3}\d?)[\"”’']")
#: "Review into the death of Edie", "in respect of Child B", "Safeguarding Adults Review – Andy".
_OF_WHOM = re.compile(
    r"(?i:\b(?:into\s+the\s+death\s+of|in\s+respect\s+of|concerning|regarding)\s+|review\s*[–—:-]\s*)"
    rf"[\"“‘']?(?P<name>(?:(?i:{'|'.join(re.escape(w) for w in wording.PSEUDONYM_WORDS)})\s+)?"
    rf"(?:{_LETTERS}|[A-Z][a-z]{{2,14}}))\b(?![\w-])",
)


def _usable(name: str) -> bool:
    """A name that can be a pseudonym: not a common word ("Child Protection", "Adult Boards").
    Letters written in capitals are a pseudonym ("Adult A" is not the article "a")."""
    head = name.split()[-1]
    if len(name.split()) > 1 and re.fullmatch(_LETTERS, head):
        return True
    if head.lower() in wording.NOT_A_PSEUDONYM or name.lower() in wording.NOT_A_PSEUDONYM:
        return False
    return not (len(head) > 3 and head.lower().rstrip("s") in wording.NOT_A_PSEUDONYM)


def _normal(name: str) -> str:
    """'CHILD M' → 'Child M', 'Mrs.Z' → 'Mrs Z': the pseudonym word capitalised, letters kept."""
    words = re.sub(r"^(Mrs|Mr|Ms|Miss)\.\s*", r"\1 ", name).split()
    if words and words[0].lower() in {word.lower() for word in wording.PSEUDONYM_WORDS}:
        words[0] = next(word for word in wording.PSEUDONYM_WORDS if word.lower() == words[0].lower())
    return " ".join(words)


def names_someone(text: str) -> bool:
    """Whether a title names whom the review is about: "into the death of Edie", "Child D", "– Andy"."""
    return any(pattern.search(text) for pattern in (_NAMED, _PSEUDONYM, _OF_WHOM, _QUOTED))


def find_pseudonym(
    texts: Iterable[tuple[str, str]], body: str, places: Iterable[str] = ()
) -> tuple[str | None, str, bool]:
    """(pseudonym, how it was found, confident): from the title or cover first, then the text.
    `places`: words of the board's name, which a cover line may hold alone ("Southampton")."""
    not_names = {word.lower() for place in places for word in place.split()}
    for where, text in texts:
        for pattern, how in (
            (_MARKED, "marked as a pseudonym"),
            (_NAMED, "named as the pseudonym"),
            (_PSEUDONYM, ""),
            (_OF_WHOM, ""),
        ):
            for match in pattern.finditer(text):
                name = match.group("name") if "name" in pattern.groupindex else f"{match.group(1)} {match.group(2)}"
                name = _normal(" ".join(name.split()))
                if not _usable(name) or any(word.lower() in not_names for word in name.split()[1:]):
                    continue
                if pattern is _OF_WHOM and name.split()[0].lower() in {w.lower() for w in wording.PSEUDONYM_WORDS}:
                    first, *rest = name.split()
                    name = " ".join([first.capitalize(), *rest])
                if _usable(name):
                    return name, (f"{how} {where}" if how else where), True
        if where == "on the cover":
            quoted = _QUOTED.search(text)
            if quoted and _usable(quoted.group(1)):
                return quoted.group(1), "in quotes on the cover", True
            for line in text.split("\n"):
                for pattern in (_BEFORE_TYPE, _NAME_LINE):
                    alone = pattern.match(line.strip())
                    if _CHROME.match(line.strip()) or not alone:
                        continue
                    if _usable(alone.group("name")) and alone.group("name").lower() not in not_names:
                        return alone.group("name"), "on the cover", True
    # In the text, the name it uses most: "referred to as Sibling 1" may name someone else.
    named = {
        _normal(" ".join(match.group("name").split()))
        for pattern in (_MARKED, _NAMED)
        for match in pattern.finditer(body)
        if _usable(match.group("name"))
    }
    counts = Counter(
        _normal(f"{m.group(1)} {m.group(2)}")
        for m in _PSEUDONYM.finditer(body)
        if re.fullmatch(_LETTERS, m.group(2)) and _usable(m.group(2))
    )
    counts = Counter({name: count for name, count in counts.items() if not name.startswith("Family ")} or counts)
    counts.update({name: len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body)) for name in named})
    if counts:
        name, count = max(counts.items(), key=lambda item: (item[1], item[0] in named, item[0]))
        how = (
            "named as the pseudonym in the text" if name in named else "the most frequent name of its kind in the text"
        )
        return name, f"{how} ({count} times)", False
    return None, "", False


# --- reviewers ------------------------------------------------------------------------------------

_ONE_ROLE = (
    r"(?:(?:independent\s+)?(?:lead\s+)?(?:overview\s+)?(?:report\s+)?(?:reviewers?|authors?|writers?)"
    r"|(?:independent|review\s+panel|panel|independent\s+review)\s+chairs?)(?:\s+of\s+(?:the\s+)?report)?"
)
#: A reviewer's role, or two joined: "Independent Lead Reviewer and Author", "Independent Chair and Author".
_ROLE = rf"(?:{_ONE_ROLE}(?:\s+and\s+{_ONE_ROLE})?)"
_TITLES = r"(?:Dr|Professor|Prof|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Rev|Revd)\.?"
#: Letters after a name: honours and qualifications ("OBE", "C.B.E.", "MA/CQSW", "M.Sc.", "RN.").
_POST_NOMINAL = (
    r"(?:\(?(?:[A-Z]{2,6}|(?:[A-Z][a-z]{0,2}\.){1,4}[A-Za-z]{0,4}|[A-Z]{1,6}(?:/[A-Z]{1,6})+"
    r"|PhD|MPhil|MSc|BSc|MBA|Hons)\.?\)?)"
)
_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_NAME = rf"(?:{_TITLES}\s+)?{_WORD}(?:\s+(?!{_MONTH_WORD})(?:[A-Z]\.\s+)?(?:van|de|der|von|la|le)?\s*{_WORD}){{1,2}}"
#: "Report produced by: A B", "Prepared by:-", "By Margaret Flynn" at the start of a line.
_BY = re.compile(
    r"^(?:(?:the\s+)?(?:executive\s+summary\s+|overview\s+)?(?:report\s+|review\s+)?"
    r"(?:prepared|produced|written|authored|compiled)\s+by|(?:report\s+)?by)\s*(?::-?|–|—|-)?\s*(?P<names>.*)$",
    re.I,
)
#: "A B, Independent Chair", "A and B, Independent Reviewers", "A B Independent Overview Report Writer".
_LABEL_AFTER = re.compile(rf"^(?P<names>.+?)[,\s]+(?:the\s+)?{_ROLE}\b.*$", re.I)
#: "authored by independent reviewers A OBE and B" in a sentence.
_IN_SENTENCE = re.compile(
    rf"\b(?:authored|written|led|chaired|undertaken|conducted|carried\s+out)\s+by\s+(?:(?:the|an?)\s+)?(?:(?i:{_ROLE}),?\s+)?"
    rf"(?P<names>{_NAME}(?:,?\s+{_POST_NOMINAL})*(?:\s+(?:and|&)\s+{_NAME}(?:,?\s+{_POST_NOMINAL})*)?)"
)
_PERSON = re.compile(rf"^{_NAME}$")
_HONOURED = re.compile(
    rf"(?P<name>{_NAME})(?P<honours>(?:,?\s+(?:(?:[A-Z]\.){{2,4}}|OBE|CBE|MBE|KC|QC|PhD|CQSW|DipSW|MA|MSc|MBA|LLB"
    rf"|BA|BSc|MPhil|\(Hons\)))+)\.?\s*$"
)
#: A cover line that is a name and nothing more, perhaps with its honours and a date: "Margaret Flynn",
#: "Mark Yexley April 2014".
_NAME_ALONE = re.compile(rf"^(?P<name>{_NAME})(?:[,\s]+{_POST_NOMINAL})*(?:\s+(?:[A-Z][a-z]+\s+)?\d{{4}})?\.?$")


def _strip_post_nominals(text: str) -> str:
    """A name without the letters after it: 'Jane Leather MA. RN. RM. HV.' → 'Jane Leather'."""
    words = text.split()
    while len(words) > 2 and re.fullmatch(
        r"\(?(?:[A-Z]{2,6}|[A-Z][a-z]?(?:[./][A-Za-z]{1,6})+|[A-Z]{1,6}(?:[./][A-Za-z]{1,6})+|[A-Z]{1,4}\.|PhD|MSc|Hons|Dip\.?\w*)[.,)]*",
        words[-1],
    ):
        words.pop()
    return " ".join(words)


def _names(text: str) -> list[str]:
    """Person names in a reviewer's line: honours, dates, roles and organisations after them removed."""
    text = re.sub(r"\s*\(.*?\)", "", text)
    text = re.split(
        r"\s+(?:(?:Strategic|Assistant|Deputy|Executive|Interim|Service|Managing)\s+)?"
        r"(?:Director|Independent|Chair|Author|Reviewer|Associate|Consultant|Manager|Head|Lead|of|for|on\s+behalf|Post)\b"
        r"|[:;|©]",
        text,
    )[0]
    text = re.sub(
        r"\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)?\s*\d{4}.*$",
        "",
        text,
    )
    names = []
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        part = _strip_post_nominals(part.strip().strip("-–—:.").strip())
        if _PERSON.match(part) and not any(word.lower() in wording.NOT_IN_PERSON_NAME for word in part.split()):
            names.append(part)
    return names


#: "Lead Reviewer and Independent Report Author – Jane Doherty", "Author Steve Liddicott January 2019":
#: a role, maybe a separator, the names.
_ROLE_FIRST = re.compile(rf"^(?:the\s+)?{_ROLE}\s*(?::-?|–|—|-)?\s*(?P<names>[A-Z].+)$", re.I)
#: "… Independent Chair Victoria Hill November 2015 …": a role and a name inside a run-together cover line.
_ROLE_INSIDE = re.compile(rf"(?i:\b{_ROLE})\s+(?P<names>{_NAME})\b")


def _labelled_reviewers(lines: Sequence[str]) -> list[str]:
    """Names after a reviewer's label on any line ("Author: A B", "Review Panel Chair: C D"), or
    on the line after a label that stands alone ("Report Author" / "Jane Wonnacott"), or on the
    line before a role alone ("Professor A B" / "Independent Overview Report Writer")."""
    labels = set(wording.FIELD_LABELS["reviewer"])
    found: list[str] = []
    for index, line in enumerate(lines):
        names: list[str] = []
        for label, value in label_values(line):
            if label in labels:
                names += _names(value) or (_names(lines[index + 1]) if not value and index + 1 < len(lines) else [])
        line = _title_cased(line)
        role_first = _ROLE_FIRST.match(line)
        if role_first:
            names += _names(role_first.group("names"))
        elif not names:
            names += [name for match in _ROLE_INSIDE.finditer(line) for name in _names(match.group("names"))]
        if _role_only(line):
            below = _names(_title_cased(lines[index + 1])) if index + 1 < len(lines) else []
            above = _names(_title_cased(lines[index - 1])) if index else []
            names += above or below
        found.extend(name for name in names if name not in found)
    return found


def find_reviewers(lines: Sequence[str], body: Sequence[str] = ()) -> tuple[list[str], str]:
    """The reviewers, authors or chairs the cover (or the text's first paragraphs) names."""
    labelled_names = _labelled_reviewers(lines)
    if labelled_names:
        return labelled_names, "named as reviewer, author or chair on the cover"
    for where, texts in (("on the cover", lines), ("at the start of the text", body)):
        for index, line in enumerate(texts):
            by = _BY.match(line)
            if by:
                names = _names(by.group("names")) or (_names(texts[index + 1]) if index + 1 < len(texts) else [])
                if names:
                    return names, f"named as the report's author {where}"
            after = _LABEL_AFTER.match(line)
            if after:
                names = _names(after.group("names"))
                if not names and index > 0 and _role_only(line):
                    names = _names(texts[index - 1])
                if names:
                    return names, f"named as reviewer, author or chair {where}"
    for line in lines:
        honoured = _HONOURED.search(line)
        if honoured and _names(honoured.group("name")):
            return _names(honoured.group("name")), "a name with honours on the cover (its author)"
    alone = [(line, match.group("name")) for line in lines if (match := _NAME_ALONE.match(_title_cased(line)))]
    candidates = [name for _, name in alone if _names(name)]
    people = [name for name, person in zip(candidates, is_person_name(candidates), strict=True) if person]
    if people:
        return [people[0]], "a person's name alone on the cover: check it is the author"
    for text in [*lines, *body]:
        match = _IN_SENTENCE.search(text)
        if match:
            names = _names(re.sub(rf"\s+{_POST_NOMINAL}(?=\s+(?:and|&)\s|$)", "", match.group("names")))
            if names:
                return names, "named as the review's author in the text"
    return [], ""


def _title_cased(line: str) -> str:
    """A line in capitals with its words capitalised ("RICHARD CORKHILL" → "Richard Corkhill"), so
    names written in capitals on a cover are read as names; any other line as it is."""
    return " ".join(word.capitalize() for word in line.split()) if line.isupper() else line


def _role_only(line: str) -> bool:
    """A line that is only a role: "Independent Overview Report Writer"."""
    return bool(re.fullmatch(rf"(?:the\s+)?{_ROLE}", line.strip(" ,"), re.I))


# --- board ----------------------------------------------------------------------------------------


def _board_pattern() -> re.Pattern[str]:
    spelt = {*wording.BOARD_KINDS, *(kind.replace("'", "\u2019") for kind in wording.BOARD_KINDS)}
    kinds = "|".join(re.escape(kind) for kind in sorted(spelt, key=lambda item: (-len(item), item)))
    word = r"(?<![\w'’.&-])[A-Z][\w'’.&-]*"
    return re.compile(
        rf"((?:{word}[ \t]+(?:(?:and|of|upon|on|&|AND|OF|UPON|ON)[ \t]+)?){{1,5}}?)(?i:{kinds})(?:\b|(?=[A-Z]))"
    )


_BOARD = _board_pattern()


def _title_case(name: str) -> str:
    """A name written in capitals as the site writes it: 'NORTH TYNESIDE SAFEGUARDING ADULTS BOARD' →
    'North Tyneside Safeguarding Adults Board' (abbreviations such as LSCB kept)."""
    if not name.isupper():
        return name
    words = []
    for index, word in enumerate(name.split()):
        lower = word.lower()
        if word in wording.BOARD_KINDS or (
            len(word) <= 4
            and word.isalpha()
            and lower not in {"and", "of", "upon", "on", "the", "mid", "west", "east", "wye", "bath"}
        ):
            words.append(
                word if word in {"LSCB", "LSCP", "SCB", "SCP", "SAB", "ACPC", "CSP", "SAP"} else word.capitalize()
            )
        elif lower in {"and", "of", "upon", "on", "the"} and index:
            words.append(lower)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


#: "Safer Ealing Partnership"; "the Community Safety Partnership (CSP) in Barking and Dagenham".
_SAFER = re.compile(r"\bSafer\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+Partnership\b")
_KIND_IN_PLACE = re.compile(
    r"\b(?P<kind>Community Safety Partnership|Safeguarding (?:Children|Adults) (?:Board|Partnership))"
    r"(?:\s*\([A-Z]{2,6}\))?\s+(?:in|for)\s+(?!(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b)(?P<place>[A-Z][\w'’-]+(?:\s+(?:and|&|[A-Z][\w'’-]+)){0,4})"
)


def find_boards_in(text: str) -> list[str]:
    """Board names written out in `text` ("Westmoor Local Safeguarding Children Board"), in any case;
    "Safer Ealing Partnership"; and "the Community Safety Partnership in Barking and Dagenham"."""
    names = [match.group(0) for match in _SAFER.finditer(text)]
    names += [f"{match.group('place')} {match.group('kind')}" for match in _KIND_IN_PLACE.finditer(text)]
    for match in _BOARD.finditer(text):
        words = match.group(0).split()
        if not words[0][:1].isupper():
            continue
        while words and words[0].lower() in wording.NOT_IN_BOARD_NAME:
            words.pop(0)
        kind_words = match.group(0)[len(match.group(1)) :].split()
        if len(words) <= len(kind_words) or not all(
            word[:1].isupper() or word.lower() in {"and", "of", "upon", "on", "&"} for word in words
        ):
            continue
        place = words[: len(words) - len(kind_words)]
        review_words = [
            index for index, word in enumerate(place) if word.lower().strip(".,:") in wording.NOT_IN_BOARD_PLACE
        ]
        if review_words:  # "Serious Case Review LSCB": a title before the board's abbreviation, not a place
            place = place[review_words[-1] + 1 :]
            words = place + words[len(words) - len(kind_words) :]
            if not place:
                continue
        half = len(place) // 2
        if half and place[:half] == place[half:]:  # "Westmoor Westmoor …": printed twice
            words = place[:half] + words[len(place) :]
            place = place[:half]
        possessive = re.sub(r"['’]s$", "", place[-1])  # "Stockport’s Safeguarding Adults Board"
        if possessive != place[-1]:
            words = [*place[:-1], possessive, *words[len(place) :]]
        names.append(_title_case(" ".join(words)))
    return names


def canonical_board(name: str, registry: BoardRegistry, known: Iterable[str]) -> str:
    """The name the site shows for this board: the boards file's, else an existing review's spelling."""
    slug = registry.slug_of(name)
    if registry.is_registered(slug):
        return registry.names[slug]
    for other in known:
        if registry.slug_of(other) == slug:
            return other
    return " ".join(name.split())


def across_lines(text: str) -> str:
    """A cover's lines, a line that breaks a board's name joined to the next: "Milton Keynes
    Community" / "Safety Partnership", "Hammersmith & Fulham" / "Safeguarding Adults Board". Only
    where the break falls inside the name's kind, or between a whole line of place and its kind:
    "Child K" / "Westmoor LSCB" stay apart."""
    joined: list[str] = []
    for line in text.split("\n"):
        if joined:
            both, border = f"{joined[-1]} {line}", len(joined[-1])
            for match in _BOARD.finditer(both):
                kind_start = match.start() + len(match.group(1))
                if match.start() == 0 and match.end() > border and (kind_start < border or kind_start == border + 1):
                    joined[-1] = both
                    break
            else:
                joined.append(line)
            continue
        joined.append(line)
    return "\n".join(joined)


def find_board(
    texts: list[tuple[str, str, bool]], registry: BoardRegistry, known: Iterable[str]
) -> tuple[str | None, str, bool]:
    """(board, how, confident): a labelled name, a known board named in the text, or a board-like name."""
    known_names = sorted({*registry.names.values(), *known}, key=lambda item: (-len(item), item))
    for where, text, confident in texts:
        text = across_lines(text)
        folded = " ".join(text.split()).lower()
        for name in known_names:
            if re.search(rf"(?<!\w){re.escape(' '.join(name.split()).lower())}(?!\w)", folded):
                return canonical_board(name, registry, known), f"{where} (a board already known to the site)", True
        names = find_boards_in(text)
        if names:
            return canonical_board(names[0], registry, known), where, confident
    return None, "", False


def is_board_name(text: str) -> bool:
    """A cover line that is the board's name, not the review's title."""
    found = find_boards_in(text)
    return bool(found) and " ".join(found[0].split()).lower() == " ".join(text.split()).lower()


# --- title ----------------------------------------------------------------------------------------

_DATES_IN_BRACKETS = re.compile(r"\s*\([^)]*\d{4}[^)]*\)")
_TRAILING_DATE = re.compile(
    r"[\s,–—-]*(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+)?\d{4}$",
    re.I,
)


#: A verb that makes a line a sentence: "This Safeguarding Adults Review (SAR) was commissioned by…".
_SENTENCE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|been|commissioned|completed|undertaken)\b", re.I)
_SENTENCE_START = re.compile(r"^(?:this|these|it|today|the\s+(?:review|report|board|partnership|panel))\b", re.I)
#: A heading over a list of reviews, not one review's title: "Published Domestic Homicide Reviews".
_LISTING = re.compile(
    r"\breviews\b|^published\b|^publication\b|^what\s+is\b|\bpublish(?:es)?\b"
    r"|\b(?:commissioned|completed|undertaken|carried\s+out)\s+(?:and\s+\w+\s+)?(?:by|for|in|on|under)\b",
    re.I,
)


def title_problem(text: str, furniture: Iterable[str] = ()) -> str | None:
    """Why a text cannot be a review's title (a number, a page number, a running header, a
    site's banner, a section heading, a list's heading…), or None."""
    text = text.strip()
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return "it is a number, not a title" if re.search(r"\d", text) else "it has no words"
    if is_page_number(text) or re.fullmatch(r"(?:page\s+)?\d+(?:\s+of\s+\d+)?", text, re.I):
        return "it is a page number"
    if re.search(r"\bpage\s+\d+\s+of\s+\d+", text, re.I):
        return "it is a running header or footer (it carries a page number)"
    if (
        text[:1].islower()
        or text.endswith(("...", "…"))
        or re.search(r"\b(?:the|of|in|and|to|a|an|for|by)$", text, re.I)
    ):
        return "it is a fragment of a sentence"
    if text.lower() in {line.strip().lower() for line in furniture}:
        return "it is a running header or footer"
    if heading_key(text) in wording.GENERIC_TITLES:
        return "it names only the kind of document"
    if len(text.split()) > 24:
        return "it is too long for a title"
    label = re.match(r"^([A-Z][\w ]{1,25}):\s", text)
    if label and not types_in(label.group(1)):
        return "it is a labelled line, not a title"
    if _CHROME.match(text) or _CHROME_START.match(text) or "·" in text:
        return "it is a website's banner, menu or link"
    if text.endswith("?") or _LISTING.search(text):
        return "it is a question or a heading over a list, not a review's title"
    if section_kind(text) is not None and not types_in(text[:40]):
        return "it is a section heading"
    if text.endswith(".") or (_SENTENCE_VERB.search(text) and _SENTENCE_START.match(text)):
        return "it is a sentence, not a title"
    return None


def title_from_line(line: str, names: Iterable[str] = ()) -> str:
    """A cover line as a title: "Publication of", a lifespan in brackets, "- published <date>",
    a trailing date and the author's name (with honours) removed."""
    line = re.sub(r"^(?:publication\s+of|published:?)\s+(?=\S)", "", line, flags=re.I)
    first_label = next((match for match in _ANY_LABEL.finditer(line) if match.start() > 0), None)
    if first_label is not None:  # "Re-consideration of Serious Case Review LSCB: Bradford …"
        line = line[: first_label.start()]
    line = _MARKINGS.sub(" ", line)
    line = re.sub(
        r"\s*(?:[-–—|]\s*published\b.*|\s+published(?:\s+(?:on|in))?\s+(?:\d|[A-Z][a-z]+\s+\d{4}).*)$",
        "",
        line,
        flags=re.I,
    )
    line = _DATES_IN_BRACKETS.sub("", line)
    for name in names:
        line = re.sub(rf"\s*(?:[-–—,]\s*)?{re.escape(name)}\b.*$", "", line)
    return _TRAILING_DATE.sub("", line).strip(" –—-:,")


#: Words kept in capitals when a title in capitals is written in sentence case.
_KEEP_CAPITALS = frozenset(
    ["SCR", "SAR", "DHR", "CSPR", "LCSPR", "CPR", "APR", "SUSR", "LSCB", "LSCP", "SAB", "SCB", "CSP", "NHS", "UK"]
)


def sentence_case(title: str) -> str:
    """A title in capitals as a sentence: 'SERIOUS CASE REVIEW CHILD A AND BABY N' → 'Serious case
    review Child A and Baby N' (pseudonyms and abbreviations keep their capitals)."""
    words = title.split()
    pseudonym_words = {word.upper() for word in wording.PSEUDONYM_WORDS} | {"CHILDREN", "YOUNG"}
    result = []
    for index, word in enumerate(words):
        core = re.sub(r"^\W+|\W+$", "", word)
        following = re.sub(r"\W", "", words[index + 1]) if index + 1 < len(words) else ""
        after_pseudonym_word = index and words[index - 1].upper().strip("“‘\"'") in {*pseudonym_words, "PERSON"}
        initial = len(core) == 1 and core.isupper() and (core != "A" or after_pseudonym_word)
        if core in _KEEP_CAPITALS or initial or (len(core) <= 3 and core.isupper() and after_pseudonym_word):
            result.append(word)
        elif (core.upper() == "PERSON" and index and words[index - 1].upper() == "YOUNG") or (
            core.upper() in pseudonym_words
            and (re.fullmatch(r"[A-Z]{1,3}\d?", following) or following.upper() == "PERSON")
        ):
            result.append(word.capitalize())
        elif not core.isupper():
            result.append(word)
        else:
            result.append(word.capitalize() if not result else word.lower())
    return " ".join(result)


def mostly_capitals(text: str) -> bool:
    """Whether most words of a line are written in capitals ("A SERIOUS CASE REVIEW Report");
    abbreviations ("SAR", "DHR") do not count."""
    words = [word for word in re.findall(r"[^\W\d_]+", text) if len(word) > 3]
    return bool(words) and sum(1 for word in words if word.isupper()) * 2 >= len(words)
