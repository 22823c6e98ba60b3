"""``--statistics``: how many findings each rule made, most first (as ``ruff --statistics``)."""

from __future__ import annotations

import json
from collections import Counter

from faq_lint.models import Finding, Report


def statistics(report: Report) -> list[dict[str, object]]:
    """One row per rule with findings: code, name, severity, count; most findings first."""
    counts = Counter(f.rule for f in report.findings)
    first: dict[str, Finding] = {}
    for finding in report.findings:
        first.setdefault(finding.rule, finding)
    return [
        {
            "code": code,
            "name": first[code].name,
            "severity": first[code].severity,
            "count": count,
        }
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render_statistics(report: Report, fmt: str = "text") -> str:
    from faq_lint.render.text import baseline_note

    rows = statistics(report)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    note = baseline_note(report)
    if not rows:
        return "No problems found.\n" + (f"{note}\n" if note else "")
    total = len(report.findings)
    width = len(str(total))
    name_width = max(len(str(row["name"])) for row in rows)
    lines = [
        f"{row['count']:>{width}}  {row['code']}  {row['name']:<{name_width}}  [{row['severity']}]"
        for row in rows
    ]
    lines.append(f"{total:>{width}}  total in {report.summary.files} files")
    if note:
        lines.append(note)
    return "\n".join(lines) + "\n"
