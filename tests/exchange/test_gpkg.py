"""The GeoPackage writer (plain sqlite3) against GDAL: every layer it writes reads back through
GDAL (pyogrio) exactly as the same rows written by GDAL itself do: CRS, feature count, field
names and types, values, nulls, points, extent and a working spatial index."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from minewatch.exchange.gpkg import GpkgWriter, point
from minewatch.exchange.rows import COLUMNS

pyogrio = pytest.importorskip("pyogrio")
np = pytest.importorskip("numpy")

GDAL_TYPES = {  # what the GDAL-based writer used: numpy dtypes per column
    "record_id": "int64",
    "date_prec": "int32",
    "where_prec": "int32",
    "quantity": "int64",
    "killed": "int64",
    "injured": "int64",
    "civilians_killed": "int64",
    "military_killed": "int64",
    "children": "int64",
    "area_m2": "float64",
    "lat": "float64",
    "lon": "float64",
    "incident": "bool",
    "disputed": "bool",
}


def row(**values: Any) -> tuple[Any, ...]:
    return tuple(values.get(c) for c in COLUMNS)


ROWS = [
    row(
        record_id=1,
        kind="device_find",
        date="2022-11-21",
        period_end="2022-11-21",
        date_prec=1,
        incident=True,
        as_of="2022-11-24",
        country="AZ",
        adm1="East Zangezur economic region",
        adm2="Kalbajar district",
        place="Saribaba height",
        lat=40.28,
        lon=45.82,
        where_prec=1,
        authority="Ministry of Defence",
        category="AP mine",
        model="PMN-E",
        action="found",
        quantity=350,
        disputed=False,
        sources="News.Az; Caspian Newswire",
        documents="1 4",
    ),
    row(record_id=2, kind="device_find", incident=False, disputed=True, quantity=1119),
    row(record_id=3, kind="casualties", incident=False, disputed=False, killed=45, injured=223),
    row(
        record_id=4,
        kind="land_release",
        incident=True,
        disputed=False,
        area_m2=5000.5,
        place="Agdam ('ş' ✓)",
        lat=-16.8,
        lon=-179.5,
    ),
]


def gdal_reference(path: Path) -> None:
    """The same rows written through GDAL (the writer this module replaced)."""
    import shapely
    from pyogrio.raw import write

    fields = [c for c in COLUMNS if c != "kind"]
    for kind in dict.fromkeys(r[1] for r in ROWS):
        rows = [dict(zip(COLUMNS, r, strict=True)) for r in ROWS if r[1] == kind]
        geoms = np.array(
            [
                None if r["lon"] is None else shapely.to_wkb(shapely.Point(r["lon"], r["lat"]))
                for r in rows
            ],
            dtype=object,
        )
        data, masks = [], []
        for c in fields:
            values = [r[c] for r in rows]
            dtype = GDAL_TYPES.get(c, "object")
            if dtype.startswith("int"):
                data.append(np.array([v or 0 for v in values], dtype=dtype))
                masks.append(np.array([v is None for v in values]))
            elif dtype == "float64":
                data.append(np.array([np.nan if v is None else v for v in values]))
                masks.append(None)
            else:
                data.append(np.array(values, dtype=dtype))
                masks.append(None)
        write(
            str(path),
            geoms,
            field_data=data,
            fields=fields,
            field_mask=masks,
            layer=kind,
            driver="GPKG",
            geometry_type="Point",
            crs="EPSG:4326",
            append=path.exists(),
        )


def ours(path: Path, batches: int = 2) -> GpkgWriter:
    writer = GpkgWriter(path)
    for start in range(batches):
        writer.write(ROWS[start::batches])
    writer.close()
    return writer


def test_layers_read_by_gdal_as_gdal_writes_them(tmp_path: Path) -> None:
    mine, ref = tmp_path / "mine.gpkg", tmp_path / "ref.gpkg"
    writer = ours(mine)
    gdal_reference(ref)
    assert writer.layers == {"device_find": 2, "casualties": 1, "land_release": 1}
    assert not (tmp_path / "mine.gpkg.partial").exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL complaints about the file fail the test
        assert sorted(pyogrio.list_layers(mine).tolist()) == sorted(
            pyogrio.list_layers(ref).tolist()
        )
        for layer in writer.layers:
            got, want = pyogrio.read_info(mine, layer=layer), pyogrio.read_info(ref, layer=layer)
            assert got["crs"] == "EPSG:4326"
            assert got["features"] == writer.layers[layer]
            assert got["capabilities"]["fast_spatial_filter"], "the R*Tree index is used"
            for key in ("fields", "dtypes", "ogr_types", "ogr_subtypes", "geometry_type"):
                assert list(got[key]) == list(want[key]), (layer, key)
            assert got["total_bounds"] == pytest.approx(want["total_bounds"], nan_ok=True)
            _, _, geom, values = pyogrio.raw.read(mine, layer=layer)
            _, _, ref_geom, ref_values = pyogrio.raw.read(ref, layer=layer)
            assert list(geom) == list(ref_geom), "identical WKB points and null geometries"
            for name, a, b in zip(got["fields"], values, ref_values, strict=True):
                np.testing.assert_array_equal(a, b, err_msg=name)


def test_nulls_points_and_spatial_filter(tmp_path: Path) -> None:
    path = tmp_path / "out.gpkg"
    ours(path, batches=1)
    meta, _, geom, values = pyogrio.raw.read(path, layer="device_find")
    fields = list(meta["fields"])
    assert meta["dtypes"][fields.index("quantity")] == "int64"
    assert geom[1] is None, "unlocated: a null geometry, not a fake point"
    assert values[fields.index("model")].tolist() == ["PMN-E", None]
    assert values[fields.index("date")].tolist() == ["2022-11-21", None]
    inside = pyogrio.raw.read(path, layer="land_release", bbox=(-180, -17, -179, -16))
    outside = pyogrio.raw.read(path, layer="land_release", bbox=(0, 0, 1, 1))
    assert len(inside[2]) == 1 and len(outside[2]) == 0
    with sqlite3.connect(path) as db:  # what the GeoPackage spec asks of the file itself
        assert db.execute("PRAGMA application_id").fetchone() == (0x47504B47,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM rtree_device_find_geom").fetchone() == (1,)
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchall() == [
            (2,),
            (1,),
            (1,),
        ]


def test_point_blob_and_failed_export_leaves_nothing(tmp_path: Path) -> None:
    assert point(None, 1.0) is None
    blob = point(45.82, 40.28)
    assert blob is not None and blob[:8] == b"GP\x00\x01\xe6\x10\x00\x00"
    path = tmp_path / "broken.gpkg"
    writer = GpkgWriter(path)
    with pytest.raises(ValueError, match="layer name"):
        writer.write([row(record_id=1, kind="x; DROP TABLE y", incident=True, disputed=False)])
    writer.abort()
    assert not path.exists() and not (tmp_path / "broken.gpkg.partial").exists()


@pytest.mark.parametrize("n", [1, 51, 52, 3000, 20_000])
def test_bulk_loaded_rtree_is_sound_and_finds_every_point(tmp_path: Path, n: int) -> None:
    """The R*Tree written node by node passes SQLite's own ``rtreecheck`` (one leaf, a root
    with leaves, three levels) and a box query returns exactly the points inside it."""
    import random

    rng = random.Random(n)
    path = tmp_path / "many.gpkg"
    writer = GpkgWriter(path)
    points = [(rng.uniform(-180, 180), rng.uniform(-90, 90)) for _ in range(n)]
    rows = [row(record_id=i, kind="device_find", lon=x, lat=y) for i, (x, y) in enumerate(points)]
    rows.append(row(record_id=n, kind="device_find"))  # unlocated: not in the index
    writer.write(rows)
    writer.close()
    box = (-30.0, -20.0, 60.0, 45.0)
    inside = sum(1 for x, y in points if box[0] <= x <= box[2] and box[1] <= y <= box[3])
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT rtreecheck('rtree_device_find_geom')").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM rtree_device_find_geom").fetchone() == (n,)
        found = db.execute(
            "SELECT count(*) FROM rtree_device_find_geom r JOIN device_find f ON f.fid = r.id "
            "WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? "
            "AND f.lon BETWEEN ? AND ? AND f.lat BETWEEN ? AND ?",
            (box[0], box[2], box[1], box[3], box[0], box[2], box[1], box[3]),
        ).fetchone()
    assert found == (inside,)
    _, _, geom, _ = pyogrio.raw.read(path, layer="device_find", bbox=box)
    assert len(geom) == inside, "GDAL's spatial filter goes through the index"
