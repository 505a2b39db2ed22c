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

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select
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


Row = tuple[Any, ...]
"""One export row: values in :data:`COLUMNS` order (dates as ISO text)."""

INDEX_COLUMNS = (
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
"""The index columns an export reads, in :data:`COLUMNS` order before names and sources."""
_DATES = (StatFact.day, StatFact.end_day, StatFact.as_of)
_FACT_COLUMNS = tuple(cast(c, String) if any(c is d for d in _DATES) else c for c in INDEX_COLUMNS)
"""Index columns read for a row; dates are cast to text in SQL (ISO on both databases), so
a million rows are not parsed to ``date`` only to be formatted back."""


class _Names:
    """Admin unit names, memoised across batches (a few hundred units serve any export)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._names: dict[int, str | None] = {}

    def load(self, ids: set[int]) -> dict[int, str | None]:
        todo = ids - self._names.keys()
        if todo:
            found = names_of(todo, session=self._session)
            self._names.update({i: found.get(i) for i in todo})
        return self._names


def sources(record_ids: list[int], *, session: Session) -> dict[int, tuple[str | None, str | None]]:
    """(publishers, document ids) of records that have sources, as export cells."""
    out = {}
    for rid, srcs in sources_of(record_ids, session=session).items():
        if srcs:
            publishers = "; ".join(sorted({s.publisher for s in srcs if s.publisher}))
            documents = " ".join(str(d) for d in sorted({s.document_id for s in srcs}))
            out[rid] = (publishers or None, documents or None)
    return out


def _rows(facts: Sequence[Any], names: _Names, *, session: Session) -> list[Row]:
    """Export rows of index rows, with unit names and the sources of their records."""
    named = names.load({i for f in facts for i in (f[9], f[10]) if i is not None}).get
    cited = sources([f[1] for f in facts], session=session).get
    none = (None, None)
    return [
        (
            *f[1:6],  # record_id .. date_prec
            bool(f[6]),
            *f[7:9],  # as_of, country
            named(f[9]),
            named(f[10]),
            *f[11:26],  # place .. area_m2
            bool(f[26]),
            *cited(f[1], none),
        )
        for f in facts
    ]


def _select(query: ExportQuery, *, limit: int, offset: int, after: int) -> Any:
    return (
        select(*_FACT_COLUMNS)
        .where(*filters(query), StatFact.id > after)
        .order_by(StatFact.id)
        .limit(limit)
        .offset(offset)
    )


def _facts(
    query: ExportQuery, *, session: Session, limit: int, offset: int = 0, after: int = 0
) -> list[Any]:
    """Index rows as the driver's own tuples: a million rows are read, and skipping
    SQLAlchemy's row objects halves the time (booleans are made bool in :func:`_rows`)."""
    result = session.connection().execute(_select(query, limit=limit, offset=offset, after=after))
    try:
        return list(result.cursor.fetchall())  # type: ignore[attr-defined]
    finally:
        result.close()


def page(
    query: ExportQuery, *, session: Session, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """One page of rows as dictionaries, in index order (OGC ``limit`` / ``offset`` paging)."""
    facts = _facts(query, session=session, limit=limit, offset=offset)
    return [
        dict(zip(COLUMNS, row, strict=True))
        for row in _rows(facts, _Names(session), session=session)
    ]


def stream(
    query: ExportQuery, *, session: Session, batch: int = BATCH, refresh: bool = True
) -> Iterator[list[Row]]:
    """Every matching row, in batches (keyset pagination on the index id: flat memory)."""
    query = query.validate()
    if refresh:
        index.ensure_fresh(session=session)
    names = _Names(session)
    after = 0
    while True:
        facts = _facts(query, session=session, limit=batch, after=after)
        if not facts:
            return
        after = facts[-1][0]
        yield _rows(facts, names, session=session)
