"""Writing results: atomic, deterministic, and never outside the output folder.

Every file is written to a temporary file in its destination folder and moved into
place with ``os.replace``, so a reader never sees half a file and a failed run never
leaves one behind. Paths are resolved and checked against the output root before any
write; a path that would escape it (``../``, an absolute path, a symlink pointing out)
is refused with :class:`~argmap.errors.OutputError`.

An argmap output folder carries a marker file, ``.argmap-output``. Writing into an
existing folder that has files but no marker is refused unless ``force=True``, so that
argmap never overwrites a folder of somebody else's files by mistake.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import OutputError

MARKER = ".argmap-output"  # the same name argmap.ingest skips as input


def dumps_json(data: Any) -> str:
    """JSON as argmap writes it: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class OutputDir:
    """An output folder that argmap owns."""

    def __init__(self, root: str | Path, *, force: bool = False) -> None:
        self.root = Path(root).resolve()
        self.force = force
        self.written: list[Path] = []

    def prepare(self) -> None:
        """Create the folder, or check that an existing one may be written into."""
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(
                "the output path exists and is not a folder.",
                path=self.root,
                hint="Choose another --out.",
            )
        if self.root.is_dir():
            entries = [p for p in self.root.iterdir() if p.name != MARKER]
            if entries and not (self.root / MARKER).exists() and not self.force:
                raise OutputError(
                    "the output folder is not empty and was not written by argmap; "
                    "refusing to write into it.",
                    path=self.root,
                    hint="Choose an empty or new folder, or pass --force to write anyway.",
                )
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the output folder ({exc.strerror}).", path=self.root
            ) from None
        self._write_bytes(self.root / MARKER, b"This folder was written by argmap.\n")

    def path(self, relative: str | Path) -> Path:
        """The absolute path of ``relative`` inside the root, refusing any escape."""
        rel = Path(relative)
        if rel.is_absolute() or ".." in rel.parts:
            raise OutputError(
                f"refusing to write outside the output folder: {relative}", path=self.root
            )
        target = (self.root / rel).resolve()
        if target != self.root and self.root not in target.parents:
            raise OutputError(
                f"refusing to write outside the output folder: {relative}", path=self.root
            )
        return target

    def write_text(self, relative: str | Path, text: str) -> Path:
        return self.write_bytes(relative, text.encode("utf-8"))

    def write_json(self, relative: str | Path, data: Any) -> Path:
        return self.write_text(relative, dumps_json(data))

    def write_bytes(self, relative: str | Path, data: bytes) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._write_bytes(target, data)
        self.written.append(target)
        return target

    def subdir(self, name: str) -> OutputDir:
        """An output folder inside this one (for one corpus of several)."""
        sub = OutputDir(self.path(name), force=True)
        sub.prepare()
        return sub

    @staticmethod
    def _write_bytes(target: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
