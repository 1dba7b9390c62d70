"""Attribution quality on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Protocol (issue 2, item 8):

* A gold attribution is *found* when an extracted ``direct``/``indirect`` claim overlaps
  its Content span by at least half of the gold span **and** half of the claim span
  (character overlap; discontinuous spans count piece by piece).
* Precision counts extracted ``direct``/``indirect`` claims that match some gold Content.
* The speaker is right when the claim's speaker mention overlaps the gold Source span,
  or the claim's canonical speaker names the same person as the gold Source text.
  Speaker accuracy is over found gold attributions that have a Source.

Documents annotated by several annotators are scored against one annotation (the first
annotator file in sorted order), so every document counts once.

Run: ``python -m argmap.evaluation polnear [--split dev] [--data ../shared/eval]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Article, Claim, Region, stable_id

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    doc: str
    content: Spans
    source: Spans
    cue: Spans
    content_text: str
    source_text: str
    cue_text: str


@dataclass
class Result:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct_predictions: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    by_method: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str, str, str]] = field(default_factory=list)
    wrong_speakers: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "gold_attributions": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_scored": self.speaker_total,
        }


def _spans(field_text: str) -> Spans:
    out = []
    for piece in field_text.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_annotation(path: Path, doc: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Spans, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not cols or not cols[0]:
            continue
        if cols[0].startswith("T") and len(cols) >= 2:
            label, offsets = cols[1].split(" ", 1)
            spans[cols[0]] = (label, _spans(offsets), cols[2] if len(cols) > 2 else "")
        elif cols[0].startswith("E") and len(cols) >= 2:
            events.append(dict(part.split(":", 1) for part in cols[1].split() if ":" in part))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""), ("", (), ""))
        cue = spans.get(ev.get("Cue", ""), ("", (), ""))
        out.append(
            GoldAttribution(doc, content[1], source[1], cue[1], content[2], source[2], cue[2])
        )
    return out


def load_split(data: Path, split: str) -> tuple[list[Article], dict[str, list[GoldAttribution]]]:
    """Articles (text files as plain articles: first line headline, one paragraph a
    line) and their gold attributions."""
    root = data / "polnear" / split
    if not root.is_dir():
        raise FileNotFoundError(root)
    annotations: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((root / "attributions").glob("*.ann")):
        annotations[ann.stem.rsplit("_", 1)[0]].append(ann)
    articles: list[Article] = []
    gold: dict[str, list[GoldAttribution]] = {}
    for txt in sorted((root / "text").glob("*.txt")):
        doc = txt.stem
        if doc not in annotations:
            continue
        text = txt.read_text(encoding="utf-8")
        article = plain_article(doc + ".txt", text)
        articles.append(article)
        gold[article.id] = read_annotation(annotations[doc][0], doc)
    return articles, gold


def plain_article(path: str, text: str) -> Article:
    """An article whose first non-empty line is the headline and each other line a paragraph."""
    regions: list[Region] = []
    seen_headline = False
    for m in re.finditer(r"[^\n]+", text):
        if not m.group(0).strip():
            continue
        role = "body" if seen_headline else "headline"
        seen_headline = True
        regions.append(Region(m.start(), m.end(), role))
    return Article(
        id=stable_id("a", path),
        path=path,
        format="txt",
        text=text,
        title=None,
        regions=tuple(regions),
    )


def _overlap(a: Spans, b: Spans) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def _length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def claim_spans(claim: Claim) -> Spans:
    return claim.parts if claim.parts else ((claim.start, claim.end),)


def matches(gold: GoldAttribution, claim: Claim) -> bool:
    cs = claim_spans(claim)
    ov = _overlap(gold.content, cs)
    return ov > 0 and ov >= 0.5 * _length(gold.content) and ov >= 0.5 * _length(cs)


def _name_tokens(text: str) -> set[str]:
    return {
        w.lower()
        for w in re.findall(r"[A-Za-z][A-Za-z'.-]+", text)
        if w[:1].isupper() and len(w) > 1
    }


def speaker_right(gold: GoldAttribution, claim: Claim) -> bool:
    start, end = claim.speaker_start, claim.speaker_end
    if start is not None and end is not None and _overlap(gold.source, ((start, end),)):
        return True
    gold_names = _name_tokens(gold.source_text)
    ours = _name_tokens(claim.speaker)
    return bool(gold_names and ours and gold_names & ours)


def score(
    articles: Sequence[Article], gold: dict[str, list[GoldAttribution]], claims: Sequence[Claim]
) -> Result:
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.attribution in ("direct", "indirect"):
            by_article[c.article_id].append(c)
    texts = {a.id: a.text for a in articles}
    res = Result()
    for article in articles:
        golds = gold.get(article.id, [])
        preds = by_article.get(article.id, [])
        res.gold += len(golds)
        res.predicted += len(preds)
        matched_pred: set[str] = set()
        for g in golds:
            cands = [c for c in preds if matches(g, c)]
            if not cands:
                res.misses.append((article.path, g.cue_text, g.content_text[:160]))
                continue
            res.found += 1
            best = max(cands, key=lambda c: _overlap(g.content, claim_spans(c)))
            matched_pred.update(c.id for c in cands)
            if g.source:
                res.speaker_total += 1
                if speaker_right(g, best):
                    res.speaker_right += 1
                else:
                    res.wrong_speakers.append(
                        (article.path, g.source_text, best.speaker, best.text[:100])
                    )
        for c in preds:
            ok = c.id in matched_pred
            res.correct_predictions += ok
            res.by_method[c.attribution]["correct" if ok else "wrong"] += 1
            if not ok:
                res.false_alarms.append(
                    (article.path, c.cue or "", c.speaker, texts[article.id][c.start : c.end][:140])
                )
    return res


def run(
    data: Path = DEFAULT_DATA,
    split: str = "dev",
    *,
    n_process: int | None = None,
    pipeline: str | None = None,
    limit: int | None = None,
    with_breakdown: bool = False,
) -> tuple[Result, float, dict[str, dict[str, float]]]:
    from ..extract import extract_claims

    articles, gold = load_split(data, split)
    if limit:
        articles = articles[:limit]
    t0 = time.perf_counter()
    extraction = extract_claims(articles, pipeline, n_process=n_process)
    elapsed = time.perf_counter() - t0
    parts = breakdown(articles, gold, extraction.claims) if with_breakdown else {}
    return score(articles, gold, extraction.claims), elapsed, parts


def cue_category(cue: str, nlp: Any) -> str:
    """speech, cognition, according, punctuation or other: the kind of a gold cue."""
    from ..extract import lexicon as lx

    cue = cue.strip()
    if not cue:
        return "none"
    if cue in (":", "―", "—", "-", "--"):
        return "punctuation"
    lemmas = {t.lemma_.lower() for t in nlp(cue.lower())}
    if "according" in lemmas:
        return "according"
    if lemmas & lx.SPEECH_VERBS:
        return "speech"
    if lemmas & lx.COGNITION_VERBS:
        return "cognition"
    return "other"


def breakdown(
    articles: Sequence[Article], gold: dict[str, list[GoldAttribution]], claims: Sequence[Claim]
) -> dict[str, dict[str, float]]:
    """Recall by kind of gold cue, and for quoted against unquoted content."""
    from ..nlp import load_pipeline

    nlp = load_pipeline()
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.attribution in ("direct", "indirect"):
            by_article[c.article_id].append(c)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in articles:
        for g in gold.get(article.id, []):
            hit = any(matches(g, c) for c in by_article[article.id])
            quoted = any(q in g.content_text for q in ("“", '"', "''"))
            content = "content: quoted" if quoted else "content: not quoted"
            for key in (f"cue: {cue_category(g.cue_text, nlp)}", content):
                total[key] += 1
                found[key] += hit
    return {k: {"gold": total[k], "recall": round(found[k] / total[k], 3)} for k in sorted(total)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m argmap.evaluation polnear", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder holding polnear/ (default ../shared/eval)",
    )
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--pipeline", default=None, help="spaCy pipeline to use")
    parser.add_argument("--n-process", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0, help="print N examples of each error type")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--breakdown", action="store_true", help="recall by kind of cue and quoted/unquoted"
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="also write the figures to this JSON file"
    )
    args = parser.parse_args(argv)
    if not (args.data / "polnear" / args.split).is_dir():
        print(
            f"PolNeAR not found under {args.data}/polnear/{args.split}; skipping.", file=sys.stderr
        )
        return 0
    result, elapsed, parts = run(
        args.data,
        args.split,
        n_process=args.n_process,
        pipeline=args.pipeline,
        limit=args.limit,
        with_breakdown=args.breakdown,
    )
    summary = result.summary() | {"split": args.split, "seconds": round(elapsed, 1)}
    if parts:
        summary["breakdown"] = parts
    gold_n, predicted = summary["gold_attributions"], summary["predicted"]
    print(f"PolNeAR {args.split}: {gold_n} gold attributions, {predicted} predicted")
    print(f"  precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    scored = result.speaker_total
    print(f"  speaker accuracy {result.speaker_accuracy:.3f} (over {scored} found with a source)")
    for attribution, counts in sorted(result.by_method.items()):
        total = sum(counts.values())
        print(f"  {attribution:9s} predicted {total:5d}  precision {counts['correct'] / total:.3f}")
    for key, figures in parts.items():
        print(f"  recall, {key:22s} {figures['recall']:.3f}  ({figures['gold']} gold)")
    if args.errors:
        print("\nMissed gold attributions (cue | content):")
        for path, cue, content in result.misses[: args.errors]:
            print(f"  {path[:40]:40s} | {cue!r} | {content}")
        print("\nFalse alarms (cue | speaker | text):")
        for path, cue, speaker, text in result.false_alarms[: args.errors]:
            print(f"  {path[:40]:40s} | {cue!r} | {speaker} | {text}")
        print("\nWrong speakers (gold | ours | text):")
        for path, g, ours, text in result.wrong_speakers[: args.errors]:
            print(f"  {path[:40]:40s} | {g!r} | {ours!r} | {text}")
        cues = Counter(cue.lower() for _, cue, _ in result.misses)
        print("\nMost-missed gold cues:", cues.most_common(40))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
