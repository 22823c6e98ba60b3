"""faq-lint: a linter for patient-facing health FAQ content."""

from __future__ import annotations

__version__ = "0.1.0"

from faq_lint.api import lint  # noqa: E402

__all__ = ["__version__", "lint"]
