"""argmap.toml: loading, validation that reports every problem, the starter manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ManifestError
from argmap.ingest import load_corpus
from argmap.manifest import TomlLocator, load_manifest, parse_manifest, starter_manifest
from argmap.records import PerspectiveDef, Speaker

GOOD = """\
# a complete manifest
[story]
title = "Island ferry fares"
question = "Should ferry fares rise to cover fuel costs?"

[corpus]
exclude = ["reference/*"]

[[perspectives]]
id = "operators"
name = "Ferry operators"
description = "Fares must follow fuel costs."
members = ["Harbour Authority", "Priya Anand"]

[[perspectives]]
id = "islanders"
name = "Islanders"
members = ["Lee Marr"]

[[outlets]]
name = "Island Courier"
perspective = "islanders"
aliases = ["The Courier"]

[[stakeholders]]
name = "Tourism businesses"
terms = ["tourism", "hotels"]

[[articles]]
path = "wire/fares.txt"
outlet = "Islands Wire"
author = "Jo Park"
date = 2026-03-02
url = "https://wire.example/fares"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "argmap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_manifest_loads(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, GOOD))
    assert manifest.title == "Island ferry fares"
    assert manifest.question.startswith("Should")  # type: ignore[union-attr]
    assert [p.id for p in manifest.perspectives] == ["operators", "islanders"]
    assert manifest.perspectives[0].members == ("Harbour Authority", "Priya Anand")
    assert manifest.outlet("the courier").perspective == "islanders"  # type: ignore[union-attr]
    assert manifest.stakeholders[0].terms == ("tourism", "hotels")
    meta = manifest.article_meta("wire/fares.txt")
    assert meta is not None and meta.published == "2026-03-02" and meta.author == "Jo Park"
    assert manifest.exclude == ("reference/*",)
    assert manifest.path == str(tmp_path / "argmap.toml")


def test_empty_manifest_is_valid(tmp_path: Path) -> None:
    assert load_manifest(write(tmp_path, "# nothing yet\n")).perspectives == ()


FIVE_PROBLEMS = """\
[story]
titel = "Island ferry fares"

[[perspectives]]
id = "Ferry Operators"
name = "Ferry operators"

[[perspectives]]
id = "islanders"
members = "Lee Marr"

[[outlets]]
name = "Island Courier"
perspective = "islander"
"""


def test_every_problem_is_reported_at_once_with_lines(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as info:
        load_manifest(write(tmp_path, FIVE_PROBLEMS))
    assert info.value.problems == [
        "line 2: story.titel: unknown key; did you mean 'title'?",
        'line 5: perspectives[0].id: "Ferry Operators" is not kebab-case (lower-case words '
        "joined by '-'), e.g. \"ferry-operators\"",
        "line 8: perspectives[1]: missing required key 'name'",
        'line 10: perspectives[1].members: expected a list of strings, got "Lee Marr"',
        'line 14: outlets[0].perspective: unknown perspective id "islander"; did you mean '
        "'islanders'?",
    ]
    rendered = str(info.value)
    assert "5 problems" in rendered and "argmap.toml" in rendered


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[perspectives]]\nid = "a"\nname = "A"\n[[perspectives]]\nid = "a"\nname = "B"\n',
         "line 5: perspectives[1].id: duplicate perspective id \"a\" (first used by "
         "perspectives[0])"),
        ('[[outlets]]\nname = "X"\nperspective = "nobody"\n',
         "line 3: outlets[0].perspective: unknown perspective id \"nobody\"; define it under "
         "[[perspectives]]"),
        ("[storyy]\n", "line 1: storyy: unknown key; did you mean 'story'?"),
        ('[[articles]]\npath = "a.txt"\ndate = "someday"\n',
         'line 3: articles[0].date: expected a date like 2026-06-06, got "someday"'),
        ('[[articles]]\nauthor = "Jo"\n', "line 1: articles[0]: missing required key 'path'"),
        ('[[outlets]]\nname = "X"\n[[outlets]]\nname = "x"\n',
         'line 4: outlets[1].name: duplicate name "x" (also outlets[0])'),
        ('[[stakeholders]]\nname = "S"\nkind = "crowd"\n',
         'line 3: stakeholders[0].kind: expected one of group, person, organisation, got "crowd"'),
        ("story = 3\n", "line 1: story: expected a table [story], got 3"),
    ],
)  # fmt: skip
def test_single_problems(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(ManifestError) as info:
        load_manifest(write(tmp_path, text))
    assert info.value.problems == [problem]


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as info:
        load_manifest(write(tmp_path, '[story]\ntitle = "ok"\nquestion = \n'))
    (problem,) = info.value.problems
    assert problem.startswith("line 3, column 12: TOML syntax error")


def test_missing_manifest_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="file not found"):
        load_manifest(tmp_path / "argmap.toml")


def test_locator_handles_dotted_keys_arrays_and_multiline_strings() -> None:
    text = (
        '[story]\ntitle = """a\n[[fake]]\nb"""\nquestion = "q"\n'
        '[[perspectives]]\nid = "x"\n"members" = [\n  "A",\n]\n'
        "[[perspectives]]\nid = 'y'\nsub.key = 1\n"
    )
    locator = TomlLocator(text)
    assert locator.line("story.question") == 5
    assert locator.line("perspectives[0].members") == 8
    assert locator.line("perspectives[1].id") == 12
    assert locator.line("perspectives[1].sub.key") == 13
    assert locator.line("perspectives[1].name") == 11  # falls back to the table header


ARTICLE = (
    "Ferry fares to rise by a fifth\n\nBy Jo Park\n\n"
    "The harbour authority said on Monday that ferry fares would rise by a fifth from March.\n"
)


def test_starter_manifest_round_trips(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "fares"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(ARTICLE)
    (corpus_dir / "b.md").write_text(
        '---\ntitle: "Islanders say \\"no\\" to fare rise"\nsource: Island Courier\n'
        "author: Sam Reyes\ndate: 2026-03-03\n---\nIslanders said no to the fare rise today.\n"
    )
    corpus = load_corpus(corpus_dir)
    speakers = [
        Speaker("s-1", "Lee Marr", "person", role="councillor"),
        Speaker("s-2", "Harbour Authority", "organisation"),
        Speaker("s-3", "Priya Anand", "person"),
    ]
    discovered = [
        PerspectiveDef("Operators", "Ferry operators", members=("Harbour Authority",),
                       source="discovered"),
    ]  # fmt: skip
    text = starter_manifest(corpus, speakers, discovered)
    path = write(tmp_path, text)
    manifest = load_manifest(path)  # no problems
    assert manifest.title in ("Ferry fares to rise by a fifth", 'Islanders say "no" to fare rise')
    assert [p.id for p in manifest.perspectives] == ["operators"]
    assert manifest.perspectives[0].members == ("Harbour Authority",)
    assert [o.name for o in manifest.outlets] == ["Island Courier"]
    assert [a.path for a in manifest.articles] == ["a.txt"]  # b.md has all its metadata
    assert "#   Lee Marr (person, councillor)" in text
    assert "#   Priya Anand (person)" in text
    assert "Harbour Authority (organisation)" not in text  # already a member
    assert starter_manifest(corpus, speakers, discovered) == text  # deterministic


def test_starter_manifest_for_a_bare_corpus_is_valid(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    text = starter_manifest(load_corpus(tmp_path))
    assert parse_manifest(text).articles[0].path == "a.txt"
    assert "# [[perspectives]]" in text
