"""Place areas: checking and repairing polygons, reading them from input, and from the database.

An area is a Polygon or MultiPolygon in EPSG:4326 (longitude, latitude), stored in
``places.area`` beside the place's point (``places.geom``). Before it is stored it is made
2D, checked to lie within -180..180 / -90..90, repaired with ``shapely.make_valid`` when
invalid (a self-intersecting ring becomes the polygons it encloses; parts that collapse to
lines or points are dropped) and oriented as RFC 7946 asks (exterior rings counter-clockwise),
so the same input always gives the same stored geometry.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import GEOSException, ShapelyError
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy.engine import Connection

from minewatch.errors import InputError
from minewatch.store.spatial_ext import has_geometry, select_in, wkb_sql

AREA_TYPES = ("Polygon", "MultiPolygon")
AREA_PREC = 3
"""The finest ``where_prec`` located to a whole area (UCDP: 3 second-order unit, 4 first-order,
5 larger area, 6 country); finer precisions (1 a named place, 2 near a point) stay points."""


class AreaError(ValueError):
    """Why a geometry cannot be a place's area."""


@dataclass(frozen=True, slots=True)
class CleanArea:
    """A usable area and, when it had to be repaired, why (GEOS's validity reason)."""

    geom: BaseGeometry
    repaired: str | None = None


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    parts = getattr(geom, "geoms", ())
    return [p for part in parts for p in _polygons(part)]


def clean_area(geom: BaseGeometry) -> CleanArea:
    """``geom`` as a valid, 2D, RFC 7946-oriented (Multi)Polygon; `AreaError` if it cannot be."""
    if geom.geom_type not in AREA_TYPES:
        raise AreaError(f"a {geom.geom_type}, not a Polygon or MultiPolygon")
    if geom.is_empty:
        raise AreaError("empty geometry")
    geom = shapely.force_2d(geom)
    minx, miny, maxx, maxy = geom.bounds
    if not all(math.isfinite(v) for v in (minx, miny, maxx, maxy)):
        raise AreaError("coordinates must be finite numbers")
    if not (-180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0):
        raise AreaError(
            f"coordinates outside longitude -180..180 / latitude -90..90 (bounds {minx:g}, "
            f"{miny:g}, {maxx:g}, {maxy:g}; GeoJSON and WKT give longitude first)"
        )
    repaired = None
    if not geom.is_valid:
        repaired = shapely.is_valid_reason(geom)
        parts = _polygons(shapely.make_valid(geom))
        if not parts:
            raise AreaError(f"invalid geometry ({repaired}) that encloses no area")
        merged = shapely.union_all(parts)
        geom = merged if merged.geom_type in AREA_TYPES else MultiPolygon(_polygons(merged))
    if geom.area <= 0:
        raise AreaError("the polygon encloses no area")
    return CleanArea(shapely.orient_polygons(geom), repaired)


def geometry_from_geojson(obj: Any) -> BaseGeometry:
    """A Shapely geometry from a GeoJSON geometry object; `AreaError` names what is wrong."""
    if not isinstance(obj, dict):
        raise AreaError("not a GeoJSON geometry object")
    kind = obj.get("type")
    if kind not in AREA_TYPES:
        raise AreaError(f"type {kind!r}: expected Polygon or MultiPolygon")
    if not isinstance(obj.get("coordinates"), list):
        raise AreaError("coordinates: missing or not an array")
    try:
        return shape(obj)
    except (ShapelyError, GEOSException, ValueError, TypeError, IndexError, KeyError) as exc:
        raise AreaError(f"coordinates: {exc}") from exc


def geometry_from_wkt(text: str) -> BaseGeometry:
    """A Shapely geometry from WKT ("POLYGON ((lon lat, ...))")."""
    try:
        return shapely.from_wkt(text)
    except (ShapelyError, GEOSException, ValueError) as exc:
        raise AreaError(f"not valid WKT ({exc})") from exc


def read_geometry_file(path: Path) -> BaseGeometry:
    """The one polygon in a GeoJSON file: a geometry, a Feature, or a FeatureCollection with
    exactly one feature. Errors name the file."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno})") from exc
    where = str(path)
    if isinstance(obj, dict) and obj.get("type") == "FeatureCollection":
        features = obj.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise InputError(
                f"{path}: a FeatureCollection with exactly one feature is needed here "
                "(use `minewatch places import-boundaries` for many)"
            )
        obj, where = features[0], f"{path}: feature 0"
    if isinstance(obj, dict) and obj.get("type") == "Feature":
        obj, where = obj.get("geometry"), f"{where}: geometry"
    try:
        return geometry_from_geojson(obj)
    except AreaError as exc:
        raise InputError(f"{where}: {exc}") from exc


# --- stored areas ---------------------------------------------------------------------------


def has_areas(conn: Connection) -> bool:
    """True when any place has an area (exports skip every area lookup otherwise); read
    from the spatial index, so it costs nothing on a gazetteer of millions of points."""
    return has_geometry(conn, "places", "area")


def load_areas(conn: Connection, place_ids: Iterable[int]) -> dict[int, BaseGeometry]:
    """Areas of the given places that have one."""
    select = f"SELECT id, {wkb_sql(conn, 'area')} FROM places"
    rows = select_in(conn, select, "id", sorted(set(place_ids)))
    return {int(pid): shapely.from_wkb(bytes(wkb)) for pid, wkb in rows if wkb is not None}
