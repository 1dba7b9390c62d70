"""Every article format: text, regions and metadata as each reader produces them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.ingest import load_corpus
from argmap.records import Article


def load_one(tmp_path: Path, name: str, content: str | bytes) -> Article:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    corpus = load_corpus(tmp_path)
    assert corpus.failures == (), corpus.failures
    (article,) = corpus.articles
    return article


def spans(article: Article, role: str) -> list[str]:
    return [article.text[r.start : r.end] for r in article.regions if r.role == role]


def test_regions_are_sorted_and_inside_the_text(tmp_path: Path) -> None:
    article = load_one(tmp_path, "a.txt", "Headline here\n\nOne paragraph of text.\nTwo.\n")
    starts = [r.start for r in article.regions]
    assert starts == sorted(starts)
    assert all(0 <= r.start < r.end <= len(article.text) for r in article.regions)


# ----------------------------------------------------------------------- txt


def test_txt_headline_and_one_body_region_per_paragraph(tmp_path: Path) -> None:
    text = (
        "Ferry fares to rise by a fifth\n"
        "Harbour operators say fuel costs left them no choice.\n"
        "Critics call the increase a tax on island families, who depend on the ferry.\n"
        "\n"
        "\n"
        "The change takes effect in March, the operator said in a statement on Monday.\n"
    )
    article = load_one(tmp_path, "fares.txt", text)
    assert article.title == "Ferry fares to rise by a fifth"
    assert spans(article, "headline") == ["Ferry fares to rise by a fifth"]
    assert spans(article, "body") == [line for line in text.splitlines()[1:] if line]
    assert article.format == "txt" and article.text == text
    assert ("title", "text") in article.metadata_sources


def test_txt_without_a_headline_line_keeps_the_first_paragraph_as_body(tmp_path: Path) -> None:
    first = (
        "Ferry fares will rise by a fifth in March, harbour operators said on Monday, blaming "
        "fuel costs that have doubled since the contracts were signed three years ago."
    )
    article = load_one(tmp_path, "a.txt", first + "\nA second paragraph follows here.\n")
    assert spans(article, "headline") == []
    assert spans(article, "body")[0] == first
    assert article.title is None


def test_txt_headline_after_a_back_link(tmp_path: Path) -> None:
    article = load_one(
        tmp_path, "a.txt", "← Back to News\n\nFerry fares to rise\n\nThe operator said so today.\n"
    )
    assert spans(article, "headline") == ["Ferry fares to rise"]
    assert spans(article, "boilerplate") == ["← Back to News"]


def test_txt_hard_wrapped_paragraphs_are_one_region_each(tmp_path: Path) -> None:
    para1 = (
        "The harbour authority said on Monday that ferry fares would rise by a\n"
        "fifth from March, blaming fuel costs that have doubled since the current\n"
        "contracts were signed three years ago"
    )
    para2 = (
        "Island councillors said the increase would fall hardest on families who\n"
        "have no other way to reach the mainland for work, school or hospital\n"
        "appointments, and asked for a subsidy"
    )
    text = f"Ferry fares to rise\n\n{para1}.\n\n{para2}.\n"
    article = load_one(tmp_path, "a.txt", text)
    assert spans(article, "body") == [para1 + ".", para2 + "."]


# ------------------------------------------------------------------------ md

MARKDOWN = """---
title: "Ferry fares to rise by a fifth"
source: Island Courier
authors: [Jo Park, Sam Reyes]
date: 2026-03-02
url: https://courier.example/ferry
tags: [transport]
---
# Ferry fares to rise by a fifth

![The ferry at dawn](ferry.jpg)

The harbour authority said fares would rise by a fifth in March.

## What islanders say

> "We have no other way to the mainland," said councillor Lee Marr.

- Fares rise on 1 March.
- Season tickets are frozen.

Setext heading
--------------

```
code is not prose
```

The operator will publish the new tables next week.
"""


def test_markdown_front_matter_headings_quotes_images(tmp_path: Path) -> None:
    article = load_one(tmp_path, "ferry.md", MARKDOWN)
    assert article.text == MARKDOWN
    assert (article.title, article.outlet, article.author, article.published, article.url) == (
        "Ferry fares to rise by a fifth",
        "Island Courier",
        "Jo Park, Sam Reyes",
        "2026-03-02",
        "https://courier.example/ferry",
    )
    assert ("outlet", "front_matter") in article.metadata_sources
    front = [r for r in article.regions if r.role == "front_matter"]
    assert (
        len(front) == 1 and front[0].start == 0 and MARKDOWN[front[0].end - 3 :].startswith("---")
    )
    assert spans(article, "headline") == ["Ferry fares to rise by a fifth"]
    assert spans(article, "heading") == ["What islanders say", "Setext heading"]
    assert spans(article, "body") == [
        "The harbour authority said fares would rise by a fifth in March.",
        '"We have no other way to the mainland," said councillor Lee Marr.',
        "Fares rise on 1 March.",
        "Season tickets are frozen.",
        "The operator will publish the new tables next week.",
    ]
    boiler = spans(article, "boilerplate")
    assert "![The ferry at dawn](ferry.jpg)" in boiler
    assert any("code is not prose" in b for b in boiler)


def test_markdown_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    article = load_one(tmp_path, "a.md", "# Ferry fares rise\n\nThe operator said so today.\n")
    assert article.title == "Ferry fares rise"
    assert ("title", "text") in article.metadata_sources


def test_markdown_without_heading_uses_the_first_line(tmp_path: Path) -> None:
    article = load_one(tmp_path, "a.md", "Ferry fares rise\n\nThe operator said so today.\n")
    assert spans(article, "headline") == ["Ferry fares rise"]


# ---------------------------------------------------------------------- html

HTML = """<!doctype html>
<html><head>
<meta charset="{charset}">
<title>Ferry fares to rise by a fifth | Island Courier</title>
<meta property="og:site_name" content="Island Courier">
<meta name="author" content="Jo Park">
<meta property="article:published_time" content="2026-03-02T08:00:00Z">
<link rel="canonical" href="https://courier.example/ferry">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry fares to rise by a fifth</h1>
<p>The harbour authority said on Monday that ferry fares would rise by a fifth from March,
blaming fuel costs that have doubled since the contracts were signed.</p>
<h2>Islanders object</h2>
<p>“We have no other way to the mainland,” said councillor Lee Marr, who represents the
northern isles and has campaigned against every increase since {year}.</p>
<p>The operator will publish the new timetables and fare tables next week, a spokesperson
said, adding that season tickets would be frozen for café owners.</p>
</article>
<footer>Copyright 2026 Island Courier. Privacy policy. Contact us.</footer>
</body></html>
"""


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1252", "cp1252"),
                                                  ("iso-8859-1", "cp1252")])  # fmt: skip
def test_html_main_text_metadata_and_declared_charset(
    tmp_path: Path, charset: str, encoding: str
) -> None:
    page = HTML.replace("{charset}", charset).replace("{year}", "2019")
    article = load_one(tmp_path, "ferry.html", page.encode(encoding))
    assert article.format == "html"
    assert article.title == "Ferry fares to rise by a fifth"
    assert article.outlet == "Island Courier"
    assert article.author == "Jo Park"
    assert article.published == "2026-03-02"
    assert ("outlet", "html") in article.metadata_sources
    body = spans(article, "body")
    assert any(b.startswith("“We have no other way") for b in body)
    assert any("café owners" in b for b in body)
    assert "Islanders object" in spans(article, "heading")
    assert spans(article, "headline") == ["Ferry fares to rise by a fifth"]
    assert "Home" not in article.text and "Privacy policy" not in article.text


# ---------------------------------------------------------------------- json

ITEM = {
    "headline": "Ferry fares to rise by a fifth",
    "body": "The harbour authority said fares would rise.\nIslanders objected on Tuesday.",
    "publisher": {"name": "Island Courier"},
    "byline": "By Jo Park",
    "published_at": "2026-03-02T08:00:00+00:00",
    "link": "https://courier.example/ferry",
}


def test_json_object_field_aliases(tmp_path: Path) -> None:
    article = load_one(tmp_path, "item.json", json.dumps(ITEM))
    assert article.path == "item.json" and article.format == "json"
    assert article.text == ITEM["body"]
    assert (article.title, article.outlet, article.author, article.published, article.url) == (
        "Ferry fares to rise by a fifth",
        "Island Courier",
        "Jo Park",
        "2026-03-02",
        "https://courier.example/ferry",
    )
    assert spans(article, "headline") == []  # the title is kept separately
    assert spans(article, "body") == ITEM["body"].split("\n")
    assert ("title", "fields") in article.metadata_sources


def test_json_list_items_are_numbered_from_one(tmp_path: Path) -> None:
    items = [ITEM, {**ITEM, "body": "A different story about the bridge, told in full."}]
    (tmp_path / "items.json").write_text(json.dumps(items))
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["items.json#1", "items.json#2"]


def test_jsonl_paths_name_the_line(tmp_path: Path) -> None:
    rows = [
        {"title": "A", "text": "The first story is about the ferry fares."},
        {"title": "B", "content": "The second story is about the bridge.", "authors": ["Jo Park"]},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["feed.jsonl#L1", "feed.jsonl#L2"]
    assert corpus.articles[1].author == "Jo Park"
    assert corpus.articles[0].format == "jsonl"
