"""``/api/v1/stats/{kind}``: the same figures as ``minewatch stats``, and their time series."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from minewatch.api.deps import SessionDep
from minewatch.api.errors import ERROR_RESPONSES
from minewatch.stats import service
from minewatch.stats.schemas import GROUPS, KINDS, Series, StatsResult

router = APIRouter(prefix="/api/v1/stats", tags=["statistics"], responses=ERROR_RESPONSES)

KindP = Annotated[
    str,
    Path(
        description="Record kind (finds, land-release, inspections accepted as aliases).",
        json_schema_extra={"enum": list(KINDS)},
    ),
]
PlaceQ = Annotated[str | None, Query(description="Place name or id; everything beneath it counts.")]
SinceQ = Annotated[date | None, Query(description="From this date (YYYY-MM-DD).")]
UntilQ = Annotated[date | None, Query(description="To this date (YYYY-MM-DD).")]
AuthorityQ = Annotated[
    str | None, Query(description="Only figures credited to an authority containing this.")
]
PendingQ = Annotated[bool, Query(description="Count claims awaiting review too.")]


def _query(
    kind: str,
    place: str | None,
    since: date | None,
    until: date | None,
    authority: str | None,
    include_pending: bool,
    group_by: list[str] | None = None,
) -> service.StatsQuery:
    return service.StatsQuery(
        kind=kind,
        place=place,
        since=since,
        until=until,
        authority=authority,
        include_pending=include_pending,
        group_by=tuple(group_by or ()),
    )


@router.get("/{kind}", response_model=StatsResult, summary="Figures of one record kind")
def stats(
    session: SessionDep,
    kind: KindP,
    place: PlaceQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    authority: AuthorityQ = None,
    include_pending: PendingQ = False,
    group_by: Annotated[
        list[str] | None,
        Query(
            description="Group incident sums (repeatable).",
            json_schema_extra={"items": {"enum": list(GROUPS)}},
        ),
    ] = None,
    explain: Annotated[bool, Query(description="Add each source's sentence.")] = False,
) -> StatsResult:
    """Incident records summed (grouped as asked) and reported totals listed apart; every
    figure names the records and claims behind it."""
    query = _query(kind, place, since, until, authority, include_pending, group_by)
    return service.figures(query, session=session, explain_sources=explain)


@router.get("/{kind}/series", response_model=Series, summary="Time series of one record kind")
def stats_series(
    session: SessionDep,
    kind: KindP,
    place: PlaceQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    authority: AuthorityQ = None,
    include_pending: PendingQ = False,
) -> Series:
    """Incident records per month and each authority's reported totals in date order."""
    query = _query(kind, place, since, until, authority, include_pending)
    return service.series(query, session=session)
