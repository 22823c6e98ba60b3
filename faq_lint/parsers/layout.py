"""What the parsers agree on: what reads like a question, a reference, a disclaimer,
and which metadata keys mean a title, a review date or an owner.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from faq_lint.models import Document

# --- questions ---------------------------------------------------------------

_AUX = (
    r"(?:do|does|did|is|are|was|were|can|could|should|shall|will|would|may|might|must|"
    r"has|have|had|am|isn't|aren't|don't|doesn't|didn't|can't|won't|shouldn't)"
)
# A question without "?" still has question syntax: "How long does it last",
# "Is it safe to run"; a heading such as "How to stretch" or "What to expect" has not.
QUESTION_OPENERS = re.compile(
    r"^(?:(?:what|what's|whats|how|why|when|where|who|whom|whose|which)"
    rf"(?:\s+(?!to\b)[\w'-]+){{0,3}}?\s+{_AUX}\b|{_AUX}\s+(?:i|you|we|they|it|he|she|my|your|our|their|his|her|its|the|this|"
    rf"that|these|those|there|a|an|any|some|people|children|kids|adults)\b|"
    rf"(?:what|what's|whats|how|why|who)\s+(?:causes?|happens|helps|works|makes|means)\b)",
    re.IGNORECASE,
)
INFO_REQUEST = re.compile(
    r"^(?:do you have (?:any )?information (?:about|on)|tell me about|"
    r"(?:i )?(?:would like|need|want) (?:some )?information (?:about|on))\b",
    re.IGNORECASE,
)
# "Q:", "Q.", "Q1:", "Question:", "Question 3 -" before a question.
QUESTION_PREFIX = re.compile(r"^(?:q|question)\s*\d*\s*[:.)\-–]\s+(?=\S)", re.IGNORECASE)
# "A:", "A.", "Answer:" before an answer.
ANSWER_PREFIX = re.compile(r"^(?:a|answer)\s*\d*\s*[:.)\-–]\s+(?=\S)", re.IGNORECASE)
# "1. ", "2) ", "(3) " before a numbered question.
NUMBER_PREFIX = re.compile(r"^(?:\d{1,3}[.)]|\(\d{1,3}\))\s+(?=\S)")
MAX_QUESTION_CHARS = 250


def looks_like_question(line: str) -> bool:
    """Whether one line reads like a question heading (prefixes already removed)."""
    text = line.strip()
    if not text or len(text) > MAX_QUESTION_CHARS:
        return False
    if text.endswith("?"):
        return True
    if text[-1] in ".!:;,":
        return False
    return bool(QUESTION_OPENERS.match(text) or INFO_REQUEST.match(text))


def strong_question(line: str) -> bool:
    """A question by punctuation: it ends in ``?``."""
    return line.rstrip().endswith("?")


# --- references --------------------------------------------------------------

REFERENCE_HEADING = re.compile(
    r"^\s*(?:#+\s*)?[*_]{0,2}\s*(references?|sources?|bibliography|citations?|"
    r"works cited|further reading|literature)\s*[*_]{0,2}\s*:?\s*[*_]{0,2}\s*$",
    re.IGNORECASE,
)
# "1. text", "1) text", "[1] text", "(1) text", "[^1]: text"; the marker is kept as written.
REFERENCE_ITEM = re.compile(
    r"^\s*(?P<marker>\[\^?\w{1,12}\]:?|\(\d{1,4}\)|\d{1,4}[.)])\s+(?P<text>\S.*)$"
)
_CITATION_HINTS = re.compile(
    r"(?:\b(?:19|20)\d{2}\b|https?://|www\.|\bdoi\b|\bet al\b|\bjournal\b|\bpmid\b|"
    r"\bretrieved\b|\baccessed\b|\bpress\b|\bguideline)",
    re.IGNORECASE,
)
_MARKER_DIGITS = re.compile(r"\w+")


def parse_reference_item(text: str) -> tuple[str, str] | None:
    """``[3] Smith J. ...`` -> ``("[3]", "Smith J. ...")``; None if not a numbered item."""
    match = REFERENCE_ITEM.match(text)
    if not match:
        return None
    return match.group("marker").rstrip(":"), match.group("text").strip()


def reference_key(marker: str) -> str:
    """The marker without its punctuation: ``[3]``, ``(3)``, ``3.`` -> ``3``."""
    match = _MARKER_DIGITS.search(marker)
    return match.group() if match else marker.strip()


def looks_like_citation(text: str) -> bool:
    """Whether a list item reads like a bibliographic reference (year, URL, doi ...)."""
    return bool(_CITATION_HINTS.search(text))


# --- disclaimers -------------------------------------------------------------

DISCLAIMER_OPENER = re.compile(
    r"^\s*[>*_\s]*(?:medical\s+|important\s+)?disclaimer\b\s*[*_]*\s*[:.\-–—]?", re.IGNORECASE
)
_DISCLAIMER_GENERAL = re.compile(
    r"(?:not (?:a )?(?:substitute|replacement) for|(?:does|do|is) not (?:replace|constitute)|"
    r"should not (?:replace|be used (?:as|in place of))|not intended (?:to|as)|"
    r"for (?:general )?information(?:al)? purposes|not (?:meant|designed) to (?:replace|diagnose)|"
    r"no substitute for|in place of (?:professional|medical)|"
    r"does not provide medical advice|is not medical advice)",
    re.IGNORECASE,
)
_DISCLAIMER_REFERRAL = re.compile(
    r"\b(?:always\s+)?(?:talk (?:to|with)|consult|speak (?:to|with)|ask|check with|seek)\b"
    r"[^.]{0,60}\b(?:doctor|physician|health ?care (?:provider|professional)|"
    r"pharmacist|nurse|clinician|medical (?:advice|professional))",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|before|after|unless)\b", re.IGNORECASE)
_MEDICAL = re.compile(
    r"\b(?:medical|health|healthcare|doctor|physician|professional|clinical|clinician|"
    r"pharmacist|gp|nurse|midwife|surgeon|specialist|consultant|care\s+team)s?\b",
    re.I,
)


def starts_like_disclaimer(text: str) -> bool:
    """Text that opens with the word "Disclaimer"."""
    return bool(DISCLAIMER_OPENER.match(text))


def reads_like_disclaimer(text: str, allow_referral: bool = False) -> bool:
    """Whether a closing paragraph is a general medical disclaimer.

    "This information is not a substitute for professional medical advice" is one;
    "see a doctor if the pain lasts" (a conditional referral) is not. With
    ``allow_referral`` a general "talk to your doctor" statement without a
    condition counts too (for a set-off blockquote or a paragraph after a rule).
    """
    if starts_like_disclaimer(text):
        return True
    if len(text) > 1200:
        return False
    if _DISCLAIMER_GENERAL.search(text) and _MEDICAL.search(text):
        return True
    if allow_referral and _DISCLAIMER_REFERRAL.search(text):
        return not _CONDITIONAL.search(text)
    return False


def strip_disclaimer_label(text: str) -> str:
    """``Disclaimer: This page...`` -> ``This page...``."""
    match = DISCLAIMER_OPENER.match(text)
    rest = text[match.end() :].strip() if match else text.strip()
    return rest or text.strip()


# --- metadata ----------------------------------------------------------------

# "Last reviewed: 1 May 2024", "Page owner: Cardiology", "**Updated:** 2024-03-01"
META_LINE = re.compile(
    r"^\s*[*_]{0,2}(?P<key>last[ -]reviewed|reviewed(?: on| by)?|review date|date reviewed|"
    r"last[ -]updated|updated(?: on)?|(?:page |content )?owner|maintained by)"
    r"\s*[*_]{0,2}\s*[:\-–—]\s*[*_]{0,2}(?P<value>\S.*?)[*_]{0,2}\s*$",
    re.IGNORECASE,
)


def metadata_lines(lines: list[str]) -> dict[str, str] | None:
    """``{"last_reviewed": "1 May 2024"}`` when every line is a ``Key: value`` metadata line."""
    found: dict[str, str] = {}
    for line in lines:
        match = META_LINE.match(line)
        if match is None:
            return None
        found[normalize_key(match.group("key"))] = match.group("value").strip()
    return found or None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

TITLE_KEYS = ("title", "name", "headline", "page_title", "topic")
REVIEWED_KEYS = (
    "reviewed",
    "last_reviewed",
    "lastreviewed",
    "reviewed_on",
    "review_date",
    "date_reviewed",
    "last_review",
    "reviewed_date",
    "updated",
    "last_updated",
    "lastmod",
    "date_modified",
    "modified",
)
OWNER_KEYS = (
    "owner",
    "page_owner",
    "content_owner",
    "maintainer",
    "maintained_by",
    "reviewed_by",
    "reviewer",
    "author",
    "publisher",
)
DISCLAIMER_KEYS = ("disclaimer", "medical_disclaimer")
REFERENCE_KEYS = ("references", "sources", "citations", "citation", "bibliography")
LIST_KEYS = ("faqs", "faq", "questions", "entries", "items", "qa", "pairs", "main_entity")
QUESTION_KEYS = ("question", "q", "question_text", "questiontext", "query", "prompt")
ANSWER_KEYS = ("answer", "a", "answer_text", "answertext", "response", "reply", "text")


@lru_cache(maxsize=4096)
def _normalize(key: str) -> str:
    text = _CAMEL.sub("_", str(key).strip().lstrip("@"))
    return re.sub(r"[\s\-]+", "_", text).lower()


def normalize_key(key: object) -> str:
    """``Last-Reviewed``, ``lastReviewed``, ``last reviewed`` -> ``last_reviewed``."""
    return _normalize(str(key))


def find_key(mapping: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    """The first key of ``mapping`` (in ``names`` order) whose normalized form is listed."""
    by_norm: dict[str, str] = {}
    for key in mapping:
        by_norm.setdefault(normalize_key(key), key)
    for name in names:
        if name in by_norm:
            return by_norm[name]
    return None


def plain(value: Any) -> Any:
    """Metadata values made JSON-friendly: dates become ISO strings, recursively."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def scalar_text(value: Any) -> str | None:
    """A metadata value as one line of text (a JSON-LD ``{"name": ...}`` gives its name)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        for key in ("name", "text", "value", "@value", "date"):
            if key in value:
                return scalar_text(value[key])
        return None
    if isinstance(value, (list, tuple)):
        texts = [t for t in (scalar_text(v) for v in value) if t]
        return ", ".join(texts) if texts else None
    text = str(plain(value)).strip()
    return text or None


def apply_metadata(document: Document, metadata: Mapping[str, Any]) -> None:
    """Set title, reviewed, owner and disclaimer of ``document`` from its metadata."""
    document.metadata.update(plain(dict(metadata)))
    for names, attribute in (
        (TITLE_KEYS, "title"),
        (REVIEWED_KEYS, "reviewed"),
        (OWNER_KEYS, "owner"),
        (DISCLAIMER_KEYS, "disclaimer"),
    ):
        if getattr(document, attribute):
            continue
        key = find_key(metadata, names)
        if key is None:
            continue
        value = scalar_text(metadata[key])
        if value:
            setattr(document, attribute, value)
