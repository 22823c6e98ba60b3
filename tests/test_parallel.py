"""Parallel linting (--jobs): the same report as one process, whatever the split."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, shared_path

import faq_lint.parallel
from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Report


def _report(paths: list[str], folder: Path, jobs: int) -> Report:
    config = Config(paths=[str(folder)], cache=False, baseline=None)
    config.root = str(folder)
    return lint(paths, config, jobs=jobs)


def _same(one: Report, two: Report) -> None:
    assert one.model_dump() == two.model_dump()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site: the seed page and the parser fixtures, in several formats."""
    shutil.copy(SEED, tmp_path / SEED.name)
    for path in sorted((FIXTURES / "parsers").glob("*.*")):
        if path.suffix in (".md", ".txt", ".yaml", ".json", ".jsonld", ".csv"):
            shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_parallel_report_equals_single_process(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faq_lint.parallel, "MIN_PARALLEL_ENTRIES", 1)
    monkeypatch.setattr(faq_lint.parallel, "TASKS_PER_WORKER", 50)  # split files into runs
    single = _report([str(site)], site, jobs=1)
    assert single.summary.entries > 20 and single.findings
    for jobs in (2, 3):
        _same(single, _report([str(site)], site, jobs=jobs))


def test_plan_splits_a_big_file_and_keeps_every_entry_once(site: Path) -> None:
    from faq_lint.parsers import parse_file

    documents = [parse_file(str(p)) for p in sorted(site.iterdir())]
    tasks = faq_lint.parallel.plan(documents, workers=4)
    for index, document in enumerate(documents):
        runs = sorted((t.start, t.end) for t in tasks if t.document == index)
        covered = [i for start, end in runs for i in range(start, end)]
        assert covered == list(range(len(document.entries)))
        assert sum(t.whole for t in tasks if t.document == index) == 1


def test_small_runs_stay_in_one_process(site: Path) -> None:
    assert faq_lint.parallel.MIN_PARALLEL_ENTRIES > 100
    assert faq_lint.parallel.worker_count(0) >= 1
    assert faq_lint.parallel.worker_count(3) == 3


def test_parallel_on_a_real_corpus_file() -> None:
    corpus = shared_path("corpora", "covid-faq-jhu", "covid-faq-jhu.jsonl")
    folder = corpus.parent
    one = _report([str(corpus)], folder, jobs=1)
    assert one.summary.entries >= faq_lint.parallel.MIN_PARALLEL_ENTRIES
    _same(one, _report([str(corpus)], folder, jobs=2))


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_jobs_option_refuses_nonsense(value: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "faq_lint", f"--jobs={value}", str(SEED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "--jobs" in result.stderr


def test_jobs_in_configuration_must_not_be_negative(tmp_path: Path) -> None:
    (tmp_path / "faq-lint.toml").write_text("jobs = -2\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "faq_lint", str(SEED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "jobs" in result.stderr
