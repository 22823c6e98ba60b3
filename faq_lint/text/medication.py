"""Find medicines and medication claims in answer text.

A *mention* is a medicine name (``rules/medical/medicines.txt``, derived from the
drug-named-entity-recognition lexicon), a class or lay term, a brand, or a
substance used as a medicine (``rules/medical/medication-terms.yaml``). A *claim*
is a sentence that mentions a medicine and says what it does ("relieves",
"lowers", "is safe", "causes side effects", "may be recommended") or gives a dose
(``rules/medical/claim-patterns.yaml``).

Matching is a set lookup over the sentence's word n-grams, so the 30,000-name
list costs one file read per run (a few milliseconds) and no regular expression
over the names. Everything loads lazily and is cached by path.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from faq_lint.text.memo import AnswerMemo
from faq_lint.text.prefilter import LazyPattern, Requirement, folded, prepare
from faq_lint.text.sentences import Sentence, split_sentences

TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_QUOTES = str.maketrans({"’": "'", "‘": "'"})

# Mention kinds.
NAMED = "drug"
CLASS = "class"
LAY = "lay"
BRAND = "brand"
SUBSTANCE = "substance"
FOOD = "food"
GENERIC = "generic"
TERM_KINDS = (CLASS, LAY, BRAND, SUBSTANCE, FOOD, GENERIC)
NAME_WORDS = 3  # the longest name in medicines.txt, in words
_MEMO_SIZE = 2048  # answers and sentences whose medicines are remembered


class Token(NamedTuple):
    """One word of a sentence (a named tuple: millions are made on a big corpus)."""

    text: str  # lowercased, curly apostrophes folded
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A medicine named in a text: its words as written, offsets and kind."""

    text: str
    start: int
    end: int
    kind: str
    term: str  # the lexicon form (lowercased)
    first_token: int
    last_token: int  # inclusive


@dataclass(frozen=True)
class Claim:
    """A sentence that names medicines and says what they do."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    cues: tuple[str, ...]  # claim words found near the mentions
    doses: tuple[str, ...]  # dose or schedule phrases

    @property
    def names(self) -> list[str]:
        """The medicines named, as written, without repeats."""
        seen: dict[str, str] = {}
        for mention in self.mentions:
            seen.setdefault(mention.text.lower(), mention.text)
        return list(seen.values())

    def quote(self, limit: int = 120) -> tuple[int, int]:
        """Offsets (into the sentence's source text) of the stretch to quote.

        Several medicines: from the first to the last ("pain relievers, muscle
        relaxants, and anti-inflammatory drugs"). One: the name and the claim or
        dose that follows or precedes it ("Ibuprofen relieves").
        """
        start = min(m.start for m in self.mentions)
        end = max(m.end for m in self.mentions)
        if len(self.mentions) == 1 and self.cue_spans:
            nearest = min(self.cue_spans, key=lambda span: abs(span[0] - start))
            start, end = min(start, nearest[0]), max(end, nearest[1])
        if end - start > limit:
            end = start + limit
        return _balance(self.sentence, start, end)

    cue_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)


_CLAUSE_BREAK = re.compile(r"[,;:.()]")
_OPEN_QUESTION = frozenset({"whether"})
# An amount after these is a limit on what you eat or drink, not a dose of medicine.
_INTAKE_LIMIT = re.compile(
    r"\b(?:under|less\s+than|below|no\s+more\s+than|not\s+more\s+than|limit(?:ed)?\s+to|"
    r"fewer\s+than|at\s+most)\s*$",
    re.IGNORECASE,
)
_NEGATIONS = frozenset({"not", "never", "don't", "dont", "avoid", "shouldn't", "no", "nor"})


def _joined(text: str, words: Sequence[Token]) -> bool:
    """Whether the words of a name follow each other with only spaces between.

    "cyclosporine A" is one name, "cyclosporine, a medication" is not.
    """
    return all(not text[a.end : b.start].strip() for a, b in zip(words, words[1:], strict=False))


def _sentence_start(text: str, offset: int) -> bool:
    """Whether ``offset`` opens a sentence or a list item within ``text``."""
    before = text[:offset].rstrip()
    return not before or before[-1] in ".!?:;-•*\n"


def _balance(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Widen a quote so its brackets pair up: "(botox)", not "(botox" or "acitretin)"."""
    text, base = sentence.text, sentence.start
    local_start, local_end = start - base, end - base
    inside = text[local_start:local_end]
    if inside.count(")") > inside.count("("):
        opening = text.rfind("(", 0, local_start)
        if opening >= 0:
            local_start = opening
    inside = text[local_start:local_end]
    if inside.count("(") > inside.count(")"):
        closing = text.find(")", local_end)
        if closing >= 0 and closing - local_end <= 60:
            local_end = closing + 1
    return local_start + base, local_end + base


@lru_cache(maxsize=256)
def words_of(text: str) -> frozenset[str]:
    """The distinct words of ``text`` as :func:`tokenize` gives them (without offsets).

    Remembered: the claims and the dose rules ask about the same answers. The words
    are found in one pass of C code: they hold only ASCII letters, digits, hyphens and
    apostrophes, so lowercasing and folding quotes can be done on them joined.
    """
    return frozenset(_word_list(text))


def _word_list(text: str) -> list[str]:
    """The words of ``text`` as :func:`tokenize` gives them, in order (see words_of)."""
    if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
        # Lowercased first, the text has the same words: only "İ" and "K" (Kelvin) lower to
        # ASCII letters; "’" and "'" both join word parts.
        return TOKEN.findall(text.lower().replace("’", "'"))
    return " ".join(TOKEN.findall(text)).lower().replace("’", "'").split(" ")


def _shortest_first(requirement: Requirement) -> tuple[tuple[str, ...], ...]:
    """A pattern's requirement, each choice of words shortest (most often there) first."""
    return tuple(tuple(sorted(words, key=lambda word: (len(word), word))) for words in requirement)


def _may(needs: tuple[tuple[str, ...], ...], lowered: str | None) -> bool:
    """:func:`~faq_lint.text.prefilter.may_match` of ``_shortest_first(requirement)``, with
    plain loops (no generator per word: this runs on every sentence)."""
    if lowered is None:
        return True
    for words in needs:
        for word in words:
            if word in lowered:
                break
        else:
            return False
    return True


def _contains_any(text: str, words: Iterable[str]) -> bool:
    """Whether any of ``words`` occurs in ``text`` (lowercased), as a word or not."""
    lowered = text.lower().replace("’", "'")
    for word in words:  # noqa: SIM110 - a plain loop: cheaper than any() over a generator
        if word in lowered:
            return True
    return False


def tokenize(text: str) -> list[Token]:
    # Two rules (claims, dose referral) tokenize the same sentences: remember the last ones.
    return list(_tokenize(text))


@lru_cache(maxsize=1024)
def _tokenize(text: str) -> tuple[Token, ...]:
    if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
        # As in words_of: lowercased (and "’" folded), the text has the same words at the
        # same offsets; the Tokens are then made in C (tuple.__new__ is what Token() calls).
        found = list(TOKEN.finditer(text.lower().replace("’", "'")))
        spans = zip(map(_GROUP, found), map(_START, found), map(_END, found), strict=True)
        return tuple(map(tuple.__new__, repeat(Token), spans))
    return tuple(
        Token(m.group().lower().translate(_QUOTES), m.start(), m.end())
        for m in TOKEN.finditer(text)
    )


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


def _forms(term: str) -> set[str]:
    """A term, its plural and its singular: ``statin`` -> ``statin``, ``statins``."""
    base = " ".join(t.text for t in tokenize(term))
    if not base:
        return set()
    forms = {base}
    if base.endswith("s") and not base.endswith("ss") and len(base) > 4:
        forms.add(base[:-1])
    elif not base.endswith("s"):
        forms.add(base + "s")
    return forms


@dataclass
class Lexicon:
    """Medicine names and terms, claim words and dose patterns, ready for lookup."""

    terms: dict[str, str]  # normalized n-gram -> kind
    max_words: int
    claim_words: dict[str, str]  # word -> claim family ("treat", "relieve", ...)
    amount_patterns: list[LazyPattern]  # "400 mg", "two tablets"
    schedule_patterns: list[LazyPattern]  # "twice a day", "for 7 days"
    not_claims: frozenset[str]  # "lower back": two words where a claim word makes no claim
    forms: frozenset[str]
    uses: frozenset[str]
    recommendation_words: frozenset[str]
    food_forms: frozenset[str] = frozenset()
    effects: frozenset[str] = frozenset()  # "vitamin C may help prevent colds"
    referrals: tuple[LazyPattern, ...] = ()
    not_medicine_after: frozenset[str] = frozenset()
    not_medicine_before: frozenset[str] = frozenset()
    claim_blockers: frozenset[str] = frozenset()
    # Each term under its longest word, its anchor: anchor -> the other words of each
    # term, "w1 w2|w3" ("" for a one-word term). Plain strings load fast from the data
    # cache; they are read on first use (_needs_of).
    anchors: dict[str, str] = field(default_factory=dict)
    # The same without the generic terms ("medicines"), where it differs (None: absent).
    specific_anchors: dict[str, str | None] = field(default_factory=dict)
    _needs_of: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict, repr=False)
    # a word that begins a term of several words -> the numbers of words of the terms it
    # begins, largest first (None: work it out from ``terms``; see _long_starts)
    long_starts: dict[str, tuple[int, ...]] | None = field(default=None, repr=False)
    # the claims and dose rules ask the same questions of the same answers and sentences
    _anchor_memo: AnswerMemo[tuple[str, ...]] = field(
        default_factory=lambda: AnswerMemo(_MEMO_SIZE), repr=False, compare=False
    )
    _mention_memo: AnswerMemo[list[Mention]] = field(
        default_factory=lambda: AnswerMemo(_MEMO_SIZE), repr=False, compare=False
    )

    def named_anchors(self, text: str, count_generic: bool = False) -> tuple[str, ...]:
        """A cheap test before :meth:`mentions`: the anchor words of the terms whose words
        all occur in ``text``. Every term :meth:`mentions` can find in ``text`` (or in a
        part of it) has its anchor among them; an empty result means no medicine."""
        return self._anchor_memo.get(
            (text, count_generic), lambda: self._named_anchors(text, count_generic)
        )

    def _named_anchors(self, text: str, count_generic: bool) -> tuple[str, ...]:
        listed = _word_list(text)
        words: frozenset[str] | None = None  # worked out for terms of several words only
        found: list[str] = []
        # (dict keys & a list: no set of all the text's words is built)
        for anchor in self.anchors.keys() & listed:
            raw: str | None = self.anchors[anchor]
            if not count_generic and anchor in self.specific_anchors:
                raw = self.specific_anchors[anchor]
            if raw is None:
                continue
            if raw:  # terms of several words: are the other words here too?
                needs = self._needs_of.get(raw)
                if needs is None:
                    needs = tuple(frozenset(part.split(" ")) for part in raw.split("|"))
                    self._needs_of[raw] = needs
                if words is None:  # the text's words among those any term needs
                    words = self.need_words.intersection(listed)
                if not any(need <= words for need in needs):
                    continue
            found.append(anchor)
        return tuple(found)

    @cached_property
    def _quick_needs(self) -> dict[int, tuple[tuple[str, ...], ...]]:
        """The requirements of the dose, schedule and referral patterns, for _may."""
        patterns = [*self.amount_patterns, *self.schedule_patterns, *self.referrals]
        return {id(pattern): _shortest_first(pattern.needs) for pattern in patterns}

    @cached_property
    def need_words(self) -> frozenset[str]:
        """The words other than their anchor that terms of several words need."""
        return _need_words(self.anchors, self.specific_anchors)

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The words a term can begin with: most tokens of a text begin none."""
        return frozenset(key.split(" ", 1)[0] for key in self.terms)

    def _sentence_mentions(self, text: str, tokens: list[Token], generic: bool) -> list[Mention]:
        """``mentions(text, tokens, generic)`` with ``tokens = tokenize(text)``, remembered:
        the claims and the dose rules look at the same sentences. (The list is shared:
        callers must not change it.)"""
        return self._mention_memo.get((text, generic), lambda: self.mentions(text, tokens, generic))

    def mentions(
        self,
        text: str,
        tokens: Sequence[Token] | None = None,
        count_generic: bool = False,
    ) -> list[Mention]:
        """Medicines named in ``text``: longest match first, never overlapping.

        A substance counts only in medicinal use; a generic word ("medicines")
        only with ``count_generic``.
        """
        if tokens is None:
            if not self.named_anchors(text, count_generic):
                return []  # most texts name no medicine
            tokens = tokenize(text)
        toks = tokens if isinstance(tokens, list) else list(tokens)
        found: list[Mention] = []
        index = 0
        amounts: list[tuple[int, int]] | None = None  # worked out only for substances
        long_starts = self.long_starts
        if long_starts is None:
            long_starts = self.long_starts = _long_starts(self.terms, self.max_words)
        terms = self.terms
        count = len(toks)
        while index < count:
            # only the lengths of the terms this word begins (a key of another length is in
            # no term): most words begin none, or only the one-word term they are
            sizes = long_starts.get(toks[index].text)
            if sizes is None:
                if toks[index].text not in terms:
                    index += 1
                    continue
                sizes = (1,)
            match: Mention | None = None
            for size in sizes:
                if size > count - index:
                    continue
                if size == 1:
                    words = toks[index : index + 1]
                    key = words[0].text
                    kind = terms.get(key)
                    if kind is None:
                        continue
                else:
                    words = toks[index : index + size]
                    key = " ".join([t.text for t in words])
                    kind = terms.get(key)
                    if kind is None or not _joined(text, words):
                        continue
                match = Mention(
                    text=text[words[0].start : words[-1].end],
                    start=words[0].start,
                    end=words[-1].end,
                    kind=kind,
                    term=key,
                    first_token=index,
                    last_token=index + size - 1,
                )
                break
            if match is None:
                index += 1
                continue
            index = match.last_token + 1
            if match.kind == GENERIC and not count_generic:
                continue
            if self._body_chemistry(toks, match):
                continue
            if match.kind == SUBSTANCE:
                if amounts is None:
                    amounts = self.amounts(text)
                if not self._medicinal(text, toks, match, amounts):
                    continue
            if match.kind == FOOD and not self._dosage_form_follows(toks, match, self.food_forms):
                continue
            found.append(match)
        return found

    def _medicinal(
        self,
        text: str,
        tokens: Sequence[Token],
        mention: Mention,
        amounts: list[tuple[int, int]],
    ) -> bool:
        """Whether a substance ("iron", "coffee") is used as a medicine here.

        It is when a dosage form follows it ("iron tablets"), a use precedes it
        ("take iron", "treated with insulin"), an amount is next to it ("65 mg of
        iron", "iron 65 mg") or a therapeutic verb follows it in the same clause
        ("vitamin C may help prevent colds", "zinc shortens a cold").
        """
        for a, b in amounts:
            near = b >= mention.start - 12 and a <= mention.end + 12
            if near and not _INTAKE_LIMIT.search(text[max(0, a - 20) : a]):
                return True  # "65 mg of iron"; not "keep caffeine to under 200 mg a day"
        if self._dosage_form_follows(tokens, mention):
            return True
        if self.effects:
            for token in tokens[mention.last_token + 1 : mention.last_token + 4]:
                if token.text in self.effects and not _CLAUSE_BREAK.search(
                    text[mention.end : token.start]
                ):
                    return True
        for token in tokens[max(0, mention.first_token - 3) : mention.first_token]:
            # "take iron", "treated with insulin" - but not "if not treated, iron builds up"
            if token.text in self.uses and not _CLAUSE_BREAK.search(
                text[token.end : mention.start]
            ):
                return True
        return False

    def _dosage_form_follows(
        self, tokens: Sequence[Token], mention: Mention, forms: frozenset[str] | None = None
    ) -> bool:
        """ "iron tablets", "caffeine pills", "salt tablets", "vitamin D supplements"."""
        following = mention.last_token + 1
        wanted = self.forms if forms is None else forms
        return following < len(tokens) and tokens[following].text in wanted

    def _body_chemistry(self, tokens: Sequence[Token], mention: Mention) -> bool:
        """ "carnitine deficiency", "plasma carnitine", "steroid 5-alpha reductase"."""
        after = tokens[mention.last_token + 1 : mention.last_token + 3]
        if after and after[0].text in self.not_medicine_after:
            return True
        if any(len(t.text) > 5 and t.text.endswith("ase") for t in after):
            return True
        first = mention.first_token
        if first > 0 and tokens[first - 1].text in self.not_medicine_before:
            return True
        pair = " ".join(t.text for t in tokens[max(0, first - 2) : first])
        return first > 1 and pair in self.not_medicine_before

    def amounts(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """Spans of amounts of medicine: "400 mg", "two tablets". (``lowered``: the text
        :func:`~faq_lint.text.prefilter.folded`, when known.)"""
        spans: list[tuple[int, int]] = []
        if lowered is None:
            lowered = folded(text)
        for pattern in self.amount_patterns:
            if _may(self._quick_needs[id(pattern)], lowered):  # most sentences have no number
                spans.extend(m.span() for m in pattern.finditer(text))
        return sorted(spans)

    def has_amount(self, text: str) -> bool:
        """``bool(self.amounts(text))``, stopping at the first amount."""
        lowered = folded(text)
        for pattern in self.amount_patterns:
            if _may(self._quick_needs[id(pattern)], lowered) and pattern.search(text):
                return True
        return False

    def may_have_amounts(self, text: str) -> bool:
        """False when no sentence of ``text`` can hold an amount (it has no number)."""
        lowered = folded(text)
        needs = self._quick_needs
        return any(_may(needs[id(p)], lowered) for p in self.amount_patterns)

    def doses(self, text: str) -> list[tuple[int, int]]:
        """Spans of amounts and schedules: "400 mg", "twice a day", "for 7 days"."""
        lowered = folded(text)
        spans = self.amounts(text, lowered)
        for pattern in self.schedule_patterns:
            if _may(self._quick_needs[id(pattern)], lowered):
                spans.extend(m.span() for m in pattern.finditer(text))
        return sorted(spans)

    def _claim_word(self, tokens: Sequence[Token], position: int, text: str) -> bool:
        token = tokens[position].text
        if token not in self.claim_words:
            return False
        written = text[tokens[position].start : tokens[position].end]
        if position and written.istitle() and not _sentence_start(text, tokens[position].start):
            return False  # a name or heading: "Centers for Disease Control and Prevention"
        before = f"{tokens[position - 1].text} {token}" if position else ""
        after = f"{token} {tokens[position + 1].text}" if position + 1 < len(tokens) else ""
        if before in self.not_claims or after in self.not_claims:
            return False
        for back, earlier in enumerate(reversed(tokens[max(0, position - 8) : position])):
            if back >= 3 and earlier.text not in _OPEN_QUESTION:
                continue  # "whether" reaches across the clause, the other words 3 words
            if earlier.text in self.claim_blockers and not _CLAUSE_BREAK.search(
                text[earlier.end : tokens[position].start]
            ):
                return False  # "whether vaccines will protect", "monitor the safety of"
        return True

    def naming_sentences(
        self, text: str, sentences: Sequence[Sentence], anchors: Sequence[str]
    ) -> list[int]:
        """Indexes of the ``sentences`` of ``text`` that hold one of ``anchors`` (those of
        :meth:`named_anchors`): the only ones :meth:`claim_in` and :meth:`recommends` can
        accept. One search of the text instead of one per sentence."""
        lowered = text.lower().replace("’", "'")
        if len(lowered) != len(text):  # lowering moved the offsets ("İ"): test them all
            return list(range(len(sentences)))
        found: list[tuple[int, int]] = []
        for anchor in anchors:
            at = lowered.find(anchor)
            while at >= 0:
                found.append((at, at + len(anchor)))
                at = lowered.find(anchor, at + 1)
        starts = [sentence.start for sentence in sentences]
        ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
        if not ordered:  # (never from split_sentences) every sentence against every find
            return [
                index
                for index, sentence in enumerate(sentences)
                if any(sentence.start <= a and b <= sentence.end for a, b in found)
            ]
        kept = set()
        for a, b in found:  # the one sentence that can hold each find
            index = bisect_right(starts, a) - 1
            if index >= 0 and b <= sentences[index].end:
                kept.add(index)
        return sorted(kept)

    def _may_name(self, text: str, count_generic: bool, anchors: Sequence[str] | None) -> bool:
        """Whether ``text`` may name a medicine: it holds one of ``anchors`` (those of the
        whole answer, from :meth:`named_anchors`) or, without them, its own."""
        if anchors is not None and not _contains_any(text, anchors):
            return False
        return bool(self.named_anchors(text, count_generic))

    def claim_in(
        self,
        sentence: Sentence,
        count_generic: bool = False,
        window: int = 12,
        anchors: Sequence[str] | None = None,
    ) -> Claim | None:
        """The medication claim a sentence makes, or None.

        A claim needs a medicine and either a dose or a claim word within
        ``window`` words of a medicine name. Questions are not claims. ``anchors``:
        :meth:`named_anchors` of the text the sentence comes from (a speed-up).
        """
        text = sentence.text
        if text.rstrip().endswith("?") or not self._may_name(text, count_generic, anchors):
            return None  # a question, or (most sentences) no medicine named
        lowered = folded(text)
        needs = self._quick_needs
        if any(p.search(text) for p in self.referrals if _may(needs[id(p)], lowered)):
            return None  # advice to ask a professional
        tokens = tokenize(text)
        mentions = self._sentence_mentions(text, tokens, count_generic)
        if not mentions:
            return None  # no need to look for doses
        dose_spans = self.doses(text)
        cue_spans: list[tuple[int, int]] = []
        cues: list[str] = []
        covered = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
        claim_words = self.claim_words
        for position, token in enumerate(tokens):
            if token.text not in claim_words:  # (_claim_word's first test, without a call)
                continue
            if position in covered or not self._claim_word(tokens, position, text):
                continue
            distance = min(
                min(abs(position - m.first_token), abs(position - m.last_token)) for m in mentions
            )
            if distance <= window:
                cues.append(token.text)
                cue_spans.append((token.start, token.end))
        if not cues and not dose_spans:
            return None
        offset = sentence.start
        shifted = tuple(
            Mention(
                text=m.text,
                start=m.start + offset,
                end=m.end + offset,
                kind=m.kind,
                term=m.term,
                first_token=m.first_token,
                last_token=m.last_token,
            )
            for m in mentions
        )
        spans = tuple((a + offset, b + offset) for a, b in cue_spans + dose_spans)
        return Claim(
            sentence=sentence,
            mentions=shifted,
            cues=tuple(cues),
            doses=tuple(text[a:b] for a, b in dose_spans),
            cue_spans=spans,
        )

    def claims(self, text: str, count_generic: bool = False, window: int = 12) -> list[Claim]:
        """Every medication claim of ``text``, one per sentence."""
        found: list[Claim] = []
        for sentence in split_sentences(text):
            claim = self.claim_in(sentence, count_generic, window)
            if claim is not None:
                found.append(claim)
        return found

    def recommends(
        self,
        sentence: Sentence,
        count_generic: bool = False,
        anchors: Sequence[str] | None = None,
    ) -> bool:
        """Whether a sentence recommends a medicine or a dose to the reader (``anchors``
        as for :meth:`claim_in`)."""
        text = sentence.text
        if text.rstrip().endswith("?") or not self._may_name(text, count_generic, anchors):
            return False
        tokens = tokenize(text)
        mentions = self._sentence_mentions(text, tokens, count_generic)
        if not mentions:
            return False
        if self.has_amount(text):
            return True  # "take 400 mg", "Aspirin 900 mg ... relieves": a dose
        return any(
            token.text in self.recommendation_words
            and _to_reader(text, tokens, position)
            and _about_medicine(text, tokens, position, mentions)
            for position, token in enumerate(tokens)
        )


# Who a recommendation is addressed to: "you can take", "we recommend", "adults should use".
_READERS = frozenset(
    {
        "you",
        "your",
        "we",
        "i",
        "everyone",
        "anyone",
        "adults",
        "children",
        "people",
        "patients",
        "parents",
        "carers",
        "caregivers",
        "women",
    }
)
# Words that may stand between the reader and the recommending word ("you can also try").
_BETWEEN = frozenset(
    {
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "will",
        "need",
        "needs",
        "to",
        "want",
        "also",
        "usually",
        "often",
        "always",
        "then",
        "just",
        "only",
        "still",
        "strongly",
        "generally",
        "first",
        "normally",
        "would",
        "ll",
        "child",
        "baby",
        "it",
    }
)
_PASSIVE = frozenset({"is", "are", "be", "been"})
_OBJECT_BREAK = re.compile(r"[,;:.]")
# "should" recommends only with a verb of using: "you should take", not "you should know".
_USE_AFTER_SHOULD = frozenset(
    {"take", "use", "get", "receive", "try", "start", "give", "apply", "continue", "keep", "be"}
)


def _to_reader(text: str, tokens: Sequence[Token], position: int) -> bool:
    """Whether the recommending word at ``position`` tells the reader what to do.

    It does as an imperative ("Take ibuprofen", "If it hurts, use ..."), after the
    reader ("you can take", "we recommend", "adults should use") or in the passive
    ("is recommended", "should be taken"). It does not when negated ("should not
    take", "do not use"), nor when someone else does it ("the FDA recommends",
    "studies suggest", "the most commonly prescribed", "as prescribed").
    """
    following = tokens[position + 1].text if position + 1 < len(tokens) else ""
    if following in ("not", "never"):
        return False
    word = tokens[position].text
    if word == "should" and following not in _USE_AFTER_SHOULD:
        return False  # "what you should know", "should it become available"
    before = [t.text for t in tokens[max(0, position - 2) : position]]
    if set(before) & _NEGATIONS:
        return False
    opens = _sentence_start(text, tokens[position].start) or text[
        : tokens[position].start
    ].rstrip().endswith(",")
    if opens and word != "should":
        return True  # an imperative, also after an opening clause
    for back in range(position - 1, max(-1, position - 5), -1):
        word = tokens[back].text
        if word in _READERS:
            return True
        if word in _PASSIVE and back == position - 1:
            return True
        if word not in _BETWEEN or _CLAUSE_BREAK.search(
            text[tokens[back].end : tokens[position].start]
        ):
            return False
    return False


def _about_medicine(
    text: str, tokens: Sequence[Token], position: int, mentions: Sequence[Mention], reach: int = 6
) -> bool:
    """Whether what is recommended is the medicine: it follows within ``reach`` words in
    the same clause ("take ibuprofen", "we recommend the flu vaccine") or, in the passive,
    comes just before ("ibuprofen is recommended"). "You need to use the same account to
    book a vaccine" recommends an account, not the vaccine."""
    here = tokens[position]
    for mention in mentions:
        if position < mention.first_token <= position + reach:
            if not _OBJECT_BREAK.search(text[here.end : mention.start]):
                return True
        elif position - reach <= mention.last_token < position:
            passive = position and tokens[position - 1].text in _PASSIVE
            if passive and not _OBJECT_BREAK.search(text[mention.end : here.start]):
                return True
    return False


def _read_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _load_yaml(path: Path) -> dict[str, object]:
    import yaml  # only when the data cache is cold

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _as_list(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


_DATA_LAYOUT = "10"  # of _lexicon_data's value: change it when the value changes shape


def _lexicon_data(names_path: str, terms_path: str, patterns_path: str) -> dict[str, Any]:
    """Everything the lexicon is made of, as plain data (kept by :mod:`faq_lint.datacache`)."""
    # The names file is generated lowercased, one name of at most NAME_WORDS plain words a
    # line (tools/build_medicine_lexicon.py), so its lines are lookup keys as they are.
    terms: dict[str, str] = dict.fromkeys(_read_list(Path(names_path)), NAMED)
    max_words = NAME_WORDS
    raw_terms = _load_yaml(Path(terms_path)).get("terms", [])
    for item in raw_terms if isinstance(raw_terms, list) else []:
        if not isinstance(item, dict) or "term" not in item:
            continue
        kind = str(item.get("kind", CLASS))
        if kind not in TERM_KINDS:
            kind = CLASS
        for variant in [str(item["term"]), *_as_list(item.get("variants"))]:
            for form in _forms(variant):
                terms[form] = kind  # a curated term overrides the name list
                max_words = max(max_words, form.count(" ") + 1)
    patterns = _load_yaml(Path(patterns_path))
    claim_words: dict[str, str] = {}
    raw_claims = patterns.get("claim_words", {})
    for family, words in raw_claims.items() if isinstance(raw_claims, dict) else []:
        for word in _as_list(words):
            claim_words[word.lower()] = str(family)
    raw_doses = patterns.get("dose_patterns", {})
    raw_doses = raw_doses if isinstance(raw_doses, dict) else {}
    use = patterns.get("medicinal_use", {})
    use = use if isinstance(use, dict) else {}
    everything, specific = _anchor_index(terms, True), _anchor_index(terms, False)
    data: dict[str, Any] = {
        "terms": terms,
        "max_words": max_words,
        "claim_words": claim_words,
        "amount": _as_list(raw_doses.get("amount")),
        "schedule": _as_list(raw_doses.get("schedule")),
        "referrals": _as_list(patterns.get("referral_patterns")),
        "not_claims": frozenset(
            " ".join(t.text for t in tokenize(p))
            for p in _as_list(patterns.get("not_claim_phrases"))
        ),
        "forms": frozenset(w.lower() for w in _as_list(use.get("forms"))),
        "uses": frozenset(w.lower() for w in _as_list(use.get("uses"))),
        "food_forms": frozenset(w.lower() for w in _as_list(use.get("food_forms"))),
        "effects": frozenset(w.lower() for w in _as_list(use.get("effects"))),
        "anchors": everything,
        "specific_anchors": {
            anchor: specific.get(anchor)
            for anchor, raw in everything.items()
            if specific.get(anchor) != raw
        },
        "long_starts": _by_value(_long_starts(terms, max_words)),
        "need_words": _need_words(everything, specific),
    }
    for key in ("not_medicine_after", "not_medicine_before", "recommendation_words"):
        data[key] = frozenset(w.lower() for w in _as_list(patterns.get(key)))
    data["claim_blockers"] = frozenset(w.lower() for w in _as_list(patterns.get("claim_blockers")))
    return data


def _need_words(
    anchors: Mapping[str, str], specific_anchors: Mapping[str, str | None]
) -> frozenset[str]:
    """The words other than their anchor that terms of several words need (with or
    without the generic terms)."""
    raws = [*anchors.values(), *specific_anchors.values()]
    return frozenset(
        word for raw in raws if raw for part in raw.split("|") for word in part.split(" ")
    )


def _by_value(mapping: dict[str, tuple[int, ...]]) -> dict[tuple[int, ...], str]:
    """``mapping`` as its few values -> their keys joined by newlines (loads faster than
    a dict holding a tuple per key)."""
    keys: dict[tuple[int, ...], list[str]] = {}
    for key, value in mapping.items():
        keys.setdefault(value, []).append(key)
    return {value: "\n".join(found) for value, found in keys.items()}


def _long_starts(terms: dict[str, str], max_words: int) -> dict[str, tuple[int, ...]]:
    """Each word that begins a term of several words -> the numbers of words of the terms
    it begins, largest first (at most ``max_words``: Lexicon.mentions looks no further)."""
    sizes: dict[str, set[int]] = {}
    for key in terms:
        words = key.split(" ")
        if len(words) <= max_words:
            sizes.setdefault(words[0], set()).add(len(words))
    return {
        word: tuple(sorted(found, reverse=True)) for word, found in sizes.items() if found != {1}
    }


def _anchor_index(terms: dict[str, str], count_generic: bool) -> dict[str, str]:
    """Each term under its longest word (the rarest, mostly): see Lexicon.anchors."""
    needs: dict[str, set[frozenset[str]]] = {}
    single: set[str] = set()
    for key, kind in terms.items():
        if kind == GENERIC and not count_generic:
            continue
        words = key.split(" ")
        anchor = max(words, key=len)
        if len(words) == 1:
            single.add(anchor)
        else:
            needs.setdefault(anchor, set()).add(frozenset(words) - {anchor})
    index = dict.fromkeys(single, "")
    for anchor, sets in needs.items():
        if anchor not in single:
            index[anchor] = "|".join(sorted(" ".join(sorted(words)) for words in sets))
    return index


@lru_cache(maxsize=8)
def _load(
    names_path: str, terms_path: str, patterns_path: str, stamp: tuple[float, ...]
) -> Lexicon:
    del stamp  # part of the cache key only
    from faq_lint.datacache import cached

    paths = [names_path, terms_path, patterns_path]
    data = cached("medication-lexicon", paths, lambda: _lexicon_data(*paths), _DATA_LAYOUT)

    def strings(key: str) -> list[str]:
        return list(data[key])

    def words(key: str) -> frozenset[str]:
        return frozenset(data[key])

    long_starts: dict[str, tuple[int, ...]] = {}
    for sizes, starts in data["long_starts"].items():
        long_starts.update(dict.fromkeys(starts.split("\n"), sizes))
    lexicon = Lexicon(
        terms=data["terms"],
        max_words=int(data["max_words"]),
        claim_words=data["claim_words"],
        amount_patterns=prepare(strings("amount"), re.IGNORECASE),
        schedule_patterns=prepare(strings("schedule"), re.IGNORECASE),
        not_claims=words("not_claims"),
        forms=words("forms"),
        uses=words("uses"),
        recommendation_words=words("recommendation_words"),
        food_forms=words("food_forms"),
        effects=words("effects"),
        referrals=tuple(prepare(strings("referrals"), re.IGNORECASE)),
        not_medicine_after=words("not_medicine_after"),
        not_medicine_before=words("not_medicine_before"),
        claim_blockers=words("claim_blockers"),
        anchors=data["anchors"],
        specific_anchors=data["specific_anchors"],
        long_starts=long_starts,
    )
    lexicon.__dict__["need_words"] = words("need_words")  # the cached_property, pre-filled
    return lexicon


def load_lexicon(names: str | Path, terms: str | Path, patterns: str | Path) -> Lexicon:
    """The lexicon built from its three data files (cached while they are unchanged)."""
    paths = [str(Path(p)) for p in (names, terms, patterns)]
    stamp = tuple(os.stat(p).st_mtime for p in paths)
    return _load(paths[0], paths[1], paths[2], stamp)


def names_of(mentions: Iterable[Mention]) -> str:
    """``ibuprofen, naproxen and aspirin``: the medicines named, for a message."""
    seen: dict[str, str] = {}
    for mention in mentions:
        seen.setdefault(mention.text.lower(), mention.text)
    names = list(seen.values())
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
