"""``--format github``: GitHub Actions workflow commands, one per finding, properly escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from faq_lint.cli import main
from faq_lint.models import Finding
from faq_lint.render.github import annotation, escape_data, escape_property

LINE = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def _props(text: str) -> dict[str, str]:
    return {
        key: _unescape(value) for key, value in (pair.split("=", 1) for pair in text.split(","))
    }


def test_escaping_follows_the_actions_runner() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    # ':' and ',' are left alone in the message part
    assert escape_data("Note: a, b") == "Note: a, b"


def test_annotation_for_a_tricky_finding() -> None:
    finding = Finding(
        rule="FAQ301",
        name="uncited-medication-claim",
        category="citation",
        severity="info",
        message="Claim: '100% cure, fast'\nsecond line",
        path="data/odd, name:1.txt",
        line=3,
        column=5,
        end_line=3,
        end_column=20,
        suggestions=["Cite a source"],
    )
    line = annotation(finding)
    assert "\n" not in line
    match = LINE.match(line)
    assert match, line
    assert match.group(1) == "notice"
    props = _props(match.group("props"))
    assert props == {
        "file": "data/odd, name:1.txt",
        "line": "3",
        "col": "5",
        "endLine": "3",
        "endColumn": "20",
        "title": "FAQ301 uncited-medication-claim",
    }
    assert _unescape(match.group("message")).startswith("Claim: '100% cure, fast'\nsecond line")


def test_github_output_has_one_line_per_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "gout.txt"
    page.write_text(
        "Gout\n\nSome notes, 100% unchecked.\n\nWhat is gout?\n\nHow is gout treated?\n\n"
        "Rest and ice.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    status_json = main(["gout.txt", "--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    status = main(["gout.txt", "--format", "github", "--no-cache"])
    lines = capsys.readouterr().out.splitlines()
    assert findings and len(lines) == len(findings)
    assert status == status_json == 1
    for finding, line in zip(findings, lines, strict=True):
        match = LINE.match(line)
        assert match, line
        expected = {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        assert match.group(1) == expected
        props = _props(match.group("props"))
        assert props["file"] == "gout.txt"
        assert props["line"] == str(finding["line"])
        assert props["col"] == str(finding["column"])
        assert props["title"].startswith(finding["rule"] + " ")
        assert _unescape(match.group("message")).split("\n")[0] == finding["message"]
