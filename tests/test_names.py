"""Completing the small model's named entities (argmap.extract.names)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from argmap.extract.names import complete_entities
from argmap.extract.speakers import name_gender


@pytest.fixture(scope="module")
def nlp():
    from argmap.nlp import load_pipeline

    return load_pipeline()


def _with_ents(nlp, text, labelled):
    """The parsed text with exactly the entities given as (words, label)."""
    doc = nlp(text)
    ents = []
    for words, label in labelled:
        start = text.index(words)
        span = doc.char_span(start, start + len(words))
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


def test_a_person_tagged_as_an_organisation_after_a_role_is_a_person(nlp):
    doc = _with_ents(
        nlp,
        "The hall was half-empty when council candidate Carly Brennan walked in.",
        [("Carly Brennan", "ORG")],
    )
    labels = {e.text: e.label_ for e in complete_entities(doc).ents}
    assert labels["Carly Brennan"] == "PERSON"


def test_a_person_tagged_as_an_organisation_whose_surname_is_used_alone(nlp):
    doc = _with_ents(
        nlp,
        "The hall was full when Geoff Marlow walked in. Marlow spoke first.",
        [("Geoff Marlow", "ORG")],
    )
    labels = {e.text: e.label_ for e in complete_entities(doc).ents}
    assert labels["Geoff Marlow"] == "PERSON"


def test_an_organisation_with_a_given_name_stays_an_organisation(nlp):
    doc = _with_ents(
        nlp,
        "The depot was sold to Morgan Freight last year.",
        [("Morgan Freight", "ORG")],
    )
    labels = {e.text: e.label_ for e in complete_entities(doc).ents}
    assert labels["Morgan Freight"] == "ORG"


def test_a_weekday_is_never_made_an_organisation(nlp):
    text = "The mayor spoke on Monday. By Monday evening the depot had closed."
    doc = _with_ents(nlp, text, [("Monday", "DATE")])
    second = text.index("Monday evening")
    doc.ents = [*doc.ents, Span(doc, *_token_range(doc, second, second + 6), label="DATE")]
    labels = [(e.text, e.label_) for e in complete_entities(doc).ents if e.text == "Monday"]
    assert labels and all(label == "DATE" for _, label in labels), labels


def _token_range(doc, start, end):
    span = doc.char_span(start, end)
    return span.start, span.end


@pytest.mark.parametrize("name, gender", [("Carly", "f"), ("Geoff", "m"), ("Kim", "")])
def test_given_names_read_with_their_pronoun_and_shared_names_left_out(name, gender):
    assert name_gender(name) == gender


def test_a_name_tagged_as_a_place_with_a_role_in_apposition_is_a_person(nlp):
    doc = _with_ents(
        nlp,
        "Marta Solis, legal director for the Harbour Trust, said the depot would close.",
        [("Marta Solis", "GPE")],
    )
    labels = {e.text: e.label_ for e in complete_entities(doc).ents}
    assert labels["Marta Solis"] == "PERSON"
