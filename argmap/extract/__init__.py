"""Claim extraction: propositions with their speakers, cues and spans.

``extract_claims(corpus)`` parses every article with spaCy (in worker processes for
large corpora, each parsing and extracting its share, so only small records travel
between processes), runs the attribution rules of :mod:`.attribution`, classifies each
claim (:mod:`.classify`) and finally makes speaker names canonical across the corpus
("Clark" -> "Jack Clark" when the corpus names him in full).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..records import (
    Article,
    Claim,
    Corpus,
    Event,
    Extraction,
    Failure,
    Mention,
    Question,
    Speaker,
    stable_id,
)
from .classify import classify, cue_framing, is_hedged
from .dates import find_events
from .gazetteer import Gazetteer, from_manifest
from .gazetteer import Matcher as GazetteerMatcher
from .mentions import find_mentions, find_questions
from .names import complete_entities

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RawClaim", "extract_article", "extract_claims"]

Progress = Callable[[int, int], None]
#: What one article gives: its claims, the groups it talks about, its questions, its
#: dated sentences; or the error message that stopped it.
ArticleResult = tuple[list["RawClaim"], list[Mention], list[Question], list[Event]] | str

#: Below this many articles extraction runs in-process (worker start-up costs ~2 s).
PARALLEL_THRESHOLD = 24
_ORG_HINTS = re.compile(
    r"(?:[a-z][A-Z])|\b(?:AI|Inc|Ltd|LLC|Corp|Group|University|Institute|Agency|Council|"
    r"Commission|Department|Ministry|Foundation|Association|Party|Bank|News|Times|Post|"
    r"Labs?|Office|Committee|Union|Court|Centre|Center)\b"
)


@dataclass(frozen=True, slots=True)
class RawClaim:
    """A claim as found in one article, before corpus-wide speaker names are known."""

    article_id: str
    parts: tuple[tuple[int, int], ...]
    sentence_start: int
    sentence_end: int
    attribution: str
    method: str
    confidence: float
    speaker_name: str | None
    speaker_kind: str | None
    speaker_role: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_via: str | None
    cue: tuple[str, int, int] | None
    in_headline: bool
    kind: str = "fact"
    hedged: bool = False


def extract_article(article: Article, doc: Any) -> list[RawClaim]:
    """Run the attribution rules over one parsed article."""
    from .attribution import ArticleAttributor

    headline = article.headline_region
    attributor = ArticleAttributor(
        doc, headline=(headline.start, headline.end) if headline else None
    )
    out: list[RawClaim] = []
    full_text = attributor.text  # Doc.text joins every token again on each access
    for f in attributor.run():
        if not f.parts:
            continue
        sp = f.speaker
        in_headline = headline is not None and headline.start <= f.start < headline.end
        start = sp.start if sp is not None and sp.start >= 0 else None
        end = sp.end if sp is not None and sp.end >= 0 else None
        tokens = [t for s, e in f.parts for t in _span_tokens(doc, s, e)]
        text = join_parts([full_text[s:e] for s, e in f.parts])
        out.append(
            RawClaim(
                article_id=article.id,
                parts=tuple(f.parts),
                sentence_start=f.sent_start,
                sentence_end=f.sent_end,
                attribution=f.attribution,
                method=f.method,
                confidence=f.confidence,
                speaker_name=sp.name if sp else None,
                speaker_kind=sp.kind if sp else None,
                speaker_role=sp.role if sp else None,
                speaker_start=start,
                speaker_end=end,
                speaker_via=sp.via if sp else None,
                cue=f.cue,
                in_headline=in_headline,
                kind=classify(
                    tokens,
                    recommendation_cue=bool(f.extra.get("recommendation")),
                    evaluation_cue=bool(f.extra.get("evaluation")),
                ),
                hedged=is_hedged(text),
            )
        )
    return out


def _span_tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


# ---- running spaCy, in-process or in workers -------------------------------------------

_WORKER_NLP: Language | None = None


def _worker_init(pipeline: str) -> None:
    global _WORKER_NLP
    from ..nlp import load_pipeline

    _WORKER_NLP = load_pipeline(pipeline)


def _worker_run(task: tuple[list[Article], Gazetteer]) -> list[ArticleResult]:
    assert _WORKER_NLP is not None
    articles, gazetteer = task
    return _parse_and_extract(_WORKER_NLP, articles, batch_size=16, gazetteer=gazetteer)


def _parse_and_extract(
    nlp: Language, articles: Sequence[Article], batch_size: int, gazetteer: Gazetteer = ()
) -> list[ArticleResult]:
    texts = (a.analysis_text() for a in articles)
    names = GazetteerMatcher(nlp, gazetteer)
    out: list[ArticleResult] = []
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=batch_size), strict=True):
        try:
            headline = article.headline_region
            span = (headline.start, headline.end) if headline else None
            doc = complete_entities(names.apply(doc), span)
            out.append(
                (
                    extract_article(article, doc),
                    find_mentions(article, doc),
                    find_questions(article, doc),
                    find_events(article, doc),
                )
            )
        except Exception as exc:  # a bug on one article must not sink the run
            out.append(f"{type(exc).__name__}: {exc}")
    return out


def _chunks(items: Sequence[Article], size: int) -> Iterable[list[Article]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def extract_claims(
    corpus: Corpus | Sequence[Article],
    nlp: Language | str | None = None,
    *,
    n_process: int | None = None,
    batch_size: int = 16,
    progress: Progress | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Extract attributed claims from every article of ``corpus``.

    ``nlp`` is a loaded spaCy pipeline or the name of an installed one (default: the
    pinned pipeline, see :mod:`argmap.nlp`). ``n_process`` defaults to the number of
    CPUs for corpora of :data:`PARALLEL_THRESHOLD` articles or more, else 1. Worker
    processes parse and extract their share and send back only small records.
    ``gazetteer`` names (default: the corpus manifest's members and outlets, see
    :mod:`.gazetteer`) override the model's entities.
    """
    from ..nlp import load_pipeline, pipeline_label

    articles = list(corpus.articles if isinstance(corpus, Corpus) else corpus)
    if gazetteer is None:
        gazetteer = (
            from_manifest(corpus.manifest, [a.text for a in articles])
            if isinstance(corpus, Corpus)
            else ()
        )
    model = load_pipeline(nlp) if nlp is None or isinstance(nlp, str) else nlp
    label = pipeline_label(model)
    if n_process is None:
        n_process = (os.cpu_count() or 1) if len(articles) >= PARALLEL_THRESHOLD else 1
    n_process = max(1, min(n_process, len(articles) or 1))
    results: list[ArticleResult] = []
    total = len(articles)
    if n_process == 1:
        for chunk in _chunks(articles, batch_size * 4):
            results.extend(_parse_and_extract(model, chunk, batch_size, gazetteer))
            if progress:
                progress(len(results), total)
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_NLP
        pool_options: dict[str, Any] = {"max_workers": n_process}
        if "fork" in mp.get_all_start_methods():
            # workers inherit the loaded pipeline: no second load, no re-import
            pool_options["mp_context"] = mp.get_context("fork")
            _WORKER_NLP = model
        else:
            name = f"{model.meta.get('lang', 'en')}_{model.meta.get('name', '')}"
            pool_options |= {
                "mp_context": mp.get_context("spawn"),
                "initializer": _worker_init,
                "initargs": (name,),
            }
        chunk_size = max(4, min(batch_size, total // (n_process * 4) or 4))
        try:
            with ProcessPoolExecutor(**pool_options) as pool:
                for chunk_result in pool.map(
                    _worker_run, ((chunk, gazetteer) for chunk in _chunks(articles, chunk_size))
                ):
                    results.extend(chunk_result)
                    if progress:
                        progress(len(results), total)
        finally:
            _WORKER_NLP = None
    raw: list[RawClaim] = []
    mentions: list[Mention] = []
    questions: list[Question] = []
    events: list[Event] = []
    failures: list[Failure] = []
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, str):
            failures.append(
                Failure(
                    article.path,
                    "extraction",
                    f"{article.path}: claim extraction failed ({result}); the article was "
                    "skipped. Please report this with the file.",
                )
            )
        else:
            raw.extend(result[0])
            mentions.extend(result[1])
            questions.extend(result[2])
            events.extend(result[3])
    claims, speakers = finalize(raw, articles)
    stats = {
        "articles": len(articles),
        "claims": len(claims),
        "by_attribution": dict(sorted(Counter(c.attribution for c in claims).items())),
    }
    return Extraction(
        tuple(claims),
        tuple(speakers),
        tuple(failures),
        label,
        stats,
        mentions=tuple(mentions),
        questions=tuple(questions),
        events=tuple(events),
    )


# ---- corpus-wide speaker names ---------------------------------------------------------


def outlet_speaker(article: Article) -> str:
    """The name an article's own assertions are attributed to."""
    if article.outlet:
        return article.outlet
    if article.author:
        return article.author
    return f"Unknown outlet ({article.path})"


def _canonical_names(raw: Sequence[RawClaim]) -> tuple[dict[str, str], dict[str, str]]:
    """Map every speaker name to its canonical form, and each canonical name to a kind."""
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for r in raw:
        if r.speaker_name and r.speaker_kind:
            kinds[r.speaker_name][r.speaker_kind] += 1
    names = sorted(kinds)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for name in names:
        parts = name.split()
        if len(parts) >= 2 and kinds[name].most_common(1)[0][0] == "person":
            full_by_last[parts[-1]].add(name)
    mapping: dict[str, str] = {}
    for name in names:
        target = name
        parts = name.split()
        if len(parts) == 1 and len(full_by_last.get(name, ())) == 1:
            target = next(iter(full_by_last[name]))
        mapping[name] = target
    canonical_kind: dict[str, str] = {}
    merged: dict[str, Counter[str]] = defaultdict(Counter)
    for name, counts in kinds.items():
        merged[mapping[name]].update(counts)
    for name, counts in merged.items():
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        kind = ranked[0][0]
        if kind == "person" and len(name.split()) == 1 and _ORG_HINTS.search(name):
            kind = "organisation"
        if kind == "person" and counts.get("organisation") and len(name.split()) == 1:
            kind = "organisation"
        canonical_kind[name] = kind
    return mapping, canonical_kind


def finalize(
    raw: Sequence[RawClaim], articles: Sequence[Article]
) -> tuple[list[Claim], list[Speaker]]:
    """Turn raw claims into :class:`Claim` records with canonical speakers."""
    by_id = {a.id: a for a in articles}
    mapping, kinds = _canonical_names(raw)
    roles: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in raw:
        if r.speaker_name:
            canon = mapping.get(r.speaker_name, r.speaker_name)
            if r.speaker_role and canon not in roles:
                roles[canon] = r.speaker_role
            if r.speaker_start is not None and r.speaker_end is not None:
                article = by_id[r.article_id]
                mention = " ".join(article.text[r.speaker_start : r.speaker_end].split())
                if mention and mention != canon:
                    aliases[canon].add(mention)
    claims: list[Claim] = []
    speakers: dict[str, Speaker] = {}
    paragraph_index = {a.id: [(r.start, r.end) for r in a.body_regions] for a in articles}
    for r in raw:
        article = by_id[r.article_id]
        if r.attribution == "outlet" or not r.speaker_name:
            name, kind, role = outlet_speaker(article), "outlet", None
        else:
            name = mapping.get(r.speaker_name, r.speaker_name)
            kind = kinds.get(name, r.speaker_kind or "organisation")
            role = roles.get(name) if kind in ("person", "organisation") else None
        sid = stable_id("s", name.casefold())
        if sid not in speakers:
            speakers[sid] = Speaker(sid, name, kind, role, tuple(sorted(aliases.get(name, ()))))
        text = join_parts([article.text[s:e] for s, e in r.parts])
        start, end = r.parts[0][0], r.parts[-1][1]
        parts = r.parts if len(r.parts) > 1 else ()
        cue = r.cue
        claims.append(
            Claim(
                id=stable_id("c", article.id, start, end, r.attribution),
                article_id=article.id,
                text=text,
                start=start,
                end=end,
                sentence_start=r.sentence_start,
                sentence_end=r.sentence_end,
                speaker=name,
                speaker_id=sid,
                speaker_kind=kind,
                attribution=r.attribution,
                kind=r.kind,
                hedged=r.hedged,
                confidence=round(r.confidence, 3),
                speaker_start=r.speaker_start,
                speaker_end=r.speaker_end,
                speaker_role=role,
                cue=cue[0] if cue else None,
                cue_start=cue[1] if cue else None,
                cue_end=cue[2] if cue else None,
                framing=cue_framing(cue[0] if cue else None, r.attribution),
                parts=parts,
                in_headline=r.in_headline,
                paragraph=_paragraph_of(paragraph_index[article.id], start),
            )
        )
    order = {a.id: i for i, a in enumerate(articles)}
    claims.sort(key=lambda c: (order[c.article_id], c.start, c.end))
    return _dedupe(claims), sorted(speakers.values(), key=lambda s: (s.kind, s.name.casefold()))


def join_parts(pieces: Sequence[str]) -> str:
    """The text of a claim in several pieces: a space after a piece that ends a sentence,
    an ellipsis where words between the pieces were left out ("X," she said, "Y.")."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not out:
            out = piece
        elif out[-1:] in ".!?…" or (out[-2:-1] in ".!?" and out[-1:] in "”\"’'"):
            out += " " + piece
        else:
            out += " … " + piece
    return out


def _paragraph_of(paragraphs: list[tuple[int, int]], start: int) -> int:
    for i, (s, e) in enumerate(paragraphs):
        if s <= start < e:
            return i
    return 0


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop exact repeats (same article and span), keeping the more confident."""
    best: dict[tuple[str, int, int], Claim] = {}
    for c in claims:
        key = (c.article_id, c.start, c.end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    seen = set()
    out = []
    for c in claims:
        key = (c.article_id, c.start, c.end)
        if key in seen or best[key] is not c:
            continue
        seen.add(key)
        out.append(c)
    return out


def with_perspectives(
    claims: Sequence[Claim], assign: dict[str, tuple[str | None, float, str]]
) -> list[Claim]:
    """Copies of ``claims`` with ``perspective`` fields set from ``assign`` (by claim id)."""
    out = []
    for c in claims:
        if c.id in assign:
            p, conf, ev = assign[c.id]
            out.append(
                replace(c, perspective=p, perspective_confidence=conf, perspective_evidence=ev)
            )
        else:
            out.append(c)
    return out
