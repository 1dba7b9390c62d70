"""Exact and near-duplicate articles (syndicated copies).

Two articles are copies when the body text of the shorter one is mostly *contained* in
the other: containment ``|S(a) ∩ S(b)| / min(|S(a)|, |S(b)|) >= 0.8`` over word 5-gram
shingles of the body regions (lower-cased, punctuation dropped), and the shorter body has
at least half the shingles of the longer (so an excerpt quoted inside a long analysis
is not a copy). Boilerplate, headlines and datelines are not body, so a copy with
different chrome, headline wording or dateline still matches; a trimmed paragraph or a
few edited words cost a few shingles. Articles on the same story that share quotes and
phrases stay well below the threshold (tests measure both sides).

Candidates come from MinHash locality-sensitive hashing (64 hashes in 32 bands of 2:
pairs with Jaccard similarity 0.3 are found with probability 0.95), then every candidate
pair is verified exactly, so the cost is near-linear in the number of articles.

The *first* of a group of copies is the one published earliest; undated articles come
after dated ones, and ties are broken by sorted path (the items of one JSON or JSONL file
in file order). Every other member gets
``duplicate_of`` = the first one's id.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from argmap.records import Article

SHINGLE = 5
CONTAINMENT = 0.8
MIN_SIZE_RATIO = 0.5
MIN_SHINGLES = 8  # bodies shorter than this are only compared exactly
_HASHES = 64
_BANDS = 32
_ROWS = _HASHES // _BANDS
_MASK = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240611)
_A = _rng.integers(1, 2**32 - 1, size=_HASHES, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**32 - 1, size=_HASHES, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def body_text(article: Article) -> str:
    return "\n".join(article.text[r.start : r.end] for r in article.body_regions)


def shingles(text: str, size: int = SHINGLE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``size``-grams of ``text``."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    cache: dict[str, int] = {}
    ids = np.fromiter(
        (cache.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words),
        dtype=np.uint64,
        count=len(words),
    )
    if len(ids) < size:
        size = len(ids)
    acc = np.zeros(len(ids) - size + 1, dtype=np.uint64)
    for k in range(size):
        acc = (acc * np.uint64(1000003) + ids[k : len(ids) - size + 1 + k]) & _MASK
    return np.unique(acc)


def _minhash(sh: np.ndarray) -> np.ndarray:
    return ((sh[None, :] * _A[:, None] + _B[:, None]) & _MASK).min(axis=1)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    small = min(len(a), len(b))
    if small == 0:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / small


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    small, large = sorted((len(a), len(b)))
    if small == 0 or small < MIN_SIZE_RATIO * large:
        return False
    return containment(a, b) >= CONTAINMENT


def first_order_key(article: Article) -> tuple[bool, str, str, int]:
    """Sort key that defines "first": earliest published, undated last, then path (items
    of one JSON/JSONL file in file order: ``feed.jsonl#L9`` before ``feed.jsonl#L10``)."""
    file_path, _, item = article.path.partition("#")
    number = int(item.lstrip("L")) if item.lstrip("L").isdigit() else 0
    return (article.published is None, article.published or "", file_path, number)


def find_duplicates(articles: Sequence[Article]) -> dict[str, str]:
    """``{article id: id of the first article it copies}`` for every copy."""
    order = sorted(range(len(articles)), key=lambda i: first_order_key(articles[i]))
    sets = [shingles(body_text(articles[i])) for i in order]
    parent = list(range(len(order)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)  # the earlier (smaller position) stays root

    buckets: dict[tuple[int, bytes], list[int]] = {}
    small: list[int] = []
    for pos, sh in enumerate(sets):
        if len(sh) == 0:
            continue
        if len(sh) < MIN_SHINGLES:
            small.append(pos)
            continue
        signature = _minhash(sh)
        candidates: set[int] = set()
        for band in range(_BANDS):
            key = (band, signature[band * _ROWS : (band + 1) * _ROWS].tobytes())
            bucket = buckets.setdefault(key, [])
            candidates.update(bucket)
            bucket.append(pos)
        for other in sorted(candidates):
            if find(other) != find(pos) and is_copy(sets[other], sets[pos]):
                union(other, pos)
    for index, pos in enumerate(small):
        for other in small[:index]:
            if np.array_equal(sets[other], sets[pos]):
                union(other, pos)
    result: dict[str, str] = {}
    for pos in range(len(order)):
        root = find(pos)
        if root != pos:
            result[articles[order[pos]].id] = articles[order[root]].id
    return result
