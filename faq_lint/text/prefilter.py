"""Cheap tests that rule out a regular expression before running it.

Python's ``re`` tries a pattern that begins with ``\\b`` or a group at every position of
the text, which costs about as much as the text is long, whatever the pattern. But most
patterns cannot match without some words: ``\\bnot\\s+(?:a\\s+)?substitute\\s+for\\b`` needs
"not", "substitute" and "for". :func:`requirements` reads those words from the parsed
pattern, and :func:`may_match` tests them with substring searches (C speed) on the text
lowercased: when a required word is missing, the pattern cannot match. A required digit
(``\\d``, ``[0-9]``) counts as a word too.

Words are compared lowercased, whatever the pattern's case rules, which only makes the
test weaker, never wrong; :func:`folded` gives no lowercased text (so no test) for the
few characters that ``re`` matches to an ASCII letter case-insensitively although
``str.lower`` does not lower them to it ("ſ" and "s").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

try:  # Python 3.11 and later
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

# Each set: at least one of its (lowercase) strings occurs in any text the pattern matches.
Requirement = tuple[frozenset[str], ...]

_LITERAL = _sre_constants.LITERAL
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_REPEATS = tuple(
    getattr(_sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre_constants, name)
)
_ATOMIC = getattr(_sre_constants, "ATOMIC_GROUP", None)
_IN = _sre_constants.IN
_DIGIT_CLASSES = (
    [(_sre_constants.CATEGORY, _sre_constants.CATEGORY_DIGIT)],
    [(_sre_constants.RANGE, (48, 57))],
)
_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K
_DIGIT = re.compile(r"\d")
# Stands for "a digit" among the required words; folded() adds it to a text with a digit.
# (A text that holds it itself only passes the test, which is always safe.)
DIGIT = "\x00digit\x00"


_LAYOUT = "3"  # of the requirements: change it when they change shape or meaning


class LazyPattern:
    """A regular expression with its :func:`requirements`, compiled when first used: on
    a page most patterns of a data file never have to run. Made by :func:`prepare`
    (a data file's pattern, which a user may write: compiled on the safe path,
    :func:`faq_lint.text.safe_regex.compile_user`, so no text can make it hang) or
    :func:`lazy` (faq-lint's own, on ``re``)."""

    __slots__ = ("pattern", "flags", "needs", "safe", "_compiled")

    def __init__(self, pattern: str, flags: int, needs: Requirement, safe: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needs = needs
        self.safe = safe
        self._compiled: Any = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            if self.safe:
                from faq_lint.text.safe_regex import compile_user

                self._compiled = compile_user(self.pattern, self.flags)
            else:
                self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    # (On the safe path the matches are RE2's or regex's, with re.Match's methods.)
    def search(self, text: str) -> re.Match[str] | None:
        found: re.Match[str] | None = self.compiled.search(text)
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        found: Iterator[re.Match[str]] = iter(self.compiled.finditer(text))
        return found


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern of faq-lint's own (known to compile) compiled when first used."""
    return LazyPattern(source, flags, ())


def prepare(sources: Sequence[str], flags: int = 0) -> list[LazyPattern]:
    """A data file's patterns, to be compiled when first used (on the safe path), with
    their requirements.

    Raises :class:`~faq_lint.text.safe_regex.PatternError` (a ``ValueError``) for a
    pattern that cannot be used: the first time a set of patterns is seen each one is
    compiled (and its requirements read, which costs a good part of compiling it); the
    requirements are then kept in the data cache, so later runs need neither.
    """
    from faq_lint.datacache import cached

    key = repr((list(sources), int(flags)))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    needs = cached(
        f"regex-needs-{digest}",
        [],
        lambda: [_checked_requirements(source, flags) for source in sources],
        _LAYOUT,
    )
    return [LazyPattern(s, flags, n, safe=True) for s, n in zip(sources, needs, strict=True)]


def _checked_requirements(source: str, flags: int) -> Requirement:
    """The requirements of a data file's pattern, once it is known to compile safely."""
    from faq_lint.text.safe_regex import compile_user, not_a_pattern

    try:  # the patterns are written in Python's re syntax
        compiled = re.compile(source, flags)
    except re.error as exc:
        raise not_a_pattern(source, exc) from exc
    compile_user(source, flags)  # a pattern that cannot be used safely stops here
    return requirements(compiled)


def requirements(pattern: re.Pattern[str]) -> Requirement:
    """The words any match of ``pattern`` contains; empty when none are known."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        found = _sequence(list(parsed))
    except Exception:  # noqa: BLE001 - a private parser: when in doubt, no test
        return ()
    # the rarest first (the longest shortest word): a missing one ends the test soonest
    return tuple(sorted(set(found), key=lambda words: -min(map(_rarity, words))))


def _sequence(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    run: list[str] = []  # adjacent literal characters
    for op, value in items:
        if op == _LITERAL and value < 128:
            run.append(chr(value).lower())
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op == _SUBPATTERN:
            found.extend(_sequence(value[-1]))
        elif _ATOMIC is not None and op == _ATOMIC:
            found.extend(_sequence(value))
        elif op == _IN and value in _DIGIT_CLASSES:
            found.append(frozenset({DIGIT}))
        elif op in _REPEATS and value[0] >= 1:
            found.extend(_sequence(value[2]))
        elif op == _BRANCH:
            options: set[str] = set()
            for alternative in value[1]:
                best = _best(_sequence(alternative))
                if best is None:
                    break  # an alternative that needs no word: the branch needs none
                options |= best
            else:
                if options:
                    found.append(frozenset(options))
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def _rarity(word: str) -> int:
    return 1 if word == DIGIT else len(word)  # (a digit is as common as a letter)


def _best(found: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling requirement: the one whose shortest word is longest."""
    return max(found, key=lambda words: min(map(_rarity, words)), default=None)


def folded(text: str) -> str | None:
    """``text`` lowercased for :func:`may_match`, or None when no test is safe."""
    if folds_to_ascii(text):
        return None
    return text.lower() + DIGIT if _DIGIT.search(text) else text.lower()


def folds_to_ascii(text: str) -> bool:
    """Whether ``text`` has a character that IGNORECASE matches to an ASCII letter but
    ``str.lower`` does not lower to it (then lowercase word tests are not safe)."""
    return not text.isascii() and any(char in text for char in _FOLDING)


def may_match(requirement: Requirement, lowered: str | None) -> bool:
    """False when the text (``folded``) lacks a word the pattern needs."""
    if lowered is None:
        return True
    return all(any(word in lowered for word in words) for words in requirement)
