"""graph.json and the interchange exports (GraphML, AIF, Argdown, CSV) of a real run."""

from __future__ import annotations

import csv
import io
import json
from functools import cache

import networkx as nx
import pytest
from conftest import CORPORA

from argmap import schemas
from argmap.export import interchange
from argmap.export.graph import graph_document, load_graph
from argmap.graph import claim_nodes

pytestmark = pytest.mark.slow


@cache
def _analysis():
    from argmap.ingest import load_corpus
    from argmap.pipeline import analyze

    return analyze(load_corpus(CORPORA / "wrenhaven-congestion-charge"))


def test_graph_json_round_trips_with_its_edges(tmp_path):
    analysis = _analysis()
    doc = graph_document(analysis)
    assert doc["schema"] == schemas.GRAPH
    assert "edges" in doc and "links" not in doc
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    g = load_graph(path)
    assert g.number_of_nodes() == analysis.graph.number_of_nodes()
    assert g.number_of_edges() == analysis.graph.number_of_edges() > 0
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"claim", "speaker", "article", "perspective"}
    for key in (
        "contested",
        "consensus",
        "unanswered_attacks",
        "single_source",
        "self_serving",
        "key_points",
    ):
        assert key in doc["analysis"]


def test_every_claim_node_keeps_its_occurrences_and_counts_copies_once():
    g = _analysis().graph
    copies = [n for n in claim_nodes(g) if g.nodes[n]["copies"]]
    assert copies, "the syndicated copy's claims should be recorded as copies"
    repeated = 0
    for node in copies:
        d = g.nodes[node]
        occurrences = d["occurrences"]
        if all(o["copy"] for o in occurrences):
            # words only the copy has (its own headline or edits): its source, once
            assert d["prevalence"]["articles"] == 1
            continue
        repeated += 1
        assert len(occurrences) > d["prevalence"]["articles"]
        assert all(o["article_id"] not in d["articles"] for o in occurrences if o["copy"])
    assert repeated, "the copy's repetitions of its original should be counted once"


def test_graphml_opens_with_networkx():
    g = _analysis().graph
    text = interchange.graphml(g)
    back = nx.read_graphml(io.StringIO(text))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert all("label" in d and "type" in d for _, d in back.nodes(data=True))


def test_aif_has_i_ra_ca_l_ya_nodes_and_valid_edges():
    analysis = _analysis()
    doc = interchange.aif(analysis)
    ids = {n["nodeID"] for n in doc["nodes"]}
    types = {n["type"] for n in doc["nodes"]}
    assert {"I", "L", "YA"} <= types
    # "Kerr acknowledged that some workers would be hit hard": the locution concedes
    text = {n["nodeID"]: n["text"] for n in doc["nodes"]}
    conceding = {
        n["nodeID"] for n in doc["nodes"] if n["type"] == "YA" and n["text"] == "Conceding"
    }
    conceded = {text[e["toID"]] for e in doc["edges"] if e["fromID"] in conceding}
    assert any("some workers would be hit hard" in t for t in conceded), conceded
    relations = {d["type"] for *_, d in analysis.graph.edges(data=True)}
    if "contradicts" in relations:
        assert "CA" in types
    if "supports" in relations:
        assert "RA" in types
    assert all(e["fromID"] in ids and e["toID"] in ids for e in doc["edges"])
    assert len(doc["locutions"]) == sum(1 for n in doc["nodes"] if n["type"] == "L")
    speakers = {
        p["firstname"] + (" " + p["surname"] if p["surname"] else "") for p in doc["participants"]
    }
    assert "Ruth Adeyemi" in speakers


def test_argdown_lists_each_claim_once_with_relations():
    analysis = _analysis()
    text = interchange.argdown(analysis)
    statements = [line for line in text.splitlines() if line.startswith("[")]
    assert len(statements) == len(claim_nodes(analysis.graph))
    n_rel = sum(
        1 for *_, d in analysis.graph.edges(data=True) if d["type"] in ("supports", "contradicts")
    )
    arrows = [line for line in text.splitlines() if line.strip()[:2] in ("<+", "<-", "<_")]
    assert len(arrows) == n_rel


def test_csv_files_parse_and_neutralise_formulas():
    g = _analysis().graph
    rows = list(csv.DictReader(io.StringIO(interchange.claims_csv(g))))
    assert len(rows) == len(claim_nodes(g))
    assert set(interchange.CLAIM_COLUMNS) == set(rows[0])
    rel_rows = list(csv.DictReader(io.StringIO(interchange.relations_csv(g))))
    assert all(r["relation"] in ("supports", "contradicts") for r in rel_rows)
    assert interchange._safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_exports_are_deterministic():
    analysis = _analysis()
    assert interchange.graphml(analysis.graph) == interchange.graphml(analysis.graph)
    assert json.dumps(graph_document(analysis), sort_keys=True) == json.dumps(
        graph_document(analysis), sort_keys=True
    )
