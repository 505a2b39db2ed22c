"""``/api/v1/records``: reconciled records with every value's sources (JSON)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from minewatch.api.deps import PagingDep, SessionDep
from minewatch.api.errors import ERROR_RESPONSES
from minewatch.reconcile.service import sources_of
from minewatch.records import service as records
from minewatch.records.models import RECORD_KINDS
from minewatch.records.schemas import RecordOut

router = APIRouter(prefix="/api/v1", tags=["records"], responses=ERROR_RESPONSES)


class RecordPage(BaseModel):
    """A page of records and how many match in total."""

    total: int
    limit: int
    offset: int
    items: list[RecordOut]


@router.get("/records", response_model=RecordPage, summary="Reconciled records")
def list_records(
    session: SessionDep,
    paging: PagingDep,
    kind: Annotated[
        str | None,
        Query(description="Only this kind.", json_schema_extra={"enum": list(RECORD_KINDS)}),
    ] = None,
    status: Annotated[str, Query(description="active or withdrawn.")] = "active",
    place: Annotated[str | None, Query(description="Place text contains this.")] = None,
    since: Annotated[date | None, Query(description="Overlapping or after.")] = None,
    until: Annotated[date | None, Query(description="Starting on or before.")] = None,
    disputed: Annotated[bool | None, Query(description="Only (un)disputed.")] = None,
) -> RecordPage:
    """Records, oldest first, each with the claims and documents behind it."""
    flt = records.RecordFilter(
        kind=kind, status=status, place=place, since=since, until=until, disputed=disputed
    ).validate()
    rows = records.list_records(session=session, flt=flt, limit=paging.limit, offset=paging.offset)
    srcs = sources_of([r.id for r in rows], session=session)
    return RecordPage(
        total=records.count_records(session=session, flt=flt),
        limit=paging.limit,
        offset=paging.offset,
        items=[RecordOut.of(r, srcs.get(r.id)) for r in rows],
    )


@router.get("/records/{record_id}", response_model=RecordOut, summary="One record")
def get_record(session: SessionDep, record_id: int) -> RecordOut:
    """One record with every stated value and its sources."""
    record = records.get_record(record_id, session=session)
    return RecordOut.of(record, sources_of([record.id], session=session).get(record.id))
