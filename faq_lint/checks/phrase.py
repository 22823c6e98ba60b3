"""Kind ``phrase``: house-style phrases, as data - banned wording and preferred swaps.

Options:

- ``phrases``: a list of ``{literal: ..., message: ..., suggestion: ...}`` or
  ``{pattern: ..., message: ..., suggestion: ...}``. A ``literal`` matches as whole
  words; a ``pattern`` is a regular expression in RE2 syntax (no look-around or
  back-references). ``message`` is the advice that fills ``{advice}`` in the rule's
  message; ``suggestion`` is the replacement offered in the finding.
- ``extend-phrases``: more phrases of the same shape, added to ``phrases`` (handy in
  a project's configuration, which would otherwise replace the whole list).
- ``ignore-case`` (default true), ``in-questions`` (default true).
- ``negations``: words that, seen shortly before a match in the same sentence, mean
  the text denies the phrase ("No single treatment works for everyone"); such a match
  is not reported. ``negation-window`` (default 10) is how many words back to look.
  Empty (the default) turns this off.

User patterns run on RE2 (:mod:`faq_lint.text.safe_regex`), so no pattern can hang
the run, and a pattern that cannot be used stops the run with a clear message
before any file is linted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry, Position
from faq_lint.rulepack import RulePackError
from faq_lint.text.safe_regex import PatternError, Phrase, PhraseMatcher


@dataclass(frozen=True)
class _Compiled:
    matcher: PhraseMatcher
    advice: list[str]
    suggestions: list[str]
    negations: frozenset[str]
    window: int

    def denied(self, text: str, start: int) -> bool:
        """Whether a negation comes shortly before ``start`` in the same sentence."""
        if not self.negations:
            return False
        before = text[max(0, start - 200) : start]
        cut = max(before.rfind(mark) for mark in ".!?;\n")
        words = _WORD.findall(before[cut + 1 :].lower())[-self.window :]
        return any(w in self.negations or w.endswith("n't") for w in words)


_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def _where(rule: Rule) -> str:
    source = getattr(rule.project, "source", None)
    return f"rule {rule.spec.code} ({rule.spec.pack_dir}" + (f" or {source})" if source else ")")


def _phrase(item: Any, rule: Rule) -> tuple[Phrase, str, str]:
    if isinstance(item, str):
        item = {"literal": item}
    if not isinstance(item, dict):
        raise RulePackError(
            f"{_where(rule)}: each phrase must be a table with 'literal' or 'pattern'"
        )
    unknown = set(item) - {"literal", "pattern", "message", "suggestion"}
    if unknown or ("literal" in item) == ("pattern" in item):
        raise RulePackError(
            f"{_where(rule)}: a phrase needs exactly one of 'literal' or 'pattern', plus "
            f"optional 'message' and 'suggestion'; got {sorted(item)}"
        )
    literal = "literal" in item
    text = item["literal"] if literal else item["pattern"]
    if not isinstance(text, str):
        raise RulePackError(f"{_where(rule)}: phrase {text!r} must be text")
    suggestion = str(item.get("suggestion") or "")
    advice = str(item.get("message") or (f"write '{suggestion}' instead" if suggestion else ""))
    return Phrase(text=text, literal=literal), advice, suggestion


def _compiled(rule: Rule) -> _Compiled:
    def build() -> _Compiled:
        items = list(rule.option("phrases", []) or []) + list(
            rule.option("extend-phrases", []) or []
        )
        parsed = [_phrase(item, rule) for item in items]
        try:
            matcher = PhraseMatcher(
                [p for p, _, _ in parsed], ignore_case=bool(rule.option("ignore-case", True))
            )
        except PatternError as exc:
            raise RulePackError(f"{_where(rule)}: {exc}") from exc
        negations = frozenset(str(w).lower() for w in rule.option("negations", []) or [])
        window = max(1, int(rule.option("negation-window", 10)))
        advice = [a for _, a, _ in parsed]
        return _Compiled(matcher, advice, [s for _, _, s in parsed], negations, window)

    compiled: _Compiled = rule.state("phrase-matcher", build)
    return compiled


def validate_rule(rule: Rule) -> None:
    """Compile the phrases before the run, so a bad pattern stops it cleanly (exit 2)."""
    _compiled(rule)


def _suggest(suggestion: str, matched: str) -> str:
    if suggestion and matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    compiled = _compiled(rule)
    if rule.option("in-questions", True):
        for found in compiled.matcher.finditer(entry.question):
            if compiled.denied(entry.question, found.start):
                continue
            matched = entry.question[found.start : found.end]
            start = entry.question_position
            yield Hit(
                args=_args(compiled, found.index, matched),
                start=Position(line=start.line, column=start.column + found.start),
                end=Position(line=start.line, column=start.column + found.end),
                entry=entry,
                matched=matched,
                suggestions=_suggestions(compiled, found.index, matched),
            )
    for found in compiled.matcher.finditer(entry.answer):
        if compiled.denied(entry.answer, found.start):
            continue
        matched = entry.answer[found.start : found.end]
        yield hit_in_answer(
            entry,
            found.start,
            found.end,
            args=_args(compiled, found.index, matched),
            matched=matched,
            suggestions=_suggestions(compiled, found.index, matched),
        )


def _args(compiled: _Compiled, index: int, matched: str) -> dict[str, str]:
    return {
        "matched": " ".join(matched.split()),
        "advice": compiled.advice[index],
        "suggestion": _suggest(compiled.suggestions[index], matched),
    }


def _suggestions(compiled: _Compiled, index: int, matched: str) -> list[str]:
    suggestion = _suggest(compiled.suggestions[index], matched)
    return [suggestion] if suggestion else []
