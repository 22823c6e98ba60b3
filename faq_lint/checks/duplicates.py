"""Kinds ``duplicate-question``, ``duplicate-answer``, ``near-duplicate-question`` and
``near-duplicate-answer``: the same question or answer twice, in one file or across files.

One finding per *group*: a group of identical or nearly identical entries is reported
once, on its first member, with the others in ``related`` (capped) and the total in the
message. The work grows close to linearly with the number of entries:

- exact duplicates are grouped by a normalised key (one dictionary pass);
- near-duplicate questions: TF-IDF cosine (plain Python) over candidate pairs that share
  one of the rarest words of a question (blocking). A block larger than ``block-size``
  is not compared all-pairs: its members are sorted and each is compared with its next
  ``window`` neighbours only, so no step is quadratic in the corpus size;
- near-duplicate answers: MinHash LSH over word 3-gram shingles (numpy signatures,
  banding) gives candidates, and rapidfuzz's normalised Indel
  similarity of the word sequences decides (a lightly edited answer scores about 0.9,
  while its 3-gram Jaccard similarity can fall below 0.5).

Options (all rules): ``max-related`` (members listed in ``related``), ``min-words``
(shorter answers are ignored), ``boilerplate`` (paragraphs a house accepts as shared)
and ``boilerplate-patterns`` (regular expressions for such paragraphs).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from faq_lint.checks.base import Hit, Rule, related_of
from faq_lint.models import Document, Entry
from faq_lint.rulepack import RulePackError
from faq_lint.safety import load_yaml
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

DESIGNATOR = re.compile(r"^(?:\d+[a-z]?|[a-z]|i{1,3}|iv|v|vi{1,3}|ix|x)$")


STOP_STEMS = frozenset(stem(w.replace("'", "")) for w in STOP_WORDS) - {"not", "no"}


@dataclass(frozen=True)
class Item:
    """One entry of the corpus and the document it belongs to."""

    document: Document
    entry: Entry

    @property
    def where(self) -> str:
        return f"{self.document.path}:{self.entry.question_position.line}"


def corpus_items(documents: Sequence[Document]) -> list[Item]:
    return [Item(d, e) for d in documents for e in d.entries]


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
        if normalize_answer(paragraph) in exact:
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


def exact_groups(items: Sequence[Item], key: Callable[[Item], str]) -> list[list[Item]]:
    """Groups of two or more items sharing a non-empty key, in corpus order."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        k = key(item)
        if k:
            groups.setdefault(k, []).append(item)
    return [g for g in groups.values() if len(g) > 1]


def _exact_questions(items: list[Item], rule: Rule) -> Iterator[Hit]:
    with_empty = bool(rule.option("include-empty-answers", True))
    pool = items if with_empty else [i for i in items if i.entry.answer.strip()]
    for group in exact_groups(pool, lambda i: normalize_question(i.entry.question)):
        key = normalize_question(group[0].entry.question)
        yield _group_hit(
            group, rule, on_question=True, score="1.00", shared=group[0].entry.question, matched=key
        )


def _answer_key(min_words: int, accepted: Callable[[str], bool]) -> Callable[[Item], str]:
    def key(item: Item) -> str:
        text = normalize_answer(answer_text(item.entry, accepted))
        return text if len(WORD.findall(text)) >= min_words else ""

    return key


def _exact_answers(items: list[Item], rule: Rule) -> Iterator[Hit]:
    key = _answer_key(int(rule.option("min-words", 3)), _boilerplate(rule))
    for group in exact_groups(items, key):
        text = answer_text(group[0].entry, _boilerplate(rule))
        yield _group_hit(
            group, rule, on_question=False, score="1.00", shared=text, matched=key(group[0])
        )


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

    intents: tuple[tuple[str, re.Pattern[str]], ...] = ()
    intent_words: frozenset[str] = frozenset()
    light_words: frozenset[str] = frozenset()
    synonyms: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=8)
def load_intents(path: str) -> IntentData:
    with open(path, encoding="utf-8") as handle:
        data = load_yaml(handle) or {}
    intents = []
    intent_words: set[str] = set()
    for name, phrases in (data.get("intents") or {}).items():
        alternatives = sorted((re.escape(fold(str(p))) for p in phrases), key=len, reverse=True)
        intents.append((str(name), re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")))
        for phrase in phrases:
            intent_words.update(content_stems(str(phrase)))
    light = {stem(w) for w in (data.get("light-words") or [])}
    synonyms: dict[str, str] = {}
    for group in data.get("synonyms") or []:
        stems = [stem(str(w)) for w in group]
        for other in stems[1:]:
            synonyms[other] = stems[0]
    return IntentData(tuple(intents), frozenset(intent_words - light), frozenset(light), synonyms)


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


PARENTHESES = re.compile(r"\(\s*[A-Z][A-Z0-9-]{1,9}s?\s*\)")  # an abbreviation: "(OHS)"
HEAVY = frozenset({"not", "no", "non", "never", "without", "nt", "cannot", "cant", "dont"})


def question_tokens(question: str) -> list[str]:
    """Stems of a question's words; abbreviations in parentheses ("(OHS)") are left out."""
    text = PARENTHESES.sub(" ", question.replace("(are)", " "))
    return [stem(w.replace("'", "")) for w in normalize_question(text).split()]


class TfidfVectors:
    """TF-IDF vectors of token lists, as scikit-learn's ``TfidfVectorizer(analyzer=list,
    sublinear_tf=True, norm="l2")`` makes them (smooth idf), in plain Python.

    Questions are short, so dictionaries are fast enough even for MedQuAD's 47,000,
    and a run does not pay scikit-learn's 1.5 s import (numpy, scipy) at start-up.
    """

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        frequency: Counter[str] = Counter()
        for tokens in documents:
            frequency.update(set(tokens))
        total = len(documents)
        self.idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in frequency.items()}
        self.vectors: list[dict[str, float]] = []
        for tokens in documents:
            weights = {t: (1.0 + math.log(n)) * self.idf[t] for t, n in Counter(tokens).items()}
            norm = math.sqrt(sum(w * w for w in weights.values()))
            self.vectors.append({t: w / norm for t, w in weights.items()} if norm else weights)

    def cosine(self, a: int, b: int) -> float:
        left, right = self.vectors[a], self.vectors[b]
        if len(left) > len(right):
            left, right = right, left
        return sum(w * right.get(t, 0.0) for t, w in left.items())


class QuestionMatcher:
    """TF-IDF cosine between questions, with the gates that keep templated FAQs apart."""

    def __init__(
        self, questions: Sequence[str], intents_path: str | None, same_words: bool = True
    ) -> None:
        self.questions = list(questions)
        self.tokens = [question_tokens(q) for q in self.questions]
        self.tfidf = TfidfVectors(self.tokens)
        self.data = load_intents(intents_path) if intents_path else IntentData()
        self._intent_cache: dict[int, frozenset[str]] = {}
        self.same_words = same_words
        same = self.data.synonyms
        self.content = [
            frozenset(same.get(t, t) for t in tokens if t not in STOP_STEMS)
            for tokens in self.tokens
        ]

    def intent(self, index: int) -> frozenset[str]:
        if index not in self._intent_cache:
            self._intent_cache[index] = question_intents(self.questions[index], self.data.intents)
        return self._intent_cache[index]

    def scores(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """Cosine similarity of each pair."""
        cosine = self.tfidf.cosine
        return [cosine(a, b) for a, b in pairs]

    def compatible(self, a: int, b: int) -> bool:
        """Whether two similar questions can be the same question.

        They cannot when they ask about different things (intents: causes versus
        prevention), when their designators differ (type 1 versus type 2), or when a
        content word of one is missing from the other: a qualifier ("X" versus "X in
        children"), another topic ("Batten disease" versus "Canavan disease"), another
        form ("X injection" versus "X tablets"). Light words ("usually"), word order,
        word endings, abbreviations in parentheses and listed synonyms ("signs", "symptoms") may
        differ. With ``same_words`` off, only the intent and designator gates apply.
        """
        if self.intent(a) != self.intent(b):
            return False
        da, db = designators(self.tokens[a]), designators(self.tokens[b])
        if da != db:
            return False
        if not self.same_words:
            return True
        light = self.data.light_words
        return all(w in light for w in self.content[a] ^ self.content[b])

    def candidates(self, rare: int, block_size: int, window: int) -> set[tuple[int, int]]:
        """Pairs sharing one of each question's ``rare`` rarest words (blocking)."""
        idf = self.tfidf.idf
        blocks: dict[str, list[int]] = defaultdict(list)
        for index, tokens in enumerate(self.tokens):
            ranked = sorted(set(tokens), key=lambda t: (-idf[t], t))[:rare]
            for term in ranked:
                blocks[term].append(index)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2:
                continue
            if len(members) <= block_size:
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        pairs.add((a, b))
                continue
            ordered = sorted(members, key=lambda m: self.tokens[m])
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 : i + 1 + window]:
                    pairs.add((min(a, b), max(a, b)))
        return pairs

    def similar_pairs(
        self, threshold: float, rare: int = 4, block_size: int = 40, window: int = 6
    ) -> list[tuple[int, int, float]]:
        pairs = sorted(self.candidates(rare, block_size, window))
        found: list[tuple[int, int, float]] = []
        for (a, b), score in zip(pairs, self.scores(pairs), strict=True):
            if score >= threshold and self.compatible(a, b):
                found.append((a, b, score))
        return found


def _intents_path(rule: Rule) -> str | None:
    name = rule.option("intents", "question-intents.yaml")
    return rule.spec.resolve_path(str(name)) if name else None


def _near_questions(items: list[Item], rule: Rule) -> Iterator[Hit]:
    by_key: dict[str, list[Item]] = {}
    with_empty = bool(rule.option("include-empty-answers", True))
    for item in items:
        if not with_empty and not item.entry.answer.strip():
            continue
        key = normalize_question(item.entry.question)
        if len(key.split()) >= int(rule.option("min-words", 3)):
            by_key.setdefault(key, []).append(item)
    keys = list(by_key)
    if len(keys) < 2:
        return
    matcher = QuestionMatcher(
        [by_key[k][0].entry.question for k in keys],
        _intents_path(rule),
        same_words=bool(rule.option("same-content-words", True)),
    )
    pairs = matcher.similar_pairs(
        float(rule.option("threshold", 0.7)),
        rare=int(rule.option("rare-words", 4)),
        block_size=int(rule.option("block-size", 40)),
        window=int(rule.option("window", 6)),
    )
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
    """Each text's word 3-grams as a sorted array of unique 64-bit codes."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    result = []
    for tokens in token_lists:
        ids = np.array(
            [vocabulary.setdefault(w, len(vocabulary) + 1) for w in tokens], dtype=np.uint64
        )
        if len(ids) >= 3:
            codes = (ids[:-2] << np.uint64(42)) ^ (ids[1:-1] << np.uint64(21)) ^ ids[2:]
        else:
            codes = ids[:1]
        result.append(np.unique(codes))
    return result


def minhashes(code_sets: Sequence[Any], num_perm: int, seed: int = 1) -> Any:
    """MinHash signatures, one row per set of codes, computed with numpy."""
    import numpy as np

    rng = np.random.RandomState(seed)
    prime = np.uint64((1 << 61) - 1)
    a = rng.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    mask = np.uint64((1 << 32) - 1)
    mix = np.uint64(0x9E3779B97F4A7C15)
    signatures = np.full((len(code_sets), num_perm), mask, dtype=np.uint64)
    for row, codes in enumerate(code_sets):
        if len(codes):
            hv = (codes * mix) >> np.uint64(32)
            signatures[row] = np.bitwise_and((hv[:, None] * a + b) % prime, mask).min(axis=0)
    return signatures


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for LSH at Jaccard ``threshold`` with ``num_perm`` hashes.

    The choice that minimises the (equally weighted) areas of false positives below the
    threshold and false negatives above it, as datasketch's ``MinHashLSH`` does.
    """
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
    import numpy as np
    from rapidfuzz.distance import Indel

    token_lists = [words(t) for t in texts]
    codes = shingle_codes(token_lists)
    usable = [i for i, c in enumerate(codes) if len(c)]
    if len(usable) < 2:
        return []
    folded = [" ".join(tokens) for tokens in token_lists]
    signatures = minhashes(codes, num_perm)
    bands, rows = lsh_bands(candidate_jaccard, num_perm)
    tables: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
    groups = UnionFind(len(texts))
    found: list[tuple[int, int, float]] = []
    floor = candidate_jaccard
    for index in usable:
        signature = signatures[index]
        keys = [signature[k * rows : (k + 1) * rows].tobytes() for k in range(bands)]
        hits: Counter[int] = Counter()
        for table, key in zip(tables, keys, strict=True):
            hits.update(table.get(key, ()))
        root = groups.find(index)
        # Most shared bands first; groups already joined are skipped.
        ranked = sorted(hits, key=lambda o: (-hits[o], o))[:max_candidates]
        for other in ranked:
            if groups.find(other) == root:
                continue
            short, long_ = sorted((len(folded[index]), len(folded[other])))
            if 2 * short < threshold * (short + long_):
                continue  # too different in length to reach the threshold
            if float(np.mean(signatures[other] == signature)) < floor:
                continue
            score = Indel.normalized_similarity(
                folded[index], folded[other], score_cutoff=threshold
            )
            if score >= threshold:
                found.append((other, index, score))
                groups.union(other, index)
                root = groups.find(index)
        for table, key in zip(tables, keys, strict=True):
            bucket = table.setdefault(key, [])
            if len(bucket) < bucket_size:
                bucket.append(index)
    return found


def shared_wording(a: str, b: str) -> str:
    """The longest run of words the two texts share (as written in ``a``)."""
    from difflib import SequenceMatcher

    tokens_a, tokens_b = a.split(), b.split()
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
    key = _answer_key(int(rule.option("min-words", 12)), accepted)
    by_key: dict[str, list[Item]] = {}
    for item in items:
        k = key(item)
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
