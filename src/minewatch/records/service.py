"""Records and their claim links: queries and writes. The caller owns the transaction.

Reconciliation (:mod:`minewatch.reconcile.service`) decides *what* a record says; this module
only stores and finds records, so listings, the API and statistics never need the matcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, delete, func, or_, select
from sqlalchemy.orm import Session

from minewatch.errors import InputError, NotFoundError
from minewatch.records.models import RECORD_KINDS, RECORD_STATUSES, Record, RecordClaim
from minewatch.store import bulk
from minewatch.store.base import utcnow

_CHUNK = 5000
_RECORDS = cast(Table, Record.__table__)
_LINKS = cast(Table, RecordClaim.__table__)
STATE_COLUMNS = (
    "status",
    "fields",
    "values",
    "variants",
    "checks",
    "warnings",
    "disputed",
    "figure_key",
    "place",
    "period_start",
    "period_end",
    "incident",
    "sources",
    "first_seen",
    "last_seen",
)


@dataclass(frozen=True, slots=True)
class Link:
    """One record-claim link."""

    record_id: int
    claim_id: int
    role: str


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def get_record(record_id: int, *, session: Session) -> Record:
    """One record by id."""
    record = session.get(Record, record_id)
    if record is None:
        raise NotFoundError(f"no record with id {record_id}")
    return record


def get_records(record_ids: Iterable[int], *, session: Session) -> dict[int, Record]:
    """Records by id."""
    out: dict[int, Record] = {}
    for chunk in _chunks(record_ids):
        out.update({r.id: r for r in session.scalars(select(Record).where(Record.id.in_(chunk)))})
    return out


def state(record: Record) -> dict[str, Any]:
    """The reconciled state of a record (what the audit log keeps before and after)."""
    out = {name: getattr(record, name) for name in STATE_COLUMNS}
    for name in ("period_start", "period_end", "first_seen", "last_seen"):
        value = out[name]
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def insert_records(
    kind_states: Sequence[tuple[str, dict[str, Any]]], *, session: Session
) -> list[int]:
    """Insert complete new records (kind, state) in bulk; their ids in input order.

    A Core insert on the table, not the ORM entity: the ORM bulk path splits rows whose
    unset columns differ into separate statements and splices their RETURNING results
    together, which grew quadratically (12 s for 33,000 records)."""
    now = utcnow()
    rows = [
        {"kind": kind, **values, "created_at": now, "updated_at": now}
        for kind, values in kind_states
    ]
    return bulk.insert_returning_ids(session, _RECORDS, rows)


def create_records(
    kind_states: Sequence[tuple[str, dict[str, Any]]], *, session: Session
) -> list[Record]:
    """Insert new records (kind, state) and return them with ids, in input order."""
    rows = [Record(kind=kind, **values) for kind, values in kind_states]
    session.add_all(rows)
    session.flush()
    return rows


def apply_state(record: Record, values: dict[str, Any]) -> bool:
    """Set a record's reconciled state; True when anything changed."""
    before = state(record)
    for name, value in values.items():
        setattr(record, name, value)
    if state(record) == before:
        return False
    record.updated_at = utcnow()
    return True


def linked_select(role: str | None = "support") -> Select[Any]:
    """A selection of the ids of claims linked to any record (in ``role``)."""
    stmt = select(RecordClaim.claim_id)
    return stmt.where(RecordClaim.role == role) if role else stmt


def add_links(links: Iterable[tuple[int, int, str, float | None]], *, session: Session) -> int:
    """Link claims to records: (record_id, claim_id, role, score) rows."""
    now = utcnow()
    rows = [
        {"record_id": r, "claim_id": c, "role": role, "score": s, "linked_at": now}
        for r, c, role, s in links
    ]
    return bulk.executemany(session.connection(), _LINKS, rows)


def remove_links(claim_ids: Iterable[int], *, session: Session) -> list[Link]:
    """Unlink claims from every record; returns the links removed."""
    removed = links_of_claims(claim_ids, session=session)
    for chunk in _chunks(claim_ids):
        session.execute(delete(RecordClaim).where(RecordClaim.claim_id.in_(chunk)))
    session.flush()
    return removed


def links_of_claims(claim_ids: Iterable[int], *, session: Session) -> list[Link]:
    """Links of the given claims."""
    out: list[Link] = []
    for chunk in _chunks(claim_ids):
        stmt = select(RecordClaim.record_id, RecordClaim.claim_id, RecordClaim.role).where(
            RecordClaim.claim_id.in_(chunk)
        )
        out += [Link(*row) for row in session.execute(stmt)]
    return out


def links_of_records(record_ids: Iterable[int], *, session: Session) -> list[Link]:
    """Links of the given records, by record then claim."""
    out: list[Link] = []
    for chunk in _chunks(record_ids):
        stmt = (
            select(RecordClaim.record_id, RecordClaim.claim_id, RecordClaim.role)
            .where(RecordClaim.record_id.in_(chunk))
            .order_by(RecordClaim.record_id, RecordClaim.claim_id)
        )
        out += [Link(*row) for row in session.execute(stmt)]
    return out


def active_ids(
    *,
    session: Session,
    figure_keys: Iterable[str] = (),
    days: Iterable[tuple[str, date]] = (),
    within: tuple[date, date] | None = None,
) -> set[int]:
    """Ids of active records with one of the key figures (first seen or starting ``within``
    the given dates, when given) or starting on one of the days."""
    found: set[int] = set()
    keys = sorted(set(figure_keys))
    for start in range(0, len(keys), _CHUNK):
        stmt = select(Record.id).where(
            Record.status == "active", Record.figure_key.in_(keys[start : start + _CHUNK])
        )
        if within is not None:
            stmt = stmt.where(
                or_(
                    Record.first_seen.between(*within),
                    Record.period_start.between(*within),
                    Record.first_seen.is_(None),
                )
            )
        found.update(session.scalars(stmt))
    by_kind: dict[str, list[date]] = {}
    for kind, day in set(days):
        by_kind.setdefault(kind, []).append(day)
    for kind, day_list in by_kind.items():
        for start in range(0, len(day_list), _CHUNK):
            stmt = select(Record.id).where(
                Record.status == "active",
                Record.kind == kind,
                Record.period_start.in_(day_list[start : start + _CHUNK]),
            )
            found.update(session.scalars(stmt))
    return found


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Filters of record listings; every one optional."""

    kind: str | None = None
    status: str | None = "active"
    place: str | None = None
    since: date | None = None
    until: date | None = None
    disputed: bool | None = None

    def validate(self) -> RecordFilter:
        """Refuse unknown kinds and statuses with a message naming the valid ones."""
        if self.kind and self.kind not in RECORD_KINDS:
            raise InputError(f"unknown record kind {self.kind!r}: use {', '.join(RECORD_KINDS)}")
        if self.status and self.status not in RECORD_STATUSES:
            raise InputError(
                f"unknown record status {self.status!r}: use {', '.join(RECORD_STATUSES)}"
            )
        if self.since and self.until and self.until < self.since:
            raise InputError(f"--until {self.until} is before --since {self.since}")
        return self


def _filtered(stmt: Select[Any], flt: RecordFilter) -> Select[Any]:
    flt.validate()
    if flt.kind:
        stmt = stmt.where(Record.kind == flt.kind)
    if flt.status:
        stmt = stmt.where(Record.status == flt.status)
    if flt.place:
        stmt = stmt.where(func.lower(Record.place).contains(flt.place.lower()))
    if flt.since:  # overlaps [since, ...): ends on/after since, or open-ended
        stmt = stmt.where(
            or_(
                Record.period_end >= flt.since,
                Record.period_end.is_(None) & (Record.period_start >= flt.since),
                Record.period_end.is_(None)
                & Record.period_start.is_(None)
                & (Record.first_seen >= flt.since),
            )
        )
    if flt.until:
        stmt = stmt.where(
            or_(
                Record.period_start <= flt.until,
                Record.period_start.is_(None) & (Record.first_seen <= flt.until),
            )
        )
    if flt.disputed is not None:
        stmt = stmt.where(Record.disputed.is_(flt.disputed))
    return stmt


def list_records(
    *, session: Session, flt: RecordFilter = RecordFilter(), limit: int = 200, offset: int = 0
) -> list[Record]:
    """Records matching the filters, oldest first."""
    stmt = _filtered(select(Record), flt).order_by(Record.first_seen.nulls_last(), Record.id)
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def count_records(*, session: Session, flt: RecordFilter = RecordFilter()) -> int:
    """How many records match the filters."""
    return session.scalar(_filtered(select(func.count(Record.id)), flt)) or 0


def counts_by_kind(*, session: Session) -> dict[str, int]:
    """Active records per kind."""
    stmt = (
        select(Record.kind, func.count(Record.id))
        .where(Record.status == "active")
        .group_by(Record.kind)
        .order_by(Record.kind)
    )
    return {kind: n for kind, n in session.execute(stmt)}
