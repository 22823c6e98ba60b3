"""Kind ``not-a-question``: an entry whose question does not read as a question.

A question should end in ``?``. Requests such as "Do you have information about
X" and headings such as "Treatment options" are flagged so the editor can turn
them into the question a patient would ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document, Entry

_ASKS_THEN_EXPLAINS = re.compile(r"\?[)\]\"'”’]*\s+\S")


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    text = entry.question.strip()
    if not text or text.rstrip(")]\"'”’ ").endswith("?") or _ASKS_THEN_EXPLAINS.search(text):
        return  # "Where can I find a mask? The stores are all sold out." asks, then explains
    suggestion = f"{text.rstrip('.:;!')}?"
    yield Hit(
        args={"question": text},
        start=entry.question_position,
        entry=entry,
        matched=text,
        suggestions=[f"Write it as a question, e.g. '{suggestion}'"],
    )
