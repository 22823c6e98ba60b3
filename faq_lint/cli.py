"""Command line: a thin layer over :func:`faq_lint.lint` (see ../shared/report-contract.md).

Exit status: 0 no finding at or above the fail level, 1 findings at or above it,
2 the run itself could not be done (bad option, bad configuration, missing path).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterable, Sequence

from faq_lint import __version__
from faq_lint.config import Config
from faq_lint.models import SEVERITY_RANK, Report
from faq_lint.render import RENDERERS
from faq_lint.safety import OutputError, refuse_input, write_text_file

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"faq-lint: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes (0 or more)")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="faq-lint",
        description="Lint patient-facing health FAQ content (text, Markdown, YAML, JSON, "
        "JSON Lines, CSV).",
        epilog="'faq-lint server' runs the language server for editors (LSP over stdio).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint")
    parser.add_argument(
        "--format", default="text", choices=sorted(RENDERERS), help="output format (default text)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--config", metavar="FILE", help="configuration file to use")
    parser.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="only these rules: codes, code prefixes, names or categories, comma-separated",
    )
    parser.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="skip these rules (same forms as --select)"
    )
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default=None,
        help="lowest severity that makes the exit status 1 (default warning)",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule made instead of the findings",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="list every rule (--format json for JSON)"
    )
    parser.add_argument("--explain", metavar="CODE", help="show a rule's documentation")
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in this baseline file (default: config 'baseline')",
    )
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's findings in FILE (a baseline for --baseline) and exit 0",
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="ignore the configured baseline: report all"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not read or write the result cache"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        default=None,
        help="processes for the per-file rules: 0 = one per core (default, used only "
        "when the run is big enough), 1 = a single process",
    )
    parser.add_argument(
        "--hook",
        action="store_true",
        help="as a pre-commit hook: of the files named, lint only those under the configured "
        "paths (all but README-like files when none are configured), never faq-lint's own "
        "(configuration, baseline, reports); skip the rest quietly",
    )
    parser.add_argument("--version", action="version", version=f"faq-lint {__version__}")
    return parser


def exit_status(report: Report, fail_on: str) -> int:
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def write_output(text: str, output: str | None, inputs: Iterable[tuple[str, str]] = ()) -> None:
    """Write to standard output, or to FILE without ever destroying anything.

    ``inputs``: the files the run reads, as (path, what) pairs; FILE must be none of
    them. See :func:`faq_lint.safety.write_text_file` for links, pipes and devices.
    """
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    refuse_input(output, inputs, "--output")
    write_text_file(text, output)


def files_read(
    paths: Sequence[str], config: Config, baseline_path: str | None
) -> list[tuple[str, str]]:
    """Every file a run over ``paths`` reads, as (path, what it is) pairs: the files
    linted and compared with them, the configuration, rule packs and the data files
    beside them, word lists, files named in rule options, the baseline."""
    from faq_lint.api import configured_paths
    from faq_lint.discovery import UsageError, discover
    from faq_lint.engine import all_rules
    from faq_lint.rulepack import default_pack_dir

    found: list[tuple[str, str]] = [(p, "a file being linted") for p in paths]
    for where in ([list(paths)] if paths else []) + [None]:  # None: the configured paths
        try:
            where = configured_paths(config) if where is None else where
            found += [(p, "a file being linted") for p in discover(where, config.exclude)]
        except (UsageError, OSError):
            continue  # a path the run itself reports (missing, outside the project)
    if config.source:
        found.append((config.source, "the configuration file"))
    if baseline_path:
        found.append((baseline_path, "the baseline file"))
    found += [(os.path.join(config.root, w), "a word list") for w in config.words]
    packs = [str(default_pack_dir())] + [os.path.join(config.root, p) for p in config.rule_packs]
    for folder in packs:
        for base, _, names in os.walk(folder):
            found += [(os.path.join(base, n), "a rule pack file") for n in names]
    for spec in all_rules(config):
        overrides = {**config.rules.get(spec.name, {}), **config.rules.get(spec.code, {})}
        for value in [*spec.options.values(), *overrides.values()]:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and 0 < len(item) < 300 and ("/" in item or "." in item):
                    for candidate in (os.path.join(config.root, item), spec.resolve_path(item)):
                        found.append((candidate, "a file named in a rule option"))
    return found


def run(argv: Sequence[str] | None = None) -> int:
    from faq_lint import baseline as baselines
    from faq_lint.api import lint
    from faq_lint.config import ConfigError, load_config
    from faq_lint.discovery import UsageError
    from faq_lint.render import renderer
    from faq_lint.render.statistics import render_statistics
    from faq_lint.rulepack import RulePackError

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["server"]:
        return _server(argv[1:])
    args = build_parser().parse_args(argv)
    if args.statistics and args.format not in ("text", "json"):
        # As ruff: statistics are a table (text) or JSON; other formats have no place for them.
        sys.stderr.write(
            f"faq-lint: error: --statistics prints text or json, not {args.format}; "
            "drop --statistics or use --format text or --format json\n"
        )
        return EXIT_USAGE
    try:
        config = load_config(args.config)
        if args.hook and args.paths:  # pre-commit sends every staged file its pattern matches
            args.paths = _hook_paths(args.paths, config, args.baseline)
            if not args.paths:
                return EXIT_OK
        reads: list[tuple[str, str]] = []  # what FILE of -o/--write-baseline must not be
        if args.output or args.write_baseline:
            read_baseline = not (args.no_baseline or args.write_baseline)
            in_force = baselines.resolve(args.baseline, config.baseline, config.root)
            reads = files_read(args.paths, config, in_force if read_baseline else None)
            if args.write_baseline:
                refuse_input(args.write_baseline, reads, "--write-baseline")
            if args.output:
                refuse_input(args.output, reads, "--output")
        if args.list_rules or args.explain:
            return _rule_docs(args, config, reads)
        report = lint(
            args.paths or None,
            config,
            select=args.select,
            ignore=args.ignore,
            baseline=False if args.no_baseline or args.write_baseline else args.baseline,
            cache=False if args.no_cache else None,
            jobs=args.jobs,
        )
        if args.write_baseline:
            count = baselines.write(args.write_baseline, report.findings, config.root, reads)
            sys.stderr.write(f"faq-lint: wrote {count} findings to {args.write_baseline}\n")
            return EXIT_OK
        if args.statistics:
            text = render_statistics(report, args.format)
        else:
            text = renderer(args.format)(report)
        write_output(text, args.output, reads)
    except (ConfigError, UsageError, RulePackError, baselines.BaselineError, OutputError) as exc:
        sys.stderr.write(f"faq-lint: error: {exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        sys.stderr.write(f"faq-lint: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return exit_status(report, args.fail_on or config.fail_on)


def _hook_paths(paths: Sequence[str], config: Config, baseline: str | None) -> list[str]:
    """``--hook``: the named files under the configured paths that are not faq-lint's own
    (see :func:`faq_lint.discovery.hook_files`)."""
    from faq_lint import baseline as baselines
    from faq_lint.api import configured_paths
    from faq_lint.discovery import hook_files

    in_force = baselines.resolve(baseline, config.baseline, config.root)
    own = [p for p, what in files_read([], config, in_force) if what != "a file being linted"]
    roots = configured_paths(config) if "paths" in config.model_fields_set else None
    return hook_files(paths, roots, config.exclude, own)


def _server(argv: Sequence[str]) -> int:
    """``faq-lint server``: the language server (see :mod:`faq_lint.server`).

    To lint a folder named ``server``, name it as ``./server``.
    """
    parser = _Parser(
        prog="faq-lint server",
        description="Run faq-lint as a language server (LSP over standard input and "
        "output) for editors: findings appear as diagnostics when a file is opened or saved.",
    )
    parser.parse_args(argv)
    from faq_lint.server import serve

    return serve()


def _rule_docs(args: argparse.Namespace, config: Config, reads: list[tuple[str, str]]) -> int:
    """``--list-rules`` and ``--explain CODE``: documentation from the rule packs."""
    from faq_lint import docs
    from faq_lint.engine import all_rules

    specs = all_rules(config)
    if args.explain:
        spec = docs.find_rule(specs, args.explain)
        if spec is None:
            sys.stderr.write(
                f"faq-lint: error: there is no rule {args.explain}; "
                "'faq-lint --list-rules' lists every rule\n"
            )
            return EXIT_USAGE
        write_output(docs.explain(spec), args.output, reads)
        return EXIT_OK
    text = docs.rules_json(specs) if args.format == "json" else docs.list_rules(specs)
    write_output(text, args.output, reads)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except KeyboardInterrupt:
        parallel = sys.modules.get("faq_lint.parallel")  # loaded only if it started children
        if parallel is not None:
            parallel.stop_children()
        sys.stderr.write("faq-lint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    """The ``faq-lint`` command (and ``python -m faq_lint``): :func:`main`, then exit."""
    status = main()
    # At exit Python runs a garbage collection over everything the run's memos, lexicons
    # and documents still hold (1-2 s after all of MedQuAD). None of it is garbage, so
    # freezing it first makes that collection a no-op.
    gc.freeze()
    sys.exit(status)
