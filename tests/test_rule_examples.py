"""Every rule's pass/fail examples, declared in its YAML, run here (as sqlfluff does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lint_folder

from faq_lint.rulepack import RuleExample, RuleSpec, default_pack_dir, load_pack

EXTENSIONS = {
    "text": ".txt",
    "markdown": ".md",
    "yaml": ".yaml",
    "json": ".json",
    "jsonld": ".json",
    "jsonl": ".jsonl",
    "csv": ".csv",
}
SPECS = load_pack(default_pack_dir())


def _cases(kind: str) -> list[tuple[RuleSpec, int, RuleExample]]:
    cases = []
    for spec in SPECS:
        examples = spec.examples.fail if kind == "fail" else spec.examples.pass_
        cases.extend((spec, index, example) for index, example in enumerate(examples))
    return cases


def _run(spec: RuleSpec, example: RuleExample, folder: Path) -> list[str]:
    files = example.files or {f"page{EXTENSIONS[example.format]}": example.content}
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    options = {spec.code: example.options} if example.options else {}
    report = lint_folder(folder, [spec.code], options)
    return [f.message for f in report.findings if f.rule == spec.code]


def test_every_rule_has_examples() -> None:
    missing = [s.code for s in SPECS if not s.examples.fail and s.code != "FAQ002"]
    assert not missing, f"rules without a failing example: {missing}"
    assert all(s.examples.pass_ for s in SPECS), "every rule needs a passing example"


@pytest.mark.parametrize(
    ("spec", "index", "example"),
    _cases("fail"),
    ids=lambda v: getattr(v, "code", str(v)) if not isinstance(v, RuleExample) else "",
)
def test_failing_example(spec: RuleSpec, index: int, example: RuleExample, tmp_path: Path) -> None:
    messages = _run(spec, example, tmp_path)
    assert messages, f"{spec.code} fail example #{index} produced no finding"
    if example.count is not None:
        assert len(messages) == example.count, messages
    if example.contains is not None:
        assert any(example.contains in m for m in messages), messages


@pytest.mark.parametrize(
    ("spec", "index", "example"),
    _cases("pass"),
    ids=lambda v: getattr(v, "code", str(v)) if not isinstance(v, RuleExample) else "",
)
def test_passing_example(spec: RuleSpec, index: int, example: RuleExample, tmp_path: Path) -> None:
    messages = _run(spec, example, tmp_path)
    assert not messages, f"{spec.code} pass example #{index} produced findings: {messages}"
