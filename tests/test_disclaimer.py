"""Medical disclaimers (FAQ401) and medicine advice without a referral (FAQ402)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, SEED

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.rulepack import default_pack_dir
from faq_lint.text.disclaimers import DisclaimerPhrases

MEDICAL = FIXTURES / "medical"
PHRASES = default_pack_dir() / "medical" / "disclaimer-phrases.yaml"
ANSWER = "What is piriformis syndrome?\n\nA muscle in the buttock presses on the sciatic nerve.\n"


def run(path: Path, codes: list[str], options: dict[str, object] | None = None) -> list[Finding]:
    config = Config(paths=[str(path)], rules={codes[0]: options} if options else {})
    config.root = str(path.parent)
    return lint([str(path)], config, select=codes).findings


def page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def phrases() -> DisclaimerPhrases:
    return DisclaimerPhrases.from_data(yaml.safe_load(PHRASES.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "sentence",
    [
        "This information is not a substitute for advice from your doctor.",
        "The content of this page is not intended to be a substitute for professional medical "
        "advice, diagnosis, or treatment.",
        "Always seek the advice of your physician or other qualified health provider with any "
        "questions you may have regarding a medical condition.",
        "This page is for general information only and does not replace a visit to your GP.",
        "It is for informational purposes only and is not medical advice.",
        "Nothing here should be used in place of professional care.",
        "This FAQ does not replace the advice of your own doctor.",
    ],
)
def test_disclaimer_wordings(phrases: DisclaimerPhrases, sentence: str) -> None:
    assert phrases.is_disclaimer(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "See a doctor if the pain lasts more than a few weeks.",
        "Ask your doctor to review your dose.",
        "Talk to your doctor before you stop taking a medicine.",
        "Call your doctor if you develop a fever.",
        "Exercise is not a substitute for a balanced diet.",
        "Stretching does not replace warming up.",
        "Massage relaxes the muscle.",
    ],
)
def test_not_disclaimers(phrases: DisclaimerPhrases, sentence: str) -> None:
    assert not phrases.is_disclaimer(sentence)


def test_seed_page_has_no_disclaimer() -> None:
    (finding,) = run(SEED, ["FAQ401"])
    assert finding.category == "disclaimer" and finding.severity == "warning"
    assert finding.question is None and finding.line == 1


def test_conditional_referral_does_not_count(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "When should I see a doctor?\n\nSee a doctor if the pain lasts more than a few weeks. "
        "Ask your doctor to review your dose.\n",
    )
    assert len(run(path, ["FAQ401"])) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "closing.txt",
            ANSWER + "\nThis information is not a substitute for advice from your doctor.\n",
        ),
        (
            "labelled.txt",
            ANSWER
            + "\nDisclaimer: for general information only; ask your doctor about your care.\n",
        ),
        (
            "in-answer.txt",
            "What is piriformis syndrome?\n\nA muscle presses on the nerve. This page does not "
            "replace advice from your doctor.\n",
        ),
        (
            "front-matter.md",
            "---\ndisclaimer: This page does not replace advice from your doctor.\n---\n\n"
            "## What is piriformis syndrome?\n\nA muscle presses on the nerve.\n",
        ),
        (
            "blockquote.md",
            "## What is piriformis syndrome?\n\nA muscle presses on the nerve.\n\n"
            "> Always seek the advice of your doctor with any questions about your health.\n",
        ),
        (
            "mapping.yaml",
            "disclaimer: Not a substitute for professional medical advice.\nfaqs:\n"
            "  - question: What is piriformis syndrome?\n"
            "    answer: A muscle presses on the nerve.\n",
        ),
    ],
)
def test_disclaimer_found(tmp_path: Path, name: str, text: str) -> None:
    assert run(page(tmp_path, text, name), ["FAQ401"]) == []


def test_fixture_pages() -> None:
    assert run(MEDICAL / "back-pain.md", ["FAQ401"]) == []
    assert run(MEDICAL / "gout.yaml", ["FAQ401"]) == []
    assert run(MEDICAL / "pain-relievers.txt", ["FAQ401"]) == []
    assert len(run(MEDICAL / "chickenpox.txt", ["FAQ401"])) == 1


def test_required_wording(tmp_path: Path) -> None:
    house = "Acme Health pages do not replace your care team's advice."
    generic = page(
        tmp_path, ANSWER + "\nThis information is not a substitute for advice from your doctor.\n"
    )
    (finding,) = run(generic, ["FAQ401"], {"required-wording": house})
    assert "Acme Health" in finding.message
    exact = page(
        tmp_path,
        ANSWER + "\nAcme Health pages do not replace your care team’s  advice.\n",
        "exact.txt",
    )
    assert run(exact, ["FAQ401"], {"required-wording": house}) == []


def test_custom_phrases_file(tmp_path: Path) -> None:
    (tmp_path / "phrases.yaml").write_text(
        "statements: ['\\bnur zur information\\b']\nprofessional_words: [arzt, information]\n",
        encoding="utf-8",
    )
    path = page(
        tmp_path, ANSWER + "\nDieser Text dient nur zur Information, fragen Sie Ihren Arzt.\n"
    )
    assert len(run(path, ["FAQ401"])) == 1
    assert run(path, ["FAQ401"], {"phrases-file": "phrases.yaml"}) == []


def test_empty_page_is_not_reported(tmp_path: Path) -> None:
    assert run(page(tmp_path, "Just a title\n"), ["FAQ401"]) == []


# --- FAQ402: medicine advice without "check with your doctor or pharmacist" ----


def test_seed_page_describes_treatment_and_gives_no_advice() -> None:
    # "While medications ... may be recommended, the mainstay of treatment is physical
    # therapy" says what is done, it tells the reader to take nothing (issue 15)
    assert run(SEED, ["FAQ402"]) == []


@pytest.mark.parametrize(
    "answer",
    [
        "Take 400 mg of ibuprofen three times a day with food.",
        "Try an antihistamine such as cetirizine.",
        "You should use a steroid cream for a week.",
        "You can take paracetamol for mild pain.",
    ],
)
def test_recommendations_without_referral(tmp_path: Path, answer: str) -> None:
    path = page(tmp_path, f"What can I take?\n\n{answer}\n")
    assert len(run(path, ["FAQ402"])) == 1


@pytest.mark.parametrize(
    "answer",
    [
        "Take 400 mg of ibuprofen with food. Check with your pharmacist first if you have asthma.",
        "Try an antihistamine. Ask your doctor or pharmacist which one suits you.",
        "Take paracetamol as directed by your doctor.",
        "Omeprazole reduces the amount of acid your stomach makes.",
        "Do not use aspirin for chickenpox; that combination can cause Reye syndrome.",
        "Rest and gentle stretching help most people.",
        "Bring a list of your medicines to your appointment.",
        # what is recommended in general describes practice, it advises the reader nothing
        "Paracetamol is recommended for mild pain.",
    ],
)
def test_no_recommendation_finding(tmp_path: Path, answer: str) -> None:
    path = page(tmp_path, f"What can I take?\n\n{answer}\n")
    assert run(path, ["FAQ402"]) == []


def test_markdown_fixture_with_referral() -> None:
    assert run(MEDICAL / "back-pain.md", ["FAQ402"]) == []
