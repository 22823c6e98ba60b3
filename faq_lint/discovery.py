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


# Names of faq-lint's own files in a repository (configuration, baseline, reports,
# pre-commit files): never FAQ content, whatever a hook's ``files:`` pattern sends.
_OWN_NAMES = (
    "faq-lint*",
    ".faq-lint*",
    "*.sarif",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
)


# A repository's own documents (never FAQ pages) that a hook skips when no ``paths``
# are configured: then the hook's ``files:`` pattern is all that says what to lint.
_REPOSITORY_NAMES = (
    "readme*",
    "changelog*",
    "changes*",
    "contributing*",
    "license*",
    "licence*",
    "copying*",
    "security*",
    "code_of_conduct*",
    "authors*",
    "history*",
    "notice*",
)


def hook_files(
    files: Iterable[str],
    roots: Iterable[str] | None,
    exclude: Iterable[str] = (),
    own: Iterable[str] = (),
) -> list[str]:
    """The files a hook (``faq-lint --hook``, as pre-commit runs it) lints of those it
    was given; the rest are skipped without a word, as ruff's ``--force-exclude`` does
    (pre-commit hands a hook every staged file its ``files:`` pattern matches, README
    and configuration included).

    Kept: files not excluded and not faq-lint's own (``own``: the configuration, the
    baseline, files the run reads; and any file named like one, see ``_OWN_NAMES``),
    that lie under the configured ``paths`` (``roots``). With no ``paths`` configured
    (``roots`` None) the hook's ``files:`` pattern decides, less the repository's own
    documents (README, CHANGELOG, LICENSE, ...) and hidden files and folders."""
    folders = [os.path.realpath(r) for r in roots] if roots is not None else None
    skip = {os.path.realpath(p) for p in own}
    patterns = list(exclude)
    kept: list[str] = []
    for given in files:
        real = os.path.realpath(given)
        name = os.path.basename(real)
        if real in skip or any(fnmatch.fnmatch(name, p) for p in _OWN_NAMES):
            continue
        if _excluded(given, patterns):
            continue
        if folders is None:
            parts = os.path.normpath(given).replace(os.sep, "/").split("/")
            hidden = any(part.startswith(".") and part not in (".", "..") for part in parts)
            if hidden or any(fnmatch.fnmatch(name.lower(), p) for p in _REPOSITORY_NAMES):
                continue
        elif not any(real == f or real.startswith(f.rstrip(os.sep) + os.sep) for f in folders):
            continue
        kept.append(given)
    return kept
