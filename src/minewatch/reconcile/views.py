"""What reconciliation needs to know about a claim, detached from the database.

A :class:`ClaimView` joins a claim's fields with its document's publication date, publisher
and story, so matching, merging and checks are pure functions that tests and benchmarks can
drive with generated data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from minewatch.values import as_date

RECORD_KINDS = ("device_find", "casualties", "land_release", "inspection")
GOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "device_find": (
        "quantity",
        "device_category",
        "model",
        "origin_country",
        "production_year",
        "place",
        "action",
        "period_start",
        "period_end",
        "authority",
    ),
    "casualties": (
        "killed",
        "injured",
        "civilians_killed",
        "military_killed",
        "children",
        "place",
        "date",
        "period_start",
        "period_end",
        "authority",
        "incident",
    ),
    "land_release": ("area_m2", "method", "place", "period_start", "period_end", "authority"),
    "inspection": ("date", "place", "participants"),
}
COUNT_FIELDS = frozenset(
    {"quantity", "killed", "injured", "civilians_killed", "military_killed", "children", "area_m2"}
)
DATE_FIELDS = frozenset({"date", "period_start", "period_end"})


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One approved claim as reconciliation sees it."""

    id: int
    document_id: int
    ordinal: int
    kind: str
    fields: Mapping[str, Any]
    authority: str | None = None
    published: date | None = None
    publisher: str | None = None
    story_id: int | None = None
    origin: str = "extractor"
    extra: Mapping[str, Any] = field(default_factory=dict)
    start: date | None = field(init=False, default=None, compare=False)
    end: date | None = field(init=False, default=None, compare=False)
    key: str | None = field(init=False, default=None, compare=False)

    def __post_init__(self) -> None:
        # parsed once: matching compares every claim against many candidates
        day = as_date(self.fields.get("date"))
        start: date | None = day
        end: date | None = day
        if day is None:
            start = as_date(self.fields.get("period_start"))
            end = as_date(self.fields.get("period_end"))
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", figure_key(self.kind, self.fields))

    def get(self, name: str) -> Any:
        """A field value, None when unstated."""
        return self.fields.get(name)

    @property
    def total_of(self) -> list[int]:
        """Ordinals of the parts this claim is the stated total of (empty for ordinary claims)."""
        parts = self.fields.get("total_of") or []
        return [int(p) for p in parts if isinstance(p, int | float)]


def interval(view: ClaimView) -> tuple[date | None, date | None]:
    """The date or period a claim is about (start, end); a single date is both."""
    return view.start, view.end


def number(value: Any) -> float | None:
    """A count as a float (estimates dicts give their best), None when not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Mapping):
        return number(value.get("best"))
    return None


def figure_key(kind: str, fields: Mapping[str, Any]) -> str | None:
    """The blocking key of a fact: its kind and key figure (quantity, killed, area, date)."""
    if kind == "device_find":
        q = number(fields.get("quantity"))
        return None if q is None else f"device_find:{q:g}"
    if kind == "casualties":
        killed, injured = number(fields.get("killed")), number(fields.get("injured"))
        if killed is not None:
            return f"casualties:k{killed:g}"
        return None if injured is None else f"casualties:i{injured:g}"
    if kind == "land_release":
        area = number(fields.get("area_m2"))
        return None if area is None else f"land_release:{float(f'{area:.2g}'):g}"
    if kind == "inspection":
        day = as_date(fields.get("date"))
        return None if day is None else f"inspection:{day.isoformat()}"
    return None
