"""faq-lint side by side with proselint on the same text, in one run.

For each input the two tools run alternately, several times; the script prints the
median wall time, words per second and peak memory (max RSS of the child process)
of each, and their ratio, as a Markdown table ready for the README.

    python benchmarks/bench_vs_proselint.py                 # all three inputs
    python benchmarks/bench_vs_proselint.py --only page --repeat 7
    python benchmarks/bench_vs_proselint.py --faq-lint-args="--jobs 1"

Inputs: the seed page (data/piriformis-syndrome.txt); the MedQuAD Markdown pages
(../shared/corpora/medquad/pages/md); all answers of ../shared/corpora/medquad/medquad.jsonl.
proselint reads prose files, so for the JSON Lines corpus it gets the same answers written
to one text file; faq-lint reads the .jsonl itself (full default rule set).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass
class Sample:
    seconds: float
    max_rss_mb: float
    status: int


# Children run as installed tools do: bytecode may be written (pip compiles it at install;
# some shells set PYTHONDONTWRITEBYTECODE, which would make every run recompile faq-lint).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run a command, return wall time and the child's peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or CHILD_ENV
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(elapsed, usage.ru_maxrss / 1024, process.returncode)


def words_in_files(paths: list[Path]) -> int:
    return sum(len(WORD.findall(p.read_text(encoding="utf-8", errors="replace"))) for p in paths)


def tool(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is not installed: pip install '.[dev]'")
    return found


def compare(
    label: str,
    words: int,
    faq_cmd: list[str],
    prose_cmd: list[str],
    repeat: int,
    faq_env: dict[str, str] | None = None,
    warm_up: bool = True,
) -> dict[str, float]:
    faq: list[Sample] = []
    prose: list[Sample] = []
    # One untimed run each first: bytecode, faq-lint's start-up data cache and the OS
    # file cache are then as warm as on any later run (a pre-commit hook's steady state).
    # (Skipped for the big corpus: a few tenths of a second in a minute-long run.)
    if warm_up:
        run_once(faq_cmd, faq_env)
        run_once(prose_cmd)
    for _ in range(repeat):  # alternate so both see the same machine state
        faq.append(run_once(faq_cmd, faq_env))
        prose.append(run_once(prose_cmd))
    faq_time = statistics.median(s.seconds for s in faq)
    prose_time = statistics.median(s.seconds for s in prose)
    row = {
        "words": words,
        "faq_seconds": faq_time,
        "prose_seconds": prose_time,
        "faq_wps": words / faq_time,
        "prose_wps": words / prose_time,
        "ratio": prose_time / faq_time,
        "faq_rss": max(s.max_rss_mb for s in faq),
        "prose_rss": max(s.max_rss_mb for s in prose),
        "faq_status": faq[-1].status,
    }
    print(
        f"{label}: faq-lint {faq_time:.3f}s ({row['faq_wps']:,.0f} words/s, "
        f"{row['faq_rss']:.0f} MB) | proselint {prose_time:.3f}s ({row['prose_wps']:,.0f} "
        f"words/s, {row['prose_rss']:.0f} MB) | faq-lint is {row['ratio']:.2f}x proselint's speed",
        file=sys.stderr,
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["page", "pages", "corpus"], action="append")
    parser.add_argument("--repeat", type=int, default=5, help="runs per tool (large input: 1-3)")
    parser.add_argument("--corpus-repeat", type=int, default=3)
    parser.add_argument("--faq-lint-args", default="", help="extra faq-lint options")
    parser.add_argument(
        "--cores",
        action="store_true",
        help="also time all of MedQuAD with --jobs 1 (one core) beside the default (every core)",
    )
    args = parser.parse_args()
    chosen = set(args.only or ["page", "pages", "corpus"])
    faq_lint = tool("faq-lint")
    proselint = tool("proselint")
    extra = args.faq_lint_args.split()
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        common = (
            ["--no-cache"]
            if "--no-cache"
            in subprocess.run([faq_lint, "--help"], capture_output=True, text=True).stdout
            else []
        )
        report = os.path.join(scratch, "report.json")
        faq_base = [faq_lint, "--format", "json", "--output", report, *common, *extra]
        if "page" in chosen:
            page = REPO / "data" / "piriformis-syndrome.txt"
            cold = {**CHILD_ENV, "FAQ_LINT_DATA_CACHE": "off"}
            for label, short, env in (
                ("One page (seed, data/piriformis-syndrome.txt)", "page", None),
                ("One page, start-up data cache off (a first run)", "page-cold", cold),
            ):
                rows[label] = compare(
                    short,
                    words_in_files([page]),
                    [*faq_base, str(page)],
                    [proselint, "check", str(page)],
                    args.repeat,
                    faq_env=env,
                )
        pages = SHARED / "corpora" / "medquad" / "pages" / "md"
        if "pages" in chosen and pages.is_dir():
            files = sorted(pages.glob("*.md"))
            rows[f"MedQuAD pages ({len(files)} Markdown files)"] = compare(
                "pages",
                words_in_files(files),
                [*faq_base, str(pages)],
                [proselint, "check", *map(str, files)],
                args.repeat,
            )
        corpus = SHARED / "corpora" / "medquad" / "medquad.jsonl"
        if "corpus" in chosen and corpus.is_file():
            answers = Path(scratch) / "answers.txt"
            words = 0
            with open(corpus, encoding="utf-8") as source, open(answers, "w") as sink:
                for line in source:
                    answer = json.loads(line)["answer"]
                    if answer:
                        words += len(WORD.findall(answer))
                        sink.write(answer + "\n\n")
            rows["All MedQuAD answers (medquad.jsonl)"] = compare(
                "corpus",
                words,
                [*faq_base, str(corpus)],
                [proselint, "check", str(answers)],
                args.corpus_repeat,
                warm_up=False,
            )
            if args.cores:
                rows["All MedQuAD answers, faq-lint on one core (--jobs 1)"] = compare(
                    "corpus-1-core",
                    words,
                    [*faq_base, "--jobs", "1", str(corpus)],
                    [proselint, "check", str(answers)],
                    args.corpus_repeat,
                    warm_up=False,
                )
    print(
        f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(
        "\n| input | words | faq-lint s | proselint s | faq-lint words/s | proselint words/s "
        "| speed ratio | faq-lint peak MB | proselint peak MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, row in rows.items():
        print(
            f"| {label} | {row['words']:,.0f} | {row['faq_seconds']:.2f} | "
            f"{row['prose_seconds']:.2f} | {row['faq_wps']:,.0f} | {row['prose_wps']:,.0f} | "
            f"{row['ratio']:.2f}x | {row['faq_rss']:.0f} | {row['prose_rss']:.0f} |"
        )


if __name__ == "__main__":
    main()
