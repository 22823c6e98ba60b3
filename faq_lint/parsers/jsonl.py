"""JSON Lines FAQ files: one ``{"question": ..., "answer": ..., ...}`` record per line.

This is the interchange format of ``../shared/corpora/*/*.jsonl``. Each record's
question and answer point at their own string tokens on the record's line;
``\\n`` escapes inside an answer become its line and paragraph breaks. Other keys
(``id``, ``source_url``, ``topic``, ``lint-ignore``...) go to ``Entry.metadata``; an
``id`` that is unique in the file becomes the entry id. A first record without a
question but with page metadata (``title``, ``reviewed``, ``owner``) describes the
page. A malformed line is one finding (with the count of any others like it) and
the other lines are still read.
"""

from __future__ import annotations

import json

from faq_lint.models import Document, ParseProblem
from faq_lint.parsers.json_format import json_message, scan, scan_flat_object, too_long_number
from faq_lint.parsers.layout import QUESTION_KEYS, find_key
from faq_lint.parsers.tree import EntryBuilder, Node
from faq_lint.reading import ParseError


def parse_jsonl(text: str, path: str) -> Document:
    """Parse a JSON Lines FAQ file."""
    document = Document(path=path, format="jsonl")
    builder = EntryBuilder(document)
    malformed: list[tuple[str, int, int]] = []
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
            node = scan_flat_object(row, value, number - 1) or scan(row, line_offset=number - 1)
        except ParseError as exc:
            malformed.append((f"line {number}: {exc.message}", exc.line, exc.column))
            continue
        if node is None:  # pragma: no cover - json.loads accepted the line
            malformed.append((f"line {number} could not be read", number, 1))
            continue
        is_first, first_record = first_record, False
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
    return document
