"""Result cache: a second run over unchanged files reuses what the first one worked out.

Per file, the cache keeps the parsed :class:`~faq_lint.models.Document`, the
findings of the per-entry and per-document rules and the document's report line.
Whole-corpus rules (duplicates, contradictions) need every document, so they run
on the cached documents without re-parsing them; when no file changed at all,
their findings come from the cache as well.

A file's key is a hash of its path (as named and as an absolute path: fingerprints
are relative to the project root), its bytes and the *run key*: the faq-lint
version and its source and data files, the Python version and the versions of the
libraries that decide findings, the configuration (every key, with the project root
and the working folder), the rules in force with their options and severities, the
contents of the project's rule packs, word lists and other files named in rule
options, and today's date (some rules look at review dates). The whole-corpus
entry's key is the run key, the keys of every file compared, in order, and which
files were named (none named - the configured paths - is not the same as named
files that were all excluded). Change any of them and the entry is simply not
found. Whatever is applied after the cache (suppression comments, which are part
of a file's bytes, ``per-file-ignores``, the baseline) is worked out on every run.
Entries are JSON files under ``.faq-lint-cache/`` (config
``cache-dir``) written atomically, so parallel runs never see half an entry; a
damaged entry is a miss. ``--no-cache`` (or ``cache = false``) bypasses it.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from faq_lint import __version__
from faq_lint.checks.base import Rule
from faq_lint.config import Config
from faq_lint.models import Document, DocumentSummary, Finding
from faq_lint.reading import ParseError, read_bytes
from faq_lint.rulepack import default_pack_dir

CACHE_VERSION = "1"
KEEP_RUNS = 5  # run keys (configurations, faq-lint versions) whose entries are kept
_PACKAGE_DIR = Path(__file__).resolve().parent
Model = TypeVar("Model", bound=BaseModel)


class CachedFile(BaseModel):
    """What one file's entry holds."""

    model_config = ConfigDict(defer_build=True)  # built only when the cache is used

    document: Document
    findings: list[Finding]
    summary: DocumentSummary


class CachedCorpus(BaseModel):
    model_config = ConfigDict(defer_build=True)

    findings: list[Finding]


def _stamp(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of each file: cheap, and changes whenever a file is edited."""
    stamps: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append((str(path), info.st_size, info.st_mtime_ns))
    return sorted(stamps)


def _digest(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(path, content hash) of each file: for the project's own files (word lists, rule
    packs, option files), which can be edited twice within one tick of the file
    system's clock and keep their size."""
    digests: list[tuple[str, str]] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            digests.append((str(path), "unreadable"))
            continue
        digests.append((str(path), hashlib.sha256(data).hexdigest()))
    return sorted(set(digests))


# The installed libraries whose data or behaviour decides findings (spelling word
# frequencies, hyphenation, parsing, similarity): upgrading one starts a new cache.
_LIBRARIES = frozenset(
    {
        "pydantic",
        "pydantic_core",
        "textstat",
        "pyspellchecker",
        "pyphen",
        "pyyaml",
        "markdown_it_py",
        "google_re2",
        "numpy",
        "rapidfuzz",
        "tomli",
        "onnxruntime",  # sentence vectors, where a check uses them
        "tokenizers",
    }
)


def _library_versions() -> list[str]:
    """``folder/name-version`` of each installed library in :data:`_LIBRARIES` (a folder
    listing, about 1 ms; importlib.metadata takes 60 ms)."""
    found: set[str] = set()
    for entry in sys.path:
        if not entry.endswith("-packages"):
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                stem = name[: -len(".dist-info")]
                if stem.split("-")[0].lower().replace(".", "_") in _LIBRARIES:
                    found.add(f"{entry}/{stem}")
    return sorted(found)


def _files_under(folder: Path, pattern: str = "*") -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]


def _option_files(rules: Sequence[Rule], root: str) -> list[Path]:
    """Files named in rule options (project word lists and the like)."""
    found: list[Path] = []
    for rule in rules:
        for value in rule.options.values():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str) and 0 < len(item) < 300 and ("/" in item or "." in item):
                    for candidate in (Path(root) / item, Path(rule.spec.resolve_path(item))):
                        if candidate.is_file():
                            found.append(candidate)
    return found


def run_key(config: Config, rules: Sequence[Rule]) -> str:
    """A hash of everything besides a file's own bytes that decides its findings."""
    packs = [Path(config.root) / p for p in config.rule_packs]
    own_pack = default_pack_dir().resolve()
    inside_own_pack = str(own_pack) + os.sep
    parts: dict[str, object] = {
        "cache": CACHE_VERSION,
        "version": __version__,
        "python": list(sys.version_info[:3]),
        "libraries": _library_versions(),
        # faq-lint's own code, data and rule pack change with faq-lint (size and
        # modification time are enough); the project's packs, word lists and option
        # files are hashed
        "code": _stamp(_files_under(_PACKAGE_DIR)),
        "default-pack": _stamp(_files_under(own_pack)),
        "packs": _digest(p for folder in packs for p in _files_under(folder.resolve())),
        "config": config.model_dump(mode="json"),
        "root": os.path.abspath(config.root),
        "cwd": os.getcwd(),
        "rules": sorted(
            ((r.spec.code, r.spec.name, r.spec.pack_dir, r.severity, r.options) for r in rules),
            key=lambda item: json.dumps(item, sort_keys=True, default=str),
        ),
        "words": _digest(Path(config.root) / w for w in config.words),
        # files named in rule options outside faq-lint's own pack (stamped above)
        "option-files": _digest(
            path
            for path in _option_files(rules, config.root)
            if not str(path).startswith(inside_own_pack)  # spec.pack_dir is resolved
        ),
        "today": datetime.date.today().isoformat(),
    }
    blob = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """The cache folder of one run (one run key)."""

    def __init__(self, folder: str, key: str, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.key = key
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._prepared = False

    @classmethod
    def open(cls, config: Config, rules: Sequence[Rule]) -> ResultCache:
        folder = config.cache_dir
        if not os.path.isabs(folder):
            folder = os.path.join(config.root, folder)
        store = cls(folder, run_key(config, rules), config.max_file_size)
        with contextlib.suppress(OSError):
            os.utime(store.run_folder)  # mark this run key as recently used (kept by pruning)
        return store

    def file_key(self, path: str) -> str | None:
        """The key of ``path`` as it is now, or None when it cannot be cached (unreadable, huge)."""
        try:  # never opens a FIFO or device, never reads past the size limit
            data = read_bytes(path, self.max_bytes)
        except ParseError:
            return None
        digest = hashlib.sha256(self.key.encode())
        for name in (path, os.path.abspath(path)):  # as named; where it is (fingerprints)
            digest.update(b"\0" + name.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    @property
    def run_folder(self) -> Path:
        """Entries of this run key; the least recently used run folders are pruned."""
        return self.folder / f"v{CACHE_VERSION}" / self.key[:16]

    def _entry(self, kind: str, key: str) -> Path:
        return self.run_folder / kind / key[:2] / f"{key}.json"

    def load_file(self, key: str) -> CachedFile | None:
        entry = self._read(self._entry("files", key), CachedFile)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def store_file(
        self, key: str, document: Document, findings: list[Finding], summary: DocumentSummary
    ) -> None:
        record = CachedFile(document=document, findings=findings, summary=summary)
        self._write(self._entry("files", key), record.model_dump_json())

    def corpus_key(self, keys: Sequence[str], named: Iterable[str] | None) -> str:
        """The whole-corpus entry of these files (keys in corpus order) and ``named`` files.

        ``named=None`` (no paths named: every finding counts) and an empty set (paths
        named, all excluded: only findings on named files, so none) differ.
        """
        digest = hashlib.sha256(self.key.encode())
        digest.update(f"files\0{len(keys)}\n".encode())
        for key in keys:
            digest.update(key.encode() + b"\n")
        if named is None:
            digest.update(b"named: none (the configured paths)\n")
        else:
            listed = json.dumps(sorted(named), ensure_ascii=False)
            digest.update(b"named: " + listed.encode("utf-8", "surrogateescape") + b"\n")
        return digest.hexdigest()

    def load_corpus(self, key: str) -> list[Finding] | None:
        entry = self._read(self._entry("corpus", key), CachedCorpus)
        return entry.findings if entry is not None else None

    def store_corpus(self, key: str, findings: list[Finding]) -> None:
        self._write(self._entry("corpus", key), CachedCorpus(findings=findings).model_dump_json())

    def _read(self, path: Path, model: type[Model]) -> Model | None:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            return model.model_validate_json(raw)
        except (ValidationError, ValueError):
            return None  # a damaged or older entry is a miss

    def _write(self, path: Path, text: str) -> None:
        """Write atomically; a cache that cannot be written is no error (read-only checkouts)."""
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError:
            return

    def _prepare(self) -> None:
        """Mark the folder as a cache (never committed, skipped by backups); prune old runs."""
        if self._prepared:
            return
        self._prepared = True
        if not self.run_folder.is_dir():
            self.run_folder.mkdir(parents=True, exist_ok=True)
            self._prune()
        marker = self.folder / "CACHEDIR.TAG"
        if marker.exists():
            return
        (self.folder / ".gitignore").write_text("# Created by faq-lint\n*\n", encoding="utf-8")
        marker.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is faq-lint's result cache; delete it at will.\n",
            encoding="utf-8",
        )

    def _prune(self) -> None:
        """Delete the entries of all but the :data:`KEEP_RUNS` most recently used run keys."""
        try:
            runs = [p for p in self.run_folder.parent.iterdir() if p.is_dir()]
            runs.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for stale in runs[KEEP_RUNS:]:
            if stale != self.run_folder:
                shutil.rmtree(stale, ignore_errors=True)
