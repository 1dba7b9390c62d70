"""Pieces of the gap-report evaluation that need no model."""

from __future__ import annotations

import pytest

from argmap.evaluation.gaps import _articles, ambiguous_arguments, negate
from argmap.evaluation.relations import ArgKP


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


def test_ambiguous_arguments_are_the_unlabelled_pairs_of_the_same_topic_and_stance():
    t = "We should ban uniforms"
    argkp = ArgKP(
        arguments={
            "a1": {"text": "x", "topic": t, "stance": 1},
            "a2": {"text": "y", "topic": t, "stance": 1},
            "a3": {"text": "z", "topic": t, "stance": -1},
            "a4": {"text": "w", "topic": "Other", "stance": 1},
        },
        key_points={
            "k1": {"text": "K1", "topic": t, "stance": 1},
            "k2": {"text": "K2", "topic": t, "stance": -1},
        },
        labels={("a1", "k1"): 1},
    )
    # a2 has no label for k1 (annotators disagreed); a3 is of the other stance, a4 of
    # another topic: neither can be ambiguous for k1
    assert ambiguous_arguments(argkp) == {"k1": {"a2"}, "k2": {"a3"}}
