"""The least a pure-Python per-word rule can cost on all of MedQuAD.

    python benchmarks/word_floor.py [FILE]

Times (CPU) one regular-expression pass over every answer, then the same pass plus one
dictionary update per word: a floor under any rule that looks at each word in Python.
Compare with 5x proselint's words per second (``bench_vs_proselint.py``).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/medquad/medquad.jsonl"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not path.is_file():
        print(f"{path}: not found (needs ../shared/corpora)")
        return 2
    with open(path, encoding="utf-8") as handle:
        answers = [str(json.loads(line).get("answer") or "") for line in handle if line.strip()]
    started = time.process_time()
    words = sum(len(WORD.findall(answer)) for answer in answers)
    findall = time.process_time() - started
    counts: dict[str, int] = {}
    started = time.process_time()
    for answer in answers:
        for word in WORD.findall(answer):
            counts[word] = counts.get(word, 0) + 1
    per_word = time.process_time() - started
    print(f"{len(answers):,} answers, {words:,} words")
    print(f"regex pass only: {findall:.2f} s CPU ({words / findall:,.0f} words/s)")
    rate = words / per_word
    print(f"regex pass + a dict update per word: {per_word:.2f} s CPU ({rate:,.0f} words/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
