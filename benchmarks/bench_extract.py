"""Benchmark: claim extraction throughput against plain spaCy parsing.

Takes the first N articles of ../shared/bench/news-scale/articles.jsonl.gz and measures,
in one run and on the same texts with the same spaCy pipeline:

* ``spacy``: ``nlp.pipe(texts, batch_size=B, n_process=P)``, every Doc consumed (what
  a user of spaCy alone gets: parse only);
* ``argmap``: :func:`argmap.extract.extract_claims` with ``n_process=P`` (parse and
  attribute, workers returning only claim records);
* ``cli``: ``argmap claims FOLDER --format jsonl`` end to end in a subprocess (start-up,
  ingestion, model load, extraction, printing), with its peak memory.

Each in-process measurement runs ``--repeat`` times, alternating, and the best time is
kept (the machine is shared; the best run is the least disturbed). Results go to stdout
and, with ``--json``, to a file; docs/benchmarks.md records them.

Run: ``python benchmarks/bench_extract.py [--articles 1000] [--processes 2]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "news-scale" / "articles.jsonl.gz"


def read_articles(path: Path, limit: int) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item.get("content") or item.get("text"):
                out.append(item)
            if len(out) >= limit:
                break
    return out


def write_corpus(items: list[dict], folder: Path) -> Path:
    """The benchmark articles as one .jsonl file in a corpus folder argmap can read."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "articles.jsonl"
    with target.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(
                json.dumps(
                    {
                        "title": item.get("title") or "",
                        "text": item.get("content") or item.get("text"),
                        "outlet": item.get("source") or item.get("outlet"),
                        "date": item.get("date"),
                        "url": item.get("url"),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return folder


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not BENCH.exists():
        print(f"benchmark corpus not found: {BENCH}; skipping", file=sys.stderr)
        return 0

    from argmap.extract import extract_claims
    from argmap.ingest import load_corpus
    from argmap.nlp import load_pipeline, pipeline_label

    items = read_articles(BENCH, args.articles)
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        folder = write_corpus(items, Path(tmp) / "bench")
        t0 = time.perf_counter()
        corpus = load_corpus(folder)
        ingest_s = time.perf_counter() - t0
        articles = list(corpus.articles)
        texts = [a.analysis_text() for a in articles]
        words = sum(len(t.split()) for t in texts)
        nlp = load_pipeline()

        def plain() -> float:
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
                pass
            return time.perf_counter() - start

        claims = 0

        def ours() -> float:
            nonlocal claims
            start = time.perf_counter()
            extraction = extract_claims(
                articles, nlp, n_process=args.processes, batch_size=args.batch_size, gazetteer=()
            )
            claims = len(extraction.claims)
            return time.perf_counter() - start

        spacy_times, argmap_times = [], []
        for _ in range(args.repeat):
            spacy_times.append(plain())
            argmap_times.append(ours())
        in_process_peak = max(peak_rss_mb(resource.RUSAGE_SELF), 0)
        workers_peak = peak_rss_mb(resource.RUSAGE_CHILDREN)

        # the command a user runs, end to end
        start = time.perf_counter()
        cli = subprocess.run(
            [
                sys.executable,
                "-m",
                "argmap",
                "claims",
                str(folder),
                "--format",
                "jsonl",
                "--quiet",
                "--jobs",
                str(args.processes),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        cli_s = time.perf_counter() - start
        cli_peak = peak_rss_mb(resource.RUSAGE_CHILDREN)
        cli_claims = cli.stdout.count("\n")

    best_spacy, best_argmap = min(spacy_times), min(argmap_times)
    result = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        ),
        "pipeline": pipeline_label(nlp),
        "articles": len(articles),
        "words": words,
        "processes": args.processes,
        "batch_size": args.batch_size,
        "ingest_seconds": round(ingest_s, 2),
        "spacy_seconds": round(best_spacy, 2),
        "argmap_seconds": round(best_argmap, 2),
        "spacy_articles_per_s": round(len(articles) / best_spacy, 1),
        "argmap_articles_per_s": round(len(articles) / best_argmap, 1),
        "spacy_words_per_s": round(words / best_spacy),
        "argmap_words_per_s": round(words / best_argmap),
        "ratio_argmap_to_spacy": round(best_spacy / best_argmap, 3),
        "claims": claims,
        "all_runs": {
            "spacy": [round(t, 2) for t in spacy_times],
            "argmap": [round(t, 2) for t in argmap_times],
        },
        "peak_rss_mb": {
            "main_process": round(in_process_peak),
            "largest_worker": round(workers_peak),
        },
        "cli": {
            "seconds": round(cli_s, 2),
            "articles_per_s": round(len(articles) / cli_s, 1),
            "exit_code": cli.returncode,
            "claims": cli_claims,
            "peak_rss_mb_largest_process": round(cli_peak),
        },
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
