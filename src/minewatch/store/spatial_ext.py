"""Dialect-specific bulk operations that `spatial.py` does not cover: upserts, id blocks,
set lookups, admin-path SQL, R*Tree batches and bulk-load connection settings.

Bulk loaders (the gazetteer's GeoNames importer) write with plain driver ``executemany``
(no ORM, no RETURNING), which bypasses the ORM events that keep the SQLite R*Tree in step;
:func:`index_points` does that work in one statement per batch, and :func:`deferred_points`
once at the end of a load (staged in a temporary table). PostGIS indexes itself.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import numpy as np
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

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

# SQLite's R*Tree stores 32-bit floats, a lower bound rounded down and an upper bound up,
# exactly as rtree.c's rtreeValueDown / rtreeValueUp do (checked against SQLite in tests).
_RNDTOWARDS = 1.0 - 1.0 / 8388608.0
_RNDAWAY = 1.0 + 1.0 / 8388608.0
_RTREE_CELL = 24  # 64-bit id + 4 x 32-bit float, big-endian
_CELLS = np.dtype(
    [("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")]
)
_REBUILD_MIN = 50_000  # points in one load from which rebuilding the whole R*Tree pays


def _round_down(d: np.ndarray) -> np.ndarray:
    f = d.astype(np.float32).astype(np.float64)
    m = f > d
    if m.any():
        dm = d[m]
        f[m] = (dm * np.where(dm < 0, _RNDAWAY, _RNDTOWARDS)).astype(np.float32)
    return f


def _round_up(d: np.ndarray) -> np.ndarray:
    f = d.astype(np.float32).astype(np.float64)
    m = f < d
    if m.any():
        dm = d[m]
        f[m] = (dm * np.where(dm < 0, _RNDTOWARDS, _RNDAWAY)).astype(np.float32)
    return f


@contextmanager
def deferred_points(conn: Connection, table: str, column: str) -> Iterator[PointSink]:
    """Collect (id, lon, lat) points of a bulk load; index them all at once at the end.

    On SQLite the points go to a temporary table (on disk beyond the page cache, so memory
    stays flat whatever the load's size; a later point of the same id replaces the earlier,
    as :func:`index_points` would), already rounded as the R*Tree rounds. When the block
    ends without an error, a small load goes into the R*Tree with one ``INSERT ... SELECT``;
    a load at least half the size of the tree rebuilds the tree bottom-up instead (sorted
    tile packing written to its shadow tables, many times faster than a million R*-tree
    inserts; the same rows, checked by ``rtreecheck``). PostGIS indexes itself.
    """
    if conn.dialect.name == "postgresql":
        yield lambda rows: None
        return
    staged = f"tmp_points_{table}_{column}"
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{staged}")  # left by a failed run
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {staged} (id INTEGER PRIMARY KEY, minx REAL NOT NULL, "
        "maxx REAL NOT NULL, miny REAL NOT NULL, maxy REAL NOT NULL)"
    )
    insert = f"INSERT OR REPLACE INTO temp.{staged} VALUES (?, ?, ?, ?, ?)"

    def sink(rows: Sequence[tuple[int, float, float]]) -> None:
        if not rows:
            return
        ids, lon, lat = zip(*rows, strict=True)
        x = np.fromiter(lon, np.float64, len(rows))
        y = np.fromiter(lat, np.float64, len(rows))
        bounds = (_round_down(x), _round_up(x), _round_down(y), _round_up(y))
        conn.exec_driver_sql(insert, list(zip(ids, *(b.tolist() for b in bounds), strict=True)))

    try:
        yield sink
        rtree = rtree_name(table, column)
        new = conn.exec_driver_sql(f"SELECT COUNT(*) FROM temp.{staged}").scalar_one()
        old = conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{rtree}_rowid"').scalar_one()
        if new >= _REBUILD_MIN and 2 * new >= old and _shadow_writable(conn, rtree):
            _rebuild_rtree(conn, rtree, f"temp.{staged}")
        else:
            conn.exec_driver_sql(
                f"INSERT OR REPLACE INTO {rtree} (id, minx, maxx, miny, maxy) "
                f"SELECT id, minx, maxx, miny, maxy FROM temp.{staged} ORDER BY id"
            )
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{staged}")


def _shadow_writable(conn: Connection, rtree: str) -> bool:
    """False when SQLite protects the R*Tree's shadow tables (defensive mode)."""
    try:
        conn.exec_driver_sql(f'DELETE FROM "{rtree}_parent" WHERE 0')
    except DBAPIError:
        return False
    return True


def _rebuild_rtree(conn: Connection, rtree: str, staged: str) -> None:
    """Replace the R*Tree's nodes with a packed tree of its old entries and ``staged``'s.

    Sort-Tile-Recursive packing, level by level through temporary tables, so memory stays
    flat: each level's entries are sorted by x centre (SQLite's sorter), cut into vertical
    slices of about sqrt(n) nodes, sorted by y centre within a slice (in memory: one slice
    at a time), and packed into full nodes; the
    nodes' bounding boxes are the next level's entries, until they fit in the root (node
    1, whose header holds the tree depth). Node layout as in SQLite's rtree.c.
    """
    size = int(
        conn.exec_driver_sql(
            f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1'
        ).scalar_one()
    )
    fanout = (size - 4) // _RTREE_CELL
    level, upper = "temp.tmp_rtree_level", "temp.tmp_rtree_upper"
    for name in (level, upper):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        conn.exec_driver_sql(
            f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, minx REAL, maxx REAL, "
            "miny REAL, maxy REAL)"
        )
    conn.exec_driver_sql(  # the entries this load does not replace
        f"INSERT INTO {level} SELECT id, minx, maxx, miny, maxy FROM {rtree} "
        f"WHERE id NOT IN (SELECT id FROM {staged})"
    )
    for shadow in ("node", "rowid", "parent"):
        conn.exec_driver_sql(f'DELETE FROM "{rtree}_{shadow}"')
    put_node = f'INSERT INTO "{rtree}_node" (nodeno, data) VALUES (?, ?)'
    # leaf entries come in tile order, i.e. random ids: staged unsorted, then appended to the
    # rowid table in id order (random inserts into a table of millions of rows miss the
    # page cache more and more as it grows: 3x the time for twice the points)
    rowids = "temp.tmp_rtree_rowids"
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {rowids}")
    conn.exec_driver_sql(f"CREATE TABLE {rowids} (id INTEGER NOT NULL, nodeno INTEGER NOT NULL)")
    put_rowid = f"INSERT INTO {rowids} (id, nodeno) VALUES (?, ?)"
    put_parent = f'INSERT INTO "{rtree}_parent" (nodeno, parentnode) VALUES (?, ?)'
    source = f"SELECT * FROM {level} UNION ALL SELECT * FROM {staged}"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    depth, next_node = 0, 2
    while True:
        count = int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM ({source})").scalar_one())
        mapping = put_rowid if depth == 0 else put_parent
        if count <= fanout:  # the root
            cells = _cells(cursor.execute(f"{source} ORDER BY id").fetchall())
            conn.exec_driver_sql(put_node, [(1, _node(depth, cells, size))])
            if len(cells):
                conn.exec_driver_sql(mapping, [(int(i), 1) for i in cells["id"]])
            break
        nodes = -(-count // fanout)
        slice_items = math.ceil(math.sqrt(nodes)) * fanout  # O(sqrt(n)) rows in memory
        cursor.execute(f"SELECT * FROM ({source}) ORDER BY minx + maxx, id")
        put_upper = f"INSERT INTO {upper} VALUES (?, ?, ?, ?, ?)"
        while chunk := cursor.fetchmany(slice_items):
            cells = _cells(chunk)
            centre = cells["miny"].astype(np.float64) + cells["maxy"].astype(np.float64)
            cells = cells[np.lexsort((cells["id"], centre))]
            starts = np.arange(0, len(cells), fanout)
            numbers = np.arange(next_node, next_node + len(starts))
            next_node += len(starts)
            conn.exec_driver_sql(
                put_node,
                [
                    (n, _node(0, cells[i : i + fanout], size))
                    for n, i in zip(numbers.tolist(), starts.tolist(), strict=True)
                ],
            )
            owner = np.repeat(numbers, fanout)[: len(cells)]
            conn.exec_driver_sql(
                mapping, list(zip(cells["id"].tolist(), owner.tolist(), strict=True))
            )
            boxes = (
                np.minimum.reduceat(cells["minx"], starts),
                np.maximum.reduceat(cells["maxx"], starts),
                np.minimum.reduceat(cells["miny"], starts),
                np.maximum.reduceat(cells["maxy"], starts),
            )
            conn.exec_driver_sql(
                put_upper,
                list(
                    zip(
                        numbers.tolist(),
                        *(b.astype(np.float64).tolist() for b in boxes),
                        strict=True,
                    )
                ),
            )
        conn.exec_driver_sql(f"DELETE FROM {level}")
        level, upper = upper, level
        source = f"SELECT * FROM {level}"
        depth += 1
    cursor.close()
    conn.exec_driver_sql(
        f'INSERT INTO "{rtree}_rowid" (rowid, nodeno) SELECT id, nodeno FROM {rowids} ORDER BY id'
    )
    for name in (level, upper, rowids):
        conn.exec_driver_sql(f"DROP TABLE {name}")


def _cells(rows: Sequence[Any]) -> np.ndarray:
    """(id, minx, maxx, miny, maxy) rows as R*Tree cells (big-endian, 32-bit floats)."""
    cells = np.empty(len(rows), dtype=_CELLS)
    if rows:
        cells["id"] = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        table = np.array(rows, dtype=np.float64)
        for k, name in enumerate(("minx", "maxx", "miny", "maxy"), start=1):
            cells[name] = table[:, k]  # float32-exact already: no rounding here
    return cells


def _node(depth: int, cells: np.ndarray, size: int) -> bytes:
    """One R*Tree node: 16-bit depth (root only), 16-bit cell count, cells, zero padding."""
    data = struct.pack(">HH", depth, len(cells)) + cells.tobytes()
    return data + bytes(size - len(data))


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
def bulk_load_settings(conn: Connection, cache_mib: int = 64) -> Iterator[None]:
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


def has_geometry(conn: Connection, table: str, column: str) -> bool:
    """True when any row of ``table`` has a ``column`` geometry, answered from the spatial
    index (an R*Tree on SQLite, GiST on PostGIS) rather than a scan of the table."""
    if conn.dialect.name == "postgresql":
        sql = (
            f"SELECT 1 FROM {table} WHERE {column} && "
            f"ST_MakeEnvelope(-180, -90, 180, 90, {SRID}) LIMIT 1"
        )
    else:
        sql = f"SELECT 1 FROM {rtree_name(table, column)} LIMIT 1"
    return conn.exec_driver_sql(sql).first() is not None
