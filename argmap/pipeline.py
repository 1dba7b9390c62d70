"""One run: corpus folders in, an output site out.

``run()`` is what ``argmap run`` calls. For each corpus it computes everything first
(ingest, extract, ...), then writes every file through :class:`~argmap.output.OutputDir`
(atomic writes, never outside ``out``). One corpus writes straight into ``out``; several
corpora get one folder each under ``out``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ArgmapError, CorpusError, UsageError
from .export.claims import claims_document
from .output import OutputDir
from .records import (
    Assignment,
    CanonicalClaim,
    Corpus,
    Extraction,
    Failure,
    PerspectiveDef,
    Relation,
)

if TYPE_CHECKING:
    import networkx as nx
    from spacy.language import Language

    from .gaps import GapReport

#: ``progress(stage, done, total)``: called as work advances (for progress bars).
Progress = Callable[[str, int, int], None]


#: What can match claims to perspectives by content (RunOptions.perspectives_by).
PERSPECTIVES_BY = ("auto", "relation", "keypoint")


@dataclass(frozen=True)
class RunOptions:
    """Options of a run (the CLI's flags)."""

    pipeline: str | None = None
    manifest: str | Path | None = None
    exclude: tuple[str, ...] = ()
    default_exclude: bool = True
    templates: Path | None = None
    force: bool = False
    n_process: int | None = None
    #: what matches a claim to a perspective by content: "relation" (the relation
    #: model), "keypoint" (the key-point matcher, for perspectives written as one point
    #: each) or "auto" (the default: the key-point matcher when every perspective of
    #: the manifest is written as one point, else the relation model; docs/graph.md)
    perspectives_by: str = "auto"


@dataclass
class CorpusResult:
    """What one corpus gave: its records, and the files written for it."""

    path: str
    name: str
    corpus: Corpus | None = None
    extraction: Extraction | None = None
    analysis: Analysis | None = None
    out_dir: Path | None = None
    files: list[Path] = field(default_factory=list)
    error: ArgmapError | None = None
    #: headline figures (articles, claims, speakers, ...), for indexes and summaries
    counts: dict[str, int] = field(default_factory=dict)
    title: str = ""

    @property
    def failures(self) -> list[Failure]:
        out: list[Failure] = []
        if self.corpus is not None:
            out.extend(self.corpus.failures)
        if self.extraction is not None:
            out.extend(self.extraction.failures)
        return out

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class RunResult:
    out_dir: Path
    corpora: list[CorpusResult]

    @property
    def failed_articles(self) -> int:
        return sum(len(c.failures) for c in self.corpora)

    @property
    def failed_corpora(self) -> int:
        return sum(1 for c in self.corpora if not c.ok)

    @property
    def exit_code(self) -> int:
        """0 ok; 3 finished, but some articles (or corpora) failed."""
        return 3 if self.failed_articles or self.failed_corpora else 0


def load(path: str | Path, options: RunOptions = RunOptions()) -> Corpus:
    """Ingest one corpus folder with the run's options."""
    from .ingest import load_corpus

    return load_corpus(
        path,
        manifest=options.manifest,
        exclude=options.exclude,
        default_exclude=options.default_exclude,
    )


def require_articles(corpus: Corpus, path: str | Path) -> Corpus:
    """``corpus`` itself, or a :class:`CorpusError` when none of its files could be read
    (each failure is in ``corpus.failures``)."""
    if not corpus.articles:
        raise CorpusError(
            f"no usable article ({len(corpus.failures)} failed)",
            path=path,
            hint="See the lines above for what was wrong with each file.",
        )
    return corpus


def extract(
    corpus: Corpus,
    options: RunOptions = RunOptions(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Claim extraction only (what ``argmap claims`` shows)."""
    from .extract import extract_claims

    def on_progress(done: int, total: int) -> None:
        if progress:
            progress(f"{corpus.name}: extracting claims", done, total)

    return extract_claims(
        corpus,
        nlp if nlp is not None else options.pipeline,
        n_process=options.n_process,
        progress=on_progress,
    )


def _reads_key_points(corpus: Corpus, options: RunOptions, nlp: Language | None) -> bool:
    """Whether the key-point matcher reads claims against the perspectives."""
    if options.perspectives_by != "auto":
        return options.perspectives_by == "keypoint"
    declared = corpus.manifest.perspectives
    if not declared:
        return False  # discovered perspectives are described sides
    from .nlp import load_pipeline
    from .perspectives import written_as_points

    return written_as_points(declared, nlp if nlp is not None else load_pipeline(options.pipeline))


@dataclass
class Analysis:
    """Everything argmap computes for one corpus, before anything is written."""

    corpus: Corpus
    extraction: Extraction
    canonical: list[CanonicalClaim]
    relations: list[Relation]
    perspectives: list[PerspectiveDef]
    assignments: dict[str, Assignment]
    graph: nx.DiGraph
    findings: dict[str, Any]
    gaps: GapReport | None = None


def analyze(
    corpus: Corpus,
    options: RunOptions = RunOptions(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    embedder: Any = None,
    model: Any = None,
    matcher: Any = None,
) -> Analysis:
    """Every stage for one corpus: claims, restatements, relations, perspectives, graph,
    gaps."""
    from dataclasses import replace

    from .analysis import analyse
    from .embed import Embedder
    from .extract import with_perspectives
    from .gaps import find_gaps
    from .graph import build_graph
    from .perspectives import assign_perspectives
    from .relate.canonical import canonical_claims
    from .relate.links import relate_claims
    from .relate.model import default_model, default_stance

    if options.perspectives_by not in PERSPECTIVES_BY:
        raise UsageError(
            f"perspectives_by must be one of {', '.join(PERSPECTIVES_BY)}, "
            f"not {options.perspectives_by!r}"
        )
    extraction = extract(corpus, options, nlp=nlp, progress=progress)
    claims = list(extraction.claims)
    embedder = embedder if embedder is not None else _default_embedder(Embedder)
    model = model if model is not None else default_model()
    # claims are matched to perspectives by the relation model unless a matcher is
    # given or asked for, or the manifest's perspectives are written as key points (the
    # key-point matcher: docs/evaluation.md, coverage gaps, for why it is not always used)
    if matcher is None and _reads_key_points(corpus, options, nlp):
        from .relate.model import default_matcher

        matcher = default_matcher()
    matcher = matcher if matcher is not None else model
    step = _stepper(progress, corpus.name, 4)
    vectors = embedder.encode([c.text for c in claims])
    step("embedding claims")
    canonical, mapping = canonical_claims(claims, vectors, corpus.articles, model=model)
    step("grouping restatements")
    relations = relate_claims(
        canonical, claims, corpus.articles, vectors, model, stance=default_stance()
    )
    step("relating claims")
    perspectives, assignments = assign_perspectives(
        corpus,
        claims,
        extraction.speakers,
        vectors,
        embedder=embedder,
        matcher=matcher,
        relations=relations,
        claim_to_canonical=mapping,
    )
    step("assigning perspectives")
    claims = with_perspectives(
        claims, {cid: (a.perspective, a.confidence, a.evidence) for cid, a in assignments.items()}
    )
    extraction = replace(extraction, claims=tuple(claims))
    by_claim = {c.id: c for c in claims}
    canonical = [replace(k, perspective=by_claim[k.representative].perspective) for k in canonical]
    graph = build_graph(
        corpus, claims, extraction.speakers, canonical, relations, perspectives, assignments
    )
    findings = analyse(graph)
    gaps = find_gaps(
        corpus, extraction, perspectives, assignments, graph, findings, encode=embedder.encode
    )
    return Analysis(
        corpus, extraction, canonical, relations, perspectives, assignments, graph, findings, gaps
    )


_EMBEDDER: Any = None


def _default_embedder(factory: Any) -> Any:
    global _EMBEDDER
    if _EMBEDDER is None:
        _EMBEDDER = factory()
    return _EMBEDDER


def _stepper(progress: Progress | None, name: str, total: int) -> Callable[[str], None]:
    done = 0

    def step(label: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(f"{name}: {label}", done, total)

    return step


def render(analysis: Analysis, options: RunOptions = RunOptions()) -> dict[str, str | Any]:
    """Every output file of one corpus, computed but not written: ``{name: text or
    JSON data}``, pages last (they link the data files)."""
    from .export import interchange
    from .export.graph import graph_document
    from .gaps import gaps_document, gaps_markdown
    from .output import dumps_json
    from .render import render_corpus

    corpus, extraction = analysis.corpus, analysis.extraction
    files: dict[str, str] = {
        "claims.json": dumps_json(claims_document(corpus, extraction, analysis.perspectives)),
        "graph.json": dumps_json(graph_document(analysis)),
        "graph.graphml": interchange.graphml(analysis.graph),
        "graph.aif.json": dumps_json(interchange.aif(analysis)),
        "graph.argdown": interchange.argdown(analysis),
        "claims.csv": interchange.claims_csv(analysis.graph),
        "relations.csv": interchange.relations_csv(analysis.graph),
    }
    if analysis.gaps is not None:
        files["gaps.json"] = dumps_json(gaps_document(analysis.gaps, corpus))
        files["gaps.md"] = gaps_markdown(analysis.gaps, corpus)
    files |= render_corpus(analysis, templates=options.templates, files=list(files))
    return files


def write(analysis: Analysis, out: OutputDir, options: RunOptions = RunOptions()) -> list[Path]:
    """Write one corpus's files into ``out`` (already prepared): all are computed
    first, so a failure leaves no half-written set behind."""
    return [out.write_text(name, text) for name, text in render(analysis, options).items()]


def run(
    corpora: Sequence[str | Path],
    out_dir: str | Path,
    options: RunOptions = RunOptions(),
    *,
    progress: Progress | None = None,
) -> RunResult:
    """Run argmap over one or more corpus folders, writing into ``out_dir``.

    A corpus that cannot be read at all is reported in the result (``error``) and the
    others go on; with a single corpus that error is raised instead.
    """
    from .nlp import load_pipeline
    from .render import headline_counts

    if not corpora:
        raise CorpusError("no corpus folder given", hint="Pass at least one folder of articles.")
    out = OutputDir(out_dir, force=options.force)
    single = len(corpora) == 1
    names = _folder_names([Path(c) for c in corpora])
    if options.templates is not None:
        from .render import environment

        environment(options.templates)  # a bad --templates folder fails before any work
    out.prepare()
    results: list[CorpusResult] = []
    nlp: Language | None = None
    for path, name in zip(corpora, names, strict=True):
        result = CorpusResult(path=str(path), name=name)
        results.append(result)
        try:
            corpus = require_articles(load(path, options), path)
            if nlp is None:
                nlp = load_pipeline(options.pipeline)
            analysis = analyze(corpus, options, nlp=nlp, progress=progress)
            target = out if single else out.subdir(name)
            result.corpus, result.extraction, result.out_dir = (
                corpus,
                analysis.extraction,
                target.root,
            )
            result.files = write(analysis, target, options)
            result.counts = headline_counts(analysis)
            result.title = corpus.manifest.title or name
            # with many corpora, keep the figures, not every analysis, in memory
            result.analysis = analysis if single else None
        except ArgmapError as exc:
            if single:
                raise
            result.error = exc
    if not single:
        from .render import render_site

        entries = []
        for r in results:
            if r.ok and r.out_dir is not None:
                entries.append(
                    {"name": r.name, "folder": r.out_dir.name, "title": r.title, "counts": r.counts}
                )
            else:
                entries.append({"name": r.name, "error": r.error.render() if r.error else "failed"})
        out.write_text("index.html", render_site(entries, templates=options.templates))
    return RunResult(out.root, results)


def _folder_names(paths: Sequence[Path]) -> list[str]:
    """A distinct output folder name for each corpus (its folder name, numbered if two
    corpora share one)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for p in paths:
        base = p.resolve().name or "corpus"
        count = seen.get(base, 0)
        seen[base] = count + 1
        names.append(base if count == 0 else f"{base}-{count + 1}")
    return names
