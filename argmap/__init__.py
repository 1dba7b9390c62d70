"""argmap: source-attributed argument maps from a folder of news articles."""

from __future__ import annotations

__version__ = "0.1.0"
