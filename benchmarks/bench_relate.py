"""Benchmark of the relation stage: embeddings, candidate search, relation model, the
stance reader's second reading.

Claims are stood in for by sentences of the news-scale corpus
(``../shared/bench/news-scale/articles.jsonl.gz``, 10,188 articles; read there, never
copied): every article split into sentences with a simple regex, sentences of 8 to 60
words kept, duplicates dropped, shuffled with a fixed seed, the first N taken. The sizes
are nested (the 1k sentences are among the 10k, which are among the 50k).

Each size runs in a fresh subprocess so that its peak memory (``ru_maxrss``) is its own:

1. embedding: ``Embedder().encode`` on the N sentences (2 threads), timed;
2. candidate search: ``candidate_pairs(vectors, k=10, min_cosine=0.35)`` (exact below
   5,000 claims, IVF above), timed;
3. classification: ``RelationModel().predict`` (both orders averaged, 2 threads) on the
   candidate pairs, at most ``--classify-limit`` of them (a seeded sample); the time for
   all candidates is projected from the measured pairs/s and marked as projected where
   not everything was classified;
4. second reading: the pairs of that sample the relation stage would keep as attacks
   read by the model alone (*contradicts* the most probable class, at least
   ``argmap.relate.links.KEEP``; sentences carry no signals here) are read again by the
   stance reader (both orders), as ``argmap.relate.links`` does; timed, and projected
   to all candidates by the same share.

``--reuse-embeddings DIR`` stores the vectors of each size in DIR (outside the
repository) and reuses them on the next run, skipping step 1 (its time is then copied
from the run that measured it).

    .venv/bin/python benchmarks/bench_relate.py                   # 1k, 10k, 50k
    .venv/bin/python benchmarks/bench_relate.py --sizes 1000 --write-docs docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "news-scale" / "articles.jsonl.gz"
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“'A-Z])")
HEADING = "## Relation stage"


def load_sentences(path: Path, limit: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """Up to ``limit`` distinct sentences (8-60 words) and the id of their article."""
    seen: set[str] = set()
    sentences: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            for raw in SENTENCE_END.split(article.get("text") or ""):
                sent = " ".join(raw.split())
                n_words = len(sent.split())
                if 8 <= n_words <= 60 and sent not in seen:
                    seen.add(sent)
                    sentences.append((sent, str(article["id"])))
    random.Random(seed).shuffle(sentences)
    chosen = sentences[:limit]
    return [s for s, _ in chosen], [a for _, a in chosen]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    import numpy as np

    sys.path.insert(0, str(ROOT))
    from argmap.embed import Embedder
    from argmap.relate.candidates import candidate_pairs
    from argmap.relate.links import KEEP
    from argmap.relate.model import STANCE_DIR, RelationModel

    n = args.one
    result: dict[str, Any] = {"claims": n}
    t = time.perf_counter()
    texts, _articles = load_sentences(Path(args.corpus), n)
    result["load_seconds"] = round(time.perf_counter() - t, 2)
    if len(texts) < n:
        raise SystemExit(f"only {len(texts)} sentences available, asked for {n}")
    cache = Path(args.reuse_embeddings) / f"vectors-{n}.npy" if args.reuse_embeddings else None
    meta = cache.with_suffix(".json") if cache else None
    if cache and cache.exists() and meta and meta.exists():
        vectors = np.load(cache)
        result["embed_seconds"] = json.loads(meta.read_text())["embed_seconds"]
        result["embed_reused"] = True
    else:
        emb = Embedder(threads=args.threads)
        t = time.perf_counter()
        emb.load()
        result["embed_load_seconds"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        vectors = emb.encode(texts)
        result["embed_seconds"] = round(time.perf_counter() - t, 2)
        result["embed_reused"] = False
        if cache and meta:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, vectors)
            meta.write_text(json.dumps({"embed_seconds": result["embed_seconds"]}))
    result["peak_rss_mb_after_embedding"] = round(peak_rss_mb())

    t = time.perf_counter()
    pairs = candidate_pairs(vectors, k=args.k, min_cosine=args.min_cosine)
    result["candidate_seconds"] = round(time.perf_counter() - t, 3)
    result["candidate_pairs"] = len(pairs)
    result["search"] = "exact" if n <= 5000 else "ivf"
    result["peak_rss_mb_after_candidates"] = round(peak_rss_mb())

    model = RelationModel(threads=args.threads)
    t = time.perf_counter()
    model.load()
    result["model_load_seconds"] = round(time.perf_counter() - t, 2)
    sample = pairs
    if len(pairs) > args.classify_limit:
        sample = random.Random(1).sample(pairs, args.classify_limit)
    t = time.perf_counter()
    probs = model.predict([(texts[i], texts[j]) for i, j, _ in sample])
    secs = time.perf_counter() - t
    rate = len(sample) / secs if secs else float("inf")
    result["classified_pairs"] = len(sample)
    result["classify_seconds_measured"] = round(secs, 2)
    result["pairs_per_second"] = round(rate, 1)
    result["classify_seconds_all"] = round(len(pairs) / rate, 1)
    result["classify_projected"] = len(sample) < len(pairs)
    # the stance reader's second reading of the attacks the model reads alone
    attacks = [
        n for n in range(len(sample)) if int(np.argmax(probs[n])) == 1 and probs[n, 1] >= KEEP
    ]
    stance = RelationModel(STANCE_DIR, threads=args.threads)
    stance.load()
    t = time.perf_counter()
    stance.predict([(texts[sample[n][0]], texts[sample[n][1]]) for n in attacks])
    secs2 = time.perf_counter() - t
    share = len(attacks) / len(sample) if sample else 0.0
    result["second_reading_pairs"] = len(attacks)
    result["second_reading_share"] = round(share, 4)
    result["second_reading_seconds_measured"] = round(secs2, 2)
    rate2 = len(attacks) / secs2 if secs2 else float("inf")
    result["second_reading_seconds_all"] = round(share * len(pairs) / rate2, 1) if attacks else 0.0
    result["peak_rss_mb"] = round(peak_rss_mb())
    per = 1000.0 / n  # ms per claim
    result["ms_per_claim"] = {
        "embedding": round(result["embed_seconds"] * per, 3),
        "candidates": round(result["candidate_seconds"] * per, 4),
        "classification": round(result["classify_seconds_all"] * per, 3),
        "second_reading": round(result["second_reading_seconds_all"] * per, 3),
    }
    return result


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| claims | embedding s (ms/claim) | candidate search s (ms/claim) | candidate pairs "
        "(per claim) | classification s (ms/claim) | pairs/s | attacks read again (share) "
        "| second reading s (ms/claim) | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ms = r["ms_per_claim"]
        proj = " (projected)" if r["classify_projected"] else ""
        rows.append(
            f"| {r['claims']:,} | {r['embed_seconds']:.1f} ({ms['embedding']:.2f}) "
            f"| {r['candidate_seconds']:.2f} ({ms['candidates']:.3f}, {r['search']}) "
            f"| {r['candidate_pairs']:,} ({r['candidate_pairs'] / r['claims']:.1f}) "
            f"| {r['classify_seconds_all']:.0f}{proj} ({ms['classification']:.2f}) "
            f"| {r['pairs_per_second']:.0f} "
            f"| {r['second_reading_pairs']:,} ({r['second_reading_share']:.0%}) "
            f"| {r['second_reading_seconds_all']:.0f}{proj} ({ms['second_reading']:.2f}) "
            f"| {r['peak_rss_mb']} |"
        )
    return "\n".join(rows)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_docs(path: Path, section: str) -> None:
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    if HEADING in text:
        start = text.index(HEADING)
        nxt = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[nxt + 1 :] if nxt != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text.rstrip("\n") + "\n", "utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,50000")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--min-cosine", type=float, default=0.35)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--classify-limit", type=int, default=4000)
    p.add_argument("--reuse-embeddings", metavar="DIR")
    p.add_argument("--json", type=Path, help="write the results here")
    p.add_argument("--write-docs", type=Path, help="replace the '## Relation stage' section")
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"skipped: {args.corpus} not found (the benchmark needs ../shared/bench)")
        return 0
    if args.one:
        print(json.dumps(run_one(args)))
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size), *_passthrough(args)]
        t = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        res["wall_seconds"] = round(time.perf_counter() - t, 1)
        results.append(res)
        print(json.dumps(res), flush=True)
    print()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if args.write_docs:
        command = "python benchmarks/bench_relate.py " + " ".join(argv or sys.argv[1:])
        section = "\n".join(
            [
                HEADING,
                "",
                f"Command: `{command.strip()}` on {machine()}, "
                f"{time.strftime('%Y-%m-%d')}. Claims are sentences of the news-scale corpus "
                "(`../shared/bench`); k = "
                f"{args.k} neighbours per claim, min cosine {args.min_cosine}; the relation "
                "model scores both orders of each pair.",
                "",
                table(results),
                "",
            ]
        )
        write_docs(args.write_docs, section)
    return 0


def _passthrough(args: argparse.Namespace) -> list[str]:
    out = [
        "--corpus", args.corpus, "--k", str(args.k), "--min-cosine", str(args.min_cosine),
        "--threads", str(args.threads), "--classify-limit", str(args.classify_limit),
    ]  # fmt: skip
    if args.reuse_embeddings:
        out += ["--reuse-embeddings", args.reuse_embeddings]
    return out


if __name__ == "__main__":
    sys.exit(main())
