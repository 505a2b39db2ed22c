"""Claim clustering: assign each approved claim to the record it supports, or start a new one.

Candidates come from three blocking indexes (story; key figure + place; day + place), so each
claim is judged against a handful of records rather than all of them (a record outside the
claim's story can only match on a named place); the judgement itself is
:mod:`minewatch.reconcile.match`. Claims are taken oldest publication first, so the earliest
report seeds a record and later copies join it. Pure and in memory: the service loads the
candidate records and writes the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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
        self._by_figure: dict[tuple[str, str], dict[int, Profile]] = {}
        self._by_story: dict[tuple[str, int], dict[int, Profile]] = {}
        self._by_day: dict[tuple[str, date, str], dict[int, Profile]] = {}
        self._next = -1
        for profile in profiles:
            self.profiles[profile.key] = profile
            for view in profile.views:
                self._index(profile, view)

    def _index(self, profile: Profile, view: ClaimView) -> None:
        for figure_place in _figure_keys(view):
            self._by_figure.setdefault(figure_place, {})[profile.key] = profile
        if view.story_id is not None:
            self._by_story.setdefault((view.kind, view.story_id), {})[profile.key] = profile
        for day_key in _day_keys(view):
            self._by_day.setdefault(day_key, {})[profile.key] = profile

    def candidates(self, view: ClaimView) -> list[Profile]:
        """Records sharing the claim's key figure, story or day, oldest first."""
        found: dict[int, Profile] = {}
        for figure_place in _figure_keys(view):
            found.update(self._by_figure.get(figure_place, {}))
        if view.story_id is not None:
            found.update(self._by_story.get((view.kind, view.story_id), {}))
        for day_key in _day_keys(view):
            found.update(self._by_day.get(day_key, {}))
        return [found[k] for k in sorted(found, key=lambda k: (k < 0, abs(k)))]

    def assign(self, view: ClaimView) -> Assignment:
        """Put one claim into the best matching record, or into a new one."""
        match = best_match(view, self.candidates(view))
        if match is None:
            profile = Profile(key=self._next, kind=view.kind)
            self._next -= 1
            self.profiles[profile.key] = profile
            verdict_score, conflict, new = None, False, True
        else:
            profile, verdict = match
            verdict_score, conflict, new = verdict.score, verdict.conflict, False
        profile.add(view)
        self._index(profile, view)
        return Assignment(view.id, profile.key, verdict_score, conflict, new)


def _prefixes(view: ClaimView) -> list[str]:
    place = view.get("place")
    return [token[:3] for token in place_core(place)] if isinstance(place, str) else []


def _figure_keys(view: ClaimView) -> list[tuple[str, str]]:
    """Key figure and the first letters of each place name: outside its story a claim joins
    a record only when it names the same place (spellings agree in their first letters)."""
    return [(view.key, prefix) for prefix in _prefixes(view)] if view.key else []


def _day_keys(view: ClaimView) -> list[tuple[str, date, str]]:
    """Kind, start day and the first letters of each place name: a conflicting report of one
    incident shares the day and the place (spelled alike at least in its first letters)."""
    if view.start is None:
        return []
    return [(view.kind, view.start, prefix) for prefix in _prefixes(view)]


def cluster(views: Iterable[ClaimView], existing: Iterable[Profile] = ()) -> list[Assignment]:
    """Assign claims (oldest first) to existing profiles or new ones."""
    engine = Clusterer(existing)
    return [engine.assign(view) for view in sorted(views, key=order)]
