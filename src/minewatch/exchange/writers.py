"""File writers: GeoJSON (RFC 7946), CSV, CSV with HXL hashtags, GeoPackage.

Each writer takes batches of export rows and writes them as they come (flat memory). CSV
cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from minewatch.exchange.rows import COLUMNS

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
GPKG_TYPES = {
    "record_id": "int64",
    "date_prec": "int32",
    "where_prec": "int32",
    "quantity": "int64",
    "killed": "int64",
    "injured": "int64",
    "civilians_killed": "int64",
    "military_killed": "int64",
    "children": "int64",
    "area_m2": "float64",
    "lat": "float64",
    "lon": "float64",
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

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append rows."""
        self._out.writerows([_cell(row[c]) for c in COLUMNS] for row in rows)


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

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append features."""
        for row in rows:
            self._out.write(("" if self._first else ",\n") + json.dumps(feature(row)))
            self._first = False

    def close(self) -> None:
        """End the collection."""
        self._out.write("\n]}\n")


class GpkgWriter:
    """A GeoPackage with one point layer per record kind (EPSG:4326), through GDAL (pyogrio).

    Batches are appended to their kind's layer; GDAL wraps each append in a transaction.
    """

    def __init__(self, path: Path) -> None:
        try:
            import numpy  # noqa: F401
            import pyogrio  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the installation
            from minewatch.errors import InputError

            raise InputError("GeoPackage export needs pyogrio: pip install 'pyogrio>=0.7'") from exc
        self.path = path
        self.layers: dict[str, int] = {}
        if path.exists():
            path.unlink()

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append rows, split by kind into layers."""
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(row)
        for kind, items in by_kind.items():
            self._append(kind, items)

    def _append(self, kind: str, rows: list[dict[str, Any]]) -> None:
        import numpy as np
        import shapely
        from pyogrio.raw import write

        lon = np.array([r["lon"] if r["lon"] is not None else np.nan for r in rows], dtype="f8")
        lat = np.array([r["lat"] if r["lat"] is not None else np.nan for r in rows], dtype="f8")
        points = shapely.points(lon, lat)
        points[np.isnan(lon) | np.isnan(lat)] = None
        geometry = shapely.to_wkb(points)
        fields = [c for c in COLUMNS if c != "kind"]
        data = [_column(c, [r[c] for r in rows]) for c in fields]
        masks = [_mask(c, [r[c] for r in rows]) for c in fields]
        write(
            str(self.path),
            geometry,
            field_data=data,
            fields=fields,
            field_mask=masks,
            layer=kind,
            driver="GPKG",
            geometry_type="Point",
            crs="EPSG:4326",
            append=kind in self.layers,
        )
        self.layers[kind] = self.layers.get(kind, 0) + len(rows)


def _column(name: str, values: list[Any]) -> Any:
    import numpy as np

    kind = GPKG_TYPES.get(name)
    if kind in ("int64", "int32"):  # nulls are masked (see _mask), so 0 is a placeholder
        return np.array([0 if v is None else v for v in values], dtype=kind)
    if kind == "float64":
        return np.array([np.nan if v is None else v for v in values], dtype="f8")
    if name in ("incident", "disputed"):
        return np.array(values, dtype=bool)
    return np.array([v.isoformat() if isinstance(v, date) else v for v in values], dtype=object)


def _mask(name: str, values: list[Any]) -> Any:
    """Null cells of typed (integer) fields: GDAL writes them as NULL, not as 0."""
    import numpy as np

    if GPKG_TYPES.get(name) in ("int64", "int32"):
        return np.array([v is None for v in values], dtype=bool)
    return None
