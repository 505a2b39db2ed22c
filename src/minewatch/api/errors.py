"""The API's one error shape, ``{"code", "status", "message"}``, for every failure.

Library errors carry their own status and user-safe message (DESIGN §3 rule 6); request
validation errors, unknown routes and unexpected crashes are mapped onto the same shape so a
client needs one parser. Browser pages get the same facts as an HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from minewatch.errors import InputError, MinewatchError

log = logging.getLogger("minewatch.api")

HtmlRenderer = Callable[[Request, dict[str, Any]], Response]


class FieldError(BaseModel):
    """One invalid request field."""

    loc: list[str | int]
    msg: str


class ErrorBody(BaseModel):
    """Every API error looks like this."""

    code: str = Field(description="Stable machine-readable error code.", examples=["not_found"])
    status: int = Field(description="The HTTP status, repeated for clients that lose it.")
    message: str = Field(description="A message safe to show a user.")
    errors: list[FieldError] | None = Field(None, description="Per-field details (validation).")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid request"},
}
"""``responses=`` for routers, so OpenAPI documents the real error body."""


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _describe(err: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where}: {err.get('msg')}" if where else str(err.get("msg"))


def validation_body(exc: RequestValidationError) -> dict[str, Any]:
    """FastAPI's validation details folded into the common shape."""
    details = list(exc.errors())
    return {
        "code": InputError.code,
        "status": 422,
        "message": "; ".join(_describe(e) for e in details) or "invalid request",
        "errors": [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg"))} for e in details],
    }


def install_error_handlers(app: FastAPI, *, html: HtmlRenderer | None = None) -> None:
    """Register the handlers; ``html`` renders the body for browsers on non-API paths."""

    def respond(
        request: Request, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Response:
        if html is not None and _wants_html(request):
            return html(request, body)
        return JSONResponse(body, status_code=body["status"], headers=headers)

    @app.exception_handler(MinewatchError)
    async def _library_error(request: Request, exc: MinewatchError) -> Response:
        return respond(request, exc.to_dict())

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, validation_body(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not_found" if exc.status_code == 404 else "http_error"
        body = {"code": code, "status": exc.status_code, "message": str(exc.detail)}
        return respond(request, body, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        body = {"code": "internal", "status": 500, "message": "internal error (see server log)"}
        return respond(request, body)
