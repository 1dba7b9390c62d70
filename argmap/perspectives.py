"""A perspective for every claim, with a confidence and the evidence for it.

With a manifest (``[[perspectives]]`` in ``argmap.toml``), in this order:

1. the speaker is a **member** (by name, alias, or surname of a person member), or a
   person whose stated role names a member organisation ("co-founder, Anthropic");
2. an outlet's own claim takes the **outlet's** perspective (``[[outlets]]``);
3. otherwise by **content**: what the speaker argues (all their claims together; an
   outlet's claims one by one) is compared with each perspective's name and
   description, by sentence similarity and by a model's reading of whether the claim
   argues the perspective (by default the relation model; the key-point matcher,
   ``argmap/models/matcher``, can be passed instead). Below a floor, the claim keeps no
   perspective (a neutral statement of fact).

Without a manifest, perspectives are **discovered**: speakers are grouped by who they
are (their stakeholder type, from :mod:`argmap.taxonomy`, and the organisation they
speak for) and by what they argue (how close their claims are, and whether the relation
stage found their claims supporting or contradicting each other's); each group is named
by its stakeholder type in words an editor understands, and described by its most
central claim. Claims are then assigned as with a manifest.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import taxonomy
from .records import Assignment, Claim, Corpus, PerspectiveDef, Relation, Speaker

#: A content match needs at least this combined score (cosine + matcher margin).
CONTENT_FLOOR = 0.32
#: ... and to beat the next perspective by this much.
CONTENT_MARGIN = 0.04
#: The model reads this many perspectives per claim, the closest by cosine.
MATCHER_TOP = 2
#: A claim's score against a perspective: the cosine plus this much of the model's
#: *supports* minus *contradicts* (:func:`content_scores`).
MODEL_WEIGHT = 0.5
_NORMALISE = re.compile(r"[^a-z0-9& ]+")


def normalise_name(name: str) -> str:
    text = _NORMALISE.sub(" ", name.casefold())
    text = re.sub(r"^the ", "", " ".join(text.split()))
    return text


#: Words of a perspective's name that say nothing about who is in it.
_NAME_FILLER = frozenset("the and of from for in on at a an who with its their".split())


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _plain_words(name: str) -> list[str]:
    """A name's words, normalised, hyphens split: "City-centre traders" -> [city,
    centre, traders]."""
    return normalise_name(name.replace("-", " ")).split()


def _name_words(name: str) -> frozenset[str]:
    """A name's content words, singular: "City-centre traders" -> {city, centre, trader}."""
    return frozenset(_singular(w) for w in _plain_words(name) if w not in _NAME_FILLER)


#: Words after which a name goes on about its head ("Drivers from the outer estates").
_POSTMODIFIER = frozenset("from of in for at on with who that".split())


def _head_word(name: str) -> str:
    """The noun a name is about: its last word, or the last before a postmodifier
    ("Drivers from the outer estates" -> driver); "Parents can save money" -> money, so
    a statement names no group."""
    words = _plain_words(name)
    for k, w in enumerate(words):
        if w in _POSTMODIFIER and k > 0:
            return _singular(words[k - 1])
    return _singular(words[-1]) if words else ""


@dataclass
class MemberIndex:
    """Perspective members by normalised name, person members by surname, and the words
    of each perspective's name (for a group speaker named as the perspective)."""

    names: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    name_words: list[tuple[frozenset[str], str, str, str]] = field(default_factory=list)

    @classmethod
    def build(cls, perspectives: Sequence[PerspectiveDef]) -> MemberIndex:
        index = cls()
        for p in perspectives:
            for member in p.members:
                key = normalise_name(member)
                index.names.setdefault(key, p.id)
                words = key.split()
                if len(words) >= 2:
                    index.surnames[words[-1]].add(p.id)
            if p.source != "discovered":  # a discovered name lists its members already
                index.name_words.append((_name_words(p.name), _head_word(p.name), p.id, p.name))
        return index

    def named_group(self, speaker: Speaker) -> tuple[str, str] | None:
        """A group speaker that the name of exactly one perspective names: every word of
        the group's name is in the perspective's, its head noun among them ("traders"
        in "City-centre traders", "drivers" in "Drivers from the outer estates",
        "economists" in "Sceptical transport economists"; not "open-source developers"
        in "Frontier AI developers", nor "others"). Manifest perspectives only."""
        if speaker.kind != "group" or unnamed_group(speaker):
            return None
        words = _name_words(speaker.name)
        if not words:
            return None
        hits = [(pid, name) for have, head, pid, name in self.name_words if head in words <= have]
        if len(hits) != 1:
            return None
        return hits[0][0], f"named as the perspective: '{speaker.name}' in '{hits[0][1]}'"

    def lookup(self, speaker: Speaker) -> tuple[str, str] | None:
        for name in (speaker.name, *speaker.aliases):
            key = normalise_name(name)
            if key in self.names:
                return self.names[key], f"member: {speaker.name}"
        if speaker.kind == "person":
            words = normalise_name(speaker.name).split()
            if words and len(self.surnames.get(words[-1], ())) == 1:
                (pid,) = self.surnames[words[-1]]
                return pid, f"member: {speaker.name}"
        if speaker.role:
            role = normalise_name(speaker.role)
            for key, pid in sorted(self.names.items()):
                if len(key) > 3 and re.search(rf"\b{re.escape(key)}\b", role):
                    return pid, f"speaks for a member: {speaker.role}"
        return None


def assign_perspectives(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: Sequence[Speaker],
    vectors: np.ndarray,
    *,
    embedder: Any,
    matcher: Any = None,
    relations: Sequence[Relation] = (),
    claim_to_canonical: dict[str, str] | None = None,
) -> tuple[list[PerspectiveDef], dict[str, Assignment]]:
    """The perspectives of a corpus and an :class:`Assignment` for every claim."""
    perspectives = list(corpus.manifest.perspectives)
    if not perspectives:
        perspectives = discover(
            corpus,
            claims,
            speakers,
            vectors,
            relations=relations,
            claim_to_canonical=claim_to_canonical,
        )
    if not perspectives:
        return [], {c.id: Assignment(None, 0.0, "no perspectives") for c in claims}
    return perspectives, _assign(corpus, claims, speakers, vectors, perspectives, embedder, matcher)


def _assign(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: Sequence[Speaker],
    vectors: np.ndarray,
    perspectives: Sequence[PerspectiveDef],
    embedder: Any,
    matcher: Any,
) -> dict[str, Assignment]:
    index = MemberIndex.build(perspectives)
    by_speaker = {s.id: s for s in speakers}
    articles = {a.id: a for a in corpus.articles}
    known = {p.id for p in perspectives}
    out: dict[str, Assignment] = {}
    pending: list[int] = []
    for i, claim in enumerate(claims):
        speaker = by_speaker.get(claim.speaker_id)
        member = index.lookup(speaker) if speaker is not None else None
        if member is not None:
            out[claim.id] = Assignment(member[0], 0.95, member[1])
            continue
        named = index.named_group(speaker) if speaker is not None else None
        if named is not None:
            out[claim.id] = Assignment(named[0], NAMED_GROUP_CONFIDENCE, named[1])
            continue
        article = articles[claim.article_id]
        if claim.speaker_kind == "outlet" and article.perspective in known:
            out[claim.id] = Assignment(article.perspective, 0.8, f"outlet: {claim.speaker}")
            continue
        pending.append(i)
    if pending:
        out.update(_by_content(claims, vectors, pending, perspectives, embedder, matcher))
    return out


#: The confidence of a group speaker's claim in the perspective whose name names it:
#: below a member's (0.95), as an outlet's own perspective (0.8).
NAMED_GROUP_CONFIDENCE = 0.8


def _same_text(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


#: Penn tags of a finite verb: what makes a perspective's name a statement.
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def states_a_point(p: PerspectiveDef, nlp: Any) -> bool:
    """Whether a perspective is written as one point ("School uniforms save costs"), as
    a key point is, rather than as a side described in words ("Frontier AI developers":
    labs that ...). It is when its description repeats its name, or when it has no
    description and its name is a statement: a finite verb at its root ("Celibacy is
    outdated"), not a label ("Open-source developers", "Labs that build frontier
    models"). ``nlp`` parses the name (the corpus's spaCy pipeline)."""
    name, description = p.name.strip(), p.description.strip()
    if description:
        return _same_text(name, description)
    if not name:
        return False
    for token in nlp(name):
        if token.dep_ == "ROOT":
            return token.tag_ in _FINITE or any(
                c.dep_ in ("aux", "auxpass", "cop") and c.tag_ in _FINITE for c in token.children
            )
    return False


def written_as_points(perspectives: Sequence[PerspectiveDef], nlp: Any) -> bool:
    """Whether every declared perspective :func:`states_a_point` (then the key-point
    matcher reads claims against them: ``RunOptions(perspectives_by="auto")``)."""
    return bool(perspectives) and all(states_a_point(p, nlp) for p in perspectives)


def _embedding_text(p: PerspectiveDef) -> str:
    """What a perspective is compared with by sentence similarity: its name and
    description ("Frontier AI developers. Labs that ..."), the name once when the
    description only repeats it."""
    name, description = p.name.strip(), p.description.strip()
    if not description or _same_text(name, description):
        return name or description
    return f"{name}. {description}"


def _model_text(p: PerspectiveDef) -> str:
    """What the model reads for a perspective: the description, which says what the side
    holds (the name is a label, "Frontier AI developers"), or the name when there is no
    description. The models were trained on (argument, key point) and (claim,
    perspective) pairs, one statement each; a statement written twice ("X. X") reads
    to them as agreeing with almost anything."""
    return p.description.strip() or p.name.strip()


def content_scores(
    sims: np.ndarray, top: np.ndarray, probs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's score against each perspective (cosine, plus half the model's
    *supports* minus *contradicts* where the model read the pair) and the model's
    *supports*. ``top[k]``: the perspectives read for claim ``k``; ``probs[k, j]``:
    the model's reading of claim ``k`` against ``top[k, j]``."""
    scores = sims.copy()
    support = np.zeros_like(sims)
    for k in range(len(top)):
        for j, p in enumerate(top[k]):
            sup, con = float(probs[k, j, 0]), float(probs[k, j, 1])
            scores[k, p] += MODEL_WEIGHT * (sup - con)
            support[k, p] = sup
    return scores, support


def best_perspective(mean: np.ndarray) -> tuple[int, float, float]:
    """The best-scoring perspective of a claim (or a speaker's claims together), its
    score and the runner-up's (-1 when there is none)."""
    order = np.argsort(-mean, kind="stable")
    best = int(order[0])
    second = float(mean[order[1]]) if len(order) > 1 else -1.0
    return best, float(mean[best]), second


def clear_match(top_score: float, second: float) -> bool:
    """Whether the best perspective is close enough, and clear enough of the next."""
    return top_score >= CONTENT_FLOOR and top_score - second >= CONTENT_MARGIN


def _by_content(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    rows: Sequence[int],
    perspectives: Sequence[PerspectiveDef],
    embedder: Any,
    matcher: Any,
) -> dict[str, Assignment]:
    """Score claims against each perspective's name and description; a non-outlet
    speaker's claims are decided together (what the speaker argues)."""
    texts = [_embedding_text(p) for p in perspectives]
    model_texts = [_model_text(p) for p in perspectives]
    pvec = embedder.encode(texts)
    sims = vectors[list(rows)] @ pvec.T  # (n, P)
    scores = sims.copy()
    support = np.zeros_like(sims)
    use_model = matcher is not None and len(perspectives) > 1
    # the evidence names the key-point matcher; the relation model is "model"
    reader = "key-point matcher" if getattr(matcher, "what", "") == "key-point matcher" else "model"
    if use_model:
        # the matcher reads the closest perspectives of each claim
        top = np.argsort(-sims, axis=1, kind="stable")[:, :MATCHER_TOP]
        pairs = [(claims[r].text, model_texts[p]) for k, r in enumerate(rows) for p in top[k]]
        probs = np.asarray(matcher.predict(pairs)).reshape(len(rows), top.shape[1], 3)
        scores, support = content_scores(sims, top, probs)
    groups: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        c = claims[r]
        key = c.id if c.speaker_kind == "outlet" else c.speaker_id
        groups[key].append(k)
    out: dict[str, Assignment] = {}
    for members in groups.values():
        best, top_score, second = best_perspective(scores[members].mean(axis=0))
        margin = top_score - second
        first = claims[rows[members[0]]]
        who = (
            "the outlet's claim"
            if first.speaker_kind == "outlet"
            else f"what {first.speaker} argues"
        )
        if clear_match(top_score, second):
            if use_model:
                # how sure the matcher is that the claim argues the perspective's case
                confidence = round(min(0.9, float(support[members, best].mean())), 3)
            else:
                confidence = round(min(0.85, 0.4 + margin * 2 + (top_score - CONTENT_FLOOR)), 3)
            evidence = (
                f"content: {who} is closest to {perspectives[best].name!r} "
                f"(score {top_score:.2f}, next {second:.2f}"
                + (f", {reader} supports {confidence:.2f}" if use_model else "")
                + ")"
            )
            assignment = Assignment(perspectives[best].id, confidence, evidence)
        else:
            assignment = Assignment(
                None,
                round(max(0.0, 1 - top_score), 3),
                f"content: {who} matches no perspective clearly (best {perspectives[best].name!r}, "
                f"score {top_score:.2f})",
            )
        for k in members:
            out[claims[rows[k]].id] = assignment
    return out


# ---- discovery ---------------------------------------------------------------------------


@dataclass
class _Unit:
    """Speakers that argue as one: an organisation with the people who speak for it."""

    key: str
    speakers: list[Speaker]
    claims: list[int]
    stype: str | None


def discover(
    corpus: Corpus,
    claims: Sequence[Claim],
    speakers: Sequence[Speaker],
    vectors: np.ndarray,
    *,
    relations: Sequence[Relation] = (),
    claim_to_canonical: dict[str, str] | None = None,
) -> list[PerspectiveDef]:
    """Perspectives found in the corpus itself (see the module docstring).

    Units (an organisation with the people who speak for it, a person, a group) merge
    when nothing they say contradicts each other and either they are the same kind of
    stakeholder (and their claims are not notably far apart: cosine no more than half a
    standard deviation below the mean between units), or the relation stage found them
    supporting each other, or their claims are far closer than usual for this story
    (cosine at least two standard deviations above the mean). A group named by its
    stance alone ("critics", "supporters") merges only by the last."""
    units = _units(claims, speakers)
    if not units:
        return []
    centroids = []
    for u in units:
        v = vectors[u.claims].mean(axis=0)
        centroids.append(v / (np.linalg.norm(v) or 1.0))
    cent = np.array(centroids)
    sims = cent @ cent.T
    n = len(units)
    upper = sims[np.triu_indices(n, 1)] if n > 1 else np.zeros(0)
    mean = float(upper.mean()) if upper.size else 0.0
    std = float(upper.std()) if upper.size > 1 else 0.0
    agreement = _agreement(units, claims, relations, claim_to_canonical or {})
    stance = [_stance_group(u) for u in units]
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    candidates = []
    for i in range(n):
        for j in range(i + 1, n):
            z = (float(sims[i, j]) - mean) / std if std > 1e-6 else 0.0
            agree = agreement.get((i, j), 0)
            same_type = units[i].stype is not None and units[i].stype == units[j].stype
            if agree < 0:
                continue
            known = units[i].stype is not None and units[j].stype is not None
            if stance[i] or stance[j] or (known and not same_type):
                # these join another unit only on what they say, never on support: a
                # side named by its stance (one model reading of support had put
                # "critics" of Anthropic into Anthropic's perspective on
                # rsi-arms-control), and two kinds of stakeholder ("academic studies"
                # had joined Anthropic: an academic study's evidence is no company's
                # voice)
                if z >= 2.0:
                    candidates.append((z + agree, i, j))
                continue
            if (same_type and z >= -0.5) or (agree >= 1 and z >= 0.0) or z >= 2.0:
                candidates.append((z + agree, i, j))
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in candidates:
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        members_i = [k for k in range(n) if root(k) == ri]
        members_j = [k for k in range(n) if root(k) == rj]
        if any(agreement.get((min(a, b), max(a, b)), 0) < 0 for a in members_i for b in members_j):
            continue  # someone in one contradicts someone in the other
        parent[rj] = ri
    clusters: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        clusters[root(k)].append(k)
    ranked = sorted(
        clusters.values(), key=lambda ks: (-sum(len(units[k].claims) for k in ks), ks[0])
    )
    named = [(_cluster_label(units, ks), ks) for ks in ranked]
    counts = Counter(label for label, _ in named)
    # two sides of one stakeholder type: one made only of groups the articles name
    # ("observers") is named by them ("Observers", not "Analysts and consultants:
    # observers"), which may leave the type's name to the other
    named = [
        (_group_label(units, ks) or label, ks) if counts[label] > 1 else (label, ks)
        for label, ks in named
    ]
    counts = Counter(label for label, _ in named)
    found: list[PerspectiveDef] = []
    for label, ks in named:
        members = [s for k in ks for s in units[k].speakers]
        head = _lead_names(members)
        name = label if counts[label] == 1 else f"{label}: {head}"
        rows = [r for k in ks for r in units[k].claims]
        central = _central_claim(rows, vectors, claims)
        description = f"Voices: {head}. Central claim: “{_shorten(claims[central].text, 160)}”"
        found.append(
            PerspectiveDef(
                id=_slug(name),
                name=name,
                description=description,
                members=tuple(sorted({s.name for s in members})),
                source="discovered",
            )
        )
    return _unique_ids(found)


#: Groups the articles name by their stance on the story ("critics", "supporters").
_STANCE_GROUP = re.compile(
    r"^(?:critics?|opponents?|detractors?|sceptics?|skeptics?|supporters?|proponents?|"
    r"backers?|advocates?|defenders?)$",
    re.IGNORECASE,
)


def _stance_group(unit: _Unit) -> bool:
    """A unit of one group speaker named by its stance alone ("critics")."""
    return len(unit.speakers) == 1 and (
        unit.speakers[0].kind == "group" and bool(_STANCE_GROUP.match(unit.speakers[0].name))
    )


def _cluster_label(units: Sequence[_Unit], ks: Sequence[int]) -> str:
    """Words an editor understands: the stakeholder type that makes most of the
    members' claims, or, for groups the articles name themselves ("critics",
    "researchers"), those names.

    Types are weighed by claims, not by speakers: on rsi-arms-control three company
    voices with 68 claims had joined three academic ones with 5 ("experts",
    "researchers", "academic studies"), and counting speakers named the side
    "Academics and researchers / Companies and executives", beside another
    "Academics and researchers"."""
    types: Counter[str] = Counter()
    for k in ks:
        if (t := units[k].stype) is not None:
            types[t] += len(units[k].claims)
    if types:
        ranked = sorted(sorted(types), key=lambda t: -types[t])
        if len(ranked) > 1 and 2 * types[ranked[1]] > types[ranked[0]]:
            # a second type makes more than half as many claims as the first: both,
            # not the first by its id ("Companies and executives / Investors" for
            # OpenAI with David Sacks)
            return " / ".join(taxonomy.BY_ID[t].label for t in ranked[:2])
        return taxonomy.BY_ID[ranked[0]].label
    return _group_label(units, ks, only=False) or "Other voices"


def _group_label(units: Sequence[_Unit], ks: Sequence[int], *, only: bool = True) -> str | None:
    """The names of a side's groups as the articles give them ("Critics", "Observers and
    residents"); with ``only``, for a side of groups alone."""
    speakers = [s for k in ks for s in units[k].speakers]
    if only and any(s.kind != "group" for s in speakers):
        return None
    groups = sorted({s.name for s in speakers if s.kind == "group"})
    if not groups:
        return None
    return " and ".join(g[:1].upper() + g[1:] for g in groups[:2])


@functools.cache
def _unnamed_group_words() -> frozenset[str]:
    """Words that make a group speaker no stakeholder at all ("others", "some", "many
    people"): it founds no perspective of its own (one named "Others" tells an editor
    nothing), and its claims are assigned by what they say, as an outlet's are. (Read
    on first use: importing argmap.extract loads spaCy, which this module need not.)"""
    from .extract import lexicon as lx

    return lx.GROUP_QUANTIFIERS | {"people", "person", "one", "ones"}


def unnamed_group(speaker: Speaker) -> bool:
    """A group speaker named by a quantifier alone ("others", "some people")."""
    words = speaker.name.casefold().split()
    unnamed = _unnamed_group_words()
    return speaker.kind == "group" and bool(words) and all(w in unnamed for w in words)


def _units(claims: Sequence[Claim], speakers: Sequence[Speaker]) -> list[_Unit]:
    by_id = {s.id: s for s in speakers}
    orgs = {s.name.casefold(): s for s in speakers if s.kind == "organisation"}
    rows: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.speaker_kind != "outlet" and not (
            c.speaker_id in by_id and unnamed_group(by_id[c.speaker_id])
        ):
            rows[c.speaker_id].append(i)
    units: dict[str, _Unit] = {}
    for sid in sorted(rows, key=lambda s: (by_id[s].name.casefold(), s)):
        speaker = by_id[sid]
        key = sid
        if speaker.kind == "person" and speaker.role:
            # a person who speaks for an organisation argues with it: "co-founder, Anthropic"
            role = speaker.role.casefold()
            for org_name, org in sorted(orgs.items()):
                if re.search(rf"\b{re.escape(org_name)}\b", role) and org.id in rows:
                    key = org.id
                    break
        unit = units.get(key)
        if unit is None:
            head = by_id[key]
            unit = units[key] = _Unit(
                key, [], [], taxonomy.classify_speaker(head.name, head.role, head.kind)
            )
        unit.speakers.append(speaker)
        unit.claims.extend(rows[sid])
        if unit.stype is None:
            unit.stype = taxonomy.classify_speaker(speaker.name, speaker.role, speaker.kind)
    return list(units.values())


def _agreement(
    units: Sequence[_Unit],
    claims: Sequence[Claim],
    relations: Sequence[Relation],
    mapping: dict[str, str],
) -> dict[tuple[int, int], int]:
    """+1 per relation of support between two units' claims, -2 per contradiction."""
    unit_of_canon: dict[str, set[int]] = defaultdict(set)
    for k, u in enumerate(units):
        for r in u.claims:
            unit_of_canon[mapping.get(claims[r].id, claims[r].id)].add(k)
    out: dict[tuple[int, int], int] = defaultdict(int)
    for rel in relations:
        for a in unit_of_canon.get(rel.source, ()):
            for b in unit_of_canon.get(rel.target, ()):
                if a == b:
                    continue
                key = (min(a, b), max(a, b))
                out[key] += 1 if rel.relation == "supports" else -2
    return dict(out)


def _central_claim(rows: Sequence[int], vectors: np.ndarray, claims: Sequence[Claim]) -> int:
    sub = vectors[list(rows)]
    centre = sub.mean(axis=0)
    scores = sub @ centre
    best = max(range(len(rows)), key=lambda k: (round(float(scores[k]), 6), -k))
    return rows[best]


@functools.cache
def _source_words() -> frozenset[str]:
    """Words that make a speaker a document or a body of evidence ("academic studies",
    "the report"): read lazily, as :func:`_unnamed_group_words`."""
    from .extract import lexicon as lx

    return lx.DOCUMENT_NOUNS | lx.EVIDENCE_NOUNS | {"studies", "reports", "papers", "surveys"}


def _lead_names(speakers: Sequence[Speaker]) -> str:
    """Up to three names that stand for a group, people and organisations before
    documents and evidence ("academic studies" is no voice to name a side by; it is
    named only when the group has nothing else)."""
    names = {s.name for s in speakers}
    voices = {n for n in names if n.split()[-1].casefold() not in _source_words()} or names
    ranked = sorted(voices, key=lambda n: (n[:1].islower(), n))
    head = ", ".join(ranked[:3])
    return head + (" and others" if len(names) > 3 or len(voices) < len(names) else "")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "perspective"


def _unique_ids(found: list[PerspectiveDef]) -> list[PerspectiveDef]:
    seen: Counter[str] = Counter()
    out = []
    for p in found:
        seen[p.id] += 1
        pid = p.id if seen[p.id] == 1 else f"{p.id}-{seen[p.id]}"
        out.append(PerspectiveDef(pid, p.name, p.description, p.members, p.source))
    return out


def speaker_perspectives(
    claims: Sequence[Claim], assignments: dict[str, Assignment]
) -> dict[str, str]:
    """Each speaker's most frequent perspective (for speaker nodes)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        a = assignments.get(c.id)
        if a is not None and a.perspective:
            votes[c.speaker_id][a.perspective] += 1
    return {sid: max(sorted(v), key=lambda p: v[p]) for sid, v in votes.items()}


__all__ = ["assign_perspectives", "discover", "normalise_name", "speaker_perspectives"]
