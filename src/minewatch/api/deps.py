"""Request dependencies: the per-request session (which owns the transaction) and paging.

Services only flush (DESIGN §3 rule 1); the request is the unit of work, so the session
commits when the handler returns and rolls back when it raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from minewatch.store.session import transaction

MAX_PAGE = 500


def get_engine(request: Request) -> Engine:
    """The engine ``create_app`` stored on the application."""
    engine: Engine = request.app.state.engine
    return engine


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: commit on success, roll back on error."""
    with transaction(get_engine(request)) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True, slots=True)
class Paging:
    """Limit/offset paging as in OGC API Features."""

    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many items.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Skip this many items.")] = 0,
) -> Paging:
    """Validated paging parameters."""
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]
