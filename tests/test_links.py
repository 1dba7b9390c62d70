"""The relation stage's own rules (argmap.relate.links), on hand-built claims: which
relations a claim keeps, which way an attack goes, and what a named critic adds."""

from __future__ import annotations

import numpy as np
from conftest import make_article, make_claim, make_speaker

from argmap.records import CanonicalClaim, Relation
from argmap.relate import signals as sg
from argmap.relate.links import (
    _alternative_signals,
    _answer_signals,
    _critic_signals,
    _decide,
    _discourse_signals,
    _Pair,
    _parties,
    _reference_signals,
    _second_reading,
    strongest_per_claim,
)


def _canon(cid: str, text: str, kind: str, speakers: tuple[str, ...] = ()) -> CanonicalClaim:
    """A canonical claim, by a speaker of its own unless ``speakers`` says otherwise."""
    return CanonicalClaim(
        id=cid,
        text=text,
        representative=f"c-{cid}",
        claim_ids=(f"c-{cid}",),
        kind=kind,
        speakers=speakers or (f"s-{cid}",),
        outlets=("o",),
        articles=("a",),
    )


def _relation(a, b, relation, score, signals=()):
    return Relation(a, b, relation, score, "", signals=signals)


def test_attacks_are_not_crowded_out_by_supports():
    """The limit is per kind: a hub with many strong supporters keeps its attacks."""
    rel = _relation
    relations = [
        rel("k-1", "k-hub", "supports", 0.95),
        rel("k-2", "k-hub", "supports", 0.9),
        rel("k-3", "k-hub", "supports", 0.85),
        rel("k-4", "k-hub", "contradicts", 0.6),
        rel("k-5", "k-hub", "contradicts", 0.55),
        rel("k-6", "k-hub", "contradicts", 0.5),
    ]
    kept = {(r.source, r.relation) for r in strongest_per_claim(relations, 2)}
    assert kept == {
        ("k-1", "supports"),
        ("k-2", "supports"),
        ("k-4", "contradicts"),
        ("k-5", "contradicts"),
    }


def test_signalled_attacks_go_before_the_models_confident_readings():
    """When the limit binds, an attack the text signals (an undercut, a contrast) is
    kept before stronger attacks read by the model alone; supports are ranked by score
    even when a signal was overruled."""
    rel = _relation
    relations = [
        rel("k-1", "k-hub", "contradicts", 0.95),
        rel("k-2", "k-hub", "contradicts", 0.9),
        rel("k-3", "k-hub", "contradicts", 0.6, ("undercut",)),
        rel("k-4", "k-hub", "supports", 0.9),
        rel("k-5", "k-hub", "supports", 0.55, ("contrast",)),
        rel("k-6", "k-hub", "supports", 0.8),
    ]
    kept = {(r.source, r.relation) for r in strongest_per_claim(relations, 2)}
    assert kept == {
        ("k-3", "contradicts"),
        ("k-1", "contradicts"),
        ("k-4", "supports"),
        ("k-6", "supports"),
    }


def test_an_objection_attacks_the_proposal_whichever_came_first():
    proposal = _canon("k-p", "Labs should agree to verifiable pauses", "recommendation")
    objection = _canon("k-o", "Training runs are far harder to monitor than silos", "evaluation")
    # the objection was published first, the proposal later
    first = {"k-o": ("2026-01-01", 0, 0), "k-p": ("2026-02-01", 1, 0)}
    relation = _decide(
        _Pair(0, 1, 0.6, []), np.array([0.1, 0.8, 0.1]), [objection, proposal], first
    )
    assert relation is not None and relation.relation == "contradicts"
    assert (relation.source, relation.target) == ("k-o", "k-p")
    # two claims of the same kind: the later one answers the earlier
    other = _canon("k-x", "Pauses would be good for the world", "evaluation")
    first["k-x"] = ("2026-03-01", 2, 0)
    relation = _decide(_Pair(0, 1, 0.6, []), np.array([0.1, 0.8, 0.1]), [objection, other], first)
    assert relation is not None and (relation.source, relation.target) == ("k-x", "k-o")


def test_a_named_critic_turns_the_models_relatedness_into_an_attack():
    critic = _canon("k-c", "The agenda could lead to a ban on open models", "prediction")
    party = _canon("k-p", "AI development may need to slow", "recommendation")
    first = {"k-c": ("", 0, 10), "k-p": ("", 0, 0)}
    prob = np.array([0.48, 0.08, 0.44])  # the model reads support, barely
    plain = _decide(_Pair(0, 1, 0.5, []), prob, [critic, party], first)
    assert plain is None or plain.relation != "contradicts"
    signal = sg.Signal("critic", "contradicts", 0.3, "critic of Anthropic", stance=True)
    named = _decide(
        _Pair(0, 1, 0.5, [(0, signal, "Among its critics is ...")]), prob, [critic, party], first
    )
    assert named is not None and named.relation == "contradicts"
    assert (named.source, named.target) == ("k-c", "k-p")
    assert "critic of Anthropic" in named.rationale and "model related 0.56" in named.rationale
    # unrelated by the model's reading: the signal alone does not make an attack
    far = _decide(
        _Pair(0, 1, 0.5, [(0, signal, "")]), np.array([0.05, 0.05, 0.9]), [critic, party], first
    )
    assert far is None


def _canonical_index(claims):
    """Each claim its own canonical claim: (canon_of, index) as relate_claims builds them."""
    canon_of = {c.id: f"k{i}" for i, c in enumerate(claims)}
    return canon_of, {k: i for i, k in enumerate(canon_of.values())}


def test_critic_signals_pair_the_critic_with_the_criticised_partys_proposals():
    article = make_article(
        "a.txt",
        "Harlow Foods should close the depot. Harlow Foods expects higher profits. "
        "Harlow Foods has hired staff. Among its critics is the analyst Tom Baker. "
        "The closure would cost the town dearly.",
    )
    harlow = make_speaker("Harlow Foods", "organisation")
    claims = [
        make_claim(
            article,
            "Harlow Foods should close the depot",
            harlow,
            "indirect",
            kind="recommendation",
        ),
        make_claim(
            article, "Harlow Foods expects higher profits", harlow, "indirect", kind="prediction"
        ),
        make_claim(article, "Harlow Foods has hired staff", harlow, "indirect"),
        make_claim(
            article,
            "Among its critics is the analyst Tom Baker",
            make_speaker("Courier", "outlet"),
            "outlet",
        ),
        make_claim(
            article,
            "The closure would cost the town dearly",
            make_speaker("Tom Baker"),
            "indirect",
            kind="prediction",
        ),
    ]
    canon_of, index = _canonical_index(claims)
    cvec = np.eye(len(claims), dtype=np.float32)
    cvec[4, 2] = 0.9  # the critic's claim is closest to the hiring claim, not the proposal
    found = _critic_signals(claims, [article], canon_of, index, cvec)
    targets = [t for me, t, signal, _ in found if me == 4 and signal.name == "critic"]
    assert targets[0] == 0  # the proposal first, however close the others are
    assert len(targets) == 2 and 3 not in targets
    assert all(signal.stance for _, _, signal, _ in found)
    # no critic named: no signal
    plain = [c for c in claims if c.speaker_kind != "outlet"]
    assert _critic_signals(plain, [article], canon_of, index, cvec) == []


def test_unanswered_attacks_the_text_signals_come_first():
    import networkx as nx

    from argmap.analysis import unanswered_attacks

    g = nx.DiGraph()
    for n in ("k-a", "k-b", "k-c", "k-d"):
        g.add_node(n, type="claim", text=n, speakers=["s"], outlets=["o"], perspective=None)
    g.add_edge("k-a", "k-b", type="contradicts", score=0.95, rationale="model", signals=())
    g.add_edge("k-c", "k-d", type="contradicts", score=0.6, rationale="critic", signals=("critic",))
    found = unanswered_attacks(g)
    assert [a["attacker"]["id"] for a in found] == ["k-c", "k-a"]
    assert found[0]["signals"] == ["critic"] and found[1]["signals"] == []


def test_a_sentence_opened_by_critics_contrasts_only_the_critics_claims():
    from argmap.relate.links import _discourse_signals

    first = "Harlow Foods says the depot pays for itself."
    second = "Critics see the plan as a stunt, while supporters argue the savings are real."
    article = make_article("a.txt", f"{first} {second}")
    both = {"sentence_start": len(first) + 1, "sentence_end": len(article.text)}
    claims = [
        make_claim(
            article,
            "the depot pays for itself",
            make_speaker("Harlow Foods", "organisation"),
            "indirect",
            sentence_start=0,
            sentence_end=len(first),
        ),
        make_claim(
            article, "the plan as a stunt", make_speaker("critics", "group"), "indirect", **both
        ),
        make_claim(
            article, "the savings are real", make_speaker("supporters", "group"), "indirect", **both
        ),
    ]
    canon_of, index = _canonical_index(claims)
    found = _discourse_signals(claims, [article], canon_of, index)
    contrasts = {(me, t) for me, t, signal, _ in found if signal.name == "contrast"}
    assert (1, 0) in contrasts
    assert not any(me == 2 for me, _ in contrasts)


def test_two_reports_of_fact_need_a_signal_to_contradict():
    """The model alone reads many pairs of facts about one event as contradicting ("The
    paper was co-authored by Favaro and Clark" against "The warning came in a blog post
    authored by Favaro"): such a pair is no attack unless the text signals one."""
    paper = _canon("k-a", "The paper was co-authored by Favaro and Clark", "fact")
    post = _canon("k-b", "The warning came in a blog post authored by Favaro", "fact")
    figure = _canon("k-c", "Traffic fell by 4 percent", "statistic")
    forecast = _canon("k-d", "Traffic will fall by 20 percent", "prediction")
    first = {k: ("", 0, n) for n, k in enumerate(("k-a", "k-b", "k-c", "k-d"))}
    attack = np.array([0.05, 0.88, 0.07])
    assert _decide(_Pair(0, 1, 0.7, []), attack, [paper, post], first) is None
    # support between facts stays, and a fact can attack a claim that argues
    support = _decide(_Pair(0, 1, 0.7, []), np.array([0.8, 0.1, 0.1]), [paper, post], first)
    assert support is not None and support.relation == "supports"
    rebut = _decide(_Pair(0, 1, 0.7, []), attack, [figure, forecast], first)
    assert rebut is not None and rebut.relation == "contradicts"
    # with a signal from the text (disagreeing figures) two reports can contradict
    numbers = sg.Signal("numbers", "contradicts", 0.2, "the figures disagree")
    other = _canon("k-e", "Traffic fell by 22 percent", "statistic")
    both = _decide(
        _Pair(0, 1, 0.7, [(-1, numbers, "")]), attack, [figure, other], first | {"k-e": ("", 0, 9)}
    )
    assert both is not None and both.relation == "contradicts"


def test_what_is_held_up_as_a_model_is_a_name_after_what_or_look_at():
    """'what Hallerby did' and 'look at Hallerby' hold up a model; 'what the charge
    would do' and 'look at a discount' do not (they had made the sample's claims about
    the charge 'undercut the analogy with charge')."""
    assert sg.analogy_entities("Wrenhaven should do exactly what Hallerby did") == {"Hallerby"}
    assert sg.analogy_entities("Look at Hallerby. They brought in a charge") == {"Hallerby"}
    assert sg.analogy_entities("similar to those used in arms-control agreements") == {
        "arms-control"
    }
    assert sg.analogy_entities("it paid too little attention to what the charge would do") == set()
    assert sg.analogy_entities("the council would look at a discount for care workers") == set()
    assert sg.undercut("Dunmore's charge is not comparable", "what the charge would do") is None


def test_a_rejection_answers_what_came_before_only_when_it_points_back_at_it():
    """'rejected the comparison' and 'rejects those criticisms' answer the claims just
    before; 'dismissed existential fears surrounding AI' names what it rejects afresh
    (it had made LeCun attack 'its focus on safety predates the AI boom')."""
    points_back = [
        "Mullan rejected the comparison.",
        "Owen Pryce, the council's cabinet member for transport, rejected the criticism.",
        "Anthropic rejects those criticisms and maintains that its focus on safety predates it.",
        "The company hit back at critics, saying the plan was sound.",
        "She pushed back.",
    ]
    afresh = [
        "LeCun has repeatedly dismissed existential fears surrounding AI.",
        "He denied wrongdoing.",
    ]
    assert all(sg.REJECTS_EARLIER.search(t) for t in points_back)
    assert not any(sg.REJECTS_EARLIER.search(t) for t in afresh)


def test_a_contrast_answers_what_was_said_not_the_narration():
    """'However, it argued ...' contrasts with the claims before it, but not with the
    outlet's narration of who wrote what."""
    article = make_article(
        "a.txt",
        "Critics say the plan is rushed. The warning came in a blog post by Ana Diaz. "
        "However, Diaz said the risk is serious.",
    )
    outlet = make_speaker("Courier", "outlet")
    claims = [
        make_claim(article, "the plan is rushed", make_speaker("critics", "group"), "indirect"),
        make_claim(article, "The warning came in a blog post by Ana Diaz", outlet, "outlet"),
        make_claim(
            article,
            "the risk is serious",
            make_speaker("Ana Diaz"),
            "indirect",
            kind="evaluation",
            sentence_start=article.text.index("However"),
            sentence_end=len(article.text),
        ),
    ]
    canon_of, index = _canonical_index(claims)
    found = {
        (a, t, s.name) for a, t, s, _ in _discourse_signals(claims, [article], canon_of, index)
    }
    assert found == {(2, 0, "contrast")}


class _FixedReader:
    """A stance reader that reads every pair the same way."""

    def __init__(self, supports: float):
        self.supports = supports
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs):
        self.seen += list(pairs)
        return np.array([[self.supports, 1 - self.supports, 0.0]] * len(pairs))


def test_the_stance_reader_has_the_last_word_on_attacks_the_model_reads_alone():
    claims = [_canon(f"k-{i}", f"claim {i}", "evaluation") for i in range(4)]

    def decided():
        return [
            (_Pair(0, 1, 0.5, []), Relation("k-0", "k-1", "contradicts", 0.9, "model 0.90")),
            (
                _Pair(2, 1, 0.5, []),
                Relation("k-2", "k-1", "contradicts", 0.7, "undercut", signals=("undercut",)),
            ),
            (_Pair(3, 1, 0.5, []), Relation("k-3", "k-1", "supports", 0.8, "model 0.80")),
        ]

    reads_support = _FixedReader(0.8)
    kept = [r for _, r in _second_reading(decided(), claims, reads_support)]
    # only the model-only attack is read again, and dropped
    assert reads_support.seen == [("claim 0", "claim 1")]
    assert [(r.source, r.relation) for r in kept] == [("k-2", "contradicts"), ("k-3", "supports")]
    agrees = [r for _, r in _second_reading(decided(), claims, _FixedReader(0.3))]
    assert len(agrees) == 3
    assert agrees[0].rationale == "model 0.90; stance reader agrees 0.70"
    assert agrees[1].rationale == "undercut"


ANALOGY = "Wrenhaven should do exactly what Hallerby did"


def test_a_questioned_comparison_attacks_the_analogy_and_is_no_analogy_itself():
    asked = "One resident asked why the council kept comparing Wrenhaven with Hallerby"
    assert sg.analogy_entities(asked) == set()
    assert sg.undercut("Hallerby is not comparable to Wrenhaven", asked) is None
    signal = sg.undercut(asked, ANALOGY)
    assert signal is not None and signal.attack == "undercut"


def test_a_defence_of_the_comparison_answers_its_undercut():
    defence = "the comparison was fair because most drivers in Hallerby switched to buses"
    undercut = "Hallerby is not comparable to Wrenhaven"
    signal = sg.defence(defence, undercut)
    assert signal is not None and signal.relation == "contradicts"
    assert signal.note == "defends the comparison with Hallerby"
    # a defence is not itself an undercut of the analogy, though it says "not"
    assert sg.undercut(defence + ", not trams", ANALOGY) is None
    # it must name the same model, and the other claim must undercut it
    assert sg.defence(defence, "Dunmore is not comparable to Wrenhaven") is None
    assert sg.defence(defence, ANALOGY) is None
    assert sg.defence("the comparison is weaker than it looks in Hallerby", undercut) is None


def test_a_figure_from_the_model_supports_the_argument_from_it():
    signal = sg.precedent("Traffic in Hallerby's zone is 22 percent lower", ANALOGY)
    assert signal is not None and signal.relation == "supports"
    # a figure that turns against the comparison, or none at all, is no precedent
    assert (
        sg.precedent("Hallerby gets two million visitors, but most come by train", ANALOGY) is None
    )
    assert sg.precedent("Hallerby introduced a charge in 2019", ANALOGY) is None
    assert sg.precedent("Traffic in Dunmore is 4 percent lower", ANALOGY) is None


def test_signalled_supports_go_before_the_models_supports():
    relations = [
        _relation("k-1", "k-hub", "supports", 0.9),
        _relation("k-2", "k-hub", "supports", 0.6, ("precedent",)),
        # an attack decided against a supporting signal is ranked by its score
        _relation("k-3", "k-hub", "contradicts", 0.5, ("precedent",)),
        _relation("k-4", "k-hub", "contradicts", 0.8),
    ]
    kept = {(r.source, r.relation) for r in strongest_per_claim(relations, 1)}
    assert kept == {("k-2", "supports"), ("k-4", "contradicts")}


def test_references_name_another_partys_claim_and_its_kind():
    ((owner, noun, kinds, words),) = sg.references("the council's forecast is far too optimistic")
    assert (owner, noun, words) == ("council", "forecast", "the council's forecast")
    assert kinds == {"prediction", "statistic"}
    assert sg.references("Anthropic’s proposal operates on three levels")[0][2] == {
        "recommendation"
    }
    assert sg.references("the mayor's own figures show it")[0][:2] == ("mayor", "figures")
    assert sg.references("OpenAI's claims are wrong")[0][2] is None  # a claim of any kind
    # possessors that name no party
    assert sg.references("last year's figures") == []
    assert sg.references("the company's plans and its forecast") == []


def test_a_claim_naming_another_partys_forecast_is_read_against_it():
    article = make_article(
        "a.txt",
        "Traffic would fall by 20 percent. The charge should start in June. "
        "The scheme is popular. The council's forecast is far too optimistic.",
    )
    consultancy = make_speaker("Tidewell Associates", "organisation")
    council = make_speaker("Wrenhaven City Council", "organisation")
    claims = [
        make_claim(
            article,
            "Traffic would fall by 20 percent",
            consultancy,
            "indirect",
            kind="prediction",
            speaker_role="consultancy that modelled the scheme for the council",
        ),
        make_claim(
            article, "The charge should start in June", council, "indirect", kind="recommendation"
        ),
        make_claim(article, "The scheme is popular", council, "indirect", kind="evaluation"),
        make_claim(
            article,
            "The council's forecast is far too optimistic",
            make_speaker("Anneke Vos"),
            "indirect",
            kind="evaluation",
        ),
    ]
    canon_of, index = _canonical_index(claims)
    canon = [_canon(f"k{i}", c.text, c.kind) for i, c in enumerate(claims)]
    parties = _parties(claims, canon_of, index)
    found = _reference_signals(claims, canon, canon_of, index, np.eye(4, dtype=np.float32), parties)
    # the forecast by the council's consultancy (its role names the council), not the
    # council's proposal or evaluation: a forecast is a prediction or a figure
    assert [(me, t) for me, t, _, _ in found] == [(3, 0)]
    signal = found[0][2]
    assert signal.relation == "related" and signal.note == "names the council's forecast"
    # the model says which way; the referring claim is the source either way
    first = {k.id: ("", 0, n) for n, k in enumerate(canon)}
    pair = _Pair(0, 3, 0.2, [(3, signal, "")])
    attack = _decide(pair, np.array([0.1, 0.64, 0.26]), canon, first)
    assert attack is not None and attack.relation == "contradicts"
    assert (attack.source, attack.target) == ("k3", "k0")
    assert attack.rationale == "names the council's forecast; model contradicts 0.64"
    support = _decide(pair, np.array([0.7, 0.1, 0.2]), canon, first)
    assert support is not None and (support.source, support.relation) == ("k3", "supports")
    assert _decide(pair, np.array([0.1, 0.1, 0.8]), canon, first) is None


def test_an_attack_on_a_named_claim_is_still_read_again_by_the_stance_reader():
    claims = [_canon(f"k-{i}", f"claim {i}", "evaluation") for i in range(2)]
    decided = [
        (
            _Pair(0, 1, 0.5, []),
            Relation("k-0", "k-1", "contradicts", 0.6, "names X", signals=("reference",)),
        )
    ]
    reader = _FixedReader(0.8)
    assert _second_reading(decided, claims, reader) == []
    assert reader.seen == [("claim 0", "claim 1")]


def test_another_model_offered_undercuts_the_analogy_its_article_discussed():
    article = make_article(
        "a.txt",
        "Hallerby is not comparable to Wrenhaven. Its buses are full. "
        "A better guide is Dunmore, a city of similar size.",
    )
    vos = make_speaker("Anneke Vos")
    claims = [
        make_claim(article, "Hallerby is not comparable to Wrenhaven", vos, "direct"),
        make_claim(article, "Its buses are full", vos, "direct"),
        make_claim(article, "A better guide is Dunmore, a city of similar size", vos, "indirect"),
    ]
    canon_of, index = _canonical_index(claims)
    analogies = {"Hallerby": [7], "Sweden": [8]}  # claims elsewhere that argue from them
    found = _alternative_signals(claims, [article], canon_of, index, analogies)
    assert [(me, t, s.attack) for me, t, s, _ in found] == [(2, 7, "undercut")]
    assert found[0][2].note == "offers another model than Hallerby"


def test_a_speaker_attacks_their_own_claim_only_by_granting_a_difficulty():
    first = {"k-a": ("", 0, 0), "k-b": ("", 0, 10)}
    prob = np.array([0.1, 0.85, 0.05])

    def read(a_text, b_text, signals=()):
        a = _canon("k-a", a_text, "evaluation", ("Anthropic",))
        b = _canon("k-b", b_text, "recommendation", ("Anthropic",))
        return _decide(_Pair(0, 1, 0.5, list(signals)), prob, [a, b], first)

    proposal = "AI companies should work towards coordinated pauses"
    # both claims are Anthropic's: read as an attack by the model alone, dropped ...
    assert read("the possibility is serious enough to warrant preparation", proposal) is None
    # ... unless one of them grants a difficulty or a limit
    kept = read("AI development is considerably harder to monitor than missile silos", proposal)
    assert kept is not None and kept.relation == "contradicts"
    assert read("a globally enforceable framework would be extraordinarily difficult", proposal)
    # two speakers: the model's reading stands
    other = _canon("k-c", "the possibility is serious enough to warrant preparation", "fact")
    b = _canon("k-b", proposal, "recommendation", ("Anthropic",))
    assert _decide(_Pair(0, 1, 0.5, []), prob, [other, b], first | {"k-c": ("", 0, 5)})
    assert sg.concedes("fully autonomous recursive self-improvement remains speculative")
    # a signal from the text still makes the attack
    negated = sg.Signal("negation", "contradicts", 0.2, "one side negates the other")
    assert read("the possibility is serious", proposal, [(-1, negated, "")]) is not None
    # a reference alone says nothing of which way: still the model's reading, dropped
    named = sg.Signal("reference", "related", 0.0, "names X")
    assert read("the possibility is serious", proposal, [(0, named, "")]) is None


def test_who_a_sentence_has_its_speaker_answer_by_name():
    assert sg.answered("Responding to Sacks, Clark said the company wants rules.") == ["Sacks"]
    assert sg.answered("In response to criticism from David Sacks, Anthropic said ...") == ["Sacks"]
    assert sg.answered("Pryce hit back at Mullan on Tuesday.") == ["Mullan"]
    assert sg.answered("Clark, responding to OpenAI's warning, said ...") == ["OpenAI"]
    # no one named: a question, a report, an adjective
    assert sg.answered("She replied to a question from the audience.") == []
    assert sg.answered("The minister responded to the report's findings.") == []
    assert sg.answered("Voters responded to Republican efforts to cut taxes.") == []


def test_a_speaker_answering_another_by_name_attacks_their_claims():
    article = make_article(
        "a.txt",
        "Mullan said the charge would empty Castle Street. "
        "Responding to Mullan, Pryce said shoppers would come by bus.",
    )
    mullan, pryce = make_speaker("Gareth Mullan"), make_speaker("Owen Pryce")
    claims = [
        make_claim(article, "the charge would empty Castle Street", mullan, "indirect"),
        make_claim(
            article,
            "shoppers would come by bus",
            pryce,
            "indirect",
            sentence_start=article.text.index("Responding"),
            sentence_end=len(article.text),
        ),
    ]
    canon_of, index = _canonical_index(claims)
    parties = _parties(claims, canon_of, index)
    found = _answer_signals(
        claims, [article], canon_of, index, np.eye(2, dtype=np.float32), parties
    )
    assert [(me, t, s.name, s.relation) for me, t, s, _ in found] == [
        (1, 0, "answer", "contradicts")
    ]
    assert found[0][2].note == "answers Mullan"
    # the answer's own speaker is never its target
    alone = _parties(claims[1:], canon_of, index)
    assert _answer_signals(claims[1:], [article], canon_of, index, np.eye(2), alone) == []
