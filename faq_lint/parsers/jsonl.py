"""JSON Lines FAQ files: one ``{"question": ..., "answer": ..., ...}`` record per line.

This is the interchange format of ``../shared/corpora/*/*.jsonl``. Each record's
question and answer point at their own string tokens on the record's line;
``\\n`` escapes inside an answer become its line and paragraph breaks. Other keys
(``id``, ``source_url``, ``topic``, ``lint-ignore``...) go to ``Entry.metadata``; an
``id`` that is unique in the file becomes the entry id. A first record without a
question but with page metadata (``title``, ``reviewed``, ``owner``) describes the
page. HTML comments in HTML answers (suppressions) belong to their record's entry.
A malformed line is one finding (with the count of any others like it) and
the other lines are still read.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from faq_lint.models import Document, ParseProblem
from faq_lint.parsers.json_format import (
    FLAT_PAIR,
    decode_on_line,
    json_message,
    scan,
    scan_flat_object,
    too_long_number,
)
from faq_lint.parsers.layout import ANSWER_KEYS, QUESTION_KEYS, find_key
from faq_lint.parsers.tree import (
    EXTRA_ANSWER_KEYS,
    EntryBuilder,
    Node,
    assign_comments,
    html_to_text,
    looks_like_html,
)
from faq_lint.reading import ParseError


def parse_jsonl(text: str, path: str) -> Document:
    """Parse a JSON Lines FAQ file."""
    document = Document(path=path, format="jsonl")
    builder = EntryBuilder(document)
    malformed: list[tuple[str, int, int]] = []
    with _collector_paused():
        _read_records(text, builder, malformed)
    if malformed:
        message, line, column = malformed[0]
        more = len(malformed) - 1
        suffix = f" ({more} more malformed lines)" if more else ""
        if not document.entries and not builder.bad:
            raise ParseError(f"{message}{suffix}", line, column)
        document.problems.append(
            ParseProblem(kind="malformed", message=f"{message}{suffix}", line=line, column=column)
        )
    builder.finish()
    assign_comments(document, builder.html_comments)
    return document


def _read_records(text: str, builder: EntryBuilder, malformed: list[tuple[str, int, int]]) -> None:
    """Add every record of the file to ``builder``; malformed lines go to ``malformed``."""
    first_record = True
    for number, row in enumerate(text.split("\n"), start=1):
        if not row.strip():
            continue
        try:
            value = json.loads(row)
        except json.JSONDecodeError as exc:
            malformed.append(
                (f"line {number} is not valid JSON: {json_message(exc)}", number, exc.colno)
            )
            continue
        except RecursionError:
            malformed.append((f"line {number} is nested too deeply to read", number, 1))
            continue
        except ValueError:  # an integer of over 4,300 digits
            error = too_long_number(row, number - 1)
            malformed.append((f"line {number}: {error.message}", number, error.column))
            continue
        try:
            node = (
                _flat_entry(builder, row, value, number)
                or scan_flat_object(row, value, number - 1)
                or scan(row, line_offset=number - 1)
            )
        except ParseError as exc:
            malformed.append((f"line {number}: {exc.message}", exc.line, exc.column))
            continue
        if node is None:  # pragma: no cover - json.loads accepted the line
            malformed.append((f"line {number} could not be read", number, 1))
            continue
        is_first, first_record = first_record, False
        if node is _FLAT_ENTRY:
            continue
        if node.kind != "map":
            builder.add_entries(Node(kind="seq", line=number, column=1, items=[node]))
            continue
        question_key = find_key(node.pairs, QUESTION_KEYS)
        if question_key is None and is_first:
            builder.metadata(node, set())
            continue
        if question_key is None:
            builder.problem(f"the record on line {number} has no 'question'", node)
            continue
        builder.add_entry(node, question_key, None)


# A record that :func:`_flat_entry` has already added (the common case: no Node tree).
_FLAT_ENTRY = Node(kind="map", line=0, column=0)


def _flat_entry(builder: EntryBuilder, row: str, value: object, number: int) -> Node | None:
    """Add a one-line record of text, numbers and nulls with a text question and answer.

    The fast path for the common record (47,000 of them in MedQuAD): it finds where the
    question and answer strings start, as :func:`scan_flat_object` does, but builds no
    node tree; the entry is the one :meth:`EntryBuilder.add_entry` would make. Returns
    None for any other record (the general path reads it).
    """
    if not isinstance(value, dict) or not value:
        return None
    kinds = set(map(type, value.values()))
    if dict in kinds or list in kinds:
        return None
    question_key, answer_key = _record_keys(tuple(value))
    if question_key is None:
        return None
    start = row.find("{")
    if start == -1:
        return None
    tokens: dict[str, str] = {}
    for raw_key, string, _literal, _end in FLAT_PAIR.findall(row, start + 1):
        key = json.loads(f'"{raw_key}"') if "\\" in raw_key else raw_key
        if key not in value:
            return None
        tokens[key] = string  # "" for a number, true/false or null
    if len(tokens) != len(value):
        return None
    question = tokens[question_key]
    answer = tokens[answer_key] if answer_key is not None else None
    if not question or answer == "":
        return None  # a number or null question or answer: the general path
    # findall gives no offsets: a token that occurs once in the line is where it occurs.
    question_start = _only_place(row, question)
    answer_start = _only_place(row, answer) if answer is not None else 0
    if question_start < 0 or answer_start < 0:
        return None
    answer_text = None
    if answer is not None:
        answer_text = decode_on_line(answer, answer_start, number)
        if looks_like_html(answer_text.text):
            answer_text = html_to_text(answer_text, builder.html_comments)
    metadata = {k: v for k, v in value.items() if k != question_key and k != answer_key}
    raw_id = value["id"] if "id" in value else value.get("@id", _NO_ID)
    id_text = None if raw_id is _NO_ID else raw_id if isinstance(raw_id, str) else _scalar(raw_id)
    builder.append_entry(
        decode_on_line(question, question_start, number), answer_text, metadata, id_text
    )
    return _FLAT_ENTRY


_NO_ID = object()


def _only_place(row: str, token: str) -> int:
    """Where ``token`` is in ``row`` if it is there exactly once, else -1."""
    place = row.find(token)
    return place if place >= 0 and row.find(token, place + 1) < 0 else -1


def _scalar(value: object) -> str:
    """:meth:`Node.text` of a number, true/false or null."""
    return "" if value is None else str(value)


@lru_cache(maxsize=256)
def _record_keys(keys: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The question key and the answer key of a record with these keys (as add_entry finds them)."""
    question_key = find_key(dict.fromkeys(keys), QUESTION_KEYS)
    if question_key is None:
        return None, None
    others = dict.fromkeys(k for k in keys if k != question_key)
    return question_key, find_key(others, (*ANSWER_KEYS, *EXTRA_ANSWER_KEYS))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the records are read.

    Reading builds no reference cycles, but each of the hundreds of thousands of new
    objects counts towards the next collection, and every full collection walks all
    the entries read so far: on MedQuAD that is a quarter of the parsing time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
