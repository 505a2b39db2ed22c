"""Claim inserts and queries; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minewatch.authorities import service as authorities
from minewatch.claims.models import Claim

_NOT_FIELDS = {"kind", "evidence"}


def add_extracted(
    document_id: int,
    facts: Sequence[dict[str, Any]],
    *,
    extractor_version: str,
    session: Session,
    authority_cache: dict[str, int] | None = None,
) -> list[Claim]:
    """Store an extractor's facts for one document as pending claims."""
    rows: list[Claim] = []
    for ordinal, fact in enumerate(facts):
        evidence = fact.get("evidence") or {}
        authority = fact.get("authority")
        authority_id = (
            authorities.get_or_create(authority, session=session, cache=authority_cache)
            if authority
            else None
        )
        rows.append(
            Claim(
                document_id=document_id,
                ordinal=ordinal,
                kind=fact["kind"],
                fields={k: v for k, v in fact.items() if k not in _NOT_FIELDS},
                evidence=evidence,
                sentence_index=evidence.get("sentence_index"),
                start=evidence.get("start"),
                end=evidence.get("end"),
                authority_id=authority_id,
                authority_text=authority,
                extractor_version=extractor_version,
                status="pending",
                origin="extractor",
                created_by="extractor",
            )
        )
    session.add_all(rows)
    session.flush()
    return rows


def claims_of_document(document_id: int, *, session: Session) -> Sequence[Claim]:
    """Claims of one document in extraction order."""
    stmt = select(Claim).where(Claim.document_id == document_id).order_by(Claim.ordinal, Claim.id)
    return session.scalars(stmt).all()
