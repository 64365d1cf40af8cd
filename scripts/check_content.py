"""Check all content without building: the same validation and anonymisation check as a build.

`make check` runs this. It prints every problem as `path:line: field: message`, then the
anonymisation report (accepted findings included, with their reasons), and exits with 1
when anything would stop a build.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from casereviews.policy.publication import build_time  # noqa: E402
from casereviews.policy.vetting import check_content  # noqa: E402
from casereviews.problems import summary_line  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", type=Path, default=PROJECT / "content")
    arguments = parser.parse_args(argv)
    now, problem = build_time(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    docs_dir = arguments.docs_dir.resolve()
    site = check_content(docs_dir, now, docs_dir.parent)

    for warning in site.warnings:
        print(f"warning: {warning}")
    for error in site.errors:
        print(f"error: {error}")

    accepted = [finding for finding in site.findings if finding.accepted_because]
    print(f"\nAnonymisation check: {len(site.findings)} findings, {len(accepted)} accepted.")
    for finding in accepted:
        print(f"  accepted: {finding}")

    reviews = len(site.reviews)
    print(f"Checked {reviews} reviews and {len(site.themes)} themes: ", end="")
    if site.errors:
        print(f"{summary_line(site.problems)}. A build would stop.")
        return 1
    print(f"no errors, {len(site.warnings)} warnings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
