"""No pattern a user writes can hang a run (issue 14, item 4).

Every option that takes regular expressions is tried with ``(a+)+$`` (or a look-around
version of it) against an answer of ``a``'s that ends in another character: Python's
``re`` backtracks through 2**40 ways to split the ``a``'s before it gives up, which is
hours. faq-lint runs as a subprocess with a time limit, so a hang fails the test
instead of stalling the suite. A pattern that cannot be used stops the run with exit
status 2 and one line naming the data file and the pattern.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from faq_lint.text.safe_regex import PatternError, PatternTimeout, compile_user

CATASTROPHIC = "(a+)+$"
RUNAWAY = "a" * 40 + "!"  # what makes CATASTROPHIC backtrack without end on re
LIMIT = 120  # seconds: far more than a run of one page takes, far less than a hang


def _faq_lint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("FAQ_LINT_JOBS", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "faq_lint", "--no-cache", "--no-baseline", *args],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=LIMIT,
            env=env,
        )
    except subprocess.TimeoutExpired:  # pragma: no cover - the defect this guards against
        pytest.fail(f"faq-lint {' '.join(args)} ran past {LIMIT} s: a pattern hung the run")


def _page(project: Path, answer: str) -> None:
    (project / "page.md").write_text(
        f"# Ibuprofen questions\n\n## Can I take ibuprofen?\n\n{answer}\n", encoding="utf-8"
    )


def _disclaimer_phrases(**changes: list[str]) -> dict[str, object]:
    data = yaml.safe_load((REPO / "rules/medical/disclaimer-phrases.yaml").read_text("utf-8"))
    data.update(changes)
    return dict(data)


def _claim_patterns(section: str, patterns: list[str]) -> dict[str, object]:
    data = yaml.safe_load((REPO / "rules/medical/claim-patterns.yaml").read_text("utf-8"))
    if section in ("amount", "schedule"):
        data["dose_patterns"][section] = patterns
    else:
        data[section] = patterns
    return dict(data)


def _claim_sense_patterns(key: str, patterns: list[str]) -> dict[str, object]:
    data = yaml.safe_load((REPO / "rules/medical/claim-patterns.yaml").read_text("utf-8"))
    data["claim_sense"][key] = patterns
    return dict(data)


def _project(tmp_path: Path, config: str, files: dict[str, object]) -> Path:
    (tmp_path / "faq-lint.toml").write_text(config, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_text(yaml.safe_dump(data), encoding="utf-8")
    return tmp_path


# Each option that accepts a pattern: (rule, its config, the data files it reads, answer).
OPTIONS = {
    "phrases-file statements (FAQ401)": (
        "FAQ401",
        '[rules.FAQ401]\nphrases-file = "phrases.yaml"\n',
        {"phrases.yaml": _disclaimer_phrases(statements=[CATASTROPHIC])},
        RUNAWAY,
    ),
    "phrases-file referrals (FAQ401)": (
        "FAQ401",
        '[rules.FAQ401]\nphrases-file = "phrases.yaml"\n',
        {"phrases.yaml": _disclaimer_phrases(referrals=[CATASTROPHIC])},
        RUNAWAY,
    ),
    "phrases-file check_with (FAQ402)": (
        "FAQ402",
        '[rules.FAQ402]\nphrases-file = "phrases.yaml"\n',
        {"phrases.yaml": _disclaimer_phrases(check_with=[CATASTROPHIC])},
        f"Take 400 mg of ibuprofen twice a day {RUNAWAY}",
    ),
    "patterns-file dose amount (FAQ301)": (
        "FAQ301",
        '[rules.FAQ301]\npatterns-file = "claims.yaml"\n',
        {"claims.yaml": _claim_patterns("amount", [CATASTROPHIC])},
        f"Ibuprofen treats pain {RUNAWAY}",
    ),
    "patterns-file dose schedule (FAQ301)": (
        "FAQ301",
        '[rules.FAQ301]\npatterns-file = "claims.yaml"\n',
        {"claims.yaml": _claim_patterns("schedule", [CATASTROPHIC])},
        f"Ibuprofen treats pain {RUNAWAY}",
    ),
    "patterns-file referral_patterns (FAQ301)": (
        "FAQ301",
        '[rules.FAQ301]\npatterns-file = "claims.yaml"\n',
        {"claims.yaml": _claim_patterns("referral_patterns", [CATASTROPHIC])},
        f"Ibuprofen treats pain {RUNAWAY}",
    ),
    "patterns-file claim_sense referents (FAQ301)": (
        "FAQ301",
        '[rules.FAQ301]\npatterns-file = "claims.yaml"\n',
        {"claims.yaml": _claim_sense_patterns("referents", [CATASTROPHIC])},
        f"It treats pain {RUNAWAY}",
    ),
    "house-style phrases pattern (FAQ801)": (
        "FAQ801",
        f"[rules.FAQ801]\nphrases = [{{ pattern = '{CATASTROPHIC}', message = 'no' }}]\n",
        {},
        RUNAWAY,
    ),
    "boilerplate-patterns (FAQ602)": (
        "FAQ602",
        f"[rules.FAQ602]\nboilerplate-patterns = ['{CATASTROPHIC}']\n",
        {},
        RUNAWAY,
    ),
}


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_a_catastrophic_pattern_does_not_hang(tmp_path: Path, option: str) -> None:
    code, config, files, answer = OPTIONS[option]
    project = _project(tmp_path, config, files)
    _page(project, answer)
    result = _faq_lint(project, "--select", code, "--format", "json", "page.md")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


def test_the_catastrophic_pattern_still_matches_what_it_says(tmp_path: Path) -> None:
    """On the safe path the pattern keeps its meaning: a referral to a doctor whose a's
    end the text counts as a disclaimer (FAQ401 is quiet); one ending in '!' does not."""
    config = '[rules.FAQ401]\nphrases-file = "phrases.yaml"\n'
    phrases = _disclaimer_phrases(statements=[], general=[], referrals=[CATASTROPHIC])
    project = _project(tmp_path, config, {"phrases.yaml": phrases})
    _page(project, f"Always ask your doctor {RUNAWAY}")
    assert _faq_lint(project, "--select", "FAQ401", "page.md").returncode == 1
    _page(project, f"Always ask your doctor {RUNAWAY.rstrip('!')}")
    assert _faq_lint(project, "--select", "FAQ401", "page.md").returncode == 0


@pytest.mark.parametrize(
    ("rule", "option", "name", "files"),
    [
        (
            "FAQ401",
            "phrases-file",
            "phrases.yaml",
            {"phrases.yaml": _disclaimer_phrases(statements=["not a (substitute"])},
        ),
        (
            "FAQ301",
            "patterns-file",
            "claims.yaml",
            {"claims.yaml": _claim_patterns("amount", [r"\d+ (mg"])},
        ),
    ],
)
def test_a_pattern_that_cannot_be_used_stops_the_run(
    tmp_path: Path, rule: str, option: str, name: str, files: dict[str, object]
) -> None:
    project = _project(tmp_path, f'[rules.{rule}]\n{option} = "{name}"\n', files)
    _page(project, "Take 400 mg of ibuprofen.")
    result = _faq_lint(project, "--select", rule, "page.md")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and option in lines[0] and "cannot be used" in lines[0]
    bad = next(iter(files.values()))
    pattern = bad["statements"][0] if rule == "FAQ401" else bad["dose_patterns"]["amount"][0]  # type: ignore[index]
    assert f"'{pattern}'" in lines[0]


def test_a_look_around_pattern_that_runs_away_stops_the_run(tmp_path: Path) -> None:
    """RE2 has no look-around: such a pattern runs on the time-limited engine, and one
    that backtracks without end stops the run (exit 2, one line naming it)."""
    runaway = "(?=(a|aa)+$)"
    config = '[rules.FAQ401]\nphrases-file = "phrases.yaml"\n'
    project = _project(
        tmp_path, config, {"phrases.yaml": _disclaimer_phrases(statements=[runaway])}
    )
    _page(project, RUNAWAY)
    result = _faq_lint(project, "--select", "FAQ401", "page.md")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"'{runaway}'" in lines[0] and "simplify it" in lines[0], lines


def test_a_look_around_pattern_that_is_quick_works(tmp_path: Path) -> None:
    """A bounded look-around (as in the bundled dose patterns: not "mg/dl") still works."""
    config = '[rules.FAQ401]\nphrases-file = "phrases.yaml"\n'
    statement = r"\bnot\s+(?!an?\s+emergency)[a-z]+\s+advice\b"
    phrases = _disclaimer_phrases(statements=[statement], referrals=[], general=[])
    project = _project(tmp_path, config, {"phrases.yaml": phrases})
    _page(project, "This page is not medical advice from a doctor.")
    assert _faq_lint(project, "--select", "FAQ401", "page.md").returncode == 0
    _page(project, "This page is not an emergency advice line, doctor.")
    assert _faq_lint(project, "--select", "FAQ401", "page.md").returncode == 1


# -- the safe path itself ------------------------------------------------------------------


def test_safe_patterns_keep_python_re_meaning_for_unicode_classes() -> None:
    text = "Ask your\u00a0doctor\u2009or nurse; caf\u00e9 \u0661\u0662 mg"
    for source in (r"your\s+doctor\s+or", r"[\w]+", r"\W+", r"\d+\s*mg", r"\S+", r"nurse\Z|mg\Z"):
        expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
        safe = compile_user(source, re.IGNORECASE)
        assert safe.engine == "re2"
        assert [m.span() for m in safe.finditer(text)] == expected, source


def test_safe_patterns_refuse_what_no_engine_reads() -> None:
    with pytest.raises(PatternError, match="cannot be used"):
        compile_user("(unclosed")
    with pytest.raises(PatternError, match="flags"):
        compile_user("a b", re.VERBOSE)


def test_look_around_runs_with_a_time_limit() -> None:
    quick = compile_user(r"\d+\s*mg\b(?!\s*/\s*d?l\b)", re.IGNORECASE)
    assert quick.engine == "regex"
    assert [m.group() for m in quick.finditer("5 mg/dl, then 10 mg daily")] == ["10 mg"]
    runaway = compile_user("(?=(a|aa)+$)")
    with pytest.raises(PatternTimeout):
        runaway.search(RUNAWAY)
