"""Does a claim state the same real-world fact as a (forming) record? Pure rules, no database.

Rules, strictest first (abstain rather than guess: an unsure pair stays two records, a
reviewer can still merge by correcting):

* same kind; casualties: incident and aggregate never mix;
* stated dates and periods must agree within their precision, places must name one place,
  model / category / method / origin must not contradict;
* within one document two claims are one fact only when they repeat it exactly, or when two
  different authorities give different tolls for one dated, placed incident;
* equal key figures match inside a story (syndicated copies); across stories they also need
  an anchor (the same place, and the same dates or publication within a week);
* different figures (a conflict, kept and flagged) match only on a strong anchor: the same
  story or the same date, and the same named place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from minewatch.reconcile import names
from minewatch.reconcile.views import ClaimView, as_date, interval, number

WEEK = 7
AGGREGATE_WINDOW = 3
_PREC_DAYS = {1: 0, 2: 3, 3: 7, 4: 31, 5: 366}
_CATEGORICAL = ("model", "device_category", "method", "origin_country", "production_year")
_FIGURES = {
    "device_find": ("quantity",),
    "casualties": ("killed", "injured"),
    "land_release": ("area_m2",),
    "inspection": (),
}


@dataclass(slots=True)
class Profile:
    """What a record (or a record being formed) says, accumulated from its claims."""

    key: int
    kind: str
    views: list[ClaimView] = field(default_factory=list)
    stories: set[int] = field(default_factory=set)
    documents: dict[int, set[str | None]] = field(default_factory=dict)

    def add(self, view: ClaimView) -> None:
        """Count one more supporting claim."""
        self.views.append(view)
        if view.story_id is not None:
            self.stories.add(view.story_id)
        self.documents.setdefault(view.document_id, set()).add(view.authority)

    def published(self) -> list[date]:
        """Publication dates of the supporting documents."""
        return [v.published for v in self.views if v.published is not None]


def _folded(value: object) -> str:
    return names.fold(str(value)) if isinstance(value, str) else str(value)


def _dates_agree(a: date | None, b: date | None, prec: int) -> bool | None:
    if a is None or b is None:
        return None
    if prec >= 4:
        return (a.year, a.month if prec == 4 else 0) == (b.year, b.month if prec == 4 else 0)
    return abs((a - b).days) <= _PREC_DAYS.get(prec, 0)


def _prec(view: ClaimView) -> int:
    prec = view.fields.get("date_prec")
    return int(prec) if isinstance(prec, int) and prec > 0 else 1


def dates_agree(view: ClaimView, other: ClaimView) -> bool | None:
    """True/False when both state dates (within precision), None when either is silent."""
    (s1, e1), (s2, e2) = interval(view), interval(other)
    prec = max(_prec(view), _prec(other))
    verdicts = [_dates_agree(s1, s2, prec), _dates_agree(e1, e2, prec)]
    if False in verdicts:
        return False
    return True if True in verdicts else None


def _values_contradict(view: ClaimView, other: ClaimView) -> bool:
    for name in _CATEGORICAL:
        a, b = view.fields.get(name), other.fields.get(name)
        if a is None or b is None or "unknown" in (a, b):
            continue
        if a != b and _folded(a) != _folded(b):
            return True
    if view.kind == "casualties":
        a, b = view.fields.get("incident"), other.fields.get("incident")
        if a is not None and b is not None and bool(a) != bool(b):
            return True
    return False


def figures_agree(view: ClaimView, other: ClaimView) -> bool | None:
    """True when every key figure both state is equal (areas within 0.5%), False when one
    differs, None when they share no stated figure (inspections compare dates instead)."""
    if view.kind == "inspection":
        day_a, day_b = as_date(view.fields.get("date")), as_date(other.fields.get("date"))
        return None if day_a is None or day_b is None else day_a == day_b
    verdict: bool | None = None
    for name in _FIGURES[view.kind]:
        a, b = number(view.fields.get(name)), number(other.fields.get(name))
        if a is None or b is None:
            continue
        same = abs(a - b) <= 0.005 * max(a, b) if name == "area_m2" else a == b
        if not same:
            return False
        verdict = True
    return verdict


def _open_aggregate(view: ClaimView) -> bool:
    _start, end = interval(view)
    return (
        view.fields.get("incident") is not True and end is None and view.fields.get("date") is None
    )


def _close(a: date | None, dates: Iterable[date], days: int) -> bool:
    return a is not None and any(abs((a - d).days) <= days for d in dates)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A possible match and how good it is (higher is better); ``conflict`` when figures differ."""

    score: float
    conflict: bool


def judge(view: ClaimView, profile: Profile) -> Verdict | None:
    """Whether ``view`` can join ``profile``; None when it must not."""
    if view.kind != profile.kind:
        return None
    same_story = view.story_id is not None and view.story_id in profile.stories
    place_hits: list[bool] = []
    date_hits: list[bool] = []
    figures: list[bool] = []
    for other in profile.views:
        if _values_contradict(view, other):
            return None
        agree = dates_agree(view, other)
        if agree is False:
            return None
        if agree:
            date_hits.append(True)
        place = names.same_place(view.fields.get("place"), other.fields.get("place"))
        if place is False:
            return None
        if place:
            place_hits.append(True)
        fig = figures_agree(view, other)
        if fig is not None:
            figures.append(fig)
        if view.kind == "inspection" and not _participants_overlap(view, other):
            return None
    conflict = False in figures
    exact = bool(figures) and not conflict
    if view.kind == "inspection" and not exact:
        return None
    if not _same_document_ok(view, profile, exact, bool(place_hits), bool(date_hits)):
        return None
    if not same_story:
        if not place_hits:
            return None
        if not (date_hits or _close(view.published, profile.published(), WEEK)):
            return None
    recent = _close(view.published, profile.published(), AGGREGATE_WINDOW)
    if _open_aggregate(view) and not same_story and not recent:
        return None
    if (conflict or not exact) and not (place_hits and (same_story or date_hits)):
        return None
    score = (2.0 if exact else 0.0) + (1.0 if same_story else 0.0)
    score += 0.5 * bool(place_hits) + 0.5 * bool(date_hits)
    return Verdict(score, conflict or not exact)


def _same_document_ok(
    view: ClaimView, profile: Profile, exact: bool, placed: bool, dated: bool
) -> bool:
    authorities = profile.documents.get(view.document_id)
    if authorities is None:
        return True
    if exact:  # the same fact repeated in one document (headline and body), never a guess
        return placed or dated
    # two authorities in one document disagreeing about one dated, placed incident
    return (
        view.authority is not None
        and view.authority not in authorities
        and None not in authorities
        and placed
        and dated
    )


def _participants_overlap(view: ClaimView, other: ClaimView) -> bool:
    a = [str(p) for p in view.fields.get("participants") or []]
    b = [str(p) for p in other.fields.get("participants") or []]
    if not a or not b:
        return True
    return any(names.same_participant(x, y) for x in a for y in b)


def best_match(view: ClaimView, profiles: Iterable[Profile]) -> tuple[Profile, Verdict] | None:
    """The best profile ``view`` may join (highest score, then oldest), or None."""
    best: tuple[Profile, Verdict] | None = None
    for profile in profiles:
        verdict = judge(view, profile)
        if verdict is None:
            continue
        if best is None or (verdict.score, -profile.key) > (best[1].score, -best[0].key):
            best = (profile, verdict)
    return best
