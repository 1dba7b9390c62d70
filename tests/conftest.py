"""Shared fixtures: the sample corpora and what argmap must find in them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"


def sample_corpora() -> list[Path]:
    """Every sample corpus that has an expected.toml."""
    return sorted(p.parent for p in CORPORA.glob("*/expected.toml"))


@cache
def expected(corpus: Path) -> dict[str, Any]:
    return tomllib.loads((corpus / "expected.toml").read_text(encoding="utf-8"))


def article_path(entry: dict[str, Any]) -> str:
    """expected.toml names a .jsonl article by path and 0-based line; argmap by path#L<n>."""
    path = str(entry.get("path") or entry["article"])
    if "line" in entry:
        return f"{path}#L{entry['line'] + 1}"
    return path


@dataclass
class Analysed:
    corpus: Any
    extraction: Any


@cache
def _analysed(corpus: Path) -> Analysed:
    from argmap.extract import extract_claims
    from argmap.ingest import load_corpus

    loaded = load_corpus(corpus)
    return Analysed(loaded, extract_claims(loaded))


@pytest.fixture(scope="session", params=sample_corpora(), ids=lambda p: p.name)
def analysed(request: pytest.FixtureRequest) -> Analysed:
    """A sample corpus, ingested and with its claims extracted (once per session)."""
    return _analysed(request.param)


def analysed_corpus(corpus: Path) -> Analysed:
    return _analysed(corpus)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
