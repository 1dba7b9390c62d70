"""Candidate pairs by nearest-neighbour search (argmap.relate.candidates)."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.relate.candidates import candidate_pairs, neighbours_exact, spherical_kmeans


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _mixture(n: int, d: int, centres: int, spread: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, d))
    return _unit(c[rng.integers(0, centres, n)] + spread * rng.normal(size=(n, d)))


def _brute_force_pairs(v: np.ndarray, k: int, min_cosine: float) -> set[tuple[int, int]]:
    nn = neighbours_exact(v, k)
    sims = v @ v.T
    return {
        (min(i, int(j)), max(i, int(j)))
        for i in range(len(v))
        for j in nn[i]
        if sims[i, j] >= min_cosine
    }


def test_exact_search_equals_brute_force() -> None:
    v = _unit(np.random.default_rng(1).normal(size=(300, 16)))
    got = candidate_pairs(v, k=5, min_cosine=-1.0)
    assert {(i, j) for i, j, _ in got} == _brute_force_pairs(v, 5, -1.0)


def test_pairs_are_ordered_unique_and_carry_their_cosine() -> None:
    v = _mixture(400, 24, 12, 0.5, seed=2)
    got = candidate_pairs(v, k=6, min_cosine=0.3)
    assert got == sorted(got)
    assert all(i < j for i, j, _ in got)
    assert len({(i, j) for i, j, _ in got}) == len(got)
    for i, j, s in got[:200]:
        assert s == pytest.approx(float(v[i] @ v[j]), abs=1e-5)
        assert s >= 0.3


def test_min_cosine_drops_distant_pairs() -> None:
    v = _unit(np.random.default_rng(3).normal(size=(200, 64)))  # near-orthogonal
    assert candidate_pairs(v, k=5, min_cosine=0.9) == []


@pytest.mark.parametrize("d,spread", [(32, 0.6), (64, 0.8)])
def test_ivf_recall_matches_brute_force_on_clustered_data(d: int, spread: float) -> None:
    v = _mixture(6000, d, 60, spread, seed=4)
    exact = _brute_force_pairs(v, 10, 0.0)
    approx = {(i, j) for i, j, _ in candidate_pairs(v, k=10, min_cosine=0.0, exact_limit=0)}
    recall = len(exact & approx) / len(exact)
    assert recall >= 0.95, recall


def test_ivf_recall_on_uniform_random_low_dimensional_data() -> None:
    v = _unit(np.random.default_rng(5).normal(size=(5000, 8)))
    exact = _brute_force_pairs(v, 10, -1.0)
    approx = {(i, j) for i, j, _ in candidate_pairs(v, k=10, min_cosine=-1.0, exact_limit=0)}
    assert len(exact & approx) / len(exact) >= 0.9


def test_ivf_is_deterministic_for_a_seed() -> None:
    v = _mixture(3000, 16, 30, 0.7, seed=6)
    a = candidate_pairs(v, k=5, exact_limit=0, seed=7)
    b = candidate_pairs(v, k=5, exact_limit=0, seed=7)
    assert a == b


def test_groups_forbid_pairs_within_a_group() -> None:
    v = _mixture(500, 16, 10, 0.4, seed=8)
    groups = [f"article-{i // 5}" for i in range(500)]
    got = candidate_pairs(v, k=5, min_cosine=-1.0, groups=groups)
    assert got
    assert all(groups[i] != groups[j] for i, j, _ in got)
    # every vector still finds neighbours in other groups
    assert {i for p in got for i in p[:2]} == set(range(500))


def test_groups_also_apply_in_the_ivf_search() -> None:
    v = _mixture(2000, 16, 20, 0.5, seed=9)
    groups = [str(i % 7) for i in range(2000)]
    got = candidate_pairs(v, k=5, groups=groups, exact_limit=0)
    assert got and all(groups[i] != groups[j] for i, j, _ in got)


def test_unnormalised_vectors_are_normalised() -> None:
    v = _mixture(100, 8, 5, 0.3, seed=10)
    scaled, plain = candidate_pairs(v * 7.5, k=3), candidate_pairs(v, k=3)
    assert [p[:2] for p in scaled] == [p[:2] for p in plain]
    np.testing.assert_allclose([p[2] for p in scaled], [p[2] for p in plain], atol=1e-5)


def test_small_and_bad_inputs() -> None:
    assert candidate_pairs(np.zeros((1, 4), dtype=np.float32)) == []
    assert candidate_pairs(np.zeros((0, 4), dtype=np.float32)) == []
    with pytest.raises(ValueError):
        candidate_pairs(np.ones((3, 4)), k=0)
    with pytest.raises(ValueError, match="groups"):
        candidate_pairs(np.ones((3, 4)), groups=["a"])
    with pytest.raises(ValueError, match="2-d"):
        candidate_pairs(np.ones(4))


def test_kmeans_centroids_are_unit_and_deterministic() -> None:
    v = _mixture(2000, 16, 8, 0.3, seed=11)
    a = spherical_kmeans(v, 8, seed=3)
    b = spherical_kmeans(v, 8, seed=3)
    assert np.array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


def test_each_claim_keeps_only_its_strongest_relations():
    from argmap.records import Relation
    from argmap.relate.links import strongest_per_claim

    def rel(a, b, score, signals=()):
        return Relation(a, b, "supports", score, "", signals=signals)

    relations = [
        rel("k-hub", "k-1", 0.9),
        rel("k-hub", "k-2", 0.8),
        rel("k-hub", "k-3", 0.7),
        rel("k-hub", "k-4", 0.95, ("contrast",)),
        rel("k-5", "k-6", 0.6),
    ]
    kept = strongest_per_claim(relations, 2)
    pairs = {(r.source, r.target) for r in kept}
    assert pairs == {("k-hub", "k-4"), ("k-hub", "k-1"), ("k-5", "k-6")}
    assert strongest_per_claim(relations, 2) == kept  # stable
