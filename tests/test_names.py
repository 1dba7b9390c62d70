"""Completing the small model's named entities (argmap.extract.names)."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Span

from argmap.extract.names import complete_entities
from argmap.extract.speakers import name_gender


@pytest.fixture(scope="module")
def nlp():
    from argmap.nlp import load_pipeline

    return load_pipeline()


def _with_ents(nlp, text, labelled):
    """The parsed text with exactly the entities given as (words, label), at every
    place the words occur."""
    doc = nlp(text)
    ents = []
    for words, label in labelled:
        for found in re.finditer(re.escape(words), text):
            span = doc.char_span(found.start(), found.end())
            ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


#: (text, the name and the label the model gave it, the label argmap must settle on)
RELABELLED = {
    "a person after a role": (
        "The hall was half-empty when council candidate Carly Brennan walked in.",
        ("Carly Brennan", "ORG"),
        "PERSON",
    ),
    "a person whose surname is used alone": (
        "The hall was full when Geoff Marlow walked in. Marlow spoke first.",
        ("Geoff Marlow", "ORG"),
        "PERSON",
    ),
    "an organisation with a given name stays one": (
        "The depot was sold to Morgan Freight last year.",
        ("Morgan Freight", "ORG"),
        "ORG",
    ),
    "a place with a role in apposition is a person": (
        "Marta Solis, legal director for the Harbour Trust, said the depot would close.",
        ("Marta Solis", "GPE"),
        "PERSON",
    ),
}


@pytest.mark.parametrize("name", sorted(RELABELLED))
def test_names_the_model_labelled_as_organisations_or_places(nlp, name):
    text, (words, label), want = RELABELLED[name]
    doc = _with_ents(nlp, text, [(words, label)])
    labels = {e.text: e.label_ for e in complete_entities(doc).ents}
    assert labels[words] == want


def test_a_weekday_is_never_made_an_organisation(nlp):
    text = "The mayor spoke on Monday. By Monday evening the depot had closed."
    doc = _with_ents(nlp, text, [("Monday", "DATE")])
    assert len(doc.ents) == 2
    labels = [(e.text, e.label_) for e in complete_entities(doc).ents if e.text == "Monday"]
    assert labels and all(label == "DATE" for _, label in labels), labels


@pytest.mark.parametrize("name, gender", [("Carly", "f"), ("Geoff", "m"), ("Kim", "")])
def test_given_names_read_with_their_pronoun_and_shared_names_left_out(name, gender):
    assert name_gender(name) == gender
