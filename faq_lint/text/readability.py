"""Readability formulas (Flesch-Kincaid grade, Flesch reading ease, SMOG).

PLACEHOLDER until the readability issue lands: syllables from pyphen only.
"""

from __future__ import annotations

from faq_lint.models import Document, Readability


def document_readability(document: Document) -> Readability | None:
    return None
