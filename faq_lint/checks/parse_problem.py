"""Kind ``parse-problem``: report what the reader and parser could not handle.

Options: ``kinds``: which problem kinds this rule reports (``unreadable``,
``malformed``, ``shape``, ``too-large``, ``encoding``).
"""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document, Position


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    kinds = set(rule.option("kinds", []))
    for problem in document.problems:
        if problem.kind not in kinds:
            continue
        yield Hit(
            args={"problem": problem.message, "kind": problem.kind},
            start=Position(line=problem.line, column=problem.column),
            document=document,
            matched=problem.kind,
        )
