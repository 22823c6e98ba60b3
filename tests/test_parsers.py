"""Every parser on real pages (MedQuAD, COVID FAQ records) and on clinic-style pages.

Positions are checked against the file itself: the text at each reported line and
column must really start with the question or the answer stretch it stands for.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from position_check import position_errors

from faq_lint.models import Document
from faq_lint.parsers import parse_file, parse_text_as
from faq_lint.reading import ParseError, read_source

PARSERS = FIXTURES / "parsers"
MEDQUAD = PARSERS / "medquad"


def _index() -> dict[str, int]:
    with open(MEDQUAD / "index.tsv", encoding="utf-8") as handle:
        return {row["page"]: int(row["pairs"]) for row in csv.DictReader(handle, delimiter="\t")}


def _parse(path: Path) -> tuple[Document, str]:
    document = parse_file(str(path))
    return document, read_source(str(path)).text


def _at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1 :]


# --- real pages: counts and positions -----------------------------------------

MEDQUAD_PAGES = sorted(p for p in MEDQUAD.glob("*/*.*") if p.suffix in (".txt", ".md", ".yaml"))


@pytest.mark.parametrize("path", MEDQUAD_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_medquad_page_entry_count_and_positions(path: Path) -> None:
    document, text = _parse(path)
    assert not document.problems
    assert len(document.entries) == _index()[path.stem]
    assert not document.stray_text
    assert position_errors(document, text) == []


def test_the_three_renderings_of_a_page_agree() -> None:
    for page in _index():
        txt = parse_file(str(MEDQUAD / "txt" / f"{page}.txt"))
        for fmt in ("md", "yaml"):
            other_path = MEDQUAD / fmt / f"{page}.{fmt}"
            if not other_path.exists():
                continue
            other = parse_file(str(other_path))
            assert [e.question for e in other.entries] == [e.question for e in txt.entries]
            for a, b in zip(other.entries, txt.entries, strict=True):
                assert a.answer.split() == b.answer.split(), (page, fmt, a.question)


def test_seed_page_has_nine_entries_with_the_subheading_inside_the_last_answer() -> None:
    document, text = _parse(SEED)
    assert len(document.entries) == 9
    last = document.entries[-1]
    assert last.question == "How do you calm down piriformis syndrome?"
    assert last.paragraphs[0] == "Massage therapy"
    assert last.answer.startswith("Massage therapy\n\nA massage relaxes")
    assert document.title is None and not document.stray_text
    assert position_errors(document, text) == []
    assert last.question_position.line == 33
    assert last.locate(last.answer.index("A massage")).line == 37


def test_text_questions_listed_inside_an_answer_are_not_entries() -> None:
    document = parse_file(str(MEDQUAD / "txt" / "nhlbi-0000063-heart-palpitations.txt"))
    questions = [e.question for e in document.entries]
    assert len(questions) == 7
    assert "When did they begin?" not in questions
    diagnose = next(e for e in document.entries if e.question.startswith("How to diagnose"))
    assert "When did they begin?" in diagnose.answer
    assert "Have unusual sweating" not in questions


def test_text_question_without_question_mark() -> None:
    document = parse_file(str(MEDQUAD / "txt" / "mplus_health_topics-0000007-acupuncture.txt"))
    assert [e.question for e in document.entries] == ["Do you have information about Acupuncture"]
    assert document.entries[0].answer.startswith("Summary : Acupuncture")


def test_text_restated_questions_stay_in_answers() -> None:
    path = MEDQUAD / "txt" / "seniorhealth-0000045-medicare-and-continuing-care.txt"
    document, text = _parse(path)
    assert len(document.entries) == 15
    assert any("questions to ask" in e.answer for e in document.entries)


# --- JSON Lines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "count", "empty"),
    [
        ("covid/covid-jhu-sample.jsonl", 8, 2),
        ("covid/covid-deepset-sample.jsonl", 4, 0),
        ("medquad/medquad-sample.jsonl", 6, 2),
    ],
)
def test_jsonl_records(name: str, count: int, empty: int) -> None:
    document, text = _parse(PARSERS / name)
    assert document.format == "jsonl"
    assert len(document.entries) == count
    assert sum(1 for e in document.entries if not e.answer) == empty
    assert position_errors(document, text) == []
    for number, entry in enumerate(document.entries, start=1):
        assert entry.question_position.line == number
        assert entry.metadata["id"] == entry.id
        assert "source_url" in entry.metadata


def test_jsonl_answer_lines_point_into_the_record_line() -> None:
    document, text = _parse(PARSERS / "medquad" / "medquad-sample.jsonl")
    entry = document.entries[0]
    assert entry.answer.startswith("Key Points\n- Adult acute")
    # "Key Points" and the line after the \n escape sit on line 1, one after the other.
    first = entry.locate(0)
    second = entry.locate(entry.answer.index("- Adult"))
    assert first.line == second.line == 1
    assert _at(text, first.line, first.column).startswith("Key Points\\n- Adult")
    assert _at(text, second.line, second.column).startswith("- Adult acute")


def test_jsonl_keeps_question_as_written() -> None:
    document = parse_file(str(PARSERS / "covid" / "covid-jhu-sample.jsonl"))
    assert document.entries[0].question == "Q. Is hand sanitizer effective against COVID-19?"
    assert (
        "don\u00e2\x80\x99t" in document.entries[5].question
    )  # mojibake kept for the linter to see


# --- YAML -----------------------------------------------------------------------


def test_yaml_page_with_metadata() -> None:
    document, text = _parse(PARSERS / "asthma-inhalers.yaml")
    assert document.title == "Asthma inhalers"
    assert document.reviewed == "2024-06-30"
    assert document.owner == "Respiratory nursing team"
    assert document.disclaimer == (
        "This information does not replace the advice of your doctor or asthma nurse."
    )
    assert [r.marker for r in document.references] == ["(1)", "(2)"]
    assert document.references[1].text.startswith("National Heart, Lung")
    assert len(document.entries) == 3
    first = document.entries[0]
    assert first.metadata == {"lint-ignore": ["FAQ101"]}
    assert first.paragraphs[0].startswith("A reliever inhaler")
    assert first.paragraphs[1].endswith("even when you feel well.")
    assert [c.text for c in first.comments] == ["faq-lint: ignore FAQ301"]
    assert document.entries[2].question == "What should I do if my reliever doesn't help?"
    assert position_errors(document, text) == []


def test_yaml_block_scalar_lines_map_to_their_own_file_lines() -> None:
    document, text = _parse(PARSERS / "asthma-inhalers.yaml")
    entry = document.entries[0]
    for sentence in ("A reliever inhaler", "A preventer inhaler", "Use it every day"):
        position = entry.locate(entry.answer.index(sentence))
        assert _at(text, position.line, position.column).startswith(sentence)
    lines = {entry.locate(entry.answer.index(s)).line for s in ("A reliever", "A preventer")}
    assert len(lines) == 2


YAML_STYLES = """\
- question: Plain
    question over two lines?
  answer: plain answer
    continues here

    and a paragraph
- question: "Double \\"quoted\\"?"
  answer: "Line one.\\nLine two with \\u00e9 and a\\
    \\ joined line.
    Folded."
- question: 'Single?'
  answer: 'It''s fine,
    really.'
- question: Folded?
  answer: >
    Folded text
    on two lines.

    New paragraph.
- question: Literal?
  answer: |+
    Keep
      indented

- question: Nothing?
  answer:
- question: No?
  answer: No
"""


def test_yaml_scalar_styles_decode_like_safe_load_and_point_into_the_file() -> None:
    import yaml

    document = parse_text_as(YAML_STYLES, "styles.yaml")
    loaded = yaml.safe_load(YAML_STYLES)
    assert [e.question for e in document.entries] == [
        " ".join(item["question"].split()) for item in loaded
    ]
    for entry, item in zip(document.entries, loaded, strict=True):
        expected = "" if item["answer"] is None else str(item["answer"])
        if expected in ("False",):
            expected = "No"  # the text as written, not YAML 1.1's boolean
        assert entry.answer.split() == expected.split(), entry.question
    assert position_errors(document, YAML_STYLES) == []
    plain = document.entries[0]
    assert plain.paragraphs == ["plain answer continues here", "and a paragraph"]
    assert plain.locate(plain.answer.index("and a")).line == 6
    double = document.entries[1]
    assert double.locate(double.answer.index("Line two")).line == 8
    assert double.locate(double.answer.index("Folded.")).line == 10
    assert document.entries[3].paragraphs == ["Folded text on two lines.", "New paragraph."]
    assert document.entries[5].answer == ""
    assert document.entries[6].answer == "No"


def test_yaml_uses_safe_loading() -> None:
    text = "- question: Safe?\n  answer: !!python/object/apply:os.system ['true']\n"
    with pytest.raises(ParseError) as caught:
        parse_text_as(text, "x.yaml")
    assert caught.value.line == 2


# --- JSON and JSON-LD -----------------------------------------------------------


def test_json_mapping_with_metadata_and_entry_keys() -> None:
    document, text = _parse(PARSERS / "sleep-hygiene.json")
    assert document.format == "json"
    assert document.title == "Sleep and insomnia: questions we hear often"
    assert document.reviewed == "2024-11-04"
    assert document.owner == "Sleep clinic education team"
    assert document.disclaimer is not None and "does not replace" in document.disclaimer
    assert [(r.marker, r.line) for r in document.references] == [("[1]", 7), ("2", 8)]
    assert len(document.entries) == 3
    assert document.entries[0].metadata == {"tags": ["sleep", "adults"]}
    assert document.entries[1].metadata == {"lint-ignore": ["FAQ101"]}
    assert document.entries[1].paragraphs[1].startswith("Try to put your phone away")
    assert position_errors(document, text) == []
    entry = document.entries[0]
    position = entry.locate(entry.answer.index("Older adults"))
    assert position.line == 13
    assert _at(text, position.line, position.column).startswith("Older adults")


def test_json_ld_faq_page() -> None:
    document, text = _parse(PARSERS / "flu-vaccine.jsonld")
    assert document.format == "jsonld"
    assert document.title == "Flu vaccine: common questions"
    assert document.reviewed == "2024-09-12"
    assert document.owner == "Riverside Community Clinic nursing team"
    assert [e.question for e in document.entries] == [
        "Who should get a flu vaccine?",
        "Can the flu vaccine give me the flu?",
        "When should I get vaccinated?",
    ]
    who, shot, when = document.entries
    assert who.paragraphs[0] == "Everyone 6 months and older should get a flu vaccine every season."
    assert "adults 65 and older\npregnant people" in who.answer
    assert "<" not in who.answer and "&mdash;" not in shot.answer
    assert "protection — not the flu" in shot.answer
    assert when.answer.endswith("see CDC flu information.")
    assert position_errors(document, text) == []
    position = shot.locate(shot.answer.index("You may have"))
    assert _at(text, position.line, position.column).startswith("You may have a sore arm")


def test_json_ld_in_a_json_file_and_in_a_list() -> None:
    page = (PARSERS / "flu-vaccine.jsonld").read_text(encoding="utf-8")
    as_json = parse_text_as(page, "flu.json")
    assert as_json.format == "jsonld" and len(as_json.entries) == 3
    listed = parse_text_as(
        '[{"@type": "WebSite", "name": "x"}, {"@context": "https://schema.org", '
        '"@type": "FAQPage", "mainEntity": {"@type": "Question", "name": "Is it safe?", '
        '"acceptedAnswer": {"@type": "Answer", "text": "Yes &amp; no."}}}]',
        "page.json",
    )
    assert [(e.question, e.answer) for e in listed.entries] == [("Is it safe?", "Yes & no.")]


def test_json_string_escapes_keep_positions() -> None:
    text = '[{"question": "Caf\\u00e9 \\"latte\\"?", "answer": "One.\\n\\nTwo \\t three."}]'
    document = parse_text_as(text, "x.json")
    entry = document.entries[0]
    assert entry.question == 'Café "latte"?'
    assert entry.paragraphs == ["One.", "Two \t three."]
    two = entry.locate(entry.answer.index("Two"))
    assert text[two.column - 1 :].startswith("Two")


# --- CSV -----------------------------------------------------------------------


def test_csv_with_header_and_multiline_cells() -> None:
    document, text = _parse(PARSERS / "clinic-faq.csv")
    assert document.format == "csv"
    assert [e.id for e in document.entries] == ["bp-1", "bp-2", "bp-3"]
    assert document.owner == "Cardiology nurses" and document.reviewed == "2024-05-20"
    first, second, third = document.entries
    assert first.paragraphs[1].startswith("Sit quietly")
    assert first.locate(first.answer.index("Sit quietly")).line == 4
    assert second.question_position.line == 5
    assert second.metadata["lint-ignore"] == ["FAQ201"]
    assert third.question == "Should I take my pills before I check my blood pressure?"
    assert third.question_position.line == 6
    assert third.answer.endswith('the "whole picture".')
    assert position_errors(document, text) == []


def test_csv_headers_by_name_and_delimiter() -> None:
    text = "Topic;Q;Response\nGout;What is gout?;A kind of arthritis.\n"
    document = parse_text_as(text, "x.csv")
    assert [(e.question, e.answer) for e in document.entries] == [
        ("What is gout?", "A kind of arthritis.")
    ]
    assert document.entries[0].metadata == {"Topic": "Gout"}


# --- Markdown --------------------------------------------------------------------


def test_markdown_page_structure() -> None:
    document, text = _parse(PARSERS / "gout.md")
    assert document.title == "Gout - questions and answers"  # front matter wins over "# Gout"
    assert document.reviewed == "2024-02-01"
    assert document.owner == "Rheumatology clinic"
    assert [e.question for e in document.entries] == [
        "What is gout?",
        "How is gout treated?",
        "Do you have information about diet and gout",
    ]
    first = document.entries[0]
    assert "Ice and rest" in first.paragraphs  # a deeper heading stays in the answer
    assert "**" not in first.answer and "](" not in first.answer
    assert first.metadata["links"][0]["url"] == "https://www.niams.nih.gov/health-topics/gout"
    assert [c.text for c in first.comments] == ["faq-lint: ignore FAQ101"]
    assert [c.text for c in document.comments] == ["faq-lint: ignore-file FAQ201"]
    assert [r.marker for r in document.references] == ["1.", "2."]
    assert document.references[0].text.startswith("Dalbeth N")
    assert document.disclaimer is not None
    assert document.disclaimer.startswith("This page is not a substitute")
    assert "References" not in document.entries[-1].answer
    assert not document.stray_text
    assert position_errors(document, text) == []


def test_markdown_bold_questions_and_stray_text() -> None:
    text = (
        "# Gout\n\nNotes we forgot to delete.\n\n**What is gout?**\n\nA kind of arthritis.\n\n"
        "**How is it treated?**\nRest and *medicine*.\n"
    )
    document = parse_text_as(text, "x.md")
    assert document.title == "Gout"
    assert [e.question for e in document.entries] == ["What is gout?", "How is it treated?"]
    assert document.entries[1].answer == "Rest and medicine."
    assert [s.text for s in document.stray_text] == ["Notes we forgot to delete."]
    assert position_errors(document, text) == []


def test_markdown_code_fences_and_setext() -> None:
    text = (
        "What is gout?\n-------------\n\nA kind of arthritis.\n\n```\n# not a heading\n```\n\n"
        "Is it common?\n-------------\n\nYes.\n"
    )
    document = parse_text_as(text, "x.md")
    assert [e.question for e in document.entries] == ["What is gout?", "Is it common?"]
    assert "# not a heading" in document.entries[0].answer


def test_markdown_broken_front_matter_is_a_problem_but_the_page_is_read() -> None:
    text = "---\ntitle: [unclosed\n---\n## What is it?\n\nAn answer.\n"
    document = parse_text_as(text, "x.md")
    assert [p.kind for p in document.problems] == ["malformed"]
    assert document.problems[0].line == 2
    assert len(document.entries) == 1


# --- Plain text styles --------------------------------------------------------------


def test_text_title_prefixes_disclaimer_and_references() -> None:
    document, text = _parse(PARSERS / "back-pain-qa.txt")
    assert document.title == "Low back pain: questions and answers"
    assert [e.question for e in document.entries] == [
        "How long does low back pain usually last?",
        "Should I stay in bed?",
        "When should I see a doctor?",
    ]
    assert document.entries[1].answer == (
        "No. Staying active helps you recover faster than bed rest.\n"
        "Gentle walking is a good start."
    )
    assert document.disclaimer is not None and document.disclaimer.startswith("This page is")
    assert [r.marker for r in document.references] == ["1.", "2."]
    assert document.references_line == 15
    assert position_errors(document, text) == []


def test_text_numbered_questions_and_lists_of_questions() -> None:
    text = (
        "1. What is gout?\n\nGout is arthritis.\n\n2. Can I drink alcohol?\n\nLimit beer.\n\n"
        "Questions to ask your doctor:\n\nIs my dose right?\n\nHow long should I take it?\n\n"
        "3. Do you have information about diet\n\nEat less red meat.\n"
    )
    document = parse_text_as(text, "x.txt")
    assert [e.question for e in document.entries] == [
        "What is gout?",
        "Can I drink alcohol?",
        "Do you have information about diet",
    ]
    assert "Is my dose right?" in document.entries[1].answer
    assert document.entries[0].question_position.column == 4
    assert position_errors(document, text) == []


def test_text_trailing_numbered_steps_are_not_references() -> None:
    text = "How do I stretch?\n\nDo this:\n\n1. Lie on your back.\n2. Pull your knee up.\n"
    document = parse_text_as(text, "x.txt")
    assert not document.references
    assert "Pull your knee up" in document.entries[0].answer


def test_position_check_catches_a_wrong_column() -> None:
    document, text = _parse(SEED)
    entry = document.entries[0]
    shifted = [a.model_copy(update={"column": a.column + 1}) for a in entry.answer_anchors]
    document.entries[0] = entry.model_copy(update={"answer_anchors": shifted})
    assert position_errors(document, text)
    moved = entry.model_copy(update={"question_position": entry.answer_position})
    document.entries[0] = moved
    assert any("question" in error for error in position_errors(document, text))


def test_text_subheadings_without_question_syntax_stay_in_answers() -> None:
    text = (
        "How do I stretch my hip?\n\nTry these steps.\n\n"
        "How to do the figure four stretch\n\nLie on your back and cross one ankle over.\n\n"
        "How long does it take to heal\n\nMost people feel better within a few weeks.\n\n"
        "Is surgery ever needed?\n\nA. Smith and colleagues found surgery is rarely needed.\n"
    )
    document = parse_text_as(text, "x.txt")
    assert [e.question for e in document.entries] == [
        "How do I stretch my hip?",
        "How long does it take to heal",
        "Is surgery ever needed?",
    ]
    assert "How to do the figure four stretch" in document.entries[0].paragraphs
    assert document.entries[2].answer.startswith("A. Smith")  # not an "A." prefix here


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "knee.txt",
            "Knee pain FAQ\nPage owner: Orthopaedics\n\nWhat helps knee pain?\n\n"
            "Rest and ice help.\n\nDisclaimer: This is not a substitute for medical advice.\n\n"
            "Last reviewed: 1 May 2024\n",
        ),
        (
            "knee.md",
            "# Knee pain FAQ\n\n**Page owner:** Orthopaedics\n\n## What helps knee pain?\n\n"
            "Rest and ice help.\n\n> Disclaimer: This is not a substitute for medical advice.\n\n"
            "_Last reviewed: 1 May 2024_\n",
        ),
    ],
)
def test_metadata_lines_in_text_and_markdown(name: str, text: str) -> None:
    document = parse_text_as(text, name)
    assert document.title == "Knee pain FAQ"
    assert document.owner == "Orthopaedics"
    assert document.reviewed == "1 May 2024"
    assert document.disclaimer == "This is not a substitute for medical advice."
    assert [(e.question, e.answer) for e in document.entries] == [
        ("What helps knee pain?", "Rest and ice help.")
    ]
    assert not document.stray_text


# -- publishers' Markdown pages (QA, 2026-12-08) --------------------------------------------

TITLE_LIKE_A_QUESTION = """# What Parents Should Know About Croup

Adapted from a county health fact sheet.

## What does croup sound like?

Croup causes a cough that sounds like a seal's bark.

## When should I call the doctor?

Call if your child has trouble breathing or is drooling.
"""


def test_a_title_that_starts_like_a_question_is_the_title_and_the_questions_follow(
    tmp_path: Path,
) -> None:
    page = tmp_path / "croup.md"
    page.write_text(TITLE_LIKE_A_QUESTION, encoding="utf-8")
    document, text = _parse(page)
    assert document.title == "What Parents Should Know About Croup"
    assert [e.question for e in document.entries] == [
        "What does croup sound like?",
        "When should I call the doctor?",
    ]
    assert "seal's bark" in document.entries[0].answer
    assert not position_errors(document, text)


def test_a_question_title_with_a_question_mark_is_still_a_question(tmp_path: Path) -> None:
    page = tmp_path / "gout.md"
    page.write_text(
        "# What is gout?\n\nGout is a kind of arthritis.\n\n## Signs\n\nSudden joint pain.\n",
        encoding="utf-8",
    )
    document, _ = _parse(page)
    assert [e.question for e in document.entries] == ["What is gout?"]
    assert "Sudden joint pain" in document.entries[0].answer


CLOSING_MATTER = """# Sunburn Questions

## How do I treat a sunburn?

Cool the skin with a damp cloth and drink water.

## When is a sunburn an emergency?

Get help if there are large blisters, fever or confusion.

Blisters that cover a big area need a doctor the same day.

For more information visit:

Questions about this program can be sent to the county office.

Sources: State Health Department, Skin Cancer Foundation
"""


def test_closing_matter_after_the_last_answer_is_not_part_of_it(tmp_path: Path) -> None:
    page = tmp_path / "sunburn.md"
    page.write_text(CLOSING_MATTER, encoding="utf-8")
    document, text = _parse(page)
    last = document.entries[-1].answer
    assert "same day" in last  # the answer's own second paragraph stays
    assert "For more information" not in last and "Sources:" not in last
    assert any("Sources:" in s.text for s in document.stray_text)
    assert not position_errors(document, text)


def test_a_source_line_that_ends_every_answer_stays_in_each_answer(tmp_path: Path) -> None:
    page = tmp_path / "shots.md"
    page.write_text(
        "# Shots\n\n## Is the flu shot safe?\n\nYes, for most people.\n\nSource: State Health"
        " Department\n\n## Who needs it?\n\nEveryone over 6 months.\n\nSource: State Health"
        " Department\n",
        encoding="utf-8",
    )
    document, _ = _parse(page)
    assert all("Source: State Health" in e.answer for e in document.entries)
