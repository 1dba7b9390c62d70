"""Relations between claims: candidate pairs, the shipped relation model, restatements."""

from __future__ import annotations

from argmap.relate.model import LABELS, RelationModel

__all__ = ["LABELS", "RelationModel"]
