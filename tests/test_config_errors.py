"""Configuration mistakes stop the run: exit 2 and one line naming the key and the file.

Issue 14 item 5. Each case writes a real configuration file (and a real FAQ page) at
test time and runs the command line in-process; a few run it as a subprocess too, to
see the exact stderr an editor sees. Before the fix each of these linted anyway (with
the setting silently dropped, a KeyError, every file "faq-lint itself failed", or
"No problems found").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from faq_lint.cli import main

PAGE = (
    "What is gout?\n\nGout is a kind of arthritis. It causes sudden pain and swelling in a "
    "joint, most often the big toe.\n\nThis page does not replace advice from your doctor.\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gout.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], *wanted: str, line: int | None = None
) -> str:
    """Run ``argv``; assert exit 2, nothing on stdout, exactly one line on stderr that
    contains every text in ``wanted`` (and ``file:line`` when ``line`` is given)."""
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2, captured
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    message = lines[0]
    assert message.startswith("faq-lint: error: "), message
    assert "Traceback" not in captured.err
    for text in wanted:
        assert text in message, (text, message)
    if line is not None:
        assert f":{line}: " in message, message
    return message


# ---- a severity that does not exist --------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["--select", "FAQ101"], ["--format", "json"]])
def test_unknown_severity(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    config = project / "faq-lint.toml"
    config.write_text('target-grade = 7\n\n[rules.FAQ101]\nseverity = "fatal"\n', "utf-8")
    message = _refused(capsys, argv, str(config), "rules.FAQ101", "severity", "'fatal'", line=4)
    assert "error, warning, info" in message


def test_unknown_severity_in_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "pyproject.toml"
    config.write_text(
        '[project]\nname = "site"\n\n[tool.faq-lint]\npaths = ["data/"]\n\n'
        '[tool.faq-lint.rules.long-sentence]\nmax-words = 20\nseverity = "critical"\n',
        encoding="utf-8",
    )
    _refused(capsys, [], str(config), "rules.long-sentence", "severity", "'critical'", line=9)


# ---- an option of the wrong type -----------------------------------------------------


@pytest.mark.parametrize(
    ("table", "wanted"),
    [
        ('[rules.FAQ102]\nmax-words = "lots"', ["max-words", '"lots"', "whole number", "25"]),
        ("[rules.long-sentence]\nmax-words = true", ["max-words", "true", "whole number"]),
        ("[rules.FAQ102]\nmax-words = 12.5", ["max-words", "12.5", "whole number"]),
        ('[rules.FAQ604]\nthreshold = "high"', ["threshold", '"high"', "a number"]),
        ('[rules.FAQ801]\nignore-case = "yes"', ["ignore-case", "true or false"]),
        ('[rules.FAQ801]\nphrases = ["miracle"]', ["phrases", "list of tables"]),
        ('[rules.FAQ501]\nkeys = "reviewed"', ["keys", "list of texts"]),
        ('[rules.FAQ201]\ndictionaries = ["words/medical.txt", 3]', ["dictionaries"]),
        ("[rules.FAQ401]\nrequired-wording = 5", ["required-wording", "text in quotes"]),
    ],
)
def test_option_of_the_wrong_type(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, wanted: list[str]
) -> None:
    config = project / "faq-lint.toml"
    config.write_text(f'paths = ["data/"]\n{table}\n', encoding="utf-8")
    key = table.split("]")[0].lstrip("[")
    _refused(capsys, [], str(config), key, *wanted, line=3)


def test_unknown_option_of_a_rule_not_in_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Options of rules left out by the selection are checked too: a typo never waits
    for the day the rule is switched on."""
    config = project / "faq-lint.toml"
    config.write_text('select = ["FAQ1"]\n\n[rules.FAQ604]\nthreshhold = 0.9\n', "utf-8")
    _refused(capsys, [], str(config), "rules.FAQ604", "threshhold", "threshold", line=4)


# ---- files that are not valid TOML ---------------------------------------------------


def test_malformed_pyproject_is_not_silently_ignored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "pyproject.toml"
    config.write_text(
        '[project]\nname = "site"\n\n[tool.faq-lint\nselect = ["FAQ1"]\n', encoding="utf-8"
    )
    _refused(capsys, [], str(config), "not valid TOML", line=4)


def test_malformed_pyproject_without_our_table_still_stops(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """faq-lint cannot tell whether a broken file holds its settings: it says so
    rather than lint with other settings than the editor wrote."""
    config = project / "pyproject.toml"
    config.write_text('[project]\nname = "site\n', encoding="utf-8")
    _refused(capsys, [], str(config), "not valid TOML", line=2)


def test_malformed_faq_lint_toml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "faq-lint.toml"
    config.write_text('paths = ["data/"]\nselect = ["FAQ1"\n', encoding="utf-8")
    message = _refused(capsys, [], str(config), "not valid TOML")
    assert "line" not in message.split("(")[-1], "the position is given once, as file:line"


def test_malformed_config_named_with_dash_dash_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "settings" / "lint.toml"
    config.parent.mkdir()
    config.write_text('paths = ["../data/"]\ntarget-grade = = 6\n', encoding="utf-8")
    _refused(capsys, ["--config", str(config)], str(config), "not valid TOML", line=2)


@pytest.mark.parametrize("name", ["faq-lint.toml", "pyproject.toml"])
def test_config_that_is_not_utf8(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Before: a UnicodeDecodeError traceback."""
    config = project / name
    config.write_bytes(b'[tool.faq-lint]\nlocale = "en-GB"\n# r\xe9vis\xe9\n')
    _refused(capsys, [], str(config), "UTF-8")


# ---- rules that do not exist ---------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["--select", "FAQ999"], ["--select", "'FAQ999'"]),
        (
            ["--select", "FAQ1,readabilty"],
            ["--select", "'readabilty'", "did you mean readability?"],
        ),
        (["--ignore", "long-sentense"], ["--ignore", "did you mean long-sentence?"]),
        (["--ignore", "FAQ1O1"], ["--ignore", "'FAQ1O1'", "did you mean FAQ101?"]),
    ],
)
def test_unknown_rule_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], wanted: list[str]
) -> None:
    _refused(capsys, [*argv, "data/"], *wanted)


@pytest.mark.parametrize(
    ("text", "wanted", "line"),
    [
        ('paths = ["data/"]\nselect = ["FAQ1", "FAQ99x"]\n', ["select", "'FAQ99x'"], 2),
        ('paths = ["data/"]\nignore = ["spelingg"]\n', ["ignore", "did you mean spelling?"], 2),
        ('extend-select = ["duplicat"]\n', ["extend-select", "did you mean duplicate?"], 1),
        (
            'paths = ["data/"]\n\n[rules.FAQ999]\nseverity = "info"\n',
            ["[rules.FAQ999]", "names no rule"],
            3,
        ),
        (
            "[rules.long-sentnce]\nmax-words = 30\n",
            ["[rules.long-sentnce]", "did you mean long-sentence?"],
            1,
        ),
        (
            'paths = ["data/"]\n\n[per-file-ignores]\n"data/*.txt" = ["FAQ401", "FAQ99"]\n',
            ["per-file-ignores", "'data/*.txt'", "'FAQ99'"],
            4,
        ),
    ],
)
def test_unknown_rule_in_the_configuration(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    wanted: list[str],
    line: int,
) -> None:
    config = project / "faq-lint.toml"
    config.write_text(text, encoding="utf-8")
    _refused(capsys, [], str(config), *wanted, line=line)


# ---- a word list that does not exist -------------------------------------------------


def test_missing_word_list(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "faq-lint.toml"
    config.write_text('paths = ["data/"]\nwords = ["words/clinic.txt"]\n', encoding="utf-8")
    _refused(capsys, [], str(config), "words", "'words/clinic.txt'", line=2)
    (project / "words" / "clinic.txt").mkdir(parents=True)
    _refused(capsys, [], str(config), "words", "folder")
    (project / "words" / "clinic.txt").rmdir()
    (project / "words" / "clinic.txt").write_text("colchicine\n", encoding="utf-8")
    assert main([]) in (0, 1)


# ---- what is right still runs --------------------------------------------------------


def test_valid_settings_still_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every form a selector may take, options of the declared types (an int where a
    number is wanted), a rule named by its name: no error."""
    (project / "faq-lint.toml").write_text(
        'paths = ["data/"]\nselect = ["FAQ1", "duplicate", "spelling", "FAQ401", '
        '"reading-grade-too-high"]\nignore = ["FAQ502"]\nextend-select = ["ALL"]\n\n'
        '[per-file-ignores]\n"data/*" = ["FAQ8", "style"]\n\n'
        "[rules.FAQ604]\nthreshold = 1\n\n"
        '[rules.long-sentence]\nmax-words = 30\nseverity = "info"\n\n'
        '[rules.FAQ201]\nextra-words = ["colchicine"]\n',
        encoding="utf-8",
    )
    status = main(["--select", "FAQ6,contradiction", "--ignore", "ALL"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "error" not in captured.err


# ---- as an editor sees it ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "argv", "wanted"),
    [
        ("faq-lint.toml", '[rules.FAQ101]\nseverity = "fatal"\n', ["--select", "FAQ101"], "fatal"),
        ("faq-lint.toml", '[rules.FAQ102]\nmax-words = "lots"\n', [], "max-words"),
        ("pyproject.toml", "[tool.faq-lint\n", [], "not valid TOML"),
        ("faq-lint.toml", "", ["--select", "FAQ999"], "FAQ999"),
    ],
)
def test_one_line_from_the_command(
    project: Path, name: str, text: str, argv: list[str], wanted: str
) -> None:
    (project / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "faq_lint", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert wanted in done.stderr and "Traceback" not in done.stderr
