"""``python -m argmap.evaluation NAME [--data ../shared/eval] [--json PATH]``.

``NAME`` is one of :data:`COMMANDS` or ``all``. Each command is a function
``(data: Path) -> dict`` that measures one thing against the gold data in ``data`` and
returns its figures with a ``"table"`` entry: a list of ``[measure, value]`` rows that
is printed. ``--json`` writes every result (without the table) to a file. A command
whose data are absent is reported as skipped and the exit status stays 0.

To add a measurement, write the function and add one line to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.evaluation import relations
from argmap.evaluation.relations import MissingData

DEFAULT_DATA = Path("..") / "shared" / "eval"


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def perspectrum(data: Path, folder: Path | None = None) -> dict[str, Any]:
    """Stance on Perspectrum dev by the relation model (or the model in ``folder``)."""
    from argmap.relate.model import RELATION_DIR, RelationModel

    folder = folder or RELATION_DIR
    res = relations.evaluate_perspectrum(data, model=RelationModel(folder))
    one = relations.evaluate_perspectrum(
        data, model=RelationModel(folder, symmetric=False), symmetric=False
    )
    res["one_order"] = {k: one[k] for k in ("macro_f1", "accuracy", "n")}
    u, c = res["unseen_perspectives"], res["by_confidence"]
    res["table"] = [
        ["Perspectrum dev claims", res["claims"]],
        ["claim/perspective pairs", res["n"]],
        ["stance macro-F1 (both orders averaged)", res["macro_f1"]],
        ["stance accuracy", res["accuracy"]],
        ["stance macro-F1, one order (claim, perspective)", one["macro_f1"]],
        [f"macro-F1, perspectives no train claim has ({u['n']} pairs)", u["macro_f1"]],
        ["accuracy, most confident half", c["top_half"]["accuracy"]],
        ["accuracy, most confident quarter", c["top_quarter"]["accuracy"]],
    ]
    return res


def perspectrum_stance(data: Path) -> dict[str, Any]:
    """The same with the stance reader (argmap/models/stance), which reads again the
    relation model's attacks."""
    from argmap.relate.model import STANCE_DIR

    return perspectrum(data, STANCE_DIR)


def argkp(data: Path) -> dict[str, Any]:
    res = relations.evaluate_argkp(data)
    one = relations.evaluate_argkp(data, symmetric=False)
    res["one_order"] = {k: one[k] for k in ("map_strict", "map_relaxed")}
    res["table"] = [
        ["ArgKP dev topics / arguments", f"{res['topics']} / {res['arguments']}"],
        ["mAP strict (both orders averaged)", res["map_strict"]],
        ["mAP relaxed (both orders averaged)", res["map_relaxed"]],
        [
            "mAP strict / relaxed, one order (argument, key point)",
            f"{one['map_strict']:.3f} / {one['map_relaxed']:.3f}",
        ],
    ]
    return res


def argkp_matcher(data: Path) -> dict[str, Any]:
    """Key-point matching on ArgKP dev with the key-point matcher (argmap/models/matcher),
    which can assign claims to perspectives in place of the relation model."""
    from argmap.relate.model import MATCHER_DIR, RelationModel

    model = RelationModel(MATCHER_DIR)
    res = relations.evaluate_argkp(data, model=model)
    ranked = relations.evaluate_argkp_assignment(data, model=model)
    res["argmap_assignment_score"] = {k: ranked[k] for k in ("map_strict", "map_relaxed")}
    res["table"] = [
        ["ArgKP dev topics / arguments", f"{res['topics']} / {res['arguments']}"],
        ["matcher mAP strict (both orders averaged)", res["map_strict"]],
        ["matcher mAP relaxed (both orders averaged)", res["map_relaxed"]],
        [
            "mAP strict / relaxed, ranked by argmap's assignment score",
            f"{ranked['map_strict']:.3f} / {ranked['map_relaxed']:.3f}",
        ],
    ]
    return res


def restatements(data: Path) -> dict[str, Any]:
    res = relations.evaluate_restatements(data)
    pc, po, single = res["per_claim"], res["pooled"], res["all_singletons_pooled"]
    res["table"] = [
        ["perspective sentences (dev claims)", res["sentences"]],
        [
            "gold / predicted clusters (pooled)",
            f"{res['gold_clusters']} / {res['predicted_clusters_pooled']}",
        ],
        ["cosine threshold", res["threshold"]],
        [
            "B-cubed P / R / F1, per claim (as argmap groups: refined by the model)",
            f"{pc['precision']:.3f} / {pc['recall']:.3f} / {pc['f1']:.3f}",
        ],
        [
            "B-cubed P / R / F1, per claim, embedding alone",
            "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**res["per_claim_embedding_only"]),
        ],
        [
            "B-cubed P / R / F1, pooled",
            f"{po['precision']:.3f} / {po['recall']:.3f} / {po['f1']:.3f}",
        ],
        ["B-cubed F1 of all singletons (baseline), pooled", single["f1"]],
    ]
    return res


def polnear(data: Path) -> dict[str, Any]:
    """Attribution on PolNeAR dev (options: ``python -m argmap.evaluation.polnear -h``)."""
    from argmap.evaluation import polnear as pn

    if not (data / "polnear" / "dev").is_dir():
        raise MissingData(f"PolNeAR not found under {data}/polnear/dev")
    result, seconds, _ = pn.run(data, "dev")
    res: dict[str, Any] = result.summary() | {"seconds": round(seconds, 1)}
    res["table"] = [
        ["PolNeAR dev gold attributions", res["gold_attributions"]],
        ["precision", res["precision"]],
        ["recall", res["recall"]],
        ["F1", res["f1"]],
        ["speaker accuracy", res["speaker_accuracy"]],
    ]
    return res


def _read_by(res: dict[str, Any]) -> str:
    names = {"relation": "relation model", "matcher": "key-point matcher"}
    return f"{res['matcher']} ({', '.join(names[m] for m in res['read_by'])})"


def gaps_argkp(data: Path, matcher: str = "auto") -> dict[str, Any]:
    """Missing perspectives on ArgKP dev: key points removed one at a time."""
    from argmap.evaluation.gaps import evaluate_argkp_gaps

    res = evaluate_argkp_gaps(data, "dev", matcher=matcher)
    res["table"] = [
        ["claims matched to key points by", _read_by(res)],
        ["ArgKP dev topics / trials (key points)", f"{res['topics']} / {res['trials']}"],
        ["key points that should be reported missing", res["expected_missing"]],
        ["recall (reported missing)", res["recall"]],
        ["false alarms (reported missing, but still argued)", res["false_alarm_rate"]],
        ["recall, ambiguous arguments removed too", res["ambiguous_removed"]["recall"]],
        [
            "false alarms, ambiguous arguments removed too",
            res["ambiguous_removed"]["false_alarm_rate"],
        ],
    ]
    return res


def gaps_perspectrum(data: Path, matcher: str = "auto") -> dict[str, Any]:
    """The opposing side reported missing once its UNDERMINE clusters are dropped."""
    from argmap.evaluation.gaps import evaluate_perspectrum_gaps

    res = evaluate_perspectrum_gaps(data, "dev", matcher=matcher)
    res["table"] = [
        ["claims matched to perspectives by", _read_by(res)],
        ["Perspectrum dev claims with both sides", res["claims"]],
        ["opposing side reported missing or underrepresented", res["detected"]],
        ["control (both sides kept): a side reported missing", res["control_false_missing"]],
    ]
    return res


def gaps_argkp_matcher(data: Path) -> dict[str, Any]:
    """gaps-argkp with the key-point matcher in place of the relation model."""
    return gaps_argkp(data, "matcher")


def gaps_perspectrum_matcher(data: Path) -> dict[str, Any]:
    """gaps-perspectrum with the key-point matcher in place of the relation model."""
    return gaps_perspectrum(data, "matcher")


def gaps_argkp_relation(data: Path) -> dict[str, Any]:
    """gaps-argkp with the relation model, whatever the perspectives look like."""
    return gaps_argkp(data, "relation")


def gaps_perspectrum_relation(data: Path) -> dict[str, Any]:
    """gaps-perspectrum with the relation model, whatever the perspectives look like."""
    return gaps_perspectrum(data, "relation")


#: name -> measurement. Other stages add their own lines here.
COMMANDS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "polnear": polnear,
    "perspectrum": perspectrum,
    "perspectrum-stance": perspectrum_stance,
    "argkp": argkp,
    "argkp-matcher": argkp_matcher,
    "restatements": restatements,
    "gaps-argkp": gaps_argkp,
    "gaps-perspectrum": gaps_perspectrum,
    "gaps-argkp-matcher": gaps_argkp_matcher,
    "gaps-perspectrum-matcher": gaps_perspectrum_matcher,
    "gaps-argkp-relation": gaps_argkp_relation,
    "gaps-perspectrum-relation": gaps_perspectrum_relation,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m argmap.evaluation",
        description="Measure argmap against the gold data in ../shared/eval.",
    )
    parser.add_argument("name", choices=[*COMMANDS, "all"])
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("ARGMAP_EVAL_DATA", DEFAULT_DATA)),
        help="folder of the gold data (default ../shared/eval, or $ARGMAP_EVAL_DATA)",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    names = list(COMMANDS) if args.name == "all" else [args.name]
    results: dict[str, Any] = {}
    for name in names:
        start = time.perf_counter()
        try:
            res = COMMANDS[name](args.data)
        except MissingData as exc:
            print(
                f"{name}: skipped, gold data not found ({exc}). "
                f"Pass --data with the folder of ../shared/eval."
            )
            results[name] = {"skipped": str(exc)}
            continue
        seconds = time.perf_counter() - start
        table = res.pop("table", [])
        width = max((len(str(r[0])) for r in table), default=10)
        print(f"\n{name} ({seconds:.0f} s)")
        for label, value in table:
            print(f"  {label!s:<{width}}  {_fmt(value)}")
        res["seconds"] = round(seconds, 1)
        results[name] = res
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
