"""Quality of the gap report against the gold data in ``../shared/eval``.

Two protocols (issue 5), both about whether a perspective with no voice in the
articles is reported ``missing``:

- **argkp** (``python -m argmap.evaluation gaps-argkp``): for each ArgKP topic, its key
  points become the manifest's perspectives (name and description: the key point).
  For each key point in turn, every argument matching it is removed and the remaining
  arguments are fed as articles (one argument, one article). A trial is right when
  exactly the key points left with no matching argument are reported ``missing``.
  Recall: of the key points that should be missing, the share reported missing.
  False alarms: of the key points that still have a matching argument, the share
  reported missing. ArgKP labels only some argument/key-point pairs; an unlabelled
  pair counts as not matching.
- **perspectrum** (``gaps-perspectrum``): for each Perspectrum claim with both
  supporting and undermining perspective clusters, two perspectives are declared:
  *for* (described by the claim) and *against* (the claim negated). With every
  UNDERMINE cluster dropped and the supporting sentences fed as articles, the
  *against* side should be reported ``missing`` or ``underrepresented``. As a control,
  with all clusters kept, the share of claims where either side is reported missing.

Claims, speakers and perspective assignments are computed once per topic (an outlet's
claims are assigned one by one, so removing articles does not change the others), then
each trial only removes articles. ``--split train`` runs the same on the train portions
(used to choose :data:`argmap.gaps.PRESENT_CONFIDENCE`; dev is reported).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from ..gaps import PRESENT_CONFIDENCE, perspective_balance
from ..records import (
    Article,
    Assignment,
    Claim,
    Corpus,
    Manifest,
    PerspectiveDef,
    Region,
    stable_id,
)
from .relations import load_argkp, load_perspectrum


def _articles(texts: Sequence[tuple[str, str]]) -> list[Article]:
    """One article per (key, text): the text is the body, no headline."""
    out = []
    for key, text in texts:
        text = " ".join(text.split())
        if text and text[-1] not in ".!?":
            text += "."
        text = text[:1].upper() + text[1:]
        out.append(
            Article(
                id=stable_id("a", key),
                path=key,
                format="txt",
                text=text,
                outlet=f"source {key}",
                regions=(Region(0, len(text), "body", "evaluation"),),
            )
        )
    return out


class _Assigner:
    """Extraction, embeddings and the relation model, loaded once."""

    def __init__(self, pipeline: str | None = None) -> None:
        from ..embed import Embedder
        from ..nlp import load_pipeline
        from ..relate.model import default_model

        self.nlp = load_pipeline(pipeline)
        self.embedder = Embedder()
        self.model = default_model()

    def run(
        self, articles: list[Article], perspectives: list[PerspectiveDef]
    ) -> tuple[Corpus, list[Claim], dict[str, Any], dict[str, Assignment]]:
        from ..extract import extract_claims
        from ..perspectives import assign_perspectives

        corpus = Corpus("eval", "eval", Manifest(perspectives=tuple(perspectives)), tuple(articles))
        extraction = extract_claims(corpus, self.nlp)
        claims = list(extraction.claims)
        vectors = self.embedder.encode([c.text for c in claims])
        _, assignments = assign_perspectives(
            corpus, claims, extraction.speakers, vectors, embedder=self.embedder, model=self.model
        )
        speakers = {s.id: s for s in extraction.speakers}
        return corpus, claims, speakers, assignments


def _statuses(
    corpus: Corpus,
    claims: list[Claim],
    speakers: dict[str, Any],
    perspectives: list[PerspectiveDef],
    assignments: dict[str, Assignment],
    keep: set[str],
    present_confidence: float = PRESENT_CONFIDENCE,
) -> dict[str, str]:
    """Each perspective's status when only the articles in ``keep`` are there."""
    articles = tuple(a for a in corpus.articles if a.id in keep)
    sub = replace(corpus, articles=articles)
    kept = [c for c in claims if c.article_id in keep]
    balance = perspective_balance(
        sub,
        kept,
        speakers,
        perspectives,
        assignments,
        nx.DiGraph(),
        present_confidence=present_confidence,
    )
    return {b.id: b.status for b in balance}


@dataclass(frozen=True)
class ArgkpTopic:
    """One ArgKP topic prepared for the gap protocols: its key points as perspectives,
    one article per argument, the extracted claims and their perspectives, and the
    arguments labelled as matching each key point."""

    topic: str
    key_points: list[str]
    arguments: list[str]
    article_of: dict[str, str]  # argument id -> article id
    matches: dict[str, set[str]]  # key point -> matching argument ids
    corpus: Corpus
    claims: list[Claim]
    speakers: dict[str, Any]
    perspectives: list[PerspectiveDef]
    assignments: dict[str, Assignment]

    def kept(self, removed: set[str]) -> set[str]:
        """The ids of the articles left when the arguments ``removed`` are taken out."""
        return {self.article_of[a] for a in self.arguments if a not in removed}


def argkp_topics(data: str | Path, split: str) -> Iterator[ArgkpTopic]:
    """Every topic of the ArgKP ``split``, analysed once (claims, perspectives)."""
    argkp = load_argkp(data, split)
    assigner = _Assigner()
    for topic in argkp.topics():
        sub = argkp.subset([topic])
        kps = sorted(sub.key_points)
        perspectives = [
            PerspectiveDef(
                id=k, name=sub.key_points[k]["text"], description=sub.key_points[k]["text"]
            )
            for k in kps
        ]
        arg_ids = sorted(sub.arguments)
        articles = _articles([(a, sub.arguments[a]["text"]) for a in arg_ids])
        corpus, claims, speakers, assignments = assigner.run(articles, perspectives)
        matches: dict[str, set[str]] = {k: set() for k in kps}
        for (a, k), y in sub.labels.items():
            if y == 1:
                matches[k].add(a)
        yield ArgkpTopic(
            topic=topic,
            key_points=kps,
            arguments=arg_ids,
            article_of={a: art.id for a, art in zip(arg_ids, articles, strict=True)},
            matches=matches,
            corpus=corpus,
            claims=claims,
            speakers=speakers,
            perspectives=perspectives,
            assignments=assignments,
        )


def evaluate_argkp_gaps(
    data: str | Path, split: str = "dev", *, thresholds: Sequence[float] = ()
) -> dict[str, Any]:
    """The ArgKP protocol (see the module docstring); ``thresholds`` also reports the
    figures at other presence confidences (for choosing one on train)."""
    values = sorted({PRESENT_CONFIDENCE, *thresholds})
    totals = {t: {"expected": 0, "found": 0, "others": 0, "false_alarms": 0} for t in values}
    per_topic = []
    for tp in argkp_topics(data, split):
        kps = tp.key_points
        topic_row = {"topic": tp.topic, "key_points": len(kps), "arguments": len(tp.arguments)}
        for t in values:
            found = expected_n = others = alarms = 0
            for k in kps:
                removed = tp.matches[k]
                remaining = set(tp.arguments) - removed
                expected = {j for j in kps if not (tp.matches[j] & remaining)}
                status = _statuses(
                    tp.corpus,
                    tp.claims,
                    tp.speakers,
                    tp.perspectives,
                    tp.assignments,
                    tp.kept(removed),
                    present_confidence=t,
                )
                reported = {j for j, s in status.items() if s == "missing"}
                expected_n += len(expected)
                found += len(expected & reported)
                others += len(kps) - len(expected)
                alarms += len(reported - expected)
            tot = totals[t]
            tot["expected"] += expected_n
            tot["found"] += found
            tot["others"] += others
            tot["false_alarms"] += alarms
            if t == PRESENT_CONFIDENCE:
                topic_row |= {
                    "recall": found / expected_n if expected_n else None,
                    "false_alarm_rate": alarms / others if others else None,
                }
        per_topic.append(topic_row)
    sweep = {
        f"{t:.2f}": {
            "recall": tot["found"] / tot["expected"] if tot["expected"] else 0.0,
            "false_alarm_rate": tot["false_alarms"] / tot["others"] if tot["others"] else 0.0,
        }
        for t, tot in totals.items()
    }
    main = totals[PRESENT_CONFIDENCE]
    return {
        "split": split,
        "topics": len(per_topic),
        "trials": sum(r["key_points"] for r in per_topic),
        "present_confidence": PRESENT_CONFIDENCE,
        "expected_missing": main["expected"],
        "recall": main["found"] / main["expected"] if main["expected"] else 0.0,
        "false_alarm_rate": main["false_alarms"] / main["others"] if main["others"] else 0.0,
        "per_topic": per_topic,
        "sweep": sweep,
    }


_AUX = re.compile(
    r"\b(should|must|shall|can|could|will|would|may|might|is|are|was|were|does|do|has|have)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(should|must|shall|can|could|will|would|may|might|is|are|was|were|does|do|has|have)"
    r" not\b",
    re.IGNORECASE,
)


def negate(claim: str) -> str:
    """The claim negated by a simple rule: "X should be Y" -> "X should not be Y", a
    "not" removed, else "It is not true that X"."""
    m = _NEGATED.search(claim)
    if m:
        return claim[: m.start()] + m.group(1) + claim[m.end() :]
    m = _AUX.search(claim)
    if m:
        return claim[: m.end()] + " not" + claim[m.end() :]
    return "It is not true that " + claim[:1].lower() + claim[1:]


def evaluate_perspectrum_gaps(
    data: str | Path, split: str = "dev", *, limit: int | None = None
) -> dict[str, Any]:
    """The Perspectrum protocol (see the module docstring)."""
    persp = load_perspectrum(data)
    assigner = _Assigner()
    claims_in = [
        c
        for c in persp.split(split)
        if {cl.stance for cl in c.clusters} >= {"supports", "contradicts"}
    ]
    if limit:
        claims_in = claims_in[:limit]
    hit = control_false = 0
    rows = []
    for claim in claims_in:
        perspectives = [
            PerspectiveDef(id="for", name="For", description=claim.text),
            PerspectiveDef(id="against", name="Against", description=negate(claim.text)),
        ]
        sentences = []
        for cl in claim.clusters:
            for pid in cl.pids:
                sentences.append((f"{claim.cid}-{pid}", persp.pool[pid], cl.stance))
        articles = _articles([(key, text) for key, text, _ in sentences])
        stance_of = {a.id: stance for a, (_, _, stance) in zip(articles, sentences, strict=True)}
        corpus, claims, speakers, assignments = assigner.run(articles, perspectives)
        support_only = {a for a, s in stance_of.items() if s == "supports"}
        dropped = _statuses(corpus, claims, speakers, perspectives, assignments, support_only)
        both = _statuses(corpus, claims, speakers, perspectives, assignments, set(stance_of))
        ok = dropped["against"] in ("missing", "underrepresented")
        hit += ok
        control = "missing" in both.values()
        control_false += control
        rows.append({"claim": claim.cid, "dropped": dropped["against"], "control": both})
    n = len(claims_in)
    return {
        "split": split,
        "claims": n,
        "detected": hit / n if n else 0.0,
        "control_false_missing": control_false / n if n else 0.0,
        "present_confidence": PRESENT_CONFIDENCE,
        "per_claim": rows,
    }
