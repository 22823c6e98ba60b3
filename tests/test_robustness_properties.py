"""Property-based robustness: any bytes, Markdown, YAML/JSON structure or CSV in any
supported format gives a report - findings allowed, exceptions never.

Every example is written to a real file with each extension and read back through
:func:`faq_lint.parsers.parse_file` (reading, decoding, parsing), then checked with the
full default rule set; some go through :func:`faq_lint.lint` end to end and every
renderer. A crash that the run's safety nets turn into a "faq-lint itself failed"
finding still fails these tests.

The number of examples is bounded so CI stays fast; for a deep local run set
``FAQ_LINT_FUZZ_EXAMPLES`` (e.g. 2000).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.engine import RuleSet, all_rules, check_corpus, check_document, select_rules
from faq_lint.models import Document, Report
from faq_lint.parsers import SUPPORTED_EXTENSIONS, parse_file
from faq_lint.render import RENDERERS, renderer
from faq_lint.safety import INTERNAL_ERROR

EXAMPLES = int(os.environ.get("FAQ_LINT_FUZZ_EXAMPLES", "40"))
FEW = max(5, EXAMPLES // 4)  # for end-to-end runs (rule loading dominates)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXTENSIONS = sorted(set(SUPPORTED_EXTENSIONS))
CONFIG = Config(cache=False, baseline=None)
RULESET = RuleSet.build(select_rules(all_rules(CONFIG), CONFIG))

# -- strategies ---------------------------------------------------------------------------

KEYS = st.sampled_from(
    [
        "question", "answer", "q", "a", "faqs", "faq", "questions", "title", "name", "text",
        "@type", "@context", "mainEntity", "acceptedAnswer", "reviewed", "last_reviewed",
        "owner", "disclaimer", "references", "sources", "id", "lint-ignore", "metadata",
    ]
)  # fmt: skip
WORDS = st.sampled_from(
    [
        "What", "is", "gout", "?", "Take", "200 mg", "ibuprofen", "(1)", "[2]", "¹", "doctor",
        "never", "always", "should", "not", "Yes.", "No,", "pain", "cure", "completely safe",
        "suffers from", "Q:", "A:", "Reviewed: 2019-05-01", "This is not medical advice.",
        "References", "1. Smith J. 2020.", "https://nih.gov/x", "\u00e9", "\u200b", "\u00a0",
        "\ufeff", "\t", "\r", "\r\n", "\n", "\n\n", "\\u0000", "<!-- faq-lint: ignore -->",
        "FAQ101", "---", "#", "##", "*", "**", "_", "`", "[", "](", ")", "|", ">", "&amp;",
        "<b>", "\"", "'", ",", ":", "- ", "1. ", "    ", "\x0b", "\x1b[31m", "\U0001f600",
    ]
)  # fmt: skip
PROSE = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    PROSE,
    st.text(max_size=30),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=40,
)
FAQ_TREES = st.one_of(
    TREES,
    st.lists(st.fixed_dictionaries({"question": PROSE, "answer": SCALARS}), max_size=5),
    st.fixed_dictionaries(
        {"title": SCALARS, "reviewed": SCALARS, "faqs": st.lists(TREES, max_size=4)}
    ),
)


def _markdown_block() -> st.SearchStrategy[str]:
    heading = st.tuples(st.integers(1, 7), PROSE).map(lambda t: "#" * t[0] + " " + t[1])
    bullet = st.lists(PROSE, min_size=1, max_size=4).map(
        lambda items: "\n".join(f"- {item}" for item in items)
    )
    fence = PROSE.map(lambda body: f"```\n{body}\n```")
    unclosed_fence = PROSE.map(lambda body: f"~~~python\n{body}")
    quote = PROSE.map(lambda body: f"> {body}")
    table = st.lists(PROSE, min_size=1, max_size=3).map(
        lambda cells: "| " + " | ".join(cells) + " |\n|---|---|\n| a | b |"
    )
    front = TREES.map(lambda tree: "---\n" + yaml.safe_dump(tree, allow_unicode=True) + "---")
    html = PROSE.map(lambda body: f"<details>\n<summary>{body}</summary>\n\n{body}\n</details>")
    link_def = PROSE.map(lambda body: f'[1]: https://example.org/{body[:5]} "{body}"')
    return st.one_of(PROSE, heading, bullet, fence, unclosed_fence, quote, table, front, html,
                     link_def, st.just("***"), st.just("Q: What?\nA: This."))  # fmt: skip


MARKDOWN = st.lists(_markdown_block(), max_size=12).map("\n\n".join)
CSV_ROWS = st.lists(
    st.lists(st.one_of(PROSE, st.text(max_size=20), KEYS), min_size=0, max_size=5),
    max_size=8,
)


def _csv(rows: list[list[str]], header: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["question", "answer", "reviewed"])
    writer.writerows(rows)
    return out.getvalue()


def _dump(tree: Any, how: str) -> str:
    if how == "json":
        return json.dumps(tree, ensure_ascii=False)
    if how == "json-ascii":
        return json.dumps(tree, ensure_ascii=True, indent=2)
    if how == "jsonl":
        items = tree if isinstance(tree, list) else [tree]
        return "\n".join(json.dumps(item) for item in items) + "\n"
    if how == "yaml-flow":
        return yaml.safe_dump(tree, default_flow_style=True, allow_unicode=True)
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


# -- what every example must satisfy ------------------------------------------------------


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="faq-lint-fuzz-") as name:
        yield Path(name)


def _no_crash_in(messages: list[str]) -> None:
    crashed = [m for m in messages if INTERNAL_ERROR in m]
    assert not crashed, crashed


def _checked(data: bytes, extension: str) -> Document:
    """Write ``data`` with ``extension``, parse it, run every per-file rule on it."""
    with _folder() as folder:
        path = folder / f"page{extension}"
        path.write_bytes(data)
        document = parse_file(str(path))
        assert document.path == str(path)
        _no_crash_in([p.message for p in document.problems])
        for problem in document.problems:
            assert problem.line >= 1 and problem.column >= 1
        findings = check_document(document, RULESET)
        _no_crash_in([p.message for p in document.problems] + [f.message for f in findings])
        for finding in findings:
            assert finding.line >= 1 and finding.column >= 1
            assert finding.path == str(path)
        for entry in document.entries:
            for offset in (0, len(entry.answer) // 2, max(0, len(entry.answer) - 1)):
                position = entry.locate(offset)
                assert position.line >= 1 and position.column >= 1
        return document


def _corpus(documents: list[Document]) -> None:
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        findings = check_corpus([d for d in documents if not d.problems], RULESET)
    assert INTERNAL_ERROR not in stderr.getvalue(), stderr.getvalue()
    for finding in findings:
        assert finding.line >= 1


def _lint_end_to_end(files: dict[str, bytes]) -> Report:
    with _folder() as folder:
        for name, data in files.items():
            (folder / name).write_bytes(data)
        config = Config(paths=[str(folder)], cache=False, baseline=None)
        config.root = str(folder)
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            report = lint([str(folder)], config)
        assert INTERNAL_ERROR not in stderr.getvalue(), stderr.getvalue()
        _no_crash_in([f.message for f in report.findings])
        assert report.summary.files == len(files)
        for name in RENDERERS:
            renderer(name)(report).encode("utf-8")  # every output writes as UTF-8
        json.loads(report.model_dump_json())
        return report


# -- the properties -----------------------------------------------------------------------


@SETTINGS
@given(data=st.binary(max_size=3000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_in_any_format(data: bytes, extension: str) -> None:
    _checked(data, extension)


@SETTINGS
@given(
    text=st.text(max_size=3000),
    extension=st.sampled_from(EXTENSIONS),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
)
def test_random_text_in_any_format_and_encoding(text: str, extension: str, encoding: str) -> None:
    _checked(text.encode(encoding, errors="replace"), extension)


@SETTINGS
@given(markdown=MARKDOWN, extension=st.sampled_from([".md", ".markdown", ".txt"]))
def test_random_markdown(markdown: str, extension: str) -> None:
    document = _checked(markdown.encode("utf-8"), extension)
    _corpus([document, document])


@SETTINGS
@given(
    tree=FAQ_TREES,
    how=st.sampled_from(["json", "json-ascii", "jsonl", "yaml-flow", "yaml-block"]),
    extension=st.sampled_from([".json", ".jsonld", ".jsonl", ".yaml", ".yml"]),
)
def test_random_yaml_and_json_structures(tree: Any, how: str, extension: str) -> None:
    text = _dump(tree, how)
    document = _checked(text.encode("utf-8"), extension)
    _corpus([document, document])


@SETTINGS
@given(rows=CSV_ROWS, header=st.booleans(), cut=st.integers(min_value=0, max_value=400))
def test_random_csv(rows: list[list[str]], header: bool, cut: int) -> None:
    text = _csv(rows, header)
    _checked(text.encode("utf-8"), ".csv")
    _checked(text[: len(text) - cut].encode("utf-8"), ".csv")  # cut anywhere, even mid-quote


@settings(
    max_examples=FEW,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    markdown=MARKDOWN,
    tree=FAQ_TREES,
    rows=CSV_ROWS,
    noise=st.binary(max_size=500),
    prose=PROSE,
)
def test_lint_end_to_end_on_a_random_site(
    markdown: str, tree: Any, rows: list[list[str]], noise: bytes, prose: str
) -> None:
    """A whole random site through the public API, corpus rules and every renderer."""
    report = _lint_end_to_end(
        {
            "page.md": markdown.encode("utf-8"),
            "page.yaml": _dump(tree, "yaml-block").encode("utf-8"),
            "page.json": _dump(tree, "json").encode("utf-8"),
            "page.jsonl": _dump(tree, "jsonl").encode("utf-8"),
            "page.csv": _csv(rows, True).encode("utf-8"),
            "page.txt": prose.encode("utf-8"),
            "noise.txt": noise,
        }
    )
    assert report.summary.findings == len(report.findings)
