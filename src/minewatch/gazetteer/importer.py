"""Batched, idempotent writes of `PlaceRecord` streams into the places tables.

Plain driver ``executemany`` in fixed-size batches keeps memory flat for a 12-million-line
GeoNames dump: no ORM objects, no RETURNING, no Shapely per row (a point's WKB is packed
directly). Ids come from `allocate_ids` after one lookup of the batch's existing source ids,
so upserts keyed on ``source_id`` (places) and ``(place_id, name)`` (names) make a re-run
change nothing. Parents are linked after all rows exist, in SQL, because a dump lists
children before their admin units. A large load also defers the SQLite R*Tree and lookup
indexes to the end (`store.spatial_ext`: one rebuild instead of a million row inserts; the
same database). Flushes, never commits: the caller owns the transaction.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from minewatch.gazetteer.loaders import LineError, PlaceRecord, batched, read_alternate_names
from minewatch.gazetteer.names import name_key, name_keys
from minewatch.store.spatial_ext import (
    PointSink,
    allocate_ids,
    bulk_load_settings,
    bulk_upsert_sql,
    deferred_indexes,
    deferred_points,
    parent_path_sql,
    select_in,
)

_COLUMNS = (
    "id",
    "source_id",
    "name",
    "kind",
    "country_code",
    "source",
    "code",
    "parent_code",
    "feature_code",
    "geom",
    "population",
)
_UPDATE = ("name", "kind", "country_code", "source", "code", "parent_code", "feature_code")
_KEEP = ("geom", "population")
_NAME_COLUMNS = ("place_id", "name", "key", "lang")
_WKB_POINT = struct.Struct("<BIdd")  # little-endian 2D point: what shapely.to_wkb writes
_CODES = "tmp_place_codes"  # code -> smallest id
_LINKS = "tmp_place_links"  # place id -> its new parent id
_GEONAMES_DEPTH = 4  # CC.A1.A2.A3.A4: at most four levels to walk up
_DEFER_INDEXES_AFTER = 50_000  # places written before lookup indexes are rebuilt at the end


@dataclass
class WriteStats:
    """What a load did: places and names written, lines skipped with their errors."""

    places: int = 0
    names: int = 0
    linked: int = 0
    skipped: int = 0
    errors: list[LineError] = field(default_factory=list)


def write_records(
    records: Iterable[PlaceRecord],
    *,
    session: Session,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> WriteStats:
    """Upsert places and their names in batches; index points and link parents at the end.

    A load that writes many rows relative to the table (a GeoNames dump) drops the lookup
    indexes after the first batches and rebuilds them once at the end (SQLite), and the
    R*Tree gets its points at the end (packed anew when the load is at least half the
    tree); both give the same database as row-by-row maintenance.
    """
    stats = WriteStats()
    session.flush()
    conn = session.connection()
    defer_after = max(_DEFER_INDEXES_AFTER, _count(conn, "places") // 2)
    with bulk_load_settings(conn):
        with (
            deferred_indexes(conn, ("places", "place_names")) as defer_indexes,
            deferred_points(conn, "places", "geom") as add_points,
        ):
            for batch in batched(records, batch_size):
                places, names = _write_batch(conn, batch, add_points)
                stats.places += places
                stats.names += names
                if stats.places >= defer_after:
                    defer_indexes()
                if progress:
                    progress(places)
        stats.linked = link_parents(session=session)
    return stats


def _write_batch(
    conn: Connection, batch: list[PlaceRecord], add_points: PointSink
) -> tuple[int, int]:
    """Upsert one batch of places and names; returns (places, names) written."""
    place_sql = bulk_upsert_sql(
        conn, "places", _COLUMNS, key=("source_id",), update=_UPDATE, keep_existing=_KEEP,
        geometry=("geom",),
    )  # fmt: skip
    name_sql = bulk_upsert_sql(conn, "place_names", _NAME_COLUMNS, key=("place_id", "name"))
    pack = _WKB_POINT.pack
    ids = _place_ids(conn, [r.source_id for r in batch])
    rows = []
    points = []
    owners: list[int] = []
    names: list[str] = []
    for r in batch:
        pid = ids[r.source_id]
        lon, lat = r.lon, r.lat
        point = None
        if lon is not None and lat is not None:
            point = pack(1, 1, lon, lat)
            points.append((pid, lon, lat))
        rows.append(
            (pid, r.source_id, r.name[:300], r.kind, r.country_code, r.source[:100], r.code,
             r.parent_code, r.feature_code, point, r.population)
        )  # fmt: skip
        if r.names:
            for n in dict.fromkeys((r.name, *r.names)):
                owners.append(pid)
                names.append(n[:300])
        else:
            owners.append(pid)
            names.append(r.name[:300])
    conn.exec_driver_sql(place_sql, rows)
    add_points(points)
    name_rows = [
        (pid, n, key[:300], None)
        for pid, n, key in zip(owners, names, name_keys(names), strict=True)
        if key
    ]
    if name_rows:
        conn.exec_driver_sql(name_sql, name_rows)
    return len(rows), len(name_rows)


def _count(conn: Connection, table: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())


def _place_ids(conn: Connection, source_ids: Sequence[str]) -> dict[str, int]:
    """Id of each source id: the stored one, else a newly allocated one (one per source id)."""
    wanted = list(dict.fromkeys(source_ids))
    found = dict(select_in(conn, "SELECT source_id, id FROM places", "source_id", wanted))
    new = [sid for sid in wanted if sid not in found]
    found.update(zip(new, allocate_ids(conn, "places", len(new)), strict=True))
    return found


def link_parents(*, session: Session) -> int:
    """Set ``parent_id`` from ``parent_code``: the exact code first, then shorter paths.

    A GeoNames place whose deepest admin level is not in the gazetteer (and that has no
    parent yet) is linked to the nearest level that is ("UA.07.123" -> "UA.07"). One pass
    over the table against a temporary code -> smallest id table finds every new link (the
    lookups stop at the first hit), and one joined UPDATE writes only the rows that change,
    so nothing is held in Python whatever the table size.
    """
    conn = session.connection()
    for table in (_CODES, _LINKS):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")  # left by a failed run
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {_CODES} (code VARCHAR(40) PRIMARY KEY, id INTEGER NOT NULL)"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {_CODES} (code, id) SELECT code, MIN(id) FROM places "
        "WHERE code IS NOT NULL GROUP BY code"
    )
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {_LINKS} (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL)"
    )

    def lookup(code: str) -> str:
        return f"(SELECT c.id FROM {_CODES} c WHERE c.code = {code} AND c.id <> p.id)"

    paths = []
    path = "p.parent_code"
    for _ in range(_GEONAMES_DEPTH):
        path = parent_path_sql(conn, path)
        paths.append(lookup(path))
    conn.execute(
        text(
            f"INSERT INTO {_LINKS} (id, parent_id) SELECT id, new_parent FROM ("
            f"SELECT p.id AS id, p.parent_id AS old_parent, COALESCE({lookup('p.parent_code')}, "
            "CASE WHEN p.parent_id IS NULL AND p.parent_code LIKE '%.%' "
            f"THEN COALESCE({', '.join(paths)}) END) AS new_parent "
            "FROM places p WHERE p.parent_code IS NOT NULL) AS found "
            "WHERE new_parent IS NOT NULL AND (old_parent IS NULL OR old_parent <> new_parent)"
        )
    )
    result = conn.exec_driver_sql(
        f"UPDATE places SET parent_id = l.parent_id FROM {_LINKS} l WHERE l.id = places.id"
    )
    linked = int(result.rowcount or 0)
    for table in (_CODES, _LINKS):
        conn.exec_driver_sql(f"DROP TABLE {table}")
    return linked


def write_alternate_names(
    path: Path | str,
    *,
    session: Session,
    stats: WriteStats,
    batch_size: int = 20000,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add names from ``alternateNamesV2.txt`` to places imported from GeoNames."""
    session.flush()
    conn = session.connection()
    name_sql = bulk_upsert_sql(conn, "place_names", _NAME_COLUMNS, key=("place_id", "name"))
    pending: list[tuple[str, str, str | None]] = []

    def flush() -> None:
        wanted = list(dict.fromkeys(f"geonames:{gid}" for gid, _, _ in pending))
        ids = dict(select_in(conn, "SELECT source_id, id FROM places", "source_id", wanted))
        rows: list[tuple[Any, ...]] = []
        for gid, n, lang in pending:
            pid = ids.get(f"geonames:{gid}")
            if pid is not None and (key := name_key(n)[:300]):
                rows.append((pid, n, key, lang))
        if rows:
            conn.exec_driver_sql(name_sql, rows)
            stats.names += len(rows)
        pending.clear()

    for gid, n, lang, lineno in read_alternate_names(Path(path), stats.errors):
        if not gid:
            stats.skipped += 1
            continue
        pending.append((gid, n, lang))
        if len(pending) >= batch_size:
            flush()
            if progress:
                progress(lineno)
    if pending:
        flush()
