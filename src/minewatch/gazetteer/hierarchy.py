"""The admin hierarchy of places: lineages (a place and its ancestors) and admin units.

Statistics roll a fact up to every unit above its place ("everything beneath Kalbajar"), and
group by first- and second-level units. Parents are read level by level in batches, so a
lineage costs one query per level for any number of places, and results are memoised per
call site through :class:`Lineages`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minewatch.errors import InputError
from minewatch.gazetteer import service
from minewatch.gazetteer.models import Place
from minewatch.gazetteer.names import name_key

_CHUNK = 5000
_MAX_DEPTH = 12


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as the hierarchy sees it."""

    id: int
    name: str
    kind: str
    parent_id: int | None
    country_code: str | None


@dataclass(frozen=True, slots=True)
class Units:
    """Where a place lies: itself, its ancestors, and its admin-1 / admin-2 units.

    ``adm1`` is the nearest ``admin1`` above or at the place, else the first-level unit
    below the country (Azerbaijan's districts hang under economic regions, which then play
    admin 1). ``adm2`` is the nearest ``admin2``.
    """

    lineage: tuple[PlaceRef, ...]
    adm1: PlaceRef | None
    adm2: PlaceRef | None

    @property
    def country_code(self) -> str | None:
        """The country of the place."""
        return next((p.country_code for p in self.lineage if p.country_code), None)


class Lineages:
    """Memoised place lineages for one session (places rarely change during a refresh)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._places: dict[int, PlaceRef | None] = {}

    def _load(self, ids: Iterable[int]) -> None:
        todo = {i for i in ids if i not in self._places}
        for _ in range(_MAX_DEPTH):
            if not todo:
                return
            ordered = sorted(todo)
            found: dict[int, PlaceRef] = {}
            for start in range(0, len(ordered), _CHUNK):
                cols = (Place.id, Place.name, Place.kind, Place.parent_id, Place.country_code)
                stmt = select(*cols).where(Place.id.in_(ordered[start : start + _CHUNK]))
                found.update({row[0]: PlaceRef(*row) for row in self._session.execute(stmt)})
            for pid in todo:
                self._places[pid] = found.get(pid)
            todo = {
                p.parent_id
                for p in found.values()
                if p.parent_id is not None and p.parent_id not in self._places
            }

    def place(self, place_id: int) -> PlaceRef | None:
        """One place (None when unknown)."""
        self._load([place_id])
        return self._places.get(place_id)

    def lineage(self, place_id: int) -> tuple[PlaceRef, ...]:
        """The place and its ancestors, nearest first (cycles cut)."""
        self._load([place_id])
        out: list[PlaceRef] = []
        current = self._places.get(place_id)
        while current is not None and current not in out and len(out) < _MAX_DEPTH:
            out.append(current)
            if current.parent_id is None:
                break
            self._load([current.parent_id])
            current = self._places.get(current.parent_id)
        return tuple(out)

    def units(self, place_id: int) -> Units:
        """Lineage and admin units of a place."""
        lineage = self.lineage(place_id)
        adm1 = next((p for p in lineage if p.kind == "admin1"), None)
        if adm1 is None:
            below_country = [
                p
                for i, p in enumerate(lineage)
                if p.kind != "country" and i + 1 < len(lineage) and lineage[i + 1].kind == "country"
            ]
            adm1 = below_country[0] if below_country else None
        adm2 = next((p for p in lineage if p.kind == "admin2"), None)
        return Units(lineage, adm1, adm2)

    def prefetch(self, place_ids: Iterable[int]) -> None:
        """Load many places and their ancestors in one query per level."""
        self._load(place_ids)
        parents = {p.parent_id for p in self._places.values() if p and p.parent_id}
        while parents - self._places.keys():
            self._load(parents)
            parents = {p.parent_id for p in self._places.values() if p and p.parent_id}


def names_of(place_ids: Iterable[int], *, session: Session) -> dict[int, str]:
    """Names of places by id."""
    ids = sorted(set(place_ids))
    out: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = select(Place.id, Place.name).where(Place.id.in_(ids[start : start + _CHUNK]))
        out.update({pid: name for pid, name in session.execute(stmt)})
    return out


def find_places(ref: str, *, session: Session) -> list[PlaceRef]:
    """The places a user means by ``ref``: an id, or every place whose name or alternative
    name is exactly ``ref`` (Kalbajar: the district and its town). Unknown names are an
    error that suggests close matches; a wrong place is worse than none."""
    ref = ref.strip()
    if ref.isdigit():
        place = Lineages(session).place(int(ref))
        if place is None:
            raise InputError(f"--place: no place with id {ref}")
        return [place]
    found = service.search(session=session, name=ref, limit=50)
    key = name_key(ref)
    exact = [p for p in found if name_key(p.matched or "") == key or name_key(p.name) == key]
    if not exact:
        hint = ", ".join(f"{p.name} ({p.kind}, id {p.id})" for p in found[:5])
        raise InputError(
            f"--place: no place is called {ref!r}" + (f"; did you mean: {hint}?" if hint else "")
        )
    return [PlaceRef(p.id, p.name, p.kind, p.parent_id, p.country_code) for p in exact]
