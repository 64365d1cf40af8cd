"""Rules found by their form: postcodes, streets, institutions, telephone, NHS and NI numbers, emails.

Each function takes a text and yields the (start, end) offsets of what it finds in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from .text import sentences, words

#: A full UK postcode (outward and inward code), in capitals as written on letters.
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: Two letters, six digits in pairs, a suffix A-D: any prefix letters, since a made-up or
#: administrative prefix ("QQ 12 34 56 C") identifies a person just as well.
NATIONAL_INSURANCE = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")

_STREET_TYPES = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Terrace|Gardens|Grove"
    r"|Square|Mews|Way|Place|Boulevard|Hill|Parade|Row|Walk|Rise)"
)
#: A house number followed by one to three capitalised words and a street type.
STREET_ADDRESS = re.compile(
    rf"\b(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'\u2019]+\s+){{1,3}}{_STREET_TYPES}\b"
)
#: Words that say a home follows ("lived at", "a flat at", "moved to"), then a house number and
#: a street name with no street-type word ("117 Botchergate", "21 The Parade").
_HOME_ADDRESS = re.compile(
    r"\b(?:(?:lived|lives|living|live|resided|resides|residing|stayed|staying|stays|moved|moving|move"
    r"|relocated|rehoused)\s+(?:back\s+)?(?:at|to|in|into)"
    r"|(?:flat|home|house|address|property|bungalow|maisonette|tenancy|accommodation|bedsit|room)"
    r"\s+(?:at|in|on))\s+"
    r"(?P<address>(?:Flat\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+(?:The\s+)?"
    r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+){0,2})"
)
_NOT_A_STREET = re.compile(
    r"\s(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Years?|Months?|Weeks?|Days?)\b"
)


def matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Spans of every match of `pattern` in `text`, trailing spaces left out."""
    for match in pattern.finditer(text):
        yield match.start(), match.start() + len(match.group(0).rstrip())


def postcodes(text: str) -> Iterator[tuple[int, int]]:
    return matches(POSTCODE, text)


def email_addresses(text: str) -> Iterator[tuple[int, int]]:
    return matches(EMAIL_ADDRESS, text)


def national_insurance_numbers(text: str) -> Iterator[tuple[int, int]]:
    return matches(NATIONAL_INSURANCE, text)


def street_addresses(text: str) -> Iterator[tuple[int, int]]:
    """A number and a street with a street-type word; or, after words about a home, without one."""
    yield from matches(STREET_ADDRESS, text)
    for sentence_start, sentence_end in sentences(text):
        for match in _HOME_ADDRESS.finditer(text, sentence_start, sentence_end):
            start, end = match.span("address")
            if not _NOT_A_STREET.search(text, start, end):
                yield start, end


_NHS_CANDIDATE = re.compile(r"(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d-])")


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=False))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def nhs_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Ten digits (3-3-4) whose last digit is the right check digit."""
    for match in _NHS_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) == 10 and not digits.startswith("0") and _nhs_checksum_ok(digits):
            yield match.span()


_NUMERIC_DATE = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{2,4}$")
#: Shorter national numbers are public helplines ("Childline on 0800 1111"), not a person's line.
_SHORTEST_PRIVATE_NUMBER = 9


def phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Telephone numbers as libphonenumber reads them, in national (0...) or international (+...) form.

    Leniency POSSIBLE, not VALID: Ofcom's ranges kept for drama and examples (07700 900xxx,
    01632 960xxx) are not "valid", yet a made-up number in a report must be caught the same way.
    A candidate must start with + or 0, as every UK number is written: that leaves out years,
    ranges ("2003-2007"), NHS numbers and paragraph numbers.
    """
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string
        if not raw.lstrip("(").startswith(("+", "0")) or _NUMERIC_DATE.match(raw):
            continue
        if len(phonenumbers.national_significant_number(match.number)) < _SHORTEST_PRIVATE_NUMBER:
            continue
        yield match.start, match.end


_INSTITUTION_TYPE = re.compile(
    r"\b(?:(?:Primary|Junior|Infants?|Secondary|High|Grammar|Special|Community|Middle|First|Free|Independent"
    r"|Preparatory|Prep|Boarding|Residential|Church\s+of\s+England|C\s+of\s+E|CE|Catholic|RC|Roman\s+Catholic"
    r"|Methodist|Day|Children['\u2019]s|Women['\u2019]s|General|District|Royal|Memorial|University|Community)\s+)*"
    r"(?:School|Academy|Nursery|Nursery\s+School|Pre-?[Ss]chool|Playgroup|Children['\u2019]s\s+Centre"
    r"|Family\s+Centre|Medical\s+Practice|Medical\s+Centre|Health\s+Centre|Family\s+Practice|Group\s+Practice"
    r"|Surgery|Hospital|Infirmary|Pupil\s+Referral\s+Unit|Care\s+Home|Nursing\s+Home|Residential\s+Home"
    r"|Children['\u2019]s\s+Home|Care\s+Centre|Hospice|(?<=[a-z] )hospital)\b"
    r"(?!\s+(?:NHS\s+)?(?:Foundation\s+)?Trusts?\b|\s+(?:Board|Services?|Partnership|Group|Council)\b)"
)
#: Words that do not name one place: "the Primary School", "a GP Surgery", "Sure Start Children's Centre".
_GENERIC_WORDS = words(
    """
    the a an this that our their his her its local nearby new old same another other each every
    gp gps nhs sure start primary junior infant infants secondary high grammar special community middle first
    free independent preparatory prep boarding residential church england catholic roman methodist day
    children's children’s women's women’s general district royal memorial university teaching acute
    maternity paediatric psychiatric mental health medical family group private state village local town
    city county national regional specialist tertiary main nursery school academy hospital surgery
    at in on from to by for with of and when after before then later both while during
    """
)
_CONNECTORS = frozenset({"of", "on", "upon", "the", "de", "la", "le"})
_NAME_WORD = re.compile(r"(?:St\.?|[A-Z][\w'\u2019.-]*)$")


def named_institutions(text: str) -> Iterator[tuple[int, int]]:
    """A school, nursery, GP practice or hospital with a name of its own: "Riverside Medical Practice"."""
    for match in _INSTITUTION_TYPE.finditer(text):
        words = list(re.finditer(r"\S+", text[: match.start()]))
        start = match.start()
        name_words: list[str] = []
        for word in reversed(words):
            token = word.group(0)
            if token[-1] in ',;:()"”“' or not (_NAME_WORD.match(token) or token in _CONNECTORS):
                break
            if text[word.end() : start].strip():
                break
            name_words.insert(0, token)
            start = word.start()
        while name_words and (name_words[0].casefold() in _GENERIC_WORDS or name_words[0] in _CONNECTORS):
            start = text.index(name_words[0], start) + len(name_words[0])
            name_words.pop(0)
            while start < match.start() and text[start] == " ":
                start += 1
        if name_words:
            yield start, match.end()
