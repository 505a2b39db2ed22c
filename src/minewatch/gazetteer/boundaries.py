"""Boundary import: polygons from a GeoJSON FeatureCollection attached to gazetteer places.

Each feature is matched to an existing place, in this order: by a code property
(``--code-property``, against ``places.code``: ISO 3166-2 "AZ-KAL", GeoNames "AZ.26"), then
by its name against every stored name and transliteration, then with the type word dropped
on either side ("Kalbajar Rayon" finds "Kalbajar", "Kalbajar" finds "Kalbajar Rayon"), all
within ``--country`` and ``--kind`` when given (index lookups only, never a scan). A name
that matches several places is reported with their ids and skipped: never a random pick. A
feature that matches nothing creates a place (``--kind`` is then required) unless creation
is off.

Features for the same place (islands given one by one) are merged into one multipolygon.
Invalid geometries are repaired with ``make_valid`` and reported, or skipped and counted when
nothing of them encloses an area. The place keeps its point; a place without one gets its
area's representative point (always inside the area), and every area its source
(``area_source``); an area from another source is replaced unless ``replace`` is off (the
bundled areas never replace an imported boundary). Re-importing a file changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from minewatch.errors import InputError
from minewatch.gazetteer.areas import AreaError, clean_area, geometry_from_geojson
from minewatch.gazetteer.models import KINDS, Place, PlaceName
from minewatch.gazetteer.names import TYPE_PHRASES, TYPE_WORDS, name_key, split_type

MAX_MESSAGES = 1000


@dataclass(frozen=True, slots=True)
class BoundaryOptions:
    """How features are matched to places, and what a new place gets."""

    name_property: str = "name"
    code_property: str | None = None
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    create: bool = True
    replace: bool = True
    """Replace an area that came from another source (False: keep it, count it as kept)."""
    source: str | None = None
    """Where the polygons come from (default: the file's name): the places' ``area_source``,
    and the ``source`` of places created."""

    def validate(self) -> BoundaryOptions:
        """Refuse unknown kinds and malformed country codes."""
        if self.kind is not None and self.kind not in KINDS:
            raise InputError(f"--kind {self.kind!r}: use one of {', '.join(KINDS)}")
        if self.country is not None and (len(self.country) != 2 or not self.country.isalpha()):
            raise InputError(f"--country {self.country!r}: an ISO 3166-1 alpha-2 code (AZ)")
        return self


@dataclass
class BoundaryStats:
    """What an import did; ``errors`` name the file, the feature index and the field."""

    features: int = 0
    attached: int = 0
    created: int = 0
    unchanged: int = 0
    kept: int = 0
    merged: int = 0
    repaired: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        """Count one skipped feature and keep its message (the first `MAX_MESSAGES`)."""
        self.skipped += 1
        if len(self.errors) < MAX_MESSAGES:
            self.errors.append(message)

    def warn(self, message: str) -> None:
        """Keep a warning (the first `MAX_MESSAGES`)."""
        if len(self.warnings) < MAX_MESSAGES:
            self.warnings.append(message)


@dataclass(slots=True)
class _Feature:
    index: int
    name: str
    code: str | None
    geom: BaseGeometry


def read_collection(path: Path) -> list[Any]:
    """The features of a GeoJSON FeatureCollection; file-level problems raise `InputError`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: a directory, not a GeoJSON file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise InputError(f"{path}: type: a GeoJSON FeatureCollection is needed, not {kind!r}")
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError(f"{path}: features: missing or not an array")
    return features


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _parse(
    path: Path, index: int, raw: Any, options: BoundaryOptions, stats: BoundaryStats
) -> _Feature | None:
    where = f"{path}: feature {index}"
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        stats.error(f"{where}: type: not a GeoJSON Feature")
        return None
    props = raw.get("properties")
    props = props if isinstance(props, dict) else {}
    name = _text(props.get(options.name_property))
    if name is None or len(name) > 300:
        found = ", ".join(sorted(map(str, props))[:12]) or "none"
        problem = "longer than 300 characters" if name else f"missing or empty (has: {found})"
        stats.error(f"{where}: properties.{options.name_property}: {problem}")
        return None
    if not name_key(name):
        stats.error(f"{where}: properties.{options.name_property}: {name!r} has no letters")
        return None
    code = _text(props.get(options.code_property)) if options.code_property else None
    if raw.get("geometry") is None:
        stats.error(f"{where}: geometry: missing (null)")
        return None
    try:
        cleaned = clean_area(geometry_from_geojson(raw["geometry"]))
    except AreaError as exc:
        stats.error(f"{where} ({name}): geometry: {exc}; skipped")
        return None
    if cleaned.repaired:
        stats.repaired += 1
        stats.warn(f"{where} ({name}): geometry: invalid ({cleaned.repaired}); repaired")
    return _Feature(index, name, code, cleaned.geom)


class _Matcher:
    """Finds the place a feature stands for (code, then name, then name without type word)."""

    def __init__(self, session: Session, options: BoundaryOptions) -> None:
        self.session = session
        self.options = options

    def _scope(self, stmt: Any) -> Any:
        if self.options.country:
            stmt = stmt.where(Place.country_code == self.options.country)
        if self.options.kind:
            stmt = stmt.where(Place.kind == self.options.kind)
        return stmt

    def find(self, feature: _Feature) -> tuple[list[int], str]:
        """Ids of matching places (none, one, or several: ambiguous) and how they matched."""
        if feature.code:
            ids = self.session.scalars(
                self._scope(select(Place.id).where(Place.code == feature.code)).order_by(Place.id)
            ).all()
            if ids:
                return list(ids), f"code {feature.code!r}"
        key = name_key(feature.name)
        core, _ = split_type(key)
        joined = self._scope(select(Place.id).join(PlaceName, PlaceName.place_id == Place.id))
        for k in dict.fromkeys((key, core)):
            ids = sorted(set(self.session.scalars(joined.where(PlaceName.key == k))))
            if ids:
                return ids, f"name {feature.name!r}"
        # stored with a type word the feature lacks: "Kalbajar" finds "Kalbajar Rayon"
        typed = [f"{core} {word}" for word in (*TYPE_WORDS, *TYPE_PHRASES)]
        typed += [f"{word} {core}" for word, kind in TYPE_WORDS.items() if kind == "feature"]
        rows = self.session.execute(
            joined.add_columns(PlaceName.key).where(PlaceName.key.in_(typed))
        )
        ids = sorted({pid for pid, stored in rows if split_type(stored)[0] == core})
        if ids:
            return ids, f"name {feature.name!r}"
        return [], ""


def import_boundaries(
    path: Path,
    *,
    session: Session,
    options: BoundaryOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> BoundaryStats:
    """Attach the polygons of a GeoJSON FeatureCollection to places (or create the places).

    Flushes, never commits: the caller owns the transaction. File-level problems (missing,
    not JSON, not a FeatureCollection) raise `InputError`; a bad feature is skipped with a
    message naming the file, its index and the field.
    """
    options = options or BoundaryOptions()
    if options.source is None:
        options = replace(options, source=path.name)
    options.validate()
    stats = BoundaryStats()
    raw_features = read_collection(path)
    stats.features = len(raw_features)
    matcher = _Matcher(session, options)
    found: dict[int, list[_Feature]] = {}
    new: dict[str, list[_Feature]] = {}
    for index, raw in enumerate(raw_features):
        feature = _parse(path, index, raw, options, stats)
        if progress:
            progress(1)
        if feature is None:
            continue
        ids, how = matcher.find(feature)
        where = f"{path}: feature {index} ({feature.name})"
        if len(ids) > 1:
            shown = ", ".join(map(str, ids[:10]))
            stats.error(
                f"{where}: {how} matches {len(ids)} places (ids {shown}); narrow it with "
                "--kind, --country or --code-property"
            )
        elif ids:
            found.setdefault(ids[0], []).append(feature)
        elif not options.create:
            stats.error(f"{where}: no place matches (creation is off)")
        elif options.kind is None:
            stats.error(f"{where}: no place matches; give --kind to create it")
        else:
            new.setdefault(feature.code or name_key(feature.name), []).append(feature)
    for place_id, features in found.items():
        place = session.get_one(Place, place_id, options=[undefer(Place.area)])
        _attach(path, place, features, options, stats)
    if new:
        parent = _parent(session, options)
        for features in new.values():
            _create(session, path, features, options, parent, stats)
    session.flush()
    return stats


def _union(features: list[_Feature], stats: BoundaryStats) -> BaseGeometry:
    if len(features) == 1:
        return features[0].geom
    stats.merged += len(features) - 1
    return clean_area(shapely.union_all([f.geom for f in features])).geom


def _attach(
    path: Path,
    place: Place,
    features: list[_Feature],
    options: BoundaryOptions,
    stats: BoundaryStats,
) -> None:
    area = _union(features, stats)
    source = str(options.source)[:100]
    if place.area is not None and place.area_source != source and not options.replace:
        stats.kept += 1
        return
    if place.area is not None and shapely.equals_exact(
        shapely.normalize(place.area), shapely.normalize(area), tolerance=0.0
    ):
        place.area_source = source
        stats.unchanged += 1
        return
    place.area, place.area_source = area, source
    if place.geom is None:
        place.geom = area.representative_point()
    elif not area.intersects(place.geom):
        first, point = features[0], place.geom.representative_point()
        stats.warn(
            f"{path}: feature {first.index} ({first.name}): the point of place {place.id} "
            f"({place.name}, {point.x:.5f}, {point.y:.5f}) lies outside its area; "
            "kept as it is"
        )
    stats.attached += 1


def _parent(session: Session, options: BoundaryOptions) -> Place | None:
    if options.parent:
        from minewatch.gazetteer.service import find_place

        return find_place(session, options.parent, option="--parent")
    if options.country:
        return session.scalars(
            select(Place).where(Place.source_id == f"iso:{options.country}")
        ).first()
    return None


def _create(
    session: Session,
    path: Path,
    features: list[_Feature],
    options: BoundaryOptions,
    parent: Place | None,
    stats: BoundaryStats,
) -> None:
    assert options.kind is not None
    first = features[0]
    area = _union(features, stats)
    key = first.code or name_key(first.name)
    source_id = f"area:{options.country or '-'}:{options.kind}:{key}"[:100]
    place = session.scalars(
        select(Place).options(undefer(Place.area)).where(Place.source_id == source_id)
    ).first()
    if place is not None:  # created by an earlier import under a name no longer matching
        _attach(path, place, features, options, stats)
        return
    place = Place(
        name=first.name,
        kind=options.kind,
        country_code=options.country or (parent.country_code if parent else None),
        parent_id=parent.id if parent else None,
        geom=area.representative_point(),
        area=area,
        area_source=str(options.source)[:100],
        source=str(options.source)[:100],
        source_id=source_id,
        code=first.code[:40] if first.code else None,
    )
    session.add(place)
    session.flush()
    names = dict.fromkeys(f.name for f in features)
    session.add_all(PlaceName(place_id=place.id, name=n, key=name_key(n)) for n in names)
    stats.created += 1


BUNDLED = "areas.geojson"
BUNDLED_SOURCE = "minewatch hand-drawn approximation"


def bundled_areas_path() -> Path:
    """The approximate boundaries shipped with minewatch (see the file's ``description``)."""
    return Path(str(resources.files("minewatch.gazetteer") / "data" / BUNDLED))


def load_bundled_areas(*, session: Session) -> BoundaryStats:
    """Attach the bundled approximate areas to their curated places (by ISO 3166-2 code);
    run after the curated places are written. An area from another source (an official
    boundary imported by the user) is kept. Idempotent."""
    options = BoundaryOptions(
        code_property="code", create=False, replace=False, source=BUNDLED_SOURCE
    )
    return import_boundaries(bundled_areas_path(), session=session, options=options)
