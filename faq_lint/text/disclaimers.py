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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faq_lint.text.sentences import split_sentences


def _compile(patterns: Iterable[Any]) -> list[re.Pattern[str]]:
    return [re.compile(str(p), re.IGNORECASE) for p in patterns]


def _words(words: Iterable[Any]) -> re.Pattern[str]:
    items = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
    if not items:
        return re.compile(r"(?!x)x")
    body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in items)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lowercase, straight quotes, single spaces: for comparing a required wording."""
    folded = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(folded.lower().split())


@dataclass
class DisclaimerPhrases:
    statements: list[re.Pattern[str]]
    referrals: list[re.Pattern[str]]
    conditional: re.Pattern[str]
    professional: re.Pattern[str]
    check_with: list[re.Pattern[str]]

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
        if any(p.search(sentence) for p in self.statements) and self.professional.search(sentence):
            return True
        if any(p.search(sentence) for p in self.referrals):
            return not self.conditional.search(sentence)
        return False

    def find_disclaimer(self, text: str) -> str | None:
        """The first disclaimer sentence of ``text``, or None."""
        for sentence in split_sentences(text):
            if self.is_disclaimer(sentence.text):
                return sentence.text
        return None

    def checks_with_professional(self, text: str) -> bool:
        """Whether ``text`` tells the reader to check with a doctor or pharmacist."""
        return any(p.search(text) for p in self.check_with)
