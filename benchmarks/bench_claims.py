"""CPU seconds of FAQ301 (uncited medication claim) alone on MedQuAD answers.

    python benchmarks/bench_claims.py [N]     # first N records of medquad.jsonl (3000)

Parses the first N records as one JSON Lines document, warms the rule on three entries
(data loading excluded), then times FAQ301 entry by entry on one core (process time) and
prints seconds, answers per second, words per second and the number of findings. The
rule's memos work as in a real run: a repeated answer, or a sentence that recurs across
answers (MedQuAD repeats boilerplate), is judged once.
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
from faq_lint.engine import RuleSet, all_rules, select_rules
from faq_lint.parsers import parse_file

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/medquad/medquad.jsonl"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
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
    ruleset = RuleSet.build(select_rules(all_rules(config), config, select=["FAQ301"]))
    document = parse_file(path)
    warm = parse_file(path)
    warm.entries = warm.entries[:3]
    for rule, function in ruleset.entry:
        for entry in warm.entries:
            list(function(entry, warm, rule))  # type: ignore[operator]
    found = 0
    started = time.process_time()
    for entry in document.entries:
        for rule, function in ruleset.entry:
            found += len(list(function(entry, document, rule)))  # type: ignore[operator]
    seconds = time.process_time() - started
    answers = len(document.entries)
    print(
        f"FAQ301 on {answers} MedQuAD answers ({words:,} words): {seconds:.2f} s CPU, "
        f"{answers / seconds:,.0f} answers/s, {words / seconds:,.0f} words/s, {found} findings"
    )


if __name__ == "__main__":
    main()
