"""Anonymisation check: finds details in published text that could identify a child, an adult or a family.

Executive summaries are anonymised by law, yet published reports have still carried dates
of birth and death, home addresses, telephone numbers and people's names. Each rule looks for
one kind of identifying detail in text units: pieces of text exactly as they will be published,
with the source's line breaks joined, so that a detail wrapped over two lines is still found.
Ordinary dates and numbers ("the panel met on 27 February 2007", "Working Together 2018",
"Section 47", "Recommendation 24") are not findings.

A finding is printed as `path:line: rule: matched text (in field)`. An author accepts findings
with an inline marker in the same unit, `<!-- accept phone-number: Childline's national number -->`,
or with an entry in the review's `accepted_findings` front matter (rule, text, reason).
Accepted findings stay in the report, marked as accepted, with their reason.

The check is a safety net, not a substitute for the editor's reading.
"""

from .checker import RULES, RULES_VERSION, Checker, Finding, Rule, read_name_list, unused_acceptances
from .evaluation import (
    CORPUS_LISTED_NAMES,
    LabelledSentence,
    RuleScore,
    evaluate,
    load_corpus,
    misses,
    score_table,
)
from .text import ACCEPT_MARKER, TextUnit, unit_from_lines, units_from_lines

__all__ = [
    "ACCEPT_MARKER",
    "CORPUS_LISTED_NAMES",
    "RULES",
    "RULES_VERSION",
    "Checker",
    "Finding",
    "LabelledSentence",
    "Rule",
    "RuleScore",
    "TextUnit",
    "evaluate",
    "load_corpus",
    "misses",
    "read_name_list",
    "score_table",
    "unit_from_lines",
    "units_from_lines",
    "unused_acceptances",
]
