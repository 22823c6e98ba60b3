"""FAQ603 (paraphrased duplicate entries) with the real model on pages of our own wording."""

from __future__ import annotations

import os
from pathlib import Path

from faq_lint.api import lint
from faq_lint.config import Config

PARAPHRASE = (
    "## Can adults catch chickenpox from a child?\n\nYes. If you have never had chickenpox, "
    "you can catch it at any age from someone who has it. It spreads through coughs, sneezes "
    "and contact with the blisters.\n\n"
    "## If my child has chickenpox, could I get it too?\n\nYes, if you have not had chickenpox "
    "before you can catch it from your child. It passes on through coughing, sneezing and "
    "touching the blisters.\n"
)
OTHER = (
    "## How do I look after a grazed knee?\n\nRinse the graze under clean running water, pat "
    "it dry and cover it with a plaster or a clean dressing.\n\n"
    "## When should my toddler see a dentist?\n\nTake your child for a check-up when the first "
    "teeth come through, and then as often as the dentist suggests.\n"
)


def _lint(tmp_path: Path, text: str, cache: bool = False) -> list:
    page = tmp_path / "content" / "page.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(text)
    config = Config(root=str(tmp_path), paths=["content"])
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        report = lint(["content"], config, select=["FAQ603"], cache=cache)
    finally:
        os.chdir(cwd)
    return [f for f in report.findings if f.rule == "FAQ603"]


def test_paraphrase_is_found(tmp_path: Path) -> None:
    found = _lint(tmp_path, PARAPHRASE)
    assert len(found) == 1
    assert found[0].question == "Can adults catch chickenpox from a child?"


def test_same_finding_whatever_else_is_on_the_page(tmp_path: Path) -> None:
    def about_chickenpox(findings: list) -> list:
        return [
            (f.question, [r.question for r in f.related], f.message.split("similarity")[1][:5])
            for f in findings
            if "chickenpox" in f.question
        ]

    alone = about_chickenpox(_lint(tmp_path, PARAPHRASE))
    crowded = about_chickenpox(
        _lint(tmp_path, OTHER + "\n" + PARAPHRASE + "\n" + OTHER.replace("toddler", "baby"))
    )
    assert alone and alone == crowded


def test_template_answers_for_different_conditions_are_not_duplicates(tmp_path: Path) -> None:
    text = (
        "## How is Fabry disease diagnosed?\n\nThese resources address the diagnosis or "
        "management of Fabry disease: enzyme blood tests, genetic testing and kidney checks.\n\n"
        "## How is Gaucher disease diagnosed?\n\nThese resources address the diagnosis or "
        "management of Gaucher disease: enzyme blood tests, genetic testing and bone scans.\n"
    )
    assert _lint(tmp_path, text) == []


def test_conflicting_numbers_are_not_duplicates(tmp_path: Path) -> None:
    text = (
        "## How long should a course of antibiotics for a bladder infection last?\n\n"
        "Most women need a 3 day course of tablets. Finish the course even if you feel better.\n\n"
        "## How many days of antibiotics will I need for cystitis?\n\nMost women need a 14 day "
        "course of tablets. Finish the course even if you feel better.\n"
    )
    assert _lint(tmp_path, text) == []


def test_different_question_same_topic_is_not_a_duplicate(tmp_path: Path) -> None:
    text = (
        "## What is shingles?\n\nShingles is a painful rash caused by the chickenpox virus "
        "waking up again in your body, years after you had chickenpox.\n\n"
        "## How is shingles treated?\n\nAntiviral tablets, started within three days of the "
        "rash appearing, can make it shorter and milder. Painkillers help with the pain.\n"
    )
    assert _lint(tmp_path, text) == []


def test_vectors_go_to_the_result_cache_and_not_with_no_cache(tmp_path: Path) -> None:
    _lint(tmp_path, PARAPHRASE, cache=False)
    assert not (tmp_path / ".faq-lint-cache").exists()
    first = _lint(tmp_path, PARAPHRASE, cache=True)
    assert list((tmp_path / ".faq-lint-cache" / "vectors").rglob("shard-*.npz"))
    assert not (tmp_path / "content" / ".faq-lint-cache").exists()
    again = _lint(tmp_path, PARAPHRASE, cache=True)
    assert [f.message for f in again] == [f.message for f in first]
