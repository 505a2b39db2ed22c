"""Read-only claim queries the API and web UI need beyond ``service.py``: stable pages, counts,
one claim, per-document tallies and located claims for maps. Callers own the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from minewatch.claims.models import Claim
from minewatch.errors import NotFoundError

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Summary:
    """Claims counted by kind, by review status and by both."""

    total: int
    by_kind: dict[str, int]
    by_status: dict[str, int]
    by_kind_status: dict[str, dict[str, int]] = field(default_factory=dict)


def get_claim(claim_id: int, *, session: Session) -> Claim:
    """One claim by id."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def _filtered(
    stmt: Select[Any], kind: str | None, status: str | None, document_id: int | None
) -> Select[Any]:
    if kind:
        stmt = stmt.where(Claim.kind == kind)
    if status:
        stmt = stmt.where(Claim.status == status)
    if document_id is not None:
        stmt = stmt.where(Claim.document_id == document_id)
    return stmt


def list_claims(
    *,
    session: Session,
    kind: str | None = None,
    status: str | None = None,
    document_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Sequence[Claim]:
    """Claims in document and extraction order, with the id as tiebreaker.

    Like ``service.list_claims`` but safe to page: ordinals repeat across extractor
    versions, and without a unique last sort key PostgreSQL may return rows of equal
    (document, ordinal) in a different order on every page.
    """
    stmt = _filtered(select(Claim), kind, status, document_id)
    stmt = stmt.order_by(Claim.document_id, Claim.ordinal, Claim.id).limit(limit).offset(offset)
    return session.scalars(stmt).all()


def count_claims(
    *,
    session: Session,
    kind: str | None = None,
    status: str | None = None,
    document_id: int | None = None,
) -> int:
    """How many claims match the same filters as :func:`list_claims`."""
    stmt = _filtered(select(func.count(Claim.id)), kind, status, document_id)
    return session.scalar(stmt) or 0


def summary(*, session: Session) -> Summary:
    """Counts by kind and status in one grouped query (the dashboard's headline)."""
    stmt = (
        select(Claim.kind, Claim.status, func.count(Claim.id))
        .group_by(Claim.kind, Claim.status)
        .order_by(Claim.kind, Claim.status)
    )
    by_kind: dict[str, int] = {}
    by_status: dict[str, int] = {}
    both: dict[str, dict[str, int]] = {}
    for kind, status, n in session.execute(stmt):
        by_kind[kind] = by_kind.get(kind, 0) + n
        by_status[status] = by_status.get(status, 0) + n
        both.setdefault(kind, {})[status] = n
    return Summary(sum(by_kind.values()), by_kind, by_status, both)


def counts_by_document(document_ids: Iterable[int], *, session: Session) -> dict[int, int]:
    """Number of claims of each given document (0 for none), in one query."""
    ids = list(document_ids)
    counts = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    stmt = (
        select(Claim.document_id, func.count(Claim.id))
        .where(Claim.document_id.in_(ids))
        .group_by(Claim.document_id)
    )
    counts.update({doc: n for doc, n in session.execute(stmt)})
    return counts


def _located(bbox: BBox | None) -> Select[Any]:
    """Claims whose fields carry numeric ``lon``/``lat``, optionally inside ``bbox``.

    JSON paths go through SQLAlchemy's dialect-neutral ``as_float`` (JSON_EXTRACT on SQLite,
    ``->>`` on PostgreSQL), so no dialect branch is needed here. A bbox whose minx exceeds
    its maxx crosses the antimeridian, as OGC API Features allows.
    """
    lon = Claim.fields["lon"].as_float()
    lat = Claim.fields["lat"].as_float()
    stmt = select(Claim).where(lon.is_not(None), lat.is_not(None))
    if bbox is not None:
        minx, miny, maxx, maxy = bbox
        across = minx > maxx
        in_lon = or_(lon >= minx, lon <= maxx) if across else and_(lon >= minx, lon <= maxx)
        stmt = stmt.where(in_lon, lat >= miny, lat <= maxy)
    return stmt


def located_claims(
    *, session: Session, bbox: BBox | None = None, limit: int = 1000, offset: int = 0
) -> tuple[Sequence[Claim], int]:
    """A page of located claims (by id) and how many match in total."""
    stmt = _located(bbox)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows: Sequence[Claim] = session.scalars(
        stmt.order_by(Claim.id).limit(limit).offset(offset)
    ).all()
    return rows, total
