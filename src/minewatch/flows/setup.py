"""Initialise a database: schema migrations plus the reference data shipped with minewatch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from minewatch.gazetteer.boundaries import load_bundled_areas
from minewatch.gazetteer.importer import write_records
from minewatch.gazetteer.loaders import builtin_records
from minewatch.ordnance import service as ordnance
from minewatch.store.migrate import upgrade
from minewatch.store.session import transaction


@dataclass(frozen=True, slots=True)
class Setup:
    """What initialisation loaded."""

    ordnance_changed: int
    places_written: int
    areas: int = 0


def initialise(
    engine: Engine,
    *,
    places: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Setup:
    """Migrate to the latest schema, load the ordnance catalogue and (by default) the bundled
    gazetteer (countries, subdivisions, cities, curated mine-affected places and their
    approximate areas); safe to re-run."""
    upgrade(engine)
    with transaction(engine) as session:
        changed = ordnance.sync_catalogue(session=session)
    written = areas = 0
    if places:
        with transaction(engine) as session:
            stats = write_records(builtin_records(), session=session, progress=progress)
            written = stats.places
            loaded = load_bundled_areas(session=session)
            areas = loaded.attached + loaded.unchanged
    return Setup(ordnance_changed=changed, places_written=written, areas=areas)
