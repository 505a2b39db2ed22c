"""Write and read the audit log. Entries are only appended; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, insert, or_, select
from sqlalchemy.orm import Session

from minewatch.audit.models import AuditEntry
from minewatch.store.base import utcnow

ENTITIES = ("claim", "record", "story", "source")
AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[assignment]  # Core insert: no ORM overhead


@dataclass(frozen=True, slots=True)
class Change:
    """One change to log: ``actor`` did ``action`` to ``entity`` ``entity_id``."""

    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    record_id: int | None = None
    note: str | None = None


_SCALARS = (str, int, float, bool)


def _plain(value: Any) -> Any:
    """JSON-safe copy (dates as ISO strings), so SQLite and PostgreSQL store the same.

    A walk rather than a json.dumps/loads round trip: the reconcile flow logs every record
    state it writes, and the round trip was a fifth of its time at 100,000 claims.
    """
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the audit log")


def log(changes: Iterable[Change], *, actor: str, session: Session) -> int:
    """Append changes by ``actor`` (one timestamp for the batch); returns how many."""
    now = utcnow()
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": c.action,
            "entity": c.entity,
            "entity_id": c.entity_id,
            "record_id": c.record_id,
            "before": _plain(c.before),
            "after": _plain(c.after),
            "note": c.note[:500] if c.note else None,
        }
        for c in changes
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(AUDIT_TABLE), rows[start : start + 5000])
    return len(rows)


def history(record_id: int, *, session: Session) -> list[AuditEntry]:
    """Every entry about a record and about the claims while they were linked to it."""
    stmt = (
        select(AuditEntry)
        .where(
            or_(
                AuditEntry.record_id == record_id,
                (AuditEntry.entity == "record") & (AuditEntry.entity_id == record_id),
            )
        )
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))


def entries_of(entity: str, entity_id: int, *, session: Session) -> list[AuditEntry]:
    """Every entry about one claim, record, story or source."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(stmt))


def as_dict(entry: AuditEntry) -> dict[str, Any]:
    """An entry as plain JSON."""
    return {
        "id": entry.id,
        "at": entry.at.isoformat() if entry.at else None,
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "record_id": entry.record_id,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }
