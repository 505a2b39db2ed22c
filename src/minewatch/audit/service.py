"""Write and read the audit log. Entries are only appended; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from minewatch.audit.models import AuditEntry
from minewatch.store import bulk
from minewatch.store.base import utcnow

ENTITIES = ("claim", "record", "story", "source")
AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[assignment]  # bulk insert, no ORM


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


def log(changes: Iterable[Change], *, actor: str, session: Session) -> int:
    """Append changes by ``actor`` (one timestamp for the batch); returns how many.

    States are stored as JSON with dates as ISO strings, so SQLite and PostgreSQL store the
    same; anything else JSON cannot hold raises TypeError (the caller's transaction rolls back)."""
    now = utcnow()
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": c.action,
            "entity": c.entity,
            "entity_id": c.entity_id,
            "record_id": c.record_id,
            "before": c.before,
            "after": c.after,
            "note": c.note[:500] if c.note else None,
        }
        for c in changes
    ]
    return bulk.executemany(session.connection(), AUDIT_TABLE, rows)


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
