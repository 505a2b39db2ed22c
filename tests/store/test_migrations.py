"""Migrations build the same schema on SQLite and PostGIS, idempotently, and roll back."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, Polygon
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from minewatch.gazetteer.models import Place
from minewatch.store import spatial
from minewatch.store.engine import make_engine
from minewatch.store.migrate import downgrade, upgrade
from minewatch.store.session import transaction

TABLES = {
    "documents",
    "claims",
    "authorities",
    "places",
    "place_names",
    "ordnance_models",
    "records",
    "record_claims",
    "stories",
    "story_documents",
    "review_sources",
    "audit_log",
    "stat_facts",
    "stat_fact_places",
    "stat_state",
}


def test_upgrade_twice_and_downgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_pragmas(tmp_path: pytest.TempPathFactory) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/p.db")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000
    engine.dispose()


def test_geometry_round_trip_and_bbox_index(engine: Engine) -> None:
    with transaction(engine) as session:
        session.add_all(
            [
                Place(name="Saribaba height", kind="feature", geom=Point(46.0, 40.0)),
                Place(
                    name="Test polygon",
                    kind="admin2",
                    geom=Polygon([(45, 39), (46.5, 39), (46.5, 40.5), (45, 40.5)]),
                ),
                Place(name="Far away", kind="locality", geom=Point(104.9, 11.5)),
            ]
        )
    with transaction(engine) as session:
        place = session.query(Place).filter_by(name="Saribaba height").one()
        assert place.geom is not None and place.geom.equals(Point(46.0, 40.0))
        far = session.query(Place).filter_by(name="Far away").one()
        far_id = far.id
    with engine.connect() as conn:
        ids = spatial.ids_in_bbox(conn, "places", "geom", (45.9, 39.9, 46.1, 40.1))
    with transaction(engine) as session:
        names = {session.get(Place, i).name for i in ids}  # type: ignore[union-attr]
    assert names == {"Saribaba height", "Test polygon"}
    with transaction(engine) as session:
        session.delete(session.get(Place, far_id))
    with engine.connect() as conn:
        assert spatial.ids_in_bbox(conn, "places", "geom", (104, 11, 105, 12)) == []


def test_bad_url_is_a_config_error() -> None:
    from minewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="unsupported database 'mysql'"):
        make_engine("mysql://localhost/x")
    with pytest.raises(ConfigError, match="not a database URL"):
        make_engine("not a url")


def test_place_area_column_index_and_downgrade(engine: Engine) -> None:
    """Migration 0007: ``places.area`` beside the point, with its own bounding-box index
    that follows inserts, area updates and deletes, and steps back to 0006."""
    from sqlalchemy.orm import undefer

    district = Polygon([(45.7, 39.9), (46.4, 39.9), (46.4, 40.3), (45.7, 40.3)])
    with transaction(engine) as session:
        place = Place(name="District", kind="admin2", geom=Point(46.0, 40.1), area=district)
        session.add(place)
        session.flush()
        place_id = place.id
    with engine.connect() as conn:
        assert spatial.ids_in_bbox(conn, "places", "area", (45.75, 39.95, 45.8, 40.0)) == [place_id]
        assert spatial.ids_in_bbox(conn, "places", "geom", (45.75, 39.95, 45.8, 40.0)) == []
    with transaction(engine) as session:
        loaded = session.get_one(Place, place_id)
        loaded.name = "District renamed"  # no geometry change: the indexes are left alone
        session.flush()
        loaded.area = Polygon([(10, 10), (11, 10), (11, 11), (10, 11)])
    with transaction(engine) as session:
        stored = session.get_one(Place, place_id, options=[undefer(Place.area)])
        assert stored.area is not None and stored.area.bounds == (10.0, 10.0, 11.0, 11.0)
    with engine.connect() as conn:
        assert spatial.ids_in_bbox(conn, "places", "area", (45, 39, 47, 41)) == []
        assert spatial.ids_in_bbox(conn, "places", "area", (10.5, 10.5, 10.6, 10.6)) == [place_id]
        assert spatial.ids_in_bbox(conn, "places", "geom", (45.9, 40, 46.1, 40.2)) == [place_id]
    with transaction(engine) as session:
        session.delete(session.get_one(Place, place_id))
    with engine.connect() as conn:
        assert spatial.ids_in_bbox(conn, "places", "area", (-180, -90, 180, 90)) == []
    downgrade(engine, "0006")
    assert "area" not in _columns(engine, "places")
    upgrade(engine)
    assert "area" in _columns(engine, "places")


def _columns(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:  # not inspect(): it warns about PostGIS types
        return set(conn.execute(text(f"SELECT * FROM {table} LIMIT 0")).keys())
