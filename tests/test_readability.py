"""Readability rules FAQ101-FAQ103 on real FAQ text: the seed page and MedQuAD answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import SEED, shared_path

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.rulepack import default_pack_dir
from faq_lint.text.readability import (
    answer_counts,
    count_sentences,
    flesch_kincaid_grade,
    formula_text,
    list_words,
    word_syllables,
)
from faq_lint.text.sentences import split_sentences

FASTEST = (
    "Treatment. While medications, such as pain relievers, muscle relaxants, and "
    "anti-inflammatory drugs may be recommended, the mainstay of treatment for piriformis "
    "syndrome is physical therapy, exercise, and stretching."
)


def run(tmp_path: Path, content: str, select: list[str], **config: object) -> list[Finding]:
    page = tmp_path / "page.txt"
    page.write_text(content, encoding="utf-8")
    cfg = Config(paths=[str(tmp_path)], cache=False, **config)  # type: ignore[arg-type]
    cfg.root = str(tmp_path)
    return lint([str(page)], cfg, select=select).findings


def seed_findings(select: list[str]) -> list[Finding]:
    cfg = Config(paths=[str(SEED.parent)], cache=False)
    cfg.root = str(SEED.parent.parent)
    return lint([str(SEED)], cfg, select=select).findings


# -- formulas ---------------------------------------------------------------------------


def test_seed_answer_grade_is_textstat_value() -> None:
    assert flesch_kincaid_grade(FASTEST) == pytest.approx(19.772857142857145)
    assert round(answer_counts(FASTEST).flesch_kincaid_grade(), 1) == 19.8


def test_textstat_word_and_sentence_rules() -> None:
    assert list_words("It doesn't hurt; anti-inflammatory drugs (10).") == [
        "It",
        "doesn't",
        "hurt",
        "antiinflammatory",
        "drugs",
        "10",
    ]
    # pieces of two words or fewer ("Treatment.") do not count as sentences
    assert count_sentences(FASTEST) == 1
    assert count_sentences("") == 0


def test_syllables_from_cmudict_table_and_pyphen_fallback() -> None:
    assert word_syllables("syndrome") == 2
    assert word_syllables("medications") == 4
    assert word_syllables("piriformis") >= 3  # not in CMUdict: pyphen


def test_formula_text_counts_list_items_and_decimals_as_textstat_cannot() -> None:
    flattened = "Symptoms include  - joint aches  - thick, oily skin  - sleep apnea. Rest helps."
    assert formula_text(flattened).count(".") == 5
    cochrane = "The risk fell (RR 0.73, 95% CI 0.65 to 0.81) in 38 studies of children."
    assert answer_counts(cochrane).sentences == 1
    assert count_sentences(cochrane) > 1  # textstat's own split cuts at every "."


def test_document_readability_in_json_report(tmp_path: Path) -> None:
    cfg = Config(paths=[str(SEED.parent)], cache=False)
    report = lint([str(SEED)], cfg, select=["FAQ101"])
    figures = json.loads(report.model_dump_json())["documents"][0]["readability"]
    assert figures["flesch_kincaid_grade"] > 8
    assert figures["smog_index"] > 0 and figures["flesch_reading_ease"] < 60
    assert figures["words"] > 300 and figures["sentences"] > 20


# -- FAQ101 -----------------------------------------------------------------------------


def test_seed_fastest_way_answer_gets_grade_finding() -> None:
    findings = [f for f in seed_findings(["FAQ101"]) if f.question and "fastest" in f.question]
    assert len(findings) == 1
    message = findings[0].message
    # 19.8 by the formula alone (textstat's figure, above); 16.4 here: "piriformis", the
    # page's topic and the question's subject, counts as a familiar word (issue 15).
    # (19.4 with the topic word alone; "medications" and "recommended", everyday words among
    # the 5,000 most frequent English words, count as short words too.)
    assert "Reading grade 16.4 is above the target of grade 8" in message
    assert "piriformis" not in message.split("hard words:")[1]
    assert "longest sentence has 27 words" in message
    assert "anti-inflammatory" in message
    assert findings[0].line == 11 and findings[0].severity == "warning"


def test_project_target_grade_and_rule_option(tmp_path: Path) -> None:
    page = f"What is the fastest way to fix piriformis syndrome?\n\n{FASTEST}\n"
    assert run(tmp_path, page, ["FAQ101"], target_grade=20.0) == []
    strict = run(tmp_path, page, ["FAQ101"], rules={"FAQ101": {"target-grade": 6}})
    assert "target of grade 6" in strict[0].message


def test_short_answer_needs_a_concrete_cause(tmp_path: Path) -> None:
    # grade 9.9 by the formula, but one 15-word sentence and no word of 3+ syllables
    text = (
        "Your doctor may suggest gentle stretching, careful massage, and patience while the "
        "muscle slowly settles."
    )
    assert answer_counts(text).flesch_kincaid_grade() > 8
    assert run(tmp_path, f"How is it treated?\n\n{text}\n", ["FAQ101"]) == []
    # the same sentence padded to 22 words is long enough to count
    longer = text.replace("settles.", "settles down over the next few weeks.")
    assert len(run(tmp_path, f"How is it treated?\n\n{longer}\n", ["FAQ101"])) == 1


def test_medquad_answers_flagged(tmp_path: Path) -> None:
    page = shared_path(
        "corpora", "medquad", "pages", "txt", "ghr-0000345-familial-dysautonomia.txt"
    )
    cfg = Config(paths=[str(page.parent)], cache=False)
    findings = lint([str(page)], cfg, select=["FAQ101"]).findings
    assert findings and all("hard words" in f.message for f in findings)


# -- FAQ102 -----------------------------------------------------------------------------


def test_long_sentence_position_and_list_items(tmp_path: Path) -> None:
    long = (
        "Since piriformis syndrome is usually caused by sports or movement that repeatedly "
        "stresses the piriformis muscle, such as running or lunging, prevention is often "
        "related to good form."
    )
    content = f"What aggravates it?\n\nAvoid hills. {long}\n"
    found = run(tmp_path, content, ["FAQ102"])
    assert len(found) == 1 and found[0].line == 3 and found[0].column == 14
    listed = (
        "What are the signs?\n\nSigns include  - "
        + "  - ".join(
            [
                "swelling of the hands and feet",
                "changes in facial features",
                "joint aches",
                "thick, coarse, oily skin",
                "deepening of the voice",
                "excessive sweating",
            ]
        )
        + ".\n"
    )
    assert run(tmp_path, listed, ["FAQ102"]) == []
    assert len(split_sentences("include  - joint aches  - thick skin")) == 3


# -- FAQ103 -----------------------------------------------------------------------------


def test_word_list_has_sources_and_required_terms() -> None:
    data = yaml.safe_load((default_pack_dir() / "plain-language.yaml").read_text(encoding="utf-8"))
    terms = {t["term"]: t for t in data["terms"]}
    assert len(terms) >= 150
    assert all(t["source"] in data["sources"] for t in terms.values())
    # every term has a swap: its own, or one in a sense (a term with senses only, such as
    # "compliance", is reported only where a sense fits)
    assert all(
        t["alternatives"] or any(sense.get("alternatives") for sense in t.get("senses", []))
        for t in terms.values()
    )
    assert "heart attack" in terms["myocardial infarction"]["alternatives"]
    assert "pain reliever" in terms["analgesic"]["alternatives"]
    assert "differential diagnosis" in terms and "diagnosis of exclusion" in terms


def test_jargon_suggestions_case_and_once_per_answer(tmp_path: Path) -> None:
    content = (
        "What is a heart attack?\n\nMyocardial infarction is serious. A myocardial "
        "infarction needs care. Analgesics help with pain.\n"
    )
    found = run(tmp_path, content, ["FAQ103"])
    assert [f.suggestions[0] for f in found] == ["Heart attack", "Pain reliever"]
    assert found[0].column == 1 and found[1].line == 3


def test_seed_page_jargon() -> None:
    found = {f.message.split("'")[1].lower() for f in seed_findings(["FAQ103"])}
    assert {"differential diagnosis", "diagnosis of exclusion"} <= found


def test_broken_word_list_gives_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("terms: [unclosed\n", encoding="utf-8")
    content = "What is it?\n\nA myocardial infarction.\n"
    options = {"FAQ103": {"word-list": str(tmp_path / "bad.yaml")}}
    assert run(tmp_path, content, ["FAQ103"], rules=options) == []
