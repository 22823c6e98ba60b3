"""Session-3 fast paths of the spelling, medication-claim, dose and empty-answer rules give
the answers of the plain computations, on real FAQ text (the seed page, the medical
fixtures and, when ../shared is there, MedQuAD records)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re

import pytest
from conftest import FIXTURES, SEED, default_lexicon, default_medication_lexicon, shared_path

from faq_lint.checks import empty_answer
from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules
from faq_lint.models import Entry, Position
from faq_lint.rulepack import default_pack_dir
from faq_lint.text import spelling
from faq_lint.text.medication import (
    TOKEN,
    Lexicon,
    Token,
    _may,
    _tokenize,
    tokenize,
    words_of,
)
from faq_lint.text.prefilter import folded, may_match
from faq_lint.text.sentences import split_sentences
from faq_lint.text.spelling import find_issues, page_words

MEDICAL = default_pack_dir() / "medical"
ODD = "İbuprofen and ASPİRİN; the Kelvin sign K 5 mg; ſtatins; don’t take ‘two’ tablets."


def _records(count: int) -> list[dict[str, str]]:
    try:
        corpus = shared_path("corpora", "medquad", "medquad.jsonl")
    except pytest.skip.Exception:
        return []
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in itertools.islice(handle, count)]


@pytest.fixture(scope="module")
def answers() -> list[str]:
    found = [SEED.read_text(encoding="utf-8"), ODD]
    for path in sorted((FIXTURES / "medical").iterdir()):
        if path.suffix in (".txt", ".md", ".yaml"):
            found.append(path.read_text(encoding="utf-8"))
    found += [r["answer"] for r in _records(1500) if r["answer"].strip()]
    return found


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_medication_lexicon()


# -- spelling: the page sorts out its texts up front ---------------------------------------


def _page_texts() -> list[str]:
    texts = SEED.read_text(encoding="utf-8").split("\n\n")
    texts += [
        "The physis closes. Bells palsy affects the face. Bells ring.",
        "If you cant sleep, rest. Mnire reported it first. Ask Dr. Mnire.",
        "Take ibuprofin with food. The self-massge helps. options.The end",
    ]
    texts += texts[:3]  # repeated texts count again
    for record in _records(300):
        texts += [record["question"], record["answer"]]
    return texts


def test_a_page_sorted_with_a_lexicon_finds_what_checking_every_word_finds() -> None:
    texts = _page_texts()
    fast = default_lexicon()
    page = page_words(texts, fast)
    plain = page_words(texts)
    assert (page.names, page.counts) == (plain.names, plain.counts)
    assert page.unclean  # some texts do need checking
    slow = default_lexicon()
    slow.unpack_all()
    for text in texts:
        slow.clean_tokens.clear()  # the reference checks every word
        expected = find_issues(text, slow, page.names)
        assert find_issues(text, fast, page=page) == expected, text
        if expected:
            assert text in page.unclean, text  # a text with a problem is never skipped


def test_repeated_texts_are_counted_each_time() -> None:
    page = page_words(["Cubilin helps.", "Cubilin helps.", "cubilin"])
    assert page.counts["cubilin"] == 3


def test_a_page_built_with_another_lexicon_is_checked_word_by_word() -> None:
    texts = ["Take ibuprofin with food.", "Bodys cells need insulin."]
    page = page_words(texts, default_lexicon())
    other = default_lexicon()
    for text in texts:
        assert find_issues(text, other, page=page) == find_issues(text, default_lexicon())


# -- medication: tokens, mentions, the sentences that may name a medicine ------------------


def _plain_tokens(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in TOKEN.finditer(text)
    )


def test_tokens_made_in_c_equal_tokens_made_one_by_one(answers: list[str]) -> None:
    for answer in answers:
        for text in [answer] + [s.text for s in split_sentences(answer)]:
            assert _tokenize.__wrapped__(text) == _plain_tokens(text), text


def test_mentions_looking_only_at_the_term_lengths_a_word_begins(
    answers: list[str], lexicon: Lexicon
) -> None:
    # the reference tries every length, longest first, for every word (the plain search)
    every = tuple(range(lexicon.max_words, 0, -1))
    plain = dataclasses.replace(
        lexicon, long_starts={key.split(" ")[0]: every for key in lexicon.terms}
    )
    checked = 0
    for answer in answers:
        for sentence in split_sentences(answer):
            tokens = tokenize(sentence.text)
            for generic in (False, True):
                found = lexicon.mentions(sentence.text, tokens, generic)
                assert found == plain.mentions(sentence.text, tokens, generic)
                checked += bool(found)
    assert checked


def test_only_the_sentences_holding_an_anchor_can_claim_or_recommend(
    answers: list[str], lexicon: Lexicon
) -> None:
    claims = 0
    for answer in answers:
        for generic in (False, True):
            anchors = lexicon.named_anchors(answer, generic)
            sentences = split_sentences(answer)
            kept = set(lexicon.naming_sentences(answer, sentences, anchors))
            for index, sentence in enumerate(sentences):
                claim = lexicon.claim_in(sentence, generic, 12, anchors)
                recommends = lexicon.recommends(sentence, generic, anchors)
                if index not in kept:
                    assert claim is None and not recommends, sentence.text
                claims += claim is not None
    assert claims


def test_remembered_anchors_and_mentions_equal_fresh_ones(
    answers: list[str], lexicon: Lexicon
) -> None:
    for answer in answers[:300]:
        for generic in (False, True):
            assert lexicon.named_anchors(answer, generic) == lexicon._named_anchors(answer, generic)
            for sentence in split_sentences(answer):
                tokens = tokenize(sentence.text)
                assert lexicon._sentence_mentions(
                    sentence.text, tokens, generic
                ) == lexicon.mentions(sentence.text, tokens, generic)


# -- empty answer: one word is enough --------------------------------------------------------


@pytest.mark.parametrize("answer", ["", "   ", "— …", "(1)", "a", "Yes.", " \n* –\n", "é è"])
def test_empty_answer_shortcut_counts_as_the_word_count_does(answer: str) -> None:
    config = Config(cache=False)
    rule = next(r for r in select_rules(all_rules(config), config) if r.spec.code == "FAQ003")
    entry = Entry(id="1", question="What is it?", answer=answer, question_position=Position())
    found = [hit.args for hit in empty_answer.check_entry(entry, None, rule)]  # type: ignore[arg-type]
    words = [w for w in answer.split() if re.search("[A-Za-z0-9]", w)]
    assert found == ([{"words": 0}] if not words else [])


def _plain_anchors(lexicon: Lexicon, text: str, generic: bool) -> set[str]:
    """Lexicon.named_anchors as first written: every word of the text in a set."""
    words = words_of(text)
    found = set()
    for anchor in lexicon.anchors.keys() & words:
        raw = lexicon.anchors[anchor]
        if not generic and anchor in lexicon.specific_anchors:
            raw = lexicon.specific_anchors[anchor]
        if raw is None:
            continue
        needs = [frozenset(part.split(" ")) for part in raw.split("|")] if raw else []
        if not raw or any(need <= words for need in needs):
            found.add(anchor)
    return found


def test_anchors_found_without_a_set_of_every_word(answers: list[str], lexicon: Lexicon) -> None:
    several = 0
    for answer in answers:
        for text in [answer] + [s.text for s in split_sentences(answer)]:
            for generic in (False, True):
                found = set(lexicon._named_anchors(text, generic))
                assert found == _plain_anchors(lexicon, text, generic), text
                several += any(lexicon.anchors[a] for a in found)
    assert several  # terms of several words were among them


def test_sentences_out_of_order_are_each_tested(answers: list[str], lexicon: Lexicon) -> None:
    for answer in answers[:200]:
        anchors = lexicon.named_anchors(answer)
        sentences = split_sentences(answer)
        backwards = sentences[::-1]
        ordered = {sentences[i].start for i in lexicon.naming_sentences(answer, sentences, anchors)}
        found = lexicon.naming_sentences(answer, backwards, anchors)
        assert {backwards[i].start for i in found} == ordered


def test_has_amount_is_whether_amounts_finds_one(answers: list[str], lexicon: Lexicon) -> None:
    seen = 0
    for answer in answers:
        for sentence in split_sentences(answer):
            expected = bool(lexicon.amounts(sentence.text))
            assert lexicon.has_amount(sentence.text) == expected, sentence.text
            seen += expected
    assert seen


def test_requirement_tests_in_plain_loops_equal_may_match(
    answers: list[str], lexicon: Lexicon
) -> None:
    patterns = [*lexicon.amount_patterns, *lexicon.schedule_patterns, *lexicon.referrals]
    outcomes = set()
    for answer in answers:
        for text in [answer] + [s.text for s in split_sentences(answer)]:
            lowered = folded(text)
            for pattern in patterns:
                expected = may_match(pattern.needs, lowered)
                assert _may(lexicon._quick_needs[id(pattern)], lowered) == expected
                outcomes.add(expected)
    assert outcomes == {True, False}


def test_known_edits_from_the_index_equal_the_known_among_all_edits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spelling, "_INDEX_AFTER", 0)  # the index from the first word on
    lexicon = default_lexicon()
    lexicon.unpack_all()
    odd = sorted(w for w in lexicon.english if not (w.isascii() and w.isalpha()))
    assert odd  # pyspellchecker has words with an apostrophe or an accent
    words = ["ibuprofin", "recieve", "chromsome", "dont", "childrens", "cafe", "naive", "zz"]
    words += [w.replace("'", "") for w in odd[::50]] + [w[:-1] for w in odd[::70]]
    words += [w[1:] for w in odd[::90]] + sorted(lexicon.english)[::997]
    accented = [w for w in odd if not w.isascii()]
    for w in accented[::3]:  # an accent dropped (an insert away) or replaced (a replace away)
        at = next(i for i, c in enumerate(w) if not c.isascii())
        words += [w[:at] + w[at + 1 :], w[:at] + "e" + w[at + 1 :]]
    for text in _page_texts()[:200]:
        words += [t.lower() for t in re.findall(r"[A-Za-z']{3,}", text)][:5]
    found = 0
    for word in words:
        expected = lexicon._known_among(lexicon.edits(word))
        assert lexicon._known_edits(word) == expected, word
        found += any(not w.isascii() for w in expected)
    assert found  # edits that are words with an accent were among them
    assert lexicon._odd_index is not None  # (the index was used)
