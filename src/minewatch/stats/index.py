"""Keep the statistics index (:mod:`minewatch.stats.models`) in step with records and claims.

Approved facts are records: a row is rebuilt when its record's ``updated_at`` is newer than
the newest row already built (the watermark), and dropped when the record is withdrawn.
Pending facts are built on demand from the review queue, one per distinct figure (kind, key
figure, start date, authority), so syndicated copies awaiting review are not counted twice
and a pending copy of an approved record's figure is not counted at all. The caller owns the
transaction; this module flushes only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from minewatch.claims import queries as claim_queries
from minewatch.claims import review_ops
from minewatch.claims.review_ops import ClaimRow
from minewatch.documents import service as document_service
from minewatch.gazetteer.hierarchy import Lineages
from minewatch.records import service as records
from minewatch.records.models import RECORD_KINDS, Record
from minewatch.stats.models import StatFact, StatFactPlace, StatState
from minewatch.store.bulk import insert_returning_ids
from minewatch.values import as_date

BATCH = 5000
INCIDENT_DAYS = 6
"""A fact dated within a week (start to end) is one incident; longer or open periods and
undated facts are tallies, reported as totals as of their statement's date."""

PENDING_KEY = "pending_claims"
KEY_FIELD = {"device_find": "quantity", "casualties": "killed", "land_release": "area_m2"}


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh rebuilt."""

    approved: int
    removed: int
    pending: int | None


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, Mapping):
        return _int(value.get("best"))
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Mapping):
        return _float(value.get("best"))
    return None


def period(fields: Mapping[str, Any]) -> tuple[date | None, date | None]:
    """(start, end) of a fact: its date, else its period."""
    day = as_date(fields.get("date"))
    if day is not None:
        return day, day
    return as_date(fields.get("period_start")), as_date(fields.get("period_end"))


def is_incident(kind: str, fields: Mapping[str, Any], start: date | None, end: date | None) -> bool:
    """One event (summed in statistics) rather than a reported tally (shown apart)."""
    if kind == "inspection":
        return True
    stated = fields.get("incident")
    if stated is not None:
        return bool(stated)
    return start is not None and end is not None and (end - start).days <= INCIDENT_DAYS


def _occupations(claims: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Occupation counts ("including three journalists") when the extractor states them."""
    for fields in claims:
        stated = fields.get("occupations")
        if isinstance(stated, Mapping):
            counts = {str(k): n for k, v in stated.items() if (n := _int(v)) is not None}
            if counts:
                return counts
    return {}


def _location(claims: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The location most supporting claims give (ties: the most precise)."""
    located = [c for c in claims if c.get("place_ids")]
    if not located:
        return None
    votes = Counter(tuple(c["place_ids"]) for c in located)
    return min(
        located,
        key=lambda c: (-votes[tuple(c["place_ids"])], c.get("where_prec") or 99),
    )


def fact_row(
    kind: str,
    fields: Mapping[str, Any],
    claims: Sequence[Mapping[str, Any]],
    *,
    as_of: date | None,
    lineages: Lineages,
) -> tuple[dict[str, Any], set[int]]:
    """The index row of one fact and the places (with ancestors) it lies in."""
    start, end = period(fields)
    incident = is_incident(kind, fields, start, end)
    precs = [p for c in (fields, *claims) if isinstance(p := c.get("date_prec"), int)]
    date_prec = min(precs) if precs else None
    killed, injured = _int(fields.get("killed")), _int(fields.get("injured"))
    victims = None if killed is None and injured is None else (killed or 0) + (injured or 0)
    row: dict[str, Any] = {
        "kind": kind,
        "incident": incident,
        "authority": fields.get("authority"),
        "place": fields.get("place"),
        "day": start,
        "end_day": end,
        "month": start.strftime("%Y-%m") if incident and start and (date_prec or 1) <= 4 else None,
        "date_prec": date_prec,
        "as_of": as_of,
        "category": fields.get("device_category") or fields.get("method"),
        "model": fields.get("model"),
        "action": fields.get("action"),
        "quantity": _int(fields.get("quantity")),
        "killed": killed,
        "injured": injured,
        "victims": victims if kind == "casualties" else None,
        "civilians_killed": _int(fields.get("civilians_killed")),
        "military_killed": _int(fields.get("military_killed")),
        "children": _int(fields.get("children")),
        "area_m2": _float(fields.get("area_m2")),
        "place_id": None,
        "adm1_id": None,
        "adm2_id": None,
        "country_code": None,
        "lon": None,
        "lat": None,
        "where_prec": None,
    }
    detail: dict[str, Any] = {}
    if occupations := _occupations([fields, *claims]):
        detail["occupations"] = occupations
    if kind == "inspection" and fields.get("participants"):
        detail["participants"] = list(fields["participants"])
    row["detail"] = detail or None
    closure: set[int] = set()
    where = _location([fields, *claims])
    if where is not None:
        ids = [int(i) for i in where["place_ids"]]
        units = [lineages.units(i) for i in ids]
        for unit in units:
            closure.update(p.id for p in unit.lineage)
        common = [p for p in units[0].lineage if all(p in u.lineage for u in units[1:])]
        adm1s = {u.adm1.id if u.adm1 else None for u in units}
        adm2s = {u.adm2.id if u.adm2 else None for u in units}
        row.update(
            place_id=common[0].id if common else None,
            adm1_id=adm1s.pop() if len(adm1s) == 1 else None,
            adm2_id=adm2s.pop() if len(adm2s) == 1 else None,
            country_code=units[0].country_code,
            lon=_float(where.get("lon")),
            lat=_float(where.get("lat")),
            where_prec=_int(where.get("where_prec")),
        )
    return row, closure


def _write(rows: list[tuple[dict[str, Any], set[int]]], *, session: Session) -> None:
    if not rows:
        return
    ids = insert_returning_ids(session, cast(Table, StatFact.__table__), [r for r, _ in rows])
    places = [
        {"fact_id": fid, "place_id": pid}
        for fid, (_, closure) in zip(ids, rows, strict=True)
        for pid in sorted(closure)
    ]
    if places:
        session.execute(insert(StatFactPlace), places)


def watermark(*, session: Session) -> datetime | None:
    """The newest record change the index has seen."""
    return session.scalar(select(func.max(StatFact.source_updated)))


def _changed_ids(since: datetime | None, *, session: Session) -> list[int]:
    # sorted here, not in SQL: with ORDER BY id, SQLite's planner scans the whole table in id
    # order when a bulk import left many records with one updated_at (220 ms at 1,000,000)
    # rather than reading the (empty) range of ix_records_updated_at
    stmt = select(Record.id)
    if since is not None:
        stmt = stmt.where(Record.updated_at > since)
    return sorted(session.scalars(stmt))


def refresh_approved(*, session: Session, full: bool = False) -> tuple[int, int]:
    """Rebuild rows of records changed since the watermark (all when ``full``);
    returns (rows written, rows removed)."""
    if full:
        session.execute(delete(StatFact).where(StatFact.review == "approved"))
    changed = _changed_ids(None if full else watermark(session=session), session=session)
    lineages = Lineages(session)
    written = removed = 0
    for start in range(0, len(changed), BATCH):
        chunk = changed[start : start + BATCH]
        gone = session.execute(delete(StatFact).where(StatFact.record_id.in_(chunk)))
        removed += int(getattr(gone, "rowcount", 0) or 0)
        recs = records.get_records(chunk, session=session)
        links = [
            lk for lk in records.links_of_records(chunk, session=session) if lk.role == "support"
        ]
        claim_rows = {
            r.id: r for r in review_ops.get_rows([lk.claim_id for lk in links], session=session)
        }
        claims_of: dict[int, list[Mapping[str, Any]]] = {}
        for link in links:
            if (claim := claim_rows.get(link.claim_id)) is not None:
                claims_of.setdefault(link.record_id, []).append(claim.fields)
        lineages.prefetch(
            int(i) for claim in claim_rows.values() for i in claim.fields.get("place_ids") or []
        )
        batch = []
        for rid in chunk:
            rec = recs.get(rid)
            if rec is None or rec.status != "active" or rec.kind not in RECORD_KINDS:
                continue
            row, closure = fact_row(
                rec.kind,
                rec.fields or {},
                claims_of.get(rid, []),
                as_of=rec.first_seen,
                lineages=lineages,
            )
            row.update(
                record_id=rid,
                review="approved",
                claim_ids=None,
                disputed=bool(rec.disputed),
                source_updated=rec.updated_at,
            )
            batch.append((row, closure))
        _write(batch, session=session)
        written += len(batch)
        session.flush()
        for rec in recs.values():
            session.expunge(rec)
    return written, removed


def _pending_claims(*, session: Session) -> list[ClaimRow]:
    out: list[ClaimRow] = []
    after = 0
    while True:
        page = review_ops.queue(session=session, limit=BATCH, after_id=after)
        if not page:
            return out
        out += [r for r in page if r.kind in RECORD_KINDS and not r.fields.get("total_of")]
        after = page[-1].id


def _pending_count(*, session: Session) -> int:
    return sum(
        claim_queries.count_claims(session=session, kind=k, status="pending") for k in RECORD_KINDS
    )


def _indexed_pending(*, session: Session) -> int | None:
    state = session.get(StatState, PENDING_KEY)
    return None if state is None else state.value


def _figure(kind: str, fields: Mapping[str, Any]) -> tuple[Any, ...]:
    name = KEY_FIELD.get(kind)
    value = _float(fields.get(name)) if name else None
    start, _ = period(fields)
    return kind, value, start


def _merge_undated(
    groups: dict[tuple[Any, ...], list[ClaimRow]],
) -> dict[tuple[Any, ...], list[ClaimRow]]:
    """Undated copies join the one dated group of the same figure and authority, as
    reconciliation would (a copy that drops the date is still the same statement)."""
    dated: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for kind, value, start, authority in groups:
        if start is not None:
            dated.setdefault((kind, value, authority), []).append((kind, value, start, authority))
    out: dict[tuple[Any, ...], list[ClaimRow]] = {}
    for key, members in groups.items():
        kind, value, start, authority = key
        targets = dated.get((kind, value, authority), [])
        target = targets[0] if start is None and value is not None and len(targets) == 1 else key
        out.setdefault(target, []).extend(members)
    return {k: sorted(v, key=lambda c: c.id) for k, v in out.items()}


def refresh_pending(*, session: Session, force: bool = False) -> int | None:
    """Rebuild pending rows when the review queue changed; None when nothing was to do."""
    total = _pending_count(session=session)
    if not force and total == _indexed_pending(session=session):
        return None
    session.execute(delete(StatFact).where(StatFact.review == "pending"))
    claims = _pending_claims(session=session)
    approved: set[tuple[Any, ...]] = {
        (kind, value, day)
        for kind, value, day in session.execute(
            select(StatFact.kind, StatFact.quantity, StatFact.day).where(
                StatFact.review == "approved", StatFact.kind == "device_find"
            )
        )
    }
    approved |= {
        (kind, value, day)
        for kind, value, day in session.execute(
            select(StatFact.kind, StatFact.killed, StatFact.day).where(
                StatFact.review == "approved", StatFact.kind == "casualties"
            )
        )
    }
    approved |= {
        (kind, value, day)
        for kind, value, day in session.execute(
            select(StatFact.kind, StatFact.area_m2, StatFact.day).where(
                StatFact.review == "approved", StatFact.kind == "land_release"
            )
        )
    }
    groups: dict[tuple[Any, ...], list[ClaimRow]] = {}
    for claim in claims:
        kind, value, start = _figure(claim.kind, claim.fields)
        if (kind, value, start) in approved or (
            value is not None and (kind, int(value), start) in approved
        ):
            continue
        groups.setdefault((kind, value, start, claim.authority), []).append(claim)
    groups = _merge_undated(groups)
    meta = document_service.metadata({c.document_id for c in claims}, session=session)
    lineages = Lineages(session)
    batch = []
    for members in groups.values():
        published = [d for c in members if (m := meta.get(c.document_id)) and (d := m.published)]
        first = next((c for c in members if period(c.fields)[0]), members[0])
        fields = {**first.fields, "authority": first.fields.get("authority") or first.authority}
        row, closure = fact_row(
            first.kind,
            fields,
            [c.fields for c in members],
            as_of=min(published) if published else None,
            lineages=lineages,
        )
        row.update(
            record_id=None,
            review="pending",
            claim_ids=[c.id for c in members],
            disputed=False,
            source_updated=None,
        )
        batch.append((row, closure))
    for start in range(0, len(batch), BATCH):
        _write(batch[start : start + BATCH], session=session)
    session.flush()
    state = session.get(StatState, PENDING_KEY)
    if state is None:
        session.add(StatState(name=PENDING_KEY, value=total))
    else:
        state.value = total
    session.flush()
    return len(batch)


def ensure_fresh(*, session: Session, pending: bool = False) -> Refreshed:
    """Bring the index up to date before a query (cheap when nothing changed)."""
    written, removed = refresh_approved(session=session)
    done = None
    if pending:
        done = refresh_pending(session=session, force=bool(written or removed))
    return Refreshed(written, removed, done)
