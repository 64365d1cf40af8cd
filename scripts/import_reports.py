"""Import existing reports (PDF, Word .docx, HTML, plain text) as draft reviews.

`make import SOURCE=path` runs this on a file or a folder. Each report becomes a draft in
content/reviews/ (never overwriting a file, never importing the same source twice), and
the run's report is printed and written to import-reports/ (outside content/). Exits with
1 when any file could not be imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT))  # the importer (importer/), beside the hooks

from importer.report import render_report  # noqa: E402
from importer.run import import_reports  # noqa: E402


def progress(files: list[Path]):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(files, unit="file", desc="Importing", disable=None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a report, or a folder of reports")
    parser.add_argument("--content", type=Path, default=PROJECT / "content", help="the content folder")
    parser.add_argument("--report", type=Path, help="where to write the report (default: import-reports/)")
    arguments = parser.parse_args(argv)
    content = arguments.content.resolve()
    project = content.parent
    run = import_reports(arguments.source, content, project, progress=progress)
    report = render_report(run, project)
    target = arguments.report or project / "import-reports" / f"import-{run.started.strftime('%Y%m%d-%H%M%S')}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(report, encoding="utf-8")
    print(report)
    print(f"Report written to {target}")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
