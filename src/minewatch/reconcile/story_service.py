"""Assign stored documents to stories (near-duplicate groups); idempotent and incremental.

Documents that have no story yet are shingled and signed in one vectorised batch, matched
against the stored signatures of documents published within the story window (and against
each other), and stored with their signature so later documents can join them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from minewatch.documents import service as document_service
from minewatch.reconcile import minhash
from minewatch.reconcile.stories import WINDOW_DAYS, StoryGrouper
from minewatch.records import stories as story_store


@dataclass(slots=True)
class StoryOutcome:
    """What story assignment did: documents placed, stories created and merged."""

    documents: int = 0
    created: int = 0
    merged: int = 0
    story_of: dict[int, int] = field(default_factory=dict)


def assign_stories(*, session: Session) -> StoryOutcome:
    """Place every document without a story; returns the stories of the placed documents."""
    outcome = StoryOutcome()
    new = list(document_service.texts_excluding(story_store.assigned_select(), session=session))
    if not new:
        return outcome
    titles = {doc_id: title for doc_id, _p, title, _t in new}
    sigs = minhash.signatures([minhash.hash_shingles(minhash.shingles(t)) for *_x, t in new])
    grouper = StoryGrouper()
    for member in story_store.members_near([p for _i, p, *_r in new], WINDOW_DAYS, session=session):
        sig = np.frombuffer(member.signature, dtype=np.uint32)
        grouper.add_existing(member.document_id, member.story_id, member.published, sig)
    order = sorted(range(len(new)), key=lambda i: (new[i][1] or date.max, new[i][0]))
    keys = minhash.band_keys_many(sigs)
    placements = {}
    for i in order:
        doc_id, published = new[i][0], new[i][1]
        placements[doc_id] = grouper.assign(doc_id, published, sigs[i], keys[i])
    merges: dict[int, set[int]] = {}
    for placement in placements.values():
        for other in placement.merged:
            if other > 0:
                merges.setdefault(grouper.story(other), set()).add(other)
    roots = {doc_id: grouper.story(p.story) for doc_id, p in placements.items()}
    fresh = sorted({r for r in roots.values() if r < 0}, reverse=True)
    summaries = _summaries(fresh, [(new[i][0], new[i][1]) for i in order], roots, titles)
    ids = dict(zip(fresh, story_store.create_stories(summaries, session=session), strict=True))
    for target, others in merges.items():
        story_store.merge_into(ids.get(target, target), others, session=session)
    rows = []
    for i in order:
        doc_id, published = new[i][0], new[i][1]
        story_id = ids.get(roots[doc_id], roots[doc_id])
        rows.append((story_id, doc_id, published, sigs[i].tobytes(), placements[doc_id].similarity))
        outcome.story_of[doc_id] = story_id
    story_store.add_members(rows, session=session)
    stored = {r for r in roots.values() if r > 0} | set(merges)  # fresh ones are complete
    story_store.refresh(stored, titles, session=session)
    outcome.documents = len(rows)
    outcome.created = len(fresh)
    outcome.merged = sum(len(o) for o in merges.values())
    return outcome


def _summaries(
    fresh: list[int],
    ordered: list[tuple[int, date | None]],
    roots: dict[int, int],
    titles: dict[int, str | None],
) -> list[tuple[int, date | None, date | None, str | None]]:
    """Documents, first and last publication and title (the earliest document's) of each new
    story, from its documents in placement order (earliest first): new stories hold only new
    documents, as a stored story always absorbs a new one."""
    members: dict[int, list[tuple[int, date | None]]] = {key: [] for key in fresh}
    for doc_id, published in ordered:
        if roots[doc_id] < 0:
            members[roots[doc_id]].append((doc_id, published))
    out = []
    for key in fresh:
        days = [p for _d, p in members[key] if p is not None]
        first = titles.get(members[key][0][0])
        out.append((len(members[key]), min(days, default=None), max(days, default=None), first))
    return out
