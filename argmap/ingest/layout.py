"""Paragraph blocks: the spans of text that boilerplate removal and metadata classify.

Readers turn a file into a :class:`Draft`: the text every offset points into, metadata
fields found in the file's structure, regions fixed by the format (front matter,
Markdown headings and images) and :class:`Block` s, one per paragraph, still to be
classified. A block's span excludes surrounding whitespace and any markup prefix
(``## ``, ``> ``, ``- ``), so ``text[start:end]`` is the paragraph's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.records import Region

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TERMINAL = re.compile(r"""[.!?:;]["'”’)\]]*$""")


@dataclass(slots=True)
class Block:
    """One paragraph (usually one line) of an article, with what its layout says."""

    start: int
    end: int
    line: int  # 1-based line number of its first line
    blank_before: bool = True
    blank_after: bool = True
    role: str | None = None  # preset by the reader (e.g. a Markdown heading); None = classify
    reason: str = ""


@dataclass(slots=True)
class Draft:
    """What a reader found in one article, before classification."""

    path: str
    format: str
    text: str
    blocks: list[Block]
    fields: dict[str, str] = field(default_factory=dict)
    field_source: str = "fields"
    fixed: list[Region] = field(default_factory=list)
    title: str | None = None  # a title given outside the text (front matter, JSON, HTML)
    first_line_headline: bool = True  # may the first real line be the headline?


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every line in ``text[start:end]``, without the line break."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for match in LINE_BREAK.finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    return spans


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading and trailing whitespace (NBSP included)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_hard_wrapped(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when paragraphs are wrapped over several lines (blank lines between them).

    Scraped text keeps one paragraph per line; e-mail style text wraps at ~72 columns.
    Judged over the whole file: every line short, and most lines inside multi-line groups
    end without sentence punctuation.
    """
    lengths = [e - s for s, e in spans if text[s:e].strip()]
    if len(lengths) < 6 or max(lengths) > 100:
        return False
    groups = _groups(text, spans)
    inner = [(s, e) for g in groups if len(g) > 1 for (s, e) in g[:-1]]
    if len(inner) < 3:
        return False
    open_lines = sum(1 for s, e in inner if not _TERMINAL.search(text[s:e].rstrip()))
    return open_lines / len(inner) >= 0.6


def _groups(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = [[]]
    for s, e in spans:
        if text[s:e].strip():
            groups[-1].append((s, e))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def split_blocks(
    text: str, start: int = 0, end: int | None = None, *, first_line: int = 1
) -> list[Block]:
    """Blocks for ``text[start:end]``: one per non-empty line, or one per blank-line
    separated paragraph when the text is hard-wrapped."""
    spans = line_spans(text, start, end)
    wrapped = is_hard_wrapped(text, spans)
    blocks: list[Block] = []
    blank_before = True
    current: Block | None = None
    for index, (s, e) in enumerate(spans):
        line_no = first_line + index
        s2, e2 = strip_span(text, s, e)
        if s2 == e2:
            if current is not None:
                current.blank_after = True
                current = None
            blank_before = True
            continue
        if wrapped and current is not None:
            current.end = e2
            continue
        if current is not None:
            current.blank_after = False
        current = Block(s2, e2, line_no, blank_before=blank_before, blank_after=True)
        blocks.append(current)
        blank_before = False
    return blocks
