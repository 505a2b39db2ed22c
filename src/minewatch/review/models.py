"""Per-source review settings: auto-approval is off unless a row turns it on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base, utcnow


class SourceSetting(Base):
    """Review setting of one publisher (a source): whether its claims are approved on ingest."""

    __tablename__ = "review_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publisher: Mapped[str] = mapped_column(String(300), unique=True)
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=False)
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
