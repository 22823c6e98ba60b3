"""Kind ``spelling``: misspelled words, dropped apostrophes, run-together words, US/UK spelling.

One analysis (:func:`faq_lint.text.spelling.find_issues`) serves the four spelling
rules; each rule reports the problems named in its ``problems`` option
(``misspelling``, ``apostrophe``, ``run-on``, ``variant``). The word lists load on the
first answer checked, once per run, and are shared by the rules.

Options: ``problems``; ``dictionaries`` (word files relative to the rule pack: the
medical vocabulary), ``drug-names`` (drug-name files, also used for near-miss
suggestions), ``eponyms``, ``variants`` (US/UK pairs), ``word-parts`` (medical word
parts); ``extra-words`` (this project's words); ``report-unknown`` (report words in
no list that have no suggestion);
``repeated-word-is-term`` (a word the page uses this many times is not reported as a
misspelling: a deliberate term; 0 turns this off);
``check-questions``. The project's own word lists come from ``words`` in the
configuration, and the US/UK choice from ``locale``.

The text before the first question (an intro, a source line: ``Document.intro``) is
page content and is checked like an answer, with the first entry; its findings belong
to no entry. A US/UK variant (FAQ204) is reported once per page, at its first use, with
how many times the page uses it.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from faq_lint.checks.base import Hit, Rule, hit_in_answer
from faq_lint.models import Document, Entry, Position
from faq_lint.text.spelling import (
    Issue,
    Lexicon,
    PageWords,
    find_issues,
    page_words,
    project_word_files,
)

_LEXICONS: dict[tuple[Any, ...], Lexicon] = {}
_ANALYSES: OrderedDict[tuple[Any, ...], list[Issue]] = OrderedDict()
_PAGES: OrderedDict[tuple[str, int], tuple[Document, PageWords]] = OrderedDict()
_MEMO_SIZE = 64
_LAST_PAGE: list[Any] = [None, None]  # the document page_of was asked about last, its words


def _stamp(paths: list[str]) -> tuple[tuple[str, float], ...]:
    stamped = []
    for path in paths:
        try:
            stamped.append((path, os.path.getmtime(path)))
        except OSError:
            stamped.append((path, -1.0))
    return tuple(stamped)


def _paths(rule: Rule, option: str, default: Any) -> list[str]:
    value = rule.option(option, default)
    items = [value] if isinstance(value, str) else list(value or [])
    return [rule.spec.resolve_path(str(item)) for item in items]


def lexicon_for(rule: Rule) -> Lexicon:
    """The lexicon this rule's options and the project describe (shared across rules)."""
    dictionaries = _paths(rule, "dictionaries", ["words/medical.txt", "words/common.txt"])
    drugs = _paths(rule, "drug-names", ["words/drug-words.txt"])
    eponyms = _paths(rule, "eponyms", "words/eponyms.txt")
    variants = _paths(rule, "variants", "words/us-uk.txt")
    parts = _paths(rule, "word-parts", "words/word-parts.txt")
    accepted = _paths(rule, "accept-only", [])
    project_files = project_word_files(rule.project)
    locale = str(getattr(rule.project, "locale", "en-US") or "en-US")
    extra = tuple(sorted(str(w) for w in rule.option("extra-words") or []))
    report_unknown = bool(rule.option("report-unknown", False))
    key = (
        _stamp(dictionaries + drugs + eponyms + variants + parts + accepted + project_files),
        locale,
        extra,
        report_unknown,
    )
    if key not in _LEXICONS:
        _LEXICONS.clear()  # one configuration per run; do not keep old word lists alive
        _LEXICONS[key] = Lexicon.build(
            word_files=dictionaries + project_files,
            drug_files=drugs,
            eponym_file=eponyms[0] if eponyms else None,
            variant_file=variants[0] if variants else None,
            part_file=parts[0] if parts else None,
            extra_words=extra,
            locale=locale,
            report_unknown=report_unknown,
            accept_files=accepted,
        )
    return _LEXICONS[key]


def _remember(memo: OrderedDict[Any, Any], key: Any, value: Any) -> Any:
    memo[key] = value
    if len(memo) > _MEMO_SIZE:
        memo.popitem(last=False)
    return value


def page_of(document: Document, lexicon: Lexicon | None = None) -> PageWords:
    """The page's words (with ``lexicon``: also which texts need checking; a page is
    read with the first lexicon asked for, other lexicons check its texts in full)."""
    if _LAST_PAGE[0] is document:
        last: PageWords = _LAST_PAGE[1]
        return last
    key = (document.path, id(document))
    if key in _PAGES and _PAGES[key][0] is document:
        _LAST_PAGE[:] = _PAGES[key]
        return _PAGES[key][1]
    texts = [document.title or ""]
    texts += [stray.text for stray in document.intro()]  # the text before the questions
    for entry in document.entries:
        texts += [entry.question, entry.answer]
    page = page_words(texts, lexicon)
    _remember(_PAGES, key, (document, page))
    _LAST_PAGE[:] = [document, page]
    return page


def issues_in(text: str, lexicon: Lexicon, document: Document) -> list[Issue]:
    key = (text, id(lexicon), document.path, id(document))
    if key in _ANALYSES:
        return _ANALYSES[key]
    page = page_of(document, lexicon)
    found = find_issues(text, lexicon, page.names, page)
    _remember(_ANALYSES, key, found)
    return found


def _wanted(issue: Issue, kinds: set[str], document: Document, repeated: int) -> bool:
    if issue.kind not in kinds:
        return False
    if issue.kind in ("misspelling", "run-on") and repeated > 0 and "." not in issue.word:
        # a word the page uses again and again is a deliberate term ("cubilin", "wolframin")
        word = issue.word.lower().replace("’", "'")
        uses = page_of(document).counts.get(word[:-2] if word.endswith("'s") else word, 0)
        return uses < repeated
    return True


def _args(issue: Issue, rule: Rule) -> dict[str, Any]:
    suggestions = list(issue.suggestions)
    if issue.kind == "misspelling":
        hint = (
            " Did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?"
            if suggestions
            else ""
        )
    else:
        hint = ""
    locale = str(getattr(rule.project, "locale", "en-US") or "en-US")
    return {
        "word": issue.word,
        "fix": suggestions[0] if suggestions else "",
        "hint": hint,
        "variety": issue.detail or "",
        "locale": locale,
        "why": "there is no space after the full stop"
        if issue.detail == "full stop"
        else "words are run together",
        "times": "",
    }


# Where a text sits on the page: (entry index, 0 question / 1 answer, offset); the
# intro's texts come first, with negative indexes.
Place = tuple[int, int, int]
_VARIANTS: OrderedDict[tuple[Any, ...], tuple[dict[int, int], dict[str, tuple[int, Place]]]] = (
    OrderedDict()
)


def _variant_uses(
    document: Document, lexicon: Lexicon, questions: bool
) -> tuple[dict[int, int], dict[str, tuple[int, Place]]]:
    """Each entry's index (by ``id``), and each US/UK variant on the page (lowercased):
    how often the page uses it and where first. FAQ204 reports a word once per page."""
    key = (document.path, id(document), id(lexicon), questions)
    if key in _VARIANTS:
        return _VARIANTS[key]
    found: dict[str, tuple[int, Place]] = {}
    intro = document.intro_entries()
    texts = [(index - len(intro), 1, entry.answer) for index, entry in enumerate(intro)]
    for index, entry in enumerate(document.entries):
        if questions:
            texts.append((index, 0, entry.question))
        texts.append((index, 1, entry.answer))
    for index, part, text in texts:
        if not text:
            continue
        for issue in issues_in(text, lexicon, document):
            if issue.kind == "variant":
                word = issue.word.lower()
                uses, first = found.get(word, (0, (index, part, issue.start)))
                found[word] = (uses + 1, first)
    positions = {id(entry): index for index, entry in enumerate(document.entries)}
    return _remember(_VARIANTS, key, (positions, found))


def _variant_args(
    issue: Issue, args: dict[str, Any], where: tuple[int, int], document: Document, rule: Rule
) -> dict[str, Any] | None:
    """``args`` with how often the page uses the variant when ``issue`` (at entry index,
    part ``where``) is its first use; None for a later use (already reported)."""
    if issue.kind != "variant":
        return args
    lexicon = rule.state("lexicon", lambda: lexicon_for(rule))
    _, found = _variant_uses(document, lexicon, _options(rule)[2])
    place: Place = (*where, issue.start)
    uses, first = found.get(issue.word.lower(), (1, place))
    if first != place:
        return None
    if uses > 1:
        args["times"] = f" (used {uses} times on this page: change every one)"
    return args


def _entry_index(entry: Entry, document: Document, rule: Rule) -> int:
    lexicon = rule.state("lexicon", lambda: lexicon_for(rule))
    positions, _ = _variant_uses(document, lexicon, _options(rule)[2])
    return positions.get(id(entry), -1)


def _options(rule: Rule) -> tuple[set[str], int, bool]:
    return (
        set(rule.option("problems", ["misspelling"]) or []),
        int(rule.option("repeated-word-is-term", 3) or 0),
        bool(rule.option("check-questions", True)),
    )


def check_entry(entry: Entry, document: Document, rule: Rule) -> Iterator[Hit]:
    if not entry.answer and not entry.question:
        return
    wanted, repeated, questions = rule.state("options", lambda: _options(rule))
    lexicon = rule.state("lexicon", lambda: lexicon_for(rule))
    page = page_of(document, lexicon)
    # (page_words has found the texts with something to check: most have nothing)
    sorted_out = page.masked if page.lexicon is lexicon else {}
    unclean = page.unclean
    index = -1  # the entry's place on the page, found when a variant needs it
    if questions and (entry.question not in sorted_out or entry.question in unclean):
        for issue in issues_in(entry.question, lexicon, document):
            if _wanted(issue, wanted, document, repeated):
                if issue.kind == "variant" and index < 0:
                    index = _entry_index(entry, document, rule)
                args = _variant_args(issue, _args(issue, rule), (index, 0), document, rule)
                if args is None:
                    continue  # a variant reported at its first use on the page
                start = entry.question_position
                yield Hit(
                    args=args,
                    start=Position(line=start.line, column=start.column + issue.start),
                    end=Position(line=start.line, column=start.column + issue.end),
                    entry=entry,
                    suggestions=list(issue.suggestions),
                    matched=issue.word,
                )
    if document.entries and entry is document.entries[0]:
        yield from _intro_hits(document, lexicon, rule, wanted, repeated)
    if entry.answer in sorted_out and entry.answer not in unclean:
        return
    for issue in issues_in(entry.answer, lexicon, document):
        if _wanted(issue, wanted, document, repeated):
            if issue.kind == "variant" and index < 0:
                index = _entry_index(entry, document, rule)
            args = _variant_args(issue, _args(issue, rule), (index, 1), document, rule)
            if args is None:
                continue
            yield hit_in_answer(
                entry,
                issue.start,
                issue.end,
                args=args,
                suggestions=list(issue.suggestions),
                matched=issue.word,
            )


def _intro_hits(
    document: Document, lexicon: Lexicon, rule: Rule, wanted: set[str], repeated: int
) -> Iterator[Hit]:
    """The text before the first question (an intro, a source line) is page content:
    checked with the first entry, reported with no entry."""
    intros = document.intro_entries()
    for number, intro in enumerate(intros):
        for issue in issues_in(intro.answer, lexicon, document):
            if not _wanted(issue, wanted, document, repeated):
                continue
            where = (number - len(intros), 1)
            args = _variant_args(issue, _args(issue, rule), where, document, rule)
            if args is None:
                continue
            hit = hit_in_answer(
                intro,
                issue.start,
                issue.end,
                args=args,
                suggestions=list(issue.suggestions),
                matched=issue.word,
            )
            hit.entry = None
            hit.document = document
            yield hit
