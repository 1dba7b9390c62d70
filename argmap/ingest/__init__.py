"""Ingestion: a folder of articles becomes a :class:`~argmap.records.Corpus`.

:func:`load_corpus` walks the folder (recursively, sorted, dotfiles and dot-folders
skipped), reads every article format (:mod:`.readers`), classifies boilerplate
(:mod:`.boilerplate`), finds metadata (:mod:`.metadata`), rejects non-English text
(:mod:`.language`) and marks syndicated copies (:mod:`.dedup`). A bad article becomes a
:class:`~argmap.records.Failure` with a stable reason code and the run goes on; see
``docs/ingestion.md``.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from argmap.errors import ArticleError, CorpusError
from argmap.ingest import boilerplate, dedup, metadata
from argmap.ingest.language import detect_language
from argmap.ingest.layout import Draft
from argmap.ingest.readers import FORMATS, read
from argmap.manifest import MANIFEST_NAME, load_manifest
from argmap.records import Article, Corpus, Failure, Manifest, stable_id

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "REASONS",
    "article_from_text",
    "build_article",
    "list_files",
    "load_corpus",
]

MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES: tuple[str, ...] = tuple(sorted(FORMATS))

#: Stable reason codes of :class:`~argmap.records.Failure` (documented in docs/ingestion.md).
REASONS: dict[str, str] = {
    "empty": "the file (or JSON item) has no content",
    "binary": "the file is binary (NUL or control bytes), not text",
    "too_large": "the file is larger than max_bytes (10 MB by default)",
    "unreadable": "the file could not be opened (permissions, I/O error)",
    "encoding": "bytes that are not valid UTF-8 / UTF-16 with BOM / the declared charset",
    "front_matter": "malformed YAML front matter in a Markdown file",
    "html": "malformed HTML, or HTML with no extractable article text",
    "json": "malformed JSON (line, column), or an item that is not an object",
    "no_text": "no article text: a missing text field, or nothing left after boilerplate",
    "language": "the text is not in English",
}


def load_corpus(
    path: str | Path,
    *,
    manifest: Manifest | str | Path | None = None,
    max_bytes: int = MAX_BYTES,
    exclude: Sequence[str] = (),
    default_exclude: bool = True,
) -> Corpus:
    """Read every article under ``path`` into a :class:`Corpus`.

    ``manifest`` is a loaded :class:`Manifest`, a path to one, or None to use
    ``path/argmap.toml`` when it exists. ``exclude`` adds glob patterns (matched against
    paths relative to ``path``, e.g. ``"reference/*"``) to the manifest's
    ``[corpus] exclude``. Unless ``default_exclude`` is False, folders named
    ``reference``/``references`` (material for comparison, not input) are left out too,
    and argmap's own output folders always are.

    Raises :class:`CorpusError` when the folder is missing, is not a folder, or holds no
    article file at all, and :class:`ManifestError` for an invalid manifest. When article
    files exist but none is usable, the corpus is returned with no articles and every
    failure listed: the caller decides whether that is fatal.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(
            "corpus folder not found",
            path=root,
            hint="Check the path: argmap reads a folder of .txt, .md, .html, .json, .jsonl files.",
        )
    if not root.is_dir():
        raise CorpusError(
            "is not a folder",
            path=root,
            hint="Pass the folder that holds the articles (one story per folder), not a file.",
        )
    loaded = _manifest(root, manifest)
    files, skipped = list_files(
        root, exclude=tuple(loaded.exclude) + tuple(exclude), default_exclude=default_exclude
    )
    if not files:
        found = (
            f" (found only: {', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''})"
            if skipped
            else ""
        )
        raise CorpusError(
            f"has no article files{found}",
            path=root,
            hint=f"Put the articles there as {', '.join(ARTICLE_SUFFIXES)} files.",
        )
    articles: list[Article] = []
    failures: list[Failure] = []
    for rel in files:
        for item in _read_file(root, rel, max_bytes):
            result = item if isinstance(item, ArticleError) else build_article(item, loaded)
            if isinstance(result, ArticleError):
                failures.append(_failure(result))
            else:
                articles.append(result)
    copies = dedup.find_duplicates(articles)
    if copies:
        articles = [
            replace(a, duplicate_of=copies[a.id]) if a.id in copies else a for a in articles
        ]
    return Corpus(
        root=str(root),
        name=root.resolve().name,
        manifest=loaded,
        articles=tuple(articles),
        failures=tuple(failures),
        skipped=tuple(skipped),
    )


def article_from_text(
    text: str,
    *,
    path: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Article:
    """One article from a string (as if it were a JSON item): the same boilerplate,
    metadata and language checks as a file. Raises :class:`ArticleError` when the text
    is not usable."""
    from argmap.ingest.readers import _json_article

    item = {
        "text": text,
        "title": title,
        "outlet": outlet,
        "author": author,
        "date": published,
        "url": url,
    }
    draft = _json_article({k: v for k, v in item.items() if v is not None}, path, path)
    result = draft if isinstance(draft, ArticleError) else build_article(draft)
    if isinstance(result, ArticleError):
        raise result
    return result


def _manifest(root: Path, manifest: Manifest | str | Path | None) -> Manifest:
    if isinstance(manifest, Manifest):
        return manifest
    if manifest is not None:
        return load_manifest(manifest)
    default = root / MANIFEST_NAME
    return load_manifest(default) if default.is_file() else Manifest()


def _excluded(rel: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*"):
            return True
        if pattern.endswith("/**") and rel.startswith(pattern[:-2]):
            return True
    return False


#: Folders left out unless ``default_exclude=False``: material kept beside the articles
#: for comparison (a published reference explainer), not input.
DEFAULT_EXCLUDE: tuple[str, ...] = ("reference", "references")
#: A folder holding this file is an argmap output folder (see argmap.output): never input.
OUTPUT_MARKER = ".argmap-output"


def list_files(
    root: Path, *, exclude: Sequence[str] = (), default_exclude: bool = True
) -> tuple[list[str], list[str]]:
    """``(article files, skipped files)`` under ``root`` as sorted relative POSIX paths.

    Dotfiles and dot-folders are left out silently; symlinks that leave the folder,
    symlinked folders, excluded paths and files that are not articles (by suffix) are
    listed as skipped.
    """
    real_root = root.resolve()
    articles: list[str] = []
    skipped: list[str] = []
    for current, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(current)
        keep = []
        for name in dirnames:
            if name.startswith("."):
                continue
            full = here / name
            rel = full.relative_to(root).as_posix()
            if (
                full.is_symlink()
                or _excluded(rel, exclude)
                or (default_exclude and name.lower() in DEFAULT_EXCLUDE)
                or (full / OUTPUT_MARKER).exists()
            ):
                skipped.append(rel + "/")
            else:
                keep.append(name)
        dirnames[:] = sorted(keep)
        for name in filenames:
            if name.startswith("."):
                continue
            full = here / name
            rel = full.relative_to(root).as_posix()
            if full.is_symlink():
                try:
                    target = full.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(rel)
                    continue
                if not target.is_relative_to(real_root) or not target.is_file():
                    skipped.append(rel)
                    continue
            elif not full.is_file():
                skipped.append(rel)
                continue
            if _excluded(rel, exclude) or Path(name).suffix.lower() not in FORMATS:
                skipped.append(rel)
            else:
                articles.append(rel)
    return sorted(articles), sorted(skipped)


def _read_file(root: Path, rel: str, max_bytes: int) -> list[Draft | ArticleError]:
    full = root / rel
    try:
        size = full.stat().st_size
        if size > max_bytes:
            return [
                ArticleError(
                    f"is {_size(size)}, over the {_size(max_bytes)} limit",
                    path=rel,
                    reason="too_large",
                    hint="Split it into one file per article (or raise max_bytes).",
                )
            ]
        data = full.read_bytes()
    except OSError as exc:
        return [
            ArticleError(
                f"cannot be read ({exc.strerror or exc})",
                path=rel,
                reason="unreadable",
                hint="Check the file's permissions.",
            )
        ]
    return read(data, rel, FORMATS[Path(rel).suffix.lower()])


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _failure(error: ArticleError) -> Failure:
    return Failure(path=error.path or "", reason=error.reason, message=error.render())


def build_article(draft: Draft, manifest: Manifest | None = None) -> Article | ArticleError:
    """Classify a draft's regions, resolve its metadata and check its language."""
    manifest = manifest or Manifest()
    regions = boilerplate.classify(draft)
    regions, stated = metadata.from_text(draft.text, regions)
    body = [r for r in regions if r.role == "body"]
    if not body:
        return ArticleError(
            "has no article text left after removing boilerplate"
            f" ({sum(1 for r in regions if r.role == 'boilerplate')} boilerplate lines)",
            path=draft.path,
            reason="no_text",
            hint="Check that the file holds the article itself, not only page furniture.",
        )
    body_text = "\n".join(draft.text[r.start : r.end] for r in body)
    guess = detect_language(body_text)
    if not guess.is_english:
        return ArticleError(
            f"is not in English: it {guess.describe()}",
            path=draft.path,
            reason="language",
            hint="argmap reads English articles; remove it or add a translation.",
        )
    headline = next((r for r in regions if r.role == "headline"), None)
    headline_text = (
        " ".join(draft.text[headline.start : headline.end].split()) if headline else None
    )
    resolved = metadata.resolve(
        draft.path, draft.fields, draft.field_source, stated.values, headline_text, manifest
    )
    values = resolved.values
    return Article(
        id=stable_id("a", draft.path),
        path=draft.path,
        format=draft.format,
        text=draft.text,
        title=values.get("title"),
        outlet=values.get("outlet"),
        author=values.get("author"),
        published=values.get("published"),
        url=values.get("url"),
        perspective=values.get("perspective"),
        regions=tuple(regions),
        metadata_sources=resolved.sources,
    )
