"""Keep the ordnance_models table in step with the packaged catalogue."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from minewatch.ordnance.catalogue import load_catalogue
from minewatch.ordnance.models import OrdnanceModelRow


def sync_catalogue(*, session: Session) -> int:
    """Insert or update every catalogue model; returns how many rows changed (flushes only)."""
    existing = {row.name: row for row in session.scalars(select(OrdnanceModelRow))}
    changed = 0
    for model in load_catalogue():
        values = {
            "category": model.category,
            "origin": model.origin,
            "aliases": list(model.aliases),
            "notes": model.notes,
        }
        row = existing.get(model.name)
        if row is None:
            session.add(OrdnanceModelRow(name=model.name, **values))
            changed += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            changed += 1
    session.flush()
    return changed


def list_models(*, session: Session, category: str | None = None) -> list[OrdnanceModelRow]:
    """Stored models by name, optionally of one category."""
    stmt = select(OrdnanceModelRow).order_by(OrdnanceModelRow.name)
    if category:
        stmt = stmt.where(OrdnanceModelRow.category == category)
    return list(session.scalars(stmt))
