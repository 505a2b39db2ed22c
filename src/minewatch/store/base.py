"""Declarative base for every domain's models, with spatial-index bookkeeping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import MetaData, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapper

from minewatch.store import spatial

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now, for created/ingested timestamps."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Models that list geometry columns in ``__spatial__`` get them indexed automatically:
    on insert, and on update only when that geometry changed (a deferred column that was
    never loaded is left alone)."""

    metadata = MetaData(naming_convention=NAMING)
    __spatial__: ClassVar[tuple[str, ...]] = ()


def _index(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    state = inspect(target)
    for column in type(target).__spatial__:
        value = state.dict.get(column)  # never loads a deferred column inside the flush
        spatial.index_row(conn, target.__tablename__, column, target.id, value)


def _reindex(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    state = inspect(target)
    for column in type(target).__spatial__:
        if state.attrs[column].history.has_changes():
            value = state.dict.get(column)
            spatial.index_row(conn, target.__tablename__, column, target.id, value)


def _unindex(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    for column in type(target).__spatial__:
        spatial.unindex_row(conn, target.__tablename__, column, target.id)


event.listen(Base, "after_insert", _index, propagate=True)
event.listen(Base, "after_update", _reindex, propagate=True)
event.listen(Base, "after_delete", _unindex, propagate=True)
