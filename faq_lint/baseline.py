"""Baselines: adopt faq-lint on existing content without fixing every old problem first.

``faq-lint --write-baseline FILE PATHS`` records today's findings; ``--baseline FILE``
(or the ``baseline`` configuration key) then reports only findings that are not in it.

A finding is recognised by its fingerprint: a hash of the file (relative to the
project root), the rule, the entry's question and the text the finding is about
(see :func:`faq_lint.engine.fingerprint`). Line numbers are not part of it, so
adding or moving entries elsewhere on the page keeps the baseline valid. The same
problem twice in one entry is recorded twice, and a baseline entry silences one
finding only.

The file is JSON meant for review: one object per finding (path, rule, question,
fingerprint, message), sorted, two-space indented, so a diff shows exactly which
problems were accepted or fixed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from faq_lint.engine import key_path
from faq_lint.models import Finding, Report

if TYPE_CHECKING:
    from faq_lint.config import Config

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a faq-lint baseline."""


class BaselineEntry(BaseModel):
    model_config = ConfigDict(defer_build=True)  # built only when a baseline is read

    path: str
    rule: str
    question: str | None = None
    fingerprint: str
    message: str = ""


class Baseline(BaseModel):
    model_config = ConfigDict(defer_build=True)

    baseline_version: int = BASELINE_VERSION
    tool: str = "faq-lint"
    findings: list[BaselineEntry] = Field(default_factory=list)


def _sort_key(entry: BaselineEntry) -> tuple[str, str, str, str, str]:
    return (entry.path, entry.rule, entry.question or "", entry.fingerprint, entry.message)


def _key(finding: Finding) -> tuple[str, str]:
    return (finding.rule, finding.fingerprint or "")


def from_findings(findings: Sequence[Finding], root: str | None = None) -> Baseline:
    """A baseline of ``findings`` (paths made relative to the project root)."""
    entries = [
        BaselineEntry(
            path=key_path(f.path, root),
            rule=f.rule,
            question=f.question,
            fingerprint=f.fingerprint or "",
            message=f.message,
        )
        for f in findings
    ]
    return Baseline(findings=sorted(entries, key=_sort_key))


def dumps(baseline: Baseline) -> str:
    data: dict[str, Any] = baseline.model_dump()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(
    path: str,
    findings: Sequence[Finding],
    root: str | None = None,
    inputs: Iterable[tuple[str, str]] = (),
) -> int:
    """Write the baseline of ``findings`` to ``path``; return how many it holds.

    ``inputs``: the files the run read, as (path, what) pairs; ``path`` must be none of
    them. A regular file is replaced atomically, a link is written through, a pipe or
    device is written as a stream (:func:`faq_lint.safety.write_text_file`).
    """
    from faq_lint.safety import OutputError, refuse_input, write_text_file

    baseline = from_findings(findings, root)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.lexists(path) and not os.path.isdir(folder):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise BaselineError(f"{path}: cannot create its folder: {exc.strerror or exc}") from exc
    try:
        refuse_input(path, inputs, "--write-baseline")
        write_text_file(dumps(baseline), path)
    except OutputError as exc:
        raise BaselineError(str(exc)) from exc
    return len(baseline.findings)


def load(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a :class:`BaselineError`."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    except FileNotFoundError as exc:
        raise BaselineError(
            f"{path}: baseline file does not exist; create it with "
            f"'faq-lint --write-baseline {path}'"
        ) from exc
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
    try:
        return Baseline.model_validate_json(raw)
    except ValidationError as exc:
        raise BaselineError(
            f"{path}: not a faq-lint baseline ({exc.errors()[0]['msg']}); "
            f"write a new one with 'faq-lint --write-baseline {path}'"
        ) from exc


def apply(findings: Sequence[Finding], baseline: Baseline) -> list[Finding]:
    """The findings that are not in the baseline (each baseline entry silences one finding)."""
    remaining = Counter((e.rule, e.fingerprint) for e in baseline.findings)
    kept: list[Finding] = []
    for finding in findings:
        key = _key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    return kept


def note_in_report(
    report: Report, hidden: int, baseline: str | bool | None, config: Config
) -> None:
    """Say in the report's summary which baseline was in force and how many findings it hid,
    so that a run never looks cleaner than it is without saying why."""
    if baseline is False:
        return
    path = resolve(baseline if isinstance(baseline, str) else None, config.baseline, config.root)
    if path is None:
        return
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    report.summary.baseline = path if relative.startswith("..") else os.path.normpath(relative)
    report.summary.hidden_by_baseline = hidden


def resolve(cli_path: str | None, config_path: str | None, root: str) -> str | None:
    """The baseline in force: ``--baseline`` (relative to the working folder) or the config key
    (relative to the configuration file's folder)."""
    if cli_path:
        return cli_path
    if config_path:
        return config_path if os.path.isabs(config_path) else os.path.join(root, config_path)
    return None
