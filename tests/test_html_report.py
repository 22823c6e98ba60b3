"""The HTML report, read back with html.parser: escaping, structure, highlights, links.

The browser-driven test (filters, console errors) is in test_html_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, shared_path

from faq_lint.api import lint
from faq_lint.checks.base import answer_span
from faq_lint.cli import main
from faq_lint.config import Config
from faq_lint.models import Finding, Related, Report
from faq_lint.render import renderer
from faq_lint.render.html import finding_span, highlight, render_html
from faq_lint.render.json_report import render_json

INJECTION = FIXTURES / "html" / "injection.txt"


class Page(HTMLParser):
    """Every tag, attribute, heading and text node of a rendered report."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.texts).append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]  # type: ignore[misc]

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def _config(tmp_path: Path) -> Config:
    """A project rooted in tmp_path: no corpus context from the repository's data/."""
    return Config(root=str(tmp_path), paths=["."], cache=False)


def _report(tmp_path: Path, *files: Path, select: list[str] | None = None) -> Report:
    for source in files:
        shutil.copy(source, tmp_path / source.name)
    return lint([str(tmp_path / f.name) for f in files], _config(tmp_path), select=select)


def test_content_with_markup_is_shown_as_text(tmp_path: Path) -> None:
    report = _report(tmp_path, INJECTION)
    assert report.findings, "the fixture has findings (at least the page-level ones)"
    page = Page(render_html(report))

    tags = [tag for tag, _ in page.tags]
    assert tags.count("script") == 1  # ours, and nothing from the content
    assert "img" not in tags and "b" not in tags
    assert all(tag == "svg" or not attrs.get("onload") for tag, attrs in page.tags)
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert "__pwned" not in "".join(page.scripts)
    # The content is there, as text.
    assert '<img src=x onerror="window.__pwned = 2">' in page.text
    assert "What is piriformis syndrome <script>window.__pwned = 1</script>?" in page.text
    assert '<svg onload="window.__pwned = 3">' in page.text
    assert '<a href="javascript:window.__pwned = 4">Read more</a>' in page.text
    assert 'about "treatment" & rest.' in page.text


def test_file_name_with_markup_is_escaped(tmp_path: Path) -> None:
    odd = tmp_path / 'page<img src=x onerror="alert(1)">.txt'
    odd.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    report = lint([str(odd)], _config(tmp_path))
    page = Page(render_html(report))
    assert "img" not in [tag for tag, _ in page.tags]
    assert 'page<img src=x onerror="alert(1)">.txt' in page.text


def test_structure_headings_links_and_no_network(tmp_path: Path) -> None:
    report = _report(tmp_path, INJECTION, SEED)
    text = render_html(report)
    assert text.startswith("<!DOCTYPE html>")
    page = Page(text)

    assert page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, "a heading level is skipped"

    ids = page.ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    for _, attrs in page.tags:
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, f"link to a missing anchor {href}"

    # Self-contained: no external script, stylesheet, image or font.
    for tag, attrs in page.tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            assert not value or value.startswith("#") or name == "xmlns", (tag, name, value)
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")

    # Every finding is listed once, with its severity and category, and a link to its rule.
    items = page.with_class("finding")
    listed = [a for a in items if "mirror" not in (a.get("class") or "")]
    by_id = {a["id"]: a for a in listed}
    assert len(by_id) == len(listed) == len(report.findings)
    for number, finding in enumerate(report.findings, start=1):
        attrs = by_id[f"f{number}"]
        assert attrs["data-severity"] == finding.severity
        assert attrs["data-category"] == finding.category
        assert f"rule-{finding.rule}" in ids
    # Each page has a section; the seed page's questions are all there.
    sections = page.with_class("page")
    assert len(sections) == 2
    assert "Is walking good for piriformis?" in page.text
    # The summary states the counts; severities are words, not only colours.
    assert f"{report.summary.by_severity['warning']}" in page.text
    assert "Warning" in page.text


def test_duplicates_are_side_by_side_and_linked_both_ways(tmp_path: Path) -> None:
    report = _report(tmp_path, INJECTION, select=["FAQ004"])
    document = report._documents[0]
    first, second = document.entries[1], document.entries[2]
    assert first.question == second.question  # the fixture asks it twice
    report.findings.append(
        Finding(
            rule="FAQ601",
            name="duplicate-question",
            category="duplicate",
            severity="warning",
            message=f"The question '{first.question}' is asked 2 times",
            path=document.path,
            line=first.question_position.line,
            entry_id=first.id,
            question=first.question,
            related=[
                Related(
                    path=document.path, line=second.question_position.line, question=second.question
                )
            ],
        )
    )
    number = len(report.findings)
    html = render_html(report)
    page = Page(html)
    # The finding holds a pair: this question and the other one, each linking to its entry.
    block = html.split(f'id="f{number}"', 1)[1].split("</li>", 1)[0]
    assert block.count('class="side"') == 2
    targets = re.findall(r'href="#(p\d+-e\d+)"', block)
    assert targets == ["p0-e1", "p0-e2"]
    assert "Yes. Short walks on flat ground" in Page(block).text  # the other answer, quoted
    # The other entry points back to the finding.
    mirror = html.split('id="p0-e2"', 1)[1].split("</article>", 1)[0]
    assert 'class="finding mirror' in mirror and f'href="#f{number}"' in mirror
    assert "img" not in [tag for tag, _ in page.tags]


def test_offending_text_is_highlighted_in_the_answer(tmp_path: Path) -> None:
    report = _report(tmp_path, SEED, select=["FAQ004"])  # no other finding overlaps
    document = report._documents[0]
    entry = next(e for e in document.entries if "fastest way" in e.question)
    claim = "pain relievers, muscle relaxants, and anti-inflammatory drugs"
    start = entry.answer.index(claim)
    first, last = answer_span(entry, start, start + len(claim))
    report.findings.append(
        Finding(
            rule="FAQ004",
            name="not-a-question",
            category="citation",
            severity="error",
            message="Medication claim without a citation",
            path=document.path,
            line=first.line,
            column=first.column,
            end_line=last.line,
            end_column=last.column,
            entry_id=entry.id,
            question=entry.question,
            suggestions=["Cite a source for this claim, e.g. (12)"],
        )
    )
    number = len(report.findings)
    html = render_html(report)
    assert re.search(
        rf'<mark class="hl sev-error" id="m{number}"[^>]*>{re.escape(claim)}</mark>', html
    )
    assert f'href="#m{number}"' in html and f'href="#f{number}"' in html
    assert "Cite a source for this claim, e.g. (12)" in Page(html).text


def test_span_located_across_answer_lines_and_from_quotes(tmp_path: Path) -> None:
    page = tmp_path / "lines.txt"
    page.write_text(
        "How is it treated?\n\nRest helps most people.\nIbuprofen eases the pain\n"
        "and the swelling.\n",
        encoding="utf-8",
    )
    report = lint([str(page)], _config(tmp_path))
    entry = report._documents[0].entries[0]
    start = entry.answer.index("Ibuprofen")
    end = entry.answer.index("swelling") + len("swelling")
    first, last = answer_span(entry, start, end)
    assert (first.line, last.line) == (4, 5)
    spanned = Finding(
        rule="X1", name="x", category="citation", severity="warning", message="m",
        path=str(page), line=first.line, column=first.column, end_line=last.line,
        end_column=last.column, question=entry.question,
    )  # fmt: skip
    assert finding_span(entry, spanned) == ("answer", start, end)
    quoted = spanned.model_copy(
        update={"end_line": None, "end_column": None, "message": "Claim: 'eases the pain'"}
    )
    where = entry.answer.index("eases the pain")
    assert finding_span(entry, quoted) == ("answer", where, where + len("eases the pain"))
    on_question = spanned.model_copy(update={"line": 1, "column": 1, "end_line": None})
    assert finding_span(entry, on_question) == ("question", 0, len(entry.question))


def test_overlapping_highlights_keep_the_text_whole() -> None:
    text = "Take <two> tablets daily & rest."
    marked = highlight(text, [(5, 18, 1, "warning"), (11, 25, 2, "error")])
    page = Page(f"<p>{marked}</p>")
    assert page.text.replace("1", "").replace("2", "") == text
    assert marked.count("<mark") == 3  # before the overlap, the overlap, after it
    assert re.search(r'class="hl sev-error"[^>]*data-f="f1 f2"', marked)  # the worse wins
    assert 'id="m1"' in marked and 'id="m2"' in marked


def test_report_without_documents_still_renders(tmp_path: Path) -> None:
    """A report read back from JSON has no documents or rules attached: findings only."""
    report = _report(tmp_path, INJECTION)
    again = Report.model_validate_json(render_json(report))
    assert again._documents == []
    page = Page(render_html(again))
    assert len(
        [a for a in page.with_class("finding") if "mirror" not in (a["class"] or "")]
    ) == len(report.findings)
    assert "<script>window.__pwned = 1</script>" in page.text
    assert "rule-FAQ004" in page.ids()  # rule docs from the default pack


def test_json_report_is_unchanged_by_the_attached_context(tmp_path: Path) -> None:
    report = _report(tmp_path, SEED)
    assert report._documents and report._rules
    data = json.loads(render_json(report))
    assert set(data) == {"schema_version", "tool", "summary", "documents", "findings"}
    assert "answer" not in json.dumps(data["documents"])


def test_cli_writes_the_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "html" in renderer.__globals__["RENDERERS"]
    output = tmp_path / "report.html"
    status = main(["--format", "html", "--output", str(output), str(INJECTION)])
    assert status == 1  # the fixture has warnings
    text = output.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert capsys.readouterr().out == ""


def test_medquad_pages_render(tmp_path: Path) -> None:
    pages = shared_path("corpora", "medquad", "pages", "txt")
    report = lint([str(pages)], _config(tmp_path))
    page = Page(render_html(report))
    assert len(page.with_class("page")) == report.summary.files
    assert len(page.with_class("entry")) == report.summary.entries
    assert "Reading level" in page.text and "answers" in page.text
    assert [t for t, _ in page.tags].count("svg") >= 2


def test_reading_target_and_severity_follow_the_configuration(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    config = Config(
        root=str(tmp_path),
        paths=["."],
        cache=False,
        target_grade=7,
        rules={"FAQ101": {"target-grade": 6}, "FAQ004": {"severity": "error"}},
    )
    report = lint([str(tmp_path / SEED.name)], config)
    text = Page(render_html(report)).text
    assert "above the target reading level of grade 6." in text
    rule = render_html(report).split('id="rule-FAQ004"', 1)[1].split("</article>", 1)[0]
    assert "Error" in rule and "Warning" not in rule  # the severity in force
