"""Words per second of the readability and spelling checks on the whole MedQuAD corpus.

Loads every answered record of ``../shared/corpora/medquad/medquad.jsonl`` (16,407
answers, about 3.26 million words) as one document, then times each group of rules
over all answers, loading included (the first answer pays for the word lists):

- readability: FAQ101 (reading grade), FAQ102 (long sentences), FAQ103 (jargon);
- spelling: FAQ201-FAQ204 (they share one analysis per answer).

Run: ``python benchmarks/bench_text_checks.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from medquad import MEDQUAD, load  # noqa: E402

from faq_lint.checks.base import Rule, load_check  # noqa: E402
from faq_lint.config import Config  # noqa: E402
from faq_lint.engine import all_rules, select_rules  # noqa: E402

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")  # the corpus README's word count
GROUPS = {
    "FAQ101 reading grade": ["FAQ101"],
    "FAQ102 long sentences": ["FAQ102"],
    "FAQ103 jargon": ["FAQ103"],
    "readability (FAQ101-103)": ["FAQ101", "FAQ102", "FAQ103"],
    "spelling (FAQ201-204)": ["FAQ201", "FAQ202", "FAQ203", "FAQ204"],
}


def rules_for(codes: Sequence[str]) -> list[Rule]:
    config = Config()
    return select_rules(all_rules(config), config, select=list(codes))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    args = parser.parse_args()
    if not MEDQUAD.exists():
        print(f"{MEDQUAD} is absent", file=sys.stderr)
        return 2
    document = load(limit=args.limit)
    document.entries = [e for e in document.entries if e.answer.strip()]
    words = sum(len(WORD.findall(e.answer)) for e in document.entries)
    print(f"MedQuAD: {len(document.entries)} answers, {words} words")
    for label, codes in GROUPS.items():
        rules = rules_for(codes)
        checks = [(rule, load_check(rule.spec.check).check_entry) for rule in rules]
        findings = 0
        start = time.perf_counter()
        for entry in document.entries:
            for rule, check in checks:
                findings += sum(1 for _ in check(entry, document, rule))
        elapsed = time.perf_counter() - start
        print(
            f"  {label:28} {elapsed:7.2f} s  {words / elapsed:>10,.0f} words/s  {findings} findings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
