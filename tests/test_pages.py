"""The pages of an output folder, read as HTML: what they contain, that every sentence
cites its sources, that they load nothing from the network, and that article text is
always text."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import CORPORA, full_analysis

from argmap.pipeline import render
from argmap.render import PAGES, environment

pytestmark = pytest.mark.slow

SAMPLE = CORPORA / "wrenhaven-congestion-charge"
EXPLAINER_SECTIONS = [
    "The perspectives",
    "What's not represented",
    "Key points",
    "How we got here",
    "Viewpoints in depth",
    "Where they disagree",
    "What we don't know",
    "Key terms",
    "Sources",
]


@pytest.fixture(scope="module")
def files():
    return render(full_analysis(SAMPLE))


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_page_is_written(files):
    for page in PAGES:
        assert page in files
    index = soup(files["index.html"])
    links = {a["href"] for a in index.find_all("a", href=True)}
    assert {
        "map.html",
        "explainer.html",
        "gaps.html",
        "claims.json",
        "graph.json",
        "gaps.json",
    } <= links


@pytest.mark.parametrize("page", PAGES)
def test_pages_are_self_contained(files, page):
    html = files[page]
    doc = soup(html)
    for tag in doc.find_all(["script", "img", "iframe", "link", "source", "video", "audio"]):
        assert not tag.get("src"), tag
        assert tag.name != "link" or "stylesheet" not in (tag.get("rel") or []), tag
    assert "cdn" not in html.lower().replace("cdn_resources", "")
    csp = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp["content"]


@pytest.mark.parametrize("page", PAGES)
def test_landmarks_and_headings_in_order(files, page):
    doc = soup(files[page])
    assert doc.find("main") and doc.find("header") and doc.find("footer")
    assert doc.html.get("lang") == "en"
    levels = [int(h.name[1]) for h in doc.find_all(re.compile("^h[1-6]$"))]
    assert levels and levels[0] == 1 and levels.count(1) == 1
    for a, b in itertools.pairwise(levels):
        assert b <= a + 1, levels
    assert doc.find("meta", attrs={"name": "viewport"})


def test_explainer_has_the_sections_editors_expect(files):
    doc = soup(files["explainer.html"])
    headings = [_norm(h.get_text()) for h in doc.find_all("h2")]
    assert headings == EXPLAINER_SECTIONS


def test_every_explainer_sentence_cites_a_listed_source(files):
    analysis = full_analysis(SAMPLE)
    doc = soup(files["explainer.html"])
    sources = {li["id"] for li in doc.select("ol.sources li")}
    assert len(sources) == len(analysis.corpus.independent_articles)
    texts = [_norm(a.text) for a in analysis.corpus.articles]
    for sup in doc.select("sup.cite"):
        for a in sup.find_all("a"):
            assert a["href"].split("#")[1] in sources
    quoted = doc.select(".from-source")
    assert len(quoted) >= 20
    for span in quoted:
        # verbatim from an article, and followed by its citation
        assert any(_norm(span.get_text()) in t for t in texts), span.get_text()
        nxt = span.find_next_sibling()
        assert nxt is not None and nxt.name == "sup" and "cite" in nxt["class"], span
    # every item of the argument sections is such a sentence
    for section in doc.select("section"):
        title = section.find("h2")
        if title and _norm(title.get_text()) in ("Key points", "How we got here", "Key terms"):
            for li in section.select("li, dd"):
                assert li.select(".from-source"), li


@pytest.mark.slow
def test_a_sentence_naming_several_dates_is_one_timeline_entry_under_the_latest():
    """rsi-arms-control: "Claude-written code, which was slightly below human quality in
    late 2025, reached rough parity as of early 2026" stood under 2025 and under 2026."""
    from conftest import shared_path

    from argmap.render.explainer import explainer_context

    for corpus in (SAMPLE, shared_path("corpora", "rsi-arms-control")):
        entries = explainer_context(full_analysis(corpus))["timeline"]
        texts = [_norm(e["text"]) for e in entries]
        assert entries and len(texts) == len(set(texts)), texts
        if corpus != SAMPLE:
            parity = [e for e in entries if "rough parity" in e["text"]]
            assert [e["date"] for e in parity] == ["2026"]


def test_source_list_tags_each_source_and_counts_copies_once(files):
    doc = soup(files["explainer.html"])
    items = doc.select("ol.sources li")
    assert len(items) == 6
    text = " ".join(_norm(li.get_text()) for li in items)
    assert "Northern Sentinel" in text and "syndicated" in text


def test_map_data_has_every_claim_and_relation(files):
    analysis = full_analysis(SAMPLE)
    doc = soup(files["map.html"])
    data = json.loads(doc.find("script", id="map-data").string)
    claims = [n for n in data["nodes"] if n["kind"] == "claim"]
    assert len(claims) == len(analysis.canonical)
    relations = [e for e in data["edges"] if e["relation"] != "restates"]
    assert len(relations) == len(analysis.relations)
    assert {p["id"] for p in data["perspectives"]} >= {p.id for p in analysis.perspectives}
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False


def test_map_draws_uncertain_perspectives_hollow_as_the_gap_report_reads_them(files):
    from argmap.gaps import PRESENT_CONFIDENCE

    analysis = full_analysis(SAMPLE)
    doc = soup(files["map.html"])
    data = json.loads(doc.find("script", id="map-data").string)
    claims = {n["id"]: n for n in data["nodes"] if n["kind"] == "claim"}
    g = analysis.graph
    uncertain = {
        c
        for c in claims
        if g.nodes[c].get("perspective")
        and g.nodes[c]["perspective_confidence"] < PRESENT_CONFIDENCE
    }
    # the sample has such claims (one in the neighbouring councils, reported missing)
    assert uncertain
    assert {c for c, n in claims.items() if n["perspective_uncertain"]} == uncertain
    for c, n in claims.items():
        hollow = n["color"]["background"] == "#ffffff"
        assert hollow == (c in uncertain)
        assert n["perspective_name"].endswith("(uncertain)") == (c in uncertain)
    assert data["counts"]["uncertain"] == len(uncertain)
    assert f"Hollow dots ({len(uncertain)})" in _norm(doc.find(id="uncertain-note").get_text())


def test_explainer_shows_a_claim_as_a_perspectives_voice_only_when_read_confidently():
    """A claim whose perspective the gap report does not count (confidence below
    PRESENT_CONFIDENCE) is not a perspective's summary, viewpoint entry or label."""
    from argmap.gaps import uncertain_perspective
    from argmap.render.explainer import explainer_context

    analysis = full_analysis(SAMPLE)
    g = analysis.graph
    uncertain = {n for n, d in g.nodes(data=True) if uncertain_perspective(d)}
    assert uncertain  # the sample has such claims
    ctx = explainer_context(analysis)
    shown = [p["summary"] for p in ctx["perspectives"] if p["summary"]]
    shown += [e for v in ctx["viewpoints"] for e in v["entries"]]
    assert shown
    for entry in shown:
        assert entry["id"] not in uncertain
    for entry in ctx["key_points"]:
        if entry["id"] in uncertain:
            assert entry["perspective_name"] is None
    # a perspective the balance reports missing has no voice in the explainer
    for p in ctx["perspectives"]:
        if p["status"] == "missing":
            assert p["summary"] is None, p["name"]


def test_a_perspective_is_summed_up_by_one_of_its_members_where_it_has_one():
    """The explainer's summary of a perspective is a claim of one of its members when
    it has one ("Companies and executives: OpenAI" had been summed up by "Others have
    suggested ..."), and in the viewpoints the members' claims come first."""
    from argmap.render.explainer import explainer_context

    analysis = full_analysis(SAMPLE)
    g = analysis.graph
    members = {p.id: set(p.members) for p in analysis.perspectives}
    ctx = explainer_context(analysis)
    checked = 0
    for p, view in zip(
        [p for p in ctx["perspectives"] if p["summary"]], ctx["viewpoints"], strict=True
    ):
        own = [
            n
            for n, d in g.nodes(data=True)
            if d.get("type") == "claim"
            and members[p["id"]] & set(d.get("speakers", ()))
            and d["attributions"] != ["outlet"]
        ]
        ids = [e["id"] for e in view["entries"]]
        if any(n in ids for n in own) or p["summary"]["id"] in own:
            checked += 1
            assert p["summary"]["id"] in own, p["name"]
            flags = [i in own for i in ids]
            assert flags == sorted(flags, reverse=True), p["name"]
    assert checked


def test_gap_page_names_the_text_signals_of_unanswered_attacks(files):
    """The gap page, like gaps.md, says which unanswered attacks the articles signal
    themselves; they come first."""
    attacks = full_analysis(SAMPLE).gaps.unanswered_attacks
    signalled = [a for a in attacks if a["signals"]]
    assert signalled and attacks[: len(signalled)] == signalled
    text = _norm(soup(files["gaps.html"]).get_text(" "))
    for a in signalled:
        assert f"from the text: {', '.join(a['signals'])}" in text


def test_gap_page_folds_long_lists_and_gaps_md_counts_what_it_leaves_out(files):
    """An editor sees the first 15 unanswered attacks and single-source claims; the
    rest are on the page in a closed <details>, and gaps.md says how many it left out."""
    from argmap.gaps import MARKDOWN_ITEMS

    gaps = full_analysis(SAMPLE).gaps
    page = soup(files["gaps.html"])
    folded = {d.summary.get_text(): d for d in page.find_all("details")}
    md = files["gaps.md"]
    for items, noun in ((gaps.unanswered_attacks, "attacks"), (gaps.single_source, "claims")):
        if len(items) <= MARKDOWN_ITEMS:
            continue
        rest = len(items) - MARKDOWN_ITEMS
        details = folded[f"{rest} more {noun}"]
        assert len(details.find_all("li")) == rest and not details.has_attr("open")
        assert f"and {rest} more" in md
    assert folded, "the sample corpus has lists long enough to fold"


def test_same_analysis_same_bytes(files):
    assert render(full_analysis(SAMPLE)) == files


_LAYOUT_SCRIPT = """
import json, networkx as nx
from argmap.render.netmap import _layout
g = nx.DiGraph()
names = [f"k-{i:02d}{c}" for i, c in enumerate("abcdefghijklmnop")]
for a, b in zip(names, names[1:] + names[:1]):
    g.add_edge(a, b, type="supports")
g.add_edge(names[0], names[7], type="contradicts")
others = [f"k-x{i}" for i in range(12)]  # a second group: each group is a part of the whole
for a, b in zip(others, others[1:]):
    g.add_edge(a, b, type="contradicts")
print(json.dumps(sorted(_layout(g, names + others).items())))
"""


def test_map_layout_does_not_depend_on_the_hash_seed():
    """The same graph is laid out the same in every process (set order varies with
    PYTHONHASHSEED), so the map page is byte-identical from run to run."""
    import os
    import subprocess
    import sys

    out = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run(
            [sys.executable, "-c", _LAYOUT_SCRIPT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(run.stdout)
    assert out[0] == out[1] == out[2]


def test_build_date_only_from_source_date_epoch(monkeypatch, files):
    assert (
        "Made by argmap" in files["index.html"]
        and " on 20" not in soup(files["index.html"]).footer.get_text()
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = render(full_analysis(SAMPLE))
    assert "on 2026-01-01" in soup(dated["index.html"]).footer.get_text()


def test_user_templates_override_argmap_ones(tmp_path):
    (tmp_path / "_style.css").write_text("body { color: #123456; }")
    pages = render(full_analysis(SAMPLE), _options(tmp_path))
    assert "#123456" in pages["explainer.html"]
    assert environment(tmp_path).get_template("map.html")  # the rest still found


def _options(templates):
    from argmap.pipeline import RunOptions

    return RunOptions(templates=templates)


def test_hostile_article_text_never_becomes_markup(hostile_site):
    for page in [*PAGES, "gaps.md"]:
        html = (hostile_site / page).read_text("utf-8")
        doc = soup(html)
        for s in doc.find_all("script"):
            body = s.string or ""
            if s.get("type") == "application/json":
                # data, never run: the article text is in it, with no markup left
                assert "<" not in body and ">" not in body, page
                json.loads(body)
            else:
                assert "__pwned" not in body, (page, body[:80])
        for tag in doc.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.startswith("on"), (page, tag)
                if attr == "href":
                    assert not str(value).lower().startswith("javascript"), (page, tag)
    explainer = soup((hostile_site / "explainer.html").read_text("utf-8"))
    assert "<script>window.__pwned = 1</script>" in explainer.get_text()
