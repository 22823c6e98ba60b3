"""Kinds ``stale-review``, ``missing-review-date``, ``invalid-review-date``.

The review date is the document's ``reviewed`` (set by the parsers from
``reviewed``, ``last_reviewed``, ``updated``... in front matter, YAML or JSON) or
the first metadata key named in the ``keys`` option. On a page without metadata
a line such as "Last reviewed: 1 May 2024" outside the answers, or closing the
last answer, counts too.

- ``stale-review``: the date is older than ``max-age-years`` (default 3);
- ``missing-review-date``: no review date anywhere;
- ``invalid-review-date``: the value is not a date, or lies in the future.

Options: ``keys``, ``max-age-years``, ``today`` (an ISO date to check against;
default the real date), ``day-first`` ("auto" follows the project locale: US
pages write 05/01/2024 for 1 May).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from faq_lint.checks.base import Hit, Rule
from faq_lint.checks.medical_data import document_texts
from faq_lint.models import Document, Position
from faq_lint.rulepack import RulePackError
from faq_lint.text import dates

DEFAULT_KEYS = [
    "reviewed",
    "last_reviewed",
    "date_reviewed",
    "review_date",
    "reviewed_on",
    "last_review",
    "updated",
    "last_updated",
    "date_modified",
    "modified",
]
_IN_TEXT = re.compile(
    r"\b(?:last\s+)?(?:reviewed|updated|review\s+date|date\s+reviewed)(?:\s+on)?\s*[:\-–]?\s*"
    r"(?P<date>[^.;\n]{4,40}?\d{4})\b",
    re.IGNORECASE,
)


def _norm(key: object) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key).strip().lstrip("@"))
    return re.sub(r"[\s\-]+", "_", text).lower()


def _from_metadata(metadata: Mapping[str, Any], keys: list[str], depth: int = 0) -> Any:
    wanted = {_norm(k): rank for rank, k in enumerate(keys)}
    best: tuple[int, Any] | None = None
    for key, value in metadata.items():
        rank = wanted.get(_norm(key))
        if rank is not None and value not in (None, "") and (best is None or rank < best[0]):
            best = (rank, value)
    if best is not None:
        return best[1]
    if depth < 2:
        for value in metadata.values():
            if isinstance(value, Mapping):
                found = _from_metadata(value, keys, depth + 1)
                if found is not None:
                    return found
    return None


def review_value(document: Document, keys: list[str]) -> tuple[Any, bool]:
    """The page's review date value and whether it came from free text."""
    value = _from_metadata(document.metadata, keys) if document.metadata else None
    if value is None and document.reviewed:
        value = document.reviewed
    if value is not None:
        return value, False
    texts = list(document_texts(document))
    if document.entries and document.entries[-1].paragraphs:
        texts.append(document.entries[-1].paragraphs[-1])
    for text in texts:
        match = _IN_TEXT.search(text)
        if match:
            return match.group("date"), True
    return None, False


def _today(rule: Rule) -> _dt.date:
    raw = rule.option("today", "") or ""
    if not raw:
        return dates.today()
    parsed = dates.parse_date(str(raw))
    if parsed is None or parsed.first != parsed.last:
        raise RulePackError(
            f"rule {rule.code}: option 'today' must be a date like 2026-11-24, not {raw!r}"
        )
    return parsed.first


def _day_first(rule: Rule) -> bool:
    setting = rule.option("day-first", "auto")
    if isinstance(setting, bool):
        return setting
    return dates.day_first_locale(getattr(rule.project, "locale", "en-US"))


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    if not document.entries:
        return
    keys = [str(k) for k in rule.option("keys", DEFAULT_KEYS) or DEFAULT_KEYS]
    value, in_text = review_value(document, keys)
    kind = rule.spec.check
    where = Position(line=1, column=1)
    if value is None:
        if kind == "missing-review-date":
            yield Hit(
                args={"keys": ", ".join(keys[:3])},
                start=where,
                document=document,
                suggestions=[
                    "Add the date the page was last reviewed, e.g. 'reviewed: "
                    f"{_today(rule).isoformat()}' in the front matter"
                ],
                matched="missing-review-date",
            )
        return
    parsed = dates.parse_date(value, day_first=_day_first(rule), search=in_text)
    today = _today(rule)
    shown = str(value) if not isinstance(value, (_dt.date, _dt.datetime)) else value.isoformat()
    if parsed is None:
        if kind == "invalid-review-date":
            yield Hit(
                args={"value": shown, "problem": "is not a date"},
                start=where,
                document=document,
                suggestions=["Write the review date as a date, e.g. 2024-05-01 or 1 May 2024"],
                matched=f"not-a-date {shown}",
            )
        return
    if parsed.first > today:
        if kind == "invalid-review-date":
            yield Hit(
                args={"value": shown, "problem": "is in the future"},
                start=where,
                document=document,
                suggestions=["Correct the review date: a page cannot be reviewed in the future"],
                matched=f"future {shown}",
            )
        return
    if kind != "stale-review":
        return
    years = float(rule.option("max-age-years", 3))
    age_days = (today - parsed.last).days
    if age_days > years * 365.25:
        yield Hit(
            args={
                "value": shown,
                "age": _age(age_days),
                "limit": f"{years:g} year{'s' if years != 1 else ''}",
            },
            start=where,
            document=document,
            suggestions=["Have the page reviewed by a clinician, then update its review date"],
            matched=f"stale {shown}",
        )


def _age(days: int) -> str:
    years = days / 365.25
    if years >= 1:
        whole = int(years)
        return f"over {whole} year{'s' if whole != 1 else ''}"
    months = max(1, int(days / 30.44))
    return f"{months} month{'s' if months != 1 else ''}"
