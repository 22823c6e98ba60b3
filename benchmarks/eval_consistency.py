"""Duplicates and contradictions at the defaults, on the labeled sets in ``../shared/eval``.

    python benchmarks/eval_consistency.py [--skip-contradictions] [--verbose]

Duplicate half (FAQ603, paraphrased duplicate entries, at its defaults):

- ``faq_pairs``: each pair is rendered as one Markdown page of two entries (as its README
  says) and checked by FAQ603 exactly as a lint run does; ``duplicate`` is the positive
  label, everything else (contradict, consistent) negative. Precision, recall, and the
  flags per ``kind``.
- ``mqp``, ``covid_q``, ``rqe`` (its two consumer test splits): bare question pairs, so
  they measure the question half of FAQ603 - what it decides for two entries when it has
  no answers to compare (``include-empty-answers``): the same-question gates
  (:func:`faq_lint.checks.duplicates.same_ask`, the intent clash) and question
  similarity at ``question-threshold``. Printed: precision/recall at that threshold, the
  AUC of the similarity, and the best recall at precision >= 0.90 over all thresholds
  (gates applied).

The contradiction half is ``benchmarks/eval_contradictions_semantic.py`` (printed after
this one when that file exists). Nothing is trained on any of these sets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from faq_lint.checks import duplicates
from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules
from faq_lint.models import Document, Entry, Position
from faq_lint.parsers import parse_text_as
from faq_lint.semantic import get_encoder

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"


def _rule() -> Any:
    config = Config(cache=False)
    return select_rules(all_rules(config), config, select=["FAQ603"])[0]


def evaluate_faq_pairs(verbose: bool = False) -> None:
    rule = _rule()
    outcome: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    with (SHARED / "faq_pairs" / "pairs.jsonl").open(encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle]
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        text = f"## {a['question']}\n\n{a['answer']}\n\n## {b['question']}\n\n{b['answer']}\n"
        document = parse_text_as(text, f"{pair['id']}.md")
        hits = list(duplicates.check_corpus([document], rule))
        positive = pair["label"] == "duplicate"
        found = bool(hits)
        outcome[("t" if found == positive else "f") + ("p" if found else "n")] += 1
        label = f"{pair['label']}/{pair['kind']}"
        totals[label] += 1
        flagged[label] += found
        if verbose and found != positive:
            score = hits[0].args["score"] if hits else "-"
            kind = "FP" if found else "FN"
            print(f"    {kind} {label} {score}: {a['question']} | {b['question']}")
    precision = outcome["tp"] / max(1, outcome["tp"] + outcome["fp"])
    recall = outcome["tp"] / max(1, outcome["tp"] + outcome["fn"])
    print(
        f"faq_pairs  duplicate precision {precision:.3f} recall {recall:.3f} "
        f"(tp {outcome['tp']} fp {outcome['fp']} fn {outcome['fn']} tn {outcome['tn']}; "
        "targets P>=0.90 R>=0.80)"
    )
    for label in sorted(totals):
        print(f"    {label:40} flagged {flagged[label]:3d} / {totals[label]}")


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):  # ties share their mean rank
        same = scores == value
        ranks[same] = ranks[same].mean()
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def _entry(question: str) -> Entry:
    """An entry with this question and no answer (a bare question pair has none)."""
    where = Position(line=1, column=1)
    return Entry(
        id="q", question=question, answer="", question_position=where, answer_position=where
    )


def question_pairs(name: str, rows: list[dict[str, Any]]) -> None:
    """The question half of FAQ603 on bare question pairs."""
    rule = _rule()
    path = duplicates._intents_path(rule)
    data = duplicates.load_intents(path) if path else duplicates.IntentData()
    threshold = float(rule.option("question-threshold", 0.78))
    encoder = get_encoder()
    started = time.perf_counter()
    first = encoder.encode([r["a"] for r in rows], "question")
    second = encoder.encode([r["b"] for r in rows], "question")
    elapsed = time.perf_counter() - started
    similarity = (first.astype(np.float64) * second.astype(np.float64)).sum(axis=1)
    labels = np.array([int(r["label"]) == 1 for r in rows])
    document = Document(path=f"{name}.md", format="markdown", entries=[])
    passes = []
    for row in rows:
        a, b = (
            duplicates._side(duplicates.Item(document, _entry(row[key])), "", data)
            for key in ("a", "b")
        )
        ok = duplicates.same_ask(a, b)
        if ok and a.intents and b.intents:
            ok = bool(a.intents & b.intents)
        passes.append(ok)
    gate = np.array(passes)
    flagged = gate & (similarity >= threshold)
    tp = int((flagged & labels).sum())
    fp = int((flagged & ~labels).sum())
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, int(labels.sum()))
    gated = np.where(gate, similarity, -1.0)
    best, at = 0.0, None
    for value in np.unique(gated[gated > -1.0]):
        chosen = gated >= value
        hits = int((chosen & labels).sum())
        if hits / max(1, int(chosen.sum())) >= 0.9 and hits / labels.sum() > best:
            best, at = hits / labels.sum(), value
    where = f"similarity {at:.2f}" if at is not None else "none"
    print(
        f"{name:10} question duplicates at defaults: precision {precision:.3f} recall "
        f"{recall:.3f} (threshold {threshold}); AUC {_auc(similarity, labels):.3f}; "
        f"best recall at precision>=0.90: {best:.3f} ({where}); {len(rows)} pairs, "
        f"{2 * len(rows) / elapsed:.0f} questions/s"
    )


def _load(name: str, file: str = "pairs.jsonl") -> list[dict[str, Any]]:
    with (SHARED / name / file).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def contradictions(verbose: bool) -> None:
    path = HERE / "eval_contradictions_semantic.py"
    if not path.is_file():
        print(f"(no {path.name}: the contradiction half is not there yet)")
        return
    spec = importlib.util.spec_from_file_location("eval_contradictions_semantic", path)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--verbose"] if verbose else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-contradictions", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: nothing to evaluate", file=sys.stderr)
        return 2
    print("== duplicates (FAQ603, defaults) ==")
    if (SHARED / "faq_pairs" / "pairs.jsonl").is_file():
        evaluate_faq_pairs(args.verbose)
    for name in ("mqp", "covid_q"):
        if (SHARED / name / "pairs.jsonl").is_file():
            question_pairs(name, _load(name))
    if (SHARED / "rqe" / "pairs.jsonl").is_file():
        rows = [r for r in _load("rqe") if r.get("split") != "train"]
        question_pairs("rqe-test", rows)
    if not args.skip_contradictions:
        contradictions(args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
