"""Export rows: approved records as flat dictionaries, streamed in batches.

Rows come from the statistics index (numbers, admin units, point, dates as plain columns),
read by keyset pagination on the index id, so memory stays flat for any number of records.
Every row names the documents behind it; the export writes their citations alongside.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from minewatch.errors import InputError
from minewatch.gazetteer.hierarchy import names_of
from minewatch.reconcile.service import sources_of
from minewatch.stats import index
from minewatch.stats.models import StatFact
from minewatch.stats.schemas import KINDS

BBox = tuple[float, float, float, float]
BATCH = 10_000
COLUMNS = (
    "record_id",
    "kind",
    "date",
    "period_end",
    "date_prec",
    "incident",
    "as_of",
    "country",
    "adm1",
    "adm2",
    "place",
    "lat",
    "lon",
    "where_prec",
    "authority",
    "category",
    "model",
    "action",
    "quantity",
    "killed",
    "injured",
    "civilians_killed",
    "military_killed",
    "children",
    "area_m2",
    "disputed",
    "sources",
    "documents",
)
"""Export columns, in order (GeoJSON properties, GeoPackage fields, CSV header)."""


@dataclass(frozen=True, slots=True)
class ExportQuery:
    """Which approved records to export: kind, bounding box and period (all optional)."""

    kind: str | None = None
    bbox: BBox | None = None
    since: date | None = None
    until: date | None = None

    def validate(self) -> ExportQuery:
        """Refuse unknown kinds, bad boxes and reversed periods."""
        if self.kind is not None and self.kind not in KINDS:
            raise InputError(f"--kind {self.kind!r}: use {', '.join(KINDS)}")
        if self.bbox is not None:
            minx, miny, maxx, maxy = self.bbox
            if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                raise InputError("bbox: give minlon,minlat,maxlon,maxlat in degrees")
        if self.since and self.until and self.until < self.since:
            raise InputError(f"--until {self.until} is before --since {self.since}")
        return self


def parse_bbox(raw: str | None) -> BBox | None:
    """``minlon,minlat,maxlon,maxlat`` (OGC order) as floats."""
    if not raw:
        return None
    try:
        parts = [float(p) for p in raw.split(",")]
    except ValueError as exc:
        raise InputError(f"bbox {raw!r}: four numbers separated by commas") from exc
    if len(parts) != 4:
        raise InputError(f"bbox {raw!r}: four numbers separated by commas")
    return parts[0], parts[1], parts[2], parts[3]


def filters(query: ExportQuery) -> list[ColumnElement[bool]]:
    """SQL conditions of an export query over the index (approved records only)."""
    where: list[ColumnElement[bool]] = [
        StatFact.review == "approved",
        StatFact.record_id.is_not(None),
    ]
    if query.kind:
        where.append(StatFact.kind == query.kind)
    if query.bbox is not None:
        minx, miny, maxx, maxy = query.bbox
        lon, lat = StatFact.lon, StatFact.lat
        in_lon = or_(lon >= minx, lon <= maxx) if minx > maxx else and_(lon >= minx, lon <= maxx)
        where += [lon.is_not(None), in_lon, lat >= miny, lat <= maxy]
    if query.since:  # overlaps [since, until]: ends on/after since (open periods do)
        where.append(func.coalesce(StatFact.end_day, StatFact.day, StatFact.as_of) >= query.since)
    if query.until:
        where.append(func.coalesce(StatFact.day, StatFact.as_of) <= query.until)
    return where


def count(query: ExportQuery, *, session: Session) -> int:
    """How many records an export query matches."""
    return session.scalar(select(func.count(StatFact.id)).where(*filters(query))) or 0


def _row(fact: Any, names: dict[int, str], srcs: Sequence[Any]) -> dict[str, Any]:
    publishers = sorted({s.publisher for s in srcs if s.publisher})
    return {
        "record_id": fact.record_id,
        "kind": fact.kind,
        "date": fact.day,
        "period_end": fact.end_day,
        "date_prec": fact.date_prec,
        "incident": bool(fact.incident),
        "as_of": fact.as_of,
        "country": fact.country_code,
        "adm1": names.get(fact.adm1_id) if fact.adm1_id else None,
        "adm2": names.get(fact.adm2_id) if fact.adm2_id else None,
        "place": fact.place,
        "lat": fact.lat,
        "lon": fact.lon,
        "where_prec": fact.where_prec,
        "authority": fact.authority,
        "category": fact.category,
        "model": fact.model,
        "action": fact.action,
        "quantity": fact.quantity,
        "killed": fact.killed,
        "injured": fact.injured,
        "civilians_killed": fact.civilians_killed,
        "military_killed": fact.military_killed,
        "children": fact.children,
        "area_m2": fact.area_m2,
        "disputed": bool(fact.disputed),
        "sources": "; ".join(publishers) or None,
        "documents": " ".join(str(d) for d in sorted({s.document_id for s in srcs})) or None,
    }


_FACT_COLUMNS = (
    StatFact.id,
    StatFact.record_id,
    StatFact.kind,
    StatFact.day,
    StatFact.end_day,
    StatFact.date_prec,
    StatFact.incident,
    StatFact.as_of,
    StatFact.country_code,
    StatFact.adm1_id,
    StatFact.adm2_id,
    StatFact.place,
    StatFact.lat,
    StatFact.lon,
    StatFact.where_prec,
    StatFact.authority,
    StatFact.category,
    StatFact.model,
    StatFact.action,
    StatFact.quantity,
    StatFact.killed,
    StatFact.injured,
    StatFact.civilians_killed,
    StatFact.military_killed,
    StatFact.children,
    StatFact.area_m2,
    StatFact.disputed,
)


def page(
    query: ExportQuery, *, session: Session, limit: int, offset: int = 0, after: int = 0
) -> list[dict[str, Any]]:
    """One page of rows in index order (``after``: keyset, ``offset``: OGC paging)."""
    stmt = (
        select(*_FACT_COLUMNS)
        .where(*filters(query), StatFact.id > after)
        .order_by(StatFact.id)
        .limit(limit)
        .offset(offset)
    )
    facts = session.execute(stmt).all()
    if not facts:
        return []
    units = {i for f in facts for i in (f.adm1_id, f.adm2_id) if i is not None}
    names = names_of(units, session=session)
    srcs = sources_of([f.record_id for f in facts], session=session)
    return [{"_id": f.id, **_row(f, names, srcs.get(f.record_id, []))} for f in facts]


def stream(
    query: ExportQuery, *, session: Session, batch: int = BATCH, refresh: bool = True
) -> Iterator[list[dict[str, Any]]]:
    """Every matching row, in batches (keyset pagination: flat memory at any size)."""
    query = query.validate()
    if refresh:
        index.ensure_fresh(session=session)
    after = 0
    while True:
        rows = page(query, session=session, limit=batch, after=after)
        if not rows:
            return
        after = rows[-1].pop("_id")
        for row in rows:
            row.pop("_id", None)
        yield rows
