"""The output folder: atomic writes that never leave it, and no overwriting of others' files."""

from __future__ import annotations

import os

import pytest

from argmap.errors import OutputError
from argmap.output import MARKER, OutputDir, dumps_json


def test_writes_inside_and_marks_the_folder(tmp_path):
    out = OutputDir(tmp_path / "out")
    out.prepare()
    path = out.write_json("sub/data.json", {"b": 1, "a": "é"})
    assert path == tmp_path / "out" / "sub" / "data.json"
    assert path.read_text(encoding="utf-8") == '{\n  "a": "é",\n  "b": 1\n}\n'
    assert (tmp_path / "out" / MARKER).exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("escape", ["../evil.txt", "/tmp/evil.txt", "a/../../evil.txt"])
def test_refuses_paths_that_leave_the_folder(tmp_path, escape):
    out = OutputDir(tmp_path / "out")
    out.prepare()
    with pytest.raises(OutputError, match="outside the output folder"):
        out.write_text(escape, "x")
    assert not (tmp_path / "evil.txt").exists()


def test_refuses_a_symlink_that_points_out(tmp_path):
    out = OutputDir(tmp_path / "out")
    out.prepare()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "link")
    with pytest.raises(OutputError):
        out.write_text("link/file.txt", "x")
    assert not (tmp_path / "elsewhere" / "file.txt").exists()


def test_refuses_a_folder_of_someone_elses_files_unless_forced(tmp_path):
    target = tmp_path / "photos"
    target.mkdir()
    (target / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(OutputError, match="not written by argmap"):
        OutputDir(target).prepare()
    OutputDir(target, force=True).prepare()
    assert (target / "holiday.jpg").read_bytes() == b"\xff\xd8"
    OutputDir(target).prepare()  # marked now: a second run may write


def test_an_existing_argmap_folder_is_reused(tmp_path):
    first = OutputDir(tmp_path / "out")
    first.prepare()
    first.write_text("claims.json", "{}")
    OutputDir(tmp_path / "out").prepare()


def test_refuses_a_file_as_output(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        OutputDir(tmp_path / "file").prepare()


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    out = OutputDir(tmp_path / "out")
    out.prepare()
    out.write_text("claims.json", "old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        out.write_text("claims.json", "new")
    assert (tmp_path / "out" / "claims.json").read_text() == "old"
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".tmp-")]


def test_json_is_sorted_and_stable():
    assert (
        dumps_json({"z": [2, 1], "a": None}) == '{\n  "a": null,\n  "z": [\n    2,\n    1\n  ]\n}\n'
    )
