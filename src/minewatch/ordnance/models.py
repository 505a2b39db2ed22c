"""Ordnance models table, loaded from the packaged catalogue."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base
from minewatch.store.spatial import JsonType


class OrdnanceModelRow(Base):
    """One model of explosive ordnance (PMN-2, TM-62M, BLU-97) with its aliases."""

    __tablename__ = "ordnance_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str | None] = mapped_column(String(100))
    aliases: Mapped[list[str]] = mapped_column(JsonType, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
