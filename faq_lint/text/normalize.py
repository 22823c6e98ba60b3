"""Text normalisation shared by the duplicate and contradiction checks.

Questions are compared after folding case, whitespace and punctuation and after
collapsing the ``What is (are) X ?`` template; words are compared after a light
suffix-stripping stemmer (``exercising`` and ``exercise`` both become ``exercis``).
Everything here is plain Python and cheap: it runs once per entry or sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_TEMPLATE = re.compile(r"\(\s*are\s*\)|\(\s*is\s*\)")
_WHAT_ARE = re.compile(r"^(?:q\s*[.:]\s*)?(?:what\s+are|what's|whats|what\s+is)\b")

STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let's",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "nor",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "s",
        "t",
        "get",
        "got",
        "go",
        "goes",
        "going",
        "much",
        "many",
        "one",
    ]
)

# Irregular forms the suffix stripper would not bring together.
_IRREGULAR = {
    "lying": "lie",
    "lies": "lie",
    "lay": "lie",
    "lain": "lie",
    "ate": "eat",
    "eaten": "eat",
    "meal": "eat",
    "meals": "eat",
    "eating": "eat",
    "children": "child",
    "women": "woman",
    "men": "man",
    "feet": "foot",
    "teeth": "tooth",
    "worse": "worse",
    "better": "better",
    "moving": "move",
    "movement": "move",
    "movements": "move",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stemmer: plural, ``-ing``, ``-ed``, ``-ly`` and a final ``e`` come off."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


def fold(text: str) -> str:
    """NFKC, lower case, straight apostrophes."""
    if text.isascii():  # ASCII is already NFKC; "`" is the one apostrophe to straighten
        return (text.replace("`", "'") if "`" in text else text).lower()
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()


# ASCII characters that are not in a word become spaces (str.translate is fast on ASCII).
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'")
_NOT_WORD = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _WORD_CHARS})


def words(text: str) -> list[str]:
    """The words of ``text`` (folded), punctuation dropped."""
    folded = fold(text)
    if not folded.isascii():
        return WORD.findall(folded)
    # WORD.findall, faster: split at the characters no word has; a piece with an
    # apostrophe may hold more than one word ("rock'n'roll") or none ("'").
    pieces = folded.translate(_NOT_WORD).split()
    if "'" not in folded:
        return pieces
    found: list[str] = []
    for piece in pieces:
        if "'" in piece:
            found.extend(WORD.findall(piece))
        else:
            found.append(piece)
    return found


def normalize_question(question: str) -> str:
    """The key two questions share when they are the same question.

    Case, whitespace and punctuation are ignored, ``What is (are) X ?``,
    ``What are X?`` and ``What's X`` all read ``what is x``, and a ``Q.`` prefix
    is dropped.
    """
    text = _TEMPLATE.sub(" ", fold(question))
    text = re.sub(r"^\s*q\s*[.:]\s*", "", text)
    text = _WHAT_ARE.sub("what is", text.strip())
    return " ".join(WORD.findall(text))


def normalize_answer(answer: str) -> str:
    """The key two answers share when they are the same text: case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", answer).lower().split())


def content_stems(text: str, extra_stop: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the words of ``text`` that are not stop words, in order."""
    result: list[str] = []
    for word in words(text):
        if word in STOP_WORDS or word in extra_stop:
            continue
        result.append(stem(word.replace("'", "")))
    return result


def shorten(text: str, limit: int = 80) -> str:
    """One line, at most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return (cut or flat[: limit - 1]) + "…"
