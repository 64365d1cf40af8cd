"""The catalogue of messages an author reads about content, each ending with what to do next.

A message finds the problem and says the fix: a date in another form gets its ISO form
written out, an identifying detail its ways out (replace it, or accept a false alarm with
the exact line to paste), a placeholder what to put in its place. Every entry of `CATALOGUE`
names its next step (tests/test_messages.py walks it, and checks that what `make check`
prints comes from it); the code that finds a problem fills an entry in with `message`, and
never writes its own wording of the same thing.

The entries are kept by subject: front matter (`front_matter`), what a review says
(`review_text`) and content/ as a whole (`content_folder`).
"""

from __future__ import annotations

from . import content_folder, front_matter, review_text
from .date_forms import date_suggestion, iso_form
from .entry import Message, found_expected


def _merged(*parts: dict[str, Message]) -> dict[str, Message]:
    """One catalogue from its parts; a key in two parts is a mistake."""
    merged: dict[str, Message] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        assert not twice, f"catalogue keys given twice: {sorted(twice)}"
        merged.update(part)
    return merged


CATALOGUE: dict[str, Message] = _merged(
    front_matter.READING,
    front_matter.FIELDS,
    front_matter.VALUES,
    front_matter.ACCEPTANCES,
    review_text.REVIEW,
    review_text.ACTION_PLAN,
    review_text.BODY,
    review_text.PUBLISHED,
    content_folder.FILES,
    content_folder.NAMES,
    content_folder.MOMENT,
)


def message(key: str, found: object = None, /, **values: object) -> str:
    """The catalogue's message `key`, its fields filled in; `found` (what was found) fills `{found}`."""
    if found is not None:
        values["found"] = found
    return CATALOGUE[key].filled(**values)


__all__ = ["CATALOGUE", "Message", "date_suggestion", "found_expected", "iso_form", "message"]
