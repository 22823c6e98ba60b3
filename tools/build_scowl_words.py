"""Build ``rules/words/scowl.txt``: English and medical words of SCOWL that the spelling
check's other lists lack ("dermatographia", "cercariae", "stereotaxic", "excimer").

Build-time only: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson), as the
Debian package ``scowl`` installs it under ``/usr/share/dict/scowl`` (``apt-get install
scowl``). Licence: "Permission to use, copy, modify, distribute and sell these word
lists, the associated scripts, the output created from the scripts, and its
documentation for any purpose is hereby granted without fee, provided that the above
copyright notice appears in all copies and that both that copyright notice and this
permission notice appear in supporting documentation" (Copyright 2000-2011 Kevin
Atkinson; the notice is repeated in the generated file and rules/words/README.md).

What is kept, lowercased, letters only, 4+ letters, and in none of pyspellchecker's
English list, ``medical.txt`` or ``drug-words.txt``:

- every word of the English, American and British word lists of SCOWL size
  ``GENERAL_LEVEL`` (80) and below: rare but real English words, many of them
  medical ("stereotaxic", "excimer");
- from the bigger sizes up to ``MEDICAL_LEVEL`` (95), only words shaped like medical
  terms: built on a medical combining form or ending with a medical suffix of
  ``rules/words/word-parts.txt`` (4+ letters), or with a Latin or Greek ending
  (``LATIN_ENDINGS``);
- minus every word one edit (a letter dropped, added, changed, or two swapped) from an
  English word used ``GUARD_FREQUENCY`` times or more in pyspellchecker's list: the
  large sizes hold accepted variants that are also the commonest misspellings
  ("untill", "watter", "refered"), and a rare word that close to a common word is
  better checked (and corrected) than accepted. (Words one edit from a medical word
  are kept: in SCOWL they are its plurals and derived forms, "pyrethroid",
  "cercariae", "chelation".)

Run: ``apt-get install scowl`` then ``python tools/build_scowl_words.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

WORDS = Path(__file__).resolve().parent.parent / "rules" / "words"
SCOWL = Path("/usr/share/dict/scowl")
GENERAL_LEVEL = 80
MEDICAL_LEVEL = 95
GUARD_FREQUENCY = 200
LIST_NAMES = re.compile(r"^(english|american|british|variant_1|british_variant_1)-words\.(\d+)$")
LATIN_ENDINGS = ("ae", "ii", "itis", "osis", "emia", "aemia", "oma", "ata", "ium", "ia")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
COPYRIGHT = (
    "# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,"
    " distribute and sell these word lists, the associated scripts, the output created"
    " from the scripts, and its documentation for any purpose is hereby granted without"
    " fee, provided that the above copyright notice appears in all copies and that both"
    " that copyright notice and this permission notice appear in supporting"
    " documentation. Kevin Atkinson makes no representations about the suitability of"
    ' this array for any purpose. It is provided "as is" without express or implied'
    " warranty.\n"
)


def read_list(path: Path) -> set[str]:
    return {
        line.split("#", 1)[0].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def scowl_words() -> dict[str, int]:
    """Every lowercase word of the lists used, with the smallest size holding it."""
    level: dict[str, int] = {}
    for path in sorted(SCOWL.iterdir()):
        match = LIST_NAMES.match(path.name)
        if not match or int(match.group(2)) > MEDICAL_LEVEL:
            continue
        size = int(match.group(2))
        for raw in path.read_text(encoding="latin-1").splitlines():
            word = raw.strip()
            if len(word) >= 4 and word.isascii() and word.isalpha() and word.islower():
                level[word] = min(size, level.get(word, size))
    return level


def medical_shape(word: str, parts: set[str], suffixes: set[str]) -> bool:
    if word.endswith(LATIN_ENDINGS):
        return True
    if any(word.endswith(s) and len(word) > len(s) + 2 for s in suffixes):
        return True
    return any(part in word for part in parts)


def near_common(word: str, frequent: set[str]) -> bool:
    """One edit (a letter dropped, added, changed, or two swapped) from a word of ``frequent``."""
    for i in range(len(word) + 1):
        if i < len(word) and word[:i] + word[i + 1 :] in frequent:
            return True
        for letter in LETTERS:
            if word[:i] + letter + word[i:] in frequent:
                return True
            changed = i < len(word) and letter != word[i]
            if changed and word[:i] + letter + word[i + 1 :] in frequent:
                return True
        swapped = i + 1 < len(word) and word[i] != word[i + 1]
        if swapped and word[:i] + word[i + 1] + word[i] + word[i + 2 :] in frequent:
            return True
    return False


def build() -> list[str]:
    from spellchecker import SpellChecker

    english = SpellChecker().word_frequency.dictionary
    known = set(english) | read_list(WORDS / "medical.txt") | read_list(WORDS / "drug-words.txt")
    # a word one edit from these is better checked (and corrected) than accepted
    guard = {w for w, count in english.items() if count >= GUARD_FREQUENCY}
    section = ""
    parts: set[str] = set()
    suffixes: set[str] = set()
    for line in (WORDS / "word-parts.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            section = line[5:].strip()
        elif line and not line.startswith("#") and len(line.strip()) >= 4:
            if section == "suffixes":
                suffixes.add(line.strip())
            elif section == "combining forms":
                parts.add(line.strip())
    kept = []
    for word, size in scowl_words().items():
        if word in known:
            continue
        if size > GENERAL_LEVEL and not medical_shape(word, parts, suffixes):
            continue
        if near_common(word, guard):
            continue
        kept.append(word)
    return sorted(kept)


def main() -> int:
    if not SCOWL.is_dir():
        print(f"{SCOWL} not found: install SCOWL first (apt-get install scowl)", file=sys.stderr)
        return 2
    words = build()
    (WORDS / "scowl.txt").write_text(
        "# English and medical words of SCOWL (sizes up to"
        f" {GENERAL_LEVEL}, and medical-looking words up to {MEDICAL_LEVEL}) that"
        " pyspellchecker's list, medical.txt and drug-words.txt lack.\n"
        "# Generated by tools/build_scowl_words.py; do not edit by hand. See README.md.\n"
        + COPYRIGHT
        + "\n".join(words)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(words)} words to {WORDS / 'scowl.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
