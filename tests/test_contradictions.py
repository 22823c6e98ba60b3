"""Contradictory answers (FAQ701-FAQ704) on realistic FAQ pages.

Fixtures in tests/fixtures/contradictions/ are pairs of pages on one topic written the way
health sites drift apart: back pain (keep moving vs stay in bed; ice then heat vs heat
eases), piriformis syndrome (light vs any exercise; yes/no on driving; recovery time;
nerve damage), heartburn (lie down after eating vs wait three hours) and a migraine page
whose triggers and prevention answers must not be called contradictions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, SEED, copy_pages, lint_folder

from faq_lint.models import Finding, Report

PAGES = FIXTURES / "contradictions"
RULES = ["FAQ701", "FAQ702", "FAQ703", "FAQ704"]


def _lint(
    folder: Path,
    named: list[str] | None = None,
    options: dict[str, dict[str, object]] | None = None,
) -> Report:
    return lint_folder(folder, RULES, options, named)


def _copy(tmp_path: Path, *names: str) -> Path:
    return copy_pages(PAGES, tmp_path, *names)


def _one(report: Report, rule: str) -> Finding:
    findings = [f for f in report.findings if f.rule == rule]
    assert len(findings) == 1, [f.message for f in report.findings]
    return findings[0]


def test_keep_moving_versus_stay_in_bed(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "back-pain-self-care.txt", "back-pain-rest.txt"))
    finding = _one(report, "FAQ702")
    assert "'Stay in bed until the pain has gone.'" in finding.message
    assert "'Keep moving.'" in finding.message
    assert (
        finding.related and finding.related[0].question == "What should I do when I hurt my back?"
    )
    # "Apply ice for the first two days, then heat" and "Heat can ease tight muscles"
    # sit in the same two pages and are not a conflict.
    assert len(report.findings) == 1


def test_light_exercise_versus_any_exercise(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "piriformis-exercise.txt", "piriformis-flare-ups.txt"))
    finding = _one(report, "FAQ702")
    assert "'Light exercise can ease the pain.'" in finding.message
    assert "'Any exercise makes piriformis syndrome worse.'" in finding.message
    assert finding.path.endswith("piriformis-exercise.txt") and finding.line == 5


def test_lie_down_after_eating_versus_wait_three_hours(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "heartburn-tips.txt", "heartburn-prevention.txt"))
    finding = _one(report, "FAQ702")
    assert "Lie down after eating" in finding.message
    assert "Wait three hours after a meal before you lie down." in finding.message
    assert len(report.findings) == 1


def test_opposite_yes_no_answers(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "piriformis-exercise.txt", "piriformis-flare-ups.txt"))
    finding = _one(report, "FAQ701")
    assert finding.question == "Can I drive with piriformis syndrome?"
    assert finding.related[0].question == "Is driving safe with piriformis syndrome?"
    assert "'Yes.'" in finding.message and "'No." in finding.message


def test_negation_of_the_same_claim(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "piriformis-exercise.txt", "piriformis-flare-ups.txt"))
    finding = _one(report, "FAQ703")
    assert "does not cause permanent nerve damage" in finding.message
    assert "can cause permanent nerve damage" in finding.message


def test_conflicting_durations(tmp_path: Path) -> None:
    report = _lint(_copy(tmp_path, "piriformis-exercise.txt", "piriformis-flare-ups.txt"))
    finding = _one(report, "FAQ704")
    assert "within two weeks" in finding.message and "within six months" in finding.message
    assert finding.line == 13 and "piriformis-flare-ups.txt:13" in finding.message
    assert finding.related[0].line == 11  # the other entry (its question line)


def test_overlapping_figures_do_not_conflict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "How long does piriformis syndrome last?\n\n"
        "Symptoms of piriformis syndrome usually last about two weeks.\n\n"
        "When will I feel better?\n\nSymptoms of piriformis syndrome usually last 2 to 3 weeks.\n\n"
        "How long should I rest?\n\nRest for at least 2 days.\n\n"
        "Should I rest for long?\n\nRest for 3 days.\n"
    )
    assert _lint(tmp_path).findings == []


def test_triggers_versus_prevention_is_not_a_contradiction(tmp_path: Path) -> None:
    assert _lint(_copy(tmp_path, "migraine.txt")).findings == []


def test_ice_then_heat_versus_heat_eases_is_not_a_contradiction(tmp_path: Path) -> None:
    (tmp_path / "strain.txt").write_text(
        "How do I treat a pulled muscle?\n\nApply ice for the first two days, then heat.\n\n"
        "Does heat help a pulled muscle?\n\nHeat can ease tight muscles.\n\n"
        "Should I use heat straight away on a pulled muscle?\n\n"
        "Do not use heat for the first two days.\n"
    )
    assert _lint(tmp_path).findings == []


def test_qualified_advice_is_not_a_contradiction(tmp_path: Path) -> None:
    (tmp_path / "running.txt").write_text(
        "How can I prevent piriformis syndrome?\n\nAvoid running on hills or uneven surfaces.\n\n"
        "Is running good for piriformis syndrome?\n\n"
        "Running on flat ground is good for your hips.\n\n"
        "Can I lift weights with piriformis syndrome?\n\n"
        "Avoid heavy lifting. Light lifting helps keep you strong.\n"
    )
    assert _lint(tmp_path).findings == []


def test_hedged_and_pseudo_negated_claims_are_left_out_by_default(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Is piriformis syndrome caused by sport?\n\n"
        "Piriformis syndrome is not only caused by sport injuries.\n\n"
        "Who gets piriformis syndrome?\n\nPiriformis syndrome is caused by sport injuries.\n\n"
        "Does piriformis syndrome cause numbness?\n\n"
        "Piriformis syndrome may cause numbness in the leg.\n\n"
        "Is numbness common with piriformis syndrome?\n\n"
        "Piriformis syndrome does not cause numbness in the leg.\n"
    )
    assert _lint(tmp_path).findings == []
    report = _lint(tmp_path, options={"FAQ703": {"report-hedged": True}})
    assert "may cause numbness" in _one(report, "FAQ703").message


def test_different_topics_are_not_compared(tmp_path: Path) -> None:
    (tmp_path / "gout.txt").write_text(
        "Is gout contagious?\n\nNo. You cannot catch gout from someone.\n"
    )
    (tmp_path / "flu.txt").write_text(
        "Is the flu contagious?\n\nYes. The flu spreads through coughs and sneezes.\n"
    )
    assert _lint(tmp_path).findings == []


def test_seed_page_has_no_contradictions(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    assert _lint(tmp_path).findings == []


def test_partial_run_reports_conflict_with_context_file_on_named_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "back-pain-self-care.txt", "back-pain-rest.txt")
    named = str(folder / "back-pain-self-care.txt")
    report = _lint(folder, named=[named])
    finding = _one(report, "FAQ702")
    assert finding.path == named and finding.line == 5
    assert finding.related[0].path.endswith("back-pain-rest.txt")
    assert "Stay in bed" in finding.message
