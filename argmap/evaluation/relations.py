"""Quality of the relation stage against the gold data in ``../shared/eval``.

Three measurements (``python -m argmap.evaluation perspectrum|argkp|restatements``):

- **perspectrum**: support vs contradict between a claim and each perspective sentence of
  its gold clusters, for the Perspectrum *dev* claims (which training never sees). The
  relation model's first two classes decide (argmax over supports/contradicts);
  macro-F1 and accuracy over all claim/perspective-sentence pairs.
- **argkp**: key-point matching on the ArgKP *dev* topics, scored as in the KPA-2021
  shared task (track 1, ``track_1_kp_matching.py``): each argument is matched to its
  best-scoring key point of the same topic and stance; per topic and stance the top half
  of those matches by score are kept and their average precision computed (unlabelled
  pairs count as wrong in *strict*, as right in *relaxed*); mAP is the mean over the
  (topic, stance) groups.
- **restatements**: restatement grouping against Perspectrum's paraphrase clusters
  (B-cubed precision, recall and F1 over the perspective sentences of dev claims).

Data loaders and metrics here are plain Python and numpy; the training script
(``training/train_relation.py``) uses the same ones.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

STANCES = ("supports", "contradicts")
PERSPECTRUM_STANCE = {"SUPPORT": "supports", "UNDERMINE": "contradicts"}


class MissingData(Exception):
    """The gold data folder (or a file in it) is absent: the evaluation is skipped."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class PerspectiveCluster:
    pids: tuple[int, ...]
    stance: str  # "supports" or "contradicts"


@dataclass(frozen=True)
class PerspectrumClaim:
    cid: int
    text: str
    split: str
    topics: tuple[str, ...]
    clusters: tuple[PerspectiveCluster, ...]


@dataclass
class Perspectrum:
    claims: list[PerspectrumClaim]
    pool: dict[int, str]

    def split(self, name: str) -> list[PerspectrumClaim]:
        return [c for c in self.claims if c.split == name]

    def stance_pairs(self, claims: Iterable[PerspectrumClaim]) -> list[tuple[int, int, str]]:
        """``(claim id, perspective id, stance)`` for every sentence of every cluster."""
        out = []
        for claim in claims:
            for cluster in claim.clusters:
                for pid in cluster.pids:
                    out.append((claim.cid, pid, cluster.stance))
        return out


def _require(path: Path) -> Path:
    if not path.exists():
        raise MissingData(f"{path} not found")
    return path


def load_perspectrum(data: str | Path) -> Perspectrum:
    """Perspectrum v1.0 train+dev from ``DATA/perspectrum`` (stance SUPPORT/UNDERMINE)."""
    root = _require(Path(data) / "perspectrum")
    raw = json.loads(_require(root / "claims_train_dev.json").read_text("utf-8"))
    splits = json.loads(_require(root / "split_train_dev.json").read_text("utf-8"))
    pool_raw = json.loads(_require(root / "perspective_pool_train_dev.json").read_text("utf-8"))
    pool = {int(p["pId"]): str(p["text"]).strip() for p in pool_raw}
    claims = []
    for item in sorted(raw, key=lambda c: int(c["cId"])):
        clusters = []
        for p in item["perspectives"]:
            stance = PERSPECTRUM_STANCE.get(p["stance_label_3"])
            if stance is None:
                continue
            pids = tuple(int(x) for x in p["pids"] if int(x) in pool)
            if pids:
                clusters.append(PerspectiveCluster(pids, stance))
        claims.append(
            PerspectrumClaim(
                cid=int(item["cId"]),
                text=str(item["text"]).strip(),
                split=splits.get(str(item["cId"]), "unknown"),
                topics=tuple(item.get("topics") or ()),
                clusters=tuple(clusters),
            )
        )
    return Perspectrum(claims, pool)


@dataclass
class ArgKP:
    """One split of IBM ArgKP: arguments, key points and their match labels."""

    arguments: dict[str, dict[str, Any]]  # arg_id -> {text, topic, stance}
    key_points: dict[str, dict[str, Any]]  # key_point_id -> {text, topic, stance}
    labels: dict[tuple[str, str], int] = field(default_factory=dict)

    def topics(self) -> list[str]:
        return sorted({a["topic"] for a in self.arguments.values()})

    def candidates(self) -> list[tuple[str, str]]:
        """Every (argument, key point) pair of the same topic and stance, sorted."""
        by_group: dict[tuple[str, int], list[str]] = defaultdict(list)
        for kid, kp in sorted(self.key_points.items()):
            by_group[(kp["topic"], kp["stance"])].append(kid)
        return [
            (aid, kid)
            for aid, arg in sorted(self.arguments.items())
            for kid in by_group.get((arg["topic"], arg["stance"]), [])
        ]

    def subset(self, topics: Iterable[str]) -> ArgKP:
        keep = set(topics)
        args = {k: v for k, v in self.arguments.items() if v["topic"] in keep}
        kps = {k: v for k, v in self.key_points.items() if v["topic"] in keep}
        labels = {k: v for k, v in self.labels.items() if k[0] in args and k[1] in kps}
        return ArgKP(args, kps, labels)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with _require(path).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_argkp(data: str | Path, split: str) -> ArgKP:
    """ArgKP ``split`` ("train" or "dev") from ``DATA/argkp``."""
    root = _require(Path(data) / "argkp")
    args = {
        r["arg_id"]: {
            "text": r["argument"].strip(),
            "topic": r["topic"],
            "stance": int(r["stance"]),
        }
        for r in _read_csv(root / f"arguments_{split}.csv")
    }
    kps = {
        r["key_point_id"]: {
            "text": r["key_point"].strip(),
            "topic": r["topic"],
            "stance": int(r["stance"]),
        }
        for r in _read_csv(root / f"key_points_{split}.csv")
    }
    labels = {
        (r["arg_id"], r["key_point_id"]): int(r["label"])
        for r in _read_csv(root / f"labels_{split}.csv")
    }
    return ArgKP(args, kps, labels)


# ------------------------------------------------------------------------ metrics


def classification_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = STANCES
) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-label precision/recall/F1."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "n": len(gold),
        "accuracy": correct / len(gold) if gold else 0.0,
        "macro_f1": float(np.mean([per[label]["f1"] for label in labels])) if labels else 0.0,
        "per_label": per,
    }


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision as ``sklearn.metrics.average_precision_score`` computes it.

    Sum over distinct score thresholds (highest first) of the recall gained times the
    precision at that threshold; tied scores enter together. 0.0 when nothing is positive.
    """
    y = np.asarray(labels, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    if y.size == 0 or y.sum() == 0:
        return 0.0
    order = np.argsort(-s, kind="mergesort")
    y, s = y[order], s[order]
    # the last index of every run of equal scores
    ends = np.r_[np.nonzero(np.diff(s))[0], y.size - 1]
    tps = np.cumsum(y)[ends]
    precision = tps / (ends + 1)
    recall = tps / y.sum()
    gained = np.diff(np.r_[0.0, recall])
    return float(np.sum(gained * precision))


def kpa_mean_average_precision(
    argkp: ArgKP, scores: Mapping[tuple[str, str], float], top_percentile: float = 0.5
) -> dict[str, Any]:
    """KPA-2021 track 1 mAP (strict and relaxed) from scores of (arg_id, key_point_id).

    Follows ``track_1_kp_matching.py``: best key point per argument (the first of equal
    maxima in key-point id order), an argument with no scored key point is matched to a
    dummy with score 0 and label 0, labels missing from the gold file count 0 (strict) or
    1 (relaxed), and per (topic, stance) the top ``top_percentile`` of arguments by score
    (``int(n * 0.5)``; score ties kept in argument id order) give one average precision.
    """
    best: dict[str, tuple[str | None, float]] = {}
    for (aid, kid), score in sorted(scores.items()):
        if aid not in best or score > best[aid][1]:
            best[aid] = (kid, float(score))
    groups: dict[tuple[str, int], list[tuple[float, int, int]]] = defaultdict(list)
    for aid, arg in sorted(argkp.arguments.items()):
        kid, score = best.get(aid, (None, 0.0))
        if kid is None:
            strict = relaxed = 0
        else:
            label = argkp.labels.get((aid, kid))
            strict = 0 if label is None else label
            relaxed = 1 if label is None else label
        groups[(arg["topic"], arg["stance"])].append((score, strict, relaxed))
    per_group = {}
    for key, rows in sorted(groups.items()):
        top = int(len(rows) * top_percentile)
        ranked = sorted(rows, key=lambda r: -r[0])[:top]
        per_group[f"{key[0]} ({'pro' if key[1] > 0 else 'con'})"] = {
            "strict": average_precision([r[1] for r in ranked], [r[0] for r in ranked]),
            "relaxed": average_precision([r[2] for r in ranked], [r[0] for r in ranked]),
            "arguments": len(rows),
        }
    strict = float(np.mean([g["strict"] for g in per_group.values()])) if per_group else 0.0
    relaxed = float(np.mean([g["relaxed"] for g in per_group.values()])) if per_group else 0.0
    return {"map_strict": strict, "map_relaxed": relaxed, "groups": per_group}


def bcubed(gold: Sequence[Any], predicted: Sequence[Any]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold clusters.

    ``gold[i]`` and ``predicted[i]`` are the cluster labels of item ``i``.
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    n = len(gold)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    gold_of: dict[Any, set[int]] = defaultdict(set)
    pred_of: dict[Any, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_of[g].add(i)
        pred_of[p].add(i)
    prec = rec = 0.0
    for i in range(n):
        g, p = gold_of[gold[i]], pred_of[predicted[i]]
        both = len(g & p)
        prec += both / len(p)
        rec += both / len(g)
    prec, rec = prec / n, rec / n
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "n": n}


def gold_paraphrase_clusters(
    claims: Iterable[PerspectrumClaim],
) -> dict[int, int]:
    """Perspective id -> gold cluster label; clusters that share a sentence are merged."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for claim in claims:
        for cluster in claim.clusters:
            first = find(cluster.pids[0])
            for pid in cluster.pids[1:]:
                root = find(pid)
                if root != first:
                    parent[max(root, first)] = min(root, first)
                    first = min(root, first)
    return {pid: find(pid) for pid in sorted(parent)}


ScoreFn = Callable[[Sequence[tuple[str, str]]], np.ndarray]


# --------------------------------------------------------------- the evaluations


def _model(model: Any, symmetric: bool) -> Any:
    if model is None:
        from argmap.relate.model import RelationModel

        model = RelationModel(symmetric=symmetric)
    return model


def _by_confidence(
    gold: Sequence[str], predicted: Sequence[str], confidence: np.ndarray
) -> dict[str, dict[str, float]]:
    """Accuracy of the most confident half and quarter of the predictions."""
    order = np.argsort(-confidence, kind="mergesort")
    out = {}
    for name, share in (("top_half", 0.5), ("top_quarter", 0.25)):
        keep = order[: max(1, int(len(order) * share))]
        out[name] = {
            "n": int(keep.size),
            "accuracy": float(np.mean([gold[i] == predicted[i] for i in keep])),
        }
    return out


def stance_readings(probs: np.ndarray) -> tuple[list[str], np.ndarray]:
    """From probabilities ``[n, 3]``: the larger of *supports* / *contradicts* for each
    pair, and its share of the two (0.5 to 1, the reading's confidence)."""
    two = probs[:, :2]
    predicted = [STANCES[int(i)] for i in np.argmax(two, axis=1)]
    return predicted, two.max(axis=1) / np.clip(two.sum(axis=1), 1e-9, None)


def evaluate_perspectrum(
    data: str | Path, *, model: Any = None, symmetric: bool = True, split: str = "dev"
) -> dict[str, Any]:
    """Support vs contradict over all claim / perspective-sentence pairs of ``split``."""
    persp = load_perspectrum(data)
    claims = persp.split(split)
    text_of = {c.cid: c.text for c in claims}
    triples = persp.stance_pairs(claims)
    rel = _model(model, symmetric)
    probs = rel.predict([(text_of[c], persp.pool[p]) for c, p, _ in triples], symmetric=symmetric)
    predicted, confidence = stance_readings(probs)
    gold = [g for _, _, g in triples]
    result = classification_scores(gold, predicted)
    # perspectives that no train claim uses: the strictest "never seen" subset
    train_pids = {p for c in persp.split("train") for cl in c.clusters for p in cl.pids}
    unseen = [i for i, (_, p, _) in enumerate(triples) if p not in train_pids]
    sub = classification_scores([gold[i] for i in unseen], [predicted[i] for i in unseen])
    result.update(
        {
            "split": split,
            "claims": len(claims),
            "symmetric": symmetric,
            "unseen_perspectives": {
                "n": sub["n"],
                "macro_f1": sub["macro_f1"],
                "accuracy": sub["accuracy"],
            },
            "by_confidence": _by_confidence(gold, predicted, confidence),
            "predicted_unrelated": int(np.sum(np.argmax(probs, axis=1) == 2)),
        }
    )
    return result


def evaluate_argkp(
    data: str | Path, *, model: Any = None, symmetric: bool = True, split: str = "dev"
) -> dict[str, Any]:
    """KPA-2021 track 1 mAP with the relation model's P(supports) as the match score."""
    argkp = load_argkp(data, split)
    cands = argkp.candidates()
    rel = _model(model, symmetric)
    probs = rel.predict(
        [(argkp.arguments[a]["text"], argkp.key_points[k]["text"]) for a, k in cands],
        symmetric=symmetric,
    )
    scores = {c: float(probs[i, 0]) for i, c in enumerate(cands)}
    result = kpa_mean_average_precision(argkp, scores)
    result.update(
        {
            "split": split,
            "topics": len(argkp.topics()),
            "arguments": len(argkp.arguments),
            "pairs_scored": len(cands),
            "symmetric": symmetric,
        }
    )
    return result


def evaluate_argkp_assignment(
    data: str | Path, *, model: Any, split: str = "dev", topics: Sequence[str] | None = None
) -> dict[str, Any]:
    """KPA-2021 mAP with candidates ranked as argmap ranks perspectives for a claim: the
    MiniLM cosine plus half of the model's *supports* minus *contradicts*
    (:func:`argmap.perspectives.content_scores`); ``topics`` limits the topics."""
    from argmap.embed import Embedder
    from argmap.perspectives import MODEL_WEIGHT

    argkp = load_argkp(data, split)
    if topics is not None:
        argkp = argkp.subset(topics)
    cands = argkp.candidates()
    pairs = [(argkp.arguments[a]["text"], argkp.key_points[k]["text"]) for a, k in cands]
    probs = model.predict(pairs)
    texts = sorted({t for pair in pairs for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    vectors = Embedder().encode(texts)
    scores = {
        c: float(vectors[index[a]] @ vectors[index[b]])
        + MODEL_WEIGHT * float(probs[i, 0] - probs[i, 1])
        for i, (c, (a, b)) in enumerate(zip(cands, pairs, strict=True))
    }
    result = kpa_mean_average_precision(argkp, scores)
    result.update({"split": split, "topics": len(argkp.topics()), "pairs_scored": len(cands)})
    return result


_MODAL_START = re.compile(r"^(we|you|they|people|everyone)\s+(should|must|ought to)\s+", re.I)
_SUBJECT_MODAL = re.compile(r"^(.+?)\s+(should|must|is|are|can|will)\s+(.+)$", re.I)


def as_question(statement: str) -> str | None:
    """A debate topic put as the question it answers, as a story's question is written
    in a manifest; None when neither form applies.

    >>> as_question("We should ban school uniforms")
    'Should we ban school uniforms?'
    >>> as_question("Assisted suicide should be a criminal offence")
    'Should assisted suicide be a criminal offence?'
    """
    text = statement.strip().rstrip(".")
    m = _MODAL_START.match(text)
    if m:
        modal = m.group(2).split()[0].capitalize()
        return f"{modal} {m.group(1).lower()} {text[m.end() :]}?"
    m = _SUBJECT_MODAL.match(text)
    if m:
        subject = m.group(1)
        if not subject[:2].isupper():  # keep "AI", "NATO"
            subject = subject[0].lower() + subject[1:]
        return f"{m.group(2).capitalize()} {subject} {m.group(3)}?"
    return None


def evaluate_argkp_side(
    data: str | Path,
    *,
    model: Any,
    split: str = "dev",
    question: bool = False,
    confident: float = 0.8,
) -> dict[str, Any]:
    """Which side of its topic each ArgKP argument and key point of ``split`` takes
    (pro -> supports, con -> contradicts), read in one order: (topic, sentence). With
    ``question``, the topic is first put as the question it answers ("Should we ban
    X?"). ``confident``: the share of the larger side that makes a reading confident
    (reported apart). Used for the side reader of ``training/train_relation.py --task
    side`` (docs/evaluation.md), which argmap does not ship."""
    argkp = load_argkp(data, split)
    items = [v for _, v in sorted(argkp.arguments.items())]
    kps = [v for _, v in sorted(argkp.key_points.items())]

    def topic(t: str) -> str:
        return (as_question(t) or t) if question else t

    def read(rows: list[dict[str, Any]]) -> tuple[list[str], list[str], np.ndarray]:
        probs = model.predict([(topic(r["topic"]), r["text"]) for r in rows], symmetric=False)
        gold = [STANCES[0] if r["stance"] == 1 else STANCES[1] for r in rows]
        return (gold, *stance_readings(probs))

    gold, predicted, confidence = read(items)
    result = classification_scores(gold, predicted)
    sure = confidence >= confident
    right = np.array(gold) == np.array(predicted)
    result["confident"] = {
        "share": float(sure.mean()),
        "accuracy": float(right[sure].mean()) if sure.any() else 0.0,
    }
    kgold, kpred, _ = read(kps)
    result.update(
        {
            "split": split,
            "topics": len(argkp.topics()),
            "question_form": question,
            "by_confidence": _by_confidence(gold, predicted, confidence),
            "key_points": classification_scores(kgold, kpred),
        }
    )
    return result


def restatement_items(
    persp: Perspectrum, split: str
) -> tuple[list[int], dict[int, int], list[list[int]]]:
    """Perspective ids of ``split`` claims, their gold clusters, and the ids per claim."""
    claims = persp.split(split)
    gold = gold_paraphrase_clusters(claims)
    pids = sorted(gold)
    per_claim = [sorted({p for cl in c.clusters for p in cl.pids}) for c in claims]
    return pids, gold, per_claim


def evaluate_restatements(
    data: str | Path,
    *,
    threshold: float | None = None,
    split: str = "dev",
    embedder: Any = None,
    vectors: dict[int, np.ndarray] | None = None,
    model: Any = "default",
) -> dict[str, Any]:
    """B-cubed of :func:`argmap.relate.cluster.group_restatements` against the gold
    paraphrase clusters, per claim (the sentences of one claim clustered together, as
    the annotators saw them) and pooled (all sentences of the split at once). As argmap
    groups them: refined by the relation ``model`` (the shipped one by default; ``None``
    for the embedding alone, which ``per_claim_embedding_only`` also reports)."""
    from argmap.relate.cluster import DEFAULT_THRESHOLD, group_restatements

    if isinstance(model, str) and model == "default":
        from argmap.relate.model import default_model

        model = default_model()

    t = DEFAULT_THRESHOLD if threshold is None else threshold
    persp = load_perspectrum(data)
    pids, gold, per_claim = restatement_items(persp, split)
    if vectors is None:
        if embedder is None:
            from argmap.embed import Embedder

            embedder = Embedder()
        mat = embedder.encode([persp.pool[p] for p in pids])
        vectors = {p: mat[i] for i, p in enumerate(pids)}

    # per claim: B-cubed over all (claim, sentence) items, clusters never cross claims
    def per_claim_bcubed(refine: Any) -> dict[str, float]:
        g_all: list[Any] = []
        p_all: list[Any] = []
        for n, group in enumerate(per_claim):
            if not group:
                continue
            labels = group_restatements(
                np.stack([vectors[p] for p in group]),
                threshold=t,
                texts=[persp.pool[p] for p in group],
                model=refine,
            )
            g_all += [(n, gold[p]) for p in group]
            p_all += [(n, lab) for lab in labels]
        return bcubed(g_all, p_all)

    per_claim_scores = per_claim_bcubed(model)
    embedding_only = per_claim_bcubed(None) if model is not None else per_claim_scores
    pooled_labels = group_restatements(
        np.stack([vectors[p] for p in pids]),
        threshold=t,
        texts=[persp.pool[p] for p in pids],
        model=model,
    )
    pooled = bcubed([gold[p] for p in pids], pooled_labels)
    singletons = bcubed([gold[p] for p in pids], list(range(len(pids))))
    return {
        "split": split,
        "threshold": t,
        "sentences": len(pids),
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters_pooled": len(set(pooled_labels)),
        "refined_by_model": model is not None,
        "per_claim": per_claim_scores,
        "per_claim_embedding_only": embedding_only,
        "pooled": pooled,
        "all_singletons_pooled": singletons,
    }
