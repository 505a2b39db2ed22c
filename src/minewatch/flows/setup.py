"""Initialise a database: schema migrations plus the reference data shipped with minewatch."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from minewatch.ordnance import service as ordnance
from minewatch.store.migrate import upgrade
from minewatch.store.session import transaction


def initialise(engine: Engine) -> int:
    """Migrate to the latest schema and load the ordnance catalogue; safe to re-run."""
    upgrade(engine)
    with transaction(engine) as session:
        return ordnance.sync_catalogue(session=session)
