"""Plain-text FAQ pages: a question line, then answer paragraphs.

Real pages are messier than the seed page: answers contain lines that end in
``?``, some questions have no ``?`` at all and answers carry sub-headings. The
parser therefore decides by layout: a question is a block of one line that reads
like a question (ends in ``?`` or opens like one and has no closing full stop)
and that is followed by prose rather than by another question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from faq_lint.models import Comment, Document, Position, Reference, StrayText
from faq_lint.parsers.common import IdMaker, SourceLine, build_entry

QUESTION_OPENERS = re.compile(
    r"^(?:q[.:]\s*)?(?:what|what's|whats|how|why|when|where|who|whom|whose|which|can|could|"
    r"do|does|did|is|are|was|were|should|shall|will|would|may|might|must|has|have|"
    r"am|isn't|aren't|don't|doesn't|can't|if)\b",
    re.IGNORECASE,
)
INFO_REQUEST = re.compile(r"^(?:do you have information about|tell me about)\b", re.IGNORECASE)
DIRECTIVE = re.compile(r"^\s*#\s*faq-lint\s*:", re.IGNORECASE)
REFERENCE_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(references|sources|bibliography|citations|further reading)\s*:?\s*$",
    re.IGNORECASE,
)
REFERENCE_ITEM = re.compile(r"^\s*(?:\[(\d+)\]|\((\d+)\)|(\d+)[.)])\s+(\S.*)$")
DISCLAIMER_OPENER = re.compile(r"^\s*(?:medical\s+)?disclaimer\s*[:.-]", re.IGNORECASE)
MAX_QUESTION_CHARS = 250


@dataclass
class Block:
    """Consecutive non-blank lines."""

    lines: list[SourceLine]

    @property
    def first(self) -> SourceLine:
        return self.lines[0]

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


def looks_like_question(line: str) -> bool:
    """Whether one line reads like a question heading."""
    text = line.strip()
    if not text or len(text) > MAX_QUESTION_CHARS:
        return False
    if text.endswith("?"):
        return True
    if text[-1] in ".!:;,":
        return False
    return bool(QUESTION_OPENERS.match(text) or INFO_REQUEST.match(text))


def _strong_question(line: str) -> bool:
    return line.rstrip().endswith("?")


def _blocks(lines: list[str]) -> tuple[list[Block], list[Comment]]:
    blocks: list[Block] = []
    comments: list[Comment] = []
    current: list[SourceLine] = []
    for number, raw in enumerate(lines, start=1):
        if DIRECTIVE.match(raw):
            comments.append(Comment(text=raw.strip().lstrip("#").strip(), line=number))
            continue
        if not raw.strip():
            if current:
                blocks.append(Block(current))
                current = []
            continue
        stripped = raw.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        current.append(SourceLine(text=stripped.strip(), line=number, column=lead + 1))
    if current:
        blocks.append(Block(current))
    return blocks, comments


def _question_indexes(blocks: list[Block]) -> list[int]:
    """Pick the blocks that start entries."""
    candidates = [
        i for i, block in enumerate(blocks) if block.single and looks_like_question(block.first.text)
    ]
    chosen: list[int] = []
    candidate_set = set(candidates)
    for i in candidates:
        text = blocks[i].first.text
        nxt = i + 1
        if not _strong_question(text):
            # Without "?" a line is a question only if prose follows it.
            follows_prose = nxt < len(blocks) and nxt not in candidate_set
            if not follows_prose:
                continue
        chosen.append(i)
    # An answer line that ends in "?" and is followed by more prose of the same
    # answer can still look like a question. When a page's questions share a
    # style (for example "What is (are) X ?" with a space before "?"), prefer it.
    if len(chosen) >= 3:
        spaced = [blocks[i].first.text.endswith(" ?") for i in chosen]
        if sum(spaced) >= 0.8 * len(spaced) and sum(spaced) < len(spaced):
            chosen = [
                i
                for i in chosen
                if blocks[i].first.text.endswith(" ?")
                or not _strong_question(blocks[i].first.text)
            ]
    return chosen


def _split_trailing_references(
    blocks: list[Block],
) -> tuple[list[Block], list[Reference], int | None]:
    """Take a closing references section (heading or numbered list) off the page."""
    references: list[Reference] = []
    heading_line: int | None = None
    cut = len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if REFERENCE_HEADING.match(block.first.text):
            cut = index
            heading_line = block.first.line
            break
    if heading_line is None:
        # A trailing block whose every line is a numbered item.
        index = len(blocks) - 1
        while index >= 0 and all(REFERENCE_ITEM.match(sl.text) for sl in blocks[index].lines):
            index -= 1
        if index < len(blocks) - 1 and index >= 0:
            cut = index + 1
            heading_line = blocks[cut].first.line
    if cut == len(blocks):
        return blocks, references, None
    for block in blocks[cut:]:
        for source in block.lines:
            if REFERENCE_HEADING.match(source.text):
                continue
            match = REFERENCE_ITEM.match(source.text)
            if match:
                marker = next(g for g in match.groups()[:3] if g)
                references.append(
                    Reference(
                        marker=marker, text=match.group(4), line=source.line, column=source.column
                    )
                )
            elif references:
                references[-1].text += " " + source.text
            else:
                references.append(
                    Reference(marker="", text=source.text, line=source.line, column=source.column)
                )
    return blocks[:cut], references, heading_line


def parse_text(text: str, path: str) -> Document:
    """Parse a plain-text FAQ page."""
    blocks, comments = _blocks(text.split("\n"))
    blocks, references, references_line = _split_trailing_references(blocks)
    document = Document(
        path=path,
        format="text",
        references=references,
        references_line=references_line,
        comments=comments,
    )
    if blocks and DISCLAIMER_OPENER.match(blocks[-1].first.text):
        closing = blocks.pop()
        document.disclaimer = " ".join(sl.text for sl in closing.lines)
        document.disclaimer_line = closing.first.line
    starts = _question_indexes(blocks)
    ids = IdMaker()
    first_start = starts[0] if starts else len(blocks)
    for index, block in enumerate(blocks[:first_start]):
        if index == 0 and block.single and first_start > 0 and len(block.first.text) < 120:
            document.title = block.first.text
            document.title_line = block.first.line
            continue
        document.stray_text.append(
            StrayText(
                text=" ".join(sl.text for sl in block.lines),
                line=block.first.line,
                column=block.first.column,
            )
        )
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(blocks)
        question = blocks[start].first
        answer_lines: list[SourceLine | None] = []
        for block in blocks[start + 1 : end]:
            if answer_lines:
                answer_lines.append(None)
            answer_lines.extend(block.lines)
        entry_comments = [
            c
            for c in comments
            if question.line <= c.line
            and (end >= len(blocks) or c.line < blocks[end].first.line)
        ]
        document.entries.append(
            build_entry(
                ids,
                question.text,
                Position(line=question.line, column=question.column),
                answer_lines,
                comments=entry_comments,
            )
        )
    return document
