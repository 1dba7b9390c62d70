"""Finding quotations in text by their marks, before any parsing.

Handles curly and straight double quotes (and the two-apostrophe ``''`` convention of
some wire feeds), single curly quotes (told apart from apostrophes), guillemets, mixed
opening and closing marks from careless editing, and the newspaper convention for a
quote that runs over several paragraphs: no closing mark at the end of a paragraph, an
opening mark of the same kind at the start of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = frozenset({"“", "«", "„", '"', "''", "``"})
DOUBLE_CLOSE = frozenset({"”", "»", '"', "“", "''"})
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
_BEFORE_OPEN = set(" \t\n([{—–-/:;,") | {""}
_PARAGRAPH = re.compile(r"[^\n]+")
_SPEECH_AFTER = re.compile(r"(said|says|wrote|writes|added|told|warned|noted|argued)\b")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``parts`` are the inner spans
    (one per paragraph the quote runs over)."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    mark: str

    @property
    def inner_start(self) -> int:
        return self.parts[0][0]

    @property
    def inner_end(self) -> int:
        return self.parts[-1][1]

    def inner_text(self, text: str) -> str:
        return " ".join(text[s:e].strip() for s, e in self.parts)


@dataclass(slots=True)
class _Open:
    mark: str
    start: int
    parts: list[tuple[int, int]]
    inner_start: int


def _mark_at(text: str, i: int) -> str:
    two = text[i : i + 2]
    if two in ("''", "``"):
        return two
    return text[i]


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotations in ``text``, in order. Nested quotes stay inside their
    outer quote; an unclosed quote ends at its paragraph end unless the next paragraph
    opens with the same kind of mark (then it continues there)."""
    quotes: list[Quote] = []
    pending: _Open | None = None  # a quote carried over from the previous paragraph
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        first = _first_visible(text, p_start, p_end)
        current: _Open | None = None
        if pending is not None:
            if first is not None and _same_kind(_mark_at(text, first), pending.mark):
                pending.inner_start = first + len(_mark_at(text, first))
                current = pending
            else:
                _close_unbalanced(quotes, pending)
        pending = None
        i = current.inner_start if current is not None else (first if first is not None else p_end)
        nested = 0  # double quotes of another style open inside the current one
        while i < p_end:
            mark = _mark_at(text, i)
            if current is None:
                if (mark in DOUBLE_OPEN or mark == SINGLE_OPEN) and _can_open(text, i, len(mark)):
                    current = _Open(mark, i, [], i + len(mark))
                    nested = 0
                i += len(mark)
                continue
            if (
                current.mark != SINGLE_OPEN
                and mark in DOUBLE_OPEN
                and mark != current.mark
                and mark != "”"
                and _can_open(text, i, len(mark))
            ):
                nested += 1  # “U-S-A!” inside a straight-quoted sentence
            elif _closes(text, i, mark, current.mark):
                if nested:
                    nested -= 1
                else:
                    current.parts.append((current.inner_start, i))
                    quotes.append(
                        Quote(current.start, i + len(mark), tuple(current.parts), current.mark)
                    )
                    current = None
            i += len(mark)
        if current is not None:
            end = _rstrip_index(text, current.inner_start, p_end)
            current.parts.append((current.inner_start, end))
            pending = current
    if pending is not None:
        _close_unbalanced(quotes, pending)
    return [q for q in quotes if any(e > s for s, e in q.parts)]


def _same_kind(mark: str, open_mark: str) -> bool:
    if open_mark == SINGLE_OPEN:
        return mark == SINGLE_OPEN
    return mark == open_mark


def _close_unbalanced(quotes: list[Quote], pending: _Open) -> None:
    parts = tuple(p for p in pending.parts if p[1] > p[0])
    if parts:
        quotes.append(Quote(pending.start, parts[-1][1], parts, pending.mark))


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _rstrip_index(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _can_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + width] if i + width < len(text) else ""
    return (before in _BEFORE_OPEN or before in '“‘"') and bool(after and not after.isspace())


def _closes(text: str, i: int, mark: str, open_mark: str) -> bool:
    after = text[i + len(mark)] if i + len(mark) < len(text) else ""
    if open_mark == SINGLE_OPEN:
        if mark != SINGLE_CLOSE or after.isalpha():
            return False
        before = text[i - 1] if i > 0 else ""
        # "the companies’ plans": a plural possessive, not a closing mark
        return not (before == "s" and after == " " and _next_word_lower(text, i + 1))
    if mark not in DOUBLE_CLOSE:
        return False
    if mark == "“":
        # a curly opening mark used as a closing one only right before a space/punct
        return open_mark != "“" and not after.isalnum()
    if mark in ('"', "''"):
        before = text[i - 1] if i > 0 else ""
        return not after.isalnum() and not before.isspace()
    return True


def _next_word_lower(text: str, i: int) -> bool:
    j = i
    while j < len(text) and text[j] == " ":
        j += 1
    return j < len(text) and text[j].islower() and not _SPEECH_AFTER.match(text, j)
