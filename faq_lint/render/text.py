"""Text output: ``path:line:col: CODE message`` lines grouped by file, then a summary."""

from __future__ import annotations

from faq_lint.models import Report


def summary_line(report: Report) -> str:
    counts = report.summary.by_severity
    total = report.summary.findings
    parts = ", ".join(
        f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 else ''}"
        for s in ("error", "warning", "info")
    )
    files = report.summary.files
    return (
        f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in "
        f"{files} file{'s' if files != 1 else ''}, {report.summary.entries} entries."
    )


def render_text(report: Report) -> str:
    lines: list[str] = []
    current: str | None = None
    for finding in report.findings:
        if finding.path != current:
            if current is not None:
                lines.append("")
            current = finding.path
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} "
            f"[{finding.severity}] {finding.message}"
        )
        for suggestion in finding.suggestions[:3]:
            lines.append(f"    help: {suggestion}")
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
