"""API and CLI shapes of records and stories (pydantic v2)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from minewatch.records.models import Record, Story

DISPUTABLE = frozenset(
    {
        "quantity",
        "killed",
        "injured",
        "civilians_killed",
        "military_killed",
        "children",
        "area_m2",
        "date",
        "period_start",
        "period_end",
    }
)


class RecordSource(BaseModel):
    """One claim behind a record: its role, document and publisher."""

    claim_id: int
    role: str = Field(description="support, or total (a stated total of this record's parts)")
    document_id: int
    publisher: str | None = None
    published: date | None = None
    title: str | None = None
    filename: str | None = None
    origin: str = Field(description="extractor or reviewer")


class RecordOut(BaseModel):
    """A reconciled fact with every value's sources, variants, checks and warnings."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    status: str = Field(description="active, or withdrawn (no approved claim supports it)")
    fields: dict[str, Any] = Field(description="Best values in the gold schema of the kind.")
    values: dict[str, Any] = Field(description="field -> every stated value with its sources")
    variants: list[Any] = Field(description="Linked spellings of places and participants.")
    checks: list[Any] = Field(description="Consistency checks run (ok true/false/null).")
    warnings: list[Any] = Field(description="Checks that failed.")
    disputed: bool
    disputed_fields: list[str]
    place: str | None
    period_start: date | None
    period_end: date | None
    incident: bool | None
    sources: int = Field(description="Number of documents supporting the record.")
    first_seen: date | None
    last_seen: date | None
    created_at: datetime
    updated_at: datetime
    claims: list[RecordSource] = Field(default_factory=list)

    @classmethod
    def of(cls, record: Record, claims: list[RecordSource] | None = None) -> RecordOut:
        """Build from a stored record and its sources."""
        disputed = sorted(
            name
            for name, stated in (record.values or {}).items()
            if name in DISPUTABLE and len(stated) > 1
        )
        return cls(
            id=record.id,
            kind=record.kind,
            status=record.status,
            fields=record.fields or {},
            values=record.values or {},
            variants=record.variants or [],
            checks=record.checks or [],
            warnings=record.warnings or [],
            disputed=record.disputed,
            disputed_fields=disputed,
            place=record.place,
            period_start=record.period_start,
            period_end=record.period_end,
            incident=record.incident,
            sources=record.sources,
            first_seen=record.first_seen,
            last_seen=record.last_seen,
            created_at=record.created_at,
            updated_at=record.updated_at,
            claims=claims or [],
        )


class StoryOut(BaseModel):
    """A group of near-duplicate documents (syndicated copies of one statement)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str | None
    first_published: date | None
    last_published: date | None
    documents: int
    document_ids: list[int] = Field(default_factory=list)

    @classmethod
    def of(cls, story: Story, document_ids: list[int] | None = None) -> StoryOut:
        """Build from a stored story."""
        return cls(
            id=story.id,
            title=story.title,
            first_published=story.first_published,
            last_published=story.last_published,
            documents=story.documents,
            document_ids=document_ids or [],
        )
