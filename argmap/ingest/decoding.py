"""Bytes to text: BOMs, UTF-8, UTF-16, declared HTML charsets, binary detection.

Every function raises :class:`~argmap.errors.ArticleError` with a stable ``reason``
(``binary``, ``encoding``) and a message that says where the problem is (a byte offset)
and what to do. Offsets in argmap count code points of the *decoded* text; a byte order
mark is not part of the text.
"""

from __future__ import annotations

import codecs
import re

from argmap.errors import ArticleError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in text (tab, newlines, form feed and ESC excepted).
_CONTROL = frozenset(
    set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F, 0x7F}
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# What browsers actually use for these labels (WHATWG Encoding Standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
}


def split_bom(data: bytes) -> tuple[str | None, bytes, int]:
    """``(encoding, data without BOM, BOM length)``; encoding is None without a BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :], len(bom)
    return None, data, 0


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or with many control bytes (images, archives, PDFs)."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > 0.05


def _too_many_controls(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 128 and ord(c) in _CONTROL)
    return controls / len(sample) > 0.05


def _binary_error(path: str) -> ArticleError:
    return ArticleError(
        "is a binary file, not text (it has NUL or control bytes)",
        path=path,
        reason="binary",
        hint="Remove it from the corpus folder or convert it to .txt, .md, .html or .json.",
    )


def decode_text(data: bytes, path: str) -> str:
    """Decode an article file: UTF-8 (with or without BOM) or UTF-16/32 with a BOM."""
    encoding, body, bom_len = split_bom(data)
    if encoding is None:
        if looks_binary(body):
            raise _binary_error(path)
        encoding = "utf-8"
    return _decode(body, encoding, path, bom_len, declared=None)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first 4 KiB, if any (lower case)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(data: bytes, path: str) -> str:
    """Decode an HTML page: BOM first, then the declared charset, then UTF-8."""
    encoding, body, bom_len = split_bom(data)
    if encoding is not None:
        return _decode(body, encoding, path, bom_len, declared=None)
    if looks_binary(body):
        raise _binary_error(path)
    declared = declared_charset(body)
    if declared is None:
        return _decode(body, "utf-8", path, 0, declared=None)
    name = _CHARSET_ALIASES.get(declared, declared)
    try:
        codecs.lookup(name)
    except LookupError:
        raise ArticleError(
            f"declares an unknown charset {declared!r}",
            path=path,
            reason="encoding",
            hint="Fix the <meta charset> tag (e.g. utf-8) or re-save the page as UTF-8.",
        ) from None
    if name == "cp1252":
        try:
            return _decode(body, "cp1252", path, 0, declared=declared)
        except ArticleError:
            # the five bytes cp1252 leaves undefined: browsers map them like latin-1
            return body.decode("latin-1")
    return _decode(body, name, path, 0, declared=declared)


def _decode(body: bytes, encoding: str, path: str, offset: int, declared: str | None) -> str:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        at = offset + exc.start
        bad = body[exc.start : exc.start + 1].hex()
        if declared is None and encoding == "utf-8" and _high_byte_ratio(body) > 0.3:
            raise _binary_error(path) from None
        what = f"declared charset {declared}" if declared else encoding.upper()
        hint = (
            "Re-save it as UTF-8 (or fix the declared charset)."
            if declared
            else "Re-save it as UTF-8 (editors: 'Save with encoding'), or as UTF-16 with a BOM."
        )
        raise ArticleError(
            f"has bytes that are not valid {what}: byte offset {at} (0x{bad})",
            path=path,
            reason="encoding",
            hint=hint,
        ) from None
    if _too_many_controls(text):
        raise _binary_error(path)
    return text


def _high_byte_ratio(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    return sum(1 for b in sample if b >= 0x80 or b in _CONTROL) / len(sample)
