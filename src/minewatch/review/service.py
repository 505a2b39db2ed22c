"""Review workflow (IMSMA's field report -> approve): approve, reject, correct, un-approve.

Claims start ``pending``. Approving attaches them to records in the same transaction;
rejecting or un-approving detaches them (a record left without support is withdrawn, never
deleted). A correction is a new, approved claim by the reviewer that supersedes the
original, which stays. Allegations can be approved but never become records. Every change
is audited. Auto-approval is a per-publisher setting, off unless turned on. The caller owns
the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minewatch.audit import service as audit
from minewatch.audit.service import Change
from minewatch.claims import review_ops
from minewatch.claims.review_ops import ClaimRow
from minewatch.documents import service as document_service
from minewatch.errors import InputError, NotFoundError
from minewatch.reconcile import service as reconcile
from minewatch.reconcile.views import COUNT_FIELDS, DATE_FIELDS, GOLD_FIELDS
from minewatch.records import service as records
from minewatch.review.models import SourceSetting
from minewatch.store.base import utcnow


@dataclass(slots=True)
class ReviewOutcome:
    """Claims whose status changed, and what reconciliation did to records."""

    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    records: reconcile.Outcome = field(default_factory=reconcile.Outcome)
    created_claim: int | None = None


def _load(claim_ids: Iterable[int], *, session: Session) -> list[ClaimRow]:
    ids = list(dict.fromkeys(claim_ids))
    rows = review_ops.get_rows(ids, session=session)
    missing = sorted(set(ids) - {r.id for r in rows})
    if missing:
        raise NotFoundError(f"no claim with id {', '.join(map(str, missing))}")
    superseded = [r.id for r in rows if r.status == "superseded"]
    if superseded:
        raise InputError(
            f"claim {', '.join(map(str, superseded))} was superseded by a correction: "
            "review the correction instead"
        )
    return rows


def _set(
    rows: list[ClaimRow],
    status: str,
    action: str,
    *,
    session: Session,
    actor: str,
    note: str | None,
) -> ReviewOutcome:
    outcome = ReviewOutcome()
    todo = [r for r in rows if r.status != status]
    outcome.unchanged = [r.id for r in rows if r.status == status]
    review_ops.set_status([r.id for r in todo], status, session=session)
    audit.log(
        [
            Change(
                action,
                "claim",
                r.id,
                before={"status": r.status},
                after={"status": status},
                note=note,
            )
            for r in todo
        ],
        actor=actor,
        session=session,
    )
    outcome.changed = [r.id for r in todo]
    return outcome


def approve(
    claim_ids: Iterable[int], *, session: Session, actor: str, note: str | None = None
) -> ReviewOutcome:
    """Approve claims and attach them to records (created or updated) in this transaction."""
    rows = _load(claim_ids, session=session)
    outcome = _set(rows, "approved", "approve", session=session, actor=actor, note=note)
    outcome.records = reconcile.attach([r.id for r in rows], session=session, actor=actor)
    return outcome


def reject(
    claim_ids: Iterable[int], *, session: Session, actor: str, note: str | None = None
) -> ReviewOutcome:
    """Reject claims; approved ones leave their records, which are refreshed or withdrawn."""
    rows = _load(claim_ids, session=session)
    outcome = _set(rows, "rejected", "reject", session=session, actor=actor, note=note)
    outcome.records = reconcile.detach(outcome.changed, session=session, actor=actor, note=note)
    return outcome


def unapprove(
    claim_ids: Iterable[int], *, session: Session, actor: str, note: str | None = None
) -> ReviewOutcome:
    """Send approved claims back to the queue and out of their records."""
    rows = _load(claim_ids, session=session)
    approved = [r for r in rows if r.status == "approved"]
    outcome = _set(approved, "pending", "unapprove", session=session, actor=actor, note=note)
    outcome.unchanged += [r.id for r in rows if r.status != "approved"]
    outcome.records = reconcile.detach(outcome.changed, session=session, actor=actor, note=note)
    return outcome


def unapprove_record(
    record_id: int, *, session: Session, actor: str, note: str | None = None
) -> ReviewOutcome:
    """Un-approve a record: its supporting claims return to pending and it is withdrawn."""
    records.get_record(record_id, session=session)
    links = records.links_of_records([record_id], session=session)
    return unapprove(
        [lk.claim_id for lk in links if lk.role == "support"],
        session=session,
        actor=actor,
        note=note,
    )


def parse_value(name: str, text: str) -> Any:
    """A field value from its command-line form ("null" clears it; lists split on ';')."""
    raw = text.strip()
    if raw.lower() in {"", "null", "none"}:
        return None
    try:
        if name in COUNT_FIELDS:
            number = float(raw.replace(",", ""))
            return int(number) if number.is_integer() else number
        if name == "production_year":
            return int(raw)
        if name in DATE_FIELDS:
            return date.fromisoformat(raw).isoformat()
    except ValueError as exc:
        raise InputError(f"{name}={text!r}: {exc}") from exc
    if name == "incident":
        if raw.lower() not in {"true", "false", "yes", "no", "1", "0"}:
            raise InputError(f"incident={text!r}: use true or false")
        return raw.lower() in {"true", "yes", "1"}
    if name in {"participants", "total_of"}:
        items = [p.strip() for p in raw.split(";") if p.strip()]
        return [int(p) for p in items] if name == "total_of" else items
    return raw


def corrected_fields(row: ClaimRow, changes: dict[str, Any]) -> dict[str, Any]:
    """The original's fields with the reviewer's changes (estimates follow changed counts)."""
    allowed = set(GOLD_FIELDS.get(row.kind, ())) | {"total_of", "authority"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InputError(
            f"cannot set {', '.join(unknown)} on a {row.kind} claim: "
            f"fields are {', '.join(sorted(allowed))}"
        )
    fields = {**row.fields, **changes}
    estimates = dict(fields.get("estimates") or {})
    for name in COUNT_FIELDS & changes.keys():
        value = changes[name]
        estimates[name] = (
            None
            if value is None
            else {"low": None, "best": value, "high": None, "approx": False, "vague": False}
        )
    fields["estimates"] = {k: v for k, v in estimates.items() if v is not None}
    return fields


def correct(
    claim_id: int,
    changes: dict[str, Any],
    *,
    session: Session,
    actor: str,
    note: str | None = None,
) -> ReviewOutcome:
    """Replace a claim by the reviewer's corrected copy; the original becomes superseded."""
    (row,) = _load([claim_id], session=session)
    if not changes:
        raise InputError("nothing to correct: give at least one --set field=value")
    fields = corrected_fields(row, changes)
    old_links = [
        lk for lk in records.links_of_claims([row.id], session=session) if lk.role == "support"
    ]
    outcome = ReviewOutcome(changed=[row.id])
    outcome.records = reconcile.detach(
        [row.id], session=session, actor=actor, note=note, defer=True
    )
    new = review_ops.add_correction(row, fields, actor=actor, session=session)
    outcome.created_claim = new.id
    audit.log(
        [
            Change(
                "supersede",
                "claim",
                row.id,
                before={"status": row.status},
                after={"status": "superseded", "by": new.id},
                note=note,
            ),
            Change(
                "correct",
                "claim",
                new.id,
                before={"claim": row.id, "fields": row.fields},
                after={"fields": fields, "status": "approved"},
                note=note,
            ),
        ],
        actor=actor,
        session=session,
    )
    step = reconcile.attach_to(
        new.id,
        [lk.record_id for lk in old_links],
        session=session,
        actor=actor,
        stale=outcome.records.stale,
    )
    outcome.records.add(step)
    return outcome


def set_auto_approve(publisher: str, enabled: bool, *, session: Session, actor: str) -> bool:
    """Turn auto-approval of one publisher's claims on or off; True when it changed."""
    name = publisher.strip()
    if not name:
        raise InputError("publisher name is empty")
    row = session.scalar(select(SourceSetting).where(SourceSetting.publisher == name))
    before = bool(row.auto_approve) if row is not None else False
    if row is None:
        row = SourceSetting(publisher=name, auto_approve=enabled, set_by=actor)
        session.add(row)
    else:
        row.auto_approve, row.set_by, row.set_at = enabled, actor, utcnow()
    session.flush()
    if before == enabled:
        return False
    audit.log(
        [
            Change(
                "auto_approve",
                "source",
                row.id,
                before={"publisher": name, "auto_approve": before},
                after={"publisher": name, "auto_approve": enabled},
            )
        ],
        actor=actor,
        session=session,
    )
    return True


def auto_approved_publishers(*, session: Session) -> list[str]:
    """Publishers whose claims are approved on ingest."""
    stmt = select(SourceSetting.publisher).where(SourceSetting.auto_approve.is_(True))
    return list(session.scalars(stmt.order_by(SourceSetting.publisher)))


def auto_approve(document_ids: Iterable[int], *, session: Session) -> ReviewOutcome:
    """Approve pending extractor claims of documents whose publisher is set to auto-approve."""
    enabled = set(auto_approved_publishers(session=session))
    if not enabled:
        return ReviewOutcome()
    meta = document_service.metadata(document_ids, session=session)
    docs = [d for d, m in meta.items() if m.publisher in enabled]
    rows = review_ops.rows_of_documents(docs, session=session, status="pending")
    picked = [r.id for r in rows if r.origin == "extractor"]
    if not picked:
        return ReviewOutcome()
    outcome = ReviewOutcome()
    by_publisher: dict[str, list[int]] = {}
    for row in rows:
        if row.id in picked:
            by_publisher.setdefault(meta[row.document_id].publisher or "", []).append(row.id)
    for publisher, ids in sorted(by_publisher.items()):
        step = approve(ids, session=session, actor=f"auto:{publisher}", note="auto-approved source")
        outcome.changed += step.changed
        outcome.records.add(step.records)
    return outcome
