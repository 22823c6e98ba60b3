"""Measure the medication-claim rule (FAQ301) on real data.

    python benchmarks/eval_citations.py cwcure              # (a) claim detector vs labels
    python benchmarks/eval_citations.py medquad [--sample 100] [--seed 4] [--show 30]

(a) ``cwcure``: on ``../shared/eval/cw_cure/tweets.jsonl`` (tweets labelled
``is_cure_claim``), the claim detector taken alone, without the citation part: a
tweet is predicted a claim when any of its sentences is a medication claim by
FAQ301's detector with its default options. Prints precision, recall and F1
against ``is_cure_claim``, and the same for a "names a medicine" baseline.

(b) ``medquad``: samples ``--sample`` answers that mention a medicine (by the same
lexicon) from ``../shared/corpora/medquad/medquad.jsonl`` with ``random.Random(seed)``,
runs FAQ301 on each (the whole rule, citations included), and prints the first
``--show`` findings one by one (answer id, medicines, quoted claim, sentence) for a
hand check. Hand-check verdicts are recorded in /work/notes/issue-4.md, not here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from faq_lint.checks import medication_claims
from faq_lint.checks.base import Rule
from faq_lint.checks.medical_data import lexicon
from faq_lint.config import Config
from faq_lint.models import Document, Entry
from faq_lint.rulepack import default_pack_dir, load_pack
from faq_lint.text.sentences import split_sentences

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def faq301() -> Rule:
    spec = next(s for s in load_pack(default_pack_dir()) if s.code == "FAQ301")
    return Rule(spec=spec, options=dict(spec.options), severity=spec.severity, project=Config())


def _scores(pairs: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if not p and g)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"predicted {tp + fp}, TP {tp}, FP {fp}, FN {fn}: "
        f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}"
    )


def cwcure() -> int:
    path = SHARED / "eval" / "cw_cure" / "tweets.jsonl"
    if not path.exists():
        print(f"{path} is absent", file=sys.stderr)
        return 2
    rule = faq301()
    lex = lexicon(rule)
    window = int(rule.option("claim-window", 12))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    claim_pairs: list[tuple[bool, bool]] = []
    mention_pairs: list[tuple[bool, bool]] = []
    by_condition: dict[str, list[tuple[bool, bool]]] = {}
    for row in rows:
        text = row["text"]
        sentences = split_sentences(text)
        predicted = any(lex.claim_in(s, False, window) for s in sentences)
        mentioned = bool(lex.mentions(text))
        gold = bool(row["is_cure_claim"])
        claim_pairs.append((predicted, gold))
        mention_pairs.append((mentioned, gold))
        by_condition.setdefault(row["condition"], []).append((predicted, gold))
    positives = sum(g for _, g in claim_pairs)
    naming_rows = [
        row
        for row in rows
        if row["is_cure_claim"] and lex.mentions(row["text"], count_generic=True)
    ]
    naming = len(naming_rows)
    caught = sum(
        1
        for row in naming_rows
        if any(lex.claim_in(s, False, window) for s in split_sentences(row["text"]))
    )
    print(f"CW-CURE: {len(rows)} tweets, {positives} labelled is_cure_claim")
    print(
        f"labelled claims that name any medicine (generic words included): {naming} "
        f"({naming / positives:.1%}), the ceiling for a medication-claim detector's recall; "
        f"the detector finds {caught} of them ({caught / max(1, naming):.1%})"
    )
    print(f"claim detector (FAQ301 without citations): {_scores(claim_pairs)}")
    print(f"baseline 'names a medicine':               {_scores(mention_pairs)}")
    for condition, pairs in sorted(by_condition.items()):
        print(f"  {condition:<11} {_scores(pairs)}")
    return 0


def medquad(sample: int, seed: int, show: int) -> int:
    path = SHARED / "corpora" / "medquad" / "medquad.jsonl"
    if not path.exists():
        print(f"{path} is absent", file=sys.stderr)
        return 2
    rule = faq301()
    lex = lexicon(rule)
    candidates = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["answer"].strip() and lex.mentions(row["answer"]):
            candidates.append(row)
    chosen = random.Random(seed).sample(candidates, min(sample, len(candidates)))
    total = len(candidates)
    print(f"MedQuAD: {total} answers mention a medicine; sampled {len(chosen)} (seed {seed})")
    findings = []
    for row in chosen:
        entry = Entry(id=row["id"], question=row["question"], answer=row["answer"])
        document = Document(path=row["id"], format="jsonl", entries=[entry])
        for hit in medication_claims.check_entry(entry, document, rule):
            findings.append((row["id"], hit))
    with_finding = len({answer_id for answer_id, _ in findings})
    print(f"FAQ301 findings: {len(findings)} in {with_finding} of the {len(chosen)} answers")
    for number, (answer_id, hit) in enumerate(findings[:show], start=1):
        sentence = " ".join(str(hit.args["sentence"]).split())
        print(f"\n#{number} {answer_id} [{hit.args['drugs']}]")
        print(f"   claim: {hit.args['claim']}")
        print(f"   sentence: {sentence[:400]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", choices=["cwcure", "medquad"])
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args(argv)
    if args.which == "cwcure":
        return cwcure()
    return medquad(args.sample, args.seed, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
