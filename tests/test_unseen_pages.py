"""Detectors on patient FAQ pages none of the rules was tuned on.

``tests/fixtures/unseen/`` holds twelve pages written in the style of hospital, clinic,
NHS and pharmacy FAQs, one per format and topic (asthma inhalers, antibiotics for colds,
flu vaccine, statins, insulin, paracetamol in pregnancy, children's fever, knee
replacement, migraine, SSRIs, antihistamines, COVID boosters). Each page has planted
problems (misspellings, uncited medicine claims, dangling reference markers, stale or
missing review dates, no disclaimer) and things that must not be flagged (cited claims
in several styles, food and drink, brand names, UK spelling under en-GB, disclaimers in
several wordings). See /work/notes/qa-unseen.md for how these were judged.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import FIXTURES, shared_path

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding

UNSEEN = FIXTURES / "unseen"
TODAY = "2026-11-24"
CODES = [
    "FAQ004",
    "FAQ103",
    "FAQ201",
    "FAQ204",
    "FAQ301",
    "FAQ302",
    "FAQ303",
    "FAQ401",
    "FAQ402",
    "FAQ501",
    "FAQ502",
    "FAQ503",
]


@lru_cache(maxsize=32)
def findings(name: str, locale: str = "en-US") -> tuple[Finding, ...]:
    path = UNSEEN / name
    config = Config(paths=[str(path)], locale=locale, rules={"FAQ501": {"today": TODAY}})
    config.root = str(path.parent)
    return tuple(lint([str(path)], config, select=CODES).findings)


def of(name: str, rule: str, locale: str = "en-US") -> list[Finding]:
    return [f for f in findings(name, locale) if f.rule == rule]


def has(name: str, rule: str, text: str, locale: str = "en-US") -> bool:
    """Whether the page has a finding of ``rule`` whose message quotes ``text``."""
    return any(text in f.message for f in of(name, rule, locale))


def about(name: str, rule: str, question_part: str, locale: str = "en-US") -> list[Finding]:
    """Findings of ``rule`` on the entry whose question contains ``question_part``."""
    return [f for f in of(name, rule, locale) if question_part in (f.question or "")]


# -- what must be found ---------------------------------------------------------------

PLANTED: list[tuple[str, str, str]] = [
    # misspellings
    ("asthma-inhalers.md", "FAQ201", "'recieve'"),
    ("antibiotics-colds.yaml", "FAQ201", "'definately'"),
    ("statins.csv", "FAQ201", "'accomodate'"),
    ("children-fever-ibuprofen.md", "FAQ201", "'ibuprofin'"),
    # uncited medicine claims
    ("antibiotics-colds.yaml", "FAQ301", "Amoxicillin causes"),
    ("flu-vaccine.json", "FAQ301", "flu vaccine reduces the risk"),
    ("statins.csv", "FAQ301", "Statins are medicines that lower"),
    ("diabetes-insulin.txt", "FAQ301", "Insulin glargine causes"),
    ("children-fever-ibuprofen.md", "FAQ301", "Ibuprofen lowers"),
    ("knee-replacement.txt", "FAQ301", "Opioids can cause"),
    ("migraine.yaml", "FAQ301", "Triptans"),
    ("depression-ssris.json", "FAQ301", "Sertraline can cause"),
    ("depression-ssris.json", "FAQ301", "Stopping an SSRI"),
    ("allergies-antihistamines.md", "FAQ301", "Diphenhydramine"),
    ("covid-boosters.md", "FAQ301", "vaccines cut the risk"),
    ("covid-boosters.md", "FAQ301", "Paxlovid"),
    # dangling and unused references
    ("asthma-inhalers.md", "FAQ302", "[4]"),
    ("knee-replacement.txt", "FAQ302", "[3]"),
    ("statins.csv", "FAQ302", "[1]"),
    ("children-fever-ibuprofen.md", "FAQ303", "American Academy of Pediatrics"),
    ("knee-replacement.txt", "FAQ303", "Orthopaedic"),
    # doses without a referral to a doctor or pharmacist
    ("flu-vaccine.json", "FAQ402", "acetaminophen"),
    # (migraine.yaml's "Aspirin 900 mg ... relieve many migraine attacks" describes what
    # the doses do, it advises nothing: no FAQ402 since issue 15; FAQ301 sees it, cited)
    ("allergies-antihistamines.md", "FAQ402", "Take it every day during the pollen season"),
    ("statins.csv", "FAQ402", "Take simvastatin in the evening"),
    # no disclaimer; stale review dates (ISO, day-first numeric)
    ("antibiotics-colds.yaml", "FAQ401", "no medical disclaimer"),
    ("children-fever-ibuprofen.md", "FAQ401", "no medical disclaimer"),
    ("antibiotics-colds.yaml", "FAQ501", "2019-03-01"),
    ("children-fever-ibuprofen.md", "FAQ501", "2023-02-10"),
    ("knee-replacement.txt", "FAQ501", "14/02/2022"),
    ("depression-ssris.json", "FAQ501", "2016-05-20"),
]


@pytest.mark.parametrize(("name", "rule", "text"), PLANTED)
def test_planted_problem_is_found(name: str, rule: str, text: str) -> None:
    messages = [f.message for f in of(name, rule)]
    assert has(name, rule, text), f"{rule} should quote {text!r} on {name}; got {messages}"


def test_uk_page_planted_problems_are_found() -> None:
    page = "uk/pregnancy-paracetamol.md"
    assert has(page, "FAQ201", "'paracetomol'", "en-GB")
    assert has(page, "FAQ301", "Codeine can cause", "en-GB")
    assert has(page, "FAQ301", "iron tablets can cause", "en-GB")


def test_dose_without_the_name_still_needs_a_referral() -> None:
    # "How much ibuprofen can I give my child?" / "Give 10 mg per kg ...": the dose
    # sentence does not repeat the medicine, the question names it.
    hits = about("children-fever-ibuprofen.md", "FAQ402", "How much ibuprofen")
    assert len(hits) == 1
    assert "10 mg per kg" in hits[0].message


# -- what must not be found -----------------------------------------------------------

CLEAN: list[tuple[str, str]] = [
    # pages with a disclaimer in a closing blockquote, paragraph, metadata, answer, italics
    ("asthma-inhalers.md", "FAQ401"),
    ("flu-vaccine.json", "FAQ401"),
    ("statins.csv", "FAQ401"),
    ("diabetes-insulin.txt", "FAQ401"),
    ("knee-replacement.txt", "FAQ401"),
    ("migraine.yaml", "FAQ401"),
    ("depression-ssris.json", "FAQ401"),
    ("allergies-antihistamines.md", "FAQ401"),
    ("covid-boosters.md", "FAQ401"),
    # recent review dates in several formats
    ("asthma-inhalers.md", "FAQ501"),
    ("diabetes-insulin.txt", "FAQ501"),
    ("migraine.yaml", "FAQ501"),
    ("covid-boosters.md", "FAQ501"),
    ("covid-boosters.md", "FAQ503"),
    ("migraine.yaml", "FAQ503"),
    # brand names, drug classes, curly apostrophes, DOIs and units are words
    ("allergies-antihistamines.md", "FAQ201"),
    ("diabetes-insulin.txt", "FAQ201"),
    ("migraine.yaml", "FAQ201"),
    ("depression-ssris.json", "FAQ201"),
    ("covid-boosters.md", "FAQ201"),
    ("flu-vaccine.json", "FAQ201"),
    # digits inside a DOI are no reference marker
    ("depression-ssris.json", "FAQ302"),
    ("migraine.yaml", "FAQ302"),
    ("allergies-antihistamines.md", "FAQ302"),
    # descriptions, warnings and other people's recommendations are not advice to take
    ("depression-ssris.json", "FAQ402"),
    ("antibiotics-colds.yaml", "FAQ402"),
    ("asthma-inhalers.md", "FAQ402"),
    ("covid-boosters.md", "FAQ402"),
    ("diabetes-insulin.txt", "FAQ402"),
    # proper names are not jargon ("Advisory Committee on Immunization Practices")
    ("flu-vaccine.json", "FAQ103"),
]


@pytest.mark.parametrize(("name", "rule"), CLEAN)
def test_no_false_alarm(name: str, rule: str) -> None:
    assert of(name, rule) == [], [f.message for f in of(name, rule)]


def test_every_spelling_finding_is_a_planted_misspelling() -> None:
    planted = {"recieve", "definately", "accomodate", "ibuprofin"}
    for page in {name for name, _, _ in PLANTED}:
        for finding in of(page, "FAQ201"):
            assert any(f"'{word}'" in finding.message for word in planted), finding.message


NOT_CLAIMS: list[tuple[str, str]] = [
    # cited: author-year with a non-English name, corporate author, attribution, PMID
    ("antibiotics-colds.yaml", "vitamin C"),
    ("statins.csv", "Statins also reduce"),
    ("diabetes-insulin.txt", "insulin lowers"),
    ("migraine.yaml", "painkillers"),
    ("depression-ssris.json", "St John"),
    ("flu-vaccine.json", "egg allergy"),
    # food and drink used as food
    ("antibiotics-colds.yaml", "honey"),
    ("asthma-inhalers.md", "coffee"),
    ("asthma-inhalers.md", "inhalers as prescribed"),
    ("statins.csv", "alcohol"),
    ("diabetes-insulin.txt", "Alcohol"),
    ("migraine.yaml", "caffeine"),
    ("depression-ssris.json", "alcohol"),
    ("covid-boosters.md", "vitamin D from sunlight"),
    ("covid-boosters.md", "oxygen"),
    ("knee-replacement.txt", "Ice reduces"),
]


@pytest.mark.parametrize(("name", "text"), NOT_CLAIMS)
def test_cited_claims_and_food_are_not_uncited_claims(name: str, text: str) -> None:
    quoted = [f.message for f in of(name, "FAQ301")]
    assert not any(text in message for message in quoted), quoted


def test_uk_page_under_en_gb() -> None:
    page = "uk/pregnancy-paracetamol.md"
    assert of(page, "FAQ204", "en-GB") == []  # colour, anaemic, organise
    assert of(page, "FAQ401", "en-GB") == []  # disclaimer after the reference list
    assert of(page, "FAQ402", "en-GB") == []  # "should not take ... unless prescribed"
    claims = " ".join(f.message for f in of(page, "FAQ301", "en-GB"))
    for cited_or_food in ("Paracetamol", "ibuprofen", "caffeine", "folic acid"):
        assert cited_or_food not in claims
    # the same page under the default en-US locale does get UK spellings flagged
    assert has(page, "FAQ204", "'colour'")


def test_every_page_parses_with_all_its_entries() -> None:
    expected = {
        "asthma-inhalers.md": 6,
        "antibiotics-colds.yaml": 5,
        "flu-vaccine.json": 6,
        "statins.csv": 7,
        "diabetes-insulin.txt": 6,
        "children-fever-ibuprofen.md": 6,
        "knee-replacement.txt": 6,
        "migraine.yaml": 6,
        "depression-ssris.json": 7,
        "allergies-antihistamines.md": 6,
        "covid-boosters.md": 6,
        "uk/pregnancy-paracetamol.md": 8,
    }
    for name, count in expected.items():
        path = UNSEEN / name
        config = Config(paths=[str(path)])
        config.root = str(path.parent)
        report = lint([str(path)], config, select=["FAQ001"])
        assert report.summary.entries == count, name
        assert report.findings == [], name


# -- the COVID-19 corpora (real CDC, FDA and state pages) -----------------------------


def test_covid_corpus_phone_numbers_and_law_sections_are_not_citations() -> None:
    path = shared_path("corpora", "covid-faq-jhu", "covid-faq-jhu.jsonl")
    config = Config(paths=[str(path)])
    config.root = str(path.parent)
    report = lint([str(path)], config, select=["FAQ302", "FAQ402"])
    unknown = [f.message for f in report.findings if f.rule == "FAQ302"]
    assert unknown == []  # "(701) 777-3700", "501(c)(3)", "fourteen (14) days", "(1), (2), or (3)"
    referral = [f for f in report.findings if f.rule == "FAQ402"]
    assert len(referral) <= 5, [f.message for f in referral]
