"""Measure the readability and spelling rules on real text (issue 3).

1. MedQuAD pages (``../shared/corpora/medquad/pages/txt``): share of answers flagged by
   FAQ101 (reading grade), FAQ102/FAQ103 counts, spelling findings (FAQ201-204) per
   1,000 words, and a reproducible random sample of spelling findings with context, to
   judge by hand.
2. Readability ranking on ``../shared/eval``: the share of pairs where the technical
   text scores a higher Flesch-Kincaid grade than the plain one (cochrane,
   wiki_simple_medical, mtsamples_lay rows with changed=true).

Run: ``python benchmarks/eval_text_checks.py [--sample 30] [--seed 3]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.text.readability import answer_counts, flesch_kincaid_grade

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PAGES = SHARED / "corpora" / "medquad" / "pages" / "txt"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")  # the corpus README's word count
SPELLING = ["FAQ201", "FAQ202", "FAQ203", "FAQ204"]
READABILITY = ["FAQ101", "FAQ102", "FAQ103"]


def medquad_pages(sample: int, seed: int) -> None:
    config = Config(paths=[str(PAGES)], cache=False)  # never write into ../shared
    report = lint([str(PAGES)], config, select=READABILITY + SPELLING)
    documents = report._documents
    answers = [e for d in documents for e in d.entries if e.answer.strip()]
    words = sum(len(WORD.findall(e.answer)) for e in answers)
    question_words = sum(len(WORD.findall(e.question)) for d in documents for e in d.entries)
    by_rule = Counter(f.rule for f in report.findings)
    flagged = {(f.path, f.entry_id) for f in report.findings if f.rule == "FAQ101"}
    print(f"MedQuAD pages: {len(documents)} files, {len(answers)} answers, {words} answer words")
    share = len(flagged) / len(answers)
    print(f"  FAQ101 reading grade above 8: {len(flagged)} answers = {share:.1%}")
    print(f"  FAQ102 long sentences: {by_rule['FAQ102']}; FAQ103 jargon: {by_rule['FAQ103']}")
    spelling = [f for f in report.findings if f.rule in SPELLING]
    per_k = 1000 * len(spelling) / (words + question_words)
    print(
        f"  spelling findings: {len(spelling)} ({', '.join(f'{r} {by_rule[r]}' for r in SPELLING)})"
        f" = {per_k:.2f} per 1,000 words (answers and questions, {words + question_words} words)"
    )
    grades = sorted(
        d.readability.flesch_kincaid_grade or 0 for d in report.documents if d.readability
    )
    print(f"  page grade median: {grades[len(grades) // 2]:.1f}")
    entries = {(d.path, e.id): e for d in documents for e in d.entries}
    picked = random.Random(seed).sample(spelling, min(sample, len(spelling)))
    print(f"\nRandom sample of {len(picked)} spelling findings (seed {seed}):")
    for number, finding in enumerate(picked, start=1):
        entry = entries.get((finding.path, finding.entry_id or ""))
        context = ""
        if entry is not None:
            text = entry.answer + "\n" + entry.question
            word = re.escape(finding.message.split("'")[1])
            match = re.search(word, text)
            if match:
                context = text[max(0, match.start() - 50) : match.end() + 40].replace("\n", " ")
        where = f"{Path(finding.path).name}:{finding.line}"
        print(f"{number:2}. {finding.rule} {where}  {finding.message}")
        print(f"      …{context}…  suggestions={finding.suggestions}")


def ranking() -> None:
    print("\nReadability ranking (Flesch-Kincaid grade, technical vs plain):")
    for name in ("cochrane", "wiki_simple_medical", "mtsamples_lay"):
        path = SHARED / "eval" / name / "pairs.jsonl"
        if not path.exists():
            print(f"  {name}: absent")
            continue
        pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
        if name == "mtsamples_lay":
            pairs = [p for p in pairs if p.get("changed")]
        harder = ties = raw_harder = fre = 0
        for pair in pairs:
            tech, plain = answer_counts(pair["technical"]), answer_counts(pair["plain"])
            grade_t, grade_p = tech.flesch_kincaid_grade(), plain.flesch_kincaid_grade()
            harder += grade_t > grade_p
            ties += grade_t == grade_p
            fre += plain.flesch_reading_ease() > tech.flesch_reading_ease()
            raw = flesch_kincaid_grade(pair["technical"]) > flesch_kincaid_grade(pair["plain"])
            raw_harder += raw
        n = len(pairs)
        print(
            f"  {name}: {n} pairs; technical harder (FAQ101's grade) {harder / n:.1%}, "
            f"tied {ties / n:.1%}; by reading ease {fre / n:.1%}; "
            f"textstat's own sentence split: {raw_harder / n:.1%}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    if not PAGES.exists():
        print(f"{PAGES} is absent", file=sys.stderr)
        return 2
    medquad_pages(args.sample, args.seed)
    ranking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
