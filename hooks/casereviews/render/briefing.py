"""A review's 7-minute briefing: one printed A4 page in the seven parts trainers use.

1. Background: the type of review, the board, when it was published, whom it is about.
2. Why it matters: the review's summary.
3. Key information: the year of the incident, the period and the agencies involved.
4. What the review found: the learning points, each by its first sentence.
5. Things to remember: the review's themes, each a link to the learning of every review on it.
6. What to do: the recommendations, each by its first sentence.
7. Questions for reflection: always three, built from the points (`reflection_questions`).

Under them, the review's stable address and a QR code to it (`qr_code`: made by zxing-cpp,
drawn by the template as inline SVG), so printing the page makes no request. Only listed
reviews with their full text online have a briefing (`Pages.briefings`); an archived or
withdrawn review's briefing address redirects to its page (`redirects.py`).
"""

from __future__ import annotations

import importlib.metadata
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

import zxingcpp

from ..cache import TextCache
from ..model.body import Point
from ..model.reviews import Review

#: Points shown in "What the review found" and "What to do"; the rest are counted, with a link.
MAX_FINDINGS = 6
MAX_ACTIONS = 5
#: A point's first sentence is cut at a clause boundary (or at this many words) to stay short.
MAX_WORDS = 35
CLAUSE_WORDS = 20
#: The QR code: error correction level M, with the standard quiet zone (4 modules) around it.
QR_ERROR = "M"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"

#: The question asked about the 1st, 2nd and 3rd source of a question (see `reflection_questions`).
QUESTION_FORMS = (
    "Where could this happen in your team's work, and how would you notice it?",
    "How does your team make sure this does not happen to the people you work with?",
    "What would your team do differently next week because of this?",
)
#: Questions for when a review has fewer than three points.
GENERAL_QUESTIONS = (
    "What in this review surprised you, and why?",
    "Who else in your organisation needs to know about this review?",
    "What one thing will you change in your own practice after reading it?",
)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+|<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")
_CLAUSE_END = re.compile(r"[,;:–—]\s")


def plain_text(markdown_text: str) -> str:
    """A point's one-line Markdown as plain text: link text kept, emphasis and tags dropped."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", markdown_text)).split())


def first_sentence(text: str, max_words: int = MAX_WORDS) -> str:
    """The first sentence of plain `text`; a longer one is cut at its first clause boundary
    after a few words, or failing that after `max_words` words, and ends with '…'."""
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    return opening_clause(sentence, max_words)


def opening_clause(sentence: str, max_words: int = CLAUSE_WORDS) -> str:
    """The sentence up to its first clause boundary (',', ';', ':', a dash) that leaves at
    least five words, when that is within `max_words` words; else its first `max_words` words.
    A cut sentence ends with '…'; a whole one keeps its full stop."""
    for match in _CLAUSE_END.finditer(sentence):
        clause = sentence[: match.start()]
        if len(clause.split()) >= 5:
            if len(clause.split()) <= max_words:
                return clause + "…"
            break
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


def reflection_questions(review: Review) -> list[tuple[str, str]]:
    """Three questions for a team meeting: (quoted opening, question), the opening possibly ''.

    The rule, the same for every review: the sources are the first three learning points, then
    (if there are fewer) the first recommendations. From the Nth source the question quotes
    the opening clause of its first sentence (`opening_clause`) and asks the Nth question of
    `QUESTION_FORMS`. When a review has fewer than three points in all, the rest are the
    general questions of `GENERAL_QUESTIONS`, in order, without a quotation.
    """
    sources = [*review.content.learning, *review.content.recommendations][:3]
    questions = []
    for position, point in enumerate(sources):
        sentence = first_sentence(plain_text(point.text), max_words=1000)
        questions.append((opening_clause(sentence), QUESTION_FORMS[position]))
    questions.extend(("", question) for question in GENERAL_QUESTIONS[: 3 - len(questions)])
    return questions


@dataclass(frozen=True)
class QrCode:
    """A QR code of `url`, as the briefing template draws it: a square of `size` modules (its
    quiet zone included) and the SVG path of its dark modules."""

    url: str
    size: int
    path: str

    @property
    def label(self) -> str:
        """Its text alternative."""
        return f"QR code: the address {self.url}"


def qr_code(url: str, cache: TextCache | None = None) -> QrCode:
    """The QR code of `url`, made by zxing-cpp (its encoder chooses the mask as the standard
    says, in C: a thousandth of a second a code), kept in `cache` by the address, the error
    level and zxing-cpp's version."""
    key = TextCache.key("qr", "zxing-cpp " + importlib.metadata.version("zxing-cpp"), QR_ERROR, url)
    kept = cache.get(key) if cache else None
    if kept is not None:
        size, _, path = kept.partition("\n")
        return QrCode(url, int(size), path)
    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=QR_ERROR)
    drawing = ElementTree.fromstring(barcode.to_svg(add_quiet_zones=True))  # noqa: S314 - zxing-cpp's own drawing
    dark = drawing.find(f".//{SVG_NAMESPACE}path")
    if dark is None or drawing.get("width") != drawing.get("height"):
        raise RuntimeError(f"zxing-cpp drew the QR code of {url} in a shape we do not read")
    code = QrCode(url, int(drawing.get("width", "0")), dark.get("d", ""))
    if cache:
        cache.put(key, f"{code.size}\n{code.path}")
    return code


@dataclass(frozen=True)
class ShortPoint:
    """A point as the briefing shows it: its label, anchor and its first sentence."""

    label: str
    anchor: str
    text: str
    group: str | None = None


def short_points(points: tuple[Point, ...], limit: int) -> tuple[list[ShortPoint], int]:
    """The first `limit` points by their first sentence, and how many more there are."""
    shown = [
        ShortPoint(point.label, point.anchor, first_sentence(plain_text(point.text)), point.group)
        for point in points[:limit]
    ]
    return shown, max(0, len(points) - limit)
