"""Resident memory after each stage of a run on one big file (Linux: /proc/self/status).

    python benchmarks/memory_stages.py ../shared/corpora/medquad/medquad.jsonl [JOBS]

Stages: rules loaded, file parsed, per-file rules, whole-corpus rules (in a child process
for a big corpus, as `faq-lint` does), report built, JSON rendered. VmHWM is the peak so far.
"""

from __future__ import annotations

import sys
import time

from faq_lint.config import load_config
from faq_lint.engine import RuleSet, all_rules, build_report, document_summary, select_rules
from faq_lint.parallel import check_documents, corpus_findings
from faq_lint.parsers import parse_file
from faq_lint.render import renderer

STARTED = time.time()


def stage(name: str) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        memory = {
            line.split(":")[0]: int(line.split()[1]) // 1024
            for line in status
            if line.startswith(("VmRSS", "VmHWM"))
        }
    print(
        f"{time.time() - STARTED:7.1f} s  {name:<22} RSS {memory['VmRSS']:5d} MB  "
        f"peak {memory['VmHWM']:5d} MB",
        flush=True,
    )


def main() -> None:
    path = sys.argv[1]
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    config = load_config()
    ruleset = RuleSet.build(select_rules(all_rules(config), config))
    stage("rules loaded")
    document = parse_file(path, max_bytes=config.max_file_size)
    stage(f"parsed ({len(document.entries)} entries)")
    found = check_documents([document], ruleset, jobs)[0]
    stage(f"per-file ({len(found)})")
    summary = document_summary(document)
    corpus = corpus_findings([document], ruleset, None)
    stage(f"corpus ({len(corpus)})")
    report = build_report([document], found + corpus, [summary])
    stage("report built")
    text = renderer("json")(report)
    stage(f"json ({len(text) // 1_000_000} MB)")


if __name__ == "__main__":
    main()
