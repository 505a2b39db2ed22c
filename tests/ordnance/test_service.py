"""The ordnance table mirrors the packaged catalogue, idempotently, on SQLite and PostGIS."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from minewatch.ordnance import service
from minewatch.ordnance.catalogue import load_catalogue
from minewatch.store.session import transaction


def test_sync_is_idempotent_and_complete(engine: Engine) -> None:
    with transaction(engine) as session:
        first = service.sync_catalogue(session=session)
    with transaction(engine) as session:
        second = service.sync_catalogue(session=session)
        rows = service.list_models(session=session)
        ap = service.list_models(session=session, category="AP mine")
    assert first == len(load_catalogue()) and second == 0
    assert len(rows) == len(load_catalogue())
    names = {r.name for r in ap}
    assert {"PMN-2", "PMN-E", "OZM-72"} <= names and "TM-62M" not in names


def test_sync_repairs_a_changed_row(engine: Engine) -> None:
    with transaction(engine) as session:
        service.sync_catalogue(session=session)
        row = next(r for r in service.list_models(session=session) if r.name == "TM-62M")
        row.category = "other"
    with transaction(engine) as session:
        assert service.sync_catalogue(session=session) == 1
        row = next(r for r in service.list_models(session=session) if r.name == "TM-62M")
        assert row.category == "AT mine"
