"""Sentence embeddings (argmap.embed): MiniLM int8 ONNX without torch."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.embed import MINILM_TOKENIZER, Embedder, load_tokenizer, mean_pool, pad_batch
from argmap.errors import ModelError


def test_mean_pool_ignores_padding_and_normalises() -> None:
    hidden = np.array(
        [[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]], [[0.0, 2.0], [0.0, 2.0], [0.0, 2.0]]],
        dtype=np.float32,
    )
    mask = np.array([[1, 1, 0], [1, 1, 1]])
    pooled = mean_pool(hidden, mask)
    assert pooled.dtype == np.float32
    np.testing.assert_allclose(pooled, [[1.0, 0.0], [0.0, 1.0]], atol=1e-6)


def test_tokenizer_pads_per_batch_not_to_128() -> None:
    tok = load_tokenizer(MINILM_TOKENIZER, 256)
    feeds = pad_batch(tok.encode_batch(["Short.", "A somewhat longer sentence here."]))
    width = feeds["input_ids"].shape[1]
    assert width < 20
    assert feeds["attention_mask"][0].sum() < feeds["attention_mask"][1].sum()
    assert feeds["input_ids"][0, 0] == 101  # [CLS]


def test_tokenizer_truncates_to_max_length() -> None:
    tok = load_tokenizer(MINILM_TOKENIZER, 16)
    assert len(tok.encode("word " * 100).ids) == 16


def test_missing_tokenizer_raises_model_error(tmp_path) -> None:
    with pytest.raises(ModelError) as err:
        Embedder(tokenizer_path=tmp_path / "nope.json").encode(["x"])
    assert "[A300]" in str(err.value)
    assert "nope.json" in str(err.value)
    assert "reinstall" in str(err.value).lower()


def test_missing_model_file_raises_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="model file is missing"):
        Embedder(model_path=tmp_path / "model.onnx").encode(["x"])


def test_empty_input_does_not_load_the_model() -> None:
    emb = Embedder()
    out = emb.encode([])
    assert out.shape == (0, 384) and out.dtype == np.float32
    assert not emb.loaded


def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError):
        Embedder().encode("one sentence")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(threads=2)


@pytest.mark.slow
def test_vectors_are_unit_float32(embedder: Embedder) -> None:
    out = embedder.encode(["The council approved the budget.", "Rain is expected tomorrow."])
    assert out.shape == (2, 384) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_paraphrases_are_closer_than_unrelated_sentences(embedder: Embedder) -> None:
    a, b, c = embedder.encode(
        [
            "The city council voted to raise the bus fare.",
            "Councillors approved an increase in bus ticket prices.",
            "The striker scored twice in the second half.",
        ]
    )
    assert float(a @ b) > 0.6
    assert float(a @ b) > float(a @ c) + 0.3


@pytest.mark.slow
def test_order_and_batching_do_not_change_vectors(embedder: Embedder) -> None:
    texts = [f"Sentence number {i} talks about {'taxes ' * (i % 5)}policy." for i in range(23)]
    whole = embedder.encode(texts)
    again = embedder.encode(texts)
    assert np.array_equal(whole, again)  # deterministic
    reversed_ = embedder.encode(texts[::-1])[::-1]
    np.testing.assert_allclose(whole, reversed_, atol=1e-6)
    one_by_one = embedder.encode(texts, batch_size=1)
    np.testing.assert_allclose(whole, one_by_one, atol=2e-4)


@pytest.mark.slow
def test_loads_once(embedder: Embedder) -> None:
    embedder.encode(["first"])
    session = embedder._session
    embedder.encode(["second"])
    assert embedder._session is session
