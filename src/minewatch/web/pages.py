"""HTML pages: a thin adapter that calls the same library functions as the API and the CLI."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from minewatch.api.deps import PagingDep, SessionDep
from minewatch.claims import queries as claim_queries
from minewatch.claims import service as claims
from minewatch.claims.models import CLAIM_KINDS, STATUSES
from minewatch.documents import service as documents
from minewatch.errors import InputError
from minewatch.web.highlight import highlighted_html
from minewatch.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

LATEST = 8


def page(request: Request, name: str, **context: Any) -> Response:
    """Render one template with the request (the templates need it for URLs)."""
    return templates().TemplateResponse(request, name, context)


def render_error(request: Request, body: dict[str, Any]) -> Response:
    """The HTML face of an API error body, for browsers."""
    return templates().TemplateResponse(
        request, "error.html", {"error": body}, status_code=int(body["status"])
    )


def _option(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise InputError(f"{name}: unknown value {value!r}; expected one of {', '.join(allowed)}")
    return value


@router.get("/")
def dashboard(request: Request, session: SessionDep) -> Response:
    """Headline counts, the chart of claims by kind and status, and the latest documents."""
    summary = claim_queries.summary(session=session)
    latest = documents.list_documents(session=session, limit=LATEST)
    chart = {
        "kinds": sorted(summary.by_kind, key=lambda k: -summary.by_kind[k]),
        "statuses": [s for s in STATUSES if s in summary.by_status],
        "counts": summary.by_kind_status,
    }
    return page(
        request,
        "dashboard.html",
        nav="dashboard",
        figures=_figures(session),
        documents_total=documents.count_documents(session=session),
        summary=summary,
        latest=latest,
        counts=claim_queries.counts_by_document((d.id for d in latest), session=session),
        chart=chart,
    )


def _figures(session: Any) -> list[dict[str, Any]]:
    """Approved-record figures per kind from the same library function as the CLI and API:
    incident sums, and reported totals kept apart."""
    from minewatch.stats.schemas import MAIN_MEASURE
    from minewatch.stats.service import StatsQuery, figures

    rows = []
    for kind in ("device_find", "casualties", "land_release", "inspection"):
        result = figures(StatsQuery(kind=kind), session=session)
        measure = MAIN_MEASURE.get(kind)
        total = result.incidents.totals.get(measure) if measure else None
        rows.append(
            {
                "kind": kind,
                "measure": measure,
                "records": result.incidents.records,
                "sum": total.sum if total is not None else None,
                "reported": result.reported_totals[:5],
            }
        )
    return rows


@router.get("/documents")
def document_list(request: Request, session: SessionDep, paging: PagingDep) -> Response:
    """Stored documents, newest publication first."""
    rows = documents.list_documents(session=session, limit=paging.limit, offset=paging.offset)
    return page(
        request,
        "documents.html",
        nav="documents",
        rows=rows,
        counts=claim_queries.counts_by_document((d.id for d in rows), session=session),
        total=documents.count_documents(session=session),
        paging=paging,
    )


@router.get("/documents/{ref}")
def document_view(request: Request, ref: str, session: SessionDep) -> Response:
    """A document's text with every claim's values highlighted, and its claims beside it."""
    doc = documents.get_document(ref, session=session)
    rows = claims.claims_of_document(doc.id, session=session)
    return page(
        request,
        "document.html",
        nav="documents",
        doc=doc,
        claims=rows,
        body=Markup(highlighted_html(doc.text, rows)),  # escaped in highlight.render
    )


@router.get("/claims")
def claim_list(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    kind: Annotated[str | None, Query()] = None,
    status: Annotated[str | None, Query()] = None,
    document_id: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """Claims with kind, status and document filters."""
    kind = _option(kind, CLAIM_KINDS, "kind")
    status = _option(status, STATUSES, "status")
    filters: dict[str, Any] = {"kind": kind, "status": status, "document_id": document_id}
    rows = claim_queries.list_claims(
        session=session, limit=paging.limit, offset=paging.offset, **filters
    )
    titles = {
        doc_id: documents.get_document(str(doc_id), session=session).title
        for doc_id in {c.document_id for c in rows}
    }
    return page(
        request,
        "claims.html",
        nav="claims",
        rows=rows,
        titles=titles,
        total=claim_queries.count_claims(session=session, **filters),
        paging=paging,
        filters=filters,
        kinds=CLAIM_KINDS,
        statuses=STATUSES,
    )


@router.get("/map")
def map_page(request: Request) -> Response:
    """Leaflet map on offline country outlines; points come from ``/api/v1/claims.geojson``,
    the areas of district-level (and coarser) records from ``/api/v1/areas.geojson``."""
    return page(request, "map.html", nav="map")


@router.get("/api")
def api_reference(request: Request) -> Response:
    """The HTTP API's endpoints, read from the OpenAPI document (offline Swagger substitute)."""
    spec = request.app.openapi()
    operations = [
        {"path": path, "method": method.upper(), **op}
        for path, methods in spec.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return page(request, "api.html", nav="api", operations=operations, spec=spec)
