"""Inline suppression: an ignore with a rule's code silences that finding and only that one.

The fixtures (tests/fixtures/workflow/suppress.*) are the same gout page in each
format: an empty answer silenced by an ignore, an empty answer not silenced, a
heading that is not a question silenced by an ignore that also names a rule with
nothing to silence (reported as FAQ901), and a clean entry.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.suppression import parse_directive

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workflow"
STRUCTURE = ["FAQ003", "FAQ004", "FAQ005", "FAQ901"]


def _lint(path: Path, **config: object) -> list[Finding]:
    settings = Config(paths=[str(path.parent)], cache=False, **config)  # type: ignore[arg-type]
    settings.root = str(path.parent)
    return lint([str(path)], settings, select=STRUCTURE).findings


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def _by_question(findings: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.question) for f in findings}


@pytest.mark.parametrize(
    "name",
    [
        "suppress.txt",
        "suppress.md",
        "suppress.yaml",
        "suppress.json",
        "suppress.jsonl",
        "suppress.csv",
    ],
)
def test_ignore_silences_that_finding_and_only_that_one(name: str, tmp_path: Path) -> None:
    page = _copy(name, tmp_path)
    findings = _lint(page)
    got = _by_question(findings)
    # silenced by the ignore in its own entry
    assert ("FAQ003", "What is gout?") not in got, findings
    # the same rule in the next entry is still reported
    assert ("FAQ003", "How is gout treated?") in got, findings
    # the heading that is not a question is silenced where it is ignored
    assert ("FAQ004", "Tell me about gout flares") not in got, findings
    # ... and the ignore's other code, which silenced nothing, is reported
    unused = [f for f in findings if f.rule == "FAQ901"]
    assert [(f.question, "FAQ003" in f.message) for f in unused] == [
        ("Tell me about gout flares", True)
    ], findings
    assert unused[0].severity == "info"
    # without the ignores, everything is reported
    bare = _lint(page, ignore=[])
    assert len([f for f in bare if f.rule != "FAQ901"]) == len(
        [f for f in findings if f.rule != "FAQ901"]
    )


def test_without_comments_the_findings_come_back(tmp_path: Path) -> None:
    page = _copy("suppress.txt", tmp_path)
    stripped = "\n".join(
        line for line in page.read_text("utf-8").split("\n") if "faq-lint:" not in line
    )
    page.write_text(stripped, encoding="utf-8")
    got = _by_question(_lint(page))
    assert ("FAQ003", "What is gout?") in got
    assert ("FAQ004", "Tell me about gout flares") in got
    assert not any(rule == "FAQ901" for rule, _ in got)


def test_ignore_file_silences_the_page(tmp_path: Path) -> None:
    page = _copy("suppress.md", tmp_path)
    findings = _lint(page)
    assert not [f for f in findings if f.rule == "FAQ005"], findings
    page.write_text(page.read_text("utf-8").replace("ignore-file FAQ005", "note"), "utf-8")
    assert [f for f in _lint(page) if f.rule == "FAQ005"]


def test_text_ignore_file_and_all(tmp_path: Path) -> None:
    page = tmp_path / "gout.txt"
    page.write_text(
        "# faq-lint: ignore-file FAQ003\n\nWhat is gout?\n\nHow is gout treated?\n\n"
        "Tell me about gout flares\n# faq-lint: ignore ALL\n\nA sudden attack of pain.\n",
        encoding="utf-8",
    )
    findings = _lint(page)
    assert _by_question(findings) == set(), findings


def test_unused_reasons(tmp_path: Path) -> None:
    page = tmp_path / "gout.txt"
    page.write_text(
        "# faq-lint: ignore FAQ003\n\nWhat is gout?\n# faq-lint: ignore FAQ99, not-a-question\n\n"
        "Gout is a kind of arthritis.\n\nWhat causes gout?\n# faq-lint: ignore FAQ801\n\n"
        "Too much uric acid.\n",
        encoding="utf-8",
    )
    messages: dict[int, str] = {}
    for finding in _lint(page):
        if finding.rule == "FAQ901":
            messages[finding.line] = messages.get(finding.line, "") + finding.message + "\n"
    assert "outside any entry" in messages[1]
    assert "no rule called FAQ99" in messages[4]
    assert "not-a-question finds no problem" in messages[4]
    assert "switched off" in messages[9] or "no rule called FAQ801" in messages[9]


def test_unused_suppression_can_be_ignored(tmp_path: Path) -> None:
    page = tmp_path / "gout.txt"
    body = "What is gout?\n# faq-lint: ignore FAQ003\n\nGout is a kind of arthritis.\n"
    page.write_text(body, encoding="utf-8")
    assert [f.rule for f in _lint(page)] == ["FAQ901"]
    # by the configuration ...
    assert _lint(page, ignore=["FAQ901"]) == []
    # ... per file ...
    assert _lint(page, per_file_ignores={"gout.txt": ["FAQ901"]}) == []
    # ... or by a comment on the page
    page.write_text("# faq-lint: ignore-file FAQ901\n\n" + body, encoding="utf-8")
    assert _lint(page) == []


def test_per_file_ignores_work_beside_inline_ones(tmp_path: Path) -> None:
    page = _copy("suppress.txt", tmp_path)
    findings = _lint(page, per_file_ignores={"*.txt": ["FAQ003"]})
    assert not [f for f in findings if f.rule == "FAQ003"]
    assert [f for f in findings if f.rule == "FAQ004"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("faq-lint: ignore FAQ101", ("ignore", ["FAQ101"])),
        ("<!-- faq-lint: ignore FAQ101,FAQ301 -->", ("ignore", ["FAQ101", "FAQ301"])),
        ("<!--faq-lint:ignore-file FAQ2 -->", ("ignore-file", ["FAQ2"])),
        ("# FAQ-LINT: Ignore FAQ101, spelling", ("ignore", ["FAQ101", "spelling"])),
        ("faq-lint: ignore", ("ignore", [])),
        ("just a comment about faq-lint", None),
        ("faq-lint: enable FAQ101", None),
    ],
)
def test_parse_directive(text: str, expected: tuple[str, list[str]] | None) -> None:
    assert parse_directive(text) == expected


# --- HTML comments inside HTML answers (issue 14, item 9) ------------------------

HARD = (
    "<p>Piriformis syndrome is an uncommon neuromuscular disorder that is caused when "
    "the piriformis muscle compresses or irritates the sciatic nerve, producing "
    "radiating discomfort, paresthesia and considerable functional limitation.{note}</p>"
)
EASY = "<p>Rest helps. Ice helps too.{note}</p>"
IGNORE = "<!-- faq-lint: ignore FAQ101 -->"
QUESTIONS = ("What is piriformis syndrome?", "What causes it?", "What helps?")


def _html_answers() -> list[tuple[str, str]]:
    return [
        (QUESTIONS[0], HARD.format(note=IGNORE)),  # silenced
        (QUESTIONS[1], HARD.format(note="")),  # not silenced: the rule does fire
        (QUESTIONS[2], EASY.format(note=IGNORE)),  # silences nothing: FAQ901
    ]


def _write_html_page(tmp_path: Path, fmt: str) -> Path:
    import json

    items = _html_answers()
    if fmt == "jsonld":
        data: object = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                for q, a in items
            ],
        }
        path = tmp_path / "page.json"
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    elif fmt == "json":
        path = tmp_path / "page.json"
        lines = [json.dumps({"question": q, "answer": a}) for q, a in items]
        path.write_text('{"faqs": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    elif fmt == "jsonl":
        path = tmp_path / "page.jsonl"
        rows = [{"question": q, "answer": a} for q, a in items]
        rows[1]["topic"] = {"name": "nested"}  # one record read by the general path
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        path = tmp_path / "page.yaml"
        body = "".join(
            f"  - question: {json.dumps(q)}\n    answer: {json.dumps(a)}\n" for q, a in items
        )
        path.write_text("faqs:\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["jsonld", "json", "jsonl", "yaml"])
def test_html_comment_suppressions_in_html_answers(fmt: str, tmp_path: Path) -> None:
    path = _write_html_page(tmp_path, fmt)
    settings = Config(paths=[str(tmp_path)], cache=False)
    settings.root = str(tmp_path)
    findings = lint([str(path)], settings, select=["FAQ101", "FAQ901"]).findings
    assert _by_question(findings) == {("FAQ101", QUESTIONS[1]), ("FAQ901", QUESTIONS[2])}
    (unused,) = [f for f in findings if f.rule == "FAQ901"]
    text = path.read_text("utf-8").splitlines()
    assert text[unused.line - 1][unused.column - 1 :].startswith(IGNORE)
