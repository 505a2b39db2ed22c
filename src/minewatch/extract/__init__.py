"""Rule-based extraction of mine action facts (claims) from report text.

Pure and offline: text and publication date in, JSON-ready facts out (DESIGN §6). Nothing
is built at import time; patterns and lexicons are compiled once on first use.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

EXTRACTOR_VERSION = "0.19.0"

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document yields: its language guess and its facts (empty unless English)."""

    language: str
    facts: list[dict[str, Any]] = field(default_factory=list)


def extract(text: str, *, published: datetime.date | None = None) -> Extraction:
    """Extract facts from a document body; offsets in the facts index into `text`.

    The rules read a cleaned copy (markup, quote markers and hard wraps undone, see
    `minewatch.extract.clean`); their offsets are mapped back to `text`.
    """
    from minewatch.extract.clean import clean
    from minewatch.extract.pipeline import attach_text, map_back, run

    cleaned = clean(text)
    language, facts = run(cleaned.text, published)
    if cleaned.origin is not None:
        map_back(facts, cleaned)
    attach_text(facts, text)
    return Extraction(language=language, facts=facts)
