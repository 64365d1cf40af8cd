"""Messages about what a review says: its fields read together, its action plan, its body, and
what of it would be published (identifying details, links, embedded files, HTML)."""

from __future__ import annotations

from .entry import Message, found_expected

_CHECK_BOTH_DATES = "check both dates against the source report and correct the one that is wrong"

#: Fields read together, and the themes a review names.
REVIEW: dict[str, Message] = {
    "future-publication": Message(
        "found {found}, a date in the future; expected the date the review was published",
        "correct the date, or, to hold the review back until a date, use embargo_until",
    ),
    "future-date": Message(
        "found {found}, a date in the future; expected {what}",
        "correct the date: what has happened cannot be dated after today",
    ),
    "dates-out-of-order": Message("found {found}, {relation}; expected {what}", _CHECK_BOTH_DATES),
    "beside-subjects": Message(
        "is given beside subjects; expected one or the other",
        "move it under subjects: give each person's age, age_band and outcome there",
    ),
    "withdrawal-detail": Message(
        "{found}: a withdrawn review needs {what}",
        "add it (see README, 'Withdrawing, embargoes and old reviews')",
    ),
    "withdrawal-only": Message(
        "is only used with status: withdrawn, but the status is '{status}'",
        "remove it, or set status: withdrawn if the review has been withdrawn",
    ),
    "unknown-theme": found_expected(
        "a theme from content/themes/ (its file name, title or one of its aliases){hint}",
        "pick a theme from content/themes/, or add this word to the aliases of the theme it means",
    ),
    "theme-twice": Message(
        "found {found}, which names the theme '{theme}' already listed; expected each theme once",
        "remove it",
    ),
    "theme-audience": Message(
        "found {found}, a theme about {theme_audience}, on a review about {audience}; expected themes for the "
        "people the review is about (or a theme for all)",
        "replace it with a theme about {audience} or for all, or check the review's types and age bands",
    ),
}

#: The items of an action plan, checked against the review and the day.
ACTION_PLAN: dict[str, Message] = {
    "recommendation-reference": found_expected(
        "a recommendation's number as on the page (e.g. 3) or its id",
        "write the number the recommendation has on the review's page",
    ),
    "ambiguous-recommendation": Message(
        "found {found}, which numbers a recommendation in more than one group ({groups}); expected the group "
        "and number, e.g. {example}, or the recommendation's id ({anchor})",
        "write the group before the number, as in the example",
    ),
    "no-recommendations": Message(
        "found {found}, but the review has no recommendations; expected a recommendation of this review "
        "(an action plan tracks its recommendations)",
        "add the recommendations to the review's text, or remove the action plan",
    ),
    "unknown-recommendation": found_expected(
        "a recommendation of this review: {choices} (or its id)",
        "pick one of the listed recommendations",
    ),
    "action-date-missing": Message(
        "is missing: expected the date {what}",
        "add the date, or change the status",
    ),
    "date-without-status": Message(
        "is given, but the status is '{status}'; expected status {statuses} (or no {part} date)",
        "change the status, or remove the date",
    ),
}

#: The body's sections and points.
BODY: dict[str, Message] = {
    "second-section": Message(
        "found a second {section} section '## {title}' (the first is '## {first}' on line {line}); expected one, "
        "with groups under '### ' headings",
        "move its points into the first, under a '### ' heading, and delete this heading",
    ),
    "level-1-heading": Message(
        "found a level-1 heading {found}, expected '## ' headings only (the title comes from the front matter)",
        "write it as '## {heading}', or delete it if it repeats the title",
    ),
    "missing-section": Message(
        "has no {section} section: found {found}; expected '## {title}' or one of: {others}{hint}{extra}",
        "add a '## {title}' section with its {points}, or rename the heading that holds them",
    ),
    "no-points": Message(
        "'## {title}' has no {points}: expected a list of them, numbered (1., 1), 8.1) or bulleted (-)",
        "write each of them as an item of a list under the heading",
    ),
    "mixed-list": Message(
        "found a {style} item in a {list_style} list in '## {title}'; expected one style per list",
        "write it like the other items, or put a sentence between the two lists to separate them",
    ),
    "item-number": Message(
        "item in '## {title}' is numbered {found}, expected {expected}",
        "number the items 1, 2, 3 … in order",
    ),
    "paragraph-number": Message(
        "paragraph numbered {found} in '## {title}' follows {previous}; expected {expected}",
        "renumber the paragraphs in order",
    ),
    "point-id": Message(
        "found the id {{#{id}}}, expected lower-case letters, digits and hyphens starting with a letter, "
        "e.g. {{#father-not-known}}",
        "write the id that way, or delete it (the item then gets a numbered anchor)",
    ),
    "automatic-id": Message(
        "found the id {{#{id}}}, which looks like an automatic anchor; expected a descriptive id, "
        "e.g. {{#father-not-known}}",
        "replace it with words saying what the item is about",
    ),
    "empty-point": Message(
        "{point} {number} in '## {title}' is empty, expected text",
        "write its text, or delete the empty item",
    ),
    "anchor-taken": Message(
        "the anchor '{anchor}' of this {point} is already used by {owner}; expected an anchor used once in the review",
        "give the item an id of its own, e.g. {{#police-training}}",
    ),
    "page-number": Message(
        "found {found} alone on a line, a page number left from the source; expected the review's text only",
        "delete the line",
    ),
    "running-header": Message(
        "found {found} {times}, on lines {lines}: a running header or footer left from the source; expected the "
        "review's text only",
        "delete each of them",
    ),
    "placeholder": found_expected(
        "the real {what}, taken from the source report",
        "replace the whole placeholder, 'TO FILL:' included",
    ),
    "left-out": found_expected(
        "none",
        "move each paragraph into the section where it belongs (or delete it), then delete the heading",
    ),
}

#: What would be published: identifying details, links, embedded files, HTML.
PUBLISHED: dict[str, Message] = {
    "identifying-detail": Message(
        "{detail}: found {found}, expected no identifying detail in what will be published",
        "replace it with the pseudonym or a general description (e.g. 'the mother', 'a primary school'); "
        "or, if it identifies no one, accept it under accepted_findings: "
        '- {{rule: {rule}, text: "{text}", reason: "why it identifies no one"}}',
    ),
    "listed-name": Message(
        "{detail}: found {found}, expected none of the names in the board's list of names never to publish",
        "remove it: write the pseudonym or a general description instead (a listed name cannot be accepted)",
    ),
    "unused-acceptance": Message(
        "accepts {rule} '{text}', which is no longer in the review; expected only findings that are present",
        "remove the entry",
    ),
    "link-to-unpublished": Message(
        "links to '{destination}', the review '{review}', which is {why}: a reader would find no page; expected "
        "a link to a published review",
        "take the link out until it is published",
    ),
    "foreign-load": Message(
        "found {element} loading '{address}' from another host; expected nothing loaded from other sites "
        "(every visitor's browser would call that host)",
        "put the file in content/ and use a relative address, or link to the page with [text](address) instead",
    ),
    "refused-html": Message(
        "found {found}, which the site never publishes (it removes scripts, styles, event handlers such as "
        "onclick=, javascript: and data: addresses, frames, forms, <base> and <meta>); expected text, links and "
        "images only",
        "delete it, or link to the page that has it",
    ),
}
