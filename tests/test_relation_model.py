"""The shipped relation model and key-point matcher (argmap.relate.model): integrity
checks and behaviour."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from argmap.embed import sha256_file
from argmap.errors import ModelError
from argmap.relate.model import (
    LABELS,
    MATCHER_DIR,
    RELATION_DIR,
    STANCE_DIR,
    RelationModel,
    softmax,
)


def _copy_config(tmp_path: Path, **changes: object) -> Path:
    config = json.loads((RELATION_DIR / "config.json").read_text())
    config.update(changes)
    (tmp_path / "config.json").write_text(json.dumps(config))
    return tmp_path


@pytest.mark.parametrize(
    "folder", [RELATION_DIR, MATCHER_DIR, STANCE_DIR], ids=["relation", "matcher", "stance"]
)
def test_shipped_config_names_the_labels_in_order_and_the_file_hash(folder: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    assert config["labels"] == ["supports", "contradicts", "unrelated"]
    assert config["sha256"] == sha256_file(folder / "model.onnx")
    assert (folder / "MODEL_CARD.md").is_file()
    assert (folder / config["tokenizer"]).resolve().is_file()
    # the card reports the dev figures it was measured with
    dev = "perspectrum_dev" if folder == STANCE_DIR else "argkp_dev"
    assert "evaluation" in config and dev in config["evaluation"]


def test_errors_name_the_model_they_are_about(tmp_path: Path) -> None:
    folder = tmp_path / "matcher"
    folder.mkdir()
    with pytest.raises(ModelError, match=r"key-point matcher's config\.json is missing"):
        RelationModel(folder).load()


def test_sha256_mismatch_raises_model_error(tmp_path: Path) -> None:
    _copy_config(tmp_path)
    (tmp_path / "model.onnx").write_bytes(b"not the model")
    with pytest.raises(ModelError) as err:
        RelationModel(tmp_path).predict([("a", "b")])
    message = str(err.value)
    assert "[A300]" in message and "sha256" in message and "model.onnx" in message


def test_missing_model_file_raises_model_error(tmp_path: Path) -> None:
    _copy_config(tmp_path)
    with pytest.raises(ModelError, match="model file is missing"):
        RelationModel(tmp_path).load()


def test_missing_config_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"config\.json is missing"):
        RelationModel(tmp_path).load()


def test_labels_in_another_order_are_refused(tmp_path: Path) -> None:
    _copy_config(tmp_path, labels=["contradicts", "supports", "unrelated"])
    shutil.copy(RELATION_DIR / "model.onnx", tmp_path / "model.onnx")
    with pytest.raises(ModelError, match="labels"):
        RelationModel(tmp_path).load()


def test_softmax_rows_sum_to_one() -> None:
    p = softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]], dtype=np.float32))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6)
    assert p[1, 0] == pytest.approx(1.0)


def test_empty_input_gives_an_empty_array_without_loading() -> None:
    model = RelationModel()
    out = model.predict([])
    assert out.shape == (0, 3)
    assert not model.loaded


@pytest.fixture(scope="module")
def model() -> RelationModel:
    return RelationModel().load()


SUPPORT = (
    "Cities should expand public transport.",
    "More buses and trains would cut traffic congestion and pollution in cities.",
)
CONTRADICT = (
    "Cities should expand public transport.",
    "Expanding public transport wastes money that cities do not have.",
)
UNRELATED = (
    "Cities should expand public transport.",
    "The novel won a prize for its portrait of rural family life.",
)


@pytest.mark.slow
def test_probabilities_have_the_right_shape(model: RelationModel) -> None:
    p = model.predict([SUPPORT, CONTRADICT, UNRELATED])
    assert p.shape == (3, 3) and p.dtype == np.float32
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert model.labels == LABELS


@pytest.mark.slow
def test_obvious_support_and_contradiction(model: RelationModel) -> None:
    p = model.predict([SUPPORT, CONTRADICT])
    assert p[0, 0] > p[0, 1], "a reason for the claim should score supports above contradicts"
    assert p[1, 1] > p[1, 0], "a reason against the claim should score contradicts higher"
    assert p[1, 1] > p[0, 1]


@pytest.mark.slow
def test_negation_is_a_contradiction(model: RelationModel) -> None:
    p = model.predict([("Nuclear power is safe.", "Nuclear power is not safe.")])
    assert p[0, 1] > p[0, 0]


@pytest.mark.slow
def test_unrelated_topic_is_unrelated(model: RelationModel) -> None:
    p = model.predict([UNRELATED])
    assert int(np.argmax(p[0])) == 2


@pytest.mark.slow
def test_symmetric_scores_do_not_depend_on_order(model: RelationModel) -> None:
    forward = model.predict([CONTRADICT], symmetric=True)
    backward = model.predict([CONTRADICT[::-1]], symmetric=True)
    np.testing.assert_allclose(forward, backward, atol=1e-5)
    one_way = model.predict([CONTRADICT], symmetric=False)
    other_way = model.predict([CONTRADICT[::-1]], symmetric=False)
    np.testing.assert_allclose((one_way + other_way) / 2, forward, atol=1e-5)


@pytest.mark.slow
def test_deterministic_and_independent_of_the_other_pairs(model: RelationModel) -> None:
    pairs = [SUPPORT, CONTRADICT, UNRELATED] * 5
    a = model.predict(pairs)
    b = model.predict(pairs)
    assert np.array_equal(a, b)
    alone = model.predict([CONTRADICT])
    assert np.array_equal(alone[0], a[1])
    # batches are allowed, and stay close (int8 activations are quantised per call, and
    # how far a padded batch moves a score depends on the CPU's int8 kernels: up to 0.053
    # seen on an AMD EPYC with AVX-512 VNNI)
    c = model.predict(pairs, batch_size=32)
    np.testing.assert_allclose(a, c, atol=0.1)


@pytest.mark.slow
def test_classify_returns_label_and_probability(model: RelationModel) -> None:
    (label, score), *_ = model.classify([UNRELATED])
    assert label == "unrelated" and 0.34 < score <= 1.0


def test_bad_pair_is_refused() -> None:
    with pytest.raises(TypeError, match="pair 1"):
        RelationModel().predict([("a", "b"), ("only one",)])  # type: ignore[list-item]


@pytest.fixture(scope="module")
def matcher() -> RelationModel:
    return RelationModel(MATCHER_DIR).load()


@pytest.mark.slow
def test_matcher_ranks_the_point_an_argument_makes_first(matcher: RelationModel) -> None:
    argument = "Buying several sets of uniform every year costs parents a lot of money."
    points = [
        "School uniforms are expensive for families",  # the point it makes
        "School uniforms reduce bullying",  # same topic, another point
        "School uniforms save families money",  # the other side of the same point
        "Cities should build more cycle lanes",  # another topic
    ]
    p = matcher.predict([(argument, k) for k in points])
    assert int(np.argmax(p[:, 0])) == 0
    assert p[0, 0] > 0.5
    assert p[1, 0] < 0.2 and p[3, 0] < 0.2
    # the other side of the same point ("save money") is not told apart reliably (0.84
    # in 1.0.0, below the point made): a limitation stated in the model card


@pytest.mark.slow
def test_stance_reader_loads_and_gives_probabilities() -> None:
    from argmap.relate.model import default_stance

    reader = default_stance()
    assert reader.what == "stance reader"
    probs = reader.predict([SUPPORT, CONTRADICT])
    assert probs.shape == (2, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    # it is never trained on unrelated pairs: the related share is nearly all
    assert (probs[:, :2].sum(axis=1) > 0.9).all()
