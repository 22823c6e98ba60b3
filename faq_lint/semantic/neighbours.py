"""Candidate pairs by nearest neighbours: never all pairs of a large corpus.

Exact top-k by cosine similarity on L2-normalised rows, computed in blocks of rows so
memory stays at ``block x len(b)`` floats whatever the corpus size (100k entries:
2048 x 100k float32 = 800 MB would be too much, so the block shrinks with the corpus).
"""

from __future__ import annotations

import numpy as np

MAX_BLOCK_CELLS = 32_000_000  # float32 cells of one similarity block (128 MB)


def top_k_pairs(
    vectors_a: np.ndarray,
    vectors_b: np.ndarray | None = None,
    k: int = 10,
    min_similarity: float = 0.5,
    block: int = 2048,
) -> list[tuple[int, int, float]]:
    """Each row of ``a`` with its ``k`` most similar rows of ``b``, at ``min_similarity`` or more.

    Returns ``(i, j, similarity)`` with ``i`` a row of ``a`` and ``j`` a row of ``b``,
    sorted by ``(i, j)``. Without ``b`` the rows of ``a`` are compared with each other:
    no row with itself, each pair once with ``i < j`` (a pair is kept when either row
    has the other among its ``k`` nearest).
    """
    a = np.asarray(vectors_a, dtype=np.float32)
    same = vectors_b is None
    b = a if same else np.asarray(vectors_b, dtype=np.float32)
    if a.ndim != 2 or b.ndim != 2 or len(a) == 0 or len(b) == 0 or k <= 0:
        return []
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"vectors of {a.shape[1]} and {b.shape[1]} dimensions")
    rows = max(1, min(block, MAX_BLOCK_CELLS // max(1, len(b))))
    take = min(k, len(b) - 1 if same else len(b))
    if take <= 0:
        return []
    found: set[tuple[int, int]] = set()
    for begin in range(0, len(a), rows):
        chunk = a[begin : begin + rows]
        scores = chunk @ b.T
        if same:
            local = np.arange(len(chunk))
            scores[local, begin + local] = -np.inf
        if take < scores.shape[1]:
            best = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        else:
            best = np.broadcast_to(np.arange(scores.shape[1]), (len(chunk), scores.shape[1]))
        picked = np.take_along_axis(scores, best, axis=1)
        keep_r, keep_c = np.nonzero(picked >= min_similarity)
        for r, c in zip(keep_r.tolist(), keep_c.tolist(), strict=True):
            i = begin + r
            j = int(best[r, c])
            found.add((min(i, j), max(i, j)) if same else (i, j))
    if not found:
        return []
    pairs = sorted(found)
    first = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    # Each kept pair's similarity once more, row by row in float64: the value (and so any
    # threshold a check applies) never depends on the block or on what else is compared.
    exact = (a[first].astype(np.float64) * b[second].astype(np.float64)).sum(axis=1)
    return [(i, j, float(s)) for (i, j), s in zip(pairs, exact.tolist(), strict=True)]
