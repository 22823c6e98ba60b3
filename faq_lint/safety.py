"""Keep whatever authors save from breaking the run or the report.

Lone UTF-16 surrogates cannot be written as UTF-8, so one of them in a report
(from a JSON ``"\\ud800"`` escape, a YAML ``"\\udce9"``, or a file name that is not
valid UTF-8) would make the JSON, SARIF and cache writers fail. They are replaced
with U+FFFD, one character for one, so answer offsets and columns stay right.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
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


class OutputError(Exception):
    """A report or baseline that must not or cannot be written (exit status 2).

    The message names the path as the user gave it, never a temporary file.
    """


# Paths that name a descriptor this process already has open (``-o /dev/stdout``, a
# shell's ``>(...)``): written to that descriptor, as the shell opened it (append mode
# and offset kept), never reopened or replaced.
_DESCRIPTOR_PATH = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STANDARD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor_of(path: str) -> int | None:
    if path in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[path]
    match = _DESCRIPTOR_PATH.match(path)
    return int(match.group(1)) if match else None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def refuse_input(output: str, inputs: Iterable[tuple[str, str]], option: str = "--output") -> None:
    """Raise :class:`OutputError` when ``output`` is one of the files the run reads.

    ``inputs`` holds (path, what it is) pairs. A file counts as the same when it is
    the same file on disk (a symbolic or hard link to it included) or, if it does not
    exist yet, has the same real path.
    """
    wanted_identity = _identity(output)
    wanted_real = os.path.realpath(output)
    for path, what in inputs:
        same = (
            wanted_identity is not None and _identity(path) == wanted_identity
        ) or os.path.realpath(path) == wanted_real
        if same:
            also = "" if path == output else f" ({display_path(path)})"
            raise OutputError(
                f"{display_path(output)}: {option} names {what} that this run reads{also}; "
                "writing there would destroy it - choose another file"
            )


def write_text_file(text: str, output: str) -> None:
    """Write ``text`` (UTF-8) to the file the user named ``output``, never destroying anything.

    - a regular file, or a new one: written to a temporary file in the real folder
      of the target, then renamed over it (never half-written); an existing file keeps
      its permissions;
    - a symbolic link: the file it points to is written, the link stays;
    - a pipe, a terminal or a character device (``/dev/null``, ``/dev/stdout``): written
      to as a stream, never renamed over;
    - a folder, a disk device, a socket: refused.

    Raises :class:`OutputError`, whose message names ``output`` as given.
    """
    shown = display_path(output)
    data = text.encode("utf-8")
    descriptor = _descriptor_of(output)
    if descriptor is not None:
        _write_descriptor(data, descriptor, shown)
        return
    try:
        info: os.stat_result | None = os.stat(output)  # follows links to the target
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the report: {exc.strerror or exc}") from exc
    if info is None or stat.S_ISREG(info.st_mode):
        _replace_file(data, output, shown, info)
    elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        _write_stream(data, output, shown)
    elif stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{shown}: is a folder; name a file to write the report to")
    else:
        raise OutputError(
            f"{shown}: is not an ordinary file (a disk device or a socket); "
            "it was not written - name a file to write the report to"
        )


def _write_stream(data: bytes, output: str, shown: str) -> None:
    """Write to a pipe or device as it is: no create, no truncate, no rename."""
    try:
        descriptor = os.open(output, os.O_WRONLY)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the report: {exc.strerror or exc}") from exc
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            # Became a regular file since it was looked at: replace it safely instead.
            os.close(descriptor)
            descriptor = -1
            _replace_file(data, output, shown, os.stat(output))
            return
        _write_descriptor(data, descriptor, shown)
    finally:
        if descriptor != -1:
            os.close(descriptor)


def _write_descriptor(data: bytes, descriptor: int, shown: str) -> None:
    if descriptor in (1, 2):
        stream = sys.stdout if descriptor == 1 else sys.stderr
        stream.flush()  # what was printed before stays before the report
    try:
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            view = view[written:]
    except BrokenPipeError:
        raise  # the reader went away (``| head``): not an error of the run
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the report: {exc.strerror or exc}") from exc


def _replace_file(data: bytes, output: str, shown: str, info: os.stat_result | None) -> None:
    """Atomic replace of the regular file at the real path of ``output`` (or a new one)."""
    target = os.path.realpath(output)  # through symbolic links: the link itself stays
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        where = os.path.dirname(output) or "."
        raise OutputError(
            f"{shown}: cannot write the report: the folder {display_path(where)} does not exist"
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".faq-lint-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the report: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if info is not None:
            mode = stat.S_IMODE(info.st_mode)  # an existing file keeps its permissions
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes 0600; give the usual file mode
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise OutputError(f"{shown}: cannot write the report: {exc.strerror or exc}") from exc
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
