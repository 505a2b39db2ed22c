"""The statistics index: one flat row per record (or per pending fact) with its numbers,
place hierarchy and month as real columns.

Records keep their reconciled values in JSON and their location in their claims; summing
JSON over a million records takes seconds, while a GROUP BY over plain indexed columns takes
a fraction of one. The index is derived data: :mod:`minewatch.stats.index` rebuilds rows
whose record changed, so it can always be dropped and rebuilt.
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
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base
from minewatch.store.spatial import JsonType

REVIEW = ("approved", "pending")
MEASURE_COLUMNS = (
    "quantity",
    "killed",
    "injured",
    "victims",
    "civilians_killed",
    "military_killed",
    "children",
    "area_m2",
)


class StatFact(Base):
    """One record (review ``approved``) or one cluster of pending claims (``pending``)."""

    __tablename__ = "stat_facts"
    __table_args__ = (
        # covering: grouped sums read the index alone (migration 0006)
        Index(
            "ix_stat_facts_cover",
            "kind",
            "review",
            "incident",
            "adm1_id",
            "month",
            "day",
            *MEASURE_COLUMNS,
        ),
        Index("ix_stat_facts_day", "kind", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), unique=True
    )
    claim_ids: Mapped[list[int] | None] = mapped_column(JsonType)
    review: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    incident: Mapped[bool] = mapped_column(Boolean)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    authority: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(500))
    place_id: Mapped[int | None] = mapped_column(Integer)
    adm1_id: Mapped[int | None] = mapped_column(Integer)
    adm2_id: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(2))
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    where_prec: Mapped[int | None] = mapped_column(Integer)
    day: Mapped[date | None] = mapped_column(Date)
    end_day: Mapped[date | None] = mapped_column(Date)
    month: Mapped[str | None] = mapped_column(String(7))
    date_prec: Mapped[int | None] = mapped_column(Integer)
    as_of: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(32))
    quantity: Mapped[int | None] = mapped_column(Integer)
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    victims: Mapped[int | None] = mapped_column(Integer)
    civilians_killed: Mapped[int | None] = mapped_column(Integer)
    military_killed: Mapped[int | None] = mapped_column(Integer)
    children: Mapped[int | None] = mapped_column(Integer)
    area_m2: Mapped[float | None] = mapped_column(Float)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    source_updated: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class StatFactPlace(Base):
    """A place a fact lies in: each of its places and every ancestor of them (a closure),
    so "everything beneath Kalbajar" is one indexed lookup."""

    __tablename__ = "stat_fact_places"

    place_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(
        ForeignKey("stat_facts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StatState(Base):
    """Bookkeeping of the index (how many pending claims the pending rows were built from)."""

    __tablename__ = "stat_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
