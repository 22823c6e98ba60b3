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
# A bullet: r"(?:\s{2,}|\n)[-•*]\s+" (found by _bullet_cuts without a regex of it: one that
# begins with white space is tried at every position, which is slow).
BULLET = r"(?:\s{2,}|\n)[-•*]\s+"


@dataclass(frozen=True, slots=True)  # (slots: ~200,000 of them on a large file, made faster)
class Sentence:
    """A sentence and its [start, end) character offsets in the source text."""

    text: str
    start: int
    end: int


_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS)
# Paragraphs end at each match of r"\n\s*\n|$" (found by _paragraphs, faster).
PARAGRAPH = r"\n\s*\n|$"
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
    paragraphs = _paragraphs(text)
    # (most answers have no bullet: one search of the whole text spares the paragraphs it)
    bullets = split_bullets and _BULLET_SIGN.search(text) is not None
    sentences: list[Sentence] = []
    for paragraph_start, paragraph_end in paragraphs:
        for start, end in _split_paragraph(text, paragraph_start, paragraph_end, bullets):
            piece = text[start:end]
            body = piece.strip()
            if body and (body[0].isalnum() or _ALNUM.search(body)):
                start += piece.find(body)  # (after the white space that strip() removed)
                sentences.append(Sentence(body, start, start + len(body)))
    return tuple(sentences)


_BREAK = re.compile(r"\n\s*\n")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs between the matches of PARAGRAPH, up to the one that ends the text.

    Its breaks are those of _BREAK, then its ``$`` matches: before a final line break
    (unless a break took it) and at the end. (PARAGRAPH is tried at every position for
    its ``$``; _BREAK skips ahead to each line break.) A text without a line break is
    one paragraph.
    """
    paragraphs: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    for match in _BREAK.finditer(text):
        paragraphs.append((start, match.start()))
        start = match.end()
        if start == size:
            return paragraphs
    if text.endswith("\n"):  # (no break ends there: it would have taken this one)
        paragraphs.append((start, size - 1))
        start = size - 1
    paragraphs.append((start, size))
    return paragraphs


# Where a bullet can be: a bullet sign after two white-space characters or a line break,
# followed by white space (what BULLET needs there). A search for a bullet sign skips
# ahead fast.
_BULLET_SIGN = re.compile(r"[-•*](?:(?<=\s\s.)|(?<=\n.))\s")


def _bullet_cuts(text: str, start: int, end: int) -> list[int]:
    """``[m.start() for m in re.compile(BULLET).finditer(text, start, end)]`` (where the
    bullets begin), found from the bullet signs.

    A match of BULLET is the white space before a bullet sign (two characters or more,
    or one line break), the sign and the white space after it. Found left to right, as
    finditer does: the white space before a sign is counted from the end of the last
    match at most.
    """
    cuts: list[int] = []
    floor = start  # where the last match ended
    for sign in _BULLET_SIGN.finditer(text, start, end):
        bullet = sign.start()
        first = bullet
        while first > floor and text[first - 1].isspace():
            first -= 1
        if bullet - first >= 2 or (bullet - first == 1 and text[first] == "\n"):
            cuts.append(first)
            floor = bullet + 1
            while floor < end and text[floor].isspace():
                floor += 1
    return cuts


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
    if split_bullets:
        cuts += _bullet_cuts(text, start, end)
    # A line break followed by a capitalised line ends a sentence (headings, list lines).
    if text.find("\n", start, end) >= 0:
        cuts.extend(match.start() for match in _LINE_START.finditer(text, start, end))
    if len(cuts) > more:
        cuts = sorted(set(cuts))  # (the full stops alone come in order, once each)
    bounds = [start, *[cut for cut in cuts if start < cut < end], end]
    return list(zip(bounds, bounds[1:], strict=False))
