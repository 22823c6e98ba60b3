"""Kind ``empty-answer``: a question with no answer text.

Options: ``min-words`` (default 1): answers with fewer words count as empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document, Entry

WORD = re.compile(r"[A-Za-z0-9]")


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    min_words = int(rule.option("min-words", 1))
    if min_words == 1 and WORD.search(entry.answer):
        return  # one word is enough (the default): no need to count them all
    words = [w for w in entry.answer.split() if WORD.search(w)]
    if len(words) < min_words:
        yield Hit(
            args={"words": len(words)},
            start=entry.question_position,
            entry=entry,
            matched=entry.question,
        )
