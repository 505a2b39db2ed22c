"""Service on a real database (SQLite and PostGIS): load, idempotency, add, search, locate."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from minewatch.errors import InputError
from minewatch.gazetteer import service
from minewatch.gazetteer.importer import write_records
from minewatch.gazetteer.loaders import GeonamesReader, PlaceRecord
from minewatch.gazetteer.models import Place, PlaceName
from minewatch.store import spatial
from minewatch.store.session import transaction

from .test_loaders import GOOD


def _counts(engine: Engine) -> tuple[int, int]:
    with transaction(engine) as s:
        return s.scalar(select(func.count(Place.id))), s.scalar(select(func.count(PlaceName.id)))


def test_load_is_idempotent_and_links_parents(
    engine: Engine, small_records: list[PlaceRecord]
) -> None:
    with transaction(engine) as s:
        stats = write_records(small_records, session=s, batch_size=50)
    assert stats.places == len(small_records)
    first = _counts(engine)
    with transaction(engine) as s:
        write_records(small_records, session=s, batch_size=50)
    assert _counts(engine) == first
    with transaction(engine) as s:
        kal = s.scalars(select(Place).where(Place.source_id == "iso:AZ-KAL")).one()
        parent = s.get(Place, kal.parent_id)
        assert parent is not None and parent.name == "East Zangezur economic region"
        assert kal.geom is not None
    with engine.connect() as conn:
        ids = spatial.ids_in_bbox(conn, "places", "geom", (46.0, 40.0, 46.1, 40.2))
    assert kal.id in ids


def test_add_search_and_errors(engine: Engine, small_records: list[PlaceRecord]) -> None:
    with transaction(engine) as s:
        write_records(small_records, session=s)
        place = service.add_place(
            session=s, name="Qizilboghaz height", kind="feature", lon=46.2, lat=40.2,
            parent="Kalbajar district", names=["Kizilbogaz"],
        )  # fmt: skip
        assert place.country_code == "AZ"
        found = service.search(session=s, name="kizilbogaz")
        assert [p.name for p in found] == ["Qizilboghaz height"]
        assert found[0].parent == "Kalbajar district"
        assert "Kalbajar district" in [p.name for p in service.search(session=s, name="Kəlbəcər")]
        with pytest.raises(InputError, match="unknown parent 'Atlantis'"):
            service.add_place(session=s, name="x", kind="feature", lon=1, lat=1, parent="Atlantis")
        with pytest.raises(InputError, match="lat"):
            service.add_place(session=s, name="x", kind="feature", lon=1, lat=91)
        with pytest.raises(InputError, match="kind"):
            service.add_place(session=s, name="x", kind="moon", lon=1, lat=1)


def test_locate_facts_from_the_database(engine: Engine, small_records: list[PlaceRecord]) -> None:
    with transaction(engine) as s:
        write_records(small_records, session=s)
    facts = [
        {"kind": "device_find", "place": "Kalbajar and Lachin directions"},
        {"kind": "device_find", "place": "northern direction of the Saribaba height"},
        {"kind": "casualties", "place": None},
        {"kind": "device_find", "place": "Dniprovskyi district"},
    ]
    with transaction(engine) as s:
        located = service.locate_facts(facts, session=s)
    assert len(located[0]["place_ids"]) == 2 and located[0]["where_prec"] == 5
    assert located[1]["where_prec"] == 2 and located[1]["lon"] == pytest.approx(45.82)
    assert located[2]["where_prec"] == 7 and located[2]["place_ids"] == []
    assert located[3]["place_status"] == "ambiguous" and len(located[3]["place_candidates"]) == 2
    assert facts[0].get("place_ids") is None  # inputs are not modified


def test_geonames_import_links_admin_parents(engine: Engine, tmp_path: Path) -> None:
    adm1 = GOOD.replace("586268\tKalbajar\tKalbajar", "586267\tKalbajar Rayon\tKalbajar Rayon")
    adm1 = adm1.replace("\tP\tPPLA\t", "\tA\tADM1\t")
    path = tmp_path / "dump.txt"
    path.write_text(GOOD + "\n" + adm1 + "\nbroken line\n", encoding="utf-8")
    reader = GeonamesReader(path)
    with transaction(engine) as s:
        stats = write_records(reader, session=s)
        town = s.scalars(select(Place).where(Place.source_id == "geonames:586268")).one()
        parent = s.get(Place, town.parent_id)
        assert parent is not None and parent.name == "Kalbajar Rayon"
    assert stats.places == 2 and reader.skipped == 1 and reader.errors[0].line == 3
