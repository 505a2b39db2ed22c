"""Dialect-specific bulk operations that `spatial.py` does not cover: upserts, id blocks,
set lookups, admin-path SQL and R*Tree batches.

Bulk loaders (the gazetteer's GeoNames importer) write with plain driver ``executemany``
(no ORM, no RETURNING), which bypasses the ORM events that keep the SQLite R*Tree in step;
:func:`index_points` does that work in one statement per batch. PostGIS indexes itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from minewatch.store.spatial import SRID, rtree_name


def index_points(
    conn: Connection, table: str, column: str, rows: Iterable[tuple[int, float, float]]
) -> None:
    """Put (id, lon, lat) points into the SQLite R*Tree of ``table.column`` in one batch."""
    if conn.dialect.name == "postgresql":
        return
    data = [(i, lon, lon, lat, lat) for i, lon, lat in rows]
    if data:
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO {rtree_name(table, column)} (id, minx, maxx, miny, maxy) "
            "VALUES (?, ?, ?, ?, ?)",
            data,
        )


def wkb_sql(conn: Connection, column: str) -> str:
    """A select-list expression giving ``column`` as plain WKB (for bulk reads without ORM)."""
    return f"ST_AsBinary({column})" if conn.dialect.name == "postgresql" else column


def _param(conn: Connection) -> str:
    return "%s" if conn.dialect.name == "postgresql" else "?"


def bulk_upsert_sql(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    *,
    key: Sequence[str],
    update: Sequence[str] = (),
    keep_existing: Sequence[str] = (),
    geometry: Sequence[str] = (),
) -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE (or DO NOTHING) as driver-level SQL, to run
    with ``exec_driver_sql(sql, tuples)``: positional parameters in ``columns`` order.

    ``geometry`` columns take WKB. Columns in ``keep_existing`` take the new value only when
    it is not null (``COALESCE(new, old)``), so a loader without coordinates never erases a
    known point.
    """
    p = _param(conn)
    pg = conn.dialect.name == "postgresql"
    values = [f"ST_GeomFromWKB({p}, {SRID})" if pg and c in geometry else p for c in columns]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(values)}) "
        f"ON CONFLICT ({', '.join(key)}) "
    )
    sets = [f"{c} = excluded.{c}" for c in update]
    sets += [f"{c} = COALESCE(excluded.{c}, {table}.{c})" for c in keep_existing]
    return sql + (f"DO UPDATE SET {', '.join(sets)}" if sets else "DO NOTHING")


def select_in(conn: Connection, select: str, column: str, values: Sequence[Any]) -> list[Any]:
    """Rows of ``select`` (no WHERE yet) whose ``column`` is in ``values``, one parameter.

    PostgreSQL takes an array (``= ANY``), SQLite a JSON array (``json_each``), so a batch of
    any size is one statement and one plan.
    """
    if not values:
        return []
    if conn.dialect.name == "postgresql":
        sql, param = f"{select} WHERE {column} = ANY(%s)", list(values)
    else:
        sql, param = f"{select} WHERE {column} IN (SELECT value FROM json_each(?))", None
    bound: Any = param if param is not None else json.dumps(list(values))
    return list(conn.exec_driver_sql(sql, (bound,)).all())


def allocate_ids(conn: Connection, table: str, count: int) -> list[int]:
    """``count`` unused primary keys for ``table`` (its sequence on PostgreSQL).

    On SQLite, max(id) + 1 onwards: safe because the writer holds the database lock until
    commit once it has written, and the caller inserts these ids before asking again.
    """
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
            (count,),
        )
        return [int(r[0]) for r in rows]
    top = conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + count))


def parent_path_sql(conn: Connection, expr: str) -> str:
    """SQL for a dotted admin path without its last segment ("UA.07.123" -> "UA.07"), or NULL."""
    if conn.dialect.name == "postgresql":
        return f"substring({expr} from '^(.*)[.][^.]*$')"
    # SQLite has no regex: strip every trailing non-dot character, then the dot
    return f"NULLIF(rtrim(rtrim({expr}, replace({expr}, '.', '')), '.'), '')"
