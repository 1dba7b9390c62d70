"""The models argmap trains and ships: supports / contradicts / unrelated.

Three files of the same kind, each with its own card:

- the **relation model** (``argmap/models/relation/``) reads two claims: does one support
  or contradict the other (claim-to-claim relations, restatements);
- the **stance reader** (``argmap/models/stance/``), trained on the Perspectrum support
  / undermine pairs alone, reads which way a pair goes given that it is related: the
  relation stage asks it about every attack the relation model reads alone, and drops
  those it reads as support (``argmap.relate.links``);
- the **key-point matcher** (``argmap/models/matcher/``) reads a claim and a viewpoint (a
  perspective's name and description, a key point): does the claim argue it
  (``supports``), argue the other side of the same point (``contradicts``), or neither.
  It is trained on ArgKP matching alone; ``analyze(..., matcher=default_matcher())``
  assigns claims to perspectives with it (the relation model does by default).

``argmap/models/relation/model.onnx`` is all-MiniLM-L6-v2 fine-tuned as a cross-encoder
(``training/train_relation.py``; see ``MODEL_CARD.md`` beside it), quantised to int8 and
run here with onnxruntime; torch is not needed. ``config.json`` beside it names the
labels, the maximum length and the sha256 of the model file, which is checked on load.

>>> model = RelationModel()
>>> probs = model.predict([("Uniforms reduce bullying.", "Uniforms do not stop bullying.")])
>>> probs.shape                                    # (1, 3): supports, contradicts, unrelated
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from argmap.embed import MODELS_DIR, load_tokenizer, onnx_session, pad_batch, sha256_file
from argmap.errors import ModelError

LABELS: tuple[str, str, str] = ("supports", "contradicts", "unrelated")
RELATION_DIR = MODELS_DIR / "relation"
MATCHER_DIR = MODELS_DIR / "matcher"
STANCE_DIR = MODELS_DIR / "stance"

_REINSTALL = (
    "Reinstall argmap (make install), or rebuild the model with training/train_relation.py."
)


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64)
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return (z / z.sum(axis=1, keepdims=True)).astype(np.float32)


class RelationModel:
    """Probabilities of supports / contradicts / unrelated for pairs of sentences.

    ``symmetric=True`` (the default) scores each pair in both orders and averages them:
    the candidate pairs argmap finds have no natural order, and on the Perspectrum dev
    claims averaging was at least as good as one order (``docs/evaluation.md``).
    """

    labels = LABELS

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        threads: int = 2,
        symmetric: bool = True,
        verify: bool = True,
    ) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else RELATION_DIR
        self.what = {"matcher": "key-point matcher", "stance": "stance reader"}.get(
            self.model_dir.name, "relation model"
        )
        self.threads = threads
        self.symmetric = symmetric
        self.verify = verify
        self._session: Any = None
        self._tokenizer: Any = None
        self._config: dict[str, Any] | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading
    @property
    def config(self) -> dict[str, Any]:
        if self._config is None:
            self._config = self._read_config()
        return self._config

    def _read_config(self) -> dict[str, Any]:
        path = self.model_dir / "config.json"
        if not path.is_file():
            raise ModelError(
                f"the {self.what}'s config.json is missing.", path=path, hint=_REINSTALL
            )
        try:
            config = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(
                f"the {self.what}'s config.json cannot be read ({exc}).",
                path=path,
                hint=_REINSTALL,
            ) from exc
        labels = tuple(config.get("labels", ()))
        if labels != LABELS:
            raise ModelError(
                f"the {self.what}'s labels are {list(labels)}, expected {list(LABELS)}.",
                path=path,
                hint=_REINSTALL,
            )
        for key in ("sha256", "max_length"):
            if key not in config:
                raise ModelError(f"config.json has no {key!r}.", path=path, hint=_REINSTALL)
        return config

    @property
    def version(self) -> str:
        return str(self.config.get("version", "unknown"))

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> RelationModel:
        """Check and load the model (once; later calls return at once)."""
        with self._lock:
            if self._session is not None:
                return self
            config = self.config
            model_path = self.model_dir / "model.onnx"
            if not model_path.is_file():
                raise ModelError(
                    f"the {self.what} file is missing.", path=model_path, hint=_REINSTALL
                )
            if self.verify:
                actual = sha256_file(model_path)
                if actual != config["sha256"]:
                    raise ModelError(
                        f"the {self.what} file does not match the sha256 in config.json "
                        f"(expected {config['sha256'][:12]}..., found {actual[:12]}...).",
                        path=model_path,
                        hint="The file is damaged or was replaced: " + _REINSTALL,
                    )
            tokenizer_path = self.model_dir / config.get("tokenizer", "../minilm/tokenizer.json")
            tokenizer = load_tokenizer(tokenizer_path.resolve(), int(config["max_length"]))
            self._session = onnx_session(model_path, self.threads)
            self._output = config.get("output", "logits")
            self._inputs = {i.name for i in self._session.get_inputs()}
            self._tokenizer = tokenizer
        return self

    # --------------------------------------------------------------- prediction
    def _logits(self, pairs: list[tuple[str, str]], batch_size: int) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(pairs)
        order = sorted(range(len(pairs)), key=lambda i: (-len(encodings[i].ids), i))
        out = np.empty((len(pairs), len(LABELS)), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            feeds = pad_batch([encodings[i] for i in rows])
            feeds = {k: v for k, v in feeds.items() if k in self._inputs}
            out[rows] = self._session.run([self._output], feeds)[0]
        return out

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 1,
        *,
        symmetric: bool | None = None,
    ) -> np.ndarray:
        """Probabilities ``[n, 3]`` (float32; columns supports, contradicts, unrelated).

        Each pair is run alone by default (``batch_size=1``): the int8 model quantises
        its activations per call, so in a batch a pair's scores would shift slightly
        with the other pairs and their padding. One at a time, a pair always gets the
        same scores, whatever else is classified; it is also faster than padded
        batches on 2 cores (``benchmarks/bench_relate.py``)."""
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, not {batch_size}.")
        clean: list[tuple[str, str]] = []
        for i, pair in enumerate(pairs):
            if len(pair) != 2 or not all(isinstance(t, str) for t in pair):
                raise TypeError(f"pair {i} is not a (str, str) tuple: {pair!r}")
            clean.append((pair[0], pair[1]))
        if not clean:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        self.load()
        both = self.symmetric if symmetric is None else symmetric
        if not both:
            return softmax(self._logits(clean, batch_size))
        n = len(clean)
        logits = self._logits(clean + [(b, a) for a, b in clean], batch_size)
        return ((softmax(logits[:n]) + softmax(logits[n:])) / 2).astype(np.float32)

    def classify(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 1
    ) -> list[tuple[str, float]]:
        """The most probable label of each pair with its probability."""
        probs = self.predict(pairs, batch_size)
        best = probs.argmax(axis=1)
        return [(LABELS[int(k)], float(probs[i, k])) for i, k in enumerate(best)]


@functools.lru_cache(maxsize=1)
def default_model() -> RelationModel:
    """The shipped relation model, loaded once per process."""
    return RelationModel().load()


@functools.lru_cache(maxsize=1)
def default_matcher() -> RelationModel:
    """The shipped key-point matcher, loaded once per process."""
    return RelationModel(MATCHER_DIR).load()


@functools.lru_cache(maxsize=1)
def default_stance() -> RelationModel:
    """The shipped stance reader, loaded once per process."""
    return RelationModel(STANCE_DIR).load()
