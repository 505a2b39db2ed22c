"""The Jinja2 environment of the web UI, built on first use (never at import time).

URLs in pages are root-relative (``/static/...``), never absolute, so the UI works behind a
proxy prefix and no page ever names a host.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from minewatch import __version__
from minewatch.claims.figures import figure, kind_label, number, when

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"


def root(request: Request) -> str:
    """The mount prefix of the app ("" unless served under a proxy path)."""
    return str(request.scope.get("root_path", "")).rstrip("/")


@pass_context
def static(context: Context, path: str) -> str:
    """Root-relative URL of a static file, versioned so upgrades bust browser caches."""
    return f"{root(context['request'])}/static/{path}?v={__version__}"


@pass_context
def href(context: Context, path: str) -> str:
    """Root-relative URL of a page."""
    return f"{root(context['request'])}{path}"


@pass_context
def with_query(context: Context, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None removes one)."""
    request: Request = context["request"]
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return f"{root(request)}{request.url.path}" + (f"?{query}" if query else "")


@cache
def templates() -> Jinja2Templates:
    """The shared template renderer with minewatch's helpers."""
    renderer = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = renderer.env
    env.globals.update(
        static=static, href=href, with_query=with_query, version=__version__, kind_label=kind_label
    )
    env.filters.update(number=number, figure=lambda c: figure(c.kind, c.fields or {}), when=when)
    return renderer
