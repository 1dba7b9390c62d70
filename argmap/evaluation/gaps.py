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
  reported missing. ArgKP labels every argument/key-point pair of the same topic and
  stance except those its annotators disagreed on ("ambiguous pairs absent"); such an
  unlabelled pair counts as not matching. A second figure (``ambiguous removed``) also
  removes, with a key point's matching arguments, the arguments of its stance whose
  pair with it is unlabelled: the arguments that some annotators read as making it.
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
from .relations import ArgKP, load_argkp, load_perspectrum


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
    """Extraction, embeddings and what matches claims to perspectives, loaded once:
    ``matcher="auto"`` as argmap decides by default (the key-point matcher when every
    perspective is written as one point, else the relation model; see
    :func:`argmap.perspectives.written_as_points`), ``"relation"`` the relation model,
    ``"matcher"`` the key-point matcher."""

    def __init__(self, pipeline: str | None = None, matcher: str = "auto") -> None:
        from ..embed import Embedder
        from ..nlp import load_pipeline

        if matcher not in ("auto", "relation", "matcher"):
            raise ValueError(f"matcher must be auto, relation or matcher, not {matcher!r}")
        self.nlp = load_pipeline(pipeline)
        self.embedder = Embedder()
        self.mode = matcher
        #: what read the claims of the last run: "relation" or "matcher"
        self.used: set[str] = set()

    def reader(self, perspectives: Sequence[PerspectiveDef]) -> Any:
        from ..perspectives import written_as_points
        from ..relate.model import default_matcher, default_model

        mode = self.mode
        if mode == "auto":
            mode = "matcher" if written_as_points(perspectives, self.nlp) else "relation"
        self.used.add(mode)
        return default_matcher() if mode == "matcher" else default_model()

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
            corpus,
            claims,
            extraction.speakers,
            vectors,
            embedder=self.embedder,
            matcher=self.reader(perspectives),
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
    ambiguous: dict[str, set[str]]  # key point -> same-stance arguments with no label
    corpus: Corpus
    claims: list[Claim]
    speakers: dict[str, Any]
    perspectives: list[PerspectiveDef]
    assignments: dict[str, Assignment]

    def kept(self, removed: set[str]) -> set[str]:
        """The ids of the articles left when the arguments ``removed`` are taken out."""
        return {self.article_of[a] for a in self.arguments if a not in removed}


def ambiguous_arguments(argkp: ArgKP) -> dict[str, set[str]]:
    """For each key point, the arguments of its topic and stance with no label for it:
    the pairs ArgKP's annotators disagreed on."""
    return {
        k: {
            a
            for a, arg in argkp.arguments.items()
            if arg["topic"] == kp["topic"]
            and arg["stance"] == kp["stance"]
            and (a, k) not in argkp.labels
        }
        for k, kp in argkp.key_points.items()
    }


def argkp_topics(
    data: str | Path,
    split: str,
    topics: Sequence[str] | None = None,
    matcher: str = "auto",
    assigner: _Assigner | None = None,
) -> Iterator[ArgkpTopic]:
    """Every topic of the ArgKP ``split`` (or those named), analysed once (claims,
    perspectives; claims matched to key points as ``matcher`` says: see
    :class:`_Assigner`)."""
    argkp = load_argkp(data, split)
    assigner = assigner if assigner is not None else _Assigner(matcher=matcher)
    for topic in argkp.topics():
        if topics is not None and topic not in topics:
            continue
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
        ambiguous = ambiguous_arguments(sub)
        yield ArgkpTopic(
            topic=topic,
            key_points=kps,
            arguments=arg_ids,
            article_of={a: art.id for a, art in zip(arg_ids, articles, strict=True)},
            matches=matches,
            ambiguous=ambiguous,
            corpus=corpus,
            claims=claims,
            speakers=speakers,
            perspectives=perspectives,
            assignments=assignments,
        )


def evaluate_argkp_gaps(
    data: str | Path,
    split: str = "dev",
    *,
    thresholds: Sequence[float] = (),
    topics: Sequence[str] | None = None,
    matcher: str = "auto",
) -> dict[str, Any]:
    """The ArgKP protocol (see the module docstring), with labelled matches removed and,
    as ``ambiguous_removed``, with ambiguous arguments removed too. ``thresholds`` also
    reports the figures at other presence confidences (for choosing one on held-out
    train topics); ``topics`` limits the topics."""
    values = sorted({PRESENT_CONFIDENCE, *thresholds})
    variants = (False, True)
    totals = {
        (v, t): {"expected": 0, "found": 0, "others": 0, "false_alarms": 0}
        for v in variants
        for t in values
    }
    per_topic = []
    assigner = _Assigner(matcher=matcher)
    for tp in argkp_topics(data, split, topics, assigner=assigner):
        kps = tp.key_points
        topic_row: dict[str, Any] = {
            "topic": tp.topic,
            "key_points": len(kps),
            "arguments": len(tp.arguments),
        }
        for v in variants:
            for t in values:
                found = expected_n = others = alarms = 0
                for k in kps:
                    removed = tp.matches[k] | (tp.ambiguous[k] if v else set())
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
                tot = totals[(v, t)]
                tot["expected"] += expected_n
                tot["found"] += found
                tot["others"] += others
                tot["false_alarms"] += alarms
                if t == PRESENT_CONFIDENCE:
                    key = "ambiguous_removed" if v else "labelled"
                    topic_row[key] = {
                        "recall": found / expected_n if expected_n else None,
                        "false_alarm_rate": alarms / others if others else None,
                    }
        per_topic.append(topic_row)

    def rates(tot: dict[str, int]) -> dict[str, float]:
        return {
            "recall": tot["found"] / tot["expected"] if tot["expected"] else 0.0,
            "false_alarm_rate": tot["false_alarms"] / tot["others"] if tot["others"] else 0.0,
        }

    main = totals[(False, PRESENT_CONFIDENCE)]
    return {
        "split": split,
        "matcher": matcher,
        "read_by": sorted(assigner.used),
        "topics": len(per_topic),
        "trials": sum(r["key_points"] for r in per_topic),
        "present_confidence": PRESENT_CONFIDENCE,
        "expected_missing": main["expected"],
        **rates(main),
        "ambiguous_removed": rates(totals[(True, PRESENT_CONFIDENCE)]),
        "per_topic": per_topic,
        "sweep": {f"{t:.2f}": rates(totals[(False, t)]) for t in values},
        "sweep_ambiguous_removed": {f"{t:.2f}": rates(totals[(True, t)]) for t in values},
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
    data: str | Path, split: str = "dev", *, limit: int | None = None, matcher: str = "auto"
) -> dict[str, Any]:
    """The Perspectrum protocol (see the module docstring)."""
    persp = load_perspectrum(data)
    assigner = _Assigner(matcher=matcher)
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
        "matcher": matcher,
        "read_by": sorted(assigner.used),
        "claims": n,
        "detected": hit / n if n else 0.0,
        "control_false_missing": control_false / n if n else 0.0,
        "present_confidence": PRESENT_CONFIDENCE,
        "per_claim": rows,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m argmap.evaluation.gaps``: the ArgKP protocol on the train topics held
    out from the key-point matcher's training, at several presence confidences (how
    :data:`argmap.gaps.PRESENT_CONFIDENCE` is chosen; dev is reported by
    ``python -m argmap.evaluation gaps-argkp``)."""
    import argparse
    import json

    from ..relate.model import MATCHER_DIR, RelationModel
    from .__main__ import DEFAULT_DATA

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="train")
    parser.add_argument("--matcher", choices=["auto", "relation", "matcher"], default="matcher")
    parser.add_argument(
        "--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8,0.85,0.9,0.95", help="comma-separated"
    )
    args = parser.parse_args(argv)
    topics = None
    if args.split == "train":
        config = RelationModel(MATCHER_DIR).config  # the held-out topics; nothing loaded
        topics = config["training"]["data"]["argkp_validation_topics"]
    res = evaluate_argkp_gaps(
        args.data,
        args.split,
        thresholds=[float(t) for t in args.thresholds.split(",")],
        topics=topics,
        matcher=args.matcher,
    )
    print(f"{args.split} topics: {topics or 'all'}; {res['trials']} trials")
    for name in ("sweep", "sweep_ambiguous_removed"):
        for t, r in res[name].items():
            print(json.dumps({"protocol": name, "present_confidence": float(t), **r}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
