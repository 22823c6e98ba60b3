"""Kind ``uncited-medication-claim``: a medication or treatment claim with no citation.

Each sentence of each answer, and of the page's intro (the text before the first
question), is judged by what it says (:mod:`faq_lint.text.claim_sense`): it is a claim
when it says that a medicine, supplement, vaccine or treatment has an effect, a safety
property, a timing, a dose, a risk, a comparison, a mechanism, or is the one to use -
also through "it", "they" or "the drug" when the medicine is named in the question, the
title, the intro or an earlier sentence. Definitions, use statements ("treatment may
include ..."), agency processes, research under way, questions, headings, link text and
instructions or warnings to the reader are not claims.

A claim needs a citation (:mod:`faq_lint.text.citations`) in the same sentence, or in one
of the ``next-sentences`` sentences after it that is not itself a claim (a source line,
"This is what a 2019 Cochrane review found"); a marker on a later claim is that claim's.
Attribution to a named body in the same sentence counts ("The CDC recommends ...").

Options: ``citation-styles``, ``sources-file``, ``extra-organisations`` (what counts
as a citation); ``medicines-file``, ``terms-file``, ``patterns-file`` (what counts as
a medicine and a claim); ``next-sentences`` (default 1), ``quote-chars`` (default 120).
``claim-window`` and ``count-generic`` are kept for old configurations and no longer
change what is found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import replace
from functools import partial
from typing import Generic, TypeVar

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.checks.medical_data import PATTERNS, citation_finder, lexicon, load_data_file
from faq_lint.models import Document, Entry
from faq_lint.text.citations import CitationFinder
from faq_lint.text.claim_sense import Judged, Sense, judge, leadin_kind, load_sense, names_treatment
from faq_lint.text.medication import Lexicon, names_of
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.sentences import Sentence, split_sentences


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    finder = citation_finder(rule)

    def hit(part: Entry, claim: _Uncited) -> Hit:
        start, end, quote, drugs, sentence = claim
        return hit_in_answer(
            part,
            start,
            end,
            args={"claim": quote, "drugs": drugs, "sentence": sentence},
            suggestions=[
                f"Cite a source for this claim, e.g. {_next_marker(document, rule, finder)}"
            ],
            matched=quote,
        )

    intro = document.intro_entries()
    intro_text = "\n\n".join(part.answer for part in intro)
    if intro and document.entries and document.entries[0] is entry:
        # the page's intro is checked once, with the first entry; its findings belong to
        # no entry
        context = document.title or ""
        for part in intro:
            for claim in _uncited(part.answer, context, rule):
                yield replace(hit(part, claim), entry=None, document=document)
            context = f"{context}\n{part.answer}"
    if not entry.answer.strip():
        return
    context = f"{document.title or ''}\n{intro_text}\n{entry.question}"
    memo: AnswerMemo[list[_Uncited]] = rule.state("answers", AnswerMemo)
    found = memo.get((context, entry.answer), lambda: _uncited(entry.answer, context, rule))
    for claim in found:
        yield hit(entry, claim)


# A sentence that only answers yes or no ("Yes!", "No.", "Not always."): it names nothing,
# so "they" in the next sentence still stands for what the question names.
_INTERJECTION = re.compile(
    r"\s*(?:yes|no|yes\s+and\s+no|absolutely|definitely|certainly|correct|true|false|"
    r"not\s+always|not\s+usually|usually|sometimes|often|rarely|maybe|possibly|"
    r"it\s+depends)\s*[.!,]*\s*$",
    re.IGNORECASE,
)

# An uncited claim: the sentence's offsets, the quote, the medicines named, the sentence.
_Uncited = tuple[int, int, str, str, str]


def _sense(rule: Rule) -> Sense:
    return load_data_file(rule, "sense", "patterns-file", PATTERNS, load_sense)


# a bullet after text on the same line: after a full stop, colon or the like
# ("safe:• Wash", "seconds.• Use") or between spaces; not one that opens a line (a list
# item) nor a dot inside a word ("a∙seet•aminofen", a pronunciation)
_BULLET = re.compile(r"(?<=[.:;!?)\]])[ \t]*[•▪◦]|(?<=\S[ \t])[•▪◦](?=[ \t])")


def _units(text: str) -> list[Sentence]:
    """The sentences of ``text``, each line of a sentence on its own (a heading or a list
    item glued to the sentence before is judged alone)."""
    units: list[Sentence] = []
    for sentence in split_sentences(text):
        if "\n" not in sentence.text.strip() and not _BULLET.search(sentence.text):
            units.append(sentence)
            continue
        offset = sentence.start
        # a bullet run into the text ("Ways to stay safe:• Wash hands ...• Use ...") is a
        # line of its own: the same length, so offsets are kept
        for piece in _BULLET.sub("\n", sentence.text).split("\n"):
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                body = piece.strip()
                units.append(Sentence(body, offset + lead, offset + lead + len(body)))
            offset += len(piece) + 1
    return units


def _uncited(answer: str, context: str, rule: Rule) -> list[_Uncited]:
    """The text's medication claims without a citation (they depend on its text and the
    text before it alone: ``context`` is the title, intro and question)."""
    lex = lexicon(rule)
    sense = _sense(rule)
    finder = citation_finder(rule)
    follow = max(0, int(rule.option("next-sentences", 1)))
    limit = max(20, int(rule.option("quote-chars", 120)))
    sentences = _units(answer)
    named_at = _first_named(answer, lex, sense)
    named_before = _first_named(context, lex, sense) >= 0
    # "it", "they" stand for a medicine named in the sentence just before (the question,
    # for the first sentence)
    last_line = context.rstrip().rsplit("\n", 1)[-1]
    names: _Memo[int] = rule.state("named", _Memo)
    also = sense.pronoun_referents
    near = [
        names.get(last_line, partial(_first_named, last_line, lex, sense)) >= 0
        or (also is not None and also.search(last_line) is not None)
    ]
    for index, sentence in enumerate(sentences[:-1]):
        text = sentence.text
        named = names.get(text, partial(_first_named, text, lex, sense)) >= 0
        named = named or (also is not None and also.search(text) is not None)
        # a chain: "You can buy permethrin as a rinse. You rinse it out after 10 minutes.
        # It's not suitable for babies" - "it" goes on standing for the same medicine
        # an answer opening "Yes." or "No!" passes on what the question names
        passes_on = sense.pronouns.search(text) is not None or _INTERJECTION.match(text)
        near.append(named or (near[index] and bool(passes_on)))
    judged: _Memo[Judged | None] = rule.state("judged", _Memo)
    claims: dict[int, Judged | None] = {}
    found: list[_Uncited] = []
    cited: dict[int, bool] = {}

    inherited = _inherited_kinds(sentences, sense)

    def claim_of(index: int) -> Judged | None:
        if index not in claims:
            sentence = sentences[index]
            before = named_before or 0 <= named_at < sentence.start
            text, close = sentence.text, near[index]
            # the same sentence recurs across pages (boilerplate): judged once per run
            claim = judged.get(
                (text, before, close), lambda: judge(text, lex, sense, before, referent_near=close)
            )
            kind = inherited.get(index)
            if claim is None and kind is not None:
                named = names_treatment(sentence.text, lex, sense)
                if named is not None:  # "- have had radiation therapy" under "Your risk ..."
                    claim = Judged(kind, 0, len(sentence.text), tuple(named))
            claims[index] = claim
        return claims[index]

    for index, sentence in enumerate(sentences):
        claim = claim_of(index)
        if claim is None:
            continue
        if _covered(finder, sense, sentences, index, follow, cited, claim_of):
            continue
        a, b, mentions = claim.start, claim.end, claim.mentions
        a, b = _widen(sentence.text, a, b)
        a, b = _balance(sentence.text, a, b)
        if b - a > limit:
            b = a + limit
        quote = " ".join(sentence.text[a:b].split())
        found.append((sentence.start, sentence.end, quote, names_of(mentions), sentence.text))
    return found


_T = TypeVar("_T")


class _Memo(Generic[_T]):
    """Results of a pure function of a sentence, kept for the run (bounded: cleared
    when full). It only saves time: the same key always gives the same result."""

    limit = 50_000

    def __init__(self) -> None:
        self.values: dict[Hashable, _T] = {}

    def get(self, key: Hashable, make: Callable[[], _T]) -> _T:
        values = self.values
        if key in values:
            return values[key]
        if len(values) >= self.limit:
            values.clear()
        value = values[key] = make()
        return value


def _first_named(text: str, lex: Lexicon, sense: Sense) -> int:
    """Offset of the first medicine named in ``text`` (-1: none)."""
    best = sense.names_referent(text)
    if lex.named_anchors(text):
        mentions = lex.mentions(text)
        if mentions and (best < 0 or mentions[0].start < best):
            best = mentions[0].start
    return best


# the use a quote starts with ("Stopping an SSRI ...") and the small words it must not
# end on ("vaccines cut the" -> "vaccines cut the risk")
_USE_BEFORE = re.compile(
    r"\b(?:taking|stopping|using|starting|giving|combining|mixing|having|getting)\s+"
    r"(?:(?:an?|the|your|this|these|some|any|too\s+much)\s+)?$",
    re.IGNORECASE,
)
_SMALL_END = re.compile(
    r"\b(?:the|a|an|your|their|its|of|to|for|in|on|with|by|and|or|some|this|these|any|more|less)\s*$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*[\w'’-]+")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a quote to read as a phrase: with the use before it ("Stopping an SSRI ...")
    and not ending on a small word ("vaccines cut the risk")."""
    use = _USE_BEFORE.search(text, max(0, start - 40), start)
    if use is not None:
        start = use.start()
    for _ in range(2):
        if not _SMALL_END.search(text, max(start, end - 12), end):
            break
        following = _NEXT_WORD.match(text, end)
        if following is None:
            break
        end = following.end()
    return start, end


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a quote so its brackets pair up: "(botox)", not "(botox"."""
    inside = text[start:end]
    if inside.count(")") > inside.count("("):
        opening = text.rfind("(", 0, start)
        if opening >= 0:
            start = opening
    inside = text[start:end]
    if inside.count("(") > inside.count(")"):
        closing = text.find(")", end)
        if 0 <= closing - end <= 60:
            end = closing + 1
    return start, end


_ITEM = re.compile(r"^\s*(?:[-*+•▪◦]|\d{1,2}[.)])\s+")
_END = re.compile(r"[.!?]\W*$")


def _inherited_kinds(sentences: list[Sentence], sense: Sense) -> dict[int, str]:
    """List items (by index) that inherit a claim kind from their lead-in: the items right
    after a unit ending in ":" that :func:`leadin_kind` gives a kind."""
    kinds: dict[int, str] = {}
    current: str | None = None
    for index, sentence in enumerate(sentences):
        text = sentence.text.strip()
        # an item: marked ("- ", "1. ") or a fragment with no final punctuation
        if current is not None and (_ITEM.match(text) or not _END.search(text)):
            kinds[index] = current
            continue
        current = leadin_kind(text, sense) if text.endswith(":") else None
    return kinds


_PARENTHESIS_AT_END = re.compile(r"\(([^()]{2,80})\)\W*$")


def _named_at_end(finder: CitationFinder, text: str) -> bool:
    """A named body in brackets at the end: "... every year (CDC)." (a linked source)."""
    found = _PARENTHESIS_AT_END.search(text)
    if found is None:
        return False
    pattern = finder.organisation_pattern
    return pattern is not None and pattern.fullmatch(found.group(1).strip()) is not None


def _covered(
    finder: CitationFinder,
    sense: Sense,
    sentences: list[Sentence],
    index: int,
    follow: int,
    known: dict[int, bool],
    claim_of: object,
) -> bool:
    """Whether claim ``index`` is cited: in its sentence, or in one of the ``follow``
    sentences after it that is no claim of its own (whose citation is its own)."""
    # "The authors concluded that ...": about the source the sentence before cites
    if (
        index > 0
        and sense.back_reference.search(sentences[index].text)
        and _covered(finder, sense, sentences, index - 1, 0, known, claim_of)
    ):
        return True
    for at in range(index, min(index + 1 + follow, len(sentences))):
        if at > index and claim_of(at) is not None:  # type: ignore[operator]
            return False
        if at not in known:
            text = sentences[at].text
            known[at] = finder.cited(text) or sense.attributed(text) or _named_at_end(finder, text)
        if known[at]:
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
