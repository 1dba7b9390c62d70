"""Metadata: from structure, from what the text states, from the manifest; with sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.ingest import build_article, load_corpus
from argmap.ingest.layout import Draft, split_blocks
from argmap.ingest.metadata import byline_author, date_line, looks_like_name, parse_date
from argmap.records import Article, ArticleMeta, Manifest, OutletDef, PerspectiveDef

BODY = (
    "The harbour authority said on Monday that ferry fares would rise by a fifth from March, "
    "blaming fuel costs that have doubled since the contracts were signed.\n"
    "Island councillors said the increase would fall hardest on families who have no other way "
    "to reach the mainland for work, school or hospital appointments.\n"
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("06 Jun 2026, 13:00 PM", "2026-06-06"),
        ("June 6, 2026", "2026-06-06"),
        ("Jun. 6 2026", "2026-06-06"),
        ("6th of June 2026", "2026-06-06"),
        ("Saturday 6 June 2026 09.30 BST", "2026-06-06"),
        ("2026-06-06T13:00:00Z", "2026-06-06"),
        ("2026/06/06", "2026-06-06"),
        ("06.06.2026", "2026-06-06"),
        ("6/30/2026", "2026-06-30"),
        ("Published: September 12, 2019 at 4:05 p.m. ET", "2019-09-12"),
        ("February 30, 2026", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("06 Jun 2026, 13:00 PM", "2026-06-06"),
        ("Updated: Tue, June 9, 2026 | 10:42 am", "2026-06-09"),
        ("On June 4, 2026 Anthropic published a paper.", None),
    ],
)
def test_date_line_is_only_a_date(line: str, iso: str | None) -> None:
    assert date_line(line) == iso


@pytest.mark.parametrize(
    ("line", "author", "iso"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE", "Jane Doe", None),
        ("By Jane Doe and John Roe", "Jane Doe, John Roe", None),
        ("By Jane Doe, Reuters", "Jane Doe", None),
        ("By Jane Doe | June 6, 2026", "Jane Doe", "2026-06-06"),
        ("Written by Jean-Luc de la Tour", "Jean-Luc de la Tour", None),
        ("By the end of the year, fares will rise", None, None),
        ("By Factlen Editorial Team", "Factlen Editorial Team", None),
        ("BY THE NUMBERS", None, None),
    ],
)
def test_bylines(line: str, author: str | None, iso: str | None) -> None:
    assert byline_author(line) == (author, iso)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Vatsala Gaur", True), ("Nils Liu", True), ("J. R. Doe", True),
     ("Claude can improve itself", False), ("The Verification Problem", False),
     ("Claude News", False), ("Anthropic", False)],
)  # fmt: skip
def test_looks_like_name(text: str, name: bool) -> None:
    assert looks_like_name(text) is name


def article_from(text: str, manifest: Manifest | None = None, path: str = "a.txt") -> Article:
    draft = Draft(path=path, format="txt", text=text, blocks=split_blocks(text))
    result = build_article(draft, manifest)
    assert isinstance(result, Article), result
    return result


def metadata_lines(article: Article) -> list[tuple[str, str]]:
    return [(r.reason, article.text[r.start : r.end]) for r in article.regions
            if r.role == "metadata"]  # fmt: skip


def test_author_and_date_lines_after_the_headline() -> None:
    text = (
        "Ferry fares to rise\n\nFerry fares to rise\nVatsala Gaur\n06 Jun 2026, 13:00 PM\n\n"
        "powered by\n\nInvezz\n" + BODY
    )
    article = article_from(text)
    assert (article.author, article.published, article.outlet) == (
        "Vatsala Gaur",
        "2026-06-06",
        "Invezz",
    )
    assert metadata_lines(article) == [
        ("author", "Vatsala Gaur"),
        ("dateline", "06 Jun 2026, 13:00 PM"),
        ("outlet", "Invezz"),
    ]
    assert set(article.metadata_sources) == {
        ("title", "text"),
        ("author", "text"),
        ("published", "text"),
        ("outlet", "text"),
    }


def test_author_after_a_back_link_and_headline() -> None:
    article = article_from("← Back to Insights\n\nFerry fares to rise\n\nNils Liu\n\n" + BODY)
    assert article.author == "Nils Liu"
    assert metadata_lines(article) == [("author", "Nils Liu")]


def test_byline_with_date_and_copyright_outlet() -> None:
    text = "Ferry fares to rise\nBy Jo Park | March 2, 2026\n" + BODY + "© 2026 Island Courier\n"
    article = article_from(text)
    assert (article.author, article.published, article.outlet) == (
        "Jo Park",
        "2026-03-02",
        "Island Courier",
    )
    assert metadata_lines(article) == [("byline", "By Jo Park | March 2, 2026")]


def test_a_name_in_the_body_is_not_an_author() -> None:
    article = article_from("Ferry fares to rise\n\n" + BODY + "\nLee Marr\n\n" + BODY)
    assert article.author is None


def test_manifest_is_the_last_fallback_and_matches_outlets() -> None:
    manifest = Manifest(
        perspectives=(PerspectiveDef("islanders", "Islanders", members=("Harbour Weekly",)),),
        outlets=(OutletDef("Island Courier", perspective="islanders", aliases=("The Courier",)),),
        articles=(
            ArticleMeta("a.txt", outlet="The Courier", author="Not Used", published="2026-01-01"),
            ArticleMeta("b.txt", outlet="Harbour Weekly"),
        ),
    )
    article = article_from("Ferry fares to rise\nBy Jo Park\n" + BODY, manifest)
    assert (article.outlet, article.author, article.published) == (
        "Island Courier",  # the alias resolved to the canonical name
        "Jo Park",  # the text wins over the manifest
        "2026-01-01",
    )
    assert article.perspective == "islanders"
    assert ("outlet", "manifest") in article.metadata_sources
    assert ("author", "text") in article.metadata_sources
    assert ("perspective", "manifest") in article.metadata_sources
    other = article_from("Ferry fares\n" + BODY, manifest, path="b.txt")
    assert other.perspective == "islanders"  # the outlet is a perspective member


def test_fields_win_over_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nauthor: Sam Reyes\n---\nFerry fares\nBy Jo Park\n" + BODY)
    (article,) = load_corpus(tmp_path).articles
    assert article.author == "Sam Reyes"
    assert ("author", "front_matter") in article.metadata_sources
    assert [r.role for r in article.regions][:3] == ["front_matter", "headline", "metadata"]
