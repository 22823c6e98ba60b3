"""CPU seconds and words per second of each rule on the first N MedQuAD records.

    python benchmarks/rule_costs.py 5000
    python benchmarks/rule_costs.py 3000 FAQ301      # only the rules named (codes, names)

Rules run entry by entry, as the engine runs them (so memos shared between rules count
once); data loading is excluded (warmed on three entries first).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from faq_lint.config import Config
from faq_lint.engine import RuleSet, all_rules, document_summary, select_rules
from faq_lint.parsers import parse_file

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/medquad/medquad.jsonl"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    select = sys.argv[2:] or None
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "sample.jsonl")
    with open(CORPUS, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as sink:
        for line in itertools.islice(source, count):
            sink.write(line)
    with open(path, encoding="utf-8") as handle:
        words = sum(len(WORD.findall(json.loads(line)["answer"])) for line in handle)
    config = Config(cache=False)
    ruleset = RuleSet.build(select_rules(all_rules(config), config, select=select))
    started = time.process_time()
    document = parse_file(path)
    parse = time.process_time() - started
    warm = parse_file(path)
    warm.entries = warm.entries[:3]
    for rule, function in ruleset.entry:
        for entry in warm.entries:
            list(function(entry, warm, rule))  # type: ignore[operator]
    for rule, function in ruleset.document:
        list(function(warm, rule))  # type: ignore[operator]
    costs: dict[str, float] = {}
    for rule, function in ruleset.document:
        started = time.process_time()
        list(function(document, rule))  # type: ignore[operator]
        costs[rule.spec.code] = time.process_time() - started
    for entry in document.entries:
        for rule, function in ruleset.entry:
            started = time.process_time()
            list(function(entry, document, rule))  # type: ignore[operator]
            costs[rule.spec.code] = costs.get(rule.spec.code, 0.0) + time.process_time() - started
    started = time.process_time()
    document_summary(document)
    summary = time.process_time() - started
    for rule, function in ruleset.corpus:
        started = time.process_time()
        list(function([document], rule))  # type: ignore[operator]
        costs[rule.spec.code] = time.process_time() - started
    total = sum(costs.values()) + parse + summary
    print(
        f"{count} records, {len(document.entries)} entries, {words:,} words: {total:.1f} s CPU, "
        f"{words / total:,.0f} words/s on one core (parse {parse:.2f} s, summary {summary:.2f} s)"
    )
    for code, seconds in sorted(costs.items(), key=lambda item: -item[1]):
        if seconds >= 0.05:
            print(
                f"{code} {seconds:7.2f} s {100 * seconds / total:5.1f}%  "
                f"{words / seconds:>12,.0f} words/s"
            )


if __name__ == "__main__":
    main()
