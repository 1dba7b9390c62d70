"""Dated sentences for the explainer's timeline ("How we got here").

A sentence is an :class:`~argmap.records.Event` when the model marks a DATE in it
that names a calendar date: a day and month ("March 3", "4 June 2026"), a month and
year ("June 2026"), a year ("in 2019") or a weekday ("on Tuesday"). Durations and
vague times ("two years", "every four months", "recently") are not dates. A date
without a year takes the article's year (or, when the article is undated, is kept as
``--MM-DD`` for :func:`resolve_year` to give it the story's year); a weekday is the
one before the article's date (or after it, when the sentence speaks of the future).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Doc

from ..records import Article, Event

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?\b", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\.?(?:,?\s+(?P<y>{_YEAR}))?\b",
    re.I,
)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b", re.I)
_YEAR_ONLY = re.compile(rf"(?<![\d-])(?P<y>{_YEAR})(?![\d-])")
_WEEKDAY = re.compile(rf"\b(?P<w>{'|'.join(WEEKDAYS)})\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|is due|are due|is set to|plans? to|next)\b", re.I)


def parse_date(
    text: str, published: str | None, sentence: str = "", *, future: bool | None = None
) -> str | None:
    """An ISO date for a DATE entity's text, or None when it names no calendar date.
    ``future`` says whether a weekday is ahead of the article's date (by default, from
    words such as "will" in ``sentence``)."""
    base = _published(published)
    m = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
    if m:
        month, day = MONTHS[m.group("m").lower()], int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else (base.year if base else None)
        if not 1 <= day <= 31:
            return None
        try:
            if year is None:  # "--06-04": the year is the story's (see resolve_year)
                dt.date(2000, month, day)
                return f"--{month:02d}-{day:02d}"
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group('y')):04d}-{MONTHS[m.group('m').lower()]:02d}"
    m = _WEEKDAY.search(text)
    if m and base is not None:
        target = WEEKDAYS.index(m.group("w").lower())
        ahead = bool(_FUTURE.search(sentence)) if future is None else future
        if ahead:
            delta = (target - base.weekday()) % 7 or 7
        else:
            delta = -((base.weekday() - target) % 7 or 7)
        return (base + dt.timedelta(days=delta)).isoformat()
    m = _YEAR_ONLY.search(text)
    if m and len(text.split()) <= 3:
        return m.group("y")
    return None


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _future(token: Any) -> bool | None:
    """Is the verb a date hangs on in the future ("will vote on Tuesday") or not
    ("voted on Tuesday")? None when there is no verb to tell."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "shall", "'ll"} or verb.lower_ in ("will", "shall"):
        return True
    if verb.tag_ in ("VBD", "VBN") or auxes & {"did", "was", "were", "had", "has", "have"}:
        return False
    return None


def find_events(article: Article, doc: Doc) -> list[Event]:
    """Dated sentences of one parsed article (headline excluded)."""
    headline = article.headline_region
    out: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if headline is not None and headline.start <= ent.start_char < headline.end:
            continue
        sent = ent.sent
        date = parse_date(ent.text, article.published, sent.text, future=_future(ent.root))
        if date is None or (sent.start_char, date) in seen:
            continue
        seen.add((sent.start_char, date))
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        out.append(
            Event(
                article.id,
                start,
                sent.start_char + len(text.rstrip()),
                date,
                ent.text,
                ent.start_char,
                ent.end_char,
            )
        )
    return out


def resolve_year(date: str, year: int | None) -> str:
    """``--06-04`` -> ``2026-06-04`` with the story's year (unchanged without one)."""
    if date.startswith("--") and year is not None:
        return f"{year:04d}{date[1:]}"
    return date
