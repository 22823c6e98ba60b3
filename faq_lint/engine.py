"""The engine: parsed documents + enabled rules -> findings -> report.

Data flows one way: :func:`run` takes file paths, parses them to documents, runs
every enabled rule (per entry, per document, then over the whole corpus), and
returns a :class:`~faq_lint.models.Report`. All findings are collected; nothing
fails fast.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from faq_lint import __version__
from faq_lint.checks.base import CHECK_KINDS, Hit, Rule, load_check, scope_of
from faq_lint.config import Config
from faq_lint.models import (
    CATEGORIES,
    SEVERITIES,
    Document,
    DocumentSummary,
    Finding,
    Position,
    Related,
    Report,
    Summary,
    Tool,
)
from faq_lint.rulepack import RulePackError, RuleSpec, load_rules
from faq_lint.safety import INTERNAL_ERROR, internal_error


def _matches(spec: RuleSpec, selectors: Iterable[str]) -> bool:
    """Whether a rule is named by any selector: a code, a code prefix, a name or a category."""
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        if selector.upper() == "ALL":
            return True
        if spec.code.startswith(selector.upper()) or selector in (spec.name, spec.category):
            return True
    return False


def select_rules(
    specs: Sequence[RuleSpec],
    config: Config,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> list[Rule]:
    """The rules in force: enabled or selected, not ignored, with options merged."""
    chosen_select = list(select) if select else list(config.select)
    extend_select = list(config.extend_select)
    chosen_ignore = list(config.ignore) + list(ignore or [])
    rules: list[Rule] = []
    for spec in specs:
        # ``extend-select`` adds to the selection: to ``select`` when one is given, else
        # to the rules enabled by default (never replaces them).
        chosen = _matches(spec, chosen_select) if chosen_select else spec.enabled
        if not chosen and not _matches(spec, extend_select):
            continue
        if _matches(spec, chosen_ignore):
            continue
        options = dict(spec.options)
        severity: str = spec.severity
        for key in (spec.code, spec.name):
            overrides = dict(config.rules.get(key, {}))
            severity = overrides.pop("severity", severity)
            options.update(overrides)
        rules.append(Rule(spec=spec, options=options, severity=severity, project=config))
    return rules


def key_path(path: str, root: str | None) -> str:
    """``path`` relative to the project root with ``/`` separators, however it was written.

    Keeps fingerprints (and so baselines) the same whether a file was named as
    ``data/a.txt``, ``./data/a.txt`` or by its absolute path, from any folder.
    """
    if path and root:
        absolute = os.path.abspath(path)
        base = os.path.abspath(root)
        if os.path.commonpath([absolute, base]) == base:
            path = os.path.relpath(absolute, base)
    return os.path.normpath(path).replace(os.sep, "/") if path else path


def fingerprint(path: str, rule: str, question: str | None, matched: str) -> str:
    """A key that survives edits elsewhere on the page: file, rule, entry, matched text."""
    digest = hashlib.sha256()
    for part in (path.replace(os.sep, "/"), rule, question or "", " ".join(matched.split())):
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:20]


class _KeepMissing(dict[str, object]):
    """Message arguments; a placeholder without a value stays as written (``{name}``)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format_message(template: str, args: dict[str, object]) -> str:
    try:
        return template.format_map(_KeepMissing(args))
    except (ValueError, IndexError):
        return template


def to_finding(hit: Hit, rule: Rule, document: Document | None) -> Finding:
    """Turn a check's hit into a report finding."""
    doc = hit.document or document
    path = doc.path if doc else ""
    entry = hit.entry
    start = hit.start or (entry.question_position if entry else Position())
    message = hit.message or _format_message(rule.spec.message, hit.args)
    question = entry.question if entry else None
    # model_construct: every value here is already of the right type, and a big corpus
    # makes 100,000 findings - validating each again costs seconds.
    return Finding.model_construct(
        rule=rule.spec.code,
        name=rule.spec.name,
        category=rule.spec.category,
        severity=rule.severity,
        message=str(message),
        path=path,
        line=int(start.line),
        column=int(start.column),
        end_line=hit.end.line if hit.end else None,
        end_column=hit.end.column if hit.end else None,
        entry_id=entry.id if entry else None,
        question=question,
        related=list(hit.related),
        suggestions=[str(s) for s in hit.suggestions],
        fingerprint=fingerprint(
            _key_path(path, getattr(rule.project, "root", None), os.getcwd()),
            rule.spec.code,
            question,
            hit.matched,
        ),
    )


@lru_cache(maxsize=4096)
def _key_path(path: str, root: str | None, cwd: str) -> str:
    del cwd  # part of the cache key: relative paths depend on it
    return key_path(path, root)


@dataclass
class RuleSet:
    """Enabled rules grouped by the scope their check runs at."""

    entry: list[tuple[Rule, object]] = field(default_factory=list)
    document: list[tuple[Rule, object]] = field(default_factory=list)
    corpus: list[tuple[Rule, object]] = field(default_factory=list)

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> RuleSet:
        grouped = cls()
        for rule in rules:
            try:
                module = load_check(rule.spec.check)
            except KeyError:
                raise RulePackError(
                    f"{rule.spec.pack_dir}: rule {rule.spec.code} uses the check kind "
                    f"'{rule.spec.check}', which faq-lint does not have "
                    f"(known kinds: {', '.join(sorted(CHECK_KINDS))})"
                ) from None
            scope = scope_of(module)
            validate = getattr(module, "validate_rule", None)
            if validate is not None:  # a check may refuse bad options before the run
                validate(rule)
            getattr(grouped, scope).append((rule, getattr(module, f"check_{scope}")))
        return grouped


def check_document(document: Document, ruleset: RuleSet) -> list[Finding]:
    """Run the per-entry and per-document rules on one document.

    Should a check fail on some strange content, the file gets a broken-file finding
    saying so and the run goes on with the other files.
    """
    try:
        return _check_document(document, ruleset)
    except RulePackError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file must not stop the run
        document.problems.append(internal_error(exc))
        return [
            to_finding(hit, rule, document)
            for rule, function in ruleset.document
            if rule.spec.check == "parse-problem"
            for hit in function(document, rule)  # type: ignore[operator]
        ]


def _check_document(document: Document, ruleset: RuleSet) -> list[Finding]:
    return document_level_findings(document, ruleset) + entry_findings(document, ruleset)


def is_broken(document: Document) -> bool:
    """A file that could not be parsed as a whole (an encoding problem alone is fine)."""
    return any(p.kind != "encoding" for p in document.problems)


def document_level_findings(document: Document, ruleset: RuleSet) -> list[Finding]:
    """The per-document rules' findings (a broken file gets only its parse problems)."""
    findings: list[Finding] = []
    broken = is_broken(document)
    for rule, function in ruleset.document:
        if broken and rule.spec.check != "parse-problem":
            continue
        for hit in function(document, rule):  # type: ignore[operator]
            findings.append(to_finding(hit, rule, document))
    return findings


def entry_findings(
    document: Document, ruleset: RuleSet, start: int = 0, end: int | None = None
) -> list[Finding]:
    """The per-entry rules' findings on entries ``start``..``end`` (parallel runs split them)."""
    findings: list[Finding] = []
    for entry in document.entries[start:end]:
        for rule, function in ruleset.entry:
            for hit in function(entry, document, rule):  # type: ignore[operator]
                findings.append(to_finding(hit, rule, document))
    return findings


def check_corpus(
    documents: list[Document], ruleset: RuleSet, named: set[str] | None = None
) -> list[Finding]:
    """Run whole-corpus rules; with ``named``, keep only findings touching those files."""
    findings: list[Finding] = []
    for rule, function in ruleset.corpus:
        try:
            hits = list(function(documents, rule))  # type: ignore[operator]
        except RulePackError:
            raise
        except Exception as exc:  # noqa: BLE001 - keep every other rule's findings
            sys.stderr.write(
                f"faq-lint: {INTERNAL_ERROR} in rule {rule.spec.code} ({type(exc).__name__}: "
                f"{exc}); its findings are missing - please report this\n"
            )
            continue
        for hit in hits:
            finding: Finding | None = to_finding(hit, rule, hit.document)
            if named is not None and finding is not None:
                finding = _anchor_in(finding, named, getattr(rule.project, "root", None))
            if finding is not None:
                findings.append(finding)
    return findings


def _anchor_in(finding: Finding, named: set[str], root: str | None = None) -> Finding | None:
    """Keep a corpus finding only if it touches a named file, and anchor it there.

    A re-anchored finding gets a fingerprint of its new place (keyed on the original
    fingerprint, which holds no line numbers), so baselines stay stable.
    """
    if finding.path in named:
        return finding
    for index, related in enumerate(finding.related):
        if related.path in named:
            others = [r for i, r in enumerate(finding.related) if i != index]
            moved = Related(path=finding.path, line=finding.line, question=finding.question)
            return finding.model_copy(
                update={
                    "path": related.path,
                    "line": related.line,
                    "column": 1,
                    "end_line": None,
                    "end_column": None,
                    "question": related.question,
                    "entry_id": None,
                    "related": [moved, *others],
                    "fingerprint": fingerprint(
                        key_path(related.path, root),
                        finding.rule,
                        related.question,
                        finding.fingerprint or finding.message,
                    ),
                }
            )
    return None


def apply_per_file_ignores(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.per_file_ignores:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        path = finding.path.replace(os.sep, "/")
        silenced = any(
            (fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}"))
            and any(
                finding.rule.startswith(s.upper()) or s in (finding.name, finding.category)
                for s in selectors
            )
            for pattern, selectors in config.per_file_ignores.items()
        )
        if not silenced:
            kept.append(finding)
    return kept


def sort_findings(findings: list[Finding], order: Sequence[str]) -> list[Finding]:
    rank = {path: index for index, path in enumerate(order)}
    return sorted(
        findings,
        key=lambda f: (rank.get(f.path, len(rank)), f.path, f.line, f.column, f.rule, f.message),
    )


def summarize(documents: Sequence[Document], findings: Sequence[Finding]) -> Summary:
    by_severity: Counter[str] = Counter(f.severity for f in findings)
    by_category: Counter[str] = Counter(f.category for f in findings)
    return Summary(
        files=len(documents),
        entries=sum(len(d.entries) for d in documents),
        findings=len(findings),
        by_severity={s: by_severity.get(s, 0) for s in SEVERITIES},
        by_category={c: by_category[c] for c in CATEGORIES if by_category.get(c)},
    )


def document_summary(document: Document, readability: Any = None) -> DocumentSummary:
    """The report line of a document; ``readability`` when already worked out (workers)."""
    from faq_lint.text.readability import document_readability

    if readability is None and document.entries:
        readability = document_readability(document)
    return DocumentSummary(
        path=document.path,
        format=document.format,
        entries=len(document.entries),
        title=document.title,
        reviewed=document.reviewed,
        readability=readability if document.entries else None,
    )


def build_report(
    documents: Sequence[Document],
    findings: list[Finding],
    summaries: Sequence[DocumentSummary | None] | None = None,
) -> Report:
    """The report; ``summaries`` (from the result cache) spare recomputing a document's line."""
    known = list(summaries) if summaries is not None else [None] * len(documents)
    return Report(
        tool=Tool(version=__version__),
        summary=summarize(documents, findings),
        documents=[s or document_summary(d) for d, s in zip(documents, known, strict=True)],
        findings=findings,
    )


def all_rules(config: Config) -> list[RuleSpec]:
    return load_rules([os.path.join(config.root, p) for p in config.rule_packs])
