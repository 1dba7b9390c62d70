"""The pages in a real browser: headless Chromium, opened from file:// with every
request off the machine blocked. The map must draw its nodes and edges (read through
the page's own objects), its filters, search and focus must work, no console error may
appear, and article text that is HTML or JavaScript must never run. Screenshots go to
test-output/screenshots/ (not output/, which `make demo` writes and argmap refuses to
write into when it holds files argmap did not make)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "test-output" / "screenshots"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=path,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


class Page:
    """A page opened offline, with what it logged and what it tried to fetch."""

    def __init__(self, context, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.set_viewport_size({"width": width, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            url = r.request.url
            if url.startswith("file://") or url.startswith("data:"):
                r.continue_()
            else:
                self.requests.append(url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")

    def js(self, script: str):
        return self.page.evaluate(script)

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / name), full_page=True)

    def close(self) -> None:
        assert not self.errors, self.errors
        assert not self.requests, self.requests
        self.page.close()


@pytest.mark.parametrize("name", ["index.html", "explainer.html", "gaps.html", "map.html"])
def test_page_loads_offline_without_errors(browser, sample_site, name):
    page = Page(browser, sample_site / name)
    assert page.js("document.querySelector('h1').textContent.trim().length") > 0
    page.shot(f"sample-{name}.png")
    page.close()


def test_explainer_reads_on_a_phone(browser, sample_site):
    page = Page(browser, sample_site / "explainer.html", width=390)
    wider = page.js("document.documentElement.scrollWidth > window.innerWidth + 2")
    assert not wider, "the explainer scrolls sideways on a phone"
    page.shot("sample-explainer-phone.png")
    page.close()


def test_map_draws_nodes_and_edges(browser, sample_site):
    page = Page(browser, sample_site / "map.html")
    page.page.wait_for_function("window.argmap !== undefined")
    total = page.js("window.argmap.nodes.length")
    edges = page.js("window.argmap.edges.length")
    assert total > 50 and edges > 0
    assert page.js("window.argmap.visibleNodes().length") == total
    drawn = page.js(
        "Object.keys(window.argmap.network.body.nodes).filter(k => "
        "window.argmap.network.body.nodeIndices.includes(k)).length"
    )
    assert drawn == total
    assert page.js("window.argmap.network.body.edgeIndices.length") == page.js(
        "window.argmap.visibleEdges().length"
    )
    page.shot("sample-map.png")
    page.close()


def test_map_filters_search_and_focus(browser, sample_site):
    page = Page(browser, sample_site / "map.html")
    page.page.wait_for_function("window.argmap !== undefined")
    total = page.js("window.argmap.visibleNodes().length")
    # a perspective filter hides that perspective's claims
    first = page.page.locator("#perspective-filters input").first
    pid = first.get_attribute("value")
    members = page.js(f"window.argmap.nodes.get({{filter: n => n.perspective === {pid!r}}}).length")
    first.uncheck()
    assert page.js("window.argmap.visibleNodes().length") == total - members
    first.check()
    assert page.js("window.argmap.visibleNodes().length") == total
    # a relation filter hides those edges
    before = page.js("window.argmap.visibleEdges().length")
    box = page.page.locator("#relation-filters input[value=restates]")
    box.uncheck()
    restates = page.js("window.argmap.edges.get({filter: e => e.style === 'restates'}).length")
    assert page.js("window.argmap.visibleEdges().length") == before - restates
    box.check()
    # only the relations the articles signal: the model's readings alone are hidden
    signalled = page.js(
        "window.argmap.edges.get({filter: e => e.style !== 'restates' && e.signalled}).length"
    )
    alone = page.js("window.argmap.edges.get({filter: e => !e.signalled}).length")
    assert signalled > 0 and alone > 0
    page.page.locator("#signalled-only").check()
    shown = page.js("window.argmap.visibleEdges().map(id => window.argmap.edges.get(id))")
    assert len(shown) == before - alone and all(e["signalled"] for e in shown)
    page.page.locator("#signalled-only").uncheck()
    assert page.js("window.argmap.visibleEdges().length") == before
    # search
    page.page.fill("#search", "Hallerby")
    shown = page.js("window.argmap.visibleNodes()")
    assert 0 < len(shown) < total
    texts = page.js(
        "window.argmap.visibleNodes().map(id => { const n = window.argmap.nodes.get(id);"
        " const p = n.parent ? window.argmap.nodes.get(n.parent) : n;"
        " return [p.text, p.speakers.join(' '), p.outlets.join(' ')].join(' ') })"
    )
    assert all("hallerby" in t.lower() for t in texts)
    page.shot("sample-map-search.png")
    page.page.click("#reset")
    assert page.js("window.argmap.visibleNodes().length") == total
    # focus on a linked claim: its neighbourhood only, then back
    target = page.js("window.argmap.edges.get({filter: e => e.relation !== 'restates'})[0].from")
    page.js(f"window.argmap.focus({target!r})")
    focused = set(page.js("window.argmap.visibleNodes()"))
    assert target in focused and len(focused) < total
    neighbours = page.js(
        f"window.argmap.edges.get({{filter: e => e.relation !== 'restates' && "
        f"(e.from === {target!r} || e.to === {target!r})}})"
        f".map(e => e.from === {target!r} ? e.to : e.from)"
    )
    assert set(neighbours) <= focused
    detail = page.js("document.getElementById('detail').textContent")
    assert page.js(f"window.argmap.nodes.get({target!r}).text")[:30] in detail
    page.shot("sample-map-focus.png")
    page.page.keyboard.press("Escape")
    assert page.js("window.argmap.visibleNodes().length") == total
    page.close()


@pytest.mark.parametrize("name", ["index.html", "explainer.html", "gaps.html", "map.html"])
def test_article_html_and_scripts_never_run(browser, hostile_site, name):
    page = Page(browser, hostile_site / name)
    if name == "map.html":
        page.page.wait_for_function("window.argmap !== undefined")
        ids = page.js("window.argmap.nodes.getIds()")
        for node in ids:  # every tooltip, too
            page.js(f"window.argmap.focus({node!r})")
        page.js("window.argmap.reset()")
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js(
        "[...document.querySelectorAll('a')].every(a => !a.href.startsWith('javascript'))"
    )
    text = page.js("document.body.innerText")
    if name == "explainer.html":
        assert "<script>window.__pwned = 1</script>" in text
    page.shot(f"hostile-{name}.png")
    page.close()


def _big_map(tmp_path: Path, n: int = 500) -> Path:
    """A map page of ``n`` claims and about as many relations (made up, seeded)."""
    import random

    import networkx as nx

    from argmap.records import Article, PerspectiveDef, Region
    from argmap.render import environment, map_page
    from argmap.render.netmap import map_data

    rng = random.Random(3)
    perspectives = [PerspectiveDef(f"p{i}", f"Side {i}") for i in range(6)]
    article = Article("a-1", "a.txt", "txt", "x", regions=(Region(0, 1, "body"),))
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(
            f"k-{i:04d}",
            type="claim",
            text=f"Claim number {i} about the charge",
            kind="fact",
            hedged=False,
            perspective=f"p{i % 6}",
            attributions=["direct"],
            speakers=[f"Speaker {i % 40}"],
            outlets=["The Courier"],
            prevalence={"speakers": 1 + i % 3, "outlets": 1, "articles": 1},
            occurrences=[
                {
                    "claim_id": f"c-{i}",
                    "article_id": "a-1",
                    "speaker": "S",
                    "attribution": "direct",
                    "text": f"Claim number {i} about the charge",
                }
            ],
        )
    for _ in range(n):
        a, b = rng.sample(range(n), 2)
        g.add_edge(
            f"k-{a:04d}",
            f"k-{b:04d}",
            type=rng.choice(["supports", "contradicts"]),
            score=0.8,
            rationale="test",
            attack=None,
            tentative=False,
        )
    data = map_data(g, perspectives, [article], {"a-1": 1})
    common = {
        "version": "test",
        "build_date": None,
        "corpus_name": "big",
        "title": "Big map",
        "question": None,
    }
    html = map_page(environment(), data, common, {"claims": n})
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_a_500_claim_map_draws_and_does_not_drift(browser, tmp_path):
    page = Page(browser, _big_map(tmp_path))
    page.page.wait_for_function("window.argmap !== undefined")
    page.page.locator("#show-unlinked").check()
    total = page.js("window.argmap.nodes.length")
    assert page.js("window.argmap.visibleNodes().length") == total
    before = page.js("JSON.stringify(window.argmap.network.getPositions())")
    page.page.wait_for_timeout(3000)
    after = page.js("JSON.stringify(window.argmap.network.getPositions())")
    assert before == after, "the layout moved after it was drawn"
    page.shot("big-map.png")
    page.close()
