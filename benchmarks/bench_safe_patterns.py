"""What running the data files' patterns on the safe path costs, and that it changes nothing.

    python benchmarks/bench_safe_patterns.py [N]      # first N MedQuAD records (default 3000)

Patterns users may write in a data file (the disclaimer ``phrases-file``, the claim
``patterns-file``) run on RE2, or on ``regex`` with a time limit (look-around), so that no
pattern can hang a run (:func:`faq_lint.text.safe_regex.compile_user`). This prints:

1. for every bundled data-file pattern, over the answers of every corpus, whether the
   safe path finds exactly the matches Python's ``re`` finds, and the time of each;
2. the CPU seconds of the rules that use those patterns (FAQ301, FAQ401, FAQ402) on the
   first N MedQuAD records, with the patterns on ``re`` (as before) and on the safe path,
   and whether the findings are the same.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
RULES = ("FAQ301", "FAQ401", "FAQ402")


def _answers() -> list[str]:
    texts: list[str] = []
    for name in sorted(glob.glob(str(CORPORA / "*" / "*.jsonl"))):
        with open(name, encoding="utf-8") as handle:
            texts.extend(a for a in (json.loads(line)["answer"] for line in handle) if a)
    return texts


def engines() -> None:
    import yaml

    from faq_lint.text.safe_regex import compile_user

    texts = _answers()
    phrases = yaml.safe_load((REPO / "rules/medical/disclaimer-phrases.yaml").read_text())
    claims = yaml.safe_load((REPO / "rules/medical/claim-patterns.yaml").read_text())
    patterns = [
        str(p)
        for k in ("statements", "referrals", "check_with", "general")
        for p in phrases.get(k) or []
    ]
    patterns += [str(p) for k in ("amount", "schedule") for p in claims["dose_patterns"][k]]
    patterns += [str(p) for p in claims.get("referral_patterns") or []]
    differ = matches = 0
    seconds = {"re": 0.0, "safe": 0.0}
    for source in patterns:
        plain, safe = re.compile(source, re.IGNORECASE), compile_user(source, re.IGNORECASE)
        for text in texts:
            started = time.perf_counter()
            expected = [m.span() for m in plain.finditer(text)]
            middle = time.perf_counter()
            found = [m.span() for m in safe.finditer(text)]
            seconds["re"] += middle - started
            seconds["safe"] += time.perf_counter() - middle
            matches += len(expected)
            differ += expected != found
    print(
        f"{len(patterns)} patterns x {len(texts)} answers: {matches} matches, "
        f"{differ} (pattern, answer) pairs differ; finditer over whole answers: "
        f"re {seconds['re']:.1f} s, safe {seconds['safe']:.1f} s"
    )


def rules(count: int, engine: str) -> None:
    import itertools
    import tempfile

    from faq_lint.text import prefilter

    if engine == "re":  # as before the safe path: a data file's patterns on re
        prepare = prefilter.prepare

        def on_re(sources, flags=0):  # type: ignore[no-untyped-def]
            found = prepare(sources, flags)
            for pattern in found:
                pattern.safe = False
            return found

        prefilter.prepare = on_re  # type: ignore[assignment]
    from faq_lint.config import Config
    from faq_lint.engine import RuleSet, all_rules, select_rules
    from faq_lint.parsers import parse_file

    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "sample.jsonl")
    with (
        open(CORPORA / "medquad/medquad.jsonl", encoding="utf-8") as source,
        open(path, "w", encoding="utf-8") as sink,
    ):
        sink.writelines(itertools.islice(source, count))
    config = Config(cache=False, select=list(RULES))
    ruleset = RuleSet.build(select_rules(all_rules(config), config))
    document = parse_file(path)
    hits: list[tuple[str, int, int]] = []
    started = time.process_time()
    for rule, function in ruleset.document:
        hits.extend(
            (rule.spec.code, h.start.line, h.start.column) for h in function(document, rule)
        )  # type: ignore[operator]
    for entry in document.entries:
        for rule, function in ruleset.entry:
            hits.extend(
                (rule.spec.code, h.start.line, h.start.column)
                for h in function(entry, document, rule)
            )  # type: ignore[operator]
    cpu = time.process_time() - started
    print(json.dumps({"engine": engine, "cpu": cpu, "hits": sorted(hits)}))


def main() -> None:
    if len(sys.argv) > 2:
        rules(int(sys.argv[1]), sys.argv[2])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    if not CORPORA.exists():
        sys.exit(f"no corpora at {CORPORA}")
    engines()
    results = {}
    for engine in ("re", "safe"):
        out = subprocess.run(
            [sys.executable, __file__, str(count), engine],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[engine] = json.loads(out.strip().splitlines()[-1])
    same = results["re"]["hits"] == results["safe"]["hits"]
    print(
        f"{'+'.join(RULES)} on {count} MedQuAD records: re {results['re']['cpu']:.2f} s CPU, "
        f"safe {results['safe']['cpu']:.2f} s CPU; {len(results['safe']['hits'])} findings, "
        f"{'the same' if same else 'DIFFERENT'} on both"
    )


if __name__ == "__main__":
    main()
