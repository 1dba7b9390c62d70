"""The relation stage: which canonical claims support or contradict which.

1. **Candidates.** Each canonical claim's nearest neighbours in sentence-embedding space
   (:func:`~argmap.relate.candidates.candidate_pairs`, near-linear in the number of
   claims), plus pairs the articles point at: a claim opening with a contrast marker and
   the claims just before it, and what a speaker says right after rejecting something
   ("Mullan rejected the comparison") with the claims of others before it.
2. **Classification.** The shipped relation model reads each pair (both orders
   averaged): probabilities of *supports*, *contradicts*, *unrelated*.
3. **Signals** from the text (:mod:`.signals`: contrast, rejection, undercut of an
   analogy and its defence, negation, disagreeing figures; a figure from the model an
   analogy holds up, for support) raise the probability they point to. A claim that
   names another party's claim ("the council's forecast is far too optimistic") is
   paired with that party's claims of that kind, the model saying which way; a
   speaker answering another by name ("Responding to Sacks, Clark said") is read
   against that speaker's claims. A
   speaker the article names as someone's critic ("Among its critics is David Sacks")
   is read against that party's proposals: the text states the stance, so the model's
   *supports* counts as relatedness, i.e. as *contradicts*.
4. **Direction.** An attack goes from the claim with the signal to its target; else
   from the objection to the proposal (a recommendation) when only one of the two is
   one; else from the later claim to the earlier. Support goes from evidence (a
   statistic, a fact) to what it supports (a recommendation, an evaluation), else from
   the less to the more widely made claim.
5. **Second reading.** An attack the model reads with no signal from the text is read
   again by the stance reader (``argmap/models/stance/``, trained on Perspectrum's
   support / undermine pairs alone) and dropped when it reads the pair as support
   (:data:`STANCE_VETO`); kept, its rationale says "stance reader agrees 0.74".

A relation is kept when its class is *supports* or *contradicts* with probability of
at least :data:`KEEP`, except that the model alone does not make two reports of fact
(kinds in :data:`REPORTS`) contradict each other: such an attack needs a signal from
the text (disagreeing figures, a negation, a contrast ...); nor two claims of one
speaker, unless one of them grants a difficulty or a limit ("is considerably harder to
monitor", "remains speculative": :func:`~argmap.relate.signals.concedes`). Below :data:`FIRM` a
relation is marked tentative. Each claim keeps at most :data:`MAX_PER_CLAIM` relations
of each kind, the strongest. The rationale says what decided it, for an editor:
``contrast: 'However, critics ...'; model contradicts 0.91``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..records import Article, CanonicalClaim, Claim, Relation
from . import signals as sg
from .candidates import candidate_pairs

KEEP = 0.5
FIRM = 0.7
#: A claim keeps at most this many relations of each kind, supports and contradicts (the
#: strongest): in one story nearly every pair of claims is on topic, and a model reads
#: many of them as weak support or attack.
MAX_PER_CLAIM = 3
#: Claim kinds that report rather than argue. On the two sample stories (the project's
#: and rsi-arms-control) the model alone read 47 pairs of them as contradicting. Read
#: by hand, two were attacks ("Kerr also took aim at the claim that the charge would
#: empty the city's shops" against the traders' survey; "its focus on safety predates
#: the current AI boom" against "Anthropic's call for caution comes at a moment when
#: the company itself is benefiting"); the others were facts about one event (a paper
#: co-authored by Favaro and Clark against the post they wrote), a figure and what it
#: is evidence for, or the same sentence twice (a syndicated copy's claim).
REPORTS = frozenset({"fact", "statistic"})
#: An attack the model reads alone is dropped when the stance reader (trained on the
#: Perspectrum support / undermine pairs alone) gives *supports* more than this share of
#: the pair's stance: two readers disagree on which way the pair goes, and in the two
#: stories at hand most such attacks were same-side pairs ("Quarterly revenue surpassed
#: $10 billion" against "Its revenue growth has been equally dramatic", docs/graph.md).
STANCE_VETO = 0.5
#: Signals that say two claims are related but not which way: an attack with no other
#: signal is still the model's reading, and read again.
UNDIRECTED = frozenset({"reference"})
#: Signals that speak for support (the others speak for an attack).
SUPPORTING = frozenset({"precedent"})
NEIGHBOURS = 10
MIN_COSINE = 0.35
#: How far back (in claims of the same article) a contrast or a rejection reaches.
WINDOW = 3
_EVIDENCE_RANK = {
    "statistic": 0,
    "fact": 0,
    "causal": 1,
    "prediction": 2,
    "evaluation": 2,
    "recommendation": 3,
}


@dataclass
class _Pair:
    a: int
    b: int
    cosine: float
    signals: list[tuple[int, sg.Signal, str]]  # (attacker index, signal, quote)


def canonical_vectors(
    canonical: Sequence[CanonicalClaim], claims: Sequence[Claim], vectors: np.ndarray
) -> np.ndarray:
    """One unit vector per canonical claim: the mean of its occurrences' vectors."""
    row = {c.id: i for i, c in enumerate(claims)}
    out = np.zeros((len(canonical), vectors.shape[1] if len(vectors) else 384), dtype=np.float32)
    for k, canon in enumerate(canonical):
        v = vectors[[row[i] for i in canon.claim_ids]].mean(axis=0)
        out[k] = v / (np.linalg.norm(v) or 1.0)
    return out


def relate_claims(
    canonical: Sequence[CanonicalClaim],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    vectors: np.ndarray,
    model: Any,
    *,
    neighbours: int = NEIGHBOURS,
    min_cosine: float = MIN_COSINE,
    max_per_claim: int = MAX_PER_CLAIM,
    stance: Any = None,
) -> list[Relation]:
    """Relations between canonical claims (see the module docstring). ``stance``, a
    second reader of the same interface as the model (argmap passes the shipped stance
    reader), gets the last word on attacks the model reads alone (step 5)."""
    if len(canonical) < 2:
        return []
    cvec = canonical_vectors(canonical, claims, vectors)
    index = {k.id: n for n, k in enumerate(canonical)}
    canon_of = {cid: k.id for k in canonical for cid in k.claim_ids}
    pairs: dict[tuple[int, int], _Pair] = {}
    for i, j, cos in candidate_pairs(cvec, k=neighbours, min_cosine=min_cosine):
        pairs[(i, j)] = _Pair(i, j, cos, [])
    # an argument from analogy meets every claim that names what it compares with
    analogies: dict[str, list[int]] = defaultdict(list)
    for n, k in enumerate(canonical):
        for entity in sg.analogy_entities(k.text):
            analogies[entity].append(n)
    for entity, targets in sorted(analogies.items()):
        mentions = [n for n, k in enumerate(canonical) if sg._mentions(k.text, entity)][:50]
        for t in targets[:20]:
            for n in mentions:
                if n != t:
                    key = (min(n, t), max(n, t))
                    if key not in pairs:
                        pairs[key] = _Pair(key[0], key[1], float(cvec[key[0]] @ cvec[key[1]]), [])
    found = _discourse_signals(claims, articles, canon_of, index)
    found += _critic_signals(claims, articles, canon_of, index, cvec)
    parties = _parties(claims, canon_of, index)
    found += _reference_signals(claims, canonical, canon_of, index, cvec, parties)
    found += _answer_signals(claims, articles, canon_of, index, cvec, parties)
    found += _alternative_signals(claims, articles, canon_of, index, analogies)
    for attacker, target, signal, quote in found:
        key = (min(attacker, target), max(attacker, target))
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = _Pair(key[0], key[1], float(cvec[key[0]] @ cvec[key[1]]), [])
        pair.signals.append((attacker, signal, quote))
    text_of = {c.id: c.text for c in claims}
    occurrences = [sorted({text_of[i] for i in k.claim_ids}) for k in canonical]
    # text-pair signals: undercut of an analogy and its defence, negation, disagreeing
    # figures
    for pair in pairs.values():
        ta, tb = canonical[pair.a].text, canonical[pair.b].text
        for attacker, x, y in ((pair.a, ta, tb), (pair.b, tb, ta)):
            for s in (sg.undercut(x, y), sg.defence(x, y)):
                if s is not None:
                    pair.signals.append((attacker, s, ""))
            if canonical[attacker].kind in REPORTS:
                # any occurrence may name the place ("Traffic in its zone" restates
                # "Traffic in Hallerby's zone")
                for text in dict.fromkeys((x, *occurrences[attacker])):
                    s = sg.precedent(text, y)
                    if s is not None:
                        pair.signals.append((attacker, s, ""))
                        break
        for s in (sg.negation(ta, tb), sg.numbers(ta, tb)):
            if s is not None:
                pair.signals.append((-1, s, ""))
    ordered = sorted(pairs.values(), key=lambda p: (p.a, p.b))
    probs = (
        model.predict([(canonical[p.a].text, canonical[p.b].text) for p in ordered])
        if ordered
        else []
    )
    first = _first_positions(canonical, claims, articles)
    decided: list[tuple[_Pair, Relation]] = []
    for pair, prob in zip(ordered, probs, strict=True):
        relation = _decide(pair, prob, canonical, first)
        if relation is not None:
            decided.append((pair, relation))
    kept = _second_reading(decided, canonical, stance) if stance is not None else decided
    out = strongest_per_claim([r for _, r in kept], max_per_claim)
    out.sort(key=lambda r: (index[r.target], index[r.source]))
    return out


def _second_reading(
    decided: list[tuple[_Pair, Relation]], canonical: Sequence[CanonicalClaim], stance: Any
) -> list[tuple[_Pair, Relation]]:
    """Attacks read by the model alone, read again by the stance reader: dropped when it
    reads the pair as support (:data:`STANCE_VETO`), else kept with its reading in the
    rationale. Attacks the text signals and supports are kept as they are."""
    alone = [
        n
        for n, (_, r) in enumerate(decided)
        if r.relation == "contradicts" and not set(r.signals) - UNDIRECTED
    ]
    if not alone:
        return decided
    probs = np.asarray(
        stance.predict(
            [(canonical[decided[n][0].a].text, canonical[decided[n][0].b].text) for n in alone]
        ),
        dtype=np.float64,
    )
    share = probs[:, 1] / np.clip(probs[:, 0] + probs[:, 1], 1e-12, None)
    against = dict(zip(alone, share.tolist(), strict=True))
    out = []
    for n, (pair, relation) in enumerate(decided):
        if n not in against:
            out.append((pair, relation))
        elif 1.0 - against[n] <= STANCE_VETO:
            note = f"{relation.rationale}; stance reader agrees {against[n]:.2f}"
            out.append((pair, replace(relation, rationale=note)))
    return out


def strongest_per_claim(relations: Sequence[Relation], limit: int) -> list[Relation]:
    """Relations kept so that no claim has more than ``limit`` of each kind (supports,
    contradicts): attacks the articles signal first, then the strongest (ties by ids,
    so the choice is stable). The limit is per kind so that the attacks on a story's
    central claim are not crowded out by the many claims that support it, and signalled
    attacks go first so that they are not crowded out by the model's confident
    misreadings ("We have talked about the traffic on this road for twenty years"
    against the traffic forecast, 0.95), which by score alone had pushed both undercuts
    of the sample corpus's analogy out of the graph in one run. Likewise a support the
    text signals (a figure from the model an analogy holds up) goes before supports the
    model reads alone; a relation decided against its signals is ranked by its score."""

    def rank(r: Relation) -> tuple[bool, float, str, str, str]:
        if r.relation == "contradicts":
            signalled = bool(set(r.signals) - SUPPORTING)
        else:
            signalled = bool(set(r.signals) & SUPPORTING)
        return (not signalled, -r.score, r.source, r.target, r.relation)

    ranked = sorted(relations, key=rank)
    count: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for r in ranked:
        if count[(r.source, r.relation)] < limit and count[(r.target, r.relation)] < limit:
            out.append(r)
            count[(r.source, r.relation)] += 1
            count[(r.target, r.relation)] += 1
    return out


def _decide(
    pair: _Pair, prob: Any, canonical: Sequence[CanonicalClaim], first: dict[str, tuple]
) -> Relation | None:
    model = (float(prob[0]), float(prob[1]), float(prob[2]))
    scores = list(model)
    stated = any(signal.stance for _, signal, _ in pair.signals)
    if stated:
        scores = [0.0, model[0] + model[1], model[2]]
    notes: list[str] = []
    attackers: list[int] = []
    attack_kind = "rebut"
    referrers: list[int] = []
    for attacker, signal, quote in pair.signals:
        if signal.relation == "related":
            # the text names the other claim: related, which way is the model's reading
            notes.append(signal.note)
            referrers.append(attacker)
            continue
        k = 1 if signal.relation == "contradicts" else 0
        scores[k] += signal.weight
        notes.append(f"{signal.note}" + (f": '{quote}'" if quote else ""))
        if attacker >= 0 and k == 1:
            attackers.append(attacker)
        if signal.attack:
            attack_kind = signal.attack
    total = sum(scores)
    scores = [s / total for s in scores]
    label = int(np.argmax(scores))
    if label == 2 or scores[label] < KEEP:
        return None
    score = round(scores[label], 4)
    name = "supports" if label == 0 else "contradicts"
    a, b = canonical[pair.a], canonical[pair.b]
    if name == "contradicts" and not pair.signals and {a.kind, b.kind} <= REPORTS:
        return None  # two reports of fact: the model alone does not make an attack
    if (
        name == "contradicts"
        and not {s.name for _, s, _ in pair.signals} - UNDIRECTED
        and set(a.speakers) & set(b.speakers)
        and not (sg.concedes(a.text) or sg.concedes(b.text))
    ):
        return None  # a speaker against themselves, with nothing granted: a misreading
    if name == "contradicts":
        if attackers or referrers:
            by = attackers or referrers
            src = canonical[max(sorted(set(by)), key=by.count)]
        elif (a.kind == "recommendation") != (b.kind == "recommendation"):
            # an objection is raised against a proposal ("harder to monitor than
            # missile silos" against "should agree to verifiable pauses"), whichever
            # article came first
            src = b if a.kind == "recommendation" else a
        else:
            src = max((a, b), key=lambda k: first[k.id])  # the later one answers the earlier
        tgt = b if src is a else a
    elif referrers:
        src = canonical[referrers[0]]  # "the council's forecast is right" supports it
        tgt = b if src is a else a
    else:
        src, tgt = _support_direction(a, b, first)
    reading = (
        f"model related {model[0] + model[1]:.2f}" if stated else f"model {name} {model[label]:.2f}"
    )
    rationale = "; ".join([*dict.fromkeys(notes), reading])
    return Relation(
        source=src.id,
        target=tgt.id,
        relation=name,
        score=score,
        rationale=rationale,
        attack=attack_kind if name == "contradicts" else None,
        signals=tuple(sorted({s.name for _, s, _ in pair.signals})),
        model=tuple(round(x, 4) for x in model),  # type: ignore[arg-type]
        tentative=score < FIRM,
    )


def _support_direction(
    a: CanonicalClaim, b: CanonicalClaim, first: dict[str, tuple]
) -> tuple[CanonicalClaim, CanonicalClaim]:
    """Evidence supports what it is evidence for; else the less widely made claim
    supports the more widely made one; else the later supports the earlier."""
    ra, rb = _EVIDENCE_RANK.get(a.kind, 1), _EVIDENCE_RANK.get(b.kind, 1)
    if ra != rb:
        return (a, b) if ra < rb else (b, a)
    pa, pb = len(a.speakers) + len(a.outlets), len(b.speakers) + len(b.outlets)
    if pa != pb:
        return (a, b) if pa < pb else (b, a)
    return (a, b) if first[a.id] > first[b.id] else (b, a)


def _first_positions(
    canonical: Sequence[CanonicalClaim], claims: Sequence[Claim], articles: Sequence[Article]
) -> dict[str, tuple]:
    """Where each canonical claim is first made: (publication date, article order, offset)."""
    by_article = {a.id: (a.published or "9999", i) for i, a in enumerate(articles)}
    by_claim = {c.id: c for c in claims}
    out = {}
    for k in canonical:
        out[k.id] = min(
            (*by_article[by_claim[i].article_id], by_claim[i].start) for i in k.claim_ids
        )
    return out


def _discourse_signals(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    canon_of: dict[str, str],
    index: dict[str, int],
) -> list[tuple[int, int, sg.Signal, str]]:
    """(attacker, target, signal, quote) from contrast openers and rejections."""
    found: list[tuple[int, int, sg.Signal, str]] = []
    for _, text, items in _claims_by_article(claims, articles):
        rejecting: dict[str, int] = {}  # speaker -> position of their last rejection
        for pos, claim in enumerate(items):
            sentence = text[claim.sentence_start : claim.sentence_end]
            me = index[canon_of[claim.id]]
            earlier = [
                c for c in items[max(0, pos - WINDOW) : pos] if c.speaker_id != claim.speaker_id
            ]
            if sg.contrast_opening(sentence) and (
                # "Critics see X, while supporters argue Y": a sentence opened by its
                # critics contrasts the critics' claims, not every claim in it
                not sg.CRITICS_OPENER.search(sentence)
                or sg.CRITIC_NOUN.search(claim.speaker) is not None
            ):
                opener = " ".join(sentence.split()[:4])
                for other in earlier:
                    if other.attribution == "outlet" and other.kind == "fact":
                        # the narration ("The warning came in a blog post authored by
                        # ..."): a "However" answers what was said, not who said it
                        continue
                    them = index[canon_of[other.id]]
                    if them != me:
                        found.append(
                            (
                                me,
                                them,
                                sg.Signal("contrast", "contradicts", 0.2, "contrast"),
                                opener + " ...",
                            )
                        )
            rejects = sg.REJECTS_EARLIER.search(sentence) is not None
            if rejects and claim.speaker_kind != "outlet":
                rejecting[claim.speaker_id] = pos
            elif rejects:
                # "Mullan rejected the comparison." is the outlet's sentence about Mullan
                for later in items[pos + 1 : pos + 1 + WINDOW]:
                    if later.speaker_id != claim.speaker_id and later.speaker in sentence:
                        rejecting[later.speaker_id] = pos
            since = rejecting.get(claim.speaker_id)
            if since is not None and 0 <= pos - since <= WINDOW and claim.attribution != "outlet":
                quote = " ".join(
                    text[items[since].sentence_start : items[since].sentence_end].split()[:6]
                )
                for other in items[max(0, since - WINDOW) : since]:
                    if other.speaker_id == claim.speaker_id:
                        continue
                    them = index[canon_of[other.id]]
                    if them != me:
                        found.append(
                            (
                                me,
                                them,
                                sg.Signal(
                                    "rejection", "contradicts", 0.25, "answers after rejecting it"
                                ),
                                quote + " ...",
                            )
                        )
    return found


def _claims_by_article(
    claims: Sequence[Claim], articles: Sequence[Article]
) -> list[tuple[str, str, list[Claim]]]:
    """(article id, article text, its claims in text order) for each article with
    claims, in the order its first claim comes in ``claims``."""
    text_of = {a.id: a.text for a in articles}
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article_id].append(c)
    return [
        (aid, text_of[aid], sorted(items, key=lambda c: c.start))
        for aid, items in by_article.items()
    ]


#: How many of the criticised party's claims a critic's claim is read against.
CRITIC_TARGETS = 2


def _critic_signals(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    canon_of: dict[str, str],
    index: dict[str, int],
    cvec: np.ndarray,
) -> list[tuple[int, int, sg.Signal, str]]:
    """(attacker, target, signal, quote) for a speaker the article names as a critic:
    each of the critic's claims in that article is read against the criticised party's
    closest claims there, its proposals first. The criticised party is the article's
    most quoted speaker other than the critic (the article is about them: "its
    critics")."""
    found: list[tuple[int, int, sg.Signal, str]] = []
    for _, text, items in sorted(_claims_by_article(claims, articles), key=lambda g: g[0]):
        voiced = [c for c in items if c.speaker_kind != "outlet"]
        sentences = sorted({(c.sentence_start, c.sentence_end) for c in items})
        critics: dict[str, str] = {}  # speaker id -> the sentence that names them a critic
        for start, end in sentences:
            sentence = text[start:end]
            if not sg.CRITIC_NOUN.search(sentence):
                continue
            for c in voiced:
                if c.speaker_id in critics or c.speaker_kind == "group":
                    continue
                surname = c.speaker.split()[-1] if c.speaker.split() else ""
                if len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", sentence):
                    critics[c.speaker_id] = " ".join(sentence.split()[:6])
        for critic, quote in sorted(critics.items()):
            counts = Counter(c.speaker_id for c in voiced if c.speaker_id != critic)
            if not counts:
                continue
            party = max(sorted(counts), key=lambda k: counts[k])
            theirs = [c for c in items if c.speaker_id == party]
            signal = sg.Signal(
                "critic", "contradicts", 0.3, f"critic of {theirs[0].speaker}", stance=True
            )
            targets = {index[canon_of[c.id]] for c in theirs}
            proposals = {index[canon_of[c.id]] for c in theirs if c.kind == "recommendation"}
            for claim in (c for c in items if c.speaker_id == critic):
                me = index[canon_of[claim.id]]
                ranked = sorted(
                    targets - {me},
                    key=lambda t: (t not in proposals, -float(cvec[me] @ cvec[t]), t),
                )
                for t in ranked[:CRITIC_TARGETS]:
                    found.append((me, t, signal, quote + " ..."))
    return found


#: How many of the named party's claims a claim that names one of theirs is read against.
REFERENCE_TARGETS = 2
_TOKEN = re.compile(r"[a-z][a-z&-]+")


#: Every speaker but the outlets by each word of its name and role, and each speaker's
#: canonical claims (:func:`_parties`).
_Parties = tuple[dict[str, set[str]], dict[str, list[int]]]


def _closest(me: int, targets: set[int], cvec: np.ndarray, limit: int) -> list[int]:
    """The ``limit`` of ``targets`` closest to claim ``me`` (ties by index)."""
    return sorted(targets, key=lambda t: (-float(cvec[me] @ cvec[t]), t))[:limit]


def _parties(claims: Sequence[Claim], canon_of: dict[str, str], index: dict[str, int]) -> _Parties:
    """Every speaker but the outlets by each word of its name and role, and each
    speaker's canonical claims (in the order first made). Computed once per run for the
    reference and answer signals."""
    by_word: dict[str, set[str]] = defaultdict(set)
    mine: dict[str, list[int]] = defaultdict(list)
    for c in claims:
        if c.speaker_kind == "outlet" and c.attribution == "outlet":
            continue
        for word in _TOKEN.findall(f"{c.speaker} {c.speaker_role or ''}".lower()):
            by_word[word].add(c.speaker_id)
        n = index[canon_of[c.id]]
        if n not in mine[c.speaker_id]:
            mine[c.speaker_id].append(n)
    return by_word, mine


def _answer_signals(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    canon_of: dict[str, str],
    index: dict[str, int],
    cvec: np.ndarray,
    parties: _Parties,
) -> list[tuple[int, int, sg.Signal, str]]:
    """(attacker, target, signal, quote) for a speaker the article has answer another by
    name ("Responding to Sacks, Clark said ...", "Pryce hit back at Mullan"): each of
    the answering speaker's claims in that sentence is read against the closest
    :data:`CRITIC_TARGETS` claims of the speaker named (by a word of its name or role),
    in any article."""
    by_word, mine = parties
    text_of = {a.id: a.text for a in articles}
    found: list[tuple[int, int, sg.Signal, str]] = []
    for claim in claims:
        if claim.speaker_kind == "outlet":
            continue
        sentence = text_of[claim.article_id][claim.sentence_start : claim.sentence_end]
        me = index[canon_of[claim.id]]
        for name in sg.answered(sentence):
            party = sorted(by_word.get(name.lower(), set()) - {claim.speaker_id})
            targets = {t for s in party for t in mine[s] if t != me}
            signal = sg.Signal("answer", "contradicts", 0.25, f"answers {name}")
            quote = " ".join(sentence.split()[:6]) + " ..."
            for t in _closest(me, targets, cvec, CRITIC_TARGETS):
                found.append((me, t, signal, quote))
    return found


def _reference_signals(
    claims: Sequence[Claim],
    canonical: Sequence[CanonicalClaim],
    canon_of: dict[str, str],
    index: dict[str, int],
    cvec: np.ndarray,
    parties: _Parties,
) -> list[tuple[int, int, sg.Signal, str]]:
    """(referrer, target, signal, quote) for a claim that names another party's claim
    ("the council's forecast is far too optimistic"): read against that party's closest
    claims of the kind the noun names (a forecast: predictions and statistics), in any
    article. The party is every speaker whose name or role has the possessor's word
    ("council": Wrenhaven City Council, and Tidewell Associates, "consultancy that
    modelled the scheme for the council"). The text says the two are related, not
    which way: the signal adds to neither class, and an attack it points to is still
    read again by the stance reader."""
    by_word, mine = parties
    found: list[tuple[int, int, sg.Signal, str]] = []
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        named = sg.references(claim.text)
        if not named:
            continue
        me = index[canon_of[claim.id]]
        for owner, _, kinds, words in named:
            party = sorted(by_word.get(owner.lower(), ()))
            targets = {
                t
                for s in party
                if s != claim.speaker_id
                for t in mine[s]
                if t != me and (kinds is None or canonical[t].kind in kinds)
            }
            signal = sg.Signal("reference", "related", 0.0, f"names {words}")
            for t in _closest(me, targets, cvec, REFERENCE_TARGETS):
                if (me, t) not in seen:
                    seen.add((me, t))
                    found.append((me, t, signal, ""))
    return found


def _alternative_signals(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    canon_of: dict[str, str],
    index: dict[str, int],
    analogies: dict[str, list[int]],
) -> list[tuple[int, int, sg.Signal, str]]:
    """(attacker, target, signal, quote) for a claim that offers another model without
    naming the one it replaces ("A better guide, she said, is Dunmore"): it undercuts
    the arguments from the analogy its article's claims just before it discuss
    (Hallerby), wherever they are made."""
    found: list[tuple[int, int, sg.Signal, str]] = []
    for _, _, items in _claims_by_article(claims, articles):
        for pos, claim in enumerate(items):
            if not sg.ALTERNATIVE.search(claim.text):
                continue
            before = " ".join(c.text for c in items[max(0, pos - WINDOW) : pos])
            me = index[canon_of[claim.id]]
            for entity in sorted(analogies):
                if not sg._mentions(before, entity) or sg._mentions(claim.text, entity):
                    continue
                signal = sg.Signal(
                    "undercut",
                    "contradicts",
                    0.35,
                    f"offers another model than {entity}",
                    attack="undercut",
                )
                for t in analogies[entity][:20]:
                    if t != me:
                        found.append((me, t, signal, ""))
    return found
