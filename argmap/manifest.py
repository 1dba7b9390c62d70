"""The corpus manifest ``argmap.toml``: loading, validation and a starter file.

:func:`load_manifest` parses the file with :mod:`tomllib` and checks it against the
schema below, collecting *every* problem before raising one
:class:`~argmap.errors.ManifestError`. Each problem names the line and the key path
(``line 12: perspectives[1].members: expected a list of strings, got "Anthropic"``;
array indices count from 0 in file order). tomllib keeps no positions, so a small line
locator (:class:`TomlLocator`) maps key paths back to lines.

:func:`starter_manifest` renders a commented ``argmap.toml`` from what ingestion and
extraction found, for an editor to complete. The format is documented in
``docs/manifest.md``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.errors import ManifestError
from argmap.records import (
    ArticleMeta,
    Corpus,
    Manifest,
    OutletDef,
    PerspectiveDef,
    Speaker,
    StakeholderDef,
)

MANIFEST_NAME = "argmap.toml"
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STAKEHOLDER_KINDS = ("group", "person", "organisation")


# ---------------------------------------------------------------- schema


@dataclass(frozen=True, slots=True)
class Key:
    """One allowed key: its type (``str``, ``strlist``, ``date``), and if required."""

    kind: str
    required: bool = False


SCHEMA: dict[str, dict[str, Key]] = {
    "story": {"title": Key("str"), "question": Key("str")},
    "corpus": {"exclude": Key("strlist")},
    "perspectives": {
        "id": Key("str", required=True),
        "name": Key("str", required=True),
        "description": Key("str"),
        "members": Key("strlist"),
    },
    "outlets": {
        "name": Key("str", required=True),
        "perspective": Key("str"),
        "aliases": Key("strlist"),
    },
    "stakeholders": {
        "name": Key("str", required=True),
        "terms": Key("strlist"),
        "kind": Key("str"),
    },
    "articles": {
        "path": Key("str", required=True),
        "title": Key("str"),
        "outlet": Key("str"),
        "author": Key("str"),
        "date": Key("date"),
        "url": Key("str"),
    },
}
TABLES = ("story", "corpus")
ARRAYS = ("perspectives", "outlets", "stakeholders", "articles")


# ---------------------------------------------------------------- locator

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_dotted(key: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class TomlLocator:
    """Maps key paths (``perspectives[1].members``) to 1-based line numbers.

    Understands table headers, arrays of tables and ``key = value`` lines (dotted keys
    included); a multi-line value is located at the line of its key. Lines inside
    multi-line strings are skipped.
    """

    def __init__(self, text: str):
        self.lines: dict[str, int] = {}
        counters: Counter[str] = Counter()
        prefix = ""
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header and not _ASSIGN.match(line):
                name = ".".join(_split_dotted(header.group(2)))
                if header.group(1) == "[[":
                    index = counters[name]
                    counters[name] += 1
                    prefix = f"{name}[{index}]"
                else:
                    prefix = name
                self.lines.setdefault(prefix, number)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                key = ".".join(_split_dotted(assign.group(1)))
                path = f"{prefix}.{key}" if prefix else key
                self.lines.setdefault(path, number)
                rest = line[assign.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_string = quote

    def line(self, path: str) -> int | None:
        """The line of ``path`` or of its nearest located parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


# ---------------------------------------------------------------- loading


def load_manifest(path: str | Path) -> Manifest:
    """Read and validate ``argmap.toml``; raises ManifestError listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ManifestError(
            ["file not found; create it (see `argmap init`) or pass another path"], path=path
        ) from None
    except OSError as exc:
        raise ManifestError([f"cannot be read: {exc.strerror}"], path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            [f"byte offset {exc.start}: not UTF-8; save the manifest as UTF-8"], path=path
        ) from None
    return parse_manifest(text, path=path)


def parse_manifest(text: str, *, path: str | Path = MANIFEST_NAME) -> Manifest:
    """Validate manifest ``text`` (what :func:`load_manifest` does after reading)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"line {found.group(1)}, column {found.group(2)}: " if found else ""
        detail = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", message)
        raise ManifestError(
            [f"{where}TOML syntax error: {detail} (see docs/manifest.md for the syntax)"], path=path
        ) from None
    problems = _Problems(TomlLocator(text))
    manifest = _validate(data, problems, str(path))
    if problems.items:
        raise ManifestError(problems.render(), path=path)
    return manifest


class _Problems:
    def __init__(self, locator: TomlLocator):
        self.locator = locator
        self.items: list[tuple[int, int, str]] = []

    def add(self, key_path: str, message: str) -> None:
        line = self.locator.line(key_path)
        where = f"line {line}: " if line else ""
        self.items.append((line or 0, len(self.items), f"{where}{key_path}: {message}"))

    def render(self) -> list[str]:
        return [m for _, _, m in sorted(self.items)]


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if not isinstance(value, list) else json.dumps(value, default=str)[:60]


def _unknown(key: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(allowed)}"
    return f"unknown key{hint}"


def _check_value(value: Any, spec: Key, where: str, problems: _Problems) -> Any:
    if spec.kind == "str":
        if not isinstance(value, str):
            problems.add(where, f"expected a string, got {_show(value)}")
            return None
        return value.strip()
    if spec.kind == "strlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.add(where, f"expected a list of strings, got {_show(value)}")
            return None
        return tuple(v.strip() for v in value if v.strip())
    if spec.kind == "date":
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, str):
            from argmap.ingest.metadata import parse_date

            iso = parse_date(value)
            if iso is None:
                problems.add(where, f"expected a date like 2026-06-06, got {_show(value)}")
            return iso
        problems.add(where, f"expected a date like 2026-06-06, got {_show(value)}")
        return None
    raise AssertionError(spec.kind)


def _check_table(
    table: dict[str, Any], schema: dict[str, Key], where: str, problems: _Problems
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(table, key=lambda k: problems.locator.line(f"{where}.{k}") or 0):
        if key not in schema:
            problems.add(f"{where}.{key}", _unknown(key, list(schema)))
            continue
        checked = _check_value(table[key], schema[key], f"{where}.{key}", problems)
        if checked is not None:
            out[key] = checked
    for key, spec in schema.items():
        if spec.required and key not in table:
            problems.add(where, f"missing required key {key!r}")
    return out


def _validate(data: dict[str, Any], problems: _Problems, path: str) -> Manifest:
    allowed = list(TABLES) + list(ARRAYS)
    for key in data:
        if key not in allowed:
            problems.add(key, _unknown(key, allowed))
    tables: dict[str, dict[str, Any]] = {}
    for name in TABLES:
        value = data.get(name, {})
        if not isinstance(value, dict):
            problems.add(name, f"expected a table [{name}], got {_show(value)}")
            value = {}
        tables[name] = _check_table(value, SCHEMA[name], name, problems)
    arrays: dict[str, list[dict[str, Any]]] = {}
    for name in ARRAYS:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.add(name, f"expected [[{name}]] tables, got {_show(value)}")
            value = []
        arrays[name] = [
            _check_table(item, SCHEMA[name], f"{name}[{i}]", problems)
            for i, item in enumerate(value)
        ]

    perspective_ids: dict[str, int] = {}
    for i, item in enumerate(arrays["perspectives"]):
        pid = item.get("id")
        if pid is None:
            continue
        if not KEBAB.match(pid):
            suggestion = re.sub(r"[^a-z0-9]+", "-", pid.lower()).strip("-")
            problems.add(
                f"perspectives[{i}].id",
                f"{_show(pid)} is not kebab-case (lower-case words joined by '-'),"
                f" e.g. {_show(suggestion)}",
            )
        if pid in perspective_ids:
            problems.add(
                f"perspectives[{i}].id",
                f"duplicate perspective id {_show(pid)} (first used by"
                f" perspectives[{perspective_ids[pid]}])",
            )
        else:
            perspective_ids[pid] = i
    for i, item in enumerate(arrays["outlets"]):
        ref = item.get("perspective")
        if ref is not None and ref not in perspective_ids:
            close = difflib.get_close_matches(ref, list(perspective_ids), n=1, cutoff=0.6)
            known = (
                f"did you mean {close[0]!r}?"
                if close
                else (
                    "known ids: " + ", ".join(sorted(perspective_ids))
                    if perspective_ids
                    else "define it under [[perspectives]]"
                )
            )
            problems.add(
                f"outlets[{i}].perspective", f"unknown perspective id {_show(ref)}; {known}"
            )
    for name, field_name in (("outlets", "name"), ("articles", "path")):
        seen: dict[str, int] = {}
        for i, item in enumerate(arrays[name]):
            value = item.get(field_name)
            if value is None:
                continue
            key = value.casefold() if name == "outlets" else value
            if key in seen:
                problems.add(
                    f"{name}[{i}].{field_name}",
                    f"duplicate {field_name} {_show(value)} (also {name}[{seen[key]}])",
                )
            else:
                seen[key] = i
    for i, item in enumerate(arrays["stakeholders"]):
        kind = item.get("kind")
        if kind is not None and kind not in STAKEHOLDER_KINDS:
            problems.add(
                f"stakeholders[{i}].kind",
                f"expected one of {', '.join(STAKEHOLDER_KINDS)}, got {_show(kind)}",
            )
    for i, item in enumerate(arrays["articles"]):
        article_path = item.get("path")
        if article_path is not None and (article_path.startswith("/") or "\\" in article_path):
            problems.add(
                f"articles[{i}].path",
                "expected a path relative to the corpus folder with '/' separators,"
                f" got {_show(article_path)}",
            )

    story = tables["story"]
    return Manifest(
        title=story.get("title") or None,
        question=story.get("question") or None,
        perspectives=tuple(
            PerspectiveDef(
                id=p["id"],
                name=p["name"],
                description=p.get("description", ""),
                members=p.get("members", ()),
            )
            for p in arrays["perspectives"]
            if "id" in p and "name" in p
        ),
        outlets=tuple(
            OutletDef(
                name=o["name"], perspective=o.get("perspective"), aliases=o.get("aliases", ())
            )
            for o in arrays["outlets"]
            if "name" in o
        ),
        stakeholders=tuple(
            StakeholderDef(name=s["name"], terms=s.get("terms", ()), kind=s.get("kind", "group"))
            for s in arrays["stakeholders"]
            if "name" in s
        ),
        articles=tuple(
            ArticleMeta(
                path=a["path"],
                title=a.get("title"),
                outlet=a.get("outlet"),
                author=a.get("author"),
                published=a.get("date"),
                url=a.get("url"),
            )
            for a in arrays["articles"]
            if "path" in a
        ),
        exclude=tables["corpus"].get("exclude", ()),
        path=path,
    )


# ---------------------------------------------------------------- starter


def toml_string(value: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _kebab(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "perspective"


def guess_title(headlines: Sequence[str]) -> str | None:
    """The headline sharing the most content words with the others (ties: shortest)."""
    cleaned = [" ".join(h.split()) for h in headlines if h and h.strip()]
    if not cleaned:
        return None
    words = [set(re.findall(r"[a-z0-9]{4,}", h.casefold())) for h in cleaned]

    def score(i: int) -> tuple[int, int, str]:
        shared = sum(len(words[i] & words[j]) for j in range(len(cleaned)) if j != i)
        return (-shared, len(cleaned[i]), cleaned[i])

    return cleaned[min(range(len(cleaned)), key=score)]


def starter_manifest(
    corpus: Corpus,
    speakers: Sequence[Speaker] = (),
    perspectives: Sequence[PerspectiveDef] = (),
) -> str:
    """A commented starter ``argmap.toml`` for ``corpus`` (valid as it is)."""
    independent = corpus.independent_articles
    out: list[str] = [
        f"# argmap manifest for the corpus {corpus.name!r}: a starter written by `argmap init`.",
        "# Edit it, then run argmap again. Every key is optional unless marked required;",
        "# the format is documented in docs/manifest.md.",
        "",
        "[story]",
    ]
    title = corpus.manifest.title or guess_title([a.title or "" for a in independent])
    if title:
        out.append(f"title = {toml_string(title)}")
    else:
        out.append('# title = "What the story is about"')
    if corpus.manifest.question:
        out.append(f"question = {toml_string(corpus.manifest.question)}")
    else:
        out.append(
            '# question = "The contested question, e.g. Should frontier AI development be paused?"'
        )
    out.append("")

    used_ids: set[str] = set()
    members_placed: set[str] = set()
    defined = list(corpus.manifest.perspectives) + [
        p for p in perspectives if p.id not in {q.id for q in corpus.manifest.perspectives}
    ]
    if defined:
        out.append(
            "# Perspectives: the sides of the story. `members` are people, organisations and"
        )
        out.append("# outlets whose claims belong to this side.")
    for p in defined:
        pid = (
            p.id if KEBAB.match(p.id) and p.id not in used_ids else _unique(_kebab(p.id), used_ids)
        )
        used_ids.add(pid)
        if p.source == "discovered":
            out.append("# discovered from the articles: check the name, id and members")
        out += ["[[perspectives]]", f"id = {toml_string(pid)}", f"name = {toml_string(p.name)}"]
        out.append(
            f"description = {toml_string(p.description)}"
            if p.description
            else '# description = "One or two sentences on what this side holds"'
        )
        out.append(f"members = {_toml_list(p.members)}")
        out.append("")
        members_placed.update(m.casefold() for m in p.members)
    if not defined:
        out += [
            "# Perspectives: the sides of the story. Uncomment and fill in one block per side.",
            "# [[perspectives]]",
            '# id = "side-one"                # kebab-case, unique',
            '# name = "A short name for this side"',
            '# description = "One or two sentences on what this side holds"',
            '# members = ["Person", "Organisation", "Outlet"]',
            "",
        ]
    loose = sorted(
        (s for s in speakers if s.name.casefold() not in members_placed and s.kind != "outlet"),
        key=lambda s: (s.kind, s.name.casefold()),
    )
    if loose:
        out.append(
            "# Speakers found in the articles, not yet in a perspective (add them to members):"
        )
        for s in loose:
            role = f", {s.role}" if s.role else ""
            out.append(f"#   {s.name} ({s.kind}{role})")
        out.append("")

    outlets = sorted({a.outlet for a in corpus.articles if a.outlet}, key=str.casefold)
    known = {o.name.casefold(): o for o in corpus.manifest.outlets}
    if outlets or known:
        out.append(
            "# Outlets: set `perspective` to a perspective id above where an outlet takes a side."
        )
    for name in sorted(set(outlets) | {o.name for o in corpus.manifest.outlets}, key=str.casefold):
        outlet = known.get(name.casefold())
        out += ["[[outlets]]", f"name = {toml_string(name)}"]
        if outlet is not None and outlet.perspective and outlet.perspective in used_ids:
            out.append(f"perspective = {toml_string(outlet.perspective)}")
        else:
            out.append('# perspective = "side-one"')
        if outlet is not None and outlet.aliases:
            out.append(f"aliases = {_toml_list(outlet.aliases)}")
        out.append("")

    if corpus.manifest.stakeholders:
        for holder in corpus.manifest.stakeholders:
            out += [
                "[[stakeholders]]",
                f"name = {toml_string(holder.name)}",
                f"terms = {_toml_list(holder.terms)}",
            ]
            if holder.kind != "group":
                out.append(f"kind = {toml_string(holder.kind)}")
            out.append("")
    else:
        out += [
            "# Stakeholders: groups the story affects, quoted or not",
            "# (argmap reports the ones never quoted).",
            "# [[stakeholders]]",
            '# name = "Open-source developers"',
            '# terms = ["open-source", "open source", "independent researchers"]',
            "",
        ]
    if corpus.manifest.exclude:
        out += ["[corpus]", f"exclude = {_toml_list(corpus.manifest.exclude)}", ""]

    missing = [
        a
        for a in sorted(corpus.articles, key=lambda a: a.path)
        if not (a.outlet and a.author and a.published)
    ]
    if missing:
        out.append("# Articles whose outlet, author or date was not found: fill in what you know.")
    for a in missing:
        entry = corpus.manifest.article_meta(a.path)
        out += ["[[articles]]", f"path = {toml_string(a.path)}"]
        for key, value, example in (
            ("title", a.title, "Headline"),
            ("outlet", a.outlet, "Outlet name"),
            ("author", a.author, "Jane Doe"),
            ("date", a.published, "2026-06-06"),
            ("url", a.url, "https://..."),
        ):
            given = getattr(entry, "published" if key == "date" else key, None) if entry else None
            if given:
                out.append(f"{key} = {toml_string(given)}")
            elif value:
                out.append(f"# {key} = {toml_string(value)}   (found in the article)")
            else:
                out.append(f"# {key} = {toml_string(example)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


__all__: list[str] = [
    "MANIFEST_NAME",
    "TomlLocator",
    "load_manifest",
    "parse_manifest",
    "starter_manifest",
]
