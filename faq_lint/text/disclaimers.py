"""Recognise medical disclaimers and referrals to a doctor or pharmacist.

A *disclaimer* is a general statement that the page does not replace
professional advice ("This information is not a substitute for advice from your
doctor") or an unconditional general referral ("Always seek the advice of your
physician with any questions"). A conditional referral ("see a doctor if the
pain lasts more than a few weeks", "ask your doctor before you stop") is good
advice but not a disclaimer. A *check-with* phrase tells the reader to check a
medicine with a doctor or pharmacist; there a condition is fine.

The wordings are data (``rules/medical/disclaimer-phrases.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from faq_lint.text.prefilter import LazyPattern, folded, may_match, prepare
from faq_lint.text.sentences import split_sentences


def _compile(patterns: Iterable[Any]) -> list[LazyPattern]:
    return prepare([str(p) for p in patterns], re.IGNORECASE)


def _words(words: Iterable[Any]) -> re.Pattern[str]:
    items = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
    if not items:
        return re.compile(r"(?!x)x")
    body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in items)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def context_free(pattern: str) -> bool:
    """Whether a regular expression has no look-around, no anchor but ``\\b``/``\\B`` and
    no atomic group or possessive quantifier.

    Then whatever it matches in a sentence it also matches in the text around the
    sentence (sentences begin and end next to white space, which ``\\b`` sees the same
    as the edge of a string), so searching the whole text first can rule out every one
    of its sentences at once. A conservative reading: when unsure, False.
    """
    index, size, in_class = 0, len(pattern), False
    while index < size:
        char = pattern[index]
        if char == "\\":
            if not in_class and pattern[index + 1 : index + 2] in ("A", "Z", "z", "G"):
                return False
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":
                index += 1  # "[]...]" and "[^]...]": a literal "]"
            continue
        elif char in "^$":
            return False
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?>"), index):
            return False  # look-around, or an atomic group (it may not give back text)
        elif char == "+" and index and pattern[index - 1] in "*+?}":
            return False  # a possessive quantifier
        index += 1
    return True


def normalize(text: str) -> str:
    """Lowercase, straight quotes, single spaces: for comparing a required wording."""
    folded = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(folded.lower().split())


@dataclass
class DisclaimerPhrases:
    statements: list[LazyPattern]
    referrals: list[LazyPattern]
    conditional: re.Pattern[str]
    professional: re.Pattern[str]
    check_with: list[LazyPattern]

    # The statement and referral patterns with the words they need, when they are all
    # context-free (else empty): a text none of them matches has no disclaimer sentence.
    prefilter: tuple[LazyPattern, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        patterns = (*self.statements, *self.referrals)
        if all(context_free(p.pattern) for p in patterns):
            self.prefilter = patterns

    @staticmethod
    def _search(patterns: Sequence[LazyPattern], text: str) -> bool:
        """Whether any of ``patterns`` matches ``text`` (those missing a word they need
        are not run)."""
        lowered = folded(text)
        return any(p.search(text) for p in patterns if may_match(p.needs, lowered))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DisclaimerPhrases:
        return cls(
            statements=_compile(data.get("statements") or []),
            referrals=_compile(data.get("referrals") or []),
            conditional=_words(data.get("conditional_words") or []),
            professional=_words(data.get("professional_words") or []),
            check_with=_compile(data.get("check_with") or []),
        )

    def is_disclaimer(self, sentence: str) -> bool:
        """Whether one sentence is a general medical disclaimer."""
        if self._search(self.statements, sentence) and self.professional.search(sentence):
            return True
        if self._search(self.referrals, sentence):
            return not self.conditional.search(sentence)
        return False

    def find_disclaimer(self, text: str) -> str | None:
        """The first disclaimer sentence of ``text``, or None."""
        if self.prefilter and not self._search(self.prefilter, text):
            return None  # no sentence has a disclaimer's wording (most texts)
        for sentence in split_sentences(text):
            if self.is_disclaimer(sentence.text):
                return sentence.text
        return None

    def checks_with_professional(self, text: str) -> bool:
        """Whether ``text`` tells the reader to check with a doctor or pharmacist."""
        return self._search(self.check_with, text)
