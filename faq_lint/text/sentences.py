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


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("J. Smith") and "U.S."-style runs.
    return len(word) == 1 and word.isalpha()


def split_sentences(text: str, split_bullets: bool = True) -> list[Sentence]:
    """Sentences of ``text`` with offsets; empty pieces are dropped.

    Several rules split the same answer; the last few hundred splits are remembered.
    """
    return list(_split_sentences(text, split_bullets))


@lru_cache(maxsize=512)
def _split_sentences(text: str, split_bullets: bool) -> tuple[Sentence, ...]:
    pieces: list[tuple[int, int]] = []
    paragraph_start = 0
    for match in re.finditer(r"\n\s*\n|$", text):
        paragraph_end = match.start()
        pieces.extend(_split_paragraph(text, paragraph_start, paragraph_end, split_bullets))
        paragraph_start = match.end()
        if match.end() == len(text):
            break
    sentences: list[Sentence] = []
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and any(ch.isalnum() for ch in text[start:end]):
            sentences.append(Sentence(text=text[start:end], start=start, end=end))
    return tuple(sentences)


def _split_paragraph(text: str, start: int, end: int, split_bullets: bool) -> list[tuple[int, int]]:
    cuts: list[int] = []
    segment = text[start:end]
    for match in _BOUNDARY.finditer(segment):
        dot = match.start()
        if segment[dot] == "." and _ends_with_abbreviation(segment, dot):
            continue
        if segment[dot] == "." and dot + 1 < len(segment) and segment[dot + 1].isdigit():
            continue
        cuts.append(start + match.end())
    if split_bullets:
        for match in _BULLET.finditer(segment):
            cuts.append(start + match.start())
    # A line break followed by a capitalised line ends a sentence (headings, list lines).
    for match in re.finditer(r"\n(?=\s*[A-Z0-9•*-])", segment):
        cuts.append(start + match.start())
    bounds = sorted(set(c for c in cuts if start < c < end))
    result: list[tuple[int, int]] = []
    previous = start
    for cut in bounds:
        result.append((previous, cut))
        previous = cut
    result.append((previous, end))
    return result
