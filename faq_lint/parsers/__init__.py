"""One parser per input format, all producing :class:`faq_lint.models.Document` records.

:func:`parse_file` is the single entry point: it reads the file, picks the parser by
extension and turns every failure into a :class:`~faq_lint.models.ParseProblem` on
the document, so one broken file never stops the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import import_module

from faq_lint.models import Document, Format, ParseProblem
from faq_lint.reading import DEFAULT_MAX_BYTES, ParseError, read_source
from faq_lint.safety import display_path, internal_error, may_hold_surrogates, scrub_model

# extension -> (format, "module:function"); modules load only when a file needs them.
PARSERS: dict[str, tuple[Format, str]] = {
    ".txt": ("text", "faq_lint.parsers.text:parse_text"),
    ".md": ("markdown", "faq_lint.parsers.markdown:parse_markdown"),
    ".markdown": ("markdown", "faq_lint.parsers.markdown:parse_markdown"),
    ".yaml": ("yaml", "faq_lint.parsers.yaml_format:parse_yaml"),
    ".yml": ("yaml", "faq_lint.parsers.yaml_format:parse_yaml"),
    ".json": ("json", "faq_lint.parsers.json_format:parse_json"),
    ".jsonld": ("jsonld", "faq_lint.parsers.json_format:parse_json"),
    ".jsonl": ("jsonl", "faq_lint.parsers.jsonl:parse_jsonl"),
    ".csv": ("csv", "faq_lint.parsers.csv_format:parse_csv"),
}
SUPPORTED_EXTENSIONS = tuple(PARSERS)

ParseFunction = Callable[[str, str], Document]


def format_of(path: str) -> Format | None:
    """The input format of ``path`` by its extension, or None if unsupported."""
    spec = PARSERS.get(os.path.splitext(path)[1].lower())
    return spec[0] if spec else None


def _parser(target: str) -> ParseFunction:
    module_name, function_name = target.split(":")
    function: ParseFunction = getattr(import_module(module_name), function_name)
    return function


def parse_text_as(text: str, path: str, fmt: Format | None = None) -> Document:
    """Parse already-decoded ``text`` as if it came from ``path``."""
    ext = os.path.splitext(path)[1].lower()
    spec = PARSERS.get(ext)
    if fmt is not None:
        spec = next((s for s in PARSERS.values() if s[0] == fmt), spec)
    if spec is None:
        spec = PARSERS[".txt"]
    document = _parser(spec[1])(text, path)
    return document


def parse_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one file; problems become :class:`ParseProblem` records."""
    fmt = format_of(path) or "text"
    shown = display_path(path)  # a file name that is not UTF-8 still gets a report line
    try:
        source = read_source(path, max_bytes=max_bytes)
        document = parse_text_as(source.text, shown, fmt)
    except ParseError as exc:
        return Document(
            path=shown,
            format=fmt,
            problems=[
                ParseProblem(
                    kind=exc.kind,  # type: ignore[arg-type]
                    message=exc.message,
                    line=exc.line,
                    column=exc.column,
                )
            ],
        )
    except RecursionError:
        return Document(
            path=shown,
            format=fmt,
            problems=[ParseProblem(kind="malformed", message="file is nested too deeply to read")],
        )
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the whole run
        return Document(path=shown, format=fmt, problems=[internal_error(exc)])
    if may_hold_surrogates(source.text):
        scrub_model(document)  # JSON/YAML "\ud800" escapes: unwritable as UTF-8
    document.problems[:0] = source.problems
    document.encoding = source.encoding
    return document
