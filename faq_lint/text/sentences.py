"""Split answer text into sentences, keeping character offsets.

Abbreviations ("e.g.", "Dr.", "U.S."), decimals ("2.5 mg") and citation markers
after the full stop ("... piriformis (10).") do not end a sentence; a paragraph
break always does. Flattened bullet lists ("include  - joint aches  - ...") are
split at their bullets so one list does not count as one giant sentence.

A full stop after a name with digits or capitals ("a gene called UBE3A. People ...",
"the MMR. It ...") ends a sentence; so does a full stop with no space after it before
a capitalised word ("... to you.To get ..."), but not inside a web or e-mail address.
Abbreviations that often end a sentence ("etc.", "mg.", "Inc.") end one when a
capitalised word follows; a single capital ("J. Smith") is an initial unless it
follows a word that takes a letter ("vitamin D.", "hepatitis B.", "type A.") or a
sentence-starting word follows ("... hepatitis B. It ..."). List items are not glued
to the text around them: a run of three or more spaces before a capitalised word
(a flattened line break), "•" after one space, a list of three or more items joined by
" - " before capitals ("inheritance - Complement deficiency - Recurrent infections")
and the lines after a line that ends with a colon end a piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations that never end a sentence: a name or a number follows them.
ABBREVIATIONS = {
    "e.g",
    "i.e",
    "vs",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "fig",
    "approx",
    "al",
    "ca",
    "cf",
    "viz",
    "mt",
    "ave",
    "dept",
    "univ",
    "gov",
    "sen",
    "rep",
    "gen",
    "rev",
    "hon",
    "assn",
}
# Abbreviations that end a sentence when a capitalised word follows them ("... tests,
# etc. Call your doctor"), and not otherwise ("5 mg. twice a day" is rare; "Inc. and").
ENDING_ABBREVIATIONS = {
    "etc",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "min",
    "max",
    "mg",
    "ml",
    "hrs",
    "wk",
    "wks",
    "ph.d",
    "phd",
}
# Abbreviations that stand before a number ("No. 5", "Jan. 12"); before anything else
# the word ends a sentence ("The answer is no. People ...").
NUMBER_ABBREVIATIONS = {
    "no",
    "nos",
    "vol",
    "ext",
    "tel",
    "pp",
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
# "U.S.", "U.K.": a name follows ("U.S. Food and Drug Administration"), unless the
# next word is one that starts sentences ("... in the U.S. The ...").
COUNTRY_ABBREVIATIONS = {"u.s", "u.k", "u.s.a", "e.u"}
# Words followed by a single letter that is no initial ("vitamin D.", "hepatitis B.").
LETTER_WORDS = {
    "vitamin",
    "vitamins",
    "hepatitis",
    "type",
    "types",
    "group",
    "groups",
    "class",
    "stage",
    "grade",
    "factor",
    "protein",
    "strain",
    "influenza",
    "flu",
    "step",
    "phase",
    "plan",
    "part",
    "section",
    "schedule",
    "list",
    "option",
    "blood",
    "antigen",
    "chromosome",
    "complex",
    "coenzyme",
    "immunoglobulin",
    "lymphocytes",
    "cells",
    "cell",
}
# Words that begin sentences and rarely follow an initial or "U.S.".
SENTENCE_STARTERS = {
    "a",
    "about",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "are",
    "as",
    "ask",
    "at",
    "because",
    "before",
    "both",
    "but",
    "call",
    "can",
    "do",
    "don't",
    "each",
    "for",
    "he",
    "her",
    "his",
    "how",
    "however",
    "if",
    "in",
    "is",
    "it",
    "it's",
    "its",
    "learn",
    "many",
    "more",
    "most",
    "no",
    "not",
    "other",
    "people",
    "see",
    "she",
    "so",
    "some",
    "talk",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "what",
    "when",
    "which",
    "while",
    "who",
    "why",
    "with",
    "you",
    "your",
}
_MARKER = r"(?:\(\d+(?:[-–,]\s*\d+)*\)|\[\d+(?:[-–,]\s*\d+)*\])"
# A sentence end: a full stop (or "!", "?"; a run of them) with closing quotes or brackets
# and a citation marker after it, before white space or the end of the paragraph; or a
# full stop with no space after it, before a capitalised word ("you.To", checked in
# _glued_end). One pattern for both: the paragraph's text is scanned once.
_BOUNDARY = re.compile(r"[.!?](?:[.!?]*[\"'”’)\]]*(?:\s*" + _MARKER + r")?(?=\s|$)|(?=[A-Z][a-z]))")
_GLUED_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)]®™%")
# A flattened line break: three spaces or more before a capitalised word or a number.
_SPACED = re.compile(r"[ \t\u00a0]{3,}(?=[A-Z0-9])")
# A flattened list of items joined by " - " ("inheritance - Complement deficiency -
# Recurrent infections"): a paragraph with this many " - " before a capital is cut at
# each (one or two are dashes in a sentence).
_DASH_LIST = 3
_DASH_ITEM = re.compile(r" - (?=[A-Z])")  # (after a word character: checked in the loop;
# a pattern that begins with a look-behind is tried at every position, which is slow)
# A line that ends with a colon: the lines after it in its paragraph are list items.
_COLON_LINE = re.compile(r":[ \t]*\n")
# A bullet: r"(?:\s{2,}|\n)[-•*]\s+|\s+•\s+" (found by _bullet_cuts without a regex of
# it: one that begins with white space is tried at every position, which is slow).
BULLET = r"(?:\s{2,}|\n)[-•*]\s+|\s+•\s+"


@dataclass(frozen=True, slots=True)  # (slots: ~200,000 of them on a large file, made faster)
class Sentence:
    """A sentence and its [start, end) character offsets in the source text."""

    text: str
    start: int
    end: int


_ALL_ABBREVIATIONS = (
    ABBREVIATIONS | ENDING_ABBREVIATIONS | NUMBER_ABBREVIATIONS | COUNTRY_ABBREVIATIONS
)
_LONGEST_ABBREVIATION = max(len(a) for a in _ALL_ABBREVIATIONS)
_LONGEST_LETTER_WORD = max(len(w) for w in LETTER_WORDS)
# Paragraphs end at each match of r"\n\s*\n|$" (found by _paragraphs, faster).
PARAGRAPH = r"\n\s*\n|$"
_LINE_START = re.compile(r"\n(?=\s*[A-Z0-9•*-])")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true

# What the word before a full stop is (see _word_kind): the full stop...
NEVER = "never"  # ...never ends a sentence ("e.g.", "Dr.")
CAPITAL = "capital"  # ...ends one before a capitalised word ("etc.", "mg.")
NUMBER = "number"  # ...ends one unless a number follows ("No. 5", "Jan. 12")
NAME = "name"  # ...ends one before a word that starts sentences ("U.S.", "J.")
LETTER = "letter"  # ...ends one unless a lowercase word follows ("vitamin D.")


INITIAL = "initial"  # (a single capital: NAME or LETTER, by the word before it)


def _word_kind(text: str, dot: int, floor: int = 0) -> str | None:
    """What the word before the full stop at ``dot`` (not before ``floor``) is: one of
    the kinds above, INITIAL for a single capital, or None for an ordinary word (the
    full stop ends a sentence)."""
    word_start = dot
    # A run longer than the longest abbreviation can be none: stop looking there.
    limit = max(floor, dot - _LONGEST_ABBREVIATION - 2)
    while word_start > limit and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    if word_start == limit and limit > floor:
        previous = text[word_start - 1]
        if previous.isalnum() or previous == ".":
            return None
    written = text[word_start:dot].rstrip(".")
    word = written.lower()
    if word in ABBREVIATIONS:
        return NEVER
    if word in ENDING_ABBREVIATIONS:
        return CAPITAL
    if word in NUMBER_ABBREVIATIONS:
        return NUMBER
    if word in COUNTRY_ABBREVIATIONS:
        return NAME
    if len(written) == 1 and written.isupper():
        return INITIAL
    if len(word) >= 3 and word[1::2].strip(".") == "" and word[::2].isalpha():
        return NAME  # a run of initials ("J.R.R.", "N.I.H.")
    return None


def _initial_kind(text: str, dot: int, floor: int = 0) -> str:
    """LETTER for a single capital after a word that takes a letter ("vitamin D.",
    "hepatitis B."), else NAME (an initial: "J. Smith")."""
    before = text[max(floor, dot - _LONGEST_LETTER_WORD - 2) : dot - 1]
    if before[-1:] in (" ", "-"):
        words = before[:-1].split()
        if words and words[-1].lower() in LETTER_WORDS:
            return LETTER
    return NAME


# _word_kind looks back this far at most: its answer depends on these characters only,
# and the same endings come back again and again ("ment.", "the U.S.").
_TAIL = _LONGEST_ABBREVIATION + 3


@lru_cache(maxsize=16384)
def _abbreviation_before(tail: str) -> str | None:
    return _word_kind(tail, len(tail))


_NEXT_WORD = re.compile(r"\s*([\w'’]*)")


def _ends_sentence(kind: str, text: str, after: int, end: int) -> bool:
    """Whether a full stop after a word of ``kind`` ends its sentence, from the word that
    follows it (at ``after``, before ``end``)."""
    if kind == NEVER:
        return False
    match = _NEXT_WORD.match(text, after, end)
    following = match.group(1) if match else ""
    if not following:
        return kind != NEVER  # (punctuation or the end of the paragraph follows)
    first = following[0]
    if kind == NUMBER:
        return not first.isdigit()
    if kind == CAPITAL:
        return first.isupper() or first.isdigit()
    if kind == LETTER:
        return not first.islower()
    return first.isupper() and following.lower().replace("’", "'") in SENTENCE_STARTERS


def _glued_end(text: str, start: int, dot: int) -> bool:
    """Whether the full stop at ``dot``, with a capitalised word right after it, ends a
    sentence ("you.To"): after a lowercase word, a number or a bracket, not inside an
    address ("www.NIH.gov", "name@Example.org") nor after an abbreviation ("e.g.The")."""
    if dot == start or text[dot - 1] not in _GLUED_BEFORE:
        return False
    token_start = max(text.rfind(" ", start, dot), text.rfind("\n", start, dot)) + 1
    token = text[max(token_start, start) : dot]
    if "/" in token or "@" in token or "." in token or "www" in token.lower():
        return False
    return not (text[dot] == "." and _abbreviation_before(text[max(start, dot - _TAIL) : dot]))


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
    spaced = "   " in text
    dashes = split_bullets and " - " in text
    sentences: list[Sentence] = []
    for paragraph_start, paragraph_end in paragraphs:
        pieces = _split_paragraph(text, paragraph_start, paragraph_end, bullets, spaced, dashes)
        for start, end in pieces:
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
# or a "•" after white space, followed by white space (what BULLET needs there). A
# search for a bullet sign skips ahead fast.
_BULLET_SIGN = re.compile(r"[-•*](?:(?<=\s\s.)|(?<=\n.)|(?<=\s•))\s")


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
        if bullet - first >= 2 or (
            bullet - first == 1 and (text[first] == "\n" or text[bullet] == "•")
        ):
            cuts.append(first)
            floor = bullet + 1
            while floor < end and text[floor].isspace():
                floor += 1
    return cuts


def _split_paragraph(
    text: str,
    start: int,
    end: int,
    split_bullets: bool,
    spaced: bool = True,
    dashes: bool = True,
) -> list[tuple[int, int]]:
    # The patterns run on text[start:end] through pos/endpos (no copy of the paragraph).
    # (``spaced``, ``dashes``: False when the whole text has no run of three spaces, or
    # no " - " (or bullets are not split); then the paragraph has none either.)
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text, start, end):
        dot = match.start()
        after = match.end()
        if after < end and not text[after].isspace():  # no space after it: "you.To"
            if _glued_end(text, start, dot):
                cuts.append(after)
            continue
        # (No test for a digit after the full stop, as in "2.5 mg": _BOUNDARY needs white
        # space, a capital or the end of the paragraph after it, so it never matches there.)
        if text[dot] == ".":
            kind = _abbreviation_before(text[max(start, dot - _TAIL) : dot])
            if kind is not None:
                if kind == INITIAL:
                    kind = _initial_kind(text, dot, start)
                if not _ends_sentence(kind, text, after, end):
                    continue
        cuts.append(after)
    more = len(cuts)
    if split_bullets:
        cuts += _bullet_cuts(text, start, end)
    if dashes and text.count(" - ", start, end) >= _DASH_LIST:
        items = [
            at
            for at in (match.start() for match in _DASH_ITEM.finditer(text, start, end))
            if at > start and (text[at - 1].isalnum() or text[at - 1] == "_")
        ]
        if len(items) >= _DASH_LIST:
            cuts += items
    if spaced and text.find("   ", start, end) >= 0:
        cuts.extend(match.start() for match in _SPACED.finditer(text, start, end))
    # A line break followed by a capitalised line ends a sentence (headings, list lines),
    # and so does every line break after a line that ends with a colon (a list's items).
    if text.find("\n", start, end) >= 0:
        cuts.extend(match.start() for match in _LINE_START.finditer(text, start, end))
        colon = _COLON_LINE.search(text, start, end)
        if colon is not None:
            at = text.find("\n", colon.start(), end)
            while at >= 0:
                cuts.append(at)
                at = text.find("\n", at + 1, end)
    if len(cuts) > more:
        cuts = sorted(set(cuts))  # (the full stops alone come in order, once each)
    bounds = [start, *[cut for cut in cuts if start < cut < end], end]
    return list(zip(bounds, bounds[1:], strict=False))
