"""Exports: GeoJSON (RFC 7946), GeoPackage read back through GDAL (pyogrio), CSV and HXL,
formula neutralisation and the citations file; the API's records.geojson."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from minewatch.exchange.export import export
from minewatch.exchange.rows import ExportQuery
from minewatch.exchange.writers import neutralise
from minewatch.records import service as records
from minewatch.store.session import transaction


@pytest.fixture
def seeded(seeded: Engine) -> Engine:
    """The seed plus a record whose text would run as a formula."""
    engine = seeded
    with transaction(engine) as session:
        records.insert_records(
            [
                (
                    "land_release",
                    {
                        "status": "active",
                        "fields": {
                            "area_m2": 5000.0,
                            "method": "clearance",
                            "place": '=HYPERLINK("http://x")',
                            "authority": "@evil",
                            "period_start": "2023-01-02",
                            "period_end": "2023-01-02",
                        },
                        "values": {},
                        "variants": [],
                        "checks": [],
                        "warnings": [],
                        "disputed": False,
                        "place": '=HYPERLINK("http://x")',
                        "sources": 0,
                    },
                )
            ],
            session=session,
        )
    return engine


def run(engine: Engine, tmp_path: Path, fmt: str, name: str, **query: object) -> object:
    with transaction(engine) as session:
        return export(ExportQuery(**query), tmp_path / name, fmt, session=session)  # type: ignore[arg-type]


def test_geojson_feature_collection(seeded: Engine, tmp_path: Path) -> None:
    report = run(seeded, tmp_path, "geojson", "out.geojson")
    data = json.loads((tmp_path / "out.geojson").read_text())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 7
    find = next(f for f in data["features"] if f["properties"]["quantity"] == 350)
    assert find["geometry"] == {"type": "Point", "coordinates": [45.82, 40.28]}, "lon, lat"
    assert find["properties"]["adm2"] == "Kalbajar district"
    assert report.records == 7  # type: ignore[attr-defined]


def test_geojson_filters(seeded: Engine, tmp_path: Path) -> None:
    from datetime import date

    run(seeded, tmp_path, "geojson", "box.geojson", bbox=(45.5, 40.0, 46.0, 40.5))
    run(seeded, tmp_path, "geojson", "kind.geojson", kind="casualties")
    run(seeded, tmp_path, "geojson", "late.geojson", since=date(2023, 1, 1))
    box = json.loads((tmp_path / "box.geojson").read_text())["features"]
    assert {f["properties"]["kind"] for f in box} == {"device_find", "inspection"}
    kind = json.loads((tmp_path / "kind.geojson").read_text())["features"]
    assert [f["properties"]["killed"] for f in kind] == [45]
    assert kind[0]["geometry"] is None, "unlocated: null geometry, not a fake point"
    late = json.loads((tmp_path / "late.geojson").read_text())["features"]
    assert [f["properties"]["kind"] for f in late] == ["land_release"]


def test_geopackage_layers_read_by_gdal(seeded: Engine, tmp_path: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    report = run(seeded, tmp_path, "gpkg", "out.gpkg")
    path = tmp_path / "out.gpkg"
    layers = {name: geom for name, geom in pyogrio.list_layers(path)}
    assert layers == {
        "device_find": "Point",
        "inspection": "Point",
        "casualties": "Point",
        "land_release": "Point",
    }
    counts = {name: pyogrio.read_info(path, layer=name)["features"] for name in layers}
    assert counts == {"device_find": 3, "inspection": 2, "casualties": 1, "land_release": 1}
    assert report.layers == counts  # type: ignore[attr-defined]
    for name in layers:
        assert pyogrio.read_info(path, layer=name)["crs"] == "EPSG:4326"
    meta, _, geometry, fields = pyogrio.raw.read(path, layer="device_find")
    names = list(meta["fields"])
    assert sorted(fields[names.index("quantity")].tolist()) == [350, 1119, 1609]
    assert geometry[0] is not None


def test_csv_hxl_and_formula_neutralisation(seeded: Engine, tmp_path: Path) -> None:
    run(seeded, tmp_path, "hxl", "out.csv")
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    header, tags = rows[0], rows[1]
    assert dict(zip(header, tags, strict=True))["killed"] == "#affected+killed"
    for tag in (
        "#date",
        "#adm1+name",
        "#adm2+name",
        "#loc+name",
        "#geo+lat",
        "#geo+lon",
        "#affected+injured",
        "#affected+children",
        "#org",
        "#meta+source",
    ):
        assert tag in tags
    data = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    casualty = next(r for r in data if r["kind"] == "casualties")
    assert (casualty["killed"], casualty["injured"]) == ("45", "223")
    evil = next(r for r in data if r["kind"] == "land_release")
    assert evil["place"].startswith("'=") and evil["authority"] == "'@evil"
    assert neutralise("-1+1") == "'-1+1" and neutralise(-3.5) == -3.5
    run(seeded, tmp_path, "csv", "plain.csv")
    plain = (tmp_path / "plain.csv").read_text().splitlines()
    assert not plain[1].startswith("#")


def test_citations_file(seeded: Engine, tmp_path: Path) -> None:
    run(seeded, tmp_path, "csv", "out.csv")
    with (tmp_path / "out.citations.csv").open(newline="") as handle:
        cites = list(csv.DictReader(handle))
    assert len(cites) == 5
    newsaz = next(c for c in cites if c["publisher"] == "News.Az")
    assert newsaz["url"].startswith("https://news.az/")
    assert newsaz["published"] == "2022-11-24" and newsaz["title"]


def test_api_records_geojson_and_stats(seeded: Engine) -> None:
    from fastapi.testclient import TestClient

    from minewatch.api.app import create_app
    from minewatch.exchange.router import router as exchange_router
    from minewatch.records.router import router as records_router
    from minewatch.stats.router import router as stats_router

    app = create_app(engine=seeded)
    for router in (exchange_router, records_router, stats_router):
        app.include_router(router)
    client = TestClient(app)
    page = client.get("/api/v1/records.geojson", params={"limit": 2, "offset": 1})
    assert page.status_code == 200 and page.headers["content-type"] == "application/geo+json"
    body = page.json()
    assert body["numberMatched"] == 7 and body["numberReturned"] == 2
    dated = client.get("/api/v1/records.geojson", params={"datetime": "2022-11-21/2022-11-22"})
    assert {f["properties"]["quantity"] for f in dated.json()["features"]} >= {350}
    assert client.get("/api/v1/records.geojson", params={"bbox": "1,2,3"}).status_code == 422
    listing = client.get("/api/v1/records", params={"kind": "casualties"}).json()
    assert listing["total"] == 1 and listing["items"][0]["fields"]["killed"] == 45
    stats = client.get(
        "/api/v1/stats/casualties", params={"since": "2020-11-10", "explain": True}
    ).json()
    assert stats["reported_totals"][0]["figures"]["victims"] == 268
    assert client.get("/api/v1/stats/finds/series").json()["monthly"][0]["value"] == 350


def test_geopackage_copied_from_sqlite_equals_streamed(seeded: Engine, tmp_path: Path) -> None:
    """On a SQLite file with the index committed, layers are copied by INSERT ... SELECT;
    GDAL must read exactly what the row-by-row writer (PostGIS, uncommitted work) writes."""
    import numpy as np

    from minewatch.exchange import copy

    pyogrio = pytest.importorskip("pyogrio")
    query = {"since": date(2022, 1, 1), "bbox": (40.0, 38.0, 50.0, 42.0)}
    with transaction(seeded) as session:  # refreshes the index: uncommitted, so streamed
        streamed = export(ExportQuery(**query), tmp_path / "a.gpkg", "gpkg", session=session)  # type: ignore[arg-type]
        assert copy.sqlite_file(session) is None
    with transaction(seeded) as session:
        fast = copy.sqlite_file(session) is not None
        copied = export(ExportQuery(**query), tmp_path / "b.gpkg", "gpkg", session=session)  # type: ignore[arg-type]
    assert fast == (seeded.dialect.name == "sqlite")
    assert copied.layers == streamed.layers and copied.records == streamed.records > 0
    assert copied.documents == streamed.documents > 0
    assert (tmp_path / "a.citations.csv").read_text() == (tmp_path / "b.citations.csv").read_text()
    for layer in streamed.layers:
        a = pyogrio.read_info(tmp_path / "a.gpkg", layer=layer)
        b = pyogrio.read_info(tmp_path / "b.gpkg", layer=layer)
        for key in ("crs", "features", "fields", "dtypes", "ogr_types", "total_bounds"):
            assert np.array_equal(a[key], b[key]) if key != "crs" else a[key] == b[key], key
        *_, geom_a, values_a = pyogrio.raw.read(tmp_path / "a.gpkg", layer=layer)
        *_, geom_b, values_b = pyogrio.raw.read(tmp_path / "b.gpkg", layer=layer)
        assert list(geom_a) == list(geom_b)
        for name, x, y in zip(a["fields"], values_a, values_b, strict=True):
            np.testing.assert_array_equal(x, y, err_msg=name)


def test_area_records_carry_their_polygon(seeded: Engine, tmp_path: Path) -> None:
    """ "Kalbajar and Lachin directions" (where_prec 5) is drawn as the two districts' bundled
    areas; finer records keep their point; --points gives points only; GDAL reads the mix."""
    from shapely.geometry import Point, shape

    run(seeded, tmp_path, "geojson", "areas.geojson")
    features = json.loads((tmp_path / "areas.geojson").read_text())["features"]
    drawn = [f for f in features if f["properties"]["area_place_ids"]]
    assert [f["properties"]["quantity"] for f in drawn] == [1119]
    both = drawn[0]
    assert both["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert both["properties"]["where_prec"] == 5 and len(both["properties"]["area_place_ids"]) == 2
    area = shape(both["geometry"])
    for lon, lat in ((46.04446, 40.10984), (46.54977, 39.63742)):  # Kalbajar, Lachin towns
        assert area.contains(Point(lon, lat))
    lon, lat = both["properties"]["lon"], both["properties"]["lat"]
    assert lon is not None and lat is not None, "the point stays in the properties"
    saribaba = next(f for f in features if f["properties"]["quantity"] == 350)
    assert saribaba["geometry"]["type"] == "Point" and saribaba["properties"]["where_prec"] == 2
    with transaction(seeded) as session:
        export(ExportQuery(), tmp_path / "points.geojson", "geojson", session=session, areas=False)
    points = json.loads((tmp_path / "points.geojson").read_text())["features"]
    assert {f["geometry"]["type"] for f in points if f["geometry"]} == {"Point"}
    assert all(f["properties"]["area_place_ids"] is None for f in points)
    pyogrio = pytest.importorskip("pyogrio")
    _, _, geometry, _ = pyogrio.raw.read(tmp_path / "areas.geojson")
    types = {shape_type(g) for g in geometry if g is not None}
    assert types == {"Point", "Polygon"} or types == {"Point", "MultiPolygon"}


def shape_type(wkb: bytes) -> str:
    import shapely

    return str(shapely.from_wkb(wkb).geom_type)


def test_api_area_records_and_areas(seeded: Engine) -> None:
    from fastapi.testclient import TestClient

    from minewatch.api.app import create_app

    client = TestClient(create_app(engine=seeded))
    body = client.get("/api/v1/records.geojson", params={"kind": "device_find"}).json()
    types = {f["properties"]["quantity"]: f["geometry"]["type"] for f in body["features"]}
    assert types[1119] in ("Polygon", "MultiPolygon") and types[350] == "Point"
    plain = client.get("/api/v1/records.geojson", params={"areas": "false"}).json()
    assert {f["geometry"]["type"] for f in plain["features"] if f["geometry"]} == {"Point"}
    areas = client.get("/api/v1/areas.geojson")
    assert areas.status_code == 200 and areas.headers["content-type"] == "application/geo+json"
    found = {f["properties"]["name"]: f for f in areas.json()["features"]}
    assert set(found) == {"Kalbajar district", "Lachin district"}
    kalbajar = found["Kalbajar district"]
    assert kalbajar["geometry"]["type"] == "Polygon"
    assert kalbajar["properties"]["records"] == 1
    assert kalbajar["properties"]["records_by_kind"] == {"device_find": 1}
    assert kalbajar["properties"]["pending"] == 0
    with_pending = client.get("/api/v1/areas.geojson", params={"include_pending": True}).json()
    assert {f["properties"]["name"] for f in with_pending["features"]} == set(found)
    assert client.get("/api/v1/areas.geojson", params={"kind": "casualties"}).json() == {
        "type": "FeatureCollection",
        "features": [],
    }
    far = client.get("/api/v1/areas.geojson", params={"bbox": "10,10,11,11"}).json()
    assert far["features"] == []
    assert client.get("/api/v1/areas.geojson", params={"kind": "nope"}).status_code == 422
