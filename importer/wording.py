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
        "summary", "brief summary", "summary of the review", "the facts", "brief facts", "what happened?",
        "brief facts leading to this review", "circumstances", "circumstances of the case", "the case",
        "summary of events", "summary of the case", "case summary", "summary of the events", "the events",
        "what happened", "brief summary of events", "chronology", "summary of key events", "narrative",
        "key events", "summary of case", "the circumstances", "circumstances leading to the review",
        "circumstances of the review", "summary of the circumstances",
    ),
    BACKGROUND: (
        "background", "family background", "background to the review", "the family", "family composition",
        "background history", "family situation", "about the person", "who was", "pen picture", "pen portrait",
    ),
    LEARNING: (
        "learning", "key learning", "lessons learned", "lessons learnt", "lessons to be learned",
        "lessons to be learnt", "learning points", "key learning points", "learning from the review",
        "learning from this review", "findings", "key findings", "findings and learning", "learning and findings",
        "what we learned", "what we learnt", "what have we learned", "what we have learned", "key lessons",
        "lessons", "practice and organisational learning", "issues identified", "lessons identified",
        "learning identified", "learning themes", "themes and learning", "key themes and learning",
        "findings and learning points", "what did the review find?", "what did the reviews tell us?",
        "what the review found", "what did we learn?", "key learning from the review", "learning for practice",
    ),
    RECOMMENDATIONS: (
        "recommendations", "recommendation", "key recommendations", "recommendations for the board",
        "recommendations for agencies", "agency recommendations", "single agency recommendations",
        "multi-agency recommendations", "multi agency recommendations", "recommendations for the partnership",
        "recommendations and actions", "board recommendations", "what needs to change",
        "improving systems and practice", "considerations for the board", "conclusions and recommendations",
        "actions we are taking", "actions taken", "actions", "what we are doing", "what is being done",
        "recommendations for the safeguarding board", "recommendations for the safeguarding partnership",
        "recommendations for the community safety partnership", "single agency and multi-agency recommendations",
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
        "preface", "foreword", "executive summary", "process", "review process", "the panel", "review panel",
        "panel", "equalities", "equality and diversity", "parallel processes", "parallel proceedings",
        "decision to conduct this review", "decision to conduct this serious case review", "contributors",
        "involvement of family members", "involvement of the family", "the family's views", "family views",
        "good practice", "what went well", "timescales", "dissemination", "references", "bibliography",
        "narrative chronology", "chronology of events", "analysis of involvement", "key issues",
        "key practice episodes",
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
    "reviewer": (
        "author", "authors", "report author", "independent author", "overview author", "overview report author",
        "independent reviewer", "independent reviewers", "lead reviewer", "reviewer", "reviewers",
        "independent chair", "independent chair and author", "chair and author", "review panel chair",
        "panel chair", "independent overview report writer", "report writer", "lead reviewers",
        "independent chair and author of report", "independent chair and author of the report",
        "author of report", "author of the report", "chair and author of the report",
    ),
}  # fmt: skip

#: How boards and partnerships end their names.
BOARD_KINDS: tuple[str, ...] = (
    "Local Safeguarding Children Board", "Local Safeguarding Children's Board", "Safeguarding Children Board",
    "Safeguarding Children's Board", "Local Safeguarding Children Partnership", "Safeguarding Children Partnership",
    "Safeguarding Children's Partnership", "Regional Safeguarding Children Board", "Safeguarding Adults Board",
    "Safeguarding Adult Board", "Area Child Protection Committee", "Safeguarding Partnership",
    "Safeguarding Adults Partnership", "Safeguarding Adult Partnership", "Safeguarding Children Board",
    "Safeguarding Adult's Board", "Safeguarding Adults' Board",
    "Safeguarding Board", "Community Safety Partnership", "Safer Communities Partnership", "LSCB", "LSCP",
    "SCB", "SCP", "SAB", "ACPC", "CSP",
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
        "today",
        "yesterday",
        "recently",
        "now",
        "when",
        "where",
        "as",
        "at",
    ]
)
#: Words reports put before a letter to name a person: "Child K", "Baby E", "Adult D", "Mr C".
PSEUDONYM_WORDS: tuple[str, ...] = (
    "Young Person", "Young person", "Child", "Baby", "Infant", "Adult", "Family", "Subject", "Mr", "Mrs", "Ms",
    "Miss", "Mx",
)  # fmt: skip
#: Words that follow "known as", "into the death of" and the like without being a pseudonym.
NOT_A_PSEUDONYM = frozenset(
    [
        "a", "an", "the", "his", "her", "their", "this", "that", "these", "those", "our", "its", "all", "any", "one",
        "two", "three", "child", "children", "adult", "adults", "baby", "person", "people", "mother", "father",
        "mr", "mrs", "ms", "miss", "family", "victim", "subject", "review", "reviews", "executive", "summary",
        "overview", "report", "serious", "case", "safeguarding", "domestic", "homicide", "learning", "local",
        "multi", "lessons", "key", "practice", "self", "young", "older", "and", "with", "from", "into", "for",
        "was", "is", "who", "whom", "which", "what", "when", "where", "appendix", "section", "part", "page",
        "contents", "introduction", "background", "i", "ii", "iii", "iv", "v", "it", "he", "she", "they", "we",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "death", "deaths", "dhr", "sar", "scr", "cspr", "lscb", "sab", "csp", "uk",
        "operation", "protection", "safeguarding", "practice", "sexual", "exploitation", "health", "services",
        "care", "abuse", "welfare", "social", "mental", "development", "poverty", "trafficking", "criminal",
        "in", "at", "on", "of", "to", "by", "as", "or", "if", "so", "no", "not", "yes", "panel", "board", "team",
        # a report's own headings, alone on a line of a contents page
        "recommendation", "conclusion", "finding", "methodology", "glossary", "reference", "chronology",
        "analysis", "process", "purpose", "scope", "terms", "acknowledgement", "foreword", "preface", "signature",
    ]
)  # fmt: skip
#: Words that are never part of a reviewer's name (they are roles, places or organisations).
NOT_IN_PERSON_NAME = frozenset(
    [
        "board", "partnership", "council", "safeguarding", "children", "adults", "review", "report", "summary",
        "executive", "overview", "independent", "community", "safety", "trust", "nhs", "police", "ltd", "limited",
        "associates", "consultancy", "consulting", "services", "university", "team", "panel", "chair", "author",
        "reviewer", "writer", "the", "final", "version", "draft", "restricted", "official", "sensitive",
        "protected", "confidential", "page", "date", "published", "domestic", "homicide", "case", "serious",
    ]
)  # fmt: skip
#: What covers put before a review type without saying which review: "The Overview Report of the …".
TITLE_PREFIXES = (
    "", "the ", "a ", "the overview report of the ", "overview report of the ", "overview report on the ",
    "the overview report into the ", "executive summary of the ", "report of the ", "report into the ",
)  # fmt: skip
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
        "7-minute briefing",
        "overview",
        "final version",
        "contents",
        "learning brief",
        "learning briefing",
        "briefing note",
        "executive summary and overview report",
        "overview report and executive summary",
        *(
            f"{prefix}{words}{suffix}"
            for words in [*(words for words, _ in REVIEW_TYPE_WORDING), *(a.lower() for a in REVIEW_TYPE_ABBREVIATIONS)]
            for prefix in TITLE_PREFIXES
            for suffix in ("", " executive summary", " overview report", " report", "s", " - executive summary")
        ),
    ]
)
#: Lines a document-sharing site wraps a document in (vdocuments, pdfslide, docplayer…): its
#: header is not the document, and the document's own cover starts after it.
SITE_CHROME: tuple[str, ...] = (
    r"upload(?::\s*\S+)?", r"others", r"post on \d{1,2}-\w{3}-\d{4}", r"\d+ views?", r"category:?", r"documents",
    r"\d+ downloads?", r"transcript", r"transcription", r"embed size \(px\)", r"citation preview",
    r"click here to load reader", r"size: px", r"start display at page:?", r"download \".*\"", r"view", r"download",
    r"view \d+", r"download \d+", r"report this link", r"skip to (?:main )?content", r"accessibility statement.*",
    r"quickly leave this website", r"updated on:?", r"transcript of .*", r"date post: .*", r"view: \d+ times?",
    r"download: \d+ times?", r"share this document with a friend", r"home > documents > .*", r"\+ all categories",
    r"report this document", r"click here to load reader", r"search form", r"search", r"menu", r"main menu",
    r"category: upload: \S+", r"\d+ \| p a g e", r"www\.\S+",
)  # fmt: skip
#: Words that end a title, not start a board's place: "Serious Case Review LSCB".
NOT_IN_BOARD_PLACE = frozenset(
    ["review", "reviews", "serious", "case", "report", "summary", "executive", "overview", "homicide", "domestic",
     "consideration", "re-consideration", "of", "by", "copyright", "practice", "january", "february", "march",
     "april", "may", "june", "july", "august", "september", "october", "november", "december"]
)  # fmt: skip
