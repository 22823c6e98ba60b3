"""Regular expressions written by users (rule packs, configuration), run so they cannot hang.

Python's own :mod:`re` backtracks: a pattern such as ``(a+)+$`` takes exponential
time on a long line of ``a``'s, so one careless house-style rule could stall a CI
job for hours. User patterns therefore run on RE2 (the ``google-re2`` package),
which matches in time linear in the text whatever the pattern. RE2 has no
look-around and no back-references; a pattern that uses them is refused with a
clear message instead of being run slowly. Where RE2 cannot be installed, the
``regex`` module is used with a time limit per search.

Many phrases are joined into one alternation and matched in one pass over the text.

:func:`compile_user` is the one safe path for every other regular expression a user can
supply in a data file (the disclaimer ``phrases-file``; the claim ``patterns-file``):
RE2 when the pattern fits it, with ``\\s``, ``\\w`` and ``\\d`` widened to the Unicode
characters Python's ``re`` gives them (the patterns are written for ``re``). A pattern
with look-around or a back-reference (RE2 has neither) runs on the ``regex`` module with
a time limit of :data:`REGEX_TIMEOUT_SECONDS` per search: one that runs past it stops
the run (exit status 2) with a message naming the pattern, never a hang.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from faq_lint.rulepack import RulePackError

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


class PatternError(RulePackError, ValueError):
    """A user pattern that cannot be used; the message says why in plain words.

    A rule pack error: one that escapes a check stops the run with exit status 2 and
    one line (callers that know the data file add its path)."""


class PatternSyntaxError(PatternError, re.error):
    """A user pattern that is not a regular expression at all (Python's ``re`` refuses it)."""


class PatternTimeout(PatternError):
    """A user pattern (on the time-limited engine) that ran too long on one text."""


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


# -- single user patterns (data files) --------------------------------------------------

# What Python's re matches with \s in a str pattern beyond ASCII white space (RE2: ASCII
# only): the characters str.isspace() accepts.
_UNICODE_SPACES = (
    r"\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{1c}-\x{1f}"
)
_WIDER = {  # escape -> (inside a class, outside a class); None: cannot widen there
    "s": (r"\s" + _UNICODE_SPACES, r"[\s" + _UNICODE_SPACES + "]"),
    "S": (None, r"[^\s" + _UNICODE_SPACES + "]"),
    "w": (r"\pL\pN_", r"[\pL\pN_]"),
    "W": (None, r"[^\pL\pN_]"),
    "d": (r"\p{Nd}", r"\p{Nd}"),
    "D": (None, r"\P{Nd}"),
}


def _for_re2(pattern: str) -> str:
    r"""``pattern`` (written for Python's ``re``) in RE2's syntax with ``re``'s meaning:
    ``\s``, ``\w``, ``\d`` and their negations match Unicode characters as in ``re``;
    ``\Z`` is RE2's ``\z``. (``\b`` stays ASCII-based in RE2: a word next to an accented
    letter may be seen differently.)"""
    out: list[str] = []
    index, size, in_class = 0, len(pattern), False
    while index < size:
        char = pattern[index]
        if char == "\\" and index + 1 < size:
            letter = pattern[index + 1]
            index += 2
            if letter == "Z" and not in_class:
                out.append(r"\z")
            elif letter in _WIDER:
                inside, outside = _WIDER[letter]
                wide = inside if in_class else outside
                out.append(wide if wide is not None else "\\" + letter)
            else:
                out.append("\\" + letter)
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append(char)
            index += 1
            for opener in ("^", "]"):  # "[^", and a "]" first in a class is a literal
                if pattern[index : index + 1] == opener:
                    out.append(opener)
                    index += 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


_FALLBACK: Any = None  # the regex module, imported when a pattern needs it


class SafePattern:
    """One user regular expression that cannot hang: on RE2 (linear time) or, for
    look-around and back-references, on ``regex`` with a time limit per search.

    Offers what faq-lint's data-file checks use of :class:`re.Pattern`: ``pattern``,
    ``flags``, ``search``, ``match`` and ``finditer``; matches have ``start``, ``end``, ``span``
    and ``group``.
    """

    __slots__ = ("pattern", "flags", "engine", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        if flags & ~(re.IGNORECASE | re.UNICODE | re.MULTILINE | re.DOTALL):
            raise PatternError(f"pattern '{pattern}' uses flags faq-lint cannot run safely")
        ignore_case = bool(flags & re.IGNORECASE)
        inline = ("m" if flags & re.MULTILINE else "") + ("s" if flags & re.DOTALL else "")
        prefix = f"(?{inline})" if inline else ""
        first: Exception | None = None
        if _re2 is not None:
            try:
                self._compiled = _compile(prefix + _for_re2(pattern), ignore_case)
                self.engine = "re2"
                return
            except Exception as exc:  # noqa: BLE001 - re2.error: maybe look-around, tried below
                first = exc
        global _FALLBACK
        if _FALLBACK is None:
            _FALLBACK = _engine("regex")
        if _FALLBACK is None:  # pragma: no cover - regex is a dependency
            raise PatternError(_explain(pattern, first or ImportError("no safe engine")))
        try:
            fallback_flags = _FALLBACK.V0 | (_FALLBACK.IGNORECASE if ignore_case else 0)
            self._compiled = _FALLBACK.compile(prefix + pattern, fallback_flags)
        except Exception as exc:  # noqa: BLE001 - regex.error: the pattern is invalid
            raise PatternError(_explain(pattern, exc)) from exc
        self.engine = "regex"

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(
            f"pattern '{self.pattern}' took over {REGEX_TIMEOUT_SECONDS:g} s on one text "
            "(look-around or a back-reference that backtracks without end); simplify it"
        )

    def search(self, text: str) -> Any:
        if self.engine == "re2":
            return self._compiled.search(text)
        try:
            return self._compiled.search(text, timeout=REGEX_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise self._timed_out() from exc

    def match(self, text: str) -> Any:
        if self.engine == "re2":
            return self._compiled.match(text)
        try:
            return self._compiled.match(text, timeout=REGEX_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise self._timed_out() from exc

    def finditer(self, text: str) -> Iterator[Any]:
        if self.engine == "re2":
            return iter(self._compiled.finditer(text))
        try:
            return iter(list(self._compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)))
        except TimeoutError as exc:
            raise self._timed_out() from exc


def not_a_pattern(pattern: str, error: re.error) -> PatternSyntaxError:
    """The error for a user pattern that Python's ``re`` cannot read."""
    return PatternSyntaxError(f"pattern '{pattern}' cannot be used: {error}")


def compile_user(pattern: str, flags: int = 0) -> SafePattern:
    """A user's regular expression (written for Python's ``re``), compiled so that no
    text can make it hang.

    Raises :class:`PatternError` (with a plain message) for a pattern that cannot be used.
    """
    return SafePattern(pattern, flags)
