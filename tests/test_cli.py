"""The command line: what a user types and what they get back (exit codes, files, errors)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPORA

from argmap import schemas
from argmap.cli import main

SAMPLE = CORPORA / "wrenhaven-congestion-charge"


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


FRENCH = (
    "Le conseil municipal a voté mardi pour la construction de nouvelles voies de bus sur "
    "le périphérique, et le maire a dit que ce projet est une bonne chose pour la ville.\n"
)
GOOD = (
    "Council backs bus lanes\nBy Jane Doe\n\n"
    "The city council voted on Tuesday to build new bus lanes on the ring road.\n\n"
    "“This will cut journey times by a third,” said Mayor Ana Ruiz.\n"
)


def test_help_lists_every_command_with_help_text():
    result = invoke("--help")
    assert result.exit_code == 0
    for name, command in main.commands.items():
        assert name in result.output
        assert command.help, f"{name} has no help text"


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and re.search(r"\d+\.\d+\.\d+", result.output)


def test_usage_error_exits_2(tmp_path):
    result = invoke("run", tmp_path)  # --out missing
    assert result.exit_code == 2
    assert "--out" in result.output


def test_missing_folder_is_one_line_and_exit_1(tmp_path):
    result = invoke("run", tmp_path / "nope", "--out", tmp_path / "out")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "nope" in lines[0] and "[A101]" in lines[0]


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("run", tmp_path / "empty", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "no article files" in result.output


@pytest.mark.parametrize("command", ["claims", "gaps", "init"])
def test_a_folder_with_no_readable_article_stops_every_command(tmp_path, command):
    corpus = _corpus(
        tmp_path,
        {"binary.txt": b"\x00\x01\x02\x03" * 100, "empty.md": "", "broken.json": '{"a": '},
    )
    result = invoke(command, corpus)
    assert result.exit_code == 1, result.output
    for name in ("binary.txt", "empty.md", "broken.json"):
        assert sum(name in line for line in result.output.splitlines()) == 1, result.output
    assert "[A101]" in result.output and "no usable article (3 failed)" in result.output
    assert sorted(p.name for p in corpus.iterdir()) == ["binary.txt", "broken.json", "empty.md"]


@pytest.mark.slow
def test_bad_articles_are_counted_and_the_run_goes_on(tmp_path):
    corpus = _corpus(
        tmp_path,
        {
            "good.txt": GOOD,
            "empty.txt": "",
            "binary.txt": b"\x00\x01\x02\x03" * 100,
            "latin1.txt": "Caf\xe9 au lait".encode("latin-1") * 20,
            "broken.json": '{"title": "x", "text": ',
            "front.md": "---\ntitle: [unclosed\n---\nBody text here.\n",
            "french.txt": FRENCH * 3,
        },
    )
    result = invoke("run", corpus, "--out", tmp_path / "out")
    assert result.exit_code == 3, result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "broken.json", "front.md", "french.txt"):
        lines = [line for line in result.output.splitlines() if name in line]
        assert len(lines) == 1, (name, result.output)
    data = json.loads((tmp_path / "out" / "claims.json").read_text(encoding="utf-8"))
    assert [a["path"] for a in data["articles"]] == ["good.txt"]
    assert len(data["corpus"]["failures"]) == 6
    assert {f["reason"] for f in data["corpus"]["failures"]} == {
        "empty",
        "binary",
        "encoding",
        "json",
        "front_matter",
        "language",
    }


@pytest.mark.slow
def test_run_writes_claims_json(tmp_path):
    result = invoke("run", SAMPLE, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    data = json.loads((tmp_path / "out" / "claims.json").read_text(encoding="utf-8"))
    assert data["schema"] == schemas.CLAIMS
    assert {
        "id",
        "path",
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "perspective",
        "duplicate_of",
    } <= set(data["articles"][0])
    claim = data["claims"][0]
    for key in (
        "id",
        "article_id",
        "text",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "speaker",
        "speaker_start",
        "speaker_end",
        "speaker_kind",
        "speaker_role",
        "cue",
        "cue_start",
        "cue_end",
        "attribution",
        "kind",
        "hedged",
        "confidence",
        "perspective",
    ):
        assert key in claim
    paths = {a["path"] for a in data["articles"]}
    assert all(not Path(p).is_absolute() for p in paths)


@pytest.mark.slow
def test_same_input_same_bytes(tmp_path):
    invoke("run", SAMPLE, "--out", tmp_path / "a", "--quiet")
    invoke("run", SAMPLE, "--out", tmp_path / "b", "--quiet")
    assert (tmp_path / "a" / "claims.json").read_bytes() == (
        tmp_path / "b" / "claims.json"
    ).read_bytes()


@pytest.mark.slow
def test_several_corpora_get_one_folder_each(tmp_path):
    other = _corpus(tmp_path, {"one.txt": GOOD})
    result = invoke("run", SAMPLE, other, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SAMPLE.name / "claims.json").exists()
    assert (tmp_path / "out" / "corpus" / "claims.json").exists()
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert f'href="{SAMPLE.name}/index.html"' in index and 'href="corpus/index.html"' in index


@pytest.mark.slow
def test_a_corpus_that_fails_is_listed_in_the_top_index(tmp_path):
    other = _corpus(tmp_path, {"one.txt": GOOD})
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("run", other, empty, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 3, result.output
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "Not analysed" in index and "empty" in index


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "jsonl", "table"])
def test_claims_command_formats(tmp_path, fmt):
    corpus = _corpus(tmp_path, {"one.txt": GOOD})
    result = invoke("claims", corpus, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output)["schema"] == schemas.CLAIMS
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert any(r["speaker"] == "Ana Ruiz" and r["attribution"] == "direct" for r in rows)
        assert all(r["path"] == "one.txt" for r in rows)
    else:
        assert "Ana Ruiz" in result.output and "one.txt" in result.output


@pytest.mark.slow
def test_claims_with_two_workers_are_the_claims_of_one():
    one = invoke("claims", SAMPLE, "--format", "jsonl", "--jobs", "1", "--quiet")
    two = invoke("claims", SAMPLE, "--format", "jsonl", "--jobs", "2", "--quiet")
    assert one.exit_code == two.exit_code == 0, two.output
    assert one.output == two.output and one.output.count("\n") > 50


@pytest.mark.slow
def test_init_writes_a_manifest_that_loads_and_never_overwrites(tmp_path):
    from argmap.manifest import load_manifest

    corpus = _corpus(tmp_path, {"one.txt": GOOD})
    result = invoke("init", corpus, "--quiet")
    assert result.exit_code == 0, result.output
    manifest = corpus / "argmap.toml"
    assert "Ana Ruiz" in manifest.read_text(encoding="utf-8")
    load_manifest(manifest)
    again = invoke("init", corpus)
    assert again.exit_code == 1 and "already exists" in again.output
    printed = invoke("init", corpus, "--output", "-")
    assert printed.exit_code == 0 and "[story]" in printed.output


def test_unknown_pipeline_names_the_install_command(tmp_path):
    corpus = _corpus(tmp_path, {"one.txt": GOOD})
    result = invoke("claims", corpus, "--pipeline", "en_core_web_nonexistent")
    assert result.exit_code == 1
    assert "[A300]" in result.output and "pip install" in result.output


@pytest.mark.slow
def test_refuses_to_overwrite_a_foreign_folder(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    result = invoke("run", SAMPLE, "--out", target)
    assert result.exit_code == 1 and "--force" in result.output
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


@pytest.mark.slow
def test_output_folder_inside_the_corpus_is_not_read_back(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    first = invoke("run", corpus, "--out", corpus / "out", "--quiet")
    assert first.exit_code == 0
    second = invoke("claims", corpus, "--format", "json", "--quiet")
    data = json.loads(second.output)
    assert not any(a["path"].startswith("out/") for a in data["articles"])


@pytest.mark.slow
def test_relate_classifies_pairs_in_order(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps(
            {"id": "p1", "a": "The tax will cut traffic.", "b": "The tax will not cut traffic."}
        )
        + "\n"
        + json.dumps(
            {"id": "p2", "a": "Bus fares rise in April.", "b": "The museum opens on Sunday."}
        )
        + "\n",
        encoding="utf-8",
    )
    result = invoke("relate", pairs)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["p1", "p2"]
    for r in rows:
        assert r["relation"] in ("supports", "contradicts", "unrelated")
        assert set(r["scores"]) == {"supports", "contradicts", "unrelated"}
        assert abs(sum(r["scores"].values()) - 1) < 0.01


def test_relate_names_the_bad_line(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "p1", "a": "x", "b": "y"}\nnot json\n', encoding="utf-8")
    result = invoke("relate", pairs)
    assert result.exit_code == 1
    assert "line 2" in result.output
