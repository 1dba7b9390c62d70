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
#: How many of expected.toml's [[relations]] the graph must contain (measured: see
#: docs/evaluation.md). A floor: raise it when the relation stage finds more; never
#: lower it silently.
RELATIONS_FLOOR = 7


def _found(g, entry) -> bool:
    a, b = _nodes_with(g, entry["a"]), _nodes_with(g, entry["b"])
    if entry["relation"] == "restates":
        return bool(set(a) & set(b))
    if entry["relation"] == "supports":
        return bool(_linked(g, a, b, "supports"))
    return bool(_linked(g, a, b, "contradicts") or _linked(g, b, a, "contradicts"))


@pytest.mark.parametrize("entry", RELATIONS, ids=lambda e: f"{e['relation']}:{e['a'][:30]}")
def test_sample_relation_claims_are_extracted(entry):
    g = full_analysis(SAMPLE).graph
    assert _nodes_with(g, entry["a"]) and _nodes_with(g, entry["b"])


def test_sample_analogy_is_undercut_and_restatements_merge():
    g = full_analysis(SAMPLE).graph
    for entry in RELATIONS:
        if (
            entry["relation"] == "restates"
            or "Hallerby is not comparable" in entry["a"]
            or ("two million visitors" in entry["a"])
        ):
            assert _found(g, entry), entry
    analogy = _nodes_with(g, "Wrenhaven should do exactly what Hallerby did")
    attacks = [
        d
        for u, v, d in g.edges(data=True)
        if v in analogy and d.get("type") == "contradicts" and d.get("attack") == "undercut"
    ]
    assert len(attacks) >= 2


def test_sample_relations_reach_the_floor():
    g = full_analysis(SAMPLE).graph
    found = [e for e in RELATIONS if _found(g, e)]
    assert len(found) >= RELATIONS_FLOOR, [e["a"][:40] for e in found]


@pytest.mark.parametrize(
    "entry", expected(SAMPLE).get("perspective_of", []), ids=lambda e: e["speaker"]
)
def test_sample_perspective_of_speaker(entry):
    claims = [c for c in full_analysis(SAMPLE).extraction.claims if c.speaker == entry["speaker"]]
    assert claims
    assert all(c.perspective == entry["perspective"] for c in claims)


def test_rsi_key_claims_are_there_and_attributed():
    """The three claims issue 3 names, each with its speaker, and the difficulty and the
    criticism linked as attacks on the proposal (from them to it)."""
    g = full_analysis(shared_path("corpora", "rsi-arms-control")).graph
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
    # the criticism is read as an attack on what it answers
    assert any(
        d.get("type") == "contradicts" for n in capture for _, _, d in g.out_edges(n, data=True)
    )
    # ... and both the difficulty and the criticism attack the proposal itself
    difficulty = _nodes_with(g, "harder to monitor")
    assert difficulty and any("Anthropic" in g.nodes[n]["speakers"] for n in difficulty)
    assert _linked(g, difficulty, proposal, "contradicts")
    assert _linked(
        g, [n for n in capture if "David Sacks" in g.nodes[n]["speakers"]], proposal, "contradicts"
    )
