"""The gap report's rules on small, hand-made records (no models), and on the sample
corpus against what its expected.toml says the report must find."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import CORPORA, expected, full_analysis
from conftest import make_article as _article
from conftest import make_claim as _claim
from conftest import make_speaker as _speaker

from argmap.gaps import (
    find_gaps,
    gaps_document,
    gaps_markdown,
    perspective_balance,
    source_types,
    unrebutted_attacks,
    voiceless_stakeholders,
)
from argmap.records import (
    Assignment,
    Corpus,
    Extraction,
    Manifest,
    Mention,
    PerspectiveDef,
    Relation,
    StakeholderDef,
)
from argmap.schemas import GAPS

SAMPLE = CORPORA / "wrenhaven-congestion-charge"


PERSPECTIVES = [
    PerspectiveDef("backers", "Backers", "The charge will pay for itself.", ("Ana Ruiz",)),
    PerspectiveDef("drivers", "Drivers", "The charge is a tax on drivers.", ("Fair Roads",)),
    PerspectiveDef("quiet", "Quiet side", "Something nobody in the articles says.", ("Nobody",)),
    PerspectiveDef("thin", "Thin side", "A side heard in passing.", ("Ben Ode",)),
]


def _world():
    text = (
        "The charge will pay for itself and fund buses across the whole city for years to come. "
        "The charge is a tax on drivers. "
        "Home care workers will pay the charge several times a day. "
        "Fine."
    )
    a = _article("one.txt", text, outlet="The Courier")
    ruiz, fair, ode = (
        _speaker("Ana Ruiz"),
        _speaker("Fair Roads", "organisation"),
        _speaker("Ben Ode"),
    )
    claims = [
        _claim(
            a,
            "The charge will pay for itself and fund buses across the whole city for years "
            "to come.",
            ruiz,
            "direct",
        ),
        _claim(a, "The charge is a tax on drivers.", fair, "indirect"),
        _claim(a, "Fine.", ode, "direct"),
    ]
    assignments = {
        claims[0].id: Assignment("backers", 0.95, "member: Ana Ruiz"),
        claims[1].id: Assignment("drivers", 0.95, "member: Fair Roads"),
        claims[2].id: Assignment("thin", 0.95, "member: Ben Ode"),
    }
    manifest = Manifest(
        perspectives=tuple(PERSPECTIVES),
        stakeholders=(StakeholderDef("Home care workers", ("care workers",)),),
    )
    corpus = Corpus("x", "x", manifest, (a,))
    speakers = {s.id: s for s in (ruiz, fair, ode)}
    return corpus, claims, speakers, assignments


def test_each_status_follows_its_rule():
    corpus, claims, speakers, assignments = _world()
    balance = {
        b.id: b
        for b in perspective_balance(
            corpus, claims, speakers, PERSPECTIVES, assignments, nx.DiGraph()
        )
    }
    assert balance["backers"].status == "present"
    assert balance["backers"].quotes == 1 and balance["backers"].own_words == 1
    assert balance["drivers"].status == "paraphrased_only"  # only reported speech
    assert balance["drivers"].reported == 1 and balance["drivers"].own_words == 0
    assert balance["quiet"].status == "missing"
    assert balance["thin"].status == "underrepresented"  # 1 word against 17
    assert balance["backers"].outlets == ("The Courier",)
    assert sum(b.word_share for b in balance.values()) == pytest.approx(1.0, abs=1e-3)


def test_a_weakly_assigned_claim_does_not_make_a_perspective_present():
    corpus, claims, speakers, assignments = _world()
    assignments[claims[2].id] = Assignment("quiet", 0.2, "content: weak")
    balance = {
        b.id: b.status
        for b in perspective_balance(
            corpus, claims, speakers, PERSPECTIVES, assignments, nx.DiGraph()
        )
    }
    assert balance["quiet"] == "missing"


def test_a_group_named_by_a_quantifier_is_not_counted_among_the_speakers():
    """ "Others said the charge is a tax" counts for the drivers' side, but "others" is
    no speaker an editor can name or count."""
    corpus, claims, speakers, assignments = _world()
    others = _speaker("others", "group")
    extra = _claim(corpus.articles[0], "The charge is a tax on drivers.", others, "indirect")
    speakers[others.id] = others
    assignments[extra.id] = Assignment("drivers", 0.8, "content: close")
    balance = {
        b.id: b
        for b in perspective_balance(
            corpus, [*claims, extra], speakers, PERSPECTIVES, assignments, nx.DiGraph()
        )
    }
    assert balance["drivers"].claims == 2
    assert balance["drivers"].speakers == ("Fair Roads",)


def test_a_group_talked_about_but_never_heard_is_voiceless():
    corpus, claims, speakers, _ = _world()
    extraction = Extraction(tuple(claims), tuple(speakers.values()))
    found = voiceless_stakeholders(corpus, extraction, claims, speakers)
    names = [v.name for v in found]
    assert "Home care workers" in names
    care = found[names.index("Home care workers")]
    assert care.source == "manifest" and care.articles == 1
    assert care.mentions[0].sentence.startswith("Home care workers will pay")


def test_a_group_that_speaks_is_not_voiceless():
    corpus, claims, speakers, _ = _world()
    union = _speaker("Care Union", "organisation", role="which represents home care workers")
    speakers[union.id] = union
    extraction = Extraction(tuple(claims), tuple(speakers.values()))
    found = voiceless_stakeholders(corpus, extraction, claims, speakers)
    assert "Home care workers" not in [v.name for v in found]


def test_text_groups_need_two_sentences_and_fold_into_their_longer_name():
    text = "Care workers start early. Home care workers visit clients. Home care workers pay."
    a = _article("t.txt", text)
    corpus = Corpus("x", "x", Manifest(), (a,))

    def mention(phrase: str, nth: int) -> Mention:
        start = [i for i in range(len(text)) if text.startswith(phrase, i)][nth]
        sent_start = text.rfind(". ", 0, start) + 2 if start else 0
        return Mention(
            a.id,
            start,
            start + len(phrase),
            phrase,
            phrase.lower()[:-1],
            "group",
            sent_start,
            text.find(".", start) + 1,
        )

    mentions = (
        mention("Care workers", 0),
        mention("Home care workers", 0),
        mention("Home care workers", 1),
    )
    extraction = Extraction((), (), mentions=mentions)
    found = [v for v in voiceless_stakeholders(corpus, extraction, [], {}) if v.source == "text"]
    assert [v.name for v in found] == ["Home care workers"]
    assert len(found[0].mentions) == 3


def test_a_text_group_named_by_a_taxonomy_term_is_listed_once_under_its_type():
    """ "Policymakers" is one of the government type's own terms: the report lists
    "Government and elected officials" with those sentences, not a second group."""
    text = "Policymakers were not consulted. Policymakers must now act on the plan."
    a = _article("t.txt", text)
    corpus = Corpus("x", "x", Manifest(), (a,))
    mentions = tuple(
        Mention(a.id, s, s + 12, "Policymakers", "policymaker", "group", s, text.find(".", s) + 1)
        for s in (0, text.index("Policymakers must"))
    )
    extraction = Extraction((), (), mentions=mentions)
    found = voiceless_stakeholders(corpus, extraction, [], {})
    assert [v.name for v in found] == ["Government and elected officials"]
    assert len(found[0].mentions) == 2


def test_gaps_document_has_the_documented_keys():
    corpus, claims, speakers, assignments = _world()
    extraction = Extraction(tuple(claims), tuple(speakers.values()))
    report = find_gaps(corpus, extraction, PERSPECTIVES, assignments, nx.DiGraph(), {})
    doc = gaps_document(report, corpus)
    assert doc["schema"] == GAPS
    for key in (
        "perspectives",
        "voiceless",
        "unanswered_attacks",
        "single_source",
        "open_questions",
        "suggestions",
        "unrebutted",
        "self_serving",
        "summary",
    ):
        assert key in doc
    p = doc["perspectives"][0]
    assert {
        "id",
        "name",
        "status",
        "claims",
        "quotes",
        "speakers",
        "word_share",
        "outlets",
        "prominence",
    } <= set(p)
    v = doc["voiceless"][0]
    assert {"name", "kind", "mentions"} <= set(v)
    assert {"article_id", "start", "end", "text"} <= set(v["mentions"][0])
    # every mention's offsets point at its text
    text = corpus.articles[0].text
    for m in v["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    kinds = {s["gap"] for s in doc["suggestions"]}
    assert {"missing_perspective", "paraphrased_only", "voiceless"} <= kinds
    src = doc["sources"][0]
    assert {
        "speaker",
        "kind",
        "role",
        "stakeholder",
        "perspective",
        "claims",
        "quotes",
        "reported",
        "articles",
        "outlets",
        "headlines",
        "lede",
    } <= set(src)
    assert {"stakeholder", "speakers", "claims", "quotes"} <= set(doc["source_types"][0])
    assert doc["summary"]["sources"] == len(doc["sources"])
    assert doc["most_heard"].startswith("Most heard: ")
    assert set(src["framing"]) == {"neutral", "endorsing", "distancing", "conceding", "loaded"}
    assert isinstance(src["marked_verbs"], str)
    rows = doc["framing"]["perspectives"]
    assert all(r["cued"] == sum(r[f] for f in src["framing"]) for r in rows)
    assert doc["summary"]["framing"] == len(doc["framing"]["findings"])
    json.dumps(doc)  # plain JSON


def test_who_is_heard_counts_each_speaker_quoted_and_reported():
    """Every speaker but the outlets and "others", with its stakeholder type and how it
    is heard; syndicated copies are left out before (find_gaps passes the independent
    articles' claims)."""
    from argmap.gaps import heard_sources, most_heard

    corpus, claims, speakers, assignments = _world()
    a = corpus.articles[0]
    others = _speaker("others", "group")
    union = _speaker("United Transport Union", "organisation")
    speakers.update({others.id: others, union.id: union})
    more = [
        _claim(a, "The charge is a tax on drivers.", others, "indirect"),
        _claim(a, "The charge will pay for itself", union, "direct"),
        _claim(a, "Home care workers will pay the charge", union, "indirect"),
    ]
    found = heard_sources(corpus, [*claims, *more], speakers, assignments)
    assert [x.speaker for x in found] == [
        "United Transport Union",
        "Ana Ruiz",
        "Ben Ode",
        "Fair Roads",
    ]
    union_row = found[0]
    assert (union_row.claims, union_row.quotes, union_row.reported) == (2, 1, 1)
    assert union_row.kind == "organisation" and union_row.outlets == ("The Courier",)
    assert union_row.stakeholder == "Workers and unions"
    fair = found[-1]
    assert (fair.quotes, fair.reported, fair.perspective) == (0, 1, "drivers")
    types = {t["stakeholder"]: t for t in source_types(found)}
    assert types["Workers and unions"] == {
        "stakeholder": "Workers and unions",
        "speakers": 1,
        "claims": 2,
        "quotes": 1,
    }
    assert sum(t["speakers"] for t in types.values()) == 4
    assert most_heard(found) == (
        "Most heard: United Transport Union, 2 of 5 attributed claims and 1 of 3 quotes "
        "(40% of the claims)."
    )
    assert most_heard([]) == ""


def test_markdown_shows_article_text_as_text():
    corpus, claims, speakers, assignments = _world()
    hostile = _speaker("<img src=x onerror=alert(1)>", "group")
    speakers[hostile.id] = hostile
    claims.append(_claim(corpus.articles[0], "Fine.", hostile, "direct"))
    extraction = Extraction(tuple(claims), tuple(speakers.values()))
    report = find_gaps(corpus, extraction, PERSPECTIVES, assignments, nx.DiGraph(), {})
    md = gaps_markdown(report, corpus)
    assert "<img" not in md and "# Coverage gaps" in md
    assert "| &lt;img src=x onerror=alert(1)&gt; | group |" in md  # in "Who is heard"


# ---------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def report():
    return full_analysis(SAMPLE).gaps


@pytest.mark.slow
@pytest.mark.parametrize("entry", expected(SAMPLE).get("voiceless", []), ids=lambda e: e["name"])
def test_sample_voiceless_stakeholders_are_reported(report, entry):
    assert entry["name"] in [v.name for v in report.voiceless]


@pytest.mark.slow
@pytest.mark.parametrize(
    "entry", expected(SAMPLE).get("missing_perspectives", []), ids=lambda e: e["id"]
)
def test_sample_missing_perspectives_are_reported(report, entry):
    status = {p.id: p.status for p in report.perspectives}
    assert status[entry["id"]] == "missing"


@pytest.mark.slow
@pytest.mark.parametrize(
    "entry", expected(SAMPLE).get("paraphrased_only", []), ids=lambda e: e["id"]
)
def test_sample_paraphrased_only_perspectives_are_reported(report, entry):
    status = {p.id: p.status for p in report.perspectives}
    assert status[entry["id"]] == "paraphrased_only"


@pytest.mark.slow
def test_sample_heard_groups_are_not_voiceless(report):
    names = {v.name for v in report.voiceless}
    assert "City-centre traders" not in names and "Bus drivers" not in names


@pytest.mark.slow
@pytest.mark.slow
def test_sample_who_is_heard_lists_the_quoted_and_the_paraphrased(report):
    """The mayor is quoted; Fair Roads Wrenhaven, whose side is heard only through
    others, is there with reported claims and no quote; no outlet is a source, and the
    syndicated copy adds nothing (each source's claims come from independent articles)."""
    by_name = {x.speaker: x for x in report.sources}
    assert by_name["Ruth Adeyemi"].quotes >= 1
    fair = by_name["Fair Roads Wrenhaven"]
    assert fair.quotes == 0 and fair.reported >= 1
    assert fair.perspective == "outer-estate-drivers"
    assert all(x.kind != "outlet" for x in report.sources)
    assert sum(t["speakers"] for t in source_types(report.sources)) == len(report.sources)


def test_sample_suggestions_name_a_source_and_its_evidence(report):
    care = [s for s in report.suggestions if s.target == "Home care workers"]
    assert care and care[0].source.startswith("a home care worker")
    assert "care worker" in care[0].on.lower()


@pytest.mark.slow
def test_argmap_gaps_prints_json_and_markdown():
    from argmap.cli import main

    out = CliRunner().invoke(main, ["gaps", str(SAMPLE), "--format", "json", "-q"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["schema"] == GAPS and doc["perspectives"]
    md = CliRunner().invoke(main, ["gaps", str(SAMPLE), "--format", "md", "-q"])
    assert md.exit_code == 0 and md.output.startswith("# Coverage gaps")
    text = CliRunner().invoke(main, ["gaps", str(SAMPLE), "-q"])
    assert text.exit_code == 0 and "Talked about, never heard" in text.output


def _claim_graph(nodes: list[tuple[str, str, float]]) -> nx.DiGraph:
    """A graph of bare claim nodes: (id, perspective, perspective confidence)."""
    g = nx.DiGraph()
    for node, persp, conf in nodes:
        g.add_node(
            node,
            type="claim",
            text=node,
            speakers=[],
            outlets=[],
            perspective=persp,
            perspective_confidence=conf,
            occurrences=[],
        )
    return g


def test_an_attack_counts_against_a_perspective_only_on_its_confident_claims():
    g = _claim_graph([("k-a", "drivers", 0.95), ("k-b", "backers", 0.95), ("k-c", "quiet", 0.2)])
    g.add_edge("k-a", "k-b", type="contradicts", score=0.9)
    g.add_edge("k-a", "k-c", type="contradicts", score=0.9)
    found = unrebutted_attacks(g, PERSPECTIVES)
    assert [(f["perspective"], f["target"]["id"]) for f in found] == [("backers", "k-b")]


def test_the_unrebutted_attack_is_the_strongest_unanswered_one_signalled_first():
    """An answered attack does not hide an unanswered one, and an attack the text
    signals (a named critic) outranks a stronger reading of the model alone."""
    g = _claim_graph(
        [
            ("k-target", "backers", 0.95),
            ("k-strong", "drivers", 0.95),
            ("k-critic", "drivers", 0.95),
            ("k-model", "drivers", 0.95),
            ("k-answer", "thin", 0.95),
        ]
    )
    g.add_edge("k-strong", "k-target", type="contradicts", score=0.99, signals=[])
    g.add_edge("k-answer", "k-strong", type="contradicts", score=0.7, signals=[])
    g.add_edge("k-model", "k-target", type="contradicts", score=0.95, signals=[])
    g.add_edge("k-critic", "k-target", type="contradicts", score=0.6, signals=["critic"])
    found = {f["perspective"]: f for f in unrebutted_attacks(g, PERSPECTIVES)}
    assert found["backers"]["attacker"]["id"] == "k-critic"
    assert found["backers"]["signals"] == ["critic"]
    g.remove_edge("k-critic", "k-target")
    found = {f["perspective"]: f for f in unrebutted_attacks(g, PERSPECTIVES)}
    assert found["backers"]["attacker"]["id"] == "k-model"  # k-strong is answered


def test_a_voice_attacking_a_perspective_outranks_the_outlets_narration():
    """rsi-arms-control: the model read an article's opening "Artificial intelligence
    (AI) is developing at an unprecedented pace" as the strongest attack on Yann
    LeCun's side; a claim a speaker makes is the one to put to them."""
    g = _claim_graph(
        [
            ("k-target", "backers", 0.95),
            ("k-narration", "drivers", 0.95),
            ("k-voice", "drivers", 0.9),
        ]
    )
    g.nodes["k-narration"]["attributions"] = ["outlet"]
    g.nodes["k-voice"]["attributions"] = ["outlet", "indirect"]
    g.add_edge("k-narration", "k-target", type="contradicts", score=0.93, signals=[])
    g.add_edge("k-voice", "k-target", type="contradicts", score=0.6, signals=[])
    found = {f["perspective"]: f for f in unrebutted_attacks(g, PERSPECTIVES)}
    assert found["backers"]["attacker"]["id"] == "k-voice"
    g.nodes["k-voice"]["attributions"] = ["outlet"]
    found = {f["perspective"]: f for f in unrebutted_attacks(g, PERSPECTIVES)}
    assert found["backers"]["attacker"]["id"] == "k-narration"


class _Vectors:
    """A stand-in embedder: one fixed unit vector per text."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def encode(self, texts):
        import numpy as np

        return np.array([self.table[t] for t in texts], dtype=np.float32)


class _Reader:
    """A stand-in matcher that argues for the perspective named in ``yes``."""

    def __init__(self, yes: str) -> None:
        self.yes, self.pairs = yes, []

    def predict(self, pairs):
        import numpy as np

        self.pairs += list(pairs)
        return np.array(
            [[0.9, 0.05, 0.05] if self.yes in b else [0.05, 0.05, 0.9] for _, b in pairs],
            dtype=np.float32,
        )


def test_content_assignment_reads_each_claim_with_the_matcher_it_is_given():
    from argmap.perspectives import assign_perspectives

    text = "Buses will be faster."
    a = _article("one.txt", text, outlet="The Courier")
    who = _speaker("A resident")
    claim = _claim(a, text, who, "direct")
    perspectives = (
        PerspectiveDef("backers", "Backers", "The charge speeds up buses."),
        PerspectiveDef("drivers", "Drivers", "The charge is a tax on drivers."),
    )
    corpus = Corpus("x", "x", Manifest(perspectives=perspectives), (a,))
    embed = _Vectors(
        {
            "Backers. The charge speeds up buses.": [0.6, 0.8],
            "Drivers. The charge is a tax on drivers.": [0.8, 0.6],
        }
    )
    vectors = embed.__class__({text: [0.7, 0.714]}).encode([text])
    for yes, expected_pid in (("speeds up", "backers"), ("a tax", "drivers")):
        reader = _Reader(yes)
        _, assignments = assign_perspectives(
            corpus, [claim], [who], vectors, embedder=embed, matcher=reader
        )
        got = assignments[claim.id]
        assert got.perspective == expected_pid
        assert got.confidence == pytest.approx(0.9)
        assert "model supports 0.90" in got.evidence
        # the model reads what each side holds (the description), not its label
        assert {b for _, b in reader.pairs} == {p.description for p in perspectives}


def test_a_description_that_repeats_the_name_is_read_once():
    """ArgKP-style perspectives (name = description = the key point): the embedder and
    the model read the statement once; "X. X" reads to the matcher as agreeing with
    almost anything."""
    from argmap.perspectives import assign_perspectives

    text = "Buses will be faster."
    a = _article("one.txt", text, outlet="The Courier")
    who = _speaker("A resident")
    claim = _claim(a, text, who, "direct")
    points = ("The charge speeds up buses", "The charge is a tax on drivers")
    perspectives = tuple(PerspectiveDef(f"p{i}", t, t) for i, t in enumerate(points))
    corpus = Corpus("x", "x", Manifest(perspectives=perspectives), (a,))
    embed = _Vectors({points[0]: [0.6, 0.8], points[1]: [0.8, 0.6]})
    vectors = _Vectors({text: [0.7, 0.714]}).encode([text])
    reader = _Reader("speeds up")
    _, assignments = assign_perspectives(
        corpus, [claim], [who], vectors, embedder=embed, matcher=reader
    )
    assert assignments[claim.id].perspective == "p0"
    assert {b for _, b in reader.pairs} == set(points)


def test_perspectives_by_keypoint_reads_claims_with_the_key_point_matcher(monkeypatch):
    """`--perspectives-by keypoint` (RunOptions.perspectives_by): the sample corpus's
    content assignments are read by the key-point matcher, not the relation model."""
    import argmap.relate.model as model_module
    from argmap.pipeline import RunOptions, analyze, load

    reader = _Reader("never matches")
    monkeypatch.setattr(model_module, "default_matcher", lambda: reader)
    corpus = load(SAMPLE, RunOptions())
    analysis = analyze(corpus, RunOptions(perspectives_by="keypoint"))
    assert reader.pairs, "the key-point matcher read no claim"
    described = {p.description.strip() for p in corpus.manifest.perspectives}
    assert {b for _, b in reader.pairs} <= described
    # the stand-in argues for no perspective: no content assignment is confident
    content = [
        c
        for c in analysis.extraction.claims
        if (c.perspective_evidence or "").startswith("content:") and c.perspective
    ]
    assert all("model supports 0.05" in c.perspective_evidence for c in content)


@pytest.mark.parametrize(
    ("name", "description", "point"),
    [
        ("School uniforms save costs", "School uniforms save costs", True),
        ("Austerity extend recessions", "Austerity extend recessions", True),
        ("Celibacy is outdated", "", True),
        ("AI labs should pause frontier training", "", True),
        ("Open-source developers", "", False),
        ("Labs that build frontier models", "", False),
        ("Those who want the charge scrapped", "", False),
        ("Frontier AI developers", "Labs hold that a pause must be verified.", False),
        ("For", "Uniforms should be banned.", False),
    ],
)
def test_a_perspective_states_a_point_when_written_as_one(name, description, point):
    """`--perspectives-by auto`: a key point ("School uniforms save costs", or its
    description repeating it) against a side described in words or named by a label."""
    from argmap.nlp import load_pipeline
    from argmap.perspectives import states_a_point

    assert states_a_point(PerspectiveDef("p", name, description), load_pipeline()) is point


def test_auto_reads_key_points_with_the_matcher_and_sides_with_the_relation_model():
    from dataclasses import replace

    from argmap.nlp import load_pipeline
    from argmap.pipeline import RunOptions, _reads_key_points, load

    nlp = load_pipeline()
    corpus = load(SAMPLE, RunOptions())  # perspectives described in words
    points = tuple(
        PerspectiveDef(f"k{i}", t)
        for i, t in enumerate(("The charge will cut traffic", "The charge is a tax on drivers"))
    )
    pointed = replace(corpus, manifest=replace(corpus.manifest, perspectives=points))
    mixed = replace(
        pointed,
        manifest=replace(
            corpus.manifest, perspectives=points[:1] + corpus.manifest.perspectives[:1]
        ),
    )
    assert not _reads_key_points(corpus, RunOptions(), nlp)
    assert _reads_key_points(pointed, RunOptions(), nlp)
    assert not _reads_key_points(mixed, RunOptions(), nlp)  # one reader for all
    assert not _reads_key_points(pointed, RunOptions(perspectives_by="relation"), nlp)
    assert _reads_key_points(corpus, RunOptions(perspectives_by="keypoint"), nlp)
    no_manifest = replace(corpus, manifest=replace(corpus.manifest, perspectives=()))
    assert not _reads_key_points(no_manifest, RunOptions(), nlp)  # discovered: sides


def test_auto_analysis_of_key_points_asks_the_key_point_matcher(monkeypatch):
    """The default run, on a manifest of key points, reads claims with the key-point
    matcher, and each content assignment's evidence says so."""
    import argmap.relate.model as model_module
    from argmap.pipeline import RunOptions, analyze

    class _Matcher(_Reader):
        what = "key-point matcher"

    reader = _Matcher("cut traffic")
    monkeypatch.setattr(model_module, "default_matcher", lambda: reader)
    texts = (
        "Traffic will fall. The charge will cut traffic by a fifth, the council said.",
        "Drivers are angry. The charge is a tax on people who must drive, Ann Lee said.",
    )
    articles = tuple(_article(f"{i}.txt", t, outlet=f"Outlet {i}") for i, t in enumerate(texts))
    points = (
        PerspectiveDef("cut", "The charge will cut traffic"),
        PerspectiveDef("tax", "The charge is a tax on drivers"),
    )
    corpus = Corpus("x", "x", Manifest(perspectives=points), articles)
    analysis = analyze(corpus, RunOptions())
    assert reader.pairs, "the key-point matcher read no claim"
    content = [
        c
        for c in analysis.extraction.claims
        if (c.perspective_evidence or "").startswith("content:")
    ]
    assert content and all("key-point matcher supports" in c.perspective_evidence for c in content)


def test_a_group_named_by_a_quantifier_founds_no_perspective():
    """ "Others have suggested ..." has a speaker, but "Others" is no stakeholder: no
    discovered perspective is named after it, and its claim is assigned by content."""
    import numpy as np

    from argmap.perspectives import (
        _embedding_text,
        assign_perspectives,
        discover,
        unnamed_group,
    )

    text = (
        "Critics say the pause is a marketing stunt. Others suggested the warnings "
        "work as marketing. Anthropic said labs should pause."
    )
    a = _article("one.txt", text, outlet="The Courier")
    critics, others, lab = (
        _speaker("critics", "group"),
        _speaker("others", "group"),
        _speaker("Anthropic", "organisation"),
    )
    claims = [
        _claim(a, "the pause is a marketing stunt", critics, "indirect"),
        _claim(a, "the warnings work as marketing", others, "indirect"),
        _claim(a, "labs should pause", lab, "indirect"),
    ]
    vectors = np.array([[1.0, 0.0], [0.98, 0.2], [0.0, 1.0]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    corpus = Corpus("x", "x", Manifest(), (a,))
    found = discover(corpus, claims, [critics, others, lab], vectors)
    assert unnamed_group(others) and not unnamed_group(critics)
    assert unnamed_group(_speaker("some people", "group"))
    assert not any("others" in p.name.casefold() for p in found)
    assert all(others.name not in p.members for p in found)
    assert any(p.name == "Critics" for p in found)
    embed = _Vectors(
        {_embedding_text(p): list(vectors[0 if p.name == "Critics" else 2]) for p in found}
    )
    _, assignments = assign_perspectives(
        corpus, claims, [critics, others, lab], vectors, embedder=embed
    )
    assert assignments[claims[1].id].evidence.startswith("content:")


def _discovered(text, said, vectors, supports):
    """The perspectives discovered in one article whose claims are ``said``: (claim
    text, speaker) pairs with their unit-length ``vectors``; ``supports``: (i, j) pairs
    of claims the relation stage read as support."""
    import numpy as np

    from argmap.perspectives import discover

    a = _article("one.txt", text, outlet="The Courier")
    claims = [_claim(a, t, speaker, "indirect") for t, speaker in said]
    v = np.array(vectors, "float32")
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    relations = [
        Relation(claims[i].id, claims[j].id, "supports", 0.6, "model supports 0.60")
        for i, j in supports
    ]
    speakers = list({speaker.id: speaker for _, speaker in said}.values())
    corpus = Corpus("x", "x", Manifest(), (a,))
    return discover(corpus, claims, speakers, v, relations=relations)


def test_a_side_named_by_its_stance_is_not_merged_on_one_reading_of_support():
    """ "Critics see safety warnings as strategic positioning": one model reading of
    support had put the critics into Anthropic's discovered perspective. A company unit
    still joins another on that evidence."""
    found = _discovered(
        "Critics see the warnings as positioning. Anthropic said the risks are real. "
        "OpenAI said the risks are serious. Ben Ode said buses are late.",
        [
            ("the warnings as positioning", _speaker("critics", "group")),
            ("the risks are real", _speaker("Anthropic", "organisation")),
            ("the risks are serious", _speaker("OpenAI", "organisation")),
            ("buses are late", _speaker("Ben Ode")),
        ],
        [[0.6, 0.8, 0], [0.8, 0.6, 0], [0.8, 0.6, 0.1], [0, 0, 1]],
        [(0, 1), (2, 1)],
    )
    members = {p.name: set(p.members) for p in found}
    assert members["Critics"] == {"critics"}
    assert any(m >= {"Anthropic", "OpenAI"} for m in members.values())


def test_two_kinds_of_stakeholder_join_on_what_they_say_not_on_support():
    """ "Some academic studies have also indicated that AI systems can improve": one
    reading of support had put "academic studies" into Anthropic's discovered
    perspective ("Companies and executives"). Different known types need claims far
    closer than usual; the same type still joins on support."""
    found = _discovered(
        "DeepMind said systems help build successors. Academic studies showed systems "
        "can correct themselves. OpenAI said systems speed research. Ben Ode said buses "
        "are late. Ann Lee said trains are late.",
        [
            ("systems help build successors", _speaker("DeepMind", "organisation")),
            ("systems can correct themselves", _speaker("academic studies", "group")),
            ("systems speed research", _speaker("OpenAI", "organisation")),
            ("buses are late", _speaker("Ben Ode")),
            ("trains are late", _speaker("Ann Lee")),
        ],
        [[0.8, 0.6, 0], [0.5, 0.6, 0.6], [0.75, 0.66, 0], [0, 0.1, 1], [0.1, 0, 1]],
        [(1, 0), (2, 0)],
    )
    members = [set(p.members) for p in found]
    assert {"DeepMind", "OpenAI"} in members
    assert not any({"DeepMind", "academic studies"} <= m for m in members)


def test_two_sides_of_one_type_a_group_side_is_named_by_its_group():
    """rsi-arms-control: "observers" and the analyst Rob Enderle are both analysts but
    apart (one model reading of attack between them); they had been named "Analysts and
    consultants: observers" and "Analysts and consultants: Rob Enderle"."""
    import numpy as np

    from argmap.perspectives import discover

    a = _article(
        "one.txt",
        "Observers say oversight may benefit incumbents. Ann Lee, an economist, said "
        "enforcement is practically impossible.",
        outlet="C",
    )
    observers, lee = _speaker("observers", "group"), _speaker("Ann Lee", role="economist")
    claims = [
        _claim(a, "oversight may benefit incumbents", observers, "indirect"),
        _claim(a, "enforcement is practically impossible", lee, "indirect"),
    ]
    v = np.array([[1.0, 0.0], [0.9, 0.44]], "float32")
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    attack = Relation(claims[1].id, claims[0].id, "contradicts", 0.9, "model contradicts 0.90")
    found = discover(
        Corpus("x", "x", Manifest(), (a,)), claims, [observers, lee], v, relations=[attack]
    )
    assert sorted(p.name for p in found) == ["Analysts and consultants", "Observers"]


def test_a_perspective_of_two_stakeholder_types_in_equal_numbers_names_both():
    from argmap.perspectives import _cluster_label, _Unit

    sacks = _Unit("s1", [_speaker("David Sacks")], [0], "investors")
    openai = _Unit("s2", [_speaker("OpenAI", "organisation")], [1], "industry")
    lab = _Unit("s3", [_speaker("Anthropic", "organisation")], [2], "industry")
    assert _cluster_label([sacks, openai], [0, 1]) == "Companies and executives / Investors"
    assert _cluster_label([sacks, openai, lab], [0, 1, 2]) == "Companies and executives"


def test_a_perspective_is_named_by_the_type_that_makes_most_of_its_claims():
    """rsi-arms-control: three company voices with most of the claims and three
    academic ones with a few had been named "Academics and researchers / Companies and
    executives" because the speakers were as many."""
    from argmap.perspectives import _cluster_label, _Unit

    units = [
        _Unit("s1", [_speaker("Anthropic", "organisation")], list(range(0, 50)), "industry"),
        _Unit("s2", [_speaker("OpenAI", "organisation")], [50, 51, 52], "industry"),
        _Unit("s3", [_speaker("Jack Clark")], [53, 54], "industry"),
        _Unit("s4", [_speaker("experts", "group")], [55, 56], "academia"),
        _Unit("s5", [_speaker("researchers", "group")], [57], "academia"),
        _Unit("s6", [_speaker("academic studies", "group")], [58], "academia"),
    ]
    assert _cluster_label(units, range(6)) == "Companies and executives"
    # the academic voices alone, or with as many company claims, still name themselves
    assert _cluster_label(units, [3, 4, 5]) == "Academics and researchers"
    assert _cluster_label(units, [2, 3]) == "Academics and researchers / Companies and executives"


def test_perspectives_by_must_name_a_known_reader():
    from argmap.errors import UsageError
    from argmap.pipeline import RunOptions, analyze, load

    corpus = load(SAMPLE, RunOptions())
    with pytest.raises(UsageError, match="keypoint"):
        analyze(corpus, RunOptions(perspectives_by="cosine"))


def test_gaps_command_takes_perspectives_by():
    from argmap.cli import main

    out = CliRunner().invoke(
        main, ["gaps", str(SAMPLE), "--format", "json", "-q", "--perspectives-by", "keypoint"]
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["schema"] == GAPS
    bad = CliRunner().invoke(main, ["gaps", str(SAMPLE), "--perspectives-by", "cosine"])
    assert bad.exit_code == 2


def test_a_side_is_named_by_its_voices_not_by_the_studies_it_cites():
    from argmap.perspectives import _lead_names

    people = [
        _speaker("Azizi Othman"),
        _speaker("Yann LeCun"),
        _speaker("academic studies", "group"),
    ]
    assert _lead_names(people) == "Azizi Othman, Yann LeCun and others"
    assert _lead_names([_speaker("academic studies", "group")]) == "academic studies"
    assert _lead_names(people[:2]) == "Azizi Othman, Yann LeCun"


@pytest.mark.parametrize(
    ("name", "role", "kind", "stype"),
    [
        # the specific phrase decides, not a word inside it
        ("Gareth Mullan", "chief executive of the Wrenhaven Chamber of Trade", "person", "traders"),
        (
            "Harlow & Finch",
            "department store that has traded on Castle Street",
            "organisation",
            "traders",
        ),
        ("Ann Bell", "chief executive of Tidewell", "person", "industry"),
        ("city centre businesses", None, "group", "traders"),
        ("Tom Reyes", "official at the Department of Transport", "person", "government"),
        ("Ruth Adeyemi", "Mayor", "person", "government"),
        ("Anneke Vos", "Ellesmere University", "person", "academia"),
        ("OpenAI", None, "organisation", "industry"),
        ("Sam Lee", None, "person", None),
        # a group named as articles name a type as a whole
        ("experts", None, "group", "academia"),
        ("observers", None, "group", "analysts"),
        ("critics", None, "group", None),
        ("experts", None, "person", None),  # a person's name is no term for a group
    ],
)
def test_a_speaker_is_typed_by_the_most_specific_cue(name, role, kind, stype):
    from argmap.taxonomy import classify_speaker

    assert classify_speaker(name, role, kind) == stype


@pytest.mark.parametrize(
    ("cue", "attribution", "framing"),
    [
        ("said", "direct", "neutral"),
        ("according to", "indirect", "neutral"),
        ("warned", "indirect", "neutral"),
        ("claimed", "indirect", "distancing"),
        ("insists", "direct", "distancing"),
        ("noted", "indirect", "endorsing"),
        ("pointed out", "indirect", "endorsing"),
        ("found", "indirect", "endorsing"),
        ("admitted", "indirect", "conceding"),
        ("acknowledges", "indirect", "conceding"),
        ("slammed", "indirect", "loaded"),
        ("has long claimed", "indirect", "distancing"),
        (None, "direct", None),
        ("noted", "outlet", None),  # the outlet's own assertion has no reporting verb
    ],
)
def test_a_cue_frames_its_claim(cue, attribution, framing):
    from argmap.extract.classify import cue_framing

    assert cue_framing(cue, attribution) == framing


def test_framing_gaps_compare_a_perspective_with_the_others_in_one_outlet():
    from dataclasses import replace

    from argmap.gaps import framing_gaps
    from argmap.records import Corpus, Manifest, PerspectiveDef

    article = _article("a.txt", "x " * 400, outlet="Business Daily")
    other = _article("b.txt", "y " * 400, outlet="City News")
    council, traders = _speaker("Council", "organisation"), _speaker("Chamber")

    def claim(art, n, speaker, cue, framing):
        return replace(
            _claim(art, art.text[2 * n : 2 * n + 1], speaker, "indirect"),
            cue=cue,
            framing=framing,
            id=f"c-{art.id}-{n}",
        )

    cued = {
        "city-hall": [
            claim(article, 0, council, "claims", "distancing"),
            claim(article, 1, council, "insisted", "distancing"),
            claim(article, 2, council, "said", "neutral"),
            claim(other, 0, council, "said", "neutral"),
        ],
        "traders": [claim(article, 3 + n, traders, "said", "neutral") for n in range(3)]
        + [claim(other, 3, traders, "claimed", "distancing")],
    }
    perspectives = [
        PerspectiveDef(id="city-hall", name="City Hall"),
        PerspectiveDef(id="traders", name="Traders"),
    ]
    corpus = Corpus("c", "c", Manifest(perspectives=tuple(perspectives)), (article, other))
    findings = framing_gaps(corpus, cued, perspectives)
    # in Business Daily; City News has too few claims of each side to compare; across
    # the coverage the council's 2 of 4 against the traders' 1 of 4 is a gap of 0.25
    assert [(f["outlet"], f["perspective"], f["framing"]) for f in findings] == [
        ("Business Daily", "city-hall", "distancing"),
        (None, "city-hall", "distancing"),
    ]
    f = findings[0]
    assert (f["count"], f["of"], f["others"], f["others_of"]) == (2, 3, 0, 3)
    assert f["cues"] == ["claims", "insisted"]
    assert f["text"] == (
        "Business Daily reports 2 of the 3 claims of City Hall with “claims”, “insisted”, "
        "verbs that cast doubt, against 0 of the other perspectives' 3."
    )
    assert findings[1]["text"].startswith("The coverage reports 2 of the 4 claims")
    # one "claimed" more for the traders: 2 of 4 each, no difference to report
    cued["traders"][0] = replace(cued["traders"][0], cue="claimed", framing="distancing")
    assert [f["outlet"] for f in framing_gaps(corpus, cued, perspectives)] == ["Business Daily"]


def test_a_group_named_as_a_perspective_is_in_it():
    from argmap.perspectives import MemberIndex
    from argmap.records import PerspectiveDef, Speaker

    index = MemberIndex.build(
        [
            PerspectiveDef(id="traders", name="City-centre traders"),
            PerspectiveDef(id="labs", name="Frontier AI developers"),
            PerspectiveDef(id="econ", name="Sceptical transport economists"),
            PerspectiveDef(id="found", name="Traders and others", source="discovered"),
            PerspectiveDef(id="drivers", name="Drivers from the outer estates"),
            PerspectiveDef(id="point", name="Parents can save money"),
        ]
    )

    def named(name, kind="group"):
        hit = index.named_group(Speaker("s", name, kind))
        return hit[0] if hit else None

    assert named("traders") == "traders"
    assert named("city centre traders") == "traders"
    assert named("economists") == "econ"
    assert named("open-source developers") is None  # "open-source" is in no name
    assert named("others") is None  # a quantifier names no one
    assert named("drivers") == "drivers"
    assert named("parents") is None  # a statement's head is its last word: names no group
    assert named("traders", kind="organisation") is None


def test_a_framing_finding_counts_in_words_an_editor_reads():
    from argmap.gaps import _share_words

    assert _share_words(2, 5) == "2 of the 5 claims"
    assert _share_words(2, 2) == "both claims"
    assert _share_words(3, 3) == "all 3 claims"


def test_a_sources_marked_verbs_in_words():
    from argmap.gaps import marked_verbs

    counts = {"neutral": 4, "endorsing": 1, "distancing": 2, "conceding": 0, "loaded": 0}
    assert marked_verbs(counts) == "2 casting doubt, 1 as fact"
    assert marked_verbs({"neutral": 3}) == ""


def test_a_perspectives_speakers_are_listed_most_heard_first():
    """The gap page shows the first four: a side's main voices, not the alphabet's
    ("academic studies, Anthropic, Dario Amodei" on rsi-arms-control)."""
    from argmap.gaps import _by_claims

    names = ["Dario Amodei", "Anthropic", "academic studies", "Anthropic", "Jack Clark"]
    names += ["Jack Clark", "Anthropic"]
    assert _by_claims(names) == ("Anthropic", "Jack Clark", "academic studies", "Dario Amodei")


def test_contested_claims_put_the_attacks_the_text_signals_first():
    """The explainer's "Where they disagree" shows the first contested claims: a claim
    attacked by a named critic comes before one the model alone reads as attacked three
    times, and a claim's signalled attacker before a stronger model reading."""
    from argmap.analysis import contested

    g = _claim_graph([(n, "backers", 0.9) for n in ("k-a", "k-b", "k-c", "k-d", "k-e", "k-f")])
    for attacker in ("k-c", "k-d", "k-e"):
        g.add_edge(attacker, "k-a", type="contradicts", score=0.95, rationale="model", signals=[])
    g.add_edge("k-f", "k-b", type="contradicts", score=0.99, rationale="model", signals=[])
    g.add_edge("k-c", "k-b", type="contradicts", score=0.6, rationale="critic", signals=["critic"])
    found = contested(g)
    assert [c["id"] for c in found] == ["k-b", "k-a"]
    assert [a["id"] for a in found[0]["attacked_by"]] == ["k-c", "k-f"]
    assert found[0]["attacked_by"][0]["signals"] == ["critic"]
