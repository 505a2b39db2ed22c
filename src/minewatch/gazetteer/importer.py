"""Batched, idempotent writes of `PlaceRecord` streams into the places tables.

Core ``executemany`` in fixed-size batches keeps memory flat for a 12-million-line GeoNames
dump; upserts keyed on ``source_id`` (places) and ``(place_id, name)`` (names) make a re-run
change nothing. Parents are linked after all rows exist, by matching ``parent_code`` to
``code`` in SQL, because a dump lists children before their admin units. Flushes, never
commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from shapely import Point
from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from minewatch.gazetteer.loaders import LineError, PlaceRecord, batched, read_alternate_names
from minewatch.gazetteer.models import Place, PlaceName
from minewatch.gazetteer.names import name_key
from minewatch.store.spatial_ext import index_points, upsert

PLACES: Table = Place.__table__  # type: ignore[assignment]
NAMES: Table = PlaceName.__table__  # type: ignore[assignment]
_UPDATE = ("name", "kind", "country_code", "source", "code", "parent_code", "feature_code")
_KEEP = ("geom", "population")


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
    """Upsert places and their names in batches; link parents at the end."""
    stats = WriteStats()
    conn = session.connection()
    place_stmt = upsert(conn, PLACES, key=["source_id"], update=_UPDATE, keep_existing=_KEEP)
    place_stmt = place_stmt.returning(PLACES.c.id, PLACES.c.source_id)
    name_stmt = upsert(conn, NAMES, key=["place_id", "name"])
    for batch in batched(records, batch_size):
        rows = [
            {
                "source_id": r.source_id,
                "name": r.name[:300],
                "kind": r.kind,
                "country_code": r.country_code,
                "source": r.source[:100],
                "code": r.code,
                "parent_code": r.parent_code,
                "feature_code": r.feature_code,
                "geom": Point(r.lon, r.lat) if r.lon is not None and r.lat is not None else None,
                "population": r.population,
            }
            for r in batch
        ]
        ids = {sid: pid for pid, sid in conn.execute(place_stmt, rows)}
        index_points(
            conn,
            "places",
            "geom",
            (
                (ids[r.source_id], r.lon, r.lat)
                for r in batch
                if r.lon is not None and r.lat is not None
            ),
        )
        name_rows = []
        for r in batch:
            pid = ids[r.source_id]
            for n in dict.fromkeys((r.name, *r.names)):
                if key := name_key(n)[:300]:
                    name_rows.append({"place_id": pid, "name": n[:300], "key": key, "lang": None})
        if name_rows:
            conn.execute(name_stmt, name_rows)
        stats.places += len(rows)
        stats.names += len(name_rows)
        if progress:
            progress(len(rows))
    stats.linked = link_parents(session=session)
    session.flush()
    return stats


def link_parents(*, session: Session) -> int:
    """Set ``parent_id`` from ``parent_code`` (exact code first, then shorter GeoNames paths)."""
    conn = session.connection()
    result = conn.execute(
        text(
            "UPDATE places SET parent_id = (SELECT p.id FROM places p WHERE p.code = "
            "places.parent_code ORDER BY p.id LIMIT 1) WHERE parent_code IS NOT NULL AND "
            "EXISTS (SELECT 1 FROM places p WHERE p.code = places.parent_code AND "
            "(places.parent_id IS NULL OR places.parent_id <> p.id))"
        )
    )
    linked = int(result.rowcount or 0)
    # GeoNames paths whose deepest level is not in the gazetteer: walk up ("UA.07.123" -> "UA.07")
    pending = conn.execute(
        select(PLACES.c.id, PLACES.c.parent_code).where(
            PLACES.c.parent_id.is_(None), PLACES.c.parent_code.like("%.%")
        )
    ).all()
    if not pending:
        return linked
    codes = dict(
        conn.execute(select(PLACES.c.code, PLACES.c.id).where(PLACES.c.code.is_not(None))).all()
    )
    updates = []
    for pid, pcode in pending:
        parts = pcode.split(".")
        while parts:
            parts.pop()
            found = codes.get(".".join(parts)) if parts else None
            if found is not None and found != pid:
                updates.append({"pid": pid, "parent": found})
                break
    if updates:
        conn.execute(text("UPDATE places SET parent_id = :parent WHERE id = :pid"), updates)
    return linked + len(updates)


def write_alternate_names(
    path: object,
    *,
    session: Session,
    stats: WriteStats,
    batch_size: int = 20000,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add names from ``alternateNamesV2.txt`` to places imported from GeoNames."""
    from pathlib import Path

    conn = session.connection()
    name_stmt = upsert(conn, NAMES, key=["place_id", "name"])
    pending: list[tuple[str, str, str | None]] = []

    def flush() -> None:
        wanted = sorted({f"geonames:{gid}" for gid, _, _ in pending})
        ids: dict[str, int] = {}
        for chunk in range(0, len(wanted), 900):
            part = wanted[chunk : chunk + 900]
            rows = conn.execute(
                select(PLACES.c.id, PLACES.c.source_id).where(PLACES.c.source_id.in_(part))
            )
            ids.update({sid: pid for pid, sid in rows})
        name_rows = [
            {"place_id": ids[f"geonames:{gid}"], "name": n, "key": name_key(n)[:300], "lang": lang}
            for gid, n, lang in pending
            if f"geonames:{gid}" in ids and name_key(n)
        ]
        if name_rows:
            conn.execute(name_stmt, name_rows)
            stats.names += len(name_rows)
        pending.clear()

    for gid, n, lang, lineno in read_alternate_names(Path(str(path)), stats.errors):
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
    session.flush()
