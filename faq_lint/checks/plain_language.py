"""Kind ``plain-language``: jargon or wordy words that have a plain-language alternative.

Terms come from a curated word list in the rule pack (``rules/plain-language.yaml``:
term, alternatives, source), plus the project's ``extra-terms``; ``ignore-terms``
silences some. A term matches as a whole word or phrase, in any case, with a plural
``-s``/``-es``, and with a space or a hyphen between its words. Each term is reported
once per answer (its first use), with the alternatives as suggestions.

Options: ``word-list`` (file, relative to the rule pack), ``extra-terms`` (mapping of
term -> list of alternatives), ``ignore-terms`` (list), ``once-per-answer`` (true).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry
from faq_lint.safety import load_yaml

_SEPARATOR = re.compile(r"[\s\-‐‑]+")


@dataclass(frozen=True)
class Term:
    term: str
    alternatives: tuple[str, ...]
    source: str


_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_GAP = re.compile(r"[\s\-‐‑]+")
_HYPHENS = "-‐‑"


@dataclass
class TermIndex:
    terms: dict[str, Term]
    first_words: set[str]  # first words of the multi-word terms
    longest: int  # words in the longest term
    forms: dict[str, Term] = field(default_factory=dict)  # term, plural and past forms

    def __post_init__(self) -> None:
        for key, term in self.terms.items():
            for ending in ("", "s", "es", "d", "ed"):
                self.forms.setdefault(key + ending, term)

    def lookup(self, matched: str) -> Term | None:
        return self.forms.get(normalize(matched))

    def find(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """Whole-word matches, longest first, not glued to a hyphenated word."""
        tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        count = len(tokens)
        i = 0
        while i < count:
            start, _, word = tokens[i]
            multi = word in self.first_words
            glued = start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalpha()
            if glued or not (multi or word in self.forms):
                i += 1
                continue
            for size in range(min(self.longest if multi else 1, count - i), 0, -1):
                last = i + size - 1
                end = tokens[last][1]
                if end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalpha():
                    continue
                if size == 1:
                    phrase = word
                else:
                    gaps = (text[tokens[k][1] : tokens[k + 1][0]] for k in range(i, last))
                    if not all(_GAP.fullmatch(gap) for gap in gaps):
                        continue
                    phrase = " ".join(t[2] for t in tokens[i : last + 1])
                term = self.forms.get(phrase)
                if term is not None:
                    yield start, end, term
                    i = last
                    break
            i += 1


def normalize(text: str) -> str:
    return _SEPARATOR.sub(" ", text.strip().lower())


def _alternatives(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v).strip())
    return ()


def load_terms(path: str) -> list[Term]:
    """Read a word list file; a missing or broken file gives no terms, never a traceback."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = load_yaml(handle) or {}
    except (OSError, yaml.YAMLError):
        return []
    entries = data.get("terms", []) if isinstance(data, dict) else []
    terms: list[Term] = []
    for item in entries:
        if not isinstance(item, dict) or not str(item.get("term", "")).strip():
            continue
        alternatives = _alternatives(item.get("alternatives"))
        if alternatives:
            terms.append(Term(str(item["term"]).strip(), alternatives, str(item.get("source", ""))))
    return terms


def build_index(terms: list[Term], ignore: set[str]) -> TermIndex:
    table: dict[str, Term] = {}
    for term in terms:
        key = normalize(term.term)
        if key and key not in ignore:
            table[key] = term
    first_words = {key.split(" ")[0] for key in table if " " in key}
    longest = max((key.count(" ") + 1 for key in table), default=1)
    return TermIndex(table, first_words, longest)


def _index(rule: Rule) -> TermIndex:
    def factory() -> TermIndex:
        terms = load_terms(
            rule.spec.resolve_path(str(rule.option("word-list", "plain-language.yaml")))
        )
        extra = rule.option("extra-terms") or {}
        if isinstance(extra, dict):
            terms += [
                Term(str(k), _alternatives(v), "project")
                for k, v in extra.items()
                if _alternatives(v)
            ]
        ignore = {normalize(str(t)) for t in rule.option("ignore-terms") or []}
        return build_index(terms, ignore)

    index: TermIndex = rule.state("index", factory)
    return index


def _match_case(suggestion: str, matched: str) -> str:
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")
_NAME_LINKS = ("of", "on", "for", "and", "&", "the")


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether a term is part of a name written in title case: "Advisory Committee on
    Immunization Practices", "Vaccine Adverse Event Reporting System". One capitalised
    word alone (a sentence start, "Additional") is not a name."""
    matched = text[start:end]
    if not all(word[:1].isupper() for word in matched.split() if word not in _NAME_LINKS):
        return False

    def neighbours(words: list[str]) -> int:
        count = 0
        for word in words:
            if word in _NAME_LINKS:
                continue
            if not _TITLE_WORD.fullmatch(word):
                break
            count += 1
        return count

    # only within the sentence: "... Resource Center. Additional information" is no name
    before = re.split(r"[.!?:;\n]", text[max(0, start - 80) : start])[-1].split()
    after = re.split(r"[.!?:;\n]", text[end : end + 80])[0].split()
    ahead = neighbours([w.strip(".,;:()") for w in after[:4]])
    behind = neighbours([w.strip(".,;:()") for w in reversed(before[-4:])])
    return ahead + behind >= 1 and (behind >= 1 or matched.count(" ") + ahead >= 2)


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    index = _index(rule)
    if not index.terms or not entry.answer:
        return
    once = bool(rule.option("once-per-answer", True))
    reported: set[str] = set()
    for start, end, term in index.find(entry.answer):
        key = normalize(term.term)
        if once and key in reported or _in_name(entry.answer, start, end):
            continue
        reported.add(key)
        written = entry.answer[start:end]
        yield hit_in_answer(
            entry,
            start,
            end,
            args={
                "term": written,
                "alternatives": " / ".join(f"'{a}'" for a in term.alternatives),
                "source": term.source,
            },
            suggestions=[_match_case(a, written) for a in term.alternatives],
            matched=key,
        )
