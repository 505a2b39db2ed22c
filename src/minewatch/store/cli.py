"""``minewatch init``: create or upgrade the database schema."""

from __future__ import annotations

import typer

from minewatch.console import err


def register(app: typer.Typer) -> None:
    """Add the storage commands to the app."""

    @app.command()
    def init(ctx: typer.Context) -> None:
        """Create the database (or upgrade it to the latest schema); safe to re-run."""
        from minewatch.flows.setup import initialise

        engine = ctx.obj.engine()
        changed = initialise(engine)
        url = engine.url.render_as_string(hide_password=True)
        err().print(f"database ready: {url} ({changed} ordnance models loaded)", highlight=False)
