"""Check kind ``unused-suppression``: binds rule FAQ901 to the engine.

The work happens after every other check has run, in :mod:`faq_lint.suppression`
(only then is it known whether an inline ``faq-lint: ignore`` silenced anything);
this module only gives the rule a check kind, so it can be selected, ignored and
given a severity like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from faq_lint.checks.base import Hit, Rule
from faq_lint.models import Document


def check_document(document: Document, rule: Rule) -> Iterable[Hit]:
    """Nothing to do per document: see :func:`faq_lint.suppression.apply`."""
    del document, rule
    return ()
