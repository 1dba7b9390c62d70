"""Restatement grouping (argmap.relate.cluster)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from argmap.relate.cluster import average_linkage, group_restatements


def _brute_average_linkage(sims: np.ndarray, threshold: float) -> list[int]:
    """Merge the closest pair of groups (mean similarity) until none reaches threshold."""
    groups = [[i] for i in range(len(sims))]
    while True:
        best = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                s = float(np.mean([sims[i, j] for i in groups[a] for j in groups[b]]))
                if best is None or s > best[0]:
                    best = (s, a, b)
        if best is None or best[0] < threshold:
            break
        _, a, b = best
        groups[a] += groups.pop(b)
    first = {i: min(g) for g in groups for i in g}
    order: dict[int, int] = {}
    return [order.setdefault(first[i], len(order)) for i in range(len(sims))]


@pytest.mark.parametrize("seed", range(12))
def test_nn_chain_equals_brute_force_average_linkage(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(18, 4))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    threshold = float(rng.uniform(-0.2, 0.8))
    assert average_linkage(x @ x.T, threshold) == _brute_average_linkage(x @ x.T, threshold)


def _three_topics(seed: int = 0) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(seed)
    centres = np.eye(3, 32)
    gold = [0, 1, 2, 0, 1, 2, 0, 0, 1, 2]
    x = centres[gold] + 0.05 * rng.normal(size=(len(gold), 32))
    return x.astype(np.float32), gold


def test_groups_tight_clusters_and_numbers_them_by_first_member() -> None:
    x, gold = _three_topics()
    labels = group_restatements(x, threshold=0.8)
    assert labels == gold


def test_a_high_threshold_leaves_singletons() -> None:
    x, _ = _three_topics()
    assert group_restatements(x, threshold=0.9999) == list(range(10))


def test_average_linkage_does_not_chain() -> None:
    # a path of vectors each close to the next, but the ends far apart
    angles = np.linspace(0, np.pi / 2, 12)
    x = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    labels = group_restatements(x, threshold=0.95)
    assert len(set(labels)) > 1
    single = group_restatements(x, threshold=0.5)
    assert len(set(single)) == 1


def test_deterministic_and_empty() -> None:
    x, _ = _three_topics(3)
    assert group_restatements(x) == group_restatements(x)
    assert group_restatements(np.zeros((0, 8), dtype=np.float32)) == []


class _FakeModel:
    """Says 'contradicts' for pairs whose second text contains 'not'."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.calls += list(pairs)
        return np.array(
            [[0.1, 0.8, 0.1] if " not " in b else [0.8, 0.1, 0.1] for _, b in pairs],
            dtype=np.float32,
        )


def test_model_refinement_splits_a_contradicting_member() -> None:
    x, gold = _three_topics()
    texts = [f"claim {i} holds" for i in range(10)]
    texts[6] = "claim 6 does not hold"
    model = _FakeModel()
    labels = group_restatements(x, threshold=0.8, texts=texts, model=model)
    assert model.calls, "the model was asked about cluster members"
    assert sum(1 for lab in labels if lab == labels[6]) == 1  # split off
    others = [i for i in range(10) if gold[i] == 0 and i != 6]
    assert len({labels[i] for i in others}) == 1


def test_the_model_never_splits_a_member_with_the_medoids_words() -> None:
    """The relation model reads some identical pairs as contradicting (0.90 for "the
    consultation had been rushed" with itself): a syndicated copy's claim was split
    from the original's. Members with the same words also leave together."""
    x, gold = _three_topics()
    group = [i for i, g in enumerate(gold) if g == 0]
    x[group[0]] = np.eye(3, 32)[0]  # the group's medoid
    same = ["The claim does not hold."] * 10
    same[group[1]] = "the claim does not hold"  # the same words
    model = _FakeModel()
    labels = group_restatements(x, threshold=0.8, texts=same, model=model)
    assert not model.calls and len({labels[i] for i in group}) == 1
    # two members with one wording, read as contradicting the medoid: they leave as one
    two = ["claim holds"] * 10
    two[group[1]] = two[group[2]] = "claim does not hold"
    labels = group_restatements(x, threshold=0.8, texts=two, model=_FakeModel())
    assert labels[group[1]] == labels[group[2]] != labels[group[0]] == labels[group[3]]


class _SureModel:
    """Reads every pair as contradicting, with probability ``p``."""

    def __init__(self, p: float) -> None:
        self.p = p

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return np.array([[0.0, self.p, 1 - self.p]] * len(pairs), dtype=np.float32)


def test_a_paraphrase_is_split_off_only_on_a_negation_or_a_sure_reading() -> None:
    """The model reads many true paraphrases as contradicting (Perspectrum train B-cubed
    0.752 when it split every reading above 0.5, 0.799 with no split): a member leaves
    its group when one side is negated, or when the model is sure of it."""
    x, gold = _three_topics()
    group = [i for i, g in enumerate(gold) if g == 0]
    x[group[0]] = np.eye(3, 32)[0]  # the group's medoid
    texts = [f"claim {i} holds" for i in range(10)]
    labels = group_restatements(x, threshold=0.8, texts=texts, model=_SureModel(0.8))
    assert len({labels[i] for i in group}) == 1
    labels = group_restatements(x, threshold=0.8, texts=texts, model=_SureModel(0.95))
    assert len({labels[i] for i in group}) == len(group)  # every member split off
    texts[group[1]] = "claim 3 does not hold"
    labels = group_restatements(x, threshold=0.8, texts=texts, model=_SureModel(0.8))
    assert labels[group[1]] != labels[group[0]] == labels[group[2]]


def test_claims_of_very_different_lengths_are_not_merged() -> None:
    """A long multi-sentence quotation is close to each short claim it touches on; the
    length guard keeps it from joining them."""
    rng = np.random.default_rng(5)
    base = rng.normal(size=16)
    x = np.stack([base + 0.1 * rng.normal(size=16) for _ in range(3)])
    short = "Pauses would help the world"
    similar = "A pause would help the whole world"
    long = " ".join(["The lab says a pause would help the world but it is hard to verify."] * 2)
    assert group_restatements(x, threshold=0.8) == [0, 0, 0]  # vectors alone: one group
    labels = group_restatements(x, threshold=0.8, texts=[short, similar, long])
    assert labels[0] == labels[1] and labels[2] != labels[0]
    with pytest.raises(ValueError):
        group_restatements(x, threshold=0.8, texts=[short])
