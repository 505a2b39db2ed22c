"""Service on a real database (SQLite and PostGIS): load, idempotency, add, search, locate."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from minewatch.errors import InputError
from minewatch.gazetteer import service
from minewatch.gazetteer.importer import write_alternate_names, write_records
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


def _dump(engine: Engine) -> tuple[list[tuple], list[tuple]]:
    """Every stored place and name column (geometry as WKB), to compare two database states."""
    with transaction(engine) as s:
        places = s.execute(
            select(Place.id, Place.source_id, Place.name, Place.kind, Place.parent_id,
                   Place.code, Place.parent_code, Place.population, Place.geom).order_by(Place.id)
        ).all()  # fmt: skip
        names = s.execute(
            select(PlaceName.place_id, PlaceName.name, PlaceName.key, PlaceName.lang).order_by(
                PlaceName.place_id, PlaceName.name
            )
        ).all()
    return [(*p[:-1], p[-1].wkb if p[-1] is not None else None) for p in places], list(names)


def test_geonames_reimport_changes_nothing_and_ids_stay_free(
    engine: Engine, tmp_path: Path
) -> None:
    from .test_cli import DUMP

    path = tmp_path / "dump.txt"
    path.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    alt = tmp_path / "alt.txt"
    alt.write_text("1\t101\ten\tKyalbadzhar\t\t\t\t\t\t\n", encoding="utf-8")
    with transaction(engine) as s:
        stats = write_records(GeonamesReader(path), session=s, batch_size=2)
        write_alternate_names(alt, session=s, stats=stats)
    assert stats.names == 7 and stats.linked == 3
    first = _dump(engine)
    with transaction(engine) as s:
        again = write_records(GeonamesReader(path), session=s, batch_size=3)
        write_alternate_names(alt, session=s, stats=again)
    assert _dump(engine) == first and again.linked == 0
    with transaction(engine) as s:  # the ORM's next id (a PostgreSQL sequence) is not taken
        added = service.add_place(session=s, name="Mine field 7", kind="feature", lon=46, lat=40)
        assert added.id > max(row[0] for row in first[0])
        parents = dict(s.execute(select(Place.name, Place.parent_id)).all())
        rayon = s.scalars(select(Place.id).where(Place.name == "Kalbajar Rayon")).one()
    assert parents["Kalbajar"] == parents["Istisu"] == parents["Zabukh"] == rayon
    assert parents["Kalbajar Rayon"] is None


def test_index_from_database_matches_index_from_records(
    engine: Engine, small_records: list[PlaceRecord]
) -> None:
    from minewatch.gazetteer.index import GazetteerIndex

    with transaction(engine) as s:
        write_records(small_records, session=s)
        service.add_place(session=s, name="Al Qizil Tepe", kind="feature", lon=46.1, lat=40.1)
        built = service.build_index(session=s)
    expected = GazetteerIndex.from_records(
        [*small_records, PlaceRecord("u", "Al Qizil Tepe", "feature", None, "user", 46.1, 40.1)]
    )
    assert len(built) == len(expected)
    assert built._keys == expected._keys and built._loose == expected._loose
    assert "qizil tepe" in built._keys  # article stripped from the user's place
    for pid, entry in expected.entries.items():
        got = built.entries[pid]
        assert (got.name, got.kind, got.country, got.parent) == (
            entry.name, entry.kind, entry.country, entry.parent,
        )  # fmt: skip
        if entry.lon is None:
            assert got.lon is None
        else:
            assert (got.lon, got.lat) == (pytest.approx(entry.lon), pytest.approx(entry.lat))
