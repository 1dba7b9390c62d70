"""The real articles in ../shared/corpora/rsi-arms-control, as a new user would load them."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.ingest import load_corpus
from argmap.records import Article, Corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/rsi-arms-control"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora is not present"),
]

BOILERPLATE = [
    "ADVERTISEMENT",
    "Credits: Shutterstock",
    "/3 min read",
    "powered by",
    "Buy: Anthropic exposure",
    "Sell: OpenAI-linked public proxies",
    "Key Risk:",
    "Anthropic (private) / AI safety premium",
    "OpenAI (public proxy) / frontier leadership",
    "← Back to Insights",
    "Anthropic AI Safety Recursive Self-Improvement AI Regulation Claude News",
    "TL;DR",
    "subscribe to the newsletter",
    "Further reading:",
    "Get the latest insights",
    "Join the newsletter",
    "No spam. Unsubscribe anytime.",
    "Vatsala Gaur",
    "06 Jun 2026",
    "Nils Liu",
]

# Paragraphs that must survive, whole, as body regions (the start of each).
KEPT = {
    "001": ["The Claude-maker warns", "Anthropic has called for the creation",
            "“The window to investigate the questions together is here,”"],
    "002": ["Anthropic says AI development may need to slow", "As the race to build ever more",
            "According to Azizi Othman of Asia e University",
            "For now, Anthropic plans to organize discussions"],
    "003": ["Claude's task horizon doubles", "On June 4, Anthropic’s research and policy team",
            "The real question is when recursive self-improvement actually arrives"],
    "004": ["Artificial intelligence (AI) is developing", "In a recent interview with Axios",
            "While today’s AI systems are not yet fully self-improving"],
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS, exclude=["reference"])


def by_prefix(corpus: Corpus, prefix: str) -> Article:
    return next(a for a in corpus.articles if a.path.startswith(prefix))


def body_texts(article: Article) -> list[str]:
    return [article.text[r.start : r.end] for r in article.body_regions]


def test_four_articles_no_failures(corpus: Corpus) -> None:
    assert [a.path[:3] for a in corpus.articles] == ["001", "002", "003", "004"]
    assert corpus.failures == ()
    assert all(a.duplicate_of is None for a in corpus.articles)


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_no_boilerplate_in_body_regions(corpus: Corpus, prefix: str) -> None:
    body = "\n".join(body_texts(by_prefix(corpus, prefix)))
    for unwanted in BOILERPLATE:
        assert unwanted not in body, unwanted


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_real_paragraphs_are_kept(corpus: Corpus, prefix: str) -> None:
    article = by_prefix(corpus, prefix)
    body = body_texts(article)
    for start in KEPT[prefix]:
        assert any(p.startswith(start) for p in body), start
    # every line of prose (12+ words) is a body region, except the headline (and its
    # repeated copy) and the investment box in 002
    for line in article.text.splitlines():
        words = line.split()
        if line.strip() == article.title or any(b in line for b in BOILERPLATE):
            continue
        if len(words) >= 12 and not line.lstrip().startswith(("Buy:", "Sell:", "Key Risk:")):
            assert any(line.strip().endswith(p) for p in body), line[:60]


def test_one_body_region_per_paragraph(corpus: Corpus) -> None:
    for article in corpus.articles:
        for region in article.body_regions:
            assert "\n" not in article.text[region.start : region.end]


def test_metadata_where_the_text_states_it(corpus: Corpus) -> None:
    a2 = by_prefix(corpus, "002")
    assert (a2.author, a2.published, a2.outlet) == ("Vatsala Gaur", "2026-06-06", "Invezz")
    assert a2.title == "Recursive self-improvement: Why Anthropic wants AI development slowed"
    a3 = by_prefix(corpus, "003")
    assert a3.author == "Nils Liu"
    assert a3.title is not None and a3.title.startswith("Anthropic Calls for a Global AI Pause")
    a1 = by_prefix(corpus, "001")
    assert (
        a1.title
        == "As AI helps build its successors, Anthropic calls for a way to slow development"
    )
    assert a1.author is None and a1.outlet is None  # not stated in the text
    assert by_prefix(corpus, "004").title is None  # no headline line in the file


def test_subheadings_are_headings_not_body(corpus: Corpus) -> None:
    a1 = by_prefix(corpus, "001")
    headings = [a1.text[r.start : r.end] for r in a1.regions if r.role == "heading"]
    assert headings == ["Claude can improve itself", "Advance AI development harder to monitor"]


def test_loading_is_deterministic(corpus: Corpus) -> None:
    assert load_corpus(CORPUS, exclude=["reference"]) == corpus
