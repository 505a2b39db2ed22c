"""Bulk inserts store exactly what SQLAlchemy's own insert stores, and hand back ids in order."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select, text
from sqlalchemy.engine import Engine

from minewatch.audit.models import AuditEntry
from minewatch.records.models import Record
from minewatch.store import bulk
from minewatch.store.session import transaction

AUDIT = cast(Table, AuditEntry.__table__)
RECORDS = cast(Table, Record.__table__)
AT = datetime(2024, 3, 5, 6, 7, 8, 90, tzinfo=UTC)


def _audit_row(entity_id: int, after: Any) -> dict[str, Any]:
    return {
        "at": AT,
        "actor": "tester",
        "action": "link",
        "entity": "claim",
        "entity_id": entity_id,
        "record_id": None,
        "before": None,
        "after": after,
        "note": "ü",
    }


def test_rows_read_back_as_sqlalchemy_stores_them(engine: Engine) -> None:
    after = {"day": "2024-01-02", "n": [1, 2.5, True, None], "3": "int key"}
    with transaction(engine) as session:
        session.execute(insert(AUDIT), [_audit_row(1, after)])
        # dates become ISO strings and keys strings, as the JSON above has them
        after_ = {"day": date(2024, 1, 2), "n": (1, 2.5, True, None), 3: "int key"}
        bulk.executemany(session.connection(), AUDIT, [_audit_row(2, after_)])
    with transaction(engine) as session:
        rows = session.execute(select(AUDIT).order_by(AUDIT.c.entity_id)).mappings().all()
        raw = session.execute(
            text("SELECT entity_id, at, before IS NULL FROM audit_log ORDER BY entity_id")
        ).all()
    ours, theirs = dict(rows[1]), dict(rows[0])
    assert ours.pop("id") != theirs.pop("id")
    assert ours.pop("entity_id") == 2
    theirs.pop("entity_id")
    assert ours == theirs
    assert ours["after"] == after
    assert raw[0][1:] == raw[1][1:]  # the same stored text of the timestamp, JSON null alike


def test_values_json_cannot_hold_are_refused(engine: Engine) -> None:
    with (
        pytest.raises(TypeError, match="cannot store object as JSON"),
        transaction(engine) as session,
    ):
        bulk.executemany(session.connection(), AUDIT, [_audit_row(1, {"x": object()})])
    with transaction(engine) as session:
        assert session.execute(select(AUDIT)).first() is None  # rolled back


def _record(place: str) -> dict[str, Any]:
    return {
        "kind": "device_find",
        "status": "active",
        "fields": {"place": place},
        "values": {},
        "variants": [],
        "checks": [],
        "warnings": [],
        "disputed": False,
        "figure_key": None,
        "place": place,
        "period_start": date(2024, 1, 2),
        "period_end": None,
        "incident": True,
        "sources": 1,
        "first_seen": None,
        "last_seen": None,
        "created_at": AT,
        "updated_at": AT,
    }


def test_ids_come_back_in_input_order_after_existing_rows(engine: Engine) -> None:
    with transaction(engine) as session:
        first = bulk.insert_returning_ids(session, RECORDS, [_record("a"), _record("b")])
        more = bulk.insert_returning_ids(session, RECORDS, [_record(f"p{i}") for i in range(7)])
        assert bulk.insert_returning_ids(session, RECORDS, []) == []
    assert len(set(first + more)) == 9
    with transaction(engine) as session:
        places = dict(session.execute(select(RECORDS.c.id, RECORDS.c.place)).all())
        starts = set(session.scalars(select(RECORDS.c.period_start)))
    assert [places[i] for i in first + more] == ["a", "b"] + [f"p{i}" for i in range(7)]
    assert starts == {date(2024, 1, 2)}
    with transaction(engine) as session:  # the id sequence (PostgreSQL) stays ahead of them
        (after,) = bulk.insert_returning_ids(session, RECORDS, [_record("z")])
    assert after > max(first + more)
