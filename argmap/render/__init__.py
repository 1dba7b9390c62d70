"""Pages: the one adapter around jinja2 and pyvis.

:func:`render_corpus` turns one :class:`~argmap.pipeline.Analysis` into the pages of
its output folder (``index.html``, ``map.html``, ``explainer.html``, ``gaps.html``) as
strings; :func:`render_site` gives the top ``index.html`` of a run over several
corpora. Nothing here writes files (the pipeline does, through
:class:`~argmap.output.OutputDir`).

Templates live in ``templates/`` (installed as ``argmap.templates``). A user's folder
(``--templates DIR``) is searched first, so any page or partial (``_base.html``,
``_style.css``, ...) can be replaced by a file of the same name. Autoescaping is on
for every template: article text is always shown as text. Data for scripts goes into
``<script type="application/json">`` blocks through :func:`.netmap.script_json`,
which escapes ``<``, ``>`` and ``&``, so a ``</script>`` inside a quotation cannot end
the block.

Dates come from ``SOURCE_DATE_EPOCH`` when it is set; otherwise pages carry no build
date, so that the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import UsageError

if TYPE_CHECKING:
    import jinja2

    from ..pipeline import Analysis

PAGES = ("index.html", "map.html", "explainer.html", "gaps.html")
#: The files an argmap output folder links from its index, in order, with a label.
DATA_FILES = (
    ("claims.json", "claims.json", "every claim with its speaker, cue and span (argmap/claims@1)"),
    ("graph.json", "graph.json", "the claim graph and what it says (argmap/graph@1)"),
    ("gaps.json", "gaps.json", "the gap report as data (argmap/gaps@1)"),
    ("gaps.md", "gaps.md", "the gap report in Markdown"),
    ("graph.graphml", "graph.graphml", "GraphML for Gephi and yEd"),
    ("graph.aif.json", "graph.aif.json", "Argument Interchange Format (AIFdb, OVA)"),
    ("graph.argdown", "graph.argdown", "Argdown text"),
    ("claims.csv", "claims.csv", "one row per claim"),
    ("relations.csv", "relations.csv", "one row per relation"),
)


def templates_dir() -> Path:
    """The templates that ship with argmap."""
    try:
        root = Path(str(resources.files("argmap.templates")))
        if (root / "_base.html").is_file():
            return root
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual installs
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def environment(user_dir: str | Path | None = None) -> jinja2.Environment:
    """One jinja2 environment: the user's folder first, then argmap's; autoescape on."""
    import jinja2

    paths = []
    if user_dir is not None:
        folder = Path(user_dir)
        if not folder.is_dir():
            raise UsageError(
                "the templates folder does not exist.",
                path=folder,
                hint="Pass --templates a folder of template files (see docs/pages.md).",
            )
        paths.append(str(folder))
    paths.append(str(templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
    env.filters["plural"] = lambda n, word, many=None: (
        f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
    )
    return env


def build_date() -> str | None:
    """The build date from ``SOURCE_DATE_EPOCH`` (UTC), or None when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        stamp = dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a number of seconds, not {value!r}.",
            hint="Unset it, or set it to a Unix timestamp (e.g. `date +%s`).",
        ) from None
    return stamp.strftime("%Y-%m-%d")


def script_hash(script: str) -> str:
    """The CSP hash of an inline script: only argmap's own scripts may run in a page."""
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _common(analysis: Analysis) -> dict[str, Any]:
    corpus = analysis.corpus
    return {
        "version": __version__,
        "build_date": build_date(),
        "corpus_name": corpus.name,
        "title": corpus.manifest.title or corpus.name,
        "question": corpus.manifest.question,
    }


def headline_counts(analysis: Analysis) -> dict[str, int]:
    """The figures an index shows for a story."""
    g, corpus = analysis.graph, analysis.corpus
    relations = [
        d["type"] for *_, d in g.edges(data=True) if d.get("type") in ("supports", "contradicts")
    ]
    gaps = analysis.gaps
    return {
        "articles": len(corpus.articles),
        "independent_articles": len(corpus.independent_articles),
        "claims": len(analysis.canonical),
        "occurrences": len(analysis.extraction.claims),
        # the sources the gap report lists (no outlets, no "others"), when there is one
        "speakers": len(gaps.sources)
        if gaps
        else sum(1 for s in analysis.extraction.speakers if s.kind != "outlet"),
        "perspectives": len(analysis.perspectives),
        "supports": relations.count("supports"),
        "contradicts": relations.count("contradicts"),
        "voiceless": len(gaps.voiceless) if gaps else 0,
        "missing": len(gaps.by_status("missing")) if gaps else 0,
        "failures": len(corpus.failures) + len(analysis.extraction.failures),
    }


def render_corpus(
    analysis: Analysis, *, templates: str | Path | None = None, files: Sequence[str] = ()
) -> dict[str, str]:
    """The pages of one corpus: ``{file name: html}``. ``files`` are the data files
    written beside them (linked from the index when present)."""
    from ..gaps import gaps_document
    from .explainer import explainer_context, source_order
    from .netmap import map_data

    env = environment(templates)
    common = _common(analysis)
    counts = headline_counts(analysis)
    numbers = {a.id: i + 1 for i, a in enumerate(source_order(analysis.corpus.articles))}
    explainer = explainer_context(analysis)
    gaps = gaps_document(analysis.gaps, analysis.corpus) if analysis.gaps is not None else None
    present = set(files)
    pages = {
        "map.html": map_page(
            env,
            map_data(analysis.graph, analysis.perspectives, analysis.corpus.articles, numbers),
            common,
            counts,
        ),
        "explainer.html": env.get_template("explainer.html").render(
            common, page="explainer", x=explainer, counts=counts
        ),
        "gaps.html": env.get_template("gaps.html").render(
            common,
            page="gaps",
            gaps=gaps,
            counts=counts,
            sources=explainer["sources"],
            numbers=numbers,
        ),
        "index.html": env.get_template("index.html").render(
            common,
            page="index",
            counts=counts,
            files=[f for f in DATA_FILES if f[0] in present],
            failures=[
                {"path": f.path, "message": f.message}
                for f in (*analysis.corpus.failures, *analysis.extraction.failures)
            ],
            gaps=gaps,
        ),
    }
    return pages


def map_page(
    env: jinja2.Environment, data: dict[str, Any], common: dict[str, Any], counts: dict[str, int]
) -> str:
    """``map.html`` from :func:`.netmap.map_data`: vis-network and argmap's map script
    inlined, the CSP allowing exactly those two scripts."""
    from .netmap import script_json, vis_assets

    vis_js, _ = vis_assets()
    map_js = env.loader.get_source(env, "map.js")[0] if env.loader else ""
    return env.get_template("map.html").render(
        common,
        page="map",
        map=data,
        map_json=script_json(data),
        vis_js=vis_js,
        map_js=map_js,
        script_hashes=[script_hash(vis_js), script_hash(map_js)],
        counts=counts,
    )


def render_site(entries: Sequence[dict[str, Any]], *, templates: str | Path | None = None) -> str:
    """The top ``index.html`` of a run over several corpora. Each entry: ``name``,
    ``folder``, ``title``, ``counts`` (or ``error``)."""
    env = environment(templates)
    return env.get_template("site.html").render(
        version=__version__,
        build_date=build_date(),
        entries=list(entries),
        page="site",
        title="argmap",
        corpus_name=None,
        question=None,
    )


__all__ = [
    "PAGES",
    "environment",
    "headline_counts",
    "render_corpus",
    "render_site",
    "templates_dir",
]
