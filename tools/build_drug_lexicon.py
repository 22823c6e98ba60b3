"""Build ``rules/words/drugs.txt``: drug names from the ``drug-named-entity-recognition`` package.

Build-time only (``pip install drug-named-entity-recognition``, MIT licence, Fast Data
Science); faq-lint never imports it at run time. The package ships a dictionary of
drug names and synonyms (DrugBank, MeSH, MedlinePlus, NHS, Wikipedia). We keep:

- every name (generic, brand, synonym) of a drug that has a DrugBank, MedlinePlus or
  NHS identifier, lowercased, one per line, single- and multi-word;
- minus names made only of everyday English words (the 20,000 most frequent words of
  pyspellchecker's English list: "water", "mucus relief", "ears and nose"), unless the
  drug is a consumer medicine with a MedlinePlus or NHS page ("aspirin", "insulin");
- minus a few synonyms that are ordinary words or names in health text (``AMBIGUOUS``);
- minus junk entries (citation fragments, mojibake, names under 3 letters).

It also writes ``rules/words/drug-words.txt``, the single words the spelling check
accepts: the words of the names above, minus synonyms that are one or two letters away
from their drug's own name ("ibuprophen", "doxycyclin", "carbamazepina": misspellings
and other languages' forms, which the check should correct to the English name), except
the systematic international variants (sulph/sulf, y/i, ae/e, oe/e, k/c, th/t: "aciclovir",
"sulphasalazine").

Run: ``python tools/build_drug_lexicon.py`` (writes both files).
"""

from __future__ import annotations

import bz2
import pickle
import re
import sys
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rules" / "words" / "drugs.txt"
COMMON_RANK = 20_000
# Synonyms that are ordinary words, names or product lines in health text.
AMBIGUOUS = {
    "aloes",
    "armour",
    "calamus",
    "cambia",
    "caps",
    "catechu",
    "colgate",
    "aquafresh",
    "copal",
    "dagan",
    "dona",
    "emend",
    "flours",
    "generics",
    "hops",
    "kaon",
    "kendrick",
    "luminal",
    "mops",
    "noxzema",
    "oats",
    "paps",
    "sone",
    "spotted cat",
    "sunkist",
    "vitae",
    "clearasil",
}
TOKEN = re.compile(r"[a-z]+")


def _common_words(limit: int) -> set[str]:
    from spellchecker import SpellChecker

    ranked = sorted(SpellChecker().word_frequency.dictionary.items(), key=lambda kv: -kv[1])
    return {word for word, _ in ranked[:limit]}


def _clean(name: str) -> str | None:
    name = name.replace("®", "").replace("™", "").strip().strip(",;").strip()
    name = " ".join(name.lower().split())
    if len(re.sub(r"[^a-z]", "", name)) < 3:
        return None
    if any(ch in name for ch in "=\x80\x93\u00e2[]{}") or not name.isprintable():
        return None
    return name


WORDS_OUT = OUT.parent / "drug-words.txt"


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _systematic(word: str) -> str:
    for old, new in (
        ("sulph", "sulf"),
        ("ae", "e"),
        ("oe", "e"),
        ("y", "i"),
        ("k", "c"),
        ("th", "t"),
    ):
        word = word.replace(old, new)
    return word


def near_miss_synonyms(data: dict) -> set[str]:  # type: ignore[type-arg]
    """Single-word synonyms one or two letters from their drug's single-word name."""
    dropped: set[str] = set()
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        if not variant.isalpha() or not variant.isascii():
            continue
        for canonical in canonicals:
            if canonical == variant or not canonical.isalpha():
                continue
            if (
                _systematic(variant) != _systematic(canonical)
                and _distance(variant, canonical) <= 2
            ):
                dropped.add(variant)
    return dropped


def spelling_words(names: list[str], dropped: set[str]) -> list[str]:
    """Words of the names; a dropped synonym goes only as a name of its own ("mesylate"
    stays: "imatinib mesylate" uses it)."""
    words: set[str] = set()
    for name in names:
        if not name.isascii() or name in dropped:
            continue
        words.update(t for t in re.split(r"[^a-z]+", name) if len(t) >= 3)
    return sorted(words)


def load_data() -> dict:  # type: ignore[type-arg]
    source = files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2")
    with source.open("rb") as raw, bz2.open(raw, "rb") as handle:
        return pickle.load(handle)  # type: ignore[no-any-return]  # noqa: S301 - the package's own data


def build() -> list[str]:
    data = load_data()
    canonical = data["drug_canonical_to_data"]

    def has_id(name: str) -> bool:
        info = canonical.get(name, {})
        return bool(info.get("drugbank_id") or info.get("medline_plus_id") or info.get("nhs_url"))

    def consumer(name: str) -> bool:
        info = canonical.get(name, {})
        return bool(info.get("medline_plus_id") or info.get("nhs_url"))

    common = _common_words(COMMON_RANK)
    names: set[str] = set()
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        kept = [c for c in canonicals if has_id(c)]
        if not kept:
            continue
        name = _clean(variant)
        if name is None or name in AMBIGUOUS:
            continue
        tokens = TOKEN.findall(name)
        everyday = bool(tokens) and all(t in common for t in tokens)
        if everyday and not any(consumer(c) for c in kept):
            continue
        names.add(name)
    return sorted(names)


def main() -> int:
    names = build()
    header = (
        f"# Drug names: drug-named-entity-recognition {version('drug-named-entity-recognition')} "
        "(MIT, Fast Data Science), drugs with a DrugBank, MedlinePlus or NHS id.\n"
        "# Generated by tools/build_drug_lexicon.py; do not edit by hand. See README.md.\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    words = spelling_words(names, near_miss_synonyms(load_data()))
    WORDS_OUT.write_text(
        header.replace("# Drug names:", "# Drug-name words for the spelling check:")
        + "# Without synonyms one or two letters from their drug's name (see the script).\n"
        + "\n".join(words)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(names)} names to {OUT} and {len(words)} words to {WORDS_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
