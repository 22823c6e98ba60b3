"""Uncited medication claims (FAQ301), citation recognition and references (FAQ302, FAQ303)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

from faq_lint import lint
from faq_lint.cli import main
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.rulepack import default_pack_dir
from faq_lint.text.citations import STYLES, expand_markers, load_finder, marker_key

MEDICAL = FIXTURES / "medical"
SOURCES = default_pack_dir() / "medical" / "citation-sources.yaml"
FASTEST = "What is the fastest way to fix piriformis syndrome?"
RELAXER = "What is the best muscle relaxer for piriformis syndrome?"


def run(
    path: Path | str, codes: list[str], options: dict[str, dict[str, object]] | None = None
) -> list[Finding]:
    config = Config(paths=[str(path)], rules=options or {})
    config.root = str(Path(path).parent)
    return lint([str(path)], config, select=codes).findings


def page(tmp_path: Path, text: str, name: str = "page.txt") -> Path:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    return target


def claims_in(tmp_path: Path, answer: str, **options: object) -> list[Finding]:
    path = page(tmp_path, f"What does it do?\n\n{answer}\n")
    return run(path, ["FAQ301"], {"FAQ301": dict(options)} if options else None)


# --- the seed page, end to end ------------------------------------------------


def test_seed_page_citation_reference_and_disclaimer_findings() -> None:
    findings = run(SEED, ["FAQ301", "FAQ302", "FAQ401"])
    citation = [f for f in findings if f.category == "citation"]
    assert [f.question for f in citation] == [FASTEST]
    only = citation[0]
    assert only.rule == "FAQ301" and only.name == "uncited-medication-claim"
    assert only.severity == "warning"
    assert only.message == (
        "Medication claim without a citation: "
        "'pain relievers, muscle relaxants, and anti-inflammatory drugs'"
    )
    assert only.suggestions == ["Cite a source for this claim, e.g. (12)"]
    line = SEED.read_text(encoding="utf-8").split("\n")[only.line - 1]
    assert line[only.column - 1 :].startswith("While medications, such as pain relievers")
    assert not any(f.question == RELAXER for f in citation)

    references = [f for f in findings if f.category == "reference"]
    assert [(f.rule, f.severity, f.question) for f in references] == [
        ("FAQ302", "error", RELAXER),
        ("FAQ302", "error", RELAXER),
    ]
    assert "(10)" in references[0].message and "(11)" in references[1].message
    for finding in references:
        line = SEED.read_text(encoding="utf-8").split("\n")[finding.line - 1]
        assert line[finding.column - 1 :].startswith(("(10)", "(11)"))

    disclaimer = [f for f in findings if f.category == "disclaimer"]
    assert len(disclaimer) == 1 and disclaimer[0].question is None


def test_seed_page_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [str(SEED), "--format", "json", "--select", "FAQ301,FAQ302,FAQ401", "--no-baseline"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["summary"]["by_category"] == {"disclaimer": 1, "citation": 1, "reference": 2}
    citation = next(f for f in report["findings"] if f["rule"] == "FAQ301")
    assert citation["entry_id"] == "what-is-the-fastest-way-to-fix-piriformis-syndrome"
    assert citation["category"] == "citation"


# --- what FAQ301 catches -------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "named"),
    [
        ("Ibuprofen relieves pain and swelling.", "Ibuprofen"),
        ("Cyclobenzaprine relaxes tight muscles for a few days.", "Cyclobenzaprine"),
        ("Omeprazole reduces the amount of acid your stomach makes.", "Omeprazole"),
        ("Botox can relieve sciatic nerve compression.", "Botox"),
        ("Muscle relaxants ease spasm.", "Muscle relaxants"),
        ("Painkillers such as paracetamol can ease a headache.", "Painkillers"),
        ("Anti-inflammatory drugs lower swelling.", "Anti-inflammatory drugs"),
        ("Antihistamines relieve itching.", "Antihistamines"),
        ("Steroid injections may help for a few months.", "Steroid injections"),
        ("Proton pump inhibitors heal the lining of the gullet.", "Proton pump inhibitors"),
        ("Sleeping pills are not safe for more than a few weeks.", "Sleeping pills"),
        ("Take 400 mg twice a day of ibuprofen.", "ibuprofen"),
        ("Iron tablets can treat anemia.", "Iron tablets"),
        ("Statins can cause side effects such as muscle aches.", "Statins"),
    ],
)
def test_claims_are_found(tmp_path: Path, answer: str, named: str) -> None:
    findings = claims_in(tmp_path, answer)
    assert len(findings) == 1, answer
    assert named in findings[0].message


def test_message_names_the_medicines_and_points_at_the_sentence(tmp_path: Path) -> None:
    path = page(tmp_path, "What helps?\n\nRest first. Ibuprofen and naproxen relieve back pain.\n")
    (finding,) = run(path, ["FAQ301"])
    assert finding.message == ("Medication claim without a citation: 'Ibuprofen and naproxen'")
    assert (finding.line, finding.column) == (3, 13)
    assert finding.end_column == 13 + len("Ibuprofen and naproxen relieve back pain.")


def test_real_medlineplus_answer(tmp_path: Path) -> None:
    findings = run(MEDICAL / "chickenpox.txt", ["FAQ301"])
    quotes = [f.message.split(": ", 1)[1] for f in findings]
    assert quotes == [
        "'Acetaminophen can treat'",
        "'vaccine can help prevent'",
    ]
    # "Do not use aspirin for chickenpox; that combination can cause Reye syndrome" is a
    # warning to the reader (issue 15), not a claim that needs a source.
    assert all("aspirin" not in f.message for f in findings)
    # The oatmeal bath and calamine lotion sentence is not a medication claim.
    assert all("Calamine" not in f.message for f in findings)


# --- what FAQ301 leaves alone -------------------------------------------------


def test_must_not_fire_page() -> None:
    assert run(MEDICAL / "no-claims.txt", ["FAQ301"]) == []


@pytest.mark.parametrize(
    "answer",
    [
        "Bring a list of your medicines to your appointment.",
        "Bring a list of your medicines, including aspirin, to your visit.",
        "Massage, stretching and rest can relieve the pain.",
        "A healthy diet helps you recover.",
        "Coffee can help you feel alert in the morning.",
        "Alcohol can make the pain worse.",
        "Drink plenty of water every day.",
        "Your body needs iron to make blood.",
        "The pancreas makes insulin to lower blood sugar.",
        "Does ibuprofen help back pain?",
        "Ask your doctor if you need to take aspirin every day to prevent a heart attack.",
        "Lie on your back and pull your knee to your chest to relieve the pain.",
    ],
)
def test_no_claim(tmp_path: Path, answer: str) -> None:
    assert claims_in(tmp_path, answer) == []


@pytest.mark.parametrize(
    "cited",
    [
        "Ibuprofen relieves back pain (4).",
        "Ibuprofen relieves back pain [4].",
        "Ibuprofen relieves back pain [1-3].",
        "Ibuprofen relieves back pain.² It works within an hour.",
        "Ibuprofen relieves back pain[^2].",
        "Ibuprofen relieves back pain (Smith et al., 2020).",
        "Ibuprofen relieves back pain, as Smith and Jones (2018) showed.",
        "Ibuprofen relieves back pain: https://www.nhs.uk/medicines/ibuprofen-for-adults/",
        "Ibuprofen relieves back pain, see [the NHS page](https://www.nhs.uk/medicines/).",
        "Ibuprofen relieves back pain (doi:10.1002/14651858.CD012087).",
        "Ibuprofen relieves back pain (PMID: 28625277).",
        "According to the NHS, ibuprofen relieves back pain.",
        "NICE recommends ibuprofen for back pain.",
        "A 2017 Cochrane review found that ibuprofen relieves back pain.",
        "Ibuprofen relieves back pain. This is what a 2017 Cochrane review found.",
        "Ibuprofen relieves back pain. The American College of Physicians recommends it.",
    ],
)
def test_cited_claims_pass(tmp_path: Path, cited: str) -> None:
    assert claims_in(tmp_path, cited) == []


def test_citation_two_sentences_later_is_too_far(tmp_path: Path) -> None:
    answer = "Ibuprofen relieves back pain. Take it with food. It is cheap (4)."
    assert len(claims_in(tmp_path, answer)) == 1
    assert claims_in(tmp_path, answer, **{"next-sentences": 2}) == []


def test_citation_styles_option(tmp_path: Path) -> None:
    answer = "Ibuprofen relieves back pain (4)."
    assert claims_in(tmp_path, answer) == []
    assert len(claims_in(tmp_path, answer, **{"citation-styles": ["url", "doi"]})) == 1


def test_extra_organisations_option(tmp_path: Path) -> None:
    answer = "Ibuprofen relieves back pain, the Acme Spine Team says."
    assert len(claims_in(tmp_path, answer)) == 1
    assert claims_in(tmp_path, answer, **{"extra-organisations": ["Acme Spine Team"]}) == []
    # "according to" a named source is an attribution whatever its name (issue 15); the
    # page's own team is not
    assert (
        claims_in(tmp_path, "Ibuprofen relieves back pain, according to the Acme Spine Team.") == []
    )
    assert (
        len(claims_in(tmp_path, "Ibuprofen relieves back pain, according to our spine team.")) == 1
    )


def test_count_generic_option(tmp_path: Path) -> None:
    # Since issue 15 a claim is found by what the sentence says: a claim about medicines
    # in general is a claim whatever count-generic says (the option is kept for old configs).
    answer = "Medicines can relieve the pain."
    assert len(claims_in(tmp_path, answer)) == 1
    assert len(claims_in(tmp_path, answer, **{"count-generic": True})) == 1
    assert claims_in(tmp_path, "Bring your medicines to the clinic.") == []


def test_suggestion_follows_the_page_marker_style(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "Does it help?\n\nRest helps [1]. Ibuprofen relieves back pain.\n\n"
        "References\n\n1. Smith J. Rest. BMJ. 2020.\n",
    )
    (finding,) = run(path, ["FAQ301"])
    assert finding.suggestions == ["Cite a source for this claim, e.g. [2]"]


def test_service_number_is_no_citation_and_no_marker_style(tmp_path: Path) -> None:
    """An emergency number in brackets is no broken reference and sets no marker style."""
    path = page(
        tmp_path,
        "How do I use the nasal spray?\n\nSpray one dose into one nostril. It is vital to "
        "call for help (911) straight away.\n\nIs the spray safe?\n\nThe spray is safe "
        "for children and adults.\n\nWho can I call?\n\nCall our line on (877) 555-0142 "
        "(toll free), or dial (999) from the UK.\n",
    )
    findings = run(path, ["FAQ301", "FAQ302"])
    assert [f.rule for f in findings] == ["FAQ301"]
    assert findings[0].suggestions == ["Cite a source for this claim, e.g. (1)"]
    # a bracketed number placed as a citation still counts
    path.write_text(path.read_text("utf-8").replace("and adults.", "and adults (4)."), "utf-8")
    assert [f.rule for f in run(path, ["FAQ301", "FAQ302"])] == ["FAQ302"]


def test_bad_data_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = page(tmp_path, "What helps?\n\nIbuprofen relieves back pain.\n")
    (tmp_path / "terms.yaml").write_text("terms: [unclosed\n", encoding="utf-8")
    (tmp_path / "faq-lint.toml").write_text(
        '[rules.FAQ301]\nterms-file = "terms.yaml"\n', encoding="utf-8"
    )
    code = main([str(path), "--config", str(tmp_path / "faq-lint.toml"), "--select", "FAQ301"])
    err = capsys.readouterr().err
    assert code == 2
    assert "terms.yaml" in err and "FAQ301" in err and "Traceback" not in err


# --- citation recognition -------------------------------------------------------


@pytest.fixture(scope="module")
def finder():  # type: ignore[no-untyped-def]
    return load_finder(STYLES, SOURCES)


@pytest.mark.parametrize(
    ("text", "style", "markers"),
    [
        ("used to treat piriformis syndrome (10).", "numeric", ("10",)),
        ("as shown before (1, 4).", "numeric", ("1", "4")),
        ("as shown before [1-3].", "bracket", ("1", "2", "3")),
        ("as shown in a trial¹².", "superscript", ("12",)),
        ("as shown in a trial<sup>7</sup>.", "superscript", ("7",)),
        ("as shown in a trial[^4].", "footnote", ("4",)),
    ],
)
def test_markers(finder, text: str, style: str, markers: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    (citation,) = finder.markers(text)
    assert (citation.style, citation.markers) == (style, markers)


@pytest.mark.parametrize(
    "text",
    [
        "(2) Rest the leg for a day.",
        "Steps:\n(1) Rest the leg.\n(2) Use ice.",
        "It takes three steps: (1) rest, (2) ice and (3) gentle stretching.",
        "Acute lymphoblastic leukemia (ALL) is rare in adults.",
        "A study in (2020) looked at it.",
        "Take it (0) times.",
        "See [the NHS page][1] for more.",
        "[3]: https://www.nhs.uk/",
        "It is so important to call for help (911) right away.",
        "If you cannot wake them, dial (999) and stay with them.",
        "Feeling hopeless? Call or text (988) at any time.",
        "Ring the NHS on (111) if you are unsure.",
        "In an emergency (112) works from any phone in Europe.",
        "Our helpline is open weekdays: (800) 555-0199 (voice).",
    ],
)
def test_not_markers(finder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert finder.markers(text) == []


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("It helps (Smith et al., 2020).", "author-year"),
        ("It helps (NICE 2019).", "author-year"),
        (
            "Altomare G, Capella GL, Fracchiolla C. Adapalene in Dowling-Degos disease.",
            "author-year",
        ),
        ("See www.cdc.gov/shingles for more.", "url"),
        ("doi: 10.1056/NEJMoa2034577", "doi"),
        ("PMC7029158", "pmid"),
        ("According to the World Health Organization, it works.", "attribution"),
        ("The American Academy of Pediatrics recommends it.", "attribution"),
        ("Aspirin helps.    NIH: National Heart, Lung, and Blood Institute", "attribution"),
        ("Source: MedlinePlus, 2024", "attribution"),
    ],
)
def test_other_citations(finder, text: str, style: str) -> None:  # type: ignore[no-untyped-def]
    assert style in {c.style for c in finder.find(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The who and the nice people at the clinic.",
        "The CDC website has a map of cases.",
        "Call 911 (or 999 in the UK).",
        "Take 2 tablets (400 mg) twice a day.",
    ],
)
def test_not_citations(finder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert finder.find(text) == []


def test_marker_helpers() -> None:
    assert expand_markers("1-3, 5") == ("1", "2", "3", "5")
    assert expand_markers("²⁻⁴") == ("2", "3", "4")
    assert [marker_key(m) for m in ("[3]", "(3)", "3.", "³", "[^3]")] == ["3"] * 5
    assert marker_key("Smith 2020") == "smith 2020"


# --- references -----------------------------------------------------------------


def test_markdown_page_with_references() -> None:
    findings = run(MEDICAL / "back-pain.md", ["FAQ301", "FAQ302", "FAQ303"])
    assert [(f.rule, f.line) for f in findings] == [("FAQ303", 26)]
    assert findings[0].message.startswith("Reference 4 is listed but no answer cites it")
    assert findings[0].severity == "info"


def test_yaml_page_with_references() -> None:
    findings = run(MEDICAL / "gout.yaml", ["FAQ301", "FAQ302", "FAQ303"])
    assert [(f.rule, f.severity) for f in findings] == [("FAQ302", "error")]
    assert findings[0].message == (
        "Citation [2] points at no listed reference (the page lists reference 1)"
    )


def test_trailing_numbered_list_in_text(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "Does it help?\n\nIbuprofen relieves back pain (1). Rest helps (3).\n\n"
        "1. Smith J. Back pain. BMJ. 2020.\n2. Jones K. Rest. Lancet. 2019.\n",
    )
    findings = run(path, ["FAQ302", "FAQ303"])
    assert sorted((f.rule, f.message.split(" ")[1]) for f in findings) == [
        ("FAQ302", "(3)"),
        ("FAQ303", "2"),
    ]


def test_list_numbering_and_years_are_not_broken_references(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "What should I do?\n\n(1) Rest the leg.\n(2) Use an ice pack.\n"
        "Acute lymphoblastic leukemia (ALL) is rare. A 2020 study (2020) agreed.\n",
    )
    assert run(path, ["FAQ302"]) == []


def test_unused_reference_needs_a_reference_list(tmp_path: Path) -> None:
    path = page(tmp_path, "Does it help?\n\nRest helps.\n")
    assert run(path, ["FAQ303"]) == []


# --- number ranges in parentheses (issue 14, item 9) ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is most common in adults aged (40-60) and in people who lift heavy loads.",
        "Most people feel better in (3-5) days.",
        "Take the tablets (2–3 times a day) with food.",
        "Recovery takes (6-8) weeks for most people, and up to (10-12) weeks for some.",
        "Children (5–12 years) need a smaller dose.",
        "A normal level is (70-100) when you have not eaten.",
    ],
)
def test_number_ranges_are_not_markers(finder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert finder.markers(text) == []


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Exercise eases back pain (1-3).", [("1", "2", "3")]),
        ("As shown in trials (2–4), exercise helps.", [("2", "3", "4")]),
        ("It eases pain (1-3) and stiffness (4).", [("1", "2", "3"), ("4",)]),
        ("Walking helps (1).", [("1",)]),
        ("Studies found this [2,4].", [("2", "4")]),
        ("Stretching helps [5-7] in most adults.", [("5", "6", "7")]),
    ],
)
def test_real_numeric_citations_still_count(
    finder, text: str, markers: list[tuple[str, ...]]
) -> None:  # type: ignore[no-untyped-def]
    assert [c.markers for c in finder.markers(text)] == markers


def test_number_ranges_give_no_unknown_reference_errors(tmp_path: Path) -> None:
    page = tmp_path / "back-pain.md"
    page.write_text(
        "# Back pain\n\n## Who gets it?\n\nIt is most common in adults aged (40-60).\n\n"
        "## How long does it last?\n\nMost people feel better in (3-5) days, and exercise "
        "speeds recovery (1-2).\n\n## References\n\n1. Smith J. Back pain. 2020.\n"
        "2. Jones K. Exercise. 2021.\n",
        encoding="utf-8",
    )
    codes = [f.rule for f in lint([str(page)], Config(cache=False)).findings]
    assert "FAQ302" not in codes and "FAQ303" not in codes
    page.write_text(page.read_text("utf-8").replace("(1-2)", "(1-3)"), encoding="utf-8")
    unknown = [f for f in lint([str(page)], Config(cache=False)).findings if f.rule == "FAQ302"]
    assert [f.message.split()[1] for f in unknown] == ["3"]
