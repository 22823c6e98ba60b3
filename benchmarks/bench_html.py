"""What the HTML report adds to a run, compared with the JSON report of the same input.

Two measurements on the MedQuAD pages (``../shared/corpora/medquad/pages/``):

1. **Command line, end to end** (what a user waits for): ``faq-lint --format json``
   and ``faq-lint --format html`` run alternately in fresh processes, ``--repeat``
   times each, median wall time. Once with ``--no-cache`` (every file linted) and once
   with a warm result cache (the second run over unchanged files).
2. **In process** (no start-up noise): in a fresh process, ``lint()`` then
   ``render_json`` then ``render_html``; the HTML's extra cost is
   ``render_html - render_json`` relative to ``lint + render_json``.

Target (issue 7): the HTML report adds less than 20% to the JSON report's run time.

    python benchmarks/bench_html.py [PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO.parent / "shared" / "corpora" / "medquad" / "pages"

IN_PROCESS = """
import json, sys, time
t0 = time.perf_counter()
from faq_lint.api import lint
from faq_lint.config import Config
from faq_lint.render.html import render_html
from faq_lint.render.json_report import render_json
t1 = time.perf_counter()
report = lint([sys.argv[1]], Config(root=sys.argv[2], paths=["."], cache=False))
t2 = time.perf_counter()
as_json = render_json(report)
t3 = time.perf_counter()
as_html = render_html(report)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "lint": t2 - t1, "json": t3 - t2, "html": t4 - t3,
                  "json_bytes": len(as_json.encode()), "html_bytes": len(as_html.encode()),
                  "files": report.summary.files, "entries": report.summary.entries,
                  "findings": report.summary.findings}))
"""


def _cli(fmt: str, path: str, work: str, extra: list[str]) -> float:
    output = os.path.join(work, f"report.{fmt}")
    command = [sys.executable, "-m", "faq_lint", path, "--format", fmt, "-o", output, *extra]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"faq-lint failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def _pair(path: str, work: str, repeat: int, extra: list[str]) -> tuple[float, float]:
    times: dict[str, list[float]] = {"json": [], "html": []}
    for _ in range(repeat):
        for fmt in ("json", "html"):
            times[fmt].append(_cli(fmt, path, work, extra))
    return statistics.median(times["json"]), statistics.median(times["html"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(PAGES))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(args.path):
        raise SystemExit(f"{args.path} does not exist (is ../shared beside the repository?)")

    with tempfile.TemporaryDirectory(prefix="bench-html-") as work:
        runs = []
        for _ in range(args.repeat):
            done = subprocess.run(
                [sys.executable, "-c", IN_PROCESS, args.path, work],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        med = {k: statistics.median(r[k] for r in runs) for k in ("import", "lint", "json", "html")}
        first = runs[0]
        print(
            f"input: {args.path}: {first['files']} files, {first['entries']} entries, "
            f"{first['findings']} findings; JSON {first['json_bytes'] / 1e6:.2f} MB, "
            f"HTML {first['html_bytes'] / 1e6:.2f} MB"
        )
        base = med["lint"] + med["json"]
        extra = med["html"] - med["json"]
        print(
            f"in process (median of {args.repeat}): lint {med['lint']:.3f} s, "
            f"render_json {med['json']:.4f} s, render_html {med['html']:.3f} s -> "
            f"HTML adds {extra:.3f} s = {100 * extra / base:.1f}% of lint + JSON"
        )

        cold_json, cold_html = _pair(args.path, work, args.repeat, ["--no-cache"])
        print(
            f"command line, --no-cache (median of {args.repeat}): json {cold_json:.2f} s, "
            f"html {cold_html:.2f} s -> +{100 * (cold_html / cold_json - 1):.1f}%"
        )
        _cli("json", args.path, work, [])  # fill the cache
        warm_json, warm_html = _pair(args.path, work, args.repeat, [])
        print(
            f"command line, warm cache (median of {args.repeat}): json {warm_json:.2f} s, "
            f"html {warm_html:.2f} s -> +{100 * (warm_html / warm_json - 1):.1f}%"
        )
        if warm_json > 0.5 * cold_json:
            print(
                "  (the warm runs were not much faster than --no-cache: the cache missed, "
                "e.g. because faq-lint's source files changed during the benchmark)"
            )


if __name__ == "__main__":
    main()
