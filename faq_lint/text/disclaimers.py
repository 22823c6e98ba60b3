"""Recognise medical disclaimers and referrals to a doctor or pharmacist.

A *disclaimer* defers the reader to their own doctor, nurse, pharmacist or other
professional for personal advice, or says the page is general information and not
medical advice:

- a statement that the page does not replace a professional or their advice ("This
  information is not a substitute for advice from your doctor"). What it does not
  replace must be a professional, their advice or care, named in the same clause after
  the statement, and what does the replacing must be the page or its information (or
  "this", "it", nothing): "masks are NOT meant to replace proven public health
  strategies", "these tests should not be used to diagnose an infection" and "home
  tests do not replace a visit to your doctor" are not disclaimers;
- a statement that the page is general information only or not medical advice;
- an unconditional general referral that names a professional ("Always seek the advice
  of your physician with any questions"). A conditional referral ("see a doctor if the
  pain lasts more than a few weeks", "do not give children any medicine unless a health
  care provider tells you to") is good advice but not a disclaimer.

A *check-with* phrase tells the reader to check a medicine with a doctor or
pharmacist; there a condition is fine.

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


# Where the object of "does not replace ..." ends: the end of its clause.
_CLAUSE_END = re.compile(r"[.;:!?]|,\s+(?:but|so|and\s+(?:it|they|you|we|this))\b", re.IGNORECASE)
_SUBJECT_WORD = re.compile(r"[a-z]+")
# Words between a statement's subject and the statement ("it is", "this page should").
_VERBS = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "does", "do", "did"),
        *("should", "must", "can", "could", "will", "would", "may", "might"),
        *("also", "still", "please", "note", "that", "however"),
        *("intended", "meant", "designed", "used"),
    }
)
_PRONOUNS = frozenset({"this", "it", "these", "that", "which", "they"})


@dataclass
class DisclaimerPhrases:
    statements: list[LazyPattern]
    referrals: list[LazyPattern]
    conditional: re.Pattern[str]
    professional: re.Pattern[str]
    check_with: list[LazyPattern]
    general: list[LazyPattern] = field(default_factory=list)
    page: re.Pattern[str] | None = None
    object_chars: int = 90

    # The statement and referral patterns with the words they need, when they are all
    # context-free (else empty): a text none of them matches has no disclaimer sentence.
    prefilter: tuple[LazyPattern, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        patterns = (*self.statements, *self.general, *self.referrals)
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
            general=_compile(data.get("general") or []),
            page=_words(data["page_words"]) if data.get("page_words") else None,
            object_chars=int(data.get("object_chars") or 90),
        )

    def _about_page(self, subject: str) -> bool:
        """Whether the words before a statement are the page or its information ("This
        information", "The content of this site", "It", nothing), not another thing
        ("Home tests", "Masks"). Without ``page_words`` any subject counts."""
        if self.page is None or self.page.search(subject):
            return True
        words = [w for w in _SUBJECT_WORD.findall(subject.lower()) if w not in _VERBS]
        return not words or words[-1] in _PRONOUNS

    def _defers(self, sentence: str) -> bool:
        """A statement that the page does not replace a professional or their advice."""
        lowered = folded(sentence)
        for pattern in self.statements:
            if not may_match(pattern.needs, lowered):
                continue
            for match in pattern.finditer(sentence):
                tail = sentence[match.end() : match.end() + self.object_chars]
                stop = _CLAUSE_END.search(tail)
                if not self.professional.search(tail[: stop.start()] if stop else tail):
                    continue
                head = sentence[: match.start()]
                clause = max(head.rfind(";"), head.rfind(":"))  # the statement's own clause
                if self._about_page(head[clause + 1 :]):
                    return True
        return False

    def is_disclaimer(self, sentence: str) -> bool:
        """Whether one sentence is a general medical disclaimer."""
        if self._defers(sentence) or self._search(self.general, sentence):
            return True
        if self._search(self.referrals, sentence):
            return bool(self.professional.search(sentence)) and not self.conditional.search(
                sentence
            )
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
