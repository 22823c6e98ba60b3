"""Kind ``reading-grade``: an answer that reads above the target school grade.

The grade is the Flesch-Kincaid grade of the answer (textstat's formula, computed
offline by :mod:`faq_lint.text.readability`), with list items and headings counted as
sentences of their own. The formula is unreliable on a sentence or two, so a very
short answer is flagged only when its grade is above target AND a concrete cause is
there too: a long sentence or a high share of hard (3+ syllable) words.

Options: ``target-grade`` (default: the project's ``target-grade``, 8),
``short-answer-words`` and ``short-answer-sentences`` (what counts as very short),
``short-max-sentence-words`` and ``short-max-hard-share`` (the causes that count for a
very short answer), ``hard-words`` (how many hard words the message names).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry
from faq_lint.text.readability import (
    SMOG_MIN_SENTENCES,
    answer_counts,
    list_words,
    sentences_of,
    word_syllables,
)
from faq_lint.text.sentences import Sentence

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_EXCERPT_WORDS = 8


def target_grade(rule: Rule) -> float:
    value = rule.option("target-grade")
    if value is None and rule.project is not None:
        value = getattr(rule.project, "target_grade", None)
    return float(value if value is not None else 8)


@lru_cache(maxsize=65536)
def token_syllables(token: str) -> int:
    """Syllables of a word as written ("anti-inflammatory" counts as one word)."""
    return sum(word_syllables(w) for w in list_words(token, lowercase=True))


def hard_words(text: str, limit: int) -> list[tuple[str, int]]:
    """The words with the most syllables (3 or more), most syllables first, each once."""
    first: dict[str, str] = {}
    for raw in _WORD.findall(text):
        first.setdefault(raw.lower(), raw)
    seen: dict[str, tuple[str, int, int]] = {}
    for index, (key, token) in enumerate(first.items()):
        if token.isupper():  # acronyms are read letter by letter
            continue
        syllables = token_syllables(key)
        if syllables >= 3:
            seen[key] = (token, syllables, index)
    ranked = sorted(seen.values(), key=lambda item: (-item[1], item[2]))
    return [(token, syllables) for token, syllables, _ in ranked[:limit]]


def excerpt(text: str, words: int = _EXCERPT_WORDS) -> str:
    parts = text.split()
    short = " ".join(parts[:words])
    return short + "…" if len(parts) > words else short


def longest_sentence(sentences: list[Sentence], sizes: list[int]) -> tuple[Sentence | None, int]:
    best: Sentence | None = None
    best_words = 0
    for sentence, count in zip(sentences, sizes, strict=True):
        if count > best_words:
            best, best_words = sentence, count
    return best, best_words


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    text = entry.answer
    if not text.strip():
        return
    counts = answer_counts(text)
    if not counts.words:
        return
    grade = counts.flesch_kincaid_grade()
    target = target_grade(rule)
    if grade <= target:
        return
    sentences = list(sentences_of(text))
    sizes = [len(list_words(s.text)) for s in sentences]
    longest, longest_words = longest_sentence(sentences, sizes)
    real_sentences = sum(1 for size in sizes if size > 2)
    short = counts.words < int(rule.option("short-answer-words", 40)) or real_sentences <= int(
        rule.option("short-answer-sentences", 2)
    )
    hard_share = counts.polysyllables / counts.words
    if short:
        long_enough = longest_words > int(rule.option("short-max-sentence-words", 20))
        too_many_hard = hard_share > float(rule.option("short-max-hard-share", 0.2))
        if not (long_enough or too_many_hard):
            return
    hard = hard_words(text, int(rule.option("hard-words", 3)))
    drivers: list[str] = []
    if longest is not None:
        drivers.append(
            f"the longest sentence has {longest_words} words ('{excerpt(longest.text)}')"
        )
    if hard:
        listed = ", ".join(f"{word} ({syllables} syllables)" for word, syllables in hard)
        drivers.append(f"hard words: {listed}")
    if counts.sentences >= SMOG_MIN_SENTENCES:
        drivers.append(f"SMOG grade {counts.smog_index():.1f}")
    note = " (a short answer: judged on its sentence length and hard words)" if short else ""
    suggestions: list[str] = []
    if longest is not None and longest_words > 15:
        suggestions.append(f"Split the {longest_words}-word sentence '{excerpt(longest.text)}'")
    if hard:
        suggestions.append("Use shorter, everyday words for: " + ", ".join(w for w, _ in hard))
    yield hit_in_answer(
        entry,
        0,
        len(text),
        args={
            "grade": f"{grade:.1f}",
            "target": f"{target:g}",
            "note": note,
            "drivers": "; ".join(drivers) if drivers else "long words",
            "words": counts.words,
            "share": f"{hard_share:.0%}",
        },
        suggestions=suggestions,
        matched="reading-grade",
    )
