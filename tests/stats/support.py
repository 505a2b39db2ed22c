"""The seed ingested into a fully initialised database (gazetteer loaded), for stats and
export tests.

Seeding (39,000 places, the seed corpus, reconciliation) takes ~10 s per database, so it is
done once per dialect and review mode into a template that every test gets a fresh copy of:
a file copy (SQLite backup API) or ``CREATE DATABASE ... TEMPLATE`` (PostgreSQL). Each test
still starts from exactly what :func:`seed` builds, and may write to its copy freely.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from minewatch.flows import reconcile
from minewatch.flows.ingest import ingest_paths
from minewatch.flows.setup import initialise
from minewatch.review import service as review
from minewatch.store.engine import make_engine
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


class SeedTemplates:
    """Seeded template databases, built on first use and copied for each test."""

    def __init__(self, corpus: Path, folder: Path, postgres_url: str | None) -> None:
        self._corpus = corpus
        self._folder = folder
        self._postgres = postgres_url
        self._made: dict[tuple[str, bool], str] = {}

    def _admin(self) -> Engine:
        assert self._postgres is not None
        return make_engine(self._postgres).execution_options(isolation_level="AUTOCOMMIT")

    def _database_url(self, name: str) -> str:
        assert self._postgres is not None
        url = make_url(self._postgres).set(database=name)
        return url.render_as_string(hide_password=False)

    def _template(self, dialect: str, approve: bool) -> str:
        key = (dialect, approve)
        if key not in self._made:
            if dialect == "sqlite":
                name = str(self._folder / f"seed-{'approved' if approve else 'pending'}.db")
                engine = make_engine(f"sqlite:///{name}")
            else:
                name = f"mw_seed_{uuid.uuid4().hex[:12]}"
                admin = self._admin()
                with admin.connect() as conn:
                    conn.execute(text(f"CREATE DATABASE {name}"))
                admin.dispose()
                engine = make_engine(self._database_url(name))
                with engine.begin() as conn:
                    conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            try:
                seed(engine, self._corpus, approve=approve)
            finally:
                engine.dispose()  # a PostgreSQL template must have no open connections
            self._made[key] = name
        return self._made[key]

    def clone(self, dialect: str, folder: Path, *, approve: bool = True) -> Iterator[Engine]:
        """A fresh copy of the seeded database (removed afterwards)."""
        template = self._template(dialect, approve)
        if dialect == "sqlite":
            path = folder / "seeded.db"
            with sqlite3.connect(template) as src, sqlite3.connect(path) as dst:
                src.backup(dst)
            engine = make_engine(f"sqlite:///{path}")
            yield engine
            engine.dispose()
            return
        name = f"mw_t_{uuid.uuid4().hex[:12]}"
        admin = self._admin()
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        engine = make_engine(self._database_url(name))
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()

    def close(self) -> None:
        """Drop the PostgreSQL templates (SQLite ones live in pytest's temporary folder)."""
        names = [name for (dialect, _), name in self._made.items() if dialect != "sqlite"]
        self._made.clear()
        if not names:
            return
        admin = self._admin()
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


_TEMPLATES: list[SeedTemplates] = []


def templates(corpus: Path, folder: Path, postgres_url: str | None) -> SeedTemplates:
    """The session's templates, shared by the stats and exchange tests."""
    if not _TEMPLATES:
        _TEMPLATES.append(SeedTemplates(corpus, folder, postgres_url))
    return _TEMPLATES[0]


def close_templates() -> None:
    """Drop the session's templates (idempotent)."""
    while _TEMPLATES:
        _TEMPLATES.pop().close()
