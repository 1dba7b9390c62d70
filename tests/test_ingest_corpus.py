"""load_corpus: the folder walk, failures with reason codes, manifests, determinism."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from argmap.errors import CorpusError, ManifestError
from argmap.ingest import REASONS, load_corpus
from argmap.records import Manifest, OutletDef

ARTICLE = (
    "Council backs the harbour tunnel plan\n"
    "\n"
    "The city council voted on Tuesday to fund the harbour tunnel, ending a debate that has "
    "divided residents for a decade.\n"
    "\n"
    '"This is the most important transport decision in a generation," said Mayor Ada Quill.\n'
    "\n"
    "Opponents said the money would be better spent on buses and that the tunnel would bring "
    "more traffic into the old town.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_missing_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "nope")
    assert "not found" in str(info.value) and "nope" in str(info.value)


def test_a_file_is_not_a_corpus(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    with pytest.raises(CorpusError, match="is not a folder"):
        load_corpus(path)


@pytest.mark.parametrize("files", [{}, {"argmap.toml": "", "photo.png": b"\x89PNG\r\n\x1a\n\0\0"}])
def test_no_article_files_is_a_corpus_error(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        write(tmp_path, name, content)
    with pytest.raises(CorpusError, match="no article files"):
        load_corpus(tmp_path)


def test_no_usable_article_returns_an_empty_corpus_with_failures(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.json", "{oops")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == ()
    assert [f.reason for f in corpus.failures] == ["empty", "json"]


def test_walk_is_recursive_sorted_and_skips_dotfiles_and_non_articles(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a/z.md", ARTICLE)
    write(tmp_path, "a/c.txt", ARTICLE.replace("tunnel", "bridge"))
    write(tmp_path, ".hidden.txt", ARTICLE)
    write(tmp_path, ".git/x.txt", ARTICLE)
    write(tmp_path, "expected.toml", "x = 1\n")
    write(tmp_path, "img/photo.jpg", b"\xff\xd8\xff\xe0")
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["a/c.txt", "a/z.md", "b.txt"]
    assert corpus.skipped == ("expected.toml", "img/photo.jpg")
    assert corpus.name == tmp_path.name


def test_symlinks_leaving_the_corpus_are_skipped(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/secret.txt", ARTICLE)
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir, "a.txt", ARTICLE)
    os.symlink(outside, corpus_dir / "link.txt")
    os.symlink(tmp_path / "outside", corpus_dir / "linkdir")
    os.symlink(corpus_dir / "a.txt", corpus_dir / "inside.txt")
    corpus = load_corpus(corpus_dir)
    assert [a.path for a in corpus.articles] == ["a.txt", "inside.txt"]
    assert corpus.skipped == ("link.txt", "linkdir/")
    # a link to an article inside the corpus is read, and is a copy of it
    assert corpus.articles[1].duplicate_of == corpus.articles[0].id


def test_exclude_patterns_from_argument_and_manifest(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "reference/r.txt", ARTICLE.replace("tunnel", "ferry"))
    write(tmp_path, "drafts/d.txt", ARTICLE.replace("tunnel", "cable car"))
    write(tmp_path, "argmap.toml", '[corpus]\nexclude = ["drafts/*"]\n')
    corpus = load_corpus(tmp_path, exclude=["reference"])
    assert [a.path for a in corpus.articles] == ["a.txt"]
    assert corpus.skipped == ("argmap.toml", "drafts/d.txt", "reference/")


def test_manifest_sources(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "argmap.toml", '[story]\ntitle = "Tunnel"\n')
    assert load_corpus(tmp_path).manifest.title == "Tunnel"
    other = write(tmp_path, "elsewhere.toml", '[story]\ntitle = "Other"\n')
    assert load_corpus(tmp_path, manifest=other).manifest.title == "Other"
    given = Manifest(title="Given", outlets=(OutletDef("Harbour Herald"),))
    assert load_corpus(tmp_path, manifest=given).manifest.title == "Given"
    write(tmp_path, "argmap.toml", "[story]\ntitel = 1\n")
    with pytest.raises(ManifestError, match="did you mean 'title'"):
        load_corpus(tmp_path)


# ------------------------------------------------------------------ bad input

LONG_FRENCH = (
    "Le conseil municipal a voté mardi pour financer le tunnel du port, mettant fin à un débat "
    "qui divise les habitants depuis dix ans. Les opposants ont dit que cet argent serait mieux "
    "dépensé pour les bus et que le tunnel amènerait plus de circulation dans la vieille ville."
)

BAD_INPUTS = [
    ("empty", "a.txt", b"", "is empty"),
    ("empty", "a.md", b"  \n\n \t\n", "is empty"),
    ("binary", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
    ("binary", "a.html", b"GIF89a\x01\x00\x01\x00\x80\x00\x00" * 30, "binary"),
    (
        "encoding",
        "a.txt",
        ARTICLE.encode()[:40] + b"\xe9t\xe9 " + ARTICLE.encode()[40:],
        "byte offset 40",
    ),
    ("encoding", "a.json", b'{"text": "caf\xe9 ' + b"x " * 30 + b'"}', "byte offset 13"),
    ("front_matter", "a.md", b"---\ntitle: A: B: C\n---\nBody text here.\n", "line 2"),
    ("front_matter", "a.md", b"---\ntitle: never closed\nBody\n", "never closed"),
    ("front_matter", "a.md", b"---\n- a\n- b\n---\nBody text here.\n", "not 'key: value'"),
    ("html", "a.html", b"just some words, no markup at all", "not HTML"),
    ("html", "a.html", b"<html><body><script>app()</script></body></html>", "no extractable"),
    ("json", "a.json", b'{"title": "x",\n "text": "y" "z"}', "line 2, column 14"),
    ("json", "a.json", b"[1]", "not an article object"),
    ("json", "a.json", b'"just a string"', "not an article object"),
    (
        "no_text",
        "a.json",
        b'{"title": "Only a title", "url": "https://example.org"}',
        "no article text",
    ),
    ("no_text", "a.txt", b"ADVERTISEMENT\n\nShare this article\n", "after removing"),
    ("language", "a.txt", LONG_FRENCH.encode(), "French"),
]


@pytest.mark.parametrize(("reason", "name", "content", "detail"), BAD_INPUTS)
def test_bad_input_is_one_failure_and_the_run_goes_on(
    tmp_path: Path, reason: str, name: str, content: bytes, detail: str
) -> None:
    write(tmp_path, name, content)
    write(tmp_path, "zz_good.txt", ARTICLE)
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["zz_good.txt"]
    (failure,) = corpus.failures
    assert failure.reason == reason and reason in REASONS
    assert failure.path in (name, f"{name}#1")
    assert "\n" not in failure.message
    assert name in failure.message and detail in failure.message


def test_too_large_files_are_not_read(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", ARTICLE * 40)
    write(tmp_path, "small.txt", ARTICLE)
    corpus = load_corpus(tmp_path, max_bytes=2000)
    assert [a.path for a in corpus.articles] == ["small.txt"]
    (failure,) = corpus.failures
    assert (failure.path, failure.reason) == ("big.txt", "too_large")
    assert "over the 2000 bytes limit" in failure.message


def test_jsonl_malformed_line_is_one_failure_and_other_lines_load(tmp_path: Path) -> None:
    good = {"title": "Tunnel vote", "text": ARTICLE.split("\n", 2)[2], "source": "Harbour Herald"}
    lines = [json.dumps(good), '{"title": "broken", "text": }', json.dumps({**good, "title": "B"})]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["feed.jsonl#L1", "feed.jsonl#L3"]
    (failure,) = corpus.failures
    assert failure.path == "feed.jsonl#L2" and failure.reason == "json"
    assert "line 2, column 29" in failure.message


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-be", codecs.BOM_UTF16_BE)],
)  # fmt: skip
def test_accepted_encodings_and_bom_excluded_from_offsets(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    text = ARTICLE.replace("Mayor", "Maire Zoë").replace("\n", "\r\n")
    write(tmp_path, "a.txt", bom + text.encode(encoding))
    (article,) = load_corpus(tmp_path).articles
    assert article.text == text  # \r\n kept, BOM not part of the text
    body = article.body_regions
    assert article.text[body[1].start : body[1].end].startswith('"This is the most')
    assert all("\r" not in article.text[r.start : r.end] for r in article.regions)


def test_loading_twice_gives_identical_records(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.md", "---\ntitle: T\nauthor: Jo Park\n---\n" + ARTICLE)
    write(tmp_path, "c.jsonl", json.dumps({"title": "x", "text": ARTICLE}) + "\n")
    assert load_corpus(tmp_path) == load_corpus(tmp_path)
    ids = [a.id for a in load_corpus(tmp_path).articles]
    assert len(set(ids)) == 3 and all(i.startswith("a-") for i in ids)
