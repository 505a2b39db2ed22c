"""Stories and their documents: storing near-duplicate groups. The caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Select, Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from minewatch.errors import NotFoundError
from minewatch.records.models import Story, StoryDocument
from minewatch.store.base import utcnow
from minewatch.store.bulk import insert_returning_ids

_CHUNK = 5000
_STORIES = cast(Table, Story.__table__)
_MEMBERS = cast(Table, StoryDocument.__table__)


@dataclass(frozen=True, slots=True)
class Member:
    """A stored document of a story, with its signature bytes."""

    document_id: int
    story_id: int
    published: date | None
    signature: bytes


def assigned_select() -> Select[Any]:
    """A selection of the ids of documents that already belong to a story."""
    return select(StoryDocument.document_id)


def members_near(days: Iterable[date | None], window: int, *, session: Session) -> list[Member]:
    """Stored documents published within ``window`` days of any of ``days`` (or undated)."""
    known = sorted({d for d in days if d is not None})
    stmt = select(
        StoryDocument.document_id,
        StoryDocument.story_id,
        StoryDocument.published,
        StoryDocument.signature,
    )
    if known and None not in set(days):
        spans = _spans(known, window)
        stmt = stmt.where(
            or_(
                StoryDocument.published.is_(None),
                *(StoryDocument.published.between(a, b) for a, b in spans),
            )
        )
    return [Member(*row) for row in session.execute(stmt.order_by(StoryDocument.document_id))]


def _spans(days: Sequence[date], window: int) -> list[tuple[date, date]]:
    """Merged [day - window, day + window] ranges (few ranges for a batch of close dates)."""
    pad = timedelta(days=window)
    spans: list[tuple[date, date]] = []
    for day in days:
        lo, hi = day - pad, day + pad
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


def create_stories(
    summaries: Sequence[tuple[int, date | None, date | None, str | None]], *, session: Session
) -> list[int]:
    """Insert complete new stories, given as (documents, first and last publication, title);
    their ids in input order. A story created whole needs no :func:`refresh`."""
    now = utcnow()
    rows = [
        {
            "documents": n,
            "first_published": first,
            "last_published": last,
            "title": title[:500] if title else None,
            "created_at": now,
        }
        for n, first, last, title in summaries
    ]
    return insert_returning_ids(session, _STORIES, rows)


def add_members(
    members: Iterable[tuple[int, int, date | None, bytes, float | None]], *, session: Session
) -> int:
    """Add documents to stories: (story_id, document_id, published, signature, similarity)."""
    now = utcnow()
    rows = [
        {
            "story_id": s,
            "document_id": d,
            "published": p,
            "signature": sig,
            "similarity": sim,
            "added_at": now,
        }
        for s, d, p, sig, sim in members
    ]
    stmt = insert(_MEMBERS)  # Core: one executemany, no ORM bookkeeping
    for start in range(0, len(rows), _CHUNK):
        session.execute(stmt, rows[start : start + _CHUNK])
    return len(rows)


def merge_into(target: int, others: Iterable[int], *, session: Session) -> None:
    """Move every document of ``others`` into ``target`` and delete ``others``."""
    ids = sorted(set(others) - {target})
    if not ids:
        return
    session.execute(
        update(StoryDocument).where(StoryDocument.story_id.in_(ids)).values(story_id=target)
    )
    session.execute(delete(Story).where(Story.id.in_(ids)))


def refresh(story_ids: Iterable[int], titles: dict[int, str | None], *, session: Session) -> None:
    """Recount stories and set their first/last publication and title (earliest document's)."""
    for chunk_start in range(0, len(ids := sorted(set(story_ids))), _CHUNK):
        chunk = ids[chunk_start : chunk_start + _CHUNK]
        stmt = (
            select(
                StoryDocument.story_id,
                func.count(StoryDocument.id),
                func.min(StoryDocument.published),
                func.max(StoryDocument.published),
            )
            .where(StoryDocument.story_id.in_(chunk))
            .group_by(StoryDocument.story_id)
        )
        first_doc = _first_documents(chunk, session=session)
        loaded = {s.id: s for s in session.scalars(select(Story).where(Story.id.in_(chunk)))}
        for story_id, n, first, last in session.execute(stmt):
            story = loaded.get(story_id)
            if story is None:
                continue
            story.documents, story.first_published, story.last_published = n, first, last
            title = titles.get(first_doc.get(story_id, -1))
            if title and not story.title:
                story.title = title[:500]
    session.flush()


def _first_documents(story_ids: list[int], *, session: Session) -> dict[int, int]:
    stmt = (
        select(StoryDocument.story_id, StoryDocument.document_id)
        .where(StoryDocument.story_id.in_(story_ids))
        .order_by(StoryDocument.published.nulls_last(), StoryDocument.document_id)
    )
    out: dict[int, int] = {}
    for story_id, document_id in session.execute(stmt):
        out.setdefault(story_id, document_id)
    return out


def story_of_documents(document_ids: Iterable[int], *, session: Session) -> dict[int, int]:
    """Story id of each given document that has one."""
    ids = sorted(set(document_ids))
    out: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = select(StoryDocument.document_id, StoryDocument.story_id).where(
            StoryDocument.document_id.in_(ids[start : start + _CHUNK])
        )
        out.update({doc: story for doc, story in session.execute(stmt)})
    return out


def documents_of_stories(story_ids: Iterable[int], *, session: Session) -> dict[int, list[int]]:
    """Document ids of each story, in id order."""
    ids = sorted(set(story_ids))
    out: dict[int, list[int]] = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = (
            select(StoryDocument.story_id, StoryDocument.document_id)
            .where(StoryDocument.story_id.in_(ids[start : start + _CHUNK]))
            .order_by(StoryDocument.document_id)
        )
        for story_id, document_id in session.execute(stmt):
            out.setdefault(story_id, []).append(document_id)
    return out


def get_story(story_id: int, *, session: Session) -> Story:
    """One story by id."""
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"no story with id {story_id}")
    return story


def list_stories(*, session: Session, limit: int = 200, offset: int = 0) -> list[Story]:
    """Stories by first publication (newest first)."""
    stmt = (
        select(Story)
        .order_by(Story.first_published.desc().nulls_last(), Story.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(stmt))
