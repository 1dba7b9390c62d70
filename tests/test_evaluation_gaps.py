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


def _scored(matcher_supports):
    """Two key points (k1 pro, k2 con); arguments a1 (makes k1), a2 (makes k2) and a3
    (con, unlabelled for k2); one claim per argument with the matcher's *supports*."""
    import numpy as np

    from argmap.evaluation.gap_rules import TopicScores

    s = np.array(matcher_supports, dtype=float)
    probs = np.stack([s, np.zeros_like(s), 1 - s], axis=-1)
    return TopicScores(
        topic="t",
        key_points=["k1", "k2"],
        key_point_stance={"k1": 1, "k2": -1},
        arguments=["a1", "a2", "a3"],
        stance={"a1": 1, "a2": -1, "a3": -1},
        claim_argument=["a1", "a2", "a3"],
        cosine=s.copy(),
        matcher=probs,
        relation=probs,
        matches={"k1": {"a1"}, "k2": {"a2"}},
        ambiguous={"k1": set(), "k2": {"a3"}},
    )


def test_gap_rules_replay_the_protocol_and_name_what_keeps_a_key_point_present():
    from argmap.evaluation.gap_rules import RULES, culprits, replay

    # a3 (opposite stance to k1) is read as making k1: with a1 removed, k1 stays present
    tp = _scored([[0.9, 0.1], [0.1, 0.9], [0.8, 0.3]])
    rule = RULES["argmax supports"]
    assert replay([tp], rule, 0.5) == (0.5, 0.0)  # k2 found missing, k1 not
    assert replay([tp], rule, 0.85) == (1.0, 0.0)  # a3's reading no longer counts
    assert replay([tp], rule, 0.95) == (1.0, 1.0)  # nothing counts: k1 and k2 "missing"
    # a3 is unlabelled for k2 only (k1 is the other stance): removing the ambiguous
    # arguments too does not take it out of k1's trial
    assert replay([tp], rule, 0.5, ambiguous=True) == (0.5, 0.0)
    found = culprits([tp])
    assert found["opposite stance"] == 1 and found["trials kept present"] == 1


def test_the_evaluation_reads_key_points_with_the_matcher_and_sides_with_the_relation_model(
    monkeypatch,
):
    import argmap.relate.model as model_module
    from argmap.evaluation.gaps import _Assigner
    from argmap.nlp import load_pipeline
    from argmap.records import PerspectiveDef

    monkeypatch.setattr(model_module, "default_matcher", lambda: "matcher")
    monkeypatch.setattr(model_module, "default_model", lambda: "relation")
    assigner = object.__new__(_Assigner)
    assigner.nlp, assigner.mode, assigner.used = load_pipeline(), "auto", set()
    points = [PerspectiveDef("k", "School uniforms save costs", "School uniforms save costs")]
    sides = [PerspectiveDef("for", "For", "Uniforms should be banned.")]
    assert assigner.reader(points) == "matcher"
    assert assigner.reader(sides) == "relation"
    assert assigner.used == {"matcher", "relation"}
    assigner.mode = "relation"
    assert assigner.reader(points) == "relation"
    with pytest.raises(ValueError, match="auto, relation or matcher"):
        _Assigner(matcher="cosine")
