"""Candidate claim pairs for relation classification, by nearest-neighbour search.

Classifying every pair of claims grows with the square of their number; argmap instead
classifies only the pairs that are near in embedding space. :func:`candidate_pairs`
finds, for every claim, its ``k`` nearest neighbours by cosine (optionally never within
the same group, e.g. the same article) and returns the union of those pairs.

Two search strategies, chosen by size:

- **exact** (``n <= exact_limit``): blockwise dot products against all vectors.
- **inverted file (IVF)** above that: spherical k-means (seeded) cuts the vectors into
  lists of about ``list_size``; the vectors of each list are compared only with the
  members of the lists its vectors would probe (each vector's ``n_probe`` nearest
  centroids, the ``max_lists`` most wanted of them). The work per claim is then about
  ``max_lists * list_size`` dot products whatever the corpus size; only
  the k-means step (``n * n / list_size`` dot products with centroids) grows faster, and
  it stays small next to embedding and classification up to a few hundred thousand
  claims (``docs/benchmarks.md``).

Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Pair = tuple[int, int, float]


def _unit(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim != 2:
        raise ValueError(f"vectors must be a 2-d array, not shape {v.shape}")
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.clip(norms, 1e-12, None)


def _group_ids(groups: Sequence[str] | None, n: int) -> np.ndarray | None:
    if groups is None:
        return None
    if len(groups) != n:
        raise ValueError(f"groups has {len(groups)} entries for {n} vectors")
    index: dict[str, int] = {}
    return np.array([index.setdefault(str(g), len(index)) for g in groups], dtype=np.int64)


def _top_k(
    sims: np.ndarray, rows: np.ndarray, cols: np.ndarray, k: int, min_cosine: float
) -> list[tuple[int, int, float]]:
    """Best ``k`` columns per row of ``sims`` (already masked), at least ``min_cosine``."""
    out: list[tuple[int, int, float]] = []
    if sims.shape[1] == 0:
        return out
    kk = min(k, sims.shape[1])
    part = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
    vals = np.take_along_axis(sims, part, axis=1)
    keep = vals >= min_cosine
    r_idx, c_idx = np.nonzero(keep)
    for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
        out.append((int(rows[r]), int(cols[part[r, c]]), float(vals[r, c])))
    return out


def _mask(sims: np.ndarray, rows: np.ndarray, cols: np.ndarray, gids: np.ndarray | None) -> None:
    sims[rows[:, None] == cols[None, :]] = -np.inf
    if gids is not None:
        sims[gids[rows][:, None] == gids[cols][None, :]] = -np.inf


def _exact(
    v: np.ndarray, k: int, min_cosine: float, gids: np.ndarray | None, block: int = 1024
) -> list[tuple[int, int, float]]:
    n = v.shape[0]
    cols = np.arange(n)
    found: list[tuple[int, int, float]] = []
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        sims = v[rows] @ v.T
        _mask(sims, rows, cols, gids)
        found += _top_k(sims, rows, cols, k, min_cosine)
    return found


def spherical_kmeans(
    v: np.ndarray, n_lists: int, *, seed: int = 0, iterations: int = 8, sample: int = 64
) -> np.ndarray:
    """Unit-length centroids from k-means on cosine, trained on at most
    ``sample * n_lists`` vectors drawn with ``seed``."""
    rng = np.random.default_rng(seed)
    n = v.shape[0]
    train = (
        v if n <= sample * n_lists else v[np.sort(rng.choice(n, sample * n_lists, replace=False))]
    )
    centroids = train[np.sort(rng.choice(train.shape[0], n_lists, replace=False))].copy()
    for _ in range(iterations):
        assign = np.argmax(train @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, train)
        counts = np.bincount(assign, minlength=n_lists)
        empty = np.nonzero(counts == 0)[0]
        if empty.size:
            sums[empty] = train[rng.choice(train.shape[0], empty.size, replace=False)]
        centroids = _unit(sums)
    return centroids


def _ivf(
    v: np.ndarray,
    k: int,
    min_cosine: float,
    gids: np.ndarray | None,
    list_size: int,
    n_probe: int,
    max_lists: int,
    seed: int,
) -> list[tuple[int, int, float]]:
    n = v.shape[0]
    n_lists = max(2, math.ceil(n / list_size))
    centroids = spherical_kmeans(v, n_lists, seed=seed)
    assign = np.empty(n, dtype=np.int64)
    probes = np.empty((n, min(n_probe, n_lists)), dtype=np.int64)
    for start in range(0, n, 8192):
        sims = v[start : start + 8192] @ centroids.T
        assign[start : start + 8192] = np.argmax(sims, axis=1)
        probes[start : start + 8192] = np.argsort(-sims, axis=1, kind="stable")[
            :, : probes.shape[1]
        ]
    members = [np.nonzero(assign == c)[0] for c in range(n_lists)]
    found: list[tuple[int, int, float]] = []
    for c in range(n_lists):
        rows = members[c]
        if rows.size == 0:
            continue
        # the lists its members would probe, most wanted first, at most max_lists
        lists, counts = np.unique(probes[rows].ravel(), return_counts=True)
        chosen = lists[np.lexsort((lists, -counts))[:max_lists]]
        cols = np.sort(np.concatenate([members[o] for o in chosen]))
        for start in range(0, rows.size, 2048):
            part = rows[start : start + 2048]
            sims = v[part] @ v[cols].T
            _mask(sims, part, cols, gids)
            found += _top_k(sims, part, cols, k, min_cosine)
    return found


def candidate_pairs(
    vectors: np.ndarray,
    k: int = 10,
    min_cosine: float = 0.35,
    groups: Sequence[str] | None = None,
    *,
    exact_limit: int = 5000,
    list_size: int = 128,
    n_probe: int = 8,
    max_lists: int = 16,
    seed: int = 0,
) -> list[Pair]:
    """Pairs ``(i, j, cosine)`` with ``i < j``, sorted, from each vector's ``k`` nearest.

    A pair is kept when ``j`` is among the ``k`` nearest neighbours of ``i`` or the other
    way round, its cosine is at least ``min_cosine``, and (with ``groups``) the two
    vectors are in different groups. Vectors are L2-normalised here if they are not.
    The IVF search above ``exact_limit`` vectors is approximate: on sentence embeddings
    it finds nearly all of the exact neighbours (``tests/test_candidates.py``).
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    v = _unit(vectors)
    n = v.shape[0]
    if n < 2:
        return []
    gids = _group_ids(groups, n)
    if n <= exact_limit:
        found = _exact(v, k, min_cosine, gids)
    else:
        found = _ivf(v, k, min_cosine, gids, list_size, n_probe, max_lists, seed)
    best: dict[tuple[int, int], float] = {}
    for i, j, s in found:
        key = (i, j) if i < j else (j, i)
        best[key] = max(s, best.get(key, -2.0))
    return [(i, j, round(s, 6)) for (i, j), s in sorted(best.items())]


def neighbours_exact(vectors: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` exact nearest neighbours of each vector (itself excluded),
    by decreasing cosine: the reference the approximate search is tested against."""
    v = _unit(vectors)
    sims = v @ v.T
    np.fill_diagonal(sims, -np.inf)
    return np.argsort(-sims, axis=1, kind="stable")[:, :k]
