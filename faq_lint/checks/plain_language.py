"""Kind ``plain-language``: jargon or wordy words that have a plain-language alternative.

Terms come from a curated word list in the rule pack (``rules/plain-language.yaml``:
term, alternatives, source), plus the project's ``extra-terms``; ``ignore-terms``
silences some. A term matches as a whole word or phrase, in any case, with a plural
``-s``/``-es``, and with a space or a hyphen between its words. Each term is reported
once per answer (its first use), with the alternatives as suggestions.

A term the text defines on the spot is not jargon, and neither are its later uses in the
answer: "edema (swelling)", "swelling (edema)", "Biopsy: the removal of ...", "Biopsy -
a test that ...", "conjunctivitis, also known as pinkeye", "a swelling called edema",
"edema means swelling". Nor is a term that is part of the page's own topic name
("acute" in "acute lymphoblastic leukemia" on that page), or of a name in title case.

Some terms have senses (``senses`` in the word list: cue words of the sentence, or the
word right after the term, and the alternatives that fit there): "compliance" is offered
"following the treatment plan" only beside a medicine or treatment; where no sense of a
term fits ("in compliance with regulations"), it is not reported.

Options: ``word-list`` (file, relative to the rule pack), ``extra-terms`` (mapping of
term -> list of alternatives), ``ignore-terms`` (list), ``once-per-answer`` (true).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress, islice
from typing import Any

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry
from faq_lint.safety import load_yaml, yaml_error
from faq_lint.text.memo import AnswerMemo
from faq_lint.text.readability import FRAME_WORDS
from faq_lint.text.sentences import split_sentences

_SEPARATOR = re.compile(r"[\s\-‐‑]+")


@dataclass(frozen=True)
class Sense:
    """One sense of a term: where it applies (a cue word in the same sentence, or the
    word right after the term) and the alternatives that fit it (none: not reported)."""

    when: frozenset[str] = frozenset()
    following: frozenset[str] = frozenset()
    alternatives: tuple[str, ...] = ()

    def applies(self, sentence_words: set[str], next_word: str) -> bool:
        return next_word in self.following or not self.when.isdisjoint(sentence_words)


@dataclass(frozen=True)
class Term:
    term: str
    alternatives: tuple[str, ...]  # the default sense's (none: reported only in a sense)
    source: str
    senses: tuple[Sense, ...] = ()


_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_GAP = re.compile(r"[\s\-‐‑]+")
_HYPHENS = "-‐‑"


@dataclass
class TermIndex:
    terms: dict[str, Term]
    first_words: set[str]  # first words of the multi-word terms
    longest: int  # words in the longest term
    forms: dict[str, Term] = field(default_factory=dict)  # term, plural and past forms
    triggers: frozenset[str] = frozenset()  # the words a match can begin with
    prefixes: frozenset[str] = frozenset()  # "in order", "in order to": the first 2+ words
    pairs: frozenset[tuple[str, str]] = frozenset()  # ("in", "order"): the first two words

    def __post_init__(self) -> None:
        for key, term in self.terms.items():
            for ending in ("", "s", "es", "d", "ed"):
                self.forms.setdefault(key + ending, term)
        self.triggers = frozenset(self.forms) | frozenset(self.first_words)
        prefixes: set[str] = set()
        for form in self.forms:
            parts = form.split(" ")
            prefixes.update(" ".join(parts[:size]) for size in range(2, len(parts) + 1))
        self.prefixes = frozenset(prefixes)
        pairs = (prefix.split(" ") for prefix in prefixes if prefix.count(" ") == 1)
        self.pairs = frozenset((first, second) for first, second in pairs)

    def pairs_begun(self, words: list[str], firsts: frozenset[str]) -> set[str]:
        """Those of ``firsts`` followed somewhere in ``words`` by a word that continues a
        multi-word term after them ("in order"). Only the pairs that begin with one of
        ``firsts`` are made (their places found in C): "a", "in", "is"... are a few of
        the words."""
        places = compress(range(1, len(words)), map(firsts.__contains__, words))
        pairs = self.pairs
        return {words[i - 1] for i in places if (words[i - 1], words[i]) in pairs}

    def lookup(self, matched: str) -> Term | None:
        return self.forms.get(normalize(matched))

    def find(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """Whole-word matches, longest first, not glued to a hyphenated word."""
        # The words lowercased; only those a term can begin with need a closer look, and
        # most answers have few: find them with set and list operations instead of a
        # Python loop over every word.
        parts = _split_words(text)  # [between, word, between, word, ..., between]
        words = parts[1::2]
        found = self.triggers.intersection(words)
        if not found:
            return
        starts = found.intersection(self.first_words)
        if starts:
            # "a", "in", "is" begin terms ("a number of") but are mostly just words: keep
            # those followed here by a word that can continue a term ("in order").
            firsts = starts.difference(self.forms)  # (words that only begin terms)
            if firsts:
                found -= firsts - self.pairs_begun(words, firsts)
            if not found:
                return
        candidates: list[int] = []
        for word in found:
            index = words.index(word)
            while index >= 0:
                candidates.append(index)
                try:
                    index = words.index(word, index + 1)
                except ValueError:
                    index = -1
        candidates.sort()
        # Where the words are: bounds[2k] is where word k starts, bounds[2k + 1] where it
        # ends, added up from the lengths of the words and of the text between them. (All
        # in C; a match object per word would cost more, and the garbage collector's
        # time too on a big run.)
        bounds = list(islice(accumulate(map(len, parts)), 2 * (candidates[-1] + self.longest)))
        count = len(words)
        following = 0  # the first word not inside an earlier match
        for i in candidates:
            if i < following:
                continue
            start = bounds[2 * i]
            word = words[i]
            if start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalpha():
                continue  # glued to a hyphenated word
            # The phrases of 1, 2, ... words from here that are terms ("in order to");
            # a phrase that begins no term ends the search ("in the").
            phrases: list[tuple[int, str]] = [(1, word)] if word in self.forms else []
            if word in self.first_words:
                phrase, size, most = word, 1, min(self.longest, count - i)
                while size < most:
                    phrase = f"{phrase} {words[i + size]}"
                    size += 1
                    if phrase not in self.prefixes:
                        break
                    if phrase in self.forms:
                        phrases.append((size, phrase))
            for size, phrase in reversed(phrases):  # the longest first
                last = i + size - 1
                end = bounds[2 * last + 1]
                if end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalpha():
                    continue
                if size > 1:
                    gaps = (text[bounds[2 * k + 1] : bounds[2 * k + 2]] for k in range(i, last))
                    if not all(_GAP.fullmatch(gap) for gap in gaps):
                        continue
                yield start, end, self.forms[phrase]
                following = last + 1
                break


_WORD_AND_BETWEEN = re.compile(f"({_WORD.pattern})")


def _split_words(text: str) -> list[str]:
    """``_WORD.split(text)`` with the words (lowercased) in between, in one pass of C
    code: the text before the first word, the first word, the text up to the next word...
    """
    if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
        # Lowercasing the text first finds the same words, at the same places: only "İ"
        # and "K" (Kelvin) lower to ASCII letters, and only "İ" to two characters;
        # everything else keeps the runs of ASCII letters as they are.
        return _WORD_AND_BETWEEN.split(text.lower())
    parts = _WORD_AND_BETWEEN.split(text)
    parts[1::2] = [word.lower() for word in parts[1::2]]
    return parts


def normalize(text: str) -> str:
    return _SEPARATOR.sub(" ", text.strip().lower())


def _alternatives(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v).strip())
    return ()


def load_terms(path: str) -> list[Term]:
    """Read a word list file; a missing or broken file gives no terms, never a traceback.

    The terms are kept in the data cache (:mod:`faq_lint.datacache`): parsing the YAML
    of the shipped list takes longer than linting a page.
    """
    from faq_lint.datacache import cached

    rows = cached("plain-language-terms", [path], lambda: _read_terms(path), "2")
    return [
        Term(
            term,
            tuple(alternatives),
            source,
            tuple(
                Sense(frozenset(when), frozenset(following), tuple(fitting))
                for when, following, fitting in senses
            ),
        )
        for term, alternatives, source, senses in rows
    ]


_Row = tuple[
    str, tuple[str, ...], str, tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]
]


def _words_of(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v).strip().lower() for v in value if str(v).strip())


def _read_terms(path: str) -> list[_Row]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = load_yaml(handle) or {}
    except (OSError, yaml_error()):
        return []
    entries = data.get("terms", []) if isinstance(data, dict) else []
    terms: list[_Row] = []
    for item in entries:
        if not isinstance(item, dict) or not str(item.get("term", "")).strip():
            continue
        alternatives = _alternatives(item.get("alternatives"))
        senses = tuple(
            (
                _words_of(sense.get("when")),
                _words_of(sense.get("next")),
                _alternatives(sense.get("alternatives")),
            )
            for sense in item.get("senses") or []
            if isinstance(sense, dict) and (sense.get("when") or sense.get("next"))
        )
        if alternatives or any(fitting for _, _, fitting in senses):
            terms.append(
                (str(item["term"]).strip(), alternatives, str(item.get("source", "")), senses)
            )
    return terms


def build_index(terms: list[Term], ignore: set[str]) -> TermIndex:
    table: dict[str, Term] = {}
    for term in terms:
        key = normalize(term.term)
        if key and key not in ignore:
            table[key] = term
    first_words = {key.split(" ")[0] for key in table if " " in key}
    longest = max((key.count(" ") + 1 for key in table), default=1)
    return TermIndex(table, first_words, longest)


def _index(rule: Rule) -> TermIndex:
    def factory() -> TermIndex:
        terms = load_terms(
            rule.spec.resolve_path(str(rule.option("word-list", "plain-language.yaml")))
        )
        extra = rule.option("extra-terms") or {}
        if isinstance(extra, dict):
            terms += [
                Term(str(k), _alternatives(v), "project")
                for k, v in extra.items()
                if _alternatives(v)
            ]
        ignore = {normalize(str(t)) for t in rule.option("ignore-terms") or []}
        return build_index(terms, ignore)

    index: TermIndex = rule.state("index", factory)
    return index


def _match_case(suggestion: str, matched: str) -> str:
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")
_NAME_LINKS = ("of", "on", "for", "and", "&", "the")
_CLAUSE_END = re.compile(r"[.!?:;\n]")


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether a term is part of a name written in title case: "Advisory Committee on
    Immunization Practices", "Vaccine Adverse Event Reporting System". One capitalised
    word alone (a sentence start, "Additional") is not a name."""
    matched = text[start:end]
    if not all(word[:1].isupper() for word in matched.split() if word not in _NAME_LINKS):
        return False

    def neighbours(words: list[str]) -> int:
        count = 0
        for word in words:
            if word in _NAME_LINKS:
                continue
            if not _TITLE_WORD.fullmatch(word):
                break
            count += 1
        return count

    # only within the sentence: "... Resource Center. Additional information" is no name
    before = _CLAUSE_END.split(text[max(0, start - 80) : start])[-1].split()
    after = _CLAUSE_END.split(text[end : end + 80], maxsplit=1)[0].split()
    ahead = neighbours([w.strip(".,;:()") for w in after[:4]])
    behind = neighbours([w.strip(".,;:()") for w in reversed(before[-4:])])
    return ahead + behind >= 1 and (behind >= 1 or matched.count(" ") + ahead >= 2)


# Defined on the spot (see the module's docstring). After the term: a parenthesis that
# explains it in words ("edema (swelling)"; not "(MRI)", "(10)", "(such as ...)"), a
# naming phrase ("also known as pinkeye", "also called"), or a definition ("means ...",
# "refers to ...", "is the medical term for ...").
_PAREN_AFTER = re.compile(r"[ \t]*\(([^()\n]{1,160})\)")
_NOT_A_GLOSS = re.compile(
    r"\s*(?:e\.?g\b|see\b|such as\b|including\b|like\b|for example\b|for instance\b)", re.I
)
_LOWER_WORD = re.compile(r"\b[a-z]{3,}")
_NAMED_AFTER = re.compile(
    r"\s*,?\s*(?:(?:also|sometimes|often|commonly|more)\s+)?"
    r"(?:called|known\s+as|referred\s+to\s+as|termed|(?:which|that)\s+means?|means|refers\s+to|describes"
    r"|is\s+(?:the\s+|a\s+|another\s+)?(?:medical\s+|scientific\s+|technical\s+|clinical\s+|formal\s+)?"
    r"(?:term|word|name)\s+for|is\s+when)\b",
    re.I,
)
# Before the term: a naming phrase ("a swelling called edema") or an opening parenthesis
# after the plain words ("swelling (edema)").
# The naming phrase may be followed by a word of a longer name ("is called postexposure
# prophylaxis"), and a name may come as "another name for" / "the medical term for" it.
_NAMED_BEFORE = re.compile(
    r"(?:\bcalled|\bknown\s+as|\breferred\s+to\s+as|\btermed|\bnamed)\s+(?:an?\s+|the\s+)?[\"“'‘]?"
    r"(?:[A-Za-z][\w'’-]*\s+)?$"
    r"|\b(?:name|term|word)\s+for\s+(?:an?\s+|the\s+)?[\"“'‘]?$",
    re.I,
)
# "Whooping cough, or pertussis, is ...": the term set off by commas after "or" (an
# appositive: the plain words, then the term).
_OR_BEFORE = re.compile(r"\w[\"”'’]?,\s+or\s+$", re.I)
_COMMA_AFTER = re.compile(r"[ \t]*,")
_PAREN_BEFORE = re.compile(
    r"\w[^()\n]*\(\s*(?:or\s+|i\.e\.,?\s+|also\s+(?:called|known\s+as)\s+|called\s+|known\s+as\s+)?$",
    re.I,
)
_CLOSE_AFTER = re.compile(r"[ \t]*(?:,[^()\n]{0,60})?\)")
# A heading-style definition: the term (at the end of a short lead of up to 6 words that
# begins a line, sentence or list item) then a colon or dash and the definition.
_COLON_AFTER = re.compile(r"[ \t]*(?::|[-–—](?=\s)|[–—])\s*\S")
_LEAD_LINKS = frozenset({"a", "an", "the", "and", "or"})
_LEAD_START = re.compile(r"(?:^|[\n.!?;:•]|\s[-*](?=\s))[^\n.!?;:•]*$")


def defined_here(text: str, start: int, end: int) -> bool:
    """Whether the term at ``text[start:end]`` is explained right where it is used: after
    it, or after the noun it qualifies ("low posterior hairline (at the back of the
    head)", "Unilateral salpingo-oophorectomy: Surgery to remove ...")."""
    noun = _HEAD_WORD.match(text, end)
    ends = (end, noun.end()) if noun is not None else (end,)
    for after in ends:
        paren = _PAREN_AFTER.match(text, after)
        if paren is not None:
            gloss = paren.group(1)
            if _LOWER_WORD.search(gloss) and not _NOT_A_GLOSS.match(gloss):
                return True
    if _NAMED_AFTER.match(text, end):
        return True
    before = text[max(0, start - 60) : start]
    if _NAMED_BEFORE.search(before):
        return True
    if _OR_BEFORE.search(before) and _COMMA_AFTER.match(text, end):
        return True
    if _PAREN_BEFORE.search(before) and _CLOSE_AFTER.match(text, end):
        return True
    head = _HEAD_WORDS.match(text, end)
    trailing = head.group(0).split() if head is not None else []
    if _COLON_AFTER.match(text, head.end() if head is not None else end):
        lead = _LEAD_START.search(text[max(0, start - 80) : start])
        if lead is not None:
            words = lead.group(0).lstrip("\n.!?;:•-* \t").lower().split() + trailing
            # the lead names the term ("Bone marrow aspiration and biopsy:"), it does not
            # introduce a list about it ("Signs of hypertension:")
            return len(words) <= 6 and all(
                w in _LEAD_LINKS or w.strip("*_") not in FRAME_WORDS for w in words
            )
    return False


# The word after a term that it qualifies ("posterior hairline"), and up to 3 words of a
# definition's head after the term ("Unilateral salpingo-oophorectomy:").
_HEAD_WORD = re.compile(r"[ \t]+[A-Za-z][\w'’-]*")
_HEAD_WORDS = re.compile(r"(?:[ \t]+[A-Za-z][\w'’-]*){1,3}(?=[ \t]*(?::|[-–—]\s|[–—]))")


def _topic_phrases(entry: Entry, document: Document) -> tuple[str, ...]:
    """The page's own names, normalised: its title and the entry's question."""
    return tuple(
        f" {normalize(_NON_WORD.sub(' ', text))} "
        for text in (document.title or "", entry.question)
        if text
    )


_NON_WORD = re.compile(r"[^\w'’-]+")


def _in_topic(text: str, start: int, end: int, topics: tuple[str, ...]) -> bool:
    """Whether the term and the word next to it are part of the page's own topic name
    ("acute lymphoblastic" of "Adult Acute Lymphoblastic Leukemia")."""
    if not topics:
        return False
    term = normalize(text[start:end])
    after = _WORD.match(text, _skip_space(text, end))
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    phrases = []  # (a name's word: not one of a question's frame, "of", "the", "is"...)
    if after is not None and after.group(0).lower() not in FRAME_WORDS:
        phrases.append(f" {term} {after.group(0).lower()} ")
    if before is not None and before.group(1).lower() not in FRAME_WORDS:
        phrases.append(f" {before.group(1).lower()} {term} ")
    return any(phrase in topic for phrase in phrases for topic in topics)


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z']*)[ \t-]+$")


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t-":
        at += 1
    return at


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    index = _index(rule)
    if not index.terms or not entry.answer:
        return
    if rule.option("once-per-page", True):
        page = _page_found(document, index, rule)
        found = page.get(id(entry))
        if found is None:  # (an entry the page does not list: judged on its own)
            found = _answer_found(entry, document, index, rule)
    else:
        found = _answer_found(entry, document, index, rule)
    for start, end, args, suggestions, key in found:
        args = {"times": "", **args}
        yield hit_in_answer(
            entry, start, end, args=args, suggestions=list(suggestions), matched=key
        )


def _answer_found(entry: Entry, document: Document, index: TermIndex, rule: Rule) -> list[_Found]:
    topics = _topic_phrases(entry, document)
    memo: AnswerMemo[list[_Found]] = rule.state("answers", AnswerMemo)
    return memo.get((entry.answer, topics), lambda: _found(entry.answer, index, rule, topics))


def _defined_in(text: str, index: TermIndex) -> set[str]:
    """The terms ``text`` (a question) explains where it uses them ("What is pertussis
    (whooping cough)?")."""
    return {
        normalize(term.term)
        for start, end, term in index.find(text)
        if defined_here(text, start, end)
    }


def _page_found(document: Document, index: TermIndex, rule: Rule) -> dict[int, list[_Found]]:
    """Each entry's findings (by ``id``) when a term is reported once per page: at its
    first use, with how many answers use it; not at all after the page has explained it
    (in a question or an earlier answer)."""
    pages: dict[tuple[str, int], tuple[Document, dict[int, list[_Found]]]] = rule.state(
        "pages", dict
    )
    key = (document.path, id(document))
    known = pages.get(key)
    if known is not None and known[0] is document:
        return known[1]
    if len(pages) > 64:
        pages.clear()  # (bounded, whatever the run)
    entries = document.entries
    explained: set[str] = set()
    first: dict[str, tuple[int, int]] = {}  # term -> (entry id, position in its list)
    uses: dict[str, int] = {}
    result: dict[int, list[_Found]] = {}
    for entry in entries:
        if entry.question:
            explained |= _defined_in(entry.question, index)
        if not entry.answer:
            result[id(entry)] = []
            continue
        kept: list[_Found] = []
        for item in _answer_found(entry, document, index, rule):
            term = item[4]
            if term in explained:
                continue
            if term in first:
                uses[term] += 1
                continue
            first[term] = (id(entry), len(kept))
            uses[term] = 1
            kept.append(item)
        explained |= _defined_in(entry.answer, index)
        result[id(entry)] = kept
    for term, (entry_id, at) in first.items():
        if uses[term] > 1:
            start, end, args, suggestions, matched = result[entry_id][at]
            args = {**args, "times": f" (used in {uses[term]} answers on this page)"}
            result[entry_id][at] = (start, end, args, suggestions, matched)
    pages[key] = (document, result)
    return result


# A term found: its offsets, message arguments, suggestions and key (the answer's alone).
_Found = tuple[int, int, dict[str, object], list[str], str]


def _sense_alternatives(term: Term, answer: str, start: int, end: int) -> tuple[str, ...]:
    """The alternatives that fit the term's sense here (see :class:`Sense`)."""
    if not term.senses:
        return term.alternatives
    sentence = next((s.text for s in split_sentences(answer) if s.start <= start < s.end), answer)
    words = set(_split_words(sentence)[1::2])
    after = _WORD.match(answer, _skip_space(answer, end))
    next_word = after.group(0).lower() if after is not None else ""
    for sense in term.senses:
        if sense.applies(words, next_word):
            return sense.alternatives
    return term.alternatives


def _found(answer: str, index: TermIndex, rule: Rule, topics: tuple[str, ...] = ()) -> list[_Found]:
    once = bool(rule.option("once-per-answer", True))
    reported: set[str] = set()
    defined: set[str] = set()
    found: list[_Found] = []
    for start, end, term in index.find(answer):
        key = normalize(term.term)
        if key in defined or once and key in reported or _in_name(answer, start, end):
            continue
        if defined_here(answer, start, end):
            defined.add(key)  # (and its later uses: the reader has the explanation)
            continue
        if _in_topic(answer, start, end, topics):
            continue
        alternatives = _sense_alternatives(term, answer, start, end)
        if not alternatives:
            continue  # no plain word fits this sense of the term
        reported.add(key)
        written = answer[start:end]
        args: dict[str, object] = {
            "term": written,
            "alternatives": " / ".join(f"'{a}'" for a in alternatives),
            "source": term.source,
        }
        found.append((start, end, args, [_match_case(a, written) for a in alternatives], key))
    return found
