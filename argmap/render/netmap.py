"""The interactive argument map: the claim graph as vis-network data, built with pyvis.

pyvis is used only here, and only to build the network: nodes and edges are added one
by one (``Network.from_nx`` would mutate the graph it is given), its options object
carries the vis-network settings, and :meth:`Network.get_network_data` hands back the
data. The page itself is argmap's own template (``templates/map.html``): pyvis's
template loads Bootstrap and vis-network from CDNs, and a map must work with no
network at all, so the vis-network script and stylesheet that ship inside the pyvis
package are inlined instead.

Layout is computed here, not in the browser: linked claims by a seeded spring layout
(networkx), the wordings of a restated claim in a small ring around it, and claims
with no relation in a grid below, grouped by perspective. vis-network then draws the
positions with physics off, so the map is the same on every run and never drifts, at
500 claims as at 20.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..gaps import PRESENT_CONFIDENCE, uncertain_perspective
from ..graph import claim_nodes
from ..records import Article, PerspectiveDef

#: Colours for perspectives, in order (contrast at least 3:1 against white).
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#e377c2",
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#ff7f0e",
    "#393b79",
    "#637939",
    "#843c39",
)
NO_PERSPECTIVE = "#8a8a8a"
RELATION_STYLE = {
    "supports": {"color": "#2e7d32", "dashes": False, "arrows": "to", "label": "supports"},
    "contradicts": {"color": "#c62828", "dashes": False, "arrows": "to", "label": "contradicts"},
    "undercuts": {
        "color": "#c62828",
        "dashes": [8, 5],
        "arrows": "to",
        "label": "undercuts (attacks an analogy or inference)",
    },
    "restates": {"color": "#6b6b6b", "dashes": [2, 4], "arrows": "", "label": "restates"},
}
SEED = 7
#: Spacing of the grid of claims that have no relation (unlabelled: hover to read).
GRID = 46
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def perspective_colours(perspectives: Sequence[PerspectiveDef]) -> dict[str, str]:
    return {p.id: PALETTE[i % len(PALETTE)] for i, p in enumerate(perspectives)}


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave a page; ``javascript:`` and the like never do."""
    if url and _SAFE_URL.match(url.strip()) and not re.search(r"[\s<>\"']", url.strip()):
        return url.strip()
    return None


def _short(text: str, words: int = 9) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _layout(graph: nx.DiGraph, linked: list[str]) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of each group of linked claims, the groups packed in rows,
    largest first (one layout over all of them would fling the small ones far out and
    crush the large one)."""
    if not linked:
        return {}
    sub = nx.Graph()
    sub.add_nodes_from(sorted(linked))
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        if u in sub and v in sub and d.get("type") in ("supports", "contradicts"):
            sub.add_edge(u, v)
    components = sorted(
        (sorted(c) for c in nx.connected_components(sub)), key=lambda c: (-len(c), c[0])
    )
    total = sum(len(c) for c in components)
    row_width = max(900.0, 260 * math.sqrt(total) * 1.6)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for comp in components:
        radius = 120 * math.sqrt(len(comp)) if len(comp) > 2 else 110
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            # a graph of its own, not sub.subgraph(comp): a subgraph view yields its nodes
            # in set order, which changes with the hash seed, and so would the layout
            part = nx.Graph()
            part.add_nodes_from(comp)
            part.add_edges_from(sub.edges(comp))
            local = nx.spring_layout(part, seed=SEED, k=2.0 / math.sqrt(len(comp)), iterations=200)
        size = 2 * radius + 80
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for node, (px, py) in local.items():
            out[node] = (round(cx + float(px) * radius), round(cy + float(py) * radius))
        x += size
        row_height = max(row_height, size)
    # centre the whole on x = 0, as the grid below is
    shift = (max(p[0] for p in out.values()) + min(p[0] for p in out.values())) / 2
    return {k: (round(px - shift), py) for k, (px, py) in out.items()}


def map_data(
    graph: nx.DiGraph,
    perspectives: Sequence[PerspectiveDef],
    articles: Sequence[Article],
    source_numbers: dict[str, int],
) -> dict[str, Any]:
    """Nodes, edges, options and legends for the map page (plain JSON-able data)."""
    from pyvis.network import Network

    colours = perspective_colours(perspectives)
    names = {p.id: p.name for p in perspectives}
    by_article = {a.id: a for a in articles}
    claims = sorted(claim_nodes(graph))
    relations = sorted(
        (
            (u, v, d)
            for u, v, d in graph.edges(data=True)
            if d.get("type") in ("supports", "contradicts")
        ),
        key=lambda e: (e[0], e[1], e[2]["type"]),
    )
    linked = sorted({u for u, _, _ in relations} | {v for _, v, _ in relations})
    pos = _layout(graph, linked)
    # claims without relations: a grid below the linked ones, by perspective
    unlinked = sorted(
        (c for c in claims if c not in pos),
        key=lambda c: (names.get(graph.nodes[c].get("perspective") or "", "~"), c),
    )
    bottom = max((y for _, y in pos.values()), default=0) + 260
    cols = max(6, math.ceil(math.sqrt(len(unlinked) * 2.5))) if unlinked else 1
    width = (cols - 1) * GRID
    for i, c in enumerate(unlinked):
        pos[c] = (round(-width / 2 + (i % cols) * GRID), round(bottom + (i // cols) * GRID))

    net = Network(directed=True, cdn_resources="in_line")
    degree = {c: 0 for c in claims}
    for u, v, _ in relations:
        degree[u] += 1
        degree[v] += 1
    for c in claims:
        d = graph.nodes[c]
        pid = d.get("perspective")
        colour = colours.get(pid or "", NO_PERSPECTIVE)
        # a perspective read from content below the gap report's presence threshold is
        # drawn hollow (and not counted there): the same reading on both pages
        uncertain = uncertain_perspective(d)
        name = names.get(pid or "", "No perspective")
        if uncertain:
            name = f"{name} (uncertain)"
        prevalence = d["prevalence"]["speakers"] + d["prevalence"]["outlets"]
        occurrences = d["occurrences"]
        sources = []
        for aid in sorted(
            {o["article_id"] for o in occurrences}, key=lambda a: source_numbers.get(a, 0)
        ):
            art = by_article.get(aid)
            if art is None:
                continue
            sources.append(
                {
                    "n": source_numbers.get(aid),
                    "label": art.source_label,
                    "title": art.title or art.path,
                    "url": safe_url(art.url),
                }
            )
        x, y = pos[c]
        net.add_node(
            c,
            label=_short(d["text"]) if degree[c] or prevalence > 2 else " ",
            shape="dot",
            color=(
                {"background": "#ffffff", "border": colour}
                if uncertain
                else {"background": colour, "border": "#222222"}
            ),
            borderWidth=3 if uncertain else 1,
            size=round(9 + 6 * math.sqrt(prevalence), 1),
            x=x,
            y=y,
            kind="claim",
            text=d["text"],
            perspective=pid,
            perspective_name=name,
            perspective_uncertain=uncertain,
            speakers=list(d["speakers"]),
            outlets=list(d["outlets"]),
            attributions=list(d["attributions"]),
            claim_kind=d["kind"],
            hedged=bool(d["hedged"]),
            prevalence=d["prevalence"],
            linked=degree[c] > 0,
            sources=sources,
        )
    edges: list[dict[str, Any]] = []
    for u, v, d in relations:
        style_key = "undercuts" if d.get("attack") == "undercut" else d["type"]
        style = RELATION_STYLE[style_key]
        tentative = bool(d.get("tentative"))
        net.add_edge(
            u,
            v,
            relation=d["type"],
            style=style_key,
            color={"color": style["color"], "opacity": 0.45 if tentative else 1.0},
            dashes=style["dashes"],
            arrows=style["arrows"],
            width=1.2 if tentative else 2.6,
            score=d["score"],
            tentative=tentative,
            # a relation the articles themselves signal (a contrast, a named critic, a
            # rejection, a comparison undercut), not the relation model's reading alone
            signalled=bool(d.get("signals")),
            rationale=d.get("rationale", ""),
        )
    # every further wording of a restated claim: a small satellite linked by "restates"
    for c in claims:
        d = graph.nodes[c]
        extra = [o for o in d["occurrences"] if o["text"].strip() != d["text"].strip()]
        cx, cy = pos[c]
        for i, occ in enumerate(sorted(extra, key=lambda o: o["claim_id"])):
            angle = 2 * math.pi * i / max(1, len(extra))
            oid = f"o-{occ['claim_id']}"
            art = by_article.get(occ["article_id"])
            net.add_node(
                oid,
                label=" ",
                shape="dot",
                size=5,
                color={
                    "background": "#ffffff",
                    "border": colours.get(d.get("perspective") or "", NO_PERSPECTIVE),
                },
                x=round(cx + 38 * math.cos(angle)),
                y=round(cy + 38 * math.sin(angle)),
                kind="wording",
                parent=c,
                text=occ["text"],
                perspective=d.get("perspective"),
                perspective_name=names.get(d.get("perspective") or "", "No perspective"),
                speakers=[occ["speaker"]],
                outlets=[art.source_label] if art else [],
                attributions=[occ["attribution"]],
                linked=degree[c] > 0,
                sources=[
                    {
                        "n": source_numbers.get(occ["article_id"]),
                        "label": art.source_label if art else "",
                        "title": (art.title or art.path) if art else "",
                        "url": safe_url(art.url) if art else None,
                    }
                ],
            )
            style = RELATION_STYLE["restates"]
            net.add_edge(
                oid,
                c,
                relation="restates",
                style="restates",
                color={"color": style["color"], "opacity": 0.8},
                dashes=style["dashes"],
                arrows=style["arrows"],
                width=1.0,
                score=1.0,
                tentative=False,
                signalled=True,
                rationale="the same claim in other words",
            )
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "layout": {"randomSeed": SEED, "improvedLayout": False},
                "interaction": {
                    "hover": True,
                    "tooltipDelay": 120,
                    "navigationButtons": False,
                    "keyboard": {"enabled": True, "bindToWindow": False},
                    "multiselect": False,
                },
                "nodes": {
                    "font": {"size": 12, "face": "system-ui, sans-serif", "color": "#1b1b1b"},
                    "borderWidth": 1,
                    "widthConstraint": {"maximum": 170},
                },
                "edges": {"smooth": {"enabled": True, "type": "continuous", "roundness": 0.3}},
            }
        )
    )
    nodes, edge_list, _, _, _, options = net.get_network_data()
    edges = [dict(e) for e in edge_list]
    for i, e in enumerate(sorted(edges, key=lambda e: (e["from"], e["to"], e["relation"]))):
        e["id"] = f"e{i}"
    edges.sort(key=lambda e: e["id"])
    legend_perspectives = [
        {"id": p.id, "name": p.name, "colour": colours[p.id]} for p in perspectives
    ]
    if any(not graph.nodes[c].get("perspective") for c in claims):
        legend_perspectives.append({"id": "", "name": "No perspective", "colour": NO_PERSPECTIVE})
    present = {e["style"] for e in edges}
    uncertain_n = sum(1 for n in nodes if n.get("perspective_uncertain"))
    return {
        "nodes": [dict(n) for n in sorted(nodes, key=lambda n: str(n["id"]))],
        "edges": edges,
        "options": json.loads(options),
        "perspectives": legend_perspectives,
        "relations": [
            {
                "id": k,
                "label": v["label"],
                "colour": v["color"],
                "dashes": bool(v["dashes"]),
                "present": k in present,
            }
            for k, v in RELATION_STYLE.items()
        ],
        "counts": {
            "claims": len(claims),
            "relations": len(relations),
            "linked": len(linked),
            "uncertain": uncertain_n,
            "signalled": sum(1 for _, _, d in relations if d.get("signals")),
        },
        "present_confidence": PRESENT_CONFIDENCE,
    }


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no
    ``<!--``, no line separators a script parser would choke on."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet shipped inside pyvis, to inline."""
    import pyvis

    root = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not root.is_dir():  # pragma: no cover - a pyvis without its bundled copy
        root = Path(str(resources.files("pyvis"))) / "lib" / "vis-9.1.2"
    return (
        (root / "vis-network.min.js").read_text("utf-8"),
        (root / "vis-network.css").read_text("utf-8"),
    )
