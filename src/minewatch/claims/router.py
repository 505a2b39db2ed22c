"""``/api/v1/claims``: listing, one claim, the summary and located claims as GeoJSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from minewatch.api.deps import MAX_PAGE, PagingDep, SessionDep
from minewatch.api.errors import ERROR_RESPONSES
from minewatch.claims import queries
from minewatch.claims.figures import figure, when
from minewatch.claims.models import CLAIM_KINDS, STATUSES
from minewatch.claims.schemas import (
    ClaimFeature,
    ClaimFeatureCollection,
    ClaimOut,
    ClaimPage,
    ClaimProperties,
    ClaimSummary,
    PointGeometry,
)
from minewatch.errors import InputError

router = APIRouter(prefix="/api/v1", tags=["claims"], responses=ERROR_RESPONSES)

KindQ = Annotated[
    str | None,
    Query(description="Only claims of this kind.", json_schema_extra={"enum": list(CLAIM_KINDS)}),
]
StatusQ = Annotated[
    str | None,
    Query(
        description="Only claims in this review status.", json_schema_extra={"enum": list(STATUSES)}
    ),
]


class GeoJSONResponse(JSONResponse):
    """``application/geo+json``, so GIS clients recognise the payload."""

    media_type = "application/geo+json"


def _check(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if value is not None and value not in allowed:
        raise InputError(f"{name}: unknown value {value!r}; expected one of {', '.join(allowed)}")
    return value


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def parse_bbox(raw: str | None) -> queries.BBox | None:
    """OGC ``bbox=minx,miny,maxx,maxy`` in degrees, validated."""
    if raw is None or raw == "":
        return None
    try:
        parts = tuple(float(p) for p in raw.split(","))
    except ValueError:
        raise InputError(f"bbox: {raw!r} is not four numbers minx,miny,maxx,maxy") from None
    if len(parts) != 4:
        raise InputError(f"bbox: expected four numbers minx,miny,maxx,maxy, got {len(parts)}")
    minx, miny, maxx, maxy = parts
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise InputError(
            "bbox: longitudes must be within [-180, 180], latitudes [-90, 90], miny <= maxy"
        )
    return minx, miny, maxx, maxy


@router.get("/claims", response_model=ClaimPage, summary="List claims with filters")
def list_claims(
    session: SessionDep,
    page: PagingDep,
    kind: KindQ = None,
    status: StatusQ = None,
    document_id: Annotated[int | None, Query(ge=1, description="Only this document's.")] = None,
) -> ClaimPage:
    """Claims by document and extraction order, filtered by kind, status and document."""
    kind = _check(kind, CLAIM_KINDS, "kind")
    status = _check(status, STATUSES, "status")
    rows = queries.list_claims(
        session=session,
        kind=kind,
        status=status,
        document_id=document_id,
        limit=page.limit,
        offset=page.offset,
    )
    total = queries.count_claims(session=session, kind=kind, status=status, document_id=document_id)
    return ClaimPage(
        items=[ClaimOut.of(c) for c in rows], total=total, limit=page.limit, offset=page.offset
    )


@router.get(
    "/claims/summary", response_model=ClaimSummary, summary="Claim counts by kind and status"
)
def claim_summary(session: SessionDep) -> ClaimSummary:
    """How many claims there are of each kind and in each review status."""
    s = queries.summary(session=session)
    return ClaimSummary(
        total=s.total, by_kind=s.by_kind, by_status=s.by_status, by_kind_status=s.by_kind_status
    )


@router.get(
    "/claims.geojson",
    response_model=ClaimFeatureCollection,
    response_class=GeoJSONResponse,
    summary="Located claims as a GeoJSON FeatureCollection",
)
def claims_geojson(
    session: SessionDep,
    bbox: Annotated[
        str | None,
        Query(description="minx,miny,maxx,maxy in EPSG:4326 degrees (OGC API Features)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10 * MAX_PAGE, description="At most this many.")] = 1000,
    offset: Annotated[int, Query(ge=0, description="Skip this many.")] = 0,
) -> ClaimFeatureCollection:
    """Claims whose fields carry `lon`/`lat` (set once places are geocoded), as points."""
    rows, total = queries.located_claims(
        session=session, bbox=parse_bbox(bbox), limit=limit, offset=offset
    )
    features = [
        ClaimFeature(
            id=c.id,
            geometry=PointGeometry(coordinates=(float(c.fields["lon"]), float(c.fields["lat"]))),
            properties=ClaimProperties(
                kind=c.kind,
                status=c.status,
                figure=figure(c.kind, c.fields),
                document_id=c.document_id,
                place=_text(c.fields.get("place")),
                authority=c.authority_text,
                date=when(c.fields) or None,
            ),
        )
        for c in rows
    ]
    return ClaimFeatureCollection(
        features=features, numberMatched=total, numberReturned=len(features)
    )


@router.get("/claims/{claim_id}", response_model=ClaimOut, summary="One claim with its evidence")
def get_claim(claim_id: int, session: SessionDep) -> ClaimOut:
    """A claim with its fields, evidence spans and attribution."""
    return ClaimOut.of(queries.get_claim(claim_id, session=session))
