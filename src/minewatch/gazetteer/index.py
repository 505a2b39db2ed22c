"""The in-memory gazetteer the resolver reads: entries, name keys, ancestors, distances.

Built once (from the database by `service.build_index`, or straight from loader records)
and then only read, so resolving 10,000 mentions is dictionary work, not SQL.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from minewatch.gazetteer.loaders import PlaceRecord
from minewatch.gazetteer.names import (
    core_keys,
    is_latin,
    key_variants,
    loose_key,
    loose_keys,
    name_key,
    plain_key,
)

_LATIN_KEY = re.compile(r"[a-z0-9 ]+")  # `is_latin` without the call, for the bulk loop
RANK = {
    "country": 0,
    "region": 1,
    "economic_region": 1,
    "admin1": 2,
    "admin2": 3,
    "admin3": 4,
    "locality": 5,
    "feature": 5,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One place as the resolver sees it."""

    id: int
    name: str
    kind: str
    country: str | None
    parent: int | None
    lon: float | None
    lat: float | None
    feature_code: str | None = None


def distance_km(a: Entry, b: Entry) -> float | None:
    """Great-circle distance, or None when either has no point."""
    if a.lon is None or a.lat is None or b.lon is None or b.lat is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class GazetteerIndex:
    """Entries by id and by name key (exact and loose); ancestors cached."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self._keys: dict[str, list[int]] = {}
        self._loose: dict[str, list[int]] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry, names: Iterable[str]) -> None:
        """Add a place findable under every key of its names (Latin-script names only)."""
        self.entries[entry.id] = entry
        for name in (entry.name, *names):
            for key in core_keys(name):
                if not is_latin(key):
                    continue
                for table, k in ((self._keys, key), (self._loose, loose_key(key))):
                    ids = table.setdefault(k, [])
                    if entry.id not in ids[-3:]:
                        ids.append(entry.id)

    @classmethod
    def from_keys(
        cls,
        entries: Iterable[Entry],
        keys: Iterable[tuple[int, str]],
        *,
        unnamed: Iterable[Entry] | None = None,
    ) -> GazetteerIndex:
        """Build from stored ``(place_id, name key)`` pairs, in any order.

        Gives what `add` gives for every entry in id order (id lists ascending), but derives
        each distinct key once and does not normalise stored keys again: this runs in every
        ingest process. ``unnamed`` are the entries whose primary name has no stored row
        (default: all, whose keys are then computed). Lists may be shared between the
        tables, so once built they are replaced, never appended to.
        """
        index = cls()
        index.entries = {e.id: e for e in entries}
        by_key: dict[str, list[int]] = {}
        unsorted: set[str] = set()
        for pid, key in keys:
            ids = by_key.get(key)
            if ids is None:
                by_key[key] = [pid]
            elif ids[-1] < pid:
                ids.append(pid)
            elif ids[-1] > pid:
                ids.append(pid)
                unsorted.add(key)
        for entry in index.entries.values() if unnamed is None else unnamed:
            key = name_key(entry.name)
            ids = by_key.get(key)
            if ids is None:
                by_key[key] = [entry.id]
            elif entry.id not in ids:
                ids.append(entry.id)
                unsorted.add(key)
        for key in unsorted:
            by_key[key] = sorted(set(by_key[key]))
        flat_keys: list[str] = []
        flat_ids: list[list[int]] = []
        latin = _LATIN_KEY.fullmatch
        for key, ids in by_key.items():
            if plain_key(key):
                if latin(key):
                    flat_keys.append(key)
                    flat_ids.append(ids)
            elif is_latin(key):  # variants only strip Latin words: not Latin either
                for k in key_variants(key):
                    flat_keys.append(k)
                    flat_ids.append(ids)
        index._keys = _table(flat_keys, flat_ids)
        index._loose = _table(loose_keys(flat_keys), flat_ids)
        return index

    def lookup(self, key: str, *, loose: bool = False) -> list[int]:
        """Ids of places with this key (or loose key)."""
        if loose:
            return self._loose.get(loose_key(key), [])
        return self._keys.get(key, [])

    def known(self, key: str) -> bool:
        """True when some place has exactly this key (protects "Bosnia and Herzegovina")."""
        return key in self._keys

    def ancestors(self, place_id: int) -> tuple[int, ...]:
        """Parent, grandparent, ... (cycles cut)."""
        cached = self._ancestors.get(place_id)
        if cached is not None:
            return cached
        chain: list[int] = []
        seen = {place_id}
        parent = self.entries[place_id].parent
        while parent is not None and parent not in seen and parent in self.entries:
            chain.append(parent)
            seen.add(parent)
            parent = self.entries[parent].parent
        out = tuple(chain)
        self._ancestors[place_id] = out
        return out

    @classmethod
    def from_records(cls, records: Iterable[PlaceRecord]) -> GazetteerIndex:
        """Build without a database (ids in record order, parents linked by code)."""
        recs = list(records)
        codes: dict[str, int] = {}
        for i, r in enumerate(recs, start=1):
            if r.code and r.code not in codes:
                codes[r.code] = i
        index = cls()
        for i, r in enumerate(recs, start=1):
            parent = None
            code = r.parent_code
            while code:
                parent = codes.get(code)
                if parent is not None or "." not in code:
                    break
                code = code.rpartition(".")[0]
            if parent == i:
                parent = None
            entry = Entry(i, r.name, r.kind, r.country_code, parent, r.lon, r.lat, r.feature_code)
            index.add(entry, r.names)
        return index


def _table(keys: list[str], lists: list[list[int]]) -> dict[str, list[int]]:
    """Key -> ids, the lists of a key that occurs several times merged (ascending)."""
    table = dict(zip(keys, lists, strict=True))
    if len(table) < len(keys):
        repeated = {k for k, n in Counter(keys).items() if n > 1}
        merged: dict[str, set[int]] = {}
        for k, ids in zip(keys, lists, strict=True):
            if k in repeated:
                merged.setdefault(k, set()).update(ids)
        for k, found in merged.items():
            table[k] = sorted(found)
    return table
