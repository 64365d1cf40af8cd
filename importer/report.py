"""The report of an import run, in Markdown: printed, and written beside the drafts."""

from __future__ import annotations

from pathlib import Path

from .run import FileResult, RunResult, display

_FIELDS = ("title", "review_type", "board", "published", "pseudonym", "summary")
_OPTIONAL_FIELDS = ("reviewer",)


def _value(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
    return text if len(text) <= 90 else text[:87] + "..."


def source_name(path: Path, run: RunResult, project: Path) -> str:
    """A source as the editor knows it: from the project folder, else from the folder imported."""
    shown = display(path, project)
    return shown if not Path(shown).is_absolute() else display(path, run.source.resolve().parent)


def _file_section(result: FileResult, run: RunResult, project: Path) -> list[str]:
    name = source_name(result.source, run, project)
    if result.outcome == "failed":
        return [
            f"### {name}: not imported",
            "",
            f"- Problem: {result.problem}.",
            f"- What to do: {result.what_to_do}.",
            "",
        ]
    if result.outcome == "already-imported":
        return [f"### {name}: {result.problem}", ""]
    recognised = result.recognised
    assert result.draft is not None and recognised is not None, "an imported file has its draft"
    draft = display(result.draft, project)
    pages = f", {result.pages} pages" if result.pages else ""
    lines = [f"### {name} → `{draft}`", "", f"Read as {result.format}{pages}.", "", "Fields found:", ""]
    for key in (*_FIELDS, *_OPTIONAL_FIELDS):
        found = recognised.fields.get(key)
        if found:
            note = f" ({found.note})" if found.note else ""
            lines.append(f"- `{key}`: {_value(found.value)} — {found.how}{note}")
    for other in recognised.other_dates:
        lines.append(f"- a date on the cover not taken as `published`: {other}")
    missing = [key for key in _FIELDS if key not in recognised.fields]
    lines.append(f"- not found: {', '.join(missing) if missing else 'none'}")
    lines.append("")
    lines.append("Sections:")
    lines.append("")
    for section in recognised.sections:
        count = f": {len(section.points)} points" if section.kind in ("learning", "recommendations") else ""
        groups = f" in groups ({', '.join(section.groups)})" if section.groups else ""
        lines.append(f"- '{section.heading}' ({section.kind}){count}{groups}")
    if not recognised.sections:
        lines.append("- none recognised")
    lines.append("")
    lines.append("Placeholders to fill (`make check` fails until each is filled):")
    lines.append("")
    lines.extend(f"- {draft}:{line}: {key}: {what}" for line, key, what in result.placeholders)
    if not result.placeholders:
        lines.append("- none")
    lines.append("")
    lines.append("Themes suggested:")
    lines.append("")
    if recognised.audience != "all":
        lines.append(
            f"- about {recognised.audience} ({recognised.audience_how}): only themes for {recognised.audience} "
            "or for all are suggested"
        )
    lines.extend(f"- `{s.slug}` (score {s.score}): {s.reason}" for s in result.suggested)
    if not result.suggested:
        lines.append("- none scored high enough: choose at least one")
    if result.considered:
        lines.append(
            "- also considered: " + "; ".join(f"`{s.slug}` ({s.score}: {s.reason})" for s in result.considered[:6])
        )
    lines.append("")
    lines.append("Anonymisation findings:")
    lines.append("")
    lines.extend(f"- {finding.path}:{finding.line}: {finding.rule}: {finding.text}" for finding in result.findings)
    lines.extend(f"- {where}: {rule}: {text} — left out of the draft" for where, rule, text in result.left_out_findings)
    if not result.findings and not result.left_out_findings:
        lines.append("- none")
    lines.append("")
    if result.unaccounted:
        lines.append(
            f"**Text of the source not found in the draft** ({len(result.unaccounted)}): the import should never "
            "lose text. Copy it in by hand, and please report this:"
        )
        lines.append("")
        lines.extend(f"- {_value(text)}" for text in result.unaccounted)
        lines.append("")
    lines.append("Check by hand:")
    lines.append("")
    lines.append("- read the draft against the source: every field, section and point")
    lines.extend(f"- {check}" for check in result.checks)
    lines.extend(f"- left out of the draft: {what}" for what in result.left_out)
    if result.findings:
        lines.append("- remove or rewrite each anonymisation finding in the draft before publishing")
    lines.append("")
    for what, texts in result.not_in_draft:
        lines.append(f"Not in the draft: {what}:")
        lines.append("")
        lines.extend(f"> {text}" for text in texts)
        lines.append("")
    return lines


def render_report(run: RunResult, project: Path) -> str:
    imported = [r for r in run.files if r.outcome == "imported"]
    already = [r for r in run.files if r.outcome == "already-imported"]
    lines = [
        f"# Import of {source_name(run.source, run, project)}",
        "",
        f"Run at {run.started.strftime('%Y-%m-%d %H:%M:%S %z')} into `{display(run.content_dir, project)}`.",
        "",
        f"{len(run.files)} files: {len(imported)} imported as drafts, {len(already)} already imported, "
        f"{len(run.failed)} not imported.",
        "",
        "Every draft has `status: draft` and is never published until an editor changes that. "
        "This report may quote identifying details found in the sources: keep it out of content/ and "
        "do not publish it.",
        "",
    ]
    if imported:
        lines.extend(["## Imported", ""])
        for result in imported:
            lines.extend(_file_section(result, run, project))
    if already:
        lines.extend(["## Already imported", ""])
        for result in already:
            lines.extend(_file_section(result, run, project))
    if run.failed:
        lines.extend(["## Not imported", ""])
        for result in run.failed:
            lines.extend(_file_section(result, run, project))
    return "\n".join(lines).rstrip() + "\n"
