"""The sections of a review body that hold points, and the headings real reports give them.

Authors and imported reports head their learning "Lessons learned", "Key findings" or
"Practice and organisational learning" (the Welsh child practice review template); each heading
here, normalised (`model.body.normalised_heading`), names the kind of points its section holds.
"""

from __future__ import annotations

LEARNING = "learning"
RECOMMENDATION = "recommendation"

#: Heading words (normalised: lower case, no punctuation or section number) → kind of points.
LEARNING_HEADINGS = (
    "learning",
    "lessons learned",
    "lessons learnt",
    "lessons to be learned",
    "lessons to be learnt",
    "key learning",
    "key lessons",
    "learning points",
    "key learning points",
    "findings",
    "key findings",
    "findings and learning",
    "learning and findings",
    "what we learned",
    "what we learnt",
    "learning from the review",
    "learning from this review",
    "practice and organisational learning",
    "issues identified",
    "lessons identified",
    "learning identified",
)
RECOMMENDATION_HEADINGS = (
    "recommendations",
    "key recommendations",
    "recommendations for agencies",
    "recommendations for the board",
    "recommendations for the partnership",
    "recommendations and actions",
    "multi agency recommendations",
    "single agency recommendations",
    "agency recommendations",
    "board recommendations",
    "conclusions and recommendations",
    "considerations for the board",
    "improving systems and practice",
    "actions we are taking",
    "what needs to change",
)
POINT_SECTIONS = {
    **dict.fromkeys(LEARNING_HEADINGS, LEARNING),
    **dict.fromkeys(RECOMMENDATION_HEADINGS, RECOMMENDATION),
}
#: The heading as authors usually write it, for messages.
SECTION_TITLES = {LEARNING: "Learning", RECOMMENDATION: "Recommendations"}
READABLE = {LEARNING: "learning point", RECOMMENDATION: "recommendation"}
SECTION_NAMES = {LEARNING: "learning", RECOMMENDATION: "recommendations"}
