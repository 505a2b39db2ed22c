"""``minewatch serve``: run the API and web UI with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from minewatch.console import err


def register(app: typer.Typer) -> None:
    """Add the serve command to the app."""

    @app.command()
    def serve(
        ctx: typer.Context,
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    ) -> None:
        """Serve the web UI and the HTTP API (/api/v1) of the database."""
        import uvicorn

        from minewatch.api.app import create_app
        from minewatch.store.session import require_schema

        engine = ctx.obj.engine()
        require_schema(engine)  # fail with the one-line "run `minewatch init`" message
        web = create_app(ctx.obj.settings, engine=engine)
        url = engine.url.render_as_string(hide_password=True)
        err().print(f"serving {url} at http://{host}:{port}/ (Ctrl+C stops)", highlight=False)
        try:
            uvicorn.run(web, host=host, port=port, log_level="info")
        finally:
            engine.dispose()
