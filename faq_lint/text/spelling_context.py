"""What the words around a word say about it, for the spelling check: whether a word in
no list is a term the text names, a species or Latin name, a notation, a pronunciation,
an abbreviation, a piece of a word, or a personal or organisation name, so that it is
not reported as a misspelling. Used by :mod:`faq_lint.text.spelling`."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from faq_lint.text.spelling_words import FUNCTION_WORDS

if TYPE_CHECKING:
    from faq_lint.text.spelling import Issue, Lexicon


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled when first used: start-up does not pay for the ones a run
    seldom needs (compiling a pattern costs up to a millisecond)."""
    return lru_cache(maxsize=1)(lambda: re.compile(pattern, flags))


_INITIAL_BEFORE = set('.!?:;•*-–—"“')
_QUOTES = "\"'“”‘’"
# Words that introduce a new term: "a protein called cubilin", "known as atopy".
TERM_INTRODUCERS = {"called", "named", "termed", "dubbed"}
# "known as", "referred to as", "called a": the words before a term, read back from it
ARTICLES = ("a", "an", "the")
TERM_INTRODUCER_PHRASES = (
    ("known", "as"),
    ("to", "as"),
    ("called", "a"),
    ("called", "an"),
    ("called", "the"),
    ("named", "a"),
    ("named", "the"),
)
# Nouns that follow the name of a molecule, a gene or a cell: "the huntingtin protein",
# "a kinesin gene", "astroglial cells" is not here (an adjective of a known word).
MOLECULE_NOUNS = {
    *("protein", "proteins", "gene", "genes", "enzyme", "enzymes", "receptor", "receptors"),
    *("antigen", "antigens", "antibody", "antibodies", "hormone", "hormones", "kinase"),
    *("channel", "channels", "molecule", "molecules", "peptide", "peptides", "factor"),
    *("pathway", "complex", "family", "subunit", "subunits", "domain"),
}
# Endings of the names of proteins and enzymes ("huntingtin", "kinase", "tyrosine").
MOLECULE_ENDS = ("in", "ase", "ine", "ide")
# Nouns that follow a capitalised name of an organisation: "Scripps Health", "Mayo Clinic".
ORGANISATION_NOUNS = {
    *("health", "clinic", "clinics", "hospital", "hospitals", "institute", "institutes"),
    *("university", "college", "foundation", "center", "centre", "society", "association"),
    *("medical", "medicine", "department", "trust", "network", "alliance", "council"),
    *("laboratories", "laboratory", "labs", "group", "research", "children", "press"),
}
# Nouns after which a word in no list is the name of the molecule: "the protein pyrin",
# "the proteins hamartin and tuberin".
MOLECULE_BEFORE = {"protein", "proteins", "enzyme", "enzymes", "hormone", "receptor"}
# Consonant pairs that begin English words; a short word starting with another pair is an
# abbreviation or a symbol ("Td", "Tdap", "Hb", "Zn"), not a misspelling.
ENGLISH_ONSETS = frozenset(
    ("bl", "br", "ch", "cl", "cr", "cz", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr")
    + ("kh", "kl", "kn", "kr", "ph", "pl", "pn", "pr", "ps", "pt", "qu", "rh", "sc", "sh")
    + ("sk", "sl", "sm", "sn", "sp", "sq", "st", "sv", "sw", "th", "tr", "ts", "tw", "vl")
    + ("wh", "wr", "zh", "zw")
)
ABBREVIATION_MAX_LENGTH = 4
# Titles before a personal name: "Dr. Osadolor", "Prof Kouadjo".
NAME_TITLES = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sr", "sra", "dra", "st"}


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


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    return match.group(1).lower() if match else ""


def _not_a_word(text: str, issue: Issue, lexicon: Lexicon) -> bool:
    """Whether a misspelling (of a token, or of one part of a hyphenated token such as
    "muris-like") is a name, a notation or a piece of a word, from the text around it."""
    word, start, end = issue.word, issue.start, issue.end
    if _species_epithet(text, word, start, lexicon) or _respelling_of_previous(
        text, word, start, end
    ):
        return True
    if _latin_name(text, word, start, lexicon) and not _slip_in_term(issue):
        return True
    if _abbreviation_like(word, lexicon) or _doubled(text, word, start):
        return True
    return _word_piece(text, word, start, lexicon)


def _doubled(text: str, token: str, start: int) -> bool:
    """A name made of one word said twice: "mahi mahi", "beri beri", "tsetse" style."""
    end = start + len(token)
    after = text[end : end + len(token) + 1]
    before = text[max(0, start - len(token) - 1) : start]
    return after[1:] == token and after[:1] in " -" or before[:-1] == token and before[-1:] in " -"


_ACRONYM_LETTERS_BEFORE = _lazy(r"\(([A-Z]{1,4})\)$")
_CLIPPED_MIN_LENGTH = 4
_CLIPPED_LOOK_BACK = 120


def _word_piece(text: str, token: str, start: int, lexicon: Lexicon) -> bool:
    """A piece of a word, not a word: the rest of a word whose first letters are an
    acronym's ("(MU)scle", "(A)bnormalities"); a word part cited with its hyphen
    ("(-gyria)", "-itis"); or a clipped form of a longer word just used
    ("tracheostomy or trach tube", "phacoemulsification, or phaco")."""
    letters = _ACRONYM_LETTERS_BEFORE().search(text, max(0, start - 6), start)
    if letters and lexicon.known((letters.group(1) + token).lower()):
        return True
    if start >= 1 and text[start - 1] in "-‐‑" and (start < 2 or not text[start - 2].isalnum()):
        return True
    lower = token.lower()
    if len(lower) < _CLIPPED_MIN_LENGTH or not lower.isalpha():
        return False
    before = text[max(0, start - _CLIPPED_LOOK_BACK) : start].lower()
    return any(
        len(word) >= len(lower) + 3 and word.startswith(lower)
        for word in re.findall(r"[a-z]+", before)
    )


# An identifier's tail or a notation, not a word: "HPO:probinson" (a curator's id),
# "inv(16)", "del(5q)", "t(8;21)" (cytogenetic notation).
_ID_BEFORE = _lazy(r"[A-Za-z]{2,}:$")
_NOTATION_AFTER = _lazy(r"\([0-9pq]")


def _notation(text: str, start: int, end: int) -> bool:
    if end < len(text) and text[end] == "(" and _NOTATION_AFTER().match(text, end):
        return True
    return start > 2 and text[start - 1] == ":" and bool(_ID_BEFORE().search(text, 0, start))


def _words_before(text: str, start: int, count: int) -> tuple[str, ...]:
    words = re.findall(r"[A-Za-z']+", text[max(0, start - 40) : start])
    return tuple(w.lower() for w in words[-count:])


def _named_term(text: str, token: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A word the text mentions, introduces or names: in quotes; after "called", "known
    as", "called a"; alone in brackets after other words ("mitochondria of two kinds
    (heteroplasmy)"); or a lowercase word before a molecule noun ("the huntingtin
    protein")."""
    if _quoted(text, start, end) or _previous_word(text, start) in TERM_INTRODUCERS:
        return True
    before = _words_before(text, start, 3)
    if before[-2:] in TERM_INTRODUCER_PHRASES:
        return True
    if len(before) == 3 and before[2] in ARTICLES and before[:2] in TERM_INTRODUCER_PHRASES:
        return True  # "a condition known as a syndemic"
    bracketed = start > 0 and end < len(text) and text[start - 1] == "(" and text[end] == ")"
    if bracketed and token.islower() and len(_words_before(text, start - 1, 3)) == 3:
        return True
    if not token.islower() or not token.endswith(MOLECULE_ENDS):
        return False
    return _next_word(text, end) in MOLECULE_NOUNS or _previous_word(text, start) in MOLECULE_BEFORE


def _slip_in_term(issue: Issue) -> bool:
    """Whether a misspelling found in a named term is still a slip: its first suggestion
    is the word with a letter added or dropped, or two letters swapped ("panthothenate":
    pantothenate, "(recieve)": receive). One letter changed is more often another term
    ("heteroplasmy" is not "heteroplasty", "kinesin" not "kinetin", "permanens" not
    "permanent"), and so is a change in the last letter ("transducin", not "transducing";
    the Latin ending of "mekongi", not "mekong")."""
    if not issue.suggestions:
        return False
    word, first = issue.word.lower(), issue.suggestions[0].lower()
    at = next(
        (i for i, (a, b) in enumerate(zip(word, first, strict=False)) if a != b),
        min(len(word), len(first)),
    )
    if at >= min(len(word), len(first)) - 1:
        return False
    if len(first) != len(word):
        return word[at + 1 :] == first[at:] or first[at + 1 :] == word[at:]
    swapped = at + 1 < len(word) and word[at] == first[at + 1] and word[at + 1] == first[at]
    return swapped and word[at + 2 :] == first[at + 2 :]


def _respelling_of_previous(text: str, token: str, start: int, end: int) -> bool:
    """A one-word pronunciation respelling in brackets after the word it spells:
    "plaque (plak)", "bruit (broo-E)" (a respelling of two or more syllables with a
    stressed capital is blanked before checking)."""
    if not (start > 1 and text[start - 1] == "(" and end < len(text) and text[end] in ")-"):
        return False
    before = re.search(r"([A-Za-z]+)\s*$", text[max(0, start - 41) : start - 1])
    if before is None:
        return False
    word = before.group(1).lower()
    return word[:1] == token[:1].lower() and len(token) <= len(word) + 1


def _abbreviation_like(token: str, lexicon: Lexicon) -> bool:
    """A short word that starts with two consonants no English word starts with: an
    abbreviation or a symbol ("Td", "Tdap", "Hb"), unless it is a slip of a word."""
    lower = token.lower()
    if len(lower) > ABBREVIATION_MAX_LENGTH or len(lower) < 2:
        return False
    first, second = lower[0], lower[1]
    if first in "aeiouy" or second in "aeiouy" or lower[:2] in ENGLISH_ONSETS:
        return False
    if first == second or lexicon._typing_slip(lower) is not None:
        return False
    # "dcor": "décor" with its letter lost, not an abbreviation (two letters are always one)
    dropped = (lower[:1] + vowel + lower[1:] for vowel in "aeiouy")
    return len(lower) == 2 or not any(lexicon.known(word) for word in dropped)


_GENUS_BEFORE = _lazy(r"\b([A-Z][a-z]{2,}|[A-Z]\.)\s+$")
# Latin species-name endings ("israelii", "scabiei", "jejuni", "duodenale", "cercariae").
EPITHET_ENDINGS = ("i", "ae", "ensis", "orum", "arum", "oides", "ale")


# Endings of Latin names: nouns ("myotonia", "situs", "Ixodes") and the adjectives and
# species names that follow them ("permanens", "solitus", "pacificus", "parvum").
LATIN_NOUN_ENDS = ("ia", "us", "is", "es", "a", "um", "ae", "on", "ium")
LATIN_NOUN_MAX_FREQUENCY = 100  # "situs" counts as a Latin noun, "virus" or "area" not
LATIN_NAME_ENDS = (
    *("ens", "ans", "us", "um", "a", "is", "ae", "i", "ata", "osa", "alis", "aris", "ica"),
    *("ie", "ii", "orum", "arum"),
)
_LATIN_BEFORE = _lazy(r"\b([A-Za-z]{3,}|[A-Z]\.)[ \t\u00a0]+$")


def _latin_name(text: str, token: str, start: int, lexicon: Lexicon) -> bool:
    """A lowercase word in a Latin (or French) name, after its noun: a species after a
    genus in no English list ("Ixodes pacificus", "Cryptosporidium parvum", "S. mekongi"),
    or a condition's Latin adjective after a known Latin noun ("myotonia permanens",
    "situs solitus", "atrophie blanche"). Such a word one letter changed from a known
    word is still reported when the letter is added, dropped or swapped
    ("erythematousus")."""
    if not token.islower() or not token.endswith(LATIN_NAME_ENDS):
        return False
    before = _LATIN_BEFORE().search(text, max(0, start - 40), start)
    if before is None:
        return False
    noun = before.group(1)
    if len(noun) == 2:
        return True  # "S. mekongi": an abbreviated genus
    lower = noun.lower()
    if noun[0].isupper() and noun[1:].islower() and not lexicon.in_english(lower):
        return lower.endswith(LATIN_NOUN_ENDS) or not lexicon.known(lower)
    # a known Latin noun that is no everyday word: "myotonia", "situs"
    rare = not lexicon.in_english(lower) or lexicon.frequency(lower) < LATIN_NOUN_MAX_FREQUENCY
    return lower.endswith(LATIN_NOUN_ENDS) and lexicon.known(lower) and rare


def _species_epithet(text: str, token: str, start: int, lexicon: Lexicon) -> bool:
    """A Latin species name after its genus: "Actinomyces israelii", "E. coli" style
    names with a genus written with a capital; a genus that starts the sentence counts
    when it is no English word ("Babesia microti is ...")."""
    if not token.islower() or not token.endswith(EPITHET_ENDINGS):
        return False
    before = _GENUS_BEFORE().search(text, max(0, start - 40), start)
    if before is None:
        return False
    if not sentence_initial(text, before.start(1)):
        return True
    genus = before.group(1).lower()
    return len(genus) > 2 and not lexicon.in_english(genus)


_NAME_AFTER = _lazy(r"[ \t\u00a0]+([A-Z][a-z]+)\b")
# A surname before initials, as in a reference or a byline: "Siegel JD,", "Kaler, SG.",
# "Morie A. Gertz".
_INITIALS_AFTER = _lazy(r",?[ \t\u00a0]+(?:[A-Z]{1,3}(?=[,.;: \t]|$)|[A-Z]\.)")
# An author before the year of a citation or "et al": "(Wessel 1996; Sadiq 1998)".
_CITATION_AFTER = _lazy(r",?[ \t\u00a0]+(?:(?:1[89]|20)[0-9]{2}[a-z]?\b|et al\b)")
# Nouns that follow a person's name in an eponym: "Turcot syndrome", "Romberg test".
EPONYM_NOUNS = {
    *("syndrome", "disease", "disorder", "sign", "test", "reflex", "palsy", "anomaly"),
    *("phenomenon", "sequence", "tumor", "tumour", "procedure", "operation", "maneuver"),
    *("classification", "criteria", "scale", "score", "type", "variant", "cyst", "ulcer"),
}


def _personal_name(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the capitalised word at ``start`` (starting a sentence or a line) is a
    person's name: after a title ("Dr. Smithe"), before initials ("Siegel JD") or a
    citation's year ("Wessel 1996"), before
    the noun of an eponym ("Turcot syndrome"), or followed by a capitalised word in no
    list, a surname ("Iredia Osadolor"). ("Diabtes Mellitus" is still checked:
    "mellitus" is a known word.)"""
    if _previous_word(text, start) in NAME_TITLES or _INITIALS_AFTER().match(text, end):
        return True
    if _CITATION_AFTER().match(text, end):
        return True  # "Wessel 1996", "Parrott et al"
    if _next_word(text, end) in EPONYM_NOUNS:
        return True
    following = _NAME_AFTER().match(text, end)
    if following is None:
        return False
    word = following.group(1).lower()
    if word in ORGANISATION_NOUNS:
        return True  # "Scripps Health", "Hillcrest Clinic": the name of a body
    if word in FUNCTION_WORDS:
        return False
    return not lexicon.known(word) and not lexicon.known_form(word)
