"""Check all content without building: the same validation and anonymisation check as a build.

`make check` runs this. It prints every problem as `path:line: field: message`, then the
anonymisation report (accepted findings included, with their reasons), and exits with 1
when anything would stop a build.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from casereviews.policy.publication import build_time, published_bodies  # noqa: E402
from casereviews.policy.vetting import check_content  # noqa: E402
from casereviews.problems import counted, summary_line  # noqa: E402
from casereviews.render.sanitise import refused_problems  # noqa: E402
from casereviews.rules.anonymisation import (  # noqa: E402
    CORPUS_LISTED_NAMES,
    Checker,
    Finding,
    evaluate,
    load_corpus,
    score_table,
)
from casereviews.settings import EnvironmentVariables, markdown_options, read_config_file  # noqa: E402

CORPUS = PROJECT / "tests" / "data" / "anonymisation_corpus.yml"


def print_stats(findings: list[Finding]) -> None:
    """Each rule measured as a classifier on the labelled corpus, beside its findings here."""
    corpus = load_corpus(CORPUS)
    scores = evaluate(Checker(CORPUS_LISTED_NAMES), corpus)
    identifying = sum(1 for sentence in corpus if sentence.expected_rule)
    print(
        f"\nAnonymisation rules measured on {len(corpus)} labelled sentences ({identifying} identifying, "
        f"{len(corpus) - identifying} ordinary; {CORPUS.relative_to(PROJECT)}):"
    )
    found = Counter(finding.rule for finding in findings)
    for line in score_table(scores, dict(found)):
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs-dir", type=Path, default=PROJECT / "content")
    parser.add_argument(
        "--config-file",
        type=Path,
        default=PROJECT / "mkdocs.yml",
        help="the site's configuration (its Markdown extensions)",
    )
    parser.add_argument(
        "--stats",
        action="store_true",
        help="also print each anonymisation rule's recall and false alarms on the labelled corpus "
        "(tests/data/anonymisation_corpus.yml) and its findings in this content",
    )
    arguments = parser.parse_args(argv)
    now, problem = build_time(EnvironmentVariables.read())
    if problem:
        print(problem, file=sys.stderr)
        return 2
    docs_dir = arguments.docs_dir.resolve()
    site = check_content(docs_dir, now, docs_dir.parent)
    # What the build's sanitiser would remove from authors' HTML, as the build reports it.
    options = markdown_options(read_config_file(arguments.config_file)) if arguments.config_file.exists() else {}
    site.add_problems(refused_problems(published_bodies(site), options))

    for notice in site.notices:
        print(f"notice: {notice}")
    for warning in site.warnings:
        print(f"warning: {warning}")
    for error in site.errors:
        print(f"error: {error}")

    accepted = [finding for finding in site.findings if finding.accepted_because]
    print(f"\nAnonymisation check: {counted(len(site.findings), 'finding')}, {len(accepted)} accepted.")
    for finding in accepted:
        print(f"  accepted: {finding}")

    if arguments.stats:
        print_stats(site.findings)

    print(f"Checked {counted(len(site.reviews), 'review')} and {counted(len(site.themes), 'theme')}: ", end="")
    if site.errors:
        print(f"{summary_line(site.problems)}. A build would stop.")
        return 1
    print(f"no errors, {counted(len(site.warnings), 'warning')}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
