"""Command-line interface (placeholder until the pipeline lands)."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """argmap: source-attributed argument maps from news articles."""
