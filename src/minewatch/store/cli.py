"""``minewatch init``: create or upgrade the database and load its reference data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from minewatch.console import err


def register(app: typer.Typer) -> None:
    """Add the storage commands to the app."""

    @app.command()
    def init(
        ctx: typer.Context,
        places: Annotated[
            bool,
            typer.Option(
                "--places/--no-places", help="Load the bundled gazetteer (a few seconds)."
            ),
        ] = True,
    ) -> None:
        """Create the database (or upgrade it), load ordnance models and places; safe to re-run."""
        from minewatch.flows.setup import initialise

        engine = ctx.obj.engine()
        with Progress(
            TextColumn("loading places"),
            BarColumn(),
            TextColumn("{task.completed:,}"),
            TimeElapsedColumn(),
            console=err(),
            transient=True,
            disable=not places,
        ) as bar:
            task = bar.add_task("places", total=None)
            done = initialise(engine, places=places, progress=lambda n: bar.advance(task, n))
        url = engine.url.render_as_string(hide_password=True)
        err().print(
            f"database ready: {url} ({done.ordnance_changed} ordnance models, "
            f"{done.places_written:,} places loaded, {done.areas} with an area)",
            highlight=False,
        )
