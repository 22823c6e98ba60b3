"""``--format sarif``: valid SARIF 2.1.0 (checked against the official schema).

One result per finding, with stable fingerprints and related locations.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEED, shared_path

from faq_lint.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workflow"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main([*args, "--no-cache"])
    return status, capsys.readouterr().out


def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "sarif-schema-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _assert_valid(sarif: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_on_data_validates_with_one_result_per_finding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    _, report_text = _run(capsys, "data/", "--format", "json", "--no-baseline")
    findings = json.loads(report_text)["findings"]
    status, sarif_text = _run(capsys, "data/", "--format", "sarif", "--no-baseline")
    sarif = json.loads(sarif_text)
    _assert_valid(sarif)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    results = run["results"]
    assert len(results) == len(findings)
    assert findings, "the seed page has known problems; the test needs some"
    assert status == (1 if any(f["severity"] != "info" for f in findings) else 0)
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for finding, result in zip(findings, results, strict=True):
        assert result["ruleId"] == finding["rule"]
        assert ids[result["ruleIndex"]] == finding["rule"]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "data/piriformis-syndrome.txt"
        assert location["region"]["startLine"] == finding["line"]
        assert location["region"]["startColumn"] == finding["column"]
        assert result["partialFingerprints"]["faqLint/v1"] == finding["fingerprint"]
        expected = {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert result["level"] == expected
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_sarif_related_locations_and_levels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings about two entries carry the other one as a related location."""
    page = (
        "What is gout?\n\nGout is a kind of arthritis.\n\nWhat is gout?\n\nIt is a joint disease.\n"
    )
    (tmp_path / "gout.txt").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, report_text = _run(capsys, "gout.txt", "--format", "json")
    findings = json.loads(report_text)["findings"]
    _, sarif_text = _run(capsys, "gout.txt", "--format", "sarif")
    sarif = json.loads(sarif_text)
    _assert_valid(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(findings)
    with_related = [f for f in findings if f["related"]]
    if not with_related:
        pytest.skip("no rule reporting related entries (duplicates) is in the rule packs yet")
    for finding, result in zip(findings, results, strict=True):
        related = result.get("relatedLocations", [])
        assert len(related) == len(finding["related"])
        for item, expected in zip(related, finding["related"], strict=True):
            region = item["physicalLocation"]["region"]
            assert region["startLine"] == expected["line"]


def test_fingerprints_survive_lines_moving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """partialFingerprints stay the same when an entry is added above the findings."""
    page = tmp_path / "piriformis-syndrome.txt"
    shutil.copy(SEED, page)
    monkeypatch.chdir(tmp_path)
    _, before = _run(capsys, page.name, "--format", "sarif")
    text = page.read_text(encoding="utf-8")
    page.write_text("Is piriformis syndrome common?\n\nIt is rare.\n\n" + text, encoding="utf-8")
    _, after = _run(capsys, page.name, "--format", "sarif")

    def keyed(sarif_text: str) -> dict[str, int]:
        results = json.loads(sarif_text)["runs"][0]["results"]
        results = [r for r in results if "question" in r["properties"]]  # entries, not the page
        return {
            r["partialFingerprints"]["faqLint/v1"]: r["locations"][0]["physicalLocation"]["region"][
                "startLine"
            ]
            for r in results
        }

    old, new = keyed(before), keyed(after)
    assert old, "the seed page has known problems; the test needs some"
    for fingerprint, line in old.items():
        assert fingerprint in new
        assert new[fingerprint] == line + 4


def test_sarif_for_a_broken_file_and_absolute_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parse failure is a result too; absolute paths become file:// URIs."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("- question: What is it?\n  answer: [unclosed\n", encoding="utf-8")
    status, sarif_text = _run(capsys, str(broken), "--format", "sarif")
    sarif = json.loads(sarif_text)
    _assert_valid(sarif)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FAQ001"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/broken.yaml")
    assert result["level"] == "error"
    assert status == 1


def test_sarif_with_no_findings_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "empty-ok.txt"
    page.write_text("What is gout?\n\nGout is a kind of arthritis.\n", encoding="utf-8")
    _, sarif_text = _run(capsys, str(page), "--format", "sarif", "--select", "FAQ003")
    sarif = json.loads(sarif_text)
    _assert_valid(sarif)
    assert sarif["runs"][0]["results"] == []
    assert [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]] == ["FAQ003"]
