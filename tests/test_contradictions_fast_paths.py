"""The speed-ups of the contradiction rules decide as the plain code decides: phrase
patterns grouped by first letter, the one-pass negation test, folded sentences, the
negation rule's tests run on shared claims only, quantities masked from one pass, cue
patterns from the data cache compiled when first used."""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, shared_path

from faq_lint.checks import contradictions
from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules
from faq_lint.models import Document
from faq_lint.parsers import parse_file
from faq_lint.rulepack import default_pack_dir
from faq_lint.safety import load_yaml
from faq_lint.text.normalize import fold
from faq_lint.text.sentences import split_sentences

CUES = default_pack_dir() / "contradiction-cues.yaml"
BOUNDED = (r"(?<![\w'])", r"(?![\w'])")


def _sentences() -> list[str]:
    pages = sorted((FIXTURES / "contradictions").glob("*.txt")) + [SEED]
    pages += sorted((FIXTURES / "parsers" / "medquad" / "md").glob("*.md"))
    texts = [e.answer for page in pages for e in parse_file(str(page)).entries]
    return [fold(s.text) for text in texts for s in split_sentences(text)]


def _edge_cases(phrases: list[str]) -> list[str]:
    """Each phrase at the start, at the end, inside a word, after an apostrophe, hyphenated."""
    cases = []
    for phrase in phrases:
        word = fold(phrase).replace(" * ", " it really ")
        cases += [word, f"{word}.", f"so {word}, then", f"x{word}", f"{word}x", f"'{word}"]
        cases += [f"it's-{word}", f"{word}'s", f"non-{word}", f"({word})"]
    return cases


def test_grouped_phrase_patterns_match_where_the_alternation_matches() -> None:
    with CUES.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    lists = {key: [str(p) for p in value] for key, value in data.items() if isinstance(value, list)}
    action = lists["avoid"] + lists["benefit"] + lists["harm"] + lists["wait"]
    action += lists["recommend-openers"] + lists["recommend-verbs"]
    checks = [(lists[k], *BOUNDED) for k in ("negation", "hedge", "avoid", "harm", "universal")]
    checks += [(lists["hedge"] + lists["avoid"], *BOUNDED), (action, r"\b", r"\b")]
    checks += [(["x-ray", "don't", "e.g.", "1%", "a * b", "* lead", " * x", "[1]"], r"\b", r"\b")]
    checks += [([], *BOUNDED)]
    sentences = _sentences()
    assert len(sentences) > 100
    for phrases, before, after in checks:
        plain = re.compile(before + "(?:" + contradictions._alternation(phrases) + ")" + after)
        grouped = re.compile(contradictions._any_phrase_source(phrases, before, after))
        texts = sentences + _edge_cases(phrases)
        assert [bool(plain.search(t)) for t in texts] == [bool(grouped.search(t)) for t in texts]
        if phrases:
            assert any(grouped.search(t) for t in texts)


def test_negation_test_agrees_with_the_two_pass_definition() -> None:
    cues = contradictions.load_cues(str(CUES))
    texts = _sentences() + _edge_cases(["not only", "no longer", "not", "never", "no"])
    pairs = shared_path("eval", "healthver", "pairs.jsonl")
    with pairs.open(encoding="utf-8") as handle:
        for line in islice(handle, 300):
            pair = json.loads(line)
            texts += [s.text for key in ("a", "b") for s in split_sentences(str(pair[key]))]
    negated = 0
    for text in texts:
        expected = bool(cues.negation.search(cues.pseudo.sub(" ", fold(text))))
        assert contradictions.is_negated(text, cues) == expected, text
        negated += expected
    assert 0 < negated < len(texts)


def test_a_sentence_is_folded_once_as_the_rules_read_it() -> None:
    document = parse_file(str(FIXTURES / "contradictions" / "migraine.txt"))
    item = contradictions.Item(document, document.entries[0], 0)
    sentence = contradictions.Sentence(item, "Avoid NON-steroidal pills’ use.", 0, 31)
    assert sentence.folded == "avoid nonsteroidal pills' use."
    assert sentence == contradictions.Sentence(item, "Avoid NON-steroidal pills’ use.", 0, 31, "x")


def _pages_with_negated_copies(folder: Path) -> list[Document]:
    """Real pages, plus pages of HealthVer claims each next to a copy with "not" put in
    (or a hedged copy), so that the negation rule has conflicts to find."""
    pages = sorted((FIXTURES / "contradictions").glob("*.txt")) + [SEED]
    pages += sorted((FIXTURES / "parsers" / "medquad" / "md").glob("*.md"))
    documents = [parse_file(str(page)) for page in pages]
    with shared_path("eval", "healthver", "pairs.jsonl").open(encoding="utf-8") as handle:
        claims = [str(json.loads(line)["a"]) for line in islice(handle, 400)]
    for start in range(0, len(claims), 20):
        lines = []
        for number, claim in enumerate(claims[start : start + 20]):
            if number % 4 == 3:  # a hedged copy
                copy = re.sub(r"\b(is|are)\b", "may be", claim, count=1)
            else:
                copy = re.sub(r"\b(is|are|can|does|may|will)\b", r"\1 not", claim, count=2)
            for answer in (claim, copy):
                lines.append(json.dumps({"question": "Is this true?", "answer": answer}))
        path = folder / f"claims-{start:04d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        documents.append(parse_file(str(path)))
    return documents


def _negation_one_sentence_at_a_time(
    model: contradictions.Model, cues: contradictions.Cues, max_group: int, hedged: bool
) -> list[tuple[int, int, int, int]]:
    """The negation rule as it was first written: each sentence's claim (hedge test, key,
    negation) worked out before it is recorded."""
    drop = cues.cue_words | frozenset({"not", "no", "never", "nt"})
    exclude = cues.avoid_any if hedged else cues.hedge_or_avoid
    records = []
    for index, sentences in model.sentences.items():
        for sentence in sentences:
            folded = sentence.folded
            if contradictions._DIGIT.search(folded) or exclude.search(folded):
                continue
            joined = contradictions.claim_key(folded, drop)
            if joined is None:
                continue
            negated = contradictions.is_negated(folded, cues)
            for topic in model.topics[index]:
                records.append((topic + "#" + joined, (negated, sentence)))
    return [
        (c.first.item.index, c.first.start, c.second.item.index, c.second.start)
        for c in contradictions._negation_conflicts(records, max_group)
    ]


def test_negation_rule_tests_only_shared_claims_and_finds_the_same(tmp_path: Path) -> None:
    documents = _pages_with_negated_copies(tmp_path)
    config = Config(cache=False)
    rule = select_rules(all_rules(config), config, select=["FAQ703"])[0]
    cues = contradictions.load_cues(str(CUES))
    model = contradictions.build_model(documents, rule, cues)
    for hedged in (False, True):
        for max_group in (50, 3):
            found = [
                (c.first.item.index, c.first.start, c.second.item.index, c.second.start)
                for c in contradictions._negation(model, cues, max_group, hedged)
            ]
            assert found == _negation_one_sentence_at_a_time(model, cues, max_group, hedged)
            assert len(found) > 20


def test_quantities_mask_the_text_as_a_substitution_does() -> None:
    texts = [fold(t) for t in _sentences()]
    texts += ["take 2-3 mg twice, then 500 mg", "for 10 days or 2 weeks.", "about 5 % of 1,000"]
    texts += ["nothing here", "three times a day for a week", "10 mg", ""]
    with_figures = 0
    for text in texts:
        found, masked = contradictions._quantities(text)
        assert masked == contradictions.QUANTITY.sub(" ", text), text
        assert found == contradictions.quantities(text)
        with_figures += bool(found)
    assert with_figures > 5


def test_cues_come_from_the_data_cache_and_compile_when_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(tmp_path))
    fresh = contradictions.cue_data(str(CUES))
    built = contradictions.load_cues.__wrapped__(str(CUES))  # builds and stores it
    assert list(tmp_path.glob("contradiction-cues-*.bin"))
    loaded = contradictions.load_cues.__wrapped__(str(CUES))  # reads it
    for cues in (built, loaded):
        assert cues._patterns == fresh["patterns"]
        assert cues.cue_words == fresh["cue_words"] and cues.opposite == fresh["opposite"]
        assert "prefilter" not in vars(cues)  # not compiled until used
        assert cues.prefilter.pattern == fresh["patterns"]["prefilter"]
        assert cues.prefilter is cues.prefilter  # compiled once
        assert [name for name, _ in cues.concepts] == [n for n, _ in fresh["patterns"]["concepts"]]
        with pytest.raises(AttributeError):
            _ = cues.no_such_pattern
    # The grouped yes/no patterns are the _any_phrase_source ones.
    with CUES.open(encoding="utf-8") as handle:
        negation = [str(p) for p in load_yaml(handle)["negation"]]
    assert loaded.negation.pattern == contradictions._any_phrase_source(negation, *BOUNDED)


def test_clause_split_with_the_look_ahead_is_the_plain_split() -> None:
    plain = re.compile(
        r"\s*(;|:|\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b|,\s*(?:then|and then|so)\b)\s*"
    )
    texts = _sentences()
    texts += ["a ; : b", "x,  then y", "rest, and then walk; but not   however", "butter, while"]
    texts += ["\tbut\u00a0then", ", so", "whereas", "a:b;c", "no separator here", ""]
    split = 0
    for text in texts:
        pieces = contradictions._CLAUSE.split(text)
        assert pieces == plain.split(text), text
        split += len(pieces) > 1
    assert split > 20
