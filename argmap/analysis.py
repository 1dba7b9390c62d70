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


def claim_summary(g: nx.DiGraph, node: str) -> dict[str, Any]:
    """A claim as the findings list it: id, text, speakers, outlets, perspective."""
    d = g.nodes[node]
    return {
        "id": node,
        "text": d["text"],
        "speakers": d["speakers"],
        "outlets": d["outlets"],
        "perspective": d["perspective"],
    }


def attacked(g: nx.DiGraph, node: str) -> bool:
    """Whether some claim contradicts ``node`` (an attack by ``node`` is then answered)."""
    return any(e.get("type") == "contradicts" for _, _, e in g.in_edges(node, data=True))


def contested(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Attacked claims with their attackers. Attacks the articles signal themselves (the
    edge's ``signals``) come first, among a claim's attackers and among the claims: the
    relation model's attacks alone were right 23 times in 69 on rsi-arms-control
    (docs/evaluation.md), and the explainer's "Where they disagree" shows the first."""
    attacks: dict[str, list[dict[str, Any]]] = {}
    for u, v, d in relation_edges(g, "contradicts"):
        attacks.setdefault(v, []).append(
            {
                "id": u,
                "score": d["score"],
                "attack": d.get("attack"),
                "rationale": d["rationale"],
                "signals": list(d.get("signals") or ()),
            }
        )

    def signalled(node: str) -> int:
        return sum(1 for a in attacks[node] if a["signals"])

    out = []
    for node in sorted(attacks, key=lambda n: (-signalled(n), -len(attacks[n]), n)):
        ranked = sorted(attacks[node], key=lambda a: (not a["signals"], -a["score"], a["id"]))
        out.append(claim_summary(g, node) | {"attacked_by": ranked})
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
        if len(perspectives) >= 2 and not attacked(g, node):
            out.append(
                claim_summary(g, node)
                | {"perspectives": sorted(perspectives), "supported_by": sorted(supporters)}
            )
    return sorted(out, key=lambda c: (-len(c["perspectives"]), c["id"]))


def unanswered_attacks(g: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for u, v, d in relation_edges(g, "contradicts"):
        if not attacked(g, u):
            out.append(
                {
                    "attacker": claim_summary(g, u),
                    "target": claim_summary(g, v),
                    "score": d["score"],
                    "attack": d.get("attack"),
                    "tentative": d.get("tentative", False),
                    "rationale": d["rationale"],
                    "signals": list(d.get("signals", ())),
                }
            )
    # what the articles themselves signal (a contrast, a named critic, a rejection)
    # first: the model alone misreads many on-topic pairs as attacks
    return sorted(
        out,
        key=lambda a: (not a["signals"], -a["score"], a["attacker"]["id"], a["target"]["id"]),
    )


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
            out.append(claim_summary(g, node) | {"relations": degree})
    return sorted(out, key=lambda c: (-c["relations"], c["id"]))


#: Words of progress, success and merit: what a party gains by claiming about itself.
_BENEFIT = (
    r"(?:progress\w*|grow\w*|revenue|profit\w*|success\w*|lead|leads|leading|leader\w*|best|"
    r"record|safe|safer|safest|safety|responsibl[ey]|advanced|faster|better|improv\w*|"
    r"innovat\w*|breakthrough\w*|valu\w+|ahead|strong\w*|conservative|accurate|proven|"
    r"ship\w*|outperform\w*|surpass\w*|predates?|cheaper|pay for itself|\d[\d.,]*\w*)"
)
_WITHIN = r"(?:\W+\w+){0,5}?\W+"
_FIRST_PERSON_BENEFIT = re.compile(rf"\b(?:we|our)\b{_WITHIN}{_BENEFIT}\b", re.IGNORECASE)


def _possessive_benefit(names: set[str]) -> re.Pattern[str]:
    """ "its engineers ship 8x", "Anthropic's revenue grew": the party's own something,
    then within a few words a word of progress or merit."""
    owners = [r"its", *(re.escape(n) + r"(?:'s|’s)" for n in sorted(names))]
    return re.compile(rf"\b(?:{'|'.join(owners)}){_WITHIN}{_BENEFIT}\b", re.IGNORECASE)


def self_serving(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Claims resting only on the party they favour: a person or organisation speaking
    of its own something and its progress, success or merit ("its engineers ship 8x as
    much code", "its focus on safety predates the boom"), or saying "we"/"our" so in
    its own words ("we expect traffic to fall faster"). Outlets that repeat the claim
    while naming the party (reporting it) are not independent sources; anyone else is."""
    out = []
    for node in claim_nodes(g):
        d = g.nodes[node]
        if d["attributions"] == ["outlet"] or d["kind"] not in ("statistic", "fact", "evaluation"):
            continue
        people = [s for s in d["speaker_ids"] if g.nodes[s].get("kind") != "outlet"]
        if len(people) != 1 or g.nodes[people[0]].get("kind") == "group":
            continue
        speaker = g.nodes[people[0]]
        names = {speaker["name"]} | {
            a for a in speaker.get("aliases", []) if a[:1].isupper() and len(a) > 3 and " " not in a
        }
        independent = [
            o
            for o in d["occurrences"]
            if o["speaker_id"] != people[0]
            and not any(re.search(rf"\b{re.escape(n)}\b", o["text"]) for n in names)
        ]
        if independent:
            continue
        own = [o for o in d["occurrences"] if o["speaker_id"] == people[0]]
        if any(
            _possessive_benefit(names).search(o["text"])
            or (o["attribution"] == "direct" and _FIRST_PERSON_BENEFIT.search(o["text"]))
            for o in own
        ):
            out.append(claim_summary(g, node) | {"benefits": speaker["name"], "kind": d["kind"]})
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
        claim_summary(g, node)
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
