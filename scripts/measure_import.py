"""Measure the importer on real published summaries against a reader's answer key.

    .venv/bin/python scripts/measure_import.py SOURCES_FOLDER --key KEY.yaml [--show NAME]

The sources and the key stay outside the repository (they are about real people); this
script only reads them. The key is a YAML list, one entry per source file, as a careful
reader fills it in from the source alone:

    - file: 01-example.txt
      url: https://…                      # where the source was found
      review_type: [serious-case-review]  # the types a reader would give
      title: "Serious Case Review: Child D"   # or null when the source gives none
      board: "Sutton LSCB"                # or null
      published: 2016-04                  # only a date the source labels as its publication; or null
      other_dates: ["2012-06-14: date of death"]
      reviewer: ["Marion Davis"]
      pseudonym: "Child D"                # or null
      learning_points: 0                  # points visible in the source
      recommendations: 0
      identifiers: [{text: "14/06/2012", kind: date-of-birth-or-death}]
      ordinary_lookalikes: ["July 2013"]

For each source it imports the file into a fresh copy of content/, then compares each field
with the key ("right", "placeholder" where the key has none, "wrong" otherwise), finds every
line of the source of four words or more in the draft or in the import's report (paragraphs
lost), counts the points, and matches the import's anonymisation findings (in the draft and
in what it left out) with the identifiers the reader found. It prints one row per source,
then the totals.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT))  # the importer (importer/), beside the hooks

from casereviews.model.boards import board_slug  # noqa: E402
from casereviews.model.dates import PartialDate  # noqa: E402
from importer.report import render_report  # noqa: E402
from importer.run import import_reports  # noqa: E402

FIELDS = ("title", "board", "published", "review_type", "reviewer", "pseudonym")
#: Words that carry no meaning when titles are compared.
_TITLE_NOISE = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "into",
        "to",
        "for",
        "on",
        "and",
        "report",
        "overview",
        "executive",
        "summary",
        "review",
    ]
)
_PSEUDONYM_WORDS = frozenset(
    ["child", "baby", "adult", "mr", "mrs", "ms", "miss", "young", "person", "subject", "family", "infant"]
)


def folded(text: str) -> str:
    """Text as compared: escapes undone, quotes, spaces, dot leaders and case folded."""
    text = text.replace("&lt;", "<").replace("&amp;", "&").replace("\\", "")
    text = re.sub(r"[\u2018\u2019]", "'", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(text.split()))
    return re.sub(r"\.{3,}", "...", text).casefold()


def words(text: str) -> set[str]:
    """A title's meaningful words, plurals folded ("adults" is "adult")."""
    found = re.findall(r"[a-z0-9]+", folded(text))
    return {word.removesuffix("s") if len(word) > 3 else word for word in found if word not in _TITLE_NOISE}


def same_title(ours: str, theirs: str, pseudonym: str | None) -> bool:
    """Titles agree when their meaningful words mostly agree (the order and case may differ)."""
    mine, key = words(ours), words(theirs)
    if not mine or not key:
        return False
    if pseudonym and not words(pseudonym) <= mine and words(pseudonym) <= key:
        return False
    return len(mine & key) / len(mine | key) >= 0.5 or mine <= key or key <= mine


def surnames(names: list[str]) -> set[str]:
    return {folded(name).split()[-1] for name in names if name.strip()}


def pseudonym_key(text: str) -> str:
    return " ".join(word for word in re.findall(r"\w+", folded(text)) if word not in _PSEUDONYM_WORDS)


@dataclass
class Row:
    file: str
    url: str
    fields: dict[str, str] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    points: str = ""
    found: int = 0
    identifiers: int = 0
    month_only: int = 0
    month_only_found: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    seconds: float = 0.0


#: Words in the key's description of a cover date that make it another event's date, not the document's.
_ANOTHER_EVENT = re.compile(
    r"death|died|birth|born|injur|incident|sentenc|convict|meeting|guidance|definition|different review|earlier"
    r"|upload|site|trigger|commission|initiat|submitted",
    re.I,
)


def _unlabelled_date(key: dict[str, Any], value: PartialDate, sure: bool) -> str:
    """A publication date the key has none for: 'wrong' when it is another event's date, else
    the document's own date taken by the rule that allows it (the only date on the cover)."""
    for entry in key.get("other_dates") or []:
        date, _, description = str(entry).partition(":")
        if date.strip().startswith(value.isoformat()) and _ANOTHER_EVENT.search(description):
            return "wrong"
    if sure:
        return "extra"
    return "extra (flagged)"


def _score(key: dict[str, Any], name: str, value: Any, sure: bool) -> str:
    """'right', 'placeholder' (the key has none, nor do we), 'missed' (the key has one, we give a
    placeholder), 'extra' (we give one the key has not), or 'wrong'."""
    expected = key.get(name)
    if name == "reviewer" and not expected:
        expected = None
    if name == "pseudonym" and expected and re.search(r"[,;]|\band\b", str(expected)):
        return "several (the review names several people: subjects, not one pseudonym)"
    if value is None:
        return "placeholder" if expected is None else "missed"
    if expected is None:
        if name == "published" and isinstance(value, PartialDate):
            return _unlabelled_date(key, value, sure)
        return "extra" if sure else "extra (flagged)"
    if name == "title":
        if same_title(str(value), str(expected), key.get("pseudonym")):
            return "right"
        # "Domestic homicide review: J", built from the type and pseudonym, names the review as well.
        built = re.fullmatch(r"(?P<type>[^:]+): (?P<who>.+)", str(value))
        types = {kind.replace("-", " ") for kind in key.get("review_type") or []}
        if built and key.get("pseudonym") and built.group("type").lower() in types:
            return "right" if pseudonym_key(built.group("who")) == pseudonym_key(str(key["pseudonym"])) else "wrong"
        return "wrong"
    if name == "board":
        theirs = [board_slug(re.sub(r"\s*\(.*?\)", "", part)) for part in str(expected).split(";")]
        mine = board_slug(str(value))
        return (
            "right" if any(mine == slug or set(mine.split("-")) <= set(slug.split("-")) for slug in theirs) else "wrong"
        )
    if name == "published":
        return "right" if value.isoformat() == str(expected) else "wrong"
    if name == "review_type":
        return "right" if set(value) == set(expected) else "wrong"
    if name == "reviewer":
        return "right" if surnames(list(value)) == surnames(list(expected)) else "wrong"
    return "right" if pseudonym_key(str(value)) == pseudonym_key(str(expected)) else "wrong"


_MONTH_ONLY = re.compile(r"^\(?\s*(?:[A-Za-z]+\s+)?\d{4}\)?$|^(?:[A-Za-z]+\s+\d{4}\s+to\s+[A-Za-z]+\s+\d{4})$")


def measure(source: Path, key: dict[str, Any], content: Path) -> tuple[Row, str, str]:
    project = Path(tempfile.mkdtemp(prefix="measure-import-"))
    try:
        shutil.copytree(content, project / "content", ignore=shutil.ignore_patterns("reviews"))
        (project / "content" / "reviews").mkdir()
        started = time.perf_counter()
        run = import_reports(source, project / "content", project)
        seconds = time.perf_counter() - started
        report = render_report(run, project)
        result = run.files[0]
        row = Row(source.name, key.get("url", ""), seconds=seconds)
        if result.outcome != "imported" or result.draft is None or result.recognised is None:
            row.fields = dict.fromkeys(FIELDS, f"not imported: {result.problem}")
            return row, report, ""
        draft = result.draft.read_text(encoding="utf-8")
        for name in FIELDS:
            found = result.recognised.fields.get(name)
            row.fields[name] = _score(key, name, found.value if found else None, bool(found and found.confident))
            if row.fields[name] in ("wrong", "extra") and found is not None:
                shown = ", ".join(map(str, found.value)) if isinstance(found.value, tuple) else str(found.value)
                row.fields[name] += f" ({shown[:60]})"
        haystack = folded(draft + "\n" + report)
        for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
            text = " ".join(line.split()).lstrip("•-–* ").strip()
            if text.startswith("|"):  # a table's row: each cell is checked
                row.lost.extend(
                    cell
                    for cell in map(str.strip, text.strip("|").split("|"))
                    if len(cell.split()) >= 4 and folded(cell) not in haystack
                )
                continue
            if len(text.split()) < 4 or folded(text) in haystack:
                continue
            # A paragraph's number ("1.2") or a run-in heading ("Summary:") may stand apart from its text.
            bare = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?[a-z]\))\s+", "", text)
            run_in = re.sub(r"^[A-Z][\w ’',&-]{2,60}?:\s+", "", bare)
            if folded(bare) not in haystack and folded(run_in) not in haystack:
                row.lost.append(text)
        learning = len(
            re.findall(r"^(?:\d+\.|\d+\.\d+) ", draft.split("\n## Learning\n", 1)[-1].split("\n## ", 1)[0], re.M)
        )
        recommendations = (
            len(
                re.findall(
                    r"^(?:\d+\.|\d+\.\d+) ", draft.split("\n## Recommendations\n", 1)[-1].split("\n## ", 1)[0], re.M
                )
            )
            if "\n## Recommendations\n" in draft
            else 0
        )
        placeholder_points = "TO FILL: the learning points" in draft
        row.points = (
            f"{0 if placeholder_points else learning}/{key.get('learning_points', 0)} "
            f"{0 if 'TO FILL: the recommendations' in draft else recommendations}/{key.get('recommendations', 0)}"
        )
        findings = [finding.text for finding in result.findings] + [text for _, _, text in result.left_out_findings]
        identifiers = key.get("identifiers") or []
        row.identifiers = len(identifiers)
        matched: set[int] = set()
        for identifier in identifiers:
            wanted = folded(identifier["text"])
            hits = [i for i, text in enumerate(findings) if wanted in folded(text) or folded(text) in wanted]
            month_only = bool(_MONTH_ONLY.match(identifier["text"].strip()))
            row.month_only += month_only
            if hits:
                row.found += 1
                row.month_only_found += month_only
                matched.update(hits)
            else:
                row.missed.append(f"{identifier['kind']}: {identifier['text']}")
        row.false_alarms = sorted({text for i, text in enumerate(findings) if i not in matched})
        return row, report, draft
    finally:
        shutil.rmtree(project, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--show", help="print the draft and report of the source whose file name contains this")
    arguments = parser.parse_args(argv)
    keys = yaml.safe_load(arguments.key.read_text(encoding="utf-8"))
    rows = []
    for key in keys:
        source = arguments.sources / key["file"]
        row, report, draft = measure(source, key, arguments.content)
        rows.append(row)
        if arguments.show and arguments.show in key["file"]:
            print(draft, "\n", report)
    print(
        "| source | "
        + " | ".join(FIELDS)
        + " | lines lost | points (learning, recs) | identifiers | false alarms | s |"
    )
    print("|" + "---|" * (len(FIELDS) + 6))
    for row in rows:
        alarms = f"{len(row.false_alarms)}" + (f" ({'; '.join(row.false_alarms)[:80]})" if row.false_alarms else "")
        print(
            f"| {row.file} | "
            + " | ".join(row.fields.get(name, "") for name in FIELDS)
            + f" | {len(row.lost)} | {row.points} | {row.found}/{row.identifiers} | {alarms} | {row.seconds:.2f} |"
        )
    print()
    for name in FIELDS:
        outcomes = [row.fields.get(name, "") for row in rows]
        outcomes = [
            o.split(" (")[0] if o.startswith(("wrong", "extra ")) and not o.startswith("extra (flagged)") else o
            for o in outcomes
        ]
        stated = [o for o in outcomes if o in ("right", "wrong", "missed")]
        several = sum(1 for o in outcomes if o.startswith("several"))
        right = outcomes.count("right")
        print(
            f"{name}: right {right}/{len(stated)} of the sources that state it"
            f" ({right / len(stated):.0%})"
            * bool(stated)
            + f"; wrong {outcomes.count('wrong')}; missed (placeholder) {outcomes.count('missed')}; "
            f"given where the source states none {sum(1 for o in outcomes if o.startswith('extra'))} "
            f"({outcomes.count('extra (flagged)')} flagged for checking)"
            + (f"; {several} name several people (not scored)" if several else "")
        )
    lost = sum(len(row.lost) for row in rows)
    print(f"lines of four words or more lost: {lost}")
    for row in rows:
        for line in row.lost:
            print(f"  lost in {row.file}: {line[:120]}")
    found, total = sum(row.found for row in rows), sum(row.identifiers for row in rows)
    month_only = sum(row.month_only for row in rows)
    alarms = sum(len(row.false_alarms) for row in rows)
    print(f"identifiers found: {found}/{total} ({found / total:.0%})" if total else "identifiers: none in the key")
    month_found = sum(row.month_only_found for row in rows)
    print(f"  of which the key's month-or-year-only dates (the check reports full dates): {month_found}/{month_only}")
    full, full_found = total - month_only, found - month_found
    if full:
        print(f"identifiers other than a month or a year: {full_found}/{full} ({full_found / full:.0%})")
    for row in rows:
        for missed in row.missed:
            print(f"  missed in {row.file}: {missed}")
    print(f"false alarms: {alarms} in {len(rows)} sources ({alarms / len(rows):.2f} a source)")
    print(f"import time: {sum(row.seconds for row in rows) / len(rows):.2f} s a source on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
