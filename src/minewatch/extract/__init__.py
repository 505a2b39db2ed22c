"""Rule-based extraction of mine action facts (claims) from report text.

Pure and offline: text and publication date in, JSON-ready facts out (DESIGN §6). Nothing
is built at import time; patterns and lexicons are compiled once on first use.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

EXTRACTOR_VERSION = "0.13.0"

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document yields: its language guess and its facts (empty unless English)."""

    language: str
    facts: list[dict[str, Any]] = field(default_factory=list)


def extract(text: str, *, published: datetime.date | None = None) -> Extraction:
    """Extract facts from a document body; offsets in the facts index into `text`."""
    from minewatch.extract.pipeline import attach_text, run

    language, facts = run(text, published)
    attach_text(facts, text)
    return Extraction(language=language, facts=facts)
