"""Controlled vocabularies for review metadata, kept in one place.

Each mapping goes from the value an author writes in front matter to the label readers see.
The order of each mapping is the order used in filters and panels.
"""

from __future__ import annotations

REVIEW_TYPES: dict[str, str] = {
    "serious-case-review": "Serious case review",
    "child-safeguarding-practice-review": "Child safeguarding practice review",
    "learning-review": "Learning review",
    "rapid-review": "Rapid review",
    "child-practice-review": "Child practice review (Wales)",
    "safeguarding-adults-review": "Safeguarding adults review",
}

STATUSES: dict[str, str] = {
    "published": "Published",
    "draft": "Draft (never published)",
    "withdrawn": "Withdrawn",
}

AGE_BANDS: dict[str, str] = {
    "unborn": "Unborn",
    "under-1": "Under 1",
    "1-4": "1 to 4",
    "5-9": "5 to 9",
    "10-14": "10 to 14",
    "15-17": "15 to 17",
    "adult": "Adult",
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
