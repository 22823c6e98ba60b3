"""Shared fixtures: paths to the repository, its seed page and ../shared."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Report
from faq_lint.rulepack import default_pack_dir
from faq_lint.text import medication
from faq_lint.text.spelling import Lexicon

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "piriformis-syndrome.txt"
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the start-up data cache (faq_lint.datacache) of a test run out of ~/.cache.

    Set before any test runs so command-line runs in subprocesses inherit it; the first
    test to need some data builds it (the cold path), later ones load it (the warm path).
    """
    if "FAQ_LINT_DATA_CACHE" not in os.environ:
        os.environ["FAQ_LINT_DATA_CACHE"] = tempfile.mkdtemp(prefix="faq-lint-data-cache-")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (corpora and eval sets) is not beside the repo")
    return path


def lint_folder(
    folder: Path,
    select: Sequence[str],
    options: dict[str, dict[str, object]] | None = None,
    named: Sequence[str] | None = None,
) -> Report:
    """Lint a folder as its own project (configured paths = the folder), or some files in it."""
    config = Config(paths=[str(folder)], rules=options or {})
    config.root = str(folder)
    return lint(list(named) if named else [str(folder)], config, select=list(select))


def copy_pages(source: Path, target: Path, *names: str) -> Path:
    """Copy fixture pages ``names`` from ``source`` into ``target``; return ``target``."""
    for name in names:
        shutil.copy(source / name, target / name)
    return target


def default_lexicon() -> Lexicon:
    """A spelling lexicon built from the default pack's word lists."""
    words = default_pack_dir() / "words"
    return Lexicon.build(
        word_files=[str(words / "medical.txt"), str(words / "common.txt")],
        drug_files=[str(words / "drug-words.txt")],
        eponym_file=str(words / "eponyms.txt"),
        variant_file=str(words / "us-uk.txt"),
        part_file=str(words / "word-parts.txt"),
    )


def default_medication_lexicon() -> medication.Lexicon:
    """The medication lexicon of the default pack (what FAQ301 and FAQ402 use)."""
    folder = default_pack_dir() / "medical"
    return medication.load_lexicon(
        folder / "medicines.txt",
        folder / "medication-terms.yaml",
        folder / "claim-patterns.yaml",
    )
