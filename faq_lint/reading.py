"""Read a file's bytes and decode them to text, reporting what went wrong as data."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from faq_lint.models import ParseProblem

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # the whole MedQuAD corpus (33.5 MB) fits


@dataclass
class SourceText:
    """A decoded file: its text (LF line ends, no BOM) and any problems met on the way."""

    text: str
    encoding: str = "utf-8"
    problems: list[ParseProblem] = field(default_factory=list)
    raw: bytes = b""


class ParseError(Exception):
    """A file that cannot be parsed; carries the parser's own line and column."""

    def __init__(
        self, message: str, line: int = 1, column: int = 1, kind: str = "malformed"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)
        self.kind = kind


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode ``path``.

    Raises :class:`ParseError` for files that cannot be linted at all (missing,
    unreadable, binary, too large, empty). Text in another encoding than UTF-8 is
    decoded with a cp1252 fallback and reported as an ``encoding`` problem.
    """
    return decode_bytes(read_bytes(path, max_bytes))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, never more than ``max_bytes`` of them.

    Raises :class:`ParseError` when the file is missing, unreadable, not an ordinary
    file (a FIFO would block the run, a device never end) or over ``max_bytes``.
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the open file
        # then tells what it really is, with no gap for it to be swapped in between.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if os.path.isdir(path):
            raise _unreadable_folder(exc) from exc
        raise ParseError(f"cannot read file: {exc.strerror or exc}", kind="unreadable") from exc
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):  # a folder discovery could not list
            try:
                os.scandir(path).close()
            except OSError as exc:
                raise _unreadable_folder(exc) from exc
            raise ParseError("this is a folder, not a file", kind="unreadable")
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(
                "this is not an ordinary file (it is a pipe, socket or device), so it was not read",
                kind="unreadable",
            )
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}", kind="unreadable") from exc
    finally:
        if descriptor != -1:
            os.close(descriptor)
    if len(data) > max_bytes:  # the file grew after it was measured
        raise _too_large(len(data), max_bytes)
    return data


def _unreadable_folder(exc: OSError) -> ParseError:
    return ParseError(
        f"cannot read this folder ({exc.strerror or exc}), so no file in it was linted; "
        "check the folder's permissions",
        kind="unreadable",
    )


def _too_large(size: int, max_bytes: int) -> ParseError:
    return ParseError(
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max-file-size); not read",
        kind="too-large",
    )


def _utf16_codec(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` reads as UTF-16, else None.

    A byte-order mark says so; without one, text that is mostly Latin script has a NUL
    in every other byte (the high byte of each character) and hardly any elsewhere.
    """
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        codec, low = "utf-16-le", sample[0 : pairs * 2 : 2]
    elif even >= 0.6 * pairs and odd <= 0.02 * pairs:
        codec, low = "utf-16-be", sample[1 : pairs * 2 : 2]
    else:
        return None
    # and the low bytes are mostly printable text, not numbers in a binary file
    printable = sum(1 for byte in low if 32 <= byte < 127 or byte in (9, 10, 13) or byte >= 160)
    return codec if printable >= 0.9 * len(low) else None


def _from_utf16(data: bytes, codec: str) -> bytes:
    """UTF-16 ``data`` as UTF-8 bytes (so later steps see ordinary text), or a
    :class:`ParseError` saying it is UTF-16 that does not decode."""
    body = data[2:] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        raise ParseError(
            f"file is UTF-16 ({codec[-2:].upper()}) but does not decode as UTF-16 at byte "
            f"{offset:,} (it is damaged or not text); save it again as UTF-8",
            kind="unreadable",
        ) from exc
    return text.encode("utf-8", "surrogatepass")


def decode_bytes(data: bytes) -> SourceText:
    """Decode file bytes to text with LF line ends; see :func:`read_source`."""
    problems: list[ParseProblem] = []
    if not data.strip():
        raise ParseError("file is empty: there is nothing to lint", kind="shape")
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        data = _from_utf16(data, utf16)
        problems.append(
            ParseProblem(
                kind="encoding",
                message="file is UTF-16, not UTF-8; read it as UTF-16 - save it as UTF-8",
            )
        )
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _line_of_offset(data, nul)
        raise ParseError(
            "file looks binary (it contains NUL bytes), not text", line, column, kind="unreadable"
        )
    encoding = "utf-8"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_of_offset(data, exc.start)
        encoding = "cp1252"
        text = data.decode("cp1252", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        problems.append(
            ParseProblem(
                kind="encoding",
                message=(
                    f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                    "read it as cp1252 - save it as UTF-8"
                ),
                line=line,
                column=column,
            )
        )
    if not text.strip():  # only a byte-order mark, or only white space once decoded
        raise ParseError("file is empty: there is nothing to lint", kind="shape")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text=text, encoding=encoding, problems=problems, raw=data)
