"""Regular expressions written by users (rule packs, configuration), run so they cannot hang.

Python's own :mod:`re` backtracks: a pattern such as ``(a+)+$`` takes exponential
time on a long line of ``a``'s, so one careless house-style rule could stall a CI
job for hours. User patterns therefore run on RE2 (the ``google-re2`` package),
which matches in time linear in the text whatever the pattern. RE2 has no
look-around and no back-references; a pattern that uses them is refused with a
clear message instead of being run slowly. Where RE2 cannot be installed, the
``regex`` module is used with a time limit per search.

Many phrases are joined into one alternation and matched in one pass over the text.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

MAX_PATTERN_CHARS = 2000
REGEX_TIMEOUT_SECONDS = 1.0


def _engine(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - google-re2 ships wheels for our platforms
        return None


_re2: Any = _engine("re2")
_regex: Any = None if _re2 is not None else _engine("regex")
ENGINE = "re2" if _re2 is not None else "regex" if _regex is not None else "none"


class PatternError(ValueError):
    """A user pattern that cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class Phrase:
    """One phrase to look for: a literal (matched as whole words) or a pattern."""

    text: str
    literal: bool = True


@dataclass(frozen=True)
class PhraseMatch:
    index: int  # which phrase of the list matched
    start: int  # character offsets into the searched text
    end: int


def _explain(pattern: str, error: Exception) -> str:
    detail = error.args[0] if error.args else error
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    hint = ""
    if "(?<" in pattern or "(?=" in pattern or "(?!" in pattern or "\\1" in pattern:
        hint = " (look-around and back-references are not supported: they can make a search hang)"
    return f"pattern '{pattern}' cannot be used: {detail}{hint}"


def _source(phrase: Phrase) -> str:
    if len(phrase.text) > MAX_PATTERN_CHARS:
        raise PatternError(
            f"pattern {phrase.text[:40]!r}... is over {MAX_PATTERN_CHARS} characters"
        )
    if not phrase.text.strip():
        raise PatternError("an empty phrase would match everywhere")
    if not phrase.literal:
        return phrase.text
    escaped = _re2.escape(phrase.text) if _re2 is not None else _escape_fallback(phrase.text)
    # \b in RE2 is ASCII-only; whole-word matching is checked again in Python for accents.
    before = r"\b" if _ascii_word(phrase.text[0]) else ""
    after = r"\b" if _ascii_word(phrase.text[-1]) else ""
    return f"{before}{escaped}{after}"


def _ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _escape_fallback(text: str) -> str:
    import re

    return re.escape(text)


def _compile(source: str, ignore_case: bool) -> Any:
    if _re2 is not None:
        options = _re2.Options()
        options.log_errors = False
        options.case_sensitive = not ignore_case
        return _re2.compile(source, options)
    if _regex is not None:  # pragma: no cover - fallback engine
        flags = _regex.IGNORECASE | _regex.V0 if ignore_case else _regex.V0
        return _regex.compile(source, flags)
    raise PatternError(  # pragma: no cover
        "house-style patterns need the google-re2 package: pip install google-re2"
    )


def _groups(compiled: Any) -> int:
    return int(compiled.groups)


class PhraseMatcher:
    """Finds any of many phrases in a text, in one linear-time pass."""

    def __init__(self, phrases: Sequence[Phrase], ignore_case: bool = True) -> None:
        self.phrases = list(phrases)
        sources: list[str] = []
        self._group_of: list[int] = []  # phrase index -> its capture group in the whole
        group = 1
        for phrase in self.phrases:
            source = _source(phrase)
            try:
                alone = _compile(source, ignore_case)
            except PatternError:
                raise
            except Exception as exc:  # re2.error / regex.error: the pattern is invalid
                raise PatternError(_explain(phrase.text, exc)) from exc
            self._group_of.append(group)
            group += 1 + _groups(alone)
            sources.append(f"({source})")
        try:
            self._whole = _compile("|".join(sources), ignore_case) if sources else None
        except PatternError:
            raise
        except Exception as exc:  # e.g. the same group name in two patterns
            raise PatternError(f"the patterns cannot be used together: {exc}") from exc

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in ``text`` (an empty match counts)."""
        if self._whole is None:
            return False
        if _re2 is not None:
            return self._whole.search(text) is not None
        try:  # pragma: no cover - fallback engine
            return self._whole.search(text, timeout=REGEX_TIMEOUT_SECONDS) is not None
        except TimeoutError as exc:  # pragma: no cover
            raise PatternError(
                f"a pattern took over {REGEX_TIMEOUT_SECONDS} s on one answer; simplify it"
            ) from exc

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        """Every match, left to right, without overlaps."""
        if self._whole is None or not text:
            return
        if _re2 is not None:
            matches = self._whole.finditer(text)
        else:  # pragma: no cover - fallback engine
            try:
                matches = iter(list(self._whole.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)))
            except TimeoutError as exc:
                raise PatternError(
                    f"a pattern took over {REGEX_TIMEOUT_SECONDS} s on one answer; simplify it"
                ) from exc
        for match in matches:
            start, end = match.span()
            if start == end:
                continue  # a pattern that can match nothing says nothing
            index = self._which(match)
            if self.phrases[index].literal and not _whole_words(text, start, end):
                continue
            yield PhraseMatch(index=index, start=start, end=end)

    def _which(self, match: Any) -> int:
        for index, group in enumerate(self._group_of):
            if match.group(group) is not None:
                return index
        return 0  # pragma: no cover - one alternative always matched


def _word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) == "Mn"


def _whole_words(text: str, start: int, end: int) -> bool:
    """No letter or digit glued on either side (RE2's \\b ignores accented letters)."""
    if start > 0 and _word_char(text[start]) and _word_char(text[start - 1]):
        return False
    return not (end < len(text) and _word_char(text[end - 1]) and _word_char(text[end]))
