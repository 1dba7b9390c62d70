"""Real articles of ../shared/bench that once broke extraction (read there, never
copied): each must now extract without an error. Skipped when ../shared is absent."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import ROOT

from argmap.extract import extract_claims
from argmap.nlp import load_pipeline
from argmap.records import Article, Region

BENCH = ROOT.parent / "shared" / "bench" / "news-scale" / "articles.jsonl.gz"
#: 1-based positions, among the articles with text, that raised IndexError [E035]: a
#: "call for" cue whose particle was parsed before its verb gave an end before the start
#: (297, 360, 672, 693, 958), and a non-projective parse gave a claim's tokens out of
#: order (314).
BROKE = {297, 314, 360, 672, 693, 958}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BENCH.exists(), reason="needs ../shared/bench"),
]


def _articles():
    out, n = [], 0
    with gzip.open(BENCH, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            text = item.get("content") or item.get("text")
            if not text:
                continue
            n += 1
            if n in BROKE:
                out.append(
                    Article(
                        id=f"a{n}",
                        path=f"bench#{n}",
                        format="txt",
                        text=text,
                        regions=(Region(0, len(text), "body", "test"),),
                    )
                )
            if n >= max(BROKE):
                break
    return out


def test_articles_that_once_failed_extract_cleanly():
    articles = _articles()
    assert len(articles) == len(BROKE)
    extraction = extract_claims(articles, load_pipeline(), n_process=1)
    assert not extraction.failures, [f.message for f in extraction.failures]
    assert len(extraction.claims) > 20
