"""CSV FAQ files: a header row names the question and answer columns.

Question column names: ``question``, ``q``, ``title``, ``faq``...; answer column names:
``answer``, ``a``, ``response``, ``text``... (case, spaces and ``-``/``_`` do not matter).
Other columns go to ``Entry.metadata`` (``lint-ignore`` with ``FAQ101, FAQ102`` is
split into a list). A ``title``/``reviewed``/``owner`` column with one value on
every row describes the page. The delimiter (``,``, ``;`` or tab) is taken from
the header. Quoted cells may hold line breaks; every cell's position is found
in the file, so each line of a multi-line answer points at its own file line.
Without a recognisable header, a file of two columns whose first cell ends in
``?`` is read as question, answer.
"""

from __future__ import annotations

import csv
import io
import re

from faq_lint.models import Document, ParseProblem
from faq_lint.parsers.common import IdMaker
from faq_lint.parsers.layout import (
    ANSWER_KEYS,
    OWNER_KEYS,
    REVIEWED_KEYS,
    TITLE_KEYS,
    apply_metadata,
    normalize_key,
)
from faq_lint.parsers.mapped import Mapped, entry_from_mapped
from faq_lint.reading import ParseError

QUESTION_COLUMNS = (
    "question",
    "questions",
    "q",
    "question_text",
    "questiontext",
    "faq",
    "faq_question",
    "title",
    "query",
)
ANSWER_COLUMNS = (*ANSWER_KEYS, "answers", "faq_answer", "body", "content")
IGNORE_COLUMNS = ("lint_ignore", "faq_lint_ignore", "noqa")
_LIST_SPLIT = re.compile(r"[,;\s]+")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _cells(record: str, line: int, delimiter: str) -> list[Mapped]:
    """Each cell's value, mapped to the file (``""`` inside quotes is one ``"``)."""
    cells: list[Mapped] = []
    index = 0
    length = len(record)
    row_line, column = line, 1

    def advance(text: str) -> None:
        nonlocal row_line, column
        breaks = text.count("\n")
        if breaks:
            row_line += breaks
            column = len(text) - text.rfind("\n")
        else:
            column += len(text)

    while True:
        if index < length and record[index] == '"':
            advance('"')
            index += 1
            parts: list[Mapped] = []
            while index < length:
                close = record.find('"', index)
                if close == -1:
                    close = length
                chunk = record[index:close]
                parts.append(Mapped.from_source(chunk, row_line, column))
                advance(chunk)
                index = close
                if index + 1 < length and record[index + 1] == '"':
                    parts.append(Mapped.at('"', row_line, column))
                    advance('""')
                    index += 2
                    continue
                advance('"')
                index += 1
                break
            # Anything between the closing quote and the delimiter is kept, as csv does.
            stop = record.find(delimiter, index)
            stop = length if stop == -1 else stop
            if stop > index:
                tail = record[index:stop]
                parts.append(Mapped.from_source(tail, row_line, column))
                advance(tail)
            cells.append(Mapped.join(parts) if parts else Mapped.at("", row_line, column))
            index = stop
        else:
            stop = record.find(delimiter, index)
            stop = length if stop == -1 else stop
            cell = record[index:stop]
            cells.append(Mapped.from_source(cell, row_line, column))
            advance(cell)
            index = stop
        if index >= length:
            return cells
        advance(delimiter)
        index += len(delimiter)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    normalized = [normalize_key(h) for h in header]
    for name in names:
        if name in normalized:
            return normalized.index(name)
    return None


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str], str]]:
    """(first file line, cell values, raw record text) of every non-blank row."""
    lines = text.split("\n")
    # The file is already within max-file-size: a cell as long as the file is allowed
    # (the csv module's own default, 128 KiB, would refuse one long answer).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str], str]] = []
    previous = 0
    try:
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            rows.append((start, row, "\n".join(lines[start - 1 : previous])))
    except csv.Error as exc:
        raise ParseError(f"not valid CSV: {exc}", previous + 1, kind="malformed") from exc
    if rows and rows[-1][2].count('"') % 2:
        raise ParseError(
            f"not valid CSV: a quoted cell on line {rows[-1][0]} is never closed",
            rows[-1][0],
            kind="malformed",
        )
    return rows


def _mapped_cells(start: int, row: list[str], raw: str, delimiter: str) -> list[Mapped]:
    """The csv module's cell values, each mapped to where it sits in the file."""
    found = _cells(raw, start, delimiter)
    result: list[Mapped] = []
    for index, value in enumerate(row):
        if index < len(found) and found[index].text == value:
            result.append(found[index])
        elif index < len(found):
            result.append(Mapped.at(value, *found[index].position(0)))
        else:
            result.append(Mapped.at(value, start, 1))
    return result


def parse_csv(text: str, path: str) -> Document:
    """Parse a CSV FAQ file."""
    document = Document(path=path, format="csv")
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = _delimiter(first_line)
    rows = _rows(text, delimiter)
    if not rows:
        raise ParseError("the CSV file has no rows", kind="shape")
    header_line, header_row, _ = rows[0]
    header_cells = [cell.strip() for cell in header_row]
    q_col = _column(header_cells, QUESTION_COLUMNS)
    a_col = _column(header_cells, ANSWER_COLUMNS)
    body = rows[1:]
    if q_col is None or a_col is None or q_col == a_col:
        if len(header_cells) == 2 and header_cells[0].endswith("?"):
            q_col, a_col, body, header_cells = 0, 1, rows, ["question", "answer"]
        else:
            missing = "question" if q_col is None else "answer"
            raise ParseError(
                f"no {missing} column: the first row should name the columns, "
                f"e.g. question,answer (found: {', '.join(header_cells[:6]) or 'nothing'})",
                header_line,
                kind="shape",
            )
    ids = IdMaker()
    extra = [i for i in range(len(header_cells)) if i not in (q_col, a_col)]
    page_values: dict[str, set[str]] = {header_cells[i]: set() for i in extra}
    short_rows: list[int] = []
    id_col = _column(header_cells, ("id",))
    seen_ids: set[str] = set()
    for line, row, raw in body:
        if len(row) <= max(q_col, a_col) or not row[q_col].strip():
            short_rows.append(line)
            continue
        cells = _mapped_cells(line, row, raw, delimiter)
        metadata: dict[str, object] = {}
        for index in extra:
            if index >= len(row):
                continue
            name = header_cells[index]
            value = row[index].strip()
            page_values[name].add(value)
            if not value:
                continue
            if normalize_key(name) in IGNORE_COLUMNS:
                metadata[name] = [v for v in _LIST_SPLIT.split(value) if v]
            else:
                metadata[name] = value
        entry_id = None
        if id_col is not None and id_col < len(row) and row[id_col].strip() not in seen_ids:
            entry_id = row[id_col].strip() or None
            seen_ids.add(row[id_col].strip())
        document.entries.append(
            entry_from_mapped(ids, cells[q_col], cells[a_col], metadata=metadata, entry_id=entry_id)
        )
    page_meta = {
        name: next(iter(values))
        for name, values in page_values.items()
        if len(values) == 1
        and next(iter(values))
        and normalize_key(name) in (*TITLE_KEYS, *REVIEWED_KEYS, *OWNER_KEYS)
    }
    apply_metadata(document, page_meta)
    if short_rows:
        more = f" ({len(short_rows) - 1} more like it)" if len(short_rows) > 1 else ""
        message = f"the row on line {short_rows[0]} has no question or is missing cells{more}"
        if not document.entries:
            raise ParseError(message, short_rows[0], kind="shape")
        document.problems.append(ParseProblem(kind="shape", message=message, line=short_rows[0]))
    return document
