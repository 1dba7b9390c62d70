"""``classify_pairs``: the library side of ``argmap relate PAIRS.jsonl``."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest

from argmap.errors import InputError
from argmap.relate.pairs import PairsInputError, classify_pairs


class _KeywordModel:
    """A stand-in for RelationModel: 'but' -> contradicts, 'because' -> supports."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.batches.append(len(pairs))
        rows = []
        for _, b in pairs:
            if "but" in b:
                rows.append([0.1, 0.812345, 0.087655])
            elif "because" in b:
                rows.append([0.7, 0.2, 0.1])
            else:
                rows.append([0.2, 0.2, 0.6])
        return np.array(rows, dtype=np.float32)


def _line(i: object, a: str = "Taxes should rise.", b: str = "because schools need it") -> str:
    return json.dumps({"id": i, "a": a, "b": b})


def test_output_records_follow_the_schema() -> None:
    out = list(
        classify_pairs(
            [_line("p1"), _line("p2", b="but growth would suffer"), _line(3, b="the weather")],
            model=_KeywordModel(),
        )
    )
    assert [r["id"] for r in out] == ["p1", "p2", 3]
    assert [r["relation"] for r in out] == ["supports", "contradicts", "unrelated"]
    second = out[1]
    assert list(second) == ["id", "relation", "score", "scores"]
    assert list(second["scores"]) == ["contradicts", "supports", "unrelated"]
    assert second["score"] == 0.8123 == second["scores"]["contradicts"]
    assert second["scores"]["unrelated"] == 0.0877


def test_dicts_are_accepted_as_well_as_json_lines() -> None:
    items = [{"id": "x", "a": "A claim.", "b": "because reasons"}]
    (rec,) = classify_pairs(items, model=_KeywordModel())
    assert rec["relation"] == "supports"


def test_order_is_kept_across_batches() -> None:
    model = _KeywordModel()
    lines = [_line(i, b="but no" if i % 2 else "because yes") for i in range(7)]
    out = list(classify_pairs(lines, model=model, batch_size=3))
    assert [r["id"] for r in out] == list(range(7))
    assert [r["relation"] for r in out] == [
        "contradicts" if i % 2 else "supports" for i in range(7)
    ]
    assert model.batches == [3, 3, 1]


def test_blank_lines_are_skipped_but_counted() -> None:
    lines = [_line("a"), "", "   \n", "{bad json"]
    with pytest.raises(PairsInputError) as err:
        list(classify_pairs(lines, model=_KeywordModel()))
    assert err.value.line == 4


@pytest.mark.parametrize(
    "bad,message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "q", "a": "x"}', "missing key 'b'"),
        ('{"a": "x", "b": "y"}', "missing key 'id'"),
        ('{"id": "q", "a": "x", "b": 3}', "'b' must be a string"),
        ('{"id": "q", "a": "  ", "b": "y"}', "'a' is empty"),
        ('{"id": [1], "a": "x", "b": "y"}', "'id' must be a string or an integer"),
    ],
)
def test_a_bad_line_raises_an_input_error_naming_its_line(bad: str, message: str) -> None:
    lines = [_line(1), _line(2), bad, _line(4)]
    seen = []
    with pytest.raises(PairsInputError) as err:
        for rec in classify_pairs(lines, model=_KeywordModel(), path="pairs.jsonl"):
            seen.append(rec["id"])
    text = str(err.value)
    assert isinstance(err.value, InputError)
    assert text.startswith("[A120] pairs.jsonl: line 3: ")
    assert message in text
    assert seen == [1, 2], "the good lines before the bad one are still classified"


def test_record_mode_reports_bad_lines_in_place() -> None:
    lines = [_line("a"), '{"id": "b", "a": "x"}', "oops", _line("d", b="but no")]
    out = list(classify_pairs(lines, model=_KeywordModel(), on_error="record"))
    assert [r.get("id") for r in out] == ["a", "b", None, "d"]
    assert out[1] == {"id": "b", "line": 2, "error": "missing key 'b'"}
    assert out[2]["line"] == 3 and "not valid JSON" in out[2]["error"]
    assert out[3]["relation"] == "contradicts"


def test_first_line_offsets_the_numbers() -> None:
    with pytest.raises(PairsInputError, match="line 11"):
        list(classify_pairs(["{}"], model=_KeywordModel(), first_line=11))


def test_unknown_error_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        list(classify_pairs([], model=_KeywordModel(), on_error="ignore"))  # type: ignore[arg-type]


@pytest.mark.slow
def test_with_the_shipped_model() -> None:
    lines = [
        _line("s", "Cities should expand public transport.", "Buses cut traffic and pollution."),
        _line("u", "Cities should expand public transport.", "The novel won a literary prize."),
    ]
    out = list(classify_pairs(lines))
    assert [r["id"] for r in out] == ["s", "u"]
    for rec in out:
        assert sum(rec["scores"].values()) == pytest.approx(1.0, abs=2e-4)
        assert rec["score"] == max(rec["scores"].values())
    assert out[1]["relation"] == "unrelated"
