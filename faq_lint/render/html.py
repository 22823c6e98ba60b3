"""HTML output: one self-contained page for editors and clinical reviewers.

The page opens from an e-mail attachment or a CI artifact: CSS and the small
filter script are inline, nothing is fetched (a Content-Security-Policy forbids
it), and every piece of text that comes from the content is escaped, so a page
containing ``<script>`` or ``onerror=`` shows it as text.

Layout, top to bottom: the verdict and counts by severity and category; the
reading level of the answers (inline SVG: the corpus against the target grade,
and per page); the filters; one section per page (score card, then each
question with its answer, the offending text highlighted, its findings in plain
words, the suggestion and a link to the rule); and the rules explained.

The renderer needs more than the JSON report: the parsed documents (to quote
the answers) and the rule declarations (to explain them). ``api.lint`` attaches
both to the report as private attributes that are never serialised; without
them the page still renders, from the findings alone.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any

from faq_lint.models import (
    CATEGORIES,
    SEVERITIES,
    Document,
    DocumentSummary,
    Entry,
    Finding,
    Related,
    Report,
)

DEFAULT_TARGET_GRADE = 8.0
GRADE_CAP = 20  # grades at or above this share the last bin of the charts
LONG_ANSWER = 1500  # characters; a longer answer scrolls in its box (not in print)
EXCERPT = 420  # characters of an answer shown beside another
MAX_SIDE_BY_SIDE = 2  # related entries shown in full beside a duplicate/contradiction

SEVERITY_LABEL = {"error": "Error", "warning": "Warning", "info": "Note"}
SEVERITY_ICON = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}  # ✖ ▲ ℹ
SEVERITY_PLURAL = {"error": "errors", "warning": "warnings", "info": "notes"}
CATEGORY_LABEL = {c: c.capitalize() for c in CATEGORIES}
CATEGORY_HELP = {
    "structure": "unreadable or malformed files, empty answers, questions that are not questions",
    "readability": "reading grade level, long sentences, jargon with a plain-language word",
    "spelling": "words not in the dictionary, the medical vocabulary or the project's word list",
    "disclaimer": "a page or answer that lacks the medical disclaimer it needs",
    "citation": "a medication or treatment claim with no citation",
    "reference": "a citation that points at no listed reference, or a reference nobody cites",
    "duplicate": "the same question or answer (exact or near) twice",
    "contradiction": "two answers that give opposing advice or facts",
    "metadata": "missing or stale review date, missing title or owner",
    "style": "house-style rules",
}

# Characters HTML does not allow in text (C0 controls but tab/newline/return, DEL, C1).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUOTED = re.compile(
    r"'([^']{3,}?)'|\u2018([^\u2019]{3,}?)\u2019|\"([^\"]{3,}?)\"|\u201c([^\u201d]{3,}?)\u201d"
)


def esc(value: object) -> str:
    """Escape any text for HTML text and double-quoted attributes."""
    if value is None:
        return ""
    text = html.escape(str(value), quote=True)
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


# --------------------------------------------------------------------------- grades


def answer_grade(text: str) -> float | None:
    """The Flesch-Kincaid grade of one answer, as the readability rules count it.

    None for an answer with no words, or when the formula fails on odd text (that
    must not sink the report).
    """
    from faq_lint.text.readability import answer_counts

    if not text.strip():
        return None
    try:
        counts = answer_counts(text)
    except Exception:
        return None
    if not counts.words:
        return None
    grade = counts.flesch_kincaid_grade()
    return round(grade, 1) if math.isfinite(grade) else None


# --------------------------------------------------------------------------- the view


@dataclass
class EntryView:
    anchor: str
    page: int
    question: str
    entry: Entry | None = None
    findings: list[tuple[int, Finding]] = field(default_factory=list)
    mirrors: list[tuple[int, Finding]] = field(default_factory=list)  # findings naming it
    grade: float | None = None

    @property
    def line(self) -> int | None:
        return self.entry.question_position.line if self.entry else None


@dataclass
class PageView:
    index: int
    path: str
    label: str
    short_path: str
    summary: DocumentSummary | None
    document: Document | None
    entries: list[EntryView] = field(default_factory=list)
    page_findings: list[tuple[int, Finding]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"page-{self.index}"

    def all_findings(self) -> list[Finding]:
        found = [f for _, f in self.page_findings]
        for entry in self.entries:
            found.extend(f for _, f in entry.findings)
        return found

    def grades(self) -> list[float]:
        return [e.grade for e in self.entries if e.grade is not None]


@dataclass
class View:
    report: Report
    pages: list[PageView]
    target: float
    rules: dict[str, RuleDoc]  # by code
    where: dict[int, str]  # finding number -> anchor of its entry or page
    locate: Callable[[str, int], EntryView | None]


def _short_paths(paths: Sequence[str]) -> dict[str, str]:
    """Paths relative to their common folder (the full path when there is one file)."""
    if len(paths) < 2:
        return {p: p for p in paths}
    try:
        common = os.path.commonpath([os.path.abspath(p) for p in paths])
    except ValueError:  # mixed drives
        return {p: p for p in paths}
    return {p: os.path.relpath(os.path.abspath(p), common) for p in paths}


def _memo(function: Callable[[str], float | None]) -> Callable[[str], float | None]:
    known: dict[str, float | None] = {}

    def remembered(text: str) -> float | None:
        if text not in known:
            known[text] = function(text)
        return known[text]

    return remembered


def build_view(report: Report) -> View:
    documents: list[Document] = list(getattr(report, "_documents", None) or [])
    by_path = {d.path: d for d in documents}
    summaries = list(report.documents)
    summarized = {s.path for s in summaries}
    extra = [f.path for f in report.findings if f.path not in summarized]
    paths = [s.path for s in summaries] + list(dict.fromkeys(extra))
    short = _short_paths(paths)

    grades = _memo(answer_grade)  # the same answer on several pages is graded once
    pages: list[PageView] = []
    page_of: dict[str, PageView] = {}
    for index, path in enumerate(paths):
        summary = summaries[index] if index < len(summaries) else None
        document = by_path.get(path)
        title = (summary.title if summary else None) or (document.title if document else None)
        page = PageView(
            index=index,
            path=path,
            label=title or os.path.basename(path) or path,
            short_path=short.get(path, path),
            summary=summary,
            document=document,
        )
        if document is not None:
            for number, entry in enumerate(document.entries):
                page.entries.append(
                    EntryView(
                        anchor=f"p{index}-e{number}",
                        page=index,
                        question=entry.question,
                        entry=entry,
                        grade=grades(entry.answer),
                    )
                )
        pages.append(page)
        page_of.setdefault(path, page)

    by_id: dict[tuple[str, str], EntryView] = {}
    by_line: dict[tuple[str, int], EntryView] = {}
    for page in pages:
        for view in page.entries:
            assert view.entry is not None
            by_id.setdefault((page.path, view.entry.id), view)
            by_line.setdefault((page.path, view.entry.question_position.line), view)

    def locate(path: str, line: int) -> EntryView | None:
        """The entry whose question is on ``line``, or whose text spans it."""
        hit = by_line.get((path, line))
        if hit is not None:
            return hit
        page = page_of.get(path)
        if page is None:
            return None
        for view in page.entries:
            if view.entry and view.entry.question_position.line <= line <= view.entry.end_line:
                return view
        return None

    where: dict[int, str] = {}
    pending: list[tuple[int, Finding, EntryView | None]] = []
    for number, finding in enumerate(report.findings, start=1):
        page = page_of[finding.path]
        owner = _entry_for(finding, page, by_id, locate)
        if owner is None:
            page.page_findings.append((number, finding))
            where[number] = page.anchor
        else:
            owner.findings.append((number, finding))
            where[number] = owner.anchor
        if finding.related:
            pending.append((number, finding, owner))
    # Back-links: an entry another finding names gets a note pointing to it, unless
    # it has a finding of the same rule itself (each copy of a duplicate reported).
    for number, finding, owner in pending:
        for related in finding.related:
            other = locate(related.path, related.line)
            if other is None or other is owner:
                continue
            if not any(f.rule == finding.rule for _, f in other.findings):
                other.mirrors.append((number, finding))

    docs = _rule_docs(report)
    return View(
        report=report,
        pages=pages,
        target=_target_grade(report, docs),
        rules=docs,
        where=where,
        locate=locate,
    )


def _entry_for(
    finding: Finding,
    page: PageView,
    by_id: dict[tuple[str, str], EntryView],
    locate: Callable[[str, int], EntryView | None],
) -> EntryView | None:
    if finding.question is None:
        return None  # a page-level finding
    if finding.entry_id is not None:
        view = by_id.get((finding.path, finding.entry_id))
        if view is not None:
            return view
    view = locate(finding.path, finding.line)
    if view is not None and view.question == finding.question:
        return view
    # No parsed document (or the entry moved): group by the question text.
    for candidate in page.entries:
        if candidate.question == finding.question:
            return candidate
    view = EntryView(
        anchor=f"p{page.index}-q{len(page.entries)}", page=page.index, question=finding.question
    )
    page.entries.append(view)
    return view


@dataclass
class RuleDoc:
    """A rule as the report explains it: its declaration and the severity in force."""

    spec: Any  # faq_lint.rulepack.RuleSpec
    severity: str
    options: dict[str, Any]


def _rule_docs(report: Report) -> dict[str, RuleDoc]:
    """The rules in force (``checks.base.Rule``) by code; the default pack for the rest."""
    docs: dict[str, RuleDoc] = {}
    for rule in getattr(report, "_rules", None) or []:
        spec = getattr(rule, "spec", rule)  # a Rule, or a bare RuleSpec
        docs[spec.code] = RuleDoc(
            spec=spec,
            severity=str(getattr(rule, "severity", spec.severity)),
            options=dict(getattr(rule, "options", spec.options)),
        )
    used = {f.rule for f in report.findings}
    if not docs or not used <= set(docs):
        try:
            from faq_lint.rulepack import load_rules

            for spec in load_rules():
                docs.setdefault(spec.code, RuleDoc(spec, spec.severity, dict(spec.options)))
        except Exception:  # a broken pack must not stop the report; rules show by code
            pass
    return dict(sorted(docs.items()))


def _target_grade(report: Report, docs: dict[str, RuleDoc]) -> float:
    """The reading target: the grade rule's own ``target-grade``, else the project's."""
    for doc in docs.values():
        if doc.spec.check == "reading-grade" and doc.options.get("target-grade") is not None:
            try:
                return float(doc.options["target-grade"])
            except (TypeError, ValueError):
                break
    target = getattr(report, "_target_grade", None)
    return float(target) if target is not None else DEFAULT_TARGET_GRADE


# --------------------------------------------------------------------------- text spans


def answer_offset(entry: Entry, line: int, column: int) -> int | None:
    """The answer character offset at file position ``line``:``column``, or None."""
    anchors = entry.answer_anchors
    if not anchors:
        start = entry.answer_position
        if line != start.line or column < start.column:
            return None
        offset = column - start.column
        return offset if offset <= len(entry.answer) else None
    for index, anchor in enumerate(anchors):
        if anchor.line != line or column < anchor.column:
            continue
        limit = anchors[index + 1].offset if index + 1 < len(anchors) else len(entry.answer)
        offset = anchor.offset + column - anchor.column
        if offset <= limit:
            return offset
    return None


def finding_span(entry: Entry, finding: Finding) -> tuple[str, int, int] | None:
    """Where a finding points: ``("answer"|"question", start, end)``, or None.

    From the finding's file position when it maps into the answer (a finding at the
    answer's start with no end is about the whole answer); a finding on the question
    line marks the question; otherwise the text the message quotes.
    """
    start = answer_offset(entry, finding.line, finding.column)
    if start is not None and finding.end_line is not None and finding.end_column is not None:
        end = answer_offset(entry, finding.end_line, finding.end_column)
        if end is not None and end > start:
            return "answer", start, end
    if start == 0 and finding.end_line is None and entry.answer:
        return "answer", 0, len(entry.answer)  # about the whole answer (e.g. a duplicate)
    position = entry.question_position
    if start is None and finding.line == position.line and entry.question:
        first = max(0, finding.column - position.column)
        last = len(entry.question)
        if finding.end_line == position.line and finding.end_column is not None:
            last = min(last, finding.end_column - position.column)
        if first >= last:
            first, last = 0, len(entry.question)
        return "question", first, last
    quoted = _quoted_text(finding.message)
    if quoted:
        found = entry.answer.find(quoted, start or 0)
        if found < 0:
            found = entry.answer.find(quoted)
        if found >= 0:
            return "answer", found, found + len(quoted)
    return None


def _quoted_text(message: str) -> str | None:
    for match in _QUOTED.finditer(message):
        text = next(g for g in match.groups() if g)
        if not text.endswith("\u2026"):
            return text
    return None


Span = tuple[int, int, int, str]  # start, end, finding number, severity


def highlight(text: str, spans: Sequence[Span]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>`` (overlaps split into segments).

    Each span's first segment carries the id ``m<number>``; after its last
    segment a small link back to the finding gives its number, so the highlight
    is never signalled by colour alone.
    """
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [s for s in spans if s[0] <= left and right <= s[1]]
        piece = esc(text[left:right])
        if not active:
            out.append(piece)
        else:
            starting = [s[2] for s in active if s[0] == left]
            # One id per element: further spans starting here get an empty anchor.
            out.extend(f'<span class="anchor" id="m{n}"></span>' for n in starting[1:])
            worst = max(active, key=lambda s: _rank(s[3]))[3]
            numbers = " ".join(f"f{s[2]}" for s in active)
            ident = f' id="m{starting[0]}"' if starting else ""
            out.append(
                f'<mark class="hl sev-{esc(worst)}"{ident} data-f="{numbers}">{piece}</mark>'
            )
        for span in spans:
            if span[1] == right:
                out.append(
                    f'<a class="mref" href="#f{span[2]}" aria-label="finding {span[2]}">'
                    f"{span[2]}</a>"
                )
    return "".join(out)


def _rank(severity: str) -> int:
    return {"info": 0, "warning": 1, "error": 2}.get(severity, 0)


# --------------------------------------------------------------------------- SVG charts


def _axis(x1: float, x2: float, y: float) -> str:
    return f'<line class="axis" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}"/>'


def _histogram_svg(grades: Sequence[float], target: float) -> str:
    width, height, left, right, top, bottom = 640, 220, 44, 12, 26, 40
    bins = [0] * (GRADE_CAP + 1)
    for grade in grades:
        bins[min(GRADE_CAP, max(0, int(math.floor(grade))))] += 1
    peak = max(bins) or 1
    band = (width - left - right) / len(bins)
    plot = height - top - bottom
    above = sum(1 for g in grades if g > target)
    title = (
        f"Reading grade of {len(grades)} answers; {above} are above the target of grade {target:g}"
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="hist-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="hist-title">{esc(title)}</title>',
        _axis(left, width - right, top + plot),
        f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 6}" y="{top + plot}" text-anchor="end">0</text>',
    ]
    for index, count in enumerate(bins):
        x = left + index * band
        h = plot * count / peak
        label = f"{GRADE_CAP}+" if index == GRADE_CAP else str(index)
        kind = "above" if index >= target else "ok"  # bin N holds grades N to N+1
        if count:
            parts.append(
                f'<rect class="bar {kind}" x="{x + 1:.1f}" y="{top + plot - h:.1f}" '
                f'width="{band - 2:.1f}" height="{h:.1f}"><title>Grade {label}: {count} '
                f"answer{'s' if count != 1 else ''}</title></rect>"
            )
        if index == GRADE_CAP:  # the open-ended last bin is labelled in its middle
            parts.append(
                f'<text class="tick" x="{x + band / 2:.1f}" y="{top + plot + 14}" '
                f'text-anchor="middle">{label}</text>'
            )
        elif index % 2 == 0:  # grade N starts bin N: label the edge
            parts.append(
                f'<line class="axis" x1="{x:.1f}" y1="{top + plot}" x2="{x:.1f}" '
                f'y2="{top + plot + 4}"/><text class="tick" x="{x:.1f}" y="{top + plot + 15}" '
                f'text-anchor="middle">{label}</text>'
            )
    tx = left + min(target, GRADE_CAP + 1) * band
    parts += [
        f'<line class="target" x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{top + plot}"/>',
        f'<text class="target-label" x="{tx + 4:.1f}" y="{top - 10}">'
        f"target: grade {target:g}</text>",
        f'<text class="tick" x="{left + (width - left - right) / 2:.1f}" y="{height - 6}" '
        'text-anchor="middle">reading grade (school year) of each answer</text>',
        f'<text class="tick" x="12" y="{top + plot / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot / 2:.1f})">answers</text>',
        "</svg>",
    ]
    return "".join(parts)


def _pages_svg(pages: Sequence[PageView], target: float) -> str:
    rows = [(p, median(p.grades())) for p in pages if p.grades()]
    rows.sort(key=lambda row: -row[1])
    width, height, left, right, top, bottom = 640, 200, 44, 12, 22, 30
    top_grade = max(GRADE_CAP, math.ceil(max(g for _, g in rows))) if rows else GRADE_CAP
    plot = height - top - bottom
    band = (width - left - right) / max(1, len(rows))

    def y(value: float) -> float:
        return top + plot - plot * min(value, top_grade) / top_grade

    title = (
        f"Median reading grade of each of {len(rows)} pages, hardest first, "
        f"against the target of grade {target:g}"
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="pages-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="pages-title">{esc(title)}</title>',
        _axis(left, width - right, top + plot),
    ]
    for tick in range(0, top_grade + 1, 5):
        parts.append(
            f'<text class="tick" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{tick}</text>"
        )
    for index, (page, grade) in enumerate(rows):
        x = left + index * band
        kind = "above" if grade > target else "ok"
        parts.append(
            f'<a href="#{page.anchor}"><rect class="bar {kind}" x="{x:.2f}" y="{y(grade):.1f}" '
            f'width="{max(band - 0.6, 0.6):.2f}" height="{top + plot - y(grade):.1f}">'
            f"<title>{esc(page.label)}: median grade {grade:.1f} "
            f"({len(page.grades())} answers)</title></rect></a>"
        )
    ty = y(target)
    parts += [
        f'<line class="target" x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}"/>',
        f'<text class="target-label" x="{width - right}" y="{ty - 5:.1f}" '
        f'text-anchor="end">target: grade {target:g}</text>',
        f'<text class="tick" x="{left + (width - left - right) / 2:.1f}" y="{height - 8}" '
        'text-anchor="middle">pages, hardest first (select a bar to go to the page)</text>',
        "</svg>",
    ]
    return "".join(parts)


def _strip_svg(page: PageView, target: float) -> str:
    """One page's answers as dots on a 0-20 grade line (filled = above the target)."""
    width, height, left, right = 300, 34, 10, 22
    span = width - left - right

    def x(value: float) -> float:
        return left + span * min(max(value, 0), GRADE_CAP) / GRADE_CAP

    grades = page.grades()
    parts = [
        f'<svg class="strip" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{esc(f"Reading grade of each answer on this page, target {target:g}")}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" y1="16" x2="{left + span}" y2="16"/>',
        f'<text class="tick" x="{left}" y="31" text-anchor="middle">0</text>',
        f'<text class="tick" x="{left + span}" y="31" text-anchor="middle">{GRADE_CAP}+</text>',
        f'<line class="target" x1="{x(target):.1f}" y1="4" x2="{x(target):.1f}" y2="26"/>',
        f'<text class="tick" x="{x(target):.1f}" y="33" text-anchor="middle">{target:g}</text>',
    ]
    for view in page.entries:
        if view.grade is None:
            continue
        kind = "above" if view.grade > target else "ok"
        parts.append(
            f'<a href="#{view.anchor}"><circle class="dot {kind}" cx="{x(view.grade):.1f}" '
            f'cy="16" r="5"><title>{esc(view.question)}: grade {view.grade:.1f}</title>'
            "</circle></a>"
        )
    if not grades:
        parts.append('<text class="tick" x="150" y="12" text-anchor="middle">no grades</text>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- HTML pieces


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _badge(severity: str) -> str:
    return (
        f'<span class="badge sev-{esc(severity)}"><span aria-hidden="true">'
        f"{SEVERITY_ICON.get(severity, '')}</span> {esc(SEVERITY_LABEL.get(severity, severity))}"
        "</span>"
    )


def _verdict(report: Report) -> str:
    counts = report.summary.by_severity
    errors, warnings, notes = (counts.get(s, 0) for s in SEVERITIES)
    pages = _plural(report.summary.files, "page")
    questions = _plural(report.summary.entries, "question")
    if errors:
        kind, icon = "error", SEVERITY_ICON["error"]
        head = f"Not ready: {_plural(errors, 'error')} to fix"
        tail = f", and {_plural(warnings, 'warning')} to review" if warnings else ""
    elif warnings:
        kind, icon = "warning", SEVERITY_ICON["warning"]
        head, tail = f"Needs review: {_plural(warnings, 'warning')}", ""
    else:
        kind, icon = "ok", "\u2714"
        head = "No errors or warnings"
        tail = f" ({_plural(notes, 'note')} to consider)" if notes else ""
    return (
        f'<p class="verdict verdict-{kind}"><span aria-hidden="true">{icon}</span> '
        f"<strong>{esc(head)}</strong>{esc(tail)}, in {esc(pages)} with {esc(questions)}.</p>"
    )


def _summary_section(view: View) -> str:
    report = view.report
    by_sev = report.summary.by_severity
    cells = "".join(
        f'<li class="count sev-{s}"><span class="num">{by_sev.get(s, 0)}</span> {_badge(s)}</li>'
        for s in SEVERITIES
    )
    per_cat: dict[str, Counter[str]] = {}
    for finding in report.findings:
        per_cat.setdefault(finding.category, Counter())[finding.severity] += 1
    rows = []
    for category in CATEGORIES:
        counter = per_cat.get(category)
        if not counter:
            continue
        split = ", ".join(
            f"{counter[s]} {SEVERITY_PLURAL[s] if counter[s] != 1 else SEVERITY_LABEL[s].lower()}"
            for s in SEVERITIES
            if counter[s]
        )
        rows.append(
            f'<tr><th scope="row">{esc(CATEGORY_LABEL[category])}</th>'
            f'<td class="num">{sum(counter.values())}</td><td>{esc(split)}</td>'
            f"<td>{esc(CATEGORY_HELP[category])}</td></tr>"
        )
    table = (
        '<table class="cats"><caption>Findings by category</caption><thead><tr>'
        '<th scope="col">Category</th><th scope="col">Findings</th>'
        '<th scope="col">By severity</th><th scope="col">What it covers</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else "<p>No findings in any category.</p>"
    )
    worst = sorted(
        (p for p in view.pages if p.all_findings()),
        key=lambda p: (
            -sum(1 for f in p.all_findings() if f.severity == "error"),
            -sum(1 for f in p.all_findings() if f.severity == "warning"),
            -len(p.all_findings()),
            p.index,
        ),
    )[:5]
    start = ""
    if worst:
        items = "".join(
            f'<li><a href="#{p.anchor}">{esc(p.label)}</a> <span class="muted">'
            f"({esc(_finding_counts(p.all_findings()))})</span>"
            + (f' <span class="path">{esc(p.short_path)}</span>' if p.label != p.short_path else "")
            + "</li>"
            for p in worst
        )
        start = f'<h3 id="start-here">Where to start</h3><ol class="start">{items}</ol>'
    return (
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'{_verdict(report)}<ul class="counts">{cells}</ul>{table}{start}</section>'
    )


def _finding_counts(findings: Iterable[Finding]) -> str:
    counter = Counter(f.severity for f in findings)
    return ", ".join(
        _plural(counter[s], SEVERITY_LABEL[s].lower()) for s in SEVERITIES if counter[s]
    )


def _readability_section(view: View) -> str:
    grades = [g for p in view.pages for g in p.grades()]
    head = '<section aria-labelledby="reading-h"><h2 id="reading-h">Reading level</h2>'
    if not grades:
        return f"{head}<p>No reading grades could be computed for these answers.</p></section>"
    target = view.target
    above = sum(1 for g in grades if g > target)
    share = 100 * above / len(grades)
    text = (
        f"<p><strong>{above} of {len(grades)} answers ({share:.0f}%) are above the target "
        f"reading level of grade {target:g}.</strong> The middle answer reads at grade "
        f"{median(grades):.1f}. The grade is the school year a reader needs to follow the "
        "text (Flesch-Kincaid); health material for patients should aim at grade 8 or "
        "lower. Bars right of the target line are answers to simplify.</p>"
    )
    rows = "".join(
        f'<tr><th scope="row"><a href="#{p.anchor}">{esc(p.label)}</a></th>'
        f'<td class="num">{len(p.grades())}</td><td class="num">{median(p.grades()):.1f}</td>'
        f'<td class="num">{sum(1 for g in p.grades() if g > target)}</td></tr>'
        for p in sorted(view.pages, key=lambda p: -median(p.grades()) if p.grades() else 0)
        if p.grades()
    )
    table = (
        "<details><summary>The same figures as a table</summary>"
        '<table class="grades"><thead><tr><th scope="col">Page</th>'
        '<th scope="col">Answers</th><th scope="col">Median grade</th>'
        f'<th scope="col">Above target</th></tr></thead><tbody>{rows}</tbody></table></details>'
    )
    return (
        f"{head}{text}<figure>{_histogram_svg(grades, target)}<figcaption>All answers: how many "
        "read at each grade.</figcaption></figure>"
        f"<figure>{_pages_svg(view.pages, target)}<figcaption>Each page: the median grade of "
        "its answers.</figcaption></figure>"
        f"{table}</section>"
    )


def _filters(view: View) -> str:
    present = [c for c in CATEGORIES if view.report.summary.by_category.get(c)]
    severities = "".join(
        f'<option value="{s}">{SEVERITY_ICON[s]} {SEVERITY_LABEL[s]}s only</option>'
        for s in SEVERITIES
    )
    categories = "".join(f'<option value="{c}">{esc(CATEGORY_LABEL[c])}</option>' for c in present)
    pages = "".join(f'<option value="{p.index}">{esc(p.short_path)}</option>' for p in view.pages)
    return (
        '<form id="filters" class="filters" role="search" aria-label="Filter the findings" hidden>'
        '<div><label for="f-severity">Severity</label><select id="f-severity">'
        f'<option value="">All severities</option>{severities}</select></div>'
        '<div><label for="f-category">Category</label><select id="f-category">'
        f'<option value="">All categories</option>{categories}</select></div>'
        '<div><label for="f-page">Page</label><select id="f-page">'
        f'<option value="">All pages</option>{pages}</select></div>'
        '<div class="grow"><label for="f-search">Search</label><input id="f-search" '
        'type="search" placeholder="words in questions, answers or findings" '
        'autocomplete="off"></div>'
        '<div class="check"><input type="checkbox" id="f-clean"> <label for="f-clean">'
        "Also show pages and questions without findings</label></div>"
        '<div><button type="reset" id="f-reset">Reset the filters</button></div>'
        '<p id="filter-status" class="status" role="status" aria-live="polite"></p></form>'
    )


def _page_section(view: View, page: PageView) -> str:
    findings = page.all_findings()
    by_cat: Counter[str] = Counter(f.category for f in findings)
    grades = page.grades()
    summary = page.summary
    grade_text = "not computed"
    fk = summary.readability.flesch_kincaid_grade if summary and summary.readability else None
    if grades:
        grade_text = f"median {median(grades):.1f} (answers {min(grades):.1f} to {max(grades):.1f})"
    elif fk is not None:
        grade_text = f"{fk:.1f}"
    if fk is not None and grades:
        grade_text += f"; whole page {fk:.1f}"
    over = sum(1 for g in grades if g > view.target)
    cats = (
        '<ul class="inline">'
        + "".join(
            f"<li>{esc(CATEGORY_LABEL.get(c, c))}: {by_cat[c]}</li>"
            for c in CATEGORIES
            if by_cat[c]
        )
        + "</ul>"
        if findings
        else '<span class="ok-text"><span aria-hidden="true">\u2714</span> none</span>'
    )
    entries = len(page.document.entries) if page.document else (summary.entries if summary else 0)
    card = (
        '<dl class="card">'
        f"<div><dt>Questions</dt><dd>{entries}</dd></div>"
        f"<div><dt>Reading grade</dt><dd>{esc(grade_text)}"
        + (f"; {over} above grade {view.target:g}" if grades else "")
        + "</dd></div>"
        f"<div><dt>Findings</dt><dd>{esc(_finding_counts(findings)) or 'none'}</dd></div>"
        f"<div><dt>By category</dt><dd>{cats}</dd></div>"
        "</dl>"
    )
    strip = _strip_svg(page, view.target) if grades else ""
    page_level = ""
    if page.page_findings:
        items = "".join(_finding_item(view, n, f, None, None) for n, f in page.page_findings)
        page_level = (
            f'<div class="page-level"><h4>About the whole page</h4>'
            f'<ol class="findings">{items}</ol></div>'
        )
    entries_html = "".join(_entry_article(view, page, e) for e in page.entries)
    return (
        f'<section class="page" id="{page.anchor}" data-page="{page.index}" '
        f'aria-labelledby="{page.anchor}-h">'
        f'<div class="page-head"><h3 id="{page.anchor}-h">{esc(page.label)}</h3>'
        f'<p class="path">{esc(page.path)}</p></div>'
        f'<div class="score">{card}{strip}</div>{page_level}{entries_html}</section>'
    )


def _entry_article(view: View, page: PageView, entry: EntryView) -> str:
    model = entry.entry
    spans_q: list[Span] = []
    spans_a: list[Span] = []
    located: dict[int, tuple[str, int, int]] = {}
    if model is not None:
        for number, finding in entry.findings:
            span = finding_span(model, finding)
            if span is not None:
                located[number] = span
                where = spans_a if span[0] == "answer" else spans_q
                where.append((span[1], span[2], number, finding.severity))
    question = highlight(entry.question, spans_q)
    meta: list[str] = []
    if entry.line is not None:
        meta.append(f"line {entry.line}")
    if entry.grade is not None:
        mark = " (above the target)" if entry.grade > view.target else ""
        meta.append(f"reading grade {entry.grade:.1f}{mark}")
    answer = ""
    if model is not None:
        body = highlight(model.answer, spans_a) if model.answer else "<em>(no answer)</em>"
        long = " long" if len(model.answer) > LONG_ANSWER else ""
        answer = f'<div class="answer{long}">{body}</div>'
    items = "".join(_finding_item(view, n, f, entry, located.get(n)) for n, f in entry.findings)
    items += "".join(_mirror_item(view, n, f) for n, f in entry.mirrors)
    if not entry.findings and not entry.mirrors:
        meta.insert(
            0, '<span class="ok-text"><span aria-hidden="true">\u2714</span> No findings</span>'
        )
        facts = " · ".join(meta)
        inner = (
            f"<details><summary>{facts} · show the answer</summary>{answer}</details>"
            if answer
            else f'<p class="meta">{facts}</p>'
        )
        return (
            f'<article class="entry clean" id="{entry.anchor}" aria-labelledby="{entry.anchor}-h">'
            f'<h4 id="{entry.anchor}-h">{question}</h4>{inner}</article>'
        )
    meta.insert(0, esc(_finding_counts(f for _, f in entry.findings) or "mentioned elsewhere"))
    return (
        f'<article class="entry" id="{entry.anchor}" aria-labelledby="{entry.anchor}-h">'
        f'<h4 id="{entry.anchor}-h">{question}</h4><p class="meta">{" · ".join(meta)}</p>'
        f'{answer}<ol class="findings">{items}</ol></article>'
    )


@lru_cache(maxsize=4096)
def _rule_link(rule: str, name: str) -> str:
    return f'<a href="#rule-{esc(rule)}">About {esc(rule)} ({esc(name)})</a>'


@lru_cache(maxsize=4096)
def _finding_parts(severity: str, category: str, rule: str) -> tuple[str, str]:
    """A finding's class and data attributes, and its severity badge and category label.

    Cached: they repeat for thousands of findings.
    """
    attrs = (
        f'sev-{esc(severity)}" data-severity="{esc(severity)}" '
        f'data-category="{esc(category)}" data-rule="{esc(rule)}"'
    )
    head = (
        f"{_badge(severity)} "
        f'<span class="cat">{esc(CATEGORY_LABEL.get(category, category))}</span> '
    )
    return attrs, head


def _snippet(
    text: str, start: int, end: int, severity: str, context: int = 90, longest: int = 400
) -> str:
    """The offending text with some words either side, the offending part marked."""
    left = max(0, start - context)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + context)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    middle = text[start:end]
    if len(middle) > longest:
        middle = middle[: longest // 2] + " \u2026 " + middle[-longest // 2 :]
    return (
        ("\u2026" if left else "")
        + esc(text[left:start])
        + f'<mark class="sev-{esc(severity)}">{esc(middle)}</mark>'
        + esc(text[end:right])
        + ("\u2026" if right < len(text) else "")
    )


def _finding_item(
    view: View,
    number: int,
    finding: Finding,
    entry: EntryView | None,
    span: tuple[str, int, int] | None,
) -> str:
    links = [f"Line {finding.line}, column {finding.column}"]
    if span is not None:
        links.append(f'<a href="#m{number}">show in the text</a>')
    links.append(_rule_link(finding.rule, finding.name))
    quote = ""
    model = entry.entry if entry else None
    if span is not None and model is not None and span[0] == "answer":
        whole = span[1] == 0 and span[2] == len(model.answer)
        if not whole:
            quote = (
                '<p class="quote"><span class="label">In the answer:</span> '
                f"<q>{_snippet(model.answer, span[1], span[2], finding.severity)}</q></p>"
            )
    suggestions = ""
    if len(finding.suggestions) == 1:
        suggestions = (
            '<p class="suggest"><span class="label">Suggestion:</span> '
            f"{esc(finding.suggestions[0])}</p>"
        )
    elif finding.suggestions:
        tips = "".join(f"<li>{esc(s)}</li>" for s in finding.suggestions[:5])
        suggestions = (
            f'<div class="suggest"><span class="label">Suggestions:</span><ul>{tips}</ul></div>'
        )
    pair = _pair(view, number, finding, entry) if finding.related else ""
    attrs, head = _finding_parts(finding.severity, finding.category, finding.rule)
    return (
        f'<li class="finding {attrs} id="f{number}">'
        f'<p class="fhead"><span class="fnum">{number}</span>{head}'
        f'<span class="msg">{esc(finding.message)}</span></p>'
        f"{quote}{suggestions}{pair}"
        f'<p class="where">{" · ".join(links)}</p></li>'
    )


def _mirror_item(view: View, number: int, finding: Finding) -> str:
    """A note on an entry that another entry's duplicate/contradiction finding names."""
    target = view.where.get(number, "")
    attrs, head = _finding_parts(finding.severity, finding.category, finding.rule)
    return (
        f'<li class="finding mirror {attrs}>'
        f'<p class="fhead">{head}'
        f'<span class="msg">This question is named in finding <a href="#f{number}">{number}</a>'
        f" ({esc(finding.name)}) about "
        f'<a href="#{esc(target)}">{esc(finding.question or finding.path)}</a>.</span></p></li>'
    )


def _excerpt(text: str, finding: Finding) -> str:
    """A short piece of an answer beside another: around the sentence the message quotes
    from it (contradictions), else its beginning."""
    for match in _QUOTED.finditer(finding.message):
        quoted = next(g for g in match.groups() if g).rstrip("\u2026").strip()
        where = text.find(quoted) if len(quoted) >= 8 else -1
        if where >= 0:
            return _snippet(text, where, where + len(quoted), finding.severity, context=160)
    if len(text) <= EXCERPT:
        return esc(text)
    cut = text.rfind(" ", 0, EXCERPT)
    return esc(text[: cut if cut > 0 else EXCERPT]) + "\u2026"


def _side(
    view: View, caption: str, entry: EntryView | None, related: Related | None, finding: Finding
) -> str:
    if entry is not None:
        question = f'<a href="#{entry.anchor}">{esc(entry.question)}</a>'
        page = view.pages[entry.page]
        where = f"{page.short_path}, line {entry.line}" if entry.line else page.short_path
        text = entry.entry.answer if entry.entry else ""
    else:
        question = esc((related.question if related else None) or "(question not in this report)")
        where = f"{related.path}, line {related.line}" if related else ""
        text = ""
    body = f'<div class="answer excerpt">{_excerpt(text, finding)}</div>' if text else ""
    return (
        f'<div class="side"><p class="side-head"><span class="side-label">{esc(caption)}</span> '
        f'{question}<br><span class="path">{esc(where)}</span></p>{body}</div>'
    )


def _pair(view: View, number: int, finding: Finding, entry: EntryView | None) -> str:
    """Duplicates and contradictions: this entry and the others side by side, linked."""
    sides = [_side(view, "This question:", entry, None, finding)]
    rest: list[str] = []
    for index, related in enumerate(finding.related):
        other = view.locate(related.path, related.line)
        if index < MAX_SIDE_BY_SIDE:
            sides.append(_side(view, "Compared with:", other, related, finding))
        elif other is not None:
            rest.append(f'<li><a href="#{other.anchor}">{esc(other.question)}</a></li>')
        else:
            rest.append(
                f'<li>{esc(related.question or "")} <span class="path">'
                f"({esc(related.path)}, line {related.line})</span></li>"
            )
    more = (
        f"<details><summary>{len(rest)} more</summary><ul>{''.join(rest)}</ul></details>"
        if rest
        else ""
    )
    return f'<div class="pair">{"".join(sides)}</div>{more}'


def _rules_section(view: View) -> str:
    counts = Counter(f.rule for f in view.report.findings)
    parts: list[str] = []
    for code, doc in view.rules.items():
        spec = doc.spec
        examples = ""
        ex = getattr(spec, "examples", None)
        if ex is not None and (ex.fail or ex.pass_):
            blocks = []
            for label, items in (("Flagged", ex.fail), ("Fine", ex.pass_)):
                for item in items[:2]:
                    text = item.content or "\n".join(
                        f"--- {name}\n{body}" for name, body in item.files.items()
                    )
                    blocks.append(
                        f'<div class="example"><p class="ex-label">{label} '
                        f"({esc(item.format)}):</p><pre>{esc(text)}</pre></div>"
                    )
            examples = f"<details><summary>Examples</summary>{''.join(blocks)}</details>"
        count = counts.get(code, 0)
        parts.append(
            f'<article class="rule" id="rule-{esc(code)}" aria-labelledby="rule-{esc(code)}-h">'
            f'<h3 id="rule-{esc(code)}-h">{esc(code)} · {esc(spec.name)}</h3>'
            f'<p class="rule-meta">{_badge(doc.severity)} '
            f"{esc(CATEGORY_LABEL.get(spec.category, spec.category))} · "
            f"{_plural(count, 'finding')} in this report</p>"
            f'<p>{esc(spec.summary)}</p><dl class="ruledoc">'
            f"<dt>Why it matters</dt><dd>{esc(spec.rationale)}</dd>"
            f"<dt>Source</dt><dd>{esc(spec.source)}</dd>"
            f"<dt>How to fix it</dt><dd>{esc(spec.fix)}</dd></dl>{examples}</article>"
        )
    missing = sorted(set(counts) - set(view.rules))
    for code in missing:
        parts.append(
            f'<article class="rule" id="rule-{esc(code)}"><h3>{esc(code)}</h3>'
            "<p>This rule's explanation is not available.</p></article>"
        )
    return (
        '<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">About the rules</h2>'
        "<p>What each rule checks, why it matters for patients, the standard it comes "
        f"from and how to fix what it finds.</p>{''.join(parts)}</section>"
    )


# --------------------------------------------------------------------------- page shell

ASSETS = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    """The inline stylesheet, the filter script and the page's Content-Security-Policy.

    The policy allows no network at all and only this one script (by its hash), so
    even text that escaped escaping could not run.
    """
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    return css, script, csp


def render_html(report: Report) -> str:
    """The whole report as one self-contained HTML page."""
    view = build_view(report)
    css, script, csp = _assets()
    tool = report.tool
    pages = "".join(_page_section(view, page) for page in view.pages)
    if not view.pages:
        pages = "<p>No pages were linted.</p>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="faq-lint">'
        f"<title>FAQ content report: {esc(_plural(report.summary.findings, 'finding'))} "
        f"in {esc(_plural(report.summary.files, 'page'))}</title>"
        f"<style>{css}</style></head><body>"
        '<a class="skip" href="#pages-h">Skip to the pages</a>'
        '<header><h1>FAQ content report</h1><p class="muted">Checked by '
        f"{esc(tool.name)} {esc(tool.version)}: {esc(_plural(report.summary.files, 'page'))}, "
        f"{esc(_plural(report.summary.entries, 'question'))}.</p></header>"
        "<main>"
        f"{_summary_section(view)}{_readability_section(view)}"
        '<section aria-labelledby="pages-h"><h2 id="pages-h">Pages</h2>'
        "<p>Each page with its score card, then every question. Questions with findings show "
        "the answer with the text in question highlighted; the number after a highlight "
        "leads to its finding.</p>"
        f"{_filters(view)}{pages}</section>"
        f"{_rules_section(view)}</main>"
        "<footer><p>Severity is shown by a word and a symbol: "
        f"{SEVERITY_ICON['error']} Error (must fix), {SEVERITY_ICON['warning']} Warning "
        f"(should fix), {SEVERITY_ICON['info']} Note (consider). This file is "
        "self-contained: it loads nothing from the network.</p></footer>"
        f"<script>{script}</script></body></html>\n"
    )
