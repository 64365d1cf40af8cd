"""The date-of-birth-or-death rule: a full date that dates a birth or a death.

A date is a finding when a birth or death word (any verb of dying or killing: "died",
"was fatally stabbed", "took her own life", "was found hanged") is in the same sentence and
is the event nearest to the date. A lifespan is a finding wherever it stands: two full
dates joined by a dash or "to" just after a name ("Sam (14th August 1979 – 3rd October
2018)", "Tom, 1 December 1969 to 5 March 2019,") or marked "b." and "d.".

Other events (a meeting, a panel, a report, a referral, a visit, an admission, a court
hearing, an inquest...) compete: "The panel met on 27 February 2007, two weeks after
the death" dates the meeting, not the death. Distance counts characters, and each clause
break (comma, semicolon, bracket, dash) between the date and a word counts as a long way, so
a word in the date's own clause wins. On a tie the birth or death word wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import sentences

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)"
#: A day and month (with or without a year: "died on 5th April" is a date of death too),
#: a month, day and year, a numeric date or an ISO date.
_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?:the\s+)?{_DAY}(?:\s?{_ORDINAL})?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+(?:19|20)\d\d)?"
    rf"|{_MONTH}\.?\s+(?:the\s+)?{_DAY}(?:\s?{_ORDINAL})?,?\s+(?:19|20)\d\d"
    rf"|{_DAY}([/.-])(?:1[0-2]|0?[1-9])\1(?:(?:19|20)\d\d|\d\d)"
    r"|(?:19|20)\d\d-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])"
    r")(?![\w/]|\.\d|-\d)"
)
_LIFE = re.compile(
    r"\b(?:born|stillborn|births?|date\s+of\s+(?:birth|death)|D\.O\.B\b\.?|DOB|D\.O\.D\b\.?|DOD"
    r"|died|dies|death|deaths|dead|killed|murdered|passed\s+away|deceased"
    r"|fatally|fatal|stabbed|strangled|smothered|suffocated|(?:was|were|been)\s+shot|hanged|drowned|poisoned|bludgeoned"
    r"|succumbed|took\s+(?:his|her|their)\s+own\s+life|suicide|homicide|manslaughter|murder"
    r"|could\s+not\s+be\s+(?:revived|resuscitated)|pronounced\s+(?:dead|life\s+extinct)"
    r"|delivered\s+by\s+(?:emergency\s+)?(?:caesarean|c-section)|caesarean\s+section)\b",
    re.IGNORECASE,
)
#: Events other than a birth or a death that a date in a case review often belongs to.
_OTHER_EVENT = re.compile(
    r"\b(?:met|meets?|meetings?|panels?|reports?|reported|reviews?|reviewed|commissioned|published"
    r"|publication|convened|referrals?|referred|conferences?|visits?|visited|appointments?|hearings?"
    r"|inquests?|trials?|courts?|sentenced|convicted|charged|arrested|interviews?|interviewed"
    r"|notifications?|notified|assessments?|assessed|discussions?|letters?|wrote|written|signed|approved"
    r"|agreed|held|dated|seen|saw|attended|admitted|admission|discharged|moved|started|began|closed"
    r"|allocated|transferred|initiated|completed|inspections?|inspected|examined|examination"
    r"|post-?mortem|contacted|telephoned|called|recorded|received|sent|submitted|issued|registered"
    r"|booked|scans?|consultations?|decided|decision|raised|pleaded|proceedings|incident|attendance"
    r"|enrolled|excluded|placement|released|concluded|adjourned|opened|ruled|verdict)\b",
    re.IGNORECASE,
)
#: A label ("DOB:", "date of death") names the date that follows it, whatever else is near.
_LABEL = re.compile(r"date\s+of\s+(?:birth|death)|D\.?O\.?[BD]\b", re.IGNORECASE)
#: A birth or death used as a point of reference ("two weeks after the death", "before she
#: died") or as the object of another event ("notified of the death") does not own a date.
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:after|following|before|since|until|prior\s+to)\s+(?:(?:the|his|her|their|a|[A-Z]\w*['\u2019]s|[A-Z])\s+)?"
    r"|\b(?:notified|informed|told|aware|news|review|reviews|inquiry|inquest|investigation|report|reported)"
    r"\s+(?:of|about|into|regarding|on)\s+(?:(?:the|his|her|their|a|[A-Z]\w*['\u2019]s)\s+)?)$",
)
#: The reference-point part of the above alone: "following the death", "after his death".
_FOLLOWING_BEFORE = re.compile(
    r"\b(?:after|following|since)\s+(?:(?:the|his|her|their|a|[A-Z]\w*['\u2019]s|[A-Z])\s+)?$",
)
#: "died three days later": the death is later than a date before it.
_LATER_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}(?:later|afterwards)\b")
_CLAUSE_BREAK = re.compile(r"[,;()–—]|\s-\s")
_CLAUSE_COST = 40
#: How far before a date a birth or death word may stand and still be shown with it.
_SHOWN_WITH = 30
_LABEL_REACH = 40


#: A full date, as one group for a lifespan: day, month and year in any written form.
_FULL_DATE = (
    rf"(?:(?:the\s+)?{_DAY}(?:\s?{_ORDINAL})?\s?(?:of\s+)?{_MONTH}\.?,?\s+(?:19|20)\d\d"
    rf"|{_MONTH}\.?\s+(?:the\s+)?{_DAY}{_ORDINAL}?,?\s+(?:19|20)\d\d"
    rf"|{_DAY}[/.-](?:1[0-2]|0?[1-9])[/.-](?:(?:19|20)\d\d|\d\d))"
)
#: Two full dates joined by a dash or "to", maybe marked "b." and "d.": a lifespan, when a name
#: stands before it ("Ray (22nd November 1956 – 8th July 2020)", "Tom, 1 December 1969 to 5 March 2019").
_LIFESPAN = re.compile(
    rf"(?P<before>[A-Z][\w'’-]*[,)]?\s*)(?P<span>\(?\s*(?:b\.|born)?\s*{_FULL_DATE}\s*"
    rf"(?:[-–—]|to|until|,\s*(?:d\.|died))\s*(?:d\.|died)?\s*{_FULL_DATE}\s*\)?)"
)
#: Words before a range that make it a period, not a life: "the period 1 January 2019 – 31 March 2020".
_PERIOD = re.compile(r"\b(?:period|from|between|covering|covered|during|timeframe|scope|dated?)\s*[:(]?\s*$", re.I)


def lifespans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each lifespan of full dates after a name, in any sentence."""
    for match in _LIFESPAN.finditer(text):
        if _PERIOD.search(text, max(0, match.start() - 40), match.start("span")):
            continue
        yield match.start("span"), match.end("span")


def _distance(sentence: str, start: int, end: int, word: re.Match[str]) -> int:
    if word.end() <= start:
        between = sentence[word.end() : start]
    elif word.start() >= end:
        between = sentence[end : word.start()]
    else:
        return 0
    return len(between) + _CLAUSE_COST * len(_CLAUSE_BREAK.findall(between))


def dates_of_birth_or_death(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each full date in `text` tied to a birth or a death, and each lifespan."""
    yield from lifespans(text)
    for sentence_start, sentence_end in sentences(text):
        sentence = text[sentence_start:sentence_end]
        every_life = list(_LIFE.finditer(sentence))
        lives = [word for word in every_life if not _REFERENCE_BEFORE.search(sentence, 0, word.start())]
        # "following the death on 1st March 2014": a death used as a reference still owns the date right after it.
        owned = {
            date.start()
            for word in every_life
            if word not in lives and _FOLLOWING_BEFORE.search(sentence, 0, word.start())
            for date in _DATE.finditer(sentence)
            if re.fullmatch(r"\s+(?:on\s+)?(?:the\s+)?", sentence[word.end() : date.start()])
        }
        if not lives and not owned:
            continue
        others = list(_OTHER_EVENT.finditer(sentence))
        for date in _DATE.finditer(sentence):
            start, end = date.span()
            if start in owned:
                yield sentence_start + start, sentence_start + end
                continue
            if not lives:
                continue
            label = any(
                word.end() <= start and len(sentence[word.end() : start]) <= _LABEL_REACH
                for word in _LABEL.finditer(sentence)
            )
            candidates = [
                word for word in lives if not (word.start() >= end and _LATER_AFTER.match(sentence, word.end()))
            ]
            if not candidates:
                continue
            nearest_life = min(candidates, key=lambda word: _distance(sentence, start, end, word))
            life_distance = _distance(sentence, start, end, nearest_life)
            if not label and any(_distance(sentence, start, end, other) < life_distance for other in others):
                continue
            gap = sentence[nearest_life.end() : start]
            if nearest_life.end() <= start and len(gap) <= _SHOWN_WITH and not _CLAUSE_BREAK.search(gap):
                start = nearest_life.start()
            yield sentence_start + start, sentence_start + end
