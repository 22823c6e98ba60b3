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
from faq_lint.text.sentences import split_sentences


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    if not entry.answer.strip():
        return
    lex = lexicon(rule)
    finder = citation_finder(rule)
    follow = max(0, int(rule.option("next-sentences", 1)))
    window = max(1, int(rule.option("claim-window", 12)))
    generic = bool(rule.option("count-generic", False))
    limit = max(20, int(rule.option("quote-chars", 120)))
    sentences = split_sentences(entry.answer)
    cited: list[bool] | None = None
    for index, sentence in enumerate(sentences):
        claim = lex.claim_in(sentence, generic, window)
        if claim is None:
            continue
        if cited is None:
            cited = [finder.cited(s.text) for s in sentences]
        if any(cited[index : index + 1 + follow]):
            continue
        start, end = claim.quote(limit)
        quote = " ".join(entry.answer[start:end].split())
        yield hit_in_answer(
            entry,
            sentence.start,
            sentence.end,
            args={
                "claim": quote,
                "drugs": names_of(claim.mentions),
                "sentence": sentence.text,
            },
            suggestions=[
                f"Cite a source for this claim, e.g. {_next_marker(document, rule, finder)}"
            ],
            matched=quote,
        )


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
