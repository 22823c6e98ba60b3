"""Measure the readability rules FAQ101, FAQ102 and FAQ103 on real pages (issue 15).

1. Lint the MedQuAD pages (``../shared/corpora/medquad/pages/md``) and the two COVID FAQ
   corpora with FAQ101-FAQ103; print the counts, write every finding to ``--dump`` (JSON,
   to compare two versions of the code) and print a random sample of each rule's
   findings (fixed seed) with their text, to judge by reading.
2. Readability ranking on ``../shared/eval``: the share of technical/plain pairs where
   FAQ101's grade of the technical text is higher (cochrane, wiki_simple_medical,
   mtsamples_lay rows with changed=true). Each text is linted as a one-question page.

Run: ``python benchmarks/eval_readability.py [--sample 20] [--seed 15] [--dump out.json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from faq_lint import lint
from faq_lint.config import Config

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = SHARED / "corpora"
SOURCES = [
    CORPORA / "medquad" / "pages" / "md",
    CORPORA / "covid-faq-deepset" / "covid-faq-deepset.jsonl",
    CORPORA / "covid-faq-jhu" / "covid-faq-jhu.jsonl",
]
RULES = ["FAQ101", "FAQ102", "FAQ103"]


def corpus_findings(sample: int, seed: int, dump: str | None) -> None:
    paths = [str(p) for p in SOURCES if p.exists()]
    config = Config(paths=paths, cache=False)  # never write into ../shared
    report = lint(paths, config, select=RULES)
    entries = {(d.path, e.id): e for d in report._documents for e in d.entries}
    answers = sum(1 for e in entries.values() if e.answer.strip())
    by_rule = Counter(f.rule for f in report.findings)
    print(f"Corpora: {len(report._documents)} files, {answers} answers")
    print("  " + ", ".join(f"{rule} {by_rule[rule]}" for rule in RULES))
    rows = [
        {
            "rule": f.rule,
            "path": Path(f.path).name,
            "entry": f.entry_id,
            "line": f.line,
            "column": f.column,
            "fingerprint": f.fingerprint,
            "message": f.message,
        }
        for f in report.findings
    ]
    if dump:
        Path(dump).write_text(json.dumps(rows, indent=0), encoding="utf-8")
    for rule in RULES:
        found = [f for f in report.findings if f.rule == rule]
        picked = random.Random(seed).sample(found, min(sample, len(found)))
        print(f"\n## {rule}: random sample of {len(picked)} of {len(found)} (seed {seed})")
        for number, finding in enumerate(picked, start=1):
            entry = entries.get((finding.path, finding.entry_id or ""))
            print(f"\n{number}. {Path(finding.path).name}:{finding.line} {finding.message}")
            if finding.suggestions:
                print(f"   suggestions: {finding.suggestions}")
            if entry is None:
                continue
            print(f"   Q: {entry.question}")
            answer = " ".join(entry.answer.split())
            if rule == "FAQ101":
                print(f"   A: {answer[:700]}")
            else:
                quoted = finding.message.split("'")[1].rstrip("…") if "'" in finding.message else ""
                where = answer.find(quoted) if quoted else -1
                if where >= 0:
                    size = 160 if rule == "FAQ103" else 60
                    print(f"   A: …{answer[max(0, where - size) : where + 400 - size]}…")


def _grade(text: str) -> float:
    """FAQ101's grade of ``text`` linted as the answer of a one-question page."""
    from faq_lint.checks import reading_grade

    grade_of = getattr(reading_grade, "page_grade", None)
    if grade_of is not None:
        return float(grade_of(text, "What does this mean?"))
    from faq_lint.text.readability import answer_counts

    return answer_counts(text).flesch_kincaid_grade()


def ranking() -> None:
    print("\nReadability ranking (FAQ101's grade, technical vs plain):")
    for name in ("cochrane", "wiki_simple_medical", "mtsamples_lay"):
        path = SHARED / "eval" / name / "pairs.jsonl"
        if not path.exists():
            print(f"  {name}: absent")
            continue
        pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
        if name == "mtsamples_lay":
            pairs = [p for p in pairs if p.get("changed")]
        harder = ties = 0
        for pair in pairs:
            grade_t, grade_p = _grade(pair["technical"]), _grade(pair["plain"])
            harder += grade_t > grade_p
            ties += grade_t == grade_p
        n = len(pairs)
        print(f"  {name}: {n} pairs; technical harder {harder / n:.1%}, tied {ties / n:.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--dump", default=None)
    parser.add_argument("--no-ranking", action="store_true")
    args = parser.parse_args()
    if not SOURCES[0].exists():
        print(f"{SOURCES[0]} is absent", file=sys.stderr)
        return 2
    tempfile.tempdir = tempfile.gettempdir()
    corpus_findings(args.sample, args.seed, args.dump)
    if not args.no_ranking:
        ranking()
    return 0


if __name__ == "__main__":
    sys.exit(main())
