"""faq-lint: a linter for patient-facing health FAQ content."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "lint"]

if TYPE_CHECKING:
    from faq_lint.api import lint


def __getattr__(name: str) -> Any:
    # ``faq_lint.lint`` is imported on first use, so ``import faq_lint.models`` (and the
    # command line's start-up) does not load the whole engine.
    if name == "lint":
        from faq_lint.api import lint

        return lint
    raise AttributeError(f"module 'faq_lint' has no attribute {name!r}")
