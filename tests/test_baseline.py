"""Baselines: record today's findings, then report only new ones, whatever moved on the page."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEED, shared_path

from faq_lint.cli import main

NEW_ENTRIES = {
    "empty": "Is piriformis syndrome serious?\n\n",
    "uncited-claim": (
        "Which pills should I take for piriformis syndrome?\n\n"
        "Take ibuprofen or naproxen three times a day until the pain stops.\n\n"
    ),
}
NEW_QUESTIONS = {
    "empty": "Is piriformis syndrome serious?",
    "uncited-claim": "Which pills should I take for piriformis syndrome?",
}


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    status = main([*args, "--format", "json", "--no-cache"])
    return status, json.loads(capsys.readouterr().out)["findings"]


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder: the seed page and a few MedQuAD pages in three formats."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / SEED.name)
    pages = shared_path("corpora", "medquad", "pages")
    for sub, ext in (("txt", ".txt"), ("md", ".md"), ("yaml", ".yaml")):
        for page in sorted((pages / sub).glob(f"*{ext}"))[:2]:
            shutil.copy(page, content / page.name)
    (tmp_path / "faq-lint.toml").write_text('paths = ["content/"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return content


def test_baseline_silences_everything_it_recorded(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, before = _json(capsys, "content/")
    assert before, "the folder has known problems; the test needs some"
    assert main(["content/", "--write-baseline", "baseline.json", "--no-cache"]) == 0
    assert f"wrote {len(before)} findings" in capsys.readouterr().err
    status, after = _json(capsys, "content/", "--baseline", "baseline.json")
    assert after == []
    assert status == 0
    # hook mode: one file named, the folder's baseline still applies
    status, one = _json(capsys, f"content/{SEED.name}", "--baseline", "baseline.json")
    assert one == [] and status == 0


@pytest.mark.parametrize("kind", sorted(NEW_ENTRIES))
def test_new_entry_at_the_top_reports_only_its_own_findings(
    kind: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content/", "--write-baseline", "baseline.json", "--no-cache"]) == 0
    capsys.readouterr()
    page = folder / SEED.name
    page.write_text(NEW_ENTRIES[kind] + page.read_text(encoding="utf-8"), encoding="utf-8")
    status, findings = _json(capsys, "content/", "--baseline", "baseline.json")
    assert findings, f"the new {kind} entry should be reported"
    assert {f["question"] for f in findings} == {NEW_QUESTIONS[kind]}, findings
    assert {f["path"] for f in findings} == {f"content/{SEED.name}"}
    # the old findings moved down the page, and the baseline still knows them
    _, everything = _json(capsys, "content/", "--no-baseline")
    assert len(everything) > len(findings)
    assert status == (1 if any(f["severity"] != "info" for f in findings) else 0)


def test_baseline_file_is_sorted_readable_and_stable(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content/", "--write-baseline", "one.json", "--no-cache"]) == 0
    # named differently and from another folder: the same baseline
    os.chdir(folder)
    assert main([".", "--write-baseline", "../two.json", "--no-cache"]) == 0
    os.chdir(folder.parent)
    one = Path("one.json").read_text(encoding="utf-8")
    two = json.loads(Path("two.json").read_text(encoding="utf-8"))
    data = json.loads(one)
    # messages may quote other files' paths as named; everything else is the same
    for entries in (data["findings"], two["findings"]):
        for entry in entries:
            entry["message"] = ""
    assert data == two
    data = json.loads(one)
    assert data["baseline_version"] == 1 and data["tool"] == "faq-lint"
    entries = data["findings"]
    assert entries
    assert all(list(e) == ["path", "rule", "question", "fingerprint", "message"] for e in entries)
    keys = [
        (e["path"], e["rule"], e["question"] or "", e["fingerprint"], e["message"]) for e in entries
    ]
    assert keys == sorted(keys)
    assert all(e["path"].startswith("content/") for e in entries)
    assert all("line" not in e for e in entries)
    assert one.count("\n") > len(entries)  # one field a line: diffs show each finding


def test_same_problem_twice_needs_two_baseline_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "gout.txt"
    twice = "What is gout?\n\nWhat is gout?\n\nWhat causes gout?\n\nUric acid crystals.\n"
    page.write_text(twice, encoding="utf-8")
    assert main(["gout.txt", "--select", "FAQ003", "--write-baseline", "b.json"]) == 0
    assert len(json.loads(Path("b.json").read_text("utf-8"))["findings"]) == 2
    page.write_text("What is gout?\n\n" + twice, encoding="utf-8")
    status, findings = _json(capsys, "gout.txt", "--select", "FAQ003", "--baseline", "b.json")
    assert [f["rule"] for f in findings] == ["FAQ003"]
    assert status == 1


def test_configured_baseline_is_relative_to_the_config_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--write-baseline", "faq-lint-baseline.json", "--no-cache"]) == 0
    Path("faq-lint.toml").write_text(
        'paths = ["content/"]\nbaseline = "faq-lint-baseline.json"\n', encoding="utf-8"
    )
    status, findings = _json(capsys)
    assert findings == [] and status == 0
    os.chdir(folder)  # a sub-folder: the config (and its baseline) is found by walking up
    status, findings = _json(capsys, SEED.name)
    assert findings == [] and status == 0
    status, findings = _json(capsys, SEED.name, "--no-baseline")
    assert findings


def test_missing_or_broken_baseline_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / SEED.name)
    assert main([SEED.name, "--baseline", "nope.json"]) == 2
    assert "nope.json: baseline file does not exist" in capsys.readouterr().err
    Path("broken.json").write_text("{not json", encoding="utf-8")
    assert main([SEED.name, "--baseline", "broken.json"]) == 2
    assert "not a faq-lint baseline" in capsys.readouterr().err


def _repo_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copytree(REPO / "data", copy / "data")
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    baseline = REPO / "faq-lint-baseline.json"
    if not baseline.is_file():
        pytest.fail(
            "faq-lint-baseline.json is missing: "
            "faq-lint --write-baseline faq-lint-baseline.json data/"
        )
    shutil.copy(baseline, copy / baseline.name)
    return copy


def test_repository_data_passes_against_the_committed_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What CI and pre-commit run. When rules change, regenerate the baseline (see notes)."""
    copy = _repo_copy(tmp_path)
    monkeypatch.chdir(copy)
    status, findings = _json(capsys, "data/")
    assert findings == [], (
        "new findings on data/ that faq-lint-baseline.json does not hold; if they are accepted, "
        "regenerate it: faq-lint --write-baseline faq-lint-baseline.json data/"
    )
    assert status == 0
    status, _ = _json(capsys)  # no path: the configured paths
    assert status == 0


def test_repository_baseline_fails_on_a_new_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _repo_copy(tmp_path)
    monkeypatch.chdir(copy)
    page = copy / "data" / SEED.name
    page.write_text(NEW_ENTRIES["empty"] + page.read_text(encoding="utf-8"), encoding="utf-8")
    status, findings = _json(capsys, f"data/{SEED.name}")
    assert status == 1
    assert {f["question"] for f in findings} == {NEW_QUESTIONS["empty"]}
