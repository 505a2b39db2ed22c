"""`initialise`: schema, ordnance catalogue and bundled gazetteer, idempotently."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from minewatch.flows.setup import initialise
from minewatch.gazetteer import service as gazetteer
from minewatch.gazetteer.models import Place
from minewatch.store.session import transaction


def test_initialise_loads_reference_data_once(engine: Engine) -> None:
    first = initialise(engine)
    assert first.places_written > 1000
    with transaction(engine) as session:
        places = session.scalar(select(func.count(Place.id)))
        hits = gazetteer.search(session=session, name="Kelbajar")
    assert (places or 0) > 1000
    assert any(h.country_code == "AZ" for h in hits)
    second = initialise(engine)
    assert second.ordnance_changed == 0
    with transaction(engine) as session:
        assert session.scalar(select(func.count(Place.id))) == places
