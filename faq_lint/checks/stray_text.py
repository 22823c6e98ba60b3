"""Kind ``stray-text``: text outside any entry (not a title, disclaimer or reference)."""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document, Position


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    limit = int(rule.option("quote-chars", 60))
    for stray in document.stray_text:
        quote = stray.text if len(stray.text) <= limit else stray.text[: limit - 1] + "…"
        yield Hit(
            args={"text": quote},
            start=Position(line=stray.line, column=stray.column),
            document=document,
            matched=stray.text,
        )
