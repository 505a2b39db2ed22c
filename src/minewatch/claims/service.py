"""Claim inserts and queries; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from minewatch.authorities import service as authorities
from minewatch.claims.models import Claim
from minewatch.store.base import utcnow

_NOT_FIELDS = {"kind", "evidence"}


def add_extracted(
    documents: Sequence[tuple[int, Sequence[dict[str, Any]]]],
    *,
    extractor_version: str,
    session: Session,
    authority_cache: dict[str, int] | None = None,
) -> int:
    """Store extracted facts of several documents as pending claims in one bulk insert.

    ``documents`` pairs each stored document id with its facts; returns how many claims
    were written. Bulk rather than ORM objects: ingest writes millions of claims.
    """
    rows: list[dict[str, Any]] = []
    now = utcnow()
    for document_id, facts in documents:
        for ordinal, fact in enumerate(facts):
            evidence = fact.get("evidence") or {}
            authority = fact.get("authority")
            authority_id = (
                authorities.get_or_create(authority, session=session, cache=authority_cache)
                if authority
                else None
            )
            rows.append(
                {
                    "document_id": document_id,
                    "ordinal": ordinal,
                    "kind": fact["kind"],
                    "fields": {k: v for k, v in fact.items() if k not in _NOT_FIELDS},
                    "evidence": evidence,
                    "sentence_index": evidence.get("sentence_index"),
                    "start": evidence.get("start"),
                    "end": evidence.get("end"),
                    "authority_id": authority_id,
                    "authority_text": authority,
                    "extractor_version": extractor_version,
                    "status": "pending",
                    "origin": "extractor",
                    "supersedes_id": None,
                    "created_by": "extractor",
                    "created_at": now,
                }
            )
    if rows:
        session.execute(insert(Claim), rows)
    return len(rows)


def claims_of_document(document_id: int, *, session: Session) -> Sequence[Claim]:
    """Claims of one document in extraction order."""
    stmt = select(Claim).where(Claim.document_id == document_id).order_by(Claim.ordinal, Claim.id)
    return session.scalars(stmt).all()
