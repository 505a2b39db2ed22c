"""Allegations: statements of blame or treaty violation, kept out of every count."""

from __future__ import annotations

from minewatch.extract.context import Doc
from minewatch.extract.types import Draft


def extract_allegations(doc: Doc) -> list[Draft]:
    """Who accuses whom of what."""
    return []
