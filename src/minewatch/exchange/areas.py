"""Areas of records located to a whole area: for the GeoJSON export, the API and the map.

A record located at area precision (``where_prec`` 3 and coarser: a district, a province, a
larger area, several places listed together, a country) is drawn as the area of the places
it was located to when every one of them has one (``places.area``): "Kalbajar district" as
the district, "Kalbajar and Lachin directions" as both districts. Finer records (a village,
"near X") and records whose places have no area keep their point.

In the statistics index a fact lies in its places and all their ancestors; its own places
are the members of that set that are no other member's parent. Geometries are read once
per place and serialised once per set of places, so an export of a million records costs a
few area lookups per batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from minewatch.gazetteer.areas import AREA_PREC, has_areas, load_areas
from minewatch.stats.index import ensure_fresh
from minewatch.store import spatial
from minewatch.store.spatial_ext import select_in

LOCATED = (
    "SELECT f.id AS fact_id, f.record_id AS record_id, f.review AS review, f.kind AS kind, "
    "fp.place_id AS place_id FROM stat_facts f JOIN stat_fact_places fp ON fp.fact_id = f.id "
    f"WHERE f.where_prec >= {AREA_PREC} AND NOT EXISTS (SELECT 1 FROM stat_fact_places c "
    "JOIN places cp ON cp.id = c.place_id WHERE c.fact_id = f.id AND cp.parent_id = fp.place_id)"
)
"""Facts located at area precision, one row per place they were located to."""


@dataclass(slots=True)
class Area:
    """The area a record is drawn as: its places and their (united) geometry as GeoJSON."""

    place_ids: tuple[int, ...]
    text: str
    _parsed: dict[str, Any] | None = field(default=None, repr=False)

    def geometry(self) -> dict[str, Any]:
        """The GeoJSON geometry object (parsed once)."""
        if self._parsed is None:
            self._parsed = json.loads(self.text)
        return self._parsed


class RecordAreas:
    """Record id -> `Area`, memoised across batches (one export or one API page)."""

    def __init__(self, session: Session) -> None:
        self._conn = session.connection()
        self._enabled = has_areas(self._conn)
        self._geoms: dict[int, BaseGeometry | None] = {}
        self._areas: dict[tuple[int, ...], Area | None] = {}

    def of(self, record_ids: Sequence[int]) -> dict[int, Area]:
        """Areas of those records that are drawn as one."""
        if not self._enabled or not record_ids:
            return {}
        select = f"SELECT record_id, place_id FROM ({LOCATED}) AS located"
        places: dict[int, list[int]] = {}
        for rid, pid in select_in(self._conn, select, "record_id", list(record_ids)):
            places.setdefault(int(rid), []).append(int(pid))
        todo = {p for ids in places.values() for p in ids} - self._geoms.keys()
        if todo:
            found = load_areas(self._conn, todo)
            self._geoms.update({p: found.get(p) for p in todo})
        out = {}
        for rid, ids in places.items():
            area = self._area(tuple(sorted(set(ids))))
            if area is not None:
                out[rid] = area
        return out

    def _area(self, key: tuple[int, ...]) -> Area | None:
        if key not in self._areas:
            geoms = [self._geoms.get(p) for p in key]
            parts = [g for g in geoms if g is not None]
            if len(parts) != len(geoms):
                self._areas[key] = None
            else:
                geom = parts[0] if len(parts) == 1 else shapely.union_all(parts)
                self._areas[key] = Area(key, shapely.to_geojson(geom))
        return self._areas[key]


def area_features(
    *,
    session: Session,
    kind: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    pending: bool = False,
) -> list[dict[str, Any]]:
    """One GeoJSON feature per area that approved records (and with ``pending``, facts
    awaiting review) are located to, with their counts: what the map draws under the points.
    Brings the statistics index up to date first, and only when any place has an area."""
    conn = session.connection()
    if not has_areas(conn):
        return []
    ensure_fresh(session=session, pending=pending)
    world = (-180.0, -90.0, 180.0, 90.0)
    area_ids = spatial.ids_in_bbox(conn, "places", "area", bbox or world)
    located = f"SELECT place_id, review, kind FROM ({LOCATED}) AS l"
    counts: dict[int, dict[str, Any]] = {}
    for pid, review, fact_kind in select_in(conn, located, "place_id", area_ids):
        if (kind and fact_kind != kind) or (review != "approved" and not pending):
            continue
        entry = counts.setdefault(int(pid), {"records": 0, "pending": 0, "records_by_kind": {}})
        if review == "approved":
            entry["records"] += 1
            by_kind = entry["records_by_kind"]
            by_kind[fact_kind] = by_kind.get(fact_kind, 0) + 1
        else:
            entry["pending"] += 1
    if not counts:
        return []
    geoms = load_areas(conn, counts)
    names = {
        int(pid): (name, place_kind)
        for pid, name, place_kind in select_in(
            conn, "SELECT id, name, kind FROM places", "id", sorted(counts)
        )
    }
    features = []
    for pid in sorted(counts):
        name, place_kind = names[pid]
        features.append(
            {
                "type": "Feature",
                "id": pid,
                "geometry": json.loads(shapely.to_geojson(geoms[pid])),
                "properties": {"place_id": pid, "name": name, "kind": place_kind, **counts[pid]},
            }
        )
    return features
