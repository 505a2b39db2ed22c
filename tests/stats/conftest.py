"""Seeded databases for the statistics and export tests: one seed per dialect, copied per
test (see :class:`tests.stats.support.SeedTemplates`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from ..conftest import POSTGRES_URL, need
from .support import SeedTemplates, close_templates, templates


@pytest.fixture(scope="session")
def seed_templates(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeedTemplates]:
    """Seeded templates, built on first use."""
    yield templates(corpus_dir, tmp_path_factory.mktemp("seed"), POSTGRES_URL)
    close_templates()


def _clone(request: pytest.FixtureRequest, tmp_path: Path, *, approve: bool) -> Iterator[Engine]:
    dialect = request.param
    if dialect == "postgis":
        need(bool(POSTGRES_URL), "MINEWATCH_TEST_POSTGRES_URL not set (no PostGIS server)")
    seeds: SeedTemplates = request.getfixturevalue("seed_templates")
    yield from seeds.clone(dialect, tmp_path, approve=approve)


@pytest.fixture(params=["sqlite", "postgis"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A copy of the seed with the seed publishers auto-approved."""
    yield from _clone(request, tmp_path, approve=True)


@pytest.fixture(params=["sqlite", "postgis"])
def seeded_pending(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A copy of the seed with every claim awaiting review."""
    yield from _clone(request, tmp_path, approve=False)
