"""Sessions: the caller (CLI command, request, flow) owns the transaction, services only flush."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from minewatch.errors import DatabaseError


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A sessionmaker bound to ``engine``; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def require_schema(engine: Engine) -> None:
    """Fail with a clear message when ``minewatch init`` has not been run."""
    try:
        present = inspect(engine).has_table("documents")
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {engine.url!r}: {exc.orig}") from exc
    if not present:
        raise DatabaseError(
            f"database {engine.url.render_as_string(hide_password=True)} is not initialised: "
            "run `minewatch init`"
        )
