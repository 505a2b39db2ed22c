"""Statistics: the figures people quote, each with the records and claims behind it.

One library function, :func:`figures`, serves the CLI, the API and the web UI. Incident
records (one event each) are summed; tallies an authority reported ("since 10 November 2020,
268 victims") are listed apart as reported totals as of a date, by an authority, and never
added to the incident sums (DESIGN §2). Only approved records count unless pending claims
are asked for. The sums run as one GROUP BY over the statistics index, which is brought up to
date first; the caller owns the transaction (the index refresh flushes, never commits).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from minewatch.claims import review_ops
from minewatch.claims.figures import figure, number
from minewatch.documents import service as document_service
from minewatch.errors import InputError
from minewatch.gazetteer import hierarchy
from minewatch.reconcile.service import sources_of
from minewatch.stats import index
from minewatch.stats.models import StatFact, StatFactPlace
from minewatch.stats.schemas import (
    GROUPS,
    KINDS,
    MAIN_MEASURE,
    MEASURE_LABELS,
    MEASURES,
    Group,
    IncidentItem,
    Incidents,
    Measure,
    MonthPoint,
    PlaceOut,
    ReportedTotal,
    Series,
    Source,
    StatsResult,
    TotalPoint,
    TotalSeries,
)

GROUP_COLUMNS = {
    "place": StatFact.place_id,
    "admin1": StatFact.adm1_id,
    "admin2": StatFact.adm2_id,
    "month": StatFact.month,
    "category": StatFact.category,
    "model": StatFact.model,
}
PLACE_GROUPS = frozenset({"place", "admin1", "admin2"})
KIND_ALIASES = {"finds": "device_find", "land-release": "land_release", "inspections": "inspection"}


@dataclass(frozen=True, slots=True)
class StatsQuery:
    """What to count: a kind, and optional place, period, authority, review and grouping."""

    kind: str
    place: str | None = None
    since: date | None = None
    until: date | None = None
    authority: str | None = None
    include_pending: bool = False
    group_by: tuple[str, ...] = ()
    list_limit: int = 1000
    place_ids: tuple[int, ...] = field(default=(), compare=False)

    def validate(self) -> StatsQuery:
        """Normalise the kind and refuse unknown groupings with a message naming valid ones."""
        kind = KIND_ALIASES.get(self.kind, self.kind)
        if kind not in KINDS:
            raise InputError(f"unknown kind {self.kind!r}: use {', '.join(KINDS)}")
        bad = [g for g in self.group_by if g not in GROUPS]
        if bad:
            raise InputError(f"--group-by {bad[0]!r}: use {', '.join(GROUPS)}")
        if self.since and self.until and self.until < self.since:
            raise InputError(f"--until {self.until} is before --since {self.since}")
        if self.list_limit < 0:
            raise InputError("list_limit must be >= 0")
        return replace(self, kind=kind, group_by=tuple(dict.fromkeys(self.group_by)))

    def echo(self) -> dict[str, Any]:
        """The query as plain data (shown with the result)."""
        return {
            "kind": self.kind,
            "place": self.place,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "authority": self.authority,
            "include_pending": self.include_pending,
            "group_by": list(self.group_by),
        }


def _common(query: StatsQuery, place_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    reviews = ("approved", "pending") if query.include_pending else ("approved",)
    where: list[ColumnElement[bool]] = [
        StatFact.kind == query.kind,
        StatFact.review.in_(reviews),
    ]
    if query.authority:
        where.append(func.lower(StatFact.authority).contains(query.authority.lower()))
    if place_ids:
        where.append(
            exists().where(
                StatFactPlace.fact_id == StatFact.id, StatFactPlace.place_id.in_(place_ids)
            )
        )
    return where


def incident_filter(query: StatsQuery, place_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """Incidents of the query: starting within [since, until]."""
    where = [*_common(query, place_ids), StatFact.incident.is_(True)]
    if query.since:
        where.append(StatFact.day >= query.since)
    if query.until:
        where.append(StatFact.day <= query.until)
    return where


def total_filter(query: StatsQuery, place_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """Reported totals of the query: counting from ``since`` or later, stated by ``until``."""
    where = [*_common(query, place_ids), StatFact.incident.is_(False)]
    if query.since:
        where.append(StatFact.day >= query.since)
    if query.until:
        where.append(func.coalesce(StatFact.end_day, StatFact.as_of) <= query.until)
    return where


def _measures(kind: str) -> list[Any]:
    cols = []
    for name in MEASURES[kind]:
        col = getattr(StatFact, name)
        cols += [func.sum(col), func.count(col)]
    return cols


def _totals(kind: str, values: Sequence[Any]) -> dict[str, Measure]:
    out = {}
    for i, name in enumerate(MEASURES[kind]):
        total, stated = values[2 * i], values[2 * i + 1]
        if isinstance(total, float) and total.is_integer() and name != "area_m2":
            total = int(total)
        out[name] = Measure(sum=total, stated_by=int(stated or 0))
    return out


def grouped_select(query: StatsQuery, place_ids: Sequence[int] = ()) -> Select[Any]:
    """The incident GROUP BY of a query (the benchmark times exactly this)."""
    keys = [GROUP_COLUMNS[g] for g in query.group_by]
    cols: list[Any] = [*keys, func.count(StatFact.id), *_measures(query.kind)]
    stmt: Select[Any] = select(*cols).where(*incident_filter(query, place_ids))
    if keys:
        stmt = stmt.group_by(*keys).order_by(*keys)
    return stmt


def _label(group_by: Sequence[str], key: dict[str, Any], names: dict[int, str]) -> str:
    parts = []
    for name in group_by:
        value = key[name]
        if value is None:
            parts.append(f"({name} unknown)")
        elif name in PLACE_GROUPS:
            parts.append(names.get(value, f"place {value}"))
        else:
            parts.append(str(value))
    return " / ".join(parts)


def _rolled_up(rows: Sequence[Any], width: int) -> tuple[int, list[Any]]:
    """Overall count and (sum, count) pairs from grouped rows, so the index is scanned once:
    integer sums are exact either way; float sums are added with ``math.fsum``."""
    count = sum(r[width] for r in rows)
    values: list[Any] = []
    for i in range(width + 1, len(rows[0]) if rows else width + 1):
        stated = [r[i] for r in rows if r[i] is not None]
        if i % 2 == (width + 1) % 2:  # a sum column
            exact = all(isinstance(v, int) for v in stated)
            values.append((sum(stated) if exact else math.fsum(stated)) if stated else None)
        else:
            values.append(sum(stated))
    return count, values


def _incidents(query: StatsQuery, place_ids: Sequence[int], *, session: Session) -> Incidents:
    groups: list[Group] = []
    if query.group_by:
        rows = session.execute(grouped_select(query, place_ids)).all()
        width = len(query.group_by)
        if rows:
            count, values = _rolled_up(rows, width)
        else:
            count, values = 0, [None, 0] * len(MEASURES[query.kind])
        place_keys = {r[i] for r in rows for i, g in enumerate(query.group_by) if g in PLACE_GROUPS}
        names = hierarchy.names_of({k for k in place_keys if k is not None}, session=session)
        for row in rows:
            key = dict(zip(query.group_by, row[:width], strict=True))
            groups.append(
                Group(
                    key=key,
                    label=_label(query.group_by, key, names),
                    records=row[width],
                    totals=_totals(query.kind, row[width + 1 :]),
                )
            )
    else:
        overall = select(func.count(StatFact.id), *_measures(query.kind)).where(
            *incident_filter(query, place_ids)
        )
        count, *values = session.execute(overall).one()
    listed = count <= query.list_limit
    result = Incidents(
        records=count, totals=_totals(query.kind, values), groups=groups, listed=listed
    )
    if listed:
        group_cols = [GROUP_COLUMNS[g] for g in query.group_by]
        stmt = (
            select(StatFact, *group_cols)
            .where(*incident_filter(query, place_ids))
            .order_by(StatFact.id)
        )
        members: list[tuple[StatFact, tuple[Any, ...]]] = [
            (r[0], tuple(r[1:])) for r in session.execute(stmt)
        ]
        result.record_ids = [f.record_id for f, _ in members if f.record_id is not None]
        result.pending_claim_ids = [c for f, _ in members for c in (f.claim_ids or [])]
        by_key: dict[tuple[Any, ...], list[StatFact]] = {}
        for fact, member_key in members:
            by_key.setdefault(member_key, []).append(fact)
            stated = {m: v for m in MEASURES[query.kind] if (v := getattr(fact, m)) is not None}
            result.items.append(
                IncidentItem(
                    record_id=fact.record_id,
                    pending_claim_ids=list(fact.claim_ids or []),
                    headline=headline(query.kind, stated, dict(fact.detail or {}), fact),
                    day=fact.day,
                    place=fact.place,
                    authority=fact.authority,
                )
            )
            session.expunge(fact)
        for group in groups:
            mine = by_key.get(tuple(group.key[g] for g in query.group_by), [])
            group.record_ids = [f.record_id for f in mine if f.record_id is not None]
            group.pending_claim_ids = [c for f in mine for c in (f.claim_ids or [])]
    return result


def headline(kind: str, figures_: dict[str, Any], detail: dict[str, Any], fact: Any) -> str:
    """A reported total in words: "268 victims, 45 killed (35 civilians, 3 journalists)"."""
    if kind == "casualties":
        parts = []
        if figures_.get("victims") is not None and figures_.get("killed") is not None:
            parts.append(f"{number(figures_['victims'])} victims")
        if figures_.get("killed") is not None:
            among = []
            if figures_.get("civilians_killed") is not None:
                among.append(f"{number(figures_['civilians_killed'])} civilians")
            if figures_.get("military_killed") is not None:
                among.append(f"{number(figures_['military_killed'])} military")
            for job, n in sorted((detail.get("occupations") or {}).items()):
                among.append(f"{number(n)} {job}{'' if n == 1 or job.endswith('s') else 's'}")
            parts.append(
                f"{number(figures_['killed'])} killed" + (f" ({', '.join(among)})" if among else "")
            )
        if figures_.get("injured") is not None:
            parts.append(f"{number(figures_['injured'])} injured")
        if figures_.get("children") is not None:
            parts.append(f"{number(figures_['children'])} children")
        return ", ".join(parts) or "casualties (no count)"
    return figure(
        kind,
        {
            "quantity": fact.quantity,
            "model": fact.model,
            "device_category": fact.category,
            "action": fact.action,
            "area_m2": fact.area_m2,
            "method": fact.category,
            "date": fact.day.isoformat() if fact.day else None,
            "participants": detail.get("participants"),
        },
    )


def _reported(
    query: StatsQuery, place_ids: Sequence[int], *, session: Session
) -> tuple[list[ReportedTotal], bool]:
    stmt = (
        select(StatFact)
        .where(*total_filter(query, place_ids))
        .order_by(StatFact.authority, StatFact.as_of, StatFact.id)
        .limit(query.list_limit + 1)
    )
    facts = list(session.scalars(stmt))
    out = []
    for fact in facts[: query.list_limit]:
        stated = {
            name: value
            for name in MEASURES[query.kind]
            if (value := getattr(fact, name)) is not None
        }
        detail = dict(fact.detail or {})
        out.append(
            ReportedTotal(
                record_id=fact.record_id,
                review=fact.review,
                authority=fact.authority,
                as_of=fact.as_of,
                period_start=fact.day,
                period_end=fact.end_day,
                place=fact.place,
                headline=headline(query.kind, stated, detail, fact),
                figures=stated,
                detail=detail,
                claim_ids=list(fact.claim_ids or []),
            )
        )
        session.expunge(fact)
    return out, len(facts) <= query.list_limit


def _sources(
    record_ids: Iterable[int], pending: Iterable[int], *, session: Session
) -> dict[int, list[Source]]:
    """Claims behind records (by record id) and pending claims (under key 0)."""
    out: dict[int, list[Source]] = {}
    for rid, srcs in sources_of(list(record_ids), session=session).items():
        out[rid] = [Source(record_id=rid, **s.model_dump(include=_SOURCE_FIELDS)) for s in srcs]
    pending = sorted(set(pending))
    if pending:
        rows = review_ops.get_rows(pending, session=session)
        meta = document_service.metadata({r.document_id for r in rows}, session=session)
        out[0] = [
            Source(
                claim_id=r.id,
                role="pending",
                document_id=r.document_id,
                publisher=m.publisher if (m := meta.get(r.document_id)) else None,
                published=m.published if m else None,
                title=m.title if m else None,
            )
            for r in rows
        ]
    return out


_SOURCE_FIELDS = {"claim_id", "role", "document_id", "publisher", "published", "title"}


def explain(sources: Iterable[Source], *, session: Session) -> None:
    """Fill in the evidence sentence of each source (in place)."""
    items = list(sources)
    rows = {r.id: r for r in review_ops.get_rows({s.claim_id for s in items}, session=session)}
    for src in items:
        row = rows.get(src.claim_id)
        text = (row.evidence or {}).get("text") if row else None
        src.sentence = text if isinstance(text, str) else None


def resolve_places(query: StatsQuery, *, session: Session) -> list[PlaceOut]:
    """The places ``--place`` means (ids given in ``place_ids`` win)."""
    if query.place_ids:
        lineages = hierarchy.Lineages(session)
        found = [p for i in query.place_ids if (p := lineages.place(i)) is not None]
    elif query.place:
        found = hierarchy.find_places(query.place, session=session)
    else:
        return []
    return [PlaceOut(id=p.id, name=p.name, kind=p.kind) for p in found]


def figures(query: StatsQuery, *, session: Session, explain_sources: bool = False) -> StatsResult:
    """Incident sums (grouped as asked) and reported totals for a kind, with their sources;
    with ``explain_sources`` every source carries its evidence sentence."""
    query = query.validate()
    index.ensure_fresh(session=session, pending=query.include_pending)
    places = resolve_places(query, session=session)
    place_ids = [p.id for p in places]
    incidents = _incidents(query, place_ids, session=session)
    totals, totals_listed = _reported(query, place_ids, session=session)
    record_ids = list(incidents.record_ids or []) + [t.record_id for t in totals if t.record_id]
    pending_ids = list(incidents.pending_claim_ids or []) + [c for t in totals for c in t.claim_ids]
    sources = _sources(record_ids, pending_ids, session=session)
    pending = {s.claim_id: s for s in sources.pop(0, [])}
    for total in totals:
        if total.record_id is not None:
            total.sources = sources.get(total.record_id, [])
            total.claim_ids = [s.claim_id for s in total.sources]
        else:
            total.sources = [pending[c] for c in total.claim_ids if c in pending]
    if explain_sources:
        explain(
            [s for srcs in sources.values() for s in srcs]
            + [s for t in totals for s in t.sources if t.record_id is None]
            + list(pending.values()),
            session=session,
        )
    return StatsResult(
        kind=query.kind,
        query=query.echo(),
        places=places,
        measures=list(MEASURES[query.kind]),
        incidents=incidents,
        reported_totals=totals,
        reported_totals_listed=totals_listed,
        sources=sources,
    )


def series(query: StatsQuery, *, session: Session) -> Series:
    """Incident records per month, and each authority's reported totals in date order."""
    query = query.validate()
    index.ensure_fresh(session=session, pending=query.include_pending)
    place_ids = [p.id for p in resolve_places(query, session=session)]
    measure = MAIN_MEASURE.get(query.kind)
    value = func.sum(getattr(StatFact, measure)) if measure else func.count(StatFact.id)
    stmt = (
        select(StatFact.month, func.count(StatFact.id), value)
        .where(*incident_filter(query, place_ids), StatFact.month.is_not(None))
        .group_by(StatFact.month)
        .order_by(StatFact.month)
    )
    monthly = [MonthPoint(month=m, records=n, value=v) for m, n, v in session.execute(stmt)]
    col = getattr(StatFact, measure) if measure else StatFact.id
    stmt2 = (
        select(StatFact.authority, StatFact.day, StatFact.place, StatFact.as_of, col, StatFact.id)
        .where(*total_filter(query, place_ids))
        .order_by(StatFact.authority, StatFact.day, StatFact.place, StatFact.as_of, StatFact.id)
        .limit(10_000)
    )
    by_scope: dict[tuple[Any, ...], TotalSeries] = {}
    record_of = dict(
        session.execute(
            select(StatFact.id, StatFact.record_id).where(*total_filter(query, place_ids))
        ).all()
    )
    for authority, start, place, as_of, val, fid in session.execute(stmt2):
        scope = (authority, start, place)
        if scope not in by_scope:
            since = f"since {start.isoformat()}" if start else "undated period"
            label = f"{authority or 'unattributed'}, {since}" + (f", {place}" if place else "")
            by_scope[scope] = TotalSeries(
                authority=authority, period_start=start, place=place, label=label, points=[]
            )
        by_scope[scope].points.append(
            TotalPoint(as_of=as_of, value=val, record_id=record_of.get(fid))
        )
    return Series(kind=query.kind, measure=measure, monthly=monthly, totals=list(by_scope.values()))


def measure_label(name: str) -> str:
    """Display name of a measure."""
    return MEASURE_LABELS.get(name, name.replace("_", " "))
