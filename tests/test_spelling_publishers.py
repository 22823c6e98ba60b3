"""FAQ201 on the word classes real publishers' pages use that no list holds (issue 15
item 6): each class as a realistic page of our own wording, the must-not side (no
finding) and the must-find side (a real misspelling in the same kind of place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding
from faq_lint.text.spelling import Lexicon, find_issues


def run(tmp_path: Path, page: str) -> list[Finding]:
    """FAQ201 findings of a Markdown page, with the default rule pack's settings."""
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    cfg = Config(paths=[str(tmp_path)], cache=False)
    cfg.root = str(tmp_path)
    return lint([str(path)], cfg, select=["FAQ201"]).findings


def flagged(tmp_path: Path, page: str) -> list[str]:
    return [f.message.split("'")[1] for f in run(tmp_path, page)]


def page(title: str, question: str, answer: str) -> str:
    return f"# {title}\n\n## {question}\n\n{answer}\n"


# Each page names real terms that are in no English, medical or drug list of the
# default pack, or only in the large accept-only list (SCOWL); none may be reported.
MUST_NOT = {
    "rare and technical words (SCOWL accept-only list)": page(
        "Skin conditions",
        "What is skin writing?",
        "Skin writing, or dermatographia, leaves raised lines where the skin is scratched."
        " Some clinics treat it with an excimer laser; stereotaxic methods are for the brain."
        " Swimmer's itch comes from cercariae in lake water, and iron chelation removes"
        " extra iron. A pyrethroid spray on clothing keeps ticks away.",
    ),
    "medical word forms (Latin plurals, -ia/-ic, combining forms, enzyme verbs)": page(
        "Eye and jaw conditions",
        "What parts can be affected?",
        "The tumor may reach the mandibula; the entheses of the heel can swell. Genetic"
        " tests list Atrophia bulborum hereditaria and Oto-palato-digital syndrome. A"
        " lacto vegetarian diet is fine. In the liver, bilirubin is glucuronidated before"
        " it leaves the body. Some babies have uncontrollable hiccupping.",
    ),
    "protein and gene names the text names": page(
        "Huntington disease",
        "What causes Huntington disease?",
        "A change in the HTT gene makes a longer huntingtin protein, which harms nerve"
        " cells. Another gene makes a protein called a kinesin that moves cargo in cells,"
        " and the protein pyrin helps control inflammation. A mix of normal and changed"
        " mitochondria in one cell (heteroplasmy) makes symptoms vary.",
    ),
    "species and Latin condition names": page(
        "Tick-borne diseases",
        "Which germs cause them?",
        "Babesia microti is spread by ticks. The western tick (Ixodes pacificus) lives on"
        " the coast. Cryptosporidium parvum lives in pool water.\n\n- S. mekongi\n\n"
        "Some people have myotonia permanens; in situs solitus the organs are where"
        " they should be.",
    ),
    "notations, respellings, abbreviations and names of bodies": page(
        "Vaccines and tests",
        "What do the words mean?",
        "Tdap protects teens and adults; Td is a booster. The test looks for inv(16) in"
        " leukemia cells. Plaque (plak) builds up in arteries; a whooshing sound called a"
        " bruit (broo-E) can be heard. Scoliosis (sko-le-O-sis) is a curved spine. Add"
        " 1/2 tsp of salt. Read the leaflet from Scripps Health: Caring for a Catheter."
        " In the kidney, debridement removes dead tissue.",
    ),
    "names in citations and biographies, units and Latin phrases": page(
        "Research on sepsis",
        "What do the studies say?",
        "Two trials (Wessel 1996; Sadiq 1998) used the same scores. Littman tested the idea"
        " first. Sodium fell by 40 mmol a day. The trials had an a priori outcome, and the"
        " effect works vice versa in children. The patient was treated at a St. Kilda"
        " clinic; a post mortem found the cause.",
    ),
    "pieces of words and clipped forms": page(
        "Brain folds",
        "What is polymicrogyria?",
        "The name means many (poly-) small (micro-) folds (-gyria). The acronym stands for"
        " (MU)scle, (LI)ver and (BR)ain. A tracheostomy or trach tube helps breathing;"
        " with phacoemulsification, or phaco, the lens is broken up. Tuna and mahi mahi"
        " can carry mercury.",
    ),
}


@pytest.mark.parametrize("name", sorted(MUST_NOT))
def test_real_terms_are_not_misspellings(tmp_path: Path, name: str) -> None:
    assert flagged(tmp_path, MUST_NOT[name]) == []


# The same kinds of places with a real misspelling: still reported.
MUST_FIND = [
    ("Treatment may invovle antihistamines.", "invovle"),
    ("Keep runing only untill you feel tired, and drink watter.", "runing"),
    ("Doctors prescribe pyrimethamine with sulfadizine.", "sulfadizine"),
    # a misspelled term in brackets or after "called": a letter added, dropped, swapped
    ("The pages answer what people (recieve) most.", "recieve"),
    ("Some have panthothenate kinase-associated neurodegeneration.", "panthothenate"),
    # Latin names: a letter added inside the word
    ("It is seen with cutaneous lupus erythematousus.", "erythematousus"),
    ("The germ is Anaplasma phagocytophilium, spread by ticks.", "phagocytophilium"),
    ("This is called familial osteochondritis disssecans.", "disssecans"),
    # a dropped letter is not an abbreviation; a doubled letter is a slip
    ("It is found in home dcor products.", "dcor"),
    ("Some people wwith the disease have pain.", "wwith"),
    # a word in the large list is not a suggestion, and its near misses are still found
    ("Physiotheraphy helps most people.", "Physiotheraphy"),
    ("It is treated with phototherapy and phenobarbitol.", "phenobarbitol"),
    # a long word starting a sentence is no name; a slip of a common word neither
    ("Astrosytomas occur more often in children.", "Astrosytomas"),
    ("Thw doctor will see you soon.", "Thw"),
]


@pytest.mark.parametrize(("sentence", "word"), MUST_FIND)
def test_real_misspellings_are_still_found(tmp_path: Path, sentence: str, word: str) -> None:
    found = flagged(tmp_path, page("Care", "What should I know?", sentence))
    assert word in found


def test_no_suggestion_comes_from_the_accept_only_list(tmp_path: Path) -> None:
    # "khaph" and "guslis" are SCOWL words; a near miss of one gets no such suggestion
    findings = run(tmp_path, page("Care", "What should I know?", "The khaphs are guslisk."))
    assert all("khaph" not in s and "guslis" not in s for f in findings for s in f.suggestions)


def test_accept_only_words_are_accepted_but_not_suggested(tmp_path: Path) -> None:
    words = tmp_path / "accepted.txt"
    words.write_text("# a test list\nzorbulate\n", encoding="utf-8")
    lexicon = Lexicon(accept_files=[str(words)])
    assert lexicon.known("zorbulate")
    assert "zorbulate" not in lexicon.suggest("zorbulatr")
    assert find_issues("We zorbulate daily.", lexicon) == []


def test_a_drug_is_never_suggested_for_a_word_in_the_accept_only_list(tmp_path: Path) -> None:
    # "chelation" was once offered the drug 'chelaton'; now it is a known word
    found = run(tmp_path, page("Iron", "How is extra iron removed?", "By iron chelation."))
    assert found == []


# -- publishers' pages (QA, 2026-12-08): respellings with syllable dots, official names ----


def test_a_respelling_with_syllable_dots_or_after_pronounced_is_not_a_misspelling(
    tmp_path: Path,
) -> None:
    text = page(
        "Ibuprofen and your stomach",
        "What is ibuprofen?",
        "Ibuprofen (pronounced: eye∙byoo•proe·fen) is a pain reliever. Naproxen, pronounced"
        " nuh-PROK-sen, works the same way. Both can upset your stomack.",
    )
    assert flagged(tmp_path, text) == ["stomack"]  # the real slip in the same answer


def test_official_names_of_one_ingredient_are_not_corrected_into_each_other(
    tmp_path: Path,
) -> None:
    text = page(
        "Keeping ticks and mosquitoes away",
        "Which repellents work?",
        "Use a repellent with DEET, picaridin (called icaridin outside the US), IR3535 or oil"
        " of lemon eucalyptus. After a transplant, ciclosporin or rifampicin may be given."
        " We recomend spraying it on your clothes and skin.",
    )
    assert flagged(tmp_path, text) == ["recomend"]  # the real slip in the same answer
