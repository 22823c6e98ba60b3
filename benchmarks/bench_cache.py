"""Result cache benchmark: first (cold) vs second (warm) run over the MedQuAD page corpus.

    python benchmarks/bench_cache.py [--repeat 3] [--pages ../shared/corpora/medquad/pages]

Each repetition runs the ``faq-lint`` command twice over every page (txt, md, yaml)
with a fresh cache folder: the first run parses and checks everything and fills
the cache, the second reuses it. Both runs must print the same report. Also
measures how long the cached parsed documents take to load as pydantic JSON and
as pickles (the cache stores JSON). Target: the second run is at least 3 times
faster than the first.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO.parent / "shared" / "corpora" / "medquad" / "pages"
SNAPSHOT = ""  # a frozen copy of faq_lint/ and rules/ to run instead of the working tree


def _faq_lint(pages: Path, config: Path, output: Path) -> float:
    env = dict(os.environ)
    if SNAPSHOT:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [SNAPSHOT, env.get("PYTHONPATH")]))
    command = [
        sys.executable, "-m", "faq_lint", str(pages), "--config", str(config),
        "--format", "json", "--output", str(output),
    ]  # fmt: skip
    start = time.perf_counter()
    # cwd: not the checkout, whose faq_lint/ would shadow the snapshot on sys.path
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, cwd=config.parent
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"faq-lint failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def cold_and_warm(pages: Path) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="faq-lint-bench-") as folder:
        root = Path(folder)
        config = root / "faq-lint.toml"
        config.write_text(f'cache-dir = "{root / "cache"}"\n', encoding="utf-8")
        first, second = root / "first.json", root / "second.json"
        cold = _faq_lint(pages, config, first)
        warm = _faq_lint(pages, config, second)
        if first.read_bytes() != second.read_bytes():
            one, two = json.loads(first.read_bytes()), json.loads(second.read_bytes())
            a = {json.dumps(f, sort_keys=True) for f in one["findings"]}
            b = {json.dumps(f, sort_keys=True) for f in two["findings"]}
            raise SystemExit(
                "the cached run printed a different report: "
                f"only first: {sorted(a - b)[:3]}, only second: {sorted(b - a)[:3]}"
            )
        entries = len(list((root / "cache").glob("v*/*/files/*/*.json")))
    return cold, warm, entries


def serialisation(pages: Path) -> dict[str, float]:
    """Seconds to load every parsed page back: pydantic JSON vs pickle."""
    from faq_lint.discovery import discover
    from faq_lint.models import Document
    from faq_lint.parsers import parse_file

    documents = [parse_file(path) for path in discover([str(pages)])]
    as_json = [d.model_dump_json() for d in documents]
    as_pickle = [pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL) for d in documents]
    start = time.perf_counter()
    for text in as_json:
        Document.model_validate_json(text)
    middle = time.perf_counter()
    for blob in as_pickle:
        pickle.loads(blob)  # noqa: S301 - our own data, measured only
    end = time.perf_counter()
    return {
        "documents": float(len(documents)),
        "json_load_s": middle - start,
        "pickle_load_s": end - middle,
        "json_bytes": float(sum(len(t) for t in as_json)),
        "pickle_bytes": float(sum(len(b) for b in as_pickle)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="run a frozen copy of faq_lint/ and rules/, so edits made while the benchmark "
        "runs (which rightly invalidate the cache) do not spoil the measurement",
    )
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"{args.pages} is absent: ../shared is not beside the repository", file=sys.stderr)
        return 2
    global SNAPSHOT
    if args.snapshot:
        SNAPSHOT = tempfile.mkdtemp(prefix="faq-lint-snapshot-")
        for part in ("faq_lint", "rules"):
            shutil.copytree(
                REPO / part, Path(SNAPSHOT) / part, ignore=shutil.ignore_patterns("__pycache__")
            )
    try:
        return measure(args.pages, args.repeat)
    finally:
        if SNAPSHOT:
            shutil.rmtree(SNAPSHOT, ignore_errors=True)


def measure(pages: Path, repeat: int) -> int:
    colds, warms = [], []
    for index in range(repeat):
        cold, warm, entries = cold_and_warm(pages)
        colds.append(cold)
        warms.append(warm)
        print(f"run {index + 1}: first {cold:.2f} s, second {warm:.2f} s "
              f"({cold / warm:.1f}x), {entries} cache entries")  # fmt: skip
    cold, warm = statistics.median(colds), statistics.median(warms)
    print(f"median: first {cold:.2f} s, second {warm:.2f} s, speed-up {cold / warm:.1f}x "
          f"(target >= 3x): {'PASS' if cold / warm >= 3 else 'FAIL'}")  # fmt: skip
    sizes = serialisation(pages)
    print(
        f"loading {sizes['documents']:.0f} parsed pages: "
        f"pydantic JSON {sizes['json_load_s']:.3f} s "
        f"({sizes['json_bytes'] / 1e6:.1f} MB), pickle {sizes['pickle_load_s']:.3f} s "
        f"({sizes['pickle_bytes'] / 1e6:.1f} MB)"
    )
    return 0 if cold / warm >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
