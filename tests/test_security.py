"""Security: YAML is data, rule packs never run code, user patterns cannot hang the run,
configuration cannot reach outside the project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config, ConfigError, load_config
from faq_lint.parsers import parse_file
from faq_lint.text.safe_regex import Phrase, PhraseMatcher

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "faq_lint"
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
# A YAML tag that, with an unsafe loader, would run a shell command creating ``marker``.
EVIL = "!!python/object/apply:os.system ['touch {marker}']"
PAGE = "What is gout?\n\nGout is a kind of arthritis.\n"


def _cli(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the command line; a hang fails the test through the timeout (no timing assertion)."""
    return subprocess.run(
        [sys.executable, "-m", "faq_lint", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_every_yaml_load_in_faq_lint_uses_a_safe_loader() -> None:
    offenders: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "yaml" not in source:
            continue
        for number, line in enumerate(source.splitlines(), start=1):
            code = line.split("#", 1)[0]
            if re.search(r"\b(?:unsafe_load|full_load|full_load_all|unsafe_load_all)\b", code):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
            for loader in re.findall(r"\b(C?(?:Full|Unsafe|Safe|Base)?Loader)\b", code):
                if loader not in SAFE_LOADERS and f"yaml.{loader}" in code.replace(" ", ""):
                    offenders.append(f"{path.name}:{number}: {line.strip()}")
            if re.search(r"\byaml\.load(?:_all)?\(", code) and "Loader=" not in code:
                offenders.append(f"{path.name}:{number}: yaml.load without a Loader")
            if re.search(r"\byaml\.load(?:_all)?\(", code) and "Loader=loader" in code:
                assignment = re.search(r"loader\s*=\s*(.+)", source)
                assert assignment, f"{path.name}: 'loader' is never assigned"
                named = set(re.findall(r"\b(C?\w*Loader)\b", assignment.group(1)))
                if not named <= SAFE_LOADERS:
                    offenders.append(f"{path.name}: loader = {assignment.group(1)}")
    assert not offenders, "unsafe YAML loading:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.yaml", "- question: What is gout?\n  answer: " + EVIL + "\n"),
        ("tagged.yaml", EVIL + "\n"),
        ("page.md", "---\ntitle: " + EVIL + "\n---\n\n# What is gout?\n\nA kind of arthritis.\n"),
    ],
)
def test_python_tag_in_a_page_runs_nothing(name: str, content: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    page = tmp_path / name
    page.write_text(content.format(marker=marker), encoding="utf-8")
    config = Config(paths=[str(tmp_path)], cache=False)
    config.root = str(tmp_path)
    report = lint([str(page)], config)
    assert not marker.exists(), "a YAML tag ran a command"
    if name != "page.md":  # front matter that is not plain data may be read as text
        broken = [f for f in report.findings if f.rule in ("FAQ001", "FAQ005")]
        assert broken, [f.message for f in report.findings]
        assert all(f.path == str(page) and f.line >= 1 for f in broken)
    document = parse_file(str(page))
    assert not marker.exists()
    assert document.path == str(page)


def _pack(folder: Path, check: str, extra: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text(
        "rules:\n"
        "  - code: HOUSE001\n"
        "    name: house-phrase\n"
        "    category: style\n"
        "    severity: warning\n"
        f"    check: {check}\n"
        "    summary: A house rule.\n"
        "    message: \"'{matched}' - {advice}\"\n"
        "    rationale: House style.\n"
        "    source: The house style guide.\n"
        "    fix: Rewrite it.\n" + extra,
        encoding="utf-8",
    )
    return folder


def _project(tmp_path: Path, packs: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gout.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "faq-lint.toml").write_text(
        f"rule-packs = [{packs}]\ncache = false\n", encoding="utf-8"
    )
    return tmp_path


def test_python_tag_in_a_rule_pack_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    _pack(tmp_path / "house", EVIL.format(marker=marker))
    _project(tmp_path, '"house"')
    result = _cli("data", cwd=tmp_path)
    assert not marker.exists(), "a rule pack ran a command"
    assert result.returncode == 2, result.stderr
    assert "house.yaml:6" in result.stderr and "cannot read rule pack" in result.stderr
    assert "Traceback" not in result.stderr


def test_rule_pack_with_unknown_check_kind_is_a_clear_error(tmp_path: Path) -> None:
    _pack(tmp_path / "house", "run-my-code")
    _project(tmp_path, '"house"')
    result = _cli("data", cwd=tmp_path)
    assert result.returncode == 2
    assert "HOUSE001" in result.stderr and "'run-my-code'" in result.stderr
    assert "Traceback" not in result.stderr


CATASTROPHIC = "(a+)+$"  # exponential on 'aaaa...b' with a backtracking engine


def test_catastrophic_pattern_in_a_rule_pack_cannot_hang_the_run(tmp_path: Path) -> None:
    options = (
        "    options:\n"
        "      phrases:\n"
        f"        - {{pattern: '{CATASTROPHIC}', message: no runs of a}}\n"
        "        - {literal: gout, message: say 'gouty arthritis', suggestion: gouty arthritis}\n"
    )
    _pack(tmp_path / "house", "phrase", options)
    _project(tmp_path, '"house"')
    hostile = "What is this?\n\n" + "a" * 50_000 + "b\n\nWhat is that?\n\nIt ends in aaaa\n"
    (tmp_path / "data" / "hostile.txt").write_text(hostile, encoding="utf-8")
    # Python's re needs about 2**50000 steps here; RE2 is linear. A hang fails on the timeout.
    result = _cli("--format", "json", "--select", "HOUSE001", "data", cwd=tmp_path, timeout=240)
    assert result.returncode == 1, result.stderr
    import json

    findings = json.loads(result.stdout)["findings"]
    where = sorted((f["path"].rsplit("/", 1)[-1], f["line"], f["column"]) for f in findings)
    assert where == [("gout.txt", 1, 9), ("gout.txt", 3, 1), ("hostile.txt", 7, 12)], where
    gout = next(f for f in findings if f["line"] == 3)
    assert gout["suggestions"] == ["Gouty arthritis"]


def test_catastrophic_pattern_is_linear_in_the_matcher() -> None:
    matcher = PhraseMatcher([Phrase(CATASTROPHIC, literal=False)])
    assert list(matcher.finditer("a" * 200_000 + "b")) == []
    found = list(matcher.finditer("b" + "a" * 200_000))
    assert [(m.start, m.end) for m in found] == [(1, 200_001)]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(?<=no )cure", "look-around"),
        (r"(cure)\s+\1", "back-references"),
        ("(unclosed", "missing )"),
    ],
)
def test_pattern_that_cannot_run_safely_stops_the_run_clearly(
    pattern: str, why: str, tmp_path: Path
) -> None:
    options = f"    options:\n      phrases:\n        - {{pattern: '{pattern}', message: m}}\n"
    _pack(tmp_path / "house", "phrase", options)
    _project(tmp_path, '"house"')
    result = _cli("data", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "HOUSE001" in result.stderr and pattern in result.stderr
    assert why in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("rule-packs", '["../outside-pack"]'),
        ("rule-packs", '["/etc"]'),
        ("words", '["../words.txt"]'),
        ("words", '["/etc/passwd"]'),
        ("cache-dir", '"../elsewhere"'),
        ("baseline", '"/tmp/someone-elses-baseline.json"'),
        ("rule-packs", '["link-out"]'),
    ],
)
def test_config_paths_cannot_leave_the_project(key: str, value: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside-pack").mkdir()
    (project / "link-out").symlink_to(tmp_path / "outside-pack")
    (project / "faq-lint.toml").write_text(f"{key} = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"'{key}' names .* outside the project") as caught:
        load_config(start=project)
    assert "faq-lint.toml:1" in str(caught.value)
    (project / "data").mkdir()
    (project / "data" / "gout.txt").write_text(PAGE, encoding="utf-8")
    result = _cli("data", cwd=project)
    assert result.returncode == 2 and "outside the project" in result.stderr


def test_config_paths_inside_the_project_are_fine(tmp_path: Path) -> None:
    (tmp_path / "packs" / "house").mkdir(parents=True)
    (tmp_path / "faq-lint.toml").write_text(
        'rule-packs = ["packs/house"]\nwords = ["words.txt"]\ncache-dir = ".cache"\n'
        'baseline = "./baseline.json"\n',
        encoding="utf-8",
    )
    config = load_config(start=tmp_path)
    assert config.rule_packs == ["packs/house"] and config.cache_dir == ".cache"


def test_outside_paths_are_allowed_when_given_explicitly(tmp_path: Path) -> None:
    """On the command line (and in a Config built in code) a path is the user's explicit choice."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "gout.txt").write_text(PAGE, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "faq-lint.toml").write_text('paths = ["../outside"]\n', encoding="utf-8")
    refused = _cli(cwd=project)
    assert refused.returncode == 2 and "outside the project" in refused.stderr
    named = _cli("--format", "json", str(outside), cwd=project)
    assert named.returncode in (0, 1) and '"entries": 1' in named.stdout


def test_catastrophic_boilerplate_pattern_cannot_hang_duplicate_checks(tmp_path: Path) -> None:
    """Users' boilerplate-patterns (duplicate rules) run on RE2 as well."""
    (tmp_path / "data").mkdir()
    words = "Rest the sore joint, use ice packs and take short walks every day. " * 4
    answer = words + "\n\n" + "a" * 30_000 + "b"  # the paragraph the pattern is tried on
    for name in ("one", "two"):
        (tmp_path / "data" / f"{name}.txt").write_text(
            f"What is the {name} thing here?\n\n{answer}\n\nIs it safe to rest?\n\n"
            "Yes. Rest the joint for a few days and see a doctor if it still hurts.\n",
            encoding="utf-8",
        )
    (tmp_path / "faq-lint.toml").write_text(
        f"cache = false\n[rules.FAQ604]\nboilerplate-patterns = ['{CATASTROPHIC}']\n",
        encoding="utf-8",
    )
    result = _cli("--select", "FAQ6", "data", cwd=tmp_path, timeout=240)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules.FAQ604]\nboilerplate-patterns = ['(?<=x)y']\n", encoding="utf-8")
    refused = _cli("--config", str(bad), "data", cwd=tmp_path)
    assert refused.returncode == 2 and "boilerplate-patterns" in refused.stderr
