"""Action plans: the RAG rule, the messages an author reads, and the counts every page and the
CSV show, checked against the front matter they come from."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html as lxml_html

from casereviews.model.reviews import review_from_document
from casereviews.model.source import parse_document
from sitekit import DEFAULT_REVIEW, TEST_NOW, TODAY, SiteProject, front_matter_file
from sitekit import REVIEW_PATH as PATH
from sitekit import TEST_THEMES as THEMES

STAGES = ("not-started", "in-progress", "complete", "signed-off")
AGENCIES = ("police", "health", "children-social-care", "education")
BODY = """\
## Summary of events

What happened, in general terms.

## Learning

1. The first lesson.

## Recommendations

1. The first recommendation.
2. The second recommendation.
3. The third recommendation.
"""
GROUPED_BODY = """\
## Summary of events

What happened.

## Learning

1. The first lesson.

## Recommendations

### Health

1. A health recommendation.
2. Another health recommendation.

### Police

1. A police recommendation.
2. Another police recommendation.
"""


def action(**fields: Any) -> dict[str, Any]:
    """One action item: an in-progress police action on recommendation 1, overridden by `fields`."""
    item: dict[str, Any] = {
        "recommendation": 1,
        "action": "Agree a protocol for sharing information.",
        "owner": "police",
        "due": "2027-06",
        "status": "in-progress",
    }
    item.update(fields)
    return {key: value for key, value in item.items() if value is not None}


def validate(plan: list[dict[str, Any]], body: str = BODY, **fields: Any):
    text = front_matter_file({**DEFAULT_REVIEW, **fields, "action_plan": plan}, body)
    document, problems = parse_document(text.encode(), PATH)
    assert problems == [], problems
    return review_from_document("child-t", document, THEMES, TODAY)


def messages(plan: list[dict[str, Any]], body: str = BODY) -> list[str]:
    review, problems = validate(plan, body)
    assert review is None
    return [str(problem) for problem in problems]


def plan_line(plan_index: int, key: str, plan: list[dict[str, Any]]) -> int:
    """The file line of `key` in item `plan_index` of the plan, as written by front_matter_file."""
    text = front_matter_file({**DEFAULT_REVIEW, "action_plan": plan}, BODY)
    lines = text.split("\n")
    start = lines.index("action_plan:")
    items = [number for number in range(start + 1, len(lines)) if lines[number].startswith("- ")]
    first = items[plan_index]
    following = items[plan_index + 1] if plan_index + 1 < len(items) else len(lines)
    for number in range(first, following):
        if re.match(rf"^(- |  ){key}:", lines[number]):
            return number + 1
    raise AssertionError(f"{key} not in item {plan_index}")


# --- the RAG rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "stage", "today", "rag"),
    [
        ("2026-12-01", "in-progress", "2026-12-01", "amber"),  # due today: not yet past
        ("2026-12-01", "in-progress", "2026-12-02", "red"),  # the day after: overdue
        ("2026-12-01", "not-started", "2026-11-01", "amber"),  # 30 days ahead
        ("2026-12-01", "not-started", "2026-10-31", "green"),  # 31 days ahead
        ("2026-12", "in-progress", "2026-12-31", "amber"),  # a month means by its end
        ("2026-12", "in-progress", "2027-01-01", "red"),
        ("2026", "in-progress", "2026-12-15", "amber"),  # a year means by 31 December
        ("2026", "in-progress", "2026-11-15", "green"),
        ("2025-01", "complete", "2026-11-22", "green"),  # done is green however late
        ("2025-01", "signed-off", "2026-11-22", "green"),
    ],
)
def test_rag_is_computed_from_due_date_and_status_as_at_a_day(due: str, stage: str, today: str, rag: str):
    """Red: past due and not done; amber: due within 30 days and not done; green: the rest."""
    dates = {"completed": "2025-01"} if stage in ("complete", "signed-off") else {}
    if stage == "signed-off":
        dates["signed_off"] = "2025-02"
    review, problems = validate([action(due=due, status=stage, **dates)])
    assert problems == [] and review is not None
    assert review.action_plan[0].rag(dt.date.fromisoformat(today)).value == rag


# --- messages -------------------------------------------------------------------------------


def test_every_problem_in_a_plan_is_reported_with_its_line():
    """Each mistake is named with the file, the line of the value, the field, what was found and what was expected."""
    plan = [
        action(recommendation=7),
        action(status="done"),
        action(owner="polise"),
        action(status="complete"),
        action(status="complete", completed="2026-12-25"),
        action(status="signed-off", completed="2026-01-10"),
        action(status="in-progress", completed="2026-01-10"),
        action(progress=[{"date": "2027-01", "note": "Written ahead of time."}]),
        action(status="signed-off", completed="2026-03-01", signed_off="2026-02-01"),
        action(action=None),
        action(due="2026-13"),
    ]
    expected = [
        f"{PATH}:{plan_line(0, 'recommendation', plan)}: action_plan: item 1: recommendation: found '7', "
        "expected a recommendation of this review: 1, 2, 3 (or its id); pick one of the listed recommendations",
        f"{PATH}:{plan_line(1, 'status', plan)}: action_plan: item 2: status: found 'done', "
        "expected one of: not-started, in-progress, complete, signed-off; pick one of the listed values",
        f"{PATH}:{plan_line(2, 'owner', plan)}: action_plan: item 3: owner: found 'polise', expected one of: ",
        f"{PATH}:{plan_line(3, 'status', plan)}: action_plan: item 4: completed: is missing: "
        "expected the date the action was completed (status complete); add the date, or change the status",
        f"{PATH}:{plan_line(4, 'completed', plan)}: action_plan: item 5: completed: found 2026-12-25, "
        "a date in the future; expected the date it happened; correct the date: what has happened cannot be "
        "dated after today",
        f"{PATH}:{plan_line(5, 'status', plan)}: action_plan: item 6: signed_off: is missing: "
        "expected the date the board signed the action off; add the date, or change the status",
        f"{PATH}:{plan_line(6, 'completed', plan)}: action_plan: item 7: completed: is given, but the status is "
        "'in-progress'; expected status complete or signed-off (or no completed date); change the status, or "
        "remove the date",
        f"{PATH}:{plan_line(7, 'progress', plan) + 1}: action_plan: item 8: progress: found a note dated 2027-01, "
        "a date in the future; expected the date the progress was made; correct the date: what has happened "
        "cannot be dated after today",
        f"{PATH}:{plan_line(8, 'signed_off', plan)}: action_plan: item 9: signed_off: found 2026-02-01, before "
        "the action was completed (2026-03-01); expected a date on or after completion; "
        "check both dates against the source report and correct the one that is wrong",
        f"{PATH}:{plan_line(9, 'recommendation', plan)}: action_plan: item 10: action: is missing; "
        "add it, written as 'action: …' beside the other fields",
        f"{PATH}:{plan_line(10, 'due', plan)}: action_plan: item 11: due: found '2026-13', expected a real date",
    ]
    found = messages(plan)
    for message in expected:
        assert any(line.startswith(message) for line in found), (message, found)
    assert "(did you mean 'police'?)" in next(line for line in found if "'polise'" in line)
    assert len(found) == len(expected)


def test_a_number_shared_by_groups_asks_for_the_group():
    """With recommendations grouped by agency, '2' is ambiguous; 'Police 2' or the id is not."""
    found = messages([action(recommendation=2)], GROUPED_BODY)
    assert len(found) == 1
    assert found[0].endswith(
        "recommendation: found '2', which numbers a recommendation in more than one group (Health 2, Police 2); "
        "expected the group and number, e.g. 'Health 2', or the recommendation's id ('recommendation-health-2'); "
        "write the group before the number, as in the example"
    )
    review, problems = validate(
        [action(recommendation="Police 2"), action(recommendation="recommendation-health-1")], GROUPED_BODY
    )
    assert problems == [] and review is not None
    assert [(a.recommendation, a.recommendation_label) for a in review.action_plan] == [
        ("recommendation-police-2", "Police 2"),
        ("recommendation-health-1", "Health 1"),
    ]


def test_numbered_paragraphs_are_named_as_written():
    """Real reports number recommendations 8.1 … 8.10; YAML reads an unquoted 8.10 as 8.1, the plan must not."""
    body = "## Summary of events\n\nWhat happened.\n\n## Learning\n\n1. A lesson.\n\n## Recommendations\n\n"
    body += "\n\n".join(f"8.{number} Recommendation {number}." for number in range(1, 11)) + "\n"
    text = front_matter_file(
        {**DEFAULT_REVIEW, "action_plan": [action(recommendation="REF"), action(action="Another action.")]}, body
    )
    text = text.replace("recommendation: REF", "recommendation: 8.10").replace(
        "recommendation: 1\n", "recommendation: 8.1\n"
    )
    document, problems = parse_document(text.encode(), PATH)
    assert document is not None and "recommendation: 8.10" in text
    review, problems = review_from_document("child-t", document, THEMES, TODAY)
    assert problems == [] and review is not None
    assert [a.recommendation_label for a in review.action_plan] == ["8.10", "8.1"]


def test_a_plan_on_a_review_without_recommendations_is_explained():
    """A Welsh child practice review may have learning only: a plan cannot point at a recommendation there."""
    body = "## Summary of events\n\nWhat happened.\n\n## Learning\n\n1. A lesson.\n"
    review, problems = validate([action()], body, review_type="child-practice-review")
    assert review is None
    assert [problem.message for problem in problems] == [
        "item 1: recommendation: found '1', but the review has no recommendations; expected a recommendation of "
        "this review (an action plan tracks its recommendations); add the recommendations to the review's text, "
        "or remove the action plan"
    ]


@pytest.mark.site
def test_make_check_reports_plan_problems_in_every_file_in_one_run(project: SiteProject):
    """Two files, two problems each: all four reported by one run, and the build would stop."""
    project.write_review("plan-one", body=BODY, action_plan=[action(status="finished"), action(owner="nhs")])
    project.write_review(
        "plan-two", body=BODY, action_plan=[action(recommendation=9), action(status="signed-off", completed="2026-01")]
    )
    result = project.check()
    assert result.returncode == 1
    for path, text in (
        ("plan-one", "item 1: status: found 'finished'"),
        ("plan-one", "item 2: owner: found 'nhs'"),
        ("plan-two", "item 1: recommendation: found '9'"),
        ("plan-two", "item 2: signed_off: is missing"),
    ):
        assert re.search(rf"content/reviews/{path}\.md:\d+: action_plan: {re.escape(text)}", result.output), text


@pytest.mark.site
def test_identifying_text_in_a_progress_note_is_found(project: SiteProject):
    """The plan is published, so the anonymisation check reads it like every other field."""
    path = project.write_review(
        "plan-one",
        body=BODY,
        action_plan=[action(progress=[{"date": "2026-02", "note": "Mother seen; call her on 01432 261603."}])],
    )
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if "01432" in text)
    result = project.check()
    assert result.returncode == 1
    assert (
        f"content/reviews/plan-one.md:{line}: phone-number: 01432 261603 (in action_plan[1].progress[1].note)"
        in result.output
    )


# --- what is published ----------------------------------------------------------------------


def expected_rag(item: dict[str, Any], today: dt.date) -> str:
    """The rule, written out independently of the site's code: a due date means by its last day."""
    if item["status"] in ("complete", "signed-off"):
        return "green"
    parts = [int(part) for part in str(item["due"]).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    days_left = (dt.date(year, month, day) - today).days
    return "red" if days_left < 0 else "amber" if days_left <= 30 else "green"


def random_plan(rng: random.Random, recommendations: int) -> list[dict[str, Any]]:
    plan = []
    for _ in range(rng.randint(1, 7)):
        stage = rng.choice(STAGES)
        due = dt.date(2026, 11, 22) + dt.timedelta(days=rng.randint(-400, 400))
        item = action(
            recommendation=rng.randint(1, recommendations),
            owner=rng.sample(AGENCIES, rng.randint(1, 2)),
            due=rng.choice([due.isoformat(), due.isoformat()[:7]]),
            status=stage,
        )
        if stage in ("complete", "signed-off"):
            item["completed"] = "2026-05-01"
        if stage == "signed-off":
            item["signed_off"] = "2026-06"
        plan.append(item)
    return plan


@pytest.fixture(scope="module")
def plans_site(tmp_path_factory: pytest.TempPathFactory):
    """The sample site, plus reviews from three boards with plans in every state, and a draft and
    a withdrawn review with plans. Returns the build and every listed review's plan by slug."""
    rng = random.Random(13)
    project = SiteProject(tmp_path_factory.mktemp("plans"))
    plans: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for path in sorted((project.content / "reviews").glob("*.md")):  # the sample's own plans count too
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if meta.get("action_plan"):
            assert meta["status"] == "published" and "online_until" not in meta and "embargo_until" not in meta
            plans[path.stem] = (meta["board"], meta["action_plan"])
    boards = ["Ashdown Safeguarding Children Partnership", "Brinkley Safeguarding Adults Board", "Carrow Partnership"]
    for number in range(9):
        board = boards[number % 3]
        plan = random_plan(rng, 3)
        slug = f"review-{number}"
        plans[slug] = (board, plan)
        project.write_review(slug, body=BODY, board=board, published=f"20{15 + number}-03-01", action_plan=plan)
    project.write_review("draft-one", body=BODY, status="draft", board=boards[0], action_plan=random_plan(rng, 3))
    project.write_review(
        "withdrawn-one",
        body=BODY,
        board=boards[1],
        status="withdrawn",
        withdrawn_on="2025-01-01",
        withdrawn_reason="Withdrawn for the tests.",
        action_plan=random_plan(rng, 3),
    )
    result = project.build()
    assert result.returncode == 0, result.output
    return result, plans


def owners_of(item: dict[str, Any]) -> list[str]:
    return item["owner"] if isinstance(item["owner"], list) else [item["owner"]]


def document(result, url: str):
    return lxml_html.fromstring(result.page(url))


def table_counts(tree, caption: str) -> dict[str, int]:
    """The rows of the counts table with this caption: label → number."""
    table = tree.xpath(f'//table[caption[normalize-space()="{caption}"]]')[0]
    return {
        row.xpath("normalize-space(th)"): int(row.xpath("normalize-space(td)"))
        for row in table.xpath("./tbody/tr | ./tfoot/tr")
    }


STAGE_LABELS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
    "signed-off": "Signed off",
}
RAG_LABELS = {"red": "Red: overdue", "amber": "Amber: due within 30 days", "green": "Green: done or on track"}


def expected_counts(items: list[dict[str, Any]], today: dt.date) -> tuple[dict[str, int], dict[str, int]]:
    stages = Counter(item["status"] for item in items)
    rags = Counter(expected_rag(item, today) for item in items)
    by_stage = {STAGE_LABELS[stage]: stages[stage] for stage in STAGES} | {"All actions": len(items)}
    return by_stage, {RAG_LABELS[rag]: rags[rag] for rag in ("red", "amber", "green")}


@pytest.mark.site
def test_actions_page_counts_equal_the_front_matter(plans_site):
    """/actions/ counts by status and rating, and lists exactly the overdue actions, of listed reviews only."""
    result, plans = plans_site
    today = dt.datetime.fromisoformat(TEST_NOW).date()
    items = [item for _, plan in plans.values() for item in plan]
    by_stage, by_rag = expected_counts(items, today)
    tree = document(result, "actions/")
    assert table_counts(tree, "Actions by status") == by_stage
    assert table_counts(tree, "Actions by rating") == by_rag
    overdue = tree.xpath('//h2[@id="overdue"]/following-sibling::ul[1]/li')
    assert len(overdue) == by_rag["Red: overdue"] > 0
    assert all("plan-action--red" in card.get("class") for card in overdue)
    assert "Accurate to 22 November 2026" in tree.text_content()


@pytest.mark.site
def test_board_and_agency_pages_count_their_own_actions(plans_site):
    """Every board and agency with actions has a page whose counts are its actions' counts."""
    result, plans = plans_site
    today = dt.datetime.fromisoformat(TEST_NOW).date()
    index = document(result, "actions/")
    board_rows = index.xpath('//h2[@id="by-board"]/following-sibling::div[1]//tbody/tr')
    assert len(board_rows) == len({board for board, _ in plans.values()}) == 6
    for board in {board for board, _ in plans.values()}:
        items = [item for owner, plan in plans.values() if owner == board for item in plan]
        slug = re.sub(r"[^a-z0-9]+", "-", board.lower()).strip("-")
        tree = document(result, f"actions/boards/{slug}/")
        assert (table_counts(tree, "Actions by status"), table_counts(tree, "Actions by rating")) == expected_counts(
            items, today
        )
        assert len(tree.xpath('//h2[@id="by-review"]/following-sibling::ul/li')) == len(items)
    agencies = {owner for _, plan in plans.values() for item in plan for owner in owners_of(item)}
    assert len(index.xpath('//h2[@id="by-agency"]/following-sibling::div[1]//tbody/tr')) == len(agencies)
    for agency in sorted(agencies | {"probation"}):
        items = [item for _, plan in plans.values() for item in plan if agency in owners_of(item)]
        if not items:
            assert not result.exists(f"actions/agencies/{agency}")
            continue
        tree = document(result, f"actions/agencies/{agency}/")
        assert (table_counts(tree, "Actions by status"), table_counts(tree, "Actions by rating")) == expected_counts(
            items, today
        )


@pytest.mark.site
def test_actions_csv_has_one_row_per_action_accurate_to_the_build_day(plans_site):
    """One row per action of a listed review, its rating as at the build, and the day it is accurate to."""
    result, plans = plans_site
    today = dt.datetime.fromisoformat(TEST_NOW).date()
    rows = list(csv.DictReader(io.StringIO(result.text("actions.csv"))))
    items = [(slug, item) for slug, (_, plan) in plans.items() for item in plan]
    assert len(rows) == len(items)
    assert {row["accurate_to"] for row in rows} == {"2026-11-22"}
    written = Counter((row["review_url"].rsplit("/", 2)[-2], row["action_status"], row["rag"]) for row in rows)
    expected = Counter((slug, item["status"], expected_rag(item, today)) for slug, item in items)
    assert len(expected) > 10
    assert written == expected


@pytest.mark.site
def test_unlisted_reviews_plans_appear_nowhere(plans_site):
    """The draft's and the withdrawn review's plans are in no page, count or row."""
    result, _ = plans_site
    csv_text = result.text("actions.csv")
    assert "draft-one" not in csv_text and "withdrawn-one" not in csv_text
    for path in result.site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "actions" in path.parts:
            assert "draft-one" not in text and "withdrawn-one" not in text, path
    assert "plan-action" not in result.page("reviews/withdrawn-one/")


@pytest.mark.site
def test_a_review_page_shows_each_recommendations_actions(project: SiteProject):
    """Under each recommendation: the action, owner, due date with its history, status, and rating in words
    and colour; before them, the plan's progress."""
    plan = [
        action(recommendation=1, due="2026-09", previous_due=["2026-03", "2026-06"]),
        action(recommendation=1, status="complete", completed="2026-10-01", owner=["health", "police"]),
        action(recommendation=3, due="2026-12-10", status="not-started"),
        action(recommendation=3, status="signed-off", completed="2026-01", signed_off="2026-02-14"),
    ]
    project.write_review("plan-one", body=BODY, action_plan=plan)
    result = project.build()
    assert result.returncode == 0, result.output
    tree = document(result, "reviews/plan-one/")
    summary = tree.xpath('normalize-space(//div[@class="plan-summary"])')
    assert summary.startswith("Action plan: 2 of 4 actions complete or signed off; 1 overdue, as at 22 November 2026.")
    cards = {
        anchor: tree.xpath(f'//li[@id="{anchor}"]//li[contains(@class, "plan-action")]')
        for anchor in ("recommendation-1", "recommendation-2", "recommendation-3")
    }
    assert [len(found) for found in cards.values()] == [2, 0, 2]
    first, second = (card.text_content() for card in cards["recommendation-1"])
    assert "September 2026 (rescheduled from March 2026, then June 2026)" in first
    assert "In progress" in first and "Red: overdue" in first and "Police" in first
    assert "plan-action--red" in cards["recommendation-1"][0].get("class")
    assert "Complete 1 October 2026, awaiting sign-off" in second and "Health, Police" in second
    third, fourth = (card.text_content() for card in cards["recommendation-3"])
    assert "Amber: due within 30 days" in third and "Not started" in third
    assert "Signed off 14 February 2026 (completed January 2026)" in fourth and "Green: done or on track" in fourth


@pytest.mark.site
def test_the_rating_follows_the_build_moment(project: SiteProject, tmp_path: Path):
    """The same plan built a month later: an amber action has become red."""
    project.write_review("plan-one", body=BODY, action_plan=[action(due="2026-12-10")])
    before = project.build(tmp_path / "before")
    after = project.build(tmp_path / "after", now="2026-12-11T09:00:00+00:00")
    assert before.returncode == after.returncode == 0, before.output + after.output
    assert "Amber: due within 30 days" in before.page("reviews/plan-one/")
    assert "Red: overdue" in after.page("reviews/plan-one/")
    assert table_counts(document(after, "actions/"), "Actions by rating")["Red: overdue"] == (
        table_counts(document(before, "actions/"), "Actions by rating")["Red: overdue"] + 1
    )


@pytest.mark.site
def test_actions_csv_cells_cannot_run_as_formulas(project: SiteProject):
    """Author text that a spreadsheet would run as a formula is written as text."""
    project.write_review(
        "plan-one", body=BODY, action_plan=[action(action='=HYPERLINK("http://example.org","Click")', evidence="+1")]
    )
    result = project.build()
    assert result.returncode == 0, result.output
    row = next(
        row for row in csv.DictReader(io.StringIO(result.text("actions.csv"))) if "plan-one" in row["review_url"]
    )
    assert row["action"] == '\'=HYPERLINK("http://example.org","Click")'
    assert row["evidence"] == "'+1"


@pytest.fixture(scope="module")
def many_plans_site(tmp_path_factory: pytest.TempPathFactory):
    """One board with 45 reviews, each with one overdue action: more than a page holds, and more
    overdue actions than a summary shows."""
    project = SiteProject(tmp_path_factory.mktemp("many-plans"))
    for number in range(45):
        project.write_review(
            f"busy-{number:02d}",
            body=BODY,
            board="Busy Safeguarding Children Partnership",
            published=f"{2000 + number // 3}-0{1 + number % 3}-01",
            action_plan=[action(action=f"Action number {number} of the busy board.", due="2025-01")],
        )
    result = project.build()
    assert result.returncode == 0, result.output
    return result


@pytest.mark.site
def test_summaries_show_the_longest_overdue_and_say_where_the_rest_are(many_plans_site):
    """/actions/ and the first board page show 20 overdue actions, longest overdue first, and say how many more."""
    for url in ("actions/", "actions/boards/busy-safeguarding-children-partnership/"):
        tree = document(many_plans_site, url)
        shown = tree.xpath('//h2[@id="overdue"]/following-sibling::ul[1]/li')
        assert len(shown) == 20, url
        more = table_counts(tree, "Actions by rating")["Red: overdue"] - 20  # the sample's own overdue count too
        assert more >= 25
        assert f"{more} more" in tree.xpath('normalize-space(//h2[@id="overdue"]/following-sibling::p[1])'), url
        # longest overdue first: the busy board's (due January 2025) before the sample's (due in 2026)
        assert all(card.xpath('.//dd/time[@datetime="2025-01"]') for card in shown), url


@pytest.mark.site
def test_a_long_list_of_actions_is_split_into_linked_pages_listing_each_action_once(many_plans_site):
    """A board's 45 actions on pages of at most 40 reviews: page-2 exists, the pages link to each other, and
    every action is on exactly one of them."""
    first_url = "actions/boards/busy-safeguarding-children-partnership/"
    listed: Counter[str] = Counter()
    for url in (first_url, first_url + "page-2/"):
        tree = document(many_plans_site, url)
        for card in tree.xpath('//h2[@id="by-review"]/following-sibling::ul/li'):
            listed[card.xpath('normalize-space(p[@class="plan-action__text"])')] += 1
        assert tree.xpath('//nav[@class="pager"]//a[@aria-current="page"]'), url
    assert not many_plans_site.exists(first_url + "page-3")
    assert listed == Counter(f"Action number {number} of the busy board." for number in range(45))
    assert len(document(many_plans_site, first_url).xpath('//h2[@id="overdue"]')) == 1
    assert not document(many_plans_site, first_url + "page-2/").xpath('//h2[@id="overdue"]')
