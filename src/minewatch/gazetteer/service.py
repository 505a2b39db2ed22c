"""Gazetteer queries and writes: add, search, the resolver index, and locating facts.

Services flush and never commit (the caller owns the transaction). The resolver index is
built once per database state and cached per engine: rebuilding it costs seconds, resolving
against it microseconds.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from pydantic import ValidationError
from shapely import Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, aliased

from minewatch.errors import InputError
from minewatch.gazetteer.areas import AreaError, clean_area
from minewatch.gazetteer.index import Entry, GazetteerIndex
from minewatch.gazetteer.models import Place, PlaceName
from minewatch.gazetteer.names import name_key
from minewatch.gazetteer.resolve import UNKNOWN_PREC, Resolver
from minewatch.gazetteer.schemas import PlaceCreate, PlaceOut
from minewatch.store.spatial_ext import wkb_sql

_CACHE: weakref.WeakKeyDictionary[Engine, tuple[tuple[int, int, int], Resolver]] = (
    weakref.WeakKeyDictionary()
)


def add_place(
    *,
    session: Session,
    name: str,
    kind: str,
    lon: float | None = None,
    lat: float | None = None,
    area: BaseGeometry | None = None,
    parent: str | None = None,
    country: str | None = None,
    names: Sequence[str] = (),
) -> Place:
    """Add a user's place: a point, an area (Polygon / MultiPolygon, EPSG:4326), or both (the
    point must then lie in the area). Without a point the place gets its area's
    representative point. The parent is an id or a name that must match exactly one place."""
    try:
        data = PlaceCreate(
            name=name,
            kind=kind,
            lon=lon,
            lat=lat,
            parent=parent,
            country=country,
            names=list(names),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(f"place {name!r}: {f'{field}: ' if field else ''}{message}") from exc
    if area is not None:
        try:
            area = clean_area(area).geom
        except AreaError as exc:
            raise InputError(f"place {name!r}: area: {exc}") from exc
    if data.lon is not None and data.lat is not None:
        point = Point(data.lon, data.lat)
        if area is not None and not area.intersects(point):
            raise InputError(
                f"place {name!r}: the point ({data.lon}, {data.lat}) lies outside the area "
                "(longitude comes first)"
            )
    elif area is not None:
        point = area.representative_point()
    else:
        raise InputError(f"place {name!r}: give a point (--lon and --lat) or an area")
    parent_place = find_place(session, data.parent, option="--parent") if data.parent else None
    place = Place(
        name=data.name,
        kind=data.kind,
        country_code=data.country or (parent_place.country_code if parent_place else None),
        parent_id=parent_place.id if parent_place else None,
        geom=point,
        area=area,
        area_source="user" if area is not None else None,
        source="user",
    )
    session.add(place)
    session.flush()
    for n in dict.fromkeys([data.name, *data.names]):
        session.add(PlaceName(place_id=place.id, name=n, key=name_key(n), lang=None))
    session.flush()
    return place


def find_place(session: Session, ref: str, *, option: str = "--parent") -> Place:
    """The place ``ref`` names: an id, or a name (any spelling) that matches exactly one place."""
    if ref.isdigit():
        found = session.get(Place, int(ref))
        if found is None:
            raise InputError(f"{option}: no place with id {ref}")
        return found
    ids = sorted(
        set(session.scalars(select(PlaceName.place_id).where(PlaceName.key == name_key(ref))))
    )
    if not ids:
        noun = option.lstrip("-")
        raise InputError(f"{option}: unknown {noun} {ref!r} (add it first, or give its id)")
    if len(ids) > 1:
        raise InputError(
            f"{option}: {ref!r} matches {len(ids)} places (ids {', '.join(map(str, ids[:10]))}); "
            "give the id"
        )
    return session.get_one(Place, ids[0])


def search(*, session: Session, name: str, limit: int = 20) -> list[PlaceOut]:
    """Places whose name or alternative name matches ``name`` (exact key first, then prefix)."""
    key = name_key(name)
    if not key:
        raise InputError("search: the name is empty")
    parent = aliased(Place)
    stmt = (
        select(Place, parent.name, func.min(PlaceName.name), Place.area.is_not(None))
        .join(PlaceName, PlaceName.place_id == Place.id)
        .outerjoin(parent, parent.id == Place.parent_id)
        .where(or_(PlaceName.key == key, PlaceName.key.like(f"{key}%")))
        .group_by(Place.id, parent.name)
        .order_by(func.min(func.length(PlaceName.key)), Place.id)
        .limit(limit)
    )
    out = []
    for place, parent_name, matched, has_area in session.execute(stmt):
        point = place.geom.representative_point() if place.geom is not None else None
        out.append(
            PlaceOut(
                id=place.id,
                name=place.name,
                kind=place.kind,
                country_code=place.country_code,
                parent_id=place.parent_id,
                parent=parent_name,
                lon=point.x if point is not None else None,
                lat=point.y if point is not None else None,
                source=place.source,
                matched=matched,
                has_area=bool(has_area),
                area_source=place.area_source if has_area else None,
            )
        )
    return out


def build_index(*, session: Session) -> GazetteerIndex:
    """Read every place and stored name key into a `GazetteerIndex`.

    Plain driver rows, points decoded in one vectorised call and keys read back rather than
    normalised again: this runs once per ``minewatch ingest`` process, so it is user latency.
    The cyclic garbage collector is paused meanwhile: the build allocates ~10^6 acyclic
    objects, and the collections they trigger cost a third of the time and free nothing.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_index(session)
    finally:
        if paused:
            gc.enable()


def _build_index(session: Session) -> GazetteerIndex:
    conn = session.connection()
    rows = _fetch(
        conn,
        "SELECT id, name, kind, country_code, parent_id, feature_code, "
        f"{wkb_sql(conn, 'geom')}, EXISTS (SELECT 1 FROM place_names n WHERE n.place_id = "
        "places.id AND n.name = places.name) FROM places ORDER BY id",
    )
    lons, lats = _lon_lat([r[6] for r in rows])
    entries = [
        Entry(r[0], r[1], r[2], r[3], r[4], lon, lat, r[5])
        for r, lon, lat in zip(rows, lons, lats, strict=True)
    ]
    keys = _fetch(conn, "SELECT place_id, key FROM place_names")
    unnamed = [e for e, r in zip(entries, rows, strict=True) if not r[7]]
    return GazetteerIndex.from_keys(entries, keys, unnamed=unnamed)


def _fetch(conn: Connection, sql: str) -> list[Any]:
    """All rows as plain driver tuples (a third of the cost of result rows here)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _lon_lat(wkbs: list[Any]) -> tuple[list[float | None], list[float | None]]:
    """Representative point of each WKB geometry (None for a missing or empty one)."""
    geoms = shapely.from_wkb(np.array([bytes(w) if w is not None else None for w in wkbs]))
    points = shapely.point_on_surface(geoms)
    xs, ys = shapely.get_x(points), shapely.get_y(points)
    missing = np.isnan(xs) | np.isnan(ys)
    return (
        [None if m else float(x) for x, m in zip(xs.tolist(), missing.tolist(), strict=True)],
        [None if m else float(y) for y, m in zip(ys.tolist(), missing.tolist(), strict=True)],
    )


def _signature(session: Session) -> tuple[int, int, int]:
    places, top = session.execute(select(func.count(Place.id), func.max(Place.id))).one()
    named = session.scalar(select(func.count(PlaceName.id))) or 0
    return int(places or 0), int(top or 0), int(named)


def get_resolver(*, session: Session) -> Resolver:
    """A resolver over the current gazetteer, rebuilt only when places were added."""
    engine = session.get_bind()
    sig = _signature(session)
    cached = _CACHE.get(engine) if isinstance(engine, Engine) else None
    if cached is not None and cached[0] == sig:
        return cached[1]
    resolver = Resolver(build_index(session=session))
    if isinstance(engine, Engine):
        _CACHE[engine] = (sig, resolver)
    return resolver


def locate_facts(
    facts: list[dict[str, Any]],
    *,
    session: Session,
    country_hint: str | None = None,
    resolver: Resolver | None = None,
) -> list[dict[str, Any]]:
    """Copies of one document's facts with ``place_ids``, ``lon``, ``lat``, ``where_prec``,
    ``place_candidates`` (when ambiguous) and ``place_status``; the facts' places are each
    other's context, so pass all facts of a document together."""
    resolver = resolver or get_resolver(session=session)
    phrases = [f.get("place") if isinstance(f.get("place"), str) else None for f in facts]
    results = resolver.resolve_document(phrases, country=country_hint)
    located = []
    for fact, res in zip(facts, results, strict=True):
        extra: dict[str, Any] = {
            "place_ids": [],
            "lon": None,
            "lat": None,
            "where_prec": UNKNOWN_PREC,
            "place_candidates": [],
            "place_status": "none",
        }
        if res is not None:
            extra.update(
                place_ids=[p.id for p in res.places],
                lon=res.lon,
                lat=res.lat,
                where_prec=res.where_prec,
                place_candidates=[c.as_dict() for c in res.candidates],
                place_status=res.status,
            )
        located.append({**fact, **extra})
    return located
