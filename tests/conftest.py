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


def make_article(path: str, text: str, **meta: Any) -> Any:
    """A hand-made plain-text article whose whole text is body."""
    from argmap.records import Article, Region, stable_id

    return Article(
        id=stable_id("a", path),
        path=path,
        format="txt",
        text=text,
        regions=(Region(0, len(text), "body"),),
        **meta,
    )


def make_speaker(name: str, kind: str = "person", role: str | None = None) -> Any:
    from argmap.records import Speaker, stable_id

    return Speaker(stable_id("s", name.casefold()), name, kind, role)


def make_claim(
    article: Any, text: str, speaker: Any, attribution: str, *, kind: str = "fact", **kw: Any
) -> Any:
    """A hand-made claim: ``text`` where it first stands in the article, its own
    sentence unless ``sentence_start``/``sentence_end`` say otherwise."""
    from argmap.records import Claim, stable_id

    start = article.text.index(text)
    fields = {"sentence_start": start, "sentence_end": start + len(text)} | kw
    return Claim(
        id=stable_id("c", article.id, start, attribution),
        article_id=article.id,
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker.name,
        speaker_id=speaker.id,
        speaker_kind=speaker.kind,
        attribution=attribution,
        kind=kind,
        hedged=False,
        confidence=0.9,
        **fields,
    )


@cache
def full_analysis(corpus: Path) -> Any:
    """Every stage of ``argmap run`` on a corpus (once per session)."""
    from argmap.ingest import load_corpus
    from argmap.pipeline import analyze

    return analyze(load_corpus(corpus))


def chromium_path() -> str | None:
    """Debian's chromium, which the browser tests drive (installed by .ci/run)."""
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


#: Article text that tries to run in a page: every page must show it as text.
HOSTILE = {
    "inject.md": (
        "---\n"
        "title: 'Council <script>window.__pwned = 1</script> backs bus lanes'\n"
        "outlet: 'The <img src=x onerror=\"window.__pwned=2\"> Gazette'\n"
        "url: 'javascript:window.__pwned=3'\n"
        "date: 2026-03-04\n"
        "---\n\n"
        "The city council voted on Tuesday to build new bus lanes on the ring road, "
        "and officials said the work would start in May.\n\n"
        '"The lanes will cut journey times by a third </script><script>window.__pwned=4'
        '</script>," said Mayor Ana Ruiz.\n\n'
        'Critics say the plan <img src=x onerror="window.__pwned=5"> will hurt shops, '
        'and residents argued that <a href="javascript:window.__pwned=6">the plan</a> '
        "was rushed.\n\n"
        "Home care workers will pay the charge several times a day, the council said.\n"
    ),
    "second.txt": (
        "Bus lanes divide the city\n"
        "By Jo Hale\n\n"
        "Traders warned that the bus lanes would drive shoppers to out-of-town retail "
        "parks, where parking is free.\n\n"
        '"The lanes will not cut journey times at all," said Sam Okafor, who runs a '
        "hardware shop on Castle Street.\n\n"
        "Mayor Ana Ruiz said the lanes would pay for themselves within five years.\n"
    ),
}


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``argmap run`` over a corpus whose text is HTML and JavaScript."""
    from argmap.pipeline import run

    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in HOSTILE.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = root / "out"
    run([corpus], out)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``argmap run`` over the sample corpus (the pages the browser tests open)."""
    from argmap.output import OutputDir
    from argmap.pipeline import write

    out = OutputDir(tmp_path_factory.mktemp("sample") / "out")
    out.prepare()
    write(full_analysis(CORPORA / "wrenhaven-congestion-charge"), out)
    return out.root
