"""Kinds ``contradiction-yes-no``, ``contradiction-advice``, ``contradiction-negation`` and
``contradiction-number``: two answers about the same thing that give opposite advice or facts.

Precision comes before recall: an editor forgives a missed conflict sooner than ten
false ones. So every comparison is scoped twice:

1. **Same thing.** Two entries are compared only when they share a topic: the same page
   (a document with at most ``page-entries`` entries), the same ``topic`` metadata, or a
   rare word of their questions that is not a generic word ("piriformis", not "syndrome").
2. **Same action or claim.** Within a topic, sentences are indexed by what they are
   about, and only sentences with the same key are compared:

   - yes/no: the question's content words (an evaluative word such as "bad" flips the
     meaning of "yes"); the answers open with opposite "Yes" / "No";
   - advice: the action ("exercise", "lie down", "keep moving" versus "stay in bed");
     one answer recommends it and the other says to avoid it, with no qualifier or
     condition that lets both be right ("avoid running on hills" does not contradict
     "running is good"; "avoid heavy lifting" does not contradict "light lifting helps");
   - negation: the same content words, one sentence negated and the other not (negation,
     pseudo-negation and hedge cue lists are data in the rule pack);
   - numbers: the same content words with different quantities of the same kind
     (durations, doses, percentages) whose ranges do not overlap.

Indexing is by hashing, so the work is linear in the number of sentences; groups larger
than ``max-group`` are cut to that size so no key can make the run quadratic.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from faq_lint.checks.base import Hit, Rule, hit_in_answer, related_of
from faq_lint.datacache import cached
from faq_lint.models import Document, Entry
from faq_lint.safety import load_yaml
from faq_lint.text import normalize
from faq_lint.text.normalize import STOP_WORDS, fold, shorten, stem, words
from faq_lint.text.sentences import split_sentences

# --------------------------------------------------------------------------- cue data


_WILDCARD = r"\s+(?:[\w'-]+\s+){0,3}?"  # " * " in a phrase


def _escaped(phrases: Sequence[str]) -> list[str]:
    """The phrases as regular expressions, longest first; ``*`` stands for up to three words."""
    return sorted(
        (re.escape(fold(str(p))).replace(r"\ \*\ ", _WILDCARD) for p in phrases if str(p).strip()),
        key=len,
        reverse=True,
    )


def _alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of the phrases, longest first; ``*`` stands for up to three words."""
    escaped = _escaped(phrases)
    return "|".join(escaped) if escaped else r"(?!x)x"


def _any_phrase_source(phrases: Sequence[str], before: str, after: str) -> str:
    """A pattern that finds whether any phrase occurs (between ``before`` and ``after``
    assertions); only for yes/no tests, as the match it finds may differ from the
    :func:`_alternation` pattern's.

    Python's ``re`` tries every phrase of an alternation at every position of the text.
    Here the phrases are grouped by their first character (an escaped one, ``\\ ``, is
    two characters; ``re.escape`` leaves no other construct at the start), and a
    look-ahead skips the positions no phrase starts with: the same texts match, about
    three times faster.
    """
    escaped = _escaped(phrases)
    if not escaped or any(phrase.startswith(_WILDCARD) for phrase in escaped):
        return before + "(?:" + _alternation(phrases) + ")" + after
    groups: dict[str, list[str]] = defaultdict(list)  # first character -> the rests, in order
    for phrase in escaped:
        first = phrase[:2] if phrase.startswith("\\") else phrase[:1]
        groups[first].append(phrase[len(first) :])
    starts = "".join(re.escape(first[-1]) for first in groups)
    trie = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return f"(?=[{starts}]){before}(?:{trie}){after}"


class Cues:
    """Cue lists from ``contradiction-cues.yaml``: word sets, and patterns compiled when a
    rule first uses them (compiling all of them took most of a one-page run's time for
    these rules; a page without advice never needs the concept patterns, for example)."""

    negation: re.Pattern[str]
    pseudo: re.Pattern[str]
    hedge: re.Pattern[str]
    avoid: re.Pattern[str]
    avoid_any: re.Pattern[str]
    recommend: re.Pattern[str]
    imperative_followers: re.Pattern[str]
    benefit: re.Pattern[str]
    harm: re.Pattern[str]
    harm_any: re.Pattern[str]
    wait: re.Pattern[str]
    universal: re.Pattern[str]
    qualifier_pattern: re.Pattern[str]
    condition: re.Pattern[str]
    concepts: tuple[tuple[str, re.Pattern[str]], ...]
    prefilter: re.Pattern[str]
    # One pass instead of two, for yes/no tests: a hedge or an "avoid" cue; a negation
    # or a pseudo-negation.
    hedge_or_avoid: re.Pattern[str]
    negation_or_pseudo: re.Pattern[str]

    def __init__(self, data: dict[str, Any]) -> None:
        """``data``: what :func:`cue_data` makes (plain data, kept in the data cache)."""
        self._patterns: dict[str, Any] = data["patterns"]
        self.noun_verbs: frozenset[str] = frozenset(data["noun_verbs"])
        self.qualifiers: frozenset[str] = frozenset(data["qualifiers"])
        self.opposite: dict[str, str] = dict(data["opposite"])
        self.negative_eval: frozenset[str] = frozenset(data["negative_eval"])
        self.positive_eval: frozenset[str] = frozenset(data["positive_eval"])
        self.generic: frozenset[str] = frozenset(data["generic"])
        self.cue_words: frozenset[str] = frozenset(data["cue_words"])

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not set yet: a pattern, compiled now and kept.
        source = self.__dict__.get("_patterns", {}).get(name)
        if source is None:
            raise AttributeError(name)
        if isinstance(source, str):
            value: Any = re.compile(source)
        else:  # the concepts: (name, source) pairs
            value = tuple((concept, re.compile(pattern)) for concept, pattern in source)
        setattr(self, name, value)
        return value


_CUE_LAYOUT = "1"  # the layout of cue_data's value: change it when the value changes


@lru_cache(maxsize=8)
def load_cues(path: str) -> Cues:
    # The derived data depends on the cue file and on this module and text/normalize.py
    # (fold, stem): a change to any of them rebuilds it.
    sources = [path, __file__, normalize.__file__]
    return Cues(cached("contradiction-cues", sources, lambda: cue_data(path), _CUE_LAYOUT))


def cue_data(path: str) -> dict[str, Any]:
    """The cue lists of ``path`` worked out as plain data: pattern sources and word sets."""
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = load_yaml(handle) or {}

    def words_of(key: str) -> list[str]:
        return [str(w) for w in data.get(key) or []]

    def bounded(key: str) -> str:
        return r"(?<![\w'])(?:" + _alternation(words_of(key)) + r")(?![\w'])"

    def occurs(key: str) -> str:  # the same, for yes/no tests only
        return _any_phrase_source(words_of(key), r"(?<![\w'])", r"(?![\w'])")

    concepts = []
    opposite: dict[str, str] = {}
    for name, spec in (data.get("concepts") or {}).items():
        spec = spec if isinstance(spec, dict) else {"phrases": spec}
        phrases = [str(p) for p in spec.get("phrases") or []]
        concepts.append((str(name), r"\b(?:" + _alternation(phrases) + r")\b"))
        if spec.get("opposite"):
            opposite[str(name)] = str(spec["opposite"])
    recommend = words_of("recommend-openers") + words_of("recommend-verbs")
    cue_words: set[str] = set()
    for key in ("negation", "hedge", "avoid", "recommend-openers", "wait", "universal"):
        for phrase in words_of(key):
            cue_words.update(stem(w.replace("'", "")) for w in words(phrase))
    action_cues = words_of("avoid") + words_of("benefit") + words_of("harm") + words_of("wait")
    patterns: dict[str, Any] = {
        "negation": occurs("negation"),
        "pseudo": bounded("pseudo-negation"),
        "hedge": occurs("hedge"),
        "avoid": (
            r"^(?:(?:you|patients|people|adults|children)\s+)?(?:"
            + _alternation(words_of("avoid"))
            + r")\b\s*(?P<act>.*)$"
        ),
        "avoid_any": occurs("avoid"),
        "recommend": (
            r"^(?:(?:"
            + _alternation(words_of("recommend-openers"))
            + r")\s+)?(?P<verb>"
            + _alternation(words_of("recommend-verbs") + words_of("recommend-noun-verbs"))
            + r")\b\s*(?P<act>.*)$"
        ),
        "imperative_followers": (
            r"^(?:$|(?:" + _alternation(words_of("imperative-followers")) + r")\b|\w+ly\b)"
        ),
        "benefit": (
            r"^(?P<subj>.+?)\s+(?:(?:can|may|will|might|often|usually|really|also)\s+)?(?:"
            + _alternation(words_of("benefit"))
            + r")\b"
        ),
        "harm_any": occurs("harm"),
        "harm": (
            r"^(?P<subj>.+?)\s+(?:(?:can|may|will|might|often|usually|only|also)\s+)?(?:"
            + _alternation(words_of("harm"))
            + r")\b"
        ),
        "wait": (
            r"\b(?:"
            + _alternation(words_of("wait"))
            + r")\b(?P<span>.*?)\bbefore\s+(?:you\s+|they\s+)?(?P<act>.*)$"
        ),
        "universal": occurs("universal"),
        "qualifier_pattern": bounded("qualifiers"),
        "condition": r"\b(?:" + _alternation(words_of("conditions")) + r")\b(?P<rest>.*)$",
        "concepts": tuple(concepts),
        "prefilter": _any_phrase_source(action_cues + recommend, r"\b", r"\b"),
        "hedge_or_avoid": _any_phrase_source(
            words_of("hedge") + words_of("avoid"), r"(?<![\w'])", r"(?![\w'])"
        ),
        "negation_or_pseudo": _any_phrase_source(
            words_of("negation") + words_of("pseudo-negation"), r"(?<![\w'])", r"(?![\w'])"
        ),
    }
    return {
        "patterns": patterns,
        "noun_verbs": frozenset(fold(w) for w in words_of("recommend-noun-verbs")),
        "qualifiers": frozenset(fold(w) for w in words_of("qualifiers")),
        "opposite": opposite,
        "negative_eval": frozenset(stem(w) for w in words_of("negative-evaluation")),
        "positive_eval": frozenset(stem(w) for w in words_of("positive-evaluation")),
        "generic": frozenset(stem(w) for w in words_of("generic-topic-words")),
        "cue_words": frozenset(cue_words),
    }


def _cues(rule: Rule) -> Cues:
    return load_cues(rule.spec.resolve_path(str(rule.option("cues", "contradiction-cues.yaml"))))


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Item:
    document: Document
    entry: Entry
    index: int


@dataclass(frozen=True)
class Sentence:
    item: Item
    text: str
    start: int
    end: int

    # The text folded, ``non-x`` written ``nonx``, as the advice and claim rules read it
    # (worked out once per sentence; "" is filled in by __post_init__).
    folded: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.folded:
            object.__setattr__(self, "folded", folded_sentence(self.text))


def folded_sentence(text: str) -> str:
    """A sentence folded, with ``non-x`` written ``nonx``."""
    folded = fold(text)
    return NON_PREFIX.sub(r"non\1", folded) if "non-" in folded else folded


@dataclass(frozen=True)
class Advice:
    """One piece of advice: do (+1) or avoid (-1) an action, and what narrows it."""

    sentence: Sentence
    concept: str
    polarity: int
    qualifiers: frozenset[str]
    universal: bool
    condition: frozenset[str]
    wait: bool = False
    immediate: bool = False


@dataclass
class Conflict:
    first: Sentence
    second: Sentence
    detail: str = ""
    score: float = 1.0


CONTENT_SKIP = STOP_WORDS | {"yes"}
# A clause separator and the white space around it. The look-ahead (the characters such a
# match can start with) lets the scan skip most positions at once: the same matches, twice
# as fast on MedQuAD's sentences.
_CLAUSE = re.compile(
    r"(?=[\s;:,bhw])"
    r"\s*(;|:|\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b|,\s*(?:then|and then|so)\b)\s*"
)
_LEAD = re.compile(
    r"^(?:and|so|also|then|instead|first|finally|generally|usually|often|in general)\b[,\s]*"
)


class _ContentStems(dict[str, str]):
    """word -> its stem without apostrophes, or "" for a word that is skipped (memo)."""

    def __missing__(self, word: str) -> str:
        value = "" if word in CONTENT_SKIP else stem(word.replace("'", ""))
        self[word] = value
        return value


_CONTENT_STEMS = _ContentStems()


def content_key(text: str, drop: frozenset[str] = frozenset()) -> tuple[str, ...]:
    stems = set(map(_CONTENT_STEMS.__getitem__, words(text)))
    stems.discard("")  # skipped words (a stem is never empty)
    if drop:
        stems -= drop
    return tuple(sorted(stems))


# --------------------------------------------------------------------------- topics


def topic_keys(item: Item, question_terms: dict[int, list[str]], page_entries: int) -> list[str]:
    """What an entry is about: its page, its topic metadata and its question's topic words.

    Entries on one page (a document of at most ``page_entries`` entries) share a topic.
    Across documents, two entries share a topic when their ``topic`` metadata is the
    same, or when their questions share a specific word: one that is not generic
    ("syndrome"), not about what is asked ("causes") and rare in the corpus
    ("piriformis" qualifies; in a corpus of thousands of questions, "heart" does not).
    """
    keys: list[str] = []
    document = item.document
    if len(document.entries) <= page_entries:
        keys.append("page:" + document.path)
    topic = item.entry.metadata.get("topic") if item.entry.metadata else None
    if isinstance(topic, str) and topic.strip():
        keys.append(_topic_key(topic))
    keys.extend("term:" + t for t in question_terms.get(item.index, []))
    return keys


@lru_cache(maxsize=4096)
def _topic_key(topic: str) -> str:
    return "topic:" + " ".join(words(topic))


def question_topic_terms(
    items: Sequence[Item], cues: Cues, max_share: float = 0.002, max_terms: int = 3
) -> dict[int, list[str]]:
    """Per entry: up to ``max_terms`` specific words of its question, rarest first.

    A word is specific when it is not a generic, intent or cue word and at most
    ``max_share`` of the questions (and at least 10) contain it.
    """
    from faq_lint.checks.duplicates import load_intents
    from faq_lint.rulepack import default_pack_dir

    intents = load_intents(str(default_pack_dir() / "question-intents.yaml"))
    skip = cues.generic | intents.intent_words | intents.light_words | cues.cue_words
    skip |= cues.negative_eval | cues.positive_eval
    terms = {
        item.index: [t for t in content_key(item.entry.question) if t not in skip and len(t) > 2]
        for item in items
    }
    df: Counter[str] = Counter()
    for found in terms.values():
        df.update(found)
    limit = max(10, int(max_share * len(items)))
    return {
        index: sorted((t for t in found if df[t] <= limit), key=lambda t: (df[t], t))[:max_terms]
        for index, found in terms.items()
    }


# --------------------------------------------------------------------------- analysis


BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s")
FINAL = re.compile(r"[.!][\"')\]]*(?:\s*[(\[]\d+(?:[-–,]\s*\d+)*[)\]])?$")


def sentences_of(item: Item, max_words: int, folds: dict[str, str] | None = None) -> list[Sentence]:
    """Whole sentences of an answer: list items, headings and questions are left out.

    ``folds``: a memo of :func:`folded_sentence` (a third of MedQuAD's sentences repeat).
    """
    result = []
    for sentence in split_sentences(item.entry.answer):
        text = sentence.text.strip()
        if "  " in text or BULLET.match(text) or not FINAL.search(text):
            continue
        if len(text.split()) > max_words:
            continue
        folded = ""
        if folds is not None:
            folded = folds.get(sentence.text, "")
            if not folded:
                folded = folds[sentence.text] = folded_sentence(sentence.text)
        result.append(Sentence(item, sentence.text, sentence.start, sentence.end, folded))
    return result


def _concepts(phrase: str, cues: Cues) -> list[tuple[int, str, int]]:
    """Concepts named in a phrase: (start, name, end), in order, inner matches dropped."""
    found = []
    for name, pattern in cues.concepts:
        match = pattern.search(phrase)
        if match:
            found.append((match.start(), name, match.end()))
    found.sort()
    # A longer concept phrase wins over one inside it ("stay in bed" over "bed").
    kept = [
        f
        for f in found
        if not any(
            o is not f and o[0] <= f[0] and f[2] <= o[2] and (o[2] - o[0]) > (f[2] - f[0])
            for o in found
        )
    ]
    return kept


def _phrase_parts(phrase: str, cues: Cues) -> tuple[str, frozenset[str]]:
    """Split an action phrase into the action and the condition words after it."""
    match = cues.condition.search(phrase)
    if not match or match.start() == 0:
        return phrase, frozenset()
    condition = frozenset(content_key(match.group("rest")))
    return phrase[: match.start()], condition


def _action(
    sentence: Sentence,
    phrase: str,
    polarity: int,
    cues: Cues,
    *,
    wait: bool = False,
) -> list[Advice]:
    """The advice in an action phrase: its concepts, qualifiers and conditions.

    Qualifiers are the words before the action other than "any"/"all" ("light",
    "secondhand"); conditions are the words after it ("on hills", "barefoot", "after
    eating"). Both narrow the advice, so narrowed advice to avoid something does not
    contradict general advice to do it.
    """
    phrase = phrase.strip(" ,.")
    if not phrase:
        return []
    inverted = INVERTERS.match(phrase)
    if inverted:
        polarity = -polarity
        phrase = phrase[inverted.end() :]
    found = _concepts(phrase, cues)
    if found:
        # The action ends where a condition starts after the first concept
        # ("lie down | after eating"): concepts named in the condition do not count.
        first_start, first_end = found[0][0], found[0][2]
        match = cues.condition.search(phrase, first_end)
        cut = match.start() if match else len(phrase)
        concepts = [name for start, name, _ in found if start < cut]
        last_end = max(end for start, _, end in found if start < cut)
        before, rest = phrase[:first_start], phrase[last_end:]
    else:
        match = cues.condition.search(phrase)
        cut = match.start() if match and match.start() > 0 else len(phrase)
        stems = [stem(w.replace("'", "")) for w in words(phrase[:cut])]
        stems = [x for x in stems if x not in STOP_STEMS and x not in cues.cue_words]
        stems = [x for x in stems if x not in cues.qualifiers and x not in cues.generic]
        if len(stems) < 2 or stems[0] in GENERIC_ACTIONS:
            return []
        # No known action: the verb and its object together name it ("drink fluids").
        concepts = ["w:" + " ".join(stems[:2])]
        before, rest = "", phrase[cut:] if cut < len(phrase) else " ".join(words(phrase[:cut])[3:])
    universal = bool(cues.universal.search(before))
    qualifiers = frozenset(
        w for w in content_key(before) if w not in cues.cue_words and not cues.universal.search(w)
    )
    condition = frozenset(w for w in content_key(rest) if w not in PRONOUN_STEMS)
    immediate = bool(re.search(r"\b(?:after|right after|straight after|immediately)\b", phrase))
    return [
        Advice(sentence, c, polarity, qualifiers, universal, condition, wait, immediate)
        for c in dict.fromkeys(concepts)
    ]


INVERTERS = re.compile(
    r"^(?:to\s+)?(?:quitting|quit|stopping|stop|giving up|give up|cutting out|cut out"
    r"|cutting down on|cut down on|avoiding|avoid|limiting|limit|reducing|reduce|no)\b\s*"
)
PRONOUN_STEMS = frozenset(
    stem(w)
    for w in [
        "it",
        "them",
        "this",
        "that",
        "they",
        "you",
        "your",
        "symptom",
        "symptoms",
        "pain",
    ]
)


def _condition(rest: str, cues: Cues) -> frozenset[str]:
    match = cues.condition.search(rest)
    return frozenset(content_key(match.group(0))) if match else frozenset()


# Too general to be "the same action" when no concept names it.
GENERIC_ACTIONS = frozenset(
    stem(w)
    for w in [
        "medicine",
        "medicines",
        "medication",
        "medications",
        "drug",
        "drugs",
        "treatment",
        "treatments",
        "thing",
        "things",
        "step",
        "steps",
        "care",
        "it",
        "them",
        "this",
        "that",
        "these",
        "those",
        "sure",
    ]
)
STOP_STEMS = frozenset(stem(w.replace("'", "")) for w in STOP_WORDS)


def advice_of(sentence: Sentence, cues: Cues) -> list[Advice]:
    """The advice a sentence gives (an empty list for most sentences).

    Instructions ("Avoid X", "Keep moving", "Wait ... before you lie down") count at the
    start of the sentence or after ";" / ", then"; statements ("X can ease it", "X makes
    it worse") count in any clause.
    """
    text = sentence.folded
    if not cues.prefilter.search(text):
        return []
    found: list[Advice] = []
    pieces = _CLAUSE.split(text)
    for position in range(0, len(pieces), 2):
        separator = pieces[position - 1] if position else ";"
        clause = _LEAD.sub("", pieces[position].strip(" ,.!"))
        if not clause:
            continue
        instruction = position == 0 or IMPERATIVE_SEPARATOR.search(separator) is not None
        if instruction:
            waiting = cues.wait.search(clause)
            if waiting:
                found += _action(sentence, waiting.group("act"), -1, cues, wait=True)
                continue
            avoid = cues.avoid.match(clause)
            if avoid:
                found += _action(sentence, avoid.group("act"), -1, cues)
                continue
        harm = cues.harm.match(clause)
        if harm and _subject_ok(harm.group("subj"), cues):
            found += _action(sentence, harm.group("subj"), -1, cues)
            continue
        benefit = cues.benefit.match(clause)
        if (
            benefit
            and _subject_ok(benefit.group("subj"), cues)
            and not cues.negation.search(clause)
        ):
            found += _action(sentence, benefit.group("subj"), +1, cues)
            continue
        if not instruction or cues.negation.search(clause) or cues.harm_any.search(clause):
            continue
        recommend = cues.recommend.match(clause)
        if not recommend:
            continue
        verb, act = recommend.group("verb"), recommend.group("act")
        if NOT_IMPERATIVE.match(act):
            continue  # "Sleep apnea is a disorder", "Use of caffeine ...": a noun
        if verb in cues.noun_verbs and not cues.imperative_followers.match(act):
            continue
        phrase = act if verb in LIGHT_VERBS else f"{verb} {act}"
        found += _action(sentence, phrase, +1, cues)
    return found


LIGHT_VERBS = frozenset(
    [
        "keep",
        "try",
        "use",
        "apply",
        "take",
        "do",
        "get",
        "put",
        "place",
        "wear",
        "start",
        "continue",
        "make",
    ]
)
NON_PREFIX = re.compile(r"\bnon-(\w)")
IMPERATIVE_SEPARATOR = re.compile(r";|:|then")


NOT_IMPERATIVE = re.compile(
    r"^(?:of\b|(?:[\w'-]+\s+){0,3}?(?:is|are|was|were|can|may|might|will|causes?|has|have|had|does|do|occurs?|happens?|affects?|means?|appears?)\b)"
)
POINTERS = re.compile(
    r"^(?:this|these|that|those|it|they|which|such|other|some|many|most|several|both)\b"
)


def _subject_ok(subject: str, cues: Cues) -> bool:
    """A subject that names an action itself: short, not a pointer ("these medicines")."""
    subject = subject.strip()
    return (
        len(subject.split()) <= 5
        and not POINTERS.match(subject)
        and not cues.negation.search(subject)
    )


_DIGIT = re.compile(r"\d")
QUANTIFIERS = re.compile(
    r"\b(?:some|other|many|most|all|few|every|each|several|only|more|less|both)\b"
)


def quantifiers_of(folded: str) -> tuple[str, ...]:
    """Quantifier words, kept in claim keys: "some risk factors" is not "other risk factors"."""
    return tuple(sorted({"q:" + word for word in QUANTIFIERS.findall(folded)}))


def is_negated(text: str, cues: Cues) -> bool:
    folded = fold(text)
    if not cues.negation_or_pseudo.search(folded):
        return False  # most sentences: neither cue, so one pass instead of two
    return bool(cues.negation.search(cues.pseudo.sub(" ", folded)))


# --------------------------------------------------------------------------- corpus model


@dataclass
class Model:
    items: list[Item]
    topics: dict[int, list[str]]
    sentences: dict[int, list[Sentence]] = field(default_factory=dict)


_MODEL: list[tuple[list[Document], dict[str, Any], Model]] = []


def build_model(documents: list[Document], rule: Rule, cues: Cues) -> Model:
    """Items, their topics and sentences; shared by the four rules of one run."""
    page = int(rule.option("page-entries", 100))
    max_words = int(rule.option("max-sentence-words", 40))
    share = float(rule.option("topic-share", 0.002))
    settings: dict[str, Any] = {"page": page, "max-words": max_words, "topic-share": share}
    for cached_docs, cached_settings, model in _MODEL:
        if (
            cached_settings == settings
            and len(cached_docs) == len(documents)
            and all(a is b for a, b in zip(cached_docs, documents, strict=False))
        ):
            return model
    pairs = [(d, e) for d in documents for e in d.entries]
    items = [Item(d, e, n) for n, (d, e) in enumerate(pairs)]
    terms = question_topic_terms(items, cues, max_share=share)
    topics = {item.index: topic_keys(item, terms, page) for item in items}
    model = Model(items, topics)
    folds: dict[str, str] = {}
    for item in items:
        if item.entry.answer.strip():
            model.sentences[item.index] = sentences_of(item, max_words, folds)
    _MODEL[:] = [(list(documents), settings, model)]
    return model


def _grouped(records: Sequence[tuple[str, Any]], max_group: int) -> Iterator[list[Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for key, value in records:
        bucket = groups[key]
        if len(bucket) < max_group:
            bucket.append(value)
    for bucket in groups.values():
        if len(bucket) > 1:
            yield bucket


# --------------------------------------------------------------------------- patterns

YES = re.compile(r"^\W*(?:yes|yeah|yep|absolutely|definitely)\b", re.IGNORECASE)
NO = re.compile(r"^\W*(?:no|nope|not really|absolutely not|definitely not)\b", re.IGNORECASE)
YES_NO_QUESTION = re.compile(
    r"^\W*(?:is|are|can|could|does|do|should|will|would|may|was|were|has|have|did|am)\b",
    re.IGNORECASE,
)


def _yes_no(model: Model, cues: Cues, max_group: int) -> Iterator[Conflict]:
    records: list[tuple[str, tuple[int, Item]]] = []
    drop = cues.negative_eval | cues.positive_eval
    for item in model.items:
        question, answer = item.entry.question, item.entry.answer
        if not YES_NO_QUESTION.match(question) or not answer.strip():
            continue
        polarity = 1 if YES.match(answer) else -1 if NO.match(answer) else 0
        if not polarity:
            continue
        key_words = content_key(question)
        if any(w in cues.negative_eval for w in key_words) or re.search(
            r"\bnot\b|n't\b", fold(question)
        ):
            polarity = -polarity
        key = "|".join(w for w in key_words if w not in drop)
        if not key:
            continue
        for topic in model.topics[item.index]:
            records.append((topic + "#" + key, (polarity, item)))
    for group in _grouped(records, max_group):
        yes = [i for p, i in group if p > 0]
        no = [i for p, i in group if p < 0]
        if yes and no:
            a, b = sorted((yes[0], no[0]), key=lambda i: i.index)
            if a.entry is not b.entry:
                yield Conflict(_first_sentence(a), _first_sentence(b), "yes/no")


def _first_sentence(item: Item) -> Sentence:
    sentences = split_sentences(item.entry.answer)
    if sentences:
        s = sentences[0]
        return Sentence(item, s.text, s.start, s.end)
    return Sentence(item, item.entry.answer, 0, len(item.entry.answer))


def _advice_conflict(r: Advice, a: Advice) -> bool:
    """Whether recommending ``r`` and avoiding ``a`` (the same action) cannot both hold."""
    if a.qualifiers and not a.universal and a.qualifiers != r.qualifiers:
        return False  # "avoid heavy lifting" / "light lifting helps"
    if r.qualifiers and not a.universal and not a.qualifiers and r.qualifiers & STRONG:
        return False  # "avoid exercise" / "too much exercise is bad" is not about the same
    if a.wait:
        return r.immediate and not (a.condition and r.condition and not (a.condition & r.condition))
    # "avoid running on hills" / "running is good"
    return not (a.condition and not a.condition <= r.condition)


STRONG = frozenset(
    stem(w)
    for w in [
        "excessive",
        "much",
        "heavy",
        "strenuous",
        "vigorous",
        "intense",
        "hard",
    ]
)


def _advice(model: Model, cues: Cues, max_group: int) -> Iterator[Conflict]:
    records: list[tuple[str, Advice]] = []
    # The same sentence recurs across a corpus (a third of MedQuAD's are repeats): its
    # advice is worked out once and given to each copy.
    known: dict[str, list[Advice]] = {}
    for index, sentences in model.sentences.items():
        for sentence in sentences:
            found = known.get(sentence.folded)
            if found is None:
                found = known[sentence.folded] = advice_of(sentence, cues)
            elif found and found[0].sentence is not sentence:
                found = [replace(advice, sentence=sentence) for advice in found]
            for advice in found:
                for topic in model.topics[index]:
                    records.append((topic + "#" + advice.concept, advice))
                    opposite = cues.opposite.get(advice.concept)
                    if opposite and advice.polarity > 0:
                        # recommending the opposite action counts as advising against this one
                        flipped = Advice(
                            advice.sentence,
                            opposite,
                            -1,
                            advice.qualifiers,
                            advice.universal,
                            advice.condition,
                            False,
                            advice.immediate,
                        )
                        records.append((topic + "#" + opposite, flipped))
    for group in _grouped(records, max_group):
        dos = [g for g in group if g.polarity > 0]
        donts = [g for g in group if g.polarity < 0]
        done = False
        for r in dos:
            for a in donts:
                if r.sentence.item.entry is a.sentence.item.entry:
                    continue
                if a.concept != r.concept:
                    continue
                if _advice_conflict(r, a):
                    first, second = sorted((r.sentence, a.sentence), key=lambda s: s.item.index)
                    yield Conflict(first, second, r.concept.removeprefix("w:"))
                    done = True
                    break
            if done:
                break


def _negation(model: Model, cues: Cues, max_group: int, report_hedged: bool) -> Iterator[Conflict]:
    drop = cues.cue_words | frozenset({"not", "no", "never", "nt"})
    exclude = cues.avoid_any if report_hedged else cues.hedge_or_avoid
    # First every sentence's claim key under each of its topics; the hedge and negation
    # tests then run only on the sentences whose key another entry has too, as only those
    # can be in a conflict (on MedQuAD, 5,600 of 86,000 sentences). The records of those
    # keys, in order, are the ones the tests would have let through one sentence at a time.
    candidates: list[tuple[str, Sentence]] = []
    owner: dict[str, int] = {}  # key -> the first entry (its id) that has it
    shared: set[str] = set()  # keys of two or more entries
    known: dict[str, str | None] = {}  # a repeated sentence is read once
    for index, sentences in model.sentences.items():
        topics = model.topics[index]
        for sentence in sentences:
            folded = sentence.folded
            if folded in known:
                joined = known[folded]
            else:
                joined = known[folded] = claim_key(folded, drop)
            if joined is None:
                continue
            entry = id(sentence.item.entry)
            for topic in topics:
                key = topic + "#" + joined
                candidates.append((key, sentence))
                if owner.setdefault(key, entry) != entry:
                    shared.add(key)
    records: list[tuple[str, tuple[bool, Sentence]]] = []
    negation: dict[str, bool | None] = {}  # folded sentence -> negated; None: left out
    for key, sentence in candidates:
        if key not in shared:
            continue
        folded = sentence.folded
        if folded in negation:
            negated = negation[folded]
        else:
            negated = negation[folded] = (
                None if exclude.search(folded) else is_negated(folded, cues)
            )
        if negated is not None:
            records.append((key, (negated, sentence)))
    yield from _negation_conflicts(records, max_group)


def _negation_conflicts(
    records: list[tuple[str, tuple[bool, Sentence]]], max_group: int
) -> Iterator[Conflict]:
    """Per group of sentences with the same claim key: the first stated claim that a
    sentence of another entry negates (records: key -> (negated, sentence))."""
    for group in _grouped(records, max_group):
        positive = [s for n, s in group if not n]
        negative = [s for n, s in group if n]
        for p in positive:
            other = next((n for n in negative if n.item.entry is not p.item.entry), None)
            if other is not None:
                first, second = sorted((p, other), key=lambda s: s.item.index)
                yield Conflict(first, second, "negation")
                break


def claim_key(folded: str, drop: frozenset[str]) -> str | None:
    """A sentence's claim key (its content words and quantifiers), or None for a sentence
    not compared: one with a figure or fewer than four key words."""
    if _DIGIT.search(folded):  # the cheap test first
        return None
    key = content_key(folded, drop) + quantifiers_of(folded)
    if len(key) < 4:
        return None
    return " ".join(key)


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a": 1,
    "an": 1,
    "half an": 0.5,
    "half a": 0.5,
}
UNITS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1 / 3600),
    "minute": ("duration", 1 / 60),
    "hour": ("duration", 1),
    "day": ("duration", 24),
    "week": ("duration", 168),
    "month": ("duration", 730),
    "year": ("duration", 8766),
    "mg": ("dose", 1),
    "milligram": ("dose", 1),
    "g": ("dose", 1000),
    "gram": ("dose", 1000),
    "mcg": ("dose", 0.001),
    "microgram": ("dose", 0.001),
    "ml": ("volume", 1),
    "milliliter": ("volume", 1),
    "millilitre": ("volume", 1),
    "liter": ("volume", 1000),
    "litre": ("volume", 1000),
    "%": ("percent", 1),
    "percent": ("percent", 1),
    "degree": ("temperature", 1),
    "times a day": ("per-day", 1),
    "times per day": ("per-day", 1),
    "times daily": ("per-day", 1),
    "times a week": ("per-week", 1),
    "times per week": ("per-week", 1),
}
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")"
)
_UNIT = r"(?:" + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)) + r")"
QUANTITY = re.compile(
    r"(?P<q>\b(?:at least|more than|over|up to|less than|under|no more than|about|around"
    r"|approximately|within|for)\s+)?"
    r"\b(?P<a>"
    + _NUM
    + r")(?:\s*(?:-|–|to|or)\s*(?P<b>"
    + _NUM
    + r"))?\s*(?P<unit>"
    + _UNIT
    + r")(?:s|es)?\b",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    text = text.lower()
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else float(text.replace(",", ""))


@dataclass(frozen=True)
class Quantity:
    kind: str
    low: float
    high: float
    text: str
    qualifier: str = ""

    def as_range(self) -> Quantity:
        low, high = self.low, self.high
        if self.qualifier in ("at least", "more than", "over"):
            high = float("inf")
        elif self.qualifier in ("up to", "less than", "under", "no more than", "within"):
            low = 0.0
        elif self.qualifier in ("about", "around", "approximately"):
            low, high = low * 0.75, high * 1.25
        return Quantity(self.kind, low, high, self.text, "")


def quantities(text: str) -> list[Quantity]:
    return _quantities(fold(text))[0]


def _quantities(folded: str) -> tuple[list[Quantity], str]:
    """The quantities of a folded text, and the text with each written as " " (what
    ``QUANTITY.sub(" ", folded)`` gives, made from the same matches)."""
    found = []
    pieces = []
    end = 0
    for m in QUANTITY.finditer(folded):
        pieces.append(folded[end : m.start()])
        end = m.end()
        unit = m.group("unit").lower()
        kind, factor = UNITS.get(unit, UNITS.get(unit.rstrip("s"), ("", 0)))
        if not kind:
            continue
        a = _number(m.group("a")) * factor
        b = _number(m.group("b")) * factor if m.group("b") else a
        low, high = min(a, b), max(a, b)
        qualifier = (m.group("q") or "").strip().lower()
        found.append(Quantity(kind, low, high, m.group(0).strip(), qualifier))
    if not pieces:
        return found, folded
    pieces.append(folded[end:])
    return found, " ".join(pieces)


def disagree(a: Quantity, b: Quantity, ratio: float) -> bool:
    """Whether two figures for the same thing cannot both be right.

    With the same qualifier ("within two weeks" / "within six months") the figures are
    compared as they are; otherwise as ranges ("at least 3 hours" includes 4 hours).
    """
    if a.kind != b.kind:
        return False
    if a.qualifier != b.qualifier:
        a, b = a.as_range(), b.as_range()
    return a.high * ratio <= b.low or b.high * ratio <= a.low


_WORDED_DURATION = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|an?)\s+(?:minute|hour|day|week|month|year)",
    re.IGNORECASE,
)
_DURATION_UNITS = ("minute", "hour", "day", "week", "month", "year")


def _worded_duration(text: str) -> bool:
    """Whether ``text`` gives a duration in words ("two weeks", "an hour")."""
    # No unit word, no match: a quick test first (in ASCII text, where IGNORECASE is plain
    # ASCII case: elsewhere "K" (Kelvin) matches "k" as well).
    if text.isascii():
        lower = text.lower()
        if not any(unit in lower for unit in _DURATION_UNITS):
            return False
    return _WORDED_DURATION.search(text) is not None


_NOT_NO = frozenset({"not", "no"})


def _figures(text: str, cues: Cues) -> tuple[list[Quantity], str] | None:
    """The quantities a sentence gives (one of each kind) and the key of what they are
    about; None for a sentence not compared."""
    if not _DIGIT.search(text) and not _worded_duration(text):
        return None
    found, masked = _quantities(fold(text))
    kinds = Counter(q.kind for q in found)
    single = [q for q in found if kinds[q.kind] == 1]
    if not single:
        return None
    key = content_key(masked, _NOT_NO)
    if len(key) < 3:
        return None
    if is_negated(text, cues):
        return None
    return single, " ".join(key)


def _numbers(model: Model, cues: Cues, max_group: int, ratio: float) -> Iterator[Conflict]:
    records: list[tuple[str, tuple[Quantity, Sentence]]] = []
    known: dict[str, tuple[list[Quantity], str] | None] = {}  # a repeated sentence is read once
    for index, sentences in model.sentences.items():
        for sentence in sentences:
            text = sentence.text
            if text in known:
                figures = known[text]
            else:
                figures = known[text] = _figures(text, cues)
            if figures is None:
                continue
            single, joined = figures
            for quantity in single:
                for topic in model.topics[index]:
                    records.append((f"{topic}#{quantity.kind}#{joined}", (quantity, sentence)))
    for group in _grouped(records, max_group):
        done = False
        for i, (qa, sa) in enumerate(group):
            for qb, sb in group[i + 1 :]:
                if sa.item.entry is sb.item.entry:
                    continue
                if disagree(qa, qb, ratio):
                    first, second = sorted((sa, sb), key=lambda s: s.item.index)
                    yield Conflict(first, second, f"{qa.text} / {qb.text}")
                    done = True
                    break
            if done:
                break


# --------------------------------------------------------------------------- entry point


def find_conflicts(documents: list[Document], rule: Rule) -> Iterator[Conflict]:
    cues = _cues(rule)
    model = build_model(documents, rule, cues)
    max_group = int(rule.option("max-group", 50))
    kind = rule.spec.check
    if kind == "contradiction-yes-no":
        yield from _yes_no(model, cues, max_group)
    elif kind == "contradiction-advice":
        yield from _advice(model, cues, max_group)
    elif kind == "contradiction-negation":
        yield from _negation(model, cues, max_group, bool(rule.option("report-hedged", False)))
    elif kind == "contradiction-number":
        yield from _numbers(model, cues, max_group, float(rule.option("min-ratio", 1.5)))


def side_by_side(a: Sentence, b: Sentence) -> bool:
    """Whether one answer already holds both sentences (so its context tells them apart).

    "Fast for at least 8 hours" and "fast for at least 24 hours" in one answer are about
    two different tests; a copy of that answer elsewhere is not a contradiction.
    """
    text_a, text_b = " ".join(words(a.text)), " ".join(words(b.text))
    answer_a = " ".join(words(a.item.entry.answer))
    answer_b = " ".join(words(b.item.entry.answer))
    return text_b in answer_a or text_a in answer_b


def check_corpus(documents: list[Document], rule: Rule) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    limit = int(rule.option("quote-chars", 140))
    for conflict in find_conflicts(documents, rule):
        a, b = conflict.first, conflict.second
        pair = (id(a.item.entry), id(b.item.entry))
        if pair in seen or side_by_side(a, b):
            continue
        seen.add(pair)
        other = b.item
        line = other.entry.locate(b.start).line
        hit = hit_in_answer(
            a.item.entry,
            a.start,
            a.end,
            args={
                "this": shorten(a.text, limit),
                "other": shorten(b.text, limit),
                "where": f"{other.document.path}:{line}",
                "question": shorten(other.entry.question, 80),
                "about": conflict.detail,
            },
            matched=a.text + " <> " + b.text,
        )
        hit.document = a.item.document
        hit.related = [related_of(other.document, other.entry)]
        yield hit
