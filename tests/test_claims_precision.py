"""FAQ301 (uncited medication claim): the false alarms found by reading samples of its
findings on real publishers' pages (issue 15, second round), one realistic page per
class, each with the near miss that must still be found.

Pages are written for these tests (own wording, in the style of public health, hospital
and pharmacy FAQ pages) and linted end to end as Markdown files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.text.claim_sense import Guarded, load_sense, without_lookarounds

PATTERNS = Path(__file__).resolve().parent.parent / "rules" / "medical" / "claim-patterns.yaml"


def flagged_lines(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    config = Config(paths=[str(path)])
    config.root = str(tmp_path)
    report = lint([str(path)], config, select=["FAQ301"], baseline=False, cache=False)
    lines = text.splitlines()
    return [lines[f.line - 1] for f in report.findings if f.rule == "FAQ301"]


def flags(tmp_path: Path, text: str, sentence: str) -> bool:
    assert sentence in text
    return any(sentence in line for line in flagged_lines(tmp_path, text))


def page(question: str, *sentences: str) -> str:
    return f"## {question}\n\n" + "\n\n".join(sentences) + "\n"


# (page, sentence): the sentence is no claim about what a treatment does
MUST_NOT = [
    # service text around a vaccine or medicine
    pytest.param(
        page(
            "What happens at my vaccine appointment?",
            "If you need help getting to your vaccine appointment, you can bring one other "
            "person with you.",
        ),
        "you can bring one other person with you",
        id="service-appointment",
    ),
    pytest.param(
        page(
            "What happens after the jab?",
            "You will get a leaflet with information about the vaccine and any side effects "
            "to look out for.",
        ),
        "You will get a leaflet with information about the vaccine",
        id="service-information-about",
    ),
    pytest.param(
        page(
            "Do I need to wait after the jab?",
            "You will be asked to wait for 15 minutes so that staff can watch for any reactions.",
        ),
        "so that staff can watch for any reactions",
        id="service-watched-for-reactions",
    ),
    pytest.param(
        page(
            "How do I remember my second dose?",
            "Parents can use Dose-safe to get a text before the second dose is due.",
        ),
        "Parents can use Dose-safe to get a text",
        id="service-name-with-safe",
    ),
    pytest.param(
        page(
            "Does my plan pay for flu shots?",
            "Your Medicare plan also covers some preventive services, such as flu shots and "
            "blood pressure checks, to help you stay well.",
        ),
        "Your Medicare plan also covers some preventive services",
        id="service-insurance-covers",
    ),
    pytest.param(
        page(
            "Why can't I get the antiviral tablets to keep at home?",
            "Pharmacies should only supply these tablets to people who are already ill, to "
            "help keep enough medicine supply for those who need it.",
        ),
        "to help keep enough medicine supply",
        id="service-supply",
    ),
    pytest.param(
        page(
            "Can my dog's vaccine protect me?",
            "This vaccine is only licensed for use in dogs and is not licensed to prevent the "
            "illness in people.",
        ),
        "This vaccine is only licensed for use in dogs",
        id="agency-licensed-with-adverb",
    ),
    pytest.param(
        page(
            "How are new vaccines checked?",
            "New vaccines undergo a careful review of laboratory and factory data to make "
            "sure of their safety and effectiveness.",
        ),
        "New vaccines undergo a careful review",
        id="agency-undergo-review",
    ),
    # goals and use statements
    pytest.param(
        page(
            "What is maintenance therapy?",
            "The goal of maintenance chemotherapy is to kill any leukaemia cells that are left.",
        ),
        "The goal of maintenance chemotherapy is to kill",
        id="goal-of-named-therapy",
    ),
    pytest.param(
        page("How is the condition treated?", "Treatment is mainly focused on improving growth."),
        "Treatment is mainly focused on improving growth.",
        id="goal-focused-with-adverb",
    ),
    pytest.param(
        page(
            "How is gout treated?",
            "Medical treatment of gout consists of preventing flares and managing them when "
            "they happen.",
        ),
        "Medical treatment of gout consists of preventing flares",
        id="goal-consists-of-doing",
    ),
    pytest.param(
        page(
            "What helps during a migraine attack?",
            "Relief of symptoms, or acute treatment, consists of triptans, anti-sickness "
            "medicines and simple painkillers such as paracetamol.",
        ),
        "Relief of symptoms, or acute treatment, consists of triptans",
        id="use-consists-of-list",
    ),
    pytest.param(
        page(
            "What happens in hospital?",
            "At the hospital, staff may give you oxygen and more medicines, as well as "
            "higher doses than you take at home.",
        ),
        "staff may give you oxygen and more medicines, as well as",
        id="as-well-as-conjunction",
    ),
    pytest.param(
        page("How do I use my inhaler?", "Not all inhalers are used the same way."),
        "Not all inhalers are used the same way.",
        id="same-way-of-use",
    ),
    pytest.param(
        page(
            "How is McCune-Albright syndrome treated?",
            "Generally, treatment depends on which organs are affected as well as how severe "
            "the symptoms are.",
        ),
        "treatment depends on which organs are affected",
        id="depends-as-well-as",
    ),
    # what a condition or indirect question says is not asserted
    pytest.param(
        page(
            "Will my eczema treatment change?",
            "Your doctor may need to change your medicine if your eczema does not stay under "
            "control.",
        ),
        "Your doctor may need to change your medicine",
        id="condition-inside-sentence",
    ),
    pytest.param(
        page(
            "How do I keep my teenager safe?",
            "Lock away all medicines, even if you trust your teenager and feel they are safe.",
        ),
        "Lock away all medicines, even if you trust your teenager",
        id="even-if-they-are-safe",
    ),
    pytest.param(
        page(
            "Is my asthma plan working?",
            "Your follow-up treatment will depend on how well your asthma plan is controlling "
            "your symptoms and preventing attacks.",
        ),
        "Your follow-up treatment will depend on how well",
        id="indirect-question-how-well",
    ),
    pytest.param(
        page(
            "How do I check my reliever?",
            "Then you can use your peak flow meter to check how well the medicine worked.",
        ),
        "use your peak flow meter",
        id="peak-flow-meter",
    ),
    # a treatment named only as absent, or as what someone acts on
    pytest.param(
        page(
            "When can I stop isolating?",
            "You can stop isolating once you have had no fever for 24 hours without fever "
            "medicines (paracetamol or ibuprofen).",
        ),
        "without fever medicines (paracetamol or ibuprofen)",
        id="without-medicines",
    ),
    pytest.param(
        page(
            "How do I get ready for the scan?",
            "The nurse may ask you to stop taking certain medicines before the scan.",
        ),
        "The nurse may ask you to stop taking certain medicines",
        id="stop-taking-before-procedure",
    ),
    pytest.param(
        page(
            "Will I always need steroids?",
            "Your doctor may slowly reduce the dose of prednisolone once you improve, although "
            "the symptoms can come back.",
        ),
        "Your doctor may slowly reduce the dose of prednisolone",
        id="doctor-reduces-dose",
    ),
    pytest.param(
        page(
            "Do antibiotics help with flu?",
            "Antibiotics do not work against viruses, but you can catch a chest infection as well.",
            "In that case, your GP may treat the chest infection with an antibiotic.",
        ),
        "your GP may treat the chest infection with an antibiotic",
        id="treat-with-is-use",
    ),
    # pronouns that are not the medicine, the empty "it", possessives
    pytest.param(
        page(
            "Which cleaning products should I buy?",
            "The council keeps a list of household products.",
            "Refer to it to learn which cleaning products help slow the spread of germs.",
        ),
        "Refer to it to learn",
        id="pronoun-as-object",
    ),
    pytest.param(
        page(
            "Can the flu virus live on surfaces?",
            "The flu vaccine is offered every autumn.",
            "It is possible that the virus that causes flu survives on door handles for a day.",
        ),
        "It is possible that the virus that causes flu",
        id="empty-it",
    ),
    pytest.param(
        page(
            "What about fake medicines online?",
            "Fake medicines are sold online.",
            "The pharmacy board has asked shops for their help in spotting these sellers.",
        ),
        "asked shops for their help",
        id="possessive-their-help",
    ),
    pytest.param(
        page(
            "Who can help me choose?",
            "Several medicines can help you stop drinking.",
            "A pharmacist can help a person decide on the best treatment.",
        ),
        "A pharmacist can help a person decide",
        id="help-decide",
    ),
    pytest.param(
        page(
            "Which laxative should I buy?",
            "Laxatives work in different ways, and your pharmacist can tell you which type "
            "suits you.",
        ),
        "Laxatives work in different ways",
        id="work-in-different-ways",
    ),
    # words that name no treatment here
    pytest.param(
        page(
            "What should I do in a radiation emergency?",
            "A large amount of radiation in a short time can cause burns and radiation sickness.",
        ),
        "A large amount of radiation in a short time can cause burns",
        id="radiation-not-treatment",
    ),
    pytest.param(
        page(
            "Is wastewater a risk?",
            "Wastewater treatment plant operations should make sure workers follow routine "
            "practices to prevent exposure.",
        ),
        "Wastewater treatment plant operations",
        id="water-treatment-plant",
    ),
    pytest.param(
        page("What is vitiligo?", "The pale patches are at higher risk of sunburn."),
        "The pale patches are at higher risk of sunburn.",
        id="skin-patches",
    ),
    pytest.param(
        page(
            "Why carry naloxone?",
            "Naloxone can be given by anyone.",
            "An opioid overdose is an immediate danger to your life.",
        ),
        "An opioid overdose is an immediate danger to your life.",
        id="overdose-is-a-condition",
    ),
    pytest.param(
        page(
            "Why does this epilepsy need vitamin B6?",
            "It is still unclear how a lack of vitamin B6 causes the fits seen in this condition.",
        ),
        "It is still unclear how a lack of vitamin B6 causes",
        id="lack-of-substance",
    ),
    pytest.param(
        page(
            "How much fibre does my child need?",
            "Fibre supplements are sometimes used for constipation.",
            "A 7-year-old should get about 12 grams of fibre a day. Fibre may cause wind at first.",
        ),
        "A 7-year-old should get about 12 grams of fibre a day.",
        id="amount-of-food",
    ),
    # research and uncertainty
    pytest.param(
        page(
            "Does the vaccine affect blood tests?",
            "Experts are currently looking at how the vaccine may affect antibody test results.",
        ),
        "Experts are currently looking at how the vaccine may affect",
        id="experts-looking-at",
    ),
    pytest.param(
        page(
            "Which vaccine is best?",
            "We cannot directly compare the effectiveness of the three vaccines, because they "
            "were never tested side by side.",
        ),
        "We cannot directly compare the effectiveness",
        id="cannot-compare",
    ),
    pytest.param(
        page(
            "What if my second dose is late?",
            "There is limited data on how effective the vaccine is if the second dose comes "
            "after 12 weeks.",
        ),
        "There is limited data on how effective the vaccine is",
        id="limited-data-on-how",
    ),
    pytest.param(
        page(
            "Are there new migraine treatments?",
            "Treatments currently being tested for migraine include magnesium and riboflavin.",
        ),
        "Treatments currently being tested",
        id="being-tested-without-verb",
    ),
    # headings and care organisation
    pytest.param(
        page("Will I get side effects?", "What to do about side effects:", "- rest"),
        "What to do about side effects:",
        id="heading-with-colon",
    ),
    pytest.param(
        page(
            "Which lice treatment should we use?",
            "Parents and carers should make sure that any treatment they choose is safe for "
            "their child's age.",
        ),
        "Parents and carers should make sure that any treatment",
        id="instruction-to-parents",
    ),
    pytest.param(
        page(
            "How do I show my vaccination record?",
            "Keep the card your vaccine was recorded on.",
            "You can also take a picture of it with your phone, if you have one.",
        ),
        "You can also take a picture of it with your phone",
        id="take-a-picture-with",
    ),
    pytest.param(
        page(
            "What is an adrenaline pen?",
            "Adrenaline is a medicine used to treat severe allergic reactions.",
        ),
        "Adrenaline is a medicine used to treat severe allergic reactions.",
        id="indication-is-no-risk",
    ),
    pytest.param(
        page(
            "What is the naloxone law?",
            "The new law increases access to naloxone to help families prevent overdose deaths.",
        ),
        "The new law increases access to naloxone",
        id="access-to-a-medicine",
    ),
    pytest.param(
        page(
            "What is the free naloxone programme?",
            "The programme aims to reduce overdose deaths by handing out free naloxone spray.",
        ),
        "The programme aims to reduce overdose deaths",
        id="programme-goal",
    ),
    pytest.param(
        page(
            "Will my doctor check on me?",
            "Your doctor will check with you regularly to make sure your treatment is still "
            "working and that you're not having problems with side effects.",
        ),
        "Your doctor will check with you regularly",
        id="doctor-checks-treatment",
    ),
    pytest.param(
        page(
            "Who plans my child's treatment?",
            "Children with this tumour should have their treatment planned by a team of "
            "specialists.",
        ),
        "should have their treatment planned by a team",
        id="care-team-plans-treatment",
    ),
    # QA on real pages (2026-12-08, third round): the illness, not the medicine, is the
    # subject of "may also cause some of these side effects"
    pytest.param(
        page(
            "What side effects can pseudoephedrine cause?",
            "Pseudoephedrine can make you feel restless (Smith et al., 2020).",
            "A heavy cold may also cause some of these side effects, such as a headache.",
        ),
        "A heavy cold may also cause some of these side effects",
        id="illness-causes-side-effects",
    ),
    pytest.param(
        page(
            "What are the side effects of valaciclovir?",
            "Valaciclovir can cause headache and nausea (Smith et al., 2020).",
            "Shingles itself can cause some of the same side effects, such as tiredness.",
        ),
        "Shingles itself can cause some of the same side effects",
        id="infection-itself-causes-side-effects",
    ),
    # an answer opening "Yes." passes on what the question names, and only that
    pytest.param(
        page(
            "Is the clinic open at weekends?",
            "Yes. They are open from 10 to 4, and it is safe to park outside.",
        ),
        "They are open from 10 to 4",
        id="yes-then-pronoun-for-no-medicine",
    ),
    # found on the COVID corpus after hand sanitisers became treatment words: an empty "it"
    # ("it is recommended to"), a bullet run into the text, an import alert
    pytest.param(
        page(
            "How can I keep germs away from my newborn?",
            "Clean your hands with a hand sanitiser when there is no soap. Change your mask "
            "when it gets damp. As always, it is recommended to keep in touch with your "
            "midwife.",
        ),
        "it is recommended to keep in touch with your midwife",
        id="empty-it-is-recommended-to",
    ),
    pytest.param(
        page(
            "How do I keep my toddler well this winter?",
            "Ways to keep little ones well:• Wash hands with soap often.• Use a hand gel when "
            "there is no sink.• Reduce contact with people who are ill.",
        ),
        "Use a hand gel when there is no sink",
        id="bullet-run-into-text",
    ),
    pytest.param(
        page(
            "Why were some hand sanitisers stopped at the border?",
            "The agency put all hand sanitisers from one maker on an import alert to keep "
            "possibly dangerous products off the shelves.",
        ),
        "on an import alert to keep possibly dangerous products",
        id="agency-import-alert",
    ),
    pytest.param(
        page(
            "How long do I wait between puffs of my inhaler?",
            "Wait a few minutes between puffs and breathe normally.",
            "Sit up straight and rest every 10 minutes if you feel dizzy.",
        ),
        "Sit up straight and rest every 10 minutes",
        id="every-minutes-without-a-dose",
    ),
    pytest.param(
        page(
            "What does my prescription plan cover?",
            "The plan pays part of the cost of your medicines.",
            "It provides protection if you face very high medicine bills in one year.",
        ),
        "It provides protection if you face very high medicine bills",
        id="insurance-provides-protection",
    ),
    pytest.param(
        page(
            "Should I have the whooping cough vaccine in pregnancy?",
            "Use these answers to start a conversation with your midwife. Then have the vaccine "
            "to protect your baby.",
        ),
        "Then have the vaccine to protect your baby.",
        id="then-instruction-with-purpose",
    ),
]


@pytest.mark.parametrize(("text", "sentence"), MUST_NOT)
def test_not_a_claim(tmp_path: Path, text: str, sentence: str) -> None:
    assert not flags(tmp_path, text, sentence), flagged_lines(tmp_path, text)


# the near misses of the classes above: claims that must still be found
MUST_FIND = [
    pytest.param(
        page(
            "Do alcohol medicines always work?",
            "Three medicines are licensed to help people stop drinking.",
            "None of them works in every person.",
        ),
        "None of them works in every person.",
        id="works-in-every",
    ),
    pytest.param(
        page(
            "Why use a spacer?",
            "A spacer is a plastic tube that fits on your inhaler.",
            "They help prevent the medicine from landing in your mouth.",
        ),
        "They help prevent the medicine from landing in your mouth.",
        id="spacer-acts-on-medicine-as-agent",
    ),
    pytest.param(
        page(
            "What is botulinum toxin used for?",
            "Botulinum toxin can also treat severe muscle stiffness after a stroke.",
        ),
        "Botulinum toxin can also treat severe muscle stiffness",
        id="can-also-treat",
    ),
    pytest.param(
        page(
            "Can I take ibuprofen before breakfast?",
            "If you take ibuprofen on an empty stomach, it can upset your stomach.",
        ),
        "it can upset your stomach",
        id="condition-names-the-medicine",
    ),
    pytest.param(
        page(
            "What if I get no side effects?",
            "Whether you get side effects or not, the vaccine is working to protect you.",
        ),
        "the vaccine is working to protect you",
        id="claim-after-whether-clause",
    ),
    pytest.param(
        page(
            "Does treatment work in older people?",
            "Older people respond to treatment as well as younger people.",
        ),
        "Older people respond to treatment as well as younger people.",
        id="respond-as-well-as",
    ),
    pytest.param(
        page("When should I take aspirin for a migraine?", "Aspirin works best if taken early."),
        "Aspirin works best if taken early.",
        id="predicate-before-if",
    ),
    pytest.param(
        page(
            "Will cetirizine make me sleepy?",
            "Cetirizine is an antihistamine.",
            "It is unlikely to make you drowsy.",
        ),
        "It is unlikely to make you drowsy.",
        id="it-is-unlikely-to-is-no-empty-it",
    ),
    pytest.param(
        page(
            "How long does paracetamol last?",
            "Paracetamol is a common painkiller.",
            "Its effect wears off after about four hours.",
        ),
        "Its effect wears off after about four hours.",
        id="possessive-its-effect",
    ),
    pytest.param(
        page(
            "What are the risks of radiotherapy?",
            "Radiation therapy to the brain can affect growth in young children.",
        ),
        "Radiation therapy to the brain can affect growth",
        id="radiation-therapy",
    ),
    pytest.param(
        page(
            "Can nicotine patches help me quit?",
            "Nicotine patches double your chances of quitting and help stop cravings.",
        ),
        "Nicotine patches double your chances of quitting",
        id="medicine-patches",
    ),
    pytest.param(
        page(
            "Can I buy permethrin myself?",
            "You can buy permethrin cream rinse from a pharmacy.",
            "You rinse it out of the hair after 10 minutes.",
            "It is not suitable for babies younger than six months.",
        ),
        "It is not suitable for babies younger than six months.",
        id="it-through-a-chain-of-sentences",
    ),
    pytest.param(
        page(
            "Do statins have side effects?",
            "Statins used for high cholesterol can have side effects such as muscle pain.",
        ),
        "Statins used for high cholesterol can have side effects",
        id="risk-after-indication",
    ),
    pytest.param(
        page(
            "Should I take an antihistamine before my jab?",
            "Allergy medicines may hide the first signs of a serious reaction.",
        ),
        "Allergy medicines may hide the first signs of a serious reaction.",
        id="may-hide-symptoms",
    ),
    pytest.param(
        page(
            "How should I take nortriptyline?",
            "Swallow the capsules whole with water.",
            "They can be taken with or without food.",
        ),
        "They can be taken with or without food.",
        id="can-be-taken-with",
    ),
    pytest.param(
        page(
            "Why have I been given gabapentin?",
            "Gabapentin is especially good for nerve pain that burns or stabs.",
        ),
        "Gabapentin is especially good for nerve pain",
        id="good-for",
    ),
    pytest.param(
        page(
            "Should I take antibiotics for longer?",
            "There is no compelling evidence that a longer course of antibiotics works "
            "better than two weeks.",
        ),
        "There is no compelling evidence that a longer course of antibiotics works",
        id="no-compelling-evidence-is-a-claim",
    ),
    pytest.param(
        page(
            "Why take the whole course of the vaccine?",
            "Taking the full course of the vaccine gives better protection than one dose.",
        ),
        "gives better protection than one dose",
        id="comparison-of-course",
    ),
    # QA on real pages (2026-12-08, third round): claims the rule missed
    pytest.param(
        page(
            "What side effects can pseudoephedrine cause?",
            "Pseudoephedrine can make you feel restless (Smith et al., 2020).",
            "The tablets may also cause some of these side effects, such as a dry mouth.",
        ),
        "The tablets may also cause some of these side effects",
        id="medicine-causes-side-effects",
    ),
    pytest.param(
        "# Cetirizine: what you need to know\n\nCetirizine is an antihistamine sold in many "
        "allergy products. This drug is generally considered safe when used according to the "
        "directions on the box.\n\n## Who can take cetirizine?\n\nMost adults and children "
        "over 6 years old.\n",
        "This drug is generally considered safe",
        id="intro-this-drug-two-modifiers",
    ),
    pytest.param(
        "# Cetirizine: what you need to know\n\nCetirizine is an antihistamine sold in many "
        "allergy products. But taking more than the recommended amount can cause severe "
        "drowsiness and a fast heartbeat.\n\n## Who can take cetirizine?\n\nMost adults and "
        "children over 6 years old.\n",
        "But taking more than the recommended amount can cause",
        id="intro-taking-more-than-recommended",
    ),
    pytest.param(
        page(
            "What if I use the adrenaline pen and it was not anaphylaxis?",
            "An adrenaline auto-injector won't harm someone who turns out not to be having a "
            "severe allergic reaction, so use it if you are unsure.",
        ),
        "An adrenaline auto-injector won't harm someone",
        id="contraction-wont-harm",
    ),
    pytest.param(
        page(
            "Is saline spray all right for a baby?",
            "Saline nasal spray can't hurt a baby's nose, even when used several times a day.",
        ),
        "Saline nasal spray can't hurt a baby's nose",
        id="contraction-cant-hurt",
    ),
    pytest.param(
        page(
            "Does the person have to be awake?",
            "A person does not need to be conscious for the adrenaline injection to work.",
        ),
        "for the adrenaline injection to work",
        id="efficacy-for-it-to-work",
    ),
    pytest.param(
        page(
            "Do nicotine patches help people quit smoking?",
            "Yes. Studies have shown they are effective in doubling the chance of quitting.",
        ),
        "Studies have shown they are effective",
        id="yes-studies-have-shown-they",
    ),
    pytest.param(
        page(
            "Can I use an antiseptic on a graze?",
            "Antiseptic liquids are safe when used as directed on small cuts and grazes.",
        ),
        "Antiseptic liquids are safe when used as directed",
        id="antiseptic-safe-as-directed",
    ),
    pytest.param(
        page(
            "Does alcohol gel work against norovirus?",
            "No. Alcohol hand rubs do not kill norovirus well, so wash your hands with soap "
            "and water.",
        ),
        "Alcohol hand rubs do not kill norovirus well",
        id="hand-rub-negative-effect",
    ),
    pytest.param(
        page(
            "Why do pregnant women need folic acid?",
            "Together with a healthy diet, folic acid also helps protect the baby from spine "
            "defects.",
        ),
        "folic acid also helps protect the baby",
        id="supplement-helps-protect",
    ),
    pytest.param(
        page(
            "Does the tetanus vaccine always work?",
            "There have been very few vaccine failures when the full course was given on time.",
        ),
        "There have been very few vaccine failures",
        id="few-vaccine-failures",
    ),
    pytest.param(
        page(
            "Why should I get the flu vaccine while pregnant?",
            "Antibodies from the vaccine pass to your baby before birth.",
            "This provides some protection to your baby in the first months of life.",
        ),
        "This provides some protection to your baby",
        id="this-provides-protection",
    ),
    pytest.param(
        page(
            "Why should I get the flu vaccine while pregnant?",
            "Getting the mother vaccinated in each pregnancy gives the best protection to each "
            "baby.",
        ),
        "Getting the mother vaccinated in each pregnancy gives the best protection",
        id="getting-someone-vaccinated-protects",
    ),
    pytest.param(
        page(
            "Who should get antiviral treatment for COVID-19?",
            "It's very important that antiviral tablets be started early in people at high "
            "risk of severe illness.",
        ),
        "It's very important that antiviral tablets be started",
        id="important-that-it-be-used",
    ),
    pytest.param(
        page(
            "How do I use the adrenaline pen?",
            "Press the pen firmly into the outer thigh.",
            "You can keep repeating every 5-10 minutes until the ambulance arrives.",
        ),
        "You can keep repeating every 5-10 minutes",
        id="repeat-dose-every-minutes",
    ),
]


@pytest.mark.parametrize(("text", "sentence"), MUST_FIND)
def test_claim_still_found(tmp_path: Path, text: str, sentence: str) -> None:
    assert flags(tmp_path, text, sentence), flagged_lines(tmp_path, text)


# --- the fast guard in front of look-around patterns --------------------------


def test_without_lookarounds_drops_only_lookarounds() -> None:
    pattern = r"(?<!street\s)\b(?:drugs?|pills?(?!\s+(?:box|organi[sz]er)\b))\b[(?!)]"
    assert without_lookarounds(pattern) == r"\b(?:drugs?|pills?)\b[(?!)]"


def test_guard_gives_the_same_matches_as_the_full_pattern() -> None:
    sense = load_sense(PATTERNS)
    guarded = [p for _, p in sense.predicates if isinstance(p, Guarded)]
    guarded.append(sense.treatment)
    assert all(isinstance(p, Guarded) for p in guarded)
    texts = [
        "Illegal drugs can cause harm, but the tablets help prevent attacks.",
        "Wastewater treatment plants clean the water; treatment with steroids reduces swelling.",
        "The pill box helps you remember. Pills to prevent malaria work well.",
        "Human-caused disasters cause stress; the vaccine causes a sore arm in some people.",
        "Rien à signaler: le médicament soulage la douleur.",
    ]
    for pattern in guarded:
        assert isinstance(pattern, Guarded)
        for text in texts:
            full = [m.span() for m in pattern.full.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == full
            assert bool(pattern.search(text)) == bool(full)
    assert re.search(r"\(\?<?[=!]", without_lookarounds(sense.treatment.full.pattern)) is None


def test_dots_inside_a_pronunciation_are_no_bullets(tmp_path: Path) -> None:
    """A bullet run into the text starts a new item; a dot inside a word does not."""
    path = tmp_path / "page.md"
    path.write_text(
        "## What is ibuprofen?\n\nIbuprofen (pronounced: eye•bew•PRO•fen) is a medicine that "
        "eases pain and swelling.\n",
        encoding="utf-8",
    )
    config = Config(paths=[str(path)])
    config.root = str(tmp_path)
    report = lint([str(path)], config, select=["FAQ301"], baseline=False, cache=False)
    (finding,) = report.findings
    assert "'Ibuprofen (pronounced: eye•bew•PRO•fen)" in finding.message
