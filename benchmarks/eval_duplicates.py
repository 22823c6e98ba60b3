"""Precision and recall of duplicate-question detection (FAQ603's matcher) on labelled pairs.

    python benchmarks/eval_duplicates.py [--threshold 0.7] [--sweep] [--any-words]

Reads ``../shared/eval/mqp/pairs.jsonl`` and ``../shared/eval/covid_q/pairs.jsonl``
(label 1 = same question). Each set's questions are the corpus the TF-IDF weights are
fitted on, as they would be on a site; a pair is called a duplicate when its cosine
similarity reaches the threshold and the intent/designator gates let it through, i.e.
exactly the decision FAQ603 makes for a candidate pair. Exact duplicates after
normalisation (FAQ601) are counted as duplicates too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from faq_lint.checks.duplicates import QuestionMatcher
from faq_lint.rulepack import default_pack_dir, load_pack
from faq_lint.text.normalize import normalize_question

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = ("mqp", "covid_q")


def default_threshold() -> float:
    spec = next(s for s in load_pack(default_pack_dir()) if s.code == "FAQ603")
    return float(spec.options["threshold"])


def evaluate(
    name: str, thresholds: list[float], same_words: bool = True
) -> list[tuple[float, int, int, int, int]]:
    pairs = [json.loads(line) for line in (SHARED / name / "pairs.jsonl").open(encoding="utf-8")]
    questions = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    index = {q: i for i, q in enumerate(questions)}
    matcher = QuestionMatcher(
        questions, str(default_pack_dir() / "question-intents.yaml"), same_words=same_words
    )
    ids = [(index[p["a"]], index[p["b"]]) for p in pairs]
    scores = matcher.scores(ids)
    rows = []
    for threshold in thresholds:
        tp = fp = fn = tn = 0
        for pair, (a, b), score in zip(pairs, ids, scores, strict=True):
            exact = normalize_question(pair["a"]) == normalize_question(pair["b"])
            predicted = exact or (score >= threshold and matcher.compatible(a, b))
            gold = int(pair["label"]) == 1
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
            tn += not gold and not predicted
        rows.append((threshold, tp, fp, fn, tn))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--sweep", action="store_true", help="also show thresholds 0.3 to 0.95")
    parser.add_argument(
        "--any-words",
        action="store_true",
        help="evaluate with the rule option same-content-words = false",
    )
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} is absent", file=sys.stderr)
        return 2
    threshold = args.threshold if args.threshold is not None else default_threshold()
    thresholds = [threshold]
    if args.sweep:
        thresholds += [t / 100 for t in range(30, 100, 5)]
    print(
        f"{'set':8} {'thresh':>6} {'pairs':>6} {'TP':>5} {'FP':>5} {'FN':>5} "
        f"{'precision':>9} {'recall':>6} {'F1':>5}"
    )
    for name in SETS:
        for t, tp, fp, fn, tn in evaluate(name, thresholds, same_words=not args.any_words):
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(
                f"{name:8} {t:6.2f} {tp + fp + fn + tn:6d} {tp:5d} {fp:5d} {fn:5d} "
                f"{precision:9.3f} {recall:6.3f} {f1:5.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
