"""Split answer text into sentences, keeping character offsets.

Abbreviations ("e.g.", "Dr.", "U.S."), decimals ("2.5 mg") and citation markers
after the full stop ("... piriformis (10).") do not end a sentence; a paragraph
break always does. Flattened bullet lists ("include  - joint aches  - ...") are
split at their bullets so one list does not count as one giant sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "vs",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "no",
    "fig",
    "approx",
    "u.s",
    "u.k",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "al",
    "ca",
    "min",
    "max",
    "mg",
    "ml",
    "cf",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_MARKER = r"(?:\(\d+(?:[-–,]\s*\d+)*\)|\[\d+(?:[-–,]\s*\d+)*\])"
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s*" + _MARKER + r")?(?=\s+|$)")
_BULLET = re.compile(r"(?:\s{2,}|\n)[-•*]\s+")


@dataclass(frozen=True)
class Sentence:
    """A sentence and its [start, end) character offsets in the source text."""

    text: str
    start: int
    end: int


_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS)
_PARAGRAPH = re.compile(r"\n\s*\n|$")
_LINE_START = re.compile(r"\n(?=\s*[A-Z0-9•*-])")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true


def _ends_with_abbreviation(text: str, dot: int, floor: int = 0) -> bool:
    """Whether the word before the full stop at ``dot`` (not before ``floor``) is an
    abbreviation or a single initial."""
    word_start = dot
    # A run longer than the longest abbreviation can be neither: stop looking there.
    limit = max(floor, dot - _LONGEST_ABBREVIATION - 2)
    while word_start > limit and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    if word_start == limit and limit > floor:
        previous = text[word_start - 1]
        if previous.isalpha() or previous == ".":
            return False
    word = text[word_start:dot].lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("J. Smith") and "U.S."-style runs.
    return len(word) == 1 and word.isalpha()


# _ends_with_abbreviation looks back this far at most: its answer depends on these
# characters only, and the same endings come back again and again ("ment.", "the U.S.").
_TAIL = _LONGEST_ABBREVIATION + 3


@lru_cache(maxsize=16384)
def _abbreviation_before(tail: str) -> bool:
    return _ends_with_abbreviation(tail, len(tail))


def split_sentences(text: str, split_bullets: bool = True) -> list[Sentence]:
    """Sentences of ``text`` with offsets; empty pieces are dropped.

    Several rules split the same answer; the last few hundred splits are remembered.
    """
    return list(_split_sentences(text, split_bullets))


@lru_cache(maxsize=512)
def _split_sentences(text: str, split_bullets: bool) -> tuple[Sentence, ...]:
    if "\n" in text:
        paragraphs: list[tuple[int, int]] = []
        paragraph_start = 0
        for match in _PARAGRAPH.finditer(text):
            paragraphs.append((paragraph_start, match.start()))
            paragraph_start = match.end()
            if match.end() == len(text):
                break
    else:
        paragraphs = [(0, len(text))]  # what _PARAGRAPH finds in a single line, faster
    sentences: list[Sentence] = []
    for paragraph_start, paragraph_end in paragraphs:
        for start, end in _split_paragraph(text, paragraph_start, paragraph_end, split_bullets):
            piece = text[start:end]
            body = piece.strip()
            if body and (body[0].isalnum() or _ALNUM.search(body)):
                start += piece.find(body)  # (after the white space that strip() removed)
                sentences.append(Sentence(body, start, start + len(body)))
    return tuple(sentences)


def _may_have_bullets(text: str, start: int, end: int) -> bool:
    """Whether a bullet sign follows white space in text[start:end]: a cheap test that
    spares most paragraphs the slow _BULLET scan."""
    for mark in "-•*":
        index = text.find(mark, start + 1, end)
        while index >= 0:
            if text[index - 1].isspace():
                return True
            index = text.find(mark, index + 1, end)
    return False


def _split_paragraph(text: str, start: int, end: int, split_bullets: bool) -> list[tuple[int, int]]:
    # The patterns run on text[start:end] through pos/endpos (no copy of the paragraph).
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text, start, end):
        dot = match.start()
        # (No test for a digit after the full stop, as in "2.5 mg": _BOUNDARY needs white
        # space or the end of the paragraph after it, so it never matches there.)
        if text[dot] == "." and _abbreviation_before(text[max(start, dot - _TAIL) : dot]):
            continue
        cuts.append(match.end())
    more = len(cuts)
    if split_bullets and _may_have_bullets(text, start, end):
        cuts.extend(match.start() for match in _BULLET.finditer(text, start, end))
    # A line break followed by a capitalised line ends a sentence (headings, list lines).
    if text.find("\n", start, end) >= 0:
        cuts.extend(match.start() for match in _LINE_START.finditer(text, start, end))
    if len(cuts) > more:
        cuts = sorted(set(cuts))  # (the full stops alone come in order, once each)
    bounds = [start, *[cut for cut in cuts if start < cut < end], end]
    return list(zip(bounds, bounds[1:], strict=False))
