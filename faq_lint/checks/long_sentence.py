"""Kind ``long-sentence``: a sentence longer than the limit (default 25 words).

Sentences come from :func:`faq_lint.text.sentences.split_sentences`, which ends a
sentence at a paragraph break, a heading line and each item of a flattened bullet list
("include  - joint aches  - thick, oily skin", " • fever • cough", lines after a line
ending in a colon), so a list is not one giant sentence; a full stop after a gene or
product name ("UBE3A.") or with no space before a capital ("you.To") ends one, and
abbreviations ("Dr.", "e.g.", "U.S.") do not.
Words are counted as the readability formulas count them.

Options: ``max-words`` (default 25).
"""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.reading_grade import excerpt
from faq_lint.models import Document, Entry
from faq_lint.text.readability import sentence_word_counts, sentences_of


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    limit = int(rule.option("max-words", 25))
    counts = sentence_word_counts(entry.answer)
    if not counts or max(counts) <= limit:
        return
    for sentence, words in zip(sentences_of(entry.answer), counts, strict=True):
        if words <= limit:
            continue
        yield hit_in_answer(
            entry,
            sentence.start,
            sentence.end,
            args={"words": words, "limit": limit, "sentence": excerpt(sentence.text, 10)},
            suggestions=[],
        )
