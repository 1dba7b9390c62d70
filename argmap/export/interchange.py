"""Interchange exports of the claim graph: GraphML, AIF, Argdown and CSV.

- **GraphML** (``graph.graphml``) opens in Gephi and yEd. GraphML attributes must be
  scalars, so lists and dicts are written as JSON strings; every node has ``label`` and
  ``type``.
- **AIF JSON** (``graph.aif.json``), the Argument Interchange Format as AIFdb and OVA
  read it: an I-node per claim wording, RA nodes for support, CA nodes for conflict, MA
  nodes for restatement (the wordings of one canonical claim), L-nodes for each
  occurrence ("Speaker: text") and YA nodes ("Asserting", or "Conceding" for a claim
  reported as conceded: "admitted", "acknowledged") from each L-node to what it
  asserts, with participants for the speakers.
- **Argdown** (``graph.argdown``): each canonical claim as a statement with its incoming
  support (``<+``), attacks (``<-``) and undercuts (``<_``), tagged with its perspective.
- **CSV** (``claims.csv``, ``relations.csv``): one row per canonical claim (graph node)
  and per relation, for spreadsheets.

All four are deterministic (sorted) and written through the output folder.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..graph import claim_nodes, relation_edges

if TYPE_CHECKING:
    from ..pipeline import Analysis

AIF_TIMESTAMP = "1970-01-01 00:00:00"  # AIF wants one; argmap's output carries no clock time


# ---- GraphML -------------------------------------------------------------------------------


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def graphml(g: nx.DiGraph) -> str:
    """The graph as GraphML (Gephi, yEd): list and dict attributes as JSON strings."""
    h = nx.DiGraph()
    for node in sorted(g.nodes):
        data = g.nodes[node]
        attrs = {k: _scalar(v) for k, v in sorted(data.items())}
        attrs["label"] = _label(data)
        h.add_node(node, **attrs)
    for u, v in sorted(g.edges):
        attrs = {k: _scalar(val) for k, val in sorted(g.edges[u, v].items())}
        h.add_edge(u, v, **attrs)
    # networkx needs one type per attribute name across all nodes/edges: fill the gaps
    _fill_missing(h.nodes.values())
    _fill_missing(h.edges.values())
    return "\n".join(nx.generate_graphml(h, prettyprint=True)) + "\n"


def _fill_missing(items: Any) -> None:
    items = list(items)
    types: dict[str, type] = {}
    for data in items:
        for k, v in data.items():
            types.setdefault(k, type(v))
    for data in items:
        for k, t in types.items():
            if k not in data:
                data[k] = t()
            elif not isinstance(data[k], t):
                data[k] = t(data[k]) if t is str else data[k]


def _label(data: dict[str, Any]) -> str:
    kind = data.get("type")
    if kind == "claim":
        text = data.get("text", "")
        return text if len(text) <= 80 else text[:79] + "…"
    if kind == "article":
        return data.get("title") or data.get("path") or ""
    return data.get("name") or ""


# ---- AIF -----------------------------------------------------------------------------------


def aif(analysis: Analysis) -> dict[str, Any]:
    """The graph in the Argument Interchange Format (AIFdb JSON)."""
    g = analysis.graph
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: dict[str, dict[str, Any]] = {}
    counter = {"n": 0, "e": 0}

    def node(text: str, kind: str, scheme: str | None = None) -> str:
        counter["n"] += 1
        nid = str(counter["n"])
        item = {"nodeID": nid, "text": text, "type": kind, "timestamp": AIF_TIMESTAMP}
        if scheme:
            item["scheme"] = scheme
        nodes.append(item)
        return nid

    def edge(a: str, b: str) -> None:
        counter["e"] += 1
        edges.append({"edgeID": str(counter["e"]), "fromID": a, "toID": b, "formEdgeID": None})

    i_node: dict[str, str] = {}
    for claim in sorted(claim_nodes(g)):
        data = g.nodes[claim]
        i_node[claim] = node(data["text"], "I")
        wordings: dict[str, str] = {data["text"]: i_node[claim]}
        for occ in data["occurrences"]:
            wording = occ["text"]
            if wording not in wordings:
                wordings[wording] = node(wording, "I")
                ma = node("Default Rephrase", "MA", "Default Rephrase")
                edge(wordings[wording], ma)
                edge(ma, i_node[claim])
            speaker = occ["speaker"]
            pid = participants.setdefault(
                speaker, {"participantID": str(len(participants) + 1), **_split_name(speaker)}
            )["participantID"]
            l_node = node(f"{speaker}: {wording}", "L")
            locutions.append({"nodeID": l_node, "personID": pid, "timestamp": AIF_TIMESTAMP})
            # Inference Anchoring Theory's illocution: "admitted" concedes, else asserts
            force = "Conceding" if occ.get("framing") == "conceding" else "Asserting"
            ya = node(force, "YA", force)
            edge(l_node, ya)
            edge(ya, wordings[wording])
    for u, v, d in sorted(relation_edges(g), key=lambda e: (e[0], e[1])):
        if d["type"] == "supports":
            s = node("Default Inference", "RA", "Default Inference")
        else:
            s = node("Default Conflict", "CA", "Default Conflict")
        edge(i_node[u], s)
        edge(s, i_node[v])
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": sorted(participants.values(), key=lambda p: int(p["participantID"])),
    }


def _split_name(name: str) -> dict[str, str]:
    parts = name.split()
    if len(parts) >= 2:
        return {"firstname": " ".join(parts[:-1]), "surname": parts[-1]}
    return {"firstname": name, "surname": ""}


# ---- Argdown -------------------------------------------------------------------------------


def argdown(analysis: Analysis) -> str:
    """Each canonical claim as an Argdown statement, with incoming relations."""
    g = analysis.graph
    names = {p.id: p.name for p in analysis.perspectives}
    titles = {claim: _title(claim, g.nodes[claim]["text"]) for claim in claim_nodes(g)}
    incoming: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for u, v, d in relation_edges(g):
        incoming.setdefault(v, []).append((u, d))
    title = analysis.corpus.manifest.title or analysis.corpus.name
    lines = [f"# {_escape_argdown(title)}", ""]
    if analysis.corpus.manifest.question:
        lines += [f"// {analysis.corpus.manifest.question}", ""]
    order = sorted(claim_nodes(g), key=lambda c: (-len(incoming.get(c, [])), c))
    for claim in order:
        data = g.nodes[claim]
        tag = (
            f" #({_escape_argdown(names[data['perspective']])})"
            if data.get("perspective") in names
            else ""
        )
        who = ", ".join(data["speakers"])
        lines.append(f"[{titles[claim]}]: {_escape_argdown(data['text'])}{tag}")
        lines.append(f"  // {who} · {', '.join(data['outlets'])}")
        for source, d in sorted(incoming.get(claim, []), key=lambda t: t[0]):
            arrow = (
                "<+"
                if d["type"] == "supports"
                else ("<_" if d.get("attack") == "undercut" else "<-")
            )
            lines.append(f"  {arrow} [{titles[source]}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _title(claim_id: str, text: str) -> str:
    words = re.sub(r"[\[\]<>#{}]", "", text).split()[:6]
    return f"{' '.join(words)} ({claim_id[2:8]})"


def _escape_argdown(text: str) -> str:
    return " ".join(
        re.sub(
            r"[\[\]<>{}]",
            lambda m: {"[": "(", "]": ")", "<": "‹", ">": "›", "{": "(", "}": ")"}[m.group(0)],
            text,
        ).split()
    )


# ---- CSV ----------------------------------------------------------------------------------

CLAIM_COLUMNS = (
    "id",
    "text",
    "kind",
    "perspective",
    "speakers",
    "outlets",
    "n_speakers",
    "n_outlets",
    "n_articles",
    "attributions",
    "hedged",
    "supported_by",
    "contradicted_by",
)
RELATION_COLUMNS = (
    "source",
    "target",
    "relation",
    "score",
    "attack",
    "tentative",
    "rationale",
    "source_text",
    "target_text",
)


def claims_csv(g: nx.DiGraph) -> str:
    rows = []
    for claim in sorted(claim_nodes(g)):
        d = g.nodes[claim]
        ins = [
            (u, e["type"])
            for u, _, e in g.in_edges(claim, data=True)
            if e.get("type") in ("supports", "contradicts")
        ]
        rows.append(
            {
                "id": claim,
                "text": d["text"],
                "kind": d["kind"],
                "perspective": d.get("perspective") or "",
                "speakers": "; ".join(d["speakers"]),
                "outlets": "; ".join(d["outlets"]),
                "n_speakers": d["prevalence"]["speakers"],
                "n_outlets": d["prevalence"]["outlets"],
                "n_articles": d["prevalence"]["articles"],
                "attributions": "; ".join(d["attributions"]),
                "hedged": d["hedged"],
                "supported_by": "; ".join(sorted(u for u, t in ins if t == "supports")),
                "contradicted_by": "; ".join(sorted(u for u, t in ins if t == "contradicts")),
            }
        )
    return _csv(CLAIM_COLUMNS, rows)


def relations_csv(g: nx.DiGraph) -> str:
    rows = [
        {
            "source": u,
            "target": v,
            "relation": d["type"],
            "score": d["score"],
            "attack": d.get("attack") or "",
            "tentative": d.get("tentative", False),
            "rationale": d["rationale"],
            "source_text": g.nodes[u]["text"],
            "target_text": g.nodes[v]["text"],
        }
        for u, v, d in sorted(relation_edges(g), key=lambda e: (e[0], e[1]))
    ]
    return _csv(RELATION_COLUMNS, rows)


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # a cell starting with = + - @ is a formula in spreadsheets: neutralise it
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
