"""Claim clustering: assign each approved claim to the record it supports, or start a new one.

Candidates come from three blocking indexes (story; key figure + place + time; day + place),
so each claim is judged against a handful of records rather than all of them. A record
outside the claim's story can only match on a named place and only when stated dates agree
(within their precision) or publications are a week apart, so the figure index is also
keyed by publication week and date week / month / year: real figures repeat ("1 mine near
Fuzuli" is reported every week), and without time that block grew with the archive and
clustering went quadratic. The judgement itself is
:mod:`minewatch.reconcile.match`. Claims are taken oldest publication first, so the earliest
report seeds a record and later copies join it. Pure and in memory: the service loads the
candidate records and writes the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from minewatch.reconcile.match import Profile, best_match
from minewatch.reconcile.names import place_core
from minewatch.reconcile.views import ClaimView

_FAR = date.max


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one claim went: the profile key (negative for a new record) and the match score."""

    claim_id: int
    key: int
    score: float | None
    conflict: bool
    new: bool


def order(view: ClaimView) -> tuple[date, int, int]:
    """Oldest publication first, then document and position in it."""
    return (view.published or _FAR, view.document_id, view.ordinal)


class Clusterer:
    """Incremental clustering over blocking indexes."""

    def __init__(self, profiles: Iterable[Profile] = ()) -> None:
        self.profiles: dict[int, Profile] = {}
        self._by_figure: dict[_FigureKey, dict[int, Profile]] = {}
        self._by_story: dict[tuple[str, int], dict[int, Profile]] = {}
        self._by_day: dict[tuple[str, date, str], dict[int, Profile]] = {}
        self._next = -1
        for profile in profiles:
            self.profiles[profile.key] = profile
            for view in profile.views:
                self._index(profile, view)

    def _index(self, profile: Profile, view: ClaimView, keys: _Keys | None = None) -> None:
        figures, _near, days = keys or _keys(view)
        for figure_place in figures:
            self._by_figure.setdefault(figure_place, {})[profile.key] = profile
        if view.story_id is not None:
            self._by_story.setdefault((view.kind, view.story_id), {})[profile.key] = profile
        for day_key in days:
            self._by_day.setdefault(day_key, {})[profile.key] = profile

    def candidates(self, view: ClaimView, keys: _Keys | None = None) -> list[Profile]:
        """Records sharing the claim's key figure, story or day, oldest first."""
        _own, figures, days = keys or _keys(view)
        found: dict[int, Profile] = {}
        for figure_place in figures:
            found.update(self._by_figure.get(figure_place, {}))
        if view.story_id is not None:
            found.update(self._by_story.get((view.kind, view.story_id), {}))
        for day_key in days:
            found.update(self._by_day.get(day_key, {}))
        if len(found) < 2:
            return list(found.values())
        return [found[k] for k in sorted(found, key=lambda k: (k < 0, abs(k)))]

    def assign(self, view: ClaimView) -> Assignment:
        """Put one claim into the best matching record, or into a new one."""
        keys = _keys(view)
        match = best_match(view, self.candidates(view, keys))
        if match is None:
            profile = Profile(key=self._next, kind=view.kind)
            self._next -= 1
            self.profiles[profile.key] = profile
            verdict_score, conflict, new = None, False, True
        else:
            profile, verdict = match
            verdict_score, conflict, new = verdict.score, verdict.conflict, False
        profile.add(view)
        self._index(profile, view, keys)
        return Assignment(view.id, profile.key, verdict_score, conflict, new)


_FigureKey = tuple[str, str, str, int]
_Keys = tuple[list[_FigureKey], list[_FigureKey], list[tuple[str, date, str]]]


def _keys(view: ClaimView) -> _Keys:
    """The claim's blocking keys, computed once: figure keys to index it under, figure keys
    to look up and day keys."""
    prefixes = _prefixes(view)
    return (
        _figure_keys(view, prefixes, _time_buckets(view)),
        _figure_keys(view, prefixes, _time_lookups(view)),
        _day_keys(view, prefixes),
    )


def _prec(view: ClaimView) -> int:
    prec = view.fields.get("date_prec")
    return min(prec, 5) if isinstance(prec, int) and prec > 0 else 1


def _week(day: date) -> int:
    return day.toordinal() // 7


def _time_buckets(view: ClaimView) -> set[tuple[str, int]]:
    """Where a claim is filed in time: its publication week, and each stated date's week
    (precise dates), month (month precision) or year (year precision)."""
    out = {("p", _week(view.published))} if view.published else set()
    prec = _prec(view)
    for day in {view.start, view.end} - {None}:
        assert day is not None
        if prec <= 3:
            out.add(("w", _week(day)))
        elif prec == 4:
            out.add(("m", day.year * 12 + day.month))
        else:
            out.add(("y", day.year))
    return out


def _time_lookups(view: ClaimView) -> set[tuple[str, int]]:
    """Every bucket holding a claim that can agree with this one outside its story (see
    :func:`minewatch.reconcile.match.judge`): publications at most a week apart, or stated
    dates agreeing at the coarser precision of the two (7 days, the month, the year)."""
    out = set()
    if view.published:
        out |= {("p", _week(view.published) + d) for d in (-1, 0, 1)}
    prec = _prec(view)
    for day in {view.start, view.end} - {None}:
        assert day is not None
        out.add(("y", day.year))
        if prec <= 3:
            lo, hi = day - timedelta(days=7), day + timedelta(days=7)
            months = {lo.year * 12 + lo.month, hi.year * 12 + hi.month}
            out |= {("m", m) for m in months}
        elif prec == 4:
            first = day.replace(day=1)
            lo, hi = first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            out.add(("m", day.year * 12 + day.month))
        else:
            lo, hi = date(day.year, 1, 1), date(day.year, 12, 31)
            out |= {("m", day.year * 12 + m) for m in range(1, 13)}
        out |= {("w", w) for w in range(_week(lo) - 1, _week(hi) + 2)}
    return out


def _prefixes(view: ClaimView) -> list[str]:
    place = view.fields.get("place")
    return [token[:3] for token in place_core(place)] if isinstance(place, str) else []


def _figure_keys(
    view: ClaimView, prefixes: list[str], buckets: Iterable[tuple[str, int]]
) -> list[_FigureKey]:
    """Key figure, the first letters of each place name and a time bucket: outside its story
    a claim joins a record only when it names the same place (spellings agree in their first
    letters) and its dates agree or it was published within a week."""
    key = view.key
    return [(key, prefix, *bucket) for prefix in prefixes for bucket in buckets] if key else []


def _day_keys(view: ClaimView, prefixes: list[str]) -> list[tuple[str, date, str]]:
    """Kind, start day and the first letters of each place name: a conflicting report of one
    incident shares the day and the place (spelled alike at least in its first letters)."""
    if view.start is None:
        return []
    return [(view.kind, view.start, prefix) for prefix in prefixes]


def cluster(views: Iterable[ClaimView], existing: Iterable[Profile] = ()) -> list[Assignment]:
    """Assign claims (oldest first) to existing profiles or new ones."""
    engine = Clusterer(existing)
    return [engine.assign(view) for view in sorted(views, key=order)]
