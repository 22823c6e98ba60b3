"""Build ``rules/medical/medicines.txt``: the medicine names the claim check looks for.

``rules/words/drugs.txt`` (built by ``tools/build_drug_lexicon.py``) is the broad list
the spelling check accepts: every name of a drug with a DrugBank, MedlinePlus or NHS
id, 48,000 names including lab chemicals and metabolites. A *claim* check needs a
stricter list: "uric acid", "glucose-6-phosphate" or "oats" in a sentence with
"reduces" is biochemistry or diet, not a medication claim. This script keeps the
names of ``drugs.txt`` that also pass these filters, so every medicine the claim
check knows is also a word the spelling check accepts:

1. the drug has a MedlinePlus or NHS id (a consumer medicine page), or a DrugBank
   id outside the ranges DrugBank uses for experimental compounds
   (DB02000-DB04999 and DB07000-DB08999: ligands and metabolites from protein
   structures such as NADPH or homocysteine) and allergenic extracts
   (DB10000-DB10999: pollens, moulds, foods);
2. shape: 4 to 40 characters, at most 3 words of letters, digits and hyphens;
3. no word naming a food, plant part, allergen or body chemical ("pollen",
   "extract", "seed", "oil", "ions", "hormone", ...);
4. a one-word name that is an everyday English word (pyspellchecker's English
   frequency >= 1000) only when the drug has a consumer page, and never above 5000
   ("heroin", "cocaine"); a longer name made only of everyday words is dropped;
5. not in ``EXCLUDE``: ordinary words, names and toiletry brands in the package,
   body chemicals that FAQ pages describe as physiology (dopamine, cortisol, uric
   acid), and recreational drugs; and not a microbe (``GENERA``: "Listeria
   monocytogenes" is a germ even where DrugBank lists a vaccine strain);
6. not a ``substance`` term of ``rules/medical/medication-terms.yaml`` (insulin,
   estrogen, iron, caffeine, vitamin D...): those count as medicines only when a
   sentence uses them as one, which the check decides.

The package (``drug-named-entity-recognition``, MIT, Fast Data Science) is a
build-time dependency only: loading it costs over a second and about 350 MB, so
faq-lint reads the generated text file instead. Rebuild::

    pip install drug-named-entity-recognition
    python tools/build_drug_lexicon.py        # the broad list (spelling), if needed
    python tools/build_medicine_lexicon.py    # this list
    python tools/build_medicine_lexicon.py --check   # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import bz2
import pickle
import re
import sys
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "rules" / "medical" / "medicines.txt"
DRUGS = REPO / "rules" / "words" / "drugs.txt"
TERMS = REPO / "rules" / "medical" / "medication-terms.yaml"

CONSUMER_KEYS = ("medline_plus_id", "nhs_url")
NON_MEDICINE_DRUGBANK = ((2000, 4999), (7000, 8999), (10000, 10999))
SHAPE = re.compile(r"^[a-z][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*){0,2}$")
MIN_CHARS = 4
MAX_CHARS = 40
COMMON_FREQUENCY = 1000
VERY_COMMON_FREQUENCY = 5000

NON_DRUG_PARTS = {
    # foods, plants and allergen extracts
    "pollen",
    "flesh",
    "hair",
    "dander",
    "feather",
    "feathers",
    "epithelium",
    "epithelia",
    "whole",
    "extract",
    "unspecified",
    "venom",
    "mold",
    "mould",
    "dust",
    "mite",
    "mites",
    "juice",
    "meat",
    "milk",
    "leaf",
    "leaves",
    "seed",
    "seeds",
    "root",
    "bark",
    "fruit",
    "flower",
    "flowers",
    "oil",
    "smut",
    "shell",
    "egg",
    "eggs",
    "cheese",
    "bean",
    "beans",
    "nut",
    "nuts",
    "grass",
    "weed",
    "tree",
    "plant",
    "herb",
    "wood",
    "powder",
    "food",
    # body chemistry, described as physiology far more often than given as a medicine
    "ion",
    "ions",
    "hormone",
    "hormones",
    "receptor",
    "antigen",
    "protein",
    "enzyme",
    "factor",  # clotting factors: physiology on genetics pages; the medicine is a substance term
}

EXCLUDE = {
    # ordinary words, names and toiletry or food brands
    "caps",
    "armour",
    "dona",
    "mops",
    "sone",
    "kendrick",
    "paps",
    "generics",
    "flours",
    "yeasts",
    "vitae",
    "emend",
    "cambia",
    "dagan",
    "kaon",
    "luminal",
    "angelica",
    "copal",
    "ecstasy",
    "hops",
    "oats",
    "sunkist",
    "colgate",
    "aquafresh",
    "noxzema",
    "clearasil",
    "nutrasweet",
    "aspartame",
    "gelatine",
    "citrate",
    "nitrates",
    "glutamate",
    "mannose",
    "phospholipids",
    "folacin",
    "morphia",
    "calamus",
    "benzoin",
    "catechu",
    "cardamon",
    "senega",
    "olibanum",
    "myrrh",
    "cloves",
    "pecans",
    "cashews",
    "watercress",
    "chickpea",
    "radicchio",
    "oregano",
    "horseradish",
    "sugarcane",
    "licorice",
    "peppermint",
    "chamomile",
    "aloe",
    "aloes",
    "wormwood",
    "snakeroot",
    "elecampane",
    "asafoetida",
    "trinitrotoluene",
    "malathion",
    "rotenone",
    "chloroform",
    "strychnine",
    "methylamine",
    "isopropanol",
    "pyrazole",
    "benzofuran",
    "guanidine",
    "iminourea",
    "anilin",
    "isatin",
    "hematoxylin",
    "spotted cat",
    # body chemicals that FAQ pages describe as physiology
    "dopamine",
    "serotonin",
    "histamine",
    "norepinephrine",
    "noradrenaline",
    "cortisol",
    "aldosterone",
    "leptin",
    "plasmin",
    "avidin",
    "prolamine",
    "tryptophan",
    "glucose",
    "cholesterol",
    "creatine",
    "creatinine",
    "urea",
    "bilirubin",
    "hemoglobin",
    "collagen",
    "keratin",
    "elastin",
    "albumin",
    "ferritin",
    "transferrin",
    "thrombin",
    "fibrin",
    "fibrinogen",
    "renin",
    "angiotensin",
    "bradykinin",
    "adenosine",
    "acetylcholine",
    "amino acids",
    "amino acid",
    "lactic acid",
    "uric acid",
    "alkaline phosphatase",
    "acth",
    "cytochrome c",
    "plasminogen",
    "angiotensin ii",
    "adenylate",
    "pseudocholinesterase",
    "adenosine triphosphate",
    "fibronectin",
    "prpp",
    "pik3ca",
    "saposin",
    "citrulline",
    "glutamic acid",
    "adrenocorticotropin",
    "thyrotropin",
    "somatostatin",
    "vasopressin",
    "prostaglandin e2",
    "pyridoxal",
    "gnrh",
    "escherichia coli",
    "clostridium botulinum",
    "bacillus subtilis",
    "lactobacillus",
    "bifidobacterium",
    "coenzyme a",
    "palin",
    # recreational or illicit drugs: claims about them are not medication claims
    "heroin",
    "cocaine",
    "marijuana",
    "marihuana",
    "opium",
    "methamphetamine",
    "phencyclidine",
    "methaqualone",
    "quaalude",
    "psilocybin",
}


# Microbes: DrugBank lists some as vaccine strains or probiotics, but on a FAQ page
# "Listeria monocytogenes" or "Candida albicans" is a germ, not a medicine.
GENERA = {
    "listeria",
    "escherichia",
    "clostridium",
    "clostridioides",
    "bacillus",
    "lactobacillus",
    "bifidobacterium",
    "streptococcus",
    "staphylococcus",
    "salmonella",
    "mycobacterium",
    "bordetella",
    "haemophilus",
    "neisseria",
    "candida",
    "aspergillus",
    "saccharomyces",
    "pseudomonas",
    "helicobacter",
    "vibrio",
    "shigella",
    "treponema",
    "borrelia",
    "chlamydia",
    "corynebacterium",
    "enterococcus",
    "klebsiella",
    "legionella",
    "yersinia",
    "francisella",
    "brucella",
    "coxiella",
    "rickettsia",
    "plasmodium",
    "toxoplasma",
    "trichophyton",
    "penicillium",
    "streptomyces",
    "lactococcus",
    "propionibacterium",
    "cutibacterium",
}


def _english_frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker().word_frequency.dictionary.items())


def _substances() -> set[str]:
    import yaml

    if not TERMS.exists():
        return set()
    data = yaml.safe_load(TERMS.read_text(encoding="utf-8")) or {}
    found: set[str] = set()
    for item in data.get("terms", []):
        if isinstance(item, dict) and item.get("kind") == "substance":
            found.add(str(item["term"]).lower())
            found.update(str(v).lower() for v in item.get("variants", []) or [])
    return found


def _broad_list() -> set[str] | None:
    if not DRUGS.exists():
        return None
    lines = DRUGS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _package_data() -> dict[str, Any]:
    source = files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2")
    with source.open("rb") as raw, bz2.open(raw, "rb") as handle:
        data: dict[str, Any] = pickle.load(handle)  # noqa: S301 - the package's own data
    return data


def _is_medicine(record: dict[str, Any]) -> bool:
    if any(record.get(key) for key in CONSUMER_KEYS):
        return True
    drugbank = str(record.get("drugbank_id") or "")
    if not re.fullmatch(r"DB\d{5}", drugbank):
        return False
    number = int(drugbank[2:])
    return not any(low <= number <= high for low, high in NON_MEDICINE_DRUGBANK)


def build_names() -> list[str]:
    data = _package_data()
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    canonical: dict[str, dict[str, Any]] = data["drug_canonical_to_data"]
    english = _english_frequencies()
    substances = _substances()
    broad = _broad_list()
    names: set[str] = set()
    for variant, drugs in variants.items():
        name = " ".join(variant.lower().split())
        records = [canonical.get(drug, {}) for drug in drugs]
        if not any(_is_medicine(record) for record in records):
            continue
        if not (MIN_CHARS <= len(name) <= MAX_CHARS) or not SHAPE.match(name):
            continue
        if broad is not None and name not in broad:
            continue
        words = name.split()
        if any(w in NON_DRUG_PARTS for w in words) or sum(c.isdigit() for c in name) > 3:
            continue
        if name in EXCLUDE or name in substances or words[0] in GENERA:
            continue
        consumer = any(record.get(key) for record in records for key in CONSUMER_KEYS)
        if len(words) == 1:
            frequency = english.get(name, 0)
            if frequency >= VERY_COMMON_FREQUENCY:
                continue
            if frequency >= COMMON_FREQUENCY and not consumer:
                continue
        elif all(english.get(w, 0) >= COMMON_FREQUENCY or len(w) <= 2 for w in words):
            continue
        names.add(name)
    return sorted(names)


def render(names: list[str]) -> str:
    header = [
        "# Medicine names for faq-lint's medication-claim check, one lowercased name a line.",
        "# Generated by tools/build_medicine_lexicon.py from drug-named-entity-recognition "
        f"{version('drug-named-entity-recognition')} (MIT, Fast Data Science); a subset of",
        "# rules/words/drugs.txt. Do not edit by hand: change the script and rebuild.",
    ]
    return "\n".join(header + names) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build rules/medical/medicines.txt.")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(build_names())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run python tools/build_medicine_lexicon.py")
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines()) - 3} names to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
