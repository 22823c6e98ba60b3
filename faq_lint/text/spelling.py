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

Speed: the word lists come from the data cache (:mod:`faq_lint.datacache`) in packed
groups, unpacked as lookups need them, so a page reads only what its own words need; and
the lexicon remembers the tokens found fine wherever they stand, so a text whose words
have all been seen before costs one pass of a regular expression.

The word tables (contractions, affixes, derived endings, function words, thresholds)
are in :mod:`faq_lint.text.spelling_words`; what the words around a word say (a term
the text names, a Latin name, a notation, a personal name) in
:mod:`faq_lint.text.spelling_context`.
"""

from __future__ import annotations

import marshal
import os
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any, Literal

from faq_lint.datacache import cached
from faq_lint.text.spelling_context import (
    _lazy,
    _named_term,
    _next_word,
    _not_a_word,
    _notation,
    _personal_name,
    _previous_word,
    _slip_in_term,
    sentence_initial,
)
from faq_lint.text.spelling_words import (
    ABBREVIATIONS,
    COMPOUND_MIN_FREQUENCY,
    CONTEXT_CONTRACTIONS,
    CONTRACTIONS,
    DRUG_TWO_EDITS_LENGTH,
    FOREIGN_FUNCTION_WORDS,
    FOREIGN_MIN_FUNCTION_WORDS,
    FOREIGN_MIN_SHARE,
    FUNCTION_WORDS,
    IRREGULAR_PLURALS,
    LATIN_NOUN_ENDINGS,
    LATIN_NOUN_MIN_STEM,
    NEAR_DRUG_MIN_LENGTH,
    NEAR_DRUG_SAME_END,
    PREFIXES,
    PRONOUNS,
    RELATED_ENDINGS,
    RUNON_MIN_FREQUENCY,
    RUNON_MIN_LENGTH,
    SLIP_MIN_FREQUENCY,
    SUFFIXES,
    _uk_to_us_patterns,
)

IssueKind = Literal["misspelling", "apostrophe", "run-on", "variant"]

# The longest English word in major dictionaries has 45 letters; splitting and suggesting
# for longer "words" costs time quadratic in their length.
MAX_WORD_LENGTH = 45


URL_OR_EMAIL = _lazy(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # from a run's start only: linear
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|edu|net|int|info|io|uk|us|ca|au|nz)\b(?:/\S*)?",
    re.IGNORECASE,
)
_LETTER = "A-Za-z\u00c0-\u024f"
# Invisible characters that sit inside words in copied text (zero-width space, soft hyphen).
INVISIBLE = "\u200b\u200c\u200d\u00ad\u2060\ufeff"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
TOKEN = re.compile(rf"[{_LETTER}0-9](?:[{_LETTER}0-9'’\-‐‑./{INVISIBLE}]*[{_LETTER}0-9])?")
# TOKEN's matches are the runs of these characters, each from its first letter or digit
# to its last: so the tokens that start with a capital can be found without visiting the
# others (the run must start here, and its first letter or digit be a capital).
_JOINERS = f"'’\\-‐‑./{INVISIBLE}"  # allowed inside a token, not at its ends
# (A-Z or a letter of the upper range: page_words keeps those that are capitals.)
CAPITALISED_TOKEN = re.compile(
    rf"(?<![{_LETTER}0-9{_JOINERS}])[{_JOINERS}]*+"
    rf"([A-Z\u00c0-\u024f](?:[{_LETTER}0-9{_JOINERS}]*[{_LETTER}0-9])?)"
)
_MISSING_SPACE = _lazy(r"([a-z][a-z']+)\.([A-Z][a-z]+)")


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


# -- the word lists, packed ----------------------------------------------------------------
#
# Unpacking pyspellchecker's 160,000 English words costs about 20 ms, more than linting a
# page. So the word lists live in the data cache as _BUCKETS marshal-ed groups (by a CRC of
# the word), and a lookup that misses unpacks only its word's group: a page unpacks the few
# hundred groups of its own words. Every group is opened in full, so a word is known
# exactly when it would be with the whole list loaded.

_BUCKETS = 8192
_DATA_LAYOUT = f"2 {_BUCKETS}"  # change when the packed data or the way it is built changes


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) & (_BUCKETS - 1)


def _pack(words: dict[str, int] | list[str]) -> list[bytes]:
    """``words`` in _BUCKETS groups, each marshal-ed (``b""`` when empty): a dict of
    frequencies for a dict, a list for a list."""
    crc, last = zlib.crc32, _BUCKETS - 1  # _bucket, inline: this runs on 200,000 words
    if isinstance(words, dict):
        pairs: list[list[tuple[str, int]]] = [[] for _ in range(_BUCKETS)]
        for word, count in words.items():
            pairs[crc(word.encode("utf-8", "surrogatepass")) & last].append((word, count))
        return [marshal.dumps(dict(group)) if group else b"" for group in pairs]
    groups: list[list[str]] = [[] for _ in range(_BUCKETS)]
    for word in words:
        groups[crc(word.encode("utf-8", "surrogatepass")) & last].append(word)
    return [marshal.dumps(group) if group else b"" for group in groups]


def _build_english() -> dict[str, Any]:
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="en", distance=1).word_frequency
    return {
        "letters": "".join(sorted(frequencies.letters)),
        "longest": frequencies.longest_word_length,
        "words": _pack(dict(frequencies.dictionary)),
    }


@lru_cache(maxsize=1)
def _english() -> dict[str, Any]:
    """pyspellchecker's English word frequencies, packed (from the data cache when built
    before): ``letters`` and ``longest`` (for edits), ``words`` (the packed groups)."""
    import importlib.util

    spec = importlib.util.find_spec("spellchecker")
    folder = os.path.dirname(spec.origin) if spec and spec.origin else ""
    info = os.path.join(folder, "info.py")
    version = "?"
    try:
        with open(info, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("__version__"):
                    version = line.partition("=")[2].strip().strip("\"'")
    except (OSError, UnicodeDecodeError):
        pass
    sources = [os.path.join(folder, "resources", "en.json.gz"), info]
    extra = f"{_DATA_LAYOUT} pyspellchecker {version}"
    return cached("spelling-english", sources, _build_english, extra=extra)


def _build_words(
    word_files: list[str],
    drug_files: list[str],
    eponym_file: str | None,
    variant_file: str | None,
    part_file: str | None,
) -> dict[str, Any]:
    """The rule pack's word lists as plain data for the data cache."""
    extra = tokens_of(w for path in word_files for w in read_word_file(path))
    drugs = tokens_of(w for path in drug_files for w in read_word_file(path))
    extra |= drugs
    extra |= drug_stems(drugs)
    us_to_uk: dict[str, str] = {}
    for line in read_word_file(variant_file) if variant_file else []:
        parts = line.lower().split()
        if len(parts) == 2:
            for us, uk in _inflect(parts[0], parts[1]):
                us_to_uk.setdefault(us, uk)
    return {
        "words": _pack(sorted(extra)),
        "eponyms": sorted({e.lower() for e in read_word_file(eponym_file)} if eponym_file else []),
        "parts": read_word_parts(part_file) if part_file else {},
        "us_to_uk": us_to_uk,
    }


def _drugs_by_start(drugs: Iterable[str]) -> dict[str, list[str]]:
    """Drug names to suggest for a near-miss ("ibuprofin"), by their first two letters."""
    by_start: dict[str, list[str]] = {}
    for word in sorted(drugs):
        if word.isalpha() and len(word) >= 5:
            by_start.setdefault(word[:2], []).append(word)
    return by_start


_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"  # string.punctuation
_COMMON_LETTERS = "'abcdefghijklmnopqrstuvwxyz"  # edits with these are built, not indexed
_NOT_ONLY_A_TO_Z = re.compile(r"^[^\n]*[^a-z'\n][^\n]*$", re.MULTILINE)  # (a word a line)
_INDEX_AFTER = 300  # words given suggestions before _known_edits builds its index (~30 ms)


def _edits1(lower: str, letters: Iterable[str]) -> list[str]:
    """Every string one edit from ``lower`` (pyspellchecker's ``edits1``, duplicates kept):
    a deleted, swapped, replaced or inserted letter, from ``letters``. The first
    ``len(lower)`` are the deletions, the i-th without letter i."""
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [left + c + right[1:] for left, right in splits if right for c in letters]
    inserts = [left + c + right for left, right in splits for c in letters]
    return deletes + transposes + replaces + inserts


def _unaccented(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _is_number(word: str) -> bool:
    if word in ("nan", "inf", "infinity"):
        return False
    try:
        float(word)
    except ValueError:
        return False
    return True


@dataclass
class Lexicon:
    """Everything that counts as a correctly spelled word, and how to suggest one.

    ``extra`` and ``drugs`` hold words given directly. :meth:`build` gives the rule pack's
    lists instead as ``packed_words`` (more known words, grouped by :func:`_pack`, unpacked
    as lookups need them) and ``drug_files`` (drug names for suggestions, read only when
    a suggestion needs them)."""

    variety: str | None = "us"
    extra: set[str] = field(default_factory=set)
    drugs: set[str] = field(default_factory=set)
    eponyms: set[str] = field(default_factory=set)
    parts: dict[str, str] = field(default_factory=dict)  # word part -> prefix/root/suffix
    us_to_uk: dict[str, str] = field(default_factory=dict)
    uk_to_us: dict[str, str] = field(default_factory=dict)
    report_unknown: bool = False
    packed_words: list[bytes] = field(default_factory=list, repr=False)
    drug_files: list[str] = field(default_factory=list)
    # words accepted but never suggested (a large general list: its rare words would
    # otherwise become "corrections" and give unknown words a suggestion), read when a
    # word is in no other list
    accept_files: list[str] = field(default_factory=list)
    _cache: dict[str, tuple[IssueKind, tuple[str, ...], str] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        english = _english()
        self.letters: str = english["letters"]
        self.longest: int = english["longest"]
        self.english: dict[str, int] = {}  # unpacked so far
        # the packed groups (shared, never changed) and which of them are unpacked
        self._english_groups: list[bytes] = english["words"]
        self._more_groups: list[bytes] = self.packed_words
        self._unpacked = bytearray(_BUCKETS)
        self._still_packed = _BUCKETS
        self._frequent: set[str] | None = None  # English words used 1,000+ times, once unpacked
        self._last_edits: tuple[str, frozenset[str]] = ("", frozenset())
        self._last_known_edits: tuple[str, set[str]] = ("", set())
        # once all is unpacked: the known words with an accented letter, by the word left
        # when that letter is taken out (inserts), and with its position (replaces)
        self._odd_index: tuple[dict[str, list[str]], dict[tuple[int, str], list[str]]] | None
        self._odd_index = None
        self._common_letters = ""  # pyspellchecker's letters of _COMMON_LETTERS (with _odd_index)
        self._edit_lookups = 0
        self.eponym_owners = {e.split("'")[0] for e in self.eponyms}
        self._drugs_by_start = _drugs_by_start(self.drugs)
        self._drug_files_read = not self.drug_files
        self._accepted: frozenset[str] | None = None if self.accept_files else frozenset()
        # tokens find_issues has found nothing in and never will, wherever they stand
        self.clean_tokens: set[str] = set()
        # tokens page_words has found that do need checking where they stand
        self.dirty_tokens: set[str] = set()

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
        accept_files: Iterable[str] = (),
    ) -> Lexicon:
        word_files, drug_files = list(word_files), list(drug_files)
        named = (eponym_file, variant_file, part_file)
        sources = word_files + drug_files + [path for path in named if path]
        data = cached(
            "spelling-words",
            sources,
            lambda: _build_words(word_files, drug_files, eponym_file, variant_file, part_file),
            extra=f"{_DATA_LAYOUT} {[word_files, drug_files, *named]!r}",
        )
        us_to_uk: dict[str, str] = data["us_to_uk"]
        return cls(
            variety=variety_of(locale),
            extra=tokens_of(extra_words),
            eponyms=set(data["eponyms"]),
            parts=data["parts"],
            us_to_uk=us_to_uk,
            uk_to_us={uk: us for us, uk in us_to_uk.items()},
            report_unknown=report_unknown,
            packed_words=data["words"],
            drug_files=drug_files,
            accept_files=list(accept_files),
        )

    # -- unpacking -----------------------------------------------------------------------

    def _unpack(self, word: str) -> bool:
        """Unpack the group ``word`` belongs to; whether it was still packed."""
        index = _bucket(word)
        if self._unpacked[index]:
            return False
        self._open(index)
        if self._still_packed < _BUCKETS * 3 // 4:
            self.unpack_all()  # a long run needs most groups: stop computing CRCs
        return True

    def _open(self, index: int) -> None:
        if self._unpacked[index]:
            return
        self._unpacked[index] = 1
        self._still_packed -= 1
        english = self._english_groups[index]
        if english:
            self.english.update(marshal.loads(english))
        more = self._more_groups[index] if self._more_groups else b""
        if more:
            self.extra.update(marshal.loads(more))

    def unpack_all(self) -> None:
        """Unpack every word (a long run; or to compare lexicons)."""
        for index in range(_BUCKETS):
            self._open(index)
        self._drugs_starting("")

    def _drugs_starting(self, start: str) -> list[str]:
        if not self._drug_files_read:
            self._drug_files_read = True
            files = self.drug_files

            def build() -> dict[str, list[str]]:
                return _drugs_by_start(tokens_of(w for p in files for w in read_word_file(p)))

            found = cached("spelling-drugs", files, build, extra=f"{_DATA_LAYOUT} {files!r}")
            for first, words in found.items():
                self._drugs_by_start.setdefault(first, []).extend(words)
        return self._drugs_by_start.get(start, [])

    # -- what is a word ----------------------------------------------------------------

    # Every lookup below tries the words unpacked so far, and unpacks the word's group
    # when it misses (a group holds both its English and its other known words).

    def frequency(self, word: str) -> int:
        count = self.english.get(word)
        if count is None:
            if not (self._still_packed and self._unpack(word)):
                return 0
            count = self.english.get(word, 0)
        return int(count)

    def in_english(self, word: str) -> bool:
        if word in self.english:
            return True
        return bool(self._still_packed) and self._unpack(word) and word in self.english

    def known(self, word: str) -> bool:
        return self._listed(word) or word in self.accepted()

    def _listed(self, word: str) -> bool:
        """In a list whose words may be suggested (English, medical, drug, project)."""
        if word in self.english or word in self.extra or word in ABBREVIATIONS:
            return True
        unpacked = self._still_packed and self._unpack(word)
        return bool(unpacked) and (word in self.english or word in self.extra)

    def accepted(self) -> frozenset[str]:
        """The accept-only words (``accept_files``), read on first use."""
        if self._accepted is None:
            files = self.accept_files

            def build() -> list[str]:
                return sorted(tokens_of(w for path in files for w in read_word_file(path)))

            words = cached("spelling-accepted", files, build, extra=f"{_DATA_LAYOUT} {files!r}")
            self._accepted = frozenset(words)
        return self._accepted

    def common(self, word: str, minimum: int) -> bool:
        """A known word at least this frequent (medical words count as frequent)."""
        count = self.frequency(word)  # first: unpacks the word's group
        if word in self.extra or count >= minimum:
            return True
        return len(word) >= 7 and word in self.english  # long words are rarely accidents

    def known_form(self, word: str) -> bool:
        """Known, or a known word with a common prefix or suffix ("spasming")."""
        if self.known(word):
            return True
        if len(word) >= 6 and word.endswith("ic") and self.known(word + "s"):
            return True  # a drug class listed as a plural noun ("anthelminthics")
        for doubled in ("pping", "pped"):
            if word.endswith(doubled) and len(word) >= 9 and self.known(word.replace("pp", "p")):
                return True  # both doublings are standard: "hiccupping", "worshipped"
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= (3 if suffix == "s" else 4):
                if suffix == "s" and stem.endswith(("y", "s")):
                    continue
                if self.known(stem) or self.known(stem + "e"):
                    return True
        for ending, alternatives in RELATED_ENDINGS:
            stem = word[: -len(ending)]
            if (
                word.endswith(ending)
                and len(stem) >= 3
                and any(self.known(stem + other) for other in alternatives)
            ):
                return True  # "viremic" (viremia), "ligase" (ligate)
        for ending, alternatives in LATIN_NOUN_ENDINGS:
            stem = word[: -len(ending)]
            if (
                word.endswith(ending)
                and len(stem) >= LATIN_NOUN_MIN_STEM
                and any(self.known(stem + other) for other in alternatives)
            ):
                return True
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
        slip = self._typing_slip(word)
        if slip is not None:
            # before the guesses below, which would take these for words: "untill" is
            # not "un" + "till", "watter" not "watt" + "er", "runing" not "run" + "ing"
            return "misspelling", (slip,), ""
        if self.known_form(word):
            return None
        split = self._run_on(word, function_words=True)
        if split and not self._better_as_typo(word, split):
            return "run-on", (split,), ""
        if self._compound(word):
            return None  # two common words: "metadata" is not the brand "metadate"
        drug = self._near_drug(word)
        if drug is not None:
            return "misspelling", (drug,), ""  # "sulfadizine": before the word-part guess
        if self._medical_parts(word):
            return None
        split = self._run_on(word, function_words=False)
        if split:
            return "run-on", (split,), ""
        suggestions = self.suggest(word)
        if any(_unaccented(s) == word for s in suggestions):
            return None  # "debridement" for "débridement": the accent is often left off
        if suggestions:
            return "misspelling", suggestions, ""
        if self.report_unknown:
            return "misspelling", (), ""
        return None

    def _typing_slip(self, word: str) -> str | None:
        """A frequent English word this one misses by a doubled or an undoubled letter
        ("untill", "watter", "runing", "begining") or two swapped letters ("resluts"),
        the commonest typing slips: the most frequent such word. Only words used at
        least SLIP_MIN_FREQUENCY times count, so a rare word one slip from a medical
        term in no list is not offered."""
        if len(word) < 4 or not word.isalpha():
            return None
        candidates: set[str] = set()
        for index, letter in enumerate(word):
            if index and letter == word[index - 1]:
                candidates.add(word[:index] + word[index + 1 :])  # "untill" -> "until"
            else:
                candidates.add(word[: index + 1] + word[index:])  # "runing" -> "running"
            if index and letter != word[index - 1]:  # two letters swapped: "resluts"
                candidates.add(word[: index - 1] + letter + word[index - 1] + word[index + 1 :])
        candidates.discard(word)
        best: tuple[int, str] | None = None
        for candidate in candidates:
            count = self.frequency(candidate)
            if count >= SLIP_MIN_FREQUENCY and (best is None or (count, candidate) > best):
                best = (count, candidate)
        return best[1] if best else None

    def _near_drug(self, word: str) -> str | None:
        """A drug name one edit (a letter dropped, added, changed or two swapped) from a
        word in no list that keeps the name's ending ("sulfadizine" -> "sulfadiazine"):
        the best-known one. A word whose ending differs is another word built from
        medical parts ("glycemic" is not the drug "glyceric"), and a word of the drug
        lists that is an English word is no drug name here ("endovenous" is not
        "endogenous")."""
        if len(word) < NEAR_DRUG_MIN_LENGTH or not word.isalpha() or word in self.parts:
            return None
        pool = self._drugs_starting(word[:2])
        if not pool:
            return None
        end = word[-NEAR_DRUG_SAME_END:]
        size = len(word)
        near = [
            name
            for name in pool
            if abs(len(name) - size) <= 1
            and len(name) >= NEAR_DRUG_MIN_LENGTH
            and name.endswith(end)
        ]
        if not near:
            return None
        from rapidfuzz.distance import OSA  # one edit, a swap included (as in edits())

        near = [
            name
            for name in near
            if OSA.distance(word, name, score_cutoff=1) <= 1
            and not self.in_english(name)  # a drug list's everyday word: "endogenous"
        ]
        if not near:
            return None
        return max(near, key=lambda name: (self.frequency(name), name))

    def _dropped_possessive(self, word: str) -> bool:
        """ "bodys", "childs": a possessive, since the plural is spelled otherwise."""
        stem = word[:-1]
        if not word.endswith("s") or len(stem) < 3 or not self.in_english(f"{stem}'s"):
            return False
        consonant_y = stem.endswith("y") and stem[-2:-1] not in tuple("aeiou")
        return consonant_y or stem in IRREGULAR_PLURALS

    def _other_variety(self, word: str) -> str | None:
        """The US form of a UK spelling not in the lists ("haematologist")."""
        for pattern, replacement in _uk_to_us_patterns():
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
        if self._still_packed:
            return any(self.frequency(c) >= 1000 for c in self.edits(word))
        if self._frequent is None:
            self._frequent = {w for w, count in self.english.items() if count >= 1000}
        return not self._frequent.isdisjoint(self._known_edits(word))  # (frequent: known)

    def _known_among(self, words: frozenset[str]) -> set[str]:
        if self._still_packed:
            return {w for w in words if self._listed(w)}
        # all unpacked: set operations, not a lookup per word
        return (self.english.keys() & words) | (self.extra & words) | (ABBREVIATIONS & words)

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
                elif len(piece) >= 4 and self._listed(piece):
                    reach[j] = reach.get(j, False) or reach[i]
        return any(reach.get(end) for end in ends)

    def edits(self, word: str) -> frozenset[str]:
        """Strings one edit from ``word``: pyspellchecker's ``edit_distance_1``, without
        loading its dictionary (the letters and longest word come from the data cache)."""
        if self._last_edits[0] == word:
            return self._last_edits[1]  # judging a word asks twice: run-on, then suggest
        lower = word.lower()
        if (
            len(lower) == 1
            and lower in _PUNCTUATION
            or len(lower) > self.longest + 3
            or _is_number(lower)
        ):
            found = frozenset((lower,))  # pyspellchecker does not edit these
        else:
            found = frozenset(_edits1(lower, self.letters))
        self._last_edits = (word, found)
        return found

    def _known_edits(self, word: str) -> set[str]:
        """``self._known_among(self.edits(word))`` once everything is unpacked. Only the
        edits with a-z and the apostrophe are built: those with an accented letter (18 of
        pyspellchecker's 45 letters) are found in an index of the few hundred known words
        that hold one."""
        if self._last_known_edits[0] == word:
            return self._last_known_edits[1]
        lower = word.lower()
        self._edit_lookups += 1
        if (
            self._still_packed
            or self._edit_lookups <= _INDEX_AFTER  # (a short run: not worth the index)
            or len(lower) == 1
            and lower in _PUNCTUATION
            or len(lower) > self.longest + 3
            or _is_number(lower)
        ):
            found = self._known_among(self.edits(word))
        else:
            inserted, replaced = self._odd_words()
            common = self._common_letters
            edits = _edits1(lower, common)  # (no set: the & below is one)
            found = (
                (self.english.keys() & edits)
                | self.extra.intersection(edits)
                | ABBREVIATIONS.intersection(edits)
            )
            found.update(inserted.get(lower, ()))
            deletes = edits[: len(lower)]  # (_edits1 lists them first) lower without letter i
            for index, deleted in enumerate(deletes):
                found.update(replaced.get((index, deleted), ()))
        self._last_known_edits = (word, found)
        return found

    def _odd_words(self) -> tuple[dict[str, list[str]], dict[tuple[int, str], list[str]]]:
        if self._odd_index is None:
            self._common_letters = "".join(c for c in self.letters if c in _COMMON_LETTERS)
            rare = set(self.letters) - set(self._common_letters)
            inserted: dict[str, list[str]] = {}
            replaced: dict[tuple[int, str], list[str]] = {}
            every = "\n".join(chain(self.english, self.extra, ABBREVIATIONS))
            for word in set(_NOT_ONLY_A_TO_Z.findall(every)):  # (found in C: a few hundred)
                for index, letter in enumerate(word):
                    if letter in rare:
                        rest = word[:index] + word[index + 1 :]
                        inserted.setdefault(rest, []).append(word)
                        replaced.setdefault((index, rest), []).append(word)
            self._odd_index = (inserted, replaced)
        return self._odd_index

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Known words at edit distance 1, most frequent first; else the closest drug name."""
        candidates = set(self._known_edits(word))
        candidates.discard(word)
        if candidates:
            ranked = sorted(
                candidates,
                key=lambda c: (-max(self.frequency(c), 50 if c in self.extra else 0), c),
            )
            return tuple(ranked[:limit])
        return self._drug_suggestion(word)

    def _drug_suggestion(self, word: str) -> tuple[str, ...]:
        """The closest drug name, only for a near miss of one: one edit away, or two in a
        name of DRUG_TWO_EDITS_LENGTH letters or more ("solfamethoxazole"). Never a
        merely similar drug: "suboxone" (a brand in no list) is not "sulfoxone", and
        telling a reader to write another drug's name is dangerous."""
        limit = 2 if len(word) >= DRUG_TWO_EDITS_LENGTH else 1
        pool = [w for w in self._drugs_starting(word[:2]) if abs(len(w) - len(word)) <= limit]
        if not pool:
            return ()
        from rapidfuzz.distance import OSA  # here: only a word with no close English spelling

        scored = [(OSA.distance(word, w, score_cutoff=limit), w) for w in pool]
        close = [(d, w) for d, w in scored if d <= limit]
        # the closest, then the best-known ("ibuprofen" over the brand "ibuproten")
        close.sort(key=lambda dw: (dw[0], -self.frequency(dw[1]), dw[1]))
        return tuple(w for _, w in close[:1])


# -- the text ------------------------------------------------------------------------------


# 100+ characters with no space are a URL, a code or junk, never prose: masked first, so
# that URL_OR_EMAIL only ever scans short stretches (it is quadratic on "a.a.a.a...").
_LONG_TOKEN = _lazy(r"(?<!\S)\S{100,}")
# Identifiers and units, not words: "doi:10.1016/S0140-6736(17)32802-7", "PMID: 11714862",
# "PMC1234567", "5.2 mmol/L", "70 mg/dL", "mcg/kg".
_CODES = _lazy(
    r"\bdoi:\s*\S+|\b10\.\d{4,9}/\S+|\bPMID:?\s*\d+|\bPMC\d+"
    r"|\b[A-Za-zµμ]{1,5}/(?:d?l|kg|ml|min|h|hr|day|m2|mol|mmol)\b",
    re.IGNORECASE,
)


# Cheap tests that show a text cannot hold what a masking pattern matches, so the patterns
# (slow: they try a match at every letter) run on few texts. Each test finds a piece of
# every match of its pattern; for a non-ASCII text, case-insensitive pieces are looked
# for with the pattern's own case folding.
_DOMAIN = re.compile(r"\.(?:com|org|gov|edu|net|int|info|io|uk|us|ca|au|nz)\b", re.IGNORECASE)
_WWW = _lazy(r"www\.", re.IGNORECASE)
_UNIT = re.compile(r"/(?:d?l|kg|ml|min|h|hr|day|m2|mol|mmol)\b", re.IGNORECASE)
_CODE_NAME = _lazy(r"doi:|pmid|pmc", re.IGNORECASE)


def _may_hold_url(text: str) -> bool:
    if "@" in text or "://" in text or _DOMAIN.search(text):
        return True
    return "www." in text.lower() if text.isascii() else bool(_WWW().search(text))


def _may_hold_code(text: str) -> bool:
    if "/" in text and ("10." in text or _UNIT.search(text)):
        return True
    if not text.isascii():
        return bool(_CODE_NAME().search(text))
    lower = text.lower()
    return "doi:" in lower or "pmid" in lower or "pmc" in lower


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


# A pronunciation respelling in brackets: "[staff−u−lu−kaw−kus aw−ree−us]",
# "(sal-mon-EL-uh)": syllables joined by hyphens or minus signs, not words.
_RESPELLING = _lazy(
    rf"[\[(](?=[^\])]{{0,80}}[\])])[{_LETTER}]+(?:[-‐‑−–][{_LETTER}]+){{2,}}"
    rf"(?:[ \t]+[{_LETTER}]+(?:[-‐‑−–][{_LETTER}]+)+)*[ \t]*[\])]"
)


# a stressed syllable in capitals: "NEL" in "sal-muh-NEL-uh", "O" in "sko-le-O-sis"
_STRESSED = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])|(?<=[-‐‑−–])[A-Z](?=[-‐‑−–])")


def _blank_respelling(match: re.Match[str]) -> str:
    """Blank a respelling: minus signs or en dashes between syllables, or a stressed
    syllable in capitals ("sal-muh-NEL-uh"); not a bracketed compound ("mother-to-child",
    "lacto-ovo-vegetarian"), whose words are checked."""
    found = match.group(0)
    if "−" in found or "–" in found or _STRESSED.search(found):
        return " " * len(found)
    return found


def _may_hold_respelling(text: str) -> bool:
    return ("(" in text or "[" in text) and ("-" in text or "−" in text or "‐" in text)


# Syllables joined by dots no word is spelled with ("a∙seet•aminofen", "ty·le·nol": the
# bullet operator, bullet, middle dot, hyphenation point, dot operator), and the word or
# words right after "pronounced" ("pronounced: ah-SEET-uh-MIN-uh-fen", "pronounced
# ig-ZEE-muh"): a respelling, not words.
_SYLLABLE_DOTS = "\u2219\u2022\u00b7\u2027\u22c5"
_DOTTED = _lazy(rf"[{_LETTER}]+(?:[ \t]*[{_SYLLABLE_DOTS}][ \t]*[{_LETTER}]+)+")
_PRONOUNCED = _lazy(
    rf"\bpronounced[ \t]*(?::|as\b|like\b)?[ \t]*[\"“'‘]?"
    rf"[{_LETTER}]+(?:[-‐‑−–{_SYLLABLE_DOTS}][{_LETTER}]+)+",
    re.IGNORECASE,
)


def _blank_pronounced(match: re.Match[str]) -> str:
    """Blank the respelling after "pronounced" (keep the word "pronounced")."""
    found = match.group(0)
    at = len("pronounced")
    return found[:at] + " " * (len(found) - at)


def _mask_urls(text: str) -> str:
    """``text`` with URLs, e-mail addresses, codes, pronunciation respellings and 100+
    character strings blanked."""
    if len(text) >= 100 and max(map(len, text.split()), default=0) >= 100:
        text = _LONG_TOKEN().sub(_blank, text)
    if _may_hold_respelling(text):
        text = _RESPELLING().sub(_blank_respelling, text)
    if any(dot in text for dot in _SYLLABLE_DOTS):
        text = _DOTTED().sub(_blank, text)
    if "ronounced" in text or "RONOUNCED" in text:
        text = _PRONOUNCED().sub(_blank_pronounced, text)
    if _may_hold_url(text):
        text = URL_OR_EMAIL().sub(_blank, text)
    if _may_hold_code(text):
        text = _CODES().sub(_blank, text)
    return text


@dataclass
class PageWords:
    """What a page tells about its own words: names and how often each word is used."""

    names: set[str] = field(default_factory=set)  # written capitalised inside a sentence
    counts: dict[str, int] = field(default_factory=dict)  # lowercased word -> uses
    masked: dict[str, str] = field(default_factory=dict, repr=False)  # text -> _mask_urls(text)
    # Built with a lexicon: the page's texts that hold tokens not fine anywhere (see
    # Lexicon.clean_tokens), with those tokens; find_issues checks only them.
    unclean: dict[str, set[str]] = field(default_factory=dict, repr=False)
    lexicon: Lexicon | None = field(default=None, repr=False)


def page_words(texts: Iterable[str], lexicon: Lexicon | None = None) -> PageWords:
    """The names and word counts of a page's texts. With ``lexicon``, also which texts
    hold a token that needs checking in its context (most hold none)."""
    uses: Counter[str] = Counter()  # token as written -> uses: normalised once per token
    named: set[str] = set()
    masks: dict[str, str] = {}
    unclean: dict[str, set[str]] = {}
    clean, dirty = (lexicon.clean_tokens, lexicon.dirty_tokens) if lexicon else (set(), set())
    if len(clean) > _MAX_CLEAN_TOKENS:
        clean.clear()
        dirty.clear()
    # a text repeated on the page (one answer under several questions) is read once
    for text, repeats in Counter(texts).items():
        masked = masks[text] = _mask_urls(text)
        tokens = TOKEN.findall(masked)
        for _ in range(repeats):
            uses.update(tokens)
        if lexicon is not None:
            distinct = set(tokens)
            for token in distinct.difference(clean, dirty):  # tokens seen for the first time
                (clean if _fine_anywhere(token, lexicon) else dirty).add(token)
            bad = distinct.intersection(dirty)
            if bad:
                unclean[text] = bad
        for match in CAPITALISED_TOKEN.finditer(masked):
            token = match.group(1)
            if (
                token not in named
                and (token[0] <= "Z" or token[0].isupper())
                and not sentence_initial(masked, match.start(1))
            ):
                named.add(token)
    page = PageWords(
        names={token.lower().replace("’", "'") for token in named},
        masked=masks,
        unclean=unclean,
        lexicon=lexicon,
    )
    counts = page.counts
    for token, count in uses.items():
        word = token.lower().replace("’", "'")
        base = word[:-2] if word.endswith("'s") else word
        counts[base] = counts.get(base, 0) + count
    return page


def proper_names(texts: Iterable[str]) -> set[str]:
    """Lowercased words a page writes capitalised inside a sentence: names ("Wolman")."""
    return page_words(texts).names


_HAS_DIGIT = re.compile("[0-9]").search
_HYPHEN = re.compile("[-‐‑]")
_MAX_CLEAN_TOKENS = 1_000_000  # forget them all past this (memory on a huge corpus)


def find_issues(
    text: str, lexicon: Lexicon, names: set[str] | None = None, page: PageWords | None = None
) -> list[Issue]:
    """The spelling problems of ``text`` (an answer or a question). ``names``: words the
    page uses as names (default: those of ``page``, the :func:`page_words` of its page)."""
    if names is None and page:
        names = page.names
    if page is not None and page.lexicon is lexicon and text in page.masked:
        # page_words has sorted the page's tokens: check only those not fine anywhere
        bad = page.unclean.get(text)
        if not bad:
            return []
        sorted_text = page.masked[text]
        issues: list[Issue] = []
        for start, token in _located(sorted_text, bad):
            issues.extend(_check_token(sorted_text, token, start, lexicon, names or set()))
        return _not_foreign(sorted_text, issues, lexicon)
    masked = page.masked.get(text) if page else None
    if masked is None:
        masked = _mask_urls(text)
    clean = lexicon.clean_tokens
    tokens = TOKEN.findall(masked)
    if clean.issuperset(tokens):
        return []  # every word already found fine wherever it stands: most texts
    if len(clean) > _MAX_CLEAN_TOKENS:
        clean.clear()
        lexicon.dirty_tokens.clear()
    names = names or set()
    issues = []
    for start, token in _located(masked, set(tokens).difference(clean)):
        if token in clean:
            continue  # found fine earlier in this text
        found = _check_token(masked, token, start, lexicon, names)
        if found:
            issues.extend(found)
        elif _fine_anywhere(token, lexicon):
            clean.add(token)
    return _not_foreign(masked, issues, lexicon)


# Where a stretch of text ends for the language test: a sentence, a line, a quote, a
# parenthesis, a label ("Spanish: ...").
_STRETCH_END = _lazy(r"[.!?;:\n\"“”«»()\[\]]|(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])")
_PLAIN_WORD = _lazy(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")


def _not_foreign(text: str, issues: list[Issue], lexicon: Lexicon) -> list[Issue]:
    """``issues`` less the misspellings inside a passage in another language."""
    if not any(i.kind == "misspelling" for i in issues):
        return issues
    spans = foreign_spans(text, lexicon)
    if not spans:
        return issues
    return [
        issue
        for issue in issues
        if issue.kind != "misspelling" or not any(a <= issue.start < b for a, b in spans)
    ]


def foreign_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The stretches of ``text`` (sentences, lines, quotes, parentheses) written in
    another language: at least FOREIGN_MIN_FUNCTION_WORDS function words of another
    language, and at least FOREIGN_MIN_SHARE of the words either those or in no English
    list ("Sexo en los tiempos del COVID-19"; not "Vitamin D is sold as el Sol")."""
    spans: list[tuple[int, int]] = []
    start = 0
    ends = [m.start() for m in _STRETCH_END().finditer(text)] + [len(text)]
    for end in ends:
        if end > start:
            words = [m.group().lower() for m in _PLAIN_WORD().finditer(text, start, end)]
            foreign = sum(1 for w in words if w in FOREIGN_FUNCTION_WORDS)
            if foreign >= FOREIGN_MIN_FUNCTION_WORDS:
                unknown = sum(
                    1
                    for w in words
                    if w not in FOREIGN_FUNCTION_WORDS and len(w) > 2 and not lexicon.known(w)
                )
                if foreign + unknown >= FOREIGN_MIN_SHARE * len(words):
                    spans.append((start, end))
        start = end + 1
    return spans


# TOKEN's letters and digits, and the characters it allows only inside a token
_WORD_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    + "".join(map(chr, range(0xC0, 0x250)))
)
_JOINER_CHARS = frozenset("'’-‐‑./" + INVISIBLE)


def _located(text: str, unclean: set[str]) -> list[tuple[int, str]]:
    """Where the tokens ``unclean`` stand in ``text`` (as TOKEN matches), in order. A few
    (a new word, a name at the start of a sentence) are found with str.find rather than
    by visiting every token."""
    if len(unclean) > 8:
        return [(m.start(), m.group()) for m in TOKEN.finditer(text) if m.group() in unclean]
    found = []
    for token in unclean:
        at = text.find(token)
        while at >= 0:
            # a match of TOKEN starts at the first letter or digit of a run of its characters
            before = at - 1
            while before >= 0 and text[before] in _JOINER_CHARS:
                before -= 1
            if before < 0 or text[before] not in _WORD_CHARS:
                match = TOKEN.match(text, at)
                if match and match.group() == token:
                    found.append((at, token))
            at = text.find(token, at + 1)
    found.sort()
    return found


def _missing_space(token: str, lexicon: Lexicon) -> str | None:
    """ "options.The": the fix ("options. The") when two known words meet at a full stop."""
    found = _MISSING_SPACE().fullmatch(token)
    if found and lexicon.known(found.group(1)) and lexicon.known(found.group(2).lower()):
        return f"{found.group(1)}. {found.group(2)}"
    return None


def _pieces(token: str, lexicon: Lexicon) -> tuple[list[tuple[str, int]], bool]:
    """The words of a token (without digits or a full stop) to check, with their offsets,
    and whether they are parts of it: "self-massage" and "and/or" are checked part by part
    (not a one-letter part or a prefix), "zig-zag" and "(HEE-muh-glow-bin)" not at all."""
    if "/" in token:
        separators = "/"
    elif "-" in token or "‐" in token or "‑" in token:
        normal = _HYPHEN.sub("-", token).lower()
        if lexicon.known_form(normal) or lexicon.known(normal.replace("-", "")):
            return [], True  # "zig-zag", "e-mail", "x-rayed"
        parts = _HYPHEN.split(token)
        if any(len(p) >= 2 and p.isupper() for p in parts) and any(p.islower() for p in parts):
            return [], True  # a pronunciation guide: "(HEE-muh-glow-bin)"
        separators = "-‐‑"
    else:
        return [(token, 0)], False
    pieces: list[tuple[str, int]] = []
    offset = 0
    for part in re.split(f"[{re.escape(separators)}]", token):
        if len(part) > 1 and part.lower() not in PREFIXES:
            pieces.append((part, offset))
        offset += len(part) + 1
    return pieces, True


def _check_token(
    text: str, token: str, start: int, lexicon: Lexicon, names: set[str]
) -> list[Issue]:
    end = start + len(token)
    if _HAS_DIGIT(token) or _notation(text, start, end):
        return []
    if "." in token and "/" not in token:
        fix = _missing_space(token, lexicon)
        return [Issue("run-on", start, end, token, (fix,), "full stop")] if fix else []
    pieces, inside = _pieces(token, lexicon)
    issues: list[Issue] = []
    for piece, offset in pieces:
        issues.extend(_check_word(text, piece, start + offset, lexicon, names, inside))
    if issues and "/" not in token and _named_term(text, token, start, end, lexicon):
        # a word mentioned, introduced or named as a molecule ("physis", "a protein
        # called cubilin", "(heteroplasmy)", "the huntingtin protein") may be new to
        # every list; a dropped apostrophe, a run-on, a slip of a common word
        # ("(recieve)") or a letter added, dropped or swapped ("panthothenate kinase")
        # there is still reported
        issues = [i for i in issues if i.kind != "misspelling" or _slip_in_term(i)]
    return [i for i in issues if i.kind != "misspelling" or not _not_a_word(text, i, lexicon)]


def _fine_anywhere(token: str, lexicon: Lexicon) -> bool:
    """Whether :func:`_check_token` finds nothing in ``token`` wherever it stands, so
    find_issues can skip it from then on. Follows _check_token and _check_word, without
    the words around: a word whose check looks at them is never fine anywhere."""
    if _HAS_DIGIT(token):
        return True
    if "." in token and "/" not in token:
        return _missing_space(token, lexicon) is None
    pieces, inside = _pieces(token, lexicon)
    for piece, _ in pieces:
        form = _word_form(piece, lexicon)
        if form is None:
            continue
        word, lower = form
        if word[0].isupper():
            if _capital_contraction(word, lower):
                return False
            if not inside and (_eponym_like(lower, lexicon) or _capital_verdict(lower, lexicon)):
                return False
        elif lower in CONTEXT_CONTRACTIONS or (
            (len(lower) > 2 or lower in CONTRACTIONS) and lexicon.judge(lower) is not None
        ):
            return False  # "cant"/"wont" (the word before decides), or a word with a problem
    return True


def _word_form(token: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A token as a word to check and its lowercase, or ``None`` when it is not checked:
    not a word, a known possessive, an acronym, a mixed-case name ("McArdle")."""
    word = token.translate(_DROP_INVISIBLE).replace("’", "'")
    if word.endswith("'s"):
        base = word[:-2]
        if lexicon.known(word.lower()) or not base:
            return None
        word = base
    word = word.strip("'")
    if len(word) <= 1 or not word.isascii() or not word.replace("'", "").isalpha():
        return None
    if len(word) > MAX_WORD_LENGTH:
        return None  # no word is this long (a pasted string, a hostile file): no quadratic work
    if word.isupper():
        return None  # an acronym: ALL, NIH
    rest = word[1:]
    if rest != rest.lower():
        return None  # McArdle, GnRH, iPhone
    return word, word.lower()


def _check_word(
    text: str, token: str, start: int, lexicon: Lexicon, names: set[str], inside: bool = False
) -> list[Issue]:
    form = _word_form(token, lexicon)
    if form is None:
        return []
    word, lower = form
    end = start + len(token)
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


def _eponym_like(lower: str, lexicon: Lexicon) -> bool:
    """ "bells", "parkinsons": could be an eponym missing its apostrophe ("Bell's palsy").
    (An eponym "bell's palsy" always has its owner "bell" in ``eponym_owners``.)"""
    return (
        lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and "'" not in lower
        and lower[:-1] in lexicon.eponym_owners
    )


def _capital_contraction(word: str, lower: str) -> bool:
    return lower in CONTRACTIONS and (lower != "im" or word == "Im")


def _capital_verdict(lower: str, lexicon: Lexicon) -> tuple[IssueKind, tuple[str, ...], str] | None:
    """The problem of a capitalised word starting a sentence, if it is one to report."""
    verdict = lexicon.judge(lower)
    if verdict is None:
        return None
    kind, suggestions, _ = verdict
    if kind == "misspelling" and not suggestions:
        return None  # an unknown capitalised word starting a sentence: most likely a name
    if kind == "run-on" and len(suggestions[0].split(" ")[0]) < 5:
        return None  # "Matour": a name that happens to split into "Mat our"
    if (
        kind == "misspelling"
        and len(lower) <= NAME_MAX_LENGTH
        and _one_letter_changed(lower, suggestions[0])
        and lexicon.frequency(suggestions[0]) < SLIP_MIN_FREQUENCY
    ):
        # "Littman" (Pittman), "Wheldon" (Sheldon), "Sendak" (Sendai): a name one letter
        # from another word; a slip of a common word ("Thw": the) is still reported
        return None
    return verdict


NAME_MAX_LENGTH = 8  # names are short; "Astrosytomas" (astrocytomas) is a misspelling


def _one_letter_changed(word: str, other: str) -> bool:
    """Same length, one letter different (not a letter added, dropped or swapped)."""
    if len(word) != len(other):
        return False
    return sum(1 for a, b in zip(word, other, strict=True) if a != b) == 1


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
    if not inside and _eponym_like(lower, lexicon):
        owner = lower[:-1]
        noun = _next_word(text, end)
        eponym = (
            f"{owner}'s {noun}" in lexicon.eponyms or f"{owner}'s {noun[:-1]}" in lexicon.eponyms
        )
        if eponym or not lexicon.known(lower):
            return [Issue("apostrophe", start, end, token, (f"{word[:-1]}'s",))]
    if _capital_contraction(word, lower):
        return [Issue("apostrophe", start, end, token, (_capitalise(CONTRACTIONS[lower]),))]
    initial = not inside and sentence_initial(text, start)
    if not initial or lower in names:
        return []  # a proper name inside a sentence, or one the page uses as a name
    if _personal_name(text, start, end, lexicon):
        return []  # "Minot: Iredia Osadolor", "Dr. Smithe"
    verdict = _capital_verdict(lower, lexicon)
    if verdict is None:
        return []
    kind, suggestions, detail = verdict
    return [Issue(kind, start, end, token, tuple(_capitalise(s) for s in suggestions), detail)]


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def project_word_files(project: Any) -> list[str]:
    """The project's own word lists (``words`` in the configuration), as paths."""
    if project is None:
        return []
    root = str(getattr(project, "root", "."))
    return [p if os.path.isabs(p) else os.path.join(root, p) for p in getattr(project, "words", [])]
