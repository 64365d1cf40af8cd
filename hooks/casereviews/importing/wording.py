"""The words reports use, as data: review types, section headings, field labels, board kinds.

Adding a wording here is all it takes for the importer to recognise it. Every review type
slug here is one of the content model's (`model/vocabulary.py`); the section wordings
include every heading the model accepts (`model/body.py`), since drafts are written with
the plain `## Learning` and `## Recommendations`.
"""

from __future__ import annotations

#: (wording, review type slug). Longer wordings first: "child safeguarding practice review"
#: must win over "practice review". Matched case-insensitively on word boundaries.
REVIEW_TYPE_WORDING: tuple[tuple[str, str], ...] = (
    ("single unified safeguarding review", "single-unified-safeguarding-review"),
    ("local child safeguarding practice review", "child-safeguarding-practice-review"),
    ("national child safeguarding practice review", "child-safeguarding-practice-review"),
    ("child safeguarding practice review", "child-safeguarding-practice-review"),
    ("concise child practice review", "child-practice-review"),
    ("extended child practice review", "child-practice-review"),
    ("child practice review", "child-practice-review"),
    ("adult practice review", "adult-practice-review"),
    ("safeguarding adults review", "safeguarding-adults-review"),
    ("safeguarding adult review", "safeguarding-adults-review"),
    ("domestic homicide review", "domestic-homicide-review"),
    ("serious case review", "serious-case-review"),
    ("part 8 review", "serious-case-review"),
    ("thematic review", "thematic-review"),
    ("rapid review", "rapid-review"),
    ("learning review", "learning-review"),
)
#: Abbreviations, matched in capitals only.
REVIEW_TYPE_ABBREVIATIONS: dict[str, str] = {
    "SUSR": "single-unified-safeguarding-review",
    "CSPR": "child-safeguarding-practice-review",
    "LCSPR": "child-safeguarding-practice-review",
    "CPR": "child-practice-review",
    "APR": "adult-practice-review",
    "SAR": "safeguarding-adults-review",
    "DHR": "domestic-homicide-review",
    "SCR": "serious-case-review",
}

SUMMARY = "summary"
BACKGROUND = "background"
LEARNING = "learning"
RECOMMENDATIONS = "recommendations"
CONTACT = "contact"
OTHER = "other"

#: Heading words (lower case, without numbering or a final colon) → kind of section.
#: A heading matches a wording exactly, or starts with it followed by a space
#: ("Lessons to be learned from Child L").
SECTION_WORDING: dict[str, tuple[str, ...]] = {
    SUMMARY: (
        "summary of events", "summary of the case", "case summary", "summary of the events", "the events",
        "what happened", "brief summary of events", "chronology", "summary of key events", "narrative",
        "key events", "summary of case", "the circumstances", "circumstances leading to the review",
        "circumstances of the review", "summary of the circumstances",
    ),
    BACKGROUND: ("background", "family background", "background to the review", "the family", "family composition"),
    LEARNING: (
        "learning", "key learning", "lessons learned", "lessons learnt", "lessons to be learned",
        "lessons to be learnt", "learning points", "key learning points", "learning from the review",
        "learning from this review", "findings", "key findings", "findings and learning", "learning and findings",
        "what we learned", "what we learnt", "what have we learned", "what we have learned", "key lessons",
        "lessons",
    ),
    RECOMMENDATIONS: (
        "recommendations", "recommendation", "key recommendations", "recommendations for the board",
        "recommendations for agencies", "agency recommendations", "single agency recommendations",
        "multi-agency recommendations", "multi agency recommendations", "recommendations for the partnership",
        "recommendations and actions", "board recommendations", "what needs to change",
    ),
    CONTACT: (
        "contact", "contact details", "contacts", "further information", "for further information",
        "enquiries", "copies of this report", "how to contact us", "contact us",
    ),
    OTHER: (
        "introduction", "process of the review", "the review process", "methodology", "terms of reference",
        "good practice", "good practice identified", "conclusion", "conclusions", "overview", "analysis",
        "race, language, culture, religion and disability", "appendix", "glossary", "next steps",
        "the review", "scope of the review", "involvement of the family", "family involvement", "purpose",
        "purpose of the review", "reflective questions", "questions for reflection", "acknowledgements",
    ),
}  # fmt: skip

#: Labels in a cover block or title page: "Published: March 2011".
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("title", "title of review", "review title", "title of the review"),
    "board": (
        "board", "safeguarding board", "partnership", "safeguarding partnership", "published by",
        "commissioned by", "lscb", "sab",
    ),
    "published": ("date of publication", "publication date", "date published", "published on", "published"),
    "review_type": ("review type", "type of review", "type"),
    "reviewer": ("independent reviewer", "reviewer", "author", "independent author", "lead reviewer"),
}  # fmt: skip

#: How boards and partnerships end their names.
BOARD_KINDS: tuple[str, ...] = (
    "Local Safeguarding Children Board", "Local Safeguarding Children's Board", "Safeguarding Children Board",
    "Safeguarding Children's Board", "Local Safeguarding Children Partnership", "Safeguarding Children Partnership",
    "Safeguarding Children's Partnership", "Regional Safeguarding Children Board", "Safeguarding Adults Board",
    "Safeguarding Adult Board", "Area Child Protection Committee", "Safeguarding Partnership",
    "Safeguarding Board", "Community Safety Partnership", "LSCB", "LSCP", "SCB", "SCP", "SAB", "ACPC",
)  # fmt: skip
#: Words a board's name does not start with, though they may be capitalised before it.
NOT_IN_BOARD_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "by",
        "for",
        "to",
        "of",
        "in",
        "on",
        "and",
        "with",
        "from",
        "following",
        "within",
        "across",
        "both",
        "each",
        "our",
        "their",
        "its",
        "was",
        "is",
        "were",
        "are",
        "chair",
        "independent",
        "review",
        "report",
    ]
)
#: Words reports put before a letter to name a person: "Child K", "Baby E", "Adult D".
PSEUDONYM_WORDS: tuple[str, ...] = ("Young Person", "Young person", "Child", "Baby", "Infant", "Adult", "Family")
#: Titles that say nothing about the review itself.
GENERIC_TITLES = frozenset(
    [
        "executive summary",
        "overview report",
        "summary",
        "report",
        "summary report",
        "final report",
        "the review",
        "review",
        "executive summary report",
        "learning summary",
        "briefing",
        "7 minute briefing",
        "seven minute briefing",
    ]
)
