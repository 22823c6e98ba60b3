"""Markdown FAQ pages: question headings start entries.

- YAML front matter (``---`` ... ``---``) is the page's metadata: title, reviewed,
  owner, disclaimer and references are read from it.
- The heading level that holds most question-like headings is the question
  level; every heading at that level starts an entry. A non-question heading at
  that level still starts one (FAQ004 then asks for a question); a deeper heading
  ("### Massage therapy") stays inside the answer, a shallower one is a section.
- A first ``# Title`` that is not a question is the page title.
- A "References"/"Sources" section (a heading or a line of its own) lists the
  page's references; numbered items keep their marker (``1.``, ``[1]``, ``(1)``).
- A "Disclaimer" section, or a closing paragraph or blockquote that reads like a
  medical disclaimer, is the page's disclaimer.
- HTML comments are kept as :class:`~faq_lint.models.Comment` records on the entry
  they are in, or on the document (``<!-- faq-lint: ignore FAQ101 -->``).
- With no question headings at all, questions are found as in plain text
  (a question paragraph such as ``**What is gout?**``, or ``Q:``/``A:`` lines).

The block structure comes from markdown-it-py; answer text keeps its lines and
paragraphs, loses the inline markup (emphasis, link targets, HTML tags), and
every character still points at its line and column in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import Any

from markdown_it import MarkdownIt

from faq_lint.models import Anchor, Comment, Document, ParseProblem, Reference, StrayText
from faq_lint.parsers.common import IdMaker, SourceLine
from faq_lint.parsers.layout import (
    ANSWER_PREFIX,
    NUMBER_PREFIX,
    QUESTION_PREFIX,
    REFERENCE_HEADING,
    apply_metadata,
    looks_like_question,
    metadata_lines,
    parse_reference_item,
    reads_like_disclaimer,
    starts_like_disclaimer,
    strip_disclaimer_label,
)
from faq_lint.parsers.mapped import Mapped, entry_from_mapped
from faq_lint.reading import ParseError

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_MASK = "\x00"
# Spans are bounded (300 characters): an unclosed "[", "**" or "_" then costs at most
# that much scanning, so a hostile 1 MB line stays linear instead of quadratic.
_INLINE = re.compile(
    r"(?P<mask>\x00+)"
    r"|(?P<image>!\[(?P<alt>[^\]]{0,300})\]\((?P<isrc>(?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<link>\[(?P<ltext>[^\]]{1,300})\]\((?P<href>(?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<auto><(?P<url>(?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s]+\.[^>\s]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<escape>\\(?=[!-/:-@\[-`{-~]))"
    r"|(?P<code>(?P<ticks>`+)(?P<ctext>[^`]+?)(?P=ticks))"
    r"|(?P<strong>(?P<smark>\*\*|__|~~)(?=\S)(?P<stext>.{1,300}?)(?<=\S)(?P=smark))"
    r"|(?P<em>(?<![\w*\\])(?P<emark>[*_])(?=[^\s*_])(?P<etext>.{1,300}?)(?<=[^\s\\])(?P=emark)(?![\w*]))"
)
_PAIRED = {"code": "ctext", "strong": "stext", "em": "etext"}
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_BOLD_LINE = re.compile(r"^(\*\*|__).+(\*\*|__)[ \t]*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_MAX_DISCLAIMER_CHARS = 1500


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def clean_inline(line: Mapped, links: list[dict[str, Any]] | None = None, depth: int = 0) -> Mapped:
    """Drop inline markup from one line; the kept characters keep their positions."""
    text = line.text
    if not any(c in text for c in "*_`[<&\\!~\x00"):
        return line
    spans: list[tuple[int, int, str]] = []
    nested = False
    for match in _INLINE.finditer(text):
        kind = match.lastgroup
        if kind in ("image", "link"):
            group = "alt" if kind == "image" else "ltext"
            spans.append((match.start(), match.start(group), ""))
            spans.append((match.end(group), match.end(), ""))
            if links is not None and kind == "link":
                line_no, column = line.position(match.start(group))
                links.append(
                    {
                        "text": match.group(group),
                        "url": match.group("href"),
                        "line": line_no,
                        "column": column,
                    }
                )
        elif kind == "auto":
            spans.append((match.start(), match.start("url"), ""))
            spans.append((match.end("url"), match.end(), ""))
        elif kind in _PAIRED:
            group = _PAIRED[kind]
            spans.append((match.start(), match.start(group), ""))
            spans.append((match.end(group), match.end(), ""))
            nested = nested or kind != "code"
        elif kind == "entity":
            spans.append((match.start(), match.end(), unescape(match.group())))
        else:
            spans.append((match.start(), match.end(), ""))
    spans = [s for s in spans if s[0] < s[1]]
    if not spans:
        return line
    cleaned = line.replace_spans(spans)
    # Emphasis inside emphasis ("**a *b* c**"): one more pass.
    return clean_inline(cleaned, None, depth + 1) if nested and depth < 3 else cleaned


@dataclass
class Block:
    """One top-level Markdown block with its cleaned text lines (None: paragraph break)."""

    kind: str
    start: int  # first line, 1-based
    end: int  # last line, 1-based
    level: int = 0
    lines: list[Mapped | None] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    after_rule: bool = False
    links: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(m.text.strip() for m in self.lines if m is not None and m.text.strip())

    def mapped(self) -> Mapped:
        """The block's text as one mapped string (lines joined, breaks kept)."""
        parts: list[Mapped] = []
        for item in self.lines:
            if parts:
                parts.append(Mapped("\n" if item is not None else "\n\n", []))
            if item is not None:
                parts.append(item)
        return Mapped.join(parts)


_TOKEN_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "blockquote_open": "blockquote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "fence": "fence",
    "code_block": "code",
    "html_block": "html",
    "table_open": "table",
    "hr": "rule",
}


def _structure(body: str, lines: list[str], first_line: int) -> list[Block]:
    """Top-level blocks from markdown-it, plus lines it left out (link definitions)."""
    blocks: list[Block] = []
    covered: set[int] = set()
    for token in _markdown().parse(body):
        if token.level != 0 or token.map is None or token.type not in _TOKEN_KINDS:
            continue
        start, end = token.map
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        kind = _TOKEN_KINDS[token.type]
        level = int(token.tag[1]) if kind == "heading" else 0
        blocks.append(Block(kind=kind, start=start + 1, end=end, level=level))
        covered.update(range(start, token.map[1]))
    for index in range(first_line, len(lines)):
        if index not in covered and lines[index].strip():
            if blocks and blocks[-1].kind == "raw" and blocks[-1].end == index:
                blocks[-1].end = index + 1
            else:
                blocks.append(Block(kind="raw", start=index + 1, end=index + 1))
    blocks.sort(key=lambda b: b.start)
    return blocks


def _fill(block: Block, masked: list[str]) -> None:
    """Set the block's raw lines and its cleaned, position-mapped text lines."""
    raw = masked[block.start - 1 : block.end]
    block.raw = raw
    out: list[Mapped | None] = []
    if block.kind == "heading":
        first = raw[0]
        match = _ATX.match(first)
        if match:
            content = Mapped.at(first, block.start, 1).slice(match.end())
            close = _ATX_CLOSE.search(content.text)
            if close:
                content = content.slice(0, close.start())
            out.append(clean_inline(content.strip(), block.links))
        else:  # setext: text lines, then the === / --- underline
            for offset, line in enumerate(raw[:-1]):
                out.append(clean_inline(Mapped.at(line, block.start + offset, 1).strip()))
        block.lines = out
        return
    if block.kind in ("fence", "code"):
        body = raw[1:-1] if block.kind == "fence" and _FENCE.match(raw[0]) else raw
        skip = 1 if block.kind == "fence" else 0
        if block.kind == "fence" and body and raw and not _FENCE.match(raw[-1]):
            body = raw[1:]
        for offset, line in enumerate(body):
            number = block.start + skip + offset
            out.append(Mapped.at(line, number, 1).strip() if line.strip() else None)
        block.lines = out
        return
    for offset, line in enumerate(raw):
        number = block.start + offset
        mapped = Mapped.at(line, number, 1)
        if block.kind == "blockquote":
            while True:
                match = _QUOTE_MARK.match(mapped.text)
                if not match:
                    break
                mapped = mapped.slice(match.end())
        if block.kind == "table":
            if _TABLE_RULE.match(mapped.text):
                continue
            stripped = mapped.strip()
            if stripped.text.startswith("|"):
                stripped = stripped.slice(1)
            if stripped.text.endswith("|"):
                stripped = stripped.slice(0, len(stripped.text) - 1)
            mapped = stripped
        if not mapped.text.strip():
            if block.kind != "list":
                out.append(None)
            continue
        cleaned = clean_inline(mapped.strip(), block.links)
        if cleaned.text.strip():
            out.append(cleaned.strip())
    while out and out[-1] is None:
        out.pop()
    block.lines = out


def _heading_question(block: Block) -> Mapped | None:
    """The question of a heading with a ``Q:`` or number prefix removed."""
    if not block.lines or block.lines[0] is None:
        return None
    text = Mapped.join(
        [m if i == 0 else Mapped(" ", []) + m for i, m in enumerate(block.lines) if m is not None]
    )
    for prefix in (QUESTION_PREFIX, NUMBER_PREFIX):
        match = prefix.match(text.text)
        if match:
            return text.slice(match.end())
    return text


def _is_question_heading(block: Block) -> bool:
    question = _heading_question(block)
    return question is not None and looks_like_question(question.text)


@dataclass
class _Open:
    """An entry being collected: its question and answer blocks."""

    question: Mapped
    start: int
    blocks: list[Block] = field(default_factory=list)
    section: str | None = None
    end: int = 0


# Closing matter after the last answer, set off as a paragraph of its own that starts
# with its label: "For more information visit:", "Helpful links:", "Questions about this
# program can be directed to ...", "Sources: Drug Enforcement Agency, ...".
_CLOSING_LABEL = re.compile(
    r"^[*_]{0,2}(?:for\s+more\s+info(?:rmation)?|more\s+information|to\s+learn\s+more|learn\s+more"
    r"|additional\s+(?:information|resources)|other\s+resources|helpful\s+(?:links|resources)"
    r"|useful\s+links|related\s+links|resources)\b[^.\n]{0,40}:[*_]{0,2}$"
    r"|^[*_]{0,2}questions\s+about\s+this\s+(?:program|page|service|website|site)\b",
    re.IGNORECASE,
)
_SOURCES_LABEL = re.compile(r"^[*_]{0,2}(?:sources?|references?)[*_]{0,2}\s*:", re.IGNORECASE)


def _closing_matter(entries: list[_Open]) -> list[Block]:
    """The last answer's closing paragraphs (see :data:`_CLOSING_LABEL`), taken out of it:
    page matter, not part of the answer. A "Sources:" paragraph counts only when no other
    answer has one (where every answer ends with its source, it is the answer's)."""
    if not entries:
        return []
    blocks = entries[-1].blocks
    for at in range(1, len(blocks)):
        block = blocks[at]
        text = block.text.strip()
        if block.kind != "paragraph" or not text:
            continue
        if _CLOSING_LABEL.match(text) or (
            _SOURCES_LABEL.match(text)
            and not any(
                b.kind == "paragraph" and _SOURCES_LABEL.match(b.text.strip())
                for other in entries[:-1]
                for b in other.blocks
            )
        ):
            taken = blocks[at:]
            del blocks[at:]
            return taken
    return []


def _title_heading(blocks: list[Block], headings: list[Block]) -> Block | None:
    """The page's first ``# heading`` when it is a title that only starts like a question
    ("# What You Should Know About Flu Antiviral Drugs", no question mark) above deeper
    question headings ("## Who should take antiviral drugs?"): the page title, not a
    question that would swallow the page."""
    first = next((b for b in blocks if b.kind not in ("rule", "raw") and b.text), None)
    if first is None or first.kind != "heading" or first.level != 1:
        return None
    if first.text.rstrip(" *_").endswith("?") or not _is_question_heading(first):
        return None
    deeper = any(h.level > 1 and _is_question_heading(h) for h in headings if h is not first)
    return first if deeper else None


def _front_matter(lines: list[str], document: Document) -> int:
    """Read YAML front matter into ``document``; return the number of lines it takes."""
    if not lines or lines[0].strip() != "---":
        return 0
    close = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if close is None:
        return 0
    from faq_lint.parsers.tree import EntryBuilder
    from faq_lint.parsers.yaml_format import load_tree

    try:
        node = load_tree("\n".join(lines[1:close]), line_offset=1)
    except ParseError as exc:
        document.problems.append(
            ParseProblem(
                kind="malformed",
                message=f"front matter: {exc.message}",
                line=exc.line,
                column=exc.column,
            )
        )
        return close + 1
    if node is None:
        return close + 1
    if node.kind != "map":
        document.problems.append(
            ParseProblem(
                kind="shape",
                message="front matter should be a mapping of keys such as title and reviewed",
                line=2,
            )
        )
        return close + 1
    EntryBuilder(document).metadata(node, set())
    return close + 1


def _references_from(blocks: list[Block]) -> list[Reference]:
    references: list[Reference] = []
    for block in blocks:
        if block.kind in ("rule", "heading"):
            continue
        for offset, raw_line in enumerate(block.raw):
            number = block.start + offset
            line = raw_line.replace(_MASK, "")
            stripped = line.strip()
            if not stripped or REFERENCE_HEADING.match(stripped):
                continue
            column = len(line) - len(line.lstrip()) + 1
            bullet = re.match(r"^[-*+]\s+", stripped)
            item_text = stripped[bullet.end() :] if bullet else stripped
            if bullet:
                column += bullet.end()
            parsed = parse_reference_item(item_text)
            if parsed:
                marker, text = parsed
                references.append(Reference(marker=marker, text=text, line=number, column=column))
            elif bullet or not references or block.kind == "paragraph" and offset == 0:
                references.append(Reference(marker="", text=item_text, line=number, column=column))
            else:
                references[-1].text += " " + item_text
    return references


def _disclaimer_like(block: Block, closing: bool) -> bool:
    """Whether a block is the page's disclaimer (by its wording and where it sits)."""
    if block.kind not in ("paragraph", "blockquote", "html"):
        return False
    text = block.text
    if not text or len(text) > _MAX_DISCLAIMER_CHARS:
        return False
    if starts_like_disclaimer(text):
        return True
    if not closing:
        return reads_like_disclaimer(text) and block.kind == "blockquote"
    set_off = block.kind == "blockquote" or block.after_rule
    return reads_like_disclaimer(text, allow_referral=set_off)


def parse_markdown(text: str, path: str) -> Document:
    """Parse a Markdown FAQ page."""
    document = Document(path=path, format="markdown")
    # markdown-it also breaks lines at a lone carriage return; keep one line per "\n".
    lines = text.replace("\r", " ").split("\n")
    skip = _front_matter(lines, document)
    body_lines = [""] * skip + lines[skip:]
    body = "\n".join(body_lines)

    # HTML comments: kept as records, masked out of the text.
    code_lines: set[int] = set()
    blocks = _structure(body, body_lines, skip)
    for block in blocks:
        if block.kind in ("fence", "code"):
            code_lines.update(range(block.start, block.end + 1))
    comments: list[Comment] = []
    masked_chars = list(body)
    starts = [0]
    for index, char in enumerate(body):
        if char == "\n":
            starts.append(index + 1)
    for match in _COMMENT.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        if line in code_lines:
            continue
        column = match.start() - starts[line - 1] + 1
        comments.append(Comment(text=match.group(1).strip(), line=line, column=column))
        for index in range(match.start(), match.end()):
            if masked_chars[index] != "\n":
                masked_chars[index] = _MASK
    masked = "".join(masked_chars).split("\n")
    after_rule = False
    for block in blocks:
        _fill(block, masked)
        block.after_rule = after_rule
        after_rule = block.kind == "rule" or (after_rule and not block.text)

    headings = [b for b in blocks if b.kind == "heading"]
    title_heading = _title_heading(blocks, headings)
    counts: dict[int, int] = {}
    for heading in headings:
        if heading is title_heading:
            continue
        if _is_question_heading(heading) and not REFERENCE_HEADING.match(heading.text):
            counts[heading.level] = counts.get(heading.level, 0) + 1
    question_level = min(counts, key=lambda lv: (-counts[lv], lv)) if counts else None

    entries: list[_Open] = []
    flow: list[Block] = []  # content outside entries, in order
    references: list[Block] = []
    disclaimer: list[Block] = []
    state = "pre"
    section_level = 0
    section: str | None = None
    current: _Open | None = None
    page_heading_seen = False
    page_meta: dict[str, str] = {}
    meta_blocks: set[int] = set()

    def close_current(line: int) -> None:
        nonlocal current
        if current is not None:
            current.end = line - 1
            current = None

    for block in blocks:
        if block.kind == "rule":
            continue
        if block.kind == "heading":
            heading_text = block.text
            if state in ("references", "disclaimer") and block.level > section_level:
                continue
            if REFERENCE_HEADING.match(heading_text):
                close_current(block.start)
                state, section_level = "references", block.level
                if document.references_line is None:
                    document.references_line = block.start
                continue
            if starts_like_disclaimer(heading_text) and len(heading_text) < 40:
                close_current(block.start)
                state, section_level = "disclaimer", block.level
                if document.disclaimer_line is None:
                    document.disclaimer_line = block.start
                continue
            is_question = _is_question_heading(block) and block is not title_heading
            if block.level == 1 and not page_heading_seen and not entries and not flow:
                page_heading_seen = True
                if not is_question:
                    # The page heading: the title unless front matter gave one.
                    if document.title is None:
                        document.title = heading_text
                        document.title_line = block.start
                    continue
            if question_level is not None and block.level <= question_level:
                close_current(block.start)
                if block.level < question_level:
                    section, state = heading_text, "pre"
                    continue
                question = _heading_question(block)
                if question is None:
                    continue
                current = _Open(question=question, start=block.start, section=section)
                entries.append(current)
                state = "entry"
                continue
            # A deeper heading (or any heading without question headings): content.
        if block.kind == "paragraph":
            found = metadata_lines([m.text for m in block.lines if m is not None])
            if found is not None:  # "Last reviewed: 1 May 2024" is metadata, not text
                page_meta.update(found)
                meta_blocks.add(id(block))
                continue
        if state == "references":
            if _disclaimer_like(block, closing=True) and block is blocks[-1]:
                disclaimer.append(block)
            else:
                references.append(block)
            continue
        if state == "disclaimer":
            disclaimer.append(block)
            continue
        if block.kind == "paragraph" and REFERENCE_HEADING.match(block.text):
            close_current(block.start)
            state, section_level = "references", 7
            if document.references_line is None:
                document.references_line = block.start
            continue
        if state == "entry" and current is not None:
            if block.kind != "raw":
                current.blocks.append(block)
            continue
        if question_level is None or block.kind != "raw":
            flow.append(block)

    if question_level is None:
        entries, flow = _entries_by_layout(flow)
    flow.extend(_closing_matter(entries))

    # A closing disclaimer: the last block of the page after the last answer.
    if not disclaimer and document.disclaimer is None:
        last_entry = entries[-1] if entries else None

        def at_end(block: Block) -> bool:
            return not any(
                b.start > block.end and b.kind != "rule" and id(b) not in meta_blocks
                for b in blocks
            )

        if last_entry is not None and len(last_entry.blocks) >= 2:
            last = last_entry.blocks[-1]
            if at_end(last) and _disclaimer_like(last, closing=True):
                disclaimer.append(last_entry.blocks.pop())
        for block in list(flow):
            if _disclaimer_like(block, closing=at_end(block)):
                disclaimer.append(block)
                flow.remove(block)
    if disclaimer:
        text_parts = [b.text for b in disclaimer if b.text]
        if text_parts:
            document.disclaimer = strip_disclaimer_label(" ".join(text_parts))
        if document.disclaimer_line is None:
            document.disclaimer_line = disclaimer[0].start

    document.references.extend(_references_from(references))
    if page_meta:
        apply_metadata(document, page_meta)

    for block in flow:
        if block.kind in ("rule", "raw") or not block.text:
            continue
        first = next((m for m in block.lines if m is not None), None)
        line, column = first.position(0) if first is not None else (block.start, 1)
        document.stray_text.append(
            StrayText(text=block.text, line=line, column=column, anchors=_text_anchors(block))
        )

    ids = IdMaker()
    for index, open_entry in enumerate(entries):
        parts: list[Mapped] = []
        links: list[dict[str, Any]] = []
        for block in open_entry.blocks:
            if parts:
                parts.append(Mapped("\n\n", []))
            parts.append(block.mapped())
            links.extend(block.links)
        answer = Mapped.join(parts) if parts else None
        if open_entry.end == 0:
            following = entries[index + 1].start if index + 1 < len(entries) else None
            open_entry.end = (following - 1) if following else len(lines)
        metadata: dict[str, object] = {}
        if open_entry.section:
            metadata["section"] = open_entry.section
        if links:
            metadata["links"] = links
        line, column = open_entry.question.position(0)
        entry = entry_from_mapped(ids, open_entry.question, answer, metadata=metadata)
        entry.comments = [c for c in comments if open_entry.start <= c.line <= open_entry.end]
        document.entries.append(entry)
    taken = {id(c) for e in document.entries for c in e.comments}
    document.comments = [c for c in comments if id(c) not in taken]
    return document


def _text_anchors(block: Block) -> list[Anchor]:
    """Where each stretch of ``block.text`` (its lines stripped, joined by spaces) sits
    in the file, so a check of text outside the entries (the intro) can place a finding."""
    parts: list[Mapped] = []
    for item in block.lines:
        if item is None or not item.text.strip():
            continue
        if parts:
            parts.append(Mapped(" ", []))
        parts.append(item.strip())
    joined = Mapped.join(parts)
    return [Anchor(offset=o, line=line, column=col) for o, line, col in joined.anchors]


def _entries_by_layout(flow: list[Block]) -> tuple[list[_Open], list[Block]]:
    """No question headings: find questions by layout, as in plain text."""
    from faq_lint.parsers.text import Block as TextBlock
    from faq_lint.parsers.text import question_indexes

    units: list[tuple[Block, list[Mapped]]] = []
    for block in flow:
        if block.kind in ("rule", "raw"):
            continue
        group: list[Mapped] = []
        for offset, item in enumerate(block.lines):
            if item is None:
                if group:
                    units.append((block, group))
                    group = []
                continue
            group.append(item)
            # A whole line in bold that asks a question ("**What is gout?**") is a
            # question of its own, even with its answer right below it.
            if block.kind == "paragraph" and len(group) == 1 and offset < len(block.raw):
                raw = block.raw[offset].strip()
                if _BOLD_LINE.match(raw) and looks_like_question(item.text):
                    units.append((block, group))
                    group = []
        if group:
            units.append((block, group))
    text_blocks = []
    for _block, group in units:
        source = []
        for mapped in group:
            line, column = mapped.position(0)
            source.append(SourceLine(text=mapped.text, line=line, column=column))
        text_blocks.append(TextBlock(source))
    starts = question_indexes(text_blocks)
    if not starts:
        return [], flow
    entries: list[_Open] = []
    leftover: list[Block] = []
    for block, group in units[: starts[0]]:
        leftover.append(_unit_block(block, group))
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(units)
        text_block = text_blocks[start]
        block, group = units[start]
        count = len(text_block.question or [])
        first = group[0]
        cut = len(first.text) - len(text_block.question[0].text) if text_block.question else 0
        question_parts = [first.slice(cut)] + group[1:count]
        question = Mapped.join(
            [m if i == 0 else Mapped(" ", []) + m for i, m in enumerate(question_parts)]
        )
        open_entry = _Open(question=question, start=block.start)
        rest = group[count:]
        if rest:
            match = ANSWER_PREFIX.match(rest[0].text)
            if match:
                rest = [rest[0].slice(match.end()), *rest[1:]]
            open_entry.blocks.append(_unit_block(block, rest))
        for follow_block, follow_group in units[start + 1 : end]:
            if not open_entry.blocks:
                match = ANSWER_PREFIX.match(follow_group[0].text)
                if match:
                    follow_group = [follow_group[0].slice(match.end()), *follow_group[1:]]
            open_entry.blocks.append(_unit_block(follow_block, follow_group))
        entries.append(open_entry)
    return entries, leftover


def _unit_block(block: Block, group: list[Mapped]) -> Block:
    first_line = group[0].position(0)[0] if group else block.start
    last_line = group[-1].position(0)[0] if group else block.end
    return Block(
        kind=block.kind,
        start=first_line,
        end=last_line,
        level=block.level,
        lines=list(group),
        raw=block.raw,
        after_rule=block.after_rule,
        links=block.links,
    )
