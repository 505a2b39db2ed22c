"""The seed ingested into a fully initialised database (gazetteer loaded), for stats and
export tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from minewatch.flows import reconcile
from minewatch.flows.ingest import ingest_paths
from minewatch.flows.setup import initialise
from minewatch.review import service as review
from minewatch.store.session import transaction

SEED_PUBLISHERS = (
    "Absheron Courier",
    "Caspian Newswire",
    "Eurasia Daily Brief",
    "Kavkaz Inform English",
    "News.Az",
)


def seed(engine: Engine, corpus: Path, *, approve: bool = True) -> Engine:
    """Initialise, optionally auto-approve the seed publishers, and ingest the seed."""
    initialise(engine)
    if approve:
        with transaction(engine) as session:
            for publisher in SEED_PUBLISHERS:
                review.set_auto_approve(publisher, True, session=session, actor="test")
    ingest_paths([corpus / "seed"], engine=engine)
    reconcile.run(engine)
    return engine
