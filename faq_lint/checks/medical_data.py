"""Data files of the medical-safety rules (FAQ3xx, FAQ4xx), loaded once per run.

Not a check kind itself: the citation, reference and disclaimer checks share it.
A rule option naming a file is read relative to the project (the configuration's
folder) when the file is there, else relative to the rule pack. A missing or
broken data file stops the run with a clear message (exit status 2), never a
traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from faq_lint.checks.base import Rule
from faq_lint.models import Document
from faq_lint.rulepack import RulePackError
from faq_lint.safety import load_yaml, read_yaml_file, yaml_error
from faq_lint.text.citations import STYLES, CitationFinder, load_finder
from faq_lint.text.medication import Lexicon, load_lexicon

MEDICINES = "medical/medicines.txt"
TERMS = "medical/medication-terms.yaml"
PATTERNS = "medical/claim-patterns.yaml"
SOURCES = "medical/citation-sources.yaml"
PHRASES = "medical/disclaimer-phrases.yaml"

T = TypeVar("T")


def data_path(rule: Rule, option: str, default: str) -> str:
    """The file an option names: in the project if it exists there, else in the pack."""
    value = str(rule.option(option, default) or default)
    if os.path.isabs(value):
        return value
    root = getattr(rule.project, "root", None)
    if root and value != default:
        candidate = os.path.join(str(root), value)
        if os.path.exists(candidate):
            return candidate
    return rule.spec.resolve_path(value)


def _fail(rule: Rule, option: str, path: str, exc: Exception) -> RulePackError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return RulePackError(
        f"{path}: cannot load the data file of rule {rule.code} (option '{option}'): {reason}"
    )


def load_data_file(rule: Rule, key: str, option: str, default: str, load: Callable[[str], T]) -> T:
    """``load`` applied to the file ``option`` names, kept in the rule's state under
    ``key``; a file that cannot be read or used stops the run with one line naming it
    (a :class:`RulePackError`)."""

    def build() -> T:
        path = data_path(rule, option, default)
        try:
            return load(path)
        except (OSError, ValueError, yaml_error(), re.error, TypeError) as exc:
            raise _fail(rule, option, path, exc) from exc

    result: T = rule.state(key, build)
    return result


def pattern_file_error(rule: Rule, option: str, default: str, exc: Exception) -> RulePackError:
    """The one-line error for a data file's pattern that cannot be used (it names the
    file and the pattern): patterns users may write run on the safe path
    (:func:`faq_lint.text.safe_regex.compile_user`)."""
    return _fail(rule, option, data_path(rule, option, default), exc)


def lexicon(rule: Rule) -> Lexicon:
    """Medicine names, terms and claim patterns named by the rule's options."""

    def build() -> Lexicon:
        from faq_lint.text.safe_regex import PatternError

        paths = {
            "medicines-file": data_path(rule, "medicines-file", MEDICINES),
            "terms-file": data_path(rule, "terms-file", TERMS),
            "patterns-file": data_path(rule, "patterns-file", PATTERNS),
        }
        try:
            return load_lexicon(
                paths["medicines-file"], paths["terms-file"], paths["patterns-file"]
            )
        except PatternError as exc:  # a dose or referral pattern of the patterns file
            raise _fail(rule, "patterns-file", paths["patterns-file"], exc) from exc
        except (OSError, ValueError, yaml_error(), re.error, TypeError, KeyError) as exc:
            option, path = _culprit(paths, exc)
            raise _fail(rule, option, path, exc) from exc

    result: Lexicon = rule.state("lexicon", build)
    return result


def _culprit(paths: dict[str, str], exc: Exception) -> tuple[str, str]:
    """Which of the data files made loading fail."""
    name = getattr(exc, "filename", None)
    for option, path in paths.items():
        if name and os.path.abspath(str(name)) == os.path.abspath(path):
            return option, path
        if not os.path.exists(path):
            return option, path
    for option, path in paths.items():
        if path.endswith((".yaml", ".yml")):
            try:
                load_yaml(Path(path).read_text(encoding="utf-8"))
            except (OSError, yaml_error(), UnicodeDecodeError):
                return option, path
    option = next(iter(paths))
    return option, paths[option]


def citation_finder(rule: Rule) -> CitationFinder:
    """Citation styles and organisations named by the rule's options."""

    def build() -> CitationFinder:
        styles = rule.option("citation-styles", list(STYLES)) or []
        unknown = [s for s in styles if s not in STYLES]
        if unknown:
            raise RulePackError(
                f"rule {rule.code}: unknown citation style(s) {', '.join(map(str, unknown))}; "
                f"known styles: {', '.join(STYLES)}"
            )
        path = data_path(rule, "sources-file", SOURCES)
        extra = [str(o) for o in rule.option("extra-organisations", []) or []]
        try:
            if not os.path.exists(path):
                raise FileNotFoundError(2, "file does not exist", path)
            return load_finder(styles, path, extra)
        except (OSError, ValueError, yaml_error(), re.error) as exc:
            raise _fail(rule, "sources-file", path, exc) from exc

    result: CitationFinder = rule.state("citations", build)
    return result


def load_yaml_file(rule: Rule, option: str, default: str) -> dict[str, Any]:
    """A YAML data file named by an option, as a mapping."""

    def build() -> dict[str, Any]:
        path = data_path(rule, option, default)
        try:
            data = read_yaml_file(path)
        except (OSError, yaml_error()) as exc:
            raise _fail(rule, option, path, exc) from exc
        if not isinstance(data, dict):
            raise _fail(rule, option, path, ValueError("expected a mapping at the top level"))
        return data

    result: dict[str, Any] = rule.state(f"yaml:{option}", build)
    return result


def document_texts(document: Document) -> Iterable[str]:
    """Every piece of prose on a page outside the answers: disclaimer, stray text, metadata."""
    if document.disclaimer:
        yield document.disclaimer
    for stray in document.stray_text:
        yield stray.text
    yield from _strings(document.metadata)


def _strings(value: Any, depth: int = 0) -> Iterable[str]:
    if depth > 4:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, depth + 1)
