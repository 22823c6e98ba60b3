"""The real command line (``python -m faq_lint`` in a subprocess): exit statuses, the
broken-files folder, the JSON report and its shipped schema, configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO

BROKEN = FIXTURES / "broken"
BROKEN_FILES = sorted(p.name for p in BROKEN.iterdir() if not p.name.startswith("good-"))
GOOD_FILES = sorted(p.name for p in BROKEN.iterdir() if p.name.startswith("good-"))

# One page with one known problem of each structure rule (FAQ003, FAQ004, FAQ005).
STRUCTURE_PAGE = """\
# Gout

TODO: notes we forgot to delete.

## What is gout?

Gout is a kind of arthritis that causes pain and swelling in a joint.

## Do you have information about diet

Eating less red meat may help.

## Is gout common?
"""


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("FAQ_LINT_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "faq_lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def report_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def codes(report: dict[str, Any]) -> list[str]:
    return sorted(f["rule"] for f in report["findings"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project with one page of known structure problems."""
    (tmp_path / "faqs").mkdir()
    (tmp_path / "faqs" / "gout.md").write_text(STRUCTURE_PAGE, encoding="utf-8")
    return tmp_path


# --- broken files -------------------------------------------------------------


def test_broken_folder_one_structure_finding_per_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(BROKEN, folder)
    result = run_cli("--format", "json", "broken", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = report_of(result)
    by_file: dict[str, list[str]] = {}
    for finding in report["findings"]:
        if finding["category"] == "structure":
            by_file.setdefault(Path(finding["path"]).name, []).append(finding["rule"])
    for name in BROKEN_FILES:
        expected = ["FAQ002"] if name == "cp1252.txt" else ["FAQ001"]
        assert by_file.get(name) == expected, (name, by_file.get(name))
    documents = {Path(d["path"]).name: d for d in report["documents"]}
    assert set(documents) == set(BROKEN_FILES) | set(GOOD_FILES)
    for name in GOOD_FILES:
        assert name not in by_file
        assert documents[name]["entries"] > 0
    assert documents["good-ascariasis.yaml"]["entries"] == 5
    assert documents["cp1252.txt"]["entries"] == 2
    # The good pages and the cp1252 page are linted by the other rules too.
    linted = {Path(f["path"]).name for f in report["findings"] if f["category"] != "structure"}
    assert {"good-ascariasis.yaml", "good-hemophilia.md", "cp1252.txt"} <= linted


def test_broken_file_text_output_names_file_line_and_column(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "malformed.yaml", tmp_path / "malformed.yaml")
    result = run_cli("--select", "FAQ001", "malformed.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "malformed.yaml:5:11: FAQ001" in result.stdout


# --- exit status 2 ---------------------------------------------------------------


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_missing_path_is_exit_2_with_one_line(tmp_path: Path) -> None:
    line = _one_clear_line(run_cli("no-such-folder", cwd=tmp_path))
    assert "no-such-folder" in line


def test_bad_config_key_is_exit_2_naming_key_and_file(project: Path) -> None:
    (project / "faq-lint.toml").write_text('paths = ["faqs"]\ncolour = "red"\n', encoding="utf-8")
    line = _one_clear_line(run_cli(cwd=project))
    assert "colour" in line and "faq-lint.toml" in line


def test_wrong_config_type_is_exit_2(project: Path) -> None:
    (project / "faq-lint.toml").write_text("fail-on = 3\n", encoding="utf-8")
    line = _one_clear_line(run_cli("faqs", cwd=project))
    assert "fail-on" in line


def test_bad_option_is_exit_2(project: Path) -> None:
    result = run_cli("--fail-on", "sometimes", "faqs", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_missing_config_file_is_exit_2(project: Path) -> None:
    line = _one_clear_line(run_cli("--config", "nope.toml", "faqs", cwd=project))
    assert "nope.toml" in line


# --- the JSON report and its schema ---------------------------------------------


def test_shipped_schema_is_up_to_date() -> None:
    from faq_lint.schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.is_file(), "run: python -m faq_lint.schema"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "faq_lint/report.schema.json is stale: run python -m faq_lint.schema"
    )


def test_json_report_on_data_validates_against_the_shipped_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from faq_lint.schema import SCHEMA_PATH

    result = run_cli("--format", "json", "data/", cwd=REPO)
    assert result.returncode in (0, 1), result.stderr
    report = report_of(result)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["schema_version"] == 1
    seed = next(d for d in report["documents"] if d["path"].endswith("piriformis-syndrome.txt"))
    assert seed["entries"] == 9
    assert seed["format"] == "text"
    assert report["summary"]["entries"] >= 9


def test_json_report_of_broken_files_validates(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from faq_lint.schema import SCHEMA_PATH

    result = run_cli("--format", "json", str(BROKEN), cwd=tmp_path)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(report_of(result), schema)


def test_json_report_positions_and_questions(project: Path) -> None:
    result = run_cli("--format", "json", "--select", "FAQ004", "faqs", cwd=project)
    report = report_of(result)
    (finding,) = report["findings"]
    assert finding["question"] == "Do you have information about diet"
    assert (finding["line"], finding["column"]) == (9, 4)
    assert finding["path"] == os.path.join("faqs", "gout.md")


def test_output_file(project: Path) -> None:
    result = run_cli("--format", "json", "--output", "out.json", "faqs", cwd=project)
    assert result.stdout == ""
    assert json.loads((project / "out.json").read_text(encoding="utf-8"))["schema_version"] == 1


# --- selecting rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "FAQ004"], ["FAQ004"]),
        (["--select", "FAQ003,FAQ005"], ["FAQ003", "FAQ005"]),
        (["--select", "FAQ00"], ["FAQ003", "FAQ004", "FAQ005"]),
        (["--select", "structure"], ["FAQ003", "FAQ004", "FAQ005"]),
        (["--select", "structure", "--ignore", "FAQ004"], ["FAQ003", "FAQ005"]),
        (["--select", "FAQ0", "--ignore", "empty-answer"], ["FAQ004", "FAQ005"]),
    ],
)
def test_select_and_ignore(project: Path, args: list[str], expected: list[str]) -> None:
    report = report_of(run_cli("--format", "json", *args, "faqs", cwd=project))
    assert codes(report) == expected


def test_ignore_a_category_keeps_the_others(project: Path) -> None:
    report = report_of(run_cli("--format", "json", "--ignore", "structure", "faqs", cwd=project))
    assert report["findings"], "other rules still run"
    assert all(f["category"] != "structure" for f in report["findings"])


def test_fail_on(project: Path) -> None:
    warning_only = ["--select", "FAQ004,FAQ005", "faqs"]
    assert run_cli(*warning_only, cwd=project).returncode == 1
    assert run_cli("--fail-on", "error", *warning_only, cwd=project).returncode == 0
    assert run_cli("--fail-on", "error", "--select", "FAQ003", "faqs", cwd=project).returncode == 1
    assert run_cli("--select", "FAQ001", "faqs", cwd=project).returncode == 0


# --- configuration discovery -----------------------------------------------------------


def test_pyproject_found_by_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.faq-lint]\npaths = ["faqs"]\nselect = ["FAQ005"]\n',
        encoding="utf-8",
    )
    deeper = project / "faqs" / "drafts"
    deeper.mkdir()
    result = run_cli("--format", "json", cwd=deeper)
    report = report_of(result)
    assert codes(report) == ["FAQ005"]
    assert [Path(d["path"]).name for d in report["documents"]] == ["gout.md"]


def test_pyproject_without_our_table_is_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    (project / "faq-lint.toml").write_text('select = ["FAQ003"]\n', encoding="utf-8")
    sub = project / "faqs"
    result = run_cli("--format", "json", ".", cwd=sub)
    assert codes(report_of(result)) == ["FAQ003"]


def test_faq_lint_toml_and_explicit_config(project: Path) -> None:
    (project / "faq-lint.toml").write_text('select = ["FAQ004"]\n', encoding="utf-8")
    assert codes(report_of(run_cli("--format", "json", "faqs", cwd=project))) == ["FAQ004"]
    other = project / "elsewhere.toml"
    other.write_text('[tool.faq-lint]\nselect = ["FAQ003"]\n', encoding="utf-8")
    result = run_cli("--format", "json", "--config", str(other), "faqs", cwd=project)
    assert codes(report_of(result)) == ["FAQ003"]


def test_per_file_ignores_and_rule_severity(project: Path) -> None:
    (project / "faqs" / "other.md").write_text(STRUCTURE_PAGE, encoding="utf-8")
    (project / "faq-lint.toml").write_text(
        'select = ["structure"]\n'
        "[per-file-ignores]\n"
        '"faqs/gout.md" = ["FAQ004", "FAQ005"]\n'
        "[rules.FAQ003]\n"
        'severity = "info"\n',
        encoding="utf-8",
    )
    report = report_of(run_cli("--format", "json", "faqs", cwd=project))
    found = sorted((Path(f["path"]).name, f["rule"], f["severity"]) for f in report["findings"])
    assert found == [
        ("gout.md", "FAQ003", "info"),
        ("other.md", "FAQ003", "info"),
        ("other.md", "FAQ004", "warning"),
        ("other.md", "FAQ005", "warning"),
    ]


def test_every_input_format_through_the_cli(tmp_path: Path) -> None:
    parsers = FIXTURES / "parsers"
    names = [
        "gout.md",
        "back-pain-qa.txt",
        "asthma-inhalers.yaml",
        "sleep-hygiene.json",
        "flu-vaccine.jsonld",
        "clinic-faq.csv",
        "covid/covid-jhu-sample.jsonl",
    ]
    for name in names:
        shutil.copy(parsers / name, tmp_path / Path(name).name)
    report = report_of(run_cli("--format", "json", ".", cwd=tmp_path))
    entries = {Path(d["path"]).name: (d["format"], d["entries"]) for d in report["documents"]}
    assert entries == {
        "gout.md": ("markdown", 3),
        "back-pain-qa.txt": ("text", 3),
        "asthma-inhalers.yaml": ("yaml", 3),
        "sleep-hygiene.json": ("json", 3),
        "flu-vaccine.jsonld": ("jsonld", 3),
        "clinic-faq.csv": ("csv", 3),
        "covid-jhu-sample.jsonl": ("jsonl", 8),
    }
    assert not [f for f in report["findings"] if f["rule"] == "FAQ001"]
