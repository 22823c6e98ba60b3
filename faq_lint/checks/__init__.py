"""Check kinds: one module per kind; see :mod:`faq_lint.checks.base`."""
