"""The Python API: :func:`lint` returns the report model; the command line is a thin layer on it."""

from __future__ import annotations

import os
from collections.abc import Sequence

from faq_lint.config import Config, load_config
from faq_lint.discovery import UsageError, discover
from faq_lint.engine import (
    RuleSet,
    all_rules,
    apply_per_file_ignores,
    build_report,
    check_corpus,
    check_document,
    select_rules,
    sort_findings,
    validate_rule_options,
)
from faq_lint.models import Document, Finding, Report
from faq_lint.parsers import parse_file


def configured_paths(config: Config) -> list[str]:
    """The configured paths, relative to the working directory when possible."""
    result: list[str] = []
    for path in config.paths:
        absolute = os.path.normpath(os.path.join(config.root, path))
        root = os.path.realpath(config.root)
        if os.path.commonpath([os.path.realpath(absolute), root]) != root:
            where = config.source or "configuration"
            raise UsageError(
                f"{where}: configured path '{path}' is outside the project; "
                "name it on the command line to lint it"
            )
        relative = os.path.relpath(absolute)
        result.append(absolute if relative.startswith("..") else relative)
    return result


def parse_all(paths: Sequence[str], config: Config) -> list[Document]:
    return [parse_file(path, max_bytes=config.max_file_size) for path in paths]


def lint(
    paths: Sequence[str] | None = None,
    config: Config | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> Report:
    """Lint ``paths`` (files or folders; default: the configured paths).

    When paths are named, whole-corpus checks (duplicates, contradictions) still
    compare them with every file under the configured paths, and only findings
    that touch the named files are reported.
    """
    config = config or load_config()
    named_given = bool(paths)
    targets = discover(list(paths) if paths else configured_paths(config), config.exclude)
    rules = select_rules(all_rules(config), config, select=select, ignore=ignore)
    validate_rule_options(rules, config)
    ruleset = RuleSet.build(rules)

    documents = parse_all(targets, config)
    findings: list[Finding] = []
    for document in documents:
        findings.extend(check_document(document, ruleset))

    if ruleset.corpus:
        corpus = [d for d in documents if not any(p.kind != "encoding" for p in d.problems)]
        named: set[str] | None = None
        if named_given:
            context_files = _context_files(config, targets)
            corpus += [
                d
                for d in parse_all(context_files, config)
                if not any(p.kind != "encoding" for p in d.problems)
            ]
            named = set(targets)
        findings.extend(check_corpus(corpus, ruleset, named))

    findings = apply_per_file_ignores(findings, config)
    findings = sort_findings(findings, targets)
    return build_report(documents, findings)


def _context_files(config: Config, targets: Sequence[str]) -> list[str]:
    """Files under the configured paths that were not named: context for corpus checks."""
    try:
        every = discover(configured_paths(config), config.exclude)
    except UsageError:
        return []
    named = {os.path.realpath(t) for t in targets}
    return [p for p in every if os.path.realpath(p) not in named]
