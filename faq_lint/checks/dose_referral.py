"""Kind ``dose-without-referral``: an answer recommends a medicine or dose but never
tells the reader to check with a doctor or pharmacist.

A sentence recommends when it names a medicine and gives a dose, or names a
medicine with a recommending word ("take", "try", "recommended", "should").
The answer passes when any of its sentences tells the reader to check with a
doctor, pharmacist or other professional (``check_with`` in the phrases file);
here a condition is fine ("ask your pharmacist before taking ibuprofen").

Options: ``phrases-file``, the lexicon files of FAQ301 (``medicines-file``,
``terms-file``, ``patterns-file``), ``count-generic`` (default false),
``quote-chars`` (default 100).
"""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.disclaimer import phrases
from faq_lint.checks.medical_data import lexicon
from faq_lint.models import Document, Entry
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.sentences import Sentence, split_sentences


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    if not entry.answer.strip():
        return
    lex = lexicon(rule)
    generic = bool(rule.option("count-generic", False))
    limit = max(20, int(rule.option("quote-chars", 100)))
    memo: AnswerMemo[tuple[Sentence | None, bool]] = rule.state("answers", AnswerMemo)
    first, names_any = memo.get(entry.answer, lambda: _recommending(entry.answer, rule))
    sentences = split_sentences(entry.answer)
    if first is None:
        first = _dose_for_named_medicine(entry, sentences, rule, names_any)
    if first is None or phrases(rule).checks_with_professional(entry.answer):
        return
    mentions = lex.mentions(first.text, count_generic=generic) or lex.mentions(
        f"{entry.question}\n{entry.answer}", count_generic=generic
    )
    names = list(dict.fromkeys(m.text for m in mentions))
    quote = " ".join(first.text.split())
    if len(quote) > limit:
        quote = quote[: limit - 1] + "…"
    yield hit_in_answer(
        entry,
        first.start,
        first.end,
        args={"sentence": quote, "drugs": ", ".join(names)},
        suggestions=[
            "Add a line such as: 'Check with your doctor or pharmacist before taking "
            f"{names[0] if names else 'any medicine'}.'"
        ],
        matched=quote,
    )


def _recommending(answer: str, rule: Rule) -> tuple[Sentence | None, bool]:
    """The answer's first sentence that recommends a medicine or dose, and whether the
    answer names a medicine at all (both depend on its text alone)."""
    lex = lexicon(rule)
    generic = bool(rule.option("count-generic", False))
    anchors = lex.named_anchors(answer, generic)
    if anchors:  # otherwise no sentence names a medicine
        sentences = split_sentences(answer)
        for index in lex.naming_sentences(answer, sentences, anchors):  # the others name none
            if lex.recommends(sentences[index], generic, anchors):
                return sentences[index], True
    return None, bool(anchors)


def _dose_for_named_medicine(
    entry: Entry, sentences: list[Sentence], rule: Rule, answer_names: bool = True
) -> Sentence | None:
    """A dose given for a medicine named elsewhere in the entry.

    "How much ibuprofen can I give?" / "Give 10 mg per kg every 6 to 8 hours": the
    dose sentence does not repeat the name, the question or an earlier sentence has it.
    ``answer_names``: False when the answer names no medicine at all (a speed-up).
    """
    lex = lexicon(rule)
    generic = bool(rule.option("count-generic", False))
    named = lex.mentions(entry.question, count_generic=generic)  # (short: the cheaper test)
    if not named and not answer_names:
        return None  # no medicine is named anywhere in the entry
    if not lex.may_have_amounts(entry.answer):
        return None  # no sentence gives a dose
    for sentence in sentences:
        if not sentence.text.rstrip().endswith("?") and lex.has_amount(sentence.text):
            before = entry.answer[: sentence.start]
            if named or lex.mentions(before, count_generic=generic):
                return sentence
    return None
