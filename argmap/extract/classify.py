"""What kind of claim a proposition is, and whether it is hedged.

Kinds (first match wins, in this order): ``statistic`` (numbers, percentages, money,
multiples), ``recommendation`` (should, must, need to, call for), ``prediction`` (future
or conditional: will, could, within two years), ``causal`` (because, lead to, drive),
``evaluation`` (evaluative adjectives: difficult, dangerous, good), else ``fact``.
"""

from __future__ import annotations

import re

from . import lexicon as lx

_NUMBER = re.compile(
    r"(?:\$|€|£)\s?\d|\d+(?:[.,]\d+)?\s?(?:%|percent|per cent|x\b|times\b|billion|million|trillion)"
    r"|\b\d+(?:[.,]\d+)*\b(?!\s*(?:am|pm|a\.m\.|p\.m\.))"
)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _numbers(text: str) -> list[str]:
    found = []
    for m in _NUMBER.finditer(text):
        token = m.group(0).strip()
        if _YEAR_ONLY.match(token):
            continue
        found.append(token)
    return found


def claim_kind(text: str, *, recommendation_cue: bool = False) -> str:
    """Classify a claim's text into one of :data:`argmap.records.CLAIM_KINDS`."""
    words = [w.lower() for w in _WORD.findall(text)]
    wordset = set(words)
    if _numbers(text):
        return "statistic"
    if recommendation_cue or wordset & lx.RECOMMENDATION_MARKERS or "ought to" in text.lower():
        return "recommendation"
    if wordset & {"will", "would", "could", "might", "may", "going", "shall"} or re.search(
        r"\b(within|in) the next\b|\bby 20\d\d\b|\bsoon(er)?\b|\beventually\b", text, re.I
    ):
        return "prediction"
    if wordset & lx.CAUSAL_MARKERS or re.search(
        r"\bbecause of\b|\bdue to\b|\bleads? to\b", text, re.I
    ):
        return "causal"
    if wordset & lx.EVALUATIVE_WORDS:
        return "evaluation"
    return "fact"


def is_hedged(text: str) -> bool:
    """Does the claim hedge (could, may, might, "is not inevitable")?"""
    lower = text.lower()
    words = set(_WORD.findall(lower))
    if words & lx.HEDGE_WORDS:
        return True
    return any(phrase in lower for phrase in lx.HEDGE_PHRASES)
