"""The spelling rules' fast paths give the results of the slow ones: the lexicon read from
the data cache, unpacked group by group, and the memo of words found fine."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, default_lexicon, shared_path

from faq_lint.text import spelling
from faq_lint.text.spelling import Lexicon, find_issues


def everything(lexicon: Lexicon) -> tuple[Any, ...]:
    lexicon.unpack_all()
    drugs = {first: sorted(names) for first, names in lexicon._drugs_by_start.items()}
    return (
        lexicon.english,
        lexicon.extra,
        lexicon.eponyms,
        lexicon.parts,
        lexicon.us_to_uk,
        lexicon.uk_to_us,
        drugs,
        lexicon.letters,
        lexicon.longest,
    )


def test_lexicon_from_the_data_cache_equals_one_built_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", "off")
    spelling._english.cache_clear()
    reference = everything(default_lexicon())

    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(tmp_path))
    spelling._english.cache_clear()
    written = everything(default_lexicon())
    kinds = {path.name.split("-")[1] for path in tmp_path.iterdir()}
    assert {"english", "words", "drugs"} <= kinds

    def fail(*args: object) -> Any:
        raise AssertionError("built again although the data cache holds it")

    monkeypatch.setattr(spelling, "_build_english", fail)
    monkeypatch.setattr(spelling, "read_word_file", fail)
    spelling._english.cache_clear()
    read = everything(default_lexicon())
    spelling._english.cache_clear()
    assert written == reference
    assert read == reference


def test_english_words_and_edits_are_pyspellchecker_s() -> None:
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    lexicon = default_lexicon()
    for word in ("ibuprofin", "recieve", "chromsome", "a", "zz", "nan", "12", "x" * 60):
        assert lexicon.edits(word) == checker.edit_distance_1(word), word
    lexicon.unpack_all()
    assert lexicon.english == dict(checker.word_frequency.dictionary)


def sample_texts() -> list[str]:
    texts = SEED.read_text(encoding="utf-8").split("\n\n")
    texts += [
        # each word first where it is fine, then where it is a problem
        'The term "physis" names the growth plate.',
        "The physis closes after puberty.",
        "A protein called cubilin helps.",
        "Low cubilin levels matter.",
        "Ask Dr. Mnire for advice.",
        "Mnire reported it first.",
        "The cant of the table.",
        "If you cant sleep, rest.",
        "Bells ring at noon.",
        "Bells palsy affects the face.",
        "Ask the Bodys clinic.",
        "Bodys cells need insulin.",
        "Orphanet lists it.",
        "Orphanet, a database, lists it.",
        "The self-massge helps. Self-massge helps.",
        "Take ibuprofin with food.",
    ]
    try:
        corpus = shared_path("corpora", "medquad", "medquad.jsonl")
    except pytest.skip.Exception:
        return texts
    with corpus.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, 400):
            record = json.loads(line)
            texts += [record["question"], record["answer"]]
    return texts


def test_lazy_unpacking_and_the_memo_of_fine_words_change_nothing() -> None:
    texts = sample_texts()
    fast = default_lexicon()  # unpacks as it goes and remembers words found fine
    slow = default_lexicon()
    slow.unpack_all()
    for text in texts:
        assert find_issues(text, fast) == find_issues(text, slow), text
        slow.clean_tokens.clear()  # the reference never skips a word
    assert fast.clean_tokens  # the memo was used


@pytest.mark.parametrize("method", ["known", "common", "frequency", "in_english", "known_form"])
def test_each_lookup_unpacks_what_it_needs(method: str) -> None:
    reference = default_lexicon()
    reference.unpack_all()
    medical = sorted(reference.extra - reference.english.keys())[::97]
    english = sorted(reference.english)[::401]
    words = medical + english + ["statin", "symptomsthe", "zqxv", "colour", "bodys"]
    lexicon = default_lexicon()  # each word is looked up once, its group still packed
    for word in words:
        args = (word, 1000) if method == "common" else (word,)
        expected = getattr(reference, method)(*args)
        assert getattr(lexicon, method)(*args) == expected, word


def test_names_of_the_page_still_apply_to_remembered_words() -> None:
    lexicon = default_lexicon()
    text = "Mnire reported it first."
    assert [i.word for i in find_issues(text, lexicon)] == ["Mnire"]
    assert find_issues(text, lexicon, names={"mnire"}) == []
    assert [i.word for i in find_issues(text, lexicon)] == ["Mnire"]
