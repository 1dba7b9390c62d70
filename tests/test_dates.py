"""Dates of the explainer's timeline: which DATE texts name a calendar date, and which."""

from __future__ import annotations

import pytest

from argmap.extract.dates import parse_date, resolve_year


@pytest.mark.parametrize(
    ("text", "published", "sentence", "expected"),
    [
        ("March 3", "2026-03-04", "", "2026-03-03"),
        ("4 June 2026", None, "", "2026-06-04"),
        ("June 4", None, "", "--06-04"),
        ("Sept. 1, 2025", "2026-01-01", "", "2025-09-01"),
        ("June 2026", None, "", "2026-06"),
        ("2019", "2026-03-04", "", "2019"),
        ("late 2025", None, "", "2025"),
        ("Tuesday", "2026-03-04", "The council voted on Tuesday.", "2026-03-03"),
        ("Tuesday", "2026-03-04", "The council will vote on Tuesday.", "2026-03-10"),
        ("two years", "2026-03-04", "", None),
        ("every four months", None, "", None),
        ("recently", "2026-03-04", "", None),
        ("February 30", "2026-03-04", "", None),
        ("Tuesday", None, "", None),
    ],
)
def test_parse_date(text, published, sentence, expected):
    assert parse_date(text, published, sentence) == expected


def test_a_date_without_a_year_takes_the_story_year():
    assert resolve_year("--06-04", 2026) == "2026-06-04"
    assert resolve_year("--06-04", None) == "--06-04"
    assert resolve_year("2019", 2026) == "2019"
