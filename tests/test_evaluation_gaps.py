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
