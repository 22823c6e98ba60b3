"""The medicine lexicon behind FAQ301/FAQ402: generated names, curated terms, claim patterns."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from faq_lint.rulepack import default_pack_dir
from faq_lint.text.medication import Lexicon, load_lexicon
from faq_lint.text.sentences import split_sentences

MEDICAL = default_pack_dir() / "medical"
MEDICINES = MEDICAL / "medicines.txt"
DRUGS = default_pack_dir() / "words" / "drugs.txt"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(
        MEDICINES, MEDICAL / "medication-terms.yaml", MEDICAL / "claim-patterns.yaml"
    )


def names(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_medicine_list_shape() -> None:
    listed = names(MEDICINES)
    assert len(listed) > 20_000
    assert listed == sorted(set(listed)), "one name a line, sorted, no repeats"
    assert all(name == name.lower() and len(name.split()) <= 3 for name in listed)
    for medicine in (
        "ibuprofen",
        "cyclobenzaprine",
        "omeprazole",
        "botox",
        "acetaminophen",
        "metformin",
        "advil",
        "tylenol",
        "lisinopril",
    ):
        assert medicine in listed, medicine


def test_medicines_are_a_subset_of_the_spelling_list() -> None:
    if not DRUGS.exists():
        pytest.skip("rules/words/drugs.txt (the spelling list) is absent")
    missing = set(names(MEDICINES)) - set(names(DRUGS))
    assert not missing, sorted(missing)[:10]


@pytest.mark.parametrize(
    "word",
    [
        "water",
        "coffee",
        "alcohol",
        "iron",
        "salt",
        "sugar",
        "caps",
        "oats",
        "heroin",
        "dopamine",
        "uric acid",
        "amino acids",
        "listeria monocytogenes",
        "insulin",
        "estrogen",
    ],
)
def test_common_words_and_body_chemistry_are_not_names(word: str) -> None:
    assert word not in set(names(MEDICINES))


def test_curated_terms_have_a_kind_and_source() -> None:
    data = yaml.safe_load((MEDICAL / "medication-terms.yaml").read_text(encoding="utf-8"))
    kinds = {"class", "lay", "brand", "substance", "food", "generic"}
    for item in data["terms"]:
        assert item["kind"] in kinds, item
        assert item.get("source"), item


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ibuprofen and naproxen", ["Ibuprofen", "naproxen"]),
        ("muscle relaxants, painkillers and NSAIDs", ["muscle relaxants", "painkillers", "NSAIDs"]),
        ("a muscle relaxer", ["muscle relaxer"]),
        ("Botulinum toxin (botox)", ["Botulinum toxin", "botox"]),
        ("iron tablets", ["iron"]),
        ("take 65 mg of iron", ["iron"]),
        ("treated with insulin", ["insulin"]),
        ("insulin injections", ["insulin"]),
        ("caffeine pills", ["caffeine"]),
        ("glucose tablets", ["glucose"]),
        ("cyclosporine A", ["cyclosporine A"]),
        ("cyclosporine, a medicine", ["cyclosporine"]),
    ],
)
def test_mentions(lexicon: Lexicon, text: str, found: list[str]) -> None:
    assert [m.text for m in lexicon.mentions(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "a cup of coffee",
        "avoid alcohol",
        "your body needs iron",
        "the pancreas makes insulin",
        "If the disorder is not treated, iron can build up",
        "water treatment plants",
        "plasma carnitine levels",
        "carnitine deficiency",
        "steroid 5-alpha reductase",
        "bring your medicines",
    ],
)
def test_no_medicine_mentioned(lexicon: Lexicon, text: str) -> None:
    assert lexicon.mentions(text) == []


def test_claim_cues_and_doses(lexicon: Lexicon) -> None:
    (sentence,) = split_sentences("Take 400 mg of ibuprofen every 6 hours for 3 days.")
    claim = lexicon.claim_in(sentence)
    assert claim is not None
    assert claim.doses == ("400 mg", "every 6 hours", "for 3 days")
    (sentence,) = split_sentences("Ibuprofen can cause lower back pain relief.")
    claim = lexicon.claim_in(sentence)
    assert claim is not None and "lower" not in claim.cues and "cause" in claim.cues


def test_claim_word_must_be_near_the_medicine(lexicon: Lexicon) -> None:
    text = (
        "Ibuprofen is sold in most shops and supermarkets in packs of sixteen small white "
        "tablets that many people keep at home in a kitchen drawer, which reduces trips."
    )
    (sentence,) = split_sentences(text)
    assert lexicon.claim_in(sentence, window=12) is None
    assert lexicon.claim_in(sentence, window=40) is not None


@pytest.mark.skipif(
    importlib.util.find_spec("drug_named_entity_recognition") is None,
    reason="drug-named-entity-recognition (a dev/build-time dependency) is not installed",
)
def test_generated_list_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_medicine_lexicon.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
