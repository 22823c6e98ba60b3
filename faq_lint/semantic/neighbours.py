"""Candidate pairs by nearest neighbours: never all pairs of a large corpus.

Exact top-k by cosine similarity on L2-normalised rows, computed in blocks of rows so
memory stays at ``block x len(b)`` floats whatever the corpus size (100k entries:
2048 x 100k float32 = 800 MB would be too much, so the block shrinks with the corpus).
Within a block each row's floor is first raised from a sample of its columns, so only the
few cells that can be among its top ``k`` are ranked (:func:`_block_top`; exact: the same
pairs as sorting every row, checked against brute force by tests/test_semantic.py).
"""

from __future__ import annotations

import numpy as np

MAX_BLOCK_CELLS = 32_000_000  # float32 cells of one similarity block (128 MB)


SAMPLE_COLUMNS = 1024  # columns whose k-th best score gives each row a raised floor


def _block_top(scores: np.ndarray, take: int, floor: float) -> list[tuple[int, int]]:
    """(row, column) of each row's ``take`` highest scores that are ``floor`` or more.

    Exact, and several times faster than partially sorting every row on templated
    questions (MedQuAD: a quarter of all question pairs reach cosine 0.5):

    1. each row's floor is raised to its ``take``-th best score among an evenly spaced
       sample of columns (never above its true ``take``-th best, so no top score is lost);
    2. the cells at or above their row's floor (about ``take`` x width / sample per row)
       are ranked by row, then score, ties by column, and each row keeps ``take``.
    """
    width = scores.shape[1]
    bound = np.full(len(scores), floor, dtype=scores.dtype)
    if width > 2 * SAMPLE_COLUMNS and take < SAMPLE_COLUMNS // 8:
        sample = scores[:, :: width // SAMPLE_COLUMNS]
        cut = sample.shape[1] - take
        np.maximum(bound, np.partition(sample, cut, axis=1)[:, cut], out=bound)
    keep_r, keep_c = np.nonzero(scores >= bound[:, None])
    if len(keep_r) == 0:
        return []
    counts = np.bincount(keep_r, minlength=len(scores))
    if counts.max() <= take:
        return list(zip(keep_r.tolist(), keep_c.tolist(), strict=True))
    if len(keep_r) > scores.size // 4:  # most cells pass (a low floor, few columns)
        best = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        picked = np.take_along_axis(scores, best, axis=1)
        pick_r, pick_c = np.nonzero(picked >= floor)
        return list(zip(pick_r.tolist(), best[pick_r, pick_c].tolist(), strict=True))
    values = scores[keep_r, keep_c].astype(np.float64)
    # keep_r is ascending (row-major order); within a row, highest score first
    order = np.argsort(keep_r * 4.0 + (1.0 - values), kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.arange(len(order)) - starts[keep_r]  # keep_r[order] == keep_r
    chosen = order[rank < take]
    return list(zip(keep_r[chosen].tolist(), keep_c[chosen].tolist(), strict=True))


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
        for r, c in _block_top(scores, take, min_similarity):
            i = begin + r
            found.add((min(i, c), max(i, c)) if same else (i, c))
    if not found:
        return []
    pairs = sorted(found)
    first = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    # Each kept pair's similarity once more, row by row in float64: the value (and so any
    # threshold a check applies) never depends on the block or on what else is compared.
    exact = (a[first].astype(np.float64) * b[second].astype(np.float64)).sum(axis=1)
    return [(i, j, float(s)) for (i, j), s in zip(pairs, exact.tolist(), strict=True)]
