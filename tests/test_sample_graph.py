"""The claim graph of the sample corpus and of the real rsi-arms-control articles
against what must be in it: expected.toml's [[relations]] and [[perspective_of]], and
the three claims issue 3 names for the real story."""

from __future__ import annotations

import pytest
from conftest import CORPORA, expected, full_analysis, shared_path

pytestmark = pytest.mark.slow

SAMPLE = CORPORA / "wrenhaven-congestion-charge"


def _nodes_with(g, fragment: str) -> list[str]:
    return [
        n
        for n, d in g.nodes(data=True)
        if d.get("type") == "claim" and any(fragment in o["text"] for o in d["occurrences"])
    ]


def _linked(g, a: list[str], b: list[str], relation: str) -> list[tuple[str, str]]:
    return [
        (u, v) for u in a for v in b if g.has_edge(u, v) and g.edges[u, v].get("type") == relation
    ]


RELATIONS = expected(SAMPLE).get("relations", [])


@pytest.mark.parametrize("entry", RELATIONS, ids=lambda e: f"{e['relation']}:{e['a'][:30]}")
def test_sample_relation(entry):
    g = full_analysis(SAMPLE).graph
    a, b = _nodes_with(g, entry["a"]), _nodes_with(g, entry["b"])
    assert a and b, "both claims must be extracted"
    if entry["relation"] == "restates":
        assert set(a) & set(b), "the two wordings should be one canonical claim"
    elif entry["relation"] == "supports":
        assert _linked(g, a, b, "supports"), "a should support b"
    else:  # an attack may be recorded either way round
        assert _linked(g, a, b, "contradicts") or _linked(g, b, a, "contradicts")


def test_sample_graph_is_not_a_hairball():
    analysis = full_analysis(SAMPLE)
    relations = len(analysis.relations)
    assert relations <= 1.5 * len(analysis.canonical), relations


@pytest.mark.parametrize(
    "entry", expected(SAMPLE).get("perspective_of", []), ids=lambda e: e["speaker"]
)
def test_sample_perspective_of_speaker(entry):
    claims = [c for c in full_analysis(SAMPLE).extraction.claims if c.speaker == entry["speaker"]]
    assert claims
    assert all(c.perspective == entry["perspective"] for c in claims)


def test_rsi_key_claims_are_attributed_and_linked():
    analysis = full_analysis(shared_path("corpora", "rsi-arms-control"))
    g = analysis.graph
    proposal = [
        n
        for n in _nodes_with(g, "")
        if any(w in g.nodes[n]["text"].lower() for w in ("pause", "slow", "halt", "verif"))
        and "Anthropic" in g.nodes[n]["speakers"]
    ]
    silos = _nodes_with(g, "missile silos")
    capture = _nodes_with(g, "regulatory capture")
    assert proposal and silos and capture
    assert any("Anthropic" in g.nodes[n]["speakers"] for n in silos)
    assert any("David Sacks" in g.nodes[n]["speakers"] for n in capture)
    # the difficulty and the criticism attack the proposal, not the other way round
    assert _linked(g, silos, proposal, "contradicts"), "silos -> proposal"
    assert not _linked(g, proposal, silos, "contradicts")
    assert _linked(g, capture, [n for n in _nodes_with(g, "") if n not in capture], "contradicts")
