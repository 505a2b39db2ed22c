"""``minewatch serve``: refuses an uninitialised database cleanly, else runs uvicorn on the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from minewatch.api.cli import register
from minewatch.cli import State
from minewatch.config import get_settings
from minewatch.errors import DatabaseError
from minewatch.store.engine import make_engine
from minewatch.store.migrate import upgrade


def serve_app(url: str) -> typer.Typer:
    """A Typer app with just ``serve``, wired like the real root callback."""
    app = typer.Typer()

    @app.callback()
    def _root(ctx: typer.Context) -> None:
        ctx.obj = State(settings=get_settings(database_url=url))

    register(app)
    return app


def test_serve_refuses_an_uninitialised_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = CliRunner().invoke(serve_app(url), ["serve"])
    assert isinstance(result.exception, DatabaseError)
    assert "run `minewatch init`" in result.exception.message


def test_serve_runs_uvicorn_with_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'ready.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(serve_app(url), ["serve", "--host", "127.0.0.2", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    assert isinstance(calls[0]["app"], FastAPI)
    assert (calls[0]["host"], calls[0]["port"]) == ("127.0.0.2", 8123)
    assert str(calls[0]["app"].state.engine.url) == url


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        serve_app(f"sqlite:///{tmp_path / 'x.db'}"), ["serve", "--port", "0"]
    )
    assert result.exit_code == 2 and "port" in result.output.lower()
