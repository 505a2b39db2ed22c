"""Record, record-claim link, story and story-document tables.

One ``records`` table for every record kind (device_find, casualties, land_release,
inspection): the reconciled values live in ``fields`` (the gold schema of the kind), so the
reconciliation, checks, audit and review code is written once; the columns that lists filter
and sort on (kind, status, place, period, first/last seen) are real indexed columns.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base, utcnow
from minewatch.store.spatial import JsonType

RECORD_KINDS = ("device_find", "casualties", "land_release", "inspection")
RECORD_STATUSES = ("active", "withdrawn")
LINK_ROLES = ("support", "total")


class Record(Base):
    """The fact the database asserts, supported by one or more approved claims."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JsonType)
    values: Mapped[dict[str, Any]] = mapped_column(JsonType)
    variants: Mapped[list[Any]] = mapped_column(JsonType)
    checks: Mapped[list[Any]] = mapped_column(JsonType)
    warnings: Mapped[list[Any]] = mapped_column(JsonType)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    figure_key: Mapped[str | None] = mapped_column(String(64), index=True)
    place: Mapped[str | None] = mapped_column(String(500), index=True)
    period_start: Mapped[date | None] = mapped_column(Date, index=True)
    period_end: Mapped[date | None] = mapped_column(Date)
    incident: Mapped[bool | None] = mapped_column(Boolean)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[date | None] = mapped_column(Date, index=True)
    last_seen: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RecordClaim(Base):
    """A claim supporting a record (role ``support``) or a stated total of its parts (``total``)."""

    __tablename__ = "record_claims"
    __table_args__ = (UniqueConstraint("record_id", "claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="support")
    score: Mapped[float | None] = mapped_column(Float)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Story(Base):
    """Syndicated copies of one statement: near-duplicate documents grouped together."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    first_published: Mapped[date | None] = mapped_column(Date, index=True)
    last_published: Mapped[date | None] = mapped_column(Date)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoryDocument(Base):
    """A document's membership of a story, with its MinHash signature for later matching."""

    __tablename__ = "story_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    published: Mapped[date | None] = mapped_column(Date, index=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    similarity: Mapped[float | None] = mapped_column(Float)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
