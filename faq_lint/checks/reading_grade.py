"""Kind ``reading-grade``: an answer that reads above the target school grade.

The grade is the Flesch-Kincaid grade of the answer (textstat's formula, computed
offline by :mod:`faq_lint.text.readability`), with list items and headings counted as
sentences of their own. The formula is unreliable on a sentence or two, so a very
short answer is flagged only when its grade is above target AND a concrete cause is
there too: a long sentence or a high share of hard (3+ syllable) words.

Words that name the page's topic do not make an answer hard: the words of the page's
title, of the question's subject (the question less its frame: "what", "is", "symptoms",
"treated", ...) and of the subjects that recur across the page's questions, and code
names made of letters and digits ("UBE3A", "2-methylbutyryl-CoA"), count as ordinary
words of at most 2 syllables. The reader has met them before the answer starts. Web and
e-mail addresses count as one short word ("link"): they are not read aloud.

Options: ``target-grade`` (default: the project's ``target-grade``, 8), ``topic-words``
(true: the topic words above are familiar),
``short-answer-words`` and ``short-answer-sentences`` (what counts as very short),
``short-max-sentence-words`` and ``short-max-hard-share`` (the causes that count for a
very short answer), ``hard-words`` (how many hard words the message names),
``common-words`` (the words among this many most frequent English words are everyday
words, never hard: "usually", "information"; 0: none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, filterfalse

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.readability import (
    FRAME_WORDS,
    SMOG_MIN_SENTENCES,
    TextCounts,
    common_words,
    familiar_counts,
    is_code_word,
    list_words,
    sentence_word_counts,
    sentences_of,
    word_syllables,
)
from faq_lint.text.sentences import Sentence

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_EXCERPT_WORDS = 8


def target_grade(rule: Rule) -> float:
    value = rule.option("target-grade")
    if value is None and rule.project is not None:
        value = getattr(rule.project, "target_grade", None)
    return float(value if value is not None else 8)


# Syllables of each word as written, remembered (medical words repeat across answers),
# and the words of 3 or more syllables among them.
_TOKEN_SYLLABLES: dict[str, int] = {}
_HARD: set[str] = set()


def token_syllables(token: str) -> int:
    """Syllables of a word as written ("anti-inflammatory" counts as one word), in any
    case: counted lowercased ("O'Sullivan" keeps its apostrophe as "o's" would)."""
    count = _TOKEN_SYLLABLES.get(token)
    if count is None:
        words = list_words(token.lower())  # (one word, or none)
        count = _TOKEN_SYLLABLES[token] = sum(map(word_syllables, words))
        if count >= 3:
            _HARD.add(token)
    return count


def hard_words(
    text: str,
    limit: int,
    familiar: frozenset[str] = frozenset(),
    common: frozenset[str] = frozenset(),
) -> list[tuple[str, int]]:
    """The words with the most syllables (3 or more), most syllables first, each once
    (in any case; as first written), less those of ``familiar`` and ``common`` (formula
    words) and code names (see :func:`~faq_lint.text.readability.is_code_word`)."""
    written = dict.fromkeys(_WORD.findall(text))  # each spelling once, in order of first use
    if not written:
        return []
    names = proper_names(text)
    if len(_TOKEN_SYLLABLES) > 200_000:
        _TOKEN_SYLLABLES.clear()  # bounded, whatever the input
        _HARD.clear()
    for token in filterfalse(_TOKEN_SYLLABLES.__contains__, written):
        token_syllables(token)
    # Only the hard spellings are looked at in Python (picked out in C). A word's
    # syllables do not depend on its case, so its first spelling is hard if any is.
    seen: list[tuple[str, int, int]] = []
    done: set[str] = set()
    for order, token in enumerate(compress(written, map(_HARD.__contains__, written))):
        key = token.lower()
        if key not in done:
            done.add(key)
            # acronyms are read letter by letter; a name cannot be swapped for a word
            if not token.isupper() and token not in names:
                seen.append((token, _TOKEN_SYLLABLES[token], order))
    if (familiar or common) and seen:
        known = familiar | common if common else familiar
        seen = [item for item in seen if not _is_familiar(item[0], known)]
    seen.sort(key=lambda item: (-item[1], item[2]))
    return [(token, syllables) for token, syllables, _ in seen[:limit]]


_CAPITALISED = re.compile(r"(?<=[A-Za-z0-9,;] )[A-Z][a-z][A-Za-z'’-]*")


def proper_names(text: str) -> set[str]:
    """The capitalised words of ``text`` in mid-sentence (after a word or a comma):
    names ("Sacramento", "January", "MedlinePlus Medical Dictionary"), which the message
    does not offer to swap for everyday words. (They still count in the grade.)"""
    if not any(c.isupper() for c in text):
        return set()
    return {m.group(0) for m in _CAPITALISED.finditer(text)}


def excerpt(text: str, words: int = _EXCERPT_WORDS) -> str:
    parts = text.split()
    short = " ".join(parts[:words])
    return short + "…" if len(parts) > words else short


def longest_sentence(sentences: list[Sentence], sizes: list[int]) -> tuple[Sentence | None, int]:
    best: Sentence | None = None
    best_words = 0
    for sentence, count in zip(sentences, sizes, strict=True):
        if count > best_words:
            best, best_words = sentence, count
    return best, best_words


def _is_familiar(token: str, familiar: frozenset[str]) -> bool:
    words = list_words(token.lower())
    return bool(words) and all(w in familiar or is_code_word(w) for w in words)


def question_subject(question: str) -> set[str]:
    """The formula words of a question less its frame words (see :data:`FRAME_WORDS`)."""
    return {w for w in list_words(question, lowercase=True) if w not in FRAME_WORDS}


def _with_forms(words: set[str]) -> frozenset[str]:
    """The words with their plural, possessive and verb forms, and without them
    ("cataracts" for "cataract", "cataract" for "cataracts", "overdosing" and "overdosed"
    for "overdose", "vaccinating" for "vaccinate")."""
    forms = set(words)
    for word in words:
        forms.update((word + "s", word + "es", word + "'s"))
        if len(word) > 4:
            stem = word[:-1] if word.endswith("e") else word
            forms.update((stem + "ing", stem + "ed", stem + "er", stem + "ers"))
            if word.endswith(("ing", "ed")):
                base = word[:-3] if word.endswith("ing") else word[:-2]
                forms.update((base, base + "e", base + "es", base + "s"))
        if word.endswith("s") and len(word) > 3:
            forms.add(word[:-1])
            if word.endswith("es"):
                forms.add(word[:-2])
    return frozenset(forms)


def page_topic(document: Document) -> set[str]:
    """The page's own topic words: its title's words, and the subject words of two or more
    of its questions (the condition or thing the page is about, named question after
    question)."""
    words = set(list_words(document.title or "", lowercase=True)) - FRAME_WORDS
    seen: dict[str, int] = {}
    for entry in document.entries:
        for word in question_subject(entry.question):
            seen[word] = seen.get(word, 0) + 1
    words.update(word for word, count in seen.items() if count >= 2)
    return words


def topic_words(entry: Entry, document: Document, rule: Rule) -> frozenset[str]:
    """The words of ``entry``'s answer that name the page's topic (formula words, with
    their plural forms): the page's (see :func:`page_topic`) and the question's subject."""
    if not rule.option("topic-words", True):
        return frozenset()
    pages: dict[str, tuple[Document, set[str]]] = rule.state("pages", dict)
    known = pages.get(document.path)
    if known is None or known[0] is not document:
        if len(pages) > 256:
            pages.clear()  # (bounded, whatever the run)
        known = pages[document.path] = (document, page_topic(document))
    return _with_forms(known[1] | question_subject(entry.question))


# A phone number ("(800) 241-1044", "1-800-232-4636", "800.241.1044", "+44 20 7946 0958").
_PHONE = re.compile(r"(?<!\d)(?:\+?\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?!\d)")
_CONTACT_MAX_WORDS = 60
_CONTACT_REST_WORDS = 25


def is_contact_answer(text: str) -> bool:
    """Whether an answer is contact details: a short answer that gives a phone number
    (with, often, opening hours or an address) and little else (fewer than
    :data:`_CONTACT_REST_WORDS` words in its sentences without one). Such an answer is
    looked up, not read as prose: a grade of its numbers and times says nothing."""
    if not any(c.isdigit() for c in text) or len(text.split()) >= _CONTACT_MAX_WORDS:
        return False
    if _PHONE.search(text) is None:
        return False
    # The rest (the sentences without a number) is a line or two, not prose to grade.
    rest = sum(len(s.text.split()) for s in sentences_of(text) if not _PHONE.search(s.text))
    return rest < _CONTACT_REST_WORDS


# Names the reader does not sound out as words to understand:
# - an organisation's name ("National Institute on Deafness and Other Communication
#   Disorders", "Centers for Disease Control and Prevention"): capitalised words, joined by
#   small words, with a head word such as "Institute" or followed by its initials;
# - the words an abbreviation stands for, given with it ("DEET (N,N-diethyl-meta-toluamide)",
#   "Tdap stands for tetanus, diphtheria, and acellular pertussis").
_CAPITAL = r"[A-Z][A-Za-z'’&.-]*"
_JOIN = r"(?:\s+(?:of|on|and|for|the|in|to|&)\s+|\s+)"
_ORGANISATION = re.compile(rf"\b{_CAPITAL}(?:{_JOIN}{_CAPITAL}){{2,}}(?:\s*\([A-Z]{{2,}}[a-z]?\))?")
_ORGANISATION_HEADS = frozenset(
    """
    institute institutes institution center centers centre centres department agency
    administration association society foundation organization organisation council
    board office service services program programme commission clinic hospital college
    university academy alliance coalition network authority ministry bureau committee
    """.split()  # noqa: SIM905 (a word list, kept readable)
)
_EXPANSION = re.compile(
    r"\b[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*\s*\(([^()]{3,100})\)"
    r"|\b[A-Z][A-Za-z0-9-]{1,9},?\s+(?:stands|is short) for\s+([^.;:!?]{3,120})"
)


def named_words(text: str) -> frozenset[str]:
    """The formula words of ``text`` that belong to a name (see above): familiar words."""
    if not any(c.isupper() for c in text):
        return frozenset()
    words: set[str] = set()
    for match in _ORGANISATION.finditer(text):
        name = match.group(0)
        found = list_words(name, lowercase=True)
        if name.endswith(")") or _ORGANISATION_HEADS.intersection(found):
            words.update(found)
    if "(" in text or " for " in text:
        for match in _EXPANSION.finditer(text):
            words.update(list_words(match.group(1) or match.group(2) or "", lowercase=True))
    return frozenset(words)


_LINK = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)


def graded_text(text: str) -> str:
    """The answer as the grade reads it: web and e-mail addresses as the word "link"."""
    if "://" not in text and "www." not in text and "@" not in text:
        return text
    return _LINK.sub("link", text)


def graded_counts(
    text: str, familiar: frozenset[str], common: frozenset[str] = frozenset()
) -> TextCounts:
    """The counts FAQ101 grades: the answer's, with its topic words and everyday words
    familiar."""
    return familiar_counts(graded_text(text), familiar, common)


# The default of the ``common-words`` option: how many of the most frequent English words
# are everyday words, never hard (rank 5,000 is about "recommended"; rarer long words such
# as "administer", "diagnostic" or "quarantine" still count).
COMMON_WORDS = 5000


def rule_common_words(rule: Rule) -> frozenset[str]:
    return common_words(int(rule.option("common-words", COMMON_WORDS) or 0))


def page_grade(text: str, question: str, title: str | None = None) -> float:
    """FAQ101's grade of ``text`` as the answer to ``question`` on a page of that title
    (the grade before the short-answer test; for benchmarks)."""
    words = question_subject(question)
    if title:
        words |= set(list_words(title, lowercase=True)) - FRAME_WORDS
    common = common_words(COMMON_WORDS)
    return graded_counts(text, _with_forms(words), common).flesch_kincaid_grade()


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    text = entry.answer
    if not text.strip():
        return
    familiar = topic_words(entry, document, rule)
    memo: AnswerMemo[Verdict | None] = rule.state("answers", AnswerMemo)
    verdict = memo.get((text, familiar), lambda: _verdict(text, familiar, rule))
    if verdict is None:
        return
    args, suggestions = verdict
    yield hit_in_answer(
        entry, 0, len(text), args=dict(args), suggestions=list(suggestions), matched="reading-grade"
    )


# A finding's message arguments and suggestions; they depend on the answer text and its
# topic words alone.
Verdict = tuple[dict[str, object], list[str]]


def _verdict(text: str, familiar: frozenset[str], rule: Rule) -> Verdict | None:
    if is_contact_answer(text):
        return None
    common = rule_common_words(rule)
    names = named_words(text)
    if names:
        familiar = familiar | names
    counts = graded_counts(text, familiar, common)
    if not counts.words:
        return None
    grade = counts.flesch_kincaid_grade()
    target = target_grade(rule)
    if grade <= target:
        return None
    sentences = list(sentences_of(text))
    sizes = list(sentence_word_counts(text))
    longest, longest_words = longest_sentence(sentences, sizes)
    real_sentences = sum(1 for size in sizes if size > 2)
    short = counts.words < int(rule.option("short-answer-words", 40)) or real_sentences <= int(
        rule.option("short-answer-sentences", 2)
    )
    hard_share = counts.polysyllables / counts.words
    if short:
        long_enough = longest_words > int(rule.option("short-max-sentence-words", 20))
        too_many_hard = hard_share > float(rule.option("short-max-hard-share", 0.2))
        if not (long_enough or too_many_hard):
            return None
    hard = hard_words(graded_text(text), int(rule.option("hard-words", 3)), familiar, common)
    drivers: list[str] = []
    if longest is not None:
        drivers.append(
            f"the longest sentence has {longest_words} words ('{excerpt(longest.text)}')"
        )
    if hard:
        listed = ", ".join(f"{word} ({syllables} syllables)" for word, syllables in hard)
        drivers.append(f"hard words: {listed}")
    if counts.sentences >= SMOG_MIN_SENTENCES:
        drivers.append(f"SMOG grade {counts.smog_index():.1f}")
    note = " (a short answer: judged on its sentence length and hard words)" if short else ""
    suggestions: list[str] = []
    if longest is not None and longest_words > 15:
        suggestions.append(f"Split the {longest_words}-word sentence '{excerpt(longest.text)}'")
    if hard:
        suggestions.append("Use shorter, everyday words for: " + ", ".join(w for w, _ in hard))
    args: dict[str, object] = {
        "grade": f"{grade:.1f}",
        "target": f"{target:g}",
        "note": note,
        "drivers": "; ".join(drivers) if drivers else "long words",
        "words": counts.words,
        "share": f"{hard_share:.0%}",
    }
    return args, suggestions
