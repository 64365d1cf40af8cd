"""Controlled vocabularies for review metadata, kept in one place.

Each mapping goes from the value an author writes in front matter to the label readers see.
The order of each mapping is the order used in filters and panels.
"""

from __future__ import annotations

from enum import StrEnum

REVIEW_TYPES: dict[str, str] = {
    "serious-case-review": "Serious case review",
    "child-safeguarding-practice-review": "Child safeguarding practice review",
    "learning-review": "Learning review",
    "rapid-review": "Rapid review",
    "child-practice-review": "Child practice review (Wales)",
    "safeguarding-adults-review": "Safeguarding adults review",
    "domestic-homicide-review": "Domestic homicide review",
    "adult-practice-review": "Adult practice review (Wales)",
    "single-unified-safeguarding-review": "Single unified safeguarding review (Wales)",
    "thematic-review": "Thematic review",
}

#: Whom each type of review is about ('all': either, e.g. a domestic homicide or thematic review).
TYPE_AUDIENCE: dict[str, str] = {
    "serious-case-review": "children",
    "child-safeguarding-practice-review": "children",
    "learning-review": "all",
    "rapid-review": "children",
    "child-practice-review": "children",
    "safeguarding-adults-review": "adults",
    "domestic-homicide-review": "all",
    "adult-practice-review": "adults",
    "single-unified-safeguarding-review": "all",
    "thematic-review": "all",
}

#: Review types whose published summary may have no recommendations: Welsh practice reviews
#: (learning is their product), local learning, rapid and thematic reviews. A joint review
#: needs recommendations if any of its types does.
RECOMMENDATIONS_OPTIONAL = frozenset(
    {
        "child-practice-review",
        "adult-practice-review",
        "single-unified-safeguarding-review",
        "learning-review",
        "rapid-review",
        "thematic-review",
    }
)


class Status(StrEnum):
    """What an author writes in `status:`; the policy turns it into what the public sees (`Visibility`)."""

    PUBLISHED = "published"
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"


STATUSES: dict[str, str] = {
    Status.PUBLISHED: "Published",
    Status.DRAFT: "Draft (never published)",
    Status.WITHDRAWN: "Withdrawn",
}

AGE_BANDS: dict[str, str] = {
    "unborn": "Unborn",
    "under-1": "Under 1",
    "1-4": "1 to 4",
    "5-9": "5 to 9",
    "10-14": "10 to 14",
    "15-17": "15 to 17",
    "18-24": "18 to 24",
    "25-64": "25 to 64",
    "65-plus": "65 and over",
    "adult": "Adult",
}

ADULT_AGE_BANDS = frozenset({"18-24", "25-64", "65-plus", "adult"})

#: Whom a theme concerns.
AUDIENCES: dict[str, str] = {
    "children": "Children and young people",
    "adults": "Adults",
    "all": "Children and adults",
}

#: Proceedings that ran beside the review (they often delay publication).
PARALLEL_PROCEEDINGS: dict[str, str] = {
    "criminal-trial": "Criminal trial",
    "inquest": "Inquest",
    "family-court": "Family court proceedings",
    "civil-proceedings": "Civil proceedings",
    "regulatory-proceedings": "Professional regulatory proceedings",
}

OUTCOMES: dict[str, str] = {
    "death": "Death",
    "serious-harm": "Serious harm",
    "other": "Other",
}

AGENCIES: dict[str, str] = {
    "health": "Health",
    "gp": "General practice (GP)",
    "ambulance": "Ambulance service",
    "children-social-care": "Children's social care",
    "adult-social-care": "Adult social care",
    "police": "Police",
    "education": "Education",
    "early-years": "Early years",
    "substance-misuse-services": "Substance misuse services",
    "mental-health": "Mental health services",
    "probation": "Probation",
    "youth-justice": "Youth justice",
    "housing": "Housing",
    "residential-care": "Residential care",
    "other-local-authority": "Another local authority",
    "voluntary-sector": "Voluntary sector",
}
