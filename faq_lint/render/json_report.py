"""JSON output: the report of the public contract (schema_version 1)."""

from __future__ import annotations

from faq_lint.models import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
