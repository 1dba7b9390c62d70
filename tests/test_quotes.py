"""Finding quotations by their marks (no model needed)."""

from __future__ import annotations

import pytest

from argmap.extract.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [q.inner_text(text) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“It will pay for itself,” said Adeyemi.", ["It will pay for itself,"]),
        ('"It will pay for itself," said Adeyemi.', ["It will pay for itself,"]),
        ("He said: «Non merci» and left.", ["Non merci"]),
        ("“X,” she said, “Y.”", ["X,", "Y."]),
        (
            "''It's more tinkering at the edges,'' said Alan Cole.",
            ["It's more tinkering at the edges,"],
        ),
        # apostrophes and plural possessives are not quotation marks
        ("The company’s plans don’t add up, the critics’ report said.", []),
        ("She called it ‘a race to the bottom’ in May.", ["a race to the bottom"]),
        # a nested quote stays inside its outer quote
        (
            "“You say you ‘accept responsibility,’” Merkley said.",
            ["You say you ‘accept responsibility,’"],
        ),
        # a curly quote closed by a straight mark (careless editing)
        (
            '“Immunity deals should not be required," Chaffetz said.',
            ["Immunity deals should not be required,"],
        ),
        ("He is 6' 2\" tall and weighs 80 kg.", []),
    ],
)
def test_quotes_by_their_marks(text, expected):
    assert inner(text) == expected


def test_a_quote_runs_over_paragraphs_when_the_next_opens_with_the_same_mark():
    text = "“The first paragraph has no closing mark.\n“The second one closes,” she said.\nAfter."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert len(quotes[0].parts) == 2
    assert (
        quotes[0].inner_text(text)
        == "The first paragraph has no closing mark. The second one closes,"
    )


def test_an_unclosed_quote_ends_with_its_paragraph_when_the_next_does_not_continue_it():
    text = '"Trump walked onto the stage, chanting “U-S-A!”\n“That’s right,” Melanie said.'
    quotes = find_quotes(text)
    assert [q.inner_text(text) for q in quotes] == [
        "Trump walked onto the stage, chanting “U-S-A!”",
        "That’s right,",
    ]


def test_quote_offsets_point_into_the_text():
    text = "Intro. “Quoted words here,” he said."
    (quote,) = find_quotes(text)
    assert text[quote.start] == "“" and text[quote.end - 1] == "”"
    start, end = quote.parts[0]
    assert text[start:end] == "Quoted words here,"
