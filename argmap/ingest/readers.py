"""One reader per article format. Each turns a file's bytes into :class:`Draft` s.

A reader never rewrites text: ``Draft.text`` is the decoded file (``.txt``, ``.md``) or
the extracted body text (``.html``, ``.json``, ``.jsonl``), and markup is only
*classified*, by the spans of the blocks and fixed regions it produces. Problems are
raised (or, for files holding several articles, returned) as
:class:`~argmap.errors.ArticleError` with a stable ``reason``.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from argmap.errors import ArticleError
from argmap.ingest.decoding import decode_html, decode_text, split_bom
from argmap.ingest.layout import Block, Draft, is_hard_wrapped, line_spans, split_blocks, strip_span
from argmap.records import Region

# suffix -> format name
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# field -> the keys that may hold it, in order of preference (front matter and JSON)
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "full_text"),
    "outlet": ("outlet", "source", "publication", "publisher", "site", "site_name", "sitename"),
    "author": ("author", "authors", "byline", "by"),
    "published": ("date", "published", "published_at", "publishedAt", "pub_date", "datetime"),
    "url": ("url", "link", "canonical_url", "permalink"),
}

Reader = Callable[[bytes, str], "list[Draft | ArticleError]"]


def read(data: bytes, path: str, fmt: str) -> list[Draft | ArticleError]:
    """Read one file's bytes (already size-checked) in format ``fmt``."""
    _, body, _ = split_bom(data)
    if not body.strip():
        return [
            ArticleError(
                "is empty",
                path=path,
                reason="empty",
                hint="Add the article's text or remove the file.",
            )
        ]
    try:
        return READERS[fmt](data, path)
    except ArticleError as exc:
        return [exc]


# --------------------------------------------------------------------------- text


def read_txt(data: bytes, path: str) -> list[Draft | ArticleError]:
    text = decode_text(data, path)
    _require_text(text, path)
    return [Draft(path=path, format="txt", text=text, blocks=split_blocks(text))]


def _require_text(text: str, path: str) -> None:
    if not text.strip():
        raise ArticleError(
            "is empty (only whitespace)",
            path=path,
            reason="empty",
            hint="Add the article's text or remove the file.",
        )


# ----------------------------------------------------------------------- markdown

_FENCE = re.compile(r"^(```|~~~)")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_HR = re.compile(r"^([-*_])([ \t]*\1){2,}[ \t]*$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)(\s*[*_]?.{0,200})?$")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_LIST = re.compile(r"(?:[-*+]|\d{1,3}[.)])[ \t]+")  # used with .match: anchored
_COMMENT = re.compile(r"^<!--.*-->$")


def read_markdown(data: bytes, path: str) -> list[Draft | ArticleError]:
    text = decode_text(data, path)
    _require_text(text, path)
    spans = line_spans(text)
    fixed: list[Region] = []
    fields: dict[str, str] = {}
    body_from = 0
    if spans and text[spans[0][0] : spans[0][1]].rstrip() == "---":
        close = next(
            (
                i
                for i in range(1, len(spans))
                if text[spans[i][0] : spans[i][1]].rstrip() in ("---", "...")
            ),
            None,
        )
        if close is None:
            raise ArticleError(
                "has front matter opened by '---' on line 1 that is never closed",
                path=path,
                reason="front_matter",
                hint="Add a closing '---' line after the front matter.",
            )
        raw = text[spans[1][0] : spans[close][0]] if close > 1 else ""
        fields = _front_matter_fields(raw, path)
        fixed.append(Region(0, spans[close][1], "front_matter", "YAML front matter"))
        body_from = close + 1
    body_spans = spans[body_from:]
    wrapped = is_hard_wrapped(text, body_spans)
    blocks: list[Block] = []
    blank_before = True
    in_fence: tuple[int, int, str] | None = None  # (start, line, fence)
    previous: Block | None = None
    have_title = "title" in fields
    headline_found = False
    for index, (s, e) in enumerate(body_spans):
        line_no = body_from + index + 1
        raw_line = text[s:e]
        stripped = raw_line.strip()
        if in_fence is not None:
            if stripped.startswith(in_fence[2]):
                blocks.append(
                    Block(
                        in_fence[0], e, in_fence[1], blank_before, True, "boilerplate", "code block"
                    )
                )
                in_fence, previous, blank_before = None, None, False
            continue
        if not stripped:
            if previous is not None:
                previous.blank_after = True
            previous, blank_before = None, True
            continue
        s2, e2 = strip_span(text, s, e)
        line = text[s2:e2]
        role: str | None = None
        reason = ""
        fence = _FENCE.match(line)
        if fence:
            in_fence = (s2, line_no, fence.group(1))
            continue
        setext = _SETEXT.match(line)
        if setext and previous is not None and previous.role is None and previous.end < s:
            level = 1 if line.startswith("=") else 2
            if level == 1 and not headline_found and not have_title:
                previous.role, previous.reason = "headline", "markdown heading"
                headline_found = True
            else:
                previous.role, previous.reason = "heading", "markdown heading"
            blocks.append(Block(s2, e2, line_no, False, True, "boilerplate", "markdown markup"))
            previous, blank_before = None, False
            continue
        atx = _ATX.match(line)
        if atx is not None or line.strip("#") == "":
            if atx is None:
                block = Block(s2, e2, line_no, blank_before, True, "boilerplate", "markdown markup")
            else:
                hs, he = strip_span(text, s2 + atx.start(2), s2 + atx.end(2))
                if len(atx.group(1)) == 1 and not headline_found:
                    role, reason = "headline", "markdown heading"
                    headline_found = True
                else:
                    role, reason = "heading", "markdown heading"
                block = Block(hs, he, line_no, blank_before, True, role, reason)
            _append(blocks, previous, block)
            previous, blank_before = block, False
            continue
        if _HR.match(line) or _COMMENT.match(line):
            block = Block(s2, e2, line_no, blank_before, True, "boilerplate", "markdown markup")
            _append(blocks, previous, block)
            previous, blank_before = block, False
            continue
        if _IMAGE.match(line):
            block = Block(s2, e2, line_no, blank_before, True, "boilerplate", "image")
            _append(blocks, previous, block)
            previous, blank_before = block, False
            continue
        marker = _QUOTE.match(line) or _LIST.match(line)
        start = s2 + (marker.end() if marker else 0)
        # a quote or list item may itself hold a list marker ("> - item")
        inner = _LIST.match(text, start, e2) if marker else None
        if inner:
            start = inner.end()
        start, end = strip_span(text, start, e2)
        if start == end:
            continue
        if (
            wrapped
            and previous is not None
            and previous.role is None
            and not blank_before
            and not marker
        ):
            previous.end = end
            continue
        block = Block(start, end, line_no, blank_before, True)
        _append(blocks, previous, block)
        previous, blank_before = block, False
    if in_fence is not None:
        blocks.append(
            Block(
                in_fence[0],
                len(text.rstrip()),
                in_fence[1],
                True,
                True,
                "boilerplate",
                "code block",
            )
        )
    return [
        Draft(
            path=path,
            format="md",
            text=text,
            blocks=blocks,
            fields=fields,
            field_source="front_matter",
            fixed=fixed,
            title=fields.get("title"),
            first_line_headline=not headline_found and not have_title,
        )
    ]


def _append(blocks: list[Block], previous: Block | None, block: Block) -> None:
    if previous is not None:
        previous.blank_after = False
    blocks.append(block)


def _front_matter_fields(raw: str, path: str) -> dict[str, str]:
    try:
        loaded = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(
            f"has malformed YAML front matter{line}: {problem}",
            path=path,
            reason="front_matter",
            hint="Fix the YAML between the '---' lines (quote values that contain ': ').",
        ) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ArticleError(
            f"has front matter that is a {type(loaded).__name__}, not 'key: value' lines",
            path=path,
            reason="front_matter",
            hint="Write the front matter as 'title: ...', 'author: ...' lines.",
        )
    return pick_fields(loaded, include_text=False)


# --------------------------------------------------------------------------- HTML


def read_html(data: bytes, path: str) -> list[Draft | ArticleError]:
    markup = decode_html(data, path)
    if not re.search(r"<[A-Za-z!/]", markup):
        raise ArticleError(
            "is not HTML (no tags found)",
            path=path,
            reason="html",
            hint="Rename it to .txt if it is plain text, or save the full page source.",
        )
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        doc = trafilatura.bare_extraction(
            markup,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise ArticleError(
            f"is malformed HTML that could not be parsed ({type(exc).__name__}: {exc})",
            path=path,
            reason="html",
            hint="Save the full page source again, or convert the article to .txt.",
        ) from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise ArticleError(
            "has no extractable article text (the page may be a script-only app, an index"
            " or a paywall)",
            path=path,
            reason="html",
            hint="Save the article page itself, or paste its text into a .txt file.",
        )
    fields: dict[str, str] = {}
    for name, attr in (
        ("title", "title"),
        ("author", "author"),
        ("published", "date"),
        ("outlet", "sitename"),
        ("url", "url"),
    ):
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value.strip():
            fields[name] = value.strip()
    headings = _html_headings(doc)
    blocks = split_blocks(text)
    for block in blocks:
        line = text[block.start : block.end]
        if line.startswith("- "):
            block.start, block.end = strip_span(text, block.start + 2, block.end)
            continue
        if " ".join(line.split()) in headings:
            block.role, block.reason = "heading", "html heading"
    return [
        Draft(
            path=path,
            format="html",
            text=text,
            blocks=blocks,
            fields=fields,
            field_source="html",
            title=fields.get("title"),
            first_line_headline=False,
        )
    ]


def _html_headings(doc: Any) -> frozenset[str]:
    body = getattr(doc, "body", None)
    if body is None:
        return frozenset()
    found = set()
    for element in body.iter("head"):
        words = " ".join("".join(element.itertext()).split())
        if words:
            found.add(words)
    return frozenset(found)


# --------------------------------------------------------------------------- JSON


def read_json(data: bytes, path: str) -> list[Draft | ArticleError]:
    raw = decode_text(data, path)
    try:
        loaded = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"is malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            path=path,
            reason="json",
            hint="Fix the JSON there (or save one article per line as .jsonl).",
        ) from None
    if isinstance(loaded, dict) and not _has_text(loaded):
        for key in ("articles", "items", "data", "results"):
            if isinstance(loaded.get(key), list):
                loaded = loaded[key]
                break
    if isinstance(loaded, dict):
        return [_json_article(loaded, path, path)]
    if not isinstance(loaded, list):
        raise ArticleError(
            f"holds a JSON {type(loaded).__name__}, not an article object or a list of them",
            path=path,
            reason="json",
            hint='Write {"title": ..., "text": ...} or a list of such objects.',
        )
    if not loaded:
        raise ArticleError(
            "is an empty JSON list", path=path, reason="empty", hint="Add articles or remove it."
        )
    return [_json_article(item, f"{path}#{i}", path) for i, item in enumerate(loaded, 1)]


def read_jsonl(data: bytes, path: str) -> list[Draft | ArticleError]:
    raw = decode_text(data, path)
    out: list[Draft | ArticleError] = []
    for number, (s, e) in enumerate(line_spans(raw), 1):
        line = raw[s:e]
        if not line.strip():
            continue
        item_path = f"{path}#L{number}"
        try:
            loaded = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(
                ArticleError(
                    f"is malformed JSON at line {number}, column {exc.colno}: {exc.msg}",
                    path=item_path,
                    reason="json",
                    hint="Fix that line (one JSON object per line); the other lines were read.",
                )
            )
            continue
        out.append(_json_article(loaded, item_path, path))
    if not out:
        raise ArticleError(
            "has no JSON lines", path=path, reason="empty", hint="Add articles or remove it."
        )
    return out


def _has_text(obj: Mapping[str, Any]) -> bool:
    return any(k in obj for k in FIELD_KEYS["text"])


def _json_article(item: Any, item_path: str, file_path: str) -> Draft | ArticleError:
    if not isinstance(item, dict):
        return ArticleError(
            f"is a JSON {type(item).__name__}, not an article object",
            path=item_path,
            reason="json",
            hint='Write each article as {"title": ..., "text": ...}.',
        )
    fields = pick_fields(item, include_text=True)
    text = fields.pop("text", None)
    if text is None or not text.strip():
        keys = ", ".join(FIELD_KEYS["text"][:3])
        found = ", ".join(sorted(str(k) for k in item)[:8]) or "none"
        return ArticleError(
            f"has no article text (no non-empty {keys} field; keys found: {found})",
            path=item_path,
            reason="no_text",
            hint="Put the article body in a 'text' field.",
        )
    return Draft(
        path=item_path,
        format="jsonl" if file_path.endswith((".jsonl", ".ndjson")) else "json",
        text=text,
        blocks=split_blocks(text),
        fields=fields,
        field_source="fields",
        title=fields.get("title"),
        first_line_headline=False,
    )


def pick_fields(obj: Mapping[str, Any], *, include_text: bool) -> dict[str, str]:
    """The known metadata fields of a front matter or JSON object, as strings."""
    lowered = {str(k).lower(): v for k, v in obj.items()}
    fields: dict[str, str] = {}
    for name, keys in FIELD_KEYS.items():
        if name == "text" and not include_text:
            continue
        for key in keys:
            value = _as_text(lowered.get(key.lower()), name)
            if value:
                fields[name] = value if name == "text" else " ".join(value.split())
                break
    return fields


def _as_text(value: Any, name: str) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and name != "text":
        return str(value)
    if isinstance(value, dict):
        inner = value.get("name") or value.get("title") or value.get("text")
        return inner if isinstance(inner, str) else None
    if isinstance(value, list) and name in ("author", "outlet"):
        names = [_as_text(v, name) for v in value]
        return ", ".join(n.strip() for n in names if n and n.strip()) or None
    if isinstance(value, list) and name == "text":
        parts = [v for v in value if isinstance(v, str)]
        return "\n".join(parts) or None
    return None


READERS: dict[str, Reader] = {
    "txt": read_txt,
    "md": read_markdown,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
}
