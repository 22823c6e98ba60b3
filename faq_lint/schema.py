"""The JSON Schema of the report, generated from the pydantic models.

A copy ships in the package as ``faq_lint/report.schema.json``; a test fails when
it differs from what the models generate (``python -m faq_lint.schema`` rewrites it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from faq_lint.models import Report

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://faq-lint.invalid/report.schema.json"
    return schema


def schema_text() -> str:
    return json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
