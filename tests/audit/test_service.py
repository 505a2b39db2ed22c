"""The audit log: every review step recorded with who, what, before and after; append-only."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from minewatch.audit import service as audit
from minewatch.audit.models import AuditEntry
from minewatch.review import service as review
from minewatch.store.session import transaction

from ..reconcile.support import add, fact

TEXT = "Sappers found 48 anti-tank mines near Testivka on Monday."


def test_history_tells_the_story_of_a_record(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [fact("device_find", quantity=48, place="Testivka")])
    with transaction(engine) as session:
        rid = review.approve([a], session=session, actor="ana").records.created[0]
    with transaction(engine) as session:
        review.reject([a], session=session, actor="ben", note="duplicate report")
    with transaction(engine) as session:
        entries = audit.history(rid, session=session)
        claim_entries = audit.entries_of("claim", a, session=session)
    steps = [(e.actor, e.action, e.entity) for e in entries]
    assert steps == [
        ("ana", "link", "claim"),
        ("ana", "create", "record"),
        ("ben", "unlink", "claim"),
        ("ben", "withdraw", "record"),
    ]
    create, withdraw = entries[1], entries[3]
    assert create.before is None and create.after["fields"]["quantity"] == 48
    assert (withdraw.before["status"], withdraw.after["status"]) == ("active", "withdrawn")
    assert entries[2].note == "duplicate report"
    assert [
        (e.action, e.before, e.after)
        for e in claim_entries
        if e.action != "link" and e.action != "unlink"
    ] == [
        ("approve", {"status": "pending"}, {"status": "approved"}),
        ("reject", {"status": "approved"}, {"status": "rejected"}),
    ]


def test_entries_cannot_be_changed_or_deleted(engine: Engine) -> None:
    with transaction(engine) as session:
        audit.log([audit.Change("approve", "claim", 1)], actor="ana", session=session)
    with pytest.raises(RuntimeError, match="append-only"), transaction(engine) as session:
        entry = session.query(AuditEntry).one()
        entry.actor = "mallory"
        session.flush()
    with pytest.raises(RuntimeError, match="append-only"), transaction(engine) as session:
        session.delete(session.query(AuditEntry).one())
        session.flush()
    with transaction(engine) as session:
        assert session.query(AuditEntry).one().actor == "ana"
