"""How the per-file work is cut into tasks, and the garbage collector around the checks."""

from __future__ import annotations

import gc

from conftest import FIXTURES

import faq_lint.parallel as parallel
from faq_lint.parsers import parse_file


def test_tasks_are_cut_by_answer_length_not_entry_count() -> None:
    sample = parse_file(str(FIXTURES / "parsers" / "medquad" / "medquad-sample.jsonl"))
    long_entries = [e for e in sample.entries if len(e.answer) > 1000]
    assert long_entries
    empty = sample.entries[0].model_copy(update={"answer": "", "paragraphs": []})
    # A corpus like MedQuAD: long answers first, then thousands of entries without one.
    document = sample.model_copy(update={"entries": long_entries * 100 + [empty] * 5000})
    tasks = parallel.plan([document], workers=2)
    covered = [i for t in tasks for i in range(t.start, t.end)]
    assert covered == list(range(len(document.entries)))
    weights = [
        sum(parallel.ENTRY_WEIGHT + len(e.answer) for e in document.entries[t.start : t.end])
        for t in tasks
    ]
    target = sum(weights) // (2 * parallel.TASKS_PER_WORKER)
    biggest = max(parallel.ENTRY_WEIGHT + len(e.answer) for e in document.entries)
    assert max(weights) < target + biggest  # no task holds much more than its share
    assert tasks[-1].end - tasks[-1].start > 10 * (tasks[0].end - tasks[0].start)


def test_heap_is_frozen_during_the_checks_and_released_after() -> None:
    assert gc.get_freeze_count() == 0
    with parallel.heap_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller that froze objects itself is left as it was
    try:
        frozen = gc.get_freeze_count()
        with parallel.heap_frozen():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
