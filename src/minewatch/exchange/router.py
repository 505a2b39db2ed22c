"""``/api/v1/records.geojson``: approved records as GeoJSON with OGC API Features parameters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from minewatch.api.deps import MAX_PAGE, SessionDep
from minewatch.api.errors import ERROR_RESPONSES
from minewatch.errors import InputError
from minewatch.exchange import rows
from minewatch.exchange.areas import RecordAreas, area_features
from minewatch.exchange.writers import feature
from minewatch.stats.index import ensure_fresh
from minewatch.stats.schemas import KINDS

router = APIRouter(prefix="/api/v1", tags=["records"], responses=ERROR_RESPONSES)


KindQuery = Annotated[
    str | None,
    Query(description="Only records of this kind.", json_schema_extra={"enum": list(KINDS)}),
]


class GeoJSONResponse(JSONResponse):
    """``application/geo+json``, so GIS clients recognise the payload."""

    media_type = "application/geo+json"


def parse_datetime(raw: str | None) -> tuple[date | None, date | None]:
    """OGC ``datetime``: a date, or an interval ``start/end`` with ``..`` for open ends."""
    if not raw:
        return None, None
    parts = raw.split("/")
    if len(parts) > 2:
        raise InputError(f"datetime {raw!r}: a date or start/end")

    def one(text: str) -> date | None:
        if text in ("", ".."):
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InputError(f"datetime {raw!r}: dates as YYYY-MM-DD") from exc

    if len(parts) == 1:
        day = one(parts[0])
        return day, day
    return one(parts[0]), one(parts[1])


@router.get(
    "/records.geojson",
    response_class=GeoJSONResponse,
    summary="Approved records as a GeoJSON FeatureCollection",
)
def records_geojson(
    session: SessionDep,
    kind: KindQuery = None,
    bbox: Annotated[
        str | None, Query(description="minlon,minlat,maxlon,maxlat (OGC API Features).")
    ] = None,
    datetime: Annotated[
        str | None, Query(description="A date or an interval start/end ('..' = open).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE * 20, description="At most this many.")] = 1000,
    offset: Annotated[int, Query(ge=0, description="Skip this many.")] = 0,
    areas: Annotated[
        bool,
        Query(
            description="Draw records located to a whole area (district, province, region) "
            "as its polygon when known; false: every record as its point."
        ),
    ] = True,
) -> dict[str, Any]:
    """Records with a [lon, lat] point (RFC 7946), the Polygon / MultiPolygon of the area
    they were located to (district level or coarser, when the gazetteer has its boundary;
    the point stays in the ``lon`` / ``lat`` properties, ``area_place_ids`` names the
    places), or a null geometry when unlocated; the same columns as ``minewatch export``.
    ``bbox`` filters on the point."""
    since, until = parse_datetime(datetime)
    query = rows.ExportQuery(
        kind=kind, bbox=rows.parse_bbox(bbox), since=since, until=until
    ).validate()
    ensure_fresh(session=session)
    matched = rows.count(query, session=session)
    items = rows.page(query, session=session, limit=limit, offset=offset)
    drawn = RecordAreas(session).of([i["record_id"] for i in items]) if areas else {}
    features = [feature(item, drawn.get(item["record_id"])) for item in items]
    return {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": len(features),
        "features": features,
    }


@router.get(
    "/areas.geojson",
    response_class=GeoJSONResponse,
    summary="Areas that records are located to, with their counts",
)
def areas_geojson(
    session: SessionDep,
    kind: KindQuery = None,
    bbox: Annotated[
        str | None, Query(description="minlon,minlat,maxlon,maxlat: areas meeting this box.")
    ] = None,
    include_pending: Annotated[
        bool, Query(description="Also count facts awaiting review (``pending``).")
    ] = False,
) -> dict[str, Any]:
    """One feature per gazetteer area (Polygon / MultiPolygon) that approved records (and
    with ``include_pending``, facts awaiting review) are located to at area precision (a
    district or coarser, UCDP ``where_prec`` >= 3), with ``records``, ``records_by_kind``
    and ``pending`` counts: what the web map draws under the points. A record located to
    several areas ("Kalbajar and Lachin") counts in each."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind {kind!r}: use {', '.join(KINDS)}")
    box = rows.ExportQuery(bbox=rows.parse_bbox(bbox)).validate().bbox
    features = area_features(session=session, kind=kind, bbox=box, pending=include_pending)
    return {"type": "FeatureCollection", "features": features}
