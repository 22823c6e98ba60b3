"""FAQ301 (uncited medication claim) and FAQ402 (dose without referral) on realistic
pages, one per failure class of issue 15: what must be found and what must not.

The pages are written for these tests (own wording, in the style of pharmacy, GP
practice and public health FAQ pages); each is linted end to end as a Markdown file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding


def lint_page(tmp_path: Path, text: str, codes: list[str]) -> list[Finding]:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    config = Config(paths=[str(path)])
    config.root = str(tmp_path)
    return lint([str(path)], config, select=codes, baseline=False, cache=False).findings


def lines_flagged(tmp_path: Path, text: str, code: str) -> list[str]:
    """The page lines that hold a finding of ``code``."""
    lines = text.splitlines()
    return [lines[f.line - 1] for f in lint_page(tmp_path, text, [code]) if f.rule == code]


def flags(tmp_path: Path, text: str, sentence: str, code: str = "FAQ301") -> bool:
    """Whether a finding of ``code`` falls on the line that holds ``sentence``."""
    assert sentence in text
    return any(sentence in line for line in lines_flagged(tmp_path, text, code))


# --- FAQ301: claims found by what the sentence says ----------------------------

MUST_FIND = [
    pytest.param(
        "## How fast does the antacid work?\n\nIt tends to ease heartburn within 30 minutes.\n",
        "It tends to ease heartburn within 30 minutes.",
        id="onset-through-it",
    ),
    pytest.param(
        "## Can I use my salbutamol inhaler with the new tablets?\n\n"
        "Yes. Montelukast is fine to use alongside your usual inhaler.\n",
        "Montelukast is fine to use alongside your usual inhaler.",
        id="combination-safety",
    ),
    pytest.param(
        "## How does omeprazole work?\n\nIt blocks the enzyme that makes stomach acid.\n",
        "It blocks the enzyme that makes stomach acid.",
        id="mechanism-through-it",
    ),
    pytest.param(
        "## Does the rotavirus vaccine work in older children?\n\n"
        "The vaccine works better in babies than in older children.\n",
        "The vaccine works better in babies than in older children.",
        id="comparison",
    ),
    pytest.param(
        "## Is zinc worth taking for a cold?\n\n"
        "Research shows that zinc lozenges shorten a cold by about a day.\n",
        "Research shows that zinc lozenges shorten a cold by about a day.",
        id="research-shows-unnamed",
    ),
    pytest.param(
        "## What is sertraline?\n\nSertraline is an antidepressant. "
        "This medicine can cause nausea in the first weeks.\n",
        "This medicine can cause nausea in the first weeks.",
        id="this-medicine",
    ),
    pytest.param(
        "## How long should I take loratadine?\n\n"
        "Children over 12 can take 10 mg once a day during the pollen season.\n",
        "Children over 12 can take 10 mg once a day during the pollen season.",
        id="dose-for-medicine-in-question",
    ),
    pytest.param(
        "## What are the side effects of metformin?\n\n"
        "Common side effects include feeling sick and diarrhoea.\n",
        "Common side effects include feeling sick and diarrhoea.",
        id="side-effects-of-medicine-in-question",
    ),
    pytest.param(
        "# Travel vaccines\n\nThe typhoid vaccine protects most travellers for three years.\n\n"
        "## Where can I get it?\n\nAt our travel clinic.\n",
        "The typhoid vaccine protects most travellers for three years.",
        id="claim-in-intro",
    ),
    pytest.param(
        "## Which insulin causes less weight gain?\n\n"
        "Insulin glargine causes less weight gain than older insulins.\n",
        "Insulin glargine causes less weight gain than older insulins.",
        id="comparison-less-than",
    ),
    pytest.param(
        "## Does my steroid spray work straight away?\n\n"
        "Beclometasone sprays clear a blocked nose [1]. They take a few days to work fully.\n",
        "They take a few days to work fully.",
        id="citation-of-the-sentence-before-is-not-this-ones",
    ),
]


@pytest.mark.parametrize(("text", "sentence"), MUST_FIND)
def test_claim_is_found(tmp_path: Path, text: str, sentence: str) -> None:
    assert flags(tmp_path, text, sentence), lines_flagged(tmp_path, text, "FAQ301")


MUST_NOT = [
    pytest.param(
        "## What is levothyroxine?\n\n"
        "Levothyroxine is a medicine used for an underactive thyroid.\n",
        "Levothyroxine is a medicine used for an underactive thyroid.",
        id="definition-indication-only",
    ),
    pytest.param(
        "## Is a vaccine on the way?\n\n"
        "The agency continues to expedite trials of several vaccine candidates.\n",
        "The agency continues to expedite trials of several vaccine candidates.",
        id="agency-process",
    ),
    pytest.param(
        "## Where can I read more?\n\n"
        "[Learn more about how vector vaccines work](https://example.org/vector).\n",
        "Learn more about how vector vaccines work",
        id="link-text",
    ),
    pytest.param(
        "## Who should have the shingles vaccine?\n\n"
        "The agency and its advisory committee (ACIP) recommend two doses of the "
        "shingles vaccine for adults aged 50 and over.\n",
        "The agency and its advisory committee (ACIP) recommend",
        id="compound-subject-attributed",
    ),
    pytest.param(
        "## Does aspirin help healthy older people?\n\n"
        "In the ASPREE trial, daily aspirin did not lower the risk of heart disease "
        "in healthy people over 70.\n",
        "In the ASPREE trial, daily aspirin did not lower",
        id="named-trial",
    ),
    pytest.param(
        "## Is HRT linked to cancer?\n\n"
        "Combined HRT is linked with a small rise in breast cancer risk, according to "
        "an analysis published in The Lancet.\n",
        "Combined HRT is linked with a small rise",
        id="according-to-a-publication",
    ),
    pytest.param(
        "## Can I drink alcohol on metronidazole?\n\n"
        "Don’t drink alcohol while you’re taking metronidazole, because together they "
        "can make you very sick.\n",
        "drink alcohol while you’re taking metronidazole",
        id="warning-with-reason",
    ),
    pytest.param(
        "## Is there a cure?\n\nThere is no cure for the condition, but treatment may "
        "include physiotherapy.\n",
        "There is no cure for the condition",
        id="no-cure-and-use",
    ),
    pytest.param(
        "## Will my symptoms get worse?\n\n"
        "If not treated, the infection can spread to the kidneys.\n",
        "If not treated, the infection can spread",
        id="natural-history",
    ),
    pytest.param(
        "## What about the medicines for restless legs?\n\n"
        "If the medicines relieve your symptoms, your doctor can confirm the diagnosis.\n",
        "If the medicines relieve your symptoms",
        id="condition-not-asserted",
    ),
    pytest.param(
        "## Are palpitations dangerous?\n\nDoctors sometimes prescribe beta blockers. "
        "Palpitations are common. They usually aren't harmful.\n",
        "They usually aren't harmful.",
        id="pronoun-for-something-else",
    ),
    pytest.param(
        "## Where can I get help?\n\n"
        "This page does not replace the advice of your doctor or pharmacist.\n",
        "This page does not replace the advice",
        id="disclaimer",
    ),
    pytest.param(
        "## Who is in the trial?\n\n"
        "Researchers are testing whether the new tablet protects the kidneys.\n",
        "Researchers are testing whether",
        id="research-under-way",
    ),
    pytest.param(
        "## What happens after the operation?\n\n"
        "Your doctor will check how well the medicine works for you.\n",
        "Your doctor will check how well the medicine works for you.",
        id="indirect-question",
    ),
]


@pytest.mark.parametrize(("text", "sentence"), MUST_NOT)
def test_no_claim_finding(tmp_path: Path, text: str, sentence: str) -> None:
    assert not flags(tmp_path, text, sentence), lines_flagged(tmp_path, text, "FAQ301")


def test_intro_finding_belongs_to_no_entry(tmp_path: Path) -> None:
    text = (
        "# Travel vaccines\n\nThe typhoid vaccine protects most travellers for three years.\n\n"
        "## Where can I get it?\n\nAt our travel clinic.\n"
    )
    (finding,) = lint_page(tmp_path, text, ["FAQ301"])
    assert finding.line == 3 and finding.entry_id is None


# --- FAQ402: advice to take a medicine or dose, with no referral ---------------

ADVICE = [
    pytest.param(
        "## What can I take for a headache?\n\n"
        "Take 1 or 2 paracetamol tablets up to 4 times a day.\n",
        id="imperative-dose",
    ),
    pytest.param(
        "## When do I take my loratadine?\n\nTake it once a day, at the same time each day.\n",
        id="it-is-the-medicine-in-the-question",
    ),
    pytest.param(
        "## What helps hay fever?\n\nYou can take cetirizine every day during the pollen season.\n",
        id="you-can-take",
    ),
]


@pytest.mark.parametrize("text", ADVICE)
def test_advice_without_referral(tmp_path: Path, text: str) -> None:
    findings = lint_page(tmp_path, text, ["FAQ402"])
    assert [f.rule for f in findings] == ["FAQ402"]
    assert findings[0].severity == "info"


NO_ADVICE = [
    pytest.param(
        "## Are sleeping tablets safe every night?\n\n"
        "Taking sleeping tablets every night raises your risk of falls.\n",
        id="warning-about-taking",
    ),
    pytest.param(
        "## Who is at risk?\n\nYou may be at risk if you:\n\n- Take certain medicines\n- Smoke\n",
        id="risk-factor-item",
    ),
    pytest.param(
        "## How is it treated?\n\nTreatment may include antibiotics such as amoxicillin.\n",
        id="description",
    ),
    pytest.param(
        "## What can I take for a headache?\n\n"
        "Take 1 or 2 paracetamol tablets up to 4 times a day. Ask a pharmacist first if "
        "you take other medicines.\n",
        id="answer-refers",
    ),
    pytest.param(
        "## How long can I use the cream?\n\n"
        "Use hydrocortisone cream for no more than 7 days unless your doctor tells you to.\n",
        id="sentence-refers",
    ),
    pytest.param(
        "## Can I get the vaccine?\n\nYou can get the flu vaccine at most pharmacies.\n",
        id="vaccine-given-by-a-professional",
    ),
    pytest.param(
        "## What should I bring?\n\nTake your child to the clinic with their red book.\n",
        id="take-that-is-no-medicine",
    ),
]


@pytest.mark.parametrize("text", NO_ADVICE)
def test_no_advice_finding(tmp_path: Path, text: str) -> None:
    assert lint_page(tmp_path, text, ["FAQ402"]) == []
