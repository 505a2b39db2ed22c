"""Claim writes and bulk reads the review and reconciliation workflows need.

Claims are never edited in place except for their review ``status``; a correction is a new
claim by the reviewer (``origin="reviewer"``) that supersedes the original. The caller owns
the transaction (flush, never commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from minewatch.authorities import service as authorities
from minewatch.claims.models import STATUSES, Claim
from minewatch.errors import InputError, NotFoundError


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """The columns review and reconciliation read, without loading ORM objects."""

    id: int
    document_id: int
    ordinal: int
    kind: str
    fields: dict[str, Any]
    evidence: dict[str, Any]
    authority: str | None
    status: str
    origin: str
    supersedes_id: int | None
    created_by: str


_COLUMNS = (
    Claim.id,
    Claim.document_id,
    Claim.ordinal,
    Claim.kind,
    Claim.fields,
    Claim.evidence,
    Claim.authority_text,
    Claim.status,
    Claim.origin,
    Claim.supersedes_id,
    Claim.created_by,
)


def _rows(session: Session, stmt: Select[Any]) -> list[ClaimRow]:
    return [ClaimRow(*row) for row in session.execute(stmt)]


def get_rows(claim_ids: Iterable[int], *, session: Session) -> list[ClaimRow]:
    """Claims by id, in id order (missing ids are left out)."""
    ids = sorted(set(claim_ids))
    out: list[ClaimRow] = []
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        out += _rows(session, select(*_COLUMNS).where(Claim.id.in_(chunk)).order_by(Claim.id))
    return out


def get_claim(claim_id: int, *, session: Session) -> Claim:
    """One claim (ORM object) by id."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def rows_of_documents(
    document_ids: Iterable[int],
    *,
    session: Session,
    status: str | None = None,
    besides: tuple[Sequence[str], Select[Any]] | None = None,
) -> list[ClaimRow]:
    """Claims of the given documents (optionally of one status) in document order.

    ``besides=(kinds, ids)``: leave out the claims of ``kinds`` whose id is not in the ``ids``
    selection, i.e. the claims a caller already holds from :func:`approved_excluding`."""
    ids = sorted(set(document_ids))
    out: list[ClaimRow] = []
    for start in range(0, len(ids), 5000):
        stmt = select(*_COLUMNS).where(Claim.document_id.in_(ids[start : start + 5000]))
        if status is not None:
            stmt = stmt.where(Claim.status == status)
        if besides is not None:
            kinds, held = besides
            stmt = stmt.where(or_(Claim.kind.not_in(kinds), Claim.id.in_(held)))
        out += _rows(session, stmt.order_by(Claim.document_id, Claim.ordinal, Claim.id))
    return out


def approved_excluding(
    excluded: Select[Any], *, session: Session, kinds: Sequence[str]
) -> list[ClaimRow]:
    """Approved claims of ``kinds`` whose id is not in the ``excluded`` id selection."""
    stmt = (
        select(*_COLUMNS)
        .where(Claim.status == "approved", Claim.kind.in_(kinds), Claim.id.not_in(excluded))
        .order_by(Claim.id)
    )
    return _rows(session, stmt)


def queue(
    *, session: Session, kind: str | None = None, limit: int = 100, after_id: int = 0
) -> list[ClaimRow]:
    """Pending claims in id order: the review queue."""
    stmt = select(*_COLUMNS).where(Claim.status == "pending", Claim.id > after_id)
    if kind:
        stmt = stmt.where(Claim.kind == kind)
    return _rows(session, stmt.order_by(Claim.id).limit(limit))


def set_status(claim_ids: Iterable[int], status: str, *, session: Session) -> int:
    """Set the review status of claims; returns how many rows changed."""
    if status not in STATUSES:
        raise InputError(f"unknown claim status {status!r}: use one of {', '.join(STATUSES)}")
    ids = sorted(set(claim_ids))
    changed = 0
    for start in range(0, len(ids), 5000):
        result = session.execute(
            update(Claim)
            .where(Claim.id.in_(ids[start : start + 5000]))
            .values(status=status)
            .execution_options(synchronize_session="fetch")
        )
        changed += int(getattr(result, "rowcount", 0) or 0)
    session.flush()
    return changed


def add_correction(
    original: ClaimRow, fields: dict[str, Any], *, actor: str, session: Session
) -> Claim:
    """A reviewer's claim replacing ``original`` (approved; the original becomes superseded)."""
    authority = fields.get("authority")
    correction = Claim(
        document_id=original.document_id,
        ordinal=original.ordinal,
        kind=original.kind,
        fields=fields,
        evidence=original.evidence,
        sentence_index=original.evidence.get("sentence_index"),
        start=original.evidence.get("start"),
        end=original.evidence.get("end"),
        authority_id=authorities.get_or_create(authority, session=session) if authority else None,
        authority_text=authority,
        extractor_version=f"review-{original.id}",
        status="approved",
        origin="reviewer",
        supersedes_id=original.id,
        created_by=actor,
    )
    session.add(correction)
    session.flush()
    set_status([original.id], "superseded", session=session)
    return correction
