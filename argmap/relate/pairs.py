"""Classify claim pairs given as JSON lines: the library side of ``argmap relate PAIRS.jsonl``.

Each input line is an object ``{"id": ..., "a": "...", "b": "..."}``; each output record is

    {"id": ..., "relation": "supports"|"contradicts"|"unrelated", "score": 0.9123,
     "scores": {"contradicts": 0.0411, "supports": 0.9123, "unrelated": 0.0466}}

with probabilities rounded to 4 decimals, ``scores`` keys sorted, ``relation`` the most
probable class and ``score`` its probability. Output comes in input order.

Bad lines: by default (``on_error="raise"``) the first bad line raises
:class:`PairsInputError` (an :class:`argmap.errors.InputError`) that names the line
number and what is wrong, before anything after it is classified; records for the good
lines before it have already been yielded. With ``on_error="record"`` a bad line yields
``{"line": N, "error": "..."}`` (plus ``"id"`` when the line had one) in its place and the
rest goes on, for callers that prefer a report to a stop. Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from argmap.errors import InputError
from argmap.relate.model import LABELS, RelationModel, default_model


class PairsInputError(InputError):
    """A line of a pairs file is not ``{"id", "a", "b"}`` with two non-empty texts."""

    code = "A120"

    def __init__(self, message: str, *, line: int, path: str | None = None):
        self.line = line
        super().__init__(
            f"line {line}: {message}",
            path=path,
            hint='Each line must be a JSON object like {"id": "p1", "a": "...", "b": "..."}.',
        )


def _parse(item: Any, line: int) -> tuple[Any, str, str]:
    if isinstance(item, (str, bytes)):
        try:
            item = json.loads(item)
        except ValueError as exc:
            raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(item, dict):
        raise ValueError(f"expected a JSON object, found {type(item).__name__}")
    missing = [k for k in ("id", "a", "b") if k not in item]
    if missing:
        raise ValueError(
            f"missing key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}"
        )
    if not isinstance(item["id"], (str, int)) or isinstance(item["id"], bool):
        raise ValueError(f"'id' must be a string or an integer, not {type(item['id']).__name__}")
    for key in ("a", "b"):
        value = item[key]
        if not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string, not {type(value).__name__}")
        if not value.strip():
            raise ValueError(f"{key!r} is empty")
    return item["id"], item["a"], item["b"]


def _id_of(item: Any) -> Any:
    """The id of a bad line when it has a usable one, else None."""
    if isinstance(item, (str, bytes)):
        try:
            item = json.loads(item)
        except ValueError:
            return None
    if isinstance(item, dict):
        pid = item.get("id")
        if isinstance(pid, (str, int)) and not isinstance(pid, bool):
            return pid
    return None


def _record(pid: Any, probs: Any) -> dict[str, Any]:
    scores = {label: round(float(probs[i]), 4) for i, label in enumerate(LABELS)}
    best = max(range(len(LABELS)), key=lambda i: (float(probs[i]), -i))
    return {
        "id": pid,
        "relation": LABELS[best],
        "score": scores[LABELS[best]],
        "scores": dict(sorted(scores.items())),
    }


def classify_pairs(
    lines: Iterable[dict[str, Any] | str],
    *,
    model: RelationModel | None = None,
    batch_size: int = 256,
    on_error: Literal["raise", "record"] = "raise",
    path: str | None = None,
    first_line: int = 1,
) -> Iterator[dict[str, Any]]:
    """Classify ``{"id", "a", "b"}`` items (dicts, or raw JSON lines) lazily, in order.

    ``path`` is only used in error messages; ``first_line`` is the number of the first
    item (1 for a whole file).
    """
    if on_error not in ("raise", "record"):
        raise ValueError("on_error must be 'raise' or 'record'")
    rel = model or default_model()
    pending: list[tuple[int, Any, str, str] | dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        todo = [p for p in pending if isinstance(p, tuple)]
        probs = rel.predict([(a, b) for _, _, a, b in todo]) if todo else []
        by_line = {p[0]: probs[i] for i, p in enumerate(todo)}
        for p in pending:
            if isinstance(p, dict):
                yield p
            else:
                yield _record(p[1], by_line[p[0]])
        pending.clear()

    for offset, item in enumerate(lines):
        line = first_line + offset
        if isinstance(item, (str, bytes)) and not item.strip():
            continue
        try:
            pid, a, b = _parse(item, line)
        except ValueError as exc:
            if on_error == "raise":
                yield from flush()
                raise PairsInputError(str(exc), line=line, path=path) from None
            err: dict[str, Any] = {"line": line, "error": str(exc)}
            known = _id_of(item)
            if known is not None:
                err = {"id": known, **err}
            pending.append(err)
            continue
        pending.append((line, pid, a, b))
        if sum(1 for p in pending if isinstance(p, tuple)) >= batch_size:
            yield from flush()
    yield from flush()
