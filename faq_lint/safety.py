"""Keep whatever authors save from breaking the run or the report.

Lone UTF-16 surrogates cannot be written as UTF-8, so one of them in a report
(from a JSON ``"\\ud800"`` escape, a YAML ``"\\udce9"``, or a file name that is not
valid UTF-8) would make the JSON, SARIF and cache writers fail. They are replaced
with U+FFFD, one character for one, so answer offsets and columns stay right.
"""

from __future__ import annotations

import re
from typing import IO, Any

from pydantic import BaseModel

from faq_lint.models import ParseProblem

INTERNAL_ERROR = "faq-lint itself failed on this file"
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length)."""
    return _SURROGATE.sub("\ufffd", text)


def display_path(path: str) -> str:
    """A path as it can be shown and written as UTF-8.

    A file name that is not valid UTF-8 reaches Python as surrogate escapes; its bad
    bytes are shown as U+FFFD.
    """
    if not _SURROGATE.search(path):
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return clean_text(path)


def may_hold_surrogates(source: str) -> bool:
    """Whether decoded file text could yield lone surrogates once parsed.

    Decoding never makes them; only ``\\u``/``\\U`` escapes in JSON and YAML strings do.
    """
    return "\\u" in source or "\\U" in source


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_scrub(item) for item in value)
    if isinstance(value, dict):
        return {_scrub(key): _scrub(item) for key, item in value.items()}
    if isinstance(value, BaseModel):
        scrub_model(value)
    return value


def scrub_model(model: BaseModel) -> None:
    """Replace lone surrogates in every string of ``model``, in place."""
    fields = model.__dict__
    for name, value in list(fields.items()):
        cleaned = _scrub(value)
        if cleaned is not value:
            fields[name] = cleaned


def internal_error(exc: BaseException | str) -> ParseProblem:
    """The problem for a file that made faq-lint itself fail: skip the file, go on.

    ``exc`` is the exception, or its text as ``"Type: message"`` (from a worker process).
    """
    what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return ParseProblem(
        kind="malformed",
        message=(
            f"{INTERNAL_ERROR} ({clean_text(what)[:200]}); "
            "the file was skipped - please report this to the faq-lint maintainers"
        ),
    )


def load_yaml(source: str | IO[str]) -> Any:
    """Parse YAML as plain data only: a safe loader, never tags that build objects.

    Uses libyaml's C parser when PyYAML has it (about ten times faster on the rule
    packs and word lists read at start-up); the constructors are the same safe ones.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source, Loader=loader)  # noqa: S506 - CSafeLoader/SafeLoader only


def read_yaml_file(path: str) -> Any:
    """The YAML data of the file at ``path``: parsed once, then taken from the start-up
    data cache (:mod:`faq_lint.datacache`) while the file is unchanged. Raises what
    reading and parsing it raise."""
    from faq_lint.datacache import cached

    def parse() -> Any:
        with open(path, encoding="utf-8") as handle:
            return load_yaml(handle.read())

    return cached("yaml-file", [path], parse)


def yaml_error() -> type[Exception]:
    """PyYAML's ``YAMLError``, for ``except (..., yaml_error())``.

    PyYAML is imported only when YAML is parsed (about 10 ms of a one-page run, whose
    rule packs and word lists come from the data cache); an ``except`` clause's classes
    are only looked up when an exception reaches it.
    """
    import yaml

    return yaml.YAMLError
