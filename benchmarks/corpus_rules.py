"""CPU seconds of parsing a JSON Lines corpus and of each whole-corpus rule (FAQ601-FAQ704).

    python benchmarks/corpus_rules.py [FILE] [--gc]

FILE defaults to ``../shared/corpora/medquad/medquad.jsonl``. The rules run one after the
other in this process as they run in the corpus process of ``faq-lint`` (the parsed
documents frozen, the garbage collector off; ``--gc`` leaves it on, as before issue 8),
so values the rules share (the sentence model, normalised answers) are counted once, on
the first rule that needs them. Prints the parse time, each rule's time and finding count.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from faq_lint.config import Config
from faq_lint.engine import RuleSet, all_rules, check_corpus, select_rules
from faq_lint.parsers import parse_file

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/medquad/medquad.jsonl"
CODES = ["FAQ601", "FAQ602", "FAQ603", "FAQ604", "FAQ701", "FAQ702", "FAQ703", "FAQ704"]


def main() -> int:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(arguments[0]) if arguments else CORPUS
    if not path.is_file():
        print(f"{path} is absent", file=sys.stderr)
        return 1
    config = Config(cache=False)
    ruleset = RuleSet.build(select_rules(all_rules(config), config, select=CODES))
    started = time.process_time()
    documents = [parse_file(str(path), max_bytes=1 << 30)]
    print(
        f"parse: {time.process_time() - started:.2f} s CPU, {len(documents[0].entries):,} entries"
    )
    if "--gc" not in sys.argv:
        gc.freeze()
        gc.disable()
    total = 0.0
    for rule, function in ruleset.corpus:
        started = time.process_time()
        findings = check_corpus(documents, RuleSet(corpus=[(rule, function)]))
        seconds = time.process_time() - started
        total += seconds
        print(f"{rule.spec.code} {rule.spec.check}: {seconds:.2f} s CPU, {len(findings)} findings")
    print(f"corpus rules: {total:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
