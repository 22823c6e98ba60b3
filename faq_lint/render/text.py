"""Text output: ``path:line:col: CODE message`` lines grouped by file, then a summary.

Whatever a page or a file name holds, each finding stays one line and nothing reaches
the terminal as a command: control characters (a newline in a file name, the ESC of a
terminal escape sequence copied into an answer) and the Unicode characters that reorder
or hide text are shown escaped, as ``\\n``, ``\\x1b``, ``\\u202e``.
"""

from __future__ import annotations

import re

from faq_lint.models import Report

# C0 controls but the tab, DEL, C1 controls, bidirectional overrides and isolates,
# the line and paragraph separators, zero-width and byte-order-mark characters.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape(value: str) -> str:
    """``value`` safe to print on one terminal line (see the module's docstring)."""
    return _UNSAFE.sub(_escape_one, value) if _UNSAFE.search(value) else value


def summary_line(report: Report) -> str:
    counts = report.summary.by_severity
    total = report.summary.findings
    parts = ", ".join(
        f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 else ''}"
        for s in ("error", "warning", "info")
    )
    files = report.summary.files
    line = (
        f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in "
        f"{files} file{'s' if files != 1 else ''}, {report.summary.entries} entries."
    )
    hidden = baseline_note(report)
    return f"{line}\n{hidden}" if hidden else line


def baseline_note(report: Report) -> str:
    """``21 findings hidden by BASELINE; ...`` when the baseline hid any, else ``""``."""
    hidden = report.summary.hidden_by_baseline
    if not hidden or not report.summary.baseline:
        return ""
    return (
        f"{hidden} finding{'s' if hidden != 1 else ''} hidden by "
        f"{escape(report.summary.baseline)}; --no-baseline shows them."
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
            f"{escape(finding.path)}:{finding.line}:{finding.column}: {finding.rule} "
            f"[{finding.severity}] {escape(finding.message)}"
        )
        for suggestion in finding.suggestions[:3]:
            lines.append(f"    help: {escape(suggestion)}")
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
