"""The speed-ups of the text rules give the same answers as the plain computations.

Each fast path (a cheap test before a regular expression, a word-set test before looking
for medicine names, counting read off shared work, faster syllable and hyphenation
look-ups) is checked against the straightforward computation it replaces, on real FAQ
text: the seed page, the medical fixtures and, when ../shared is there, MedQuAD answers.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, SEED, default_medication_lexicon, shared_path

from faq_lint.checks.plain_language import _WORD, TermIndex, build_index, load_terms
from faq_lint.rulepack import default_pack_dir
from faq_lint.text import prefilter
from faq_lint.text.citations import STYLES, load_finder
from faq_lint.text.disclaimers import DisclaimerPhrases, context_free
from faq_lint.text.medication import Lexicon, tokenize, words_of
from faq_lint.text.readability import (
    answer_counts,
    formula_text,
    hyphenation_points,
    list_words,
    sentence_word_counts,
    sentences_of,
    text_counts,
)
from faq_lint.text.sentences import (
    _BOUNDARY,
    _TAIL,
    _abbreviation_before,
    _word_kind,
    split_sentences,
)

PACK = default_pack_dir()
MEDICAL = PACK / "medical"


def _local_texts() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    for path in sorted((FIXTURES / "medical").iterdir()):
        if path.suffix in (".txt", ".md", ".yaml"):
            texts.append(path.read_text(encoding="utf-8"))
    # characters that lowercase or match case-insensitively in unusual ways
    texts.append("İbuprofen and ASPİRİN; the Kelvin sign K; ſtatins; ٣ tablets of iron.")
    texts.append("Do not take more than 4 g of paracetmol (acetaminophen) in 24 hours.")
    texts.append("A record\x1eseparator inside. Another sentence here, with 'quotes'.\x1e")
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Real answers: local fixtures, plus 1,500 MedQuAD answers when ../shared is there."""
    found = _local_texts()
    try:
        corpus = shared_path("corpora", "medquad", "medquad.jsonl")
    except pytest.skip.Exception:
        return found
    with open(corpus, encoding="utf-8") as handle:
        for line in itertools.islice(handle, 1500):
            found.append(json.loads(line)["answer"])
    return found


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_medication_lexicon()


def _yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# -- readability --------------------------------------------------------------------------


def test_answer_counts_equal_the_formula_text_counted_whole(texts: list[str]) -> None:
    for text in texts:
        assert answer_counts(text) == text_counts(formula_text(text))


def test_sentence_word_counts_equal_list_words_of_each_sentence(texts: list[str]) -> None:
    for text in texts:
        expected = [len(list_words(s.text)) for s in sentences_of(text)]
        assert list(sentence_word_counts(text)) == expected


def test_hyphenation_points_equal_pyphen(texts: list[str]) -> None:
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    words = {w for text in texts for w in list_words(text, lowercase=True)}
    words |= {"piriformis", "cyclobenzaprine", "x" * 40, "", "a", "İstanbul", "ſtraße"}
    for word in sorted(words):
        assert hyphenation_points(word) == len(hyphenator.positions(word)), word


def test_list_words_one_pass_equals_textstat_two_passes(texts: list[str]) -> None:
    apostrophe = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
    punctuation = re.compile(r"[^\w\s\']")
    for text in [*texts, "dogs' 'tis don't 'em rock'n'roll '' '.s"]:
        expected = punctuation.sub("", apostrophe.sub("", text)).split()
        assert list_words(text) == expected


# -- sentences ----------------------------------------------------------------------------


def test_abbreviation_test_on_the_tail_equals_the_whole_text(texts: list[str]) -> None:
    extra = (
        "See Dr. Smith, e.g. at the U.S. clinic; approx. 5 mg. Hello J. Doe. Fine. Take "
        "vitamin D. It helps. A gene called UBE3A. People with immunoglobulin A. deficiency."
    )
    for text in [*texts, extra, "abcdefghijklmnop.q e.g.x. a.", "immunoglobulin A."]:
        for match in _BOUNDARY.finditer(text):
            dot = match.start()
            if text[dot] == ".":
                tail = text[max(0, dot - _TAIL) : dot]
                assert _abbreviation_before(tail) == _word_kind(text, dot)


def test_sentences_are_bounded_by_white_space(texts: list[str]) -> None:
    # The whole-text prefilters rely on it (faq_lint.text.disclaimers.context_free): a
    # sentence begins and ends next to white space, or, where a full stop has no space
    # after it ("you.To"), ends with the full stop and the next begins with a letter
    # (``\b`` sees both places as it sees the ends of a string).
    glued = "We will call you.To get a test, visit the site."
    for text in [*texts, glued]:
        for bullets in (True, False):
            for sentence in split_sentences(text, bullets):
                before = text[sentence.start - 1] if sentence.start else " "
                after = text[sentence.end] if sentence.end < len(text) else " "
                assert before.isspace() or (before in ".!?" and sentence.text[0].isupper())
                assert after.isspace() or (sentence.text[-1] in ".!?" and after.isupper())
                assert text[sentence.start : sentence.end] == sentence.text
    assert [s.text for s in split_sentences(glued)][1].startswith("To get")


# -- regular-expression prefilters --------------------------------------------------------


def _data_patterns() -> list[re.Pattern[str]]:
    phrases = _yaml(MEDICAL / "disclaimer-phrases.yaml")
    claims = _yaml(MEDICAL / "claim-patterns.yaml")
    doses = claims["dose_patterns"]
    assert isinstance(doses, dict)
    sources = [
        *phrases["statements"],  # type: ignore[misc]
        *phrases["referrals"],  # type: ignore[misc]
        *phrases["check_with"],  # type: ignore[misc]
        *doses["amount"],
        *doses["schedule"],
        *claims["referral_patterns"],  # type: ignore[misc]
    ]
    return [re.compile(str(source), re.IGNORECASE) for source in sources]


def test_a_pattern_never_matches_text_without_the_words_it_needs(texts: list[str]) -> None:
    patterns = [(p, prefilter.requirements(p)) for p in _data_patterns()]
    assert sum(1 for _, needs in patterns if needs) >= len(patterns) - 1
    pieces = [s.text for text in texts for s in split_sentences(text)] + texts
    pieces += ["ask your doctor", "Take 2 tablets", "take ٣ tablets twice a day", "ſee a doctor"]
    for piece in pieces:
        lowered = prefilter.folded(piece)
        for pattern, needs in patterns:
            if pattern.search(piece):
                assert prefilter.may_match(needs, lowered), (pattern.pattern, piece)


def test_requirements_of_simple_patterns() -> None:
    def needs(source: str, flags: int = 0) -> list[set[str]]:
        return [set(words) for words in prefilter.requirements(re.compile(source, flags))]

    assert {"substitute", "replacement"} in needs(r"\bnot\s+(?:substitute|replacement)\s+for")
    assert {"not"} in needs(r"\bnot\s+(?:substitute|replacement)\s+for")
    assert needs(r"\b(?:ask|tell)?\s*x") == [{"x"}]  # an optional word is not needed
    assert needs(r"(?:a|)b") == [{"b"}]
    assert needs(r"\d+\s*mg") == [{"mg"}, {prefilter.DIGIT}]
    assert needs(r"[a-z]+") == []
    assert prefilter.may_match((), "anything")
    assert prefilter.folded("ſ") is None  # "ſ" matches "s" case-insensitively
    assert prefilter.folded("Take 2") == "take 2" + prefilter.DIGIT


def test_context_free_patterns() -> None:
    for source in (r"\bnot\s+a\s+substitute\b", r"[^.]{0,60}", r"\^x", r"[]^]", r"(?P<x>a)"):
        assert context_free(source), source
    for source in (r"^x", r"x$", r"a(?=b)", r"(?<!x)a", r"\Aa", r"a\Z", r"(?>a)", r"a++"):
        assert not context_free(source), source


def test_disclaimer_prefilter_equals_sentence_by_sentence(texts: list[str]) -> None:
    phrases = DisclaimerPhrases.from_data(_yaml(MEDICAL / "disclaimer-phrases.yaml"))
    assert phrases.prefilter, "the shipped wordings are context-free"
    extra = [
        "This information is not a substitute for advice from your doctor.",
        "Always seek the advice of your physician with any questions you may have.",
        "See a doctor if the pain lasts.",
    ]
    for text in [*texts, *extra]:
        expected = next(
            (s.text for s in split_sentences(text) if phrases.is_disclaimer(s.text)), None
        )
        assert phrases.find_disclaimer(text) == expected


def test_bad_data_pattern_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for cache in ("off", str(tmp_path)):
        monkeypatch.setenv("FAQ_LINT_DATA_CACHE", cache)
        with pytest.raises(re.error):
            prefilter.prepare([r"fine", r"(?<=a+)b"], re.IGNORECASE)
        with pytest.raises(re.error):
            prefilter.prepare([r"unbalanced("])
        good = prefilter.prepare([r"\bask\s+your\s+doctor\b"], re.IGNORECASE)
        assert good[0].search("Please ASK your doctor.") is not None


# -- citations ----------------------------------------------------------------------------


def test_cited_equals_any_citation_found(texts: list[str]) -> None:
    finder = load_finder(STYLES, MEDICAL / "citation-sources.yaml")
    extra = [
        "According to the CDC, vaccines are safe.",
        "NICE recommends ibuprofen (NICE 2019).",
        "A 2019 Cochrane review found no benefit.",
        "Source: National Heart, Lung, and Blood Institute",
        "See https://example.org and doi:10.1002/14651858.CD004376 or PMID: 12345678.",
        "It helps¹² and works [3] (4).",
        "The ſociety recommends it.",
    ]
    for text in [*texts, *extra]:
        for piece in [text, *(s.text for s in split_sentences(text))]:
            assert finder.cited(piece) == bool(finder.find(piece)), piece


# -- medicines ----------------------------------------------------------------------------


def test_words_of_equals_the_tokens(texts: list[str]) -> None:
    for text in [*texts, "İBUPROFEN and K-Tab", "Ibuprofen’s use"]:
        expected = {token.text for token in tokenize(text)}
        assert words_of(text) - {""} == expected


def test_named_anchors_never_miss_a_medicine(texts: list[str], lexicon: Lexicon) -> None:
    named = 0
    for text in texts:
        for generic in (False, True):
            anchors = lexicon.named_anchors(text, generic)
            for sentence in split_sentences(text):
                # tokens given: mentions() looks for names without the word-set test
                found = lexicon.mentions(sentence.text, tokenize(sentence.text), generic)
                if found:
                    named += 1
                    assert anchors, sentence.text
                    assert lexicon._may_name(sentence.text, generic, anchors), sentence.text
                    assert lexicon.mentions(sentence.text, count_generic=generic) == found
    assert named > 10


# -- plain language -----------------------------------------------------------------------


def _plain_find(index: TermIndex, text: str) -> list[tuple[int, int, str]]:
    """The word-by-word search that TermIndex.find speeds up."""
    gap = re.compile(r"[\s\-‐‑]+")
    hyphens = "-‐‑"
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, _, word = tokens[i]
        multi = word in index.first_words
        glued = start >= 2 and text[start - 1] in hyphens and text[start - 2].isalpha()
        if glued or not (multi or word in index.forms):
            i += 1
            continue
        for size in range(min(index.longest if multi else 1, len(tokens) - i), 0, -1):
            last = i + size - 1
            end = tokens[last][1]
            if end + 1 < len(text) and text[end] in hyphens and text[end + 1].isalpha():
                continue
            gaps = [text[tokens[k][1] : tokens[k + 1][0]] for k in range(i, last)]
            if not all(gap.fullmatch(g) for g in gaps):
                continue
            term = index.forms.get(" ".join(t[2] for t in tokens[i : last + 1]))
            if term is not None:
                found.append((start, end, term.term))
                i = last
                break
        i += 1
    return found


def test_plain_language_find_equals_word_by_word(texts: list[str]) -> None:
    index = build_index(load_terms(str(PACK / "plain-language.yaml")), set())
    extra = [
        "In order to help, a number of people use an anti-inflammatory drug prior to surgery.",
        "Approximately half—in order-to—had hypertension-related issues; in  order  to.",
    ]
    hits = 0
    for text in [*texts, *extra]:
        expected = _plain_find(index, text)
        assert [(a, b, t.term) for a, b, t in index.find(text)] == expected
        hits += len(expected)
    assert hits > 20
