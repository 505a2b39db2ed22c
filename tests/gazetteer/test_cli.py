"""``minewatch places``: load, import-geonames (with and without alternate names), add, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from minewatch.cli import main
from minewatch.gazetteer.models import Place, PlaceName
from minewatch.store.engine import make_engine
from minewatch.store.session import transaction


def geonames_line(gid: int, name: str, fclass: str, fcode: str, *admin: str, **kw: str) -> str:
    """One allCountries.txt line: 19 tab-separated columns."""
    codes = [*admin, "", "", "", ""][:4]
    return "\t".join(
        [str(gid), name, kw.get("ascii", name), kw.get("alts", ""), kw.get("lat", "40.1"),
         kw.get("lon", "46.0"), fclass, fcode, kw.get("cc", "AZ"), "", *codes,
         kw.get("pop", "0"), "", "1500", "Asia/Baku", "2024-01-01"]
    )  # fmt: skip


DUMP = [
    geonames_line(100, "Kalbajar Rayon", "A", "ADM1", "26"),
    geonames_line(101, "Kalbajar", "P", "PPLA", "26", "7", alts="Kelbajar,Kəlbəcər"),
    "too\tfew\tcolumns",
    geonames_line(102, "Sarybaba", "T", "HLL", "26", lat="140.5"),
    geonames_line(103, "Istisu", "P", "PPL", "26", "7", "5"),
    geonames_line(104, "Zabukh", "P", "PPL", "26"),
]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'places.db'}"
    monkeypatch.setenv("MINEWATCH_DATABASE_URL", url)
    assert main(["init", "--no-places"]) == 0
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with transaction(engine) as s:
        places = s.scalar(select(func.count(Place.id))) or 0
        names = s.scalar(select(func.count(PlaceName.id))) or 0
        linked = s.scalar(select(func.count(Place.id)).where(Place.parent_id.is_not(None))) or 0
    engine.dispose()
    return places, names, linked


def search(capsys: pytest.CaptureFixture[str], name: str) -> list[dict]:
    code, out, _ = run(capsys, "places", "search", name, "--json")
    assert code == 0
    found: list[dict] = json.loads(out)
    return found


def test_load_is_idempotent_and_searchable(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "places", "load")
    assert code == 0 and "malformed lines skipped" in err
    first = counts(db)
    assert first[0] > 30_000 and first[2] > 0.9 * first[0]
    assert run(capsys, "places", "load")[0] == 0
    assert counts(db) == first
    found = search(capsys, "Kəlbəcər")
    kalbajar = next(p for p in found if p["name"] == "Kalbajar district")
    assert (
        kalbajar["country_code"] == "AZ" and kalbajar["parent"] == "East Zangezur economic region"
    )


def test_import_geonames_reports_malformed_lines_and_links_parents(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "places", "import-geonames", str(dump))
    assert code == 0
    assert "4 places" in err and "2 malformed lines skipped" in err
    assert "dump.txt:3: columns" in err and "dump.txt:4: latitude/longitude" in err
    first = counts(db)
    assert first[0] == 4
    (town,) = search(capsys, "Kelbajar")
    assert town["name"] == "Kalbajar" and town["parent"] == "Kalbajar Rayon"  # AZ.26.7 -> AZ.26
    (deep,) = search(capsys, "Istisu")
    assert deep["parent"] == "Kalbajar Rayon"  # AZ.26.7.5: two levels up
    (zabukh,) = search(capsys, "Zabukh")
    assert zabukh["parent"] == "Kalbajar Rayon"  # exact code AZ.26
    assert run(capsys, "places", "import-geonames", str(dump))[0] == 0
    assert counts(db) == first


def test_import_geonames_with_alternate_names(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "\n".join(
            [
                "1\t101\ten\tKyalbadzhar\t\t\t\t\t\t",
                "2\t101\tlink\thttps://en.wikipedia.org/wiki/Kalbajar\t\t\t\t\t\t",
                "not a line",
                "3\t999\ten\tNowhere\t\t\t\t\t\t",  # a place not imported: ignored
                "4\t104\t\tZabux\t\t\t\t\t\t",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "places", "import-geonames", str(dump), "--alternate-names", str(alt)
    )
    assert code == 0
    assert "3 malformed lines skipped" in err and "alternateNamesV2.txt:3: columns" in err
    assert [p["name"] for p in search(capsys, "Kyalbadzhar")] == ["Kalbajar"]
    assert [p["name"] for p in search(capsys, "Zabux")] == ["Zabukh"]
    assert search(capsys, "Nowhere") == [] and search(capsys, "https") == []
    first = counts(db)
    assert (
        run(capsys, "places", "import-geonames", str(dump), "--alternate-names", str(alt))[0] == 0
    )
    assert counts(db) == first


def test_import_geonames_missing_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "places", "import-geonames", "/nonexistent/dump.txt")
    assert code != 0 and "no such file" in err


def test_add_then_search_json(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP[0] + "\n", encoding="utf-8")
    assert run(capsys, "places", "import-geonames", str(dump))[0] == 0
    code, _, err = run(
        capsys, "places", "add", "Qizilboghaz height", "--kind", "feature", "--lon", "46.2",
        "--lat", "40.2", "--parent", "Kalbajar Rayon", "--alt", "Kizilbogaz",
    )  # fmt: skip
    assert code == 0 and "added place" in err
    (found,) = search(capsys, "kizilbogaz")
    assert found["name"] == "Qizilboghaz height" and found["matched"] == "Kizilbogaz"
    assert found["parent"] == "Kalbajar Rayon" and found["country_code"] == "AZ"
    assert (found["lon"], found["lat"], found["source"]) == (46.2, 40.2, "user")
    code, _, err = run(
        capsys, "places", "add", "x", "--kind", "feature", "--lon", "1", "--lat", "91"
    )  # fmt: skip
    assert code != 0 and "lat" in err
    code, _, err = run(capsys, "places", "search", "   ")
    assert code != 0 and "empty" in err


def test_add_with_an_area(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wkt = "POLYGON ((46.1 40.2, 46.2 40.2, 46.2 40.3, 46.1 40.3, 46.1 40.2))"
    code, _, err = run(capsys, "places", "add", "Minefield 7", "--kind", "feature", "--wkt", wkt)
    assert code == 0 and "with its area" in err
    (found,) = search(capsys, "Minefield 7")
    assert found["has_area"] and 46.1 < found["lon"] < 46.2 and 40.2 < found["lat"] < 40.3
    assert found["area_source"] == "user"
    bowtie = {"type": "Polygon", "coordinates": [[[47, 40], [47.2, 40.2], [47.2, 40], [47, 40.2]]]}
    geometry = tmp_path / "bowtie.geojson"
    geometry.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": bowtie}))
    code, _, err = run(
        capsys, "places", "add", "Bowtie", "--kind", "feature", "--geometry", str(geometry)
    )
    assert code == 0 and "Self-intersection" in err and "repaired" in err
    code, _, err = run(capsys, "places", "add", "x", "--kind", "feature", "--wkt", "POLYGON ((1")
    assert code == 65 and "--wkt: not valid WKT" in err
    code, _, err = run(capsys, "places", "add", "y", "--kind", "feature")
    assert code == 65 and "give a point (--lon and --lat) or an area" in err
    code, _, err = run(
        capsys, "places", "add", "z", "--kind", "feature", "--wkt", wkt, "--geometry", str(geometry)
    )
    assert code == 65 and "--geometry or --wkt" in err


def test_import_boundaries(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    assert run(capsys, "places", "import-geonames", str(dump))[0] == 0
    square = [[[45.8, 39.9], [46.3, 39.9], [46.3, 40.3], [45.8, 40.3], [45.8, 39.9]]]
    path = tmp_path / "adm1.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"shapeName": "Kalbajar"},
                        "geometry": {"type": "Polygon", "coordinates": square},
                    },
                    {"type": "Feature", "properties": {}, "geometry": None},
                ],
            }
        )
    )
    args = ["places", "import-boundaries", str(path), "--name-property", "shapeName"]
    code, _, err = run(capsys, *args, "--kind", "admin1", "--country", "az")
    assert code == 0, err
    assert "1 attached to existing places" in err and "1 skipped" in err
    assert f"{path}: feature 1: properties.shapeName: missing or empty" in err
    rayon = next(p for p in search(capsys, "Kalbajar Rayon") if p["name"] == "Kalbajar Rayon")
    assert rayon["has_area"] and rayon["area_source"] == "adm1.geojson"
    code, _, err = run(capsys, *args, "--kind", "admin1", "--country", "AZ")
    assert code == 0 and "1 unchanged" in err
    code, _, err = run(capsys, "places", "import-boundaries", str(path), "--name-property", "x")
    assert code == 65 and "no feature could be used" in err
    code, _, err = run(capsys, "places", "import-boundaries", str(path), "--kind", "county")
    assert code == 65 and "--kind 'county'" in err
    code, _, err = run(capsys, "places", "import-boundaries", str(tmp_path / "none.geojson"))
    assert code == 65 and "none.geojson: no such file" in err
