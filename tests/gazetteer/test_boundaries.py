"""Place areas: boundary imports (match, create, repair, skip, merge, re-run), the bundled
approximate areas, user places with polygons; on SQLite and PostGIS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import undefer

from minewatch.errors import InputError
from minewatch.gazetteer import service
from minewatch.gazetteer.areas import AreaError, clean_area, read_geometry_file
from minewatch.gazetteer.boundaries import (
    BoundaryOptions,
    BoundaryStats,
    bundled_areas_path,
    import_boundaries,
    load_bundled_areas,
)
from minewatch.gazetteer.importer import write_records
from minewatch.gazetteer.loaders import PlaceRecord, curated_records
from minewatch.gazetteer.models import Place, PlaceName
from minewatch.store import spatial
from minewatch.store.session import transaction

KALBAJAR = box(45.7, 39.9, 46.4, 40.3)  # contains the curated Kalbajar point (46.04, 40.11)
LACHIN = box(46.3, 39.4, 46.7, 39.9)
NEW = box(46.8, 40.4, 46.9, 40.5)
BOWTIE = {"type": "Polygon", "coordinates": [[[47, 40], [47.2, 40.2], [47.2, 40], [47, 40.2]]]}
FLAT = {"type": "Polygon", "coordinates": [[[47, 40], [47.2, 40.2], [47.4, 40.4], [47, 40]]]}


def geo(geom: Any) -> dict[str, Any]:
    return geom if isinstance(geom, dict) else json.loads(shapely.to_geojson(geom))


def feature(geom: Any, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geo(geom)}


def collection(path: Path, *features: Any) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


@pytest.fixture
def loaded(engine: Engine, small_records: list[PlaceRecord]) -> Engine:
    with transaction(engine) as s:
        write_records(small_records, session=s)
    return engine


def run(engine: Engine, path: Path, **options: Any) -> BoundaryStats:
    with transaction(engine) as s:
        return import_boundaries(path, session=s, options=BoundaryOptions(**options))


def place(engine: Engine, **where: Any) -> Place:
    with transaction(engine) as s:
        stmt = select(Place).options(undefer(Place.area)).filter_by(**where)
        found = s.scalars(stmt).one()
        s.expunge(found)
        return found


def snapshot(engine: Engine) -> list[tuple[Any, ...]]:
    with transaction(engine) as s:
        rows = s.execute(
            select(
                Place.id, Place.name, Place.source, Place.geom, Place.area, Place.area_source
            ).order_by(Place.id)
        ).all()
        names = s.scalar(select(func.count(PlaceName.id)))
    return [
        (i, n, src, g.wkt if g else None, a.wkt if a else None, asrc)
        for i, n, src, g, a, asrc in rows
    ] + [("names", names)]


def test_import_attaches_creates_and_is_idempotent(loaded: Engine, tmp_path: Path) -> None:
    path = collection(
        tmp_path / "districts.geojson",
        feature(KALBAJAR, NAME_2="Kalbajar Rayon", CODE="XX"),  # name without the type word
        feature(LACHIN, NAME_2="Lachin (code match)", CODE="AZ-LAC"),
        feature(NEW, NAME_2="Testabad", CODE=None),
    )
    stats = run(
        loaded, path, name_property="NAME_2", code_property="CODE", kind="admin2", country="AZ"
    )
    assert (stats.features, stats.attached, stats.created, stats.skipped) == (3, 2, 1, 0)
    kal = place(loaded, source_id="iso:AZ-KAL")
    assert kal.area is not None and kal.area.equals(KALBAJAR)
    assert kal.geom is not None and kal.geom.equals(Point(46.04446, 40.10984)), "point kept"
    assert kal.area_source == "districts.geojson" and kal.source.startswith("curated")
    assert place(loaded, source_id="iso:AZ-LAC").area.equals(LACHIN)  # type: ignore[union-attr]
    new = place(loaded, name="Testabad")
    assert (new.kind, new.country_code, new.source) == ("admin2", "AZ", "districts.geojson")
    assert new.geom is not None and NEW.contains(new.geom), "a new place gets an inner point"
    assert new.parent_id == place(loaded, source_id="iso:AZ").id
    exterior = new.area.exterior  # type: ignore[union-attr]
    assert exterior.is_ccw, "RFC 7946: exterior rings counter-clockwise"
    with loaded.connect() as conn:
        hits = spatial.ids_in_bbox(conn, "places", "area", (46.05, 40.0, 46.1, 40.05))
    assert hits == [kal.id], "areas have their own spatial index"
    before = snapshot(loaded)
    again = run(
        loaded, path, name_property="NAME_2", code_property="CODE", kind="admin2", country="AZ"
    )
    assert (again.attached, again.created, again.unchanged) == (0, 0, 3)
    assert snapshot(loaded) == before, "a re-run changes nothing"
    with transaction(loaded) as s:
        assert service.search(session=s, name="Testabad")[0].has_area


def test_bad_files_name_the_file(loaded: Engine, tmp_path: Path) -> None:
    cases = {
        "missing.geojson": (None, "no such file"),
        "broken.geojson": ('{"type": "FeatureCollection",\n "features": [', "not JSON (line 2"),
        "feature.geojson": ('{"type": "Feature"}', "a GeoJSON FeatureCollection is needed"),
        "list.geojson": ("[1, 2]", "a GeoJSON FeatureCollection is needed, not 'list'"),
        "nofeatures.geojson": ('{"type": "FeatureCollection"}', "features: missing or not"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        with pytest.raises(InputError) as caught:
            run(loaded, path, kind="admin2")
        assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_bad_features_are_reported_by_index_and_field(loaded: Engine, tmp_path: Path) -> None:
    path = collection(
        tmp_path / "mixed.geojson",
        feature(KALBAJAR, name="Kalbajar district"),
        42,
        feature(KALBAJAR, other="no name"),
        {"type": "Feature", "properties": {"name": "Nulled"}, "geometry": None},
        feature({"type": "LineString", "coordinates": [[46, 40], [46.1, 40.1]]}, name="Road"),
        feature({"type": "Polygon", "coordinates": [[[46, 40], [46.1, 40.1]]]}, name="Short"),
        feature(box(40.0, 146.0, 40.1, 146.1), name="Swapped"),
        feature(FLAT, name="Flat"),
        feature(BOWTIE, name="Bowtie"),
    )
    stats = run(loaded, path, kind="admin2", country="AZ")
    assert (stats.features, stats.attached, stats.created, stats.repaired) == (9, 1, 1, 1)
    assert stats.skipped == 7
    expected = [
        "feature 1: type: not a GeoJSON Feature",
        "feature 2: properties.name: missing or empty (has: other)",
        "feature 3: geometry: missing (null)",
        "feature 4 (Road): geometry: type 'LineString': expected Polygon or MultiPolygon",
        "feature 5 (Short): geometry: coordinates:",
        "feature 6 (Swapped): geometry: coordinates outside longitude -180..180",
        "feature 7 (Flat): geometry: invalid geometry (Self-intersection",
    ]
    assert len(stats.errors) == len(expected)
    for message, start in zip(stats.errors, expected, strict=True):
        assert message.startswith(f"{path}: {start}"), message
    assert stats.warnings == [
        f"{path}: feature 8 (Bowtie): geometry: invalid (Self-intersection[47.1 40.1]); repaired"
    ]
    bowtie = place(loaded, name="Bowtie").area
    assert isinstance(bowtie, MultiPolygon) and bowtie.is_valid and len(bowtie.geoms) == 2


def test_ambiguous_unmatched_and_merged_features(loaded: Engine, tmp_path: Path) -> None:
    path = collection(
        tmp_path / "ambiguous.geojson",
        feature(KALBAJAR, name="Kalbajar"),  # the district and the town
        feature(box(46.3, 40.3, 46.35, 40.35), name="Nowhere"),
    )
    stats = run(loaded, path, country="AZ")
    kal_ids = sorted([place(loaded, source_id="iso:AZ-KAL").id, place(loaded, name="Kalbajar").id])
    assert stats.errors == [
        f"{path}: feature 0 (Kalbajar): name 'Kalbajar' matches 2 places (ids "
        f"{kal_ids[0]}, {kal_ids[1]}); narrow it with --kind, --country or --code-property",
        f"{path}: feature 1 (Nowhere): no place matches; give --kind to create it",
    ]
    off = run(loaded, path, kind="admin2", country="AZ", create=False)
    assert off.attached == 1 and off.errors == [
        f"{path}: feature 1 (Nowhere): no place matches (creation is off)"
    ]
    islands = collection(
        tmp_path / "islands.geojson",
        feature(box(46.0, 39.5, 46.1, 39.6), name="Lachin district"),
        feature(box(46.5, 39.5, 46.6, 39.6), name="Lachin"),
    )
    merged = run(loaded, islands, kind="admin2", country="AZ")
    assert (merged.attached, merged.merged) == (1, 1)
    area = place(loaded, source_id="iso:AZ-LAC").area
    assert isinstance(area, MultiPolygon) and len(area.geoms) == 2
    assert merged.warnings and "lies outside its area; kept as it is" in merged.warnings[0]


def test_bundled_areas(loaded: Engine) -> None:
    data = json.loads(bundled_areas_path().read_text(encoding="utf-8"))
    assert "approximate" in data["description"] and "not copied" in data["description"]
    areas = {f["properties"]["code"]: shape(f["geometry"]) for f in data["features"]}
    assert set(areas) == {"AZ-KAL", "AZ-LAC"}
    for geom in areas.values():
        assert geom.is_valid and geom.exterior.is_ccw and 6 <= len(geom.exterior.coords) - 1 <= 12
    assert areas["AZ-KAL"].intersection(areas["AZ-LAC"]).area == 0, "neighbours do not overlap"
    by_key = {r.source_id: r for r in curated_records()}
    children = [r for r in by_key.values() if r.parent_code in areas and r.lon is not None]
    assert len(children) >= 5
    for r in [*children, by_key["iso:AZ-KAL"], by_key["iso:AZ-LAC"]]:
        code = r.parent_code if r.parent_code in areas else r.code
        assert areas[str(code)].contains(Point(r.lon, r.lat)), f"{r.name} lies in its district"
    with transaction(loaded) as s:
        stats = load_bundled_areas(session=s)
    assert (stats.attached, stats.skipped) == (2, 0)
    with transaction(loaded) as s:
        assert load_bundled_areas(session=s).unchanged == 2
    assert place(loaded, source_id="iso:AZ-KAL").area_source == "minewatch hand-drawn approximation"


def test_bundled_areas_never_replace_an_imported_boundary(loaded: Engine, tmp_path: Path) -> None:
    with transaction(loaded) as s:
        load_bundled_areas(session=s)
    official = collection(tmp_path / "official.geojson", feature(KALBAJAR, ISO="AZ-KAL", n="K"))
    stats = run(loaded, official, name_property="n", code_property="ISO")
    assert stats.attached == 1, "a user's import replaces the bundled approximation"
    with transaction(loaded) as s:
        again = load_bundled_areas(session=s)
    assert (again.kept, again.unchanged, again.attached) == (1, 1, 0)
    kal = place(loaded, source_id="iso:AZ-KAL")
    assert kal.area is not None and kal.area.equals(KALBAJAR)
    assert kal.area_source == "official.geojson"
    keep = collection(
        tmp_path / "other.geojson", feature(box(46, 40, 46.1, 40.2), ISO="AZ-KAL", n="K")
    )
    kept = run(loaded, keep, name_property="n", code_property="ISO", replace=False)
    assert kept.kept == 1 and place(loaded, source_id="iso:AZ-KAL").area.equals(KALBAJAR)  # type: ignore[union-attr]


def test_add_place_with_an_area(loaded: Engine, tmp_path: Path) -> None:
    field = Polygon([(46.1, 40.2), (46.2, 40.2), (46.2, 40.25), (46.1, 40.25)])
    with transaction(loaded) as s:
        only = service.add_place(
            session=s, name="Minefield 7", kind="feature", area=field, parent="Kalbajar district"
        )
        assert only.geom is not None and field.contains(only.geom) and only.country_code == "AZ"
        both = service.add_place(
            session=s, name="Minefield 8", kind="feature", area=field, lon=46.15, lat=40.22
        )
        assert both.geom is not None and both.geom.equals(Point(46.15, 40.22))
        with pytest.raises(InputError, match="lies outside the area"):
            service.add_place(
                session=s, name="Swapped", kind="feature", area=field, lon=40.22, lat=46.15
            )
        with pytest.raises(InputError, match="give a point"):
            service.add_place(session=s, name="Nothing", kind="feature")
        with pytest.raises(InputError, match="must be given together"):
            service.add_place(session=s, name="Half", kind="feature", lon=46.0)
        with pytest.raises(InputError, match="area: a Point, not a Polygon"):
            service.add_place(session=s, name="Pt", kind="feature", area=Point(46, 40))
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature(field)]}))
    assert read_geometry_file(path).equals(field)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(InputError) as caught:
        read_geometry_file(path)
    assert str(caught.value).startswith(f"{path}: a FeatureCollection with exactly one")


def test_clean_area() -> None:
    clockwise = Polygon([(0, 0, 1), (0, 1, 5), (1, 1, 1), (1, 0, 1)])
    cleaned = clean_area(clockwise)
    assert cleaned.repaired is None and not cleaned.geom.has_z and cleaned.geom.exterior.is_ccw
    assert clean_area(shape(BOWTIE)).repaired == "Self-intersection[47.1 40.1]"
    for bad, message in (
        (Point(1, 1), "a Point"),
        (Polygon(), "empty"),
        (shape(FLAT), "encloses no area"),
        (box(0, 0, 200, 1), "outside longitude"),
    ):
        with pytest.raises(AreaError, match=message):
            clean_area(bad)
