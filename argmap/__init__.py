"""argmap: source-attributed argument maps from a folder of news articles.

The library behind the ``argmap`` command; everything the CLI does is callable here::

    import argmap

    corpus = argmap.load_corpus("corpora/wrenhaven-congestion-charge")
    extraction = argmap.extract_claims(corpus)
    for claim in extraction.claims:
        print(claim.speaker, claim.attribution, claim.text)

    argmap.run(["corpora/wrenhaven-congestion-charge"], "output")   # what `argmap run` does
    argmap.extract_text('"It will pay for itself," said the mayor.')  # one string
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "Article",
    "Claim",
    "Corpus",
    "Extraction",
    "Speaker",
    "__version__",
    "extract_claims",
    "extract_text",
    "load_corpus",
    "load_manifest",
    "run",
]

if TYPE_CHECKING:
    from .errors import ArgmapError
    from .extract import extract_claims
    from .ingest import load_corpus
    from .manifest import load_manifest
    from .pipeline import run
    from .records import Article, Claim, Corpus, Extraction, Speaker

_LAZY = {
    "ArgmapError": ("errors", "ArgmapError"),
    "Article": ("records", "Article"),
    "Claim": ("records", "Claim"),
    "Corpus": ("records", "Corpus"),
    "Extraction": ("records", "Extraction"),
    "Speaker": ("records", "Speaker"),
    "extract_claims": ("extract", "extract_claims"),
    "load_corpus": ("ingest", "load_corpus"),
    "load_manifest": ("manifest", "load_manifest"),
    "run": ("pipeline", "run"),
}


def __getattr__(name: str) -> Any:
    """Import on first use, so that ``import argmap`` stays fast (spaCy loads later)."""
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def extract_text(
    text: str, *, title: str | None = None, outlet: str | None = None, pipeline: str | None = None
) -> list[Claim]:
    """The attributed claims of one piece of text (as one article)."""
    from .extract import extract_claims as _extract
    from .ingest import article_from_text

    article = article_from_text(text, title=title, outlet=outlet)
    return list(_extract([article], pipeline).claims)
