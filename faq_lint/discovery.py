"""Find the files to lint: walk folders for supported formats, honour excludes."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable

from faq_lint.parsers import SUPPORTED_EXTENSIONS


class UsageError(Exception):
    """The run cannot be done: a missing path, a bad option (exit status 2)."""


def _excluded(path: str, patterns: Iterable[str]) -> bool:
    normalized = path.replace(os.sep, "/")
    parts = normalized.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(normalized, f"*/{pattern}"):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Every supported file under ``paths``, in a stable order, without repeats.

    A file named explicitly is linted whatever its extension; folders are walked
    for supported extensions, skipping hidden folders. Symbolic links to folders
    are not followed, so link loops cannot trap the walk. A folder that cannot be
    listed is returned as a path of its own, so the run reports it as unreadable.
    """
    patterns = list(exclude)
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    def unreadable(error: OSError) -> None:
        # A folder that cannot be listed is kept as if it were a file: reading it then
        # gives the broken-file finding that names it, instead of a silent skip.
        if error.filename is not None:
            add(os.fsdecode(error.filename))

    for given in paths:
        if os.path.isfile(given) or (os.path.lexists(given) and not os.path.isdir(given)):
            if not _excluded(given, patterns):
                add(given)
            continue
        if not os.path.isdir(given):
            raise UsageError(f"{given}: no such file or folder")
        for folder, dirnames, filenames in os.walk(given, onerror=unreadable):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".") and not _excluded(os.path.join(folder, d), patterns)
            )
            for name in sorted(filenames):
                if not name.lower().endswith(SUPPORTED_EXTENSIONS) or name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                if not _excluded(path, patterns):
                    add(path)
    return found
