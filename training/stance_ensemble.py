"""Perspectrum stance read by several readers together: the average of their shares of
*supports* in *supports* + *contradicts*. Measures each reader and the averages on the
validation claims (held-out train claims, as train_relation.py carves them) and on
Perspectrum dev, with the pairs whose perspective no train claim uses apart.

Run with the training environment (the validation split is carved with the base
model's torch embeddings, as in training):

    .venv-train/bin/python training/stance_ensemble.py \
        --reader side=training/runs/side-b/model:one-way

Each ``--reader NAME=DIR[:one-way]`` adds an exported model folder; the shipped
relation model and stance reader are always read. ``--gaps`` runs the Perspectrum gap
protocol (argmap.evaluation.gaps) instead, with claims read against the perspectives by
the relation model for whether they are related and by all the readers together for
which way; it needs spaCy, so run it with argmap's own environment:

    .venv/bin/python training/stance_ensemble.py --gaps \
        --reader side=training/runs/side-b/model:one-way

Written up in docs/evaluation.md (relations, "Three readers together").
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_relation import perspectrum_validation_claims, sentence_vectors

from argmap.evaluation.relations import classification_scores, load_perspectrum
from argmap.relate.model import RelationModel, default_model, default_stance


class Together:
    """The relation model's relatedness (*supports* + *contradicts*), split by the
    readers' mean share of *supports*; a reader of the relation model's interface."""

    def __init__(self, readers: dict[str, tuple[RelationModel, bool]]) -> None:
        self.readers = readers

    def predict(self, pairs: list[tuple[str, str]], symmetric: bool | None = None) -> np.ndarray:
        base = np.asarray(self.readers["relation"][0].predict(pairs), dtype=np.float64)
        share = np.mean([shares(m, pairs, sym) for m, sym in self.readers.values()], axis=0)
        related = base[:, 0] + base[:, 1]
        return np.stack([related * share, related * (1 - share), base[:, 2]], axis=1)


def shares(model: RelationModel, pairs: list[tuple[str, str]], symmetric: bool) -> np.ndarray:
    p = np.asarray(model.predict(pairs, symmetric=symmetric), dtype=np.float64)
    return p[:, 0] / np.clip(p[:, 0] + p[:, 1], 1e-9, None)


def macro_f1(share: np.ndarray, gold: list[str], rows: list[int]) -> float:
    predicted = ["supports" if share[i] >= 0.5 else "contradicts" for i in rows]
    return round(classification_scores([gold[i] for i in rows], predicted)["macro_f1"], 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/eval")
    parser.add_argument("--reader", action="append", default=[], help="NAME=DIR[:one-way]")
    parser.add_argument("--val-fraction", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--gaps", action="store_true", help="the Perspectrum gap protocol")
    args = parser.parse_args(argv)

    readers: dict[str, tuple[RelationModel, bool]] = {
        "relation": (default_model(), True),
        "stance": (default_stance(), True),
    }
    for spec in args.reader:
        name, _, where = spec.partition("=")
        folder, _, order = where.partition(":")
        readers[name] = (RelationModel(folder).load(), order != "one-way")

    if args.gaps:
        from argmap.evaluation import gaps

        together = Together(readers)
        gaps._Assigner.reader = lambda self, perspectives: together  # type: ignore[method-assign]
        result = gaps.evaluate_perspectrum_gaps(args.data, "dev", matcher="relation")
        keys = ("claims", "detected", "control_false_missing")
        print(json.dumps({"gap_protocol_dev": {k: round(result[k], 4) for k in keys}}))
        return 0
    persp = load_perspectrum(args.data)
    train = persp.split("train")
    pids = sorted({p for c in train for cl in c.clusters for p in cl.pids})
    vecs = sentence_vectors([c.text for c in train] + [persp.pool[p] for p in pids])
    held = perspectrum_validation_claims(
        persp, {c.cid: vecs[i] for i, c in enumerate(train)}, args.val_fraction, args.seed
    )
    train_pids = set(pids)
    splits = {"validation": [c for c in persp.claims if c.cid in held], "dev": persp.split("dev")}
    out: dict[str, dict[str, float]] = {}
    for split, claims in splits.items():
        text_of = {c.cid: c.text for c in claims}
        triples = persp.stance_pairs(claims)
        pairs = [(text_of[c], persp.pool[p]) for c, p, _ in triples]
        gold = [g for *_, g in triples]
        every = list(range(len(gold)))
        unseen = [i for i, (_, p, _) in enumerate(triples) if p not in train_pids]
        read = {n: shares(m, pairs, sym) for n, (m, sym) in readers.items()}
        for size in range(1, len(read) + 1):
            for names in itertools.combinations(sorted(read), size):
                share = np.mean([read[n] for n in names], axis=0)
                key = "+".join(names)
                out.setdefault(key, {})[split] = macro_f1(share, gold, every)
                if split == "dev":
                    out[key]["dev_unseen"] = macro_f1(share, gold, unseen)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
