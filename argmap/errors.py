"""The one exception hierarchy of argmap.

Every error a user can meet carries a code (``[A101]``), says what was wrong, names
the file (and line or key where there is one) and says what to do next. The CLI
turns these into one-line messages in exactly one place (``argmap.cli``); library
callers catch :class:`ArgmapError`.

Codes: A1xx input and ingestion, A2xx manifest, A3xx models and pipelines,
A4xx output, A5xx usage.
"""

from __future__ import annotations

from pathlib import Path


class ArgmapError(Exception):
    """Base class: a problem argmap can explain to its user."""

    code = "A000"

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"[{self.code}] {where}{self.message}{hint}"


class InputError(ArgmapError):
    """A corpus folder or an article could not be read."""

    code = "A100"


class ArticleError(InputError):
    """One article is unusable; the run records it as a failure and goes on."""

    code = "A110"

    def __init__(self, message: str, *, path: str | Path, reason: str, hint: str | None = None):
        self.reason = reason
        super().__init__(message, path=path, hint=hint)


class CorpusError(InputError):
    """The corpus as a whole is unusable (missing folder, nothing readable)."""

    code = "A101"


class ManifestError(ArgmapError):
    """``argmap.toml`` is malformed; lists every problem found."""

    code = "A200"

    def __init__(self, problems: list[str], *, path: str | Path):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the manifest:"
        body = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(
            head + body, path=path, hint="\nFix them and run again (see docs/manifest.md)."
        )


class ModelError(ArgmapError):
    """A spaCy pipeline or a bundled model cannot be loaded."""

    code = "A300"


class OutputError(ArgmapError):
    """The output folder cannot be written safely."""

    code = "A400"


class UsageError(ArgmapError):
    """The caller asked for something that does not make sense."""

    code = "A500"
