"""Plain typed records passed between pipeline stages.

Stages never hand each other spaCy objects or graphs they will mutate: they pass these
frozen dataclasses. Ids are derived from content (paths, spans, text), so re-running
argmap on the same input gives the same ids and byte-identical files.

Offsets (``start``/``end``) are Python string indices (Unicode code points) into
:attr:`Article.text`: the decoded file for ``.txt`` and ``.md`` (front matter
included), the extracted body text for ``.html``, ``.json`` and ``.jsonl``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SpeakerKind = Literal["person", "organisation", "group", "outlet"]
Attribution = Literal["direct", "indirect", "outlet"]
ClaimKind = Literal["statistic", "prediction", "recommendation", "causal", "evaluation", "fact"]

SPEAKER_KINDS: tuple[str, ...] = ("person", "organisation", "group", "outlet")
ATTRIBUTIONS: tuple[str, ...] = ("direct", "indirect", "outlet")
CLAIM_KINDS: tuple[str, ...] = (
    "statistic",
    "prediction",
    "recommendation",
    "causal",
    "evaluation",
    "fact",
)


def stable_id(prefix: str, *parts: object, length: int = 10) -> str:
    """A short id that depends only on ``parts`` (e.g. ``stable_id("a", path)``)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Region:
    """A span of an article's text with a role: ``body`` (one region per paragraph),
    ``headline``, ``heading`` (a subheading), ``boilerplate``, ``front_matter`` or
    ``metadata`` (bylines, datelines), with the reason it got it."""

    start: int
    end: int
    role: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingested. ``text`` is what every offset points into."""

    id: str
    path: str
    format: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    perspective: str | None = None
    duplicate_of: str | None = None
    regions: tuple[Region, ...] = ()
    metadata_sources: tuple[tuple[str, str], ...] = ()

    @property
    def body_regions(self) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.role == "body")

    @property
    def headline_region(self) -> Region | None:
        return next((r for r in self.regions if r.role == "headline"), None)

    def analysis_text(self, roles: tuple[str, ...] = ("body", "headline")) -> str:
        """``text`` with everything outside the given roles blanked out.

        Blanked characters become spaces (newlines are kept), so the result has the same
        length as ``text`` and every offset into it is an offset into the original.
        """
        keep = [r for r in self.regions if r.role in roles]
        if not keep:
            return "".join(c if c == "\n" else " " for c in self.text)
        chars = ["\n" if c == "\n" else " " for c in self.text]
        for region in keep:
            chars[region.start : region.end] = self.text[region.start : region.end]
        return "".join(chars)

    @property
    def source_label(self) -> str:
        """How the article is named to an editor: outlet, else author, else its path."""
        return self.outlet or self.author or self.path

    def word_count(self) -> int:
        return sum(len(self.text[r.start : r.end].split()) for r in self.body_regions)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be used, with a machine-readable reason."""

    path: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class PerspectiveDef:
    id: str
    name: str
    description: str = ""
    members: tuple[str, ...] = ()
    source: str = "manifest"  # "manifest" or "discovered"


@dataclass(frozen=True, slots=True)
class OutletDef:
    name: str
    perspective: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StakeholderDef:
    name: str
    terms: tuple[str, ...] = ()
    kind: str = "group"


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Per-article metadata given in the manifest (the last fallback)."""

    path: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    title: str | None = None
    question: str | None = None
    perspectives: tuple[PerspectiveDef, ...] = ()
    outlets: tuple[OutletDef, ...] = ()
    stakeholders: tuple[StakeholderDef, ...] = ()
    articles: tuple[ArticleMeta, ...] = ()
    path: str | None = None
    exclude: tuple[str, ...] = ()  # [corpus] exclude: glob patterns of paths not to ingest

    def outlet(self, name: str | None) -> OutletDef | None:
        if not name:
            return None
        key = name.casefold()
        for o in self.outlets:
            if o.name.casefold() == key or key in (a.casefold() for a in o.aliases):
                return o
        return None

    def article_meta(self, path: str) -> ArticleMeta | None:
        return next((a for a in self.articles if a.path == path), None)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A folder of articles about one story, after ingestion."""

    root: str
    name: str
    manifest: Manifest
    articles: tuple[Article, ...]
    failures: tuple[Failure, ...] = ()
    skipped: tuple[str, ...] = ()  # files that are not articles (e.g. "argmap.toml", images)

    @property
    def independent_articles(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.duplicate_of is None)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A canonical speaker: one person, organisation, group or outlet."""

    id: str
    name: str
    kind: str
    role: str | None = None
    aliases: tuple[str, ...] = ()


#: How a claim's cue frames it (``Claim.framing``): "said" is neutral, "noted" presents
#: the content as fact, "claimed" casts doubt on it, "admitted" has the speaker concede
#: it, "boasted" colours the speaker (argmap/extract/lexicon.py lists the verbs).
FRAMINGS = ("neutral", "endorsing", "distancing", "conceding", "loaded")


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition an article asserts or reports, attributed to who asserts it.

    ``text`` is ``article.text[start:end]`` when ``parts`` is empty. A claim split by its
    attribution (``"X," she said, "Y."``) has ``parts``: the exact spans of each piece;
    ``start``/``end`` then cover them all and ``text`` joins the pieces with a space.
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    speaker: str
    speaker_id: str
    speaker_kind: str
    attribution: str
    kind: str
    hedged: bool
    confidence: float
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    #: how the cue frames the claim: neutral ("said"), endorsing ("noted"), distancing
    #: ("claimed"), conceding ("admitted"), loaded ("boasted"); None without a cue
    framing: str | None = None
    parts: tuple[tuple[int, int], ...] = ()
    in_headline: bool = False
    paragraph: int = 0
    perspective: str | None = None
    perspective_confidence: float | None = None
    perspective_evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["parts"] = [list(p) for p in self.parts]
        return data


@dataclass(frozen=True, slots=True)
class Extraction:
    """What claim extraction found in a corpus."""

    claims: tuple[Claim, ...]
    speakers: tuple[Speaker, ...]
    failures: tuple[Failure, ...] = ()
    pipeline: str = ""
    stats: dict[str, Any] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    questions: tuple[Question, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class CanonicalClaim:
    """Restatements of one claim, across articles and within one, as one node.

    ``speakers``, ``outlets`` and ``articles`` count independent occurrences only: an
    occurrence in a syndicated copy is listed in ``copies`` and not counted again.
    """

    id: str
    text: str
    representative: str
    claim_ids: tuple[str, ...]
    kind: str
    speakers: tuple[str, ...]
    outlets: tuple[str, ...]
    articles: tuple[str, ...]
    copies: tuple[str, ...] = ()
    perspective: str | None = None
    attributions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` supports or contradicts ``target`` (canonical claim ids).

    For ``contradicts``, ``attack`` says how: ``rebut`` (denies the claim) or
    ``undercut`` (attacks its analogy or inference). ``model`` holds the relation
    model's probabilities (supports, contradicts, unrelated) before the article's own
    signals were added; ``tentative`` marks relations below the confidence an editor
    should rely on without reading both claims.
    """

    source: str
    target: str
    relation: str
    score: float
    rationale: str
    attack: str | None = None
    signals: tuple[str, ...] = ()
    model: tuple[float, float, float] = (0.0, 0.0, 0.0)
    tentative: bool = False


@dataclass(frozen=True, slots=True)
class Assignment:
    """The perspective of one claim, how sure argmap is, and why."""

    perspective: str | None
    confidence: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A group or organisation an article talks about, whether or not it speaks.

    ``key`` is the normalised name ("home care worker" for "home care workers"), used
    to gather mentions across articles; ``role`` is how the sentence treats it:
    ``subject``, ``object`` or ``other``.
    """

    article_id: str
    start: int
    end: int
    text: str
    key: str
    kind: str  # "group" | "organisation"
    sentence_start: int
    sentence_end: int
    role: str = "other"


@dataclass(frozen=True, slots=True)
class Question:
    """A question an article asks or reports (questions are never claims)."""

    article_id: str
    start: int
    end: int
    text: str
    quoted: bool = False
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence that dates something ("On March 3 the council voted ..."): an entry
    for the explainer's timeline. ``date`` is ISO and as precise as the text:
    ``2026-03-03``, ``2026-06`` or ``2019``; ``start``/``end`` span the sentence."""

    article_id: str
    start: int
    end: int
    date: str
    date_text: str
    date_start: int
    date_end: int
