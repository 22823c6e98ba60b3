"""Kinds ``unknown-reference-marker`` and ``unused-reference``: citations vs the reference list.

``unknown-reference-marker``: a numbered citation in an answer ("... (10).",
"[3]", "¹²") whose number matches no reference the page lists (a References or
Sources section, a ``references`` key, a closing numbered list). Only markers
placed as citations count: list numbering ("(2) Rest"), inline enumerations
("(1) rest, (2) ice"), years and bracketed words are not markers.

``unused-reference``: a listed reference that no answer cites. Numbered
references are matched by number; an unnumbered list counts as numbered 1, 2, 3
in order when the page uses numbered citations; a reference listed under a
name ("Smith 2020") is cited when an answer names it.

Option (both): ``citation-styles`` (which marker styles count; default all).
"""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.medical_data import citation_finder
from faq_lint.models import Document, Position, Reference
from faq_lint.text.citations import marker_key


def check_document(document: Document, rule: Rule) -> Iterator[Hit]:
    if rule.spec.check == "unused-reference":
        yield from _unused(document, rule)
    else:
        yield from _unknown(document, rule)


def _keys(document: Document, numbered_citations: bool) -> dict[str, Reference]:
    """Listed references by key: ``10`` for ``[10]``, ``(10)``, ``10.``."""
    references = document.references
    keys: dict[str, Reference] = {}
    if references and all(not r.marker.strip() for r in references) and numbered_citations:
        for position, reference in enumerate(references, start=1):
            keys[str(position)] = reference
        return keys
    for reference in references:
        if reference.marker.strip():
            keys.setdefault(marker_key(reference.marker), reference)
    return keys


def _listed(keys: dict[str, Reference]) -> str:
    numbers = sorted(int(k) for k in keys if k.isdigit())
    if not keys:
        return "the page lists no references"
    if not numbers:
        return "the page lists no numbered references"
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"the page lists references {numbers[0]}-{numbers[-1]}"
    shown = ", ".join(str(n) for n in numbers[:12]) + (", ..." if len(numbers) > 12 else "")
    return f"the page lists reference{'s' if len(numbers) > 1 else ''} {shown}"


def _unknown(document: Document, rule: Rule) -> Iterator[Hit]:
    finder = citation_finder(rule)
    found = [(entry, finder.markers(entry.answer)) for entry in document.entries]
    numbered = any(c.markers for _, citations in found for c in citations)
    if not numbered:
        return
    keys = _keys(document, numbered)
    listed = _listed(keys)
    for entry, citations in found:
        for citation in citations:
            missing = [m for m in citation.markers if m not in keys]
            for marker in missing:
                shown = citation.text if len(citation.markers) == 1 else marker
                yield hit_in_answer(
                    entry,
                    citation.start,
                    citation.end,
                    args={"marker": shown, "number": marker, "listed": listed},
                    suggestions=[
                        f"Add reference {marker} to the page's references, or remove the citation"
                    ],
                    matched=f"{marker} {entry.answer[citation.start : citation.end]}",
                )


def _unused(document: Document, rule: Rule) -> Iterator[Hit]:
    if not document.references:
        return
    finder = citation_finder(rule)
    cited: set[str] = set()
    for entry in document.entries:
        for citation in finder.markers(entry.answer):
            cited.update(citation.markers)
    answers = "\n".join(entry.answer.lower() for entry in document.entries)
    keys = _keys(document, bool(cited))
    for key, reference in keys.items():
        if key.isdigit():
            if key in cited:
                continue
        elif key in answers:
            continue
        text = " ".join(reference.text.split())
        quote = text if len(text) <= 70 else text[:69] + "…"
        yield Hit(
            args={"marker": key if key.isdigit() else reference.marker.strip(), "reference": quote},
            start=Position(line=reference.line, column=reference.column),
            document=document,
            suggestions=[f"Cite it where it supports an answer, e.g. ({key}), or remove it"]
            if key.isdigit()
            else ["Cite it where it supports an answer, or remove it"],
            matched=f"{key} {text}",
        )
