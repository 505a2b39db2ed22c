"""Dialect-specific bulk operations that `spatial.py` does not cover: upserts, id blocks,
set lookups, admin-path SQL, R*Tree batches and bulk-load connection settings.

Bulk loaders (the gazetteer's GeoNames importer) write with plain driver ``executemany``
(no ORM, no RETURNING), which bypasses the ORM events that keep the SQLite R*Tree in step;
:func:`index_points` does that work in one statement per batch, and :func:`deferred_points`
once at the end of a load (staged in a temporary table). PostGIS indexes itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
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


PointSink = Callable[[Sequence[tuple[int, float, float]]], None]


@contextmanager
def deferred_points(conn: Connection, table: str, column: str) -> Iterator[PointSink]:
    """Collect (id, lon, lat) points of a bulk load; index them all in one statement at the end.

    On SQLite the points go to a temporary table (on disk beyond the page cache, so memory
    stays flat whatever the load's size; a later point of the same id replaces the earlier,
    as :func:`index_points` would) and the R*Tree gets them with one ``INSERT ... SELECT``
    when the block ends without an error. PostGIS indexes itself: the sink does nothing.
    """
    if conn.dialect.name == "postgresql":
        yield lambda rows: None
        return
    staged = f"tmp_points_{table}_{column}"
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{staged}")  # left by a failed run
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {staged} (id INTEGER PRIMARY KEY, lon REAL NOT NULL, "
        "lat REAL NOT NULL)"
    )
    insert = f"INSERT OR REPLACE INTO temp.{staged} (id, lon, lat) VALUES (?, ?, ?)"

    def sink(rows: Sequence[tuple[int, float, float]]) -> None:
        if rows:
            conn.exec_driver_sql(insert, rows)  # type: ignore[arg-type]

    try:
        yield sink
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO {rtree_name(table, column)} (id, minx, maxx, miny, maxy) "
            f"SELECT id, lon, lon, lat, lat FROM temp.{staged} ORDER BY id"
        )
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{staged}")


@contextmanager
def deferred_indexes(conn: Connection, tables: Sequence[str]) -> Iterator[Callable[[], None]]:
    """Yield ``defer()``: drops the non-unique indexes of ``tables`` until the block ends.

    For a load that rewrites a large part of a table: one sorted ``CREATE INDEX`` at the end
    is much cheaper than a random B-tree insert per row. SQLite only (DDL is transactional
    there and readers keep their snapshot; the writer holds the lock anyway); the indexes
    are recreated from their stored SQL, so the schema ends up the same. On PostgreSQL
    ``defer()`` does nothing: dropping an index would lock the table against readers.
    Unique indexes stay: upserts need them.
    """
    dropped: list[str] = []

    def defer() -> None:
        if conn.dialect.name == "postgresql" or dropped:
            return
        for table in tables:
            rows = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL ORDER BY name",
                (table,),
            ).all()
            for name, sql in rows:
                if not str(sql).upper().startswith("CREATE UNIQUE"):
                    conn.exec_driver_sql(f'DROP INDEX "{name}"')
                    dropped.append(str(sql))

    try:
        yield defer
    except BaseException:
        with suppress(Exception):  # the caller rolls back, which restores them anyway
            _recreate(conn, dropped)
        raise
    _recreate(conn, dropped)


def _recreate(conn: Connection, statements: list[str]) -> None:
    while statements:
        conn.exec_driver_sql(statements.pop(0))


@contextmanager
def bulk_load_settings(conn: Connection, cache_mib: int = 256) -> Iterator[None]:
    """A larger page cache on this connection for one bulk load, restored afterwards.

    SQLite's default cache (2 MiB) makes every index insert of a million-row load a page
    read; a bounded cache keeps memory flat in the load's size. Durability is untouched.
    PostgreSQL: nothing to do.
    """
    if conn.dialect.name == "postgresql":
        yield
        return
    old = {
        db: conn.exec_driver_sql(f"PRAGMA {db}.cache_size").scalar_one() for db in ("main", "temp")
    }
    conn.exec_driver_sql(f"PRAGMA main.cache_size = -{cache_mib * 1024}")
    conn.exec_driver_sql(f"PRAGMA temp.cache_size = -{max(cache_mib // 4, 8) * 1024}")
    try:
        yield
    finally:
        for db, value in old.items():
            conn.exec_driver_sql(f"PRAGMA {db}.cache_size = {int(value)}")


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
