# ruff: noqa: E501  (the pages are real-looking FAQ text: one paragraph a line)
"""Issue 15, item 4: the readability rules on realistic FAQ pages, one per failure class.

Each page is written for these tests (our own wording, in the style of public health
publishers' FAQ pages) and linted as a file through the public API. Every class has its
must-find side (the rule still reports what it should) and its must-not side (what the
issue found wrong on real pages is no longer reported).
"""

from __future__ import annotations

from pathlib import Path

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding


def findings(tmp_path: Path, content: str, rule: str, name: str = "page.md") -> list[Finding]:
    page = tmp_path / name
    page.write_text(content, encoding="utf-8")
    config = Config(paths=[str(tmp_path)], cache=False)
    config.root = str(tmp_path)
    return lint([str(page)], config, select=[rule]).findings


def by_question(found: list[Finding], words: str) -> list[Finding]:
    return [f for f in found if f.question and words in f.question]


# -- FAQ101: the page's topic words do not make an answer hard -------------------------------

TOPIC_PAGE = """# Achondroplasia

## What is achondroplasia?

Achondroplasia is a kind of dwarfism. Achondroplasia is inherited.

## How do doctors check for achondroplasia before birth?

An ultrasound late in pregnancy can show short arms and legs. A blood test of the parents can show the gene change.

## How is achondroplasia managed in adults?

Comprehensive multidisciplinary management necessitates periodic neurological evaluation, orthopaedic consultation regarding spinal stenosis, and individualized pharmacological intervention for associated musculoskeletal complications.
"""


def test_topic_word_named_twice_does_not_make_a_plain_answer_hard(tmp_path: Path) -> None:
    found = findings(tmp_path, TOPIC_PAGE, "FAQ101")
    assert not by_question(found, "What is achondroplasia")
    assert not by_question(found, "before birth")


def test_hard_words_beside_the_topic_word_are_still_reported(tmp_path: Path) -> None:
    found = by_question(findings(tmp_path, TOPIC_PAGE, "FAQ101"), "managed in adults")
    assert len(found) == 1
    message = found[0].message
    assert "multidisciplinary" in message
    assert "achondroplasia" not in message.lower().split("hard words:")[1]


CONDITION_PAGE = """# 3-hydroxyacyl-CoA dehydrogenase deficiency

## What is 3-hydroxyacyl-CoA dehydrogenase deficiency?

3-hydroxyacyl-CoA dehydrogenase deficiency is rare. It runs in families.

## What causes it?

It is caused by a change in the HADH gene. The body then cannot use some fats for energy.

## Where can I read more?

https://www.example.gov/conditions/fatty-acid-oxidation-disorders-information-for-families.html
"""


def test_a_condition_name_and_a_link_do_not_make_an_answer_hard(tmp_path: Path) -> None:
    assert findings(tmp_path, CONDITION_PAGE, "FAQ101") == []


def test_a_long_condition_name_off_the_page_topic_still_counts(tmp_path: Path) -> None:
    # The same name on a page about something else, in an answer full of long words:
    # only the page's own topic is familiar.
    page = """# Newborn screening

## Which conditions does the screening panel include?

Laboratories additionally evaluate carnitine palmitoyltransferase deficiency, medium-chain acyl-coenzyme dehydrogenase deficiency, and methylmalonic acidemia using tandem mass spectrometry.
"""
    found = findings(tmp_path, page, "FAQ101")
    assert len(found) == 1
    assert "dehydrogenase" in found[0].message


# -- FAQ102: sentences are split where a reader sees them end -----------------------------------

SPLIT_PAGE = """# Angelman syndrome

## What causes Angelman syndrome?

Angelman syndrome happens when a gene called UBE3A does not work in the brain. People normally get one working copy of this gene from each parent, and in the brain only the copy from the mother is active.

## How do I get my results?

We will mail your results within two weeks and call you.To get them sooner, sign in to the patient portal with the code on your visit summary.

## When should I call the care team?

Call the care team right away if your child has any of these:
a seizure that lasts longer than five minutes or keeps coming back
a high fever with a stiff neck or a rash that does not fade
trouble breathing or lips that look blue or gray

## What should I bring to the visit?

Please bring • a list of the medicines your child takes and the doses • the names of other doctors your child sees • any questions you have written down.
"""


def test_gene_names_glued_stops_and_list_items_end_sentences(tmp_path: Path) -> None:
    assert findings(tmp_path, SPLIT_PAGE, "FAQ102") == []


def test_a_long_sentence_with_abbreviations_is_still_one_sentence(tmp_path: Path) -> None:
    page = """# Clinical trials

## Who reviews a new treatment?

Dr. Lee and the study team send the results to the U.S. Food and Drug Administration, which checks the data, e.g. side effects and doses, before it decides whether the treatment can be sold to patients in the United States.
"""
    found = findings(tmp_path, page, "FAQ102")
    assert len(found) == 1
    assert "Dr. Lee and the study team" in found[0].message


def test_a_long_list_item_is_still_reported(tmp_path: Path) -> None:
    page = """# Home care

## What should I do at home?

Do these things:
keep the wound clean and dry for the first two days, then wash it gently every day with mild soap and warm water and pat it dry with a clean towel before you put on a fresh bandage
rest
"""
    found = findings(tmp_path, page, "FAQ102")
    assert len(found) == 1
    assert "keep the wound clean" in found[0].message


# -- FAQ103: a term defined on the spot is not jargon; swaps fit the sense --------------------

DEFINED_PAGE = """# Eye and skin problems

## What is pinkeye?

Conjunctivitis, also known as pinkeye, makes the eye red and itchy. Conjunctivitis spreads easily.

## Why are my ankles puffy?

Your ankles may have edema (swelling) after a long flight. Edema goes down when you raise your feet.

## What happens at a skin check?

If a spot looks odd, the doctor may suggest a biopsy.
Biopsy: the removal of a small piece of skin so it can be looked at under a microscope.

## What is high blood pressure?

High blood pressure (hypertension) means your blood pushes too hard on your artery walls. A swelling in the wall of an artery is called an aneurysm.
"""


def test_terms_defined_on_the_spot_are_not_jargon(tmp_path: Path) -> None:
    found = findings(tmp_path, DEFINED_PAGE, "FAQ103")
    terms = {f.message.split("'")[1].lower() for f in found}
    assert "conjunctivitis" not in terms
    assert "edema" not in terms
    assert "hypertension" not in terms


def test_a_term_used_before_its_definition_is_still_reported(tmp_path: Path) -> None:
    # "biopsy" is first used plainly, and only defined on the next line.
    found = by_question(findings(tmp_path, DEFINED_PAGE, "FAQ103"), "skin check")
    assert [f.message.split("'")[1] for f in found] == ["biopsy"]


def test_examples_in_brackets_and_acronyms_are_no_definition(tmp_path: Path) -> None:
    page = """# Joint pain

## What causes joint pain?

Inflammation (such as arthritis) can cause joint pain. Hypertension (HTN) does not.
"""
    found = findings(tmp_path, page, "FAQ103")
    assert {f.message.split("'")[1] for f in found} == {"Inflammation", "Hypertension"}


SENSE_PAGE = """# Running a clinic during an outbreak

## Do clinics have to follow new rules?

Every clinic must stay in compliance with state regulations on cleaning and masks.

## Why does it matter if I skip doses?

Compliance with your medicine plan keeps the infection from coming back. Acute pain after the shot is common.

## What is acute myeloid leukemia?

It is a fast-growing cancer of the blood. Acute myeloid leukemia starts in the bone marrow.

## What slows the spread in a town?

Public health interventions such as closing schools and limiting crowds slow the spread.
"""


def test_swaps_fit_the_sense_or_are_not_offered(tmp_path: Path) -> None:
    found = findings(tmp_path, SENSE_PAGE, "FAQ103")
    assert not by_question(found, "follow new rules")  # no swap fits "in compliance with"
    doses = {f.message.split("'")[1]: f for f in by_question(found, "skip doses")}
    assert set(doses) == {"Compliance", "Acute"}
    assert doses["Compliance"].suggestions == ["Following the treatment plan"]
    assert doses["Acute"].suggestions[0] == "Sudden"
    assert not by_question(found, "acute myeloid leukemia")  # part of the disease's name
    spread = by_question(found, "slows the spread")
    assert len(spread) == 1
    assert "treatment" not in spread[0].message and "'action'" in spread[0].message


def test_the_page_topic_name_is_not_split_into_jargon(tmp_path: Path) -> None:
    page = """# Hereditary angioedema

## What is hereditary angioedema?

Hereditary angioedema causes attacks of deep swelling under the skin.

## Is it hereditary?

It is hereditary in most families: a parent with the gene change passes it on.
"""
    found = findings(tmp_path, page, "FAQ103")
    assert not by_question(found, "What is hereditary angioedema")
    assert [f.message.split("'")[1] for f in by_question(found, "Is it")] == ["hereditary"]


# -- FAQ101 on publishers' pages (QA, 2026-12-08): everyday long words, verb forms of the
# topic, contact details ---------------------------------------------------------------------

EVERYDAY_PAGE = """# Heat Illness: Questions and Answers

## Who is most likely to get sick in hot weather?

Anyone can get sick in hot weather, but it usually happens to older adults, babies, and people who work outside. Being in a car, even for a few minutes, is especially dangerous for children and for any animal left inside. Medical help is needed right away if a person stops sweating or becomes confused, and it is important to pay attention to how family members are doing during a long heat wave in the summer.

## What should staff do when a worker faints in a hot warehouse?

Hyperthermia-associated syncope necessitates immediate cessation of exertion, supine positioning with elevation of the lower extremities, evaporative cooling methodologies, and subsequent physiological monitoring for electrolyte derangement and rhabdomyolysis, particularly among unacclimatized individuals performing strenuous occupational activities.

## How can I reach the heat line?

You can call our heat line at (555) 301-2200 (voice) or 1-555-301-2299 (TTY), Monday through Saturday, 7:30 a.m. to 6 p.m., Central time. Translation services are available for callers who speak other languages.
"""


def test_everyday_long_words_are_not_named_as_hard_words(tmp_path: Path) -> None:
    found = by_question(findings(tmp_path, EVERYDAY_PAGE, "FAQ101"), "most likely")
    for finding in found:  # may be flagged for its long sentence, never for these words
        hard = finding.message.split("hard words:")[1] if "hard words:" in finding.message else ""
        for word in ("anyone", "usually", "animal", "medical", "attention", "especially"):
            assert word not in hard.lower(), finding.message


def test_rare_long_words_are_still_hard_words(tmp_path: Path) -> None:
    found = by_question(findings(tmp_path, EVERYDAY_PAGE, "FAQ101"), "worker faints")
    assert len(found) == 1
    hard = found[0].message.split("hard words:")[1].lower()
    assert any(w in hard for w in ("methodologies", "physiological", "unacclimatized"))


def test_contact_details_answer_is_not_graded(tmp_path: Path) -> None:
    found = findings(tmp_path, EVERYDAY_PAGE, "FAQ101")
    assert not by_question(found, "heat line")


OVERDOSE_PAGE = """# Opioid Overdose and Naloxone

## What does naloxone do?

Naloxone blocks the effects of opioids and can bring back the breathing of a person who is overdosing. It does not harm someone who has overdosed on other drugs, so give it if you think a person has taken too much.

## Where can I get naloxone?

Most pharmacies sell naloxone without a prescription. Ask the pharmacist to show you how to use it.
"""


def test_verb_forms_of_the_topic_word_are_topic_words(tmp_path: Path) -> None:
    found = findings(tmp_path, OVERDOSE_PAGE, "FAQ101")
    for finding in found:
        assert "overdosing" not in finding.message and "overdosed" not in finding.message
    assert not by_question(found, "What does naloxone do")


def test_an_answer_with_a_phone_number_and_long_medical_prose_is_still_graded(
    tmp_path: Path,
) -> None:
    page = """# Poisoning

## What should I do after swallowing too much acetaminophen?

Call Poison Control at 1-800-222-1222 immediately. Hepatotoxicity following supratherapeutic acetaminophen ingestion necessitates prompt administration of N-acetylcysteine, ideally within eight hours, irrespective of asymptomatic presentation, because fulminant hepatic failure may develop subsequently despite initially unremarkable laboratory parameters and minimal gastrointestinal manifestations, and because delayed antidotal intervention substantially diminishes its effectiveness.
"""
    assert len(findings(tmp_path, page, "FAQ101")) == 1


NAMES_PAGE = """# Hearing Help Line

## Who runs the hearing help line?

The help line is run by the National Institute on Deafness and Other Communication Disorders (NIDCD). The National Institute on Deafness and Other Communication Disorders is part of the government. Our staff answer questions by phone and e-mail. They can send you free booklets.

## What is the DTaP vaccine?

DTaP stands for diphtheria, tetanus, and acellular pertussis, three germs that can make a child very sick. The shot protects your child from diphtheria, tetanus, and pertussis for years. Most children get five doses of the shot before they start school.

## Why do some hearing aids whistle?

Acoustic feedback arises when amplified sound re-enters the microphone, creating oscillation; improperly positioned earmolds, cerumen accumulation, and deteriorated tubing characteristically precipitate this phenomenon.
"""


def test_words_of_an_organisation_name_or_an_expansion_are_not_hard(tmp_path: Path) -> None:
    found = findings(tmp_path, NAMES_PAGE, "FAQ101")
    for finding in found:
        hard = finding.message.split("hard words:")[1] if "hard words:" in finding.message else ""
        for word in ("communication", "institute", "diphtheria", "acellular"):
            assert word not in hard.lower(), finding.message
    assert not by_question(found, "Who runs")
    assert not by_question(found, "DTaP vaccine")
    assert len(by_question(found, "whistle")) == 1


# -- FAQ103 on publishers' pages (QA, 2026-12-08): terms named on the spot; once per page ----

CHICKENPOX_PAGE = """# Chickenpox and the Chickenpox Shot

## What is varicella (chickenpox)?

Varicella is a very itchy rash with fever. It spreads easily from person to person.

## How is varicella spread?

Varicella spreads through the air when a sick person coughs or sneezes. Touching the blisters can spread it too.

## Can adults get very sick from it?

Yes. Adults can get a high fever and lung problems. Febrile adults should see a doctor.

## What if my child was near someone with shingles?

Call your doctor. Medicine given soon after contact, called post-contact prophylaxis, can make the illness milder.

## What is a middle ear infection?

A middle ear infection, or otitis media, is common after a cold. "Runny nose" is another name for rhinitis. Fever, pain, or otitis media can keep a child awake.
"""


def test_a_term_named_on_the_spot_is_not_jargon(tmp_path: Path) -> None:
    found = findings(tmp_path, CHICKENPOX_PAGE, "FAQ103")
    terms = [f.message.split("'")[1].lower() for f in found]
    assert "prophylaxis" not in terms  # "called post-contact prophylaxis"
    assert "otitis media" not in terms  # ", or otitis media,"
    assert "rhinitis" not in terms  # "another name for rhinitis"


def test_a_term_the_page_explained_in_a_question_is_not_reported_later(tmp_path: Path) -> None:
    found = findings(tmp_path, CHICKENPOX_PAGE, "FAQ103")
    assert not [f for f in found if "varicella" in f.message.lower()]


def test_an_unexplained_term_is_still_reported(tmp_path: Path) -> None:
    found = findings(tmp_path, CHICKENPOX_PAGE, "FAQ103")
    assert len([f for f in found if "'Febrile'" in f.message]) == 1


SHOT_PAGE = """# Flu Shots for Adults

## Who should get a flu shot?

Everyone 6 months and older should get one each year, and people with hypertension should not skip it.

## Is the shot safe with my heart medicine?

Yes. The shot is safe for people who take medicine for hypertension.

## Can the shot raise my blood pressure?

No. The shot does not cause hypertension.
"""


def test_a_jargon_term_is_reported_once_per_page_with_a_count(tmp_path: Path) -> None:
    found = [f for f in findings(tmp_path, SHOT_PAGE, "FAQ103") if "'hypertension'" in f.message]
    assert len(found) == 1
    assert found[0].question and "Who should" in found[0].question
    assert "used in 3 answers on this page" in found[0].message


def test_names_in_mid_sentence_are_not_offered_as_words_to_swap(tmp_path: Path) -> None:
    page = """# Testing sites

## Where can I get tested?

Testing is offered by county labs in Sacramento, Alameda, Monterey and Riverside, and by clinics that take part in the state program, which serves people with symptoms, key workers, and residents of congregate homes, starting Wednesday, January 15.
"""
    found = findings(tmp_path, page, "FAQ101")
    assert len(found) == 1
    hard = found[0].message.split("hard words:")[1]
    for name in ("Sacramento", "Alameda", "Monterey", "January", "Riverside"):
        assert name not in hard
    assert "congregate" in hard or "residents" in hard
