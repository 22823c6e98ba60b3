"""Command line: a thin layer over :func:`faq_lint.lint` (see ../shared/report-contract.md).

Exit status: 0 no finding at or above the fail level, 1 findings at or above it,
2 the run itself could not be done (bad option, bad configuration, missing path).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence

from faq_lint import __version__
from faq_lint.models import SEVERITY_RANK, Report
from faq_lint.render import RENDERERS

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"faq-lint: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="faq-lint",
        description="Lint patient-facing health FAQ content (text, Markdown, YAML, JSON, "
        "JSON Lines, CSV).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint")
    parser.add_argument(
        "--format", default="text", choices=sorted(RENDERERS), help="output format (default text)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--config", metavar="FILE", help="configuration file to use")
    parser.add_argument(
        "--select", type=_codes, metavar="CODES",
        help="only these rules: codes, code prefixes, names or categories, comma-separated",
    )
    parser.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="skip these rules (same forms as --select)"
    )
    parser.add_argument(
        "--fail-on", choices=["error", "warning", "info"], default=None,
        help="lowest severity that makes the exit status 1 (default warning)",
    )
    parser.add_argument("--version", action="version", version=f"faq-lint {__version__}")
    return parser


def exit_status(report: Report, fail_on: str) -> int:
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def write_output(text: str, output: str | None) -> None:
    """Write to FILE atomically (never half-written), or to standard output."""
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(output))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".faq-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def run(argv: Sequence[str] | None = None) -> int:
    from faq_lint.api import lint
    from faq_lint.config import ConfigError, load_config
    from faq_lint.discovery import UsageError
    from faq_lint.render import renderer
    from faq_lint.rulepack import RulePackError

    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
        report = lint(args.paths or None, config, select=args.select, ignore=args.ignore)
        text = renderer(args.format)(report)
        write_output(text, args.output)
    except (ConfigError, UsageError, RulePackError) as exc:
        sys.stderr.write(f"faq-lint: error: {exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        sys.stderr.write(f"faq-lint: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return exit_status(report, args.fail_on or config.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except KeyboardInterrupt:
        sys.stderr.write("faq-lint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
