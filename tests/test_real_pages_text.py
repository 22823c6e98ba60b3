"""Issue 15 (items 3, 5, 6): disclaimers (FAQ401), text outside the questions (FAQ005),
spelling (FAQ201) and US/UK spelling once per page (FAQ204) on realistic pages.

Every page is our own wording, written the way public health publishers write FAQ
pages; each failure class has a page that must get a finding and one that must not.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.parsers import parse_file
from faq_lint.text.spelling import read_word_file, tokens_of


def run(tmp_path: Path, name: str, text: str, codes: list[str]) -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    config = Config(paths=[str(path)], cache=False)
    config.root = str(tmp_path)
    return lint([str(path)], config, select=codes).findings


def words_flagged(findings: list[Finding]) -> set[str]:
    return {f.message.split("'")[1].lower() for f in findings if f.rule == "FAQ201"}


# -- FAQ401: what counts as a disclaimer ------------------------------------------------

MASKS_AND_TESTS = """\
# Face coverings and testing

## Should I wear a cloth face covering?

Cloth face coverings help stop the virus spreading from people who do not know they
have it. Face coverings are NOT meant to replace proven public health measures such as
staying home when sick and keeping your distance.

## Can an antibody test tell me if I am sick now?

No. Antibody tests should not be used to diagnose a current infection, because the body
takes one to three weeks to make antibodies.

## What can I give my child for a fever?

Do not give children any medicine unless a health care provider tells you to.
"""


def test_measures_tests_and_conditional_referrals_are_not_disclaimers(tmp_path: Path) -> None:
    findings = run(tmp_path, "masks.md", MASKS_AND_TESTS, ["FAQ401"])
    assert [f.rule for f in findings] == ["FAQ401"], findings


def test_something_else_not_replacing_a_doctor_is_not_a_disclaimer(tmp_path: Path) -> None:
    page = (
        "Can I check my blood pressure at home?\n\n"
        "Yes. Home blood pressure monitors do not replace a visit to your doctor, but "
        "they show how your readings change from day to day.\n"
    )
    assert [f.rule for f in run(tmp_path, "bp.txt", page, ["FAQ401"])] == ["FAQ401"]


def test_a_deferral_to_your_own_professional_counts(tmp_path: Path) -> None:
    for number, closing in enumerate(
        [
            "The answers on this page are general information and are not medical advice.",
            "This leaflet does not replace the advice of your own pharmacist or nurse.",
            "Always talk to your midwife about your own situation.",
        ]
    ):
        page = MASKS_AND_TESTS + "\n" + closing + "\n"
        findings = run(tmp_path, f"masks-{number}.md", page, ["FAQ401"])
        assert findings == [], (closing, findings)


# -- FAQ005 and the intro: text before the first question is page content ---------------

INTRO_PAGE = """\
# Shingles vaccine

Content supplied by the Lakeside County Health Department.

The shingles vaccine is offered to adults aged 50 and over. This page answers the
questions our nurses recieve most often.

## Who should get the shingles vaccine?

Most adults aged 50 and over should get two doses, two to six months apart.

## Can I have it if I had shingles before?

Yes. Wait until the rash has gone before you have the vaccine.
"""


def test_intro_and_source_line_are_content_not_stray_text(tmp_path: Path) -> None:
    findings = run(tmp_path, "shingles.md", INTRO_PAGE, ["FAQ005", "FAQ201"])
    assert not [f for f in findings if f.rule == "FAQ005"], findings
    # ... and the text rules check the intro, placing the finding on its own line
    (typo,) = [f for f in findings if f.rule == "FAQ201"]
    assert "'receive'" in typo.message and typo.entry_id is None
    line = INTRO_PAGE.splitlines()[typo.line - 1]
    assert line[typo.column - 1 :].startswith("recieve"), (typo.line, typo.column)


def test_plain_text_intro_is_content(tmp_path: Path) -> None:
    page = (
        "Head lice\n\n"
        "This page was written with the school nurses of Hill Valley District.\n\n"
        "How do children get head lice?\n\n"
        "Head lice spread by head-to-head contact during play.\n"
    )
    assert run(tmp_path, "lice.txt", page, ["FAQ005"]) == []


def test_intro_api_gives_the_text_and_its_places(tmp_path: Path) -> None:
    path = tmp_path / "shingles.md"
    path.write_text(INTRO_PAGE, encoding="utf-8")
    document = parse_file(str(path))
    intro = document.intro_entries()
    assert [e.answer[:20] for e in intro] == ["Content supplied by ", "The shingles vaccine"]
    assert all(e.question == "" and e not in document.entries for e in intro)
    second = intro[1]
    place = second.locate(second.answer.index("questions"))
    assert INTRO_PAGE.splitlines()[place.line - 1][place.column - 1 :].startswith("questions")


def test_leftover_notes_outside_the_questions_are_stray_text(tmp_path: Path) -> None:
    page = (
        "# Travel vaccines\n\n"
        "[Insert the travel clinic's booking link here]\n\n"
        "## Which vaccines do I need for travel?\n\n"
        "It depends on where you are going and on the vaccines you have had.\n\n"
        "# Costs\n\n"
        "TODO: check these prices with the finance team before we publish.\n\n"
        "## Do I have to pay for travel vaccines?\n\n"
        "Some travel vaccines are free and some are not.\n"
    )
    findings = run(tmp_path, "travel.md", page, ["FAQ005"])
    assert len(findings) == 2, findings
    assert "[Insert" in findings[0].message and "'TODO'" in findings[1].message


def test_section_introduction_is_not_stray_text(tmp_path: Path) -> None:
    page = (
        "# Travel vaccines\n\n"
        "## Which vaccines do I need for travel?\n\n"
        "It depends on where you are going.\n\n"
        "# Costs\n\n"
        "These questions are about what you pay for travel vaccines.\n\n"
        "## Do I have to pay for travel vaccines?\n\n"
        "Some travel vaccines are free and some are not.\n"
    )
    assert run(tmp_path, "travel.md", page, ["FAQ005"]) == []


# -- FAQ201: spelling --------------------------------------------------------------------

SLIPS = """\
Can I exercise while I have a cold?

Gentle exercise is fine. If you feel well enough, keep runing at an easy pace untill
you feel tired, and drink plenty of watter. Stop if you get a fever.
"""


def test_common_typing_slips_are_caught(tmp_path: Path) -> None:
    findings = run(tmp_path, "cold.txt", SLIPS, ["FAQ201"])
    got = {f.message.split("'")[1]: f.suggestions for f in findings}
    assert got == {"runing": ["running"], "untill": ["until"], "watter": ["water"]}


def test_near_miss_of_a_drug_gets_that_drug(tmp_path: Path) -> None:
    page = (
        "How is toxoplasmosis treated in pregnancy?\n\n"
        "Doctors may prescribe pyrimethamine together with sulfadizine and folinic acid.\n"
    )
    (finding,) = run(tmp_path, "toxo.txt", page, ["FAQ201"])
    assert finding.suggestions == ["sulfadiazine"]


def test_brands_and_medical_words_are_never_corrected_to_another_drug(tmp_path: Path) -> None:
    page = (
        "What helps with opioid withdrawal?\n\n"
        "Suboxone, a brand that combines two medicines, is used under a doctor's care; "
        "some people call it bupe or subs. Many clinics also prescribe suboxone film.\n\n"
        "Why does blood sugar matter?\n\n"
        "Good glycemic control lowers the risk of hypoglycemic episodes, and a "
        "normoglycemic reading is the goal. Endovenous laser treatment is for veins.\n"
    )
    findings = run(tmp_path, "withdrawal.txt", page, ["FAQ201"])
    flagged = words_flagged(findings)
    assert not flagged & {"suboxone", "glycemic", "hypoglycemic", "normoglycemic", "endovenous"}
    assert not any("sulfoxone" in f.suggestions or "glyceric" in f.suggestions for f in findings)


def test_drug_names_of_the_medicine_lexicon_are_not_misspellings(tmp_path: Path) -> None:
    accepted = set(read_word_file(str(REPO / "rules" / "words" / "drug-words.txt")))
    medicines = sorted(
        w
        for w in tokens_of(read_word_file(str(REPO / "rules" / "medical" / "medicines.txt")))
        if w in accepted and w.isalpha() and len(w) >= 5
    )
    sample = medicines[::97]  # a spread of generic and brand names, A to Z
    assert len(sample) > 100
    sentences = " ".join(f"Ask about {name} at the clinic." for name in sample)
    page = f"Which medicines does the clinic stock?\n\n{sentences}\n"
    assert words_flagged(run(tmp_path, "stock.txt", page, ["FAQ201"])) == set()


def test_foreign_titles_names_species_and_respellings_are_not_misspellings(tmp_path: Path) -> None:
    page = (
        "Where can I find more help?\n\n"
        'Read our leaflet "Sexo en los tiempos del COVID-19" or call the county nurse.\n'
        "Contact: Iredia Osadolor, outreach nurse.\n\n"
        "What causes food poisoning from chicken?\n\n"
        "Often the germ Campylobacter jejuni. Turcot syndrome is not related.\n"
        "Siegel JD, Rhinehart E. Guideline for isolation precautions. 2007.\n\n"
        "How do you say it?\n\n"
        "Say it [sal\u2212muh\u2212nel\u2212uh] or (sal-muh-NEL-oh-sis).\n"
    )
    assert words_flagged(run(tmp_path, "help.txt", page, ["FAQ201"])) == set()
    # ... while a typo in an ordinary bracketed compound is still found
    typo = page + "\nIs it catching?\n\nIt spreads (person-to-persn) by touch.\n"
    assert words_flagged(run(tmp_path, "help2.txt", typo, ["FAQ201"])) == {"persn"}


# -- FAQ204: once per page, with its count ------------------------------------------------


def test_variant_is_reported_once_per_page_with_its_count(tmp_path: Path) -> None:
    page = (
        "# Toddler behaviour\n\n"
        "Behaviour changes are normal in toddlers.\n\n"
        "## Is my toddler's behaviour normal?\n\n"
        "Most challenging behaviour is a normal part of growing up.\n\n"
        "## When should I worry about behaviour?\n\n"
        "Talk to your health visitor if the behaviour worries you, or about the colour "
        "of a rash.\n"
    )
    findings = run(tmp_path, "toddler.md", page, ["FAQ204"])
    by_word = {f.message.split("'")[1].lower(): f for f in findings}
    assert sorted(by_word) == ["behaviour", "colour"], findings
    first = by_word["behaviour"]
    assert "used 5 times on this page" in first.message
    assert first.line == 3 and first.entry_id is None  # first use: the intro
    assert "times" not in by_word["colour"].message
