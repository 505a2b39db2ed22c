"""Reconcile flow, run after ingest: stories, auto-approval, then records from approved claims.

One transaction for the whole step (DESIGN §3 rule 1): new documents are grouped into
stories, pending claims of auto-approved publishers are approved, and every approved claim
not yet in a record is clustered into one. Running it again with nothing new changes nothing.
"""

from __future__ import annotations

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


def run(engine: Engine, *, actor: str = ACTOR) -> FlowSummary:
    """Assign stories, auto-approve, cluster approved claims into records; commit once."""
    with transaction(engine) as session:
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
