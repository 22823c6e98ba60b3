"""``--statistics``: one line per rule with its count, instead of the findings (as ruff does)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from faq_lint.cli import main

PAGE = (
    "Gout\n\nSome notes we forgot to delete.\n\n"
    "What is gout?\n\n"
    "How is gout treated?\n\n"
    "What causes gout?\n\n"
    "Tell me about gout flares\n\nA flare is a sudden attack of pain.\n"
)


@pytest.fixture()
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "gout.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "gout.txt"


def test_statistics_count_every_rule(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    main([page, "--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    expected = Counter(f["rule"] for f in findings)
    assert expected["FAQ003"] >= 2, findings

    status = main([page, "--statistics", "--no-cache"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    rows = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    assert rows == dict(expected)
    counts = [int(line.split()[0]) for line in lines[:-1]]
    assert counts == sorted(counts, reverse=True)
    assert lines[-1].split()[0] == str(len(findings))
    assert "FAQ003  empty-answer" in "\n".join(lines)
    assert "Some notes" not in "\n".join(lines)  # no findings, only counts

    main([page, "--statistics", "--format", "json", "--no-cache"])
    data = json.loads(capsys.readouterr().out)
    assert {row["code"]: row["count"] for row in data} == dict(expected)
    assert all({"code", "name", "severity", "count"} <= set(row) for row in data)


def test_statistics_honour_select_and_fail_on(
    page: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([page, "--statistics", "--select", "FAQ004", "--fail-on", "error", "--no-cache"])
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["FAQ004"]
    assert status == 0  # FAQ004 is a warning, below --fail-on error


def test_statistics_with_nothing_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "ok.txt"
    page.write_text("What is gout?\n\nGout is a kind of arthritis.\n", encoding="utf-8")
    assert main([str(page), "--statistics", "--select", "FAQ003", "--no-cache"]) == 0
    assert capsys.readouterr().out == "No problems found.\n"


def test_per_file_config_is_honoured_by_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """per-file-ignores silence rules in one folder, in every output format."""
    for folder in ("old", "new"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "gout.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "faq-lint.toml").write_text(
        'paths = ["old/", "new/"]\n[per-file-ignores]\n"old/*" = ["FAQ003", "structure"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    main(["--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings
    assert not [f for f in findings if f["path"].startswith("old") and f["category"] == "structure"]
    assert [f for f in findings if f["path"].startswith("new") and f["rule"] == "FAQ003"]

    main(["--format", "sarif", "--no-cache"])
    assert len(json.loads(capsys.readouterr().out)["runs"][0]["results"]) == len(findings)
    main(["--format", "github", "--no-cache"])
    assert len(capsys.readouterr().out.splitlines()) == len(findings)
    main(["--statistics", "--format", "json", "--no-cache"])
    assert sum(row["count"] for row in json.loads(capsys.readouterr().out)) == len(findings)
    main(["--no-cache"])
    text = capsys.readouterr().out
    assert len(re.findall(r"^(?:old|new)/gout\.txt:\d+:\d+: FAQ", text, re.M)) == len(findings)
    assert not re.search(r"^old/gout\.txt:\d+:\d+: FAQ00", text, re.M)


def test_fail_on_decides_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "gout.txt"
    page.write_text(
        "What is gout?\n# faq-lint: ignore FAQ003\n\nGout is a kind of arthritis.\n", "utf-8"
    )
    args = [str(page), "--select", "FAQ003,FAQ901", "--no-cache"]
    assert main(args) == 0  # one info finding (the unused ignore): below the default 'warning'
    assert "FAQ901" in capsys.readouterr().out
    assert main([*args, "--fail-on", "info"]) == 1
    assert main([*args, "--fail-on", "error", "--format", "sarif"]) == 0
    capsys.readouterr()
