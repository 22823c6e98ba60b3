"""The speed-ups of the duplicate rules give what the plain code gives: word lists, MinHash
signatures in plain Python and with numpy, near-duplicate pairs, LSH bands, question
intents from the data cache compiled when first used."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_path

from faq_lint.checks import duplicates
from faq_lint.parsers import parse_file
from faq_lint.rulepack import default_pack_dir
from faq_lint.text.normalize import _APOSTROPHES, WORD, fold, words


def _answers() -> list[str]:
    pages = sorted((FIXTURES / "duplicates").glob("*.txt"))
    pages += sorted((FIXTURES / "parsers" / "covid").glob("*.jsonl"))
    pages.append(FIXTURES / "parsers" / "medquad" / "medquad-sample.jsonl")
    return [e.answer for page in pages for e in parse_file(str(page)).entries if e.answer]


def _plain_words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower())


def test_words_and_fold_match_the_plain_definitions() -> None:
    samples = _answers() + [
        "Don't stop; rock'n'roll isn't 'quoted' - it's 90's `style` and l’été.",
        "Ｆｕｌｌ-width ＡＢＣ, ﬁ ligature, İstanbul, straße, x_y, a''b, 'tis, abc'",
        "",
        "''' ' `",
    ]
    rng = random.Random(8)
    alphabet = "ab'z09 -.,\t\nAZ`é’_ﬁ"
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(3000)
    ]
    for text in samples:
        assert words(text) == _plain_words(text), text
        plain = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
        assert fold(text) == plain


def test_python_and_numpy_signatures_are_the_same() -> None:
    pytest.importorskip("numpy")
    texts = _answers() + ["one", "one two", "", "one two three"]
    token_lists = [words(t) for t in texts]
    bands, rows = duplicates.lsh_bands(0.3, 64)
    plain = duplicates._PythonSignatures(token_lists, 64, bands, rows)
    numpy_rows = duplicates.minhashes(duplicates.shingle_codes(token_lists), 64)
    compared = 0
    for index, tokens in enumerate(token_lists):
        if tokens:
            assert tuple(int(x) for x in numpy_rows[index]) == plain.signatures[index]
            compared += 1
    assert compared > 30


def _near_pairs(texts: list[str], small: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(duplicates, "SMALL_MINHASH_WORK", 10**12 if small else -1)
        return duplicates.similar_texts(texts, 0.85)


def test_near_duplicate_answers_are_the_same_without_numpy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = _answers()
    edited = [re.sub(r"\bthe\b", "a", a, count=1) for a in answers[::3]]
    texts = answers + edited
    found = _near_pairs(texts, small=True, monkeypatch=monkeypatch)
    assert found == _near_pairs(texts, small=False, monkeypatch=monkeypatch)
    assert len(found) >= len(edited) // 2  # type: ignore[arg-type]


def test_near_duplicate_answers_on_a_real_corpus_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = shared_path("corpora", "medquad", "medquad.jsonl")
    with corpus.open(encoding="utf-8") as handle:
        answers = [json.loads(line)["answer"] for _, line in zip(range(400), handle, strict=False)]
    texts = [a for a in answers if a]
    found = _near_pairs(texts, small=True, monkeypatch=monkeypatch)
    assert found and found == _near_pairs(texts, small=False, monkeypatch=monkeypatch)


def test_lsh_bands_come_from_the_data_cache_unchanged() -> None:
    for threshold, num_perm in ((0.3, 64), (0.5, 32)):
        duplicates.lsh_bands.cache_clear()
        assert duplicates.lsh_bands(threshold, num_perm) == duplicates._lsh_bands(
            threshold, num_perm
        )
    assert duplicates.lsh_bands(0.3, 64) == (21, 3)


def test_intents_come_from_the_data_cache_and_compile_when_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(tmp_path))
    path = str(default_pack_dir() / "question-intents.yaml")
    fresh = duplicates.intent_data(path)
    built = duplicates.load_intents.__wrapped__(path)  # builds and stores it
    assert list(tmp_path.glob("question-intents-*.bin"))
    loaded = duplicates.load_intents.__wrapped__(path)  # reads it
    pages = sorted((FIXTURES / "duplicates").glob("*.txt"))
    questions = [e.question for page in pages for e in parse_file(str(page)).entries]
    eager = [(name, re.compile(source)) for name, source in fresh["intent_sources"]]
    for data in (built, loaded):
        assert data.intent_sources == fresh["intent_sources"]
        assert data.intent_words == fresh["intent_words"] and data.synonyms == fresh["synonyms"]
        assert "intents" not in vars(data)  # not compiled until used
        found = [duplicates.question_intents(q, data.intents) for q in questions]
        assert found == [duplicates.question_intents(q, eager) for q in questions]
        assert sum(bool(f) for f in found) > 10
