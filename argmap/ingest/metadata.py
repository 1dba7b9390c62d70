"""Article metadata: title, outlet, author, published date, url and perspective.

Sources, in order (the first that has a field wins), each recorded in
``Article.metadata_sources`` as ``(field, source)``:

1. the file's own structure: ``front_matter`` (Markdown), ``fields`` (JSON), ``html``
   (trafilatura's metadata and ``<meta>`` tags);
2. ``text``: what the article states in its header (a byline ``By Jane Doe``, an author
   line next to the headline or a dateline, a date line such as ``06 Jun 2026, 13:00 PM``,
   ``powered by`` / ``©`` lines naming the outlet); those lines become ``metadata``
   regions, never body;
3. ``manifest``: the ``[[articles]]`` entry for the article's path.

The outlet is then matched against the manifest's ``[[outlets]]`` (name or alias; the
canonical name is kept) or a perspective's ``members``, which gives the perspective.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.ingest.boilerplate import FUNCTION_WORDS, header_zone_end, normalise
from argmap.records import Manifest, Region

FIELDS: tuple[str, ...] = ("title", "outlet", "author", "published", "url")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b"
    ),
    re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})\b", re.I
    ),
    re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b"),
)
_DATE_NOISE = re.compile(
    r"\b(?:published|updated|posted|last updated|first published|modified|date|on|at|am|pm"
    r"|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|est|edt|et|pst|pdt|pt|ist|jst|aest"
    r"|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|today|yesterday)\b|\b\d{1,2}[:.]\d{2}(?::\d{2})?\b|[\s,|·•/()\-–—:]+",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by|story by|author:?)\s+(?P<names>.+)$", re.IGNORECASE
)


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(text.split())


_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)*|[A-Z]\.(?:[A-Z]\.)*"
    r"|Mc[A-Z][a-z]+|O[’'][A-Z][a-z]+)$"
)
_PARTICLES = _words(
    """
        de da del della di du van von der den la le bin binti al el ibn y dos das ter
        """
)
_NOT_NAMES = _words(
    """
        news insights analysis opinion home breaking live update updates staff editorial team
        desk newsroom reporter correspondent editor editors contributor writer ai tech
        technology world business politics markets market economy science health sport sports
        culture policy today daily weekly times post journal press media group report reports
        review briefing explainer newsletter podcast video photo photos image images menu search
        share follow subscribe more related read latest top story stories feature features blog
        insight research security safety regulation government global international national
        local climate energy finance investing money crypto
        """
)
_UPPER_OUTLET = re.compile(r"^[A-Z0-9&.'’ -]{2,40}$")


@dataclass(slots=True)
class TextMetadata:
    """What the text states about itself, and which blocks say it."""

    values: dict[str, str] = field(default_factory=dict)
    roles: dict[int, tuple[str, str]] = field(default_factory=dict)  # block index -> role


def parse_date(value: str | None) -> str | None:
    """The first date in ``value`` as ISO ``YYYY-MM-DD``, or None.

    Understands ISO dates and timestamps, ``2026/06/06``, ``06 Jun 2026``,
    ``June 6, 2026``, ``6th of June 2026``, ``06.06.2026`` (day first) and US
    ``6/30/2026`` (month first; only when unambiguous or US-style).
    """
    if not value:
        return None
    found = _find_date(value)
    return found[0] if found else None


def _find_date(value: str) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(value):
            groups = match.groupdict()
            try:
                month = (
                    _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
                )
                date = _dt.date(int(groups["y"]), month, int(groups["d"]))
            except (ValueError, KeyError):
                continue
            if not 1800 <= date.year <= 2200:
                continue
            if best is None or match.start() < best[1]:
                best = (date.isoformat(), match.start(), match.end())
            break
    return best


def date_line(line: str) -> str | None:
    """The ISO date when ``line`` is nothing but a date (with time, weekday, labels)."""
    found = _find_date(line)
    if found is None:
        return None
    iso, start, end = found
    rest = _DATE_NOISE.sub(" ", line[:start] + " " + line[end:]).split()
    return iso if len(rest) <= 1 else None


def looks_like_name(text: str) -> bool:
    """``Jane Doe``, ``J. R. Doe``, ``Jean-Luc de la Tour``: 2 to 5 capitalised tokens."""
    tokens = normalise(text).split()
    if not 2 <= len(tokens) <= 5:
        return False
    real = 0
    for index, token in enumerate(tokens):
        if token.lower() in _PARTICLES and 0 < index < len(tokens) - 1:
            continue
        if not _NAME_TOKEN.match(token) or token.casefold() in _NOT_NAMES:
            return False
        if token.casefold() in FUNCTION_WORDS:
            return False
        real += 1
    return real >= 2


def byline_author(line: str) -> tuple[str | None, str | None]:
    """``(author, iso date)`` from a byline such as ``By Jane Doe | June 6, 2026``."""
    norm = normalise(line)
    match = _BYLINE.match(norm)
    if match is None or len(norm.split()) > 16:
        return None, None
    rest = match.group("names")
    date = None
    found = _find_date(rest)
    if found is not None:
        date = found[0]
        rest = rest[: found[1]]
    parts = re.split(r"\s*(?:,|\band\b|&|\||·|•|—|–| - )\s*", rest)
    names: list[str] = []
    for part in parts:
        part = part.strip(" .")
        if not part:
            continue
        candidate = part.title() if part.isupper() else part
        if looks_like_name(candidate) or (names == [] and _team_name(candidate)):
            names.append(candidate)
        elif names:
            break  # an outlet or a role after the names: "By Jane Doe, Reuters"
        else:
            return None, date
    return (", ".join(names) or None), date


_TEAM = re.compile(
    r"\b(?:staff|team|desk|editorial|editors|newsroom|reporters|bureau|correspondents|press|"
    r"agency|wire|newswire|news service|reuters|afp|bloomberg)\b",
    re.I,
)


def _team_name(part: str) -> bool:
    """``Factlen Editorial Team``, ``Reuters Staff``: a byline that names no person."""
    tokens = part.split()
    return (
        1 <= len(tokens) <= 5 and all(t[:1].isupper() for t in tokens) and bool(_TEAM.search(part))
    )


def from_text(text: str, regions: list[Region]) -> tuple[list[Region], TextMetadata]:
    """Find what the text states about itself; byline/date/outlet lines become
    ``metadata`` regions. Returns the new region list and the values found."""
    found = TextMetadata()
    order = [i for i, r in enumerate(regions) if r.role != "front_matter"]
    lines = [text[regions[i].start : regions[i].end] for i in order]
    roles: list[str | None] = [
        None if regions[i].role == "body" else regions[i].role for i in order
    ]
    zone = header_zone_end(lines, roles)
    headline_at = next((k for k, r in enumerate(roles) if r == "headline"), None)
    changed: dict[int, tuple[str, str]] = {}

    def set_role(k: int, reason: str) -> None:
        changed[k] = ("metadata", reason)

    for k, line in enumerate(lines):
        role = roles[k]
        in_zone = k < zone
        norm = normalise(line)
        if role in (None, "heading") and len(norm.split()) <= 16:
            author, date = byline_author(norm)
            if author and (in_zone or len(norm.split()) <= 8):
                found.values.setdefault("author", author)
                set_role(k, "byline")
                if date:
                    found.values.setdefault("published", date)
                continue
        if not in_zone:
            if role == "boilerplate":
                _outlet_from_boilerplate(norm, lines, roles, k, found, set_role)
            continue
        if role in (None, "heading", "boilerplate"):
            iso = date_line(norm) if len(norm.split()) <= 12 else None
            if iso:
                found.values.setdefault("published", iso)
                if role != "boilerplate":
                    set_role(k, "dateline")
                continue
        if role == "boilerplate":
            _outlet_from_boilerplate(norm, lines, roles, k, found, set_role)
            continue
        if (
            role in (None, "heading")
            and "author" not in found.values
            and looks_like_name(norm)
            and _near_header_marker(k, lines, roles, headline_at, changed)
        ):
            found.values["author"] = norm.title() if norm.isupper() else norm
            set_role(k, "author")
            continue
        if (
            role is None
            and "outlet" not in found.values
            and _UPPER_OUTLET.match(norm)
            and any(r[1] in ("author", "byline") for r in changed.values())
            and (k - 1 in changed or k - 2 in changed)
        ):
            found.values["outlet"] = norm
            set_role(k, "outlet")

    if not changed:
        return regions, found
    new = list(regions)
    for k, (role, reason) in changed.items():
        r = regions[order[k]]
        new[order[k]] = Region(r.start, r.end, role, reason)
    found.roles = changed
    return new, found


def _near_header_marker(
    k: int,
    lines: list[str],
    roles: list[str | None],
    headline_at: int | None,
    changed: dict[int, tuple[str, str]],
) -> bool:
    """An author line sits next to the headline, a dateline or a back link."""
    for j in (k - 1, k + 1):
        if not 0 <= j < len(lines):
            continue
        if j == headline_at or j in changed:
            return True
        if roles[j] == "boilerplate":
            return True
        if date_line(normalise(lines[j])) and len(lines[j].split()) <= 12:
            return True
    return False


def _outlet_from_boilerplate(
    norm: str,
    lines: list[str],
    roles: list[str | None],
    k: int,
    found: TextMetadata,
    set_role: Callable[[int, str], None],
) -> None:
    outlet = None
    powered = re.fullmatch(r"powered by\s*(.*)", norm, re.IGNORECASE)
    if powered:
        outlet = powered.group(1).strip(" .:") or None
        if outlet is None and k + 1 < len(lines):
            nxt = normalise(lines[k + 1])
            if (
                roles[k + 1] is None
                and 1 <= len(nxt.split()) <= 4
                and not re.search(r"[.!?,:;]$", nxt)
            ):
                outlet = nxt
                set_role(k + 1, "outlet")
    else:
        copyright_ = re.fullmatch(
            r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+?)"
            r"(?:,?\s*\d{4})?(?:[.,]?\s*all rights reserved\.?)?",
            norm,
            re.IGNORECASE,
        )
        if copyright_:
            name = copyright_.group(1).strip(" .,")
            if name and len(name.split()) <= 6:
                outlet = name
    if outlet and "outlet" not in found.values:
        found.values["outlet"] = outlet


@dataclass(frozen=True, slots=True)
class Resolved:
    """Final metadata of one article, with where each field came from."""

    values: dict[str, str | None]
    sources: tuple[tuple[str, str], ...]


def resolve(
    path: str,
    structural: dict[str, str],
    structural_source: str,
    stated: dict[str, str],
    headline: str | None,
    manifest: Manifest,
) -> Resolved:
    """Merge the three sources (structure, text, manifest) and match the outlet."""
    values: dict[str, str | None] = dict.fromkeys(FIELDS)
    sources: list[tuple[str, str]] = []
    entry = manifest.article_meta(path)
    manifest_values = (
        {
            "title": entry.title,
            "outlet": entry.outlet,
            "author": entry.author,
            "published": entry.published,
            "url": entry.url,
        }
        if entry is not None
        else {}
    )
    text_values = dict(stated)
    if headline:
        text_values.setdefault("title", headline)
    for name in FIELDS:
        for source, candidates in (
            (structural_source, structural),
            ("text", text_values),
            ("manifest", manifest_values),
        ):
            raw = candidates.get(name)
            value = _clean(name, raw)
            if value:
                values[name] = value
                sources.append((name, source))
                break
    outlet_def = manifest.outlet(values["outlet"])
    if outlet_def is not None:
        values["outlet"] = outlet_def.name
        if outlet_def.perspective:
            values["perspective"] = outlet_def.perspective
            sources.append(("perspective", "manifest"))
    if values.get("perspective") is None and values["outlet"]:
        key = values["outlet"].casefold()
        for perspective in manifest.perspectives:
            if any(m.casefold() == key for m in perspective.members):
                values["perspective"] = perspective.id
                sources.append(("perspective", "manifest"))
                break
    return Resolved(values, tuple(sources))


def _clean(name: str, raw: str | None) -> str | None:
    if raw is None:
        return None
    value = " ".join(str(raw).split())
    if not value:
        return None
    if name == "published":
        return parse_date(value)
    if name == "author":
        match = _BYLINE.match(value)
        if match:
            value = match.group("names")
    return value
