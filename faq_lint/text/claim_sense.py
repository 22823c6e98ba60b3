"""Decide what a sentence says about a treatment: is it a medication or treatment claim?

FAQ301 asks this of every sentence of every answer (and of the page intro), so the
judgement is built in stages, cheapest first:

1. *Shape*: questions, headings (a short line with no final punctuation) and link text
   ("[Why the vaccine is safe](...)", "Learn more about ...") are never claims.
2. *Subject*: the sentence must be about a treatment: a medicine from the lexicon
   (:class:`~faq_lint.text.medication.Lexicon`), a treatment word ("surgery", "the
   vaccine", "these tablets"), or an anaphor ("it", "they", "the drug") when a medicine
   was named before it (the question, the page title or intro, an earlier sentence).
   When a medicine was named before, a dose with figures or "side effects" is about it
   even with no word for it ("Children over 12 can take 10 mg once a day").
3. *Blockers*: what a sentence is doing when it is no claim whatever words it holds:
   an agency process ("the FDA approved", "the agency continues to expedite trials"),
   research under way, a goal ("treatment is aimed at"), "there is no cure", natural
   history without treatment, an instruction or warning to the reader.
4. *Predicate*: what it says the treatment does, by kind: safety, timing, comparison,
   risk, mechanism, recommendation, effect, dose. A predicate must stand near a subject;
   one inside a leading condition ("If the medicine relieves your symptoms, ...") is not
   asserted; an effect or mechanism must be said *of* the treatment: the treatment comes
   before the verb, or after it through "by", "with", "from", "after" ("relief from
   antacids"), not as the verb's object ("an enzyme that helps the body process drugs").
5. *List items* inherit their lead-in: an item naming a treatment under "Your risk is
   higher if you:" is a risk claim (:func:`leadin_kind`).

An instruction is a claim only when it gives a dose with figures ("take one tablet a
day for 7 days"); a negative instruction ("Don't take X with Y, because ...") never is.
"You can take paracetamol while you're on apixaban" is no instruction but a safety claim.

:meth:`Sense.attributed` tells whether a sentence attributes itself to a named authority
or publication ("The agency and its advisory committee (ACIP) recommend ...", "In the
ASPREE trial ...", "... according to an analysis published in The Lancet"), which counts
as a citation however the subject is built.

The patterns are data: ``claim_sense`` in ``rules/medical/claim-patterns.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from faq_lint.text.medication import Lexicon, Mention
from faq_lint.text.safe_regex import SafePattern, compile_user

KINDS = (
    "safety",
    "timing",
    "comparison",
    "risk",
    "mechanism",
    "recommendation",
    "effect",
)
# kinds whose verb must be said of the treatment (see _said_of)
_DIRECTED = frozenset({"effect", "mechanism", "risk"})
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,500})\)")
_FINAL = re.compile(r"[.!?:;)\]\"'”’]\s*$")
_WORD = re.compile(r"[A-Za-z0-9]+")
# "get help", "help you choose": help that is not a treatment effect
_NOT_HELP = re.compile(
    r"\b(?:get|seek|for|medical|more|ask\s+for|extra|need|their|your|his|her|our|my)\s+help\b"
    r"|\bhelp\s*(?:line|desk|groups?)\b|\b(?:self|mutual)[\s-]help\b"
    r"|\bhelps?\s+(?:you\s+|a\s+person\s+|people\s+|patients\s+|them\s+|him\s+|her\s+|"
    r"(?:your|their|the)\s+\w+\s+)?(?:to\s+)?(?:choose|find|decide|understand|work\s+out|plan|book|"
    r"arrange|pay|remember|keep\s+track|do\s+that|do\s+this)\b",
    re.IGNORECASE,
)
# words that tie a treatment named after the verb back to it as its agent or source
_AGENT_LINK = re.compile(
    r"\b(?:by|with|from|after|using|taking|of|through|via|on|is|are|was|were)\b",
    re.IGNORECASE,
)
# a pronoun right after one of these is an object ("Refer to it"), not the claim's subject
_OBJECT_BEFORE = re.compile(r"\b(?:to|about|for|at|into|on|than)\s+$", re.IGNORECASE)
# a treatment named only as absent: "fever-free without the use of fever medicines
# (paracetamol or ibuprofen)" - to the end of the clause
_WITHOUT = re.compile(r"\bwithout\b[^,;.]{0,100}", re.IGNORECASE)
# a condition inside the sentence: what follows it up to the next comma is not asserted
# (an indirect question too: "depends on how well the plan is controlling ...")
_IN_CONDITION = re.compile(
    r"\b(?:if|unless|whether|once|until|how\s+well)\b[^,;:]*$", re.IGNORECASE
)
# "can treat", "treats": the treatment must be its agent (named before it); "may treat the
# infection with an antibiotic" says what is used (a use statement)
_ACTIVE_TREAT = re.compile(
    r"^(?:(?:can|will|may|could)\s+(?:\w+ly\s+|also\s+)?)?treats?\b", re.IGNORECASE
)
# risk nouns that name a condition (what a medicine may be used for, see Sense.indication)
_CONDITION_NOUN = re.compile(r"^(?:side|adverse|allergic|overdose|toxic|withdrawal)", re.IGNORECASE)
_AMOUNT_OF = re.compile(r"\s*,?\s*of\b", re.IGNORECASE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})  # one character each: offsets kept
_REACH = 120  # characters between a subject and its predicate
_AGENT_REACH = 40  # characters between a verb and a treatment named after it


def _plain_quotes(text: str) -> str:
    return text.translate(_QUOTES)


class Judged(NamedTuple):
    """A claim: its kind and the stretch of the sentence to quote."""

    kind: str
    start: int
    end: int
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Sense:
    """The compiled ``claim_sense`` patterns."""

    treatment: Matcher
    referents: Matcher
    anaphors: Matcher
    pronouns: Matcher
    predicates: tuple[tuple[str, Matcher], ...]
    dose: Matcher
    blockers: dict[str, Matcher]
    attribution: Matcher
    conditional: Matcher
    leadins: dict[str, Matcher]
    side_effects: Matcher
    described: Matcher
    back_reference: Matcher
    dose_use: Matcher
    use_frame: Matcher
    acts_on: Matcher
    service: Matcher
    indication: Matcher
    implied_use: Matcher | None = None
    pronoun_referents: Matcher | None = None

    def names_referent(self, text: str) -> int:
        """Offset of the first medicine-like word in ``text`` (-1: none)."""
        found = self.referents.search(text)
        return found.start() if found else -1

    def attributed(self, text: str) -> bool:
        """Whether ``text`` attributes what it says to a named authority or publication
        in the same sentence: a citation, whatever the shape of its subject."""
        return bool(self.attribution.search(_plain_quotes(text)))


_LOOKAROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")


def without_lookarounds(pattern: str) -> str:
    """``pattern`` with its look-ahead and look-behind groups taken out.

    They only ever forbid matches (each is a zero-width condition), so the result matches
    wherever ``pattern`` does, and more: a cheap first test for patterns that the fast
    engine cannot run because of them."""
    out: list[str] = []
    index, size, in_class = 0, len(pattern), False
    while index < size:
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
            index += 1
            continue
        if char == "[":
            in_class = True
            out.append(char)
            index += 1
            for opener in ("^", "]"):  # "[^", and a "]" first in a class is a literal
                if pattern[index : index + 1] == opener:
                    out.append(opener)
                    index += 1
            continue
        if char == "(" and pattern.startswith(_LOOKAROUND_OPENERS, index):
            index = _group_end(pattern, index)
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _group_end(pattern: str, start: int) -> int:
    """The index just after the group that opens at ``start``."""
    depth, index, size, in_class = 0, start, len(pattern), False
    while index < size:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return size


class Guarded:
    """A pattern that only the slower engine can run (it has look-arounds), tried only
    where its faster superset (:func:`without_lookarounds`, on the fast engine) matches:
    most sentences have none of its words, and those cost one fast search."""

    __slots__ = ("full", "guard", "engine")

    def __init__(self, full: SafePattern, guard: SafePattern) -> None:
        self.full = full
        self.guard = guard
        self.engine = f"{full.engine}+{guard.engine} guard"

    def search(self, text: str) -> Any:
        return self.full.search(text) if self.guard.search(text) else None

    def match(self, text: str) -> Any:
        return self.full.match(text) if self.guard.match(text) else None

    def finditer(self, text: str) -> Iterator[Any]:
        return self.full.finditer(text) if self.guard.search(text) else iter(())


Matcher = SafePattern | Guarded


def _alternatives(value: object) -> str:
    items = value if isinstance(value, list) else [value]
    return "|".join(f"(?:{item})" for item in items if item)


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value] if value else []


def _compile(value: object) -> Matcher:
    """A data-file pattern on the safe path: no text can make it hang (issue 14); one
    with look-arounds behind a fast guard (:class:`Guarded`)."""
    source = _alternatives(value) or r"[^\s\S]"
    full = compile_user(source, re.IGNORECASE)
    if full.engine == "re2":
        return full
    guard = compile_user(without_lookarounds(source), re.IGNORECASE)
    return full if guard.engine != "re2" else Guarded(full, guard)


def sense_from(data: dict[str, Any]) -> Sense:
    """The :class:`Sense` of a ``claim_sense`` mapping (regular expressions)."""
    raw_predicates = data.get("predicates") or {}
    predicates = tuple(
        (kind, _compile(raw_predicates[kind])) for kind in KINDS if kind in raw_predicates
    )
    blockers = {str(k): _compile(v) for k, v in (data.get("blockers") or {}).items()}
    return Sense(
        treatment=_compile(data.get("treatment_words")),
        referents=_compile(data.get("referents")),
        anaphors=_compile(data.get("anaphors")),
        pronouns=_compile(data.get("pronouns")),
        predicates=predicates,
        dose=_compile(data.get("dose")),
        blockers=blockers,
        attribution=_compile(data.get("attribution")),
        conditional=_compile(data.get("conditional")),
        leadins={str(k): _compile(v) for k, v in (data.get("leadins") or {}).items()},
        side_effects=_compile(data.get("side_effects")),
        back_reference=_compile(data.get("back_reference")),
        dose_use=_compile(data.get("dose_use")),
        use_frame=_compile(data.get("use_frame")),
        acts_on=_compile(data.get("acts_on")),
        service=_compile(data.get("service")),
        indication=_compile(data.get("indication")),
        implied_use=_compile(data.get("implied_use")) if data.get("implied_use") else None,
        pronoun_referents=(
            _compile(data.get("pronoun_referents")) if data.get("pronoun_referents") else None
        ),
        described=_compile([f"(?:{item})$" for item in _items(data.get("described"))]),
    )


def _yaml_section(path: str, name: str) -> dict[str, Any]:
    """The mapping under ``name`` in the YAML file ``path`` ({} when there is none)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506
    section = data.get(name) if isinstance(data, dict) else None
    return section if isinstance(section, dict) else {}


@lru_cache(maxsize=8)
def _load(path: str, stamp: float) -> Sense:
    del stamp
    from faq_lint.datacache import cached

    return sense_from(
        cached("claim-sense", [path], lambda: _yaml_section(path, "claim_sense"), "8")
    )


def load_sense(patterns_path: str | Path) -> Sense:
    """The claim-sense patterns of a claim-patterns file (cached while it is unchanged)."""
    path = str(Path(patterns_path))
    return _load(path, Path(path).stat().st_mtime)


def _is_heading(text: str) -> bool:
    """A short line without final punctuation: "Side effects in the first few months"."""
    return not _FINAL.search(text) and len(_WORD.findall(text)) <= 8


def _without_links(text: str) -> tuple[str, bool]:
    """The text with Markdown links replaced by their words (same length), and whether
    the links make up most of it (then the sentence is link text)."""
    linked = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal linked
        linked += len(match.group(1))
        inner = match.group(1)
        return " " + inner + " " * (len(match.group(0)) - len(inner) - 1)

    plain = _LINK.sub(keep, text)
    words = len(plain.strip())
    return plain, bool(linked) and linked >= 0.5 * max(1, words)


def _spans(pattern: Matcher, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _near(span: tuple[int, int], subjects: list[tuple[int, int]]) -> bool:
    a, b = span
    return any(s_end >= a - _REACH and s_start <= b + _REACH for s_start, s_end in subjects)


def _said_of(text: str, span: tuple[int, int], subjects: list[tuple[int, int]]) -> bool:
    """Whether the verb at ``span`` is said of a treatment: one comes before it, or one
    comes soon after it tied by "by", "with", "from", "after" ("relief from antacids",
    "is prevented by vaccination"), not as the verb's object ("helps the body process
    drugs")."""
    a, b = span
    for s_start, s_end in subjects:
        if s_end <= a and s_end >= a - _REACH:
            return True
        if s_start <= a < s_end or a <= s_start < b:  # the verb is the subject's own word
            return True
        if b <= s_start <= b + _AGENT_REACH and _AGENT_LINK.search(text[a:s_start]):
            return True
    return False


def _condition_end(sense: Sense, text: str) -> int:
    """Where a leading condition ("If the medicine relieves your symptoms, ") ends (0:
    none): what it says is not asserted."""
    found = sense.conditional.match(text)
    return found.end() if found else 0


def judge(
    text: str,
    lex: Lexicon,
    sense: Sense,
    referent_before: bool,
    mentions: list[Mention] | None = None,
    referent_near: bool | None = None,
) -> Judged | None:
    """The claim ``text`` (one sentence) makes about a treatment, or None.

    ``referent_before``: a medicine was named before this sentence (question, title,
    intro, earlier answer), so "the drug", "this medicine" can stand for it.
    ``referent_near``: the sentence just before (or the question, for the first) names
    one, so "it", "they" can stand for it (default: ``referent_before``).
    ``mentions``: the lexicon's medicines in ``text`` when already known.
    """
    if referent_near is None:
        referent_near = referent_before
    stripped = text.strip()
    if not stripped or stripped.endswith("?") or _is_heading(stripped):
        return None
    plain, is_link = _without_links(_plain_quotes(text))
    if is_link:
        return None
    blockers = sense.blockers
    title = blockers.get("title")
    headline = not _FINAL.search(stripped) or stripped.endswith(":")
    if title is not None and headline and title.search(plain):
        return None  # "- Why the MMR vaccine is safe for your child", "What to do about it:"
    link = blockers.get("link")
    if link is not None and link.search(plain):
        return None
    if mentions is None:
        mentions = lex.mentions(plain)
    subjects = [(m.start, m.end) for m in mentions]
    subjects += _spans(sense.treatment, plain)
    if referent_before:
        subjects += _spans(sense.anaphors, plain)
    if referent_near:
        subjects += [
            span
            for span in _spans(sense.pronouns, plain)
            if not _OBJECT_BEFORE.search(plain, max(0, span[0] - 8), span[0])
        ]
    if subjects and "without" in plain.lower():
        absent = [m.span() for m in _WITHOUT.finditer(plain)]
        subjects = [s for s in subjects if not any(a < s[0] < b for a, b in absent)]
    if subjects:
        # "your vaccine appointment", "the drug supply": a service, not the treatment
        subjects = [s for s in subjects if not sense.service.match(plain[s[1] : s[1] + 30])]
    dose_spans: list[tuple[int, int]] | None = None
    if not subjects and referent_before:
        # "Children over 12 can take 10 mg once a day", "Common side effects include ...":
        # a dose or side effects of the medicine named before
        # an amount "of" something else is no dose of it ("12 grams of fiber a day")
        dose_spans = [a for a in lex.amounts(plain) if not _AMOUNT_OF.match(plain, a[1])]
        if sense.dose_use.search(plain):  # "once a day" is a dose only with a use
            dose_spans += _spans(sense.dose, plain)
        effects = _spans(sense.side_effects, plain)
        illness = blockers.get("illness_subject")
        if effects and illness is not None and illness.search(plain):
            effects = []  # "Influenza infection may also cause some of these side effects"
        implied = _spans(sense.implied_use, plain) if sense.implied_use is not None else []
        subjects = dose_spans + effects + implied
    if not subjects:
        return None  # about no treatment: most sentences end here
    for name in ("agency", "research", "goal", "none_exists", "process"):
        pattern = blockers.get(name)
        if pattern is not None and pattern.search(plain):
            return None
    untreated = blockers.get("untreated")
    if untreated is not None and untreated.search(plain):
        treated = blockers.get("treated")
        if treated is None or not treated.search(plain):
            return None  # natural history: "If not treated, it can cause ..."
    if dose_spans is None:
        dose_spans = [*lex.amounts(plain), *_spans(sense.dose, plain)]
    instruction = blockers.get("instruction")
    if instruction is not None and instruction.search(plain.strip()):
        negative = blockers.get("negative_instruction")
        if negative is not None and negative.search(plain.strip()):
            return None  # a warning
        if not dose_spans:
            return None  # an instruction without a dose
        return _judged("dose", dose_spans[0], subjects, mentions)
    condition = _condition_end(sense, plain)
    dose_spans = [span for span in dose_spans if span[0] >= condition]
    frame = sense.use_frame.search(plain)
    frame_end = frame.end() if frame is not None else 0
    for kind, pattern in sense.predicates:
        for match in pattern.finditer(plain):
            if match.start() < condition:
                continue  # "If it works for you, ...": not asserted
            if match.start() < frame_end:
                continue  # "Relief of symptoms consists of ...": a use statement
            if _IN_CONDITION.search(plain, max(condition, match.start() - 120), match.start()):
                continue  # "... increase your medicine if your asthma isn't under control"
            helping = kind == "effect" and match.group().lower().startswith("help")
            if helping and _NOT_HELP.search(plain[max(0, match.start() - 12) : match.end() + 30]):
                continue
            if not _near(match.span(), subjects):
                continue
            if sense.described.search(plain[max(0, match.start() - 60) : match.start()]):
                continue  # "patients who are not cured with ...": a description
            if kind in _DIRECTED:
                if not _said_of(plain, match.span(), subjects):
                    continue
                if (
                    kind == "risk"
                    and _CONDITION_NOUN.match(match.group())
                    and sense.indication.search(plain[max(0, match.start() - 130) : match.start()])
                ):
                    continue  # "a medicine used to treat severe allergic reactions"
                if sense.acts_on.match(plain[match.end() : match.end() + 60]):
                    continue  # "may reduce the dose", "stop taking": acting on the medicine
                if _ACTIVE_TREAT.match(match.group()) and not any(
                    end <= match.start() for _, end in subjects
                ):
                    continue  # "may treat the infection with an antibiotic": a use
            return _judged(kind, match.span(), subjects, mentions)
    if dose_spans and (mentions or referent_before):
        return _judged("dose", dose_spans[0], subjects, mentions)
    return None


def leadin_kind(text: str, sense: Sense) -> str | None:
    """The kind a list lead-in passes to its items ("Your risk is higher if you:" ->
    "risk"), or None when its items are judged on their own words."""
    plain = _plain_quotes(text.strip())
    for kind, pattern in sense.leadins.items():
        if pattern.search(plain):
            return kind
    return None


def names_treatment(text: str, lex: Lexicon, sense: Sense) -> list[Mention] | None:
    """The medicines ``text`` names (a treatment word alone gives an empty list), or None
    when it names no treatment at all."""
    plain = _plain_quotes(text)
    mentions = lex.mentions(plain)
    if mentions:
        return mentions
    return [] if sense.treatment.search(plain) else None


def _judged(
    kind: str, span: tuple[int, int], subjects: list[tuple[int, int]], mentions: list[Mention]
) -> Judged:
    """The claim, quoting its medicines (several: first to last) or subject and predicate."""
    if len(mentions) > 1:
        return Judged(kind, mentions[0].start, mentions[-1].end, tuple(mentions))
    if mentions:
        a, b = mentions[0].start, mentions[0].end
    else:
        a, b = min(subjects, key=lambda s: abs(s[0] - span[0]))
    return Judged(kind, min(a, span[0]), max(b, span[1]), tuple(mentions))


@dataclass(frozen=True)
class Advice:
    """The compiled ``dose_advice`` patterns (FAQ402): what advises the reader to take
    or use a medicine or a dose, what makes a sentence a warning instead, and what sends
    the reader to a professional."""

    advice: Matcher
    warning: Matcher
    not_medicine_use: Matcher
    referral: Matcher
    pronouns: Matcher
    not_advised: Matcher

    def refers(self, text: str) -> bool:
        """Whether ``text`` sends the reader to a professional (as well as the phrases of
        the disclaimer file): "as prescribed", "unless your doctor tells you to"."""
        return bool(self.referral.search(_plain_quotes(text)))


def advice_from(data: dict[str, Any]) -> Advice:
    """The :class:`Advice` of a ``dose_advice`` mapping (regular expressions)."""
    return Advice(
        advice=_compile(data.get("advice")),
        warning=_compile(data.get("warning")),
        not_medicine_use=_compile(data.get("not_medicine_use")),
        referral=_compile(data.get("referral")),
        pronouns=_compile(data.get("pronouns")),
        not_advised=_compile(data.get("not_advised")),
    )


_ADVICE_REACH = 60  # characters from the advising verb to the medicine it is about
_CLAUSE_END = re.compile(r"[.;:!?()]")


@lru_cache(maxsize=8)
def _load_advice(path: str, stamp: float) -> Advice:
    del stamp
    from faq_lint.datacache import cached

    return advice_from(
        cached("dose-advice", [path], lambda: _yaml_section(path, "dose_advice"), "5")
    )


def load_advice(patterns_path: str | Path) -> Advice:
    """The dose-advice patterns of a claim-patterns file (cached while it is unchanged)."""
    path = str(Path(patterns_path))
    return _load_advice(path, Path(path).stat().st_mtime)


def advises(
    text: str, lex: Lexicon, advice: Advice, referent_near: bool, count_generic: bool = True
) -> tuple[int, int] | None:
    """Where ``text`` (one sentence) advises the reader to take or use a medicine or a
    dose ("Take 400 mg of ibuprofen", "You can use a saline spray", "Adults can take 500
    mg"), or None: a question, a warning ("Don't take ...", "Taking sleeping tablets every
    night raises your risk of falls"), a description ("Treatment may include ...") or a
    use that is no medicine ("take your child to the clinic") is no advice.
    ``referent_near``: a medicine is named in the sentence before (or the question), so
    "Take it with food" is about it."""
    plain = _plain_quotes(text).strip()
    if not plain or plain.endswith("?"):
        return None
    found = advice.advice.search(plain)
    if found is None:
        return None
    if advice.warning.search(plain) or advice.not_medicine_use.search(plain):
        return None
    if not _FINAL.search(plain) and len(_WORD.findall(plain)) <= 8:
        return None  # a list item or heading ("Take certain medicines"), not a sentence
    verb_end = found.end()
    reach = plain[verb_end : verb_end + _ADVICE_REACH]
    stop = _CLAUSE_END.search(reach)
    if stop is not None:
        reach = reach[: stop.start()]
    objects = [
        plain[m.start : m.end]
        for m in lex.mentions(plain, count_generic=count_generic)
        if verb_end <= m.start < verb_end + len(reach)
    ]
    objects += [plain[a:b] for a, b in lex.amounts(plain) if verb_end <= a < verb_end + len(reach)]
    if referent_near:  # "take it", "give them to": the verb's own object
        objects += [m.group() for m in advice.pronouns.finditer(reach[:14])]
    objects = [o for o in objects if not advice.not_advised.search(o)]
    if not objects or advice.not_advised.search(reach):
        return None
    return found.start(), verb_end
