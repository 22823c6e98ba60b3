"""Broken, wrongly shaped, huge and deeply nested input: findings with the parser's
own line and column, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq_lint.parsers import parse_file, parse_text_as
from faq_lint.reading import ParseError

BROKEN = FIXTURES / "broken"

# file -> (problem kind, line, column or None, words the message must contain)
EXPECTED = {
    "binary.txt": ("unreadable", 3, 1, "binary"),
    "empty.md": ("shape", 1, 1, "empty"),
    "malformed.yaml": ("malformed", 5, 11, "started on line 4"),
    "malformed.json": ("malformed", 5, 5, "Expecting ','"),
    "malformed.jsonl": ("malformed", 2, 48, "line 2"),
    "unclosed-quote.csv": ("malformed", 3, 1, "never closed"),
    "mapping-without-list.yaml": ("shape", 1, 1, "no list of questions"),
    "numbers.json": ("shape", 1, 2, "is a number"),
    "missing-question.yaml": ("shape", 1, 3, "no 'question'"),
    "deep.json": ("shape", 1, 109, "nested more than 100 levels"),
    "cp1252.txt": ("encoding", 3, 32, "0x92"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_one_problem_at_the_parsers_position(name: str) -> None:
    kind, line, column, words = EXPECTED[name]
    document = parse_file(str(BROKEN / name))
    assert len(document.problems) == 1, document.problems
    problem = document.problems[0]
    assert problem.kind == kind
    assert problem.line == line
    if column is not None:
        assert problem.column == column
    assert words in problem.message


def test_every_broken_fixture_is_listed() -> None:
    names = {p.name for p in BROKEN.iterdir() if not p.name.startswith("good-")}
    assert names == set(EXPECTED)


def test_cp1252_page_is_still_read() -> None:
    document = parse_file(str(BROKEN / "cp1252.txt"))
    assert document.encoding == "cp1252"
    assert [e.question for e in document.entries] == ["What is gout?", "How is gout treated?"]
    assert "It’s painful" in document.entries[0].answer


def test_malformed_json_lines_keep_the_good_records() -> None:
    document = parse_file(str(BROKEN / "malformed.jsonl"))
    assert [e.question for e in document.entries] == ["What is gout?", "Can diet help?"]
    assert document.entries[1].question_position.line == 3


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("- question: What?\n  answer: " + "x" * 5000 + "\n", encoding="utf-8")
    document = parse_file(str(path), max_bytes=1000)
    assert [p.kind for p in document.problems] == ["too-large"]


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("faqs:\n  - question: What?\n    answer: *a8")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = parse_file(str(path))
    assert [p.kind for p in document.problems] == ["too-large"]
    assert "aliases" in document.problems[0].message


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "faqs: " + "[" * 5000 + "]" * 5000 + "\n"),
        ("yaml", "- " * 3000 + "x\n"),
        ("jsonl", '{"question": "x?", "answer": ' + "[" * 5000 + "]" * 5000 + "}\n"),
        ("json", "[" * 100_000),
    ],
)
def test_deep_nesting_is_a_shape_problem(fmt: str, text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_text_as(text, f"deep.{fmt}")
    assert caught.value.kind in ("shape", "malformed")


def test_unknown_yaml_tags_are_refused() -> None:
    with pytest.raises(ParseError, match="tag"):
        parse_text_as("- question: x?\n  answer: !!python/name:os.system\n", "x.yaml")


def test_wrongly_shaped_items_beside_good_ones_are_one_problem() -> None:
    text = "- question: What is gout?\n  answer: Arthritis.\n- 42\n- answer: no question\n"
    document = parse_text_as(text, "x.yaml")
    assert len(document.entries) == 1
    assert len(document.problems) == 1
    assert document.problems[0].line == 3 and "1 more like it" in document.problems[0].message


PIECES = [
    "---\n", "# ", "## ", "What is it?", "Q: ", "A: ", "\n", "\n\n", "- ", "1. ", "[1] ", "> ",
    "<!-- faq-lint: ignore FAQ101 -->", "<!--", "-->", "**", "*", "_", "`", "```\n", "[a](b)",
    "&amp;", "\\", '"', "'", "{", "}", "[", "]", ":", ",", "question: ", "answer: ", "|\n  ",
    ">\n  ", "  ", "\t", "é", "References\n", "Disclaimer: not a substitute for medical advice",
    "<p>", "</p>", "<br>", '"@type": "FAQPage"', '"mainEntity"', "null", "1e5", "#", "~~~\n",
    "|", ";", "\r", "\u2028", "?", "faqs: ", "*x ", "&x ", "!tag ", "<< : ", "...\n", "\\n",
    "\\u00e9", "\n  - ", "\n- question: ", "\n  answer: ", '{"question": "a?", "answer": "b"}',
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_no_input_crashes_a_parser(text: str) -> None:
    for fmt in ("text", "markdown", "yaml", "json", "jsonl", "csv"):
        try:
            document = parse_text_as(text, "fuzz", fmt)  # type: ignore[arg-type]
        except ParseError as exc:
            assert exc.line >= 1 and exc.column >= 1
            continue
        for entry in document.entries:
            assert entry.question_position.line >= 1
            for anchor in entry.answer_anchors:
                assert anchor.line >= 1 and anchor.column >= 1
