"""Per-file rules on several cores.

The documents are parsed first; then worker processes are forked, so they share the
parsed documents and the rules' loaded data (word lists, lexicons) with the parent
instead of receiving copies. Work is cut into tasks of whole documents or, for a big
file such as a 47,000-entry JSON Lines corpus, runs of entries, so one large file is
spread over the cores as well as many small ones. Only the findings travel back.
Whole-corpus rules (duplicates, contradictions) run afterwards in the parent.

Parallel work pays only when there is enough of it: small runs (a pre-commit hook on
one page) stay in one process. ``jobs``: 1 = one process, 0 = one per core.
Needs the ``fork`` start method (Linux, macOS); elsewhere everything runs in one
process.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faq_lint.engine import (
    RuleSet,
    check_corpus,
    check_document,
    document_level_findings,
    entry_findings,
    to_finding,
)
from faq_lint.models import Document, Finding, Readability
from faq_lint.rulepack import RulePackError
from faq_lint.safety import internal_error
from faq_lint.text.readability import TextCounts, answer_counts, readability_of

if TYPE_CHECKING:
    from multiprocessing.pool import Pool
    from multiprocessing.process import BaseProcess

# multiprocessing is imported only for runs big enough to use it (a few ms of one page's run).

MIN_PARALLEL_ENTRIES = 600  # below this, starting workers costs more than it saves
WARM_UP_ENTRIES = 20  # entries the parent checks itself before the fork (loads the data)
TASKS_PER_WORKER = 8  # several tasks per worker even out their speeds
ENTRY_WEIGHT = 100  # the work of an entry besides its answer, in answer characters (measured)


@dataclass(frozen=True)
class Task:
    document: int  # index into the documents
    start: int  # first entry
    end: int  # entry after the last
    whole: bool  # also run the per-document rules


# Set in the parent just before the workers fork; the workers read their copy.
_SHARED: tuple[list[Document], RuleSet] | None = None


def worker_count(jobs: int) -> int:
    """How many processes ``jobs`` means here (0: one per usable core)."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


@contextmanager
def interrupt_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back while child processes are forked.

    A terminal sends Ctrl-C to every process of the run, children included. A child
    forked while SIGINT is held starts with it held, so it can ignore it
    (:func:`ignore_interrupt`) before a Ctrl-C could stop it with a traceback of its
    own. A Ctrl-C that came meanwhile reaches the parent when this ends.
    """
    held = hasattr(signal, "pthread_sigmask")
    if held:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def ignore_interrupt() -> None:
    """In a child: leave Ctrl-C to the parent, which ends its children itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def stop(process: BaseProcess) -> None:
    """End a child now (it may be blocked writing results nobody will read) and reap it."""
    if process.is_alive():
        process.terminate()
        process.join(1)
    if process.is_alive():
        process.kill()
    process.join()


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def plan(documents: list[Document], workers: int) -> list[Task]:
    """Tasks of about equal work, in document order.

    Work is measured in answer characters plus a fixed cost per entry: the per-entry
    rules' time grows with the answer (MedQuAD's first thousands of records have answers
    of thousands of characters, its last thousands none, so runs of equal entry counts
    took from 0.1 to 6 seconds and one core sat idle at the end).
    """
    weights = [[ENTRY_WEIGHT + len(e.answer) for e in d.entries] for d in documents]
    total = sum(sum(w) or ENTRY_WEIGHT for w in weights)
    target = max(50 * ENTRY_WEIGHT, total // (workers * TASKS_PER_WORKER))
    tasks: list[Task] = []
    for index, entry_weights in enumerate(weights):
        count = len(entry_weights)
        if sum(entry_weights) <= target:
            tasks.append(Task(index, 0, count, True))
            continue
        start, load = 0, 0
        for position, weight in enumerate(entry_weights):
            load += weight
            if load >= target:
                tasks.append(Task(index, start, position + 1, start == 0))
                start, load = position + 1, 0
        if start < count:
            tasks.append(Task(index, start, count, start == 0))
    return tasks


def _run(task: Task) -> tuple[int, list[Finding] | str, TextCounts]:
    """In a worker: the findings of one task (or the text of the error that stopped it),
    and the readability counts of its answers for the report's per-document figures
    (cheap here: the grade rule has just counted the same answers)."""
    assert _SHARED is not None
    documents, ruleset = _SHARED
    document = documents[task.document]
    try:
        found = document_level_findings(document, ruleset) if task.whole else []
        found += entry_findings(document, ruleset, task.start, task.end)
        counts = sum(
            (
                answer_counts(e.answer)
                for e in document.entries[task.start : task.end]
                if e.answer.strip()
            ),
            TextCounts(),
        )
    except RulePackError as exc:
        return task.document, f"rule-pack:{exc}", TextCounts()
    except Exception as exc:  # noqa: BLE001 - reported on the file, as in one process
        return task.document, f"{type(exc).__name__}: {exc}", TextCounts()
    return task.document, found, counts


def check_documents(documents: list[Document], ruleset: RuleSet, jobs: int) -> list[list[Finding]]:
    """The per-file findings of each document, on up to ``jobs`` processes."""
    return check_documents_and_figures(documents, ruleset, jobs)[0]


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Keep the objects alive now (the parsed documents, the rules' data) out of the
    garbage collector's sight while the checks run.

    Every full collection walks all tracked objects: with a parsed 47,000-entry corpus
    (about a million objects) that made up a third of the CPU time of turning hits into
    findings. Frozen objects are skipped (and, in forked workers, their memory pages are
    not written to by the collector, so they stay shared). They are unfrozen afterwards;
    a caller that froze objects itself is left as it was.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def check_documents_and_figures(
    documents: list[Document], ruleset: RuleSet, jobs: int
) -> tuple[list[list[Finding]], list[Readability | None]]:
    """The per-file findings of each document and, when worked out by the workers, its
    readability figures for the report (None: let :func:`document_summary` work them out)."""
    with heap_frozen():
        return _check_documents_and_figures(documents, ruleset, jobs)


def _check_documents_and_figures(
    documents: list[Document], ruleset: RuleSet, jobs: int
) -> tuple[list[list[Finding]], list[Readability | None]]:
    workers = worker_count(jobs)
    entries = sum(len(d.entries) for d in documents)
    if workers <= 1 or entries < MIN_PARALLEL_ENTRIES or not can_fork() or not documents:
        return [check_document(d, ruleset) for d in documents], [None] * len(documents)
    tasks = plan(documents, workers)
    if tasks[0].end - tasks[0].start > WARM_UP_ENTRIES:  # the parent's share: a small one
        first = tasks[0]
        tasks[:1] = [
            Task(first.document, first.start, first.start + WARM_UP_ENTRIES, first.whole),
            Task(first.document, first.start + WARM_UP_ENTRIES, first.end, False),
        ]
    results: list[list[Finding]] = [[] for _ in documents]
    counts: list[TextCounts] = [TextCounts() for _ in documents]
    failed: dict[int, str] = {}
    # The parent does the first task itself: that loads every rule's data once, before
    # the fork, so the workers inherit it instead of each loading its own.
    global _SHARED
    _SHARED = (documents, ruleset)
    pool: Pool | None = None
    try:
        outcomes = [_run(tasks[0])]
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with interrupt_held():  # the workers ignore Ctrl-C: the parent ends them
            pool = context.Pool(min(workers, len(tasks) - 1) or 1, initializer=ignore_interrupt)
        outcomes += pool.imap(_run, tasks[1:], chunksize=1)
    finally:
        _SHARED = None
        if pool is not None:  # done, or interrupted (Ctrl-C): end the workers either way
            pool.terminate()
            pool.join()
    for index, outcome, counted in outcomes:
        if isinstance(outcome, str):
            failed.setdefault(index, outcome)
        else:
            results[index].extend(outcome)
            counts[index] = counts[index] + counted
    figures: list[Readability | None] = [readability_of([c]) for c in counts]
    for index, error in failed.items():
        if error.startswith("rule-pack:"):
            raise RulePackError(error.removeprefix("rule-pack:"))
        document = documents[index]
        document.problems.append(internal_error(error))
        figures[index] = None
        results[index] = [
            to_finding(hit, rule, document)
            for rule, function in ruleset.document
            if rule.spec.check == "parse-problem"
            for hit in function(document, rule)  # type: ignore[operator]
        ]
    return results, figures


def corpus_findings(
    documents: list[Document], ruleset: RuleSet, named: set[str] | None
) -> list[Finding]:
    """Whole-corpus findings, worked out in a forked child process for a big corpus.

    The duplicate and contradiction rules build large indexes (shingles, TF-IDF vectors,
    a model of every sentence); in a child process their memory is handed back to the
    system when it ends, so the parent's peak while it renders the report stays low
    (on all of MedQuAD: about 0.9 GB instead of over 1 GB). Small runs stay in-process.
    """
    return CorpusJob(documents, ruleset, named).result()


class CorpusJob:
    """Whole-corpus rules started now, their findings collected with :meth:`result`.

    For a big corpus the work runs in a forked child, so the parent can go on with
    the per-file rules at the same time (``--jobs`` 2 or more) and the child's memory
    is freed when it ends. A small corpus is worked out in :meth:`result`, in-process.
    """

    def __init__(self, documents: list[Document], ruleset: RuleSet, named: set[str] | None):
        self.documents = documents
        self.ruleset = ruleset
        self.named = named
        self.process: BaseProcess | None = None
        entries = sum(len(d.entries) for d in documents)
        if entries < MIN_PARALLEL_ENTRIES or not can_fork():
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)

        def child() -> None:
            # What the child inherits (the documents) is never garbage here: the collector
            # need not walk it, nor write to (and so copy) its memory pages. And the corpus
            # rules make next to no reference cycles (a few hundred objects on MedQuAD,
            # against millions of objects they keep): collecting is switched off for the
            # child's short life (on MedQuAD 15% of its CPU time).
            gc.freeze()
            gc.disable()
            ignore_interrupt()  # on Ctrl-C the parent ends this process (see stop_children)
            try:
                outcome: tuple[str, object]
                try:
                    outcome = ("ok", check_corpus(documents, ruleset, named))
                except RulePackError as exc:
                    outcome = ("rule-pack", str(exc))
                except Exception as exc:  # noqa: BLE001 - the parent reports it
                    outcome = ("error", f"{type(exc).__name__}: {exc}")
                send.send(outcome)
            except OSError:  # the parent has stopped listening (it was interrupted)
                pass
            finally:
                send.close()

        # Daemonic: should the parent end without collecting the result (Ctrl-C, an
        # error, a library caller that never asks), the child is ended at exit, not
        # waited for (it would wait forever, blocked writing findings nobody reads).
        self.process = context.Process(target=child, name="faq-lint-corpus", daemon=True)
        with interrupt_held():
            self.process.start()
            _RUNNING.add(self)
        send.close()

    def result(self) -> list[Finding]:
        if self.process is None:
            return check_corpus(self.documents, self.ruleset, self.named)
        try:
            status, payload = self.receive.recv()
        except EOFError:  # the child died (killed, out of memory): do the work here
            status, payload = "lost", None
        except BaseException:  # Ctrl-C while waiting: end the child, do not wait for it
            self.stop()
            raise
        finally:
            self.receive.close()
        self.process.join()  # it has sent its findings (or died): it ends by itself
        _RUNNING.discard(self)
        if status == "ok":
            return list(payload)
        if status == "rule-pack":
            raise RulePackError(str(payload))
        if status == "error":
            raise RuntimeError(str(payload))
        return check_corpus(self.documents, self.ruleset, self.named)

    def stop(self) -> None:
        """End the child process (when it has not ended already) and reap it."""
        _RUNNING.discard(self)
        if self.process is not None:
            stop(self.process)


# Corpus jobs whose child may still run: ended by stop_children on Ctrl-C.
_RUNNING: set[CorpusJob] = set()


def stop_children() -> None:
    """End every child process this run started and has not collected (on Ctrl-C).

    The per-file workers are ended where they were started; a corpus child runs beside
    them and is collected only at the end, so an interrupted run ends it here.
    """
    for job in list(_RUNNING):
        job.stop()
