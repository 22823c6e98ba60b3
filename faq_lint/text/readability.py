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

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import filterfalse
from typing import Any

from faq_lint.models import Document, Readability
from faq_lint.text.sentences import Sentence, split_sentences

LANG = "en_US"
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
# textstat removes apostrophes that do not begin a contraction ending, then punctuation
# other than apostrophes. Done here in that order too: the apostrophes with a regex (its
# look-ahead sees the text as textstat's does), then the punctuation with str.translate
# (a mark is removed or not by itself alone; 5x faster than a regex pass).
_LONE_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + r")")
_PUNCTUATION_MARK = re.compile(r"[^\w\s\']")


class _Punctuation(dict[int, "int | None"]):
    """A str.translate table: None (remove) for a character of ``[^\\w\\s']``, else the
    character itself; filled in on first sight of each character."""

    def __missing__(self, code: int) -> int | None:
        value = None if _PUNCTUATION_MARK.match(chr(code)) else code
        if len(self) < 100_000:  # (bounded, whatever the input)
            self[code] = value
        return value


_REMOVE_PUNCTUATION = _Punctuation()


def _strip_punctuation(text: str) -> str:
    if "'" in text:
        text = _LONE_APOSTROPHE.sub("", text)
    return text.translate(_REMOVE_PUNCTUATION)


_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")

# SMOG was normed on samples of 30 sentences; below that it is not reported per answer.
SMOG_MIN_SENTENCES = 30


# -- textstat's building blocks ---------------------------------------------------------


def list_words(text: str, lowercase: bool = False) -> list[str]:
    """textstat's ``list_words`` with its defaults: punctuation removed, apostrophes of
    contractions (``'t``, ``'s``, ``'d``, ``'ve``, ``'ll``, ``'re``) kept, hyphens removed
    (``anti-inflammatory`` is one word, ``antiinflammatory``)."""
    text = _strip_punctuation(text)
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


_TABLE = "data/syllables.txt.gz"


def _syllable_buckets() -> dict[str, tuple[str, bytes]]:
    """The CMUdict table by the first two letters of the word: ``(words, counts)``."""
    import gzip  # (only when the data cache is built)

    data = files("faq_lint").joinpath(_TABLE).read_bytes()
    words: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        count, _, names = line.partition("\t")
        for word in names.split(" "):
            words.setdefault(word[:2], []).append(word)
            counts.setdefault(word[:2], []).append(int(count))
    return {key: (f" {' '.join(words[key])} ", bytes(counts[key])) for key in words}


@lru_cache(maxsize=1)
def _cmu_buckets() -> dict[str, tuple[str, bytes]]:
    # A page needs a few hundred of the 126,000 words: the table is kept (datacache) as
    # one string per two-letter prefix (" word word ... ", with a space at each end) and
    # the counts of its words; see _lookup.
    from faq_lint.datacache import cached

    source = str(files("faq_lint").joinpath(_TABLE))
    return cached("syllables", [source], _syllable_buckets, "2")  # "2": the value's layout


# word -> syllables: the CMUdict words looked up so far (all words of the prefixes in
# _LOADED), and pyphen's counts of words that CMUdict lacks.
_KNOWN: dict[str, int] = {}
_LOADED: set[str] = set()
_SEARCHED: dict[str, int] = {}  # prefix -> words looked up in its string so far
# Words of a prefix found by a search of its string before all its words become dict
# entries (a search costs a few microseconds, making a prefix's ~220 words entries
# some 30: a page needs a few words of each prefix, a large file all of them).
_SEARCHES = 16


# pyphen's hyphenation patterns, parsed, and the longest pattern: {letters: steps}, for
# each pattern and each proper prefix of a pattern. steps[0] is 1 when a longer pattern
# begins with these letters; a pattern's steps go on with its offset and its values.
# (Bytes keep the table compact: it loads in a third of the time of tuples.)
Hyphenation = tuple[dict[str, bytes], int]


@lru_cache(maxsize=1)
def _hyphenation() -> Hyphenation | None:
    """pyphen's patterns for :data:`LANG`, parsed once and kept (datacache): parsing them
    takes pyphen 50 ms and importing it 40 ms. None: use pyphen itself."""
    from importlib.util import find_spec

    from faq_lint.datacache import cached

    spec = find_spec("pyphen")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = os.path.join(folders[0], "dictionaries", f"hyph_{LANG}.dic") if folders else ""
    if not os.path.isfile(path):
        return None
    return cached(f"pyphen-{LANG}", [path], _parse_hyphenation, "2")  # "2": the layout


def _parse_hyphenation() -> Hyphenation | None:
    import pyphen

    parsed = pyphen.Pyphen(lang=LANG).hd
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for key, (start, values) in parsed.patterns.items():
        if any(getattr(value, "data", None) is not None for value in values):
            return None  # a nonstandard hyphenation (not in English): keep pyphen's own
        patterns[key] = (start, tuple(int(value) for value in values))
    if any(not 0 <= v < 256 for start, values in patterns.values() for v in (start, *values)):
        return None  # (not in English: values are single digits) keep pyphen's own
    prefixes = {key[:size] for key in patterns for size in range(1, len(key))}
    table = dict.fromkeys(prefixes, b"\x01")
    for key, (start, values) in patterns.items():
        table[key] = bytes([key in prefixes, start, *values])
    return table, int(parsed.maxlen)


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=LANG)


def hyphenation_points(word: str) -> int:
    """``len(pyphen.Pyphen(lang=LANG).positions(word))``, as pyphen works it out, but
    without trying the substrings no pattern begins with (pyphen tries every substring
    up to 28 letters long at each letter)."""
    hyphenation = _hyphenation()
    if hyphenation is None:
        return len(_pyphen().positions(word))
    table, maxlen = hyphenation
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        for j in range(i + 1, min(i + maxlen, size) + 1):
            steps = table.get(pointed[i:j])
            if steps is None:
                break  # no pattern begins with these letters
            if len(steps) > 1:  # a pattern
                offset = i + steps[1]
                span = slice(offset, offset + len(steps) - 2)
                references[span] = map(max, steps[2:], references[span])
            if not steps[0]:
                break  # no longer pattern begins with these letters
    right = len(word) - 2  # pyphen's default: no break in the first or last 2 letters
    return sum(1 for i, value in enumerate(references) if value % 2 and 2 <= i - 1 <= right)


def _lookup(word: str) -> int:
    """Syllables of a word missing from :data:`_KNOWN` (and now added to it): its
    CMUdict count, else pyphen's."""
    prefix = word[:2]
    count: int | None = None
    if prefix not in _LOADED:
        bucket = _cmu_buckets().get(prefix)
        searched = _SEARCHED.get(prefix, 0)
        if bucket is None:
            _LOADED.add(prefix)
        elif searched < _SEARCHES:
            _SEARCHED[prefix] = searched + 1
            words, counts = bucket
            at = words.find(f" {word} ")  # (words hold no space)
            if at >= 0:
                count = counts[words.count(" ", 0, at)]  # the word's place in the string
        else:
            _LOADED.add(prefix)
            words, counts = bucket
            _KNOWN.update(zip(words[1:-1].split(" "), counts, strict=True))
            count = _KNOWN.get(word)
    else:
        count = _KNOWN.get(word)  # (loaded since the caller saw it missing)
    if count is None:
        count = hyphenation_points(word) + 1  # (a word CMUdict lacks)
    _KNOWN[word] = count
    return count


def _bound() -> None:
    if len(_KNOWN) > 1_000_000:  # bounded, whatever the input: start again
        _KNOWN.clear()
        _LOADED.clear()
        _SEARCHED.clear()


def word_syllables(word: str) -> int:
    """Syllables of one word as textstat counts them (``word`` already lowercased)."""
    count = _KNOWN.get(word)
    if count is None:
        _bound()
        count = _lookup(word)
    return count


def syllable_counts(words: list[str]) -> list[int]:
    """:func:`word_syllables` of each word (lowercased)."""
    try:
        return list(map(_KNOWN.__getitem__, words))  # one dict lookup a word, in C
    except KeyError:
        _bound()
        for word in set(filterfalse(_KNOWN.__contains__, words)):  # the new words
            _lookup(word)
        return list(map(_KNOWN.__getitem__, words))


def count_syllables(text: str) -> int:
    if not text:
        return 0
    return sum(syllable_counts(list_words(text, lowercase=True)))


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
    per_word = syllable_counts(words)
    simple = per_word.count(1) + per_word.count(2) + per_word.count(0)  # counts are >= 0
    return TextCounts(
        words=len(words),
        sentences=count_sentences(text),
        syllables=sum(per_word),
        polysyllables=len(per_word) - simple,
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


@lru_cache(maxsize=256)
def sentences_of(text: str) -> tuple[Sentence, ...]:
    """:func:`~faq_lint.text.sentences.split_sentences`, remembered: the grade, the long
    sentence and the jargon rules all split the same answer."""
    return tuple(split_sentences(text))


def sentence_word_counts(text: str) -> tuple[int, ...]:
    """Words in each of :func:`sentences_of`, as the formulas count them: the same as
    ``len(list_words(sentence.text))``, read off :func:`_formula_words` (the grade and
    the long-sentence rules both need them)."""
    return _formula_words(text)[1]


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
    return " ".join(_formula_pieces(answer))


def _formula_pieces(answer: str) -> list[str]:
    pieces = []
    for sentence in sentences_of(answer):
        text = sentence.text.strip().lstrip("-•*").strip()
        # every ".", "!" and "?" goes (three replace() calls are cheaper than a regex)
        text = text.replace(".", "").replace("!", "").replace("?", "").rstrip(":;, ")
        if text:
            pieces.append(text + ".")
    return pieces


_PIECE_BREAK = "\x1e"  # white space to str.split and to \s; joins the pieces below


@lru_cache(maxsize=256)
def _formula_words(answer: str) -> tuple[list[str], tuple[int, ...]]:
    """``list_words(formula_text(answer), lowercase=True)`` and the number of words of
    each piece of the formula text.

    There is one piece per sentence (a sentence holds a letter or digit, which no step
    of :func:`_formula_pieces` removes), and a piece has as many words as its sentence:
    the steps remove only punctuation, which is no word, and white space at the ends;
    a word is a run without white space that holds a word character.

    Worked out on the sentences joined by a white-space character the answer does not
    hold, without making the pieces: the ".", "!" and "?" go from the whole text, and
    what else the pieces drop (punctuation and white space at their ends) is removed
    with the other punctuation or is white space. An apostrophe at the end of a piece
    is followed by the piece's full stop there and by punctuation, white space or the
    join here: removed both times (the rest of each piece is the same text).
    """
    sentences = sentences_of(answer)
    if not sentences:
        return [], ()
    if _PIECE_BREAK in answer:  # (never in real text) one piece at a time
        per_piece = [list_words(piece, lowercase=True) for piece in _formula_pieces(answer)]
        return [w for words in per_piece for w in words], tuple(map(len, per_piece))
    text = _PIECE_BREAK.join([sentence.text for sentence in sentences])
    text = text.replace(".", "").replace("!", "").replace("?", "")
    text = _strip_punctuation(text).lower()
    return text.split(), tuple(map(len, map(str.split, text.split(_PIECE_BREAK))))


@lru_cache(maxsize=65536)
def answer_counts(answer: str) -> TextCounts:
    """``text_counts(formula_text(answer))``, remembered: the grade rule and the report's
    per-document figures count the same answers.

    Counted piece by piece, which is the same and faster: each piece of the formula text
    holds a word and ends with its only full stop, so textstat's sentence pieces of the
    formula text are its pieces (less any punctuation before the first word, which has no
    word), and its words are the pieces' words one after the other.
    """
    words, per_piece = _formula_words(answer)
    if not per_piece:
        return TextCounts()
    short = per_piece.count(0) + per_piece.count(1) + per_piece.count(2)
    per_word = syllable_counts(words)
    simple = per_word.count(1) + per_word.count(2) + per_word.count(0)  # counts are >= 0
    return TextCounts(
        words=len(words),
        sentences=max(1, len(per_piece) - short),
        syllables=sum(per_word),
        polysyllables=len(per_word) - simple,
    )


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


# -- words a reader of the page already knows ---------------------------------------------

# The words of a question that frame it rather than name its subject ("What are the
# treatments for ...?", "How is ... diagnosed?", "Who is at risk for ...?"): the subject is
# what is left. Words of 1 or 2 syllables never count as hard, so only the frame words of
# 3 or more syllables matter here; the short ones keep the list readable.
FRAME_WORDS = frozenset(
    """
    a about after against am an and any anyone are as at be because been before being best
    can cause caused causes causing common could diagnose diagnosed diagnosing diagnosis
    did do does doing done during effects else every everyone everything for from get gets
    getting had has have having help how i if in information inherited is it its kind
    kinds know learn long many may me might more most much my need needs new next not of
    often on or other others our outlook people possible prevent prevented preventing
    prevention problem problems research risk risks safe should signs so some studies study
    symptoms than that the their them then there these they this those to treat treated
    treating treatment treatments type types up us usually was we were what when where
    whether which who whom why will with would you your
    """.split()  # noqa: SIM905 (a word list, kept readable)
)


# A familiar word counts as an ordinary word of at most this many syllables (so never as a
# hard, 3+ syllable word) in :func:`familiar_counts`.
FAMILIAR_SYLLABLES = 2


# -- everyday words -------------------------------------------------------------------------
#
# A long word is not a hard word when it is one of the most frequent English words
# ("usually", "information", "university"): readers know it on sight. The frequencies are
# pyspellchecker's English list (installed; derived from subtitles text, so spoken,
# everyday English), read once and kept in the data cache.


def _build_common(limit: int, source: str) -> list[str]:
    import gzip
    import json

    with gzip.open(source, "rt", encoding="utf-8") as handle:
        frequencies: dict[str, int] = json.load(handle)
    ranked = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))[:limit]
    words: set[str] = set()
    for word, _ in ranked:
        if word.isalpha() and len(word) > 3:
            # with its plural and verb forms ("medication" -> "medications")
            stem = word[:-1] if word.endswith("e") else word
            words.update((word, word + "s", word + "es", stem + "ed", stem + "ing"))
    # Only the words of 3+ syllables matter (shorter words are never hard).
    return sorted(w for w in words if word_syllables(w) > FAMILIAR_SYLLABLES)


@lru_cache(maxsize=4)
def common_words(limit: int) -> frozenset[str]:
    """The words of 3 or more syllables among the ``limit`` most frequent English words
    (pyspellchecker's frequency list; empty when it is not installed or ``limit`` is 0)."""
    if limit <= 0:
        return frozenset()
    import importlib.util

    from faq_lint.datacache import cached

    spec = importlib.util.find_spec("spellchecker")
    folder = os.path.dirname(spec.origin) if spec and spec.origin else ""
    source = os.path.join(folder, "resources", "en.json.gz")
    if not os.path.isfile(source):
        return frozenset()
    words = cached("common-words", [source], lambda: _build_common(limit, source), f"2 {limit}")
    return frozenset(words)


def is_code_word(word: str) -> bool:
    """Whether a formula word (lowercased, punctuation removed) is a code or a name made of
    letters and digits: a gene ("ube3a"), a strain or a product ("covid19", "2methylbutyrylcoa").
    Such a word is read as a name, not sounded out syllable by syllable."""
    return not word.isalpha() and any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def familiar_counts(
    answer: str, familiar: frozenset[str], common: frozenset[str] = frozenset()
) -> TextCounts:
    """:func:`answer_counts` with the words of ``familiar`` (formula words: lowercased,
    punctuation removed, as :func:`list_words` gives them) and code words (see
    :func:`is_code_word`) counted as ordinary words of at most
    :data:`FAMILIAR_SYLLABLES` syllables: the words that name the page's topic are ones
    the reader has already met in the title and the question. The words of ``common``
    (see :func:`common_words`) count so too: everyday words, known on sight."""
    counts = answer_counts(answer)
    words, _ = _formula_words(answer)
    if not counts.polysyllables:
        return counts  # (no word over the cap: nothing to change)
    per_word = syllable_counts(words)
    removed = hard = 0
    for word, count in zip(words, per_word, strict=True):
        if count > FAMILIAR_SYLLABLES and (
            word in familiar or word in common or is_code_word(word)
        ):
            removed += count - FAMILIAR_SYLLABLES
            hard += 1
    if not hard:
        return counts
    return TextCounts(
        words=counts.words,
        sentences=counts.sentences,
        syllables=counts.syllables - removed,
        polysyllables=counts.polysyllables - hard,
    )
