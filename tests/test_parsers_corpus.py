"""The issue's Done-when checks on the real corpora in ../shared (skipped when absent).

- every MedQuAD page parses to the number of pairs in ``pages/index.tsv``: all 196
  Markdown, all 196 YAML and (the issue asks for at least 193) all 196 text pages;
- the whole ``medquad.jsonl`` parses to 47,441 entries (31,034 with an empty answer);
- the COVID FAQ corpora parse to their record counts;
- every reported position really points at the question and answer text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import shared_path
from position_check import position_errors

from faq_lint.parsers import parse_file
from faq_lint.reading import read_source

BIG = 64 * 1024 * 1024  # medquad.jsonl is 33.5 MB, over the default max-file-size


def _pages() -> list[dict[str, str]]:
    index = shared_path("corpora", "medquad", "pages", "index.tsv")
    with open(index, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize(
    ("folder", "ext", "needed"), [("md", "md", 196), ("yaml", "yaml", 196), ("txt", "txt", 196)]
)
def test_medquad_pages_give_the_index_counts(folder: str, ext: str, needed: int) -> None:
    pages = _pages()
    assert len(pages) == 196
    base = shared_path("corpora", "medquad", "pages", folder)
    wrong: list[str] = []
    for row in pages:
        path = Path(base) / f"{row['page']}.{ext}"
        document = parse_file(str(path))
        if document.problems or len(document.entries) != int(row["pairs"]):
            wrong.append(f"{row['page']}: {len(document.entries)} != {row['pairs']}")
        elif document.stray_text:
            wrong.append(f"{row['page']}: stray text {document.stray_text[0].text[:40]!r}")
    assert len(pages) - len(wrong) >= needed, wrong


@pytest.mark.parametrize("folder", ["md", "yaml", "txt"])
def test_medquad_page_positions_point_at_the_text(folder: str) -> None:
    base = shared_path("corpora", "medquad", "pages", folder)
    errors: list[str] = []
    for path in sorted(Path(base).iterdir()):
        document = parse_file(str(path))
        errors.extend(
            f"{path.name}: {e}" for e in position_errors(document, read_source(str(path)).text)
        )
    assert errors == []


def test_medquad_jsonl_parses_to_every_record() -> None:
    path = shared_path("corpora", "medquad", "medquad.jsonl")
    document = parse_file(str(path), max_bytes=BIG)
    assert document.problems == []
    assert len(document.entries) == 47_441
    assert sum(1 for e in document.entries if not e.answer) == 31_034
    assert len({e.id for e in document.entries}) == 47_441
    assert document.entries[0].id == "CancerGov-0000001_1-1"


@pytest.mark.parametrize(("corpus", "count"), [("covid-faq-deepset", 130), ("covid-faq-jhu", 878)])
def test_covid_corpora_parse_with_positions(corpus: str, count: int) -> None:
    path = shared_path("corpora", corpus, f"{corpus}.jsonl")
    document = parse_file(str(path))
    assert document.problems == []
    assert len(document.entries) == count
    assert position_errors(document, read_source(str(path)).text) == []
