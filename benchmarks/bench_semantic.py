"""Speed and memory of the semantic layer (issue 13 / 16): prints numbers, asserts nothing.

Sections (all by default except ``medquad``, which takes minutes; pick with ``--only``):

- ``encoder``: model load (session + tokenizer, in a fresh process), texts per second by
  kind and token length for 1 and 2 threads and several batch sizes (MedQuAD questions and
  answer sentences, grouped by their token count; needs ``../shared``);
- ``cache``: loading 47k cached vectors from the vector cache in a fresh process, and
  ``top_k_pairs`` on 16k and 47k rows;
- ``page``: whole process ``faq-lint PAGE`` with the semantic rules on (config
  ``extend-select``), result cache cold (a new cache folder, vectors not cached) and warm
  (nothing changed since the last run); default rules without them beside it;
- ``medquad``: all of MedQuAD as one JSON Lines file, first run (no cache) and re-run after
  editing one record, wall time and peak RSS from ``/usr/bin/time -v`` (or ``resource``).

Run: ``python benchmarks/bench_semantic.py [--only encoder,cache,page,medquad] [--rules ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MEDQUAD = REPO.parent / "shared" / "corpora" / "medquad" / "medquad.jsonl"
PAGE = REPO / "data" / "piriformis-syndrome.txt"
SEMANTIC_RULES = ["FAQ603"]


def _medquad_records(limit: int | None = None) -> list[dict[str, str]]:
    records = []
    with MEDQUAD.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def _sentences(records: list[dict[str, str]]) -> list[str]:
    from faq_lint.text.sentences import split_sentences

    found: list[str] = []
    for record in records:
        if record.get("answer"):
            for sentence in split_sentences(record["answer"]):
                text = " ".join(sentence.text.split())
                if text:
                    found.append(text)
    return found


def bench_encoder(args: argparse.Namespace) -> None:
    print("== encoder")
    probe = (
        "import time; t=time.perf_counter(); from faq_lint.semantic import get_encoder;"
        "e=get_encoder(); e.encode(['How is asthma treated?'],'question');"
        "print(time.perf_counter()-t)"
    )
    loads = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        loads.append(float(done.stdout.strip()))
    median = statistics.median(loads)
    print(f"import + model load + first encode (fresh process): median {median:.3f} s")
    if not MEDQUAD.is_file():
        print(f"skipped throughput: {MEDQUAD} is absent")
        return
    from faq_lint.semantic import encoder as encoder_module

    records = _medquad_records()
    rng = random.Random(13)
    questions = rng.sample([r["question"] for r in records], 600)
    sentences = _sentences(rng.sample([r for r in records if r.get("answer")], 400))
    tokenizer = None
    groups: dict[str, list[str]] = {"question": questions}
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(encoder_module.TOKENIZER_FILE))
        tokenizer.no_padding()  # the file pads and truncates to 128, as the encoder undoes
        tokenizer.no_truncation()
    except ImportError:
        pass
    if tokenizer is not None:
        lengths = {s: len(tokenizer.encode(s).ids) for s in sentences}
        for low, high in ((8, 24), (24, 48), (48, 96), (96, 256)):
            chosen = [s for s in sentences if low <= lengths[s] < high][:200]
            groups[f"sentence {low}-{high} tok"] = chosen
    sizes = [int(b) for b in args.batch_tokens.split(",")]
    default_batch = encoder_module.BATCH_TOKENS
    for threads in (1, 2):
        os.environ["FAQ_LINT_THREADS"] = str(threads)
        encoder = encoder_module.Encoder()
        encoder.encode(["warm up the session"], "question")
        for size in sizes:
            encoder_module.BATCH_TOKENS = size
            cells = []
            for label, texts in groups.items():
                if not texts:
                    continue
                kind = "question" if label == "question" else "text"
                start = time.perf_counter()
                encoder.encode(texts, kind)
                rate = len(texts) / (time.perf_counter() - start)
                cells.append(f"{label} {rate:.0f}/s (n={len(texts)})")
            print(f"threads {threads} batch-tokens {size}: " + "; ".join(cells))
    os.environ.pop("FAQ_LINT_THREADS", None)
    encoder_module.BATCH_TOKENS = default_batch


def bench_cache(args: argparse.Namespace) -> None:
    print("== cache")
    import numpy as np

    from faq_lint.semantic import top_k_pairs
    from faq_lint.semantic import vectors as vector_module

    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "vectors" / "question-x"
        rows = rng.normal(size=(47_000, 384)).astype(np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        keys = [os.urandom(32) for _ in range(len(rows))]
        vector_module._write_shard(folder, keys, rows)
        size = sum(p.stat().st_size for p in folder.glob("*.npz"))
        probe = (
            "import sys,time; t=time.perf_counter(); from pathlib import Path;"
            "from faq_lint.semantic.vectors import _Store; s=_Store();"
            "s.load_shards(Path(sys.argv[1])); print(time.perf_counter()-t, len(s.vectors))"
        )
        times = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", probe, str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(float(done.stdout.split()[0]))
        print(
            f"load 47,000 cached vectors ({size / 1e6:.0f} MB shard, fresh process, "
            f"numpy import included): median {statistics.median(times):.3f} s"
        )
        for n in (16_000, 47_000):
            start = time.perf_counter()
            pairs = top_k_pairs(rows[:n], k=10, min_similarity=0.5)
            took = time.perf_counter() - start
            print(f"top_k_pairs {n} rows, k=10: {took:.2f} s ({len(pairs)} pairs)")


def _default_codes() -> list[str]:
    done = subprocess.run(
        [*_faq_lint(), "--list-rules", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [rule["code"] for rule in json.loads(done.stdout) if rule.get("enabled")]


def _write_config(folder: Path, rules: list[str]) -> None:
    """Default rules plus ``rules``: written as one ``select`` list (not ``extend-select``,
    which on this tree's engine also turned every default rule off, QA finding 04:37)."""
    codes = list(dict.fromkeys(_default_codes() + rules))
    listed = ", ".join(f'"{r}"' for r in codes)
    (folder / "faq-lint.toml").write_text(f"select = [{listed}]\n", encoding="utf-8")


def _timed_run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit status of one whole faq-lint process."""
    timer = shutil.which("time") or "/usr/bin/time"
    if os.path.exists(timer):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            start = time.perf_counter()
            done = subprocess.run(
                [timer, "-f", "%M", "-o", report.name, *argv],
                cwd=cwd,
                env=env,
                capture_output=True,
                check=False,
            )
            wall = time.perf_counter() - start
            peak = int(report.read().strip().splitlines()[-1]) / 1024
        return wall, peak, done.returncode
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak, done.returncode


def _faq_lint() -> list[str]:
    return [sys.executable, "-m", "faq_lint"]


def bench_page(args: argparse.Namespace) -> None:
    print(f"== page ({PAGE.name}, semantic rules {','.join(args.rules)})")
    env = dict(os.environ)
    for label, rules in (("default rules", []), ("default + semantic", args.rules)):
        colds, warms = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as temporary:
                site = Path(temporary)
                shutil.copy(PAGE, site / PAGE.name)
                if rules:
                    _write_config(site, rules)
                argv = [*_faq_lint(), PAGE.name, "--format", "json", "-o", "out.json"]
                colds.append(_timed_run(argv, site, env)[0])
                warms.append(_timed_run(argv, site, env)[0])
        print(
            f"{label}: cold result cache {statistics.median(colds):.3f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in colds)}); nothing changed "
            f"{statistics.median(warms):.3f} s (runs {', '.join(f'{t:.2f}' for t in warms)})"
        )


def bench_medquad(args: argparse.Namespace) -> None:
    print(f"== medquad (rules: {args.medquad_rules})")
    if not MEDQUAD.is_file():
        print(f"skipped: {MEDQUAD} is absent")
        return
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary)
        target = site / "medquad.jsonl"
        shutil.copy(MEDQUAD, target)
        if args.medquad_rules == "default+semantic":
            _write_config(site, args.rules)
            select: list[str] = []
        else:
            select = ["--select", args.medquad_rules]
        argv = [*_faq_lint(), target.name, *select, "--format", "json", "-o", "out.json"]
        wall, peak, status = _timed_run(argv, site, env)
        print(f"first run: {wall:.1f} s, peak RSS {peak:.0f} MiB, exit {status}")
        lines = target.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            record = json.loads(line)
            if number > 100 and record.get("answer"):
                record["answer"] += " Ask your doctor if you have questions about this."
                lines[number] = json.dumps(record)
                break
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        wall, peak, status = _timed_run(argv, site, env)
        print(f"re-run after editing one record: {wall:.1f} s, peak RSS {peak:.0f} MiB, {status=}")
        wall, peak, status = _timed_run(argv, site, env)
        print(f"re-run, nothing changed: {wall:.1f} s, peak RSS {peak:.0f} MiB, exit {status}")
        cache = site / ".faq-lint-cache" / "vectors"
        if cache.is_dir():
            for folder in sorted(cache.iterdir()):
                shards = list(folder.glob("shard-*.npz"))
                size = sum(p.stat().st_size for p in shards)
                print(f"vector cache {folder.name}: {len(shards)} shard(s), {size / 1e6:.0f} MB")


def static_table(encoder: object) -> Any:
    """A static token table from the model itself (in memory, not shipped): each WordPiece
    token's vector is the model's mean-pooled output for ``[CLS] token [SEP]``."""
    import numpy as np

    from faq_lint.semantic import encoder as encoder_module

    enc = encoder  # an Encoder whose session is loaded
    enc._ensure()  # type: ignore[attr-defined]
    size = enc._tokenizer.get_vocab_size()  # type: ignore[attr-defined]
    cls, sep = 101, 102
    table = np.zeros((size, encoder_module.DIMENSION), dtype=np.float32)
    step = 4096
    for begin in range(0, size, step):
        ids = np.array([[cls, t, sep] for t in range(begin, min(size, begin + step))])
        hidden = enc._session.run(  # type: ignore[attr-defined]
            None,
            {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": ids * 0},
        )[0]
        table[begin : begin + len(ids)] = hidden[:, 1, :]
    return table


def static_vectors(encoder: object, table: Any, texts: list[str]) -> Any:
    import numpy as np

    tokenizer = encoder._tokenizer  # type: ignore[attr-defined]
    rows = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for i, encoding in enumerate(tokenizer.encode_batch(texts)):
        ids = encoding.ids[1:-1] or encoding.ids
        rows[i] = table[ids].mean(axis=0)
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return rows


def bench_shortlist(args: argparse.Namespace) -> None:
    """Recall of a static-vector shortlist: of the real model's top-10 question pairs
    (cosine >= 0.5), the share found among each question's top K by static vectors."""
    print("== shortlist (static token vectors from the same model, in memory)")
    if not MEDQUAD.is_file():
        print(f"skipped: {MEDQUAD} is absent")
        return
    from faq_lint.semantic import Encoder, cached_encode, top_k_pairs

    encoder = Encoder()
    start = time.perf_counter()
    table = static_table(encoder)
    print(f"static table: {time.perf_counter() - start:.1f} s to build")
    records = [r for r in _medquad_records() if r.get("answer")]
    questions = sorted({r["question"] for r in records})[: args.shortlist_size]
    start = time.perf_counter()
    fast = static_vectors(encoder, table, questions)
    print(f"static vectors of {len(questions)} questions: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    real = cached_encode(questions, "question", args.vector_cache or None, encoder)
    print(
        f"model vectors (cache {args.vector_cache or 'none'}): {time.perf_counter() - start:.1f} s"
    )
    truth = {(i, j) for i, j, _ in top_k_pairs(real, k=10, min_similarity=0.5)}
    for k in (10, 30, 100):
        found = {(i, j) for i, j, _ in top_k_pairs(fast, k=k, min_similarity=0.0)}
        recall = len(truth & found) / max(1, len(truth))
        print(f"MedQuAD questions: static top-{k} keeps {recall:.3f} of {len(truth)} model pairs")


SECTIONS = {
    "encoder": bench_encoder,
    "cache": bench_cache,
    "page": bench_page,
    "medquad": bench_medquad,
    "shortlist": bench_shortlist,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="encoder,cache,page", help="sections, comma-separated")
    parser.add_argument("--rules", default=",".join(SEMANTIC_RULES), help="semantic rule codes")
    parser.add_argument(
        "--medquad-rules", default="FAQ603", help="--select for MedQuAD, or default+semantic"
    )
    parser.add_argument("--batch-tokens", default="512,1024,8192")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shortlist-size", type=int, default=14_000)
    parser.add_argument("--vector-cache", default="", help="a vectors/ folder to reuse")
    args = parser.parse_args(argv)
    args.rules = [r for r in re.split(r"[,\s]+", args.rules) if r]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    version = platform.python_version()
    print(f"machine: {cores} usable cores, load average {load:.1f}, python {version}")
    for name in args.only.split(","):
        SECTIONS[name.strip()](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
