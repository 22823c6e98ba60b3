"""Parse the real corpora in ../shared and compare with their known counts.

    python benchmarks/parse_corpora.py

Prints, per MedQuAD page format, how many of the 196 pages parse to the pair count
in ``pages/index.tsv``, and the entry counts (and parse time) of the JSON Lines
corpora. The same checks run as tests in ``tests/test_parsers_corpus.py``.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from faq_lint.parsers import parse_file

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BIG = 64 * 1024 * 1024  # medquad.jsonl is 33.5 MB, over the default max-file-size


def main() -> int:
    base = SHARED / "medquad" / "pages"
    if not base.is_dir():
        print(f"{base} is absent", file=sys.stderr)
        return 1
    with open(base / "index.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for fmt in ("md", "yaml", "txt"):
        start = time.perf_counter()
        wrong = []
        for row in rows:
            document = parse_file(str(base / fmt / f"{row['page']}.{fmt}"))
            if len(document.entries) != int(row["pairs"]) or document.problems:
                wrong.append(f"{row['page']} ({len(document.entries)} != {row['pairs']})")
        seconds = time.perf_counter() - start
        print(
            f"{fmt}: {len(rows) - len(wrong)}/{len(rows)} pages give the index.tsv pair count"
            f" ({seconds:.1f} s){': ' + ', '.join(wrong) if wrong else ''}"
        )
    for corpus in ("medquad", "covid-faq-deepset", "covid-faq-jhu"):
        path = SHARED / corpus / f"{corpus}.jsonl"
        start = time.perf_counter()
        document = parse_file(str(path), max_bytes=BIG)
        seconds = time.perf_counter() - start
        empty = sum(1 for e in document.entries if not e.answer)
        print(
            f"{path.name}: {len(document.entries):,} entries, {empty:,} with an empty answer, "
            f"{len(document.problems)} problems ({seconds:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
