"""Where the time of a one-page run goes: each start-up stage in a fresh interpreter.

    python benchmarks/startup.py            # median of 7 runs per stage
    python benchmarks/startup.py --repeat 15

Each stage is a small program run in a new Python process (as a pre-commit hook starts
one); the script prints the median wall time of each and the difference to the stage
before it, with faq-lint's start-up data cache warm and, for the whole run, off.
Bytecode is allowed to be written (as after ``pip install``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "data" / "piriformis-syndrome.txt"

MODEL = """
from pydantic import BaseModel
class Position(BaseModel):
    line: int = 1
Position(line=2)
"""
RULES = """
from faq_lint.config import load_config
from faq_lint.engine import all_rules, select_rules, RuleSet
config = load_config()
RuleSet.build(select_rules(all_rules(config), config))
"""
LINT = f"""
from faq_lint import lint
from faq_lint.render.json_report import render_json
render_json(lint([{str(PAGE)!r}], cache=False))
"""

STAGES: list[tuple[str, str]] = [
    ("Python itself (python -c pass)", "pass"),
    ("+ pydantic and one validated model", MODEL),
    ("+ faq-lint's command line and engine modules", "import faq_lint.cli, faq_lint.api"),
    ("+ rule packs read, check modules imported", RULES),
    ("+ the seed page linted to a JSON report (data cache warm)", LINT),
]


def median_seconds(code: str, repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat + 1):  # the first run is a warm-up (bytecode, caches)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    previous = 0.0
    print(f"{'stage':<60} {'total s':>8} {'added s':>8}")
    for label, code in STAGES:
        seconds = median_seconds(code, args.repeat, env)
        print(f"{label:<60} {seconds:8.3f} {seconds - previous:+8.3f}")
        previous = seconds
    cold = median_seconds(LINT, args.repeat, {**env, "FAQ_LINT_DATA_CACHE": "off"})
    print(f"{'the seed page linted, start-up data cache off':<60} {cold:8.3f}")


if __name__ == "__main__":
    main()
