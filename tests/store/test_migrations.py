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
