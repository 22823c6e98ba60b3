"""Helpers shared by the parsers: stable entry ids and answer text with its anchors."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from faq_lint.models import Anchor, Comment, Entry, Position

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 80) -> str:
    """``What is (are) X ?`` -> ``what-is-are-x``: the base of an entry id."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_DROP.sub("-", folded).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "entry"


class IdMaker:
    """Hands out unique, stable entry ids within one document."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def make(self, question: str) -> str:
        base = slugify(question)
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}-{count}"


@dataclass
class SourceLine:
    """One line of answer text and where it starts in the file (1-based)."""

    text: str
    line: int
    column: int = 1


def build_entry(
    ids: IdMaker,
    question: str,
    question_position: Position,
    answer_lines: list[SourceLine | None],
    comments: list[Comment] | None = None,
    metadata: dict[str, object] | None = None,
    entry_id: str | None = None,
) -> Entry:
    """Build an entry from its question and answer lines.

    ``answer_lines`` holds the answer's lines in order; ``None`` marks a paragraph
    break. Lines of one paragraph are joined with a newline and paragraphs with a
    blank line, and each line becomes an anchor so offsets map back to the file.
    """
    paragraphs: list[list[SourceLine]] = [[]]
    for item in answer_lines:
        if item is None:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(item)
    if not paragraphs[-1]:
        paragraphs.pop()
    anchors: list[Anchor] = []
    parts: list[str] = []
    texts: list[str] = []
    offset = 0
    for p_index, paragraph in enumerate(paragraphs):
        if p_index:
            parts.append("\n\n")
            offset += 2
        lines: list[str] = []
        for l_index, source in enumerate(paragraph):
            if l_index:
                parts.append("\n")
                offset += 1
            anchors.append(Anchor(offset=offset, line=source.line, column=source.column))
            parts.append(source.text)
            lines.append(source.text)
            offset += len(source.text)
        texts.append("\n".join(lines))
    first = paragraphs[0][0] if paragraphs else None
    last = paragraphs[-1][-1] if paragraphs else None
    answer_position = Position(line=first.line, column=first.column) if first else question_position
    return Entry(
        id=entry_id or ids.make(question),
        question=question,
        answer="".join(parts),
        paragraphs=texts,
        question_position=question_position,
        answer_position=answer_position,
        end_line=last.line if last else question_position.line,
        answer_anchors=anchors,
        comments=comments or [],
        metadata=dict(metadata or {}),
    )


def lines_of_block(text: str, line: int, column: int) -> list[SourceLine | None]:
    """Split a multi-line answer string that starts at ``line``/``column``.

    Blank lines become paragraph breaks. Used where a format stores the answer as
    one string whose lines follow each other in the file (JSON Lines, CSV).
    """
    result: list[SourceLine | None] = []
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if not stripped:
            result.append(None)
            continue
        lead = len(raw) - len(raw.lstrip())
        col = (column if index == 0 else 1) + lead
        result.append(SourceLine(text=stripped, line=line + index, column=col))
    return result
