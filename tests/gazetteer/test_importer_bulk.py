"""Bulk import paths: the deferred index rebuild and the packed R*Tree give the same database
as row-by-row maintenance, on SQLite and PostGIS; the R*Tree stays valid for later writes."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

import minewatch.gazetteer.importer as importer
import minewatch.store.spatial_ext as spatial_ext
from minewatch.gazetteer import service
from minewatch.gazetteer.importer import write_records
from minewatch.gazetteer.loaders import GeonamesReader
from minewatch.gazetteer.models import Place
from minewatch.store import spatial
from minewatch.store.session import transaction


def _dump_file(path: Path, lines: int, seed: int = 11) -> Path:
    """A GeoNames-format file: admin units, places with alternative names, bad lines."""
    rnd = random.Random(seed)
    codes = [("P", "PPL")] * 6 + [("T", "HLL"), ("A", "ADM1"), ("A", "ADM2"), ("A", "ADM3")]
    out = []
    for i in range(1, lines + 1):
        fclass, fcode = rnd.choice(codes)
        cc = rnd.choice(["AZ", "UA", "IQ"])
        a1, a2, a3 = f"{rnd.randint(1, 5):02d}", str(rnd.randint(1, 9)), str(rnd.randint(1, 4))
        if fcode == "ADM1":
            a2 = a3 = ""
        elif fcode == "ADM2" or rnd.random() < 0.5:
            a3 = ""
        alts = ",".join(f"Pläce {i}-{k}" for k in range(rnd.randint(0, 3)))
        lat, lon = f"{rnd.uniform(-60, 60):.5f}", f"{rnd.uniform(-170, 170):.5f}"
        row = [str(i), f"Place {i}", f"Place {i}", alts, lat, lon, fclass, fcode, cc, "", a1]
        row += [a2, a3, "", str(rnd.randint(0, 900)), "", "", "", ""]
        out.append("\t".join(row))
        if i % 97 == 0:
            out.append("broken\tline")
        if i % 89 == 0:
            out.append(out[-1].replace(f"Place {i}", f"Place {i} again"))  # same id twice
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _state(engine: Engine) -> dict[str, list[tuple]]:
    """Every place, name and R*Tree row (the R*Tree on SQLite only)."""
    queries = {
        "places": "SELECT id, source_id, name, kind, country_code, parent_id, code, "
        "parent_code, feature_code, population, source FROM places ORDER BY id",
        "geom": "SELECT id, ST_AsBinary(geom) FROM places ORDER BY id"
        if engine.dialect.name == "postgresql"
        else "SELECT id, geom FROM places ORDER BY id",
        "names": "SELECT id, place_id, name, key, lang FROM place_names ORDER BY id",
    }
    if engine.dialect.name == "sqlite":
        queries["rtree"] = "SELECT * FROM rtree_places_geom ORDER BY id"
        queries["indexes"] = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('places', 'place_names') ORDER BY name"
        )
    with engine.connect() as conn:
        return {
            k: [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows]
            for k, q in queries.items()
            if (rows := conn.execute(text(q)).all()) is not None
        }


def _import(engine: Engine, path: Path, *, bulk: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    threshold = 1 if bulk else 10**9
    monkeypatch.setattr(importer, "_DEFER_INDEXES_AFTER", threshold)
    monkeypatch.setattr(spatial_ext, "_REBUILD_MIN", threshold)
    reader = GeonamesReader(path)
    with transaction(engine) as s:
        stats = write_records(reader, session=s, batch_size=300)
    assert reader.skipped == sum(1 for line in path.open() if line.startswith("broken"))
    return stats.linked


def _rtree_check(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("SELECT rtreecheck('rtree_places_geom')")).scalar() == "ok"


def test_bulk_paths_give_the_row_by_row_database(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade

    path = _dump_file(tmp_path / "dump.txt", 2000)
    other = make_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    upgrade(other)
    linked = _import(engine, path, bulk=True, monkeypatch=monkeypatch)
    reference_linked = _import(other, path, bulk=False, monkeypatch=monkeypatch)
    got, want = _state(engine), _state(other)
    other.dispose()
    assert linked == reference_linked > 1000
    for key in ("places", "geom"):
        assert got[key] == want[key], key
    # PostgreSQL's sequence also advances on a conflicting name: compare names without ids there
    skip = 1 if engine.dialect.name == "postgresql" else 0
    assert [n[skip:] for n in got["names"]] == [n[skip:] for n in want["names"]]
    if engine.dialect.name == "sqlite":
        assert got["rtree"] == want["rtree"] and len(got["rtree"]) == len(got["places"])
        assert got["indexes"] == want["indexes"]  # dropped and rebuilt: the same schema
    _rtree_check(engine)
    # a second import (bulk again: the tree is rebuilt with its old entries) changes nothing
    assert _import(engine, path, bulk=True, monkeypatch=monkeypatch) == 0
    assert _state(engine) == got
    _rtree_check(engine)


def test_packed_rtree_takes_later_writes_and_answers_queries(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dump_file(tmp_path / "dump.txt", 3000, seed=5)
    _import(engine, path, bulk=True, monkeypatch=monkeypatch)
    with transaction(engine) as s:  # ORM writes keep the tree in step (index_row events)
        added = service.add_place(session=s, name="Mine field 9", kind="feature", lon=46, lat=40)
        for place in s.query(Place).filter(Place.id <= 40):
            s.delete(place)
    _rtree_check(engine)
    with engine.connect() as conn:
        points = {
            int(i): (lon, lat)
            for i, lon, lat in conn.execute(
                text("SELECT id, ST_X(geom), ST_Y(geom) FROM places")
                if engine.dialect.name == "postgresql"
                else text(
                    "SELECT p.id, r.minx, r.miny FROM places p "
                    "JOIN rtree_places_geom r ON r.id = p.id"
                )
            )
        }
        assert added.id in points and not any(i <= 40 for i in points)
        rnd = random.Random(3)
        for _ in range(50):
            x, y, w = rnd.uniform(-170, 150), rnd.uniform(-60, 40), rnd.uniform(0.5, 40)
            found = spatial.ids_in_bbox(conn, "places", "geom", (x, y, x + w, y + w))
            slack = 1e-4  # float32 boxes on SQLite: compare away from the edges
            inside = {i for i, (lon, lat) in points.items() if x + slack < lon < x + w - slack
                      and y + slack < lat < y + w - slack}  # fmt: skip
            assert inside <= set(found)
            assert all(x - slack <= points[i][0] <= x + w + slack for i in found)


def test_rtree_rounding_matches_sqlite() -> None:
    rnd = np.random.default_rng(5)
    values = np.concatenate(
        [rnd.uniform(-180, 180, 20000), rnd.uniform(-1e-3, 1e-3, 2000),
         [0.0, -0.0, 180.0, -180.0, 90.0, -90.0, 1e-45, -1e-45, 1 / 3, -1 / 3]]
    )  # fmt: skip
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE r USING rtree(id, lo, hi)")
    db.executemany(
        "INSERT INTO r VALUES (?, ?, ?)", [(i, v, v) for i, v in enumerate(values.tolist())]
    )
    stored = np.array(db.execute("SELECT lo, hi FROM r ORDER BY id").fetchall())
    assert np.array_equal(stored[:, 0], spatial_ext._round_down(values))
    assert np.array_equal(stored[:, 1], spatial_ext._round_up(values))


def test_reader_keeps_name_order_and_reports_lines(tmp_path: Path) -> None:
    row = ["7", "Kəlbəcər", "Kalbajar", "Kelbajar,Kalbajar,,Karvachar,Kəlbəcər", "40.1", "46.0",
           "P", "PPL", "AZ", "", "26", "", "3", "", "x"]  # fmt: skip
    nan = row.copy()
    nan[4] = "nan"
    lines = ["# comment", "", "\t" * 18, "\t".join(row), "\t".join(nan)]
    path = tmp_path / "d.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reader = GeonamesReader(path)
    (rec,) = list(reader)
    assert rec.names == ("Kalbajar", "Kelbajar", "Karvachar")  # file order, no duplicates
    assert rec.parent_code == "AZ.26..3" and rec.population is None
    assert reader.lines == 5 and reader.skipped == 1
    assert str(reader.errors[0]).endswith(
        ":5: latitude/longitude: coordinates must be finite numbers"
    )
