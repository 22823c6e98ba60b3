"""Text that remembers where each of its characters sits in the original file.

Structured formats store an answer as one string whose characters do not follow
the file line by line: JSON escapes (``\\n``, ``\\"``), YAML folding and quoting,
CSV ``""`` and HTML markup all make the decoded text differ from the source.
:class:`Mapped` carries the decoded text together with anchors (as in
:class:`faq_lint.models.Anchor`): from an anchor's offset on, characters sit on the
anchor's line at consecutive columns, up to the next anchor. Slicing and joining
keep the anchors right, so a parser can decode, strip and split text and still
point every character back into the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from faq_lint.models import Comment, Entry, Position
from faq_lint.parsers.common import IdMaker

_WS_RUN = re.compile(r"\s+")


class LineIndex:
    """Turns character offsets of a text into 1-based (line, column) pairs."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        find = text.find
        index = find("\n")
        while index != -1:
            self.starts.append(index + 1)
            index = find("\n", index + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _offset_of(anchor: tuple[int, int, int]) -> int:
    return anchor[0]


@dataclass
class Mapped:
    """Decoded text with anchors ``(offset, line, column)`` sorted by offset."""

    text: str
    anchors: list[tuple[int, int, int]] = field(default_factory=list)

    @classmethod
    def at(cls, text: str, line: int, column: int) -> Mapped:
        """Text that sits in the file exactly as it is, from ``line``/``column`` on."""
        return cls(text, [(0, line, column)])

    @classmethod
    def from_source(cls, text: str, line: int, column: int) -> Mapped:
        """A verbatim stretch of the file that may span several lines."""
        if "\n" not in text:
            return cls.at(text, line, column)
        anchors: list[tuple[int, int, int]] = []
        offset = 0
        for index, part in enumerate(text.split("\n")):
            anchors.append((offset, line + index, column if index == 0 else 1))
            offset += len(part) + 1
        return cls(text, anchors)

    @classmethod
    def join(cls, parts: Iterable[Mapped]) -> Mapped:
        texts: list[str] = []
        anchors: list[tuple[int, int, int]] = []
        offset = 0
        for part in parts:
            if not part.text:
                continue
            texts.append(part.text)
            anchors.extend((o + offset, line, col) for o, line, col in part.anchors)
            offset += len(part.text)
        return cls("".join(texts), anchors)

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped.join((self, other))

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column) of character ``offset``."""
        anchors = self.anchors
        if len(anchors) == 1:  # the common case: text on one line
            start, line, column = anchors[0]
            return line, column + max(0, offset - start)
        if not anchors:
            return 1, 1
        index = max(0, bisect_right(anchors, offset, key=_offset_of) - 1)
        start, line, column = anchors[index]
        return line, column + max(0, offset - start)

    def slice(self, start: int, end: int | None = None) -> Mapped:
        end = len(self.text) if end is None else min(end, len(self.text))
        start = max(0, min(start, end))
        if start == end:
            line, column = self.position(start)
            return Mapped("", [(0, line, column)])
        line, column = self.position(start)
        anchors = [(0, line, column)]
        # Only the anchors inside (start, end), found by bisection: slicing a long text
        # with many anchors many times (inline markup on a 1 MB line) stays fast.
        low = bisect_right(self.anchors, start, key=_offset_of)
        high = bisect_left(self.anchors, end, key=_offset_of)
        anchors.extend((o - start, ln, col) for o, ln, col in self.anchors[low:high])
        return Mapped(self.text[start:end], anchors)

    def strip(self) -> Mapped:
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return self.slice(left, max(left, right))

    def replace_spans(self, spans: Sequence[tuple[int, int, str]]) -> Mapped:
        """Replace ``(start, end, new)`` spans (sorted, not overlapping).

        Replacement text is anchored where the replaced span started.
        """
        parts: list[Mapped] = []
        cursor = 0
        for start, end, new in spans:
            parts.append(self.slice(cursor, start))
            if new:
                line, column = self.position(start)
                parts.append(Mapped.at(new, line, column))
            cursor = end
        parts.append(self.slice(cursor))
        return Mapped.join(parts)

    def collapse_spaces(self) -> Mapped:
        """Every run of whitespace inside a line becomes one space (HTML-style)."""
        spans = [(m.start(), m.end(), " ") for m in _WS_RUN.finditer(self.text) if m.group() != " "]
        return self.replace_spans(spans) if spans else self


def source_lines(text: str) -> list[Mapped]:
    """Every line of a file as mapped text (line ``n`` is element ``n - 1``)."""
    return [Mapped.at(raw, number, 1) for number, raw in enumerate(text.split("\n"), start=1)]


@dataclass
class NormalizedAnswer:
    text: str
    paragraphs: list[str]
    anchors: list[dict[str, int]]  # Anchor fields: Entry validates them into Anchors (faster)
    start: Position | None
    end_line: int | None


def normalize_answer(answer: Mapped) -> NormalizedAnswer:
    """Trim each line, turn blank lines into paragraph breaks, keep positions.

    Lines of one paragraph are joined with a newline and paragraphs with a blank
    line, as :func:`faq_lint.parsers.common.build_entry` does for line-based formats.
    One pass over the lines and the anchors (no slice per line): a 47,000-record
    corpus spends most of its parsing time here otherwise.
    """
    text = answer.text
    anchors = answer.anchors
    count = len(anchors)
    parts: list[str] = []  # output text: lines and their separators
    joined: list[tuple[int, int, int]] = []  # output anchors, not yet compacted
    texts: list[str] = []  # paragraph texts
    paragraph: list[str] = []
    offset = 0  # length of the output so far
    pending = ""  # separator before the next line: "\n" in a paragraph, "\n\n" after one
    following = 0  # index of the first anchor after the current line's start
    start: tuple[int, int] | None = None
    end_line = 0
    cursor = 0
    while True:
        newline = text.find("\n", cursor)
        stop = len(text) if newline == -1 else newline
        raw = text[cursor:stop]
        stripped = raw.strip()
        if stripped:
            left = cursor + len(raw) - len(raw.lstrip())
            right = left + len(stripped)
            if pending:
                parts.append(pending)
                offset += len(pending)
            parts.append(stripped)
            paragraph.append(stripped)
            # The anchors of text[left:right]: where ``left`` sits, then those inside.
            while following < count and anchors[following][0] <= left:
                following += 1
            line, column = _position(anchors, following, left)
            if start is None:
                start = (line, column)
            joined.append((offset, line, column))
            inside = following
            while inside < count and anchors[inside][0] < right:
                found, found_line, found_column = anchors[inside]
                joined.append((offset + found - left, found_line, found_column))
                inside += 1
            end_line = _position(anchors, inside, right - 1)[0]
            offset += len(stripped)
            pending = "\n"
        elif paragraph:
            texts.append("\n".join(paragraph))
            paragraph = []
            pending = "\n\n"
        if newline == -1:
            break
        cursor = newline + 1
    if paragraph:
        texts.append("\n".join(paragraph))
    if start is None:
        return NormalizedAnswer("", [], [], None, None)
    # Drop anchors that add nothing (same line, continuing column).
    compact: list[dict[str, int]] = []
    last_offset, last_line, last_column = -1, -1, -1
    for anchor_offset, line, column in joined:
        if compact and line == last_line and column == last_column + (anchor_offset - last_offset):
            continue
        compact.append({"offset": anchor_offset, "line": line, "column": column})
        last_offset, last_line, last_column = anchor_offset, line, column
    return NormalizedAnswer(
        "".join(parts), texts, compact, Position(line=start[0], column=start[1]), end_line
    )


def _position(anchors: list[tuple[int, int, int]], following: int, offset: int) -> tuple[int, int]:
    """:meth:`Mapped.position` of ``offset``, given the index of the first anchor after it."""
    if not anchors:
        return 1, 1
    anchor_offset, line, column = anchors[max(0, following - 1)]
    return line, column + max(0, offset - anchor_offset)


def clean_question(question: Mapped) -> tuple[str, Position]:
    """The question as written (trimmed, line breaks as spaces) and where it starts."""
    text = question.text
    stripped = text.strip()
    if "\n" in stripped:
        joined = " ".join(part.strip() for part in stripped.split("\n") if part.strip())
    else:
        joined = stripped
    line, column = question.position(len(text) - len(text.lstrip()) if stripped else 0)
    return joined, Position(line=line, column=column)


def entry_from_mapped(
    ids: IdMaker,
    question: Mapped,
    answer: Mapped | None,
    comments: list[Comment] | None = None,
    metadata: dict[str, object] | None = None,
    entry_id: str | None = None,
    answer_fallback: Position | None = None,
) -> Entry:
    """Build an :class:`Entry` from mapped question and answer text."""
    question_text, question_position = clean_question(question)
    normalized = normalize_answer(answer) if answer is not None else None
    if normalized is None or normalized.start is None:
        if answer is not None and answer.anchors:
            line, column = answer.position(0)
            start = Position(line=line, column=column)
        else:
            start = answer_fallback or question_position
        return Entry(
            id=entry_id or ids.make(question_text),
            question=question_text,
            question_position=question_position,
            answer_position=start,
            end_line=start.line,
            comments=comments or [],
            metadata=dict(metadata or {}),
        )
    return Entry(
        id=entry_id or ids.make(question_text),
        question=question_text,
        answer=normalized.text,
        paragraphs=normalized.paragraphs,
        question_position=question_position,
        answer_position=normalized.start,
        end_line=normalized.end_line or normalized.start.line,
        answer_anchors=normalized.anchors,  # type: ignore[arg-type]  # dicts: Entry validates
        comments=comments or [],
        metadata=dict(metadata or {}),
    )
