"""Plain-text FAQ pages: a question line, then answer paragraphs.

Real pages are messier than the seed page: answers contain lines that end in
``?`` (a list of questions to ask your doctor, a restated question), some
questions have no ``?`` at all ("Do you have information about X"), answers carry
sub-headings ("Massage therapy"), and pages may have a title line, ``Q:``/``A:``
prefixes, numbered questions and a closing numbered list of references.

The parser therefore decides by layout, not only by the ``?``:

- a question is a block (lines between blank lines) of one line that reads like
  a question, or a block that opens with ``Q:``; a question without ``?`` counts
  only when prose follows it;
- questions that follow a line ending in ``:`` ("Your doctor may ask:") are a list
  inside the answer, not new entries;
- when a page's questions share a style (``Q:`` prefixes, numbers, or the
  ``What is X ?`` spacing), lines of another style are part of the answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from faq_lint.models import Anchor, Comment, Document, Position, Reference, StrayText
from faq_lint.parsers.common import IdMaker, SourceLine, build_entry
from faq_lint.parsers.layout import (
    ANSWER_PREFIX,
    INFO_REQUEST,
    MAX_QUESTION_CHARS,
    NUMBER_PREFIX,
    QUESTION_PREFIX,
    REFERENCE_HEADING,
    apply_metadata,
    looks_like_citation,
    looks_like_question,
    metadata_lines,
    parse_reference_item,
    reads_like_disclaimer,
    starts_like_disclaimer,
    strip_disclaimer_label,
    strong_question,
)

__all__ = ["Block", "looks_like_question", "parse_text", "question_indexes"]

DIRECTIVE = re.compile(r"^\s*#\s*faq-lint\s*:", re.IGNORECASE)
MAX_TITLE_CHARS = 120


@dataclass
class Block:
    """Consecutive non-blank lines, and the question it opens with, if any."""

    lines: list[SourceLine]
    question: list[SourceLine] | None = None
    style: str = ""  # prefixed | numbered | spaced | plain | attached
    rest: list[SourceLine] = field(default_factory=list)

    @property
    def first(self) -> SourceLine:
        return self.lines[0]

    @property
    def single(self) -> bool:
        return len(self.lines) == 1

    @property
    def question_text(self) -> str:
        return " ".join(sl.text for sl in self.question or [])


def _cut(source: SourceLine, start: int) -> SourceLine:
    """The line from character ``start`` on (a prefix removed)."""
    return SourceLine(text=source.text[start:], line=source.line, column=source.column + start)


def _strip_answer_prefix(lines: list[SourceLine]) -> list[SourceLine]:
    if lines:
        match = ANSWER_PREFIX.match(lines[0].text)
        if match:
            return [_cut(lines[0], match.end()), *lines[1:]]
    return lines


def _analyze(block: Block) -> None:
    """Find the question a block opens with (sets ``question``, ``style``, ``rest``)."""
    first = block.first
    prefix = QUESTION_PREFIX.match(first.text)
    if prefix:
        question = [_cut(first, prefix.end())]
        rest: list[SourceLine] = []
        for source in block.lines[1:]:
            if rest or ANSWER_PREFIX.match(source.text):
                rest.append(source)
            else:
                question.append(source)
        if len(" ".join(sl.text for sl in question)) <= 2 * MAX_QUESTION_CHARS:
            block.question, block.style, block.rest = question, "prefixed", rest
        return
    number = NUMBER_PREFIX.match(first.text)
    head = _cut(first, number.end()) if number else first
    if block.single:
        if looks_like_question(head.text):
            block.question = [head]
            if number:
                block.style = "numbered"
            else:
                block.style = "spaced" if head.text.endswith(" ?") else "plain"
        return
    if strong_question(head.text) and len(head.text) <= MAX_QUESTION_CHARS:
        block.question, block.style = [head], "attached"
        block.rest = block.lines[1:]


def _blocks(lines: list[str]) -> tuple[list[Block], list[Comment]]:
    blocks: list[Block] = []
    comments: list[Comment] = []
    current: list[SourceLine] = []
    for number, raw in enumerate(lines, start=1):
        if DIRECTIVE.match(raw):
            lead = len(raw) - len(raw.lstrip())
            comments.append(
                Comment(text=raw.strip().lstrip("#").strip(), line=number, column=lead + 1)
            )
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


def _dominant_style(blocks: list[Block], candidates: list[int]) -> str | None:
    """``prefixed`` or ``numbered`` when the page marks its questions that way."""
    styles = [blocks[i].style for i in candidates]
    for style in ("prefixed", "numbered"):
        count = styles.count(style)
        enough = count >= 2 or (count == 1 and len(styles) == 1)
        if enough and (style == "prefixed" or count * 2 >= len(styles)):
            return style
    return None


def question_indexes(blocks: list[Block]) -> list[int]:
    """Pick the blocks that start entries."""
    for block in blocks:
        _analyze(block)
    candidates = [i for i, b in enumerate(blocks) if b.question is not None]
    dominant = _dominant_style(blocks, candidates)
    if dominant:
        candidates = [i for i in candidates if blocks[i].style == dominant]
    else:
        separate = [i for i in candidates if blocks[i].style != "attached"]
        if any(strong_question(blocks[i].question_text) for i in separate):
            candidates = separate

    # Questions right after a line ending in ":" ("Your doctor may ask:") are a
    # list inside the answer, and so are the questions that directly follow them.
    # A question without "?" inside such a list of short lines ("People at risk
    # include those who:" ... "Have heart problems") is a list item too.
    kept: list[int] = []
    listed: set[int] = set()
    candidate_set = set(candidates)
    in_list = False
    for i, block in enumerate(blocks):
        if i in candidate_set and block.style != "prefixed" and kept:
            after_colon = blocks[i - 1].lines[-1].text.endswith(":") or (i - 1 in listed)
            weak = not strong_question(block.question_text) and not INFO_REQUEST.match(
                block.question_text
            )
            if after_colon or (in_list and weak):
                listed.add(i)
                continue
        if i in candidate_set:
            kept.append(i)
            in_list = False
        elif block.lines[-1].text.endswith(":"):
            in_list = True
        elif not block.single:
            in_list = False
    candidate_set = set(kept)

    chosen: list[int] = []
    for i in kept:
        text = blocks[i].question_text
        if not strong_question(text) and not blocks[i].rest and blocks[i].style != "prefixed":
            # Without "?" a line is a question only if prose follows it.
            nxt = i + 1
            if nxt >= len(blocks) or nxt in candidate_set:
                continue
        chosen.append(i)

    # An answer line that ends in "?" and is followed by more prose of the same
    # answer can still look like a question. When a page's questions share the
    # "What is (are) X ?" style, with a space before "?", prefer that style.
    if len(chosen) >= 3:
        spaced = [blocks[i].question_text.endswith(" ?") for i in chosen]
        if sum(spaced) >= 0.8 * len(spaced) and sum(spaced) < len(spaced):
            chosen = [
                i
                for i in chosen
                if blocks[i].question_text.endswith(" ?")
                or not strong_question(blocks[i].question_text)
            ]
    return chosen


def _reference_of(source: SourceLine) -> Reference | None:
    parsed = parse_reference_item(source.text)
    if parsed is None:
        return None
    marker, text = parsed
    return Reference(marker=marker, text=text, line=source.line, column=source.column)


def _split_trailing_references(
    blocks: list[Block],
) -> tuple[list[Block], list[Reference], int | None]:
    """Take a closing references section (a heading, or a numbered list of citations) off."""
    heading_index: int | None = None
    for index in range(len(blocks) - 1, -1, -1):
        if REFERENCE_HEADING.match(blocks[index].first.text):
            heading_index = index
            break
    if heading_index is not None:
        cut = heading_index
    else:
        # Trailing blocks whose every line is a numbered item that reads like a citation.
        index = len(blocks)
        while index > 0 and all(parse_reference_item(sl.text) for sl in blocks[index - 1].lines):
            index -= 1
        items = [sl for block in blocks[index:] for sl in block.lines]
        if index == len(blocks) or index == 0:
            return blocks, [], None
        if sum(looks_like_citation(sl.text) for sl in items) * 2 < len(items):
            return blocks, [], None
        cut = index
    references: list[Reference] = []
    for position, block in enumerate(blocks[cut:]):
        for l_index, source in enumerate(block.lines):
            if position == 0 and l_index == 0 and heading_index is not None:
                rest = REFERENCE_HEADING.match(source.text)
                if rest:
                    continue
            reference = _reference_of(source)
            if reference is not None:
                references.append(reference)
            elif references and l_index > 0:
                references[-1].text += " " + source.text
            else:
                references.append(
                    Reference(marker="", text=source.text, line=source.line, column=source.column)
                )
    return blocks[:cut], references, blocks[cut].first.line


def _disclaimer_block(block: Block) -> bool:
    text = " ".join(sl.text for sl in block.lines)
    return starts_like_disclaimer(text) or reads_like_disclaimer(text)


def _meta_of(block: Block) -> dict[str, str] | None:
    return metadata_lines([sl.text for sl in block.lines])


def _peel_tail(
    blocks: list[Block], metadata: dict[str, str], disclaimer: Block | None
) -> Block | None:
    """Take closing metadata lines ("Last reviewed: ...") and a "Disclaimer:" block off."""
    while blocks:
        found = _meta_of(blocks[-1])
        if found is not None:
            metadata.update(found)
            blocks.pop()
        elif (
            disclaimer is None and len(blocks) > 2 and starts_like_disclaimer(blocks[-1].first.text)
        ):
            disclaimer = blocks.pop()
        else:
            break
    return disclaimer


def parse_text(text: str, path: str) -> Document:
    """Parse a plain-text FAQ page."""
    blocks, comments = _blocks(text.split("\n"))
    metadata: dict[str, str] = {}
    disclaimer = _peel_tail(blocks, metadata, None)
    blocks, references, references_line = _split_trailing_references(blocks)
    disclaimer = _peel_tail(blocks, metadata, disclaimer)
    starts = question_indexes(blocks)
    if disclaimer is None and blocks and starts:
        last = blocks[-1]
        # A closing disclaimer, but never the only answer paragraph of the last question.
        keeps_answer = len(blocks) - 1 > starts[-1] + 1 or (
            len(blocks) - 1 == starts[-1] + 1 and bool(blocks[starts[-1]].rest)
        )
        if keeps_answer and _disclaimer_block(last):
            disclaimer = blocks.pop()
    document = Document(
        path=path,
        format="text",
        references=references,
        references_line=references_line,
    )
    if disclaimer is not None:
        document.disclaimer = strip_disclaimer_label(" ".join(sl.text for sl in disclaimer.lines))
        document.disclaimer_line = disclaimer.first.line
    ids = IdMaker()
    first_start = starts[0] if starts else len(blocks)
    for index, block in enumerate(blocks[:first_start]):
        # "Last reviewed: ..." / "Page owner: ..." lines before the questions are metadata.
        lines = []
        for source in block.lines:
            found = metadata_lines([source.text])
            if found is None:
                lines.append(source)
            else:
                metadata.update(found)
        if not lines:
            continue
        if (
            index == 0
            and len(lines) == 1
            and len(lines[0].text) <= MAX_TITLE_CHARS
            and lines[0].text[-1] not in ".!?;,"
        ):
            document.title = lines[0].text
            document.title_line = lines[0].line
            continue
        anchors, offset = [], 0
        for source in lines:  # each line's place in the joined text (for the intro's checks)
            anchors.append(Anchor(offset=offset, line=source.line, column=source.column))
            offset += len(source.text) + 1
        document.stray_text.append(
            StrayText(
                text=" ".join(sl.text for sl in lines),
                line=lines[0].line,
                column=lines[0].column,
                anchors=anchors,
            )
        )
    if metadata:
        apply_metadata(document, metadata)
    tail = min(
        (n for n in (references_line, document.disclaimer_line) if n is not None), default=10**9
    )
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(blocks)
        block = blocks[start]
        question_lines = block.question or [block.first]
        answer_lines: list[SourceLine | None] = []
        prefixed = block.style == "prefixed"
        if block.rest:
            rest = block.rest
            answer_lines.extend(_strip_answer_prefix(rest) if prefixed else rest)
        for index, following in enumerate(blocks[start + 1 : end]):
            if answer_lines:
                answer_lines.append(None)
            lines = following.lines
            if index == 0 and not block.rest and prefixed:
                lines = _strip_answer_prefix(lines)
            answer_lines.extend(lines)
        first_line = question_lines[0].line
        last_line = blocks[end].first.line if end < len(blocks) else tail
        document.entries.append(
            build_entry(
                ids,
                " ".join(sl.text for sl in question_lines),
                Position(line=question_lines[0].line, column=question_lines[0].column),
                answer_lines,
                comments=[c for c in comments if first_line <= c.line < last_line],
            )
        )
    in_entries = {id(c) for e in document.entries for c in e.comments}
    document.comments = [c for c in comments if id(c) not in in_entries]
    return document
