"""Memory is bounded by the input, not multiplied (issue 14, item 8).

The near-duplicate answer rule (FAQ604) hashed every word 3-gram of an answer with all
its MinHash functions at once: one 4 MB single-line answer beside one other entry made
arrays of about 1 GB (a peak of 370 times the answer). Each case here writes such a
file, runs ``python -m faq_lint`` on it in a child of a fresh Python process, and reads
that child's peak memory (``getrusage(RUSAGE_CHILDREN).ru_maxrss``).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from faq_lint.checks import duplicates

resource = pytest.importorskip("resource", reason="peak memory is read with resource (Unix)")

MB = 1024 * 1024
LIMIT_MB = 300  # a 4 MB answer peaked at about 1,000-1,400 MB before the fix (180-220 after)

OTHER = {
    "question": "How do I book a visit?",
    "answer": "Call the clinic on weekdays between nine and five and ask the front desk "
    "for the next free appointment with your doctor.",
}

# Runs faq-lint as its child and prints that child's peak memory, in kB on Linux
# (bytes on macOS).
MEASURE = (
    "import resource, subprocess, sys\n"
    "run = subprocess.run([sys.executable, '-m', 'faq_lint', *sys.argv[1:]],"
    " capture_output=True, text=True)\n"
    "print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.stderr.write(run.stderr)\n"
)


def _peak_mb(path: Path, report: Path, *options: str) -> tuple[int, float, dict[str, object]]:
    """Exit status, peak memory (MB) and JSON report of a run of faq-lint on ``path``."""
    command = [sys.executable, "-c", MEASURE, str(path), "--no-cache", "--format", "json"]
    command += ["-o", str(report), *options]
    done = subprocess.run(command, capture_output=True, text=True, cwd=path.parent, timeout=600)
    assert done.returncode == 0, done.stderr
    status, peak = (int(part) for part in done.stdout.split())
    assert "Traceback" not in done.stderr, done.stderr
    peak_mb = peak / 1024 if sys.platform != "darwin" else peak / MB
    return status, peak_mb, json.loads(report.read_text(encoding="utf-8"))


def _words(rng: random.Random, size: int, vocabulary: list[str]) -> list[str]:
    chosen: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(vocabulary)
        chosen.append(word)
        total += len(word) + 1
    return chosen


def _vocabulary(rng: random.Random, count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(count)]


def _jsonl(path: Path, entries: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


def _codes(report: dict[str, object]) -> list[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [str(f["rule"]) for f in findings]


@pytest.mark.parametrize("kind", ["varied", "repeated", "all-distinct"])
def test_one_4mb_answer_beside_another_entry(tmp_path: Path, kind: str) -> None:
    rng = random.Random(14)
    if kind == "varied":  # words from a vocabulary of 5,000: many distinct 3-grams
        answer = _words(rng, 4_000_000, _vocabulary(rng, 5000))
    elif kind == "repeated":  # one word 800,000 times
        answer = ["pain"] * 800_000
    else:  # every word new (a vocabulary as big as the answer)
        answer = _words(rng, 4_000_000, _vocabulary(rng, 500_000))
    entries = [{"question": "What is in the long answer?", "answer": " ".join(answer)}, OTHER]
    path = _jsonl(tmp_path / "long.jsonl", entries)
    assert path.stat().st_size > 4_000_000
    status, peak, report = _peak_mb(path, tmp_path / "report.json", "--select", "FAQ604")
    assert peak < LIMIT_MB, f"peak memory {peak:.0f} MB for a {path.stat().st_size} byte file"
    assert "FAQ604" not in _codes(report)  # the two answers are nothing alike
    assert status == 0


def test_a_4mb_single_line_text_page(tmp_path: Path) -> None:
    """The same in a plain-text page: the long answer is one line of the file."""
    rng = random.Random(15)
    answer = " ".join(_words(rng, 4_000_000, _vocabulary(rng, 5000)))
    path = tmp_path / "long.txt"
    path.write_text(
        f"What is in the long answer?\n\n{answer}\n\n{OTHER['question']}\n\n{OTHER['answer']}\n",
        encoding="utf-8",
    )
    _, peak, report = _peak_mb(path, tmp_path / "report.json", "--select", "FAQ604")
    assert peak < LIMIT_MB, f"peak memory {peak:.0f} MB"
    assert "FAQ604" not in _codes(report)


def test_two_long_near_copies_are_still_found(tmp_path: Path) -> None:
    """Two 2 MB answers, one word apart: found as near copies, memory still bounded, and
    the finding quotes their shared wording."""
    rng = random.Random(16)
    first = _words(rng, 2_000_000, _vocabulary(rng, 5000))
    second = list(first)
    second[len(second) // 2] = "changed"
    entries = [
        {"question": "What is in the long answer?", "answer": " ".join(first)},
        {"question": "What else is in the long answer?", "answer": " ".join(second)},
        OTHER,
    ]
    path = _jsonl(tmp_path / "copies.jsonl", entries)
    _, peak, report = _peak_mb(path, tmp_path / "report.json", "--select", "FAQ604")
    assert peak < LIMIT_MB, f"peak memory {peak:.0f} MB"
    findings = report["findings"]
    assert isinstance(findings, list) and len(findings) == 1
    assert findings[0]["rule"] == "FAQ604"
    assert " ".join(first[:5]) in findings[0]["message"]


def test_signatures_in_blocks_equal_signatures_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing a long answer a block at a time gives the very same MinHash signatures
    (so the same candidates and verdicts) as hashing it at once."""
    rng = random.Random(17)
    vocabulary = _vocabulary(rng, 300)
    texts = [" ".join(_words(rng, rng.randint(20, 20_000), vocabulary)) for _ in range(12)]
    texts += ["pain " * 3000, "one two", "", "a b c"]
    token_lists = [duplicates.words(t) for t in texts]

    def signatures(block_values: int) -> object:
        monkeypatch.setattr(duplicates, "MINHASH_BLOCK_VALUES", block_values)
        return duplicates.minhashes(duplicates.shingle_codes(token_lists), 64)

    at_once = signatures(1 << 40)  # one block per text: every code hashed at once
    for block_values in (64, 64 * 7, 64 * 1000, duplicates.MINHASH_BLOCK_VALUES):
        assert (signatures(block_values) == at_once).all()  # type: ignore[attr-defined]
