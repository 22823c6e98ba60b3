"""Language server benchmark: time from a save to its diagnostics for a 20-entry page.

    python benchmarks/bench_server.py [--saves 15] [--page FILE]

Starts ``faq-lint server`` in a temporary project, opens a 20-entry FAQ page (the one
tests/test_server.py writes, or --page), then edits and saves it --saves times, timing
each didSave -> publishDiagnostics round trip. Prints the first (cold) open, the median
and the worst save after the first. Target (issue 16): under 0.2 s after the first save.
Also prints what ``faq-lint PAGE`` takes as a whole process, for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from lsp_client import Client  # noqa: E402
from test_server import write_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--page", type=Path, help="an FAQ page to use instead of the test page")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "faq-lint.toml").write_text('paths = ["pages"]\n', encoding="utf-8")
        (root / "pages").mkdir()
        page = root / "pages" / (args.page.name if args.page else "tattoo-aftercare.txt")
        original = args.page.read_text(encoding="utf-8") if args.page else None
        if original is None:
            write_page(page)
            original = page.read_text(encoding="utf-8")
        else:
            page.write_text(original, encoding="utf-8")

        client = Client(root)
        try:
            start = time.perf_counter()
            client.request(
                "initialize",
                {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}},
            )
            client.notify("initialized", {})
            uri = page.resolve().as_uri()
            client.notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "plaintext",
                        "version": 1,
                        "text": original,
                    }
                },
            )
            first = client.diagnostics(uri)
            opened = time.perf_counter() - start
            times = []
            for number in range(args.saves):
                page.write_text(
                    original + f"\nQ: Is edit {number} saved?\nA: Yes.\n", encoding="utf-8"
                )
                began = time.perf_counter()
                client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
                client.diagnostics(uri)
                times.append(time.perf_counter() - began)
            client.request("shutdown", None)
            client.notify("exit", None)
            client.process.wait(timeout=30)
        finally:
            client.process.kill()

        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "faq_lint", str(page.relative_to(root))],
            cwd=root,
            capture_output=True,
            check=False,
        )
        whole = time.perf_counter() - began

    later = times[1:] or times
    print(f"page: {page.name}, {len(first)} diagnostics on open")
    print(f"start + initialize + first diagnostics: {opened:.3f} s")
    print(f"first save: {times[0]:.3f} s")
    print(
        f"saves after the first ({len(later)}): median {statistics.median(later):.3f} s, "
        f"worst {max(later):.3f} s  (target < 0.2 s)"
    )
    print(f"faq-lint PAGE as a whole process, for comparison: {whole:.3f} s")


if __name__ == "__main__":
    main()
