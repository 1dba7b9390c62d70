"""What the explainer page says, built from the analysis: every sentence an article's.

The explainer is extractive. Each sentence it shows is a sentence of an article,
verbatim (attribution included: "Pryce told the meeting that ..."), with the numbers of
the sources that carry it; the template links each number to the source list. Section
headings and counts ("made by 3 speakers in 4 outlets") are argmap's own words.

:func:`explainer_context` returns plain dicts and lists for ``templates/explainer.html``:
``headline``, ``dek``, ``perspectives``, ``not_represented``, ``key_points``,
``timeline``, ``viewpoints``, ``disagreements``, ``unknowns``, ``key_terms``, ``sources``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..extract.dates import resolve_year
from ..gaps import confidently_assigned, uncertain_perspective
from ..graph import claim_nodes
from ..records import Article, Claim

if TYPE_CHECKING:
    from ..pipeline import Analysis

KEY_POINTS = 8
VIEWPOINT_CLAIMS = 5
DISAGREEMENTS = 8
TIMELINE = 14
UNKNOWNS = 8
KEY_TERMS = 8


def _clean(text: str) -> str:
    return " ".join(text.split())


def source_order(articles: Sequence[Article]) -> list[Article]:
    """Independent articles, numbered by date (undated last), then path."""
    independent = [a for a in articles if a.duplicate_of is None]
    return sorted(independent, key=lambda a: (a.published or "9999", a.path))


class _Sentences:
    """Article sentences for claims, with the sources that carry the same words."""

    def __init__(self, articles: Sequence[Article], numbers: dict[str, int]) -> None:
        self.articles = {a.id: a for a in articles}
        self.numbers = numbers
        copies: dict[str, list[str]] = defaultdict(list)
        for a in articles:
            if a.duplicate_of:
                copies[a.duplicate_of].append(a.id)
        self.copies = copies

    def cite(self, article_ids: Sequence[str]) -> list[int]:
        out = set()
        for aid in article_ids:
            art = self.articles.get(aid)
            if art is None:
                continue
            n = self.numbers.get(art.duplicate_of or aid)
            if n is not None:
                out.add(n)
        return sorted(out)

    def of_claim(self, claim: Claim) -> str:
        art = self.articles[claim.article_id]
        return _clean(art.text[claim.sentence_start : claim.sentence_end])

    def span(self, article_id: str, start: int, end: int) -> str:
        return _clean(self.articles[article_id].text[start:end])


def _sentence_item(
    sents: _Sentences, claims: Sequence[Claim], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One sentence for a set of occurrences of a claim: the first independent
    occurrence's sentence, cited by every article that makes the claim."""
    ordered = sorted(
        claims,
        key=lambda c: (
            sents.articles[c.article_id].duplicate_of is not None,
            sents.numbers.get(c.article_id, 999),
            c.start,
        ),
    )
    first = ordered[0]
    item = {
        "text": sents.of_claim(first),
        "cites": sents.cite([c.article_id for c in claims]),
        "speaker": first.speaker if first.speaker_kind != "outlet" else None,
        "quote": first.attribution == "direct",
    }
    return item | (extra or {})


def _prevalence_note(d: dict[str, Any]) -> str:
    p = d["prevalence"]
    speakers, outlets = p["speakers"], p["outlets"]
    if d.get("attributions") == ["outlet"]:
        return f"stated by {outlets} outlet{'s' if outlets != 1 else ''}"
    return (
        f"made by {speakers} speaker{'s' if speakers != 1 else ''} in {outlets} "
        f"outlet{'s' if outlets != 1 else ''}"
    )


_DEFINITION = [
    re.compile(
        r"^(?:In simple words, |Simply put, )?(?P<term>[A-Za-z][\w’'-]*(?: [\w’'-]+){0,4}),? "
        r"(?:often |also |sometimes )?(?:abbreviated as|known as|or) (?P<abbr>[A-Z][\w-]{1,8}),? "
        r"(?:refers to|means|is|describes|are)\b",
    ),
    re.compile(
        r"^(?:In simple words, |Simply put, )?(?P<term>[A-Za-z][\w’'-]*(?: [\w’'-]+){0,4}) "
        r"\((?P<abbr>[A-Z][\w-]{1,8})\),? (?:refers to|means|is|describes|are)\b"
    ),
    re.compile(
        r"^(?P<term>[A-Z][\w’'-]*(?: [\w’'-]+){0,4}) (?:refers to|is defined as|means|describes) "
    ),
    re.compile(r"\b(?:referred to|known) as (?:an? |the )?[‘'\"“](?P<term>[^’'\"”]{3,40})[’'\"”]"),
    re.compile(r"\b(?:This|It|That) is called (?P<term>[a-z][\w -]{3,40}?)[.,]"),
]


def key_terms(sents: _Sentences, claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Terms the articles define: "Recursive self-improvement, often abbreviated as
    RSI, refers to ...", "X (ABBR) means ...", "known as 'an intelligence explosion'"."""
    found: dict[str, dict[str, Any]] = {}
    seen_sentences: set[str] = set()
    for c in sorted(claims, key=lambda c: (sents.numbers.get(c.article_id, 999), c.start)):
        if sents.articles[c.article_id].duplicate_of:
            continue
        sentence = sents.of_claim(c)
        if sentence in seen_sentences:
            continue
        seen_sentences.add(sentence)
        for pattern in _DEFINITION:
            m = pattern.search(sentence)
            if not m:
                continue
            term = m.group("term").strip(" ,")
            if len(term.split()) > 6 or term.lower() in ("it", "this", "that"):
                continue
            abbr = m.groupdict().get("abbr")
            label = f"{term[:1].upper()}{term[1:]}" + (f" ({abbr})" if abbr else "")
            key = term.casefold()
            if key not in found:
                found[key] = {"term": label, "text": sentence, "cites": sents.cite([c.article_id])}
            break
    return list(found.values())[:KEY_TERMS]


def _format_date(iso: str) -> str:
    try:
        if len(iso) == 10:
            d = dt.date.fromisoformat(iso)
            return f"{d.day} {d.strftime('%B')} {d.year}"
        if len(iso) == 7:
            d = dt.date.fromisoformat(iso + "-01")
            return f"{d.strftime('%B')} {d.year}"
    except ValueError:
        pass
    return iso


def timeline(analysis: Analysis, sents: _Sentences) -> list[dict[str, Any]]:
    """Dated sentences in date order; the same sentence in several articles is one
    entry citing them all, a sentence naming several dates is one entry under the
    latest, and each date keeps its two most widely carried sentences."""
    corpus = analysis.corpus
    years = Counter(a.published[:4] for a in corpus.articles if a.published)
    story_year = int(years.most_common(1)[0][0]) if years else None
    by_text: dict[str, dict[str, Any]] = {}
    for ev in analysis.extraction.events:
        art = sents.articles.get(ev.article_id)
        if art is None:
            continue
        date = resolve_year(ev.date, story_year)
        if date.startswith("--"):
            continue
        text = sents.span(ev.article_id, ev.start, ev.end)
        entry = by_text.setdefault(text, {"date": date, "text": text, "articles": []})
        # a sentence that names several dates ("below human quality in late 2025, at
        # parity as of early 2026") is one entry, under the latest: where it says things
        # stand
        entry["date"] = max(entry["date"], date)
        entry["articles"].append(ev.article_id)
    per_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in by_text.values():
        per_date[entry["date"]].append(entry)
    ranked: dict[str, list[dict[str, Any]]] = {
        date: sorted(
            entries,
            key=lambda e: (-len(sents.cite(e["articles"])), len(e["text"]), e["text"]),
        )
        for date, entries in per_date.items()
    }
    # every date once (the most widely carried dates if there are too many), then a
    # second sentence for a date while there is room
    dates = sorted(ranked)
    if len(dates) > TIMELINE:
        keep = sorted(dates, key=lambda d: (-len(sents.cite(ranked[d][0]["articles"])), d))
        dates = sorted(keep[:TIMELINE])
    chosen = [(d, 0) for d in dates]
    for d in dates:
        if len(chosen) >= TIMELINE:
            break
        if len(ranked[d]) > 1:
            chosen.append((d, 1))
    out = []
    for d, k in sorted(chosen):
        e = ranked[d][k]
        out.append(
            {
                "date": d,
                "label": _format_date(d),
                "text": e["text"],
                "cites": sents.cite(e["articles"]),
            }
        )
    return out


def explainer_context(analysis: Analysis) -> dict[str, Any]:
    corpus, g = analysis.corpus, analysis.graph
    ordered = source_order(corpus.articles)
    numbers = {a.id: i + 1 for i, a in enumerate(ordered)}
    sents = _Sentences(corpus.articles, numbers)
    by_claim = {c.id: c for c in analysis.extraction.claims}
    names = {p.id: p.name for p in analysis.perspectives}
    findings = analysis.findings
    gaps = analysis.gaps

    def occurrences(node: str) -> list[Claim]:
        return [
            by_claim[o["claim_id"]]
            for o in g.nodes[node]["occurrences"]
            if o["claim_id"] in by_claim
        ]

    def confident(node: str) -> str | None:
        """The claim's perspective where it was read confidently (as the gap report
        counts it); an uncertain reading is not shown as the claim's side."""
        d = g.nodes[node]
        return None if uncertain_perspective(d) else d.get("perspective")

    def item(node: str, **extra: Any) -> dict[str, Any]:
        d = g.nodes[node]
        pid = confident(node)
        return _sentence_item(
            sents,
            occurrences(node),
            {
                "id": node,
                "perspective": pid,
                "perspective_name": names.get(pid or ""),
                "prevalence": _prevalence_note(d),
                "hedged": bool(d.get("hedged")),
            }
            | extra,
        )

    def rank(node: str) -> tuple:
        d = g.nodes[node]
        engaged = sum(
            1
            for _, _, e in g.in_edges(node, data=True)
            if e.get("type") in ("supports", "contradicts")
        )
        attributed = d["attributions"] != ["outlet"]
        return (
            -(d["prevalence"]["speakers"] + d["prevalence"]["outlets"]),
            -engaged,
            not attributed,
            node,
        )

    claims_by_perspective: dict[str, list[str]] = defaultdict(list)
    for node in claim_nodes(g):
        pid = confident(node)
        if pid:
            claims_by_perspective[pid].append(node)
    status = {p.id: p for p in (gaps.perspectives if gaps else [])}

    perspectives = []
    viewpoints = []
    for p in analysis.perspectives:
        nodes = sorted(claims_by_perspective.get(p.id, []), key=rank)
        # a perspective is best told in its own voice: its members' claims first
        # ("Companies and executives: OpenAI" had been summed up by what "others have
        # suggested"), then other attributed claims; the outlet's only when none is
        members = set(p.members)
        attributed = [n for n in nodes if g.nodes[n]["attributions"] != ["outlet"]]
        voiced = (
            sorted(attributed, key=lambda n: not members & set(g.nodes[n]["speakers"])) or nodes
        )
        bal = status.get(p.id)
        entry = {
            "id": p.id,
            "name": p.name,
            "status": bal.status if bal else ("present" if nodes else "missing"),
            "summary": item(voiced[0]) if voiced else None,
            "claims": bal.claims if bal else len(nodes),
            "speakers": list(bal.speakers) if bal else [],
        }
        perspectives.append(entry)
        if nodes:
            viewpoints.append(entry | {"entries": [item(n) for n in voiced[:VIEWPOINT_CLAIMS]]})

    not_represented = []
    if gaps is not None:
        for bal in gaps.perspectives:
            if bal.status == "missing":
                not_represented.append(
                    {
                        "name": bal.name,
                        "what": "no claim of this perspective in the coverage",
                        "evidence": None,
                    }
                )
            elif bal.status == "paraphrased_only":
                ev = item(bal.strongest) if bal.strongest and bal.strongest in g else None
                not_represented.append(
                    {
                        "name": bal.name,
                        "what": "only reported by others, never in its own words",
                        "evidence": ev,
                    }
                )
        for v in gaps.voiceless[:6]:
            m = min(v.mentions, key=lambda m: (len(m.sentence), m.article_id, m.start))
            not_represented.append(
                {
                    "name": v.name,
                    "what": f"talked about in {v.articles} "
                    f"article{'s' if v.articles != 1 else ''}, never heard",
                    "evidence": {
                        "text": sents.span(m.article_id, m.sentence_start, m.sentence_end),
                        "cites": sents.cite([m.article_id]),
                        "quote": False,
                    },
                }
            )

    key_points = [
        item(k["id"]) for k in findings.get("key_points", [])[:KEY_POINTS] if k["id"] in g
    ]

    disagreements = []
    for c in findings.get("contested", [])[:DISAGREEMENTS]:
        if c["id"] not in g:
            continue
        attackers = []
        for a in c["attacked_by"][:3]:
            if a["id"] in g:
                attackers.append(
                    item(
                        a["id"],
                        attack=a.get("attack"),
                        score=a["score"],
                        rationale=a["rationale"],
                        signals=a.get("signals", []),
                    )
                )
        disagreements.append({"claim": item(c["id"]), "attackers": attackers})

    unknowns = []
    hedged = sorted((n for n in claim_nodes(g) if g.nodes[n].get("hedged")), key=rank)
    for n in hedged[: UNKNOWNS // 2]:
        unknowns.append(item(n) | {"why": "hedged"})
    for a in findings.get("unanswered_attacks", [])[:2]:
        if a["attacker"]["id"] in g:
            unknowns.append(
                item(a["attacker"]["id"]) | {"why": "disputed, with no answer in the coverage"}
            )
    if gaps is not None:
        for q in [q for q in gaps.open_questions if q.status == "open"][:2]:
            unknowns.append(
                {
                    "text": sents.span(q.article_id, q.start, q.end),
                    "cites": sents.cite([q.article_id]),
                    "why": "asked, not answered",
                    "quote": q.quoted,
                }
            )

    sources = []
    copies_of: dict[str, list[Article]] = defaultdict(list)
    for a in corpus.articles:
        if a.duplicate_of:
            copies_of[a.duplicate_of].append(a)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    for c in analysis.extraction.claims:
        if confidently_assigned(c.perspective, c.perspective_confidence):
            words[c.article_id][c.perspective] += len(c.text.split())
    from .netmap import safe_url

    for a in ordered:
        pid = a.perspective or (
            max(sorted(words[a.id]), key=lambda p: words[a.id][p]) if words[a.id] else None
        )
        sources.append(
            {
                "n": numbers[a.id],
                "id": a.id,
                "outlet": a.outlet or a.author or "Unknown outlet",
                "title": a.title or a.path,
                "author": a.author,
                "published": _format_date(a.published) if a.published else None,
                "url": safe_url(a.url),
                "path": a.path,
                "perspective": names.get(pid or ""),
                "perspective_from": "outlet" if a.perspective else ("claims" if pid else None),
                "copies": [c.outlet or c.path for c in copies_of.get(a.id, [])],
            }
        )

    headline = corpus.manifest.title
    dek = None
    if ordered:
        central = Counter()
        for k in findings.get("key_points", []):
            for aid in g.nodes[k["id"]]["articles"] if k["id"] in g else []:
                central[aid] += 1
        lead = max(ordered, key=lambda a: (central[a.id], -numbers[a.id]))
        if not headline:
            headline = lead.title or corpus.name
        first = min(
            (
                c
                for c in analysis.extraction.claims
                if c.article_id == lead.id and not c.in_headline
            ),
            key=lambda c: c.sentence_start,
            default=None,
        )
        if first is not None:
            dek = {"text": sents.of_claim(first), "cites": [numbers[lead.id]]}
    return {
        "headline": headline or corpus.name,
        "question": corpus.manifest.question,
        "dek": dek,
        "perspectives": perspectives,
        "not_represented": not_represented,
        "key_points": key_points,
        "timeline": timeline(analysis, sents),
        "viewpoints": viewpoints,
        "disagreements": disagreements,
        "unknowns": unknowns,
        "key_terms": key_terms(sents, analysis.extraction.claims),
        "sources": sources,
    }
