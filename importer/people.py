"""Who a review is about and who wrote it, as its cover and text give them: pseudonym and reviewers.

The reviewers named on a cover (the independent reviewer, author or chair) are published on
purpose and are never anonymisation findings; a wrong reviewer is worse than none, so only
forms that say so are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from . import wording
from .cover import SITE_CHROME_LINE, label_values
from .model import is_person_name

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
                    if SITE_CHROME_LINE.match(line.strip()) or not alone:
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
