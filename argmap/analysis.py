"""What the claim graph says, for an editor.

- **contested**: claims that another claim contradicts;
- **consensus**: claims made, or supported, from two or more perspectives;
- **unanswered attacks**: attacks that no claim answers (nothing attacks the attacker);
- **single source**: attributed claims resting on one speaker in one outlet;
- **self-serving**: claims resting only on the party they benefit (a company's claims
  about its own progress);
- **key points**: the central claims, ranked by prevalence (how many speakers and
  outlets make them) and by how much the debate engages with them.

Each function takes the graph (:mod:`argmap.graph`) and returns plain dicts, in a
stable order, ready for ``graph.json`` and the pages.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from .graph import claim_nodes, relation_edges

KEY_POINTS = 10


def _claim(g: nx.DiGraph, node: str) -> dict[str, Any]:
    d = g.nodes[node]
    return {
        "id": node,
        "text": d["text"],
        "speakers": d["speakers"],
        "outlets": d["outlets"],
        "perspective": d["perspective"],
    }


def contested(g: nx.DiGraph) -> list[dict[str, Any]]:
    attacks: dict[str, list[dict[str, Any]]] = {}
    for u, v, d in relation_edges(g, "contradicts"):
        attacks.setdefault(v, []).append(
            {"id": u, "score": d["score"], "attack": d.get("attack"), "rationale": d["rationale"]}
        )
    out = []
    for node in sorted(attacks, key=lambda n: (-len(attacks[n]), n)):
        out.append(
            _claim(g, node)
            | {"attacked_by": sorted(attacks[node], key=lambda a: (-a["score"], a["id"]))}
        )
    return out


def consensus(g: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for node in claim_nodes(g):
        d = g.nodes[node]
        perspectives = {g.nodes[s].get("perspective") for s in d["speaker_ids"]} - {None}
        supporters = [u for u, _, e in g.in_edges(node, data=True) if e.get("type") == "supports"]
        perspectives |= {g.nodes[u].get("perspective") for u in supporters} - {None}
        if d["perspective"]:
            perspectives.add(d["perspective"])
        if len(perspectives) >= 2 and not any(
            e.get("type") == "contradicts" for _, _, e in g.in_edges(node, data=True)
        ):
            out.append(
                _claim(g, node)
                | {"perspectives": sorted(perspectives), "supported_by": sorted(supporters)}
            )
    return sorted(out, key=lambda c: (-len(c["perspectives"]), c["id"]))


def unanswered_attacks(g: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for u, v, d in relation_edges(g, "contradicts"):
        answered = any(e.get("type") == "contradicts" for _, _, e in g.in_edges(u, data=True))
        if not answered:
            out.append(
                {
                    "attacker": _claim(g, u),
                    "target": _claim(g, v),
                    "score": d["score"],
                    "attack": d.get("attack"),
                    "tentative": d.get("tentative", False),
                    "rationale": d["rationale"],
                }
            )
    return sorted(out, key=lambda a: (-a["score"], a["attacker"]["id"], a["target"]["id"]))


def single_source(g: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for node in claim_nodes(g):
        d = g.nodes[node]
        if d["attributions"] == ["outlet"]:
            continue
        if d["prevalence"]["speakers"] <= 1 and d["prevalence"]["outlets"] <= 1:
            degree = sum(
                1
                for _, _, e in g.in_edges(node, data=True)
                if e.get("type") in ("supports", "contradicts")
            )
            degree += sum(
                1
                for _, _, e in g.out_edges(node, data=True)
                if e.get("type") in ("supports", "contradicts")
            )
            out.append(_claim(g, node) | {"relations": degree})
    return sorted(out, key=lambda c: (-c["relations"], c["id"]))


_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)
_OWN = re.compile(
    r"\b(?:its|their) own\b|\b(?:its|their) (?:engineers|models|products|research|revenue|"
    r"progress|growth|safety|results)\b"
)


def self_serving(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Claims whose only speakers are the party the claim is about (its name, or "we",
    "our" in its own words), with no independent source making them too."""
    out = []
    for node in claim_nodes(g):
        d = g.nodes[node]
        if d["attributions"] == ["outlet"] or len(d["speaker_ids"]) != 1:
            continue
        speaker = g.nodes[d["speaker_ids"][0]]
        names = {speaker["name"], *speaker.get("aliases", [])}
        role = speaker.get("role") or ""
        text = d["text"]
        about_self = any(len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", text) for n in names)
        org_in_role = [w for w in re.findall(r"[A-Z][A-Za-z]+", role) if w in text]
        first_person = "direct" in d["attributions"] and _FIRST_PERSON.search(text)
        own = _OWN.search(text)
        if (about_self or org_in_role or first_person or own) and d["kind"] in (
            "statistic",
            "fact",
            "evaluation",
            "prediction",
        ):
            out.append(_claim(g, node) | {"benefits": speaker["name"], "kind": d["kind"]})
    return sorted(out, key=lambda c: c["id"])


def key_points(g: nx.DiGraph, limit: int = KEY_POINTS) -> list[dict[str, Any]]:
    scored = []
    for node in claim_nodes(g):
        d = g.nodes[node]
        engaged = sum(
            1
            for _, _, e in g.in_edges(node, data=True)
            if e.get("type") in ("supports", "contradicts")
        )
        if d["attributions"] == ["outlet"] and d["prevalence"]["outlets"] < 2 and not engaged:
            continue
        prevalence = d["prevalence"]
        score = prevalence["speakers"] + prevalence["outlets"] + 0.5 * engaged
        scored.append((score, node, engaged))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [
        _claim(g, node)
        | {"prevalence": g.nodes[node]["prevalence"], "engaged": engaged, "score": round(score, 2)}
        for score, node, engaged in scored[:limit]
    ]


def analyse(g: nx.DiGraph) -> dict[str, Any]:
    return {
        "contested": contested(g),
        "consensus": consensus(g),
        "unanswered_attacks": unanswered_attacks(g),
        "single_source": single_source(g),
        "self_serving": self_serving(g),
        "key_points": key_points(g),
    }
