"""Time the duplicate and contradiction pass (FAQ6xx + FAQ7xx) as the corpus grows.

    python benchmarks/bench_corpus.py [--sizes 10000,20000,47441,200000] [--rules FAQ6,FAQ7]

Sizes are entries of ``../shared/corpora/medquad/medquad.jsonl`` (47,441 in all); a
size above that repeats the corpus with light edits (word swaps, a dropped sentence)
until it has that many entries. Each size runs in its own subprocess, so the peak
memory (``ru_maxrss``) is that size's alone. Printed per size: entries, seconds for the
corpus pass (wall clock and CPU; parse/load time excluded), peak resident memory,
memory before the pass,
and findings per rule; then the time ratio of the largest size to the full corpus.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = 47441


def run_one(size: int, rules: list[str]) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from medquad import load, scaled

    from faq_lint.config import Config
    from faq_lint.engine import RuleSet, all_rules, check_corpus, select_rules

    document = load(limit=min(size, FULL))
    if size > len(document.entries):
        document = scaled(document, size)
    config = Config()
    config.root = str(HERE.parent)
    ruleset = RuleSet.build(select_rules(all_rules(config), config, select=rules))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    findings = check_corpus([document], ruleset)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "entries": len(document.entries),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(peak / 1024, 1),
        "before_mb": round(before / 1024, 1),
        "findings": dict(sorted(Counter(f.rule for f in findings).items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"10000,20000,{FULL},200000")
    parser.add_argument("--rules", default="FAQ6,FAQ7")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    rules = args.rules.split(",")
    if args.one:
        print(json.dumps(run_one(args.one, rules)))
        return 0
    results = []
    print(f"{'entries':>8} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'before MB':>9}  findings")
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--rules", args.rules],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(row)
        print(
            f"{row['entries']:>8} {row['seconds']:>8} {row['cpu_seconds']:>8} {row['peak_mb']:>8} "
            f"{row['before_mb']:>9}  {row['findings']}",
            flush=True,
        )
    for column in ("seconds", "cpu_seconds"):
        by_size = {r["entries"]: r[column] for r in results}
        largest = max(by_size)
        if FULL in by_size and largest > FULL:
            ratio = float(by_size[largest]) / float(by_size[FULL])
            print(
                f"{column} ratio {largest}/{FULL} entries: {ratio:.2f} "
                f"(linear: {largest / FULL:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
