"""Place phrases to gazetteer places with a UCDP precision; pure (no database, no I/O).

``where_prec`` follows the UCDP GED codebook: 1 the exact place (a named village or town);
2 within ~25 km of a known point ("near X", "north of the Saribaba height", a point-like
feature such as a height); 3 a second-order unit (district, raion, municipality, commune,
township: the finest admin level claimed); 4 a first-order unit (province, oblast,
governorate); 5 a larger area inside a country (Azerbaijan's economic regions, the
Kurdistan Region, linear or areal features such as a wadi or road, several units listed
together); 6 the country; 7 unknown.

Candidates are decided by evidence only: the type word ("district", "city"), the containing
units the phrase names ("X, Y district", "X in Y", "Y's X"), places it is relative to ("west
of Taiz"), sibling names of a list, and the document's other places and country. Same-name
places that are one place at different levels (Aghdam city and Aghdam district) collapse to
the level the phrase supports. Anything still ambiguous abstains, listing candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from minewatch.gazetteer.index import RANK, Entry, GazetteerIndex, distance_km
from minewatch.gazetteer.names import strip_adjectival, strip_article
from minewatch.gazetteer.phrases import Item, ParsedPhrase, parse_phrase

BASE_PREC = {
    "country": 6,
    "region": 5,
    "economic_region": 5,
    "admin1": 4,
    "admin2": 3,
    "admin3": 3,
    "locality": 1,
    "feature": 2,
}
UNKNOWN_PREC = 7
# GeoNames feature codes that are lines or areas rather than points
_EXTENDED = frozenset(
    {"STM", "STMI", "STMS", "STMX", "WAD", "WADS", "WADX", "RD", "RDS", "TRL", "RR", "CNL"}
    | {"VAL", "VALS", "RDGE", "MTS", "HLLS", "DSRT", "PLN", "PLAT", "BDR", "RGN", "AREA", "FRST"}
)
_ADMIN = frozenset({"admin1", "admin2", "admin3", "region", "economic_region"})
TYPE_KINDS: dict[str, frozenset[str]] = {
    "district": frozenset({"admin2", "admin3"}),
    "province": frozenset({"admin1"}),
    "region": frozenset({"admin1", "region", "economic_region"}),
    "economic_region": frozenset({"economic_region"}),
    "municipality": frozenset({"admin2", "admin3"}),
    "canton": frozenset({"admin2"}),
    "community": frozenset({"admin3"}),
    "township": frozenset({"admin2", "admin3"}),
    "locality": frozenset({"locality"}),
    "feature": frozenset({"feature"}),
    "direction": _ADMIN,
}
# how far a place may lie from a container's point and still count as inside it (km)
_RADIUS = {"region": 400, "economic_region": 150, "admin1": 400, "admin2": 80, "admin3": 30}
_SAME_PLACE_KM = 50.0
_MAX_CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A gazetteer place as a result: id, name, point and the precision it stands for."""

    id: int
    name: str
    kind: str
    country_code: str | None
    lon: float | None
    lat: float | None
    where_prec: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country_code": self.country_code,
            "lon": self.lon,
            "lat": self.lat,
            "where_prec": self.where_prec,
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """``status``: resolved, partial (some names of a list unresolved), ambiguous, unknown."""

    phrase: str
    status: str
    places: tuple[ResolvedPlace, ...] = ()
    candidates: tuple[ResolvedPlace, ...] = ()
    where_prec: int = UNKNOWN_PREC
    lon: float | None = None
    lat: float | None = None
    note: str = ""

    @property
    def country_codes(self) -> set[str]:
        """Countries of the resolved places."""
        return {p.country_code for p in self.places if p.country_code}


@dataclass
class _Context:
    anchors: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    hint: str | None = None


class Resolver:
    """Resolves place phrases against one `GazetteerIndex`."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index

    # --- public ------------------------------------------------------------------------

    def resolve(
        self, phrase: str, *, context: Sequence[str] = (), country: str | None = None
    ) -> Resolution:
        """Resolve one phrase; ``context`` are the document's other place phrases."""
        if not phrase.strip():
            return Resolution(phrase, "unknown", note="empty phrase")
        phrases = [phrase, *[c for c in context if c and c != phrase]]
        return self.resolve_document(phrases, country=country)[0]  # type: ignore[return-value]

    def resolve_document(
        self, phrases: Sequence[str | None], *, country: str | None = None
    ) -> list[Resolution | None]:
        """Resolve every phrase of a document; unambiguous ones become context for the rest."""
        hint = country.upper() if country else None
        base = _Context(hint=hint, countries={hint} if hint else set())
        first: dict[str, Resolution] = {}
        for p in dict.fromkeys(p for p in phrases if p):
            first[p] = self._resolve(p, base)
        ctx = _Context(hint=hint, countries=set(base.countries))
        for res in first.values():
            if res.status == "resolved":
                ctx.anchors.update(pl.id for pl in res.places)
                ctx.countries.update(res.country_codes)
        final = {
            p: (res if res.status == "resolved" or not ctx.anchors else self._resolve(p, ctx))
            for p, res in first.items()
        }
        return [final[p] if p else None for p in phrases]

    # --- one phrase ----------------------------------------------------------------------

    def _resolve(self, phrase: str, ctx: _Context) -> Resolution:
        parsed = parse_phrase(phrase, self.index.known)
        if not parsed.items:
            return Resolution(phrase, "unknown", note="no place name in the phrase")
        containers = self._containers(parsed.parents, ctx)
        references = [e for it in parsed.references for e in self._candidates(it, ctx)[0]]
        chosen: list[tuple[Entry, int]] = []
        open_candidates: list[Entry] = []
        notes: list[str] = []
        pending: list[tuple[Item, list[list[Entry]]]] = []
        for item in parsed.items:
            clusters, note = self._item_clusters(item, parsed, containers, references, ctx)
            if note:
                notes.append(note)
            if len(clusters) == 1:
                chosen.append(self._pick(clusters[0], item, parsed))
            else:
                pending.append((item, clusters))
        # sibling names of a list settle each other's country ("Aden" with "Marib", "Taiz")
        sibling_countries = {e.country for e, _ in chosen if e.country}
        for item, clusters in pending:
            narrowed = [c for c in clusters if c[0].country in sibling_countries]
            if len(narrowed) == 1:
                chosen.append(self._pick(narrowed[0], item, parsed))
            elif clusters:
                open_candidates.extend(c[0] for c in clusters)
        if not chosen and not open_candidates and containers and containers[0]:
            clusters = self._clusters(containers[0])
            if len(clusters) == 1:
                entry = self._coarsest(clusters[0])
                prec = BASE_PREC[entry.kind]
                if parsed.relation == "near" and entry.kind == "locality":
                    prec = 2
                notes.append(f"{parsed.items[0].text!r} not found inside it: located at the parent")
                chosen.append((entry, prec))
        return self._result(phrase, parsed, chosen, open_candidates, "; ".join(notes))

    def _candidates(self, item: Item, ctx: _Context) -> tuple[list[Entry], bool]:
        """Entries named like ``item`` of a kind its type word allows; flag: seat fallback."""
        ids = self._lookup(item)
        if len(ids) > _MAX_CANDIDATES:
            ids = ids[:_MAX_CANDIDATES]
        entries = [self.index.entries[i] for i in ids]
        if item.type is None:
            return entries, False
        allowed = TYPE_KINDS.get(item.type)
        if allowed is None:
            return entries, False
        typed = [e for e in entries if e.kind in allowed]
        if typed:
            return typed, False
        # a unit known only by its eponymous seat, accepted inside the document's countries
        if allowed & _ADMIN and ctx.countries:
            seats = [e for e in entries if e.kind == "locality" and e.country in ctx.countries]
            return seats, bool(seats)
        return [], False

    def _lookup(self, item: Item) -> list[int]:
        keys = list(dict.fromkeys((item.full_key, item.key, strip_article(item.key))))
        for loose in (False, True):
            ids = list(dict.fromkeys(i for k in keys for i in self.index.lookup(k, loose=loose)))
            if ids:
                return ids
        noun = strip_adjectival(item.key)
        if noun:
            for loose in (False, True):
                if ids := self.index.lookup(noun, loose=loose):
                    return list(ids)
        return []

    def _containers(self, parents: Sequence[Item], ctx: _Context) -> list[list[Entry]]:
        """Candidates of each named parent, innermost first, each filtered by the outer ones."""
        levels: list[list[Entry]] = []
        outer: list[Entry] = []
        for item in reversed(parents):
            cands, _ = self._candidates(item, ctx)
            if outer:
                inside = [c for c in cands if any(self._inside(c, p) for p in outer)]
                cands = inside or cands
            cands = self._prefer_context(cands, ctx)
            levels.insert(0, cands)
            if cands:
                outer = cands
        return levels

    def _item_clusters(
        self,
        item: Item,
        parsed: ParsedPhrase,
        containers: list[list[Entry]],
        references: list[Entry],
        ctx: _Context,
    ) -> tuple[list[list[Entry]], str]:
        cands, seat = self._candidates(item, ctx)
        note = f"{item.text!r} located at the seat of the unit" if seat else ""
        for level in containers:
            if level:
                inside = [c for c in cands if any(self._inside(c, p) for p in level)]
                cands = inside
                break
        if not cands:
            return [], note
        clusters = self._clusters(cands)
        if len(clusters) > 1 and references:
            near = [
                c for c in clusters if any(self._near(e, r, 150.0) for e in c for r in references)
            ]
            clusters = near or clusters
        if len(clusters) > 1:
            clusters = self._by_context(clusters, ctx)
        if len(clusters) == 1 and not self._country_ok(clusters[0], item, ctx):
            return [], f"{item.text!r}: only candidates outside the document's countries"
        return clusters, note

    # --- evidence ------------------------------------------------------------------------

    def _inside(self, entry: Entry, container: Entry) -> bool:
        """Is ``entry`` within ``container``: by the parent chain, else by distance."""
        if entry.id == container.id:
            return True
        chain = self.index.ancestors(entry.id)
        if container.id in chain:
            return True
        if entry.country and container.country and entry.country != container.country:
            return False
        if container.kind == "country":
            return entry.country == container.country
        same_level = [
            self.index.entries[a]
            for a in chain
            if RANK[self.index.entries[a].kind] == RANK[container.kind]
        ]
        for a in same_level:
            d = distance_km(a, container)
            if d is not None and d <= _SAME_PLACE_KM:
                return True  # the same unit from another source
        if same_level:
            return False  # known to lie in another unit of that level
        d = distance_km(entry, container)
        if d is None:
            return entry.country == container.country
        return d <= _RADIUS.get(container.kind, 25.0)

    def _near(self, a: Entry, b: Entry, km: float) -> bool:
        d = distance_km(a, b)
        return d is not None and d <= km

    def _related(self, a: Entry, b: Entry) -> bool:
        """One place at two levels, or two sources of one place."""
        if a.country != b.country:
            return False
        if a.id in self.index.ancestors(b.id) or b.id in self.index.ancestors(a.id):
            return True
        d = distance_km(a, b)
        if d is None:
            return a.kind != b.kind
        return d <= _SAME_PLACE_KM and (a.kind != b.kind or d <= 5.0)

    def _clusters(self, entries: list[Entry]) -> list[list[Entry]]:
        clusters: list[list[Entry]] = []
        for e in entries:
            home = [c for c in clusters if any(self._related(e, x) for x in c)]
            merged = [e]
            for c in home:
                merged.extend(c)
                clusters.remove(c)
            clusters.append(merged)
        return clusters

    def _prefer_context(self, entries: list[Entry], ctx: _Context) -> list[Entry]:
        if ctx.hint:
            hinted = [e for e in entries if e.country == ctx.hint]
            if hinted:
                return hinted
        return entries

    def _by_context(self, clusters: list[list[Entry]], ctx: _Context) -> list[list[Entry]]:
        if ctx.hint:
            hinted = [c for c in clusters if c[0].country == ctx.hint]
            clusters = hinted or clusters
        if len(clusters) > 1 and ctx.anchors:
            anchors = [self.index.entries[a] for a in ctx.anchors if a in self.index.entries]
            linked = [
                c
                for c in clusters
                if any(self._anchor_link(e, a) for e in c for a in anchors if a.kind != "country")
            ]
            clusters = linked or clusters
        if len(clusters) > 1 and ctx.countries:
            local = [c for c in clusters if c[0].country in ctx.countries]
            clusters = local or clusters
        return clusters

    def _anchor_link(self, e: Entry, anchor: Entry) -> bool:
        if e.id == anchor.id or anchor.id in self.index.ancestors(e.id):
            return True
        if e.id in self.index.ancestors(anchor.id):
            return True
        return self._near(e, anchor, 60.0)

    def _country_ok(self, cluster: list[Entry], item: Item, ctx: _Context) -> bool:
        """A small place outside every country of the document is not trusted."""
        if not ctx.countries:
            return True
        if any(e.country in ctx.countries for e in cluster):
            return True
        return any(e.kind in ("country", "admin1", "region") for e in cluster)

    # --- choosing and precision -----------------------------------------------------------

    def _coarsest(self, cluster: list[Entry]) -> Entry:
        return min(cluster, key=lambda e: (RANK[e.kind], e.lon is None, e.id))

    def _pick(self, cluster: list[Entry], item: Item, parsed: ParsedPhrase) -> tuple[Entry, int]:
        """The member the phrase supports, and its precision."""
        point_like = parsed.relation == "near" or item.type in ("locality", "feature")
        if point_like and any(e.kind in ("locality", "feature") for e in cluster):
            pool = [e for e in cluster if e.kind in ("locality", "feature")]
            entry = min(pool, key=lambda e: (e.lon is None, -len(self.index.ancestors(e.id)), e.id))
        else:
            entry = self._coarsest(cluster)
        prec = BASE_PREC[entry.kind]
        if entry.kind == "feature" and entry.feature_code in _EXTENDED:
            prec = 5
        elif entry.kind == "locality" and parsed.relation == "near":
            prec = 2
        if item.type in TYPE_KINDS and TYPE_KINDS[item.type] & _ADMIN and entry.kind == "locality":
            prec = max(prec, min(BASE_PREC[k] for k in TYPE_KINDS[item.type]))
        return entry, prec

    def _result(
        self,
        phrase: str,
        parsed: ParsedPhrase,
        chosen: list[tuple[Entry, int]],
        open_candidates: list[Entry],
        note: str,
    ) -> Resolution:
        places = tuple(dict.fromkeys(_as_result(e, p) for e, p in chosen))
        candidates = tuple(_as_result(e, BASE_PREC[e.kind]) for e in open_candidates[:20])
        if not places:
            status = "ambiguous" if candidates else "unknown"
            return Resolution(phrase, status, candidates=candidates, note=note)
        status = "partial" if candidates or len(places) < len(parsed.items) else "resolved"
        prec, lon, lat = self._summary([e for e, _ in chosen], [p.where_prec for p in places])
        return Resolution(phrase, status, places, candidates, prec, lon, lat, note)

    def _summary(
        self, entries: list[Entry], precs: list[int]
    ) -> tuple[int, float | None, float | None]:
        """One point and precision for the whole phrase (several places: a larger area)."""
        pts = [(e.lon, e.lat) for e in entries if e.lon is not None and e.lat is not None]
        lon = sum(p[0] for p in pts) / len(pts) if pts else None  # type: ignore[misc]
        lat = sum(p[1] for p in pts) / len(pts) if pts else None  # type: ignore[misc]
        if len({e.id for e in entries}) == 1:
            return precs[0], lon, lat
        common = self._common_ancestor(entries)
        area = min(5, BASE_PREC[common.kind]) if common is not None else 5
        return max(max(precs), area), lon, lat

    def _common_ancestor(self, entries: Iterable[Entry]) -> Entry | None:
        chains = [(e.id, *self.index.ancestors(e.id)) for e in entries]
        shared = set(chains[0]).intersection(*map(set, chains[1:]))
        for pid in chains[0]:
            if pid in shared:
                return self.index.entries[pid]
        return None


def _as_result(entry: Entry, prec: int) -> ResolvedPlace:
    return ResolvedPlace(
        entry.id, entry.name, entry.kind, entry.country, entry.lon, entry.lat, prec
    )
