"""Dialect-specific bulk operations that `spatial.py` does not cover: upserts and R*Tree batches.

Bulk loaders (the gazetteer's GeoNames importer) write with Core ``executemany``, which
bypasses the ORM events that keep the SQLite R*Tree in step; :func:`index_points` does that
work in one statement per batch. PostGIS indexes itself, so it is a no-op there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Insert

from minewatch.store.spatial import rtree_name


def upsert(
    conn: Connection,
    table: Table,
    *,
    key: Sequence[str],
    update: Sequence[str] = (),
    keep_existing: Sequence[str] = (),
) -> Insert:
    """INSERT ... ON CONFLICT (key) DO UPDATE (or DO NOTHING when nothing is to be updated).

    Columns in ``keep_existing`` take the new value only when it is not null
    (``COALESCE(new, old)``), so a loader without coordinates never erases a known point.
    """
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    if not update and not keep_existing:
        return stmt.on_conflict_do_nothing(index_elements=list(key))
    values: dict[str, Any] = {c: stmt.excluded[c] for c in update}
    for c in keep_existing:
        values[c] = func.coalesce(stmt.excluded[c], table.c[c])
    return stmt.on_conflict_do_update(index_elements=list(key), set_=values)


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
