"""Readability formulas: Flesch-Kincaid grade, Flesch reading ease and SMOG, offline.

The figures are exactly textstat's (0.7.x, language ``en_US``): the same word list
(punctuation removed except apostrophes of contractions), the same sentence count
(``\\b[^.!?]+[.!?]*`` pieces, ignoring pieces of two words or fewer), and the same
syllable count (the first CMUdict pronunciation, else pyphen's hyphenation points + 1).

textstat itself is not imported: it pulls in NLTK (over a second to import) and
downloads NLTK's cmudict on first use, which fails offline. The CMUdict counts come
from a table shipped in the package (``faq_lint/data/syllables.txt.gz``, built by
``tools/build_syllables.py``); ``tests/test_readability_textstat.py`` proves the
figures equal textstat's own functions.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from faq_lint.models import Document, Readability
from faq_lint.text.sentences import Sentence, split_sentences

LANG = "en_US"
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")

# SMOG was normed on samples of 30 sentences; below that it is not reported per answer.
SMOG_MIN_SENTENCES = 30


# -- textstat's building blocks ---------------------------------------------------------


def list_words(text: str, lowercase: bool = False) -> list[str]:
    """textstat's ``list_words`` with its defaults: punctuation removed, apostrophes of
    contractions (``'t``, ``'s``, ``'d``, ``'ve``, ``'ll``, ``'re``) kept, hyphens removed
    (``anti-inflammatory`` is one word, ``antiinflammatory``)."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    text = _PUNCTUATION.sub("", text)
    if lowercase:
        text = text.lower()
    return text.split()


def count_sentences(text: str) -> int:
    """textstat's sentence count: pieces ending in ``.``, ``!`` or ``?``, ignoring pieces
    of two words or fewer ("Treatment."); at least 1 for non-empty text."""
    if not text:
        return 0
    pieces = _SENTENCE.findall(text)
    ignored = sum(1 for piece in pieces if len(list_words(piece)) <= 2)
    return max(1, len(pieces) - ignored)


@lru_cache(maxsize=1)
def _cmu_table() -> dict[str, int]:
    """Syllables of every CMUdict word (first pronunciation), from the shipped table."""
    data = files("faq_lint").joinpath("data/syllables.txt.gz").read_bytes()
    table: dict[str, int] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        count, _, words = line.partition("\t")
        table.update(dict.fromkeys(words.split(" "), int(count)))
    return table


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=LANG)


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> int:
    """Syllables of one word as textstat counts them (``word`` already lowercased)."""
    count = _cmu_table().get(word)
    if count is not None:
        return count
    return len(_pyphen().positions(word)) + 1


def count_syllables(text: str) -> int:
    if not text:
        return 0
    return sum(word_syllables(word) for word in list_words(text, lowercase=True))


# -- figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextCounts:
    """The counts every formula is made of."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of 3+ syllables

    def __add__(self, other: TextCounts) -> TextCounts:
        return TextCounts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
        )

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    def flesch_kincaid_grade(self) -> float:
        asl, asw = self.words_per_sentence, self.syllables_per_word
        if asl == 0 or asw == 0:
            return 0.0
        return 0.39 * asl + 11.8 * asw - 15.59

    def flesch_reading_ease(self) -> float:
        asl, asw = self.words_per_sentence, self.syllables_per_word
        if asl == 0 or asw == 0:
            return 0.0
        return 206.835 - 1.015 * asl - 84.6 * asw

    def smog_index(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.043 * math.sqrt(30 * self.polysyllables / self.sentences) + 3.1291


def text_counts(text: str) -> TextCounts:
    """Words, sentences, syllables and polysyllables of ``text``, as textstat counts them."""
    words = list_words(text, lowercase=True)
    per_word = [word_syllables(w) for w in words]
    return TextCounts(
        words=len(words),
        sentences=count_sentences(text),
        syllables=sum(per_word),
        polysyllables=sum(1 for s in per_word if s >= 3),
    )


def flesch_kincaid_grade(text: str) -> float:
    """textstat.flesch_kincaid_grade(text)."""
    return text_counts(text).flesch_kincaid_grade()


def flesch_reading_ease(text: str) -> float:
    """textstat.flesch_reading_ease(text)."""
    return text_counts(text).flesch_reading_ease()


def smog_index(text: str) -> float:
    """textstat.smog_index(text)."""
    return text_counts(text).smog_index()


# -- answers and documents --------------------------------------------------------------


_INNER_STOP = re.compile(r"[.!?]+")


@lru_cache(maxsize=256)
def sentences_of(text: str) -> tuple[Sentence, ...]:
    """:func:`~faq_lint.text.sentences.split_sentences`, remembered: the grade, the long
    sentence and the jargon rules all split the same answer."""
    return tuple(split_sentences(text))


def formula_text(answer: str) -> str:
    """The answer as the formulas should see it: one sentence per sentence, list item and
    heading, as :func:`~faq_lint.text.sentences.split_sentences` finds them.

    textstat ends a sentence at every ``.``, so "0.73", "e.g." and "U.S." cut sentences
    short, while flattened bullet lists ("include  - joint aches  - thick, oily skin")
    and headings without a full stop merge into one long sentence. Here each piece ends
    with exactly one full stop and the full stops inside it are dropped (textstat drops
    them from its words anyway), so words and syllables are textstat's and the sentences
    are real ones.
    """
    pieces = []
    for sentence in sentences_of(answer):
        text = _INNER_STOP.sub("", sentence.text.strip().lstrip("-•*").strip()).rstrip(":;, ")
        if text:
            pieces.append(text + ".")
    return " ".join(pieces)


@lru_cache(maxsize=65536)
def answer_counts(answer: str) -> TextCounts:
    # Remembered: the grade rule and the report's per-document figures count the same answers.
    return text_counts(formula_text(answer))


def readability_of(counts: Iterable[TextCounts]) -> Readability | None:
    total = sum(counts, TextCounts())
    if not total.words:
        return None
    return Readability(
        flesch_kincaid_grade=round(total.flesch_kincaid_grade(), 1),
        smog_index=round(total.smog_index(), 1),
        flesch_reading_ease=round(total.flesch_reading_ease(), 1),
        words=total.words,
        sentences=total.sentences,
    )


def document_readability(document: Document) -> Readability | None:
    """Figures for the whole page: the counts of every answer added up.

    Each answer is counted on its own (an answer that does not end in a full stop does
    not run into the next one). SMOG is given for the page as a whole; it is most
    reliable from 30 sentences up.
    """
    return readability_of(answer_counts(e.answer) for e in document.entries if e.answer.strip())
