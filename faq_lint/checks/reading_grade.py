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
from itertools import compress, filterfalse

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.readability import (
    SMOG_MIN_SENTENCES,
    answer_counts,
    list_words,
    sentence_word_counts,
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


# Syllables of each word as written, remembered (medical words repeat across answers),
# and the words of 3 or more syllables among them.
_TOKEN_SYLLABLES: dict[str, int] = {}
_HARD: set[str] = set()


def token_syllables(token: str) -> int:
    """Syllables of a word as written ("anti-inflammatory" counts as one word), in any
    case: counted lowercased ("O'Sullivan" keeps its apostrophe as "o's" would)."""
    count = _TOKEN_SYLLABLES.get(token)
    if count is None:
        words = list_words(token.lower())  # (one word, or none)
        count = _TOKEN_SYLLABLES[token] = sum(map(word_syllables, words))
        if count >= 3:
            _HARD.add(token)
    return count


def hard_words(text: str, limit: int) -> list[tuple[str, int]]:
    """The words with the most syllables (3 or more), most syllables first, each once
    (in any case; as first written)."""
    written = dict.fromkeys(_WORD.findall(text))  # each spelling once, in order of first use
    if not written:
        return []
    if len(_TOKEN_SYLLABLES) > 200_000:
        _TOKEN_SYLLABLES.clear()  # bounded, whatever the input
        _HARD.clear()
    for token in filterfalse(_TOKEN_SYLLABLES.__contains__, written):
        token_syllables(token)
    # Only the hard spellings are looked at in Python (picked out in C). A word's
    # syllables do not depend on its case, so its first spelling is hard if any is.
    seen: list[tuple[str, int, int]] = []
    done: set[str] = set()
    for order, token in enumerate(compress(written, map(_HARD.__contains__, written))):
        key = token.lower()
        if key not in done:
            done.add(key)
            if not token.isupper():  # acronyms are read letter by letter
                seen.append((token, _TOKEN_SYLLABLES[token], order))
    seen.sort(key=lambda item: (-item[1], item[2]))
    return [(token, syllables) for token, syllables, _ in seen[:limit]]


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
    memo: AnswerMemo[Verdict | None] = rule.state("answers", AnswerMemo)
    verdict = memo.get(text, lambda: _verdict(text, rule))
    if verdict is None:
        return
    args, suggestions = verdict
    yield hit_in_answer(
        entry, 0, len(text), args=dict(args), suggestions=list(suggestions), matched="reading-grade"
    )


# A finding's message arguments and suggestions; they depend on the answer text alone.
Verdict = tuple[dict[str, object], list[str]]


def _verdict(text: str, rule: Rule) -> Verdict | None:
    counts = answer_counts(text)
    if not counts.words:
        return None
    grade = counts.flesch_kincaid_grade()
    target = target_grade(rule)
    if grade <= target:
        return None
    sentences = list(sentences_of(text))
    sizes = list(sentence_word_counts(text))
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
            return None
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
    args: dict[str, object] = {
        "grade": f"{grade:.1f}",
        "target": f"{target:g}",
        "note": note,
        "drivers": "; ".join(drivers) if drivers else "long words",
        "words": counts.words,
        "share": f"{hard_share:.0%}",
    }
    return args, suggestions
