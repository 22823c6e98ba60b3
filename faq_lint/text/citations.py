"""Recognise citations in answer text.

Styles (each can be switched off by the rules' ``citation-styles`` option):

- ``numeric``: ``(10)``, ``(1, 4)``, ``(1-3)``
- ``bracket``: ``[3]``, ``[1-3]``, ``[2, 5]``
- ``superscript``: ``¹⁰``, ``<sup>3</sup>``
- ``footnote``: Markdown ``[^3]``
- ``author-year``: ``(Smith et al., 2020)``, ``(NICE 2019)``, ``Smith and Jones (2018)``
- ``url``: ``https://...``, ``www...``, Markdown links ``[text](https://...)``
- ``doi``: ``10.1002/14651858.CD004376``, ``doi:10...``
- ``pmid``: ``PMID: 12345678``, ``PMC1234567``
- ``attribution``: "according to the CDC", "NICE recommends", "a 2019 Cochrane review",
  a source line such as "NIH: National Heart, Lung, and Blood Institute"

Numeric and bracket markers count only where they cite: after a word or before
punctuation ("... syndrome (10)."), never as list numbering ("(2) Rest the leg"),
an enumeration inside a sentence ("(1) rest, (2) ice"), a year ("(2020)") or a
word in brackets ("(ALL)").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from faq_lint.text.prefilter import LazyPattern, folds_to_ascii, lazy

STYLES: tuple[str, ...] = (
    "numeric",
    "bracket",
    "superscript",
    "footnote",
    "author-year",
    "url",
    "doi",
    "pmid",
    "attribution",
)
MARKER_STYLES = ("numeric", "bracket", "superscript", "footnote")

_NUMBERS = r"\d{1,3}(?:\s*[-–,]\s*\d{1,3})*"
_NUMERIC = re.compile(rf"\(\s*({_NUMBERS})\s*\)")
_BRACKET = re.compile(rf"(?<![\]\w])\[\s*({_NUMBERS})\s*\](?![(:\[])")
_FOOTNOTE = re.compile(r"\[\^([\w-]{1,20})\](?!:)")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT = lazy(  # compiled when first needed
    rf"(?<=[\w.,;:)%\"'’”])[{_SUPERSCRIPT_DIGITS}]+(?:[,⁻–-][{_SUPERSCRIPT_DIGITS}]+)*"
)
_SUP_TAG = lazy(rf"<sup>\s*({_NUMBERS})\s*</sup>", re.IGNORECASE)
_TO_DIGITS = str.maketrans(_SUPERSCRIPT_DIGITS + "⁻", "0123456789-")

# A capitalised name in any alphabet ("Hemilä", "Ó Súilleabháin", "MHRA").
_NAME = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|['’\-])+"
_YEAR = r"(?:19|20)\d{2}[a-z]?"
# A corporate author: "American Diabetes Association", "Cholesterol Treatment Trialists'
# Collaboration", "Department of Health and Social Care" (at most seven words).
_CORPORATE = rf"{_NAME}(?:\s+(?:(?:of|for|on|and|&|the|in)\s+)?{_NAME}){{1,6}}"
_AUTHOR_YEAR = lazy(  # compiled when first needed
    rf"\(\s*(?:e\.g\.,?\s*|see\s+)?(?:{_CORPORATE}|{_NAME}(?:\s+(?:et\s+al\.?|and|&)(?:\s+{_NAME})?)?),?\s+{_YEAR}"
    rf"(?:\s*[;,]\s*[^()]{{0,120}})?\)"
    rf"|\b{_NAME}\s+(?:et\s+al\.?|(?:and|&)\s+{_NAME})\s+\(\s*{_YEAR}\s*\)"
)
# A Vancouver-style author list in a reference quoted in the text:
# "Altomare G, Capella GL, Fracchiolla C, Frigerio E. Effectiveness of ..."
_AUTHOR_LIST = lazy(  # compiled when first needed
    r"\b[A-Z][A-Za-z'’\-]+\s+[A-Z]{1,3}(?:,\s+[A-Z][A-Za-z'’\-]+\s+[A-Z]{1,3}){1,}\b"
)
_URL = re.compile(
    r"\[[^\]\n]{1,200}\]\(\s*[^)\s]+\s*\)|<?(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]"
)
_DOI = re.compile(
    r"(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)?\b10\.\d{4,9}/[^\s,;]+[^\s,;.)]", re.I
)
_PMID = re.compile(r"\bPMID:?\s*\d{4,9}\b|\bPMC\d{5,9}\b")
_SOURCE_LINE = re.compile(
    r"(?:^|\n)\s*(?:sources?|references?|adapted from|reviewed by)\s*:", re.IGNORECASE
)
_DATED_STUDY = lazy(  # compiled when first needed
    rf"\b(?:a|an|the|one|this)\s+(?:{_YEAR}\s+)(?:[A-Z][\w-]+\s+){{0,2}}"
    r"(?:review|study|trial|meta-analysis|analysis|guidelines?|report|survey)\b"
)


@dataclass(frozen=True)
class Citation:
    """A citation found in a text: its style, offsets and reference markers (if any)."""

    style: str
    start: int
    end: int
    text: str
    markers: tuple[str, ...] = ()


def expand_markers(body: str) -> tuple[str, ...]:
    """``1-3, 5`` -> ``("1", "2", "3", "5")``; a silly range is kept as its two ends."""
    found: list[str] = []
    for part in re.split(r"\s*,\s*", body.translate(_TO_DIGITS).strip()):
        bounds = [b for b in re.split(r"\s*[-–]\s*", part) if b.isdigit()]
        if len(bounds) == 2 and 0 < int(bounds[1]) - int(bounds[0]) <= 50:
            found.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            found.extend(str(int(b)) for b in bounds)
    return tuple(found)


def marker_key(marker: str) -> str:
    """A listed reference's marker as a key: ``[3]``, ``(3)``, ``3.``, ``³`` -> ``3``."""
    text = marker.translate(_TO_DIGITS).strip()
    digits = re.search(r"\d+", text)
    if digits and re.fullmatch(r"[\[\(\^]*\s*\d+\s*[\]\).:]*", text):
        return str(int(digits.group()))
    return " ".join(text.lower().split())


def _cites(text: str, start: int, end: int) -> bool:
    """Whether a numeric/bracket marker at ``start``..``end`` is placed as a citation.

    Looks only at the marker's own line around it (no copies of the text before or
    after it), so a long answer with many markers stays linear.
    """
    before = start - 1
    while before >= 0 and text[before] in " \t>*•-":
        before -= 1
    if before < 0 or text[before] == "\n":
        return False  # "(2) Rest the leg": list numbering at the start of a line
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    following = text[after] if after < len(text) else ""
    if (
        not following
        or following in ".,;:!?)]\n"
        or following in "(["
        and _MARKER_START.match(text, after) is not None
    ):
        return True
    # Followed by a word: a citation only right after a word ("syndrome (10) and ...").
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    previous = text[before] if before >= 0 else ""
    return bool(previous) and (previous.isalnum() or previous in "%\"'’”")


_MARKER_START = re.compile(rf"[(\[]\s*{_NUMBERS}\s*[)\]]")


def _starts_marker(text: str) -> bool:
    return bool(_MARKER_START.match(text))


def _is_year_or_zero(markers: Sequence[str]) -> bool:
    return not markers or any(m == "0" for m in markers)


_WORD_FOLLOWS = re.compile(r"\s+[A-Za-z]")


def _enumeration(text: str, found: list[Citation]) -> set[int]:
    """Starts of markers that number items of an inline list: "(1) rest, (2) ice"."""
    followed = [
        c
        for c in found
        if c.style in ("numeric", "bracket")
        and len(c.markers) == 1
        and _WORD_FOLLOWS.match(text, c.end)
    ]
    numbers = {c.markers[0] for c in followed}
    if {"1", "2"} <= numbers:
        return {c.start for c in followed}
    return set()


_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )  # fmt: skip
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "ninety": "90"}
# "(701) 777-3700", "(020) 7946 0958": a telephone area code, not a reference.
_PHONE_AFTER = re.compile(r"\s?\d{3,4}[-.\s]\d{3,4}\b")
# "call for help (911)", "dial (999)", "text (988)": a telephone or service number after a
# word about calling within a few words, not a reference; a well-known emergency or
# service number also after "emergency" / "help" ("in an emergency (112)").
_CALLING = re.compile(
    r"\b(?:call(?:s|ed|ing)?|dial(?:s|l?ed|l?ing)?|phon(?:e|es|ed|ing)|ring(?:s|ing)?|"
    r"text(?:s|ed|ing)?|telephone|helpline|hotline|lifeline|contact)\b"
    r"(?:[\s,;:-]+[\w'’]+){0,4}[\s,;:-]*$",
    re.IGNORECASE,
)
_HELP_WORD = re.compile(r"\b(?:emergenc(?:y|ies)|help|urgent(?:ly)?|crisis)\b\W*$", re.I)
_SERVICE_NUMBERS = frozenset(
    ["911", "999", "112", "111", "988", "000", "211", "311", "811", "101", "119", "110", "113"]
)


def _service_number(before: str, markers: Sequence[str], body: str) -> bool:
    """Whether a bracketed number is a telephone or service number ("call (911)")."""
    digits = body.strip("() \t")
    if len(markers) != 1 or not (digits.isdigit() and len(digits) == 3):
        return False
    if _CALLING.search(before):
        return True
    return digits in _SERVICE_NUMBERS and _HELP_WORD.search(before) is not None


# "Q 1 (1), (2), or (3)": items referred to in a list, not references.
_LIST_JOIN = re.compile(r"\s*,?\s*(?:or|and|to|through)\s+$")
# Text that holds digits in brackets without citing: a DOI ("S0140-6736(17)32802-7"), a URL.
_NO_MARKERS = re.compile(r"(?:\bdoi:\s*|\b)10\.\d{4,9}/\S+|(?:https?://|www\.)\S+", re.I)


# A number range in parentheses is a quantity, not a citation, when a word follows it
# ("in (3-5) days", "(6-8) weeks") other than one that goes on with the sentence after a
# citation ("... pain (1-3) and ..."), or when the word before it introduces a quantity
# ("aged (40-60)", "for (2-4)", "is (10-20)"): a citation follows the claim it supports,
# which ends in a content word ("back pain (1-3).").
_RANGE = re.compile(r"\d\s*[-–]\s*\d")
_GOES_ON = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "which",
        "who",
        "whom",
        "whose",
        "that",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "since",
        "so",
        "yet",
        "as",
        "however",
        "also",
        "than",
        "then",
        "where",
        "when",
    ]
)
_QUANTITY_LEAD = frozenset(
    [
        "aged",
        "age",
        "ages",
        "in",
        "for",
        "of",
        "from",
        "between",
        "about",
        "around",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "over",
        "under",
        "to",
        "at",
        "within",
        "every",
        "by",
        "after",
        "before",
        "than",
        "lasts",
        "last",
        "lasting",
        "takes",
        "take",
        "took",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "per",
        "only",
        "just",
        "some",
        "the",
        "a",
        "an",
        "with",
        "without",
        "up",
        "range",
        "ranges",
        "ranging",
        "from",
        "usually",
        "typically",
        "often",
    ]
)
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def _is_quantity_range(text: str, citation: Citation, word_before: str | None) -> bool:
    if not _RANGE.search(citation.text):
        return False
    after = _WORD_AFTER.match(text, citation.end)
    if after and after.group(1).lower() not in _GOES_ON:
        return True
    return word_before is not None and word_before.lower() in _QUANTITY_LEAD


def _not_citations(text: str, found: list[Citation]) -> set[int]:
    """Starts of numeric markers that are something else.

    A telephone area code ("call (701) 777-3700"), a service number ("call for help
    (911)", "dial (999)"), a sub-section of a law or form
    ("501(c)(3)", "114(j)(2)": no space before the bracket), a number restated in
    digits ("fourteen (14) days"), one item of a list of items ("(1), (2), or (3)"),
    digits inside a DOI or a web address, or a number range that is a quantity
    ("aged (40-60)", "in (3-5) days").
    """
    skip: set[int] = set()
    inside = [m.span() for m in _NO_MARKERS.finditer(text)] if "/" in text else []
    skip.update(c.start for c in found if any(a <= c.start < b for a, b in inside))
    numbered = [c for c in found if c.style == "numeric"]  # "[1] and [2]" do cite
    for index, citation in enumerate(numbered):
        start, end = citation.start, citation.end
        before = text[max(0, start - 30) : start]
        word = re.search(r"([A-Za-z]+)\s*$", before)
        if (
            _is_quantity_range(text, citation, word.group(1) if word else None)
            or _PHONE_AFTER.match(text, end)
            or _service_number(text[max(0, start - 60) : start], citation.markers, citation.text)
            or (before[-1:] and before[-1] in ")]")
            or (word and _NUMBER_WORDS.get(word.group(1).lower()) == "".join(citation.markers))
            or any(a <= start < b for a, b in inside)
        ):
            skip.add(start)
            continue
        previous = numbered[index - 1] if index else None
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        if previous and _LIST_JOIN.match(text[previous.end : start]):
            skip.update({previous.start, start})
        if following and _LIST_JOIN.match(text[end : following.start]):
            skip.update({start, following.start})
        if (
            previous
            and re.fullmatch(r"\s*,\s*", text[previous.end : start])
            and skip & {previous.start}
        ):
            skip.add(start)
    # a run "(1), (2), or (3)" is skipped whole once its "or"/"and" joint is found
    for index in range(len(numbered) - 2, -1, -1):
        current, after = numbered[index], numbered[index + 1]
        if after.start in skip and re.fullmatch(r"\s*,\s*", text[current.end : after.start]):
            skip.add(current.start)
    return skip


_SUPERSCRIPT_DIGIT = lazy(f"[{_SUPERSCRIPT_DIGITS}]")
# The shape of a body's name (_ORGANISATION_SHAPE) needs one of these words, as written.
_SHAPE_WORDS = (
    "Society",
    "Association",
    "Academy",
    "College",
    "Institute",
    "Foundation",
    "Agency",
    "Organi",
    "Council",
    "Committee",
    "Federation",
    "Collaboration",
    "Task",
    "Alliance",
    "Network",
)


Matcher = re.Pattern[str] | LazyPattern  # a compiled pattern, or one compiled when used


def _has_year(text: str) -> bool:
    """A cheap test for _YEAR: no "19" or "20", no year."""
    return "19" in text or "20" in text


@dataclass
class CitationFinder:
    """Finds citations of the enabled styles; organisations come from a data file.

    The patterns naming organisations are compiled when first needed (most pages need
    them for a few sentences, if at all), and each pattern runs only where a cheap test
    (a word or character it cannot match without) passes.
    """

    styles: frozenset[str]
    organisations: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()

    @cached_property
    def _organisation(self) -> str | None:
        if not self.organisations:
            return None
        return rf"(?:{_organisation_pattern(self.organisations)}|{_ORGANISATION_SHAPE})"

    @cached_property
    def organisation_pattern(self) -> re.Pattern[str] | None:
        return None if self._organisation is None else re.compile(self._organisation)

    @cached_property
    def attribution(self) -> re.Pattern[str] | None:
        org = self._organisation
        if org is None:
            return None
        verb = "|".join(re.escape(v) for v in self._verb_list) or r"(?!x)x"
        return re.compile(
            rf"\b(?i:according\s+to)\s+(?:(?i:the|a|an|one)\s+)?(?:{_YEAR}\s+)?(?:(?i:recent)\s+)?{org}"
            rf"|{org}(?:['’]s)?(?:\s+[\w-]+){{0,3}}?\s+(?i:{verb})\b"
            rf"|\b(?i:a|an|the|one)\s+(?:{_YEAR}\s+)?(?i:cochrane|systematic)\s+(?i:review)\b"
        )

    @cached_property
    def source_line(self) -> re.Pattern[str] | None:
        org = self._organisation
        return None if org is None else re.compile(rf"(?:^|\n|\s{{3,}}){org}\s*:")

    @cached_property
    def _verb_list(self) -> list[str]:
        return sorted({v.strip().lower() for v in self.verbs if v.strip()}, key=len, reverse=True)

    @cached_property
    def _hints(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
        """Words an organisation's name cannot be matched without: as written (acronyms,
        name shapes), lowercase (other names); and the attribution verbs. None when a
        name or verb is not plain ASCII (then the patterns always run)."""
        exact: list[str] = list(_SHAPE_WORDS)
        lowercase: list[str] = []
        for raw in {n.strip() for n in self.organisations if n.strip()}:
            longest = max(raw.split(), key=len)
            if raw.isupper() and len(raw) <= 8:  # matched as written (_organisation_pattern)
                exact.append(longest)
            else:
                lowercase.append(longest.lower())
        verbs = self._verb_list
        if not all(word.isascii() for word in (*lowercase, *verbs)):
            return None
        return tuple(exact), tuple(lowercase), tuple(verbs)

    def _may_name_organisation(self, text: str, lowered: str) -> bool:
        hints = self._hints
        if hints is None:
            return True
        exact, lowercase, _ = hints
        return any(word in text for word in exact) or any(word in lowered for word in lowercase)

    def _attribution_patterns(self, text: str) -> Iterable[Matcher]:
        """The attribution patterns that may match ``text``, in their order."""
        if self.organisations:
            hints = self._hints
            if hints is None or folds_to_ascii(text):  # the lowercase tests are not safe
                yield self.attribution  # type: ignore[misc]
                yield self.source_line  # type: ignore[misc]
            else:
                lowered = text.lower()
                verbs = hints[2]
                wording = "according" in lowered or any(verb in lowered for verb in verbs)
                line = ":" in text
                named = (wording or line) and self._may_name_organisation(text, lowered)
                if "review" in lowered or (named and wording):
                    yield self.attribution  # type: ignore[misc]
                if named and line:
                    yield self.source_line  # type: ignore[misc]
        if ":" in text:
            yield _SOURCE_LINE
        if _has_year(text):
            yield _DATED_STUDY

    def markers(self, text: str) -> list[Citation]:
        """Reference markers placed as citations: numeric, bracket, superscript, footnote."""
        candidates: list[Citation] = []
        if "numeric" in self.styles and "(" in text:
            candidates.extend(self._numbered("numeric", _NUMERIC, text))
        if "bracket" in self.styles and "[" in text:
            candidates.extend(self._numbered("bracket", _BRACKET, text))
        found: list[Citation] = []
        if candidates:
            skip = _enumeration(text, candidates) | _not_citations(text, candidates)
            found = [c for c in candidates if c.start not in skip and _cites(text, c.start, c.end)]
        superscript = "superscript" in self.styles
        if superscript and not text.isascii() and _SUPERSCRIPT_DIGIT.search(text):
            for match in _SUPERSCRIPT.finditer(text):
                markers = expand_markers(match.group())
                found.append(Citation("superscript", *match.span(), match.group(), markers))
        if "superscript" in self.styles and "<" in text:
            for match in _SUP_TAG.finditer(text):
                markers = expand_markers(match.group(1))
                found.append(Citation("superscript", *match.span(), match.group(), markers))
        if "footnote" in self.styles and "[^" in text:
            for match in _FOOTNOTE.finditer(text):
                key = marker_key(match.group(1))
                found.append(Citation("footnote", *match.span(), match.group(), (key,)))
        return sorted(found, key=lambda c: c.start)

    def _numbered(self, style: str, pattern: re.Pattern[str], text: str) -> Iterable[Citation]:
        for match in pattern.finditer(text):
            markers = expand_markers(match.group(1))
            if _is_year_or_zero(markers):
                continue
            yield Citation(style, match.start(), match.end(), match.group(), markers)

    def _simple(self, text: str) -> Iterable[tuple[str, Matcher]]:
        """The styles found by one pattern each that may match ``text``, in order."""
        if "author-year" in self.styles:
            if _has_year(text):
                yield "author-year", _AUTHOR_YEAR
            if "," in text:
                yield "author-year", _AUTHOR_LIST
        if "url" in self.styles and ("](" in text or "http" in text or "www." in text):
            yield "url", _URL
        if "doi" in self.styles and "10." in text:
            yield "doi", _DOI
        if "pmid" in self.styles and "PM" in text:
            yield "pmid", _PMID

    def find(self, text: str) -> list[Citation]:
        """Every citation of an enabled style in ``text``, in order."""
        found = self.markers(text)
        for style, pattern in self._simple(text):
            found.extend(Citation(style, *m.span(), m.group()) for m in pattern.finditer(text))
        if "attribution" in self.styles:
            for attribution in self._attribution_patterns(text):
                found.extend(
                    Citation("attribution", *m.span(), m.group().strip())
                    for m in attribution.finditer(text)
                )
        return sorted(found, key=lambda c: c.start)

    def cited(self, text: str) -> bool:
        """Whether ``text`` has any citation: ``bool(find(text))``, stopping at the first."""
        if any(pattern.search(text) for _, pattern in self._simple(text)):
            return True
        if self.markers(text):
            return True
        if "attribution" in self.styles:
            return any(p.search(text) for p in self._attribution_patterns(text))
        return False


def _organisation_pattern(names: Iterable[str]) -> str:
    """One alternation of organisation names, longest first.

    Acronyms ("WHO", "NICE") are case-sensitive; other names ignore case. A name
    ending in "of"/"on"/"for" continues with capitalised words ("American Academy
    of Pediatrics").
    """
    parts: list[str] = []
    for raw in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        words = raw.split()
        body = r"\s+".join(re.escape(w) for w in words)
        if not (raw.isupper() and len(raw) <= 8):
            body = f"(?i:{body})"
        if words[-1] in ("of", "on", "for"):
            body += r"\s+(?:the\s+)?[A-Z][\w'’-]*(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w'’-]*){0,5}"
        parts.append(body)
    return r"\b(?:" + "|".join(parts) + r")(?!\w)" if parts else r"(?!x)x"


# A body not on the list but named like one: "the American Headache Society", "the
# Royal College of Obstetricians and Gynaecologists", "the British Thoracic Society".
_ORG_WORD = r"[A-Z][\w'’-]*"
_ORGANISATION_SHAPE = (
    rf"(?:{_ORG_WORD}\s+(?:(?:of|for|on|and|&)\s+(?:the\s+)?)?){{0,5}}"
    r"(?:Society|Association|Academy|College|Institute|Foundation|Agency|Organi[sz]ation|"
    r"Council|Committee|Federation|Collaboration|Task\s+Force|Alliance|Network)"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_ORG_WORD}(?:,?\s+(?:and\s+|&\s+)?{_ORG_WORD}){{0,4}})?"
    r"(?!\w)"
)


def build_finder(
    styles: Iterable[str],
    organisations: Iterable[str] = (),
    verbs: Iterable[str] = (),
) -> CitationFinder:
    """A finder for ``styles`` with ``organisations`` and attribution ``verbs``."""
    chosen = frozenset(s for s in styles if s in STYLES)
    return CitationFinder(chosen, tuple(organisations), tuple(verbs))


def _yaml(path: Path) -> dict[str, object]:
    from faq_lint.safety import read_yaml_file  # the data cache: no YAML parser at start-up

    data = read_yaml_file(str(path)) or {}
    return data if isinstance(data, dict) else {}


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, (list, tuple)) else []


@lru_cache(maxsize=16)
def _cached(
    styles: tuple[str, ...], path: str, extra: tuple[str, ...], stamp: float
) -> CitationFinder:
    del stamp
    data = _yaml(Path(path)) if path else {}
    organisations = [str(o) for o in _items(data.get("organisations"))] + list(extra)
    verbs = [str(v) for v in _items(data.get("attribution_verbs"))]
    return build_finder(styles, organisations, verbs)


def load_finder(
    styles: Iterable[str], sources_file: str | Path | None, extra: Iterable[str] = ()
) -> CitationFinder:
    """A finder built from a citation-sources YAML file (cached while it is unchanged)."""
    path = str(sources_file) if sources_file else ""
    stamp = os.stat(path).st_mtime if path and os.path.exists(path) else 0.0
    if path and not stamp:
        path = ""
    return _cached(tuple(sorted(set(styles))), path, tuple(extra), stamp)
