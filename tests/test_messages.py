"""Messages that say what to do: the catalogue of content messages, a date's ISO form, the ways
out of an anonymisation finding (the line to paste works), and that what `make check` prints
about content comes from the catalogue and nowhere else."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string

import pytest
import yaml

from casereviews.model.messages import CATALOGUE, Message, date_suggestion, iso_form, message
from casereviews.policy.publication import build_time, published_bodies
from casereviews.policy.vetting import check_content, finding_problem
from casereviews.problems import counted
from casereviews.render.sanitise import refused_problems
from casereviews.rules.anonymisation import Checker, Finding, units_from_lines
from casereviews.settings import EnvironmentVariables, markdown_options, read_config_file
from sitekit import PROJECT

#: How a next step starts: what the author does.
STEP_VERBS = (
    "write",
    "check",
    "replace",
    "remove",
    "move",
    "add",
    "rename",
    "delete",
    "accept",
    "pick",
    "correct",
    "change",
    "copy",
    "put",
    "take",
    "quote",
    "save",
    "shorten",
    "join",
    "keep",
    "give",
    "list",
    "number",
    "renumber",
    "retype",
    "set",
    "{suggestion}",  # a date's own next step: 'write 2021-03-12 (12 March 2021)' (see date_suggestion)
)


def field_names(entry: Message) -> set[str]:
    """The `{name}` fields of an entry's wording and next step."""
    return {name for text in (entry.text, entry.next_step) for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_catalogue_message_names_its_next_step(key):
    entry = CATALOGUE[key]
    first_word = re.match(r"[^\s:,;]+", entry.next_step)
    assert first_word and first_word.group() in STEP_VERBS, f"{key}: '{entry.next_step}' does not say what to do"
    values = dict.fromkeys(field_names(entry), "x") | {"suggestion": "write 2021-03-12"}
    text = entry.filled(**values)
    assert text.endswith("; " + entry.next_step.format(**values)), text
    assert not text.endswith("."), f"{key}: a message ends with its next step, not a full stop"


def test_a_plural_is_written_as_its_number_needs():
    assert [counted(number, "finding") for number in (0, 1, 2)] == ["0 findings", "1 finding", "2 findings"]
    assert counted(1, "more item") == "1 more item" and counted(3, "more item") == "3 more items"


@pytest.mark.parametrize(
    ("written", "iso", "words"),
    [
        ("12/03/2021", "2021-03-12", "12 March 2021"),  # day first, as in the UK
        ("12.3.2021", "2021-03-12", "12 March 2021"),
        ("12th March 2021", "2021-03-12", "12 March 2021"),
        ("1 Sept 2019", "2019-09-01", "1 September 2019"),
        ("March 2021", "2021-03", "March 2021"),
        ("03/2021", "2021-03", "March 2021"),
        ("2021/03/12", "2021-03-12", "12 March 2021"),
    ],
)
def test_a_date_in_another_form_gets_its_iso_form(written, iso, words):
    assert iso_form(written) == (iso, words)
    assert date_suggestion(written, "2007-11-15") == f"write {iso} ({words})"


@pytest.mark.parametrize("written", ["31/02/2021", "spring 2020", "13/13/2021", "Smarch 2020"])
def test_what_is_not_one_real_date_gets_the_form_to_write(written):
    assert iso_form(written) is None
    assert date_suggestion(written, "2007-11-15") == "write it that way, e.g. 2007-11-15"


def test_a_full_date_is_not_suggested_for_a_month():
    assert date_suggestion("March 2021", "2007-11-15", day_needed=True) == "write it that way, e.g. 2007-11-15"


def test_a_finding_gives_the_line_to_paste_and_the_pasted_line_accepts_it():
    """The acceptance the message offers, pasted under `accepted_findings` with a reason, is
    read by the check and accepts the finding (quotes in the text included)."""
    checker = Checker([])
    line = 'Mrs Tyler said "no" to the visit.'
    (finding,) = checker.check(units_from_lines("r.md", [(3, line)]))
    problem = str(finding_problem(finding))
    assert "replace it with the pseudonym or a general description" in problem
    pasted = problem[problem.index("accepted_findings: ") + len("accepted_findings: ") :]
    (entry,) = yaml.safe_load(pasted)
    assert entry == {"rule": finding.rule, "text": finding.text, "reason": "why it identifies no one"}
    entry["reason"] = "A name the family chose to publish."
    (accepted,) = checker.check(units_from_lines("r.md", [(3, line)]), [entry])
    assert accepted.accepted_because == "A name the family chose to publish."


def test_a_listed_name_has_one_way_out():
    problem = str(finding_problem(Finding("r.md", 3, "listed-name", "Jayden Exampleton")))
    assert problem == (
        "r.md:3: listed-name: Jayden Exampleton: found a listed name, expected none of the names in the board's "
        "list of names never to publish; remove it: write the pseudonym or a general description instead "
        "(a listed name cannot be accepted)"
    )


def test_messages_are_filled_from_the_catalogue():
    assert message("placeholder", "'TO FILL: x'", what="value") == (
        "found 'TO FILL: x', expected the real value, taken from the source report; "
        "replace the whole placeholder, 'TO FILL:' included"
    )


# --- what `make check` prints comes from the catalogue -------------------------------------------

#: Where a message sits inside a value: an item of a list ('item 2: '), a field of a record ('due: ').
PLACE_IN_VALUE = r"(?:item \d+: |[A-Za-z_][\w.\[\]-]*: )*"


def entry_pattern(entry: Message) -> re.Pattern[str]:
    """What a message filled from `entry` may read: its wording with each `{name}` as any text
    (or none: a hint may be empty)."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(f"{entry.text}; {entry.next_step}"):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(".*")
    return re.compile(PLACE_IN_VALUE + "".join(parts), re.DOTALL)


PATTERNS = {key: entry_pattern(entry) for key, entry in CATALOGUE.items()}


def catalogue_keys(text: str) -> set[str]:
    """The catalogue entries a message can have been filled from."""
    return {key for key, pattern in PATTERNS.items() if pattern.fullmatch(text)}


def test_a_hand_written_message_matches_no_entry():
    """The patterns are not blind: wording of one's own, even about a known problem, is caught."""
    assert catalogue_keys(message("text", "a list")) == {"text"}
    assert catalogue_keys("item 2: due: " + message("year", "'20x1'")) == {"year"}
    assert catalogue_keys("found a list, expected text") == set()
    assert catalogue_keys("found '20x1', expected a four-digit year, e.g. 2007; fix it") == set()


#: Broken content, one kind of problem or a few to a file, written over a copy of content/.
REVIEWS = "content/reviews"
LONG_TEXT = "A model of review with many words. " * 8
BROKEN_FILES: dict[str, str | bytes] = {
    # values that do not fit their fields
    f"{REVIEWS}/2021-testshire-values.md": f"""---
title: 12
review_type:
  - serious-case-review
  - not-a-type
board: Page 3 of 20
published: 12/03/2021
themes:
  - neglectt
  - neglect
  - chronic neglect
summary: Too short.
status: published
pseudonym:
  - Child A
age_at_incident: |
  6 months
  and more
age_band: 99
subjects:
  - pseudonym: Child B
    agee: 3
  - age: "4"
period_under_review: "2019"
incident_year: 20x1
source_url: www.example.org
keywords:
  - drift
  - drift
embargo_until: tomorrow
online_until: 2021-02-30
withdrawn_on: March 2021
aliases:
  - Child M
reviewer: []
review_model: {LONG_TEXT}
accepted_findings:
  - just text
  - {{rule: personal-name, text: "x", reason: "y", extra: 1}}
  - {{rule: personal-name, text: "", reason: "y"}}
  - {{rule: nme, text: "x", reason: "y"}}
  - {{rule: listed-name, text: "x", reason: "y"}}
notes: something
---
## Learning

1. One.

## Recommendations

1. One.
""",
    f"{REVIEWS}/2021-testshire-more.md": """---
title: Child A Child A
review_type:
board: "—"
published: 2021-03
themes: [neglect, infants, adolescents, hoarding, homelessness, young-carers, modern-slavery, self-neglect,
  sexual-abuse]
summary: |
  A paragraph that says what happened in general terms.

  And a second paragraph.
status: publshed
withdrawn_reason: [a, list]
embargo_until: 2026-02-30 09:00
---
""",
    # fields read together, and the body's shape
    f"{REVIEWS}/2021-testshire-cross.md": """---
title: "Safeguarding adults review: Adult T"
review_type: safeguarding-adults-review
board: Testshire Safeguarding Adults Board
published: 2020-06-01
themes: [self-neglect]
summary: A review of how agencies worked together to support an adult who lived alone.
status: published
subjects:
  - pseudonym: Adult T
    age_band: 25-64
age_band: 25-64
period_under_review:
  from: 2019-05
  to: 2018-01
incident_year: 2021
online_until: 2019-01-01
withdrawn_reason: Withdrawn at the family's request.
---
# Adult T

## Summary of events

Testshire annual report of the board

Adult T lived alone.

12

Testshire annual report of the board

Agencies met twice.

Testshire annual report of the board

## Lessons

Prose only.

## Recommendations

1. {#Bad Id} One.
3. Three.
- A bullet.
4. {#learning-1} Four.
5. {#empty-one}
6. {#summary-of-events} Six.
""",
    f"{REVIEWS}/2021-testshire-body.md": """---
title: "Serious case review: Child Y"
review_type: serious-case-review
board: Testshire Safeguarding Children Partnership
published: 2021-05-01
themes: [neglect]
summary: A review of how agencies responded to the neglect of a young child over two years.
status: published
---
## Learning

8.1 One.
8.3 Three.

## Key learning

1. Again.

## Recommendations

None were made.
""",
    f"{REVIEWS}/2099-testshire-future.md": """---
title: "Serious case review: Child F"
review_type: serious-case-review
board: Testshire Safeguarding Children Partnership
published: 2099-01-01
themes: [neglect]
summary: A review of how agencies responded to the neglect of a young child over two years.
status: published
---
## Learning

1. One.

## Recommendations

1. One.
""",
    f"{REVIEWS}/2020-testshire-withdrawn.md": """---
title: "Serious case review: Child W"
review_type: serious-case-review
board: Testshire Safeguarding Children Partnership
published: 2020-01-01
themes: [neglect]
summary: A review of how agencies responded to the neglect of a young child over two years.
status: withdrawn
withdrawn_on:
---
""",
    f"{REVIEWS}/2020-testshire-missing.md": '---\ntitle: "Child Q"\nstatus: published\n---\nText.\n',
    f"{REVIEWS}/2023-testshire-placeholders.md": """---
title: "Serious case review: Child P"
status: draft
summary: "TO FILL: the summary of the review"
---
## Left out by the import

A paragraph the import could not place.

TO FILL: the learning
""",
    # an action plan checked against the review's recommendations and the day
    f"{REVIEWS}/2022-testshire-plan.md": """---
title: "Serious case review: Child R"
review_type: serious-case-review
board: Testshire Safeguarding Children Partnership
published: 2022-01-01
themes: [neglect]
summary: A review of how agencies responded to the neglect of a young child over two years.
status: published
action_plan:
  - {recommendation: 7, action: Train staff., owner: police, due: 2026-01, status: complete}
  - {recommendation: 1, action: Train staff., owner: police, due: 2026-01, status: signed-off}
  - recommendation: police-training
    action: Train staff.
    owner: police
    due: 2026-01
    status: in-progress
    completed: 2025-01
    signed_off: 2025-02
  - recommendation: Health 1
    action: Check records.
    owner: health
    due: 2026-01
    status: signed-off
    completed: 2030-01
    signed_off: 2024-01
    progress:
      - {date: 2031-01, note: Later.}
  - {recommendation: [1, 2], action: Train staff., owner: polise, due: soon, status: started, notes: x}
  - {recommendation: 1, owner: police, due: 2026-01, status: not-started}
  - just text
---
## Learning

1. One.

## Recommendations

### Police

1. {#police-training} Train staff.

### Health

1. Check records.
""",
    f"{REVIEWS}/2022-testshire-no-recommendations.md": """---
title: "Learning review: Child N"
review_type: learning-review
board: Testshire Safeguarding Children Partnership
published: 2022-01-01
themes: [neglect]
summary: A review of how agencies responded to the neglect of a young child over two years.
status: published
action_plan:
  - {recommendation: 1, action: Train staff., owner: police, due: 2026-01, status: not-started}
---
## Learning

1. One.
""",
    # valid reviews, with what the checks across files and of what is published find
    f"{REVIEWS}/2022-testshire-adult-v.md": """---
title: "Safeguarding adults review: Adult V"
review_type: safeguarding-adults-review
board: Testshire Safeguarding Adults Board
published: 2022-01-01
themes: [infants]
summary: A review of how agencies worked together to support an adult who lived alone.
status: published
---
## Learning

1. One.

## Recommendations

1. One.
""",
    f"{REVIEWS}/2022-testshire-adult-w.md": """---
title: "Safeguarding adults review: Adult W"
review_type: safeguarding-adults-review
board: Testshre Safeguarding Adults Board
published: 2022-01-01
themes: [self-neglect]
summary: A review of how agencies worked together to support an adult who lived alone.
status: published
aliases: [2022-testshire-adult-v]
accepted_findings:
  - {rule: personal-name, text: Nobody Here, reason: A name no longer in the review.}
---
## Learning

1. Mrs Tyler visited Jayden Exampleton at home; see [the draft](2023-testshire-child-d.md).
2. ![A chart](https://tracker.example/chart.png)

<script>alert(1)</script>

## Recommendations

1. One.
""",
    f"{REVIEWS}/2023-testshire-child-d.md": '---\ntitle: "Serious case review: Child D"\nstatus: draft\n---\n',
    f"{REVIEWS}/undated-testshire-child-u.md": '---\ntitle: "Serious case review: Child U"\nstatus: draft\n---\n',
    # files that cannot be read as a review
    f"{REVIEWS}/2020-yaml-empty.md": "\n",
    f"{REVIEWS}/2020-yaml-latin1.md": b"---\ntitle: caf\xe9\n---\n",
    f"{REVIEWS}/2020-yaml-control.md": b"---\ntitle: A\x07\n---\n",
    f"{REVIEWS}/2020-yaml-no-fence.md": "title: x\n",
    f"{REVIEWS}/2020-yaml-unclosed.md": "---\ntitle: x\n",
    f"{REVIEWS}/2020-yaml-blank.md": "---\n\n---\n",
    f"{REVIEWS}/2020-yaml-list.md": "---\n- a\n- b\n---\n",
    f"{REVIEWS}/2020-yaml-twice.md": "---\ntitle: a\ntitle: b\n---\n",
    f"{REVIEWS}/2020-yaml-alias.md": "---\ntitle: &t x\nboard: *t\n---\n",
    f"{REVIEWS}/2020-yaml-tag.md": "---\nincident_year: !!int abc\n---\n",
    f"{REVIEWS}/2020-yaml-deep.md": "---\ntitle: " + "[" * 14 + "]" * 14 + "\n---\n",
    f"{REVIEWS}/2020-yaml-malformed.md": "---\ntitle: [unclosed\n---\n",
    f"{REVIEWS}/2020-yaml-quote.md": '---\ntitle: "Child M\nstatus: draft\n---\n',
    f"{REVIEWS}/2020-yaml-colon.md": "---\ntitle: Serious case review: Child M\n---\n",
    # files where they do not belong
    f"{REVIEWS}/Bad Name.md": '---\ntitle: "Serious case review: Child B"\nstatus: draft\n---\n',
    f"{REVIEWS}/notes.txt": "Notes.\n",
    f"{REVIEWS}/old/2010-testshire-child-o.md": '---\ntitle: "Serious case review: Child O"\nstatus: draft\n---\n',
    "content/search.md": "A page of my own.\n",
    "content/report.docx": b"PK\x03\x04",
    "content/about/odd.md": "---\ntitle: Odd\ntemplate: ../../x.html\nlayout: wide\n---\nText.\n",
    # themes and boards
    "content/themes/testing-one.md": "---\ntitle: Testing one\nsummary: |\n  One.\n\n  Two.\n---\n",
    "content/themes/testing-two.md": "---\ntitle: Testing two\nsummary: A theme.\naliases: [chronic neglect]\n---\n",
    "content/themes/testing-three.md": "---\nsummary: [a, list]\n---\n",
    "content/_data/boards.yml": "boards:\n  - nam: Testshire\n  - name: Westmoor Board\n    also_written: Westmoor\n",
}
#: The kinds of problem the broken content above makes: each must be found, so that the check
#: below cannot pass by finding nothing.
KINDS_MADE = set(CATALOGUE) - {
    "unreadable",  # a file that cannot be opened: not made in a test (root may open anything)
    "unreadable-yaml",  # the boards file is used for its entries
    "boards-file",
}


@pytest.fixture(scope="module")
def make_check_messages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every message `make check` prints about the broken content (scripts/check_content.py):
    the check of content, the HTML the build would refuse, and the moment checked as at."""
    project = tmp_path_factory.mktemp("broken")
    shutil.copytree(PROJECT / "content", project / "content")
    for review in sorted((project / REVIEWS).glob("*.md"))[1:]:  # one sample review is enough
        review.unlink()
    for name, text in BROKEN_FILES.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    (project / "content/about/link.md").symlink_to("../index.md")
    site = check_content(project / "content", dt.datetime(2026, 6, 1, tzinfo=dt.UTC), project)
    options = markdown_options(read_config_file(PROJECT / "mkdocs.yml"))
    site.add_problems(refused_problems(published_bodies(site), options))
    _, moment_problem = build_time(EnvironmentVariables(now="tomorrow"))
    assert moment_problem is not None
    return [problem.message for problem in [*site.problems, moment_problem]]


def test_make_check_prints_only_catalogue_messages(make_check_messages: list[str]):
    """Every message about broken content is an entry of the catalogue, filled in: wording
    written where a problem is found, even of a known problem, is listed here."""
    assert len(make_check_messages) > 100
    not_from_catalogue = [text for text in make_check_messages if not catalogue_keys(text)]
    assert not_from_catalogue == []


def test_the_broken_content_makes_every_kind_of_problem(make_check_messages: list[str]):
    """The check above reads every kind of problem the content makes, so it cannot pass by
    missing some; a new entry needs broken content that makes it (or a reason here)."""
    found = {key for text in make_check_messages for key in catalogue_keys(text)}
    assert sorted(KINDS_MADE - found) == []
