"""The sample corpora: argmap must find what each expected.toml says (see corpora/README.md).

One test per expected entry, so a failure names the claim, speaker or boilerplate line
that went wrong.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analysed_corpus, article_path, expected, full_analysis, sample_corpora

pytestmark = pytest.mark.slow


def _cases(table: str) -> list[Any]:
    cases = []
    for corpus in sample_corpora():
        for i, entry in enumerate(expected(corpus).get(table, [])):
            label = (
                entry.get("name")
                or entry.get("text")
                or entry.get("copy")
                or entry.get("outlet")
                or str(i)
            )
            cases.append(pytest.param(corpus, entry, id=f"{corpus.name}:{label[:50]}"))
    return cases


def _article(corpus, path: str):
    for a in corpus.articles:
        if a.path == path:
            return a
    raise AssertionError(f"no article {path!r}; have {[a.path for a in corpus.articles]}")


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("articles"))
def test_article_metadata(corpus_dir, entry):
    run = analysed_corpus(corpus_dir)
    article = _article(run.corpus, article_path(entry))
    for field, attr in [
        ("title", "title"),
        ("outlet", "outlet"),
        ("author", "author"),
        ("url", "url"),
        ("date", "published"),
    ]:
        if field in entry:
            assert getattr(article, attr) == entry[field], f"{field} of {article.path}"


def test_no_failures(analysed):
    assert not analysed.corpus.failures
    assert not analysed.extraction.failures


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("duplicates"))
def test_syndicated_copy_is_recorded(corpus_dir, entry):
    run = analysed_corpus(corpus_dir)
    copy = _article(run.corpus, entry["copy"])
    original = _article(run.corpus, entry["original"])
    assert copy.duplicate_of == original.id
    assert original.duplicate_of is None
    assert copy not in run.corpus.independent_articles


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("speakers"))
def test_speaker_is_found(corpus_dir, entry):
    run = analysed_corpus(corpus_dir)
    speakers = run.extraction.speakers
    if entry["kind"] == "group":
        found = [
            s for s in speakers if s.kind == "group" and entry["name"].lower() in s.name.lower()
        ]
    else:
        found = [s for s in speakers if s.name == entry["name"]]
    assert found, f"speaker {entry['name']!r} not found among {[s.name for s in speakers]}"
    assert any(s.kind == entry["kind"] for s in found), [(s.name, s.kind) for s in found]
    if "role" in entry:
        roles = [c.speaker_role or "" for c in run.extraction.claims if c.speaker == entry["name"]]
        roles += [s.role or "" for s in found]
        assert any(entry["role"].lower() in r.lower() for r in roles), roles


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("claims"))
def test_claim_is_extracted(corpus_dir, entry):
    run = analysed_corpus(corpus_dir)
    article = _article(run.corpus, article_path(entry))
    claims = [
        c for c in run.extraction.claims if c.article_id == article.id and entry["text"] in c.text
    ]
    assert claims, f"no claim containing {entry['text']!r} in {article.path}"

    def matches(c) -> bool:
        if entry["speaker"] != c.speaker and not (
            c.speaker_kind == "group" and entry["speaker"].lower() in c.speaker.lower()
        ):
            return False
        if c.attribution != entry["attribution"]:
            return False
        if "cue" in entry and (c.cue or "").lower() != entry["cue"].lower():
            return False
        if "kind" in entry and c.kind != entry["kind"]:
            return False
        if "framing" in entry and c.framing != entry["framing"]:
            return False
        return "hedged" not in entry or c.hedged == entry["hedged"]

    got = [(c.speaker, c.attribution, c.cue, c.framing, c.kind, c.hedged) for c in claims]
    assert any(matches(c) for c in claims), f"{entry} vs {got}"


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("not_claims"))
def test_boilerplate_never_becomes_a_claim(corpus_dir, entry):
    run = analysed_corpus(corpus_dir)
    text = entry["text"].lower()
    bad = [c.text for c in run.extraction.claims if text in c.text.lower()]
    assert not bad


def test_claim_offsets_point_into_the_article(analysed):
    by_id = {a.id: a for a in analysed.corpus.articles}
    for c in analysed.extraction.claims:
        article = by_id[c.article_id]
        spans = c.parts or ((c.start, c.end),)
        pieces = [article.text[s:e] for s, e in spans]
        assert all(pieces), c
        for piece in pieces:
            assert piece in c.text
        assert article.text[c.sentence_start : c.sentence_end].strip()
        if c.speaker_start is not None:
            assert article.text[c.speaker_start : c.speaker_end].strip()
        if c.cue_start is not None:
            assert article.text[c.cue_start : c.cue_end] == c.cue


@pytest.mark.parametrize(("corpus_dir", "entry"), _cases("framing"))
def test_framing_difference_is_reported(corpus_dir, entry):
    """[[framing]]: an outlet that reports one perspective's claims with marked verbs
    ("claims", "insisted") and the others' with "said"."""
    gaps = full_analysis(corpus_dir).gaps
    findings = gaps.framing["findings"]
    assert any(s.gap == "framing" for s in gaps.suggestions)
    assert any(
        f["outlet"] == entry["outlet"]
        and f["perspective"] == entry["perspective"]
        and f["framing"] == entry["framing"]
        for f in findings
    ), findings
