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
from typing import TYPE_CHECKING

from .errors import ArgmapError, CorpusError
from .export.claims import claims_document
from .output import OutputDir
from .records import Corpus, Extraction, Failure

if TYPE_CHECKING:
    from spacy.language import Language

#: ``progress(stage, done, total)``: called as work advances (for progress bars).
Progress = Callable[[str, int, int], None]


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


@dataclass
class CorpusResult:
    """What one corpus gave: its records, and the files written for it."""

    path: str
    name: str
    corpus: Corpus | None = None
    extraction: Extraction | None = None
    out_dir: Path | None = None
    files: list[Path] = field(default_factory=list)
    error: ArgmapError | None = None

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


def analyze(
    corpus: Corpus,
    options: RunOptions = RunOptions(),
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Every computed stage for one corpus (for now: claim extraction)."""
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


def write(corpus: Corpus, extraction: Extraction, out: OutputDir) -> list[Path]:
    """Write one corpus's files into ``out`` (already prepared)."""
    return [out.write_json("claims.json", claims_document(corpus, extraction))]


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

    if not corpora:
        raise CorpusError("no corpus folder given", hint="Pass at least one folder of articles.")
    out = OutputDir(out_dir, force=options.force)
    single = len(corpora) == 1
    names = _folder_names([Path(c) for c in corpora])
    out.prepare()
    results: list[CorpusResult] = []
    nlp: Language | None = None
    for path, name in zip(corpora, names, strict=True):
        result = CorpusResult(path=str(path), name=name)
        results.append(result)
        try:
            corpus = load(path, options)
            if not corpus.articles:
                raise CorpusError(
                    f"no usable article ({len(corpus.failures)} failed)",
                    path=path,
                    hint="See the lines above for what was wrong with each file.",
                )
            if nlp is None:
                nlp = load_pipeline(options.pipeline)
            extraction = analyze(corpus, options, nlp=nlp, progress=progress)
            target = out if single else out.subdir(name)
            result.corpus, result.extraction, result.out_dir = corpus, extraction, target.root
            result.files = write(corpus, extraction, target)
        except ArgmapError as exc:
            if single:
                raise
            result.error = exc
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
