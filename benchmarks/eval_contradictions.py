"""Precision and recall of contradiction detection (FAQ701-FAQ704) on labelled pairs.

    python benchmarks/eval_contradictions.py [--sets healthver,mancon]

Reads ``../shared/eval/<set>/pairs.jsonl``; ``label`` "contradict" is the positive class,
"agree" and "neutral" the negative one. Each pair becomes one small page with two
entries (both under the pair's ``question`` when it has one), so the two texts are in
scope for each other, and the four contradiction rules run on it with their default
options, exactly as in a lint run. A pair counts as detected when any rule reports it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from faq_lint.checks import contradictions
from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules
from faq_lint.models import Document, Entry, Position

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CODES = ["FAQ701", "FAQ702", "FAQ703", "FAQ704"]


def page(pair: dict[str, object]) -> Document:
    question = str(pair.get("question") or "What does the evidence say?")
    entries = []
    for number, key in enumerate(("a", "b")):
        text = str(pair[key])
        entries.append(
            Entry(
                id=f"{key}",
                question=question,
                answer=text,
                paragraphs=[text],
                question_position=Position(line=1 + 4 * number),
                answer_position=Position(line=3 + 4 * number),
            )
        )
    return Document(path=f"{pair['id']}.txt", format="text", entries=entries)


def evaluate(name: str) -> tuple[Counter[str], Counter[str]]:
    config = Config()
    rules = select_rules(all_rules(config), config, select=CODES)
    outcome: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    with (SHARED / name / "pairs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            document = page(pair)
            fired = [
                r.code
                for r in rules
                if any(True for _ in contradictions.check_corpus([document], r))
            ]
            gold = pair["label"] == "contradict"
            predicted = bool(fired)
            outcome[
                "tp" if gold and predicted else "fp" if predicted else "fn" if gold else "tn"
            ] += 1
            for code in fired:
                by_rule[f"{code} {'tp' if gold else 'fp'}"] += 1
    return outcome, by_rule


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="healthver,mancon")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} is absent", file=sys.stderr)
        return 2
    print(
        f"{'set':10} {'pairs':>6} {'contra':>6} {'TP':>4} {'FP':>4} {'FN':>5} "
        f"{'precision':>9} {'recall':>6}  by rule"
    )
    for name in args.sets.split(","):
        o, by_rule = evaluate(name)
        total = sum(o.values())
        precision = o["tp"] / (o["tp"] + o["fp"]) if o["tp"] + o["fp"] else float("nan")
        recall = o["tp"] / (o["tp"] + o["fn"]) if o["tp"] + o["fn"] else 0.0
        print(
            f"{name:10} {total:6d} {o['tp'] + o['fn']:6d} {o['tp']:4d} {o['fp']:4d} {o['fn']:5d} "
            f"{precision:9.3f} {recall:6.3f}  {dict(sorted(by_rule.items()))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
