"""GitHub Actions output: one workflow command per finding, shown as an annotation on the file.

    ::warning file=data/a.txt,line=13,col=1,title=FAQ301 uncited-claim::Medication claim ...

Severities map to ``error``, ``warning`` and ``notice``. Values are escaped as the
Actions runner expects: ``%``, carriage return and newline everywhere, and also
``:`` and ``,`` inside properties.
"""

from __future__ import annotations

from faq_lint.models import Finding, Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = [("file", finding.path), ("line", str(finding.line)), ("col", str(finding.column))]
    if finding.end_line is not None:
        properties.append(("endLine", str(finding.end_line)))
        if finding.end_column is not None:
            properties.append(("endColumn", str(finding.end_column)))
    properties.append(("title", f"{finding.rule} {finding.name}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = finding.message
    if finding.suggestions:
        message += "\n" + "\n".join(f"help: {s}" for s in finding.suggestions[:3])
    return f"::{COMMANDS.get(finding.severity, 'warning')} {joined}::{escape_data(message)}"


def render_github(report: Report) -> str:
    return "".join(annotation(finding) + "\n" for finding in report.findings)
