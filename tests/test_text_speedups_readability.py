"""Session 3 speed-ups of the readability rules give the same answers as the plain
computations they replace, on real FAQ text (the seed page, the medical fixtures and,
when ../shared is there, MedQuAD answers): bullets found from their signs, formula words
read off the whole answer, syllables found in the CMUdict strings before their prefix is
loaded, the hard words of FAQ101 picked by set operations.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Iterator

import pytest
from conftest import shared_path
from test_text_speedups import _local_texts

from faq_lint.checks import reading_grade
from faq_lint.text import readability
from faq_lint.text.readability import (
    _formula_pieces,
    _formula_words,
    _strip_punctuation,
    formula_text,
    hyphenation_points,
    list_words,
    syllable_counts,
)
from faq_lint.text.sentences import BULLET, PARAGRAPH, _bullet_cuts, _paragraphs, split_sentences


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Real answers: local fixtures, plus 3,000 MedQuAD answers when ../shared is there,
    and each with its sentences cut into a flattened bullet list."""
    found = _local_texts()
    try:
        corpus = shared_path("corpora", "medquad", "medquad.jsonl")
    except pytest.skip.Exception:
        corpus = None
    if corpus is not None:
        with open(corpus, encoding="utf-8") as handle:
            for line in itertools.islice(handle, 3000):
                found.append(json.loads(line)["answer"])
    listed = [t.replace(". ", ".  - ").replace(", ", ",\n- ").replace(" * ", "\n* ") for t in found]
    return found + listed


# -- bullets ------------------------------------------------------------------------------


def _random_texts(count: int) -> Iterator[str]:
    pieces = [" ", "  ", "\n", "\t", "-", "•", "*", "a", "B", ".", "\u00a0", "\r\n", "- "]
    chooser = random.Random(8)
    for _ in range(count):
        yield "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 16)))


def test_bullet_cuts_equal_the_bullet_regex(texts: list[str]) -> None:
    bullet = re.compile(BULLET)
    chooser = random.Random(3)
    cases = 0
    for text in [*texts, *_random_texts(20_000)]:
        start = chooser.randint(0, len(text))
        end = chooser.randint(start, len(text))
        for span in ((0, len(text)), (start, end)):
            expected = [m.start() for m in bullet.finditer(text, *span)]
            assert _bullet_cuts(text, *span) == expected, (text, span)
            cases += bool(expected)
    assert cases > 1000  # (bullets were there to find)


def _paragraphs_by_regex(text: str) -> list[tuple[int, int]]:
    paragraphs = []
    start = 0
    for match in re.finditer(PARAGRAPH, text):
        paragraphs.append((start, match.start()))
        start = match.end()
        if start == len(text):
            break
    return paragraphs


def test_paragraphs_equal_the_paragraph_regex(texts: list[str]) -> None:
    chooser = random.Random(4)
    randoms = [
        "".join(
            chooser.choice(["\n", "\n\n", " ", "a", "\r", "\t"])
            for _ in range(chooser.randint(0, 9))
        )
        for _ in range(20_000)
    ]
    for text in [*texts, *randoms, "", "\n", "a\n", "a\n\n", "a\n \n", "\n\na\n"]:
        assert _paragraphs(text) == _paragraphs_by_regex(text), text


# -- formula words --------------------------------------------------------------------------


def test_formula_words_equal_the_pieces_counted_one_by_one(texts: list[str]) -> None:
    extra = ["He said 'no'. The students'. Rock'n'roll! 'tis 'ts '.s – “quoted” it's", "x\x1ey. z"]
    for text in [*texts, *extra]:
        pieces = _formula_pieces(text)
        words, per_piece = _formula_words.__wrapped__(text)
        assert words == list_words(formula_text(text), lowercase=True)
        assert per_piece == tuple(len(list_words(piece)) for piece in pieces)
        assert len(per_piece) == len(split_sentences(text))


def test_punctuation_table_equals_the_one_pass_regex(texts: list[str]) -> None:
    one_pass = re.compile(r"\'(?![tsd]|ve|ll|re)|[^\w\s\']")
    odd = "".join(map(chr, range(0, 0x3000, 7))) + "'t 's '' '.s ’ ‘ — – _ ٣ ½ ² ſ İ K"
    for text in [*texts, odd, odd.upper()]:
        assert _strip_punctuation(text) == one_pass.sub("", text)


# -- syllables -----------------------------------------------------------------------------


def _cmudict() -> dict[str, int]:
    table: dict[str, int] = {}
    for words, counts in readability._syllable_buckets().values():
        table.update(zip(words[1:-1].split(" "), counts, strict=True))
    return table


def test_syllables_found_in_the_strings_equal_the_whole_table(texts: list[str]) -> None:
    cmudict = _cmudict()
    words = sorted({w for text in texts for w in list_words(text, lowercase=True)})
    words += ["inhibitors", "inhibitor", "in", "a", "zzzyzx", "piriformis", "'tis"]
    expected = [cmudict.get(w, hyphenation_points(w) + 1) for w in words]
    assert sum(w in cmudict for w in words) > 1000
    for seed in (1, 2):
        # from a clean start, in batches (a batch's new words are looked up in any order,
        # so a prefix may be loaded while others of its words wait to be looked up)
        readability._KNOWN.clear()
        readability._LOADED.clear()
        readability._SEARCHED.clear()
        shuffled = list(zip(words, expected, strict=True))
        random.Random(seed).shuffle(shuffled)
        for start in range(0, len(shuffled), 97):
            batch = shuffled[start : start + 97]
            assert syllable_counts([w for w, _ in batch]) == [n for _, n in batch]
        assert readability._LOADED and readability._SEARCHED  # both ways were taken


# -- hard words ----------------------------------------------------------------------------


def _hard_words(text: str, limit: int) -> list[tuple[str, int]]:
    """FAQ101's hard words, computed word by word (names in mid-sentence are not offered)."""
    first: dict[str, str] = {}
    for token in re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]", text):
        first.setdefault(token.lower(), token)
    names = reading_grade.proper_names(text)
    seen = []
    for order, (key, token) in enumerate(first.items()):
        syllables = sum(readability.word_syllables(w) for w in list_words(key, lowercase=True))
        if syllables >= 3 and not token.isupper() and token not in names:
            seen.append((token, syllables, order))
    seen.sort(key=lambda item: (-item[1], item[2]))
    return [(token, syllables) for token, syllables, _ in seen[:limit]]


def test_hard_words_equal_word_by_word(texts: list[str]) -> None:
    extra = "O'Sullivan-McLeod and o'sullivan-mcleod; HYPERTENSION, Hypertension, hypertension."
    for text in [*texts, extra]:
        for limit in (3, 50):
            assert reading_grade.hard_words(text, limit) == _hard_words(text, limit)
