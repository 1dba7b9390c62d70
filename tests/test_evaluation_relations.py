"""Metrics and data loaders of argmap.evaluation.relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.evaluation.__main__ import main as evaluation_main
from argmap.evaluation.relations import (
    ArgKP,
    MissingData,
    as_question,
    average_precision,
    bcubed,
    classification_scores,
    evaluate_argkp_side,
    gold_paraphrase_clusters,
    kpa_mean_average_precision,
    load_argkp,
    load_perspectrum,
)

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
needs_shared = pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")


def test_average_precision_like_sklearn() -> None:
    # precision 1 at recall .5, then precision 2/3 at recall 1
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.7]) == pytest.approx(0.5 + 0.5 * 2 / 3)
    # tied scores enter together: one threshold, precision 1/2
    assert average_precision([1, 0], [0.5, 0.5]) == pytest.approx(0.5)
    assert average_precision([0, 0], [0.9, 0.1]) == 0.0
    assert average_precision([1, 1], [0.2, 0.1]) == pytest.approx(1.0)


def test_macro_f1_and_accuracy() -> None:
    gold = ["supports", "supports", "contradicts", "contradicts"]
    pred = ["supports", "contradicts", "contradicts", "contradicts"]
    res = classification_scores(gold, pred)
    assert res["accuracy"] == 0.75
    f1_s = 2 * 1.0 * 0.5 / 1.5
    f1_c = 2 * (2 / 3) * 1.0 / (2 / 3 + 1)
    assert res["macro_f1"] == pytest.approx((f1_s + f1_c) / 2)


def test_bcubed() -> None:
    assert bcubed(["a", "a", "b"], [1, 1, 2])["f1"] == pytest.approx(1.0)
    all_one = bcubed(["a", "a", "b", "b"], [0, 0, 0, 0])
    assert all_one["recall"] == 1.0 and all_one["precision"] == pytest.approx(0.5)
    singletons = bcubed(["a", "a", "b", "b"], [0, 1, 2, 3])
    assert singletons["precision"] == 1.0 and singletons["recall"] == pytest.approx(0.5)


def _toy_argkp() -> ArgKP:
    args = {
        f"a{i}": {"text": f"arg {i}", "topic": "T", "stance": 1 if i < 4 else -1} for i in range(8)
    }
    kps = {
        "k1": {"text": "kp 1", "topic": "T", "stance": 1},
        "k2": {"text": "kp 2", "topic": "T", "stance": 1},
        "k3": {"text": "kp 3", "topic": "T", "stance": -1},
    }
    labels = {("a0", "k1"): 1, ("a1", "k2"): 1, ("a2", "k1"): 0, ("a4", "k3"): 1, ("a5", "k3"): 0}
    return ArgKP(args, kps, labels)


def test_kpa_map_follows_the_shared_task() -> None:
    kp = _toy_argkp()
    assert ("a0", "k3") not in kp.candidates()  # only the same stance
    scores = {
        ("a0", "k1"): 0.9, ("a0", "k2"): 0.1,  # right, score .9
        ("a1", "k1"): 0.8, ("a1", "k2"): 0.2,  # best is wrong-ish: unlabelled -> strict 0
        ("a2", "k1"): 0.7, ("a2", "k2"): 0.3,  # labelled 0
        ("a3", "k1"): 0.1, ("a3", "k2"): 0.05,  # bottom half: ignored
        ("a4", "k3"): 0.6, ("a5", "k3"): 0.5, ("a6", "k3"): 0.4,
        # a7 has no prediction: dummy key point, score 0, label 0
    }  # fmt: skip
    res = kpa_mean_average_precision(kp, scores)
    # pro: top 2 of 4 = a0 (1), a1 (unlabelled: strict 0, relaxed 1)
    # con: top 2 of 4 = a4 (1), a5 (0)
    assert res["groups"]["T (pro)"]["strict"] == pytest.approx(1.0)
    assert res["groups"]["T (pro)"]["relaxed"] == pytest.approx(1.0)
    assert res["groups"]["T (con)"]["strict"] == pytest.approx(1.0)
    assert res["map_strict"] == pytest.approx(1.0)
    scores[("a1", "k1")] = 0.95  # the unlabelled match now ranks first
    res = kpa_mean_average_precision(kp, scores)
    assert res["groups"]["T (pro)"]["strict"] == pytest.approx(0.5)
    assert res["groups"]["T (pro)"]["relaxed"] == pytest.approx(1.0)


def test_missing_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        load_perspectrum(tmp_path)
    with pytest.raises(MissingData):
        load_argkp(tmp_path, "dev")


def test_cli_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "res.json"
    assert evaluation_main(["all", "--data", str(tmp_path / "absent"), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "perspectrum: skipped" in printed and "argkp: skipped" in printed
    assert "skipped" in out.read_text()


@pytest.mark.shared
@needs_shared
def test_perspectrum_and_argkp_load_from_shared() -> None:
    persp = load_perspectrum(SHARED_EVAL)
    assert len(persp.split("dev")) == 139 and len(persp.split("train")) == 541
    pairs = persp.stance_pairs(persp.split("dev"))
    assert {s for *_, s in pairs} == {"supports", "contradicts"}
    gold = gold_paraphrase_clusters(persp.split("dev"))
    assert len(set(gold.values())) < len(gold)
    dev = load_argkp(SHARED_EVAL, "dev")
    assert len(dev.topics()) == 4
    assert all(dev.arguments[a]["stance"] == dev.key_points[k]["stance"] for a, k in dev.labels)


@pytest.mark.parametrize(
    ("topic", "question"),
    [
        ("We should ban school uniforms", "Should we ban school uniforms?"),
        (
            "We should fight for the abolition of nuclear weapons.",
            "Should we fight for the abolition of nuclear weapons?",
        ),
        (
            "Assisted suicide should be a criminal offence",
            "Should assisted suicide be a criminal offence?",
        ),
        ("AI development is dangerous", "Is AI development dangerous?"),
        ("Ban it now", None),
    ],
)
def test_a_topic_is_put_as_the_question_it_answers(topic: str, question: str | None) -> None:
    assert as_question(topic) == question


class _AlwaysFor:
    """Reads every sentence as arguing for the topic; records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def predict(self, pairs, symmetric=None):
        import numpy as np

        self.asked += list(pairs)
        return np.tile(np.array([0.9, 0.1, 0.0], dtype=np.float32), (len(pairs), 1))


@pytest.mark.shared
@needs_shared
def test_side_of_the_topic_is_scored_against_the_annotated_stance() -> None:
    dev = load_argkp(SHARED_EVAL, "dev")
    pro = sum(a["stance"] == 1 for a in dev.arguments.values()) / len(dev.arguments)
    model = _AlwaysFor()
    res = evaluate_argkp_side(SHARED_EVAL, model=model, question=True)
    assert res["n"] == len(dev.arguments)
    assert res["accuracy"] == pytest.approx(pro)
    assert res["confident"] == {"share": 1.0, "accuracy": pytest.approx(pro)}
    assert all(q.endswith("?") for q, _ in model.asked)  # asked as questions, topic first
