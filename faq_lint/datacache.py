"""Start-up data cache: word lists and indexes built once, then loaded in milliseconds.

Several rules need data derived from text files: the spelling vocabulary (pyspellchecker's
English word frequencies plus the pack's medical word lists), drug-name stems, the parsed
rule packs. Building them takes a few hundred milliseconds, which dominates linting one
page from a pre-commit hook. :func:`cached` keeps the built value in a small file and
rebuilds it only when one of its source files changes, the way Python keeps bytecode in
``__pycache__``:

- the file name is the value's name, a hash of the extra key the caller gives and the
  source paths, and a hash of the faq-lint and Python versions and of the size and
  modification time of every source file; when a source changes, the new file replaces
  the old one;
- values are plain data (str, int, float, bool, None, and lists, tuples, sets, frozensets and
  dicts of them) written with :mod:`marshal`, behind a CRC-32 checksum of the payload
  (SHA-256 took longer than unpacking the data); a file that does not match its
  checksum is ignored and rebuilt;
- files are written to a temporary name and renamed, so a half-written file is never read;
- any error reading or writing the cache is silent: the value is built as if there were
  no cache.

The folder is ``$FAQ_LINT_DATA_CACHE`` when set, otherwise ``$XDG_CACHE_HOME/faq-lint`` or
``~/.cache/faq-lint``. ``FAQ_LINT_DATA_CACHE=off`` turns the cache off. It never holds
anything from the files being linted (that is the result cache, ``--no-cache``); only
data derived from faq-lint's own rule packs and dependencies.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from faq_lint import __version__

T = TypeVar("T")

_DIGEST_SIZE = 4  # a CRC-32, big-endian
_FORMAT = b"faq-lint-data-2\n"


def cache_folder() -> str | None:
    """Where built data is kept, or ``None`` when the cache is off."""
    configured = os.environ.get("FAQ_LINT_DATA_CACHE")
    if configured:
        return None if configured.lower() in ("off", "0", "false", "no") else configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "faq-lint", "data")


def _fingerprint(name: str, sources: list[str], extra: str) -> tuple[str, str]:
    """What the value is (its name, extra key and source paths) and which state of it
    (the faq-lint and Python versions and each source's size and modification time)."""
    identity = hashlib.sha256(f"{name}\0{extra}".encode("utf-8", "surrogateescape"))
    state = hashlib.sha256(f"{__version__}\0{sys.version_info[:2]}".encode())
    for source in sources:
        identity.update(b"\0" + os.path.abspath(source).encode("utf-8", "surrogateescape"))
        try:
            status = os.stat(source)
            state.update(f"\0{status.st_size}\0{status.st_mtime_ns}".encode())
        except OSError:
            state.update(b"\0missing")
    return identity.hexdigest()[:16], state.hexdigest()[:16]


def _read(path: str) -> Any:
    with open(path, "rb") as handle:
        blob = handle.read()
    header = len(_FORMAT)
    if not blob.startswith(_FORMAT) or len(blob) < header + _DIGEST_SIZE:
        raise ValueError("not a faq-lint data cache file")
    digest = blob[header : header + _DIGEST_SIZE]
    payload = memoryview(blob)[header + _DIGEST_SIZE :]  # no copy of a megabyte payload
    if _checksum(payload) != digest:
        raise ValueError("checksum mismatch")
    return marshal.loads(payload)


def _checksum(payload: bytes | memoryview) -> bytes:
    return zlib.crc32(payload).to_bytes(_DIGEST_SIZE, "big")


def _write(folder: str, path: str, value: Any) -> None:
    payload = marshal.dumps(value)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as sink:
            sink.write(_FORMAT + _checksum(payload) + payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def cached(name: str, sources: Iterable[str], build: Callable[[], T], extra: str = "") -> T:
    """``build()``, or its value from the cache when no source file changed since.

    ``sources``: every file the value is derived from. ``extra``: anything else it depends
    on (a library version, an option). The value must be plain marshal-able data.
    """
    folder = cache_folder()
    if folder is None:
        return build()
    identity, state = _fingerprint(name, list(sources), extra)
    prefix = f"{name}-{identity}-"
    path = os.path.join(folder, f"{prefix}{state}.bin")
    try:
        return _read(path)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        _write(folder, path, value)
        _remove_older(folder, prefix, path)
    except (OSError, ValueError):
        pass  # read-only home, full disk, a value marshal cannot write: just don't cache
    return value


def _remove_older(folder: str, prefix: str, keep: str) -> None:
    """Delete this value's files built from earlier states of its sources."""
    for entry in os.scandir(folder):
        if entry.name.startswith(prefix) and entry.path != keep:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
