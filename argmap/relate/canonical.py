"""Canonical claims: restatements of one claim, across articles and within one, as one node.

Claims are grouped by :func:`argmap.relate.cluster.group_restatements` (average-linkage
on sentence vectors, split where the relation model reads a contradiction). Each group
keeps every occurrence; counts of speakers, outlets and articles leave out syndicated
copies, so "made by 3 speakers in 4 outlets" means independent sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..records import Article, CanonicalClaim, Claim, stable_id
from .cluster import DEFAULT_THRESHOLD, group_restatements

#: A claim's place as evidence or conclusion (used to pick a representative wording).
_ATTRIBUTION_ORDER = {"direct": 0, "indirect": 1, "outlet": 2}


def canonical_claims(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    articles: Sequence[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: Any = None,
) -> tuple[list[CanonicalClaim], dict[str, str]]:
    """Group ``claims`` (with their ``vectors``) into canonical claims.

    Returns the canonical claims (in order of their first occurrence) and a map from
    each claim id to its canonical claim id.
    """
    if not claims:
        return [], {}
    by_article = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    labels = group_restatements(
        vectors,
        threshold,
        texts=[c.text for c in claims],
        model=model,
    )
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    out: list[CanonicalClaim] = []
    mapping: dict[str, str] = {}
    for members in groups.values():
        group = sorted((claims[i] for i in members), key=lambda c: (order[c.article_id], c.start))
        independent = [c for c in group if by_article[c.article_id].duplicate_of is None]
        counted = independent or group
        rep = min(
            counted,
            key=lambda c: (
                _ATTRIBUTION_ORDER.get(c.attribution, 3),
                -c.confidence,
                order[c.article_id],
                c.start,
            ),
        )
        kinds = Counter(c.kind for c in counted)
        kind = max(sorted(kinds), key=lambda k: (kinds[k], k == rep.kind))
        canon = CanonicalClaim(
            id=stable_id("k", *sorted(c.id for c in group)),
            text=rep.text,
            representative=rep.id,
            claim_ids=tuple(c.id for c in group),
            kind=kind,
            speakers=_unique(c.speaker_id for c in counted),
            outlets=_unique(_outlet(by_article[c.article_id]) for c in counted),
            articles=_unique(c.article_id for c in counted),
            copies=_unique(c.article_id for c in group if c not in independent),
            attributions=_unique(c.attribution for c in counted),
        )
        out.append(canon)
        for c in group:
            mapping[c.id] = canon.id
    first = {c.id: (order[c.article_id], c.start) for c in claims}
    out.sort(key=lambda k: min(first[i] for i in k.claim_ids))
    return out, mapping


def _outlet(article: Article) -> str:
    return article.outlet or article.author or article.path


def _unique(items: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)
