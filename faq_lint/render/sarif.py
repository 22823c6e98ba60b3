"""SARIF 2.1.0 output, for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).

One run; ``tool.driver.rules`` describes every rule in force (and any other rule a
finding names); one result per finding, with its rule, level, location, the
other entries it is about as ``relatedLocations`` and the finding's fingerprint as
``partialFingerprints`` so a result keeps its identity when lines move.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from faq_lint import __version__
from faq_lint.docs import toml_value
from faq_lint.models import Finding, Related, Report
from faq_lint.rulepack import RulePackError, RuleSpec, load_rules

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "faqLint/v1"


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference (``/`` separators, percent-encoded)."""
    if os.path.isabs(path):
        return "file://" + quote(path.replace(os.sep, "/"))
    return quote(path.replace(os.sep, "/"))


def _region(line: int, column: int, end_line: int | None, end_column: int | None) -> dict[str, int]:
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end_line is not None and end_line >= region["startLine"]:
        region["endLine"] = end_line
        if end_column is not None and (end_line > line or end_column > region["startColumn"]):
            region["endColumn"] = end_column
    return region


def _folder_uri(folder: str) -> str:
    return "file://" + quote(folder.replace(os.sep, "/").rstrip("/") + "/")


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    artifact = {"uri": artifact_uri(path)}
    if not os.path.isabs(path):
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _rule_descriptor(spec: RuleSpec) -> dict[str, Any]:
    options = "".join(
        f"\n- `{name}` (default `{toml_value(value)}`)"
        + (f": {spec.option_docs[name]}" if name in spec.option_docs else "")
        for name, value in spec.options.items()
    )
    help_text = f"{spec.fix}\n\nWhy: {spec.rationale}\n\nSource: {spec.source}"
    help_markdown = (
        f"**How to fix:** {spec.fix}\n\n**Why:** {spec.rationale}\n\n**Source:** {spec.source}"
        + (f"\n\n**Options:**{options}" if options else "")
        + f"\n\nRun `faq-lint --explain {spec.code}` for examples."
    )
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": spec.rationale},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[spec.severity], "enabled": spec.enabled},
        "properties": {"category": spec.category, "source": spec.source, "tags": [spec.category]},
    }


def _rules_for(report: Report) -> list[RuleSpec]:
    """The rules in force (set on the report by ``api.lint``) plus any rule a finding names."""
    # report._rules holds the rules in force (checks.base.Rule, or their RuleSpec)
    in_force = [getattr(r, "spec", r) for r in getattr(report, "_rules", None) or []]
    specs: dict[str, RuleSpec] = {s.code: s for s in in_force if isinstance(s, RuleSpec)}
    missing = {f.rule for f in report.findings} - set(specs)
    if missing:
        try:
            every = {s.code: s for s in load_rules()}
        except RulePackError:  # a report must render even if the packs do not load
            every = {}
        for code in missing:
            if code in every:
                specs[code] = every[code]
    return sorted(specs.values(), key=lambda s: s.code)


def _related(index: int, related: Related) -> dict[str, Any]:
    location = _location(related.path, {"startLine": max(1, related.line)})
    location["id"] = index
    if related.question:
        location["message"] = {"text": related.question}
    return location


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    region = _region(finding.line, finding.column, finding.end_line, finding.end_column)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding.path, region)],
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.related:
        result["relatedLocations"] = [
            _related(index, related) for index, related in enumerate(finding.related, start=1)
        ]
    properties: dict[str, Any] = {"category": finding.category, "name": finding.name}
    if finding.question is not None:
        properties["question"] = finding.question
    if finding.entry_id is not None:
        properties["entryId"] = finding.entry_id
    if finding.suggestions:
        properties["suggestions"] = finding.suggestions
    result["properties"] = properties
    return result


def render_sarif(report: Report) -> str:
    specs = _rules_for(report)
    rule_index = {spec.code: index for index, spec in enumerate(specs)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "faq-lint",
                "version": report.tool.version or __version__,
                "semanticVersion": report.tool.version or __version__,
                "rules": [_rule_descriptor(spec) for spec in specs],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _folder_uri(os.getcwd())}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, rule_index) for finding in report.findings],
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
