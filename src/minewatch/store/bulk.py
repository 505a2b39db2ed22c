"""Bulk inserts for the reconcile flow's hot paths: ids back in input order, and plain
driver-level executemany.

Why not ``INSERT ... RETURNING`` with ``sort_by_parameter_order``: a table without a
sentinel column makes SQLAlchemy run it as one statement per row on SQLite (46,000 records
took 3.9 s, 85 us a row). :func:`insert_returning_ids` inserts one row to learn its id,
reserves the rest (:func:`minewatch.store.spatial.reserve_ids`) and sends every row with
its id.

Why :func:`executemany` bypasses SQLAlchemy's parameter processing: at 146,000 audit
entries, compiling parameters and running the JSON type's serializer per value took most of
5 s. Values are converted once per column here (JSON columns with ``json.dumps``, dates as
ISO text, other types through their own bind processor) and handed to the driver, so the
stored values are the ones SQLAlchemy would store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from minewatch.store.spatial import reserve_ids

CHUNK = 5000


def _iso(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


_ENCODE = json.JSONEncoder(default=_iso).encode  # one encoder: json.dumps builds one a call


def to_json(value: Any) -> str:
    """JSON text of a value (dates as ISO strings), as a JSON column stores it."""
    return _ENCODE(value)


def _converter(conn: Connection, table: Table, name: str) -> Callable[[Any], Any] | None:
    column_type = table.c[name].type
    if isinstance(column_type, JSON):
        return to_json
    return column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)  # type: ignore[no-any-return]


def executemany(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert ``rows`` (all with the keys of the first) through the driver; how many.

    JSON None is stored as JSON ``null``, as SQLAlchemy's JSON type does by default."""
    if not rows:
        return 0
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    converters = [(i, f) for i, n in enumerate(names) if (f := _converter(conn, table, n))]
    for start in range(0, len(rows), CHUNK):
        params = []
        for row in rows[start : start + CHUNK]:
            values = [row[n] for n in names]
            for i, convert in converters:
                values[i] = convert(values[i])
            params.append(tuple(values))
        conn.exec_driver_sql(sql, params)
    return len(rows)


def insert_returning_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` (without ids) into ``table``; their new ids, in input order."""
    if not rows:
        return []
    first = int(session.execute(insert(table).returning(table.c.id), rows[0]).scalar_one())
    ids = [first, *reserve_ids(session.connection(), table.name, first, len(rows) - 1)]
    rest = [{**row, "id": i} for row, i in zip(rows[1:], ids[1:], strict=True)]
    executemany(session.connection(), table, rest)
    return ids
