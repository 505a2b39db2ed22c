"""Find-or-create authorities by their standard name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from minewatch.authorities.models import Authority


def get_or_create(name: str, *, session: Session, cache: dict[str, int] | None = None) -> int:
    """Id of the authority called ``name``, creating it when new (flushes, never commits)."""
    if cache is not None and name in cache:
        return cache[name]
    found = session.scalar(select(Authority.id).where(Authority.name == name))
    if found is None:
        row = Authority(name=name)
        session.add(row)
        session.flush()
        found = row.id
    if cache is not None:
        cache[name] = found
    return found


def list_authorities(*, session: Session) -> list[Authority]:
    """Every authority by name."""
    return list(session.scalars(select(Authority).order_by(Authority.name)))
