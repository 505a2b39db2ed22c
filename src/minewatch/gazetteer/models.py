"""Places and their alternative names; geometry in EPSG:4326."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from shapely.geometry.base import BaseGeometry

from minewatch.store.base import Base
from minewatch.store.spatial import Geometry


class Place(Base):
    """A gazetteer entry: country, admin unit, locality or feature (a height, a road)."""

    __tablename__ = "places"
    __spatial__ = ("geom",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    geom: Mapped[BaseGeometry | None] = mapped_column(Geometry)
    source: Mapped[str] = mapped_column(String(100), default="user")
    source_id: Mapped[str | None] = mapped_column(String(100))


class PlaceName(Base):
    """An alternative name or transliteration (Kalbajar, Kelbajar, Kəlbəcər)."""

    __tablename__ = "place_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    lang: Mapped[str | None] = mapped_column(String(16))
