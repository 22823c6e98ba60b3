"""Kinds ``duplicate-question``, ``duplicate-answer``, ``near-duplicate-question`` and
``near-duplicate-answer``: the same question or answer twice, in one file or across files.

One finding per *group*: a group of identical or nearly identical entries is reported
once, on its first member, with the others in ``related`` (capped) and the total in the
message. The work grows close to linearly with the number of entries:

- exact duplicates are grouped by a normalised key (one dictionary pass);
- near-duplicate questions (paraphrased duplicate entries, FAQ603): sentence vectors of
  the questions (:mod:`faq_lint.semantic`), candidates by nearest neighbours (never all
  pairs), gates on subject, variant and numbers, then the answers compared sentence by
  sentence (encoded only for the candidates) and by shared content words;
- near-duplicate answers: MinHash LSH over word 3-gram shingles (numpy signatures,
  banding) gives candidates, and rapidfuzz's normalised Indel
  similarity of the word sequences decides (a lightly edited answer scores about 0.9,
  while its 3-gram Jaccard similarity can fall below 0.5).

Options (all rules): ``max-related`` (members listed in ``related``), ``min-words``
(shorter answers are ignored), ``boilerplate`` (paragraphs a house accepts as shared)
and ``boilerplate-patterns`` (regular expressions for such paragraphs).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, islice
from operator import eq
from typing import Any

from faq_lint.checks.base import Hit, Rule, related_of
from faq_lint.datacache import cached
from faq_lint.models import Document, Entry
from faq_lint.rulepack import RulePackError
from faq_lint.safety import load_yaml
from faq_lint.text import normalize
from faq_lint.text.normalize import (
    STOP_WORDS,
    WORD,
    content_stems,
    fold,
    normalize_answer,
    normalize_question,
    shorten,
    stem,
    words,
)
from faq_lint.text.safe_regex import PatternError, Phrase, PhraseMatcher
from faq_lint.text.sentences import split_sentences

DESIGNATOR = re.compile(r"^(?:\d+[a-z]?|[a-z]|i{1,3}|iv|v|vi{1,3}|ix|x)$")


STOP_STEMS = frozenset(stem(w.replace("'", "")) for w in STOP_WORDS) - {"not", "no"}


@dataclass(frozen=True)
class Item:
    """One entry of the corpus and the document it belongs to."""

    document: Document
    entry: Entry
    index: int = 0  # place in the corpus's list of items

    @property
    def where(self) -> str:
        return f"{self.document.path}:{self.entry.question_position.line}"


def corpus_items(documents: Sequence[Document]) -> list[Item]:
    memo = corpus_memo(documents)
    if "items" not in memo:
        pairs = [(d, e) for d in documents for e in d.entries]
        memo["items"] = [Item(d, e, n) for n, (d, e) in enumerate(pairs)]
    items: list[Item] = memo["items"]
    return items


# The last corpus the rules saw and what they worked out about it: the four rules of a run
# see the same documents, so the items and answer texts are made once, not four times.
_MEMO: list[tuple[list[Document], list[int], dict[Any, Any]]] = []


def corpus_memo(documents: Sequence[Document]) -> dict[Any, Any]:
    """A dictionary for values worked out once per corpus (the same document objects)."""
    sizes = [len(d.entries) for d in documents]
    if _MEMO:
        known, known_sizes, memo = _MEMO[0]
        if known_sizes == sizes and all(a is b for a, b in zip(known, documents, strict=True)):
            return memo
    memo = {}
    _MEMO[:] = [(list(documents), sizes, memo)]
    return memo


def corpus_memo_of(items: Sequence[Item]) -> dict[Any, Any]:
    """The memo of the corpus these items were made from (a new one if they were not)."""
    if _MEMO and _MEMO[0][2].get("items") is items:
        return _MEMO[0][2]
    return {}


def _questions(items: list[Item]) -> list[str]:
    """Each item's question normalised (:func:`normalize_question`), made once per corpus."""
    memo = corpus_memo_of(items)
    if "questions" not in memo:
        memo["questions"] = [normalize_question(item.entry.question) for item in items]
    questions: list[str] = memo["questions"]
    return questions


# --------------------------------------------------------------------------- options


def _boilerplate(rule: Rule) -> Callable[[str], bool]:
    """A test for paragraphs the house accepts as shared text."""
    exact = {normalize_answer(p) for p in rule.option("boilerplate", []) or [] if str(p).strip()}
    sources = [str(p) for p in rule.option("boilerplate-patterns", []) or []]
    try:  # users' patterns run on RE2: linear time, so none can hang the run
        patterns = PhraseMatcher([Phrase(p, literal=False) for p in sources], ignore_case=True)
    except PatternError as exc:
        raise RulePackError(f"rule {rule.spec.code}, option boilerplate-patterns: {exc}") from exc

    def accepted(paragraph: str) -> bool:
        if exact and normalize_answer(paragraph) in exact:
            return True
        return bool(sources) and patterns.search(paragraph)

    return accepted


def _paragraphs(entry: Entry) -> list[str]:
    return entry.paragraphs or [p for p in entry.answer.split("\n\n") if p.strip()]


def answer_text(entry: Entry, accepted: Callable[[str], bool] | None) -> str:
    """The answer without the paragraphs the house accepts as shared."""
    if accepted is None:
        return entry.answer
    return "\n\n".join(p for p in _paragraphs(entry) if not accepted(p))


def _where_list(items: Sequence[Item], limit: int = 3) -> str:
    shown = ", ".join(item.where for item in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


def _group_hit(
    members: list[Item],
    rule: Rule,
    *,
    on_question: bool,
    score: str,
    shared: str,
    matched: str,
) -> Hit:
    # The anchor is the first member in corpus order. In a partial run the API lists the
    # named files first, so a group that touches a named file is anchored (and worded)
    # there; the engine re-anchors any other finding it keeps.
    anchor, others = members[0], members[1:]
    cap = int(rule.option("max-related", 20))
    entry = anchor.entry
    return Hit(
        args={
            "count": len(members),
            "others": len(others),
            "where": _where_list(others),
            "score": score,
            "shared": shorten(shared, int(rule.option("quote-chars", 90))),
            "question": shorten(entry.question, 70),
            "listed": min(cap, len(others)),
        },
        start=entry.question_position if on_question else entry.answer_position,
        entry=entry,
        document=anchor.document,
        related=[related_of(o.document, o.entry) for o in others[:cap]],
        matched=matched,
    )


# --------------------------------------------------------------------------- exact


def exact_groups(items: Sequence[Item], keys: Sequence[str]) -> list[list[Item]]:
    """Groups of two or more items sharing a non-empty key (``keys[i]`` is item i's), in
    corpus order."""
    groups: dict[str, list[Item]] = {}
    for item, k in zip(items, keys, strict=True):
        if k:
            groups.setdefault(k, []).append(item)
    return [g for g in groups.values() if len(g) > 1]


def _exact_questions(items: list[Item], rule: Rule) -> Iterator[Hit]:
    with_empty = bool(rule.option("include-empty-answers", True))
    questions = _questions(items)
    pool = items if with_empty else [i for i in items if i.entry.answer.strip()]
    for group in exact_groups(pool, [questions[i.index] for i in pool]):
        key = questions[group[0].index]
        yield _group_hit(
            group, rule, on_question=True, score="1.00", shared=group[0].entry.question, matched=key
        )


def _answer_keys(items: list[Item], rule: Rule, min_words: int) -> list[str]:
    """Per item: its answer without accepted boilerplate, case and spacing normalised, or
    "" when it has fewer than ``min_words`` words.

    The texts are made once per corpus and boilerplate setting (the exact and the
    near-duplicate answer rules both need them).
    """
    memo = corpus_memo_of(items)
    key = (
        "answers",
        tuple(str(p) for p in rule.option("boilerplate", []) or []),
        tuple(str(p) for p in rule.option("boilerplate-patterns", []) or []),
    )
    texts: list[str] | None = memo.get(key)
    if texts is None:
        accepted = _boilerplate(rule)
        texts = [normalize_answer(answer_text(item.entry, accepted)) for item in items]
        memo[key] = texts
    return [text if has_words(text, min_words) else "" for text in texts]


def has_words(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` words (stops counting there)."""
    return count <= 0 or next(islice(WORD.finditer(text), count - 1, None), None) is not None


def _exact_answers(items: list[Item], rule: Rule) -> Iterator[Hit]:
    keys = _answer_keys(items, rule, int(rule.option("min-words", 3)))
    accepted = _boilerplate(rule)
    for group in exact_groups(items, keys):
        text = answer_text(group[0].entry, accepted)
        matched = keys[group[0].index]
        yield _group_hit(group, rule, on_question=False, score="1.00", shared=text, matched=matched)


# --------------------------------------------------------------------------- clustering


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def clusters(
    size: int, pairs: Iterable[tuple[int, int, float]]
) -> list[tuple[list[int], float, float]]:
    """Connected groups of the pairs: (members in order, lowest score, highest score)."""
    uf = UnionFind(size)
    edges: list[tuple[int, int, float]] = []
    for a, b, s in pairs:
        uf.union(a, b)
        edges.append((a, b, s))
    members: dict[int, list[int]] = defaultdict(list)
    lo: dict[int, float] = {}
    hi: dict[int, float] = {}
    for a, _b, s in edges:
        root = uf.find(a)
        lo[root] = min(lo.get(root, 1.0), s)
        hi[root] = max(hi.get(root, 0.0), s)
    for index in range(size):
        root = uf.find(index)
        if root in lo:
            members[root].append(index)
    return [(members[r], lo[r], hi[r]) for r in sorted(members)]


def _score_text(lo: float, hi: float) -> str:
    return f"{hi:.2f}" if round(lo, 2) == round(hi, 2) else f"{lo:.2f}-{hi:.2f}"


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class IntentData:
    """What questions ask about (intents) and the words that do not change it."""

    # (intent, pattern source): compiled into :attr:`intents` when first needed (most
    # runs of a page compare no two questions, so they never are).
    intent_sources: tuple[tuple[str, str], ...] = ()
    intent_words: frozenset[str] = frozenset()
    light_words: frozenset[str] = frozenset()
    synonyms: dict[str, str] = field(default_factory=dict)

    @cached_property
    def intents(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((name, re.compile(source)) for name, source in self.intent_sources)


_INTENT_LAYOUT = "1"  # the layout of intent_data's value: change it when the value changes


@lru_cache(maxsize=8)
def load_intents(path: str) -> IntentData:
    # The derived data depends on the intents file and on this module and
    # text/normalize.py (fold, stem): a change to any of them rebuilds it.
    sources = [path, __file__, normalize.__file__]
    data = cached("question-intents", sources, lambda: intent_data(path), _INTENT_LAYOUT)
    return IntentData(**data)


def intent_data(path: str) -> dict[str, Any]:
    """The fields of :class:`IntentData` for the file ``path``, as plain data."""
    with open(path, encoding="utf-8") as handle:
        data = load_yaml(handle) or {}
    intents = []
    intent_words: set[str] = set()
    for name, phrases in (data.get("intents") or {}).items():
        alternatives = sorted((re.escape(fold(str(p))) for p in phrases), key=len, reverse=True)
        intents.append((str(name), r"\b(?:" + "|".join(alternatives) + r")\b"))
        for phrase in phrases:
            intent_words.update(content_stems(str(phrase)))
    light = {stem(w) for w in (data.get("light-words") or [])}
    synonyms: dict[str, str] = {}
    for group in data.get("synonyms") or []:
        stems = [stem(str(w)) for w in group]
        for other in stems[1:]:
            synonyms[other] = stems[0]
    return {
        "intent_sources": tuple(intents),
        "intent_words": frozenset(intent_words - light),
        "light_words": frozenset(light),
        "synonyms": synonyms,
    }


def question_intents(
    question: str, intents: Sequence[tuple[str, re.Pattern[str]]]
) -> frozenset[str]:
    text = fold(question)
    found = {name for name, pattern in intents if pattern.search(text)}
    if not found and re.match(
        r"^(?:what is|what are|what's|do you have information|tell me about)", text
    ):
        found.add("define")
    return frozenset(found)


DESIGNATED = frozenset(
    [
        "type",
        "typ",
        "stage",
        "grade",
        "class",
        "phase",
        "group",
        "factor",
        "level",
        "subtype",
        "form",
        "variant",
    ]
)


def designators(tokens: Sequence[str]) -> set[str]:
    """Designators that tell variants apart: ``type 1``, ``stage IV``, a trailing ``2``."""
    found = {
        b
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a in DESIGNATED and DESIGNATOR.match(b)
    }
    if (
        len(tokens) > 1
        and (tokens[-1][:1].isdigit() or len(tokens[-1]) == 1)
        and DESIGNATOR.match(tokens[-1])
    ):
        found.add(tokens[-1])
    return found


NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")
YES_NO = re.compile(r"^\W*(yes|no)\b", re.IGNORECASE)


def _intents_path(rule: Rule) -> str | None:
    name = rule.option("intents", "question-intents.yaml")
    return rule.spec.resolve_path(str(name)) if name else None


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in NUMBER.findall(text))


@dataclass
class _Side:
    """What the paraphrase rule knows of one question (the first entry with that key)."""

    item: Item
    answer: str  # without accepted boilerplate
    intents: frozenset[str]
    designators: frozenset[str]
    numbers: frozenset[str]  # in the question
    subject: frozenset[str]  # content stems of the question (not intent or light words)
    words: frozenset[str]  # content stems of the question and the answer
    answer_words: frozenset[str]  # content stems of the answer

    @property
    def answered(self) -> bool:
        return has_words(self.answer, 3)


def _side(item: Item, answer: str, data: IntentData) -> _Side:
    question = item.entry.question
    tokens = [stem(w.replace("'", "")) for w in words(question)]
    answer_words = frozenset(content_stems(answer))
    skip = data.intent_words | data.light_words
    subject = frozenset(t for t in tokens if t not in STOP_STEMS and t not in skip and len(t) > 2)
    return _Side(
        item=item,
        answer=answer,
        intents=question_intents(question, data.intents),
        designators=frozenset(designators(tokens)),
        numbers=_numbers(question),
        subject=subject,
        words=answer_words | frozenset(content_stems(question)),
        answer_words=answer_words,
    )


def other_subjects(a: _Side, b: _Side) -> bool:
    """Whether each question names a subject the other entry never mentions.

    A subject word is a content word of the question that its own answer repeats (what
    the entry is about: "Batten disease", "statins"); when both entries have one the
    other never uses, anywhere, they are about different things, however alike their
    wording ("These resources address the diagnosis or management of X" is the same
    template for every X). A lay term on one side ("water infection") passes as long
    as the other side's subject word appears somewhere in it.
    """

    def own(side: _Side, other: _Side) -> set[str]:
        return {w for w in side.subject if w in side.answer_words and w not in other.words}

    return bool(own(a, b)) and bool(own(b, a))


def same_ask(a: _Side, b: _Side) -> bool:
    """Whether two similar questions can ask the same thing: the same variant (type 1
    versus type 2), no clash of numbers (ages, doses) and the same subject."""
    if a.designators != b.designators:
        return False
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False  # "... my 4-year-old" / "... my 10-year-old"
    return not other_subjects(a, b)


def answers_conflict(a: str, b: str) -> bool:
    """Answers that cannot be the same advice: one opens "Yes" and the other "No", or
    both give numbers and share none (3 days versus 2 weeks)."""
    first, second = YES_NO.match(a), YES_NO.match(b)
    if first and second and first.group(1).lower() != second.group(1).lower():
        return True
    na, nb = _numbers(a), _numbers(b)
    return bool(na) and bool(nb) and not (na & nb)


def alignment(first: Any, second: Any) -> float:
    """Sentence-aligned similarity of two answers (rows: their sentences' unit vectors):
    each sentence's best match on the other side, averaged, both ways."""
    scores = first @ second.T
    return float((scores.max(axis=1).mean() + scores.max(axis=0).mean()) / 2.0)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the two answers' content words (stems) that both use (Jaccard)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def _sentences(answer: str, limit: int) -> list[str]:
    found = [" ".join(s.text.split()) for s in split_sentences(answer)]
    found = [s for s in found if s]
    return found[:limit] or [" ".join(answer.split())]


def paraphrase_pairs(
    sides: Sequence[_Side], rule: Rule, cache_dir: str | None
) -> list[tuple[int, int, float]]:
    """Pairs of ``sides`` that ask the same thing and answer it the same way, with a score.

    Candidates are each question's nearest neighbours by meaning (never all pairs);
    questions that cannot ask the same thing are dropped by :func:`same_ask`; the
    answers of what is left are compared sentence by sentence (encoded only for these
    pairs) and by the content words they share. A pair whose answers conflict is no
    duplicate (a contradiction rule's business).
    """
    from faq_lint.semantic import cached_encode, top_k_pairs

    if len(sides) < 2:
        return []
    with_empty = bool(rule.option("include-empty-answers", False))
    threshold = float(rule.option("threshold", 0.46))
    intent_margin = float(rule.option("intent-margin", 0.08))
    question_only = float(rule.option("question-threshold", 0.78))
    vectors = cached_encode([s.item.entry.question for s in sides], "question", cache_dir)
    candidates = top_k_pairs(
        vectors,
        k=int(rule.option("neighbours", 10)),
        min_similarity=float(rule.option("candidate-similarity", 0.5)),
    )
    found: list[tuple[int, int, float]] = []
    answered: list[tuple[int, int, float]] = []
    for i, j, similarity in candidates:
        a, b = sides[i], sides[j]
        if not same_ask(a, b):
            continue
        if not (a.answered and b.answered):
            clash = bool(a.intents and b.intents and not a.intents & b.intents)
            if with_empty and not clash and similarity >= question_only:
                found.append((i, j, similarity))
            continue
        if answers_conflict(a.answer, b.answer):
            continue
        answered.append((i, j, similarity))
    if not answered:
        return found
    limit = int(rule.option("max-sentences", 10))
    involved = sorted({n for i, j, _ in answered for n in (i, j)})
    split = {n: _sentences(sides[n].answer, limit) for n in involved}
    texts = sorted({t for n in involved for t in split[n]})
    rows = cached_encode(texts, "text", cache_dir)
    place = {t: r for r, t in enumerate(texts)}
    matrix = {n: rows[[place[t] for t in split[n]]] for n in involved}
    for i, j, _similarity in answered:
        a, b = sides[i], sides[j]
        score = (alignment(matrix[i], matrix[j]) + overlap(a.answer_words, b.answer_words)) / 2
        needed = threshold
        if a.intents and b.intents and not a.intents & b.intents:
            needed += intent_margin  # "What is X?" / "What causes X?": the answers must agree more
        if score >= needed:
            found.append((i, j, score))
    return sorted(found)


def _near_questions(items: list[Item], rule: Rule) -> Iterator[Hit]:
    from faq_lint.semantic import vector_cache_dir

    with_empty = bool(rule.option("include-empty-answers", False))
    min_words = int(rule.option("min-words", 3))
    accepted = _boilerplate(rule)
    by_key: dict[str, list[Item]] = {}
    for item, key in zip(items, _questions(items), strict=True):
        if not with_empty and not has_words(item.entry.answer, 3):
            continue
        if len(key.split()) >= min_words:
            by_key.setdefault(key, []).append(item)
    keys = list(by_key)
    if len(keys) < 2:
        return
    path = _intents_path(rule)
    data = load_intents(path) if path else IntentData()
    sides = [_side(by_key[k][0], answer_text(by_key[k][0].entry, accepted), data) for k in keys]
    pairs = paraphrase_pairs(sides, rule, vector_cache_dir(rule.project))
    for members, lo, hi in clusters(len(keys), pairs):
        group = [item for m in members for item in by_key[keys[m]]]
        yield _group_hit(
            group,
            rule,
            on_question=True,
            score=_score_text(lo, hi),
            shared=" / ".join(shorten(by_key[keys[m]][0].entry.question, 60) for m in members[1:3]),
            matched=keys[members[0]],
        )


# --------------------------------------------------------------------------- answers


def shingles(text: str, size: int = 3) -> set[str]:
    """The word ``size``-grams of a text (folded words)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def shingle_codes(token_lists: Sequence[Sequence[str]]) -> list[Any]:
    """Each text's word 3-grams as an array of 64-bit codes (a text of one or two words:
    its first word). Repeated 3-grams are kept: a MinHash is a minimum, which they do not
    change."""
    import numpy as np

    # Word ids 1, 2, ... in order of first appearance in the corpus.
    vocabulary = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(token_lists)), 1)}
    total = sum(len(tokens) for tokens in token_lists)
    ids = np.fromiter(
        map(vocabulary.__getitem__, chain.from_iterable(token_lists)), dtype=np.uint64, count=total
    )
    # The 3-gram starting at every word of the corpus at once; each text takes its own.
    grams = (ids[:-2] << np.uint64(42)) ^ (ids[1:-1] << np.uint64(21)) ^ ids[2:]
    result = []
    start = 0
    for tokens in token_lists:
        end = start + len(tokens)
        result.append(grams[start : end - 2] if len(tokens) >= 3 else ids[start : start + 1])
        start = end
    return result


_PRIME = (1 << 61) - 1
_MASK_32 = (1 << 32) - 1
_MASK_64 = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15


def minhash_parameters(num_perm: int, seed: int = 1) -> tuple[list[int], list[int]]:
    """The ``a`` and ``b`` of each of the ``num_perm`` hash functions: numpy's
    ``RandomState(seed)`` draws, kept in the data cache so that a small run (one page)
    need not import numpy (a tenth of a second) to get them."""

    def build() -> tuple[list[int], list[int]]:
        import numpy as np

        rng = np.random.RandomState(seed)
        a = rng.randint(1, _PRIME, size=num_perm, dtype=np.uint64)
        b = rng.randint(0, _PRIME, size=num_perm, dtype=np.uint64)
        return [int(x) for x in a], [int(x) for x in b]

    a, b = cached("minhash-parameters", [], build, extra=f"{num_perm}:{seed}")
    return list(a), list(b)


def minhashes(code_sets: Sequence[Any], num_perm: int, seed: int = 1) -> Any:
    """MinHash signatures, one row per set of codes, computed with numpy.

    Each hash is ``((h * a + b) mod (2**61 - 1)) & (2**32 - 1)`` with 64-bit wrap-around
    arithmetic; the modulo of a Mersenne prime is taken with shifts and masks rather
    than a division (the same numbers, a third less time).
    """
    import numpy as np

    params_a, params_b = minhash_parameters(num_perm, seed)
    prime = np.uint64(_PRIME)
    a = np.array(params_a, dtype=np.uint64)
    b = np.array(params_b, dtype=np.uint64)
    mask = np.uint64(_MASK_32)
    mix = np.uint64(_MIX)
    shift_32, shift_61 = np.uint64(32), np.uint64(61)
    signatures = np.full((len(code_sets), num_perm), mask, dtype=np.uint64)
    # A text's codes are hashed a block at a time (the signature is a minimum: taken
    # over blocks it is the same), so the work arrays stay a few MB however long the
    # text: one 4 MB answer made (codes x num_perm) arrays of 1 GB at once.
    block = max(1, MINHASH_BLOCK_VALUES // max(1, num_perm))
    for row, codes in enumerate(code_sets):
        if len(codes) > block:
            codes = np.unique(codes)  # repeats do not change a minimum
        for start in range(0, len(codes), block):
            hv = (codes[start : start + block] * mix) >> shift_32
            x = hv[:, None] * a
            x += b
            # x mod p for p = 2**61 - 1: x = q * 2**61 + r is q + r (mod p), and q + r < 2p;
            # min(y, y - p) subtracts p once when y >= p (y - p wraps around otherwise).
            high = x >> shift_61
            x &= prime
            x += high
            np.minimum(x, x - prime, out=x)
            x &= mask
            np.minimum(signatures[row], x.min(axis=0), out=signatures[row])
    return signatures


MINHASH_BLOCK_VALUES = 1 << 19  # hash values worked out at once (4 MB per work array)


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for LSH at Jaccard ``threshold`` with ``num_perm`` hashes.

    The choice that minimises the (equally weighted) areas of false positives below the
    threshold and false negatives above it, as datasketch's ``MinHashLSH`` does. Working
    it out takes 25 ms, so it is kept in the data cache (a one-page run paid it each time).
    """
    bands, rows = cached(
        "lsh-bands", [], lambda: _lsh_bands(threshold, num_perm), extra=f"{threshold!r}:{num_perm}"
    )
    return int(bands), int(rows)


def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    steps = 200

    def area(bands: int, rows: int, low: float, high: float, above: bool) -> float:
        width = (high - low) / steps
        total = 0.0
        for i in range(steps):
            s = low + (i + 0.5) * width
            p = 1.0 - (1.0 - s**rows) ** bands
            total += (1.0 - p if above else p) * width
        return total

    best = (1, num_perm)
    best_error = float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            error = area(bands, rows, 0.0, threshold, False) + area(
                bands, rows, threshold, 1.0, True
            )
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


def similar_texts(
    texts: Sequence[str],
    threshold: float,
    num_perm: int = 64,
    max_candidates: int = 30,
    candidate_jaccard: float = 0.3,
    bucket_size: int = 20,
) -> list[tuple[int, int, float]]:
    """Pairs of texts that are lightly edited copies: similarity at least ``threshold``.

    The similarity is rapidfuzz's normalised Indel similarity of the folded word
    sequences (1.0 = identical; an answer with a few words swapped or added scores
    about 0.9). Candidates come from MinHash LSH on word 3-grams (banding, linear in
    the number of texts, at ``candidate_jaccard``). A candidate already in the same
    group is skipped and at most ``max_candidates`` are looked at per text, so a large
    family of near-copies costs a few checks per member, not one per pair.
    """
    token_lists = [words(t) for t in texts]
    usable = [i for i, tokens in enumerate(token_lists) if tokens]  # the texts with 3-grams
    if len(usable) < 2:
        return []
    folded = [" ".join(tokens) for tokens in token_lists]
    lengths = [len(text) for text in folded]
    bands, rows = lsh_bands(candidate_jaccard, num_perm)
    # Small inputs (a page or a few) in plain Python: importing numpy would cost more.
    work = sum(max(1, len(tokens) - 2) for tokens in token_lists if tokens) * num_perm
    signatures: _Signatures = (
        _PythonSignatures(token_lists, num_perm, bands, rows)
        if work <= SMALL_MINHASH_WORK
        else _NumpySignatures(token_lists, num_perm, bands, rows)
    )
    tables: list[dict[Hashable, list[int]]] = [{} for _ in range(bands)]
    groups = UnionFind(len(texts))
    found: list[tuple[int, int, float]] = []
    floor = candidate_jaccard
    similarity: Callable[..., float] | None = None  # rapidfuzz's, imported when first needed
    for index in usable:
        keys = signatures.band_keys(index)
        hits = Counter(
            chain.from_iterable(table.get(key, ()) for table, key in zip(tables, keys, strict=True))
        )
        root = groups.find(index)
        # Most shared bands first (then corpus order); groups already joined are skipped.
        ranked = sorted((-count, other) for other, count in hits.items())[:max_candidates]
        for _, other in ranked:
            if groups.find(other) == root:
                continue
            short, long_ = min(lengths[index], lengths[other]), max(lengths[index], lengths[other])
            if 2 * short < threshold * (short + long_):
                continue  # too different in length to reach the threshold
            if signatures.agreement(other, index) < floor:
                continue
            if similarity is None:
                from rapidfuzz.distance import Indel

                similarity = Indel.normalized_similarity
            score = similarity(folded[index], folded[other], score_cutoff=threshold)
            if score >= threshold:
                found.append((other, index, score))
                groups.union(other, index)
                root = groups.find(index)
        for table, key in zip(tables, keys, strict=True):
            bucket = table.setdefault(key, [])
            if len(bucket) < bucket_size:
                bucket.append(index)
    return found


SMALL_MINHASH_WORK = 250_000  # hash evaluations below which plain Python is the quicker


class _Signatures:
    """MinHash signatures of texts: their LSH band keys and how many hashes two agree on."""

    def band_keys(self, index: int) -> list[Hashable]:
        raise NotImplementedError

    def agreement(self, a: int, b: int) -> float:
        """The share of hashes on which texts ``a`` and ``b`` agree."""
        raise NotImplementedError


class _NumpySignatures(_Signatures):
    def __init__(
        self, token_lists: Sequence[Sequence[str]], num_perm: int, bands: int, rows: int
    ) -> None:
        import numpy as np

        self.np = np
        self.num_perm, self.bands = num_perm, bands
        self.signatures = minhashes(shingle_codes(token_lists), num_perm)
        # Band k of row i: the bytes of signatures[i, k*rows:(k+1)*rows].
        self.raw = self.signatures.tobytes()
        self.row_bytes = num_perm * self.signatures.itemsize
        self.band_bytes = rows * self.signatures.itemsize

    def band_keys(self, index: int) -> list[Hashable]:
        base, size, raw = index * self.row_bytes, self.band_bytes, self.raw
        return [raw[base + k * size : base + (k + 1) * size] for k in range(self.bands)]

    def agreement(self, a: int, b: int) -> float:
        rows = self.signatures
        return int(self.np.count_nonzero(rows[a] == rows[b])) / self.num_perm


class _PythonSignatures(_Signatures):
    """The same signatures as :func:`minhashes` (64-bit wrap-around arithmetic by masking)."""

    def __init__(
        self, token_lists: Sequence[Sequence[str]], num_perm: int, bands: int, rows: int
    ) -> None:
        self.num_perm, self.bands, self.rows = num_perm, bands, rows
        a, b = minhash_parameters(num_perm)
        pairs = list(zip(a, b, strict=True))
        vocabulary = {
            w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(token_lists)), 1)
        }
        self.signatures: list[tuple[int, ...]] = []
        for tokens in token_lists:
            ids = [vocabulary[w] for w in tokens]
            if len(ids) >= 3:
                codes = [
                    ((x << 42) ^ (y << 21) ^ z) & _MASK_64
                    for x, y, z in zip(ids, ids[1:], ids[2:], strict=False)
                ]
            else:
                codes = ids[:1]
            hashes = [((code * _MIX) & _MASK_64) >> 32 for code in codes]
            self.signatures.append(
                tuple(
                    min((((h * ai + bi) & _MASK_64) % _PRIME) & _MASK_32 for h in hashes)
                    for ai, bi in pairs
                )
                if hashes
                else (_MASK_32,) * num_perm
            )

    def band_keys(self, index: int) -> list[Hashable]:
        row, rows = self.signatures[index], self.rows
        return [row[k * rows : (k + 1) * rows] for k in range(self.bands)]

    def agreement(self, a: int, b: int) -> float:
        return sum(map(eq, self.signatures[a], self.signatures[b])) / self.num_perm


SHARED_WORDING_WORDS = 5000  # words of each answer searched for the quote (MedQuAD's
# longest answer has 4,300): two near-copies of 4 MB took 20 s and 170 MB to quote


def shared_wording(a: str, b: str) -> str:
    """The longest run of words the two texts share (as written in ``a``), looked for in
    the first :data:`SHARED_WORDING_WORDS` words of each (the finding only quotes it)."""
    from difflib import SequenceMatcher

    limit = SHARED_WORDING_WORDS
    tokens_a, tokens_b = a.split(None, limit)[:limit], b.split(None, limit)[:limit]
    folded_a = [" ".join(words(t)) for t in tokens_a]
    folded_b = [" ".join(words(t)) for t in tokens_b]
    match = SequenceMatcher(None, folded_a, folded_b, autojunk=False).find_longest_match(
        0, len(folded_a), 0, len(folded_b)
    )
    if match.size == 0:
        return a
    return " ".join(tokens_a[match.a : match.a + match.size])


def _near_answers(items: list[Item], rule: Rule) -> Iterator[Hit]:
    accepted = _boilerplate(rule)
    by_key: dict[str, list[Item]] = {}
    for item, k in zip(
        items, _answer_keys(items, rule, int(rule.option("min-words", 12))), strict=True
    ):
        if k:
            by_key.setdefault(k, []).append(item)
    keys = list(by_key)
    pairs = similar_texts(
        keys,
        float(rule.option("threshold", 0.85)),
        num_perm=int(rule.option("num-perm", 64)),
        candidate_jaccard=float(rule.option("candidate-similarity", 0.3)),
    )
    for members, lo, hi in clusters(len(keys), pairs):
        group = [item for m in members for item in by_key[keys[m]]]
        first = answer_text(group[0].entry, accepted)
        second = answer_text(by_key[keys[members[1]]][0].entry, accepted)
        yield _group_hit(
            group,
            rule,
            on_question=False,
            score=_score_text(lo, hi),
            shared=shared_wording(first, second),
            matched=keys[members[0]],
        )


# --------------------------------------------------------------------------- entry point

_KINDS: dict[str, Callable[[list[Item], Rule], Iterator[Hit]]] = {
    "duplicate-question": _exact_questions,
    "duplicate-answer": _exact_answers,
    "near-duplicate-question": _near_questions,
    "near-duplicate-answer": _near_answers,
}


def check_corpus(documents: list[Document], rule: Rule) -> Iterator[Hit]:
    yield from _KINDS[rule.spec.check](corpus_items(documents), rule)
