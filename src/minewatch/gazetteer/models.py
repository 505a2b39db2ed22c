"""Places and their alternative names; geometry in EPSG:4326.

``code``/``parent_code`` carry the admin codes of the source (ISO 3166-2 "AZ-KAL", GeoNames
"AZ.26") so that a bulk import can link parents with one SQL pass after the rows exist;
``source_id`` is namespaced ("iso:AZ-KAL", "geonames:586268", "curated:az-saribaba") and
unique, which makes every loader idempotent.

``geom`` is the place's point (what the resolver and the map use); ``area`` its polygon or
multipolygon when one is known (a district's boundary), loaded only when asked for
(``deferred``), so code that reads places for their points never pays for boundaries;
``area_source`` says where the area came from (a bulk reload of the points keeps both).
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry
from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from minewatch.store.base import Base
from minewatch.store.spatial import Geometry

KINDS = (
    "country",
    "region",
    "economic_region",
    "admin1",
    "admin2",
    "admin3",
    "locality",
    "feature",
)
"""Place kinds, coarse to fine. ``region``: an area grouping admin-1 units (Kurdistan Region);
``economic_region``: Azerbaijan's economic regions (Karabakh, East Zangezur)."""


class Place(Base):
    """A gazetteer entry: country, admin unit, locality or feature (a height, a road)."""

    __tablename__ = "places"
    __spatial__ = ("geom", "area")
    __table_args__ = (Index("uq_places_source_id", "source_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    geom: Mapped[BaseGeometry | None] = mapped_column(Geometry)
    area: Mapped[BaseGeometry | None] = mapped_column(Geometry, deferred=True)
    area_source: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(100), default="user")
    source_id: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(40), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(40))
    feature_code: Mapped[str | None] = mapped_column(String(10))
    population: Mapped[int | None] = mapped_column(BigInteger)


class PlaceName(Base):
    """An alternative name or transliteration (Kalbajar, Kelbajar, Kəlbəcər)."""

    __tablename__ = "place_names"
    __table_args__ = (Index("uq_place_names_place_id_name", "place_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    lang: Mapped[str | None] = mapped_column(String(16))
