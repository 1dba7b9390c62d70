"""Pieces of the gap-report evaluation that need no model."""

from __future__ import annotations

import pytest

from argmap.evaluation.gaps import _articles, negate


@pytest.mark.parametrize(
    ("claim", "negated"),
    [
        ("We should ban cloning.", "We should not ban cloning."),
        ("Uniforms are not needed.", "Uniforms are needed."),
        ("Austerity works.", "It is not true that austerity works."),
    ],
)
def test_negate(claim, negated):
    assert negate(claim) == negated


def test_each_argument_becomes_one_body_only_article():
    a, b = _articles([("arg_1", "uniforms stop bullying"), ("arg_2", "Guns kill!")])
    assert a.text == "Uniforms stop bullying." and b.text == "Guns kill!"
    assert [r.role for r in a.regions] == ["body"] and a.headline_region is None
    assert a.id != b.id


def test_the_count_sweep_scores_each_rule_on_missing_and_argued_key_points():
    from argmap.evaluation.gap_counts import sweep

    row = {"claims": 100, "assigned": 100, "key_points": 4}
    rows = [
        {**row, "missing": True, "count": 0},
        {**row, "missing": True, "count": 2},
        {**row, "missing": False, "count": 2},
        {**row, "missing": False, "count": 30},
    ]
    by_rule = {r["rule"]: (r["recall"], r["false_alarms"]) for r in sweep(rows)}
    assert by_rule["at most 0% of the claims"] == (0.5, 0.0)
    assert by_rule["at most 2% of the claims"] == (1.0, 0.5)
