"""Kind ``stray-text``: text outside any entry that is left over from editing.

Text outside the questions and answers is usually page content: an intro paragraph or
a source or attribution line before the first question ("Content supplied by the
County Health Department"), a short introduction under a section heading. The text
rules (spelling, medication claims) check the intro like an answer
(:meth:`faq_lint.models.Document.intro`); this rule does not report it.

What it reports is text outside any entry that is clearly not content: an editing
leftover, a placeholder or a note to the team ("TODO: add the clinic's number",
"Lorem ipsum", "[insert link]", "Note to editor: check these figures"). The markers
are data (option ``leftover-markers``): a marker written in capitals ("TODO") matches
only in capitals, any other case-insensitively, as a whole word or phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document, Position


def _phrase(marker: str) -> str:
    body = r"\s+".join(re.escape(part) for part in marker.split())
    start = r"\b" if marker[:1].isalnum() else ""
    end = r"\b" if marker[-1:].isalnum() else ""
    return f"{start}{body}{end}"


def markers(words: Iterable[object]) -> re.Pattern[str] | None:
    """One pattern for the leftover markers (None when there are none)."""
    exact: list[str] = []
    loose: list[str] = []
    for word in words:
        marker = " ".join(str(word).split())
        if not marker:
            continue
        has_letters = any(c.isalpha() for c in marker)
        (exact if has_letters and marker.isupper() else loose).append(_phrase(marker))
    parts = [f"(?:{'|'.join(exact)})"] if exact else []
    if loose:
        parts.append(f"(?i:{'|'.join(loose)})")
    return re.compile("|".join(parts)) if parts else None


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    if not document.stray_text:
        return
    found = rule.state("markers", lambda: markers(rule.option("leftover-markers", []) or []))
    if found is None:
        return
    limit = int(rule.option("quote-chars", 60))
    for stray in document.stray_text:
        match = found.search(stray.text)
        if match is None:
            continue  # page content: an intro, a source line, a section's introduction
        quote = stray.text if len(stray.text) <= limit else stray.text[: limit - 1] + "…"
        yield Hit(
            args={"text": quote, "marker": " ".join(match.group().split())},
            start=Position(line=stray.line, column=stray.column),
            document=document,
            matched=stray.text,
        )
