"""``claims.json`` (schema ``argmap/claims@1``): articles, speakers and claims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..records import Article, Claim, Corpus, Extraction, Failure, PerspectiveDef, Speaker
from ..schemas import CLAIMS

#: Formats whose offsets point into the extracted body text, not the file's bytes.
EXTRACTED_TEXT_FORMATS = frozenset({"html", "json", "jsonl"})


def article_dict(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "format": article.format,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published,
        "url": article.url,
        "perspective": article.perspective,
        "duplicate_of": article.duplicate_of,
        "words": article.word_count(),
        "offsets": "extracted" if article.format in EXTRACTED_TEXT_FORMATS else "file",
    }
    if article.format in EXTRACTED_TEXT_FORMATS:
        # offsets point into this text, which is not the file's own: ship it
        data["text"] = article.text
    return data


def speaker_dict(speaker: Speaker) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "role": speaker.role,
        "aliases": list(speaker.aliases),
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    return claim.to_dict()


def failure_dict(failure: Failure) -> dict[str, Any]:
    return {"path": failure.path, "reason": failure.reason, "message": failure.message}


def claims_document(
    corpus: Corpus, extraction: Extraction, perspectives: Sequence[PerspectiveDef] = ()
) -> dict[str, Any]:
    """The ``claims.json`` document for one corpus (``perspectives``: the manifest's or
    the discovered ones, once the perspective stage has run)."""
    manifest = corpus.manifest
    return {
        "perspectives": [
            {"id": p.id, "name": p.name, "description": p.description, "source": p.source}
            for p in perspectives
        ],
        "schema": CLAIMS,
        "argmap_version": __version__,
        "pipeline": extraction.pipeline,
        "corpus": {
            "name": corpus.name,
            "title": manifest.title,
            "question": manifest.question,
            "articles": len(corpus.articles),
            "independent_articles": len(corpus.independent_articles),
            "claims": len(extraction.claims),
            "failures": [failure_dict(f) for f in (*corpus.failures, *extraction.failures)],
        },
        "articles": [article_dict(a) for a in corpus.articles],
        "speakers": [speaker_dict(s) for s in extraction.speakers],
        "claims": [claim_dict(c) for c in extraction.claims],
    }
