"""Review workflow on a real database: approve builds records in one transaction, reject and
un-approve withdraw them, a correction supersedes its original, auto-approval per source."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from minewatch.claims import review_ops
from minewatch.errors import InputError, NotFoundError
from minewatch.flows import reconcile as flow
from minewatch.records import service as records
from minewatch.review import service as review
from minewatch.store.session import transaction

from ..reconcile.support import add, fact

TEXT = "Sappers found 48 anti-tank mines near Testivka, the State Emergency Service said."
OTHER = "SES deminers in Testivka removed 48 TM-62 anti-tank mines on Monday, officials said."


def find(quantity: int = 48, **kw: object) -> dict:
    return fact(
        "device_find",
        quantity=quantity,
        place="near Testivka",
        action="found",
        period_start="2024-05-06",
        period_end="2024-05-06",
        date_prec=1,
        **kw,
    )


def active(engine: Engine) -> list:
    with transaction(engine) as session:
        return records.list_records(session=session)


def test_approve_creates_then_updates_a_record(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find()])
    (b,) = add(engine, OTHER, [find()], publisher="Other Daily")
    with transaction(engine) as session:
        first = review.approve([a], session=session, actor="ana")
    assert len(first.records.created) == 1 and first.changed == [a]
    with transaction(engine) as session:
        second = review.approve([b, b], session=session, actor="ana")
    assert second.records.created == [] and second.records.updated == first.records.created
    (record,) = active(engine)
    assert record.sources == 2 and record.fields["quantity"] == 48


def test_approval_is_atomic(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find()])
    with pytest.raises(NotFoundError), transaction(engine) as session:
        review.approve([a, 99999], session=session, actor="ana")
    with transaction(engine) as session:
        assert review_ops.get_rows([a], session=session)[0].status == "pending"
    assert active(engine) == []


def test_reject_withdraws_unsupported_record(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find()])
    with transaction(engine) as session:
        review.approve([a], session=session, actor="ana")
    with transaction(engine) as session:
        out = review.reject([a], session=session, actor="ben", note="misread")
    assert len(out.records.withdrawn) == 1
    assert active(engine) == []
    with transaction(engine) as session:
        withdrawn = records.list_records(
            session=session, flt=records.RecordFilter(status="withdrawn")
        )
        assert [r.id for r in withdrawn] == out.records.withdrawn
        assert review_ops.get_rows([a], session=session)[0].status == "rejected"


def test_unapprove_record_returns_claims_to_queue(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find()])
    (b,) = add(engine, OTHER, [find()], publisher="Other Daily")
    with transaction(engine) as session:
        rid = review.approve([a, b], session=session, actor="ana").records.created[0]
    with transaction(engine) as session:
        out = review.unapprove_record(rid, session=session, actor="ana")
        assert sorted(out.changed) == sorted([a, b])
        assert {r.id for r in review_ops.queue(session=session)} == {a, b}
    assert active(engine) == []


def test_correction_supersedes_and_keeps_the_record(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find(quantity=84)])
    (b,) = add(engine, OTHER, [find()], publisher="Other Daily")
    with transaction(engine) as session:
        review.approve([a, b], session=session, actor="ana")
    (before,) = active(engine)  # one dated, placed find with two tolls: a visible conflict
    assert before.disputed and before.fields["quantity"] == 48
    assert {e["value"] for e in before.values["quantity"]} == {48, 84}
    with transaction(engine) as session:
        out = review.correct(a, {"quantity": 48}, session=session, actor="ben", note="typo")
        new = review_ops.get_rows([out.created_claim or 0], session=session)[0]
        old = review_ops.get_rows([a], session=session)[0]
    assert (new.origin, new.supersedes_id, new.status, new.created_by) == (
        "reviewer",
        a,
        "approved",
        "ben",
    )
    assert new.fields["quantity"] == 48 and new.fields["estimates"]["quantity"]["best"] == 48
    assert old.status == "superseded" and old.fields["quantity"] == 84
    (record,) = active(engine)
    assert record.id == before.id and record.sources == 2 and not record.disputed
    with pytest.raises(InputError, match="superseded"), transaction(engine) as session:
        review.approve([a], session=session, actor="ana")


def test_correct_refuses_unknown_fields(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [find()])
    with pytest.raises(InputError, match="cannot set killed"), transaction(engine) as session:
        review.correct(a, {"killed": 3}, session=session, actor="ben")


def test_parse_value() -> None:
    assert review.parse_value("quantity", "1,119") == 1119
    assert review.parse_value("area_m2", "2.5") == 2.5
    assert review.parse_value("place", "null") is None
    assert review.parse_value("participants", "Andrei Volkov; Oleg Semenov") == [
        "Andrei Volkov",
        "Oleg Semenov",
    ]
    assert review.parse_value("incident", "yes") is True
    with pytest.raises(InputError):
        review.parse_value("period_start", "2024-02-30")


def test_allegations_are_approved_but_never_records(engine: Engine) -> None:
    (a,) = add(engine, TEXT, [{"kind": "allegation", "statement": "They laid new mines."}])
    with transaction(engine) as session:
        out = review.approve([a], session=session, actor="ana")
    assert out.changed == [a] and out.records.created == []
    assert active(engine) == []


def test_auto_approval_is_off_by_default_and_per_publisher(engine: Engine) -> None:
    add(engine, TEXT, [find()], publisher="Trusted Operator")
    add(engine, OTHER, [find()], publisher="Other Daily", published=date(2024, 5, 7))
    assert flow.run(engine).auto_approved == 0
    assert active(engine) == []
    with transaction(engine) as session:
        assert review.set_auto_approve("Trusted Operator", True, session=session, actor="admin")
        assert not review.set_auto_approve("Trusted Operator", True, session=session, actor="x")
    add(engine, TEXT + " Update.", [find(quantity=12)], publisher="Trusted Operator")
    summary = flow.run(engine)
    assert summary.auto_approved == 1 and summary.records_created == 1
    (record,) = active(engine)
    assert record.fields["quantity"] == 12
    with transaction(engine) as session:
        assert review.auto_approved_publishers(session=session) == ["Trusted Operator"]
