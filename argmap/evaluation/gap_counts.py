"""Would counting claims tell a missing perspective from one still argued? (ArgKP)

The sweep behind the "what was tried" table of docs/evaluation.md (coverage gaps). For
each ArgKP topic and each key point removed in turn (the ``gaps-argkp`` protocol), it
counts the claims confidently assigned (:data:`argmap.gaps.PRESENT_CONFIDENCE`) to every
key point, then reports the recall and false alarms of the rule "missing when at most a
given share of the claims are assigned to it", for several shares.

    python -m argmap.evaluation.gap_counts --split train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..gaps import PRESENT_CONFIDENCE
from .gaps import argkp_topics

SHARES = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08)
EVEN_FRACTIONS = (0.1, 0.2, 0.3, 0.4, 0.5)


def count_rows(data: str | Path, split: str) -> list[dict[str, Any]]:
    """One row per (trial, key point): should it be missing, and its claim counts."""
    rows = []
    for tp in argkp_topics(data, split, matcher="relation"):
        for k in tp.key_points:
            remaining = set(tp.arguments) - tp.matches[k]
            kept_articles = tp.kept(tp.matches[k])
            kept = [c for c in tp.claims if c.article_id in kept_articles]
            counts = Counter(
                a.perspective
                for c in kept
                if (a := tp.assignments[c.id]).perspective and a.confidence >= PRESENT_CONFIDENCE
            )
            for j in tp.key_points:
                rows.append(
                    {
                        "topic": tp.topic,
                        "trial": k,
                        "key_point": j,
                        "missing": not (tp.matches[j] & remaining),
                        "count": counts.get(j, 0),
                        "assigned": sum(counts.values()),
                        "claims": len(kept),
                        "key_points": len(tp.key_points),
                    }
                )
    return rows


def sweep(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    expected = [r for r in rows if r["missing"]]
    others = [r for r in rows if not r["missing"]]

    def rates(rule: Any) -> tuple[float, float]:
        rec = sum(map(rule, expected)) / len(expected) if expected else 0.0
        fa = sum(map(rule, others)) / len(others) if others else 0.0
        return round(rec, 3), round(fa, 3)

    out = []
    for share in SHARES:
        rec, fa = rates(lambda r, s=share: r["count"] <= s * r["claims"])
        out.append(
            {"rule": f"at most {share:.0%} of the claims", "recall": rec, "false_alarms": fa}
        )
    for frac in EVEN_FRACTIONS:
        rec, fa = rates(lambda r, f=frac: r["count"] <= f * r["assigned"] / r["key_points"])
        out.append(
            {"rule": f"at most {frac:.0%} of an even share", "recall": rec, "false_alarms": fa}
        )
    return out


def main(argv: list[str] | None = None) -> int:
    from .__main__ import DEFAULT_DATA

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--split", default="train")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = p.parse_args(argv)
    rows = count_rows(args.data, args.split)
    n_exp = sum(r["missing"] for r in rows)
    print(f"{args.split}: {len(rows)} key-point checks, {n_exp} should be reported missing")
    for line in sweep(rows):
        print(json.dumps(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
