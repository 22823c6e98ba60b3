"""One Ctrl-C stops a parallel run at once and quietly (issue 14, item 3).

A terminal sends Ctrl-C (SIGINT) to every process of the foreground process group: the
faq-lint process, its per-file workers and the child working out the whole-corpus rules.
Each test starts ``python -m faq_lint --jobs 2`` in a session of its own on a corpus big
enough for the parallel path (written here), waits until the children run, sends one
SIGINT to the whole group as a terminal does, and checks: exit status 130, one line on
standard error and no traceback, no process of the run left, the ``-o`` file untouched.

Before the fix the workers printed tracebacks, and the run hung (until a second Ctrl-C)
when the corpus child had its findings ready: it blocked writing them to a pipe nobody
read, and the parent waited for it at exit. That happened in some tries only, so each
case is tried several times, at different moments of the run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import faq_lint.parallel

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/self/stat") or not faq_lint.parallel.can_fork(),
    reason="needs /proc (to find the run's processes) and the fork start method (Linux)",
)

ENTRIES = 4000  # well over parallel.MIN_PARALLEL_ENTRIES: the parallel path is used
HANG = 60  # seconds: a run still going this long after one Ctrl-C has hung
START = 300  # seconds the run may take to start its children on a busy machine

WORDS = (
    (
        "your doctor or nurse may ask about blood pressure medicine, the dose of the tablets, "
        "how often you take them, fever, cough, rest and fluids, a vaccine appointment at the "
        "pharmacy, side effects on the heart, kidney or liver, exercise, diet, sleep, stress, "
        "children, adults, pregnancy, breastfeeding, allergy, infection and treatment"
    )
    .replace(",", "")
    .split()
)


def _write_corpus(path: Path) -> None:
    """A JSON Lines FAQ of ENTRIES entries; every third answer repeats an earlier one, so
    the duplicate rules have thousands of findings to send back (more than a pipe holds)."""
    rng = random.Random(14)
    answers: list[str] = []
    with path.open("w", encoding="utf-8") as stream:
        for number in range(ENTRIES):
            topic = " ".join(rng.choice(WORDS) for _ in range(4))
            question = f"What should I know about {topic} (question {number})?"
            if answers and number % 3 == 0:
                answer = rng.choice(answers)
            else:
                sentences = [
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize()
                    for _ in range(rng.randint(3, 7))
                ]
                answer = ". ".join(sentences) + "."
                answers.append(answer)
            record = {"id": f"q{number}", "question": question, "answer": answer}
            stream.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interrupt") / "faq.jsonl"
    _write_corpus(path)
    return path


def _session(session: int) -> list[int]:
    """The live (not yet ended) processes of a session, from /proc."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        state, process_session = fields[0], int(fields[3])
        if process_session == session and state not in ("Z", "X"):  # Z: ended, not reaped
            found.append(int(name))
    return found


def _interrupt_once(
    corpus: Path, output: Path, extra: list[str], children: int, delay: float
) -> tuple[int, str, str, list[int]]:
    """Run faq-lint, send one Ctrl-C to its process group when it has ``children``
    children (and ``delay`` seconds more), and return its exit status, its output and
    the processes of its session left once it has ended."""
    command = [sys.executable, "-m", "faq_lint", str(corpus), "--jobs", "2", "--no-cache"]
    command += ["--format", "json", "-o", str(output), *extra]
    run = subprocess.Popen(
        command,
        cwd=corpus.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    try:
        waited = time.monotonic()
        while len(_session(run.pid)) < 1 + children:
            assert run.poll() is None, f"faq-lint ended before its children started: {command}"
            assert time.monotonic() - waited < START, "faq-lint never started its children"
            time.sleep(0.01)
        time.sleep(delay)
        assert run.poll() is None, "faq-lint ended before the Ctrl-C: use a bigger corpus"
        os.killpg(run.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
        try:
            out, err = run.communicate(timeout=HANG)
        except subprocess.TimeoutExpired:
            pytest.fail(f"faq-lint hung after one Ctrl-C (still running {HANG} s later)")
        return run.returncode, out, err, _session(run.pid)
    finally:
        if run.poll() is None or _session(run.pid):
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()


# (rules, children to wait for, extra seconds): all rules, and the per-file readability
# rules with the duplicate rules, whose corpus child finishes early and then has
# thousands of findings to send. 1 child: the corpus child only (the parent is still
# warming up); 3: the corpus child and two workers.
MOMENTS = [
    pytest.param([], 1, 0.0, id="all-rules-corpus-child-only"),
    pytest.param([], 3, 0.0, id="all-rules-workers-starting"),
    pytest.param([], 3, 0.4, id="all-rules-workers-busy"),
    pytest.param(["--select", "FAQ1,FAQ6"], 1, 0.2, id="duplicates-corpus-child-only"),
    pytest.param(["--select", "FAQ1,FAQ6"], 3, 0.0, id="duplicates-workers-starting"),
    pytest.param(["--select", "FAQ1,FAQ6"], 3, 0.5, id="duplicates-workers-busy"),
]


@pytest.mark.parametrize(("extra", "children", "delay"), MOMENTS)
def test_one_ctrl_c_stops_a_parallel_run_quietly(
    corpus: Path, tmp_path: Path, extra: list[str], children: int, delay: float
) -> None:
    for attempt in range(3):  # the hang came in some tries only
        output = tmp_path / f"report-{attempt}.json"
        before = None
        if attempt != 1:  # an existing report stays as it was; a missing one is not made
            before = '{"an earlier report": "kept"}\n'
            output.write_text(before, encoding="utf-8")
        status, out, err, left = _interrupt_once(corpus, output, extra, children, delay)
        assert "Traceback" not in err, err
        assert err == "faq-lint: interrupted\n"
        assert out == ""
        assert status == 130
        assert left == [], f"processes of the run still alive after it ended: {left}"
        if before is None:
            assert not output.exists()
        else:
            assert output.read_text(encoding="utf-8") == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_run_that_is_not_interrupted_leaves_no_process(corpus: Path, tmp_path: Path) -> None:
    """The children end with the run when nothing stops it early, too."""
    output = tmp_path / "report.json"
    command = [sys.executable, "-m", "faq_lint", str(corpus), "--jobs", "2", "--no-cache"]
    command += ["--select", "FAQ6", "--format", "json", "-o", str(output)]
    run = subprocess.Popen(
        command,
        cwd=corpus.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, err = run.communicate(timeout=START)
        assert run.returncode == 1, err
        assert _session(run.pid) == []
    finally:
        if _session(run.pid):
            os.killpg(run.pid, signal.SIGKILL)
    assert json.loads(output.read_text(encoding="utf-8"))["findings"]
