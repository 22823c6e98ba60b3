"""What every check module shares: the runtime rule, the hit a check reports, the registry.

A check module implements one check kind and defines exactly one of::

    def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterable[Hit]
    def check_document(document: Document, rule: Rule) -> Iterable[Hit]
    def check_corpus(documents: list[Document], rule: Rule) -> Iterable[Hit]

Rules (YAML data) bind to a kind by name through :data:`CHECK_KINDS`. Modules load
only when an enabled rule needs them, so heavy data stays off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from faq_lint.models import Document, Entry, Position, Related
from faq_lint.rulepack import RuleSpec

# kind -> module implementing it
CHECK_KINDS: dict[str, str] = {
    "parse-problem": "faq_lint.checks.parse_problem",
    "empty-answer": "faq_lint.checks.empty_answer",
    "not-a-question": "faq_lint.checks.not_a_question",
    "stray-text": "faq_lint.checks.stray_text",
    "reading-grade": "faq_lint.checks.reading_grade",
    "long-sentence": "faq_lint.checks.long_sentence",
    "plain-language": "faq_lint.checks.plain_language",
    "spelling": "faq_lint.checks.spelling",
    "duplicate-question": "faq_lint.checks.duplicates",
    "duplicate-answer": "faq_lint.checks.duplicates",
    "near-duplicate-question": "faq_lint.checks.duplicates",
    "near-duplicate-answer": "faq_lint.checks.duplicates",
    "contradiction-yes-no": "faq_lint.checks.contradictions",
    "contradiction-advice": "faq_lint.checks.contradictions",
    "contradiction-negation": "faq_lint.checks.contradictions",
    "contradiction-number": "faq_lint.checks.contradictions",
    "unused-suppression": "faq_lint.checks.unused_suppression",
    "uncited-medication-claim": "faq_lint.checks.medication_claims",
    "unknown-reference-marker": "faq_lint.checks.references",
    "unused-reference": "faq_lint.checks.references",
    "missing-disclaimer": "faq_lint.checks.disclaimer",
    "dose-without-referral": "faq_lint.checks.dose_referral",
    "stale-review": "faq_lint.checks.review_date",
    "missing-review-date": "faq_lint.checks.review_date",
    "invalid-review-date": "faq_lint.checks.review_date",
    "phrase": "faq_lint.checks.phrase",
}


@dataclass
class Rule:
    """A rule ready to run: its declaration, the options in force and its severity."""

    spec: RuleSpec
    options: dict[str, Any]
    severity: str
    project: Any = None  # the run's Config: project-wide settings (locale, target grade, words)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.spec.code

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)

    def state(self, key: str, factory: Callable[[], Any]) -> Any:
        """Build expensive per-rule data once (word lists, indexes) and keep it."""
        if key not in self.cache:
            self.cache[key] = factory()
        return self.cache[key]


@dataclass
class Hit:
    """One thing a check found; the engine turns it into a :class:`Finding`.

    ``args`` fill the rule's message template. ``matched`` is the text the
    finding is about (it keys baselines, so keep it stable).
    """

    args: dict[str, Any] = field(default_factory=dict)
    start: Position | None = None
    end: Position | None = None
    entry: Entry | None = None
    document: Document | None = None
    related: list[Related] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    matched: str = ""
    message: str | None = None


def answer_span(entry: Entry, start: int, end: int) -> tuple[Position, Position]:
    """File positions of answer characters ``start``..``end`` (end exclusive)."""
    first = entry.locate(start)
    last = entry.locate(max(start, end - 1))
    return first, Position(line=last.line, column=last.column + 1)


def hit_in_answer(
    entry: Entry, start: int, end: int, args: dict[str, Any] | None = None, **kwargs: Any
) -> Hit:
    """A hit on a stretch of an entry's answer."""
    first, last = answer_span(entry, start, end)
    return Hit(
        args=args or {},
        start=first,
        end=last,
        entry=entry,
        matched=kwargs.pop("matched", entry.answer[start:end]),
        **kwargs,
    )


def related_of(document: Document, entry: Entry) -> Related:
    return Related(path=document.path, line=entry.question_position.line, question=entry.question)


def load_check(kind: str) -> ModuleType:
    if kind not in CHECK_KINDS:
        raise KeyError(kind)
    return import_module(CHECK_KINDS[kind])


def scope_of(module: ModuleType) -> str:
    for scope in ("entry", "document", "corpus"):
        if hasattr(module, f"check_{scope}"):
            return scope
    raise TypeError(f"{module.__name__} defines no check_entry/check_document/check_corpus")


CheckResult = Iterable[Hit]
