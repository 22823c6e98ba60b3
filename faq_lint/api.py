"""The Python API: :func:`lint` returns the report model; the command line is a thin layer on it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from faq_lint import baseline as baselines
from faq_lint import suppression
from faq_lint.cache import ResultCache
from faq_lint.config import Config, check_rule_names, check_settings, load_config
from faq_lint.discovery import UsageError, discover
from faq_lint.engine import (
    RuleSet,
    all_rules,
    apply_per_file_ignores,
    build_report,
    document_summary,
    is_broken,
    select_rules,
    sort_findings,
)
from faq_lint.models import Document, DocumentSummary, Finding, Report
from faq_lint.parallel import CorpusJob, check_documents_and_figures, worker_count
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
    baseline: str | bool | None = None,
    cache: bool | None = None,
    jobs: int | None = None,
) -> Report:
    """Lint ``paths`` (files or folders; default: the configured paths).

    When paths are named, whole-corpus checks (duplicates, contradictions) still
    compare them with every file under the configured paths, and only findings
    that touch the named files are reported.

    ``baseline``: a baseline file whose findings are not reported; None uses the
    configured one, False none. ``cache``: reuse and keep per-file results under
    the cache folder; None follows the configuration. ``jobs``: processes for the
    per-file rules (0: one per core, 1: none); None follows the configuration.
    """
    config = config or load_config()
    if jobs is not None:
        config = config.model_copy(update={"jobs": jobs})
    if cache is not None:  # the checks see it too (rule.project): the semantic vector cache
        config = config.model_copy(update={"cache": cache})
    named_given = bool(paths)
    targets = discover(list(paths) if paths else configured_paths(config), config.exclude)
    specs = all_rules(config)
    check_settings(config)  # a bad setting stops the run (exit 2), never a wrong verdict
    check_rule_names(config, specs, select, ignore)
    rules = select_rules(specs, config, select=select, ignore=ignore)
    ruleset = RuleSet.build(rules)

    use_cache = config.cache if cache is None else cache
    store = ResultCache.open(config, rules) if use_cache else None
    # With several processes the corpus rules start as soon as the files are parsed,
    # beside the per-file rules; named files first need their context (the other
    # files under the configured paths) parsed too.
    early = bool(ruleset.corpus) and worker_count(config.jobs) > 1
    keys: dict[str, str | None] = {}
    context: list[Document] = []
    named: set[str] | None = set(targets) if named_given else None
    if ruleset.corpus and named_given:
        context = _load_documents(_context_files(config, targets), config, store, keys)
    documents, findings, summaries, started = _check_files(
        targets, config, ruleset, store, keys, context, named, start_corpus=early
    )
    if started is None and ruleset.corpus:
        started = _start_corpus(_usable(documents + context), ruleset, named, store, keys)
    if started is not None:
        findings.extend(started())

    known = {key for spec in specs for key in (spec.code, spec.name)}
    findings = suppression.apply(findings, documents, rules, known)
    findings = apply_per_file_ignores(findings, config)
    kept = _without_baseline(findings, config, baseline)
    hidden = len(findings) - len(kept)
    findings = sort_findings(kept, targets)
    report = build_report(documents, findings, summaries)
    baselines.note_in_report(report, hidden, baseline, config)
    # For renderers that quote the answers and explain the rules (HTML); never serialised.
    report._documents = documents
    report._rules = list(rules)
    report._target_grade = config.target_grade
    return report


def _context_files(config: Config, targets: Sequence[str]) -> list[str]:
    """Files under the configured paths that were not named: context for corpus checks."""
    try:
        every = discover(configured_paths(config), config.exclude)
    except UsageError:
        return []
    named = {os.path.realpath(t) for t in targets}
    return [p for p in every if os.path.realpath(p) not in named]


def _usable(documents: list[Document]) -> list[Document]:
    """The documents corpus rules compare: not broken (an encoding problem is fine)."""
    return [d for d in documents if not is_broken(d)]


def _check_files(
    paths: Sequence[str],
    config: Config,
    ruleset: RuleSet,
    store: ResultCache | None,
    keys: dict[str, str | None],
    context: list[Document],
    named: set[str] | None,
    start_corpus: bool = False,
) -> tuple[
    list[Document],
    list[Finding],
    list[DocumentSummary],
    Callable[[], list[Finding]] | None,
]:
    """Parse each file and run the per-entry and per-document rules, or take both from the cache.

    Files the cache does not have are checked on ``config.jobs`` processes when there
    is enough work (:mod:`faq_lint.parallel`). With ``start_corpus``, the whole-corpus
    rules start on the parsed files (and the ``context`` of ``named`` files) before the
    per-file rules run; the last value returned then gives their findings. ``keys``
    receives each file's cache key.
    """
    documents: list[Document] = []
    found_in: list[list[Finding] | None] = []
    summaries: list[DocumentSummary | None] = []
    for path in paths:
        key = store.file_key(path) if store else None
        keys[path] = key
        cached = store.load_file(key) if store and key else None
        if cached is not None:
            documents.append(cached.document)
            found_in.append(cached.findings)
            summaries.append(cached.summary)
        else:
            documents.append(parse_file(path, max_bytes=config.max_file_size))
            found_in.append(None)
            summaries.append(None)
    started = None
    if start_corpus:
        started = _start_corpus(_usable(documents + context), ruleset, named, store, keys)
    todo = [i for i, found in enumerate(found_in) if found is None]
    checked, figures = check_documents_and_figures(
        [documents[i] for i in todo], ruleset, config.jobs
    )
    for index, found, readability in zip(todo, checked, figures, strict=True):
        found_in[index] = found
        summary = document_summary(documents[index], readability)
        summaries[index] = summary
        key = keys[paths[index]]
        if store and key:
            store.store_file(key, documents[index], found, summary)
    findings = [f for found in found_in for f in found or []]
    return documents, findings, [s for s in summaries if s is not None], started


def _load_documents(
    paths: Sequence[str], config: Config, store: ResultCache | None, keys: dict[str, str | None]
) -> list[Document]:
    """Documents for context only (corpus checks): from the cache when it has them."""
    documents: list[Document] = []
    for path in paths:
        key = store.file_key(path) if store else None
        keys[path] = key
        cached = store.load_file(key) if store and key else None
        documents.append(
            cached.document if cached else parse_file(path, max_bytes=config.max_file_size)
        )
    return documents


def _start_corpus(
    corpus: list[Document],
    ruleset: RuleSet,
    named: set[str] | None,
    store: ResultCache | None,
    keys: dict[str, str | None],
) -> Callable[[], list[Finding]]:
    """Start the whole-corpus rules; call the result for their findings.

    The findings are reused as they are when not one file of the corpus changed.
    """
    corpus_keys = [keys.get(d.path) for d in corpus]
    if store is None or any(k is None for k in corpus_keys):
        return CorpusJob(corpus, ruleset, named).result
    key = store.corpus_key([k for k in corpus_keys if k], named)
    cached = store.load_corpus(key)
    if cached is not None:
        return lambda: cached
    job = CorpusJob(corpus, ruleset, named)

    def finish() -> list[Finding]:
        found = job.result()
        store.store_corpus(key, found)
        return found

    return finish


def _without_baseline(
    findings: list[Finding], config: Config, baseline: str | bool | None
) -> list[Finding]:
    if baseline is False:
        return findings
    path = baselines.resolve(
        baseline if isinstance(baseline, str) else None, config.baseline, config.root
    )
    if path is None:
        return findings
    return baselines.apply(findings, baselines.load(path))
