"""Other ways of deciding that a key point is present, tried on the ArgKP gap protocol.

``python -m argmap.evaluation.gap_rules [--split dev|train]`` scores every extracted
claim of every ArgKP topic against every key point of the topic, with the key-point
matcher and the relation model (both orders averaged), once; then replays the protocol
of :mod:`argmap.evaluation.gaps` under several rules, at several presence confidences,
and says what the claims that keep a removed key point "present" are: arguments of the
opposite stance, ambiguous ones (no label for the pair), or same-stance arguments
labelled as not matching. On ``train`` only the topics held out from the matcher's
training are used. Results and what they showed: docs/evaluation.md (coverage gaps).

Rules (each gives a claim one key point, or none, and a confidence):

- ``shipped``: argmap's own (:func:`argmap.perspectives._by_content` with the
  matcher): cosine preselects two key points, the matcher reads them, the claim goes
  to the best combined score if it clears the floor and the margin; the confidence is
  the matcher's *supports*.
- ``shipped, relation model``: the same with the relation model.
- ``all key points``: the matcher reads every key point, not the two closest.
- ``argmax supports``: the key point the matcher supports most; confidence its
  *supports*.
- ``supports - contradicts``: as above with *supports* minus *contradicts*.
- ``margin``: *supports* minus half the runner-up's.
- ``minimum of both models``, ``matcher - relation contradicts``: the shipped
  assignment with a confidence that also asks the relation model.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..perspectives import MATCHER_TOP, best_perspective, clear_match, content_scores
from ..records import Corpus, Manifest, PerspectiveDef
from .gaps import _articles, ambiguous_arguments
from .relations import load_argkp

#: A rule: topic scores -> (key point index per claim or -1, confidence per claim).
Rule = Callable[["TopicScores"], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class TopicScores:
    """One ArgKP topic: its claims' scores against each of its key points."""

    topic: str
    key_points: list[str]
    key_point_stance: dict[str, int]
    arguments: list[str]
    stance: dict[str, int]
    claim_argument: list[str]  # the argument each claim was extracted from
    cosine: np.ndarray  # (claims, key points)
    matcher: np.ndarray  # (claims, key points, 3): supports, contradicts, unrelated
    relation: np.ndarray  # the same, relation model
    matches: dict[str, set[str]]
    ambiguous: dict[str, set[str]]


def score_topics(data: str | Path, split: str, topics: Sequence[str] | None) -> list[TopicScores]:
    from ..embed import Embedder
    from ..extract import extract_claims
    from ..nlp import load_pipeline
    from ..relate.model import default_matcher, default_model

    argkp = load_argkp(data, split)
    nlp, embedder = load_pipeline(None), Embedder()
    out = []
    for topic in argkp.topics():
        if topics is not None and topic not in topics:
            continue
        sub = argkp.subset([topic])
        kps = sorted(sub.key_points)
        texts = [sub.key_points[k]["text"] for k in kps]
        arg_ids = sorted(sub.arguments)
        articles = _articles([(a, sub.arguments[a]["text"]) for a in arg_ids])
        perspectives = tuple(PerspectiveDef(k, t, t) for k, t in zip(kps, texts, strict=True))
        corpus = Corpus("eval", "eval", Manifest(perspectives=perspectives), tuple(articles))
        claims = list(extract_claims(corpus, nlp).claims)
        of = {art.id: a for a, art in zip(arg_ids, articles, strict=True)}
        pairs = [(c.text, t) for c in claims for t in texts]
        shape = (len(claims), len(kps), 3)
        matches: dict[str, set[str]] = {k: set() for k in kps}
        for (a, k), y in sub.labels.items():
            if y == 1:
                matches[k].add(a)
        out.append(
            TopicScores(
                topic=topic,
                key_points=kps,
                key_point_stance={k: sub.key_points[k]["stance"] for k in kps},
                arguments=arg_ids,
                stance={a: sub.arguments[a]["stance"] for a in arg_ids},
                claim_argument=[of[c.article_id] for c in claims],
                cosine=embedder.encode([c.text for c in claims]) @ embedder.encode(texts).T,
                matcher=default_matcher().predict(pairs).reshape(shape),
                relation=default_model().predict(pairs).reshape(shape),
                matches=matches,
                ambiguous=ambiguous_arguments(sub),
            )
        )
    return out


def replay(
    topics: Sequence[TopicScores], rule: Rule, threshold: float, ambiguous: bool = False
) -> tuple[float, float]:
    """Recall and false-alarm rate of the protocol when ``rule`` assigns the claims."""
    expected_n = found = others = alarms = 0
    for tp in topics:
        kps = tp.key_points
        best, confidence = rule(tp)
        for k in kps:
            removed = tp.matches[k] | (tp.ambiguous[k] if ambiguous else set())
            remaining = set(tp.arguments) - removed
            expected = {j for j in kps if not (tp.matches[j] & remaining)}
            present = {
                kps[best[i]]
                for i, a in enumerate(tp.claim_argument)
                if a in remaining and best[i] >= 0 and confidence[i] >= threshold
            }
            reported = set(kps) - present
            expected_n += len(expected)
            found += len(expected & reported)
            others += len(kps) - len(expected)
            alarms += len(reported - expected)
    return found / max(expected_n, 1), alarms / max(others, 1)


def shipped(tp: TopicScores, which: str = "matcher", top: int = MATCHER_TOP) -> tuple[Any, Any]:
    """argmap's content assignment (:func:`argmap.perspectives._by_content`: one claim
    per group, since each argument is an outlet's) on the cached scores."""
    probs = tp.matcher if which == "matcher" else tp.relation
    n = len(tp.claim_argument)
    order = np.argsort(-tp.cosine, axis=1, kind="stable")[:, :top]
    scores, support = content_scores(
        tp.cosine, order, np.take_along_axis(probs, order[..., None], axis=1)
    )
    best, confidence = np.full(n, -1), np.zeros(n)
    for i in range(n):
        b, top_score, second = best_perspective(scores[i])
        if clear_match(top_score, second):
            best[i], confidence[i] = b, min(0.9, support[i, b])
    return best, confidence


def _argmax(values: np.ndarray) -> tuple[Any, Any]:
    best = values.argmax(axis=1)
    return best, values[np.arange(len(best)), best]


def _margin(tp: TopicScores) -> tuple[Any, Any]:
    s = tp.matcher[..., 0]
    o = np.argsort(-s, axis=1, kind="stable")
    rows = np.arange(len(s))
    runner_up = s[rows, o[:, 1]] if s.shape[1] > 1 else 0.0
    return o[:, 0], s[rows, o[:, 0]] - 0.5 * runner_up


def _with_relation(f: Callable[[np.ndarray, np.ndarray], float]) -> Rule:
    def rule(tp: TopicScores) -> tuple[Any, Any]:
        best, confidence = shipped(tp)
        confidence = confidence.copy()
        for i, b in enumerate(best):
            if b >= 0:
                confidence[i] = f(tp.matcher[i, b], tp.relation[i, b])
        return best, confidence

    return rule


RULES: dict[str, Rule] = {
    "shipped": shipped,
    "shipped, relation model": lambda tp: shipped(tp, "relation"),
    "all key points": lambda tp: shipped(tp, top=len(tp.key_points)),
    "argmax supports": lambda tp: _argmax(tp.matcher[..., 0]),
    "supports - contradicts": lambda tp: _argmax(tp.matcher[..., 0] - tp.matcher[..., 1]),
    "margin": _margin,
    "minimum of both models": _with_relation(lambda m, r: float(min(m[0], r[0]))),
    "matcher - relation contradicts": _with_relation(lambda m, r: float(m[0] - r[1])),
}


def culprits(topics: Sequence[TopicScores], threshold: float = 0.5) -> Counter[str]:
    """What the claims are that keep a removed key point present (shipped rule)."""
    out: Counter[str] = Counter()
    for tp in topics:
        kps = tp.key_points
        best, confidence = shipped(tp)
        for k in kps:
            remaining = set(tp.arguments) - tp.matches[k]
            found = False
            for i, a in enumerate(tp.claim_argument):
                if a not in remaining or best[i] < 0 or kps[best[i]] != k:
                    continue
                if confidence[i] < threshold:
                    continue
                found = True
                if tp.stance[a] != tp.key_point_stance[k]:
                    out["opposite stance"] += 1
                elif a in tp.ambiguous[k]:
                    out["same stance, no label (ambiguous)"] += 1
                else:
                    out["same stance, labelled not matching"] += 1
            out["trials kept present" if found else "trials reported missing"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    from ..relate.model import MATCHER_DIR, RelationModel
    from .__main__ import DEFAULT_DATA

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--thresholds", default="0.3,0.5,0.7,0.8", help="comma-separated")
    args = parser.parse_args(argv)
    topics = None
    if args.split == "train":
        config = RelationModel(MATCHER_DIR).config
        topics = config["training"]["data"]["argkp_validation_topics"]
    scored = score_topics(args.data, args.split, topics)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    print(f"{args.split}: {len(scored)} topics, {sum(len(t.key_points) for t in scored)} trials")
    print("rule | " + " | ".join(f"{t:.1f}: recall / false alarms" for t in thresholds))
    for name, rule in RULES.items():
        cells = [replay(scored, rule, t) for t in thresholds]
        print(f"{name} | " + " | ".join(f"{r:.3f} / {f:.3f}" for r, f in cells))
    print("claims keeping a removed key point present (shipped rule, 0.5):")
    for what, n in sorted(culprits(scored).items()):
        print(f"  {what}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
