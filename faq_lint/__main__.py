"""Allow ``python -m faq_lint``."""

from faq_lint.cli import entry

entry()
