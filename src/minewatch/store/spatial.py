"""Dialect-specific column types and spatial indexing: the only module that branches on dialect.

SQLite (the embedded default) stores geometry as WKB in EPSG:4326 and indexes bounding boxes
in an R*Tree virtual table kept in step by ORM events; PostGIS uses a native geometry column
with a GiST index. Python code always sees Shapely geometries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import JSON, LargeBinary, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeDecorator, UserDefinedType

SRID = 4326

JsonType = JSON().with_variant(JSONB(), "postgresql")
"""JSON on SQLite, JSONB (indexable) on PostgreSQL."""


class _PostGISGeometry(UserDefinedType[Any]):
    """Native ``geometry(Geometry, 4326)``, exchanged with Python as WKB."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return f"geometry(Geometry,{SRID})"

    def bind_expression(self, bindvalue: Any) -> Any:
        return func.ST_GeomFromWKB(bindvalue, SRID, type_=self)

    def column_expression(self, col: Any) -> Any:
        # typed as the decorator so its result processing turns WKB into Shapely
        return func.ST_AsBinary(col, type_=Geometry())


class Geometry(TypeDecorator[BaseGeometry]):
    """A Shapely geometry in EPSG:4326, stored as WKB or as a PostGIS geometry."""

    impl = LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(_PostGISGeometry())
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value: BaseGeometry | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return bytes(shapely.to_wkb(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> BaseGeometry | None:
        if value is None:
            return None
        return shapely.from_wkb(bytes(value))


def rtree_name(table: str, column: str) -> str:
    """Name of the SQLite R*Tree that indexes ``table.column``."""
    return f"rtree_{table}_{column}"


def create_spatial_index(conn: Connection, table: str, column: str) -> None:
    """Create the bounding-box index for a geometry column (R*Tree or GiST)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                f"CREATE INDEX IF NOT EXISTS ix_{table}_{column}_gist "
                f"ON {table} USING GIST ({column})"
            )
        )
    else:
        conn.execute(
            text(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {rtree_name(table, column)} "
                "USING rtree(id, minx, maxx, miny, maxy)"
            )
        )


def drop_spatial_index(conn: Connection, table: str, column: str) -> None:
    """Drop what :func:`create_spatial_index` made."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP INDEX IF EXISTS ix_{table}_{column}_gist"))
    else:
        conn.execute(text(f"DROP TABLE IF EXISTS {rtree_name(table, column)}"))


def index_row(conn: Connection, table: str, column: str, row_id: int, geom: Any) -> None:
    """Keep the SQLite R*Tree in step with one row (PostGIS indexes itself)."""
    if conn.dialect.name == "postgresql":
        return
    name = rtree_name(table, column)
    conn.execute(text(f"DELETE FROM {name} WHERE id = :id"), {"id": row_id})
    if geom is None or geom.is_empty:
        return
    minx, miny, maxx, maxy = geom.bounds
    conn.execute(
        text(f"INSERT INTO {name} (id, minx, maxx, miny, maxy) VALUES (:id, :a, :b, :c, :d)"),
        {"id": row_id, "a": minx, "b": maxx, "c": miny, "d": maxy},
    )


def unindex_row(conn: Connection, table: str, column: str, row_id: int) -> None:
    """Remove one row from the SQLite R*Tree."""
    if conn.dialect.name != "postgresql":
        conn.execute(
            text(f"DELETE FROM {rtree_name(table, column)} WHERE id = :id"), {"id": row_id}
        )


def ids_in_bbox(
    conn: Connection, table: str, column: str, bbox: tuple[float, float, float, float]
) -> list[int]:
    """Ids of rows whose geometry's bounding box meets ``bbox`` (minx, miny, maxx, maxy)."""
    minx, miny, maxx, maxy = bbox
    params = {"minx": minx, "miny": miny, "maxx": maxx, "maxy": maxy}
    if conn.dialect.name == "postgresql":
        sql = (
            f"SELECT id FROM {table} WHERE {column} && "
            f"ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, {SRID}) ORDER BY id"
        )
    else:
        sql = (
            f"SELECT id FROM {rtree_name(table, column)} WHERE maxx >= :minx AND minx <= :maxx "
            "AND maxy >= :miny AND miny <= :maxy ORDER BY id"
        )
    return [int(r[0]) for r in conn.execute(text(sql), params)]


def prepare_database(conn: Connection) -> None:
    """Dialect setup a fresh database needs before the first migration (PostGIS extension)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))


def configure_sqlite_connection(dbapi_conn: Any) -> None:
    """WAL, foreign keys and a busy timeout on every new SQLite connection."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def committed_sqlite_file(conn: Connection) -> Path | None:
    """The database file behind ``conn`` when it is a SQLite file with nothing uncommitted
    (so another connection sees the same rows, e.g. a GeoPackage attaching it); else None."""
    if conn.dialect.name != "sqlite":
        return None
    raw = conn.connection.driver_connection
    name = conn.engine.url.database
    if raw is None or getattr(raw, "in_transaction", True) or not name or name == ":memory:":
        return None
    return Path(name).expanduser().resolve()


def is_sqlite(conn_or_dialect: Connection | Dialect) -> bool:
    """True on the embedded default."""
    dialect = (
        conn_or_dialect.dialect if isinstance(conn_or_dialect, Connection) else conn_or_dialect
    )
    return dialect.name == "sqlite"


def reserve_ids(conn: Connection, table: str, after: int, count: int) -> list[int]:
    """``count`` fresh primary keys of ``table``, the row with id ``after`` just inserted by
    this transaction.

    SQLite: that insert holds the database's write lock until commit, so the ids following
    it are free and stay free. PostgreSQL: drawn from the column's sequence, which is safe
    under concurrent writers (gaps are harmless)."""
    if count <= 0:
        return []
    if conn.dialect.name != "postgresql":
        return list(range(after + 1, after + 1 + count))
    sql = text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)")
    return sorted(int(r[0]) for r in conn.execute(sql, {"t": table, "n": count}))
