"""``faq-lint server``: a language server (LSP over standard input and output).

An editor starts ``faq-lint server`` once, in the project folder, and the server keeps
the rule packs, word lists and models loaded between saves. When a supported FAQ file is
opened or saved it lints that file exactly as ``faq-lint FILE`` run in the same folder
would (same configuration, suppressions, baseline and whole-site comparisons) and
publishes the findings as diagnostics. Files are linted as saved on disk: changes that
are not saved yet are not linted (like ruff's and yamllint's lint-on-save). Nothing is
ever written to the files.

pygls is imported only here, so no other command pays for it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from faq_lint import __version__
from faq_lint.api import lint
from faq_lint.config import ConfigError, load_config
from faq_lint.discovery import UsageError
from faq_lint.models import Finding
from faq_lint.parsers import format_of
from faq_lint.rulepack import RulePackError

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
RULES_URL = "https://github.com/faq-lint/faq-lint/blob/main/docs/rules.md"


def _utf16_column(line_text: str, column: int) -> int:
    """An LSP character offset (UTF-16 code units) for a 1-based code-point column."""
    prefix = line_text[: max(0, column - 1)]
    return len(prefix.encode("utf-16-le")) // 2


def to_diagnostic(finding: Finding, lines: Sequence[str]) -> types.Diagnostic:
    """One finding as an LSP diagnostic (0-based lines, UTF-16 columns).

    Without an end, the diagnostic runs to the end of its line (LSP clamps a character
    past the line's end to the end).
    """
    line = max(1, finding.line) - 1
    text = lines[line] if line < len(lines) else ""
    start = types.Position(line=line, character=_utf16_column(text, finding.column))
    if finding.end_line is not None and finding.end_column is not None:
        end_line = max(1, finding.end_line) - 1
        end_text = lines[end_line] if end_line < len(lines) else ""
        end = types.Position(line=end_line, character=_utf16_column(end_text, finding.end_column))
    else:
        end = types.Position(line=line, character=len(text.encode("utf-16-le")) // 2)
    return types.Diagnostic(
        range=types.Range(start=start, end=end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=f"{RULES_URL}#{finding.rule.lower()}"),
        source="faq-lint",
    )


def cli_path(path: str) -> str:
    """``path`` the way a user in the server's folder would type it for ``faq-lint``."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def findings_for(path: str) -> list[Finding]:
    """What ``faq-lint PATH`` reports for PATH, run in this folder (may raise usage errors)."""
    named = cli_path(path)
    report = lint([named], load_config())
    same = os.path.realpath(named)
    return [f for f in report.findings if os.path.realpath(f.path) == same]


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def build_server() -> LanguageServer:
    server = LanguageServer(
        "faq-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
    )

    def publish(uri: str) -> None:
        path = to_fs_path(uri)
        if path is None or format_of(path) is None:
            return
        try:
            findings = findings_for(path)
        except (ConfigError, UsageError, RulePackError, OSError) as exc:
            # A bad setting: say so once, in one line, as the command line does.
            server.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"faq-lint: {exc}")
            )
            findings = []
        lines = _read_lines(path)
        diagnostics = [to_diagnostic(f, lines) for f in findings]
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=from_fs_path(path) or uri, diagnostics=diagnostics)
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_DID_SAVE, types.TextDocumentSaveRegistrationOptions(include_text=False)
    )
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    return server


def serve() -> int:
    """Run the language server on standard input and output until the client exits."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    build_server().start_io()
    return 0
