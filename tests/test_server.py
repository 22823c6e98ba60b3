"""``faq-lint server``: a real LSP session over the server's standard input and output.

The client here speaks JSON-RPC with Content-Length framing, as editors do, to a
``python -m faq_lint server`` subprocess; the diagnostics it receives must be the
findings ``faq-lint FILE --format json`` prints for the same file in the same folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import TIMEOUT, Client

TOPICS = [
    (
        "Can I swim with a new tattoo?",
        "Wait until the skin has healed, usually two weeks, before you swim in a pool or the sea.",
    ),
    (
        "How do I clean a new tattoo?",
        "Wash it gently twice a day with warm water and a mild "
        "soap, then pat it dry with a clean paper towel.",
    ),
    (
        "Should I cover my tattoo?",
        "Keep the first dressing on for as long as your artist "
        "tells you, then leave the skin open to the air.",
    ),
    (
        "Is itching normal?",
        "Yes. Mild itching while the skin heals is common. Do not scratch or pick at it.",
    ),
    (
        "When should I see a doctor?",
        "See a doctor if the skin gets hot, swollen or very painful, or if you have a fever.",
    ),
    (
        "Can I use a sunbed?",
        "No. Keep the tattoo out of strong sun and off sunbeds until it has fully healed.",
    ),
    (
        "What cream can I use?",
        "A thin layer of an unscented moisturiser is enough for most people.",
    ),
    (
        "Can I exercise after getting a tattoo?",
        "Light activity is fine. Avoid heavy sweating "
        "and tight clothes over the tattoo for a few days.",
    ),
    (
        "How long does healing take?",
        "The top layer heals in two to three weeks. The deeper skin can take a few months.",
    ),
    (
        "Why is my tattoo peeling?",
        "Peeling is part of normal healing. Let the flakes fall off on their own.",
    ),
    ("Can I shave over my tattoo?", "Wait until the skin has healed before you shave over it."),
    (
        "Is some bleeding normal?",
        "A little oozing of blood and clear fluid on the first day is normal.",
    ),
    (
        "Can I drink alcohol before a tattoo?",
        "It is best not to drink alcohol on the day before your appointment.",
    ),
    (
        "What if I am allergic to the ink?",
        "An allergy can cause a raised, itchy rash. Speak "
        "to a pharmacist or doctor if this happens.",
    ),
    (
        "Can I get a tattoo while pregnant?",
        "Most artists will not tattoo you while you are pregnant. Ask your midwife for advice.",
    ),
    (
        "Can I give blood after a tattoo?",
        "You may need to wait a few months before you give blood. Check with the blood service.",
    ),
    (
        "Will my tattoo fade?",
        "Some fading over the years is normal, especially in strong sun. Sunscreen helps.",
    ),
    (
        "Can I remove a tattoo?",
        "Laser removal is possible but needs several sessions and can leave marks on the skin.",
    ),
    (
        "Does a tattoo hurt?",
        "Most people feel some pain. Bony areas tend to hurt more than soft areas.",
    ),
    (
        "Can I have an MRI scan with a tattoo?",
        "Yes, in most cases. Tell the radiographer about your tattoo before the scan.",
    ),
]


def write_page(path: Path, extra: str = "") -> None:
    blocks = [f"Q: {q}\nA: {a}\n" for q, a in TOPICS]
    path.write_text("Tattoo aftercare\n\n" + "\n".join(blocks) + extra, encoding="utf-8")


def cli_findings(cwd: Path, name: str) -> list[dict[str, Any]]:
    run = subprocess.run(
        [sys.executable, "-m", "faq_lint", name, "--format", "json", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert run.returncode in (0, 1), run.stderr
    findings: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return findings


def as_compared(findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The CLI's findings in the form a diagnostic carries (ASCII pages: columns agree)."""
    severity = {"error": 1, "warning": 2, "info": 3}
    return sorted(
        (f["rule"], f["line"] - 1, f["column"] - 1, f["message"], severity[f["severity"]])
        for f in findings
    )


def from_diagnostics(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d["code"],
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["message"],
            d["severity"],
        )
        for d in diagnostics
    )


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "faq-lint.toml").write_text('paths = ["pages"]\n', encoding="utf-8")
    (tmp_path / "pages").mkdir()
    return tmp_path


def start(client: Client, root: Path) -> None:
    result = client.request(
        "initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}}
    )
    assert result["serverInfo"]["name"] == "faq-lint"
    client.notify("initialized", {})


def stop(client: Client) -> None:
    client.request("shutdown", None)
    client.notify("exit", None)
    assert client.process.wait(timeout=30) == 0


@pytest.fixture()
def server(project: Path) -> Iterator[Client]:
    """A started server for ``project``; killed at the end whatever the test did."""
    client = Client(project)
    try:
        start(client, project)
        yield client
    finally:
        client.process.kill()
        client.process.wait()


def open_page(client: Client, path: Path, language: str, text: str) -> None:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri_of(path), "languageId": language, "version": 1, "text": text}},
    )


def test_diagnostics_equal_the_command_line_on_open_and_save(project: Path, server: Client) -> None:
    page = project / "pages" / "tattoo-aftercare.txt"
    write_page(page)
    (project / "pages" / "piercing.txt").write_text(
        "Piercing aftercare\n\nQ: How do I clean a new tattoo?\nA: Wash it gently twice a day "
        "with warm water and a mild soap, then pat it dry with a clean paper towel.\n",
        encoding="utf-8",
    )
    expected = as_compared(cli_findings(project, "pages/tattoo-aftercare.txt"))
    assert expected, "the page should have findings for the comparison to mean something"
    assert any(rule.startswith("FAQ6") for rule, *_ in expected), "a whole-site finding"

    client = server
    uri = uri_of(page)
    open_page(client, page, "plaintext", page.read_text(encoding="utf-8"))
    assert from_diagnostics(client.diagnostics(uri)) == expected

    # The editor saves an edit: an empty answer and a question with no question mark.
    write_page(page, "\nQ: Aftercare leaflet\nA:\n")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    after = from_diagnostics(client.diagnostics(uri))
    assert after == as_compared(cli_findings(project, "pages/tattoo-aftercare.txt"))
    assert after != expected
    stop(client)


def test_a_broken_file_is_a_diagnostic_not_a_crash(project: Path, server: Client) -> None:
    page = project / "pages" / "broken.json"
    page.write_text('{"mainEntity": [ {"name": "Is it safe?", ', encoding="utf-8")
    expected = as_compared(cli_findings(project, "pages/broken.json"))
    assert [rule for rule, *_ in expected] == ["FAQ001"]

    client = server
    open_page(client, page, "json", page.read_text())
    assert from_diagnostics(client.diagnostics(uri_of(page))) == expected
    # The server is still alive and answers.
    stop(client)
    assert b"Traceback" not in (client.process.stderr.read() if client.process.stderr else b"")


def test_a_file_faq_lint_does_not_read_gets_no_diagnostics(project: Path, server: Client) -> None:
    notes = project / "notes.py"
    notes.write_text("print('not an FAQ page')\n", encoding="utf-8")
    page = project / "pages" / "ok.txt"
    write_page(page)
    client = server
    open_page(client, notes, "python", "")
    open_page(client, page, "plaintext", "")
    # The first diagnostics to arrive are the page's: the .py file got none.
    first = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert first["params"]["uri"] == uri_of(page)
    stop(client)


def test_columns_are_utf16_code_units_as_lsp_counts_them() -> None:
    from faq_lint.models import Finding
    from faq_lint.server import to_diagnostic

    line = "Q: Is \U0001f600 caf\u00e9 ok?"
    finding = Finding(
        rule="FAQ201",
        name="spelling",
        category="spelling",
        severity="info",
        message="m",
        path="p.txt",
        line=1,
        column=12,
        end_line=1,
        end_column=16,
    )
    diagnostic = to_diagnostic(finding, [line])
    # The emoji is one code point but two UTF-16 units: columns after it shift by one.
    assert diagnostic.range.start.character == 12
    assert diagnostic.range.end.character == 16
    assert diagnostic.severity == 3 and diagnostic.code == "FAQ201"
