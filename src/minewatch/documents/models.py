"""Stored documents: immutable once stored, identified by the SHA-256 of the normalised text."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base, utcnow


class Document(Base):
    """One ingested text (article, statement, field report)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(300), index=True)
    source_url: Mapped[str | None] = mapped_column(String(2000))
    source_note: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(16), default="und")
    kind: Mapped[str] = mapped_column(String(32), default="article")
    filename: Mapped[str | None] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
