"""The JSON Lines fast path (records read without a node tree) gives the very entries the
general path gives: same text, paragraphs, anchors, positions, ids and metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_path

import faq_lint.parsers.jsonl as jsonl
from faq_lint.models import Document
from faq_lint.parsers import parse_file
from faq_lint.parsers.mapped import Mapped, normalize_answer

AWKWARD = FIXTURES / "parsers" / "jsonl" / "awkward-records.jsonl"


def _general_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(jsonl, "_flat_entry", lambda *args: None)
        return parse_file(str(path), max_bytes=64 << 20)


def _fast_records(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many records the fast path took (it must take most, or the test proves little)."""
    taken = 0
    original = jsonl._flat_entry

    def counting(*args: object) -> object:
        nonlocal taken
        result = original(*args)  # type: ignore[arg-type]
        taken += result is not None
        return result

    with monkeypatch.context() as patch:
        patch.setattr(jsonl, "_flat_entry", counting)
        parse_file(str(path), max_bytes=64 << 20)
    return taken


def test_awkward_records_read_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_file(str(AWKWARD))
    general = _general_path(AWKWARD, monkeypatch)
    assert fast.model_dump() == general.model_dump()
    assert len(fast.entries) >= 20
    assert _fast_records(AWKWARD, monkeypatch) >= 15
    escaped = next(e for e in fast.entries if e.id == "esc-1")
    assert escaped.answer.startswith("Line one.\nLine two été – café.\n\nIndented para")
    assert escaped.paragraphs[-1] == "Last \\ slash / and \U0001f600 face."
    # "Line two" follows a "\n" escape: it starts two characters after it, on the same line.
    line, column = escaped.question_position.line, escaped.locate(len("Line one.\n")).column
    text = AWKWARD.read_text(encoding="utf-8").split("\n")[line - 1]
    assert text[column - 1 :].startswith("Line two")


def test_answers_with_escapes_point_at_their_characters() -> None:
    document = parse_file(str(AWKWARD))
    lines = AWKWARD.read_text(encoding="utf-8").split("\n")
    checked = 0
    for entry in document.entries:
        for paragraph in entry.paragraphs:
            for raw_line in paragraph.split("\n"):
                word = raw_line.split(" ")[0]
                if not word.isascii() or not word.isalpha() or len(word) < 3:
                    continue
                position = entry.locate(entry.answer.index(raw_line))
                assert lines[position.line - 1][position.column - 1 :].startswith(word)
                checked += 1
    assert checked > 20


def test_a_real_corpus_reads_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = shared_path("corpora", "covid-faq-jhu", "covid-faq-jhu.jsonl")
    fast = parse_file(str(corpus), max_bytes=64 << 20)
    assert fast.model_dump() == _general_path(corpus, monkeypatch).model_dump()
    assert _fast_records(corpus, monkeypatch) == len(fast.entries)


def test_normalize_answer_keeps_positions_of_every_line() -> None:
    # An answer decoded from "  First\\n\\n  second line  \\nthird" on line 5, column 10.
    source = Mapped("  First\n\n  second line  \nthird", [(0, 5, 10), (7, 5, 17), (8, 5, 19)])
    source.anchors.extend([(9, 5, 21), (24, 5, 36), (25, 5, 38)])
    normalized = normalize_answer(source)
    assert normalized.text == "First\n\nsecond line\nthird"
    assert normalized.paragraphs == ["First", "second line\nthird"]
    assert normalized.start is not None and (normalized.start.line, normalized.start.column) == (
        5,
        12,
    )
    assert normalized.end_line == 5
    assert [(a["offset"], a["column"]) for a in normalized.anchors] == [(0, 12), (7, 23), (19, 38)]


def test_records_are_json_lines() -> None:
    for line in AWKWARD.read_text(encoding="utf-8").splitlines():
        json.loads(line)
