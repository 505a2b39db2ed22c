"""Shared fixtures: the development corpus, databases on SQLite and PostGIS.

Locally a missing dependency (the shared corpus, a PostGIS server) skips with a reason; in CI
(CI=true) every skip is turned into a failure, because there missing means fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("MINEWATCH_TEST_POSTGRES_URL")


def need(condition: bool, reason: str) -> None:
    """Skip when a dependency is missing locally; fail in CI, where missing means fail."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"missing in CI: {reason}")
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator:
    """In CI a skip is a failure: every dependency must be installed there."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (missing means fail): {report.longrepr}"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared development corpus (../shared/corpus), skipped in a fresh clone."""
    path = SHARED / "corpus"
    need(path.is_dir(), f"../shared/corpus not found at {path} (fresh clone without shared data)")
    return path


def _postgres_engine() -> Iterator[Engine]:
    """A fresh schema per test on the PostGIS server CI started (search_path isolates it)."""
    from minewatch.store.engine import make_engine

    need(bool(POSTGRES_URL), "MINEWATCH_TEST_POSTGRES_URL not set (no PostGIS server)")
    assert POSTGRES_URL is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema},public"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgis"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, on the embedded default and on PostGIS."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'minewatch.db'}"
        return
    gen = _postgres_engine()
    engine = next(gen)
    try:
        yield engine.url.render_as_string(hide_password=False)
    finally:
        gen.close()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An initialised (migrated) database engine, on SQLite and on PostGIS."""
    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade

    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()
