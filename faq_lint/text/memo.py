"""Remember a rule's verdict on the last few answers.

Large FAQ sets repeat an answer under several wordings of a question, usually one after
the other (MedQuAD: 47,441 questions, 15,814 distinct answers, two thirds of the repeats
next to the one before). A rule whose verdict depends on the answer text alone works it
out once and keeps it here (in ``rule.state``, so per rule and its options).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class AnswerMemo(Generic[T]):
    """Values computed from an answer text (or a sentence, or a text and a flag: any
    hashable key), for the last ``size`` keys at most."""

    def __init__(self, size: int = 64) -> None:
        self._values: dict[Hashable, T] = {}
        self._size = size

    def get(self, text: Hashable, compute: Callable[[], T]) -> T:
        if text in self._values:
            return self._values[text]
        if len(self._values) >= self._size:
            self._values.clear()  # (repeats come close together: a simple bound will do)
        value = self._values[text] = compute()
        return value
