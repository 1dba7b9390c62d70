"""The claim graph (networkx): claims, speakers, articles and perspectives.

Node ids: canonical claims ``k-…``, speakers ``s-…``, articles ``a-…``, perspectives
``p:<id>``. Every node has a ``type``. Edges:

| edge | from → to | attributes |
|---|---|---|
| ``supports``, ``contradicts`` | claim → claim | ``score``, ``rationale``, ``attack`` ... |
| ``asserts`` | speaker → claim | ``attributions``, ``cues``, ``occurrences`` |
| ``contains`` | article → claim | ``occurrences`` |
| ``member_of`` | speaker → perspective | ``claims`` (how many of the speaker's claims) |
| ``in_perspective`` | claim → perspective | ``confidence``, ``evidence`` |
| ``copy_of`` | article → article | a syndicated copy and its original |

The graph is built from records and never mutated by its readers; exports read it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import networkx as nx

from .records import (
    Assignment,
    CanonicalClaim,
    Claim,
    Corpus,
    PerspectiveDef,
    Relation,
    Speaker,
)

CLAIM_RELATIONS = ("supports", "contradicts")


def perspective_node(pid: str) -> str:
    return f"p:{pid}"


def build_graph(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: Sequence[Speaker],
    canonical: Sequence[CanonicalClaim],
    relations: Sequence[Relation],
    perspectives: Sequence[PerspectiveDef],
    assignments: dict[str, Assignment],
) -> nx.DiGraph:
    g = nx.DiGraph(name=corpus.name, title=corpus.manifest.title or corpus.name)
    by_claim = {c.id: c for c in claims}
    articles = {a.id: a for a in corpus.articles}
    for p in perspectives:
        g.add_node(
            perspective_node(p.id),
            type="perspective",
            perspective=p.id,
            name=p.name,
            description=p.description,
            source=p.source,
            members=list(p.members),
        )
    for a in corpus.articles:
        g.add_node(
            a.id,
            type="article",
            path=a.path,
            title=a.title,
            outlet=a.outlet,
            author=a.author,
            published=a.published,
            url=a.url,
            perspective=a.perspective,
            duplicate_of=a.duplicate_of,
        )
    for a in corpus.articles:
        if a.duplicate_of and a.duplicate_of in articles:
            g.add_edge(a.id, a.duplicate_of, type="copy_of")
    speaker_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        assigned = assignments.get(c.id)
        if assigned is not None and assigned.perspective:
            speaker_votes[c.speaker_id][assigned.perspective] += 1
    known = {p.id for p in perspectives}
    for s in speakers:
        votes = speaker_votes.get(s.id, Counter())
        main = max(sorted(votes), key=lambda p: votes[p]) if votes else None
        g.add_node(
            s.id,
            type="speaker",
            name=s.name,
            kind=s.kind,
            role=s.role,
            perspective=main,
            aliases=list(s.aliases),
        )
        for pid, n in sorted(votes.items()):
            if pid in known:
                g.add_edge(s.id, perspective_node(pid), type="member_of", claims=n)
    for k in canonical:
        members = [by_claim[i] for i in k.claim_ids]
        rep = by_claim[k.representative]
        assignment = assignments.get(rep.id) or Assignment(None, 0.0, "")
        occurrences = [
            {
                "claim_id": c.id,
                "article_id": c.article_id,
                "speaker": c.speaker,
                "speaker_id": c.speaker_id,
                "attribution": c.attribution,
                "cue": c.cue,
                "framing": c.framing,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "copy": articles[c.article_id].duplicate_of is not None,
            }
            for c in members
        ]
        g.add_node(
            k.id,
            type="claim",
            text=k.text,
            kind=k.kind,
            hedged=any(c.hedged for c in members),
            perspective=assignment.perspective,
            perspective_confidence=assignment.confidence,
            perspective_evidence=assignment.evidence,
            attributions=list(k.attributions),
            speakers=[by_claim_speaker(members, sid) for sid in k.speakers],
            speaker_ids=list(k.speakers),
            outlets=list(k.outlets),
            articles=list(k.articles),
            copies=list(k.copies),
            prevalence={
                "speakers": len(k.speakers),
                "outlets": len(k.outlets),
                "articles": len(k.articles),
            },
            occurrences=occurrences,
            confidence=max(c.confidence for c in members),
        )
        if assignment.perspective in known:
            g.add_edge(
                k.id,
                perspective_node(assignment.perspective),
                type="in_perspective",
                confidence=assignment.confidence,
                evidence=assignment.evidence,
            )
        per_speaker: dict[str, list[Claim]] = defaultdict(list)
        per_article: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            per_speaker[c.speaker_id].append(c)
            per_article[c.article_id].append(c)
        for sid, cs in sorted(per_speaker.items()):
            g.add_edge(
                sid,
                k.id,
                type="asserts",
                attributions=sorted({c.attribution for c in cs}),
                cues=sorted({c.cue for c in cs if c.cue}),
                occurrences=len(cs),
            )
        for aid, cs in sorted(per_article.items()):
            g.add_edge(aid, k.id, type="contains", occurrences=len(cs))
    for r in relations:
        g.add_edge(
            r.source,
            r.target,
            type=r.relation,
            score=r.score,
            rationale=r.rationale,
            attack=r.attack,
            tentative=r.tentative,
            signals=list(r.signals),
            model={"supports": r.model[0], "contradicts": r.model[1], "unrelated": r.model[2]},
        )
    return g


def by_claim_speaker(members: Sequence[Claim], speaker_id: str) -> str:
    return next(c.speaker for c in members if c.speaker_id == speaker_id)


def claim_nodes(g: nx.DiGraph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d.get("type") == "claim"]


def relation_edges(g: nx.DiGraph, kind: str | None = None) -> list[tuple[str, str, dict]]:
    kinds = (kind,) if kind else CLAIM_RELATIONS
    return [(u, v, d) for u, v, d in g.edges(data=True) if d.get("type") in kinds]
