"""The ``argmap`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints the result.
Library errors (:class:`~argmap.errors.ArgmapError`) become one-line messages here and
nowhere else. Exit codes: 0 ok, 1 fatal error, 2 usage error, 3 finished but some
articles (or corpora) failed.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import ArgmapError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _fail(message: str) -> None:
    click.echo(message, err=True)


def handle_errors(func: F) -> F:
    """Turn library errors into one line on stderr and exit code 1 (traceback with
    ARGMAP_DEBUG=1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            _fail(f"argmap: {exc.render()}")
            sys.exit(EXIT_FATAL)
        except KeyboardInterrupt:
            _fail("argmap: interrupted")
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def corpus_options(func: F) -> F:
    """Options shared by every command that reads a corpus."""
    func = click.option(
        "--pipeline",
        metavar="NAME",
        envvar="ARGMAP_PIPELINE",
        help="spaCy pipeline to use (default: the pinned en_core_web_sm build).",
    )(func)
    func = click.option(
        "--no-default-excludes",
        is_flag=True,
        help="Also read reference/ and references/ folders (skipped by default).",
    )(func)
    func = click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Skip paths matching GLOB (relative to the corpus folder); repeatable.",
    )(func)
    func = click.option(
        "--manifest",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Corpus manifest to use instead of CORPUS/argmap.toml.",
    )(func)
    return func


class _Progress:
    """A progress bar on stderr while a stage runs (only on a terminal, never with
    --quiet)."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Any = None
        self.stage = ""
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


perspectives_by_option = click.option(
    "--perspectives-by",
    "perspectives_by",
    type=click.Choice(["auto", "relation", "keypoint"]),
    default="auto",
    show_default=True,
    help="What matches a claim to a perspective by what it says: the relation model, "
    "the key-point matcher for perspectives written as one point each, or auto: the "
    "matcher when every perspective of the manifest is one point (docs/graph.md).",
)

jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for parsing (default: the CPUs, for 24 articles or more).",
)


def _options(
    manifest: Path | None,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    pipeline: str | None,
    **more: Any,
) -> Any:
    """The library's RunOptions from the options every corpus command shares."""
    from .pipeline import RunOptions

    return RunOptions(
        pipeline=pipeline,
        manifest=manifest,
        exclude=exclude,
        default_exclude=not no_default_excludes,
        **more,
    )


def _load(corpus: Path, options: Any, quiet: bool) -> Any:
    """The corpus of a command that reads one; when no file of it could be read, each
    failure is printed and the command stops with the same error as ``argmap run``."""
    from .pipeline import load, require_articles

    found = load(corpus, options)
    if not found.articles and not quiet:
        for failure in found.failures:
            _fail(f"argmap: {failure.message}")
    return require_articles(found, corpus)


def _with_progress(quiet: bool, func: Callable[..., Any], *args: Any) -> Any:
    """``func(*args, progress=bar)`` with a progress bar on stderr, closed afterwards."""
    progress = _Progress(quiet)
    try:
        return func(*args, progress=progress)
    finally:
        progress.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """argmap: source-attributed argument maps from a folder of news articles.

    \b
    argmap run CORPUS --out DIR    everything: claims.json and more, into DIR
    argmap claims CORPUS           the attributed claims, as a table or JSON
    argmap gaps CORPUS             the coverage gap report: who is missing, who is unheard
    argmap init CORPUS             write a starter argmap.toml for an editor to edit
    argmap relate PAIRS.jsonl      classify claim pairs: supports, contradicts, unrelated
    """


@main.command()
@click.argument("corpora", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (one corpus: written into it; several: one folder each).",
)
@corpus_options
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of page templates that override argmap's own (see docs/pages.md).",
)
@click.option("--force", is_flag=True, help="Write into an existing folder not made by argmap.")
@perspectives_by_option
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@handle_errors
def run(
    corpora: tuple[Path, ...],
    out_dir: Path,
    manifest: Path | None,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    pipeline: str | None,
    templates: Path | None,
    force: bool,
    perspectives_by: str,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Analyse CORPUS folders and write the results into --out.

    For each corpus: index.html, map.html, explainer.html, gaps.html, claims.json,
    graph.json, gaps.json, gaps.md and the exports (GraphML, AIF, Argdown, CSV).
    Several corpora get one folder each and a top index.html. Exit status: 0 ok,
    1 fatal error, 2 usage error, 3 finished but some articles failed.
    """
    from .pipeline import run as run_pipeline

    options = _options(
        manifest,
        exclude,
        no_default_excludes,
        pipeline,
        templates=templates,
        force=force,
        n_process=jobs,
        perspectives_by=perspectives_by,
    )
    result = _with_progress(quiet, run_pipeline, list(corpora), out_dir, options)
    for item in result.corpora:
        for failure in item.failures:
            _fail(f"argmap: {failure.message}")
        if item.error is not None:
            _fail(f"argmap: {item.error.render()}")
        elif not quiet and item.corpus is not None and item.extraction is not None:
            click.echo(
                _summary(item.name, item.corpus, item.extraction, len(item.failures)), err=True
            )
            for path in item.files:
                click.echo(f"  wrote {_display_path(path)}", err=True)
    sys.exit(result.exit_code)


def _summary(name: str, corpus: Any, extraction: Any, failed: int) -> str:
    copies = len(corpus.articles) - len(corpus.independent_articles)
    copies_text = f" ({copies} syndicated cop{'y' if copies == 1 else 'ies'})" if copies else ""
    return (
        f"{name}: {len(corpus.articles)} articles{copies_text}, {len(extraction.claims)} claims "
        f"from {len(extraction.speakers)} speakers; {failed} failed"
    )


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@corpus_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="table for reading; json (the claims.json document) or jsonl for scripts.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print no failures or progress on stderr.")
@jobs_option
@handle_errors
def claims(
    corpus: Path,
    manifest: Path | None,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    pipeline: str | None,
    fmt: str,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Print the attributed claims of CORPUS."""
    from .export.claims import claims_document
    from .pipeline import extract

    options = _options(manifest, exclude, no_default_excludes, pipeline, n_process=jobs)
    loaded = _load(corpus, options, quiet)
    extraction = _with_progress(quiet, extract, loaded, options)
    if not quiet:
        for failure in (*loaded.failures, *extraction.failures):
            _fail(f"argmap: {failure.message}")
    document = claims_document(loaded, extraction)
    if fmt == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
    elif fmt == "jsonl":
        paths = {a["id"]: a["path"] for a in document["articles"]}
        for claim in document["claims"]:
            row = {"path": paths[claim["article_id"]], **claim}
            click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(format_table(document))
    failed = len(loaded.failures) + len(extraction.failures)
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


def format_table(document: dict[str, Any], width: int | None = None) -> str:
    """Claims grouped by article, one line each: speaker, how, cue, kind, text."""
    width = width or shutil.get_terminal_size((120, 20)).columns
    by_article: dict[str, list[dict[str, Any]]] = {}
    for claim in document["claims"]:
        by_article.setdefault(claim["article_id"], []).append(claim)
    lines: list[str] = []
    for article in document["articles"]:
        rows = by_article.get(article["id"], [])
        source = article["outlet"] or article["author"] or "unknown outlet"
        copy = f"  [copy of {article['duplicate_of']}]" if article["duplicate_of"] else ""
        lines.append(f"\n{article['path']}  ·  {source}  ·  {len(rows)} claims{copy}")
        if article["title"]:
            lines.append(f"  {article['title']}")
        for c in rows:
            speaker = c["speaker"] if c["attribution"] != "outlet" else "(outlet)"
            cue = (c["cue"] or "")[:14]
            head = f"  {speaker[:24]:24} {c['attribution'][:8]:8} {cue:14} {c['kind'][:10]:10} "
            room = max(20, width - len(head) - 1)
            text = " ".join(c["text"].split())
            if c["hedged"]:
                text = "~ " + text
            lines.append(head + (text if len(text) <= room else text[: room - 1] + "…"))
    return "\n".join(lines).lstrip("\n")


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@corpus_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    show_default=True,
    help="text for the terminal; md (gaps.md) or json (gaps.json, argmap/gaps@1).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print no failures or progress on stderr.")
@perspectives_by_option
@jobs_option
@handle_errors
def gaps(
    corpus: Path,
    manifest: Path | None,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    pipeline: str | None,
    fmt: str,
    quiet: bool,
    perspectives_by: str,
    jobs: int | None,
) -> None:
    """Print the coverage gap report of CORPUS: perspectives missing, underrepresented
    or only paraphrased, stakeholders talked about but never heard, attacks left
    unanswered, claims resting on one source, and the sources that would fill them."""
    from .gaps import gaps_document, gaps_markdown, gaps_text
    from .pipeline import analyze

    options = _options(
        manifest,
        exclude,
        no_default_excludes,
        pipeline,
        n_process=jobs,
        perspectives_by=perspectives_by,
    )
    loaded = _load(corpus, options, quiet)
    analysis = _with_progress(quiet, analyze, loaded, options)
    if not quiet:
        for failure in (*loaded.failures, *analysis.extraction.failures):
            _fail(f"argmap: {failure.message}")
    report = analysis.gaps
    assert report is not None
    if fmt == "json":
        click.echo(
            json.dumps(gaps_document(report, loaded), ensure_ascii=False, indent=2, sort_keys=True)
        )
    elif fmt == "md":
        click.echo(gaps_markdown(report, loaded), nl=False)
    else:
        click.echo(gaps_text(report, loaded), nl=False)
    failed = len(loaded.failures) + len(analysis.extraction.failures)
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@corpus_options
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write the starter manifest (default CORPUS/argmap.toml; - for stdout).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing manifest.")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress on stderr.")
@jobs_option
@handle_errors
def init(
    corpus: Path,
    manifest: Path | None,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    pipeline: str | None,
    output: Path | None,
    force: bool,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Write a starter argmap.toml for CORPUS from what argmap finds in it.

    Lists the outlets, speakers and organisations found, for an editor to turn into
    perspectives. Never overwrites an existing manifest unless --force.
    """
    from .manifest import starter_manifest
    from .pipeline import analyze

    target = output if output is not None else corpus / "argmap.toml"
    if str(target) != "-" and target.exists() and not force:
        raise UsageError(
            "a manifest already exists; not overwriting it.",
            path=target,
            hint="Edit it, pass --force to replace it, or --output - to print a new one.",
        )
    options = _options(manifest, exclude, no_default_excludes, pipeline, n_process=jobs)
    loaded = _load(corpus, options, quiet)
    analysis = _with_progress(quiet, analyze, loaded, options)
    discovered = [p for p in analysis.perspectives if p.source == "discovered"]
    text = starter_manifest(loaded, analysis.extraction.speakers, discovered)
    if str(target) == "-":
        click.echo(text, nl=False)
        return
    from .output import OutputDir

    OutputDir._write_bytes(target.resolve(), text.encode("utf-8"))
    if not quiet:
        click.echo(f"wrote {target}: edit it, then run `argmap run {corpus} --out DIR`", err=True)


@main.command()
@click.argument("pairs", type=click.File("r", encoding="utf-8"))
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Where to write the results (default: stdout).",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help='Report a bad line as {"line", "error"} and go on, instead of stopping there.',
)
@handle_errors
def relate(pairs: Any, output: Any, keep_going: bool) -> None:
    """Classify claim pairs from a JSONL file (- for stdin).

    Each input line is {"id", "a", "b"}; each output line is {"id", "relation",
    "score", "scores": {"supports", "contradicts", "unrelated"}} where relation is
    supports, contradicts or unrelated ("a supports b"). A bad line stops the run
    with its line number (exit 1) unless --keep-going.
    """
    from .relate.pairs import classify_pairs

    errors = 0
    for record in classify_pairs(pairs, on_error="record" if keep_going else "raise"):
        if "error" in record:
            errors += 1
        output.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    sys.exit(EXIT_PARTIAL if errors else EXIT_OK)
