"""Content-hash vector cache: unchanged texts are never encoded twice, across runs.

A text's key is the encoder's ``model_id``, the kind of text (which decides truncation)
and the sha256 of the text. Vectors live in the result cache's folder (config
``cache-dir``, relative to the project root, where :class:`faq_lint.cache.ResultCache`
keeps its entries), under ``<cache-dir>/vectors/<kind>-<hash of model and kind>/``, in
shard files (``.npz``: the digests and the
float32 rows exactly as the encoder returned them, so a cached vector is bit-for-bit the
vector a fresh encode gives and a cache never changes a verdict). Each run that encodes
new texts adds one shard, written atomically; when shards pile up they are merged. A
damaged or foreign shard is ignored (its texts are encoded again). Within one process
vectors are also kept in memory, so two checks asking for the same texts encode them once
(with ``--no-cache`` only this in-memory part is used).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from faq_lint.semantic.encoder import DIMENSION, Encoder, get_encoder

MERGE_AT = 12  # shards of one model and kind before they are merged into one
_MEMORY_LIMIT = 200_000  # vectors kept in memory per process (about 300 MB at 384 dims)


def vector_cache_dir(config: Any) -> str | None:
    """Where a run's vectors are cached, or None when the run uses no cache.

    ``config`` is the run's :class:`~faq_lint.config.Config` (a rule's ``project``);
    ``cache = false`` in it (``--no-cache``, ``lint(cache=False)``) means no folder, so
    nothing is read or written. The folder is the result cache's own (``cache-dir``
    resolved against the project root, as :meth:`faq_lint.cache.ResultCache.open` does),
    never a folder being linted unless the project puts its cache there.
    """
    if config is None or not getattr(config, "cache", False):
        return None
    folder = str(getattr(config, "cache_dir", ".faq-lint-cache"))
    if not os.path.isabs(folder):
        folder = os.path.join(str(getattr(config, "root", ".")), folder)
    return os.path.join(folder, "vectors")


_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is faq-lint's result cache; delete it at will.\n"
)


def _mark_cache_folder(vector_dir: Path) -> None:
    """Mark the cache folder (the parent of ``vectors/``) as the result cache marks it:
    never committed (``.gitignore``), skipped by backups (``CACHEDIR.TAG``)."""
    root = vector_dir.parent
    marker = root / "CACHEDIR.TAG"
    if marker.exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by faq-lint\n*\n", encoding="utf-8")
    marker.write_text(_CACHEDIR_TAG, encoding="utf-8")


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class _Store:
    """The vectors of one model and kind: in memory, backed by shards in one folder."""

    def __init__(self) -> None:
        self.vectors: dict[bytes, np.ndarray] = {}
        self.loaded: set[str] = set()

    def load_shards(self, folder: Path) -> None:
        try:
            names = sorted(p.name for p in folder.glob("shard-*.npz"))
        except OSError:
            return
        for name in names:
            if name in self.loaded:
                continue
            self.loaded.add(name)
            try:
                with np.load(folder / name, allow_pickle=False) as data:
                    keys = data["keys"]
                    rows = data["vectors"]
            except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
                continue  # damaged, half-deleted by a merge elsewhere: a miss
            if (
                keys.dtype != np.uint8
                or keys.ndim != 2
                or keys.shape[1] != 32
                or rows.dtype != np.float32
                or rows.shape != (len(keys), DIMENSION)
            ):
                continue
            for key, row in zip(keys, rows, strict=True):
                self.vectors.setdefault(key.tobytes(), row)


_STORES: dict[tuple[str, str, str], _Store] = {}
_LOCK = threading.Lock()


def _folder(cache_dir: str, model_id: str, kind: str) -> Path:
    label = hashlib.sha256(f"{model_id}\0{kind}".encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{kind}-{label}"


def _shard_name(keys: Sequence[bytes]) -> str:
    return f"shard-{hashlib.sha256(b''.join(keys)).hexdigest()[:20]}.npz"


def _write_shard(folder: Path, keys: list[bytes], rows: np.ndarray) -> None:
    """Add one shard atomically; a cache that cannot be written is no error."""
    try:
        _mark_cache_folder(folder.parent)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32)
                np.savez(stream, keys=array, vectors=rows.astype(np.float32, copy=False))
            os.replace(temporary, folder / _shard_name(keys))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        return


def _merge(folder: Path, store: _Store) -> None:
    """Replace many shards with one holding every vector this process knows of."""
    try:
        shards = sorted(folder.glob("shard-*.npz"))
    except OSError:
        return
    if len(shards) < MERGE_AT:
        return
    store.load_shards(folder)  # everything on disk is in memory before shards go
    keys = list(store.vectors)
    rows = np.stack([store.vectors[k] for k in keys]) if keys else np.zeros((0, DIMENSION))
    _write_shard(folder, keys, rows)
    written = _shard_name(keys)
    for shard in shards:
        if shard.name != written:
            with contextlib.suppress(OSError):
                shard.unlink()
    store.loaded = {written}


def cached_encode(
    texts: Sequence[str],
    kind: str = "text",
    cache_dir: str | None = None,
    encoder: Encoder | None = None,
) -> np.ndarray:
    """Vectors of ``texts`` (float32, one L2-normalised row each), encoding only new texts.

    ``cache_dir``: the vector folder (see :func:`vector_cache_dir`); None keeps vectors in
    this process only. Raises :class:`~faq_lint.semantic.encoder.ModelUnavailable` when
    a text must be encoded and the model is not installed.
    """
    encoder = encoder or get_encoder()
    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    if not texts:
        return out
    with _LOCK:
        store = _STORES.setdefault((cache_dir or "", encoder.model_id, kind), _Store())
        folder = _folder(cache_dir, encoder.model_id, kind) if cache_dir else None
        if folder is not None:
            store.load_shards(folder)
        digests = [_digest(t) for t in texts]
        wanted: dict[bytes, list[int]] = {}
        for index, digest in enumerate(digests):
            row = store.vectors.get(digest)
            if row is None:
                wanted.setdefault(digest, []).append(index)
            else:
                out[index] = row
        if not wanted:
            return out
        keys = list(wanted)
        fresh = encoder.encode([texts[wanted[k][0]] for k in keys], kind)
        for key, row in zip(keys, fresh, strict=True):
            out[wanted[key]] = row
        if len(store.vectors) + len(keys) > _MEMORY_LIMIT:  # bounded: forget, the disk keeps
            store.vectors.clear()
            store.loaded.clear()
        for key, row in zip(keys, fresh, strict=True):
            store.vectors[key] = row.copy()
        if folder is not None:
            _write_shard(folder, keys, fresh)
            store.loaded.add(_shard_name(keys))
            _merge(folder, store)
    return out
