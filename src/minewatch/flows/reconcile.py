"""Reconcile flow, run after ingest: stories, auto-approval, then records from approved claims.

One transaction for the whole step (DESIGN §3 rule 1): new documents are grouped into
stories, pending claims of auto-approved publishers are approved, and every approved claim
not yet in a record is clustered into one. Running it again with nothing new changes nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from minewatch.reconcile import service as reconcile
from minewatch.reconcile.story_service import assign_stories
from minewatch.review import service as review
from minewatch.store.session import transaction

ACTOR = "reconcile"


@dataclass(frozen=True, slots=True)
class FlowSummary:
    """What one reconcile run did."""

    documents: int
    stories_created: int
    stories_merged: int
    auto_approved: int
    linked: int
    records_created: int
    records_updated: int


class _Deferral:
    """Process-wide state of :func:`_full_collections_deferred`."""

    lock = threading.Lock()
    depth = 0
    thresholds: tuple[int, int, int] = (0, 0, 0)


@contextmanager
def _full_collections_deferred() -> Iterator[None]:
    """Defer CPython's full garbage collections (young ones still run) while in the block.

    A large run builds millions of long-lived objects (claim views, profiles, ORM rows) and
    every full collection walks them all again: at 100,000 claims 29 of them took 12 s of a
    42 s run. Thresholds are process-wide, so concurrent runs share one deferral and the
    last one out restores the usual thresholds.
    """
    with _Deferral.lock:
        if _Deferral.depth == 0:
            _Deferral.thresholds = gc.get_threshold()
            gc.set_threshold(*_Deferral.thresholds[:2], 1_000_000_000)
        _Deferral.depth += 1
    try:
        yield
    finally:
        with _Deferral.lock:
            _Deferral.depth -= 1
            if _Deferral.depth == 0:
                gc.set_threshold(*_Deferral.thresholds)


def run(engine: Engine, *, actor: str = ACTOR) -> FlowSummary:
    """Assign stories, auto-approve, cluster approved claims into records; commit once."""
    with _full_collections_deferred(), transaction(engine) as session:
        stories = assign_stories(session=session)
        auto = review.auto_approve(stories.story_of, session=session)
        step = reconcile.attach(None, session=session, actor=actor)
        step.add(auto.records)
    return FlowSummary(
        documents=stories.documents,
        stories_created=stories.created,
        stories_merged=stories.merged,
        auto_approved=len(auto.changed),
        linked=step.linked,
        records_created=len(step.created),
        records_updated=len(step.updated),
    )
