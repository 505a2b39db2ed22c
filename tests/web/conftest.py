"""Web tests reuse the API seed: the same invented samples, served by the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from minewatch.api.app import create_app
from tests.api.seed import Seeded, seed


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Seeded:
    """The invented samples ingested into the parametrised database."""
    return seed(engine, tmp_path / "samples")


@pytest.fixture
def client(engine: Engine, seeded: Seeded) -> Iterator[TestClient]:
    """A client of the app serving the seeded database."""
    with TestClient(create_app(engine=engine)) as test_client:
        yield test_client
