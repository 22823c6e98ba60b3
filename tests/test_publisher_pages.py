"""Verdicts on real publishers' FAQ pages that nobody on the team had used.

``tests/fixtures/publishers/`` holds seven public-domain pages from CDC, FDA and three NIH
institutes (rabies, flu antivirals, acetaminophen and the liver, complementary approaches for
cancer, vitamin D, HPV, a health-information clearinghouse), converted to our formats with the
publisher's wording kept (see its README). Every finding faq-lint made on them was judged by
reading, in docs/dev-notes/qa-publisher-pages.md. These tests hold the clear verdicts where
faq-lint is right today: claims that must be found, sentences that must not be flagged, and
rules that must stay quiet on this kind of page. Verdicts where faq-lint is still wrong are
listed in the note, not here.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import FIXTURES

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.parsers import parse_file

PAGES = FIXTURES / "publishers"
TODAY = "2026-12-08"
CODES = [
    "FAQ005",
    "FAQ101",
    "FAQ102",
    "FAQ103",
    "FAQ201",
    "FAQ301",
    "FAQ302",
    "FAQ401",
    "FAQ402",
    "FAQ501",
    "FAQ601",
    "FAQ602",
    "FAQ701",
    "FAQ702",
    "FAQ703",
    "FAQ704",
]
ALL_PAGES = sorted(p.name for p in PAGES.glob("*-*.*") if p.suffix in (".md", ".txt"))


@lru_cache(maxsize=16)
def findings(name: str) -> tuple[Finding, ...]:
    path = PAGES / name
    config = Config(paths=[str(path)], rules={"FAQ501": {"today": TODAY}})
    config.root = str(PAGES)
    return tuple(lint([str(path)], config, select=CODES).findings)


def of(name: str, rule: str) -> list[Finding]:
    return [f for f in findings(name) if f.rule == rule]


def _place(name: str, text: str) -> tuple[int, int]:
    """Line (1-based) and column (0-based) where ``text`` starts on the page."""
    for number, line in enumerate((PAGES / name).read_text(encoding="utf-8").split("\n"), 1):
        column = line.find(text)
        if column >= 0:
            return number, column
    raise AssertionError(f"{text!r} is not on {name}")


def flagged(name: str, rule: str, text: str) -> bool:
    """Whether a finding of ``rule`` covers the start of ``text`` on the page."""
    line, column = _place(name, text)
    for f in of(name, rule):
        if f.line != line:
            continue
        end = f.end_column - 1 if f.end_column and f.end_line in (None, line) else None
        if f.column - 1 <= column and (end is None or column < end):
            return True
    return False


# -- uncited claims about a medicine that must be found ----------------------------------

MUST_FIND: list[tuple[str, str]] = [
    # a risk of taking too much
    ("fda-acetaminophen-qa.txt", "Taking more acetaminophen than directed can put you at risk"),
    # how much a drug class shortens an illness
    ("cdc-flu-antivirals-quiz.txt", "Neuraminidase inhibitors (i.e., oseltamivir, zanamivir"),
    # "studies have shown" with no source
    ("cdc-flu-antivirals-quiz.txt", "Pediatric studies (ages 1 to 12) of oseltamivir"),
    # side effects
    ("cdc-flu-antivirals-quiz.txt", "The most common side effects of oral oseltamivir"),
    # an interaction: herbs make chemotherapy less effective
    ("nccih-cancer-complementary.md", "For example, some herbs may make chemotherapy drugs"),
    ("nccih-cancer-complementary.md", "Some complementary health approaches can interfere"),
]


@pytest.mark.parametrize(("name", "text"), MUST_FIND)
def test_uncited_medicine_claim_is_found(name: str, text: str) -> None:
    assert flagged(name, "FAQ301", text), (
        f"FAQ301 should flag {text!r} on {name}; got {[f.message for f in of(name, 'FAQ301')]}"
    )


# -- sentences that must not be called uncited claims -----------------------------------

MUST_NOT_FLAG: list[tuple[str, str]] = [
    # attributed in the same sentence to a named authority
    ("cdc-flu-antivirals-quiz.txt", "CDC recommends antiviral drugs for high-risk people"),
    # attributed to two named bodies (a compound subject)
    ("cdc-flu-antivirals-quiz.txt", "Both CDC and AAP recommend oral oseltamivir"),
    # amounts attributed to a named expert body
    ("ods-vitamin-d.md", "Average daily recommended amounts from the Food and Nutrition Board"),
    # foods, not medicines
    ("ods-vitamin-d.md", "Fatty fish such as salmon, tuna, and mackerel are among the best"),
    # soap and water is no medicine
    ("cdc-rabies-faq.txt", "One of the most effective methods to decrease the chances"),
    # how people catch the disease
    ("cdc-rabies-faq.txt", "People usually get get rabies from the bite of a rabid animal."),
]


@pytest.mark.parametrize(("name", "text"), MUST_NOT_FLAG)
def test_sentence_is_not_an_uncited_claim(name: str, text: str) -> None:
    assert not flagged(name, "FAQ301", text), f"FAQ301 must not flag {text!r} on {name}"


@pytest.mark.parametrize("name", ["nidcd-health-info-faq.md", "nci-hpv-vaccine-qa.md"])
def test_page_without_medicine_claims_has_no_claim_findings(name: str) -> None:
    """A clearinghouse FAQ, and answers about the virus (not the vaccine), claim nothing
    about a medicine."""
    assert of(name, "FAQ301") == []


# -- rules that must stay quiet on these pages ------------------------------------------


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_dose_referral_stray_text_reference_duplicate_or_contradiction(name: str) -> None:
    """None of these pages tells the reader to take a dose without a referral, has stray text
    (the intro and source lines are page content), a numbered citation, a repeated question or
    answer, or two answers that conflict: every such finding here would be a false alarm."""
    quiet = {"FAQ005", "FAQ302", "FAQ402", "FAQ601", "FAQ602"} | set(CODES[-4:])
    noise = [f"{f.rule}:{f.line} {f.message}" for f in findings(name) if f.rule in quiet]
    assert noise == []


DRUG_AND_TERM_NAMES: list[tuple[str, str]] = [
    ("fda-acetaminophen-qa.txt", "acetaminophen"),
    ("fda-acetaminophen-qa.txt", "Tylenol"),
    ("fda-acetaminophen-qa.txt", "Vicodin"),
    ("fda-acetaminophen-qa.txt", "Percocet"),
    ("cdc-flu-antivirals-quiz.txt", "oseltamivir"),
    ("cdc-flu-antivirals-quiz.txt", "zanamivir"),
    ("cdc-flu-antivirals-quiz.txt", "peramivir"),
    ("cdc-flu-antivirals-quiz.txt", "Neuraminidase"),
    ("ods-vitamin-d.md", "osteomalacia"),
    ("nccih-cancer-complementary.md", "mindfulness-based"),
    ("cdc-rabies-faq.txt", "guano"),
]


@pytest.mark.parametrize(("name", "word"), DRUG_AND_TERM_NAMES)
def test_drug_names_and_medical_terms_are_not_misspellings(name: str, word: str) -> None:
    assert not any(f"'{word}'" in f.message for f in of(name, "FAQ201"))


# -- findings that are right ------------------------------------------------------------


@pytest.mark.parametrize("name", ["cdc-rabies-faq.txt", "nccih-cancer-complementary.md"])
def test_page_without_a_disclaimer_is_reported(name: str) -> None:
    """The NCCIH page's "If you have cancer, consult your health care provider before adding
    any complementary health products ..." is a conditional referral, not a disclaimer."""
    assert len(of(name, "FAQ401")) == 1


def test_stale_review_date_in_us_order_is_reported() -> None:
    """NCI's fact sheet says "Reviewed: 09/12/2007" (month first)."""
    stale = of("nci-hpv-vaccine-qa.md", "FAQ501")
    assert len(stale) == 1 and "09/12/2007" in stale[0].message


def test_long_sentence_and_jargon_on_the_rabies_page() -> None:
    page = "cdc-rabies-faq.txt"
    assert flagged(page, "FAQ102", "Other contact, such as petting a rabid animal")
    assert flagged(page, "FAQ103", "regimen")
    assert flagged(page, "FAQ103", "Inhalation")


ENTRIES = {
    "nccih-cancer-complementary.md": 4,
    "cdc-rabies-faq.txt": 4,
    "fda-acetaminophen-qa.txt": 2,
    "nidcd-health-info-faq.md": 4,
    "ods-vitamin-d.md": 3,
    "cdc-flu-antivirals-quiz.txt": 3,
    "nci-hpv-vaccine-qa.md": 2,
}


@pytest.mark.parametrize(("name", "count"), sorted(ENTRIES.items()))
def test_pages_parse_into_their_questions(name: str, count: int) -> None:
    assert len(parse_file(str(PAGES / name)).entries) == count
