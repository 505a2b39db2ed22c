"""File writers: GeoJSON (RFC 7946), CSV, CSV with HXL hashtags (GeoPackage: :mod:`.gpkg`).

A GeoJSON feature's geometry is the record's point, or, for a record located to a whole area
whose boundary the gazetteer has (:mod:`.areas`), that Polygon / MultiPolygon; the point then
stays in the ``lon`` / ``lat`` properties and ``area_place_ids`` names the places whose
area it is (null for points). One plain geometry per feature rather than a
GeometryCollection of point and polygon: GIS clients (GDAL/QGIS, Leaflet, Shapefile and
GeoPackage converters) read Point and Polygon features directly, while collections are
poorly supported and RFC 7946 advises against them.

Each writer takes batches of export rows and writes them as they come (flat memory). CSV
cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from minewatch.exchange.areas import Area, RecordAreas
from minewatch.exchange.rows import COLUMNS, Row

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HXL_TAGS = {
    "record_id": "#meta+id",
    "kind": "#event+type",
    "date": "#date",
    "period_end": "#date+end",
    "date_prec": "#meta+date_prec",
    "incident": "#meta+incident",
    "as_of": "#date+reported",
    "country": "#country+code",
    "adm1": "#adm1+name",
    "adm2": "#adm2+name",
    "place": "#loc+name",
    "lat": "#geo+lat",
    "lon": "#geo+lon",
    "where_prec": "#meta+where_prec",
    "authority": "#org",
    "category": "#item+type",
    "model": "#item+name",
    "action": "#activity+type",
    "quantity": "#indicator+devices+num",
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "civilians_killed": "#affected+killed+civilians",
    "military_killed": "#affected+killed+military",
    "children": "#affected+children",
    "area_m2": "#indicator+area_m2+num",
    "disputed": "#meta+disputed",
    "sources": "#meta+source",
    "documents": "#meta+documents",
}


def neutralise(value: Any) -> Any:
    """A text cell that would start a formula gets a leading apostrophe; others as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


class CsvWriter:
    """CSV with a header row, and with ``hxl`` an HXL hashtag row under it."""

    def __init__(self, handle: TextIO, *, hxl: bool = False) -> None:
        self._out = csv.writer(handle)
        self._out.writerow(COLUMNS)
        if hxl:
            self._out.writerow([HXL_TAGS[c] for c in COLUMNS])

    def write(self, rows: Iterable[Row]) -> None:
        """Append rows."""
        self._out.writerows([_cell(v) for v in row] for row in rows)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _properties(row: dict[str, Any], area: Area | None) -> dict[str, Any]:
    props = {c: _json_value(row[c]) for c in COLUMNS}
    props["area_place_ids"] = list(area.place_ids) if area is not None else None
    return props


def feature(row: dict[str, Any], area: Area | None = None) -> dict[str, Any]:
    """One row as a GeoJSON Feature: its area, else a [lon, lat] point (RFC 7946 order),
    else a null geometry."""
    lon, lat = row.get("lon"), row.get("lat")
    if area is not None:
        geometry: dict[str, Any] | None = area.geometry()
    elif lon is not None and lat is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    else:
        geometry = None
    return {
        "type": "Feature",
        "id": row["record_id"],
        "geometry": geometry,
        "properties": _properties(row, area),
    }


def feature_json(row: dict[str, Any], area: Area | None = None) -> str:
    """`feature` as JSON text; an area's geometry text is spliced in, not encoded again."""
    if area is None:
        return json.dumps(feature(row))
    return (
        f'{{"type": "Feature", "id": {json.dumps(row["record_id"])}, "geometry": {area.text}, '
        f'"properties": {json.dumps(_properties(row, area))}}}'
    )


class GeoJsonWriter:
    """A FeatureCollection written feature by feature (never held whole in memory); with
    ``areas``, records located to a whole area are drawn as that area."""

    def __init__(self, handle: TextIO, *, areas: RecordAreas | None = None) -> None:
        self._out = handle
        self._first = True
        self._areas = areas
        handle.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, rows: Iterable[Row]) -> None:
        """Append features."""
        batch = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
        areas = self._areas.of([r["record_id"] for r in batch]) if self._areas else {}
        for item in batch:
            text = feature_json(item, areas.get(item["record_id"]))
            self._out.write(("" if self._first else ",\n") + text)
            self._first = False

    def close(self) -> None:
        """End the collection."""
        self._out.write("\n]}\n")
