"""Restatement grouping: claims that say the same thing become one canonical claim.

:func:`group_restatements` clusters sentence vectors by cosine with average-linkage
agglomerative clustering, cut at ``threshold``: two groups merge while the mean cosine
between their members is at least ``threshold``. To keep the cost near linear, the
clustering runs inside the connected components of the nearest-neighbour graph
(:func:`argmap.relate.candidates.candidate_pairs`, edges of cosine >= ``threshold``):
two sentences in different components can never be merged, since average linkage
never joins groups that have no pair at least that close (exact as long as no sentence
has more than ``k`` neighbours above the threshold).

Optionally the relation model refines the groups (``texts`` and ``model`` given): a
member the model reads as *contradicting* its group's most central member is split off
when one of the two is negated and the other not, or when the model is very sure
(:data:`SPLIT_CONFIDENT`): "Urbanization benefits the environment" and "... harms the
environment" are close in embedding space but are not restatements.

The default threshold was tuned on the Perspectrum *train* claims' paraphrase clusters
(``docs/evaluation.md``). Labels are deterministic: clusters are numbered in the order
of their first member.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from argmap.relate.candidates import _unit, candidate_pairs
from argmap.relate.signals import NEGATION

#: Tuned on the Perspectrum train claims (see docs/evaluation.md).
DEFAULT_THRESHOLD = 0.72
#: Two claims whose lengths in words differ by more than this factor are never one
#: claim: a three-sentence quotation is close in embedding space to each of the
#: short claims it touches on, and would join them all into one node.
MAX_LENGTH_RATIO = 3.0
#: The model's *contradicts* splits a member off its group when one of the two is
#: negated and the other not ("will cut traffic" / "will not cut traffic"), or when the
#: model is at least this sure ("benefits the environment" / "harms the environment").
#: On its own the model split off many true paraphrases: on the Perspectrum train
#: claims B-cubed F1 per claim was 0.752 with every reading above 0.5, 0.799 with no
#: split, 0.780 with this rule (precision 0.927, 0.874, 0.902; docs/evaluation.md).
SPLIT_CONFIDENT = 0.9


def _components(n: int, edges: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    return [comps[r] for r in sorted(comps)]


def average_linkage(sims: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage agglomerative clustering of a similarity matrix, cut at ``threshold``.

    Nearest-neighbour-chain algorithm (``O(m^2)``); average linkage is reducible, so it
    yields the same clusters as merging the globally closest pair again and again.
    Returns a cluster label per row, numbered by first member.
    """
    m = sims.shape[0]
    if m == 0:
        return []
    s = sims.astype(np.float64, copy=True)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(m)
    active = np.ones(m, dtype=bool)
    parent = list(range(m))
    chain: list[int] = []
    remaining = m
    while remaining > 1:
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        a = chain[-1]
        row = np.where(active, s[a], -np.inf)
        row[a] = -np.inf
        b = int(np.argmax(row))  # first maximum: deterministic ties
        if row[b] < threshold:
            # a's best partner is below the cut: a is final, take it out
            active[a] = False
            remaining -= 1
            chain.pop()
            continue
        # a and the one before it in the chain are each other's nearest: merge them
        # (on a tie, the chain's predecessor wins, which keeps the algorithm finite)
        if len(chain) > 1 and (chain[-2] == b or row[chain[-2]] == row[b]):
            b = chain[-2]
            chain.pop()
            chain.pop()
            # merge b into a (Lance-Williams update for average linkage)
            merged = (size[a] * s[a] + size[b] * s[b]) / (size[a] + size[b])
            s[a] = merged
            s[:, a] = merged
            s[a, a] = -np.inf
            size[a] += size[b]
            active[b] = False
            s[b] = -np.inf
            s[:, b] = -np.inf
            parent[b] = a
            remaining -= 1
        else:
            chain.append(b)

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    labels: dict[int, int] = {}
    return [labels.setdefault(root(i), len(labels)) for i in range(m)]


def group_restatements(
    vectors: np.ndarray,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    k: int = 20,
    texts: Sequence[str] | None = None,
    model: Any = None,
    split_above: float = 0.5,
    seed: int = 0,
) -> list[int]:
    """A cluster label per vector; equal labels mark restatements of one claim.

    ``k`` bounds the neighbours looked at per vector when building the graph whose
    components are clustered. With ``texts``, two claims whose lengths in words differ
    by more than :data:`MAX_LENGTH_RATIO` are never merged directly (their similarity
    counts as -1 in the average). With ``texts`` and ``model`` (a
    :class:`argmap.relate.model.RelationModel`), members whose probability of
    *contradicts* against their group's medoid exceeds ``split_above`` become
    singletons.
    """
    v = _unit(vectors)
    n = v.shape[0]
    if n == 0:
        return []
    words = (
        np.array([max(1, len(t.split())) for t in texts], dtype=np.float64)
        if texts is not None
        else None
    )
    if words is not None and len(words) != n:
        raise ValueError(f"{len(words)} texts for {n} vectors")
    edges = candidate_pairs(v, k=k, min_cosine=threshold, seed=seed)
    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    for comp in _components(n, edges):
        if len(comp) == 1:
            labels[comp[0]] = next_label
            next_label += 1
            continue
        idx = np.array(comp)
        sims = v[idx] @ v[idx].T
        if words is not None:
            w = words[idx]
            ratio = np.maximum.outer(w, w) / np.minimum.outer(w, w)
            sims = np.where(ratio > MAX_LENGTH_RATIO, -1.0, sims)
        sub = average_linkage(sims, threshold)
        for i, lab in zip(idx.tolist(), sub, strict=True):
            labels[i] = next_label + lab
        next_label += max(sub) + 1
    if model is not None and texts is not None:
        labels = _split_contradictions(v, labels, texts, model, split_above)
    # renumber by first member
    order: dict[int, int] = {}
    return [order.setdefault(int(lab), len(order)) for lab in labels]


def _same_words(text: str) -> str:
    """A claim's words for telling identical texts apart: case, quote marks and
    punctuation aside."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _split_contradictions(
    v: np.ndarray, labels: np.ndarray, texts: Sequence[str], model: Any, split_above: float
) -> np.ndarray:
    """Members the model reads as contradicting their group's medoid leave the group.
    A member with the medoid's words stays whatever the model says (it reads some
    identical pairs as contradicting: a syndicated copy's claim was split from the
    original's); members with the same words leave together, as one claim."""
    if len(texts) != v.shape[0]:
        raise ValueError(f"{len(texts)} texts for {v.shape[0]} vectors")
    labels = labels.copy()
    words = [_same_words(t) for t in texts]
    pairs: list[tuple[int, list[int]]] = []  # (medoid, members sharing one wording)
    for lab in np.unique(labels):
        members = np.flatnonzero(labels == lab)
        if members.size < 2:
            continue
        sims = v[members] @ v[members].T
        medoid = int(members[int(np.argmax(sims.sum(axis=1)))])
        wordings: dict[str, list[int]] = {}
        for i in members.tolist():
            if words[i] != words[medoid]:
                wordings.setdefault(words[i], []).append(int(i))
        pairs += [(medoid, same) for same in wordings.values()]
    if not pairs:
        return labels
    probs = model.predict([(texts[a], texts[same[0]]) for a, same in pairs])
    fresh = int(labels.max()) + 1
    for (a, same), p in zip(pairs, probs, strict=True):
        negated = bool(NEGATION.search(texts[a])) != bool(NEGATION.search(texts[same[0]]))
        if p[1] > split_above and (negated or p[1] > SPLIT_CONFIDENT):
            labels[same] = fresh
            fresh += 1
    return labels
