"""argmap on the real articles of ../shared/corpora/rsi-arms-control, as a new user runs it.

Skipped when ../shared is not there.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.slow]

SPEAKERS = [
    ("Jack Clark", "person"),
    ("Marina Favaro", "person"),
    ("Dario Amodei", "person"),
    ("David Sacks", "person"),
    ("Azizi Othman", "person"),
    ("Rob Enderle", "person"),
    ("Yann LeCun", "person"),
    ("Anthropic", "organisation"),
    ("OpenAI", "organisation"),
    ("critics", "group"),
]

BOILERPLATE = [
    "ADVERTISEMENT",
    "Shutterstock",
    "min read",
    "newsletter",
    "Unsubscribe",
    "Buy:",
    "Sell:",
    "Key Risk",
    "Back to Insights",
    "powered by",
    "Get the latest insights",
    "TL;DR",
]


@cache
def _run():
    from argmap.extract import extract_claims
    from argmap.ingest import load_corpus

    corpus = load_corpus(shared_path("corpora", "rsi-arms-control"))
    return corpus, extract_claims(corpus)


def test_reference_explainer_is_not_an_input():
    corpus, _ = _run()
    assert [a.path for a in corpus.articles] == [
        "001_a44f86e45285724a.txt",
        "002_e5ac8baf53cffff4.txt",
        "003_6a3664a6f4841a01.txt",
        "004_57b77cdc993e759d.txt",
    ]
    assert "reference/" in corpus.skipped


@pytest.mark.parametrize(("name", "kind"), SPEAKERS)
def test_speakers_come_out_right(name, kind):
    _, extraction = _run()
    speakers = {s.name: s.kind for s in extraction.speakers}
    assert speakers.get(name) == kind, sorted(speakers)
    assert any(c.speaker == name and c.attribution != "outlet" for c in extraction.claims)


@pytest.mark.parametrize("text", BOILERPLATE)
def test_no_boilerplate_becomes_a_claim(text):
    _, extraction = _run()
    assert not [c.text for c in extraction.claims if text.lower() in c.text.lower()]


def test_key_claims_are_attributed():
    _, extraction = _run()

    def find(fragment):
        return [c for c in extraction.claims if fragment in c.text]

    silos = find("Training runs are far easier to conceal than missile silos")
    assert silos and silos[0].speaker == "Anthropic" and silos[0].attribution == "direct"
    capture = find("regulatory capture agenda")
    assert any(c.speaker == "David Sacks" for c in capture)
    years = find("could happen within the next two years")
    assert years and years[0].speaker == "Jack Clark"
