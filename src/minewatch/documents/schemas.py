"""API shapes of documents: list rows (no text) and the full view with text and claims."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from minewatch.claims.schemas import ClaimOut


class DocumentOut(BaseModel):
    """A stored document without its text (list views stay light)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    sha256: str = Field(description="SHA-256 of the normalised text: the document's identity.")
    title: str | None
    publisher: str | None
    published: date | None
    source_url: str | None
    source_note: str | None
    language: str
    kind: str
    filename: str | None
    chars: int
    extractor_version: str | None
    ingested_at: datetime
    claim_count: int = Field(0, description="Number of claims extracted from this document.")

    @classmethod
    def of(cls, doc: Any, claim_count: int) -> DocumentOut:
        """Build from a stored ``Document`` row and its claim count."""
        out = cls.model_validate(doc)
        out.claim_count = claim_count
        return out


class DocumentDetail(DocumentOut):
    """A document with its full text and its claims, whose spans index into ``text``."""

    text: str
    claims: list[ClaimOut]


class DocumentPage(BaseModel):
    """A page of documents, newest publication first, and the total stored."""

    items: list[DocumentOut]
    total: int
    limit: int
    offset: int
