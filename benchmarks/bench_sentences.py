"""CPU time of the sentence splitter on every MedQuAD answer (3.3M words).

    python benchmarks/bench_sentences.py [--records N] [--against OLD.py]

The splitter runs on every answer (FAQ101, FAQ102, FAQ103, the claim, dose and
contradiction rules share its result); this is its cost alone, with its memos cleared
before each pass. ``--against`` times another version of the module in the same process,
pass for pass (on a shared machine the two figures are comparable only so), e.g.
``git show main:faq_lint/text/sentences.py > /tmp/old_sentences.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
import time
from pathlib import Path
from types import ModuleType

from faq_lint.text import sentences

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/medquad/medquad.jsonl"


def _load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("_other_sentences", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


def _pass(module: ModuleType, answers: list[str]) -> tuple[float, int]:
    module._split_sentences.cache_clear()
    module._abbreviation_before.cache_clear()
    started = time.process_time()
    pieces = sum(len(module.split_sentences(answer)) for answer in answers)
    return time.process_time() - started, pieces


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=None)
    parser.add_argument("--against", default=None, help="another sentences.py to time")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent", file=sys.stderr)
        return 2
    with CORPUS.open(encoding="utf-8") as handle:
        answers = [json.loads(line)["answer"] for line in itertools.islice(handle, args.records)]
    answers = [a for a in answers if a.strip()]
    words = sum(len(a.split()) for a in answers)
    modules = {"this": sentences}
    if args.against:
        modules["other"] = _load(args.against)
    best = dict.fromkeys(modules, float("inf"))
    pieces = dict.fromkeys(modules, 0)
    for _ in range(3):
        for name, module in modules.items():
            spent, pieces[name] = _pass(module, answers)
            best[name] = min(best[name], spent)
    print(f"{len(answers)} answers, {words:,} words")
    for name in modules:
        print(
            f"  {name}: {pieces[name]:,} sentences, {best[name]:.2f} s CPU (best of 3), "
            f"{words / best[name]:,.0f} words/s, "
            f"{best[name] / pieces[name] * 1e6:.1f} µs a sentence"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
