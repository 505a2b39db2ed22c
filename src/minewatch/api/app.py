"""The application factory: API routers, web pages, static files and the error handlers.

Nothing is built at import time (DESIGN §3 rule 5): ``create_app`` makes (or is given) the
engine and keeps it on ``app.state``; an engine it made is disposed of at shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from minewatch import __version__
from minewatch.api.errors import ErrorBody, install_error_handlers
from minewatch.config import Settings, get_settings
from minewatch.store.session import require_schema

DESCRIPTION = (
    "Documents, the claims extracted from them with character-level provenance, and (later) "
    "reviewed records. Errors are always JSON `{code, status, message}`. Spatial lists are "
    "GeoJSON with OGC API Features parameters (`bbox`, `limit`, `offset`)."
)


class Health(BaseModel):
    """Liveness and the database the server reads."""

    status: str = Field(examples=["ok"])
    version: str
    database: str = Field(description="Database dialect: sqlite or postgresql.")


def _health_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["meta"])

    @router.get(
        "/health",
        response_model=Health,
        summary="Server and database health",
        responses={503: {"model": ErrorBody, "description": "Database unreachable"}},
    )
    def health(request: Request) -> Health:
        """OK when the database answers and its schema is initialised (503 otherwise)."""
        engine: Engine = request.app.state.engine
        require_schema(engine)
        return Health(status="ok", version=__version__, database=engine.dialect.name)

    return router


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """A ready-to-serve app for ``settings`` (or an explicit engine, as tests use)."""
    from minewatch.claims.router import router as claims_router
    from minewatch.documents.router import router as documents_router
    from minewatch.exchange.router import router as exchange_router
    from minewatch.records.router import router as records_router
    from minewatch.stats.router import router as stats_router
    from minewatch.web.pages import render_error
    from minewatch.web.pages import router as pages_router
    from minewatch.web.templating import STATIC_DIR

    settings = settings or get_settings()
    owned = engine is None
    if engine is None:
        from minewatch.store.engine import make_engine

        engine = make_engine(settings.database_url, echo=settings.echo_sql)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            _app.state.engine.dispose()

    app = FastAPI(
        title="minewatch",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /api renders the spec offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    install_error_handlers(app, html=render_error)
    app.include_router(_health_router())
    app.include_router(documents_router)
    app.include_router(claims_router)
    app.include_router(records_router)
    app.include_router(stats_router)
    app.include_router(exchange_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
