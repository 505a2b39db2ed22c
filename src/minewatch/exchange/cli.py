"""``minewatch export``: approved records to GeoJSON, GeoPackage, CSV or HXL, with citations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``minewatch export`` to the app."""

    @app.command("export")
    def export_command(
        ctx: typer.Context,
        out: Annotated[Path, typer.Argument(help="Output file.")],
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="geojson, gpkg, csv or hxl.")
        ] = "geojson",
        kind: Annotated[
            str | None,
            typer.Option(help="device_find, casualties, land_release or inspection."),
        ] = None,
        bbox: Annotated[
            str | None, typer.Option(help="minlon,minlat,maxlon,maxlat (degrees).")
        ] = None,
        since: Annotated[str | None, typer.Option(help="Overlapping or after YYYY-MM-DD.")] = None,
        until: Annotated[str | None, typer.Option(help="Starting on or before YYYY-MM-DD.")] = None,
        areas: Annotated[
            bool,
            typer.Option(
                "--areas/--points",
                help="GeoJSON: draw records located to a whole district, province or region "
                "as its polygon when the gazetteer has one (the point stays in lon/lat), or "
                "every record as its point.",
            ),
        ] = True,
    ) -> None:
        """Export approved records (one GeoPackage layer per kind) and a citations file."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from minewatch.console import err
        from minewatch.exchange import rows
        from minewatch.exchange.export import export
        from minewatch.stats.cli import _date
        from minewatch.stats.index import ensure_fresh
        from minewatch.store.session import require_schema, transaction

        query = rows.ExportQuery(
            kind=kind,
            bbox=rows.parse_bbox(bbox),
            since=_date(since, "--since"),
            until=_date(until, "--until"),
        ).validate()
        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            ensure_fresh(session=session)
            total = rows.count(query, session=session)
        with (
            transaction(engine) as session,
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err(),
                transient=True,
            ) as bar,
        ):
            task = bar.add_task(f"exporting {fmt}", total=total)
            report = export(
                query,
                out,
                fmt,
                session=session,
                progress=lambda n: bar.update(task, completed=n),
                areas=areas,
            )
        layers = (
            " (" + ", ".join(f"{k}: {n:,}" for k, n in report.layers.items()) + ")"
            if report.layers
            else ""
        )
        err().print(
            f"{report.records:,} records written to {report.path}{layers}; "
            f"{report.documents:,} sources cited in {report.citations}",
            highlight=False,
        )
