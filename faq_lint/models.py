"""Structured records: documents, entries, references, findings and the report.

Data flows one way: files are parsed into :class:`Document` records, checks turn
records into :class:`Finding` records, and renderers turn a :class:`Report` into
text, JSON and the other output formats.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = 1

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

Category = Literal[
    "structure",
    "readability",
    "spelling",
    "disclaimer",
    "citation",
    "reference",
    "duplicate",
    "contradiction",
    "metadata",
    "style",
]
CATEGORIES: tuple[str, ...] = (
    "structure",
    "readability",
    "spelling",
    "disclaimer",
    "citation",
    "reference",
    "duplicate",
    "contradiction",
    "metadata",
    "style",
)

Format = Literal["text", "markdown", "yaml", "json", "jsonld", "jsonl", "csv"]


class Record(BaseModel):
    """Base of every faq-lint record.

    ``defer_build``: pydantic builds a model's validator on its first validation, not at
    import, so a run pays only for the models it validates (start-up of a one-page run).
    """

    model_config = ConfigDict(defer_build=True)


class Position(Record):
    """A 1-based line and column in the original file."""

    model_config = ConfigDict(frozen=True)

    line: int = 1
    column: int = 1


class Anchor(Record):
    """Where a stretch of a record's text starts in the original file.

    ``offset`` is a character offset into the record's text (question or
    answer); every character from there up to the next anchor sits on ``line``,
    ``column + (index - offset)``.
    """

    model_config = ConfigDict(frozen=True)

    offset: int
    line: int
    column: int


class Comment(Record):
    """A comment kept from the source (HTML comment, ``# ...`` line, ``lint-ignore`` key)."""

    text: str
    line: int
    column: int = 1


class Reference(Record):
    """One listed reference of a document: its marker (``10``, ``[3]``, ``Smith 2020``) and text."""

    marker: str
    text: str
    line: int = 1
    column: int = 1


def _anchor_offset(anchor: Anchor) -> int:
    return anchor.offset


class Entry(Record):
    """One question and its answer."""

    id: str
    question: str
    answer: str = ""
    paragraphs: list[str] = Field(default_factory=list)
    question_position: Position = Field(default_factory=Position)
    answer_position: Position = Field(default_factory=Position)
    end_line: int = 1
    answer_anchors: list[Anchor] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    def locate(self, offset: int) -> Position:
        """Return the file position of character ``offset`` of the answer."""
        anchors = self.answer_anchors
        if not anchors:
            return self.answer_position
        # key= (no list of every offset per call): a long answer with many anchors and
        # many findings stays O(findings * log anchors), not quadratic.
        index = max(0, bisect_right(anchors, offset, key=_anchor_offset) - 1)
        anchor = anchors[index]
        return Position(line=anchor.line, column=anchor.column + max(0, offset - anchor.offset))


class StrayText(Record):
    """Text that belongs to no entry (not a title, disclaimer or reference either).

    Text before the first question (an intro, a "Content supplied by ..." line) is page
    content: :meth:`Document.intro` and :meth:`Document.intro_entries` give it to the
    text rules. ``anchors`` (when the parser knows them) place each stretch of a text
    joined from several lines, as ``Entry.answer_anchors`` do for an answer.
    """

    text: str
    line: int
    column: int = 1
    anchors: list[Anchor] = Field(default_factory=list)


class ParseProblem(Record):
    """A problem the parser met: a broken file, an undecodable byte, a wrong shape."""

    kind: Literal["unreadable", "malformed", "encoding", "shape", "too-large"]
    message: str
    line: int = 1
    column: int = 1


class Document(Record):
    """One parsed file."""

    path: str
    format: Format
    title: str | None = None
    title_line: int | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    reviewed: str | None = None
    owner: str | None = None
    disclaimer: str | None = None
    disclaimer_line: int | None = None
    references: list[Reference] = Field(default_factory=list)
    references_line: int | None = None
    entries: list[Entry] = Field(default_factory=list)
    stray_text: list[StrayText] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    problems: list[ParseProblem] = Field(default_factory=list)
    encoding: str = "utf-8"

    _intro_entries: list[Entry] | None = PrivateAttr(default=None)

    def intro(self) -> list[StrayText]:
        """The text before the first question (an intro paragraph, a source line): page
        content that the text rules check like an answer. All the stray text when the
        page has no question."""
        if not self.entries:
            return list(self.stray_text)
        first = self.entries[0].question_position.line
        return [stray for stray in self.stray_text if stray.line < first]

    def intro_entries(self) -> list[Entry]:
        """:meth:`intro` as entries with no question (ids ``intro``, ``intro-2``, ...), so
        an entry check can check the text and place a finding (``Entry.locate``). They
        are not in ``entries``: a finding about one belongs to no entry (give its Hit
        ``entry=None`` and ``document=``)."""
        if self._intro_entries is None:
            made: list[Entry] = []
            for number, stray in enumerate(self.intro(), start=1):
                start = Position(line=stray.line, column=stray.column)
                anchors = stray.anchors or [Anchor(offset=0, line=stray.line, column=stray.column)]
                made.append(
                    Entry(
                        id="intro" if number == 1 else f"intro-{number}",
                        question="",
                        answer=stray.text,
                        paragraphs=[stray.text],
                        question_position=start,
                        answer_position=start,
                        end_line=max(a.line for a in anchors),
                        answer_anchors=anchors,
                    )
                )
            self._intro_entries = made
        return self._intro_entries


class Related(Record):
    """Another entry a finding is about."""

    path: str
    line: int
    question: str | None = None


class Finding(Record):
    """One problem found by one rule."""

    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    entry_id: str | None = None
    question: str | None = None
    related: list[Related] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    fingerprint: str | None = Field(
        default=None,
        description="Stable key of this finding: file, rule, entry and a hash of the matched text.",
    )


class Readability(Record):
    """Readability figures of a whole document."""

    flesch_kincaid_grade: float | None = None
    smog_index: float | None = None
    flesch_reading_ease: float | None = None
    words: int = 0
    sentences: int = 0


class DocumentSummary(Record):
    """Per-document line of the report."""

    path: str
    format: Format
    entries: int
    title: str | None = None
    reviewed: str | None = None
    readability: Readability | None = None


class Tool(Record):
    name: str = "faq-lint"
    version: str


class Summary(Record):
    files: int
    entries: int
    findings: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    hidden_by_baseline: int = Field(
        default=0,
        description="Findings not reported because the baseline file records them "
        "(--no-baseline reports them); not counted in the other figures.",
    )
    baseline: str | None = Field(default=None, description="The baseline file in force.")


class Report(Record):
    """The JSON report (``schema_version`` 1 of the public contract)."""

    schema_version: int = SCHEMA_VERSION
    tool: Tool
    summary: Summary
    documents: list[DocumentSummary]
    findings: list[Finding]

    # Never serialised (not part of the JSON contract): what renderers that show more
    # than the findings (the HTML report) need. Set by ``api.lint``; empty otherwise.
    _documents: list[Document] = PrivateAttr(default_factory=list)  # the parsed files
    _rules: list[Any] = PrivateAttr(default_factory=list)  # checks.base.Rule in force
    _target_grade: float | None = PrivateAttr(default=None)  # the project's reading target
