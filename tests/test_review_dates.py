"""Review currency: stale (FAQ501), missing (FAQ502) and invalid (FAQ503) review dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

from faq_lint import lint
from faq_lint.cli import main
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.text.dates import day_first_locale, parse_date

MEDICAL = FIXTURES / "medical"
TODAY = "2026-11-24"
CODES = ["FAQ501", "FAQ502", "FAQ503"]


DECLARED = {
    "FAQ501": {"today", "keys", "max-age-years", "day-first"},
    "FAQ502": {"today", "keys"},
    "FAQ503": {"today", "keys", "day-first"},
}


def run(path: Path, today: str = TODAY, **options: object) -> list[Finding]:
    """Lint ``path`` with the three review rules, giving each the options it declares."""
    given = {"today": today, **options}
    rules = {
        code: {k: v for k, v in given.items() if k in known} for code, known in DECLARED.items()
    }
    config = Config(paths=[str(path)], rules=rules)
    config.root = str(path.parent)
    return lint([str(path)], config, select=CODES).findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def front_matter(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(
        f"---\ntitle: Gout\nreviewed: {value}\n---\n\n## What is gout?\n\nA kind of arthritis.\n",
        encoding="utf-8",
    )
    return path


# --- parsing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2024-05-01", "2024-05-01", "2024-05-01"),
        ("2024-05-01T10:30:00Z", "2024-05-01", "2024-05-01"),
        ("2024/05/01", "2024-05-01", "2024-05-01"),
        ("2024-05", "2024-05-01", "2024-05-31"),
        ("1 May 2024", "2024-05-01", "2024-05-01"),
        ("1st May, 2024", "2024-05-01", "2024-05-01"),
        ("May 1, 2024", "2024-05-01", "2024-05-01"),
        ("Sept. 3 2023", "2023-09-03", "2023-09-03"),
        ("May 2024", "2024-05-01", "2024-05-31"),
        ("05/01/2024", "2024-05-01", "2024-05-01"),
        ("13/01/2024", "2024-01-13", "2024-01-13"),
        ("01.05.2024", "2024-05-01", "2024-05-01"),
        ("2024", "2024-01-01", "2024-12-31"),
        (dt.date(2024, 5, 1), "2024-05-01", "2024-05-01"),
        (dt.datetime(2024, 5, 1, 9, 0), "2024-05-01", "2024-05-01"),
        (2024, "2024-01-01", "2024-12-31"),
    ],
)
def test_parse_formats(value: object, first: str, last: str) -> None:
    parsed = parse_date(value, day_first=False)
    assert parsed is not None
    assert (parsed.first.isoformat(), parsed.last.isoformat()) == (first, last)


def test_day_first_locales() -> None:
    assert parse_date("05/01/2024", day_first=True).first == dt.date(2024, 1, 5)  # type: ignore[union-attr]
    assert day_first_locale("en-GB") and not day_first_locale("en-US")
    assert not day_first_locale(None)


@pytest.mark.parametrize(
    "value", ["TBD", "soon", "", "31 February 2024", "2024-13-01", True, None, "yesterday"]
)
def test_not_dates(value: object) -> None:
    assert parse_date(value) is None


def test_search_inside_text() -> None:
    parsed = parse_date("Reviewed on 1 May 2024 by the editors", search=True)
    assert parsed is not None and parsed.first == dt.date(2024, 5, 1)
    assert parse_date("Reviewed on 1 May 2024 by the editors") is None


# --- the rules --------------------------------------------------------------------


def test_seed_page_has_no_review_date() -> None:
    findings = run(SEED)
    assert codes(findings) == ["FAQ502"]
    assert findings[0].severity == "info" and findings[0].category == "metadata"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-01", []),
        ("2023-12-01", []),
        ("2023-11-01", ["FAQ501"]),
        ("2019-03-01", ["FAQ501"]),
        ("May 2023", ["FAQ501"]),
        ("November 2023", []),
        ("2026-11-24", []),
        ("2026-11-25", ["FAQ503"]),
        ("2031-01-01", ["FAQ503"]),
        ("TBD", ["FAQ503"]),
        ("'last year'", ["FAQ503"]),
    ],
)
def test_front_matter_dates(tmp_path: Path, value: str, expected: list[str]) -> None:
    assert codes(run(front_matter(tmp_path, value))) == expected


def test_stale_message(tmp_path: Path) -> None:
    (finding,) = run(front_matter(tmp_path, "2019-03-01"))
    assert finding.message == (
        "The page was last reviewed 2019-03-01, over 7 years ago (the limit is 3 years)"
    )
    assert finding.severity == "warning"


def test_max_age_option(tmp_path: Path) -> None:
    path = front_matter(tmp_path, "2025-06-01")
    assert codes(run(path, **{"max-age-years": 1})) == ["FAQ501"]
    assert codes(run(path, **{"max-age-years": 2})) == []


def test_today_option_moves_the_clock(tmp_path: Path) -> None:
    path = front_matter(tmp_path, "2024-05-01")
    assert codes(run(path, today="2026-11-24")) == []
    assert codes(run(path, today="2027-06-01")) == ["FAQ501"]
    assert codes(run(path, today="2024-04-01")) == ["FAQ503"]


def test_us_and_day_first_dates(tmp_path: Path) -> None:
    path = front_matter(tmp_path, "'12/01/2026'")
    assert codes(run(path)) == ["FAQ503"]  # 1 December 2026 in the default en-US locale
    assert codes(run(path, **{"day-first": True})) == []  # 12 January 2026


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "page.yaml",
            "last_reviewed: 2018-02-01\n"
            "faqs:\n  - question: What is gout?\n    answer: Arthritis.\n",
            ["FAQ501"],
        ),
        (
            "page.json",
            '{"dateModified": "2030-01-01", '
            '"faqs": [{"question": "What is gout?", "answer": "Arthritis."}]}',
            ["FAQ503"],
        ),
        (
            "updated.md",
            "---\nlast-updated: 1 May 2025\n---\n\n## What is gout?\n\nArthritis.\n",
            [],
        ),
        (
            "closing.txt",
            "What is gout?\n\nA kind of arthritis.\n\nLast reviewed: 3 March 2019\n",
            ["FAQ501"],
        ),
        (
            "none.yaml",
            "- question: What is gout?\n  answer: A kind of arthritis.\n",
            ["FAQ502"],
        ),
    ],
)
def test_formats(tmp_path: Path, name: str, text: str, expected: list[str]) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert codes(run(path)) == expected


def test_keys_option(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(
        "---\nchecked: 2019-01-01\n---\n\n## What is gout?\n\nArthritis.\n", encoding="utf-8"
    )
    assert codes(run(path)) == ["FAQ502"]
    assert codes(run(path, keys=["checked"])) == ["FAQ501"]


def test_fixtures() -> None:
    assert codes(run(MEDICAL / "back-pain.md")) == []
    assert codes(run(MEDICAL / "gout.yaml")) == ["FAQ501"]


def test_bad_today_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "faq-lint.toml"
    config.write_text('[rules.FAQ501]\ntoday = "someday"\n', encoding="utf-8")
    path = front_matter(tmp_path, "2019-01-01")
    code = main([str(path), "--config", str(config), "--select", "FAQ501"])
    assert code == 2
    assert "today" in capsys.readouterr().err
