"""Measure the import's theme suggestions on the labelled sets, with and without meaning.

    .venv/bin/python scripts/measure_themes.py [--show]

Prints precision and recall of the suggestions on tests/data/theme_suggestions.yml (the set
the `suggested_by` words were written against) and tests/data/theme_suggestions_holdout.yml
(written separately, never tuned against), first by words alone, then with closeness in
meaning (what the import does). `--show` lists each summary whose suggestions differ from
its labels.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT))  # the importer (importer/), beside the hooks

from importer.model import TYPE_AUDIENCE, load_themes  # noqa: E402
from importer.suggest import chosen, suggest_themes  # noqa: E402

SETS = ("theme_suggestions.yml", "theme_suggestions_holdout.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the summaries whose suggestions differ")
    arguments = parser.parse_args(argv)
    themes = load_themes(PROJECT / "content")
    for by_meaning in (False, True):
        print("with closeness in meaning (the import's method)" if by_meaning else "by words alone")
        for name in SETS:
            right = wrong = missed = 0
            for entry in yaml.safe_load((PROJECT / "tests" / "data" / name).read_text(encoding="utf-8")):
                kinds = {TYPE_AUDIENCE[kind] for kind in entry["review_type"]} - {"all"}
                audience = kinds.pop() if len(kinds) == 1 else "all"
                ranked = suggest_themes(entry["text"], themes, entry["review_type"], by_meaning=by_meaning)
                got = {suggestion.slug for suggestion in chosen(ranked, audience)[0]}
                wanted = set(entry["themes"])
                right, wrong, missed = right + len(got & wanted), wrong + len(got - wanted), missed + len(wanted - got)
                if arguments.show and by_meaning and got != wanted:
                    print(f"    {entry['id']}: missed {sorted(wanted - got)}, not labelled {sorted(got - wanted)}")
            precision = right / (right + wrong) if right + wrong else 0.0
            print(f"  {name}: precision {precision:.2f}, recall {right / (right + missed):.2f} ({right} right, "
                  f"{wrong} not labelled, {missed} missed)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
