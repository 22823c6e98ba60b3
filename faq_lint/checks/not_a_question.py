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
# Words a question starts with: such a heading only lacks its "?".
_QUESTION_START = re.compile(
    r"(?i)^(what|how|why|when|where|who|whom|whose|which|can|could|do|does|did|is|are|was|"
    r"were|should|shall|will|would|may|might|must|have|has|am)\b"
)
# A topic heading ("About cancer", "Treatment information"): what it is about.
_TOPIC_WORDS = re.compile(
    r"(?i)^(?:(?:more\s+)?(?:information|facts|details|questions)\s+(?:about|on|for)\s+|about\s+)"
    r"|\s+(?:information|facts|details|basics|overview)$"
)


def suggested_question(heading: str) -> str:
    """The question to offer: the heading with its "?" when it already asks, else a
    question about the heading's topic ("About cancer" -> "What should I know about
    cancer?"), never a heading with a "?" stuck on; "" for a statement (no good example)."""
    text = heading.rstrip(".:;! ")
    if _QUESTION_START.match(text):
        return f"{text}?"
    topic = _TOPIC_WORDS.sub("", text).strip() or text
    if len(topic.split()) > 6:  # a statement ("Antiviral medicines can be ..."), not a topic
        return ""
    if not (topic.isupper() or any(c.isupper() for c in topic[1:])):
        topic = topic[0].lower() + topic[1:]
    return f"What should I know about {topic}?"


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    text = entry.question.strip()
    if not text or text.rstrip(")]\"'”’ ").endswith("?") or _ASKS_THEN_EXPLAINS.search(text):
        return  # "Where can I find a mask? The stores are all sold out." asks, then explains
    suggestion = suggested_question(text)
    fix = (
        f"Write it as a question, e.g. '{suggestion}'"
        if suggestion
        else "Write it as the question a reader would ask"
    )
    yield Hit(
        args={"question": text},
        start=entry.question_position,
        entry=entry,
        matched=text,
        suggestions=[fix],
    )
