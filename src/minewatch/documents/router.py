"""``/api/v1/documents``: a thin HTTP adapter over the document and claim libraries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from minewatch.api.deps import PagingDep, SessionDep
from minewatch.api.errors import ERROR_RESPONSES
from minewatch.claims import queries as claim_queries
from minewatch.claims import service as claims
from minewatch.claims.schemas import ClaimOut
from minewatch.documents import service as documents
from minewatch.documents.schemas import DocumentDetail, DocumentOut, DocumentPage

router = APIRouter(prefix="/api/v1/documents", tags=["documents"], responses=ERROR_RESPONSES)

DocRef = Annotated[
    str,
    Path(
        description="Numeric id, or at least 6 hex digits of the document's SHA-256.",
        examples=["1", "3fa85f64"],
    ),
]


@router.get("", response_model=DocumentPage, summary="List documents, newest first")
def list_documents(session: SessionDep, page: PagingDep) -> DocumentPage:
    """Stored documents without their text, newest publication first, with claim counts."""
    rows = documents.list_documents(session=session, limit=page.limit, offset=page.offset)
    counts = claim_queries.counts_by_document((d.id for d in rows), session=session)
    return DocumentPage(
        items=[DocumentOut.of(d, counts[d.id]) for d in rows],
        total=documents.count_documents(session=session),
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/{ref}", response_model=DocumentDetail, summary="One document with text and claims")
def get_document(ref: DocRef, session: SessionDep) -> DocumentDetail:
    """A document's full text and its claims; claim spans are offsets into `text`."""
    doc = documents.get_document(ref, session=session)
    rows = claims.claims_of_document(doc.id, session=session)
    head = DocumentOut.of(doc, len(rows))
    return DocumentDetail(**head.model_dump(), text=doc.text, claims=[ClaimOut.of(c) for c in rows])
