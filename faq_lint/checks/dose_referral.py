"""Kind ``dose-without-referral``: an answer advises the reader to take or use a
medicine or a dose but never tells them to check with a doctor or pharmacist.

A sentence is advice (:func:`faq_lint.text.claim_sense.advises`) when it tells the
reader to take or use a medicine or a dose: the imperative ("Take 400 mg of ibuprofen"),
"you can / adults should take ...", "we recommend ...", "the usual dose is ...". It must
be about a medicine: it names one, gives an amount, or says "it" / "them" for the
medicine named in the sentence before or in the question. Warnings ("Don't take ...",
"Taking sleeping tablets every night raises your risk of falls"), conditions and
descriptions ("Treatment may include ...", "Doctors may prescribe ...") are not advice.

The answer passes when it sends the reader to a professional anywhere, the advice
itself included: ``check_with`` in the phrases file ("ask your pharmacist"), the
``referral_patterns`` and ``dose_advice.referral`` of the patterns file ("as
prescribed", "unless your doctor tells you to"). A conditional referral is fine here
("ask your pharmacist before taking ibuprofen if you have asthma").

Options: ``phrases-file``, the lexicon files of FAQ301 (``medicines-file``,
``terms-file``, ``patterns-file``), ``count-generic`` (count "medicines", "drugs" on
their own, default false), ``quote-chars`` (default 100).
"""

from __future__ import annotations

from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.disclaimer import phrases
from faq_lint.checks.medical_data import PATTERNS, lexicon, load_data_file
from faq_lint.models import Document, Entry
from faq_lint.text.claim_sense import Advice, advises, load_advice
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.sentences import Sentence, split_sentences


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    if not entry.answer.strip():
        return
    memo: AnswerMemo[Sentence | None] = rule.state("answers", AnswerMemo)
    first = memo.get((entry.question, entry.answer), lambda: _advice(entry, rule))
    if first is None:
        return
    lex = lexicon(rule)
    generic = bool(rule.option("count-generic", False))
    limit = max(20, int(rule.option("quote-chars", 100)))
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


def _advice(entry: Entry, rule: Rule) -> Sentence | None:
    """The answer's first sentence that advises taking a medicine or a dose, when the
    answer sends the reader to no professional (it depends on the entry's text alone)."""
    answer = entry.answer
    lex = lexicon(rule)
    generic = bool(rule.option("count-generic", False))
    if not lex.named_anchors(f"{entry.question}\n{answer}", generic) and not lex.may_have_amounts(
        answer
    ):
        return None  # names no medicine and gives no amount: most answers end here
    advice = _patterns(rule)
    if _refers(answer, rule, advice):
        return None
    sentences = split_sentences(answer)
    named = bool(lex.mentions(entry.question, count_generic=generic))
    for sentence in sentences:
        if advises(sentence.text, lex, advice, named, generic) is not None:
            return sentence
        named = bool(lex.mentions(sentence.text, count_generic=generic))
    return None


def _refers(text: str, rule: Rule, advice: Advice) -> bool:
    """Whether ``text`` sends the reader to a doctor, pharmacist or other professional."""
    if phrases(rule).checks_with_professional(text) or advice.refers(text):
        return True
    return any(pattern.search(text) for pattern in lexicon(rule).referrals)


def _patterns(rule: Rule) -> Advice:
    return load_data_file(rule, "advice", "patterns-file", PATTERNS, load_advice)
