"""Duplicate questions and answers (FAQ601-FAQ604) on realistic FAQ pages.

Fixtures live in tests/fixtures/duplicates/: hip-pain and sciatica pages (a paraphrased
question across two files, a question asked twice on one page), three genetics pages that
share an inheritance paragraph word for word (boilerplate group), and two self-care pages
whose massage answers are lightly edited copies of the seed page's answer.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES, copy_pages, lint_folder, shared_path

from faq_lint.config import Config
from faq_lint.models import Document, Finding, Report
from faq_lint.parsers import parse_file

PAGES = FIXTURES / "duplicates"


def _copy(tmp_path: Path, *names: str) -> Path:
    return copy_pages(PAGES, tmp_path, *names)


def _only(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def test_paraphrased_question_across_two_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "chickenpox.md").write_text(
        "## Can adults catch chickenpox from a child?\n\nYes. If you have never had "
        "chickenpox, you can catch it at any age from someone who has it. It spreads through "
        "coughs, sneezes and contact with the blisters.\n"
    )
    (folder / "family.md").write_text(
        "## If my child has chickenpox, could I get it too?\n\nYes, if you have not had "
        "chickenpox before you can catch it from your child. It passes on through coughing, "
        "sneezing and touching the blisters.\n"
    )
    findings = _only(lint_folder(folder, ["FAQ603"]), "FAQ603")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.path.endswith("chickenpox.md")
    assert finding.question == "Can adults catch chickenpox from a child?"
    assert [r.question for r in finding.related] == [
        "If my child has chickenpox, could I get it too?"
    ]


def test_same_page_duplicate_question(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "sciatica.txt")
    findings = _only(lint_folder(folder, ["FAQ601"]), "FAQ601")
    assert len(findings) == 1
    assert findings[0].line == 3 and findings[0].related[0].line == 11
    assert "asked 2 times" in findings[0].message


def test_what_is_are_template_is_the_same_question(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("What is (are) Acromegaly ?\n\nA hormone disorder.\n")
    (tmp_path / "b.txt").write_text("What is acromegaly?\n\nToo much growth hormone.\n")
    (tmp_path / "c.txt").write_text("What causes acromegaly?\n\nA tumour of the pituitary.\n")
    findings = _only(lint_folder(tmp_path, ["FAQ601"]), "FAQ601")
    assert len(findings) == 1 and len(findings[0].related) == 1


def test_boilerplate_group_is_one_finding(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "cystic-fibrosis.txt", "sickle-cell.txt", "tay-sachs.txt")
    findings = _only(lint_folder(folder, ["FAQ602"]), "FAQ602")
    assert len(findings) == 1
    assert "3 in all" in findings[0].message
    assert "autosomal recessive pattern" in findings[0].message
    assert sorted(Path(r.path).name for r in findings[0].related) == [
        "sickle-cell.txt",
        "tay-sachs.txt",
    ]


def test_accepted_boilerplate_is_not_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "cystic-fibrosis.txt", "sickle-cell.txt", "tay-sachs.txt")
    pattern = {
        "boilerplate-patterns": [r"^This condition is inherited in an autosomal recessive pattern"]
    }
    report = lint_folder(folder, ["FAQ602", "FAQ604"], {"FAQ602": pattern, "FAQ604": pattern})
    assert report.findings == []
    paragraph = (PAGES / "sickle-cell.txt").read_text().split("\n\n")[-1].strip()
    report = lint_folder(folder, ["FAQ602"], {"FAQ602": {"boilerplate": [paragraph]}})
    assert report.findings == []


def test_lightly_edited_answer_is_a_near_duplicate(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "massage.txt", "self-care.txt")
    findings = _only(lint_folder(folder, ["FAQ604"]), "FAQ604")
    assert len(findings) == 1
    assert findings[0].path.endswith("massage.txt")
    assert findings[0].related[0].path.endswith("self-care.txt")
    assert "similarity 0.9" in findings[0].message
    assert "foam roller" in findings[0].message or "loosen the muscle" in findings[0].message


def test_questions_that_ask_different_things_are_not_duplicates(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(
        "What triggers piriformis syndrome?\n\nLong sitting and overuse.\n\n"
        "How can I prevent piriformis syndrome?\n\nWarm up and stretch.\n\n"
        "What is spinocerebellar ataxia type 1?\n\nA rare disorder of balance.\n\n"
        "What is spinocerebellar ataxia type 2?\n\nAnother rare disorder of balance.\n\n"
        "What are the symptoms of Batten disease?\n\nSeizures and vision loss.\n\n"
        "What are the symptoms of Canavan disease?\n\nPoor muscle tone.\n\n"
        "What causes kidney stones?\n\nToo little water.\n\n"
        "What causes kidney stones in children?\n\nOften a metabolic problem.\n"
    )
    assert lint_folder(tmp_path, ["FAQ601", "FAQ603"]).findings == []


def test_partial_run_reports_duplicate_in_context_file_on_named_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "hip-pain.txt", "sciatica.txt", "massage.txt", "self-care.txt")
    named = str(folder / "sciatica.txt")
    report = lint_folder(folder, ["FAQ601", "FAQ603", "FAQ604"], named=[named])
    # Only the named file is linted and reported ...
    assert [d.path for d in report.documents] == [named]
    assert {f.path for f in report.findings} == {named}
    # The massage/self-care near copies touch no named file, so they are not reported.
    assert not _only(report, "FAQ604")


def test_related_list_is_capped_with_total_in_message(tmp_path: Path) -> None:
    text = (PAGES / "tay-sachs.txt").read_text()
    for n in range(30):
        (tmp_path / f"page-{n:02d}.txt").write_text(text.replace("Tay-Sachs", f"Disease {n}"))
    findings = _only(lint_folder(tmp_path, ["FAQ602"], {"FAQ602": {"max-related": 5}}), "FAQ602")
    assert len(findings) == 1
    assert len(findings[0].related) == 5
    assert "30 in all" in findings[0].message


def _medquad() -> Document:
    path = shared_path("corpora", "medquad", "medquad.jsonl")
    document = parse_file(str(path), max_bytes=1 << 30)
    assert len(document.entries) == 47441 and not document.problems
    return document


def test_medquad_85_identical_answer_groups_are_85_findings() -> None:
    from faq_lint.engine import RuleSet, all_rules, check_corpus, select_rules

    document = _medquad()
    config = Config()
    ruleset = RuleSet.build(select_rules(all_rules(config), config, select=["FAQ602"]))
    findings = check_corpus([document], ruleset)
    assert len(findings) == 85
    totals = [int(re.search(r"\((\d+) in all", f.message).group(1)) for f in findings]  # type: ignore[union-attr]
    assert sum(totals) == 683  # the corpus README: 85 groups covering 683 records
    largest = [f for f in findings if "348 in all" in f.message]
    assert len(largest) == 1 and len(largest[0].related) == 20
    assert "autosomal recessive" in largest[0].message
