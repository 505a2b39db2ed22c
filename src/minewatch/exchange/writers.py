"""File writers: GeoJSON (RFC 7946), CSV, CSV with HXL hashtags (GeoPackage: :mod:`.gpkg`).

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


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """One row as a GeoJSON Feature: a [lon, lat] point (RFC 7946 order) or null geometry."""
    lon, lat = row.get("lon"), row.get("lat")
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lon is not None and lat is not None
        else None
    )
    return {
        "type": "Feature",
        "id": row["record_id"],
        "geometry": geometry,
        "properties": {c: _json_value(row[c]) for c in COLUMNS},
    }


class GeoJsonWriter:
    """A FeatureCollection written feature by feature (never held whole in memory)."""

    def __init__(self, handle: TextIO) -> None:
        self._out = handle
        self._first = True
        handle.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, rows: Iterable[Row]) -> None:
        """Append features."""
        for row in rows:
            item = json.dumps(feature(dict(zip(COLUMNS, row, strict=True))))
            self._out.write(("" if self._first else ",\n") + item)
            self._first = False

    def close(self) -> None:
        """End the collection."""
        self._out.write("\n]}\n")
