"""Inline suppression: silence one rule for one entry or one page, from the content itself.

The forms, by format:

- Markdown and HTML (also HTML answers in JSON-LD, JSON and YAML files):
  ``<!-- faq-lint: ignore FAQ101,FAQ301 -->`` inside an entry silences those rules for
  that entry; ``<!-- faq-lint: ignore-file FAQ201 -->`` silences them for the whole page.
- Plain text: a line ``# faq-lint: ignore FAQ101`` inside the entry (or
  ``# faq-lint: ignore-file FAQ101`` anywhere on the page).
- YAML, JSON, JSON Lines: an entry key ``lint-ignore: [FAQ101]`` (a list or a
  comma-separated string); a top-level ``lint-ignore`` silences rules for the file.

A rule may be named by its code or its name; ``ALL`` names every rule. The parsers
keep comments as :class:`~faq_lint.models.Comment` records on the entry and on the
document, and keys as entry metadata. A suppression that silences nothing is
itself reported (rule FAQ901, like ruff's unused ``noqa``), so stale comments do
not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from faq_lint.checks.base import Rule
from faq_lint.engine import _format_message, fingerprint, key_path
from faq_lint.models import Document, Entry, Finding

UNUSED_CODE = "FAQ901"
# Entry or document keys holding codes to ignore, compared case-insensitively with "-" as "_".
METADATA_KEYS = ("lint_ignore", "faq_lint_ignore", "noqa")

DIRECTIVE = re.compile(
    r"faq-lint\s*:\s*(?P<kind>ignore-file|ignore)\b(?P<codes>[^>]*?)\s*(?:-->|$)",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class Suppression:
    """One ignore: the rules it names, where it is written and what it silenced."""

    codes: list[str]
    scope: str  # "entry" or "file"
    path: str
    line: int
    column: int = 1
    written: str = ""
    entry: Entry | None = None
    used: set[str] = field(default_factory=set)

    def names(self, finding: Finding) -> str | None:
        """The code in this suppression that covers ``finding``, if any."""
        for code in self.codes:
            if code.upper() == "ALL" or code.upper() == finding.rule or code == finding.name:
                return code
        return None


def parse_directive(text: str) -> tuple[str, list[str]] | None:
    """``('ignore', ['FAQ101'])`` from a comment's text, or None if it is no faq-lint directive."""
    match = DIRECTIVE.search(text)
    if match is None:
        return None
    codes = [c for c in _SPLIT.split(match.group("codes").strip().strip(":")) if c]
    return match.group("kind").lower(), codes


def _metadata_codes(value: object) -> list[str]:
    if isinstance(value, str):
        return [c for c in _SPLIT.split(value) if c]
    if isinstance(value, (list, tuple)):
        return [str(c).strip() for c in value if str(c).strip()]
    return []


def _ignore_keys(metadata: dict[str, object]) -> list[str]:
    return [k for k in metadata if k.strip().lower().replace("-", "_") in METADATA_KEYS]


def _owner(document: Document, line: int) -> Entry | None:
    """The entry whose stretch of the file holds ``line`` (question line to the next question)."""
    owner: Entry | None = None
    for entry in document.entries:
        if entry.question_position.line <= line:
            owner = entry
        else:
            break
    return owner


def collect(document: Document) -> list[Suppression]:
    """Every suppression written in one document."""
    found: list[Suppression] = []
    seen: set[tuple[int, int, str]] = set()
    in_entry: dict[tuple[int, int, str], Entry] = {}
    for holder in document.entries:
        for comment in holder.comments:
            in_entry[(comment.line, comment.column, comment.text)] = holder
    comments = [c for e in document.entries for c in e.comments] + list(document.comments)
    for comment in comments:
        place = (comment.line, comment.column, comment.text)
        if place in seen:
            continue
        seen.add(place)
        parsed = parse_directive(comment.text)
        if parsed is None:
            continue
        kind, codes = parsed
        entry: Entry | None = None
        if kind == "ignore":
            entry = in_entry.get(place) or _owner(document, comment.line)
        found.append(
            Suppression(
                codes=codes,
                scope="file" if kind == "ignore-file" else "entry",
                path=document.path,
                line=comment.line,
                column=comment.column,
                written=f"faq-lint: {kind} {','.join(codes)}".strip(),
                entry=entry,
            )
        )
    for key in _ignore_keys(document.metadata):
        codes = _metadata_codes(document.metadata[key])
        found.append(
            Suppression(
                codes=codes,
                scope="file",
                path=document.path,
                line=document.title_line or 1,
                written=f"{key}: {', '.join(codes)}",
            )
        )
    for holder in document.entries:
        for key in _ignore_keys(holder.metadata):
            codes = _metadata_codes(holder.metadata[key])
            found.append(
                Suppression(
                    codes=codes,
                    scope="entry",
                    path=document.path,
                    line=holder.question_position.line,
                    column=holder.question_position.column,
                    written=f"{key}: {', '.join(codes)}",
                    entry=holder,
                )
            )
    return found


def _covers(suppression: Suppression, finding: Finding) -> bool:
    if suppression.scope == "file":
        return True
    entry = suppression.entry
    if entry is None:
        return False
    if finding.entry_id is not None:
        return finding.entry_id == entry.id
    # Corpus findings moved onto this file carry the entry's question, not its id.
    return finding.question is not None and finding.question == entry.question


def apply(
    findings: Sequence[Finding],
    documents: Iterable[Document],
    rules: Sequence[Rule],
    known_codes: set[str],
) -> list[Finding]:
    """Drop the findings an inline suppression silences; report suppressions that silence nothing.

    ``rules`` are the rules in force (FAQ901 reports only when it is one of them);
    ``known_codes`` are the codes and names of every rule in the packs.
    """
    by_path: dict[str, list[Suppression]] = {}
    for document in documents:
        suppressions = collect(document)
        if suppressions:
            by_path[document.path] = suppressions
    if not by_path:
        return list(findings)
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for suppression in by_path.get(finding.path, []):
            code = suppression.names(finding)
            if code is not None and _covers(suppression, finding):
                suppression.used.add(code)
                silenced = True
        if not silenced:
            kept.append(finding)
    unused_rule = next((r for r in rules if r.spec.code == UNUSED_CODE), None)
    if unused_rule is None:
        return kept
    in_force = {key for r in rules for key in (r.spec.code, r.spec.name)}
    extra = [
        _unused_finding(suppression, code, unused_rule, in_force, known_codes)
        for suppressions in by_path.values()
        for suppression in suppressions
        for code in (suppression.codes or [""])
        if code not in suppression.used
    ]
    # An unused-suppression finding can itself be silenced ("ignore-file FAQ901").
    for finding in extra:
        covering = [
            s
            for s in by_path.get(finding.path, [])
            if s.names(finding) is not None and _covers(s, finding)
        ]
        if not covering:
            kept.append(finding)
    return kept


def _unused_finding(
    suppression: Suppression, code: str, rule: Rule, in_force: set[str], known: set[str]
) -> Finding:
    entry = suppression.entry
    where = "this page" if suppression.scope == "file" else "this entry"
    if suppression.scope == "entry" and entry is None:
        reason = "it is outside any entry; write 'ignore-file' to silence a rule for the whole page"
    elif not code:
        reason = "it names no rule; write the rule code after 'ignore', e.g. FAQ301"
    elif code.upper() == "ALL":
        reason = f"no rule reports a problem in {where}"
    elif code.upper() not in known and code not in known:
        reason = f"there is no rule called {code}; check the code with 'faq-lint --list-rules'"
    elif code.upper() not in in_force and code not in in_force:
        reason = f"rule {code} is switched off in this run"
    else:
        reason = f"rule {code} finds no problem in {where}"
    question = entry.question if entry else None
    root = getattr(rule.project, "root", None)
    return Finding(
        rule=rule.spec.code,
        name=rule.spec.name,
        category=rule.spec.category,
        severity=rule.severity,  # type: ignore[arg-type]
        message=_format_message(
            rule.spec.message,
            {"code": code or "(none)", "comment": suppression.written, "reason": reason},
        ),
        path=suppression.path,
        line=suppression.line,
        column=suppression.column,
        entry_id=entry.id if entry else None,
        question=question,
        suggestions=[f"Remove {code} from the comment" if code else "Delete the comment"],
        fingerprint=fingerprint(
            key_path(suppression.path, root), rule.spec.code, question, suppression.written + code
        ),
    )
