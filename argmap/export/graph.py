"""``graph.json`` (schema ``argmap/graph@1``): the claim graph in node-link form.

networkx's node-link format with the edges key passed explicitly (``edges="edges"``,
both when writing and when reading back: the default changed across networkx 3.x and a
mismatch silently loads a graph without edges), plus the analysis, the perspectives and
the corpus. Load it back with :func:`load_graph`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .. import __version__
from ..schemas import GRAPH

if TYPE_CHECKING:
    from ..pipeline import Analysis

EDGES_KEY = "edges"


def perspective_dict(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "description": p.description,
        "members": list(p.members),
        "source": p.source,
    }


def graph_document(analysis: Analysis) -> dict[str, Any]:
    g = analysis.graph
    data = nx.node_link_data(g, edges=EDGES_KEY)
    data["nodes"] = sorted(data["nodes"], key=lambda n: (n.get("type", ""), n["id"]))
    data[EDGES_KEY] = sorted(
        data[EDGES_KEY], key=lambda e: (e.get("type", ""), e["source"], e["target"])
    )
    corpus = analysis.corpus
    counts = {
        "claims": sum(1 for _, d in g.nodes(data=True) if d.get("type") == "claim"),
        "occurrences": len(analysis.extraction.claims),
        "speakers": sum(1 for _, d in g.nodes(data=True) if d.get("type") == "speaker"),
        "articles": len(corpus.articles),
        "independent_articles": len(corpus.independent_articles),
        "supports": sum(1 for *_, d in g.edges(data=True) if d.get("type") == "supports"),
        "contradicts": sum(1 for *_, d in g.edges(data=True) if d.get("type") == "contradicts"),
    }
    return {
        "schema": GRAPH,
        "argmap_version": __version__,
        "corpus": {
            "name": corpus.name,
            "title": corpus.manifest.title,
            "question": corpus.manifest.question,
            "counts": counts,
        },
        "perspectives": [perspective_dict(p) for p in analysis.perspectives],
        "analysis": analysis.findings,
        **data,
    }


def load_graph(path: str | Path) -> nx.DiGraph:
    """Read ``graph.json`` back into a networkx graph."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges=EDGES_KEY)
