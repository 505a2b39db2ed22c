"""Stored claims. A claim is never edited in place: a correction is a new claim."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base, utcnow
from minewatch.store.spatial import JsonType

CLAIM_KINDS = ("device_find", "casualties", "land_release", "inspection", "allegation")
STATUSES = ("pending", "approved", "rejected", "superseded")


class Claim(Base):
    """One fact stated by one document; records (later) link to many claims."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("document_id", "extractor_version", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JsonType)
    evidence: Mapped[dict[str, Any]] = mapped_column(JsonType)
    sentence_index: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    authority_id: Mapped[int | None] = mapped_column(
        ForeignKey("authorities.id", ondelete="SET NULL"), index=True
    )
    authority_text: Mapped[str | None] = mapped_column(String(300))
    extractor_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    origin: Mapped[str] = mapped_column(String(16), default="extractor")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(100), default="extractor")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
