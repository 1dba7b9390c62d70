"""Coverage gaps: which viewpoints a story's coverage misses, and who is never heard.

:func:`find_gaps` reads what the earlier stages produced (claims with speakers and
perspectives, the groups the articles talk about, the claim graph and its analysis) and
returns a :class:`GapReport`:

1. **Perspective balance.** For each perspective: its claims, direct quotes, distinct
   speakers, share of the words of all claims, prominence (claims in headlines and in
   the first three paragraphs) and the outlets that carry it; and a status:

   - ``missing``: declared (in the manifest) but no claim is confidently in it;
   - ``paraphrased_only``: it has claims, but never in its own words: no direct quote
     from a speaker of this perspective and no assertion of an outlet that holds it;
   - ``underrepresented``: heard, but with less than half an even share of the words
     of the perspectives that are heard;
   - ``present`` otherwise.

2. **Voiceless stakeholders**: groups and organisations the articles talk about but
   who never speak. Candidates come from the manifest's ``[[stakeholders]]``, from the
   built-in taxonomy (:mod:`argmap.taxonomy`: its ``terms`` in the text) and from the
   text itself (plural noun phrases that name people, and organisations, found while
   parsing: :mod:`argmap.extract.mentions`). A candidate is heard when some speaker is
   it or speaks for it (its name, aliases or stated role name the group; for a taxonomy
   type, a speaker of that type).

3. **Argument gaps**: attacks no claim answers; perspectives whose strongest opposing
   claim goes unrebutted; load-bearing claims resting on one source, or only on the
   party they benefit; questions the articles raise and leave open.

4. **Framing**: how the reporting verbs frame each perspective's claims ("said" is
   neutral, "claimed" casts doubt, "noted" presents as fact, "admitted" concedes,
   "boasted" colours the speaker: ``Claim.framing``), and where one outlet, or the
   coverage as a whole, frames one perspective's claims so notably more often than the
   others' (:func:`framing_gaps`).

5. **Suggestions**: for each gap, the kind of source that would fill it and on what,
   grounded in the evidence ("a home care worker, on: 'There will be no discount for
   care workers'").

``gaps_document`` gives ``gaps.json`` (schema ``argmap/gaps@1``), ``gaps_markdown``
the editor's report, ``gaps_text`` what ``argmap gaps`` prints.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from . import __version__, taxonomy
from .analysis import attacked, claim_summary
from .graph import claim_nodes, relation_edges
from .perspectives import MemberIndex, speaker_perspectives, unnamed_group
from .records import (
    FRAMINGS,
    Article,
    Assignment,
    Claim,
    Corpus,
    Extraction,
    Mention,
    PerspectiveDef,
    Question,
    Speaker,
)
from .schemas import GAPS

#: A claim counts towards a perspective's presence only at this assignment confidence.
PRESENT_CONFIDENCE = 0.5
#: Below this fraction of an even share of words, a heard perspective is underrepresented.
UNDER_SHARE = 0.5
#: Paragraphs (0-based) that count as the top of an article for prominence.
LEDE_PARAGRAPHS = 3
#: Sentences a group found only in the text (or the taxonomy) must be mentioned in.
MIN_TEXT_MENTIONS = 2
#: A claim at least this close (cosine) to a question may answer it.
ANSWER_COSINE = 0.6
#: How many of each kind of argument gap get a suggestion.
SUGGEST_PER_KIND = 3

STATUSES = ("present", "underrepresented", "paraphrased_only", "missing")

Encode = Callable[[list[str]], np.ndarray]


# ------------------------------------------------------------------------ records


@dataclass(frozen=True)
class MentionRef:
    """Where a stakeholder is talked about: the mention and its sentence."""

    article_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class PerspectiveBalance:
    id: str
    name: str
    source: str
    status: str
    reason: str
    claims: int
    distinct_claims: int
    quotes: int
    own_words: int
    reported: int
    speakers: tuple[str, ...]
    word_share: float
    words: int
    prominence: dict[str, int]
    outlets: tuple[str, ...]
    strongest: str | None = None  # the id of its most widely made claim


@dataclass(frozen=True)
class Voiceless:
    name: str
    kind: str  # "group" or "organisation"
    source: str  # "manifest", "taxonomy" or "text"
    type: str | None
    articles: int
    mentions: tuple[MentionRef, ...]
    talked_about_by: tuple[str, ...]
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenQuestion:
    article_id: str
    start: int
    end: int
    text: str
    quoted: bool
    heading: bool
    status: str  # "open" or "possibly_answered"
    possible_answers: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Suggestion:
    gap: str
    target: str
    source: str
    on: str
    text: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A speaker the coverage hears: who, of what kind, how often and how (in their own
    words or reported), and where."""

    speaker: str
    kind: str
    role: str | None
    #: the stakeholder type (:mod:`argmap.taxonomy`) its name or role states, or None
    stakeholder: str | None
    #: the perspective most of its claims are assigned to
    perspective: str | None
    claims: int
    quotes: int
    reported: int
    articles: int
    outlets: tuple[str, ...]
    headlines: int
    lede: int
    #: its cued claims by how the cue frames them (:data:`~argmap.records.FRAMINGS`)
    framing: dict[str, int] = field(default_factory=dict)


@dataclass
class GapReport:
    perspectives: list[PerspectiveBalance]
    voiceless: list[Voiceless]
    unanswered_attacks: list[dict[str, Any]]
    unrebutted: list[dict[str, Any]]
    single_source: list[dict[str, Any]]
    self_serving: list[dict[str, Any]]
    open_questions: list[OpenQuestion]
    suggestions: list[Suggestion] = field(default_factory=list)
    #: who is heard, most claims first
    sources: list[Source] = field(default_factory=list)
    #: each perspective's cued claims by framing, and the notable differences
    framing: dict[str, Any] = field(default_factory=dict)
    #: canonical claim id -> text, for the claims the report refers to
    claim_texts: dict[str, str] = field(default_factory=dict)

    def by_status(self, status: str) -> list[PerspectiveBalance]:
        return [p for p in self.perspectives if p.status == status]


# ----------------------------------------------------------------------- the report


def find_gaps(
    corpus: Corpus,
    extraction: Extraction,
    perspectives: Sequence[PerspectiveDef],
    assignments: dict[str, Assignment],
    graph: nx.DiGraph,
    findings: dict[str, Any],
    *,
    encode: Encode | None = None,
) -> GapReport:
    """The gap report of one corpus (see the module docstring). ``encode`` (texts to
    unit vectors) lets questions be checked against the claims that may answer them."""
    independent = {a.id for a in corpus.independent_articles}
    claims = [c for c in extraction.claims if c.article_id in independent]
    speakers = {s.id: s for s in extraction.speakers}
    balance = perspective_balance(corpus, claims, speakers, perspectives, assignments, graph)
    voiceless = voiceless_stakeholders(corpus, extraction, claims, speakers)
    unrebutted = unrebutted_attacks(graph, perspectives)
    questions = open_questions(corpus, extraction, claims, encode)
    report = GapReport(
        perspectives=balance,
        voiceless=voiceless,
        unanswered_attacks=list(findings.get("unanswered_attacks", [])),
        unrebutted=unrebutted,
        single_source=load_bearing_single_source(graph, findings),
        self_serving=list(findings.get("self_serving", [])),
        open_questions=questions,
        sources=heard_sources(corpus, claims, speakers, assignments),
        framing=framing_report(corpus, claims, perspectives, assignments),
        claim_texts={n: graph.nodes[n]["text"] for n in claim_nodes(graph)},
    )
    report.suggestions = suggestions(report, perspectives, corpus)
    return report


# -------------------------------------------------------------- perspective balance


def _prominence(claims: Sequence[Claim]) -> dict[str, int]:
    """How many of ``claims`` stand in a headline, and in the first paragraphs
    (:data:`LEDE_PARAGRAPHS`) below it."""
    return {
        "headlines": sum(1 for c in claims if c.in_headline),
        "lede": sum(1 for c in claims if not c.in_headline and c.paragraph < LEDE_PARAGRAPHS),
    }


def _outlets(claims: Sequence[Claim], articles: dict[str, Article]) -> tuple[str, ...]:
    """The outlets (or authors, or files) that carry ``claims``, sorted."""
    return tuple(sorted({articles[c.article_id].source_label for c in claims}, key=str.casefold))


def _named_voice(claim: Claim, speakers: dict[str, Speaker]) -> bool:
    """Whether a claim's speaker is a voice an editor can name and count: not the outlet,
    nor a group named by a quantifier alone ("others", "some")."""
    speaker = speakers.get(claim.speaker_id)
    return claim.speaker_kind != "outlet" and not (speaker is not None and unnamed_group(speaker))


def perspective_balance(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: dict[str, Speaker],
    perspectives: Sequence[PerspectiveDef],
    assignments: dict[str, Assignment],
    graph: nx.DiGraph,
    *,
    present_confidence: float = PRESENT_CONFIDENCE,
) -> list[PerspectiveBalance]:
    """Counts and a status for every perspective (see the module docstring); a claim
    counts for its perspective at an assignment confidence of ``present_confidence``."""
    articles = {a.id: a for a in corpus.articles}
    members = MemberIndex.build(perspectives)
    speaker_side = speaker_perspectives(claims, assignments)
    canonical_of = {
        occ["claim_id"]: node
        for node in claim_nodes(graph)
        for occ in graph.nodes[node]["occurrences"]
    }
    words_of = {c.id: len(c.text.split()) for c in claims}
    total_words = sum(words_of.values()) or 1
    rows: list[dict[str, Any]] = []
    for p in perspectives:
        mine = [
            c
            for c in claims
            if (a := assignments.get(c.id)) is not None
            and a.perspective == p.id
            and a.confidence >= present_confidence
        ]

        def own(c: Claim, pid: str = p.id) -> bool:
            """In the perspective's own words: a direct quote of one of its speakers, or
            the assertion of an outlet that holds it."""
            speaker = speakers.get(c.speaker_id)
            member = members.lookup(speaker) if speaker is not None else None
            is_member = member is not None and member[0] == pid
            if c.speaker_kind == "outlet":
                return is_member or articles[c.article_id].perspective == pid
            return c.attribution == "direct" and (
                is_member or speaker_side.get(c.speaker_id) == pid
            )

        words = sum(words_of[c.id] for c in mine)
        distinct = sorted({canonical_of.get(c.id, c.id) for c in mine})
        strongest = None
        if distinct:
            strongest = max(
                distinct,
                key=lambda n: (
                    _prevalence(graph, n),
                    -distinct.index(n),
                ),
            )
        rows.append(
            {
                "def": p,
                "claims": len(mine),
                "distinct": len(distinct),
                "quotes": sum(1 for c in mine if c.attribution == "direct"),
                "own": sum(1 for c in mine if own(c)),
                "reported": sum(1 for c in mine if c.attribution == "indirect"),
                # the most heard first, so that the first few an editor sees are the
                # side's main voices ("Anthropic, Jack Clark, OpenAI", not "academic
                # studies, Anthropic, Dario Amodei")
                "speakers": _by_claims([c.speaker for c in mine if _named_voice(c, speakers)]),
                "words": words,
                "share": words / total_words,
                "prominence": _prominence(mine),
                "outlets": _outlets(mine, articles),
                "strongest": strongest,
            }
        )
    heard = [r for r in rows if r["claims"] and r["own"]]
    even = 1 / len(heard) if heard else 1.0
    heard_words = sum(r["words"] for r in heard) or 1
    out = []
    for r in rows:
        p = r["def"]
        share_of_heard = r["words"] / heard_words
        if not r["claims"]:
            status = "missing"
            reason = (
                "declared in the manifest, but no claim in the articles is confidently in it"
                if p.source == "manifest"
                else "no claim in the articles is confidently in it"
            )
        elif not r["own"]:
            status = "paraphrased_only"
            reason = (
                f"{_n(r['claims'], 'claim')}, none in its own words: "
                "only reported or characterised by others, never quoted"
            )
        elif share_of_heard < UNDER_SHARE * even:
            status = "underrepresented"
            reason = (
                f"{share_of_heard:.0%} of the words of the perspectives heard, against an even "
                f"share of {even:.0%}"
            )
        else:
            status = "present"
            reason = f"{_n(r['own'], 'claim')} in its own words"
        out.append(
            PerspectiveBalance(
                id=p.id,
                name=p.name,
                source=p.source,
                status=status,
                reason=reason,
                claims=r["claims"],
                distinct_claims=r["distinct"],
                quotes=r["quotes"],
                own_words=r["own"],
                reported=r["reported"],
                speakers=r["speakers"],
                word_share=round(r["share"], 4),
                words=r["words"],
                prominence=r["prominence"],
                outlets=r["outlets"],
                strongest=r["strongest"],
            )
        )
    return out


# ---------------------------------------------------------------------------- sources


def heard_sources(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: dict[str, Speaker],
    assignments: dict[str, Assignment],
) -> list[Source]:
    """Every speaker the articles hear (outlets and groups named by a quantifier alone,
    "others", left out), with its stakeholder type, its claims quoted and reported, and
    the articles and outlets that carry it; most claims first. ``claims``: those of the
    independent articles (a syndicated copy counts once)."""
    articles = {a.id: a for a in corpus.articles}
    side = speaker_perspectives(claims, assignments)
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.speaker_id in speakers and _named_voice(c, speakers):
            by_speaker[c.speaker_id].append(c)
    out = []
    for sid, mine in by_speaker.items():
        speaker = speakers[sid]
        stype = taxonomy.classify_speaker(speaker.name, speaker.role, speaker.kind)
        out.append(
            Source(
                speaker=speaker.name,
                kind=speaker.kind,
                role=speaker.role,
                stakeholder=taxonomy.BY_ID[stype].label if stype else None,
                perspective=side.get(sid),
                claims=len(mine),
                quotes=sum(1 for c in mine if c.attribution == "direct"),
                reported=sum(1 for c in mine if c.attribution == "indirect"),
                articles=len({c.article_id for c in mine}),
                outlets=_outlets(mine, articles),
                **_prominence(mine),
                framing=framing_counts(mine),
            )
        )
    out.sort(key=lambda x: (-x.claims, -x.quotes, x.speaker.casefold(), x.speaker))
    return out


def source_types(sources: Sequence[Source]) -> list[dict[str, Any]]:
    """Sources by stakeholder type ("Academics and researchers", "Government and elected
    officials"; None where nothing states one): speakers, claims and quotes of each, most
    claims first."""
    rows: dict[str | None, dict[str, Any]] = {}
    for x in sources:
        row = rows.setdefault(
            x.stakeholder, {"stakeholder": x.stakeholder, "speakers": 0, "claims": 0, "quotes": 0}
        )
        row["speakers"] += 1
        row["claims"] += x.claims
        row["quotes"] += x.quotes
    return sorted(
        rows.values(),
        key=lambda r: (-r["claims"], r["stakeholder"] is None, r["stakeholder"] or ""),
    )


def most_heard(sources: Sequence[Source]) -> str:
    """One line on how concentrated the sourcing is: the most heard source's share of the
    attributed claims and of the quotes ("" when no source is heard)."""
    if not sources:
        return ""
    top = sources[0]
    claims = sum(x.claims for x in sources)
    quotes = sum(x.quotes for x in sources)
    line = f"Most heard: {top.speaker}, {top.claims} of {claims} attributed claims"
    if quotes:
        line += f" and {top.quotes} of {quotes} quotes"
    return line + f" ({top.claims / claims:.0%} of the claims)."


# ---------------------------------------------------------------------------- framing

#: A framing finding needs at least this many of a perspective's claims so framed, and
#: at least this many cued claims of the other perspectives to compare with ...
FRAMING_MIN = 2
#: ... and a share of its cued claims so framed this much above the others' share.
FRAMING_MARGIN = 0.2
#: The framings worth an editor's look ("said" is the norm), in the report's order.
MARKED_FRAMINGS = ("distancing", "loaded", "conceding", "endorsing")
_FRAMING_WORDS = {
    "distancing": "verbs that cast doubt",
    "loaded": "loaded verbs",
    "conceding": "verbs of conceding",
    "endorsing": "verbs that present them as fact",
}


_FRAMING_SHORT = {
    "endorsing": "as fact",
    "distancing": "casting doubt",
    "conceding": "conceding",
    "loaded": "loaded",
}


def marked_verbs(counts: dict[str, int]) -> str:
    """A source's claims reported with marked verbs, in words: "2 casting doubt, 1 as
    fact" ("" when every cue is neutral)."""
    return ", ".join(f"{counts[f]} {_FRAMING_SHORT[f]}" for f in MARKED_FRAMINGS if counts.get(f))


def _share_words(count: int, total: int) -> str:
    """ "2 of the 5 claims", "both claims", "all 3 claims"."""
    if count == total:
        return "both claims" if total == 2 else f"all {total} claims"
    return f"{count} of the {total} claims"


def framing_counts(claims: Sequence[Claim]) -> dict[str, int]:
    """``claims`` with a cue, by how the cue frames them (every framing, 0 included)."""
    counts = dict.fromkeys(FRAMINGS, 0)
    for c in claims:
        if c.framing in counts:
            counts[c.framing] += 1
    return counts


def framing_report(
    corpus: Corpus,
    claims: Sequence[Claim],
    perspectives: Sequence[PerspectiveDef],
    assignments: dict[str, Assignment],
) -> dict[str, Any]:
    """``{"perspectives": [{"id", "name", "cued", **counts}], "findings": [...]}``: each
    perspective's claims with a cue (confidently assigned, independent articles) by
    framing, and :func:`framing_gaps`."""
    mine: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        a = assignments.get(c.id)
        if c.framing and a is not None and confidently_assigned(a.perspective, a.confidence):
            mine[a.perspective or ""].append(c)
    rows = [
        {"id": p.id, "name": p.name, "cued": len(mine[p.id]), **framing_counts(mine[p.id])}
        for p in perspectives
        if mine.get(p.id)
    ]
    return {"perspectives": rows, "findings": framing_gaps(corpus, mine, perspectives)}


def framing_gaps(
    corpus: Corpus, cued: dict[str, list[Claim]], perspectives: Sequence[PerspectiveDef]
) -> list[dict[str, Any]]:
    """Where an outlet, or the coverage as a whole, frames one perspective's claims with
    a marked verb (casting doubt, loaded, conceding, presented as fact) notably more
    often than the other perspectives' claims: at least :data:`FRAMING_MIN` of them, a
    share :data:`FRAMING_MARGIN` above the others' share, with at least
    :data:`FRAMING_MIN` cued claims of other perspectives to compare with. ``cued``:
    perspective id -> its claims with a cue. Per outlet first, then the whole coverage
    when it has several outlets; within each, by framing, then the largest gap."""
    articles = {a.id: a for a in corpus.articles}
    names = {p.id: p.name for p in perspectives}
    rows = [(c, pid) for pid in sorted(cued) for c in cued[pid]]
    by_outlet: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
    for c, pid in rows:
        by_outlet[articles[c.article_id].source_label].append((c, pid))
    scopes: list[tuple[str | None, list[tuple[Claim, str]]]] = sorted(
        by_outlet.items(), key=lambda kv: kv[0].casefold()
    )
    if len(by_outlet) > 1:
        scopes.append((None, rows))
    out: list[dict[str, Any]] = []
    for outlet, scoped in scopes:
        found = []
        for framing in MARKED_FRAMINGS:
            for pid in sorted({p for _, p in scoped}):
                theirs = [c for c, p in scoped if p == pid]
                others = [c for c, p in scoped if p != pid]
                hits = [c for c in theirs if c.framing == framing]
                elsewhere = sum(1 for c in others if c.framing == framing)
                if len(hits) < FRAMING_MIN or len(others) < FRAMING_MIN:
                    continue
                gap = len(hits) / len(theirs) - elsewhere / len(others)
                if gap < FRAMING_MARGIN:
                    continue
                cues = sorted({(c.cue or "").lower() for c in hits})
                who = outlet or "The coverage"
                quoted = ", ".join(f"“{cue}”" for cue in cues[:4])
                found.append(
                    {
                        "outlet": outlet,
                        "perspective": pid,
                        "perspective_name": names.get(pid, pid),
                        "framing": framing,
                        "count": len(hits),
                        "of": len(theirs),
                        "others": elsewhere,
                        "others_of": len(others),
                        "gap": round(gap, 4),
                        "cues": cues,
                        "claims": sorted(c.id for c in hits),
                        "text": (
                            f"{who} reports {_share_words(len(hits), len(theirs))} of "
                            f"{names.get(pid, pid)} with {quoted}, "
                            f"{_FRAMING_WORDS[framing]}, against {elsewhere} of the other "
                            f"perspectives' {len(others)}."
                        ),
                    }
                )
        order = {f: i for i, f in enumerate(MARKED_FRAMINGS)}
        found.sort(key=lambda x: (order[x["framing"]], -x["gap"], x["perspective"]))
        out.extend(found)
    return out


def _n(count: int, noun: str) -> str:
    """ "1 claim", "3 claims"."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _mentions_in_articles(v: Voiceless) -> str:
    return f"{_n(len(v.mentions), 'mention')} in {_n(v.articles, 'article')}"


def _prevalence(graph: nx.DiGraph, node: str) -> int:
    if node not in graph:
        return 0
    prev = graph.nodes[node].get("prevalence", {})
    return int(prev.get("speakers", 0)) + int(prev.get("outlets", 0))


# ------------------------------------------------------------ voiceless stakeholders


@dataclass
class _Candidate:
    name: str
    kind: str
    source: str
    type: str | None
    terms: list[str]
    mentions: list[MentionRef] = field(default_factory=list)


def _plural_pattern(term: str) -> str:
    """A regex for a term in the singular or the plural, at word boundaries."""
    term = term.strip().lower()
    words = [re.escape(w) for w in re.split(r"[\s-]+", term) if w]
    if not words:
        return r"(?!x)x"
    last = words[-1]
    stem = last
    if last.endswith("ies"):
        stem = last[:-3] + "(?:y|ies)"
    elif last.endswith("s") and not last.endswith("ss"):
        stem = last[:-1] + "(?:s|es)?"
    else:
        stem = last + "(?:s|es)?"
    body = r"[\s-]+".join([*words[:-1], stem])
    return rf"(?<![\w-]){body}(?![\w-])"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: back to the previous sentence end or line break,
    on to the next one."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    s = left + 1 if left >= 0 else 0
    while s < start and text[s].isspace():
        s += 1
    candidates = [i for p in (". ", "? ", "! ", "\n") if (i := text.find(p, end)) >= 0]
    e = min(candidates) + 1 if candidates else len(text)
    return s, min(e, len(text))


def _ref(article: Article, start: int, end: int, bounds: tuple[int, int]) -> MentionRef:
    s, e = bounds
    return MentionRef(
        article.id,
        start,
        end,
        article.text[start:end],
        " ".join(article.text[s:e].split()),
        s,
        e,
    )


def voiceless_stakeholders(
    corpus: Corpus,
    extraction: Extraction,
    claims: Sequence[Claim],
    speakers: dict[str, Speaker],
) -> list[Voiceless]:
    """Stakeholders talked about but never heard, most discussed first."""
    independent = corpus.independent_articles
    ids = {a.id for a in independent}
    texts = {a.id: a.analysis_text() for a in independent}
    sentences = _claim_sentences(claims)
    voices = [s for s in speakers.values() if s.kind != "outlet"]
    outlets = {(a.outlet or "").casefold() for a in corpus.articles} - {""}

    candidates: list[_Candidate] = []
    for st in corpus.manifest.stakeholders:
        terms = sorted({st.name, *st.terms}, key=str.casefold)
        candidates.append(_Candidate(st.name, st.kind or "group", "manifest", None, terms))
    for stype in taxonomy.TYPES:
        candidates.append(_Candidate(stype.label, "group", "taxonomy", stype.id, list(stype.terms)))
    for cand in candidates:
        pattern = re.compile("|".join(_plural_pattern(t) for t in cand.terms), re.IGNORECASE)
        for a in independent:
            for m in pattern.finditer(texts[a.id]):
                bounds = sentences.get((a.id, m.start())) or _sentence_bounds(
                    texts[a.id], m.start(), m.end()
                )
                cand.mentions.append(_ref(a, m.start(), m.end(), bounds))
    # the most specific first: the manifest's, then the groups the text names itself
    # ("home care workers"), then the taxonomy's broad types ("workers and unions")
    # a group the text names by one of the taxonomy's one-word terms ("policymakers",
    # "officials") is that type, not a more specific group: listed once, under the
    # type; a longer term ("home care workers") names a group more specific than its
    # type ("Workers and unions") and keeps its own entry
    broad = {
        _singular_words(t.casefold()) for st in taxonomy.TYPES for t in st.terms if " " not in t
    }
    text_groups = [
        c
        for c in _text_candidates(corpus, extraction.mentions, ids, outlets)
        if not (c.kind == "group" and _singular_words(c.terms[0].casefold()) in broad)
    ]
    candidates = (
        [c for c in candidates if c.source == "manifest"]
        + text_groups
        + [c for c in candidates if c.source == "taxonomy"]
    )

    out: list[Voiceless] = []
    claimed: set[tuple[str, int, int]] = set()
    in_voiced_claim = _voiced_spans(claims)
    for cand in candidates:
        if not cand.mentions:
            continue
        spans = {(m.article_id, m.start, m.end) for m in cand.mentions}
        if cand.source == "taxonomy" and _overlapping(spans, claimed) * 2 > len(spans):
            continue  # mostly the mentions of a more specific group already judged
        n_sentences = len({(m.article_id, m.sentence_start) for m in cand.mentions})
        if cand.source == "text" and (
            _overlapping(spans, claimed) == len(spans) or n_sentences < MIN_TEXT_MENTIONS
        ):
            continue
        if (
            cand.source == "taxonomy"
            and n_sentences < MIN_TEXT_MENTIONS
            and not any(in_voiced_claim(m) for m in cand.mentions)
        ):
            continue
        if _heard(cand, voices):
            claimed.update((m.article_id, m.start, m.end) for m in cand.mentions)
            continue
        claimed.update((m.article_id, m.start, m.end) for m in cand.mentions)
        mentions = sorted(cand.mentions, key=lambda m: (m.article_id, m.start))
        talked = _talked_about_by(mentions, claims)
        out.append(
            Voiceless(
                name=cand.name,
                kind=cand.kind,
                source=cand.source,
                type=cand.type,
                articles=len({m.article_id for m in mentions}),
                mentions=tuple(mentions),
                talked_about_by=talked,
                terms=tuple(sorted({m.text.lower() for m in mentions})),
            )
        )
    priority = {"manifest": 0, "taxonomy": 1, "text": 1}
    out.sort(key=lambda v: (priority[v.source], -v.articles, -len(v.mentions), v.name.casefold()))
    return out


def _overlapping(spans: set[tuple[str, int, int]], claimed: set[tuple[str, int, int]]) -> int:
    """How many of ``spans`` overlap a span in ``claimed`` (same article)."""
    by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, s, e in claimed:
        by_article[aid].append((s, e))
    return sum(
        1 for aid, s, e in spans if any(s < ce and cs < e for cs, ce in by_article.get(aid, ()))
    )


def _voiced_spans(claims: Sequence[Claim]) -> Callable[[MentionRef], bool]:
    """Is a mention inside a claim that a speaker (not the outlet) makes?"""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in claims:
        if c.speaker_kind != "outlet":
            spans[c.article_id].extend(c.parts or ((c.start, c.end),))

    def inside(m: MentionRef) -> bool:
        return any(s <= m.start < e for s, e in spans.get(m.article_id, ()))

    return inside


def _claim_sentences(claims: Sequence[Claim]) -> dict[tuple[str, int], tuple[int, int]]:
    """Sentence bounds by (article, offset) for every offset inside a claim's sentence."""
    out: dict[tuple[str, int], tuple[int, int]] = {}
    for c in claims:
        for i in range(c.sentence_start, c.sentence_end):
            out.setdefault((c.article_id, i), (c.sentence_start, c.sentence_end))
    return out


_ORG_WORDS = re.compile(
    r"\b(?:Council|Union|University|College|Institute|Association|Trust|Agency|Department|"
    r"Ministry|Commission|Committee|Foundation|Bank|Authority|Board|Office|Court|Congress|"
    r"Parliament|Senate|Pentagon|Administration|Government|Federation|Alliance|Coalition|"
    r"Society|Chamber|Party|Inc|Corp|Ltd|LLC|Group|Labs?)\b"
)
_ACRONYM = re.compile(r"^[A-Z]{3,6}$")


def _text_candidates(
    corpus: Corpus, mentions: Sequence[Mention], ids: set[str], outlets: set[str]
) -> list[_Candidate]:
    """Groups and organisations the parser found, gathered by key (longer names of the
    same group folded into the most frequent: "care workers" into "home care workers")."""
    articles = {a.id: a for a in corpus.articles}
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.article_id not in ids:
            continue
        if m.kind == "organisation" and (
            m.key in outlets or not (_ORG_WORDS.search(m.text) or _ACRONYM.match(m.text))
        ):
            continue
        by_key[(m.kind, m.key)].append(m)
    # fold a group key into a more frequent one it is a suffix of, or that is its suffix
    keys = sorted(by_key, key=lambda k: (-len(by_key[k]), k))
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for k in keys:
        if k[0] != "group" or len(k[1].split()) < 2:
            continue
        for other in keys:
            if other == k or other[0] != "group" or other in target:
                continue
            related = other[1].endswith(" " + k[1]) or k[1].endswith(" " + other[1])
            if related and len(by_key[other]) >= len(by_key[k]) and len(other[1].split()) >= 2:
                target[k] = other
                break
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for k, ms in by_key.items():
        merged[target.get(k, k)].extend(ms)
    out = []
    for (kind, key), ms in sorted(merged.items()):
        surface = Counter(m.text for m in ms).most_common(1)[0][0]
        name = surface[:1].upper() + surface[1:]
        refs = [
            _ref(articles[m.article_id], m.start, m.end, (m.sentence_start, m.sentence_end))
            for m in ms
        ]
        out.append(_Candidate(name, kind, "text", None, [key], refs))
    return out


def _descriptor(speaker: Speaker) -> str:
    return " ".join([speaker.name, speaker.role or "", *speaker.aliases]).lower()


def _heard(cand: _Candidate, voices: Sequence[Speaker]) -> bool:
    """Does some speaker speak as, or for, this candidate?"""
    patterns = [re.compile(_plural_pattern(t), re.IGNORECASE) for t in cand.terms]
    if cand.kind == "organisation":
        key = cand.terms[0]
        return any(
            key in s.name.casefold()
            or key in (s.role or "").casefold()
            or any(key == a.casefold() for a in s.aliases)
            for s in voices
        )
    head_type = _head_type(cand) if cand.source == "text" else None
    modifiers = set(cand.terms[0].split()[:-1]) if cand.source == "text" else set()
    for s in voices:
        desc = _descriptor(s)
        if any(p.search(desc) for p in patterns):
            return True
        stype = taxonomy.classify_speaker(s.name, s.role, s.kind)
        if cand.type and stype == cand.type:
            return True
        # "AI labs", "developers": a speaker of the type the head names, unless the
        # group's own words set it apart ("home care workers" are not a bus union)
        if (
            head_type
            and stype == head_type
            and (not modifiers or modifiers & set(re.findall(r"[\w-]+", desc)))
        ):
            return True
    return False


def _head_type(cand: _Candidate) -> str | None:
    """The taxonomy type whose cues name a text group's head noun ("lab" -> industry)."""
    head = cand.terms[0].split()[-1]
    for stype in taxonomy.TYPES:
        if head in stype.cues or head + "s" in stype.cues:
            return stype.id
    return None


def _talked_about_by(mentions: Sequence[MentionRef], claims: Sequence[Claim]) -> tuple[str, ...]:
    """Who makes the claims that mention the group (the outlet for its own sentences)."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article_id].append(c)
    names: Counter[str] = Counter()
    for m in mentions:
        for c in by_article.get(m.article_id, ()):
            if c.start <= m.start < c.end or (
                c.parts and any(s <= m.start < e for s, e in c.parts)
            ):
                names[c.speaker] += 1
                break
    return tuple(n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])))


# ------------------------------------------------------------------- argument gaps


def _by_claims(names: Sequence[str]) -> tuple[str, ...]:
    """Distinct names, the most frequent first (ties alphabetically)."""
    counts = Counter(names)
    return tuple(sorted(counts, key=lambda n: (-counts[n], n.casefold(), n)))


def confidently_assigned(perspective: str | None, confidence: float | None) -> bool:
    """Whether a claim counts for its perspective: it has one, read at
    :data:`PRESENT_CONFIDENCE` or above (or with no confidence recorded)."""
    return bool(perspective) and (confidence is None or confidence >= PRESENT_CONFIDENCE)


def uncertain_perspective(node: dict[str, Any]) -> bool:
    """Whether a claim node's perspective was read below :data:`PRESENT_CONFIDENCE`: the
    balance does not count it for that perspective, and the map draws it hollow."""
    perspective = node.get("perspective")
    return bool(perspective) and not confidently_assigned(
        perspective, node.get("perspective_confidence")
    )


def unrebutted_attacks(
    graph: nx.DiGraph, perspectives: Sequence[PerspectiveDef]
) -> list[dict[str, Any]]:
    """For each perspective, the strongest claim of another perspective attacking one of
    its claims that nothing contradicts in turn. Attacks the articles signal themselves
    (a named critic, a contrast, an undercut analogy: the edge's ``signals``) rank above
    the model's readings alone; then a claim some voice makes (quoted or reported) above
    the outlets' own narration, so that the perspective is asked to answer a speaker
    rather than a background sentence (on rsi-arms-control the model had read an
    article's opening "Artificial intelligence (AI) is developing at an unprecedented
    pace" as the strongest attack on Yann LeCun's side); then by score times
    prevalence. Only claims confidently
    in the perspective count as its claims (as in the balance:
    :data:`PRESENT_CONFIDENCE`)."""
    names = {p.id: p.name for p in perspectives}
    best: dict[str, tuple[tuple[int, int, float, str, str], dict[str, Any]]] = {}
    for u, v, d in relation_edges(graph, "contradicts"):
        target = graph.nodes[v].get("perspective")
        attacker = graph.nodes[u].get("perspective")
        if not target or target == attacker:
            continue
        if uncertain_perspective(graph.nodes[v]):
            continue
        if attacked(graph, u):
            continue  # answered
        strength = float(d["score"]) * (1 + _prevalence(graph, u))
        voiced = any(a != "outlet" for a in graph.nodes[u].get("attributions", ()))
        key = (1 if d.get("signals") else 0, 1 if voiced else 0, strength, u, v)
        if target not in best or key > best[target][0]:
            best[target] = (key, d)
    out = []
    for pid in sorted(best):
        (_, _, _, u, v), d = best[pid]
        out.append(
            {
                "perspective": pid,
                "perspective_name": names.get(pid, pid),
                "attacker": claim_summary(graph, u),
                "target": claim_summary(graph, v),
                "score": d["score"],
                "attack": d.get("attack"),
                "rationale": d.get("rationale", ""),
                "signals": list(d.get("signals") or ()),
            }
        )
    return out


def load_bearing_single_source(graph: nx.DiGraph, findings: dict[str, Any]) -> list[dict[str, Any]]:
    """Single-source claims that matter: engaged by other claims, key points, statistics."""
    keys = {k["id"] for k in findings.get("key_points", [])}
    out = []
    for item in findings.get("single_source", []):
        d = graph.nodes[item["id"]]
        if item.get("relations", 0) > 0 or item["id"] in keys or d.get("kind") == "statistic":
            out.append(item | {"kind": d.get("kind")})
    return out


def open_questions(
    corpus: Corpus,
    extraction: Extraction,
    claims: Sequence[Claim],
    encode: Encode | None,
) -> list[OpenQuestion]:
    """Questions the articles raise; with ``encode``, the claims closest to each (cosine
    at least :data:`ANSWER_COSINE`) as possible answers, else the question is open."""
    ids = {a.id for a in corpus.independent_articles}
    questions: list[Question] = [q for q in extraction.questions if q.article_id in ids]
    if not questions:
        return []
    answers: list[list[dict[str, Any]]] = [[] for _ in questions]
    if encode is not None and claims:
        qv = encode([q.text for q in questions])
        cv = encode([c.text for c in claims])
        sims = qv @ cv.T
        for i in range(len(questions)):
            order = np.argsort(-sims[i], kind="stable")[:2]
            for j in order:
                if float(sims[i, j]) >= ANSWER_COSINE:
                    c = claims[int(j)]
                    answers[i].append(
                        {
                            "claim_id": c.id,
                            "text": c.text,
                            "speaker": c.speaker,
                            "cosine": round(float(sims[i, j]), 3),
                        }
                    )
    return [
        OpenQuestion(
            q.article_id,
            q.start,
            q.end,
            q.text,
            q.quoted,
            q.heading,
            "possibly_answered" if answers[i] else "open",
            tuple(answers[i]),
        )
        for i, q in enumerate(questions)
    ]


# --------------------------------------------------------------------- suggestions


def _singular_words(name: str) -> str:
    """A group's name with its last word in the singular ("home care workers" ->
    "home care worker")."""
    words = name.split()
    if not words:
        return name
    last = words[-1]
    if last.lower().endswith("ies"):
        last = last[:-3] + "y"
    elif last.lower().endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.lower().endswith("s") and not last.lower().endswith("ss"):
        last = last[:-1]
    words[-1] = last
    return " ".join(words)


def _singular(name: str, *, proper: bool = False) -> str:
    """One member of a group, with its article: "a home care worker"."""
    text = _singular_words(name)
    if not text:
        return name
    if not proper:
        text = _lower_first(text)
    article = "an" if text[:1].lower() in "aeiou" else "a"
    return f"{article} {text}"


def _lower_first(name: str) -> str:
    """ "Home care workers" -> "home care workers"; "AI developers" stays."""
    if name[1:2].isupper():
        return name
    return name[:1].lower() + name[1:]


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _source_for(v: Voiceless) -> str:
    if v.type:
        return taxonomy.BY_ID[v.type].source
    if v.kind == "organisation":
        return f"someone from {v.name}"
    return f"{_singular(v.name)}, or a group that speaks for them"


def suggestions(
    report: GapReport, perspectives: Sequence[PerspectiveDef], corpus: Corpus
) -> list[Suggestion]:
    """The kind of source that would fill each gap, and on what."""
    defs = {p.id: p for p in perspectives}
    texts = report.claim_texts
    out: list[Suggestion] = []
    question = corpus.manifest.question
    for p in report.perspectives:
        d = defs.get(p.id)
        members = ", ".join(d.members[:3]) if d and d.members else ""
        who = f"a voice of {p.name}" + (f" ({members})" if members else "")
        if p.status == "missing":
            on = question or (d.description if d else p.name)
            out.append(
                Suggestion(
                    "missing_perspective",
                    p.name,
                    who,
                    _shorten(on),
                    f"Add {who}, on: {_shorten(on)} (no claim of this perspective in the "
                    "articles).",
                )
            )
        elif p.status in ("paraphrased_only", "underrepresented"):
            on = question or texts.get(p.strongest or "", "") or (d.description if d else p.name)
            how = (
                "in their own words: so far they are only reported by others"
                if p.status == "paraphrased_only"
                else f"at more length: {p.reason}"
            )
            out.append(
                Suggestion(
                    p.status,
                    p.name,
                    who,
                    _shorten(on),
                    f"Quote {who} {how}; on: {_shorten(on)}.",
                    (p.strongest,) if p.strongest else (),
                )
            )
    for v in report.voiceless:
        source = _source_for(v)
        evidence = min(v.mentions, key=lambda m: (len(m.sentence), m.article_id, m.start))
        n = len(v.mentions)
        out.append(
            Suggestion(
                "voiceless",
                v.name,
                source,
                _shorten(evidence.sentence),
                f"Interview {source}: "
                f"{_lower_first(v.name) if v.kind == 'group' else v.name} "
                f"{'are' if v.kind == 'group' else 'is'} mentioned {_n(n, 'time')} "
                f"in {_n(v.articles, 'article')} but never quoted; "
                f"on: “{_shorten(evidence.sentence)}”",
                tuple(f"{m.article_id}:{m.start}-{m.end}" for m in v.mentions[:5]),
            )
        )
    for item in report.unrebutted[:SUGGEST_PER_KIND]:
        target = item["target"]
        who = " or ".join(target["speakers"][:2]) or item["perspective_name"]
        out.append(
            Suggestion(
                "unrebutted",
                item["perspective_name"],
                f"{who}, or another voice of {item['perspective_name']}",
                _shorten(item["attacker"]["text"]),
                f"Ask {who} to answer: “{_shorten(item['attacker']['text'])}” "
                f"({', '.join(item['attacker']['speakers'][:2])}), the strongest unanswered "
                f"attack on {item['perspective_name']}.",
                (item["attacker"]["id"], target["id"]),
            )
        )
    seen = {(s.evidence[:1]) for s in out if s.gap == "unrebutted"}
    for item in report.unanswered_attacks:
        if len([s for s in out if s.gap == "unanswered_attack"]) >= SUGGEST_PER_KIND:
            break
        if (item["attacker"]["id"],) in seen:
            continue
        target = item["target"]
        who = " or ".join(target["speakers"][:2]) or "the claim's speakers"
        out.append(
            Suggestion(
                "unanswered_attack",
                _shorten(target["text"], 80),
                who,
                _shorten(item["attacker"]["text"]),
                f"Put to {who}: “{_shorten(item['attacker']['text'])}”"
                + (
                    f" ({', '.join(item['attacker']['speakers'][:2])})"
                    if item["attacker"].get("speakers")
                    else ""
                )
                + f", which attacks their claim “{_shorten(target['text'], 80)}” and is not "
                "answered.",
                (item["attacker"]["id"], target["id"]),
            )
        )
    for item in report.self_serving[:SUGGEST_PER_KIND]:
        out.append(
            Suggestion(
                "self_serving",
                _shorten(item["text"], 80),
                f"an independent source not tied to {item['benefits']}",
                _shorten(item["text"]),
                f"Check with an independent source: “{_shorten(item['text'])}” rests only on "
                f"{item['benefits']}, who benefits from it.",
                (item["id"],),
            )
        )
    for item in report.single_source[:SUGGEST_PER_KIND]:
        who = ", ".join(item["speakers"][:1]) or "one speaker"
        outlet = ", ".join(item["outlets"][:1]) or "one outlet"
        out.append(
            Suggestion(
                "single_source",
                _shorten(item["text"], 80),
                "a second, independent source",
                _shorten(item["text"]),
                f"Confirm with a second source: “{_shorten(item['text'])}” rests on {who} "
                f"in {outlet} alone.",
                (item["id"],),
            )
        )
    for f in (report.framing or {}).get("findings", [])[:SUGGEST_PER_KIND]:
        out.append(
            Suggestion(
                "framing",
                f["perspective_name"],
                "an editor's check of the reporting verbs",
                ", ".join(f["cues"]),
                f"Check the reporting verbs: {f['text']}",
                tuple(f["claims"]),
            )
        )
    for q in [q for q in report.open_questions if q.status == "open"][:SUGGEST_PER_KIND]:
        out.append(
            Suggestion(
                "open_question",
                _shorten(q.text, 80),
                "a source who can answer it",
                _shorten(q.text),
                f"Find a source who can answer: “{_shorten(q.text)}” (raised, not answered).",
                (f"{q.article_id}:{q.start}-{q.end}",),
            )
        )
    return out


# ------------------------------------------------------------------------ outputs


def gaps_document(report: GapReport, corpus: Corpus) -> dict[str, Any]:
    """``gaps.json`` (schema ``argmap/gaps@1``)."""

    def perspective(p: PerspectiveBalance) -> dict[str, Any]:
        data = asdict(p)
        data["speakers"] = list(p.speakers)
        data["outlets"] = list(p.outlets)
        return data

    def voiceless(v: Voiceless) -> dict[str, Any]:
        data = asdict(v)
        data["mentions"] = [asdict(m) for m in v.mentions]
        data["talked_about_by"] = list(v.talked_about_by)
        data["terms"] = list(v.terms)
        return data

    def question(q: OpenQuestion) -> dict[str, Any]:
        data = asdict(q)
        data["possible_answers"] = list(q.possible_answers)
        return data

    def suggestion(s: Suggestion) -> dict[str, Any]:
        data = asdict(s)
        data["evidence"] = list(s.evidence)
        return data

    def source(x: Source) -> dict[str, Any]:
        data = asdict(x)
        data["outlets"] = list(x.outlets)
        data["marked_verbs"] = marked_verbs(x.framing)
        return data

    counts = Counter(p.status for p in report.perspectives)
    return {
        "schema": GAPS,
        "argmap_version": __version__,
        "corpus": {
            "name": corpus.name,
            "title": corpus.manifest.title,
            "question": corpus.manifest.question,
        },
        "summary": {
            **{status: counts.get(status, 0) for status in STATUSES},
            "voiceless": len(report.voiceless),
            "unanswered_attacks": len(report.unanswered_attacks),
            "unrebutted": len(report.unrebutted),
            "single_source": len(report.single_source),
            "self_serving": len(report.self_serving),
            "open_questions": sum(1 for q in report.open_questions if q.status == "open"),
            "sources": len(report.sources),
            "framing": len((report.framing or {}).get("findings", [])),
        },
        "perspectives": [perspective(p) for p in report.perspectives],
        "voiceless": [voiceless(v) for v in report.voiceless],
        "unanswered_attacks": report.unanswered_attacks,
        "unrebutted": report.unrebutted,
        "single_source": report.single_source,
        "self_serving": report.self_serving,
        "open_questions": [question(q) for q in report.open_questions],
        "suggestions": [suggestion(s) for s in report.suggestions],
        "sources": [source(x) for x in report.sources],
        "source_types": source_types(report.sources),
        "most_heard": most_heard(report.sources),
        "framing": report.framing or {"perspectives": [], "findings": []},
    }


_STATUS_LABEL = {
    "present": "present",
    "underrepresented": "underrepresented",
    "paraphrased_only": "paraphrased only",
    "missing": "missing",
}


def _md(text: str) -> str:
    """Text safe inside Markdown: no HTML, no link or emphasis syntax from an article."""
    text = " ".join(str(text).split())
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


#: gaps.md lists at most this many items of each argument gap (an editor's summary; the
#: most telling first: attacks the text signals, then by score); gaps.json and
#: gaps.html have them all.
MARKDOWN_ITEMS = 15


def _model_only_tail(attacks: Sequence[dict[str, Any]]) -> bool:
    """Whether the attacks left out of gaps.md are all the model's readings alone."""
    return all(not a.get("signals") for a in attacks[MARKDOWN_ITEMS:])


def _framing_markdown(framing: dict[str, Any]) -> list[str]:
    rows = (framing or {}).get("perspectives", [])
    if not rows:
        return ["No claim of a perspective is reported with a cue."]
    lines = [
        "The reporting verbs of each perspective's claims: neutral (“said”), presented as "
        "fact (“noted”, “revealed”), casting doubt (“claimed”, “insisted”), conceding "
        "(“admitted”), loaded (“boasted”, “slammed”).",
        "",
        "| perspective | claims with a cue | neutral | as fact | doubt | conceding | loaded |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {_md(r['name'])} | {r['cued']} | {r['neutral']} | {r['endorsing']} | "
            f"{r['distancing']} | {r['conceding']} | {r['loaded']} |"
        )
    findings = framing.get("findings", [])
    lines.append("")
    if findings:
        lines += [f"- {_md(f['text'])}" for f in findings]
    else:
        lines.append(
            "No outlet frames one perspective's claims notably differently from the others'."
        )
    return lines


def gaps_markdown(report: GapReport, corpus: Corpus) -> str:
    """The gap report as Markdown for an editor."""
    title = corpus.manifest.title or corpus.name
    lines = [f"# Coverage gaps: {_md(title)}", ""]
    if corpus.manifest.question:
        lines += [f"Question: {_md(corpus.manifest.question)}", ""]
    n_ind = len(corpus.independent_articles)
    lines += [
        f"{len(corpus.articles)} articles ({n_ind} independent), "
        f"{len(report.perspectives)} perspectives, {len(report.voiceless)} voiceless "
        "stakeholders.",
        "",
        "## Perspectives",
        "",
        "| perspective | status | claims | own words | quotes | speakers | share of words | "
        "headlines / lede | outlets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in report.perspectives:
        lines.append(
            f"| {_md(p.name)} | **{_STATUS_LABEL[p.status]}** | {p.claims} | {p.own_words} | "
            f"{p.quotes} | {len(p.speakers)} | {p.word_share:.0%} | "
            f"{p.prominence['headlines']} / {p.prominence['lede']} | "
            f"{_md(', '.join(p.outlets)) or '-'} |"
        )
    lines.append("")
    for p in report.perspectives:
        if p.status != "present":
            lines.append(f"- **{_md(p.name)}**: {_STATUS_LABEL[p.status]}, {_md(p.reason)}.")
    lines += ["", "## Who is heard", ""]
    if not report.sources:
        lines.append("No speaker but the outlets.")
    else:
        types = source_types(report.sources)
        lines.append(
            f"{_n(len(report.sources), 'source')}: "
            + "; ".join(
                f"{_md(t['stakeholder'] or 'type not stated')} {t['speakers']} "
                f"({_n(t['quotes'], 'quote')})"
                for t in types
            )
            + ". "
            + _md(most_heard(report.sources))
        )
        lines += [
            "",
            "| speaker | kind | stakeholder type | perspective | claims | quotes | reported | "
            "marked verbs | articles | headlines / lede | outlets |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        names = {p.id: p.name for p in report.perspectives}
        for x in report.sources[:MARKDOWN_ITEMS]:
            who = _md(x.speaker) + (f" ({_md(x.role)})" if x.role else "")
            side = _md(names.get(x.perspective or "", "-"))
            lines.append(
                f"| {who} | {x.kind} | {_md(x.stakeholder or '-')} | {side} | {x.claims} | "
                f"{x.quotes} | "
                f"{x.reported} | {marked_verbs(x.framing) or '-'} | {x.articles} | "
                f"{x.headlines} / {x.lede} | "
                f"{_md(', '.join(x.outlets))} |"
            )
        if len(report.sources) > MARKDOWN_ITEMS:
            rest = len(report.sources) - MARKDOWN_ITEMS
            lines.append(f"\n… and {rest} more (all in gaps.json and gaps.html)")
    lines += ["", "## How they are reported", "", *_framing_markdown(report.framing)]
    lines += ["", "## Talked about, never heard", ""]
    if not report.voiceless:
        lines.append("Every group the articles talk about is heard.")
    for v in report.voiceless:
        who = ", ".join(v.talked_about_by[:4])
        lines.append(
            f"- **{_md(v.name)}** ({v.kind}, from the {v.source}): "
            f"{_mentions_in_articles(v)}" + (f"; talked about by {_md(who)}" if who else "") + "."
        )
        for m in v.mentions[:3]:
            lines.append(f"  - “{_md(_shorten(m.sentence, 200))}”")

    def section(
        title: str, items: Sequence[Any], line: Callable[[Any], list[str]], what: str = ""
    ) -> None:
        lines.extend(["", title, ""])
        if not items:
            lines.append("None found.")
        for item in items[:MARKDOWN_ITEMS]:
            lines.extend(line(item))
        if len(items) > MARKDOWN_ITEMS:
            rest = len(items) - MARKDOWN_ITEMS
            lines.append(f"- … and {rest} more{what} (all in gaps.json and gaps.html)")

    def said(claim: dict[str, Any], n: int = 2) -> str:
        return _md(", ".join(claim["speakers"][:n]))

    lines += ["", "## Argument gaps"]
    section(
        "### Perspectives whose strongest opposing claim goes unrebutted",
        report.unrebutted,
        lambda i: [
            f"- **{_md(i['perspective_name'])}**: “{_md(_shorten(i['attacker']['text']))}” "
            f"({said(i['attacker'])}) attacks “{_md(_shorten(i['target']['text']))}” "
            f"(score {i['score']:.2f}"
            + (f"; from the text: {_md(', '.join(i['signals']))}" if i.get("signals") else "")
            + ")."
        ],
    )
    section(
        "### Attacks no claim answers",
        report.unanswered_attacks,
        lambda i: [
            f"- “{_md(_shorten(i['attacker']['text']))}” ({said(i['attacker'])}) → "
            f"“{_md(_shorten(i['target']['text']))}” ({i['score']:.2f}"
            + (", tentative" if i.get("tentative") else "")
            + (f"; from the text: {_md(', '.join(i['signals']))}" if i.get("signals") else "")
            + ")"
        ],
        ", read by the model alone" if _model_only_tail(report.unanswered_attacks) else "",
    )
    section(
        "### Resting on one source",
        report.single_source,
        lambda i: [
            f"- “{_md(_shorten(i['text']))}” ({said(i, 1)}, {_md(', '.join(i['outlets'][:1]))})"
        ],
    )
    section(
        "### Resting only on the party they benefit",
        report.self_serving,
        lambda i: [f"- “{_md(_shorten(i['text']))}” ({_md(i['benefits'])})"],
    )
    section(
        "### Questions the articles raise",
        report.open_questions,
        lambda q: [
            f"- “{_md(q.text)}” ({'open' if q.status == 'open' else 'possibly answered'})",
            *(f"  - {_md(a['speaker'])}: “{_md(_shorten(a['text']))}”" for a in q.possible_answers),
        ],
    )
    lines += ["", "## Suggestions", ""]
    if not report.suggestions:
        lines.append("None.")
    for s in report.suggestions:
        lines.append(f"- {_md(s.text)}")
    lines.append("")
    return "\n".join(lines)


def gaps_text(report: GapReport, corpus: Corpus) -> str:
    """What ``argmap gaps`` prints: the headline findings, plain text."""
    title = corpus.manifest.title or corpus.name
    lines = [f"Coverage gaps: {title}", ""]
    width = max((len(p.name) for p in report.perspectives), default=10)
    lines.append("Perspectives")
    for p in report.perspectives:
        lines.append(
            f"  {p.name:{width}}  {_STATUS_LABEL[p.status]:17} {p.claims:3} "
            f"{'claims' if p.claims != 1 else 'claim '} "
            f"{p.own_words:3} own words {p.word_share:5.0%} of words  "
            f"{_n(len(p.outlets), 'outlet')}"
        )
    types = source_types(report.sources)
    lines += ["", f"Who is heard: {_n(len(report.sources), 'source')}"]
    if report.sources:
        lines.append(f"  {most_heard(report.sources)}")
    for t in types:
        lines.append(
            f"  {t['stakeholder'] or 'type not stated'}: {_n(t['speakers'], 'speaker')}, "
            f"{_n(t['claims'], 'claim')}, {_n(t['quotes'], 'quote')}"
        )
    findings = (report.framing or {}).get("findings", [])
    lines += ["", f"How they are reported: {_n(len(findings), 'notable difference')}"]
    lines += [f"  {f['text']}" for f in findings]
    lines += ["", "Talked about, never heard"]
    if not report.voiceless:
        lines.append("  (none)")
    for v in report.voiceless:
        lines.append(f"  {v.name} ({v.source}): {_mentions_in_articles(v)}")
    lines += [
        "",
        f"Unrebutted strongest attacks: {len(report.unrebutted)}; attacks no claim answers: "
        f"{len(report.unanswered_attacks)}; load-bearing single-source claims: "
        f"{len(report.single_source)}; resting only on the party they benefit: "
        f"{len(report.self_serving)}; open questions: "
        f"{sum(1 for q in report.open_questions if q.status == 'open')}",
        "",
        "Suggestions",
    ]
    for s in report.suggestions:
        lines.append(f"  - {' '.join(s.text.split())}")
    return "\n".join(lines) + "\n"


__all__ = [
    "GapReport",
    "Source",
    "find_gaps",
    "framing_gaps",
    "framing_report",
    "gaps_document",
    "gaps_markdown",
    "gaps_text",
    "heard_sources",
    "source_types",
]
