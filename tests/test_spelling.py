"""Spelling rules FAQ201-FAQ204 on real health text (the seed page, MedQuAD defects)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, default_lexicon, shared_path

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.text.spelling import Lexicon, find_issues

SPELLING = ["FAQ201", "FAQ202", "FAQ203", "FAQ204"]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def issues(lexicon: Lexicon, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(i.kind, i.word, i.suggestions) for i in find_issues(text, lexicon)]


def run(tmp_path: Path, answer: str, **config: object) -> list[Finding]:
    page = tmp_path / "page.txt"
    page.write_text(f"What should I know?\n\n{answer}\n", encoding="utf-8")
    cfg = Config(paths=[str(tmp_path)], cache=False, **config)  # type: ignore[arg-type]
    cfg.root = str(tmp_path)
    return lint([str(page)], cfg, select=SPELLING).findings


def test_seed_page_has_no_spelling_finding() -> None:
    cfg = Config(paths=[str(SEED.parent)], cache=False)
    assert lint([str(SEED)], cfg, select=SPELLING).findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Medications like cyclobenzaprine, tamsulosin, omeprazole and naproxen may help.",
        "Botulinum toxin (botox) can relieve sciatic nerve compression (10).",
        "Plantar fasciitis doesn’t respond to self-massage; anti-inflammatory drugs can.",
        "The NIH and CDC say to take 200 mg twice a day, e.g. with food, for 2-3 weeks.",
        "See https://www.ninds.nih.gov/health-information or write to info@example.org.",
        "Dr. Okonkwo at Hillcrest Clinic treats Wolman disease and Graves disease.",
        "Colonoscopy and echocardiography are tests; the viremic phase is short.",
        "Pronounced (HEE-muh-glow-bin), it carries oxygen; the patients' doctor's notes.",
        "A protein called cubilin works in the kidney.",
    ],
)
def test_correct_health_text_passes(lexicon: Lexicon, text: str) -> None:
    assert issues(lexicon, text) == []


def test_medquad_defects(lexicon: Lexicon) -> None:
    text = (
        "The bodys cells need insulin, but the pancreas doesnt make enough. Other "
        "symptomsthe doctor checks include a fast pulse. Ask about options.The team can "
        "help. Bells palsy and Parkinsons disease are different."
    )
    found = issues(lexicon, text)
    assert ("apostrophe", "bodys", ("body's",)) in found
    assert ("apostrophe", "doesnt", ("doesn't",)) in found
    assert ("run-on", "symptomsthe", ("symptoms the",)) in found
    assert ("run-on", "options.The", ("options. The",)) in found
    assert ("apostrophe", "Bells", ("Bell's",)) in found
    assert ("apostrophe", "Parkinsons", ("Parkinson's",)) in found
    assert len(found) == 6


def test_suggestions_edit_distance_one_and_drug_names(lexicon: Lexicon) -> None:
    assert issues(lexicon, "Take ibuprofin with food.") == [
        ("misspelling", "ibuprofin", ("ibuprofen",))
    ]
    # two letters away: no edit-distance-1 word, the closest drug name instead
    assert issues(lexicon, "Take ibuprophen with food.") == [
        ("misspelling", "ibuprophen", ("ibuprofen",))
    ]
    assert issues(lexicon, "Your doctor will recieve the results.")[0][2][0] == "receive"


def test_pronoun_context_for_cant(lexicon: Lexicon) -> None:
    assert issues(lexicon, "If you cant sleep, rest.") == [("apostrophe", "cant", ("can't",))]
    assert issues(lexicon, "The cant of the table.") == []


def test_locale_us_and_uk(tmp_path: Path) -> None:
    text = "A paediatric nurse watches the child's behaviour and behavior."
    us = run(tmp_path, text)
    assert sorted(f.message.split("'")[1] for f in us) == ["behaviour", "paediatric"]
    assert all(f.rule == "FAQ204" for f in us)
    uk = run(tmp_path, text, locale="en-GB")
    assert [(f.message.split("'")[1], f.suggestions) for f in uk] == [("behavior", ["behaviour"])]
    assert "en-GB" in uk[0].message


def test_project_word_list_and_extra_words(tmp_path: Path) -> None:
    text = "Ask about Zorvexa and the Hillcrest wellness app. Try pirifomis stretches."
    assert [f.message.split("'")[1] for f in run(tmp_path, text)] == ["pirifomis"]
    (tmp_path / "words.txt").write_text("# our words\npirifomis\n", encoding="utf-8")
    assert run(tmp_path, text, words=["words.txt"]) == []
    options = {"FAQ201": {"extra-words": ["pirifomis"]}}
    assert run(tmp_path, text, rules=options) == []


def test_report_unknown_option(tmp_path: Path) -> None:
    text = "Some people take qwzxplorin every day."
    assert run(tmp_path, text) == []
    found = run(tmp_path, text, rules={"FAQ201": {"report-unknown": True}})
    assert [f.message.split("'")[1] for f in found] == ["qwzxplorin"]


def test_finding_positions_point_into_the_file(tmp_path: Path) -> None:
    found = run(tmp_path, "It works.\nTake ibuprofin daily.")
    assert [(f.line, f.column, f.end_column, f.suggestions) for f in found] == [
        (4, 6, 15, ["ibuprofen"])
    ]


def test_medquad_page_real_defects() -> None:
    page = shared_path(
        "corpora", "medquad", "pages", "txt", "niddk-0000182-autoimmune-hepatitis.txt"
    )
    cfg = Config(paths=[str(page.parent)], cache=False)
    words = {f.message.split("'")[1] for f in lint([str(page)], cfg, select=SPELLING).findings}
    assert {"chronicor", "lastingdisease", "pathologista"} <= words


def test_bad_word_files_give_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00garbage")
    options = {
        "FAQ201": {"dictionaries": [str(tmp_path / "missing.txt"), str(tmp_path / "bin.txt")]}
    }
    found = run(tmp_path, "Take ibuprofin.", rules=options)
    assert [f.rule for f in found] == ["FAQ201"]
