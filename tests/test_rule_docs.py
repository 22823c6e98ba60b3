"""Rule docs: ``--list-rules``, ``--explain CODE`` and the generated docs/rules.md.

When a rule pack changes, regenerate the page with ``python -m faq_lint.docs``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from faq_lint import docs
from faq_lint.cli import main
from faq_lint.rulepack import load_rules

SPECS = load_rules()


def test_list_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SPECS)
    for spec, line in zip(SPECS, lines, strict=True):
        fields = line.split()
        assert fields[:4] == [spec.code, spec.name, spec.category, spec.severity], line
        assert spec.summary.split()[0] in line


def test_list_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == [s.code for s in SPECS]
    assert all(set(r) >= {"code", "name", "category", "severity", "summary"} for r in rows)


def test_list_rules_includes_a_project_rule_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "house-rules"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "rules:\n"
        "  - code: HOUSE001\n"
        "    name: house-empty-answer\n"
        "    category: style\n"
        "    severity: info\n"
        "    check: empty-answer\n"
        "    summary: Our house rule for empty answers.\n"
        "    message: Empty.\n"
        "    rationale: House style.\n"
        "    source: Our style guide.\n"
        "    fix: Write the answer.\n",
        encoding="utf-8",
    )
    (tmp_path / "faq-lint.toml").write_text('rule-packs = ["house-rules"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--list-rules"]) == 0
    out = capsys.readouterr().out
    assert "HOUSE001" in out and "house-empty-answer" in out
    assert main(["--explain", "house-empty-answer"]) == 0
    assert "Our house rule for empty answers." in capsys.readouterr().out


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_explain_prints_the_rule_documentation(
    spec: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from faq_lint.rulepack import RuleSpec

    assert isinstance(spec, RuleSpec)
    assert main(["--explain", spec.code.lower()]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert out.startswith(f"{spec.code}  {spec.name}\n")
    for text in (spec.summary, spec.rationale, spec.source, spec.fix):
        assert " ".join(text.split()) in flat
    for heading in ("What it checks", "Why it matters", "Standard it comes from", "How to fix"):
        assert heading in out
    if spec.examples.fail:
        assert "Example that fails" in out
        first_line = (
            spec.examples.fail[0].content or next(iter(spec.examples.fail[0].files.values()))
        ).split("\n")[0]
        assert f"| {first_line}".rstrip() in out
    if spec.examples.pass_:
        assert "Example that passes" in out
    for option, default in spec.options.items():
        assert f"  {option} = {docs.toml_value(default)}" in out
        if option in spec.option_docs:
            assert " ".join(spec.option_docs[option].split()) in flat
    assert f"faq-lint: ignore {spec.code}" in out


def test_explain_by_name_and_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    spec = SPECS[0]
    assert main(["--explain", spec.name]) == 0
    assert capsys.readouterr().out.startswith(spec.code)
    assert main(["--explain", "FAQ999"]) == 2
    assert "no rule FAQ999" in capsys.readouterr().err


def test_docs_rules_md_is_up_to_date() -> None:
    """docs/rules.md is generated from the rule packs; regenerate: python -m faq_lint.docs"""
    page = REPO / "docs" / "rules.md"
    expected = docs.rules_markdown(SPECS)
    current = page.read_text(encoding="utf-8") if page.is_file() else ""
    assert current == expected, "docs/rules.md is stale: run 'python -m faq_lint.docs'"


def test_docs_page_documents_every_rule() -> None:
    text = docs.rules_markdown(SPECS)
    for spec in SPECS:
        assert f"\n## {spec.code} {spec.name}\n" in text
        assert f"[{spec.code}](#{spec.code.lower()}-{spec.name})" in text
        for option in spec.options:
            assert f"| `{option}` |" in text


def test_docs_check_mode(tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    assert docs.main(["--output", str(target), "--check"]) == 1
    assert docs.main(["--output", str(target)]) == 0
    assert docs.main(["--output", str(target), "--check"]) == 0
