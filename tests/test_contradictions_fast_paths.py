"""The speed-ups of the contradiction rules decide as the plain code decides: phrase
patterns grouped by first letter, the one-pass negation test, folded sentences."""

from __future__ import annotations

import json
import re
from itertools import islice

from conftest import FIXTURES, SEED, shared_path

from faq_lint.checks import contradictions
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
        grouped = contradictions._any_phrase(phrases, before, after)
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
