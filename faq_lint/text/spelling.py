"""Spelling for health text: pyspellchecker plus a medical vocabulary and health-text rules.

:class:`Lexicon` holds what counts as a word: pyspellchecker's English list, the medical
vocabulary of the rule pack (drug names, MeSH and ICD-10-CM words), the project's own
word lists and a rule's extra words. :func:`find_issues` walks an answer and returns
the :class:`Issue` s the spelling rules report:

- ``misspelling``: a word in no list, with edit-distance-1 suggestions (and the closest
  drug name for a near-miss such as "ibuprofin");
- ``apostrophe``: a dropped apostrophe ("doesnt", "bodys", "Bells palsy");
- ``run-on``: words run together ("symptomsthe") or no space after a full stop
  ("options.The");
- ``variant``: a UK spelling in a US-English project or the other way round.

The tokenizer knows hyphenated compounds (each part is checked: "self-massage"),
curly and straight apostrophes, acronyms (all capitals: skipped), words with digits
(units, gene names: skipped), URLs and e-mail addresses (skipped) and proper names (a
capitalised word inside a sentence is skipped; one that starts a sentence is skipped
when the page uses it capitalised elsewhere, and otherwise reported only when a
correction is found).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

IssueKind = Literal["misspelling", "apostrophe", "run-on", "variant"]

# The longest English word in major dictionaries has 45 letters; splitting and suggesting
# for longer "words" costs time quadratic in their length.
MAX_WORD_LENGTH = 45
URL_OR_EMAIL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # from a run's start only: linear
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|edu|net|int|info|io|uk|us|ca|au|nz)\b(?:/\S*)?",
    re.IGNORECASE,
)
_LETTER = "A-Za-z\u00c0-\u024f"
# Invisible characters that sit inside words in copied text (zero-width space, soft hyphen).
INVISIBLE = "\u200b\u200c\u200d\u00ad\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
TOKEN = re.compile(rf"[{_LETTER}0-9](?:[{_LETTER}0-9'’\-‐‑./{INVISIBLE}]*[{_LETTER}0-9])?")
_MISSING_SPACE = re.compile(r"([a-z][a-z']+)\.([A-Z][a-z]+)")
_INITIAL_BEFORE = set('.!?:;•*-–—"“')
_QUOTES = "\"'“”‘’"

# Dropped apostrophes of contractions. Not here: real words ("cant", "wont", "hell",
# "shed", "well", "were", "its", "lets", "ill", "wed", "id"): "cant"/"wont" are checked
# after a pronoun only.
CONTRACTIONS: dict[str, str] = {
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "mustnt": "mustn't",
    "neednt": "needn't",
    "mightnt": "mightn't",
    "shant": "shan't",
    "youre": "you're",
    "theyre": "they're",
    "youve": "you've",
    "theyve": "they've",
    "weve": "we've",
    "ive": "I've",
    "im": "I'm",
    "youll": "you'll",
    "theyll": "they'll",
    "itll": "it'll",
    "thatll": "that'll",
    "youd": "you'd",
    "theyd": "they'd",
    "whats": "what's",
    "thats": "that's",
    "theres": "there's",
    "heres": "here's",
    "wheres": "where's",
    "whos": "who's",
    "hows": "how's",
    "couldve": "could've",
    "wouldve": "would've",
    "shouldve": "should've",
    "mightve": "might've",
    "mustve": "must've",
    "hes": "he's",
    "shes": "she's",
}
CONTEXT_CONTRACTIONS = {"cant": "can't", "wont": "won't"}
PRONOUNS = {"i", "you", "we", "they", "he", "she", "it", "that", "this", "who", "which", "there"}
PREFIXES = (
    "anti",
    "non",
    "pre",
    "post",
    "re",
    "un",
    "over",
    "under",
    "multi",
    "sub",
    "super",
    "co",
    "inter",
    "intra",
    "hyper",
    "hypo",
    "micro",
    "mis",
    "semi",
    "dis",
    "self",
    "counter",
    "auto",
    "neuro",
    "cardio",
    "bio",
    "mini",
    "mid",
    "out",
    "up",
    "well",
    "ultra",
    "extra",
)
SUFFIXES = (
    "ing",
    "ed",
    "es",
    "s",
    "ly",
    "ness",
    "less",
    "ful",
    "ment",
    "ers",
    "er",
    "al",
    "ally",
    "ic",
    "ity",
    "ize",
    "ized",
    "izing",
    "ization",
    "like",
)
# Endings that derive medical words from one another: a word in no list is accepted
# when the same stem with a related ending is known ("viremic": "viremia").
RELATED_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("emic", ("emia",)),
    ("ic", ("ia", "y")),
    ("ics", ("ia", "y")),
    ("ase", ("ate", "e", "")),
    ("ases", ("ate", "e", "")),
    ("otic", ("osis",)),
    ("itic", ("itis",)),
)
# UK -> US spelling patterns, tried on words in no list ("colour" -> "color").
UK_TO_US_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"our", "or"),
        (r"isation(s?)$", r"ization\1"),
        (r"is(e|ed|es|ing|er|ers)$", r"iz\1"),
        (r"ys(e|ed|es|ing)$", r"yz\1"),
        (r"tre(s?)$", r"ter\1"),
        (r"ae", "e"),
        (r"oe", "e"),
        (r"ll(ed|ing|er|ers|or|ors)$", r"l\1"),
        (r"ogue(s?)$", r"og\1"),
        (r"ence$", "ense"),
        (r"^sulph", "sulf"),
    )
)
# Short function words: "symptomsthe", "inheritedthat" are a word run into one of these.
FUNCTION_WORDS = {
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "that",
    "this",
    "these",
    "those",
    "which",
    "who",
    "such",
    "also",
    "not",
    "from",
    "by",
    "than",
    "have",
    "has",
    "had",
    "will",
    "would",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "their",
    "they",
    "it",
    "its",
    "an",
    "but",
    "if",
    "when",
    "while",
    "into",
    "do",
    "does",
    "there",
    "other",
    "some",
    "most",
    "many",
    "he",
    "she",
    "we",
    "you",
    "his",
    "her",
    "our",
    "your",
    "them",
    "all",
    "any",
    "each",
    "what",
}
# Nouns whose plural is not noun + s, so noun + s is a possessive missing its apostrophe.
IRREGULAR_PLURALS = {
    "child",
    "woman",
    "man",
    "person",
    "foot",
    "tooth",
    "mouse",
    "wife",
    "life",
    "knife",
    "calf",
    "half",
    "leaf",
    "self",
    "thief",
    "wolf",
    "ox",
    "fetus",
}
# Words that introduce a new term: "a protein called cubilin", "known as atopy".
TERM_INTRODUCERS = {"called", "named", "termed", "dubbed"}
# Abbreviations written without their full stop ("etc", "vs", "approx").
ABBREVIATIONS = {
    "etc",
    "vs",
    "dept",
    "approx",
    "incl",
    "misc",
    "esp",
    "govt",
    "yr",
    "yrs",
    "hr",
    "hrs",
    "wk",
    "wks",
    "mins",
    "sec",
    "avg",
    "mcg",
    "lbs",
    "oz",
    "ie",
    "eg",
    "cf",
    "al",
    "ext",
}
RUNON_MIN_FREQUENCY = 5000  # both words of a run-together pair without a function word
RUNON_MIN_LENGTH = 6
COMPOUND_MIN_FREQUENCY = 1000  # "handwashing", "wastewater": two common words, one word


@dataclass(frozen=True)
class Issue:
    """One spelling problem at ``start``..``end`` of the text."""

    kind: IssueKind
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...] = ()
    detail: str = ""


def read_word_file(path: str) -> list[str]:
    """Words of a text file, one a line (``#`` comments); a missing file gives none."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


def read_word_parts(path: str) -> dict[str, str]:
    """Medical word parts by kind, from a file whose ``# --- prefixes`` / ``# --- combining
    forms`` / ``# --- suffixes`` comment lines start each section."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    parts: dict[str, str] = {}
    kind = "root"
    for raw in lines:
        line = raw.strip().lower()
        if line.startswith("# ---"):
            kind = "prefix" if "prefix" in line else "suffix" if "suffix" in line else "root"
        elif line and not line.startswith("#"):
            parts.setdefault(line, kind)
    return parts


def tokens_of(names: Iterable[str]) -> set[str]:
    """Lowercased single words of (possibly multi-word) names."""
    words: set[str] = set()
    for name in names:
        if name.isalpha() and name.isascii() and name.islower():
            words.add(name)  # already one word: the generated lists
            continue
        for token in re.split(r"[^a-z'’]+", name.lower()):
            token = token.strip("'’")
            if len(token) >= 2:
                words.add(token)
    return words


def drug_stems(drugs: Iterable[str], shortest: int = 6, spread: int = 4) -> set[str]:
    """Class names that are the shared ending of many drug names: "triptan" (sumatriptan,
    rizatriptan, ...), "gliptin", "sartan". An ending counts when at least ``spread``
    different letters come before it, so a name cut short ("otassium") does not."""
    before: dict[str, set[str]] = {}
    for word in drugs:
        if word.isalpha():
            for size in range(shortest, min(10, len(word) - 2)):
                before.setdefault(word[-size:], set()).add(word[-size - 1])
    return {stem for stem, letters in before.items() if len(letters) >= spread}


def variety_of(locale: str) -> str | None:
    """``us``, ``uk`` or ``None`` (both accepted) for a locale such as ``en-GB``."""
    code = locale.replace("_", "-").lower()
    if code in ("en", "en-us"):
        return "us"
    if code in ("en-gb", "en-uk", "en-au", "en-nz", "en-ie", "en-za", "en-in"):
        return "uk"
    return None


def _inflect(us: str, uk: str) -> list[tuple[str, str]]:
    pairs = [(us, uk)]
    if not us.endswith("yze"):  # "analyses" is also the plural of "analysis"
        pairs.append((us + "s", uk + "s"))
    if us.endswith("ize") and uk.endswith("ise"):
        stem_us, stem_uk = us[:-1], uk[:-1]
        pairs += [(stem_us + s, stem_uk + s) for s in ("ed", "es", "ing", "ation", "ations", "er")]
    elif us.endswith("yze") and uk.endswith("yse"):
        pairs += [(us[:-1] + s, uk[:-1] + s) for s in ("ed", "ing")]
    elif us.endswith(("or", "er")):
        pairs += [(us + s, uk + s) for s in ("ed", "ing", "al")]
    return pairs


@lru_cache(maxsize=4)
def _english() -> tuple[Any, dict[str, int]]:
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    return checker, checker.word_frequency.dictionary


@dataclass
class Lexicon:
    """Everything that counts as a correctly spelled word, and how to suggest one."""

    variety: str | None = "us"
    extra: set[str] = field(default_factory=set)
    drugs: set[str] = field(default_factory=set)
    eponyms: set[str] = field(default_factory=set)
    parts: dict[str, str] = field(default_factory=dict)  # word part -> prefix/root/suffix
    us_to_uk: dict[str, str] = field(default_factory=dict)
    uk_to_us: dict[str, str] = field(default_factory=dict)
    report_unknown: bool = False
    _cache: dict[str, tuple[IssueKind, tuple[str, ...], str] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.checker, self.english = _english()
        self.eponym_owners = {e.split("'")[0] for e in self.eponyms}
        self._drugs_by_initial: dict[str, list[str]] = {}
        for word in self.drugs:
            if word.isalpha() and len(word) >= 5:
                self._drugs_by_initial.setdefault(word[0], []).append(word)

    @classmethod
    def build(
        cls,
        word_files: Iterable[str],
        drug_files: Iterable[str],
        eponym_file: str | None,
        variant_file: str | None,
        part_file: str | None = None,
        extra_words: Iterable[str] = (),
        locale: str = "en-US",
        report_unknown: bool = False,
    ) -> Lexicon:
        extra = tokens_of(w for path in word_files for w in read_word_file(path))
        drugs = tokens_of(w for path in drug_files for w in read_word_file(path))
        extra |= drugs
        extra |= drug_stems(drugs)
        extra |= tokens_of(extra_words)
        us_to_uk: dict[str, str] = {}
        for line in read_word_file(variant_file) if variant_file else []:
            parts = line.lower().split()
            if len(parts) == 2:
                for us, uk in _inflect(parts[0], parts[1]):
                    us_to_uk.setdefault(us, uk)
        return cls(
            variety=variety_of(locale),
            extra=extra,
            drugs=drugs,
            eponyms={e.lower() for e in read_word_file(eponym_file)} if eponym_file else set(),
            parts=read_word_parts(part_file) if part_file else {},
            us_to_uk=us_to_uk,
            uk_to_us={uk: us for us, uk in us_to_uk.items()},
            report_unknown=report_unknown,
        )

    # -- what is a word ----------------------------------------------------------------

    def frequency(self, word: str) -> int:
        return int(self.english.get(word, 0))

    def known(self, word: str) -> bool:
        return word in self.english or word in self.extra or word in ABBREVIATIONS

    def common(self, word: str, minimum: int) -> bool:
        """A known word at least this frequent (medical words count as frequent)."""
        if word in self.extra or self.frequency(word) >= minimum:
            return True
        return len(word) >= 7 and word in self.english  # long words are rarely accidents

    def known_form(self, word: str) -> bool:
        """Known, or a known word with a common prefix or suffix ("spasming")."""
        if self.known(word):
            return True
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= (3 if suffix == "s" else 4):
                if suffix == "s" and stem.endswith(("y", "s")):
                    continue
                if self.known(stem) or self.known(stem + "e"):
                    return True
        for ending, alternatives in RELATED_ENDINGS:
            stem = word[: -len(ending)]
            related = any(self.known(stem + other) for other in alternatives)
            if word.endswith(ending) and len(stem) >= 3 and related:
                return True  # "viremic" (viremia), "ligase" (ligate)
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 4 and self.known(rest):
                return True
        return False

    # -- one word ------------------------------------------------------------------------

    def judge(self, word: str) -> tuple[IssueKind, tuple[str, ...], str] | None:
        """The problem with one lowercased word (``None``: fine), cached."""
        if word in self._cache:
            return self._cache[word]
        result = self._judge(word)
        self._cache[word] = result
        return result

    def _judge(self, word: str) -> tuple[IssueKind, tuple[str, ...], str] | None:
        if self.variety == "us" and word in self.uk_to_us:
            return "variant", (self.uk_to_us[word],), "UK"
        if self.variety == "uk" and word in self.us_to_uk:
            return "variant", (self.us_to_uk[word],), "US"
        if word in CONTRACTIONS:
            return "apostrophe", (CONTRACTIONS[word],), ""
        if self.known(word):
            return None
        if self._dropped_possessive(word):
            return "apostrophe", (f"{word[:-1]}'s",), ""
        converted = self._other_variety(word)
        if converted is not None:
            if self.variety == "us":
                return "variant", (converted,), "UK"
            return None  # a UK spelling in a UK (or either) project
        if self.known_form(word):
            return None
        split = self._run_on(word, function_words=True)
        if split and not self._better_as_typo(word, split):
            return "run-on", (split,), ""
        if self._compound(word) or self._medical_parts(word):
            return None
        split = self._run_on(word, function_words=False)
        if split:
            return "run-on", (split,), ""
        suggestions = self.suggest(word)
        if suggestions:
            return "misspelling", suggestions, ""
        if self.report_unknown:
            return "misspelling", (), ""
        return None

    def _dropped_possessive(self, word: str) -> bool:
        """ "bodys", "childs": a possessive, since the plural is spelled otherwise."""
        stem = word[:-1]
        if not word.endswith("s") or len(stem) < 3 or f"{stem}'s" not in self.english:
            return False
        consonant_y = stem.endswith("y") and stem[-2:-1] not in tuple("aeiou")
        return consonant_y or stem in IRREGULAR_PLURALS

    def _other_variety(self, word: str) -> str | None:
        """The US form of a UK spelling not in the lists ("haematologist")."""
        for pattern, replacement in UK_TO_US_PATTERNS:
            candidate = pattern.sub(replacement, word)
            if candidate != word and self.frequency(candidate) > 0:
                return candidate
        return None

    def _run_on(self, word: str, function_words: bool) -> str | None:
        """Two words run together: one a function word ("symptomsthe"); or, without one,
        two long words ("lastingdisease") or an inflected and a common word ("platesareas")."""
        if len(word) < RUNON_MIN_LENGTH or not word.isalpha():
            return None
        best: tuple[int, str] | None = None
        if function_words and word.endswith("a") and len(word) >= 7 and self.common(word[:-1], 100):
            return f"{word[:-1]} a"  # "radiologista doctor": a dash lost before "a"
        for index in range(2, len(word) - 1):
            left, right = word[:index], word[index:]
            if left in FUNCTION_WORDS or right in FUNCTION_WORDS:
                other = right if left in FUNCTION_WORDS else left
                ok = function_words and len(other) >= 3 and self.common(other, 100)
                score = self.frequency(other) if ok else 0
            elif function_words:
                ok = False
            elif (
                min(len(left), len(right)) >= 4
                and len(left) >= 6
                and (len(left) >= 7 or len(right) >= 8)
            ):
                # two long words: "lastingdisease", "constipationhaving" (compounds such
                # as "handwashing" join shorter words)
                ok = self.common(left, 1000) and self.common(right, 1000)
                score = min(self.frequency(left), self.frequency(right)) if ok else 0
            elif left.endswith(("s", "ed", "ing")) and min(len(left), len(right)) >= 4:
                score = min(self.frequency(left), self.frequency(right))
                ok = score >= RUNON_MIN_FREQUENCY
            else:
                ok = False
            if ok and (best is None or score > best[0]):
                best = (score, f"{left} {right}")
        return best[1] if best else None

    def _better_as_typo(self, word: str, split: str) -> bool:
        """ "chromsome" is "chromosome" misspelled, not "chrom" + "some": a frequent word
        one letter away beats a split whose content word is rare."""
        content = max(split.split(" "), key=len)
        if self.frequency(content) >= 1000 or content in self.extra:
            return False
        return any(self.frequency(c) >= 1000 for c in self.checker.edit_distance_1(word))

    def _compound(self, word: str) -> bool:
        """A closed compound of two common words ("handwashing", "wastewater"): a short,
        uninflected first word (a run-together "lastingdisease" starts with a long or an
        inflected one)."""
        for index in range(3, min(len(word) - 2, 7)):
            left, right = word[:index], word[index:]
            if left.endswith(("s", "ed", "ing")) or len(right) > 9:
                continue
            if self.common(left, COMPOUND_MIN_FREQUENCY) and self.common(
                right, COMPOUND_MIN_FREQUENCY
            ):
                return True
        return False

    def _medical_parts(self, word: str) -> bool:
        """Built only from medical word parts and known words ("colonoscopy")."""
        if not self.parts or len(word) < 3:
            return False
        if word in self.parts:
            return True  # "dento" in "dento-oculo-osseous"
        size = len(word)
        ends = {size}
        if word.endswith("s"):
            ends.add(size - 1)
        if word.endswith("es"):
            ends.add(size - 2)
        # reach[i]: word[:i] splits into pieces; the value says whether a part was used.
        reach: dict[int, bool] = {0: False}
        for i in range(size):
            if i not in reach:
                continue
            if i and word[i] in "oi" and i + 1 not in reach:
                reach[i + 1] = reach[i]  # a connecting vowel: colon-o-scopy
            for j in range(i + 2, size + 1):
                piece = word[i:j]
                kind = self.parts.get(piece)
                if kind == "prefix" and j in ends or kind == "suffix" and j not in ends:
                    continue  # prefixes start words, suffixes end them
                if kind:
                    reach[j] = True
                elif len(piece) >= 4 and self.known(piece):
                    reach[j] = reach.get(j, False) or reach[i]
        return any(reach.get(end) for end in ends)

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Known words at edit distance 1, most frequent first; else the closest drug name."""
        candidates = [c for c in self.checker.edit_distance_1(word) if c != word and self.known(c)]
        if candidates:
            candidates.sort(
                key=lambda c: (-max(self.frequency(c), 50 if c in self.extra else 0), c)
            )
            return tuple(candidates[:limit])
        pool = [
            w
            for w in self._drugs_by_initial.get(word[:1], [])
            if abs(len(w) - len(word)) <= 2 and w[:2] == word[:2]
        ]
        close = difflib.get_close_matches(word, pool, n=5, cutoff=0.8)
        # the best-known close name first ("ibuprofen" over the brand "ibuproten")
        close.sort(key=lambda w: -self.frequency(w))
        return tuple(close[:1])


# -- the text ------------------------------------------------------------------------------


# 100+ characters with no space are a URL, a code or junk, never prose: masked first, so
# that URL_OR_EMAIL only ever scans short stretches (it is quadratic on "a.a.a.a...").
_LONG_TOKEN = re.compile(r"(?<!\S)\S{100,}")
# Identifiers and units, not words: "doi:10.1016/S0140-6736(17)32802-7", "PMID: 11714862",
# "PMC1234567", "5.2 mmol/L", "70 mg/dL", "mcg/kg".
_CODES = re.compile(
    r"\bdoi:\s*\S+|\b10\.\d{4,9}/\S+|\bPMID:?\s*\d+|\bPMC\d+"
    r"|\b[A-Za-zµμ]{1,5}/(?:d?l|kg|ml|min|h|hr|day|m2|mol|mmol)\b",
    re.IGNORECASE,
)


def _mask_urls(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    return _CODES.sub(blank, URL_OR_EMAIL.sub(blank, _LONG_TOKEN.sub(blank, text)))


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence, a line or a list item."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    initial = index >= 1 and text[index - 1].isupper()
    if text[index] == "." and initial and (index < 2 or not text[index - 2].isalpha()):
        return False  # after an initial: "Robert H. Lurie"
    return text[index] in _INITIAL_BEFORE


@dataclass
class PageWords:
    """What a page tells about its own words: names and how often each word is used."""

    names: set[str] = field(default_factory=set)  # written capitalised inside a sentence
    counts: dict[str, int] = field(default_factory=dict)  # lowercased word -> uses


def page_words(texts: Iterable[str]) -> PageWords:
    page = PageWords()
    for text in texts:
        masked = _mask_urls(text)
        for match in TOKEN.finditer(masked):
            token = match.group(0).lower().replace("’", "'")
            base = token[:-2] if token.endswith("'s") else token
            page.counts[base] = page.counts.get(base, 0) + 1
            if match.group(0)[:1].isupper() and not sentence_initial(masked, match.start()):
                page.names.add(token)
    return page


def proper_names(texts: Iterable[str]) -> set[str]:
    """Lowercased words a page writes capitalised inside a sentence: names ("Wolman")."""
    return page_words(texts).names


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    return match.group(1).lower() if match else ""


def find_issues(text: str, lexicon: Lexicon, names: set[str] | None = None) -> list[Issue]:
    """The spelling problems of ``text`` (an answer or a question)."""
    masked = _mask_urls(text)
    names = names or set()
    issues: list[Issue] = []
    for match in TOKEN.finditer(masked):
        issues.extend(_check_token(masked, match.group(0), match.start(), lexicon, names))
    return issues


def _check_token(
    text: str, token: str, start: int, lexicon: Lexicon, names: set[str]
) -> list[Issue]:
    end = start + len(token)
    if any(ch.isdigit() for ch in token):
        return []
    if "/" in token:
        return _check_parts(text, token, start, "/", lexicon, names)
    if "." in token:
        found = _MISSING_SPACE.fullmatch(token)
        if found and lexicon.known(found.group(1)) and lexicon.known(found.group(2).lower()):
            fix = f"{found.group(1)}. {found.group(2)}"
            return [Issue("run-on", start, end, token, (fix,), "full stop")]
        return []
    issues = _check_token_parts(text, token, start, lexicon, names)
    if issues and (_quoted(text, start, end) or _previous_word(text, start) in TERM_INTRODUCERS):
        # a word mentioned or introduced ("physis", "a protein called cubilin") may be
        # new to every list; a dropped apostrophe or a run-on there is still reported
        issues = [i for i in issues if i.kind != "misspelling"]
    return issues


def _check_token_parts(
    text: str, token: str, start: int, lexicon: Lexicon, names: set[str]
) -> list[Issue]:
    if "-" in token or "‐" in token or "‑" in token:
        normal = re.sub(r"[‐‑]", "-", token).lower()
        if lexicon.known(normal) or lexicon.known(normal.replace("-", "")):
            return []  # "zig-zag", "e-mail"
        parts = re.split(r"[-‐‑]", token)
        if any(len(p) >= 2 and p.isupper() for p in parts) and any(p.islower() for p in parts):
            return []  # a pronunciation guide: "(HEE-muh-glow-bin)"
        return _check_parts(text, token, start, "-‐‑", lexicon, names)
    return _check_word(text, token, start, lexicon, names)


def _check_parts(
    text: str, token: str, start: int, separators: str, lexicon: Lexicon, names: set[str]
) -> list[Issue]:
    issues: list[Issue] = []
    offset = 0
    for part in re.split(f"[{re.escape(separators)}]", token):
        where = start + offset
        offset += len(part) + 1
        if len(part) <= 1 or part.lower() in PREFIXES:
            continue
        issues.extend(_check_word(text, part, where, lexicon, names, inside=True))
    return issues


def _check_word(
    text: str, token: str, start: int, lexicon: Lexicon, names: set[str], inside: bool = False
) -> list[Issue]:
    end = start + len(token)
    word = _INVISIBLE.sub("", token).replace("’", "'")
    if word.endswith("'s"):
        base = word[:-2]
        if lexicon.known(word.lower()) or not base:
            return []
        word = base
    word = word.strip("'")
    if len(word) <= 1 or not word.isascii() or not word.replace("'", "").isalpha():
        return []
    if len(word) > MAX_WORD_LENGTH:
        return []  # no word is this long (a pasted string, a hostile file): no quadratic work
    lower = word.lower()
    if word.isupper() and len(word) >= 2:
        return []  # an acronym: ALL, NIH
    if any(ch.isupper() for ch in word[1:]):
        return []  # McArdle, GnRH, iPhone
    if word[0].isupper():
        return _check_capitalised(text, token, word, start, lexicon, names, inside)
    if lower in CONTEXT_CONTRACTIONS and _previous_word(text, start) in PRONOUNS:
        return [Issue("apostrophe", start, end, token, (CONTEXT_CONTRACTIONS[lower],))]
    if len(lower) <= 2 and lower not in CONTRACTIONS:
        return []
    verdict = lexicon.judge(lower)
    if verdict is None:
        return []
    kind, suggestions, detail = verdict
    return [Issue(kind, start, end, token, suggestions, detail)]


def _check_capitalised(
    text: str,
    token: str,
    word: str,
    start: int,
    lexicon: Lexicon,
    names: set[str],
    inside: bool,
) -> list[Issue]:
    end = start + len(token)
    lower = word.lower()
    # "Bells palsy", "Parkinsons disease": a dropped possessive apostrophe of an eponym.
    if (
        not inside
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and "'" not in lower
    ):
        owner = lower[:-1]
        noun = _next_word(text, end)
        eponym = (
            f"{owner}'s {noun}" in lexicon.eponyms or f"{owner}'s {noun[:-1]}" in lexicon.eponyms
        )
        if eponym or (owner in lexicon.eponym_owners and not lexicon.known(lower)):
            return [Issue("apostrophe", start, end, token, (f"{word[:-1]}'s",))]
    if lower in CONTRACTIONS and (lower != "im" or word == "Im"):
        return [Issue("apostrophe", start, end, token, (_capitalise(CONTRACTIONS[lower]),))]
    initial = not inside and sentence_initial(text, start)
    if not initial or lower in names:
        return []  # a proper name inside a sentence, or one the page uses as a name
    verdict = lexicon.judge(lower)
    if verdict is None:
        return []
    kind, suggestions, detail = verdict
    if kind == "misspelling" and not suggestions:
        return []  # an unknown capitalised word starting a sentence: most likely a name
    if kind == "run-on" and len(suggestions[0].split(" ")[0]) < 5:
        return []  # "Matour": a name that happens to split into "Mat our"
    return [Issue(kind, start, end, token, tuple(_capitalise(s) for s in suggestions), detail)]


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def project_word_files(project: Any) -> list[str]:
    """The project's own word lists (``words`` in the configuration), as paths."""
    if project is None:
        return []
    root = str(getattr(project, "root", "."))
    return [p if os.path.isabs(p) else os.path.join(root, p) for p in getattr(project, "words", [])]
