"""Kind ``uncited-medication-claim``: a claim about a medicine with no citation nearby.

A sentence that names a medicine (a drug, brand, class, lay term, or a substance
used as a medicine) and says what it does or gives a dose is a medication claim
(:mod:`faq_lint.text.medication`). It needs a citation (:mod:`faq_lint.text.citations`)
in the same sentence or within ``next-sentences`` sentences after it.

Options: ``citation-styles``, ``sources-file``, ``extra-organisations`` (what counts
as a citation); ``medicines-file``, ``terms-file``, ``patterns-file`` (what counts as
a medicine and a claim); ``next-sentences`` (default 1), ``claim-window`` (how many
words a claim word may be from the medicine, default 12), ``count-generic`` (count
"medicines", "drugs" on their own, default false), ``quote-chars`` (default 120).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.medical_data import citation_finder, lexicon
from faq_lint.models import Document, Entry
from faq_lint.text.citations import CitationFinder
from faq_lint.text.medication import names_of
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.sentences import Sentence, split_sentences


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    if not entry.answer.strip():
        return
    memo: AnswerMemo[list[_Uncited]] = rule.state("answers", AnswerMemo)
    found = memo.get(entry.answer, lambda: _uncited(entry.answer, rule))
    if not found:
        return
    finder = citation_finder(rule)
    for start, end, quote, drugs, sentence in found:
        yield hit_in_answer(
            entry,
            start,
            end,
            args={"claim": quote, "drugs": drugs, "sentence": sentence},
            suggestions=[
                f"Cite a source for this claim, e.g. {_next_marker(document, rule, finder)}"
            ],
            matched=quote,
        )


# An uncited claim: the sentence's offsets, the quote, the medicines named, the sentence.
_Uncited = tuple[int, int, str, str, str]


def _uncited(answer: str, rule: Rule) -> list[_Uncited]:
    """The answer's medication claims without a citation (they depend on its text alone)."""
    lex = lexicon(rule)
    finder = citation_finder(rule)
    follow = max(0, int(rule.option("next-sentences", 1)))
    window = max(1, int(rule.option("claim-window", 12)))
    generic = bool(rule.option("count-generic", False))
    limit = max(20, int(rule.option("quote-chars", 120)))
    anchors = lex.named_anchors(answer, generic)
    if not anchors:
        return []  # the answer names no medicine
    sentences = split_sentences(answer)
    cited: dict[int, bool] = {}  # sentence index -> has a citation; worked out when needed
    found: list[_Uncited] = []
    for index in lex.naming_sentences(answer, sentences, anchors):  # the others name none
        sentence = sentences[index]
        claim = lex.claim_in(sentence, generic, window, anchors)
        if claim is None:
            continue
        if _any_cited(finder, sentences, index, index + 1 + follow, cited):
            continue
        start, end = claim.quote(limit)
        quote = " ".join(answer[start:end].split())
        found.append((sentence.start, sentence.end, quote, names_of(claim.mentions), sentence.text))
    return found


def _any_cited(
    finder: CitationFinder, sentences: list[Sentence], start: int, end: int, known: dict[int, bool]
) -> bool:
    """Whether any of sentences[start:end] has a citation (remembered in ``known``)."""
    for index in range(start, min(end, len(sentences))):
        if index not in known:
            known[index] = finder.cited(sentences[index].text)
        if known[index]:
            return True
    return False


def _next_marker(document: Document, rule: Rule, finder: CitationFinder) -> str:
    """The marker a new citation on this page would get: ``(12)`` after (10) and (11)."""

    def build() -> str:
        used: list[int] = []
        styles: Counter[str] = Counter()
        for entry in document.entries:
            for citation in finder.markers(entry.answer):
                styles[citation.style] += 1
                used.extend(int(m) for m in citation.markers if m.isdigit())
        for reference in document.references:
            digits = "".join(ch for ch in reference.marker if ch.isdigit())
            if digits:
                used.append(int(digits))
        number = max(used, default=0) + 1
        if styles and styles.most_common(1)[0][0] == "bracket":
            return f"[{number}]"
        return f"({number})"

    cached = rule.cache.get("next-marker")  # only the page being checked is kept
    if cached is None or cached[0] is not document:
        cached = (document, build())
        rule.cache["next-marker"] = cached
    marker: str = cached[1]
    return marker
